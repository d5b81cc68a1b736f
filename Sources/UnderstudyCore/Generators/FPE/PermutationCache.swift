import BigInt
import Synchronization

/// Keyed permutations of one generator, one per domain size (a column's values may have
/// different lengths), built on first use and shared by the threads transforming batches.
final class PermutationCache: Sendable {
    private let key: [UInt8]
    private let permutations = Mutex<[BigUInt: IndexPermutation]>([:])

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

    /// Permutes mixed-radix digits (most significant first).
    func permute(_ digits: [Int], radices: [Int], reverse: Bool) -> [Int] {
        guard !digits.isEmpty else { return digits }
        return MixedRadix.permute(digits, radices: radices, with: permutation(size: MixedRadix.size(radices)), reverse: reverse)
    }

    /// Permutes an integer within 0..<size.
    func permute(_ value: UInt64, size: UInt64, reverse: Bool) -> UInt64 {
        let p = permutation(size: BigUInt(size))
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

extension GeneratorError {
    static func reverse(_ generator: String, _ message: String) -> GeneratorError {
        GeneratorError(generator: generator, message: message)
    }
}
