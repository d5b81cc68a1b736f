/// A block of rows stored column by column, the unit that flows from a source through the
/// generators to a sink.
///
/// Column-major because generators transform one column at a time.
public struct RowBatch: Sendable {
    /// Column names, in the order of ``columns``.
    public var columnNames: [String]
    /// One array of values per column; all have ``count`` elements.
    public var columns: [[Value]]
    /// Ordinal (0-based) of the first row of this batch within its table's stream.
    public var firstOrdinal: Int64

    /// The columns no generator reads, still in the source engine's own encoding (see
    /// ``EncodedCells``); nil when every column is decoded into ``columns``.
    public var encoded: EncodedCells?

    public init(columnNames: [String], columns: [[Value]], firstOrdinal: Int64, encoded: EncodedCells? = nil) {
        self.columnNames = columnNames
        self.columns = columns
        self.firstOrdinal = firstOrdinal
        self.encoded = encoded
    }

    public var count: Int { columns.first?.count ?? encoded?.rowEnds.count ?? 0 }

    /// The bytes of values a reader puts in one batch before it ends it, whatever the batch size
    /// says: a batch of 2,000 rows of 10 MB documents held 20 GB (the run's memory holds a few
    /// batches at once). A batch holds one row at least.
    public static let maximumBytes = 32 << 20

    /// The rows at `indexes` (ascending), decoded and encoded parts alike.
    public func selecting(_ indexes: [Int]) -> RowBatch {
        var kept = self
        kept.columns = columns.map { column in indexes.map { column[$0] } }
        kept.encoded = encoded?.selecting(indexes)
        return kept
    }

    public func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }
}

/// Cells carried through the pipeline without being decoded: the columns of a row that no
/// generator reads, exactly as the source engine sent them, one contiguous run of bytes per row.
/// Only a destination of the same engine that understands ``format`` writes them (PostgreSQL to
/// PostgreSQL: the binary COPY field layout, a 32-bit length and the value's bytes, -1 for NULL).
public struct EncodedCells: Sendable {
    /// What the bytes are, e.g. `postgres-binary`.
    public var format: String
    /// The encoded columns, in the order their cells appear in each row.
    public var columnNames: [String]
    public var bytes: [UInt8]
    /// The end offset in ``bytes`` of each row; row `i` starts where row `i - 1` ends.
    public var rowEnds: [Int]

    public init(format: String, columnNames: [String], bytes: [UInt8] = [], rowEnds: [Int] = []) {
        self.format = format
        self.columnNames = columnNames
        self.bytes = bytes
        self.rowEnds = rowEnds
    }

    /// The byte range of row `i`.
    public func range(ofRow i: Int) -> Range<Int> { (i == 0 ? 0 : rowEnds[i - 1])..<rowEnds[i] }

    func selecting(_ indexes: [Int]) -> EncodedCells {
        var kept = EncodedCells(format: format, columnNames: columnNames)
        kept.rowEnds.reserveCapacity(indexes.count)
        for i in indexes {
            kept.bytes.append(contentsOf: bytes[range(ofRow: i)])
            kept.rowEnds.append(kept.bytes.count)
        }
        return kept
    }
}
