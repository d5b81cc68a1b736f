import Foundation

/// The differential-privacy budget of one run, kept in zero-concentrated DP (zCDP): every
/// measurement is a Gaussian mechanism, ρ = Δ² / (2σ²) for L2 sensitivity Δ and noise σ, and ρ
/// adds up over measurements (zCDP composition). The run's (ε, δ) converts to a total ρ by
/// ε = ρ + 2·√(ρ·ln(1/δ₁)) (Bun & Steinke 2016, Proposition 1.3); δ₁ is half the run's δ, the other
/// half pays for suppressing rare categories (the threshold of a stability-based histogram).
///
/// The unit of privacy is one row of one table, and a row is read by its own table's fit and by
/// the fits of the tables a foreign key joins to it (`neighbours`: a child counts its parent's
/// rows' children, joins its parent's columns, carries a referenced row's score; nothing reads a
/// table two keys away, ``TableModel/ownDimensions``). Adding or removing one row of table T moves
/// only those fits' measurements, so the privacy loss of that row is the sum of their ρ — not the
/// whole run's: the run is ρ-zCDP for ρ the largest such sum over its tables (composition over the
/// measurements that see the row; the others' output does not depend on it). Tables that share no
/// key each get the whole budget; a table's neighbours share it with the table.
///
/// Tables that declare `epsilon:` get the ρ of that ε; the others share what is left by the
/// measurements their fits plan (``SynthesisFitter/measurementWeight(of:parentKey:children:generated:)``,
/// from the schema: public), raised together until a table's row would be exposed to the whole
/// budget, then the rest raised further (water-filling: every table as much as the tables around
/// it leave). A workspace whose declared shares expose a table's row to more than the budget is
/// refused before any row is read.
public struct PrivacyAccountant: Sendable {
    public let budget: PrivacyBudget
    public let totalRho: Double
    /// ρ per synthesized table: what its fit spends.
    public private(set) var shares: [String: Double] = [:]
    /// Each table's neighbours: the other tables whose fits read its rows.
    public let neighbours: [String: Set<String>]
    let conversionDelta: Double
    let thresholdDelta: Double

    /// The ρ of an (ε, δ) budget: the inverse of ε = ρ + 2·√(ρ·ln(1/δ)).
    public static func rho(epsilon: Double, delta: Double) -> Double {
        // √(l + ε) − √l written without the cancellation that lost a small ε to rounding.
        let l = -log(delta)
        let root = epsilon / ((l + epsilon).squareRoot() + l.squareRoot())
        return root * root
    }

    /// The ε at δ of spending ρ.
    public static func epsilon(rho: Double, delta: Double) -> Double {
        rho + 2 * (rho * -log(delta)).squareRoot()
    }

    /// The synthesized tables a foreign key joins to each (either way; not to itself), by name.
    public static func neighbours(of tables: [Table]) -> [String: Set<String>] {
        let names = Set(tables.map(\.name))
        var neighbours = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, Set<String>()) })
        for table in tables {
            for key in table.foreignKeys where key.referencedTable != table.name && names.contains(key.referencedTable) {
                neighbours[table.name]!.insert(key.referencedTable)
                neighbours[key.referencedTable]!.insert(table.name)
            }
        }
        return neighbours
    }

    /// Splits `budget` over `tables` (name → declared ε or nil), whose rows are read by their own
    /// fits and their `neighbours`' (``neighbours(of:)``); throws when the declared shares expose a
    /// table's row to more than the budget, or leave nothing for a table that declares none. Those
    /// share what is left by their `weights` (1 where none is given), the measurements their fits
    /// will take, so that each measurement gets about the same noise.
    public init(
        budget: PrivacyBudget, tables: [(name: String, epsilon: Double?)], neighbours: [String: Set<String>], weights: [String: Double] = [:]
    ) throws(SynthesisError) {
        self.budget = budget
        let names = Set(tables.map(\.name))
        // (Of the tables this run synthesizes, each without itself.)
        self.neighbours = Dictionary(uniqueKeysWithValues: tables.map { table in
            (table.name, (neighbours[table.name] ?? []).filter { names.contains($0) && $0 != table.name })
        })
        conversionDelta = budget.delta / 2
        thresholdDelta = budget.delta / 2
        totalRho = Self.rho(epsilon: budget.epsilon, delta: conversionDelta)
        var declaredEpsilon: [String: Double] = [:]
        for table in tables {
            if let epsilon = table.epsilon {
                declaredEpsilon[table.name] = epsilon
                shares[table.name] = Self.rho(epsilon: epsilon, delta: conversionDelta)
            }
        }
        for table in tables {
            let declared = readers(of: table.name).filter { shares[$0] != nil }
            let rho = declared.reduce(0) { $0 + shares[$1]! }
            guard rho <= totalRho * (1 + 1e-9) else {
                let epsilon = declared.reduce(0) { $0 + declaredEpsilon[$1]! }
                let which = declared.count == 1 ? "\(table.name) declares" : "the tables whose fits read a row of \(table.name) (\(declared.joined(separator: ", "))) declare"
                throw SynthesisError(
                    "\(which) ε \(Self.format(epsilon)) in all (ρ \(Self.format(rho)) under zCDP composition), more than the run's budget of ε \(Self.format(budget.epsilon)) at δ \(budget.delta) (ρ \(Self.format(totalRho))); lower the tables' `epsilon:` or raise synthesis.differential_privacy.epsilon")
            }
        }
        // Water-filling: the open tables' shares rise together, each as its weight, until a table's
        // row is exposed to the whole budget; the open tables that read it stay there, the others rise on.
        let weight = Dictionary(uniqueKeysWithValues: tables.filter { $0.epsilon == nil }.map { ($0.name, max(1, weights[$0.name] ?? 1)) })
        var rising = Set(weight.keys)
        while !rising.isEmpty {
            var level = Double.infinity
            var binding: [String] = []
            for table in tables {
                let around = readers(of: table.name)
                let open = around.filter { rising.contains($0) }
                guard !open.isEmpty else { continue }
                let rest = totalRho - around.filter { !rising.contains($0) }.reduce(0) { $0 + shares[$1]! }
                let reach = rest / open.reduce(0) { $0 + weight[$1]! }
                if reach < level * (1 - 1e-12) { (level, binding) = (reach, open) } else if reach <= level * (1 + 1e-12) { binding += open }
            }
            guard level > totalRho * 1e-6 / Double(max(1, tables.count)) else {
                throw SynthesisError(
                    "the tables that declare `epsilon:` spend the whole budget, which leaves nothing for \(binding.sorted().joined(separator: ", ")) (a foreign key joins them: their fits read each other's rows); lower the declared shares or declare one for every synthesized table")
            }
            for name in binding where rising.contains(name) {
                shares[name] = level * weight[name]!
                rising.remove(name)
            }
        }
    }

    /// The tables whose fits read a row of `table`: itself and its neighbours.
    func readers(of table: String) -> [String] { [table] + (neighbours[table] ?? []).sorted() }

    /// The ρ a row of `table` is exposed to: what the fits that read it spend.
    public func exposure(_ table: String, spent: [String: Double]) -> Double {
        readers(of: table).reduce(0) { $0 + (spent[$1] ?? 0) }
    }

    /// What a table spent, as ρ and as (ε, δ) on its own: the conversion's δ and its equal share of
    /// the thresholds' δ.
    func spent(_ table: String) -> PrivacySpent {
        let rho = shares[table] ?? 0
        return PrivacySpent(rho: rho, epsilon: Self.epsilon(rho: rho, delta: conversionDelta), delta: conversionDelta + thresholdDelta / Double(max(1, shares.count)))
    }

    static func format(_ x: Double) -> String { String(format: "%.4g", x) }
}

