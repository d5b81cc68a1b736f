import Crypto

/// A cryptocurrency address as its chain checks it: Bitcoin's Base58Check (`1…` pay-to-key-hash,
/// `3…` pay-to-script-hash: a version byte, 20 bytes, a checksum of double SHA-256), its Bech32 and
/// Bech32m segwit addresses (`bc1q…`, `bc1p…`, testnet `tb1…`: BIP 173 and 350), and Ethereum's
/// `0x` with 40 hex digits (no checksum of its own unless in EIP-55's mixed case, which needs
/// Keccak). A wallet's address names its owner as an account number does (GDPR treats it as personal
/// data; Presidio's `CRYPTO` finds Bitcoin's).
enum CryptoAddress: Equatable {
    case base58(version: UInt8, payload: [UInt8])
    case segwit(hrp: String, version: UInt8, program: [UInt8], upper: Bool)
    case ethereum(digits: [UInt8], upper: Bool)

    /// The address `text` holds, checksum verified; nil for anything else.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        if bytes.count == 42, bytes[0] == 0x30, bytes[1] == 0x78 || bytes[1] == 0x58 {
            let digits = bytes.dropFirst(2).compactMap(Hex.value)
            guard digits.count == 40 else { return nil }
            let letters = bytes.dropFirst(2).filter { $0 > 0x39 }
            self = .ethereum(digits: digits, upper: !letters.isEmpty && letters.allSatisfy { $0 <= 0x46 })
            return
        }
        if let segwit = Self.segwit(bytes) { self = segwit; return }
        guard (26...35).contains(bytes.count), bytes[0] == 0x31 || bytes[0] == 0x33, let decoded = Base58.decode(bytes), decoded.count == 25,
              Array(Self.doubleSHA256(decoded[0..<21]).prefix(4)) == Array(decoded[21...]) else { return nil }
        self = .base58(version: decoded[0], payload: Array(decoded[1..<21]))
    }

    /// The address as its chain writes it, checksum computed.
    var text: String {
        switch self {
        case .base58(let version, let payload):
            let body = [version] + payload
            return Base58.encode(body + Self.doubleSHA256(body[...]).prefix(4))
        case .segwit(let hrp, let version, let program, let upper):
            let data = [version] + Bech32.regroup(program, from: 8, to: 5, pad: true)!
            let text = Bech32.encode(hrp: hrp, data: data, constant: version == 0 ? Bech32.bech32 : Bech32.bech32m)
            return upper ? text.uppercased() : text
        case .ethereum(let digits, let upper):
            let hex = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
            return "0x" + String(decoding: digits.map { hex[Int($0)] }, as: UTF8.self)
        }
    }

    private static func segwit(_ bytes: [UInt8]) -> CryptoAddress? {
        guard (14...90).contains(bytes.count) else { return nil }
        let lower = bytes.contains { $0 >= 0x61 && $0 <= 0x7A }, upper = bytes.contains { $0 >= 0x41 && $0 <= 0x5A }
        guard !(lower && upper) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        guard text.hasPrefix("bc1") || text.hasPrefix("tb1") || text.hasPrefix("bcrt1"),
              let (hrp, data, constant) = Bech32.decode(text), data.count >= 1, data[0] <= 16,
              constant == (data[0] == 0 ? Bech32.bech32 : Bech32.bech32m),
              let program = Bech32.regroup(Array(data.dropFirst()), from: 5, to: 8, pad: false), (2...40).contains(program.count),
              data[0] != 0 || program.count == 20 || program.count == 32 else { return nil }
        return .segwit(hrp: hrp, version: data[0], program: program, upper: upper)
    }

    static func doubleSHA256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(SHA256.hash(data: Array(SHA256.hash(data: Array(bytes)))))
    }
}

/// Bitcoin's Base58 (no 0, O, I or l); each leading zero byte is a leading `1`.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    static func isDigit(_ c: UInt16) -> Bool { c < 128 && values[Int(c)] >= 0 }

    static func decode(_ text: [UInt8]) -> [UInt8]? {
        var bytes: [UInt8] = []  // little-endian
        for c in text {
            guard c < 128, values[Int(c)] >= 0 else { return nil }
            var carry = Int(values[Int(c)])
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 { bytes.append(UInt8(carry & 0xFF)); carry >>= 8 }
        }
        let zeros = text.prefix { $0 == 0x31 }.count
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = []  // little-endian, base 58
        for byte in bytes {
            var carry = Int(byte)
            for i in digits.indices {
                carry += Int(digits[i]) << 8
                digits[i] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 { digits.append(UInt8(carry % 58)); carry /= 58 }
        }
        let zeros = bytes.prefix { $0 == 0 }.count
        return String(repeating: "1", count: zeros) + String(decoding: digits.reversed().map { alphabet[Int($0)] }, as: UTF8.self)
    }
}

