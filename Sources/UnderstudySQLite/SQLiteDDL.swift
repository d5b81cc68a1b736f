import UnderstudyCore

/// CREATE statements from the schema model, for tables whose source kept no SQLite definition.
enum SQLiteDDL {
    /// The SQLite declared type for a column of another engine (the documented mapping): keeps the
    /// logical type readable when the copy is introspected again.
    static func type(for column: Column, engine: DatabaseEngine) -> String {
        guard engine != .sqlite else { return column.declaredType }
        let declared = column.declaredType.uppercased()
        let parameters: String = {
            guard let open = declared.firstIndex(of: "("), declared.hasSuffix(")") else { return "" }
            return String(declared[open...])
        }()
        switch column.logicalType {
        case .integer: return "INTEGER"
        case .real: return "REAL"
        case .decimal: return "NUMERIC" + parameters
        case .boolean: return "BOOLEAN"
        case .date: return "DATE"
        case .timestamp: return declared.contains("WITH TIME ZONE") || declared.contains("TZ") ? "TIMESTAMPTZ" : "TIMESTAMP"
        case .uuid: return "UUID"
        case .json: return "JSON"
        case .blob: return "BLOB"
        case .text: return declared.contains("CHAR") && !parameters.isEmpty ? "VARCHAR" + parameters : "TEXT"
        }
    }

    static func createTable(_ table: Table, engine: DatabaseEngine = .sqlite) -> String {
        var parts = table.columns.filter { engine == .sqlite || !$0.isGenerated }.map { column -> String in
            var text = "\(quoted(column.name)) \(type(for: column, engine: engine))"
            if !column.isNullable { text += " NOT NULL" }
            if engine == .sqlite, let value = column.defaultExpression { text += " DEFAULT \(value)" }
            return text
        }
        if !table.primaryKey.isEmpty {
            parts.append("PRIMARY KEY (\(table.primaryKey.map(quoted).joined(separator: ", ")))")
        }
        for index in table.indexes where index.isConstraint && index.isUnique && index.columns != table.primaryKey {
            parts.append("UNIQUE (\(index.columns.map(quoted).joined(separator: ", ")))")
        }
        // (Not one into a schema the run does not copy: the file holds none of its tables.)
        for key in table.foreignKeys where !key.isVirtual && key.referencedSchema == nil {
            parts.append("FOREIGN KEY (\(key.columns.map(quoted).joined(separator: ", "))) REFERENCES \(quoted(key.referencedTable)) (\(key.referencedColumns.map(quoted).joined(separator: ", "))) ON UPDATE \(key.onUpdate) ON DELETE \(key.onDelete)")
        }
        return "CREATE TABLE \(quoted(table.name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)" + (table.hasRowID ? "" : " WITHOUT ROWID")
    }
}
