/// Free text, synthesized: a Markov chain over words (values of several words) or characters
/// (single words, codes, names) that keeps the column's lengths and vocabulary, with every value
/// that equals a source value thrown away and drawn again — it never writes a source value whole —
/// and every value that holds a source value of ``minimumRun`` symbols or more inside it (a note
/// of a small table ran on into another: `Called Mary Johnson about order 12 6XE a`).
struct TextModel: Sendable {
    enum Unit: Sendable { case words, characters }

    let unit: Unit
    /// Symbols (words or characters); index 0 is the end mark.
    let symbols: [String]
    /// For each context (previous two symbols, packed), the next symbols and their cumulative counts.
    let transitions: [UInt64: ([Int32], [Int32])]
    /// Backing-off when a context was never seen: every symbol by frequency.
    let unigram: ([Int32], [Int32])
    /// Lengths in symbols of the source values, sorted (drawn from like a marginal).
    let lengths: [Int32]
    let nullShare: Double
    /// The source values the model was fitted on, and those of its table's other text columns: a
    /// draw that equals one is redrawn.
    let seen: Set<String>
    /// The source values of rows left out of the fit's sample (a large table): redrawn too.
    let unseen: TextFilter?
    let maximumLength: Int?
    /// Hashes of the symbol runs of the values the chain learned from of ``minimumRun`` symbols or
    /// more (their first ``runLimit``), and which lengths they have: a draw that holds one is redrawn.
    let runs: Set<UInt64>
    let runLengths: [Bool]

    /// A source value this long or longer is not written inside a longer value either: four words,
    /// or eight characters (an email, an IBAN).
    var minimumRun: Int { Self.minimumRun(unit) }
    static func minimumRun(_ unit: Unit) -> Int { unit == .words ? 4 : 8 }
    static let runLimit = 64

    /// The chain learns from this many values at most (every n-th); `seen` holds them all.
    static let trainingLimit = 20_000

    /// `unit`: words or characters by the values' own lengths unless given. `unwritten`: the texts no
    /// draw may equal, `values` among them (by default `values`): the table's other text columns' too,
    /// as a company's name may begin with its contact's (`Antonio Moreno Taquería`), whose first two
    /// words the chain drew. `deidentify`: the texts of several words are learnt with their people,
    /// emails and numbers replaced by fakes (``TextDeidentifier``); the draws are still checked
    /// against the source's own values.
    /// `guardsRuns`: whether a value may not hold a run of a source value's symbols (``minimumRun``);
    /// not for a chain of placeholders (``ArrayText/drawn``), every run of which is a source's.
    init(values: [Value], maximumLength: Int?, unseen: TextFilter? = nil, unit forced: Unit? = nil, unwritten: Set<String>? = nil, deidentify: TextDeidentifier? = nil, guardsRuns: Bool = true) {
        var all: [String] = []
        var nulls = 0
        for value in values {
            if case .text(let t) = value { all.append(t) } else if value.isNull { nulls += 1 } else { all.append(value.displayText) }
        }
        nullShare = values.isEmpty ? 0 : Double(nulls) / Double(values.count)
        let step = max(1, (all.count + Self.trainingLimit - 1) / Self.trainingLimit)
        var texts = step == 1 ? all : Swift.stride(from: 0, to: all.count, by: step).map { all[$0] }
        let words = texts.reduce(0) { $0 + $1.split(separator: " ").count }
        unit = forced ?? (texts.isEmpty || Double(words) / Double(texts.count) >= 2 ? .words : .characters)
        if unit == .words, let deidentify {
            texts = texts.enumerated().compactMap { deidentify($1, ordinal: $0) }
        }
        var index: [String: Int32] = ["": 0]
        var symbols = [""]
        var counts: [UInt64: [Int32: Int32]] = [:]
        var single: [Int32: Int32] = [:]
        var lengths: [Int32] = []
        var runs: Set<UInt64> = []
        var runLengths = [Bool](repeating: false, count: Self.runLimit + 1)
        let minimumRun = Self.minimumRun(unit)
        for text in texts {
            let pieces: [String] = unit == .words ? text.split(separator: " ").map(String.init) : text.map(String.init)
            lengths.append(Int32(pieces.count))
            var previous: (Int32, Int32) = (0, 0)
            var hash = Self.runBasis, run = 0
            for piece in pieces + [""] {
                let id: Int32
                if let known = index[piece] { id = known } else {
                    id = Int32(symbols.count)
                    index[piece] = id
                    symbols.append(piece)
                }
                counts[Self.context(previous), default: [:]][id, default: 0] += 1
                if id != 0 { single[id, default: 0] += 1 }
                previous = (previous.1, id)
                if id != 0, run < Self.runLimit { hash = Self.runHash(hash, id); run += 1 }
            }
            if guardsRuns, pieces.count >= minimumRun { runs.insert(hash); runLengths[run] = true }
        }
        self.runs = runs
        self.runLengths = runLengths
        func cumulative(_ table: [Int32: Int32]) -> ([Int32], [Int32]) {
            let sorted = table.sorted { $0.key < $1.key }
            var running: Int32 = 0
            return (sorted.map(\.key), sorted.map { running += $0.value; return running })
        }
        self.symbols = symbols
        transitions = counts.mapValues(cumulative)
        unigram = cumulative(single)
        self.lengths = lengths.sorted()
        seen = unwritten ?? Set(all)
        self.unseen = unseen
        self.maximumLength = maximumLength
    }

