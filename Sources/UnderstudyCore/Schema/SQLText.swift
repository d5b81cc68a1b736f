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
    /// JOIN, INTO, UPDATE, TRUNCATE or LOCK, or after a comma of a FROM list, or before `%ROWTYPE`;
    /// not a column's qualifier (`audit.id`), an alias or a column of that name. And the table a
    /// `COMMENT ON TRIGGER t ON audit IS …` is on. Where several schemas are copied, `names` are
    /// `schema.table` and `home` is the schema the SQL belongs to: a name without a qualifier is that
    /// schema's; with one schema (`home` nil) a qualifier is passed over (`main.audit`,
    /// `public.audit`). SQLite's `[name]` and `` `name` `` are read as quoted names.
    public static func readsTable(in sql: String, among names: Set<String>, home: String? = nil) -> Bool {
        readsTable(tokens: codeTokens(sql), among: Set(names.map { $0.lowercased() }), home: home)
    }

    /// ``readsTable(in:among:home:)`` of SQL's ``codeTokens(_:)``, `wanted` lower-cased: for SQL
    /// read against many names, or many times.
    static func readsTable(tokens: [SQLToken], among wanted: Set<String>, home: String?) -> Bool {
        guard !wanted.isEmpty else { return false }
        let clauses: Set<String> = ["select", "where", "on", "group", "order", "having", "limit", "set", "values", "returning", "using", "union", "except", "intersect"]
        var clause = ""
        for (i, token) in tokens.enumerated() {
            guard token.kind == .word || token.kind == .quoted else { continue }
            if token.kind == .word, ["from", "join"].contains(token.value) { clause = "from"; continue }
            if token.kind == .word, clauses.contains(token.value) { clause = token.value; continue }
            guard let before = named(tokens, at: i, among: wanted, home: home) else { continue }
            // A PL/pgSQL variable of its row type (`r audit%ROWTYPE`).
            if i + 2 < tokens.count, tokens[i + 1].text == "%", tokens[i + 2].value == "rowtype" { return true }
            guard before >= 0 else { continue }
            // (`DELETE FROM ONLY audit`, `TRUNCATE TABLE audit`, `LOCK TABLE audit`.)
            var word = before
            while word >= 1, tokens[word].kind == .word, tokens[word].value == "only" || tokens[word].value == "table" && ["truncate", "lock"].contains(tokens[word - 1].value) { word -= 1 }
            let previous = tokens[word]
            if previous.kind == .word, ["from", "join", "into", "update", "truncate", "lock"].contains(previous.value) { return true }
            if previous.kind == .comma, clause == "from" { return true }
            if previous.kind == .word, previous.value == "on", i + 1 < tokens.count, tokens[i + 1].value == "is",
               tokens.first?.value == "comment" { return true }
        }
        return false
    }

    /// Whether `sql` calls a function of `names` (compared case-blind): its name, qualified or not
    /// (as for ``readsTable(in:among:home:)``), before a parenthesis — not a table's name before its
    /// column list (`INSERT INTO f (x)`), not a name in a string. PL/pgSQL bodies and SQL functions
    /// written as a string are read so, as PostgreSQL records no dependency of theirs.
    public static func callsFunction(in sql: String, among names: Set<String>, home: String? = nil) -> Bool {
        callsFunction(tokens: codeTokens(sql), among: Set(names.map { $0.lowercased() }), home: home)
    }

    /// ``callsFunction(in:among:home:)`` of SQL's ``codeTokens(_:)``, `wanted` lower-cased.
    static func callsFunction(tokens: [SQLToken], among wanted: Set<String>, home: String?) -> Bool {
        guard !wanted.isEmpty else { return false }
        for (i, token) in tokens.enumerated() where (token.kind == .word || token.kind == .quoted) && i + 1 < tokens.count && tokens[i + 1].kind == .open {
            guard let before = named(tokens, at: i, among: wanted, home: home) else { continue }
            if before >= 0, tokens[before].kind == .word, ["into", "table", "update", "from", "join", "function", "procedure"].contains(tokens[before].value),
               !(["function", "procedure"].contains(tokens[before].value) && before >= 1 && tokens[before - 1].value == "execute") { continue }
            return true
        }
        return false
    }

    /// The sequences a PostgreSQL default draws from (`nextval('a_id_seq'::regclass)`), by name:
    /// `schema.name` where several schemas are copied (`home` the default's, for a name without a
    /// qualifier), the bare name otherwise.
    public static func sequencesDrawn(by expression: String, home: String? = nil) -> [String] {
        expression.matches(of: /nextval\('([^']*)'/).map { match in
            let parts = match.output.1.replacingOccurrences(of: "\"", with: "").split(separator: ".").map(String.init)
            guard let home else { return parts.last ?? "" }
            return parts.count >= 2 ? parts.suffix(2).joined(separator: ".") : "\(home).\(parts.last ?? "")"
        }
    }

    /// The tokens of `sql` but spaces, its SQLite quotes read as the standard's; a PostgreSQL
    /// function's body in dollar quotes (`AS $function$SELECT …$function$`) read as code, as the
    /// quotes are no part of SQL's words (`$` is, inside a name: `audit_log$function$` was one).
    static func codeTokens(_ sql: String) -> [SQLToken] {
        var sql = SQLiteTableDefinition.postgresQuoting(sql)
        if sql.contains("$") {
            // A tag opens where `$` starts no name's part: `$$`, `$function$`.
            var tags = Set<String>()
            let chars = Array(sql)
            for (i, c) in chars.enumerated() where c == "$" && (i == 0 || !(chars[i - 1] == "$" || chars[i - 1] == "_" || chars[i - 1].isLetter || chars[i - 1].isNumber)) {
                var j = i + 1
                while j < chars.count, chars[j] == "_" || chars[j].isLetter || (j > i + 1 && chars[j].isNumber) { j += 1 }
                if j < chars.count, chars[j] == "$" { tags.insert(String(chars[i...j])) }
            }
            for tag in tags { sql = sql.replacingOccurrences(of: tag, with: " ") }
        }
        return SQLToken.tokens(sql).filter { $0.kind != .space }
    }

    /// Whether the name at `i` of `tokens` (no spaces) is one of `wanted` (the last part of a
    /// qualified name, read as ``readsTable(in:among:home:)`` says): the index of the token before
    /// it and its qualifier, nil when it is none of them.
    private static func named(_ tokens: [SQLToken], at i: Int, among wanted: Set<String>, home: String?) -> Int? {
        guard i + 1 == tokens.count || tokens[i + 1].kind != .dot else { return nil }
        var before = i - 1
        var qualifier: String?
        if before >= 1, tokens[before].kind == .dot { qualifier = tokens[before - 1].value; before -= 2 }
        let named = if let home { wanted.contains("\(qualifier ?? home.lowercased()).\(tokens[i].value)") } else { wanted.contains(tokens[i].value) }
        return named ? before : nil
    }
}
