/// FF3-1 format-preserving encryption (NIST SP 800-38G Rev. 1, Algorithms 9 and 10): 8 rounds,
/// a 56-bit tweak, numeral strings up to 2⌊log_radix(2⁹⁶)⌋ long. Entirely in 128-bit arithmetic.
public struct FF3_1: Sendable {
    public let radix: Int
    let cipher: AESBlockCipher
    public static let tweakLength = 7

    public init(key: [UInt8], radix: Int) throws(FPEError) {
        guard (2...65_536).contains(radix) else {
            throw FPEError(.invalidRadix, "the radix must be between 2 and 65,536 (NIST SP 800-38G); got \(radix)")
        }
        self.radix = radix
        // FF3-1 runs AES under the byte-reversed key.
        cipher = try AESBlockCipher(key: key.reversed())
    }

    /// Longest numeral string: 2⌊log_radix(2⁹⁶)⌋.
    public static func maximumLength(radix: Int) -> Int {
        var count = 0
        var size: UInt128 = 1
        let limit: UInt128 = 1 << 96
        while size <= limit / UInt128(radix) { size *= UInt128(radix); count += 1 }
        return 2 * count
    }

    func check(_ n: Int, tweak: [UInt8]) throws(FPEError) {
        let minimum = FF1.minimumLength(radix: radix), maximum = Self.maximumLength(radix: radix)
        guard n >= minimum else {
            throw FPEError(.domainTooSmall, "FF3-1 needs at least \(minimum) numerals in radix \(radix) (a domain of at least 1,000,000 values, NIST SP 800-38G); this value has \(n)")
        }
        guard n <= maximum else {
            throw FPEError(.domainTooLarge, "FF3-1 takes at most \(maximum) numerals in radix \(radix) (2⌊log_radix(2⁹⁶)⌋); this value has \(n); use FF1 for longer values")
        }
        guard tweak.count == Self.tweakLength else {
            throw FPEError(.invalidTweak, "an FF3-1 tweak is 56 bits (7 bytes, 14 hex digits); this one is \(tweak.count) byte\(tweak.count == 1 ? "" : "s")")
        }
    }

    public func encrypt(_ x: [UInt16], tweak: [UInt8]) throws(FPEError) -> [UInt16] {
        try check(x.count, tweak: tweak)
        return run(x, tweak: tweak, decrypting: false)
    }

    public func decrypt(_ x: [UInt16], tweak: [UInt8]) throws(FPEError) -> [UInt16] {
        try check(x.count, tweak: tweak)
        return run(x, tweak: tweak, decrypting: true)
    }

    /// The 8 Feistel rounds on numbers: each half is kept as NUM_radix(REV(half)) < 2⁹⁶.
    private func run(_ x: [UInt16], tweak: [UInt8], decrypting: Bool) -> [UInt16] {
        let n = x.count
        let u = (n + 1) / 2, v = n - u
        let r = UInt128(radix)
        var modU: UInt128 = 1, modV: UInt128 = 1
        for _ in 0..<u { modU *= r }
        for _ in 0..<v { modV *= r }
        func reversedNumber(_ digits: ArraySlice<UInt16>) -> UInt128 {
            var value: UInt128 = 0
            for digit in digits.reversed() { value = value * r + UInt128(digit) }
            return value
        }
        var a = reversedNumber(x[0..<u]), b = reversedNumber(x[u...])
        // T_L and T_R as big-endian 32-bit words.
        let left = UInt32(tweak[0]) << 24 | UInt32(tweak[1]) << 16 | UInt32(tweak[2]) << 8 | UInt32(tweak[3] & 0xF0)
        let right = UInt32(tweak[4]) << 24 | UInt32(tweak[5]) << 16 | UInt32(tweak[6]) << 8 | UInt32((tweak[3] & 0x0F) << 4)
        var block: (UInt64, UInt64) = (0, 0)
        for step in 0..<8 {
            let i = decrypting ? 7 - step : step
            let (modulus, w) = i % 2 == 0 ? (modU, right) : (modV, left)
            let input = decrypting ? a : b
            // P = W ⊕ [i]^4 || [input]^12 (big-endian); CIPH sees REVB(P), so lay P out reversed.
            let word = w ^ UInt32(i)
            withUnsafeMutableBytes(of: &block) { p in
                var value = input
                for k in 0..<12 {  // reversed P: its last byte (least significant of input) first
                    p[k] = UInt8(truncatingIfNeeded: value)
                    value >>= 8
                }
                for k in 0..<4 { p[12 + k] = UInt8(truncatingIfNeeded: word >> (8 * UInt32(k))) }
                cipher.encrypt(p.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            // S = REVB(output): y = NUM(S) reads the output bytes last to first.
            var y: UInt128 = 0
            withUnsafeBytes(of: &block) { p in for k in stride(from: 15, through: 0, by: -1) { y = y << 8 | UInt128(p[k]) } }
            let yMod = y % modulus
            if decrypting {
                let c = b >= yMod ? b - yMod : modulus - (yMod - b)
                b = a
                a = c
            } else {
                let c = (a + yMod) % modulus  // a < 2⁹⁶ and yMod < 2⁹⁶: no overflow
                a = b
                b = c
            }
        }
        func reversedNumerals(_ value: UInt128, length: Int) -> [UInt16] {
            var out = [UInt16](repeating: 0, count: length)
            var rest = value
            for k in 0..<length {
                out[k] = UInt16(rest % r)
                rest /= r
            }
            return out
        }
        return reversedNumerals(a, length: u) + reversedNumerals(b, length: v)
    }
}
