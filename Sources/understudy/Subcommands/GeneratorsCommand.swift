import ArgumentParser
import Foundation
import UnderstudyCore

/// `understudy generators`: the toolbox, or its Markdown reference.
struct GeneratorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generators",
        abstract: "List the generators with their parameters, or write the reference (docs/generators.md).")

    @Flag(help: "Print the Markdown reference.")
    var markdown = false

    @Option(help: "With --markdown: write the reference to this file instead of standard output.")
    var output: String?

    func run() throws {
        if markdown {
            let text = GeneratorReference().markdown()
            if let output {
                try FileReplacement.write(Data(text.utf8), to: output)
            } else {
                print(text, terminator: "")
            }
            return
        }
        for d in GeneratorRegistry.standard.definitions {
            var flags: [String] = []
            if d.canBeConsistent { flags.append("consistent") }
            if d.isReversible { flags.append("reversible") }
            if case .never = d.uniqueSafety {} else { flags.append("unique-safe") }
            print("\(d.name)  [\(flags.joined(separator: ", "))]")
            print("    \(d.summary)")
            let types = d.acceptedTypes.count == LogicalType.allCases.count ? "all" : d.acceptedTypes.sorted().map(\.rawValue).joined(separator: ", ")
            print("    types: \(types)")
            for p in d.parameters {
                let fallback = p.isRequired ? "required" : p.defaultValue.map { "default \($0.yaml)" } ?? "optional"
                print("    \(p.name) (\(p.kind.label.replacingOccurrences(of: "\\|", with: "|")), \(fallback)): \(p.summary)")
            }
        }
        print("\nEvery generator also takes `domain`, `consistent` and `on_invalid` (stop or null); see docs/generators.md and docs/workspace.md.")
    }
}
