import Crypto

/// HMAC-SHA256 under a derived key: the pseudo-random function behind every consistent generator.
///
/// The HMAC state after absorbing the key is computed once and copied for each value.
public struct KeyedHasher: Sendable {
    private let initial: HMAC<SHA256>

    public init(key: SymmetricKey) {
        initial = HMAC<SHA256>(key: key)
    }

    /// 32 pseudo-random bytes for `input` (the value's canonical bytes) under a purpose label.
    public func digest(_ input: [UInt8], label: UInt8 = 0) -> [UInt8] {
        var mac = initial
        mac.update(data: [label])
        mac.update(data: input)
        return Array(mac.finalize())
    }

    /// A deterministic random stream seeded by the keyed digest of `input`.
    public func stream(_ input: [UInt8], label: UInt8 = 0) -> KeyedRandom {
        KeyedRandom(seed: digest(input, label: label))
    }

    /// A stream for the value, or for the row ordinal when the column is not consistent.
    public func stream(for value: Value, ordinal: Int64, consistent: Bool) -> KeyedRandom {
        if consistent { return stream(value.canonicalBytes) }
        var bytes = Array("#row".utf8)
        withUnsafeBytes(of: ordinal.littleEndian) { bytes.append(contentsOf: $0) }
        return stream(bytes, label: 1)
    }
}

/// A xoshiro256** generator seeded from a keyed digest: cheap draws after one HMAC.
public struct KeyedRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: [UInt8]) {
        precondition(seed.count >= 32)
        func word(_ i: Int) -> UInt64 {
            var w: UInt64 = 0
            for b in 0..<8 { w |= UInt64(seed[i * 8 + b]) << (8 * UInt64(b)) }
            return w
        }
        s0 = word(0); s1 = word(1); s2 = word(2); s3 = word(3)
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next(upperBound: UInt64(bound)))
    }

    /// A uniform double in `[0, 1)`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
