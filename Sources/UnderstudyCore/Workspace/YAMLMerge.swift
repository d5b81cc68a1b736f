import Yams

/// YAML's merge keys as the loader and the editor read them: `<<: *defaults` (or a list of anchors)
/// brings the entries of the mappings it names that the mapping does not write itself — the keys
/// written beside it win, then the first mapping of the list. A quoted `"<<"` is a name.
enum YAMLMerge {
    static func isMerge(_ key: Node) -> Bool { key.scalar.map { $0.string == "<<" && $0.style == .plain } ?? false }

    /// A mapping's entries with its merge keys expanded, and the first merge whose value is no
    /// mapping (with its key), which the loader refuses and the editor leaves out.
    static func entries(_ mapping: Node.Mapping) -> (entries: [(key: Node, value: Node)], invalid: (key: Node, value: Node)?) {
        guard mapping.contains(where: { isMerge($0.key) }) else { return (Array(mapping), nil) }
        var taken = Set(mapping.compactMap { isMerge($0.key) ? nil : $0.key.scalar?.string })
        var result: [(key: Node, value: Node)] = []
        var invalid: (key: Node, value: Node)?
        for (key, value) in mapping {
            guard isMerge(key) else { result.append((key, value)); continue }
            let sources: [Node]
            if case .sequence(let sequence) = value { sources = Array(sequence) } else { sources = [value] }
            for source in sources {
                guard case .mapping(let inner) = source else {
                    if invalid == nil { invalid = (key, source) }
                    continue
                }
                let (innerEntries, innerInvalid) = entries(inner)
                if invalid == nil, let innerInvalid { invalid = innerInvalid }
                for entry in innerEntries {
                    guard let name = entry.key.scalar?.string else { result.append(entry); continue }
                    if taken.insert(name).inserted { result.append(entry) }
                }
            }
        }
        return (result, invalid)
    }
}
