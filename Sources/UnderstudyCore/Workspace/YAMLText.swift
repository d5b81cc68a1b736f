import Yams

/// Writing YAML by hand, so that generated workspaces keep a chosen order and comments.
///
/// Every scalar Understudy writes goes through ``scalar(_:)``: it stays plain only when it is
/// made of unremarkable characters *and* Yams' own resolver reads it back as a string; anything
/// else (`null`, `~`, `yes`, `12:30`, `1_000`, `0b101`, `2024-01-01`, `*alias`, `a: b`, a newline,
/// an escape character…) is double-quoted with YAML's escapes. Text in comments goes through
/// ``comment(_:)``, so that no name can end a comment line and start a key of its own.
public enum YAMLText {
    /// A scalar, quoted when plain style would change its meaning or break the document.
    public static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : doubleQuoted(text)
    }

    /// A number as YAML reads it back: `.inf`, `-.inf` and `.nan` for the values that Swift spells otherwise.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        return String(value)
    }

    /// Text for a `#` comment: one line, with control and line-breaking characters shown as escapes.
    public static func comment(_ text: String) -> String { ControlCharacters.escaped(text) }

    /// Plain style is kept for names, identifiers and simple values only, and only when the
    /// resolver that reads the file back (Yams' default, YAML 1.1 rules) sees a string.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        // `-`, `.`, `+` first could read as a list item, a float (`.5`, `.inf`) or a sign; `@` and `` ` `` are reserved.
        if "-.+@`".unicodeScalars.contains(first) || last == " " { return false }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            if scalar.isASCII {
                return (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-/+()".unicodeScalars.contains(scalar))
            }
            return scalar.properties.isAlphabetic && !ControlCharacters.needsEscape(scalar)
        }
        return allowed && Resolver.default.resolveTag(of: Node(text)) == .str
    }

    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if ControlCharacters.needsEscape(scalar) { out += ControlCharacters.escape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
