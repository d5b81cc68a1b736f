import Crypto

/// HMAC-SHA256 under a derived key: the pseudo-random function behind every consistent generator.
///
/// HMAC is computed from SHA-256 directly (RFC 2104): the hash states after absorbing the inner
/// and outer padded keys are computed once and copied for each value, and the message goes in
/// through `update(bufferPointer:)`. That avoids the generic `DataProtocol` path, which cost more
/// than the hashing itself. A test pins the result to swift-crypto's own `HMAC<SHA256>`.
public struct KeyedHasher: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    public init(key: SymmetricKey) {
        var block = [UInt8](repeating: 0, count: 64)
        key.withUnsafeBytes { bytes in
            if bytes.count > 64 {
                let digest = SHA256.hash(data: bytes)
                digest.withUnsafeBytes { d in for i in 0..<d.count { block[i] = d[i] } }
            } else {
                for i in 0..<bytes.count { block[i] = bytes[i] }
            }
        }
        var inner = SHA256()
        var outer = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    /// The MAC of `label` followed by `input`, handed to `body` as 32 bytes.
    @inline(__always)
    func mac<R>(_ input: UnsafeRawBufferPointer, label: UInt8, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var first = inner
        withUnsafeBytes(of: label) { first.update(bufferPointer: $0) }
        first.update(bufferPointer: input)
        let innerDigest = first.finalize()
        var second = outer
        innerDigest.withUnsafeBytes { second.update(bufferPointer: $0) }
        return second.finalize().withUnsafeBytes(body)
    }

    /// 32 pseudo-random bytes for `input` (the value's canonical bytes) under a purpose label.
    public func digest(_ input: [UInt8], label: UInt8 = 0) -> [UInt8] {
        input.withUnsafeBytes { mac($0, label: label) { Array($0) } }
    }

    /// A deterministic random stream seeded by the keyed digest of `input`.
    public func stream(_ input: [UInt8], label: UInt8 = 0) -> KeyedRandom {
        input.withUnsafeBytes { mac($0, label: label, KeyedRandom.init(seed:)) }
    }

    /// A stream for the value, or for the row ordinal when the column is not consistent.
    public func stream(for value: Value, ordinal: Int64, consistent: Bool) -> KeyedRandom {
        if consistent {
            return value.withCanonicalBytes { mac($0, label: 0, KeyedRandom.init(seed:)) }
        }
        // "#row" and the ordinal's eight bytes, little-endian, in two words of no padding (a
        // (UInt32, Int64) tuple has four bytes of padding after its first element, which were read).
        let o = UInt64(bitPattern: ordinal)
        var bytes: (UInt64, UInt64) = ((0x776f_7223 | o << 32).littleEndian, (o >> 32).littleEndian)
        return withUnsafeBytes(of: &bytes) { mac(UnsafeRawBufferPointer(rebasing: $0[0..<12]), label: 1, KeyedRandom.init(seed:)) }
    }
}

/// A xoshiro256** generator seeded from a keyed digest: cheap draws after one HMAC.
public struct KeyedRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: [UInt8]) {
        precondition(seed.count >= 32)
        self = seed.withUnsafeBytes { KeyedRandom(seed: $0) }
    }

    public init(seed: UnsafeRawBufferPointer) {
        precondition(seed.count >= 32)
        s0 = UInt64(littleEndian: seed.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        s1 = UInt64(littleEndian: seed.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        s2 = UInt64(littleEndian: seed.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        s3 = UInt64(littleEndian: seed.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
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

    /// A stream of its own for `index`, from this one's state (which it leaves as it is): the draws
    /// of one purpose (one column's rows) do not move with how many another purpose took.
    public func fork(_ index: Int) -> KeyedRandom {
        // SplitMix64 over the state and the index.
        var x = s0 ^ (s2 << 1) ^ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
        var words = [UInt64](repeating: 0, count: 4)
        for i in words.indices {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            words[i] = (z ^ (z >> 31)).littleEndian
        }
        return words.withUnsafeBytes { KeyedRandom(seed: $0) }
    }
}
