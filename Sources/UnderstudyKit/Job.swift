import Foundation
import UnderstudyCore
import UnderstudyPostgres
import UnderstudySQLite

/// A workspace made ready to run: loaded, its secret resolved, its source opened and its plan
/// checked against the source schema. Nothing has been written yet. The command line and the
/// tests (and the Studio, next) run jobs through it, so a run is the same code whoever starts it.
public struct Job {
    public let workspace: Workspace
    public let key: MasterKey
    public let source: any SamplingSource
    public let schema: DatabaseSchema
    public let plan: RunPlan
    /// The destination URL as written in the workspace.
    public let destinationURL: String
    /// The destination file, when it is SQLite.
    public let destinationPath: String?
    /// Warnings from the drift guard (`unreviewed: warn`, or no reviewed schema recorded) and the workspace checks (UND-W005, W006).
    public let findings: [RunReport.Finding]
    /// The rows of the workspace's subset, when it has one (already applied to ``plan``).
    public let selection: SubsetPlanner.Selection?

    /// Loads and checks everything a run needs. Stops with ``UnreviewedSchemaError`` (exit 3)
    /// before any row is copied when the source has tables or columns nobody reviewed.
    public init(workspacePath: String, requireSecret: Bool = true) async throws {
        try await self.init(workspace: try WorkspaceLoader.load(path: workspacePath), path: workspacePath, requireSecret: requireSecret)
    }

    /// A job for a workspace already loaded (`path` names it in messages and suggested commands).
    public init(workspace: Workspace, path workspacePath: String, requireSecret: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        key = requireSecret ? try workspace.secret.resolve(in: workspace, environment: environment) : try MasterKey(material: Array("no secret: check only".utf8))
        destinationURL = workspace.destination
        do {
            if case .sqlite(let path) = try DatabaseURL(workspace.destination, role: "destination", relativeTo: workspace.baseDirectory) {
                destinationPath = path
            } else {
                destinationPath = nil
            }
        } catch {
            throw workspace.error(.invalidURL, at: "destination", error.message)
        }
        let source = try await Databases.openSource(of: workspace)
        self.source = source
        do {
            (schema, findings, plan, self.workspace, selection) = try await Self.check(
                workspace, source: source, path: workspacePath, destinationIsSQLite: destinationPath != nil, environment: environment)
        } catch {
            await source.close()
            throw error
        }
    }

    public func close() async {
        await source.close()
    }

    /// Opens the job, runs `body`, and closes the source whatever happens.
    public static func with<T>(_ path: String, requireSecret: Bool = true, _ body: (Job) async throws -> T) async throws -> T {
        let job = try await Job(workspacePath: path, requireSecret: requireSecret)
        do {
            let result = try await body(job)
            await job.close()
            return result
        } catch {
            await job.close()
            throw error
        }
    }

