/// The characters of a numeral string: numeral i is the i-th character of the alphabet.
public struct FPEAlphabet: Sendable, Equatable {
    public let characters: [Unicode.Scalar]
    let index: [Unicode.Scalar: UInt16]

    /// The default alphabet for a radix: digits, then lower-case, then upper-case letters.
    public static func standard(radix: Int) throws(FPEError) -> FPEAlphabet {
        let all = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
        guard radix <= 62 else {
            throw FPEError(.invalidAlphabet, "radix \(radix) has no default alphabet (the default covers up to 62: 0-9a-zA-Z); pass --alphabet with \(radix) characters")
        }
        return try FPEAlphabet(String(all.prefix(radix)))
    }

    public init(_ text: String) throws(FPEError) {
        characters = Array(text.unicodeScalars)
        var index: [Unicode.Scalar: UInt16] = [:]
        guard (2...65_536).contains(characters.count) else {
            throw FPEError(.invalidAlphabet, "an alphabet has between 2 and 65,536 characters; this one has \(characters.count)")
        }
        for (i, c) in characters.enumerated() {
            guard index[c] == nil else { throw FPEError(.invalidAlphabet, "the alphabet lists \"\(c)\" twice; every character must be different") }
            index[c] = UInt16(truncatingIfNeeded: i)
        }
        self.index = index
    }

    public var radix: Int { characters.count }

    public func numerals(_ text: String) throws(FPEError) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for (position, c) in text.unicodeScalars.enumerated() {
            guard let i = index[c] else {
                throw FPEError(.notInAlphabet, "character \(position + 1) of the input is not in the alphabet (radix \(radix))")
            }
            out.append(i)
        }
        return out
    }

    public func text(_ numerals: [UInt16]) -> String {
        var s = String.UnicodeScalarView()
        for n in numerals { s.append(characters[Int(n)]) }
        return String(s)
    }
}

/// Hex text ↔ bytes, for keys and tweaks on the command line.
public enum Hex {
    public static func bytes(_ text: String, what: String) throws(FPEError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw FPEError(.invalidHex, "the \(what) must be an even number of hex digits; got \(digits.count)") }
        var out: [UInt8] = []
        var i = 0
        while i < digits.count {
            guard let hi = value(digits[i]), let lo = value(digits[i + 1]) else {
                throw FPEError(.invalidHex, "the \(what) must be hex digits (0-9, a-f)")
            }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    package static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
