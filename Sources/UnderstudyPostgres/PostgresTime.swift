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
        switch text {
        case "infinity": return Int32.max
        case "-infinity": return Int32.min
        default: break
        }
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
        switch text {
        case "infinity": return Int64.max
        case "-infinity": return Int64.min
        default: break
        }
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
