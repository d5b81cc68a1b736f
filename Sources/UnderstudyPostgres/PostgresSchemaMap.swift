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

    /// The position of the namespace that `name` (`schema.name`) belongs to.
    func index(of name: String) -> Int {
        guard let namespaces else { return 0 }
        return namespaces.firstIndex { name.hasPrefix($0 + ".") } ?? 0
    }

    /// The name in its own schema.
    func local(_ name: String) -> String {
        guard let namespaces else { return name }
        let namespace = namespaces[index(of: name)]
        return name.hasPrefix(namespace + ".") ? String(name.dropFirst(namespace.count + 1)) : name
    }

    func target(of name: String) -> String { targets[index(of: name)] }

    /// `"target"."name"`.
    func relation(_ name: String) -> String { "\(quoted(target(of: name))).\(quoted(local(name)))" }

    /// `SET search_path` to the schema where `name` is created.
    func path(for name: String) -> String { "SET search_path TO \(quoted(target(of: name)))" }

    /// A definition with qualifiers of the copied schemas pointed at their targets (written the
    /// way the server writes them: after a space, a parenthesis or a quote).
    func rewrite(_ sql: String) -> String {
        guard let namespaces else { return sql }
        var out = sql
        for (namespace, target) in zip(namespaces, targets) {
            for prefix in ["\(quoted(namespace)).", "\(namespace)."] {
                for lead in [" ", "(", "'"] {
                    out = out.replacingOccurrences(of: lead + prefix, with: lead + quoted(target) + ".")
                }
            }
        }
        return out
    }

    /// The table as it is created in its target schema: its own name, definitions rewritten.
    func local(_ table: Table) -> Table {
        guard namespaces != nil else { return table }
        var local = table
        local.name = self.local(table.name)
        for i in local.columns.indices {
            local.columns[i].declaredType = String(rewrite(" " + local.columns[i].declaredType).dropFirst())
            local.columns[i].defaultExpression = local.columns[i].defaultExpression.map(rewrite)
        }
        for i in local.constraints.indices { local.constraints[i].definition = rewrite(local.constraints[i].definition) }
        for i in local.indexes.indices { local.indexes[i].definitionSQL = local.indexes[i].definitionSQL.map(rewrite) }
        return local
    }
}
