/// What a run did, for machines (JSON) and, printed by the CLI, for people.
public struct RunReport: Sendable, Codable {
    public struct ColumnReport: Sendable, Codable {
        public var name: String
        public var generator: String
        public var domain: String
        public var consistent: Bool
        public var inheritedFrom: String?
        /// Who chose the generator where the workspace names none: `synthesis` for a column of a
        /// synthesized table that the scanner judges to identify people, written as fakes.
        public var chosenBy: String? = nil
        /// Values the generator could not read, written NULL (`on_invalid: null`), when any were.
        public var nulledValues: Int64? = nil
    }

    public struct TableReport: Sendable, Codable {
        public var name: String
        public var mode: TableMode
        public var sourceRows: Int64
        public var writtenRows: Int64
        public var seconds: Double
        public var columns: [ColumnReport]
        /// Columns copied in the source engine's own encoding, never decoded (same-engine copies).
        public var undecodedColumns: [String]? = nil
        /// How many parts the table was read in by parallel workers, when more than one.
        public var parts: Int? = nil
        /// Synthesized rows left out because they repeated a unique key however often they were
        /// drawn (see finding UND-W007), when any were.
        public var leftOutRows: Int64? = nil
        /// Why those rows were left out, other than a repeated unique key (`broke CHECK (…)`).
        public var leftOutReasons: [String]? = nil
        /// A synthesized table: seconds its sample of the source took to read (while the table
        /// before it was fitted), and seconds its model took to fit on it.
        public var sampleSeconds: Double? = nil
        public var fitSeconds: Double? = nil
    }

    /// How a run ended (written as the text of its raw value).
    public enum Outcome: String, Sendable, Codable {
        case running
        case succeeded
        case verificationFailed = "verification failed"
    }

    /// How much a finding matters.
    public enum Severity: String, Sendable, Codable {
        case info, warning, error
    }

    /// A non-fatal observation with a stable id.
    public struct Finding: Sendable, Codable, Equatable {
        public var id: String
        public var severity: Severity
        public var table: String
        public var column: String?
        public var message: String

        public init(id: String, severity: Severity, table: String, column: String?, message: String) {
            self.id = id
            self.severity = severity
            self.table = table
            self.column = column
            self.message = message
        }

        /// Where it is, as messages write it: `customers.email`, `orders`; nil for the run's own (`*`).
        public var place: String? { table == "*" ? nil : table + (column.map { ".\($0)" } ?? "") }

        /// `UND-W010`: the objects a copy into another engine has not got, each named (the first 40,
        /// then how many more), `because` says why and `fix` what to do; nil when there are none.
        public static func leftOut(_ missing: [String], because: String, fix: String) -> Finding? {
            // Each named once: a publication is one object per table it publishes.
            var seen = Set<String>()
            let missing = missing.filter { seen.insert($0).inserted }
            guard !missing.isEmpty else { return nil }
            let shown = missing.prefix(40).joined(separator: ", ") + (missing.count > 40 ? ", and \(missing.count - 40) more" : "")
            return Finding(id: "UND-W010", severity: .warning, table: "*", column: nil, message: "not in the copy, as \(because): \(shown); \(fix)")
        }
    }

    public var tool: String = "understudy \(UnderstudyVersion.current)"
    public var startedAt: String
    public var seconds: Double
    public var outcome: Outcome
    public var workspace: String?
    public var workspaceSHA256: String?
    public var keyFingerprint: String
    public var source: String
    public var destination: String
    public var jobs: Int
    public var tables: [TableReport]
    /// The tables the workspace leaves out (`mode: exclude`): neither read nor created.
    public var excludedTables: [String]? = nil
    /// The objects the workspace leaves out (`exclude_objects`), as `kind name`.
    public var excludedObjects: [String]? = nil
    public var verification: Verification?
    public var findings: [Finding]
    /// Wall-clock seconds of each phase: prepare, load, keys and indexes, verify, replace.
    public var phaseSeconds: [String: Double] = [:]
    /// Whether the copy's schema is the source's (``SchemaComparison``), when both are of one
    /// engine; with the differences when not.
    public var schema: SchemaCheck?
    /// Differential privacy spent fitting the synthesized tables (per table and in total), when on.
    public var privacy: PrivacyReport?

    public struct SchemaCheck: Sendable, Codable {
        public var matches: Bool
        public var differences: [String]
        public init(_ comparison: SchemaComparison) {
            matches = comparison.matches
            differences = comparison.differences
        }
    }

    public var totalRows: Int64 { tables.reduce(0) { $0 + $1.writtenRows } }
}

public enum UnderstudyVersion {
    public static let current = "0.1.0"
}
