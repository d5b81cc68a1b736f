/// A date or a clock time as running text writes it — what ``DateRecognizer`` finds: `1987-03-03`,
/// `03/14/1962`, `3/2/24`, `14.03.1962`, `March 3, 1987`, `Jan. 5, 2020`, `the 1st of March 2024`,
/// `SEPT 2020`, `Feb 29 '84`, `Monday, March 1`, `14. Juli 1962`, `14 de julio de 1962`, `10:30 pm` — read into
/// its parts and written again in the same form with another date: `text.redact`'s fake of a date.
///
/// The move is keyed by the date itself (its day, month and year, however written), so one date
/// gets one fake in every form and every row; a date with a day moves by up to `days` days either
/// way (never 0), a month and year by whole months (up to `days` / 30, at least one), a time of day
/// by up to three hours. What the parts say together stays true: a day's suffix fits its day
/// (`21st`), a weekday its date, a month's name is written in the original's language, case and
/// length (`SEPT` → `OCT`, `Jan.` → `Feb.`, an abbreviation in three letters), numbers in their width (`03` → `04`, `3` → `4`).
struct TextDate {
    enum Piece {
        case kept(Substring)
        case year(width: Int)
        case monthNumber(width: Int)
        /// A month's name: its language (an index of ``languages``), written abbreviated (and with a
        /// dot after it), in a case, without its accents (`fevrier`).
        case monthName(language: Int, abbreviated: Bool, dotted: Bool, letterCase: LetterCase, folded: Bool)
        case day(width: Int)
        case daySuffix(upper: Bool)
        case weekday(abbreviated: Bool, letterCase: LetterCase)
        case hour(width: Int, twelve: Bool)
        case minute, second
        /// `am`, `PM`, `p.m`: the written form, whose first letter becomes the new half's.
        case meridiem(Substring)
    }

