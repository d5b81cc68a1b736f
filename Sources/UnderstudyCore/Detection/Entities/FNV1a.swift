/// FNV-1a over UTF-8, the hash of the text recognisers: the lexicon's keys (``Lexicon``) and the
/// person model's word, affix and shape features (``PersonModel``).
enum FNV1a {
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }

    /// One step per byte of the scalar's UTF-8.
    @inline(__always)
    static func step(_ hash: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        if scalar.value < 0x80 { return step(hash, UInt8(scalar.value)) }
        var hash = hash
        for byte in UTF8.encode(scalar)! { hash = step(hash, byte) }
        return hash
    }

    static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash = basis
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }
}
