/// Street addresses (house number, street, suffix, unit, then city, state, postcode and country on
/// the same line or the next ones) and locations (GeoNames cities, countries, US states).
struct PlaceRecognizer: Recognizer {
    /// Street suffixes written as abbreviations, whose full stop is part of the address.
    static let abbreviations: Set<String> = ["av", "ave", "blvd", "cir", "ct", "dr", "hwy", "ln", "pkwy", "pl", "rd", "rte", "sq", "st", "ter", "trl", "pk", "str", "cres", "pde", "tce", "hts", "ext", "expy", "fwy", "crt", "gdns", "mt", "pt"]

    /// The words of US military mail: its post offices, their regions, boxes, ships.
    static let militaryOffices: Set<String> = ["apo", "dpo", "fpo"]
    static let militaryRegions: Set<String> = ["aa", "ae", "ap"]
    static let militaryBoxes: Set<String> = ["psc", "cmr", "unit"]
    static let ships: Set<String> = ["usns", "usnv", "uss", "uscgc"]

    /// The last token of a US military address from `i`: a post office's box (`PSC 8792, Box 2432`,
    /// `CMR 450 Box 12`, `Unit 5069 Box 9205`) or a ship (`USNS Ray`, `USS Cole`), then perhaps
    /// `APO|DPO|FPO AA|AE|AP` and five digits; or that last line alone.
    static func militaryAddress(at i: Int, _ t: [TextScan.Token]) -> Int? {
        // (Every token passes here: words of three to five capitals, or `Unit`, only.)
        guard i + 1 < t.count, t[i].kind == .word, (3...5).contains(t[i].count), t[i].isAllCaps || t[i].isCapitalized && t[i].count == 4 else { return nil }
        func word(_ k: Int, _ words: Set<String>) -> Bool { k < t.count && t[k].kind == .word && t[k].isAllCaps && words.contains(t[k].lower) }
        func number(_ k: Int, _ digits: ClosedRange<Int>) -> Bool { k < t.count && t[k].kind == .number && digits.contains(t[k].count) && t[k].gap == 1 }
        /// `APO AE 45017` from `k`: its last token.
        func office(_ k: Int) -> Int? {
            guard word(k, militaryOffices), word(k + 1, militaryRegions), t[k + 1].gap == 1, number(k + 2, 5...5) else { return nil }
            return k + 2
        }
        if let end = office(i) { return end }
        var end: Int?
        if word(i, militaryBoxes) || t[i].lower == "unit", number(i + 1, 1...5) {
            var k = i + 2
            if k < t.count, t[k].isMark(","), t[k].gap == 0 { k += 1 }
            if k < t.count, t[k].kind == .word, t[k].lower == "box", t[k].gap == 1, number(k + 1, 1...5) { end = k + 1 }
        } else if word(i, ships), i + 1 < t.count, t[i + 1].gap == 1, t[i + 1].kind == .word, t[i + 1].isCapitalized {
            var k = i + 1
            while k + 1 < t.count, k - i < 3, t[k + 1].gap == 1, t[k + 1].kind == .word, t[k + 1].isCapitalized, !word(k + 1, militaryOffices) { k += 1 }
            // A ship alone is no address: its office must follow.
            var o = k + 1
            if o < t.count, t[o].isMark(","), t[o].gap == 0 { o += 1 }
            return office(o)
        }
        guard let box = end else { return nil }
        var o = box + 1
        if o < t.count, t[o].isMark(","), t[o].gap == 0 { o += 1 }
        return office(o) ?? box
    }

    /// The last token of a postcode of four or six digits right after a town, ending the line or
    /// the sentence: New Zealand's (`Tahingauru 2474`), India's (`Allahabad 339075`,
    /// `Srikakulam-174218`).
    static func townPostcode(after town: Int, _ t: [TextScan.Token]) -> Int? {
        var k = town + 1
        if k + 1 < t.count, t[k].isMark("-"), t[k].gap == 0, t[k + 1].gap == 0, t[k + 1].kind == .number, t[k + 1].count == 6 { k += 1 }
        else if k < t.count, t[k].gap == 1 {} else { return nil }
        guard k < t.count, t[k].kind == .number, [4, 6].contains(t[k].count) else { return nil }
        // (Then the line's or the sentence's end, or a word in lower case: `Tahingauru 2474 today`.)
        guard k + 1 == t.count || t[k + 1].gap == 2 || t[k + 1].kind == .punct && !t[k + 1].isMark(in: "-/:.") || t[k + 1].isMark(".") && (k + 2 == t.count || t[k + 2].gap >= 1)
                || t[k + 1].kind == .word && t[k + 1].gap == 1 && !t[k + 1].isCapitalized && !t[k + 1].isAllCaps else { return nil }
        return k
    }

    /// Whether `k` is a region's code in capitals (two to four letters: Mexico's `GTO`, `CDMX`)
    /// before a postcode of five digits, after a town: `Vieja Mónaco, GTO 81003`.
    static func regionCode(at k: Int, _ t: [TextScan.Token]) -> Bool {
        k + 1 < t.count && t[k].kind == .word && t[k].isAllCaps && (2...4).contains(t[k].count) && t[k + 1].kind == .number && t[k + 1].count == 5 && t[k + 1].gap == 1
    }

    /// Australia's states and territories as addresses write them before the postcode.
    static let australianStates: Set<String> = ["nsw", "vic", "qld", "sa", "wa", "tas", "nt", "act"]

    /// The index of the four-digit postcode after Australia's state at `k` (`Sydney NSW 2000`,
    /// `East Tony, VIC, 2609`: the state and postcode stayed after the street).
    static func australianPostcode(state k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k < t.count, t[k].kind == .word, t[k].isAllCaps, australianStates.contains(t[k].lower) else { return nil }
        var p = k + 1
        if p < t.count, t[p].isMark(","), t[p].gap == 0 { p += 1 }
        // (Not four digits of a longer number; a number opening the next line is no part of it.)
        guard p < t.count, t[p].kind == .number, t[p].count == 4, t[p].gap == 1, p + 1 == t.count || t[p + 1].kind != .number || t[p + 1].gap == 2 else { return nil }
        return p
    }

    /// The last token of an Indian address after its house number at `number`, its locality from
    /// `k`: one to three capitalised words on the number's line or the next, then after a comma or a
    /// line break its town (one to four words, `Sangli-Miraj & Kupwad`) and the six digits of its
    /// PIN, ending the line or the sentence. The house number opens its line or follows a colon, a
    /// full stop, a comma or a word for where; the town's words are no common words (not `Total 450000`).
    static func indianBlock(number i: Int, from k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k < t.count, t[k].gap >= 1, t[k].kind == .word, t[k].isCapitalized, !t[k].isAllCaps,
              i == 0 || t[i].gap == 2 || t[i - 1].isMark(":") || t[i - 1].isMark(".") || t[i - 1].isMark(",") || t[i - 1].kind == .word && t[i - 1].has(.placeCue) else { return nil }
        var e = k
        while e + 1 < t.count, e - k < 2, t[e + 1].gap == 1, t[e + 1].kind == .word, t[e + 1].isCapitalized, !t[e + 1].isAllCaps { e += 1 }
        // Then a comma or a line break, and the town.
        var town = e + 1
        if town < t.count, t[town].isMark(","), t[town].gap == 0 { town += 1 } else if !(town < t.count && t[town].gap == 2) { return nil }
        guard town < t.count, t[town].gap >= 1 else { return nil }
        var last = town
        var words = 0
        while last < t.count, words < 4, t[last].kind == .word, t[last].isCapitalized, !t[last].isCommon {
            words += 1
            // (Joined by a hyphen or `&`: `Sangli-Miraj & Kupwad`.)
            if last + 2 < t.count, t[last + 1].isMark("-") || t[last + 1].isMark("&"), t[last + 2].kind == .word, t[last + 2].isCapitalized, !t[last + 2].isCommon {
                last += 2
                continue
            }
            guard last + 1 < t.count, t[last + 1].gap == 1, t[last + 1].kind == .word else { break }
            last += 1
        }
        guard words > 0, t[last].kind == .word, let pin = townPostcode(after: last, t), t[pin].count == 6 else { return nil }
        return pin
    }

    /// Words of a part of a building before its number or letter (`Block C`, `Tower 2`), besides the units'.
    static let buildingParts: Set<String> = ["block", "tower", "wing", "plot"]

    /// The last token of an address opened by a floor or a part of a building at `i` (`4th Floor`,
    /// `Flat 12B`, `Block C`), then one to six parts after commas, each of capitalised words, a letter or a
    /// short number (`Sunrise Towers`, `Sector 21`), the last a town with its postcode of four or six digits
    /// (`Mumbai 400069`): as India writes an address without a house number. Nothing without that postcode.
    static func buildingAddress(at i: Int, _ t: [TextScan.Token]) -> Int? {
        guard i + 3 < t.count else { return nil }
        var k: Int
        if t[i].kind == .number, t[i].count <= 2, t[i + 1].gap == 0, t[i + 1].kind == .word, ordinals.contains(t[i + 1].lower),
           t[i + 2].gap == 1, t[i + 2].kind == .word, t[i + 2].lower == "floor" {
            k = i + 2
        } else if t[i].kind == .word, t[i].isCapitalized, t[i].has(.unitWord) || buildingParts.contains(t[i].lower), t[i + 1].gap == 1,
                  t[i + 1].kind == .number && t[i + 1].count <= 4 || t[i + 1].kind == .word && t[i + 1].count == 1 && t[i + 1].isCapitalized {
            k = i + 1
            while k + 1 < t.count, t[k + 1].gap == 0, t[k + 1].kind != .punct { k += 1 }
        } else {
            return nil
        }
        for _ in 0..<6 {
            guard k + 2 < t.count, t[k + 1].isMark(","), t[k + 1].gap == 0, t[k + 2].gap == 1, t[k + 2].kind == .word, t[k + 2].isCapitalized || t[k + 2].isAllCaps else { return nil }
            var e = k + 2
            while e + 1 < t.count, t[e + 1].gap == 1, e - k < 6 {
                let n = t[e + 1]
                if n.kind == .number, let code = townPostcode(after: e, t), t[e].kind == .word { return code }
                guard n.kind == .word && (n.isCapitalized || n.isAllCaps) || n.kind == .number && n.count <= 4 else { break }
                e += 1
            }
            k = e
        }
        return nil
    }

