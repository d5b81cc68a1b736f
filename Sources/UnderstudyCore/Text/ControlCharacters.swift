/// Characters that must not reach a file or a terminal as they are — C0 and C1 controls, DEL, NEL,
/// the Unicode line and paragraph separators, the byte-order mark, the non-characters U+FFFE and
/// U+FFFF — and their escapes (`\n`, `\t`, `\r`, `\0`, `\x1B`, `\u2028`), as YAML writes them.
public enum ControlCharacters {
    /// `text` with every such character escaped; with `keepingLineBreaks`, `\n` and `\t` stay
    /// (messages on a terminal keep their lines).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingLineBreaks) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool = false) -> Bool {
        if keepingLineBreaks, scalar == "\n" || scalar == "\t" { return false }
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF
    }

    static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        case "\u{0}": return "\\0"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return scalar.value <= 0xFF
                ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
