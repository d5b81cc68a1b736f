import UnderstudyCore

/// Who owns what in a destination schema the run replaces: the copy's objects are given to the same
/// owners. Before, the run's role owned the whole copy, so an application that owns its database
/// and tables (the common set-up: a refresh job runs as an administrator) met `permission denied
/// for table` after every refresh, and its migrations `permission denied for schema public`.
struct PostgresOwners: Sendable {
    /// The replaced schema's owner (`pg_database_owner` for PostgreSQL 15's `public`).
    var schemaOwner: String
    /// Owner by object key (``objectsQuery(schema:)``: `relation customers`, `routine twice(integer)`, `type mood`).
    var objects: [String: String]
    /// The owner of objects the replaced schema had none of: the owner of most of its tables, or,
    /// with none, the schema's (`pg_database_owner`: the database's owner).
    var newObjects: String

    /// Every role the copy's objects are given to.
    var roles: Set<String> { Set(objects.values).union([schemaOwner, newObjects]) }

    /// Rows of (key, owner, object as ALTER names it, whether it is a table) for every object of
    /// schema `s` (a literal) that has an owner of its own, but members of extensions and sequences
    /// that belong to a column (their table's owner is theirs). Run with the search path at the
    /// schema, so that argument types of its own are written unqualified.
    static func objectsQuery(schema s: String) -> String {
        func notExtension(_ catalog: String, _ oid: String) -> String {
            "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '\(catalog)'::regclass AND e.objid = \(oid) AND e.deptype = 'e')"
        }
        // Objects named by their schema and name alone (an operator class or family by its index
        // method too): (label, ALTER's word, catalog, the catalog's column prefix).
        let named = [
            ("statistics", "STATISTICS", "pg_statistic_ext", "stx"), ("collation", "COLLATION", "pg_collation", "coll"), ("conversion", "CONVERSION", "pg_conversion", "con"),
            ("text search configuration", "TEXT SEARCH CONFIGURATION", "pg_ts_config", "cfg"), ("text search dictionary", "TEXT SEARCH DICTIONARY", "pg_ts_dict", "dict"),
            ("operator class", "OPERATOR CLASS", "pg_opclass", "opc"), ("operator family", "OPERATOR FAMILY", "pg_opfamily", "opf"),
        ].map { label, word, catalog, p in
            let method = p == "opc" || p == "opf"
            return """
                SELECT '\(label) ' || o.\(p)name\(method ? " || ' ' || a.amname" : ""), pg_get_userbyid(o.\(p)owner),
                       format('\(word) %I.%I\(method ? " USING %I" : "")', n.nspname, o.\(p)name\(method ? ", a.amname" : "")), 'false'
                FROM \(catalog) o JOIN pg_namespace n ON n.oid = o.\(p)namespace\(method ? " JOIN pg_am a ON a.oid = o.\(p)method" : "")
                WHERE n.nspname = \(s) AND \(notExtension(catalog, "o.oid"))
                """
        }.joined(separator: "\nUNION ALL\n")
        return """
            SELECT 'relation ' || c.relname, pg_get_userbyid(c.relowner),
                   format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, n.nspname, c.relname),
                   (c.relkind IN ('r', 'p'))::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND \(notExtension("pg_class", "c.oid"))
              AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                                   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT 'routine ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_userbyid(p.proowner),
                   format('ROUTINE %I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), 'false'
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(s) AND \(notExtension("pg_proc", "p.oid"))
            UNION ALL
            SELECT 'type ' || t.typname, pg_get_userbyid(t.typowner), format('%s %I.%I', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname), 'false'
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = \(s) AND t.typtype <> 'm' AND \(notExtension("pg_type", "t.oid"))
              AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
              AND NOT EXISTS (SELECT 1 FROM pg_type a WHERE a.typarray = t.oid)
            UNION ALL
            SELECT 'operator ' || o.oprname || '(' || format_type(o.oprleft, NULL) || ',' || format_type(o.oprright, NULL) || ')', pg_get_userbyid(o.oprowner),
                   format('OPERATOR %I.%s (%s, %s)', n.nspname, o.oprname, CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END, format_type(o.oprright, NULL)), 'false'
            FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = \(s) AND \(notExtension("pg_operator", "o.oid"))
            UNION ALL
            \(named)
            """
    }
}

