import Foundation
import UnderstudyCore

/// Reads a SQLite database's schema from `sqlite_master` and the table pragmas.
struct SQLiteIntrospector {
    let connection: SQLiteConnection

    func introspect() throws(AdapterError) -> DatabaseSchema {
        let master = try connection.query(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")
        var tables: [Table] = []
        var views: [View] = []
        var triggers: [Trigger] = []
        for row in master {
            guard let type = row[0].text, let name = row[1].text else { continue }
            let sql = row[3].text
            switch type {
            case "table":
                guard let sql else { continue }
                if sql.range(of: "CREATE VIRTUAL TABLE", options: [.caseInsensitive, .anchored]) != nil {
                    throw AdapterError(
                        code: .unsupportedSchema,
                        message: "table \(name) is a virtual table (e.g. full-text search), which understudy cannot copy yet; drop it from a copy of the source or rebuild it after the run",
                        place: connection.path)
                }
                tables.append(try table(name, sql: sql))
            case "view":
                if let sql { views.append(View(name: name, definitionSQL: sql)) }
            case "trigger":
                if let sql, let table = row[2].text { triggers.append(Trigger(name: name, table: table, definitionSQL: sql)) }
            default:
                continue
            }
        }
        // A foreign key without column names references the parent's primary key.
        for t in tables.indices {
            for k in tables[t].foreignKeys.indices where tables[t].foreignKeys[k].referencedColumns.contains("") {
                let key = tables[t].foreignKeys[k]
                if let parent = tables.first(where: { $0.name.caseInsensitiveCompare(key.referencedTable) == .orderedSame }) {
                    tables[t].foreignKeys[k].referencedColumns = parent.primaryKey
                }
            }
            // SQLite compares table names without case; use the parent's own spelling.
            for k in tables[t].foreignKeys.indices {
                let target = tables[t].foreignKeys[k].referencedTable
                if let parent = tables.first(where: { $0.name.caseInsensitiveCompare(target) == .orderedSame }) {
                    tables[t].foreignKeys[k].referencedTable = parent.name
                }
            }
        }
        return DatabaseSchema(tables: tables, views: views, triggers: triggers)
    }

    private func table(_ name: String, sql: String) throws(AdapterError) -> Table {
        let place = "\(connection.path): table \(name)"
        var columns: [Column] = []
        var primaryKey: [(Int64, String)] = []
        for row in try connection.query("PRAGMA table_xinfo(\(quoted(name)))", place: place) {
            guard let columnName = row[1].text else { continue }
            let declared = row[2].text ?? ""
            let hidden = row[6].int ?? 0
            if hidden == 1 { continue }
            let pkPosition = row[5].int ?? 0
            if pkPosition > 0 { primaryKey.append((pkPosition, columnName)) }
            columns.append(Column(
                name: columnName, declaredType: declared, logicalType: Self.logicalType(declared),
                isNullable: (row[3].int ?? 0) == 0 && pkPosition == 0,
                defaultExpression: row[4].text, isGenerated: hidden == 2 || hidden == 3))
        }
        // An INTEGER PRIMARY KEY is the rowid and never NULL; other SQLite key columns are NOT NULL only when declared so,
        // but a NULL in a key would be a bug in the source, so keys are treated as NOT NULL.
        var keys: [Int64: (columns: [String], parent: String, parentColumns: [String], onUpdate: String, onDelete: String)] = [:]
        for row in try connection.query("PRAGMA foreign_key_list(\(quoted(name)))", place: place) {
            guard let id = row[0].int, let parent = row[2].text, let from = row[3].text else { continue }
            var entry = keys[id] ?? ([], parent, [], row[5].text ?? "NO ACTION", row[6].text ?? "NO ACTION")
            entry.columns.append(from)
            entry.parentColumns.append(row[4].text ?? "")
            keys[id] = entry
        }
        let foreignKeys = keys.keys.sorted().reversed().map { id in
            let k = keys[id]!
            return ForeignKey(columns: k.columns, referencedTable: k.parent, referencedColumns: k.parentColumns, onUpdate: k.onUpdate, onDelete: k.onDelete)
        }
        var indexes: [Index] = []
        for row in try connection.query("PRAGMA index_list(\(quoted(name)))", place: place).reversed() {
            guard let indexName = row[1].text else { continue }
            let origin = row[3].text ?? "c"
            let info = try connection.query("PRAGMA index_info(\(quoted(indexName)))", place: place)
            let indexColumns = info.map { $0[2].text ?? "" }
            let definition = try connection.query(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '\(indexName.replacingOccurrences(of: "'", with: "''"))'", place: place
            ).first?.first?.text
            indexes.append(Index(
                name: indexName, columns: indexColumns, isUnique: (row[2].int ?? 0) == 1, isConstraint: origin != "c",
                predicate: (row[4].int ?? 0) == 1 ? "partial" : nil, definitionSQL: definition))
        }
        let withoutRowID = sql.range(of: #"\)\s*WITHOUT\s+ROWID\s*(,|;|$)"#, options: [.regularExpression, .caseInsensitive]) != nil
            || sql.range(of: #"WITHOUT\s+ROWID\s*$"#, options: [.regularExpression, .caseInsensitive]) != nil
        return Table(
            name: name, columns: columns, primaryKey: primaryKey.sorted { $0.0 < $1.0 }.map(\.1), foreignKeys: foreignKeys,
            indexes: indexes, definitionSQL: sql, hasRowID: !withoutRowID)
    }

    /// The logical type of a declared SQLite type, following SQLite's affinity rules after a few
    /// names that say more (BOOLEAN, DATE, DATETIME, UUID, JSON).
    static func logicalType(_ declared: String) -> LogicalType {
        let t = declared.uppercased()
        if t.contains("BOOL") { return .boolean }
        if t.contains("TIMESTAMP") || t.contains("DATETIME") { return .timestamp }
        if t.contains("DATE") { return .date }
        if t.contains("UUID") || t.contains("GUID") { return .uuid }
        if t.contains("JSON") { return .json }
        if t.contains("INT") { return .integer }
        if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { return .text }
        if t.isEmpty || t.contains("BLOB") { return .blob }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return .real }
        if t.contains("DEC") || t.contains("NUM") || t.contains("MONEY") { return .decimal }
        if t.contains("TIME") { return .text }
        return .decimal
    }
}
