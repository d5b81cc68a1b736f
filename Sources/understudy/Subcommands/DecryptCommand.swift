import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy decrypt`: recovers source values of a reversible column from destination values.
struct DecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Recover original values of a reversibly de-identified column (fpe.*, credit-card, ssn, iban, ip-address, mac-address).",
        discussion: "Needs the workspace's secret. Every use is appended to <workspace>.audit.jsonl (who, when, table, column, how many values; never the values). Without VALUE arguments, reads one value per line from standard input.")

    @Option(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Option(help: "The table.")
    var table: String

    @Option(help: "The column.")
    var column: String

    @Option(help: "The report of the run that made the copy (default: next to the workspace, <name>.report.json): its key fingerprint must match the secret's.")
    var report: String?

    // Unrecognized "options" are values: fpe.integer writes negative numbers (`-5` was "Unknown option").
    @Argument(parsing: .allUnrecognized, help: "The destination values to reverse (negative numbers too: `-5`).")
    var values: [String] = []

    func run() async throws {
        // A mistyped option is still one: `--reprot`, `-x`; a value never begins so (a negative number does not).
        if let option = values.first(where: { $0.hasPrefix("--") || ($0.hasPrefix("-") && $0.count > 1 && !$0.dropFirst().first!.isNumber) }) {
            throw UsageError(message: "unknown option \(option); decrypt takes --workspace, --table, --column and --report, then the values")
        }
        // Other commands take the workspace as their argument; here the arguments are values.
        if !FileManager.default.fileExists(atPath: workspace), let first = values.first, first.hasSuffix(".yml") || first.hasSuffix(".yaml"),
           FileManager.default.fileExists(atPath: first) {
            throw UsageError(message: "\(first) is a workspace file, but decrypt's arguments are the values to reverse; name the workspace with --workspace \(first)")
        }
        let decryption: Decryption
        do {
            decryption = try await Decryption(
                workspacePath: workspace, table: table, column: column,
                reportPath: report ?? RunCommand.defaultReportPath(for: workspace), reportNamed: report != nil)
        } catch let refusal as Decryption.Refusal {
            throw UsageError(message: refusal.description)
        }
        if let warning = decryption.keyWarning { Console.error("warning: \(warning)") }
        let inputs = values.isEmpty ? Array(AnyIterator { readLine() }) : values
        let name: (Int) -> String = values.isEmpty ? { "line \($0 + 1) of standard input" } : { [count = values.count] in "value \($0 + 1) of \(count)" }
        for text in try decryption.reverse(inputs, name: name) { print(text) }
    }
}
