/// Whether two databases have the same schema, and what differs: each schema is written as one
/// line per object (a table's columns, keys, checks, indexes, partitions; views, triggers, types,
/// sequences, functions and PostgreSQL's other objects, each with its definition as the engine
/// gives it), and the lines that are on one side only are the differences.
///
/// It compares what the adapters introspect, for databases of one engine; the fidelity tests judge
/// PostgreSQL copies with `pg_dump --schema-only` as well.
public struct SchemaComparison: Sendable {
    /// `- line` for what only the first schema has, `+ line` for what only the second has.
    public let differences: [String]

    public var matches: Bool { differences.isEmpty }

    public init(_ first: DatabaseSchema, _ second: DatabaseSchema) {
        let a = Self.lines(first)
        var b = Self.lines(second)
        // A copy into schemas of other names (`?schema=bookings` into `?schema=demo`) is compared
        // as if they had the first's: in names (`b2.flights`) and in qualifiers (`"demo".now()`).
        if let mine = first.schemaNames, let theirs = second.schemaNames, mine.count == theirs.count, mine != theirs {
            b = Set(b.map { line in
                SchemaQualifiers.map(line, schemas: theirs) { match in
                    (match.isQuoted ? SchemaQualifiers.quoted(mine[match.schema]) : mine[match.schema]) + "."
                }
            })
        }
        let onlyFirst = a.subtracting(b), onlySecond = b.subtracting(a)
        differences = onlyFirst.sorted().map { "- " + $0 } + onlySecond.sorted().map { "+ " + $0 }
    }

    /// The schema as a set of lines, one per object or column.
    public static func lines(_ schema: DatabaseSchema) -> Set<String> {
        var lines: Set<String> = ["engine \(schema.engine.rawValue)"]
        func text(_ sql: String) -> String {
            sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        }
        for table in schema.tables {
            lines.insert("table \(table.name)" + (table.hasRowID ? "" : " WITHOUT ROWID"))
            if let sql = table.definitionSQL { lines.insert("table \(table.name): \(text(sql))") }
            for column in table.columns {
                var line = "column \(table.name).\(column.name) \(column.declaredType)\(column.isNullable ? "" : " NOT NULL")"
                if let expression = column.defaultExpression { line += (column.isGenerated ? " GENERATED " : " DEFAULT ") + expression }
                if let identity = column.identity { line += " IDENTITY \(identity)" }
                if let collation = column.collation { line += " COLLATE \(collation)" }
                lines.insert(line)
            }
            if !table.primaryKey.isEmpty { lines.insert("primary key \(table.name) (\(table.primaryKey.joined(separator: ", ")))") }
            for constraint in table.constraints { lines.insert("constraint \(table.name).\(constraint.name) \(text(constraint.definition))") }
            for key in table.foreignKeys where !key.isVirtual {
                lines.insert("foreign key \(table.name) (\(key.columns.joined(separator: ", "))) → \(key.referencedTable) (\(key.referencedColumns.joined(separator: ", ")))" + key.actions)
            }
            for index in table.indexes {
                lines.insert("index \(table.name).\(index.name) " + (index.definitionSQL.map(text) ?? "\(index.isUnique ? "UNIQUE " : "")(\(index.columns.joined(separator: ", ")))"))
            }
            if let type = table.ofType { lines.insert("table \(table.name) of \(type)") }
            if let inheritance = table.inheritance { lines.insert("table \(table.name) inherits (\(inheritance.parents.joined(separator: ", ")))") }
            if let storage = table.storage {
                lines.insert("table \(table.name) storage" + (storage.unlogged ? " UNLOGGED" : "") + (storage.accessMethod.map { " USING \($0)" } ?? "")
                    + (storage.options.isEmpty ? "" : " WITH (\(storage.options.joined(separator: ", ")))"))
            }
            if let partitioning = table.partitioning {
                lines.insert("partition key \(table.name) \(partitioning.key)")
                for partition in partitioning.partitions {
                    lines.insert("partition \(partition.name) of \(partition.parent) \(partition.bound)" + (partition.subpartitioning.map { " BY \($0)" } ?? "")
                        + (partition.schemaNotCopied.map { " in schema \($0)" } ?? "") + (partition.options.map { " WITH (\($0.joined(separator: ", ")))" } ?? ""))
                }
            }
        }
        for view in schema.views { lines.insert("view \(view.name): \(text(view.definitionSQL))") }
        // (The name and the table apart, each qualifier a word of its own that a copy into renamed
        // schemas maps: `bookings.tickets.bookings.tickets_stamp` kept its second.)
        for trigger in schema.triggers { lines.insert("trigger \(trigger.name) on \(trigger.table): \(text(trigger.definitionSQL))") }
        for e in schema.enums { lines.insert("enum \(e.name) (\(e.labels.joined(separator: ", ")))") }
        for sequence in schema.sequences { lines.insert("sequence \(sequence.name)" + (sequence.options.map { " " + $0 } ?? "") + (sequence.unlogged == true ? " UNLOGGED" : "")) }
        for domain in schema.domains { lines.insert("domain \(domain.name): \(text(domain.definitionSQL))") }
        for function in schema.functions { lines.insert("function \(function.name): \(text(function.definitionSQL))") }
        // Privileges aside, as `pg_dump --no-privileges`: they are copied only when the workspace asks.
        for object in schema.objects where !object.isPrivilege {
            // One schema's comment is the schema's, whatever the schema is called (a copy into `dev`).
            let label = object.kind == .schemaComment && !object.name.contains(".") ? object.kind.rawValue : object.label
            lines.insert("\(label): \(text(object.definitionSQL))")
        }
        return lines
    }
}
