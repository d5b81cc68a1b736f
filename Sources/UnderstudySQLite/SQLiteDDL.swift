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

    enum TranslatedDefault: Equatable {
        case kept(String)
        /// NULL, or a sequence's next value on the rowid (SQLite numbers the row itself).
        case needless
        case notHeld
    }

    /// Another engine's (PostgreSQL's) column default in SQLite: a literal, whatever its casts
    /// (`'anon'::text`, `'ok'::mood`, `'{}'::text[]`, `'-3'::integer`), a number, a boolean as 1 or 0,
    /// the current time or date. Any other expression (`gen_random_uuid()`, `upper(current_user)`,
    /// `nextval(…)` on a column that is not the rowid) is not held, and named in the report.
    static func sqliteDefault(_ expression: String, for column: Column, isRowID: Bool = false) -> TranslatedDefault {
        let text = SQLText.withoutOuterParentheses(expression)
        let upper = text.uppercased()
        if upper == "NULL" || upper.hasPrefix("NULL::") { return .needless }
        if upper.hasPrefix("NEXTVAL(") { return isRowID ? .needless : .notHeld }
        switch upper {
        case "NOW()", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "STATEMENT_TIMESTAMP()", "TRANSACTION_TIMESTAMP()": return .kept("CURRENT_TIMESTAMP")
        case "CURRENT_DATE": return .kept("CURRENT_DATE")
        case "CURRENT_TIME", "LOCALTIME": return .kept("CURRENT_TIME")
        case "TRUE": return .kept("1")
        case "FALSE": return .kept("0")
        default: break
        }
        // A string literal followed by casts only.
        var literal: String?
        if text.hasPrefix("'"), let match = text.range(of: #"^'(?:[^']|'')*'"#, options: .regularExpression),
           text[match.upperBound...].range(of: #"^(::\s*"?[A-Za-z_][A-Za-z0-9_ ."]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\[\])*)*$"#, options: .regularExpression) != nil {
            literal = String(text[match])
        } else if text.range(of: #"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$"#, options: .regularExpression) != nil {
            literal = text
        }
        guard let literal else { return PostgresViewExpressions.defaultExpression(text).map { .kept($0) } ?? .notHeld }
        let content = literal.hasPrefix("'") ? String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") : literal
        switch column.logicalType {
        case .boolean:
            switch content.lowercased() {
            case "t", "true", "1", "yes", "on": return .kept("1")
            case "f", "false", "0", "no", "off": return .kept("0")
            default: return .notHeld
            }
        case .integer, .real, .decimal:
            // A number as a number (`'-3'::integer` → -3); NaN and infinities stay text.
            if Double(content).map({ $0.isFinite }) == true, content.range(of: #"^[+-]?[0-9.eE+-]+$"#, options: .regularExpression) != nil { return .kept(content) }
            return .kept(literal)
        default:
            return .kept(literal)
        }
    }

    /// `checks`: another engine's CHECKs as SQLite reads them (``ConstraintDefinition/sqliteCheck``);
    /// `generated`: the expressions SQLite computes another engine's generated columns by (the
    /// others are plain columns, left empty); `noCase`: the columns of case-insensitive text, made
    /// `COLLATE NOCASE` (``SQLiteDestination/caseInsensitiveColumns(of:engine:domains:collations:)``); `name`: another
    /// name for the table (a probe).
    static func createTable(
        _ table: Table, engine: DatabaseEngine = .sqlite, checks: [String] = [], generated: [String: String] = [:], noCase: Set<String> = [], as name: String? = nil
    ) -> String {
        var parts = table.columns.map { column -> String in
            var text = "\(quoted(column.name)) \(type(for: column, engine: engine))"
            if engine != .sqlite, noCase.contains(column.name) { text += " COLLATE NOCASE" }
            if engine != .sqlite, column.isGenerated {
                return text + (generated[column.name].map { " GENERATED ALWAYS AS (\($0)) STORED" } ?? "")
            }
            if !column.isNullable { text += " NOT NULL" }
            if engine == .sqlite, let value = column.defaultExpression { text += " DEFAULT \(value)" }
            if engine != .sqlite, let value = column.defaultExpression, case .kept(let translated) = sqliteDefault(value, for: column) { text += " DEFAULT \(translated)" }
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
            parts.append(key.definition(quoted: quoted))
        }
        parts += checks
        return "CREATE TABLE \(quoted(name ?? table.name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)" + (table.hasRowID ? "" : " WITHOUT ROWID")
    }
}
