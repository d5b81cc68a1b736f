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
    /// The schema a person reviewed (`schema:`); nil when the workspace records none.
    public var reviewedSchema: ReviewedSchema?
    /// What a run does with tables and columns nobody reviewed.
    public var unreviewed: UnreviewedPolicy = .stop
    /// Load into the destination's existing tables (made by the application's migrations): they
    /// are emptied and filled in one transaction, their definitions, grants and other tables kept.
    public var preserveSchema = false
    /// Foreign keys declared in the workspace (`foreign_keys:`), treated like real ones.
    public var foreignKeys: [DeclaredForeignKey] = []
    /// The `subset:` section: copy a referentially whole slice instead of every row.
    public var subset: SubsetSettings?
    /// Objects a person chose not to copy (`exclude_objects: ["view public.report", "function audit_hook"]`):
    /// views, materialized views, functions, triggers, domains, types and PostgreSQL's other objects, by kind and name.
    public var excludedObjects: [String] = []
    /// PostgreSQL: also copy the privileges granted on the schema's objects (`copy_privileges: true`);
    /// the grantees must exist in the destination. Off by default: grants name roles of the source's server.
    public var copyPrivileges = false
    /// The `synthesis:` section (scale, differential privacy) for tables in mode `synthesize`.
    public var synthesis = SynthesisSettings()
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
    /// `rows:`, `scale:` and `epsilon:` of a table in mode `synthesize`.
    public var synthesis = TableSynthesisSettings()

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
    /// What a value the generator cannot read becomes (`on_invalid:`); the run stops by default.
    public var onInvalid: InvalidValues?
    public var parameters: [String: ParameterValue]

    public init(name: String, generator: String, domain: String? = nil, consistent: Bool? = nil, onInvalid: InvalidValues? = nil, parameters: [String: ParameterValue] = [:]) {
        self.name = name
        self.generator = generator
        self.domain = domain
        self.consistent = consistent
        self.onInvalid = onInvalid
        self.parameters = parameters
    }
}

/// What a run does with a value a column's generator cannot read (a birth date `unknown`, a card
/// number of two digits): stop at it, naming the row (the default: a scheduled copy should not
/// quietly change what it writes), or write NULL in its place and count it in the report
/// (`UND-W017`), for a column whose production data is known to be dirty.
public enum InvalidValues: String, Sendable, Hashable, CaseIterable, Codable {
    case stop, null
}

/// How a table is copied.
public enum TableMode: String, Sendable, CaseIterable, Codable {
    /// Copy the rows, applying the column generators (unlisted columns pass through).
    case deidentify
    /// Copy the rows as they are (lookup tables, schema_migrations).
    case passthrough
    /// Create the table, copy no rows.
    case truncate
    /// New rows sampled from models fitted on the source's rows (docs/synthesis.md).
    case synthesize
    /// Leave the table out of the copy: neither created nor read (a table of no columns, which a
    /// SQLite file cannot hold; an audit log nobody needs in dev). What reads or references it must
    /// be left out too (``RunPlanner/excludingTables(_:from:workspace:)``).
    case exclude
    /// Keep the destination's own rows (not available yet).
    case preserve

    /// Modes this version can run.
    public static let available: [TableMode] = [.deidentify, .passthrough, .truncate, .synthesize, .exclude]
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

    /// A warning when the key file can be read by users other than its owner, or nil.
    public func exposure(in workspace: Workspace) -> String? {
        guard case .file(let path) = self else { return nil }
        let resolved = path.hasPrefix("/") ? path : workspace.baseDirectory + "/" + path
        var info = stat()
        guard stat(resolved, &info) == 0, info.st_mode & 0o077 != 0 else { return nil }
        return "the key file \(resolved) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); anyone who reads it can reverse the copy: chmod 600 \(resolved)"
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
            return try Self.key(Self.material(Array(value.utf8)), workspace)
        case .file(let path):
            let resolved = path.hasPrefix("/") ? path : workspace.baseDirectory + "/" + path
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw workspace.error(
                    .missingSecret, at: "secret",
                    "cannot read the key file \(resolved); create it with `openssl rand -hex 32 > \(resolved)` (and keep it out of git), or use `secret: env:UNDERSTUDY_SECRET`")
            }
            return try Self.key(Self.material(Array(data)), workspace)
        }
    }

    /// The secret without the line break or spaces that end it where it was written (a key file's
    /// newline, a mounted secret's in an environment variable): one secret is one key, whichever
    /// way it arrives.
    static func material(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
        return bytes
    }

    private static func key(_ material: [UInt8], _ workspace: Workspace) throws(WorkspaceError) -> MasterKey {
        do {
            return try MasterKey(material: material)
        } catch {
            throw workspace.error(error.code, at: "secret", error.message)
        }
    }
}