    /// Months by language: English, German, French, Spanish, Italian, Portuguese, Dutch (the order
    /// an ambiguous name is read in: `April` is English before German or Dutch).
    static let languages: [[String]] = [
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    ]
    /// Months abbreviated as each language writes them (a dot after them, mostly): `5. Dez. 1980`,
    /// `5 janv. 1980`, `5 ene 1980`, `5 gen 1980`, `5 de jan. de 1980`, `5 mrt 1980` (the day and year
    /// stayed, and the month was read as a name); English's are ``WordLists/months``.
    static let abbreviations: [[String]] = [
        [],
        ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
        ["janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
        ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
        ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
        ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    ]
    /// Every month's name in lower case — with and without its accents (`fevrier`), another
    /// spelling (Austria's `jänner`, a Spanish `setiembre`), English abbreviations (``WordLists/months``:
    /// `jan`, `sept`) — and what it can be, in the languages' order.
    static let names: [String: [(language: Int, month: Int, abbreviated: Bool)]] = {
        var names: [String: [(language: Int, month: Int, abbreviated: Bool)]] = [:]
        func add(_ name: String, _ language: Int, _ month: Int, abbreviated: Bool = false) {
            for form in Set([name, TextScan.folded(name)]) where !(names[form]?.contains { $0.language == language } ?? false) {
                names[form, default: []].append((language, month, abbreviated))
            }
        }
        for (language, months) in languages.enumerated() {
            for (index, name) in months.enumerated() { add(name, language, index + 1) }
        }
        add("jänner", 1, 1)
        add("setiembre", 3, 9)
        for (name, month) in WordLists.months where name != languages[0][month - 1] { add(name, 0, month, abbreviated: true) }
        // (After English's: `sept`, `jan` are read as English first.)
        for (language, months) in abbreviations.enumerated() {
            for (index, name) in months.enumerated() where name != languages[language][index] { add(name, language, index + 1, abbreviated: true) }
        }
        add("mrz", 1, 3, abbreviated: true)
        add("sept", 1, 9, abbreviated: true)
        add("juill", 2, 7, abbreviated: true)
        add("sep", 3, 9, abbreviated: true)
        add("set", 3, 9, abbreviated: true)
        return names
    }()
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    var pieces: [Piece] = []
    var year: Int?
    var month: Int?
    var day: Int?
    /// 0 Monday … 6 Sunday, as written.
    var weekday: Int?
    /// A time of day, in seconds since midnight.
    var time: Int?

    /// Nil where `text` is no date or time of these forms, or an impossible one (the 31st of April).
    /// `dayFirst`: how to read a date of numbers whose day and month could be either (`12/03/1961`),
    /// as the text around it reads its dates (``dayFirst(in:dates:)``); one of a number past 12 is
    /// read as that number says.
    init?(_ text: String, dayFirst hint: Bool = false) {
        // Runs of letters, runs of ASCII digits, and every other character alone.
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            var end = text.index(after: index)
            if c.isLetter {
                while end < text.endIndex, text[end].isLetter { end = text.index(after: end) }
            } else if c.isASCII, c.isNumber {
                while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
            }
            tokens.append(text[index..<end])
            index = end
        }
        func isDigits(_ token: Substring) -> Bool { token.first.map { $0.isASCII && $0.isNumber } ?? false }
        let digitRuns = tokens.indices.filter { isDigits(tokens[$0]) }
        guard !digitRuns.isEmpty, digitRuns.allSatisfy({ tokens[$0].count <= 4 }) else { return nil }
        let hasSpanish = tokens.contains { $0.lowercased() == "de" }
        // (A dot glued to a day: German's `14. Juli`.)
        let germanDay = digitRuns.contains { $0 + 1 < tokens.count && tokens[$0 + 1] == "." }

        var k = 0
        var numbers: [Int] = []  // pieces' indices of digit runs, to be given their roles
        var marks: [Substring] = []
        while k < tokens.count {
            let token = tokens[k]
            let lower = token.lowercased()
            if isDigits(token) {
                numbers.append(pieces.count)
                pieces.append(.kept(token))
            } else if token.first!.isLetter {
                if month == nil, let (language, number, abbreviated) = Self.month(lower, spanish: hasSpanish, german: germanDay) {
                    let dotted = abbreviated && k + 1 < tokens.count && tokens[k + 1] == "."
                    let folded = TextScan.folded(lower) == lower && TextScan.folded(Self.languages[language][number - 1]) != Self.languages[language][number - 1]
                    month = number
                    pieces.append(.monthName(language: language, abbreviated: abbreviated, dotted: dotted, letterCase: LetterCase(of: String(token)), folded: folded))
                    if dotted { k += 1 }
                } else if weekday == nil, let day = Self.weekdays.firstIndex(where: { $0 == lower || lower.count >= 3 && $0.hasPrefix(lower) }) {
                    weekday = day
                    pieces.append(.weekday(abbreviated: lower.count < Self.weekdays[day].count, letterCase: LetterCase(of: String(token))))
                } else if ["st", "nd", "rd", "th"].contains(lower), k > 0, isDigits(tokens[k - 1]) {
                    pieces.append(.daySuffix(upper: token == token.uppercased()))
                } else if ["am", "pm"].contains(lower) || ["a", "p"].contains(lower) && k + 2 < tokens.count && tokens[k + 1] == "." && tokens[k + 2].lowercased() == "m" {
                    let end = lower.count == 2 ? k : k + 2
                    pieces.append(.meridiem(text[token.startIndex..<tokens[end].endIndex]))
                    k = end
                } else {
                    pieces.append(.kept(token))
                }
            } else {
                if token != " " && token != "," { marks.append(token) }
                pieces.append(.kept(token))
            }
            k += 1
        }
        func run(_ n: Int) -> Substring { if case .kept(let token) = pieces[numbers[n]] { token } else { "" } }
        let meridiem = pieces.contains { if case .meridiem = $0 { true } else { false } }

        if marks.contains(":") {
            // H:MM(:SS) (am|pm).
            guard month == nil, weekday == nil, (2...3).contains(numbers.count), let hour = Int(run(0)), let minute = Int(run(1)), run(1).count == 2, minute < 60,
                  meridiem ? (1...12).contains(hour) : hour < 24 else { return nil }
            let second = numbers.count == 3 ? Int(run(2)) : 0
            guard let second, second < 60 else { return nil }
            pieces[numbers[0]] = .hour(width: run(0).count, twelve: meridiem)
            pieces[numbers[1]] = .minute
            if numbers.count == 3 { pieces[numbers[2]] = .second }
            var hours = hour
            if meridiem, let half = pieces.lazy.compactMap({ if case .meridiem(let form) = $0 { form } else { nil } }).first {
                hours = hour % 12 + (half.lowercased().hasPrefix("p") ? 12 : 0)
            }
            time = hours * 3600 + minute * 60 + second
            return
        }
        guard !meridiem else { return nil }
        if month != nil {
            // A month's name with a day (1–2 digits) and a year (4 digits), either or both.
            for n in numbers.indices {
                let digits = run(n)
                // A year of two digits after an apostrophe (`Feb 29 '84`).
                if digits.count == 2, year == nil, numbers[n] > 0, case .kept(let before) = pieces[numbers[n] - 1], before == "'" || before == "’", let short = Int(digits) {
                    year = short < 30 ? 2000 + short : 1900 + short
                    pieces[numbers[n]] = .year(width: 2)
                } else if digits.count == 4, year == nil {
                    year = Int(digits)
                    pieces[numbers[n]] = .year(width: 4)
                } else if digits.count <= 2, day == nil {
                    day = Int(digits)
                    // (Padded in words only where it was: "03 March", not "26 August" → "08 August".)
                    pieces[numbers[n]] = .day(width: digits.hasPrefix("0") ? 2 : 1)
                } else {
                    return nil
                }
            }
        } else if numbers.count == 2, marks == ["/"], run(0).count <= 2, run(1).count <= 2, let x = Int(run(0)), let y = Int(run(1)) {
            // M/D without a year (`3/14`), or D/M where the first is past 12: moved within a leap year.
            // (Padded only where it was: `3/14` → `3/9`, `03/14` → `03/09`.)
            let dayFirst = x > 12 || hint && y <= 12
            let width = run(0).hasPrefix("0") || run(1).hasPrefix("0") ? 2 : 1
            (month, day) = dayFirst ? (y, x) : (x, y)
            pieces[numbers[0]] = dayFirst ? .day(width: width) : .monthNumber(width: width)
            pieces[numbers[1]] = dayFirst ? .monthNumber(width: width) : .day(width: width)
        } else {
            // Y-M-D; M/D/Y, or D/M/Y where the first is past 12; D.M.Y.
            guard numbers.count == 3, marks.count == 2, marks[0] == marks[1], ["-", "/", "."].contains(marks[0]) else { return nil }
            let (a, b, c) = (run(0), run(1), run(2))
            guard let x = Int(a), let y = Int(b), let z = Int(c), b.count <= 2 else { return nil }
            if a.count == 4, c.count <= 2 {
                (year, month, day) = (x, y, z)
                pieces[numbers[0]] = .year(width: 4)
                pieces[numbers[1]] = .monthNumber(width: b.count)
                pieces[numbers[2]] = .day(width: c.count)
            } else if a.count <= 2, c.count == 4 || c.count == 2 {
                let dayFirst = marks[0] == "." || x > 12 || hint && y <= 12
                (year, month, day) = (c.count == 2 ? (z < 30 ? 2000 + z : 1900 + z) : z, dayFirst ? y : x, dayFirst ? x : y)
                pieces[numbers[0]] = dayFirst ? .day(width: a.count) : .monthNumber(width: a.count)
                pieces[numbers[1]] = dayFirst ? .monthNumber(width: b.count) : .day(width: b.count)
                pieces[numbers[2]] = .year(width: c.count)
            } else {
                return nil
            }
        }
        guard let month, (1...12).contains(month), year != nil || day != nil else { return nil }
        if let day, !(1...CivilDate.daysIn(month: month, year: year ?? 2000)).contains(day) { return nil }
        if let year, !(1...9999).contains(year) { return nil }
    }

