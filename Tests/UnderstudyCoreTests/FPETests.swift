import Foundation
import Testing
import _CryptoExtras
import Crypto
@testable import UnderstudyCore

struct FPEVector: Decodable, Sendable, CustomTestStringConvertible {
    var alg: String
    var cipher: String
    var key: String
    var tweak: String
    var radix: Int
    var alphabet: String
    var plaintext: String
    var ciphertext: String
    var testDescription: String { "\(alg) \(cipher) radix \(radix) n=\(plaintext.count)" }

    static let all: [FPEVector] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = ProcessInfo.processInfo.environment["UNDERSTUDY_DATASETS"].map { $0 + "/fpe-nist-vectors.json" }
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/datasets/fpe-nist-vectors.json").path
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([FPEVector].self, from: data)) ?? []
    }()
}

@Suite("Format-preserving encryption (NIST SP 800-38G Rev. 1)")
struct FPETests {
    @Test("the official vectors are present: FF1 samples 1–9 and the FF3-1 ACVP set")
    func vectorsLoaded() {
        #expect(FPEVector.all.filter { $0.alg == "FF1" }.count == 9)
        #expect(FPEVector.all.filter { $0.alg == "FF3-1" }.count >= 9)
    }

    @Test("every NIST vector encrypts to its ciphertext and decrypts back", arguments: FPEVector.all)
    func nist(vector: FPEVector) throws {
        let key = try Hex.bytes(vector.key, what: "key")
        let tweak = try Hex.bytes(vector.tweak, what: "tweak")
        let alphabet = try FPEAlphabet(vector.alphabet)
        #expect(alphabet.radix == vector.radix)
        let plain = try alphabet.numerals(vector.plaintext)
        if vector.alg == "FF1" {
            let ff1 = try FF1(key: key, radix: vector.radix)
            #expect(alphabet.text(try ff1.encrypt(plain, tweak: tweak)) == vector.ciphertext)
            #expect(alphabet.text(try ff1.decrypt(try alphabet.numerals(vector.ciphertext), tweak: tweak)) == vector.plaintext)
        } else {
            let ff3 = try FF3_1(key: key, radix: vector.radix)
            #expect(alphabet.text(try ff3.encrypt(plain, tweak: tweak)) == vector.ciphertext)
            #expect(alphabet.text(try ff3.decrypt(try alphabet.numerals(vector.ciphertext), tweak: tweak)) == vector.plaintext)
        }
    }

    @Test("the AES block function is swift-crypto's AES permutation", arguments: [16, 24, 32])
    func aesMatchesSwiftCrypto(keyLength: Int) throws {
        var generator = KeyedRandom(seed: [UInt8](repeating: UInt8(keyLength), count: 32))
        for _ in 0..<50 {
            let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var block = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let ours = try AESBlockCipher(key: key).encrypt(block)
            try AES.permute(&block, key: SymmetricKey(data: key))
            #expect(ours == block)
        }
    }

