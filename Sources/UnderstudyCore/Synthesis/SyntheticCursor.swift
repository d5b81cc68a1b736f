import Foundation

/// Generates the rows of one synthesized table in order, deterministically: a root table's rows
/// in chunks seeded by the chunk's index, a child table's rows parent by parent — its parent's rows
/// generated again alongside (not kept), so memory does not grow with the number of rows.
final class SyntheticCursor {
    struct Row {
        var ordinal: Int64
        var scores: [Double]
        var values: [Value]
    }

    let model: SynthesisModel
    let table: TableModel
    private let hasher: KeyedHasher
    private let parent: SyntheticCursor?
    private var emitted: Int64 = 0
    private var random = KeyedRandom(seed: [UInt8](repeating: 1, count: 32))
    private var parentRow: Row?
    private var guardSets: [Set<[Value]>]
    private let guardedColumns: Set<Int>
    /// The columns the CHECK constraints and unique indexes of expressions read: drawn afresh when a
    /// row broke one.
    private let redrawnColumns: Set<Int>
    /// The columns of unique keys and unique indexes of expressions (``numbered(_:digits:limit:_:)``).
    private let uniqueTextColumns: Set<Int>
    private var expressionSets: [Set<[Value]>]
    /// Of each exclusion constraint with `&&`, the ranges let in, by the values of its `=` keys.
    private var rangeSets: [[[Value]: ExcludedRanges]]
    private let notNull: Set<Int>
    private var tuples: [[Value]?]
    /// The columns to compute (nil: all). A table generated again as a parent's context needs only
    /// what its children read — keys, categories their draws depend on, guarded keys — not its text.
    /// Every column draws from a stream of its own, so leaving one out changes no other.
    private let needed: Set<Int>?
    /// Where the columns the parent foreign key references sit in the parent's rows.
    private var parentKeyColumns: [Int] = []

    /// A unique number or date of one column that is taken moves to the nearest free value of its
    /// grid (a day, a unit, the last decimal place) rather than being drawn again: a table of one row
    /// a day draws nearly every day more than once, and 20 redraws left rows out. Inside the range
    /// the source's values span first; beyond it only when no CHECK constraint names the column
    /// (scale 3 on one row a day: 3,000 days in a row). A date drawn as the gap after another stays
    /// at least its smallest gap after it; a column others are drawn after is drawn again instead.
    struct Probe {
        var column: Int
        var dimension: Int
        var codec: NumberCodec
        var low: Double
        var high: Double
        var beyondRange: Bool

        /// The grid step a value stands on (value / step, rounded).
        func step(of value: Value) -> Int64? {
            codec.number(value).map { Int64(($0 / codec.step).rounded()) }
        }
    }
    private let probes: [Int: Probe]
    /// Per probed guard, the grid steps taken (value / step), and where a search from a taken step
    /// went on to, upwards and downwards (union–find with path compression: a run of a thousand
    /// taken days is crossed in a step or two, not a thousand).
    private struct Taken {
        var steps: Set<Int64> = []
        var up: [Int64: Int64] = [:]
        var down: [Int64: Int64] = [:]

        mutating func free(from start: Int64, by direction: Int64) -> Int64 {
            var s = start
            var path: [Int64] = []
            while steps.contains(s) {
                path.append(s)
                s = (direction > 0 ? up[s] : down[s]) ?? s + direction
            }
            for p in path { if direction > 0 { up[p] = s } else { down[p] = s } }
            return s
        }
    }
    private var taken: [Int: Taken] = [:]
    /// For a column of source values a generator replaces, or of fakes (``TableModel/Role/sampled(_:)``):
    /// the pool's places not drawn yet, in a shuffled order.
    private var decks: [Int: [Int]] = [:]
    /// For each unique key of the parent's columns and one category column (an order's line
    /// numbers): that column, its place in the key, and the marginal's categories in order.
    private let categoryProbes: [Int: (column: Int, position: Int, categories: [Value])]

