import Crypto
import Foundation

/// Runs a plan: every table streamed from the source through its generators into the
/// destination, then verified; the destination appears only if everything succeeded.
public struct Pipeline: Sendable {
    public struct Options: Sendable {
        /// Batches transformed at once.
        public var jobs: Int
        public var batchSize: Int
        /// Tables with more rows than this are read in parts by several workers (when their order does not matter).
        public var partRows: Int64
        /// Where the tasks the pipeline starts on its own (a fit alongside the load, the next
        /// synthesized batch) run; nil: Swift's shared pool. Its caller's own tasks follow the
        /// caller's executor preference.
        public var executor: (any TaskExecutor)?
        /// The most batches at once a run takes: each may hold a connection of its own.
        public static let maximumJobs = 256
        /// The most rows a batch holds: a batch's columns are allocated before it is read.
        public static let maximumBatchSize = 1_000_000
        public init(jobs: Int = 2, batchSize: Int = 2_000, partRows: Int64 = 100_000, executor: (any TaskExecutor)? = nil) {
            self.jobs = min(max(1, jobs), Self.maximumJobs)
            self.batchSize = min(max(1, batchSize), Self.maximumBatchSize)
            self.partRows = max(1, partRows)
            self.executor = executor
        }
    }

    public var registry: GeneratorRegistry
    public var options: Options

    public init(registry: GeneratorRegistry = .standard, options: Options = .init()) {
        self.registry = registry
        self.options = options
    }

