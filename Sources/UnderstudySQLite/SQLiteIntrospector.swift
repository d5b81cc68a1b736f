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
        var objects: [SchemaObject] = []
        // The tables a virtual table keeps its data in (`docs_data`, `r_node`): its CREATE makes them.
        let shadows = Set(try connection.query("PRAGMA main.table_list").filter { $0[2].text == "shadow" }.compactMap { $0[1].text })
        for row in master {
            guard let type = row[0].text, let name = row[1].text else { continue }
            let sql = row[3].text
            switch type {
            case "table":
                guard let sql, !shadows.contains(name) else { continue }
                if Table.isVirtual(sql) {
                    switch try Self.virtualTable(name, sql: sql, place: connection.path) {
                    case .rows(let fullText):
                        // (A full-text table's columns are text: no need to read them to type them.)
                        var virtual = try table(name, sql: sql, typingUntyped: !fullText)
                        Self.typeVirtualColumns(&virtual, fullText: fullText)
                        tables.append(virtual)
                    case .index(let content):
                        objects.append(SchemaObject(kind: .textIndex, name: name, table: content, definitionSQL: sql))
                    }
                    continue
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
        // SQLite compares table names without case (ASCII letters only): each parent found by its
        // name so folded, in one lookup (a scan per key was quadratic in a schema of many tables).
        func folded(_ name: String) -> String {
            String(decoding: name.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        }
        var byName: [String: Int] = [:]
        for (index, table) in tables.enumerated() where byName[folded(table.name)] == nil { byName[folded(table.name)] = index }
        for t in tables.indices {
            for k in tables[t].foreignKeys.indices {
                guard let parent = byName[folded(tables[t].foreignKeys[k].referencedTable)] else { continue }
                // A foreign key without column names references the parent's primary key.
                if tables[t].foreignKeys[k].referencedColumns.contains("") { tables[t].foreignKeys[k].referencedColumns = tables[parent].primaryKey }
                // The parent's own spelling.
                tables[t].foreignKeys[k].referencedTable = tables[parent].name
            }
        }
        var schema = DatabaseSchema(tables: tables, views: views, triggers: triggers)
        schema.objects = objects + (try settings())
        schema.sequences = try autoincrementMarks(of: tables)
        return schema
    }

    /// An `AUTOINCREMENT` table's high-water mark (`sqlite_sequence`): the largest id it ever gave,
    /// which may be above every id it still holds (its newest rows deleted). SQLite never gives an id
    /// again; a PostgreSQL copy's identity continues after it, as a SQLite copy's does.
    func autoincrementMarks(of tables: [Table]) throws(AdapterError) -> [SequenceState] {
        guard try !connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").isEmpty else { return [] }
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var marks: [SequenceState] = []
        for row in try connection.query("SELECT name, seq FROM sqlite_sequence ORDER BY name") {
            guard case .text(let name) = row[0], case .integer(let seq) = row[1], let table = byName[name],
                  let column = table.columns.first(where: { table.isSQLiteRowID($0, declaredType: $0.declaredType) }) else { continue }
            marks.append(SequenceState(name: "\(name)_\(column.name)_seq", lastValue: seq, isCalled: true, ownerTable: name, ownerColumn: column.name))
        }
        return marks
    }

    /// The settings the file keeps that differ from a new file's: an application's schema version
    /// (`user_version`: an app that finds 0 runs its migrations again over the copy) and id, the page
    /// size, auto-vacuum, the text encoding, WAL mode.
    func settings() throws(AdapterError) -> [SchemaObject] {
        func pragma(_ name: String) throws(AdapterError) -> Value? { try connection.query("PRAGMA main.\(name)").first?.first }
        var settings: [SchemaObject] = []
        for (name, fresh) in [("user_version", Int64(0)), ("application_id", 0), ("page_size", 4_096), ("auto_vacuum", 0)] {
            guard let value = try pragma(name)?.int, value != fresh else { continue }
            settings.append(SchemaObject(kind: .setting, name: name, definitionSQL: "PRAGMA main.\(name) = \(value)"))
        }
        if let encoding = try pragma("encoding")?.text, encoding != "UTF-8" {
            settings.append(SchemaObject(kind: .setting, name: "encoding", definitionSQL: "PRAGMA encoding = '\(encoding)'"))
        }
        // The query planner's statistics (`sqlite_stat1`, and `sqlite_stat4`, which holds sampled
        // rows of indexed columns: personal data) are not copied; the copy is analysed afresh, from
        // its own rows, so that queries plan as they do on the source.
        if try !connection.query("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").isEmpty {
            settings.append(SchemaObject(kind: .setting, name: "analyze", definitionSQL: "ANALYZE main"))
        }
        if try pragma("journal_mode")?.text?.lowercased() == "wal" {
            settings.append(SchemaObject(kind: .setting, name: "journal_mode", definitionSQL: "PRAGMA main.journal_mode = WAL"))
        }
        return settings
    }

    /// What a virtual table is to a copy.
    enum Virtual {
        /// Rows of its own, read and written like a table's: a full-text table that stores its text
        /// (FTS3/4/5 without `content=`), an R-tree.
        case rows(fullText: Bool)
        /// A full-text index over another table's rows (`content='notes'`), rebuilt from the copied
        /// rows; or over none (`content=''`: its text is not stored, and the copy's index is empty).
        case index(content: String?)
    }

    /// How virtual table `name` is copied, from its module and options; a module other than FTS3,
    /// FTS4, FTS5 and R-tree (an extension's) is refused, named.
    static func virtualTable(_ name: String, sql: String, place: String) throws(AdapterError) -> Virtual {
        let module = Self.module(of: sql)
        switch module {
        case "fts3", "fts4", "fts5":
            guard let content = Self.option("content", in: sql) else { return .rows(fullText: true) }
            return .index(content: content.isEmpty ? nil : content)
        case "rtree", "rtree_i32":
            return .rows(fullText: false)
        default:
            throw AdapterError(
                code: .unsupportedSchema,
                message: "table \(name) is a virtual table of module \(module.isEmpty ? "?" : module), which understudy cannot copy (it copies full-text tables, FTS3/4/5, and R-trees); drop it from a copy of the source or rebuild it after the run",
                place: place)
        }
    }

    /// `fts5` in `CREATE VIRTUAL TABLE t USING fts5(…)`, lower-cased.
    static func module(of sql: String) -> String {
        guard let using = sql.range(of: #"\bUSING\s+"#, options: [.regularExpression, .caseInsensitive]) else { return "" }
        return String(sql[using.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }).lowercased()
    }

    /// The value of a full-text table's option `name` (`content='notes'` → `notes`; `content=''` →
    /// empty); nil when it has none.
    static func option(_ name: String, in sql: String) -> String? {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")"), open < close else { return nil }
        for argument in Index.elements(of: sql[open...close])?.elements ?? [] {
            let parts = argument.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == name else { continue }
            var value = parts[1]
            if let first = value.first, "'\"`[".contains(first), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// A full-text table's columns are text (declared without a type), read with their `rowid`,
    /// which joins them to other tables and is kept; an R-tree's id is its key.
    static func typeVirtualColumns(_ table: inout Table, fullText: Bool) {
        if fullText {
            for i in table.columns.indices { table.columns[i].logicalType = .text }
            table.columns.insert(Column(name: "rowid", declaredType: "INTEGER", logicalType: .integer, isNullable: false), at: 0)
            table.primaryKey = ["rowid"]
        } else if let id = table.columns.first {
            table.primaryKey = [id.name]
            table.columns[0].isNullable = false
        }
    }

    private func table(_ name: String, sql: String, typingUntyped: Bool = true) throws(AdapterError) -> Table {
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
        if typingUntyped { try typeUntyped(&columns, of: name, place: place) }
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
        // (No PRAGMA says whether a key is deferrable: its table's SQL does.)
        let definition = sql.range(of: "DEFERRABLE", options: .caseInsensitive) != nil ? SQLiteTableDefinition(sql: sql) : nil
        let foreignKeys = keys.keys.sorted().reversed().map { id in
            let k = keys[id]!
            var key = ForeignKey(columns: k.columns, referencedTable: k.parent, referencedColumns: k.parentColumns, onUpdate: k.onUpdate, onDelete: k.onDelete)
            key.deferral = definition?.deferral(columns: k.columns, referencedTable: k.parent)
            return key
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

    /// Rows read to type a column declared without a type.
    static let untypedSample = 10_000

    /// Columns declared without a type (a legacy or hand-written schema: `CREATE TABLE people (name,
    /// email)`), as `ANY` (any value, by SQLite's own word), or as a name no rule knows (`GEOMETRY`,
    /// `POINT`, `STRING`: numeric affinity, which keeps text as text — a copy into
    /// PostgreSQL made them `numeric` and failed on the first text) hold whatever was stored; their
    /// logical type is what their values are, read from the table's first ``untypedSample`` rows in
    /// one pass: text where any value is text (or none is stored), else numbers (real where any is,
    /// decimal where an integer beside them is past a double's 2^53), else blobs. Typed as blobs by SQLite's affinity
    /// rule, every generator but a few refused them, `init` suggested `null` for a column of emails,
    /// and a copy into PostgreSQL held text as `bytea`. The declared type stays empty: a SQLite copy
    /// declares them as the source does.
    private func typeUntyped(_ columns: inout [Column], of table: String, place: String) throws(AdapterError) {
        let untyped = columns.indices.filter {
            let declared = columns[$0].declaredType.trimmingCharacters(in: .whitespaces)
            return (declared.isEmpty || declared.uppercased() == "ANY" || Self.knownLogicalType(declared) == nil) && !columns[$0].isGenerated
        }
        guard !untyped.isEmpty else { return }
        let counts = untyped.map { i -> String in
            let c = quoted(columns[i].name)
            return "sum(typeof(\(c)) = 'text'), sum(typeof(\(c)) = 'integer'), sum(typeof(\(c)) = 'real'), sum(typeof(\(c)) = 'blob'), "
                + "sum(typeof(\(c)) = 'integer' AND (\(c) > 9007199254740992 OR \(c) < -9007199254740992))"
        }
        let sample = "SELECT \(untyped.map { quoted(columns[$0].name) }.joined(separator: ", ")) FROM \(quoted(table)) LIMIT \(Self.untypedSample)"
        guard let row = try connection.query("SELECT \(counts.joined(separator: ", ")) FROM (\(sample))", place: place).first else { return }
        for (k, i) in untyped.enumerated() {
            let count = (0..<5).map { row[5 * k + $0].int ?? 0 }
            // (Reals beside integers no double holds exactly — past 2^53 — are decimals: as doubles,
            // PostgreSQL's copy lost the integers' digits.)
            columns[i].logicalType = count[0] > 0 || count[0...3].allSatisfy { $0 == 0 } ? .text
                : count[3] > 0 ? .blob : count[2] > 0 ? (count[4] > 0 ? .decimal : .real) : .integer
        }
    }

    /// The logical type of a declared SQLite type, following SQLite's affinity rules after a few
    /// names that say more (BOOLEAN, DATE, DATETIME, UUID, JSON, and other engines' names schemas
    /// ported to SQLite keep: SQL Server's `image`, `varbinary`, `bit`, `uniqueidentifier`).
    static func logicalType(_ declared: String) -> LogicalType {
        knownLogicalType(declared) ?? .decimal
    }

    /// nil for a name no rule knows (`GEOMETRY`, `POINT`, `SERIAL`, `STRING`): SQLite gives it
    /// numeric affinity, yet it holds whatever was stored, so its values decide (``typeUntyped``).
    static func knownLogicalType(_ declared: String) -> LogicalType? {
        let t = declared.uppercased().trimmingCharacters(in: .whitespaces)
        if t.contains("BOOL") || t == "BIT" { return .boolean }
        if t.contains("TIMESTAMP") || t.contains("DATETIME") { return .timestamp }
        if t.contains("DATE") { return .date }
        if t.contains("UUID") || t.contains("GUID") || t == "UNIQUEIDENTIFIER" { return .uuid }
        if t.contains("JSON") { return .json }
        if t.contains("INT") { return .integer }
        if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { return .text }
        if t.isEmpty || t.contains("BLOB") || t.contains("BINARY") || t == "IMAGE" || t == "BYTEA" || t.hasSuffix("RAW") { return .blob }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return .real }
        if t.contains("DEC") || t.contains("NUM") || t.contains("MONEY") { return .decimal }
        if t.contains("TIME") { return .text }
        return nil
    }
}
