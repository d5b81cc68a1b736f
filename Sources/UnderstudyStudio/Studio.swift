import Foundation
import Hummingbird
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
        guard FileManager.default.fileExists(atPath: absolute) else {
            throw StudioError(status: .notFound, message: "no workspace at \(workspacePath); create one with `understudy init`")
        }
        self.workspacePath = absolute
        self.environment = environment
        let folder = URL(fileURLWithPath: absolute).deletingLastPathComponent().appendingPathComponent(".understudy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        runs = try RunRegistry(database: folder.appendingPathComponent("studio.db").path, workspacePath: absolute, environment: environment, jobs: max(1, jobs))
    }

    /// The application on `host:port` (loopback by default: the Studio shows production data).
    public func application(host: String = "127.0.0.1", port: Int = 8080) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "understudy"))
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(ErrorMiddleware())
        API(studio: self).register(on: router)
        Pages(studio: self).register(on: router)
        return router
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
