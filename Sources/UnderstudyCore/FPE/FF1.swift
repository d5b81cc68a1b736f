import Foundation
import BigInt

/// FF1 format-preserving encryption (NIST SP 800-38G Rev. 1, Algorithms 7 and 8) over numeral
/// strings of any radix 2…65,536.
///
/// Arithmetic runs on machine words (UInt64/UInt128) when radix^⌈n/2⌉ fits in 64 bits — every
/// realistic column — and on big integers otherwise. The first CBC-MAC block of the PRF (the
/// constant P) is encrypted once per call, so a 16-digit value costs 11 AES blocks, not 20.
public struct FF1: Sendable {
    public let radix: Int
    let cipher: AESBlockCipher
    /// Longest tweak accepted, in bytes.
    public static let maxTweakLength = 256

    public init(key: [UInt8], radix: Int) throws(FPEError) {
        guard (2...65_536).contains(radix) else {
            throw FPEError(.invalidRadix, "the radix must be between 2 and 65,536 (NIST SP 800-38G); got \(radix)")
        }
        self.radix = radix
        cipher = try AESBlockCipher(key: key)
    }

    /// Smallest length whose domain radix^n reaches the standard's minimum of 1,000,000.
    public static func minimumLength(radix: Int) -> Int {
        var n = 1
        var size = radix
        while size < 1_000_000 { size *= radix; n += 1 }
        return max(2, n)
    }

    func check(_ n: Int, tweak: [UInt8]) throws(FPEError) {
        let minimum = Self.minimumLength(radix: radix)
        guard n >= minimum else {
            throw FPEError(.domainTooSmall, "FF1 needs at least \(minimum) numerals in radix \(radix) (a domain of at least 1,000,000 values, NIST SP 800-38G); this value has \(n)")
        }
        guard n <= 1 << 32 else { throw FPEError(.domainTooLarge, "FF1 takes at most 2³² numerals; this value has \(n)") }
        guard tweak.count <= Self.maxTweakLength else {
            throw FPEError(.invalidTweak, "the tweak is \(tweak.count) bytes; at most \(Self.maxTweakLength) are accepted")
        }
    }

    public func encrypt(_ x: [UInt16], tweak: [UInt8] = []) throws(FPEError) -> [UInt16] {
        try check(x.count, tweak: tweak)
        return fastRun(x, tweak: tweak, decrypting: false) ?? bigRun(x, tweak: tweak, decrypting: false)
    }

    public func decrypt(_ x: [UInt16], tweak: [UInt8] = []) throws(FPEError) -> [UInt16] {
        try check(x.count, tweak: tweak)
        return fastRun(x, tweak: tweak, decrypting: true) ?? bigRun(x, tweak: tweak, decrypting: true)
    }

    /// The Feistel rounds on machine integers: when radix^v is at most 2⁶⁴ (a 128-bit IPv6 address
    /// in radix 2 included), each half is kept as NUM_radix of its numerals and converted back only
    /// at the end. Nil when it does not fit.
    private func fastRun(_ x: [UInt16], tweak: [UInt8], decrypting: Bool) -> [UInt16]? {
        let n = x.count
        let u = n / 2, v = n - u
        // u ≤ v: radix^u fits when radix^v does.
        guard let modV = Self.halfPower(radix, v), let modU = Self.halfPower(radix, u) else { return nil }
        let (a, b) = rounds(a: Self.number(x[0..<u], radix: radix), b: Self.number(x[u...], radix: radix), n: n, modU: modU, modV: modV, tweak: tweak, decrypting: decrypting)
        return Self.numerals(a, radix: radix, length: u) + Self.numerals(b, radix: radix, length: v)
    }

    /// FF1 on the number NUM_radix(X) of an n-numeral string X, for radix^n < 2⁶⁴ (the radix-2
    /// strings of ``IndexPermutation``): no numeral arrays at all.
    public func encrypt(number: UInt64, length n: Int, tweak: [UInt8] = []) throws(FPEError) -> UInt64 {
        try check(n, tweak: tweak)
        return numberRun(number, length: n, tweak: tweak, decrypting: false)
    }

    public func decrypt(number: UInt64, length n: Int, tweak: [UInt8] = []) throws(FPEError) -> UInt64 {
        try check(n, tweak: tweak)
        return numberRun(number, length: n, tweak: tweak, decrypting: true)
    }

    private func numberRun(_ x: UInt64, length n: Int, tweak: [UInt8], decrypting: Bool) -> UInt64 {
        let u = n / 2, v = n - u
        guard let modV = Self.power(radix, v), let modU = Self.power(radix, u), Self.power(radix, n) != nil else {
            preconditionFailure("numberRun needs radix^n < 2⁶⁴")
        }
        let (a, b) = rounds(a: UInt128(x / modV), b: UInt128(x % modV), n: n, modU: UInt128(modU), modV: UInt128(modV), tweak: tweak, decrypting: decrypting)
        return UInt64(a) * modV + UInt64(b)
    }

