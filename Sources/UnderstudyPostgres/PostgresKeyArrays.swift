import UnderstudyCore

/// Key lists of a subset, sent to the server as bound parameters (`$1::type[]`, the values in the
/// array input syntax), never inside SQL text: no key can reach the statement text, the server's
/// statement log or an error message that quotes the statement. The planner sees a bound value as
/// a constant, so the array is hashed as a literal one would be.
final class KeyArrays: @unchecked Sendable {
    // @unchecked: built by one task, then only read.
    private(set) var parameters: [String] = []

    /// `$N::type[]` for `values`.
    func bind<S: Sequence<Value>>(_ values: S, of column: Column) -> String {
        parameters.append(Self.arrayText(values, of: column))
        return "$\(parameters.count)::\(column.declaredType)[]"
    }

    /// `alias.col = ANY(array)`, or `(alias.a, alias.b) IN (SELECT * FROM unnest(array_a, array_b))`
    /// (columns unqualified without an alias).
    func condition<C: Collection<[Value]>>(matching columns: [Column], values: C, alias: String?) -> String {
        let arrays = columns.indices.map { c in bind(values.lazy.map { $0[c] }, of: columns[c]) }
        let prefix = alias.map { "\($0)." } ?? ""
        let names = columns.map { prefix + quoted($0.name) }
        if columns.count == 1 { return "\(names[0]) = ANY(\(arrays[0]))" }
        return "(\(names.joined(separator: ", "))) IN (SELECT * FROM unnest(\(arrays.joined(separator: ", "))))"
    }

    /// `{"…","…"}`: values in PostgreSQL's array input syntax, each in its text form (built in one
    /// pass: key sets can hold millions of values).
    static func arrayText<S: Sequence<Value>>(_ values: S, of column: Column) -> String {
        var text: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        var digits = [UInt8](repeating: 0, count: 20)
        for value in values {
            if !first { text.append(UInt8(ascii: ",")) }
            first = false
            switch value {
            case .null: text += Array("NULL".utf8)
            case .integer(let n) where column.logicalType == .boolean: text.append(n == 0 ? UInt8(ascii: "f") : UInt8(ascii: "t"))
            case .integer(let n):
                // Decimal digits without a String per value: key sets hold millions of integers.
                if n < 0 { text.append(UInt8(ascii: "-")) }
                var magnitude = n.magnitude
                var count = 0
                repeat {
                    digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                    count += 1
                } while magnitude > 0
                for i in stride(from: count - 1, through: 0, by: -1) { text.append(digits[i]) }
            case .blob(let bytes):
                text += Array("\"\\\\x".utf8)
                let hex = Array("0123456789abcdef".utf8)
                for b in bytes { text.append(hex[Int(b >> 4)]); text.append(hex[Int(b & 0xF)]) }
                text.append(UInt8(ascii: "\""))
            default:
                text.append(UInt8(ascii: "\""))
                for byte in value.displayText.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): text += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case UInt8(ascii: "\""): text += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                    default: text.append(byte)
                    }
                }
                text.append(UInt8(ascii: "\""))
            }
        }
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }
}
