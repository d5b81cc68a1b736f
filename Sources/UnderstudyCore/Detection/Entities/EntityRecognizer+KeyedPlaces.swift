/// Towns and postcodes a text gives after a key that names one, as JSON payloads, query strings and
/// forms paste an address field by field: `"city": "Leeds"`, `"zip": "LS1 4AP"`, `Postcode: SW1A 1AA`,
/// `billing_city=Springfield`. A city and a postcode are identifiers under HIPAA's Safe Harbor (a
/// postcode covers a street or two in Britain); found by the key, whatever the lists hold of the
/// value (`"town": "Otley"` was a person, `"city": "Leeds"` stayed, `10001-1234` was a phone number).
extension EntityRecognizer {
    enum PlaceKey { case city, postcode }

    /// Keys (lower case, without `_` or `-`) whose value is a town.
    static let cityKeys: Set<String> = [
        "city", "cityname", "town", "townname", "townorcity", "village", "locality", "municipality", "hometown", "birthplace",
        "placeofbirth", "cityofbirth", "suburb", "township", "ort", "wohnort", "stadt", "ville", "ciudad", "citta", "cidade", "localidad",
    ]
    /// Keys whose value is a postcode.
    static let postcodeKeys: Set<String> = ["zip", "zipcode", "postcode", "postalcode", "plz", "pincode", "codepostal", "codigopostal", "cep"]
    /// The words before such a key that keep it one (`billing_city`, `BillingPostalCode`, `ShipCity`).
    static let placeKeyOwners: Set<String> = [
        "billing", "bill", "shipping", "ship", "mailing", "mail", "home", "birth", "residence", "residential", "current", "delivery",
        "customer", "contact", "patient", "postal", "permanent", "primary", "work", "employer", "user", "member", "client", "guest",
        "sender", "recipient", "owner", "holder", "previous", "origin", "address", "addr",
    ]

    /// What the key of words `words` (lower case, in order) names, if a town or a postcode.
    static func placeKey(_ words: [String]) -> PlaceKey? {
        let joined = words.joined()
        for (keys, kind) in [(cityKeys, PlaceKey.city), (postcodeKeys, .postcode)] {
            if keys.contains(joined) { return kind }
            for key in keys where joined.count > key.count && joined.hasSuffix(key) && placeKeyOwners.contains(String(joined.dropLast(key.count))) {
                return kind
            }
        }
        return nil
    }

    /// Values that say there is none.
    static let emptyValues: Set<String> = ["null", "none", "nil", "unknown", "true", "false", "yes", "no", "na", "tbd", "n", "a", "other", "test", "undefined"]

    /// Words that name a postcode in prose (`her postcode is EC1A 1BB`, `zip code 10001`, `postal code: K1A 0B1`).
    static let postcodeWords: Set<String> = ["postcode", "zip", "zipcode", "postal", "eircode"]

    /// The token after which a postcode named in prose starts, from the naming word at `k`
    /// (`postcode`, `zip code`, `postal code`), over `is`, `was`, `of` or a mark; nil where `k` names none.
    static func prosePostcode(after k: Int, _ t: [TextScan.Token]) -> Int? {
        var n = k + 1
        if t[k].lower == "postal" || t[k].lower == "zip", n < t.count, t[n].lower == "code", t[n].gap == 1 { n += 1 } else if t[k].lower == "postal" { return nil }
        if n < t.count, ["is", "was", "of"].contains(t[n].lower), t[n].gap == 1 { n += 1 } else if n < t.count, t[n].isMark(in: ":-#"), t[n].gap <= 1 { n += 1 }
        // (Digits first, or capitals: `K` of `K1A 0B1` is one letter; in lower case one or two letters
        // joined to digits: `sw1a 1aa`.)
        guard n < t.count, t[n].gap == 1, t[n].kind == .number || t[n].kind == .word && (t[n].isAllCaps || t[n].count == 1 && t[n].isCapitalized
                || t[n].count <= 2 && !t[n].isCapitalized && n + 1 < t.count && t[n + 1].kind == .number && t[n + 1].gap == 0) else { return nil }
        return n
    }

