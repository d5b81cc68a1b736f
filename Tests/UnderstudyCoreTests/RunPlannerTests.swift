import Testing
@testable import UnderstudyCore

@Suite("Planning: validation against the schema, foreign keys, uniqueness")
struct RunPlannerTests {
    func plan(_ tables: String) throws -> RunPlan {
        try RunPlanner().plan(try Fixtures.workspace(tables), schema: Fixtures.shop)
    }

    func refusal(_ tables: String) -> String {
        do {
            _ = try plan(tables)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("leaving out a view, function or type that other views or functions read names them all, before anything is copied (the run copied every row, then failed on the first of them); left out together, the schema has none of them")
    func exclusionsWithDependents() throws {
        var schema = Fixtures.shop
        func view(_ name: String, reads: [String]) -> View {
            var view = View(name: name, definitionSQL: "CREATE VIEW \(name) AS SELECT 1")
            view.dependsOn = reads
            return view
        }
        schema.views = [view("summary", reads: []), view("happy", reads: [View.relationKey("summary")]), view("top", reads: [View.relationKey("happy")]), view("other", reads: [])]
        var counter = View(name: "happy_count", definitionSQL: "CREATE FUNCTION happy_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM happy; END")
        counter.dependsOn = [View.relationKey("happy")]
        schema.functions = [counter]
        func workspace(_ excluded: String) throws -> Workspace {
            try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\(excluded)]\n", file: "test.yml")
        }
        #expect { _ = try RunPlanner.excludingObjects(try workspace("\"view summary\""), from: schema) } throws: { error in
            let text = "\(error)"
            return text.contains("exclude_objects[0]") && text.contains("view happy") && text.contains("view top") && text.contains("function happy_count")
                && text.contains(#""view summary", "view happy", "view top", "function happy_count""#) && !text.contains("other")
        }
        let kept = try RunPlanner.excludingObjects(try workspace(#""view summary", "view happy", "view top", "function happy_count""#), from: schema)
        #expect(kept.views.map(\.name) == ["other"] && kept.functions.isEmpty)
        // A type left out that a view or function needs (PostgreSQL's dependencies: the run copied
        // every row, then failed creating it).
        schema.enums = [EnumType(name: "mood", labels: ["ok"])]
        var moods = View(name: "as_mood", definitionSQL: "CREATE FUNCTION as_mood(x text) RETURNS mood LANGUAGE sql AS $$ SELECT x::mood $$")
        moods.dependsOn = [View.typeKey("mood")]
        schema.functions.append(moods)
        #expect { _ = try RunPlanner.excludingObjects(try workspace("\"type mood\""), from: schema) } throws: { error in
            "\(error)".contains(#"exclude_objects: ["type mood", "function as_mood"]"#)
        }
    }

    @Test("an exclude_objects entry is read as its longest kind and the name after it: a cast's name has spaces (`cast mood AS integer` was read as the kind \"cast mood AS\")", arguments: [
        ("cast mood AS integer", "cast", "mood AS integer"), ("materialized view public.top", "materialized view", "public.top"),
        ("view default v.x", "view default", "v.x"), ("view default", "view", "default"), ("text search configuration shop_en", "text search configuration", "shop_en"),
        ("materialised view v", "materialised view", "v"),
    ])
    func exclusionEntries(entry: String, label: String, name: String) {
        let parsed = RunPlanner.exclusion(entry)
        #expect(parsed?.label == label && parsed?.name == name)
    }

    @Test("a SQLite view left out: the views and triggers that read it, through each other, are named (SQLite records no dependency, created them broken, and the copy's `SELECT * FROM v_top` and every insert into t failed)")
    func sqliteExclusionsReadByText() throws {
        var schema = Fixtures.shop
        schema.views = [
            View(name: "v_base", definitionSQL: "CREATE VIEW v_base AS SELECT id, what FROM audit"),
            View(name: "v_top", definitionSQL: "CREATE VIEW v_top AS SELECT count(*) AS n FROM [v_base]"),
            View(name: "v_other", definitionSQL: "CREATE VIEW v_other AS SELECT 1 AS v_base"),
        ]
        schema.triggers = [
            Trigger(name: "tr", table: "orders", definitionSQL: "CREATE TRIGGER tr AFTER INSERT ON orders BEGIN INSERT INTO audit (what) SELECT n FROM v_top; END"),
            Trigger(name: "tr2", table: "orders", definitionSQL: "CREATE TRIGGER tr2 AFTER UPDATE ON orders BEGIN SELECT 1; END"),
        ]
        let workspace = try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\"view v_base\"]\n", file: "test.yml")
        #expect { _ = try RunPlanner.excludingObjects(workspace, from: schema) } throws: { error in
            "\(error)".contains(#"exclude_objects: ["view v_base", "view v_top", "trigger tr"]"#)
        }
        let all = try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\"view v_base\", \"view v_top\", \"trigger tr\"]\n", file: "test.yml")
        let kept = try RunPlanner.excludingObjects(all, from: schema)
        #expect(kept.views.map(\.name) == ["v_other"] && kept.triggers.map(\.name) == ["tr2"])
    }

    @Test("a function whose body reads or calls what is left out (PL/pgSQL, SQL in a string: PostgreSQL records no dependency) and a trigger that runs a function left out are named with the rest: the copy created them, and every insert into the trigger's table failed")
    func exclusionsReadByFunctionBodies() throws {
        var schema = Fixtures.shop
        let log = View(name: "log_change", definitionSQL: "CREATE OR REPLACE FUNCTION public.log_change()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN\n  INSERT INTO audit(what) VALUES ('order ' || NEW.id);\n  RETURN NEW;\nEND $function$\n")
        let count = View(name: "audit_count", definitionSQL: "CREATE OR REPLACE FUNCTION public.audit_count()\n RETURNS bigint\n LANGUAGE sql\nAS $function$ SELECT count(*) FROM public.audit $function$\n")
        let caller = View(name: "busy", definitionSQL: "CREATE OR REPLACE FUNCTION public.busy()\n RETURNS boolean\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN audit_count() > 10; END $function$\n")
        let other = View(name: "other", definitionSQL: "CREATE OR REPLACE FUNCTION public.other(audit integer)\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN audit + 1; END $function$\n")
        schema.functions = [log, count, caller, other]
        schema.triggers = [
            Trigger(name: "orders_audit", table: "orders", definitionSQL: "CREATE TRIGGER orders_audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE FUNCTION log_change()"),
            Trigger(name: "audit_stamp", table: "audit", definitionSQL: "CREATE TRIGGER audit_stamp BEFORE INSERT ON public.audit FOR EACH ROW EXECUTE FUNCTION log_change()"),
            Trigger(name: "orders_other", table: "orders", definitionSQL: "CREATE TRIGGER orders_other AFTER INSERT ON public.orders FOR EACH ROW EXECUTE PROCEDURE other()"),
        ]
        func workspace(_ tables: String, excluded: String = "") throws -> Workspace {
            try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\(excluded)]\ntables:\n\(tables)\n", file: "test.yml")
        }
        // The table left out: the functions that read it, the one that calls one of them, the trigger
        // of another table that runs one (not the table's own trigger, which goes with it).
        #expect { _ = try RunPlanner().plan(try workspace("  audit: { mode: exclude }"), schema: schema) } throws: { error in
            let text = "\(error)"
            return text.contains("tables.audit") && text.contains(#"exclude_objects: ["function log_change", "function audit_count", "function busy", "trigger orders_audit"]"#)
                && !text.contains("audit_stamp") && !text.contains("other")
        }
        let plan = try RunPlanner().plan(try workspace("  audit: { mode: exclude }", excluded: #""function log_change", "function audit_count", "function busy", "trigger orders_audit""#), schema: schema)
        #expect(plan.schema.functions.map(\.name) == ["other"] && plan.schema.triggers.map(\.name) == ["orders_other"])
        // A function left out by name: the trigger that runs it, a policy that calls it, and what calls it.
        schema.objects = [SchemaObject(kind: .policy, name: "orders.own", table: "orders", definitionSQL: "CREATE POLICY own ON public.orders USING (public.log_change() IS NOT NULL)")]
        #expect { _ = try RunPlanner.excludingObjects(try workspace("  audit: {}", excluded: "\"function log_change\""), from: schema) } throws: { error in
            let text = "\(error)"
            return text.contains("exclude_objects[0]") && text.contains(#"exclude_objects: ["function log_change", "trigger orders_audit", "trigger audit_stamp", "policy orders.own"]"#)
        }
        #expect { _ = try RunPlanner.excludingObjects(try workspace("  audit: {}", excluded: "\"function audit_count\""), from: schema) } throws: { error in
            "\(error)".contains(#"exclude_objects: ["function audit_count", "function busy"]"#)
        }
    }

    @Test("a function, type or domain left out that a table is created with — a column's type or default, a generated column, a check, an index — is refused at its entry, before any write: the run failed creating the table (`function next_code() does not exist`), and none of them can be left out alone")
    func exclusionsTablesAreCreatedWith() throws {
        var schema = Fixtures.shop
        schema.functions = ["next_code", "valid_code", "norm", "unused"].map { View(name: $0, definitionSQL: "CREATE OR REPLACE FUNCTION public.\($0)()\n RETURNS text\n LANGUAGE sql\nAS $function$ SELECT 'x' $function$\n") }
        schema.enums = [EnumType(name: "mood", labels: ["sad", "ok"]), EnumType(name: "spare", labels: ["a"])]
        schema.domains = [View(name: "posint", definitionSQL: "CREATE DOMAIN public.posint AS integer CHECK (VALUE > 0)")]
        schema.tables[0].columns[2].defaultExpression = "next_code()"
        schema.tables[0].columns += [
            Column(name: "mood", declaredType: "mood[]", logicalType: .text, isNullable: true),
            Column(name: "n", declaredType: "posint", logicalType: .integer, isNullable: true),
        ]
        schema.tables[0].constraints = [ConstraintDefinition(kind: "c", name: "customers_name_check", definition: "CHECK (valid_code(name))")]
        schema.tables[1].indexes = [Index(name: "orders_norm", columns: [], isUnique: false, isConstraint: false, definitionSQL: "CREATE INDEX orders_norm ON public.orders USING btree (public.norm(note))")]
        func refusal(_ excluded: String) -> String {
            do {
                _ = try RunPlanner.excludingObjects(try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\"function unused\", \(excluded)]\n", file: "test.yml"), from: schema)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(refusal("\"type spare\"") == "no error")
        let cases = [
            ("function next_code", "column customers.name's default"), ("function valid_code", "constraint customers_name_check of customers"),
            ("function norm", "index orders_norm of orders"), ("type mood", "column customers.mood"), ("domain posint", "column customers.n"),
        ]
        for (entry, user) in cases {
            let text = refusal("\"\(entry)\"")
            #expect(text.contains("exclude_objects[1]") && text.contains(user) && text.contains("remove the entry"), "\(entry): \(text)")
        }
        // Its table left out (`mode: exclude`) with it: nothing needs it.
        #expect(throws: Never.self) { _ = try RunPlanner.excludingObjects(try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\nexclude_objects: [\"function norm\"]\ntables:\n  orders: { mode: exclude }\n", file: "test.yml"), from: schema) }
    }

    @Test("a sequence owned by a table left out that a copied table's default draws from stays, owned by none (the run failed creating that table: relation \"a_id_seq\" does not exist); one nothing else draws from goes")
    func excludedTableSequenceDrawnByAnother() throws {
        var schema = Fixtures.shop
        schema.sequences = [
            SequenceState(name: "audit_id_seq", lastValue: 5, isCalled: true, ownerTable: "audit", ownerColumn: "id"),
            SequenceState(name: "audit_other_seq", lastValue: 1, isCalled: true, ownerTable: "audit", ownerColumn: "what"),
        ]
        schema.tables[1].columns[0].defaultExpression = "nextval('\"audit_id_seq\"'::regclass)"
        let plan = try RunPlanner().plan(try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\ntables:\n  audit: { mode: exclude }\n", file: "test.yml"), schema: schema)
        #expect(plan.schema.sequences.map(\.name) == ["audit_id_seq"])
        #expect(plan.schema.sequences.first?.ownerTable == nil && plan.schema.sequences.first?.ownerColumn == nil && plan.schema.sequences.first?.lastValue == 5)
    }

    @Test("an unknown generator names the path and the nearest generator")
    func unknownGenerator() {
        let message = refusal("  customers:\n    columns:\n      email: { generator: emial }")
        #expect(message == "test.yml:8:27: tables.customers.columns.email.generator: unknown generator \"emial\"; did you mean \"email\"?")
        // A name cut short, or written with another separator, as people remember them (no suggestion came).
        #expect(refusal("  customers:\n    columns:\n      email: { generator: person.full }").hasSuffix("unknown generator \"person.full\"; did you mean \"person.full-name\"?"))
        #expect(refusal("  customers:\n    columns:\n      email: { generator: person_full_name }").hasSuffix("did you mean \"person.full-name\"?"))
        #expect(refusal("  customers:\n    columns:\n      email: { generator: fpe.digit }").hasSuffix("did you mean \"fpe.digits\"?"))
    }

    @Test("unknown tables and columns are named with a suggestion", arguments: [
        ("  customer:\n    columns: {}", "tables.customer: the source has no table \"customer\"; did you mean \"customers\"?"),
        ("  customers:\n    columns:\n      emali: email", "tables.customers.columns.emali: table customers has no column \"emali\"; did you mean \"email\"?"),
    ])
    func unknownNames(tables: String, expected: String) {
        #expect(refusal(tables).contains(expected))
    }

    @Test("a generator that does not accept the column type is refused")
    func typeMismatch() {
        #expect(refusal("  customers:\n    columns:\n      score: { generator: email }").contains("email does not accept integer columns"))
    }

    @Test("unknown and invalid parameters are refused with the accepted ones")
    func parameters() {
        #expect(refusal("  customers:\n    columns:\n      born: { generator: date.shift, dyas: 3 }").contains("date.shift has no parameter \"dyas\"; did you mean \"days\"?"))
        #expect(refusal("  customers:\n    columns:\n      born: { generator: date.shift, days: soon }").contains("expected integer"))
        #expect(refusal("  customers:\n    columns:\n      born: { generator: date.shift, days: 0 }").contains("days must be at least 1"))
        #expect(refusal("  orders:\n    columns:\n      note: { generator: constant }").contains("constant needs this parameter"))
    }

    @Test("foreign-key columns inherit the generator and domain of the key they reference, transitively")
    func inheritance() throws {
        let plan = try plan("  customers:\n    columns:\n      id: { generator: hash }")
        let orders = try #require(plan.table(named: "orders")?.plan(forColumn: "customer_id"))
        #expect(orders.generator == "hash")
        #expect(orders.domain == "customers.id")
        #expect(orders.inheritedFrom == "customers.id")
        let referrer = try #require(plan.table(named: "customers")?.plan(forColumn: "referrer"))
        #expect(referrer.domain == "customers.id")
        #expect(plan.table(named: "shipments")?.plan(forColumn: "order_id") == nil)
    }

    @Test("a chain of keys follows the root: shipments.order_id ← orders.id")
    func chain() throws {
        let plan = try plan("  orders:\n    columns:\n      id: { generator: hash }")
        #expect(plan.table(named: "shipments")?.plan(forColumn: "order_id")?.inheritedFrom == "orders.id")
    }

    @Test("a passthrough table's key columns still follow their parents")
    func passthroughFollows() throws {
        let plan = try plan("  customers:\n    columns:\n      id: { generator: hash }\n  orders: { mode: passthrough }")
        #expect(plan.table(named: "orders")?.plan(forColumn: "customer_id")?.generator == "hash")
    }

    @Test("tables are ordered parents first")
    func order() throws {
        let names = try plan("  audit: {}").tables.map(\.table.name)
        #expect(names.firstIndex(of: "customers")! < names.firstIndex(of: "orders")!)
        #expect(names.firstIndex(of: "orders")! < names.firstIndex(of: "shipments")!)
    }

    @Test("a different generator on a foreign-key column is refused")
    func conflict() {
        let message = refusal("  customers:\n    columns:\n      id: { generator: hash }\n  orders:\n    columns:\n      customer_id: { generator: text.scramble }")
        #expect(message.contains("tables.orders.columns.customer_id: is a foreign key to customers.id, which uses generator hash"))
        let unchanged = refusal("  orders:\n    columns:\n      customer_id: { generator: hash }")
        #expect(unchanged.contains("which passes through unchanged"))
    }

    @Test("a non-unique-safe generator on a primary key or unique column is refused")
    func uniqueness() {
        #expect(refusal("  customers:\n    columns:\n      id: { generator: person.full-name }").contains("is part of a primary key, unique constraint or unique index"))
        #expect(refusal("  customers:\n    columns:\n      id: { generator: hash, format: token }").contains("is part of a primary key, unique constraint or unique index"))
        #expect(refusal("  customers:\n    columns:\n      email: { generator: email }") == "no error")
    }

    @Test("the null generator is refused on NOT NULL columns")
    func notNull() {
        #expect(refusal("  customers:\n    columns:\n      email: { generator: \"null\" }").contains("is NOT NULL"))
        #expect(refusal("  customers:\n    columns:\n      name: { generator: \"null\" }") == "no error")
    }

    @Test("mode exclude leaves a table out of the plan and of the schema the copy is made of, with its triggers, comments and the objects that belong to it; what still reads it or references it is refused before anything is copied, naming the way out")
    func excludedTables() throws {
        var schema = Fixtures.shop
        schema.triggers = [Trigger(name: "audit_stamp", table: "audit", definitionSQL: "CREATE TRIGGER audit_stamp AFTER INSERT ON audit BEGIN SELECT 1; END")]
        schema.objects = [
            SchemaObject(kind: .comment, name: "audit", definitionSQL: "COMMENT ON TABLE audit IS 'who did what'"),
            SchemaObject(kind: .comment, name: "audit.what", definitionSQL: "COMMENT ON COLUMN audit.what IS 'the change'"),
            SchemaObject(kind: .policy, name: "audit.mine", table: "audit", definitionSQL: "CREATE POLICY mine ON audit USING (true)"),
            SchemaObject(kind: .comment, name: "orders", definitionSQL: "COMMENT ON TABLE orders IS 'kept'"),
        ]
        schema.sequences = [SequenceState(name: "audit_id_seq", lastValue: 5, isCalled: true, ownerTable: "audit", ownerColumn: "id")]
        func planned(_ tables: String, extra: String = "", schema: DatabaseSchema) throws -> RunPlan {
            try RunPlanner().plan(try WorkspaceLoader.parse("version: 1\nsource: sqlite:///tmp/s.db\ndestination: sqlite:///tmp/d.db\nsecret: env:S\n\(extra)tables:\n\(tables)\n", file: "test.yml"), schema: schema)
        }
        let plan = try planned("  audit: { mode: exclude }", schema: schema)
        #expect(plan.tables.map(\.table.name).sorted() == ["customers", "orders", "shipments"])
        #expect(plan.schema.table(named: "audit") == nil && plan.schema.triggers.isEmpty && plan.schema.sequences.isEmpty)
        #expect(plan.schema.objects.map(\.name) == ["orders"])
        #expect(plan.excludedTables == ["audit"])

        // A view that reads it (PostgreSQL says so; SQLite's view is read for the name) would fail
        // or be broken in the copy: named, with the entry that leaves it out too.
        var withViews = schema
        var report = View(name: "audit_report", definitionSQL: "CREATE VIEW audit_report AS SELECT what FROM audit")
        report.dependsOn = [View.relationKey("audit")]
        withViews.views = [report, View(name: "recent", definitionSQL: "CREATE VIEW recent AS SELECT * FROM \"Audit\" WHERE id > 10"), View(name: "other", definitionSQL: "CREATE VIEW other AS SELECT 1 AS audit")]
        #expect { _ = try planned("  audit: { mode: exclude }", schema: withViews) } throws: { error in
            let text = "\(error)"
            return text.contains("tables.audit") && text.contains("view audit_report") && text.contains("view recent") && !text.contains("view other")
                && text.contains(#"exclude_objects: ["view audit_report", "view recent"]"#)
        }
        #expect(try planned("  audit: { mode: exclude }", extra: "exclude_objects: [\"view audit_report\", \"view recent\"]\n", schema: withViews).schema.views.map(\.name) == ["other"])

        // Rows that reference it would reference nothing: refused, as for a truncated table; left out
        // together, or with the foreign key left out, they are not.
        #expect { _ = try planned("  customers: { mode: exclude }", schema: schema) } throws: { error in
            let text = "\(error)"
            return text.contains("tables.orders") && text.contains("reference customers") && text.contains("mode: exclude") && text.contains("left out")
        }
        let chain = try planned("  customers: { mode: exclude }\n  orders: { mode: exclude }\n  shipments: { mode: exclude }", schema: schema)
        #expect(chain.tables.map(\.table.name) == ["audit"] && chain.excludedTables == ["customers", "orders", "shipments"])
        var named = schema
        named.tables[2].foreignKeys[0].constraintName = "shipments_order_fk"
        let cut = try planned("  customers: { mode: exclude }\n  orders: { mode: exclude }", extra: "exclude_objects: [\"foreign key shipments.shipments_order_fk\"]\n", schema: named)
        #expect(cut.tables.map(\.table.name).sorted() == ["audit", "shipments"] && cut.schema.table(named: "shipments")?.foreignKeys.isEmpty == true)

        // A subset cannot start from it.
        #expect { _ = try planned("  audit: { mode: exclude }", extra: "subset: { targets: [ { table: audit, percent: 5 } ] }\n", schema: schema) } throws: { error in
            "\(error)".contains("subset.targets[0]: audit is left out of the copy")
        }
        // Its columns' entries stay (a table init wrote, then left out), their names still checked.
        #expect(try planned("  audit:\n    mode: exclude\n    columns:\n      what: text.redact", schema: schema).excludedTables == ["audit"])
        #expect { _ = try planned("  audit:\n    mode: exclude\n    columns:\n      wat: text.redact", schema: schema) } throws: { error in
            "\(error)".contains("tables.audit.columns.wat") && "\(error)".contains("did you mean \"what\"")
        }
    }

    @Test("what SQL reads a table for (a view's or trigger's that names no dependency): after FROM, JOIN, INTO, UPDATE, a comma of a FROM list, a schema's qualifier; not a column's qualifier, an alias, a column of that name or a select list's comma", arguments: [
        ("SELECT * FROM audit", true), ("SELECT * FROM [Audit] a", true), ("SELECT * FROM main.audit", true), ("SELECT 1 FROM t, audit", true),
        ("SELECT 1 FROM t JOIN \"audit\" ON t.id = audit.id", true), ("INSERT INTO audit VALUES (1)", true), ("UPDATE audit SET x = 1", true),
        ("SELECT x IN (SELECT id FROM audit) FROM t", true), ("COMMENT ON TRIGGER stamp ON audit IS 'x'", true),
        ("AS $function$SELECT count(*) FROM audit$function$", true), ("AS $$DELETE FROM ONLY audit$$", true), ("DECLARE r audit%ROWTYPE; BEGIN RETURN 1; END", true),
        ("TRUNCATE audit", true), ("TRUNCATE TABLE ONLY audit", true), ("LOCK TABLE audit IN SHARE MODE", true), ("DELETE FROM audit WHERE id = 1", true),
        ("SELECT audit FROM t", false), ("SELECT a, audit FROM t", false), ("SELECT t.x AS audit FROM t", false), ("SELECT audit.id FROM t audit", false),
        ("SELECT 'FROM audit' FROM t", false), ("SELECT * FROM audits", false), ("COMMENT ON TABLE audit IS 'x'", false),
    ])
    func readsTable(sql: String, reads: Bool) {
        #expect(SQLText.readsTable(in: sql, among: ["audit"]) == reads, "\(sql)")
    }

    @Test("what calls a function: its name, qualified or not, before a parenthesis; not a column, a table or a name in a string", arguments: [
        ("SELECT audit_count()", true), ("RETURN public.audit_count ( ) > 1", true), ("EXECUTE FUNCTION audit_count()", true), ("PERFORM \"audit_count\"(1)", true),
        ("SELECT audit_count FROM t", false), ("INSERT INTO audit_count (x) VALUES (1)", false), ("SELECT 'audit_count()'", false), ("SELECT t.audit_count(1)", true), ("AS $function$SELECT audit_count()$function$", true),
    ])
    func callsFunction(sql: String, calls: Bool) {
        #expect(SQLText.callsFunction(in: sql, among: ["audit_count"]) == calls, "\(sql)")
    }

    @Test("with several schemas, a name without a qualifier is its own schema's", arguments: [
        ("SELECT * FROM audit", "sales", true), ("SELECT * FROM audit", "billing", false), ("SELECT * FROM sales.audit", "billing", true),
        ("SELECT * FROM billing.audit", "sales", false),
    ])
    func readsTableOfSchema(sql: String, home: String, reads: Bool) {
        #expect(SQLText.readsTable(in: sql, among: ["sales.audit"], home: home) == reads, "\(sql) in \(home)")
    }

    @Test("rows that would reference a truncated table are refused")
    func truncatedParent() {
        #expect(refusal("  customers: { mode: truncate }").contains("tables.orders: rows of orders reference customers"))
        #expect(refusal("  customers: { mode: truncate }\n  orders: { mode: truncate }\n  shipments: { mode: truncate }") == "no error")
    }

    @Test("key columns must stay consistent")
    func keysConsistent() {
        #expect(refusal("  customers:\n    columns:\n      id: { generator: hash, consistent: false }").contains("must be consistent"))
    }

    @Test("generators on a non-deidentify table are refused")
    func modeColumns() {
        #expect(refusal("  audit:\n    mode: passthrough\n    columns:\n      what: text.scramble").contains("has mode passthrough"))
    }
}

@Suite("Foreign-key graph")
struct ForeignKeyGraphTests {
    @Test("a two-table cycle still gets a deterministic order containing every table")
    func cycle() {
        let schema = DatabaseSchema(tables: [
            Table(name: "b", columns: [], foreignKeys: [ForeignKey(columns: ["a"], referencedTable: "a", referencedColumns: ["id"])]),
            Table(name: "a", columns: [], foreignKeys: [ForeignKey(columns: ["b"], referencedTable: "b", referencedColumns: ["id"])]),
            Table(name: "c", columns: [], foreignKeys: [ForeignKey(columns: ["a"], referencedTable: "a", referencedColumns: ["id"])]),
        ])
        let order = ForeignKeyGraph(schema: schema).loadOrder()
        #expect(order == ["a", "b", "c"])
    }

