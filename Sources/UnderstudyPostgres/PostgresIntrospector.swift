import Foundation
import UnderstudyCore

/// Reads a PostgreSQL schema from pg_catalog: tables (partitioned ones with their partitions), columns
/// with their exact types, defaults, identity and generated columns, constraints as the server
/// writes them, indexes, views, enum types and sequences.
struct PostgresIntrospector {
    let session: PostgresSession

    /// The URL's schemas. Several are merged into one model whose tables (and sequences, types,
    /// functions, views, triggers) are named `schema.name`; each is read with `search_path` set to
    /// it alone, so that the server's definitions qualify exactly the objects of other schemas.
    /// The session's `search_path` is set back as it was (a source's reads name the copied schemas).
    func introspect() async throws -> DatabaseSchema {
        let path = try await session.rows("SELECT current_setting('search_path')").first?[0] ?? nil
        let restore = path.map { "SELECT set_config('search_path', \(literal($0)), false)" } ?? "RESET search_path"
        do {
            let schema = try await introspectSchemas()
            try await session.execute(restore, place: "\(session.role) \(session.url)")
            return schema
        } catch {
            try? await session.execute(restore)
            throw error
        }
    }

    private func introspectSchemas() async throws -> DatabaseSchema {
        let schemas = session.url.schemas
        var merged = DatabaseSchema(tables: [], engine: .postgres)
        // One schema's objects keep their own names.
        if schemas.count > 1 { merged.namespaces = schemas }
        merged.schemaNames = schemas
        merged.databaseSettings = try await Self.databaseSettings(session)
        merged.eventTriggers = try await Self.eventTriggers(session)
        let methods = try await session.rows("""
            SELECT a.amname, format('CREATE ACCESS METHOD %I TYPE TABLE HANDLER %s', a.amname, a.amhandler::regproc) FROM pg_am a
            WHERE a.amtype = 't' AND a.amname <> 'heap' AND \(Self.notInExtension("pg_am", "a"))
            """).compactMap { row in row[0].flatMap { name in row[1].map { (name, $0) } } }
        merged.accessMethods = methods.isEmpty ? nil : Dictionary(methods, uniquingKeysWith: { a, _ in a })
        let names = try await schemaNames(schemas)
        var objectNeeds: [String: Set<String>] = [:]
        for (index, schema) in schemas.enumerated() {
            try await session.execute("SET search_path TO \(quoted(schema))", place: "\(session.role) \(session.url)")
            let one = try await introspect(schema: schema, prefix: schemas.count > 1 ? schema + "." : "", qualifiers: Qualifiers(schemas: names, own: index))
            objectNeeds.merge(try await objectDependencies(schema: schema, schemas: schemas)) { $0.union($1) }
            merged.tables += one.tables
            merged.views += one.views
            merged.triggers += one.triggers
            merged.enums += one.enums
            merged.sequences += one.sequences
            merged.domains += one.domains
            merged.functions += one.functions
            merged.objects += one.objects
            if let objects = one.largeObjects { merged.largeObjects = (merged.largeObjects ?? [:]).merging(objects) { a, _ in a } }
        }
        if merged.tables.isEmpty, session.role.hasSuffix("source") { try await refuseEmptySource(schemas) }
        let dependencies = try await self.dependencies(schemas: schemas)
        for i in merged.views.indices { merged.views[i].dependsOn = dependencies[View.relationKey(merged.views[i].name)].map { $0.sorted() } }
        for i in merged.functions.indices { merged.functions[i].dependsOn = dependencies[View.functionKey(merged.functions[i].name)].map { $0.sorted() } }
        for i in merged.domains.indices { merged.domains[i].dependsOn = objectNeeds[View.typeKey(merged.domains[i].name)].map { $0.sorted() } }
        let needs = dependencies.merging(objectNeeds) { $0.union($1) }
        for i in merged.objects.indices { merged.objects[i].dependsOn = merged.objects[i].key.flatMap { needs[$0] }.map { $0.sorted() } }
        merged.views = View.dependencyOrder(merged.views, key: { View.relationKey($0.name) }, dependsOn: \.dependsOn)
        return merged
    }

    /// A source whose schemas hold no table while others of the database do is a URL naming the
    /// wrong schema (`public` by default), not a database to copy nothing of: `init` wrote a
    /// workspace of no tables and the run copied nothing, exit 0. A database of no tables copies.
    private func refuseEmptySource(_ schemas: [String]) async throws {
        let rows = try await session.rows("""
            SELECT n.nspname, count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND \(Self.notInExtension("pg_class", "c")) GROUP BY 1 ORDER BY 1
            """)
        let others = rows.compactMap { row in row[0].map { ($0, Int(row[1] ?? "") ?? 0) } }
        guard !others.isEmpty else { return }
        let named = schemas.map { "\"\($0)\"" }.joined(separator: ", ")
        let listed = others.prefix(10).map { "\($0.0) (\($0.1) table\($0.1 == 1 ? "" : "s"))" }.joined(separator: ", ") + (others.count > 10 ? " and \(others.count - 10) more" : "")
        throw AdapterError(
            code: .notFound,
            message: "the schema\(schemas.count == 1 ? "" : "s") \(named) \(schemas.count == 1 ? "has" : "have") no tables; this database's tables are in \(listed): name the schemas to copy in the URL, ?schema=\(others.prefix(10).map(\.0).joined(separator: ","))",
            place: "\(session.role) \(session.url)")
    }

