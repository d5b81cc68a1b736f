/// Texts written in another language than English. The tagger and the rules after it learnt names
/// from English sentences, where a capitalised word inside a sentence is a name more often than
/// not; in German every noun is capitalised, and the articles, pronouns and conjunctions of
/// German, French, Spanish, Italian, Dutch and Portuguese are words no English list holds.
/// Measured on the manual pages Debian translates (`manpages-de`, `-fr`, `-es`), one word in seven
/// of German and one in ten of French was a PERSON span (`Sie`, `und`, `Datei`, `Diese
/// Übersetzung`, `est`, `les`), so a fake name would have replaced each of them.
extension EntityRecognizer {
    /// Words that say a text is not English: articles, pronouns, conjunctions, prepositions and
    /// auxiliaries of German, French, Spanish, Italian, Dutch and Portuguese; not those that open a
    /// surname more often than a clause (`von`, `de`, `la`, `van`, `del`, `da`).
    /// (Several languages share words: the list is an array made a set.)
    static let otherLanguageWords = Set<String>([
        // German
        "und", "oder", "aber", "nicht", "ist", "sind", "wird", "werden", "wurde", "wurden", "haben", "hatte", "kann", "können", "muss",
        "müssen", "soll", "sollen", "wollen", "möchte", "mit", "für", "auf", "aus", "bei", "nach", "über", "unter", "vor", "zwischen",
        "durch", "gegen", "ohne", "um", "zum", "zur", "vom", "beim", "im", "ins", "der", "das", "dem", "den", "des", "die", "ein", "eine",
        "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "sich", "sie", "ich", "wir", "ihr", "er", "es", "du", "mich",
        "mir", "uns", "euch", "ihnen", "ihm", "ihn", "ihre", "ihren", "ihrem", "ihrer", "dass", "wenn", "weil", "auch", "noch", "schon",
        "nur", "sehr", "hier", "dort", "dann", "wie", "wo", "diese", "dieser", "dieses", "diesen", "jeder", "jede", "alle", "bitte",
        "danke", "ja", "nein", "gibt", "sein", "seine", "seinen", "unsere", "unser", "mein", "meine", "dein", "deine", "wieder", "falls",
        "wegen", "heute", "gestern", "morgen", "zurück", "bereits", "leider", "seit", "bis", "zu", "ob", "sowie", "damit", "sondern",
        "denn", "doch", "jedoch", "bzw", "etwa", "usw", "dabei", "darin", "dafür", "daher", "deshalb", "dessen", "deren", "einige",
        "mehrere", "andere", "anderen", "immer", "sollte", "würde", "könnte", "welche", "welcher", "welches", "innerhalb", "außerhalb",
        "während", "statt", "anstatt", "trotz", "gemäß", "sodass", "nachdem", "bevor", "obwohl", "daß",
        // French
        "les", "des", "une", "un", "et", "est", "sont", "été", "être", "avoir", "avez", "avons", "ont", "pas", "ne", "que", "qui",
        "quoi", "dans", "pour", "par", "sur", "avec", "sans", "sous", "chez", "ce", "cette", "ces", "cet", "il", "ils", "elle", "elles",
        "nous", "vous", "je", "mon", "ma", "mes", "ton", "ta", "votre", "vos", "notre", "nos", "leur", "leurs", "mais", "ou", "où",
        "donc", "car", "plus", "très", "aussi", "bien", "tout", "tous", "toute", "toutes", "comme", "au", "aux", "lui", "merci",
        "peut", "fait", "cela", "ça", "si", "hier", "demain", "depuis", "après", "avant", "déjà", "aujourd",
        // Spanish
        "una", "uno", "unos", "unas", "y", "es", "son", "está", "están", "fue", "ser", "estar", "hay", "por", "para", "con", "sin",
        "sobre", "entre", "pero", "como", "cuando", "donde", "muy", "más", "también", "su", "sus", "mi", "mis", "tu", "tus", "nuestro",
        "nuestra", "usted", "ustedes", "él", "ella", "ellos", "ellas", "nosotros", "yo", "se", "lo", "al", "este", "esta", "estos",
        "estas", "ese", "esa", "eso", "esto", "hola", "gracias", "qué", "ha", "han", "le", "desde", "ayer", "hoy", "mañana", "porque", "aquí",
        "ahora", "después", "hasta", "todavía", "antes", "luego", "entonces", "siempre", "nunca", "cada", "otro", "otra", "otros", "otras",
        // Italian
        "il", "gli", "è", "sono", "hanno", "che", "non", "per", "tra", "fra", "ma", "anche", "più", "molto", "questo", "questa",
        "questi", "quello", "quella", "suo", "sua", "suoi", "mio", "mia", "nostro", "vostro", "loro", "lei", "noi", "voi", "io", "ci",
        "nel", "nella", "nei", "nelle", "alla", "alle", "agli", "sul", "sulla", "grazie", "stato", "stata", "ieri", "oggi", "domani", "dopo",
        // Dutch
        "het", "een", "en", "zijn", "wordt", "worden", "werd", "heeft", "hebben", "niet", "met", "voor", "naar", "bij", "uit", "door",
        "aan", "als", "maar", "ook", "nog", "dat", "dit", "deze", "wat", "wie", "waar", "hoe", "ik", "jij", "je", "hij", "zij", "ze",
        "wij", "jullie", "mijn", "uw", "ons", "onze", "hun", "kunt", "kan", "moet", "gisteren", "vandaag",
        // Portuguese
        "não", "é", "são", "foi", "com", "uma", "um", "em", "na", "nas", "pelo", "pela", "seu", "sua", "seus", "suas", "meu", "minha",
        "você", "vocês", "ele", "ela", "eles", "elas", "nós", "eu", "mas", "também", "muito", "mais", "isso", "isto", "obrigado",
        "obrigada", "ao", "aos", "à", "às", "ontem", "hoje", "amanhã", "depois", "então", "sempre", "tudo", "outro", "outra",
        // Polish (not `i`, `w`, `z`, `o`, `do`, `to`, `na`, `po`: English's or one letter)
        "nie", "się", "że", "jest", "są", "przez", "oraz", "ale", "czy", "już", "jeszcze", "bardzo", "dla", "od", "za", "jak", "tak",
        "dziękujemy", "dziękuję", "proszę", "witam", "witaj", "dzień", "dobry", "został", "została", "zostało", "może", "mamy",
        "jestem", "jesteśmy", "pana", "pani", "panu", "państwo", "wczoraj", "dzisiaj", "jutro", "który", "która", "które",
        // Born, before a date of birth (`né le 5 janv. 1980`, `nacido el …` were names; not `née`, English's before a maiden name)
        "geboren", "né", "nacido", "nacida", "nato", "nata", "nascido", "nascida", "född", "født", "urodzony", "urodzona",
        // Died and called, as a short note says them (`fallecido el lunes` was a name).
        "fallecido", "fallecida", "falleció", "llamado", "llamada", "llamó", "décédé", "décédée", "verstorben", "deceduto", "deceduta", "falecido", "falecida",
    ])