    /// radix^e when it is at most 2⁶⁴: then a half's byte count b is at most 8, and the d ≤ 12 bytes
    /// of y and every sum of the rounds fit in 128 bits.
    static func halfPower(_ radix: Int, _ e: Int) -> UInt128? {
        var p: UInt128 = 1
        for _ in 0..<e {
            p *= UInt128(radix)
            if p > UInt128(1) << 64 { return nil }
        }
        return p
    }

    /// The ten rounds on the halves' numbers; `modU`, `modV`: radix^u and radix^v (at most 2⁶⁴).
    private func rounds(a startA: UInt128, b startB: UInt128, n: Int, modU: UInt128, modV: UInt128, tweak: [UInt8], decrypting: Bool) -> (UInt128, UInt128) {
        let t = tweak.count
        let u = n / 2
        let byteCount = (128 - (modV - 1).leadingZeroBitCount + 7) / 8
        let d = 4 * ((byteCount + 3) / 4) + 4  // ≤ 12 here: S is the first d bytes of R
        let padding = ((-t - byteCount - 1) % 16 + 16) % 16
        let qLength = t + padding + 1 + byteCount
        var a = startA, b = startB

        var state: (UInt64, UInt64) = (0, 0)  // 16-byte AES block
        var start: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &start) { p in
            p[0] = 1; p[1] = 2; p[2] = 1
            p[3] = UInt8((radix >> 16) & 0xFF); p[4] = UInt8((radix >> 8) & 0xFF); p[5] = UInt8(radix & 0xFF)
            p[6] = 10; p[7] = UInt8(u % 256)
            for i in 0..<4 { p[8 + i] = UInt8((n >> (24 - 8 * i)) & 0xFF); p[12 + i] = UInt8((t >> (24 - 8 * i)) & 0xFF) }
            cipher.encrypt(p.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        tweak.withUnsafeBufferPointer { tweakBytes in
            for step in 0..<10 {
                let i = decrypting ? 9 - step : step
                let modulus = i % 2 == 0 ? modU : modV
                let input = decrypting ? a : b
                state = start
                withUnsafeMutableBytes(of: &state) { r in
                    let block = r.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    // CBC-MAC over Q = T || 0…0 || [i] || [input]^b, XORed in 16 bytes at a time.
                    var position = 0
                    while position < qLength {
                        for k in 0..<16 {
                            let index = position + k
                            var byte: UInt8 = 0
                            if index < t {
                                byte = tweakBytes[index]
                            } else if index == qLength - byteCount - 1 {
                                byte = UInt8(i)
                            } else if index >= qLength - byteCount {
                                byte = UInt8(truncatingIfNeeded: input >> (8 * UInt64(qLength - 1 - index)))
                            }
                            block[k] ^= byte
                        }
                        cipher.encrypt(block)
                        position += 16
                    }
                }
                var y: UInt128 = 0
                withUnsafeBytes(of: &state) { r in for k in 0..<d { y = y << 8 | UInt128(r[k]) } }
                let yMod = y % modulus
                if decrypting {
                    let c = b >= yMod ? b - yMod : modulus - (yMod - b)
                    b = a
                    a = c
                } else {
                    let c = (a + yMod) % modulus
                    a = b
                    b = c
                }
            }
        }
        return (a, b)
    }

    /// FF1 with big integers: any length (the reference the machine-integer rounds are tested against).
    func bigRun(_ x: [UInt16], tweak: [UInt8], decrypting: Bool) -> [UInt16] {
        let n = x.count, t = tweak.count
        let u = n / 2, v = n - u
        var a = Array(x[0..<u]), b = Array(x[u...])
        // b = ⌈⌈v·log2(radix)⌉ / 8⌉ = bytes of (radix^v − 1); d = 4⌈b/4⌉ + 4.
        let smallV = Self.power(radix, v), smallU = Self.power(radix, u)
        let radixV = smallV.map { BigUInt($0) } ?? BigUInt(radix).power(v)
        let radixU = smallU.map { BigUInt($0) } ?? BigUInt(radix).power(u)
        let bits = smallV.map { 64 - ($0 - 1).leadingZeroBitCount } ?? (radixV - 1).bitWidth
        let byteCount = (bits + 7) / 8
        let d = 4 * ((byteCount + 3) / 4) + 4

        // P, then the PRF state after its one block: CIPH(P).
        var p = [UInt8](repeating: 0, count: 16)
        p[0] = 1; p[1] = 2; p[2] = 1
        p[3] = UInt8((radix >> 16) & 0xFF); p[4] = UInt8((radix >> 8) & 0xFF); p[5] = UInt8(radix & 0xFF)
        p[6] = 10; p[7] = UInt8(u % 256)
        for i in 0..<4 { p[8 + i] = UInt8((n >> (24 - 8 * i)) & 0xFF); p[12 + i] = UInt8((t >> (24 - 8 * i)) & 0xFF) }
        let prfStart = cipher.encrypt(p)

        // Q = T || 0^((−t−b−1) mod 16) || [i] || [NUM(B)]^b
        let padding = ((-t - byteCount - 1) % 16 + 16) % 16
        let qLength = t + padding + 1 + byteCount
        var q = [UInt8](repeating: 0, count: qLength)
        for i in 0..<t { q[i] = tweak[i] }

        let fast = smallV != nil && d <= 16
        let modU64 = smallU ?? 0, modV64 = smallV ?? 0
        var s = [UInt8](repeating: 0, count: ((d + 15) / 16) * 16)
        var block = [UInt8](repeating: 0, count: 16)

        for step in 0..<10 {
            let i = decrypting ? 9 - step : step
            let m = i % 2 == 0 ? u : v
            // The half that feeds the PRF: B when encrypting, A when decrypting.
            let input = decrypting ? a : b
            q[qLength - byteCount - 1] = UInt8(i)
            if fast {
                var value: UInt64 = Self.number(input, radix: radix)
                for k in 0..<byteCount { q[qLength - 1 - k] = UInt8(truncatingIfNeeded: value); value >>= 8 }
            } else {
                let bytes = Self.bigNumber(input, radix: radix).serialize()
                for k in 0..<byteCount { q[qLength - 1 - k] = k < bytes.count ? bytes[bytes.count - 1 - k] : 0 }
            }
            // R = PRF(P || Q): CBC-MAC continuing from CIPH(P).
            block = prfStart
            q.withUnsafeBufferPointer { qb in
                block.withUnsafeMutableBufferPointer { r in
                    var offset = 0
                    while offset < qLength {
                        for k in 0..<16 { r[k] ^= qb[offset + k] }
                        cipher.encrypt(r.baseAddress!)
                        offset += 16
                    }
                }
            }
            // S = R || CIPH(R ⊕ [1]^16) || … , first d bytes.
            for k in 0..<16 { s[k] = block[k] }
            var j = 1
            while j * 16 < d {
                var extra = block
                for k in 0..<8 { extra[15 - k] ^= UInt8(truncatingIfNeeded: j >> (8 * k)) }
                extra = cipher.encrypt(extra)
                for k in 0..<16 { s[j * 16 + k] = extra[k] }
                j += 1
            }
            let other = decrypting ? b : a
            let c: [UInt16]
            if fast {
                var y: UInt128 = 0
                for k in 0..<d { y = y << 8 | UInt128(s[k]) }
                let modulus = m == u ? modU64 : modV64
                let yMod = UInt64(y % UInt128(modulus))
                let num: UInt64 = Self.number(other, radix: radix)
                let value = decrypting
                    ? (num >= yMod ? num - yMod : modulus - (yMod - num))
                    : UInt64((UInt128(num) + UInt128(yMod)) % UInt128(modulus))
                c = Self.numerals(value, radix: radix, length: m)
            } else {
                let y = BigUInt(Data(s[0..<d]))
                let modulus = m == u ? radixU : radixV
                let num = Self.bigNumber(other, radix: radix)
                let yMod = y % modulus
                let value = decrypting ? (num + modulus - yMod) % modulus : (num + yMod) % modulus
                c = Self.bigNumerals(value, radix: radix, length: m)
            }
            if decrypting {
                b = a
                a = c
            } else {
                a = b
                b = c
            }
        }
        return a + b
    }

    /// radix^e when it fits in 64 bits.
    static func power(_ radix: Int, _ e: Int) -> UInt64? {
        halfPower(radix, e).flatMap { $0 <= UInt128(UInt64.max) ? UInt64($0) : nil }
    }

    // MARK: Numeral strings ↔ numbers (most significant numeral first)

    @inline(__always)
    package static func number<T: FixedWidthInteger & UnsignedInteger>(_ x: some Collection<UInt16>, radix: Int) -> T {
        var value: T = 0
        let r = T(radix)
        for digit in x { value = value &* r &+ T(digit) }
        return value
    }

    package static func numerals<T: FixedWidthInteger & UnsignedInteger>(_ value: T, radix: Int, length: Int) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: length)
        var rest = value
        let r = T(radix)
        for k in stride(from: length - 1, through: 0, by: -1) {
            out[k] = UInt16(rest % r)
            rest /= r
        }
        return out
    }

    static func bigNumber(_ x: [UInt16], radix: Int) -> BigUInt {
        var value = BigUInt(0)
        let r = BigUInt(radix)
        for digit in x { value = value * r + BigUInt(digit) }
        return value
    }

    static func bigNumerals(_ value: BigUInt, radix: Int, length: Int) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: length)
        var rest = value
        let r = BigUInt(radix)
        for k in stride(from: length - 1, through: 0, by: -1) {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: r)
            out[k] = UInt16(remainder)
            rest = quotient
        }
        return out
    }
}
