import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy run [FILE]`: copies the source into the destination as the workspace says.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Copy the source into the destination, de-identified as the workspace says.",
        discussion: "The destination is replaced only when the whole copy succeeded and passed verification (row counts, foreign keys); otherwise it is left as it was.")

    @Argument(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Option(help: "Batches transformed in parallel.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Rows per batch.")
    var batchSize = 2_000

    @Option(help: "Where to write the JSON report (default: next to the workspace, <name>.report.json).")
    var report: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Print the report as JSON on standard output instead of progress and a summary.")
    var json = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard jobs <= Pipeline.Options.maximumJobs else { throw ValidationError("--jobs must be at most \(Pipeline.Options.maximumJobs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard batchSize <= Pipeline.Options.maximumBatchSize else {
            throw ValidationError("--batch-size must be at most \(Pipeline.Options.maximumBatchSize.formatted()) rows (batches of a few thousand rows are fastest)")
        }
    }

    func run() async throws {
        Understudy.interruptMessage = Understudy.runInterrupted
        do {
            try await Job.with(workspace) { job in try await run(job) }
        } catch {
            // With --json, every outcome is a document on standard output (the error is still
            // printed on standard error, for people).
            if json, let (status, message) = ExitStatus.explain(error) {
                print(String(decoding: try Self.failureDocument(error, status: status, message: message, workspace: workspace), as: UTF8.self))
            }
            throw error
        }
    }

    /// `{"outcome", "exitStatus", "error", "workspace"}`, and the run's report where it got that far
    /// (a copy that failed verification). Messages name places, never values.
    static func failureDocument(_ error: any Error, status: Int32, message: String, workspace: String) throws -> Data {
        var document: [String: Any] = [:]
        if let report = (error as? PipelineError)?.report, let object = try JSONSerialization.jsonObject(with: try encode(report)) as? [String: Any] {
            document = object
        }
        document["outcome"] = switch status {
        case ExitStatus.unreviewedSchema: "unreviewed schema changes"
        case ExitStatus.verificationFailed: RunReport.Outcome.verificationFailed.rawValue
        default: "failed"
        }
        document["exitStatus"] = Int(status)
        document["error"] = message
        document["workspace"] = document["workspace"] ?? workspace
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    func run(_ job: Job) async throws {
        let progress: any ProgressObserver = quiet || json
            ? SilentProgress()
            : TerminalProgress(live: Console.standardErrorIsTerminal, tableNames: job.plan.tables.map(\.table.name))
        if !quiet, !json { Console.error("Copying \(job.source.displayName) → \(DatabaseURL.withoutSecrets(job.destinationURL) ?? job.destinationURL)") }
        let reportPath = report ?? Self.defaultReportPath(for: workspace)
        let reportFile: ReportFile
        do {
            reportFile = try ReportFile(path: reportPath, protected: job.protectedFiles(workspacePath: workspace))
        } catch {
            throw UsageError(message: "--report \(error)")
        }
        // The previous run's report, before this run replaces it: was the secret the same? Which
        // tables did it write (an earlier copy the guard against other data lets this run replace)?
        let previous = Self.previousReport(at: reportPath)
        do {
            var result = try await job.run(options: .init(jobs: jobs, batchSize: batchSize), progress: progress, previous: previous)
            if let changed = Job.secretChange(previous: previous, reportPath: reportPath, current: result) { result.findings.append(changed) }
            try Self.write(result, to: reportFile)
            if json {
                print(String(decoding: try Self.encode(result), as: UTF8.self))
            } else if !quiet {
                Self.printSummary(result, reportPath: reportPath)
            }
        } catch let error as PipelineError {
            if let failed = error.report { try? Self.write(failed, to: reportFile) } else { reportFile.discard() }
            throw error
        } catch {
            reportFile.discard()
            throw error
        }
    }

    /// The report at `path`, where it is a regular file (`--report /dev/stdout` is no report to read).
    static func previousReport(at path: String) -> Data? {
        let regular = (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
        return regular ? FileManager.default.contents(atPath: path) : nil
    }

    static func defaultReportPath(for workspace: String) -> String {
        let url = URL(fileURLWithPath: workspace)
        return url.deletingPathExtension().path + ".report.json"
    }

    static func encode(_ report: RunReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(report)
    }

    static func write(_ report: RunReport, to file: ReportFile) throws {
        try file.write(try encode(report))
    }

    static func printSummary(_ report: RunReport, reportPath: String) {
        let transformed = report.tables.reduce(0) { $0 + $1.columns.count }
        let inherited = report.tables.reduce(0) { $0 + $1.columns.filter { $0.inheritedFrom != nil }.count }
        // (Orphans the source holds itself are kept, and said so: UND-W025.)
        let orphans = report.verification?.foreignKeyViolations.reduce(Int64(0)) { $0 + $1.rows } ?? 0
        let keys = orphans == 0 ? "no foreign-key violation" : "\(Console.count(orphans)) row\(orphans == 1 ? "" : "s") referencing missing rows, as in the source"
        let leftOut = (report.excludedTables ?? []) + (report.excludedObjects ?? [])
        Console.error("""
            Done: \(report.tables.count) tables, \(Console.count(report.totalRows)) rows in \(Console.seconds(report.seconds)); \
            \(transformed) columns transformed (\(inherited) through foreign keys)\
            \(leftOut.isEmpty ? "" : "; left out: " + leftOut.joined(separator: ", ")).
            Verified: row counts match, \(keys). Key fingerprint \(report.keyFingerprint).
            Destination: \(report.destination)
            Report: \(reportPath)
            """)
        if let schema = report.schema {
            Console.error(schema.matches
                ? "Schema: the same as the source's\(leftOut.isEmpty ? "" : " but for what is left out") (understudy schema compare)."
                : "warning: the copy's schema differs from the source's in \(schema.differences.count) place(s); the report lists them (schema.differences)")
        }
        for finding in report.findings {
            Console.error("warning [\(finding.id)]: \(finding.place.map { $0 + ": " } ?? "")\(finding.message)")
        }
    }
}
