import Foundation
import NIOCore
import UnderstudyCore

/// Writes a run into a PostgreSQL schema: everything is built in a staging schema (tables without
/// constraints, COPY, then keys, indexes, sequences and views) which replaces the destination
/// schema in one transaction only after verification. On failure the staging schema is dropped and
/// the destination is untouched.
public final class PostgresDestination: ParallelDestination, EncodedRowConsumer, NotingDestination, @unchecked Sendable {
    // @unchecked: used by the pipeline's task only.
    public let url: PostgresURL
    var session: PostgresSession?
    /// The name of the staging schema (with several copied schemas, the prefix of theirs).
    let staging: String
    /// Where each object of the run is created: the staging schema(s).
    var map: PostgresSchemaMap
    /// Column defaults that call a function created after the tables: `(table, ALTER TABLE … SET
    /// DEFAULT …)`, set once views and such functions exist.
    var deferredDefaults: [(table: String, statement: String)] = []
    /// Functions made with their body's names of copied schemas pointed at staging
    /// (``PostgresSchemaMap/whileBuilt(_:)``): `(name, statement as written)`, made again so
    /// before the swap.
    var functionsBoundToStaging: [(name: String, statement: String)] = []
    public var earlierCopyTables: Set<String> = []
    /// What another engine's copy could not recreate (its views PostgreSQL cannot read, its
    /// triggers, indexes with a condition or expressions), named in the report (``NotingDestination``).
    public private(set) var notes: [RunReport.Finding] = []
    /// What of another engine's table definitions PostgreSQL could not take (a generated column's
    /// expression, a collation), gathered as the tables are created, reported with ``notes``.
    var definitionsLeftBehind: [String] = []
    /// Whether the views were made before the rows: a column of the copy names relations
    /// (`regclass`), and a value naming a view resolves only once the view exists.
    var viewsBeforeRows = false
    /// Foreign keys added NOT VALID while loading, validated after the orphan check.
    var foreignKeyNames: [(table: String, name: String)] = []
    /// Tables whose foreign keys could not be added valid (partitioned tables).
    var foreignKeysFailed = Set<String>()
    /// Tables whose keys and indexes a writer already built.
    let finished = FinishedTables()
    /// Numbers of another engine's source rounded to a declared scale, counted by the writers.
    let rounding = DecimalRounding()
    public var parallelism = 1

    /// Load into the destination's existing tables instead of replacing its schema (`preserve_schema`).
    public let preserveSchema: Bool
    /// With `preserveSchema`: the destination's column types, by table and column.
    var existingTypes: [String: [String: String]] = [:]
    /// With `preserveSchema` and no superuser: tables whose user triggers are off until commit.
    var triggersDisabled: [String] = []
    /// preserve_schema: constraints of the destination dropped for the load and added back after it
    /// as they were — its checks, foreign keys and domain checks the source holds NOT VALID too, and
    /// for a non-superuser every foreign key of the loaded tables: `(place, statement that adds it)`.
    var droppedForLoad: [(place: String, statement: String)] = []

    public var loadsInParallel: Bool { !preserveSchema }

    /// The source's URL and identity (``PostgresSource/identity``), when it is PostgreSQL.
    let sourceURL: PostgresURL?
    let sourceIdentity: String?

    public init(url: PostgresURL, source: PostgresURL? = nil, sourceIdentity: String? = nil, preserveSchema: Bool = false) throws(AdapterError) {
        self.preserveSchema = preserveSchema
        sourceURL = source
        self.sourceIdentity = sourceIdentity
        if let system = url.schemas.first(where: PostgresURL.isSystemSchema) {
            throw AdapterError(
                code: .invalidURL,
                message: "\(system) is a system schema of PostgreSQL; a copy never replaces it. Name a schema of your own with ?schema=",
                place: "destination \(url)")
        }
        if let source, source.host == url.host, source.port == url.port, source.database == url.database, !Set(source.schemas).isDisjoint(with: url.schemas),
           source.socketDirectory == url.socketDirectory {
            throw AdapterError(code: .sameAsSource, message: "the destination is the source schema itself; the source is never written, choose another database or ?schema=", place: "destination \(url)")
        }
        self.url = url
        staging = "understudy_staging_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        map = PostgresSchemaMap(namespaces: nil, targets: [staging])
    }

    /// The destination schema of each of the model's schemas: the one in the same position of the
    /// destination URL, which must name as many.
    func destinationSchemas(for namespaces: [String]?) throws(AdapterError) -> [String] {
        guard let namespaces else { return [url.schema] }
        guard url.schemas.count == namespaces.count else {
            throw AdapterError(
                code: .invalidURL,
                message: "the source copies \(namespaces.count) schemas (\(namespaces.joined(separator: ", "))) but the destination URL names \(url.schemas.count) (\(url.schemas.joined(separator: ", "))); name one destination schema for each, in the same order: ?schema=\(namespaces.joined(separator: ","))",
                place: "destination \(url)")
        }
        return url.schemas
    }

    public var displayName: String { url.description }

    func connection() throws -> PostgresSession {
        guard let session else { throw AdapterError(code: .writeFailed, message: "the destination is not prepared", place: "destination \(url)") }
        return session
    }

    /// The engine of the schema being copied (tables of a PostgreSQL source keep their exact types,
    /// so the source's binary values can be written as they are).
    var sourceEngine: DatabaseEngine?

    public func accepts(format: String, decoded: [Column], of table: Table) -> Bool {
        if preserveSchema {
            // Binary values only into columns of the very same type.
            guard let types = existingTypes[table.name], table.storedColumns.allSatisfy({ types[$0.name] == $0.declaredType }) else { return false }
        }
        return PostgresBinary.accepts(format: format, decoded: decoded, of: table, sourceEngine: sourceEngine)
    }

    /// Names another engine holds that PostgreSQL cannot (``namesPostgresCannotHold(_:)``).
    public func refusal(of schema: DatabaseSchema) -> AdapterError? {
        // More columns than a PostgreSQL table holds (SQLite's hold 2,000).
        let wide = schema.tables.filter { $0.columns.count > 1_600 }
        if !wide.isEmpty {
            return AdapterError(
                code: .unsupportedSchema,
                message: "\(wide.map { "table \($0.name) (\($0.columns.count.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) columns)" }.joined(separator: ", ")): a PostgreSQL table holds at most 1,600 columns; split the table in a copy of the source, or copy into SQLite",
                place: "destination \(url)")
        }
        // The destination schema of each source schema (`init` fills in a URL that names none).
        do { _ = try destinationSchemas(for: schema.namespaces) } catch { return error }
        let unfit = Self.namesPostgresCannotHold(schema)
        guard !unfit.isEmpty else { return nil }
        return AdapterError(
            code: .unsupportedSchema,
            message: "\(unfit.joined(separator: "; ")): PostgreSQL cannot hold these names (no name may be empty, and it cuts a name to 63 bytes, making the two of a pair one); rename them in a copy of the source, or copy into SQLite",
            place: "destination \(url)")
    }

    public func prepare(schema: DatabaseSchema) async throws {
        sourceEngine = schema.engine
        notes = []
        definitionsLeftBehind = []
        if let refusal = refusal(of: schema) { throw refusal }
        keepsPrivileges = schema.keepsDestinationPrivileges == true
        let session = try await PostgresSession(url: url, role: "destination")
        self.session = session
        try await refuseTheSource(session: session)
        try await lock(try destinationSchemas(for: schema.namespaces), session: session)
        // The destination's event triggers, read once: named against the source's, kept through the
        // swap, named where verification finds rows the run did not write.
        destinationEventTriggers = try await PostgresIntrospector.eventTriggerDefinitions(session)
        try await noteDatabaseSettings(of: schema, session: session)
        if preserveSchema { return try await prepareExisting(schema: schema) }
        let place = "destination \(url)"
        if schema.engine == .postgres { try await noteForeignTables(of: schema, session: session) }
        try await refuseMissingOutsideObjects(schema, session: session, place: place)
        try await dropDeadRunsSchemas(session: session, place: place)
        if let namespaces = schema.namespaces {
            _ = try destinationSchemas(for: namespaces)
            map = PostgresSchemaMap(namespaces: namespaces, targets: namespaces.indices.map { "\(staging)_\($0)" })
        } else {
            map = PostgresSchemaMap(namespaces: nil, targets: [staging], schemaNames: schema.schemaNames)
        }
        owners = try await refuseToReplace(try destinationSchemas(for: schema.namespaces), schema: schema, session: session, place: place)
        try await session.execute("SET client_min_messages = warning", place: place)
        for target in map.targets {
            try await session.execute("CREATE SCHEMA \(quoted(target))", place: place)
            try await session.execute(PostgresSchemaMap.staging(target), place: place)
        }
        let samePlace = schema.engine == .postgres
        for object in schema.objects where object.kind == .schemaComment { schemaComments[map.index(of: object.name)] = object.definitionSQL }
        for object in schema.objects where object.kind == .schemaGrant { schemaGrants[map.index(of: object.name), default: []].append(object.definitionSQL) }
        sourcePublications = schema.engine == .postgres ? schema.objects.filter { $0.kind == .publication } : []
        // Functions before the tables (defaults and checks may call them); their bodies are checked when they run.
        if samePlace { try await session.execute("SET check_function_bodies = off", place: place) }
        // Each schema's objects with search_path at its target, under their own names.
        var path = SearchPath(map)
        let stages = schema.functionStages()
        let lateFunctions = Set(schema.functions.filter { stages[$0.name] != .beforeTables }.map { map.local($0.name) })
        deferredDefaults = []
        functionsBoundToStaging = []
        tablesInDefaultStorage = [:]
        // This database's table access methods, read when a table needs one.
        var methodsHere: Set<String>?
        // Types that hold a table's row type: made among the tables, once those exist, each after
        // those it holds (its tables include theirs: the first ready one in this order is makeable).
        let holders = schema.rowTypeHolders()
        let holderTypes = (schema.objects.filter { [.compositeType, .rangeType].contains($0.kind) }.map { ($0.name, $0.dependsOn) }
            + schema.domains.map { ($0.name, $0.dependsOn) }).filter { holders[$0.0] != nil }
        var holdersLeft = View.dependencyOrder(holderTypes, key: { View.typeKey($0.0) }, dependsOn: \.1).map(\.0)
        // Aggregates, operators, casts… of tables' row types: made once the tables exist.
        let objectsAfterTables = schema.objectsAfterTables(stages: stages, holders: holders)
        let castsBy = Self.castsByFunction(schema)
        var tablesMade = Set<String>()
        // Every schema's types, functions and sequences, then every schema's tables: a table may
        // hold a type of a schema after its own (`bookings.flights.mood other.mood`). Composite and
        // range types, domains and functions are ordered over every schema at once (pass 1): a
        // domain of one schema may be over another's (`public.small_pos AS lib.posint`), which
        // was created after it.
        for pass in [0, 1, 2, 3] { for target in map.targets.indices {
            try await path.set(map.targets[target], on: session, place: place)
            func here(_ name: String) -> Bool { map.index(of: name) == target }
            func create(_ kinds: Set<SchemaObject.Kind>) async throws {
                for object in schema.objects where kinds.contains(object.kind) && here(object.name) && !objectsAfterTables.contains(object.label) {
                    try await createObject(object, session: session, target: map.targets[target], place: place)
                }
            }
            if pass == 0, samePlace {
                try await create([.extension, .collation, .textSearchDictionary, .textSearchConfiguration])
                for e in schema.enums where here(e.name) {
                    try await session.execute(
                        "CREATE TYPE \(quoted(map.local(e.name))) AS ENUM (\(e.labels.map(literal).joined(separator: ", ")))", place: "\(place): type \(e.name)")
                }
            }
            if pass == 1, samePlace, target == 0 {
                // Composite and range types, domains and functions of every schema, each after those it names.
                // Function bodies stay as written: they find other schemas' objects by name when they run, after the swap.
                // Aggregates, operators, casts, conversions, operator families and classes among
                // them: a SQL-standard body is bound when it is made, to what it calls, casts and
                // compares with (made after the functions, `SELECT m::integer` failed: cannot cast
                // type mood to integer).
                enum Creation { case object(SchemaObject), domain(View), function(View) }
                var creations: [Creation] = schema.objects.filter { [.compositeType, .rangeType].contains($0.kind) && holders[$0.name] == nil }.map { .object($0) }
                creations += schema.domains.filter { holders[$0.name] == nil }.map { .domain($0) }
                creations += schema.functions.filter { stages[$0.name] == .beforeTables }.map { .function($0) }
                for kinds in Self.operatorKinds {
                    creations += schema.objects.filter { kinds.contains($0.kind) && !objectsAfterTables.contains($0.label) }.map { .object($0) }
                }
                let items = creations.map { creation in
                    switch creation {
                    case .object(let object):
                        PostgresCreationOrder.Item(name: map.local(object.name), sql: object.definitionSQL, isFunction: false, key: object.key, dependsOn: object.dependsOn ?? [])
                    case .domain(let domain):
                        PostgresCreationOrder.Item(name: map.local(domain.name), sql: domain.definitionSQL, isFunction: false, key: View.typeKey(domain.name), dependsOn: domain.dependsOn ?? [])
                    case .function(let function):
                        PostgresCreationOrder.Item(
                            name: map.local(function.name), sql: function.definitionSQL, isFunction: true, key: View.functionKey(function.name),
                            dependsOn: Self.needs(of: function, castsBy: castsBy))
                    }
                }
                for index in PostgresCreationOrder.order(items) {
                    let name: String
                    switch creations[index] {
                    case .object(let object): name = object.name
                    case .domain(let domain): name = domain.name
                    case .function(let function): name = function.name
                    }
                    let own = map.index(of: name)
                    try await path.set(map.targets[own], on: session, place: place)
                    switch creations[index] {
                    case .object(let object): try await createObject(object, session: session, target: map.targets[own], place: place)
                    case .domain(let domain): try await session.execute(map.rewrite(domain.definitionSQL), place: "\(place): domain \(domain.name)")
                    case .function(let function): try await makeFunction(function, session: session, place: place)
                    }
                }
            }
            if pass == 2, samePlace {
                for s in schema.sequences where here(s.name) && !isIdentitySequence(s, schema) {
                    try await session.execute("CREATE \(s.unlogged == true ? "UNLOGGED " : "")SEQUENCE \(quoted(map.local(s.name)))" + (s.options.map { " " + $0 } ?? ""), place: "\(place): sequence \(s.name)")
                }
            }
            if pass < 3 { continue }
            // Parents before the tables that inherit from them.
            func depth(_ table: Table) -> Int {
                (table.inheritance?.parents.compactMap { schema.table(named: $0) }.map { depth($0) + 1 }.max()) ?? 0
            }
            // (And the tables a row-type holder needs before the tables of it.)
            let byDepth = schema.tables.filter({ here($0.name) }).enumerated().sorted(by: { (depth($0.element), $0.offset) < (depth($1.element), $1.offset) }).map(\.element)
            let ordered = holders.isEmpty ? byDepth : View.dependencyOrder(byDepth, key: { View.relationKey($0.name) }) { table in
                schema.holders(usedBy: table, among: holders).flatMap { holders[$0] ?? [] }.map(View.relationKey)
            }
            // The holders whose tables are made (`force`: the rest too, in order).
            func makeHolders(force: Bool = false) async throws {
                while let next = holdersLeft.firstIndex(where: { (holders[$0] ?? []).isSubset(of: tablesMade) }) ?? (force && !holdersLeft.isEmpty ? 0 : nil) {
                    let name = holdersLeft.remove(at: next)
                    let own = map.index(of: name)
                    try await path.set(map.targets[own], on: session, place: place)
                    if let domain = schema.domains.first(where: { $0.name == name }) {
                        try await session.execute(map.rewrite(domain.definitionSQL), place: "\(place): domain \(domain.name)")
                    } else if let object = schema.objects.first(where: { $0.name == name && [.compositeType, .rangeType].contains($0.kind) }) {
                        try await createObject(object, session: session, target: map.targets[own], place: place)
                    }
                }
                try await path.set(map.targets[target], on: session, place: place)
            }
            for table in ordered {
                if !holdersLeft.isEmpty { try await makeHolders() }
                var local = map.local(table)
                // A default calling a function that needs the tables (`DEFAULT next_code()` of a
                // SQL-standard body reading a table) is set once that function exists.
                for i in local.columns.indices {
                    guard let expression = local.columns[i].defaultExpression, Self.calls(expression, anyOf: lateFunctions) else { continue }
                    deferredDefaults.append((table.name, "ALTER TABLE \(PostgresDDL.only(table))\(quoted(local.name)) ALTER COLUMN \(quoted(local.columns[i].name)) SET DEFAULT \(expression)"))
                    local.columns[i].defaultExpression = nil
                }
                let parents = table.inheritance.map { $0.parents.allSatisfy { schema.table(named: $0) != nil } ? $0.parents.map(map.relation) : [] } ?? []
                // An identity column's sequence options (`START WITH 500 INCREMENT BY 10`) and name.
                var identities: [String: String] = [:]
                for s in schema.sequences where s.ownerTable == table.name && isIdentitySequence(s, schema) {
                    guard let column = s.ownerColumn else { continue }
                    var options = s.options ?? ""
                    if options.hasPrefix("AS "), let space = options.dropFirst(3).firstIndex(of: " ") { options = String(options[options.index(after: space)...]) }
                    identities[column] = "SEQUENCE NAME \(quoted(map.local(s.name))) " + options
                }
                // (Read once the extensions, which may bring one, are made: pass 0.)
                if methodsHere == nil, local.storage?.accessMethod != nil { methodsHere = try await tableAccessMethods(session) }
                if let method = local.storage?.accessMethod, methodsHere?.contains(method) != true {
                    local.storage?.accessMethod = nil
                    tablesInDefaultStorage[method, default: []].append(table.name)
                }
                if schema.engine == .postgres {
                    try await session.execute(PostgresDDL.createTable(local, engine: schema.engine, inherits: parents, identities: identities), place: "\(place): table \(table.name)")
                } else {
                    try await createTable(fromSQLite: local, session: session, place: place)
                }
                for statement in PostgresDDL.inheritedColumnSettings(of: local, inherits: parents) {
                    try await session.execute(statement, place: "\(place): table \(table.name)")
                }
                let schemaMap = map
                let relation = { (name: String) in
                    schemaMap.namespaces.flatMap { DatabaseSchema.locate(name, among: $0) } != nil ? schemaMap.relation(name) : quoted(name)
                }
                for statement in PostgresDDL.partitions(of: local, engine: schema.engine, relation: relation) {
                    try await session.execute(statement, place: "\(place): partitions of \(table.name)")
                }
                tablesMade.insert(table.name)
            }
            if !holdersLeft.isEmpty { try await makeHolders() }
            // (One that never became ready — its table is in no copied schema — is made now, for the server to name what it lacks.)
            if target == map.targets.count - 1, !holdersLeft.isEmpty { try await makeHolders(force: true) }
            if samePlace {
                // Serial columns own their sequence, as in the source (pg_get_serial_sequence finds it, DROP TABLE drops it).
                for s in schema.sequences where here(s.name) && !isIdentitySequence(s, schema) {
                    guard let t = s.ownerTable, let c = s.ownerColumn, schema.table(named: t) != nil else { continue }
                    try await session.execute("ALTER SEQUENCE \(quoted(map.local(s.name))) OWNED BY \(map.relation(t)).\(quoted(c))", place: "\(place): sequence \(s.name)")
                }
            }
        } }
        noteTablesInDefaultStorage(of: schema)
        // Triggers that compute a column from others of the row, before the rows: the copy's values
        // make it, not the source's (a search column: copied, it held the words of the columns
        // the run masks; ``ComputedColumns``).
        if samePlace {
            for trigger in schema.triggers where ComputedColumns.computes(trigger) {
                try await path.use(trigger.table, on: session, place: place)
                try await session.execute(map.rewrite(trigger.definitionSQL), place: "\(place): trigger \(trigger.name) on \(trigger.table)")
            }
        }
        // Functions of the tables' row types (`RETURNS SETOF orders`), or whose SQL-standard body
        // reads them: once every schema's tables exist, before the rows (an index may call them).
        if samePlace {
            // Those functions and the aggregates, operators, casts… of row types in one order, each
            // after what it needs: a SQL-standard body may call an aggregate over a row type, which
            // needs its state function of that row type in turn.
            enum Late { case function(View), object(SchemaObject) }
            let late = schema.functions.filter { stages[$0.name] == .afterTables }.map(Late.function)
                + Self.operatorKinds.flatMap { kinds in
                    schema.objects.filter { kinds.contains($0.kind) && objectsAfterTables.contains($0.label) }.map(Late.object)
                }
            let ordered = View.dependencyOrder(late, key: { item in
                switch item {
                case .function(let function): View.functionKey(function.name)
                case .object(let object): object.key ?? object.label
                }
            }, dependsOn: { item in
                switch item {
                case .function(let function): Self.needs(of: function, castsBy: castsBy)
                case .object(let object): object.dependsOn
                }
            })
            for item in ordered {
                switch item {
                case .function(let function):
                    try await path.use(function.name, on: session, place: place)
                    try await makeFunction(function, session: session, place: place)
                case .object(let object):
                    let own = map.index(of: object.name)
                    try await path.set(map.targets[own], on: session, place: place)
                    try await createObject(object, session: session, target: map.targets[own], place: place)
                }
            }
        }
        // A column naming relations (an audit table's `regclass`): the views, and the functions
        // that go with them, before the rows, so that a value naming one loads (the run stopped at
        // it); materialized views are filled after the rows. Views hold no rows: made earlier, the
        // copy is the same.
        viewsBeforeRows = samePlace && schema.tables.contains { $0.columns.contains(where: \.namesDatabaseObjects) }
        if viewsBeforeRows { _ = try await createViews(of: schema, session: session, path: &path, place: place) }
    }