    init(model: SynthesisModel, table name: String, needed: Set<Int>? = nil) {
        self.model = model
        table = model.tables[name]!
        hasher = model.key.hasher(generator: "synthesize", domain: name)
        guardSets = table.guards.map { _ in [] }
        guardedColumns = Set(table.guards.flatMap(\.columns))
        uniqueTextColumns = guardedColumns.union(table.expressionGuards.filter { $0.overlaps.isEmpty }.flatMap(\.columns))
        redrawnColumns = table.checks.reduce(into: Set<Int>()) { $0.formUnion($1.condition.columns) }
            .union(table.expressionGuards.reduce(into: Set<Int>()) { $0.formUnion($1.columns) })
        expressionSets = table.expressionGuards.map { _ in [] }
        rangeSets = table.expressionGuards.map { _ in [:] }
        let columns = model.tables[name]!.table.storedColumns
        notNull = Set(columns.indices.filter { !columns[$0].isNullable })
        tuples = Array(repeating: nil, count: model.tables[name]!.table.foreignKeys.count)
        var probes: [Int: Probe] = [:]
        let anchors = Set(table.offsets.values)
        for (g, guarded) in table.guards.enumerated() where guarded.columns.count == 1 {
            let c = guarded.columns[0]
            guard case .dimension(let i) = table.roles[c], !anchors.contains(c), table.conditionals[i] == nil, table.orderFloors[i] == nil,
                  !table.orderFloors.values.contains(where: { $0.contains { $0.column == c } }),
                  case .numeric(let numeric) = table.marginals[i], let low = numeric.knots.first, let high = numeric.knots.last else { continue }
            probes[g] = Probe(column: c, dimension: i, codec: numeric.codec, low: low, high: high, beyondRange: !table.checkedColumns.contains(c))
        }
        self.probes = probes
        var categoryProbes: [Int: (column: Int, position: Int, categories: [Value])] = [:]
        if let relation = table.parent {
            let parentColumns = Set(table.table.foreignKeys[relation.key].columns.compactMap { name in columns.firstIndex { $0.name == name } })
            for (g, guarded) in table.guards.enumerated() where guarded.perParent {
                let free = guarded.columns.enumerated().filter { !parentColumns.contains($0.element) }
                guard free.count == 1, case .dimension(let d) = table.roles[free[0].element], case .categorical(let marginal) = table.marginals[d] else { continue }
                categoryProbes[g] = (free[0].element, free[0].offset, marginal.categories.map { $0.count == 1 ? $0[0] : .null })
            }
        }
        self.categoryProbes = categoryProbes
        if let needed {
            // Closed over what they depend on: a category drawn given another, a date drawn after
            // another, and the guarded keys.
            var closed = needed.union(guardedColumns).union(redrawnColumns)
            var changed = true
            while changed {
                changed = false
                for c in closed {
                    guard let i = TableModel.drawnDimension(of: table.roles[c], foreignKeys: table.foreignKeys) else { continue }
                    if let conditional = table.conditionals[i], conditional.source == .own {
                        for column in conditional.columns where closed.insert(column).inserted { changed = true }
                    }
                    if let anchor = table.offsets[i], closed.insert(anchor).inserted { changed = true }
                }
            }
            self.needed = closed
        } else {
            self.needed = nil
        }
        let own = table
        parent = own.parent.map { relation in
            let parentModel = model.tables[relation.table]!
            let parentColumns = parentModel.table.storedColumns
            var wanted = Set(own.table.foreignKeys[relation.key].referencedColumns.compactMap { name in parentColumns.firstIndex { $0.name == name } })
            for conditional in own.conditionals.values where conditional.source == .parent { wanted.insert(conditional.column) }
            if let conditional = parentModel.conditionals[relation.countDimension], conditional.source == .own { wanted.formUnion(conditional.columns) }
            return SyntheticCursor(model: model, table: relation.table, needed: wanted)
        }
        if let relation = own.parent {
            let parentColumns = model.tables[relation.table]!.table.storedColumns
            parentKeyColumns = own.table.foreignKeys[relation.key].referencedColumns.map { name in parentColumns.firstIndex { $0.name == name }! }
        }
    }

    /// A stream for column `c` of a row whose seed is `seed` (SplitMix64 of the two), built on the
    /// stack: this runs for every column of every row.
    private static func stream(_ seed: UInt64, _ c: Int) -> KeyedRandom {
        var state = seed ^ (UInt64(c) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (z ^ (z >> 31)).littleEndian
        }
        var words = (next(), next(), next(), next())
        return withUnsafeBytes(of: &words) { KeyedRandom(seed: $0) }
    }