    /// Copies `plan` from `source` to `destination`.
    ///
    /// Tables are written one after another in foreign-key order (a single writer keeps the
    /// destination byte-for-byte deterministic); within a table, up to `jobs` batches are
    /// transformed at once while the next is read and the previous written, in order.
    /// On any error the staged copy is removed and the error rethrown.
    public func run(
        plan: RunPlan, key: MasterKey, source: any DatabaseSource, destination: any DatabaseDestination,
        workspace: Workspace? = nil, progress: any ProgressObserver = SilentProgress()
    ) async throws -> RunReport {
        if plan.subsetSelectsNothing { throw SubsetPlanner.refusal(plan.emptySubsetTargets) }
        // How the destination judges a source value in a column (``TypeCheckingDestination``):
        // where it refuses one, `on_invalid: null` writes NULL.
        let valueRefusal = (destination as? any TypeCheckingDestination)?.valueJudgement(from: plan.schema.engine)?.refuses
        let started = Date()
        var report = RunReport(
            startedAt: ISO8601DateFormatter().string(from: started), seconds: 0, outcome: .running,
            workspace: workspace?.file, workspaceSHA256: workspace?.file.flatMap(Self.sha256(ofFile:)),
            keyFingerprint: key.fingerprint, source: source.displayName, destination: destination.displayName,
            jobs: options.jobs, tables: [], verification: nil, findings: Self.findings(plan))
        if let seconds = plan.subsetSeconds { report.phaseSeconds["subset"] = seconds }
        if !plan.excludedTables.isEmpty { report.excludedTables = plan.excludedTables }
        if !plan.excludedObjects.isEmpty { report.excludedObjects = plan.excludedObjects }
        var phaseStarted = Date()
        func phaseDone(_ name: String) {
            report.phaseSeconds[name] = Date().timeIntervalSince(phaseStarted)
            phaseStarted = Date()
        }
        var fitting: Task<SynthesisModel?, any Error>?
        do {
            var synthesis: SynthesisModel?
            let synthesizes = plan.tables.contains(where: { $0.mode == .synthesize })
            // A table with a column naming the database's objects loads through the parallel path
            // even one table at a time (`--jobs 1`): there it waits for the other tables' indexes and
            // keys, which one session builds only after every row (a value naming an index stopped the run).
            let namesObjects = plan.tables.contains(where: \.loadsObjectNames)
            let loadsInParallel = (options.jobs > 1 || namesObjects) && source is any ParallelSource && (destination as? any ParallelDestination)?.loadsInParallel == true
            // Tables are written one at a time: a synthesized table is generated as soon as its model
            // (and its parents') is fitted, while later tables are still fitted from a reader of their own.
            var board: FittedModels?
            if synthesizes, !loadsInParallel, options.jobs > 1, let parallelSource = source as? any ParallelSource {
                progress.phase("fitting models")
                let models = FittedModels()
                let reader = try await parallelSource.worker()
                fitting = Task(executorPreference: options.executor) {
                    let fitStarted = Date()
                    defer { models.fitSeconds = Date().timeIntervalSince(fitStarted) }
                    do {
                        let model = try await SynthesisFitter().fit(plan: plan, source: reader, key: key) { models.publish($0) }
                        await reader.close()
                        models.finish()
                        return model
                    } catch {
                        await reader.close()
                        models.fail(error)
                        throw error
                    }
                }
                board = models
            } else if synthesizes {
                progress.phase("fitting models")
                do {
                    synthesis = try await SynthesisFitter().fit(plan: plan, source: source, key: key)
                } catch let error as SynthesisError {
                    throw PipelineError(code: .synthesisFailed, message: error.description, report: report)
                }
                report.privacy = synthesis?.privacy
                phaseDone("fit")
            }
            progress.phase("creating tables")
            if let parallel = destination as? any ParallelDestination { parallel.parallelism = options.jobs }
            try await destination.prepare(schema: plan.schema)
            phaseDone("prepare")
            if loadsInParallel, let parallelSource = source as? any ParallelSource, let parallelDestination = destination as? any ParallelDestination {
                report.tables = try await copyInParallel(plan, key: key, source: parallelSource, destination: parallelDestination, synthesis: synthesis, valueRefusal: valueRefusal, progress: progress)
            } else {
                for tablePlan in plan.tables {
                    try Task.checkCancellation()
                    if tablePlan.mode == .synthesize, let board {
                        do {
                            synthesis = try await board.model(containing: tablePlan.table.name)
                        } catch let error as SynthesisError {
                            throw PipelineError(code: .synthesisFailed, message: error.description, report: report)
                        }
                    }
                    report.tables.append(try await copy(tablePlan, key: key, source: source, destination: destination, synthesis: synthesis, schema: plan.schema, valueRefusal: valueRefusal, progress: progress))
                }
            }
            if let fitting, let board {
                report.privacy = try await fitting.value?.privacy
                report.phaseSeconds["fit"] = board.fitSeconds
            }
            for table in report.tables {
                for column in table.columns {
                    guard let count = column.nulledValues else { continue }
                    let values = "\(count) value\(count == 1 ? "" : "s")", were = count == 1 ? "was" : "were"
                    let message = column.generator == "passthrough"
                        ? "\(values) the destination's type refuses \(were) written NULL (on_invalid: null): the source holds values of another kind than its declared type (a SQLite column holds any value); fix them there, or give the column a generator that writes values of its type"
                        : valueRefusal != nil
                        ? "\(values) \(column.generator) could not read, or the destination's type refuses, \(were) written NULL (on_invalid: null): the source holds values of another kind than the generator reads or the column's type holds; fix them there, or choose a generator that reads them (fpe.alphanumeric keeps any text's shape)"
                        : "\(values) \(column.generator) could not read \(were) written NULL (on_invalid: null): the source holds values of another kind than the generator reads; fix them there, or choose a generator that reads them (fpe.alphanumeric keeps any text's shape)"
                    report.findings.append(.init(id: "UND-W017", severity: .warning, table: table.name, column: column.name, message: message))
                }
            }
            // Columns of large objects kept (the database's, not a schema's: the copy holds none).
            for (table, columns) in (plan.schema.largeObjects ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let tablePlan = plan.table(named: table), tablePlan.mode != .truncate else { continue }
                for (column, objects) in columns.sorted(by: { $0.key < $1.key }) where tablePlan.plan(forColumn: column)?.generator != "null" {
                    report.findings.append(.init(
                        id: "UND-W026", severity: .warning, table: table, column: column,
                        message: "its values reference \(objects) of the source database's large objects (oid), which the copy does not hold — large objects are the database's, not a schema's, and their content is not reviewed column by column: in the copy these values point at nothing; give the column `null`, or load stand-ins under those oids where the application needs them"))
                }
            }
            // Synthesized tables with no row, by name: a NOT NULL key of another has nothing to reference.
            let emptySynthesized = Set(report.tables.filter { $0.writtenRows == 0 && plan.table(named: $0.name)?.mode == .synthesize }.map(\.name))
            let isPrivate = plan.synthesis?.settings.privacy != nil
            var emptiedByReference: Set<String> = []
            for table in report.tables where table.writtenRows == 0 {
                guard let tablePlan = plan.table(named: table.name), tablePlan.mode == .synthesize else { continue }
                let empty = tablePlan.table.foreignKeys.filter { key in
                    key.referencedTable != table.name && emptySynthesized.contains(key.referencedTable)
                        && key.columns.allSatisfy { tablePlan.table.column(named: $0)?.isNullable == false }
                }
                guard let key = empty.first else { continue }
                emptiedByReference.insert(table.name)
                report.findings.append(.init(
                    id: "UND-W018", severity: .warning, table: table.name, column: nil,
                    message: "has no rows: \(key.referencedTable), which its NOT NULL key \(key.describe(from: table.name)) references, came out with none"
                        + (isPrivate
                            ? " (under differential privacy a small table's counts carry noise of more rows than it has at this budget); raise synthesis.differential_privacy.epsilon, or give \(key.referencedTable) a larger share with its own `epsilon:`"
                            : " (its rows follow its parents' children at this scale); raise `scale:` or the root table's `rows:`")))
            }
            for table in report.tables {
                guard let leftOut = table.leftOutRows, let plan = plan.table(named: table.name) else { continue }
                // Every row left out because what they must reference is empty: the warning above says so.
                if emptiedByReference.contains(table.name) { continue }
                let keys = plan.table.uniqueKeys.map { "(" + $0.joined(separator: ", ") + ")" }
                let reasons = table.leftOutReasons ?? []
                let reason = reasons.isEmpty
                    ? "they repeated a unique key \(keys.joined(separator: " or ")); the source has fewer distinct keys than the rows asked for (lower `rows:` or `scale:`), or the key's columns are categories"
                    : "they \(reasons.joined(separator: ", or "))\(keys.isEmpty ? "" : ", or repeated a unique key"); give the columns the constraint reads a generator that keeps it, or make the key nullable"
                let message = "\(leftOut) of \(leftOut + table.writtenRows) rows were left out: drawn again and again, \(reason)"
                // Every row: the table would be empty, which is no copy of it.
                if table.writtenRows == 0 { throw PipelineError(code: .synthesisFailed, message: "table \(table.name): \(message)", report: report) }
                report.findings.append(.init(id: "UND-W007", severity: .warning, table: table.name, column: nil, message: message))
            }
            // References synthesis cannot make: written NULL, said so (children of a key of two
            // columns lost their parents without a word).
            for (table, key, cycle) in SynthesisFitter.nulledForeignKeys(plan) where report.tables.contains(where: { $0.name == table && $0.writtenRows > 0 }) {
                let columns = "(" + key.referencedColumns.joined(separator: ", ") + ")"
                report.findings.append(.init(
                    id: "UND-W027", severity: .warning, table: table, column: nil,
                    message: "its foreign key \(key.describe(from: table)) is NULL in every synthesized row: \(key.referencedTable) is synthesized "
                        + (cycle ? "after it (a cycle of references)" : "and its key \(columns) is not one column, which synthesis numbers anew")
                        + "; copy one of the two tables (mode: deidentify) to keep the references"))
            }
            // Tables of a few source rows, without DP: their models are those rows (one row's amount
            // and timestamp came back in every synthesized row, without a word).
            if !isPrivate {
                for table in report.tables where (1...4).contains(table.sourceRows) && table.writtenRows > 0 && plan.table(named: table.name)?.mode == .synthesize {
                    report.findings.append(.init(
                        id: "UND-W029", severity: .warning, table: table.name, column: nil,
                        message: "has \(table.sourceRows) source row\(table.sourceRows == 1 ? "" : "s"): its numbers, dates and categories are drawn between so few values that the synthesized rows repeat them; "
                            + "copy it (`mode: passthrough`, for a table of settings or codes), de-identify it, or give its columns generators"))
                }
            }
            phaseDone("load")
            progress.phase("creating indexes, triggers and views")
            try await destination.finishLoading(schema: plan.schema)
            phaseDone("keys and indexes")
            progress.phase("verifying")
            let verification = try await destination.verify(schema: plan.schema)
            phaseDone("verify")
            report.verification = verification
            var problems: [String] = []
            for table in report.tables where verification.rowCounts[table.name] != table.writtenRows {
                problems.append("\(table.name): \(table.writtenRows) rows written but \(verification.rowCounts[table.name] ?? 0) found")
            }
            for table in report.tables where table.mode != .truncate && table.mode != .synthesize {
                if plan.table(named: table.name)?.condition != nil {
                    // The source evaluated the subset's condition: the rows it sent are the rows written.
                } else if let tablePlan = plan.table(named: table.name), let keys = tablePlan.rows {
                    // A key a selected row references is selected before it is read: where the source
                    // holds no such row (its orphans), the rows it holds of the keys are the count.
                    var selected = Int64(keys.count)
                    if table.writtenRows < selected, let subsetting = source as? any SubsetSource, !tablePlan.table.primaryKey.isEmpty {
                        let key = tablePlan.table.primaryKey
                        selected = Int64(Set(try await subsetting.keys(of: tablePlan.table, columns: key, matching: key, values: Array(keys))).count)
                    }
                    if table.writtenRows != selected { problems.append("\(table.name): the subset selected \(selected) rows but \(table.writtenRows) were copied") }
                } else if table.writtenRows != table.sourceRows {
                    problems.append("\(table.name): the source has \(table.sourceRows) rows but \(table.writtenRows) were copied (did the source change during the run?)")
                }
            }
            var hints: [String] = []
            if report.tables.contains(where: { (verification.rowCounts[$0.name] ?? 0) > $0.writtenRows }), !verification.writers.isEmpty {
                hints.append("More rows than the run wrote: \(verification.writers.joined(separator: ", ")) of the destination fire on the run's own statements and may have written them; disable \(verification.writers.count == 1 ? "it" : "them") for the run (ALTER EVENT TRIGGER … DISABLE) or have \(verification.writers.count == 1 ? "it" : "them") write outside the copied schemas.")
            }
            // Orphans the source holds itself among the rows copied: the copy is as whole as the
            // source, and says so (it failed verification, and no run could copy such a file). Every
            // selected row brings the parents the source holds, so a copy with no more violations
            // than the selected rows that break a key in the source lost no parent.
            func copiedAsRead(_ name: String) -> Table? {
                guard let table = plan.table(named: name), table.mode != .synthesize, table.mode != .truncate else { return nil }
                return table.table
            }
            var failing = 0
            for violation in verification.foreignKeyViolations {
                if let counting = source as? any OrphanCountingSource, let table = copiedAsRead(violation.table), copiedAsRead(violation.referencedTable) != nil,
                   let held = try? await counting.foreignKeyViolations(of: table, referencing: violation.referencedTable, among: plan.table(named: violation.table)?.selection),
                   held >= violation.rows {
                    report.findings.append(.init(
                        id: "UND-W025", severity: .warning, table: violation.table, column: nil,
                        message: "\(violation.rows) rows reference missing rows of \(violation.referencedTable), as in the source (SQLite checks foreign keys only where the application turns them on): copied as they are; `PRAGMA foreign_key_check` in the source lists them"))
                    continue
                }
                failing += 1
                problems.append("\(violation.table): \(violation.rows) rows reference missing rows of \(violation.referencedTable)")
            }
            if failing > 0 {
                hints.append("Foreign-key violations the source does not hold itself usually mean a key the workspace declares (foreign_keys:) that the source's rows break, a subset or synthesized table whose references were lost, or a key column transformed without its references.")
            }
            report.seconds = Date().timeIntervalSince(started)
            guard problems.isEmpty else {
                report.outcome = .verificationFailed
                throw PipelineError(
                    code: .verificationFailed,
                    message: "the copy failed verification, so the destination was left as it was:\n  " + problems.joined(separator: "\n  ")
                        + hints.map { "\n" + $0 }.joined(),
                    report: report)
            }
            progress.phase("replacing the destination")
            try await destination.commit()
            // (After the swap: it may note what it could not keep.)
            if let noting = destination as? any NotingDestination { report.findings += noting.notes }
            if let noting = source as? any NotingSource { report.findings += noting.notes }
            phaseDone("replace")
            report.outcome = .succeeded
            report.seconds = Date().timeIntervalSince(started)
            return report
        } catch {
            if let fitting {
                fitting.cancel()
                _ = try? await fitting.value
            }
            await destination.abort()
            throw Self.namingGenerators(error, plan: plan)
        }
    }

