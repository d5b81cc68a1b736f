/// Personal data written into the schema itself: a literal in a view (`WHERE email =
/// 'ceo@corp.example'`), a comment (`'ask Maria Gonzalez'`), a default, a CHECK, a policy, a
/// function body. The copy recreates these objects as written, so what they name reaches every
/// copy however the rows are de-identified; the run cannot rewrite another program's SQL, so it says
/// where (UND-W008), for a person to change the source's definition or leave the object out.
public enum SchemaLiterals {
    /// The kinds worth a warning in a definition (places, organisations, dates, URLs and IP
    /// addresses in literals are mostly configuration).
    static let reported: Set<EntityKind> = [.person, .email, .phoneNumber, .creditCard, .iban, .ssn, .streetAddress, .driverLicense, .passport]

    /// A warning per object whose literals name personal data, with the kinds (never the values).
    public static func findings(_ schema: DatabaseSchema) -> [RunReport.Finding] {
        let recognizer = EntityRecognizer(kinds: reported, minimumScore: 0.6)
        var findings: [RunReport.Finding] = []
        func check(_ label: String, table: String?, _ sql: String?, exclude: String?) {
            guard let sql else { return }
            let kinds = Set(literals(in: sql).flatMap { recognizer.spans(in: $0).map(\.kind) })
            guard !kinds.isEmpty else { return }
            let names = kinds.map(\.rawValue).sorted().joined(separator: ", ")
            let remedy = exclude.map { "change the source's definition, or leave the object out (`exclude_objects: [\"\($0)\"]`)" }
                ?? "change the source's definition"
            findings.append(.init(
                id: "UND-W008", severity: .warning, table: table ?? "*", column: nil,
                message: "\(label) names personal data in its SQL (\(names)), which every copy keeps as written; \(remedy)"))
        }
        for table in schema.tables {
            // SQLite keeps the table's whole statement (defaults and CHECKs in it); PostgreSQL's parts.
            check("table \(table.name)", table: table.name, table.definitionSQL, exclude: nil)
            for constraint in table.constraints { check("constraint \(constraint.name) of table \(table.name)", table: table.name, constraint.definition, exclude: nil) }
            for column in table.columns where table.definitionSQL == nil {
                check("the default of column \(column.name)", table: table.name, column.defaultExpression, exclude: nil)
            }
            for index in table.indexes { check("index \(index.name)", table: table.name, index.definitionSQL, exclude: nil) }
        }
        for view in schema.views {
            let kind = view.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") ? "materialized view" : "view"
            check("\(kind) \(view.name)", table: nil, view.definitionSQL, exclude: "\(kind) \(view.name)")
        }
        for function in schema.functions { check("function \(function.name)", table: nil, function.definitionSQL, exclude: "function \(function.name)") }
        for trigger in schema.triggers { check("trigger \(trigger.name)", table: trigger.table, trigger.definitionSQL, exclude: "trigger \(trigger.name)") }
        for domain in schema.domains { check("domain \(domain.name)", table: nil, domain.definitionSQL, exclude: "domain \(domain.name)") }
        for object in schema.objects where !object.isPrivilege && object.kind != .schemaComment {
            check(object.label, table: object.table, object.definitionSQL, exclude: object.label)
        }
        for object in schema.objects where object.kind == .schemaComment {
            check("the schema's comment", table: nil, "'" + object.definitionSQL.replacingOccurrences(of: "'", with: "''") + "'", exclude: nil)
        }
        return findings
    }

    /// The string literals of a statement (`'…'`, quotes doubled inside), as the text they hold —
    /// not those cast to an object identifier type (`'invoice_numbers'::regclass`,
    /// `'shop_en'::regconfig`): the server writes object names so, and they name no one.
    package static func literals(in sql: String) -> [String] {
        var literals: [String] = []
        var current: String?
        let chars = Array(sql.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            guard c == "'" else {
                if current != nil { current!.unicodeScalars.append(c) }
                continue
            }
            guard current != nil else { current = ""; continue }
            // A doubled quote inside a literal is a quote; a single one ends it.
            if i < chars.count, chars[i] == "'" {
                current!.append("'")
                i += 1
                continue
            }
            let cast = String(String.UnicodeScalarView(chars[i..<min(i + 5, chars.count)]))
            if cast != "::reg" { literals.append(current!) }
            current = nil
        }
        return literals
    }
}

/// PostgreSQL columns of large-object ids (`oid`, the `lo` extension's type): the objects belong
/// to the database, not to the schema, and are not copied, so the copy's ids would point at
/// nothing — and a file stored that way is not de-identified by any column generator. Said before
/// the run (UND-W009), with what to do.
public enum LargeObjectColumns {
    public static func findings(_ schema: DatabaseSchema) -> [RunReport.Finding] {
        guard schema.engine == .postgres else { return [] }
        return schema.tables.flatMap { table in
            table.storedColumns.filter { ["oid", "lo"].contains($0.typeName) }.map { column in
                RunReport.Finding(
                    id: "UND-W009", severity: .warning, table: table.name, column: column.name,
                    message: "is of type \(column.declaredType): if it holds large-object ids, the objects are not copied (they are the database's, not the schema's) and the copy's ids point at nothing; give the column a generator (`null`), or move the objects into a bytea column")
            }
        }
    }
}