    /// A month's name (``names``): its language, number and whether it is abbreviated. Spanish and
    /// Portuguese first where the date says `de`, German first where a dot follows the day, else the
    /// languages' order.
    static func month(_ lower: String, spanish: Bool, german: Bool) -> (language: Int, month: Int, abbreviated: Bool)? {
        guard let candidates = names[lower] ?? names[TextScan.folded(lower)] else { return nil }
        let preferred = (german ? [1] : []) + (spanish ? [3, 5] : [])
        return preferred.lazy.compactMap { language in candidates.first { $0.language == language } }.first ?? candidates.first
    }

    /// How far a date moves: by days (a date with a day), by months (a month and year), by seconds (a time of day).
    struct Move {
        var days: Int
        var months: Int
        var seconds: Int
    }

    /// The move keyed by the date itself, however it is written (see the type's summary).
    func move(_ hasher: KeyedHasher, days: Int) -> Move {
        func offset(_ key: String, _ most: Int) -> Int {
            var random = hasher.stream(Array(key.utf8), label: 7)
            return DateShiftGenerator.offset(&random, days: most)
        }
        if let time { return Move(days: 0, months: 0, seconds: offset("T\(time)", 180) * 60) }
        if let month, let day {
            let iso = CivilDate(year: year ?? 2000, month: month, day: day).iso
            return Move(days: offset(year == nil ? "A\(iso.dropFirst(4))" : "D\(iso)", days), months: 0, seconds: 0)
        }
        return Move(days: 0, months: offset("M\(year ?? 0)-\(month ?? 0)", max(1, days / 30)), seconds: 0)
    }

    /// The move of an entity's every date by `days` (``DateShiftGenerator``'s offset for the entity):
    /// a month and year by the nearest whole months, at least one; a time of day by its own key.
    func move(days offset: Int, times hasher: KeyedHasher) -> Move {
        if time != nil { return move(hasher, days: 0) }
        let months = (abs(offset) + 15) / 30
        return Move(days: offset, months: offset < 0 ? -max(1, months) : max(1, months), seconds: 0)
    }

