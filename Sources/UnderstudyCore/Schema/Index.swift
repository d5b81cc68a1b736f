/// An index, or a unique constraint that the engine implements as one.
public struct Index: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]
    public var isUnique: Bool
    /// Created by the engine for a PRIMARY KEY or UNIQUE constraint of the table definition.
    public var isConstraint: Bool
    /// Partial index predicate, if any, verbatim.
    public var predicate: String?
    /// The engine's own statement that creates it, when the engine keeps one (SQLite does).
    public var definitionSQL: String?

    public init(
        name: String, columns: [String], isUnique: Bool, isConstraint: Bool,
        predicate: String? = nil, definitionSQL: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.isConstraint = isConstraint
        self.predicate = predicate
        self.definitionSQL = definitionSQL
    }
}
