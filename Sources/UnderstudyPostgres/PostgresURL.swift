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

    public init(_ text: String, role: String) throws(AdapterError) {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw AdapterError(code: .invalidURL, message: "\"\(Self.redacted(text))\" is not a PostgreSQL URL; write postgres://user:password@host:5432/database", place: role)
        }
        user = url.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        // URLComponents.password is already decoded: decoding again turned `%2541` into `A`.
        password = url.password
        host = url.host ?? "localhost"
        // An IPv6 address is written in brackets in a URL (`[::1]`), and given to libpq without them.
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        port = url.port ?? 5432
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !path.isEmpty else {
            throw AdapterError(code: .invalidURL, message: "the URL names no database; write postgres://user@host:5432/DATABASE", place: role)
        }
        database = path
        if password == nil {
            password = Self.passwordFromEnvironment(host: url.host ?? "localhost", port: url.port ?? 5432, database: path, user: user)
        }
        var schemas: [String] = []
        socketDirectory = nil
        sslMode = "prefer"
        sslRootCert = nil
        sslCert = nil
        sslKey = nil
        sslPassword = nil
        for item in url.queryItems ?? [] {
            switch item.name {
            case "schema", "schemas": schemas += (item.value ?? "").split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            case "host": socketDirectory = item.value
            case "sslmode": sslMode = item.value ?? "prefer"
            case "sslrootcert": sslRootCert = item.value
            case "sslcert": sslCert = item.value
            case "sslkey": sslKey = item.value
            case "sslpassword": sslPassword = item.value
            case "lock_timeout":
                let text = (item.value ?? "").hasSuffix("s") ? String((item.value ?? "").dropLast()) : (item.value ?? "")
                guard let seconds = Int(text), seconds > 0 else {
                    throw AdapterError(code: .invalidURL, message: "lock_timeout \"\(item.value ?? "")\" is not a number of seconds; write ?lock_timeout=60", place: role)
                }
                lockTimeout = seconds
            default:
                throw AdapterError(
                    code: .invalidURL, message: "unknown URL parameter \"\(item.name)\"; known: schema, host (a unix socket folder), sslmode, sslrootcert, sslcert, sslkey, sslpassword, lock_timeout",
                    place: role)
            }
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
    }

    /// The URL without its password, for messages and reports.
    public var description: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        var query: [String] = []
        if schemas != ["public"] { query.append("schema=\(schemas.joined(separator: ","))") }
        if let socketDirectory { query.append("host=\(socketDirectory)") }
        if sslMode != "prefer" { query.append("sslmode=\(sslMode)") }
        if lockTimeout != 30 { query.append("lock_timeout=\(lockTimeout)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// The text with its password and key passphrase starred out.
    static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: #"://([^:/@]+):[^@]*@"#, with: "://$1:***@", options: .regularExpression)
            .replacingOccurrences(of: #"([?&]sslpassword=)[^&]*"#, with: "$1***", options: .regularExpression)
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
