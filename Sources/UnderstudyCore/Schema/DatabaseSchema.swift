/// Everything introspected from one database: tables, views and triggers.
public struct DatabaseSchema: Sendable, Hashable, Codable {
    public var tables: [Table] { didSet { tableIndex = NameIndex() } }
    public var views: [View]
    public var triggers: [Trigger]
    /// The engine the definitions (`definitionSQL`, constraint texts) are written for: `sqlite` or `postgres`.
    public var engine: DatabaseEngine
    /// PostgreSQL enum types used by the tables: name → labels in order.
    public var enums: [EnumType]
    /// PostgreSQL sequences of the schema, with their position.
    public var sequences: [SequenceState]
    /// PostgreSQL domains of the schema (`CREATE DOMAIN …`), created before the tables.
    public var domains: [View]
    /// PostgreSQL functions of the schema (`CREATE FUNCTION …`, e.g. those triggers call), created before the triggers.
    public var functions: [View]
    /// PostgreSQL's other objects (extensions, collations, composite and range types, aggregates,
    /// operators, partitions' own constraints and indexes, rules, row security, policies, extended
    /// statistics, comments), in the order they are created within their phase.
    public var objects: [SchemaObject] = []
    /// PostgreSQL: the schemas copied, when there are several (tables and other objects are then
    /// named `schema.name`); nil for one.
    public var namespaces: [String]?
    /// PostgreSQL: the schemas read, in order, one or several (definitions write a qualifier of
    /// theirs in quotes where the copy must keep one: ``SchemaQualifiers``).
    public var schemaNames: [String]?
    /// PostgreSQL: `name=value` of each setting the source database carries (`ALTER DATABASE … SET`),
    /// which a copy into another database does not take along.
    public var databaseSettings: [String]?
    /// PostgreSQL: the statement that creates each enabled event trigger of the source database
    /// (not an extension's), which a copy of schemas does not take along either.
    public var eventTriggers: [String]?
    /// PostgreSQL: the statement that creates each table access method of the source database
    /// other than `heap` (`CREATE ACCESS METHOD … TYPE TABLE HANDLER …`), by its name: the
    /// database's, as event triggers are; a table stored in one (``TableStorage/accessMethod``) is
    /// stored in it in a destination that has it.
    public var accessMethods: [String: String]?
    /// PostgreSQL destinations: the source's privileges are not copied (no `copy_privileges`), so
    /// the copy keeps those the destination's schema had — on the schema, on tables of the same
    /// name, its default privileges — instead of leaving the application's roles locked out.
    public var keepsDestinationPrivileges: Bool?
    /// PostgreSQL sources: the columns (`oid`, or a domain over it: the `lo` extension's) whose values
    /// are the database's large objects, by table and column: how many distinct ones each references.
    /// Large objects are the database's, not a schema's, and a copy holds none: kept, such values
    /// point at nothing in the copy (`UND-W026`; `init` suggests `null`).
    public var largeObjects: [String: [String: Int]]?
    /// ``table(named:)``'s index (not coded).
    private var tableIndex = NameIndex()

    private enum CodingKeys: String, CodingKey {
        case tables, views, triggers, engine, enums, sequences, domains, functions, objects, namespaces, schemaNames, databaseSettings, eventTriggers, accessMethods, keepsDestinationPrivileges, largeObjects
    }

    /// Of a name `schema.name` (as objects are named when several schemas are copied): the position
    /// of its schema among `namespaces` and its name in that schema; nil when it names none of them.
    public static func locate(_ name: String, among namespaces: [String]) -> (index: Int, local: String)? {
        for (index, namespace) in namespaces.enumerated() where name.hasPrefix(namespace + ".") {
            return (index, String(name.dropFirst(namespace.count + 1)))
        }
        return nil
    }

    public init(
        tables: [Table], views: [View] = [], triggers: [Trigger] = [], engine: DatabaseEngine = .sqlite, enums: [EnumType] = [], sequences: [SequenceState] = [],
        domains: [View] = [], functions: [View] = []
    ) {
        self.tables = tables
        self.views = views
        self.triggers = triggers
        self.engine = engine
        self.enums = enums
        self.sequences = sequences
        self.domains = domains
        self.functions = functions
    }

    public func table(named name: String) -> Table? { tableIndex.position(of: name, in: tables, name: \.name).map { tables[$0] } }

    /// What `exclude_objects` names: every object other than tables, by the kind a person reads in
    /// `pg_dump` (`view`, `materialized view`, `aggregate`…).
    public enum ObjectKind: Sendable, Hashable, CustomStringConvertible {
        case view, materializedView, function, trigger, domain, type
        /// A foreign key of a table, named `table.constraint` (PostgreSQL).
        case foreignKey
        /// An object copied as its definition (``SchemaObject``).
        case object(SchemaObject.Kind)

