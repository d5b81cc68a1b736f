/// New, unique key values made from a row's ordinal: integers count from 1; text keys are written
/// in the source keys' alphabet and length (`ALFKI`-like keys stay five capitals), one per ordinal.
struct KeyShape: Sendable {
    enum Kind: Sendable { case integer, text(alphabet: [Character], length: Int) }
    let kind: Kind

    static func fitted(_ values: [Value], type: LogicalType, maximumLength: Int?, rows: Int) throws(SynthesisError) -> KeyShape {
        if LogicalType.numeric.contains(type) || values.contains(where: { if case .integer = $0 { return true } else { return false } }) {
            return KeyShape(kind: .integer)
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
        case .text(let alphabet, let length):
            var characters = [Character](repeating: alphabet[0], count: length)
            var rest = UInt64(ordinal)
            let base = UInt64(alphabet.count)
            for i in stride(from: length - 1, through: 0, by: -1) {
                characters[i] = alphabet[Int(rest % base)]
                rest /= base
            }
            return .text(String(characters))
        }
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
