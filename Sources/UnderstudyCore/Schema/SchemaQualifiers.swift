/// Schema qualifiers in SQL code as PostgreSQL writes it: `bookings.now()`, `"My Schema".t`,
/// `OPERATOR(bookings.===)`, `'calm'::other.mood`. Each is found whole — at the start of a name,
/// not inside a longer one (`xbookings.`) nor after another's dot — with the name that follows it,
/// so that the caller can tell a schema's qualifier from a relation's (`bookings.book_ref`, a column
/// of the table `bookings` named through it: the same text, which only the names can tell apart).
public enum SchemaQualifiers {
    public struct Match {
        /// The position of the schema among those looked for.
        public let schema: Int
        /// Whether the qualifier is in double quotes (`"bookings".`).
        public let isQuoted: Bool
        /// The name after the dot, unquoted; nil where an operator follows (`OPERATOR(s.+)`).
        public let next: String?
    }

    /// `code` with each qualifier of one of `schemas` (the dot included) replaced by what `replace`
    /// returns for it; nil keeps it as written.
    public static func map(_ code: String, schemas: [String], _ replace: (Match) -> String?) -> String {
        guard mentions(schemas, in: code) else { return code }
        let units = Array(code.utf8)
        // Bare only where the server writes it bare: a name of lower-case letters, digits and `_`.
        let plain = schemas.map { name -> [UInt8]? in
            let units = Array(name.utf8)
            let simple = !units.isEmpty && !(0x30...0x39).contains(units[0])
                && units.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
            return simple ? units : nil
        }
        let quoted = schemas.map { Array(Self.quoted($0).utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var i = 0
        while i < units.count {
            // A name starts here: not after a letter, a digit, `_`, `$`, a quote or a dot.
            let starts = i == 0 || !(isIdentifierPart(units[i - 1]) || units[i - 1] == UInt8(ascii: "\"") || units[i - 1] == UInt8(ascii: "."))
            if starts, let (index, length, isQuoted) = schemaAt(i) {
                let after = i + length + 1
                let match = Match(schema: index, isQuoted: isQuoted, next: name(at: after))
                if let replacement = replace(match) {
                    out += Array(replacement.utf8)
                    i = after
                    continue
                }
                out += units[i..<after]
                i = after
                continue
            }
            out.append(units[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)

        /// The schema whose qualifier (with its dot) starts at `i`: its position, its length without the dot, and whether quoted.
        func schemaAt(_ i: Int) -> (Int, Int, Bool)? {
            for (index, spellings) in zip(plain, quoted).enumerated() {
                for case let (spelled?, isQuoted) in [(Optional(spellings.1), true), (spellings.0, false)] {
                    let end = i + spelled.count
                    guard end < units.count, units[end] == UInt8(ascii: "."), units[i..<end].elementsEqual(spelled) else { continue }
                    return (index, spelled.count, isQuoted)
                }
            }
            return nil
        }

        /// The name at `i`, unquoted; nil where none starts there.
        func name(at i: Int) -> String? {
            guard i < units.count else { return nil }
            if units[i] == UInt8(ascii: "\"") {
                var j = i + 1, name: [UInt8] = []
                while j < units.count {
                    if units[j] == UInt8(ascii: "\"") {
                        if j + 1 < units.count, units[j + 1] == UInt8(ascii: "\"") { name.append(units[j]); j += 2; continue }
                        return String(decoding: name, as: UTF8.self)
                    }
                    name.append(units[j])
                    j += 1
                }
                return nil
            }
            var j = i
            while j < units.count, isIdentifierPart(units[j]) { j += 1 }
            guard j > i, !(0x30...0x39).contains(units[i]) else { return nil }
            return String(decoding: units[i..<j], as: UTF8.self)
        }
    }

    /// Whether `text` may hold a qualifier of one of `schemas` (most definitions name none: no
    /// scan of their bytes, nor of their literals).
    public static func mentions(_ schemas: [String], in text: String) -> Bool {
        schemas.contains { $0.contains("\"") || text.contains($0) }
    }

    /// `name` in double quotes, as PostgreSQL writes an identifier that needs them.
    public static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A byte of an unquoted name: a letter, a digit, `_`, `$`, or part of a non-ASCII letter.
    static func isIdentifierPart(_ unit: UInt8) -> Bool {
        (0x61...0x7A).contains(unit) || (0x41...0x5A).contains(unit) || (0x30...0x39).contains(unit)
            || unit == UInt8(ascii: "_") || unit == UInt8(ascii: "$") || unit >= 0x80
    }
}
