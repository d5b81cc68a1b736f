import Testing
@testable import UnderstudyCore

@Suite("Editing a workspace file keeps its comments and order")
struct WorkspaceEditorTests {
    let text = """
        # Nightly refresh of the shop.
        version: 1
        source: sqlite:///prod.db   # production, read-only
        destination: sqlite:///dev.db
        secret: env:UNDERSTUDY_SECRET
        tables:
          audit: { mode: truncate }   # nobody needs these
          customers:
            columns:
              email: email   # reviewed by Ana
        # the schema below was reviewed on 2026-11-01
        schema:
          customers:
            id: INTEGER NOT NULL
            email: TEXT
        """

    @Test("a file with Windows line endings (and a byte-order mark) is edited in them, every line ending kept as the file has it (schema ack crashed: index out of range)")
    func windowsLineEndings() throws {
        let crlf = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        var editor = WorkspaceEditor(text: crlf)
        editor.set(["schema", "customers", "phone"], to: "TEXT")
        editor.set(["tables", "customers", "columns", "phone"], to: "{ generator: phone }")
        editor.set(["tables", "audit", "columns", "note"], to: "{ generator: \"null\" }")
        let edited = editor.text
        #expect(edited.hasPrefix("\u{FEFF}# Nightly refresh"))
        #expect(!edited.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !edited.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "every line ends in CRLF")
        let workspace = try WorkspaceLoader.parse(edited)
        #expect(workspace.reviewedSchema?.columns(of: "customers")?.contains { $0.name == "phone" } == true)
        #expect(edited.contains("      phone: { generator: phone }\r\n") && edited.contains("    phone: TEXT\r\n"))
    }

    @Test("mappings written in flow style however deep, on one line or several, are rewritten as blocks where an entry is added (the edit made a file the loader refused: `columns: unknown key`)")
    func nestedFlowMappings() throws {
        let flow = """
            version: 1
            source: sqlite:///prod.db
            destination: sqlite:///dev.db
            secret: env:UNDERSTUDY_SECRET
            tables: { t: { columns: { email: email, "odd: name": phone } }, u: { mode: truncate } }   # all of them
            schema: { t: { id: "INTEGER NOT NULL",
                email: TEXT } }
            """
        var editor = WorkspaceEditor(text: flow)
        editor.set(["tables", "t", "columns", "fax"], to: "{ generator: phone }")
        editor.set(["schema", "t", "fax"], to: "TEXT")
        let workspace = try WorkspaceLoader.parse(editor.text)
        let t = try #require(workspace.tables.first { $0.name == "t" })
        #expect(Set(t.columns.map(\.name)) == ["email", "odd: name", "fax"], "\(editor.text)")
        #expect(workspace.tables.contains { $0.name == "u" })
        #expect(workspace.reviewedSchema?.columns(of: "t")?.map(\.name) == ["id", "email", "fax"], "\(editor.text)")
        #expect(editor.text.contains("tables: # all of them"), "the comment stays on its line")
    }

    @Test("set adds and replaces entries; remove deletes blocks; comments stay")
    func edits() throws {
        var editor = WorkspaceEditor(text: text)
        editor.set(["schema", "customers", "phone"], to: "TEXT")
        editor.set(["schema", "customers", "email"], to: "TEXT NOT NULL")
        editor.set(["schema", "orders", "id"], to: "INTEGER NOT NULL")
        editor.set(["tables", "customers", "columns", "phone"], to: "{ generator: phone }")
        editor.set(["tables", "audit", "columns", "what"], to: "{ generator: \"null\" }")
        editor.remove(["schema", "customers", "id"])
        let out = editor.text
        for comment in ["# Nightly refresh of the shop.", "# production, read-only", "# nobody needs these", "# reviewed by Ana", "# the schema below was reviewed on 2026-11-01"] {
            #expect(out.contains(comment), "\(comment) kept")
        }
        let workspace = try WorkspaceLoader.parse(out)
        #expect(workspace.reviewedSchema?.columns(of: "customers")?.map(\.text) == ["TEXT NOT NULL", "TEXT"])
        #expect(workspace.reviewedSchema?.columns(of: "orders")?.map(\.name) == ["id"])
        #expect(workspace.settings(forTable: "customers")?.columns.map(\.name) == ["email", "phone"])
        #expect(workspace.settings(forTable: "audit")?.mode == .truncate)
        #expect(workspace.settings(forTable: "audit")?.columns.first?.generator == "null")
        #expect(out.components(separatedBy: "\n").firstIndex(of: "version: 1")! < out.components(separatedBy: "\n").firstIndex(of: "tables:")!)
    }

