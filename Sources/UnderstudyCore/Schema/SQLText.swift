/// Small readings of SQL text both engines' adapters share: what lies outside string literals.
public enum SQLText {
    /// `sql` with `transform` applied to each part outside its single-quoted literals (between
    /// single quotes every other part is a literal; a doubled quote keeps the count).
    public static func outsideLiterals(_ sql: String, _ transform: (String) -> String) -> String {
        sql.components(separatedBy: "'").enumerated().map { index, part in index % 2 == 1 ? part : transform(part) }.joined(separator: "'")
    }

    /// `text` without the parentheses around the whole of it (`((datetime('now')))` →
    /// `datetime('now')`), blanks at its ends trimmed each time.
    public static func withoutOuterParentheses(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix("("), text.hasSuffix(")"), balanced(text.dropFirst().dropLast()) {
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    /// Whether every parenthesis of `text` closes within it (outside string literals).
    public static func balanced(_ text: Substring) -> Bool {
        var depth = 0, quoted = false
        for c in text {
            if c == "'" { quoted.toggle() }
            if quoted { continue }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0 && !quoted
    }
}
