import UnderstudyCore

/// SQL text as the server writes a definition, read far enough to tell its code from its string
/// literals. Schema qualifiers are taken out of definitions (``PostgresIntrospector/unqualified(_:schema:)``)
/// and pointed at staging schemas (``PostgresSchemaMap/rewrite(_:)``) in the code only: a literal is
/// data — a view's `'see sales.customer'`, the query `crosstab('SELECT … FROM person.person')` runs
/// after the swap — except one cast to a type that names an object (`'sales.seq'::regclass` in a
/// default's `nextval`), which is a reference like any other. Before, both were rewritten inside
/// every literal: a view's text lost `sales.`, and a crosstab query named a table that did not exist.
enum PostgresSQLText {
    /// `sql` with `transform` applied to each stretch of code and to each literal that names an
    /// object (with its quotes, so that a rule keyed on `'schema.` applies); other literals,
    /// dollar-quoted text and quoted identifiers' insides as they are (quoted identifiers stay in
    /// the code around them, so that `"My Schema".t` is seen whole).
    static func mapCode(_ sql: String, _ transform: (String) -> String) -> String {
        let units = Array(sql.utf8)
        var out = ""
        var codeStart = 0
        var i = 0
        func flushCode(upTo end: Int) {
            if end > codeStart { out += transform(String(decoding: units[codeStart..<end], as: UTF8.self)) }
        }
        while i < units.count {
            switch units[i] {
            case UInt8(ascii: "\""):
                // A quoted identifier: part of the code; its inside is not scanned for literals.
                i += 1
                while i < units.count {
                    if units[i] == UInt8(ascii: "\"") {
                        if i + 1 < units.count, units[i + 1] == UInt8(ascii: "\"") { i += 2; continue }
                        break
                    }
                    i += 1
                }
                i += 1
            case UInt8(ascii: "'"):
                let escapes = i > 0 && (units[i - 1] == UInt8(ascii: "E") || units[i - 1] == UInt8(ascii: "e"))
                    && (i < 2 || !isIdentifierPart(units[i - 2]))
                let start = i
                i += 1
                while i < units.count {
                    if escapes, units[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if units[i] == UInt8(ascii: "'") {
                        if i + 1 < units.count, units[i + 1] == UInt8(ascii: "'") { i += 2; continue }
                        break
                    }
                    i += 1
                }
                let end = min(i + 1, units.count)
                let literal = String(decoding: units[start..<end], as: UTF8.self)
                flushCode(upTo: start)
                out += namesObject(units, after: end) ? transform(literal) : literal
                i = end
                codeStart = end
            case UInt8(ascii: "$"):
                // $tag$ … $tag$ (not a parameter `$1`: a tag does not start with a digit).
                var close = i + 1
                if close < units.count, !(0x30...0x39).contains(units[close]) {
                    while close < units.count, isIdentifierPart(units[close]) { close += 1 }
                }
                guard close < units.count, units[close] == UInt8(ascii: "$") else { i += 1; continue }
                let tag = Array(units[i...close])
                var j = close + 1
                while j + tag.count <= units.count, !units[j..<(j + tag.count)].elementsEqual(tag) { j += 1 }
                let end = min(j + tag.count, units.count)
                flushCode(upTo: i)
                out += String(decoding: units[i..<end], as: UTF8.self)
                i = end
                codeStart = end
            default:
                i += 1
            }
        }
        flushCode(upTo: units.count)
        return out
    }

    /// Whether the literal ending at `index` is cast to a type whose values name objects
    /// (`::regclass`, `::regproc`, `::regtype`…).
    static func namesObject(_ units: [UInt8], after index: Int) -> Bool {
        let rest = units[index...].prefix(24)
        guard rest.starts(with: "::".utf8) else { return false }
        let name = rest.dropFirst(2).prefix { isIdentifierPart($0) }
        return Column.objectReferenceTypes.contains(String(decoding: name, as: UTF8.self).lowercased())
    }

    static func isIdentifierPart(_ unit: UInt8) -> Bool {
        (unit >= 0x61 && unit <= 0x7A) || (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x30 && unit <= 0x39) || unit == UInt8(ascii: "_") || unit >= 0x80
    }
}