    /// Names the settings the source's database carries (`ALTER DATABASE … SET`) and this one has
    /// not, with the statements that set them (`UND-W014`): a copy is of schemas, not of a database,
    /// and the airline demo's views read `current_setting('bookings.lang')`, which the copy's
    /// database does not have — they failed there, or read another value, without a word.
    func noteDatabaseSettings(of schema: DatabaseSchema, session: PostgresSession) async throws {
        try await noteEventTriggers(of: schema, session: session)
        guard let wanted = schema.databaseSettings, !wanted.isEmpty else { return }
        let here = Set(try await PostgresIntrospector.databaseSettings(session))
        let missing = wanted.filter { !here.contains($0) }
        guard !missing.isEmpty else { return }
        let lists: Set<String> = ["search_path", "temp_tablespaces", "local_preload_libraries", "session_preload_libraries"]
        let statements = missing.map { setting -> String in
            let (name, value) = setting.firstIndex(of: "=").map { (String(setting[..<$0]), String(setting[setting.index(after: $0)...])) } ?? (setting, "")
            let values = lists.contains(name.lowercased()) ? value.components(separatedBy: ", ").map(literal).joined(separator: ", ") : literal(value)
            return "ALTER DATABASE \(quoted(url.database)) SET \(name) = \(values)"
        }
        notes.append(RunReport.Finding(
            id: "UND-W014", severity: .warning, table: "*", column: nil,
            message: "the source's database sets \(missing.joined(separator: "; ")) (ALTER DATABASE … SET), and this one does not: functions and views that read them (current_setting) behave otherwise in the copy; set them where the copy's users expect them: \(statements.joined(separator: "; "))"))
    }

    /// Names the source database's event triggers this one lacks, with the statements that create
    /// them (`UND-W014`): they are the database's, not a schema's, and creating one takes a
    /// superuser, so the copy does not; a DDL audit or a guard against DROP was gone without a word.
    func noteEventTriggers(of schema: DatabaseSchema, session: PostgresSession) async throws {
        guard let wanted = schema.eventTriggers, !wanted.isEmpty else { return }
        let here = Set(destinationEventTriggers.filter { $0.enabled && !$0.ofExtension }.map(\.statement))
        let missing = wanted.filter { !here.contains($0) }
        guard !missing.isEmpty else { return }
        let names = missing.map { $0.dropFirst("CREATE EVENT TRIGGER ".count).prefix { $0 != " " } }
        notes.append(RunReport.Finding(
            id: "UND-W014", severity: .warning, table: "*", column: nil,
            message: "the source's database has event trigger\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")), which this one has not: event triggers are the database's, not a schema's, and the copy does not create them (it takes a superuser); create \(names.count == 1 ? "it" : "them") where the copy's users expect \(names.count == 1 ? "it" : "them"): \(missing.joined(separator: "; "))"))
    }

    /// The table access methods of this database (`heap`, and those created or an extension's).
    func tableAccessMethods(_ session: PostgresSession) async throws -> Set<String> {
        Set(try await session.rows("SELECT amname FROM pg_am WHERE amtype = 't'").compactMap { $0[0] })
    }

    /// Names the tables stored in the default access method because this database has not the
    /// source's (`UND-W014`), with the statement that creates it: an access method is the
    /// database's, and creating one takes a superuser; the table was stored in heap without a word.
    func noteTablesInDefaultStorage(of schema: DatabaseSchema) {
        for (method, tables) in tablesInDefaultStorage.sorted(by: { $0.key < $1.key }) {
            let statement = schema.accessMethods?[method]
            let names = tables.sorted()
            notes.append(RunReport.Finding(
                id: "UND-W014", severity: .warning, table: names.count == 1 ? names[0] : "*", column: nil,
                message: "the source's database has access method \(method), which this one has not: table\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) \(names.count == 1 ? "is" : "are") stored in the default one here (rows and schema otherwise the same); "
                    + (statement.map { "create it (it takes a superuser) and run again: \($0)" } ?? "install the extension that provides it here and run again")))
        }
    }

    /// Names the source's foreign tables, with the statements that create them and their servers
    /// (`UND-W014`): their rows are another system's — a file, another server — and the copy does
    /// not create them, as a copy that read them would reach that system from wherever the copy
    /// goes; they were left out without a word. An `exclude_objects` entry for one silences it.
    func noteForeignTables(of schema: DatabaseSchema, session: PostgresSession) async throws {
        let tables = schema.objects.filter { $0.kind == .foreignTable }
        guard !tables.isEmpty else { return }
        let servers = Set(try await session.rows("SELECT format('CREATE SERVER %I ', srvname) FROM pg_foreign_server").compactMap { $0[0] })
        var statements: [String] = []
        for table in tables {
            for statement in table.definitionSQL.components(separatedBy: ";\n") where !statements.contains(statement) {
                if servers.contains(where: { statement.hasPrefix($0) }) { continue }
                statements.append(statement)
            }
        }
        let names = tables.map(\.name)
        notes.append(RunReport.Finding(
            id: "UND-W014", severity: .warning, table: "*", column: nil,
            message: "the source has foreign table\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")), whose rows are another system's: the copy does not create \(names.count == 1 ? "it" : "them"), as a copy that read them would reach that system from wherever the copy goes; create \(names.count == 1 ? "it" : "them") where the copy's users need \(names.count == 1 ? "it" : "them"): \(statements.joined(separator: "; ")); or say the copy goes without: exclude_objects: [\(names.map { "\"foreign table \($0)\"" }.joined(separator: ", "))]"))
    }

    /// A SQLite table in PostgreSQL: its generated columns computed by their expression where
    /// PostgreSQL reads it (`GENERATED ALWAYS AS (…) STORED`), left empty and named where it does
    /// not; its collations named (PostgreSQL has no `NOCASE`).
    func createTable(fromSQLite table: Table, session: PostgresSession, place: String) async throws {
        var local = table
        let definition = table.definitionSQL.flatMap(SQLiteTableDefinition.init(sql:))
        // (SQLite's functions in PostgreSQL's words, as in views: ``SQLiteViewExpressions``.)
        let expressions = SQLiteViewExpressions(tables: [table])
        for i in local.columns.indices where local.columns[i].isGenerated {
            guard let generated = definition?.column(named: local.columns[i].name)?.generated.map(SQLiteTableDefinition.postgresQuoting) else {
                local.columns[i].defaultExpression = nil
                continue
            }
            local.columns[i].defaultExpression = expressions.translate(generated)
            if local.columns[i].defaultExpression == nil {
                definitionsLeftBehind.append("generated column \(table.name).\(local.columns[i].name) (AS (\(generated)); empty in the copy)")
            }
        }
        for column in definition?.columns ?? [] {
            if let collation = column.collation { definitionsLeftBehind.append("collation \(collation) of \(table.name).\(column.name)") }
        }
        let create = PostgresDDL.createTable(local, engine: .sqlite)
        do {
            try await session.execute(create, place: "\(place): table \(table.name)")
        } catch where local.columns.contains(where: { $0.isGenerated && $0.defaultExpression != nil }) {
            // One expression PostgreSQL does not read fails the whole statement: each is tried on its
            // own (a table made and dropped), and the table made with those it reads.
            var accepted = local
            for i in accepted.columns.indices where accepted.columns[i].isGenerated { accepted.columns[i].defaultExpression = nil }
            for i in local.columns.indices where local.columns[i].isGenerated {
                guard let expression = local.columns[i].defaultExpression else { continue }
                var trial = accepted
                trial.columns[i].defaultExpression = expression
                do {
                    try await session.execute(PostgresDDL.createTable(trial, engine: .sqlite))
                    try await session.execute("DROP TABLE \(quoted(trial.name))")
                    accepted = trial
                } catch {
                    definitionsLeftBehind.append("generated column \(table.name).\(local.columns[i].name) (AS (\(expression)); empty in the copy)")
                }
            }
            local = accepted
            try await session.execute(PostgresDDL.createTable(local, engine: .sqlite), place: "\(place): table \(table.name)")
        }
        definitionsLeftBehind += local.columns.filter { $0.isGenerated && $0.defaultExpression == nil && definition?.column(named: $0.name)?.generated == nil }.map {
            "generated column \(table.name).\($0.name) (empty in the copy)"
        }
    }

