/// A birth date in the same age band: a new date within the same band of years.
struct DateBirthGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "date.birth",
        summary: "A birth date drawn within the same `band` of years (default 5: 1987 → 1985–1989), so age bands survive.",
        details: "Any day of the band's years can come out (never the input itself), so the exact age is hidden while 5- or 10-year age groups stay right. Same text formats as `date.shift`; in an integer column, numbers written YYYYMMDD (19870614), or with `unix:` Unix times in that unit, written back in it with their time of day (`init` sets it from the column's values). A band is cut at 0001 and 9999; year 0000 (SQLite's placeholder), `infinity`, `-infinity` and dates BC are kept.",
        acceptedTypes: [.date, .timestamp, .text, .integer],
        parameters: [
            .init("band", .integer, default: .integer(5), "width of the age band in years (bands start at multiples of it)"),
            .init("day_first", .boolean, default: .boolean(false), "text dates with the year last are written day first (14/06/1987), not month first"),
            .init("unix", .choice(["seconds", "milliseconds"]), "integers are Unix times in this unit (since 1970-01-01 UTC), not YYYYMMDD"),
        ],
        examples: [.init(.text("1987-06-14"), type: .date), .init(.text("1987-06-14"), type: .date, parameters: ["band": .integer(10)])],
        validate: { p in (p.integer("band") ?? 5) >= 1 ? nil : "band must be at least 1" },
        make: { setup in
            DateBirthGenerator(
                setup: setup, band: setup.parameters.integer("band") ?? 5, dayFirst: setup.parameters.boolean("day_first") ?? false,
                unitsPerDay: WrittenDate.unitsPerDay(setup.parameters))
        })

    let setup: GeneratorSetup
    let band: Int
    let dayFirst: Bool
    /// With `unix:`, integers are Unix times: 86,400 (seconds) or 86,400,000 (milliseconds) a day.
    var unitsPerDay: Int64? = nil

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        let text: String
        switch value {
        case .text(let t):
            if WrittenDate.isKeptAsIs(t) { return value }
            text = t
        case .integer(let n):
            if let perDay = unitsPerDay {
                // A Unix time: another day of the band, the same time of day, in the same unit.
                let day = n >= 0 ? n / perDay : (n - perDay + 1) / perDay
                guard let days = Int(exactly: day), CivilDate(days: days).year >= 1, CivilDate(days: days).year <= 9999 else {
                    throw GeneratorError(generator: "date.birth", message: "the value is no Unix time of a year between 1 and 9999")
                }
                let drawn = birthDay(CivilDate(days: days), value: value, row: row)
                return .integer(Int64(drawn) * perDay + (n - day * perDay))
            }
            // YYYYMMDD as a number: read and written as the text of its digits.
            guard let date = WrittenDate.number(n) else {
                throw GeneratorError(generator: "date.birth", message: "the value is not a date written as a number YYYYMMDD; for Unix times, give `unix: seconds` or `unix: milliseconds`")
            }
            // (Written in the same layout, YYYYMMDD: digits. Never the input where they are not.)
            guard case .text(let out) = try generate(.text(date), row: row), let number = Int64(out) else {
                throw GeneratorError(generator: "date.birth", message: "the date written back is not a number YYYYMMDD")
            }
            return .integer(number)
        default: return value
        }
        guard let written = WrittenDate(text, dayFirst: dayFirst) else {
            throw GeneratorError(generator: "date.birth", message: WrittenDate.notADate)
        }
        // Year 0000 exists in SQLite's calendar, not in PostgreSQL's: a placeholder, kept (as date.shift keeps it).
        guard written.date.year >= 1 else { return value }
        return .text(written.written(CivilDate(days: birthDay(written.date, value: value, row: row))))
    }

    /// Another day of the band of years `date` is in (days since 1970), keyed by the value.
    func birthDay(_ date: CivilDate, value: Value, row: RowPosition) -> Int {
        var random = setup.stream(for: value, row: row)
        let firstYear = date.year - ((date.year % band) + band) % band
        // The band inside 0001–9999: 0001-01-01's band of 5 began at year 0, which PostgreSQL refuses.
        let start = CivilDate(year: max(1, firstYear), month: 1, day: 1).days
        let end = CivilDate(year: min(10_000, firstYear + band), month: 1, day: 1).days
        var days = start + random.below(end - start)
        if days == date.days { days = start + (days - start + 1) % (end - start) }
        return days
    }
}
