/// One cell value, in the storage classes every supported database can express.
///
/// Adapters map their native types onto these; the schema's ``LogicalType`` says how a value
/// is meant to be read (a `.text` may hold a date, a `.integer` a boolean).
public enum Value: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Text that is empty or only white space: it holds no one's data, and a generator that reads a
    /// shape (an IBAN, an IP address, a date) leaves it as it was instead of stopping the run.
    public var isBlankText: Bool {
        guard case .text(let text) = self else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// The storage class name, for messages (never the value itself).
    public var kind: String {
        switch self {
        case .null: "null"
        case .integer: "integer"
        case .real: "real"
        case .text: "text"
        case .blob: "blob"
        }
    }

    /// A canonical byte form used as input of keyed functions, so that the integer `5` and the
    /// text `"5"` of a joined column map to the same output.
    public var canonicalBytes: [UInt8] {
        switch self {
        case .null: return []
        case .integer(let i): return Array(String(i).utf8)
        case .real(let d):
            if d.rounded() == d, abs(d) < 9.0e15 { return Array(String(Int64(d)).utf8) }
            return Array(String(d).utf8)
        case .text(let s): return Array(s.utf8)
        case .blob(let b): return [0xFF] + b
        }
    }

    /// Calls `body` with the canonical bytes without building an array for the common cases.
    @inline(__always)
    public func withCanonicalBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .text(var s):
            return s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        case .integer(let i):
            var s = String(i)
            return s.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        default:
            return canonicalBytes.withUnsafeBytes(body)
        }
    }

    /// A text rendering for display in previews (the caller decides whether showing it is allowed).
    public var displayText: String {
        switch self {
        case .null: "NULL"
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): "<\(b.count) bytes>"
        }
    }
}
