import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy evaluate`: the copy against its source — quality (SDMetrics' definitions), validity, privacy.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare the destination a workspace produced with its source: quality as SDMetrics defines it, key validity, exact copies.",
        discussion: "Quality: Column Shapes (KSComplement, TVComplement), Column Pair Trends (CorrelationSimilarity, ContingencySimilarity) and their mean, per table. Validity: duplicate keys and foreign keys without a parent in the copy. Privacy: copy rows equal to a source row on every column that is not a key. Tables above 100,000 rows are read whole and a random sample of about 100,000 rows kept (fixed seed). Needs no secret.")

    @Argument(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Flag(help: "Print the evaluation as JSON.")
    var json = false

    @Option(help: "Also write the evaluation as an HTML page: the scores and every column's distributions, source and copy side by side.")
    var html: String?

    func run() async throws {
        let loaded = try WorkspaceLoader.load(path: workspace)
        // The page may not replace the workspace or a database (refused before anything is read).
        var protected: [(role: String, path: String)] = [("workspace", workspace)]
        for (role, url) in [("source", loaded.source), ("destination", loaded.destination)] {
            if let path = try? Job.sqlitePath(url, role: role, in: loaded) { protected.append((role + " database", path)) }
        }
        let page: ReportFile?
        do { page = try html.map { path throws(ReportFile.Refusal) in try ReportFile(path: path, protected: protected, example: "evaluation.html") } } catch { throw UsageError(message: error.description) }
        let evaluation = try await Evaluation.evaluate(loaded)
        if let page {
            do { try page.write(Data(evaluation.html(title: "Evaluation of \(workspace)").utf8)) } catch { throw CommandFailure(message: error.description) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(evaluation), as: UTF8.self))
            return
        }
        func score(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        print("table".rightPadded(24) + " column shapes  pair trends  overall  keys  adherence  exact copies (by chance)  DCR protection  k-anonymity")
        for table in evaluation.tables {
            let keys = table.duplicateKeys == 0 && table.orphans == 0 ? "ok" : "\(table.duplicateKeys) dup, \(table.orphans) orphan"
            let adherence = [table.boundaryAdherence, table.categoryAdherence].compactMap { $0 }
            print(table.name.rightPadded(24) + " " + score(table.quality.columnShapes).leftPadded(13) + "  " + score(table.quality.columnPairTrends).leftPadded(11)
                + "  " + score(table.quality.overall).leftPadded(7) + "  " + keys.leftPadded(4)
                + "  " + score(adherence.isEmpty ? nil : adherence.min()).leftPadded(9) + "  " + (String(format: "%.1f%%", table.exactCopyShare * 100) + (table.exactCopiesByChance.map { " (\(score($0)))" } ?? "")).leftPadded(23)
                + "  " + score(table.dcrBaselineProtection).leftPadded(14)
                + "  " + (table.kAnonymity.map { "\($0) (\(table.quasiIdentifiers.joined(separator: ", ")))" } ?? "–"))
        }
        if !evaluation.relationships.isEmpty {
            print("\nrelationship".rightPadded(41) + " cardinality  intertable trends")
            for r in evaluation.relationships {
                print("\(r.parent) → \(r.child) (\(r.foreignKey.joined(separator: ", ")))".rightPadded(40) + " " + score(r.cardinality).leftPadded(11) + "  " + score(r.intertableTrends).leftPadded(17))
            }
        }
        print("\nOverall quality \(score(evaluation.overall)) (column shapes \(score(evaluation.columnShapes)), column pair trends \(score(evaluation.columnPairTrends)), "
            + "cardinality \(score(evaluation.cardinality)), intertable trends \(score(evaluation.intertableTrends))); validity \(score(evaluation.validity)).")
        if evaluation.leakedValues == 0 {
            print("No source value of a direct identifier (email, phone, ID, card, IBAN, full name, street address…) is a cell of the copy.")
        } else {
            print("Leaks: \(evaluation.leakedValues) source value(s) of direct identifiers are cells of the copy: \(evaluation.leakSummary)")
        }
        if evaluation.leakedInText == 0 {
            print("No such value, nor a source row's first and last name, inside the copy's free text.")
        } else {
            print("Leaks in text: \(evaluation.leakedInText) source value(s) inside the copy's free text: "
                + evaluation.leaksInText.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
    }
}
