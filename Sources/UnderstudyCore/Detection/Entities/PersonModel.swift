import Foundation

/// A statistical tagger of person names: an averaged perceptron over the tokens of a text, each
/// tagged outside, beginning or inside a name (O, B, I), left to right, from features of the token
/// and its neighbours — the word, its shape (`Xx`, `X.`, `x`), prefixes and suffixes, whether the
/// census lists hold it as a first or last name or the common-word list as a non-name, the words
/// around it and the previous tag. It finds the names the rules cannot: names outside the lists,
/// with no title or introducing word, at the start of a sentence, in lists and signatures.
///
/// Trained by `scripts/train-person-model` on bench/text/train.jsonl (sentences from templates
/// written for this project, filled by Faker in 26 locales); the weights ship in the package's
/// resources (`Models/person.model`). The features are computed by this file for training and for
/// tagging alike.
package struct PersonModel: Sendable {
    package static let tags = 3  // O, B, I
    package static let bucketBits = 18
    package static let buckets = 1 << bucketBits

    /// `buckets × tags` weights, a feature's three side by side.
    package let weights: [Float]

    package init(weights: [Float]) {
        precondition(weights.count == Self.buckets * Self.tags)
        self.weights = weights
    }

    /// The model in the package's resources. Missing or damaged, the program stops as it does
    /// without its dictionaries: without the model, PERSON recall falls from 0.90 to 0.73 on the
    /// held-out sets, and names would pass unredacted with no sign of it (a resource folder left
    /// from an older install, without `Models`, did exactly that).
    static let shared: PersonModel = {
        guard let url = Bundle.module.url(forResource: "person", withExtension: "model", subdirectory: "Models"),
              let data = try? Data(contentsOf: url) else {
            fatalError("understudy is installed without its person-name model (Models/person.model is missing from its resource bundle); reinstall it with its Understudy_UnderstudyCore.resources folder next to the executable")
        }
        do { return try PersonModel(serialized: Array(data)) } catch {
            fatalError("understudy's person-name model (\(url.path)) is damaged: \(error); reinstall it with its Understudy_UnderstudyCore.resources folder next to the executable")
        }
    }()

    // MARK: features

    /// What is computed once per token: hashes of its word, shape and affixes, and its flags.
    struct TokenInfo {
        var word: UInt64
        var shape: UInt64
        var prefix: UInt64
        var suffix: UInt64
        var suffix2: UInt64
        /// Bits: 1 first name, 2 last name, 4 common word, 8 title, 16 person cue, 32 capitalised,
        /// 64 all capitals, 128 a line or sentence starts here.
        var flags: UInt64
        /// A token no name begins with (a mark, a number, an English or common word in lower case
        /// that no name list holds): after an outside tag it is outside too, and is not scored (it is
        /// no feature: training and the features are as they were).
        var plain = false
    }

    static func info(_ scan: TextScan) -> [TokenInfo] {
        let t = scan.tokens
        var result: [TokenInfo] = []
        result.reserveCapacity(t.count)
        scan.units.withUnsafeBufferPointer { allUnits in
        for i in t.indices {
            var flags: UInt64 = 0
            if t[i].kind == .word {
                if t[i].isFirstName { flags |= 1 }
                if t[i].isLastName { flags |= 2 }
                if t[i].isCommon { flags |= 4 }
                if t[i].has(.title) { flags |= 8 }
                if t[i].has([.personIntroduction, .personCue]) { flags |= 16 }
                if t[i].isCapitalized { flags |= 32 }
                if t[i].isAllCaps { flags |= 64 }
            }
            if Self.opensSentence(at: i, t) { flags |= 128 }
            // An ASCII token's scalars are its units (lower-cased as its `lower` is), read without
            // iterating strings; any other's come from its strings.
            let units = UnsafeBufferPointer(rebasing: allUnits[t[i].start..<t[i].end])
            var info: TokenInfo
            if t[i].isASCII {
                info = Self.hashes(units.lazy.map { Unicode.Scalar(UInt8(truncatingIfNeeded: $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0)) })
                info.shape = shapeHash(t[i], units.lazy.map { Unicode.Scalar(UInt8(truncatingIfNeeded: $0)) })
            } else {
                info = Self.hashes(t[i].lower.unicodeScalars)
                info.shape = shapeHash(t[i], scan.text(of: t[i]).unicodeScalars)
            }
            info.flags = flags
            info.plain = t[i].kind != .word
                || !t[i].isCapitalized && !t[i].isAllCaps && t[i].has([.english, .common]) && !t[i].has(.names) && t[i].foldedNames.isEmpty
            result.append(info)
        }
        }
        return result
    }

    /// FNV-1a of the lower-case scalars' UTF-8: of them all (word), of the first three (prefix), of
    /// the last three and two (suffixes); shape and flags left to the caller.
    @inline(__always)
    static func hashes<Scalars: BidirectionalCollection>(_ lower: Scalars) -> TokenInfo where Scalars.Element == Unicode.Scalar {
        var word = FNV1a.basis, prefix = FNV1a.basis
        var count = 0
        for scalar in lower {
            if count < 3 { prefix = FNV1a.step(prefix, scalar) }
            word = FNV1a.step(word, scalar)
            count += 1
        }
        var suffix = FNV1a.basis, suffix2 = FNV1a.basis
        let last = min(3, count)
        for (k, scalar) in lower.suffix(3).enumerated() {
            suffix = FNV1a.step(suffix, scalar)
            if k >= last - 2 { suffix2 = FNV1a.step(suffix2, scalar) }
        }
        return TokenInfo(word: word, shape: 0, prefix: prefix, suffix: suffix, suffix2: suffix2, flags: 0)
    }

    /// Whether token `i` opens a text, a line or a sentence.
    @inline(__always)
    static func opensSentence(at i: Int, _ t: [TextScan.Token]) -> Bool { i == 0 || t[i].gap == 2 || opensSentence(after: t[i - 1]) }

    @inline(__always)
    static func opensSentence(after token: TextScan.Token) -> Bool {
        token.isMark(".") || token.isMark("!") || token.isMark("?") || token.isMark(":")
    }

    /// The hash of the token's shape from the scalars of its text as written: `Xx`, `x`, `XX`, `X`,
    /// `d`, `dd`, or the mark itself; each character's class, repeats collapsed, at most five.
    @inline(__always)
    static func shapeHash<Scalars: Sequence>(_ token: TextScan.Token, _ text: Scalars) -> UInt64 where Scalars.Element == Unicode.Scalar {
        switch token.kind {
        case .punct: return FNV1a.hash(token.lower.utf8)
        case .number: return token.end - token.start < 3 ? shapeD : token.end - token.start < 5 ? shapeDD : shapeDDD
        case .word:
            var hash = FNV1a.basis
            var last: UInt8 = 0
            var count = 0
            for scalar in text {
                let v = scalar.value
                let c: UInt8
                if v < 0x80 {
                    // ASCII without a property lookup.
                    c = v >= 0x41 && v <= 0x5A ? 88 : v >= 0x61 && v <= 0x7A ? 120 : v == 0x27 ? 39 : 45
                } else {
                    c = scalar.properties.isUppercase ? 88 : scalar.properties.isLowercase ? 120 : scalar == "’" ? 39 : 45
                }
                if c != last {
                    hash = FNV1a.step(hash, c)
                    last = c
                    count += 1
                }
                if count >= 5 { break }
            }
            return hash
        }
    }

    static let shapeD = FNV1a.hash("d".utf8), shapeDD = FNV1a.hash("dd".utf8), shapeDDD = FNV1a.hash("ddd".utf8)

    /// The bucket of feature `template` with `value`.
    @inline(__always)
    static func bucket(_ template: UInt64, _ value: UInt64) -> Int {
        var z = value &+ template &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: (z ^ (z >> 31)) & UInt64(buckets - 1))
    }

    /// The features of token `i` given the previous token's tag, as buckets.
    static func features(_ info: [TokenInfo], _ i: Int, previous: Int, into f: inout [Int]) {
        f.removeAll(keepingCapacity: true)
        features(info, i, previous: previous) { f.append($0) }
    }

    /// The features of token `i` given the previous token's tag, each bucket handed to `feature` in
    /// order (inlined: tagging sums the weights as it goes, without an array).
    @inline(__always)
    static func features(_ info: [TokenInfo], _ i: Int, previous: Int, _ feature: (Int) -> Void) {
        let none = TokenInfo(word: 1, shape: 1, prefix: 1, suffix: 1, suffix2: 1, flags: 256)
        let c = info[i]
        let p1 = i > 0 ? info[i - 1] : none, p2 = i > 1 ? info[i - 2] : none
        let n1 = i + 1 < info.count ? info[i + 1] : none, n2 = i + 2 < info.count ? info[i + 2] : none
        let tag = UInt64(previous)
        feature(bucket(0, 0))
        feature(bucket(1, c.word))
        feature(bucket(2, c.shape))
        feature(bucket(3, c.prefix))
        feature(bucket(4, c.suffix))
        feature(bucket(5, c.suffix2))
        feature(bucket(6, c.flags))
        feature(bucket(7, c.flags & 7))
        feature(bucket(8, p1.word))
        feature(bucket(9, n1.word))
        feature(bucket(10, p2.word))
        feature(bucket(11, n2.word))
        feature(bucket(12, p1.shape &* 31 &+ c.shape))
        feature(bucket(13, c.shape &* 31 &+ n1.shape))
        feature(bucket(14, p1.flags))
        feature(bucket(15, n1.flags))
        feature(bucket(16, (p1.flags & 7) << 8 | (c.flags & 7) << 4 | (n1.flags & 7)))
        feature(bucket(17, tag))
        feature(bucket(18, tag << 60 ^ c.shape))
        feature(bucket(19, tag << 60 ^ c.flags))
        feature(bucket(20, tag << 60 ^ c.word))
        feature(bucket(21, p1.word &* 31 &+ c.shape))
        feature(bucket(22, c.shape &* 31 &+ n1.word))
        feature(bucket(23, p2.shape &* 961 &+ p1.shape &* 31 &+ c.shape))
        feature(bucket(24, n2.flags))
        feature(bucket(25, p2.flags))
    }

    // MARK: tagging

    /// The best tag of each token and its margin over the second best, left to right.
    func tag(_ info: [TokenInfo]) -> [(tag: Int, margin: Float)] {
        var result: [(tag: Int, margin: Float)] = []
        result.reserveCapacity(info.count)
        var previous = 0
        weights.withUnsafeBufferPointer { w in
            for i in info.indices {
                if previous == 0, info[i].plain {
                    result.append((0, 0))
                    continue
                }
                var s0: Float = 0, s1: Float = 0, s2: Float = 0
                Self.features(info, i, previous: previous) { b in
                    s0 += w[b * 3]
                    s1 += w[b * 3 + 1]
                    s2 += w[b * 3 + 2]
                }
                // An inside tag only after a name's first token.
                if previous == 0 { s2 = -.infinity }
                let best = s0 >= s1 && s0 >= s2 ? 0 : s1 >= s2 ? 1 : 2
                let margin = best == 0 ? s0 - max(s1, s2) : best == 1 ? s1 - max(s0, s2) : s2 - max(s0, s1)
                result.append((best, margin))
                previous = best
            }
        }
        return result
    }

    /// Names as token ranges with a confidence: a beginning and the insides after it; the
    /// confidence from the smallest margin among its tokens.
    /// `retagging`: whether a name may begin at a token after a number (``retagAfterNumbers``).
    func names(in scan: TextScan, retagging: (Int) -> Bool = { _ in true }) -> [(first: Int, last: Int, score: Double)] {
        let info = Self.info(scan)
        var tags = tag(info)
        retagAfterNumbers(info, scan, &tags, where: retagging)
        var names: [(first: Int, last: Int, score: Double)] = []
        var i = 0
        while i < tags.count {
            guard tags[i].tag == 1 else { i += 1; continue }
            var e = i
            // Inside tokens, and a beginning straight after a word of the name ("jorge cepeda"
            // tagged as two names): one name — up to a line break (a signature's next line is a team
            // or a title).
            var commas: [Int] = []
            while e + 1 < tags.count,
                  tags[e + 1].tag == 2 || tags[e + 1].tag == 1 && scan.tokens[e + 1].gap == 1 && scan.tokens[e + 1].kind == .word && scan.tokens[e].kind == .word {
                if scan.tokens[e + 1].gap == 2 { break }
                if scan.tokens[e + 1].kind == .punct && scan.tokens[e + 1].isMark(",") { commas.append(e + 1) }
                e += 1
            }
            // Two commas or more make a list of names ("Odetola, Dương, Tommi"), one comma `Last, First`.
            var parts: [(Int, Int)] = [(i, e)]
            if commas.count >= 2 {
                let bounds = [i - 1] + commas + [e + 1]
                parts = (0..<(bounds.count - 1)).map { (bounds[$0] + 1, bounds[$0 + 1] - 1) }
            }
            for (first, end) in parts {
                // A name ends on a word (a trailing comma or full stop belongs to the sentence).
                var last = end
                while last > first, scan.tokens[last].kind != .word { last -= 1 }
                guard first <= last, scan.tokens[first].kind == .word else { continue }
                let margin = (parts.count == 1 ? tags[i...e] : tags[first...last]).map(\.margin).min()!
                names.append((first, last, Self.confidence(margin)))
            }
            i = e + 1
        }
        return names
    }

    /// The tokens a capitalised word after a number begins, tagged again as a text of their own
    /// (`Call 555-201-3344, Kwame Mensah will …`, `Ticket 4417, Gerhart Döring called`, `© 2009-2017
    /// Mateusz Loskot`): the tagger learnt names before numbers, and after one — a year or a time, or
    /// a comma, colon, dash or slash after a number — it read a name no list holds as none, while the same
    /// words opening a text are a name to it. Only a name it begins there replaces the outside tags
    /// (the rest of the text keeps its tags: retrained with such sentences, the tagger found names in
    /// licence texts and lost others the rules rely on).
    func retagAfterNumbers(_ info: [TokenInfo], _ scan: TextScan, _ tags: inout [(tag: Int, margin: Float)], where allowed: (Int) -> Bool) {
        let t = scan.tokens
        var p = 1
        while p < t.count {
            defer { p += 1 }
            guard tags[p].tag == 0, t[p].kind == .word, t[p].isCapitalized, t[p].gap == 1, allowed(p) else { continue }
            var before = p - 1
            if t[before].kind == .punct, t[before].isMark(in: ",:-/"), before > 0 { before -= 1 }
            guard t[before].kind == .number, before == p - 1 || t[before + 1].gap == 0 else { continue }
            // Straight after the number, only a year's or a time's (`© 2009-2017 Mateusz Loskot`, `At 14:30
            // Clémence Guyon`): after another it is a house's (`at 8523 Pope Crossroad`).
            if before == p - 1 {
                let number = scan.text(of: t[before])
                let year = t[before].count == 4 && (number.hasPrefix("19") || number.hasPrefix("20"))
                let time = before >= 2 && t[before - 1].isMark(":") && t[before - 2].kind == .number && t[before].count == 2
                guard year || time else { continue }
            }
            var part = Array(info[p..<min(info.count, p + 8)])
            part[0].flags |= 128
            let retagged = tag(part)
            guard retagged[0].tag == 1 else { continue }
            var k = 1
            while k < retagged.count, retagged[k].tag == 2 { k += 1 }
            // Not a name cut short before a capitalised word (`Henrique P` of `Henrique P Machado`,
            // which the rules then widen whole).
            if p + k < t.count, t[p + k].kind == .word, t[p + k].gap == 1, t[p + k].isCapitalized || t[p + k].isAllCaps { continue }
            for j in 0..<k { tags[p + j] = retagged[j] }
            p += k - 1
        }
    }

    /// A margin as a confidence between 0.5 and 0.78: the rules' findings from two listed names,
    /// titles and inverted names (0.8 and more) win over it where they overlap.
    static func confidence(_ margin: Float) -> Double {
        0.5 + 0.28 * (1 - exp(-Double(max(0, margin)) / 4))
    }

    // MARK: serialization

    /// `UPM1`, the bucket bits, a scale, then (bucket, three weights as Int16 × scale) for every
    /// bucket with a weight.
    package func serialized() -> [UInt8] {
        let largest = weights.map(abs).max() ?? 1
        let scale = largest / Float(Int16.max)
        var out: [UInt8] = Array("UPM1".utf8)
        func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        append(UInt32(Self.bucketBits))
        append(scale.bitPattern)
        for b in 0..<Self.buckets {
            let q = (0..<3).map { Int16((weights[b * 3 + $0] / scale).rounded()) }
            guard q.contains(where: { $0 != 0 }) else { continue }
            append(UInt32(b))
            for v in q { append(v) }
        }
        return out
    }

    struct Malformed: Error {}

    init(serialized bytes: [UInt8]) throws {
        guard bytes.count >= 12, Array(bytes[0..<4]) == Array("UPM1".utf8) else { throw Malformed() }
        func u32(_ o: Int) -> UInt32 { UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24 }
        guard u32(4) == UInt32(Self.bucketBits) else { throw Malformed() }
        let scale = Float(bitPattern: u32(8))
        var weights = [Float](repeating: 0, count: Self.buckets * Self.tags)
        var o = 12
        while o + 10 <= bytes.count {
            let b = Int(u32(o))
            guard b < Self.buckets else { throw Malformed() }
            for k in 0..<3 {
                let raw = Int16(bitPattern: UInt16(bytes[o + 4 + 2 * k]) | UInt16(bytes[o + 5 + 2 * k]) << 8)
                weights[b * 3 + k] = Float(raw) * scale
            }
            o += 10
        }
        guard o == bytes.count else { throw Malformed() }
        self.weights = weights
    }
}

