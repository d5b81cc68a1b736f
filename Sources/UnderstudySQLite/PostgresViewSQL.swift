import UnderstudyCore

/// A PostgreSQL view's statement as SQLite reads it (nil where it needs no change or none SQLite
/// reads). A view's options are no SQLite (below). PostgreSQL gives a view's query back as
/// `pg_get_viewdef` writes it — every constant cast (`(50)::numeric`, `'new'::text`), every IN list
/// an `= ANY (ARRAY[…])` — so that even `SELECT … WHERE amount > 50` came back as SQL SQLite refuses,
/// and the view was left out of a SQLite copy; a materialized view was always left out, SQLite having
/// none. Translated: a materialized view becomes a view (it answers from the copy's rows, as the
/// source's would after a refresh); a cast to a text type is dropped (SQLite's `||` and comparisons
/// take any value), one to a number type becomes `CAST(… AS REAL)` or `CAST(… AS INTEGER)`, one of a
/// string literal to a date or time type is the literal (SQLite keeps dates as that text); `= ANY
/// (ARRAY[…])` is `IN (…)`, `<> ALL (ARRAY[…])` is `NOT IN (…)`. Anything else — a cast of a column
/// to a date, to a type of PostgreSQL's own, `LIKE` (which SQLite reads without regard to case) —
/// leaves the view untranslated (nil), and the copy names it.
enum PostgresViewSQL {
    static func sqlite(_ sql: String) -> String? {
        var text = withoutViewOptions(sql)
        if text.hasPrefix("CREATE MATERIALIZED VIEW ") {
            guard let match = text.firstMatch(of: #/^CREATE MATERIALIZED VIEW ("(?:[^"]|"")*"|[^\s"]+)(?: WITH \([^()]*\))? AS /#) else { return nil }
            var query = text[match.range.upperBound...]
            for suffix in [" WITH NO DATA", " WITH DATA"] where query.hasSuffix(suffix) { query = query.dropLast(suffix.count) }
            text = "CREATE VIEW \(match.1) AS " + query
        }
        guard var result = withoutCasts(text) else { return nil }
        result = lists(result, "= ANY (ARRAY[", "IN (")
        result = lists(result, "<> ALL (ARRAY[", "NOT IN (")
        return result == sql ? nil : result
    }

    /// A view's statement without its options (`CREATE VIEW v WITH (security_invoker=true) AS …`:
    /// no SQLite): who the view's reader is and what it lets through (`security_invoker`,
    /// `security_barrier`) mean nothing in a file of no roles, and its `CHECK OPTION` guards writes
    /// that no SQLite view takes. Unchanged when it has none.
    static func withoutViewOptions(_ sql: String) -> String {
        guard sql.hasPrefix("CREATE VIEW "), let match = sql.firstMatch(of: #/^CREATE VIEW ("(?:[^"]|"")*"|[^\s"]+) WITH \([^()]*\) AS /#) else { return sql }
        return "CREATE VIEW \(match.1) AS " + sql[match.range.upperBound...]
    }

    enum Target { case drop, real, integer, dateLiteral }

    /// The types a cast may name, longest first, and what each becomes.
    static let types: [(String, Target)] = [
        ("timestamp without time zone", .dateLiteral), ("timestamp with time zone", .dateLiteral), ("time without time zone", .dateLiteral),
        ("time with time zone", .dateLiteral), ("character varying", .drop), ("double precision", .real), ("timestamptz", .dateLiteral),
        ("timestamp", .dateLiteral), ("varchar", .drop), ("character", .drop), ("numeric", .real), ("decimal", .real), ("integer", .integer),
        ("bigint", .integer), ("smallint", .integer), ("float8", .real), ("float4", .real), ("bpchar", .drop), ("real", .real),
        ("text", .drop), ("name", .drop), ("date", .dateLiteral), ("time", .dateLiteral), ("int8", .integer), ("int4", .integer),
        ("int2", .integer), ("int", .integer),
    ]

    /// `sql` with each `::type` outside string literals rewritten, or nil where one cannot be.
    static func withoutCasts(_ sql: String) -> String? {
        var chars = Array(sql)
        var rounds = 0
        while let at = firstCast(chars) {
            rounds += 1
            guard rounds < 10_000, let start = operandStart(chars, before: at) else { return nil }
            // The type: a known name, a length or precision in parentheses, no array.
            let rest = String(chars[(at + 2)...])
            let trimmed = rest.drop { $0 == " " }
            let skipped = rest.count - trimmed.count
            guard let (name, target) = types.first(where: { trimmed.lowercased().hasPrefix($0.0) && !isWordCharacter(trimmed.dropFirst($0.0.count).first) }) else { return nil }
            var end = at + 2 + skipped + name.count
            if let size = String(chars[end...]).firstMatch(of: #/^\s*\([0-9,\s]*\)/#) { end += size.0.count }
            if end < chars.count, chars[end] == "[" { return nil }
            let operand = String(chars[start..<at])
            let replacement: String
            switch target {
            case .drop: replacement = operand
            case .real: replacement = "CAST(\(operand) AS REAL)"
            case .integer: replacement = "CAST(\(operand) AS INTEGER)"
            case .dateLiteral:
                guard operand.hasPrefix("'"), operand.hasSuffix("'") else { return nil }
                replacement = operand
            }
            chars.replaceSubrange(start..<end, with: Array(replacement))
        }
        return String(chars)
    }

    static func isWordCharacter(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }

    /// The index of the first `::` outside string literals.
    static func firstCast(_ chars: [Character]) -> Int? {
        var quoted = false
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "'" { quoted.toggle() } else if !quoted, chars[i] == ":", chars[i + 1] == ":" { return i }
            i += 1
        }
        return nil
    }

    /// Where the operand of the cast at `at` starts: a parenthesised expression (with the name of
    /// the function it calls), a string literal, or a name or number.
    static func operandStart(_ chars: [Character], before at: Int) -> Int? {
        var i = at - 1
        guard i >= 0 else { return nil }
        if chars[i] == "'" {
            // Back to the literal's opening quote (a doubled quote inside is part of it).
            i -= 1
            while i >= 0 {
                if chars[i] == "'" {
                    if i > 0, chars[i - 1] == "'" { i -= 2; continue }
                    return i
                }
                i -= 1
            }
            return nil
        }
        if chars[i] == ")" {
            var depth = 0, quoted = false
            while i >= 0 {
                let c = chars[i]
                if c == "'" { quoted.toggle() } else if !quoted {
                    if c == ")" { depth += 1 }
                    if c == "(" { depth -= 1; if depth == 0 { break } }
                }
                i -= 1
            }
            guard i >= 0 else { return nil }
            while i > 0, isWordCharacter(chars[i - 1]) || chars[i - 1] == "." { i -= 1 }
            return i
        }
        guard isWordCharacter(chars[i]) || chars[i] == "\"" else { return nil }
        while i > 0, isWordCharacter(chars[i - 1]) || chars[i - 1] == "." || chars[i - 1] == "\"" { i -= 1 }
        return i
    }

    /// `x = ANY (ARRAY[a, b])` as `x IN (a, b)` (and the like): the array's closing `])` found by depth.
    static func lists(_ sql: String, _ opening: String, _ replacement: String) -> String {
        var text = sql
        while let range = text.range(of: opening) {
            var depth = 1, quoted = false
            var index = range.upperBound
            var close: String.Index?
            while index < text.endIndex {
                let c = text[index]
                if c == "'" { quoted.toggle() } else if !quoted {
                    if c == "[" { depth += 1 }
                    if c == "]" { depth -= 1; if depth == 0 { close = index; break } }
                }
                index = text.index(after: index)
            }
            guard let close, text.index(after: close) < text.endIndex, text[text.index(after: close)] == ")" else { return text }
            let items = text[range.upperBound..<close]
            text = String(text[..<range.lowerBound]) + replacement + items + ")" + text[text.index(close, offsetBy: 2)...]
        }
        return text
    }
}