/// What a test sees of a fit's measurements (``MeasurementNoise/probe``).
final class NoiseProbe: @unchecked Sendable {
    struct Measurement: Equatable {
        var table: String
        var values: [Double]
        var sensitivity: Double
    }
    let draw: Double
    /// Released values to give again, by table, in the order taken (where a measurement has as many).
    let replay: [String: [[Double]]]
    private let lock = NSLock()
    private var taken: [Measurement] = []
    private var given: [String: [[Double]]] = [:]

    init(draw: Double = 0, replay: [String: [[Double]]] = [:]) {
        self.draw = draw
        self.replay = replay
    }

    func measure(_ measurement: Measurement, sigma: Double) -> [Double] {
        lock.withLock {
            taken.append(measurement)
            let index = given[measurement.table, default: []].count
            var released = measurement.values.map { $0 + sigma * draw }
            if let earlier = replay[measurement.table], index < earlier.count, earlier[index].count == released.count { released = earlier[index] }
            given[measurement.table, default: []].append(released)
            return released
        }
    }

    /// The measurements taken so far, by table, in the order taken.
    var measurements: [String: [Measurement]] { lock.withLock { Dictionary(grouping: taken, by: \.table) } }
    /// The values released, by table, in the order taken.
    var released: [String: [[Double]]] { lock.withLock { given } }
}

/// The privacy accounting of a run, for its report.
public struct PrivacyReport: Sendable, Codable, Equatable {
    public var accounting: String
    public var budget: PrivacyBudget
    /// What each table's fit spent.
    public var tables: [String: PrivacySpent]
    /// What a row of each table is exposed to: its own fit's spending and its neighbours'.
    public var exposure: [String: PrivacySpent]?
    /// The largest exposure: the run's guarantee.
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
    /// The table whose fit takes the measurements.
    let table: String
    let rho: Double
    /// The weights of every measurement the fit plans, summed.
    let planned: Double
    /// The weights of the measurements taken so far.
    private(set) var spent = 0.0
    /// δ for each thresholded histogram (rare categories suppressed).
    let thresholdDelta: Double
    private var random = SystemRandomNumberGenerator()

    init(table: String = "", rho: Double, planned: Double, thresholdDelta: Double) {
        self.table = table
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
        if let probe = Self.probe {
            return probe.measure(NoiseProbe.Measurement(table: table, values: values, sensitivity: sensitivity), sigma: s)
        }
        return values.map { $0 + gaussian(s) }
    }

    /// Set by tests only: every measurement is recorded before its noise, and the noise is `draw`
    /// standard deviations (0: none), the same in every run — or the released values of another
    /// run, replayed — so that two fits on neighbouring databases can be compared measurement by
    /// measurement.
    @TaskLocal static var probe: NoiseProbe?

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
