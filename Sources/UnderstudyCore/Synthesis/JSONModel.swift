/// JSON documents, synthesized from the structure of a column's documents. At each place of a
/// document (the root, an object's key, an array's elements) the model holds what kind of value is
/// there and how often (object, array, string, number, true or false, null); an object's keys with
/// the share of objects that hold each; an array's lengths; numbers by their quantiles, written with
/// the decimals they had (integers as integers); strings as categories where they repeat, else by the
/// text model, which never writes a source string whole. A document is drawn from the root down, each
/// key and element on its own: the structure and each place's values survive, relations between
/// places do not. Arrays of one length (nine in ten at least, of at most ``positionLimit`` items)
/// are tuples: each position is a place of its own (`[40.7, -74.0, "home"]` keeps a latitude, a
/// longitude and a label where they were; drawn from one place for all elements, a label came first
/// and a longitude second).
///
/// What it keeps of the source's values: a key held by fewer than ``minimumKeyDocuments`` objects
/// is left out (a key may be a value: `{"ana.lima@example.com": 3}`), and so is a category string
/// seen once; numbers are read as quantiles (their minimum and maximum among them, as a numeric
/// column's marginal keeps them). Under differential privacy the structure would be read without
/// noise, so the planner refuses a JSON column there.
struct JSONModel: Sendable {
    /// Objects that must hold a key for the key to be written.
    static let minimumKeyDocuments = 2
    /// Depth below which a value is written `null`.
    static let depthLimit = 24
    /// Values kept per place to fit from (every value's kind is counted).
    static let sampleLimit = 20_000
    /// The longest array read as a tuple, and the values a position needs to be a place of its own.
    static let positionLimit = 8
    static let minimumPositionValues = 20

    struct Node: Sendable {
        enum Kind: Int, Sendable, CaseIterable { case null, boolean, number, string, object, array }
        /// Cumulative shares of each kind, in ``Kind`` order.
        var kinds: [Double] = []
        var trueShare = 0.0
        /// The numbers' quantiles, written as integers where every one was, else with the most
        /// decimals one had (at most 6): a numeric column's marginal.
        var numbers: NumericMarginal?
        /// Repeating strings by cumulative share, or the text model of strings that do not repeat.
        var categories: [(text: String, upTo: Double)] = []
        var text: TextModel?
        /// Keys in the order first seen, each with the share of this place's objects that hold it.
        var keys: [(key: String, share: Double, node: Node)] = []
        /// Sorted array lengths; `element` the place of their elements (empty or one node).
        var lengths: [Int] = []
        var element: [Node] = []
        /// A tuple's positions (empty unless the arrays here are tuples).
        var positions: [Node] = []
    }

    /// What one place of the documents held while they are read.
    final class Place {
        var kinds = [Int](repeating: 0, count: Node.Kind.allCases.count)
        var trues = 0
        var numbers: [Double] = []
        var integral = true
        var decimals = 0
        var strings: [String] = []
        var objects = 0
        var keyOrder: [String] = []
        var keys: [String: (count: Int, place: Place)] = [:]
        var lengths: [Int] = []
        var element: Place?
        var positions: [Place] = []

        func add(_ value: JSONValue, depth: Int) {
            switch value {
            case .null: kinds[Node.Kind.null.rawValue] += 1
            case .bool(let b):
                kinds[Node.Kind.boolean.rawValue] += 1
                if b { trues += 1 }
            case .number(let text):
                kinds[Node.Kind.number.rawValue] += 1
                guard numbers.count < JSONModel.sampleLimit, let number = Double(text), number.isFinite else { return }
                numbers.append(number)
                if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    integral = false
                    if let dot = text.firstIndex(of: "."), !text.contains(where: { $0 == "e" || $0 == "E" }) {
                        decimals = max(decimals, min(6, text.distance(from: dot, to: text.endIndex) - 1))
                    } else {
                        decimals = max(decimals, 6)
                    }
                }
            case .string(let s):
                kinds[Node.Kind.string.rawValue] += 1
                if strings.count < JSONModel.sampleLimit { strings.append(s) }
            case .object(let members):
                kinds[Node.Kind.object.rawValue] += 1
                objects += 1
                guard depth < JSONModel.depthLimit else { return }
                var seen = Set<String>()
                for member in members where seen.insert(member.key).inserted {
                    if keys[member.key] == nil {
                        keyOrder.append(member.key)
                        keys[member.key] = (0, Place())
                    }
                    keys[member.key]!.count += 1
                    keys[member.key]!.place.add(member.value, depth: depth + 1)
                }
            case .array(let items):
                kinds[Node.Kind.array.rawValue] += 1
                if lengths.count < JSONModel.sampleLimit { lengths.append(items.count) }
                guard depth < JSONModel.depthLimit else { return }
                let place = element ?? Place()
                element = place
                for (index, item) in items.enumerated() {
                    place.add(item, depth: depth + 1)
                    guard index < JSONModel.positionLimit else { continue }
                    if positions.count == index { positions.append(Place()) }
                    positions[index].add(item, depth: depth + 1)
                }
            }
        }

