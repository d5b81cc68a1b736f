/// Person names from the census name lists, titles, initials and context: "Dr. Ana Lima",
/// "ana lima", "LIMA, Ana", "J. R. Smith", "Anne-Marie O'Brien", lists of first names after a cue.
///
/// Scores: a first and a last name from the lists, or a title before capitalised words, 0.9; a
/// listed first name before any capitalised word 0.8 (or a listed surname after an unknown one);
/// names in lower or upper case 0.65; a first name alone 0.6 after a cue word, 0.5 otherwise; a
/// line of listed names alone 0.6.
struct NameRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.person]
    static let first = Set(Dictionaries.shared.firstNamesLowercased)
    static let last = Set(Dictionaries.shared.lastNamesLowercased)

    /// Words that make a department of a word introducing a person: "Customer Success", "Patient Care".
    /// A form's label words after a person's word, and the forms of address a letter puts before
    /// it ("Patient Name:", "Customer ID", "Dear Valued Customer"): no name.
    static let formLabels: Set<String> = [
        "name", "names", "id", "ids", "number", "no", "record", "records", "details", "info", "information", "account", "address", "email",
        "phone", "contact", "file", "notes", "data", "dob", "type", "status", "valued", "esteemed", "loyal", "new", "existing",
    ]

    static let departments: Set<String> = [
        "success", "service", "services", "support", "care", "experience", "relations", "team", "teams", "portal", "desk", "centre",
        "center", "operations", "onboarding", "advocacy", "engagement", "satisfaction", "retention", "journey", "insights", "feedback",
        // Departments themselves (a signature's team line, an item of a list of names).
        "marketing", "sales", "finance", "legal", "engineering", "hr", "it", "security", "logistics", "product", "design", "research",
        "accounting", "billing", "procurement", "compliance", "management", "admin", "administration", "facilities", "reception",
        "payroll", "recruiting", "purchasing", "shipping", "warehouse", "dispatch", "quality", "infrastructure", "devops", "helpdesk",
        "payable", "receivable", "accounts", "treasury", "ops", "qa",
    ]

    /// A line that closes a message, in lower case (its punctuation aside): the next line is the sender.
    static let closings: Set<String> = [
        "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "all the best", "thanks", "thank you",
        "many thanks", "thanks again", "thanks and regards", "cheers", "sincerely", "yours sincerely", "sincerely yours", "yours truly", "yours", "best", "br",
        "thx", "respectfully", "cordialement", "bien cordialement", "saludos", "un saludo", "atentamente", "grüße", "viele grüße",
        "mit freundlichen grüßen", "beste grüße", "groeten", "met vriendelijke groet", "cordiali saluti", "saluti", "pozdrawiam",
        "obrigado", "obrigada", "atenciosamente", "gracias", "merci", "danke", "mvh", "med vänlig hälsning", "hälsningar",
        // (Each of these lines was taken for a name, or its sender missed.)
        "med vänliga hälsningar", "vänliga hälsningar", "med venlig hilsen", "venlig hilsen", "med vennlig hilsen", "vennlig hilsen",
        "ystävällisin terveisin", "terveisin", "s pozdravem", "üdvözlettel", "saygılarımla", "distinti saluti", "un abrazo", "saludos cordiales",
        "un cordial saludo", "bien à vous", "meilleures salutations", "sincères salutations", "liebe grüße", "freundliche grüße",
        "herzliche grüße", "mfg", "abraços", "cumprimentos", "melhores cumprimentos", "hartelijke groet", "groetjes", "met vriendelijke groeten",
        "vriendelijke groet", "z poważaniem", "serdecznie pozdrawiam", "с уважением", "tack", "kiitos", "grazie",
    ]

    /// Whether a line's tokens are a closing alone (`Met vriendelijke groet,`): its words, and marks of `,.!-`.
    static func isClosing(_ line: ArraySlice<TextScan.Token>) -> Bool {
        line.count < 6 && line.allSatisfy { $0.kind == .word || $0.isMark(in: ",.!-") }
            && closings.contains(line.filter { $0.kind == .word }.map(\.lower).joined(separator: " "))
    }

    func isFirst(_ token: TextScan.Token) -> Bool { token.isFirstNameAccented }
    func isLast(_ token: TextScan.Token) -> Bool { token.isLastNameAccented }
    func nameShaped(_ token: TextScan.Token) -> Bool { token.kind == .word && (token.isCapitalized || token.isAllCaps) && !token.isCommon }
    /// Words before a person's name where the tagger has no cue ("refund to Otfried Hering").
    static let towardsPerson: Set<String> = ["to", "from", "for"]

    /// `karl-heinz`: a first name the lists hold, then parts of three letters or more that they
    /// hold as surnames or first names and no English or common word spells.
    static func givenJoinedToSurnames(_ lower: String) -> Bool {
        let parts = lower.split(separator: "-")
        guard parts.count >= 2, Lexicon.shared.lookup(String(parts[0])).contains(.firstName) else { return false }
        return parts.dropFirst().allSatisfy { part in
            let flags = Lexicon.shared.lookup(String(part))
            return part.count >= 3 && !flags.isDisjoint(with: .names) && flags.isDisjoint(with: [.english, .common])
        }
    }

    /// Titles a person is addressed by that are no other word (`Dr` is also a drive, `MS Word` a program,
    /// `miss` a verb).
    static let personalTitles: Set<String> = ["mr", "mrs", "mister"]

    /// Small words that follow a person's name in a clause ("Mrs. white yesterday", "mr. brown at the
    /// desk"); a verb a person is the subject of is ``EntityRecognizer/subjectVerb(_:)``'s.
    static let afterSurname: Set<String> = [
        "about", "at", "from", "on", "in", "is", "was", "will", "has", "had", "and", "or", "yesterday", "today", "tomorrow", "again", "too",
        "here", "there", "who", "if", "to", "for", "that",
    ]

    /// Words before `Sr.` that make it Spanish's or Portuguese's title, not a senior: greetings and articles.
    static let seniorTitleCues: Set<String> = ["estimado", "estimada", "prezado", "prezada", "querido", "caro", "distinguido", "el", "al", "del", "o", "ao", "do", "para", "con", "com"]

    /// Words before a nickname in quotes ("aka \"Tee\"", "nickname: \"Tee\"").
    static let nicknameCues: Set<String> = ["aka", "alias", "nickname", "nicknamed", "called", "named", "prefers"]
    /// Those that say a nickname follows whatever its word.
    static let nicknameWords: Set<String> = ["aka", "alias", "nickname", "nicknamed"]

    static func isInitial(_ t: [TextScan.Token], _ k: Int) -> Bool {
        k < t.count && t[k].kind == .word && t[k].count == 1 && t[k].isCapitalized && k + 1 < t.count && t[k + 1].isMark(".") && t[k + 1].gap == 0
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        var i = 0
        func add(_ s: Int, _ e: Int, _ score: Double, _ how: String) {
            // A region of the world is no one ("Asia Pacific": a first name and a capitalised word).
            guard !WordLists.holdsWorldRegion(t, s, e) else { return }
            spans.append(EntitySpan(kind: .person, start: t[s].start, end: t[e].end, score: score, recognizer: "person.\(how)"))
        }
        /// The last token of a surname starting at `k` (particles and hyphenated parts included), or nil.
        func surname(from k: Int, capitalised: Bool) -> Int? {
            var k = k
            while k + 1 < t.count, t[k].has(.particle), t[k + 1].gap == 1, t[k + 1].kind == .word { k += 1 }
            guard k < t.count, t[k].gap == 1, t[k].kind == .word else { return nil }
            if capitalised { return nameShaped(t[k]) || isLast(t[k]) && t[k].isCapitalized ? k : nil }
            return isLast(t[k]) ? k : nil
        }
        // A line of one to three listed names and nothing else, in a text of several lines: a list of
        // names one to a line ("Maria\nJohn\nAna"), where the tagger reads a name under another as
        // the line after a signature's name (a team, a title) and the rule for a first name alone
        // leaves a line's first word to the cues.
        // The line after a closing ("Regards", "Kind regards,", "Thanks,", "Saludos"): one to three
        // capitalised words, or "Last, First", whatever the lists hold — a signature's name.
        if t.contains(where: { $0.gap == 2 }) {
            var start = 0
            var afterClosing = false
            while start < t.count {
                var end = start
                while end + 1 < t.count, t[end + 1].gap != 2 { end += 1 }
                let line = t[start...end]
                if end - start < 3, line.allSatisfy({ nameShaped($0) && $0.count > 1 && (isFirst($0) && !$0.isJoinedFirstName || isLast($0)) }) {
                    add(start, end, 0.6, "line")
                } else if afterClosing, end - start < 4, t[end].kind == .word,
                          line.allSatisfy({ $0.isMark(",") || nameShaped($0) && !$0.has([.organizationSuffix, .title, .place]) && !Self.departments.contains($0.lower) }) {
                    // Words alone, or two around one comma ("Farkas, Zsuzsanna").
                    let commas = line.filter { $0.isMark(",") }.count
                    if commas == 0 || commas == 1 && end - start == 2 { add(start, end, 0.7, "signature") }
                } else if afterClosing, end - start < 3,
                          line.allSatisfy({ $0.kind == .word && !$0.isCapitalized && !$0.isAllCaps && $0.count > 1 && !$0.isCommon
                              && (!$0.has(.english) || $0.isFirstNameAccented) && !$0.has([.organizationSuffix, .title, .place, .month, .weekday])
                              && !Self.departments.contains($0.lower) }) {
                    // A sender in lower case, as a phone or a chat writes it ("Best,⏎wiktor mejer" stayed):
                    // words no English list holds, or a listed first name.
                    add(start, end, 0.65, "signature")
                }
                afterClosing = Self.isClosing(line)
                start = end + 1
            }
        }
        // A closing and a first name on one line, a dash or a comma between ("thx - mike", "Thanks!
        // -Ana", "cheers, dave"): the name signs the message, in any case, at its line's end.
        for k in t.indices where t[k].kind == .word && Self.closings.contains(t[k].lower) && (k == 0 || t[k].gap == 2 || t[k - 1].kind == .punct) {
            var n = k + 1
            while n < t.count, t[n].gap < 2, t[n].isMark(in: "!.") { n += 1 }
            guard n + 1 < t.count, t[n].gap < 2, t[n].isMark(in: ",-") || t[n].mark == 0x2013 || t[n].mark == 0x2014, t[n + 1].gap < 2,
                  t[n + 1].kind == .word, t[n + 1].count > 1, t[n + 1].isFirstNameAccented, !t[n + 1].isCommon, !t[n + 1].isAllCaps else { continue }
            // Nothing after it on its line but marks (an emoji, a full stop).
            var end = n + 2
            while end < t.count, t[end].gap < 2, t[end].kind == .punct { end += 1 }
            guard end == t.count || t[end].gap == 2 else { continue }
            add(n + 1, n + 1, 0.7, "signature")
        }
        // A first name set off from its line by a spaced dash, at the line's end or start, with no
        // closing word ("Please deliver to the back door (ring twice) – Hamid", "Hamid – please call
        // back": they stayed): a first name, no word, month, weekday or place, and a surname after it.
        func dash(_ k: Int) -> Bool { k >= 0 && k < t.count && (t[k].mark == 0x2013 || t[k].mark == 0x2014 || t[k].isMark("-")) }
        func signing(_ a: Int) -> Int? {
            // (A listed first name, or a name's shape no list knows: `Hamid` is in no census list.)
            guard a < t.count, t[a].kind == .word, t[a].isCapitalized, !t[a].isAllCaps, t[a].count > 1, !t[a].isJoinedFirstName,
                  t[a].isFirstNameAccented || nameShaped(t[a]) && t[a].flags.isEmpty,
                  !t[a].isCommon, !t[a].has([.english, .month, .weekday, .title, .place]) else { return nil }
            if a + 1 < t.count, t[a + 1].gap == 1, nameShaped(t[a + 1]), isLast(t[a + 1]), !t[a + 1].has([.english, .common]) { return a + 1 }
            return a
        }
        for k in t.indices where dash(k) && t[k].gap == 1 && k + 1 < t.count && t[k + 1].gap == 1 {
            // At the line's end, after the dash.
            if k > 0, let b = signing(k + 1), b + 1 == t.count || t[b + 1].gap == 2 { add(k + 1, b, 0.65, "signature") }
            // At the line's start, before it.
            if k > 0, !dash(k - 1) {
                var a = k - 1
                if a >= 1, t[a - 1].gap < 2, t[a].gap == 1, nameShaped(t[a]) { a -= 1 }
                if (a == 0 || t[a].gap == 2), let b = signing(a), b == k - 1 { add(a, b, 0.65, "signature") }
            }
        }
        while i < t.count {
            let token = t[i]
            guard token.kind == .word else { i += 1; continue }
            // A title, then one to three capitalised words or initials. (Spanish's and Portuguese's
            // `Sr.` after a greeting or an article: "Estimado Sr. Gutiérrez", "Prezado Sr. Gonçalves",
            // "el Sr. Ruiz" — the surname stayed; English's "Sr." is a senior.)
            // (Not a title inside an address, `…@starfleet.fr`, `www.dr.com`, and not one whose next
            // word is on another line: `….fr⏎Called back` read a name `Called`.)
            let inAddress = i > 0 && token.gap == 0 && t[i - 1].isMark(in: ".@/")
            if !inAddress, token.has(.title) || token.lower == "sr" && i > 0 && token.gap == 1 && Self.seniorTitleCues.contains(t[i - 1].lower) {
                var k = i + 1
                if k < t.count, t[k].isMark("."), t[k].gap == 0 { k += 1 }
                if k < t.count, t[k].gap == 2 { i += 1; continue }
                // An abbreviation's feminine ending: "Dott.ssa Rossi", "Sig.ra Bianchi".
                if k > i + 1, k < t.count, t[k].gap == 0, WordLists.titleEndings.contains(t[k].lower) { k += 1 }
                // Titles in a row: "Frau Dr. Schneider", "Herr Prof. Dr. Weber" (four at most: a run of
                // them, "Mr. Mr. Mr. …", was read again from each of its titles, the text's length squared).
                while k < t.count, k - i < 8, t[k].kind == .word, t[k].has(.title), t[k].gap == 1 {
                    k += 1
                    if k < t.count, t[k].isMark("."), t[k].gap == 0 { k += 1 }
                }
                // A doctor's faculty, each part with its full stop ("Dr. med. Weiß", "Dr. rer. nat. Kühnel").
                if k >= 2, t[k - 1].isMark("."), t[k - 2].lower == "dr" {
                    while k + 1 < t.count, k - i < 12, t[k].kind == .word, WordLists.doctorates.contains(t[k].lower), t[k].gap == 1 || t[k].gap == 0 && t[k - 1].isMark("."),
                          t[k + 1].isMark("."), t[k + 1].gap == 0 {
                        k += 2
                    }
                }
                var last = -1, j = k
                // In lower case ("Dr. mark simmons"): words the name lists hold or no list knows, no
                // common word, one at least no English word ("Mr field" names no one).
                func lowerName(_ n: Int) -> Bool {
                    t[n].kind == .word && !t[n].isCapitalized && !t[n].isAllCaps && t[n].count > 1 && !t[n].isCommon && !t[n].has(.particle)
                        && (t[n].isListedName || t[n].isUnknown)
                }
                if k < t.count, lowerName(k) {
                    while j < t.count, j - k < 3, t[j].gap == 1 || j == k, lowerName(j) { last = j; j += 1 }
                    if last >= k, t[k...last].contains(where: { !$0.has(.english) }) { add(k, last, 0.85, "title"); i = last + 1; continue }
                    // After a person's own title (not `Dr`, `Prof`: a drive, a profile), a surname the
                    // lists hold, English word or not, ending the clause or before a verb or a small word
                    // that follows a person: "the caller (mr. brown)", "spoke to Mrs. white yesterday"
                    // (not "Mr field site church", "Mrs music manager").
                    if last == k, t[k].isLastName, Self.personalTitles.contains(token.lower),
                       k + 1 == t.count || t[k + 1].kind == .punct || t[k + 1].gap == 2
                        || !t[k + 1].isCapitalized && (Self.afterSurname.contains(t[k + 1].lower) || EntityRecognizer.subjectVerb(t[k + 1])) {
                        add(k, k, 0.7, "title"); i = k + 1; continue
                    }
                    last = -1
                    j = k
                }
                while j < t.count, j - k < 6 {
                    if Self.isInitial(t, j) { last = j + 1; j += 2; continue }
                    guard t[j].kind == .word, t[j].gap == 1 || j == k else { break }
                    // A surname's particles in lower case, when a capitalised word follows ("Prof. van der Laar").
                    if t[j].has(.particle), !t[j].isCapitalized { j += 1; continue }
                    guard t[j].isCapitalized || t[j].isAllCaps else { break }
                    last = j
                    j += 1
                }
                if last >= k { add(k, last, 0.9, "title"); i = last + 1; continue }
            }
            // Initials before a surname: "J. Smith", "J. R. R. Tolkien" — on one line, and not the last
            // letter of a code (`serial C02XK1JHJG5H.⏎Her son`: a name `H. Her`).
            if Self.isInitial(t, i), i == 0 || t[i].gap > 0 || t[i - 1].kind == .punct {
                var j = i
                // (Six at most: a run of initials, "A. A. A. …", was read again from each of them.)
                while j - i < 12, Self.isInitial(t, j), j == i || t[j].gap <= 1 { j += 2 }
                if j < t.count, t[j].gap <= 1, t[j].kind == .word, t[j].isCapitalized, isLast(t[j]) || nameShaped(t[j]) && t[j].count > 2 {
                    add(i, j, isLast(t[j]) ? 0.8 : 0.6, "initials")
                    i = j + 1
                    continue
                }
            }
            let capitalised = token.isCapitalized || token.isAllCaps
            // "LIMA, Ana" / "Lima, Ana": surname, comma, first name.
            if capitalised, isLast(token), !token.isCommon, i + 2 < t.count, t[i + 1].isMark(","), t[i + 1].gap == 0,
               isFirst(t[i + 2]), t[i + 2].isCapitalized, !t[i + 2].isAllCaps, !t[i + 2].isCommon,
               !(i + 3 < t.count && t[i + 3].isCapitalized && t[i + 3].gap == 1 && isLast(t[i + 3])) {
                add(i, i + 2, 0.8, "inverted")
                i += 3
                continue
            }
            // The same with names no list holds, right after a label and before a word in lower case
            // ("Escalated: Döring, Ralf-Peter disputes", "Escalated: Wichary, Witold disputes": the
            // lists are thin beyond English names). Two capitalised words of no list, or a listed
            // first name second; not "and"/"or" after (a list of brands). A listed surname no English
            // word spells may come first too, and then a given name of any list or an English word
            // ("Escalated: Mahajan, Harsh disputes"); a town no English word spells, before a name
            // of no list or a listed one that is no common word ("Escalated: Osuna, Gaspar
            // disputes"; two towns are not a name, and a town and its country are places, below).
            // A listed surname an English word spells only before a first name no English word
            // spells, listed or in no list ("Escalated: Burrows, Conor disputes"; not "Menu: Rice,
            // Beans are").
            func shaped(_ k: Int) -> Bool { t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && t[k].count > 2 }
            func unlisted(_ k: Int) -> Bool { shaped(k) && t[k].isUnknown }
            if i > 0, t[i - 1].isMark(":"), i + 3 < t.count, t[i + 1].isMark(","), t[i + 1].gap == 0, t[i + 2].gap == 1, shaped(i), shaped(i + 2),
               !token.isCommon && !token.has(.english) || isLast(token) && (isFirst(t[i + 2]) || unlisted(i + 2)) && !t[i + 2].isCommon && !t[i + 2].has(.english),
               unlisted(i) || isLast(token) || token.has(.place), unlisted(i + 2) || t[i + 2].isListedName && (!t[i + 2].isCommon || !token.has(.place) || isLast(token))
                || t[i + 2].isCommon && (unlisted(i) || isLast(token)),
               t[i + 3].kind == .word, t[i + 3].gap == 1, !t[i + 3].isCapitalized, !t[i + 3].isAllCaps, !t[i + 3].joinsNames {
                add(i, i + 2, isFirst(t[i + 2]) ? 0.7 : 0.6, "inverted")
                i += 3
                continue
            }
            // A listed first name joined to surnames no English word spells, before a surname
            // ("KARL-HEINZ JUNGFER", "Karl-Heinz Jungfer": the lists hold Heinz as a surname only);
            // alone it is as often a firm's name of two surnames ("Carter-Erickson", "Nelson-Horton").
            if capitalised, !isFirst(token), token.lower.utf8.contains(0x2D), Self.givenJoinedToSurnames(token.lower),
               let e = surname(from: i + 1, capitalised: true), isLast(t[e]) || !t[e].has(.english) {
                add(i, e, 0.8, "full")
                i = e + 1
                continue
            }
            if isFirst(token) {
                // First [Middle|Initial]* Last
                var j = i + 1
                var middle = 0
                while middle < 2, j < t.count {
                    if Self.isInitial(t, j), t[j].gap == 1 { j += 2; middle += 1; continue }
                    // An initial without its full stop before the surname, as forms and cards write
                    // it ("LUCIA F BENEDETTI", "James R Smith": the surname stayed); not "I" before a
                    // word in title case ("Tell John I Said").
                    if capitalised, t[j].kind == .word, t[j].count == 1, t[j].isCapitalized, t[j].gap == 1, j + 1 < t.count, t[j + 1].gap == 1,
                       t[j + 1].kind == .word, t[j + 1].count > 1, nameShaped(t[j + 1]), t[j].lower != "i" || t[j + 1].isAllCaps && token.isAllCaps,
                       token.isAllCaps == t[j + 1].isAllCaps { j += 1; middle += 1; continue }
                    if capitalised, t[j].gap == 1, isFirst(t[j]), t[j].isCapitalized, j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].isCapitalized, isLast(t[j + 1]) { j += 1; middle += 1; continue }
                    break
                }
                // After a hyphenated first name, a surname no English word spells unless listed
                // ("CHRISTIAN-DIOR BAGS" is no one).
                // (Not an article before a degree in capitals: "An MA from", though An is a first name and Ma a surname.)
                if let e = surname(from: j, capitalised: capitalised), capitalised || isLast(t[e]),
                   !token.isJoinedFirstName || isLast(t[e]) || !t[e].has(.english),
                   !(e == i + 1 && token.has(.article) && t[e].isAllCaps && WordLists.degrees.contains(t[e].lower)) {
                    let sure = isLast(t[e])
                    // A first name that is a common word too (Rose, Jade, Guy) after a word that
                    // introduces a person: "Per Rose Scally,", "w/ Jade Novais" (they stayed).
                    let introduced = i > 0 && token.gap == 1 && scan.previousWord(i)?.has([.personIntroduction, .shorthand]) == true
                        && !t[e].isCommon && !t[e].has([.english, .organizationSuffix, .streetSuffix, .month, .weekday])
                    if capitalised && (!token.isCommon || sure || introduced) {
                        add(i, e, sure ? 0.9 : 0.8, "full")
                        i = e + 1
                        continue
                    }
                    // (A relation is no first name in lower case: "son Peter Walsh".)
                    if !capitalised, sure, !token.isCommon, !t[e].isCommon, !EntityRecognizer.relations.contains(token.lower) {
                        add(i, e, 0.65, "lowercase")
                        i = e + 1
                        continue
                    }
                }
                // A first name alone (not a degree or a hospital's unit in capitals: "an MA from", "presented to ED").
                if capitalised, !token.isCommon, !token.isJoinedFirstName,
                   !(token.isAllCaps && (WordLists.namedThings.contains(token.lower) || WordLists.clinicalUnits.contains(token.lower))) {
                    let cue = i > 0 && scan.previousWord(i)?.has(.personCue) == true
                    let sentenceStart = i == 0 || t[i - 1].isMark(in: ".!?:") || t[i].gap == 2
                    if cue || !sentenceStart || t.count == 1 {
                        add(i, i, cue ? 0.6 : 0.5, "first")
                    }
                } else if !capitalised, i > 0, ["dear", "hi", "hello", "thanks", "regards", "cheers"].contains(scan.previousWord(i)?.lower ?? ""),
                          !token.isCommon, !EntityRecognizer.endearments.contains(token.lower) {
                    add(i, i, 0.55, "first-lowercase")
                }
                i += 1
                continue
            }
            // A listed surname written with its accents, alone, opening a sentence before a word in
            // lower case ("Müller called twice"): the tagger reads names as written, and the lists
            // hold them without accents.
            if token.isCapitalized, !token.isASCII, !token.isCommon, !token.isLastName, isLast(token),
               i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?:"),
               i + 1 < t.count, t[i + 1].kind == .word, t[i + 1].gap == 1, !t[i + 1].isCapitalized, !t[i + 1].isAllCaps {
                add(i, i, 0.55, "surname")
                i += 1
                continue
            }
            // A name alone in quotes after a word that introduces a person or a nickname ("goes by
            // \"Mide\"", "aka \"Tee\"", "nickname: \"Tee\"": they stayed), no common or English word.
            // (A nickname's word may be English after `aka`, `alias`, `nickname`: "aka \"Tee\"".)
            if capitalised, !token.isAllCaps, token.count > 1, i >= 2, token.gap == 0, !EntityRecognizer.systemAccounts.contains(token.lower),
               t[i - 1].isMark(in: "\"'\u{201C}\u{2018}"), t[i - 1].gap == 1, i + 1 < t.count, t[i + 1].gap == 0, t[i + 1].isMark(in: "\"'\u{201D}\u{2019}") {
                let w = t[i - 2].isMark(":") && t[i - 2].gap == 0 ? i - 3 : i - 2
                let plain = !token.isCommon && !token.has(.english)
                if w >= 0, t[w].kind == .word, plain && (t[w].has(.personIntroduction) || Self.nicknameCues.contains(t[w].lower))
                    || Self.nicknameWords.contains(t[w].lower) && !token.has([.month, .weekday, .title]) {
                    add(i, i, 0.6, "introduced")
                    i += 1
                    continue
                }
            }
            // One to three capitalised words right after a word that introduces a person ("Customer
            // Grégoire Poulain", "with Chatura Pillai", "Dear Nimrat"), names the lists do not hold.
            // Not a department named after its people ("Customer Success", "Client Services").
            // After a word of family ("daughter Maeve"), no English word but a listed first name
            // ("Daughter Blue worker" is no one). Over middle initials ("Mother: Agnieszka A. Behrendt").
            if capitalised, !token.isAllCaps, token.count > 1, !token.isCommon, i > 0,
               let introduction = scan.previousWord(i), introduction.has([.personIntroduction, .shorthand]),
               // `w` only as `w/` (with).
               introduction.lower == "w" ? t[i - 1].isMark("/") && t[i - 1].gap == 0 && token.gap == 1 :
               // (The word on the same line: `Hi⏎Contact: …` opens a label's line.)
               t[i - 1].kind == .word && token.gap == 1 || t[i - 1].isMark(":") || t[i - 1].isMark(".") && introduction.has(.title),
               // `per` (according to) before a name, not a unit or a month ("per Month").
               introduction.lower != "per" || !token.has(.english) && !token.has(.month),
               !WordLists.family.contains(introduction.lower) || !token.has(.english) || token.isFirstNameAccented,
               !Self.departments.contains(token.lower), !Self.formLabels.contains(token.lower),
               // (Not a card's or a payment service's brand, a language: "Paid by Venmo", "by PayPal".)
               !WordLists.namedThings.contains(token.lower) {
                var e = i
                while e + 1 < t.count, e - i < 3, t[e + 1].gap == 1 {
                    if Self.isInitial(t, e + 1), e + 3 < t.count, t[e + 3].gap == 1, t[e + 3].isCapitalized, t[e + 3].kind == .word, !t[e + 3].isCommon { e += 3; continue }
                    guard t[e + 1].isCapitalized, t[e + 1].kind == .word, !t[e + 1].isCommon else { break }
                    e += 1
                }
                add(i, e, 0.6, "introduced")
                i = e + 1
                continue
            }
            // A given name no list holds, a particle and a surname, after a word a person follows
            // ("to Brayan das Neves approved", "by Yeisson van Dijk"): no place's, street's or
            // firm's words ("to Rio de Janeiro", "to Avenida das Nações").
            // (A surname there: capitalised, of no list, or a listed surname no English word or place spells.)
            func unlistedSurname(_ k: Int) -> Bool {
                t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && t[k].count > 2 && (t[k].isUnknown || isLast(t[k]) && !t[k].has([.english, .place]))
            }
            if capitalised, !token.isAllCaps, token.isUnknown, token.count > 2, i > 0, i + 2 < t.count, t[i + 1].gap == 1, t[i + 2].gap == 1,
               t[i + 1].kind == .word, !t[i + 1].isCapitalized, t[i + 1].has(.particle), unlistedSurname(i + 2), !t[i + 2].isCommon,
               let before = scan.previousWord(i), t[i - 1].kind == .word, before.has(.personIntroduction) || Self.towardsPerson.contains(before.lower) {
                add(i, i + 2, 0.65, "particle")
                i += 3
                continue
            }
            // Two capitalised words no list holds, no English word, after "to", "from" or "for" and
            // before a word in lower case ("Refund of EUR 50417 to Otfried Hering approved").
            // After words that hand a ticket on, the sentence or the text may end there instead
            // ("Escalated to Kwame Mensah.").
            if capitalised, !token.isAllCaps, token.isUnknown, token.count > 2, i > 0, i + 1 < t.count, t[i + 1].gap == 1, unlistedSurname(i + 1),
               t[i - 1].kind == .word, Self.towardsPerson.contains(t[i - 1].lower) {
                let lowerAfter = i + 2 < t.count && t[i + 2].gap == 1 && t[i + 2].kind == .word && !t[i + 2].isCapitalized && !t[i + 2].isAllCaps && !t[i + 2].joinsNames
                let handed = i >= 2 && t[i - 1].lower == "to" && t[i - 2].kind == .word && EntityRecognizer.handingVerbs.contains(t[i - 2].lower)
                    && (i + 2 == t.count || t[i + 2].gap == 2 || t[i + 2].kind == .punct && (t[i + 2].isMark(in: ".!?;") || t[i + 2].isMark(",")))
                if lowerAfter || handed {
                    add(i, i + 1, 0.6, "unlisted")
                    i += 2
                    continue
                }
            }
            // An unknown capitalised word before a listed surname: "Xiomara Gutierrez". (Not a word
            // of family or a role opening a sentence: "Husband John at bedside" is John.)
            if capitalised, token.count > 1, !token.isCommon, !WordLists.family.contains(token.lower), !WordLists.roles.contains(token.lower),
               i + 1 < t.count, t[i + 1].gap == 1, t[i + 1].isCapitalized, isLast(t[i + 1]),
               !t[i + 1].isCommon, i > 0, !(t[i - 1].isCapitalized && t[i - 1].gap == 1) {
                add(i, i + 1, 0.65, "surname")
                i += 2
                continue
            }
            i += 1
        }
    }
}