    /// English's own small words, counted against the others: a ticket in English that quotes a
    /// line of German stays English.
    static let englishFunctionWords: Set<String> = [
        "the", "and", "of", "to", "is", "that", "for", "with", "on", "you", "it", "this", "be", "are", "as", "at", "or", "was",
        "have", "has", "we", "please", "our", "your", "not", "from", "by", "can", "will", "they", "he", "she", "his", "her", "been",
        "would", "there", "their", "what", "which", "if", "about", "do", "my", "me", "i", "him", "them", "us", "had", "were", "but",
    ]

    /// Words of these languages that introduce a person by their role, as `customer` and `patient`
    /// do in English (those are read from the lists): a name no list holds after one stays found.
    static let otherLanguageIntroductions = Set<String>([
        "kunde", "kundin", "patientin", "mitarbeiter", "mitarbeiterin", "ansprechpartner", "ansprechpartnerin", "techniker", "technikerin",
        "kollege", "kollegin", "mieter", "mieterin", "fahrer", "fahrerin", "cliente", "clienta", "paciente", "compañero", "compañera",
        "señor", "sr", "técnico", "técnica", "patiente", "collègue", "locataire", "chauffeur", "paziente", "collega", "signor", "klant",
        "patiënt", "medewerker", "monteur", "bestuurder", "doente", "funcionário", "funcionária",
    ])

