/// Names a text gives in its structure rather than its sentences, as tickets paste JSON, logs, tables,
/// labels and transcripts — a value after a key that says it is a person's name (`"lastName":
/// "Borg"`, `first_name=Grit`), a record's label before an inverted name (`Patient: BLEWANUS,
/// Amber`), the cells under a table's `first` or `last_name`, an addressee after "Ship to:", a
/// speaker before "(agent)", a user's folder in a path — and a name found once, found again wherever
/// the same text repeats it alone ("Helmuth Zimmer called. … thanks Helmuth!"). (Address blocks:
/// EntityRecognizer+AddressBlocks.swift.)
extension EntityRecognizer {
    /// Keys whose value is a person's name by their own word (`surname`), and the words before
    /// `name` that make one (`firstName`, `customer_name`); keys are read without case, `_` or `-`.
    static let personKeys: Set<String> = ["surname", "surnames", "forename", "forenames"]
    /// Keys whose value is a surname (`"last"`, `last_name`, `familyName`).
    static let surnameKeys: Set<String> = ["last", "lastname", "surname", "surnames", "family", "familyname", "maiden", "maidenname"]
    /// Keys of one word that name a part of a name, quoted as JSON writes them (`"first": "Dmitri"`,
    /// `"last": "Volkov"`): in prose `last:` says nothing of a name.
    static let quotedNameKeys: Set<String> = ["first", "last", "given", "family", "middle", "maiden", "forename", "surname", "lastname", "firstname"]
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
        // (`Co-signer: Toma, Geanina`, `Guardian: Rama, Ganga`: the surname a town's, the name a place.)
        "guardian", "co-signer", "cosigner", "borrower", "co-borrower", "spouse", "owner", "requester", "requestor", "driver", "witness",
        "donor", "recipient", "assignee", "reporter", "parent", "contact",
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

    /// The key starting at token `k`, as JSON, logs and forms write one: words joined by `_` with
    /// nothing between (`first_name`, `postal_code`), in quotes or not, then `:`, `=` or `=>` (an
    /// hstore's pairs, a Ruby hash) — its last word, the separator (its last mark) and whether it was
    /// quoted; nil where `k` starts none (the tokens' kinds first: most words are no key, and build
    /// no string).
    static func key(at k: Int, _ t: [TextScan.Token]) -> (last: Int, separator: Int, quoted: Bool)? {
        guard t[k].kind == .word, k == 0 || t[k].gap > 0 || !(t[k - 1].kind == .word || t[k - 1].kind == .number || t[k - 1].isMark("_") || t[k - 1].isMark(".")) else { return nil }
        var e = k
        while e + 2 < t.count, e - k < 6, t[e + 1].isMark("_"), t[e + 1].gap == 0, t[e + 2].gap == 0, t[e + 2].kind == .word { e += 2 }
        var n = e + 1
        let quoted = k > 0 && t[k - 1].isMark(in: "\"'") && n < t.count && t[n].isMark(in: "\"'") && t[n].gap == 0
        if quoted { n += 1 }
        guard n < t.count else { return nil }
        let arrow = t[n].isMark("=") && n + 1 < t.count && t[n + 1].isMark(">") && t[n + 1].gap == 0
        guard t[n].isMark(":") || t[n].isMark("="), t[n].gap == 0 || ((quoted || arrow) && t[n].gap == 1) else { return nil }
        if arrow { n += 1 }
        return (e, n, quoted)
    }

    /// A key's words (``key(at:_:)``) in lower case, without hyphens.
    static func keyWords(from k: Int, to e: Int, _ t: [TextScan.Token]) -> [String] {
        stride(from: k, through: e, by: 2).map { t[$0].lower.utf8.contains(0x2D) ? t[$0].lower.filter { $0 != "-" } : t[$0].lower }
    }

