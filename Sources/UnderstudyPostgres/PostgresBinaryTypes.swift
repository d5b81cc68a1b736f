import Foundation
import NIOCore
import UnderstudyCore

extension PostgresBinary {
    /// The type id of a built-in element type that has a binary writer (array_recv refuses elements
    /// of another type), by the declared type as `format_type` names it; nil for other types (their
    /// ids differ between databases, or no writer exists).
    static func elementTypeID(_ declaredType: String) -> UInt32? {
        let base = (declaredType.firstIndex(of: "(").map { String(declaredType[..<$0]) } ?? declaredType).trimmingCharacters(in: .whitespaces)
        switch base {
        case "text": return 25
        case "character varying", "varchar": return 1043
        case "character", "bpchar": return 1042
        case "name": return 19
        case "smallint": return 21
        case "integer": return 23
        case "bigint": return 20
        case "boolean": return 16
        case "real": return 700
        case "double precision": return 701
        case "uuid": return 2950
        case "json": return 114
        case "jsonb": return 3802
        case "bytea": return 17
        case "date": return 1082
        case "numeric": return 1700
        case "interval": return 1186
        case "inet": return 869
        case "cidr": return 650
        case "macaddr": return 829
        case "macaddr8": return 774
        case "timestamp", "timestamp without time zone", "timestamp with time zone":
            return declaredType.hasSuffix(" with time zone") ? 1184 : 1114
        default: return nil
        }
    }
}

/// Interval text as PostgreSQL's binary `interval`: microseconds, days and months, kept apart as
/// the server keeps them (a month is not 30 days, a day not 24 hours across a DST change). Reads
/// the `postgres` IntervalStyle every connection of a run uses (`1 year 2 mons -3 days +04:05:06.5`),
/// the unit words PostgreSQL's input accepts (`2 hours 30 minutes`, `1.5 weeks`, `@ 3 days ago`)
/// and ISO 8601 durations (`P1Y2M3DT4H5M6.5S`); fractions spill into the smaller units as the
/// server's input does.
enum PostgresInterval {
    typealias Failure = PostgresBinary.EncodingError

    struct Interval: Equatable {
        var months: Int32 = 0
        var days: Int32 = 0
        var microseconds: Int64 = 0
    }

    static let form = "a value is not an interval (write 1 year 2 mons 3 days 04:05:06, 90 minutes, or P1DT2H)"

    /// Accumulates units, with fractions carried down (months → days → microseconds).
    private struct Sum {
        var months = 0.0, days = 0.0, microseconds = 0.0

        mutating func add(_ amount: Double, unit: String) -> Bool {
            switch unit {
            case "millennium", "millennia", "millenniums", "mil", "mils": addMonths(amount * 12_000)
            case "century", "centuries", "cent", "c": addMonths(amount * 1_200)
            case "decade", "decades", "dec", "decs": addMonths(amount * 120)
            case "year", "years", "yr", "yrs", "y": addMonths(amount * 12)
            case "month", "months", "mon", "mons": addMonths(amount)
            case "week", "weeks", "w": addDays(amount * 7)
            case "day", "days", "d": addDays(amount)
            case "hour", "hours", "hr", "hrs", "h": microseconds += amount * 3_600_000_000
            case "minute", "minutes", "min", "mins", "m": microseconds += amount * 60_000_000
            case "second", "seconds", "sec", "secs", "s", "": microseconds += amount * 1_000_000
            case "millisecond", "milliseconds", "ms", "msec", "msecs": microseconds += amount * 1_000
            case "microsecond", "microseconds", "us", "usec", "usecs": microseconds += amount
            default: return false
            }
            return true
        }

        mutating func addMonths(_ amount: Double) {
            let whole = amount.rounded(.towardZero)
            months += whole
            addDays((amount - whole) * 30)
        }

        mutating func addDays(_ amount: Double) {
            let whole = amount.rounded(.towardZero)
            days += whole
            microseconds += (amount - whole) * 86_400_000_000
        }