    /// German's articles and determiners, before a noun (capitalised, as every German noun is).
    static let germanDeterminers: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine", "keinen", "keinem",
        "keiner", "ihr", "ihre", "ihren", "ihrem", "ihrer", "ihres", "sein", "seine", "seinen", "seinem", "seiner", "seines", "dieser",
        "diese", "dieses", "diesen", "diesem", "jeder", "jede", "jedes", "jeden", "jedem", "mein", "meine", "meinen", "meinem", "dein",
        "deine", "unser", "unsere", "unseren", "unserem", "euer", "eure", "welcher", "welche", "welches", "welchen", "jener", "jene",
    ]

    /// The 2,000 most frequent surnames of the census list: a person's more often than a German
    /// noun's after its article (`der Schmidt`, `der Richter`; not `der Wert`, `die Wahl`, ranks
    /// 6,246 and 2,946). (Read only for such a word: no flag of the lexicon, which the rules
    /// compare whole.)
    static let frequentSurnames = Set(Dictionaries.shared.lastNamesLowercased.prefix(2_000))

    /// Whether the word at `k` follows one of German's articles or determiners, up to two words in
    /// lower case between (its adjectives: `den ermittelten Wert`).
    static func germanNounAfterArticle(_ k: Int, _ t: [TextScan.Token]) -> Bool {
        var p = k - 1, between = 0
        while p >= 0, t[p].kind == .word, !t[p].isCapitalized, !t[p].isAllCaps, !germanDeterminers.contains(t[p].lower), between < 2 { p -= 1; between += 1 }
        return p >= 0 && t[p].kind == .word && !t[p].isAllCaps && germanDeterminers.contains(t[p].lower)
    }

    /// Spans of names a text's own words make sure of (a title, a handle, a key, a table's
    /// header, a signature, an addressee, a speaker, a greeting…): kept in a text of another
    /// language too.
    static let structuralNames: Set<String> = [
        "person.title", "person.handle", "person.display-name", "person.keyed", "person.table", "person.username", "person.home-folder",
        "person.recipient", "person.record", "person.speaker", "person.addressee", "person.signature", "person.inverted",
        "person.greeting", "person.related", "person.transcribed", "person.attribution", "person.named", "person.nicknamed",
    ]

    /// Which words of a text in another language are its small words (nil for a text in English):
    /// two of the other languages' small words or more (distinct), and more than twice as many as
    /// English's own (`in` and `an`, German's too, counted for neither); or one that is no English
    /// word nor name, in a text of four words or more without any of English's.
    static func otherLanguage(_ scan: TextScan) -> [Bool]? {
        let t = scan.tokens
        // (Not a part of an address or an identifier: the `com` of `x@example.com` is no Portuguese.)
        func joined(_ k: Int) -> Bool {
            k > 0 && t[k].gap == 0 && t[k - 1].isMark(in: ".@/_-") || k + 2 < t.count && t[k + 1].gap == 0 && t[k + 1].isMark(in: ".@/_-") && t[k + 2].gap == 0
        }
        func listed(_ k: Int) -> Bool {
            t[k].kind == .word && t[k].count <= 9 && !WordLists.gaelicParticles.contains(t[k].lower) && otherLanguageWords.contains(t[k].lower) && !joined(k)
        }
        // (A first pass over the words no English list holds: an English text has next to none,
        // and is done without hashing its words.)
        guard t.indices.contains(where: { t[$0].kind == .word && !t[$0].has(.english) && listed($0) }) else { return nil }
        let small = t.indices.map(listed)
        // (Distinct words: a surname's particle twice, "N:den Buytelaar;…⏎FN:Fien den Buytelaar", says no language.)
        let distinct = Set(t.indices.filter { small[$0] }.map { t[$0].lower })
        let other = distinct.count
        let english = t.reduce(0) { $0 + ($1.kind == .word && $1.count <= 6 && englishFunctionWords.contains($1.lower) ? 1 : 0) }
        // A short ticket may hold one ("Anruf von Herrn Müller wegen der Rechnung."): one that is no
        // English word (not `car`, `die`, `son`), with none of English's, in four words or more.
        // (In lower case, or opening the text: a capitalised `Vos` in "Ties de Vos" is a surname.)
        let alone = other == 1 && english == 0
            && t.indices.contains { small[$0] && !t[$0].has([.english, .particle]) && !t[$0].isListedName && (!t[$0].isCapitalized || $0 == 0) }
            && t.reduce(0, { $0 + ($1.kind == .word ? 1 : 0) }) >= 4
        guard other >= 2 || alone else { return nil }
        guard other > 2 * english else { return nil }
        return small
    }

    /// In a text of another language, the names its small words and nouns made: a name found by
    /// the tagger or by the rules that guess from capitals is cut at the language's small words
    /// (`Wenn Sie Fehler`, `Die Rechnung`), and a part is dropped that holds no listed name (one
    /// that is no small word: `Le`, `Su`), nor two capitalised words besides particles, nor follows
    /// a word that introduces a person (`Datei`, `Diese Übersetzung`, `su cuenta`, `KEINE
    /// HAFTUNG`). A surname's particle (`von`, `de la`, `van der`) cuts a name only where it opens
    /// it in capitals before a word no list holds (`Der Techniker`). Names the text's structure
    /// makes sure of (``structuralNames``) stay whole. A name no list holds written alone, one
    /// word, is then found only through such structure (a title, `Familie`, a role, a signature…).
    static func otherLanguageNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .person && !structuralNames.contains($0.recognizer) }), let small = otherLanguage(scan) else { return spans }
        let t = scan.tokens
        func particle(_ k: Int) -> Bool { t[k].has(.particle) || WordLists.gaelicParticles.contains(t[k].lower) }
        var result: [EntitySpan] = []
        var k = 0
        for span in spans {
            guard span.kind == .person, span.recognizer.hasPrefix("person."), !structuralNames.contains(span.recognizer) else { result.append(span); continue }
            while k < t.count, t[k].end <= span.start { k += 1 }
            var end = k
            while end < t.count, t[end].start < span.end { end += 1 }
            func cuts(_ e: Int) -> Bool {
                guard small[e] else { return false }
                // A surname's second particle ("Jan van het Veld", "de los Santos") is the name's.
                if e > k, particle(e - 1), e + 1 < end, t[e + 1].kind == .word, t[e + 1].isCapitalized { return false }
                guard particle(e) else { return true }
                return e == k && t[e].isCapitalized && e + 1 < end && t[e + 1].kind == .word && !t[e + 1].isListedName && !particle(e + 1)
            }
            // The span's words in runs between the small words; each run kept where a word of it is a listed name.
            var first: Int?, lastWord = k
            func close() {
                guard var f = first else { return }
                first = nil
                // (A role that opens it is no part of the name: `Kunde Özdemir`.)
                if f < lastWord, t[f].kind == .word, otherLanguageIntroductions.contains(t[f].lower) || t[f].has(.personIntroduction) && !t[f].isListedName,
                   t[f + 1].gap == 1, t[f + 1].kind == .word {
                    f += 1
                }
                let words = (f...lastWord).filter { t[$0].kind == .word }
                // A listed name, or two capitalised words or more (names the lists lack: "Bastien
                // Scher"; a noun of the language alone after its article is none).
                let named = words.filter { !particle($0) }
                // A word that introduces a person before it: `Der Patient Abubakar`, `Le client Nguyen`.
                let introduced = f > 0 && t[f].gap == 1 && t[f - 1].kind == .word
                    && (t[f - 1].has(.personIntroduction) || otherLanguageIntroductions.contains(t[f - 1].lower))
                    && !named.isEmpty && named.allSatisfy { t[$0].isCapitalized && !t[$0].isAllCaps && t[$0].count > 1 && !small[$0] }
                // A German noun after its article or determiner, adjectives between: a surname of the
                // lists alone or with its article (`ihr Wert`, `den ermittelten Wert`, `Dieser Wert`: `Wert` was a name 58
                // times in Debian's German manual pages), no first name nor a frequent surname (`mit der Schmidt`).
                // (Or the article opening the span, as a surname's particle keeps it: `Der Wert ist…`.)
                if !introduced, let noun = words.last, words.count == 1 && germanNounAfterArticle(noun, t) || words.count == 2 && germanDeterminers.contains(t[words[0]].lower),
                   t[noun].isCapitalized, !t[noun].isAllCaps, !t[noun].isFirstNameAccented, !frequentSurnames.contains(t[noun].lower) { return }
                guard words.contains(where: { t[$0].isListedName && !small[$0] }) || introduced
                        || named.count >= 2 && named.allSatisfy({ (t[$0].isCapitalized || t[$0].isAllCaps) && t[$0].count > 1 }) && named.contains(where: { !t[$0].isAllCaps })
                else { return }
                var piece = span
                piece.start = max(span.start, t[f].start)
                piece.end = min(span.end, t[lastWord].end)
                result.append(piece)
            }
            for e in k..<end {
                if cuts(e) {
                    close()
                } else if t[e].kind != .punct {
                    if first == nil { first = e }
                    lastWord = e
                }
            }
            close()
        }
        return result
    }
}
