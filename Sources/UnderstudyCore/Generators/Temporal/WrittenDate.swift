/// A date as a text column writes it — ISO (`1987-06-14`), `1987/06/14`, `06/14/1987` or, day first,
/// `14/06/1987`, `14.06.1987` (dots: always day first), `14-06-1987`, `19870614`, with or without zero
/// padding (`6/4/1987`), and whatever follows it (` 10:30`, `T08:00:00Z`) — read to a ``CivilDate``
/// and written back in the same layout, so a generator's date fits the column as the source's did.
package struct WrittenDate: Equatable {
    enum Order: Hashable, Sendable { case ymd, mdy, dmy }

    package var date: CivilDate
    let order: Order
    /// The separator between the parts; nil for `19870614`.
    let separator: UInt8?
    /// The month's and the day's width as written (1 where unpadded: `6/4/1987`).
    let monthWidth: Int
    let dayWidth: Int
    /// What follows the date, kept as it is.
    var rest: String

    /// Nil where `text` opens with no date of these layouts, or with an impossible one (a month of
    /// 13, the 31st of February). Slashes and dashes with the year last are read month first, or
    /// day first with `dayFirst` — unless the value can only be one of them (`25/12/1987`).
    package init?(_ text: String, dayFirst: Bool) {
        let bytes = Array(text.utf8)
        func digits(from start: Int) -> Int {
            var end = start
            while end < bytes.count, end - start < 9, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            return end - start
        }
        func number(_ start: Int, _ count: Int) -> Int { bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let first = digits(from: 0)
        var year = 0, month = 0, day = 0, end = 0
        if first == 8 {
            // 19870614.
            (year, month, day, end) = (number(0, 4), number(4, 2), number(6, 2), 8)
            (order, separator, monthWidth, dayWidth) = (.ymd, nil, 2, 2)
        } else {
            guard (1...4).contains(first), first < bytes.count, let separator = [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].first(where: { $0 == bytes[first] }) else { return nil }
            let second = digits(from: first + 1)
            let thirdStart = first + 1 + second
            guard (1...2).contains(second), thirdStart < bytes.count, bytes[thirdStart] == separator else { return nil }
            let third = digits(from: thirdStart + 1)
            let a = number(0, first), b = number(first + 1, second), c = number(thirdStart + 1, third)
            end = thirdStart + 1 + third
            if first == 4, (1...2).contains(third) {
                (year, month, day) = (a, b, c)
                (order, monthWidth, dayWidth) = (.ymd, second, third)
            } else if first <= 2, third == 4 {
                let dayOpens = separator == UInt8(ascii: ".") || a > 12 || dayFirst && b <= 12
                (year, month, day) = dayOpens ? (c, b, a) : (c, a, b)
                (order, monthWidth, dayWidth) = dayOpens ? (.dmy, second, first) : (.mdy, first, second)
            } else {
                return nil
            }
            self.separator = separator
        }
        // A digit right after it makes it part of a longer number; after a layout other than ISO's,
        // only a time may follow (` 10:30`, `T10:30`), not a word.
        if end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { return nil }
        if end < bytes.count, !(order == .ymd && separator == UInt8(ascii: "-")), bytes[end] != 0x20, bytes[end] != UInt8(ascii: "T") { return nil }
        guard year >= 0, (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        date = CivilDate(year: year, month: month, day: day)
        rest = String(decoding: bytes[end...], as: UTF8.self)
    }

    /// `19870614` for a number that is a date written YYYYMMDD (years 1000–9999), else nil.
    package static func number(_ n: Int64) -> String? {
        spelled(by: n) == nil ? nil : String(n)
    }

    /// The date a number spells as YYYYMMDD (years 1000–9999), else nil.
    package static func spelled(by n: Int64) -> WrittenDate? {
        (10_000_101...99_991_231).contains(n) ? WrittenDate(String(n), dayFirst: false) : nil
    }

    /// What a date generator says of a text it cannot read (never the text).
    /// PostgreSQL's special values (`infinity`, `-infinity`) and dates before the common era
    /// (`4713-01-01 BC`, as PostgreSQL writes them): no day to move or generalise, kept as they are
    /// by every date generator (a valid_to of infinity stopped date.birth, date.truncate and
    /// timestamp.jitter; date.shift moved 4713 BC past what PostgreSQL holds).
    static func isKeptAsIs(_ text: String) -> Bool {
        DateShiftGenerator.unshiftable.contains(text) || text.hasSuffix(" BC")
    }

    static let notADate = "the value is not a date (YYYY-MM-DD, MM/DD/YYYY or with day_first DD/MM/YYYY, DD.MM.YYYY, YYYY/MM/DD, YYYYMMDD)"

    /// `date` in this layout, followed by what followed the date read.
    package func written(_ date: CivilDate) -> String {
        Self.text(date, order: order, separator: separator, monthWidth: monthWidth, dayWidth: dayWidth) + rest
    }

    /// `date` with its parts in `order`, joined by `separator` (none: `19870614`), the month and day
    /// padded to their widths.
    static func text(_ date: CivilDate, order: Order, separator: UInt8?, monthWidth: Int, dayWidth: Int) -> String {
        let year = CivilDate.padded(date.year, 4), month = CivilDate.padded(date.month, monthWidth), day = CivilDate.padded(date.day, dayWidth)
        let parts: [String]
        switch order {
        case .ymd: parts = [year, month, day]
        case .mdy: parts = [month, day, year]
        case .dmy: parts = [day, month, year]
        }
        return parts.joined(separator: separator.map { String(UnicodeScalar($0)) } ?? "")
    }
}

extension WrittenDate {
    /// The units of a day in Unix times, as a generator's `unix:` names them (86,400 for seconds,
    /// 86,400,000 for milliseconds); nil where the parameter is not given.
    static func unitsPerDay(_ parameters: GeneratorParameters) -> Int64? {
        parameters.string("unix").map { $0 == "milliseconds" ? 86_400_000 : 86_400 }
    }
}
