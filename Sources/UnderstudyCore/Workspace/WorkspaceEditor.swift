import Yams

/// Edits a workspace file as text, so that its comments, order and layout survive: used by
/// `schema ack` and `fk suggest --accept`. Finds places through the YAML parser's line marks and
/// inserts, replaces or removes whole lines.
public struct WorkspaceEditor {
    public private(set) var lines: [String]
    /// The file's line ending, kept: `\r\n` for a file written on Windows. (Its lines were split at
    /// `\n` alone, kept their `\r`, and `schema ack` crashed on them.)
    let lineEnding: String

    public init(text: String) {
        lineEnding = text.contains("\r\n") ? "\r\n" : "\n"
        lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
    }

    public var text: String { lines.joined(separator: lineEnding) + lineEnding }

    private func root() -> Node? { try? Yams.compose(yaml: lines.joined(separator: "\n") + "\n") }

    /// The key node and value node at `path` (top-level key first).
    private func find(_ path: [String]) -> (key: Node, value: Node)? {
        guard var node = root() else { return nil }
        var found: (Node, Node)?
        for name in path {
            guard case .mapping(let mapping) = node, let pair = mapping.first(where: { $0.key.scalar?.string == name }) else { return nil }
            found = (pair.key, pair.value)
            node = pair.value
        }
        return found
    }

