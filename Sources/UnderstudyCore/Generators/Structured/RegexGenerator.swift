import Foundation

/// Replaces the parts of a text that a regular expression captures.
struct RegexGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "regex",
        summary: "Replaces what a regular expression captures (each capture group, or the whole match when it has none) with a generator's output.",
        details: """
            `pattern: 'user=(\\w+)'` with `with: hash` rewrites only the captured user name. Every match in the value \\
            is rewritten; text outside the captures stays. ICU regular expression syntax (as NSRegularExpression). A \
            pattern that repeats a group that repeats without bound is refused, and a value on which the pattern takes \
            more than half a second (it backtracks) stops the run naming the pattern.
            """,
        acceptedTypes: [.text, .json],
        parameters: [
            .init("pattern", .string, required: true, "the regular expression"),
            .init("with", .generator, required: true, "the generator for captured text: a name or { generator: NAME, params… }"),
        ],
        examples: [.init(.text("login ok user=alice ip=10.0.0.7"), parameters: ["pattern": .string("user=(\\w+)"), "with": .string("hash")])],
        validate: { p in
            guard let pattern = p.string("pattern") else { return "needs a pattern" }
            guard (try? NSRegularExpression(pattern: pattern)) != nil else { return "the pattern is not a valid regular expression" }
            if let problem = RegexGenerator.catastrophicBacktracking(in: pattern) { return problem }
            return nil
        },
        make: { setup throws(GeneratorError) in
            let spec = try! GeneratorSpec.parse(setup.parameters.values["with"]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: "with", message: $0) }
            return RegexGenerator(regex: try! NSRegularExpression(pattern: setup.parameters.string("pattern")!), inner: try spec.make(in: setup, part: "regex"))
        })

    nonisolated(unsafe) let regex: NSRegularExpression  // immutable and thread-safe once built

    /// A repeated group that itself repeats without bound (`(a+)+`, `(\\w*)*`, `(x+){2,}`) makes a
    /// backtracking engine such as ICU take time exponential in the value's length on a value that
    /// almost matches; such patterns are refused up front with the rewrite that avoids it (the ones
    /// it cannot see are bounded in time: ``BoundedMatching``). Returns the reason, or nil when the pattern has no such group.
    static func catastrophicBacktracking(in pattern: String) -> String? {
        let chars = Array(pattern)
        var open: [Bool] = []  // per open group: whether it holds an unbounded repetition
        func markEnclosing() { if !open.isEmpty { open[open.count - 1] = true } }
        /// The quantifier at `index`, if any: whether it is unbounded, and its length.
        func quantifier(at index: Int) -> (unbounded: Bool, length: Int)? {
            guard index < chars.count else { return nil }
            switch chars[index] {
            case "*", "+": return (true, 1)
            case "?": return (false, 1)
            case "{":
                guard let close = chars[index...].firstIndex(of: "}") else { return nil }
                let parts = String(chars[(index + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) else { return nil }
                return (parts.count == 2 && parts[1].isEmpty, close - index + 1)
            default: return nil
            }
        }
        var i = 0
        while i < chars.count {
            var innerUnbounded = false
            switch chars[i] {
            case "\\":
                i += 2
            case "[":
                // A character class, to its closing bracket (a `]` first in the class is literal).
                var j = i + 1
                if j < chars.count, chars[j] == "^" { j += 1 }
                if j < chars.count, chars[j] == "]" { j += 1 }
                while j < chars.count, chars[j] != "]" { j += chars[j] == "\\" ? 2 : 1 }
                i = j + 1
            case "(":
                open.append(false)
                i += 1
                continue
            case ")":
                innerUnbounded = open.popLast() ?? false
                i += 1
            default:
                i += 1
            }
            if let q = quantifier(at: i) {
                if q.unbounded && innerUnbounded {
                    return "the pattern repeats a group that repeats without bound (like `(a+)+`), which can take exponential time on some values; write the repetition once (e.g. `a+` instead of `(a+)+`)"
                }
                if q.unbounded || innerUnbounded { markEnclosing() }
                i += q.length
            } else if innerUnbounded {
                markEnclosing()
            }
        }
        return nil
    }
    let inner: any Generator

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let ns = text as NSString
        var replacements: [(NSRange, String)] = []
        guard let matches = BoundedMatching.matches(regex, in: text) else {
            throw GeneratorError(generator: "regex", message: BoundedMatching.tooSlow(regex.pattern))
        }
        for match in matches {
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
