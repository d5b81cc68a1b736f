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
        /// A PostgreSQL array: the text model over its elements (``ArrayText``); with `elements`,
        /// the elements the chain writes as ``ArrayText/drawn`` are each written by that model.
        case array(TextModel, elements: TextModel?)
        /// A PostgreSQL type with a syntax of its own (``ShapeModel``).
        case shape(ShapeModel)
        /// A range of numbers, dates or timestamps: a lower bound and a width (``RangeModel``).
        case range(RangeModel)
        /// JSON documents from the structure of the source's (``JSONModel``).
        case json(JSONModel)
        case uuid(nullShare: Double)
        case blob(lengths: [Int], nullShare: Double)
        /// A source value drawn at random (NULLs at their rate), for a column whose generator then
        /// replaces it: format-bound generators (ssn, fpe.digits, credit-card) get input they read;
        /// or, for a column the scanner judges to identify people, one of the fakes of the source's
        /// values (``ColumnFakes``).
        case sampled([Value])
        /// Under differential privacy, fakes that read no row (``InventedValues``), NULL at the
        /// measured share.
        case invented(InventedValues, nullShare: Double)
        /// Under differential privacy, the same columns get random characters in the layout most
        /// source values share (the layout is structure, like a date's; no value is read for it).
        case patterned([KeyShape.Slot])
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
        /// A row of another synthesized table, by its ordinal key; NULL with `nullShare`. `popularity`:
        /// the source's references per referenced row, most referenced first (a genre's share of
        /// tracks), spread over the synthesized rows; empty for uniform (under DP). `link`: the row is
        /// chosen among those whose score on one of their dimensions is nearest the one this row drew.
        case synthesized(table: String, nullShare: Double, popularity: [Double], link: Link?)
        /// Always NULL: the referenced rows are synthesized after this table (a cycle).
        case null
        /// An earlier row of this table (a tree: `reports_to`); NULL with `nullShare`.
        case own(nullShare: Double)
    }

    /// How a reference to a synthesized table other than the parent follows the referencing row: an
    /// invoice line's track has the line's price. The referenced row's score on one of its dimensions
    /// (the one most correlated with this table's) is a dimension of this table's copula; a row draws
    /// it with its other columns, and references a generated row whose score is close to it.
    /// Where no dimension is correlated, the dimension holds the referenced row's place among the
    /// referenced rows by popularity (most referenced first, in [0, 1]): drawn like any dimension —
    /// spread evenly within a window — references keep their spread (a territory per employee, not
    /// three by chance) and their skew (the place of a popular row recurs).
    struct Link: Sendable {
        /// This table's dimension holding the referenced row's score, or its place by popularity.
        var dimension: Int
        /// The referenced table's dimension that score is of; nil: the place by popularity.
        var referencedDimension: Int?
    }

    /// The synthesized table this one's rows are generated under, one parent row at a time.
    struct Parent: Sendable {
        var table: String
        /// Index into ``table``'s foreign keys.
        var key: Int
        /// The parent's dimension that holds how many rows of this table each parent row has.
        var countDimension: Int
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
    /// How many rows the source has.
    var sourceRows: Int64
    /// Under DP, that count as released (noisy): what later fits may read of it.
    var releasedRows: Double?
    /// E[own | parent] = regression · parent scores; own = that + factor · N(0, I).
    var regression: [Double]
    var factor: [Double]
    var correlation: Correlation
    /// Unique keys (column indexes) not made unique by construction; the rows that would repeat
    /// one are drawn again. `perParent`: the key holds the parent's columns, so a set per parent;
    /// `nullsEqual`: `NULLS NOT DISTINCT`, a NULL repeats a NULL.
    var guards: [(columns: [Int], perParent: Bool, nullsEqual: Bool)]
    /// Where each ordinal key column of this table sits (for tables that reference it).
    var keyColumns: [String: KeyShape]
    /// Dimensions drawn given a category column of the row or its parent, by dimension.
    var conditionals: [Int: ConditionalMarginals] = [:]
    /// Dates (and numbers a CHECK constraint orders) drawn as a gap after another column of the row:
    /// by dimension, that column. Its marginal is the gap's (``TableFitter/offsetAnchors(dates:columns:nullable:)``).
    var offsets: [Int: Int] = [:]
    /// The smallest gap of those a CHECK constraint orders (0, or the codec's step where strict).
    var offsetFloors: [Int: Double] = [:]
    /// A column a CHECK constraint orders after another that it is not the gap after: its value
    /// must be at least that column's value plus `step` (0, or the codec's step where strict).
    struct Floor: Sendable {
        var column: Int
        var step: Double
        var codec: NumberCodec
    }
    /// Those floors, by dimension: the value is raised to the highest (post-processing of a drawn
    /// value; the constraint would refuse the row otherwise).
    var orderFloors: [Int: [Floor]] = [:]
    /// Unique indexes of expressions or with a WHERE condition (`lower(email)`, `(handle) WHERE
    /// active`), and exclusion constraints (`EXCLUDE USING gist (room WITH =, during WITH &&) WHERE
    /// (NOT cancelled)`): where the condition is true, no two rows have equal values of the keys
    /// and, of an exclusion constraint, overlapping ranges too.
    struct ExpressionGuard: Sendable {
        var keys: [CheckExpression]
        /// The elements compared with `&&`: range columns.
        var overlaps: [CheckExpression] = []
        var predicate: CheckExpression?
        var name: String
        var columns: Set<Int> { (keys + overlaps).reduce(predicate?.columns ?? []) { $0.union($1.columns) } }
    }
    var expressionGuards: [ExpressionGuard] = []
    /// The table's CHECK constraints this can evaluate (``CheckExpression``), with their text, and
    /// the condition that a row falls in a partition (`strict`: it must be true; NULL is no partition):
    /// a row that breaks one is drawn again.
    var checks: [(condition: CheckExpression, text: String, strict: Bool)] = []
    /// The columns any CHECK constraint names, parsed or not: a unique value moved to a free one
    /// stays inside the source's range there.
    var checkedColumns: Set<Int> = []
    /// The order the columns are drawn in: a category before the columns drawn given it.
    var order: [Int]
    /// Privacy spent fitting it, when under differential privacy.
    var privacy: PrivacySpent?
    /// Under differential privacy, the rows each child table that follows this one is expected to
    /// get in all at scale 1 (its noisy total measured here, for the whole table): the number of
    /// parents that child's own children are divided over, so that every table's rows follow one
    /// noisy count each down the chain instead of the ratio of two.
    var childRows: [String: Double] = [:]
    /// Rows per source row of the chain this table is generated in: a root's rows over its source
    /// rows; a child's, its parent's (children follow their parents).
    var rowScale = 1.0
    /// Rows of a child table whose parent key is NULL (a ticket no one is assigned), generated after
    /// the parents' children without a parent: the source's such rows at ``rowScale`` (none under DP,
    /// which would need a count of its own).
    var orphanRows: Int64 = 0
    /// The columns written as fakes of the source's values (``ColumnFakes``), with the generator.
    var fakes: [(column: String, generator: String)] = []
    /// The source texts a synthesized table that references this one may not write (its text
    /// columns' values, those written as fakes included), where no text model of this table holds
    /// them (``TextModel/seen``): a table whose firms and people are all fakes has none.
    var unwrittenTexts: Set<String>?
    /// Seconds the table's sample took to read and its model to fit (for the run's report).
    var timings: (sample: Double, fit: Double)?

    /// The source texts a table that references this one may not write.
    var textsNotToWrite: Set<String>? {
        roles.lazy.compactMap { role -> Set<String>? in if case .text(let model) = role { return model.seen } else { return nil } }.first ?? unwrittenTexts
    }

    var dimensions: Int { marginals.count }
}