    private func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }
    private func isBlankOrComment(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t.hasPrefix("#")
    }

    /// Index after the last line of the block that starts at `keyLine` (0-based): the lines
    /// indented deeper than the key; trailing blank lines and comments stay outside.
    private func blockEnd(_ keyLine: Int) -> Int {
        let indent = indentation(lines[keyLine])
        var end = keyLine + 1
        var i = keyLine + 1
        while i < lines.count {
            if isBlankOrComment(lines[i]) { i += 1; continue }
            guard indentation(lines[i]) > indent else { break }
            end = i + 1
            i += 1
        }
        return end
    }

    /// Writes out, where they stand, the entries above `path` whose mapping the file does not write in
    /// place: an alias (`employees: *person`; the parser gives the anchor's mapping, whose lines an edit
    /// under it changed — another table) or a mapping with a merge key (`<<: *person`, whose entries an
    /// edit under it could not reach: a `columns:` written beside the merge hid every column it brought).
    /// The anchors stay where they are written; the entry becomes a copy of what it meant.
    private mutating func writeOut(_ path: [String]) {
        guard path.count > 1 else { return }
        for depth in 1..<path.count {
            guard let (key, value) = find(Array(path.prefix(depth))), let keyMark = key.mark,
                  case .mapping(let mapping) = value else { continue }
            let aliased = value.mark.map { ($0.line, $0.column) < (keyMark.line, keyMark.column) } ?? false
            guard aliased || mapping.contains(where: { YAMLMerge.isMerge($0.key) }) else { continue }
            let line = keyMark.line - 1
            let indent = indentation(lines[line])
            let block = [String(repeating: " ", count: indent) + "\(YAMLText.scalar(path[depth - 1])):"] + Self.block(mapping, indent: indent + 2)
            lines.replaceSubrange(line..<max(line + 1, blockEnd(line)), with: block)
        }
    }

    /// Makes `path` a block mapping (rewriting a flow mapping like `{ mode: truncate }` in block
    /// style) and returns the line of its key and the indentation of its children.
    private mutating func ensureBlock(_ path: [String]) -> (line: Int, childIndent: Int) {
        // Its parents first: a mapping inside a flow mapping shares its parent's line, and is
        // rewritten with it (alone, at the line's indentation, it became a top-level key).
        if path.count > 1, find(path) != nil { _ = ensureBlock(Array(path.dropLast())) }
        if let (key, value) = find(path), let mark = key.mark {
            let line = mark.line - 1
            let indent = indentation(lines[line])
            if case .mapping(let mapping) = value, let valueMark = value.mark, valueMark.line == mark.line {
                // A flow mapping on the key's own line (and the lines it continues on): rewritten as
                // a block, the mappings inside it too (`tables: { t: { columns: { … } } }` was
                // rewritten one level deep, and the edit made a file the loader refused).
                var block = [String(repeating: " ", count: indent) + "\(YAMLText.scalar(path.last!)):"] + Self.block(mapping, indent: indent + 2)
                let trailing = lines[line].range(of: " #").map { String(lines[line][$0.lowerBound...]) } ?? ""
                block[0] += trailing
                lines.replaceSubrange(line..<max(line + 1, blockEnd(line)), with: block)
                return (line, indent + 2)
            }
            if case .scalar = value, value.tagName == .null || value.scalar?.string.isEmpty == true {
                return (line, indent + 2)
            }
            if case .mapping(let mapping) = value, let first = mapping.first?.key.mark {
                return (line, indentation(lines[first.line - 1]))
            }
            return (line, indent + 2)
        }
        // Missing: create it under its parent (or at the end of the file for a top-level key).
        if path.count == 1 {
            if lines.last.map({ !$0.isEmpty }) == true { lines.append("") }
            lines.append("\(path[0]):")
            return (lines.count - 1, 2)
        }
        let parent = ensureBlock(Array(path.dropLast()))
        let end = blockEnd(parent.line)
        lines.insert(String(repeating: " ", count: parent.childIndent) + "\(YAMLText.scalar(path.last!)):", at: end)
        return (end, parent.childIndent + 2)
    }

    /// A mapping's entries in block style at `indent`: mappings inside it as blocks too, other
    /// values in flow style.
    static func block(_ mapping: Node.Mapping, indent: Int) -> [String] {
        var out: [String] = []
        for (k, v) in YAMLMerge.entries(mapping).entries {
            let key = String(repeating: " ", count: indent) + YAMLText.scalar(k.scalar?.string ?? "") + ":"
            if case .mapping(let inner) = v, !inner.isEmpty {
                out.append(key)
                out += block(inner, indent: indent + 2)
            } else {
                out.append(key + " " + flow(v))
            }
        }
        return out
    }

    static func flow(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.style == .plain ? s.string : YAMLText.scalar(s.string).hasPrefix("\"") ? YAMLText.scalar(s.string) : "\"\(s.string)\""
        case .mapping(let m): "{ " + YAMLMerge.entries(m).entries.map { "\($0.key.scalar?.string ?? ""): \(flow($0.value))" }.joined(separator: ", ") + " }"
        case .sequence(let s): "[" + s.map(flow).joined(separator: ", ") + "]"
        case .alias: ""
        }
    }

    /// Sets `path` (a mapping entry) to `value` written as YAML text, inserting it at the end of
    /// its parent mapping when it is missing. A trailing comment on a replaced line is kept.
    public mutating func set(_ path: [String], to value: String) {
        writeOut(path)
        if let (key, existing) = find(path), let mark = key.mark, case .scalar = existing {
            let line = mark.line - 1
            let indent = indentation(lines[line])
            let comment = lines[line].range(of: " #").map { String(lines[line][$0.lowerBound...]) } ?? ""
            lines[line] = String(repeating: " ", count: indent) + "\(YAMLText.scalar(path.last!)): \(value)\(comment)"
            return
        }
        if let (key, _) = find(path), let mark = key.mark {
            // A mapping or list replaced by a flow value: written where its block was.
            let line = mark.line - 1
            let indent = indentation(lines[line])
            lines.replaceSubrange(line..<blockEnd(line), with: [String(repeating: " ", count: indent) + "\(YAMLText.scalar(path.last!)): \(value)"])
            return
        }
        if path.count == 1 {
            // A top-level key the file has not got: at its end.
            if lines.last.map({ !$0.isEmpty }) == true { lines.append("") }
            lines.append("\(YAMLText.scalar(path[0])): \(value)")
            return
        }
        let parent = ensureBlock(Array(path.dropLast()))
        let end = blockEnd(parent.line)
        lines.insert(String(repeating: " ", count: parent.childIndent) + "\(YAMLText.scalar(path.last!)): \(value)", at: end)
    }

    /// Removes the entry at `path` with its block.
    public mutating func remove(_ path: [String]) {
        writeOut(path)
        guard let (key, _) = find(path), let mark = key.mark else { return }
        let line = mark.line - 1
        lines.removeSubrange(line..<blockEnd(line))
    }

    public func contains(_ path: [String]) -> Bool { find(path) != nil }

    /// Appends an item to the top-level list `key` (creating it), written as block lines.
    public mutating func append(toList key: String, item: [(String, String)]) {
        let start: Int
        if let (k, _) = find([key]), let mark = k.mark {
            start = mark.line - 1
        } else {
            if lines.last.map({ !$0.isEmpty }) == true { lines.append("") }
            lines.append("\(key):")
            start = lines.count - 1
        }
        var end = start + 1
        while end < lines.count, isBlankOrComment(lines[end]) || indentation(lines[end]) > 0 || lines[end].hasPrefix("- ") {
            if lines[end].hasPrefix("#") && indentation(lines[end]) == 0 { break }
            end += 1
        }
        while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        var block: [String] = []
        for (i, entry) in item.enumerated() { block.append((i == 0 ? "  - " : "    ") + "\(entry.0): \(entry.1)") }
        lines.insert(contentsOf: block, at: end)
    }
}
