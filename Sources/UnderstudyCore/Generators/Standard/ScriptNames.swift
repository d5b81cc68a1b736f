/// Fake names in the script of the name they replace: a customer written `Иван Петров` gets
/// `Ольга Смирнова`, `王小明` gets `陈丽`, `김민준` `박서연` — not `Margaret Okafor`, which a Russian,
/// Chinese or Korean screen, sort order, search or length check would not meet in production.
/// Drawn from the names ``NamesInOtherScripts`` knows (and a few dozen common surnames), in the
/// original's shape: its number of words, and for Chinese, Japanese and Korean its length.
enum ScriptNames {
    enum Script { case cyrillic, greek, chinese, japanese, korean, arabic, hebrew }

    /// The script of a name written in one the lists know (nil for Latin and others).
    static func script(of text: String) -> Script? {
        guard let first = text.unicodeScalars.first(where: { $0.properties.isAlphabetic }), !first.isASCII else { return nil }
        switch EntityRecognizer.script(UInt16(truncatingIfNeeded: first.value)) {
        case .cyrillic: return .cyrillic
        case .greek: return .greek
        case .hangul: return .korean
        case .arabic: return .arabic
        case .hebrew: return .hebrew
        case .cjk:
            let kana = text.unicodeScalars.contains { NamesInOtherScripts.isKana($0) }
            let japanese = kana || NamesInOtherScripts.japaneseSurnames.contains { text.hasPrefix($0) && $0.count >= 2 }
            return japanese ? .japanese : .chinese
        default: return nil
        }
    }

    /// A name in `script` of the part asked, in the original's shape, not the original.
    static func name(_ part: PersonNameGenerator.Part, _ script: Script, like original: String, _ random: inout KeyedRandom) -> String {
        let words = original.split(whereSeparator: \.isWhitespace)
        let spaced = words.count >= 2
        switch script {
        case .cyrillic, .greek:
            let given = random.pick(script == .cyrillic ? cyrillicGiven : greekGiven)
            var surname = random.pick(script == .cyrillic ? cyrillicSurnames : greekSurnames)
            // A woman's surname in Russian: `Смирнов` → `Смирнова` (the Greek ones drawn are the same for both).
            if script == .cyrillic, given.hasSuffix("а") || given.hasSuffix("я"), !["Илья", "Никита"].contains(given) { surname += "а" }
            switch part {
            case .first: return given
            case .last: return surname
            case .full:
                // Three words in Cyrillic are a surname, a given name and a patronymic (`Петров Иван Сергеевич`).
                guard words.count == 3, script == .cyrillic else { return "\(given) \(surname)" }
                var patronymic = random.pick(cyrillicPatronymics)
                if surname.hasSuffix("а") { patronymic = String(patronymic.dropLast(2)) + "на" }
                return "\(surname) \(given) \(patronymic)"
            }
        case .chinese, .japanese, .korean:
            let surname: String, given: String
            switch script {
            case .chinese:
                // A given name of the original's length less the surname (one or two characters).
                let letters = original.filter { !$0.isWhitespace }.count
                surname = random.pick(chineseSurnames)
                given = (0..<max(1, min(2, part == .first ? letters : letters - 1))).map { _ in random.pick(chineseGiven) }.joined()
                // One character is a surname alone (`王` of `王先生`).
                if letters == 1, part == .full { return surname }
            case .japanese:
                surname = random.pick(japaneseSurnames)
                given = random.pick(japaneseGiven)
            default:
                surname = random.pick(koreanSurnames)
                given = random.pick(koreanSyllables) + random.pick(koreanSyllables)
            }
            switch part {
            case .first: return given
            case .last: return surname
            case .full: return spaced ? "\(surname) \(given)" : surname + given
            }
        case .arabic, .hebrew:
            let given = random.pick(script == .arabic ? arabicGiven : hebrewGiven)
            let surname = random.pick(script == .arabic ? arabicGiven : hebrewSurnames)
            switch part {
            case .first: return given
            case .last: return surname
            case .full: return words.count >= 3 && script == .arabic ? "\(given) \(surname) \(random.pick(arabicGiven))" : "\(given) \(surname)"
            }
        }
    }

    /// The surname a fake name of these scripts written without a space begins with: a listed
    /// Japanese surname (the longest), else its first character (the Chinese and Korean surnames
    /// drawn are one).
    static func surname(of fake: String, _ script: Script) -> String {
        if script == .japanese, let surname = japaneseSurnames.filter({ fake.hasPrefix($0) }).max(by: { $0.count < $1.count }) { return surname }
        return String(fake.prefix(1))
    }

    static func capitalised(_ words: Set<String>) -> [String] { words.sorted().map { $0.prefix(1).uppercased() + $0.dropFirst() } }
    static let cyrillicGiven = capitalised(NamesInOtherScripts.slavicGivenNames.filter { !$0.contains("ё") && !["олександр"].contains($0) })
    static let cyrillicSurnames = [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков",
        "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
        "Захаров", "Зайцев", "Борисов", "Яковлев", "Григорьев", "Романов", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев",
        "Гусев", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Белов", "Медведев", "Антонов", "Тарасов",
    ]
    static let cyrillicPatronymics = ["Иванович", "Сергеевич", "Петрович", "Николаевич", "Александрович", "Андреевич", "Владимирович", "Михайлович", "Дмитриевич", "Алексеевич"]
    static let greekGiven = capitalised(EntityRecognizer.greekGivenNames)
    static let greekSurnames = [
        "Παπαγεωργίου", "Οικονόμου", "Γεωργίου", "Βασιλείου", "Νικολάου", "Δημητρίου", "Ιωάννου", "Κωνσταντίνου", "Αντωνίου",
        "Αθανασίου", "Χριστοδούλου", "Αλεξίου", "Παπανικολάου", "Ευαγγέλου", "Σταματίου", "Θεοδώρου", "Πέτρου", "Μιχαήλ",
    ]
    static let chineseSurnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程苏魏吕丁任沈姚").map(String.init)
    static let chineseGiven = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲婷雪琳晨浩宇欣怡佳俊凯").map(String.init)
    static let japaneseSurnames = NamesInOtherScripts.japaneseSurnames.filter { $0.count >= 2 }.sorted()
    static let japaneseGiven = [
        "太郎", "花子", "健太", "翔太", "大輔", "拓海", "陽菜", "美咲", "結衣", "さくら", "葵", "蓮", "悠真", "大翔", "陽斗", "美穂", "直樹",
        "恵", "真由美", "浩二", "裕子", "和也", "愛", "彩", "翼",
    ]
    static let koreanSurnames = Array("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허남심노하곽성차주우구").map(String.init)
    static let koreanSyllables = Array("민서준지현우영수연호진은하윤성재예도혜경정승유태희나원주동아").map(String.init)
    static let arabicGiven = NamesInOtherScripts.arabicNames.filter { !$0.hasPrefix("ا") && $0 != "عبد" }.sorted()
    static let hebrewSurnames = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "פרידמן", "שפירא", "אזולאי", "אוחיון", "גבאי"]
    static let hebrewGiven = NamesInOtherScripts.hebrewNames.subtracting(hebrewSurnames).sorted()
}
