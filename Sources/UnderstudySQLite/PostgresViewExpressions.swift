import Foundation
import UnderstudyCore

/// A PostgreSQL view's expressions that SQLite has no words for, written in SQLite's: string
/// functions (`concat`, `concat_ws`, `left`, `right`, `substring`, `position`, `strpos`, `trim`,
/// `btrim`, `char_length`, `greatest`, `least`, `string_agg`), date parts and truncation (`EXTRACT`,
/// `date_part`, `date_trunc`), casts of date and timestamp columns, and date arithmetic — days added
/// to a date, a date less a date, an interval added to a date, a timestamp or the current time.
///
/// Date arithmetic is the reason this reads types: SQLite takes `CURRENT_DATE - 7` for a number
/// (2026 − 7), so a view `WHERE due > CURRENT_DATE - 7` was kept as it was and held every row. What
/// an operand is comes from the schema (a column's name, when every column of that name in the
/// copied tables has one type) and from PostgreSQL's own casts, which `pg_get_viewdef` writes out on
/// every literal. An addition or subtraction that involves a date, a timestamp or an interval is
/// written in SQLite's date functions or refuses the view (nil): an operand of unknown type, a month
/// added to a column (PostgreSQL keeps the month's last day, SQLite rolls into the next month),
/// a timestamp less a timestamp (an interval, which SQLite has not).
///
/// The copy holds PostgreSQL's text of its dates (`2024-01-31`, `2024-01-31 12:00:00`, a
/// `timestamptz` in UTC as `2024-01-31 12:00:00+00:00`, as SQLite's date functions read it: the
/// source's session, of time zone UTC, writes `+00`, which SQLite's functions do not read, and the
/// copy writes it out): a `timestamptz` is read by SQLite's date functions without its zone and
/// written with it; the current time is UTC, as the source's session would give it.
/// Results are PostgreSQL's text where it has one (a date `2024-02-07`, a truncated timestamp
/// `2024-02-01 00:00:00`); a timestamp moved by an interval keeps whole seconds.
struct PostgresViewExpressions {
    /// The zone a copy writes after a `timestamptz`'s time: UTC, as SQLite's date functions read it.
    static let utc = SQLiteDestination.utcZone

    /// A `timestamptz`'s text without its zone: the copy's `+00:00`, or PostgreSQL's `+00` as an
    /// application writing to the copy may (SQLite's date functions read NULL of it, and a CHECK
    /// let such a row through).
    static func withoutZone(_ written: String) -> String { "replace(replace(\(written), '\(utc)', ''), '+00', '')" }

    /// A time as a `timestamptz`'s text: with the copy's zone after it.
    static func withZone(_ written: String) -> String { "(\(written) || '\(utc)')" }

    /// `mixed`: a name that is a date or time in one table and something else in another.
    enum Kind: Equatable { case date, timestamp, timestamptz, time, interval, number, boolean, text, mixed, unknown }

    /// Lower-cased column names whose columns, in every copied table, share one type.
    let columns: [String: Kind]
    /// The source's own functions and aggregates (lower case, unqualified): a call of one is
    /// refused, as SQLite's function of that name, if it has one, means something else (a schema's
    /// `group_concat` aggregate joined with `, `, SQLite's with `,`: the view was kept, and its
    /// lists read otherwise).
    var functions: Set<String> = []

    init(columns: [String: Kind], functions: Set<String> = []) {
        self.columns = columns
        self.functions = functions
    }

    /// The kinds of one table's columns: its CHECKs', generated columns' and indexes' names.
    init(table: Table, functions: Set<String>) {
        self.init(tables: [table])
        self.functions = functions
    }

    /// The kinds of the schema's columns by name (a name of two kinds is unknown).
    init(schema: DatabaseSchema) {
        self.init(tables: schema.tables)
        functions = Self.functions(of: schema)
    }

    /// The names of a schema's own functions and aggregates, unqualified, in lower case.
    static func functions(of schema: DatabaseSchema) -> Set<String> {
        let names = schema.functions.map(\.name) + schema.objects.filter { $0.kind == .aggregate }.map(\.name)
        return Set(names.map { name in
            let bare = name.split(separator: "(", maxSplits: 1).first.map(String.init) ?? name
            let last = bare.split(separator: ".").last.map(String.init) ?? bare
            return last.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased()
        })
    }

