import ArgumentParser
import Foundation
import UnderstudyCore
import Hummingbird
import UnderstudyStudio

/// `understudy serve`: the Studio (web UI and JSON API) for one workspace.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve Understudy Studio, the web UI and JSON API, for a workspace.",
        discussion: "Binds to loopback by default: the Studio shows source rows in its previews. Runs started from it use the secret in this process's environment, as `understudy run` does. Where the workspace file is not yet, the Studio's first page makes it (as `understudy init` does) from a source and a destination URL.")

    @Argument(help: "The workspace file (made on the Studio's first page where it is not yet).")
    var workspace = "understudy.yml"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "Batches transformed at once by the runs started from the Studio (fewer leaves more of the machine to the pages).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard jobs <= Pipeline.Options.maximumJobs else { throw ValidationError("--jobs must be at most \(Pipeline.Options.maximumJobs)") }
    }

    func run() async throws {
        let studio = try Studio(workspacePath: workspace, jobs: jobs)
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            Console.error("warning: listening on \(host), not loopback: anyone who reaches this address sees source rows in previews and can start runs")
        }
        let (workspace, host) = (workspace, host)
        Understudy.interruptMessage = "Studio stopped (a run it had started and not finished is abandoned, its destination left as it was)"
        do {
            // (Said once it listens: a port in use failed after the line said it was serving.)
            let fresh = !studio.hasWorkspace
            try await studio.application(host: host, port: port) { listening in
                let address = "http://\(host.contains(":") ? "[\(host)]" : host):\(listening)"
                Console.error(fresh
                    ? "Understudy Studio on \(address) (Ctrl-C to stop): no workspace at \(workspace) yet; its first page makes one from a source and a destination URL"
                    : "Understudy Studio for \(workspace) on \(address) (Ctrl-C to stop)")
            }.runService()
        } catch {
            if let reason = Studio.listenFailure(error, host: host, port: port) { throw CommandFailure(message: reason) }
            throw error
        }
    }
}
