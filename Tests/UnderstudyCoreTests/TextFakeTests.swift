import Foundation
import Testing
@testable import UnderstudyCore

/// `text.redact`'s fakes are of the kind they replace and written as the original was: what a
/// tester reads in a de-identified copy of Northwind's employee notes, not tags in the middle of prose.
@Suite("text.redact's fakes of the same kind")
struct TextFakeTests {
    static func faked(_ text: String, _ parameters: [String: ParameterValue] = [:], row: Int64 = 0) throws -> String {
        try makeGenerator("text.redact", parameters).generate(.text(text), row: .init(ordinal: row)).displayText
    }

    /// `text.redact`'s generator under the `n`th of the tests' secrets (each secret its own fakes).
    static func redact(secret n: Int, _ parameters: [String: ParameterValue] = [:]) throws -> any Generator {
        try makeGenerator("text.redact", parameters, key: MasterKey(material: Array("text-fake-secret-\(n)-0123456789abcdef".utf8)))
    }

    /// The fakes of `text` under `count` secrets.
    static func fakes(_ text: String, _ parameters: [String: ParameterValue] = [:], secrets count: Int = 8) throws -> [String] {
        try (0..<count).map { try redact(secret: $0, parameters).generate(.text(text), row: .init(ordinal: 0)).displayText }
    }

    /// The dates the recogniser finds in `text`, as written.
    static func dates(_ text: String) -> [String] {
        let units = Array(text.utf16)
        return EntityRecognizer().spans(in: text).filter { $0.kind == .dateTime }.map { String(decoding: units[$0.start..<$0.end], as: UTF16.self) }
    }

