/// A word as a POSIX shell reads it back: the commands the tool prints for a person to run next
/// (`understudy run my dir/w.yml` ran `understudy run my`) quote a path or a name that holds a
/// space, a quote or another character the shell treats specially.
public enum ShellWord {
    /// The characters a shell word keeps without quotes.
    static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-".unicodeScalars)

    /// `text` as one shell word: as it is when every character is plain, else in single quotes (a
    /// single quote inside written `'\''`).
    public static func quoted(_ text: String) -> String {
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ plain.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
