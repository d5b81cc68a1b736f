import Foundation
import UnderstudyCore

/// Whether PostgreSQL refuses a value of a SQLite column as a SQLite → PostgreSQL run writes it
/// into the column's type there (``PostgresDDL/type(for:engine:)``, `DateStyle` ISO, YMD): judged
/// where `check` reads its sample, so that it fails where the run would. Cautious: a value judged
/// refused is one the server refuses (`PostgresTests.inputJudgement` holds every judgement to the
/// server's own), while some the server refuses pass (PostgreSQL reads dates in many more forms
/// than these rules know).
public enum PostgresInput {
    /// Why values of `type` are refused, as the check's message says it; nil for types not judged.
    public static func reason(for type: LogicalType) -> String? {
        switch type {
        case .integer: "not whole numbers, which its type in PostgreSQL (bigint) refuses"
        case .real, .decimal: "not numbers, which its type in PostgreSQL refuses"
        case .text: "text with a NUL character (\\0), which PostgreSQL's text cannot hold"
        case .boolean: "no booleans PostgreSQL reads (true/false, yes/no, on/off, 1/0, t/f)"
        case .date: "no dates PostgreSQL reads (empty, a word, day or month first, a day the month has not); `date.iso` writes dates written otherwise as ISO dates"
        case .timestamp: "no timestamps PostgreSQL reads (empty, a word, day or month first, a Unix time, a day or hour that does not exist); `date.iso` writes them as ISO timestamps"
        case .uuid: "no UUIDs (32 hexadecimal digits)"
        case .json: "no JSON PostgreSQL's jsonb reads"
        case .blob: nil
        }
    }

    /// Why values of `column` are refused: its type's reason, and for text of a declared length
    /// (`varchar(5)`, which SQLite keeps as a name only) values longer than it.
    public static func reason(for column: Column) -> String? {
        if let (precision, scale) = numericBounds(column) {
            return "not numbers, or numbers its type, \(column.declaredType), cannot hold (at most \(precision - scale) digit\(precision - scale == 1 ? "" : "s") before the point), which PostgreSQL refuses"
        }
        guard column.logicalType == .text, let limit = column.maximumLength else { return reason(for: column.logicalType) }
        return "text longer than its type, \(column.declaredType), allows (\(limit) characters), or with a NUL character (\\0), which PostgreSQL's text cannot hold"
    }

    /// The precision and scale of a decimal column's declared type (`DECIMAL(5,2)`), which the
    /// copy's `numeric` keeps and SQLite never held a value to.
    static func numericBounds(_ column: Column) -> (precision: Int, scale: Int)? {
        let type = column.declaredType
        guard column.logicalType == .decimal, let open = type.firstIndex(of: "("), let close = type.lastIndex(of: ")"), open < close else { return nil }
        let parts = type[type.index(after: open)..<close].split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard let first = parts.first, let precision = first, precision >= 1 else { return nil }
        let scale = parts.count > 1 ? (parts[1] ?? 0) : 0
        guard scale >= 0, scale <= precision else { return nil }
        return (precision, scale)
    }

    /// Whether the server refuses `value` in `column`: by its type, and text longer than the
    /// column's declared length (counted in Unicode scalars, as PostgreSQL counts characters).
    public static func refuses(_ value: Value, in column: Column) -> Bool {
        if refuses(value, as: column.logicalType) { return true }
        if let (precision, scale) = numericBounds(column) {
            // A number of more digits before the point than the type holds (rounding to the scale
            // can add one: 999.995 in DECIMAL(5,2); judged cautiously, that one passes and stops the run).
            let number: Double? = switch value {
            case .integer(let i): Double(i)
            case .real(let d): d
            case .text(let t): Double(t.trimmingCharacters(in: .whitespaces))
            default: nil
            }
            guard let number, !number.isNaN else { return false }
            return number.isInfinite || abs(number) >= pow(10, Double(precision - scale))
        }
        guard column.logicalType == .text, let limit = column.maximumLength else { return false }
        switch value {
        case .text(let t): return t.utf8.count > limit && t.unicodeScalars.count > limit
        case .integer, .real: return value.displayText.count > limit
        default: return false
        }
    }