extension PostgresDestination {
    /// The owners of each replaced schema and of its objects, read before any write.
    func readOwners(of replaced: [String], session: PostgresSession, place: String) async throws -> [String: PostgresOwners] {
        var owners: [String: PostgresOwners] = [:]
        for schema in replaced {
            guard let row = try await session.rows("""
                SELECT pg_get_userbyid(n.nspowner), (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database())
                FROM pg_namespace n WHERE n.nspname = \(literal(schema))
                """, place: place).first, let owner = row[0] else { continue }
            try await session.execute("SET search_path TO \(quoted(schema))", place: place)
            let rows = try await session.rows(PostgresOwners.objectsQuery(schema: literal(schema)), place: place)
            try await session.execute("RESET search_path", place: place)
            var objects: [String: String] = [:]
            var tables: [String: Int] = [:]
            for row in rows {
                guard let key = row[0], let role = row[1] else { continue }
                objects[key] = role
                if row[3] == "true" { tables[role, default: 0] += 1 }
            }
            // The owner of most tables (the first by name among equals), else the schema's.
            let prevailing = tables.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key
            let resolved = owner == "pg_database_owner" ? (row[1] ?? owner) : owner
            owners[schema] = PostgresOwners(schemaOwner: owner, objects: objects, newObjects: prevailing ?? resolved)
        }
        return owners
    }

    /// Refuses, before any write, a run whose role may not give the copy's objects to the owners
    /// the replaced schemas' objects have: neither a superuser nor a member of the owner.
    func refuseOwnersTheRunCannotGive(_ owners: [String: PostgresOwners], session: PostgresSession, place: String) async throws {
        let roles = owners.values.reduce(into: Set<String>()) { $0.formUnion($1.roles) }
        guard !roles.isEmpty, try await !session.isSuperuser(place: place) else { return }
        let list = roles.sorted().map(literal).joined(separator: ", ")
        let rows = try await session.rows(
            "SELECT r, quote_ident(r), quote_ident(current_user) FROM unnest(ARRAY[\(list)]::text[]) r WHERE r <> current_user AND NOT pg_has_role(current_user, r::name, 'MEMBER') ORDER BY r",
            place: place)
        guard let me = rows.first?[2] else { return }
        let refused = rows.compactMap { $0[0] }
        let schemas = owners.filter { !$0.value.roles.isDisjoint(with: refused) }.keys.sorted()
        throw AdapterError(
            code: .writeFailed,
            message: "schema \(schemas.joined(separator: ", ")) of the destination or its objects are owned by \(refused.joined(separator: ", ")), and the copy's objects are given to their owners; \(me) may not give them (it is no superuser and no member of \(refused.count == 1 ? "that role" : "those roles")), and a copy it owned would leave \(refused.count == 1 ? "the owner" : "them") without access to \(refused.count == 1 ? "its" : "their") tables; nothing was written. Grant the role to the run's (\(rows.compactMap { $0[1] }.map { "GRANT \($0) TO \(me)" }.joined(separator: "; "))), or run as \(refused.count == 1 ? "it" : "one of them") or as a superuser",
            place: place)
    }

    /// Gives the staging schema `target`'s objects to the owners of their namesakes in the schema it
    /// replaces (objects it has none of to ``PostgresOwners/newObjects``), before the swap; `me` is
    /// the run's role, whose objects need no change.
    /// The new owners get CREATE on the staging schema while it lasts, which PostgreSQL asks of a
    /// new owner of a role that is no superuser.
    func giveToOwners(target: String, owners: PostgresOwners, me: String, session: PostgresSession, place: String) async throws {
        try await session.execute("SET search_path TO \(quoted(target))", place: place)
        // (The search path stays at the schema for the statements: they name argument types as the query wrote them.)
        let rows = try await session.rows(PostgresOwners.objectsQuery(schema: literal(target)), place: place)
        // Argument types of the copy's other schemas are written qualified by their staging names.
        let renames = zip(map.targets, try destinationSchemas(for: map.namespaces)).map { (quoted($0.0) + ".", quoted($0.1) + ".") }
        var changes: [(statement: String, role: String)] = []
        for row in rows {
            guard var key = row[0], let current = row[1], let object = row[2] else { continue }
            for (staged, named) in renames { key = key.replacingOccurrences(of: staged, with: named) }
            let owner = owners.objects[key] ?? owners.newObjects
            if owner != current { changes.append(("ALTER \(object) OWNER TO \(quoted(owner))", owner)) }
        }
        let roles = Set(changes.map(\.role)).subtracting([me]).sorted()
        for role in roles { try await session.execute("GRANT CREATE ON SCHEMA \(quoted(target)) TO \(quoted(role))", place: place) }
        for change in changes { try await session.execute(change.statement, place: "\(place): giving the copy's objects to their owners") }
        for role in roles { try await session.execute("REVOKE CREATE ON SCHEMA \(quoted(target)) FROM \(quoted(role))", place: place) }
        try await session.execute("RESET search_path", place: place)
    }
}