    private static func check(
        _ workspace: Workspace, source: any SamplingSource, path workspacePath: String, destinationIsSQLite: Bool, environment: [String: String]
    ) async throws -> (DatabaseSchema, [RunReport.Finding], RunPlan, Workspace, SubsetPlanner.Selection?) {
        var workspace = workspace
        let schema = try await source.introspect()
        var findings: [RunReport.Finding] = []
        if let reviewed = workspace.reviewedSchema {
            // (A column a table left out gained is copied nowhere: no one needs to review it.)
            let unreviewed = SchemaDrift(reviewed: reviewed, actual: schema).unreviewed.filter { workspace.settings(forTable: $0.table)?.mode != .exclude }
            if !unreviewed.isEmpty {
                switch workspace.unreviewed {
                case .stop:
                    throw UnreviewedSchemaError(changes: unreviewed, verdicts: try await Self.verdicts(unreviewed, source: source, schema: schema), workspace: workspacePath)
                case .warn:
                    findings += try Self.applyWarnPolicy(unreviewed, to: &workspace, schema: schema, path: workspacePath)
                }
            }
        } else {
            findings.append(.init(id: "UND-W002", severity: .warning, table: "*", column: nil,
                message: "the workspace records no reviewed schema, so new columns would pass through unnoticed; record it with `understudy schema ack \(ShellWord.quoted(workspacePath)) --all`"))
        }
        for (role, url) in [("source", workspace.source), ("destination", workspace.destination)] where DatabaseURL.withoutSecrets(url) != nil {
            findings.append(.init(id: "UND-W005", severity: .warning, table: "*", column: nil,
                message: "the \(role) URL in the workspace holds a password, and the workspace is meant for git; remove it and give it with PGPASSWORD or a ~/.pgpass entry"))
        }
        if let exposure = workspace.secret.exposure(in: workspace) {
            findings.append(.init(id: "UND-W006", severity: .warning, table: "*", column: nil, message: exposure))
        }
        var plan = try RunPlanner().plan(workspace, schema: schema)
        // Inheritance children in schemas the run does not copy: their rows read through the parent
        // in the source, not in the copy.
        let children = plan.tables.filter { $0.mode != .truncate }.flatMap { table in (table.table.childrenNotCopied ?? []).map { "\($0) (inherits \(table.table.name))" } }
        if !children.isEmpty {
            let schemas = Array(Set(children.compactMap { $0.split(separator: ".").first.map(String.init) })).sorted()
            findings.append(.init(id: "UND-W010", severity: .warning, table: "*", column: nil,
                message: "not in the copy, as the schemas they are in are not copied: \(children.joined(separator: ", ")) — in the source their rows are the parent's too (SELECT without ONLY); copy those schemas too (name \(schemas.joined(separator: ", ")) in ?schema= of both URLs) to keep them"))
        }
        // A search column a trigger computes from masked columns, into an engine that has no such trigger.
        if schema.engine == .postgres, destinationIsSQLite, let leak = ComputedColumns.leak(plan) {
            throw workspace.error(.invalidValue, at: "tables.\(leak.table).columns.\(leak.column)", leak.message)
        }
        // Personal data in the schema's own SQL, which the copy keeps as written (UND-W008).
        findings += SchemaLiterals.findings(plan.schema)
        // (A column of large-object ids that a generator writes is taken care of.)
        findings += LargeObjectColumns.findings(plan.schema).filter { finding in
            guard let table = plan.table(named: finding.table), table.mode != .truncate, let column = finding.column else { return false }
            return table.plan(forColumn: column) == nil
        }
        var subsetSelection: SubsetPlanner.Selection?
        if let subset = workspace.subset {
            subsetSelection = try await selection(subset, plan: plan, source: source, workspace: workspace, environment: environment)
            plan.apply(subsetSelection!)
        }
        return (schema, findings, plan, workspace, subsetSelection)
    }

    /// The rows of the workspace's subset.
    private static func selection(_ subset: SubsetSettings, plan: RunPlan, source: any SamplingSource, workspace: Workspace, environment: [String: String]) async throws -> SubsetPlanner.Selection {
        guard let keySource = source as? any SubsetSource else {
            throw workspace.error(.invalidValue, at: "subset", "this source cannot be subset; remove `subset:`")
        }
        let resolved = try? workspace.secret.resolve(in: workspace, environment: environment)
        let key = try resolved ?? MasterKey(material: Array("subset without a secret".utf8))
        return try await SubsetPlanner(settings: subset, key: key).select(schema: plan.schema, source: keySource)
    }

    /// The scanner's verdict on each new column, from a small sample of its table.
    public static func verdicts(_ changes: [SchemaDrift.Change], source: any SamplingSource, schema: DatabaseSchema) async throws -> [String: ScanFinding] {
        var verdicts: [String: ScanFinding] = [:]
        for tableName in Set(changes.map(\.table)).sorted() {
            guard let table = schema.table(named: tableName) else { continue }
            for finding in Scanner().scan(table: table, sample: try await source.sample(of: table, size: 500)) {
                verdicts["\(finding.table).\(finding.column)"] = finding
            }
        }
        return verdicts
    }

