import Foundation

/// The word lists behind the dictionary generators, loaded once from the package's resources.
public struct Dictionaries: Sendable {
    public let firstNames: [String]
    public let lastNames: [String]
    public let cities: [String]
    /// Each US place's state code, by its name in lower case (the first of the list where two share one).
    public var cityStates: [String: String] { Self.cityStates }
    private static let cityStates: [String: String] = Dictionary(
        load("cities").compactMap { line -> (String, String)? in
            let fields = line.split(separator: "\t")
            return fields.count >= 2 ? (fields[0].lowercased(), String(fields[1])) : nil
        }, uniquingKeysWith: { first, _ in first })
    public let streetNames: [String]
    /// Place names of the world (GeoNames' and the names cities go by in their own languages) and
    /// country names/codes, for the scanner's detectors (lower case).
    public var worldCities: Set<String> { Self.detection.cities }
    public var countries: Set<String> { Self.detection.countries }
    /// Country names as written (`France`, `Côte d'Ivoire`), no codes: the fakes of countries.
    public var countryNames: [String] { Self.countryNames }
    private static let countryNames = load("countries").filter { $0.count > 3 && $0.contains(where: \.isLowercase) }

    private static let detection: (cities: Set<String>, countries: Set<String>) = (
        Set(worldTowns.map { $0.name.lowercased() } + endonyms.map { $0.name.lowercased() } + shared.cities.map { $0.lowercased() }),
        Set(load("countries").map { $0.lowercased() }))

    /// The world's places (GeoNames `cities15000`) with their countries (ISO 3166 alpha-2) and, in
    /// Canada and Australia, their province's or state's code: `name<TAB>code[<TAB>region]`
    /// (world-cities.txt).
    private static let worldTowns: [(name: String, country: String, region: String?)] = load("world-cities").map { line in
        let fields = line.split(separator: "\t")
        return (String(fields[0]), fields.count > 1 ? String(fields[1]) : "", fields.count > 2 ? String(fields[2]) : nil)
    }
    /// The names places go by in their own languages, with the country and the GeoNames name of the
    /// place: `München<TAB>DE<TAB>Munich` (city-endonyms.txt).
    private static let endonyms: [(name: String, country: String, place: String)] = load("city-endonyms").map { line in
        let fields = line.split(separator: "\t").map(String.init)
        return (fields[0], fields.count > 1 ? fields[1] : "", fields.count > 2 ? fields[2] : fields[0])
    }
    /// A town's country and the name its place is listed by, by the town's name in lower case: the
    /// most populous place of a name shared (`London` → GB, `Paris` → FR), an endonym its place's
    /// (`München` → DE, `Munich`).
    private static let townCountries: [String: (country: String, place: String, region: String?)] = {
        var countries: [String: (country: String, place: String, region: String?)] = [:]
        for town in worldTowns where !town.country.isEmpty { countries[town.name.lowercased()] = (town.country, town.name, town.region) }
        for town in endonyms where !town.country.isEmpty {
            countries[town.name.lowercased()] = (town.country, town.place, countries[town.place.lowercased()]?.region)
        }
        // Written without its accents (`Sao Paulo`, `Montreal`), where no place is written so (the
        // lists' order decides between two that fold alike: the same every run).
        for name in worldTowns.map(\.name) + endonyms.map(\.name) {
            let lower = name.lowercased(), folded = TextScan.folded(lower)
            if folded != lower, countries[folded] == nil, let town = countries[lower] { countries[folded] = town }
        }
        return countries
    }()
    /// Each country's places as GeoNames writes them, in the list's order, by its code, and by
    /// `code/region` in Canada and Australia (`CA/ON`).
    private static let townsByCountry: [String: [String]] = {
        var towns: [String: [String]] = [:]
        // (Not a name of two places, `Wexford/Maryvale`, nor one with a number or brackets: no fake.)
        for town in worldTowns where !town.country.isEmpty && !CityGenerator.isNoTown(town.name) {
            towns[town.country, default: []].append(town.name)
            if let region = town.region { towns[town.country + "/" + region, default: []].append(town.name) }
        }
        return towns
    }()

