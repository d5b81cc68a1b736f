import Foundation
import Testing
@testable import UnderstudyCore

@Suite("Workspace file")
struct WorkspaceLoaderTests {
    @Test("a workspace path that names a database or a folder says so, with the fix (`understudy run shop.db` said it could not read the file as UTF-8 text)")
    func notWorkspaces() throws {
        let folder = NSTemporaryDirectory() + "understudy-not-workspaces-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = folder + "/shop.db"
        FileManager.default.createFile(atPath: database, contents: Data("SQLite format 3\u{0}".utf8) + Data(repeating: 0, count: 84))
        #expect { _ = try WorkspaceLoader.load(path: database) } throws: { error in
            let text = "\(error)"
            return text.contains("is a SQLite database, not a workspace") && text.contains("understudy init --source sqlite:") && text.contains("shop.db")
        }
        #expect { _ = try WorkspaceLoader.load(path: folder) } throws: { error in
            "\(error)".contains("is a folder, not a workspace file")
        }
        let binary = folder + "/image.png"
        FileManager.default.createFile(atPath: binary, contents: Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00]))
        #expect { _ = try WorkspaceLoader.load(path: binary) } throws: { error in
            "\(error)".contains("UTF-8")
        }
    }

    @Test("the documented contract parses exactly as written")
    func contract() throws {
        let workspace = try WorkspaceLoader.parse("""
            version: 1
            source: sqlite:///abs/path/prod.db
            destination: sqlite:///abs/path/dev.db
            secret: env:UNDERSTUDY_SECRET        # or file:/path/to/keyfile
            tables:
              schema_migrations: { mode: passthrough }
              audit_events:      { mode: truncate }
              customers:
                mode: deidentify                   # the default mode
                columns:
                  email:      { generator: email }
                  first_name: { generator: person.first-name }
                  notes:      { generator: "null" }
                  city:       { generator: constant, value: "Springfield" }
            """)
        #expect(workspace.source == "sqlite:///abs/path/prod.db")
        #expect(workspace.secret == .environment("UNDERSTUDY_SECRET"))
        #expect(workspace.tables.map(\.name) == ["schema_migrations", "audit_events", "customers"])
        #expect(workspace.tables.map(\.mode) == [.passthrough, .truncate, .deidentify])
        let customers = try #require(workspace.settings(forTable: "customers"))
        #expect(customers.columns.map(\.generator) == ["email", "person.first-name", "null", "constant"])
        #expect(customers.settings(forColumn: "city")?.parameters["value"] == .string("Springfield"))
    }

    @Test("YAML merge keys (`<<: *defaults`) bring an anchored mapping's entries, the keys written beside them win; `<<` quoted is a name (a workspace with `<<: *mail` was refused: generator missing)")
    func mergeKeys() throws {
        let workspace = try Fixtures.workspace("""
              customers:
                columns:
                  email: &mail { generator: email, consistent: true, domain: people }
                  phone: &tel { generator: phone }
              employees:
                mode: deidentify
                columns:
                  email: { <<: *mail, domain: staff }
                  phone:
                    <<: [*tel, *mail]
                  fax: { <<: *tel }
            """)
        let employees = try #require(workspace.settings(forTable: "employees"))
        let email = try #require(employees.settings(forColumn: "email"))
        #expect(email.generator == "email")
        #expect(email.domain == "staff", "the key written beside the merge wins")
        #expect(email.consistent == true)
        let phone = try #require(employees.settings(forColumn: "phone"))
        #expect(phone.generator == "phone", "the first mapping of a list wins")
        #expect(phone.domain == "people", "what the first lacks comes from the next")
        #expect(employees.settings(forColumn: "fax")?.generator == "phone")
        #expect { _ = try Fixtures.workspace("  t:\n    columns:\n      a: { <<: 5 }") } throws: { error in
            "\(error)".contains("`<<` merges") && "\(error)".contains("tables.t.columns.a")
        }
        let quoted = try Fixtures.workspace("  t:\n    columns:\n      a: { \"<<\": 5, generator: email }")
        #expect(quoted.settings(forTable: "t")?.settings(forColumn: "a")?.parameters["<<"] == .integer(5), "a name, which the planner refuses as a parameter")
    }

    @Test("top-level keys that begin with `x-` hold anchors for the rest of the file, as Docker Compose reads them, and are otherwise ignored (`x-defaults: &mail {…}` was refused as an unknown key); another unknown key is still refused, saying so")
    func extensionKeys() throws {
        let yaml = """
            version: 1
            source: "sqlite://a.db"
            destination: "sqlite://b.db"
            secret: env:UNDERSTUDY_SECRET
            x-defaults:
              mail: &mail { generator: email, consistent: true, domain: people }
            x-note: reviewed by Ana in November
            tables:
              customers:
                columns:
                  email: *mail
                  backup_email: { <<: *mail, domain: backup }

            """
        let workspace = try WorkspaceLoader.parse(yaml, file: "test.yml")
        let customers = try #require(workspace.settings(forTable: "customers"))
        #expect(customers.settings(forColumn: "email")?.generator == "email")
        #expect(customers.settings(forColumn: "email")?.domain == "people")
        #expect(customers.settings(forColumn: "backup_email")?.domain == "backup")
        #expect { _ = try WorkspaceLoader.parse(yaml.replacingOccurrences(of: "x-note:", with: "note:"), file: "test.yml") } throws: { error in
            "\(error)".contains("note: unknown key") && "\(error)".contains("`x-`")
        }
    }

    @Test("the generator `null` written unquoted, as the docs' own examples and UND-W009 name it, is the null generator (YAML reads it as nothing, and the workspace was refused); nothing at all is still refused")
    func unquotedNull() throws {
        let workspace = try Fixtures.workspace("""
              t:
                columns:
                  a: { generator: null }
                  b: null
                  c: { generator: NULL }
            """)
        #expect(workspace.settings(forTable: "t")?.columns.map(\.generator) == ["null", "null", "null"])
        for empty in ["a: { generator: }", "a: { generator: ~ }", "a:"] {
            #expect(throws: WorkspaceError.self) { try Fixtures.workspace("  t:\n    columns:\n      \(empty)\n") }
        }
    }

    @Test("parameters keep their YAML types and common keys are separated")
    func parameterTypes() throws {
        let workspace = try Fixtures.workspace("""
              t:
                columns:
                  a: { generator: number.noise, relative: 0.5, min: 3, consistent: false, domain: money }
                  b: email
            """)
        let a = try #require(workspace.tables.first?.settings(forColumn: "a"))
        #expect(a.parameters == ["relative": .number(0.5), "min": .integer(3)])
        #expect(a.consistent == false)
        #expect(a.domain == "money")
        #expect(workspace.tables.first?.settings(forColumn: "b")?.generator == "email")
    }

    @Test("errors name the file, line and path, and suggest the fix", arguments: [
        ("verison: 1\nsource: x\n", "test.yml:1:1: verison: unknown key; did you mean \"version\"?"),
        ("version: 2\nsource: a\ndestination: b\nsecret: env:X\n", "test.yml:1:10: version: version 2 is not supported"),
        ("version: 1\nsource: a\ndestination: b\n", "secret: missing; write `secret: env:UNDERSTUDY_SECRET`"),
        ("version: 1\nsource: a\ndestination: b\nsecret: hunter2\n", "test.yml:4:9: secret: the secret is referred to, never written here"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: trunacte }\n", "tables.t.mode: unknown mode \"trunacte\"; did you mean \"truncate\"?"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: preserve }\n", "tables.t.mode: mode \"preserve\" is not available in this version"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { scale: -2 }\n", "synthesis.scale: expected a number above 0"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { scael: 2 }\n", "synthesis.scael: unknown key; did you mean \"scale\"?"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { differential_privacy: { delta: 1.0e-9 } }\n", "synthesis.differential_privacy.epsilon: missing"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { differential_privacy: { epsilon: 1, delta: 2 } }\n", "synthesis.differential_privacy.delta: δ is a probability of failure"),
        // ε = 1e300 crashed the fit (a bin count past Int.max); ε = 1e-300 gave no budget at all and
        // blamed the tables that declare `epsilon:`, which none did.
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { differential_privacy: { epsilon: 1.0e300 } }\n", "synthesis.differential_privacy.epsilon: expected a number from 0.000001 to 1000000"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { differential_privacy: { epsilon: 1.0e-300 } }\n", "synthesis.differential_privacy.epsilon: expected a number from 0.000001 to 1000000"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { differential_privacy: { epsilon: 1, delta: 1.0e-320 } }\n", "synthesis.differential_privacy.delta: expected a number from 1.0e-100"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: synthesize, epsilon: 1.0e300 }\n", "tables.t.epsilon: expected a number from 0.000001 to 1000000"),
        // rows: 9223372036854775807 and scale: 1e300 crashed the fit (a row count past Int.max).
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: synthesize, rows: 9223372036854775807 }\n", "tables.t.rows: expected a whole number of rows to synthesize, at most 1000000000000"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: synthesize, scale: 1.0e300 }\n", "tables.t.scale: expected a number above 0 and at most 1000000"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\nsynthesis: { scale: 1.0e300 }\n", "synthesis.scale: expected a number above 0 and at most 1000000"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t: { mode: synthesize, rows: many }\n", "tables.t.rows: expected a whole number of rows"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t:\n    colums: {}\n", "test.yml:7:5: tables.t.colums: unknown key; did you mean \"columns\"?"),
        ("version: 1\nsource: a\ndestination: b\nsecret: env:S\ntables:\n  t:\n    columns:\n      c: { domain: x }\n", "tables.t.columns.c.generator: missing"),
        // An empty text was "a single value", which it is not.
        ("version: 1\nsource: \"\"\n", "source: expected a text value, found an empty text"),
        ("version: 1\nsource: a\nsource: b\n", "test.yml:3: \"source\" is written twice (first at line 2); keep one"),
        ("version: 1\nsource: [a\n", "test.yml:3: not valid YAML: did not find expected"),
    ])
    func structuralErrors(text: String, expected: String) {
        #expect {
            try WorkspaceLoader.parse(text, file: "test.yml")
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test("a subset's where is one predicate: a statement after it (`; DELETE …`, `; COMMIT; …`) or a comment that hides the query's rest is refused at its place before anything connects — one ran on the PostgreSQL source and, after a COMMIT, deleted its rows", arguments: [
        "1=1; DELETE FROM orders",
        "1=1; COMMIT; DELETE FROM orders; SELECT 1 WHERE 1=1",
        "country = 'CA';",
        "1=1) TO '/tmp/rows' --",
        "1=1 /* ) */",
    ])
    func subsetWhereIsOnePredicate(predicate: String) {
        let text = "version: 1\nsource: a\ndestination: b\nsecret: env:S\nsubset:\n  targets:\n    - table: orders\n      where: \"\(predicate)\"\n"
        #expect {
            try WorkspaceLoader.parse(text, file: "test.yml")
        } throws: { error in
            let message = "\(error)"
            return message.contains("test.yml:8") && message.contains("subset.targets[0].where") && message.contains("one SQL condition")
        }
    }

    @Test("a subset's where may hold a semicolon or dashes inside a string, where they are data")
    func subsetWhereLiterals() throws {
        let text = "version: 1\nsource: a\ndestination: b\nsecret: env:S\nsubset:\n  targets:\n    - table: orders\n      where: \"note LIKE '%;%' AND code <> '--' AND \\\"odd;name\\\" > 0\"\n"
        let workspace = try WorkspaceLoader.parse(text, file: "test.yml")
        #expect(workspace.subset?.targets.first?.predicate == "note LIKE '%;%' AND code <> '--' AND \"odd;name\" > 0")
    }

    @Test("a missing workspace file says how to create one")
    func missingFile() {
        #expect {
            try WorkspaceLoader.load(path: "/nonexistent/understudy.yml")
        } throws: { error in
            "\(error)".contains("understudy init")
        }
    }
}