    /// `unreviewed: warn`: new columns are copied as NULL and new tables without rows; never passed through.
    static func applyWarnPolicy(_ changes: [SchemaDrift.Change], to workspace: inout Workspace, schema: DatabaseSchema, path: String) throws -> [RunReport.Finding] {
        var findings: [RunReport.Finding] = []
        var blocked: [SchemaDrift.Change] = []
        for change in changes {
            switch change {
            case .newTable(let table):
                workspace.tables.removeAll { $0.name == table }
                workspace.tables.append(TableSettings(name: table, mode: .truncate))
                findings.append(.init(id: "UND-W003", severity: .warning, table: table, column: nil, message: "new table nobody reviewed: copied without rows (unreviewed: warn)"))
            case .newColumn(let table, let column, _):
                if workspace.settings(forTable: table)?.settings(forColumn: column) != nil { continue }
                guard let definition = schema.table(named: table)?.column(named: column), definition.isNullable else {
                    blocked.append(change)
                    continue
                }
                if let index = workspace.tables.firstIndex(where: { $0.name == table }) {
                    if workspace.tables[index].mode != .deidentify { workspace.tables[index].mode = .deidentify }
                    workspace.tables[index].columns.append(ColumnSettings(name: column, generator: "null"))
                } else {
                    workspace.tables.append(TableSettings(name: table, columns: [ColumnSettings(name: column, generator: "null")]))
                }
                findings.append(.init(id: "UND-W003", severity: .warning, table: table, column: column, message: "new column nobody reviewed: copied as NULL (unreviewed: warn)"))
            default:
                findings.append(.init(id: "UND-W004", severity: .warning, table: change.table, column: change.column, message: "\(change.description); copied as configured (unreviewed: warn)"))
            }
        }
        if !blocked.isEmpty {
            // A NOT NULL column cannot be copied as NULL: it needs a decision even in warn mode.
            throw UnreviewedSchemaError(changes: blocked, verdicts: [:], workspace: path)
        }
        return findings
    }

    public static func sqlitePath(_ url: String, role: String, in workspace: Workspace) throws(WorkspaceError) -> String {
        let parsed: DatabaseURL
        do {
            parsed = try DatabaseURL(url, role: role, relativeTo: workspace.baseDirectory)
        } catch {
            throw workspace.error(.invalidURL, at: role, error.message)
        }
        guard case .sqlite(let path) = parsed else {
            throw workspace.error(.invalidURL, at: role, "this command works on SQLite files only in this version; the \(role) is PostgreSQL")
        }
        return path
    }

    /// The files a report or any other output of this job must never replace.
    public func protectedFiles(workspacePath: String) -> [(role: String, path: String)] {
        var files: [(String, String)] = [("workspace", workspacePath)]
        if let sqlite = source as? SQLiteSource { files.append(("source database", sqlite.path)) }
        if let destinationPath {
            files.append(("destination database", destinationPath))
            files.append(("destination's lock file", destinationPath + ".understudy-lock"))
        }
        return files
    }

    /// The destination as a run opens it (nothing connected or written yet), knowing the tables
    /// of the earlier copy that `previous`, the last run's report, names.
    func openDestination(previous: Data?) throws -> any DatabaseDestination {
        let destination = try Databases.openDestination(destinationURL, base: workspace.baseDirectory, source: source, preserveSchema: workspace.preserveSchema)
        destination.earlierCopyTables = Self.earlierCopy(previous: previous, destination: destination.displayName)
        return destination
    }

    /// Runs the job into its destination. `previous`: the last run's report (the file this run's
    /// replaces), which names the tables of an earlier copy there.
    public func run(options: Pipeline.Options, progress: any ProgressObserver = SilentProgress(), previous: Data? = nil) async throws -> RunReport {
        let destination = try openDestination(previous: previous)
        var report = try await Pipeline(options: options).run(
            plan: plan, key: key, source: source, destination: destination, workspace: workspace, progress: progress)
        report.findings = findings + report.findings
        report.schema = await copiedSchemaCheck()
        return report
    }

    /// The copy's schema against the source's, when both are of one engine and the whole schema
    /// was copied into its own place (not `preserve_schema`, whose tables are the application's).
    func copiedSchemaCheck() async -> RunReport.SchemaCheck? {
        guard !workspace.preserveSchema, let copy = try? await Databases.openSource(destinationURL, role: "destination", base: workspace.baseDirectory),
              let copied = try? await Databases.closing(copy, { try await $0.introspect() }), copied.engine == schema.engine else { return nil }
        // The plan's schema: what the workspace leaves out (`exclude_objects`, `mode: exclude`) is not
        // in the copy. (Its declared keys are virtual, and privileges are not compared.)
        var expected = plan.schema
        // Objects a copy names instead of creating (a foreign table) are not in it.
        expected.objects = expected.objects.filter { $0.kind.phase != .named }
        return RunReport.SchemaCheck(SchemaComparison(expected, copied))
    }
}

