import Foundation

/// Applies a generator to each element of an array value.
struct ArrayGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "array",
        summary: "Applies a generator to each element of an array: a JSON array (`[\"a\",\"b\"]`) or a PostgreSQL array literal (`{a,b}`).",
        details: "NULL elements stay NULL, the array keeps its length and notation. Text that is neither form stops the run.",
        acceptedTypes: [.text, .json],
        parameters: [.init("of", .generator, required: true, "the generator for each element: a name or { generator: NAME, params… }")],
        examples: [.init(.text(#"["ana@corp.com","bo@corp.com"]"#), type: .json, parameters: ["of": .string("email")]),
                   .init(.text("{555-0100,555-0199}"), parameters: ["of": .string("fpe.digits")])],
        make: { setup throws(GeneratorError) in
            let spec = try! GeneratorSpec.parse(setup.parameters.values["of"]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: "of", message: $0) }
            return ArrayGenerator(inner: try spec.make(in: setup, part: "element"))
        })

    let inner: any Generator

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            // (Text that is no JSON may be a PostgreSQL literal; JSON nested too deep is refused as such.)
            let parsed: JSONValue?
            do { parsed = try JSONValue.parse(trimmed) } catch {
                if error.reason != nil { throw GeneratorError(generator: "array", message: "the value is \(error.description)") }
                parsed = nil
            }
            if case .array(let items)? = parsed {
                var out: [JSONValue] = []
                for item in items { out.append(try JSONElement.transform(item, with: inner, row: row)) }
                return .text(JSONValue.array(out).text)
            }
        }
        if trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), let items = PostgresArrayLiteral.parse(trimmed) {
            var out: [String?] = []
            for item in items {
                guard let item else { out.append(nil); continue }
                let v = try inner.generate(.text(item), row: row)
                out.append(v.isNull ? nil : v.displayText)
            }
            return .text(PostgresArrayLiteral.write(out))
        }
        throw GeneratorError(generator: "array", message: "the value is neither a JSON array nor a PostgreSQL array literal")
    }
}

/// One-dimensional PostgreSQL array literals: `{a,"b c",NULL}`.
enum PostgresArrayLiteral {
    static func parse(_ text: String) -> [String?]? {
        var chars = Array(text.dropFirst().dropLast())
        var items: [String?] = []
        var i = 0
        guard !chars.isEmpty else { return [] }
        chars.append(",")
        while i < chars.count {
            if chars[i] == "\"" {
                var item = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    item.append(chars[i]); i += 1
                }
                guard i < chars.count else { return nil }
                i += 1
                guard i < chars.count, chars[i] == "," else { return nil }
                items.append(item)
                i += 1
            } else {
                var item = ""
                while i < chars.count, chars[i] != "," {
                    if chars[i] == "{" || chars[i] == "}" { return nil }
                    item.append(chars[i]); i += 1
                }
                i += 1
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                items.append(trimmed.uppercased() == "NULL" ? nil : trimmed)
            }
        }
        return items
    }

    static func write(_ items: [String?]) -> String {
        "{" + items.map { item in
            guard let item else { return "NULL" }
            let plain = !item.isEmpty && item.allSatisfy { !",{}\"\\ ".contains($0) } && item.uppercased() != "NULL"
            return plain ? item : "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}
