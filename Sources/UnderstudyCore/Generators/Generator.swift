/// A transform of one column value. Implementations are plain synchronous functions of the
/// value (and, for non-consistent generators, the row's position), so a batch can be transformed
/// on any thread.
public protocol Generator: Sendable {
    /// The replacement for `value` in the row at `row`.
    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value
}

/// A generator whose output also depends on other columns of the same row (`conditional`,
/// `date.shift` keyed by an entity). The pipeline hands it the row's source values.
public protocol RowAwareGenerator: Generator {
    /// Columns of the row it reads.
    var readsColumns: [String] { get }
    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value
}

extension RowAwareGenerator {
    public func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        try generate(value, row: row, values: RowValues(names: [], values: []))
    }
}

/// The source values of one row, by column name.
public struct RowValues: Sendable {
    public var names: [String]
    public var values: [Value]
    public init(names: [String], values: [Value]) {
        self.names = names
        self.values = values
    }
    public subscript(_ name: String) -> Value? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// A generator that the key holder can undo (`understudy decrypt`).
public protocol ReversibleGenerator: Generator {
    /// The input that `generate` turned into `value`.
    func reverse(_ value: Value) throws(GeneratorError) -> Value
}

/// Where a value sits in its table's stream; seeds generators that are not consistent.
public struct RowPosition: Sendable {
    /// 0-based ordinal of the row within its table, in the source's read order.
    public var ordinal: Int64
    public init(ordinal: Int64) { self.ordinal = ordinal }
}

/// A value a generator cannot transform. Says which kind of value was expected; never the value.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    public var generator: String
    public var message: String
    /// Filled in by the pipeline: `table.column`, and the row ordinal.
    public var place: String?
    public var row: Int64?
    /// The row's key where it is a number (`id 42`): a key of text may be personal, and is not shown.
    public var key: String?

    public init(generator: String, message: String) {
        self.generator = generator
        self.message = message
    }

    public var description: String {
        var text = ""
        if let place { text += "\(place): " }
        if let row { text += "row \(row + 1)" + (key.map { " (\($0))" } ?? "") + ": " }
        return text + "\(generator): \(message)"
    }
}

/// Everything a generator needs to be built for one column.
public struct GeneratorSetup: Sendable {
    public var parameters: GeneratorParameters
    /// The workspace key; generators derive their own keys from it, never use it raw.
    public var key: MasterKey
    public var generator: String
    /// The consistency domain of the column.
    public var domain: String
    /// Keyed function for this generator in the column's consistency domain.
    public var hasher: KeyedHasher
    /// Same input ⇒ same output; otherwise outputs are seeded by the row's position.
    public var consistent: Bool
    public var column: Column { didSet { maximumLength = column.maximumLength } }
    /// The column's ``Column/maximumLength``, parsed from its declared type once (generators ask for
    /// every value: parsing it each time was a twentieth of a run with `text.redact`).
    public private(set) var maximumLength: Int?
    /// The column, or another column of its consistency domain, is (part of) a primary key or unique constraint.
    public var mustBeUnique: Bool
    /// Value frequencies of the column, for generators that declare ``GeneratorDefinition/needsStatistics``.
    public var statistics: ColumnStatistics?
    /// Rows of the table spread over it, for generators that declare ``GeneratorDefinition/needsSample``.
    public var sample: RowBatch?
    /// The integers the column's type holds where it holds fewer than 64 bits' (a PostgreSQL
    /// `smallint` or `integer`): the number generators keep their results inside (``Column/integerBounds(declaredType:)``).
    public var integerBounds: ClosedRange<Int64>?
    /// The numbers the column's type holds where fewer than a Double's (a PostgreSQL `numeric(p,s)` or `real`):
    /// the number generators keep their results inside (``Column/numberBounds(declaredType:)``).
    public var numberBounds: ClosedRange<Double>?

    public init(
        parameters: GeneratorParameters, key: MasterKey, generator: String, domain: String, consistent: Bool, column: Column,
        mustBeUnique: Bool = false, statistics: ColumnStatistics? = nil
    ) {
        self.parameters = parameters
        self.key = key
        self.generator = generator
        self.domain = domain
        self.hasher = key.hasher(generator: generator, domain: domain)
        self.consistent = consistent
        self.column = column
        self.maximumLength = column.maximumLength
        self.mustBeUnique = mustBeUnique
        self.statistics = statistics
    }

    /// 32 key bytes for `purpose` under this generator and domain (for AES in FF1).
    public func derivedKey(_ purpose: String) -> [UInt8] {
        key.derive("generator=\(generator);domain=\(domain);\(purpose)").withUnsafeBytes { Array($0) }
    }

    /// The random stream for one value under this setup's consistency.
    @inline(__always)
    public func stream(for value: Value, row: RowPosition) -> KeyedRandom {
        hasher.stream(for: value, ordinal: row.ordinal, consistent: consistent)
    }
}

/// Non-null values of a column and how often each occurs, in a deterministic order.
public struct ColumnStatistics: Sendable {
    public var values: [Value]
    public var counts: [Int64]
    public init(values: [Value], counts: [Int64]) {
        self.values = values
        self.counts = counts
    }
}