    /// The next row, or nil when the table is complete.
    func next() -> Row? {
        while !abandoned {
            if position == window.count {
                guard refill() else { return nil }
            }
            let drawn = window[position]
            position += 1
            // (A row without a parent — its key NULL — after the last parent's children: none.)
            if parent != nil, drawn.parent?.ordinal != parentRow?.ordinal {
                parentRow = drawn.parent
                for i in guardSets.indices where table.guards[i].perParent {
                    guardSets[i].removeAll(keepingCapacity: true)
                    if taken[i] != nil { taken[i] = Taken() }
                }
            }
            // A row repeating a unique key, or breaking a CHECK constraint, is drawn again with fresh
            // values for the key's or the constraint's columns.
            leftOutReason = nil
            conflict = nil
            for attempt in 0..<Self.attempts {
                if let row = values(drawn.scores, attempt: attempt) {
                    leftOutInARow = 0
                    return row
                }
                if leftOutReason == nil, attempt + 1 >= Self.uniqueAttempts { break }
            }
            // Left out; a root table's shortfall is counted once at its end.
            if needed == nil, parent != nil || leftOutReason != nil || conflict != nil {
                model.noteLeftOut(table.table.name, rows: parent != nil ? 1 : 0, reason: leftOutReason ?? conflict)
            }
            leftOutInARow += 1
            if leftOutInARow >= Self.hopeless {
                // The model cannot write a row that passes: the rest would fare no better.
                abandoned = true
                noteShortfall()
            }
        }
        return nil
    }

    /// `text` with a number of `digits` digits after it — before its `@` where it has one
    /// (`ren@ex.com` → `ren42@ex.com`) — cut to `limit` characters from the text's end, not the number's.
    static func numbered<R: RandomNumberGenerator>(_ text: String, digits: Int, limit: Int?, _ random: inout R) -> String {
        let width = max(1, min(9, digits))
        var low = 1
        for _ in 1..<width { low *= 10 }
        let number = String(Int.random(in: (width == 1 ? 0 : low)..<(low * 10), using: &random))
        let at = text.firstIndex(of: "@") ?? text.endIndex
        var head = String(text[..<at])
        let tail = String(text[at...])
        if let limit, head.count + number.count + tail.count > limit {
            head = String(head.prefix(max(0, limit - number.count - tail.count)))
        }
        return head + number + tail
    }

    /// Rows left out one after another past which a table is given up (every draw of 64 rows
    /// breaking a constraint: a model that cannot keep it).
    static let hopeless = 64
    private var leftOutInARow = 0
    private var abandoned = false

    /// Rows are drawn a window at a time (1,024 of a root table, or the children of as many parent
    /// rows as fill 1,024), and within a window each dimension's scores are replaced by stratified
    /// ones in the same rank order, u = (rank + U) / n: the copula's dependence — on the parent row
    /// too — is kept while every marginal is hit evenly, so a table of 59 rows gets its categories
    /// in their proportions rather than in what 59 independent draws happen to give.
    static let windowSize = 1_024
    /// Draws of a row at most: 100 where it broke a CHECK constraint (a text model writes an email
    /// without an `@` now and then), 20 where it only repeated a unique key.
    static let attempts = 100, uniqueAttempts = 20
    /// Why the last draw was refused, when not for a repeated unique key (a CHECK it broke).
    private var leftOutReason: String?
    /// The unique index of expressions or exclusion constraint the last draw conflicted with, said
    /// as the reason a row was left out (a repeated plain key needs no words: the report names those).
    private var conflict: String?
    private var window: [(scores: [Double], parent: Row?)] = []
    private var position = 0
    private var windows: Int64 = 0
    private var parentsDone = false
    private var orphansDrawn: Int64 = 0
    private var shortfallNoted = false

    /// A root table's rows not written, counted once (a child table's are counted row by row).
    private func noteShortfall() {
        guard parent == nil, needed == nil, emitted < table.rootRows, !shortfallNoted else { return }
        model.noteLeftOut(table.table.name, rows: table.rootRows - emitted)
        shortfallNoted = true
    }

