/// SQL text as tokens, read far enough to rewrite expressions (``PostgresViewExpressions`` in the
/// SQLite adapter, ``SQLiteViewExpressions`` in the PostgreSQL one): words, quoted names, string
/// literals, numbers, operators, parentheses, and the spaces between them, so that the text can be
/// written back as it was wherever nothing is rewritten.
public struct SQLToken: Sendable {
    public enum Kind: Sendable { case space, word, quoted, string, number, symbol, open, close, comma, dot, cast, other }

    public var text: String
    public var kind: Kind
    /// A word's or quoted name's lower-cased name; a string literal's content.
    public var value: String

    /// The tokens of `sql` (PostgreSQL's `::` one token; SQLite's `[name]` and `` `name` `` quotes
    /// are to be written as the standard's before: ``SQLiteTableDefinition/postgresQuoting(_:)``).
    public static func tokens(_ sql: String) -> [SQLToken] {
        let chars = Array(sql)
        var tokens: [SQLToken] = []
        var i = 0
        func take(_ end: Int, _ kind: Kind, _ value: String? = nil) {
            let text = String(chars[i..<end])
            tokens.append(SQLToken(text: text, kind: kind, value: value ?? text.lowercased()))
            i = end
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                var j = i
                while j < chars.count, chars[j].isWhitespace { j += 1 }
                take(j, .space)
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                // A comment (SQLite keeps a view as written): space, its quotes and parentheses none of the code's.
                var j = i
                while j < chars.count, chars[j] != "\n" { j += 1 }
                take(j, .space)
            } else if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                var j = i + 2
                while j + 1 < chars.count, !(chars[j] == "*" && chars[j + 1] == "/") { j += 1 }
                take(min(j + 2, chars.count), .space)
            } else if c == "'" || c == "\"" {
                var j = i + 1, content = ""
                while j < chars.count {
                    if chars[j] == c {
                        if j + 1 < chars.count, chars[j + 1] == c { content.append(c); j += 2; continue }
                        break
                    }
                    content.append(chars[j])
                    j += 1
                }
                take(min(j + 1, chars.count), c == "'" ? .string : .quoted, c == "'" ? content : content.lowercased())
            } else if c.isNumber {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                take(j, .number)
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, NullOrdering.isWordCharacter(chars[j]) { j += 1 }
                take(j, .word)
            } else if c == ":", i + 1 < chars.count, chars[i + 1] == ":" {
                take(i + 2, .cast)
            } else if c == "(" {
                take(i + 1, .open)
            } else if c == ")" {
                take(i + 1, .close)
            } else if c == "," {
                take(i + 1, .comma)
            } else if c == "." {
                take(i + 1, .dot)
            } else if "+-*/<>=~!@#%^&|`?".contains(c) {
                var j = i
                while j < chars.count, "+-*/<>=~!@#%^&|`?".contains(chars[j]) { j += 1 }
                take(j, .symbol)
            } else {
                take(i + 1, .other)
            }
        }
        return tokens
    }
}

extension SQLToken {
    /// How deep `tokens` nest parentheses (their readers recurse: a statement nested past
    /// ``readableDepth`` is refused, not read until the stack runs out).
    public static func depth(_ tokens: [SQLToken]) -> Int {
        var depth = 0, deepest = 0
        for token in tokens {
            if token.kind == .open { depth += 1; deepest = max(deepest, depth) }
            if token.kind == .close { depth -= 1 }
        }
        return deepest
    }

    /// The deepest nesting an expression translation reads (PostgreSQL's own parser stops near a
    /// thousand; a view's definition seldom passes twenty).
    public static let readableDepth = 200
}

/// The parts of a date both engines write: SQLite's strftime specifier and PostgreSQL's to_char
/// pattern for the same digits (year, month, day, 24-hour, minute, second, day of the year).
public let dateFormatParts: [(strftime: Character, toChar: String)] = [
    ("Y", "YYYY"), ("H", "HH24"), ("j", "DDD"), ("m", "MM"), ("d", "DD"), ("M", "MI"), ("S", "SS"),
]

/// An expression SQL cannot say in another engine's words with the same meaning.
public struct SQLRefused: Error { public init() {} }

/// Reading a range of tokens: parentheses, arguments, primaries.
public protocol SQLTokenWalking {
    var tokens: [SQLToken] { get }
}

extension SQLTokenWalking {
    /// The index of the `)` closing the `(` at `open`.
    public func closing(_ open: Int) throws(SQLRefused) -> Int {
        var depth = 0
        for i in open..<tokens.count {
            if tokens[i].kind == .open { depth += 1 }
            if tokens[i].kind == .close { depth -= 1; if depth == 0 { return i } }
        }
        throw SQLRefused()
    }

    /// `range` without spaces at either end.
    public func trimmed(_ range: Range<Int>) -> Range<Int> {
        var (low, high) = (range.lowerBound, range.upperBound)
        while low < high, tokens[low].kind == .space { low += 1 }
        while high > low, tokens[high - 1].kind == .space { high -= 1 }
        return low..<high
    }

    /// The next index at or after `i` that is no space.
    public func next(_ i: Int, before end: Int) -> Int {
        var i = i
        while i < end, tokens[i].kind == .space { i += 1 }
        return i
    }

    /// The top-level parts of `range` split where `isSeparator` holds (outside parentheses).
    public func split(_ range: Range<Int>, where isSeparator: (SQLToken) -> Bool) throws(SQLRefused) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound, i = range.lowerBound
        while i < range.upperBound {
            if tokens[i].kind == .open { i = try closing(i) + 1; continue }
            if isSeparator(tokens[i]) {
                parts.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        parts.append(start..<range.upperBound)
        return parts.map(trimmed)
    }

    public func arguments(_ range: Range<Int>) throws(SQLRefused) -> [Range<Int>] {
        trimmed(range).isEmpty ? [] : try split(range) { $0.kind == .comma }
    }

    /// The end of the primary starting at `i` (a name with its qualifiers, a call, a
    /// parenthesised expression, a literal, a number), before any cast.
    public func primaryEnd(_ i: Int, _ end: Int) throws(SQLRefused) -> Int? {
        guard i < end else { return nil }
        switch tokens[i].kind {
        case .open: return try closing(i) + 1
        case .string, .number: return i + 1
        case .word, .quoted:
            var j = i + 1
            if j < end, tokens[j].kind == .open { return try closing(j) + 1 }
            while j + 1 < end, tokens[j].kind == .dot, tokens[j + 1].kind == .word || tokens[j + 1].kind == .quoted { j += 2 }
            return j
        default: return nil
        }
    }
}
