import Foundation
import UnderstudyCore

/// Writes a run into a SQLite file: everything goes to a temporary file in the same folder,
/// which replaces the destination by an atomic rename only after verification.
///
/// One run at a time per destination (``DestinationLock``); the staging file's name is the run's
/// own (`<destination>.understudy-tmp-<pid>-<random>`), and staging files of runs that died are
/// removed once the lock is held, since no live run can own them then.
public final class SQLiteDestination: DirectCopyDestination, NotingDestination {
    public let path: String
    let stagingPath: String
    static let stagingMarker = ".understudy-tmp"
    var lock: DestinationLock?
    /// The source file, attached read-only so that unchanged tables copy inside SQLite.
    let sourcePath: String?
    static let sourceAlias = "understudy_source"
    var attached = false
    var connection: SQLiteConnection?
    var inserts: [String: SQLiteStatement] = [:]
    /// Another engine's CHECKs the file keeps (`table\u{1F}constraint`), named in no report.
    var checksKept: Set<String> = []
    /// Unique keys of another engine's that take one NULL (`NULLS NOT DISTINCT`) kept so, by table and name.
    var nullsNotDistinctKept: Set<String> = []
    public var earlierCopyTables: Set<String> = []
    /// What of another engine's table definitions SQLite cannot hold, named in the report: generated
    /// columns it cannot compute (plain columns, left empty), domain CHECKs it cannot read.
    var definitionsLeftOut: [String] = []
    /// The source file's settings (``SchemaObject/Kind/setting``).
    var settings: [SchemaObject] = []
    /// What the copy could not hold as another engine's source had it (``NotingDestination``).
    public private(set) var notes: [RunReport.Finding] = []
    /// Another engine's decimal columns, by table (SQLite holds a number in 15 significant digits),
    /// and how many values of each lost digits.
    var decimalColumns: [String: Set<String>] = [:]
    /// Another engine's columns of a time with its zone, by table (``utcZone``).
    var zonedColumns: [String: Set<String>] = [:]
    /// The zone a copy writes after a time of another engine's zoned type: PostgreSQL's `+00` (and
    /// a `timetz`'s `+05`) as `+00:00`, the form SQLite's date functions read (`date(x)` was NULL).
    public static let utcZone = "+00:00"
    var digitsLost: [String: [String: Int]] = [:]