    @Test("decrypt(encrypt(x)) == x for random inputs, radixes, lengths and tweaks")
    func roundTrip() throws {
        var random = KeyedRandom(seed: [UInt8](repeating: 3, count: 32))
        for trial in 0..<400 {
            let radix = [2, 8, 10, 16, 26, 36, 62, 256, 1000, 65_536][trial % 10]
            let ff3 = trial % 2 == 1
            let minimum = FF1.minimumLength(radix: radix)
            let maximum = ff3 ? FF3_1.maximumLength(radix: radix) : minimum + 60
            let n = minimum + random.below(max(1, maximum - minimum + 1))
            let x = (0..<n).map { _ in UInt16(truncatingIfNeeded: random.below(radix)) }
            let key = (0..<[16, 24, 32][trial % 3]).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if ff3 {
                let tweak = (0..<7).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                let cipher = try FF3_1(key: key, radix: radix)
                let y = try cipher.encrypt(x, tweak: tweak)
                #expect(y.count == n && y.allSatisfy { Int($0) < radix })
                #expect(try cipher.decrypt(y, tweak: tweak) == x, "FF3-1 radix \(radix) n \(n)")
            } else {
                let tweak = (0..<random.below(20)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                let cipher = try FF1(key: key, radix: radix)
                let y = try cipher.encrypt(x, tweak: tweak)
                #expect(y.count == n && y.allSatisfy { Int($0) < radix })
                #expect(try cipher.decrypt(y, tweak: tweak) == x, "FF1 radix \(radix) n \(n)")
            }
        }
    }

    @Test("FF1 on machine integers (halves up to radix^v = 2⁶⁴: a whole IPv6 address in radix 2) equals FF1 on big integers")
    func machineIntegersEqualBigIntegers() throws {
        var random = KeyedRandom(seed: [UInt8](repeating: 5, count: 32))
        for (radix, lengths) in [(2, [20, 63, 64, 65, 100, 127, 128]), (10, [6, 19, 20, 38, 39]), (16, [16, 31, 32]), (256, [8, 16])] {
            let cipher = try FF1(key: (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }, radix: radix)
            for n in lengths {
                for _ in 0..<5 {
                    let x = (0..<n).map { _ in UInt16(truncatingIfNeeded: random.below(radix)) }
                    let tweak = (0..<random.below(12)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    let y = try cipher.encrypt(x, tweak: tweak)
                    #expect(y == cipher.bigRun(x, tweak: tweak, decrypting: false), "radix \(radix) n \(n)")
                    #expect(try cipher.decrypt(y, tweak: tweak) == cipher.bigRun(y, tweak: tweak, decrypting: true))
                }
            }
        }
    }

    @Test("an IPv6 address's bits permuted on 128-bit integers: the permutation of the same bits as mixed-radix digits")
    func ipv6Permutation() {
        let cache = PermutationCache(key: [UInt8](repeating: 9, count: 32))
        var random = KeyedRandom(seed: [UInt8](repeating: 6, count: 32))
        for bits in [8, 16, 20, 62, 63, 64, 100, 126, 127, 128] {
            for _ in 0..<4 {
                let value = UInt128(random.next()) << 64 | UInt128(random.next())
                let x = bits == 128 ? value : value & ((1 << UInt128(bits)) - 1)
                let digits = (0..<bits).map { Int(x >> UInt128(bits - 1 - $0) & 1) }
                let expected = cache.permute(digits, radices: Array(repeating: 2, count: bits), reverse: false)
                let mapped = cache.permute(x, bits: bits, reverse: false)
                #expect((0..<bits).map { Int(mapped >> UInt128(bits - 1 - $0) & 1) } == expected, "\(bits) bits")
                #expect(cache.permute(mapped, bits: bits, reverse: true) == x)
            }
        }
    }

    @Test("both ciphers are bijections on all 6-digit strings")
    func bijection() async throws {
        let key = Array("0123456789abcdef".utf8)
        let tweak: [UInt8] = [1, 2, 3, 4, 5, 6, 7]
        /// Marks every image of the 10⁶ six-digit strings; a bijection hits each exactly once.
        func images(_ encrypt: @Sendable ([UInt16]) throws -> [UInt16]) throws -> Bool {
            var seen = [Bool](repeating: false, count: 1_000_000)
            for value in 0..<1_000_000 {
                let image = Int(FF1.number(try encrypt(FF1.numerals(UInt64(value), radix: 10, length: 6)), radix: 10) as UInt64)
                if seen[image] { return false }
                seen[image] = true
            }
            return true
        }
        let ff1 = try FF1(key: key, radix: 10)
        let ff3 = try FF3_1(key: key, radix: 10)
        async let first = images { try ff1.encrypt($0, tweak: tweak) }
        async let second = images { try ff3.encrypt($0, tweak: tweak) }
        #expect(try await first)
        #expect(try await second)
    }

    @Test("domain limits are enforced with a clear error")
    func limits() throws {
        let key = [UInt8](repeating: 1, count: 16)
        #expect { try FF1(key: key, radix: 10).encrypt([1, 2, 3, 4, 5]) } throws: { "\($0)".contains("at least 6 numerals") }
        #expect { try FF3_1(key: key, radix: 10).encrypt([UInt16](repeating: 1, count: 57), tweak: [0, 0, 0, 0, 0, 0, 0]) } throws: { "\($0)".contains("at most 56 numerals") }
        #expect { try FF3_1(key: key, radix: 10).encrypt([UInt16](repeating: 1, count: 10), tweak: [0]) } throws: { "\($0)".contains("56 bits") }
        #expect { try FF1(key: [1, 2, 3], radix: 10) } throws: { "\($0)".contains("16, 24 or 32 bytes") }
        #expect { try FF1(key: key, radix: 1) } throws: { "\($0)".contains("between 2 and 65,536") }
        #expect(FF1.minimumLength(radix: 2) == 20)
        #expect(FF3_1.maximumLength(radix: 10) == 56)
    }
}