    /// The text written again with its date (or time) moved.
    func written(_ move: Move) -> String {
        var (newYear, newMonth, newDay, newWeekday, newTime) = (year, month, day, weekday, time)
        if let time {
            newTime = ((time + move.seconds) % 86_400 + 86_400) % 86_400
        } else if let month, let day {
            // With a year, by the calendar; without one, within a leap year (the 29th of February can
            // be), the weekday moved as the day is.
            let base = CivilDate(year: year ?? 2000, month: month, day: day)
            let offset = (1...9999).contains(CivilDate(days: base.days + move.days).year) ? move.days : -move.days
            let moved = CivilDate(days: base.days + offset)
            (newMonth, newDay) = (moved.month, moved.day)
            if year != nil {
                newYear = moved.year
                newWeekday = ((moved.days + 3) % 7 + 7) % 7
            } else if let weekday {
                newWeekday = ((weekday + offset) % 7 + 7) % 7
            }
        } else if let year, let month {
            let offset = (1...9999).contains((year * 12 + month - 1 + move.months) / 12) ? move.months : -move.months
            let index = year * 12 + month - 1 + offset
            (newYear, newMonth) = (index / 12, index % 12 + 1)
        }
        let padded = CivilDate.padded
        var written = ""
        for piece in pieces {
            switch piece {
            case .kept(let token): written += token
            case .year(let width): written += width == 2 ? padded((newYear ?? 0) % 100, 2) : padded(newYear ?? 0, width)
            case .monthNumber(let width): written += padded(newMonth ?? 0, width)
            case .day(let width): written += padded(newDay ?? 0, width)
            case .daySuffix(let upper):
                let day = newDay ?? 0
                let suffix = (11...13).contains(day % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][day % 10] ?? "th"
                written += upper ? suffix.uppercased() : suffix
            case .monthName(let language, let abbreviated, let dotted, let letterCase, let folded):
                let full = Self.languages[language][(newMonth ?? 1) - 1]
                // (Another language's abbreviation as it writes it: `janv.`, `Dez.`, `mrt`.)
                var name = abbreviated ? (language == 0 ? String(full.prefix(3)) : Self.abbreviations[language][(newMonth ?? 1) - 1]) : full
                if folded { name = TextScan.folded(name) }
                written += letterCase.apply(name.prefix(1).uppercased() + name.dropFirst())
                // (May is its own abbreviation: no dot after it.)
                if dotted, !(abbreviated && full == "may") { written += "." }
            case .weekday(let abbreviated, let letterCase):
                let name = Self.weekdays[newWeekday ?? 0].prefix(abbreviated ? 3 : 9)
                written += letterCase.apply(name.prefix(1).uppercased() + name.dropFirst())
            case .hour(let width, let twelve):
                let hour = (newTime ?? 0) / 3600
                written += padded(twelve ? (hour % 12 == 0 ? 12 : hour % 12) : hour, width)
            case .minute: written += padded((newTime ?? 0) / 60 % 60, 2)
            case .second: written += padded((newTime ?? 0) % 60, 2)
            case .meridiem(let form):
                let afternoon = (newTime ?? 0) >= 43_200
                let letter = afternoon ? "p" : "a"
                written += (form.first!.isUppercase ? letter.uppercased() : letter) + form.dropFirst()
            }
        }
        return written
    }
}

/// `text.redact`'s fake of a date or a time in text (``TextDate``); null where the text is none
/// it can read, which gets the kind's tag.
extension TextDate {
    /// Whether a text writes its dates of numbers day first: where one of them says so by a number
    /// past 12 (`25/03/2021`; `03/25/2021` says month first), else where the recogniser reads the
    /// text as written in another language than English (``EntityRecognizer/otherLanguage(_:)``:
    /// `né le 12/03/1961`).
    static func dayFirst(in text: String, dates: [String]) -> Bool {
        var either = false
        for date in dates {
            let numbers = date.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." || $0 == " " }).compactMap { Int($0) }
            guard numbers.count >= 2, numbers[0] <= 31, numbers[1] <= 31 else { continue }
            if numbers[0] > 12, numbers[1] <= 12 { return true }
            if numbers[1] > 12, numbers[0] <= 12 { return false }
            either = either || numbers[0] <= 12 && numbers[1] <= 12
        }
        // (The text scanned again for its language only where a date could be read either way: a
        // text of `March 3, 1987` or `1987-03-03` was scanned twice for nothing.)
        return either && EntityRecognizer.otherLanguage(TextScan(text)) != nil
    }
}

struct TextDateFake: Generator {
    let hasher: KeyedHasher
    /// The largest move of a date, in days either way.
    let days: Int

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return .null }
        return fake(text, dayFirst: false)
    }

    /// The fake of the date `text`, read day first where it could be either and `dayFirst` says so.
    func fake(_ text: String, dayFirst: Bool) -> Value {
        guard let date = TextDate(text, dayFirst: dayFirst) else { return .null }
        return .text(date.written(date.move(hasher, days: days)))
    }
}
