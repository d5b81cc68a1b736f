import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// The `understudy` command: thin subcommands over the libraries. Exit codes: 0 ok, 1 failure,
/// 2 usage, 3 blocked by unreviewed schema changes, 4 verification failed.
@main
struct Understudy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "understudy",
        abstract: "Safe, realistic copies of production databases: de-identified, consistent, whole.",
        discussion: "Start with `understudy demo`. Exit codes: 0 ok, 1 failure, 2 usage, 3 unreviewed schema changes, 4 verification failed.",
        version: UnderstudyVersion.current,
        subcommands: [DemoCommand.self, InitCommand.self, RunCommand.self, PreviewCommand.self, GeneratorsCommand.self, FPECommand.self, DecryptCommand.self, ScanCommand.self, RedactCommand.self, SchemaCommand.self, CheckCommand.self, ForeignKeyCommand.self, SubsetCommand.self, ServeCommand.self, EvaluateCommand.self])

    static func main() async {
        _ = interruptHandlers
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Foundation.exit(ExitStatus.report(error))
        }
    }
}

extension Understudy {
    /// SIGINT, SIGTERM and SIGHUP remove the staging files a run registered (``InterruptCleanup``), then
    /// end the process by the same signal, so that its parent sees how it ended.
    /// `nonisolated(unsafe)`: written once, here, before any task starts; only kept alive afterwards.
    /// What an interrupt prints: a run's destination is left as it was (`run` and `demo` say so);
    /// `serve` stopping is no error.
    nonisolated(unsafe) static var interruptMessage = "error: interrupted"
    static let runInterrupted = "error: interrupted; the destination was left as it was"
    nonisolated(unsafe) static var interruptReported = false

    /// SIGHUP too (the terminal or SSH session closed), unless the process was started to ignore
    /// it (`nohup`): that is kept.
    nonisolated(unsafe) static let interruptHandlers: [any DispatchSourceSignal] = [SIGINT, SIGTERM, SIGHUP].compactMap { number in
        let previous = signal(number, SIG_IGN)
        if number == SIGHUP, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { return nil }
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler {
            InterruptCleanup.removeAll()
            // (The signal raised again below reaches this handler once more before it ends the
            // process: the message was printed twice.)
            if !interruptReported {
                interruptReported = true
                Console.error(interruptMessage)
            }
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        source.resume()
        return source
    }
}

/// Exit statuses, and the one place where errors are printed.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let unreviewedSchema: Int32 = 3
    static let verificationFailed: Int32 = 4

    /// The exit status of an error of understudy's own and the message that explains it; nil for
    /// errors of the argument parser.
    static func explain(_ error: any Error) -> (status: Int32, message: String)? {
        if let usage = error as? UsageError { return (self.usage, usage.message) }
        if let failure = error as? CommandFailure { return (self.failure, failure.message) }
        if let error = error as? UnreviewedSchemaError { return (unreviewedSchema, "\(error)") }
        if let error = error as? PipelineError { return (error.code == .verificationFailed ? verificationFailed : failure, error.message) }
        if error is CancellationError { return (failure, "the run was cancelled; the destination was left as it was") }
        if error is WorkspaceError || error is AdapterError || error is SubsetError || error is ReportFile.Refusal || error is FileReplacement.Failure || error is AuditLog.Failure || error is GeneratorError || error is FPEError {
            return (failure, "\(error)")
        }
        return nil
    }

    /// Prints `error` to standard error and returns its exit status.
    static func report(_ error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        if let (status, message) = explain(error) {
            Console.error("error: \(message)")
            return status
        }
        // Errors of the argument parser: help, version, and command lines it cannot read.
        let code = Understudy.exitCode(for: error)
        let message = Understudy.fullMessage(for: error)
        if code == .success {
            print(message)
            return ok
        }
        Console.error(message)
        return code == .validationFailure ? usage : failure
    }
}

/// A command line that cannot work as written (exit status 2).
struct UsageError: Error {
    var message: String
}

/// A command that was understood but refused or failed for a reason it states (exit status 1).
struct CommandFailure: Error {
    var message: String
}

enum Console {
    /// Writes a line to standard output at once (unbuffered, so it stays in order with progress on standard error).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((printable(text) + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
    }

    /// Text with control characters shown as escapes (`\x1B`), so that a table name or a server
    /// message cannot move the cursor, recolour or rewrite a terminal; line breaks and tabs stay.
    static func printable(_ text: String) -> String { ControlCharacters.escaped(text, keepingLineBreaks: true) }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `12,345`
    static func count(_ n: Int64) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0, ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func seconds(_ s: Double) -> String {
        s < 10 ? String(format: "%.2f s", s) : String(format: "%.1f s", s)
    }
}