    /// Whether the server refuses `value` in a column of `type`.
    public static func refuses(_ value: Value, as type: LogicalType) -> Bool {
        switch (type, value) {
        case (_, .null), (_, .blob): false
        case (.integer, .real(let d)): d.rounded() != d
        case (.integer, .text(let t)): Int64(t.trimmingCharacters(in: .whitespaces)) == nil
        case (.real, .text(let t)), (.decimal, .text(let t)):
            Double(t.trimmingCharacters(in: .whitespaces)) == nil
                && !["infinity", "-infinity", "+infinity", "inf", "-inf", "+inf", "nan"].contains(t.trimmingCharacters(in: .whitespaces).lowercased())
        case (.text, .text(let t)): t.utf8.contains(0)
        // Integers are written t or f; a fraction as its digits.
        case (.boolean, .real): true
        case (.boolean, .text(let t)): !isBoolean(t)
        case (.date, .integer(let i)), (.timestamp, .integer(let i)): dateRefused(String(i))
        // A fraction is written with its point (`20200102.0`, `1577836800.5`), which no date reads;
        // an infinite one as `Infinity`, which dates and timestamps take.
        case (.date, .real(let d)), (.timestamp, .real(let d)): !d.isInfinite
        case (.json, .real(let d)): !d.isFinite
        case (.date, .text(let t)), (.timestamp, .text(let t)): dateRefused(t)
        case (.uuid, .integer), (.uuid, .real): true
        case (.uuid, .text(let t)): !isUUID(t)
        case (.json, .text(let t)): !isJSON(t)
        default: false
        }
    }

    /// PostgreSQL's `boolin`: a prefix of true, false, yes or no, on, off (two letters at least), 1 or 0, any case, spaces around.
    static func isBoolean(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !t.isEmpty else { return false }
        if ["true", "false", "yes", "no"].contains(where: { $0.hasPrefix(t) }) { return true }
        return (t.count >= 2 && ["on", "off"].contains(where: { $0.hasPrefix(t) })) || t == "1" || t == "0"
    }

    /// PostgreSQL's `uuid_in`: 32 hexadecimal digits, a hyphen allowed after any group of four, braces around.
    static func isUUID(_ text: String) -> Bool {
        var t = Substring(text)
        if t.first == "{" {
            guard t.last == "}" else { return false }
            t = t.dropFirst().dropLast()
        }
        var digits = 0
        var previous: Character = "-"
        for character in t {
            if character == "-" {
                guard previous != "-", digits % 4 == 0, digits < 32 else { return false }
            } else {
                guard character.isHexDigit, digits < 32 else { return false }
                digits += 1
            }
            previous = character
        }
        return digits == 32 && previous != "-"
    }