    /// A name after a label of a name or a person and a colon, in prose (`Kid's name: Maximilian.`,
    /// `Name on the gift card: Maximilian.`, `Recipient: Maximilian.`): one to three capitalised
    /// words to the line's end or a mark, none a common or English word, a title, month, weekday or
    /// word of an organisation, street or department, that no finding covers. A name the lists lack
    /// stayed there: no key the JSON rules read (``keyedNames(_:_:)``), and the tagger reads a word
    /// alone after a colon as anything (``labelledNames(_:_:)`` wants a listed name). The label: a
    /// word of ``recordLabels`` before the colon, or `name` up to five words before it with no
    /// thing's word between (`Name of the product:`).
    static func namesAfterLabels(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.colonCount > 0 else { return spans }
        func nameWord(_ k: Int) -> Bool {
            k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && !t[k].isCommon
                && !t[k].has([.english, .title, .month, .weekday, .organizationSuffix, .institution, .streetSuffix]) && !NameRecognizer.departments.contains(t[k].lower)
        }
        var added: [EntitySpan] = []
        var s = 0
        for c in t.indices where c >= 1 && t[c].isMark(":") && t[c].gap == 0 && t[c - 1].kind == .word && c + 1 < t.count && t[c + 1].gap == 1 && nameWord(c + 1) {
            var labelled = recordLabels.contains(t[c - 1].lower)
            var j = c - 1
            while !labelled, j >= 0, c - j <= 5, t[j].kind == .word {
                if t[j].lower == "name" || t[j].lower == "names" { labelled = !(j + 1..<c).contains { thingKeyOwners.contains(t[$0].lower) }; break }
                guard j >= 1, t[j].gap == 1 else { break }
                j -= 1
            }
            guard labelled else { continue }
            var e = c + 1
            while e + 1 < t.count, e - c < 3, t[e + 1].gap == 1, nameWord(e + 1) { e += 1 }
            guard e + 1 == t.count || t[e + 1].gap > 1 || t[e + 1].isMark(in: ".,;!?)") else { continue }
            while s < spans.count, spans[s].end <= t[c + 1].start { s += 1 }
            if s < spans.count, spans[s].start < t[e].end { continue }
            added.append(EntitySpan(kind: .person, start: t[c + 1].start, end: t[e].end, score: 0.75, recognizer: "person.keyed"))
        }
        return Self.absorbing(spans, added)
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
            guard let (e, separator, quotedKey) = Self.key(at: k, t) else { continue }
            var n = separator
            // Every key that names a name ends in "name" or "names"; a record's label is one word.
            let lastWord = t[e].lower.utf8
            let quotedNameKey = quotedKey && e == k && Self.quotedNameKeys.contains(t[k].lower)
            guard quotedNameKey || lastWord.count >= 4 && (lastWord.suffix(4).elementsEqual("name".utf8) || lastWord.suffix(5).elementsEqual("names".utf8))
                    || e == k && t[n].isMark(":") && !quotedKey && recordLabels.contains(t[k].lower) else { continue }
            let words = Self.keyWords(from: k, to: e, t)
            if t[n].isMark(":"), !quotedKey, Self.recordLabels.contains(words.joined()), let name = invertedName(after: n, t) {
                added.append(EntitySpan(kind: .person, start: t[name.start].start, end: t[name.end].end, score: 0.8, recognizer: "person.record"))
                k = name.end
                continue
            }
            guard let role = quotedNameKey ? .person : role(ofKey: words) else { continue }
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
                // (Under a surname's key, a fake of one word is a surname: ``TextRedactGenerator``.)
                let surname = Self.surnameKeys.contains(words.joined())
                added.append(EntitySpan(kind: .person, start: t[first].start, end: t[m - 1].end, score: 0.85, recognizer: surname ? "person.keyed.surname" : "person.keyed"))
            case .thing:
                things.append((t[first].start, t[m - 1].end))
            }
        }
        guard !added.isEmpty || !things.isEmpty else { return spans }
        let kept = spans.filter { span in
            !(span.kind == .person && things.contains { $0.start <= span.start && span.start < $0.end })
                && !(span.kind == .person && added.contains { $0.overlaps(span) })
        }
        return disjoint((kept + added).sorted(by: better)).sorted { $0.start < $1.start }
    }

    /// Words that name a part of a name on their own in prose (`surname Kowalska`): the keys' (``personKeys``) and a few more.
    static let nameWords: Set<String> = personKeys.union(["lastname", "firstname", "nickname", "maidenname"])
    /// Words before `name` in prose that say which part of a name follows — a quoted key's part
    /// (``quotedNameKeys``: `last name Okafor`) and a few more — or whose it is (`my name is lee`).
    static let nameOwners: Set<String> = quotedNameKeys.filter { !$0.hasSuffix("name") }
        .union(["full", "legal", "birth", "christian", "my", "his", "her", "their", "your", "whose"])
    /// Words after such a key that are a form's, not a name (`first name field`, `surname Required`).
    static let formWords: Set<String> = [
        "field", "fields", "column", "box", "input", "label", "value", "format", "required", "missing", "mismatch", "optional", "blank",
        "empty", "spelling", "change", "changes", "changed", "update", "updated", "correction", "error", "invalid", "only", "please",
        "unknown", "withheld", "redacted", "n/a", "na", "none",
    ]

    /// A name after the words that say it is one, in prose rather than a key's syntax (no colon or
    /// `=`, which ``keyedNames(_:_:)`` reads): "first name Anna, surname Kowalska", "my surname is
    /// kowalska", "his last name was Okafor", "my name is lee" (each surname stayed; the lower-case
    /// name too). The value: one word after a surname's key, up to four after `name` (a surname's
    /// particles between); capitalised and no common word but a listed name, or in lower case a
    /// listed name (an English word only as a first name) or a word no list holds; not a form's
    /// word (`first name field`). Scores 0.8.
    static func namesInProse(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        func value(_ n: Int, quoted: Bool = false) -> Bool {
            // (One space before it: a tab parts a table's header, "First Name⇥Surname⇥Product". Or a quote.)
            guard n < t.count, t[n].kind == .word, t[n].count >= 2, quoted ? t[n].gap == 0 : t[n].gap == 1 && scan.units[t[n].start - 1] == 0x20, !formWords.contains(t[n].lower),
                  !nameWords.contains(t[n].lower), t[n].lower != "name", !t[n].has([.title, .weekday, .month, .organizationSuffix]) else { return false }
            if t[n].isCapitalized || t[n].isAllCaps { return !t[n].isCommon || t[n].isListedName }
            return !t[n].isCommon && (t[n].isListedName && (!t[n].has(.english) || t[n].isFirstNameAccented) || t[n].isUnknown && !WordLists.moreEnglish.contains(t[n].lower))
        }
        var k = 0
        while k < t.count {
            defer { k += 1 }
            // (Every key ends in `name` or `names`: most words are passed over without hashing them.)
            guard t[k].kind == .word, t[k].count >= 4, t[k].lower.hasSuffix("name") || t[k].lower.hasSuffix("names") else { continue }
            let lower = t[k].lower
            // The key's word that says which part follows (`surname`, or `last` of `last name`), and
            // how many words the value may hold: a surname one, a given name two, a name four.
            let part: String
            if nameWords.contains(lower) {
                part = lower
            } else if lower == "name", k > 0, t[k].gap == 1, t[k - 1].kind == .word, nameOwners.contains(t[k - 1].lower) {
                part = t[k - 1].lower
            } else {
                continue
            }
            let surnameKey = surnameKeys.contains(part)
            let words = surnameKey ? 1 : ["first", "firstname", "given", "middle", "christian", "forename", "forenames", "nickname"].contains(part) ? 2 : lower == "name" ? 4 : 1
            // ("is", "is spelled"; the value in quotes: `her name is spelled "Aoife"` stayed.)
            var n = k + 1, verbs = 0
            while verbs < 2, n < t.count, t[n].kind == .word, t[n].gap == 1, ["is", "was", "reads", "spelled", "spelt", "shows"].contains(t[n].lower) { n += 1; verbs += 1 }
            var quoted = false
            if n + 1 < t.count, t[n].gap == 1, t[n].isMark(in: "\"'\u{201C}\u{2018}"), t[n + 1].gap == 0 { quoted = true; n += 1 }
            guard value(n, quoted: quoted) else { continue }
            // (A surname's particles between, not counted: "Maria de la Cruz Lopez".)
            var e = n, taken = 1
            while e + 1 < t.count, taken < words {
                var p = e + 1
                while p < t.count, p - e <= 2, t[p].gap == 1, t[p].kind == .word, t[p].has(.particle), !t[p].isCapitalized { p += 1 }
                guard value(p), p == e + 1 || t[p].isCapitalized else { break }
                e = p
                taken += 1
            }
            // (The value ends there: a mark, a line's end or a word that is none of it.)
            added.append(EntitySpan(kind: .person, start: t[n].start, end: t[e].end, score: 0.8, recognizer: surnameKey ? "person.keyed.surname" : "person.named"))
            k = e
        }
        return overriding(spans, with: added, kinds: [.person, .location, .organization])
    }

    /// A name with a nickname between its first name and its surname, in quotes or brackets:
    /// `Harold "Harry" Finch`, `Robert “Bobby” Tables`, `James (Jim) Carver` (each surname stayed,
    /// and a first name at a line's start). The first name and the nickname listed first names,
    /// the surname capitalised, no common word unless a listed surname. Scores 0.8, over the
    /// names and places read in it.
    static func nicknamedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard t.contains(where: { $0.isMark(in: "\"“(") }) else { return spans }
        var added: [EntitySpan] = []
        let closing: [UInt16: UInt16] = [0x22: 0x22, 0x201C: 0x201D, 0x28: 0x29]
        for k in t.indices where k >= 1 && k + 3 < t.count && t[k].kind == .punct && t[k].gap == 1 {
            guard let close = closing[t[k].mark], t[k - 1].kind == .word, t[k - 1].isCapitalized, !t[k - 1].isAllCaps, t[k - 1].isFirstNameAccented,
                  t[k + 1].kind == .word, t[k + 1].gap == 0, t[k + 1].isCapitalized, t[k + 1].isFirstNameAccented, !t[k - 1].has(.month), !t[k + 1].has(.month),
                  t[k + 2].mark == close, t[k + 2].gap == 0, t[k + 3].kind == .word, t[k + 3].gap == 1, t[k + 3].isCapitalized, !t[k + 3].isAllCaps,
                  !t[k + 3].isCommon || t[k + 3].isLastNameAccented, !t[k + 3].has([.title, .weekday, .month, .organizationSuffix, .streetSuffix]) else { continue }
            added.append(EntitySpan(kind: .person, start: t[k - 1].start, end: t[k + 3].end, score: 0.8, recognizer: "person.nicknamed"))
        }
        return overriding(spans, with: added, kinds: [.person, .location])
    }

    /// The 300 most given first names of the census lists, in lower case (`maria`, `jack`, `grace`:
    /// English words too, which after a word of family name someone).
    static let frequentFirstNames: Set<String> = Set(Dictionaries.shared.firstNames.prefix(300).map { $0.lowercased() })

    /// Words for the people of a family as chats write them, besides ``WordLists/family``.
    static let familyInChats: Set<String> = ["grandma", "grandpa", "granny", "nana", "mom", "mum", "dad", "stepson", "stepdaughter", "stepmom", "stepdad", "kid", "baby"]

    /// A first name in lower case right after a word for a family's member, as chats write it: "deliver
    /// to aunt carmen", "my son theo is sick" (each stayed; capitalised, the tagger finds them). A
    /// listed first name that is no common word — an English word only before a surname — and a
    /// listed surname after it in lower case. Scores 0.6.
    static func relativesInLowerCase(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        let covered = scan.covering(spans).map { $0 != nil }
        for k in t.indices where k >= 1 && t[k].kind == .word && t[k].gap == 1 && !covered[k] && t[k - 1].kind == .word && t[k].count >= 3 {
            guard !t[k].isCapitalized, !t[k].isAllCaps, t[k].isFirstNameAccented, !t[k].isCommon, !t[k].has([.month, .weekday, .title]),
                  WordLists.family.contains(t[k - 1].lower) || familyInChats.contains(t[k - 1].lower) else { continue }
            var e = k
            if k + 1 < t.count, t[k + 1].gap == 1, t[k + 1].kind == .word, !t[k + 1].isCapitalized, !covered[k + 1], t[k + 1].isLastNameAccented,
               !t[k + 1].isCommon, !t[k + 1].has(.english) {
                e = k + 1
            }
            // (An English word is a name here only with a surname after it — Faker's "brother star." is
            // none — or where it is one of the most given first names: "cc'd his wife maria", "my son
            // jack" stayed.)
            guard !t[k].has(.english) || e > k || Self.frequentFirstNames.contains(t[k].lower) else { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[e].end, score: 0.6, recognizer: "person.related"))
        }
        return overriding(spans, with: added, kinds: [.location])
    }

    /// Words in a parenthesis after a name that say what the person does ("Priya (lead)",
    /// "Oluwaseun (legal)"): roles, jobs and departments.
    static let parentheticalRoles: Set<String> = NameRecognizer.departments.union(speakerRoles).union(WordLists.roles).union([
        "lead", "owner", "director", "intern", "contractor", "consultant", "cc", "reviewer", "sponsor", "chair", "backup", "deputy",
        "head", "trainee", "vp", "ceo", "cfo", "cto", "coo", "coordinator", "secretary", "assistant", "pm", "qa", "dev", "developer",
    ])

    /// Words before a role in a parenthesis ("team lead", "senior account manager").
    static let roleModifiers: Set<String> = [
        "team", "account", "shift", "project", "product", "program", "senior", "junior", "sr", "jr", "chief", "general", "regional",
        "area", "store", "branch", "office", "case", "night", "day", "duty", "on-call", "acting", "interim", "assistant", "associate", "principal",
    ]

    /// Names beside a parenthesis, as tickets write who holds something (each stayed):
    /// - a name alone inside one, two or three capitalised words each a listed name or a word no
    ///   list holds (no English word, place, title, firm's or street's word): "Escalated to Tier 2
    ///   (Kwame Mensah)";
    /// - one or two such words before one that holds a role or a department: "Team: Priya (lead)";
    /// - a found name's own in another script, after it: "Li Wei (李伟)", "Kim Min-jun (김민준)".
    /// Each scores 0.6.
    static func parenthesisedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard t.contains(where: { $0.isMark("(") }) else { return spans }
        let covered = scan.covering(spans).map { $0 != nil }
        // (No street's word or place either, and no department: "(Customer Success)".)
        func nameWord(_ k: Int) -> Bool {
            unfoundNameWord(t, k, covered: covered, also: [.streetSuffix, .streetKind, .place]) && !NameRecognizer.departments.contains(t[k].lower)
        }
        var added: [EntitySpan] = []
        func add(_ a: Int, _ b: Int) { added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.6, recognizer: "person.parenthesis")) }
        for k in t.indices where t[k].isMark("(") && k + 2 < t.count && t[k + 1].gap == 0 {
            // "(Kwame Mensah)": two or three words and the parenthesis closed, no place's name.
            var e = k + 1
            while e < t.count, e - k <= 3, nameWord(e), e == k + 1 || t[e].gap == 1 { e += 1 }
            let words = e - (k + 1)
            if (2...3).contains(words), e < t.count, t[e].isMark(")"), t[e].gap == 0 {
                let name = t[(k + 1)..<e].map(\.lower).joined(separator: " ")
                if !PlaceRecognizer.cities.contains(name), !PlaceRecognizer.countries.contains(name), WordLists.usStates[name] == nil { add(k + 1, e - 1) }
                continue
            }
            // "Priya (lead)", "Dawn (team lead)", "Ravi (senior account manager)": a role last, the
            // words before it roles, departments or their modifiers.
            // (A listed first name though an English word: the role says it is someone's, "Dawn (team lead)".)
            guard t[k].gap == 1, k >= 1, nameWord(k - 1) || t[k - 1].kind == .word && t[k - 1].isCapitalized && !t[k - 1].isAllCaps && !covered[k - 1]
                && t[k - 1].isFirstNameAccented && !t[k - 1].has([.title, .weekday, .month]) else { continue }
            var r = k + 1
            while r < t.count, r - k <= 3, t[r].kind == .word, r == k + 1 || t[r].gap == 1,
                  parentheticalRoles.contains(t[r].lower) || roleModifiers.contains(t[r].lower) { r += 1 }
            if r > k + 1, r < t.count, t[r].isMark(")"), t[r].gap == 0, parentheticalRoles.contains(t[r - 1].lower) {
                // (The word before joins as a listed first name that is no English word: "Priya Nair
                // (lead)", not "See Summer (store manager)".)
                add(nameWord(k - 2) && t[k - 1].gap == 1 && t[k - 2].isFirstNameAccented && !t[k - 2].has(.english) ? k - 2 : k - 1, k - 1)
            }
        }
        // A name, then the same name in its own script: "Li Wei (李伟)", "Kim Min-jun (김민준)" (it stayed).
        for k in t.indices where t[k].isMark("(") && k > 0 && covered[k - 1] && t[k].gap == 1 {
            guard spans.contains(where: { $0.kind == .person && $0.end == t[k - 1].end }),
                  let close = ((k + 1)..<min(t.count, k + 5)).first(where: { t[$0].isMark(")") }), close > k + 1,
                  !((k + 1)..<close).contains(where: { covered[$0] || t[$0].kind != .word || [.latin, .other].contains(script(scan.units[t[$0].start])) }),
                  t[close - 1].end - t[k + 1].start <= 12 else { continue }
            // (Kept by the rule that drops the English rules' names over other scripts: the name before says what it is.)
            added.append(EntitySpan(kind: .person, start: t[k + 1].start, end: t[close - 1].end, score: 0.6, recognizer: "person.transcribed"))
        }
        guard !added.isEmpty else { return spans }
        return Self.disjoint((spans + added).sorted(by: Self.better)).sorted { $0.start < $1.start }
    }

    /// `spans` with `added` among them, in order, the spans of `kinds` that overlap an added one
    /// dropped: a rule's reading of the words wins their other readings (a town, a month, half a name).
    static func overriding(_ spans: [EntitySpan], with added: [EntitySpan], kinds: Set<EntityKind>) -> [EntitySpan] {
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in !added.contains { $0.overlaps(span) && kinds.contains(span.kind) } }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// Words that hand a ticket or a call to someone, before `to` or a colon (`Escalated to Rice, April`).
    static let handingVerbs: Set<String> = [
        "escalated", "escalate", "assigned", "assign", "reassigned", "reassign", "forwarded", "forward", "transferred", "transfer",
        "handed", "passed", "referred", "refer", "routed", "route", "delegated", "delegate", "spoke", "talked", "wrote", "replied", "reported",
    ]

    /// A name written surname first after words that hand something to a person ("Escalated to
    /// Rice, April", "Assigned to Moss, Ivy for review", "Escalated: Rice, April disputes"): a capitalised word, a comma, a capitalised
    /// listed first name (no country or US state: "Shipped to Paris, France"), then no capitalised
    /// word or comma — each of the two words an English word, a month or a town, they stayed or were
    /// given a place's fake. No department or role first ("Escalated to Finance, April").
    static func recipientsSurnameFirst(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        for k in t.indices where k + 3 < t.count && (t[k].lower == "to" || t[k].isMark(":") && t[k].gap == 0) && t[k + 2].isMark(",") {
            let a = k + 1, b = k + 3
            var v = k - 1
            if v >= 0, t[k].lower == "to", t[v].lower == "over" { v -= 1 }
            guard v >= 0, t[v].kind == .word, handingVerbs.contains(t[v].lower),
                  t[a].gap == 1, t[a].kind == .word, t[a].isCapitalized, !t[a].isAllCaps, t[a].count > 1, !t[a].isCommon,
                  !t[a].has([.title, .weekday, .month, .organizationSuffix, .institution, .streetSuffix, .personCue, .personIntroduction]),
                  !NameRecognizer.departments.contains(t[a].lower), !WordLists.roles.contains(t[a].lower),
                  t[a + 1].gap == 0, t[b].gap == 1, t[b].kind == .word, t[b].isCapitalized, !t[b].isAllCaps, t[b].isFirstNameAccented,
                  !PlaceRecognizer.countries.contains(t[b].lower), WordLists.usStates[t[b].lower] == nil,
                  b + 1 == t.count || !(t[b + 1].isMark(",") || t[b + 1].gap == 1 && (t[b + 1].isCapitalized || t[b + 1].isAllCaps)) else { continue }
            // (Most are found so by the inverted names' rule already: those stay as they are.)
            if spans.contains(where: { $0.kind == .person && $0.start == t[a].start && $0.end == t[b].end }) { continue }
            added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.8, recognizer: "person.recipient"))
        }
        // The words' other readings (a town, a month, one of the two as a name) give way.
        return Self.overriding(spans, with: added, kinds: [.person, .location, .organization, .dateTime])
    }

    /// First names in lower case that a ticket is handed from or to (`reassigned from dwayne to
    /// kerry-ann`, `transferred to priya`): after a word of ``handingVerbs``, `from` or `to` (or `over
    /// to`), a listed first name (or first names joined by a hyphen) that is no common or English word,
    /// and a listed surname after it of the same kind, if one follows. Chats write them so; the tagger
    /// reads lower-case words as words.
    static func handedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        func lower(_ n: Int) -> Bool { n < t.count && t[n].kind == .word && !t[n].isCapitalized && !t[n].isAllCaps && t[n].count > 2 }
        func plain(_ n: Int) -> Bool { !t[n].isCommon && !t[n].has([.english, .title, .weekday, .month, .organizationSuffix, .institution, .streetSuffix]) }
        func firstName(_ n: Int) -> Bool {
            guard lower(n), plain(n) else { return false }
            if t[n].isFirstNameAccented { return true }
            let parts = t[n].lower.split(separator: "-")
            return parts.count == 2 && parts.allSatisfy { Lexicon.shared.lookup(String($0)).contains(.firstName) && !Lexicon.shared.lookup(String($0)).contains(.common) }
        }
        var added: [EntitySpan] = []
        // (`to`, `from` or `over` after the verb, and the verb's length, before its list's hash.)
        for v in t.indices where v + 2 < t.count && t[v].kind == .word && t[v].count >= 5 && t[v + 1].count <= 4 && handingVerbs.contains(t[v].lower) {
            var k = v + 1
            if k < t.count, t[k].lower == "over" { k += 1 }
            // `from X to Y`: up to two cues, each before its name.
            var cues = 0
            while k + 1 < t.count, cues < 2, t[k].gap == 1, t[k].lower == "to" || t[k].lower == "from" {
                cues += 1
                let a = k + 1
                guard t[a].gap == 1 else { break }
                // A name found already (the tagger's `john`, a login's `john.s`): passed over, to the next cue
                // (`from john to mary`: mary stayed).
                if let found = spans.first(where: { $0.kind == .person && $0.start == t[a].start }) {
                    var e = a
                    while e + 1 < t.count, t[e + 1].end <= found.end { e += 1 }
                    k = e + 1
                    continue
                }
                guard firstName(a), !spans.contains(where: { $0.start < t[a].end && t[a].start < $0.end }) else { break }
                var b = a
                if lower(b + 1), t[b + 1].gap == 1, t[b + 1].isLastNameAccented, plain(b + 1), !t[b + 1].isFirstNameAccented { b += 1 }
                added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.65, recognizer: "person.handed"))
                k = b + 1
            }
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }

    /// Verbs a ticket writes before a person who is given something (`Left Üzer a voicemail`).
    static let givingVerbs: Set<String> = ["left", "sent", "gave", "handed", "offered", "promised", "owe", "owed", "told", "showed", "wished"]
    /// Words after the person given something: a determiner or a possessive.
    static let givenThings: Set<String> = ["a", "an", "the", "another", "some", "his", "her", "their", "our", "my", "two", "three"]
    /// Words that open an aside about someone (`FYI Gunhild is out`).
    static let asideWords: Set<String> = ["fyi", "btw", "nb", "ps", "update"]
    /// A person's things after their name's possessive (`Saadat's birthday`): no firm's or product's.
    /// (Only a person's: `Acme's partner network`, `Amazon's order` are a firm's.)
    static let personalThings: Set<String> = [
        "birthday", "wife", "husband", "mother", "father", "son", "daughter", "mum", "mom", "dad", "children", "kids", "baby", "grandson",
        "granddaughter", "appointment", "flight", "leave", "shift", "surgery", "prescription", "medication", "diagnosis", "condolences",
        "wedding", "funeral", "salary", "boyfriend", "girlfriend", "fiancé", "fiancée",
    ]
    /// Words that open a request or a question to someone named before a colon.
    static let requestWords: Set<String> = ["can", "could", "would", "will", "please", "pls", "plz", "did", "do", "does", "are", "have", "has", "you", "thanks", "any", "when", "where", "what", "is"]
    /// Teams a colleague is said to be from (`Tage from accounts`).
    static let teamsOf: Set<String> = ["accounts", "the", "our", "support", "hr", "it", "legal", "finance", "billing", "sales", "ops", "dispatch", "payroll"]
    /// Words before a person a short note names in lower case (`translated by nanna dam`).
    static let lowerNameCues: Set<String> = ["by", "for", "from", "to", "with"]

    /// Words of contact before the preposition (``lowerNameCues``) of a name that is also a word
    /// (``addressedNames(_:_:)``: `Left voicemail for Summer.`).
    static let contactWords: Set<String> = [
        "voicemail", "vm", "lvm", "note", "notes", "message", "msg", "email", "emailed", "mail", "call", "called", "spoke", "speak", "talked",
        "talk", "met", "meeting", "sent", "send", "thanks", "escalated", "assigned", "forwarded", "replied", "reply", "texted", "chatted",
        "handed", "transferred", "referred", "reached", "left", "callback", "followup",
    ]

    /// Names a support note's short sentences hold that no other rule read (each stayed, among 1,500
    /// probe texts of Faker's names in 26 locales):
    /// - a first name before a colon that turns to its reader, opening the line (`Silvia: can you
    ///   confirm the address?` — a listed first name, no common or English word), or after `for`,
    ///   `to`, `cc` (`Handover notes for Melaha:` — a word no list knows too);
    /// - a listed first name opening a sentence before `from` and a word in lower case (`Pierre from
    ///   accounts says`);
    /// - a first name (or a word no list knows) after a verb of giving, before a determiner (`Left
    ///   Üzer a voicemail`);
    /// - a listed first name and a listed surname in lower case after `by`, `for`, `from`, `to`,
    ///   `with` (`translated by nanna dam`, `a letter from may simonsson`), though English words;
    /// - a name written surname first, the surname a town or an English word (`Bowman, April`,
    ///   `North, Christian`, `Strandberg, Jari`): a capitalised word, a comma and a listed first name
    ///   that is no place, country or US state, before no capitalised word, and no comma where the
    ///   first is a place (a list of towns); none inside a list or a partnership's name (`Hernandez,
    ///   Miles and Davis`);
    /// - a listed name that is also a word, capitalised after a word of contact and its preposition,
    ///   before the clause's end or a word in lower case (`Left voicemail for Summer.`, `Note from
    ///   Bill:`; not `Payment sent to Chase.`, `Booked for Summer 2025`, `Escalated to Rice, Texas`);
    /// - a listed first name's possessive opening a sentence or after a clause's comma (`Reminder:
    ///   Floortje's birthday`, `Per HR, Fatima's last day`; after a comma, no place's).
    /// The words' other readings (a town, a month) give way.
    static func addressedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        let covered = scan.covering(spans).map { $0 != nil }
        func capital(_ n: Int) -> Bool { n >= 0 && n < t.count && t[n].kind == .word && t[n].isCapitalized && !t[n].isAllCaps && t[n].count > 1 }
        func lower(_ n: Int) -> Bool { n >= 0 && n < t.count && t[n].kind == .word && !t[n].isCapitalized && !t[n].isAllCaps && t[n].count > 2 }
        func noName(_ n: Int) -> Bool {
            t[n].has([.title, .weekday, .organizationSuffix, .institution, .streetSuffix, .streetKind, .personCue, .personIntroduction])
                || NameRecognizer.departments.contains(t[n].lower) || WordLists.roles.contains(t[n].lower)
        }
        func plainFirst(_ n: Int) -> Bool { capital(n) && t[n].isFirstNameAccented && !t[n].isCommon && !t[n].has(.english) && !noName(n) }
        func unknown(_ n: Int) -> Bool { capital(n) && t[n].isUnknown && t[n].count > 2 && !WordLists.moreEnglish.contains(t[n].lower) }
        /// A listed name of either kind or a word no list knows, no common or English word.
        func nameLike(_ n: Int) -> Bool { capital(n) && t[n].count > 2 && !t[n].isCommon && !t[n].has(.english) && !noName(n) && (t[n].isListedName || unknown(n)) }
        /// A request or a question to the reader after the colon (`Guido: can you…`, `please`).
        func asks(_ n: Int) -> Bool { n < t.count && t[n].kind == .word && Self.requestWords.contains(t[n].lower) }
        var added: [EntitySpan] = []
        func add(_ a: Int, _ b: Int, _ how: String) {
            added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.6, recognizer: "person." + how))
        }
        for k in t.indices where t[k].kind == .word {
            let opensLine = k == 0 || t[k].gap == 2
            let opensSentence = opensLine || t[k - 1].isMark(in: ".!?:") && t[k].gap == 1
            // `Silvia: can you…`, `notes for Melaha: check…`.
            if k + 1 < t.count, t[k + 1].isMark(":"), t[k + 1].gap == 0, k + 2 == t.count || t[k + 2].gap >= 1, !covered[k] {
                if opensLine, plainFirst(k) || nameLike(k) && asks(k + 2) { add(k, k, "addressed"); continue }
                if k >= 1, t[k].gap == 1, t[k - 1].kind == .word, ["for", "to", "cc", "attn"].contains(t[k - 1].lower), plainFirst(k) || unknown(k) {
                    add(k, k, "addressed"); continue
                }
            }
            // `Left voicemail for Summer.`, `Note from Bill:`, `Spoke with Rose today` — a listed name
            // that is also a word, capitalised after a word of contact and its preposition, before
            // the clause's end or a word in lower case (no surname, no number; a product's name is
            // dropped with the rest, ``withoutProducts(_:_:)``).
            if k >= 2, t[k].gap == 1, t[k - 1].gap == 1, capital(k), !covered[k], Self.lowerNameCues.contains(t[k - 1].lower),
               Self.contactWords.contains(t[k - 2].lower), t[k].isListedName, !t[k].has([.weekday, .month, .place]), !noName(k),
               // (Not before a comma and a capitalised word: `Rice, Texas`, `Rice, April` are the rules' for a town and a surname first.)
               !(k + 2 < t.count && t[k + 1].isMark(",") && capital(k + 2)),
               k + 1 == t.count || t[k + 1].isMark(in: ".,:;!?)") || t[k + 1].gap == 1 && t[k + 1].kind == .word && !t[k + 1].isCapitalized && !t[k + 1].isAllCaps && t[k + 1].lower != "of" {
                add(k, k, "contacted"); continue
            }
            // `FYI Gunhild is out until Monday` (all capitals, the cue read as a name's start).
            // (The tokens' own tests before the word lists' hashes: most words open no such form.)
            if k >= 1, t[k].gap == 1, t[k - 1].kind == .word, t[k - 1].count <= 6, capital(k), Self.asideWords.contains(t[k - 1].lower), nameLike(k) || plainFirst(k), !covered[k],
               k + 1 < t.count, t[k + 1].gap == 1, lower(k + 1) || t[k + 1].count == 2 && t[k + 1].kind == .word && !t[k + 1].isCapitalized {
                add(k, k, "aside"); continue
            }
            // `Reminder: Floortje's birthday`, `Sepp's package arrived` — a listed first name, or a
            // word no list knows before a person's thing; after a clause's comma too (`Per HR,
            // Fatima's last day`: the tagger reads no possessive there).
            if opensSentence || k >= 1 && t[k - 1].isMark(",") && t[k].gap == 1, capital(k), let stem = t[k].possessiveStem, stem.count >= 3, !covered[k], k + 1 < t.count, t[k + 1].gap == 1, lower(k + 1) {
                let flags = Lexicon.shared.lookup(stem)
                // (After a comma, not a place's: `…, India's house number`.)
                let listed = flags.contains(.firstName) && !flags.contains(.common) && !flags.contains(.english) && (opensSentence || !flags.contains(.place))
                let unknown = flags.isEmpty && !WordLists.moreEnglish.contains(stem) && Self.personalThings.contains(t[k + 1].lower)
                if listed || unknown {
                    added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end - 2, score: 0.6, recognizer: "person.possessive"))
                    continue
                }
            }
            // `Pierre from accounts says…`.
            if opensSentence, plainFirst(k) || capital(k) && t[k].isFirstNameAccented && t[k].has(.place) && !t[k].isCommon && !t[k].has(.english)
                || nameLike(k) && k + 2 < t.count && (NameRecognizer.departments.contains(t[k + 2].lower) || Self.teamsOf.contains(t[k + 2].lower)),
               !covered[k], k + 2 < t.count, t[k + 1].gap == 1, t[k + 1].lower == "from", t[k + 2].gap == 1, lower(k + 2) {
                add(k, k, "from"); continue
            }
            // `Left Üzer a voicemail`.
            if k + 2 < t.count, t[k + 1].gap == 1, capital(k + 1), givingVerbs.contains(t[k].lower), !covered[k + 1], plainFirst(k + 1) || nameLike(k + 1),
               t[k + 2].gap == 1, givenThings.contains(t[k + 2].lower) {
                add(k + 1, k + 1, "given"); continue
            }
            // `translated by nanna dam`.
            if t[k].count <= 4, k + 2 < t.count, t[k + 1].gap == 1, t[k + 2].gap == 1, lower(k + 1), lower(k + 2), lowerNameCues.contains(t[k].lower),
               !covered[k + 1], !covered[k + 2],
               // (A listed first name, a month too — `may simonsson` — or a word no list knows before a listed surname.)
               t[k + 1].isFirstNameAccented || t[k + 1].isUnknown && t[k + 1].count >= 4 && !WordLists.moreEnglish.contains(t[k + 1].lower) && t[k + 2].isLastNameAccented,
               t[k + 2].isLastNameAccented || t[k + 2].isUnknown && !WordLists.moreEnglish.contains(t[k + 2].lower), !t[k + 1].isCommon || !t[k + 2].isCommon,
               !t[k + 1].has([.title, .weekday]), !t[k + 2].has([.title, .weekday, .month, .streetSuffix, .organizationSuffix]),
               k + 3 == t.count || t[k + 3].kind == .punct || t[k + 3].gap == 2 || lower(k + 3) && !t[k + 3].isLastNameAccented {
                add(k + 1, k + 2, "lowercase-cued"); continue
            }
            // `Bowman, April`, `Strandberg, Jari (tier 2)`.
            // (A month is a first name here, `Bowman, April`; a surname that is a common word only
            // inside a sentence, `for North, Christian`, not `Still, Grace said`.)
            if capital(k), k + 2 < t.count, t[k + 1].isMark(","), t[k + 1].gap == 0, t[k + 2].gap == 1, capital(k + 2),
               t[k + 2].isFirstNameAccented, !t[k + 2].isCommon || t[k + 2].has(.month), !t[k + 2].has(.place), !noName(k + 2),
               !PlaceRecognizer.countries.contains(t[k + 2].lower), WordLists.usStates[t[k + 2].lower] == nil,
               !t[k].isCommon || t[k].isLastNameAccented && !opensSentence, !noName(k), !t[k].has(.month),
               // (Nor an adverb opening the sentence: `Honestly, Maria did great`; `Kelly, Grace` is a name.)
               !(t[k].lower.hasSuffix("ly") && !t[k].isLastNameAccented), !PlaceRecognizer.countries.contains(t[k].lower), WordLists.usStates[t[k].lower] == nil,
               !(k >= 1 && t[k].gap == 1 && (t[k - 1].isCapitalized || t[k - 1].isAllCaps)),
               k + 3 == t.count || !(t[k + 3].gap == 1 && (t[k + 3].isCapitalized || t[k + 3].isAllCaps)),
               !(t[k].has(.place) && k + 3 < t.count && t[k + 3].isMark(",")),
               // (Not a partnership's or a list's names: `Hernandez, Miles and Davis`, `Ronan, Cindy, Felix`.)
               !(k + 3 < t.count && (t[k + 3].joinsNames || t[k + 3].isMark(",") && !lower(k + 4) || t[k + 3].isMark(";"))),
               !(k >= 1 && (t[k - 1].isMark(",") || t[k - 1].joinsNames || t[k - 1].isMark(";"))),
               // (Nor a surname's particle either side: `Pieter van der Berg, Jan de Vries` are two.)
               !(k >= 1 && t[k].gap == 1 && t[k - 1].has(.particle)), !(k + 3 < t.count && t[k + 3].gap == 1 && t[k + 3].has(.particle)),
               !spans.contains(where: { $0.kind == .person && ($0.start <= t[k].start && t[k + 2].end <= $0.end || $0.start < t[k].start && t[k].start < $0.end) }) {
                add(k, k + 2, "surname-first"); continue
            }
        }
        guard !added.isEmpty else { return spans }
        return disjoint(Self.overriding(spans, with: added, kinds: [.person, .location, .organization, .dateTime]).sorted(by: better)).sorted { $0.start < $1.start }
    }

    /// Words that give a person's name at birth: `née`, German's `geb.` and `geborene`.
    static let maidenCues: Set<String> = ["née", "nee", "geb", "geborene", "geborener"]

    /// A maiden name after its cue (`Mrs Smith, née Jones`: "Jones" stayed; `Mme Dupont, née
    /// Lefèvre`: the tagger took the cue into the name, whose fake then lost it): one or two
    /// capitalised words, no common word, title, month or company's word, are a person; the cue is
    /// no part of one.
    static func maidenNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        for k in t.indices where k + 1 < t.count && t[k].kind == .word && t[k].count <= 9 && (t[k + 1].isCapitalized || t[k + 1].isMark(".")) && maidenCues.contains(t[k].lower) {
            var a = k + 1
            if a < t.count, t[a].isMark("."), t[a].gap == 0 { a += 1 } else if t[k].lower == "geb" { continue }
            func surname(_ n: Int) -> Bool {
                n < t.count && t[n].gap == 1 && t[n].kind == .word && t[n].isCapitalized && t[n].count > 1 && !t[n].isCommon
                    && !t[n].has([.title, .weekday, .month, .organizationSuffix, .institution, .streetSuffix, .streetKind])
            }
            guard surname(a) else { continue }
            let b = surname(a + 1) && t[a + 1].isLastNameAccented ? a + 1 : a
            added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.8, recognizer: "person.maiden"))
        }
        return Self.overriding(spans, with: added, kinds: [.person, .location, .organization])
    }

    /// A family named by its surname in the plural after `the` (`Thanks to the Nguyens`, `the Garcias
    /// moved out`, `the Johnsons' dog`, `the Joneses`: each stayed): a capitalised word whose stem
    /// without its `s` or `es` is a listed surname and no common or English word (`the Smiths`
    /// stays: `smith` is a word as `hill` is, and `the Hills` are no family).
    static func familyNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        for k in t.indices where k + 1 < t.count && t[k].count == 3 && t[k].lower == "the" {
            let w = t[k + 1]
            guard w.gap == 1, w.kind == .word, w.isCapitalized, !w.isAllCaps, w.count >= 4, w.lower.hasSuffix("s"), !w.isListedName,
                  !spans.contains(where: { $0.start < w.end && w.start < $0.end }) else { continue }
            let stems = [String(w.lower.dropLast()), w.lower.hasSuffix("es") ? String(w.lower.dropLast(2)) : nil].compactMap { $0 }
            guard stems.contains(where: { stem in
                let flags = Lexicon.shared.lookup(stem)
                return flags.contains(.lastName) && !flags.contains(.common) && !flags.contains(.english)
            }) else { continue }
            added.append(EntitySpan(kind: .person, start: w.start, end: w.end, score: 0.6, recognizer: "person.family"))
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }

    /// Greetings of Spanish and Portuguese (and English) before `Sr.`, which make it a title.
    static let iberianGreetings: Set<String> = [
        "hola", "olá", "ola", "oi", "hello", "hi", "hey", "dear", "buenos", "buenas", "bom", "boa", "dia", "día", "días", "dias", "tarde",
        "tardes", "noches", "noite", "obrigado", "obrigada", "gracias", "caro", "cara", "estimado", "estimada", "prezado", "prezada",
        "querido", "querida", "distinguido", "distinguida",
    ]

    /// Spanish's and Portuguese's `Sr.`, `Sra.`, `Srta.` before a surname, where no name comes right
    /// before it (`John Smith Sr.` is a senior): after a greeting, a mark, a word in lower case or at
    /// a line's start (`Olá Sr. Gonçalves`: the greeting and the title were read as a name and the
    /// surname stayed; `Hola Sr. Gutiérrez`: a town and the surname left). One to three capitalised
    /// words after it, no common word, title or month, are the person; the greeting and the title are
    /// no part of a name.
    static func iberianTitles(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        var cleared: [(start: Int, end: Int)] = []
        for k in t.indices where t[k].kind == .word && t[k].count <= 4 && ["sr", "sra", "srta", "sres", "sras"].contains(t[k].lower) {
            guard k + 2 < t.count, t[k + 1].isMark("."), t[k + 1].gap == 0 else { continue }
            let opens = k == 0 || t[k].gap == 2 || t[k - 1].kind == .punct || !t[k - 1].isCapitalized && !t[k - 1].isAllCaps
                || iberianGreetings.contains(t[k - 1].lower)
            guard opens else { continue }
            func nameWord(_ n: Int) -> Bool {
                n < t.count && t[n].gap == 1 && t[n].kind == .word && (t[n].isCapitalized || t[n].isAllCaps) && t[n].count > 1 && !t[n].isCommon
                    && !t[n].has([.title, .weekday, .month, .organizationSuffix, .institution])
            }
            var e = k + 2
            // (Not a senior's job: "Sr. Analyst", "Sr. Manager".)
            guard nameWord(e), !t[e].has(.english) || t[e].isLastNameAccented, !PersonModelRecognizer.jobWords.contains(t[e].lower),
                  !WordLists.roles.contains(t[e].lower), !NameRecognizer.departments.contains(t[e].lower) else { continue }
            while e + 1 < t.count, e - k < 4, nameWord(e + 1) || t[e + 1].has(.particle) && t[e + 1].gap == 1 && nameWord(e + 2) { e += 1 }
            added.append(EntitySpan(kind: .person, start: t[k + 2].start, end: t[e].end, score: 0.85, recognizer: "person.title"))
            // (The greeting before it, read as a name or a town with the title: no part of one.)
            cleared.append((k >= 1 && iberianGreetings.contains(t[k - 1].lower) ? t[k - 1].start : t[k].start, t[k + 1].end))
        }
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in
            !added.contains { $0.overlaps(span) } && !([.person, .location].contains(span.kind) && cleared.contains { $0.start < span.end && span.start < $0.end })
        }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// A bank's identifier code after `BIC` or `SWIFT` (`BIC COBADEFFXXX`, read as a name in
    /// capitals with its cue) names a bank, not a person: six letters, two letters or digits, and
    /// three more or none.
    static func withoutBankCodes(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var codes: [(start: Int, end: Int)] = []
        for k in t.indices where t[k].kind == .word && (t[k].lower == "bic" || t[k].lower == "swift") {
            var n = k + 1
            while n < t.count, n <= k + 3, t[n].kind == .punct || t[n].lower == "bic" || t[n].lower == "swift" || t[n].lower == "code" { n += 1 }
            guard n < t.count, t[n].count == 8 || t[n].count == 11 else { continue }
            let units = Array(t[n].lower.utf8)
            guard units.prefix(6).allSatisfy({ (0x61...0x7A).contains($0) }), units.dropFirst(6).allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }),
                  scan.units[t[n].start..<t[n].end].allSatisfy({ !(0x61...0x7A).contains($0) }) else { continue }
            codes.append((t[n].start, t[n].end))
        }
        guard !codes.isEmpty else { return spans }
        return spans.filter { span in !(span.kind == .person && codes.contains { $0.start < span.end && span.start < $0.end }) }
    }

    /// A name written surname first in capitals inside a text that is not all in capitals, as records
    /// export names (`order placed by KIM, MIN-JUN`, `Tenant TYLKA, JERZY paid late`, `spoke to DUPONT,
    /// JEAN-PIERRE`): a capital word — a listed surname, a word no list knows, or surnames joined by a
    /// hyphen; no common word, title, country or US state — its comma, a capital given name (a listed
    /// name, or two names joined by a hyphen of which one is a listed first name and neither a common word), then a second
    /// given name or an initial, and no other capital word. The rules for running text read words in
    /// capitals as acronyms: the surname, or the whole name, stayed ("SMITH, [PERSON]"). The words'
    /// other readings (a town, a firm) give way.
    static func capitalSurnamesFirst(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.text.utf8.contains(0x2C), t.contains(where: { $0.kind == .word && !$0.isAllCaps && $0.count > 1 }) else { return spans }
        func capital(_ n: Int) -> Bool { n >= 0 && n < t.count && t[n].kind == .word && t[n].isAllCaps && t[n].count > 1 }
        func hyphenated(_ n: Int, _ flag: Lexicon.Flags) -> Bool {
            guard t[n].lower.utf8.contains(0x2D) else { return false }
            let parts = t[n].lower.split(separator: "-").map { Lexicon.shared.lookup(String($0)) }
            return parts.count == 2 && parts.contains { $0.contains(flag) } && !parts.contains { $0.contains(.common) }
        }
        func noName(_ n: Int) -> Bool {
            t[n].isCommon || t[n].has([.title, .weekday, .month, .organizationSuffix, .institution, .streetSuffix, .streetKind])
                || PlaceRecognizer.countries.contains(t[n].lower) || WordLists.usStates[t[n].lower] != nil
        }
        func given(_ n: Int) -> Bool { capital(n) && !noName(n) && (t[n].isListedName || hyphenated(n, .firstName)) }
        var added: [EntitySpan] = []
        for c in t.indices where c >= 1 && c + 1 < t.count && t[c].isMark(",") && t[c].gap == 0 {
            let a = c - 1, b = c + 1
            // After a person's word (`Customer TYLKA, JERZY`), a given name no list knows too.
            let cued = a >= 1 && t[a].gap == 1 && t[a - 1].kind == .word && !t[a - 1].isAllCaps && t[a - 1].has(.personCue)
            guard t[b].gap == 1, capital(a), given(b) || cued && capital(b) && t[b].isUnknown, !noName(a), t[a].isLastNameAccented || t[a].isUnknown || hyphenated(a, .lastName),
                  !(capital(a - 1) && t[a].gap == 1 && !t[a - 1].isCommon) else { continue }
            var end = b
            if given(end + 1), t[end + 1].gap == 1 {
                end += 1
            } else if end + 1 < t.count, t[end + 1].gap == 1, t[end + 1].kind == .word, t[end + 1].count == 1, t[end + 1].isAllCaps {
                end += 1
                if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0 { end += 1 }
            }
            guard !(capital(end + 1) && t[end + 1].gap == 1 && !t[end + 1].isCommon) else { continue }
            if spans.contains(where: { $0.kind == .person && $0.start <= t[a].start && t[end].end <= $0.end }) { continue }
            added.append(EntitySpan(kind: .person, start: t[a].start, end: t[end].end, score: 0.8, recognizer: "person.inverted-capitals"))
        }
        return Self.overriding(spans, with: added, kinds: [.person, .location, .organization])
    }

    /// A name written surname first in lower case, of which the tagger found one half (`customer is
    /// garcia, maria`: "maria" stayed; `tenant smith, john called`: "smith" stayed): the span grows over
    /// the comma to the other half — a listed first name after it, a listed surname before it, no
    /// common word, title, weekday or month, in no other finding — unless that word begins or ends
    /// another name of a list (`alice johnson, bob smith`).
    static func lowerSurnamesFirst(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.text.utf8.contains(0x2C), spans.contains(where: { $0.kind == .person }) else { return spans }
        func lower(_ n: Int) -> Bool { n >= 0 && n < t.count && t[n].kind == .word && !t[n].isCapitalized && !t[n].isAllCaps && t[n].count > 1 }
        let overlapped = scan.overlapped(by: spans)
        func free(_ n: Int) -> Bool { !overlapped[n] }
        func plain(_ n: Int) -> Bool { !t[n].isCommon && !t[n].has([.title, .weekday, .month, .organizationSuffix, .institution, .streetSuffix, .streetKind]) }
        /// A word of letters beside `n` (at `step`) that may be a name's: the half is then another name's.
        func nameBeside(_ n: Int, _ step: Int) -> Bool {
            let m = n + step
            return lower(m) && t[step > 0 ? m : n].gap == 1 && t[m].isListedName && !t[m].isCommon
        }
        var result = spans
        for c in t.indices where c >= 1 && c + 1 < t.count && t[c].isMark(",") && t[c].gap == 0 {
            let a = c - 1, b = c + 1
            guard lower(a), lower(b), t[b].gap == 1 else { continue }
            // (Each half a listed name of its kind: not "The account holder, da Cunha": `holder` is a surname, `da` no given name.)
            guard t[a].isLastNameAccented, t[b].isFirstNameAccented else { continue }
            if let i = result.firstIndex(where: { $0.kind == .person && $0.end == t[a].end }), free(b), plain(b),
               !nameBeside(b, 1), scan.token(startingAt: result[i].start) == a {
                result[i].end = t[b].end
            } else if let i = result.firstIndex(where: { $0.kind == .person && $0.start == t[b].start }), free(a), plain(a),
                      !nameBeside(a, -1) {
                result[i].start = t[a].start
            }
        }
        // A list's next names, first names alone in lower case after a name of two words or more
        // (`cc: alice johnson, bob, priya`: they stayed): a listed first name (after one, a word no
        // list knows too), no common word, then the end of the line, a comma or `and`.
        // (The people's spans by their ends, the last of each end as `lastIndex` finds it: a long
        // list's commas are not each compared with every span.)
        var personByEnd: [Int: Int] = [:]
        for (i, span) in result.enumerated() where span.kind == .person { personByEnd[span.end] = i }
        var c = 0
        while c + 1 < t.count {
            defer { c += 1 }
            guard t[c].isMark(","), t[c].gap == 0, c >= 1, let i = personByEnd[t[c - 1].end],
                  let first = scan.token(startingAt: result[i].start), first < c - 1 else { continue }
            var b = c + 1, items = 0
            // (After one such name, a word no list knows too: `bob, priya`.)
            while b < t.count, lower(b), t[b].gap == 1, free(b), plain(b), t[b].isFirstNameAccented || items > 0 && t[b].isUnknown,
                  b + 1 == t.count || t[b + 1].gap == 2 || t[b + 1].isMark(",") && t[b + 1].gap == 0 || t[b + 1].gap == 1 && t[b + 1].joinsNames {
                result.append(EntitySpan(kind: .person, start: t[b].start, end: t[b].end, score: 0.6, recognizer: "person.listed"))
                personByEnd[t[b].end] = result.count - 1
                items += 1
                guard b + 2 < t.count, t[b + 1].isMark(",") || t[b + 1].joinsNames else { break }
                b += 2
            }
            c = b
        }
        return result.sorted { $0.start < $1.start }
    }

    /// After a record's label and its colon: `SURNAME, Given [Given]` or `Surname, Given` alone up to
    /// the line's end — a capitalised or capital word, a comma, one or two capitalised words.
    private static func invertedName(after colon: Int, _ t: [TextScan.Token]) -> (start: Int, end: Int)? {
        let s = colon + 1
        guard s + 2 < t.count, t[s].gap == 1, t[s].kind == .word, t[s].count > 1, t[s].isCapitalized || t[s].isAllCaps,
              t[s + 1].isMark(","), t[s + 1].gap == 0, t[s + 2].gap == 1, t[s + 2].kind == .word, t[s + 2].isCapitalized, !t[s + 2].isAllCaps || t[s].isAllCaps else { return nil }
        var end = s + 2
        if end + 1 < t.count, t[end + 1].gap == 1, t[end + 1].kind == .word, t[end + 1].isCapitalized, !t[end + 1].isAllCaps { end += 1 }
        // The line's end, or an aside, a full stop or a semicolon after it (`Requester: Toma, Geanina (tier 2)`).
        guard end + 1 == t.count || t[end + 1].gap == 2 || t[end + 1].isMark(in: "(;") || t[end + 1].isMark(".") && t[end + 1].gap == 0 else { return nil }
        return (s, end)
    }

    /// The headers of a pasted table's columns that hold people's names, as keys are read (no case,
    /// no spaces, `_` or `-`), beyond the keys of ``personKeys`` and ``personKeyOwners``: `first`,
    /// `last`. `name` alone holds a person's only where a cell is two capitalised words or more.
    static let personHeaders: Set<String> = ["first", "last", "given", "family", "surname", "forename", "fname", "lname", "name"]

    /// Names in a table pasted into the text — lines of cells apart by commas, semicolons, tabs or
    /// Markdown's bars under a header line — in the columns whose header names a person's name (`first`,
    /// `last_name`, `Surname`, `customer name`): a cell of one to four words of letters, quoted or
    /// not. ("id,first,last\n42,Manfred,Smith" stayed: no sentence says they are names.)
    static func tabularNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let u = scan.units
        guard u.contains(0x0A) else { return spans }
        // Lines as ranges of units.
        var lines: [Range<Int>] = []
        var start = 0
        for (i, unit) in u.enumerated() where unit == 0x0A {
            lines.append(start..<(i > start && u[i - 1] == 0x0D ? i - 1 : i))
            start = i + 1
        }
        lines.append(start..<u.count)
        func cells(_ line: Range<Int>, _ delimiter: UInt16) -> [Range<Int>] {
            var result: [Range<Int>] = []
            var a = line.lowerBound
            for i in line where u[i] == delimiter {
                result.append(a..<i)
                a = i + 1
            }
            result.append(a..<line.upperBound)
            // A Markdown table's row begins and ends with its delimiter.
            if delimiter == 0x7C, result.count >= 3, result.first!.isEmpty || u[result.first!].allSatisfy({ $0 == 0x20 }) { result.removeFirst() }
            if delimiter == 0x7C, result.count >= 2, result.last!.isEmpty || u[result.last!].allSatisfy({ $0 == 0x20 }) { result.removeLast() }
            // Trimmed of spaces and one pair of quotes.
            return result.map { cell in
                var lo = cell.lowerBound, hi = cell.upperBound
                while lo < hi, u[lo] == 0x20 { lo += 1 }
                while hi > lo, u[hi - 1] == 0x20 { hi -= 1 }
                if hi - lo >= 2, u[lo] == u[hi - 1], u[lo] == 0x22 || u[lo] == 0x27 { lo += 1; hi -= 1 }
                return lo..<hi
            }
        }
        func header(_ cell: Range<Int>) -> String {
            String(decoding: u[cell].filter { $0 != 0x20 && $0 != 0x5F && $0 != 0x2D }, as: UTF16.self).lowercased()
        }
        /// One to four words of letters, a space, hyphen, apostrophe or an initial's full stop
        /// between; with `capitalised`, two words at least, the first and the last capitalised
        /// ("Thom den Teuling").
        func nameCell(_ cell: Range<Int>, capitalised: Bool) -> Bool {
            guard !cell.isEmpty, cell.count <= 60, TextScan.isLetter(u[cell.lowerBound]) else { return false }
            var words = 1, lastWord = cell.lowerBound
            for i in cell {
                if u[i] == 0x20 { words += 1; lastWord = i + 1; continue }
                if TextScan.isLetter(u[i]) || u[i] == 0x2D || u[i] == 0x27 || u[i] == 0x2019 || u[i] == 0x2E { continue }
                return false
            }
            func upper(_ i: Int) -> Bool { i < cell.upperBound && u[i] >= 0x41 && u[i] <= 0x5A }
            return words <= 4 && (!capitalised || words >= 2 && upper(cell.lowerBound) && upper(lastWord))
        }
        var added: [EntitySpan] = []
        var thingCells: [Range<Int>] = []
        var l = 0
        while l + 1 < lines.count {
            defer { l += 1 }
            let line = lines[l]
            guard let delimiter = ([0x7C, 0x2C, 0x3B, 0x09] as [UInt16]).first(where: { d in u[line].contains(d) }) else { continue }
            let heads = cells(line, delimiter)
            guard heads.count >= 2, heads.allSatisfy({ !$0.isEmpty && $0.count <= 30 && !u[$0].contains(where: TextScan.isDigit) }) else { continue }
            let headers = heads.map(header)
            let names = headers.indices.filter { personHeaders.contains(headers[$0]) || role(ofKey: [headers[$0]]) == .person }
            let things = headers.indices.filter { thingKeyOwners.contains(headers[$0]) || role(ofKey: [headers[$0]]) == .thing }
            guard !names.isEmpty || !things.isEmpty else { continue }
            var r = l + 1
            // A Markdown table's rule under its header (`|---|:--|`).
            if delimiter == 0x7C, r < lines.count, u[lines[r]].allSatisfy({ $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 }) { r += 1 }
            while r < lines.count {
                let row = cells(lines[r], delimiter)
                guard row.count == heads.count else { break }
                for c in names where nameCell(row[c], capitalised: headers[c] == "name") {
                    added.append(EntitySpan(kind: .person, start: row[c].lowerBound, end: row[c].upperBound, score: 0.8, recognizer: "person.table"))
                }
                for c in things where !row[c].isEmpty { thingCells.append(row[c]) }
                r += 1
            }
            l = r - 1
        }
        guard !added.isEmpty || !thingCells.isEmpty else { return spans }
        let kept = spans.filter { span in
            !added.contains { $0.overlaps(span) } && !(span.kind == .person && thingCells.contains { $0.contains(span.start) })
        }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// Words a shipping label or a letter puts before its addressee ("Ship to:", "Attn:").
    static let addresseeCues: Set<String> = ["attn", "attention", "recipient", "consignee", "addressee"]
    static let addresseeVerbs: Set<String> = ["ship", "deliver", "bill", "sold", "send", "mail", "invoice"]
    /// Words that greet or thank someone by their first name ("Hello April,", "Thanks May!").
    static let greetings: Set<String> = ["hi", "hello", "hey", "dear", "thanks", "thx", "welcome"]
    /// Of a greeting of more than a word that opens a line or a sentence — `welcome` (`aboard`,
    /// `back`), `good morning`, `congratulations` — the token its name follows (its comma, if it
    /// has one); otherwise `k`.
    static func greetingEnd(_ k: Int, _ t: [TextScan.Token]) -> Int {
        guard t[k].count >= 4, k == 0 || t[k].gap == 2 || t[k - 1].isMark(in: ".!?"), k + 1 < t.count else { return k }
        var e: Int
        switch t[k].lower {
        case "welcome": e = k + 1 < t.count && t[k + 1].gap == 1 && ["aboard", "back", "home"].contains(t[k + 1].lower) ? k + 1 : k
        case "congratulations", "congrats": e = k
        case "good": guard t[k + 1].gap == 1, ["morning", "afternoon", "evening"].contains(t[k + 1].lower) else { return k }; e = k + 1
        default: return k
        }
        if e + 1 < t.count, t[e + 1].gap == 0, t[e + 1].isMark(",") { e += 1 }
        return e
    }

    /// Words a greeting in lower case names someone by that are listed first names too ("hey buddy,").
    static let endearments: Set<String> = [
        "buddy", "honey", "love", "sweetie", "sugar", "baby", "babe", "darling", "angel", "man", "mate", "guys", "folks", "friend",
        "dude", "boss", "chief", "doc", "sir", "madam", "captain", "champ", "sunshine", "everyone", "everybody", "team",
    ]
    /// The roles a transcript writes after a speaker's name ("June (agent):").
    static let speakerRoles: Set<String> = [
        "agent", "customer", "rep", "admin", "operator", "advisor", "adviser", "manager", "supervisor", "tech", "technician",
        "engineer", "staff", "host", "moderator", "client", "caller", "user", "guest", "nurse", "doctor", "dispatcher",
    ]

    /// Whether `w` may be a word of a name in a label or a transcript: a listed name (as a common
    /// word too: "June"), no English or common word, or (`afterFirstName`) any but a common word.
    private static func labelNameWord(_ w: TextScan.Token, afterFirstName: Bool = false) -> Bool {
        guard w.kind == .word, w.count > 1, w.isCapitalized || w.isAllCaps, !w.has([.organizationSuffix, .institution, .streetKind, .streetSuffix]),
              !w.has([.weekday, .month]) || w.isFirstNameAccented else { return false }
        return w.isListedName || !w.has(.english) && !w.isCommon || afterFirstName && !w.isCommon
    }

    /// A listed name that is no common word, a listed first name, or a hyphenated name of which a
    /// part is a listed first name ("KLAUS-JÜRGEN", "Marie-Louise").
    private static func listedPart(_ w: TextScan.Token) -> Bool {
        if w.isListedName && !w.isCommon || w.isFirstNameAccented { return true }
        guard w.lower.utf8.contains(0x2D) else { return false }
        return w.lower.split(separator: "-").contains { Lexicon.shared.lookup(String($0)).contains(.firstName) }
    }

    /// The addressee's name on a label's line ("Ship to:⏎KLAUS-JÜRGEN WARMER", "Attn: Jens-Uwe
    /// Rogner"), a first name greeted ("Hello April,") and a speaker's name before their role in a
    /// transcript ("[10:02] June (agent):"):
    /// one to four capitalised words (or in capitals) that end the line or meet the role, one of
    /// them a listed name or made of one, none a company's or a street's word, and none an English
    /// word unless a listed name or after a listed first name ("KLAUS-JÜRGEN WARMER").
    static func labelledNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        func addName(_ a: Int, _ b: Int, _ recognizer: String) {
            // (A double first name of no list opens one too: "HEINZ-GÜNTER BOLNBACH".)
            guard b >= a, (a...b).contains(where: { listedPart(t[$0]) }) || b > a && t[a].lower.utf8.contains(0x2D) && !t[a].has(.english) else { return }
            added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.8, recognizer: recognizer))
        }
        for k in t.indices where t[k].kind == .word {
            // An addressee: "Ship to" or "Attn" and a colon or full stop, the name on the line or the
            // next. (The marks and lengths before the word lists: most words are neither.)
            var n: Int?
            if k + 1 < t.count, t[k + 1].isMark(":") || t[k + 1].isMark("."), t[k + 1].gap == 0, addresseeCues.contains(t[k].lower) {
                n = k + 1
            } else if k + 1 < t.count, t[k + 1].count == 2, t[k + 1].gap == 1, k == 0 || t[k].gap == 2, t[k + 1].lower == "to", addresseeVerbs.contains(t[k].lower) {
                n = k + 2
            }
            if var a = n {
                if a < t.count, t[a].isMark(":") || t[a].isMark("."), t[a].gap == 0 { a += 1 }
                guard a < t.count, t[a].gap >= 1, labelNameWord(t[a]) else { continue }
                var b = a
                while b + 1 < t.count, b - a < 3, t[b + 1].gap == 1, labelNameWord(t[b + 1], afterFirstName: listedPart(t[a]) || t[a].lower.utf8.contains(0x2D)) { b += 1 }
                if b + 1 == t.count || t[b + 1].gap == 2 { addName(a, b, "person.addressee") }
                continue
            }
            // A greeting to a listed first name, though a month or an English word ("Hello April,",
            // "Hi Will!"), before a comma, an exclamation mark or the line's end; not inside a
            // name found ("Hello Ahmed, Hatima": surname first).
            // (In a chat's lower case, greeting and name alike: "hey bob,"; no common word: "hi all,";
            // a common word only where the greeting opens the line and a comma or an exclamation
            // mark follows: "hey will,", "hi june!", not "hey buddy,".)
            // (Of a longer greeting, the word after it: "Welcome aboard, Crystal!", "Good morning Dawn,".)
            let g = greetingEnd(k, t)
            if g + 1 < t.count, t[g + 1].gap == 1 || g > k && t[g].isMark(","), t[g + 1].kind == .word, !t[g + 1].isAllCaps, t[g + 1].isFirstNameAccented,
               t[g + 1].isCapitalized || !t[k].isCapitalized && !t[k].isAllCaps && t[g + 1].count > 2 && !endearments.contains(t[g + 1].lower)
                   && (!t[g + 1].isCommon || (k == 0 || t[k].gap == 2) && g + 2 < t.count && t[g + 2].gap == 0 && t[g + 2].isMark(in: ",!")),
               g + 2 == t.count || t[g + 2].gap == 2 || t[g + 2].gap == 0 && (t[g + 2].isMark(in: ",!") || g > k && t[g + 2].isMark(".")), !t[g + 1].has(.title),
               g > k || greetings.contains(t[k].lower), !spans.contains(where: { $0.kind == .person && $0.start <= t[g + 1].start && t[g + 1].start < $0.end }) {
                added.append(EntitySpan(kind: .person, start: t[g + 1].start, end: t[g + 1].end, score: 0.7, recognizer: "person.greeting"))
                continue
            }
            // Oneself introduced, in a chat ("this is Amber godfrey", "i'm Joy dennenberg"): one to
            // three capitalised listed first names, though English words, then a surname in lower
            // case (a listed one or a word no list knows, no English word), ending the line or the
            // clause. (The tagger reads "Amber" and "Joy" as words without their surname.)
            // (The words of ``selfIntroductions`` compared as short strings, no set hashed for every
            // short word; "is" only after "this" or "name".)
            if k >= 1, t[k].count == 2 && (t[k].lower == "is" && (t[k - 1].lower == "this" || t[k - 1].lower == "name") || t[k].lower == "am" || t[k].lower == "im")
                || t[k].count == 3 && (t[k].lower == "i'm" || t[k].lower == "i’m"),
               k + 2 < t.count, t[k + 1].gap == 1, t[k + 1].isCapitalized, !t[k + 1].isAllCaps, t[k + 1].isFirstNameAccented, !t[k + 1].has(.title) {
                var b = k + 1
                while b + 1 < t.count, b - k < 3, t[b + 1].gap == 1, t[b + 1].isCapitalized, !t[b + 1].isAllCaps, t[b + 1].isFirstNameAccented { b += 1 }
                let s = b + 1
                if s < t.count, t[s].gap == 1, t[s].kind == .word, !t[s].isCapitalized, t[s].count > 1, !t[s].has([.english, .title, .weekday, .month]), !t[s].isCommon,
                   t[s].isLastNameAccented || t[s].isUnknown, s + 1 == t.count || t[s + 1].gap == 2 || t[s + 1].gap == 0 && t[s + 1].isMark(in: ",.!?;"),
                   !spans.contains(where: { $0.kind == .person && $0.start <= t[k + 1].start && t[s].end <= $0.end }) {
                    added.append(EntitySpan(kind: .person, start: t[k + 1].start, end: t[s].end, score: 0.8, recognizer: "person.introduced"))
                    continue
                }
            }
            // A speaker: the name before "(agent)".
            if k >= 2, t[k - 1].isMark("("), t[k - 1].gap == 1, t[k].gap == 0, k + 1 < t.count, t[k + 1].isMark(")"),
               speakerRoles.contains(t[k].lower), labelNameWord(t[k - 2]) {
                var a = k - 2
                if a >= 1, t[a].gap == 1, labelNameWord(t[a - 1]) { a -= 1 }
                if a == 0 || t[a].gap == 2 || t[a - 1].isMark("]") || t[a - 1].isMark(":") { addName(a, k - 2, "person.speaker") }
            }
        }
        guard !added.isEmpty else { return spans }
        // Over the names, places and organisations read in them.
        let kept = spans.filter { span in
            !([.person, .location, .organization].contains(span.kind) && added.contains { $0.overlaps(span) })
        }
        return disjoint((kept + added).sorted(by: better)).sorted { $0.start < $1.start }
    }

    /// The words of the names found, wherever the same text has them again outside any finding: a
    /// capitalised word (or one in capitals), or one in lower case that is no English word; two such
    /// words in a row are one name. ("Mail from Grit Borg. Grit says hi": the second "Grit" stayed.)
    static func repeatedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .person }) else { return spans }
        let t = scan.tokens
        // A few words: compared by length, then by text (no hashing of every word of the text).
        var names: [(count: Int, lower: String)] = []
        let covering = scan.covering(spans)
        let covered = covering.map { $0 != nil }
        for k in t.indices {
            guard let s = covering[k] else { continue }
            if spans[s].kind == .person, t[k].kind == .word, t[k].count > 1, !t[k].has([.particle, .title]), !t[k].has(.shorthand) {
                if !names.contains(where: { $0.lower == t[k].lower }) { names.append((t[k].count, t[k].lower)) }
            }
        }
        guard !names.isEmpty else { return spans }
        func mention(_ k: Int) -> Bool {
            k < t.count && !covered[k] && t[k].kind == .word && (t[k].isCapitalized || t[k].isAllCaps || !t[k].has(.english) && !t[k].isCommon)
                && names.contains { $0.count == t[k].count && $0.lower == t[k].lower }
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

    /// A record number's word after a name, before its number, is not the name's (`MARTINEZ, JOSE A.
    /// MRN 00912233` took `MRN` for a surname in capitals): the name ends before it.
    static func withoutRecordWords(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .idNumber }), spans.contains(where: { $0.kind == .person }) else { return spans }
        let t = scan.tokens
        let covering = scan.covering(spans)
        var result = spans
        // (A device's word is left to the rules that read it: `SIM ICCID 8944…` is no name at all.)
        for k in t.indices where t[k].kind == .word && t[k].has(.recordCue) && !RecordNumberRecognizer.deviceCues.contains(t[k].lower) {
            guard let s = covering[k], spans[s].kind == .person, spans[s].end == t[k].end, spans[s].start < t[k].start else { continue }
            // Its number after it: past fillers and marks (`MRN: 00912233`, `Member ID 4471`).
            var n = k + 1
            while n < t.count, n <= k + 3, t[n].kind == .punct || RecordNumberRecognizer.fillers.contains(t[n].lower) { n += 1 }
            guard n < t.count, spans.contains(where: { $0.kind == .idNumber && $0.start == t[n].start }) else { continue }
            var last = k - 1
            while last >= 0, t[last].kind == .punct, t[last].start > spans[s].start { last -= 1 }
            guard last >= 0, t[last].end > spans[s].start else { continue }
            result[s].end = t[last].end
        }
        return result
    }

    /// A person of a clinical note's shorthand alone is none either (``WordLists/clinicalShorthand``),
    /// nor of `AM` or `PM` in capitals alone, a country's possessive (`Brazil's`, not a listed first
    /// name's) or a weekday's abbreviation alone (`Thu`), whoever read them so.
    /// A person or a place that is a product's name is neither ("Reset the cache in Safari", "Logged
    /// in with Okta SSO", "Opened in Acrobat Reader": the tagger and the surname rule read them as
    /// people after `in`, `with`, `via`): every word of the span a product's (``WordLists/products``)
    /// or a word that follows one (``WordLists/productTails``, a word in capitals of four letters at
    /// most, a number), one a product's at least. (The lists are asked only about the words of a
    /// person or a place found: as flags of every word they changed what other rules read of it.) A version's name after an operating system
    /// ("macOS Sonoma": a town) is none either, unless the lists hold it as a first name. A name a
    /// key or label gives (`Name: Brave`) stays.
    static func withoutProducts(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        // (A key, a title, a greeting, a signature or a table's column says a person is meant.)
        let t = scan.tokens
        func product(_ span: EntitySpan) -> Bool {
            guard span.kind == .person || span.kind == .location, !Self.saidToBePeople.contains(span.recognizer),
                  let first = scan.token(startingAt: span.start) else { return false }
            // (A name before its possessive ends inside its word: `Pt` of `Pt's`.)
            guard let last = scan.token(endingAt: span.end) ?? t.indices.first(where: { t[$0].start < span.end && span.end < t[$0].end && t[$0].possessiveStem != nil }) else { return false }
            // A version's name after its system: one word, no listed first name.
            if first == last, first >= 1, t[first].gap == 1, t[first - 1].kind == .word, WordLists.versionedSystems.contains(t[first - 1].lower),
               t[first].kind == .word, !t[first].isFirstNameAccented { return true }
            // A clinical note's shorthand alone, with its numbers ("500 mg BID", "HTN", "Pt" of "Pt's"),
            // and a time's `AM` or `PM` in capitals ("d/c tomorrow AM", and with it every "9 AM" of the note).
            if span.kind == .person, (first...last).allSatisfy({ t[$0].kind != .word || WordLists.clinicalShorthand.contains(t[$0].possessiveStem ?? t[$0].lower) }) { return true }
            if span.kind == .person, first == last, t[first].isAllCaps, t[first].lower == "am" || t[first].lower == "pm" { return true }
            // A country's possessive ("Brazil's and Mexico's teams", "spoke with Germany's office"), not a
            // first name's (`Jordan's account`).
            if span.kind == .person, first == last, let stem = t[first].possessiveStem, PlaceRecognizer.countries.contains(stem), !Lexicon.shared.lookup(stem).contains(.firstName) { return true }
            // A weekday's abbreviation alone ("moved to Thu", "on Sat"): a name only with its surname (`Thu Nguyen`).
            if span.kind == .person, first == last, t[first].count <= 4, t[first].has(.weekday) { return true }
            var named = false
            for k in first...last {
                switch t[k].kind {
                case .punct: if !t[k].isMark(in: ".-") { return false }
                case .number: continue
                case .word:
                    if WordLists.products.contains(t[k].lower) { named = true; continue }
                    if t[k].isAllCaps && t[k].count <= 4 || WordLists.productTails.contains(t[k].lower) { continue }
                    return false
                }
            }
            return named
        }
        guard spans.contains(where: product) else { return spans }
        return spans.filter { !product($0) }
    }

    /// A place that is a time's: a time zone's words before `Time` ("Customer in Pacific Time", "9 AM
    /// Eastern Standard Time": `Pacific` became a town), a month's name alone ("stayed at the hotel in
    /// March": March is a town of Cambridgeshire).
    static func withoutTimeWords(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        func time(_ span: EntitySpan) -> Bool {
            guard span.kind == .location, span.recognizer == "location", let first = scan.token(startingAt: span.start),
                  let last = scan.token(endingAt: span.end) else { return false }
            if first == last, t[first].has(.month), !t[first].isAllCaps { return true }
            guard (first...last).allSatisfy({ t[$0].kind == .word && WordLists.timeZoneWords.contains(t[$0].lower) }) else { return false }
            var next = last + 1
            while next < t.count, t[next].gap == 1, t[next].kind == .word, WordLists.timeZoneWords.contains(t[next].lower) { next += 1 }
            return next < t.count && t[next].gap == 1 && t[next].lower == "time"
        }
        guard spans.contains(where: time) else { return spans }
        return spans.filter { !time($0) }
    }

    /// The recognisers whose words around a name say a person is meant, whatever the name.
    static let saidToBePeople: Set<String> = [
        "person.keyed", "person.keyed.surname", "person.title", "person.greeting", "person.signature", "person.speaker", "person.addressee",
        "person.recipient", "person.table", "person.display-name", "person.email-name",
    ]

    /// A user name made of a name the text holds is that person's: `@nkemdirim` or `(ndirim)` where
    /// the text names Nkem Dirim (they stayed: no list holds such a word, and it is no name's shape).
    /// The name's first and last words joined (`nkemdirim`, `nkem.dirim`, `nkem_dirim`), or its first
    /// initial before its last word (`ndirim`), accents left out, five letters at least; scored 0.8.
    static func handlesOfNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .person }) else { return spans }
        let t = scan.tokens
        let covering = scan.covering(spans)
        // Each name's words, in one pass over the tokens.
        var words: [Int: [Int]] = [:]
        for k in t.indices {
            guard let s = covering[k], spans[s].kind == .person, t[k].kind == .word, !t[k].has(.title), t[k].count > 1 else { continue }
            words[s, default: []].append(k)
        }
        var handles: Set<String> = []
        for words in words.values {
            guard words.count >= 2 else { continue }
            // (Without a possessive's `s`: `Dirim's` is one word.)
            let end = t[words.last!]
            let first = TextScan.folded(t[words.first!].key), last = TextScan.folded(end.possessiveStem != nil ? String(end.key.dropLast()) : end.key)
            guard !first.isEmpty, !last.isEmpty else { continue }
            handles.formUnion(Self.handleForms(first, last).filter { $0.count >= 5 })
        }
        guard !handles.isEmpty else { return spans }
        // (A word is looked up only at a handle's length: an ASCII word's key is its folded form.)
        var lengths = Set<Int>()
        for handle in handles { lengths.insert(handle.utf8.count) }
        // Free, or a name found in the handle's first or last word alone (`nkem` of `nkem.dirim`), which the handle replaces.
        func free(_ k: Int) -> Bool {
            guard let s = covering[k] else { return true }
            return spans[s].kind == .person && spans[s].start >= t[k].start && spans[s].end <= t[k].end
        }
        var added: [EntitySpan] = []
        var k = 0
        while k < t.count {
            defer { k += 1 }
            guard t[k].kind == .word, !t[k].isAllCaps else { continue }
            // `nkem.dirim`: two words joined by a dot or an underscore, nothing between.
            if k + 2 < t.count, t[k + 1].gap == 0, t[k + 1].isMark(in: "._"), t[k + 2].gap == 0, t[k + 2].kind == .word, free(k), free(k + 2),
               handles.contains(TextScan.folded(t[k].key) + scan.text(of: t[k + 1]) + TextScan.folded(t[k + 2].key)) {
                added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k + 2].end, score: 0.8, recognizer: "person.handle-of-name"))
                k += 2
                continue
            }
            if covering[k] == nil, !t[k].isASCII || lengths.contains(t[k].key.utf8.count), handles.contains(TextScan.folded(t[k].key)) {
                added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.8, recognizer: "person.handle-of-name"))
            }
        }
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in !added.contains { $0.overlaps(span) } }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// The user names a name's first and last words (lower case, no accents) make, in one order for
    /// the recogniser and the fake alike: joined, the first's initial before the last, and joined by
    /// a dot or an underscore.
    static func handleForms(_ first: String, _ last: String) -> [String] {
        [first + last, String(first.prefix(1)) + last, first + "." + last, first + "_" + last]
    }

    /// Folders that are no one's home ("/home/shared", "C:\\Users\\Public").
    static let sharedHomes: Set<String> = [
        "shared", "public", "default", "guest", "admin", "administrator", "root", "ubuntu", "debian", "centos", "fedora", "runner", "user", "username",
        "me", "app", "apps", "www", "www-data", "node", "postgres", "git", "ec2-user", "vagrant", "docker", "jenkins", "defaultuser",
    ]

    /// A number of a phone's length right after a person's name, in brackets or after a dash, a
    /// comma or a colon — "Spoke to Cletus Sim (085168068)", "Talked w/ Daron Calkins - 351770074 -" —
    /// is the person's: their phone number, or a number as much theirs (it stayed in the clear where
    /// no word said "phone", in one group that no phone's shape rule takes). 7–15 digits in one run,
    /// no date's shape, nothing found there; scored 0.6.
    static func numbersBesideNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.digitCount >= 7, spans.contains(where: { $0.kind == .person }) else { return spans }
        let runs = NumberRecognizer().runs(scan)
        let covered = scan.covering(spans)
        var added: [EntitySpan] = []
        for span in spans where span.kind == .person {
            guard let b = scan.token(endingAt: span.end), b + 1 < t.count, t[b + 1].gap <= 1 else { continue }
            var k = b + 1
            if t[k].isMark(in: "-,:") || t[k].isMark("–") || t[k].isMark("—") {
                k += 1
                guard k < t.count, t[k].gap <= 1 else { continue }
            } else if !t[k].isMark("(") {
                continue
            }
            guard let run = runs.first(where: { $0.first == k }), (7...15).contains(run.digits.count) else { continue }
            let first = t[run.first].isMark("(") ? run.first + 1 : run.first
            guard !run.isDate(marks: run.marks), (first...run.last).allSatisfy({ covered[$0] == nil }) else { continue }
            added.append(EntitySpan(kind: .phoneNumber, start: t[first].start, end: t[run.last].end, score: 0.6, recognizer: "phone.beside-name"))
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }

    /// The user's folder in a path (a traceback, a log line, a pasted command): the part after
    /// `/home/`, `/Users/` or `C:\Users\` up to the next separator (`/home/ana.lima/app`: a login names
    /// its person as a user name does). Folders that are no one's (`/home/shared`) stay.
    static func homeFolders(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = [], cleared: [Range<Int>] = []
        // (The marks around first: most words are between none.)
        for k in t.indices where k >= 1 && k + 2 < t.count && (t[k - 1].isMark("/") || t[k - 1].isMark("\\")) && (t[k + 1].isMark("/") || t[k + 1].isMark("\\")) {
            guard t[k].count >= 4, t[k].count <= 5, t[k].lower == "home" || t[k].lower == "users", t[k].gap == 0, t[k + 1].gap == 0,
                  t[k + 2].gap == 0, t[k + 2].kind == .word else { continue }
            // The folder: words, digits, dots, hyphens and underscores, to the next separator.
            var end = k + 2
            while end + 1 < t.count, t[end + 1].gap == 0, t[end + 1].kind != .punct || t[end + 1].isMark(in: "._-") { end += 1 }
            while end > k + 2, t[end].kind == .punct { end -= 1 }
            let start = t[k + 2].start, stop = t[end].end
            guard !sharedHomes.contains(scan.text(of: t[k + 2]).lowercased()) || end > k + 2,
                  !spans.contains(where: { $0.start < stop && start < $0.end && $0.kind != .person }) else { continue }
            added.append(EntitySpan(kind: .person, start: start, end: stop, score: 0.8, recognizer: "person.home-folder"))
            // The path before it is no one's name (the tagger read `C:\\Users` as two).
            var from = k - 1
            if from >= 2, t[from - 1].isMark(":"), t[from - 1].gap == 0, t[from - 2].kind == .word, t[from - 2].count == 1 { from -= 2 }
            cleared.append(t[from].start..<t[k + 1].end)
        }
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in
            !(span.kind == .person && (added.contains { $0.overlaps(span) } || cleared.contains { $0.contains(span.start) }))
        }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// A word in lower case no list holds, of four letters or more, that is no English word nor an
    /// English word's plural (`okafor`, not `app`, `apps`, `docs`): a surname in a file's name after a first name.
    static func isUnknownSurname(_ text: String, _ token: TextScan.Token) -> Bool {
        guard token.isUnknown, token.count >= 4, text.allSatisfy(\.isLowercase), !WordLists.moreEnglish.contains(text) else { return false }
        return !(text.hasSuffix("s") && Lexicon.shared.lookup(String(text.dropLast())).contains(.english))
    }

    /// A word written in capitals cut where a capital follows a small letter, or opens a word after
    /// capitals (`MaryJohnsonCV` → Mary, Johnson, CV; `CVMaryJohnson` → CV, Mary, Johnson).
    static func camelCasePieces(_ word: String) -> [String] {
        let characters = Array(word)
        guard characters.count >= 5, characters.allSatisfy(\.isLetter) else { return [word] }
        var pieces: [String] = [], current = ""
        for (index, character) in characters.enumerated() {
            if index > 0, character.isUppercase,
               characters[index - 1].isLowercase || characters[index - 1].isUppercase && index + 1 < characters.count && characters[index + 1].isLowercase {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    /// A person's name inside a file's name, its words joined by `_` (`passport_scan_mary_johnson.jpg`,
    /// `John_Smith_CV.pdf`, `referral_maria_garcia_lopez_2.pdf`: they stayed): a listed first name,
    /// then a listed surname (and a second one) or a capitalised word no common one, in a name of
    /// letters, digits, `_`, `-` and `.` before a known extension; or joined by `-`, a listed first
    /// name and a listed surname (`john-smith-resume.pdf`). What else was found across the
    /// file's name for a person gives way (the tagger read `Uploaded John` and `referral mary` as
    /// names' parts).
    static func fileNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        // Files' stems whose words are joined (`_`, `-`, capitals), stems of one word, extensions.
        var added: [EntitySpan] = [], files: [Range<Int>] = [], words: [Range<Int>] = [], programs: [Range<Int>] = [], extensions: [Range<Int>] = []
        for k in t.indices where k >= 1 && k + 1 < t.count && t[k].isMark(".") && t[k].gap == 0 && t[k + 1].gap == 0 && t[k + 1].kind == .word {
            let document = fileExtensions.contains(t[k + 1].lower)
            // Initials are no file: `J.R. Tolkien` is no R script `J.R` (the name was dropped as one).
            let initials = t[k - 1].count == 1 && t[k - 1].isCapitalized && t[k + 1].count == 1 && t[k + 1].isCapitalized
            // Nor is a name and an initial after a word that hands or names an account (`user anita.r`: an R script).
            let login = t[k + 1].count == 1 && !t[k + 1].isCapitalized && t[k - 1].isFirstNameAccented && Self.handleCued(t, k - 1)
            guard !initials, !login, document || codeExtensions.contains(t[k + 1].lower),
                  k + 2 >= t.count || t[k + 2].gap > 0 || t[k + 2].kind == .punct && !t[k + 2].isMark(in: "_-") else { continue }
            // The name's stem: back over words, numbers, `_` and `-` written together.
            var s = k - 1
            while s > 0, t[s].gap == 0, t[s - 1].kind != .punct || t[s - 1].isMark(in: "_-") { s -= 1 }
            extensions.append(t[k].start..<t[k + 1].end)
            // (A program's or a data file's name is read for no one: `john_smith.py` is a module,
            // and so is the rest of its name before other dots, `test_Numbers.cpython-311.pyc`.)
            guard document else {
                while s >= 2, t[s].gap == 0, t[s - 1].isMark("."), t[s - 1].gap == 0, t[s - 2].kind != .punct {
                    s -= 2
                    while s > 0, t[s].gap == 0, t[s - 1].kind != .punct || t[s - 1].isMark(in: "_-") { s -= 1 }
                }
                programs.append(t[s].start..<t[k].start)
                continue
            }
            // Each word's pieces where written together in capitals (`MaryJohnsonCV`: three).
            let camel = (s..<k).map { t[$0].kind == .word ? Self.camelCasePieces(scan.text(of: t[$0])) : [] }
            guard (s..<k).contains(where: { t[$0].isMark("_") || t[$0].kind == .word && (t[$0].lower.contains("-") || camel[$0 - s].count > 1) }) else {
                words.append(t[s].start..<t[k].start)
                continue
            }
            // Words written together in capitals (`MaryJohnsonCV.pdf`): a listed first name and a
            // listed surname or a capitalised word no list holds.
            for w in s..<k where camel[w - s].count > 1 {
                let pieces = camel[w - s]
                var offsets: [Int] = [], offset = t[w].start
                for piece in pieces { offsets.append(offset); offset += piece.utf16.count }
                var p = 0
                while p + 1 < pieces.count {
                    let first = Lexicon.shared.lookup(pieces[p].lowercased()), last = Lexicon.shared.lookup(pieces[p + 1].lowercased())
                    let upperFirst = pieces[p + 1].first?.isUppercase == true && pieces[p + 1].dropFirst().allSatisfy(\.isLowercase)
                    guard first.contains(.firstName), pieces[p].count >= 2, upperFirst, pieces[p + 1].count >= 3,
                          last.contains(.lastName) || last.isEmpty else { p += 1; continue }
                    added.append(EntitySpan(kind: .person, start: offsets[p], end: offsets[p + 1] + pieces[p + 1].utf16.count, score: 0.8, recognizer: "person.file-name"))
                    p += 2
                }
            }
            // Words joined by `-` are one word to the scan (`john-smith-resume.pdf`, a web upload's
            // name): their parts are read apart.
            for w in s..<k where t[w].kind == .word && t[w].lower.contains("-") {
                let pieces = scan.text(of: t[w]).split(separator: "-", omittingEmptySubsequences: false)
                var offsets: [Int] = [], offset = t[w].start
                for piece in pieces { offsets.append(offset); offset += piece.utf16.count + 1 }
                var p = 0
                while p + 1 < pieces.count {
                    let first = Lexicon.shared.lookup(pieces[p].lowercased()), last = Lexicon.shared.lookup(pieces[p + 1].lowercased())
                    guard first.contains(.firstName), last.contains(.lastName), pieces[p].count >= 2, pieces[p + 1].count >= 2 else { p += 1; continue }
                    added.append(EntitySpan(kind: .person, start: offsets[p], end: offsets[p + 1] + pieces[p + 1].utf16.count, score: 0.8, recognizer: "person.file-name"))
                    p += 2
                }
            }
            var i = s
            while i + 2 < k {
                // (A surname no list holds in lower case only after a first name that is no English word:
                // `referral_renee_okafor.pdf`, not `setup_will_fail.log`.)
                guard t[i].kind == .word, t[i].isFirstNameAccented, t[i + 1].isMark("_"), t[i + 2].kind == .word,
                      t[i + 2].isLastNameAccented || t[i + 2].isCapitalized && !t[i + 2].isCommon && !t[i + 2].isAllCaps
                        || !t[i].has(.english) && Self.isUnknownSurname(scan.text(of: t[i + 2]), t[i + 2]) else { i += 1; continue }
                var e = i + 2
                if e + 2 < k, t[e + 1].isMark("_"), t[e + 2].kind == .word, t[e + 2].isLastNameAccented, !t[e + 2].has(.english) { e += 2 }
                added.append(EntitySpan(kind: .person, start: t[i].start, end: t[e].end, score: 0.8, recognizer: "person.file-name"))
                i = e + 1
            }
            files.append(t[s].start..<t[k + 1].end)
        }
        guard !extensions.isEmpty else { return spans }
        // A name is never across an extension (`ed.json`, `sig.py`: a handle's and a title's
        // guesses) nor inside a program's name; in a document's stem of joined words the rule above
        // reads the names; the tagger's guess at a stem of one word (`NoEcho.pdf`) is none.
        let kept = spans.filter { span in
            guard span.kind == .person else { return true }
            let touches = { (range: Range<Int>) in range.contains(span.start) || range.contains(span.end - 1) }
            let within = { (range: Range<Int>) in range.lowerBound <= span.start && span.end <= range.upperBound }
            // (The tagger's guess that runs on from the words before a stem of one word, `Uploaded
            // NoEcho.pdf`, is none either, unless those words hold a listed name: `Befund Grace Hopper.pdf`.)
            let runsOn = { (range: Range<Int>) in
                touches(range) && !t.contains { $0.start >= span.start && $0.end <= range.lowerBound && $0.kind == .word && $0.isListedName }
            }
            return !(added.contains { $0.overlaps(span) } || extensions.contains { $0.overlaps(span.start..<span.end) } || files.contains(where: touches)
                     || programs.contains(where: touches) || span.recognizer == "person.model" && words.contains(where: runsOn))
        }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// Extensions of the files people keep and name after themselves or others.
    /// Extensions of programs', configurations' and data files (`teal.py`, `ed.json`): names of
    /// files, never across their dot a person's, read for no one.
    static let codeExtensions: Set<String> = [
        "py", "pyc", "pyi", "pyx", "pyd", "ipynb", "js", "mjs", "cjs", "ts", "tsx", "jsx", "json", "ndjson", "jsonl", "yaml", "yml", "toml", "ini", "cfg",
        "conf", "xml", "xsd", "html", "htm", "css", "scss", "svg", "ico", "md", "rst", "tex", "log", "sh", "bash", "zsh", "ps1", "bat", "cmd", "sql",
        "db", "sqlite", "swift", "kt", "java", "class", "jar", "war", "go", "rs", "rb", "php", "pl", "pm", "lua", "cs", "cpp", "cc", "cxx", "hpp",
        "so", "dll", "dylib", "exe", "bin", "dat", "mat", "npy", "npz", "pkl", "parquet", "avro", "orc", "gz", "tgz", "bz2", "xz", "zst", "tar",
        "rar", "7z", "iso", "dmg", "apk", "ipa", "deb", "rpm", "whl", "egg", "lock", "bak", "tmp", "swp", "ttf", "otf", "woff", "woff2", "map",
        "proto", "gradle", "cmake", "mk", "vue", "dart", "scala", "clj", "ex", "exs", "erl", "hs", "ml", "fs", "r", "jl", "m4a", "ogg", "flac",
        "mkv", "avi", "webm",
    ]

    static let fileExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "rtf", "txt", "csv", "jpg", "jpeg", "png", "gif", "tif", "tiff",
        "bmp", "heic", "webp", "msg", "eml", "zip", "mp3", "mp4", "mov", "wav", "pages",
    ]

    /// A word of the text that its own email address is made of ("Row 7: Kekoa | Kahananui |
    /// kekoa.k@mail.example": no list holds Kekoa, and it stayed beside the replaced address): a
    /// capitalised word of three letters or more that no finding covers, equal to a part of an
    /// email's local part (split at `.`, `_`, `-` and digits); no English or common word (`Sales`
    /// and sales.team@…).
    static func emailNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .email }) else { return spans }
        let t = scan.tokens
        var parts: Set<String> = []
        for span in spans where span.kind == .email {
            guard var k = scan.token(startingAt: span.start) else { continue }
            while k < t.count, t[k].start < span.end, !t[k].isMark("@") {
                if t[k].kind == .word, t[k].count >= 3, !t[k].has([.english, .common]) { parts.insert(t[k].lower) }
                k += 1
            }
        }
        guard !parts.isEmpty else { return spans }
        let covered = scan.covering(spans)
        var added: [EntitySpan] = []
        for k in t.indices where covered[k] == nil && t[k].kind == .word && t[k].count >= 3 && (t[k].isCapitalized || t[k].isAllCaps) && parts.contains(t[k].lower) {
            // (Not a part of a longer token run: a domain, a path, an identifier.)
            if k > 0, t[k].gap == 0, t[k - 1].isMark(in: "./_@-") { continue }
            if k + 1 < t.count, t[k + 1].gap == 0, t[k + 1].isMark(in: "./_@-"), k + 2 < t.count, t[k + 2].gap == 0 { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.6, recognizer: "person.email-name"))
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }

    /// A row of cells pasted without its header ("42,Manfred,Smith,m@x.example" stayed): a cell of
    /// one capitalised word, the next cell one too, a listed first name and a listed surname or one
    /// of them and a word no list knows, the two apart by a comma, a semicolon or a bar with no space
    /// around it, a third cell on the line, not both English words ("Red,Green") nor both places.
    /// Each is a name of its own, so the row's cells stay apart.
    static func rowNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        // (Cells touch their marks: prose puts a space after its commas.)
        guard t.indices.dropLast().contains(where: { t[$0].gap == 0 && t[$0 + 1].gap == 0 && t[$0].isMark(in: ",;|") }) else { return spans }
        let covered = scan.covering(spans)
        func separator(_ k: Int) -> Bool { k >= 0 && k < t.count && t[k].isMark(in: ",;|") && t[k].gap == 0 }
        func cell(_ k: Int) -> Bool {
            // One word between separators (or the line's ends), none touching it.
            k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && t[k].count > 1 && !t[k].isCommon && covered[k] == nil
                && (k == 0 || t[k].gap == 2 || separator(k - 1) && t[k].gap == 0) && (k + 1 == t.count || t[k + 1].gap == 2 || separator(k + 1))
        }
        var added: [EntitySpan] = []
        var k = 0
        while k + 2 < t.count {
            defer { k += 1 }
            guard cell(k), separator(k + 1), cell(k + 2),
                  t[k].isFirstNameAccented || t[k].isUnknown, t[k + 2].isLastNameAccented || t[k + 2].isUnknown, t[k].isFirstNameAccented || t[k + 2].isLastNameAccented,
                  !(t[k].has(.english) && t[k + 2].has(.english)), !(t[k].has(.place) && t[k + 2].has(.place)),
                  // A row: a third cell or more on the line.
                  separator(k - 1) || separator(k + 3) else { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.7, recognizer: "person.row"))
            added.append(EntitySpan(kind: .person, start: t[k + 2].start, end: t[k + 2].end, score: 0.7, recognizer: "person.row"))
            k += 2
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }
}
