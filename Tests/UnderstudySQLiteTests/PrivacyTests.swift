import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite
import UnderstudyKit

/// Six related tables for differential privacy across tables: shops (a root) with sales and staff
/// (two children, siblings), items (another root) that sales reference and carry the price of (a
/// private link: `sale.price` is named as `item.price`), refunds (a grandchild, under sales), and
/// genres, related to nothing.
enum PrivacyFixture {
    static let tables = ["shop", "item", "genre", "sale", "staff", "refund"]

    /// The tables a row of each table is read by: its own fit and its neighbours' along foreign keys.
    static let charged: [String: Set<String>] = [
        "shop": ["shop", "sale", "staff"], "item": ["item", "sale"], "genre": ["genre"],
        "sale": ["sale", "shop", "item", "refund"], "staff": ["staff", "shop"], "refund": ["refund", "sale"],
    ]

    /// The database, with one more row in `extra` (a copy of its first row under a new key).
    static func sql(extra: String? = nil) -> String {
        var sql = """
            CREATE TABLE shop (id INTEGER PRIMARY KEY, region TEXT NOT NULL, size REAL NOT NULL);
            CREATE TABLE item (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, price REAL NOT NULL);
            CREATE TABLE genre (id INTEGER PRIMARY KEY, label TEXT NOT NULL, weight REAL NOT NULL);
            CREATE TABLE sale (id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL REFERENCES shop(id), item_id INTEGER NOT NULL REFERENCES item(id),
                price REAL NOT NULL, channel TEXT NOT NULL);
            CREATE TABLE staff (id INTEGER PRIMARY KEY, shop_id INTEGER NOT NULL REFERENCES shop(id), age INTEGER NOT NULL, role TEXT NOT NULL);
            CREATE TABLE refund (id INTEGER PRIMARY KEY, sale_id INTEGER NOT NULL REFERENCES sale(id), amount REAL NOT NULL, reason TEXT NOT NULL);

            """
        let regions = ["north", "south", "east", "west"], kinds = ["book", "game", "film"], channels = ["web", "store"]
        let roles = ["clerk", "manager"], reasons = ["late", "broken", "wrong"]
        var rows: [String: [String]] = [:]
        for s in 1...60 { rows["shop", default: []].append("\(s), '\(regions[s % 4])', \(100 + (s * 37) % 400)") }
        for i in 1...40 { rows["item", default: []].append("\(i), '\(kinds[i % 3])', \(Double(5 + (i * 13) % 60) + 0.99)") }
        for g in 1...100 { rows["genre", default: []].append("\(g), 'g\(g % 5)', \((g * 7) % 11)") }
        for s in 1...400 {
            let item = 1 + (s * 7) % 40
            rows["sale", default: []].append("\(s), \(1 + (s * 11) % 60), \(item), \(Double(5 + (item * 13) % 60) + 0.99), '\(channels[s % 2])'")
        }
        for p in 1...150 { rows["staff", default: []].append("\(p), \(1 + (p * 17) % 60), \(20 + (p * 23) % 45), '\(roles[p % 2])'") }
        for r in 1...120 { rows["refund", default: []].append("\(r), \(1 + (r * 29) % 400), \(Double(1 + (r * 31) % 50) + 0.5), '\(reasons[r % 3])'") }
        for table in tables {
            var values = rows[table]!
            if table == extra {
                // The first row again, under a new key.
                let first = values[0]
                values.append("\(values.count + 1)" + first[first.firstIndex(of: ",")!...])
            }
            for row in values { sql += "INSERT INTO \(table) VALUES (\(row));\n" }
        }
        return "BEGIN;\n" + sql + "COMMIT;\n"
    }

    /// Runs the six tables synthesized under DP with the noise `probe` stands in for; returns the
    /// measurements each table's fit took.
    static func measurements(extra: String? = nil, draw: Double = 0, folder: TemporaryFolder) async throws -> [String: [NoiseProbe.Measurement]] {
        try await probed(extra: extra, draw: draw, folder: folder).measurements
    }

