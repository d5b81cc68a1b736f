import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy schema diff|ack`: the schema-drift guard's review loop.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Compare the source with the schema reviewed in the workspace, and record reviews.",
        subcommands: [Diff.self, Ack.self, Compare.self])

    /// The workspace, its text, and the drift against its source.
    struct Loaded {
        var workspace: Workspace
        var text: String
        var source: any SamplingSource
        var schema: DatabaseSchema
        var drift: SchemaDrift

        init(_ path: String) async throws {
            workspace = try WorkspaceLoader.load(path: path)
            text = try String(contentsOfFile: path, encoding: .utf8)
            source = try await Databases.openSource(of: workspace)
            do {
                schema = try await source.introspect()
            } catch {
                await source.close()
                throw error
            }
            drift = SchemaDrift(reviewed: workspace.reviewedSchema ?? ReviewedSchema(tables: []), actual: schema)
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what the source gained, lost or changed since the review, with the scanner's verdict on new columns.")

        @Argument(help: "The workspace file.")
        var workspace = "understudy.yml"

        func run() async throws {
            let loaded = try await Loaded(workspace)
            guard !loaded.drift.isEmpty else {
                await loaded.source.close()
                print("The source matches the reviewed schema.")
                return
            }
            let verdicts: [String: ScanFinding]
            do {
                verdicts = try await Job.verdicts(loaded.drift.unreviewed, source: loaded.source, schema: loaded.schema)
                await loaded.source.close()
            } catch {
                await loaded.source.close()
                throw error
            }
            for change in loaded.drift.changes {
                var line = (change.needsReview ? "+ " : "- ") + change.description
                if let column = change.column, let verdict = verdicts["\(change.table).\(column)"], verdict.confidence >= 0.3 {
                    line += "   [scanner: \(verdict.kind.phrase), \(String(format: "%.2f", verdict.confidence)), suggests \(verdict.generator)]"
                }
                print(line)
            }
            if !loaded.drift.unreviewed.isEmpty {
                print("\nAcknowledge with: understudy schema ack \(ShellWord.quoted(workspace)) \(loaded.drift.unreviewed.map { ShellWord.quoted($0.target) }.joined(separator: " ")) [--generator NAME]")
            }
        }
    }

    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the schemas of two databases (a source and its copy): exit 0 when they match, 1 with the differences.",
            discussion: "Tables, columns, keys, checks, indexes, partitions, views, triggers, types, sequences, functions and PostgreSQL's other objects, each with its definition. Both databases are opened read-only. Databases of different engines differ in their types; compare copies of one engine.")

        @Argument(help: "The first database URL (e.g. the source).")
        var first: String

        @Argument(help: "The second database URL (e.g. the copy).")
        var second: String

        func run() async throws {
            var schemas: [DatabaseSchema] = []
            for (url, role) in [(first, "first database"), (second, "second database")] {
                schemas.append(try await Databases.closing(try await Databases.openSource(url, role: role)) { try await $0.introspect() })
            }
            let comparison = SchemaComparison(schemas[0], schemas[1])
            guard comparison.matches else {
                for line in comparison.differences { print(line) }
                throw CommandFailure(message: "the schemas differ in \(comparison.differences.count) line(s): - only in the first, + only in the second")
            }
            print("The schemas match (\(schemas[0].tables.count) tables, \(SchemaComparison.lines(schemas[0]).count) objects and columns compared).")
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record tables and columns as reviewed in the workspace (keeping its comments and order).",
            discussion: "With --generator, also sets that generator on the acknowledged columns. Dropped tables and columns leave the reviewed schema when acknowledged (or with --all).")

        @Argument(help: "The workspace file.")
        var workspace = "understudy.yml"

        @Argument(help: "TABLE.COLUMN or TABLE to acknowledge.")
        var targets: [String] = []

        @Flag(help: "Acknowledge every difference.")
        var all = false

        @Option(help: "The generator for the acknowledged columns (default: copied as they are).")
        var generator: String?

        func validate() throws {
            guard all || !targets.isEmpty else { throw ValidationError("name TABLE.COLUMN targets or pass --all") }
        }

        func run() async throws {
            let loaded = try await Loaded(workspace)
            await loaded.source.close()
            if let generator, GeneratorRegistry.standard.definition(named: generator) == nil {
                throw UsageError(message: "unknown generator \"\(generator)\"\(Suggestion.hint(for: generator, in: GeneratorRegistry.standard.names))")
            }
            let chosen: [SchemaDrift.Change]
            do {
                chosen = all ? loaded.drift.changes : try loaded.drift.changes(matching: targets)
            } catch {
                throw UsageError(message: error.description)
            }
            try WorkspaceEdits(path: workspace, schema: loaded.schema).acknowledge(chosen, generator: generator)
            print("Acknowledged \(chosen.count) difference(s) in \(workspace)" + (generator.map { " with generator \($0)" } ?? "") + ":")
            for change in chosen { print("  \(change.description)") }
        }
    }
}
