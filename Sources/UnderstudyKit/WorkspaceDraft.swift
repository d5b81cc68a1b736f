import Foundation
import UnderstudyCore
import UnderstudyPostgres

/// A first workspace for a source database (`understudy init`): every table and column, with the
/// generator the scanner suggests for each personal column (one consistency domain for columns that
/// hold the same values), and the URLs without their passwords
/// (a workspace is meant for git; runs take passwords from PGPASSWORD or ~/.pgpass).
public struct WorkspaceDraft: Sendable {
    /// The workspace file's text.
    public var text: String
    public var tables: Int
    public var columns: Int
    /// Columns given a generator other than passthrough.
    public var suggested: Int
    /// The URLs (by role) whose password was left out of the text.
    public var passwordsLeftOut: [String]
    /// The source database's schemas with tables that the source URL does not copy.
    public var schemasNotCopied: [(name: String, tables: Int)]
    /// What `init` says of them (``schemasNotCopiedNote(_:copied:)``).
    public var schemasNotCopiedNote: String?
    /// What the destination cannot hold of the source's schema, which the run will refuse.
    public var destinationNote: String?
    /// Where the written destination names schemas the given URL did not: a PostgreSQL destination
    /// of a source that copies several takes the same names, in the same order (the run needs one
    /// destination schema for each).
    public var destinationSchemasNote: String?

    /// Everything `init` and the Studio say of the draft, in order: a password left out of
    /// `file`, the destination's schemas and what it cannot hold, the schemas not copied.
    public func notes(file: String) -> [String] {
        var notes: [String] = []
        if !passwordsLeftOut.isEmpty {
            notes.append("the password in \(passwordsLeftOut.joined(separator: " and ")) was left out of \(file), which is meant for git; give it to runs with PGPASSWORD or a ~/.pgpass entry")
        }
        return notes + [destinationSchemasNote, destinationNote, schemasNotCopiedNote].compactMap { $0 }
    }