    /// One schema; names get `prefix` (foreign keys into another copied schema get that schema's).
    func introspect(schema: String, prefix: String, qualifiers: Qualifiers) async throws -> DatabaseSchema {
        let tableRows = try await session.rows("""
            SELECT c.oid::text, c.relname, c.relpersistence::text, array_to_string(c.reloptions, chr(31)),
                   CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) END, CASE WHEN am.amname <> 'heap' THEN am.amname END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_am am ON am.oid = c.relam
            WHERE n.nspname = \(literal(schema)) AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND \(Self.notInExtension("pg_class", "c")) ORDER BY c.relname
            """)
        if tableRows.isEmpty {
            let exists = try await session.rows("SELECT 1 FROM pg_namespace WHERE nspname = \(literal(schema))")
            if exists.isEmpty {
                let names = try await session.rows("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1").compactMap { $0[0] }
                let hint = Suggestion.nearest(to: schema, in: names).map { "; did you mean \"\($0)\"?" } ?? "; name an existing one with ?schema=NAME (this database has \(names.prefix(10).joined(separator: ", ")))"
                throw AdapterError(code: .notFound, message: "the database has no schema \"\(schema)\"\(hint)", place: "\(session.role) \(session.url)")
            }
        }
        var tables: [String: Table] = [:]
        var inherited: [String: [String]] = [:]
        var order: [String] = []
        var names: [String: String] = [:]
        for row in tableRows {
            guard let oid = row[0], let name = row[1] else { continue }
            names[oid] = name
            order.append(oid)
            tables[oid] = Table(name: prefix + name, columns: [])
            let options = (row[3] ?? "").split(separator: "\u{1F}").map(String.init)
            if row[2] == "u" || !options.isEmpty || row[5] != nil { tables[oid]!.storage = TableStorage(unlogged: row[2] == "u", options: options, accessMethod: row[5]) }
            tables[oid]!.ofType = row[4].map { String(Self.unqualified($0, schema: qualifiers, types: true)) }
        }
        let columnRows = try await session.rows("""
            SELECT a.attrelid::text, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, t.typname, t.typtype::text,
                   COALESCE(bt.typname, ''), COALESCE(t.typcategory::text, ''),
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END, a.attislocal::text,
                   CASE WHEN et.oid IS NOT NULL THEN (CASE WHEN ebt.oid IS NOT NULL THEN \(Self.syntax(of: "ebt")) ELSE \(Self.syntax(of: "et")) END) || '[]'
                        WHEN bt.oid IS NOT NULL THEN \(Self.syntax(of: "bt")) ELSE \(Self.syntax(of: "t")) END,
                   EXISTS (SELECT 1 FROM pg_cast pc WHERE pc.castsource IN (t.oid, t.typbasetype, bt.oid) AND pc.casttarget = 'text'::regtype
                           AND pc.castmethod = 'f' AND pc.oid >= 16384)::text,
                   (COALESCE(bt.oid, t.oid) = 'oid'::regtype)::text
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = \(Self.bottomType(of: "t"))
            LEFT JOIN pg_type et ON et.oid = COALESCE(bt.typelem, t.typelem) AND COALESCE(bt.typcategory, t.typcategory) = 'A'
            LEFT JOIN pg_type ebt ON et.typtype = 'd' AND ebt.oid = \(Self.bottomType(of: "et"))
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = \(literal(schema)) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """)
        var oidColumns: [(table: String, column: String)] = []
        for row in columnRows {
            guard let oid = row[0], tables[oid] != nil, let name = row[1], let type = row[2] else { continue }
            if row[15] == "true", let table = names[oid] { oidColumns.append((table, name)) }
            let generated = row[6] == "s"
            let identity = (row[5] ?? "").isEmpty ? nil : row[5]
            var column = Column(
                name: name, declaredType: type, logicalType: Self.logicalType(typeName: row[7] ?? "", typeType: row[8] ?? "", baseType: row[9] ?? "", category: row[10] ?? ""),
                isNullable: row[3] != "true", defaultExpression: row[4].map { Self.unqualified($0, schema: qualifiers) }, isGenerated: generated)
            column.identity = identity
            column.collation = row[11].map { Self.unqualified($0, schema: qualifiers, types: true) }
            column.syntax = Self.keptSyntax(row[13], of: column)
            if row[14] == "true" { column.castsToTextByFunction = true }
            tables[oid]!.columns.append(column)
            if row[12] == "false" { inherited[oid, default: []].append(name) }
        }
        // The fields of composite columns (and of arrays of a composite, and domains over either), for
        // `composite` and the scanner: a field is typed as a column is.
        let fieldRows = try await session.rows("""
            SELECT a.attrelid::text, a.attname, f.attname, format_type(f.atttypid, f.atttypmod), ft.typname, ft.typtype::text,
                   COALESCE(fbt.typname, ''), COALESCE(ft.typcategory::text, ''),
                   CASE WHEN fbt.oid IS NOT NULL THEN \(Self.syntax(of: "fbt")) ELSE \(Self.syntax(of: "ft")) END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = \(Self.bottomType(of: "t"))
            LEFT JOIN pg_type et ON et.oid = COALESCE(bt.typelem, t.typelem) AND COALESCE(bt.typcategory, t.typcategory) = 'A'
            JOIN pg_type ct ON ct.oid = COALESCE(et.oid, bt.oid, t.oid) AND ct.typtype = 'c'
            JOIN pg_attribute f ON f.attrelid = ct.typrelid AND f.attnum > 0 AND NOT f.attisdropped
            JOIN pg_type ft ON ft.oid = f.atttypid LEFT JOIN pg_type fbt ON ft.typtype = 'd' AND fbt.oid = \(Self.bottomType(of: "ft"))
            WHERE n.nspname = \(literal(schema)) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum, f.attnum
            """)
        for row in fieldRows {
            guard let oid = row[0], let columnName = row[1], let name = row[2], let type = row[3],
                  let index = tables[oid]?.columns.firstIndex(where: { $0.name == columnName }) else { continue }
            var field = Column(
                name: name, declaredType: type, logicalType: Self.logicalType(typeName: row[4] ?? "", typeType: row[5] ?? "", baseType: row[6] ?? "", category: row[7] ?? ""),
                isNullable: true)
            field.syntax = Self.keptSyntax(row[8], of: field)
            tables[oid]!.columns[index].fields = (tables[oid]!.columns[index].fields ?? []) + [field]
        }
        // Inheritance other than partitions: the parents in order, where they are copied too (in this
        // schema, or another of the run's); a table whose parent is not copied is created whole.
        let parentRows = try await session.rows("""
            SELECT i.inhrelid::text, p.relname, pn.nspname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE n.nspname = \(literal(schema)) AND NOT c.relispartition AND c.relkind = 'r' ORDER BY i.inhrelid, i.inhseqno
            """)
        var parents: [String: [String?]] = [:]
        for row in parentRows {
            guard let oid = row[0], tables[oid] != nil, let parent = row[1], let parentSchema = row[2] else { continue }
            let copied = parentSchema == schema ? prefix + parent : (session.url.schemas.contains(parentSchema) && !prefix.isEmpty ? parentSchema + "." + parent : nil)
            parents[oid, default: []].append(copied)
        }
        for (oid, names) in parents where !names.contains(nil) {
            tables[oid]!.inheritance = Inheritance(parents: names.compactMap { $0 }, inheritedColumns: inherited[oid] ?? [])
        }
        // Children in schemas the run does not copy: their rows are the table's too in the source.
        let childRows = try await session.rows("""
            SELECT i.inhparent::text, format('%I.%I', cn.nspname, c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_namespace cn ON cn.oid = c.relnamespace JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE pn.nspname = \(literal(schema)) AND NOT c.relispartition AND cn.nspname NOT IN (\(session.url.schemas.map(literal).joined(separator: ", ")))
            ORDER BY 2
            """)
        for row in childRows {
            guard let oid = row[0], tables[oid] != nil, let child = row[1] else { continue }
            tables[oid]!.childrenNotCopied = (tables[oid]!.childrenNotCopied ?? []) + [child]
        }
        // Partitioned tables: the key, and every partition (sub-partitions too) with its bound.
        let partitionRows = try await session.rows("""
            WITH RECURSIVE tree AS (
              SELECT c.oid AS root, c.oid, c.relname, 0 AS depth FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = \(literal(schema)) AND c.relkind = 'p' AND NOT c.relispartition
              UNION ALL
              SELECT t.root, c.oid, c.relname, t.depth + 1 FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid JOIN pg_class c ON c.oid = i.inhrelid
            )
            SELECT t.root::text, t.depth::text, t.relname, p.relname, pg_get_expr(c.relpartbound, c.oid),
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, cn.nspname, pn.nspname, array_to_string(c.reloptions, chr(31)),
                   (SELECT string_agg(a.attname, chr(31) ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                   (SELECT string_agg(a.attname, chr(31) ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = p.oid AND a.attnum > 0 AND NOT a.attisdropped)
            FROM tree t JOIN pg_class c ON c.oid = t.oid JOIN pg_namespace cn ON cn.oid = c.relnamespace
              LEFT JOIN pg_inherits i ON i.inhrelid = t.oid LEFT JOIN pg_class p ON p.oid = i.inhparent LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
            ORDER BY t.root, t.depth, t.relname
            """)
        // A partition in another schema of the run is named as that schema's tables are
        // (`archive.events_2020`); one in a schema the run does not copy keeps its plain name (the
        // copy holds it in this schema) and says where it was.
        let copied = Set(session.url.schemas)
        func partitionName(_ name: String, in namespace: String?) -> String {
            guard let namespace, namespace != schema, copied.contains(namespace), !prefix.isEmpty else { return name }
            return namespace + "." + name
        }
        for row in partitionRows {
            guard let root = row[0], tables[root] != nil, let name = row[2] else { continue }
            if row[1] == "0" {
                tables[root]!.partitioning = Partitioning(key: row[5] ?? "")
            } else if let parent = row[3], let bound = row[4] {
                let elsewhere = row[6].flatMap { $0 != schema && !copied.contains($0) ? $0 : nil }
                // Its columns' order where it is not its parent's (a table attached as a partition).
                let order = row[9] != row[10] ? row[9].map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) } : nil
                tables[root]!.partitioning?.partitions.append(.init(
                    name: partitionName(name, in: row[6]), parent: partitionName(parent, in: row[7]), bound: bound, subpartitioning: row[5], schemaNotCopied: elsewhere,
                    options: row[8].flatMap { $0.isEmpty ? nil : $0.split(separator: "\u{1F}").map(String.init) }, columns: order))
            }
        }
        let separator = "chr(31)"
        // What partitions keep unique on their own (not through an index of the partitioned table).
        var partitionKeys: [String: [[String]]] = [:]
        for row in try await session.rows("""
            SELECT pg_partition_root(i.indrelid)::oid::text,
              (SELECT string_agg(a.attname, \(separator) ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.ord <= i.indnkeyatts)
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(literal(schema)) AND c.relispartition AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND NOT (0 = ANY (i.indkey))
              AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
            ORDER BY 1, 2
            """) {
            guard let root = row[0], let columns = row[1]?.split(separator: "\u{1F}").map(String.init), partitionKeys[root]?.contains(columns) != true else { continue }
            partitionKeys[root, default: []].append(columns)
        }
        for (root, keys) in partitionKeys { tables[root]?.partitioning?.uniqueInPartitions = keys }
        let constraintRows = try await session.rows("""
            SELECT con.conrelid::text, con.conname, con.contype::text, pg_get_constraintdef(con.oid), con.conislocal::text,
              (SELECT string_agg(att.attname, \(separator) ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.attnum),
              fc.relname, fn.nspname,
              (SELECT string_agg(att.attname, \(separator) ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute att ON att.attrelid = con.confrelid AND att.attnum = k.attnum),
              con.confupdtype::text, con.confdeltype::text, con.convalidated::text, con.condeferrable::text, con.condeferred::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = \(literal(schema)) AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 ORDER BY con.conrelid, con.conname
            """)
        let actions = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        for row in constraintRows {
            guard let oid = row[0], tables[oid] != nil, let name = row[1], let kind = row[2], let definition = row[3] else { continue }
            let columns = (row[5] ?? "").split(separator: "\u{1F}").map(String.init)
            var constraint = ConstraintDefinition(kind: kind, name: name, definition: Self.unqualified(definition, schema: qualifiers))
            // A CHECK a child table inherits (not declared on it too): its parent's creates it.
            if row[4] == "false" { constraint.isInherited = true }
            tables[oid]!.constraints.append(constraint)
            switch kind {
            case "p":
                tables[oid]!.primaryKey = columns
                for c in columns { if let i = tables[oid]!.columns.firstIndex(where: { $0.name == c }) { tables[oid]!.columns[i].isNullable = false } }
            case "u":
                tables[oid]!.indexes.append(Index(name: name, columns: columns, isUnique: true, isConstraint: true))
            case "f":
                guard let parent = row[6] else { continue }
                let parentSchema = row[7] ?? schema
                let copied = session.url.schemas.contains(parentSchema)
                // (A table of a schema the run does not copy is named with its schema: it is none of the model's.)
                let referenced = copied && prefix.isEmpty ? parent : parentSchema + "." + parent
                var key = ForeignKey(
                    columns: columns, referencedTable: referenced, referencedColumns: (row[8] ?? "").split(separator: "\u{1F}").map(String.init),
                    onUpdate: actions[row[9] ?? "a"] ?? "NO ACTION", onDelete: actions[row[10] ?? "a"] ?? "NO ACTION")
                if row[11] == "false" { key.isNotValid = true }
                if row[12] == "true" { key.deferral = row[13] == "true" ? .deferred : .immediate }
                if !copied { key.referencedSchema = parentSchema }
                key.constraintName = name
                tables[oid]!.foreignKeys.append(key)
            default:
                break
            }
        }
        // An index's key columns: not those it carries (`INCLUDE (name)`), which are not unique.
        let indexRows = try await session.rows("""
            SELECT i.indrelid::text, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique::text,
              (SELECT string_agg(a.attname, \(separator) ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE k.ord <= i.indnkeyatts),
              (i.indpred IS NOT NULL)::text
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(literal(schema))
              -- (Not one a failed CREATE INDEX CONCURRENTLY left invalid, which pg_dump leaves out too and
              -- whose duplicates failed the copy; a partitioned table's stays, valid once every partition has one.)
              AND (i.indisvalid OR ic.relkind = 'I')
              -- (Not the indexes a key, unique or exclusion constraint makes; a foreign key names the
              -- index it references in conindid too, and such an index was left out: the key then failed.)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY ic.relname
            """)
        for row in indexRows {
            guard let oid = row[0], tables[oid] != nil, let name = row[1], let definition = row[2] else { continue }
            tables[oid]!.indexes.append(Index(
                name: name, columns: (row[4] ?? "").split(separator: "\u{1F}").map(String.init), isUnique: row[3] == "true", isConstraint: false,
                predicate: row[5] == "true" ? "partial" : nil, definitionSQL: Self.unqualified(definition, schema: qualifiers)))
        }
        // Views and materialized views (created, with their rows, after the load), in creation order;
        // ``introspectSchemas`` puts them in dependency order.
        let viewRows = try await session.rows("""
            SELECT c.relname, pg_get_viewdef(c.oid), c.relkind::text, array_to_string(c.reloptions, ', '), c.relispopulated::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(literal(schema)) AND c.relkind IN ('v', 'm') AND \(Self.notInExtension("pg_class", "c")) ORDER BY c.oid
            """)
        let views = viewRows.compactMap { row -> View? in
            guard let name = row[0], let definition = row[1] else { return nil }
            let body = Self.unqualified(definition, schema: qualifiers)
            // Options: `security_barrier`, `security_invoker`, `check_option=cascaded` (a view's
            // WITH CHECK OPTION is one), a materialized view's storage parameters.
            let options = (row[3] ?? "").isEmpty ? "" : " WITH (\(row[3]!))"
            if row[2] == "m" {
                let query = body.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";"))
                // (One the application fills itself, by a scheduled REFRESH, is left empty as it is.)
                return View(name: prefix + name, definitionSQL: "CREATE MATERIALIZED VIEW \(quoted(name))\(options) AS \(query) WITH \(row[4] == "false" ? "NO " : "")DATA")
            }
            return View(name: prefix + name, definitionSQL: "CREATE VIEW \(quoted(name))\(options) AS \(body)")
        }
        let enumRows = try await session.rows("""
            SELECT t.typname, string_agg(e.enumlabel, \(separator) ORDER BY e.enumsortorder) FROM pg_type t
            LEFT JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = \(literal(schema)) AND t.typtype = 'e' AND \(Self.notInExtension("pg_type", "t")) GROUP BY t.typname ORDER BY t.typname
            """)
        // (An enum of no labels, `ENUM ()`, has no row in pg_enum: its labels are none, not one empty one.)
        let enums = enumRows.compactMap { row -> EnumType? in
            guard let name = row[0] else { return nil }
            return EnumType(name: prefix + name, labels: row[1].map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init) } ?? [])
        }
        let sequenceRows = try await session.rows("""
            SELECT c.relname, oc.relname, a.attname,
              (SELECT format('AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s %s', format_type(q.seqtypid, NULL), q.seqincrement,
                 q.seqmin, q.seqmax, q.seqstart, q.seqcache, CASE WHEN q.seqcycle THEN 'CYCLE' ELSE 'NO CYCLE' END) FROM pg_sequence q WHERE q.seqrelid = c.oid),
              (c.relpersistence = 'u')::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
            LEFT JOIN pg_class oc ON oc.oid = d.refobjid LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE n.nspname = \(literal(schema)) AND c.relkind = 'S' AND \(Self.notInExtension("pg_class", "c")) ORDER BY c.relname
            """)
        // Each sequence's position, read from the sequence itself (pg_sequences hides a position set
        // with is_called false), several sequences per round trip.
        let named = sequenceRows.compactMap { row in row[0].map { (name: $0, owner: row[1], column: row[2], options: row[3], unlogged: row[4] == "true") } }
        var positions: [Int: (lastValue: String?, isCalled: String?)] = [:]
        for start in stride(from: 0, to: named.count, by: 500) {
            let reads = (start..<min(start + 500, named.count)).map {
                "SELECT \($0)::text, last_value::text, is_called::text FROM \(quoted(schema)).\(quoted(named[$0].name))"
            }
            for row in try await session.rows(reads.joined(separator: " UNION ALL ")) {
                if let index = row[0].flatMap({ Int($0) }) { positions[index] = (row[1], row[2]) }
            }
        }
        let sequences = named.enumerated().map { index, sequence in
            var state = SequenceState(
                name: prefix + sequence.name, lastValue: Int64(positions[index]?.lastValue ?? "1") ?? 1, isCalled: positions[index]?.isCalled == "true",
                ownerTable: sequence.owner.map { prefix + $0 }, ownerColumn: sequence.column)
            state.options = sequence.options
            if sequence.unlogged { state.unlogged = true }
            return state
        }
        let domainRows = try await session.rows("""
            SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull::text, t.typdefault,
                   (SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), '' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.convalidated)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = \(literal(schema)) AND t.typtype = 'd' AND \(Self.notInExtension("pg_type", "t")) ORDER BY t.oid
            """)
        let domains = domainRows.compactMap { row -> View? in
            guard let name = row[0], let base = row[1] else { return nil }
            var sql = "CREATE DOMAIN \(quoted(name)) AS \(Self.unqualified(base, schema: qualifiers, types: true))"
            if let expression = row[3] { sql += " DEFAULT \(expression)" }
            if row[2] == "true" { sql += " NOT NULL" }
            return View(name: prefix + name, definitionSQL: Self.unqualified(sql + (row[4] ?? ""), schema: qualifiers))
        }
        // Functions of the schema (not those of extensions), and the triggers on the copied tables.
        let functionRows = try await session.rows("""
            SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = \(literal(schema)) AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
            ORDER BY p.oid
            """)
        let functions = functionRows.compactMap { row -> View? in
            guard let name = row[0], let definition = row[1] else { return nil }
            // The header names the function and its types (qualified by the server: replayed in the
            // staging schema); a body in quotes stays as written, since it runs after the swap,
            // where its names mean what they meant in the source.
            if let body = definition.range(of: #"\n ?AS \$"#, options: .regularExpression) {
                return View(name: prefix + name, definitionSQL: Self.unqualified(String(definition[..<body.lowerBound]), schema: qualifiers) + definition[body.lowerBound...])
            }
            return View(name: prefix + name, definitionSQL: Self.unqualified(definition, schema: qualifiers))
        }
        let tableNames = Set(tables.values.map(\.name))
        let triggerRows = try await session.rows(Self.triggersQuery(schema: literal(schema), relation: "c.relkind <> 'v'"))
        let triggers = triggerRows.compactMap { row -> Trigger? in
            guard let name = row[0], let table = row[1].map({ prefix + $0 }), let definition = row[2], tableNames.contains(table) else { return nil }
            return Trigger(name: prefix + name, table: table, definitionSQL: Self.unqualified(definition, schema: qualifiers))
        }
        var result = DatabaseSchema(
            tables: order.map { tables[$0]! }, views: views, triggers: triggers, engine: .postgres, enums: enums, sequences: sequences,
            domains: domains, functions: functions)
        result.objects = try await objects(schema: schema, prefix: prefix, qualifiers: qualifiers)
        result.largeObjects = try await largeObjectReferences(oidColumns, schema: schema, prefix: prefix)
        if let comment = try await session.rows("SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = \(literal(schema))").first?[0] ?? nil {
            result.objects.append(SchemaObject(kind: .schemaComment, name: prefix + schema, definitionSQL: comment))
        }
        return result
    }

    /// Of `columns` (`oid` or a domain over it): how many of the database's large objects each
    /// references, where any does (``DatabaseSchema/largeObjects``); nil when none does or the
    /// database has no large object (then nothing is read).
    func largeObjectReferences(_ columns: [(table: String, column: String)], schema: String, prefix: String) async throws -> [String: [String: Int]]? {
        guard !columns.isEmpty, try await session.rows("SELECT EXISTS (SELECT 1 FROM pg_largeobject_metadata)::text").first?[0] == "true" else { return nil }
        var found: [String: [String: Int]] = [:]
        for (table, column) in columns {
            let rows = try await session.rows("""
                SELECT count(DISTINCT \(quoted(column)))::text FROM \(quoted(schema)).\(quoted(table))
                WHERE \(quoted(column)) IN (SELECT oid FROM pg_largeobject_metadata)
                """)
            if let text = rows.first?[0], let count = Int(text), count > 0 { found[prefix + table, default: [:]][column] = count }
        }
        return found.isEmpty ? nil : found
    }

    /// What each view and function of the copied schemas needs before it is created, by
    /// ``View/relationKey(_:)``, ``View/functionKey(_:)``, ``View/typeKey(_:)`` of model names, or an
    /// object's label (`operator <<<`): a view's views, materialized views, functions, operators and
    /// types (its rewrite rule's dependencies); a function's or aggregate's relations (read by a
    /// SQL-standard body, or whose row type its signature names, as such or as an array), the
    /// functions its SQL-standard body calls (an aggregate's state and final functions), and the
    /// enums, domains, composite and range types it takes or returns. Only the copied schemas'
    /// objects, not extensions'.
    func dependencies(schemas: [String]) async throws -> [String: Set<String>] {
        let list = schemas.map(literal).joined(separator: ", ")
        return try await needs(schemas: schemas, of: """
            SELECT 'relation' AS kind, vn.nspname AS nsp, v.relname AS name, d.refclassid, d.refobjid
            FROM pg_class v JOIN pg_namespace vn ON vn.oid = v.relnamespace JOIN pg_rewrite r ON r.ev_class = v.oid
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
            WHERE vn.nspname IN (\(list)) AND v.relkind IN ('v', 'm')
            UNION ALL
            SELECT 'function', pn.nspname, p.proname, d.refclassid, d.refobjid
            FROM pg_proc p JOIN pg_namespace pn ON pn.oid = p.pronamespace JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'n'
            WHERE pn.nspname IN (\(list))
            """)
    }

    /// What each domain, composite and range type, operator, cast, conversion, operator class and
    /// family and text search configuration of `schema` needs created before it, as PostgreSQL
    /// records it, keyed as ``dependencies(schemas:)`` keys them (a cast by its types as the
    /// introspector names it: `cast mood AS integer`): a domain's base type and the functions its
    /// checks and default call; a composite type's fields' types; a range type's subtype and
    /// functions; an operator's function and types; a cast's function and types; an operator class's
    /// or family's operators and support functions; a configuration's dictionaries. Read with the
    /// session's search path at `schema`, as ``objects(schema:prefix:qualifiers:)`` names them.
    func objectDependencies(schema: String, schemas: [String]) async throws -> [String: Set<String>] {
        let ns = "(SELECT oid FROM pg_namespace WHERE nspname = \(literal(schema)))"
        let s = literal(schema)
        // An operator class's or family's members (`OPERATOR 1 <<<`, `FUNCTION 1 cmp(…)`) belong to it.
        func members(_ catalog: String, _ alias: String) -> String {
            "d.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass) AND d.objid IN (SELECT m.objid FROM pg_depend m WHERE m.classid = d.classid AND m.refclassid = '\(catalog)'::regclass AND m.refobjid = \(alias).oid)"
        }
        return try await needs(schemas: schemas, of: """
            SELECT 'type' AS kind, \(s) AS nsp, t.typname AS name, d.refclassid, d.refobjid
            FROM pg_type t JOIN pg_depend d ON d.deptype = 'n' AND (d.classid = 'pg_type'::regclass AND d.objid = t.oid
              OR d.classid = 'pg_constraint'::regclass AND d.objid IN (SELECT c.oid FROM pg_constraint c WHERE c.contypid = t.oid)
              OR d.classid = 'pg_class'::regclass AND d.objid = t.typrelid AND t.typtype = 'c')
            WHERE t.typnamespace = \(ns) AND (t.typtype IN ('d', 'r') OR t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))
            UNION ALL
            SELECT 'operator', \(s), o.oprname, d.refclassid, d.refobjid FROM pg_operator o
            JOIN pg_depend d ON d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'n' WHERE o.oprnamespace = \(ns)
            UNION ALL
            SELECT 'cast', \(s), format('%s AS %s', c.castsource::regtype, c.casttarget::regtype), d.refclassid, d.refobjid FROM pg_cast c
            JOIN pg_depend d ON d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'n'
            WHERE c.oid >= 16384 AND (EXISTS (SELECT 1 FROM pg_type t WHERE t.oid IN (c.castsource, c.casttarget) AND t.typnamespace = \(ns))
              OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.oid = c.castfunc AND p.pronamespace = \(ns)))
            UNION ALL
            SELECT 'conversion', \(s), c.conname, d.refclassid, d.refobjid FROM pg_conversion c
            JOIN pg_depend d ON d.classid = 'pg_conversion'::regclass AND d.objid = c.oid AND d.deptype = 'n' WHERE c.connamespace = \(ns)
            UNION ALL
            SELECT 'operator class', \(s), oc.opcname, d.refclassid, d.refobjid FROM pg_opclass oc
            JOIN pg_depend d ON d.deptype = 'n' AND (d.classid = 'pg_opclass'::regclass AND d.objid = oc.oid OR \(members("pg_opclass", "oc")))
            WHERE oc.opcnamespace = \(ns)
            UNION ALL
            SELECT 'operator family', \(s), f.opfname, d.refclassid, d.refobjid FROM pg_opfamily f
            JOIN pg_depend d ON d.deptype = 'n' AND \(members("pg_opfamily", "f")) WHERE f.opfnamespace = \(ns)
            UNION ALL
            SELECT 'text search configuration', \(s), c.cfgname, d.refclassid, d.refobjid FROM pg_ts_config c
            JOIN pg_depend d ON d.classid = 'pg_ts_config'::regclass AND d.objid = c.oid AND d.deptype = 'n' WHERE c.cfgnamespace = \(ns)
            """)
    }

    /// What the rows of `deps` (`kind`, `nsp`, `name` of an object, `refclassid` and `refobjid`
    /// of what it depends on) need among the copied schemas' own objects (not extensions'): each
    /// as a key (``View/relationKey(_:)``, ``View/functionKey(_:)``, ``View/typeKey(_:)``, or
    /// `operator <<<`, `operator family f`, `text search dictionary d`), a table's row type and an
    /// array's element type as such.
    private func needs(schemas: [String], of deps: String) async throws -> [String: Set<String>] {
        let list = schemas.map(literal).joined(separator: ", ")
        func own(_ catalog: String, _ alias: String) -> String {
            "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '\(catalog)'::regclass AND e.objid = \(alias).oid AND e.deptype = 'e')"
        }
        let rows = try await session.rows("""
            WITH deps AS (\(deps))
            SELECT DISTINCT deps.kind, deps.nsp, deps.name,
                   CASE WHEN ref.oid IS NOT NULL THEN 'relation' WHEN f.oid IS NOT NULL THEN 'function' WHEN ty.oid IS NOT NULL THEN 'type'
                        WHEN o.oid IS NOT NULL THEN 'operator' WHEN fam.oid IS NOT NULL THEN 'operator family' ELSE 'text search dictionary' END,
                   coalesce(rn.nspname, fn.nspname, tn.nspname, opn.nspname, famn.nspname, dn.nspname), coalesce(ref.relname, f.proname, ty.typname, o.oprname, fam.opfname, di.dictname)
            FROM deps
            LEFT JOIN pg_type t ON deps.refclassid = 'pg_type'::regclass AND t.oid = deps.refobjid
            LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
            LEFT JOIN pg_class ref ON ref.oid = CASE WHEN deps.refclassid = 'pg_class'::regclass THEN deps.refobjid ELSE coalesce(nullif(et.typrelid, 0), t.typrelid) END
              AND ref.relkind IN ('r', 'p', 'v', 'm')
            LEFT JOIN pg_namespace rn ON rn.oid = ref.relnamespace
            LEFT JOIN pg_proc f ON deps.refclassid = 'pg_proc'::regclass AND f.oid = deps.refobjid \(own("pg_proc", "f"))
            LEFT JOIN pg_namespace fn ON fn.oid = f.pronamespace
            LEFT JOIN pg_type ty ON ty.oid = coalesce(et.oid, t.oid) AND ref.oid IS NULL \(own("pg_type", "ty"))
            LEFT JOIN pg_namespace tn ON tn.oid = ty.typnamespace
            LEFT JOIN pg_operator o ON deps.refclassid = 'pg_operator'::regclass AND o.oid = deps.refobjid \(own("pg_operator", "o"))
            LEFT JOIN pg_namespace opn ON opn.oid = o.oprnamespace
            LEFT JOIN pg_opfamily fam ON deps.refclassid = 'pg_opfamily'::regclass AND fam.oid = deps.refobjid \(own("pg_opfamily", "fam"))
            LEFT JOIN pg_namespace famn ON famn.oid = fam.opfnamespace
            LEFT JOIN pg_ts_dict di ON deps.refclassid = 'pg_ts_dict'::regclass AND di.oid = deps.refobjid \(own("pg_ts_dict", "di"))
            LEFT JOIN pg_namespace dn ON dn.oid = di.dictnamespace
            WHERE coalesce(rn.nspname, fn.nspname, tn.nspname, opn.nspname, famn.nspname, dn.nspname) IN (\(list))
              AND NOT (deps.kind = 'relation' AND ref.oid IS NOT NULL AND ref.relname = deps.name AND rn.nspname = deps.nsp)
            """)
        func model(_ schema: String?, _ name: String?) -> String { schemas.count > 1 ? "\(schema ?? "").\(name ?? "")" : name ?? "" }
        func key(_ kind: String?, _ name: String) -> String {
            switch kind {
            case "relation": View.relationKey(name)
            case "function": View.functionKey(name)
            case "type": View.typeKey(name)
            default: "\(kind ?? "") \(name)"
            }
        }
        var dependencies: [String: Set<String>] = [:]
        for row in rows {
            let own = key(row[0], model(row[1], row[2])), needed = key(row[3], model(row[4], row[5]))
            if own != needed { dependencies[own, default: []].insert(needed) }
        }
        return dependencies
    }

    /// `name=value` of the settings the session's database carries for every role (`ALTER DATABASE … SET`).
    static func databaseSettings(_ session: PostgresSession) async throws -> [String] {
        try await session.rows("""
            SELECT unnest(setconfig) FROM pg_db_role_setting WHERE setrole = 0 AND setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY 1
            """).compactMap { $0[0] }
    }

    /// The statements that create the session's database's enabled event triggers, those of
    /// extensions left out (the extension creates them).
    static func eventTriggers(_ session: PostgresSession) async throws -> [String] {
        try await eventTriggerDefinitions(session).filter { $0.enabled && !$0.ofExtension }.map(\.statement)
    }

    /// An event trigger of a database, as ``eventTriggerDefinitions(_:)`` reads it.
    struct EventTrigger: Sendable {
        var name: String
        /// The statement that creates it.
        var statement: String
        /// It fires (not `DISABLE`d).
        var enabled: Bool
        /// The statement that sets how it fires where that is not the default (`ENABLE REPLICA`,
        /// `ENABLE ALWAYS`, `DISABLE`).
        var state: String?
        /// Its function's schema.
        var schema: String
        /// An extension made it (and makes it again).
        var ofExtension: Bool
    }

    /// Each event trigger of the session's database.
    static func eventTriggerDefinitions(_ session: PostgresSession) async throws -> [EventTrigger] {
        try await session.rows("""
            SELECT e.evtname, format('CREATE EVENT TRIGGER %I ON %s%s EXECUTE FUNCTION %I.%I()', e.evtname, e.evtevent,
              coalesce(' WHEN TAG IN (' || (SELECT string_agg(quote_literal(t), ', ' ORDER BY o) FROM unnest(e.evttags) WITH ORDINALITY u(t, o)) || ')', ''),
              n.nspname, p.proname),
              e.evtenabled::text,
              CASE e.evtenabled WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'D' THEN 'DISABLE' END,
              n.nspname,
              EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid AND d.deptype = 'e')::text
            FROM pg_event_trigger e JOIN pg_proc p ON p.oid = e.evtfoid JOIN pg_namespace n ON n.oid = p.pronamespace
            ORDER BY e.evtname
            """).compactMap { row in
            guard let name = row[0], let statement = row[1], let schema = row[4] else { return nil }
            return EventTrigger(
                name: name, statement: statement, enabled: row[2] != "D", state: row[3].map { "ALTER EVENT TRIGGER \(quoted(name)) \($0)" },
                schema: schema, ofExtension: row[5] == "true")
        }
    }

    /// The names of a copied schema's objects (relations, functions, types, collations, operators,
    /// text search objects…), which tell its qualifiers from a relation's in the server's
    /// definitions (`bookings.now()` against `bookings.book_ref`, a column of the table
    /// `bookings`), and those of them pg_catalog has too, which the server qualifies on any path
    /// (pg_catalog is searched first) and which keep their qualifier in the copy.
    struct SchemaNames: Sendable {
        let schema: String
        var objects: Set<String> = []
        var shadowed: Set<String> = []
    }

    /// The copied schemas' names, and the position of the one whose definitions are being read.
    struct Qualifiers: Sendable {
        var schemas: [SchemaNames]
        var own: Int
    }

    func schemaNames(_ schemas: [String]) async throws -> [SchemaNames] {
        let rows = try await session.rows("""
            WITH names(namespace, name) AS (
              SELECT relnamespace, relname FROM pg_class UNION ALL SELECT pronamespace, proname FROM pg_proc
              UNION ALL SELECT typnamespace, typname FROM pg_type UNION ALL SELECT collnamespace, collname FROM pg_collation
              UNION ALL SELECT oprnamespace, oprname FROM pg_operator UNION ALL SELECT connamespace, conname FROM pg_conversion
              UNION ALL SELECT cfgnamespace, cfgname FROM pg_ts_config UNION ALL SELECT dictnamespace, dictname FROM pg_ts_dict
              UNION ALL SELECT tmplnamespace, tmplname FROM pg_ts_template UNION ALL SELECT prsnamespace, prsname FROM pg_ts_parser
              UNION ALL SELECT opcnamespace, opcname FROM pg_opclass UNION ALL SELECT opfnamespace, opfname FROM pg_opfamily
              UNION ALL SELECT stxnamespace, stxname FROM pg_statistic_ext)
            SELECT DISTINCT s.nspname, n.name, EXISTS (SELECT 1 FROM names c WHERE c.namespace = 'pg_catalog'::regnamespace AND c.name = n.name)::text
            FROM names n JOIN pg_namespace s ON s.oid = n.namespace WHERE s.nspname IN (\(schemas.map(literal).joined(separator: ", ")))
            """)
        var names = schemas.map { SchemaNames(schema: $0) }
        for row in rows {
            guard let schema = row[0], let name = row[1], let index = schemas.firstIndex(of: schema) else { continue }
            names[index].objects.insert(name)
            if row[2] == "true" { names[index].shadowed.insert(name) }
        }
        return names
    }

    /// Takes out the qualifiers the server writes for objects of the schema being read (the
    /// definitions are replayed in its staging schema, found on the path), except for a name
    /// pg_catalog has too (`bookings.now()`: unqualified, it would call pg_catalog's `now()`); those,
    /// and qualifiers of the other copied schemas, are written in quotes (`"bookings".now()`), the
    /// form ``PostgresSchemaMap/rewrite(_:)`` points at the copy — never a relation's name the
    /// server writes bare (`bookings.book_ref`, a column of the table `bookings`, kept as written).
    /// `types`: a type's name (a column's type, a domain's base), whose qualifiers of the other
    /// copied schemas stay as written (the model names its types so).
    static func unqualified(_ sql: String, schema context: Qualifiers, types: Bool = false) -> String {
        let schemas = context.schemas.map(\.schema)
        guard SchemaQualifiers.mentions(schemas, in: sql) else { return sql }
        // In the code and in literals that name objects only: other literals are data (``PostgresSQLText``).
        return PostgresSQLText.mapCode(sql) { code in
            SchemaQualifiers.map(code, schemas: schemas) { match in
                let names = context.schemas[match.schema]
                // A relation's name followed by its column (a name no object of the schema has).
                if let next = match.next, !names.objects.contains(next) { return nil }
                if match.schema == context.own {
                    return match.next.map(names.shadowed.contains) == true ? quoted(names.schema) + "." : ""
                }
                return types ? nil : quoted(names.schema) + "."
            }
        }
    }

    /// `name, table, statement` of each trigger of the schema's relations that `relation` (on
    /// `pg_class c`) keeps: its definition, then the statement that leaves it off, or on for
    /// replication only, or always, as the source has it.
    static func triggersQuery(schema: String, relation: String) -> String {
        """
        SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) || CASE t.tgenabled
            WHEN 'D' THEN format('; ALTER TABLE %I DISABLE TRIGGER %I', c.relname, t.tgname)
            WHEN 'R' THEN format('; ALTER TABLE %I ENABLE REPLICA TRIGGER %I', c.relname, t.tgname)
            WHEN 'A' THEN format('; ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', c.relname, t.tgname) ELSE '' END
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = \(schema) AND \(relation) AND NOT t.tgisinternal ORDER BY c.relname, t.tgname
        """
    }

    /// The type at the bottom of the domain `alias` (a `pg_type` row), through domains over domains
    /// (`money_small` over `money_pos` over `numeric`: read as `money_pos`, it was a type of its own
    /// that no number generator could write), as an SQL expression of its oid.
    static func bottomType(of alias: String) -> String {
        """
        (WITH RECURSIVE chain(oid, kind, base) AS (
           SELECT x.oid, x.typtype, x.typbasetype FROM pg_type x WHERE x.oid = \(alias).typbasetype
           UNION ALL SELECT x.oid, x.typtype, x.typbasetype FROM chain JOIN pg_type x ON x.oid = chain.base WHERE chain.kind = 'd')
         SELECT oid FROM chain WHERE kind <> 'd')
        """
    }

    /// The syntax a type's values follow (``Column/syntax``), for `pg_type` row `alias`: `text` for
    /// the string category.
    static func syntax(of alias: String) -> String {
        """
        CASE WHEN \(alias).typcategory = 'S' THEN 'text' WHEN \(alias).typtype = 'e' THEN 'enum' WHEN \(alias).typtype = 'c' THEN 'composite'
        WHEN \(alias).typtype = 'r' THEN 'range' WHEN \(alias).typtype = 'm' THEN 'multirange' ELSE \(alias).typname::text END
        """
    }

    /// The syntax a column (or a composite's field) keeps (``Column/syntax``): an array's, a text
    /// type's with a syntax of its own, and `money`'s; nil for plain text and types read by value.
    static func keptSyntax(_ syntax: String?, of column: Column) -> String? {
        guard let syntax, syntax.hasSuffix("[]") || (column.logicalType == .text && syntax != "text") || syntax == "money" else { return nil }
        return syntax
    }

    static func logicalType(typeName: String, typeType: String, baseType: String, category: String) -> LogicalType {
        .postgres(typeType == "d" ? baseType : typeName)
    }
}