    /// Words in lower case that join a sentence, never a street's name before its suffix (`2024 by Dr. Patel`).
    static let sentenceWords: Set<String> = ["by", "to", "at", "in", "on", "for", "from", "with", "per", "via", "and", "or", "the", "a", "an", "is", "was", "of"]

    /// The last token of a US rural route's box from `i` (`RR 2 Box 152`, `Rural Route 3 Box 17A`,
    /// `HC 68 Box 2`): the route and its number, then `Box` and the box's number (a letter may follow).
    static func ruralRouteBox(at i: Int, _ t: [TextScan.Token]) -> Int? {
        guard i + 3 < t.count, t[i].kind == .word, t[i].lower == "rr" || t[i].lower == "hc" || t[i].lower == "rural" else { return nil }
        var k = i + 1
        if t[i].lower == "rural" {
            guard t[k].lower == "route", t[k].gap == 1 else { return nil }
            k += 1
        } else {
            guard t[i].isAllCaps else { return nil }
        }
        guard k + 2 < t.count, t[k].kind == .number, t[k].count <= 3, t[k].gap == 1 else { return nil }
        k += 1
        if t[k].isMark(","), t[k].gap == 0 { k += 1 }
        guard k + 1 < t.count, t[k].kind == .word, t[k].lower == "box", t[k + 1].kind == .number, t[k + 1].gap == 1, t[k + 1].count <= 5 else { return nil }
        var end = k + 1
        if end + 1 < t.count, t[end + 1].gap == 0, t[end + 1].kind == .word, t[end + 1].count == 1 { end += 1 }
        return end
    }

    /// Canada's provinces and territories as addresses write them before the postcode.
    static let canadianProvinces: Set<String> = ["ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt"]

    /// US state codes that are English words too, in capitals (`in Boston, OK?`): a state only before its ZIP code.
    static let wordStates: Set<String> = ["ok", "in", "or", "me", "hi", "oh"]

    /// The last token of what follows a town written without its street: a state or province and
    /// its postcode (`Springfield, IL 62704`, `Darwin NT 0800`, `Toronto, ON M5V 2A1`, `Vieja Palau,
    /// HGO 66166`), or a US state's code alone after a comma (`Denver, CO`). (The state and the
    /// postcode stayed; `Denver, CO` was read as a firm.)
    static func regionTail(after town: Int, _ t: [TextScan.Token]) -> Int? {
        var k = town + 1
        let comma = k < t.count && t[k].isMark(",") && t[k].gap == 0
        if comma { k += 1 }
        // A UK postcode straight after the town (`Reading RG1 4AB`, `London SW1A 1AA`: it stayed).
        if k < t.count, t[k].gap == 1, let code = britishOrCanadianPostcode(at: k, t) { return code }
        // Ireland's Eircode straight after the town (`Cork T12 X8Y2`: it stayed).
        if k < t.count, t[k].gap == 1, let code = eircode(at: k, t) { return code }
        // A US state's name after a comma, ending the clause (`Portland, Oregon`, `Albany, New York`):
        // one place, whose fake is a town with its own state (the two got unrelated fakes).
        if comma, k < t.count, t[k].gap == 1, t[k].kind == .word, t[k].isCapitalized, !t[k].isAllCaps {
            for end in [k + 1, k] where end < t.count && (end == k || t[end].gap == 1 && t[end].kind == .word && t[end].isCapitalized)
                && WordLists.usStates[t[k...end].map(\.lower).joined(separator: " ")] != nil {
                let after = end + 1
                if after == t.count || t[after].gap == 2 || t[after].kind == .punct || t[after].kind == .word && !t[after].isCapitalized && !t[after].isAllCaps {
                    return end
                }
            }
        }
        guard k < t.count, t[k].gap == 1, t[k].kind == .word, t[k].isAllCaps, t[k].isASCII, (2...4).contains(t[k].count) else { return nil }
        if let code = australianPostcode(state: k, t) { return code }
        if canadianProvinces.contains(t[k].lower), k + 1 < t.count, t[k + 1].gap == 1, let code = britishOrCanadianPostcode(at: k + 1, t) { return code }
        if isStateCode(t[k]) || comma && regionCode(at: k, t), k + 1 < t.count, t[k + 1].gap == 1, t[k + 1].kind == .number, t[k + 1].count == 5 {
            let zip = k + 1
            if zip + 2 < t.count, t[zip + 1].isMark("-"), t[zip + 1].gap == 0, t[zip + 2].gap == 0, t[zip + 2].kind == .number, t[zip + 2].count == 4 { return zip + 2 }
            return zip + 1 < t.count && t[zip + 1].gap == 0 && t[zip + 1].kind != .punct ? nil : zip
        }
        // A state's code alone, after a comma, ending the clause.
        if comma, isStateCode(t[k]), !wordStates.contains(t[k].lower), k + 1 == t.count || t[k + 1].gap == 2 || t[k + 1].kind == .punct || t[k + 1].kind == .word && !t[k + 1].isCapitalized && !t[k + 1].isAllCaps {
            return k
        }
        return nil
    }

    /// The endings of a numbered street's name (`5th`, `1st`, `42nd`, `3rd`).
    static let ordinals: Set<String> = ["st", "nd", "rd", "th"]

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