/// The model's names as PERSON spans (`person.model`), held to what a reader would accept on the
/// model's word alone: not letters joined to digits (a code) or by underscores (an identifier); words in lower case when the name
/// lists know one of them, or when they are two or more, none a common word, and the model is sure
/// (0.52 at most); a name the lists know none of scored below a place or organisation found by its
/// own lists (0.54 at most); one unknown capitalised word opening a sentence below the default
/// threshold (0.45). A name never runs over a line break, and names listed with commas are apart.
struct PersonModelRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.person]
    let model: PersonModel
    /// Words of job titles.
    static let jobWords: Set<String> = [
        "engineer", "engineering", "scientist", "analyst", "developer", "manager", "director", "officer", "specialist", "consultant", "architect",
        "administrator", "coordinator", "representative", "assistant", "associate", "intern", "designer", "technician", "lead", "senior", "junior",
        "sr", "jr", "head", "chief", "vp", "president", "executive", "supervisor", "recruiter", "accountant", "programmer", "tester", "strategist",
        // A field engineer as a ticket writes one ("Tech visited 14 Elm Grove": a name `Tech`).
        "tech", "techs",
    ]
    /// Days of the week in German, French, Spanish, Italian, Dutch and Portuguese.
    static let otherWeekdays: Set<String> = [
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo", "lunedì",
        "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "segunda", "terça", "quarta", "quinta", "sexta",
    ]
    /// The model's confidence above which a lower-case name no list holds is kept.
    static let sureLowercase = 0.6

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        // A name after a number is tagged again where no rule found anything (the rules' `Henrique P
        // Machado` lost its surname to the tagger's shorter `Henrique P`).
        let found = spans
        for var name in model.names(in: scan, retagging: { k in !found.contains { $0.start < t[k].end && t[k].start < $0.end } }) {
            // A name does not run over a bracket or a sentence's end (`Otley). GP` was one name): it ends before it.
            if let cut = (name.first...name.last).first(where: { k in
                t[k].isMark(in: "()[]{}") || t[k].isMark(".") && k > name.first && t[k - 1].kind == .word && t[k - 1].count > 1 && k + 1 <= name.last && t[k + 1].gap > 0
            }) {
                // (In lower case it is no name at all: "vitals stable. Next", "del beneficiario dei diritti. Non puoi".)
                guard t[name.first].isCapitalized || t[name.first].isAllCaps else { continue }
                name.last = cut - 1
                while name.last >= name.first, t[name.last].kind == .punct { name.last -= 1 }
                guard name.last >= name.first else { continue }
            }
            // A name does not end in a lower-case word no list holds after a capitalised one
            // ("Mareikura presented"), nor in a lower-case past tense ("heuser visited") or English
            // word ("çorlu against").
            while name.last > name.first, t[name.last].kind == .word, !t[name.last].isCapitalized, !t[name.last].isAllCaps,
                  !t[name.last].isFirstName, !t[name.last].isLastName,
                  t[name.first].isCapitalized || t[name.last].lower.hasSuffix("ed") || t[name.last].has(.english) {
                name.last -= 1
                while name.last > name.first, t[name.last].kind != .word { name.last -= 1 }
            }
            // A name read surname first whose "surname" is a sentence's opening word, no listed name
            // ("Sadly, Monday's meeting", "Also, Jordan's team"): the name, if any, is what follows the comma.
            if let comma = (name.first...name.last).first(where: { t[$0].isMark(",") }), comma < name.last,
               t[name.first..<comma].allSatisfy({ $0.kind != .word || ($0.isCommon || $0.lower.hasSuffix("ly")) && !$0.isListedName }) {
                name.first = comma + 1
                while name.first < name.last, t[name.first].kind != .word { name.first += 1 }
            }
            let words = t[name.first...name.last].filter { $0.kind == .word }
            // A role's or a thing's possessive first is no name ("Patient's BP", "Doctor's note").
            if let first = words.first, EntityRecognizer.isRolePossessive(first) { continue }
            // Titles alone are no name ("Herr Prof." before "Dr. Weber").
            guard !words.isEmpty, !words.allSatisfy(\.isCommon), !words.allSatisfy({ $0.has(.title) }) else { continue }
            // Letters joined to digits are a code (`DE89`, `S1234567`), not a name.
            if name.last + 1 < t.count, t[name.last + 1].kind == .number, t[name.last + 1].gap == 0 { continue }
            if name.first > 0, t[name.first - 1].kind == .number, t[name.first].gap == 0 { continue }
            // Words joined by underscores are an identifier (`invoice_numbers`, `order_status`).
            if name.last + 1 < t.count, t[name.last + 1].isMark("_"), t[name.last + 1].gap == 0 { continue }
            if name.first > 0, t[name.first - 1].isMark("_"), t[name.first].gap == 0 { continue }
            let listed = words.contains { $0.isFirstName || $0.isLastName }
            // Nor is a region of the world, or a name holding one that no list holds ("Europe, Asia").
            if WordLists.holdsWorldRegion(t, name.first, name.last) { continue }
            // Nor English words no list holds inside a separator's dashes or equals signs, as mail
            // writes them ("-----Original Message-----", "----- Forwarded Message -----").
            if !listed, words.allSatisfy({ $0.has(.english) }), name.first > 0, name.last + 1 < t.count,
               t[name.first - 1].isMark(in: "-=*~"), t[name.last + 1].isMark(in: "-=*~") { continue }
            // Nor a hospital's unit in capitals ("presented to ED", "moved to ICU"), though Ed is a first name.
            if words.count == 1, words[0].isAllCaps, WordLists.clinicalUnits.contains(words[0].lower) { continue }
            // Nor the words that name a number ("National Insurance number"), nor such a word alone
            // before its number ("Acct 00129934", "Member 4471992").
            if !listed, t[name.last].has(.recordCue), name.last + 1 < t.count, t[name.last + 1].gap == 1,
               RecordNumberRecognizer.fillers.contains(t[name.last + 1].lower)
                || words.count == 1 && (t[name.last + 1].kind == .number || t[name.last + 1].isMark("#")) { continue }
            // A job title is no name the lists do not know ("Sr. Software Engineer", "Senior Data Scientist").
            if !listed, words.contains(where: { Self.jobWords.contains($0.lower) }) { continue }
            // Nor is a language, a people, a degree, a card's brand, a saint's "St" or a day ("fluent
            // in Italian", "Ph.D.", "Visa ending 1881", "cover Thurs.").
            let nameAfter = name.last + 1 < t.count && t[name.last + 1].gap == 1 && (t[name.last + 1].isCapitalized || t[name.last + 1].isAllCaps)
            if !listed, words.allSatisfy({
                WordLists.namedThings.contains($0.lower) || ($0.has([.weekday, .month]) || $0.possessiveStem.map { Lexicon.shared.lookup($0).contains(.weekday) } == true) && !nameAfter
            }) { continue }
            // Nor an English word opening a sentence before a job's word in lower case ("Loan officer Oginni").
            if words.count == 1, words[0].has(.english), name.first == 0 || t[name.first].gap == 2 || t[name.first - 1].isMark(in: ".!?:"),
               name.last + 1 < t.count, t[name.last + 1].gap == 1, t[name.last + 1].kind == .word, !t[name.last + 1].isCapitalized, !t[name.last + 1].isAllCaps,
               Self.jobWords.contains(t[name.last + 1].lower) || EntityRecognizer.roleWords.contains(t[name.last + 1].lower) { continue }
            // Nor an article before a degree, opening a sentence ("A Ph.D. in marketing", "An MBA from").
            if words.count == 2, words[0].has(.article), WordLists.degrees.contains(words[1].lower), words[1].isAllCaps || words[1].lower == "ph" { continue }
            // A letter alone is no one's name the lists do not know (`curl -H "Accept: …"`; an Irish
            // surname's `Ó` is a particle), nor are
            // capitalised English words of no list ("Accounts Payable", "Quality Assurance": a department).
            if !listed, words.count == 1, words[0].count == 1, !words[0].has(.particle), !WordLists.gaelicParticles.contains(words[0].lower) { continue }
            if !listed, words.count >= 2, words.allSatisfy({
                ($0.isCapitalized || $0.isAllCaps) && ($0.has(.english) || WordLists.moreEnglish.contains($0.lower) || NameRecognizer.departments.contains($0.lower))
            }) { continue }
            // A word in lower case after an article is a thing ("a scratch on the van").
            if words.count == 1, !words[0].isCapitalized, !words[0].isAllCaps, name.first > 0, scan.previousWord(name.first)?.has(.article) == true { continue }
            // (A surname's particles in lower case inside a capitalised name: "Jan-Willem de Vries".)
            let capitalised = words.first.map { $0.isCapitalized || $0.isAllCaps } == true
                && words.allSatisfy { $0.isCapitalized || $0.isAllCaps || $0.has(.particle) }
                && words.last.map { $0.isCapitalized || $0.isAllCaps } == true
            // In lower case, a common word is no part of a name ("within an hour"), nor a letter
            // alone but a particle before a capitalised word or an Irish one before a word no English
            // one ("Melissa 's Gravensande", "desmond ó croidheáin", not "y/o male"), and a name is
            // not all English words ("ring bell twice").
            if !capitalised {
                if words.contains(where: { !$0.isCapitalized && !$0.isAllCaps && $0.isCommon }) { continue }
                if words.indices.contains(where: { k in
                    words[k].count == 1 && !words[k].isCapitalized && !words[k].isAllCaps
                        && !(k + 1 < words.count && (words[k + 1].isCapitalized && !words[k + 1].isAllCaps || WordLists.gaelicParticles.contains(words[k].lower) && !words[k + 1].has(.english)))
                        && !(k == words.count - 1 && name.last > name.first && t[name.last - 1].isMark(".") && t[name.last].gap == 0)  // a handle's initial: "@maria.g"
                }) { continue }
                if words.allSatisfy({ $0.has(.english) || WordLists.moreEnglish.contains($0.lower) }) { continue }
            }
            let opensSentence = PersonModel.opensSentence(at: name.first, t)
            // One word opening a sentence before "me", "us" or "them" is a verb ("Ping me when done").
            if words.count == 1, opensSentence, name.last + 1 < t.count, WordLists.objectPronouns.contains(t[name.last + 1].lower) { continue }
            // So is a word opening one before a mention ("Ping @sarah.k", "Thanks @jsmith").
            if words.count == 1, opensSentence, name.last + 2 < t.count, t[name.last + 1].isMark("@"), t[name.last + 1].gap == 1,
               t[name.last + 2].gap == 0, t[name.last + 2].kind == .word { continue }
            var score = name.score
            if !capitalised && !listed {
                // Lower case and no listed name: two words or more, none a common word, that the
                // model is sure of ("sachi sangha"); below a finding of any other kind.
                guard words.count >= 2, !words.contains(where: \.isCommon), !words.contains(where: { $0.count == 1 && !$0.has(.particle) && !WordLists.gaelicParticles.contains($0.lower) }), score >= Self.sureLowercase else { continue }
                // Nor another language's small words or days, nor a particle last: a short note in
                // Spanish ("nacido el 25/03/1961", "fallecido el lunes") is no name.
                guard !words.contains(where: { !$0.has(.particle) && (EntityRecognizer.otherLanguageWords.contains($0.lower) || Self.otherWeekdays.contains($0.lower)) }),
                      words.last.map({ !$0.has(.particle) }) == true else { continue }
                score = min(score, 0.52)
            }
            if !listed {
                score = min(score, 0.54)
                if words.count == 1 && opensSentence { score = min(score, 0.45) }
            }
            spans.append(EntitySpan(kind: .person, start: t[name.first].start, end: t[name.last].end, score: score, recognizer: "person.model"))
        }
    }
}