    /// The country of the town `name` (in any case), the name its place is listed by and, in
    /// Canada and Australia, its province's or state's code, where the world's list knows it.
    func country(ofTown name: String) -> (country: String, place: String, region: String?)? {
        let lower = name.lowercased()
        return Self.townCountries[lower] ?? Self.townCountries[TextScan.folded(lower)]
    }
    /// The listed places of `country` (ISO 3166 alpha-2), of its `region` only where given.
    func towns(in country: String, region: String? = nil) -> [String] { Self.townsByCountry[region.map { country + "/" + $0 } ?? country] ?? [] }

    /// English words in lower case (SCOWL's small list), for the free-text recogniser: a word in
    /// lower case that is English is no name.
    public var englishWords: [String] { Self.english }
    private static let english = load("english-words")

    /// First names of a known gender, in the list's order (``firstNames(ofGenderOf:)``): a first name's fake is
    /// one of its gender.
    public let femaleFirstNames: [String]
    public let maleFirstNames: [String]
    /// The gender of first names that Faker's lists hold as women's or men's alone (first-name-genders.txt), by their letters in lower case.
    let firstNameGenders: [String: Bool]

    /// The first names of `name`'s gender where the lists know it (its first word's), nil otherwise.
    func firstNames(ofGenderOf name: Substring) -> [String]? {
        guard let female = firstNameGenders[Self.lettersLowercased(String(name))] else { return nil }
        return female ? femaleFirstNames : maleFirstNames
    }

    /// The name lists in lower case, for email addresses.
    public let firstNamesLowercased: [String]
    public let lastNamesLowercased: [String]

    public static let shared = Dictionaries()

    public static let streetSuffixes = [
        "Street", "Avenue", "Road", "Lane", "Drive", "Court", "Place", "Boulevard", "Way", "Terrace",
        "Circle", "Trail", "Parkway", "Square", "Highway",
    ]

    init() {
        firstNames = Self.load("first-names")
        lastNames = Self.load("last-names")
        cities = Self.load("cities").map { line in line.split(separator: "\t").first.map(String.init) ?? line }
        streetNames = Self.load("street-names")
        var genders: [String: Bool] = [:]
        for line in Self.load("first-name-genders") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { genders[Self.lettersLowercased(String(fields[0]))] = fields[1] == "F" }
        }
        firstNameGenders = genders
        femaleFirstNames = firstNames.filter { genders[Self.lettersLowercased($0)] == true }
        maleFirstNames = firstNames.filter { genders[Self.lettersLowercased($0)] == false }
        firstNamesLowercased = firstNames.map(Self.lettersLowercased)
        lastNamesLowercased = lastNames.map(Self.lettersLowercased)
    }

    /// The letters of `name` in lower case (`O'Brien` → `obrien`): ASCII names (most) byte by byte,
    /// the others by their characters. (Character by character, the lists took a fifth of the
    /// recognizer's start.)
    static func lettersLowercased(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return name.lowercased().filter { $0.isLetter } }
        return String(decoding: bytes.compactMap { b -> UInt8? in
            if b >= 0x61 && b <= 0x7A { return b }
            if b >= 0x41 && b <= 0x5A { return b | 0x20 }
            return nil
        }, as: UTF8.self)
    }

    private static func load(_ name: String) -> [String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Dictionaries")
            ?? Bundle.module.url(forResource: name, withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("understudy is installed without its resource bundle (dictionary \(name).txt is missing); reinstall it with its Understudy_UnderstudyCore.resources folder next to the executable")
        }
        // Lines split on the byte (by characters, splitting took a sixth of the recognizer's start).
        return text.utf8.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
    }
}

