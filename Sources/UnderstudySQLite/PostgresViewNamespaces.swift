import UnderstudyCore

extension PostgresViewSQL {
    /// Words after a relation in a `FROM` list that are no alias of it.
    static let clauseWords: Set<String> = [
        "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "where", "group", "having", "order",
        "limit", "offset", "fetch", "union", "intersect", "except", "window", "for", "with", "tablesample",
    ]

    /// Functions whose arguments say `FROM` (`EXTRACT(year FROM at)`, `substring(s FROM 2)`, `trim(both 'x' FROM s)`).
    static let functionsWithFrom: Set<String> = ["extract", "substring", "trim", "overlay", "position", "date_part"]

    /// Words that end a `FROM` list at their depth.
    static let fromEnds: Set<String> = ["where", "group", "having", "order", "limit", "offset", "fetch", "union", "intersect", "except", "window", "for", "with"]

    /// A view of one of several PostgreSQL schemas as a SQLite file names it: the view as
    /// `schema.name` (`name`, the copy's), and each relation it reads as the file's table or view of
    /// that name — of its own schema when unqualified (the introspector read the schema with
    /// `search_path` set to it alone, so the server left those unqualified), of another copied
    /// schema by the quoted qualifier the introspector writes (`"billing".invoices`). A relation
    /// without an alias gets its name as one (`FROM orders` → `FROM "sales.orders" orders`), so that
    /// the columns the server qualifies by it (`orders.id`) still name it. `relations`: the copy's
    /// tables and views, `schema.name`. Names that are no relation of a copied schema (a CTE's, a
    /// function's, one of a schema not copied) are left as written; such a view SQLite then refuses,
    /// and it is named as not kept.
    static func inOneNamespace(_ sql: String, name: String, namespaces: [String], relations: Set<String>) -> String {
        guard let own = DatabaseSchema.locate(name, among: namespaces).map({ namespaces[$0.index] }) else { return sql }
        let tokens = SQLToken.tokens(sql)
        let significant = tokens.indices.filter { tokens[$0].kind != .space }
        func word(_ position: Int) -> String? {
            guard position < significant.count, tokens[significant[position]].kind == .word else { return nil }
            return tokens[significant[position]].value
        }
        func kind(_ position: Int) -> SQLToken.Kind? { position < significant.count ? tokens[significant[position]].kind : nil }
        // A name as PostgreSQL holds it: unquoted folded to lower case, quoted as written.
        func identifier(_ position: Int) -> String? {
            guard position < significant.count else { return nil }
            let token = tokens[significant[position]]
            switch token.kind {
            case .word: return token.value
            case .quoted: return String(token.text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            default: return nil
            }
        }
        // A common table expression's names (`WITH orders AS (…)`), which are no relation of the schema.
        var local = Set<String>()
        for position in significant.indices where word(position + 1) == "as" && kind(position + 2) == .open {
            if let name = identifier(position), word(position - 1) == "with" || word(position - 1) == "recursive" || kind(position - 1) == .comma {
                local.insert(name)
            }
        }
        var replacements: [Int: String] = [:], removed = Set<Int>()
        // The view's own name, after `CREATE [MATERIALIZED] VIEW`.
        var start = 0
        while word(start) == "create" || word(start) == "materialized" || word(start) == "view" || word(start) == "or" || word(start) == "replace" { start += 1 }
        if start > 0, identifier(start) != nil {
            var end = start
            while kind(end + 1) == .dot, identifier(end + 2) != nil { end += 2 }
            replacements[significant[start]] = quoted(name)
            for position in stride(from: start + 1, through: end, by: 1) { removed.insert(significant[position]) }
            start = end + 1
        }
        var depth = 0, inFrom: [Int: Bool] = [:], functionFrom: [Int: Bool] = [:], expecting = false
        var position = start
        while position < significant.count {
            let token = tokens[significant[position]]
            if expecting {
                // `FROM (a JOIN b …)`: the first relation is inside; a subquery's `SELECT` is none.
                if token.kind == .open { depth += 1; inFrom[depth] = false; functionFrom[depth] = false; position += 1; continue }
                if word(position) == "only" || word(position) == "lateral" { expecting = word(position) == "only"; position += 1; continue }
                expecting = false
                var qualifier: String?, relation = identifier(position), last = position
                if kind(position + 1) == .dot, let next = identifier(position + 2) { qualifier = relation; relation = next; last = position + 2 }
                if let relation, kind(last + 1) != .open, kind(last + 1) != .dot {
                    let target: String? = if let qualifier {
                        namespaces.contains(qualifier) && relations.contains(qualifier + "." + relation) ? qualifier + "." + relation : nil
                    } else {
                        !local.contains(relation) && relations.contains(own + "." + relation) ? own + "." + relation : nil
                    }
                    if let target {
                        let after = last + 1
                        let aliased = kind(after) == .quoted || (word(after).map { !clauseWords.contains($0) } ?? false)
                        // The alias as the server spells the relation's name, as its columns are qualified.
                        replacements[significant[position]] = quoted(target) + (aliased ? "" : " " + tokens[significant[last]].text)
                        for removing in stride(from: position + 1, through: last, by: 1) { removed.insert(significant[removing]) }
                        position = last + 1
                        continue
                    }
                }
            }
            switch token.kind {
            case .open:
                depth += 1
                inFrom[depth] = false
                // A function that takes FROM in its arguments (`EXTRACT(year FROM created)`): no relation follows it.
                functionFrom[depth] = position > 0 && word(position - 1).map(Self.functionsWithFrom.contains) == true
            case .close: inFrom[depth] = false; functionFrom[depth] = false; depth -= 1
            case .comma: if inFrom[depth] == true { expecting = true }
            case .word:
                if token.value == "from", functionFrom[depth] != true { inFrom[depth] = true; expecting = true }
                else if token.value == "join" { expecting = true }
                else if fromEnds.contains(token.value) { inFrom[depth] = false }
            default: break
            }
            position += 1
        }
        guard !replacements.isEmpty else { return sql }
        var result = ""
        var skipping = false
        for index in tokens.indices {
            if let replacement = replacements[index] { result += replacement; skipping = true; continue }
            if removed.contains(index) { continue }
            // The spaces inside a replaced qualified name (`"billing" . invoices`) go with it.
            if skipping, tokens[index].kind == .space, index + 1 < tokens.count, removed.contains(index + 1) { continue }
            skipping = false
            result += tokens[index].text
        }
        return result
    }
}