    init(tables: [Table]) {
        var kinds: [String: Kind] = [:]
        for table in tables {
            for column in table.columns {
                let kind = Self.kind(of: column)
                let name = column.name.lowercased()
                kinds[name] = kinds[name].map { known in
                    known == kind ? kind : Walker.temporal.contains(known) || Walker.temporal.contains(kind) || known == .mixed ? .mixed : .unknown
                } ?? kind
            }
        }
        columns = kinds
    }

    static func kind(of column: Column) -> Kind {
        let type = column.declaredType.lowercased()
        if type == "date" { return .date }
        if type.hasPrefix("timestamp") { return type == "timestamptz" || type.contains("with time zone") ? .timestamptz : .timestamp }
        if type == "time" || type.hasPrefix("time(") || type.hasPrefix("time without") { return .time }
        if type.hasPrefix("interval") { return .interval }
        switch column.logicalType {
        case .integer, .real, .decimal: return .number
        case .boolean: return .boolean
        case .text, .uuid, .json: return column.syntax == nil || column.syntax == "enum" ? .text : .unknown
        default: return .unknown
        }
    }

    /// `sql` with the expressions above in SQLite's words; unchanged where it has none; nil where
    /// one cannot be said with the same meaning.
    func translate(_ sql: String) -> String? {
        let tokens = SQLToken.tokens(sql)
        guard SQLToken.depth(tokens) <= SQLToken.readableDepth else { return nil }
        return try? Walker(tokens: tokens, columns: columns, functions: functions).emit(0..<tokens.count)
    }

    /// A PostgreSQL default expression (no literal: those are read elsewhere) as a SQLite DEFAULT
    /// `( … )` of SQLite's own functions and keywords only (SQLite checks a default's functions
    /// when a row needs it, so one it has not would fail the application's insert, not the copy);
    /// nil where it has none. A random UUID (`gen_random_uuid()`, `uuid_generate_v4()`) is one of
    /// version 4 from `randomblob`.
    static func defaultExpression(_ text: String) -> String? {
        let bare = text.lowercased().replacingOccurrences(of: " ", with: "")
        if ["gen_random_uuid()", "uuid_generate_v4()", "public.uuid_generate_v4()", "extensions.uuid_generate_v4()"].contains(bare) {
            return "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || "
                + "substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))"
        }
        // (In parentheses, as PostgreSQL writes an operation: `CURRENT_DATE + 30` comes without them.)
        guard let translated = PostgresViewExpressions(columns: [:]).translate("(" + text + ")"), let written = PostgresViewSQL.withoutCasts(translated) else { return nil }
        let tokens = SQLToken.tokens(written)
        for (i, token) in tokens.enumerated() where token.kind == .word || token.kind == .quoted {
            let isCall = i + 1 < tokens.count && tokens[i + 1].kind == .open
            guard token.kind == .word, isCall ? sqliteFunctions.contains(token.value) : sqliteKeywords.contains(token.value) else { return nil }
        }
        return written.hasPrefix("(") && (try? Walker(tokens: tokens, columns: [:], functions: []).closing(0)) == tokens.count - 1 ? written : "(" + written + ")"
    }

    /// SQLite's built-in scalar functions a default may call.
    static let sqliteFunctions: Set<String> = [
        "abs", "char", "coalesce", "date", "datetime", "hex", "ifnull", "iif", "instr", "julianday", "length", "lower", "ltrim", "max", "min",
        "nullif", "printf", "quote", "random", "randomblob", "replace", "round", "rtrim", "strftime", "substr", "time", "trim", "typeof",
        "unicode", "upper", "zeroblob",
    ]

    /// The words a default may hold that are no function call.
    static let sqliteKeywords: Set<String> = [
        "current_date", "current_time", "current_timestamp", "case", "when", "then", "else", "end", "and", "or", "not", "null", "is", "cast", "as",
        "real", "integer", "text", "true", "false",
    ]

    /// Reads a range of tokens as expressions and writes them back in SQLite's words.
    struct Walker: SQLTokenWalking {
        let tokens: [SQLToken]
        let columns: [String: Kind]
        let functions: Set<String>

