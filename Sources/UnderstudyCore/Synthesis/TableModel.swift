/// The fitted model of one synthesized table: where each column's values come from, the marginals
/// of the modelled columns, and the Gaussian copula that ties them — conditioned, for a child
/// table, on the normal scores of its parent's row.
struct TableModel: Sendable {
    enum Role: Sendable {
        /// A new unique key from the row's ordinal.
        case key(KeyShape)
        /// The marginal of copula dimension `dimension`.
        case dimension(Int)
        /// Position `position` of foreign key `key` (an index into the table's foreign keys).
        case foreignKey(Int, position: Int)
        case text(TextModel)
        case uuid(nullShare: Double)
        case blob(lengths: [Int], nullShare: Double)
        /// Nothing to model (JSON, whose generator writes the value).
        case empty
    }

    /// How a foreign key gets its values.
    enum ForeignKeySource: Sendable {
        /// The row's parent in the table it is generated under.
        case parent
        /// A referenced row of a table that is not synthesized, drawn as copula dimension `dimension`
        /// (a category per referenced key: popularity and relations to other columns survive).
        case dimension(Int)
        /// A row of another synthesized table, uniformly, by its ordinal key; NULL with `nullShare`.
        case synthesized(table: String, nullShare: Double)
        /// Always NULL: the referenced rows are synthesized after this table (a cycle).
        case null
        /// An earlier row of this table (a tree: `reports_to`); NULL with `nullShare`.
        case own(nullShare: Double)
    }

    /// The synthesized table this one's rows are generated under, one parent row at a time.
    struct Parent: Sendable {
        var table: String
        /// Index into ``table``'s foreign keys.
        var key: Int
        /// The parent's dimension that holds how many rows of this table each parent row has.
        var countDimension: Int
        /// Dimensions of the parent's scores this table's copula conditions on (all of them).
        var contextSize: Int
    }

    var table: Table
    var roles: [Role]
    var marginals: [ColumnMarginal]
    /// Names of the dimensions, for reports: a column, `fk → parent`, or `children: child`.
    var dimensionNames: [String]
    var foreignKeys: [Int: ForeignKeySource]
    var parent: Parent?
    /// Rows to generate for a root table.
    var rootRows: Int64
    /// Source rows the model was fitted on, and how many the source has.
    var fittedRows: Int
    var sourceRows: Int64
    /// E[own | parent] = regression · parent scores; own = that + factor · N(0, I).
    var regression: [Double]
    var factor: [Double]
    var correlation: Correlation
    /// Unique keys (column indexes) not made unique by construction; the rows that would repeat
    /// one are drawn again. `perParent`: the key holds the parent's columns, so a set per parent.
    var guards: [(columns: [Int], perParent: Bool)]
    /// Where each ordinal key column of this table sits (for tables that reference it).
    var keyColumns: [String: KeyShape]
    /// Categorical dimensions drawn given another (state given country): by dimension.
    var conditionals: [Int: ConditionalCategories] = [:]
    /// Privacy spent fitting it, when under differential privacy.
    var privacy: PrivacySpent?

    var dimensions: Int { marginals.count }
}

/// A categorical column that depends strongly on an earlier one (Cramér's V ≥ 0.5: a state on its
/// country, a city on its postcode) is drawn from its categories as they occur with the other's
/// category — the Gaussian copula cannot order two sets of names so that one predicts the other.
/// Its own score still picks within that conditional distribution, so its ties to numbers remain.
struct ConditionalCategories: Sendable {
    struct Within: Sendable {
        /// Indexes into the column's categories, in their order, and cumulative shares.
        var categories: [Int]
        var cumulative: [Double]
        func pick(_ u: Double) -> Int {
            var low = 0, high = cumulative.count - 1
            while low < high {
                let mid = (low + high) / 2
                if cumulative[mid] > u { high = mid } else { low = mid + 1 }
            }
            return categories[low]
        }
    }
    /// The dimension it depends on.
    var given: Int
    /// By category index of `given`.
    var tables: [Int: Within]
}

/// ε and δ a table's fit spent (zCDP ρ, and its (ε, δ) at the run's δ).
public struct PrivacySpent: Sendable, Codable, Equatable {
    public var rho: Double
    public var epsilon: Double
    public var delta: Double
}

/// Every synthesized table of a run, fitted.
public final class SynthesisModel: @unchecked Sendable {
    let tables: [String: TableModel]
    let key: MasterKey
    /// The privacy accounting of the run (nil without differential privacy).
    public let privacy: PrivacyReport?
    private let lock = NSLockBox()
    private var counts: [String: Int64] = [:]

    init(tables: [String: TableModel], key: MasterKey, privacy: PrivacyReport?) {
        self.tables = tables
        self.key = key
        self.privacy = privacy
    }

    public var tableNames: [String] { tables.keys.sorted() }

    /// How many rows `table` gets (generated once to count when it follows a parent).
    func rowCount(of table: String) -> Int64 {
        if let known = lock.with({ counts[table] }) { return known }
        guard let model = tables[table] else { return 0 }
        var n: Int64 = 0
        if model.parent == nil {
            n = model.rootRows
        } else {
            let cursor = SyntheticCursor(model: self, table: table, forCounting: true)
            while cursor.next() != nil { n += 1 }
        }
        lock.with { counts[table] = n }
        return n
    }

    /// The rows of `table`, `batchSize` at a time.
    public func batches(of table: String, batchSize: Int) -> SyntheticBatches {
        SyntheticBatches(model: self, table: table, batchSize: batchSize)
    }
}

/// A lock around a closure (Foundation's NSLock, kept out of the types that use it).
final class NSLockBox: @unchecked Sendable {
    private let lock = NSLock()
    func with<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

import Foundation
