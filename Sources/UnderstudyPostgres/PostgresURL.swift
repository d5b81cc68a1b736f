import Foundation
import UnderstudyCore

/// A PostgreSQL location: `postgres://user:pass@host:port/db?schema=public&host=/socket/dir&sslmode=verify-full&sslrootcert=/ca.pem`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The schemas copied (default `public`); with several, the model names objects `schema.name`.
    public var schemas: [String]
    /// Whether the URL names its schemas (`?schema=`) rather than taking the default.
    public var namesSchemas: Bool
    /// Folder of the server's unix socket, when connecting through one.
    public var socketDirectory: String?
    /// `disable`, `prefer`, `require`, `verify-ca` or `verify-full`, as libpq means them.
    public var sslMode: String
    /// A file of CA certificates (PEM) that `verify-ca` and `verify-full` trust instead of the system's.
    public var sslRootCert: String?
    /// A client certificate (PEM) and its private key (PEM), for servers that sign clients in by
    /// certificate (`cert` in pg_hba.conf) or ask for one.
    public var sslCert: String?
    public var sslKey: String?
    /// The passphrase of an encrypted `sslKey` (libpq's `sslpassword`).
    public var sslPassword: String?
    /// How long a source waits for a lock another session holds on a table it copies (a migration,
    /// `VACUUM FULL`), in seconds, before the run stops naming it (`?lock_timeout=`, default 30).
    public var lockTimeout = 30
    /// How long connecting may take before it fails, in seconds (`?connect_timeout=`, default 30).
    public var connectTimeout = 30
    /// The name the server shows for the run's sessions (`pg_stat_activity`; default `understudy`).
    public var applicationName = "understudy"

    public init(_ text: String, role: String) throws(AdapterError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw AdapterError(code: .invalidURL, message: "\"\(Self.redacted(text))\" is not a PostgreSQL URL; write postgres://user:password@host:5432/database", place: role)
        }
        user = url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        // URLComponents.password is already decoded: decoding again turned `%2541` into `A`.
        password = url.password
        // (A socket folder may be the host, percent-encoded: `postgresql://%2Frun%2Fpostgresql/app`.)
        host = url.host ?? "localhost"
        // An IPv6 address is written in brackets in a URL (`[::1]`), and given to libpq without them.
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        port = url.port ?? 5432
        database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        var schemas: [String] = []
        socketDirectory = nil
        sslMode = "prefer"
        sslRootCert = nil
        sslCert = nil
        sslKey = nil
        sslPassword = nil
        // libpq reads any of its connection keywords as a parameter, over the URL's own parts.
        func seconds(_ item: URLQueryItem) throws(AdapterError) -> Int {
            let text = (item.value ?? "").hasSuffix("s") ? String((item.value ?? "").dropLast()) : (item.value ?? "")
            guard let seconds = Int(text), seconds > 0 else {
                throw AdapterError(code: .invalidURL, message: "\(item.name) \"\(item.value ?? "")\" is not a number of seconds; write ?\(item.name)=60", place: role)
            }
            return seconds
        }
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema", "schemas": schemas += (item.value ?? "").split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            case "host":
                // libpq's host parameter is a socket folder or a server's name.
                if let value = item.value, !value.hasPrefix("/"), !value.isEmpty { host = value } else { socketDirectory = item.value }
            case "port":
                guard let value = item.value.flatMap({ Int($0) }), (1...65535).contains(value) else {
                    throw AdapterError(code: .invalidURL, message: "port \"\(item.value ?? "")\" is not a port number; write ?port=5432", place: role)
                }
                port = value
            case "user": user = item.value ?? user
            case "password": password = item.value
            case "dbname": database = item.value ?? database
            case "connect_timeout": connectTimeout = try seconds(item)
            case "application_name": applicationName = item.value ?? applicationName
            case "sslmode": sslMode = item.value ?? "prefer"
            case "sslrootcert": sslRootCert = item.value
            case "sslcert": sslCert = item.value
            case "sslkey": sslKey = item.value
            case "sslpassword": sslPassword = item.value
            case "lock_timeout": lockTimeout = try seconds(item)
            default:
                throw AdapterError(
                    code: .invalidURL,
                    message: "unknown URL parameter \"\(item.name)\"; known: schema, host (a unix socket folder), port, user, password, dbname, sslmode, sslrootcert, sslcert, sslkey, sslpassword, connect_timeout, application_name, lock_timeout",
                    place: role)
            }
        }
        guard !database.isEmpty else {
            throw AdapterError(code: .invalidURL, message: "the URL names no database; write postgres://user@host:5432/DATABASE", place: role)
        }
        if host.hasPrefix("/"), socketDirectory == nil {
            socketDirectory = host
            host = "localhost"
        }
        if password == nil {
            password = Self.passwordFromEnvironment(host: host, port: port, database: database, user: user)
        }
        guard ["disable", "prefer", "require", "verify-ca", "verify-full"].contains(sslMode) else {
            throw AdapterError(code: .invalidURL, message: "sslmode \"\(sslMode)\" is not supported; use disable, prefer, require, verify-ca or verify-full", place: role)
        }
        if let sslRootCert, !FileManager.default.isReadableFile(atPath: sslRootCert) {
            throw AdapterError(code: .invalidURL, message: "sslrootcert \"\(sslRootCert)\" is not a readable file; give the path of the CA certificate (PEM)", place: role)
        }
        guard (sslCert == nil) == (sslKey == nil) else {
            throw AdapterError(code: .invalidURL, message: "sslcert and sslkey go together: give the client certificate and its private key (both PEM)", place: role)
        }
        if sslPassword != nil, sslKey == nil {
            throw AdapterError(code: .invalidURL, message: "sslpassword is the passphrase of the client key; give sslcert and sslkey with it", place: role)
        }
        for (name, path) in [("sslcert", sslCert), ("sslkey", sslKey)] {
            if let path, !FileManager.default.isReadableFile(atPath: path) {
                throw AdapterError(code: .invalidURL, message: "\(name) \"\(path)\" is not a readable file; give the path of the client certificate and of its key (PEM)", place: role)
            }
        }
        if schemas.contains(where: \.isEmpty) || Set(schemas).count != schemas.count {
            throw AdapterError(code: .invalidURL, message: "?schema= names an empty or repeated schema (\(schemas.joined(separator: ","))); list each schema once: ?schema=sales,billing", place: role)
        }
        self.schemas = schemas.isEmpty ? ["public"] : schemas
        namesSchemas = !schemas.isEmpty
    }

    /// The URL without its password, for messages and reports: one that reads back as the same
    /// (a schema, user, database or socket folder with a space, `&`, `#` or `%` percent-encoded:
    /// `?schema=My Schema` was printed, which no URL parser reads whole).
    public var description: String {
        var text = "postgres://\(Self.encoded(user, .urlUserAllowed))@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(Self.encoded(database, CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))))"
        var query: [String] = []
        if schemas != ["public"] { query.append(Self.schemaParameter(schemas)) }
        if let socketDirectory { query.append("host=\(Self.encoded(socketDirectory, Self.queryValueAllowed))") }
        if sslMode != "prefer" { query.append("sslmode=\(sslMode)") }
        if lockTimeout != 30 { query.append("lock_timeout=\(lockTimeout)") }
        if connectTimeout != 30 { query.append("connect_timeout=\(connectTimeout)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// What a query's value keeps as written: letters, digits and the marks that delimit nothing
    /// there (not `&`, `=`, `+`, `#`, `%`, `?`, `,` — a list's separator — nor a space).
    static let queryValueAllowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        .union(CharacterSet(charactersIn: "-._~/:@!$'()*;"))

    /// The query parameter that names `schemas`, each percent-encoded: `schema=Sales%20Dept,billing`.
    public static func schemaParameter(_ schemas: [String]) -> String {
        "schema=" + schemas.map { encoded($0, queryValueAllowed) }.joined(separator: ",")
    }

    static func encoded(_ text: String, _ allowed: CharacterSet) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed.subtracting(CharacterSet(charactersIn: "%?#"))) ?? text
    }

    /// The text with its password and key passphrase starred out.
    static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: #"://([^:/@]+):[^@]*@"#, with: "://$1:***@", options: .regularExpression)
            .replacingOccurrences(of: #"([?&](?:ssl)?password=)[^&]*"#, with: "$1***", options: .regularExpression)
    }

    public var schema: String { schemas[0] }

    /// PostgreSQL's own schemas (`pg_catalog`, `information_schema`, `pg_toast`, temporary ones):
    /// never a destination. Names starting with `pg_` are reserved to the system by PostgreSQL.
    public static func isSystemSchema(_ name: String) -> Bool {
        name == "information_schema" || name.lowercased().hasPrefix("pg_")
    }

    /// The password libpq would use when the URL holds none: `PGPASSWORD`, else the first
    /// matching line of `PGPASSFILE` or `~/.pgpass` (`host:port:database:user:password`, `*`
    /// matching anything, `\:` and `\\` escaped), which libpq ignores when others can read it.
    static func passwordFromEnvironment(host: String, port: Int, database: String, user: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let file = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        var info = stat()
        guard !file.isEmpty, stat(file, &info) == 0, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for ch in line {
                if escaped { fields[fields.count - 1].append(ch); escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == ":" && fields.count < 5 { fields.append("") }
                else { fields[fields.count - 1].append(ch) }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($0 == "localhost" && $1.hasPrefix("/")) }) {
                return fields[4]
            }
        }
        return nil
    }

    /// The schema and the name in it of an object the model names: `schema.name` when the URL
    /// copies several schemas, the name itself in the one schema otherwise.
    public func locate(_ name: String) -> (schema: String, name: String) {
        guard schemas.count > 1, let (index, local) = DatabaseSchema.locate(name, among: schemas) else { return (schemas[0], name) }
        return (schemas[index], local)
    }
}
