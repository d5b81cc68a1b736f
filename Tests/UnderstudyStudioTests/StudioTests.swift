import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite
@testable import UnderstudyStudio

/// The Studio's API on a small shop in SQLite, through Hummingbird's router (no socket).
@Suite("Studio API", .serialized)
struct StudioTests {
    static let secret = "studio-tests-secret-0123456789abcdef"

    /// A folder with a source database and a workspace whose comments must survive every edit;
    /// removed when the test is done with it (a run of the suite left 400 folders behind).
    final class Fixture: Sendable {
        let folder: URL

        deinit { try? FileManager.default.removeItem(at: folder) }
        var workspace: String { folder.appendingPathComponent("understudy.yml").path }
        var source: String { folder.appendingPathComponent("shop.db").path }
        var destination: String { folder.appendingPathComponent("shop-dev.db").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("studio-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let names = ["Ana Lima", "Bo Chen", "Carla Diaz", "Dev Patel", "Eva Novak"]
            var inserts = ""
            for (i, name) in names.enumerated() {
                let parts = name.split(separator: " ")
                inserts += "INSERT INTO customers VALUES (\(i + 1), '\(parts[0].lowercased()).\(parts[1].lowercased())@mail.com', '\(parts[0])', '\(parts[1])', 'Called about order \(i)');"
                inserts += "INSERT INTO orders VALUES (\(i + 1), \(i + 1), \(10 * (i + 1)).5);"
            }
            let store = try SQLiteStore(path: folder.appendingPathComponent("shop.db").path, migrations: [
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, first_name TEXT, last_name TEXT, note TEXT)",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total REAL)",
                inserts,
            ], wal: false)
            store.close()
            try """
                # The shop's workspace: reviewed by Ana in November.
                version: 1
                source: "sqlite://shop.db"
                destination: "sqlite://shop-dev.db"
                secret: env:UNDERSTUDY_SECRET
                tables:
                  customers:
                    columns:
                      id: fpe.integer
                      email: email            # keep: the support team searches by domain
                      first_name: person.first-name
                """.write(toFile: workspace, atomically: true, encoding: .utf8)
        }

        /// The fixture with its schema reviewed, as `understudy schema ack --all` records it.
        static func reviewed() async throws -> Fixture {
            let fixture = try Fixture()
            let source = try await Databases.openSource("sqlite://" + fixture.source, role: "source")
            let schema = try await source.introspect()
            await source.close()
            let text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
            try (text + "\n" + WorkspaceWriter.schemaSection(ReviewedSchema(schema))).write(toFile: fixture.workspace, atomically: true, encoding: .utf8)
            return fixture
        }

        /// Runs `statements` on the source, as the application changes it after the review.
        func alterSource(_ statements: String...) throws {
            let store = try SQLiteStore(path: source, migrations: [], wal: false)
            defer { store.close() }
            for statement in statements { try store.execute(statement) }
        }

        func studio() throws -> Studio { try Studio(workspacePath: workspace, environment: ["UNDERSTUDY_SECRET": StudioTests.secret]) }
    }

