import UnderstudyCore

/// A table's first rows before and after the workspace's generators: the same transformation a
/// run applies (statistics included), for `understudy preview` and the Studio.
public struct Preview: Sendable {
    public let plan: TablePlan
    public let before: RowBatch
    public let after: RowBatch
}

extension Job {
    /// The first `limit` rows of `table`, before and after; nil when the source has no such table.
    public func preview(table: String, limit: Int) async throws -> Preview? {
        guard let plan = plan.table(named: table) else { return nil }
        let before = try await source.firstRows(of: plan.table, limit: limit)
        let fits = try await Pipeline().columnStatistics(for: plan, source: source)
        let after = plan.mode == .truncate ? before : try TableTransform(plan: plan, key: key, statistics: fits.statistics, sample: fits.sample).apply(before)
        return Preview(plan: plan, before: before, after: after)
    }
}
