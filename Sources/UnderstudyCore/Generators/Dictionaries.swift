import Foundation

/// The word lists behind the dictionary generators, loaded once from the package's resources.
public struct Dictionaries: Sendable {
    public let firstNames: [String]
    public let lastNames: [String]
    public let cities: [String]
    public let streetNames: [String]

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
    }

    private static func load(_ name: String) -> [String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Dictionaries")
            ?? Bundle.module.url(forResource: name, withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("understudy is installed without its resource bundle (dictionary \(name).txt is missing); reinstall it with its Understudy_UnderstudyCore.resources folder next to the executable")
        }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }
}

extension KeyedRandom {
    /// An element of `list`, different from `avoid` (compared without case) when the list allows.
    package mutating func pick(_ list: [String], avoiding avoid: String? = nil) -> String {
        var choice = list[below(list.count)]
        if let avoid, list.count > 1 {
            while choice.caseInsensitiveCompare(avoid) == .orderedSame { choice = list[below(list.count)] }
        }
        return choice
    }
}

/// Letter case of a sample text, to write replacements the way the source writes them.
enum LetterCase {
    case upper, lower, title

    init(of text: String) {
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
}