extension Job {
    /// What `understudy check` reports: the job's findings (drift policy, exposure), the secret not
    /// set where the check runs (UND-I001), and every personal column the scanner finds on 1,000
    /// sampled rows that is copied unchanged (UND-W001).
    /// `previous`: the last run's report, whose tables are an earlier copy's, as a run reads it.
    public func checkFindings(environment: [String: String] = ProcessInfo.processInfo.environment, previous: Data? = nil) async throws -> [RunReport.Finding] {
        if plan.subsetSelectsNothing { throw SubsetPlanner.refusal(plan.emptySubsetTargets, running: false) }
        var findings = self.findings
        if let empty = SubsetPlanner.emptyTargetsFinding(plan.emptySubsetTargets) { findings.append(empty) }
        if case .environment(let name) = workspace.secret, environment[name] == nil {
            findings.append(.init(id: "UND-I001", severity: .info, table: "*", column: nil, message: "the secret \(name) is not set here; runs need it"))
        }
        let destination = try await destinationFindings(previous: previous)
        findings += destination.findings
        if let postgres = source as? PostgresSource,
           let note = WorkspaceDraft.schemasNotCopiedNote(try await postgres.schemasNotCopied(), copied: postgres.url.schemas) {
            findings.append(.init(id: "UND-I002", severity: .info, table: "*", column: nil, message: note))
        }
        // Each table's sample judged as it is read, not held for the whole schema, as the run's
        // destination judges it (a SQLite file's values into PostgreSQL).
        let judgement = destination.judgement
        var refused: [String] = []
        let scan = try await Scanner().scan(schema: schema) { table in
            let rows = try await self.source.sample(of: table, size: 1_000)
            if let judgement { refused += self.valuesRefused(in: table, sample: rows, by: judgement) }
            return rows
        }
        if !refused.isEmpty {
            throw workspace.error(.unsupportedDestination, at: "destination",
                "\(refused.joined(separator: "; ")); the run stops at the first such row: give \(refused.count == 1 ? "the column" : "each column") a generator that writes values of its type (`null` drops them), or `on_invalid: null` (NULL for such values only, counted), or correct the source")
        }
        for finding in scan where finding.personal {
            guard let table = plan.table(named: finding.table), table.mode != .truncate else { continue }
            let column = table.plan(forColumn: finding.column)
            // (A gender's suggestion is the shuffle itself.)
            guard column == nil || ShuffledColumn.generators.contains(column!.generator) && finding.generator != column!.generator else { continue }
            let how = column.map { ShuffledColumn.warning($0.generator) } ?? "it is copied unchanged"
            findings.append(.init(
                id: "UND-W001", severity: .warning, table: finding.table, column: finding.column,
                message: "the scanner finds \(finding.kind.phrase) here (confidence \(String(format: "%.2f", finding.confidence))) but \(how); consider { generator: \(finding.generator) }"))
        }
        return findings
    }
}

extension Job {
    /// The tables `previous` (a run report) names, when it is of a successful run into
    /// `destination`: an earlier copy this workspace made there. Empty otherwise.
    public static func earlierCopy(previous: Data?, destination: String) -> Set<String> {
        guard let tables = successfulRun(previous, into: destination)?["tables"] as? [[String: Any]] else { return [] }
        return Set(tables.compactMap { $0["name"] as? String })
    }

    /// `previous` (a run report) read, when it is of a successful run into `destination`.
    static func successfulRun(_ previous: Data?, into destination: String) -> [String: Any]? {
        guard let previous, let object = try? JSONSerialization.jsonObject(with: previous) as? [String: Any],
              object["outcome"] as? String == RunReport.Outcome.succeeded.rawValue, object["destination"] as? String == destination else { return nil }
        return object
    }

    /// The columns of `table`, written as they are, whose sampled values the destination's types
    /// refuse (``TypeCheckingDestination``: a SQLite file into PostgreSQL — text in a number column,
    /// a fraction in an integer column, a NUL character in text, dates, timestamps, booleans, UUIDs
    /// and JSON the type does not read, text past a declared length) — each with its count.
    /// `check` makes them the workspace's error, as the run stops at the first such row (it passed
    /// them). A sample finds what it holds only.
    func valuesRefused(in table: Table, sample rows: RowBatch, by judgement: ValueJudgement) -> [String] {
        var refused: [String] = []
        guard let plan = plan.table(named: table.name), plan.mode == .deidentify || plan.mode == .passthrough else { return [] }
        for (column, _, count, why) in judgement.refusals(in: table, sample: rows) {
            if plan.mode == .deidentify, let generator = plan.plan(forColumn: column.name)?.generator, generator != "passthrough" { continue }
            // (`on_invalid: null`: the run writes such values NULL, and counts them.)
            if plan.nullsRefused.contains(column.name) { continue }
            refused.append("\(table.name).\(column.name): \(count) of \(rows.count) sampled rows hold \(why)")
        }
        return refused
    }