    private func refill() -> Bool {
        window.removeAll(keepingCapacity: true)
        position = 0
        if let parent {
            while window.count < Self.windowSize, !parentsDone {
                guard let row = parent.next() else { parentsDone = true; break }
                random = hasher.stream(Self.bytes(row.ordinal), label: 2)
                let dimension = table.parent!.countDimension
                let count = parent.table.value(ofDimension: dimension, score: row.scores[dimension], row: row.values, parent: nil)
                guard case .integer(let n) = count, n > 0 else { continue }
                for _ in 0..<n { window.append((drawScores(context: row.scores), row)) }
            }
            // Then the rows without a parent, drawn as a root's are (no parent's scores to follow).
            if parentsDone, orphansDrawn < table.orphanRows, window.count < Self.windowSize {
                random = hasher.stream(Self.bytes(orphansDrawn), label: 6)
                let size = Int(min(Int64(Self.windowSize - window.count), table.orphanRows - orphansDrawn))
                for _ in 0..<size { window.append((drawScores(context: []), nil)) }
                orphansDrawn += Int64(size)
            }
        } else {
            guard emitted < table.rootRows, windows * Int64(Self.windowSize) < table.rootRows * 20 + 100 else {
                noteShortfall()
                return false
            }
            random = hasher.stream(Self.bytes(windows), label: 3)
            let size = Int(min(Int64(Self.windowSize), table.rootRows - emitted))
            for _ in 0..<size { window.append((drawScores(context: []), nil)) }
        }
        guard !window.isEmpty else { return false }
        valueRandom = hasher.stream(Self.bytes(windows), label: 5)
        windows += 1
        let size = window.count
        var uniforms = [Double](repeating: 0, count: size)
        var order = [(score: Double, row: Int)](repeating: (0, 0), count: size)
        for i in 0..<table.dimensions {
            for r in 0..<size { order[r] = (window[r].scores[i], r) }
            order.sort { $0.score < $1.score }
            for k in 0..<size { uniforms[k] = Normal.uniform(&random) }
            for (rank, entry) in order.enumerated() {
                window[entry.row].scores[i] = Normal.quantile((Double(rank) + uniforms[rank]) / Double(size))
            }
        }
        return true
    }

    /// What a reference to another synthesized table needs, worked out on its first row rather than
    /// on every row (the referenced table's key layout, row count, popularity and link index).
    private struct Reference {
        var shapes: [KeyShape]
        var rows: Int64
        /// The source's references per referenced row, cumulative; nil: uniform.
        var cumulative: [Double]?
        var link: LinkIndex?
    }
    private var references: [Int: Reference] = [:]

    private func reference(_ index: Int, table name: String, popularity: [Double], link: TableModel.Link?) -> Reference {
        if let known = references[index] { return known }
        let referenced = model.tables[name]!
        // The link index first: building it counts the rows, which rowCount then knows.
        let linkIndex = link?.referencedDimension.map { model.linkIndex(of: name, dimension: $0).weighted(by: popularity) }
        var cumulative: [Double]?
        if popularity.contains(where: { $0 > 0 }) {
            var running = 0.0
            cumulative = popularity.map { running += $0; return running }
        }
        let made = Reference(
            shapes: table.table.foreignKeys[index].referencedColumns.map { referenced.keyColumns[$0]! },
            rows: model.rowCount(of: name), cumulative: cumulative, link: linkIndex)
        references[index] = made
        return made
    }

    private var valueRandom = KeyedRandom(seed: [UInt8](repeating: 2, count: 32))

    private static func bytes(_ n: Int64) -> [UInt8] { withUnsafeBytes(of: n.littleEndian) { Array($0) } }

    private func drawScores(context: [Double]) -> [Double] {
        let d = table.dimensions
        var noise = [Double](repeating: 0, count: d)
        for i in 0..<d { noise[i] = Normal.draw(&random) }
        var scores = [Double](repeating: 0, count: d)
        let g = context.count
        for i in 0..<d {
            var z = 0.0
            if g > 0, !table.regression.isEmpty {
                for k in 0..<g { z += table.regression[i * g + k] * context[k] }
            }
            for k in 0...i { z += table.factor[i * d + k] * noise[k] }
            scores[i] = z
        }
        return scores
    }

