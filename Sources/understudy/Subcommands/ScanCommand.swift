import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy scan`: which columns hold personal data, with evidence and a suggested generator.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find columns that hold personal data: name rules plus value detectors on a sample.",
        discussion: "The sample is every k-th row by rowid (k = rows / --sample), the same on every run. Findings show evidence (rules, shares of the sample), never values.")

    @Option(help: "The source database URL.")
    var source: String

    @Option(help: "Rows sampled per table.")
    var sample = 1_000

    @Flag(help: "Print every finding as a JSON object.")
    var json = false

    @Flag(help: "Also list findings below the personal threshold (quasi-identifiers, weak evidence).")
    var all = false

    func validate() throws {
        guard sample >= 1 else { throw ValidationError("--sample must be at least 1") }
    }

    func run() async throws {
        let started = Date()
        let database: any SamplingSource
        do {
            database = try await Databases.openSource(source, role: "--source")
        } catch let error as AdapterError where error.code == .invalidURL || error.code == .unsupportedScheme {
            throw UsageError(message: error.description)
        }
        let (schema, findings) = try await Databases.closing(database) { database in
            let schema = try await database.introspect()
            return (schema, try await Scanner().scan(schema: schema) { try await database.sample(of: $0, size: sample) })
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(findings), as: UTF8.self))
            return
        }
        let shown = findings.filter { all || $0.personal }
        let width = shown.map { "\($0.table).\($0.column)".count }.max() ?? 10
        for f in shown {
            let place = "\(f.table).\(f.column)"
            let parameters = f.parameters.keys.sorted().map { ", \($0): \(f.parameters[$0]!)" }.joined()
            print("\(place.rightPadded(width))  \(f.kind.rawValue.rightPadded(14)) \(String(format: "%.2f", f.confidence))  { generator: \(f.generator)\(parameters) }")
            for line in f.evidence { print("\(String(repeating: " ", count: width + 2))  · \(line)") }
        }
        let columns = schema.tables.reduce(0) { $0 + $1.storedColumns.count }
        func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        Console.error("\(counted(findings.filter(\.personal).count, "personal column")) among \(counted(columns, "column")) of \(counted(schema.tables.count, "table")), scanned in \(Console.seconds(Date().timeIntervalSince(started))) (sample \(sample) rows per table).")
    }
}
