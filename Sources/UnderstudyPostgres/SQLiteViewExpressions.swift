import UnderstudyCore

/// A SQLite view's expressions in PostgreSQL's words, where PostgreSQL has other words for them or
/// reads the same words otherwise. Every view of a SQLite source was recreated as written when
/// PostgreSQL accepted it, so a view that called `ifnull`, `instr`, `group_concat`, `strftime` or
/// `date('now', '-30 days')` was left out, and three kinds were kept with other answers:
///
/// - `LIKE` ignores the case of ASCII letters in SQLite and minds it in PostgreSQL (`first LIKE 'a%'`
///   held `Ann` in SQLite, nobody in the copy): `ILIKE` over an ASCII pattern (other letters fold in
///   PostgreSQL's and not in SQLite's, and a pattern that is a column may hold them: refused), with
///   no escape character unless the view names one (PostgreSQL's default is `\`).
/// - `CAST(x AS INTEGER)` cuts a fraction in SQLite (1.5 is 1) and rounds in PostgreSQL (2):
///   `trunc`; `CAST(x AS REAL)` is a double in SQLite and a four-byte float in PostgreSQL.
/// - `substr(s, -2)` counts from the end in SQLite; PostgreSQL counts the characters before the first.
///
/// Functions: `ifnull` → `coalesce`, `iif` → `CASE`, `instr` → `strpos`, `group_concat` →
/// `string_agg`, `total` → a double sum that is 0 over no rows, scalar `max`/`min` of several →
/// `GREATEST`/`LEAST` that are NULL with a NULL argument (PostgreSQL's skip NULLs), `round` over a
/// numeric (PostgreSQL has no `round(double, int)`), `trim(s, chars)` → `btrim`. Dates: `date`,
/// `datetime`, `time`, `julianday`, `unixepoch` and `strftime` read a column or `'now'` (UTC, as in
/// SQLite) and the modifiers of days, hours, minutes, seconds and `start of` day, month or year
/// (months and years only on `'now'`: SQLite rolls January 31 + 1 month into March, PostgreSQL keeps
/// February's last day); `date()` is a PostgreSQL date, `datetime()` a timestamp cut to the second,
/// both written as SQLite's text is. Refused (the view is named as left out): `printf`, `format`,
/// `typeof`, `random`, a `GLOB` of a character class, `strftime` of a specifier PostgreSQL has no form
/// for. `GLOB` is `LIKE` (both mind case), and `a IS b` PostgreSQL's `IS NOT DISTINCT FROM`.
struct SQLiteViewExpressions {
    enum Kind: Equatable { case date, timestamp, timestamptz, text, number, boolean, unknown }

    /// Lower-cased column names whose columns, in every copied table, have one kind in PostgreSQL.
    let columns: [String: Kind]

    init(columns: [String: Kind]) { self.columns = columns }

    init(schema: DatabaseSchema) { self.init(tables: schema.tables) }

    init(tables: [Table]) {
        var kinds: [String: Kind] = [:]
        for table in tables {
            for column in table.columns {
                let kind: Kind
                switch column.logicalType {
                case .date: kind = .date
                case .timestamp: kind = PostgresDDL.type(for: column, engine: .sqlite) == "timestamptz" ? .timestamptz : .timestamp
                case .text, .uuid, .json: kind = .text
                case .integer, .real, .decimal: kind = .number
                case .boolean: kind = .boolean
                case .blob: kind = .unknown
                }
                let name = column.name.lowercased()
                kinds[name] = kinds[name].map { $0 == kind ? kind : .unknown } ?? kind
            }
        }
        columns = kinds
    }

    /// `sql` (its quotes already PostgreSQL's) in PostgreSQL's words; nil where an expression cannot
    /// be said with SQLite's meaning.
    func translate(_ sql: String) -> String? {
        let tokens = SQLToken.tokens(sql)
        guard SQLToken.depth(tokens) <= SQLToken.readableDepth else { return nil }
        return try? Walker(tokens: tokens, columns: columns).emit(0..<tokens.count)
    }

    struct Walker: SQLTokenWalking {
        let tokens: [SQLToken]
        let columns: [String: Kind]

