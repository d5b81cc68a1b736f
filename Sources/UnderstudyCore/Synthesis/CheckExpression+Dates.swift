/// Date arithmetic in CHECK conditions, as the engines write it: SQLite's `date(birth_date, '+18
/// years')`, `datetime(…)` and `julianday(…)`, PostgreSQL's `(birth_date + '18 years'::interval)`.
/// A constraint that a hire date is eighteen years after the birth date could not be read, so a
/// generated birth date that broke it reached the destination, which refused it. Dates are read as
/// ISO text (`YYYY-MM-DD`, a time after it kept); what cannot be read is NULL (the constraint holds).
extension CheckExpression {
    static let dateFunctions: Set<String> = ["date", "datetime", "julianday"]

    /// A moment as the proleptic Gregorian calendar counts it: days since 1970-01-01 and seconds into the day.
    struct Moment: Equatable {
        var days: Int
        var seconds: Int
        var hasTime: Bool

        init(days: Int, seconds: Int, hasTime: Bool) {
            self.days = days
            self.seconds = seconds
            self.hasTime = hasTime
        }

        /// `YYYY-MM-DD`, then perhaps ` HH:MM[:SS[.fff]]` or `T…`, as text.
        init?(_ value: Value) {
            guard case .text(let text) = value, let date = CivilDate(prefixOf: text) else { return nil }
            let u = Array(text.utf8)
            func digits(_ at: Int, _ count: Int) -> Int? {
                guard at + count <= u.count else { return nil }
                var n = 0
                for k in at..<(at + count) {
                    guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
                    n = n * 10 + Int(u[k] - 0x30)
                }
                return n
            }
            days = date.days
            seconds = 0
            hasTime = false
            if u.count >= 16, u[10] == 0x20 || u[10] == 0x54, let h = digits(11, 2), u[13] == 0x3A, let mi = digits(14, 2) {
                seconds = h * 3600 + mi * 60 + (u.count >= 19 && u[16] == 0x3A ? digits(17, 2) ?? 0 : 0)
                hasTime = true
            } else if u.count > 10 {
                return nil
            }
        }

        static func days(year: Int, month: Int, day: Int) -> Int { CivilDate(year: year, month: month, day: day).days }

        static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
            let date = CivilDate(days: days)
            return (date.year, date.month, date.day)
        }

        /// `months` later: SQLite carries a day past the month's end into the next month (`clamp`
        /// false: Jan 31 + 1 month = Mar 2 or 3), PostgreSQL takes the month's last day (Feb 29).
        func adding(months: Int, clamp: Bool) -> Moment {
            let (y, m, d) = Self.civil(days)
            let total = y * 12 + (m - 1) + months
            let year = total >= 0 ? total / 12 : (total - 11) / 12
            let month = total - year * 12 + 1
            var result = self
            if clamp {
                let last = Self.days(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1) - Self.days(year: year, month: month, day: 1)
                result.days = Self.days(year: year, month: month, day: min(d, last))
            } else {
                result.days = Self.days(year: year, month: month, day: 1) + d - 1
            }
            return result
        }

        func adding(seconds more: Int) -> Moment {
            var result = self
            let total = seconds + more
            result.days += total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
            result.seconds = total - (result.days - days) * 86_400
            return result
        }

        var date: String { CivilDate(days: days).iso }

        var dateTime: String { date + String(format: " %02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60) }
    }

    /// SQLite's `date`, `datetime` and `julianday` with the modifiers that move a date: `±N
    /// days|months|years|hours|minutes|seconds`, `start of month|year|day`. Anything else (`now`,
    /// `weekday 0`, a Julian day number) is NULL.
    static func dateCall(_ name: String, _ arguments: [Value]) -> Value {
        guard let first = arguments.first, var moment = Moment(first) else { return .null }
        for modifier in arguments.dropFirst() {
            guard case .text(let text) = modifier else { return .null }
            let words = text.lowercased().split(separator: " ").map(String.init)
            if words.count == 3, words[0] == "start", words[1] == "of" {
                let (y, m, _) = Moment.civil(moment.days)
                switch words[2] {
                case "month": moment.days = Moment.days(year: y, month: m, day: 1)
                case "year": moment.days = Moment.days(year: y, month: 1, day: 1)
                case "day": break
                default: return .null
                }
                moment.seconds = 0
                continue
            }
            guard words.count == 2, let amount = Double(words[0]), amount == amount.rounded() else { return .null }
            guard let moved = shifted(moment, Int(amount), unit: words[1], clamp: false) else { return .null }
            moment = moved
        }
        switch name {
        case "date": return .text(moment.date)
        case "datetime": return .text(moment.dateTime)
        default: return .real(Double(moment.days) + 2_440_587.5 + Double(moment.seconds) / 86_400)
        }
    }

    static func shifted(_ moment: Moment, _ amount: Int, unit: String, clamp: Bool) -> Moment? {
        var unit = unit
        if unit.hasSuffix("s") { unit.removeLast() }
        switch unit {
        case "year": return moment.adding(months: 12 * amount, clamp: clamp)
        case "mon", "month": return moment.adding(months: amount, clamp: clamp)
        case "week": return moment.adding(seconds: 7 * 86_400 * amount)
        case "day": return moment.adding(seconds: 86_400 * amount)
        case "hour": return moment.adding(seconds: 3600 * amount)
        case "minute", "min": return moment.adding(seconds: 60 * amount)
        case "second", "sec": return moment.adding(seconds: amount)
        default: return nil
        }
    }

    /// A date or timestamp plus or minus an interval as PostgreSQL writes one (`18 years`, `1 year
    /// 2 mons 3 days`, `1 day 02:00:00`, `-7 days`): text in the input's own form (a date stays a
    /// date when the interval has no time), NULL when either cannot be read.
    static func plusInterval(_ value: Value, _ interval: Value, subtract: Bool) -> Value {
        guard var moment = Moment(value), case .text(let text) = interval else { return .null }
        let sign = subtract ? -1 : 1
        var words = text.lowercased().split(separator: " ").map(String.init)[...]
        var timed = false
        while let word = words.popFirst() {
            if word.contains(":") {
                let parts = word.split(separator: ":").map { Int($0.hasPrefix("-") ? String($0.dropFirst()) : String($0)) }
                guard parts.count >= 2, parts.allSatisfy({ $0 != nil }) else { return .null }
                let seconds = parts[0]! * 3600 + parts[1]! * 60 + (parts.count > 2 ? parts[2]! : 0)
                moment = moment.adding(seconds: sign * (word.hasPrefix("-") ? -seconds : seconds))
                timed = true
                continue
            }
            guard let amount = Int(word), let unit = words.popFirst(), let moved = shifted(moment, sign * amount, unit: unit, clamp: true) else { return .null }
            if !["year", "years", "mon", "mons", "month", "months", "day", "days", "week", "weeks"].contains(unit) { timed = true }
            moment = moved
        }
        return .text(moment.hasTime || timed ? moment.dateTime : moment.date)
    }
}
