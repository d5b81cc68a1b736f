/// A workspace that cannot be used as written: what is wrong, where, and how to fix it.
///
/// The description has the form `file:line:column: path: message`, where `path` is the dotted
/// path inside the workspace (`tables.customers.columns.email.generator`). It never contains a
/// value read from a database.
public struct WorkspaceError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case fileNotFound, unreadable, invalidYAML, invalidStructure, unsupportedVersion, tooLarge
        case unknownKey, missingKey, invalidValue, unknownMode, unsupportedMode
        case unknownGenerator, unknownParameter, invalidParameter
        case unknownTable, unknownColumn, typeMismatch, notUniqueSafe, notNullable
        case foreignKeyConflict, truncatedParent, missingSecret, weakSecret, invalidURL, unsupportedDestination
    }

    public var code: Code
    /// Dotted path inside the workspace; empty for the whole file.
    public var path: String
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?

    public init(code: Code, path: String, message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line { prefix += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            prefix += ": "
        }
        return prefix + (path.isEmpty ? "" : "\(path): ") + message
    }
}