        func emit(_ range: Range<Int>) throws(SQLRefused) -> String {
            var out = ""
            var i = range.lowerBound
            while i < range.upperBound {
                let token = tokens[i]
                let isCall = (token.kind == .word || token.kind == .quoted) && i + 1 < range.upperBound && tokens[i + 1].kind == .open
                if isCall {
                    let close = try closing(i + 1)
                    out += try call(token, arguments: (i + 2)..<close)
                    i = close + 1
                    continue
                }
                if token.kind == .word, token.value == "like" {
                    // ILIKE over an ASCII literal; no escape character unless the view gives one.
                    let p = next(i + 1, before: range.upperBound)
                    guard p < range.upperBound, tokens[p].kind == .string, tokens[p].value.allSatisfy(\.isASCII) else { throw SQLRefused() }
                    let e = next(p + 1, before: range.upperBound)
                    let escaped = e < range.upperBound && tokens[e].kind == .word && tokens[e].value == "escape"
                    out += "ILIKE " + tokens[p].text + (!escaped && tokens[p].value.contains("\\") ? " ESCAPE ''" : "")
                    i = p + 1
                    continue
                }
                if token.kind == .word, token.value == "glob" {
                    // GLOB minds case as PostgreSQL's LIKE does: its pattern in LIKE's terms.
                    let p = next(i + 1, before: range.upperBound)
                    guard p < range.upperBound, tokens[p].kind == .string, let pattern = Self.likePattern(glob: tokens[p].value) else { throw SQLRefused() }
                    out += "LIKE '" + pattern.replacingOccurrences(of: "'", with: "''") + "'"
                    i = p + 1
                    continue
                }
                if token.kind == .word, token.value == "is" {
                    // SQLite's `a IS b` compares any two values, NULLs equal: PostgreSQL's IS NOT DISTINCT FROM.
                    var k = next(i + 1, before: range.upperBound)
                    let negated = k < range.upperBound && tokens[k].kind == .word && tokens[k].value == "not"
                    if negated { k = next(k + 1, before: range.upperBound) }
                    if k < range.upperBound, !(tokens[k].kind == .word && ["null", "true", "false", "unknown", "distinct"].contains(tokens[k].value)) {
                        out += negated ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM "
                        i = k
                        continue
                    }
                }
                if token.kind == .word, ["regexp", "match"].contains(token.value) { throw SQLRefused() }
                if token.kind == .symbol, token.text == "==" {
                    out += "="
                    i += 1
                    continue
                }
                if token.kind == .open {
                    let close = try closing(i)
                    out += "(" + (try emit((i + 1)..<close)) + ")"
                    i = close + 1
                    continue
                }
                out += token.text
                i += 1
            }
            return out
        }

        /// An integer literal (`3`, `-2`) that `range` is, if it is one.
        func integer(_ range: Range<Int>) -> Int? {
            let r = trimmed(range)
            let text = r.map { tokens[$0].text }.joined()
            return Int(text)
        }

        func kind(_ range: Range<Int>) -> Kind {
            let r = trimmed(range)
            guard let first = r.first else { return .unknown }
            if r.count == 1, tokens[first].kind == .number { return .number }
            if r.count == 1, tokens[first].kind == .string { return .text }
            // A name, or a qualified one: its column's kind.
            var names: [String] = []
            var i = first
            while i < r.upperBound {
                guard tokens[i].kind == .word || tokens[i].kind == .quoted else { return .unknown }
                names.append(tokens[i].value)
                i += 1
                if i < r.upperBound { guard tokens[i].kind == .dot else { return .unknown }; i += 1 }
            }
            return names.last.flatMap { columns[$0] } ?? .unknown
        }

        /// A date function's first argument as a PostgreSQL timestamp: `'now'` in UTC, a literal
        /// or a column of text or dates cast, a timestamptz in UTC.
        func timestamp(_ range: Range<Int>) throws(SQLRefused) -> String {
            let r = trimmed(range)
            if r.count == 1, tokens[r.lowerBound].kind == .string {
                return tokens[r.lowerBound].value.lowercased() == "now" ? "(now() AT TIME ZONE 'UTC')" : "CAST(\(tokens[r.lowerBound].text) AS timestamp)"
            }
            let written = try emit(r)
            switch kind(r) {
            case .timestamp: return written
            case .timestamptz: return "(\(written) AT TIME ZONE 'UTC')"
            case .number, .boolean: throw SQLRefused()  // a Julian day or seconds: no date here
            default: return "CAST(\(written) AS timestamp)"
            }
        }

