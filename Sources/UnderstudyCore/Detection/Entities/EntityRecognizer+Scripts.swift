/// Names in free text written in scripts the English rules do not read: Cyrillic, Greek, Chinese,
/// Japanese, Korean, Arabic, Hebrew. The tagger and the rules that guess from capitals learnt
/// English, where a word no list holds is a name more often than not: in a ticket in Russian or
/// Korean every word is one no list holds, and a Russian ticket (`Позвонил Иван Петров, просил
/// перезвонить.`) came out as two names, a Korean one as a single name from its first word to its
/// last — while a Chinese, Japanese or Arabic customer's name (`客户王小明来电`, `佐藤 さくら様`,
/// `اتصل محمد علي`) stayed in the clear. Here a name the English rules found in these scripts is
/// dropped (unless the text's structure made sure of it: a title, a label…), and names are found by
/// what each script's names share (``NamesInOtherScripts``' lists): capitalised words with a given
/// name or a surname's ending (Cyrillic, Greek; in any grammatical case), a common surname beside a
/// title or after a word that introduces a person (Chinese, Japanese, Korean), a common given name
/// beside another name or after such a word (Arabic, Hebrew).
extension EntityRecognizer {
    enum Script: Equatable { case latin, cyrillic, greek, cjk, hangul, arabic, hebrew, other }

    /// The script of a word by its first letter.
    static func script(_ unit: UInt16) -> Script {
        switch unit {
        case ..<0x0250, 0x1E00...0x1EFF: return .latin
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return .greek
        case 0x0400...0x04FF: return .cyrillic
        case 0x05D0...0x05EA: return .hebrew
        case 0x0600...0x06FF: return .arabic
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF: return .cjk
        case 0xAC00...0xD7A3: return .hangul
        default: return .other
        }
    }

