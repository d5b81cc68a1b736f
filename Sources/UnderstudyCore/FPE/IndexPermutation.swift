import BigInt

/// A keyed bijection on the integers 0..<size, for any size ≥ 1: the engine of every reversible
/// generator that keeps a format (digits of a card, valid SSNs, a 32-bit integer range, IBANs).
///
/// - size ≥ 2¹⁶: FF1 (radix 2) over the ⌈log₂ size⌉ bits of the index, with cycle walking: values
///   that land outside the range are encrypted again, which keeps a bijection on the range and
///   needs fewer than 2 rounds on average (at most 16 below 2²⁰, where FF1 needs 20 bits).
/// - size < 2¹⁶: a permutation table drawn by a Fisher–Yates shuffle from a keyed stream, since
///   FF1's domain must hold at least 10⁶ values. Built once per column.
public struct IndexPermutation: Sendable {
    public let size: BigUInt
    private let small: (forward: [UInt32], backward: [UInt32])?
    private let cipher: FF1?
    private let bits: Int
    private let size64: UInt64?
    static let tableLimit = 1 << 16

    public init(key: [UInt8], size: BigUInt) throws(FPEError) {
        guard size >= 1 else { throw FPEError(.domainTooSmall, "a permutation needs at least one value") }
        self.size = size
        if size < BigUInt(Self.tableLimit) {
            let count = Int(size)
            var table = (0..<count).map { UInt32($0) }
            var random = KeyedHasher(key: .init(data: key)).stream(Array("index-permutation".utf8) + withUnsafeBytes(of: UInt64(count).littleEndian, Array.init))
            for i in stride(from: count - 1, to: 0, by: -1) {
                table.swapAt(i, random.below(i + 1))
            }
            var inverse = [UInt32](repeating: 0, count: count)
            for (i, v) in table.enumerated() { inverse[Int(v)] = UInt32(i) }
            small = (table, inverse)
            cipher = nil
            bits = 0
            size64 = UInt64(count)
        } else {
            small = nil
            cipher = try FF1(key: key, radix: 2)
            bits = max(20, (size - 1).bitWidth)
            size64 = size.bitWidth <= 64 ? UInt64(size) : nil
        }
    }

    public init(key: [UInt8], size: UInt64) throws(FPEError) {
        try self.init(key: key, size: BigUInt(size))
    }

    /// The image of `x` (which must be below `size`).
    public func forward(_ x: UInt64) -> UInt64 { apply(x, decrypting: false) }
    public func backward(_ x: UInt64) -> UInt64 { apply(x, decrypting: true) }

    private func apply(_ x: UInt64, decrypting: Bool) -> UInt64 {
        if let small { return UInt64(decrypting ? small.backward[Int(x)] : small.forward[Int(x)]) }
        guard let limit = size64, bits <= 63 else { return UInt64(apply(BigUInt(x), decrypting: decrypting)) }
        var value = x
        repeat {
            value = decrypting
                ? try! cipher!.decrypt(number: value, length: bits)
                : try! cipher!.encrypt(number: value, length: bits)
        } while value >= limit
        return value
    }

    /// For sizes up to 2¹²⁶: FF1's numeral path on the bits, which runs on machine words.
    public func forward(_ x: UInt128) -> UInt128 { apply(x, decrypting: false) }
    public func backward(_ x: UInt128) -> UInt128 { apply(x, decrypting: true) }

    private func apply(_ x: UInt128, decrypting: Bool) -> UInt128 {
        if small != nil || (size64 != nil && bits <= 63) { return UInt128(apply(UInt64(x), decrypting: decrypting)) }
        guard bits <= 128 else { return UInt128(apply(BigUInt(x), decrypting: decrypting)) }
        // A size of 2¹²⁸ (every 128-bit value) needs no cycle walking, and no limit.
        let walks = size.bitWidth <= 128
        let limit = walks ? UInt128(size) : 0
        var value = x
        var numerals = [UInt16](repeating: 0, count: bits)
        repeat {
            for i in 0..<bits { numerals[i] = UInt16(truncatingIfNeeded: value >> UInt128(bits - 1 - i) & 1) }
            numerals = decrypting ? try! cipher!.decrypt(numerals) : try! cipher!.encrypt(numerals)
            value = 0
            for bit in numerals { value = value << 1 | UInt128(bit) }
        } while walks && value >= limit
        return value
    }

    public func forward(_ x: BigUInt) -> BigUInt { apply(x, decrypting: false) }
    public func backward(_ x: BigUInt) -> BigUInt { apply(x, decrypting: true) }

    private func apply(_ x: BigUInt, decrypting: Bool) -> BigUInt {
        if small != nil || (size64 != nil && bits <= 63) { return BigUInt(apply(UInt64(x), decrypting: decrypting)) }
        var value = x
        repeat {
            var numerals = [UInt16](repeating: 0, count: bits)
            for i in 0..<bits where value[bitAt: bits - 1 - i] { numerals[i] = 1 }
            numerals = decrypting ? try! cipher!.decrypt(numerals) : try! cipher!.encrypt(numerals)
            value = BigUInt(0)
            for bit in numerals { value = value << 1 | BigUInt(bit) }
        } while value >= size
        return value
    }
}

/// Numbers written in mixed radix: position i takes one of radices[i] values (a card's digits,
/// the letters and digits of an IBAN, a UUID's nibbles), most significant first.
public enum MixedRadix {
    public static func size(_ radices: [Int]) -> BigUInt {
        radices.reduce(BigUInt(1)) { $0 * BigUInt($1) }
    }

    public static func number(_ digits: [Int], radices: [Int]) -> BigUInt {
        var value = BigUInt(0)
        for (d, r) in zip(digits, radices) { value = value * BigUInt(r) + BigUInt(d) }
        return value
    }

    public static func digits(_ value: BigUInt, radices: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: radices.count)
        var rest = value
        for i in stride(from: radices.count - 1, through: 0, by: -1) {
            let (q, r) = rest.quotientAndRemainder(dividingBy: BigUInt(radices[i]))
            out[i] = Int(r)
            rest = q
        }
        return out
    }

    /// The digits' image under `permutation` (a bijection on the mixed-radix space).
    public static func permute(_ digits: [Int], radices: [Int], with permutation: IndexPermutation, reverse: Bool = false) -> [Int] {
        let value = number(digits, radices: radices)
        return Self.digits(reverse ? permutation.backward(value) : permutation.forward(value), radices: radices)
    }
}