    /// Under differential privacy: words only (no pairs), each row adding at most 20 distinct words
    /// (L2 sensitivity √20), those below the threshold dropped; lengths from a noisy histogram of
    /// 1…64 words (sensitivity 1); NULLs from a noisy count. Two measurements; no check against source
    /// values (that check would itself read them without noise).
    /// A vocabulary that every word of failed to pass leaves letters drawn at random (nothing of
    /// the data), in words of the noisy lengths.
    init(privateValues values: [Value], maximumLength: Int?, nullable: Bool, noise: inout MeasurementNoise) {
        var counts: [String: Double] = [:]
        var lengthBins = [Double](repeating: 0, count: 65)
        for value in values {
            guard !value.isNull else { lengthBins[0] += 1; continue }
            let words = value.displayText.split(separator: " ").map(String.init)
            lengthBins[min(64, max(1, words.count))] += 1
            for word in Set(words.prefix(20)) { counts[word, default: 0] += 1 }
        }
        let vocabulary = counts.sorted { $0.key < $1.key }
        let kept = noise.thresholded(vocabulary.map(\.value), sensitivity: 20.0.squareRoot())
        var symbols = [""]
        var ids: [Int32] = [], cumulative: [Int32] = []
        var running: Int32 = 0
        for (entry, count) in zip(vocabulary, kept) {
            guard let count else { continue }
            ids.append(Int32(symbols.count))
            symbols.append(entry.key)
            running += Int32(max(1, count.rounded()))
            cumulative.append(running)
        }
        let noisyLengths = noise.counts(lengthBins)
        let total = noisyLengths.reduce(0, +)
        nullShare = total > 0 && nullable ? noisyLengths[0] / total : 0
        var lengths: [Int32] = []
        let nonNull = noisyLengths.dropFirst().reduce(0, +)
        if nonNull >= 1 {
            for k in 1...64 { lengths += [Int32](repeating: Int32(k), count: Int((noisyLengths[k] / nonNull * 1_000).rounded())) }
        }
        if ids.isEmpty {
            // Nothing passed the threshold: syllables of no one's data.
            for syllable in ["ka", "lo", "mi", "ren", "sa", "to", "vel", "na", "di", "por", "el", "an"] {
                ids.append(Int32(symbols.count))
                symbols.append(syllable)
                running += 1
                cumulative.append(running)
            }
        }
        unit = .words
        self.symbols = symbols
        transitions = [:]
        unigram = (ids, cumulative)
        self.lengths = lengths.isEmpty ? [1] : lengths
        seen = []
        unseen = nil
        self.maximumLength = maximumLength
        runs = []
        runLengths = []
    }

    static let runBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static func runHash(_ hash: UInt64, _ id: Int32) -> UInt64 { (hash ^ UInt64(UInt32(bitPattern: id))) &* 0x100_0000_01b3 }

    /// Whether symbols `ids` hold, anywhere, the run of a source value of ``minimumRun`` symbols or
    /// more; `work` counts the symbols it hashed.
    private func holdsSource(_ ids: [Int32], work: inout Int) -> Bool {
        guard !runs.isEmpty, ids.count >= minimumRun else { return false }
        for i in 0...(ids.count - minimumRun) {
            var hash = Self.runBasis
            for j in i..<min(ids.count, i + Self.runLimit) {
                work += 1
                hash = Self.runHash(hash, ids[j])
                let length = j - i + 1
                if length >= minimumRun, runLengths[length], runs.contains(hash) { return true }
            }
        }
        return false
    }

