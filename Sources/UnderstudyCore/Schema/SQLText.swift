/// Small readings of SQL text both engines' adapters share: what lies outside string literals.
public enum SQLText {
    /// `sql` with `transform` applied to each part outside its single-quoted literals (between
    /// single quotes every other part is a literal; a doubled quote keeps the count).
    public static func outsideLiterals(_ sql: String, _ transform: (String) -> String) -> String {
        sql.components(separatedBy: "'").enumerated().map { index, part in index % 2 == 1 ? part : transform(part) }.joined(separator: "'")
    }

    /// `text` without the parentheses around the whole of it (`((datetime('now')))` →
    /// `datetime('now')`), blanks at its ends trimmed each time.
    public static func withoutOuterParentheses(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("("), text.hasSuffix(")"), balanced(text.dropFirst().dropLast()) {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Whether every parenthesis of `text` closes within it (outside string literals).
    public static func balanced(_ text: Substring) -> Bool {
        var depth = 0, quoted = false
        for c in text {
            if c == "'" { quoted.toggle() }
            if quoted { continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0 && !quoted
    }

    /// Whether `sql` reads or writes a table of `names` (compared case-blind): a name after FROM,
    /// JOIN, INTO, UPDATE, or after a comma of a FROM list; not a column's qualifier (`audit.id`), an
    /// alias or a column of that name. And the table a `COMMENT ON TRIGGER t ON audit IS …` is on.
    /// Where several schemas are copied, `names` are `schema.table` and `home` is the schema the SQL
    /// belongs to: a name without a qualifier is that schema's; with one schema (`home` nil) a
    /// qualifier is passed over (`main.audit`, `public.audit`). SQLite's `[name]` and `` `name` `` are
    /// read as quoted names.
    public static func readsTable(in sql: String, among names: Set<String>, home: String? = nil) -> Bool {
        let wanted = Set(names.map { $0.lowercased() })
        let tokens = SQLToken.tokens(SQLiteTableDefinition.postgresQuoting(sql)).filter { $0.kind != .space }
        let clauses: Set<String> = ["select", "where", "on", "group", "order", "having", "limit", "set", "values", "returning", "using", "union", "except", "intersect"]
        var clause = ""
        for (i, token) in tokens.enumerated() {
            guard token.kind == .word || token.kind == .quoted else { continue }
            if token.kind == .word, ["from", "join"].contains(token.value) { clause = "from"; continue }
            if token.kind == .word, clauses.contains(token.value) { clause = token.value; continue }
            guard i + 1 == tokens.count || tokens[i + 1].kind != .dot else { continue }
            // Before it, past a qualifier: the word that says what it is.
            var before = i - 1
            var qualifier: String?
            if before >= 1, tokens[before].kind == .dot { qualifier = tokens[before - 1].value; before -= 2 }
            let named = if let home { wanted.contains("\(qualifier ?? home.lowercased()).\(token.value)") } else { wanted.contains(token.value) }
            guard named, before >= 0 else { continue }
            let previous = tokens[before]
            if previous.kind == .word, ["from", "join", "into", "update"].contains(previous.value) { return true }
            if previous.kind == .comma, clause == "from" { return true }
            if previous.kind == .word, previous.value == "on", i + 1 < tokens.count, tokens[i + 1].value == "is",
               tokens.first?.value == "comment" { return true }
        }
        return false
    }
}
