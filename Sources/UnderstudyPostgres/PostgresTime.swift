import UnderstudyCore

/// Dates and timestamps in ISO text (what the date generators write, and what every connection of a
/// run reads under `DateStyle` ISO) as PostgreSQL's binary forms: days, or microseconds, since
/// 2000-01-01 (UTC for `timestamptz`), with `±infinity` as the extreme integers.
enum PostgresTime {
    typealias Failure = PostgresBinary.EncodingError

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let epochDays = 10_957

    /// `YYYY-MM-DD`, optionally followed by ` BC`.
    static func days(_ text: String) throws(Failure) -> Int32 {
        if let positive = infinity(text) { return positive ? .max : .min }
        var scanner = Scanner(text)
        try scanner.date()
        try scanner.era()
        guard scanner.atEnd else { throw Failure(message: "a value is not a date in ISO form (YYYY-MM-DD)") }
        let days = try scanner.dayNumber()
        guard let value = Int32(exactly: days - epochDays) else { throw Failure(message: "a date is out of range") }
        return value
    }

    /// `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]]` with an optional zone (`Z`, `±HH`, `±HH:MM`, `±HHMM`,
    /// `±HH:MM:SS`) and ` BC`, or a date alone (midnight). `zoned`: the zone is applied (none means
    /// UTC, the run's `TimeZone`); otherwise, as PostgreSQL's `timestamp` input does, it is ignored.
    static func microseconds(_ text: String, zoned: Bool) throws(Failure) -> Int64 {
        if let positive = infinity(text) { return positive ? .max : .min }
        var scanner = Scanner(text)
        try scanner.date()
        var micros: Int64 = 0
        var offset: Int64 = 0
        if scanner.take(UInt8(ascii: " ")) || scanner.take(UInt8(ascii: "T")) {
            if scanner.peekDigit {
                micros = try scanner.time()
                offset = try scanner.zone()
            } else {
                scanner.index -= 1  // the space before " BC"
            }
        }
        try scanner.era()
        guard scanner.atEnd else { throw Failure(message: "a value is not a timestamp in ISO form (YYYY-MM-DD HH:MM:SS)") }
        let days = try scanner.dayNumber()
        let (dayMicros, overflow) = Int64(days - epochDays).multipliedReportingOverflow(by: 86_400_000_000)
        guard !overflow else { throw Failure(message: "a timestamp is out of range") }
        return dayMicros + micros - (zoned ? offset * 1_000_000 : 0)
    }

    /// Whether `text` is `infinity` (true) or `-infinity` (false); nil for anything else.
    static func infinity(_ text: String) -> Bool? {
        text == "infinity" ? true : text == "-infinity" ? false : nil
    }

    /// Reads ISO date and time text from left to right.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The astronomical year (1 BC is year 0), fixed by ``era()``.
        var year = 0, month = 0, day = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { index == bytes.count }
        var peekDigit: Bool { index < bytes.count && (48...57).contains(bytes[index]) }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func number(digits range: ClosedRange<Int>) throws(Failure) -> Int {
            var value = 0, count = 0
            while peekDigit && count < range.upperBound {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            guard count >= range.lowerBound else { throw Failure(message: "a value is not a date or time in ISO form") }
            return value
        }

        mutating func expect(_ byte: UInt8) throws(Failure) {
            guard take(byte) else { throw Failure(message: "a value is not a date or time in ISO form") }
        }

        /// `YYYY-MM-DD` (the year as written: ``era()`` may turn it BC).
        mutating func date() throws(Failure) {
            year = try number(digits: 4...7)
            try expect(UInt8(ascii: "-"))
            month = try number(digits: 2...2)
            try expect(UInt8(ascii: "-"))
            day = try number(digits: 2...2)
            guard (1...12).contains(month), day >= 1, year >= 1 else { throw Failure(message: "a value is not a valid date") }
        }

        /// ` BC` at the end: the year counted backwards (1 BC is year 0, a leap year like 4 AD).
        mutating func era() throws(Failure) {
            guard index + 3 <= bytes.count, Array(bytes[index..<(index + 3)]) == Array(" BC".utf8) else { return }
            index += 3
            year = 1 - year
        }

        /// Days since 1970-01-01 of the date read.
        func dayNumber() throws(Failure) -> Int {
            guard day <= CivilDate.daysIn(month: month, year: year) else { throw Failure(message: "a value is not a valid date") }
            return CivilDate(year: year, month: month, day: day).days
        }

        /// Microseconds since midnight: `HH:MM[:SS[.fraction]]`, the fraction rounded to microseconds.
        mutating func time() throws(Failure) -> Int64 {
            let hour = try number(digits: 2...2)
            try expect(UInt8(ascii: ":"))
            let minute = try number(digits: 2...2)
            var second = 0
            var micros: Int64 = 0
            if take(UInt8(ascii: ":")) {
                second = try number(digits: 2...2)
                if take(UInt8(ascii: ".")) {
                    var scale: Int64 = 100_000
                    var digits = 0
                    var roundUp = false
                    while peekDigit {
                        let digit = Int64(bytes[index] - 48)
                        if digits < 6 { micros += digit * scale; scale /= 10 } else if digits == 6 { roundUp = digit >= 5 }
                        digits += 1
                        index += 1
                    }
                    if roundUp { micros += 1 }
                }
            }
            guard hour <= 24, minute <= 59, second <= 60, hour < 24 || (minute == 0 && second == 0 && micros == 0) else {
                throw Failure(message: "a value is not a valid time of day")
            }
            return Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
        }

        /// Seconds east of UTC: `Z`, `±HH`, `±HH:MM`, `±HHMM`, `±HH:MM:SS`; 0 when absent.
        mutating func zone() throws(Failure) -> Int64 {
            if take(UInt8(ascii: "Z")) { return 0 }
            let sign: Int64
            if take(UInt8(ascii: "+")) { sign = 1 } else if take(UInt8(ascii: "-")) { sign = -1 } else { return 0 }
            let hours = try number(digits: 2...2)
            var minutes = 0, seconds = 0
            if take(UInt8(ascii: ":")) || peekDigit {
                minutes = try number(digits: 2...2)
                if take(UInt8(ascii: ":")) { seconds = try number(digits: 2...2) }
            }
            guard hours <= 15, minutes <= 59, seconds <= 59 else { throw Failure(message: "a value has an invalid time zone offset") }
            return sign * Int64(hours * 3600 + minutes * 60 + seconds)
        }
    }
}

