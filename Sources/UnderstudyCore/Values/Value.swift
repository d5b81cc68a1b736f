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

extension Value {
    /// A total order for sorting keys: NULL, then numbers by value, then text by its UTF-8 bytes,
    /// then blobs by their bytes. Cheap (no strings built), so that large key sets sort quickly.
    public static func precedes(_ a: Value, _ b: Value) -> Bool {
        func rank(_ v: Value) -> Int {
            switch v {
            case .null: 0
            case .integer, .real: 1
            case .text: 2
            case .blob: 3
            }
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer(let x), .real(let y)): return Double(x) < y
        case (.real(let x), .integer(let y)): return x < Double(y)
        case (.real(let x), .real(let y)): return x < y
        case (.text(let x), .text(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y)
        default: return rank(a) < rank(b)
        }
    }

    /// ``precedes(_:_:)`` extended to tuples (composite keys), column by column.
    public static func precedes(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) {
            if precedes(x, y) { return true }
            if precedes(y, x) { return false }
        }
        return a.count < b.count
    }
}