@Suite("Secrets")
struct SecretTests {
    let workspace = try! Fixtures.workspace("  t: {}")

    @Test("a missing environment variable says how to set it")
    func missingEnvironment() {
        #expect {
            try SecretReference.environment("UNDERSTUDY_SECRET").resolve(in: workspace, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("UNDERSTUDY_SECRET is not set") && text.contains("openssl rand -hex 32") && text.contains("test.yml:4")
        }
    }

    @Test("a short secret is refused")
    func weak() {
        #expect(throws: WorkspaceError.self) {
            try SecretReference.environment("S").resolve(in: workspace, environment: ["S": "short"])
        }
    }

    @Test("different secrets give different fingerprints, the same secret the same")
    func fingerprints() throws {
        let a = try SecretReference.environment("S").resolve(in: workspace, environment: ["S": "0123456789abcdef0123"])
        let b = try SecretReference.environment("S").resolve(in: workspace, environment: ["S": "0123456789abcdef0123"])
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != Fixtures.key.fingerprint)
        #expect(a.fingerprint.count == 16)
    }

    @Test("one secret is one key however it arrives: an environment variable with the newline a mounted secret or a pasted value brings (Kubernetes `envFrom` of a file) is the key file's and the bare value's (it was another key: other pseudonyms, and decrypt failed on the other's copy)")
    func sameKeyFromEveryForm() throws {
        let bare = try SecretReference.environment("S").resolve(in: workspace, environment: ["S": "0123456789abcdef0123"]).fingerprint
        for value in ["0123456789abcdef0123\n", "0123456789abcdef0123\r\n", "0123456789abcdef0123 "] {
            #expect(try SecretReference.environment("S").resolve(in: workspace, environment: ["S": value]).fingerprint == bare, "\(value.debugDescription)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "0123456789abcdef0123\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try SecretReference.file(file).resolve(in: workspace).fingerprint == bare)
    }
}

@Suite("Suggestions")
struct SuggestionTests {
    @Test("near names are suggested, far ones are not", arguments: [
        ("emial", "email"), ("person.firstname", "person.first-name"), ("hsah", "hash"), ("zzzzzz", nil),
        // A generator named without its family (the word after the dot).
        ("noise", "number.noise"), ("first-name", "person.first-name"), ("firstname", "person.first-name"), ("shift", "date.shift"),
        // The family and a word of the name (`person.name`, as DESIGN.md writes it, had no suggestion).
        ("person.name", "person.full-name"), ("address.postcode", "address.postal-code"), ("date.jitter", nil), ("person.street", nil),
    ] as [(String, String?)])
    func nearest(input: String, expected: String?) {
        #expect(Suggestion.nearest(to: input, in: GeneratorRegistry.standard.names) == expected)
    }
}
