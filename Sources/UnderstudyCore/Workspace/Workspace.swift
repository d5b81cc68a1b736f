import Foundation

/// One job, as kept in the workspace file: where to read, where to write, which secret keys the
/// generators, and what happens to each table and column.
public struct Workspace: Sendable {
    public static let currentVersion = 1

    public var version: Int
    public var source: String
    public var destination: String
    public var secret: SecretReference
    /// Table settings in file order.
    public var tables: [TableSettings]
    /// The workspace file, when it was read from one; relative paths resolve against its folder.
    public var file: String?
    /// Where each path was written in the file (`tables.users.columns.email.generator` → 12:7).
    public var locations: [String: (line: Int, column: Int)]

    public init(
        version: Int = Workspace.currentVersion, source: String, destination: String, secret: SecretReference,
        tables: [TableSettings] = [], file: String? = nil, locations: [String: (line: Int, column: Int)] = [:]
    ) {
        self.version = version
        self.source = source
        self.destination = destination
        self.secret = secret
        self.tables = tables
        self.file = file
        self.locations = locations
    }

    public func settings(forTable name: String) -> TableSettings? { tables.first { $0.name == name } }

    /// The folder that relative paths in this workspace are relative to.
    public var baseDirectory: String {
        guard let file else { return FileManager.default.currentDirectoryPath }
        return URL(fileURLWithPath: file).deletingLastPathComponent().path
    }

    /// An error located at `path` in this workspace's file.
    public func error(_ code: WorkspaceError.Code, at path: String, _ message: String) -> WorkspaceError {
        var location: (line: Int, column: Int)?
        var probe = path
        while location == nil, !probe.isEmpty {
            location = locations[probe]
            probe = probe.contains(".") ? String(probe[..<probe.lastIndex(of: ".")!]) : ""
        }
        return WorkspaceError(code: code, path: path, message: message, file: file, line: location?.line, column: location?.column)
    }
}

/// What happens to one table.
public struct TableSettings: Sendable {
    public var name: String
    public var mode: TableMode
    public var columns: [ColumnSettings]

    public init(name: String, mode: TableMode = .deidentify, columns: [ColumnSettings] = []) {
        self.name = name
        self.mode = mode
        self.columns = columns
    }

    public func settings(forColumn name: String) -> ColumnSettings? { columns.first { $0.name == name } }
}

/// The generator chosen for one column, with its parameters.
public struct ColumnSettings: Sendable, Hashable {
    public var name: String
    public var generator: String
    /// Consistency domain shared with other columns; defaults to `table.column`.
    public var domain: String?
    /// Same input ⇒ same output (default true where the generator supports it).
    public var consistent: Bool?
    public var parameters: [String: ParameterValue]

    public init(name: String, generator: String, domain: String? = nil, consistent: Bool? = nil, parameters: [String: ParameterValue] = [:]) {
        self.name = name
        self.generator = generator
        self.domain = domain
        self.consistent = consistent
        self.parameters = parameters
    }
}

/// How a table is copied.
public enum TableMode: String, Sendable, CaseIterable {
    /// Copy the rows, applying the column generators (unlisted columns pass through).
    case deidentify
    /// Copy the rows as they are (lookup tables, schema_migrations).
    case passthrough
    /// Create the table, copy no rows.
    case truncate
    /// New rows from a fitted model (not available yet).
    case synthesize
    /// Keep the destination's own rows (not available yet).
    case preserve

    /// Modes this version can run.
    public static let available: [TableMode] = [.deidentify, .passthrough, .truncate]
}

/// Where the secret comes from; the secret itself never lives in the workspace.
public enum SecretReference: Sendable, Hashable, CustomStringConvertible {
    case environment(String)
    case file(String)

    /// Parses `env:NAME` or `file:/path`.
    public init?(_ text: String) {
        if text.hasPrefix("env:"), text.count > 4 {
            self = .environment(String(text.dropFirst(4)))
        } else if text.hasPrefix("file:"), text.count > 5 {
            self = .file(String(text.dropFirst(5)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .environment(let name): "env:\(name)"
        case .file(let path): "file:\(path)"
        }
    }

    /// Reads the secret material.
    public func resolve(in workspace: Workspace, environment: [String: String] = ProcessInfo.processInfo.environment) throws(WorkspaceError) -> MasterKey {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw workspace.error(
                    .missingSecret, at: "secret",
                    "environment variable \(name) is not set; set it to at least 16 random bytes, e.g. `export \(name)=$(openssl rand -hex 32)`, or use `secret: file:/path/to/keyfile`")
            }
            return try Self.key(Array(value.utf8), workspace)
        case .file(let path):
            let resolved = path.hasPrefix("/") ? path : workspace.baseDirectory + "/" + path
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw workspace.error(
                    .missingSecret, at: "secret",
                    "cannot read the key file \(resolved); create it with `openssl rand -hex 32 > \(resolved)` (and keep it out of git), or use `secret: env:UNDERSTUDY_SECRET`")
            }
            var bytes = Array(data)
            while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
            return try Self.key(bytes, workspace)
        }
    }

    private static func key(_ material: [UInt8], _ workspace: Workspace) throws(WorkspaceError) -> MasterKey {
        do {
            return try MasterKey(material: material)
        } catch {
            throw workspace.error(error.code, at: "secret", error.message)
        }
    }
}