    /// Prepares to write `path`; refuses a missing folder, or the source's own file.
    /// `path` with symbolic links of its last component followed (a chain of them, relative ones
    /// from their own folder), whether or not the final target exists yet.
    static func followingLinks(_ path: String) -> String {
        var current = URL(fileURLWithPath: path).standardized.path
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            current = target.hasPrefix("/") ? URL(fileURLWithPath: target).standardized.path
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).standardized.path
        }
        return current
    }

    public init(path given: String, sourcePath: String? = nil) throws(AdapterError) {
        // A destination that is a symbolic link (`dev.db -> /srv/app/data.db`) is its target: the
        // copy is built beside the target and renamed over it (the link was replaced by a file, and
        // the application kept reading the old data through nothing), and one lock guards the
        // target however it is reached.
        let path = Self.followingLinks(given)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AdapterError(code: .cannotOpen, message: "the destination folder \(folder) does not exist; create it or fix the destination URL", place: path)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw AdapterError(
                code: .cannotOpen,
                message: "the destination is a folder; name a database file in it, e.g. sqlite://\(URL(fileURLWithPath: path).appendingPathComponent("copy.db").path)",
                place: path)
        }
        // A device, a pipe or a socket is no file a copy may replace (`sqlite:///dev/null` was
        // renamed over: the device gone, a file in its place), and a pipe is not read (its open
        // waits for a writer).
        if let kind = FileReplacement.streamKind(path) {
            throw AdapterError(
                code: .cannotOpen,
                message: "the destination is \(kind), not a database file (a run replaces the destination whole); name a database file, e.g. sqlite:///tmp/copy.db",
                place: path)
        }
        if let sourcePath, Self.sameFile(sourcePath, path) {
            throw AdapterError(code: .sameAsSource, message: "the destination is the source database itself; the source is never written, choose another destination file", place: path)
        }
        // A run replaces the destination whole: an existing file that is no SQLite database (the
        // workspace itself, after a slip in its URL; someone's notes) is no earlier copy, and is kept.
        var isDatabase = false
        if let handle = FileHandle(forReadingAtPath: path) {
            let header = (try? handle.read(upToCount: 16)) ?? Data()
            try? handle.close()
            isDatabase = header == Data("SQLite format 3\0".utf8)
            if !header.isEmpty, !isDatabase {
                throw AdapterError(
                    code: .cannotOpen,
                    message: "the destination exists and is not a SQLite database (a run replaces the destination whole, so it would be lost); fix the destination URL, or remove the file if it is to be replaced",
                    place: path)
            }
        }
        self.path = path
        self.sourcePath = sourcePath
        existedAsDatabase = isDatabase
        stagingPath = path + Self.stagingMarker + "-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }

    /// Whether two paths name one file: the same path once links are resolved, or the same device
    /// and inode (a hard link, a bind mount, another spelling the path does not show).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let ra = URL(fileURLWithPath: a).resolvingSymlinksInPath().path
        let rb = URL(fileURLWithPath: b).resolvingSymlinksInPath().path
        if ra == rb { return true }
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    public var displayName: String { "sqlite://\(path)" }

    /// The name another engine's index gets in the file, when it is rebuilt from its columns
    /// (expression and partial indexes, and those of constraints, are not). Index names are a
    /// schema's in PostgreSQL and the file's in SQLite: with several schemas, prefixed by the table's.
    static func rebuiltIndexName(_ index: Index, of table: Table, in schema: DatabaseSchema) -> String? {
        // (Not one of expressions: `(org, lower(handle))` on org alone is another key; nor one with
        // INCLUDE columns, which are no keys.)
        guard !index.isConstraint, index.predicate == nil, !index.columns.isEmpty, !index.hasExpressions else { return nil }
        return indexName(index, of: table, in: schema)
    }

    /// The key of a unique index that takes one NULL, as SQLite can say it: each column with NULL
    /// written as a mark no value of its type equals (`coalesce("tenant", X'00')`: an integer, a
    /// real or a text never equals a blob). Nil where the key takes any number of NULLs (no `NULLS
    /// NOT DISTINCT` in `definition`) or holds bytes, whose values may be any blob.
    static func nullsNotDistinctKeys(_ columns: [String], definition: String?, of table: Table, engine: DatabaseEngine) -> String? {
        guard let definition, definition.range(of: "NULLS NOT DISTINCT", options: .caseInsensitive) != nil, !columns.isEmpty else { return nil }
        let named = columns.compactMap { name in table.columns.first { $0.name == name } }
        guard named.count == columns.count, !named.contains(where: { SQLiteDDL.type(for: $0, engine: engine) == "BLOB" }) else { return nil }
        return named.map { "coalesce(\(quoted($0.name)), X'00')" }.joined(separator: ", ")
    }

    /// The file's name for another engine's index: with several schemas, prefixed by its table's.
    static func indexName(_ index: Index, of table: Table, in schema: DatabaseSchema) -> String {
        let namespace = schema.namespaces.flatMap { namespaces in DatabaseSchema.locate(table.name, among: namespaces).map { namespaces[$0.index] } }
        return namespace.map { "\($0).\(index.name)" } ?? index.name
    }

    /// Pairs of names another engine tells apart by case alone (PostgreSQL's `"Users"` and `users`),
    /// which SQLite takes for one: tables and indexes (one namespace in SQLite), and each table's
    /// columns. None for a SQLite source.
    static func namesDifferingInCase(_ schema: DatabaseSchema) -> [String] {
        guard schema.engine != .sqlite else { return [] }
        func folded(_ name: String) -> String { String(name.unicodeScalars.map { $0.value >= 65 && $0.value <= 90 ? Character(Unicode.Scalar($0.value + 32)!) : Character($0) }) }
        func clashes(_ names: [(kind: String, name: String)], suffix: String = "") -> [String] {
            var seen: [String: (kind: String, name: String)] = [:]
            var found: [String] = []
            for entry in names {
                if let earlier = seen[folded(entry.name)] {
                    found.append(suffix.isEmpty ? "\(earlier.kind) \(earlier.name) and \(entry.kind) \(entry.name)" : "\(entry.kind)s \(earlier.name) and \(entry.name)\(suffix)")
                } else {
                    seen[folded(entry.name)] = entry
                }
            }
            return found
        }
        var found = clashes(schema.tables.map { ("table", $0.name) } + schema.tables.flatMap { table in
            table.indexes.compactMap { index in rebuiltIndexName(index, of: table, in: schema).map { ("index", $0) } }
        })
        for table in schema.tables { found += clashes(table.columns.map { ("column", $0.name) }, suffix: " of table \(table.name)") }
        return found
    }

    /// Refuses, before any write, to replace an existing database whose tables hold rows and are none
    /// of the source's (compared as SQLite compares names, without case): no earlier copy, which has
    /// the source's tables or most of them, but another application's file behind a slip in the URL
    /// (`sqlite:app.db` for `sqlite:app-copy.db`). The run replaced it whole without a word.
    public func refuseOtherData(schema: DatabaseSchema) throws {
        guard existedAsDatabase else { return }
        let existing = try SQLiteConnection(path: path, readOnly: true)
        defer { existing.close() }
        let names = try existing.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name", place: path
        ).compactMap { $0.first?.text }
        let source = Set((schema.tables.map(\.name) + earlierCopyTables).map { $0.lowercased() })
        guard !names.isEmpty, !names.contains(where: { source.contains($0.lowercased()) }) else { return }
        let holding = try names.filter { name in
            try existing.query("SELECT EXISTS (SELECT 1 FROM \(quoted(name)))", place: "\(path): table \(name)").first?.first?.int == 1
        }
        guard !holding.isEmpty else { return }
        throw AdapterError(
            code: .cannotOpen,
            message: "the destination holds tables with rows, none of them the source's (\(holding.prefix(6).joined(separator: ", "))\(holding.count > 6 ? " and \(holding.count - 6) more" : "")): it is no copy this workspace made, and a run replaces the destination whole, so they would be lost; nothing was written. Check the destination URL, or remove the file if it is to be replaced",
            place: path)
    }

    /// The destination was a SQLite database when the run opened it (the header read then).
    let existedAsDatabase: Bool

    /// Another engine's tables a SQLite file cannot hold: names told apart by case alone, a table of
    /// no columns, a name SQLite keeps for itself (`sqlite_…`, refused at CREATE with SQLite's own
    /// words). Each is named; the first kind found is the refusal.
    public func refusal(of schema: DatabaseSchema) -> AdapterError? {
        let clashes = Self.namesDifferingInCase(schema)
        if !clashes.isEmpty {
            return AdapterError(
                code: .unsupportedSchema,
                message: "\(clashes.joined(separator: "; ")): SQLite does not tell such names apart (it ignores the case of letters A–Z), so the file cannot hold both; copy into PostgreSQL, or rename one of each pair in a copy of the source",
                place: path)
        }
        if let table = schema.tables.first(where: { $0.columns.isEmpty }) {
            return AdapterError(
                code: .unsupportedSchema,
                message: "table \(table.name) has no columns, which a SQLite file cannot hold; leave it out (`mode: exclude` under tables), or copy it into PostgreSQL",
                place: "\(path): table \(table.name)")
        }
        let reserved = schema.engine == .sqlite ? [] : (schema.tables.map { ("table", $0.name) } + schema.views.map { ("view", $0.name) })
            .filter { $0.1.lowercased().hasPrefix("sqlite_") }
        if !reserved.isEmpty {
            return AdapterError(
                code: .unsupportedSchema,
                message: "\(reserved.map { "\($0.0) \($0.1)" }.joined(separator: ", ")): SQLite keeps names beginning with sqlite_ for itself, so the file cannot hold \(reserved.count == 1 ? "it" : "them"); copy into PostgreSQL, or rename \(reserved.count == 1 ? "it" : "them") in a copy of the source",
                place: path)
        }
        return nil
    }

    public func prepare(schema: DatabaseSchema) throws {
        if let refusal = refusal(of: schema) { throw refusal }
        try refuseOtherData(schema: schema)
        notes = []
        digitsLost = [:]
        decimalColumns = Self.otherEngineColumns(of: schema) { $0.logicalType == .decimal }
        zonedColumns = Self.otherEngineColumns(of: schema) { Self.isZoned($0.declaredType) }
        lock = try DestinationLock(destination: path)
        removeStaleStaging()
        InterruptCleanup.register(stagingPath)
        let db = try SQLiteConnection(path: stagingPath, readOnly: false, create: true)
        connection = db
        // What the file's format keeps, set before anything is written to it: page size, auto-vacuum, encoding.
        settings = schema.engine == .sqlite ? schema.objects.filter { $0.kind == .setting } : []
        for setting in settings where ["page_size", "auto_vacuum", "encoding"].contains(setting.name) {
            try db.execute(setting.definitionSQL, place: "\(path): \(setting.label)")
        }
        // The staging file is thrown away on any failure, so no journal is needed while loading.
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA main.locking_mode = EXCLUSIVE; PRAGMA foreign_keys = OFF;")
        if let sourcePath {
            // mode=ro: SQLite itself refuses any write through this attachment.
            let uri = SQLiteSource.readingURI(sourcePath, SQLiteSource.walInReadOnlyFolder(sourcePath))
            try db.execute("ATTACH DATABASE '\(uri.replacingOccurrences(of: "'", with: "''"))' AS \(Self.sourceAlias)", place: sourcePath)
            attached = true
        }
        try db.execute("BEGIN")
        // The attached source is read from here to the end in one snapshot (in WAL mode): the tables
        // copied straight from it agree with each other, taken moments after the source's own.
        if attached { _ = try db.query("SELECT count(*) FROM \(Self.sourceAlias).sqlite_master", place: sourcePath ?? path) }
        let functions = PostgresViewExpressions.functions(of: schema)
        // (Read once for every table.)
        let domains = Dictionary(schema.domains.map { (Self.typeName($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let enums = Dictionary(schema.enums.map { (Self.typeName($0.name), $0.labels) }, uniquingKeysWith: { first, _ in first })
        let noCaseCollations = Self.caseInsensitiveCollations(of: schema)
        for table in schema.tables {
            let sql = schema.engine == .sqlite
                ? (table.definitionSQL ?? SQLiteDDL.createTable(table, engine: schema.engine))
                : SQLiteDDL.createTable(
                    table, engine: schema.engine, checks: try checksSQLiteReads(of: table, engine: schema.engine, domains: domains, enums: enums, functions: functions, db: db),
                    generated: try generatedColumnsSQLiteComputes(of: table, engine: schema.engine, functions: functions, db: db),
                    noCase: Self.caseInsensitiveColumns(of: table, engine: schema.engine, domains: domains, collations: noCaseCollations))
            try db.execute(sql, place: "\(path): table \(table.name)")
        }
    }

    /// Another engine's CHECKs of `table` that SQLite reads, each tried alone on a probe table of
    /// the same columns (SQLite refuses, at CREATE TABLE, a CHECK of a function or operator it has
    /// not); the others are named in the report. A table's inherited CHECKs are its own here, and so
    /// are the NOT NULL and CHECKs of the domains its columns are of (`released year`: `VALUE >=
    /// 1901` on `released`), which SQLite, without domains, keeps nowhere else; and a column of an
    /// enum (or a domain over one) keeps its labels, `CHECK ("rating" IN ('G', 'PG', …))` (pagila's
    /// `mpaa_rating` took any text).
    /// `domains`, `enums` (their labels): the schema's, by ``typeName(_:)``.
    func checksSQLiteReads(of table: Table, engine: DatabaseEngine, domains: [String: View], enums: [String: [String]] = [:], functions: Set<String>, db: SQLiteConnection) throws -> [String] {
        func reads(_ check: String) throws -> Bool { try readsOnProbe(table, engine: engine, checks: [check], db: db) }
        // PostgreSQL's functions, casts of dates and date arithmetic in SQLite's words, by the
        // table's column kinds: a cast dropped (`created::date <= due` as `created <= due`) compared
        // a timestamp's text with a date's, and the copy refused the source's own rows.
        let expressions = engine == .postgres ? PostgresViewExpressions(table: table, functions: functions) : nil
        func translated(_ constraint: ConstraintDefinition) -> ConstraintDefinition? {
            guard let expressions else { return constraint }
            return expressions.translate(constraint.definition).map { ConstraintDefinition(kind: constraint.kind, name: constraint.name, definition: $0) }
        }
        var kept: [String] = []
        for constraint in table.constraints {
            guard let check = translated(constraint)?.sqliteCheck, try reads(check) else { continue }
            kept.append(check)
            checksKept.insert(table.name + "\u{1F}" + constraint.name)
        }
        for column in table.columns {
            let chain = Self.domainChain(of: column, among: domains)
            // (SQLite's `IN ()` is false even for NULL: an enum of no label holds NULL alone.)
            if let labels = enums[chain.base] {
                kept.append(labels.isEmpty ? "CHECK (\(quoted(column.name)) IS NULL)"
                    : "CHECK (\(quoted(column.name)) IN (\(labels.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", "))))")
            }
            // The column's domain, and the domains it is over in turn.
            for (label, constraints) in chain.domains {
                var checks = constraints.checks.map { (name: $0.name, definition: DomainConstraints.check($0.definition, on: quoted(column.name))) }
                if constraints.notNull { checks.insert((name: "NOT NULL", definition: "CHECK (\(quoted(column.name)) IS NOT NULL)"), at: 0) }
                for check in checks {
                    if let sql = translated(ConstraintDefinition(kind: "c", name: check.name, definition: check.definition))?.sqliteCheck, try reads(sql) {
                        kept.append(sql)
                    } else {
                        definitionsLeftOut.append("\(check.name == "NOT NULL" ? "NOT NULL" : "check \(check.name)") of domain \(label) on \(table.name).\(column.name)")
                    }
                }
            }
        }
        return kept
    }

    /// The domains a column is of — its type's, then the one that is over in turn — by name, with
    /// their constraints; and the type under the last (its own type where it is of none).
    static func domainChain(of column: Column, among domains: [String: View]) -> (domains: [(name: String, constraints: DomainConstraints)], base: String) {
        var chain: [(name: String, constraints: DomainConstraints)] = []
        var type = typeName(column.declaredType), seen: Set<String> = []
        while let domain = domains[type], let constraints = DomainConstraints(domain.definitionSQL), seen.insert(type).inserted {
            chain.append((typeName(domain.name), constraints))
            type = typeName(constraints.base)
        }
        return (chain, type)
    }

    /// The columns of another engine's table whose text compares without case: PostgreSQL's
    /// citext, a domain over it (``domainChain(of:among:)``), a nondeterministic ICU collation of strength 1 or 2 that does not
    /// keep case (`und-u-ks-level2`). SQLite's `NOCASE` folds ASCII letters only, so it is stricter
    /// than theirs: what was unique stays unique. (They became plain TEXT: the copy's lookups by
    /// email missed in another case, and its unique logins took a second `ANA`.)
    /// `domains`: the schema's, by ``typeName(_:)``; `collations`: ``caseInsensitiveCollations(of:)``.
    static func caseInsensitiveColumns(of table: Table, engine: DatabaseEngine, domains: [String: View], collations: Set<String>) -> Set<String> {
        guard engine == .postgres else { return [] }
        return Set(table.columns.filter { column in
            if let collation = column.collation, collations.contains(typeName(collation)) { return true }
            return domainChain(of: column, among: domains).base.lowercased() == "citext"
        }.map(\.name))
    }

    /// The schema's nondeterministic ICU collations that do not keep case, by ``typeName(_:)``.
    static func caseInsensitiveCollations(of schema: DatabaseSchema) -> Set<String> {
        Set(schema.objects.filter { object in
            object.kind == .collation && object.definitionSQL.contains("deterministic = false")
                && (object.definitionSQL.contains("ks-level2") || object.definitionSQL.contains("ks-level1") && !object.definitionSQL.contains("kc-true"))
        }.map { typeName($0.name) })
    }

    /// A type's name without its schema and quotes (`public."Code"` → `Code`), as domains are matched.
    static func typeName(_ text: String) -> String {
        guard let last = text.firstMatch(of: #/("(?:[^"]|"")+"|[^."]+)$/#)?.1 else { return text }
        return last.hasPrefix("\"") ? String(last.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : String(last)
    }

    /// Another engine's generated columns of `table` that SQLite computes, each expression (casts
    /// dropped) tried alone on a probe table: SQLite computes them from the copy's own values, as
    /// the source's engine did (the source's computed values, of values the run may replace, are
    /// never read). The others are plain columns left empty, named in the report.
    func generatedColumnsSQLiteComputes(of table: Table, engine: DatabaseEngine, functions: Set<String>, db: SQLiteConnection) throws -> [String: String] {
        var kept: [String: String] = [:]
        let expressions = engine == .postgres ? PostgresViewExpressions(table: table, functions: functions) : nil
        for column in table.columns where column.isGenerated {
            // (A translation refused is no expression: the source's may read in SQLite and mean something else.)
            guard let expression = column.defaultExpression.flatMap({ expression in expressions.map { $0.translate(expression) } ?? expression }).map(Index.withoutCasts),
                  try readsOnProbe(table, engine: engine, generated: [column.name: expression], db: db) else {
                definitionsLeftOut.append("generated column \(table.name).\(column.name) (\(column.defaultExpression ?? "")): empty in the copy")
                continue
            }
            kept[column.name] = expression
        }
        return kept
    }

    /// Whether SQLite takes `table` with `checks` and `generated` columns (it reads their SQL when
    /// the table is made): tried on a probe table, dropped after.
    func readsOnProbe(_ table: Table, engine: DatabaseEngine, checks: [String] = [], generated: [String: String] = [:], db: SQLiteConnection) throws -> Bool {
        guard (try? db.execute(SQLiteDDL.createTable(table, engine: engine, checks: checks, generated: generated, as: "understudy_probe"))) != nil else { return false }
        try db.execute("DROP TABLE understudy_probe", place: "\(path): table \(table.name)")
        return true
    }

    public func write(_ batch: RowBatch, into table: Table) throws {
        guard let db = connection else { return }
        let statement: SQLiteStatement
        if let cached = inserts[table.name] {
            statement = cached
        } else {
            let names = batch.columnNames.map(quoted).joined(separator: ", ")
            let marks = Array(repeating: "?", count: batch.columnNames.count).joined(separator: ", ")
            statement = try db.prepare("INSERT INTO \(quoted(table.name)) (\(names)) VALUES (\(marks))", place: "\(path): table \(table.name)")
            inserts = [table.name: statement]
        }
        let width = batch.columns.count
        if let decimals = decimalColumns[table.name] {
            for (c, name) in batch.columnNames.enumerated() where decimals.contains(name) {
                let lost = batch.columns[c].reduce(0) { count, value in
                    if case .text(let text) = value, Self.losesDigits(text) { return count + 1 }
                    return count
                }
                if lost > 0 { digitsLost[table.name, default: [:]][name, default: 0] += lost }
            }
        }
        let zoned = zonedColumns[table.name].map { names in Set(batch.columnNames.indices.filter { names.contains(batch.columnNames[$0]) }) } ?? []
        for row in 0..<batch.count {
            for c in 0..<width {
                let value = batch.columns[c][row]
                if !zoned.isEmpty, zoned.contains(c), case .text(let text) = value, let written = Self.withSQLiteZone(text) {
                    statement.bind(.text(written), at: c)
                } else {
                    statement.bind(value, at: c)
                }
            }
            do {
                _ = try statement.step()
            } catch {
                throw AdapterError(
                    code: .writeFailed, message: "cannot insert row \(batch.firstOrdinal + Int64(row) + 1) of table \(table.name)" + (db.writeRefused.map { ": " + $0 } ?? ""),
                    place: path, underlying: error.underlying)
            }
            statement.reset()
        }
    }

    /// Another engine's columns that `holds` picks, by table (none for a SQLite source).
    static func otherEngineColumns(of schema: DatabaseSchema, _ holds: (Column) -> Bool) -> [String: Set<String>] {
        guard schema.engine != .sqlite else { return [:] }
        return Dictionary(uniqueKeysWithValues: schema.tables.compactMap { table in
            let names = Set(table.columns.filter(holds).map(\.name))
            return names.isEmpty ? nil : (table.name, names)
        })
    }

    /// Whether a declared type of another engine is a time with its zone (`timestamp with time
    /// zone`, `timestamptz`, `time with time zone`, `timetz`; not an array of them).
    static func isZoned(_ declared: String) -> Bool {
        let type = declared.lowercased()
        return type.hasSuffix("with time zone") || type == "timestamptz" || type == "timetz" || type.hasPrefix("timestamptz(") || type.hasPrefix("timetz(")
    }

    /// A time whose zone is written in hours alone (`2024-03-01 13:45:00+00`, `13:45:00.5-05`) with
    /// its minutes (`+00:00`), as SQLite reads a zone; nil for any other text (`infinity`, a zone with
    /// its minutes already, a date before Christ).
    static func withSQLiteZone(_ text: String) -> String? {
        let u = Array(text.utf8)
        func digit(_ k: Int) -> Bool { k >= 0 && k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
        // `±HH` at the end, after the seconds (`:SS`, `:SS.ffffff`): not a date's `-01`.
        let sign = u.count - 3
        guard sign >= 3, u[sign] == 0x2B || u[sign] == 0x2D, digit(sign + 1), digit(sign + 2) else { return nil }
        var k = sign - 1
        if digit(k) && u.prefix(sign).contains(0x2E) {
            while digit(k) { k -= 1 }
            guard k >= 0, u[k] == 0x2E else { return nil }
            k -= 1
        }
        guard digit(k), digit(k - 1), k >= 2, u[k - 2] == 0x3A else { return nil }
        return text + ":00"
    }

    /// Whether SQLite keeps fewer digits of a decimal number than its text has: a number that is
    /// not an integer of 64 bits is held as a double, 15 significant digits.
    static func losesDigits(_ text: String) -> Bool {
        var significant = 0, trailingZeros = 0, integer = true, leading = true
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "0"):
                if !leading { significant += 1; trailingZeros += 1 }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                leading = false
                significant += 1
                trailingZeros = 0
            case UInt8(ascii: "."): integer = false
            case UInt8(ascii: "-"), UInt8(ascii: "+"): continue
            default: return false  // an exponent (never from PostgreSQL's numeric text), NaN, Infinity: kept as written
            }
        }
        if integer { return Int64(text) == nil && significant > 15 }
        return significant - trailingZeros > 15
    }

    /// The report's warnings for a copy of another engine's schema: the objects the file has not
    /// got (each named: a view SQLite cannot read, PostgreSQL's functions, triggers, sequences,
    /// indexes with a condition or expressions, checks, policies…), and the columns whose numbers
    /// lost digits.
    /// `unread`: what SQLite could not read as the copy was made (views, indexes, generated columns, domain CHECKs).
    static func notes(missing unread: [String], schema: DatabaseSchema, checksKept: Set<String> = [], nullsNotDistinctKept: Set<String> = [], digitsLost: [String: [String: Int]]) -> [RunReport.Finding] {
        var missing = unread
        missing += schema.functions.map { "function \($0.name)" } + schema.triggers.map { "trigger \($0.name) on \($0.table)" }
        missing += schema.sequences.filter { $0.ownerTable == nil }.map { "sequence \($0.name)" }
        for table in schema.tables {
            missing += table.foreignKeys.filter { $0.referencedSchema != nil }.map { "foreign key \(table.name).\($0.constraintName ?? "?") (to \($0.referencedTable), not copied)" }
            missing += table.constraints.filter { ($0.kind == "c" || $0.kind == "x") && $0.isInherited != true && !checksKept.contains(table.name + "\u{1F}" + $0.name) }
                .map { "\($0.kind == "c" ? "check" : "exclusion constraint") \($0.name) on \(table.name)" }
            // (SQLite's unique keys take any number of NULLs.)
            missing += (table.constraints.filter { $0.kind == "u" }.map { ($0.name, $0.definition) } + table.indexes.compactMap { index in index.definitionSQL.map { (index.name, $0) } })
                .filter { $0.1.range(of: "NULLS NOT DISTINCT", options: .caseInsensitive) != nil && !nullsNotDistinctKept.contains(table.name + "\u{1F}" + $0.0) }
                .map { "NULLS NOT DISTINCT of \($0.0) on \(table.name)" }
            if let parents = table.inheritance?.parents, !parents.isEmpty {
                missing.append("inheritance of \(table.name) from \(parents.joined(separator: ", ")) (a query of \(parents.count == 1 ? parents[0] : "them") reads \(table.name)'s rows in the source, not in the copy)")
            }
            if let partitions = table.partitioning?.partitions, !partitions.isEmpty {
                // Many (a month each for years) are counted, in their names' numeric order, not listed.
                let names = partitions.map(\.name).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
                missing.append(names.count <= 6
                    ? "partitions \(names.joined(separator: ", ")) of \(table.name) (their rows are in \(table.name))"
                    : "\(names.count) partitions of \(table.name) (\(names.prefix(3).joined(separator: ", ")) … \(names.last!); their rows are in \(table.name))")
            }
            missing += table.columns.filter { column in
                guard !column.isGenerated, let expression = column.defaultExpression else { return false }
                let isRowID = table.isSQLiteRowID(column, declaredType: SQLiteDDL.type(for: column, engine: schema.engine))
                return SQLiteDDL.sqliteDefault(expression, for: column, isRowID: isRowID) == .notHeld
            }.map { "default of \(table.name).\($0.name) (\($0.defaultExpression ?? ""))" }
        }
        let metadata: Set<SchemaObject.Kind> = [.comment, .grant, .schemaGrant, .schemaComment, .tableSettings, .statistics, .setting]
        missing += schema.objects.filter { !metadata.contains($0.kind) }.map(\.label)
        var notes = [RunReport.Finding.leftOut(
            missing, because: "a SQLite file has no place for them (or SQLite cannot read their SQL)",
            fix: "copy into \(schema.engine == .postgres ? "PostgreSQL" : "the source's engine") to keep them")].compactMap { $0 }
        for (table, columns) in digitsLost.sorted(by: { $0.key < $1.key }) {
            for (column, count) in columns.sorted(by: { $0.key < $1.key }) {
                notes.append(.init(
                    id: "UND-W011", severity: .warning, table: table, column: column,
                    message: "\(count) value\(count == 1 ? "" : "s") with more than 15 significant digits: SQLite holds a number that is not a 64-bit integer as a double, so the copy has the nearest one; copy into PostgreSQL to keep every digit"))
            }
        }
        return notes
    }

    public func copyUnchanged(_ table: Table, from source: any DatabaseSource) throws -> Int64? {
        guard attached, let db = connection, let source = source as? SQLiteSource, source.path == sourcePath else { return nil }
        let target = "main.\(quoted(table.name))", origin = "\(Self.sourceAlias).\(quoted(table.name))"
        let sql: String
        if table.columns.contains(where: \.isGenerated) || table.definitionSQL == nil || table.isVirtual {
            let names = table.storedColumns.map { quoted($0.name) }.joined(separator: ", ")
            let order = SQLiteSource.order(of: table)
            sql = "INSERT INTO \(target) (\(names)) SELECT \(names) FROM \(origin)" + (order.isEmpty ? "" : " ORDER BY \(order)")
        } else {
            // Same definition on both sides: SQLite's transfer optimisation copies the records as they are, in key order.
            sql = "INSERT INTO \(target) SELECT * FROM \(origin)"
        }
        do {
            try db.execute(sql, place: "\(path): table \(table.name)")
        } catch {
            // The staging file is this run's own: what is damaged is the attached source.
            guard let damaged = db.damaged(source.path) else { throw error }
            throw AdapterError(code: .readFailed, message: damaged, place: "\(source.path): table \(table.name)", underlying: error.underlying)
        }
        return db.changes
    }

    public func finishLoading(schema: DatabaseSchema) throws {
        guard let db = connection else { return }
        inserts = [:]
        var indexesLeftOut: [String] = []
        let functions = PostgresViewExpressions.functions(of: schema)
        for table in schema.tables {
            for index in table.indexes where !index.isConstraint {
                if schema.engine == .sqlite {
                    guard let sql = index.definitionSQL else { continue }
                    try db.execute(sql, place: "\(path): index \(index.name)")
                } else if let name = Self.rebuiltIndexName(index, of: table, in: schema) {
                    let keys = index.isUnique ? Self.nullsNotDistinctKeys(index.columns, definition: index.definitionSQL, of: table, engine: schema.engine) : nil
                    try db.execute("CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quoted(name)) ON \(quoted(table.name)) (\(keys ?? index.columns.map(quoted).joined(separator: ", ")))",
                                   place: "\(path): index \(index.name)")
                    if keys != nil { nullsNotDistinctKept.insert(table.name + "\u{1F}" + index.name) }
                } else if let sql = Self.translated(index, of: table, functions: functions).sqliteDefinition(name: quoted(Self.indexName(index, of: table, in: schema)), table: quoted(table.name)),
                          (try? db.execute(sql)) != nil {
                    continue  // (an index of expressions or with a condition, as SQLite reads it)
                } else {
                    indexesLeftOut.append("index \(index.name) on \(table.name)")
                }
            }
            // A unique constraint that takes one NULL: its columns' unique index in the table takes
            // any number, so an index of the same name beside it takes one.
            guard schema.engine != .sqlite else { continue }
            for constraint in table.constraints where constraint.kind == "u" {
                guard let index = table.indexes.first(where: { $0.isConstraint && $0.name == constraint.name }),
                      let keys = Self.nullsNotDistinctKeys(index.columns, definition: constraint.definition, of: table, engine: schema.engine) else { continue }
                try db.execute("CREATE UNIQUE INDEX \(quoted(Self.indexName(index, of: table, in: schema))) ON \(quoted(table.name)) (\(keys))", place: "\(path): constraint \(constraint.name)")
                nullsNotDistinctKept.insert(table.name + "\u{1F}" + constraint.name)
            }
        }
        if schema.engine == .sqlite {
            // Full-text indexes over the copied rows, rebuilt from them (de-identified as they are),
            // before the triggers that keep them current would fire.
            for object in schema.objects where object.kind == .textIndex {
                try db.execute(object.definitionSQL, place: "\(path): \(object.label)")
                if let content = object.table {
                    // (One the source cannot rebuild either — it reads a column its table lacks, or a
                    // table that is gone — is kept as the source has it, and named.)
                    if let unread = try Self.unreadContent(of: object.name, content: content, definition: object.definitionSQL, db) {
                        notes.append(RunReport.Finding(
                            id: "UND-W028", severity: .warning, table: content, column: nil,
                            message: "\(object.label) reads \(unread), as in the source, where it cannot be rebuilt or queried either: created as the source has it and not rebuilt, so its queries fail in the copy as they do there; fix its definition in the source (or drop it)"))
                        continue
                    }
                    try db.execute("INSERT INTO \(quoted(object.name)) (\(quoted(object.name))) VALUES ('rebuild')", place: "\(path): \(object.label)")
                }
            }
            // Views before the triggers: a view's own (`INSTEAD OF INSERT ON contact_names`) needs it.
            for view in schema.views { try db.execute(view.definitionSQL, place: "\(path): view \(view.name)") }
            for trigger in schema.triggers { try db.execute(trigger.definitionSQL, place: "\(path): trigger \(trigger.name)") }
        } else {
            // Another engine's views are kept when SQLite reads their SQL, and said otherwise.
            var missing = indexesLeftOut + definitionsLeftOut
            // (SQLite checks a view's functions and tables when it is read, not made: one calling a
            // function SQLite has not was kept, and failed each query of it.)
            // (PostgreSQL's views as it writes them back — options, casts, `= ANY (ARRAY[…])`, NULL's
            // place in an order — and its materialized views are translated where SQLite can say the
            // same: ``PostgresViewSQL``; only the translation is tried, as the source's SQL may read in
            // SQLite and mean something else: `CURRENT_DATE - 7`, a schema's own `group_concat`.)
            let expressions = PostgresViewExpressions(schema: schema)
            // Whether SQLite made the view and reads it; when it does not, the views the statement made
            // are dropped, by the names SQLite gave them (a DROP by the expected name failed the run when
            // the statement had named it otherwise; the load runs without a journal, so no savepoint undoes it).
            // The file's views are read once, and again only after a view SQLite does not read.
            func views() throws -> Set<String> {
                Set(try db.query("SELECT name FROM sqlite_schema WHERE type = 'view'").compactMap { $0.first?.text })
            }
            var kept = try views()
            func made(_ statement: String, _ view: View) throws -> Bool {
                guard (try? db.execute(statement)) != nil else { return false }
                if (try? db.prepare("SELECT * FROM \(quoted(view.name))", place: path)) != nil {
                    kept.insert(view.name)
                    return true
                }
                for name in try views().subtracting(kept) { try db.execute("DROP VIEW \(quoted(name))", place: "\(path): view \(view.name)") }
                return false
            }
            // Several schemas in one file: a view's name and the relations it reads are the file's `schema.name`.
            let relations = schema.namespaces == nil ? [] : Set(schema.tables.map(\.name) + schema.views.map(\.name))
            for view in schema.views {
                let definition = schema.namespaces.map { PostgresViewSQL.inOneNamespace(view.definitionSQL, name: view.name, namespaces: $0, relations: relations) } ?? view.definitionSQL
                if let statement = PostgresViewSQL.statement(definition, expressions: expressions), try made(statement, view) { continue }
                missing.append("\(view.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") ? "materialized view" : "view") \(view.name)")
            }
            notes = Self.notes(missing: missing, schema: schema, checksKept: checksKept, nullsNotDistinctKept: nullsNotDistinctKept, digitsLost: digitsLost)
        }
        try carryOverAutoincrementCounters(db)
        for setting in settings where ["user_version", "application_id", "analyze"].contains(setting.name) {
            try db.execute(setting.definitionSQL, place: "\(path): \(setting.label)")
        }
        try db.execute("COMMIT")
        // WAL mode, kept in the file's header (set outside a transaction; the file is closed before
        // it is renamed, so no -wal file is left beside the staging copy).
        for setting in settings where setting.name == "journal_mode" {
            try db.execute(setting.definitionSQL, place: "\(path): \(setting.label)")
        }
        if attached {
            try db.execute("DETACH DATABASE \(Self.sourceAlias)")
            attached = false
        }
    }

    /// AUTOINCREMENT counters keep the source's values (ids of deleted rows are never reused),
    /// or the copy's largest id when transformed keys went past them.
    private func carryOverAutoincrementCounters(_ db: SQLiteConnection) throws(AdapterError) {
        let alias = Self.sourceAlias
        guard attached,
              try !db.query("SELECT 1 FROM \(alias).sqlite_master WHERE name = 'sqlite_sequence'").isEmpty,
              try !db.query("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").isEmpty
        else { return }
        try db.execute("""
            UPDATE main.sqlite_sequence SET seq = max(seq, coalesce((SELECT s.seq FROM \(alias).sqlite_sequence s WHERE s.name = sqlite_sequence.name), seq));
            INSERT INTO main.sqlite_sequence (name, seq)
              SELECT s.name, s.seq FROM \(alias).sqlite_sequence s
              WHERE s.name NOT IN (SELECT name FROM main.sqlite_sequence) AND s.name IN (SELECT name FROM main.sqlite_master WHERE type = 'table');
            """, place: "\(path): sqlite_sequence")
    }

    /// A PostgreSQL index whose expressions call PostgreSQL's functions (`date_trunc`, `"left"`)
    /// with them in SQLite's words, by the table's column kinds; no definition where one cannot be.
    static func translated(_ index: Index, of table: Table, functions: Set<String>) -> Index {
        var index = index
        index.definitionSQL = index.definitionSQL.flatMap { PostgresViewExpressions(table: table, functions: functions).translate($0) }
        return index
    }

    /// UND-W024: the application's own collations the copy stood in for, and the indexes built in
    /// the stand-in's order (``SQLiteConnection/standIns``).
    static func standInNote(_ db: SQLiteConnection) throws -> RunReport.Finding? {
        let names = db.standIns.all
        guard !names.isEmpty else { return nil }
        let lowered = Set(names.map { $0.lowercased() })
        var indexes: [String] = []
        for row in try db.query("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name") {
            guard let index = row[0].text else { continue }
            // index_xinfo: seqno, cid, name, desc, coll, key.
            if try db.query("PRAGMA index_xinfo(\(quoted(index)))").contains(where: { $0[5].int == 1 && lowered.contains(($0[4].text ?? "").lowercased()) }) {
                indexes.append(index)
            }
        }
        let reindex = names.map { "`REINDEX \($0)`" }.joined(separator: ", ")
        let which = names.count == 1 ? "collation \(names[0]) is" : "collations \(names.joined(separator: ", ")) are"
        return RunReport.Finding(
            id: "UND-W024", severity: .warning, table: "*", column: nil,
            message: "the \(which) the application's own (SQLite has none by that name): the copy declares \(names.count == 1 ? "it" : "them") as the source does"
                + (indexes.isEmpty ? "" : ", and its indexes in \(names.count == 1 ? "it" : "them") (\(indexes.joined(separator: ", "))) were built in binary order as a stand-in")
                + "; the application, which defines \(names.count == 1 ? "it" : "them"), should run \(reindex) when it first opens the copy")
    }

    public func verify(schema: DatabaseSchema) throws -> Verification {
        guard let db = connection else { return Verification(rowCounts: [:], foreignKeyViolations: []) }
        var counts: [String: Int64] = [:]
        for table in schema.tables {
            counts[table.name] = try db.query("SELECT count(*) FROM \(quoted(table.name))").first?.first?.int ?? 0
        }
        // A key a PostgreSQL source added NOT VALID holds the source's orphans: not counted.
        var notValid = Set<String>()
        for table in schema.tables {
            let keys = table.foreignKeys.filter { $0.isNotValid == true }
            guard !keys.isEmpty else { continue }
            var columns: [Int64: (parent: String, from: [String])] = [:]
            for row in try db.query("PRAGMA foreign_key_list(\(quoted(table.name)))") {
                // (id, seq, parent, from, …), a key's columns in order.
                guard let id = row[0].int else { continue }
                columns[id, default: (row[2].text ?? "", [])].from.append(row[3].text ?? "")
            }
            for (id, key) in columns where keys.contains(where: { $0.referencedTable == key.parent && $0.columns == key.from }) {
                notValid.insert("\(table.name)\u{0}\(id)")
            }
        }
        // Keys SQLite cannot check fail its whole check (`foreign key mismatch`): the tables that hold
        // one are checked key by key below, those keys left out and named.
        let unchecked = schema.foreignKeysNoneCanCheck()
        let uncheckedTables = Set(unchecked.map(\.table))
        let checkRows = uncheckedTables.isEmpty
            ? try db.query("PRAGMA foreign_key_check")
            : try schema.tables.filter { !uncheckedTables.contains($0.name) }.flatMap { try db.query("PRAGMA foreign_key_check(\(quoted($0.name)))") }
        var violations: [String: Verification.ForeignKeyViolation] = [:]
        for row in checkRows {
            let table = row[0].text ?? "?", parent = row[2].text ?? "?"
            if let id = row[3].int, notValid.contains("\(table)\u{0}\(id)") { continue }
            violations["\(table)\u{0}\(parent)", default: .init(table: table, referencedTable: parent, rows: 0)].rows += 1
        }
        if !unchecked.isEmpty {
            notes.append(RunReport.Finding(
                id: "UND-W013", severity: .warning, table: "*", column: nil,
                message: "foreign keys no one can check, copied as the source has them and not checked: \(unchecked.map(\.description).joined(separator: "; ")); fix them in the source, or leave them out"))
        }
        if let note = try Self.standInNote(db) { notes.append(note) }
        // Keys declared in the workspace are not in the copy's DDL, and keys of tables that hold
        // one SQLite cannot check: checked with a query.
        for table in schema.tables {
            for key in table.foreignKeys where key.isVirtual || (uncheckedTables.contains(table.name) && !unchecked.contains { $0.table == table.name && $0.key == key }) {
                let join = zip(key.columns, key.referencedColumns).map { "p.\(quoted($1)) = c.\(quoted($0))" }.joined(separator: " AND ")
                let present = key.columns.map { "c.\(quoted($0)) IS NOT NULL" }.joined(separator: " AND ")
                let orphans = try db.query(
                    "SELECT count(*) FROM \(quoted(table.name)) c WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(quoted(key.referencedTable)) p WHERE \(join))"
                ).first?.first?.int ?? 0
                if orphans > 0 {
                    violations["\(table.name)\u{0}\(key.referencedTable)", default: .init(table: table.name, referencedTable: key.referencedTable, rows: 0)].rows += orphans
                }
            }
        }
        return Verification(rowCounts: counts, foreignKeyViolations: violations.keys.sorted().map { violations[$0]! })
    }

    public func commit() throws {
        connection = nil  // closes the file
        do {
            try fsync(path: stagingPath)
            let holders = Self.processesHolding(path)
            if rename(stagingPath, path) != 0 {
                throw AdapterError(code: .writeFailed, message: "cannot move the finished copy into place: \(String(cString: strerror(errno)))", place: path)
            }
            if !holders.isEmpty {
                notes.append(RunReport.Finding(
                    id: "UND-W022", severity: .warning, table: "*", column: nil,
                    message: "\(path) was open in \(holders.joined(separator: ", ")), which keeps reading the copy the run replaced until it opens the file again, and what it writes there meanwhile is lost; restart \(holders.count == 1 ? "it" : "them") (or stop \(holders.count == 1 ? "it" : "them") during runs)"))
            }
            InterruptCleanup.unregister(stagingPath)
            for suffix in ["-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            lock?.release()
        } catch {
            removeStaging()
            lock?.release()
            throw error
        }
    }

    /// What full-text index `index` over table `content` reads that the copy lacks, as the source
    /// does: `column body of orders`, `orders_old, which does not exist`; nil when it can be rebuilt.
    static func unreadContent(of index: String, content: String, definition: String, _ db: SQLiteConnection) throws(AdapterError) -> String? {
        let have = Set(try db.query("PRAGMA table_xinfo(\(quoted(content)))").compactMap { $0[1].text?.lowercased() })
        guard !have.isEmpty else { return "table \(content), which does not exist" }
        var wanted = try db.query("PRAGMA table_info(\(quoted(index)))").compactMap { $0[1].text }
        if let rowid = SQLiteIntrospector.option("content_rowid", in: definition), !rowid.isEmpty { wanted.append(rowid) }
        let missing = wanted.filter { !have.contains($0.lowercased()) }
        guard !missing.isEmpty else { return nil }
        return "column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) of table \(content), which has \(missing.count == 1 ? "no such column" : "none of them")"
    }

    /// Other processes that have `path` open (`pid 1234 (python3)`), read from /proc (Linux; none
    /// elsewhere, and none whose descriptors this user may not read): they keep the file a rename
    /// replaces.
    static func processesHolding(_ path: String) -> [String] {
        #if os(Linux)
        var target = stat()
        guard stat(path, &target) == 0, let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let me = getpid()
        var holders: [String] = []
        for pid in pids.compactMap(Int32.init).sorted() where pid != me {
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { continue }
            let holds = descriptors.contains { descriptor in
                var info = stat()
                return stat("/proc/\(pid)/fd/\(descriptor)", &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino
            }
            guard holds else { continue }
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            holders.append("pid \(pid)" + (name.map { " (\($0))" } ?? ""))
        }
        return holders
        #else
        return []
        #endif
    }

    private func fsync(path: String) throws(AdapterError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw AdapterError(code: .writeFailed, message: "cannot reopen the staged copy", place: path) }
        defer { close(fd) }
        _ = Foundation.fsync(fd)
    }

    public func abort() {
        inserts = [:]
        connection = nil
        removeStaging()
        lock?.release()
    }

    private func removeStaging() {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: stagingPath + suffix) }
        InterruptCleanup.unregister(stagingPath)
    }

    /// Staging files of earlier runs of this destination (killed, or of a version that named them
    /// `.understudy-tmp`): called with the lock held, so none of them belongs to a live run.
    private func removeStaleStaging() {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = url.lastPathComponent + Self.stagingMarker
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}
