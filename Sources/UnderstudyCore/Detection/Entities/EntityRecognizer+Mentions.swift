/// Names a text gives in its structure rather than its sentences — a value after a key that says it
/// is a person's name (`"lastName": "Borg"`, `first_name=Grit`), a record's label before an
/// inverted name (`Patient: BLEWANUS, Amber`) — and a name found once, found again wherever the same
/// text repeats it alone ("Helmuth Zimmer called. … thanks Helmuth!").
extension EntityRecognizer {
    /// The last words of keys whose value is a person's name, and the words before `name` that make
    /// one (`customerName`, `contact_name`); keys are read without case, `_` or `-`.
    static let personKeys: Set<String> = [
        "firstname", "lastname", "givenname", "givennames", "familyname", "surname", "fullname", "middlename", "maidenname",
        "forename", "forenames", "displayname",
    ]
    static let personKeyOwners: Set<String> = [
        "customer", "contact", "patient", "person", "holder", "accountholder", "cardholder", "owner", "employee", "client",
        "recipient", "sender", "guest", "member", "passenger", "driver", "buyer", "billing", "shipping", "emergencycontact",
        "nextofkin", "parent", "guardian", "spouse", "doctor", "physician", "agent", "author", "requester", "reporter",
        "assignee", "applicant", "beneficiary", "insured", "policyholder", "tenant", "student", "teacher", "user", "full",
        "first", "last", "given", "family", "middle", "maiden", "display", "real", "legal", "account",
    ]
    /// The words before `name` that make a key whose value is a thing's name, never a person's: the
    /// names found there are dropped (`"productName": "Green Lamp"`, `"fileName": "Borg.pdf"`).
    static let thingKeyOwners: Set<String> = [
        "product", "file", "company", "item", "host", "domain", "server", "table", "column", "brand", "model", "street",
        "city", "country", "state", "region", "category", "project", "app", "application", "service", "queue", "bucket",
        "database", "db", "schema", "field", "key", "class", "type", "event", "plan", "tag", "group", "team", "org",
        "organization", "organisation", "business", "store", "shop", "merchant", "vendor", "supplier", "bank", "device",
        "package", "module", "branch", "repo", "repository", "channel", "topic", "campaign", "template", "method", "function",
        "job", "task", "sku", "variant", "collection", "image", "attachment", "document", "folder", "path", "site", "page",
        "feature", "role", "status", "stage", "step", "workflow", "pipeline", "course", "venue", "hotel", "airline", "ship",
    ]
    /// A record's labels before a name written surname first (`Patient: BLEWANUS, Amber`).
    static let recordLabels: Set<String> = [
        "patient", "name", "policyholder", "insured", "client", "customer", "guarantor", "member", "beneficiary", "applicant",
        "employee", "tenant", "resident", "subscriber", "cardholder", "holder", "claimant", "student", "guest", "passenger",
    ]

    enum KeyRole { case person, thing }

    /// Whether the key of words `words` (lower case, in order) names a person's name or a thing's.
    static func role(ofKey words: [String]) -> KeyRole? {
        let joined = words.joined()
        if personKeys.contains(joined) { return .person }
        guard let last = words.last else { return nil }
        // camelCase is one word here: `customerName` → "customername"; `contact_name` → ["contact", "name"].
        let owner: String
        if words.count >= 2, last == "name" || last == "names" {
            owner = words.dropLast().joined()
        } else if words.count == 1, joined.hasSuffix("name"), joined.count > 4 {
            owner = String(joined.dropLast(4))
        } else if words.count == 1, joined.hasSuffix("names"), joined.count > 5 {
            owner = String(joined.dropLast(5))
        } else {
            return nil
        }
        if personKeyOwners.contains(owner) { return .person }
        if thingKeyOwners.contains(owner) || thingKeyOwners.contains(where: { owner.hasSuffix($0) && owner.count > $0.count }) { return .thing }
        return nil
    }

