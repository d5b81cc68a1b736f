import Crypto
import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite
import UnderstudyKit

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-tests-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// The sample databases written outside this project (`../shared/datasets`).
enum Datasets {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var chinook: String {
        ProcessInfo.processInfo.environment["UNDERSTUDY_DATASETS"].map { $0 + "/chinook.sqlite" }
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/datasets/chinook.sqlite").path
    }
}

enum SQLiteFixture {
    /// Creates a database at `path` from SQL statements.
    static func create(_ path: String, _ sql: String) throws {
        let db = try SQLiteConnection(path: path, readOnly: false, create: true)
        try db.execute(sql)
    }

    static func rows(_ path: String, _ sql: String) throws -> [[Value]] {
        try SQLiteConnection(path: path, readOnly: true).query(sql)
    }

    static func sha256(_ path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// Runs a workspace end to end as `understudy run` does, with a given secret.
@discardableResult
/// Runs a workspace as `understudy run` does (UnderstudyKit's ``Job``), with the secret given here.
func runWorkspace(_ yaml: String, secret: String = "test-secret-0123456789abcdef", jobs: Int = 2, batchSize: Int = 500, file: String? = nil) async throws -> RunReport {
    let job = try await Job(workspace: try WorkspaceLoader.parse(yaml, file: file), path: file ?? "test.yml", environment: ["UNDERSTUDY_SECRET": secret])
    do {
        let report = try await job.run(options: .init(jobs: jobs, batchSize: batchSize))
        await job.close()
        return report
    } catch {
        await job.close()
        throw error
    }
}

func workspaceYAML(source: String, destination: String, tables: String) -> String {
    """
    version: 1
    source: sqlite://\(source)
    destination: sqlite://\(destination)
    secret: env:UNDERSTUDY_SECRET
    tables:
    \(tables)
    """
}