    /// A place name starting at `k`, capitalised (`anyCase`: as people type it after a street,
    /// "42 wallaby way, sydney"): the index of its last word, or nil.
    func place(at k: Int, _ t: [TextScan.Token], anyCase: Bool = false) -> Int? {
        guard k < t.count, t[k].kind == .word, anyCase || t[k].isCapitalized || t[k].isAllCaps, t[k].has(.placeStart) else { return nil }
        // One word: its lexicon flag; more: the words joined, looked up in the lists.
        var best: Int? = t[k].has(.place) ? k : nil
        var name = t[k].lower
        var j = k + 1
        // Up to seven words: "South Georgia and the South Sandwich Islands".
        while j < t.count, j - k < 7 {
            // An abbreviation's full stop inside the name ("St. Louis", "Ft. Worth", "Mt. Vernon").
            if t[j].isMark("."), t[j].gap == 0, ["st", "ft", "mt"].contains(t[j - 1].lower), j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].kind == .word {
                name += "."
                j += 1
                continue
            }
            guard t[j].kind == .word, t[j].gap == 1, anyCase || t[j].isCapitalized || t[j].isAllCaps || t[j].has(.placeJoiner) else { break }
            name += " " + t[j].lower
            if Self.cities.contains(name) || Self.countries.contains(name) || WordLists.usStates[name] != nil || WordLists.worldRegions.contains(name) { best = j }
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
            // A US rural route's or highway contract's box: `RR 2 Box 152`, `Rural Route 3 Box 17A`, `HC 68 Box 2`.
            if let box = Self.ruralRouteBox(at: i, t) {
                let end = extend(from: box, t)
                spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.85, recognizer: "address.rural-route"))
                covered = end
                i = end + 1
                continue
            }
            // US military mail: `PSC 8792, Box 2432`, `Unit 5069 Box 9205`, `USNS Ray`, then
            // `APO AE 45017` (or DPO, FPO) on the same line or the next (they stayed).
            if let end = Self.militaryAddress(at: i, t) {
                spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.9, recognizer: "address.military"))
                covered = end
                i = end + 1
                continue
            }
            // Streets as Europe and Latin America write them: "Obere Str. 57", "Taucherstraße 10",
            // "12, rue des Bouchers", "Via Monte Bianco 34", "Avda. de la Constitución 2222".
            // (Above a person's name inside it: "Via Giuseppe Verdi 12" is a street.)
            if var end = InternationalStreet.end(at: i, scan) {
                // An abbreviation's full stop ("Main St.").
                if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0, t[end].kind == .word, t[end].count <= 4 { end += 1 }
                // A unit, a city, state and postcode as the US writes them, or a postcode before the
                // city as Europe does ("10115 Berlin"): whichever reaches further.
                var last = max(extend(from: end, t), InternationalStreet.city(after: end, t) ?? end)
                // A unit and a postcode taken, then the town after a comma (`38 Piano 4, 33043, Purgessimo (UD)`).
                if last > end, t[last].kind == .number, let town = InternationalStreet.city(after: last, t) { last = town }
                // A street of no house number, then a comma, a postcode and its town (`Rue Benoit, 26153
                // Malletnec`: the postcode was read as the house number, and the town stayed).
                if last == end, t[end].kind == .number, t[end].count >= 4, end >= 1, t[end - 1].isMark(",") {
                    var town = end
                    while town + 1 < t.count, town - end < 3, t[town + 1].kind == .word, t[town + 1].gap == 1, t[town + 1].isCapitalized, !t[town + 1].isCommon { town += 1 }
                    last = town
                }
                let first = Self.unitBefore(i, t) ?? i
                spans.append(EntitySpan(kind: .streetAddress, start: t[first].start, end: t[last].end, score: 0.92, recognizer: "address.international"))
                covered = last
                i = last + 1
                continue
            }
            // A floor or a flat, a building and its area, to the town and its PIN, without a house
            // number: "4th Floor, Block C, Sunrise Towers, Andheri East, Mumbai 400069".
            if let end = Self.buildingAddress(at: i, t) {
                spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.9, recognizer: "address.building"))
                covered = end
                i = end + 1
                continue
            }
            // A flat on a street with no house number, as Britain writes it: "Flat 39, Sharp Drive".
            if t[i].has(.unitWord), t[i].isCapitalized, let s = Self.unitStreet(at: i, t) {
                let end = extend(from: s, t)
                spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.92, recognizer: "address.street"))
                covered = end
                i = end + 1
                continue
            }
            // House number (12, 12B, 12-14), up to five words, a street suffix. (Not a date's last part:
            // `03/02/2024 by Dr. Patel`, `2024-03-02`.)
            if t[i].kind == .number, t[i].count <= 6, i == 0 || t[i].gap > 0 || t[i - 1].kind == .punct && !t[i - 1].isMark(".")
                && !(t[i - 1].isMark(in: "/-") && i >= 2 && t[i - 2].kind == .number && t[i - 1].gap == 0) {
                var k = i + 1
                if k < t.count, t[k].kind == .word, t[k].count == 1, t[k].gap == 0 { k += 1 }
                let flat = k + 1 < t.count && t[k].isMark("/") && t[k + 1].kind == .number && t[k].gap == 0 && t[k + 1].gap == 0
                if k + 1 < t.count, t[k].isMark("-") || t[k].isMark("/"), t[k + 1].kind == .number, t[k].gap == 0 { k += 2 }
                // India's house number before a comma: `97/15, Sachdev Nagar`.
                let comma = k + 1 < t.count && t[k].isMark(",") && t[k].gap == 0 && t[k + 1].kind == .word && t[k + 1].isCapitalized
                if comma { k += 1 }
                // A house number ending its line, the street's name on the next (India's `23/232⏎Bobal Street`).
                let below = !comma && k < t.count && t[k].gap == 2
                var suffix: Int?
                var j = k
                var words = 0
                while j < t.count, words < 6 {
                    guard t[j].gap == 1 || below && j == k, t[j].kind == .word || t[j].kind == .number && (t[j].count <= 3),
                          // (No street is named by a word in lower case that joins a sentence: `2024 by Dr. Patel`, `12/2024 to St. Louis`.)
                          !(t[j].kind == .word && !t[j].isCapitalized && !t[j].isAllCaps && Self.sentenceWords.contains(t[j].lower)) else { break }
                    // A number that begins a street written kind first after it (`… le 06 12 34 56 78 et
                    // j'habite 12 rue de la Paix`): the street is that number's (this one's took the phone).
                    if j > k, t[j].kind == .number, InternationalStreet.numberFirst(at: j, t) != nil { break }
                    // A numbered street (`5th`, `42nd`: no suffix itself) and a direction abbreviated
                    // with its full stop (`500 S. Main Street`, `1200 N. Lake Shore Dr.`): one word each.
                    if t[j].kind == .number, j + 1 < t.count, t[j + 1].gap == 0, t[j + 1].kind == .word, Self.ordinals.contains(t[j + 1].lower) {
                        words += 1
                        j += 2
                        continue
                    }
                    if t[j].kind == .word, t[j].count <= 2, t[j].isCapitalized, t[j].count == 1 || t[j].isAllCaps, t[j].has(.direction), j + 2 < t.count, t[j + 1].isMark("."), t[j + 1].gap == 0, t[j + 2].gap == 1 {
                        words += 1
                        j += 2
                        continue
                    }
                    words += 1
                    if words >= 2 || (words == 1 && t[j].kind == .number), t[j].has(.streetSuffix), t[j].isCapitalized || t[j].isAllCaps || words > 1,
                       !(t[j - 1].kind == .word && WordLists.australianStreetSuffixes.contains(t[j].lower) && Self.weakStreetName(before: j, t, number: i)) {
                        suffix = j
                        if j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].has(.direction) { suffix = j + 1 }
                        if !(j + 1 < t.count && t[j + 1].gap == 1 && t[j + 1].has(.streetSuffix)) { break }
                    }
                    j += 1
                }
                if let s = suffix, s > i + 1 || t[i + 1].kind == .word {
                    var end = s
                    // An abbreviation's full stop ("Main St."), not a sentence's after a word ("Brian Park.").
                    if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0, t[end].kind == .word, Self.abbreviations.contains(t[end].lower) { end += 1 }
                    end = extend(from: end, t)
                    // (A number ending its line is the street's below only where the address runs on to
                    // its postcode: not "We sold 62⏎Main Street stores".)
                    if !below || end > s && t[end].kind == .number && t[end].count >= 4 {
                        // Above a person's full name inside it (0.9): "4185 Brian Park" is a street, and
                        // read as a name it left its house number.
                        let score = end > s + 1 ? 0.95 : 0.91
                        let first = Self.unitBefore(i, t) ?? i
                        spans.append(EntitySpan(kind: .streetAddress, start: t[first].start, end: t[end].end, score: score, recognizer: "address.street"))
                        covered = end
                        i = end + 1
                        continue
                    }
                }
                // India's house number, a locality with no word for street and a town with its PIN, over
                // one to three lines (`458, Deep⏎Mirzapur 758929`, `317⏎Sunder⏎Jhansi 429382`).
                if let end = Self.indianBlock(number: i, from: k, t) {
                    spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.85, recognizer: "address.street"))
                    covered = end
                    i = end + 1
                    continue
                }
                // India's street of a surname alone, its house number and a comma before it, where an
                // address is expected: its city after it ("by post to 029, Murthy, Jehanabad",
                // "Delivery to Luann Gentry, 41/856, Kaur, Uluberia"), a flat's number in the house
                // number ("at 93/428, Mahajan instead"), or on a line of its own after a label's
                // colon ("New billing address:⏎347, Dyal⏎Davanagere"). (Not "at 10, Johnson will".)
                if comma, k < t.count, t[k].isCapitalized, !t[k].isAllCaps, !t[k].isCommon, !t[k].has(.english) || t[k].isLastNameAccented, i > 0 {
                    let cue = t[i - 1].isMark(",") || t[i - 1].kind == .word && t[i - 1].has(.placeCue)
                    let lineEnds = k + 1 == t.count || t[k + 1].gap == 2
                    let city = k + 1 < t.count && t[k + 1].isMark(",") && t[k + 1].gap == 0 ? InternationalStreet.city(after: k, t) : nil
                    let end = cue ? city ?? (flat ? k : nil) : (t[i].gap == 2 && t[i - 1].isMark(":") && lineEnds ? k : nil)
                    if let end {
                        spans.append(EntitySpan(kind: .streetAddress, start: t[i].start, end: t[end].end, score: 0.8, recognizer: "address.street"))
                        covered = end
                        i = end + 1
                        continue
                    }
                }
            }
            // In lower case, as a chat writes it, after "in", "from", "to", … in an English sentence:
            // a listed place of several words ("in new york"), or of one that is no English word, no
            // one's name and no common word ("she's in osaka", "from lisbon": they stayed).
            if i > covered, i > 0, t[i].kind == .word, !t[i].isCapitalized, !t[i].isAllCaps, t[i].gap == 1, t[i - 1].kind == .word, t[i - 1].has(.placeCue),
               t[i - 1].has(.english) || t[i - 1].isCommon, let e = place(at: i, t, anyCase: true),
               t[i...e].allSatisfy({ !$0.isCapitalized && !$0.isAllCaps }), !t[e].isCommon,
               e > i || t[i].count >= 4 && !t[i].has(.english) && !t[i].isListedName && !WordLists.moreEnglish.contains(t[i].lower),
               // (Before a word of no list it is a name's first: "Call from kani tarihoran".)
               e + 1 == t.count || t[e + 1].kind != .word || !t[e + 1].isCapitalized && !t[e + 1].isAllCaps && (t[e + 1].has(.english) || t[e + 1].isCommon) {
                spans.append(EntitySpan(kind: .location, start: t[i].start, end: t[e].end, score: 0.6, recognizer: "location"))
                i = e + 1
                continue
            }
            // Locations: a listed place name, capitalised, not inside an address.
            if i > covered, let e = place(at: i, t) ?? shapedPlace(at: i, t),
               // A title before its name is none (`Sig.ra Giulia Bianchi`, `El Sr. Javier`: Sig is a town of Algeria's).
               !(t[e].has(.title) && e + 1 < t.count && (t[e + 1].isMark(".") && t[e + 1].gap == 0 || t[e + 1].gap == 1 && t[e + 1].isCapitalized)) {
                let single = e == i
                // One word that is also a name or a month is a place only after "in", "from", …
                // (A region of the world of several words is one whatever its first: "North America".)
                let region = !single && WordLists.worldRegions.contains(t[i...e].map(\.lower).joined(separator: " "))
                // (An English word opening a sentence is capitalised for that alone: "Interview
                // scheduled for Monday" was a town.)
                let opens = i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?")
                let common = !region && (t[i].isCommon || t[i].has(.month)
                    || single && (t[i].isFirstNameAccented || t[i].isLastNameAccented || opens && t[i].has(.english)))
                // (Between `the` and a word for a site it is the site's town: "the London office".)
                let site = i > 0 && t[i - 1].kind == .word && t[i - 1].has(.article) && e + 1 < t.count && t[e + 1].gap == 1 && t[e + 1].kind == .word
                    && !t[e + 1].isCapitalized && Self.siteWords.contains(t[e + 1].lower)
                // (After an organisation's word and a comma it is the organisation's town: "St. Mary's
                // Hospital, Boston" — Boston, a surname too, stayed, or was taken for a person.)
                let ofOrganization = i >= 2 && t[i - 1].isMark(",") && t[i - 1].gap == 0 && t[i - 2].kind == .word && t[i - 2].isCapitalized && t[i - 2].has(.organizationSuffix)
                let cue = i > 0 && scan.previousWord(i)?.has(.placeCue) == true || single && common && listedWithPlaces(i, t) || site || ofOrganization
                // A town's name before a listed surname is a person's first name: "Message from Ngozi
                // Smith" (the town was found and the surname stayed in the clear).
                if single, e + 1 < t.count, t[e + 1].gap == 1, t[e + 1].kind == .word, t[e + 1].isCapitalized, !t[e + 1].isAllCaps, t[e + 1].count > 1,
                   t[e + 1].isLastNameAccented, !t[e + 1].isCommon, !t[e + 1].has([.place, .placeStart, .streetSuffix, .streetKind, .organizationSuffix, .month, .weekday]),
                   place(at: e + 1, t) == nil, !(e + 2 < t.count && t[e + 2].gap == 1 && t[e + 2].kind == .word && (t[e + 2].isCapitalized || t[e + 2].isAllCaps)) {
                    spans.append(EntitySpan(kind: .person, start: t[i].start, end: t[e + 1].end, score: 0.7, recognizer: "person.place-named"))
                    i = e + 2
                    continue
                }
                // Its state or province and postcode with it ("Springfield, IL 62704", "Darwin NT 0800"),
                // which make a place of a town that is a common word too ("Reading RG1 4AB").
                let tail = Self.regionTail(after: e, t)
                // The agent after a verb's `by` is someone, not a town: "Flagged by Morena", "written by Kisumu".
                if single, !cue, tail == nil, !t[i].isAllCaps, i >= 2, t[i - 1].kind == .word, t[i - 1].lower == "by", t[i - 1].gap == 1,
                   t[i - 2].kind == .word, t[i - 2].lower.hasSuffix("ed") || Self.participles.contains(t[i - 2].lower),
                   // (Not the first word of a longer name: "Flagged by Boma Omondi".)
                   !(e + 1 < t.count && t[e + 1].gap == 1 && t[e + 1].kind == .word && (t[e + 1].isCapitalized || t[e + 1].isAllCaps)) {
                    spans.append(EntitySpan(kind: .person, start: t[i].start, end: t[e].end, score: 0.7, recognizer: "person.agent"))
                    i = e + 1
                    continue
                }
                // Whom one spoke with is someone, not a town: "Spoke with Kemi.", "Talked to Kemi about"
                // (not a country, a state, nor a site: "spoke with the London office").
                if single, tail == nil, !t[i].isAllCaps, i >= 2, t[i - 1].kind == .word, ["with", "to"].contains(t[i - 1].lower), t[i - 1].gap == 1,
                   t[i - 2].kind == .word, Self.conversationVerbs.contains(t[i - 2].lower), !Self.countries.contains(t[i].lower), WordLists.usStates[t[i].lower] == nil,
                   e + 1 == t.count || t[e + 1].kind == .punct || t[e + 1].gap == 2 || t[e + 1].kind == .word && !t[e + 1].isCapitalized && !Self.siteWords.contains(t[e + 1].lower) {
                    spans.append(EntitySpan(kind: .person, start: t[i].start, end: t[e].end, score: 0.7, recognizer: "person.spoken-to"))
                    i = e + 1
                    continue
                }
                if !common || cue || tail != nil {
                    let score = tail != nil ? 0.85 : cue ? 0.8 : (single ? 0.6 : 0.7)
                    spans.append(EntitySpan(kind: .location, start: t[i].start, end: t[tail ?? e].end, score: score, recognizer: "location"))
                    i = (tail ?? e) + 1
                    continue
                }
                i = e + 1
                continue
            }
            i += 1
        }
    }

    /// Verbs before `with` or `to` and whom one spoke with ("Spoke with Kemi", "Talked to Kemi").
    static let conversationVerbs: Set<String> = [
        "spoke", "speak", "speaking", "talked", "talk", "talking", "chatted", "chat", "chatting", "met", "meet", "meeting", "spoken", "emailed",
        "wrote", "writing", "texted", "messaged", "replied", "responded", "reached", "checked",
    ]

    /// Past participles not ending in -ed, before an agent's `by` ("written by", "seen by").
    static let participles: Set<String> = ["written", "seen", "taken", "done", "made", "given", "sent", "signed", "led", "run", "held", "paid", "told", "brought", "caught", "found"]

    /// Words for a firm's site after its town's name ("the London office", "the Houston branch").
    static let siteWords: Set<String> = [
        "office", "offices", "branch", "team", "store", "shop", "site", "warehouse", "plant", "campus", "headquarters", "hq", "hub", "depot",
        "factory", "airport", "facility", "showroom", "subsidiary", "division", "location",
    ]

    /// Whether the word at `k` is listed with a place that is no one's name, before or after it
    /// ("Europe, Asia and Australia": Asia is a first name too, and no cue precedes it).
    func listedWithPlaces(_ k: Int, _ t: [TextScan.Token]) -> Bool {
        func joins(_ j: Int) -> Bool { j >= 0 && j < t.count && (t[j].isMark(",") || t[j].kind == .word && ["and", "or", "&"].contains(t[j].lower) || t[j].isMark("&")) }
        func unambiguous(_ j: Int) -> Bool { j >= 0 && j < t.count && !t[j].isFirstName && !t[j].isLastName && !t[j].isCommon && place(at: j, t) != nil }
        if joins(k - 1), unambiguous(k - 2) { return true }
        return joins(k + 1) && unambiguous(k + 2)
    }

    /// Whether the word before an Australian street word at `j` (most of them English words: `Gap`,
    /// `Line`, `Strip`) fails to make the two a street: a common word, or an English word that is
    /// no surname, or a surname that ends no address ("2 Power Strip units": a word follows) where
    /// no word for where comes before the house number at `number` ("at 46 Peck Gate instead").
    static func weakStreetName(before j: Int, _ t: [TextScan.Token], number: Int) -> Bool {
        let name = t[j - 1]
        guard !name.isCommon else { return true }
        guard name.has(.english) else { return false }
        guard name.isLastNameAccented else { return true }
        let ends = j + 1 == t.count || t[j + 1].kind == .punct || t[j + 1].gap == 2
        let cue = number > 0 && t[number - 1].kind == .word && Self.whereCues.contains(t[number - 1].lower)
        return !(ends || cue)
    }

    /// Words before a house number that say an address follows ("left the box at 46 Peck Gate");
    /// not `to` or `in` ("upgrade to 2 Power Strip units").
    static let whereCues: Set<String> = ["at", "near", "lives", "live", "living", "moved", "visit", "visited", "based", "via"]

    /// Extends an address past its street: a unit, then ", City, ST 12345", "City ST", a postcode,
    /// a country — on the same line or the next ones.
    func extend(from end: Int, _ t: [TextScan.Token]) -> Int {
        var end = end
        func next(_ k: Int) -> Int { k < t.count && t[k].isMark(",") ? k + 1 : k }
        // Unit: "Apt 4B", "Suite 200", "#12"
        var k = next(end + 1)
        // Units other languages write after the number, each with its number ("844 Interior 730",
        // "762 Edif. 600 , Depto. 070", "523 Piano 5"; New Zealand's ", RD 10").
        while k < t.count, t[k].kind == .word, WordLists.unitsBeforeNumber.contains(t[k].lower), t[k].lower != "rd" || t[k].isAllCaps {
            var u = k + 1
            if u < t.count, t[u].isMark("."), t[u].gap == 0 { u += 1 }
            guard u < t.count, t[u].kind == .number, t[u].count <= 5 else { break }
            end = u
            k = next(end + 1)
        }
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
        // A listed city in lower case, as people type it ("42 wallaby way, sydney").
        if k > end + 1, k < t.count, t[k].kind == .word, !t[k].isCapitalized, !t[k].isAllCaps, let city = place(at: k, t, anyCase: true) { return postcode(after: city, t) }
        guard k < t.count, t[k].kind == .word, t[k].isCapitalized || t[k].isAllCaps else { return postcode(after: end, t) }
        var cityEnd = place(at: k, t) ?? shapedPlace(at: k, t)
        if cityEnd == nil {
            var j = k
            // A saint's town, its full stop after `St` ("St. Kilda, VIC, 3182").
            if t[k].lower == "st", k + 2 < t.count, t[k + 1].isMark("."), t[k + 1].gap == 0, t[k + 2].gap == 1, t[k + 2].kind == .word, t[k + 2].isCapitalized { j = k + 2 }
            while j + 1 < t.count, j - k < 2, t[j + 1].gap == 1, t[j + 1].isCapitalized, !Self.isStateCode(t[j + 1]) { j += 1 }
            // An unlisted city counts only when a state or postcode follows.
            let s = next(j + 1)
            if s < t.count, Self.isStateCode(t[s]) || t[s].kind == .number && t[s].count == 5 || Self.australianPostcode(state: s, t) != nil
                || Self.townPostcode(after: j, t) != nil || Self.regionCode(at: s, t) { cityEnd = j }
        }
        guard let city = cityEnd else { return postcode(after: end, t) }
        end = city
        k = next(end + 1)
        // (A UK postcode may open with a US state's letters: `Leeberg, DE24 9JH`, `PA09 1DE`.)
        if let code = Self.britishOrCanadianPostcode(at: k, t) {
            end = code
        } else if let code = Self.townPostcode(after: end, t) {
            end = code
        } else if t[end].lower == "dublin", k < t.count, t[k].kind == .number, t[k].count <= 2, t[k].gap == 1 {
            // A Dublin postal district, then its Eircode (`Dublin 2, D02 X285`: both stayed).
            end = postcode(after: k, t)
        } else {
            if Self.regionCode(at: k, t) { end = k }
            if k < t.count, Self.isStateCode(t[k]) { end = k } else if let state = place(at: k, t), WordLists.usStates[t[k...state].map(\.lower).joined(separator: " ")] != nil { end = state }
            if let code = Self.australianPostcode(state: k, t) { end = code }
            end = postcode(after: end, t)
        }
        k = next(end + 1)
        if k < t.count, ["usa", "us", "uk", "u.s.a"].contains(t[k].lower) { end = k }
        else if k < t.count, let country = place(at: k, t), Self.countries.contains(t[k...country].map(\.lower).joined(separator: " ")) { end = country }
        return end
    }

    /// A postcode right after `end`: `94103`, `94103-1234`, the UK's `SW1A 1AA` and Canada's `K1M 1M4`.
    func postcode(after end: Int, _ t: [TextScan.Token]) -> Int {
        var k = end + 1
        if k < t.count, t[k].isMark(",") { k += 1 }
        guard k < t.count else { return end }
        if t[k].kind == .number, t[k].count == 5 {
            if k + 2 < t.count, t[k + 1].isMark("-"), t[k + 2].kind == .number, t[k + 2].count == 4, t[k + 1].gap == 0 { return k + 2 }
            return k
        }
        // (In lower case after an address in lower case: `17 high st, oxford ox1 4ar` left the postcode.)
        let lower = t[end].kind == .word && !t[end].isCapitalized && !t[end].isAllCaps
        return Self.britishOrCanadianPostcode(at: k, t) ?? (lower ? Self.britishOrCanadianPostcode(at: k, t, lowerCase: true) : nil) ?? Self.eircode(at: k, t) ?? end
    }

    /// The last token of an Eircode starting at `k` (`T12 X8Y2`, `D6W XY12`): a routing key (a
    /// letter and two digits, or Dublin's `D6W`), a space, then four letters and digits, which
    /// name one building. (Digits and letters are tokens of their own: `D6W` is three.)
    static func eircode(at k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k + 2 < t.count, t[k].kind == .word, t[k].isASCII, t[k].count == 1, t[k].isCapitalized || t[k].isAllCaps,
              t[k + 1].kind == .number, t[k + 1].gap == 0 else { return nil }
        var j = k + 2
        // (Written without its space, a digit of the building's part may join the key's: `C178C88`.)
        var characters = 0
        if t[k + 1].count == 2 {
            // A letter and two digits.
        } else if t[k + 1].count == 3, t[k + 2].gap == 0, t[k + 2].kind == .word {
            characters = 1
        } else if t[k].lower == "d", t[k + 1].count == 1, t[k + 2].lower == "w", t[k + 2].gap == 0 {
            j = k + 3
        } else {
            return nil
        }
        // (The space may be left out, as forms write it: `D02X285`.)
        guard j < t.count, t[j].gap <= 1, characters == 0 || t[j].gap == 0 else { return nil }
        // Four letters and digits written together.
        let first = j
        while j < t.count, characters < 4, j == first || t[j].gap == 0, t[j].isASCII,
              t[j].kind == .number || t[j].kind == .word && (t[j].isAllCaps || t[j].count == 1 && t[j].isCapitalized) {
            characters += t[j].count
            j += 1
        }
        guard characters == 4, !(j < t.count && t[j].gap == 0 && t[j].kind != .punct) else { return nil }
        return j - 1
    }

    /// The last token of a UK postcode (`NW1 6XE`, `SW1A 2AA`, `M1 1AE`, `DN55 1PT`) or a Canadian
    /// one (`K1M 1M4`) starting at token `k`, in capitals: letters and digits the tokens split.
    /// `lowerCase`: its letters in lower case (`ox1 4ar`), as after an address written so.
    static func britishOrCanadianPostcode(at k: Int, _ t: [TextScan.Token], lowerCase: Bool = false) -> Int? {
        func capitals(_ j: Int, _ counts: ClosedRange<Int>) -> Bool {
            j < t.count && t[j].kind == .word && t[j].isASCII && counts.contains(t[j].count)
                && (lowerCase ? !t[j].isCapitalized && !t[j].isAllCaps : t[j].isAllCaps || t[j].count == 1 && t[j].isCapitalized)
        }
        func digits(_ j: Int, _ counts: ClosedRange<Int>) -> Bool { j < t.count && t[j].kind == .number && counts.contains(t[j].count) }
        func joined(_ j: Int) -> Bool { j < t.count && t[j].gap == 0 }
        // Outward code: letters, digits, perhaps a letter; then a space.
        guard capitals(k, 1...2), digits(k + 1, 1...2), joined(k + 1) else { return nil }
        // Canada's without its space: `M5V2A1`.
        if t[k].count == 1, t[k + 1].count == 1, capitals(k + 2, 1...1), joined(k + 2), digits(k + 3, 1...1), joined(k + 3), capitals(k + 4, 1...1), joined(k + 4),
           digits(k + 5, 1...1), joined(k + 5), !(k + 6 < t.count && t[k + 6].gap == 0 && t[k + 6].kind != .punct) { return k + 5 }
        var j = k + 2
        if capitals(j, 1...1), joined(j) { j += 1 }
        guard j < t.count, t[j].gap == 1 else { return nil }
        // Inward code: the UK's digit and two letters, Canada's digit, letter, digit.
        if digits(j, 1...1), capitals(j + 1, 2...2), joined(j + 1), !(j + 2 < t.count && t[j + 2].gap == 0 && t[j + 2].kind != .punct) { return j + 1 }
        if t[k].count == 1, j == k + 3, digits(j, 1...1), capitals(j + 1, 1...1), joined(j + 1), digits(j + 2, 1...1), joined(j + 2),
           !(j + 3 < t.count && t[j + 3].gap == 0 && t[j + 3].kind != .punct) { return j + 2 }
        return nil
    }

    /// The street's suffix after a unit, its number and a comma or a line break, where no house
    /// number follows: "Flat 39, Sharp Drive", "Studio 92Q, Guy Locks", "Flat 43⏎Pearson Island" —
    /// one to three capitalised words and a suffix.
    static func unitStreet(at i: Int, _ t: [TextScan.Token]) -> Int? {
        var k = i + 1
        if k < t.count, t[k].isMark("."), t[k].gap == 0 { k += 1 }
        guard k < t.count, t[k].kind == .number, t[k].count <= 4 else { return nil }
        k += 1
        if k < t.count, t[k].kind == .word, t[k].count == 1, t[k].gap == 0 { k += 1 }
        // The street's first word: after a comma, or on the next line ("Flat 43⏎Pearson Island").
        let first: Int
        if k + 1 < t.count, t[k].isMark(","), t[k + 1].gap == 1 {
            first = k + 1
        } else if k < t.count, t[k].gap == 2 {
            first = k
        } else {
            return nil
        }
        guard first + 1 < t.count, t[first].kind == .word, t[first].isCapitalized else { return nil }
        var j = first + 1
        while j < t.count, j - first <= 3, t[j].kind == .word, t[j].gap == 1, t[j].isCapitalized {
            if t[j].has(.streetSuffix) { return j }
            j += 1
        }
        return nil
    }

    /// The first token of a unit written before the house number and a comma ("Flat 3, 14 Baker
    /// Street", "Apt. 4B, 500 Main St"), where the street starts at token `i`.
    static func unitBefore(_ i: Int, _ t: [TextScan.Token]) -> Int? {
        var j = i - 1
        // Australia writes it without the comma: "Unit 39 62 Smith Avenue", "Apt. 899 14 Michael Sound"
        // (the street read from the unit's number on, or from the house number).
        if i >= 1, t[i].kind == .number, t[i].gap == 1, let w = Self.unitWord(before: i, t) { return w }
        if j >= 2, t[j].kind == .number, t[i].gap == 1, t[j].gap == 1, let w = Self.unitWord(before: j, t) { return w }
        // On the line above, as New Zealand writes it ("Unit 32⏎7 Guy Range Road", "Apt. 486⏎12 Baker
        // Street"), or before a comma.
        if t[i].gap != 2 {
            guard j >= 2, t[j].isMark(","), t[j].gap == 0 else { return nil }
            j -= 1
        }
        guard j >= 1 else { return nil }
        // The unit's number: "3", "4B", "12-A", joined tokens with a digit among them.
        var start = j
        while start > 0, t[start].gap == 0, t[start - 1].kind != .punct || t[start - 1].isMark("-") { start -= 1 }
        guard t[start...j].contains(where: { $0.kind == .number }), t[start].gap == 1 else { return nil }
        return unitWord(before: start, t)
    }

    /// The unit's word before its number at `n`, perhaps abbreviated ("Apt.").
    static func unitWord(before n: Int, _ t: [TextScan.Token]) -> Int? {
        var w = n - 1
        if w >= 0, t[w].isMark("."), t[w].gap == 0 { w -= 1 }
        guard w >= 0, t[w].kind == .word, t[w].has(.unitWord) else { return nil }
        return w
    }
}

