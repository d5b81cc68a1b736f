import UnderstudyCore
import UnderstudySQLite

/// Foreign keys the source does not declare, ranked (`understudy fk suggest`, the Studio): from
/// column names and value containment, measured on the workspace's source.
public enum ForeignKeySuggestions {
    /// The suggestions for `workspace` at or above `minimumConfidence`, and the schema they were
    /// found in (the workspace's declared keys applied).
    public static func suggest(for workspace: Workspace, minimumConfidence: Double) async throws -> (suggestions: [ForeignKeySuggestion], schema: DatabaseSchema) {
        let source = try SQLiteSource(path: try Job.sqlitePath(workspace.source, role: "source", in: workspace))
        let schema = try RunPlanner.applyingDeclaredKeys(workspace, to: try source.introspect())
        let suggestions = try await ForeignKeySuggester().suggest(
            schema: schema,
            distinct: { table, column, limit in try source.distinctValues(of: column, in: table, limit: limit) },
            containment: { table, column, values in try source.keys(of: table, columns: [column], matching: [column], values: values.map { [$0] }).count }
        ).filter { $0.confidence >= minimumConfidence }
        return (suggestions, try source.introspect())
    }

    /// Writes `suggestions` into the workspace's `foreign_keys` list (checked as run checks the file).
    public static func accept(_ suggestions: [ForeignKeySuggestion], into path: String, schema: DatabaseSchema) throws {
        try WorkspaceEdits(path: path, schema: schema).apply { editor, _ in
            for s in suggestions { editor.append(toList: "foreign_keys", item: [("from", YAMLText.scalar(s.from)), ("to", YAMLText.scalar(s.to))]) }
        }
    }
}