        func interval(negated: Bool) throws(Failure) -> Interval {
            let sign = negated ? -1.0 : 1.0
            guard let m = Int32(exactly: (months * sign).rounded()), let d = Int32(exactly: (days * sign).rounded()),
                  abs(microseconds) < 9.2e18, let us = Int64(exactly: (microseconds * sign).rounded()) else {
                throw Failure(message: "an interval is out of range")
            }
            return Interval(months: m, days: d, microseconds: us)
        }
    }

    static func parse(_ text: String) throws(Failure) -> Interval {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        if lowered.hasPrefix("p") { return try iso(lowered) }
        var tokens = lowered.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if tokens.first == "@" { tokens.removeFirst() } else if let first = tokens.first, first.hasPrefix("@") { tokens[0].removeFirst() }
        var negated = false
        if tokens.last == "ago" {
            negated = true
            tokens.removeLast()
        }
        guard !tokens.isEmpty else { throw Failure(message: form) }
        var sum = Sum()
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            i += 1
            if token.contains(":") {
                sum.microseconds += try time(token)
                continue
            }
            // A number, its unit attached (`90min`) or in the next token; a bare number is seconds.
            guard let split = token.firstIndex(where: { $0.isLetter }) ?? Optional(token.endIndex),
                  let amount = Double(token[..<split]), amount.isFinite else { throw Failure(message: form) }
            var unit = String(token[split...])
            if unit.isEmpty, i < tokens.count, tokens[i].first?.isLetter == true {
                unit = tokens[i]
                i += 1
            }
            guard sum.add(amount, unit: unit) else { throw Failure(message: form) }
        }
        return try sum.interval(negated: negated)
    }

    /// `[+-]H:MM[:SS[.ffffff]]` in microseconds.
    static func time(_ token: String) throws(Failure) -> Double {
        var text = Substring(token)
        var sign = 1.0
        if let first = text.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            text = text.dropFirst()
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let hours = Double(parts[0]), let minutes = Double(parts[1]),
              parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber) else { throw Failure(message: form) }
        var seconds = 0.0
        if parts.count == 3 {
            guard let s = Double(parts[2]), parts[2].allSatisfy({ $0.isNumber || $0 == "." }) else { throw Failure(message: form) }
            seconds = s
        }
        return sign * ((hours * 60 + minutes) * 60 + seconds) * 1_000_000
    }

    /// `P[nY][nM][nW][nD][T[nH][nM][nS]]`, numbers with optional fractions and signs.
    static func iso(_ text: String) throws(Failure) -> Interval {
        var sum = Sum()
        var inTime = false
        var number = ""
        for character in text.dropFirst() {
            if character == "t" {
                guard number.isEmpty, !inTime else { throw Failure(message: form) }
                inTime = true
            } else if character.isNumber || character == "." || character == "-" || character == "+" || character == "," {
                number.append(character == "," ? "." : character)
            } else {
                guard let amount = Double(number) else { throw Failure(message: form) }
                let unit: String
                switch (character, inTime) {
                case ("y", false): unit = "years"
                case ("m", false): unit = "months"
                case ("w", false): unit = "weeks"
                case ("d", false): unit = "days"
                case ("h", true): unit = "hours"
                case ("m", true): unit = "minutes"
                case ("s", true): unit = "seconds"
                default: throw Failure(message: form)
                }
                _ = sum.add(amount, unit: unit)
                number = ""
            }
        }
        guard number.isEmpty, text.count > 1 else { throw Failure(message: form) }
        return try sum.interval(negated: false)
    }
}

/// Network addresses in PostgreSQL's binary forms.
enum PostgresNetwork {
    typealias Failure = PostgresBinary.EncodingError

