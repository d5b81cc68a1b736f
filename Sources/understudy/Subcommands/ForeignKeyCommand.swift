import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy fk suggest`: likely foreign keys the database does not declare.
struct ForeignKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fk",
        abstract: "Foreign keys the source does not declare.",
        subcommands: [Suggest.self])

    struct Suggest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose likely foreign keys from column names and value containment, ranked; --accept writes them to the workspace.",
            discussion: "Containment is measured on up to 1,000 distinct values per column, asked of the parent in batches. Accepted keys go to the workspace's foreign_keys list (comments kept) and are then treated like declared ones: generators follow them, tables load in their order, and the copy is checked for orphans.")

        @Argument(help: "The workspace file.")
        var workspace = "understudy.yml"

        @Flag(help: "Print the suggestions as JSON.")
        var json = false

        @Flag(help: "Write the suggestions at or above --min-confidence into the workspace.")
        var accept = false

        @Option(help: "The smallest confidence accepted (with --accept) or shown.")
        var minConfidence = 0.5

        func run() async throws {
            let (suggestions, schema) = try await ForeignKeySuggestions.suggest(for: try WorkspaceLoader.load(path: workspace), minimumConfidence: minConfidence)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(suggestions), as: UTF8.self))
            } else {
                for s in suggestions {
                    print("\(String(format: "%.2f", s.confidence))  \(s.from) → \(s.to)")
                    for line in s.evidence { print("      · \(line)") }
                }
                if suggestions.isEmpty { print("No likely foreign keys above \(minConfidence).") }
            }
            guard accept, !suggestions.isEmpty else { return }
            try ForeignKeySuggestions.accept(suggestions, into: workspace, schema: schema)
            Console.error("Accepted \(suggestions.count) foreign key(s) into \(workspace).")
        }
    }
}
