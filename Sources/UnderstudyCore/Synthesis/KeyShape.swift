/// New, unique key values made from a row's ordinal: integers count from 1; UUIDs are version-4
/// UUIDs whose random bits are a bijection of the ordinal; text keys follow the layout most source
/// keys share (`ALFKI` stays five capitals, `123-45-6789` digits with dashes, `CUST-0042` its
/// prefix), or else their alphabet and length; one value per ordinal.
struct KeyShape: Sendable {
    enum Slot: Sendable { case literal(Character), digit, upper, lower }
    enum Kind: Sendable {
        case integer, uuid, text(alphabet: [Character], length: Int), layout([Slot])
        /// Addresses as the email generator's `unique_by` writes them: first.last and a number on
        /// example.com, the ordinal's entry of the name space permuted (``NameSpace``); user names
        /// as the username generator's (`jane.doe48213`).
        case email(NameSpace), username(NameSpace)
    }
    let kind: Kind

    /// The layout most values share, as literal characters and digit / capital / small-letter slots,
    /// when it has room for `rows` values and at least half the values follow it.
    static func layout(_ values: [Value], rows: Int) -> [Slot]? {
        /// A text's layout: its ASCII digits, capitals and small letters as `9`, `A` and `a`.
        func shape(_ text: String) -> String {
            String(text.map { c -> Character in
                if c.isASCII, c.isNumber { return "9" }
                if c.isASCII, c.isUppercase { return "A" }
                if c.isASCII, c.isLowercase { return "a" }
                return c
            })
        }
        var counts: [String: Int] = [:]
        var total = 0
        for case .text(let text) in values.prefix(10_000) {
            total += 1
            counts[shape(text), default: 0] += 1
        }
        guard let (pattern, count) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), count * 2 >= total else { return nil }
        // Letters every value of the layout shares stay (a prefix like `CUST-`, `M-`: as capitals
        // counted from `A` it was `A-00001`); other letters and digits become slots.
        var shared: [Character?] = Array(repeating: nil, count: pattern.count)
        var first = true
        for case .text(let text) in values.prefix(10_000) where shape(text) == pattern {
            let characters = Array(text)
            for i in characters.indices where characters[i].isLetter {
                if first { shared[i] = characters[i] } else if shared[i] != characters[i] { shared[i] = nil }
            }
            first = false
        }
        let slots: [Slot] = pattern.enumerated().map { i, c in
            if let letter = shared[i] { return .literal(letter) }
            switch c {
            case "9": return .digit
            case "A": return .upper
            case "a": return .lower
            default: return .literal(c)
            }
        }
        var capacity = 1.0
        for slot in slots {
            switch slot {
            case .digit: capacity *= 10
            case .upper, .lower: capacity *= 26
            case .literal: break
            }
        }
        return capacity >= Double(rows) && slots.contains(where: { if case .literal = $0 { return false } else { return true } }) ? slots : nil
    }

    /// Whether nine in ten of the text values or more are email addresses (the scanner's test).
    static func holdsEmails(_ values: [Value]) -> Bool {
        var texts = 0, emails = 0
        for case .text(let text) in values.prefix(10_000) {
            texts += 1
            if ValueDetectors.isEmail(text) { emails += 1 }
        }
        return texts > 0 && emails * 10 >= texts * 9
    }

    /// `names`: for a column whose name says it holds email addresses or user names (its name is
    /// public), or, outside DP, whose values are email addresses, a name space and which of the two;
    /// used where the column's length allows.
    static func fitted(
        _ values: [Value], type: LogicalType, maximumLength: Int?, rows: Int, names: (NameSpace, PersonalKind)? = nil
    ) throws(SynthesisError) -> KeyShape {
        if LogicalType.numeric.contains(type) || values.contains(where: { if case .integer = $0 { return true } else { return false } }) {
            return KeyShape(kind: .integer)
        }
        // (Counted in its hex digits and letters, a UUID key was `0000…0001`, which the type refused.)
        if type == .uuid { return KeyShape(kind: .uuid) }
        // (In the layout of the source's addresses, a unique email was `a00@a.aaaaaaa`.)
        if let (space, kind) = names, LogicalType.textual.contains(type), maximumLength.map({ $0 >= 64 }) ?? true, UInt64(rows) < space.size {
            return KeyShape(kind: kind == .email ? .email(space) : .username(space))
        }
        if let slots = layout(values, rows: rows), maximumLength.map({ slots.count <= $0 }) ?? true {
            return KeyShape(kind: .layout(slots))
        }
        var upper = false, lower = false, digits = false
        var lengths: [Int: Int] = [:]
        for case .text(let text) in values {
            lengths[text.count, default: 0] += 1
            for c in text.unicodeScalars {
                if ("A"..."Z").contains(c) { upper = true } else if ("a"..."z").contains(c) { lower = true } else if ("0"..."9").contains(c) { digits = true }
            }
        }
        var alphabet: [Character] = []
        if digits { alphabet += "0123456789" }
        if upper { alphabet += "ABCDEFGHIJKLMNOPQRSTUVWXYZ" }
        if lower { alphabet += "abcdefghijklmnopqrstuvwxyz" }
        if alphabet.isEmpty { alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ") }
        var length = lengths.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? min(8, maximumLength ?? 8)
        length = max(1, length)
        var capacity = 1.0
        for _ in 0..<length { capacity *= Double(alphabet.count) }
        while capacity < Double(rows) {
            length += 1
            capacity *= Double(alphabet.count)
        }
        if let maximumLength, length > maximumLength {
            throw SynthesisError("a text key of at most \(maximumLength) characters cannot tell \(rows) rows apart; widen the column or give it a generator for keys")
        }
        return KeyShape(kind: .text(alphabet: alphabet, length: length))
    }

    func value(_ ordinal: Int64) -> Value {
        switch kind {
        case .integer:
            return .integer(ordinal + 1)
        case .uuid:
            return .text(Self.uuid(UInt64(ordinal)))
        case .email(let names), .username(let names):
            guard let (first, last, number) = try? names.name(for: .integer(ordinal), generator: "synthesize") else { return .null }
            if case .username = kind { return .text("\(first).\(last)\(number)") }
            return .text("\(first).\(last)\(number)@example.com")
        case .text(let alphabet, let length):
            var characters = [Character](repeating: alphabet[0], count: length)
            var rest = UInt64(ordinal)
            let base = UInt64(alphabet.count)
            for i in stride(from: length - 1, through: 0, by: -1) {
                characters[i] = alphabet[Int(rest % base)]
                rest /= base
            }
            return .text(String(characters))
        case .layout(let slots):
            var characters = [Character](repeating: " ", count: slots.count)
            var rest = UInt64(ordinal)
            for i in stride(from: slots.count - 1, through: 0, by: -1) {
                switch slots[i] {
                case .literal(let c): characters[i] = c
                case .digit: characters[i] = Character(UnicodeScalar(UInt8(48 + rest % 10))); rest /= 10
                case .upper: characters[i] = Character(UnicodeScalar(UInt8(65 + rest % 26))); rest /= 26
                case .lower: characters[i] = Character(UnicodeScalar(UInt8(97 + rest % 26))); rest /= 26
                }
            }
            return .text(String(characters))
        }
    }
}