        /// Every kind that can be named, in the order error messages list them.
        public static let all: [ObjectKind] = [.view, .materializedView, .function, .trigger, .domain, .type, .foreignKey]
            + SchemaObject.Kind.allCases.filter { ![.schemaComment, .grant, .schemaGrant].contains($0) }.map(ObjectKind.object)

        /// The kind a person writes (`materialized view`), or nil.
        public init?(label: String) {
            guard let kind = Self.all.first(where: { $0.description == label }) else { return nil }
            self = kind
        }

        public var description: String {
            switch self {
            case .view: "view"
            case .materializedView: "materialized view"
            case .function: "function"
            case .trigger: "trigger"
            case .domain: "domain"
            case .type: "type"
            case .foreignKey: "foreign key"
            case .object(let kind): kind.rawValue
            }
        }
    }

    /// Every object other than tables, as `exclude_objects` names it.
    public var objectLabels: [(kind: ObjectKind, name: String)] {
        views.map { ($0.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") ? .materializedView : .view, $0.name) }
            + functions.map { (.function, $0.name) } + triggers.map { (.trigger, $0.name) } + domains.map { (.domain, $0.name) }
            + enums.map { (.type, $0.name) }
            + tables.flatMap { table in table.foreignKeys.compactMap { key in key.constraintName.map { (ObjectKind.foreignKey, "\(table.name).\($0)") } } }
            + objects.filter { $0.kind != .schemaComment && $0.kind != .schemaGrant }.map { (.object($0.kind), $0.name) }
    }

    /// Removes an object named by kind and name (with what belongs to it: a materialized view's indexes, comments on it).
    public mutating func remove(kind: ObjectKind, name: String) {
        switch kind {
        case .view, .materializedView:
            views.removeAll { $0.name == name }
            objects.removeAll { $0.table == name }
        case .function: functions.removeAll { $0.name == name }
        case .trigger: triggers.removeAll { $0.name == name }
        case .domain: domains.removeAll { $0.name == name }
        case .type: enums.removeAll { $0.name == name }
        case .foreignKey:
            for t in tables.indices {
                for key in tables[t].foreignKeys where key.constraintName.map({ "\(tables[t].name).\($0)" }) == name {
                    tables[t].foreignKeys.removeAll { $0.constraintName == key.constraintName }
                    tables[t].constraints.removeAll { $0.kind == "f" && $0.name == key.constraintName }
                }
            }
        case .object(let kind): objects.removeAll { $0.kind == kind && $0.name == name }
        }
        // Comments on it go with it.
        if kind != .object(.comment) {
            objects.removeAll { $0.kind == .comment && ($0.name == name || $0.name.hasPrefix(name + ".")) }
        }
    }

    /// Foreign keys that point at `table`, with the name of the table that holds each.
    public func references(to table: String) -> [(table: String, key: ForeignKey)] {
        tables.flatMap { t in t.foreignKeys.filter { $0.referencedTable == table }.map { (t.name, $0) } }
    }
}

/// A view (or another object copied as its definition: a domain, a function).
public struct View: Sendable, Hashable, Codable {
    public var name: String
    public var definitionSQL: String
    /// PostgreSQL: what of the copied schemas must exist before it is created, as
    /// ``View/relationKey(_:)`` and ``View/functionKey(_:)`` name them — a view's views and
    /// functions; a function's relations (a table's row type in its signature, `RETURNS SETOF
    /// orders`, a SQL-standard body reading a table) and functions. Nil when nothing.
    public var dependsOn: [String]?
    public init(name: String, definitionSQL: String) {
        self.name = name
        self.definitionSQL = definitionSQL
    }

    public static func relationKey(_ name: String) -> String { "relation \(name)" }
    public static func functionKey(_ name: String) -> String { "function \(name)" }
    /// A type's (an enum, a domain, a composite or range type: they share PostgreSQL's names).
    public static func typeKey(_ name: String) -> String { "type \(name)" }

    /// `items` (each known by `key`) in an order that creates each after what it depends on among
    /// them; stable: otherwise as given. A cycle cannot be created anyway: its members come last,
    /// as given, and the server names the problem.
    public static func dependencyOrder<Item>(_ items: [Item], key: (Item) -> String, dependsOn: (Item) -> [String]?) -> [Item] {
        var placed = Set<String>(), ordered: [Item] = [], remaining = items
        let keys = Set(items.map(key))
        while !remaining.isEmpty {
            guard let next = remaining.firstIndex(where: { (dependsOn($0) ?? []).allSatisfy { placed.contains($0) || !keys.contains($0) } }) else {
                return ordered + remaining
            }
            placed.insert(key(remaining[next]))
            ordered.append(remaining.remove(at: next))
        }
        return ordered
    }
}

/// When a PostgreSQL function of the copied schemas can be created.
public enum FunctionStage: Sendable, Hashable {
    /// Before the tables, so that defaults, checks and generated columns can call it (most functions).
    case beforeTables
    /// Once the tables exist: a table's row type in its signature (`RETURNS SETOF orders`,
    /// `full_name(p people)`), or a SQL-standard body (`BEGIN ATOMIC`) that reads a table.
    case afterTables
    /// Among the views: it depends on a view (its row type, or a body that reads it).
    case withViews
}

extension DatabaseSchema {
    /// The stage of each function (by name: overloads share the latest stage of any of them): a
    /// function waits for what it depends on, and for the functions it calls that wait.
    public func functionStages() -> [String: FunctionStage] {
        let tableKeys = Set(tables.map { View.relationKey($0.name) })
        // (A type that holds a table's row type is created among the tables.)
        let holders = Set(rowTypeHolders().keys.map(View.typeKey))
        var stages: [String: FunctionStage] = [:]
        for function in functions {
            let depends = function.dependsOn ?? []
            // (A relation the model has not got — a view left out — is waited for the longest: the
            // function then fails among the views, where the message says to leave it out too.)
            let relations = depends.filter { $0.hasPrefix(View.relationKey("")) }
            let own: FunctionStage = relations.contains { !tableKeys.contains($0) } ? .withViews
                : relations.isEmpty && holders.isDisjoint(with: depends) ? .beforeTables : .afterTables
            stages[function.name] = max(stages[function.name] ?? .beforeTables, own)
        }
        // A function calling one that waits waits as long (a fixed point: stages only rise).
        var changed = true
        while changed {
            changed = false
            for function in functions {
                let prefix = View.functionKey("")
                let called = (function.dependsOn ?? []).compactMap { key in key.hasPrefix(prefix) ? stages[String(key.dropFirst(prefix.count))] : nil }
                if let latest = called.max(), latest > stages[function.name]! {
                    stages[function.name] = latest
                    changed = true
                }
            }
        }
        return stages
    }
}

extension DatabaseSchema {
    /// The composite and range types and domains that hold a table's row type (`CREATE TYPE wrap
    /// AS (o orders, n int)`, `CREATE DOMAIN order_row AS orders`), directly or through each other
    /// (`CREATE TYPE pair AS (w wrap, …)`), by name, with the tables each needs: the server cannot
    /// create them before those tables, so they are made among the tables (they failed the run,
    /// made before them: `type "orders" does not exist`).
    public func rowTypeHolders() -> [String: Set<String>] {
        let tableNames = Set(tables.map(\.name))
        let needs = objects.filter { [.compositeType, .rangeType].contains($0.kind) }.map { ($0.name, $0.dependsOn ?? []) }
            + domains.map { ($0.name, $0.dependsOn ?? []) }
        let relation = View.relationKey(""), type = View.typeKey("")
        var holders: [String: Set<String>] = [:]
        var changed = true
        while changed {
            changed = false
            for (name, keys) in needs {
                var needed = Set<String>()
                for key in keys {
                    if key.hasPrefix(relation), case let table = String(key.dropFirst(relation.count)), tableNames.contains(table) { needed.insert(table) }
                    if key.hasPrefix(type), let more = holders[String(key.dropFirst(type.count))] { needed.formUnion(more) }
                }
                if !needed.isEmpty, holders[name] != needed {
                    holders[name] = needed
                    changed = true
                }
            }
        }
        return holders
    }

    /// The aggregates, operators, casts, conversions and operator classes and families that need a
    /// table: over its row type (`CREATE AGGREGATE total_of(orders)`), a type that holds it
    /// (``rowTypeHolders()``), a function made after the tables (``functionStages()``), or another
    /// of them (an operator class of such an operator); by ``SchemaObject/label``. Made after the
    /// tables (before them, the run failed: `type orders does not exist`). `stages` and `holders`:
    /// the schema's ``functionStages()`` and ``rowTypeHolders()``.
    public func objectsAfterTables(stages: [String: FunctionStage], holders: [String: Set<String>]) -> Set<String> {
        let kinds: Set<SchemaObject.Kind> = [.aggregate, .operator, .cast, .conversion, .operatorFamily, .operatorClass]
        let candidates = objects.filter { kinds.contains($0.kind) && $0.dependsOn != nil }
        guard !candidates.isEmpty else { return [] }
        var late = Set(tables.map { View.relationKey($0.name) } + holders.keys.map(View.typeKey)
            + stages.filter { $0.value != .beforeTables }.keys.map(View.functionKey))
        var found = Set<String>(), changed = true
        while changed {
            changed = false
            for object in candidates where !found.contains(object.label) && !late.isDisjoint(with: object.dependsOn ?? []) {
                found.insert(object.label)
                if let key = object.key { late.insert(key) }
                changed = true
            }
        }
        return found
    }

    /// The row-type holders (``rowTypeHolders()``, by name) that columns of `table` are of, as
    /// such or as arrays.
    public func holders(usedBy table: Table, among holders: [String: Set<String>]) -> [String] {
        guard !holders.isEmpty else { return [] }
        let home = RunPlanner.home(of: table.name, in: self)
        let byName = Dictionary(holders.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        return table.columns.compactMap { byName[RunPlanner.typeName(of: $0, home: home)] }
    }
}

extension FunctionStage: Comparable {}

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

/// An enum type and its labels.
public struct EnumType: Sendable, Hashable, Codable {
    public var name: String
    public var labels: [String]
    public init(name: String, labels: [String]) {
        self.name = name
        self.labels = labels
    }
}

/// A sequence: where it stands, and the column that owns it (serial and identity columns).
public struct SequenceState: Sendable, Hashable, Codable {
    public var name: String
    public var lastValue: Int64
    public var isCalled: Bool
    public var ownerTable: String?
    public var ownerColumn: String?
    /// PostgreSQL: how it counts (`AS integer INCREMENT BY 7 MINVALUE 1 … START WITH 1000 CACHE 1 NO CYCLE`).
    public var options: String?
    /// PostgreSQL: not written to the WAL (`CREATE UNLOGGED SEQUENCE`; an unlogged table's serial).
    public var unlogged: Bool?
    public init(name: String, lastValue: Int64, isCalled: Bool, ownerTable: String? = nil, ownerColumn: String? = nil) {
        self.name = name
        self.lastValue = lastValue
        self.isCalled = isCalled
        self.ownerTable = ownerTable
        self.ownerColumn = ownerColumn
    }
}

/// A table constraint as its engine writes it (`PRIMARY KEY (id)`, `CHECK (price >= 0)`).
public struct ConstraintDefinition: Sendable, Hashable, Codable {
    /// `p` primary key, `u` unique, `f` foreign key, `c` check, `x` exclusion (PostgreSQL).
    public var kind: String
    public var name: String
    public var definition: String
    /// A CHECK constraint a table inherits from its parent (PostgreSQL inheritance): it holds for
    /// the table's rows, and is created with the parent's.
    public var isInherited: Bool?
    /// Added `NOT VALID` in the source and never validated (a check or a foreign key that rows from
    /// before may break): the server's definition ends so.
    public var isNotValid: Bool { definition.hasSuffix(" NOT VALID") }

    /// A PostgreSQL CHECK as SQLite may read it: `x = ANY (ARRAY[…])` as `x IN (…)` (and `<> ALL` as
    /// `NOT IN`), `~~` as `LIKE` (SQLite's ignores the case of ASCII letters, so it refuses no row
    /// PostgreSQL's took), casts dropped. Nil for any other constraint, and for one never validated
    /// (rows from before may break it). SQLite judges the rest: it refuses a CHECK of functions or
    /// operators it has not (`~`, `char_length`).
    public var sqliteCheck: String? {
        guard kind == "c", !isNotValid, definition.hasPrefix("CHECK ") else { return nil }
        var text = definition
        if text.hasSuffix(" NO INHERIT") { text.removeLast(" NO INHERIT".count) }
        // (Casts first: a varchar's list is `= ANY ((ARRAY['a'::character varying])::text[])`.)
        text = Index.withoutCasts(text)
        let items = #"ARRAY\[([^\]']*(?:'[^']*'[^\]']*)*)\]"#
        let list = #"\s*\(\s*(?:\(\s*"# + items + #"\s*\)|"# + items + #")\s*\)"#
        text = text
            .replacingOccurrences(of: #"\s*=\s*ANY"# + list, with: " IN ($1$2)", options: .regularExpression)
            .replacingOccurrences(of: #"\s*<>\s*ALL"# + list, with: " NOT IN ($1$2)", options: .regularExpression)
        for (symbol, word) in [(" !~~* ", " NOT LIKE "), (" ~~* ", " LIKE "), (" !~~ ", " NOT LIKE "), (" ~~ ", " LIKE ")] {
            text = text.replacingOccurrences(of: symbol, with: word)
        }
        return text
    }

    public init(kind: String, name: String, definition: String) {
        self.kind = kind
        self.name = name
        self.definition = definition
    }
}

/// The engine a schema was read from: its types, defaults and definitions are that engine's.
public enum DatabaseEngine: String, Sendable, Codable, CaseIterable {
    case sqlite, postgres
}
