/// How a date or timestamp column writes its values as text (`2024-03-01`, `2024-03-01 13:45:00`,
/// `2024-03-01T13:45:00.250+00`, `06/14/2024`, `14.06.2024 10:30`), so that synthesized values read
/// like the source's.
struct TemporalLayout: Sendable, Hashable {
    var hasTime: Bool
    /// ` ` or `T`.
    var separator: UInt8 = UInt8(ascii: " ")
    var hasSeconds = true
    var fractionDigits = 0
    /// What follows the time as written (`+00`, `Z`), kept verbatim.
    var suffix = ""
    /// The date's parts as written where not ISO's (`06/14/2024`, `14.06.2024`, `2024/06/14`); nil for ISO.
    var form: DateForm? = nil

    /// A date written otherwise than ISO's year, month and day with dashes: the order of its parts,
    /// their separator and the month's and day's widths (1: unpadded, `6/4/2024`).
    struct DateForm: Sendable, Hashable {
        var order: WrittenDate.Order
        var separator: UInt8
        var monthWidth = 2
        var dayWidth = 2

        func text(_ date: CivilDate) -> String {
            WrittenDate.text(date, order: order, separator: separator, monthWidth: monthWidth, dayWidth: dayWidth)
        }
    }

    /// Seconds since 1970 (days × 86 400 for a date) and the layout of a date or timestamp: ISO, or
    /// a date in another layout ``WrittenDate`` reads (`06/14/2024`; with `dayFirst`, `05/06/2024`
    /// is the 5th of June) with an ISO time after it.
    static func parse(_ text: String, dayFirst: Bool = false) -> (seconds: Double, layout: TemporalLayout)? {
        if let iso = parseISO(text) { return iso }
        guard let written = WrittenDate(text, dayFirst: dayFirst), let separator = written.separator,
              var parsed = parseISO(written.date.iso + written.rest) else { return nil }
        parsed.layout.form = DateForm(order: written.order, separator: separator, monthWidth: written.monthWidth, dayWidth: written.dayWidth)
        return parsed
    }

    private static func parseISO(_ text: String) -> (seconds: Double, layout: TemporalLayout)? {
        guard let date = CivilDate(prefixOf: text) else { return nil }
        let bytes = Array(text.utf8)
        var seconds = Double(date.days) * 86_400
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              let hour = pair(bytes, 11), bytes[13] == UInt8(ascii: ":"), let minute = pair(bytes, 14)
        else { return bytes.count == 10 ? (seconds, TemporalLayout(hasTime: false)) : nil }
        var layout = TemporalLayout(hasTime: true, separator: bytes[10])
        seconds += Double(hour * 3_600 + minute * 60)
        var at = 16
        if bytes.count >= 19, bytes[16] == UInt8(ascii: ":"), let second = pair(bytes, 17) {
            seconds += Double(second)
            at = 19
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                var digits = 0, fraction = 0.0, scale = 0.1
                at += 1
                while at < bytes.count, ASCII.isDigit(bytes[at]) {
                    fraction += Double(bytes[at] - 48) * scale
                    scale /= 10
                    digits += 1
                    at += 1
                }
                seconds += fraction
                layout.fractionDigits = min(digits, 6)
            }
        } else {
            layout.hasSeconds = false
        }
        layout.suffix = String(decoding: bytes[at...], as: UTF8.self)
        return (seconds, layout)
    }

    /// The text of `seconds` since 1970 in this layout.
    func text(_ seconds: Double) -> String {
        let scale = Double(Self.powersOfTen[fractionDigits])
        let ticks = (seconds * scale).rounded(.down)
        let whole = Int((ticks / scale).rounded(.down))
        let day = Int((Double(whole) / 86_400).rounded(.down))
        let date = form?.text(CivilDate(days: day)) ?? CivilDate(days: day).iso
        guard hasTime else { return date }
        let rest = whole - day * 86_400
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out = date + String(UnicodeScalar(separator)) + pad(rest / 3_600) + ":" + pad(rest / 60 % 60)
        if hasSeconds { out += ":" + pad(rest % 60) }
        if hasSeconds, fractionDigits > 0 {
            let fraction = Int(ticks - Double(whole) * scale)
            let digits = String(fraction)
            out += "." + String(repeating: "0", count: max(0, fractionDigits - digits.count)) + digits
        }
        return out + suffix
    }

    /// The resolution of the layout, in seconds.
    var step: Double {
        guard hasTime else { return 86_400 }
        guard hasSeconds else { return 60 }
        return 1 / Double(Self.powersOfTen[fractionDigits])
    }

    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    private static func pair(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at + 1 < bytes.count, ASCII.isDigit(bytes[at]), ASCII.isDigit(bytes[at + 1]) else { return nil }
        return Int(bytes[at] - 48) * 10 + Int(bytes[at + 1] - 48)
    }
}