        /// After a `::` at `at`: the type's name (lower case, words joined by one space) and the index after it.
        func castType(_ at: Int, _ end: Int) -> (String, Int)? {
            var j = next(at + 1, before: end)
            var words: [String] = []
            var after = j
            while j < end, tokens[j].kind == .word || tokens[j].kind == .quoted {
                words.append(tokens[j].value)
                j += 1
                after = j
                // Words of one type name: `timestamp without time zone`, `character varying`, `double precision`.
                let k = next(j, before: end)
                guard k < end, tokens[k].kind == .word, ["without", "with", "time", "zone", "varying", "precision"].contains(tokens[k].value) else { break }
                j = k
            }
            guard !words.isEmpty else { return nil }
            if after < end, tokens[after].kind == .open, let close = try? closing(after) { after = close + 1 }
            if after < end, tokens[after].kind == .other, tokens[after].text == "[" { return nil }
            return (words.joined(separator: " "), after)
        }

        static func kind(ofType type: String) -> Kind {
            switch type {
            case "date": .date
            case "timestamp", "timestamp without time zone": .timestamp
            case "timestamptz", "timestamp with time zone": .timestamptz
            case "time", "time without time zone": .time
            case "interval": .interval
            case "integer", "int", "int2", "int4", "int8", "smallint", "bigint", "numeric", "decimal", "real", "double precision", "float4", "float8": .number
            case "text", "character varying", "varchar", "character", "bpchar", "name": .text
            case "boolean", "bool": .boolean
            default: .unknown
            }
        }

        /// The current time's names: PostgreSQL's `now()` and the like, and its SQL keywords.
        static let currentTimestamps: Set<String> = ["now", "transaction_timestamp", "statement_timestamp", "clock_timestamp", "current_timestamp", "localtimestamp"]

        /// Whether `range` is the current time or date alone (an interval of months may move it).
        func isCurrent(_ range: Range<Int>) -> Bool {
            let r = trimmed(range)
            guard let first = r.first, tokens[first].kind == .word else { return false }
            let name = tokens[first].value
            if r.count == 1 { return ["current_date", "current_timestamp", "localtimestamp"].contains(name) }
            return r.count == 3 && Self.currentTimestamps.contains(name) && tokens[first + 1].kind == .open && tokens[first + 2].kind == .close
        }

        /// What `range` holds: a date, a timestamp, an interval, a number…
        func kind(_ range: Range<Int>) throws(SQLRefused) -> Kind {
            let r = trimmed(range)
            guard let start = r.first, let end = try primaryEnd(start, r.upperBound) else { return .unknown }
            let after = next(end, before: r.upperBound)
            if after < r.upperBound {
                // A cast: the type's kind. Anything else after a primary: not one primary.
                guard tokens[after].kind == .cast, let (type, typeEnd) = castType(after, r.upperBound), next(typeEnd, before: r.upperBound) == r.upperBound else {
                    guard let parts = try binary(r) else { return .unknown }
                    return try arithmeticKind(parts)
                }
                return Self.kind(ofType: type)
            }
            let token = tokens[start]
            switch token.kind {
            case .number: return .number
            case .string: return .text
            case .open:
                let inner = trimmed((start + 1)..<(end - 1))
                if let base = try atUTC(inner) {
                    switch try kind(base) {
                    case .timestamptz: return .timestamp
                    case .timestamp: return .timestamptz
                    default: return .unknown
                    }
                }
                if let parts = try binary(inner) { return try arithmeticKind(parts) }
                return try kind(inner)
            case .word, .quoted:
                if end - start == 1, token.kind == .word {
                    switch token.value {
                    case "current_date": return .date
                    case "current_timestamp": return .timestamptz
                    case "localtimestamp": return .timestamp
                    case "true", "false": return .boolean
                    default: break
                    }
                }
                if end > start + 1, tokens[start + 1].kind == .open {
                    if Self.currentTimestamps.contains(token.value) { return .timestamptz }
                    if token.value == "date_trunc", let arguments = try? arguments((start + 2)..<(end - 1)), arguments.count == 2 {
                        return try kind(arguments[1])
                    }
                    // The least, the greatest, the first present: of their arguments' kind.
                    if ["min", "max", "coalesce"].contains(token.value), let arguments = try? arguments((start + 2)..<(end - 1)), let first = arguments.first {
                        return try kind(first)
                    }
                    if ["length", "char_length", "character_length", "strpos", "position", "count"].contains(token.value) { return .number }
                    return .unknown
                }
                return columns[tokens[end - 1].value] ?? .unknown
            default: return .unknown
            }
        }

