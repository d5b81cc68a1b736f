import Foundation
import UnderstudyCore

/// Where the model's objects go in a destination. With one copied schema the model names objects
/// plainly and all of them go to one schema. With several (`?schema=sales,billing` on the source)
/// the model names them `schema.name`, and each source schema goes to the destination schema in the
/// same position of the destination URL — during the run, to a staging schema of its own.
///
/// Objects are created with `search_path` set to their own target schema, under their own name;
/// the server's definitions qualify only objects of other schemas (the introspector reads each
/// schema with `search_path` set to it), and those qualifiers are pointed at the other schema's
/// target, so that a view or key binds to the copy, not to the schema it replaces.
struct PostgresSchemaMap: Sendable {
    /// The model's schemas, or nil for one whose objects are named plainly.
    let namespaces: [String]?
    /// Where each namespace's objects are created.
    let targets: [String]
    /// The source schemas whose qualifiers definitions write in quotes (``SchemaQualifiers``),
    /// pointed at the targets: the model's schemas, or its one schema (a name pg_catalog has too,
    /// `"bookings".now()`).
    let qualified: [String]

    init(namespaces: [String]?, targets: [String], schemaNames: [String]? = nil) {
        self.namespaces = namespaces
        self.targets = targets
        qualified = namespaces ?? schemaNames ?? []
    }

    /// The position of the namespace that `name` (`schema.name`) belongs to.
    func index(of name: String) -> Int {
        namespaces.flatMap { DatabaseSchema.locate(name, among: $0)?.index } ?? 0
    }

    /// The name in its own schema.
    func local(_ name: String) -> String {
        namespaces.flatMap { DatabaseSchema.locate(name, among: $0)?.local } ?? name
    }

    /// The model's name of `local`, an object of the namespace in position `index`.
    func modelName(_ local: String, at index: Int) -> String {
        namespaces.map { "\($0[index]).\(local)" } ?? local
    }

    func target(of name: String) -> String { targets[index(of: name)] }

    /// `"target"."name"`.
    func relation(_ name: String) -> String { "\(quoted(target(of: name))).\(quoted(local(name)))" }

    /// A definition with qualifiers of the copied schemas pointed at their targets: those the
    /// introspector wrote in quotes (``PostgresIntrospector/unqualified(_:schema:types:)``), and with
    /// `types`, bare ones too (a column's type: never a relation's name).
    func rewrite(_ sql: String, types: Bool = false) -> String {
        guard SchemaQualifiers.mentions(qualified, in: sql) else { return sql }
        // In the code and in literals that name objects only: other literals are data (``PostgresSQLText``).
        return PostgresSQLText.mapCode(sql) { code in
            SchemaQualifiers.map(code, schemas: qualified) { match in
                match.isQuoted || types ? quoted(targets[match.schema]) + "." : nil
            }
        }
    }

