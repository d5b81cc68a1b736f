/// What a run will do, decided before any row is read: tables in load order, and for each the
/// generator of every transformed column (including the ones foreign keys inherit).
public struct RunPlan: Sendable {
    public var tables: [TablePlan] { didSet { tableIndex = NameIndex() } }
    public var schema: DatabaseSchema
    /// Seconds the subset traversal took, when there is one (reported as the run's first phase).
    public var subsetSeconds: Double?
    /// The subset's targets that matched no row (the others did), reported as `UND-W015`.
    public var emptySubsetTargets: [SubsetSettings.Target] = []
    /// Every target of the subset matched nothing: a run stops before it writes.
    public var subsetSelectsNothing = false
    /// Settings of the tables in mode `synthesize` (nil when there are none).
    public var synthesis: SynthesisPlan?
    /// The tables in mode `exclude`, in the source's order: not in ``tables`` nor in ``schema``.
    public var excludedTables: [String] = []
    /// The objects `exclude_objects` leaves out, as `kind name`, sorted.
    public var excludedObjects: [String] = []

    /// Restricts every table to the rows of a subset selection.
    public mutating func apply(_ selection: SubsetPlanner.Selection) {
        subsetSeconds = selection.seconds
        emptySubsetTargets = selection.emptyTargets
        subsetSelectsNothing = selection.selectsNothing
        for i in tables.indices where tables[i].mode != .truncate {
            switch selection.rows(of: tables[i].table.name) {
            case .all: break
            case .keys(let keys): tables[i].rows = keys
            case .condition(let condition): tables[i].condition = condition
            }
        }
    }

    public func table(named name: String) -> TablePlan? { tableIndex.position(of: name, in: tables, name: \.table.name).map { tables[$0] } }

    /// ``table(named:)``'s index.
    var tableIndex = NameIndex()
}

/// One table's part of a run.
public struct TablePlan: Sendable {
    public var table: Table
    public var mode: TableMode
    /// Transformed columns only; every other column is copied as it is.
    public var columns: [ColumnPlan]
    /// With a subset: the primary-key tuples of the rows to copy (nil: every row).
    public var rows: Set<[Value]>? = nil
    /// With a subset the source evaluates: the rows to copy (exclusive with ``rows``).
    public var condition: RowCondition? = nil
    /// Columns copied as they are with `on_invalid: null`: a value the destination's type refuses
    /// (``TypeCheckingDestination``) is written NULL and counted.
    public var nullsRefused: [String] = []

    /// The subset's rows of this table as the source is asked for them (nil: every row).
    public var selection: RowSelection? {
        if let condition { return .condition(condition) }
        return rows.map { .keys(columns: table.primaryKey, rows: $0) }
    }

    /// Whether rows of this table are loaded with a column that names the database's objects (an
    /// audit table's `regclass`): such a table loads after the others' rows, indexes and keys.
    var loadsObjectNames: Bool { mode != .truncate && table.storedColumns.contains(where: \.namesDatabaseObjects) }

    public init(table: Table, mode: TableMode, columns: [ColumnPlan]) {
        self.table = table
        self.mode = mode
        self.columns = columns
    }

    public func plan(forColumn name: String) -> ColumnPlan? { columns.first { $0.column == name } }
}

/// The generator applied to one column.
public struct ColumnPlan: Sendable, Hashable {
    public var column: String
    public var generator: String
    public var parameters: GeneratorParameters
    /// The consistency domain: part of the key derivation, shared by columns that must agree.
    public var domain: String
    public var consistent: Bool
    /// `table.column` whose generator this foreign-key column follows, if it was inherited.
    public var inheritedFrom: String?
    public var mustBeUnique: Bool
    /// Another column with this generator and domain must be unique, so this one is generated the
    /// unique-safe way too (generators like `email` add a tag then); equal inputs stay equal outputs.
    public var domainIsUnique: Bool = false
    /// `on_invalid: null`: a value the generator cannot read is written NULL (and counted) instead of stopping the run.
    public var nullsInvalid: Bool = false
    /// `text.redact` with `link_to: [customers.first_name, …]`: the parent row this row's foreign
    /// key leads to, and how the parent's linked columns are faked.
    public var parentLink: ParentLink?

    /// The row of another table a column's text names, reached through a foreign key.
    public struct ParentLink: Sendable, Hashable {
        public var table: Table
        /// The foreign key's columns in this table, and the parent's columns they reference.
        public var foreignKey: [String]
        public var referencedColumns: [String]
        /// The parent's linked columns, in the order `link_to` names them, with their plans.
        public var columns: [ParentColumn]
    }

    public struct ParentColumn: Sendable, Hashable {
        public var definition: Column
        public var generator: String
        public var parameters: GeneratorParameters
        public var domain: String
        public var domainIsUnique: Bool
    }

    /// The same transform: same generator, parameters, domain and consistency.
    func sameTransform(as other: ColumnPlan) -> Bool {
        generator == other.generator && parameters == other.parameters && domain == other.domain && consistent == other.consistent
    }
}