        /// `X AT TIME ZONE 'UTC'` where `range` is exactly that: X's range (another zone is refused:
        /// the copy's timestamps are UTC, and SQLite knows no zones).
        func atUTC(_ range: Range<Int>) throws(SQLRefused) -> Range<Int>? {
            let r = trimmed(range)
            guard let start = r.first, let end = try primaryEnd(start, r.upperBound) else { return nil }
            var i = next(end, before: r.upperBound)
            for word in ["at", "time", "zone"] {
                guard i < r.upperBound, tokens[i].kind == .word, tokens[i].value == word else { return nil }
                i = next(i + 1, before: r.upperBound)
            }
            guard i < r.upperBound, tokens[i].kind == .string else { return nil }
            let zone = tokens[i].value.uppercased()
            i = next(i + 1, before: r.upperBound)
            if i < r.upperBound, tokens[i].kind == .cast, let (_, after) = castType(i, r.upperBound) { i = next(after, before: r.upperBound) }
            guard i == r.upperBound else { return nil }
            guard ["UTC", "ETC/UTC", "GMT", "Z", "+00", "UCT"].contains(zone) else { throw SQLRefused() }
            return start..<end
        }

        /// `L + R` or `L - R` where `range` is exactly that (PostgreSQL writes each operation in
        /// its own parentheses).
        func binary(_ range: Range<Int>) throws(SQLRefused) -> (Range<Int>, String, Range<Int>)? {
            let r = trimmed(range)
            var operators: [Int] = []
            var i = r.lowerBound
            while i < r.upperBound {
                if tokens[i].kind == .open { i = try closing(i) + 1; continue }
                if tokens[i].kind == .symbol { operators.append(i) }
                if tokens[i].kind == .word, ["and", "or", "not", "is", "between", "like", "in", "case", "select"].contains(tokens[i].value) { return nil }
                i += 1
            }
            guard operators.count == 1, let at = operators.first, ["+", "-"].contains(tokens[at].text) else { return nil }
            let left = trimmed(r.lowerBound..<at), right = trimmed((at + 1)..<r.upperBound)
            guard !left.isEmpty, !right.isEmpty else { return nil }
            return (left, tokens[at].text, right)
        }

        static let temporal: Set<Kind> = [.date, .timestamp, .timestamptz, .time, .interval]

        func arithmeticKind(_ parts: (Range<Int>, String, Range<Int>)) throws(SQLRefused) -> Kind {
            let (l, op, r) = (try kind(parts.0), parts.1, try kind(parts.2))
            switch (l, op, r) {
            case (.number, _, .number): return .number
            case (.date, _, .number), (.number, "+", .date): return .date
            case (.date, "-", .date): return .number
            case (.date, _, .interval), (.interval, "+", .date), (.timestamp, _, .interval), (.interval, "+", .timestamp): return .timestamp
            case (.timestamptz, _, .interval), (.interval, "+", .timestamptz): return .timestamptz
            default: return Self.temporal.contains(l) || Self.temporal.contains(r) ? .unknown : (l == .number || r == .number ? .number : .unknown)
            }
        }

        // MARK: Writing

        /// The tokens of `range`, the expressions this knows rewritten.
        func emit(_ range: Range<Int>) throws(SQLRefused) -> String {
            var out = ""
            var i = range.lowerBound
            while i < range.upperBound {
                let token = tokens[i]
                // A primary followed by a cast of a date or timestamp.
                if let end = try primaryEnd(i, range.upperBound), token.kind != .string, token.kind != .number {
                    let after = next(end, before: range.upperBound)
                    if after < range.upperBound, tokens[after].kind == .cast, let (type, typeEnd) = castType(after, range.upperBound) {
                        let target = Self.kind(ofType: type)
                        let source = try kind(i..<end)
                        if Self.temporal.contains(target), source != .text {
                            out += try cast(i..<end, from: source, to: target)
                            i = typeEnd
                            continue
                        }
                    }
                }
                switch token.kind {
                case .open:
                    let close = try closing(i)
                    let inner = (i + 1)..<close
                    if let base = try atUTC(inner) {
                        switch try kind(base) {
                        case .timestamptz: out += PostgresViewExpressions.withoutZone(try emit(base))
                        case .timestamp: out += PostgresViewExpressions.withZone(try emit(base))
                        default: throw SQLRefused()
                        }
                    } else if let parts = try binary(inner), let written = try arithmetic(parts) {
                        out += written
                    } else {
                        out += "(" + (try emit(inner)) + ")"
                    }
                    i = close + 1
                case .word where i + 1 < range.upperBound && tokens[i + 1].kind == .open, .quoted where i + 1 < range.upperBound && tokens[i + 1].kind == .open:
                    let close = try closing(i + 1)
                    out += try call(token, arguments: (i + 2)..<close)
                    i = close + 1
                case .word where token.value == "localtimestamp":
                    out += "datetime('now')"
                    i += 1
                default:
                    out += token.text
                    i += 1
                }
            }
            return out
        }

