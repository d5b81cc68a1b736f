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

    @Argument(help: ArgumentHelp("A workspace file (its source is scanned) or a database URL; understudy.yml when neither this nor --source is given.", valueName: "workspace-or-url"))
    var target: String?

    @Option(help: "The source database URL.")
    var source: String?

    @Option(help: "Rows sampled per table.")
    var sample = 1_000

    @Flag(help: "Print every finding as a JSON object.")
    var json = false

    @Flag(help: "Also list findings below the personal threshold (quasi-identifiers, weak evidence).")
    var all = false

    func validate() throws {
        guard sample >= 1 else { throw ValidationError("--sample must be at least 1") }
        if target != nil, source != nil {
            if let stray = StrayOption.find(known: ["--source", "--sample", "--json", "--all"], takingValues: ["--source", "--sample"]) {
                throw ValidationError("Unknown option '\(stray)'; scan takes --source, --sample, --json and --all")
            }
            throw ValidationError("give the source either as the argument or as --source, not both")
        }
        if target == nil, source == nil, !FileManager.default.fileExists(atPath: "understudy.yml") {
            throw ValidationError("name what to scan: `understudy scan --source URL`, `understudy scan URL` or `understudy scan WORKSPACE` (there is no understudy.yml here)")
        }
    }

    /// The database to scan: --source, the argument when it is a URL, or the source of the
    /// workspace the argument (or understudy.yml) names.
    func open() async throws -> any SamplingSource {
        let url = source ?? target.flatMap { DatabaseURL.looksLikeURL($0) ? $0 : nil }
        guard let url else { return try await Databases.openSource(of: try WorkspaceLoader.load(path: target ?? "understudy.yml")) }
        do {
            return try await Databases.openSource(url, role: source != nil ? "--source" : "the argument")
        } catch let error as AdapterError where error.code == .invalidURL || error.code == .unsupportedScheme {
            throw UsageError(message: error.description)
        }
    }

    func run() async throws {
        let started = Date()
        let database = try await open()
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
