/// Moves a date or timestamp by a keyed number of days, keeping its format and time of day.
struct DateShiftGenerator: RowAwareGenerator {
    static let definition = GeneratorDefinition(
        name: "date.shift",
        summary: "Moves a date or timestamp by up to ±`days` days (never 0), keeping its format and time of day.",
        details: """
            Reads ISO text (`2024-03-01`, `2024-03-01 13:45:00`, `2024-03-01T13:45:00.123Z` — whatever follows the date \
            is kept), dates as text columns write them (`03/01/2024`, day first with `day_first: true` or where only \
            that reads: `25/12/2024`; `01.03.2024`; `2024/03/01`; `20240301`; unpadded `3/1/2024`), each written back in \
            its own layout, unix seconds or milliseconds in integer columns (by their size, unless `unix:` names the unit: \
            give it for milliseconds of 1966–1973, which their size cannot tell from seconds), and unix seconds in real \
            columns (or `unix: milliseconds`). Consistent by \
            default: the same date moves by the same offset. With `entity: customer_id`, the offset is keyed by that \
            column instead, so every date of one customer moves by the same number of days and intervals between \
            them survive; give the same `domain` in every table whose dates must move together. A text value that is \
            not a date stops the run and names the row, never the value. Results stay within 0001-01-01 … 9999-12-31 \
            (a date nearer an end than the shift moves the other way); `infinity`, `-infinity`, dates BC, year 0000 and \
            non-finite reals are kept as they are.
            """,
        acceptedTypes: [.date, .timestamp, .text, .integer, .real],
        parameters: [
            .init("days", .integer, default: .integer(30), "the largest shift, in days, either way (at most 1800000)"),
            .init("entity", .column, "a column of the same table (e.g. customer_id) whose value keys the offset, so all dates of one entity shift together"),
            .init("day_first", .boolean, default: .boolean(false), "text dates with the year last are written day first (14/06/1987), not month first"),
            .init("unix", .choice(["seconds", "milliseconds"]), "numbers are Unix times in this unit (otherwise integers past 10^11 are milliseconds, others seconds)"),
        ],
        examples: [.init(.text("1987-06-14"), type: .date), .init(.text("2024-03-01 13:45:00"), type: .timestamp, parameters: ["days": .integer(365)])],
        validate: { p in
            let days = p.integer("days") ?? 30
            if days < 1 { return "days must be at least 1" }
            // About 4,900 years: any date of 0001–9999 can still move one way or the other (with
            // days: 2⁶³−1 no date could, and every date was kept as it was).
            if days > Self.largestShift { return "days must be at most \(Self.largestShift) (about 4,900 years: a date must be able to move and stay within 0001–9999)" }
            return nil
        },
        make: { setup in
            DateShiftGenerator(
                setup: setup, days: setup.parameters.integer("days") ?? 30, entity: setup.parameters.string("entity"), dayFirst: setup.parameters.boolean("day_first") ?? false,
                unitsPerDay: WrittenDate.unitsPerDay(setup.parameters))
        })

    let setup: GeneratorSetup
    let days: Int
    let entity: String?
    let dayFirst: Bool
    /// With `unix:`, the units of a day in numbers (86,400 or 86,400,000); otherwise by size.
    var unitsPerDay: Int64? = nil

    /// PostgreSQL's special dates and timestamps, kept as they are.
    static let unshiftable: Set<String> = ["infinity", "-infinity", "+infinity", "Infinity", "-Infinity", "epoch"]
    /// The years a shifted date may have: written with four digits, valid in SQLite and PostgreSQL.
    static let validYears = 1...9999
    /// The largest `days`: from any date of `validYears`, one way or the other stays inside them.
    static let largestShift = 1_800_000

    var readsColumns: [String] { entity.map { [$0] } ?? [] }

    func offset(for value: Value, row: RowPosition) -> Int {
        var random = setup.stream(for: value, row: row)
        return Self.offset(&random, days: days)
    }

    static func offset(_ random: inout KeyedRandom, days: Int) -> Int {
        let magnitude = 1 + random.below(days)
        return random.below(2) == 0 ? -magnitude : magnitude
    }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        if let entity, let key = values[entity] {
            var random = setup.hasher.stream(key.canonicalBytes, label: 3)
            return try shift(value, by: Self.offset(&random, days: days))
        }
        return try shift(value, by: offset(for: value, row: row))
    }

    func shift(_ value: Value, by offset: Int) throws(GeneratorError) -> Value {
        switch value {
        case .null: return .null
        case .integer(let stamp):
            let perDay: Int64 = unitsPerDay ?? (stamp.magnitude > 100_000_000_000 ? 86_400_000 : 86_400)
            // Near the ends of 64 bits the offset goes the other way rather than wrap around.
            let (moved, overflow) = stamp.addingReportingOverflow(Int64(offset) * perDay)
            return .integer(overflow ? stamp - Int64(offset) * perDay : moved)
        case .real(let seconds):
            return .real(seconds + Double(Int64(offset) * (unitsPerDay ?? 86_400)))  // ±infinity and NaN stay as they are
        case .text(let text):
            if WrittenDate.isKeptAsIs(text) { return value }
            guard let written = WrittenDate(text, dayFirst: dayFirst) else {
                throw GeneratorError(generator: "date.shift", message: WrittenDate.notADate)
            }
            let date = written.date
            // Year 0000 exists in SQLite's calendar, not in PostgreSQL's: such a date is a placeholder, kept.
            guard date.year >= 1 else { return value }
            var shifted = CivilDate(days: date.days + offset)
            if !Self.validYears.contains(shifted.year) {
                // Within `days` of 0001-01-01 or 9999-12-31 the shift goes the other way, so that
                // the result stays a four-digit year that both engines accept.
                shifted = CivilDate(days: date.days - offset)
                guard Self.validYears.contains(shifted.year) else { return value }
            }
            return .text(written.written(shifted))
        case .blob:
            throw GeneratorError(generator: "date.shift", message: "the value is a blob, not a date")
        }
    }
}

/// A proleptic Gregorian calendar date, converted to and from days since 1970-01-01.
package struct CivilDate: Equatable {
    var year: Int, month: Int, day: Int

    package init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` at the start of `text`.
    package init?(prefixOf text: String) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (48...57).contains(bytes[i]) else { return nil }
                n = n * 10 + Int(bytes[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m),
              (1...CivilDate.daysIn(month: m, year: y)).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's days_from_civil).
    package var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    package init(days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    package var iso: String { "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))" }

    /// `n` in at least `width` digits, zeros before it.
    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