    /// The order as it was computed before it kept counts: every round a scan of every table.
    static func roundsByScanning(_ graph: ForeignKeyGraph) -> [String] {
        var remaining = Set(graph.tableNames)
        var order: [String] = []
        let sortedNames = graph.tableNames.sorted()
        while !remaining.isEmpty {
            let ready = sortedNames.filter { remaining.contains($0) && graph.parents[$0, default: []].isDisjoint(with: remaining) }
            if ready.isEmpty {
                let next = sortedNames.first { remaining.contains($0) }!
                order.append(next)
                remaining.remove(next)
                continue
            }
            for name in ready {
                order.append(name)
                remaining.remove(name)
            }
        }
        return order
    }

    @Test("the load order is the one scanning every table each round gave, on 500 random graphs with cycles and self-references; a chain of 3,000 tables in order; lookups by name follow the tables as they change (their cost is measured, not asserted)")
    func sameOrderWithoutScans() {
        var r = KeyedHasher(key: .init(data: [UInt8](repeating: 3, count: 32))).stream([], label: 9)
        for _ in 0..<500 {
            let count = 1 + r.below(30)
            let names = (0..<count).map { "t\($0)" }.shuffled(using: &r)
            let tables = names.map { name in
                Table(name: name, columns: [], foreignKeys: (0..<r.below(4)).map { _ in
                    ForeignKey(columns: ["x"], referencedTable: r.below(10) == 0 ? "elsewhere" : names[r.below(count)], referencedColumns: ["id"])
                })
            }
            let graph = ForeignKeyGraph(schema: DatabaseSchema(tables: tables))
            #expect(graph.loadOrder() == Self.roundsByScanning(graph))
        }
        let chain = (0..<3_000).map { i in
            Table(name: "t\(i)", columns: [], foreignKeys: i == 0 ? [] : [ForeignKey(columns: ["p"], referencedTable: "t\(i - 1)", referencedColumns: ["id"])])
        }
        var schema = DatabaseSchema(tables: chain)
        let order = ForeignKeyGraph(schema: schema).loadOrder()
        #expect(order == (0..<3_000).map { "t\($0)" })
        #expect(schema.table(named: "t2999")?.foreignKeys.first?.referencedTable == "t2998")
        // The index follows the tables as they change.
        schema.tables[5].name = "renamed"
        #expect(schema.table(named: "renamed") != nil && schema.table(named: "t5") == nil)
        schema.tables.append(Table(name: "t5", columns: []))
        #expect(schema.table(named: "t5")?.foreignKeys.isEmpty == true)
    }
}

@Suite("When a PostgreSQL function or view can be created")
struct CreationOrderTests {
    static func function(_ name: String, _ depends: [String]) -> View {
        var view = View(name: name, definitionSQL: "CREATE OR REPLACE FUNCTION \(name)()")
        view.dependsOn = depends.isEmpty ? nil : depends
        return view
    }