    /// A function's definition with the copied schemas' qualifiers of its header (argument and
    /// result types) pointed at their targets, and of a SQL-standard body, which is bound when it
    /// is created (`BEGIN ATOMIC`); a body in quotes stays as written, since it finds its objects by
    /// name when it runs, after the swap.
    func rewriteFunction(_ sql: String) -> String {
        guard !qualified.isEmpty else { return sql }
        guard let body = sql.range(of: #"\n ?AS \$"#, options: .regularExpression) else { return rewrite(sql) }
        return rewrite(String(sql[..<body.lowerBound])) + sql[body.lowerBound...]
    }

    /// The function as it is made while the copy is built, when its quoted body or its
    /// `SET search_path` names a copied schema: those names pointed at the staging targets. As
    /// written (``rewriteFunction(_:)``) it would find, when an index, a check, a generated column or
    /// a materialized view calls it during the build, the schema the copy replaces — the wrapper
    /// every index over unaccent uses, `public.unaccent('public.unaccent'::regdictionary, $1)`, or a
    /// function with `SET search_path TO 'public'` (`text search dictionary "public.unaccent" does
    /// not exist`). The destination makes it again as written before the swap. Nil when it names
    /// none of them.
    func whileBuilt(_ sql: String) -> String? {
        guard !qualified.isEmpty, let bodyStart = sql.range(of: #"\n ?AS \$"#, options: .regularExpression) else { return nil }
        var header = String(sql[..<bodyStart.lowerBound])
        var changed = false
        // ` SET search_path TO 'public', 'pg_temp'`: each entry a literal of the schema's name.
        if let set = header.range(of: "\n SET search_path TO ") {
            let end = header[set.upperBound...].firstIndex(of: "\n") ?? header.endIndex
            let entries = SchemaLiterals.literals(in: String(header[set.upperBound..<end]))
            if entries.contains(where: qualified.contains) {
                let pointed = entries.map { entry in qualified.firstIndex(of: entry).map { targets[$0] } ?? entry }
                header.replaceSubrange(set.upperBound..<end, with: pointed.map(literal).joined(separator: ", "))
                changed = true
            }
        }
        // The body between its dollar quotes (`$function$ … $function$`), read as SQL.
        let afterAS = sql[sql.index(before: bodyStart.upperBound)...]
        guard let tagEnd = afterAS.dropFirst().firstIndex(of: "$") else { return nil }
        let tag = afterAS[...tagEnd]
        guard let close = afterAS[afterAS.index(after: tagEnd)...].range(of: tag) else { return nil }
        let body = String(afterAS[afterAS.index(after: tagEnd)..<close.lowerBound])
        var mapped = body
        if SchemaQualifiers.mentions(qualified, in: body) {
            mapped = PostgresSQLText.mapCode(body) { code in
                SchemaQualifiers.map(code, schemas: qualified) { match in quoted(targets[match.schema]) + "." }
            }
        }
        guard changed || mapped != body else { return nil }
        return rewrite(header) + sql[bodyStart.lowerBound..<afterAS.index(after: tagEnd)] + mapped + sql[close.lowerBound...]
    }

    /// The statement that marks a schema as a run's own (dropped by a later run once this one's
    /// server session is gone): staging schemas, and replaced schemas until they are dropped.
    static func staging(_ schema: String) -> String {
        "DO $$ BEGIN EXECUTE format('COMMENT ON SCHEMA %I IS %L', \(literal(schema)), 'understudy staging, backend pid=' || pg_backend_pid()); END $$"
    }

    /// The table as it is created in its target schema: its own name, definitions rewritten.
    func local(_ table: Table) -> Table {
        guard !qualified.isEmpty else { return table }
        var local = table
        local.name = self.local(table.name)
        // A column's type and collation, a typed table's type: names of types and collations, never
        // of relations (`COLLATE lib.ci`, `OF lib.addr` of another copied schema).
        local.ofType = local.ofType.map { rewrite($0, types: true) }
        for i in local.columns.indices {
            local.columns[i].declaredType = rewrite(local.columns[i].declaredType, types: true)
            local.columns[i].collation = local.columns[i].collation.map { rewrite($0, types: true) }
            local.columns[i].defaultExpression = local.columns[i].defaultExpression.map { rewrite($0) }
        }
        for i in local.constraints.indices { local.constraints[i].definition = rewrite(local.constraints[i].definition) }
        for i in local.indexes.indices { local.indexes[i].definitionSQL = local.indexes[i].definitionSQL.map { rewrite($0) } }
        return local
    }
}

/// The schema one session's `search_path` names, set only when an object of another schema comes:
/// objects are created and loaded under their own names in their target schema.
struct SearchPath {
    let map: PostgresSchemaMap
    private var current: String?

    init(_ map: PostgresSchemaMap) { self.map = map }

    /// Points the session at the schema where the object named `name` is created.
    mutating func use(_ name: String, on session: PostgresSession, place: String) async throws {
        try await set(map.target(of: name), on: session, place: place)
    }

    mutating func set(_ target: String, on session: PostgresSession, place: String) async throws {
        guard current != target else { return }
        try await session.execute("SET search_path TO \(quoted(target))", place: place)
        current = target
    }

    /// Every target, in the URL's order, then `public` unless the run replaces it, as the source is
    /// read: a reference to an object that reads unqualified in the source (`regclass` `orders` of
    /// either copied schema, or of `public`) resolves to the same schema's copy, or to `public`.
    mutating func setAll(on session: PostgresSession, replacing replaced: [String], place: String) async throws {
        try await session.execute(PostgresSession.readingPath(map.targets, replacing: replaced), place: place)
        current = nil
    }
}
