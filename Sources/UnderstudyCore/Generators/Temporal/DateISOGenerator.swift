/// Writes a date or timestamp in ISO form, whatever layout the source wrote it in.
///
/// A SQLite column holds dates as its application wrote them: `06/14/1987`, `14.06.1987`, or a
/// number of seconds since 1970. A copy into SQLite keeps them; PostgreSQL's `date` and `timestamp`
/// read none of those (its `DateStyle` is ISO, year first, in every run), and the run stopped on the
/// first, with nothing that could convert them.
struct DateISOGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "date.iso",
        summary: "Writes a date or timestamp in ISO form (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`): text in the layouts the date generators read, and numbers as Unix times.",
        details: "For a copy into PostgreSQL of a SQLite column whose dates are written otherwise: `06/14/1987` → `1987-06-14` (`day_first: true` reads `14/06/1987`; dots are always day first), `19870614` → `1987-06-14` (a number that spells a date YYYYMMDD is that date), other numbers as Unix times: `1700000000` → `2023-11-14 22:13:20` (`unix: milliseconds` for `1700000000123`); a time written after a date stays after it, a `date` column gets the date alone, ISO values and `infinity` stay as they are. It converts, it does not mask: to move the dates too, use `date.shift`, which reads the same layouts and keeps them. Deterministic, not keyed: the same for every run and secret.",
        acceptedTypes: [.date, .timestamp, .text],
        parameters: [
            .init("unix", .choice(["seconds", "milliseconds"]), default: .string("seconds"), "how a number is read: seconds or milliseconds since 1970-01-01 UTC"),
            .init("day_first", .boolean, default: .boolean(false), "text dates with the year last are read day first (14/06/1987), not month first"),
        ],
        canBeConsistent: false,
        examples: [.init(.text("06/14/1987"), type: .date), .init(.integer(1_700_000_000), type: .timestamp)],
        make: { setup in
            DateISOGenerator(milliseconds: setup.parameters.string("unix") == "milliseconds", dayFirst: setup.parameters.boolean("day_first") ?? false,
                             dateOnly: setup.column.logicalType == .date)
        })

    let milliseconds: Bool
    let dayFirst: Bool
    /// The column is a date: the date is written alone.
    let dateOnly: Bool

    static let notADate = "the value is neither a date (YYYY-MM-DD, MM/DD/YYYY or with day_first DD/MM/YYYY, DD.MM.YYYY, YYYY/MM/DD, YYYYMMDD, a time after it) nor a number of seconds since 1970"

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        switch value {
        case .null:
            return .null
        case .integer(let n):
            // A number that spells a date YYYYMMDD is that date (as Unix seconds it would fall in 1970–73).
            if let written = WrittenDate.spelled(by: n) { return .text(written.date.iso) }
            guard milliseconds else { return .text(Self.unix(n, micros: 0, dateOnly: dateOnly)) }
            let (seconds, rest) = n.quotientAndRemainder(dividingBy: 1_000)
            return .text(rest < 0 ? Self.unix(seconds - 1, micros: (rest + 1_000) * 1_000, dateOnly: dateOnly) : Self.unix(seconds, micros: rest * 1_000, dateOnly: dateOnly))
        case .real(let d):
            let seconds = milliseconds ? d / 1_000 : d
            // (Beyond ±2^53 seconds no date is meant: PostgreSQL's own range ends at year 294276.)
            guard seconds.isFinite, abs(seconds) < 9e15 else { throw GeneratorError(generator: "date.iso", message: Self.notADate) }
            let whole = seconds.rounded(.down)
            return .text(Self.unix(Int64(whole), micros: Int64(((seconds - whole) * 1_000_000).rounded()), dateOnly: dateOnly))
        case .text(let text):
            if WrittenDate.isKeptAsIs(text) { return value }
            if let n = Int64(text) { return try generate(.integer(n), row: row) }
            guard let written = WrittenDate(text, dayFirst: dayFirst) else { throw GeneratorError(generator: "date.iso", message: Self.notADate) }
            return .text(written.date.iso + (dateOnly ? "" : written.rest))
        default:
            throw GeneratorError(generator: "date.iso", message: Self.notADate)
        }
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC for `seconds` since 1970 and the microseconds after
    /// them (0 ≤ micros < 1,000,000); the date alone with `dateOnly`.
    static func unix(_ seconds: Int64, micros: Int64, dateOnly: Bool) -> String {
        var days = seconds / 86_400, rest = seconds % 86_400
        if rest < 0 { days -= 1; rest += 86_400 }
        let date = CivilDate(days: Int(days)).iso
        guard !dateOnly else { return date }
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(date) \(two(rest / 3_600)):\(two(rest % 3_600 / 60)):\(two(rest % 60))"
        if micros > 0, micros < 1_000_000 {
            var fraction = String(micros)
            fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }
}