extension KeyedRandom {
    static let base32 = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// A 64-bit keyed tag in 13 base-32 letters (`k3j9x0qlm2z8a`), which keeps distinct inputs distinct.
    package mutating func tag() -> String {
        let alphabet = KeyedRandom.base32
        var bits = next()
        var text = ""
        for _ in 0..<13 {
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return text
    }

    /// An element of `list`, different from `avoid` (compared without case) when the list allows.
    package mutating func pick(_ list: [String], avoiding avoid: String? = nil) -> String {
        var choice = list[below(list.count)]
        if let avoid, list.count > 1 {
            while ASCII.equalIgnoringCase(choice, avoid) { choice = list[below(list.count)] }
        }
        return choice
    }

    /// An element of `list` none of `avoid` (lower-case) is, in any case: drawn again only when the
    /// first draw is one of them (a fake name's surname that is the real one's).
    /// (A few words, compared in place: no lower-cased copy of each draw, no set to hash them into.)
    package mutating func pick(_ list: [String], avoidingAny avoid: [String]) -> String {
        let first = list[below(list.count)]
        return redrawn(first, times: 16, while: { choice in avoid.contains { ASCII.equalIgnoringCase(choice, $0) } }) { $0.pick(list) }
    }

    /// `value`, drawn again by `draw` while `redraw` holds of it, `times` times at most. (One loop that
    /// stops at the first draw that fits: `for _ in 0..<n where …` tests its condition all n times.)
    mutating func redrawn<T>(_ value: T, times: Int, while redraw: (T) -> Bool, _ draw: (inout KeyedRandom) -> T) -> T {
        var value = value, draws = 0
        while draws < times, redraw(value) { value = draw(&self); draws += 1 }
        return value
    }

    /// Draws of a value that fits a column too short for some: up to this many, then the last.
    static let fittingDraws = 64

    /// `draw()` again until what it gives has at most `limit` characters (``fittingDraws`` at most):
    /// a column too short for the value drawn (`varchar(10)`) gets one that fits, rather than one the
    /// pipeline cuts in the middle (`Johnetta A`, `Key We`).
    mutating func drawn(within limit: Int?, _ draw: (inout KeyedRandom) -> String) -> String {
        let value = draw(&self)
        guard let limit else { return value }
        return redrawn(value, times: Self.fittingDraws - 1, while: { $0.count > limit }, draw)
    }
}

/// Letter case of a sample text, to write replacements the way the source writes them.
enum LetterCase {
    case upper, lower, title

    init(of text: String) {
        var upper = 0, lower = 0, ascii = true
        for b in text.utf8 {
            if ASCII.isUpper(b) { upper += 1 } else if ASCII.isLower(b) { lower += 1 } else if b >= 0x80 { ascii = false; break }
        }
        if ascii {
            self = upper > 1 && lower == 0 ? .upper : (upper == 0 && lower > 0 ? .lower : .title)
            return
        }
        let letters = text.filter(\.isLetter)
        if letters.count > 1, letters == letters.uppercased() {
            self = .upper
        } else if !letters.isEmpty, letters == letters.lowercased() {
            self = .lower
        } else {
            self = .title
        }
    }

    func apply(_ text: String) -> String {
        switch self {
        case .upper: text.uppercased()
        case .lower: text.lowercased()
        case .title: text
        }
    }

    /// What a name, a city or a street is keyed by: the text as a name is written — a word's first
    /// letter (after a space, a hyphen or an apostrophe) upper case, the rest lower — where it is all
    /// in capitals or all in lower case, spaces around it trimmed; the value itself otherwise (so a
    /// name written as names are keeps its fake). "ANA LIMA", "ana lima" and "Ana Lima" are one
    /// person in the copy, each written in its own case.
    static func key(of value: Value) -> Value {
        guard case .text(let text) = value else { return value }
        // (Most names: written as names are, nothing around them — told without a copy.)
        let bytes = text.utf8
        let bare = bytes.first.map { $0 > 0x20 } == true && bytes.last.map { $0 > 0x20 } == true
        if bare, LetterCase(of: text) == .title { return value }
        let trimmed = bare ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard LetterCase(of: trimmed) != .title else { return trimmed == text ? value : .text(trimmed) }
        var written = ""
        written.reserveCapacity(trimmed.utf8.count)
        var startsWord = true
        for character in trimmed {
            written += startsWord ? character.uppercased() : character.lowercased()
            startsWord = character == " " || character == "-" || character == "'" || character == "\u{2019}"
        }
        return .text(written)
    }
}
