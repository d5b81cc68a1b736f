import Foundation
import UnderstudyCore
import UnderstudyPostgres
import UnderstudySQLite

/// Opens sources and destinations by URL: the one place that knows every adapter.
public enum Databases {
    public static func parse(_ text: String, role: String, base: String) throws(AdapterError) -> DatabaseURL {
        try DatabaseURL(text, role: role, relativeTo: base)
    }

    /// Opens a source read-only. `place` names it in errors ("source", "--source").
    public static func openSource(_ text: String, role: String, base: String = FileManager.default.currentDirectoryPath) async throws -> any SamplingSource {
        switch try parse(text, role: role, base: base) {
        case .sqlite(let path): return try SQLiteSource(path: path)
        case .postgres(let raw): return try await PostgresSource(url: try PostgresURL(raw, role: role))
        }
    }

    /// Prepares a destination; it is written only by the pipeline, and only on success.
    public static func openDestination(_ text: String, base: String, source: any DatabaseSource, preserveSchema: Bool = false) throws -> any DatabaseDestination {
        switch try parse(text, role: "destination", base: base) {
        case .sqlite(let path):
            guard !preserveSchema else {
                throw AdapterError(code: .invalidURL, message: "preserve_schema loads into an existing PostgreSQL schema; a SQLite destination is always written whole (remove preserve_schema)", place: "destination")
            }
            return try SQLiteDestination(path: path, sourcePath: (source as? SQLiteSource)?.path)
        case .postgres(let raw):
            return try PostgresDestination(
                url: try PostgresURL(raw, role: "destination"), source: (source as? PostgresSource)?.url, sourceIdentity: (source as? PostgresSource)?.identity,
                preserveSchema: preserveSchema)
        }
    }

    /// Runs `body` on an opened source and closes it, whatever happens.
    public static func closing<T>(_ source: any SamplingSource, _ body: (any SamplingSource) async throws -> T) async throws -> T {
        do {
            let result = try await body(source)
            await source.close()
            return result
        } catch {
            await source.close()
            throw error
        }
    }

    /// Opens the workspace's source, locating URL errors in the workspace file.
    public static func openSource(of workspace: Workspace) async throws -> any SamplingSource {
        do {
            return try await openSource(workspace.source, role: "source", base: workspace.baseDirectory)
        } catch let error as AdapterError where error.code == .invalidURL || error.code == .unsupportedScheme {
            throw workspace.error(.invalidURL, at: "source", error.message)
        }
    }
}
