import Foundation

/// A database location as written in a workspace or on the command line.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file, as an absolute path.
    case sqlite(path: String)
    /// A PostgreSQL URL, checked by the PostgreSQL adapter.
    case postgres(String)

    /// Parses `sqlite:///abs/path.db`, `sqlite:relative/path.db`, `sqlite://relative/path.db` or
    /// `sqlite:~/path.db` (the home folder); relative paths resolve against `base`. `role` ("source", "destination") names the place in messages.
    public init(_ text: String, role: String, relativeTo base: String = FileManager.default.currentDirectoryPath) throws(AdapterError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw AdapterError(code: .invalidURL, message: "\"\(text)\" is not a database URL; write sqlite:///path/to/file.db", place: role)
        }
        let scheme = text[..<colon].lowercased()
        var rest = String(text[text.index(after: colon)...])
        switch scheme {
        case "sqlite", "sqlite3", "file":
            if rest.hasPrefix("//") { rest.removeFirst(2) }
            if let query = rest.firstIndex(of: "?") {
                try Self.sqliteParameters(String(rest[rest.index(after: query)...]), url: text, role: role)
                rest = String(rest[..<query])
            }
            rest = rest.removingPercentEncoding ?? rest
            guard !rest.isEmpty else {
                throw AdapterError(code: .invalidURL, message: "the URL has no file path; write sqlite:///path/to/file.db", place: role)
            }
            // `~/` is the home folder of whoever runs it, as a shell reads it (it was a folder named ~).
            if rest == "~" || rest.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] ?? Optional(NSHomeDirectory()), !home.isEmpty {
                rest = home + rest.dropFirst()
            }
            let path = rest.hasPrefix("/") ? rest : URL(fileURLWithPath: base).appendingPathComponent(rest).path
            self = .sqlite(path: URL(fileURLWithPath: path).standardizedFileURL.path)
        case "postgres", "postgresql":
            self = .postgres(text)
        default:
            throw AdapterError(
                code: .unsupportedScheme,
                message: "unsupported database \"\(scheme)\"; supported: sqlite:///path/to/file.db and postgres://user@host:5432/db\(Suggestion.hint(for: scheme, in: ["sqlite", "postgres"]))",
                place: role)
        }
    }

    /// `text` as written in a file of the folder `fileBase` for the database it names when typed in
    /// the folder `typedBase` (a command line's working folder): a SQLite URL's relative path made
    /// relative to `fileBase` (`sqlite://chinook.db` typed in `/work`, written in `/work/sub/w.yml`,
    /// is `sqlite://../chinook.db`), or absolute where the two folders share nothing but the root;
    /// any other URL, an absolute or `~/` path, and text that is no URL as it was.
    public static func rebased(_ text: String, from typedBase: String, to fileBase: String) -> String {
        let typed = URL(fileURLWithPath: typedBase).standardizedFileURL.path, file = URL(fileURLWithPath: fileBase).standardizedFileURL.path
        guard typed != file, let colon = text.firstIndex(of: ":"), ["sqlite", "sqlite3", "file"].contains(text[..<colon].lowercased()) else { return text }
        var rest = String(text[text.index(after: colon)...])
        if rest.hasPrefix("//") { rest.removeFirst(2) }
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let written = String(rest.prefix { $0 != "?" })
        let path = written.removingPercentEncoding ?? written
        guard !path.isEmpty, !path.hasPrefix("/"), path != "~", !path.hasPrefix("~/"),
              case .sqlite(let absolute)? = try? DatabaseURL(text, role: "source", relativeTo: typed) else { return text }
        let target = absolute.split(separator: "/").map(String.init), base = file.split(separator: "/").map(String.init)
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        let relative = common == 0 ? absolute : (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
        return text[..<colon] + "://" + encoded + query
    }

    /// A SQLite URL's parameters, read rather than dropped: `mode=ro` on a source says what a source
    /// always is (opened read-only); anything else — `mode=ro` on a destination, which a run writes,
    /// SQLite's `cache=`, `vfs=`, `immutable=`, a setting such as `journal_mode=` — would be
    /// silently not done, so it is refused.
    static func sqliteParameters(_ query: String, url: String, role: String) throws(AdapterError) {
        let written = url.prefix { $0 != "?" }
        let parameters = query.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        for parameter in parameters {
            if parameter == "mode=ro" {
                guard !role.contains("destination") else {
                    throw AdapterError(
                        code: .invalidURL,
                        message: "\(url): `mode=ro` on the destination, which is written (a run replaces it whole); remove it (\(written))", place: role)
                }
                continue
            }
            let shown = parameter.isEmpty ? "?" : parameter
            throw AdapterError(
                code: .invalidURL,
                message: "\(url): unknown SQLite URL parameter \"\(shown)\"; a SQLite URL takes none but `mode=ro` on a source (a source is always opened read-only, a destination written whole with SQLite's defaults); write \(written)",
                place: role)
        }
    }

    /// Whether `text` is written as a URL (`scheme:` first) rather than a file's path: what a
    /// command that takes either a workspace file or a database URL goes by.
    public static func looksLikeURL(_ text: String) -> Bool {
        text.range(of: #"^[A-Za-z][A-Za-z0-9+.-]+:"#, options: .regularExpression) != nil
    }

    /// The URL text without the secrets a URL can hold (a PostgreSQL password, `password=`, `sslpassword=`), or
    /// nil when it holds none: what `init` writes into a workspace that is meant for git.
    public static func withoutSecrets(_ text: String) -> String? {
        let scheme = text.prefix { $0 != ":" }.lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else { return nil }
        var stripped = text
        // Until none is left: removing one can join the text around it into another — an
        // `password` or `sslpassword` parameter, or a user part with a password (`u:p&sslpassword=/&@h`).
        while true {
            var next = stripped.replacingOccurrences(of: #"^([A-Za-z]+://[^:/@?#]*):[^@/?#]*@"#, with: "$1@", options: .regularExpression)
            let withoutKeyPassword = next.replacingOccurrences(of: #"([?&])(?:ssl)?password=[^&#]*&?"#, with: "$1", options: .regularExpression)
            if withoutKeyPassword != next {
                next = withoutKeyPassword
                if next.hasSuffix("?") || next.hasSuffix("&") { next.removeLast() }
            }
            guard next != stripped else { break }
            stripped = next
        }
        return stripped == text ? nil : stripped
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let text): text
        }
    }
}
