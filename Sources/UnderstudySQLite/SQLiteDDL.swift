import UnderstudyCore

/// CREATE statements from the schema model, for tables whose source kept no SQLite definition.
enum SQLiteDDL {
    static func createTable(_ table: Table) -> String {
        var parts = table.columns.map { column -> String in
            var text = "\(quoted(column.name)) \(column.declaredType)"
            if !column.isNullable { text += " NOT NULL" }
            if let value = column.defaultExpression { text += " DEFAULT \(value)" }
            return text
        }
        if !table.primaryKey.isEmpty {
            parts.append("PRIMARY KEY (\(table.primaryKey.map(quoted).joined(separator: ", ")))")
        }
        for index in table.indexes where index.isConstraint && index.isUnique && index.columns != table.primaryKey {
            parts.append("UNIQUE (\(index.columns.map(quoted).joined(separator: ", ")))")
        }
        for key in table.foreignKeys where !key.isVirtual {
            parts.append("FOREIGN KEY (\(key.columns.map(quoted).joined(separator: ", "))) REFERENCES \(quoted(key.referencedTable)) (\(key.referencedColumns.map(quoted).joined(separator: ", "))) ON UPDATE \(key.onUpdate) ON DELETE \(key.onDelete)")
        }
        return "CREATE TABLE \(quoted(table.name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)" + (table.hasRowID ? "" : " WITHOUT ROWID")
    }
}
