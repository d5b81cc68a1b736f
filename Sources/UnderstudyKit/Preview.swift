import UnderstudyCore

/// A table's first rows before and after the workspace's generators: the same transformation a
/// run applies (statistics included), for `understudy preview` and the Studio. For a synthesized
/// table, `after` holds the first rows the run's models generate — new rows, not `before` changed.
public struct Preview: Sendable {
    public let plan: TablePlan
    public let before: RowBatch
    public let after: RowBatch
}

extension Job {
    /// The first `limit` rows of `table`, before and after; nil when the source has no such table.
    public func preview(table: String, limit: Int) async throws -> Preview? {
        guard let tablePlan = plan.table(named: table) else { return nil }
        var before = try await source.firstRows(of: tablePlan.table, limit: limit)
        let fits = try await Pipeline().columnStatistics(for: tablePlan, source: source)
        let transform = try TableTransform(plan: tablePlan, key: key, statistics: fits.statistics, sample: fits.sample, schema: plan.schema, parents: fits.parents)
        switch tablePlan.mode {
        case .truncate:
            return Preview(plan: tablePlan, before: before, after: before)
        case .synthesize:
            // The models of the synthesized tables up to this one in load order (those it can depend
            // on), fitted as a run fits them; their first rows, through the columns' generators.
            var fitted = plan
            if let at = fitted.tables.firstIndex(where: { $0.table.name == table }) { fitted.tables = Array(fitted.tables[...at]) }
            guard let model = try await SynthesisFitter().fit(plan: fitted, source: source, key: key) else { return nil }
            var rows = model.batches(of: table, batchSize: limit).makeAsyncIterator()
            var after = try await rows.next() ?? RowBatch(columnNames: before.columnNames, columns: before.columnNames.map { _ in [] }, firstOrdinal: 0)
            after = try transform.apply(after)
            // Side by side, as many of each as both have.
            let count = min(before.count, after.count)
            before = Self.first(count, of: before)
            after = Self.first(count, of: after)
            return Preview(plan: tablePlan, before: before, after: after)
        default:
            return Preview(plan: tablePlan, before: before, after: try transform.apply(before))
        }
    }

    private static func first(_ count: Int, of batch: RowBatch) -> RowBatch {
        RowBatch(columnNames: batch.columnNames, columns: batch.columns.map { Array($0.prefix(count)) }, firstOrdinal: batch.firstOrdinal)
    }
}