    /// A destination's refusal of a row by a CHECK constraint (one ``CheckGuard`` cannot evaluate:
    /// `date(birth_date, '+18 years')`), with the columns the constraint reads that the workspace
    /// generates and their generators: the engine's message names neither, and the source's rows
    /// keep the constraint, so those generators wrote what it refuses.
    static func namingGenerators(_ error: any Error, plan: RunPlan) -> any Error {
        guard var refused = error as? AdapterError else { return error }
        let said = refused.message + " " + (refused.underlying ?? "")
        // SQLite: `CHECK constraint failed: <condition or name>`; PostgreSQL: `violates check
        // constraint "name"`, `check constraint "name" of relation "t" is violated by some row`.
        var named: String?
        if let found = said.firstMatch(of: #/CHECK constraint failed: ([^()\n]*(?:\([^()]*\)[^()\n]*)*)/#) { named = String(found.1) }
        else if let found = said.firstMatch(of: #/check constraint "([^"]+)"/#) { named = String(found.1) }
        guard let named, !named.isEmpty else { return error }
        for table in plan.tables {
            let bodies = TableFitter.checkBodies(table.table, schema: plan.schema)
            let byName = table.table.constraints.first { $0.kind == "c" && $0.name == named }?.definition
            guard let body = byName ?? bodies.first(where: { $0.contains(named) }),
                  byName != nil || said.contains("table \(table.table.name)") || said.contains("\"\(table.table.name)\"") || plan.tables.count == 1 else { continue }
            let generated = table.columns.filter { column in
                column.generator != "passthrough" && body.range(of: #"(?<![\w."])"?\#(NSRegularExpression.escapedPattern(for: column.column))"?(?![\w"])"#, options: [.regularExpression, .caseInsensitive]) != nil
            }
            guard !generated.isEmpty else { continue }
            let list = generated.map { "\(table.table.name).\($0.column) (\($0.generator))" }.joined(separator: ", ")
            let constraint = byName != nil ? "check constraint \(named)" : "CHECK (\(named))"
            refused.message += "; the source's rows keep \(constraint), which reads \(list) that the workspace generates: give \(generated.count == 1 ? "that column a generator whose values keep" : "those columns generators whose values keep") it (`understudy preview` shows what they write), or leave \(generated.count == 1 ? "it" : "them") as \(generated.count == 1 ? "it is" : "they are") (passthrough)"
            return refused
        }
        return error
    }

    /// Up to `jobs` tables at once, each with its own reader (same snapshot) and writer. Keys are
    /// added after loading, so the order of tables does not matter here. A large table whose row
    /// order no generator depends on is read in parts by several workers; once all its rows are in,
    /// its keys and indexes are built while other tables still load.
    private func copyInParallel(
        _ plan: RunPlan, key: MasterKey, source: any ParallelSource, destination: any ParallelDestination,
        synthesis: SynthesisModel?, valueRefusal: (@Sendable (Value, Column) -> Bool)?, progress: any ProgressObserver
    ) async throws -> [RunReport.TableReport] {
        enum Unit: Sendable {
            case load(TablePlan, TablePart, rows: Int64, statistics: ColumnFits?)
            case finish(Table)
        }
        var sized: [(TablePlan, Int64)] = []
        // A subset's tables hold the rows selected (the traversal counted them); others are counted.
        // A table the source selects by a condition is sized by the rows the source scans for it:
        // the table's and those its condition reads, by estimate (for the order only: it is read in
        // one piece, each part would evaluate the condition again).
        var estimates: [String: Int64] = [:]
        func estimate(_ name: String) async throws -> Int64 {
            if let known = estimates[name] { return known }
            guard let read = plan.schema.table(named: name) else { return 0 }
            let rows = try await (source as? any EstimatingSource)?.estimatedRowCount(of: read) ?? 0
            estimates[name] = rows
            return rows
        }
        for table in plan.tables {
            if let rows = table.rows {
                sized.append((table, Int64(rows.count)))
            } else if let condition = table.condition {
                var scanned: Int64 = 0
                for name in condition.tablesRead.union([table.table.name]) { scanned += try await estimate(name) }
                sized.append((table, scanned))
            } else {
                sized.append((table, try await source.rowCount(of: table.table)))
            }
        }
        // Largest first, so that the last unit to finish is not the biggest.
        var units: [(Unit, Int64)] = []
        var partsLeft: [String: Int] = [:]
        let total = max(1, sized.reduce(0) { $0 + $1.1 })
        for (table, rows) in sized {
            var parts = 1
            var extent: Int64 = 0
            // Parts as many as the table's share of the rows in workers, rounded, none below partRows:
            // a table split in parts loads through several connections, so its destination cannot
            // write it frozen (docs/postgres.md, Parallelism).
            let share = Int64((Double(rows) * Double(options.jobs) / Double(total)).rounded())
            if let encoded = source as? any EncodedRowSource, table.mode != .truncate, table.mode != .synthesize, table.condition == nil, !needsRowOrder(table),
               rows > options.partRows, share > 1 {
                parts = Int(min(Int64(options.jobs * 2), share, (rows + options.partRows - 1) / options.partRows))
                extent = try await encoded.extent(of: table.table)
                if extent < Int64(parts) { parts = 1 }
            }
            partsLeft[table.table.name] = parts
            // Column statistics are the whole table's: gathered once here for a table read in parts.
            let statistics = parts > 1 ? try await columnStatistics(for: table, source: source) : nil
            for index in 0..<parts {
                units.append((.load(table, TablePart(index: index, count: parts, extent: extent), rows: rows, statistics: statistics), rows / Int64(parts)))
            }
        }
        // Tables with a column naming the database's objects (an audit table's `regclass`) load
        // after every other table is loaded and has its indexes and keys: a value naming an index
        // then always loads (it loaded or stopped the run by which table finished first).
        func namesObjects(_ unit: Unit) -> Bool {
            guard case .load(let table, _, _, _) = unit else { return false }
            return table.loadsObjectNames
        }
        let sorted = units.sorted { $0.1 > $1.1 }.map(\.0)
        var queue = sorted.filter { !namesObjects($0) }[...]
        var held = sorted.filter(namesObjects)
        // Tables whose finish is still to come before the held ones may start.
        var unfinished = Set(queue.compactMap { unit -> String? in if case .load(let table, _, _, _) = unit { table.table.name } else { nil } }).count
        var running = 0
        var reports: [String: RunReport.TableReport] = [:]
        var started: [String: Date] = [:]
        let sequential = Pipeline(registry: registry, options: .init(jobs: 1, batchSize: options.batchSize, partRows: options.partRows))
        // Writers and readers are kept for the next unit (at most `jobs` of each kind at once): a
        // connection per table made a schema of many small tables slow (1,000 tables of 5 rows:
        // 6,003 connections).
        let writers = IdlePool<any TableWriter>(), partWriters = IdlePool<any TableWriter>(), readers = IdlePool<any ParallelSource>()
        do {
            try await withThrowingTaskGroup(of: RunReport.TableReport?.self) { group in
                func start(_ unit: Unit) {
                    running += 1
                    if case .load(let table, _, _, _) = unit, started[table.table.name] == nil { started[table.table.name] = Date() }
                    group.addTask {
                        let whole: Bool
                        if case .load(_, let part, _, _) = unit { whole = part.isWhole } else { whole = true }
                        let pool = whole ? writers : partWriters
                        let writer: any TableWriter
                        if let idle = pool.take() { writer = idle } else { writer = try await destination.tableWriter(wholeTables: whole) }
                        switch unit {
                        case .finish(let table):
                            do {
                                try await writer.finishTable(table)
                                try await writer.release()
                                pool.put(writer)
                            } catch {
                                await writer.abandon()
                                throw error
                            }
                            return nil
                        case .load(let table, let part, let rows, let statistics):
                            let reader: any ParallelSource
                            if let idle = readers.take() {
                                reader = idle
                            } else {
                                do { reader = try await source.worker() } catch { await writer.abandon(); throw error }
                            }
                            do {
                                let report = try await sequential.copy(
                                    table, key: key, source: reader, destination: nil, writer: writer, knownRows: rows, part: part, statistics: statistics,
                                    synthesis: synthesis, schema: plan.schema, valueRefusal: valueRefusal, progress: progress)
                                try await writer.release()
                                pool.put(writer)
                                readers.put(reader)
                                return report
                            } catch {
                                await writer.abandon()
                                await reader.close()
                                throw error
                            }
                        }
                    }
                }
                func release() {
                    guard !held.isEmpty, unfinished == 0 else { return }
                    queue.append(contentsOf: held)
                    held = []
                }
                release()
                for _ in 0..<options.jobs {
                    guard let next = queue.popFirst() else { break }
                    start(next)
                }
                while let result = try await group.next() {
                    running -= 1
                    if case .none = result, !held.isEmpty {
                        // A table finished (its indexes and keys built): the held tables go once all have.
                        unfinished -= 1
                        release()
                        while running < options.jobs - 1, let next = queue.popFirst() { start(next) }
                    }
                    if let report = result {
                        if var merged = reports[report.name] {
                            merged.writtenRows += report.writtenRows
                            // Values on_invalid wrote NULL, summed over the parts.
                            for (i, column) in report.columns.enumerated() where column.nulledValues != nil {
                                merged.columns[i].nulledValues = (merged.columns[i].nulledValues ?? 0) + column.nulledValues!
                            }
                            merged.undecodedColumns = merged.undecodedColumns ?? report.undecodedColumns
                            reports[report.name] = merged
                        } else {
                            reports[report.name] = report
                        }
                        partsLeft[report.name]! -= 1
                        if partsLeft[report.name] == 0, var done = reports[report.name] {
                            done.seconds = Date().timeIntervalSince(started[report.name] ?? Date())
                            reports[report.name] = done
                            progress.tableFinished(report.name, rows: done.writtenRows, seconds: done.seconds)
                            if let table = plan.table(named: report.name)?.table { queue.insert(.finish(table), at: queue.startIndex) }
                        }
                    }
                    if let next = queue.popFirst() { start(next) }
                }
            }
        } catch {
            // (What waits in the pools belongs to no unit: closed with the failure.)
            for writer in writers.drain() + partWriters.drain() { await writer.abandon() }
            for reader in readers.drain() { await reader.close() }
            throw error
        }
        for writer in writers.drain() + partWriters.drain() { try await writer.finish() }
        for reader in readers.drain() { await reader.close() }
        return plan.tables.compactMap { reports[$0.table.name] }
    }

    /// Whether the output of a table depends on the order its rows are read in: row ordinals seed
    /// the generators that are not consistent.
    func needsRowOrder(_ plan: TablePlan) -> Bool {
        plan.columns.contains { column in
            column.generator == "conditional" || (!column.consistent && registry.definition(named: column.generator)?.canBeConsistent == true)
        }
    }

    private func copy(
        _ plan: TablePlan, key: MasterKey, source: any DatabaseSource, destination: (any DatabaseDestination)?,
        writer: (any TableWriter)? = nil, knownRows: Int64? = nil, part: TablePart = .whole, statistics known: ColumnFits? = nil,
        synthesis: SynthesisModel? = nil, schema: DatabaseSchema? = nil, valueRefusal: (@Sendable (Value, Column) -> Bool)? = nil,
        progress: any ProgressObserver
    ) async throws -> RunReport.TableReport {
        let started = Date()
        var sourceRows: Int64
        if let knownRows { sourceRows = knownRows } else if plan.condition != nil { sourceRows = 0 } else { sourceRows = try await source.rowCount(of: plan.table) }
        if writer == nil { progress.tableStarted(plan.table.name, mode: plan.mode, expectedRows: plan.mode == .truncate ? 0 : sourceRows) }
        var written: Int64 = 0
        var undecodedColumns: [String] = []
        var nulled: [String: Int64] = [:]
        if plan.mode != .truncate {
            let fits: ColumnFits
            if let known { fits = known } else { fits = try await columnStatistics(for: plan, source: source) }
            let transform = try TableTransform(
                plan: plan, key: key, registry: registry, statistics: fits.statistics, sample: fits.sample, schema: schema, parents: fits.parents, valueRefusal: valueRefusal)
            let batches: any AsyncSequence<RowBatch, any Error>
            if plan.mode == .synthesize, let synthesis {
                // New rows from the fitted model, through the column generators like copied rows.
                batches = synthesis.batches(of: plan.table.name, batchSize: options.batchSize, executor: options.executor)
            } else {
                if transform.isIdentity, writer == nil, plan.selection == nil, let direct = destination as? any DirectCopyDestination,
                   let rows = try await direct.copyUnchanged(plan.table, from: source) {
                    progress.rowsWritten(plan.table.name, total: rows)
                    let seconds = Date().timeIntervalSince(started)
                    progress.tableFinished(plan.table.name, rows: rows, seconds: seconds)
                    return RunReport.TableReport(
                        name: plan.table.name, mode: plan.mode, sourceRows: sourceRows, writtenRows: rows, seconds: seconds, columns: [])
                }
                let (read, undecoded) = try await reading(plan, transform: transform, source: source, part: part, consumer: (writer as? any EncodedRowConsumer) ?? (destination as? any EncodedRowConsumer))
                undecodedColumns = undecoded
                // A subset: rows outside the selection are dropped as they stream by (memory holds key sets, not rows).
                batches = plan.rows.map { Self.selecting(read, rows: $0, keyNames: plan.table.primaryKey) } ?? read
            }
            written = try await transformInOrder(batches, transform: transform) { batch in
                if let writer {
                    try await writer.write(batch, into: plan.table)
                } else {
                    try await destination!.write(batch, into: plan.table)
                    progress.rowsWritten(plan.table.name, total: batch.firstOrdinal + Int64(batch.count))
                }
            }
            // A condition the source evaluated: the rows it had are the rows it sent.
            if plan.condition != nil { sourceRows = written }
            nulled = transform.nulled.byColumn
        }
        let seconds = Date().timeIntervalSince(started)
        if writer == nil { progress.tableFinished(plan.table.name, rows: written, seconds: seconds) }
        return RunReport.TableReport(
            name: plan.table.name, mode: plan.mode, sourceRows: sourceRows, writtenRows: written, seconds: seconds,
            columns: plan.columns.map {
                .init(name: $0.column, generator: $0.generator, domain: $0.domain, consistent: $0.consistent, inheritedFrom: $0.inheritedFrom, nulledValues: nulled[$0.column])
            } + plan.nullsRefused.compactMap { column in
                // (Copied as they are: named where the destination refused values of theirs.)
                nulled[column].map { .init(name: column, generator: "passthrough", domain: "\(plan.table.name).\(column)", consistent: true, inheritedFrom: nil, nulledValues: $0) }
            } + (plan.mode == .synthesize ? synthesis?.fakedColumns(of: plan.table.name) ?? [] : []).map {
                .init(name: $0.column, generator: $0.generator, domain: "\(plan.table.name).\($0.column)", consistent: true, inheritedFrom: nil, chosenBy: "synthesis")
            }, undecodedColumns: undecodedColumns.isEmpty ? nil : undecodedColumns, parts: part.isWhole ? nil : part.count,
            leftOutRows: plan.mode == .synthesize ? synthesis.map { $0.leftOutRows(of: plan.table.name) }.flatMap { $0 > 0 ? $0 : nil } : nil,
            leftOutReasons: plan.mode == .synthesize ? synthesis.map { $0.leftOutReasons(of: plan.table.name) }.flatMap { $0.isEmpty ? nil : $0 } : nil,
            sampleSeconds: plan.mode == .synthesize ? synthesis?.fitTimings(of: plan.table.name)?.sample : nil,
            fitSeconds: plan.mode == .synthesize ? synthesis?.fitTimings(of: plan.table.name)?.fit : nil)
    }

    /// What the generators of a table are fitted on before its first batch: the frequencies of the
    /// columns whose generators need them (categorical sampling), and a sample of its rows for
    /// those that fit a model (`continuous`).
    public struct ColumnFits: Sendable {
        public var statistics: [String: ColumnStatistics]
        public var sample: RowBatch?
        /// For `link_to` through a foreign key, by column: the parent's linked values by its key.
        public var parents: [String: ParentValues] = [:]
    }

    /// Rows in the sample that column-level models are fitted on.
    static let modelSample = 20_000

    public func columnStatistics(for plan: TablePlan, source: any DatabaseSource) async throws -> ColumnFits {
        var statistics: [String: ColumnStatistics] = [:]
        for column in plan.columns where registry.definition(named: column.generator)?.needsStatistics == true {
            let limit = column.parameters.integer("max_categories") ?? 10_000
            statistics[column.column] = try await source.frequencies(of: column.column, in: plan.table, limit: limit + 1)
        }
        var sample: RowBatch?
        if plan.columns.contains(where: { registry.definition(named: $0.generator)?.needsSample == true }) {
            sample = try await (source as? any SamplingSource)?.sample(of: plan.table, size: Self.modelSample)
        }
        // (Read once for columns that link to the same parent columns: `body` and `meta` of a ticket.)
        var read: [ColumnPlan.ParentLink: ParentValues] = [:]
        var parents: [String: ParentValues] = [:]
        for column in plan.columns {
            guard let link = column.parentLink else { continue }
            if read[link] == nil { read[link] = try await ParentValues.read(link, from: source, batchSize: options.batchSize) }
            parents[column.column] = read[link]
        }
        return ColumnFits(statistics: statistics, sample: sample, parents: parents)
    }

    /// The rows of a table as the transform needs them. When source and destination are of the same
    /// engine, columns no generator reads stay in the source's encoding and go to the destination
    /// undecoded, and rows come in the engine's cheapest order unless a generator depends on it.
    private func reading(
        _ plan: TablePlan, transform: TableTransform, source: any DatabaseSource, part: TablePart, consumer: (any EncodedRowConsumer)?
    ) async throws -> (any AsyncSequence<RowBatch, any Error>, undecoded: [String]) {
        let stored = plan.table.storedColumns
        if let source = source as? any EncodedRowSource {
            let selection = plan.selection
            if let consumer {
                let encodable = try await source.encodableColumns(of: plan.table)
                let read = transform.columnsRead.union(plan.rows == nil ? [] : plan.table.primaryKey)
                let decoding = stored.filter { read.contains($0.name) || !encodable.contains($0.name) }
                let encoding = stored.filter { column in !decoding.contains { $0.name == column.name } }
                if !encoding.isEmpty, consumer.accepts(format: source.encodedFormat, decoded: decoding, of: plan.table) {
                    let rows = try await source.rows(
                        of: plan.table, decoding: decoding, encoding: encoding, ordered: part.isWhole && needsRowOrder(plan), part: part, selection: selection,
                        batchSize: options.batchSize)
                    return (rows, encoding.map(\.name))
                }
            }
            // Everything decoded; in the deterministic order unless the destination takes rows in any order.
            let ordered = part.isWhole && (consumer == nil || needsRowOrder(plan))
            return (try await source.rows(of: plan.table, decoding: stored, encoding: [], ordered: ordered, part: part, selection: selection, batchSize: options.batchSize), [])
        }
        precondition(part.isWhole, "only an EncodedRowSource reads tables in parts")
        if let condition = plan.condition {
            guard let source = source as? any SubsetSource else {
                throw SubsetError("\(source.displayName) cannot select a subset's rows; remove `subset:`")
            }
            return (try await source.rows(of: plan.table, columns: stored, where: condition, batchSize: options.batchSize), [])
        }
        return (try await source.rows(of: plan.table, columns: stored, batchSize: options.batchSize), [])
    }

    /// Transforms up to `jobs` batches concurrently and hands them to `write` in source order.
    private func transformInOrder(
        _ batches: any AsyncSequence<RowBatch, any Error>, transform: TableTransform,
        write: (RowBatch) async throws -> Void
    ) async throws -> Int64 {
        if transform.isIdentity || options.jobs == 1 {
            var rows: Int64 = 0
            for try await batch in batches {
                try Task.checkCancellation()
                let output = try transform.apply(batch)
                try await write(output)
                rows += Int64(output.count)
            }
            return rows
        }
        return try await withThrowingTaskGroup(of: (Int, RowBatch).self) { group in
            var rows: Int64 = 0
            var sequence = 0
            var nextToWrite = 0
            var done: [Int: RowBatch] = [:]
            var inFlight = 0
            func drainOne() async throws {
                guard let (index, batch) = try await group.next() else { return }
                inFlight -= 1
                done[index] = batch
                while let ready = done.removeValue(forKey: nextToWrite) {
                    try await write(ready)
                    rows += Int64(ready.count)
                    nextToWrite += 1
                }
            }
            for try await batch in batches {
                try Task.checkCancellation()
                let index = sequence
                sequence += 1
                group.addTask { (index, try transform.apply(batch)) }
                inFlight += 1
                while inFlight >= options.jobs { try await drainOne() }
            }
            while inFlight > 0 { try await drainOne() }
            return rows
        }
    }

    static func selecting<S: AsyncSequence<RowBatch, any Error>>(_ batches: S, rows: Set<[Value]>, keyNames: [String]) -> any AsyncSequence<RowBatch, any Error> {
        SelectedBatches(base: batches, rows: rows, keyNames: keyNames)
    }

    /// Columns whose names look personal but are copied unchanged.
    static func findings(_ plan: RunPlan) -> [RunReport.Finding] {
        var findings = [SubsetPlanner.emptyTargetsFinding(plan.emptySubsetTargets)].compactMap { $0 }
        for table in plan.tables where table.mode != .truncate {
            // (An organisation's contact details are none of a person's, as the scanner judges them: `init` leaves them.)
            let matches = table.table.storedColumns.map { ColumnNameRules.match(column: $0.name, table: table.table.name) }
            let organisation = Scanner.describesOrganisation(table.table, namesPerson: matches.contains {
                $0.map { Scanner.personKinds.contains($0.kind) && $0.strength >= Scanner.personalThreshold } ?? false
            })
            for (column, match) in zip(table.table.storedColumns, matches) {
                let plan = table.plan(forColumn: column.name)
                guard plan == nil || ShuffledColumn.generators.contains(plan!.generator) else { continue }
                if organisation, let match, Scanner.contactKinds.contains(match.kind) { continue }
                // (A gender's suggestion is the shuffle itself.)
                guard let suggestion = SensitiveNames.suggestion(for: column, in: table.table), plan == nil || suggestion.generator != plan!.generator else { continue }
                let message = plan != nil
                    ? "looks like \(suggestion.kind) but \(ShuffledColumn.warning(plan!.generator)); consider generator \(suggestion.generator)"
                    : table.mode == .synthesize
                    ? "looks like \(suggestion.kind) and is synthesized from its own values (categories, or text that recombines their words); consider generator \(suggestion.generator)"
                    : "looks like \(suggestion.kind) but is copied unchanged; consider generator \(suggestion.generator)"
                findings.append(.init(id: "UND-W001", severity: .warning, table: table.table.name, column: column.name, message: message))
            }
        }
        return findings
    }

    static func sha256(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// The rows of a subset's selection, taken from a table's stream batch by batch.
struct SelectedBatches<Base: AsyncSequence<RowBatch, any Error>>: AsyncSequence {
    typealias Element = RowBatch
    let base: Base
    let rows: Set<[Value]>
    let keyNames: [String]

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let rows: Set<[Value]>
        let keyNames: [String]

        mutating func next() async throws -> RowBatch? {
            while let batch = try await base.next() {
                let keyIndexes = keyNames.compactMap { batch.columnIndex($0) }
                // One probe array, refilled in place: no allocation per row.
                var probe = [Value](repeating: .null, count: keyIndexes.count)
                let keep = (0..<batch.count).filter { i in
                    for (k, column) in keyIndexes.enumerated() { probe[k] = batch.columns[column][i] }
                    return rows.contains(probe)
                }
                guard !keep.isEmpty else { continue }
                return batch.selecting(keep)
            }
            return nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), rows: rows, keyNames: keyNames)
    }
}

/// The models a fit running alongside the load has published so far: the latest covers every table
/// fitted yet (SynthesisFitter fits in load order).
final class FittedModels: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: SynthesisModel?
    private var done = false
    private var failure: (any Error)?
    private var seconds: Double = 0
    /// Tables waited for, each resumed when a model holding it is published (or the fit ends).
    private var waiters: [(id: Int, table: String, continuation: CheckedContinuation<SynthesisModel, any Error>)] = []
    private var nextWaiter = 0

    var fitSeconds: Double {
        get { lock.withLock { seconds } }
        set { lock.withLock { seconds = newValue } }
    }

    func publish(_ model: SynthesisModel) {
        let ready = lock.withLock {
            latest = model
            let ready = waiters.filter { model.tables[$0.table] != nil }
            waiters.removeAll { model.tables[$0.table] != nil }
            return ready
        }
        for waiter in ready { waiter.continuation.resume(returning: model) }
    }

    func finish() { end(nil) }
    func fail(_ error: any Error) { end(error) }

    private func end(_ error: (any Error)?) {
        let left = lock.withLock {
            if let error { failure = error }
            done = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in left { waiter.continuation.resume(throwing: error ?? SynthesisError("no model was fitted for \(waiter.table)", table: waiter.table)) }
    }

    /// The first published model that holds `table`; the fit's error if it failed first. Waits
    /// without polling: `publish` resumes it.
    func model(containing table: String) async throws -> SynthesisModel {
        let id = lock.withLock { nextWaiter += 1; return nextWaiter }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let now: Result<SynthesisModel, any Error>? = lock.withLock {
                    if let latest, latest.tables[table] != nil { return .success(latest) }
                    if let failure { return .failure(failure) }
                    if done { return .failure(SynthesisError("no model was fitted for \(table)", table: table)) }
                    // Cancelled before waiting: the handler below found nothing to resume.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    waiters.append((id, table, continuation))
                    return nil
                }
                if let now { continuation.resume(with: now) }
            }
        } onCancel: {
            let waiter = lock.withLock { () -> CheckedContinuation<SynthesisModel, any Error>? in
                guard let at = waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.remove(at: at).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }
}

/// Connections (writers, readers, sessions) waiting for the next unit of parallel work: a unit
/// takes one or makes one, and puts it back when it succeeded.
public final class IdlePool<Item: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var items: [Item] = []

    public init() {}
    public func take() -> Item? { lock.withLock { items.popLast() } }
    public func put(_ item: Item) { lock.withLock { items.append(item) } }
    public func drain() -> [Item] { lock.withLock { defer { items = [] }; return items } }
}
