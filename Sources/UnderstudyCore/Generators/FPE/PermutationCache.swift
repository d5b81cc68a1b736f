import BigInt
import Synchronization

/// Keyed permutations of one generator, one per domain size (a column's values may have
/// different lengths), built on first use and shared by the threads transforming batches.
final class PermutationCache: Sendable {
    private let key: [UInt8]
    private let permutations = Mutex<[BigUInt: IndexPermutation]>([:])
    private let smallPermutations = Mutex<[UInt64: IndexPermutation]>([:])

    init(key: [UInt8]) {
        self.key = key
    }

    convenience init(setup: GeneratorSetup) {
        self.init(key: setup.derivedKey("fpe"))
    }

    func permutation(size: BigUInt) -> IndexPermutation {
        if let known = permutations.withLock({ $0[size] }) { return known }
        let built = try! IndexPermutation(key: key, size: size)  // size ≥ 1 and a 32-byte key: cannot fail
        permutations.withLock { $0[size] = built }
        return built
    }

    func permutation(size: UInt64) -> IndexPermutation {
        if let known = smallPermutations.withLock({ $0[size] }) { return known }
        let built = try! IndexPermutation(key: key, size: size)
        smallPermutations.withLock { $0[size] = built }
        return built
    }

    /// The most characters (letters and digits) of one value that `fpe.alphanumeric` and
    /// `fpe.digits` encrypt. FF1 on a long value works on big numbers whose arithmetic takes time
    /// that grows with the square of the length: in a release build a value of 256 characters takes
    /// about 7 ms, one of 1,024 about 35 ms (100 values each, measured), and one of 200,000 took hours
    /// and held the run; identifiers are far shorter.
    static let longestValue = 1_024

    /// ``permute(_:radices:reverse:)`` of a text's characters for `generator`, refusing more than
    /// ``longestValue`` of them, naming their count.
    func permuteText(_ digits: [Int], radices: [Int], reverse: Bool, generator: String) throws(GeneratorError) -> [Int] {
        guard digits.count <= Self.longestValue else {
            throw GeneratorError(
                generator: generator,
                message: "the value has \(digits.count.formatted()) characters to encrypt, more than the \(Self.longestValue.formatted()) format-preserving encryption takes (its time grows with the square of the length: it is for identifiers; text wants text.redact or text.scramble)")
        }
        return permute(digits, radices: radices, reverse: reverse)
    }

    /// Permutes mixed-radix digits (most significant first). Machine words when the space fits
    /// in 126 bits (all but the longest strings), big integers beyond.
    func permute(_ digits: [Int], radices: [Int], reverse: Bool) -> [Int] {
        guard !digits.isEmpty else { return digits }
        var size: UInt128 = 1
        var fits = true
        for r in radices {
            let (product, overflow) = size.multipliedReportingOverflow(by: UInt128(r))
            if overflow || product > UInt128(1) << 126 { fits = false; break }
            size = product
        }
        guard fits else {
            return MixedRadix.permute(digits, radices: radices, with: permutation(size: MixedRadix.size(radices)), reverse: reverse)
        }
        var value: UInt128 = 0
        for (d, r) in zip(digits, radices) { value = value * UInt128(r) + UInt128(d) }
        let mapped: UInt128
        if size <= UInt128(UInt64.max >> 1) {
            let p = permutation(size: UInt64(size))
            mapped = UInt128(reverse ? p.backward(UInt64(value)) : p.forward(UInt64(value)))
        } else {
            let p = permutation(size: BigUInt(size))
            mapped = reverse ? p.backward(value) : p.forward(value)
        }
        var out = [Int](repeating: 0, count: digits.count)
        var rest = mapped
        for i in stride(from: radices.count - 1, through: 0, by: -1) {
            out[i] = Int(rest % UInt128(radices[i]))
            rest /= UInt128(radices[i])
        }
        return out
    }

    /// Permutes a number of `bits` bits (up to 128: an IPv6 address) among the numbers of as many
    /// bits: the same permutation as ``permute(_:radices:reverse:)`` with `bits` radices of 2, without
    /// big integers.
    func permute(_ value: UInt128, bits: Int, reverse: Bool) -> UInt128 {
        precondition(bits >= 1 && bits <= 128)
        let p = permutation(size: BigUInt(1) << bits)
        return reverse ? p.backward(value) : p.forward(value)
    }

    /// Permutes an integer within 0..<size.
    func permute(_ value: UInt64, size: UInt64, reverse: Bool) -> UInt64 {
        let p = size <= UInt64.max >> 1 ? permutation(size: size) : permutation(size: BigUInt(size))
        return reverse ? p.backward(value) : p.forward(value)
    }
}

/// Character classes whose members FPE generators swap among themselves.
enum CharacterClass {
    case digit, upper, lower

    init?(_ byte: UInt8) {
        if ASCII.isDigit(byte) { self = .digit } else if ASCII.isUpper(byte) { self = .upper } else if ASCII.isLower(byte) { self = .lower } else { return nil }
    }

    var radix: Int { self == .digit ? 10 : 26 }
    var base: UInt8 { switch self { case .digit: 48; case .upper: 65; case .lower: 97 } }
}

/// What the FPE generators encrypt in text beyond ASCII: ASCII letters by case (where asked) and
/// the decimal digits of every script — Arabic-Indic `١٢٣`, Persian, Devanagari, fullwidth `１２٣` —
/// each written back in its own script (a number written in them was copied as it was). The same
/// digits map alike whatever their script.
enum ScalarPlaces {
    struct Place {
        var index: Int
        var radix: Int
        /// The code point of the place's zero (`0`, `٠`, `A`, `a`).
        var base: UInt32
        var value: Int
    }

    static func places(_ scalars: [Unicode.Scalar], letters: Bool) -> [Place] {
        var places: [Place] = []
        for (i, scalar) in scalars.enumerated() {
            if scalar.isASCII {
                guard let c = CharacterClass(UInt8(scalar.value)), letters || c == .digit else { continue }
                places.append(Place(index: i, radix: c.radix, base: UInt32(c.base), value: Int(scalar.value) - Int(c.base)))
            } else if let d = ScriptDigits.digit(scalar) {
                places.append(Place(index: i, radix: 10, base: scalar.value - UInt32(d), value: d))
            }
        }
        return places
    }

    /// `text` with its places' values mapped by `permute` (values and radices in, values out).
    static func map(_ text: String, letters: Bool, _ permute: ([Int], [Int]) throws(GeneratorError) -> [Int]) throws(GeneratorError) -> String {
        var scalars = Array(text.unicodeScalars)
        let found = places(scalars, letters: letters)
        guard !found.isEmpty else { return text }
        let mapped = try permute(found.map(\.value), found.map(\.radix))
        for (place, value) in zip(found, mapped) { scalars[place.index] = Unicode.Scalar(place.base + UInt32(value)) ?? scalars[place.index] }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}
