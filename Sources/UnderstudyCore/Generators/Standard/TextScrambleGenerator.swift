/// Replaces letters and digits with random ones, keeping length, case, spacing and punctuation.
struct TextScrambleGenerator: Generator {
    static let lower = Array("abcdefghijklmnopqrstuvwxyz")
    static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let digits = Array("0123456789")

    static let definition = GeneratorDefinition(
        name: "text.scramble",
        summary: "Random letters and digits in place of the text's own, keeping length, case and punctuation.",
        details: "Uppercase letters become uppercase letters, lowercase lowercase, digits digits; spaces, punctuation and symbols stay where they are, so the text keeps its shape and length for layout tests.",
        acceptedTypes: [.text],
        examples: [.init(.text("Call Ana at 555-0100, re: order #88!"))],
        make: { setup in TextScrambleGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        return .text(Self.scramble(text, random: setup.stream(for: value, row: row), keep: 0))
    }

    /// Scrambles `text` past its first `keep` characters; retries so the output differs when it can.
    static func scramble(_ text: String, random: KeyedRandom, keep: Int) -> String {
        var random = random
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let original = Array(text.utf8)
            var bytes = original
            for _ in 0..<8 {
                var replaced = 0
                for i in bytes.indices where i >= keep {
                    let b = original[i]
                    if ASCII.isDigit(b) {
                        bytes[i] = UInt8(48 + random.below(10)); replaced += 1
                    } else if ASCII.isUpper(b) {
                        bytes[i] = UInt8(65 + random.below(26)); replaced += 1
                    } else if ASCII.isLower(b) {
                        bytes[i] = UInt8(97 + random.below(26)); replaced += 1
                    }
                }
                if bytes != original || replaced == 0 { break }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var output = text
        for _ in 0..<8 {
            var scrambled = ""
            scrambled.reserveCapacity(text.utf8.count)
            var replaced = 0
            for (i, ch) in text.enumerated() {
                if i < keep {
                    scrambled.append(ch)
                } else if ch.isASCII, ch.isNumber {
                    scrambled.append(digits[random.below(10)]); replaced += 1
                } else if ch.isUppercase {
                    scrambled.append(upper[random.below(26)]); replaced += 1
                } else if ch.isLowercase {
                    scrambled.append(lower[random.below(26)]); replaced += 1
                } else if ch.isLetter || ch.isNumber {
                    scrambled.append(lower[random.below(26)]); replaced += 1
                } else {
                    scrambled.append(ch)
                }
            }
            output = scrambled
            if output != text || replaced == 0 { break }
        }
        return output
    }
}