    @Test("a top-level key is added at the end of the file, and a block it replaces is replaced where it stands (setting a missing top-level key recursed without end: the Studio's request hung)")
    func topLevel() throws {
        var editor = WorkspaceEditor(text: text)
        editor.set(["exclude_objects"], to: "[view vip]")
        var workspace = try WorkspaceLoader.parse(editor.text)
        #expect(workspace.excludedObjects == ["view vip"])
        #expect(editor.text.hasSuffix("exclude_objects: [view vip]\n") || editor.text.hasSuffix("exclude_objects: [view vip]"))
        editor = WorkspaceEditor(text: "version: 1\nexclude_objects:\n  - view a   # reviewed\n  - view b\nsource: \"sqlite:///a.db\"\ndestination: \"sqlite:///b.db\"\nsecret: env:UNDERSTUDY_SECRET\n")
        editor.set(["exclude_objects"], to: "[view c]")
        workspace = try WorkspaceLoader.parse(editor.text)
        #expect(workspace.excludedObjects == ["view c"])
        #expect(editor.text.components(separatedBy: "\n")[1] == "exclude_objects: [view c]")
    }

    @Test("foreign keys append to a list that may not exist yet")
    func appendList() throws {
        var editor = WorkspaceEditor(text: text)
        editor.append(toList: "foreign_keys", item: [("from", "orders(customer_id)"), ("to", "customers(id)")])
        editor.append(toList: "foreign_keys", item: [("from", "orders(a, b)"), ("to", "pairs(x, y)")])
        let workspace = try WorkspaceLoader.parse(editor.text)
        #expect(workspace.foreignKeys.map(\.referencedTable) == ["customers", "pairs"])
        #expect(workspace.foreignKeys[1].columns == ["a", "b"])
    }

    @Test("an entry written through an alias (`*name`) or a merge (`<<: *name`) is written out where it stands before an edit under it: the edit changes it alone (through an alias it edited the anchor's lines, another table; beside a merge a new `columns:` hid every column the merge brought)")
    func aliasesAndMerges() throws {
        let text = """
            version: 1
            source: sqlite:///prod.db
            destination: sqlite:///dev.db
            secret: env:UNDERSTUDY_SECRET
            tables:
              customers: &person
                columns:
                  email: &mail { generator: email, domain: people }
                  phone: { generator: phone }
              employees: *person
              vendors:
                <<: *person
                mode: deidentify
              suppliers: { <<: *person }
            """
        var editor = WorkspaceEditor(text: text)
        editor.set(["tables", "employees", "mode"], to: "truncate")
        editor.set(["tables", "vendors", "columns", "fax"], to: "{ generator: phone }")
        editor.remove(["tables", "suppliers", "columns", "phone"])
        let edited = try WorkspaceLoader.parse(editor.text)
        let customers = try #require(edited.settings(forTable: "customers"))
        #expect(customers.mode == .deidentify, "the anchor's table is not edited")
        #expect(customers.columns.map(\.name) == ["email", "phone"])
        #expect(edited.settings(forTable: "employees")?.mode == .truncate)
        #expect(edited.settings(forTable: "employees")?.columns.map(\.name) == ["email", "phone"], "the alias's columns stay")
        #expect(edited.settings(forTable: "vendors")?.columns.map(\.name) == ["email", "phone", "fax"], "the merge's columns stay beside the new one")
        #expect(edited.settings(forTable: "vendors")?.settings(forColumn: "email")?.domain == "people")
        #expect(edited.settings(forTable: "suppliers")?.columns.map(\.name) == ["email"])
        #expect(editor.text.contains("&person") && editor.text.contains("&mail"), "the anchors stay where they were written")
    }
}
