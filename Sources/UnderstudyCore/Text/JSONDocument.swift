import Foundation

/// A JSON value that keeps what a round trip must not change: key order and the exact text of
/// numbers. Written back compactly.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var offset: Int
        public var reason: String? = nil
        public var description: String { "not valid JSON\(reason.map { ": " + $0 } ?? "") (at byte \(offset + 1))" }
    }

    /// Arrays and objects nested deeper than this are refused: the parser, the writer and the
    /// paths recurse once per level, and a document nested 200,000 deep (a hostile or broken value)
    /// ran them off their thread's stack, and the run crashed.
    public static let maximumDepth = 512

    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw ParseError(offset: parser.index) }
        return value
    }

    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                Self.quote(member.key, into: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var depth = 0

        mutating func enter() throws(ParseError) {
            depth += 1
            guard depth <= JSONValue.maximumDepth else {
                throw ParseError(offset: index, reason: "arrays and objects nested deeper than \(JSONValue.maximumDepth) levels")
            }
        }

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value() throws(ParseError) -> JSONValue {
            skipSpace()
            guard index < bytes.count else { throw ParseError(offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                try enter()
                defer { depth -= 1 }
                index += 1
                var members: [(key: String, value: JSONValue)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw ParseError(offset: index) }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw ParseError(offset: index) }
                    index += 1
                    members.append((key, try value()))
                    skipSpace()
                    guard index < bytes.count else { throw ParseError(offset: index) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "}") else { throw ParseError(offset: index) }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                try enter()
                defer { depth -= 1 }
                index += 1
                var items: [JSONValue] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    guard index < bytes.count else { throw ParseError(offset: index) }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    guard bytes[index] == UInt8(ascii: "]") else { throw ParseError(offset: index) }
                    index += 1
                    return .array(items)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default:
                let start = index
                while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                guard index > start, Double(String(decoding: bytes[start..<index], as: UTF8.self)) != nil else { throw ParseError(offset: start) }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        mutating func literal(_ word: String, _ result: JSONValue) throws(ParseError) -> JSONValue {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else { throw ParseError(offset: index) }
            index += w.count
            return result
        }

        mutating func string() throws(ParseError) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var chunkStart = index
            var out = ""
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    out += String(decoding: bytes[chunkStart..<index], as: UTF8.self)
                    index += 1
                    return out + String(scalars)
                }
                if b == UInt8(ascii: "\\") {
                    out += String(decoding: bytes[chunkStart..<index], as: UTF8.self)
                    out += String(scalars)
                    scalars = String.UnicodeScalarView()
                    index += 1
                    guard index < bytes.count else { break }
                    switch bytes[index] {
                    case UInt8(ascii: "n"): out += "\n"
                    case UInt8(ascii: "t"): out += "\t"
                    case UInt8(ascii: "r"): out += "\r"
                    case UInt8(ascii: "b"): out += "\u{8}"
                    case UInt8(ascii: "f"): out += "\u{c}"
                    case UInt8(ascii: "u"):
                        guard index + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16) else {
                            throw ParseError(offset: index)
                        }
                        index += 4
                        var scalar = code
                        // A surrogate pair: \uD83D\uDE00.
                        if (0xD800..<0xDC00).contains(code), index + 6 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u"),
                           let low = UInt32(String(decoding: bytes[(index + 3)...(index + 6)], as: UTF8.self), radix: 16), (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            index += 6
                        }
                        out += String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}")
                    default: out += String(UnicodeScalar(bytes[index]))
                    }
                    index += 1
                    chunkStart = index
                    continue
                }
                index += 1
            }
            throw ParseError(offset: index)
        }
    }
}

/// A JSONPath-like selector: `$.a.b`, `$.items[*].email`, `$.list[0]`, `$['odd key']`, `$..email`.
public struct JSONPath: Sendable, Hashable {
    enum Step: Sendable, Hashable {
        case key(String)
        case index(Int)
        case all
        case descendant(String)
    }

    let steps: [Step]
    public let text: String

    public init?(_ text: String) {
        self.text = text
        var chars = Array(text)
        guard chars.first == "$" else { return nil }
        chars.removeFirst()
        var steps: [Step] = []
        var i = 0
        func name() -> String {
            var n = ""
            while i < chars.count, chars[i] != ".", chars[i] != "[" { n.append(chars[i]); i += 1 }
            return n
        }
        while i < chars.count {
            if chars[i] == "." {
                i += 1
                if i < chars.count, chars[i] == "." {
                    i += 1
                    let n = name()
                    guard !n.isEmpty else { return nil }
                    steps.append(.descendant(n))
                } else {
                    let n = name()
                    guard !n.isEmpty else { return nil }
                    steps.append(n == "*" ? .all : .key(n))
                }
            } else if chars[i] == "[" {
                guard let close = chars[i...].firstIndex(of: "]") else { return nil }
                let inside = String(chars[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                i = close + 1
                if inside == "*" {
                    steps.append(.all)
                } else if let n = Int(inside) {
                    steps.append(.index(n))
                } else if inside.count >= 2, let q = inside.first, q == "'" || q == "\"", inside.last == q {
                    steps.append(.key(String(inside.dropFirst().dropLast())))
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// Applies `transform` to every value the path selects.
    public func apply<E: Error>(to value: JSONValue, _ transform: (JSONValue) throws(E) -> JSONValue) throws(E) -> JSONValue {
        try apply(steps[...], to: value, transform)
    }

    private func apply<E: Error>(_ steps: ArraySlice<Step>, to value: JSONValue, _ transform: (JSONValue) throws(E) -> JSONValue) throws(E) -> JSONValue {
        guard let step = steps.first else { return try transform(value) }
        let rest = steps.dropFirst()
        switch (step, value) {
        case (.key(let k), .object(var members)):
            for i in members.indices where members[i].key == k { members[i].value = try apply(rest, to: members[i].value, transform) }
            return .object(members)
        case (.index(let n), .array(var items)):
            let i = n >= 0 ? n : items.count + n
            if items.indices.contains(i) { items[i] = try apply(rest, to: items[i], transform) }
            return .array(items)
        case (.all, .array(var items)):
            for i in items.indices { items[i] = try apply(rest, to: items[i], transform) }
            return .array(items)
        case (.all, .object(var members)):
            for i in members.indices { members[i].value = try apply(rest, to: members[i].value, transform) }
            return .object(members)
        case (.descendant(let k), .object(var members)):
            for i in members.indices {
                members[i].value = members[i].key == k
                    ? try apply(rest, to: members[i].value, transform)
                    : try apply(steps, to: members[i].value, transform)
            }
            return .object(members)
        case (.descendant, .array(var items)):
            for i in items.indices { items[i] = try apply(steps, to: items[i], transform) }
            return .array(items)
        default:
            return value
        }
    }
}
