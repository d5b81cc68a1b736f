/// Replaces the digits of a phone number, keeping its layout.
struct PhoneGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "phone",
        summary: "Replaces a phone number's digits, keeping its punctuation, spacing and length.",
        details: """
            `+1 (415) 555-0100` stays shaped like `+1 (415) 555-0100`, and one number gets the same fake digits in every \
            layout (`(415) 555-0100`, `415.555.0100`, `4155550100`). An international number keeps its country calling \
            code (`+1`, `+44`, `+353`, `0044`: the ITU's codes of one, two and three digits), so it stays a number of \
            its country. `keep_prefix` keeps that many first digits instead (an area code too: `keep_prefix: 4` on \
            `+1 (415) …`). A national number's trunk prefix, a first 0 (`020 7946 0958`, `06 12 34 56 78`), is kept \
            too. The first replaced digit is never 0, so numbers stay dialable in form. Integer \
            columns keep their number of digits.
            """,
        acceptedTypes: [.text, .integer],
        parameters: [.init("keep_prefix", .integer, default: .integer(0), "how many leading digits to keep")],
        examples: [
            .init(.text("+1 (415) 555-0100")),
            .init(.text("+44 20 7946 0958"), parameters: ["keep_prefix": .integer(2)]),
        ],
        validate: { p in (p.integer("keep_prefix") ?? 0) >= 0 ? nil : "keep_prefix cannot be negative" },
        make: { setup in PhoneGenerator(setup: setup, keep: setup.parameters.integer("keep_prefix") ?? 0) })

    let setup: GeneratorSetup
    let keep: Int

    func generate(_ value: Value, row: RowPosition) -> Value {
        switch value {
        case .text(let text):
            return .text(replaceDigits(text, value: value, row: row))
        case .integer(let number) where number > 0:
            return .integer(Int64(replaceDigits(String(number), value: value, row: row))!)
        default:
            return value
        }
    }

    /// The number's digits alone, as ASCII (digits of other scripts read as their values).
    static func digits(of text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: text.utf8.filter(ASCII.isDigit), as: UTF8.self) }
        return String(text.unicodeScalars.compactMap { scalar -> Character? in
            guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
            return Character(String(Int(value)))
        })
    }

    /// The ITU's country calling codes of two digits (`1` and `7` are of one, the others of three).
    static let twoDigitCountryCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53",
        "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
        "95", "98",
    ]

    /// How many first digits of an international number are its country's: the calling code after
    /// `+` or `00` (and the `00`'s two), or 0 for a national number.
    static func countryDigits(_ text: String) -> Int {
        let trimmed = text.drop { $0 == " " }
        let international: Substring
        var prefix = 0
        if trimmed.hasPrefix("+") {
            international = trimmed.dropFirst()
        } else if trimmed.hasPrefix("00") {
            international = trimmed.dropFirst(2)
            prefix = 2
        } else {
            return 0
        }
        let digits = international.prefix { $0.isASCII && $0.isNumber }
        guard let first = digits.first, first != "0" else { return 0 }
        let code = first == "1" || first == "7" ? 1 : twoDigitCountryCodes.contains(String(digits.prefix(2))) ? 2 : 3
        // (The code and at least one digit of the number after it.)
        return international.filter(\.isNumber).count > code ? prefix + code : 0
    }

    func replaceDigits(_ text: String, value: Value, row: RowPosition) -> String {
        // Keyed by the digits alone: one number gets the same fake digits in every layout it is
        // written in ("(415) 555-0100", "415.555.0100", 4155550100), each kept in its layout.
        var random = setup.stream(for: .text(Self.digits(of: text)), row: row)
        var keep = keep
        let original = Array(text.utf8)
        if case .text = value {
            // A national number's trunk prefix (`020 7946 0958`, `0221 1234567`, `06 12 34 56 78`): its 0 kept.
            if keep == 0 {
                let country = Self.countryDigits(text)
                keep = country == 0 && Self.digits(of: text).hasPrefix("0") ? 1 : country
            }
            // And the one an international number writes in parentheses after its code (`+44 (0)20 …`).
            if keep > 0, let open = original.firstIndex(of: UInt8(ascii: "(")), open + 2 < original.count,
               original[open + 1] == UInt8(ascii: "0"), original[open + 2] == UInt8(ascii: ")"),
               original[..<open].filter(ASCII.isDigit).count == keep {
                keep += 1
            }
        }
        var bytes = original
        for _ in 0..<8 {
            var seen = 0
            for i in bytes.indices where ASCII.isDigit(original[i]) {
                defer { seen += 1 }
                if seen < keep { continue }
                bytes[i] = UInt8(48 + (seen == keep ? 1 + random.below(9) : random.below(10)))
            }
            if bytes != original || seen <= keep { break }
        }
        // Digits of other scripts (Arabic-Indic, full-width) are replaced by ASCII digits too.
        var output = String(decoding: bytes, as: UTF8.self)
        if original.contains(where: { $0 >= 0x80 }), output.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.numericType != nil }) {
            output = String(output.map { $0.isNumber && !$0.isASCII ? Character(String(random.below(10))) : $0 })
        }
        return output
    }
}
