/// Everything introspected from one database: tables, views and triggers.
public struct DatabaseSchema: Sendable, Hashable, Codable {
    public var tables: [Table]
    public var views: [View]
    public var triggers: [Trigger]

    public init(tables: [Table], views: [View] = [], triggers: [Trigger] = []) {
        self.tables = tables
        self.views = views
        self.triggers = triggers
    }

    public func table(named name: String) -> Table? { tables.first { $0.name == name } }

    /// Foreign keys that point at `table`, with the name of the table that holds each.
    public func references(to table: String) -> [(table: String, key: ForeignKey)] {
        tables.flatMap { t in t.foreignKeys.filter { $0.referencedTable == table }.map { (t.name, $0) } }
    }
}

/// A view, copied as its definition.
public struct View: Sendable, Hashable, Codable {
    public var name: String
    public var definitionSQL: String
    public init(name: String, definitionSQL: String) {
        self.name = name
        self.definitionSQL = definitionSQL
    }
}

/// A trigger, copied as its definition after the rows are loaded (so it does not fire on them).
public struct Trigger: Sendable, Hashable, Codable {
    public var name: String
    public var table: String
    public var definitionSQL: String
    public init(name: String, table: String, definitionSQL: String) {
        self.name = name
        self.table = table
        self.definitionSQL = definitionSQL
    }
}
