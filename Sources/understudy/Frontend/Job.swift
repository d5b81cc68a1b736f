import Foundation
import UnderstudyCore
import UnderstudySQLite

/// A workspace made ready to run: loaded, its secret resolved, its source opened and its plan
/// checked against the source schema. Nothing has been written yet.
struct Job {
    let workspace: Workspace
    let key: MasterKey
    let source: SQLiteSource
    let schema: DatabaseSchema
    let plan: RunPlan
    let destinationPath: String

    init(workspacePath: String) async throws {
        workspace = try WorkspaceLoader.load(path: workspacePath)
        key = try workspace.secret.resolve(in: workspace)
        let sourcePath = try Self.sqlitePath(workspace.source, role: "source", in: workspace)
        destinationPath = try Self.sqlitePath(workspace.destination, role: "destination", in: workspace)
        source = try SQLiteSource(path: sourcePath)
        schema = try await source.introspect()
        plan = try RunPlanner().plan(workspace, schema: schema)
    }

    static func sqlitePath(_ url: String, role: String, in workspace: Workspace) throws(WorkspaceError) -> String {
        do {
            switch try DatabaseURL(url, role: role, relativeTo: workspace.baseDirectory) {
            case .sqlite(let path): return path
            }
        } catch {
            throw workspace.error(.invalidURL, at: role, error.message)
        }
    }

    /// Runs the job into its destination.
    func run(options: Pipeline.Options, progress: any ProgressObserver) async throws -> RunReport {
        let destination = try SQLiteDestination(path: destinationPath, sourcePath: source.path)
        return try await Pipeline(options: options).run(
            plan: plan, key: key, source: source, destination: destination, workspace: workspace, progress: progress)
    }
}