    /// The row of `scores`; nil when it repeats a unique key.
    private func values(_ scores: [Double], attempt: Int) -> Row? {
        // Values other than the copula's (text, UUIDs, foreign keys to other synthesized rows) come
        // from a stream of their own, seeded once per window: the scores never depend on them.
        let seed = valueRandom.next()
        var row = [Value](repeating: .null, count: table.roles.count)
        // The foreign keys' tuples of this row, in a buffer kept between rows.
        for k in tuples.indices { tuples[k] = nil }
        for c in table.order {
            if let needed, !needed.contains(c) { continue }
            var values = Self.stream(seed, c)
            switch table.roles[c] {
            case .key(let shape):
                row[c] = shape.value(emitted)
            case .dimension(let i):
                if attempt > 0, guardedColumns.contains(c) || redrawnColumns.contains(c) {
                    // (A date drawn as a gap is the gap after its row's earlier date, not a date.)
                    row[c] = table.held(table.offsets[i] == nil
                        ? table.marginals[i].value(at: Normal.uniform(&values), nullDraw: Normal.uniform(&values))
                        : table.value(ofDimension: i, score: Normal.quantile(Normal.uniform(&values)), row: row, parent: parentRow?.values, nullDraw: Normal.uniform(&values)),
                        dimension: i, row: row)
                    continue
                }
                row[c] = table.held(table.value(ofDimension: i, score: scores[i], row: row, parent: parentRow?.values, nullDraw: Normal.uniform(&values)), dimension: i, row: row)
            case .foreignKey(let key, let position):
                if tuples[key] == nil {
                    // The key's stream is the key's, whichever of its columns comes first.
                    var keyRandom = Self.stream(seed, 10_000 + key)
                    var fresh = scores
                    if attempt > 0, case .dimension(let i)? = table.foreignKeys[key], guardedColumns.contains(c) { fresh[i] = Normal.draw(&keyRandom) }
                    tuples[key] = foreignKey(key, scores: fresh, row: row, random: &keyRandom)
                }
                row[c] = tuples[key]![position]
                // A NOT NULL key with nothing to reference (the referenced synthesized table got no
                // rows — under DP, noise can make a small table empty): the row cannot exist.
                if row[c].isNull, notNull.contains(c) {
                    leftOutReason = "had no row to reference through their NOT NULL foreign key \(table.table.foreignKeys[key].describe(from: table.table.name))"
                    return nil
                }
            case .text(let model):
                row[c] = model.value(at: Normal.uniform(&values), &values)
                // A unique key's text drawn again and again (a model of few values: under DP, a
                // column of unique emails whose words all fell under the threshold wrote syllables,
                // and 60% of a table's rows were left out one run in three): from the second half of
                // the draws, a number of growing width after it, before an `@` where it has one.
                if attempt >= Self.uniqueAttempts / 2, leftOutReason == nil, uniqueTextColumns.contains(c), case .text(let text) = row[c] {
                    row[c] = .text(Self.numbered(text, digits: 1 + (attempt - Self.uniqueAttempts / 2) / 2, limit: table.table.storedColumns[c].maximumLength, &values))
                }
            case .shape(let model):
                row[c] = model.value(at: Normal.uniform(&values), &values)
            case .range(let model):
                row[c] = model.value(at: Normal.uniform(&values), &values)
            case .json(let model):
                row[c] = model.value(at: Normal.uniform(&values), &values)
            case .array(let model, let elements):
                var drawn = model.value(at: Normal.uniform(&values), &values)
                if let elements { drawn = ArrayText.filled(drawn, by: elements, &values) }
                row[c] = ArrayText.decode(drawn)
            case .uuid(let nullShare):
                if Normal.uniform(&values) < nullShare { row[c] = .null; continue }
                var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: values.next()) }
                bytes[6] = bytes[6] & 0x0F | 0x40
                bytes[8] = bytes[8] & 0x3F | 0x80
                row[c] = .text(UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                                           bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])).uuidString.lowercased())
            case .blob(let lengths, let nullShare):
                let u = Normal.uniform(&values)
                if u < nullShare || lengths.isEmpty { row[c] = .null; continue }
                let length = lengths[min(lengths.count - 1, Int((u - nullShare) / (1 - nullShare) * Double(lengths.count)))]
                row[c] = .blob((0..<length).map { _ in UInt8(truncatingIfNeeded: values.next()) })
            case .sampled(let pool):
                if pool.isEmpty {
                    row[c] = .null
                } else {
                    // Each value of the pool once before any twice, so the copy has as many distinct
                    // values as the source (drawn with replacement, nine employees' nine surnames came
                    // out six, and a unique key's 200 emails repeated some: rows were left out); where
                    // a unique key's values repeat even so (two source emails of one fake), numbered
                    // as the text model's are from the second half of the draws.
                    if decks[c, default: []].isEmpty { decks[c] = Array(pool.indices).shuffled(using: &values) }
                    row[c] = pool[decks[c]!.removeLast()]
                    if attempt >= Self.uniqueAttempts / 2, leftOutReason == nil, uniqueTextColumns.contains(c), case .text(let text) = row[c] {
                        row[c] = .text(Self.numbered(text, digits: 1 + (attempt - Self.uniqueAttempts / 2) / 2, limit: table.table.storedColumns[c].maximumLength, &values))
                    }
                }
            case .invented(let invented, let nullShare):
                row[c] = Normal.uniform(&values) < nullShare ? .null : invented.value(values.next())
            case .patterned(let slots):
                row[c] = .text(String(slots.map { slot -> Character in
                    switch slot {
                    case .literal(let c): c
                    case .digit: Character(UnicodeScalar(UInt8(48 + values.next(upperBound: UInt64(10)))))
                    case .upper: Character(UnicodeScalar(UInt8(65 + values.next(upperBound: UInt64(26)))))
                    case .lower: Character(UnicodeScalar(UInt8(97 + values.next(upperBound: UInt64(26)))))
                    }
                }))
            case .empty:
                // JSON: its generator writes the value (the planner insists on one).
                row[c] = .text("{}")
            }
        }
        for check in table.checks where !check.condition.holds(row, strict: check.strict) {
            leftOutReason = "broke \(check.text)"
            return nil
        }
        // Unique indexes of expressions and exclusion constraints: checked here, entered once the
        // row is kept. (A NULL key or range, or an empty range, conflicts with nothing.)
        var expressionKeys: [(Int, [Value])] = []
        var rangeKeys: [(Int, [Value], [RangeValue])] = []
        guards: for (g, guarded) in table.expressionGuards.enumerated() {
            if let predicate = guarded.predicate, !predicate.holds(row, strict: true) { continue }
            let key = guarded.keys.map { $0.evaluate(row) }
            if key.contains(.null) { continue }
            if guarded.overlaps.isEmpty {
                if expressionSets[g].contains(key) {
                    conflict = "repeated the key of unique index \(guarded.name)"
                    return nil
                }
                expressionKeys.append((g, key))
                continue
            }
            var ranges: [RangeValue] = []
            for element in guarded.overlaps {
                guard case .text(let text) = element.evaluate(row), let range = RangeValue(text) else { continue guards }
                ranges.append(range)
            }
            if rangeSets[g][key]?.admits(ranges) == false {
                conflict = "overlapped another row where exclusion constraint \(guarded.name) forbids it"
                return nil
            }
            rangeKeys.append((g, key, ranges))
        }
        var inserted: [(Int, [Value])] = []
        for (i, guarded) in table.guards.enumerated() {
            var key = guarded.columns.map { row[$0] }
            if key.contains(.null), !guarded.nullsEqual { continue }
            if guardSets[i].contains(key), let (c, value) = freeCategory(guard: i, row: row) {
                // A line number its parent row already took: the nearest one it has free.
                row[c] = value
                key = guarded.columns.map { row[$0] }
            }
            if guardSets[i].contains(key) {
                guard let probe = probes[i], let free = nearestFree(probe, guard: i, row: row) else {
                    for (k, key) in inserted {
                        guardSets[k].remove(key)
                        if let step = probes[k]?.step(of: key[0]) { taken[k]?.steps.remove(step) }
                    }
                    return nil
                }
                row[probe.column] = free
                key = [free]
            }
            guardSets[i].insert(key)
            inserted.append((i, key))
            if let step = probes[i]?.step(of: key[0]) { taken[i, default: Taken()].steps.insert(step) }
        }
        for (g, key) in expressionKeys { expressionSets[g].insert(key) }
        for (g, key, ranges) in rangeKeys { rangeSets[g][key, default: ExcludedRanges()].insert(ranges) }
        defer { emitted += 1 }
        return Row(ordinal: emitted, scores: scores, values: row)
    }

    /// For a unique key of the parent's columns and one category column (an order's line numbers,
    /// 1 to 5): the category nearest the row's, in the marginal's order, that the parent row has
    /// not taken; nil for any other key, or when none is free. Drawn again instead, the fifth line
    /// of an order found its one free number with odds of 1 in 5 a draw, and after 20 draws about
    /// one order in a hundred lost a line (the benchmark shop: one in a million).
    private func freeCategory(guard g: Int, row: [Value]) -> (column: Int, value: Value)? {
        guard let (c, position, categories) = categoryProbes[g], let here = categories.firstIndex(of: row[c]) else { return nil }
        var key = table.guards[g].columns.map { row[$0] }
        for distance in 1..<max(2, categories.count) {
            for k in [here + distance, here - distance] where k >= 0 && k < categories.count && categories[k] != .null {
                key[position] = categories[k]
                if !guardSets[g].contains(key) { return (c, categories[k]) }
            }
        }
        return nil
    }

    /// The free value of `probe`'s column nearest its value in `row` on its grid (inside the range,
    /// then beyond it where allowed; at equal distance above or below by the row's parity); nil
    /// when there is none.
    private func nearestFree(_ probe: Probe, guard g: Int, row: [Value]) -> Value? {
        let step = probe.codec.step
        guard let x = probe.codec.number(row[probe.column]), step > 0 else { return nil }
        // A date drawn as the gap after another: the range is the gaps' (low and high are), after
        // the row's other date, and it never comes closer to it than the smallest gap.
        var origin = 0.0, floor = -Double.infinity
        if let anchor = table.offsets[probe.dimension] {
            guard let a = probe.codec.number(row[anchor]) else { return nil }
            origin = a
            floor = a + max(probe.low, table.offsetFloors[probe.dimension] ?? -.infinity)
        }
        let inside = max(origin + probe.low, floor)...max(origin + probe.high, floor)
        let outside = max(NumberCodec.temporalRange.lowerBound, floor)...NumberCodec.temporalRange.upperBound
        let here = probe.step(of: row[probe.column])!
        var state = taken[g, default: Taken()]
        let above = Double(state.free(from: here, by: 1)) * step, below = Double(state.free(from: here, by: -1)) * step
        taken[g] = state
        for pass in 0..<(probe.beyondRange ? 2 : 1) {
            let allowed = pass == 0 ? inside : outside
            let fitsAbove = allowed.contains(above), fitsBelow = allowed.contains(below)
            let upFirst = emitted & 1 == 0
            let distanceAbove: Double = above - x, distanceBelow: Double = x - below
            let takeAbove = fitsAbove && (!fitsBelow || distanceAbove < distanceBelow || (distanceAbove == distanceBelow && upFirst))
            if let nearest = takeAbove ? above : fitsBelow ? below : nil {
                let value = probe.codec.value(nearest)
                // (Rounding by the codec could land on a taken value: then drawn again.)
                return guardSets[g].contains([value]) ? nil : value
            }
        }
        return nil
    }

    private func foreignKey(_ index: Int, scores: [Double], row: [Value], random: inout KeyedRandom) -> [Value] {
        let key = table.table.foreignKeys[index]
        switch table.foreignKeys[index]! {
        case .parent:
            guard let parentRow else { return key.columns.map { _ in .null } }
            return parentKeyColumns.map { parentRow.values[$0] }
        case .dimension(let i):
            return table.marginals[i].tuple(at: Normal.cdf(scores[i]))
        case .null:
            return key.columns.map { _ in .null }
        case .synthesized(let name, let nullShare, let popularity, let link):
            guard Normal.uniform(&random) >= nullShare else { return key.columns.map { _ in .null } }
            let reference = reference(index, table: name, popularity: popularity, link: link)
            let rows = reference.rows
            guard rows > 0 else { return key.columns.map { _ in .null } }
            var ordinal: Int64
            if let link, let score = table.number(ofDimension: link.dimension, score: scores[link.dimension], row: row, parent: parentRow?.values) {
                if let linkIndex = reference.link {
                    // The referenced row's score this row drew with its other columns; a row near it.
                    guard let near = linkIndex.ordinal(near: score, u: Normal.uniform(&random)) else { return key.columns.map { _ in .null } }
                    ordinal = near
                } else {
                    // A place by popularity, over the generated rows.
                    ordinal = min(rows - 1, Int64(max(0, score) * Double(rows)))
                }
            } else {
                ordinal = Int64(random.next(upperBound: UInt64(rows)))
                if let cumulative = reference.cumulative {
                    // A position among the source's referenced rows by their share, spread over the copy's rows.
                    let u = Normal.uniform(&random) * cumulative.last!
                    var low = 0, high = cumulative.count - 1
                    while low < high {
                        let mid = (low + high) / 2
                        if cumulative[mid] > u { high = mid } else { low = mid + 1 }
                    }
                    ordinal = min(rows - 1, Int64((Double(low) + Normal.uniform(&random)) * Double(rows) / Double(cumulative.count)))
                }
            }
            return reference.shapes.map { $0.value(ordinal) }
        case .own(let nullShare):
            // The first row has no earlier one: a NOT NULL reference to its own table is to itself
            // (the head of a hierarchy, `boss = id`); without it no row could be written.
            if emitted == 0, key.columns.contains(where: { name in notNull.contains(table.table.storedColumns.firstIndex { $0.name == name } ?? -1) }) {
                return key.referencedColumns.map { table.keyColumns[$0]!.value(0) }
            }
            guard emitted > 0, Normal.uniform(&random) >= nullShare else { return key.columns.map { _ in .null } }
            let ordinal = Int64(random.next(upperBound: UInt64(emitted)))
            return key.referencedColumns.map { table.keyColumns[$0]!.value(ordinal) }
        }
    }
}