    /// `inet`/`cidr`: PostgreSQL's own family numbers (2 for IPv4, 3 for IPv6), the prefix length
    /// (the address length when none is written) and the address bytes.
    static func address(_ text: String, cidr: Bool) throws(Failure) -> (family: UInt8, bits: UInt8, bytes: [UInt8]) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let host = String(parts[0])
        var bytes: [UInt8]
        var family: UInt8
        if host.contains(":") {
            bytes = [UInt8](repeating: 0, count: 16)
            guard inet_pton(AF_INET6, host, &bytes) == 1 else { throw Failure(message: "a value is not an IP address") }
            family = 3
        } else {
            bytes = [UInt8](repeating: 0, count: 4)
            guard inet_pton(AF_INET, host, &bytes) == 1 else { throw Failure(message: "a value is not an IP address") }
            family = 2
        }
        var bits = bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { throw Failure(message: "a value has a bad network prefix length") }
            bits = length
        }
        if cidr {
            // A network leaves the bits after its prefix zero.
            for i in 0..<bytes.count {
                let keep = max(0, min(8, bits - i * 8))
                if bytes[i] & ~(keep == 0 ? 0 : UInt8(0xFF) << (8 - keep)) != 0 { throw Failure(message: "a network value has bits set to the right of its mask") }
            }
        }
        return (family, UInt8(bits), bytes)
    }

    /// `macaddr` (6 bytes) or `macaddr8` (8; a 6-byte address gets FF:FE in its middle, as the
    /// server converts it), from hex digits separated by `:`, `-` or `.` or not at all.
    static func mac(_ text: String, length: Int) throws(Failure) -> [UInt8] {
        let digits = Array(text.utf8.filter { ![UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: " ")].contains($0) })
        var bytes: [UInt8] = []
        var i = 0
        while i + 1 < digits.count {
            guard let high = Hex.value(digits[i]), let low = Hex.value(digits[i + 1]) else { throw Failure(message: "a value is not a MAC address") }
            bytes.append(high << 4 | low)
            i += 2
        }
        guard i == digits.count else { throw Failure(message: "a value is not a MAC address") }
        if length == 8 && bytes.count == 6 { bytes.insert(contentsOf: [0xFF, 0xFE], at: 3) }
        guard bytes.count == length else { throw Failure(message: "a value is not a MAC address") }
        return bytes
    }
}

/// Array text (`{1,NULL,-1}`, `{{"a b","c"},{"d",NULL}}`, `[0:1]={x,y}`) as PostgreSQL's binary
/// array: dimensions, lower bounds, the element type id and each element in its binary form.
enum PostgresArray {
    typealias Failure = PostgresBinary.EncodingError

    static func write(_ text: String, element: PostgresBinary.Kind, oid: UInt32, into buffer: inout ByteBuffer) throws(Failure) {
        var parser = Parser(bytes: Array(text.utf8))
        let lowerBounds = try parser.bounds()
        var elements: [String?] = []
        var sizes: [Int?] = []
        try parser.array(depth: 0, sizes: &sizes, elements: &elements)
        var dimensions = sizes.compactMap { $0 }
        parser.skipSpaces()
        guard parser.atEnd else { throw Failure(message: "a value is not an array") }
        if let lowerBounds, lowerBounds.count != dimensions.count { throw Failure(message: "a value is not an array: its bounds do not match its dimensions") }
        if elements.isEmpty { dimensions = [] }
        var body = ByteBuffer()
        body.writeInteger(Int32(dimensions.count))
        body.writeInteger(Int32(elements.contains { $0 == nil } ? 1 : 0))
        body.writeInteger(oid)
        for (d, size) in dimensions.enumerated() {
            body.writeInteger(Int32(size))
            body.writeInteger(Int32(lowerBounds?[d] ?? 1))
        }
        for item in elements {
            guard let item else {
                body.writeInteger(Int32(-1))
                continue
            }
            if element == .bytea {
                // Elements of a bytea array are written `\x…` in hex.
                guard item.hasPrefix("\\x") else { throw Failure(message: "a bytea array element is not in hex form") }
                var bytes: [UInt8] = []
                let digits = Array(item.utf8.dropFirst(2))
                var i = 0
                while i + 1 < digits.count {
                    guard let high = Hex.value(digits[i]), let low = Hex.value(digits[i + 1]) else { throw Failure(message: "a bytea array element is not in hex form") }
                    bytes.append(high << 4 | low)
                    i += 2
                }
                PostgresBinary.writeBytes(bytes, into: &body)
            } else {
                try PostgresBinary.writeField(.text(item), kind: element, into: &body)
            }
        }
        buffer.writeInteger(Int32(body.readableBytes))
        buffer.writeBuffer(&body)
    }

