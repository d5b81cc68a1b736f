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
/// (ARRAY[…])` is `IN (…)`, `<> ALL (ARRAY[…])` is `NOT IN (…)`; `LIKE` and `ILIKE` over a constant
/// pattern are `GLOB` and `LIKE` (below). Anything else — a cast of a column to a date, to a type of
/// PostgreSQL's own, a pattern that is a column — leaves the view untranslated (nil), and the copy
/// names it.
enum PostgresViewSQL {
    /// The statement as SQLite reads it, nil where it needs no change or none SQLite reads (tests
    /// name the change; a copy tries ``statement(_:expressions:)``).
    static func sqlite(_ sql: String, expressions: PostgresViewExpressions = .init(columns: [:])) -> String? {
        guard let statement = statement(sql, expressions: expressions), statement != sql else { return nil }
        return statement
    }

    /// The statement a SQLite copy tries: the view as SQLite reads it (`sql` itself where nothing
    /// changes), or nil where it cannot be said with PostgreSQL's meaning — never the source's text
    /// then: SQLite takes `CURRENT_DATE - 7` and a schema's own `group_concat` and answers otherwise.
    static func statement(_ sql: String, expressions: PostgresViewExpressions = .init(columns: [:])) -> String? {
        var text = withoutViewOptions(sql)
        if text.hasPrefix("CREATE MATERIALIZED VIEW ") {
            guard let match = text.firstMatch(of: #/^CREATE MATERIALIZED VIEW ("(?:[^"]|"")*"|[^\s"]+)(?: WITH \([^()]*\))? AS /#) else { return nil }
            var query = text[match.range.upperBound...]
            for suffix in [" WITH NO DATA", " WITH DATA"] where query.hasSuffix(suffix) { query = query.dropLast(suffix.count) }
            text = "CREATE VIEW \(match.1) AS " + query
        }
        guard let written = expressions.translate(text), var result = withoutCasts(written) else { return nil }
        result = lists(result, "= ANY (ARRAY[", "IN (")
        result = lists(result, "<> ALL (ARRAY[", "NOT IN (")
        guard let matched = patterns(result) else { return nil }
        // NULL sorts last ascending in PostgreSQL, first in SQLite: written out as PostgreSQL meant it.
        return NullOrdering.explicit(matched, nullsSmallest: false)
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
            // A numeric's scale rounds: `(avg(x))::numeric(10,2)` is 12.35 where the average is 12.345.
            var scale: Int?
            if let size = String(chars[end...]).firstMatch(of: #/^\s*\(\s*[0-9]+\s*(?:,\s*([0-9]+)\s*)?\)/#) {
                end += size.0.count
                if name == "numeric" || name == "decimal" { scale = size.1.flatMap { Int($0) } ?? 0 }
            } else if let size = String(chars[end...]).firstMatch(of: #/^\s*\([0-9,\s]*\)/#) {
                end += size.0.count
            }
            if end < chars.count, chars[end] == "[" { return nil }
            let operand = String(chars[start..<at])
            let isLiteral = operand.first.map { $0 == "'" || $0.isNumber } ?? false
            let replacement: String
            switch target {
            case .drop: replacement = operand
            case .real: replacement = scale.map { "round(CAST(\(operand) AS REAL), \($0))" } ?? "CAST(\(operand) AS REAL)"
            case .integer:
                // PostgreSQL rounds a fraction to an integer (1.5 is 2), SQLite's CAST cuts it (1).
                replacement = isLiteral ? "CAST(\(operand) AS INTEGER)" : "CAST(iif(typeof(\(operand)) = 'real', round(\(operand)), \(operand)) AS INTEGER)"
            case .dateLiteral:
                guard operand.hasPrefix("'"), operand.hasSuffix("'") else { return nil }
                replacement = operand
            }
            chars.replaceSubrange(start..<end, with: Array(replacement))
        }
        return String(chars)
    }

    static func isWordCharacter(_ c: Character?) -> Bool { c.map(NullOrdering.isWordCharacter) ?? false }

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

