/// Street addresses (house number, street, suffix, unit, then city, state, postcode and country on
/// the same line or the next ones) and locations (GeoNames cities, countries, US states).
struct PlaceRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.streetAddress, .location]
    static let cities = Dictionaries.shared.worldCities
    static let countries = Dictionaries.shared.countries.filter { $0.count > 3 }

    /// A US state or territory code as written: two capitals (`CA`, not `Ca`).
    static func isStateCode(_ token: TextScan.Token) -> Bool { token.isAllCaps && token.has(.stateCode) }

    /// A place that no gazetteer lists, by its shape: "Port Anthony", "Lake Zachary", "Tammyside".
    func shapedPlace(at k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k < t.count, t[k].kind == .word, t[k].isCapitalized else { return nil }
        if t[k].has(.placePrefix), k + 1 < t.count, t[k + 1].gap == 1, t[k + 1].isCapitalized, t[k + 1].kind == .word,
           !t[k + 1].isCommon || t[k + 1].isFirstName { return k + 1 }
        if t[k].count > 6, !t[k].isLastName, !t[k].isCommon, WordLists.placeEndings.contains(where: { t[k].lower.hasSuffix($0) }) { return k }
        return nil
    }

    /// A place name of one to three words starting at `k`: the index of its last word, or nil.
    func place(at k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k < t.count, t[k].kind == .word, t[k].isCapitalized || t[k].isAllCaps, t[k].has(.placeStart) else { return nil }
        // One word: its lexicon flag; more: the words joined, looked up in the lists.
        var best: Int? = t[k].has(.place) ? k : nil
        var name = t[k].lower
        var j = k + 1
        while j < t.count, j - k < 4 {
            guard t[j].kind == .word, t[j].gap == 1, t[j].isCapitalized || t[j].isAllCaps || t[j].has(.placeJoiner) else { break }
            name += " " + t[j].lower
            if Self.cities.contains(name) || Self.countries.contains(name) || WordLists.usStates[name] != nil { best = j }
            j += 1
        }
        return best
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        var covered = -1
        var i = 0
        while i < t.count {
            // P.O. Box 123
            if t[i].lower == "po" || (t[i].lower == "p" && i + 3 < t.count && t[i + 1].isMark(".") && t[i + 2].lower == "o") {
                var k = t[i].lower == "po" ? i + 1 : i + 3
                if k < t.count, t[k].isMark(".") { k += 1 }
                if k + 1 < t.count, t[k].lower == "box", t[k + 1].kind == .number {
                    let end = extend(from: k + 1, t)
                    spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.85, recognizer: "address.po-box"))
                    covered = end
                    i = end + 1
                    continue
                }
            }
            // House number (12, 12B, 12-14), up to five words, a street suffix.
            if t[i].kind == .number, t[i].count <= 6, i == 0 || t[i].gap > 0 || t[i - 1].kind == .punct && !t[i - 1].isMark(".") {
                var k = i + 1
                if k < t.count, t[k].kind == .word, t[k].count == 1, t[k].gap == 0 { k += 1 }
                if k + 1 < t.count, t[k].isMark("-"), t[k + 1].kind == .number, t[k].gap == 0 { k += 2 }
                var suffix: Int?
                var j = k
                var words = 0
                while j < t.count, words < 6 {
                    guard t[j].gap == 1, t[j].kind == .word || t[j].kind == .number && (t[j].count <= 3) else { break }
                    words += 1
                    if words >= 2 || (words == 1 && t[j].kind == .number), t[j].has(.streetSuffix), t[j].isCapitalized || t[j].isAllCaps || words > 1 {
                        suffix = j
                        if j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].has(.direction) { suffix = j + 1 }
                        if !(j + 1 < t.count && t[j + 1].gap == 1 && t[j + 1].has(.streetSuffix)) { break }
                    }
                    j += 1
                }
                if let s = suffix, s > i + 1 || t[i + 1].kind == .word {
                    var end = s
                    if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0 { end += 1 }
                    end = extend(from: end, t)
                    let score = end > s + 1 ? 0.95 : 0.85
                    spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: score, recognizer: "address.street"))
                    covered = end
                    i = end + 1
                    continue
                }
            }
            // Locations: a listed place name, capitalised, not inside an address.
            if i > covered, let e = place(at: i, t) ?? shapedPlace(at: i, t) {
                let single = e == i
                // One word that is also a name or a month is a place only after "in", "from", …
                let common = t[i].isCommon || t[i].has(.month)
                    || single && (t[i].isFirstNameAccented || t[i].isLastNameAccented)
                let cue = i > 0 && scan.previousWord(i)?.has(.placeCue) == true
                if !common || cue {
                    spans.append(EntitySpan(kind: .location, start: t[i].start, end: t[e].end, score: cue ? 0.8 : (single ? 0.6 : 0.7), recognizer: "location"))
                }
                i = e + 1
                continue
            }
            i += 1
        }
    }

    /// Extends an address past its street: a unit, then ", City, ST 12345", "City ST", a postcode,
    /// a country — on the same line or the next ones.
    func extend(from end: Int, _ t: [TextScan.Token]) -> Int {
        var end = end
        func next(_ k: Int) -> Int { k < t.count && t[k].isMark(",") ? k + 1 : k }
        // Unit: "Apt 4B", "Suite 200", "#12"
        var k = next(end + 1)
        if k < t.count, t[k].has(.unitWord) || t[k].isMark("#") {
            var u = k + 1
            if u < t.count, t[u].isMark("."), t[u].gap == 0 { u += 1 }
            if u < t.count, t[u].kind != .punct || t[u].isMark("#") {
                if t[u].isMark("#") { u += 1 }
                if u < t.count, t[u].kind != .punct {
                    end = u
                    while end + 1 < t.count, t[end + 1].gap == 0, t[end + 1].kind != .punct { end += 1 }
                }
            }
        }
        // City (a listed place or capitalised words), then state and postcode, then country.
        k = next(end + 1)
        guard k < t.count, t[k].kind == .word, t[k].isCapitalized || t[k].isAllCaps else { return postcode(after: end, t) }
        var cityEnd = place(at: k, t) ?? shapedPlace(at: k, t)
        if cityEnd == nil {
            var j = k
            while j + 1 < t.count, j - k < 2, t[j + 1].gap == 1, t[j + 1].isCapitalized, !Self.isStateCode(t[j + 1]) { j += 1 }
            // An unlisted city counts only when a state or postcode follows.
            let s = next(j + 1)
            if s < t.count, Self.isStateCode(t[s]) || t[s].kind == .number && t[s].count == 5 { cityEnd = j }
        }
        guard let city = cityEnd else { return postcode(after: end, t) }
        end = city
        k = next(end + 1)
        if k < t.count, Self.isStateCode(t[k]) { end = k } else if let state = place(at: k, t), WordLists.usStates[t[k...state].map(\.lower).joined(separator: " ")] != nil { end = state }
        end = postcode(after: end, t)
        k = next(end + 1)
        if k < t.count, ["usa", "us", "uk", "u.s.a"].contains(t[k].lower) { end = k }
        else if k < t.count, let country = place(at: k, t), Self.countries.contains(t[k...country].map(\.lower).joined(separator: " ")) { end = country }
        return end
    }

    /// A postcode right after `end`: `94103`, `94103-1234`, `SW1A 1AA`.
    func postcode(after end: Int, _ t: [TextScan.Token]) -> Int {
        var k = end + 1
        if k < t.count, t[k].isMark(",") { k += 1 }
        guard k < t.count else { return end }
        if t[k].kind == .number, t[k].count == 5 {
            if k + 2 < t.count, t[k + 1].isMark("-"), t[k + 2].kind == .number, t[k + 2].count == 4, t[k + 1].gap == 0 { return k + 2 }
            return k
        }
        return end
    }
}
