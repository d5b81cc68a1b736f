/// A generator parameter as written in the workspace.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case list([ParameterValue])
    /// A nested mapping, e.g. the generator that `regex` applies: `{ generator: phone, keep_prefix: 2 }`.
    case mapping([String: ParameterValue])

    public var description: String {
        switch self {
        case .string(let s): s
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .boolean(let b): String(b)
        case .list(let l): "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let m): "{ " + Self.ordered(m.keys).map { "\($0): \(m[$0]!.description)" }.joined(separator: ", ") + " }"
        }
    }

    /// YAML flow form, quoted where YAML would otherwise read another type.
    public var yaml: String {
        switch self {
        case .string(let s): YAMLText.scalar(s)
        case .list(let l): "[" + l.map(\.yaml).joined(separator: ", ") + "]"
        case .mapping(let m): "{ " + Self.ordered(m.keys).map { "\(YAMLText.scalar($0)): \(m[$0]!.yaml)" }.joined(separator: ", ") + " }"
        case .number(let d): YAMLText.number(d)
        default: description
        }
    }

    /// A mapping's keys in the order they are written: `generator` first, then by name.
    static func ordered(_ keys: Dictionary<String, ParameterValue>.Keys) -> [String] {
        keys.sorted { ($0 == "generator" ? 0 : 1, $0) < ($1 == "generator" ? 0 : 1, $1) }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}