        /// A date or time SQLite's date functions read: a `timestamptz` without its zone.
        func timeValue(_ range: Range<Int>, _ kind: Kind) throws(SQLRefused) -> String {
            let written = try emit(range)
            return kind == .timestamptz ? PostgresViewExpressions.withoutZone(written) : written
        }

        func cast(_ range: Range<Int>, from source: Kind, to target: Kind) throws(SQLRefused) -> String {
            let value = try timeValue(range, source)
            switch (source, target) {
            case (.date, .date), (.timestamp, .timestamp), (.timestamptz, .timestamptz), (.time, .time): return try emit(range)
            case (.timestamp, .date), (.timestamptz, .date): return "date(\(value))"
            case (.date, .timestamp): return "datetime(\(value))"
            case (.timestamptz, .timestamp): return value
            case (.date, .timestamptz): return PostgresViewExpressions.withZone("datetime(\(value))")
            case (.timestamp, .timestamptz): return PostgresViewExpressions.withZone(value)
            case (.timestamp, .time), (.timestamptz, .time): return "substr(\(value), 12)"
            default: throw SQLRefused()
            }
        }

        /// `L op R` where a date, timestamp or interval takes part, in SQLite's date functions;
        /// nil where none does; refused where one does that SQLite cannot say.
        func arithmetic(_ parts: (Range<Int>, String, Range<Int>)) throws(SQLRefused) -> String? {
            let (l, op, r) = (try kind(parts.0), parts.1, try kind(parts.2))
            if l == .mixed || r == .mixed { throw SQLRefused() }
            guard Self.temporal.contains(l) || Self.temporal.contains(r) else { return nil }
            switch (l, op, r) {
            case (.date, _, .number):
                return "date(julianday(\(try emit(parts.0))) \(op) (\(try emit(parts.2))))"
            case (.number, "+", .date):
                return "date(julianday(\(try emit(parts.2))) + (\(try emit(parts.0))))"
            case (.date, "-", .date):
                return "CAST(round(julianday(\(try emit(parts.0))) - julianday(\(try emit(parts.2)))) AS INTEGER)"
            case (.date, _, .interval), (.timestamp, _, .interval), (.timestamptz, _, .interval):
                return try moved(parts.0, l, by: parts.2, negated: op == "-")
            case (.interval, "+", .date), (.interval, "+", .timestamp), (.interval, "+", .timestamptz):
                return try moved(parts.2, r, by: parts.0, negated: false)
            default:
                throw SQLRefused()
            }
        }

        /// A date or timestamp moved by an interval literal (`'3 days'::interval`).
        func moved(_ base: Range<Int>, _ kind: Kind, by interval: Range<Int>, negated: Bool) throws(SQLRefused) -> String {
            let r = trimmed(interval)
            guard let first = r.first, tokens[first].kind == .string, let parsed = Self.interval(tokens[first].value) else { throw SQLRefused() }
            // PostgreSQL keeps a month's last day (January 31 + 1 month is February 29), SQLite rolls
            // over (March 2): months only where the base is the current time.
            guard parsed.months == 0 || isCurrent(base) else { throw SQLRefused() }
            let sign = negated ? -1.0 : 1.0
            var modifiers: [String] = []
            if parsed.months != 0 { modifiers.append("'\(Self.signed(sign * Double(parsed.months))) months'") }
            if parsed.days != 0 { modifiers.append("'\(Self.signed(sign * Double(parsed.days))) days'") }
            if parsed.seconds != 0 { modifiers.append("'\(Self.signed(sign * parsed.seconds)) seconds'") }
            let value = isCurrent(base) ? (kind == .date ? "date('now')" : "'now'") : try timeValue(base, kind)
            let moved = "datetime(\(([value] + modifiers).joined(separator: ", ")))"
            return kind == .timestamptz ? PostgresViewExpressions.withZone(moved) : moved
        }