/// What a run does when the source has tables or columns that the workspace's reviewed schema lacks.
public enum UnreviewedPolicy: String, Sendable, CaseIterable {
    /// Stop before reading any row (exit code 3).
    case stop
    /// Copy new columns as NULL and new tables without rows, with a warning.
    case warn
}

/// The schema recorded in the workspace: what a person has reviewed.
public struct ReviewedSchema: Sendable, Equatable {
    public struct ReviewedColumn: Sendable, Equatable {
        public var name: String
        public var declaredType: String
        public var isNullable: Bool

        public init(name: String, declaredType: String, isNullable: Bool) {
            self.name = name
            self.declaredType = declaredType
            self.isNullable = isNullable
        }

        /// The form written in the workspace: `VARCHAR(40) NOT NULL`, `untyped`.
        public var text: String {
            (declaredType.isEmpty ? "untyped" : declaredType) + (isNullable ? "" : " NOT NULL")
        }

        public init(name: String, text: String) {
            self.name = name
            var t = text.trimmingCharacters(in: .whitespaces)
            isNullable = true
            if t.uppercased().hasSuffix(" NOT NULL") || t.uppercased() == "NOT NULL" {
                isNullable = false
                t = String(t.dropLast(8)).trimmingCharacters(in: .whitespaces)
            }
            declaredType = t == "untyped" ? "" : t
        }

        public init(_ column: Column) {
            self.init(name: column.name, declaredType: column.declaredType, isNullable: column.isNullable)
        }
    }

    public var tables: [(name: String, columns: [ReviewedColumn])]

    public init(tables: [(name: String, columns: [ReviewedColumn])]) {
        self.tables = tables
    }

    public init(_ schema: DatabaseSchema) {
        tables = schema.tables.map { ($0.name, $0.storedColumns.map(ReviewedColumn.init)) }
    }

    public static func == (lhs: ReviewedSchema, rhs: ReviewedSchema) -> Bool {
        lhs.tables.count == rhs.tables.count && zip(lhs.tables, rhs.tables).allSatisfy { $0.name == $1.name && $0.columns == $1.columns }
    }

    public func columns(of table: String) -> [ReviewedColumn]? { tables.first { $0.name == table }?.columns }
}

/// A foreign key declared in the workspace: `from: orders(customer_ref)`, `to: customers(id)`.
public struct DeclaredForeignKey: Sendable, Equatable {
    public var table: String
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    /// Index in the `foreign_keys` list, for messages.
    public var index: Int

    public init(table: String, columns: [String], referencedTable: String, referencedColumns: [String], index: Int = 0) {
        self.table = table
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.index = index
    }

    /// Parses `table(col, col)`; an optional `schema.` prefix is kept in the table name.
    public static func parseEnd(_ text: String) -> (table: String, columns: [String])? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return nil }
        let table = t[..<open].trimmingCharacters(in: .whitespaces)
        let columns = t[t.index(after: open)..<t.index(before: t.endIndex)].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !table.isEmpty, !columns.isEmpty, columns.allSatisfy({ !$0.isEmpty }) else { return nil }
        return (table, columns)
    }

    public var text: (from: String, to: String) {
        ("\(table)(\(columns.joined(separator: ", ")))", "\(referencedTable)(\(referencedColumns.joined(separator: ", ")))")
    }
}