    /// Introspects and samples `source` (1,000 rows a table for the scanner). The destination is
    /// read as a run reads it (nothing opened or written; relative paths from `base`, the
    /// workspace's folder): one the run would refuse — the source itself, a file that is no
    /// database, a system schema — is refused here, before a workspace is written. Relative SQLite
    /// paths are read from `typedIn` (where they were typed) and written relative to `base`.
    public static func make(
        source: String, destination: String, sourceRole: String = "source", destinationRole: String = "destination",
        base: String = FileManager.default.currentDirectoryPath, typedIn: String = FileManager.default.currentDirectoryPath
    ) async throws -> WorkspaceDraft {
        var fits: [String: [String: DestinationFit]] = [:]
        // A SQLite path as typed in `typedIn`, written for the workspace's folder (`base`), where
        // runs read it (`init … --out sub/w.yml` wrote the source's relative path unchanged).
        let source = DatabaseURL.rebased(source, from: typedIn, to: base)
        var destination = DatabaseURL.rebased(destination, from: typedIn, to: base), destinationSchemasNote: String?
        let (schema, findings, others, (refusal, excluded)) = try await Databases.closing(try await Databases.openSource(source, role: sourceRole, base: base)) { database in
            var target: any DatabaseDestination
            do {
                target = try Databases.openDestination(destination, base: base, source: database)
            } catch let error as AdapterError {
                throw AdapterError(code: error.code, message: error.message, place: destinationRole)
            }
            let schema = try await database.introspect()
            if let postgres = target as? PostgresDestination, !postgres.url.namesSchemas, let namespaces = schema.namespaces, namespaces.count > 1 {
                let parameter = PostgresURL.schemaParameter(namespaces)
                destination += (destination.contains("?") ? "&" : "?") + parameter
                destinationSchemasNote = "the destination URL names no schema and the source copies \(namespaces.count): the workspace's destination copies each into the schema of the same name (?\(parameter)); edit it to choose others"
                target = try Databases.openDestination(destination, base: base, source: database)
            }
            // A table of no columns that the destination cannot hold (a SQLite file) is left out, so
            // that the run works; said in the file and by init.
            var excluded: [String: String] = [:]
            var bare = schema
            bare.tables = []
            let bareRefused = target.refusal(of: bare) != nil
            for table in schema.tables where table.columns.isEmpty && !bareRefused {
                var one = bare
                one.tables = [table]
                if target.refusal(of: one) != nil {
                    excluded[table.name] = "no columns, which \(target is PostgresDestination ? "the destination" : "a SQLite file") cannot hold"
                }
            }
            var kept = schema
            kept.tables.removeAll { excluded[$0.name] != nil }
            let refusal = target.refusal(of: kept)?.message
            let postgres = database as? PostgresSource
            let others = (try await postgres?.schemasNotCopied() ?? [], postgres?.url.schemas ?? [])
            // Values of the sample the destination's types refuse (a SQLite file into PostgreSQL),
            // judged as the run judges them: what each such column gets (``DestinationFit``).
            let judged = (target as? any TypeCheckingDestination)?.valueJudgement(from: schema.engine)
            let sample: (Table) async throws -> RowBatch = { table in
                let rows = try await database.sample(of: table, size: 1_000)
                if let judged {
                    let found = DestinationFit.fits(table: table, sample: rows, judgement: judged)
                    if !found.isEmpty { fits[table.name] = found }
                }
                return rows
            }
            // Columns that hold the same values get one consistency domain, looked up in the source.
            guard let lookups = database as? any SubsetSource else { return (schema, try await Scanner().scan(schema: schema, sample: sample), others, (refusal, excluded)) }
            return (schema, try await Scanner().scan(schema: schema, sample: sample) { table, column, values in
                Set(try await lookups.keys(of: table, columns: [column], matching: [column], values: values.map { [$0] }).map { $0[0] }).count
            }, others, (refusal, excluded))
        }
        let safeSource = DatabaseURL.withoutSecrets(source), safeDestination = DatabaseURL.withoutSecrets(destination)
        let text = WorkspaceWriter().yaml(schema: schema, source: safeSource ?? source, destination: safeDestination ?? destination, findings: findings, fits: fits, excluded: excluded)
        // NOT NULL columns whose refused values nothing converts: the run will stop at them.
        let stops = fits.sorted { $0.key < $1.key }.flatMap { table, columns in
            columns.filter(\.value.stops).keys.sorted().map { "\(table).\($0)" }
        }
        let stopNote = stops.isEmpty ? nil
            : "sampled values of \(stops.joined(separator: ", ")) are refused by their types in the destination, and the column\(stops.count == 1 ? " is" : "s are") NOT NULL: the run will stop at the first; correct them in the source, or give \(stops.count == 1 ? "the column" : "each column") a generator that writes values of its type (the workspace's comments say which values)"
        let suggested = text.split(separator: "\n").filter { $0.contains("{ generator:") && !$0.contains("passthrough") && !$0.hasPrefix("#") }.count
        return WorkspaceDraft(
            text: text, tables: schema.tables.count, columns: schema.tables.reduce(0) { $0 + $1.storedColumns.count }, suggested: suggested,
            passwordsLeftOut: [(safeSource, sourceRole), (safeDestination, destinationRole)].filter { $0.0 != nil }.map(\.1),
            schemasNotCopied: others.0, schemasNotCopiedNote: schemasNotCopiedNote(others.0, copied: others.1),
            destinationNote: refusal.map { "\($0); the run will refuse this destination (check says so too): choose another, or change the source" } ?? stopNote ?? excludedNote(excluded),
            destinationSchemasNote: destinationSchemasNote)
    }

    /// What `init` says of the tables it left out because the destination cannot hold them.
    static func excludedNote(_ excluded: [String: String]) -> String? {
        guard !excluded.isEmpty else { return nil }
        let names = excluded.keys.sorted()
        return "\(names.count == 1 ? "table" : "tables") \(names.joined(separator: ", ")) \(names.count == 1 ? "has" : "have") \(excluded[names[0]]!): the workspace leaves \(names.count == 1 ? "it" : "them") out (`mode: exclude`); copy into PostgreSQL to keep \(names.count == 1 ? "it" : "them")"
    }

    /// What `init` and `check` say of the schemas a source URL does not copy (`UND-I002`): each
    /// with its tables, and the URL parameter that copies them too. Nil when there are none.
    public static func schemasNotCopiedNote(_ others: [(name: String, tables: Int)], copied: [String]) -> String? {
        guard !others.isEmpty else { return nil }
        func named(_ name: String) -> String {
            name.range(of: "^[a-z_][a-z0-9_$]*$", options: .regularExpression) != nil ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let listed = others.map { "\(named($0.name)) (\($0.tables) table\($0.tables == 1 ? "" : "s"))" }.joined(separator: ", ")
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let parameter = (copied + others.map(\.name)).map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }.joined(separator: ",")
        return "the source database has schemas this workspace neither copies nor scans: \(listed); to copy them too, name them in the source URL: ?schema=\(parameter) (a PostgreSQL destination's URL then names as many schemas, in the same order)"
    }
}