        /// A date function's arguments as a PostgreSQL timestamp: the first moved by the modifiers.
        func moved(_ arguments: [Range<Int>]) throws(SQLRefused) -> String {
            guard let base = arguments.first else { throw SQLRefused() }
            let r = trimmed(base)
            let isNow = r.count == 1 && tokens[r.lowerBound].kind == .string && tokens[r.lowerBound].value.lowercased() == "now"
            var value = try timestamp(base)
            for modifier in arguments.dropFirst() {
                let m = trimmed(modifier)
                guard m.count == 1, tokens[m.lowerBound].kind == .string else { throw SQLRefused() }
                let text = tokens[m.lowerBound].value.lowercased().trimmingCharacters(in: .whitespaces)
                switch text {
                case "start of day": value = "date_trunc('day', \(value))"; continue
                case "start of month": value = "date_trunc('month', \(value))"; continue
                case "start of year": value = "date_trunc('year', \(value))"; continue
                default: break
                }
                let parts = text.split(separator: " ", omittingEmptySubsequences: true)
                guard parts.count == 2, let amount = Double(parts[0]), amount.isFinite else { throw SQLRefused() }
                var unit = String(parts[1])
                if unit.hasSuffix("s") { unit.removeLast() }
                guard ["day", "hour", "minute", "second", "month", "year"].contains(unit) else { throw SQLRefused() }
                // SQLite rolls January 31 + 1 month into March; PostgreSQL keeps February's last day.
                if unit == "month" || unit == "year" { guard isNow else { throw SQLRefused() } }
                let magnitude = abs(amount) == abs(amount).rounded() ? String(Int64(abs(amount))) : String(abs(amount))
                value = "(\(value) \(amount < 0 ? "-" : "+") interval '\(magnitude) \(unit)s')"
            }
            return value
        }

        /// A GLOB pattern as a LIKE pattern of the same strings (`*` → `%`, `?` → `_`, LIKE's own
        /// characters escaped), or nil for a character class (`[a-z]`).
        static func likePattern(glob: String) -> String? {
            var out = ""
            for c in glob {
                switch c {
                case "*": out += "%"
                case "?": out += "_"
                case "%", "_", "\\": out += "\\" + String(c)
                case "[", "]": return nil
                default: out.append(c)
                }
            }
            return out
        }

        /// SQLite's strftime format as PostgreSQL's to_char format, or nil for a specifier it has no form for.
        static func toCharFormat(_ format: String) -> String? {
            var out = "", literal = ""
            func flush() {
                if !literal.isEmpty { out += "\"" + literal + "\"" }
                literal = ""
            }
            var chars = format.makeIterator()
            while let c = chars.next() {
                guard c == "%" else {
                    if c == "\"" || c == "\\" { return nil }
                    literal.append(c)
                    continue
                }
                guard let specifier = chars.next() else { return nil }
                if specifier == "%" { literal.append("%"); continue }
                guard let mapped = specifier == "f" ? "SS.MS" : dateFormatParts.first(where: { $0.strftime == specifier })?.toChar else { return nil }
                flush()
                out += mapped
            }
            flush()
            return out
        }