        /// A to_char pattern of dates as strftime's format, or nil where it holds a pattern strftime
        /// has not (`Mon`, `FMDD`, `HH12`, `Q`…).
        /// to_char's date patterns and strftime's specifiers, longest first (`DDD` before `DD`).
        static let toCharPatterns = dateFormatParts.map { ($0.toChar, "%" + String($0.strftime)) }.sorted { $0.0.count > $1.0.count }

        static func strftimeFormat(_ pattern: String) -> String? {
            let chars = Array(pattern)
            var out = "", i = 0
            let patterns = Self.toCharPatterns
            while i < chars.count {
                if chars[i] == "\"" {
                    var j = i + 1
                    while j < chars.count, chars[j] != "\"" { out += chars[j] == "%" ? "%%" : String(chars[j]); j += 1 }
                    i = j + 1
                    continue
                }
                if let (name, format) = patterns.first(where: { i + $0.0.count <= chars.count && String(chars[i..<(i + $0.0.count)]) == $0.0 }) {
                    out += format
                    i += name.count
                    continue
                }
                guard !chars[i].isLetter, chars[i] != "\\" else { return nil }
                out += chars[i] == "%" ? "%%" : String(chars[i])
                i += 1
            }
            return out
        }

        static func signed(_ x: Double) -> String {
            let text = x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
            return x < 0 ? text : "+" + text
        }

        /// An interval as PostgreSQL writes it (`1 year 2 mons 3 days 04:05:06.5`, `-1 days +02:00:00`).
        static func interval(_ text: String) -> (months: Int, days: Int, seconds: Double)? {
            var months = 0, days = 0, seconds = 0.0
            let words = text.split(separator: " ").map(String.init)
            var i = 0
            while i < words.count {
                let word = words[i]
                if word.contains(":") {
                    let negative = word.hasPrefix("-")
                    let parts = word.drop { $0 == "-" || $0 == "+" }.split(separator: ":").map { Double($0) }
                    guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2] else { return nil }
                    seconds += (negative ? -1 : 1) * (h * 3600 + m * 60 + s)
                    i += 1
                    continue
                }
                guard let n = Int(word), i + 1 < words.count else { return nil }
                switch words[i + 1] {
                case "year", "years": months += 12 * n
                case "mon", "mons": months += n
                case "day", "days": days += n
                default: return nil
                }
                i += 2
            }
            return (months, days, seconds)
        }

