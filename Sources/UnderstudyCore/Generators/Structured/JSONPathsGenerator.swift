import Foundation

/// Applies generators to selected paths inside a JSON document, leaving the rest untouched.
struct JSONPathsGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "json.paths",
        summary: "Applies a generator to each selected path inside a JSON value; the rest of the document is untouched.",
        details: """
            `paths` maps JSONPath-like selectors — `$.user.email`, `$.items[*].phone`, `$.tags[0]`, `$['odd key']`, \\
            `$..email` (at any depth) — to a generator name or `{ generator: NAME, params… }`. Strings go in as text, \\
            numbers as integers or reals, and come out in the same JSON type; objects and arrays selected whole are \\
            given as JSON text. Key order and untouched numbers are kept; the document is written compactly. A value \\
            that is not valid JSON stops the run.
            """,
        acceptedTypes: [.json, .text],
        parameters: [.init("paths", .generatorMap, required: true, "selector → generator, e.g. { \"$.email\": email, \"$..phone\": phone }")],
        examples: [.init(.text(#"{"user":{"email":"ana@corp.com","age":41},"phones":["+1 415 555 0134"]}"#), type: .json,
                         parameters: ["paths": .mapping(["$.user.email": .string("email"), "$.phones[*]": .string("phone")])])],
        validate: { p in
            for key in (p.mapping("paths") ?? [:]).keys where JSONPath(key) == nil {
                return "\"\(key)\" is not a path this generator reads (start with $, then .key, [n], [*], ['key'] or ..key)"
            }
            return nil
        },
        make: { setup throws(GeneratorError) in
            var rules: [(JSONPath, any Generator)] = []
            for key in (setup.parameters.mapping("paths") ?? [:]).keys.sorted() {
                let spec = try! GeneratorSpec.parse(setup.parameters.mapping("paths")![key]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: key, message: $0) }
                rules.append((JSONPath(key)!, try spec.make(in: setup, part: key)))
            }
            return JSONPathsGenerator(rules: rules)
        })

    let rules: [(JSONPath, any Generator)]

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        var document: JSONValue
        do { document = try JSONValue.parse(text) } catch {
            throw GeneratorError(generator: "json.paths", message: "the value is \(error.description)")
        }
        for (path, generator) in rules {
            document = try path.apply(to: document) { (node: JSONValue) throws(GeneratorError) -> JSONValue in
                try JSONElement.transform(node, with: generator, row: row)
            }
        }
        return .text(document.text)
    }
}

/// Passing JSON scalars through a column generator and back, keeping the JSON type.
enum JSONElement {
    static func transform(_ node: JSONValue, with generator: any Generator, row: RowPosition) throws(GeneratorError) -> JSONValue {
        switch node {
        case .null: return .null
        case .string(let s):
            let out = try generator.generate(.text(s), row: row)
            return out.isNull ? .null : .string(out.displayText)
        case .number(let n):
            let input: Value = Int64(n).map { .integer($0) } ?? .real(Double(n) ?? 0)
            switch try generator.generate(input, row: row) {
            case .integer(let i): return .number(String(i))
            case .real(let d): return .number(String(d))
            case .null: return .null
            case let other: return .string(other.displayText)
            }
        case .bool: return node
        case .array, .object:
            let out = try generator.generate(.text(node.text), row: row)
            if case .text(let t) = out, let parsed = try? JSONValue.parse(t) { return parsed }
            return out.isNull ? .null : .string(out.displayText)
        }
    }
}
