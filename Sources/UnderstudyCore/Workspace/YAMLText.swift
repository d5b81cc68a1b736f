/// Writing YAML by hand, so that generated workspaces keep a chosen order and comments.
public enum YAMLText {
    /// A scalar, quoted when plain style would change its meaning or break the document.
    public static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ""]
        let plainSafe = text.allSatisfy { $0.isLetter || $0.isNumber || "._-/@+:()".contains($0) }
            && !text.hasSuffix(":") && !text.contains(": ") && !text.hasPrefix("(")
            && !reserved.contains(text.lowercased())
            && Double(text) == nil
            && !(text.first.map { "-.@".contains($0) } ?? false)
        if plainSafe { return text }
        var escaped = ""
        for ch in text {
            switch ch {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(ch)
            }
        }
        return "\"\(escaped)\""
    }
}
