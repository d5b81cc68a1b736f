/// Byte-level helpers for the common case of ASCII text, where Character-level Unicode
/// processing would dominate a generator's cost.
enum ASCII {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 65 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 97 < 26 }

    /// Equal when compared without letter case (full Unicode comparison for non-ASCII text).
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
                if x | 0x20 != y | 0x20 || (x | 0x20) &- 97 >= 26 && x != y { return false }
            default: return false
            }
        }
    }
}