    private static func context(_ previous: (Int32, Int32)) -> UInt64 {
        UInt64(UInt32(bitPattern: previous.0)) << 32 | UInt64(UInt32(bitPattern: previous.1))
    }

    private func pick<R: RandomNumberGenerator>(_ table: ([Int32], [Int32]), _ random: inout R) -> Int32 {
        guard let total = table.1.last, total > 0 else { return 0 }
        let r = Int32(random.next(upperBound: UInt64(total)))
        var low = 0, high = table.1.count - 1
        while low < high {
            let mid = (low + high) / 2
            if table.1[mid] > r { high = mid } else { low = mid + 1 }
        }
        return table.0[low]
    }

    /// A value at score `u` for NULL-ness and length; the symbols are drawn from `random`.
    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R) -> Value {
        var work = 0
        return value(at: u, &random, work: &work)
    }

    /// The symbols joined and hashed in redrawing one value, at most (about: the draw that passes it
    /// is finished): a value of a vocabulary whose every draw holds a source value — `xxxx…` of
    /// 2,500 characters in every row — was redrawn once per source value, each joined whole (300
    /// rows took 7 s), to end NULL as it does now. A short value still gets thousands of redraws.
    static let workLimit = 50_000

    /// ``value(at:_:)``, counting in `work` the symbols hashed.
    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R, work: inout Int) -> Value {
        guard !symbols.isEmpty, u >= nullShare, !lengths.isEmpty else { return .null }
        let q = (u - nullShare) / max(1e-12, 1 - nullShare)
        let target = Int(lengths[min(lengths.count - 1, Int(q * Double(lengths.count)))])
        var drawn: [Int32] = []
        // A few whole draws; where the source's values are dense in what the chain writes (codes,
        // numbered names), most draws repeat one, and changing symbols of one is far cheaper.
        for _ in 0..<4 {
            // Symbols appended to one string (this runs for every synthesized text cell).
            var text = ""
            text.reserveCapacity(32)
            drawn.removeAll(keepingCapacity: true)
            var previous: (Int32, Int32) = (0, 0)
            while drawn.count < max(1, target) {
                var next = transitions[Self.context(previous)].map { pick($0, &random) } ?? 0
                // The chain wants to stop early, or knows no continuation: carry on from the vocabulary.
                if next == 0 { next = pick(unigram, &random) }
                guard next != 0 else { break }
                if unit == .words, !drawn.isEmpty { text.append(" ") }
                text.append(symbols[Int(next)])
                drawn.append(next)
                previous = (previous.1, next)
            }
            let written = clipped(text)
            if !isSource(written), !holdsSource(drawn, work: &work) { return .text(written) }
        }
        // Every draw a source value or holding one (a small vocabulary, codes of one layout): change
        // symbols at random positions until the value is new.
        var pieces = drawn.isEmpty ? [Int32(0)] : drawn
        for attempt in 0..<(seen.count + 20) where work < Self.workLimit {
            let symbol = max(1, pick(unigram, &random))
            if attempt % 8 == 7 { pieces.append(symbol) } else { pieces[Int(random.next(upperBound: UInt64(pieces.count)))] = symbol }
            let text = join(pieces)
            work += pieces.count
            if !isSource(text), !holdsSource(pieces, work: &work) { return .text(text) }
        }
        return .null
    }

    private func isSource(_ text: String) -> Bool {
        seen.contains(text) || unseen?.contains(text) == true
    }

    private func join(_ pieces: [Int32]) -> String {
        let strings = pieces.map { symbols[Int($0)] }
        return clipped(unit == .words ? strings.joined(separator: " ") : strings.joined())
    }

    private func clipped(_ text: String) -> String {
        // UTF-8 bytes bound the characters from above: most texts need no count.
        guard let maximumLength, text.utf8.count > maximumLength, text.count > maximumLength else { return text }
        return String(text.prefix(maximumLength))
    }
}

/// A Bloom filter of texts: whether a text may be among those added (false positives at about 1%
/// with 10 bits an entry, never a false negative). Hashes are FNV-1a over the UTF-8 bytes with two
/// offsets, combined (Kirsch–Mitzenmacher): the same in every process, so a run that rejects a draw
/// as a possible source value does so every time — synthesis stays deterministic.
struct TextFilter: Sendable {
    private var bits: [UInt64]
    private let hashes = 7

    init(capacity: Int) {
        bits = [UInt64](repeating: 0, count: max(1, (capacity * 10 + 63) / 64))
    }