/// Street addresses as written outside the US, found by the word that says "street" in the
/// language of the address and a house number:
/// - the street's kind first, then its name, then the number: "Via Monte Bianco 34", "Rua Orós, 92",
///   "Avda. de la Constitución 2222", "C/ Araquil, 67", "ul. Filtrowa 68", "Estrada da saúde n. 58";
/// - the number first, then the kind in lower case, then the name: "12, rue des Bouchers",
///   "59 rue de l'Abbaye", "265, boulevard Charonne";
/// - a name that ends as a street does, or a name and a word for street, then the number:
///   "Taucherstraße 10", "Berguvsvägen 8", "Obere Str. 57", "Berliner Platz 43", "Erling Skakkes gate 78".
/// English words that are also such kinds ("via", "place", "route") count only capitalised where
/// the kind comes first, and the number must end the street (not "2 days").
enum InternationalStreet {
    /// Kinds written before the name (lower case here; abbreviations without their full stop).
    static let leading: Set<String> = [
        "via", "viale", "piazza", "piazzale", "corso", "largo", "vicolo", "strada", "rua", "avenida", "avda", "av", "calle", "carrera", "paseo",
        "plaza", "praça", "praca", "estrada", "travessa", "rambla", "ul", "ulica", "aleja", "jardim", "alameda", "rodovia", "camino", "carretera",
        "ronda", "passeig", "avinguda", "carrer", "rue", "boulevard", "bd", "bld", "avenue", "allée", "quai", "impasse", "chemin", "cours", "chaussée",
        "praia", "travesía", "callejón", "prolongación", "diagonal", "calzada", "viaducto", "ampliación", "circunvalación",
        // Poland's (`al. Plater`, `pl. Wojciecha`, `plac Mieszka I`), Brazil's and Mexico's.
        "al", "pl", "plac", "os", "osiedle", "recanto", "passarela", "ladeira", "loteamento", "viela", "vila", "quadra", "vereda", "trecho",
        "viaduto", "esplanada", "eje", "cerrada", "privada", "retorno", "periférico", "peatonal", "continuación", "andador", "corredor", "pasaje",
        "circuito", "pátio", "patio", "setor", "área", "conjunto", "residencial", "chácara", "núcleo",
        // Italy's, and more of Brazil's and Spain's.
        "borgo", "contrada", "rotonda", "incrocio", "stretto", "canale", "parque", "condomínio", "condominio", "fazenda", "sítio", "sitio",
        "trevo", "morro", "distrito", "colônia", "glorieta", "urbanización", "cañada", "cuesta", "pasadizo",
        "acceso", "vial", "aeroporto", "campo", "estação", "favela", "feira", "lago", "lagoa", "vale",
        // Indonesia's and Malaysia's (`Jl. Sudirman No. 25`, `Jalan Ampang 12`).
        "jl", "jln", "jalan",
    ]
    /// Kinds written in lower case too (Polish: `ul. Filtrowa 68`, `ulica Sikorskiego 91`).
    static let lowerCaseKinds: Set<String> = ["ul", "ulica", "al", "aleja", "pl", "plac", "os", "osiedle"]
    /// Kinds written after a number, in lower case (French and Belgian addresses).
    static let afterNumber: Set<String> = Set(["rue", "place", "boulevard", "bd", "avenue", "av", "allée", "quai", "impasse", "chemin", "route", "cours", "chaussée", "square", "via", "rua", "calle"])
        .union(vietnamese)
    /// Vietnam's words for street, road, lane and alley, written capitalised after the house number
    /// (`12 Phố Huế`, `45 Đường Lê Lợi`): the number and a word of the name stayed.
    static let vietnamese: Set<String> = ["phố", "đường", "ngõ", "hẻm", "ngách"]
    /// Endings of one-word street names (German, Scandinavian, Dutch, Finnish).
    static let endings = [
        "straße", "strasse", "str", "weg", "gasse", "platz", "allee", "damm", "ufer", "ring", "markt", "steig", "pfad", "chaussee",
        "vägen", "vagen", "gatan", "gränd", "torget", "torg", "stigen", "backen", "leden", "vej", "veien", "vegen", "katu",
        "straat", "gracht", "plein", "laan", "singel", "dreef", "hof", "steeg", "baan", "kade", "wal", "pad", "boulevard",
    ]
    /// Words for street after a name ("Obere Str.", "Berliner Platz", "Skakkes gate"): the endings
    /// as words, and Norway's (which end English words too: "Watergate").
    static let trailing = Set(endings).union(["gate", "gata", "vei", "caddesi", "cad", "sokak", "sok", "sokağı", "bulvarı", "blv"])
    /// Small words inside a street's name.
    static let particles: Set<String> = ["de", "del", "la", "las", "los", "el", "da", "das", "do", "dos", "di", "du", "des", "della", "delle", "dei", "il", "lo", "von", "der", "den", "van", "y", "e"]

