import Foundation

/// Applies generators to named fields of a PostgreSQL composite value (a column of a type made by
/// `CREATE TYPE addr AS (street text, city text, zip text)`), leaving the other fields as they are.
/// Such a column held a person's address that no generator could reach: a text generator's value
/// is no composite literal, so the planner refused all but passthrough, null and constant.
struct CompositeGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "composite",
        summary: "Applies a generator to each named field of a PostgreSQL composite value (`(\"1 Main St\",Springfield,12345)`); the other fields are untouched.",
        details: """
            `fields` maps the type's field names to a generator name or `{ generator: NAME, params… }`; each field \
            reaches its generator as the field's type (`integer`: integers for `fpe.integer`), a NULL field stays NULL, \
            and the value is written back as PostgreSQL writes it (quoted where a field needs it). A field the type has \
            not is refused before the run, naming the fields it has. On an array of a composite type, use it as \
            `array`'s `of`. `init` suggests it where the scanner finds personal data in a field (by the field's name \
            and its values).
            """,
        acceptedTypes: [.text],
        parameters: [.init("fields", .generatorMap, required: true, "field → generator, e.g. { street: address.street, zip: address.postal-code }")],
        examples: [.init(.text(#"("1 Main St",Springfield,12345)"#), parameters: ["fields": .mapping(["street": .string("address.street"), "city": .string("address.city")])],
                         fields: ["street", "city", "zip"])],
        make: { setup throws(GeneratorError) in
            guard let fields = setup.column.fields, !fields.isEmpty else {
                throw GeneratorError(generator: "composite", message: "the column \(setup.column.name) is of no composite type (\(setup.column.declaredType)); composite reads a PostgreSQL composite type's fields")
            }
            var rules: [(Int, any Generator)] = []
            for name in (setup.parameters.mapping("fields") ?? [:]).keys.sorted() {
                guard let index = fields.firstIndex(where: { $0.name == name }) else {
                    throw GeneratorError(generator: "composite", message: "the type \(setup.column.declaredType) has no field \(name); its fields: \(fields.map(\.name).joined(separator: ", "))")
                }
                let spec = try! GeneratorSpec.parse(setup.parameters.mapping("fields")![name]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: name, message: $0) }
                var nested = setup
                nested.column = fields[index]
                rules.append((index, try spec.make(in: nested, part: name, type: fields[index].logicalType)))
            }
            return CompositeGenerator(rules: rules, fields: fields)
        })

    let rules: [(Int, any Generator)]
    let fields: [Column]

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        guard var items = PostgresRecordLiteral.parse(text) else {
            throw GeneratorError(generator: "composite", message: "the value is no composite literal (`(field,\"field two\",)`)")
        }
        guard items.count == fields.count else {
            throw GeneratorError(generator: "composite", message: "the value has \(items.count) field\(items.count == 1 ? "" : "s"), its type \(fields.count)")
        }
        for (index, generator) in rules {
            guard let item = items[index] else { continue }
            let out = try generator.generate(PostgresArrayLiteral.typed(item, as: fields[index].logicalType), row: row)
            items[index] = out.isNull ? nil : out.displayText
        }
        return .text(PostgresRecordLiteral.write(items))
    }
}

/// PostgreSQL composite literals as `record_out` writes them: `(a,"b c",,"x ""y""")` — fields
/// between parentheses, separated by commas; nothing between two commas is NULL, `""` an empty
/// string; inside quotes `""` and `\"` are a quote and `\` escapes the next character.
enum PostgresRecordLiteral {
    static func parse(_ text: String) -> [String?]? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") else { return nil }
        var items: [String?] = []
        var current: [UInt8] = []
        var quotedOrWritten = false
        var inQuotes = false
        var i = 1
        let end = bytes.count - 1
        while i < end {
            let byte = bytes[i]
            if inQuotes {
                if byte == UInt8(ascii: "\\"), i + 1 < end {
                    current.append(bytes[i + 1]); i += 2; continue
                }
                if byte == UInt8(ascii: "\"") {
                    if i + 1 < end, bytes[i + 1] == UInt8(ascii: "\"") { current.append(byte); i += 2; continue }
                    inQuotes = false; i += 1; continue
                }
                current.append(byte)
            } else if byte == UInt8(ascii: ",") {
                items.append(quotedOrWritten ? String(decoding: current, as: UTF8.self) : nil)
                current = []; quotedOrWritten = false
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true; quotedOrWritten = true
            } else if byte == UInt8(ascii: "\\"), i + 1 < end {
                current.append(bytes[i + 1]); quotedOrWritten = true; i += 2; continue
            } else {
                current.append(byte); quotedOrWritten = true
            }
            i += 1
        }
        guard !inQuotes else { return nil }
        items.append(quotedOrWritten ? String(decoding: current, as: UTF8.self) : nil)
        return items
    }

    /// A field as `record_out` writes it: quoted when empty or holding a quote, a backslash, a
    /// parenthesis, a comma or white space; quotes and backslashes doubled.
    static func quote(_ item: String?) -> String {
        guard let item else { return "" }
        let plain = !item.isEmpty && item.allSatisfy { !"\"\\(),".contains($0) && !$0.isWhitespace }
        return plain ? item : "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func write(_ items: [String?]) -> String {
        "(" + items.map(quote).joined(separator: ",") + ")"
    }
}
