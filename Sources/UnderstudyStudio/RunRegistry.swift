import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// Runs started from the Studio: one at a time per workspace, each a ``Job`` as `understudy run`
/// makes it, with per-table progress while it runs; every run's status, report and error are kept
/// in `.understudy/studio.db`, so the history survives a restart (a run that was running when
/// the server stopped is recorded as failed when it starts again).
actor RunRegistry {
    struct TableProgress: Codable, Sendable {
        var name: String
        var mode: TableMode
        var expectedRows: Int64
        var rows: Int64
        var done: Bool

        enum CodingKeys: String, CodingKey { case name, mode, expectedRows = "expected_rows", rows, done }
    }

    /// Where a run stands (stored and answered as the raw value).
    enum Status: String, Codable, Sendable {
        case queued, running, succeeded, failed

        var finished: Bool { self == .succeeded || self == .failed }
    }

    struct Record: Codable, Sendable {
        var id: String
        var status: Status
        var startedAt: String
        var finishedAt: String?
        var phase: String?
        var tables: [TableProgress]
        var report: RunReport?
        var error: String?
        /// What the run did, a line per step (phases, tables finished), as `understudy run` prints it.
        var log: [String]

        enum CodingKeys: String, CodingKey { case id, status, startedAt = "started_at", finishedAt = "finished_at", phase, tables, report, error, log }
    }

    static let migrations = [
        """
        CREATE TABLE runs (id TEXT PRIMARY KEY, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, report TEXT, error TEXT)
        """,
        "ALTER TABLE runs ADD COLUMN log TEXT NOT NULL DEFAULT ''",
    ]

    let store: SQLiteStore
    let workspacePath: String
    let environment: [String: String]
    /// Batches transformed at once by a run (`serve --jobs`).
    let jobs: Int
    /// The threads runs work on, apart from those that answer requests.
    let executor: RunExecutor
    /// The run in progress and its task.
    private var active: (id: String, task: Task<Void, Never>)?
    private var progress: [String: [TableProgress]] = [:]
    private var phases: [String: String] = [:]

    init(database: String, workspacePath: String, environment: [String: String], jobs: Int) throws {
        store = try SQLiteStore(path: database, migrations: Self.migrations)
        self.workspacePath = workspacePath
        self.environment = environment
        self.jobs = jobs
        executor = RunExecutor(threads: jobs)
        // Runs left running by a server that stopped did not finish.
        try store.execute("UPDATE runs SET status = ?, error = 'the server stopped during the run', finished_at = ? WHERE status IN (?, ?)",
                          [.text(Status.failed.rawValue), .text(Self.now()), .text(Status.queued.rawValue), .text(Status.running.rawValue)])
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Starts a run; refused (409) while another runs.
    func start() throws -> String {
        if let active {
            throw StudioError(status: .conflict, message: "run \(active.id) is still running; one run at a time per workspace (cancel it with POST /api/runs/\(active.id)/cancel)")
        }
        let id = String(UUID().uuidString.prefix(8)).lowercased()
        try store.execute("INSERT INTO runs (id, status, started_at) VALUES (?, ?, ?)", [.text(id), .text(Status.queued.rawValue), .text(Self.now())])
        progress[id] = []
        let path = workspacePath, environment = environment, jobs = jobs
        let task = Task<Void, Never> { [weak self] in
            guard let self else { return }
            await self.execute(id: id, path: path, environment: environment, jobs: jobs)
        }
        active = (id, task)
        return id
    }

    /// The run itself, on the run executor's threads (its batches, reads and writes never hold the
    /// threads that answer requests).
    private nonisolated static func runJob(
        path: String, environment: [String: String], jobs: Int, executor: RunExecutor, observer: Observer, previous: Data?
    ) async throws -> RunReport {
        try await withTaskExecutorPreference(executor, isolation: nil) {
            let job = try await Job(workspace: try WorkspaceLoader.load(path: path), path: path, environment: environment)
            do {
                try Task.checkCancellation()
                let report = try await job.run(options: .init(jobs: jobs, executor: executor), progress: observer, previous: previous)
                await job.close()
                return report
            } catch {
                await job.close()
                throw error
            }
        }
    }

    private func execute(id: String, path: String, environment: [String: String], jobs: Int) async {
        // Progress events in the order the pipeline reports them, handled by one task, which the
        // run waits for before it records its outcome (so the log ends with it).
        let (events, continuation) = AsyncStream<Event>.makeStream()
        let consumer = Task { for await event in events { await self.handle(event, of: id) } }
        do {
            try store.execute("UPDATE runs SET status = ? WHERE id = ?", [.text(Status.running.rawValue), .text(id)])
            append(id, "checking the workspace and the source")
            // The last successful run's report: was its secret this one (UND-W016)? Which tables of an
            // earlier copy did it write (the guard against another application's data lets them go)?
            let previous = try store.query("SELECT id, report FROM runs WHERE status = ? AND report IS NOT NULL ORDER BY started_at DESC, rowid DESC LIMIT 1",
                                           [.text(Status.succeeded.rawValue)]).first
            let previousReport = previous.map { Data($0[1].displayText.utf8) }
            var report = try await Self.runJob(
                path: path, environment: environment, jobs: jobs, executor: executor, observer: Observer(events: continuation), previous: previousReport)
            if let previous, let changed = Job.secretChange(previous: previousReport, reportPath: "the Studio's run \(previous[0].displayText)", current: report) {
                report.findings.append(changed)
            }
            continuation.finish()
            await consumer.value
            append(id, "\(report.outcome.rawValue): \(report.tables.count) tables, \(report.totalRows) rows")
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            try store.execute("UPDATE runs SET status = ?, report = ?, finished_at = ? WHERE id = ?",
                              [.text((report.outcome == .succeeded ? Status.succeeded : .failed).rawValue), .text(json), .text(Self.now()), .text(id)])
        } catch {
            continuation.finish()
            await consumer.value
            let message = error is CancellationError ? "cancelled" : "\(error)"
            append(id, "failed: \(message)")
            try? store.execute("UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ?", [.text(Status.failed.rawValue), .text(message), .text(Self.now()), .text(id)])
        }
        if active?.id == id { active = nil }
    }

    enum Event: Sendable {
        case tableStarted(String, TableMode, Int64)
        case rowsWritten(String, Int64)
        case tableFinished(String, Int64, Double)
        case phase(String)
    }

    private func handle(_ event: Event, of id: String) {
        switch event {
        case .tableStarted(let table, let mode, let expected): tableStarted(id, table, mode: mode, expectedRows: expected)
        case .rowsWritten(let table, let total): rowsWritten(id, table, total: total)
        case .tableFinished(let table, let rows, let seconds): tableFinished(id, table, rows: rows, seconds: seconds)
        case .phase(let description): phase(id, description)
        }
    }

    func cancel(id: String) throws -> Record? {
        if let active, active.id == id { active.task.cancel() }
        return try run(id: id)
    }

    func run(id: String) throws -> Record? {
        try store.query("SELECT id, status, started_at, finished_at, report, error, log FROM runs WHERE id = ?", [.text(id)]).first.map(record)
    }

    /// Every run, newest first, without their reports (`run(id:)` has each one's).
    func history() throws -> [Record] {
        try store.query("SELECT id, status, started_at, finished_at, NULL, error, '' FROM runs ORDER BY started_at DESC, rowid DESC").map(record)
    }

    private func record(_ row: [Value]) -> Record {
        let id = row[0].displayText
        let report = row[4].isNull ? nil : try? JSONDecoder().decode(RunReport.self, from: Data(row[4].displayText.utf8))
        return Record(
            id: id, status: Status(rawValue: row[1].displayText) ?? .failed, startedAt: row[2].displayText, finishedAt: row[3].isNull ? nil : row[3].displayText,
            phase: phases[id], tables: progress[id] ?? report.map { $0.tables.map { TableProgress(name: $0.name, mode: $0.mode, expectedRows: $0.sourceRows, rows: $0.writtenRows, done: true) } } ?? [],
            report: report, error: row[5].isNull ? nil : row[5].displayText,
            log: row[6].displayText.split(separator: "\n").map(String.init))
    }

    // Progress, as the pipeline reports it.

    func tableStarted(_ id: String, _ table: String, mode: TableMode, expectedRows: Int64) {
        progress[id, default: []].removeAll { $0.name == table }
        progress[id, default: []].append(TableProgress(name: table, mode: mode, expectedRows: expectedRows, rows: 0, done: false))
    }

    func rowsWritten(_ id: String, _ table: String, total: Int64) {
        guard let index = progress[id]?.firstIndex(where: { $0.name == table }) else { return }
        progress[id]![index].rows = total
    }

    func tableFinished(_ id: String, _ table: String, rows: Int64, seconds: Double) {
        append(id, "\(table): \(rows) rows in \(String(format: "%.2f", seconds)) s")
        guard let index = progress[id]?.firstIndex(where: { $0.name == table }) else { return }
        progress[id]![index].rows = rows
        progress[id]![index].done = true
    }

    func phase(_ id: String, _ description: String) {
        phases[id] = description
        append(id, description)
    }

    /// A line of the run's log, kept with the run.
    func append(_ id: String, _ line: String) {
        try? store.execute("UPDATE runs SET log = log || ? WHERE id = ?", [.text(Self.now() + "  " + line + "\n"), .text(id)])
    }

    /// Forwards the pipeline's progress to the registry, in order.
    struct Observer: ProgressObserver {
        let events: AsyncStream<Event>.Continuation
        func tableStarted(_ table: String, mode: TableMode, expectedRows: Int64) { events.yield(.tableStarted(table, mode, expectedRows)) }
        func rowsWritten(_ table: String, total: Int64) { events.yield(.rowsWritten(table, total)) }
        func tableFinished(_ table: String, rows: Int64, seconds: Double) { events.yield(.tableFinished(table, rows, seconds)) }
        func phase(_ description: String) { events.yield(.phase(description)) }
    }
}