    /// The index of a street's house number, when a street starts at `i`.
    static func end(at i: Int, _ scan: TextScan) -> Int? {
        let t = scan.tokens
        guard i < t.count else { return nil }
        let token = t[i]
        if token.kind == .number { return numberFirst(at: i, t) ?? blockFirst(at: i, t) }
        // Every other form has its house number a few tokens on, on the same line: most words have
        // none, and are passed over before any of their text is compared.
        guard token.kind == .word, token.isCapitalized || token.isAllCaps || token.count <= 2 || token.has(.streetKind) else { return nil }
        var ahead = i + 1, numbered = false
        while ahead < t.count, ahead - i <= 10, t[ahead].gap != 2 {
            if t[ahead].kind == .number { numbered = true; break }
            ahead += 1
        }
        guard numbered else { return nil }
        if token.has(.streetKind), token.isCapitalized || lowerCaseKinds.contains(token.lower) || token.lower == "c" {
            // (`et al. 2019` is a citation.)
            if token.lower == "al", i > 0, t[i - 1].lower == "et" { return nil }
            return kindFirst(at: i, t)
        }
        if token.has(.streetKind), !token.isCapitalized, !token.isAllCaps, leading.contains(token.lower) {
            // A capitalised name after a kind in lower case ("vivo en calle Mayor 5", "abita in via Roma
            // 12"), read as a capitalised kind's is, where the kind is no English word or a word says an
            // address follows ("shipped via FedEx 2 days ago" is a route).
            if i + 1 < t.count, t[i + 1].kind == .word, t[i + 1].gap == 1, t[i + 1].isCapitalized {
                let englishKind = token.has(.english) || WordLists.moreEnglish.contains(token.lower)
                if englishKind, scan.wordsBack(before: i, count: 8, inSentence: true, { addressCues.contains($0.lower) }) == nil { return nil }
                return kindFirst(at: i, t)
            }
            return lowerCaseKindFirst(at: i, scan)
        }
        if token.lower == "c", i + 1 < t.count, t[i + 1].isMark("/"), t[i + 1].gap == 0 { return kindFirst(at: i, t) }
        // Spain's "C." for calle, opening its line or after a colon ("C. Jerónimo Gimeno 848"; not
        // an initial inside a sentence) — or after a word for where or a comma, before a name of two
        // words or a particle ("left the box at C. Josefina Bárcena 59 Puerta 5"; not "to C. Johnson 300").
        func named(_ k: Int) -> Bool {
            k + 1 < t.count && (particles.contains(t[k].lower) || t[k].isCapitalized && t[k + 1].kind == .word && t[k + 1].gap == 1 && t[k + 1].isCapitalized)
        }
        if token.lower == "c", token.isCapitalized, i + 2 < t.count, t[i + 1].isMark("."), t[i + 1].gap == 0,
           i == 0 || token.gap == 2 || t[i - 1].isMark(":") || (t[i - 1].isMark(",") || t[i - 1].kind == .word && t[i - 1].has(.placeCue)) && named(i + 2),
           t[i + 2].isCapitalized || particles.contains(t[i + 2].lower) {
            return kindFirst(at: i, t)
        }
        if token.isCapitalized, ahead - i <= 6 { return nameFirst(at: i, t, number: ahead) }
        return nil
    }