    /// JSON as PostgreSQL's jsonb reads it: RFC 8259 (no trailing commas, single quotes or NaN,
    /// which Foundation's parser lets by), and no `\u0000` or lone surrogate among its escapes.
    static func isJSON(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        func space() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }
        func digits() -> Int {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i - start
        }
        func number() -> Bool {
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { return false }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }
        func hex4() -> UInt32? {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
            i += 4
            return v
        }
        func string() -> Bool {
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return true }
                guard b >= 0x20 else { return false }
                guard b == UInt8(ascii: "\\") else { i += 1; continue }
                i += 1
                guard i < bytes.count else { return false }
                let e = bytes[i]
                i += 1
                if Array("\"\\/bfnrt".utf8).contains(e) { continue }
                guard e == UInt8(ascii: "u"), let unit = hex4(), unit != 0 else { return false }
                if (0xDC00...0xDFFF).contains(unit) { return false }
                if (0xD800...0xDBFF).contains(unit) {
                    guard literal("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return false }
                }
            }
            return false
        }
        func value(_ depth: Int) -> Bool {
            space()
            guard i < bytes.count, depth < 10_000 else { return false }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                while true {
                    space()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), string() else { return false }
                    space()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return false }
                    i += 1
                    guard value(depth + 1) else { return false }
                    space()
                    guard i < bytes.count else { return false }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                    guard bytes[i] == UInt8(ascii: ",") else { return false }
                    i += 1
                }
            case UInt8(ascii: "["):
                i += 1
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                while true {
                    guard value(depth + 1) else { return false }
                    space()
                    guard i < bytes.count else { return false }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                    guard bytes[i] == UInt8(ascii: ",") else { return false }
                    i += 1
                }
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }
        guard value(0) else { return false }
        space()
        return i == bytes.count
    }

    /// Words PostgreSQL reads as dates and timestamps (the clock's are refused by the run itself, by name).
    static let dateWords: Set<String> = ["epoch", "infinity", "-infinity", "+infinity", "now", "today", "tomorrow", "yesterday"]

    /// Dates and timestamps the server certainly refuses: empty; no digit and no word it reads; all
    /// digits, five or fewer, or whose last four are no month and day (a Unix time); day or month
    /// first with the year last (`14/03/2020`, `01.02.2020`: YMD reads neither); a year-first date
    /// whose month, or day in that month, does not exist (year 0 neither); a time after it past 24:00.
    static func dateRefused(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let utf8 = Array(t.utf8)
        guard !utf8.isEmpty else { return true }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard utf8.contains(where: isDigit) else { return !dateWords.contains(t.lowercased()) }
        if utf8.allSatisfy(isDigit) {
            guard utf8.count > 5 else { return true }
            let month = Int(String(decoding: utf8[(utf8.count - 4)..<(utf8.count - 2)], as: UTF8.self))!
            let day = Int(String(decoding: utf8[(utf8.count - 2)...], as: UTF8.self))!
            return !(1...12).contains(month) || !(1...31).contains(day)
        }
        // Reads `digits` digits from `i` (one or more, at most `most`).
        func number(_ i: inout Int, most: Int) -> Int? {
            let start = i
            while i < utf8.count, isDigit(utf8[i]), i - start < most { i += 1 }
            guard i > start, i == utf8.count || !isDigit(utf8[i]) else { return nil }
            return Int(String(decoding: utf8[start..<i], as: UTF8.self))
        }
        var i = 0
        // Day or month first, the year last: 1–2 digits, a separator, 1–2 digits, the same separator, 4 digits or more.
        if let _ = number(&i, most: 2), i < utf8.count, [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(utf8[i]) {
            let separator = utf8[i]
            i += 1
            if number(&i, most: 2) != nil, i < utf8.count, utf8[i] == separator {
                i += 1
                let start = i
                if number(&i, most: 9) != nil, i - start >= 4, i == utf8.count || utf8[i] == UInt8(ascii: " ") { return true }
            }
            return false
        }
        // Year first: YYYY-MM-DD, then a time after a space or T.
        i = 0
        guard let year = number(&i, most: 4), i == 4, i < utf8.count, utf8[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let month = number(&i, most: 2), i < utf8.count, utf8[i] == UInt8(ascii: "-") else { return false }
        i += 1
        guard let day = number(&i, most: 2) else { return false }
        // (Before Christ, year 1 is a leap year and year 0 is none: not judged beyond the month's 31 days.)
        let bc = t.lowercased().hasSuffix("bc")
        let leap = bc || year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        if year == 0 && !bc || !(1...12).contains(month) || !(1...(bc ? 31 : days[month - 1])).contains(day) { return true }
        guard i < utf8.count else { return false }
        guard utf8[i] == UInt8(ascii: " ") || utf8[i] == UInt8(ascii: "T") else { return false }
        i += 1
        guard let hour = number(&i, most: 2), i < utf8.count, utf8[i] == UInt8(ascii: ":") else { return false }
        i += 1
        guard let minute = number(&i, most: 2) else { return false }
        return hour > 24 || minute > 59 || hour == 24 && minute > 0
    }
}

extension PostgresDestination: TypeCheckingDestination {
    /// A SQLite file's values as ``PostgresInput`` judges them (cautious: a value judged refused is
    /// one the server refuses; some it refuses pass, and stop the run as before). A PostgreSQL
    /// source's values have the types they are written into.
    public func valueJudgement(from engine: DatabaseEngine) -> ValueJudgement? {
        guard engine == .sqlite else { return nil }
        return ValueJudgement(refuses: { value, column in PostgresInput.refuses(value, in: column) }, reason: { PostgresInput.reason(for: $0) })
    }
}
