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
        var mode: String
        var expectedRows: Int64
        var rows: Int64
        var done: Bool

        enum CodingKeys: String, CodingKey { case name, mode, expectedRows = "expected_rows", rows, done }
    }

    struct Record: Codable, Sendable {
        var id: String
        var status: String
        var startedAt: String
        var finishedAt: String?
        var phase: String?
        var tables: [TableProgress]
        var report: RunReport?
        var error: String?

        enum CodingKeys: String, CodingKey { case id, status, startedAt = "started_at", finishedAt = "finished_at", phase, tables, report, error }
    }

    static let migrations = [
        """
        CREATE TABLE runs (id TEXT PRIMARY KEY, status TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, report TEXT, error TEXT)
        """,
    ]

    let store: SQLiteStore
    let workspacePath: String
    let environment: [String: String]
    /// Batches transformed at once by a run (`serve --jobs`).
    let jobs: Int
    /// The run in progress and its task.
    private var active: (id: String, task: Task<Void, Never>)?
    private var progress: [String: [TableProgress]] = [:]
    private var phases: [String: String] = [:]

    init(database: String, workspacePath: String, environment: [String: String], jobs: Int) throws {
        store = try SQLiteStore(path: database, migrations: Self.migrations)
        self.workspacePath = workspacePath
        self.environment = environment
        self.jobs = jobs
        // Runs left running by a server that stopped did not finish.
        try store.execute("UPDATE runs SET status = 'failed', error = 'the server stopped during the run', finished_at = ? WHERE status IN ('queued', 'running')",
                          [.text(Self.now())])
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Starts a run; refused (409) while another runs.
    func start() throws -> String {
        if let active {
            throw StudioError(status: .conflict, message: "run \(active.id) is still running; one run at a time per workspace (cancel it with POST /api/runs/\(active.id)/cancel)")
        }
        let id = String(UUID().uuidString.prefix(8)).lowercased()
        try store.execute("INSERT INTO runs (id, status, started_at) VALUES (?, 'queued', ?)", [.text(id), .text(Self.now())])
        progress[id] = []
        let path = workspacePath, environment = environment, jobs = jobs
        let task = Task<Void, Never> { [weak self] in
            guard let self else { return }
            await self.execute(id: id, path: path, environment: environment, jobs: jobs)
        }
        active = (id, task)
        return id
    }

    private func execute(id: String, path: String, environment: [String: String], jobs: Int) async {
        do {
            try store.execute("UPDATE runs SET status = 'running' WHERE id = ?", [.text(id)])
            let job = try await Job(workspace: try WorkspaceLoader.load(path: path), path: path, environment: environment)
            let report: RunReport
            do {
                try Task.checkCancellation()
                report = try await job.run(options: .init(jobs: jobs), progress: Observer(registry: self, id: id))
                await job.close()
            } catch {
                await job.close()
                throw error
            }
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            try store.execute("UPDATE runs SET status = ?, report = ?, finished_at = ? WHERE id = ?",
                              [.text(report.outcome == "succeeded" ? "succeeded" : "failed"), .text(json), .text(Self.now()), .text(id)])
        } catch {
            let message = error is CancellationError ? "cancelled" : "\(error)"
            try? store.execute("UPDATE runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?", [.text(message), .text(Self.now()), .text(id)])
        }
        if active?.id == id { active = nil }
    }

    func cancel(id: String) throws -> Record? {
        if let active, active.id == id { active.task.cancel() }
        return try run(id: id)
    }

    func run(id: String) throws -> Record? {
        try store.query("SELECT id, status, started_at, finished_at, report, error FROM runs WHERE id = ?", [.text(id)]).first.map(record)
    }

    /// Every run, newest first, without their reports (`run(id:)` has each one's).
    func history() throws -> [Record] {
        try store.query("SELECT id, status, started_at, finished_at, NULL, error FROM runs ORDER BY started_at DESC, rowid DESC").map(record)
    }

    private func record(_ row: [Value]) -> Record {
        let id = row[0].displayText
        let report = row[4].isNull ? nil : try? JSONDecoder().decode(RunReport.self, from: Data(row[4].displayText.utf8))
        return Record(
            id: id, status: row[1].displayText, startedAt: row[2].displayText, finishedAt: row[3].isNull ? nil : row[3].displayText,
            phase: phases[id], tables: progress[id] ?? report.map { $0.tables.map { TableProgress(name: $0.name, mode: $0.mode, expectedRows: $0.sourceRows, rows: $0.writtenRows, done: true) } } ?? [],
            report: report, error: row[5].isNull ? nil : row[5].displayText)
    }

    // Progress, as the pipeline reports it.

    func tableStarted(_ id: String, _ table: String, mode: TableMode, expectedRows: Int64) {
        progress[id, default: []].removeAll { $0.name == table }
        progress[id, default: []].append(TableProgress(name: table, mode: mode.rawValue, expectedRows: expectedRows, rows: 0, done: false))
    }

    func rowsWritten(_ id: String, _ table: String, total: Int64) {
        guard let index = progress[id]?.firstIndex(where: { $0.name == table }) else { return }
        progress[id]![index].rows = total
    }

    func tableFinished(_ id: String, _ table: String, rows: Int64) {
        guard let index = progress[id]?.firstIndex(where: { $0.name == table }) else { return }
        progress[id]![index].rows = rows
        progress[id]![index].done = true
    }

    func phase(_ id: String, _ description: String) { phases[id] = description }

    /// Forwards the pipeline's progress to the registry.
    struct Observer: ProgressObserver {
        let registry: RunRegistry
        let id: String
        func tableStarted(_ table: String, mode: TableMode, expectedRows: Int64) { Task { await registry.tableStarted(id, table, mode: mode, expectedRows: expectedRows) } }
        func rowsWritten(_ table: String, total: Int64) { Task { await registry.rowsWritten(id, table, total: total) } }
        func tableFinished(_ table: String, rows: Int64, seconds: Double) { Task { await registry.tableFinished(id, table, rows: rows) } }
        func phase(_ description: String) { Task { await registry.phase(id, description) } }
    }
}