    @Test("a function waits for the tables or views it names, and for the functions it calls that wait")
    func stages() {
        var schema = DatabaseSchema(tables: [Table(name: "orders", columns: [])], views: [View(name: "summary", definitionSQL: "CREATE VIEW summary AS SELECT 1")], engine: .postgres)
        schema.functions = [
            Self.function("touch", []),
            Self.function("orders_since", [View.relationKey("orders")]),
            Self.function("top", [View.relationKey("summary")]),
            Self.function("count_top", [View.functionKey("top")]),
            Self.function("count_orders", [View.functionKey("orders_since"), View.functionKey("touch")]),
            // Of a view left out: among the views, where its failure is explained.
            Self.function("elsewhere", [View.relationKey("archive")]),
        ]
        let stages = schema.functionStages()
        #expect(stages == ["touch": .beforeTables, "orders_since": .afterTables, "top": .withViews, "count_top": .withViews, "count_orders": .afterTables, "elsewhere": .withViews])
    }

    @Test("views and functions in an order that creates each after what it needs, otherwise as given; a cycle comes last as given")
    func order() {
        var a = View(name: "a", definitionSQL: ""), b = View(name: "b", definitionSQL: ""), c = View(name: "c", definitionSQL: "")
        a.dependsOn = ["relation c"]
        b.dependsOn = ["relation nowhere"]
        let ordered = View.dependencyOrder([a, b, c], key: { View.relationKey($0.name) }, dependsOn: \.dependsOn).map(\.name)
        #expect(ordered == ["b", "c", "a"])
        var x = View(name: "x", definitionSQL: ""), y = View(name: "y", definitionSQL: "")
        x.dependsOn = ["relation y"]
        y.dependsOn = ["relation x"]
        #expect(View.dependencyOrder([x, y, c], key: { View.relationKey($0.name) }, dependsOn: \.dependsOn).map(\.name) == ["c", "x", "y"])
    }
}