        func call(_ name: SQLToken, arguments range: Range<Int>) throws(SQLRefused) -> String {
            let function = name.value
            let arguments = try arguments(range)
            func written(_ k: Int) throws(SQLRefused) -> String { try emit(arguments[k]) }
            switch function {
            case "ifnull":
                guard arguments.count == 2 else { throw SQLRefused() }
                return "coalesce(\(try written(0)), \(try written(1)))"
            case "iif":
                guard arguments.count == 3 else { throw SQLRefused() }
                return "(CASE WHEN \(try written(0)) THEN \(try written(1)) ELSE \(try written(2)) END)"
            case "instr":
                guard arguments.count == 2 else { throw SQLRefused() }
                return "strpos(\(try written(0)), \(try written(1)))"
            case "substr", "substring":
                guard arguments.count == 2 || arguments.count == 3 else { throw SQLRefused() }
                // A negative start counts from the end: the same place as PostgreSQL's length + start + 1,
                // whose characters before the first take from the count as SQLite's do (`substr('Bo', -3, 2)` is `B`).
                let s = try written(0), a = try written(1)
                let count = arguments.count == 3 ? ", " + (try written(2)) : ""
                if let start = integer(arguments[1]) {
                    return start >= 0 ? "substr(\(s), \(a)\(count))" : "substr(\(s), length(\(s)) - \(-start - 1)\(count))"
                }
                return "substr(\(s), (CASE WHEN (\(a)) < 0 THEN length(\(s)) + (\(a)) + 1 ELSE (\(a)) END)\(count))"
            case "group_concat":
                guard arguments.count == 1 || arguments.count == 2 else { throw SQLRefused() }
                var value = arguments[0]
                var distinct = ""
                if let first = value.first, tokens[first].kind == .word, tokens[first].value == "distinct" {
                    distinct = "DISTINCT "
                    value = trimmed((first + 1)..<value.upperBound)
                }
                for k in range where tokens[k].kind == .word && tokens[k].value == "order" { throw SQLRefused() }
                return "string_agg(\(distinct)CAST(\(try emit(value)) AS text), \(arguments.count == 2 ? try written(1) : "','"))"
            case "total":
                guard arguments.count == 1 else { throw SQLRefused() }
                return "CAST(coalesce(sum(\(try written(0))), 0) AS double precision)"
            case "max", "min":
                guard arguments.count >= 2 else { return name.text + "(" + (try emit(range)) + ")" }
                let values = try arguments.indices.map { k throws(SQLRefused) in try written(k) }
                return "(CASE WHEN \(values.map { "(\($0)) IS NULL" }.joined(separator: " OR ")) THEN NULL ELSE \(function == "max" ? "GREATEST" : "LEAST")(\(values.joined(separator: ", "))) END)"
            case "round":
                guard arguments.count == 1 || arguments.count == 2 else { throw SQLRefused() }
                return "round(CAST(\(try written(0)) AS numeric)\(arguments.count == 2 ? ", " + (try written(1)) : ""))"
            case "trim":
                guard arguments.count == 1 || arguments.count == 2 else { throw SQLRefused() }
                return arguments.count == 1 ? "trim(\(try written(0)))" : "btrim(\(try written(0)), \(try written(1)))"
            case "cast":
                let parts = try split(range) { $0.kind == .word && $0.value == "as" }
                guard parts.count == 2 else { throw SQLRefused() }
                let value = try emit(parts[0])
                let type = trimmed(parts[1]).map { tokens[$0].value }.joined(separator: " ")
                switch type {
                case "integer", "int", "bigint", "smallint", "tinyint", "int8", "int4", "int2":
                    return "CAST(trunc(CAST(\(value) AS numeric)) AS bigint)"
                case "real", "float", "double", "double precision": return "CAST(\(value) AS double precision)"
                case "text": return "CAST(\(value) AS text)"
                case "numeric": return "CAST(\(value) AS numeric)"
                default: throw SQLRefused()
                }
            case "date":
                return "CAST(\(try moved(arguments)) AS date)"
            case "datetime":
                return "date_trunc('second', \(try moved(arguments)))"
            case "time":
                return "to_char(\(try moved(arguments)), 'HH24:MI:SS')"
            case "julianday":
                return "(extract(epoch FROM \(try moved(arguments))) / 86400.0 + 2440587.5)"
            case "unixepoch":
                return "CAST(floor(extract(epoch FROM \(try moved(arguments)))) AS bigint)"
            case "strftime":
                guard arguments.count >= 2, let f = trimmed(arguments[0]).first, trimmed(arguments[0]).count == 1, tokens[f].kind == .string else { throw SQLRefused() }
                let at = try moved(Array(arguments.dropFirst()))
                if tokens[f].value == "%s" { return "CAST(floor(extract(epoch FROM \(at))) AS bigint)::text" }
                guard let format = Self.toCharFormat(tokens[f].value) else { throw SQLRefused() }
                return "to_char(\(at), '\(format.replacingOccurrences(of: "'", with: "''"))')"
            case "printf", "format", "typeof", "random", "randomblob", "like", "glob", "char", "quote", "hex", "unhex", "changes", "last_insert_rowid", "likelihood", "likely", "unlikely":
                throw SQLRefused()
            default:
                return name.text + "(" + (try emit(range)) + ")"
            }
        }
    }
}
