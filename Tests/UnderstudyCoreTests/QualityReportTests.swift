import Testing
@testable import UnderstudyCore

/// SDMetrics' formulas on cases worked by hand (scripts/check-evaluate compares whole reports with
/// SDMetrics itself).
@Suite("Quality report metrics")
struct QualityReportTests {
    @Test("KSComplement is 1 − the largest gap between the empirical distribution functions")
    func ks() {
        #expect(QualityReport.ksComplement([1, 2, 3, 4], [3, 4, 5, 6]) == 0.5)
        #expect(QualityReport.ksComplement([1, 2, 3], [1, 2, 3]) == 1)
        #expect(QualityReport.ksComplement([1, 2], [5, 6]) == 0)
        #expect(QualityReport.ksComplement([], [1]) == nil)
    }

    @Test("NaN is no point of a distribution: KSComplement leaves it out (a column of PostgreSQL's numeric NaN made `evaluate` loop forever), infinities are ordered as numbers")
    func ksWithNaN() {
        #expect(QualityReport.ksComplement([1, .nan, 2, 3, 4], [3, 4, .nan, 5, 6]) == 0.5)
        #expect(QualityReport.ksComplement([.nan], [1]) == nil)
        #expect(QualityReport.ksComplement([-.infinity, 1, .infinity], [-.infinity, 1, .infinity]) == 1)
    }

    @Test("TVComplement is 1 − half the summed difference of the frequencies")
    func tv() throws {
        let score = try #require(QualityReport.tvComplement(["a", "a", "b"], ["a", "b", "b"]))
        #expect(abs(score - 2.0 / 3.0) < 1e-12)
        #expect(QualityReport.tvComplement(["a"], ["z"]) == 0)
    }

    @Test("CorrelationSimilarity compares Pearson's ρ, and leaves out pairs not correlated in the source")
    func correlation() {
        let x: [Double?] = [1, 2, 3, 4, 5], y: [Double?] = [2, 4, 6, 8, 10]
        #expect(QualityReport.correlationSimilarity(x, y, x, y) == 1)
        #expect(QualityReport.correlationSimilarity(x, y, x, y.reversed()) == 0)
        #expect(QualityReport.correlationSimilarity(x, [1, 1, 1, 1, 1], x, y) == nil, "a constant column")
        #expect(QualityReport.correlationSimilarity(x, [2, 1, 2, 1, 2], x, y, threshold: 0.5) == nil, "|ρ| = 0 ≤ 0.5")
    }

    @Test("Cramér's V: 1 for a perfect association, 0 for independence; ContingencySimilarity of equal tables is 1")
    func contingency() throws {
        let a: [String?] = ["x", "x", "y", "y"], b: [String?] = ["p", "p", "q", "q"]
        #expect(abs(try #require(QualityReport.cramersV(a, b)) - 1) < 1e-12)
        #expect(try #require(QualityReport.cramersV(["x", "x", "y", "y"], ["p", "q", "p", "q"])) == 0)
        #expect(QualityReport.contingencySimilarity(a, b, a, b) == 1)
        #expect(QualityReport.contingencySimilarity(a, b, a, ["q", "q", "p", "p"]) == 0)
    }

    @Test("numbers are binned as NumPy's histogram_bin_edges and digitize bin them (the largest value and NULL after the last edge)")
    func bins() {
        let keys = QualityReport.keys(.continuous([0, 1, 5, 9.99, 10, nil]))
        #expect(keys == ["1", "2", "6", "10", "11", "11"])
    }

    @Test("the report: shapes per column, pairs above the thresholds, overall their mean")
    func report() throws {
        let real: [String: QualityReport.ColumnData] = ["n": .continuous([1, 2, 3, 4]), "m": .continuous([2, 4, 6, 8]), "c": .discrete(["a", "a", "b", "b"])]
        let copy: [String: QualityReport.ColumnData] = ["n": .continuous([1, 2, 3, 4]), "m": .continuous([8, 6, 4, 2]), "c": .discrete(["a", "b", "b", "b"])]
        let report = QualityReport(real: real, copy: copy, order: ["n", "m", "c"])
        #expect(report.columns.map(\.metric) == ["KSComplement", "KSComplement", "TVComplement"])
        #expect(report.pairs.first { $0.columns == ["n", "m"] }?.score == 0, "ρ 1 in the source, −1 in the copy")
        #expect(report.overall == ((report.columnShapes ?? 0) + (report.columnPairTrends ?? 0)) / 2)
    }
}