    static func scriptNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.hasOtherScripts else { return spans }
        let scripts = t.map { $0.kind == .word ? script(scan.units[$0.start]) : .other }
        // The English rules' names over words of these scripts alone are dropped.
        var k = 0
        var kept: [EntitySpan] = []
        for span in spans {
            guard span.kind == .person, !structuralNames.contains(span.recognizer) else { kept.append(span); continue }
            while k < t.count, t[k].end <= span.start { k += 1 }
            var e = k, words = 0, others = 0
            while e < t.count, t[e].start < span.end {
                // (Thai, Devanagari… too: no English rule reads them.)
                if t[e].kind == .word { words += 1; if scripts[e] != .latin { others += 1 } }
                e += 1
            }
            if words == 0 || others < words { kept.append(span) }
        }
        var found: [EntitySpan] = []
        var i = 0
        while i < t.count {
            defer { i += 1 }
            guard t[i].kind == .word else { continue }
            switch scripts[i] {
            case .cyrillic, .greek:
                if let (a, b) = capitalisedName(i, scripts[i], scan, scripts) {
                    found.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.7, recognizer: "person.script"))
                    i = b
                }
            case .cjk: found += hanNames(i, scan, scripts)
            case .hangul: found += hangulNames(i, scan, scripts)
            case .arabic, .hebrew:
                if let (a, b) = givenNameRun(i, scripts[i], scan, scripts) {
                    found.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.7, recognizer: "person.script"))
                    i = b
                }
            default: break
            }
        }
        found += Self.foreignRuns(kept + found, scan, scripts)
        guard !found.isEmpty || kept.count != spans.count else { return spans }
        return disjoint((kept + found).sorted(by: better)).sorted { $0.start < $1.start }
    }

    /// Words that greet or thank someone by name, before it (`Thanks 岩!`, `Welcome aboard, 병철.`).
    /// (And the words that name who did something or whom it is for, `cc 현우 최`, `Translated by 阿部`;
    /// a closing's, `Best,⏎혜진 지`.)
    static let addressingWords: Set<String> = [
        "thanks", "thank", "thx", "hi", "hello", "hey", "dear", "welcome", "aboard", "regards", "cheers", "congratulations", "congrats",
        "cc", "bcc", "by", "from", "for", "with", "to", "signed", "best", "sincerely", "yours",
        // Who signs or answers for something (`Co-signer: 中島, 翼`; `cosigner`, `signatory`, `payee`,
        // `policyholder`, `claimant` are ``WordLists/roles``, read beside these).
        "co-signer", "signer", "guarantor", "beneficiary", "insured", "witness",
    ]

    /// The words of other languages that name a record's number (``RecordNumberRecognizer/cues``), in lower case.
    static let recordWords = Set(RecordNumberRecognizer.cues.map { $0.lowercased() })

    /// In a text written in Latin letters (three words or more, more than the other scripts'), or
    /// after an English word that introduces, greets or thanks a person, or beside a name or before an
    /// address found, a short run of words of another script — one to four, on one line, an initial's
    /// full stop between (`Σ. Κιοσές`), each short — that no finding covers is a name: an English
    /// ticket quotes a customer's name as the records hold it (`Escalation: 현우 최 threatened`,
    /// `Dr. 武 signed`, `cardholder 刚 唐`, `Тетерин, Эмилия`: the rules of each script read texts
    /// in that script, and each stayed).
    static func foreignRuns(_ spans: [EntitySpan], _ scan: TextScan, _ scripts: [Script]) -> [EntitySpan] {
        let t = scan.tokens
        var latin = 0, other = 0
        for k in t.indices where t[k].kind == .word { if scripts[k] == .latin { latin += 1 } else { other += 1 } }
        // (Or a run right after an English word that introduces a person, a colon between: `Guardian: соломон селиверстов`.)
        let english = latin >= 3 && latin > other
        func introduced(_ k: Int) -> Bool {
            var w = k - 1
            if w >= 0, t[w].isMark(":") || t[w].isMark(",") { w -= 1 }
            guard w >= 0, t[w].kind == .word, scripts[w] == .latin else { return false }
            return t[w].has([.personIntroduction, .title]) || WordLists.roles.contains(t[w].lower) || Self.addressingWords.contains(t[w].lower)
        }
        /// After a title or a word for a person (`Dr. 武`, `cardholder 刚`), not a preposition.
        func titled(_ k: Int) -> Bool {
            var w = k - 1
            if w >= 0, t[w].isMark(".") || t[w].isMark(":") { w -= 1 }
            guard w >= 0, t[w].kind == .word, scripts[w] == .latin else { return false }
            return t[w].has([.personIntroduction, .title]) || WordLists.roles.contains(t[w].lower)
        }
        guard english || spans.contains(where: { $0.kind == .email }) || t.indices.contains(where: { scripts[$0] != .latin && t[$0].kind == .word && (introduced($0) || $0 >= 1 && t[$0 - 1].isMark("@")) }) else { return [] }
        let covered = scan.covering(spans).map { $0 != nil }
        // (By offset, so that a long text's runs are not each compared with every finding.)
        let emailStarts = Set(spans.filter { $0.kind == .email }.map(\.start))
        var personStarts = Set(spans.filter { $0.kind == .person }.map(\.start)), personEnds = Set(spans.filter { $0.kind == .person }.map(\.end))
        func foreign(_ k: Int) -> Bool {
            guard k < t.count, t[k].kind == .word, scripts[k] != .latin, !covered[k] else { return false }
            // (Not a symbol of a formula joined to others, `ρ_source`, `ρ-zCDP`, `2σ`; not a record's word, `паспорт`.)
            if k > 0, t[k].gap == 0, !t[k - 1].isMark(in: "(\"'`«“@") { return false }
            if k + 1 < t.count, t[k + 1].gap == 0, t[k + 1].kind != .punct || t[k + 1].isMark(in: "_-") { return false }
            if Self.recordWords.contains(t[k].lower) { return false }
            // (Nor a word of two scripts, `ω-adjusted`.)
            // (A possessive's `'s` is English's: `佐々木's request`.)
            let end = t[k].possessiveStem != nil ? t[k].end - 2 : t[k].end
            if scan.units[t[k].start..<end].contains(where: { script($0) == .latin && TextScan.isLetter($0) }) { return false }
            let length = t[k].end - t[k].start
            return [.cjk, .hangul].contains(scripts[k]) ? length <= 6 : length <= 24
        }
        var found: [EntitySpan] = []
        var k = 0
        while k < t.count {
            guard foreign(k) else { k += 1; continue }
            var e = k, words = 1
            while true {
                // (An initial's full stop: `Σ. Κιοσές`.)
                if e + 2 < t.count, t[e + 1].isMark("."), t[e + 1].gap == 0, t[e].end - t[e].start == 1, t[e + 2].gap == 1, foreign(e + 2) { e += 2; words += 1; continue }
                if e + 1 < t.count, t[e + 1].gap == 1, foreign(e + 1) { e += 1; words += 1; continue }
                break
            }
            // (Not a gloss in parentheses after an English word: `Price (价格)`.)
            let gloss = k >= 2 && t[k - 1].isMark("(") && t[k].gap == 0 && (t[k - 2].kind == .word && scripts[k - 2] == .latin || t[k - 2].kind == .number) && !covered[k - 2]
                && !(t[k - 2].kind == .word && (t[k - 2].has([.personIntroduction, .title]) || WordLists.roles.contains(t[k - 2].lower)))
            // (A display name before an address in angle brackets: `병철 이 <…@example.com>`.)
            let named = e + 2 < t.count && t[e + 1].isMark("<") && emailStarts.contains(t[e + 2].start)
            // (One Greek or Cyrillic letter alone is a formula's symbol, `ε = 1`, unless a title or a
            // word for a person comes before it; one Han character or Hangul syllable is a name's, `Thanks
            // 岩!`. A run before a colon is a label, `Телефон:`, `手机：`.)
            let letters = (k...e).reduce(0) { $0 + (t[$1].kind == .word ? t[$1].end - t[$1].start : 0) }
            // (Not where the colon turns to someone: `notes for 浩:`, `晨: can you…`.)
            let label = e + 1 < t.count && t[e + 1].gap == 0 && (t[e + 1].isMark(":") || scan.units[t[e + 1].start] == 0xFF1A)
                && !introduced(k) && !(e + 2 < t.count && t[e + 2].kind == .word && Self.requestWords.contains(t[e + 2].lower))
            // (Beside a name found, a comma between: `佐藤, 花子 <…>`, `Копылов, Никифор`.)
            let beside = e + 2 < t.count && t[e + 1].isMark(",") && personStarts.contains(t[e + 2].start)
                || k >= 2 && t[k - 1].isMark(",") && personEnds.contains(t[k - 2].end)
            // (A mention: `@예은 please check`.)
            let mention = k >= 1 && t[k - 1].isMark("@") && t[k].gap == 0
            if words <= 4, english || introduced(k) || named || beside || mention, !gloss, letters >= 2 || [.cjk, .hangul].contains(scripts[k]) || titled(k), !label {
                found.append(EntitySpan(kind: .person, start: t[k].start, end: t[e].end, score: 0.6, recognizer: "person.other-script"))
                // (The next run may stand beside it: `cc 박, 승민`.)
                personStarts.insert(t[k].start)
                personEnds.insert(t[e].end)
            }
            k = e + 1
        }
        return found
    }

    // MARK: Cyrillic and Greek

    /// A run of capitalised words of the script, one space apart (these languages capitalise little
    /// else): two or more, or one that is a listed given name or has a surname's or patronymic's
    /// ending, or any after a word that introduces a person (`Клієнт Орися`, `пані Ада`). A first word
    /// that opens a sentence and is neither a name of the lists nor one of two words of a name — a
    /// verb, a role, a greeting (`Позвонил`, `Клиент`, `Спасибо`) — is no part of it; the polite `Вы`,
    /// `Вам`, `Ваш` are no names.
    static func capitalisedName(_ i: Int, _ script: Script, _ scan: TextScan, _ scripts: [Script]) -> (Int, Int)? {
        let t = scan.tokens
        func capitalised(_ k: Int) -> Bool {
            t[k].kind == .word && scripts[k] == script && t[k].isCapitalized && !t[k].isAllCaps && t[k].count >= 2 && !politePronouns.contains(t[k].lower)
        }
        guard capitalised(i) else { return nil }
        var j = i
        while j + 1 < t.count, j - i < 3, t[j + 1].gap == 1, capitalised(j + 1) { j += 1 }
        func named(_ k: Int) -> Bool {
            let lower = t[k].lower
            if script == .greek { return greekGivenNames.contains(lower) || NamesInOtherScripts.greek(lower) }
            return !notSlavicName(lower) && (slavicGiven(lower) || lower.split(separator: "-").contains { slavicSurname(String($0)) })
        }
        /// A word that says what follows is a person (any case: `Клиент`, `пані`, `κύριος`).
        func cue(_ k: Int) -> Bool { k >= 0 && t[k].kind == .word && (script == .greek ? greekCues : slavicCues).contains(t[k].lower) }
        /// A verb's or a sentence opener's shape (`Позвонил`, `Просит`, `Спасибо`, `Сегодня`).
        func opener(_ k: Int) -> Bool {
            let lower = t[k].lower
            if cue(k) || slavicOpeners.contains(lower) || greekOpeners.contains(lower) { return true }
            return script == .cyrillic && ["л", "ла", "ли", "ло", "ет", "ит", "ут", "ют", "ат", "ят", "ся", "сь", "ть", "ти"].contains { lower.hasSuffix($0) }
        }
        var a = i
        let opens = i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?:;")
        if opens, !named(i), i == j || opener(i) { a += 1 }
        guard a <= j else { return nil }
        let cued = a >= 1 && t[a].gap == 1 && cue(a - 1) || a == i + 1 && cue(i)
        guard j > a || named(a) || cued else { return nil }
        return (a, j)
    }

    static let politePronouns: Set<String> = ["вы", "вам", "вас", "ваш", "ваша", "ваше", "ваши", "вами", "вашего", "вашей", "вашему", "вашим", "вашу", "ви", "вам", "вас", "ваш", "ваша"]
    static let slavicCues: Set<String> = [
        "клиент", "клиентка", "клиента", "клиенту", "пациент", "пациентка", "получатель", "получательница", "покупатель", "покупательница",
        "заказчик", "менеджер", "водитель", "курьер", "сотрудник", "сотрудница", "господин", "госпожа", "г-н", "г-жа", "гражданин",
        "гражданка", "абонент", "клієнт", "клієнтка", "отримувач", "отримувачка", "пацієнт", "покупець", "пан", "пані", "замовник",
        "працівник",
    ]
    static let slavicOpeners: Set<String> = [
        "сегодня", "вчера", "завтра", "спасибо", "здравствуйте", "добрый", "уважаемый", "уважаемая", "пожалуйста", "прошу", "просим",
        "сьогодні", "вчора", "дякую", "шановний", "шановна", "будь", "доставка", "заказ", "адрес", "жалоба", "звонок", "письмо",
    ]
    static let greekCues: Set<String> = ["πελάτης", "πελάτισσα", "κύριος", "κυρία", "κ", "κα", "ασθενής", "παραλήπτης", "παραλήπτρια", "οδηγός", "υπάλληλος"]
    static let greekOpeners: Set<String> = ["σήμερα", "χθες", "αύριο", "ευχαριστώ", "καλημέρα", "παρακαλώ", "αγαπητέ", "αγαπητή"]

    /// A place or thing of ``notSlavicNames`` in any case (`Ростова`, `Киеве`).
    static func notSlavicName(_ lower: String) -> Bool {
        notSlavicNames.contains(lower) || ["а", "у", "ом", "е", "ым", "ой"].contains { lower.hasSuffix($0) && notSlavicNames.contains(String(lower.dropLast($0.count))) }
    }

    /// A Russian (Ukrainian, Belarusian) given name of the lists in any of its cases: `Ивана`,
    /// `Сергею`, `Марией`, `Игорем`.
    static func slavicGiven(_ lower: String) -> Bool {
        if NamesInOtherScripts.slavicGivenNames.contains(lower) || moreSlavicGivenNames.contains(lower) { return true }
        for (ending, base) in slavicCaseEndings where lower.hasSuffix(ending) && lower.count > ending.count + 2 {
            let stem = String(lower.dropLast(ending.count)) + base
            if NamesInOtherScripts.slavicGivenNames.contains(stem) || moreSlavicGivenNames.contains(stem) { return true }
        }
        return false
    }

    /// A surname's or a patronymic's ending, in any case (`Петрова`, `Петрову`, `Петровым`,
    /// `Смирновой`, `Достоевского`, `Сергеевичем`).
    static func slavicSurname(_ lower: String) -> Bool {
        NamesInOtherScripts.slavicEndings.contains { lower.count > $0.count + 1 && lower.hasSuffix($0) }
            || slavicSurnameCases.contains { lower.count > $0.count + 2 && lower.hasSuffix($0) }
    }

    /// The endings of a name's cases and what its nominative ends in instead.
    static let slavicCaseEndings: [(String, String)] = [
        ("ой", "а"), ("ою", "а"), ("ей", "я"), ("ем", "й"), ("ем", "ь"), ("ом", ""), ("ы", "а"), ("и", "а"), ("и", "я"), ("и", "й"),
        ("е", "а"), ("е", ""), ("е", "й"), ("у", "а"), ("у", ""), ("ю", "я"), ("ю", "й"), ("ю", "ь"), ("а", ""), ("я", "й"), ("я", "ь"),
    ]
    static let slavicSurnameCases = [
        "ову", "овым", "овой", "ове", "еву", "евым", "евой", "ёву", "ёвым", "ину", "иным", "иной", "ыну", "ыным", "ского", "скому", "ским",
        "ской", "скую", "цкого", "цкому", "цким", "цкой", "вича", "вичу", "вичем", "вны", "вне", "вну", "вной", "ичны", "ичне", "ичну", "ичной",
        "енко", "яна", "яну", "яном", "чука", "чуку", "юка", "юку",
    ]
    static let moreSlavicGivenNames: Set<String> = [
        "павла", "павлу", "павлом", "петра", "петру", "петром", "алла", "валентина", "валентин", "вадим", "вячеслав", "станислав",
        "святослав", "ярослав", "ярослава", "константин", "леонид", "геннадий", "анатолий", "валерий", "виталий", "аркадий", "степан",
        "фёдор", "федор", "кирилл", "илья", "даниил", "денис", "антон", "егор", "глеб", "тимур", "руслан", "эдуард", "арсений", "семён",
        "семен", "лев", "матвей", "марина", "лариса", "тамара", "зинаида", "ксения", "кристина", "алина", "вероника", "валерия", "евгения",
        "александра", "виктория", "елизавета", "маргарита", "диана", "олеся", "любовь", "нина", "раиса", "жанна", "инна", "яна", "ангелина",
        "милена", "алёна", "алена", "дмитро", "микола", "андрій", "сергій", "оленка", "наталія", "богдана", "христина", "тетяна", "ірина",
    ]
    /// Capitalised words with a surname's ending that are places or things.
    static let notSlavicNames: Set<String> = [
        "киев", "ростов", "харьков", "саратов", "кишинёв", "кишинев", "берлин", "магазин", "бензин", "львов", "псков", "тамбов",
        "кемерово", "иваново", "пушкино", "клин", "ереван", "тбилиси", "баку", "минск", "новой", "большой", "такой", "какой", "другой",
    ]
    static let greekGivenNames: Set<String> = [
        "γιώργος", "γιάννης", "κώστας", "νίκος", "δημήτρης", "βασίλης", "χρήστος", "παναγιώτης", "αθανάσιος", "ευάγγελος", "μιχάλης",
        "σταύρος", "θανάσης", "μαρία", "ελένη", "κατερίνα", "σοφία", "αικατερίνη", "άννα", "δήμητρα", "γεωργία", "ιωάννα", "αγγελική",
        "βασιλική", "ευαγγελία", "χριστίνα", "παναγιώτα", "αλεξάνδρα", "νικολέτα", "φωτεινή", "ειρήνη",
    ]

    // MARK: Chinese and Japanese

    /// Names in a run of Chinese or Japanese characters (one token: they are written without
    /// spaces). Japanese: a listed surname before a title (`佐藤様`), before a given name and a title
    /// (`田中花子さん`), or before a space and a given name (`佐藤 さくら`); a surname of one character
    /// only before a title. Chinese: a common surname and a given name of up to two characters before
    /// a title (`王小明先生`, `李女士`), or after a word that introduces a person (`客户王小明来电`,
    /// `姓名：张伟`) where the name ends at a mark, the text's end or a verb's character (a common
    /// word after such a word, `客户关系`, `用户管理`, is none).
    static func hanNames(_ i: Int, _ scan: TextScan, _ scripts: [Script]) -> [EntitySpan] {
        let t = scan.tokens
        let u = scan.units
        let s = t[i].start, e = t[i].end
        var found: [EntitySpan] = []
        /// Whether `word` is written at `p`, inside `lo..<hi` (this token by default).
        func has(_ word: [UInt16], at p: Int, within lo: Int = s, _ hi: Int = e) -> Bool {
            guard p >= lo, p + word.count <= hi else { return false }
            for k in word.indices where u[p + k] != word[k] { return false }
            return true
        }
        /// The longest word of `index` at `p` (words by their first character: a long text is one token).
        func word(of index: [UInt16: [[UInt16]]], at p: Int) -> [UInt16]? {
            guard p >= s, p < e, let words = index[u[p]] else { return nil }
            return words.first { has($0, at: p) }
        }
        func title(at p: Int) -> Int? { word(of: Self.japaneseTitleIndex, at: p)?.count }
        func isKana(_ unit: UInt16) -> Bool { Unicode.Scalar(unit).map(NamesInOtherScripts.isKana) ?? false }
        func isHan(_ unit: UInt16) -> Bool { Unicode.Scalar(unit).map(NamesInOtherScripts.isHan) ?? false }
        func kana(_ p: Int) -> Bool { p < e && isKana(u[p]) }
        func han(_ p: Int) -> Bool { p < e && isHan(u[p]) }
        /// A role right before `p`, or before `の`, `は` or a colon there.
        func japaneseCue(before p: Int) -> Bool {
            let marked = p > s && [UInt16(0x306E), 0x306F, 0xFF1A, 0x3A].contains(u[p - 1])
            // (`氏名：鈴木`: the colon is a mark, the role the word before it.)
            if p == s, i >= 2, t[i - 1].isMark(in: ":") || u[t[i - 1].start] == 0xFF1A, t[i - 2].kind == .word {
                let end = t[i - 2].end
                return Self.japaneseCues.contains { has($0, at: end - $0.count, within: t[i - 2].start, end) }
            }
            for cue in Self.japaneseCues {
                if has(cue, at: p - cue.count) { return true }
                if marked, has(cue, at: p - 1 - cue.count) { return true }
            }
            return false
        }
        func add(_ a: Int, _ b: Int, _ score: Double) { found.append(EntitySpan(kind: .person, start: a, end: b, score: score, recognizer: "person.script")) }
        var p = s
        while p < e {
            // Japanese.
            if let surname = word(of: Self.japaneseSurnameIndex, at: p) {
                let after = p + surname.count
                if title(at: after) != nil { add(p, after, 0.75); p = after; continue }
                // A surname that gives itself or that a role introduces: `佐藤と申します`, `担当は佐藤です`.
                if surname.count >= 2, Self.japaneseIntroductions.contains(where: { has($0, at: after) }) || japaneseCue(before: p) {
                    add(p, after, 0.7); p = after; continue
                }
                // A given name of one to three characters, or of kana, before a title.
                var g = after
                if kana(g) { while kana(g), g - after < 5 { if title(at: g) != nil { break }; g += 1 } } else { while han(g), g - after < 3, title(at: g) == nil { g += 1 } }
                if g > after, title(at: g) != nil { add(p, g, 0.75); p = g; continue }
                // At the token's end, a given name after a space: `佐藤 さくら様より…`.
                if after == e, surname.count >= 2, i + 1 < t.count, t[i + 1].gap == 1, t[i + 1].kind == .word, scripts[i + 1] == .cjk {
                    let ns = t[i + 1].start, ne = t[i + 1].end
                    var q = ns
                    let inKana = isKana(u[ns])
                    while q < ne, q - ns < 5, inKana ? isKana(u[q]) : isHan(u[q]) {
                        if q > ns, Self.japaneseTitles.contains(where: { has($0, at: q, within: ns, ne) }) { break }
                        q += 1
                    }
                    if q > ns, q - ns <= (inKana ? 4 : 3) { add(p, q, 0.75) }
                    p = after
                    continue
                }
            }
            // Chinese: a title after a surname and up to two characters.
            if let titled = word(of: Self.chineseTitleIndex, at: p), p > s {
                for length in [4, 3, 2, 1] where p - length >= s {
                    let a = p - length
                    let compound = Self.chineseCompoundSurnameUnits.first { has($0, at: a) }
                    let given = compound.map { length - $0.count } ?? length - 1
                    guard compound != nil || Self.chineseSurnameUnits.contains(u[a]), (0...2).contains(given),
                          (a + length - given..<p).allSatisfy({ han($0) && !Self.chineseStops.contains(u[$0]) }) else { continue }
                    add(a, p, 0.75)
                    break
                }
                p += titled.count
                continue
            }
            // Chinese: a word that introduces a person, then a name.
            if let cue = word(of: Self.chineseCueIndex, at: p) {
                var a = p + cue.count
                var ns = s, ne = e, q = a
                // (`姓名：张伟`: the name is the next token, after a colon.)
                if a == e, i + 2 < t.count, t[i + 1].isMark(in: ":") || u[t[i + 1].start] == 0xFF1A, t[i + 2].kind == .word, scripts[i + 2] == .cjk {
                    ns = t[i + 2].start; ne = t[i + 2].end; a = ns; q = ns
                }
                func at(_ x: Int) -> Bool { x < ne && x >= ns }
                let compound = Self.chineseCompoundSurnameUnits.first { has($0, at: a, within: ns, ne) }
                if let compound { q = a + compound.count } else if at(a), Self.chineseSurnameUnits.contains(u[a]) { q = a + 1 }
                if q > a {
                    let g = q
                    while at(q), q - g < 2, isHan(u[q]), !Self.chineseStops.contains(u[q]) { q += 1 }
                    let word = Array(u[a..<q])
                    let ends = q == ne || Self.chineseStops.contains(u[q]) || !isHan(u[q])
                    if q > g, ends, !Self.chineseWords.contains(word) { add(a, q, 0.7) }
                }
                p = ns == s && q > a ? q : p + cue.count
                continue
            }
            p += 1
        }
        return found
    }

    static func units(_ words: [String]) -> [[UInt16]] { words.map { Array($0.utf16) }.sorted { $0.count > $1.count } }
    /// Words by their first UTF-16 unit, longest first.
    static func index(_ words: [[UInt16]]) -> [UInt16: [[UInt16]]] { Dictionary(grouping: words, by: { $0[0] }).mapValues { $0.sorted { $0.count > $1.count } } }
    static let japaneseSurnameIndex = index(japaneseSurnameUnits)
    static let japaneseTitleIndex = index(japaneseTitles)
    static let chineseTitleIndex = index(chineseTitles)
    static let chineseCueIndex = index(chineseCues)
    static let japaneseSurnameUnits = units(Array(NamesInOtherScripts.japaneseSurnames))
    static let japaneseIntroductions = units(["です", "と申します", "でございます"])
    static let japaneseCues = units(["担当", "担当者", "氏名", "名前", "お客様", "顧客", "患者", "会員"])
    static let japaneseTitles = units(["様", "さま", "さん", "氏", "くん", "君", "ちゃん", "先生", "殿"])
    static let chineseSurnameUnits = Set(NamesInOtherScripts.chineseSurnames.compactMap { $0.utf16.count == 1 ? $0.utf16.first : nil })
    static let chineseCompoundSurnameUnits = units(NamesInOtherScripts.chineseCompoundSurnames)
    /// Titles after a name that follow no job or thing (`经理` follows `项目`, `总` begins `总计`).
    static let chineseTitles = units(["先生", "女士", "小姐", "太太", "夫人"])
    static let chineseCues = units([
        "客户", "客戶", "顾客", "顧客", "患者", "病人", "联系人", "聯繫人", "聯絡人", "姓名", "用户", "用戶", "会员", "會員", "员工", "員工", "收件人",
        "寄件人", "申请人", "申請人", "乘客", "租户", "租戶", "业主", "業主", "司机", "司機", "持卡人", "投保人", "被保险人", "被保險人",
    ])
    /// Characters that rarely stand in a given name: small words, verbs of a ticket's first
    /// sentence, numbers and weekdays (`客户周一来电`).
    static let chineseStops = Set("的了和与與跟给給向对對是在请請位个個我你他她们們您这這那有被把让讓叫找问問说說见見到从從为為由将將及或来來打已于於称稱今昨要也都又还還再就才希需表反投咨询詢电電话話致不没沒已经經曾一二三四五六七八九十日月年末号號点點时時".utf16)
    /// Common words after a word that introduces a person, beginning with a surname's character.
    static let chineseWords: Set<[UInt16]> = Set(units([
        "关系", "關係", "关注", "關注", "关心", "關心", "关于", "關於", "管理", "方面", "方案", "方式", "方法", "余额", "餘額", "金额", "金額", "高级",
        "高級", "常见", "常見", "程序", "程度", "任何", "于是", "万一", "萬一", "严重", "嚴重", "白天", "周末", "週末", "包裹", "信息", "服务", "服務",
        "资料", "資料", "体验", "體驗", "满意", "滿意", "支持", "代表", "群体", "群體", "数据", "數據", "隐私", "隱私", "安全", "需求", "姓名", "名称",
        "名稱", "地址", "编号", "編號", "账户", "賬戶", "帐户", "帳戶", "密码", "密碼", "反馈", "反饋", "投诉", "投訴", "端", "经理", "經理",
    ]))

    // MARK: Korean

    /// A Korean name: a common surname's syllable and two more (or a surname of two and two more),
    /// before a title written on (`김민준님`, `김민준 고객님`, `이서연씨`), or after a word that
    /// introduces a person (`고객 김민준이`, `성명: 박지훈`); a particle may follow it (`이`, `가`,
    /// `님께서`). Three syllables alone are as often a word (`고객님`, `이번에`).
    static func hangulNames(_ i: Int, _ scan: TextScan, _ scripts: [Script]) -> [EntitySpan] {
        let t = scan.tokens
        let word = Array(scan.units[t[i].start..<t[i].end])
        func stem(_ w: [UInt16]) -> Int? {
            if let compound = Self.koreanCompoundSurnameUnits.first(where: { w.starts(with: $0) }), w.count >= compound.count + 2 { return compound.count + 2 }
            guard w.count >= 3, NamesInOtherScripts.koreanSurnames.contains(Character(Unicode.Scalar(w[0])!)) else { return nil }
            return 3
        }
        // (Not a word of three syllables whose last is a particle's or a verb's ending: `이번에`, `문의한`.)
        guard let n = stem(word), !Self.koreanWords.contains(Array(word[..<n])), !Self.koreanEndings.contains(word[n - 1]) else { return [] }
        let rest = Array(word[n...])
        func starts(_ w: [UInt16], with list: [[UInt16]]) -> Bool { list.contains { w.starts(with: $0) } }
        let titled = starts(rest, with: Self.koreanTitles)
        let particle = rest.isEmpty || Self.koreanParticles.contains(rest)
        let nextTitled = particle && rest.isEmpty && i + 1 < t.count && t[i + 1].gap == 1 && scripts[i + 1] == .hangul
            && starts(Array(scan.units[t[i + 1].start..<t[i + 1].end]), with: Self.koreanTitles)
        var cued = false
        if particle, i >= 1 {
            var c = i - 1
            if c >= 1, t[c].isMark(in: ":") { c -= 1 }
            if t[c].kind == .word, scripts[c] == .hangul { cued = Self.koreanCues.contains(Array(scan.units[t[c].start..<t[c].end])) }
        }
        guard titled || nextTitled || cued else { return [] }
        return [EntitySpan(kind: .person, start: t[i].start, end: t[i].start + n, score: 0.75, recognizer: "person.script")]
    }

    static let koreanEndings = Set("에로을를는의만면게께고다요한된던할될".utf16)
    static let koreanWords = Set(units(["오늘은", "오늘도", "어제는", "지금은", "이번주", "이번달", "우리는", "우리가", "우선은", "이메일", "이미지", "정말로", "안녕하", "전화로"]))
    static let koreanCompoundSurnameUnits = units(Array(NamesInOtherScripts.koreanCompoundSurnames))
    static let koreanTitles = units(["님", "씨", "군", "양", "고객", "선생", "환자", "과장", "대리", "부장", "팀장", "사장", "교수", "박사", "원장", "실장", "매니저", "회원"])
    static let koreanParticles = Set(units(["이", "가", "은", "는", "을", "를", "의", "에게", "께서", "께", "와", "과", "도", "한테", "이가", "이는", "이의"]))
    static let koreanCues = Set(units(["분", "고객", "환자", "담당자", "이름", "성명", "회원", "직원", "고객명", "수신인", "신청인", "보호자", "기사"]))

    // MARK: Arabic and Hebrew

    /// An Arabic or Hebrew name: a listed given name with the names after it (listed ones, a family
    /// name with the article, `بن` and the name after it), or one to three words after a word that
    /// introduces a person (`السيد`, `العميل`, `הלקוח`, `מר`). A listed name that is also a common word
    /// (`نور` light, `صالح` valid, `חיים` life) counts only beside another name or after such a word.
    static func givenNameRun(_ i: Int, _ script: Script, _ scan: TextScan, _ scripts: [Script]) -> (Int, Int)? {
        let t = scan.tokens
        let arabic = script == .arabic
        func word(_ k: Int) -> String? { k >= 0 && k < t.count && t[k].kind == .word && scripts[k] == script ? scan.text(of: t[k]) : nil }
        func listed(_ w: String) -> Bool {
            if arabic { return NamesInOtherScripts.arabicNames.contains(NamesInOtherScripts.withoutArticle(w)) }
            return NamesInOtherScripts.hebrewNames.contains(w)
        }
        /// A name with a letter of `and`, `to`, `by` written on (`ومحمد`, `לדוד`).
        func prefixed(_ w: String) -> Bool {
            let prefixes: Set<Character> = arabic ? ["و", "ل", "ب", "ف"] : ["ו", "ל", "ב", "ש", "מ", "כ", "ה"]
            guard w.count > 3, let first = w.first, prefixes.contains(first) else { return false }
            let rest = String(w.dropFirst())
            return listed(rest) && !ambiguous(rest)
        }
        func ambiguous(_ w: String) -> Bool { (arabic ? Self.arabicCommonWords : Self.hebrewCommonWords).contains(w) }
        func joiner(_ w: String) -> Bool { (arabic ? ["بن", "بنت", "ابن", "أبو", "ابو", "أبا", "ابا", "أم", "ام", "عبد", "آل"] : ["בן", "בת", "בר"]).contains(w) }
        func family(_ w: String) -> Bool { arabic ? w.hasPrefix("ال") && w.count >= 4 && !Self.arabicCommonWords.contains(w) : false }
        func cue(_ k: Int) -> Bool {
            guard let w = word(k) else { return false }
            return (arabic ? Self.arabicCues : Self.hebrewCues).contains(w)
        }
        guard let first = word(i), !cue(i) else { return nil }
        // An Arabic family written with `آل` (`عالم آل رفيع`): the word before it and after it are the name's.
        if arabic, i + 2 < t.count, t[i + 1].gap == 1, t[i + 2].gap == 1, word(i + 1) == "آل", word(i + 2) != nil { return (i, i + 2) }
        let cued = i >= 1 && t[i].gap == 1 && cue(i - 1) || i >= 2 && t[i - 1].isMark(in: ":.'") && cue(i - 2) && t[i - 1].gap == 0
        guard listed(first) || prefixed(first) || cued else { return nil }
        var j = i
        while j + 1 < t.count, j - i < 3, t[j + 1].gap == 1, let next = word(j + 1), !cue(j + 1) {
            if listed(next) || family(next) { j += 1; continue }
            if joiner(next), j + 2 < t.count, t[j + 2].gap == 1, word(j + 2) != nil { j += 2; continue }
            break
        }
        // After a title or role, the next word too unless it is a verb or small word of the sentence
        // (`הלקוח עומרי עבדאללה ביקש`: a surname no list holds).
        // (Up to three words: `العميل فهمي حجار لافي`.)
        while cued, j - i < 2, j + 1 < t.count, t[j + 1].gap == 1, let next = word(j + 1), !cue(j + 1),
              !(arabic ? Self.arabicSentenceWords : Self.hebrewSentenceWords).contains(next) {
            j += 1
        }
        if j == i, !cued, ambiguous(first) { return nil }
        return (i, j)
    }

    static let arabicCommonWords: Set<String> = [
        "نور", "أمل", "امل", "هدى", "سعيد", "جميلة", "كريم", "منى", "علي", "عادل", "وفاء", "إيمان", "ايمان", "سالم", "ناصر", "جمال", "عماد",
        "نبيل", "مراد", "صالح", "ريم", "لطيفة", "عبد", "حنان", "سامي", "باسم", "رامي", "ماجد", "راشد", "حمد", "فهد", "منصور", "سلطان",
        "الطلب", "الخدمة", "الحساب", "الرقم", "المبلغ", "العميل", "الدفع", "الشحن", "الفاتورة", "الموقع", "اليوم", "الأمس", "الشركة",
    ]
    /// Verbs and small words that follow a name in a ticket's sentence.
    static let arabicSentenceWords: Set<String> = [
        "طلب", "يطلب", "تطلب", "اتصل", "اتصلت", "قال", "قالت", "يريد", "تريد", "من", "في", "على", "عن", "مع", "بخصوص", "إلى", "الى", "و",
        "أرسل", "ارسل", "أرسلت", "يسأل", "تسأل", "سأل", "سألت", "لم", "لا", "قد", "هو", "هي", "الهاتف", "رقم",
    ]
    static let hebrewSentenceWords: Set<String> = [
        "ביקש", "ביקשה", "מבקש", "מבקשת", "התקשר", "התקשרה", "אמר", "אמרה", "כתב", "כתבה", "רוצה", "שאל", "שאלה", "פנה", "פנתה", "לא",
        "של", "עם", "על", "את", "הוא", "היא", "טלפון", "מספר", "שלח", "שלחה",
    ]
    static let hebrewCommonWords: Set<String> = ["חיים", "גיא", "רון", "אורי", "נועם", "תמר", "יעל", "שירה", "רות", "דנה", "פרץ", "כהן", "עומר", "לאה", "חנה"]
    static let arabicCues: Set<String> = [
        "السيد", "السيدة", "العميل", "العميلة", "الزبون", "الزبونة", "المريض", "المريضة", "الدكتور", "الدكتورة", "الأستاذ", "الأستاذة",
        "الموظف", "الموظفة", "اسم", "الاسم", "المهندس", "المهندسة", "السائق", "الطالب", "الطالبة", "د",
    ]
    static let hebrewCues: Set<String> = ["הלקוח", "הלקוחה", "לקוח", "לקוחה", "מר", "גברת", "גב", "דר", "המטופל", "המטופלת", "שם", "הנהג", "העובד", "העובדת", "הנמען", "הנמענת", "נמען"]
}