/// A dimension drawn from its own distribution given the category of a column of its row, or of its
/// parent row: a state given its country, an order's amount given its customer's tier, a customer's
/// number of orders given their tier. The Gaussian copula alone cannot order a set of names so that
/// it predicts another, and smooths a number that jumps between categories; where a column's
/// association with one category column is at least 0.3 (Cramér's V for categories, the correlation
/// ratio η for numbers, SDMetrics' threshold for a pair worth scoring), its distribution is kept per
/// category (categories with at least 10 rows for a number). Its own score still picks the value inside that
/// distribution, so its ties to the other columns remain.
struct ConditionalMarginals: Sendable {
    enum Source: Sendable { case own, parent }
    var source: Source
    /// Index of the category column among its table's stored columns.
    var column: Int
    var marginals: [Value: ColumnMarginal]
    /// Columns of the row (and their distributions) tried in order where `column`'s category has
    /// none: a region given its town, else given its country.
    var fallbacks: [(column: Int, marginals: [Value: ColumnMarginal])] = []

    /// The row's columns a value is drawn given (its own source: all of them).
    var columns: [Int] { [column] + fallbacks.map(\.column) }

    /// The distribution in a row whose category columns are read by `category`.
    func marginal(_ category: (Int) -> Value?) -> ColumnMarginal? {
        if let key = category(column), let within = marginals[key] { return within }
        for fallback in fallbacks {
            if let key = category(fallback.column), let within = fallback.marginals[key] { return within }
        }
        return nil
    }
}