    /// `sql` with PostgreSQL's pattern operators outside literals as SQLite's, or nil where one's
    /// pattern is no constant or means more than SQLite can say. PostgreSQL writes `LIKE` back as
    /// `~~`, `NOT LIKE` as `!~~`, `ILIKE` as `~~*`, and an `ESCAPE` as `like_escape(pattern, escape)`.
    /// Its `LIKE` minds case and SQLite's does not (`'Alpha' LIKE 'al%'` is true there), so a `LIKE`
    /// becomes `GLOB`, which minds case, its pattern translated (`%` → `*`, `_` → `?`, and the
    /// characters GLOB reads — `*`, `?`, `[` — put in brackets to stand for themselves). `ILIKE` is
    /// SQLite's `LIKE` with PostgreSQL's escape character, where the pattern is ASCII: SQLite folds
    /// the case of ASCII letters only (`'Ärger' ILIKE 'är%'` would differ), so another pattern is nil.
    static func patterns(_ sql: String) -> String? {
        let chars = Array(sql)
        var out: [Character] = []
        var i = 0, quoted = false
        while i < chars.count {
            let c = chars[i]
            if c == "'" { quoted.toggle() }
            let negated = c == "!"
            let start = i + (negated ? 1 : 0)
            guard !quoted, c == "~" || negated, start + 1 < chars.count, chars[start] == "~", chars[start + 1] == "~" else {
                out.append(c)
                i += 1
                continue
            }
            var j = start + 2
            let caseless = j < chars.count && chars[j] == "*"
            if caseless { j += 1 }
            while j < chars.count, chars[j] == " " { j += 1 }
            // The pattern: a literal, or like_escape(literal, literal).
            var pattern: String, escape: String = "\\"
            if let constant = literal(chars, at: j) {
                (pattern, j) = constant
            } else if j + 12 <= chars.count, String(chars[j..<(j + 12)]) == "like_escape(", let constant = literal(chars, at: j + 12),
                      constant.1 + 1 < chars.count, chars[constant.1] == ",", chars[constant.1 + 1] == " ",
                      let given = literal(chars, at: constant.1 + 2), given.1 < chars.count, chars[given.1] == ")", given.0.count <= 1 {
                (pattern, escape, j) = (constant.0, given.0, given.1 + 1)
            } else {
                return nil
            }
            let translated: String
            if caseless {
                guard pattern.allSatisfy(\.isASCII), !endsInEscape(pattern, escape) else { return nil }
                translated = (negated ? "NOT LIKE " : "LIKE ") + quote(pattern) + (escape.isEmpty ? "" : " ESCAPE " + quote(escape))
            } else {
                guard let glob = glob(pattern, escape: escape.first) else { return nil }
                translated = (negated ? "NOT GLOB " : "GLOB ") + quote(glob)
            }
            out.append(contentsOf: translated)
            i = j
        }
        return String(out)
    }

    /// The text of the string literal opening at `at` and the index after it.
    static func literal(_ chars: [Character], at: Int) -> (String, Int)? {
        guard at < chars.count, chars[at] == "'" else { return nil }
        var text = "", i = at + 1
        while i < chars.count {
            if chars[i] == "'" {
                guard i + 1 < chars.count, chars[i + 1] == "'" else { return (text, i + 1) }
                i += 1
            }
            text.append(chars[i])
            i += 1
        }
        return nil
    }

    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Whether the pattern ends in an escape character that escapes nothing (PostgreSQL refuses it).
    static func endsInEscape(_ pattern: String, _ escape: String) -> Bool {
        guard let e = escape.first else { return false }
        var escaped = false
        for c in pattern { escaped = !escaped && c == e }
        return escaped
    }

    /// A LIKE pattern as a GLOB pattern of the same strings, or nil where it ends in its escape.
    static func glob(_ pattern: String, escape: Character?) -> String? {
        var out = "", escaped = false
        for c in pattern {
            if escaped {
                escaped = false
            } else if c == escape {
                escaped = true
                continue
            } else if c == "%" {
                out += "*"
                continue
            } else if c == "_" {
                out += "?"
                continue
            }
            out += c == "*" || c == "?" || c == "[" ? "[\(c)]" : String(c)
        }
        return escaped ? nil : out
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
