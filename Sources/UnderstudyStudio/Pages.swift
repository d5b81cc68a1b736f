import Foundation
import Hummingbird
import UnderstudyCore

/// The Studio's pages: rendered on the server from the same functions the API answers with, made
/// live by `Assets/studio.js` (which talks to the API only). Every page works with the keyboard.
struct Pages {
    let studio: Studio
    var api: API { API(studio: studio) }

    /// The page of a table: its name encoded as one path segment (a space, a slash, a `%`).
    static func link(toTable name: String) -> String {
        var segment = CharacterSet.urlPathAllowed
        segment.remove(charactersIn: "/%")
        return "/tables/" + (name.addingPercentEncoding(withAllowedCharacters: segment) ?? name)
    }

    func register(on router: Router<BasicRequestContext>) {
        // Where no workspace is yet, the first page makes one and the others say so.
        router.get("/") { _, _ in
            studio.hasWorkspace ? html(try await overview(), title: "Overview", active: "overview") : html(setup(), title: "New workspace", active: "", navigation: false)
        }
        router.get("tables/:table") { _, context in
            try studio.needWorkspace()
            let name = try API.path(context, "table")
            return html(try await table(name), title: name, active: "overview")
        }
        router.get("schema") { _, _ in try studio.needWorkspace(); return html(try await schema(), title: "Schema changes", active: "schema") }
        router.get("database") { _, _ in try studio.needWorkspace(); return html(try await database(), title: "Database", active: "database") }
        router.get("runs") { _, _ in try studio.needWorkspace(); return html(try await runs(), title: "Runs", active: "runs") }
        router.get("subset") { _, _ in try studio.needWorkspace(); return html(try await subset(), title: "Subset", active: "subset") }
        router.get("objects") { _, _ in try studio.needWorkspace(); return html(try await objects(), title: "Objects", active: "objects") }
        router.get("runs/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let run = try await studio.runs.run(id: id) else { throw StudioError(status: .notFound, message: "no run with this id") }
            return html(report(run), title: "Run \(id)", active: "runs")
        }
        router.get("favicon.ico") { _, _ in
            Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(bytes: Assets.data("favicon.svg"))))
        }
        router.get("assets/:name") { _, context in
            let name = try context.parameters.require("name")
            let types = ["studio.css": "text/css; charset=utf-8", "studio.js": "text/javascript; charset=utf-8", "favicon.svg": "image/svg+xml"]
            guard let type = types[name] else { throw StudioError(status: .notFound, message: "no asset \(name)") }
            return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: Assets.data(name))))
        }
    }

    // MARK: layout

    func html(_ body: String, title: String, active: String, navigation: Bool = true) -> Response {
        let nav = !navigation ? "" : [("overview", "/", "Overview"), ("database", "/database", "Database"), ("schema", "/schema", "Schema changes"), ("subset", "/subset", "Subset"), ("objects", "/objects", "Objects"), ("runs", "/runs", "Runs")].map { id, href, label in
            "<a href=\"\(href)\"\(id == active ? " aria-current=\"page\"" : "")>\(label)</a>"
        }.joined()
        let page = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · Understudy Studio</title>
            <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/assets/studio.css">
            <script src="/assets/studio.js" defer></script>
            </head>
            <body>
            <header><span class="brand">Understudy <b>Studio</b></span><nav aria-label="Main">\(nav)</nav>
            <span class="workspace" title="\(escape(studio.workspacePath))">\(escape(URL(fileURLWithPath: studio.workspacePath).lastPathComponent))</span></header>
            <main id="main">
            \(body)
            </main>
            </body>
            </html>
            """
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    func escape(_ text: String) -> String { HTML.escape(text) }

    func badge(_ text: String, _ kind: String) -> String { "<span class=\"badge \(kind)\">\(escape(text))</span>" }

    // MARK: pages

    /// The first page where no workspace is yet: the source and the destination, for the workspace
    /// `init` writes (``API/createWorkspace(_:)``).
    func setup() -> String {
        let file = URL(fileURLWithPath: studio.workspacePath)
        return """
            <h1>New workspace</h1>
            <p>No workspace is at <code>\(escape(studio.workspacePath))</code> yet. Name the database to copy and where the copy goes:
            Understudy reads the source's tables and columns (nothing is written to it), suggests a generator for each column that holds
            personal data, and writes the workspace there. Review it on the next pages before the first run.</p>
            <form id="setup" class="setup">
            <p><label for="source">Source database URL</label>
            <input id="source" name="source" type="text" required autocomplete="off" spellcheck="false" aria-describedby="source-help" placeholder="postgres://user@host:5432/prod">
            <span id="source-help" class="muted">The production database: <code>postgres://user@host:5432/db</code> or <code>sqlite:///path/to/prod.db</code>. It is only read.
            A password in the URL is left out of the file (give it to runs with <code>PGPASSWORD</code>).</span></p>
            <p><label for="destination">Destination database URL</label>
            <input id="destination" name="destination" type="text" required autocomplete="off" spellcheck="false" aria-describedby="destination-help" placeholder="sqlite:///path/to/dev.db">
            <span id="destination-help" class="muted">Where runs write the de-identified copy, replaced whole on each run; never the source. A relative SQLite path is
            relative to <code>\(escape(file.deletingLastPathComponent().path))</code>.</span></p>
            <p><button type="submit">Create the workspace</button></p>
            </form>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            <p class="muted">The same from a terminal: <code>understudy init --source URL --destination URL --out \(escape(ShellWord.quoted(studio.workspacePath)))</code>.</p>
            """
    }

    func overview() async throws -> String {
        let overview = try await api.overview()
        let tables = try await api.tables()
        // Per table: columns protected (personal, generated), at risk (personal, copied as they are),
        // not sensitive (no finding), not included (the table's rows are not copied).
        var rows = ""
        for table in tables {
            let link = Self.link(toTable: table.name)
            let included = table.mode != .truncate && table.mode != .exclude
            let personal = table.columns.filter { $0.finding != nil }
            let atRisk = included ? personal.filter { table.mode == .passthrough || $0.generator == nil } : []
            let protected = included ? personal.filter { table.mode != .passthrough && $0.generator != nil } : []
            let notSensitive = included ? table.columns.filter { $0.finding == nil } : []
            func count(_ columns: [API.ColumnInfo], _ kind: String, _ label: String) -> String {
                guard !columns.isEmpty else { return "<td class=\"num\">0</td>" }
                let names = columns.map(\.name).joined(separator: ", ")
                return "<td class=\"num\"><a href=\"\(link)#c-\(escape(columns[0].name))\" title=\"\(escape(names))\" aria-label=\"\(columns.count) \(label): \(escape(names))\">\(badge(String(columns.count), kind))</a></td>"
            }
            rows += """
                <tr><td><a href="\(link)">\(escape(table.name))</a></td><td>\(badge(table.mode.rawValue, "mode"))</td>
                \(count(protected, "ok", "protected"))\(count(atRisk, "danger", "at risk"))\(count(notSensitive, "neutral", "not sensitive"))
                <td class="num">\(included ? "0" : String(table.columns.count))</td></tr>
                """
        }
        let exposed = overview.unprotectedPersonalColumns.isEmpty ? "" : """
            <p class="alert danger" role="alert">Personal data copied as it is: \(overview.unprotectedPersonalColumns.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")). Choose a generator for each.</p>
            """
        let drift = overview.unreviewedChanges == 0 ? "" : """
            <p class="alert warn" role="alert">The source has \(overview.unreviewedChanges) change(s) nobody reviewed: runs stop until they are acknowledged. <a href="/schema">Review them</a>.</p>
            """
        return """
            <h1>Privacy overview</h1>
            <p class="muted">\(escape(overview.source)) → \(escape(overview.destination))</p>
            \(exposed)\(drift)
            <section class="cards" aria-label="Summary">
            <div class="card"><span class="big">\(overview.tables)</span> tables</div>
            <div class="card"><span class="big">\(overview.columns)</span> columns</div>
            <div class="card"><span class="big">\(overview.personalColumns)</span> with personal data</div>
            <div class="card \(overview.protectedColumns == overview.personalColumns ? "ok" : "danger")"><span class="big">\(overview.protectedColumns)/\(overview.personalColumns)</span> protected</div>
            </section>
            <table class="grid"><caption>Columns per table: personal data protected by a generator, at risk (personal, copied as it is), not sensitive, not included (no rows copied)</caption>
            <thead><tr><th scope="col">Table</th><th scope="col">Mode</th><th scope="col" class="num">Protected</th><th scope="col" class="num">At risk</th><th scope="col" class="num">Not sensitive</th><th scope="col" class="num">Not included</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    func database() async throws -> String {
        let tables = try await api.tables()
        let changes = try await api.changes()
        let rows = tables.map { table in
            let personal = table.columns.filter { $0.finding != nil }.count
            let unreviewed = changes.filter { $0.table == table.name && $0.needsReview }.count
            var flags = [String]()
            if personal > 0 { flags.append(badge("\(personal) personal", "warn")) }
            if unreviewed > 0 { flags.append(badge("\(unreviewed) unreviewed", "danger")) }
            if table.columns.contains(where: { $0.inheritedFrom != nil }) { flags.append(badge("keys follow parents", "neutral")) }
            return "<tr><td><a href=\"\(escape(Self.link(toTable: table.name)))\">\(escape(table.name))</a></td><td>\(badge(table.mode.rawValue, "mode"))</td><td class=\"num\">\(table.rows)</td><td class=\"num\">\(table.columns.count)</td><td>\(flags.joined(separator: " "))</td></tr>"
        }.joined()
        return """
            <h1>Database</h1>
            <table class="grid"><caption>Every table of the source: its mode, rows, columns and flags</caption>
            <thead><tr><th scope="col">Table</th><th scope="col">Mode</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Columns</th><th scope="col">Flags</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    func table(_ name: String) async throws -> String {
        guard let table = try await api.tables().first(where: { $0.name == name }) else {
            throw StudioError(status: .notFound, message: "the source has no table \"\(name)\"")
        }
        var rows = ""
        for column in table.columns {
            let current = column.generator ?? "passthrough"
            // The generators the column's type takes (and the one it has, should the file name another).
            let generators = column.generators.contains(current) ? column.generators : column.generators + [current]
            let options = (["passthrough"] + generators.filter { $0 != "passthrough" }).map { "<option\($0 == current ? " selected" : "")>\(escape($0))</option>" }.joined()
            let params = column.params.isEmpty ? "" : String(decoding: (try? JSON.encoder.encode(column.params)) ?? Data(), as: UTF8.self)
            let finding = column.finding.map { finding in
                badge("\(finding.kind) \(Int(finding.confidence * 100))%", column.generator == nil && table.mode != .truncate ? "danger" : "ok")
                    + "<details class=\"evidence\"><summary>evidence</summary><ul>\(finding.evidence.map { "<li>\(escape($0))</li>" }.joined())</ul></details>"
            } ?? ""
            let inherited = column.inheritedFrom.map { "<span class=\"muted\">follows \(escape($0))</span>" } ?? ""
            rows += """
                <tr data-column="\(escape(column.name))" id="c-\(escape(column.name))"><th scope="row">\(escape(column.name))</th><td><code>\(escape(column.type))</code></td><td>\(finding)</td>
                <td><select id="g-\(escape(column.name))" class="generator" aria-label="Generator for \(escape(column.name))" \(column.inheritedFrom != nil ? "disabled" : "")>\(options)</select> \(inherited)</td>
                <td><div class="param-form" data-params="\(escape(params.isEmpty ? "{}" : params))" \(column.inheritedFrom != nil ? "data-disabled=\"true\"" : "")></div></td>
                <td><button class="save" type="button" \(column.inheritedFrom != nil ? "disabled" : "")>Save</button></td></tr>
                """
        }
        let modes = TableMode.available.map { "<option\($0 == table.mode ? " selected" : "")>\($0.rawValue)</option>" }.joined()
        return """
            <p><a href="/">← Overview</a></p>
            <h1>\(escape(table.name)) <span class="muted">\(table.rows) rows</span></h1>
            <div id="table" data-table="\(escape(table.name))">
            <p><label for="mode">Mode</label> <select id="mode">\(modes)</select> <button id="save-mode" type="button">Save mode</button></p>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            <table class="grid"><caption>Columns: choose a generator, then Save; the preview below shows what a run writes.</caption>
            <thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Scanner</th><th scope="col">Generator</th><th scope="col">Parameters</th><th scope="col"></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <h2>Preview</h2>
            <p class="muted">The first rows before → after, computed by the same code as a run. Source values appear here: the Studio listens on loopback only unless told otherwise.</p>
            <div id="preview" aria-live="polite"><p class="muted">Loading…</p></div>
            </div>
            """
    }

    func schema() async throws -> String {
        let changes = try await api.changes()
        guard !changes.isEmpty else { return "<h1>Schema changes</h1><p class=\"alert ok\">The source matches the reviewed schema.</p>" }
        // The generators every new column under review takes (its type's: an `inet` column is offered
        // `ip-address`, not `email`); all of them offered before, and a misfit was refused at save.
        let tables = try await api.tables()
        var fitting = Set(GeneratorRegistry.standard.names)
        for change in changes where change.needsReview {
            guard let table = tables.first(where: { $0.name == change.table }) else { continue }
            let columns = change.column.map { name in table.columns.filter { $0.name == name } } ?? table.columns
            for column in columns { fitting.formIntersection(column.generators) }
        }
        let generators = fitting.sorted().map { "<option>\(escape($0))</option>" }.joined()
        let rows = changes.map { change in
            """
            <tr><td><input type="checkbox" class="target" value="\(escape(change.target))" id="c-\(escape(change.target))" \(change.needsReview ? "checked" : "")></td>
            <td><label for="c-\(escape(change.target))">\(escape(change.description))</label></td>
            <td>\(change.needsReview ? badge("needs review", "warn") : badge("gone", "neutral"))</td>
            <td>\(change.finding.map { badge("\($0.kind) \(Int($0.confidence * 100))% → \($0.generator)", "danger") } ?? "")</td></tr>
            """
        }.joined()
        return """
            <h1>Schema changes</h1>
            <p>Runs stop while the source has tables or columns nobody reviewed. Acknowledge them here (they are written into the workspace's <code>schema:</code> section, comments kept).</p>
            <div id="schema">
            <table class="grid"><caption>Differences between the source and the reviewed schema</caption>
            <thead><tr><th scope="col">Acknowledge</th><th scope="col">Change</th><th scope="col">State</th><th scope="col">Scanner</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p><label for="ack-generator">Generator for new columns</label> <select id="ack-generator"><option value="">copy as they are</option>\(generators)</select>
            <button id="ack" type="button">Acknowledge selected</button></p>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            </div>
            """
    }

    /// The source's objects other than tables — views, functions, triggers, foreign keys, policies,
    /// comments… — each with a box to leave it out of the copy (`exclude_objects`, PUT /api/objects):
    /// for an object a run names as one the destination refuses, or whose SQL names a person.
    func objects() async throws -> String {
        let objects = try await api.objects()
        guard !objects.isEmpty else { return "<h1>Objects</h1><p class=\"alert ok\">The source has no object but its tables.</p>" }
        let rows = objects.enumerated().map { i, object in
            let label = "\(object.kind) \(object.name)"
            return """
                <tr><td><input type="checkbox" class="excluded" value="\(escape(label))" id="o-\(i)"\(object.excluded ? " checked" : "")></td>
                <td>\(escape(object.kind))</td><td><label for="o-\(i)"><code>\(escape(object.name))</code></label></td>
                <td>\(object.excluded ? badge("left out", "warn") : badge("copied", "ok"))</td></tr>
                """
        }.joined()
        return """
            <h1>Objects</h1>
            <p>Everything of the source but its tables is copied as its definition. Leave out an object the destination refuses (a view of a foreign table, a function of an extension it lacks), or whose SQL names a person; the choice is written into the workspace's <code>exclude_objects:</code>, comments kept, and checked as a run checks it.</p>
            <div id="objects">
            <table class="grid"><caption>The source's objects other than tables</caption>
            <thead><tr><th scope="col">Leave out</th><th scope="col">Kind</th><th scope="col">Name</th><th scope="col">In the copy</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p><button id="save-objects" type="button">Save</button></p>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            </div>
            """
    }

    /// The form that edits the subset's targets (PUT /api/subset): one row per target.
    func subsetForm(_ settings: SubsetSettings?) async throws -> String {
        let tables = try await api.tables().map(\.name)
        let targets = settings?.targets ?? [SubsetSettings.Target(table: tables.first ?? "")]
        func row(_ target: SubsetSettings.Target, _ i: Int) -> String {
            let options = tables.map { "<option\($0 == target.table ? " selected" : "")>\(escape($0))</option>" }.joined()
            return """
                <tr class="target"><td><select id="t-table-\(i)" aria-label="Table" name="table">\(options)</select></td>
                <td><input id="t-where-\(i)" aria-label="Where" name="where" placeholder="every row" value="\(escape(target.predicate ?? ""))"></td>
                <td><input id="t-percent-\(i)" aria-label="Percent" name="percent" type="number" min="0" max="100" step="any" value="\(target.percent.map { String($0) } ?? "")"></td>
                <td><input id="t-limit-\(i)" aria-label="Limit" name="limit" type="number" min="1" step="1" value="\(target.limit.map(String.init) ?? "")"></td>
                <td><button type="button" class="remove-target">Remove</button></td></tr>
                """
        }
        let rows = targets.enumerated().map { row($0.element, $0.offset) }.joined()
        return """
            <form id="subset-form">
            <table class="grid"><caption>Targets: the rows the slice starts from (their parents always come along)</caption>
            <thead><tr><th scope="col">Table</th><th scope="col">Where (SQL run on the source)</th><th scope="col" class="num">Percent</th><th scope="col" class="num">Limit</th><th scope="col"></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            <p><button type="button" id="add-target">Add a target</button>
            <label><input type="checkbox" id="downstream"\(settings?.downstream ?? true ? " checked" : "")> Include the children of selected rows</label></p>
            <p><button type="submit" id="save-subset">Save the subset</button>\(settings == nil ? "" : " <button type=\"button\" id=\"remove-subset\">Copy every row instead</button>")</p>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            </form>
            """
    }

    func subset() async throws -> String {
        let workspace = try api.loadWorkspace()
        guard let settings = workspace.subset else {
            return "<h1>Subset</h1><p class=\"alert neutral\">This workspace copies every row. A subset copies a slice with every foreign key whole: choose where it starts (written into the workspace's <code>subset:</code> section, comments kept; see docs/workspace.md).</p><div id=\"subset\">\(try await subsetForm(nil))</div>"
        }
        let explanation = try await api.explainSubset()
        let targets = settings.targets.map { target in
            let what = [target.predicate.map { "where <code>\(escape($0))</code>" }, target.percent.map { "\($0)% sampled" }, target.limit.map { "at most \($0) rows" }].compactMap { $0 }.joined(separator: ", ")
            return "<li><b>\(escape(target.table))</b> \(what.isEmpty ? "every row" : what)</li>"
        }.joined()
        let largest = max(1, explanation.tables.map(\.of).max() ?? 1)
        let rows = explanation.tables.map { table in
            let share = Int(Double(table.rows) / Double(largest) * 100), whole = Int(Double(table.of) / Double(largest) * 100)
            return """
                <tr><th scope="row">\(escape(table.name))</th><td class="num">\(table.rowsApproximate ? "~" : "")\(table.rows)</td><td class="num">\(table.ofApproximate ? "about " : "")\(table.of)</td>
                <td><svg class="bar" viewBox="0 0 100 8" role="img" aria-label="\(table.rows) of \(table.of) rows"><rect class="whole" width="\(whole)" height="8"></rect><rect width="\(share)" height="8"></rect></svg></td>
                <td>\(table.wholeLookupTable ? badge("lookup table, whole", "neutral") : "")</td></tr>
                """
        }.joined()
        let time = explanation.rowsPerSecond.map { rate in
            "about \(String(format: "%.1f", explanation.estimatedSeconds)) s: the \(explanation.byConditions ? "planning" : "traversal") (\(String(format: "%.2f", explanation.planningSeconds)) s), then the rows at about \(Int(rate)) rows/s (read from \(escape(explanation.rateTable ?? "")) just now), plus keys and verification"
        } ?? "about as long as the traversal"
        return """
            <h1>Subset</h1>
            <h2>Targets</h2><ul>\(targets)</ul>
            <details id="subset"><summary>Change the targets</summary>\(try await subsetForm(settings))</details>
            <p>\(explanation.byConditions ? "The source finds each table's rows as it reads them (no key sets)." : "Traversed by key sets.") \(explanation.totalRows) rows in all; a run should take \(time).</p>
            <details><summary>Traversal steps</summary><ol>\(explanation.steps.map { "<li><code>\(escape($0))</code></li>" }.joined())</ol></details>
            <table class="grid"><caption>Rows per table: the slice against the whole</caption>
            <thead><tr><th scope="col">Table</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Of</th><th scope="col">Share</th><th scope="col"></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// A run's status as a badge: green when it succeeded, red when it failed, amber while it runs.
    func statusBadge(_ status: RunRegistry.Status) -> String {
        badge(status.rawValue, status == .succeeded ? "ok" : status == .failed ? "danger" : "warn")
    }

    func runs() async throws -> String {
        let history = try await studio.runs.history()
        let rows = history.map { run in
            return "<tr data-run=\"\(escape(run.id))\"><td><a href=\"/runs/\(escape(run.id))\">\(escape(run.id))</a></td><td>\(statusBadge(run.status))</td><td>\(escape(run.startedAt))</td><td>\(escape(run.finishedAt ?? ""))</td><td>\(escape(run.error ?? ""))</td></tr>"
        }.joined()
        return """
            <h1>Runs</h1>
            <div id="runs">
            <p><button id="start" type="button">Start a run</button> <button id="cancel" type="button" hidden>Cancel</button></p>
            <p id="status" class="status" role="status" aria-live="polite"></p>
            <div id="progress"></div>
            <table class="grid"><caption>History, newest first</caption>
            <thead><tr><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col">Finished</th><th scope="col">Error</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            </div>
            """
    }

    func report(_ run: RunRegistry.Record) -> String {
        var body = "<p><a href=\"/runs\">← Runs</a></p><h1>Run \(escape(run.id)) \(statusBadge(run.status))</h1>"
        body += "<p class=\"muted\">Started \(escape(run.startedAt))\(run.finishedAt.map { ", finished \(escape($0))" } ?? "")</p>"
        if let error = run.error { body += "<p class=\"alert danger\" role=\"alert\">\(escape(error))</p>" }
        let log = run.log.isEmpty ? "" : "<h2>Log</h2><pre class=\"log\">\(escape(run.log.joined(separator: "\n")))</pre>"
        guard let report = run.report else { return body + log }
        let largest = max(1, report.tables.map(\.writtenRows).max() ?? 1)
        let rows = report.tables.map { table in
            let width = Int(Double(table.writtenRows) / Double(largest) * 100)
            return """
                <tr><th scope="row">\(escape(table.name))</th><td>\(badge(table.mode.rawValue, "mode"))</td><td class="num">\(table.sourceRows)</td><td class="num">\(table.writtenRows)</td>
                <td><svg class="bar" viewBox="0 0 100 8" role="img" aria-label="\(table.writtenRows) rows written"><rect width="\(width)" height="8"></rect></svg></td>
                <td class="num">\(String(format: "%.2f", table.seconds))</td><td>\(escape(table.columns.map { "\($0.name) (\($0.generator))" }.joined(separator: ", ")))</td></tr>
                """
        }.joined()
        let findings = report.findings.map { "<li>\(badge($0.id, $0.severity == .warning ? "warn" : "neutral")) \(escape($0.table))\($0.column.map { ".\(escape($0))" } ?? ""): \(escape($0.message))</li>" }.joined()
        body += """
            <section class="cards"><div class="card"><span class="big">\(report.tables.count)</span> tables</div><div class="card"><span class="big">\(report.totalRows)</span> rows</div>
            <div class="card \(report.verification?.foreignKeyViolations.isEmpty ?? true ? "ok" : "danger")"><span class="big">\(report.verification?.foreignKeyViolations.count ?? 0)</span> key violations</div>
            <div class="card \(report.schema?.matches ?? true ? "ok" : "warn")"><span class="big">\(report.schema.map { $0.matches ? "same" : "differs" } ?? "–")</span> schema</div></section>
            <table class="grid"><caption>Tables</caption><thead><tr><th scope="col">Table</th><th scope="col">Mode</th><th scope="col" class="num">Source rows</th><th scope="col" class="num">Written</th><th scope="col">Rows</th><th scope="col" class="num">Seconds</th><th scope="col">Transformed columns</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(findings.isEmpty ? "" : "<h2>Findings</h2><ul>\(findings)</ul>")
            """
        return body + log
    }
}
