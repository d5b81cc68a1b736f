import Foundation

/// Applies a generator to each element of an array value.
struct ArrayGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "array",
        summary: "Applies a generator to each element of an array: a JSON array (`[\"a\",\"b\"]`) or a PostgreSQL array literal (`{a,b}`).",
        details: "NULL elements stay NULL, the array keeps its length, its dimensions (`{{1,2},{3,4}}`), its bounds (`[0:2]={7,8,9}`) and its notation. A PostgreSQL array's elements reach the element generator as its element type (`integer[]`: integers for `fpe.integer`). Text that is neither form stops the run.",
        acceptedTypes: [.text, .json],
        parameters: [.init("of", .generator, required: true, "the generator for each element: a name or { generator: NAME, params… }")],
        examples: [.init(.text(#"["ana@corp.com","bo@corp.com"]"#), type: .json, parameters: ["of": .string("email")]),
                   .init(.text("{555-0100,555-0199}"), parameters: ["of": .string("fpe.digits")])],
        make: { setup throws(GeneratorError) in
            let spec = try! GeneratorSpec.parse(setup.parameters.values["of"]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: "of", message: $0) }
            // A PostgreSQL array's elements are of its element type (`integer[]` → integer): the
            // element generator gets them as such (fpe.integer passed the text "42" through unchanged).
            let isArrayType = setup.column.syntax?.hasSuffix("[]") == true || setup.column.declaredType.hasSuffix("[]")
            let element = isArrayType ? Scanner.element(of: setup.column).logicalType : .text
            return ArrayGenerator(inner: try spec.make(in: setup, part: "element", type: element), element: element)
        })

    let inner: any Generator
    /// The logical type of a PostgreSQL array literal's elements.
    var element: LogicalType = .text


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
        if var literal = PostgresArrayLiteral.literal(trimmed) {
            try literal.transformElements { item throws(GeneratorError) in
                let v = try inner.generate(PostgresArrayLiteral.typed(item, as: element), row: row)
                return v.isNull ? nil : v.displayText
            }
            return .text(literal.text)
        }
        throw GeneratorError(generator: "array", message: "the value is neither a JSON array nor a PostgreSQL array literal")
    }
}

/// PostgreSQL array literals, as the server writes them: `{a,"b c",NULL}`, of any number of
/// dimensions (`{{1,2},{3,4}}`), with bounds when they do not start at 1 (`[0:2]={7,8,9}`).
enum PostgresArrayLiteral {
    /// PostgreSQL's own limit (MAXDIM); a literal nested deeper is no array of its.
    static let maxDimensions = 6

    indirect enum Node: Equatable {
        case element(String?)
        case array([Node])
    }

    struct Literal: Equatable {
        /// `[0:2]` (one per dimension), or empty when every dimension starts at 1.
        var bounds: String
        var items: [Node]

        /// Replaces each non-NULL element by what `transform` makes of it, keeping the shape.
        mutating func transformElements<E: Error>(_ transform: (String) throws(E) -> String?) throws(E) {
            func walk(_ nodes: [Node]) throws(E) -> [Node] {
                var out: [Node] = []
                out.reserveCapacity(nodes.count)
                for node in nodes {
                    switch node {
                    case .element(nil): out.append(node)
                    case .element(let item?): out.append(.element(try transform(item)))
                    case .array(let inner): out.append(.array(try walk(inner)))
                    }
                }
                return out
            }
            items = try walk(items)
        }

        /// Every element in order (NULL ones as nil), whatever the dimensions: what `= ANY` reads.
        var elements: [String?] {
            var out: [String?] = []
            func walk(_ nodes: [Node]) {
                for node in nodes {
                    switch node {
                    case .element(let item): out.append(item)
                    case .array(let inner): walk(inner)
                    }
                }
            }
            walk(items)
            return out
        }

        var text: String {
            func write(_ nodes: [Node]) -> String {
                "{" + nodes.map { node in
                    switch node {
                    case .element(let item): PostgresArrayLiteral.quote(item)
                    case .array(let inner): write(inner)
                    }
                }.joined(separator: ",") + "}"
            }
            return (bounds.isEmpty ? "" : bounds + "=") + write(items)
        }
    }

