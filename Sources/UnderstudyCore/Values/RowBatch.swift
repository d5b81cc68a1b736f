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

    public init(columnNames: [String], columns: [[Value]], firstOrdinal: Int64) {
        self.columnNames = columnNames
        self.columns = columns
        self.firstOrdinal = firstOrdinal
    }

    public var count: Int { columns.first?.count ?? 0 }

    public func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }
}