extension TableModel {
    /// The copula dimensions a row's own values give: its columns' and its references to copied
    /// tables', not its children's counts nor the scores of the synthesized rows it references.
    /// Under DP a child's fit reads these of its parent's rows only: with the others, a row of a
    /// sibling table (its count) or of a table the parent references (its score) moved the child's
    /// measurements, which no sensitivity of the child's fit covered.
    var ownDimensions: [Int] {
        var own = Set<Int>()
        for role in roles { if case .dimension(let i) = role { own.insert(i) } }
        for source in foreignKeys.values { if case .dimension(let i) = source { own.insert(i) } }
        return own.sorted()
    }

    /// The dimension whose value a column with `role` is drawn from: its own, or a linked reference's
    /// (whose conditional distribution may need a category column of the row first).
    static func drawnDimension(of role: Role, foreignKeys: [Int: ForeignKeySource]) -> Int? {
        switch role {
        case .dimension(let i): return i
        case .foreignKey(let k, _):
            if case .synthesized(_, _, _, let link?)? = foreignKeys[k] { return link.dimension }
            return nil
        default: return nil
        }
    }

    /// Dimension `i`'s distribution in a row whose earlier columns are `row`: its own, or its
    /// category's.
    private func marginal(ofDimension i: Int, row: [Value], parent: [Value]?) -> ColumnMarginal {
        if let conditional = conditionals[i],
           let within = conditional.marginal({ column in conditional.source == .own ? row[column] : parent?[column] }) {
            return within
        }
        return marginals[i]
    }

    /// The number of numeric dimension `i` at `score` (see ``value(ofDimension:score:row:parent:nullDraw:)``).
    func number(ofDimension i: Int, score: Double, row: [Value], parent: [Value]?) -> Double? {
        guard case .numeric(let numeric) = marginal(ofDimension: i, row: row, parent: parent), !numeric.knots.isEmpty else { return nil }
        let x = numeric.quantile(Normal.cdf(score))
        guard let anchor = offsets[i] else { return x }
        return numeric.codec.number(row[anchor]).map { $0 + max(x, offsetFloors[i] ?? -.infinity) }
    }

    /// `value` of dimension `i` raised to its ``orderFloors`` in `row` (unchanged when none binds).
    func held(_ value: Value, dimension i: Int, row: [Value]) -> Value {
        guard let floors = orderFloors[i], let codec = floors.first?.codec, var x = codec.number(value) else { return value }
        var raised = false
        for floor in floors {
            guard let below = codec.number(row[floor.column]), x < below + floor.step else { continue }
            x = below + floor.step
            raised = true
        }
        return raised ? codec.value(x) : value
    }

    /// The value of dimension `i` at `score`, in a row whose earlier columns are `row` and whose parent
    /// row is `parent`. A date drawn as a gap after another is NULL where that one is.
    func value(ofDimension i: Int, score: Double, row: [Value], parent: [Value]?, nullDraw: Double = 1) -> Value {
        let u = Normal.cdf(score)
        let marginal = marginal(ofDimension: i, row: row, parent: parent)
        guard offsets[i] != nil, case .numeric(let numeric) = marginal else { return marginal.value(at: u, nullDraw: nullDraw) }
        guard nullDraw >= numeric.nullShare, let x = number(ofDimension: i, score: score, row: row, parent: parent) else { return .null }
        return numeric.codec.value(x)
    }
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
    private struct LinkName: Hashable { var table: String, dimension: Int }
    private var links: [LinkName: LinkIndex] = [:]
    private var leftOut: [String: Int64] = [:]
    private var leftOutReasons: [String: [String]] = [:]

    init(tables: [String: TableModel], key: MasterKey, privacy: PrivacyReport?) {
        self.tables = tables
        self.key = key
        self.privacy = privacy
    }

    public var tableNames: [String] { tables.keys.sorted() }

    /// Rows of `table` given up because they repeated a unique key, or for `reason` (`broke CHECK (…)`,
    /// no row to reference), however often they were drawn.
    func noteLeftOut(_ table: String, rows: Int64, reason: String? = nil) {
        lock.with {
            leftOut[table, default: 0] += rows
            if let reason, !(leftOutReasons[table] ?? []).contains(reason) { leftOutReasons[table, default: []].append(reason) }
        }
    }