    static func literal(_ text: String) -> Literal? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces))
        var i = 0
        var bounds = ""
        if chars.first == "[" {
            // `[lower:upper]` per dimension, then `=`.
            while i < chars.count, chars[i] == "[" {
                guard let close = chars[i...].firstIndex(of: "]") else { return nil }
                let inside = String(chars[(i + 1)..<close])
                let parts = inside.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, parts.allSatisfy({ Int($0.trimmingCharacters(in: .whitespaces)) != nil }) else { return nil }
                bounds += "[" + inside + "]"
                i = close + 1
            }
            guard i < chars.count, chars[i] == "=" else { return nil }
            i += 1
        }
        func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" || chars[i] == "\n" { i += 1 } }
        func array(depth: Int) -> [Node]? {
            guard depth <= maxDimensions, i < chars.count, chars[i] == "{" else { return nil }
            i += 1
            skipSpaces()
            var nodes: [Node] = []
            if i < chars.count, chars[i] == "}" { i += 1; return nodes }
            while true {
                skipSpaces()
                guard i < chars.count else { return nil }
                if chars[i] == "{" {
                    guard let inner = array(depth: depth + 1) else { return nil }
                    nodes.append(.array(inner))
                } else if chars[i] == "\"" {
                    var item = ""
                    i += 1
                    while i < chars.count, chars[i] != "\"" {
                        if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                        item.append(chars[i]); i += 1
                    }
                    guard i < chars.count else { return nil }
                    i += 1
                    nodes.append(.element(item))
                } else {
                    var item = ""
                    var escaped = false
                    while i < chars.count, chars[i] != ",", chars[i] != "}" {
                        if chars[i] == "{" || chars[i] == "\"" { return nil }
                        if chars[i] == "\\", i + 1 < chars.count { i += 1; escaped = true }
                        item.append(chars[i]); i += 1
                    }
                    let trimmed = item.trimmingCharacters(in: .whitespaces)
                    nodes.append(.element(!escaped && trimmed.uppercased() == "NULL" ? nil : trimmed))
                }
                skipSpaces()
                guard i < chars.count else { return nil }
                if chars[i] == "," { i += 1; continue }
                if chars[i] == "}" { i += 1; return nodes }
                return nil
            }
        }
        guard let items = array(depth: 1) else { return nil }
        skipSpaces()
        guard i == chars.count else { return nil }
        // A dimension's sub-arrays all hold arrays, or all elements.
        func uniform(_ nodes: [Node]) -> Bool {
            let arrays = nodes.filter { if case .array = $0 { true } else { false } }.count
            guard arrays == 0 || arrays == nodes.count else { return false }
            return nodes.allSatisfy { if case .array(let inner) = $0 { uniform(inner) } else { true } }
        }
        guard uniform(items) else { return nil }
        return Literal(bounds: bounds, items: items)
    }

    /// Every element of an array literal of any dimensions, in order (NULL ones as nil).
    static func parse(_ text: String) -> [String?]? {
        literal(text)?.elements
    }

    /// An element of a literal (of an array or a composite) as a value of its type.
    static func typed(_ item: String, as type: LogicalType) -> Value {
        switch type {
        case .integer: Int64(item).map(Value.integer) ?? .text(item)
        case .real: Double(item).map(Value.real) ?? .text(item)
        case .boolean: item == "t" || item == "true" ? .integer(1) : item == "f" || item == "false" ? .integer(0) : .text(item)
        default: .text(item)
        }
    }

    static func quote(_ item: String?) -> String {
        guard let item else { return "NULL" }
        let plain = !item.isEmpty && item.allSatisfy { !",{}\"\\".contains($0) && !$0.isWhitespace } && item.uppercased() != "NULL"
        return plain ? item : "\"" + item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func write(_ items: [String?]) -> String {
        Literal(bounds: "", items: items.map(Node.element)).text
    }
}
