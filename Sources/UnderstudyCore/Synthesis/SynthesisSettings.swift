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

/// A synthesized table's own settings: `rows: 5000` or `scale: 0.5` (root tables only), and the
/// share of the privacy budget it declares (`epsilon: 0.3`).
public struct TableSynthesisSettings: Sendable, Equatable {
    public var rows: Int?
    public var scale: Double?
    public var epsilon: Double?
    public init(rows: Int? = nil, scale: Double? = nil, epsilon: Double? = nil) {
        self.rows = rows
        self.scale = scale
        self.epsilon = epsilon
    }
    public var isEmpty: Bool { rows == nil && scale == nil && epsilon == nil }
}