    /// The rows of `table` left out so far (``noteLeftOut(_:rows:reason:)``).
    public func leftOutRows(of table: String) -> Int64 { lock.with { leftOut[table] ?? 0 } }

    /// The columns of `table` that synthesis writes as fakes, no workspace's generator asked, with
    /// the generator the scanner's verdict chose (people's names, emails, phone numbers, streets).
    public func fakedColumns(of table: String) -> [(column: String, generator: String)] { tables[table]?.fakes ?? [] }

    /// Seconds `table`'s sample took to read and its model to fit.
    public func fitTimings(of table: String) -> (sample: Double, fit: Double)? { tables[table]?.timings }

    /// Why rows of `table` were left out, other than a repeated unique key, in the order first met.
    public func leftOutReasons(of table: String) -> [String] { lock.with { leftOutReasons[table] ?? [] } }

    /// How many rows `table` gets (generated once to count when it follows a parent).
    func rowCount(of table: String) -> Int64 {
        if let known = lock.with({ counts[table] }) { return known }
        guard let model = tables[table] else { return 0 }
        var n: Int64 = 0
        if model.parent == nil {
            n = model.rootRows
        } else {
            let cursor = SyntheticCursor(model: self, table: table, needed: [])
            while cursor.next() != nil { n += 1 }
        }
        lock.with { counts[table] = n }
        return n
    }

    /// The generated rows of `table` ordered by their score on `dimension`, every row weighing the
    /// same (``LinkIndex/weighted(by:)`` gives a reference's popularity). Computed once per table and
    /// dimension: the whole table is generated for it, keeping 16 bytes a row.
    func linkIndex(of table: String, dimension: Int) -> LinkIndex {
        let name = LinkName(table: table, dimension: dimension)
        if let known = lock.with({ links[name] }) { return known }
        var entries: [(score: Double, ordinal: Int64)] = []
        let cursor = SyntheticCursor(model: self, table: table, needed: [])
        while let row = cursor.next() { entries.append((row.scores[dimension], row.ordinal)) }
        // Ties (a category's scores are spread, but equal scores can happen) by ordinal: deterministic.
        entries.sort { $0.score < $1.score || ($0.score == $1.score && $0.ordinal < $1.ordinal) }
        let index = LinkIndex(scores: entries.map(\.score), ordinals: entries.map(\.ordinal), weights: entries.map { _ in 1 })
        lock.with {
            links[name] = index
            counts[table] = Int64(entries.count)
        }
        return index
    }

    /// The rows of `table`, `batchSize` at a time.
    public func batches(of table: String, batchSize: Int, executor: (any TaskExecutor)? = nil) -> SyntheticBatches {
        SyntheticBatches(model: self, table: table, batchSize: batchSize, executor: executor)
    }
}

/// A synthesized table's rows sorted by their score on one dimension (see ``TableModel/Link``).
struct LinkIndex: Sendable {
    var scores: [Double]
    var ordinals: [Int64]
    var weights: [Double]

    /// How many rows on either side of the nearest score a reference chooses among (by weight).
    static let neighbourhood = 16

    /// The index with each row weighing its ordinal's share of `popularity` (the source's references
    /// per referenced row, most referenced first, spread over the ordinals as an unlinked reference
    /// spreads them); unchanged when `popularity` is empty.
    func weighted(by popularity: [Double]) -> LinkIndex {
        guard !popularity.isEmpty, !ordinals.isEmpty else { return self }
        let rows = Double(ordinals.count)
        var index = self
        index.weights = ordinals.map { popularity[min(popularity.count - 1, Int(Double($0) * Double(popularity.count) / rows))] }
        return index
    }

    /// A row whose score is near `score`, chosen by weight among its neighbours with `u` uniform.
    func ordinal(near score: Double, u: Double) -> Int64? {
        guard !scores.isEmpty else { return nil }
        let at = MarginalFitting.lowerBound(scores, score)
        let width = min(Self.neighbourhood, max(1, scores.count / 100))
        let low = max(0, at - width), high = min(scores.count, at + width)
        let total = weights[low..<high].reduce(0, +)
        guard total > 0 else { return ordinals[min(scores.count - 1, low + Int(u * Double(high - low)))] }
        var target = u * total
        for i in low..<high {
            target -= weights[i]
            if target < 0 { return ordinals[i] }
        }
        return ordinals[high - 1]
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
