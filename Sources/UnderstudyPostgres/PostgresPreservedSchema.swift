import Foundation
import UnderstudyCore

/// `preserve_schema`: the destination schema was made by the application's own migrations and
/// stays: its tables are emptied and filled in one transaction on one connection, so a failure
/// rolls back to the old rows; definitions, grants, views, functions and other tables are kept.
extension PostgresDestination {
    func prepareExisting(schema: DatabaseSchema) async throws {
        let place = "destination \(url)"
        // Rows go straight into the destination's own tables (with several schemas, each source
        // schema into the destination schema in the same position).
        map = PostgresSchemaMap(namespaces: schema.namespaces, targets: try destinationSchemas(for: schema.namespaces))
        let session = try connection()
        existingTypes = [:]
        for (index, target) in map.targets.enumerated() {
            let rows = try await session.rows("""
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE n.nspname = \(literal(target)) AND c.relkind IN ('r', 'p')
                """)
            // Keyed by the model's names (`schema.table` with several schemas).
            for row in rows {
                guard let table = row[0], let column = row[1] else { continue }
                existingTypes[map.modelName(table, at: index), default: [:]][column] = row[2] ?? ""
            }
        }
        var missing: [String] = []
        for table in schema.tables {
            guard let columns = existingTypes[table.name] else {
                missing.append("table \(table.name)")
                continue
            }
            missing += table.storedColumns.filter { columns[$0.name] == nil }.map { "column \(table.name).\($0.name)" }
        }
        guard missing.isEmpty else {
            throw AdapterError(
                code: .writeFailed,
                message: "preserve_schema: the destination (schema \(map.targets.joined(separator: ", "))) has no \(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? " (and \(missing.count - 5) more)" : ""); run the application's migrations on it first, or remove preserve_schema to have the schema created",
                place: place)
        }
        let superuser = try await session.isSuperuser()
        try await session.execute("SET search_path TO \(quoted(map.targets[0]))", place: place)
        try await session.execute("BEGIN", place: place)
        // Emptying the tables waits for sessions that read them (a developer's open transaction):
        // for a while, then the run fails with the old rows kept, rather than waiting forever.
        try await session.execute("SET LOCAL lock_timeout = '\(Self.swapLockTimeout)'", place: place)
        if superuser {
            // Triggers (those of foreign keys too) do not fire on the copied rows; keys are checked by verify.
            try await session.execute("SET LOCAL session_replication_role = replica", place: place)
        } else {
            // The table owner may turn its own triggers off; foreign keys are then checked as rows arrive, parents first.
            for table in schema.tables {
                do {
                    try await session.execute("ALTER TABLE \(map.relation(table.name)) DISABLE TRIGGER USER", place: "\(place): table \(table.name) (preserve_schema needs to own the tables or a superuser)")
                } catch {
                    throw Self.heldLock(error, place: place)
                }
                triggersDisabled.append(table.name)
            }
        }
        do {
            try await session.execute("TRUNCATE " + schema.tables.map { map.relation($0.name) }.joined(separator: ", "))
        } catch let error as AdapterError {
            if PostgresSession.isLockTimeout("\(error)") { throw Self.heldLock(error, place: place) }
            throw AdapterError(
                code: .writeFailed,
                message: "preserve_schema: cannot empty the destination's tables; a table that references them must be in the workspace too",
                place: place, underlying: error.underlying)
        }
        droppedForLoad = []
        func dropForLoad(_ what: String, _ name: String, on object: String, definition: String, place subject: String) async throws {
            try await session.execute("ALTER \(what) \(object) DROP CONSTRAINT \(quoted(name))", place: "\(place): \(subject)")
            droppedForLoad.append((subject, "ALTER \(what) \(object) ADD CONSTRAINT \(quoted(name)) \(definition)"))
        }
        if !superuser {
            // Foreign-key triggers stay on for the owner: a row referencing one of a later COPY of its
            // own table, or two tables referencing each other, failed the load. The keys of the loaded
            // tables are dropped for it and added back after, as they were (validated then, in this
            // transaction: an orphan fails the run and the old rows stay).
            let relations = schema.tables.map { literal(map.relation($0.name)) + "::regclass" }.joined(separator: ", ")
            for row in try await session.rows("""
                SELECT con.conrelid::regclass::text, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con
                WHERE con.contype = 'f' AND con.conrelid IN (\(relations)) AND con.conparentid = 0 ORDER BY con.conrelid, con.conname
                """) {
                guard let relation = row[0], let name = row[1], let definition = row[2] else { continue }
                try await dropForLoad("TABLE", name, on: relation, definition: definition, place: "table \(relation)")
            }
        }
        // A check or foreign key added NOT VALID holds for rows written since, and rows from before
        // it may break it. One the source holds NOT VALID too is dropped for the load (the source's
        // old rows break it there as well) and added back as it was; any other still refuses rows.
        for table in schema.tables {
            let names = table.constraints.filter { ($0.kind == "c" || $0.kind == "f") && $0.isNotValid }.map { literal($0.name) }
            guard !names.isEmpty else { continue }
            let relation = map.relation(table.name)
            for row in try await session.rows("""
                SELECT con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con
                WHERE con.conrelid = \(literal(relation))::regclass AND con.conname IN (\(names.joined(separator: ", "))) AND NOT con.convalidated AND con.coninhcount = 0
                ORDER BY con.contype, con.conname
                """) {
                guard let name = row[0], let definition = row[1] else { continue }
                try await dropForLoad("TABLE", name, on: relation, definition: definition, place: "table \(table.name)")
            }
        }
        // So for a domain's check.
        for object in schema.objects where object.kind == .domainConstraint {
            let local = map.local(object.name)
            guard let dot = local.firstIndex(of: ".") else { continue }
            let domain = "\(quoted(map.target(of: object.name))).\(quoted(String(local[..<dot])))", name = String(local[local.index(after: dot)...])
            for row in try await session.rows("""
                SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con
                WHERE con.contypid = to_regtype(\(literal(domain))) AND con.conname = \(literal(name)) AND NOT con.convalidated
                """) {
                guard let definition = row[0] else { continue }
                try await dropForLoad("DOMAIN", name, on: domain, definition: definition, place: "domain \(object.name)")
            }
        }
    }