    /// Values after keys that say what they are, as JSON, logs and forms paste them into a ticket:
    /// `"lastName": "Borg"`, `first_name=Grit`, `'contact_name': 'ana lima'` — one to five words of
    /// letters (no digits), quoted up to the closing quote, unquoted up to the next space — are a
    /// person's name, whatever their case or the lists say; names found in a thing's name
    /// (`"productName"`, `"fileName"`) are dropped. And a record's label before a name written
    /// surname first: `Patient: BLEWANUS, Amber` up to the line's end.
    static func keyedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.colonCount > 0 || t.contains(where: { $0.isMark("=") }) else { return spans }
        var added: [EntitySpan] = []
        var things: [(start: Int, end: Int)] = []
        var k = 0
        while k < t.count {
            defer { k += 1 }
            guard t[k].kind == .word, k == 0 || t[k].gap > 0 || !(t[k - 1].kind == .word || t[k - 1].kind == .number || t[k - 1].isMark("_") || t[k - 1].isMark(".")) else { continue }
            // The key: words joined by `_` or `-` with nothing between (`first_name`).
            var words = [t[k].lower.replacingOccurrences(of: "-", with: "")]
            var e = k
            while e + 2 < t.count, words.count < 4, t[e + 1].isMark("_"), t[e + 1].gap == 0, t[e + 2].gap == 0, t[e + 2].kind == .word {
                words.append(t[e + 2].lower)
                e += 2
            }
            var n = e + 1
            let quotedKey = k > 0 && t[k - 1].isMark(in: "\"'") && n < t.count && t[n].isMark(in: "\"'") && t[n].gap == 0
            if quotedKey { n += 1 }
            guard n < t.count, t[n].isMark(":") || t[n].isMark("="), t[n].gap == 0 || (quotedKey && t[n].gap == 1) else { continue }
            let separator = n
            if t[n].isMark(":"), !quotedKey, Self.recordLabels.contains(words.joined()), let name = invertedName(after: n, t) {
                added.append(EntitySpan(kind: .person, start: t[name.start].start, end: t[name.end].end, score: 0.8, recognizer: "person.record"))
                k = name.end
                continue
            }
            guard let role = role(ofKey: words) else { continue }
            n += 1
            guard n < t.count, t[n].gap <= 1 else { continue }
            var quote: UInt16 = 0
            if t[n].isMark(in: "\"'") { quote = t[n].mark; n += 1 }
            guard n < t.count, t[n].kind == .word, quote != 0 ? t[n].gap == 0 : t[n].gap <= (t[separator].isMark("=") ? 0 : 1) else { continue }
            // The value: quoted, up to the closing quote on the line; unquoted, one word (initials
            // with their full stops).
            let first = n
            var m = n + 1
            if quote != 0 {
                while m < t.count, m - first < 40, t[m].gap < 2, t[m].mark != quote { m += 1 }
                guard m < t.count, t[m].mark == quote else { continue }
            } else {
                while m + 1 < t.count, t[m].isMark("."), t[m].gap == 0, t[m - 1].count == 1, t[m + 1].kind == .word, t[m + 1].gap == 0 { m += 2 }
                guard m == t.count || t[m].gap > 0 || t[m].isMark(in: ",;&})]") else { continue }
            }
            k = m - 1
            switch role {
            case .person:
                // One to five words of letters, a space between (an initial's full stop); no digits.
                let value = t[first..<m]
                guard value.filter({ $0.kind == .word }).count <= 5, value.allSatisfy({ $0.kind == .word || $0.isMark(".") }) else { continue }
                added.append(EntitySpan(kind: .person, start: t[first].start, end: t[m - 1].end, score: 0.85, recognizer: "person.keyed"))
            case .thing:
                things.append((t[first].start, t[m - 1].end))
            }
        }
        guard !added.isEmpty || !things.isEmpty else { return spans }
        let kept = spans.filter { span in
            !(span.kind == .person && things.contains { $0.start <= span.start && span.start < $0.end })
                && !added.contains { span.kind == .person && $0.start < span.end && span.start < $0.end }
        }
        return disjoint((kept + added).sorted(by: better)).sorted { $0.start < $1.start }
    }

    /// After a record's label and its colon: `SURNAME, Given [Given]` or `Surname, Given` alone up to
    /// the line's end — a capitalised or capital word, a comma, one or two capitalised words.
    private static func invertedName(after colon: Int, _ t: [TextScan.Token]) -> (start: Int, end: Int)? {
        let s = colon + 1
        guard s + 2 < t.count, t[s].gap == 1, t[s].kind == .word, t[s].count > 1, t[s].isCapitalized || t[s].isAllCaps,
              t[s + 1].isMark(","), t[s + 1].gap == 0, t[s + 2].gap == 1, t[s + 2].kind == .word, t[s + 2].isCapitalized, !t[s + 2].isAllCaps || t[s].isAllCaps else { return nil }
        var end = s + 2
        if end + 1 < t.count, t[end + 1].gap == 1, t[end + 1].kind == .word, t[end + 1].isCapitalized, !t[end + 1].isAllCaps { end += 1 }
        guard end + 1 == t.count || t[end + 1].gap == 2 else { return nil }
        return (s, end)
    }

    /// The words of the names found, wherever the same text has them again outside any finding: a
    /// capitalised word (or one in capitals), or one in lower case that is no English word; two such
    /// words in a row are one name. ("Mail from Grit Borg. Grit says hi": the second "Grit" stayed.)
    static func repeatedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var names: Set<String> = []
        var covered = [Bool](repeating: false, count: t.count)
        var s = 0
        for k in t.indices {
            while s < spans.count, spans[s].end <= t[k].start { s += 1 }
            guard s < spans.count, spans[s].start < t[k].end else { continue }
            covered[k] = true
            if spans[s].kind == .person, t[k].kind == .word, t[k].count > 1, !t[k].has([.particle, .title]), !t[k].has(.shorthand) {
                names.insert(t[k].lower)
            }
        }
        guard !names.isEmpty else { return spans }
        func mention(_ k: Int) -> Bool {
            k < t.count && !covered[k] && t[k].kind == .word && names.contains(t[k].lower)
                && (t[k].isCapitalized || t[k].isAllCaps || !t[k].has(.english) && !t[k].isCommon)
        }
        var added: [EntitySpan] = []
        var k = 0
        while k < t.count {
            guard mention(k) else { k += 1; continue }
            var end = k
            while end + 1 < t.count, t[end + 1].gap == 1, mention(end + 1) { end += 1 }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[end].end, score: 0.6, recognizer: "person.repeated"))
            k = end + 1
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }
}