    /// A SQLite table's defaults and CHECKs, once its rows are in: each that PostgreSQL reads (and
    /// the rows meet) is kept, each other named. `0` and `1` are `false` and `true` for a boolean.
    func addDefinitions(fromSQLite table: Table, session: PostgresSession) async -> [String] {
        var missing: [String] = []
        let relation = map.relation(table.name)
        for column in table.columns where !column.isGenerated && !table.isSQLiteRowID(column, declaredType: column.declaredType) {
            guard var expression = column.defaultExpression.map(SQLiteTableDefinition.postgresQuoting)?.trimmingCharacters(in: .whitespaces), expression.uppercased() != "NULL" else { continue }
            if column.logicalType == .boolean, let number = Double(expression) { expression = number == 0 ? "false" : "true" }
            if let clock = Self.clockDefault(fromSQLite: expression, type: PostgresDDL.type(for: column, engine: .sqlite)) { expression = clock }
            do {
                try await session.execute("ALTER TABLE \(relation) ALTER COLUMN \(quoted(column.name)) SET DEFAULT \(expression)")
            } catch {
                missing.append("default of \(table.name).\(column.name) (\(expression))")
            }
        }
        let definition = table.definitionSQL.flatMap(SQLiteTableDefinition.init(sql:))
        missing += definition?.conflictClauses ?? []
        let expressions = SQLiteViewExpressions(tables: [table])
        for check in (definition?.columns.flatMap(\.checks) ?? []) + (definition?.checks ?? []) {
            do {
                // (SQLite's functions and LIKE's case in PostgreSQL's words: ``SQLiteViewExpressions``.)
                guard let translated = expressions.translate(SQLiteTableDefinition.postgresQuoting(check)) else { throw SQLRefused() }
                try await session.execute("ALTER TABLE \(relation) ADD CHECK \(translated)")
            } catch {
                missing.append("check on \(table.name) \(check)")
            }
        }
        // A unique key over columns of NOCASE stays unique without case: PostgreSQL has no such
        // collation, and its unique key took `ANN` beside `Ann` (a unique index on `lower()`,
        // which folds more than SQLite's ASCII letters: where the rows differ in such letters alone
        // it cannot be built, and is named).
        let noCase = Set((definition?.columns ?? []).filter { $0.collation?.uppercased() == "NOCASE" }.map { $0.name.lowercased() })
        for index in table.indexes where index.isUnique && index.predicate == nil && !index.columns.isEmpty && !index.hasExpressions
            && index.columns.contains(where: { noCase.contains($0.lowercased()) }) {
            let name = PostgresDDL.madeName(table.name + "_" + index.columns.joined(separator: "_") + "_nocase")
            let keys = index.columns.map { noCase.contains($0.lowercased()) ? "lower(\(quoted($0)))" : quoted($0) }
            if (try? await session.execute("CREATE UNIQUE INDEX \(quoted(name)) ON \(relation) (\(keys.joined(separator: ", ")))")) == nil {
                missing.append("uniqueness without case of \(table.name) (\(index.columns.joined(separator: ", ")))")
            }
        }
        // Indexes with a condition or expressions (`… (email) WHERE deleted_at IS NULL`, `(lower(email))`),
        // which the columns alone do not make: tried as SQLite wrote them, kept where PostgreSQL reads them.
        for index in table.indexes where !index.isConstraint && PostgresDDL.index(index, of: table, engine: .sqlite) == nil {
            if let sql = index.definitionSQL.flatMap({ SQLiteTableDefinition.postgresIndex($0, name: quoted(index.name), on: relation) }),
               (try? await session.execute(sql)) != nil { continue }
            missing.append("index \(index.name) on \(table.name)")
        }
        return missing
    }

    /// A SQLite default of the current time (`CURRENT_TIMESTAMP`, `datetime('now')`, `date('now')`,
    /// `CURRENT_TIME`, `strftime('%s', 'now')`, `unixepoch()`) as PostgreSQL's that gives what SQLite
    /// gives in a column of `type`: UTC, written `YYYY-MM-DD HH:MM:SS` in text (PostgreSQL's own
    /// CURRENT_TIMESTAMP wrote `2026-12-03 16:00:00.123456+00` there), seconds since 1970 in a
    /// number. Nil for any other default (and for local time, which was the machine's where SQLite ran).
    static func clockDefault(fromSQLite expression: String, type: String) -> String? {
        // (Outer parentheses that hold the whole expression: `(datetime('now'))`.)
        let text = SQLText.withoutOuterParentheses(expression).lowercased().filter { !$0.isWhitespace }
        enum Kind { case timestamp, date, time, epoch }
        let kind: Kind
        switch text {
        case "current_timestamp", "datetime('now')", "strftime('%y-%m-%d%h:%m:%s','now')": kind = .timestamp
        case "current_date", "date('now')": kind = .date
        case "current_time", "time('now')": kind = .time
        case "strftime('%s','now')", "unixepoch()", "unixepoch('now')": kind = .epoch
        default: return nil
        }
        let utc = "(now() AT TIME ZONE 'UTC')", seconds = "floor(extract(epoch FROM now()))::bigint"
        switch (type, kind) {
        case ("text", .epoch), (_, .epoch) where type.hasPrefix("varchar"): return "(\(seconds))::text"
        case ("text", _), (_, _) where type.hasPrefix("varchar"):
            return "to_char(\(utc), '\(kind == .timestamp ? "YYYY-MM-DD HH24:MI:SS" : kind == .date ? "YYYY-MM-DD" : "HH24:MI:SS")')"
        case ("bigint", .epoch), ("numeric", .epoch), ("double precision", .epoch): return seconds
        case ("timestamptz", .timestamp): return "now()"
        case ("timestamp", .timestamp): return utc
        case ("timestamp", .date), ("date", .date), ("date", .timestamp): return "(\(utc))::date"
        default: return nil
        }
    }

    /// Names another engine holds and PostgreSQL cannot: empty ones, and pairs that PostgreSQL's
    /// 63-byte limit cuts to one name (tables and the indexes made for them share a namespace;
    /// each table's columns one of their own). None for a PostgreSQL source.
    static func namesPostgresCannotHold(_ schema: DatabaseSchema) -> [String] {
        guard schema.engine != .postgres else { return [] }
        func problems(_ names: [(kind: String, name: String)], of table: String? = nil) -> [String] {
            let suffix = table.map { " of table \($0)" } ?? ""
            var found = names.filter { $0.name.isEmpty }.map { "\($0.kind) \"\"\(suffix) (an empty name)" }
            var seen: [String: (kind: String, name: String)] = [:]
            for entry in names where !entry.name.isEmpty {
                let key = PostgresDDL.cut(entry.name)
                if let earlier = seen[key], earlier.name != entry.name {
                    found.append("\(earlier.kind) \(earlier.name) and \(entry.kind) \(entry.name)\(suffix)")
                } else {
                    seen[key] = entry
                }
            }
            return found
        }
        var found = problems(schema.tables.map { ("table", $0.name) } + schema.tables.flatMap { $0.indexes.filter { !$0.isConstraint }.map { ("index", $0.name) } })
        for table in schema.tables { found += problems(table.columns.map { ("column", $0.name) }, of: table.name) }
        return found
    }

    /// Refuses a destination that is the source's own schema by another spelling (a socket and TCP,
    /// `localhost` and `127.0.0.1`, a pooler): the URLs differed, so the run built its copy beside
    /// the source and the swap replaced the source schema with it — the source, de-identified in
    /// place. The two connections' identities tell, whatever the URLs say.
    /// The advisory lock's key for a run into `schemas` (its first half is Understudy's own).
    static func lockKey(_ schemas: [String]) -> String {
        "SELECT 1431655769, hashtext(\(literal("understudy " + schemas.sorted().joined(separator: ","))))"
    }

    /// One run per destination schema: a session-level advisory lock in the destination database,
    /// keyed by the schemas the run replaces, held by the run's session from before its first write
    /// until it closes (the server drops it with the session, however the run ends). A second run
    /// fails at once, naming the holder, and touches nothing; before, it built a second copy beside
    /// the first, the later swap replaced the earlier, and each run's report claimed the copy.
    func lock(_ schemas: [String], session: PostgresSession) async throws {
        let key = Self.lockKey(schemas)
        guard try await session.rows("SELECT pg_try_advisory_lock(k1, k2)::text FROM (\(key)) AS k(k1, k2)").first?[0] != "true" else { return }
        let holder = try await session.rows("""
            SELECT a.pid::text, coalesce(a.usename, '?'), coalesce(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'), '?'), coalesce(nullif(a.application_name, ''), '?')
            FROM (\(key)) AS k(k1, k2) JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.classid::bigint = k.k1 AND l.objid::bigint = (k.k2::bigint + 4294967296) % 4294967296 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            LEFT JOIN pg_stat_activity a ON a.pid = l.pid LIMIT 1
            """).first
        let who = holder.map { "server process \($0[0] ?? "?") of user \($0[1] ?? "?"), connected \($0[2] ?? "?") (\($0[3] ?? "?"))" } ?? "a session that has since ended"
        throw AdapterError(
            code: .destinationBusy,
            message: "another run is writing schema \(schemas.joined(separator: ", ")) of this database (\(who)); nothing was written. Wait for it to finish, or stop it (`SELECT pg_terminate_backend(pid)`) if it is stuck",
            place: "destination \(url)")
    }

    /// What the run reads of the schemas it replaces before it writes, refusing what it may not
    /// replace: another application's tables with rows, objects outside them that depend on them,
    /// event triggers on their functions, objects whose owner the run's role may not give them to.
    /// The owners of each replaced schema's objects, for the copy.
    func refuseToReplace(_ replaced: [String], schema: DatabaseSchema, session: PostgresSession, place: String) async throws -> [String: PostgresOwners] {
        try await refuseOtherData(in: replaced, schema: schema, session: session, place: place)
        try await refuseOutsideDependents(of: replaced, session: session, place: place)
        try await refuseEventTriggersOnReplacedFunctions(of: replaced, session: session, place: place)
        let owners = try await readOwners(of: replaced, session: session, place: place)
        try await refuseOwnersTheRunCannotGive(owners, session: session, place: place)
        return owners
    }