    /// The end (exclusive) of a postcode's groups from token `first`: joined (`10001-1234`, `LS1`)
    /// and, for an outward code of letters and digits, one inward group of three after a space
    /// (`SW1A 1AA`, `K1A 0B1`).
    static func postcodeEnd(from first: Int, _ t: [TextScan.Token]) -> Int {
        func group(_ from: Int) -> Int {
            var j = from + 1
            while j < t.count, t[j].gap == 0, t[j].kind != .punct || (t[j].isMark("-") && j + 1 < t.count && t[j + 1].gap == 0 && t[j + 1].kind == .number) { j += 1 }
            return j
        }
        var m = group(first)
        let outward = t[first..<m]
        if m < t.count, t[m].gap == 1, outward.contains(where: { $0.kind == .word }), outward.contains(where: { $0.kind == .number }) {
            let inward = group(m)
            if t[m].kind == .number, t[inward - 1].end - t[m].start == 3 { m = inward }
            // An Eircode's four (`D02 X285`).
            else if PlaceRecognizer.eircode(at: first, t) == inward - 1 { m = inward }
        }
        return m
    }

    /// Whether tokens `value` read as a postcode: 3 to 10 characters with a digit, no mark but a hyphen.
    static func isPostcode(_ value: ArraySlice<TextScan.Token>) -> Bool {
        guard let first = value.first, let last = value.last else { return false }
        return (3...10).contains(last.end - first.start) && value.contains(where: { $0.kind == .number }) && value.allSatisfy({ $0.kind != .punct || $0.isMark("-") })
    }

    static func keyedPlaces(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        let prose = scan.flags.contains(.postcodeCue)
        guard prose || scan.colonCount > 0 || t.contains(where: { $0.isMark("=") }) else { return spans }
        var added: [EntitySpan] = []
        var k = 0
        while k < t.count {
            defer { k += 1 }
            // A postcode named in prose: `her postcode is EC1A 1BB`, `zip code 10001-1234`.
            if prose, t[k].has(.postcodeCue), let first = Self.prosePostcode(after: k, t) {
                let m = Self.postcodeEnd(from: first, t)
                if Self.isPostcode(t[first..<m]) {
                    added.append(EntitySpan(kind: .location, start: t[first].start, end: t[m - 1].end, score: 0.85, recognizer: "location.keyed.postcode"))
                    k = m - 1
                    continue
                }
            }
            guard let (e, separator, _) = Self.key(at: k, t), let kind = placeKey(Self.keyWords(from: k, to: e, t)) else { continue }
            var n = separator
            let equals = t[n].isMark("=")
            n += 1
            guard n < t.count, t[n].gap <= (equals ? 0 : 1) else { continue }
            var quote: UInt16 = 0
            if t[n].isMark(in: "\"'") { quote = t[n].mark; n += 1 }
            guard n < t.count, t[n].gap == 0 || quote == 0 && !equals && t[n].gap == 1 else { continue }
            let first = n
            var m = n
            if quote != 0 {
                // Up to the closing quote on the line.
                while m < t.count, m - first < 12, t[m].gap < 2, t[m].mark != quote { m += 1 }
                guard m < t.count, t[m].mark == quote, m > first else { continue }
            } else if kind == .city {
                // Capitalised words on the line (`New York`), with the marks inside a town's name.
                while m < t.count, m - first < 8, m == first || t[m].gap == 1 || (t[m].gap == 0 && (t[m].isMark(in: ".-'") || t[m - 1].isMark(in: ".-'"))) {
                    if t[m].kind == .word ? (m > first && !(t[m].isCapitalized || t[m].isAllCaps) && !t[m - 1].isMark(in: "-'")) : !t[m].isMark(in: ".-'") { break }
                    m += 1
                }
                while m > first + 1, t[m - 1].kind != .word { m -= 1 }
            } else {
                m = Self.postcodeEnd(from: first, t)
            }
            let value = t[first..<m]
            guard let last = value.last else { continue }
            switch kind {
            case .city:
                let named = value.filter { $0.kind == .word }
                guard !named.isEmpty, named.count <= 5, value.allSatisfy({ $0.kind == .word || $0.isMark(in: ".-'") }),
                      !(named.count == 1 && emptyValues.contains(named[0].lower)),
                      named[0].isCapitalized || named[0].isAllCaps || named[0].flags.contains(.place) else { continue }
            case .postcode:
                guard Self.isPostcode(value) else { continue }
            }
            added.append(EntitySpan(kind: .location, start: t[first].start, end: last.end, score: 0.85, recognizer: kind == .city ? "location.keyed" : "location.keyed.postcode"))
            k = m - 1
        }
        // (Not a value in a link's query: the link's fake replaces its values, names among them.)
        let links = spans.filter { $0.kind == .url }
        if !links.isEmpty { added.removeAll { place in links.contains { $0.overlaps(place) } } }
        guard !added.isEmpty else { return spans }
        // The key says what the value is: a name or a phone number read in it gives way.
        let kept = spans.filter { span in !added.contains { $0.overlaps(span) } }
        return (kept + added).sorted { $0.start < $1.start }
    }
}
