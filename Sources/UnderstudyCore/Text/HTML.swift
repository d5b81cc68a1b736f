/// Text for HTML pages (the Studio's, `evaluate --html`, a replacement inside a column's HTML): the
/// five characters that could open markup or end an attribute, as entities.
public enum HTML {
    /// With `unquoted`, what would end an attribute's value written without quotes or start
    /// another (spaces, `=`, a backquote) too, as character references, which HTML reads there.
    public static func escape(_ text: String, unquoted: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case " " where unquoted: out += "&#32;"
            case "\t" where unquoted: out += "&#9;"
            case "\n" where unquoted: out += "&#10;"
            case "\r" where unquoted: out += "&#13;"
            case "=" where unquoted: out += "&#61;"
            case "`" where unquoted: out += "&#96;"
            default: out.append(c)
            }
        }
        return out
    }
}