    /// Days between two ISO dates, by Foundation's Gregorian calendar (not the code under test).
    static func daysBetween(_ a: DateComponents, _ b: DateComponents) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.day], from: calendar.date(from: a)!, to: calendar.date(from: b)!).day!
    }

    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// Reads what a case's pattern captured: year, month (a number or a month's name in any of the
    /// languages below), day, each optional.
    static func components(_ match: Regex<AnyRegexOutput>.Match) -> DateComponents {
        var parts = DateComponents()
        func text(_ name: String) -> String? { match.output[name]?.substring.map(String.init) }
        if let year = text("year") { parts.year = year.count == 2 ? 1900 + Int(year)! : Int(year)! }
        if let day = text("day") { parts.day = Int(day)! }
        if let month = text("month") {
            if let number = Int(month) {
                parts.month = number
            } else {
                let lists = [englishMonths.map { $0.lowercased() },
                             ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
                             ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
                             ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]]
                let lower = month.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
                parts.month = lists.lazy.compactMap { list in list.firstIndex { $0 == lower || $0.hasPrefix(lower) && lower.count >= 3 } }.first.map { $0 + 1 }
            }
        }
        return parts
    }

    @Test("a date in fake mode is a date written as the original was (month names in its language and case, numbers in their width, a day's suffix, a weekday that fits), moved by a keyed number of days (up to `days`, default 30; a month and year by whole months), never its tag", arguments: [
        // (text, the whole fake's pattern with named parts, month precision)
        ("He was promoted to sales manager in January 1992.", #"promoted to sales manager in (?<month>[A-Z][a-z]+) (?<year>\d{4})\.$"#, true),
        ("Born on March 3, 1987 in Leeds.", #"^Born on (?<month>[A-Z][a-z]+) (?<day>\d{1,2}), (?<year>\d{4}) in "#, false),
        ("DOB 1987-03-03", #"^DOB (?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})$"#, false),
        ("DOB: 03/14/1962, seen today", #"^DOB: (?<month>\d{2})/(?<day>\d{2})/(?<year>\d{4}), seen today$"#, false),
        ("Geburtsdatum: 14.03.1962", #"^Geburtsdatum: (?<day>\d{2})\.(?<month>\d{2})\.(?<year>\d{4})$"#, false),
        ("Geburtsdatum: 14. Juli 1962", #"^Geburtsdatum: (?<day>\d{1,2})\. (?<month>Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) (?<year>\d{4})$"#, false),
        ("nació el 14 de julio de 1962", #"^nació el (?<day>\d{1,2}) de (?<month>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de (?<year>\d{4})$"#, false),
        ("Il est né le 14 juillet 1962", #"^Il est né le (?<day>\d{1,2}) (?<month>janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (?<year>\d{4})$"#, false),
        // Abbreviated as the language writes them.
        ("Geburtsdatum: 5. Dez. 1980", #"^Geburtsdatum: (?<day>\d{1,2})\. (?<month>Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\. (?<year>\d{4})$"#, false),
        ("Date de naissance : 12 févr. 1980", #"^Date de naissance : (?<day>\d{1,2}) (?<month>janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\. (?<year>\d{4})$"#, false),
        ("Fecha de nacimiento: 5 ene 1980", #"^Fecha de nacimiento: (?<day>\d{1,2}) (?<month>ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) (?<year>\d{4})$"#, false),
        ("Meeting on the 1st of March 2024.", #"^Meeting on the (?<day>\d{1,2})(st|nd|rd|th) of (?<month>[A-Z][a-z]+) (?<year>\d{4})\.$"#, false),
        ("SEEN 12 SEPT 2020", #"^SEEN (?<day>\d{1,2}) (?<month>[A-Z]{3,4}) (?<year>\d{4})$"#, false),
        ("Invoice of Mar 2024 attached", #"^Invoice of (?<month>[A-Z][a-z]{2}) (?<year>\d{4}) attached$"#, true),
        ("Visit on Jan. 5, 2020 confirmed", #"^Visit on (?<month>[A-Z][a-z]{2}\.|May) (?<day>\d{1,2}), (?<year>\d{4}) confirmed$"#, false),
        // A day of two digits in words is not padded (`26 August 1989` became `08 August 1989`); `03 March` is.
        ("Meeting notes (26 August 1989): done", #"^Meeting notes \((?<day>[1-9]\d?) (?<month>[A-Z][a-z]+) (?<year>\d{4})\): done$"#, false),
        ("Seen 03 March 2001 again", #"^Seen (?<day>\d{2}) (?<month>[A-Z][a-z]+) (?<year>\d{4}) again$"#, false),
        // No year: moved within a leap year (the test reads a move across the new year as the days around it).
        ("Call on March 3 please", #"^Call on (?<month>[A-Z][a-z]+) (?<day>\d{1,2}) please$"#, false),
        ("Ingresó el 3 de mayo por dolor torácico.", #"^Ingresó el (?<day>\d{1,2}) de (?<month>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) por dolor torácico\.$"#, false),
        ("Aufnahme am 3. Mai wegen Brustschmerzen.", #"^Aufnahme am (?<day>\d{1,2})\. (?<month>Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember) wegen Brustschmerzen\.$"#, false),
        // A year of two digits after an apostrophe.
        ("DOB Feb 28 '84 confirmed", #"^DOB (?<month>[A-Z][a-z]{2}) (?<day>\d{1,2}) '(?<year>\d{2}) confirmed$"#, false),
        ("Admitted 3/2/24 overnight", #"^Admitted (?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{2}) overnight$"#, false),
    ])
    func datesFaked(text: String, pattern: String, monthPrecision: Bool) throws {
        let original = try #require(Self.dates(text).first, "the recogniser finds the date in \(text)")
        let regex = try Regex(pattern)
        let originalMatch = try #require(text.firstMatch(of: regex), "the case's pattern reads the original")
        var fakes: Set<String> = []
        for fake in try Self.fakes(text, secrets: 12) {
            #expect(!fake.contains("[DATE_TIME]"), "\(fake)")
            #expect(!Self.dates(fake).contains(original), "\(fake)")
            let match = try #require(fake.firstMatch(of: regex), "\(fake) is written as \(text) is")
            let (before, after) = (Self.components(originalMatch), Self.components(match))
            #expect(after.month != nil, "\(fake)")
            if monthPrecision {
                let months = (after.year! - before.year!) * 12 + after.month! - before.month!
                #expect(months != 0 && abs(months) <= 1, "\(text) → \(fake): \(months) months")
            } else {
                var a = before, b = after
                if a.year == nil { (a.year, b.year) = (2000, 2000) }
                let days = Self.daysBetween(a, b)
                #expect(days != 0 && abs(days) <= 30 || a.year == 2000 && abs(days) >= 335, "\(text) → \(fake): \(days) days")
            }
            // The fake is a date the recogniser finds again.
            #expect(Self.dates(fake).count == Self.dates(text).count, "\(fake)")
            fakes.insert(fake)
        }
        #expect(fakes.count >= (monthPrecision ? 2 : 6), "keyed: \(fakes)")
    }

    @Test("a day's suffix fits its day, a weekday its date, a time keeps its clock; the same date written two ways gets the same fake date")
    func datesAgree() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        for secret in 0..<20 {
            let redact = try Self.redact(secret: secret)
            let fake = try redact.generate(.text("Booked for Monday, March 1, 2021 at 10:30 pm; the 21st of June 2021 too."), row: .init(ordinal: 0)).displayText
            let match = try #require(fake.firstMatch(of: #/^Booked for (?<weekday>[A-Z][a-z]+), (?<month>[A-Z][a-z]+) (?<day>\d{1,2}), (?<year>\d{4}) at (?<hour>\d{1,2}):(?<minute>\d{2}) (?<meridiem>am|pm); the (?<day2>\d{1,2})(?<suffix>st|nd|rd|th) of [A-Z][a-z]+ \d{4} too\.$/#), "\(fake)")
            let date = try #require(calendar.date(from: DateComponents(year: Int(match.year)!, month: Self.englishMonths.firstIndex(of: String(match.month))! + 1, day: Int(match.day)!)))
            #expect(weekdays[calendar.component(.weekday, from: date) - 1] == match.weekday, "\(fake)")
            #expect((1...12).contains(Int(match.hour)!), "\(fake)")
            let day2 = Int(match.day2)!
            let suffix = [1, 21, 31].contains(day2) ? "st" : [2, 22].contains(day2) ? "nd" : [3, 23].contains(day2) ? "rd" : "th"
            #expect(match.suffix == suffix, "\(fake)")
            #expect(!fake.contains("March 1, 2021") && !fake.contains("10:30 pm") && !fake.contains("21st of June"), "\(fake)")
            // One date, two ways: one fake date.
            let twice = try redact.generate(.text("Born 1987-03-03 (March 3, 1987)."), row: .init(ordinal: 0)).displayText
            let pair = try #require(twice.firstMatch(of: #/^Born (?<iso>\d{4}-\d{2}-\d{2}) \((?<month>[A-Z][a-z]+) (?<day>\d{1,2}), (?<year>\d{4})\)\.$/#), "\(twice)")
            let written = String(format: "%@-%02d-%02d", String(pair.year), Self.englishMonths.firstIndex(of: String(pair.month))! + 1, Int(pair.day)!)
            #expect(written == pair.iso, "\(twice)")
        }
    }

    @Test("`days` bounds the move; mask and tag modes keep their forms for dates")
    func datesDays() throws {
        for ordinal in 0..<40 {
            let text = "Seen on 2024-03-\(String(format: "%02d", 1 + ordinal % 28))."
            let fake = try Self.faked(text, ["days": .integer(3)], row: Int64(ordinal))
            let match = try #require(fake.firstMatch(of: #/^Seen on (?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})\.$/#), "\(fake)")
            let days = Self.daysBetween(DateComponents(year: 2024, month: 3, day: 1 + ordinal % 28), DateComponents(year: Int(match.year)!, month: Int(match.month)!, day: Int(match.day)!))
            #expect(days != 0 && abs(days) <= 3, "\(fake)")
        }
        #expect(try Self.faked("Seen on 2024-03-01.", ["mode": .string("tag")]) == "Seen on [DATE_TIME].")
        #expect(try Self.faked("Seen on 2024-03-01.", ["mode": .string("mask")]) == "Seen on **********.")
    }

    @Test("an organisation's fake keeps what kind of organisation it is — its institution word, legal form, the words of its kind and its small words — and replaces the words that name it (a university stays a university, a GmbH a GmbH); an institute's name runs through `of`", arguments: [
        // (text, the fake's pattern, words of the original that must be gone)
        ("Education includes a BA in psychology from Colorado State University in 1970.", #"^Education includes a BA in psychology from [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? State University in 1970\.$"#, ["Colorado"]),
        ("She took a Ph.D. in marketing from the University of Dallas in 1981.", #"^She took a Ph\.D\. in marketing from the University of [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? in 1981\.$"#, ["Dallas"]),
        ("She holds an MA from the American Institute of Culinary Arts (1966).", #"^She holds an MA from the [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? Institute of Culinary Arts \(1966\)\.$"#, ["American"]),
        ("Nancy is a member of Toastmasters International.", #"^[A-Z][a-z]+ is a member of [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? International\.$"#, ["Toastmasters"]),
        ("Janet has a BS degree in chemistry from Boston College (1984).", #"^[A-Z][a-z]+ has a BS degree in chemistry from [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? College \(1984\)\.$"#, ["Boston"]),
        ("She works at Müller Maschinenbau GmbH in Stuttgart.", #"^She works at [A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)* GmbH in [A-Z]"#, ["Müller", "Maschinenbau"]),
        ("Acme Widgets Inc. signed the lease.", #"^[A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)* Inc\. signed the lease\.$"#, ["Acme"]),
        ("Referred by Mount Sinai Hospital yesterday.", #"^Referred by (?:Mount )?[A-Z][A-Za-z']+(?: [A-Z][A-Za-z']+)? Hospital yesterday\.$"#, ["Sinai"]),
        ("WORKS AT BOSTON COLLEGE NOW", #"^WORKS AT [A-Z]+(?: [A-Z]+)? COLLEGE NOW$"#, ["BOSTON"]),
    ])
    func organizationsFaked(text: String, pattern: String, gone: [String]) throws {
        #expect(EntityRecognizer().spans(in: text).contains { $0.kind == .organization }, "the recogniser finds the organisation in \(text)")
        let regex = try Regex(pattern)
        var fakes: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            #expect(fake.firstMatch(of: regex) != nil, "\(text) → \(fake)")
            for word in gone { #expect(!fake.contains(word), "\(text) → \(fake)") }
            fakes.insert(fake)
        }
        #expect(fakes.count >= 4, "keyed: \(fakes)")
        #expect(try Self.faked(text) == Self.faked(text, row: 7), "consistent")
    }

    @Test("a place's fake is a place of its kind: a region of the world for a region, a country for a country, a US state for a state (`Selling in Europe` became `Selling in Westwego`, a country a town)", arguments: [
        ("After a course entitled Selling in Europe, he left.", #"^After a course entitled Selling in (?<place>[A-Za-z ]+), he left\.$"#, "Europe", "region"),
        ("She moved from France to Lyon last year.", #"^She moved from (?<place>.+) to .+ last year\.$"#, "France", "country"),
        ("Customers in California get free shipping.", #"^Customers in (?<place>[A-Za-z ]+) get free shipping\.$"#, "California", "state"),
    ])
    func placesFaked(text: String, pattern: String, place: String, kind: String) throws {
        #expect(EntityRecognizer().spans(in: text).contains { $0.kind == .location && $0.end - $0.start == place.utf16.count }, "the recogniser finds \(place) in \(text)")
        let regex = try Regex(pattern)
        var fakes: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            let written = try #require(fake.firstMatch(of: regex)?.output["place"]?.substring.map(String.init), "\(text) → \(fake)")
            #expect(written != place, "\(fake)")
            let lower = written.lowercased()
            switch kind {
            case "region": #expect(WordLists.worldRegions.contains(lower), "\(text) → \(fake)")
            case "country": #expect(Dictionaries.shared.countries.contains(lower) && written.count > 3, "\(text) → \(fake)")
            default: #expect(WordLists.usStates[lower] != nil, "\(text) → \(fake)")
            }
            fakes.insert(written)
        }
        #expect(fakes.count >= 3, "keyed: \(fakes)")
    }

    @Test("a town with its state, province or postcode keeps them in its fake: a US town's state is its fake's own, a postcode one of its shape, another country's region stays (`Relocating from Austin, TX` became `from Oak Grove`, `Springfield, IL 62704` a town alone, `Darwin NT 0800` too)", arguments: [
        ("Relocating from Austin, TX to Denver next month.", #"^Relocating from (?<town>[A-Za-z .'-]+), (?<region>[A-Z]{2}) to "#, "Austin", "TX", nil, true),
        ("Ship to Springfield, IL 62704 please.", #"^Ship to (?<town>[A-Za-z .'-]+), (?<region>[A-Z]{2}) (?<postcode>\d{5}) please\.$"#, "Springfield", "IL", "62704", true),
        ("She lives in Portland, Oregon now.", #"^She lives in (?<town>[A-Za-z .'-]+), (?<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?) now\.$"#, "Portland", "Oregon", nil, true),
        ("Moved to Toronto, ON M5V 2A1 last year.", #"^Moved to (?<town>\p{Lu}[\p{L} .'-]+), (?<region>ON) (?<postcode>[A-Z]\d[A-Z] \d[A-Z]\d) last year\.$"#, "Toronto", "ON", "M5V 2A1", false),
        ("Darwin NT 0800 is hot.", #"^(?<town>\p{Lu}[\p{L} .'-]+) (?<region>NT) (?<postcode>\d{4}) is hot\.$"#, "Darwin", "NT", "0800", false),
    ] as [(String, String, String, String, String?, Bool)])
    func townsWithRegions(text: String, pattern: String, town: String, region: String, postcode: String?, american: Bool) throws {
        let regex = try Regex(pattern)
        var towns: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            let match = try #require(fake.firstMatch(of: regex), "\(text) → \(fake)")
            let fakeTown = try #require(match.output["town"]?.substring.map(String.init))
            let fakeRegion = try #require(match.output["region"]?.substring.map(String.init))
            #expect(fakeTown != town, "\(fake)")
            if american {
                // The fake town's own state, written as the text wrote it (a code or a name).
                let code = Dictionaries.shared.cityStates[fakeTown.lowercased()]
                #expect(code != nil, "a town of the list: \(fake)")
                #expect(fakeRegion.count == 2 ? fakeRegion == code : WordLists.usStates[fakeRegion.lowercased()] == code, "\(fake)")
            } else {
                #expect(fakeRegion == region, "\(fake)")
            }
            if let postcode {
                let fakePostcode = try #require(match.output["postcode"]?.substring.map(String.init))
                #expect(fakePostcode != postcode, "\(fake)")
            }
            towns.insert(fakeTown)
        }
        // (Australia's Northern Territory lists three towns: a town of it gets one of the other two.)
        #expect(towns.count >= (region == "NT" ? 2 : 4), "keyed: \(towns)")
        // The town alone elsewhere gets the same town.
        let alone = try Self.faked("Flights to \(town) resumed.")
        let with = try Self.faked(text)
        let regexTown = try #require(with.firstMatch(of: regex)?.output["town"]?.substring.map(String.init))
        #expect(alone.contains(regexTown), "\(alone) / \(with)")
    }

    @Test("a street address's fake keeps the address's shape: its lines and commas, a unit, a town with its state and ZIP (the town's fake alone elsewhere), a postcode of its shape, a country, and a street's kind in its language and place (`14 Baker Street, Springfield, IL 62704` became `2281 Bowen Parkway`, a label of three lines one line, `Hauptstraße 5, 10115 Berlin` `5998 Rice Circle`)", arguments: [
        ("He lives at 14 Baker Street, Springfield, IL 62704.", #"^He lives at \d{1,4} [A-Z][A-Za-z' -]+, (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}\.$"#, ["Baker", "Springfield", "62704"]),
        ("Ship to:\nJane Doe\n1200 Elm Ave Apt 5\nAustin, TX 78701\nUSA\n\nThanks", #"^Ship to:\n[A-Z][a-z]+ [A-Z][A-Za-z'-]+\n\d{1,4} [A-Z][A-Za-z' -]+ Apt \d\n(?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}\nUSA\n\nThanks$"#, ["Jane", "Elm", "Austin", "78701"]),
        ("Er wohnt in der Hauptstraße 5, 10115 Berlin.", #"^Er wohnt in der [A-Z][A-Za-z]+straße \d, \d{5} \p{Lu}[\p{L} .'-]+\.$"#, ["Haupt", "Berlin", "10115"]),
        ("She lives at 14 rue de la Paix, 75002 Paris.", #"^She lives at \d{1,2} rue de la [A-Z][A-Za-z' -]+, \d{5} \p{Lu}[\p{L} .'-]+\.$"#, ["Paix", "Paris", "75002"]),
        ("Send to 221B Baker Street, London NW1 6XE, UK.", #"^Send to \d{1,4}[A-Z]? [A-Z][A-Za-z' -]+, \p{Lu}[\p{L} .'-]+ [A-Z]{2}\d [0-9][A-Z]{2}, UK\.$"#, ["Baker", "London", "NW1", "6XE"]),
        ("Moved to Kerkstraat 12, 1017 GC Amsterdam.", #"^Moved to [A-Z][A-Za-z]+straat \d{2}, \d{4} [A-Z]{2} \p{Lu}[\p{L} .'-]+\.$"#, ["Kerk", "Amsterdam", "1017"]),
        ("Il paziente abita in via Roma 12, 20121 Milano.", #"^Il paziente abita in via [A-Z][A-Za-z' -]+ \d{1,2}, \d{5} \p{Lu}[\p{L} .'-]+\.$"#, ["Roma", "Milano", "20121"]),
        // A box and a unit kept; a town named as a state a town; a state in lower case before a ZIP; a
        // street's kind with a number for a name; a postcode's first 0.
        ("Send it to PO Box 123, Austin, TX 78701.", #"^Send it to PO Box \d{3}, (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}\.$"#, ["Austin", "78701"]),
        ("Office: 1600 Pennsylvania Avenue NW, Washington, DC 20500", #"^Office: \d{1,4} [A-Z][A-Za-z' -]+ NW, (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}$"#, ["Pennsylvania", "Washington", "20500"]),
        ("he lives at 12 oak st apt 4b springfield il 62704", #"^he lives at \d{1,4} [a-z' -]+ apt \d[a-z] [a-z .'-]+ [a-z]{2} \d{5}$"#, ["oak", "springfield", "62704"]),
        ("Calle 50 # 12-34, Bogotá", #"^Calle \d{2} # \d{2}-\d{2}, \p{Lu}[\p{L} .'-]+$"#, ["Bogotá", "12-34"]),
        ("Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100", #"^Av\. [A-Z][A-Za-z' -]+, \d{4} - \p{Lu}[\p{L} .'-]+, \p{Lu}[\p{L} .'-]+ - SP, 0\d{4}-\d{3}$"#, ["Paulista", "Bela Vista", "São Paulo", "01310"]),
        // Another country's region stays with its postcode's shape (`Sydney NSW 2000` lost `NSW`; `Toronto ON` became `Palatine IL`).
        ("She's at 42 Wallaby Way, Sydney NSW 2000.", #"^She's at \d{1,4} [A-Z][A-Za-z' -]+, \p{Lu}[\p{L} .'-]+ NSW \d{4}\.$"#, ["Wallaby", "Sydney", "2000"]),
        ("Delivered to 1180 Bay St, Toronto ON M5S 2B4.", #"^Delivered to \d{1,4} [A-Z][A-Za-z' -]+, \p{Lu}[\p{L} .'-]+ ON [A-Z]\d[A-Z] \d[A-Z]\d\.$"#, ["Bay", "Toronto", "M5S"]),
        // A numbered street with a direction (`1407 W. 18th St` became `5627 Reed. 21hu Dumbarton`).
        ("She fell at 1407 W. 18th St, Chicago, IL 60608.", #"^She fell at \d{1,4} [A-Z][A-Za-z' -]+, (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}\.$"#, ["18th", "Chicago", "60608"]),
        ("SHIP TO 500 MARKET ST, SAN FRANCISCO, CA 94105", #"^SHIP TO \d{1,4} [A-Z' -]+, (?<town>[A-Z .'-]+), (?<state>[A-Z]{2}) \d{5}$"#, ["MARKET", "SAN FRANCISCO", "94105"]),
    ] as [(String, String, [String])])
    func addressesKeepTheirShape(text: String, pattern: String, source: [String]) throws {
        let regex = try Regex(pattern)
        var fakes: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            let match = try #require(fake.firstMatch(of: regex), "\(text) → \(fake)")
            for word in source { #expect(!fake.contains(word), "\(word) kept: \(text) → \(fake)") }
            // A US town's state is its fake's own.
            if let town = match.output["town"]?.substring, let state = match.output["state"]?.substring {
                #expect(Dictionaries.shared.cityStates[town.lowercased()] == String(state), "\(fake)")
            }
            fakes.insert(fake)
        }
        #expect(fakes.count >= 6, "keyed: \(fakes)")
        #expect(try Self.faked(text) == Self.faked(text), "consistent")
    }

    @Test("a town in text gets a town of its country, alone and in an address (`Hauptstraße 5, 10115 Berlin` became `…, 10115 Sun City`); a town with a US state a US town with its state (`Paris, TX`)", arguments: [
        ("Er wohnt in der Hauptstraße 5, 10115 Berlin.", #"^Er wohnt in der \S+ \d, \d{5} (?<town>.+)\.$"#, "DE"),
        ("She lives at 14 rue de la Paix, 75002 Paris.", #"^She lives at \d{1,2} rue de la .+, \d{5} (?<town>.+)\.$"#, "FR"),
        ("Il paziente abita in via Roma 12, 20121 Milano.", #"^Il paziente abita in via .+ \d{1,2}, \d{5} (?<town>.+)\.$"#, "IT"),
        ("Delivered to 1180 Bay St, Toronto ON M5S 2B4.", #"^Delivered to .+, (?<town>.+) ON [A-Z]\d[A-Z] \d[A-Z]\d\.$"#, "CA"),
        ("She's at 42 Wallaby Way, Sydney NSW 2000.", #"^She's at .+, (?<town>.+) NSW \d{4}\.$"#, "AU"),
        ("Send to 221B Baker Street, London NW1 6XE, UK.", #"^Send to .+, (?<town>.+) [A-Z]{2}\d [0-9][A-Z]{2}, UK\.$"#, "GB"),
        ("Flights to Dublin resumed.", #"^Flights to (?<town>.+) resumed\.$"#, "IE"),
        ("Our office in Lyon, France, is closed.", #"^Our office in (?<town>.+), France, is closed\.$"#, "FR"),
        ("Ship to 100 Main St, Paris, TX 75460.", #"^Ship to .+, (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) \d{5}\.$"#, "US"),
        ("She moved to Paris, TX last year.", #"^She moved to (?<town>[A-Za-z .'-]+), (?<state>[A-Z]{2}) last year\.$"#, "US"),
    ] as [(String, String, String)])
    func townsKeepTheirCountry(text: String, pattern: String, country: String) throws {
        let regex = try Regex(pattern)
        var towns: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            let match = try #require(fake.firstMatch(of: regex), "\(text) → \(fake)")
            let town = try #require(match.output["town"]?.substring.map(String.init))
            if let state = match.output["state"]?.substring {
                #expect(Dictionaries.shared.cityStates[town.lowercased()] == String(state), "\(text) → \(fake)")
            } else {
                #expect(GeneratorBehaviourTests.townCountries[town.lowercased()] == country, "\(text) → \(fake): \(town) not in \(country)")
            }
            towns.insert(town)
        }
        #expect(towns.count >= 5, "keyed: \(towns)")
    }

    @Test("an ordinal in an address keeps its form: new digits and their suffix (`18th` became `21hu`)")
    func ordinalsInAddresses() throws {
        let key = try MasterKey(material: Array("ordinal-secret-0123456789abcdef".utf8))
        for n in 0..<40 {
            var random = key.hasher(generator: "t", domain: "d").stream(Array("\(n)".utf8))
            for code in ["18th", "1ST", "22nd", "3rd"] {
                let written = AddressFake.shaped(code, &random)
                let match = try #require(written.wholeMatch(of: #/(\d+)(st|nd|rd|th|ST|ND|RD|TH)/#), "\(code) → \(written)")
                #expect(AddressFake.ordinalSuffix(Int(match.output.1)!) == match.output.2.lowercased() && (code == "1ST") == (match.output.2.first?.isUppercase == true), "\(code) → \(written)")
            }
        }
    }

    @Test("the town of an address gets the fake it gets alone elsewhere, and the street of a US address the fake `address.street` writes for it")
    func addressPartsAsAlone() throws {
        let with = try Self.faked("He lives at 14 Baker Street, Springfield, IL 62704.", ["shared_domains": .boolean(true)])
        let alone = try Self.faked("Flights to Springfield resumed.", ["shared_domains": .boolean(true)])
        let town = try #require(with.firstMatch(of: #/, ([A-Za-z .'-]+), [A-Z]{2} \d{5}\.$/#)?.output.1)
        #expect(alone == "Flights to \(town) resumed.", "\(with) / \(alone)")
        let street = try makeGenerator("address.street", [:], domain: "street_address").generate(.text("14 Baker Street"), row: .init(ordinal: 0)).displayText
        #expect(with.hasPrefix("He lives at \(street), "), "\(with) / \(street)")
    }

    @Test("a date whose day and month could be either is read day first where the text says so — its language, or another date of it with a day past 12 — and month first otherwise (`né le 12/03/1961` became `12/27/1961`, a 27th month to its reader)", arguments: [
        ("Le patient, né le 12/03/1961, est suivi par le Dr Lefèvre.", true),
        ("Der Patient wurde am 05/04/1970 geboren und ist seit 2019 bei uns.", true),
        ("Visited on 25/03/2021 and again on 04/05/2021.", true),
        ("Visited on 03/25/2021 and again on 04/05/2021.", false),
        ("Born on 12/03/1961 in Ohio.", false),
    ] as [(String, Bool)])
    func ambiguousDatesByTheText(text: String, dayFirst: Bool) throws {
        let dates = Self.dates(text)
        #expect(!dates.isEmpty, "the recogniser finds the dates of \(text)")
        for fake in try Self.fakes(text, secrets: 8) {
            let moved = fake.matches(of: #/(\d{2})/(\d{2})/(\d{4})/#).map { (Int($0.output.1)!, Int($0.output.2)!) }
            #expect(moved.count == dates.count, "\(text) → \(fake)")
            for (a, b) in moved {
                // Read as the text reads its dates, each fake is a date.
                #expect(dayFirst ? (1...12).contains(b) : (1...12).contains(a), "\(text) → \(fake)")
            }
        }
    }

    @Test("a name after a title of a woman or a man whose first name the lists give no gender gets a first name of the title's (`Ms. Ngozi Eze` became `Ms. Dante McCulloch`), the same one wherever the name is written", arguments: [
        ("Reference check: spoke to Ms. Ngozi Eze at the clinic.", #"^Reference check: spoke to Ms\. (?<first>[A-Z][a-z]+) [A-Z][A-Za-z'-]+ at the clinic\.$"#, true),
        ("Mr. Hamid Karimi, 67, was referred.", #"^Mr\. (?<first>[A-Z][a-z]+) [A-Z][A-Za-z'-]+, 67, was referred\.$"#, false),
        ("Frau Ayşe Yılmaz rief an.", #"^Frau (?<first>[A-Z][a-z]+) [A-Z][A-Za-z'-]+ rief an\.$"#, true),
    ] as [(String, String, Bool)])
    func titlesSayTheGender(text: String, pattern: String, female: Bool) throws {
        let regex = try Regex(pattern)
        var firsts: Set<String> = []
        for fake in try Self.fakes(text, secrets: 8) {
            let first = try #require(fake.firstMatch(of: regex)?.output["first"]?.substring.map(String.init), "\(text) → \(fake)")
            #expect((female ? Dictionaries.shared.femaleFirstNames : Dictionaries.shared.maleFirstNames).contains(first), "\(text) → \(fake)")
            firsts.insert(first)
        }
        #expect(firsts.count >= 4, "keyed: \(firsts)")
        #expect(try Self.faked(text) == Self.faked(text))
    }

    @Test("a name written surname first with a comma gets its fake written so (`Tamayo, Nydia` became `Alison Laclair`)", arguments: [
        ("Our Legal team met Tamayo, Nydia in Singapore.", #"^Our Legal team met (?<last>[A-Z][A-Za-z'-]+), (?<first>[A-Z][A-Za-z'-]+) in "#),
        ("Loan officer Oginni, Juwon reviewed the file.", #" (?<last>[A-Z][A-Za-z'-]+), (?<first>[A-Z][A-Za-z'-]+) reviewed the file\.$"#),
        ("Patients: GARCIA, Maria; LEE, Bo", #"^Patients: (?<last>[A-Z'-]+), (?<first>[A-Z][A-Za-z'-]+); [A-Z'-]+, [A-Z][A-Za-z'-]+$"#),
    ])
    func surnameFirst(text: String, pattern: String) throws {
        let regex = try Regex(pattern)
        for fake in try Self.fakes(text, secrets: 8) {
            #expect(fake.firstMatch(of: regex) != nil, "\(text) → \(fake)")
        }
    }

    @Test("a workspace's own kind gets a fake its pattern (and checksum) still reads, not its tag: letters for letters and digits for digits, or the digits alone where the pattern fixes its letters; the tag only where no fake fits", arguments: [
        ("Badge EMP-004821 was revoked.", "EMPLOYEE_ID", #"EMP-\d{6}"#, nil as String?, #"^Badge (EMP-\d{6}) was revoked\.$"#),
        ("Case AB1234 closed.", "CASE_REF", #"\b[A-Z]{2}\d{4}\b"#, nil, #"^Case ([A-Z]{2}\d{4}) closed\.$"#),
        ("Ref K48213-x logged.", "K_REF", #"K\d{5}-x"#, nil, #"^Ref (K\d{5}-x) logged\.$"#),
        ("Loyalty 4992739871600123 noted.", "LOYALTY", #"\b\d{16}\b"#, "luhn", #"^Loyalty (\d{16}) noted\.$"#),
    ])
    func customFaked(text: String, name: String, pattern: String, checksum: String?, shape: String) throws {
        var recognizer: [String: ParameterValue] = ["name": .string(name), "pattern": .string(pattern)]
        if let checksum { recognizer["checksum"] = .string(checksum) }
        let parameters: [String: ParameterValue] = ["recognizers": .list([.mapping(recognizer)])]
        let regex = try Regex(shape)
        let original = try #require(text.firstMatch(of: regex)?.output[1].substring.map(String.init))
        if checksum == "luhn" { #expect(Luhn.isValid(original.compactMap(\.wholeNumberValue)), "the case's number passes Luhn") }
        var fakes: Set<String> = []
        for fake in try Self.fakes(text, parameters) {
            let written = try #require(fake.firstMatch(of: regex)?.output[1].substring.map(String.init), "\(text) → \(fake)")
            #expect(written != original, "\(fake)")
            #expect(written.wholeMatch(of: try Regex(pattern.replacingOccurrences(of: "\\b", with: ""))) != nil, "\(written) is read by \(pattern)")
            if checksum == "luhn" { #expect(Luhn.isValid(written.compactMap(\.wholeNumberValue)), "\(written) passes Luhn") }
            fakes.insert(written)
        }
        #expect(fakes.count >= 6, "keyed: \(fakes)")
        #expect(try Self.faked(text, parameters) == Self.faked(text, parameters, row: 3), "consistent")
    }

    @Test("a family in the plural gets a fake surname in the plural, a login of an initial and a surname a login of the same shape (`the Nguyens` became `the Gabriella`, `k.nakamura` `dirk.jaramillo`, `mgarcia` `tari`)", arguments: [
        ("Thanks to the Nguyens for waiting.", #"^Thanks to the [A-Z][A-Za-z'-]+(s|es) for waiting\.$"#),
        ("login k.nakamura failed; owner: mgarcia", #"^login [a-z]\.[a-z'-]{2,} failed; owner: [a-z][a-z'-]{3,}$"#),
        // A first name and a surname's initial keep that shape (`<dave_m>` became `<theodore_betz>`).
        ("[10:42] <dave_m> build failed\n<sara.b> on it", #"^\[10:42\] <[a-z'-]{2,}_[a-z]> build failed\n<[a-z'-]{2,}\.[a-z]> on it$"#),
    ])
    func familiesAndLogins(text: String, pattern: String) throws {
        let regex = try Regex(pattern)
        for fake in try Self.fakes(text, secrets: 6) {
            #expect(fake.firstMatch(of: regex) != nil, "\(text) → \(fake)")
            #expect(!fake.contains("Nguyen") && !fake.contains("nakamura") && !fake.contains("garcia") && !fake.contains("dave") && !fake.contains("sara"), "\(fake)")
        }
        // (A login's fake is an initial and a listed surname, as the original.)
        for fake in try Self.fakes("owner: mgarcia", secrets: 6) {
            let login = String(fake.dropFirst("owner: ".count))
            #expect(Lexicon.shared.lookup(String(login.dropFirst())).contains(.lastName), "\(fake)")
        }
    }

    @Test("a surname with its particles alone gets a surname with them (`da Cunha` became `Barrett Coen`, `Mr. de la Cruz` `Mr. Ellyn Pepe`)", arguments: [
        ("The account holder, da Cunha, was notified.", #"^The account holder, da (?<last>[A-Z][A-Za-z'-]+), was notified\.$"#),
        ("Called Mr. de la Cruz twice.", #"^Called Mr\. de la (?<last>[A-Z][A-Za-z'-]+) twice\.$"#),
        ("Please ask van der Berg about it.", #"^Please ask van der (?<last>[A-Z][A-Za-z'-]+) about it\.$"#),
    ])
    func surnameWithParticles(text: String, pattern: String) throws {
        let regex = try Regex(pattern)
        for fake in try Self.fakes(text, secrets: 6) {
            let last = try #require(fake.firstMatch(of: regex)?.output["last"]?.substring, "\(text) → \(fake)")
            #expect(!["Cunha", "Cruz", "Berg"].contains(String(last)), "\(fake)")
        }
    }
}