    /// A house number at `k` that ends the street: digits (a letter, `-12` or `/12`, or an interior
    /// number after a space, `935 427`, may follow), after an optional `n.`, `nº` or `#`; then
    /// punctuation, a line's end, the text's end or a capitalised word — or, where the street's own
    /// words say it is one (`certain`: `Speerstraße`, `ulica Sikorskiego`), any word.
    static func number(at k: Int, _ t: [TextScan.Token], certain: Bool = false) -> Int? {
        var k = k
        // (`No: 45` as Turkey writes it.)
        if k + 1 < t.count, ["n", "nº", "no", "nr"].contains(t[k].lower), t[k + 1].isMark(".") || t[k + 1].isMark(":") || t[k + 1].kind == .number { k += t[k + 1].kind == .number ? 1 : 2 }
        if k < t.count, t[k].isMark("#") { k += 1 }
        guard k < t.count, t[k].kind == .number, t[k].count <= 5 else { return nil }
        var end = k
        if end + 1 < t.count, t[end + 1].gap == 0, t[end + 1].kind == .word, t[end + 1].count == 1 { end += 1 }
        if end + 2 < t.count, t[end + 1].isMark("-") || t[end + 1].isMark("/"), t[end + 1].gap == 0, t[end + 2].gap == 0, t[end + 2].kind == .number { end += 2 }
        func ends(_ end: Int) -> Bool {
            guard end + 1 < t.count else { return true }
            let next = t[end + 1]
            return next.kind == .punct || next.gap == 2 || next.kind == .word && (certain || next.isCapitalized || next.isAllCaps)
        }
        // Mexico's exterior and interior numbers: `Calle Querétaro 935 427`.
        if end == k, end + 1 < t.count, t[end + 1].kind == .number, t[end + 1].gap == 1, t[end + 1].count <= 4, ends(end + 1) { return end + 1 }
        return ends(end) ? end : nil
    }

