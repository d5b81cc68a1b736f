import Foundation

/// The differential-privacy budget of one run, kept in zero-concentrated DP (zCDP): every
/// measurement is a Gaussian mechanism, ρ = Δ² / (2σ²) for L2 sensitivity Δ and noise σ, and ρ
/// adds up over measurements (zCDP composition). The run's (ε, δ) converts to a total ρ by
/// ε = ρ + 2·√(ρ·ln(1/δ₁)) (Bun & Steinke 2016, Proposition 1.3); δ₁ is half the run's δ, the other
/// half pays for suppressing rare categories (the threshold of a stability-based histogram).
///
/// Tables that declare `epsilon:` get the ρ of that ε; the others share what is left by the
/// measurements their fits plan (``SynthesisFitter/measurementWeight(of:parentKey:children:generated:)``,
/// from the schema: public). A workspace whose declared shares exceed the run's budget is refused
/// before any row is read.
public struct PrivacyAccountant: Sendable {
    public let budget: PrivacyBudget
    public let totalRho: Double
    /// ρ per synthesized table.
    public private(set) var shares: [String: Double] = [:]
    let conversionDelta: Double
    let thresholdDelta: Double

    /// The ρ of an (ε, δ) budget: the inverse of ε = ρ + 2·√(ρ·ln(1/δ)).
    public static func rho(epsilon: Double, delta: Double) -> Double {
        let l = log(1 / delta)
        let root = (l + epsilon).squareRoot() - l.squareRoot()
        return root * root
    }

    /// The ε at δ of spending ρ.
    public static func epsilon(rho: Double, delta: Double) -> Double {
        rho + 2 * (rho * log(1 / delta)).squareRoot()
    }

    /// Splits `budget` over `tables` (name → declared ε or nil); throws when the declared shares
    /// spend more than the budget, or leave nothing for the tables that declare none. Those share
    /// what is left by their `weights` (1 where none is given): the measurements their fits will
    /// take, so that each measurement of the run gets about the same noise.
    public init(budget: PrivacyBudget, tables: [(name: String, epsilon: Double?)], weights: [String: Double] = [:]) throws(SynthesisError) {
        self.budget = budget
        conversionDelta = budget.delta / 2
        thresholdDelta = budget.delta / 2
        totalRho = Self.rho(epsilon: budget.epsilon, delta: conversionDelta)
        var declared = 0.0
        for table in tables {
            if let epsilon = table.epsilon {
                let rho = Self.rho(epsilon: epsilon, delta: conversionDelta)
                shares[table.name] = rho
                declared += rho
            }
        }
        let declaredEpsilon = tables.compactMap(\.epsilon).reduce(0, +)
        guard declared <= totalRho * (1 + 1e-9) else {
            throw SynthesisError(
                "the tables declare ε \(Self.format(declaredEpsilon)) in all (ρ \(Self.format(declared)) under zCDP composition), more than the run's budget of ε \(Self.format(budget.epsilon)) at δ \(budget.delta) (ρ \(Self.format(totalRho))); lower the tables' `epsilon:` or raise synthesis.differential_privacy.epsilon")
        }
        let open = tables.filter { $0.epsilon == nil }
        if !open.isEmpty {
            let rest = totalRho - declared
            guard rest > totalRho * 1e-6 else {
                throw SynthesisError(
                    "the tables that declare `epsilon:` spend the whole budget, which leaves nothing for \(open.map(\.name).joined(separator: ", ")); lower the declared shares or declare one for every synthesized table")
            }
            let weight = open.map { max(1, weights[$0.name] ?? 1) }
            let total = weight.reduce(0, +)
            for (table, w) in zip(open, weight) { shares[table.name] = rest * w / total }
        }
    }

    /// What a table spent, as ρ and as (ε, δ) on its own: the conversion's δ and its equal share of
    /// the thresholds' δ.
    func spent(_ table: String) -> PrivacySpent {
        let rho = shares[table] ?? 0
        return PrivacySpent(rho: rho, epsilon: Self.epsilon(rho: rho, delta: conversionDelta), delta: conversionDelta + thresholdDelta / Double(max(1, shares.count)))
    }

    static func format(_ x: Double) -> String { String(format: "%.4g", x) }
}

/// The privacy accounting of a run, for its report.
public struct PrivacyReport: Sendable, Codable, Equatable {
    public var accounting: String
    public var budget: PrivacyBudget
    public var tables: [String: PrivacySpent]
    public var totalRho: Double
    public var totalEpsilon: Double
    public var totalDelta: Double
}

/// Noise for the measurements of one table's fit under differential privacy: the Gaussian
/// mechanism. The fit plans its measurements first, each with a weight (most 1; the counts that
/// scale whole tables more), and a measurement of weight w gets w / `planned` of the table's ρ. Every
/// measurement is entered in `spent`; the fit refuses to finish when that exceeds the plan, so an
/// unplanned measurement cannot overspend the budget unnoticed. Draws come from the operating
/// system's cryptographically secure generator, so a DP fit cannot be replayed from the workspace
/// secret.
struct MeasurementNoise {
    let rho: Double
    /// The weights of every measurement the fit plans, summed.
    let planned: Double
    /// The weights of the measurements taken so far.
    private(set) var spent = 0.0
    /// δ for each thresholded histogram (rare categories suppressed).
    let thresholdDelta: Double
    private var random = SystemRandomNumberGenerator()

    init(rho: Double, planned: Double, thresholdDelta: Double) {
        self.rho = rho
        self.planned = max(1, planned)
        self.thresholdDelta = thresholdDelta
    }

    /// σ of a measurement of L2 sensitivity `sensitivity` and `weight`: its ρ is
    /// ρ·weight/planned = Δ² / (2σ²).
    func sigma(sensitivity: Double, weight: Double = 1) -> Double {
        sensitivity / (2 * rho * weight / planned).squareRoot()
    }

    mutating func gaussian(_ sigma: Double) -> Double { sigma * Normal.draw(&random) }

    /// One measurement: each value plus Gaussian noise (not floored: sums and totals).
    mutating func noised(_ values: [Double], sensitivity: Double = 1, weight: Double = 1) -> [Double] {
        spent += weight
        let s = sigma(sensitivity: sensitivity, weight: weight)
        return values.map { $0 + gaussian(s) }
    }

    /// One count plus Gaussian noise (a measurement of its own, sensitivity 1).
    mutating func count(_ value: Double, weight: Double = 1) -> Double {
        noised([value], weight: weight)[0]
    }

    /// A histogram: each count plus Gaussian noise (one measurement, sensitivity `sensitivity`),
    /// floored at 0.
    mutating func counts(_ counts: [Double], sensitivity: Double = 1, weight: Double = 1) -> [Double] {
        noised(counts, sensitivity: sensitivity, weight: weight).map { max(0, $0) }
    }

    /// The categories of a histogram over an open domain: noisy counts, those below the threshold
    /// 1 + σ·Φ⁻¹(1 − δ) dropped, so that a category one row adds is released with probability ≤ δ.
    mutating func thresholded(_ counts: [Double], sensitivity: Double = 1) -> [Double?] {
        let s = sigma(sensitivity: sensitivity)
        let threshold = sensitivity + s * Normal.quantile(1 - thresholdDelta)
        return noised(counts, sensitivity: sensitivity).map { $0 > threshold ? $0 : nil }
    }
}