    /// Sequences of the loaded tables continue after the largest key (and never behind the source);
    /// the application's populated materialized views are refreshed from the new rows (they held
    /// rows computed from the old ones), in creation order, in the load's transaction. Those never
    /// populated stay so: refreshing them is the application's choice.
    func finishExisting(schema: DatabaseSchema) async throws {
        let session = try connection()
        for (subject, statement) in droppedForLoad {
            try await session.execute(statement, place: "destination \(url): \(subject)")
        }
        var set: [String: (value: Int64, called: Bool)] = [:]
        for table in schema.tables {
            for column in table.storedColumns where column.logicalType == .integer {
                try await resetSequence(of: column, in: table, schema: schema, session: session, set: &set)
            }
        }
        let views = try await session.rows("""
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'm' AND c.relispopulated AND n.nspname IN (\(map.targets.map(literal).joined(separator: ", "))) ORDER BY c.oid
            """)
        for view in views.compactMap({ $0[0] }) {
            try await session.execute("REFRESH MATERIALIZED VIEW \(view)", place: "destination \(url): materialized view \(view) (preserve_schema refreshes the populated ones)")
        }
    }

    /// Row counts and, since foreign-key triggers may have been off, orphans of every foreign key of
    /// the loaded tables, as the destination declares them (not those it never validated), and of
    /// the workspace's declared keys.
    func verifyExisting(schema: DatabaseSchema) async throws -> Verification {
        let session = try connection()
        var counts: [String: Int64] = [:]
        var violations: [Verification.ForeignKeyViolation] = []
        // The destination's keys, by the model's table names (parents in the loaded schemas only).
        let targets = map.targets
        func modelName(_ schema: String, _ table: String) -> String? {
            guard let index = targets.firstIndex(of: schema) else { return nil }
            return map.modelName(table, at: index)
        }
        let keys = try await session.rows("""
            SELECT n.nspname, cl.relname, rn.nspname, rf.relname,
                   (SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                   (SELECT string_agg(a.attname, E'\\x1f' ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
            FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_class rf ON rf.oid = con.confrelid
            JOIN pg_namespace n ON n.oid = cl.relnamespace JOIN pg_namespace rn ON rn.oid = rf.relnamespace
            WHERE con.contype = 'f' AND con.conparentid = 0 AND con.convalidated AND n.nspname IN (\(targets.map(literal).joined(separator: ", ")))
            """)
        var foreignKeys: [String: [(columns: [String], referencedTable: String, referencedColumns: [String])]] = [:]
        for row in keys {
            guard let schema = row[0], let relation = row[1], let parentSchema = row[2], let parentRelation = row[3], let columns = row[4], let referenced = row[5],
                  let table = modelName(schema, relation), let parent = modelName(parentSchema, parentRelation) else { continue }
            foreignKeys[table, default: []].append((columns.split(separator: "\u{1F}").map(String.init), parent, referenced.split(separator: "\u{1F}").map(String.init)))
        }
        for table in schema.tables {
            counts[table.name] = Int64(try await session.rows("SELECT count(*)::text FROM \(PostgresDDL.only(table))\(map.relation(table.name))").first?[0] ?? "0") ?? 0
            let declared = table.foreignKeys.filter(\.isVirtual).map { ($0.columns, $0.referencedTable, $0.referencedColumns) }
            for (columns, parent, referenced) in (foreignKeys[table.name] ?? []) + declared {
                let orphans = try await Self.orphanCount(table.name, columns, references: parent, referenced, map: map, session: session)
                if orphans > 0 { violations.append(.init(table: table.name, referencedTable: parent, rows: orphans)) }
            }
        }
        var verification = Verification(rowCounts: counts, foreignKeyViolations: violations)
        verification.writers = eventTriggerWriters
        return verification
    }

    /// `error`, or, where another session kept a lock the run needs past ``swapLockTimeout``, what
    /// to do about it.
    static func heldLock(_ error: Error, place: String) -> Error {
        guard PostgresSession.isLockTimeout("\(error)") else { return error }
        return AdapterError(
            code: .writeFailed,
            message: "another session held a lock on the destination's tables for \(swapLockTimeout), so nothing was written and the destination is as it was; end that session (pg_stat_activity names it) and run again",
            place: place)
    }
}