    /// Name words from `k` on the same line: capitalised words, particles, words in lower case after
    /// them ("Estrada da saúde"), elided articles ("l'Abbaye"), abbreviations with their full stop
    /// ("Dr. Jorge Cash"); the index after the last, how many were capitalised, and whether one was
    /// more than a particle.
    static func name(from k: Int, _ t: [TextScan.Token], limit: Int = 6) -> (next: Int, capitalised: Int, named: Bool) {
        var j = k, capitalised = 0, words = 0, named = false
        while j < t.count, words < limit {
            let w = t[j]
            if w.kind == .word, j == k || w.gap == 1 {
                if w.isCapitalized || w.isAllCaps || w.lower.utf8.contains(0x27) || w.lower.utf8.contains(0xE2) && w.lower.contains("’") {
                    capitalised += 1
                } else if !particles.contains(w.lower), words == 0 {
                    break
                }
                if !particles.contains(w.lower) { named = true }
                words += 1
                j += 1
                continue
            }
            if w.isMark("."), w.gap == 0, j > k, t[j - 1].kind == .word { j += 1; continue }
            break
        }
        return (j, capitalised, named)
    }

    /// "Via Monte Bianco 34", "Rua Orós, 92", "C/ Araquil, 67", "Avda. de la Constitución 2222".
    static func kindFirst(at i: Int, _ t: [TextScan.Token]) -> Int? {
        var k = i + 1
        if k < t.count, t[k].isMark(".") || t[k].isMark("/"), t[k].gap == 0 { k += 1 }
        // Numbered streets: "Carrera 22 con Ave. Carlos Soublette #8-35" (to the house number after
        // `#`), "Av. 5 de Mayo Porlamar" (to the name after the number).
        if k < t.count, t[k].kind == .number, t[k].count <= 3 {
            var m = k + 1
            while m < t.count, m - k < 10, t[m].gap != 2 {
                if t[m].isMark("#"), let end = number(at: m, t) { return end }
                m += 1
            }
            let (next, capitalised, _) = name(from: k + 1, t)
            guard capitalised >= 1 else { return nil }
            var end = next - 1
            while end > k, t[end].kind != .word { end -= 1 }
            return end
        }
        if t[i].lower == "eje", k < t.count, t[k].lower == "vial" { k += 1 }
        let (next, capitalised, named) = name(from: k, t)
        // (An English "via" before a number is a route: "Via 3 channels".)
        guard named, capitalised >= 1 || t[i].lower != "via" else { return nil }
        var n = next
        if n < t.count, t[n].isMark(",") { n += 1 }
        // A kind no English word spells, or a name of no English word (`Via Bellucci`, not `Via UPS`):
        // a word in lower case may follow the number.
        let certain = !t[i].has(.english) || t[k..<next].allSatisfy { $0.kind != .word || particles.contains($0.lower) || !$0.has(.english) && !$0.isCommon && !$0.isAllCaps }
        return number(at: n, t, certain: certain)
    }

    /// A street in lower case, as a chat writes it, kind first: one to three words in lower case, no
    /// common word (particles among them), then the house number ("his address is via roma
    /// 12 milano", "calle mayor 5": the kind, the number and the town stayed). Where the kind is an
    /// English word too (`via`, `plaza`, `avenue`), only of words no English word spells and after a
    /// word that says an address follows, eight words back at most in its sentence ("address", "deliver
    /// to", "lives at"): "sent via dhl 3 days ago" is a route.
    static func lowerCaseKindFirst(at i: Int, _ scan: TextScan) -> Int? {
        let t = scan.tokens
        // (Behind a kind no English word spells, a name's word may be one: "calle mayor 5".)
        let englishKind = t[i].has(.english) || WordLists.moreEnglish.contains(t[i].lower)
        var j = i + 1, named = false
        while j < t.count, j - i <= 4, t[j].kind == .word, t[j].gap == 1, !t[j].isCapitalized, !t[j].isAllCaps {
            if particles.contains(t[j].lower) { j += 1; continue }
            guard !englishKind || !t[j].has(.english), !t[j].isCommon, t[j].count >= 3 else { return nil }
            named = true
            j += 1
        }
        guard named, j < t.count, t[j].gap == 1, !particles.contains(t[j - 1].lower) else { return nil }
        if englishKind, scan.wordsBack(before: i, count: 8, inSentence: true, { addressCues.contains($0.lower) }) == nil { return nil }
        return number(at: j, t, certain: true)
    }

    /// Words that say an address follows, in English and the languages whose streets begin with their kind.
    static let addressCues: Set<String> = [
        "address", "addr", "deliver", "delivery", "ship", "shipping", "send", "lives", "live", "living", "located", "moved", "mail", "post",
        "indirizzo", "dirección", "direccion", "domicilio", "endereço", "endereco", "morada", "adresse", "adres", "adresa",
        // Lives, in the languages whose streets begin with their kind ("abita in via Roma 12").
        "abita", "abito", "vive", "vivo", "vivono", "viven", "mora", "moro", "moram", "habite", "habita", "reside", "residente", "domiciliato", "domiciliada",
    ]

    /// "12, rue des Bouchers", "59 rue de l'Abbaye": the name runs to a comma, a line's end or the text's end.
    static func numberFirst(at i: Int, _ t: [TextScan.Token]) -> Int? {
        guard t[i].count <= 5 else { return nil }
        var k = i + 1
        if k < t.count, t[k].isMark(",") { k += 1 }
        guard k < t.count, t[k].kind == .word, afterNumber.contains(t[k].lower), !t[k].isCapitalized || t[k].lower == "rue" || vietnamese.contains(t[k].lower) else { return nil }
        let (next, capitalised, _) = name(from: k + 1, t)
        guard capitalised >= 1, next > k + 1 else { return nil }
        var end = next - 1
        while end > k, t[end].kind != .word { end -= 1 }
        return end
    }

    /// Japan's order: block numbers joined by hyphens (`3-2-1`, chōme, banchi and gō), a district
    /// (`Nishi-Shinjuku`: a word, its hyphen inside it; a ward after a comma, `Kita-ku`), then a
    /// comma and a city (with its postcode after it, `Tokyo 160-0023`, taken by the city's
    /// reading): the token of the district or ward, where a city follows.
    static func blockFirst(at i: Int, _ t: [TextScan.Token]) -> Int? {
        guard t[i].count <= 4, i + 2 < t.count, t[i + 1].isMark("-"), t[i + 1].gap == 0, t[i + 2].kind == .number, t[i + 2].gap == 0 else { return nil }
        var k = i + 3
        if k + 1 < t.count, t[k].isMark("-"), t[k].gap == 0, t[k + 1].kind == .number, t[k + 1].gap == 0 { k += 2 }
        func district(_ k: Int) -> Bool { k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isCommon && (t[k].gap == 1 || t[k - 1].isMark(",")) }
        guard district(k) else { return nil }
        var end = k
        // A ward: `, Kita-ku`.
        if end + 2 < t.count, t[end + 1].isMark(","), district(end + 2), ["-ku", "-shi", "-cho", "-machi", "-gun"].contains(where: t[end + 2].lower.hasSuffix) { end += 2 }
        return city(after: end, t) != nil ? end : nil
    }