extension KeyShape {
    /// The version-4 UUID of `ordinal`: its last 62 bits (after the variant's two) a bijection of the
    /// ordinal on 62 bits — an odd multiplier and xor-shifts, each invertible — so no two ordinals
    /// share one; its first 60 (around the version digit) mixed from the ordinal too, so the keys
    /// look as random as the source's and do not sort by row.
    static func uuid(_ ordinal: UInt64) -> String {
        let mask: UInt64 = (1 << 62) - 1
        var low = ordinal & mask
        low = (low &* 0x1F2B_3C4D_5E6F_7A8B) & mask
        low ^= low >> 29
        low = (low &* 0x2545_F491_4F6C_DD1D) & mask
        low ^= low >> 31
        var high = ordinal &+ 0x9E37_79B9_7F4A_7C15
        high = (high ^ (high >> 30)) &* 0xBF58_476D_1CE4_E5B9
        high = (high ^ (high >> 27)) &* 0x94D0_49BB_1331_11EB
        high ^= high >> 31
        // 60 bits of `high` around the version nibble (4), the variant bits (10), then `low`.
        let timeLow = high >> 32, timeMid = (high >> 16) & 0xFFFF, timeHigh = 0x4000 | (high & 0x0FFF)
        let clock = 0x8000 | ((low >> 48) & 0x3FFF), node = low & 0xFFFF_FFFF_FFFF
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        return "\(hex(timeLow, 8))-\(hex(timeMid, 4))-\(hex(timeHigh, 4))-\(hex(clock, 4))-\(hex(node, 12))"
    }
}

/// Why a table cannot be synthesized; says what to change. Never holds a source value.
public struct SynthesisError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var table: String?
    public init(_ message: String, table: String? = nil) {
        self.message = message
        self.table = table
    }
    public var description: String { (table.map { "\($0): " } ?? "") + message }
}
