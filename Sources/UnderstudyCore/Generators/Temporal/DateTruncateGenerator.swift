/// Generalises a date to its month or year.
struct DateTruncateGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "date.truncate",
        summary: "Generalises a date or timestamp to the first day of its month or year (`to: month | year | day`).",
        details: "`2024-03-17 13:45:00` → `2024-03-01 00:00:00` with `to: month`. The text keeps its layout: a time part is zeroed, a time-zone suffix stays; `infinity`, `-infinity` and dates BC are kept. Deterministic, not keyed: the same for every run and secret.",
        acceptedTypes: [.date, .timestamp, .text],
        parameters: [
            .init("to", .choice(["day", "month", "year"]), default: .string("month"), "the unit to keep"),
            .init("day_first", .boolean, default: .boolean(false), "text dates with the year last are written day first (14/06/1987), not month first"),
        ],
        canBeConsistent: false,
        examples: [.init(.text("2024-03-17 13:45:00"), type: .timestamp), .init(.text("1987-06-14"), type: .date, parameters: ["to": .string("year")])],
        make: { setup in DateTruncateGenerator(unit: setup.parameters.string("to") ?? "month", dayFirst: setup.parameters.boolean("day_first") ?? false) })

    let unit: String
    let dayFirst: Bool

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        if WrittenDate.isKeptAsIs(text) { return value }
        guard var written = WrittenDate(text, dayFirst: dayFirst) else {
            throw GeneratorError(generator: "date.truncate", message: WrittenDate.notADate)
        }
        let date = written.date
        let truncated = CivilDate(year: date.year, month: unit == "year" ? 1 : date.month, day: unit == "day" ? date.day : 1)
        var rest = Array(written.rest.utf8)
        // Zero the time of day: digits up to a zone suffix (Z, +hh:mm, -hh:mm) become 0.
        var i = rest.first == UInt8(ascii: "T") || rest.first == UInt8(ascii: " ") ? 1 : rest.count
        while i < rest.count, rest[i] != UInt8(ascii: "Z"), rest[i] != UInt8(ascii: "+"), !(rest[i] == UInt8(ascii: "-") && i > 8) {
            if ASCII.isDigit(rest[i]) { rest[i] = UInt8(ascii: "0") }
            i += 1
        }
        written.rest = String(decoding: rest, as: UTF8.self)
        return .text(written.written(truncated))
    }
}