    struct Parser {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index >= bytes.count }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: "\n") { index += 1 }
        }

        /// `[lower:upper][…]=` before the braces, when the lower bounds are not 1.
        mutating func bounds() throws(Failure) -> [Int]? {
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            var lowers: [Int] = []
            while index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")) else { throw Failure(message: "a value is not an array") }
                let range = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).split(separator: ":")
                guard range.count == 2, let lower = Int(range[0]), Int(range[1]) != nil else { throw Failure(message: "a value is not an array") }
                lowers.append(lower)
                index = close + 1
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw Failure(message: "a value is not an array") }
            index += 1
            return lowers
        }

        /// `{…}` at `depth`: nested arrays or elements; every sub-array of a level the same size.
        /// The depth elements were found at (every element of an array is at the same depth).
        var leafDepth: Int?

        mutating func array(depth: Int, sizes: inout [Int?], elements: inout [String?]) throws(Failure) {
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Failure(message: "a value is not an array") }
            index += 1
            var count = 0
            skipSpaces()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                try record(depth: depth, count: 0, sizes: &sizes)
                return
            }
            while true {
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    try array(depth: depth + 1, sizes: &sizes, elements: &elements)
                } else {
                    guard leafDepth == nil || leafDepth == depth else { throw Failure(message: "a value is not an array: its sub-arrays differ in depth") }
                    leafDepth = depth
                    elements.append(try element())
                }
                count += 1
                skipSpaces()
                guard index < bytes.count else { throw Failure(message: "a value is not an array") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                } else {
                    throw Failure(message: "a value is not an array")
                }
            }
            try record(depth: depth, count: count, sizes: &sizes)
        }

        private func record(depth: Int, count: Int, sizes: inout [Int?]) throws(Failure) {
            while sizes.count <= depth { sizes.append(nil) }
            if let known = sizes[depth], known != count { throw Failure(message: "a value is not an array: its sub-arrays differ in size") }
            sizes[depth] = count
            if let leafDepth, depth > leafDepth { throw Failure(message: "a value is not an array: its sub-arrays differ in depth") }
        }

        /// A quoted element (backslash escapes), or an unquoted one (`NULL` is the null value).
        mutating func element() throws(Failure) -> String? {
            var value: [UInt8] = []
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < bytes.count else { throw Failure(message: "a value is not an array: a quoted element is not closed") }
                    let b = bytes[index]
                    index += 1
                    if b == UInt8(ascii: "\"") { break }
                    if b == UInt8(ascii: "\\") {
                        guard index < bytes.count else { throw Failure(message: "a value is not an array") }
                        value.append(bytes[index])
                        index += 1
                    } else {
                        value.append(b)
                    }
                }
                return String(decoding: value, as: UTF8.self)
            }
            var escaped = false
            while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    index += 1
                    escaped = true
                }
                value.append(bytes[index])
                index += 1
            }
            while let last = value.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { value.removeLast() }
            let text = String(decoding: value, as: UTF8.self)
            if !escaped && text.uppercased() == "NULL" { return nil }
            guard !text.isEmpty else { throw Failure(message: "a value is not an array: an element is empty") }
            return text
        }
    }
}
