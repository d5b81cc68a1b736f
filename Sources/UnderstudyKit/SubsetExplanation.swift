import Foundation
import UnderstudyCore

/// What a workspace's subset will hold, before running it: the traversal, the rows each table
/// gets (counted, or the source's estimate), and the time a run should take (the traversal
/// measured, then the rows at the read rate measured on a sample of the largest table), for
/// `understudy subset --explain` and the Studio.
public struct SubsetExplanation: Sendable, Codable {
    public struct TableRows: Sendable, Codable {
        public var name: String
        public var rows: Int64
        public var rowsApproximate: Bool
        public var of: Int64
        public var ofApproximate: Bool
        public var wholeLookupTable: Bool

        enum CodingKeys: String, CodingKey {
            case name, rows, of, rowsApproximate = "rows_approximate", ofApproximate = "of_approximate", wholeLookupTable = "whole_lookup_table"
        }
    }

    /// The source evaluates conditions as it reads (true), or key sets were traversed (false).
    public var byConditions: Bool
    public var planningSeconds: Double
    public var steps: [String]
    public var tables: [TableRows]
    public var totalRows: Int64
    /// The largest table, its read rate measured just now (rows/s), and the estimated run time.
    public var rateTable: String?
    public var rowsPerSecond: Double?
    public var estimatedSeconds: Double

    enum CodingKeys: String, CodingKey {
        case byConditions = "by_conditions", planningSeconds = "planning_seconds", steps, tables, totalRows = "total_rows", rateTable = "rate_table"
        case rowsPerSecond = "rows_per_second", estimatedSeconds = "estimated_seconds"
    }
}

extension Job {
    /// The explanation of the workspace's subset; nil when it has none.
    public func explainSubset() async throws -> SubsetExplanation? {
        guard let selection, let subsetSource = source as? any SubsetSource else { return nil }
        // Table sizes from the source's statistics where it has them (no count over a large table).
        let estimating = source as? any EstimatingSource
        var tables: [SubsetExplanation.TableRows] = []
        var total: Int64 = 0
        var largest: (table: Table, rows: Int64)?
        for table in plan.tables {
            var all: Int64
            var approximate = false
            if let estimate = try await estimating?.estimatedRowCount(of: table.table) {
                all = estimate
                approximate = true
            } else {
                all = try await source.rowCount(of: table.table)
            }
            let rows: Int64
            var approximateRows = false
            switch selection.rows(of: table.table.name) {
            case .all: rows = all
            case .keys(let keys): rows = Int64(keys.count)
            case .condition(.any([])): rows = 0
            case .condition(let condition):
                // The server's estimate of the condition (PostgreSQL's planner), or a count (SQLite).
                let counted = try await subsetSource.estimatedRowCount(of: table.table, where: condition)
                rows = counted.rows
                approximateRows = !counted.exact
            }
            all = max(all, rows)
            total += rows
            if !table.table.primaryKey.isEmpty, rows > (largest?.rows ?? 0) { largest = (table.table, rows) }
            tables.append(.init(name: table.table.name, rows: rows, rowsApproximate: approximateRows, of: all, ofApproximate: approximate,
                                wholeLookupTable: selection.whole.contains(table.table.name)))
        }
        var explanation = SubsetExplanation(
            byConditions: selection.conditions != nil, planningSeconds: selection.seconds, steps: selection.steps.map { "\($0)" }, tables: tables,
            totalRows: total, rateTable: nil, rowsPerSecond: nil, estimatedSeconds: selection.seconds)
        guard let largest, total > 0 else { return explanation }
        let sampleSize = Int(min(largest.rows, 20_000))
        let started = Date()
        let sample = try await source.firstRows(of: largest.table, limit: sampleSize)
        let rate = Double(max(1, sample.count)) / max(0.001, Date().timeIntervalSince(started))
        explanation.rateTable = largest.table.name
        explanation.rowsPerSecond = rate
        // Writing counted as long as reading.
        explanation.estimatedSeconds = selection.seconds + 2 * Double(total) / rate
        return explanation
    }
}
