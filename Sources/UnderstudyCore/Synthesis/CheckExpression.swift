import Foundation

/// A CHECK constraint's condition, parsed so that synthesized rows can be held to it before they
/// reach the destination: `email LIKE '%@%'`, `length(code) = 8`, `status IN ('new', 'paid')`,
/// `price * qty < 20000`, and PostgreSQL's rewritten forms of them (`(email ~~ '%@%'::text)`,
/// `(status = ANY (ARRAY['new'::text, 'paid'::text]))`, `(length((code)::text) = 8)`). A row that
/// breaks one is drawn again; a condition this does not understand (a function it does not know,
/// a subquery) is not parsed, and such a constraint is left to the destination.
///
/// SQL's three-valued logic: the constraint holds unless its condition is false (NULL passes).
indirect enum CheckExpression: Sendable {
    case literal(Value)
    case column(Int)
    case array([CheckExpression])
    case not(CheckExpression)
    case negate(CheckExpression)
    case binary(String, CheckExpression, CheckExpression)
    case isNull(CheckExpression, negated: Bool)
    case like(CheckExpression, CheckExpression, caseInsensitive: Bool, glob: Bool, negated: Bool)
    case regex(CheckExpression, Pattern, negated: Bool)
    case inList(CheckExpression, [CheckExpression], negated: Bool)
    case quantified(String, CheckExpression, CheckExpression, all: Bool)
    case between(CheckExpression, CheckExpression, CheckExpression, negated: Bool)
    case function(String, [CheckExpression])
    case cast(CheckExpression, String)

    /// A compiled regular expression (POSIX `~` as ICU reads it: the same for the patterns CHECK
    /// constraints use — classes, anchors, repeats).
    struct Pattern: @unchecked Sendable {
        let regex: NSRegularExpression
    }

    struct Unsupported: Error {
        var reason: String
    }

    /// The condition of CHECK `body` (with or without the `CHECK ( … )` around it) over `columns`.
    static func parse(_ body: String, columns: [String]) throws(Unsupported) -> CheckExpression {
        var text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.uppercased().hasPrefix("CHECK") { text = String(text.dropFirst(5)) }
        var parser = Parser(tokens: try tokenize(text), columns: columns)
        let expression = try parser.expression(0)
        guard parser.position == parser.tokens.count else { throw Unsupported(reason: "unexpected \(parser.tokens[parser.position])") }
        return expression
    }

    /// Whether `row` keeps the constraint: its condition is not false (`strict`: it is true, as a
    /// partition's bound must be).
    func holds(_ row: [Value], strict: Bool = false) -> Bool {
        strict ? evaluate(row) == .integer(1) : evaluate(row) != .integer(0)
    }

    /// The condition's OR alternatives, nested ORs flattened (one for a condition without OR).
    static func alternatives(of e: CheckExpression) -> [CheckExpression] {
        if case .binary("OR", let a, let b) = e { return alternatives(of: a) + alternatives(of: b) }
        return [e]
    }

    /// The condition's AND conjuncts, nested ANDs flattened.
    static func conjuncts(of e: CheckExpression) -> [CheckExpression] {
        if case .binary("AND", let a, let b) = e { return conjuncts(of: a) + conjuncts(of: b) }
        return [e]
    }

    /// The expression without the casts around it (`(0)::numeric` → `0`, `(starts)::date` → `starts`).
    var bare: CheckExpression? {
        if case .cast(let e, _) = self { return e.bare }
        return self
    }

    /// The number a literal (or a negated one) writes; nil for anything else, text included.
    var numberLiteral: Double? {
        switch self {
        case .literal(.integer(let i)): return Double(i)
        case .literal(.real(let d)): return d
        case .negate(let e): return e.bare?.numberLiteral.map { -$0 }
        case .cast(let e, _): return e.numberLiteral
        default: return nil
        }
    }

    /// A comparison of a column with a number, read column first (`0 < amount` as `amount > 0`):
    /// the column, the operator and the number.
    var columnAgainstNumber: (column: Int, op: String, value: Double)? {
        guard case .binary(let op, let l, let r) = self, [">=", ">", "<=", "<"].contains(op) else { return nil }
        if case .column(let c)? = l.bare, let value = r.bare?.numberLiteral { return (c, op, value) }
        let mirrored = [">=": "<=", ">": "<", "<=": ">=", "<": ">"]
        if case .column(let c)? = r.bare, let value = l.bare?.numberLiteral { return (c, mirrored[op]!, value) }
        return nil
    }

    /// A column held to a list of constants — `status IN ('new', 'paid')`, PostgreSQL's
    /// `status = ANY (ARRAY['new'::text, 'paid'::text])` — as the column and the constants (NULL
    /// passes such a CHECK, as it passes any); nil for anything else.
    var listedValues: (column: Int, values: [Value])? {
        switch self {
        case .inList(let e, let items, negated: false):
            guard case .column(let c)? = e.bare, items.allSatisfy({ $0.columns.isEmpty }) else { return nil }
            return (c, items.map { $0.evaluate([]) }.filter { !$0.isNull })
        case .quantified("=", let e, let list, all: false):
            guard case .column(let c)? = e.bare, list.columns.isEmpty else { return nil }
            switch list.bare {
            case .array(let elements)?: return (c, elements.map { $0.evaluate([]) }.filter { !$0.isNull })
            default:
                guard case .text(let literal) = list.evaluate([]), let parsed = PostgresArrayLiteral.parse(literal) else { return nil }
                return (c, parsed.compactMap { $0.map(Value.text) })
            }
        default:
            return nil
        }
    }

    /// The columns the condition reads.
    var columns: Set<Int> {
        switch self {
        case .literal: return []
        case .column(let c): return [c]
        case .array(let items), .function(_, let items): return items.reduce(into: []) { $0.formUnion($1.columns) }
        case .not(let e), .negate(let e), .isNull(let e, _), .cast(let e, _), .regex(let e, _, _): return e.columns
        case .binary(_, let a, let b), .like(let a, let b, _, _, _), .quantified(_, let a, let b, _): return a.columns.union(b.columns)
        case .inList(let e, let items, _): return items.reduce(e.columns) { $0.union($1.columns) }
        case .between(let a, let b, let c, _): return a.columns.union(b.columns).union(c.columns)
        }
    }

    // MARK: evaluation

    func evaluate(_ row: [Value]) -> Value {
        switch self {
        case .literal(let v): return v
        case .column(let c): return c < row.count ? row[c] : .null
        case .array: return .null
        case .not(let e):
            guard let b = Self.truth(e.evaluate(row)) else { return .null }
            return Self.bool(!b)
        case .negate(let e):
            switch e.evaluate(row) {
            case .integer(let i): return .integer(-i)
            case .real(let d): return .real(-d)
            case let v: return Self.number(v).map { .real(-$0) } ?? .null
            }
        case .binary(let op, let a, let b):
            if op == "AND" || op == "OR" {
                let x = Self.truth(a.evaluate(row)), y = Self.truth(b.evaluate(row))
                if op == "AND" {
                    if x == false || y == false { return Self.bool(false) }
                    return x == nil || y == nil ? .null : Self.bool(true)
                }
                if x == true || y == true { return Self.bool(true) }
                return x == nil || y == nil ? .null : Self.bool(false)
            }
            // A date plus or minus an interval (`birth_date + '18 years'::interval`).
            if op == "+" || op == "-", case .cast(let interval, let type) = b, type.hasPrefix("interval") {
                return Self.plusInterval(a.evaluate(row), interval.evaluate(row), subtract: op == "-")
            }
            if op == "+", case .cast(let interval, let type) = a, type.hasPrefix("interval") {
                return Self.plusInterval(b.evaluate(row), interval.evaluate(row), subtract: false)
            }
            return Self.apply(op, a.evaluate(row), b.evaluate(row))
        case .isNull(let e, let negated):
            return Self.bool(e.evaluate(row).isNull != negated)
        case .like(let e, let p, let caseInsensitive, let glob, let negated):
            let value = e.evaluate(row), pattern = p.evaluate(row)
            guard !value.isNull, !pattern.isNull else { return .null }
            let matched = Self.like(Self.text(value), Self.text(pattern), caseInsensitive: caseInsensitive, glob: glob)
            return Self.bool(matched != negated)
        case .regex(let e, let pattern, let negated):
            let value = e.evaluate(row)
            guard !value.isNull else { return .null }
            let text = Self.text(value)
            // In bounded time: a pattern PostgreSQL's engine matches in linear time may make ICU's
            // backtrack for days (`^(a|a)*b$`); given up on, the condition is unknown, as NULL.
            guard let found = BoundedMatching.contains(pattern.regex, in: text) else { return .null }
            return Self.bool(found != negated)
        case .inList(let e, let items, let negated):
            let value = e.evaluate(row)
            guard !value.isNull else { return .null }
            var unknown = false
            for item in items {
                let r = Self.apply("=", value, item.evaluate(row))
                if r == .integer(1) { return Self.bool(!negated) }
                if r.isNull { unknown = true }
            }
            return unknown ? .null : Self.bool(negated)
        case .quantified(let op, let e, let list, let all):
            let value = e.evaluate(row)
            let items: [Value]
            switch list {
            case .array(let elements): items = elements.map { $0.evaluate(row) }
            default:
                let v = list.evaluate(row)
                guard case .text(let literal) = v, let parsed = PostgresArrayLiteral.parse(literal) else { return .null }
                items = parsed.map { $0.map(Value.text) ?? .null }
            }
            var unknown = false
            for item in items {
                let r = Self.apply(op, value, item)
                if r.isNull { unknown = true; continue }
                if (r == .integer(1)) != all { return Self.bool(!all) }
            }
            return unknown ? .null : Self.bool(all)
        case .between(let e, let low, let high, let negated):
            let value = e.evaluate(row)
            let inside = Self.truth(Self.apply(">=", value, low.evaluate(row))).flatMap { a in Self.truth(Self.apply("<=", value, high.evaluate(row))).map { a && $0 } }
            guard let inside else { return .null }
            return Self.bool(inside != negated)
        case .function(let name, let arguments):
            return Self.call(name, arguments.map { $0.evaluate(row) })
        case .cast(let e, let type):
            let value = e.evaluate(row)
            guard !value.isNull else { return .null }
            if type.hasSuffix("[]") { return .text(Self.text(value)) }
            if Self.numericTypes.contains(where: type.hasPrefix) {
                guard let x = Self.number(value) else { return value }
                return type.hasPrefix("int") || type.hasPrefix("bigint") || type.hasPrefix("smallint") ? .integer(Int64(x.rounded(.towardZero))) : .real(x)
            }
            if Self.textTypes.contains(where: type.hasPrefix) { return .text(Self.text(value)) }
            return value
        }
    }

    static let numericTypes = ["numeric", "decimal", "int", "bigint", "smallint", "real", "double", "float"]
    static let textTypes = ["text", "character", "varchar", "char", "bpchar", "name"]

    static func bool(_ b: Bool) -> Value { .integer(b ? 1 : 0) }

    static func truth(_ v: Value) -> Bool? {
        switch v {
        case .null: return nil
        case .integer(let i): return i != 0
        case .real(let d): return d != 0
        case .text(let t):
            switch t.lowercased() {
            case "t", "true", "1", "yes", "y", "on": return true
            case "f", "false", "0", "no", "n", "off": return false
            default: return Double(t).map { $0 != 0 }
            }
        case .blob: return nil
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let t): return Double(t.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .text(let t): return t
        case .integer(let i): return String(i)
        case .real(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) + ".0" : String(d)
        case .null: return ""
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    /// Comparison and arithmetic: numbers as numbers (text that reads as one too, against a
    /// number), anything else as text (ISO dates order as text).
    static func apply(_ op: String, _ a: Value, _ b: Value) -> Value {
        if a.isNull || b.isNull { return .null }
        switch op {
        case "||": return .text(text(a) + text(b))
        case "+", "-", "*", "/", "%":
            guard let x = number(a), let y = number(b) else { return .null }
            if case .integer(let i) = a, case .integer(let j) = b {
                switch op {
                case "+": return .integer(i &+ j)
                case "-": return .integer(i &- j)
                case "*": return .integer(i &* j)
                case "/": return j == 0 ? .null : .integer(i / j)
                default: return j == 0 ? .null : .integer(i % j)
                }
            }
            switch op {
            case "+": return .real(x + y)
            case "-": return .real(x - y)
            case "*": return .real(x * y)
            case "/": return y == 0 ? .null : .real(x / y)
            default: return y == 0 ? .null : .real(x.truncatingRemainder(dividingBy: y))
            }
        default:
            let order: Int
            let numericA = { if case .text = a { return false } else { return true } }(), numericB = { if case .text = b { return false } else { return true } }()
            if (numericA || numericB), let x = number(a), let y = number(b) {
                order = x < y ? -1 : x > y ? 1 : 0
            } else {
                let s = text(a), t = text(b)
                order = s < t ? -1 : s > t ? 1 : 0
            }
            switch op {
            case "=", "==": return bool(order == 0)
            case "<>", "!=": return bool(order != 0)
            case "<": return bool(order < 0)
            case "<=": return bool(order <= 0)
            case ">": return bool(order > 0)
            case ">=": return bool(order >= 0)
            default: return .null
            }
        }
    }

    static func call(_ name: String, _ a: [Value]) -> Value {
        if name == "coalesce" { return a.first { !$0.isNull } ?? .null }
        if name == "typeof", a.count == 1 {
            // SQLite's storage classes.
            switch a[0] {
            case .null: return .text("null")
            case .integer: return .text("integer")
            case .real: return .text("real")
            case .text: return .text("text")
            case .blob: return .text("blob")
            }
        }
        if a.contains(where: \.isNull) { return .null }
        if dateFunctions.contains(name) { return dateCall(name, a) }
        switch (name, a.count) {
        case ("length", 1), ("char_length", 1), ("character_length", 1): return .integer(Int64(text(a[0]).count))
        case ("octet_length", 1): return .integer(Int64(text(a[0]).utf8.count))
        case ("lower", 1): return .text(text(a[0]).lowercased())
        case ("upper", 1): return .text(text(a[0]).uppercased())
        case ("trim", 1), ("btrim", 1): return .text(text(a[0]).trimmingCharacters(in: .whitespaces))
        case ("ltrim", 1): return .text(String(text(a[0]).drop { $0 == " " }))
        case ("rtrim", 1): return .text(String(text(a[0]).reversed().drop { $0 == " " }.reversed()))
        case ("abs", 1):
            if case .integer(let i) = a[0] { return .integer(abs(i)) }
            return number(a[0]).map { .real(abs($0)) } ?? .null
        case ("round", 1), ("round", 2):
            guard let x = number(a[0]) else { return .null }
            let scale = pow(10, a.count == 2 ? number(a[1]) ?? 0 : 0)
            return .real((x * scale).rounded() / scale)
        case ("substr", 2), ("substr", 3), ("substring", 2), ("substring", 3):
            let s = Array(text(a[0]))
            guard let from = number(a[1]).map({ Int($0) }) else { return .null }
            let length = a.count == 3 ? number(a[2]).map { Int($0) } ?? 0 : s.count
            let start = max(from, 1), end = min(s.count + 1, from + length)
            return .text(start < end ? String(s[(start - 1)..<(end - 1)]) : "")
        case ("replace", 3): return .text(text(a[0]).replacingOccurrences(of: text(a[1]), with: text(a[2])))
        case ("strpos", 2), ("instr", 2):
            guard let r = text(a[0]).range(of: text(a[1])) else { return .integer(0) }
            return .integer(Int64(text(a[0]).distance(from: text(a[0]).startIndex, to: r.lowerBound) + 1))
        default: return .null
        }
    }

    static let functions: Set<String> = Set([
        "coalesce", "length", "char_length", "character_length", "octet_length", "lower", "upper", "trim", "btrim", "ltrim", "rtrim",
        "abs", "round", "substr", "substring", "replace", "strpos", "instr", "typeof",
    ]).union(dateFunctions)

    /// SQL LIKE (`%`, `_`, `\` escapes) or SQLite's GLOB (`*`, `?`, `[…]`).
    static func like(_ text: String, _ pattern: String, caseInsensitive: Bool, glob: Bool) -> Bool {
        // ASCII (most values and patterns): bytes, lower-cased in place — this runs for every row a
        // generator writes into a column with such a constraint, and characters cost 20 times more.
        if text.utf8.allSatisfy({ $0 < 0x80 }), pattern.utf8.allSatisfy({ $0 < 0x80 }) {
            func bytes(_ string: String) -> [UInt8] {
                caseInsensitive ? string.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } : Array(string.utf8)
            }
            return match(bytes(text), bytes(pattern), glob: glob, marks: (any: glob ? 0x2A : 0x25, one: glob ? 0x3F : 0x5F, escape: 0x5C, open: 0x5B, close: 0x5D, not: 0x5E, range: 0x2D))
        }
        let s = Array(caseInsensitive ? text.lowercased() : text), p = Array(caseInsensitive ? pattern.lowercased() : pattern)
        return match(s, p, glob: glob, marks: (any: glob ? "*" : "%", one: glob ? "?" : "_", escape: "\\", open: "[", close: "]", not: "^", range: "-"))
    }

    /// LIKE or GLOB over `s` and pattern `p` of any comparable elements (bytes or characters):
    /// iterative, with one backtrack point per wildcard run.
    static func match<E: Comparable>(_ s: [E], _ p: [E], glob: Bool, marks: (any: E, one: E, escape: E, open: E, close: E, not: E, range: E)) -> Bool {
        var i = 0, j = 0, star = -1, mark = 0
        func single(_ j: Int, _ c: E) -> (matched: Bool, width: Int)? {
            let pc = p[j]
            if pc == marks.one { return (true, 1) }
            if !glob, pc == marks.escape, j + 1 < p.count { return (p[j + 1] == c, 2) }
            if glob, pc == marks.open, let close = p[(j + 1)...].firstIndex(of: marks.close) {
                var set = p[(j + 1)..<close]
                let negate = set.first == marks.not
                if negate { set = set.dropFirst() }
                var hit = false
                var k = set.startIndex
                while k < set.endIndex {
                    // (A reversed range, `z-a`, matches nothing, as in SQLite.)
                    if k + 2 < set.endIndex, set[k + 1] == marks.range { hit = hit || (set[k] <= set[k + 2] && set[k] <= c && c <= set[k + 2]); k += 3 } else { hit = hit || set[k] == c; k += 1 }
                }
                return (hit != negate, close - j + 1)
            }
            return (pc == c, 1)
        }
        while i < s.count {
            if j < p.count, p[j] == marks.any {
                star = j; mark = i; j += 1
                continue
            }
            if j < p.count, let (matched, width) = single(j, s[i]), matched {
                i += 1; j += width
                continue
            }
            guard star >= 0 else { return false }
            j = star + 1; mark += 1; i = mark
        }
        while j < p.count, p[j] == marks.any { j += 1 }
        return j == p.count
    }

    // MARK: parsing

    enum Token: Equatable, CustomStringConvertible {
        case word(String)       // keyword or identifier, as written
        case quoted(String)     // "identifier"
        case string(String)
        case number(String)
        case symbol(String)

        var description: String {
            switch self {
            case .word(let w), .number(let w), .symbol(let w): return w
            case .quoted(let q): return "\"\(q)\""
            case .string(let s): return "'\(s)'"
            }
        }
        var keyword: String? { if case .word(let w) = self { return w.uppercased() } else { return nil } }
    }

    static func tokenize(_ text: String) throws(Unsupported) -> [Token] {
        let c = Array(text)
        var tokens: [Token] = []
        var i = 0
        let symbols = ["!~~*", "!~~", "~~*", "!~*", "<>", "!=", "<=", ">=", "==", "::", "||", "~~", "!~", "~*",
                       "(", ")", ",", "[", "]", "=", "<", ">", "+", "-", "*", "/", "%", "~", "."]
        outer: while i < c.count {
            let ch = c[i]
            if ch.isWhitespace { i += 1; continue }
            if ch == "'" {
                var s = ""
                i += 1
                while i < c.count {
                    if c[i] == "'" {
                        if i + 1 < c.count, c[i + 1] == "'" { s.append("'"); i += 2; continue }
                        break
                    }
                    s.append(c[i]); i += 1
                }
                guard i < c.count else { throw Unsupported(reason: "an unterminated string") }
                i += 1
                tokens.append(.string(s))
                continue
            }
            if ch == "\"" || ch == "`" {
                let close: Character = ch == "`" ? "`" : "\""
                var s = ""
                i += 1
                while i < c.count, c[i] != close { s.append(c[i]); i += 1 }
                guard i < c.count else { throw Unsupported(reason: "an unterminated identifier") }
                i += 1
                tokens.append(.quoted(s))
                continue
            }
            if ch.isNumber || ch == "." && i + 1 < c.count && c[i + 1].isNumber {
                var s = ""
                while i < c.count, c[i].isNumber || c[i] == "." { s.append(c[i]); i += 1 }
                if i + 1 < c.count, c[i] == "e" || c[i] == "E", c[i + 1].isNumber || (c[i + 1] == "-" || c[i + 1] == "+") && i + 2 < c.count && c[i + 2].isNumber {
                    s.append(c[i]); s.append(c[i + 1]); i += 2
                    while i < c.count, c[i].isNumber { s.append(c[i]); i += 1 }
                }
                tokens.append(.number(s))
                continue
            }
            if ch.isLetter || ch == "_" {
                var s = ""
                while i < c.count, c[i].isLetter || c[i].isNumber || c[i] == "_" || c[i] == "$" { s.append(c[i]); i += 1 }
                tokens.append(.word(s))
                continue
            }
            for symbol in symbols where i + symbol.count <= c.count && String(c[i..<(i + symbol.count)]) == symbol {
                tokens.append(.symbol(symbol))
                i += symbol.count
                continue outer
            }
            throw Unsupported(reason: "the character \(ch)")
        }
        return tokens
    }

    struct Parser {
        let tokens: [Token]
        let columns: [String]
        var position = 0

        init(tokens: [Token], columns: [String]) {
            self.tokens = tokens
            self.columns = columns
        }

        var peek: Token? { position < tokens.count ? tokens[position] : nil }
        func peek(_ k: Int) -> Token? { position + k < tokens.count ? tokens[position + k] : nil }

        mutating func take() throws(Unsupported) -> Token {
            guard let t = peek else { throw Unsupported(reason: "an unexpected end") }
            position += 1
            return t
        }

        mutating func expect(_ symbol: String) throws(Unsupported) {
            let t = try take()
            guard t == .symbol(symbol) else { throw Unsupported(reason: "\(t) where \(symbol) was expected") }
        }

        mutating func accept(keyword: String) -> Bool {
            guard peek?.keyword == keyword else { return false }
            position += 1
            return true
        }

        /// Binding power of the operator at the cursor (0: none).
        func power() -> Int {
            guard let t = peek else { return 0 }
            switch t {
            case .word(let w):
                switch w.uppercased() {
                case "OR": return 1
                case "AND": return 2
                case "IS", "LIKE", "ILIKE", "GLOB", "IN", "BETWEEN", "NOT": return 4
                default: return 0
                }
            case .symbol(let s):
                switch s {
                case "=", "==", "<>", "!=", "<", "<=", ">", ">=", "~~", "~~*", "!~~", "!~~*", "~", "~*", "!~", "!~*": return 4
                case "||": return 5
                case "+", "-": return 6
                case "*", "/", "%": return 7
                case "::": return 9
                default: return 0
                }
            default: return 0
            }
        }

        mutating func expression(_ minimum: Int) throws(Unsupported) -> CheckExpression {
            var left = try prefix()
            while true {
                let p = power()
                guard p > minimum else { break }
                left = try infix(left, power: p)
            }
            return left
        }

        mutating func prefix() throws(Unsupported) -> CheckExpression {
            let t = try take()
            switch t {
            case .number(let n):
                if let i = Int64(n) { return .literal(.integer(i)) }
                guard let d = Double(n) else { throw Unsupported(reason: "the number \(n)") }
                return .literal(.real(d))
            case .string(let s): return .literal(.text(s))
            case .quoted(let q): return try column(q, exact: true)
            case .symbol("("):
                let inner = try expression(0)
                try expect(")")
                return inner
            case .symbol("-"): return .negate(try expression(8))
            case .symbol("+"): return try expression(8)
            case .word(let w):
                switch w.uppercased() {
                case "NOT": return .not(try expression(3))
                case "NULL": return .literal(.null)
                case "TRUE": return .literal(.integer(1))
                case "FALSE": return .literal(.integer(0))
                case "ARRAY":
                    try expect("[")
                    var items: [CheckExpression] = []
                    if peek != .symbol("]") {
                        repeat { items.append(try expression(0)) } while acceptSymbol(",")
                    }
                    try expect("]")
                    return .array(items)
                case "CAST":
                    try expect("(")
                    let inner = try expression(0)
                    guard accept(keyword: "AS") else { throw Unsupported(reason: "CAST without AS") }
                    let type = try typeName()
                    try expect(")")
                    return .cast(inner, type)
                case "VALUE", "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_TIME", "NOW", "SELECT", "EXISTS", "CASE":
                    throw Unsupported(reason: w)
                default:
                    if peek == .symbol("(") {
                        let name = w.lowercased()
                        guard CheckExpression.functions.contains(name) else { throw Unsupported(reason: "the function \(w)") }
                        position += 1
                        var arguments: [CheckExpression] = []
                        if peek != .symbol(")") {
                            repeat { arguments.append(try expression(0)) } while acceptSymbol(",")
                        }
                        try expect(")")
                        return .function(name, arguments)
                    }
                    // `table.column`: the column.
                    if peek == .symbol("."), case .word(let c)? = peek(1) { position += 2; return try column(c, exact: false) }
                    return try column(w, exact: false)
                }
            default:
                throw Unsupported(reason: "\(t)")
            }
        }

        mutating func acceptSymbol(_ s: String) -> Bool {
            guard peek == .symbol(s) else { return false }
            position += 1
            return true
        }

        func column(_ name: String, exact: Bool) throws(Unsupported) -> CheckExpression {
            if let i = columns.firstIndex(where: { exact ? $0 == name : $0.lowercased() == name.lowercased() }) { return .column(i) }
            throw Unsupported(reason: "the name \(name), which is no column")
        }

        /// A type name after `::` or `AS`: words (`double precision`, `character varying`), an
        /// optional `(n[, m])`, optional `[]`.
        mutating func typeName() throws(Unsupported) -> String {
            var words: [String] = []
            while case .word(let w)? = peek, !["AND", "OR", "IS", "NOT", "IN", "LIKE", "BETWEEN", "AS"].contains(w.uppercased()) || words.isEmpty {
                words.append(w.lowercased())
                position += 1
            }
            if case .quoted(let q)? = peek { words.append(q.lowercased()); position += 1 }
            guard !words.isEmpty else { throw Unsupported(reason: "a cast without a type") }
            if peek == .symbol("(") {
                while let t = peek, t != .symbol(")") { position += 1 }
                try expect(")")
            }
            var name = words.joined(separator: " ")
            while peek == .symbol("["), peek(1) == .symbol("]") { position += 2; name += "[]" }
            return name
        }

        mutating func infix(_ left: CheckExpression, power p: Int) throws(Unsupported) -> CheckExpression {
            let t = try take()
            switch t {
            case .symbol("::"): return .cast(left, try typeName())
            case .symbol(let s) where ["~~", "~~*", "!~~", "!~~*"].contains(s):
                let pattern = try expression(p)
                return .like(left, pattern, caseInsensitive: s.hasSuffix("*"), glob: false, negated: s.hasPrefix("!"))
            case .symbol(let s) where ["~", "~*", "!~", "!~*"].contains(s):
                let pattern = try expression(p)
                guard case .literal(.text(let text)) = Self.stripCasts(pattern) else { throw Unsupported(reason: "a pattern that is not a literal") }
                guard let regex = try? NSRegularExpression(pattern: text, options: s.hasSuffix("*") ? [.caseInsensitive] : []) else {
                    throw Unsupported(reason: "the pattern \(text)")
                }
                return .regex(left, Pattern(regex: regex), negated: s.hasPrefix("!"))
            case .symbol(let s):
                if ["=", "==", "<>", "!=", "<", "<=", ">", ">="].contains(s), let q = peek?.keyword, ["ANY", "SOME", "ALL"].contains(q) {
                    position += 1
                    try expect("(")
                    let list = try expression(0)
                    try expect(")")
                    return .quantified(s, left, Self.stripCasts(list), all: q == "ALL")
                }
                return .binary(s, left, try expression(p))
            case .word(let w):
                switch w.uppercased() {
                case "AND", "OR": return .binary(w.uppercased(), left, try expression(p))
                case "IS":
                    let negated = accept(keyword: "NOT")
                    if accept(keyword: "NULL") { return .isNull(left, negated: negated) }
                    if accept(keyword: "TRUE") { return negated ? .not(.binary("=", left, .literal(.integer(1)))) : .binary("=", left, .literal(.integer(1))) }
                    if accept(keyword: "FALSE") { return negated ? .not(.binary("=", left, .literal(.integer(0)))) : .binary("=", left, .literal(.integer(0))) }
                    throw Unsupported(reason: "IS \(peek?.description ?? "")")
                case "NOT":
                    guard let next = peek?.keyword, ["LIKE", "ILIKE", "GLOB", "IN", "BETWEEN"].contains(next) else { throw Unsupported(reason: "NOT \(peek?.description ?? "")") }
                    let inner = try infix(left, power: p)
                    switch inner {
                    case .like(let a, let b, let ci, let g, _): return .like(a, b, caseInsensitive: ci, glob: g, negated: true)
                    case .inList(let a, let items, _): return .inList(a, items, negated: true)
                    case .between(let a, let b, let c, _): return .between(a, b, c, negated: true)
                    default: return .not(inner)
                    }
                case "LIKE", "ILIKE", "GLOB":
                    // SQLite's LIKE ignores the case of ASCII letters (PostgreSQL writes its LIKE as `~~`).
                    let pattern = try expression(p)
                    if accept(keyword: "ESCAPE") { throw Unsupported(reason: "LIKE … ESCAPE") }
                    return .like(left, pattern, caseInsensitive: w.uppercased() != "GLOB", glob: w.uppercased() == "GLOB", negated: false)
                case "IN":
                    try expect("(")
                    if peek?.keyword == "SELECT" { throw Unsupported(reason: "a subquery") }
                    var items: [CheckExpression] = []
                    repeat { items.append(try expression(0)) } while acceptSymbol(",")
                    try expect(")")
                    return .inList(left, items, negated: false)
                case "BETWEEN":
                    let low = try expression(4)
                    guard accept(keyword: "AND") else { throw Unsupported(reason: "BETWEEN without AND") }
                    let high = try expression(4)
                    return .between(left, low, high, negated: false)
                default: throw Unsupported(reason: w)
                }
            default:
                throw Unsupported(reason: "\(t)")
            }
        }

        /// `'x'::text` → `'x'`, `'{a,b}'::text[]` → `'{a,b}'` (an array literal, read as one by `= ANY`).
        static func stripCasts(_ e: CheckExpression) -> CheckExpression {
            if case .cast(let inner, _) = e { return stripCasts(inner) }
            return e
        }
    }
}
