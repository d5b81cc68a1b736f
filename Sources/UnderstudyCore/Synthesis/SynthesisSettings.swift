/// The workspace's `synthesis:` section: how many rows synthesized tables get, and whether their
/// models are fitted under differential privacy.
public struct SynthesisSettings: Sendable, Equatable {
    /// Rows of a synthesized root table per source row (`scale: 2.5`); children follow their
    /// cardinality models. Default 1.
    public var scale: Double = 1
    /// `differential_privacy: { epsilon: 1.0, delta: 1.0e-9 }`: the budget of the whole run.
    public var privacy: PrivacyBudget?

    public init(scale: Double = 1, privacy: PrivacyBudget? = nil) {
        self.scale = scale
        self.privacy = privacy
    }
}

/// An (ε, δ) differential-privacy budget.
public struct PrivacyBudget: Sendable, Equatable, Codable {
    public var epsilon: Double
    public var delta: Double
    public init(epsilon: Double, delta: Double) {
        self.epsilon = epsilon
        self.delta = delta
    }
}

/// A synthesized table's own settings: `rows: 5000` or `scale: 0.5` (root tables only), the
/// share of the privacy budget it declares (`epsilon: 0.3`), and under differential privacy the
/// columns' public domains (`domains:`).
public struct TableSynthesisSettings: Sendable, Equatable {
    public var rows: Int?
    public var scale: Double?
    public var epsilon: Double?
    /// Under differential privacy, what anyone may know of a column without the data:
    /// `country: [US, CA, MX]` (every category it can hold), `total: { min: 0, max: 500 }`,
    /// `placed_at: { min: 2020-01-01, max: 2025-12-31 }` (a number's or a date's bounds).
    public var domains: [String: ColumnDomain] = [:]
    public init(rows: Int? = nil, scale: Double? = nil, epsilon: Double? = nil) {
        self.rows = rows
        self.scale = scale
        self.epsilon = epsilon
    }
    public var isEmpty: Bool { rows == nil && scale == nil && epsilon == nil && domains.isEmpty }
}

/// A column's public domain under differential privacy (``TableSynthesisSettings/domains``): its
/// categories, none of which noise then suppresses, or a number's or date's bounds, which the fit
/// then need not find in the data. As written in the workspace.
public enum ColumnDomain: Sendable, Equatable {
    case categories([String])
    case bounds(min: String, max: String)

    /// A bound as the column's number: seconds since 1970 for a date or timestamp (`temporal`).
    static func bound(_ text: String, temporal: Bool) -> Double? {
        temporal ? TemporalLayout.parse(text)?.seconds : Double(text)
    }

    /// The bounds as numbers (nil for categories, or bounds that do not parse or do not rise).
    func range(temporal: Bool) -> ClosedRange<Double>? {
        guard case .bounds(let low, let high) = self, let lower = Self.bound(low, temporal: temporal),
              let upper = Self.bound(high, temporal: temporal), lower < upper else { return nil }
        return lower...upper
    }
}
