import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy init`: writes a first workspace for a source database.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a workspace listing every table and column of a source, with suggested generators.")

    @Argument(help: ArgumentHelp("The source database URL (or give it as --source).", valueName: "source"))
    var sourceArgument: String?

    @Option(help: "The source database URL, e.g. sqlite:///path/to/prod.db")
    var source: String?

    @Option(help: "The destination database URL, e.g. sqlite:///path/to/dev.db")
    var destination: String

    @Option(name: [.short, .long], help: "The workspace file to write.")
    var out = "understudy.yml"

    @Flag(help: "Replace the workspace file if it exists.")
    var force = false

    func validate() throws {
        if sourceArgument != nil, source != nil {
            if let stray = StrayOption.find(known: ["--source", "--destination", "--out", "-o", "--force"], takingValues: ["--source", "--destination", "--out", "-o"]) {
                throw ValidationError("Unknown option '\(stray)'; init takes --source, --destination, --out (-o) and --force")
            }
            throw ValidationError("give the source either as the argument or as --source, not both")
        }
        if sourceArgument == nil, source == nil { throw ValidationError("Missing expected argument '--source <source>' (or the source URL as the argument)") }
    }

    func run() async throws {
        let source = self.source ?? sourceArgument ?? ""
        let sourceURL: DatabaseURL
        do {
            sourceURL = try DatabaseURL(source, role: "--source")
            _ = try DatabaseURL(destination, role: "--destination")
        } catch {
            throw UsageError(message: error.description)
        }
        if FileManager.default.fileExists(atPath: out), !force {
            throw UsageError(message: "\(out) exists; pass --force to replace it, or --out to write another file")
        }
        let draft = try await WorkspaceDraft.make(
            source: source, destination: destination, sourceRole: "--source", destinationRole: "--destination",
            base: URL(fileURLWithPath: out).deletingLastPathComponent().path)
        do {
            try FileReplacement.write(Data(draft.text.utf8), to: out)
        } catch {
            throw AdapterError(code: .writeFailed, message: "cannot write the workspace file: \(error)", place: out)
        }
        for note in draft.notes(file: out) {
            Console.error("note: \(note)")
        }
        if draft.tables == 0 {
            // (A file's path is named; a server's URL may hold a password, so it is not.)
            var file = ""
            if case .sqlite(let path) = sourceURL { file = " " + path }
            Console.error("warning: the source\(file) holds no table: an empty file, or another database than meant? Check the source URL")
        }
        print("""
            Wrote \(out): \(draft.tables) tables, \(draft.columns) columns, \(draft.suggested) with a suggested generator.
            Next: review it, set the secret (export UNDERSTUDY_SECRET=$(openssl rand -hex 32)),
            check a table with `understudy preview \(ShellWord.quoted(out)) --table NAME`, then `understudy run \(ShellWord.quoted(out))`.
            """)
    }
}
