import UnderstudyCore

/// The order in which a schema's types and functions are created before its tables: each after the
/// objects of this set it names. A composite type may hold a domain (`d tags`), a domain may be
/// over a composite or range type or call a function in its CHECK (`CHECK (is_even(VALUE))`), a
/// range type may name its `subtype_diff` function, a function's arguments and result may be any of
/// them. A fixed order of kinds (composite and range types, then domains, then functions) failed the
/// copy on the first of these (`type "tags" does not exist`).
///
/// What an object names is read from its statement's identifiers, outside string literals, and for
/// a function from its header only (a quoted body is not bound when it is created:
/// `check_function_bodies` is off); what the server records an object needing (``Item/dependsOn``)
/// counts too — a SQL-standard body is bound, to the aggregates, operators and casts it uses, which
/// its header does not name. Objects that need each other in a cycle keep the fixed order, among
/// themselves.
struct PostgresCreationOrder {
    struct Item: Sendable {
        /// The name other statements use (the local name, unqualified).
        var name: String
        var sql: String
        var isFunction: Bool
        /// Its key among ``SchemaObject/key`` and ``View/functionKey(_:)``'s, and those of what it
        /// needs as the server records it (`pg_depend`): what a SQL-standard body calls, casts or
        /// compares with — an aggregate, a cast, an operator — which no header names.
        var key: String? = nil
        var dependsOn: [String] = []
    }

    /// Indices into `items`, each after the items it names; otherwise in the given order.
    static func order(_ items: [Item]) -> [Int] {
        let byName = Dictionary(grouping: items.indices, by: { items[$0].name })
        let byKey = Dictionary(grouping: items.indices.filter { items[$0].key != nil }, by: { items[$0].key! })
        let needs: [Set<Int>] = items.indices.map { index in
            let item = items[index]
            let named = identifiers(in: item.isFunction ? header(of: item.sql) : item.sql)
            return Set(named.flatMap { byName[$0] ?? [] }.filter { $0 != index && items[$0].name != item.name })
                .union(item.dependsOn.flatMap { byKey[$0] ?? [] }.filter { $0 != index })
        }
        var done = Set<Int>(), order: [Int] = []
        while order.count < items.count {
            // The first item, in the given order, whose needs are met; in a cycle, the first left.
            let next = items.indices.first { !done.contains($0) && needs[$0].isSubset(of: done) }
                ?? items.indices.first { !done.contains($0) }!
            done.insert(next)
            order.append(next)
        }
        return order
    }

    /// A function's statement up to its body (`AS $function$…`, or a SQL-standard `BEGIN ATOMIC`).
    static func header(of sql: String) -> String {
        let ends = [sql.range(of: #"\n ?AS "#, options: .regularExpression), sql.range(of: #"\bBEGIN ATOMIC\b"#, options: .regularExpression)]
            .compactMap { $0?.lowerBound }
        return ends.min().map { String(sql[..<$0]) } ?? sql
    }

    /// The identifiers of `sql` as the server folds them: unquoted words lower-cased, quoted ones as
    /// written; in its code only (``PostgresSQLText/mapCode(_:_:)``: string literals and dollar-quoted
    /// text name nothing, a literal cast to an object type names its object).
    static func identifiers(in sql: String) -> Set<String> {
        var found = Set<String>()
        _ = PostgresSQLText.mapCode(sql) { code in
            found.formUnion(words(in: code))
            return code
        }
        return found
    }

    /// Unquoted words (lower-cased) and `"quoted"` names of a stretch of code.
    static func words(in code: String) -> Set<String> {
        var found = Set<String>()
        let units = Array(code.unicodeScalars)
        func isStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isPart(_ c: Unicode.Scalar) -> Bool { isStart(c) || c == "$" || ("0"..."9").contains(c) }
        var i = 0
        while i < units.count {
            if units[i] == "\"" {
                var name = String.UnicodeScalarView()
                i += 1
                while i < units.count {
                    if units[i] == "\"" { if i + 1 < units.count, units[i + 1] == "\"" { name.append("\""); i += 2; continue }; break }
                    name.append(units[i])
                    i += 1
                }
                found.insert(String(name))
                i += 1
            } else if isStart(units[i]) {
                var j = i
                while j < units.count, isPart(units[j]) { j += 1 }
                found.insert(String(String.UnicodeScalarView(units[i..<j])).lowercased())
                i = j
            } else {
                i += 1
            }
        }
        return found
    }
}