    static func json(_ buffer: ByteBuffer) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: buffer)) }

    @Test("health, the OpenAPI document, and every table with its columns, generators and the scanner's findings")
    func reading() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                let document = try #require(try Self.json(response.body) as? [String: Any])
                #expect(document["openapi"] as? String == "3.1.0")
                #expect((document["paths"] as? [String: Any])?.keys.contains("/api/tables/{table}/columns/{column}") == true)
                // The modes the document offers are the modes the API accepts.
                let put = ((document["paths"] as? [String: Any])?["/api/tables/{table}"] as? [String: Any])?["put"] as? [String: Any]
                let body = ((put?["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
                let mode = ((body?["schema"] as? [String: Any])?["properties"] as? [String: Any])?["mode"] as? [String: Any]
                #expect(mode?["enum"] as? [String] == TableMode.available.map(\.rawValue))
            }
            try await client.execute(uri: "/api/tables", method: .get) { response in
                #expect(response.status == .ok)
                let tables = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(tables.map { $0["name"] as? String } == ["customers", "orders"])
                let customers = try #require(tables.first)
                #expect(customers["rows"] as? Int == 5 && customers["mode"] as? String == "deidentify")
                let columns = try #require(customers["columns"] as? [[String: Any]])
                let email = try #require(columns.first { $0["name"] as? String == "email" })
                #expect(email["generator"] as? String == "email")
                #expect((email["finding"] as? [String: Any])?["kind"] as? String == "email")
                let last = try #require(columns.first { $0["name"] as? String == "last_name" })
                #expect(last["generator"] is NSNull || last["generator"] == nil)
                let orders = try #require(tables.last?["columns"] as? [[String: Any]])
                #expect(orders.first { $0["name"] as? String == "customer_id" }?["inherited_from"] as? String == "customers.id")
                // The generators offered for a column are those a run accepts for its type.
                let total = try #require(orders.first { $0["name"] as? String == "total" }?["generators"] as? [String])
                #expect(total.contains("number.noise") && total.contains("passthrough") && !total.contains("email"), "\(total)")
                #expect((email["generators"] as? [String])?.contains("email") == true)
            }
            try await client.execute(uri: "/api/overview", method: .get) { response in
                let overview = try #require(try Self.json(response.body) as? [String: Any])
                #expect((overview["unprotected_personal_columns"] as? [String])?.contains("customers.last_name") == true)
            }
        }
    }

    @Test("a column change is checked as run checks it, written with the file's comments kept, and a change made in the file shows on the next read")
    func editing() async throws {
        let fixture = try await Fixture.reviewed()
        let before = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            // Refused with run's own located message; the file untouched.
            for (body, status, words) in [
                (#"{"generator":"emial"}"#, HTTPResponse.Status.unprocessableContent, "did you mean \"email\""),
                (#"{"generator":"person.first-name"}"#, .unprocessableContent, "does not accept integer"),
                (#"{"generator":"phone","params":{"bogus":1}}"#, .unprocessableContent, "no parameter \"bogus\""),
                ("not json", .badRequest, "not the JSON"),
            ] {
                let column = words == "does not accept integer" ? "id" : "last_name"
                try await client.execute(uri: "/api/tables/customers/columns/\(column)", method: .put, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(body)")
                    let error = (try Self.json(response.body) as? [String: Any])?["error"] as? [String: Any]
                    let message = error?["message"] as? String ?? ""
                    #expect(error?["code"] is String)
                    #expect(message.contains(words), "\(message)")
                    if status == .unprocessableContent { #expect(message.contains("tables.customers.columns.\(column)"), "located: \(message)") }
                }
            }
            try await client.execute(uri: "/api/tables/nope/columns/x", method: .put, body: ByteBuffer(string: #"{"generator":"email"}"#)) { response in
                #expect(response.status == .notFound)
            }
            #expect(try String(contentsOfFile: fixture.workspace, encoding: .utf8) == before)
            // Accepted: written, comments kept, and the file loads and plans as run would.
            try await client.execute(uri: "/api/tables/customers/columns/last_name", method: .put, body: ByteBuffer(string: #"{"generator":"person.last-name"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/tables/orders", method: .put, body: ByteBuffer(string: #"{"mode":"truncate"}"#)) { response in
                #expect(response.status == .ok)
            }
            let after = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
            #expect(after.contains("# keep: the support team searches by domain") && after.contains("# The shop's workspace"))
            #expect(after.contains("last_name: { generator: person.last-name }"))
            let workspace = try WorkspaceLoader.load(path: fixture.workspace)
            #expect(workspace.settings(forTable: "orders")?.mode == .truncate)
            // A change made in the file shows on the next read.
            try after.replacingOccurrences(of: "first_name: person.first-name", with: "first_name: { generator: constant, value: X }").write(toFile: fixture.workspace, atomically: true, encoding: .utf8)
            try await client.execute(uri: "/api/tables", method: .get) { response in
                let tables = try #require(try Self.json(response.body) as? [[String: Any]])
                let first = (tables.first?["columns"] as? [[String: Any]])?.first { $0["name"] as? String == "first_name" }
                #expect(first?["generator"] as? String == "constant")
            }
        }
    }

    @Test("the preview is the run's transformation of the first rows")
    func preview() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/tables/customers/preview?limit=3", method: .get) { response in
                #expect(response.status == .ok)
                let preview = try #require(try Self.json(response.body) as? [String: Any])
                let rows = try #require(preview["rows"] as? [[String: [String: Any]]])
                #expect(rows.count == 3)
                #expect(rows[0]["before"]?["email"] as? String == "ana.lima@mail.com")
                #expect(rows[0]["after"]?["email"] as? String != "ana.lima@mail.com")
                #expect(rows[0]["after"]?["last_name"] as? String == "Lima", "not in the workspace: passed through")
                #expect(preview["transformed"] as? [String] == ["id", "email", "first_name"])
            }
            try await client.execute(uri: "/api/tables/customers/preview?limit=0", method: .get) { response in #expect(response.status == .badRequest) }
            try await client.execute(uri: "/api/tables/nope/preview", method: .get) { response in #expect(response.status == .notFound) }
            // Customers cannot be left out while orders reference them: refused with the way out, the file unchanged.
            try await client.execute(uri: "/api/tables/customers", method: .put, body: ByteBuffer(string: #"{"mode":"exclude"}"#)) { response in
                #expect(response.status == .unprocessableContent && String(buffer: response.body).contains("left out"))
            }
            // A table left out has nothing to preview, and says why (it answered 404, "no table").
            try await client.execute(uri: "/api/tables/orders", method: .put, body: ByteBuffer(string: #"{"mode":"exclude"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/tables/orders/preview", method: .get) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("left out of the copy"))
            }
        }
    }

    @Test("a kept preview is never stale: a synthesized table's preview follows a generator changed through the API and one changed in the file")
    func previewKeptUntilAChange() async throws {
        let fixture = try await Fixture.reviewed()
        let text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        try text.replacingOccurrences(of: "  customers:\n    columns:", with: "  orders: { mode: synthesize }\n  customers:\n    mode: synthesize\n    columns:")
            .write(toFile: fixture.workspace, atomically: true, encoding: .utf8)
        let studio = try fixture.studio()
        let app = Application(router: studio.router())
        try await app.test(.router) { client in
            func lastNames() async throws -> [String] {
                try await client.execute(uri: "/api/tables/customers/preview?limit=3", method: .get) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let rows = try #require((try Self.json(response.body) as? [String: Any])?["rows"] as? [[String: [String: Any]]])
                    return rows.compactMap { $0["after"]?["last_name"] as? String }
                }
            }
            let first = try await lastNames()
            #expect(first.count == 3 && !first.contains("Kept"))
            let computed = await studio.cache.computed
            #expect(try await lastNames() == first)
            #expect(await studio.cache.computed == computed, "the second preview is the kept one, not fitted again")
            try await client.execute(uri: "/api/tables/customers/columns/last_name", method: .put, body: ByteBuffer(string: #"{"generator":"constant","params":{"value":"Kept"}}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            #expect(try await lastNames() == ["Kept", "Kept", "Kept"], "the change through the API shows")
            let edited = try String(contentsOfFile: fixture.workspace, encoding: .utf8).replacingOccurrences(of: "Kept", with: "File")
            try await Task.sleep(nanoseconds: 1_100_000_000)  // a modification time of its own
            try edited.write(toFile: fixture.workspace, atomically: true, encoding: .utf8)
            #expect(try await lastNames() == ["File", "File", "File"], "the change in the file shows")
        }
    }

    @Test("schema changes are listed with the scanner's verdict and acknowledged into the file")
    func schemaReview() async throws {
        let fixture = try await Fixture.reviewed()
        try fixture.alterSource("ALTER TABLE customers ADD COLUMN phone TEXT", "UPDATE customers SET phone = '+1 415 555 01' || id")
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/schema/changes", method: .get) { response in
                let changes = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(changes.map { $0["target"] as? String } == ["customers.phone"])
                #expect(changes.first?["needs_review"] as? Bool == true)
            }
            // A run is refused while it is unreviewed.
            try await client.execute(uri: "/api/tables/customers/preview", method: .get) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("customers.phone"))
            }
            try await client.execute(uri: "/api/schema/ack", method: .post, body: ByteBuffer(string: #"{"columns":["customers.phone"],"generator":"phone"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/schema/changes", method: .get) { response in
                #expect(String(buffer: response.body) == "[]")
            }
        }
        let text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        #expect(text.contains("phone: { generator: phone }") && text.contains("# keep: the support team searches by domain"))
    }

    @Test("the schema page offers for new columns only the generators their types take")
    func schemaPageGenerators() async throws {
        let fixture = try await Fixture.reviewed()
        try fixture.alterSource("ALTER TABLE orders ADD COLUMN placed_at TIMESTAMP")
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/schema", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<option>date.shift</option>") && page.contains("<option>null</option>"))
                #expect(!page.contains("<option>email</option>") && !page.contains("<option>ip-address</option>"), "a timestamp takes no email")
            }
        }
    }

    @Test("a run started from the API: 202, one at a time (409), progress until it succeeds, the same bytes as a run from the command line's Job, history kept across restarts")
    func runs() async throws {
        let fixture = try await Fixture.reviewed()
        let studio = try fixture.studio()
        let app = Application(router: studio.router())
        let id = try await app.test(.router) { client in
            let id = try await client.execute(uri: "/api/runs", method: .post) { response in
                #expect(response.status == .accepted)
                return try #require((try Self.json(response.body) as? [String: Any])?["id"] as? String)
            }
            try await client.execute(uri: "/api/runs", method: .post) { response in
                #expect(response.status == .conflict, "a second run while the first runs")
            }
            var status = "queued"
            for _ in 0..<200 where status == "queued" || status == "running" {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.execute(uri: "/api/runs/\(id)", method: .get) { response in
                    (try Self.json(response.body) as? [String: Any])?["status"] as? String ?? ""
                }
            }
            #expect(status == "succeeded")
            try await client.execute(uri: "/api/runs/\(id)", method: .get) { response in
                let run = try #require(try Self.json(response.body) as? [String: Any])
                #expect((run["report"] as? [String: Any])?["outcome"] as? String == "succeeded")
                #expect((run["tables"] as? [[String: Any]])?.count == 2)
                let log = try #require(run["log"] as? [String])
                #expect(log.contains { $0.contains("customers: 5 rows in") }, "\(log)")
                #expect(log.last?.contains("succeeded: 2 tables, 10 rows") == true, "\(log)")
            }
            try await client.execute(uri: "/api/runs/nope", method: .get) { response in #expect(response.status == .notFound) }
            // The event stream of a finished run: its record once, then the stream ends.
            try await client.execute(uri: "/api/runs/\(id)/events", method: .get) { response in
                #expect(response.headers[.contentType] == "text/event-stream")
                let text = String(buffer: response.body)
                #expect(text.hasPrefix("event: run\ndata: {") && text.hasSuffix("\n\n") && text.contains(#""status":"succeeded""#))
            }
            try await client.execute(uri: "/api/runs/nope/events", method: .get) { response in #expect(response.status == .notFound) }
            return id
        }
        let fromStudio = try Data(contentsOf: URL(fileURLWithPath: fixture.destination))
        let job = try await Job(workspace: try WorkspaceLoader.load(path: fixture.workspace), path: fixture.workspace, environment: ["UNDERSTUDY_SECRET": Self.secret])
        _ = try await job.run(options: .init(jobs: ProcessInfo.processInfo.activeProcessorCount))
        await job.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.destination)) == fromStudio, "the same bytes as a run from the command line")
        // A new server on the same workspace remembers the run.
        let again = Application(router: try fixture.studio().router())
        try await again.test(.router) { client in
            try await client.execute(uri: "/api/runs", method: .get) { response in
                let runs = try #require(try Self.json(response.body) as? [[String: Any]])
                #expect(runs.map { $0["id"] as? String } == [id])
            }
        }
    }

    @Test("a run from the Studio under another secret than the last successful one's says so (UND-W016), as a run from the command line does; under the same secret it does not")
    func secretChanged() async throws {
        let fixture = try await Fixture.reviewed()
        func run(secret: String) async throws -> [String] {
            let studio = try Studio(workspacePath: fixture.workspace, environment: ["UNDERSTUDY_SECRET": secret])
            return try await Application(router: studio.router()).test(.router) { client in
                let id = try await client.execute(uri: "/api/runs", method: .post) { response in
                    try #require((try Self.json(response.body) as? [String: Any])?["id"] as? String)
                }
                var run: [String: Any] = [:]
                for _ in 0..<200 where !["succeeded", "failed"].contains(run["status"] as? String ?? "") {
                    try await Task.sleep(for: .milliseconds(50))
                    run = try await client.execute(uri: "/api/runs/\(id)", method: .get) { response in try #require(try Self.json(response.body) as? [String: Any]) }
                }
                #expect(run["status"] as? String == "succeeded", "\(run)")
                return ((run["report"] as? [String: Any])?["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
        }
        #expect(!(try await run(secret: Self.secret)).contains("UND-W016"))
        #expect(!(try await run(secret: Self.secret)).contains("UND-W016"))
        #expect(try await run(secret: "another-secret-0123456789abcdef").contains("UND-W016"))
    }

    @Test("the subset is explained: rows per table against the whole, and an estimate; a workspace without one gets 404")
    func subset() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/subset/explain", method: .get) { response in #expect(response.status == .notFound) }
        }
        let text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        try (text + "subset:\n  targets:\n    - table: customers\n      where: \"id <= 2\"\n").write(toFile: fixture.workspace, atomically: true, encoding: .utf8)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/subset/explain", method: .get) { response in
                #expect(response.status == .ok)
                let explanation = try #require(try Self.json(response.body) as? [String: Any])
                let tables = try #require(explanation["tables"] as? [[String: Any]])
                #expect(tables.map { "\($0["name"]!)=\($0["rows"]!)/\($0["of"]!)" } == ["customers=2/5", "orders=2/5"])
                #expect(explanation["total_rows"] as? Int == 4)
            }
            try await client.execute(uri: "/subset", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<b>customers</b> where <code>id &lt;= 2</code>"))
            }
        }
    }

    @Test("the subset is edited through the API: checked against the source before the file is written (comments kept), explained after; removed with DELETE")
    func subsetEdits() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        let before = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        try await app.test(.router) { client in
            // Refused, the file untouched: an unknown table, a predicate that does not run, a percent
            // out of range, no target at all.
            let refusals: [(String, HTTPResponse.Status, String)] = [
                (#"{"targets":[{"table":"custmers"}]}"#, .notFound, "customers"),
                (#"{"targets":[{"table":"customers","where":"no_such_column = 1"}]}"#, .unprocessableContent, "customers"),
                // A statement after the condition: SQLite prepared the first alone and took it (the file written, `run` then refused it).
                (#"{"targets":[{"table":"customers","where":"1=1; DELETE FROM orders"}]}"#, .unprocessableContent, "one SQL condition"),
                (#"{"targets":[{"table":"customers","percent":0}]}"#, .unprocessableContent, "percent"),
                (#"{"targets":[]}"#, .unprocessableContent, "target"),
                (#"{"targets":[{"table":"customers"}],"lookup_tables":["nope"]}"#, .notFound, "nope"),
            ]
            for (body, status, words) in refusals {
                try await client.execute(uri: "/api/subset", method: .put, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == status, "\(body)")
                    let message = ((try Self.json(response.body) as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
                    #expect(message.contains(words), "\(message)")
                }
            }
            #expect(try String(contentsOfFile: fixture.workspace, encoding: .utf8) == before)
            // Accepted: written, explained.
            let body = #"{"targets":[{"table":"customers","where":"id <= 2 OR email LIKE 'eva%'","limit":10}],"downstream":true}"#
            try await client.execute(uri: "/api/subset", method: .put, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let explanation = try #require(try Self.json(response.body) as? [String: Any])
                let tables = try #require(explanation["tables"] as? [[String: Any]])
                #expect(tables.map { "\($0["name"]!)=\($0["rows"]!)" } == ["customers=3", "orders=3"])
            }
            let after = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
            #expect(after.contains("# The shop's workspace"), "comments kept")
            let subset = try #require(try WorkspaceLoader.load(path: fixture.workspace).subset)
            #expect(subset.targets == [.init(table: "customers", predicate: "id <= 2 OR email LIKE 'eva%'", limit: 10)])
            #expect(subset.downstream)
            // Changed again: the targets are replaced, not added to.
            try await client.execute(uri: "/api/subset", method: .put, body: ByteBuffer(string: #"{"targets":[{"table":"orders","percent":50}],"downstream":false}"#)) { response in
                #expect(response.status == .ok)
            }
            let changed = try #require(try WorkspaceLoader.load(path: fixture.workspace).subset)
            #expect(changed.targets == [.init(table: "orders", percent: 50)] && !changed.downstream)
            try await client.execute(uri: "/api/subset", method: .delete) { response in #expect(response.status == .noContent) }
            #expect(try WorkspaceLoader.load(path: fixture.workspace).subset == nil)
            try await client.execute(uri: "/api/subset/explain", method: .get) { response in #expect(response.status == .notFound) }
        }
    }

    @Test("the source's objects other than tables are listed with whether the copy leaves them out; leaving some out is checked as run checks it and written with the file's comments kept")
    func objects() async throws {
        let fixture = try await Fixture.reviewed()
        try fixture.alterSource("CREATE VIEW vip AS SELECT * FROM customers WHERE email = 'ana.lima@mail.com'", "CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN SELECT 1; END")
        let app = Application(router: try fixture.studio().router())
        @Sendable func listed(_ client: some TestClientProtocol) async throws -> [String: Bool] {
            try await client.execute(uri: "/api/objects", method: .get) { response in
                #expect(response.status == .ok)
                let objects = try #require(try Self.json(response.body) as? [[String: Any]])
                return Dictionary(uniqueKeysWithValues: objects.map { ("\($0["kind"] ?? "") \($0["name"] ?? "")", $0["excluded"] as? Bool ?? false) })
            }
        }
        try await app.test(.router) { client in
            let before = try await listed(client)
            // (The store's migrations set user_version, a setting the copy keeps.)
            #expect(before == ["view vip": false, "trigger orders_audit": false, "setting user_version": false])
            try await client.execute(uri: "/api/objects", method: .put, body: ByteBuffer(string: #"{"excluded":["view vip"]}"#)) { response in
                #expect(response.status == .ok)
            }
            let after = try await listed(client)
            #expect(after == ["view vip": true, "trigger orders_audit": false, "setting user_version": false])
            // An entry that names nothing: refused with run's message, the file as it was.
            try await client.execute(uri: "/api/objects", method: .put, body: ByteBuffer(string: #"{"excluded":["view vipp"]}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("did you mean \\\"view vip\\\""))
            }
            let kept = try await listed(client)
            #expect(kept["view vip"] == true)
            try await client.execute(uri: "/objects", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("value=\"view vip\"") && page.contains("checked") && page.contains("orders_audit"))
            }
        }
        var text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        #expect(text.contains("exclude_objects: [view vip]") || text.contains("exclude_objects: [\"view vip\"]"), "\(text)")
        #expect(text.contains("# keep: the support team searches by domain"))
        // The run leaves it out.
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/objects", method: .put, body: ByteBuffer(string: #"{"excluded":[]}"#)) { response in #expect(response.status == .ok) }
        }
        text = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
        #expect(!text.contains("exclude_objects"))
    }

    @Test("a Studio started where no workspace is yet offers to make one: its first page asks for the source and the destination, POST /api/workspace writes the workspace init writes (201; paths relative to the workspace's folder), then the pages and the API serve it; a second is refused (409) and leaves the file; a URL that is none is a 400 naming its field and a source that cannot be opened a 502, neither writing a file; until then the other pages and routes say how to make one (404) (serve stopped: `no workspace at understudy.yml; create one with understudy init`)")
    func setup() async throws {
        let fixture = try Fixture()
        try FileManager.default.removeItem(atPath: fixture.workspace)
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("<form id=\"setup\"") && page.contains("name=\"source\"") && page.contains("name=\"destination\""), "\(page)")
                #expect(page.contains("understudy.yml"), "names the file it will write")
            }
            for uri in ["/api/overview", "/api/tables", "/runs", "/tables/customers"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(String(buffer: response.body).contains("no workspace"), "\(uri): \(String(buffer: response.body))")
                }
            }
            var (status, message, _) = try await Self.create(client, #"{"source": "mysql://db/prod", "destination": "sqlite://dev.db"}"#)
            #expect(status == .badRequest && message.contains("source") && message.contains("mysql"), "\(message)")
            (status, message, _) = try await Self.create(client, #"{"source": "sqlite://nope.db", "destination": "sqlite://dev.db"}"#)
            #expect(status == .badGateway && message.contains("nope.db"), "\(message)")
            (status, message, _) = try await Self.create(client, #"{"source": "sqlite://shop.db"}"#)
            #expect(status == .badRequest, "\(message)")
            #expect(!FileManager.default.fileExists(atPath: fixture.workspace), "no file written by a refused request")
            let created: [String: Int]
            (status, message, created) = try await Self.create(client, #"{"source": "sqlite://shop.db", "destination": "sqlite://shop-dev.db"}"#)
            #expect(status == .created && created["tables"] == 2 && created["columns"] == 8, "\(message) \(created)")
            let written = try String(contentsOfFile: fixture.workspace, encoding: .utf8)
            #expect(written.contains(#"source: "sqlite://shop.db""#) && written.contains(#"destination: "sqlite://shop-dev.db""#), "\(written.prefix(600))")
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("Privacy overview"))
            }
            try await client.execute(uri: "/api/tables", method: .get) { response in #expect(response.status == .ok) }
            (status, message, _) = try await Self.create(client, #"{"source": "sqlite://shop.db", "destination": "sqlite://other.db"}"#)
            #expect(status == .conflict && message.contains("exists"), "\(message)")
            #expect(try String(contentsOfFile: fixture.workspace, encoding: .utf8) == written, "the workspace left as it was")
        }
    }

    /// POST /api/workspace: the status, the error's message, and the answer's counts.
    static func create(_ client: some TestClientProtocol, _ body: String) async throws -> (HTTPResponse.Status, String, [String: Int]) {
        try await client.execute(uri: "/api/workspace", method: .post, body: ByteBuffer(string: body)) { response in
            let json = (try? Self.json(response.body) as? [String: Any]) ?? [:]
            let message = ((json["error"] as? [String: Any])?["message"] as? String) ?? ""
            return (response.status, message, json.compactMapValues { $0 as? Int })
        }
    }

    @Test("the pages render, escape names, and serve their assets")
    func pages() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            for uri in ["/", "/database", "/tables/customers", "/schema", "/subset", "/objects", "/runs"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                    #expect(String(buffer: response.body).contains("<main id=\"main\">"))
                }
            }
            // The overview counts columns protected, at risk, not sensitive, not included, linking to them.
            try await client.execute(uri: "/", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("aria-label=\"2 at risk: last_name, note\""), "personal, copied as they are")
                #expect(page.contains("aria-label=\"2 protected: email, first_name\""))
                #expect(page.contains("aria-label=\"3 not sensitive: id, customer_id, total\""))
            }
            try await client.execute(uri: "/tables/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
            try await client.execute(uri: "/api/tables/nope/preview", method: .get) { response in
                let error = (try Self.json(response.body) as? [String: Any])?["error"] as? [String: Any]
                #expect(error?["code"] as? String == "not_found" && (error?["message"] as? String)?.contains("nope") == true)
            }
            try await client.execute(uri: "/assets/studio.js", method: .get) { response in #expect(String(buffer: response.body).contains("async function api(")) }
            try await client.execute(uri: "/assets/../Package.swift", method: .get) { response in #expect(response.status == .notFound) }
        }
    }

    @Test("another site cannot use the Studio through the user's browser: a request under another host name (DNS rebinding: a page of evil.example resolving to 127.0.0.1) is refused, previews included, and a change or run posted from another origin is refused, no run started; the Studio's own pages and clients without a browser's headers are served")
    func otherSites() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            let evilHost: HTTPFields = [HTTPField.Name("Host")!: "evil.example:8080"]
            for uri in ["/api/tables/customers/preview?limit=3", "/api/overview", "/"] {
                try await client.execute(uri: uri, method: .get, headers: evilHost) { response in
                    #expect(response.status == .forbidden, "\(uri)")
                    #expect(!String(buffer: response.body).contains("@"), "no row in the answer")
                }
            }
            let crossSite: HTTPFields = [HTTPField.Name("Host")!: "127.0.0.1:8080", HTTPField.Name("Origin")!: "https://evil.example"]
            try await client.execute(uri: "/api/runs", method: .post, headers: crossSite) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("origin"))
            }
            try await client.execute(uri: "/api/tables/customers/columns/last_name", method: .put, headers: crossSite, body: ByteBuffer(string: #"{"generator":"passthrough"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            for origin in ["null", "http://127.0.0.1:9999"] {
                try await client.execute(uri: "/api/runs", method: .post, headers: [HTTPField.Name("Host")!: "127.0.0.1:8080", HTTPField.Name("Origin")!: origin]) { response in
                    #expect(response.status == .forbidden, "\(origin)")
                }
            }
            try await client.execute(uri: "/api/runs", method: .get) { response in
                let runs = try Self.json(response.body) as? [Any]
                #expect(runs?.isEmpty == true, "no run was started")
            }
            // The Studio's own page, under each loopback name.
            for host in ["127.0.0.1:8080", "localhost:8080", "[::1]:8080"] {
                try await client.execute(uri: "/api/overview", method: .get, headers: [HTTPField.Name("Host")!: host]) { response in
                    #expect(response.status == .ok, "\(host)")
                }
            }
            let sameOrigin: HTTPFields = [HTTPField.Name("Host")!: "localhost:8080", HTTPField.Name("Origin")!: "http://localhost:8080"]
            try await client.execute(uri: "/api/tables/customers/columns/last_name", method: .put, headers: sameOrigin, body: ByteBuffer(string: #"{"generator":"person.last-name"}"#)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("a table or column named with characters a URL encodes (`Order Items`, a slash) opens and changes: names in paths are decoded (the Studio answered 404 for every such table), and its links encode a slash")
    func encodedNames() async throws {
        let fixture = try await Fixture.reviewed()
        let app = Application(router: try fixture.studio().router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/tables/cust%6Fmers/preview?limit=1", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/tables/cust%6Fmers", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/api/tables/customers/columns/last%5Fname", method: .put, body: ByteBuffer(string: #"{"generator":"person.last-name"}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/tables/cust%6Fmers", method: .put, body: ByteBuffer(string: #"{"mode":"deidentify"}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
        }
        #expect(Pages.link(toTable: "Order Items/2024") == "/tables/Order%20Items%2F2024")
    }
}