    /// The destination read as a run reads it, nothing opened or written: what the run would
    /// refuse (a PostgreSQL URL's unknown parameter or system schema, the source itself, a file
    /// that is no database) is the workspace's error at its `destination:` line, so that `check`
    /// fails where the night's run would. A SQLite destination's folder missing where `check` runs
    /// is a warning (`UND-W021`): the run may make it, or run on another machine. With the findings,
    /// how the destination judges the source's values (``TypeCheckingDestination``; nil where it
    /// takes every value, or was not opened).
    func destinationFindings(previous: Data? = nil) async throws -> (findings: [RunReport.Finding], judgement: ValueJudgement?) {
        if let destinationPath {
            let folder = URL(fileURLWithPath: destinationPath).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                return ([.init(id: "UND-W021", severity: .warning, table: "*", column: nil,
                               message: "the destination folder \(folder) does not exist here; a run fails unless it exists where the run runs")], nil)
            }
        }
        let destination: any DatabaseDestination
        do {
            destination = try openDestination(previous: previous)
        } catch let error as AdapterError {
            throw workspace.error(.invalidURL, at: "destination", error.message)
        }
        let judgement = (destination as? any TypeCheckingDestination)?.valueJudgement(from: plan.schema.engine)
        if let refusal = destination.refusal(of: plan.schema) {
            throw workspace.error(.unsupportedDestination, at: "destination", refusal.message)
        }
        // A SQLite file of another application's tables with rows, which the run refuses to replace
        // (read only; an earlier copy is known by the last report, as the run knows it).
        if let file = destination as? SQLiteDestination {
            do {
                try file.refuseOtherData(schema: plan.schema)
            } catch let error as AdapterError {
                throw workspace.error(.unsupportedDestination, at: "destination", error.message)
            }
        }
        // A PostgreSQL destination is connected to and read as the run reads it before writing
        // (check passed a destination the run then refused: another application's data, owners the
        // role may not give to, no right to create schemas, a standby). One check cannot reach from
        // here is said: the run may run where it can — but not a server that answers without the
        // database or role the URL names, which is wrong wherever the run runs.
        if let server = destination as? PostgresDestination {
            do {
                try await server.refuseBeforeWriting(schema: plan.schema)
            } catch let error as AdapterError where error.code == .cannotOpen && !(error.underlying ?? "").contains("does not exist") {
                return ([.init(id: "UND-W023", severity: .warning, table: "*", column: nil,
                               message: "could not connect to the destination from here (\(error.underlying ?? error.message)), so what a run would refuse there is not checked; a run fails unless it can connect where it runs")], judgement)
            } catch let error as AdapterError {
                throw workspace.error(.unsupportedDestination, at: "destination", error.message + (error.underlying.map { " (\($0))" } ?? ""))
            }
        }
        return ([], judgement)
    }

    /// `UND-W016` where the previous run's report (`previous`, the file a run replaces) is of a
    /// successful run to the same destination under another key: every consistent fake changed,
    /// so the copy no longer matches copies made with the old secret. Nil otherwise.
    public static func secretChange(previous: Data?, reportPath: String, current: RunReport) -> RunReport.Finding? {
        guard let recorded = successfulRun(previous, into: current.destination)?["keyFingerprint"] as? String, recorded != current.keyFingerprint else { return nil }
        return RunReport.Finding(
            id: "UND-W016", severity: .warning, table: "*", column: nil,
            message: "the secret is not the one the previous run to this destination used (key fingerprint \(current.keyFingerprint); the previous run's \(recorded), in \(reportPath)): every consistent fake changed, so this copy no longer matches copies made with the old secret (other databases it joins with, values testers kept); if the change was not meant, set the previous secret and run again")
    }
}