        var node: Node {
            var node = Node()
            let total = Double(max(1, kinds.reduce(0, +)))
            var running = 0.0
            node.kinds = kinds.map { running += Double($0) / total; return running }
            node.trueShare = kinds[Node.Kind.boolean.rawValue] > 0 ? Double(trues) / Double(kinds[Node.Kind.boolean.rawValue]) : 0
            if !numbers.isEmpty {
                node.numbers = NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: numbers.sorted()), codec: integral ? .integer : .decimalText(decimals: decimals))
            }
            if !strings.isEmpty {
                let values = strings.map(Value.text)
                if QualityReport.isCategorical(values) {
                    var counts: [String: Int] = [:]
                    for s in strings { counts[s, default: 0] += 1 }
                    // A string seen once is left out: it may be someone's.
                    let kept = counts.filter { $0.value > 1 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                    let sum = Double(kept.reduce(0) { $0 + $1.value })
                    var upTo = 0.0
                    node.categories = kept.map { upTo += Double($0.value) / sum; return ($0.key, upTo) }
                }
                if node.categories.isEmpty { node.text = TextModel(values: values, maximumLength: nil) }
            }
            node.keys = keyOrder.compactMap { key in
                guard let entry = keys[key], entry.count >= JSONModel.minimumKeyDocuments else { return nil }
                return (key, Double(entry.count) / Double(max(1, objects)), entry.place.node)
            }
            node.lengths = lengths.sorted()
            node.element = element.map { [$0.node] } ?? []
            // Tuples: one length for nine arrays in ten, short, each position seen often enough.
            var counts: [Int: Int] = [:]
            for length in lengths { counts[length, default: 0] += 1 }
            if let (length, count) = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), length >= 2, length <= JSONModel.positionLimit,
               count * 10 >= lengths.count * 9, positions.count >= length,
               positions[..<length].allSatisfy({ $0.kinds.reduce(0, +) >= JSONModel.minimumPositionValues }) {
                node.positions = positions[..<length].map(\.node)
            }
            return node
        }
    }

    let root: Node
    /// The share of rows that are SQL NULL (not JSON's `null`).
    let nullShare: Double

    /// Fitted on a column's values (JSON text); nil when none of them reads as JSON. `deidentify`:
    /// the documents' people, emails and numbers are replaced by fakes before they are read (a
    /// string that repeats is a category, written back whole: a customer's email in two orders'
    /// documents); the structure is then learnt from at most ``TextModel/trainingLimit`` documents,
    /// evenly spread, as the recogniser reads each.
    init?(values: [Value], deidentify: TextDeidentifier? = nil) {
        let place = Place()
        var nulls = 0, documents = 0
        let step = deidentify == nil ? 1 : max(1, (values.count + TextModel.trainingLimit - 1) / TextModel.trainingLimit)
        for (ordinal, value) in values.enumerated() where ordinal % step == 0 {
            guard case .text(var text) = value else {
                if value.isNull { nulls += 1 }
                continue
            }
            if let deidentify {
                guard let redacted = deidentify(text, ordinal: ordinal) else { continue }
                text = redacted
            }
            guard let document = try? JSONValue.parse(text) else { continue }
            place.add(document, depth: 0)
            documents += 1
        }
        guard documents > 0 else { return nil }
        root = place.node
        nullShare = Double(nulls) / Double(max(1, nulls + documents))
    }

    /// A document (as JSON text), or NULL at the column's rate; `u` decides NULL-ness, the rest is
    /// drawn from `random`.
    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R) -> Value {
        guard u >= nullShare else { return .null }
        return .text(Self.draw(root, depth: 0, &random).text)
    }

    static func draw<R: RandomNumberGenerator>(_ node: Node, depth: Int, _ random: inout R) -> JSONValue {
        let u = Normal.uniform(&random)
        let kind = Node.Kind(rawValue: node.kinds.firstIndex { u < $0 } ?? 0) ?? .null
        switch kind {
        case .null: return .null
        case .boolean: return .bool(Normal.uniform(&random) < node.trueShare)
        case .number:
            switch node.numbers?.value(at: Normal.uniform(&random), nullDraw: 1) {
            case .integer(let i)?: return .number(String(i))
            case .text(let text)?: return .number(text)
            default: return .null
            }
        case .string:
            if !node.categories.isEmpty {
                let v = Normal.uniform(&random)
                return .string(node.categories.first { v < $0.upTo }?.text ?? node.categories[node.categories.count - 1].text)
            }
            // (The text model's NULL share is of strings: none.)
            if case .text(let text)? = node.text?.value(at: Normal.uniform(&random), &random) { return .string(text) }
            return .string("")
        case .object:
            guard depth < depthLimit else { return .null }
            var members: [(key: String, value: JSONValue)] = []
            for entry in node.keys where Normal.uniform(&random) < entry.share {
                members.append((entry.key, draw(entry.node, depth: depth + 1, &random)))
            }
            return .object(members)
        case .array:
            guard depth < depthLimit, !node.lengths.isEmpty else { return .array([]) }
            let length = node.lengths[Int(random.next(upperBound: UInt64(node.lengths.count)))]
            guard let element = node.element.first else { return .array([]) }
            return .array((0..<length).map { index in draw(index < node.positions.count ? node.positions[index] : element, depth: depth + 1, &random) })
        }
    }
}
