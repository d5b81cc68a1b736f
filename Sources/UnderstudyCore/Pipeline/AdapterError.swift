/// A database that cannot be opened, read or written: what happened, where, and what to do.
///
/// The message names databases, tables and columns, never cell values.
public struct AdapterError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case invalidURL, unsupportedScheme, notFound, notADatabase, cannotOpen, readFailed, writeFailed
        case unsupportedSchema, sameAsSource, destinationBusy
    }

    public var code: Code
    public var message: String
    /// The database (without credentials) and, when known, the table.
    public var place: String?
    /// The engine's own message, when it has one.
    public var underlying: String?

    public init(code: Code, message: String, place: String? = nil, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.place = place
        self.underlying = underlying
    }

    public var description: String {
        var text = place.map { "\($0): " } ?? ""
        text += message
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