    private func positions(_ text: String) -> (UInt64, UInt64) {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        b ^= b >> 29
        return (a, b | 1)
    }

    /// Bit `i` of a text whose hashes are `h`: its word and mask (no array: this runs for every draw).
    private func bit(_ i: UInt64, _ h: (UInt64, UInt64)) -> (word: Int, mask: UInt64) {
        let bit = (h.0 &+ i &* h.1) % UInt64(bits.count * 64)
        return (Int(bit / 64), 1 << (bit % 64))
    }

    mutating func insert(_ text: String) {
        let h = positions(text)
        for i in 0..<UInt64(hashes) {
            let (word, mask) = bit(i, h)
            bits[word] |= mask
        }
    }

    func contains(_ text: String) -> Bool {
        let h = positions(text)
        for i in 0..<UInt64(hashes) {
            let (word, mask) = bit(i, h)
            if bits[word] & mask == 0 { return false }
        }
        return true
    }
}

/// PostgreSQL array literals as texts of words for ``TextModel``: one word per element, its spaces
/// as U+001F, a NULL element as U+001E, an empty array as U+001D; and back. The model then keeps
/// the arrays' lengths and which elements go together, and never writes a source array whole.
enum ArrayText {
    static let space: Character = "\u{1F}", null = "\u{1E}", empty = "\u{1D}"

    /// `deidentify`: each element's people, emails and numbers replaced by fakes (an array of a
    /// customer's emails or names: the chain's words are its elements, each written back whole).
    static func encode(_ value: Value, ordinal: Int = 0, deidentify: TextDeidentifier? = nil) -> Value {
        guard case .text(let literal) = value else { return value }
        let trimmed = literal.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), var items = PostgresArrayLiteral.parse(trimmed) else { return .null }
        guard !items.isEmpty else { return .text(empty) }
        if let deidentify {
            items = items.map { item in item.map { deidentify($0, ordinal: ordinal) ?? "" } }
        }
        return .text(items.map { $0.map { String($0.map { $0 == " " ? space : $0 }) } ?? null }.joined(separator: " "))
    }

    /// The element a chain of ``distinctElements(_:)`` writes where a text model of the elements writes one.
    static let drawn = "\u{1C}"

    /// Where an array's elements are mostly each of one array (three in four elements seen once,
    /// thirty elements at least): the arrays with each element seen once as ``drawn``, and those
    /// elements; nil otherwise (tags, categories: drawn as they are).
    static func distinctElements(_ encoded: [Value]) -> (chain: [Value], elements: [Value])? {
        var counts: [Substring: Int] = [:]
        var total = 0
        for value in encoded {
            guard case .text(let text) = value else { continue }
            for word in text.split(separator: " ") where word != null && word != empty {
                counts[word, default: 0] += 1
                total += 1
            }
        }
        let once = counts.values.filter { $0 == 1 }.count
        guard total >= 30, Double(once) >= 0.75 * Double(total) else { return nil }
        var elements: [Value] = []
        let chain = encoded.map { value -> Value in
            guard case .text(let text) = value else { return value }
            return .text(text.split(separator: " ").map { word -> String in
                guard word != null, word != empty, counts[word] == 1 else { return String(word) }
                elements.append(.text(String(word.map { $0 == space ? " " : $0 })))
                return drawn
            }.joined(separator: " "))
        }
        return (chain, elements)
    }

    /// `value` (a chain's encoded array) with each ``drawn`` element written by `elements` (an
    /// element that cannot be written is left out).
    static func filled<R: RandomNumberGenerator>(_ value: Value, by elements: TextModel, _ random: inout R) -> Value {
        guard case .text(let text) = value, text.contains(drawn) else { return value }
        let words = text.split(separator: " ").compactMap { word -> String? in
            guard word == drawn else { return String(word) }
            guard case .text(let element) = elements.value(at: Normal.uniform(&random), &random) else { return nil }
            return String(element.map { $0 == " " ? space : $0 })
        }
        return .text(words.isEmpty ? empty : words.joined(separator: " "))
    }

    static func decode(_ value: Value) -> Value {
        guard case .text(let text) = value else { return value }
        if text == empty { return .text("{}") }
        let items: [String?] = text.split(separator: " ").compactMap { word in
            if word == null { return .some(nil) }
            // (The empty mark among elements: the chain joined it to others; it stands for nothing.)
            if word == empty { return nil }
            return .some(String(word.map { $0 == space ? " " : $0 }))
        }
        return .text(PostgresArrayLiteral.write(items))
    }
}