/// Bech32 and Bech32m (BIP 173, BIP 350): a human-readable part, `1`, 5-bit groups and a checksum of six.
enum Bech32 {
    static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    static let bech32: UInt32 = 1, bech32m: UInt32 = 0x2BC8_30A3

    static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3B6A_57B2, 0x2650_8E6D, 0x1EA1_19FA, 0x3D42_33DD, 0x2A14_62B3]
        var checksum: UInt32 = 1
        for value in values {
            let top = checksum >> 25
            checksum = (checksum & 0x1FF_FFFF) << 5 ^ UInt32(value)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { checksum ^= generator[i] }
        }
        return checksum
    }

    static func expanded(_ hrp: String) -> [UInt8] {
        let bytes = Array(hrp.utf8)
        return bytes.map { $0 >> 5 } + [0] + bytes.map { $0 & 31 }
    }

    /// The human-readable part, the data without its checksum, and the checksum's constant.
    static func decode(_ text: String) -> (String, [UInt8], UInt32)? {
        let bytes = Array(text.utf8)
        guard let separator = bytes.lastIndex(of: 0x31), separator >= 1, bytes.count - separator - 1 >= 6 else { return nil }
        var data: [UInt8] = []
        for c in bytes[(separator + 1)...] {
            guard let i = charset.firstIndex(of: c) else { return nil }
            data.append(UInt8(i))
        }
        let hrp = String(decoding: bytes[..<separator], as: UTF8.self)
        return (hrp, Array(data.dropLast(6)), polymod(expanded(hrp) + data))
    }

    static func encode(hrp: String, data: [UInt8], constant: UInt32) -> String {
        let check = polymod(expanded(hrp) + data + [0, 0, 0, 0, 0, 0]) ^ constant
        let checksum = (0..<6).map { UInt8((check >> UInt32(5 * (5 - $0))) & 31) }
        return hrp + "1" + String(decoding: (data + checksum).map { charset[Int($0)] }, as: UTF8.self)
    }

    /// Groups of `from` bits as groups of `to` bits; nil where the padding is not zeros.
    static func regroup(_ values: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0, bits = 0
        var out: [UInt8] = []
        let mask = (1 << to) - 1
        for value in values {
            accumulator = accumulator << from | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & mask))
            }
            accumulator &= (1 << bits) - 1
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || accumulator != 0 {
            return nil
        }
        return out
    }
}

/// Another address of the same chain and kind, by format-preserving encryption of what the
/// address carries (the 20 bytes of a key or script hash, a segwit program, an Ethereum account's
/// 20 bytes), its checksum computed again: it passes the wallet's checks, different addresses stay
/// different, and the key reads it back.
struct CryptoAddressGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "crypto-address",
        summary: "A Bitcoin or Ethereum address of the same kind, its checksum valid.",
        details: "Bitcoin's `1…` and `3…` addresses keep their version byte and Base58Check checksum, `bc1…` (and testnet `tb1…`) their witness version, length and Bech32 or Bech32m checksum, Ethereum's `0x…` its 40 hex digits (in lower case unless written all in capitals: EIP-55's mixed-case checksum needs Keccak, and an address in lower case carries none). What the address carries is encrypted (FF1), so addresses stay distinct (unique-safe) and reversible. Text that is no such address, or whose checksum fails, stops the run.",
        acceptedTypes: [.text],
        parameters: [],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("1BoatSLRHtKNngkdXEeobR76b53LETtpyT")), .init(.text("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")), .init(.text("0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae"))],
        make: { setup in CryptoAddressGenerator(cache: PermutationCache(setup: setup)) })

    let cache: PermutationCache

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        guard let address = CryptoAddress(text) else {
            throw GeneratorError(generator: "crypto-address", message: "the value is not a Bitcoin or Ethereum address with a valid checksum")
        }
        func bytes(_ b: [UInt8]) -> [UInt8] {
            cache.permute(b.map(Int.init), radices: Array(repeating: 256, count: b.count), reverse: reverse).map(UInt8.init)
        }
        switch address {
        case .base58(let version, let payload):
            return .text(CryptoAddress.base58(version: version, payload: bytes(payload)).text)
        case .segwit(let hrp, let version, let program, let upper):
            return .text(CryptoAddress.segwit(hrp: hrp, version: version, program: bytes(program), upper: upper).text)
        case .ethereum(let digits, let upper):
            let mapped = cache.permute(digits.map(Int.init), radices: Array(repeating: 16, count: digits.count), reverse: reverse).map(UInt8.init)
            return .text(CryptoAddress.ethereum(digits: mapped, upper: upper).text)
        }
    }
}
