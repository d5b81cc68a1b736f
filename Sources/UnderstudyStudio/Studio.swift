import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import UnderstudyCore
import UnderstudyKit

/// Understudy Studio: the JSON API under `/api` (described by `/api/openapi.json`) and the pages
/// that use it, for one workspace. The workspace file stays the single source of truth: every read
/// loads it again (a change made in the file shows on reload), every change goes through
/// ``WorkspaceEdits`` (checked as `run` checks it, comments kept), and a run started here is a
/// ``Job`` as `understudy run` starts it. Run history lives in `.understudy/studio.db` next to
/// the workspace.
///
/// Routes are grouped by what they touch (read the workspace, change it, run it), so that each
/// group can be guarded by a permission when authentication comes.
public struct Studio: Sendable {
    public let workspacePath: String
    let environment: [String: String]
    let runs: RunRegistry
    let cache = ReadCache()

    /// `jobs`: batches transformed at once by the runs it starts (as `understudy run --jobs`).
    public init(workspacePath: String, environment: [String: String] = ProcessInfo.processInfo.environment, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let absolute = URL(fileURLWithPath: workspacePath).standardizedFileURL.path
        // Where no workspace is yet, the Studio's first page makes one (``API/createWorkspace(_:)``); its folder must be there.
        var isFolder: ObjCBool = false
        let folderPath = URL(fileURLWithPath: absolute).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isFolder), isFolder.boolValue else {
            throw StudioError(status: .notFound, message: "no folder \(folderPath) for the workspace \(workspacePath); create it, or name a workspace in a folder that exists")
        }
        self.workspacePath = absolute
        self.environment = environment
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent().appendingPathComponent(".understudy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        runs = try RunRegistry(database: folder.appendingPathComponent("studio.db").path, workspacePath: absolute, environment: environment, jobs: max(1, jobs))
    }

    /// Whether the workspace file is there: until it is, the first page offers to make one.
    public var hasWorkspace: Bool { FileManager.default.fileExists(atPath: workspacePath) }

    /// What a page or a route that needs the workspace answers before there is one.
    var noWorkspace: StudioError {
        StudioError(status: .notFound, message: "no workspace at \(workspacePath) yet; make one on the Studio's first page (/) or with `understudy init --source URL --destination URL --out \(ShellWord.quoted(workspacePath))`")
    }

    /// Throws ``noWorkspace`` until the workspace file is there.
    func needWorkspace() throws { guard hasWorkspace else { throw noWorkspace } }

    /// The application on `host:port` (loopback by default: the Studio shows production data).
    /// `listening` is called once the server listens, with the port it listens on.
    public func application(host: String = "127.0.0.1", port: Int = 8080, listening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let loopback = SameSiteGuard.loopbackNames.contains(host.lowercased()) || host == "::1"
        return Application(
            router: router(hosts: loopback ? SameSiteGuard.loopbackNames : nil), configuration: .init(address: .hostname(host, port: port), serverName: "understudy"),
            onServerRunning: { channel in await listening(channel.localAddress?.port ?? port) })
    }

    /// Why the server could not listen on `host`:`port`, and what to do; nil for other failures.
    /// (The server's own words were `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.)
    public static func listenFailure(_ error: any Error, host: String, port: Int) -> String? {
        guard let io = error as? IOError else { return nil }
        switch io.errnoCode {
        case EADDRINUSE: return "cannot listen on \(host) port \(port): the port is in use by another program (another `understudy serve`?); stop it, or choose another port with --port"
        case EADDRNOTAVAIL: return "cannot listen on \(host): it is not an address of this machine; use --host 127.0.0.1 (the default: loopback), or one of this machine's addresses"
        case EACCES: return "cannot listen on port \(port): ports below 1024 need administrator rights; choose one from 1024 up with --port"
        default: return nil
        }
    }

    /// `hosts`: the names the Studio answers to (``SameSiteGuard``); nil for any, when it listens
    /// beyond loopback.
    public func router(hosts: Set<String>? = SameSiteGuard.loopbackNames) -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(ErrorMiddleware())
        router.middlewares.add(SameSiteGuard(hosts: hosts))
        API(studio: self).register(on: router)
        Pages(studio: self).register(on: router)
        return router
    }
}

/// Keeps other sites from using the Studio through the user's browser. The Studio shows source
/// rows and starts runs, and listens where any page the browser opens can send requests:
/// - a request under a host name the Studio does not answer to is refused — a page of
///   `evil.example` whose name the attacker points at 127.0.0.1 (DNS rebinding) would otherwise read
///   previews as if it were the Studio's own;
/// - a request that changes something (any method but GET and HEAD) sent from a page of another
///   origin (its `Origin` header names another scheme, host or port, or `null`) is refused — a
///   plain form post of another site would otherwise start a run.
/// Clients that are no browser (curl, scripts) send neither header's mismatch and are served.
public struct SameSiteGuard: RouterMiddleware {
    public typealias Context = BasicRequestContext
    public static let loopbackNames: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
    /// Host names answered to, in lower case without port; nil: any.
    let hosts: Set<String>?
    static let hostField = HTTPField.Name("Host")!, originField = HTTPField.Name("Origin")!