        /// A call of `name`: rewritten where SQLite has no such function, its arguments written.
        func call(_ name: SQLToken, arguments range: Range<Int>) throws(SQLRefused) -> String {
            let function = name.value
            if functions.contains(function) { throw SQLRefused() }
            switch function {
            case "concat":
                let arguments = try arguments(range)
                for argument in arguments where try kind(argument) == .boolean { throw SQLRefused() }
                guard !arguments.isEmpty else { throw SQLRefused() }
                return "(" + (try arguments.map { argument throws(SQLRefused) in "coalesce(\(try emit(argument)), '')" }).joined(separator: " || ") + ")"
            case "concat_ws":
                let arguments = try arguments(range)
                guard arguments.count >= 2 else { throw SQLRefused() }
                let separator = try emit(arguments[0])
                let parts = try arguments.dropFirst().map { argument throws(SQLRefused) in "coalesce(\(separator) || \(try emit(argument)), '')" }
                return "substr(\(parts.joined(separator: " || ")), length(\(separator)) + 1)"
            case "left", "right":
                let arguments = try arguments(range)
                guard arguments.count == 2 else { throw SQLRefused() }
                let (s, n) = (try emit(arguments[0]), try emit(arguments[1]))
                if function == "left" {
                    return "(CASE WHEN \(n) >= 0 THEN substr(\(s), 1, \(n)) ELSE substr(\(s), 1, max(length(\(s)) + \(n), 0)) END)"
                }
                return "(CASE WHEN \(n) >= 0 THEN substr(\(s), max(length(\(s)) - \(n) + 1, 1)) ELSE substr(\(s), 1 - \(n)) END)"
            case "substring", "substr":
                // `SUBSTRING(s FROM a FOR b)`, `substring(s, a, b)`, `substr(s, a, b)`: SQLite counts a
                // start below 1 from the end; PostgreSQL counts the characters before the first.
                var parts = try arguments(range)
                if parts.count == 1 {
                    parts = try split(range) { $0.kind == .word && ($0.value == "from" || $0.value == "for") }
                }
                guard parts.count == 2 || parts.count == 3 else { throw SQLRefused() }
                for part in parts.dropFirst() where try kind(part) == .text { throw SQLRefused() }  // a pattern
                let s = try emit(parts[0]), a = try emit(parts[1])
                guard parts.count == 3 else { return "substr(\(s), max(\(a), 1))" }
                let b = try emit(parts[2])
                return "substr(\(s), max(\(a), 1), max((\(a)) + (\(b)) - max(\(a), 1), 0))"
            case "position":
                let parts = try split(range) { $0.kind == .word && $0.value == "in" }
                guard parts.count == 2 else { throw SQLRefused() }
                return "instr(\(try emit(parts[1])), \(try emit(parts[0])))"
            case "split_part":
                // The n-th field between literal delimiters (n of 1 to 3; '' past the last, as PostgreSQL's).
                let arguments = try arguments(range)
                guard arguments.count == 3, let d = arguments[1].first, arguments[1].count == 1 || tokens[d + 1].kind == .cast,
                      tokens[d].kind == .string, !tokens[d].value.isEmpty, let n = Int(trimmed(arguments[2]).map { tokens[$0].text }.joined()), (1...3).contains(n)
                else { throw SQLRefused() }
                let delimiter = tokens[d].text
                // What follows the first delimiter ('' where there is none), k times.
                var rest = try emit(arguments[0])
                for _ in 1..<n {
                    rest = "(CASE WHEN instr(\(rest), \(delimiter)) > 0 THEN substr(\(rest), instr(\(rest), \(delimiter)) + length(\(delimiter))) ELSE '' END)"
                }
                return "(CASE WHEN instr(\(rest), \(delimiter)) > 0 THEN substr(\(rest), 1, instr(\(rest), \(delimiter)) - 1) ELSE \(rest) END)"
            case "strpos":
                let arguments = try arguments(range)
                guard arguments.count == 2 else { throw SQLRefused() }
                return "instr(\(try emit(arguments[0])), \(try emit(arguments[1])))"
            case "trim":
                // TRIM(BOTH|LEADING|TRAILING [characters] FROM s)
                let r = trimmed(range)
                guard let first = r.first, tokens[first].kind == .word, let side = ["both": "trim", "leading": "ltrim", "trailing": "rtrim"][tokens[first].value] else {
                    return "trim(\(try emit(range)))"
                }
                let parts = try split((first + 1)..<r.upperBound) { $0.kind == .word && $0.value == "from" }
                guard parts.count == 2 else { throw SQLRefused() }
                return parts[0].isEmpty ? "\(side)(\(try emit(parts[1])))" : "\(side)(\(try emit(parts[1])), \(try emit(parts[0])))"
            case "btrim":
                return "trim(\(try emit(range)))"
            case "char_length", "character_length":
                return "length(\(try emit(range)))"
            case "greatest", "least":
                // PostgreSQL's skip NULLs; SQLite's max() and min() of several are NULL with one.
                let arguments = try arguments(range).map { argument throws(SQLRefused) in try emit(argument) }
                guard !arguments.isEmpty else { throw SQLRefused() }
                if arguments.count == 1 { return arguments[0] }
                let each = arguments.indices.map { k in "coalesce(" + ([arguments[k]] + arguments.indices.filter { $0 != k }.map { arguments[$0] }).joined(separator: ", ") + ")" }
                return (function == "greatest" ? "max(" : "min(") + each.joined(separator: ", ") + ")"
            case "string_agg":
                let arguments = try arguments(range)
                // In an order, or of distinct values with a separator: SQLite 3.40 cannot say it.
                for argument in arguments {
                    for k in argument where tokens[k].kind == .word && ["order", "distinct"].contains(tokens[k].value) { throw SQLRefused() }
                }
                guard arguments.count == 2 else { throw SQLRefused() }
                return "group_concat(\(try emit(arguments[0])), \(try emit(arguments[1])))"
            case "extract", "date_part":
                var field: String, source: Range<Int>
                if function == "extract" {
                    let r = trimmed(range)
                    guard let first = r.first, tokens[first].kind == .word || tokens[first].kind == .string else { throw SQLRefused() }
                    let parts = try split((first + 1)..<r.upperBound) { $0.kind == .word && $0.value == "from" }
                    guard parts.count == 2, parts[0].isEmpty else { throw SQLRefused() }
                    (field, source) = (tokens[first].value.lowercased(), parts[1])
                } else {
                    let arguments = try arguments(range)
                    guard arguments.count == 2, let first = arguments[0].first, tokens[first].kind == .string else { throw SQLRefused() }
                    (field, source) = (tokens[first].value.lowercased(), arguments[1])
                }
                let sourceKind = try kind(source)
                guard [.date, .timestamp, .timestamptz].contains(sourceKind) else { throw SQLRefused() }
                let t = try timeValue(source, sourceKind)
                func part(_ format: String) -> String { "CAST(strftime('\(format)', \(t)) AS INTEGER)" }
                switch field {
                case "year": return part("%Y")
                case "month": return part("%m")
                case "day": return part("%d")
                case "hour": return part("%H")
                case "minute": return part("%M")
                case "second": return "CAST(strftime('%f', \(t)) AS REAL)"
                case "doy": return part("%j")
                case "dow": return part("%w")
                case "isodow": return "((\(part("%w")) + 6) % 7 + 1)"
                case "quarter": return "((\(part("%m")) + 2) / 3)"
                case "epoch": return "(\(part("%s")) + CAST(strftime('%f', \(t)) AS REAL) - \(part("%S")))"
                default: throw SQLRefused()
                }
            case "date_trunc":
                let arguments = try arguments(range)
                guard arguments.count == 2, let first = arguments[0].first, tokens[first].kind == .string else { throw SQLRefused() }
                let sourceKind = try kind(arguments[1])
                guard [.timestamp, .timestamptz].contains(sourceKind) else { throw SQLRefused() }
                let t = try timeValue(arguments[1], sourceKind)
                let truncated: String
                switch tokens[first].value.lowercased() {
                case "second": truncated = "strftime('%Y-%m-%d %H:%M:%S', \(t))"
                case "minute": truncated = "strftime('%Y-%m-%d %H:%M:00', \(t))"
                case "hour": truncated = "strftime('%Y-%m-%d %H:00:00', \(t))"
                case "day": truncated = "strftime('%Y-%m-%d 00:00:00', \(t))"
                case "week": truncated = "strftime('%Y-%m-%d 00:00:00', \(t), '-6 days', 'weekday 1')"
                case "month": truncated = "strftime('%Y-%m-01 00:00:00', \(t))"
                case "quarter": truncated = "printf('%s-%02d-01 00:00:00', strftime('%Y', \(t)), (CAST(strftime('%m', \(t)) AS INTEGER) - 1) / 3 * 3 + 1)"
                case "year": truncated = "strftime('%Y-01-01 00:00:00', \(t))"
                default: throw SQLRefused()
                }
                return sourceKind == .timestamptz ? PostgresViewExpressions.withZone(truncated) : truncated
            case "to_char":
                // Of a date or timestamp, in the patterns strftime has (YYYY, MM, DD, HH24, MI, SS, DDD).
                let arguments = try arguments(range)
                guard arguments.count == 2, let first = arguments[1].first, tokens[first].kind == .string,
                      let format = Self.strftimeFormat(tokens[first].value) else { throw SQLRefused() }
                let sourceKind = try kind(arguments[0])
                guard [.date, .timestamp, .timestamptz].contains(sourceKind) else { throw SQLRefused() }
                return "strftime('\(format.replacingOccurrences(of: "'", with: "''"))', \(try timeValue(arguments[0], sourceKind)))"
            case "now", "transaction_timestamp", "statement_timestamp", "clock_timestamp":
                guard trimmed(range).isEmpty else { throw SQLRefused() }
                return PostgresViewExpressions.withZone("datetime('now')")
            default:
                return name.text + "(" + (try emit(range)) + ")"
            }
        }
    }
}