/// Decimal text (`-123.4500`, `1.5e3`, `NaN`, `±Infinity`) as PostgreSQL's binary `numeric`:
/// base-10000 digits, the weight of the first, a sign word and the display scale (the digits after
/// the point as written, trailing zeros kept). A column's precision and scale are applied by the
/// server (`numeric_recv` rounds to the column's type).
enum PostgresNumeric {
    typealias Failure = PostgresBinary.EncodingError

    struct Numeric: Equatable {
        var digits: [Int16]
        var weight: Int16
        var sign: UInt16
        var scale: Int16
    }

    static func parse(_ text: String) throws(Failure) -> Numeric {
        switch text.lowercased() {
        case "nan": return Numeric(digits: [], weight: 0, sign: 0xC000, scale: 0)
        case "infinity", "+infinity", "inf": return Numeric(digits: [], weight: 0, sign: 0xD000, scale: 0)
        case "-infinity", "-inf": return Numeric(digits: [], weight: 0, sign: 0xF000, scale: 0)
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var decimals: [UInt8] = []
        var exponent = 0
        var seenPoint = false, seenDigit = false
        while index < bytes.count {
            let b = bytes[index]
            if (48...57).contains(b) {
                decimals.append(b - 48)
                if seenPoint { exponent -= 1 }
                seenDigit = true
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        guard seenDigit else { throw Failure(message: "a value is not a number") }
        var scale = -exponent
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var sign = 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
            }
            var value = 0, count = 0
            while index < bytes.count, (48...57).contains(bytes[index]), count < 6 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            guard count > 0 else { throw Failure(message: "a value is not a number") }
            exponent += sign * value
            scale = max(0, -exponent)
        }
        guard index == bytes.count, scale <= 16_383 else { throw Failure(message: "a value is not a number") }
        // Align the decimal point on a base-10000 boundary, then cut groups of four digits.
        let integerDigits = decimals.count + exponent
        let padding = (4 - ((integerDigits % 4) + 4) % 4) % 4
        decimals = Array(repeating: 0, count: padding) + decimals
        while decimals.count % 4 != 0 { decimals.append(0) }
        var groups: [Int16] = []
        groups.reserveCapacity(decimals.count / 4)
        var i = 0
        while i < decimals.count {
            var group: Int16 = 0
            for d in decimals[i..<(i + 4)] { group = group * 10 + Int16(d) }
            groups.append(group)
            i += 4
        }
        var weight = (integerDigits + padding) / 4 - 1
        while let first = groups.first, first == 0 {
            groups.removeFirst()
            weight -= 1
        }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { return Numeric(digits: [], weight: 0, sign: 0, scale: Int16(scale)) }
        guard let weight16 = Int16(exactly: weight), groups.count <= Int(Int16.max) else { throw Failure(message: "a number is out of range") }
        return Numeric(digits: groups, weight: weight16, sign: negative ? 0x4000 : 0, scale: Int16(scale))
    }
}