/// The rows of a synthesized table as the pipeline reads them: batches, column by column. The next
/// batch is generated on another thread while the pipeline transforms and writes the current one
/// (one batch ahead: memory stays that of two batches).
public struct SyntheticBatches: AsyncSequence, Sendable {
    public typealias Element = RowBatch
    let model: SynthesisModel
    let table: String
    let batchSize: Int
    /// Where the next batch is generated (nil: Swift's shared pool).
    let executor: (any TaskExecutor)?

    /// The cursor and the next ordinal, touched by one batch's task at a time (each task starts
    /// after the previous one's result was taken).
    final class Producer: @unchecked Sendable {
        let cursor: SyntheticCursor
        let names: [String]
        let batchSize: Int
        var ordinal: Int64 = 0

        init(cursor: SyntheticCursor, names: [String], batchSize: Int) {
            self.cursor = cursor
            self.names = names
            self.batchSize = batchSize
        }

        func batch() -> RowBatch? {
            var columns = names.map { _ -> [Value] in
                var column: [Value] = []
                column.reserveCapacity(batchSize)
                return column
            }
            var count = 0
            while count < batchSize, let row = cursor.next() {
                for c in row.values.indices { columns[c].append(row.values[c]) }
                count += 1
            }
            guard count > 0 else { return nil }
            defer { ordinal += Int64(count) }
            return RowBatch(columnNames: names, columns: columns, firstOrdinal: ordinal)
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let producer: Producer
        let executor: (any TaskExecutor)?
        var pending: Task<RowBatch?, Never>?

        public mutating func next() async throws -> RowBatch? {
            try Task.checkCancellation()
            let producer = self.producer
            let current = pending ?? Task.detached(executorPreference: executor) { producer.batch() }
            guard let batch = await current.value else {
                pending = nil
                return nil
            }
            pending = Task.detached(executorPreference: executor) { producer.batch() }
            return batch
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        let cursor = SyntheticCursor(model: model, table: table)
        return AsyncIterator(producer: Producer(cursor: cursor, names: cursor.table.table.storedColumns.map(\.name), batchSize: batchSize), executor: executor)
    }
}
