import Foundation

/// A number held as text (a `numeric` column read as text): parsed to a Double with the number of
/// decimals it was written with, and written back with as many. Numeric generators keep a value's
/// scale this way. Hot for millions of values, so the common cases avoid Foundation's formatting.
enum DecimalText {
    /// The value and its decimals (digits after the point), or nil when the text is not a number.
    static func parse(_ text: String) -> (value: Double, decimals: Int)? {
        var value = Double(text)
        if value == nil {
            // Spaces around the number, as some sources pad: trimmed only when needed.
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, let retry = Double(trimmed) else { return nil }
            value = retry
        }
        var decimals = 0
        var seenPoint = false
        for byte in text.utf8 {
            if seenPoint {
                guard (48...57).contains(byte) else { break }
                decimals += 1
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            }
        }
        return (value!, decimals)
    }

    /// `y` with `decimals` digits after the point (none: an integer), rounded half away from zero.
    static func format(_ y: Double, decimals: Int) -> String {
        guard y.isFinite else { return y.isNaN ? "NaN" : (y > 0 ? "Infinity" : "-Infinity") }
        let scale = decimals <= 15 ? pow10[decimals] : 0
        let scaled = (y * scale).rounded()
        // Exact integers only (below 2^53): otherwise Foundation's formatting.
        guard scale > 0, abs(scaled) < 9_007_199_254_740_992 else {
            return decimals == 0 ? String(format: "%.0f", y) : String(format: "%.\(decimals)f", y)
        }
        let magnitude = Int64(abs(scaled))
        var digits = String(magnitude)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return scaled < 0 ? "-" + digits : digits
    }

    private static let pow10: [Double] = (0...15).map { pow(10, Double($0)) }
}