    /// What `understudy check` asks of the destination: connects and reads — writes nothing, takes
    /// no lock — what the run would refuse before writing (the source itself, a server that takes
    /// no writes, a role that may not create schemas, objects of other schemas the copy needs, and
    /// ``refuseToReplace(_:schema:session:place:)``). Throws the run's own error; one to connect
    /// with code `cannotOpen`.
    public func refuseBeforeWriting(schema: DatabaseSchema) async throws {
        if let refusal = refusal(of: schema) { throw refusal }
        let session: PostgresSession
        let started = ContinuousClock.now
        do {
            session = try await PostgresSession(url: url, role: "destination")
        } catch let error as AdapterError where error.code == .cannotOpen {
            // (A server that answered refuses at once; one that let the attempt time out is not probed.)
            guard ContinuousClock.now - started < .seconds(5) else { throw error }
            throw await Self.databaseRefusal(url, error) ?? error
        }
        do {
            let place = "destination \(url)"
            try await refuseTheSource(session: session)
            let state = try await session.rows("SELECT current_setting('transaction_read_only'), has_database_privilege(current_database(), 'CREATE')::text, current_database()")
            if state.first?[0] == "on" { throw AdapterError(code: .writeFailed, message: PostgresSession.readOnlyDestination, place: place) }
            if !preserveSchema {
                if state.first?[1] == "false" { throw AdapterError(code: .writeFailed, message: PostgresSession.noSchemasCreated(in: state.first?[2] ?? "?"), place: place) }
                try await refuseMissingOutsideObjects(schema, session: session, place: place)
                _ = try await refuseToReplace(try destinationSchemas(for: schema.namespaces), schema: schema, session: session, place: place)
            }
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    /// Where a connection failed, whether the URL's database is what failed: another database of
    /// the server (`postgres`, `template1`) opens with the same role and credentials, so the server
    /// is reached and the role let in, and the named database does not exist or does not let the
    /// role connect — wrong wherever the run runs. Told without reading the server's message, which
    /// is in its language (`Datenbank »x« existiert nicht`); nil where no other database opens.
    static func databaseRefusal(_ url: PostgresURL, _ error: AdapterError) async -> AdapterError? {
        for other in ["postgres", "template1"] where other != url.database {
            var probe = url
            probe.database = other
            probe.connectTimeout = 5
            guard let session = try? await PostgresSession(url: probe, role: "destination") else { continue }
            await session.close()
            return AdapterError(
                code: .notFound,
                message: "database \(url.database) does not open for role \(url.user), though the server's database \(other) does: it does not exist, or the role may not connect to it; correct the URL's database, create it, or GRANT CONNECT ON DATABASE \(url.database) TO \(url.user)",
                place: error.place, underlying: error.underlying)
        }
        return nil
    }

    func refuseTheSource(session: PostgresSession) async throws {
        guard let sourceIdentity, let sourceURL, !Set(sourceURL.schemas).isDisjoint(with: url.schemas),
              try await session.identity() == sourceIdentity else { return }
        // A URL without a host (`postgres:///db?host=/run/postgresql`) reaches the server through its socket folder.
        func place(_ u: PostgresURL) -> String { u.host.isEmpty ? (u.socketDirectory.map { "the socket in \($0)" } ?? "the local socket") : u.host }
        throw AdapterError(
            code: .sameAsSource,
            message: "the destination is the source schema itself, reached by another spelling of its URL (\(place(sourceURL)) and \(place(url)), a socket or TCP); the source is never written, choose another database or ?schema=",
            place: "destination \(url)")
    }

    /// What the copy takes from schemas the run does not copy must be in the destination already:
    /// a foreign key's table (`public.profiles` → `auth.users`), a column's type (`extensions.citext`,
    /// `common.status`), a function a default calls (`extensions.uuid_generate_v4()`). Otherwise the
    /// run stops before anything is written, naming each and the ways out. (It failed at the first
    /// CREATE TABLE, `schema "extensions" does not exist`, or after the load for a key.)
    func refuseMissingOutsideObjects(_ schema: DatabaseSchema, session: PostgresSession, place: String) async throws {
        guard schema.engine == .postgres else { return }
        let copied = Set(schema.schemaNames ?? schema.namespaces ?? [])
        var keys: [String] = [], others: [String] = []
        var checked: [String: Bool] = [:]
        func exists(_ query: String) async throws -> Bool {
            if let known = checked[query] { return known }
            let found = try await session.rows(query).first.map { $0[0] != nil && $0[0] != "0" } ?? false
            checked[query] = found
            return found
        }
        for table in schema.tables {
            for key in table.foreignKeys where !key.isVirtual {
                guard let relation = Self.outsideRelation(of: key), try await !exists("SELECT to_regclass(\(literal(relation)))::text") else { continue }
                keys.append("foreign key \(table.name).\(key.constraintName ?? "?") references \(key.referencedTable)")
            }
            for column in table.columns {
                if let type = Self.outsideName(column.declaredType, copied: copied), try await !exists("SELECT to_regtype(\(literal(type)))::text") {
                    others.append("type \(type) (column \(table.name).\(column.name))")
                }
                // A sequence of another schema (`nextval('other.ticket_seq'::regclass)`), resolved when the table is created.
                for relation in Self.regclassLiterals(column.defaultExpression ?? "") {
                    guard let (namespace, _) = Self.splitQualified(relation), !copied.contains(namespace), namespace != "pg_catalog",
                          try await !exists("SELECT to_regclass(\(literal(relation)))::text") else { continue }
                    others.append("sequence \(relation) (default of \(table.name).\(column.name))")
                }
                for (namespace, function) in Self.qualifiedCalls(column.defaultExpression ?? "") where !copied.contains(namespace) && namespace != "pg_catalog" {
                    let query = "SELECT count(*)::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(literal(namespace)) AND p.proname = \(literal(function))"
                    if try await !exists(query) { others.append("function \(namespace).\(function) (default of \(table.name).\(column.name))") }
                }
            }
        }
        guard !keys.isEmpty || !others.isEmpty else { return }
        var ways = "copy those schemas too (name them in ?schema= of both URLs), or create them in the destination first"
        if !others.isEmpty { ways += " (an extension's type or function: CREATE SCHEMA …; CREATE EXTENSION … WITH SCHEMA …)" }
        if !keys.isEmpty {
            let names = keys.map { "\"" + $0.components(separatedBy: " references ")[0] + "\"" }.joined(separator: ", ")
            ways += ", or leave a key out (`exclude_objects: [\(names)]`)"
        }
        throw AdapterError(
            code: .unsupportedSchema,
            message: "\((keys + others).joined(separator: "; ")): of a schema the run does not copy, and the destination has not got it; \(ways)",
            place: place)
    }

    /// `schema.name` of a type written with a schema the run does not copy (`extensions.citext`,
    /// `common.status[]`, `"My Types".money_amount(2)`), without array marks or modifiers; nil
    /// otherwise.
    static func outsideName(_ declared: String, copied: Set<String>) -> String? {
        var type = Substring(declared)
        while type.hasSuffix("[]") { type = type.dropLast(2) }
        if type.hasSuffix(")"), let open = type.lastIndex(of: "(") { type = type[..<open] }
        guard let (namespace, _) = splitQualified(String(type)), !copied.contains(namespace), namespace != "pg_catalog" else { return nil }
        return String(type)
    }

    /// Schema and name of `schema.name` as the server writes it (either part in quotes where it must
    /// be); nil for a name without a schema.
    static func splitQualified(_ text: String) -> (String, String)? {
        var parts: [String] = [], current = "", quotedPart = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if c == "\"" {
                if quotedPart, chars.first == "\"" { current.append("\""); chars = chars.dropFirst(); continue }
                quotedPart.toggle()
            } else if c == "." && !quotedPart {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    static let regclassPattern = try? NSRegularExpression(pattern: #"'((?:[^']|'')+)'::regclass"#)
    static let qualifiedCallPattern = try? NSRegularExpression(
        pattern: #"(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\.(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))\("#)

    /// The relations an expression names as literals cast to `regclass` (`'other.ticket_seq'::regclass`).
    static func regclassLiterals(_ expression: String) -> [String] {
        guard expression.contains("::regclass"), let regex = regclassPattern else { return [] }
        let text = expression as NSString
        return regex.matches(in: expression, range: NSRange(location: 0, length: text.length)).map {
            text.substring(with: $0.range(at: 1)).replacingOccurrences(of: "''", with: "'")
        }
    }

    /// The schema-qualified function calls of an expression (`extensions.uuid_generate_v4()`).
    static func qualifiedCalls(_ expression: String) -> [(String, String)] {
        guard expression.contains("("), let regex = qualifiedCallPattern else { return [] }
        let text = expression as NSString
        return regex.matches(in: expression, range: NSRange(location: 0, length: text.length)).map { match in
            func group(_ a: Int, _ b: Int) -> String {
                let range = match.range(at: a).location != NSNotFound ? match.range(at: a) : match.range(at: b)
                return text.substring(with: range).replacingOccurrences(of: "\"\"", with: "\"")
            }
            return (group(1, 2), group(3, 4))
        }
    }

    /// `"schema"."table"` of a key's referenced table when the run does not copy its schema.
    static func outsideRelation(of key: ForeignKey) -> String? {
        guard let schema = key.referencedSchema else { return nil }
        return quoted(schema) + "." + quoted(String(key.referencedTable.dropFirst(schema.count + 1)))
    }

    /// Whether an expression calls one of `functions` (by name as the server writes it: plain, or
    /// in quotes, possibly after a schema).
    static func calls(_ expression: String, anyOf functions: Set<String>) -> Bool {
        functions.contains { name in
            for spelled in [name + "(", quoted(name) + "("] {
                var rest = Substring(expression)
                while let found = rest.range(of: spelled) {
                    let before = found.lowerBound == expression.startIndex ? nil : expression[expression.index(before: found.lowerBound)]
                    if before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }) ?? true { return true }
                    rest = rest[found.upperBound...]
                }
            }
            return false
        }
    }

    /// Sets the sequence `column` draws from (when it has one) where the source's stood (a fresh one,
    /// with no source, where it starts), and never where its next value is one a copied row holds:
    /// past the largest for a sequence that counts up, below the smallest for one that counts down.
    /// Its step, direction and bounds are the destination sequence's own (created with the source's).
    /// The sequence is the one the column's default calls (`nextval('countdown')`), or else its
    /// identity's or the one OWNED BY it (a column may own one sequence and draw from another: the
    /// owned one was set past the column's values, the other left). `set` holds the positions given
    /// so far, by sequence: a sequence two columns draw from starts from the first one's, not the
    /// source's again (which put it back below the first table's values).
    func resetSequence(of column: Column, in table: Table, schema: DatabaseSchema, session: PostgresSession, set: inout [String: (value: Int64, called: Bool)]) async throws {
        let relation = map.relation(table.name)
        let place = "destination \(url): sequence of \(table.name).\(column.name)"
        let caller = """
            SELECT d.refobjid FROM pg_attrdef ad
            JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
            JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
            WHERE ad.adrelid = \(literal(relation))::regclass
              AND ad.adnum = (SELECT attnum FROM pg_attribute WHERE attrelid = \(literal(relation))::regclass AND attname = \(literal(column.name)))
            ORDER BY d.refobjid LIMIT 1
            """
        let rows = try await session.rows("""
            SELECT x.s::regclass::text, q.seqincrement::text, q.seqmin::text, q.seqmax::text, q.seqstart::text,
                   (SELECT max(\(quoted(column.name)))::bigint FROM \(relation))::text, (SELECT min(\(quoted(column.name)))::bigint FROM \(relation))::text,
                   n.nspname, c.relname
            FROM (SELECT coalesce((\(caller)), pg_get_serial_sequence(\(literal(relation)), \(literal(column.name)))::regclass::oid) AS s) x
            JOIN pg_sequence q ON q.seqrelid = x.s JOIN pg_class c ON c.oid = x.s JOIN pg_namespace n ON n.oid = c.relnamespace
            """, place: place)
        guard let row = rows.first, let sequence = row[0], let step = row[1].flatMap({ Int64($0) }),
              let lowest = row[2].flatMap({ Int64($0) }), let highest = row[3].flatMap({ Int64($0) }), let start = row[4].flatMap({ Int64($0) }),
              let namespace = row[7], let name = row[8] else { return }
        let drawn = "\(quoted(namespace)).\(quoted(name))"
        let source = schema.sequences.first { map.relation($0.name) == drawn }
            ?? schema.sequences.first { $0.ownerTable == table.name && $0.ownerColumn == column.name }
        var position = set[drawn] ?? source.map { (value: $0.lastValue, called: $0.isCalled) } ?? (value: start, called: false)
        let next: Int64? = position.called ? { let (sum, overflow) = position.value.addingReportingOverflow(step); return overflow ? nil : sum }() : position.value
        if let held = (step > 0 ? row[5] : row[6]).flatMap({ Int64($0) }), let next, step > 0 ? held >= next : held <= next {
            position = (value: Swift.min(Swift.max(held, lowest), highest), called: true)
        }
        try await session.execute("SELECT setval(\(literal(sequence)), \(position.value), \(position.called))", place: place)
        set[drawn] = position
    }

    func isIdentitySequence(_ s: SequenceState, _ schema: DatabaseSchema) -> Bool {
        guard let t = s.ownerTable, let c = s.ownerColumn else { return false }
        return schema.table(named: t)?.column(named: c)?.identity != nil
    }

    /// Drops the staging schemas (and replaced copies) of runs that died — killed, crashed — whose
    /// server session is gone. Done when a run starts and again when it ends: a run started right
    /// after a kill may find the dead run's backend still finishing.
    func dropDeadRunsSchemas(session: PostgresSession, place: String) async throws {
        for row in try await session.rows("SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname LIKE 'understudy\\_staging\\_%'") {
            guard let name = row[0], let pid = row[1].flatMap({ $0.split(separator: "=").last }).map(String.init),
                  try await session.rows("SELECT 1 FROM pg_stat_activity WHERE pid = \(Int(pid) ?? 0)").isEmpty else { continue }
            try await dropWithoutWaiting(name, session: session, place: place)
        }
    }

    /// Refuses a run whose swap would drop objects of other schemas: a view, a foreign key, a
    /// column of a type, a trigger, a default of another schema that uses an object of a schema the
    /// run replaces goes with the replaced schema (`DROP SCHEMA … CASCADE`), and so does what
    /// depends on one automatically (extended statistics of another schema on its table). Before,
    /// a reporting schema's view and foreign key into `public` were dropped without a word. Objects
    /// of extensions are moved into the copy, so what uses them stays.
    /// Refuses, before any write, to replace a destination schema whose tables hold rows and are none
    /// of the source's: no earlier copy (which has the source's tables, or most of them), but another
    /// application's data behind a slip in the URL. A run replaces the schema whole, and dropped it
    /// without a word. (Whether a table holds rows is read from its files' size, which needs no
    /// privilege on it: a table emptied by DELETE counts as holding rows until vacuumed.)
    func refuseOtherData(in replaced: [String], schema: DatabaseSchema, session: PostgresSession, place: String) async throws {
        // (The earlier copy's tables as its report names them: `sales.orders` with several schemas.)
        let sourceTables = Set((schema.tables.map(\.name) + earlierCopyTables).map { name in
            schema.namespaces.flatMap { DatabaseSchema.locate(name, among: $0)?.local } ?? name
        })
        let list = replaced.map(literal).joined(separator: ", ")
        let tables = try await session.rows("""
            SELECT c.relname, c.relispartition::text, (pg_relation_size(c.oid) > 0)::text, format('%I.%I', n.nspname, c.relname), has_table_privilege(c.oid, 'SELECT')::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN (\(list)) AND c.relkind IN ('r', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            ORDER BY 1
            """)
        let named = tables.filter { $0[1] != "true" }.compactMap { $0[0] }
        guard !named.isEmpty, !named.contains(where: sourceTables.contains) else { return }
        // (A table of pages may hold no row: its rows deleted, not yet vacuumed away.)
        var holding: [String] = []
        for row in tables where row[2] == "true" {
            guard let name = row[0], let relation = row[3] else { continue }
            // (One this role may not read is taken to hold rows.)
            guard row[4] == "true" else { holding.append(name); continue }
            if try await session.rows("SELECT EXISTS (SELECT 1 FROM \(relation))::text").first?[0] != "false" { holding.append(name) }
        }
        guard !holding.isEmpty else { return }
        throw AdapterError(
            code: .writeFailed,
            message: "schema \(replaced.joined(separator: ", ")) holds tables with rows, none of them the source's (\(holding.prefix(6).joined(separator: ", "))\(holding.count > 6 ? " and \(holding.count - 6) more" : "")): it is no copy this workspace made, and a run replaces the schema whole, so they would be lost; nothing was written. Check the destination URL (its database and `?schema=`), or drop those tables first if they are to go",
            place: place)
    }

    func refuseOutsideDependents(of replaced: [String], session: PostgresSession, place: String) async throws {
        let list = replaced.map(literal).joined(separator: ", ")
        let rows = try await session.rows("""
            SELECT DISTINCT CASE WHEN d.classid = 'pg_rewrite'::regclass THEN CASE rc.relkind WHEN 'm' THEN 'materialized view ' ELSE 'view ' END || rc.oid::regclass::text
                                 ELSE dep.type || ' ' || dep.identity END
            FROM pg_depend d
            CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) dep
            CROSS JOIN LATERAL pg_identify_object(d.refclassid, d.refobjid, d.refobjsubid) ref
            LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
            LEFT JOIN pg_class rc ON rc.oid = r.ev_class
            LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE d.deptype IN ('n', 'a') AND ref.schema IN (\(list))
              AND coalesce(dep.schema, rn.nspname) NOT IN (\(list)) AND coalesce(dep.schema, rn.nspname) NOT LIKE 'understudy\\_staging\\_%'
              AND coalesce(dep.schema, rn.nspname) NOT IN ('pg_catalog', 'information_schema') AND coalesce(dep.schema, rn.nspname) NOT LIKE 'pg\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.refclassid AND e.objid = d.refobjid AND e.deptype = 'e')
              AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classid AND e.objid = d.objid AND e.deptype = 'e')
            ORDER BY 1
            """).compactMap { $0[0] }
        guard !rows.isEmpty else { return }
        throw AdapterError(
            code: .writeFailed,
            message: "objects of other schemas use schema \(replaced.joined(separator: ", ")), which the run replaces, and would be dropped with it: \(rows.prefix(6).joined(separator: ", "))\(rows.count > 6 ? " (and \(rows.count - 6) more)" : ""); nothing was written. Drop or move them first, copy into another schema (`?schema=` on the destination), or keep the schema with `preserve_schema: true`",
            place: place)
    }

    /// The destination database's event triggers, read when the run prepares it.
    var destinationEventTriggers: [PostgresIntrospector.EventTrigger] = []
    /// Tables created in the default access method, by the source's method this database has not.
    var tablesInDefaultStorage: [String: [String]] = [:]
    /// `event trigger NAME` of those that fire: what may write rows of its own during the run.
    var eventTriggerWriters: [String] { destinationEventTriggers.filter(\.enabled).map { "event trigger \($0.name)" } }

    /// Refuses, before any write, a run whose swap would drop an event trigger of the destination's
    /// database (its function is in a schema the run replaces) that the run's role cannot create again:
    /// that takes a superuser.
    func refuseEventTriggersOnReplacedFunctions(of replaced: [String], session: PostgresSession, place: String) async throws {
        let triggers = destinationEventTriggers.filter { !$0.ofExtension && replaced.contains($0.schema) }
        guard !triggers.isEmpty, try await !session.isSuperuser() else { return }
        throw AdapterError(
            code: .writeFailed,
            message: "the destination database's event trigger\(triggers.count == 1 ? "" : "s") \(triggers.map(\.name).joined(separator: ", ")) call\(triggers.count == 1 ? "s" : "") a function of schema \(Set(triggers.map(\.schema)).sorted().joined(separator: ", ")), which the run replaces: \(triggers.count == 1 ? "it" : "they") would be dropped with it, and creating \(triggers.count == 1 ? "it" : "them") again on the copy's function takes a superuser, which \(session.role) is not; nothing was written. Move the function into a schema the run does not replace (ALTER FUNCTION … SET SCHEMA), or run as a superuser",
            place: place)
    }

    /// How long dropping a replaced or dead run's schema waits for a lock on it: a session that
    /// still reads the old copy (a developer's open transaction) keeps it, and a later run drops it
    /// (it keeps the staging comment). Before, the run waited for that session however long it took.
    static let dropLockTimeout = "5s"
    /// How long the swap waits for its locks before the run fails with the destination as it was.
    static let swapLockTimeout = "30s"

    /// Drops `schema`, unless a lock on it is not had within ``dropLockTimeout``.
    func dropWithoutWaiting(_ schema: String, session: PostgresSession, place: String) async throws {
        try await session.execute("SET lock_timeout = '\(Self.dropLockTimeout)'", place: place)
        try? await session.execute("DROP SCHEMA IF EXISTS \(quoted(schema)) CASCADE", place: place)
        try await session.execute("RESET lock_timeout", place: place)
    }

    /// The source schemas' comments, by position: the copy's schemas take them at the swap.
    var schemaComments: [Int: String] = [:]
    /// The source schemas' own privileges and default privileges (with `copy_privileges`), by position.
    var schemaGrants: [Int: [String]] = [:]
    /// The source's publications and their members in the copied schemas (``SchemaObject/Kind/publication``), made in the swap.
    var sourcePublications: [SchemaObject] = []
    /// The destination's own privileges are kept through the swap (``DatabaseSchema/keepsDestinationPrivileges``).
    var keepsPrivileges = false
    /// The owners of the replaced schemas and their objects, by schema: the copy's are given to them.
    var owners: [String: PostgresOwners] = [:]

    /// The writer of the sequential path (the pipeline's own connection).
    var mainWriter: CopyWriter?

    public func write(_ batch: RowBatch, into table: Table) async throws {
        if mainWriter == nil {
            // The pipeline's own connection: with preserve_schema it holds the transaction that emptied the tables.
            mainWriter = CopyWriter(
                session: try connection(), url: url, map: map, sourceEngine: sourceEngine, sourceSchemas: sourceURL?.schemas ?? [], closeWhenDone: false,
                finished: finished, wholeTables: !preserveSchema, rounding: preserveSchema ? nil : rounding)
        }
        try await mainWriter!.write(batch, into: table)
    }

    public func tableWriter(wholeTables: Bool) async throws -> any TableWriter {
        let session = try await Self.copySession(url: url)
        return CopyWriter(
            session: session, url: url, map: map, sourceEngine: sourceEngine, sourceSchemas: sourceURL?.schemas ?? [], closeWhenDone: true, finished: finished,
            wholeTables: wholeTables, rounding: preserveSchema ? nil : rounding)
    }

    /// A writer's own connection.
    static func copySession(url: PostgresURL) async throws -> PostgresSession {
        try await PostgresSession(url: url, role: "destination")
    }

    public func finishLoading(schema: DatabaseSchema) async throws {
        try await mainWriter?.finish()
        mainWriter = nil
        if preserveSchema { return try await finishExisting(schema: schema) }
        let session = try connection()
        let place = "destination \(url)"
        var path = SearchPath(map)
        // Keys, checks and indexes of the tables no writer finished (primary and unique first, so that foreign keys find their targets).
        for table in schema.tables where !finished.contains(table.name) {
            try await path.use(table.name, on: session, place: place)
            for statement in PostgresDDL.tableObjects(of: map.local(table), engine: schema.engine) {
                try await session.execute(statement, place: "\(place): table \(table.name)")
            }
        }
        // Keys of another engine that no database can check (SQLite keeps a key to a table it has
        // not, or to columns neither key nor unique; PostgreSQL refuses them, and the run failed):
        // left out, and named.
        let unchecked = schema.foreignKeysNoneCanCheck()
        if !unchecked.isEmpty {
            notes.append(RunReport.Finding(
                id: "UND-W013", severity: .warning, table: "*", column: nil,
                message: "foreign keys no one can check, not in the copy: \(unchecked.map(\.description).joined(separator: "; ")); fix them in the source, or declare the intended key under foreign_keys"))
        }
        for table in schema.tables {
            // A partitioned table takes no NOT VALID foreign key: added valid, or counted as failed (orphans are then counted).
            let partitioned = table.partitioning != nil
            try await path.use(table.name, on: session, place: place)
            var local = map.local(table)
            local.foreignKeys.removeAll { key in unchecked.contains { $0.table == table.name && $0.key == key } }
            for (name, statement, validate) in PostgresDDL.foreignKeys(of: local, engine: schema.engine, notValid: !partitioned) {
                if partitioned {
                    do { try await session.execute(statement) } catch { foreignKeysFailed.insert(table.name) }
                    continue
                }
                try await session.execute(statement, place: "\(place): table \(table.name)")
                // (One the source never validated stays so: its orphans are the source's.)
                if validate { foreignKeyNames.append((table.name, name)) }
            }
        }
        var drawn: [String: (value: Int64, called: Bool)] = [:]
        for table in schema.tables {
            for column in table.columns where column.identity != nil || (column.defaultExpression?.contains("nextval(") == true && schema.engine == .postgres)
                || (schema.engine != .postgres && table.isSQLiteRowID(column, declaredType: column.declaredType)) {
                try await resetSequence(of: column, in: table, schema: schema, session: session, set: &drawn)
            }
        }
        if schema.engine == .postgres {
            // The others where the source's stand: a sequence a column owns but does not draw from among them.
            for s in schema.sequences where drawn[map.relation(s.name)] == nil {
                try await session.execute("SELECT setval(\(literal(map.relation(s.name))), \(s.lastValue), \(s.isCalled))", place: "\(place): sequence \(s.name)")
            }
        }
        if schema.engine == .postgres {
            // Triggers last among the table objects, so that they do not fire on the copied rows.
            for trigger in schema.triggers where !ComputedColumns.computes(trigger) {
                try await path.use(trigger.table, on: session, place: place)
                try await session.execute(map.rewrite(trigger.definitionSQL), place: "\(place): trigger \(trigger.name) on \(trigger.table)")
            }
        }
        var missing: [String] = []
        if viewsBeforeRows {
            // Made before the rows (a reference column may name them): the materialized views get their rows now.
            for view in View.dependencyOrder(schema.views, key: { View.relationKey($0.name) }, dependsOn: \.dependsOn)
            where view.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") && view.definitionSQL.hasSuffix(" WITH DATA") {
                try await path.use(view.name, on: session, place: place)
                try await session.execute("REFRESH MATERIALIZED VIEW \(quoted(map.local(view.name)))", place: "\(place): materialized view \(view.name)")
            }
        } else {
            missing += try await createViews(of: schema, session: session, path: &path, place: place)
        }
        for (table, statement) in deferredDefaults {
            try await path.use(table, on: session, place: place)
            try await session.execute(statement, place: "\(place): table \(table)")
        }
        if schema.engine != .postgres {
            for table in schema.tables { missing += await addDefinitions(fromSQLite: map.local(table), session: session) }
            missing += definitionsLeftBehind
            missing += schema.triggers.map { "trigger \($0.name) on \($0.table)" }
            // (A full-text index over a table's column: PostgreSQL's is a tsvector and a GIN index.)
            missing += schema.objects.filter { $0.kind == .textIndex }.map(\.label)
            notes += [RunReport.Finding.leftOut(
                missing, because: "they are SQLite's SQL, which PostgreSQL does not read", fix: "recreate them in PostgreSQL's SQL after the copy")].compactMap { $0 }
        }
        // A partition of a schema the run does not copy is in its table's schema, without what it had of its own.
        let elsewhere = schema.tables.flatMap { table in
            (table.partitioning?.partitions ?? []).compactMap { p in p.schemaNotCopied.map { (schema: $0, label: "partition \($0).\(map.local(p.name)) of \(table.name)") } }
        }
        if !elsewhere.isEmpty {
            let schemas = Set(elsewhere.map(\.schema)).sorted()
            notes.append(RunReport.Finding(
                id: "UND-W010", severity: .warning, table: "*", column: nil,
                message: "moved in the copy, as the schemas they are in are not copied: \(elsewhere.map(\.label).joined(separator: ", ")) — each is in its table's schema, with its rows, without its own indexes, constraints and triggers; copy those schemas too (?schema=\(((sourceURL?.schemas ?? [url.schema]) + schemas).joined(separator: ",")) on both URLs) to keep them where they are"))
        }
        // Partitions' own constraints and indexes, materialized views' indexes, rules, row security,
        // policies, statistics, comments: after the rows, keys and views they name.
        if schema.engine == .postgres {
            for object in schema.objects where object.kind.phase == .afterViews {
                try await path.use(object.table ?? object.name, on: session, place: place)
                try await createObject(object, session: session, target: map.target(of: object.table ?? object.name), place: place)
            }
        }
    }

    /// The kinds made among the functions, in this order where nothing else orders them.
    static let operatorKinds: [Set<SchemaObject.Kind>] = [[.aggregate, .operator, .cast, .conversion], [.operatorFamily], [.operatorClass]]

    /// The keys of the casts made with each function of the schema: a SQL-standard body that casts
    /// records the cast's function as what it needs, not the cast.
    static func castsByFunction(_ schema: DatabaseSchema) -> [String: [String]] {
        let functionKeys = Set(schema.functions.map { View.functionKey($0.name) })
        var casts: [String: [String]] = [:]
        for object in schema.objects where object.kind == .cast {
            for function in object.dependsOn ?? [] where functionKeys.contains(function) { casts[function, default: []].append(object.key ?? object.label) }
        }
        return casts
    }

    /// What a function needs made before it: what the server records it depending on, and the casts
    /// by the functions among them (not its own).
    static func needs(of function: View, castsBy: [String: [String]]) -> [String] {
        let own = View.functionKey(function.name)
        return (function.dependsOn ?? []).filter { $0 != own }.flatMap { [$0] + (castsBy[$0] ?? []) }
    }

    /// Makes a function of the source in its target schema (`search_path` set there): bound to the
    /// staging schemas while the copy is built where its body names a copied schema, kept to be
    /// made as written before the swap.
    func makeFunction(_ function: View, session: PostgresSession, place: String) async throws {
        let statement = map.rewriteFunction(function.definitionSQL)
        if let bound = map.whileBuilt(function.definitionSQL) {
            try await session.execute(bound, place: "\(place): function \(function.name)")
            functionsBoundToStaging.append((function.name, statement))
        } else {
            try await session.execute(statement, place: "\(place): function \(function.name)")
        }
    }

    /// Creates the views, and the functions that depend on one (its row type, a SQL-standard body
    /// reading it), in dependency order; of another engine's SQL, those PostgreSQL refuses are
    /// returned, named, not created.
    func createViews(of schema: DatabaseSchema, session: PostgresSession, path: inout SearchPath, place: String) async throws -> [String] {
        var missing: [String] = []
        let sqliteExpressions = SQLiteViewExpressions(schema: schema)
        let stages = schema.functionStages()
        let viewsAndFunctions = View.dependencyOrder(
            schema.views.map { (view: $0, isFunction: false) } + schema.functions.filter { stages[$0.name] == .withViews }.map { (view: $0, isFunction: true) },
            key: { $0.isFunction ? View.functionKey($0.view.name) : View.relationKey($0.view.name) }, dependsOn: \.view.dependsOn)
        for (view, isFunction) in viewsAndFunctions {
            try await path.use(view.name, on: session, place: place)
            if schema.engine == .postgres {
                do {
                    if isFunction {
                        try await makeFunction(view, session: session, place: place)
                    } else {
                        try await session.execute(map.rewrite(view.definitionSQL), place: "\(place): view \(view.name)")
                    }
                } catch let error as AdapterError where PostgresSession.isUndefinedObject(error.underlying ?? "") {
                    // A view of what the copy has not got: a foreign table (it points at another system), an excluded object.
                    let kind = isFunction ? "function" : view.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") ? "materialized view" : "view"
                    throw AdapterError(
                        code: error.code,
                        message: "\(kind) \(view.name) reads what the copy does not have (a foreign table is not copied: it points at another system; or an object left out); leave it out too (`exclude_objects: [\"\(kind) \(view.name)\"]`)",
                        place: error.place, underlying: error.underlying)
                }
            } else {
                // Another engine's SQL: recreated when PostgreSQL accepts it, reported when not.
                // (NULL sorts first ascending in SQLite, last in PostgreSQL: written out as SQLite meant it.
                // SQLite's functions in PostgreSQL's words, and what PostgreSQL reads otherwise —
                // LIKE's case, CAST's fractions, substr from the end — as SQLite meant it: ``SQLiteViewExpressions``.)
                guard let translated = sqliteExpressions.translate(SQLiteTableDefinition.postgresQuoting(view.definitionSQL)) else {
                    missing.append("view \(view.name)")
                    continue
                }
                let sql = NullOrdering.explicit(translated, nullsSmallest: true)
                do { try await session.execute(sql) } catch { missing.append("view \(view.name)") }
            }
        }
        return missing
    }

    /// Creates one object of ``DatabaseSchema/objects`` in its target schema (`search_path` is set
    /// there). An extension the destination has in a schema this run replaces is moved into the
    /// staging schema, so that dropping the replaced schema does not drop it; one the server lacks
    /// stops the run, named.
    func createObject(_ object: SchemaObject, session: PostgresSession, target: String, place: String) async throws {
        let where_ = "\(place): \(object.label)"
        guard object.kind == .extension else {
            return try await session.execute(map.rewrite(object.definitionSQL), place: where_)
        }
        let name = map.local(object.name)
        let installed = try await session.rows("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = \(literal(name))")
        if let schema = installed.first?[0] ?? nil {
            let replaced = try destinationSchemas(for: map.namespaces)
            guard replaced.contains(schema) else { return }  // lives in a schema this run keeps
            try await session.execute("ALTER EXTENSION \(quoted(name)) SET SCHEMA \(quoted(target))", place: where_)
            return
        }
        guard try await !session.rows("SELECT 1 FROM pg_available_extensions WHERE name = \(literal(name))").isEmpty else {
            throw AdapterError(
                code: .unsupportedSchema,
                message: "the source uses the extension \(name), which the destination server does not have; install it there (for the contrib modules, the postgresql-contrib package), or copy into a server that has it",
                place: place)
        }
        try await session.execute("CREATE EXTENSION \(quoted(name)) WITH SCHEMA \(quoted(target))", place: where_)
    }

    /// Validates the foreign keys (each table's on one connection: validations of one table wait for
    /// each other), counts orphans where validation failed and for keys declared in the workspace,
    /// and counts rows — on up to `parallelism` connections at once, validations first, the counts
    /// (which wait for nothing) filling the connections that validations leave idle.
    public func verify(schema: DatabaseSchema) async throws -> Verification {
        if preserveSchema { return try await verifyExisting(schema: schema) }
        _ = try connection()
        enum Unit: Sendable {
            case keys(Table, names: [String], failed: Bool)
            case count(Table)
            case analyze(Table)
        }
        let keysByTable = Dictionary(grouping: foreignKeyNames, by: \.table)
        let url = url, map = map
        var counts: [String: Int64] = [:]
        var violations: [Verification.ForeignKeyViolation] = []
        let checked = schema.tables
            .map { table in (table, keysByTable[table.name]?.map(\.name) ?? [], foreignKeysFailed.contains(table.name)) }
            .filter { table, names, failed in !names.isEmpty || failed || table.foreignKeys.contains(where: \.isVirtual) }
            .sorted { $0.1.count > $1.1.count }
        // Then the planner's statistics, as ANALYZE gathers them (with the columns' statistics
        // targets the copy has from the source; a partitioned table's partitions with it): the
        // copy is swapped in with them, and its first queries are planned as on the source.
        var queue = (checked.map { Unit.keys($0.0, names: $0.1, failed: $0.2) } + schema.tables.map { Unit.count($0) } + schema.tables.map { Unit.analyze($0) })[...]
        // Sessions kept for the next unit (a session per table cost a connection each).
        let sessions = IdlePool<PostgresSession>()
        do {
            try await withThrowingTaskGroup(of: (String, Int64?, [Verification.ForeignKeyViolation]).self) { group in
                func start(_ unit: Unit) {
                    group.addTask {
                        let session: PostgresSession
                        if let idle = sessions.take() {
                            session = idle
                        } else {
                            session = try await PostgresSession(url: url, role: "destination")
                            // The copy's schemas first, as its objects were made: an index's function
                            // may name its extension's types unqualified (earthdistance's ll_to_earth
                            // reads `earth`), and counting or ANALYZE evaluate it.
                            try await session.execute(PostgresSession.readingPath(map.targets, replacing: url.schemas), place: "destination \(url)")
                        }
                        do {
                            let result: (String, Int64?, [Verification.ForeignKeyViolation])
                            switch unit {
                            case .keys(let table, let names, let failed):
                                result = (table.name, nil, try await Self.validate(table, foreignKeys: names, failed: failed, map: map, session: session))
                            case .count(let table):
                                result = (table.name, Int64(try await session.rows("SELECT count(*)::text FROM \(PostgresDDL.only(table))\(map.relation(table.name))").first?[0] ?? "0") ?? 0, [])
                            case .analyze(let table):
                                try await session.execute(PostgresDDL.analyze(table, relation: map.relation(table.name)), place: "destination \(url): table \(table.name)")
                                result = (table.name, nil, [])
                            }
                            sessions.put(session)
                            return result
                        } catch {
                            await session.close()
                            throw error
                        }
                    }
                }
                for _ in 0..<max(1, parallelism) {
                    guard let next = queue.popFirst() else { break }
                    start(next)
                }
                while let (table, count, found) = try await group.next() {
                    if let count { counts[table] = count }
                    violations += found
                    if let next = queue.popFirst() { start(next) }
                }
            }
        } catch {
            for session in sessions.drain() { await session.close() }
            throw error
        }
        for session in sessions.drain() { await session.close() }
        violations.sort { ($0.table, $0.referencedTable) < ($1.table, $1.referencedTable) }
        var verification = Verification(rowCounts: counts, foreignKeyViolations: violations)
        verification.writers = eventTriggerWriters
        return verification
    }

    /// Rows of `table` whose `columns` (all set) match no row of `parent`.
    static func orphanCount(
        _ table: String, _ columns: [String], references parent: String, _ referenced: [String], map: PostgresSchemaMap, session: PostgresSession,
        parentRelation: String? = nil
    ) async throws -> Int64 {
        let join = zip(columns, referenced).map { "p.\(quoted($1)) = c.\(quoted($0))" }.joined(separator: " AND ")
        let present = columns.map { "c.\(quoted($0)) IS NOT NULL" }.joined(separator: " AND ")
        return Int64(try await session.rows(
            "SELECT count(*)::text FROM \(map.relation(table)) c WHERE \(present) AND NOT EXISTS (SELECT 1 FROM \(parentRelation ?? map.relation(parent)) p WHERE \(join))"
        ).first?[0] ?? "0") ?? 0
    }

    /// The foreign keys of `relation` that can be checked by merging two indexes: an index of the
    /// table (b-tree, whole) leads with the key's columns in the key's order, and the referenced
    /// table's unique index lists the referenced columns in the same order.
    static func mergeableForeignKeys(of relation: String) -> String {
        """
        SELECT c.conname FROM pg_constraint c JOIN pg_index r ON r.indexrelid = c.conindid
        WHERE c.conrelid = \(literal(relation))::regclass AND c.contype = 'f'
          AND string_to_array(r.indkey::text, ' ')::int2[] = c.confkey
          AND EXISTS (
            SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am a ON a.oid = ic.relam
            WHERE i.indrelid = c.conrelid AND a.amname = 'btree' AND i.indpred IS NULL AND i.indisvalid
              AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] = c.conkey)
        """
    }

    /// Validates the table's foreign keys; orphans are counted for those that failed (all of the
    /// table's, the failing one unknown) and for keys declared in the workspace.
    static func validate(
        _ table: Table, foreignKeys: [String], failed: Bool, map: PostgresSchemaMap, session: PostgresSession
    ) async throws -> [Verification.ForeignKeyViolation] {
        var failed = failed
        let ordered = foreignKeys.isEmpty ? [] : try await Set(session.rows(mergeableForeignKeys(of: map.relation(table.name))).compactMap { $0[0] })
        for name in foreignKeys {
            // A key whose columns lead an index of the table is checked by merging the two indexes in
            // order; the server's own choice, a hash anti-join, spills to disk on large tables (10M
            // order items against 5M orders: 5.2 s hashed, 2.0 s merged; its memory is
            // maintenance_work_mem, set by the server for this check, and more of it does not help).
            let merge = ordered.contains(name)
            do {
                if merge { try await session.execute("SET enable_hashjoin = off") }
                try await session.execute("ALTER TABLE \(map.relation(table.name)) VALIDATE CONSTRAINT \(quoted(name))")
            } catch {
                failed = true
            }
            if merge { try await session.execute("RESET enable_hashjoin") }
        }
        var violations: [Verification.ForeignKeyViolation] = []
        for key in table.foreignKeys where key.isVirtual || (failed && key.isNotValid != true) {
            let orphans = try await orphanCount(table.name, key.columns, references: key.referencedTable, key.referencedColumns, map: map, session: session, parentRelation: outsideRelation(of: key))
            if orphans > 0 { violations.append(.init(table: table.name, referencedTable: key.referencedTable, rows: orphans)) }
        }
        return violations
    }

    public func commit() async throws {
        let session = try connection()
        notes += rounding.findings
        if preserveSchema {
            for table in triggersDisabled {
                try await session.execute("ALTER TABLE \(map.relation(table)) ENABLE TRIGGER USER", place: "destination \(url)")
            }
            try await session.execute("COMMIT", place: "destination \(url)")
            await session.close()
            self.session = nil
            return
        }
        // One transaction of renames: readers see the old schema or the new one, never neither, and
        // wait only for the renames. The old schemas are dropped after it (their files take seconds
        // to go); they carry the staging comment meanwhile, so a run killed before the drop leaves
        // them to the next run's clean-up, like a staging schema.
        let place = "destination \(url)"
        let finalSchemas = try destinationSchemas(for: map.namespaces)
        let existing = Set(try await session.rows(
            "SELECT nspname FROM pg_namespace WHERE nspname IN (\(finalSchemas.map(literal).joined(separator: ", ")))").compactMap { $0[0] })
        var retired: [String] = []
        var swap: [String] = []
        // The grants the replaced schemas hold, read before the swap: each is given again in it, on
        // its own (a savepoint each: a grant on a table the copy lacks, or that the run's role may
        // not give, is left out rather than failing the swap).
        var kept: [String: [String]] = [:]
        if keepsPrivileges {
            for schema in finalSchemas where existing.contains(schema) {
                let grants = try await session.rows(PostgresIntrospector.schemaGrantsQuery(schema: literal(schema))) + (try await session.rows(PostgresIntrospector.grantsQuery(schema: literal(schema))))
                kept[schema] = grants.compactMap { $0.last ?? nil }.map { $0.replacingOccurrences(of: SchemaObject.schemaPlaceholder, with: quoted(schema)) }
            }
        }
        // The destination's publications of the replaced schemas' tables (a change-data-capture
        // feed of the staging database), read before the swap and given again in it: dropping the
        // old tables took them out of their publications without a word.
        let publications = try await publicationMemberships(of: finalSchemas.filter { existing.contains($0) })
        // The destination database's event triggers whose function is in a replaced schema: dropping
        // the old schema dropped them with it, without a word (a DDL audit gone after the next run).
        // Created again in the swap on the copy's function of the same name.
        let replaced = Set(finalSchemas.filter { existing.contains($0) })
        let eventTriggers = destinationEventTriggers.filter { !$0.ofExtension && replaced.contains($0.schema) }
        // Functions bound to the staging schemas while the copy was built, as written now: after
        // the renames below, their bodies find the copy under its final names. (Their bodies are
        // not checked: the schemas they name are the copy's only after the swap.)
        if !functionsBoundToStaging.isEmpty {
            try await session.execute("SET check_function_bodies = off", place: place)
            for (name, statement) in functionsBoundToStaging {
                try await session.execute("SET search_path TO \(quoted(map.target(of: name)))", place: place)
                try await session.execute(statement, place: "\(place): function \(name)")
            }
            try await session.execute("RESET search_path", place: place)
        }
        // The copy's objects go to the owners the replaced ones had, before the swap (the staging
        // schemas are the run's alone); the schemas themselves in it.
        let me = try await session.rows("SELECT current_user", place: place).first?[0] ?? session.role
        for (staging, schema) in zip(map.targets, finalSchemas) {
            guard let owners = owners[schema] else { continue }
            try await giveToOwners(target: staging, owners: owners, me: me, session: session, place: place)
        }
        for (index, (staging, schema)) in zip(map.targets, finalSchemas).enumerated() {
            if existing.contains(schema) {
                let old = "\(self.staging)_old\(index)"
                retired.append(old)
                swap += ["ALTER SCHEMA \(quoted(schema)) RENAME TO \(quoted(old))", PostgresSchemaMap.staging(old)]
            }
            swap += ["ALTER SCHEMA \(quoted(staging)) RENAME TO \(quoted(schema))", "COMMENT ON SCHEMA \(quoted(schema)) IS \(schemaComments[index].map(literal) ?? "NULL")"]
            swap += (schemaGrants[index] ?? []).map { $0.replacingOccurrences(of: SchemaObject.schemaPlaceholder, with: quoted(schema)) }
            if let owner = owners[schema]?.schemaOwner, owner != me { swap.append("ALTER SCHEMA \(quoted(schema)) OWNER TO \(quoted(owner))") }
        }
        try await session.execute("BEGIN", place: place)
        try await session.execute("SET LOCAL lock_timeout = '\(Self.swapLockTimeout)'", place: place)
        do {
            for statement in swap {
                try await session.execute(statement, place: place)
            }
        } catch {
            try? await session.execute("ROLLBACK")
            throw Self.heldLock(error, place: place)
        }
        /// Runs `statement` under a savepoint: false, and the transaction goes on, when it fails.
        func attempt(_ statement: String) async throws -> Bool {
            try await session.execute("SAVEPOINT understudy_keep", place: place)
            do {
                try await session.execute(statement, place: place)
                try await session.execute("RELEASE SAVEPOINT understudy_keep", place: place)
                return true
            } catch {
                try await session.execute("ROLLBACK TO SAVEPOINT understudy_keep", place: place)
                return false
            }
        }
        for trigger in eventTriggers {
            do {
                try await session.execute("DROP EVENT TRIGGER \(quoted(trigger.name))", place: place)
                try await session.execute(trigger.statement, place: place)
                if let state = trigger.state { try await session.execute(state, place: place) }
            } catch {
                try? await session.execute("ROLLBACK")
                throw AdapterError(
                    code: .writeFailed,
                    message: "the destination database's event trigger \(trigger.name) calls a function of schema \(trigger.schema), which the run replaces, and could not be created again on the copy's (\(trigger.statement)): \(error); the destination was left as it was. Move the function into a schema the run does not replace (ALTER FUNCTION … SET SCHEMA), or drop the event trigger",
                    place: place)
            }
        }
        for (schema, grants) in kept where !grants.isEmpty {
            try await session.execute("SET LOCAL search_path TO \(quoted(schema))", place: place)
            for grant in grants { _ = try await attempt(grant) }
        }
        var notKept: [String] = []
        for (label, statement) in publications where try await !attempt(statement) { notKept.append(label) }
        let notMade = try await makeSourcePublications(in: finalSchemas, session: session, place: place, attempt: attempt)
        try await session.execute("COMMIT", place: place)
        if !notKept.isEmpty {
            notes.append(RunReport.Finding(
                id: "UND-W012", severity: .warning, table: "*", column: nil,
                message: "the destination's publications lost what the copy could not give them again: \(notKept.joined(separator: ", ")) (a table the copy has not, or a publication the run's role does not own); add them again (ALTER PUBLICATION … ADD TABLE …)"))
        }
        if !notMade.isEmpty {
            notes.append(RunReport.Finding(
                id: "UND-W012", severity: .warning, table: "*", column: nil,
                message: "the source's publications are not all in the copy: the run's role could not make \(notMade.joined(separator: "; ")) (a publication of all tables or of a whole schema takes a superuser; one of tables, ownership of the publication); make them as a role that may"))
        }
        // The copy is in place. Dropping the replaced one may fail (its backend terminated, a lock
        // that does not end): it keeps the staging comment, and the next run drops it.
        for old in retired {
            try? await dropWithoutWaiting(old, session: session, place: place)
        }
        try? await dropDeadRunsSchemas(session: session, place: place)
        await session.close()
        self.session = nil
    }

    /// Makes the source's publications in the swap, each statement under a savepoint (`attempt`):
    /// a publication the destination has none of that name of is created; then each table of it in
    /// the copied schemas — under its final name — and each whole schema is added where the
    /// destination's publication of that name lacks it (the destination's own memberships were
    /// given back before). Returns the statements that failed.
    func makeSourcePublications(in finalSchemas: [String], session: PostgresSession, place: String, attempt: (String) async throws -> Bool) async throws -> [String] {
        guard !sourcePublications.isEmpty else { return [] }
        // What the destination's publications hold now: of all tables; tables and schemas by name.
        var allTables: Set<String> = [], members: Set<[String]> = []
        var existing: Set<String> = []
        for row in try await session.rows("SELECT pubname, puballtables::text FROM pg_publication") {
            guard let name = row[0] else { continue }
            existing.insert(name)
            if row[1] == "true" { allTables.insert(name) }
        }
        for row in try await session.rows("""
            SELECT p.pubname, n.nspname, c.relname FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
            JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            """) { members.insert(row.map { $0 ?? "" }) }
        if session.connection.serverVersion >= 150_000 {
            for row in try await session.rows("""
                SELECT p.pubname, n.nspname FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid JOIN pg_namespace n ON n.oid = pn.pnnspid
                """) { members.insert(row.map { $0 ?? "" }) }
        }
        var failed: [String] = []
        var path: String?
        for object in sourcePublications {
            let name = map.local(object.name), schema = finalSchemas[map.index(of: object.name)]
            if object.table == nil, !object.definitionSQL.hasPrefix("ALTER ") {
                guard !existing.contains(name) else { continue }
                if try await attempt(object.definitionSQL) { existing.insert(name) } else { failed.append(object.definitionSQL) }
                continue
            }
            // A member of a publication that was not made, or of one that publishes every table already.
            guard existing.contains(name), !allTables.contains(name) else { continue }
            guard !members.contains([name, schema] + (object.table.map { [map.local($0)] } ?? [])) else { continue }
            let statement = object.definitionSQL.replacingOccurrences(of: SchemaObject.schemaPlaceholder, with: quoted(schema))
            if path != schema {
                try await session.execute("SET LOCAL search_path TO \(quoted(schema))", place: place)
                path = schema
            }
            if try await !attempt(statement) { failed.append(statement) }
        }
        return failed
    }

    /// `(label, statement)` for each membership of the destination's publications in `schemas`:
    /// a table (with its column list and row filter) or a whole schema (`TABLES IN SCHEMA`).
    func publicationMemberships(of schemas: [String]) async throws -> [(String, String)] {
        guard !schemas.isEmpty else { return [] }
        let session = try connection()
        let list = schemas.map(literal).joined(separator: ", ")
        let version = session.connection.serverVersion
        // Column lists, row filters and whole schemas are PostgreSQL 15's.
        let details = PostgresIntrospector.publicationMemberDetails(version: version)
        var rows = try await session.rows("""
            SELECT format('publication %s: table %s.%s', p.pubname, n.nspname, c.relname),
                   format('ALTER PUBLICATION %I ADD TABLE %I.%I', p.pubname, n.nspname, c.relname) || \(details)
            FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN (\(list)) ORDER BY 1
            """)
        if version >= 150_000 {
            rows += try await session.rows("""
                SELECT format('publication %s: tables in schema %s', p.pubname, n.nspname), format('ALTER PUBLICATION %I ADD TABLES IN SCHEMA %I', p.pubname, n.nspname)
                FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid JOIN pg_namespace n ON n.oid = pn.pnnspid
                WHERE n.nspname IN (\(list)) ORDER BY 1
                """)
        }
        return rows.compactMap { row in row[0].flatMap { label in row[1].map { (label, $0) } } }
    }

    public func abort() async {
        if let session {
            try? await session.execute("ROLLBACK")
            // Staging schemas only: with preserve_schema the rollback alone restores the destination.
            if !preserveSchema {
                for target in map.targets { try? await session.execute("DROP SCHEMA IF EXISTS \(quoted(target)) CASCADE") }
            }
            await session.close()
        }
        session = nil
    }
}

/// PostgreSQL DDL from the schema model; for a PostgreSQL source, the server's own definitions.
enum PostgresDDL {
    /// The PostgreSQL type for a column of another engine (the documented mapping).
    static func type(for column: Column, engine: DatabaseEngine) -> String {
        if engine == .postgres { return column.declaredType }
        let declared = column.declaredType.uppercased()
        func parameters() -> String {
            guard let open = declared.firstIndex(of: "("), declared.hasSuffix(")") else { return "" }
            return String(declared[open...])
        }
        switch column.logicalType {
        case .integer: return "bigint"
        case .real: return "double precision"
        case .decimal: return "numeric" + parameters()
        case .boolean: return "boolean"
        case .date: return "date"
        case .timestamp: return declared.contains("TZ") || declared.contains("ZONE") ? "timestamptz" : "timestamp"
        case .uuid: return "uuid"
        case .json: return "jsonb"
        case .blob: return "bytea"
        case .text: return declared.contains("CHAR") && !parameters().isEmpty && !declared.contains("TEXT") ? "varchar" + parameters() : "text"
        }
    }

    /// A column of `CREATE TABLE`: its type, collation, generated expression, identity or default, NOT NULL.
    static func columnDefinition(_ column: Column, of table: Table, engine: DatabaseEngine, identities: [String: String] = [:]) -> String {
        var text = "\(quoted(column.name)) \(type(for: column, engine: engine))"
        if engine == .postgres, let collation = column.collation { text += " COLLATE \(collation)" }
        if column.isGenerated, let expression = column.defaultExpression {
            return text + " GENERATED ALWAYS AS (\(expression)) STORED"
        }
        if let identity = column.identity, engine == .postgres {
            text += identity == "a" ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY"
            if let options = identities[column.name] { text += " (\(options))" }
        } else if engine != .postgres, table.isSQLiteRowID(column, declaredType: column.declaredType) {
            // SQLite numbers a row whose INTEGER PRIMARY KEY is not given: so does the copy.
            text += " GENERATED BY DEFAULT AS IDENTITY"
        } else if engine == .postgres, let expression = column.defaultExpression {
            text += " DEFAULT \(expression)"
        }
        if !column.isNullable { text += " NOT NULL" }
        return text
    }

    /// `CREATE TABLE`, of a PostgreSQL source's table with its `UNLOGGED` and storage parameters, and
    /// `INHERITS (parents)` (relations as written) without the columns that come from them.
    static func createTable(_ table: Table, engine: DatabaseEngine, inherits parents: [String] = [], identities: [String: String] = [:]) -> String {
        if engine == .postgres, let type = table.ofType {
            // A typed table: its columns are the type's (their defaults and NOT NULL come after).
            return "CREATE \(table.storage?.unlogged == true ? "UNLOGGED " : "")TABLE \(quoted(table.name)) OF \(type)"
                + (table.storage?.accessMethod.map { " USING \(quoted($0))" } ?? "")
                + (table.storage.map { $0.options.isEmpty ? "" : " WITH (\($0.options.joined(separator: ", ")))" } ?? "")
        }
        let own = parents.isEmpty ? table.columns : table.columns.filter { !(table.inheritance?.inheritedColumns.contains($0.name) ?? false) }
        let columns = own.map { columnDefinition($0, of: table, engine: engine, identities: identities) }
        guard engine == .postgres else { return "CREATE TABLE \(quoted(table.name)) (\n  " + columns.joined(separator: ",\n  ") + "\n)" }
        var sql = "CREATE \(table.storage?.unlogged == true ? "UNLOGGED " : "")TABLE \(quoted(table.name)) (\n  " + columns.joined(separator: ",\n  ") + "\n)"
        if !parents.isEmpty { sql += " INHERITS (\(parents.joined(separator: ", ")))" }
        if let partitioning = table.partitioning { sql += " PARTITION BY \(partitioning.key)" }
        if let method = table.storage?.accessMethod { sql += " USING \(quoted(method))" }
        if let options = table.storage?.options, !options.isEmpty { sql += " WITH (\(options.joined(separator: ", ")))" }
        return sql
    }

    /// `CREATE TABLE part PARTITION OF parent FOR VALUES …` for every partition, parents first.
    /// The defaults and NOT NULL of columns a table inherits, where they are its own (a child's
    /// default differs from its parent's): `INHERITS` gives it the parent's; and of a typed table's
    /// columns, which `OF type` creates bare.
    static func inheritedColumnSettings(of table: Table, inherits parents: [String]) -> [String] {
        let inherited: [String]
        if table.ofType != nil {
            inherited = table.columns.map(\.name)
        } else {
            guard !parents.isEmpty, let columns = table.inheritance?.inheritedColumns else { return [] }
            inherited = columns
        }
        return table.columns.filter { inherited.contains($0.name) && !$0.isGenerated && $0.identity == nil }.flatMap { column -> [String] in
            let alter = "ALTER TABLE ONLY \(quoted(table.name)) ALTER COLUMN \(quoted(column.name))"
            return (column.defaultExpression.map { ["\(alter) SET DEFAULT \($0)"] } ?? []) + (column.isNullable ? [] : ["\(alter) SET NOT NULL"])
        }
    }

    /// Tables of more columns than this are analyzed in their keys' and indexes' columns only.
    static let analyzedColumnsLimit = 100

    /// `ANALYZE` of the table before the swap: every column, or, for a table wider than
    /// ``analyzedColumnsLimit``, the columns of its keys and indexes (what joins and lookups are
    /// planned on; the server's analysis costs about 9 ms a column, and a table of 1,500 columns
    /// took 14 s of a 20 s run, against 2 s for `pg_dump | psql`); autovacuum analyzes the rest
    /// after the load, as it does a table `psql` loaded.
    static func analyze(_ table: Table, relation: String) -> String {
        guard table.columns.count > analyzedColumnsLimit else { return "ANALYZE \(relation)" }
        let keyed = Set(table.primaryKey + table.foreignKeys.flatMap(\.columns) + table.indexes.flatMap(\.columns))
        // (At least one column: the analysis also counts the table's rows and pages for the planner.)
        let columns = table.columns.map(\.name).filter(keyed.contains)
        return "ANALYZE \(relation) (\((columns.isEmpty ? [table.columns[0].name] : columns).map(quoted).joined(separator: ", ")))"
    }

    /// `ONLY ` before a table that is not partitioned: its rows without those of tables that
    /// inherit from it (a partitioned table's rows are its partitions').
    static func only(_ table: Table) -> String { table.partitioning == nil ? "ONLY " : "" }

    /// `relation` names a partition or its parent in the statement: one of another copied schema
    /// (`archive.events_2020`) is created in that schema's copy.
    static func partitions(of table: Table, engine: DatabaseEngine, relation: (String) -> String = { quoted($0) }) -> [String] {
        guard engine == .postgres, let partitioning = table.partitioning else { return [] }
        let byName = Dictionary(table.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return partitioning.partitions.flatMap { partition -> [String] in
            let rest = (partition.subpartitioning.map { " PARTITION BY \($0)" } ?? "") + (partition.options.map { " WITH (\($0.joined(separator: ", ")))" } ?? "")
            guard let order = partition.columns, order.allSatisfy({ byName[$0] != nil }) else {
                return ["CREATE TABLE \(relation(partition.name)) PARTITION OF \(relation(partition.parent)) \(partition.bound)" + rest]
            }
            // A table attached as a partition, its columns in its own order (as pg_dump makes it):
            // `PARTITION OF` puts them in its table's. (Defaults as `PARTITION OF` gives them; its
            // own are set after, like any partition's.)
            let columns = order.map { name -> String in
                var column = byName[name]!
                column.identity = nil
                return columnDefinition(column, of: table, engine: engine)
            }
            return ["CREATE TABLE \(relation(partition.name)) (\n  " + columns.joined(separator: ",\n  ") + "\n)" + rest,
                    "ALTER TABLE \(relation(partition.parent)) ATTACH PARTITION \(relation(partition.name)) \(partition.bound)"]
        }
    }

    /// What belongs to the table alone, in order: primary key, unique constraints, checks,
    /// exclusion constraints (`EXCLUDE USING gist (room WITH =, during WITH &&)`), indexes.
    static func tableObjects(of table: Table, engine: DatabaseEngine) -> [String] {
        ["p", "u", "c", "x"].flatMap { constraints(of: table, kind: $0, engine: engine) }
            + table.indexes.filter { !$0.isConstraint }.compactMap { index($0, of: table, engine: engine) }
    }

    static func constraints(of table: Table, kind: String, engine: DatabaseEngine) -> [String] {
        if engine == .postgres {
            // (A CHECK the table inherits comes with its parent's.)
            return table.constraints.filter { $0.kind == kind && !(table.inheritance != nil && $0.isInherited == true) }.map {
                "ALTER TABLE \(quoted(table.name)) ADD CONSTRAINT \(quoted($0.name)) \($0.definition)"
            }
        }
        switch kind {
        case "p" where !table.primaryKey.isEmpty:
            return ["ALTER TABLE \(quoted(table.name)) ADD PRIMARY KEY (\(table.primaryKey.map(quoted).joined(separator: ", ")))"]
        case "u":
            return table.indexes.filter { $0.isUnique && $0.isConstraint && $0.columns != table.primaryKey && $0.predicate == nil }.map {
                "ALTER TABLE \(quoted(table.name)) ADD UNIQUE (\($0.columns.map(quoted).joined(separator: ", ")))"
            }
        default:
            return []
        }
    }

    /// `(name, ALTER TABLE … ADD CONSTRAINT … [NOT VALID], whether to validate it after)` for each
    /// real foreign key: the server's own definitions for a PostgreSQL source (one the source never
    /// validated is added NOT VALID and stays so), built from the model otherwise.
    /// `name` cut to the 63 bytes PostgreSQL keeps of a name, on a character.
    static func cut(_ name: String, to limit: Int = 63) -> String {
        var bytes = 0
        return String(String.UnicodeScalarView(name.unicodeScalars.prefix { bytes += String($0).utf8.count; return bytes <= limit }))
    }

    /// A name the copy makes (a foreign key's, an index's) as PostgreSQL keeps it: one longer than
    /// 63 bytes is cut on a character and ends in 8 hex digits of a hash of the whole, so two that
    /// agree in their first 63 bytes stay two (the second key failed: `constraint … already exists`).
    static func madeName(_ name: String) -> String {
        guard name.utf8.count > 63 else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return cut(name, to: 54) + "_" + String(format: "%08x", UInt32(truncatingIfNeeded: hash))
    }

    static func foreignKeys(of table: Table, engine: DatabaseEngine, notValid: Bool = true) -> [(String, String, Bool)] {
        if engine == .postgres {
            return table.constraints.filter { $0.kind == "f" }.map {
                ($0.name, "ALTER TABLE \(quoted(table.name)) ADD CONSTRAINT \(quoted($0.name)) \($0.definition)\(notValid && !$0.isNotValid ? " NOT VALID" : "")", !$0.isNotValid)
            }
        }
        return table.foreignKeys.filter { !$0.isVirtual }.map { key in
            let name = madeName("\(table.name)_\(key.columns.joined(separator: "_"))_fkey")
            return (name, "ALTER TABLE \(quoted(table.name)) ADD CONSTRAINT \(quoted(name)) \(key.definition(quoted: quoted))\(notValid ? " NOT VALID" : "")", true)
        }
    }

    static func index(_ index: Index, of table: Table, engine: DatabaseEngine) -> String? {
        // An index of a partitioned table is written `ON ONLY t`; without ONLY it is built on every partition too.
        if engine == .postgres { return index.definitionSQL?.replacingOccurrences(of: " ON ONLY ", with: " ON ") }
        guard index.predicate == nil, !index.columns.contains(""), !index.columns.isEmpty else { return nil }
        return "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quoted(index.name)) ON \(quoted(table.name)) (\(index.columns.map(quoted).joined(separator: ", ")))"
    }
}

/// Gathers rows of a table into few `COPY … FROM STDIN` calls (a few megabytes each): binary when
/// the batch carries the source's binary cells, text otherwise.
final class CopyWriter: TableWriter, EncodedRowConsumer, @unchecked Sendable {
    // @unchecked: one writer is used by one task at a time.
    let session: PostgresSession
    let url: PostgresURL
    let map: PostgresSchemaMap
    /// The schema `search_path` names on the session (COPY and DDL name tables in it).
    var path: SearchPath
    let sourceEngine: DatabaseEngine?
    let closeWhenDone: Bool
    let finished: FinishedTables
    var pending = ByteBuffer()
    var pendingTable: (table: Table, columns: [String], binary: Bool, firstRow: Int64, lastRow: Int64)?
    static let flushBytes = 8 << 20
    /// No other writer loads the tables this one does: each is loaded in a transaction of its own
    /// that first empties it, so that COPY can write its rows frozen.
    let wholeTables: Bool
    /// The table whose loading transaction is open.
    var loading: String?
    /// The source's schemas, in the URL's order: a `regnamespace` value naming one names its copy.
    let sourceSchemas: [String]
    /// Where numbers of another engine's source rounded to their column's declared scale are
    /// counted (nil where the columns are the destination's own, with `preserve_schema`).
    let rounding: DecimalRounding?

    init(
        session: PostgresSession, url: PostgresURL, map: PostgresSchemaMap, sourceEngine: DatabaseEngine?, sourceSchemas: [String], closeWhenDone: Bool, finished: FinishedTables,
        wholeTables: Bool, rounding: DecimalRounding? = nil
    ) {
        self.rounding = rounding
        self.wholeTables = wholeTables
        self.session = session
        self.url = url
        self.map = map
        path = SearchPath(map)
        self.sourceEngine = sourceEngine
        self.sourceSchemas = sourceSchemas
        self.closeWhenDone = closeWhenDone
        self.finished = finished
    }

    func finishTable(_ table: Table) async throws {
        try await flush()
        try await commitLoading()
        try await path.use(table.name, on: session, place: "destination \(url)")
        for statement in PostgresDDL.tableObjects(of: map.local(table), engine: sourceEngine ?? .postgres) {
            try await session.execute(statement, place: "destination \(url): table \(table.name)")
        }
        finished.insert(table.name)
    }

    func accepts(format: String, decoded: [Column], of table: Table) -> Bool {
        PostgresBinary.accepts(format: format, decoded: decoded, of: table, sourceEngine: sourceEngine)
    }

    func write(_ batch: RowBatch, into table: Table) async throws {
        let binary = batch.encoded != nil
        let columns = (batch.encoded?.columnNames ?? []) + batch.columnNames
        if let current = pendingTable, current.table.name != table.name || current.columns != columns || current.binary != binary {
            try await flush()
        }
        if pendingTable == nil {
            pendingTable = (table, columns, binary, batch.firstOrdinal, batch.firstOrdinal)
            pending.clear()
            if binary { PostgresBinary.writeHeader(into: &pending) }
        }
        pendingTable?.lastRow = batch.firstOrdinal + Int64(batch.count)
        if let encoded = batch.encoded {
            try writeBinary(batch, encoded: encoded, into: table)
        } else {
            let booleans = batch.columnNames.map { table.column(named: $0)?.logicalType == .boolean }
            let schemaNames = batch.columnNames.map { table.column(named: $0)?.declaredType == "regnamespace" }
            let types = batch.columnNames.map { table.column(named: $0)?.logicalType }
            let times = types.map { $0.map(LogicalType.temporal.contains) == true }
            // A SQLite DECIMAL(5,2) keeps every decimal place; PostgreSQL rounds to the scale: counted.
            let scales: [(type: String, scale: Int)?] = batch.columnNames.map { name in
                guard rounding != nil, sourceEngine != .postgres, let column = table.column(named: name), column.logicalType == .decimal else { return nil }
                let type = PostgresDDL.type(for: column, engine: sourceEngine ?? .sqlite)
                return Self.declaredScale(type).map { (type, $0) }
            }
            var rounded = [Int](repeating: 0, count: batch.columns.count)
            pending.reserveCapacity(pending.readableBytes + batch.count * batch.columns.count * 16)
            for row in 0..<batch.count {
                for c in 0..<batch.columns.count {
                    if c > 0 { pending.writeInteger(UInt8(ascii: "\t")) }
                    var value = schemaNames[c] ? copiedSchema(batch.columns[c][row]) : batch.columns[c][row]
                    // Bytes in a column of another type (a BLOB a SQLite column let in): the text they
                    // spell, or a stop; written as they were, they became the text of their escape (`\x6869`).
                    if case .blob(let bytes) = value, let type = types[c], type != .blob {
                        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
                            throw AdapterError(
                                code: .writeFailed,
                                message: "row \(batch.firstOrdinal + Int64(row) + 1) of table \(table.name): column \(batch.columnNames[c]) holds bytes (a BLOB) that are no UTF-8 text, which its type (\(type.rawValue)) in PostgreSQL cannot hold; give the column a generator (`null` drops the values) or `on_invalid: null` (NULL for such values only), or correct the source",
                                place: "destination \(url)")
                        }
                        value = .text(text)
                    }
                    if times[c], case .text(let text) = value, Self.readsTheClock(text) {
                        throw AdapterError(
                            code: .writeFailed,
                            message: "row \(batch.firstOrdinal + Int64(row) + 1) of table \(table.name): column \(batch.columnNames[c]) holds a word PostgreSQL reads relative to the clock (now, today, tomorrow, yesterday): the copy would hold the time it was made, another one every run; give the column a generator (`null` drops the values; `conditional` with `matches:` and `then: \"null\"` those rows alone), or correct the source",
                            place: "destination \(url)")
                    }
                    if let scale = scales[c]?.scale {
                        let places: Int? = switch value {
                        case .real(let number): number.isFinite ? Self.decimalPlaces(Substring(String(number))) : nil
                        case .text(let text): Self.decimalPlaces(Substring(text))
                        default: nil
                        }
                        if let places, places > scale { rounded[c] += 1 }
                    }
                    PostgresValues.copyField(value, into: &pending, boolean: booleans[c])
                }
                pending.writeInteger(UInt8(ascii: "\n"))
            }
            for (c, count) in rounded.enumerated() where count > 0 {
                rounding?.record(table: table.name, column: batch.columnNames[c], type: scales[c]?.type ?? "", count: count)
            }
        }
        if pending.readableBytes >= Self.flushBytes { try await flush() }
    }

    /// The decimal places a number's text writes, trailing zeros left out and an exponent counted
    /// (`3.140` → 2, `1e-07` → 7, `1.5E+3` → 0); nil where the text is no number.
    static func decimalPlaces(_ text: Substring) -> Int? {
        var text = text.drop { $0 == " " }
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...]) else { return nil }
            exponent = value
            text = text[..<e]
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { $0.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
        guard let whole = parts.first, parts.count <= 2, digits(whole), digits(parts[parts.count - 1]),
              !whole.isEmpty || (parts.count == 2 && !parts[1].isEmpty) else { return nil }
        let fraction = parts.count == 2 ? parts[1].reversed().drop { $0 == "0" }.count : 0
        return max(0, fraction - exponent)
    }

    /// The scale of `numeric(p,s)` or `decimal(p,s)` (0 for `numeric(p)`); nil without precision.
    static func declaredScale(_ type: String) -> Int? {
        guard let match = type.lowercased().wholeMatch(of: #/\s*(?:numeric|decimal)\s*\(\s*\d+\s*(?:,\s*(\d+)\s*)?\)\s*/#) else { return nil }
        return match.1.map { Int($0) ?? 0 } ?? 0
    }

    /// Whether date or time text holds one of the words PostgreSQL's input reads as the current
    /// clock (`now`, `today`, `tomorrow`, `yesterday`, any case, among other fields: `today 10:00`).
    /// Text of a SQLite source goes to PostgreSQL as it is, and such a word would become the time
    /// of the copy. (`epoch`, `infinity` and `allballs` are fixed instants.)
    static func readsTheClock(_ text: String) -> Bool {
        // Each run of letters packed 5 bits a letter (a word of more than 9 letters is none of them):
        // no string or array per value, as this runs on every date text a SQLite source copies.
        var word: UInt64 = 0, letters = 0
        func isClockWord() -> Bool { letters <= 9 && clockWords.contains(word) }
        for byte in text.utf8 {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") {
                word = word << 5 | UInt64(lower - UInt8(ascii: "a") + 1)
                letters += 1
                continue
            }
            if letters > 0, isClockWord() { return true }
            word = 0
            letters = 0
        }
        return letters > 0 && isClockWord()
    }

    /// `now`, `today`, `tomorrow`, `yesterday` packed as ``readsTheClock(_:)`` packs a word.
    static let clockWords: Set<UInt64> = Set(["now", "today", "tomorrow", "yesterday"].map { $0.utf8.reduce(UInt64(0)) { $0 << 5 | UInt64($1 - UInt8(ascii: "a") + 1) } })

    /// A `regnamespace` value that names a copied schema (`sales`, `"Sales"`) names the schema its
    /// copy is built in, which takes the destination schema's name at the swap; by its own name it
    /// would name the schema the copy replaces, dropped after the swap.
    func copiedSchema(_ value: Value) -> Value {
        guard case .text(let text) = value else { return value }
        let name = text.count > 1 && text.hasPrefix("\"") && text.hasSuffix("\"")
            ? String(text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : text
        guard let index = sourceSchemas.firstIndex(of: name), index < map.targets.count else { return value }
        return .text(quoted(map.targets[index]))
    }

    /// Each row: the field count, the source's cells as they came, then the generated values.
    private func writeBinary(_ batch: RowBatch, encoded: EncodedCells, into table: Table) throws {
        let kinds = batch.columnNames.map { name in table.column(named: name).flatMap { PostgresBinary.kind(of: $0.declaredType) } ?? .text }
        let fields = Int16(encoded.columnNames.count + batch.columns.count)
        pending.reserveCapacity(pending.readableBytes + encoded.bytes.count + batch.count * (2 + batch.columns.count * 24))
        for row in 0..<batch.count {
            pending.writeInteger(fields)
            let range = encoded.range(ofRow: row)
            pending.writeBytes(encoded.bytes[range])
            for c in 0..<batch.columns.count {
                do {
                    try PostgresBinary.writeField(batch.columns[c][row], kind: kinds[c], into: &pending)
                } catch {
                    throw AdapterError(
                        code: .writeFailed, message: "cannot load row \(batch.firstOrdinal + Int64(row) + 1) of table \(table.name): in column \(batch.columnNames[c]), \(error.message)",
                        place: "destination \(url)")
                }
            }
        }
    }

    /// Sends the gathered rows with one COPY.
    func flush() async throws {
        guard let current = pendingTable else { return }
        pendingTable = nil
        var buffer = pending
        pending = ByteBuffer()
        if current.binary { PostgresBinary.writeTrailer(into: &buffer) }
        let data = buffer
        // References to objects (`regclass`…) arrive as the source's text, unqualified for objects of
        // the copied schemas and of `public`: resolved among every copied schema's target, then
        // `public`, as the source was read; the table named with its schema.
        let references = !current.binary
            && current.table.columns.contains { current.columns.contains($0.name) && $0.namesDatabaseObjects }
        if references {
            try await path.setAll(on: session, replacing: url.schemas, place: "destination \(url)")
        } else {
            try await path.use(current.table.name, on: session, place: "destination \(url)")
        }
        let name = map.local(current.table.name)
        guard current.binary || data.readableBytes > 0 else { return }
        // Rows written frozen, as VACUUM FREEZE would leave them: the index builds, validations and
        // first queries that read them next skip setting hint bits, and the merge that validates a
        // key reads its indexes without visiting the table (10M order items: key 4.8 → 3.7 s,
        // validation 3.1 → 1.8 s). COPY writes so only into a table emptied in its own transaction.
        let freeze = wholeTables && current.table.partitioning == nil
        do {
            if freeze, loading != current.table.name {
                try await commitLoading()
                try await session.execute("BEGIN")
                loading = current.table.name
                // (ONLY: a parent's TRUNCATE would empty the tables inheriting from it, loaded before.)
                try await session.execute("TRUNCATE ONLY \(references ? quoted(map.target(of: current.table.name)) + "." : "")\(quoted(name))")
            }
            try await session.copy(into: name, schema: references ? map.target(of: current.table.name) : nil, columns: current.columns, binary: current.binary, freeze: freeze, data: data)
        } catch {
            let reason = PostgresSession.reason(error)
            throw AdapterError(
                code: .writeFailed,
                message: PostgresSession.diskFullHint(reason, role: "destination")
                    ?? Self.referenceHint(reason, table: current.table, firstRow: current.firstRow)
                    ?? Self.loadHint(reason, table: current.table.name, firstRow: current.firstRow, from: sourceEngine,
                                     nulColumn: current.binary ? nil : Self.nulLine(reason).flatMap { Self.nulColumn(in: data, line: $0, columns: current.columns) })
                    ?? "cannot load rows \(current.firstRow + 1)…\(current.lastRow) of table \(current.table.name) (COPY)",
                place: "destination \(url)", underlying: reason)
        }
    }

    /// A reference to an object (`regclass`…) that the copy does not have while its rows load.
    static func referenceHint(_ reason: String, table: Table, firstRow: Int64) -> String? {
        guard PostgresSession.isUndefinedObject(reason), let place = reason.firstMatch(of: #/line (\d+) of the batch, column (.+)$/#), let line = Int64(place.1),
              let column = table.column(named: String(place.2)), column.namesDatabaseObjects else { return nil }
        return "row \(firstRow + line) of table \(table.name): column \(column.name) (\(column.declaredType)) names an object the copy does not have while rows load — a view, materialized view, index, constraint or trigger (the copy creates them after the rows), or an object of a schema the run does not copy that the destination lacks; create that object in the destination first, or give the column a generator (`null` drops the references)"
    }

    /// The line of the batch whose text held a NUL, where the server's refusal is one.
    static func nulLine(_ reason: String) -> Int64? {
        guard reason.contains("0x00"), let place = reason.firstMatch(of: #/line (\d+) of the batch/#) else { return nil }
        return Int64(place.1)
    }

    /// The column whose field holds a NUL on `line` (counted from 1) of a text COPY's rows: fields
    /// end at a tab, rows at a newline (the text format escapes both inside a value).
    static func nulColumn(in data: ByteBuffer, line: Int64, columns: [String]) -> String? {
        var row: Int64 = 1
        var field = 0
        for byte in data.readableBytesView {
            switch byte {
            case UInt8(ascii: "\n"):
                if row == line { return nil }
                row += 1
                field = 0
            case UInt8(ascii: "\t"): field += 1
            case 0 where row == line: return field < columns.count ? columns[field] : nil
            default: break
            }
        }
        return nil
    }

    /// A value the server refused, where the COPY's context names its line and column: the row
    /// and column, and what to do. A SQLite column holds any value whatever its declared type
    /// (`'n/a'` in an INTEGER column, a NUL in text), which PostgreSQL refuses.
    static func loadHint(_ reason: String, table: String, firstRow: Int64, from engine: DatabaseEngine?, nulColumn: String? = nil) -> String? {
        // A NUL in text (SQLite holds one; PostgreSQL's text cannot): the server names the line, not
        // the column, which the caller reads from the batch's line where it can.
        if let line = nulLine(reason) {
            let fix = "(`null` drops the values; `{ generator: regex, pattern: \"\\\\x00\", with: { generator: constant, value: \" \" } }` replaces the character)"
            guard let nulColumn else {
                return "row \(firstRow + line) of table \(table) holds a NUL character (\\0) in a text value, which PostgreSQL's text cannot hold; give that column a generator \(fix), or remove it from the source"
            }
            return "row \(firstRow + line) of table \(table): column \(nulColumn) holds a NUL character (\\0) in a text value, which PostgreSQL's text cannot hold; give the column a generator \(fix) or `on_invalid: null` (NULL for such values only), or remove it from the source"
        }
        // Longer than a declared length (`VARCHAR(5)`), which SQLite keeps as a name and does not hold values to.
        let state = PostgresSession.state(reason)
        if let long = reason.firstMatch(of: #/value too long for type (.+?)(?: \(SQLSTATE \w+\))?;.*line (\d+) of the batch, column (.+)$/#), let line = Int64(long.2) {
            let why = engine == .sqlite ? " (SQLite does not hold a column to its declared length)" : ""
            return "row \(firstRow + line) of table \(table): the value of column \(long.3) is longer than its type, \(long.1), allows\(why); give the column a generator (`null` drops the values) or `on_invalid: null` (NULL for such values only), or shorten the values in the source"
        }
        if state == "22001", let place = reason.firstMatch(of: #/line (\d+) of the batch, column (.+)$/#), let line = Int64(place.1) {
            let why = engine == .sqlite ? " (SQLite does not hold a column to its declared length)" : ""
            return "row \(firstRow + line) of table \(table): the value of column \(place.2) is longer than its type allows\(why); give the column a generator (`null` drops the values) or `on_invalid: null` (NULL for such values only), or shorten the values in the source"
        }
        // Larger than a declared precision (`DECIMAL(5,2)`), which SQLite keeps as a name too.
        if reason.contains("numeric field overflow"), let place = reason.firstMatch(of: #/line (\d+) of the batch, column (.+)$/#), let line = Int64(place.1) {
            let why = engine == .sqlite ? " (SQLite does not hold a column to its declared precision)" : ""
            return "row \(firstRow + line) of table \(table): the value of column \(place.2) is larger than its type's precision allows\(why); give the column a generator (`null` drops the values) or `on_invalid: null` (NULL for such values only), or declare the column with a larger precision in a copy of the source"
        }
        // A character the destination database's encoding has no byte for (a UTF8 source's `Ł` into
        // a LATIN1 database): the database, not the column's type, refuses it.
        if state == "22P05", let encoding = reason.firstMatch(of: #/in encoding "[^"]+" has no equivalent in encoding "([^"]+)"/#),
           let place = reason.firstMatch(of: #/line (\d+) of the batch, column (.+)$/#), let line = Int64(place.1) {
            return "row \(firstRow + line) of table \(table): column \(place.2) holds a character that the destination database's encoding, \(encoding.1), has no byte for; copy into a UTF8 database, which holds every character (`CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0`), or give the column a generator (`null` drops the values)"
        }
        // (A data exception, class 22, in any language.)
        guard reason.contains("invalid input syntax") || reason.contains("invalid byte sequence") || reason.contains("out of range") || state?.hasPrefix("22") == true,
              let place = reason.firstMatch(of: #/line (\d+) of the batch, column (.+)$/#), let line = Int64(place.1) else { return nil }
        let why = engine == .sqlite ? " (a SQLite column holds any value whatever its declared type)" : ""
        // Dates written otherwise (Unix times, `06/14/1987`) have a generator that converts them.
        let dates = reason.contains("date/time") || reason.contains("type date") || reason.contains("type timestamp") || state == "22007" || state == "22008"
            ? "; dates written otherwise (Unix times, 06/14/1987, 14.06.1987) become ISO dates with `date.iso`" : ""
        return "row \(firstRow + line) of table \(table): the value of column \(place.2) does not fit its type in PostgreSQL\(why); give the column a generator that writes values of its type (`null` drops them)\(dates), or `on_invalid: null` (NULL for such values only), or correct the source"
    }

    func release() async throws {
        try await flush()
        try await commitLoading()
    }

    func finish() async throws {
        try await release()
        if closeWhenDone { await session.close() }
    }

    func commitLoading() async throws {
        guard let table = loading else { return }
        loading = nil
        try await session.execute("COMMIT", place: "destination \(url): table \(table)")
    }

    func abandon() async {
        pendingTable = nil
        if closeWhenDone { await session.close() }
    }
}

/// Numbers of another engine's source with more decimal places than their column's declared scale
/// (a SQLite `DECIMAL(5,2)` holds 3.14159; PostgreSQL's `numeric(5,2)` rounds it to 3.14), counted
/// per column by the writers and reported by the destination (UND-W020), never a value.
final class DecimalRounding: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var counts: [String: [String: (type: String, count: Int)]] = [:]

    func record(table: String, column: String, type: String, count: Int) {
        lock.withLock { counts[table, default: [:]][column, default: (type, 0)].count += count }
    }

    var findings: [RunReport.Finding] {
        lock.withLock {
            counts.sorted { $0.key < $1.key }.flatMap { table, columns in
                columns.sorted { $0.key < $1.key }.map { column, rounded in
                    RunReport.Finding(
                        id: "UND-W020", severity: .warning, table: table, column: column,
                        message: "\(rounded.count) value\(rounded.count == 1 ? "" : "s") with more decimal places than \(rounded.type) keeps: SQLite held them as they were, whatever the declared type, and PostgreSQL rounds them to its scale; declare the column with a larger scale in a copy of the source, or copy into SQLite, to keep every decimal place")
                }
            }
        }
    }
}

/// Names of tables whose keys and indexes are built, shared by a destination and its writers.
final class FinishedTables: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var names = Set<String>()

    func insert(_ name: String) { lock.withLock { _ = names.insert(name) } }
    func contains(_ name: String) -> Bool { lock.withLock { names.contains(name) } }
}
