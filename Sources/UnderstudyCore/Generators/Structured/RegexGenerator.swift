import Foundation

/// Replaces the parts of a text that a regular expression captures.
struct RegexGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "regex",
        summary: "Replaces what a regular expression captures (each capture group, or the whole match when it has none) with a generator's output.",
        details: """
            `pattern: 'user=(\\w+)'` with `with: hash` rewrites only the captured user name. Every match in the value \\
            is rewritten; text outside the captures stays. ICU regular expression syntax (as NSRegularExpression).
            """,
        acceptedTypes: [.text, .json],
        parameters: [
            .init("pattern", .string, required: true, "the regular expression"),
            .init("with", .generator, required: true, "the generator for captured text: a name or { generator: NAME, params… }"),
        ],
        examples: [.init(.text("login ok user=alice ip=10.0.0.7"), parameters: ["pattern": .string("user=(\\w+)"), "with": .string("hash")])],
        validate: { p in
            guard let pattern = p.string("pattern") else { return "needs a pattern" }
            return (try? NSRegularExpression(pattern: pattern)) == nil ? "the pattern is not a valid regular expression" : nil
        },
        make: { setup throws(GeneratorError) in
            let spec = try! GeneratorSpec.parse(setup.parameters.values["with"]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: "with", message: $0) }
            return RegexGenerator(regex: try! NSRegularExpression(pattern: setup.parameters.string("pattern")!), inner: try spec.make(in: setup, part: "regex"))
        })

    nonisolated(unsafe) let regex: NSRegularExpression  // immutable and thread-safe once built
    let inner: any Generator

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let ns = text as NSString
        var replacements: [(NSRange, String)] = []
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let groups = match.numberOfRanges > 1 ? Array(1..<match.numberOfRanges) : [0]
            for g in groups {
                let range = match.range(at: g)
                guard range.location != NSNotFound, range.length > 0 else { continue }
                let out = try inner.generate(.text(ns.substring(with: range)), row: row)
                replacements.append((range, out.isNull ? "" : out.displayText))
            }
        }
        guard !replacements.isEmpty else { return value }
        let result = NSMutableString(string: text)
        for (range, text) in replacements.sorted(by: { $0.0.location > $1.0.location }) { result.replaceCharacters(in: range, with: text) }
        return .text(result as String)
    }
}