    /// `host[:port]` → (host, port), the host of an IPv6 address in brackets.
    static func split(_ authority: String) -> (host: String, port: Int?) {
        let text = authority.lowercased()
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[...close])
            let rest = text[text.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        if let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon {
            return (String(text[..<colon]), Int(text[text.index(after: colon)...]))
        }
        return (text, nil)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let authority = (request.headers[Self.hostField] ?? request.head.authority).map(Self.split)
        if let authority, let hosts, !hosts.contains(authority.host) {
            throw StudioError(status: .forbidden, message: "this Studio answers only to \(hosts.sorted().joined(separator: ", ")), not to \(authority.host) (a page of another site pointing its name at this machine is refused); open it by one of those names")
        }
        if request.method != .get, request.method != .head, let origin = request.headers[Self.originField] {
            let url = URL(string: origin)
            let scheme = url?.scheme?.lowercased()
            let originHost = url?.host.map { $0.contains(":") && !$0.hasPrefix("[") ? "[\($0)]" : $0.lowercased() }
            let originPort = url?.port ?? (scheme == "https" ? 443 : 80)
            let same: Bool
            if let authority {
                same = scheme == "http" && originHost == authority.host && originPort == (authority.port ?? 80)
            } else {
                same = scheme == "http" && originHost.map { hosts?.contains($0) ?? true } == true
            }
            guard same else {
                throw StudioError(status: .forbidden, message: "a change sent from a page of another origin (\(origin)) is refused; make it from the Studio's own pages, or from a client that is no browser")
            }
        }
        return try await next(request, context)
    }
}

/// An error the API answers with its status and `{"error": {"code", "message"}}`.
struct StudioError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var description: String { message }

    init(status: HTTPResponse.Status, code: String? = nil, message: String) {
        self.status = status
        self.code = code ?? Self.code(for: status)
        self.message = message
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad_request"
        case 404: "not_found"
        case 403: "forbidden"
        case 409: "conflict"
        case 422: "invalid"
        default: "error"
        }
    }
}

/// The body of every error answer: a stable code for programs, a message for people (located in
/// the workspace file where the error is one; never a source value).
struct ErrorBody: Codable {
    struct Detail: Codable {
        var code: String
        var message: String
    }
    var error: Detail
}

/// Every error becomes a JSON answer with a status (never a stack trace): the Studio's own
/// errors with theirs, a workspace or generator problem 422 with its located message, a run
/// refused for unreviewed columns 409, a source that cannot be read 502, the rest 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        func answer(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
            guard request.uri.path.hasPrefix("/api") else {
                // A page: the message on a page of its own.
                let escaped = HTML.escape(message)
                let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(status.code) · Understudy Studio</title><link rel=\"stylesheet\" href=\"/assets/studio.css\"></head><body><main><h1>\(status.code) \(status.reasonPhrase)</h1><p class=\"alert danger\" role=\"alert\">\(escaped)</p><p><a href=\"/\">Back to the overview</a></p></main></body></html>"
                return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
            }
            return JSON.response(ErrorBody(error: .init(code: code, message: message)), status: status)
        }
        do {
            return try await next(request, context)
        } catch let error as StudioError {
            return answer(error.status, error.code, error.message)
        } catch let error as HTTPError {
            return answer(error.status, StudioError.code(for: error.status), error.body ?? "\(error.status)")
        } catch let error as WorkspaceError {
            return answer(error.code == .missingSecret ? .conflict : .unprocessableContent, "workspace.\(error.code.rawValue)", error.description)
        } catch let error as GeneratorError {
            return answer(.unprocessableContent, "generator", error.description)
        } catch let error as UnreviewedSchemaError {
            return answer(.conflict, "unreviewed_schema", error.description)
        } catch let error as FileReplacement.Failure {
            return answer(.internalServerError, "write_failed", error.description)
        } catch let error as AdapterError {
            return answer(.badGateway, "source.\(error.code.rawValue)", error.description)
        } catch {
            return answer(.internalServerError, "internal", "\(type(of: error))")
        }
    }
}

/// JSON answers with snake_case keys and sorted output (stable for tests and diffs).
enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{\"error\":{\"code\":\"internal\",\"message\":\"cannot encode the answer\"}}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let body = try await request.body.collect(upTo: 1 << 20)
        do {
            return try decoder.decode(type, from: Data(buffer: body))
        } catch {
            throw StudioError(status: .badRequest, code: "bad_body", message: "the request body is not the JSON this route takes: \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            (context.codingPath.map(\.stringValue).joined(separator: ".").isEmpty ? "" : context.codingPath.map(\.stringValue).joined(separator: ".") + ": ") + context.debugDescription
        default: "\(error)"
        }
    }
}