    /// A street with no word for street, its name and number followed by a comma and a city:
    /// "Mataderos 2312, México D.F.", "Sierras de Granada 9993, México D.F.". Its words must be no
    /// common word ("Invoice 2312, Berlin" is no street) and the first no unit ("Room 12, London").
    static func namedOnly(at i: Int, _ t: [TextScan.Token], number ahead: Int) -> Int? {
        // (The number and its comma first: most capitalised words before a number have neither.)
        guard let after = number(at: ahead, t), after + 1 < t.count, t[after + 1].isMark(","),
              !t[i].isCommon, !t[i].has(.unitWord), !t[i].has(.month), !t[i].has(.weekday) else { return nil }
        // An English word capitalised because it opens the sentence is no street's name ("Paid 250,
        // Kaur said thanks"); inside one it may be ("by post to Buttering 8-2, Lake Charles").
        if t[i].has(.english), i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?") { return nil }
        let (next, capitalised, _) = name(from: i, t, limit: 4)
        // (A kind in lower case inside starts the street there: "Vive en calle Mayor 5, Madrid".)
        guard !t[(i + 1)..<max(i + 1, next)].contains(where: { $0.kind == .word && !$0.isCapitalized && leading.contains($0.lower) }) else { return nil }
        guard capitalised >= 1, next > i, t[i..<next].allSatisfy({ $0.kind != .word || !$0.isCommon }),
              next < t.count, t[next].kind == .number, t[next].gap >= 1, let end = number(at: next, t), city(after: end, t) != nil else { return nil }
        return end
    }

    /// After a street and a comma, a postcode before the city as Europe writes it, and the city:
    /// one to three capitalised words ("…, 12209 Berlin", "…, Cunewalde", "…, México D.F.").
    static func city(after end: Int, _ t: [TextScan.Token]) -> Int? {
        var k = end + 1
        guard k + 1 < t.count else { return nil }
        // After a comma, or on the next line where a postcode opens it (`Amystraat 28⏎8921 TJ⏎De Blesse`).
        let nextLine = t[k].gap == 2
        if t[k].isMark(",") { k += 1 } else if !nextLine { return nil }
        var coded = false
        if let code = postcode(at: k, t), code + 1 < t.count, t[code + 1].gap >= 1 { k = code + 1; coded = true }
        // (A comma after it, as Faker's it_IT writes `33043, Purgessimo (UD)`.)
        else if let code = postcode(at: k, t), code + 2 < t.count, t[code + 1].isMark(","), t[code + 1].gap == 0, t[code + 2].gap == 1 { k = code + 2; coded = true }
        // A district's line between the street and the postcode's (`Vila Das Oliveiras⏎68145-384 Azevedo / RJ`).
        if nextLine, !coded {
            var e = k
            while e + 1 < t.count, t[e + 1].gap == 1, e - k < 6 { e += 1 }
            guard t[k].kind == .word, t[k].isCapitalized, e + 1 < t.count, t[e + 1].gap == 2, postcode(at: e + 1, t) != nil else { return nil }
            return city(after: e, t)
        }
        guard t[k].kind == .word, t[k].isCapitalized || t[k].isAllCaps, !t[k].isCommon || t[k].has(.placePrefix), t[k].gap >= 1 else { return nil }
        var last = k, words = 1
        while last + 1 < t.count, words < 3 || t[last].isMark(".") {
            let w = t[last + 1]
            if w.kind == .word, w.gap == 1, w.isCapitalized || w.isAllCaps, words < 3 { last += 1; words += 1; continue }
            // A particle between two of its words: `Pastor de Costa`.
            if w.kind == .word, w.gap == 1, words < 3, particles.contains(w.lower), last + 2 < t.count, t[last + 2].gap == 1, t[last + 2].kind == .word, t[last + 2].isCapitalized {
                last += 2
                words += 1
                continue
            }
            // "D.F.": capitals with full stops.
            if w.isMark("."), w.gap == 0, t[last].count <= 2 { last += 1; continue }
            if w.kind == .word, w.gap == 0, w.count <= 2, t[last].isMark(".") { last += 1; continue }
            break
        }
        if last + 1 < t.count, t[last + 1].isMark("."), t[last + 1].gap == 0, t[last].count <= 2 { last += 1 }
        // A town on a line of its own after its postcode is the whole line, however many its words
        // (`23019 San Giovanni In Valle Aurina`, `Albuquerque da Prata`).
        if nextLine {
            var e = last
            while e + 1 < t.count, t[e + 1].gap == 1, t[e + 1].kind == .word, e - k < 8, t[e + 1].isCapitalized || particles.contains(t[e + 1].lower) || t[e + 1].lower.contains("'") { e += 1 }
            if e + 1 == t.count || t[e + 1].gap == 2 { last = e }
        }
        // Brazil's state after a slash (`Peixoto / MG`); Mexico's after a comma, with its postcode
        // (`Nueva Guinea Bissau, SLP 15275`).
        if last + 2 < t.count, t[last + 1].isMark("/"), t[last + 1].gap == 1, t[last + 2].kind == .word, t[last + 2].isAllCaps, t[last + 2].count == 2, t[last + 2].gap == 1 { last += 2 }
        if last + 3 < t.count, t[last + 1].isMark(","), t[last + 1].gap == 0, PlaceRecognizer.regionCode(at: last + 2, t) {
            last += 3
            if last + 2 < t.count, t[last + 1].isMark("-"), t[last + 1].gap == 0, t[last + 2].kind == .number, t[last + 2].count == 4, t[last + 2].gap == 0 { last += 2 }
        }
        // A district before the postcode and town (`Vale de Rezende, 19, Palmeiras, 00339075 Pastor de Costa / PE`).
        if !coded, last + 2 < t.count {
            let next = t[last + 1].isMark(",") ? last + 2 : (t[last + 1].gap == 2 ? last + 1 : t.count)
            if next < t.count, postcode(at: next, t) != nil, let town = city(after: last, t) { last = town }
        }
        // Italy's province in brackets after the town: `Udine (UD)`.
        if last + 3 < t.count, t[last + 1].isMark("("), t[last + 1].gap == 1, t[last + 2].kind == .word, t[last + 2].isAllCaps, t[last + 2].count == 2,
           t[last + 2].gap == 0, t[last + 3].isMark(")"), t[last + 3].gap == 0 { last += 3 }
        // Japan's postcode after the city: `Tokyo 160-0023`.
        if last + 3 < t.count, t[last + 1].gap == 1, t[last + 1].kind == .number, t[last + 1].count == 3, t[last + 2].isMark("-"), t[last + 2].gap == 0,
           t[last + 3].kind == .number, t[last + 3].count == 4, t[last + 3].gap == 0 { last += 3 }
        return last
    }

    /// A postcode written before its city, from `k`: its last token. Four or five digits (`10115`,
    /// `75002`), a Dutch one's two letters after four (`1015 CJ`), Poland's, Portugal's and Brazil's
    /// with a hyphen (`00-514`, `1100-053`, `92174-218`; Brazil's `00339075` without), Sweden's in two
    /// groups (`111 51`).
    static func postcode(at k: Int, _ t: [TextScan.Token]) -> Int? {
        guard k < t.count, t[k].kind == .number else { return nil }
        if k + 2 < t.count, [2, 4, 5].contains(t[k].count), t[k + 1].isMark("-"), t[k + 1].gap == 0, t[k + 2].gap == 0, t[k + 2].kind == .number, t[k + 2].count == 3 { return k + 2 }
        // Brazil's CEP without its hyphen: `00339075`.
        if t[k].count == 8 { return k }
        if k + 1 < t.count, t[k].count == 3, t[k + 1].kind == .number, t[k + 1].count == 2, t[k + 1].gap == 1 { return k + 1 }
        guard (4...5).contains(t[k].count) else { return nil }
        if k + 2 < t.count, t[k].count == 4, t[k + 1].kind == .word, t[k + 1].isAllCaps, t[k + 1].count == 2, t[k + 1].gap == 1,
           t[k + 2].kind == .word, t[k + 2].gap >= 1, t[k + 2].isCapitalized { return k + 1 }
        // A Dutch one without its space: `4003MB`.
        if k + 1 < t.count, t[k].count == 4, t[k + 1].kind == .word, t[k + 1].isAllCaps, t[k + 1].count == 2, t[k + 1].gap == 0,
           !(k + 2 < t.count && t[k + 2].gap == 0 && t[k + 2].kind != .punct) { return k + 1 }
        return k
    }

    /// "Taucherstraße 10", "Forsterstr. 57", "Obere Str. 57", "Berliner Platz 43", "Erling Skakkes gate 78".
    static func nameFirst(at i: Int, _ t: [TextScan.Token], number ahead: Int) -> Int? {
        // The street's last word: one that ends as a street does (its number right after it), or a
        // word for street after up to three capitalised words.
        var j = i
        let adjacent = ahead == i + 1 || ahead == i + 2 && t[i + 1].isMark(".")
        // One word that ends as a street does and is no English word (`Speerstraße`, `Stortorget`;
        // not `Offering`): a word in lower case may follow its number.
        let ending = adjacent && !t[i].has(.english) && endings.contains(where: { t[i].lower.hasSuffix($0) && t[i].lower.count >= $0.count + 2 })
        if !ending {
            // Up to three capitalised words, then a word for street.
            var k = i
            while k + 1 < t.count, k - i < 3, t[k + 1].gap == 1, t[k + 1].kind == .word, !trailing.contains(t[k + 1].lower) {
                guard t[k + 1].isCapitalized else { return namedOnly(at: i, t, number: ahead) }
                k += 1
            }
            guard k + 1 < t.count, t[k + 1].gap == 1, trailing.contains(t[k + 1].lower) else { return namedOnly(at: i, t, number: ahead) }
            j = k + 1
        }
        var n = j + 1
        if n < t.count, t[n].isMark("."), t[n].gap == 0 { n += 1 }
        if n < t.count, t[n].isMark(",") { n += 1 }
        guard n < t.count, t[n].gap >= 1 || t[n - 1].isMark(".") else { return nil }
        return number(at: n, t, certain: ending)
    }
}