    /// The same, with the probe (its released values) returned; `replay`: released values to give again.
    static func probed(extra: String? = nil, draw: Double = 0, replay: [String: [[Double]]] = [:], folder: TemporaryFolder) async throws -> NoiseProbe {
        let name = extra ?? "none"
        let run = "\(name)-\(draw)-\(replay.isEmpty ? "" : "replayed")"
        let source = folder.file("\(run).db"), destination = folder.file("\(run)-copy.db")
        try SQLiteFixture.create(source, sql(extra: extra))
        let yaml = workspaceYAML(source: source, destination: destination, tables: tables.map { "  \($0): { mode: synthesize }" }.joined(separator: "\n"))
            .replacingOccurrences(of: "tables:", with: "synthesis: { differential_privacy: { epsilon: 64.0, delta: 1.0e-9 } }\ntables:")
        let probe = NoiseProbe(draw: draw, replay: replay)
        try await MeasurementNoise.$probe.withValue(probe) { _ = try await runWorkspace(yaml) }
        return probe
    }
}

@Suite("Differential privacy across related tables")
struct PrivacyTests {
    @Test("under DP, a row of a table changes the measurements of its own fit and its neighbours' along foreign keys only: not a sibling's, not a grandchild's")
    func rowsReadOnlyByNeighbours() async throws {
        let folder = TemporaryFolder()
        let base = try await PrivacyFixture.measurements(folder: folder)
        #expect(Set(base.keys) == Set(PrivacyFixture.tables))
        for table in PrivacyFixture.tables {
            let added = try await PrivacyFixture.measurements(extra: table, folder: folder)
            for other in PrivacyFixture.tables where !PrivacyFixture.charged[table]!.contains(other) {
                let before = base[other] ?? [], after = added[other] ?? []
                let changed = zip(before, after).enumerated().filter { $1.0 != $1.1 }.map(\.offset)
                #expect(before.count == after.count && changed.isEmpty,
                    "a row added to \(table) changed the measurements \(changed) of \(other)'s fit (\(before.count) then \(after.count)), which the accountant does not charge to \(table)")
            }
        }
    }

    @Test("under DP, the references to another synthesized table are spread over its released row count, not its exact one")
    func referencesSpreadOverReleasedRows() async throws {
        let folder = TemporaryFolder()
        // Noise of 3σ on every measurement: item's released row count is not its 40.
        let probe = try await PrivacyFixture.probed(draw: 3, folder: folder)
        let rows = try #require(probe.measurements["item"]?.first), released = try #require(probe.released["item"]?.first)
        #expect(rows.values == [40] && released[0] > 41)
        let sizes = (probe.measurements["sale"] ?? []).map(\.values.count)
        #expect(sizes.contains(Int(released[0].rounded())), "no measurement of sale's fit is over item's released \(released[0]) rows: \(sizes)")
    }

    @Test("under DP, given the same released values before it, each measurement moves by at most its stated sensitivity when a row is added to any table")
    func measurementsWithinTheirSensitivity() async throws {
        let folder = TemporaryFolder()
        // Noise of 1σ on every measurement, so that thresholds pass as in a run; the second run of
        // each pair is given the first run's released values, so that what each fit computes from
        // earlier releases is the same and only the added row differs.
        let base = try await PrivacyFixture.probed(draw: 1, folder: folder)
        var compared = 0, taken = 0
        for table in PrivacyFixture.tables {
            let added = try await PrivacyFixture.probed(extra: table, draw: 1, replay: base.released, folder: folder)
            for other in PrivacyFixture.tables {
                let before = base.measurements[other] ?? [], after = added.measurements[other] ?? []
                taken += before.count
                for (i, (a, b)) in zip(before, after).enumerated() where a.values.count == b.values.count {
                    compared += 1
                    let moved = zip(a.values, b.values).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                    #expect(moved <= a.sensitivity * (1 + 1e-9), "a row added to \(table) moved measurement \(i) of \(other)'s fit by \(moved), past its sensitivity \(a.sensitivity) (\(a.values.count) values; \(zip(a.values, b.values).enumerated().filter { $1.0 != $1.1 }.prefix(12).map { "\($0.offset): \($0.element.0) → \($0.element.1)" }))")
                }
            }
        }
        // A measurement over an open domain (a new value, a new count of children) has as many
        // values in both runs only where the added row brings none: most must be compared.
        #expect(compared >= taken * 9 / 10 && taken > 300, "\(compared) of \(taken) measurements compared")
    }
}
