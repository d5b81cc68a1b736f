import Foundation
import UnderstudyCore

/// Changes to a workspace file made by a front end (`schema ack`, `fk suggest --accept`, the
/// Studio): written with the comment-keeping ``WorkspaceEditor``, then checked exactly as `run`
/// checks the file — loaded, and planned against the source schema — before the file is replaced
/// (atomically). A change that would make the workspace invalid is refused with `run`'s own
/// located message, and the file is left as it was.
public struct WorkspaceEdits {
    public let path: String
    public let schema: DatabaseSchema

    public init(path: String, schema: DatabaseSchema) {
        self.path = path
        self.schema = schema
    }

    /// Edits the file's text with `change`, checks the result, and writes it; returns the new workspace.
    @discardableResult
    public func apply(_ change: (inout WorkspaceEditor, Workspace) throws -> Void) throws -> Workspace {
        // One edit at a time, in this process and across processes (the Studio's requests, `schema
        // ack`, `columns set`): a lock on the workspace's folder, as the file itself is replaced by
        // a rename (a lock on it would be on the old file) and a lock file would sit beside it.
        // Before, two edits at once could read the file before either wrote it (one change lost)
        // or rename the same temporary file (one failed).
        let folder = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 { while flock(folder, LOCK_EX) != 0 && errno == EINTR {} }
        defer { if folder >= 0 { close(folder) } }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let current = try WorkspaceLoader.parse(text, file: path)
        var editor = WorkspaceEditor(text: text)
        try change(&editor, current)
        let updated = try WorkspaceLoader.parse(editor.text, file: path)
        _ = try RunPlanner().plan(updated, schema: schema)
        try FileReplacement.write(Data(editor.text.utf8), to: path)
        return updated
    }

    /// Sets a column's generator and parameters (`passthrough` removes the column's entry). The
    /// entry's `domain` and `on_invalid` stay, and `consistent` where the generator does: a domain
    /// `init` gave columns of the same values was dropped, and their joins with it.
    @discardableResult
    public func setColumn(_ table: String, _ column: String, generator: String, parameters: [String: ParameterValue] = [:]) throws -> Workspace {
        try apply { editor, current in
            if generator == "passthrough" && parameters.isEmpty {
                editor.remove(["tables", table, "columns", column])
            } else {
                let before = current.settings(forTable: table)?.settings(forColumn: column)
                let settings = ColumnSettings(
                    name: column, generator: generator, domain: before?.domain, consistent: before?.generator == generator ? before?.consistent : nil,
                    onInvalid: before?.onInvalid, parameters: parameters)
                editor.set(["tables", table, "columns", column], to: WorkspaceWriter.columnEntry(settings))
            }
        }
    }

    /// Sets a table's mode.
    @discardableResult
    public func setMode(_ table: String, _ mode: TableMode) throws -> Workspace {
        try apply { editor, _ in editor.set(["tables", table, "mode"], to: mode.rawValue) }
    }

    /// Sets the `subset:` section's targets (replacing them), and `downstream` and `lookup_tables`
    /// when given; relationships stay as they are.
    @discardableResult
    public func setSubset(targets: [SubsetSettings.Target], downstream: Bool?, lookupTables: [String]?) throws -> Workspace {
        try apply { editor, _ in
            let items = targets.map { target -> String in
                var fields = ["table: \(YAMLText.scalar(target.table))"]
                if let predicate = target.predicate { fields.append("where: \(YAMLText.scalar(predicate))") }
                if let percent = target.percent { fields.append("percent: \(YAMLText.number(percent))") }
                if let limit = target.limit { fields.append("limit: \(limit)") }
                return "{ " + fields.joined(separator: ", ") + " }"
            }
            editor.set(["subset", "targets"], to: "[" + items.joined(separator: ", ") + "]")
            if let downstream { editor.set(["subset", "downstream"], to: downstream ? "true" : "false") }
            if let lookupTables {
                if lookupTables.isEmpty {
                    editor.remove(["subset", "lookup_tables"])
                } else {
                    editor.set(["subset", "lookup_tables"], to: "[" + lookupTables.map(YAMLText.scalar).joined(separator: ", ") + "]")
                }
            }
        }
    }

    /// Sets `exclude_objects` (objects of the source not copied: `view report`, `foreign key
    /// profiles.profiles_id_fkey`), replacing it; none removes the key. An entry that names no object
    /// is refused as `run` refuses it.
    @discardableResult
    public func setExcludedObjects(_ labels: [String]) throws -> Workspace {
        try apply { editor, _ in
            if labels.isEmpty {
                editor.remove(["exclude_objects"])
            } else {
                editor.set(["exclude_objects"], to: "[" + labels.map(YAMLText.scalar).joined(separator: ", ") + "]")
            }
        }
    }

    /// Removes the `subset:` section: every row is copied.
    @discardableResult
    public func removeSubset() throws -> Workspace {
        try apply { editor, _ in editor.remove(["subset"]) }
    }

    /// Records `changes` as reviewed in the workspace's `schema:` section; with `generator`, also
    /// sets it on the columns they add.
    @discardableResult
    public func acknowledge(_ changes: [SchemaDrift.Change], generator: String? = nil) throws -> Workspace {
        try apply { editor, current in
            if current.reviewedSchema == nil, !editor.contains(["schema"]) {
                editor = WorkspaceEditor(text: editor.text + "\n# The schema a person reviewed: `understudy schema ack` updates it.\n")
            }
            var added: [(String, String)] = []
            for change in changes {
                switch change {
                case .newTable(let table):
                    for column in schema.table(named: table)?.storedColumns ?? [] {
                        editor.set(["schema", table, column.name], to: YAMLText.scalar(ReviewedSchema.ReviewedColumn(column).text))
                        added.append((table, column.name))
                    }
                case .droppedTable(let table):
                    editor.remove(["schema", table])
                case .newColumn(let table, let column, let type):
                    editor.set(["schema", table, column], to: YAMLText.scalar(type))
                    added.append((table, column))
                case .typeChanged(let table, let column, _, let to):
                    editor.set(["schema", table, column], to: YAMLText.scalar(to))
                case .droppedColumn(let table, let column):
                    editor.remove(["schema", table, column])
                }
            }
            if let generator {
                for (table, column) in added {
                    editor.set(["tables", table, "columns", column], to: WorkspaceWriter.columnEntry(ColumnSettings(name: column, generator: generator)))
                }
            }
        }
    }
}
