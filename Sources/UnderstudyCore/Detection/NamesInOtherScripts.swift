/// Person names written in scripts the census lists do not read: a column of customers' names in
/// Cyrillic, Greek, Chinese, Japanese, Korean, Arabic or Hebrew, under a column name that says
/// nothing (`kunde`, `contact`), was copied as it was. Each script is read by what its names share:
/// capitalised words with a surname's ending (Cyrillic, Greek), a common surname before one to three
/// characters (Chinese, Japanese, Korean), a common given name among two to four words (Arabic,
/// Hebrew). A value of another kind — a product, a place, a phrase — rarely has that shape, and the
/// scanner asks it of a fifth of a column's values or more.
enum NamesInOtherScripts {
    static func isPersonName(_ value: String) -> Bool {
        let words = value.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty, words.count <= 4 else { return false }
        let scalars = words.joined().unicodeScalars
        guard let first = scalars.first, !first.isASCII else { return false }
        if scalars.allSatisfy(isHan) { return hanName(words) }
        // A Japanese given name in kana after a surname in kanji ("佐藤 さくら").
        if scalars.allSatisfy({ isHan($0) || isKana($0) }) {
            return words.count == 2 && japaneseSurnames.contains(words[0]) && (1...4).contains(words[1].count)
        }
        if scalars.allSatisfy(isHangul) { return hangulName(words) }
        guard words.count >= 2 else { return false }
        if scalars.allSatisfy({ isCyrillic($0) || $0 == "-" }) { return capitalised(words) && words.contains(where: slavic) }
        if scalars.allSatisfy({ isGreek($0) || $0 == "-" }) { return capitalised(words) && words.contains(where: greek) }
        if scalars.allSatisfy(isArabic) { return words.contains { arabicNames.contains(withoutArticle($0)) } }
        if scalars.allSatisfy(isHebrew) { return words.count <= 3 && words.contains { hebrewNames.contains($0) } }
        return false
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || s == "々" }
    static func isKana(_ s: Unicode.Scalar) -> Bool { (0x3040...0x30FF).contains(s.value) }
    static func isHangul(_ s: Unicode.Scalar) -> Bool { (0xAC00...0xD7A3).contains(s.value) }
    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(s.value) }
    static func isGreek(_ s: Unicode.Scalar) -> Bool { (0x0370...0x03FF).contains(s.value) || (0x1F00...0x1FFF).contains(s.value) }
    static func isArabic(_ s: Unicode.Scalar) -> Bool { (0x0600...0x06FF).contains(s.value) && !(0x0660...0x0669).contains(s.value) }
    static func isHebrew(_ s: Unicode.Scalar) -> Bool { (0x05D0...0x05EA).contains(s.value) || s == "\u{05F3}" || s == "'" }

    /// Each word a capital then small letters (a hyphen may join two such parts).
    static func capitalised(_ words: [String]) -> Bool {
        words.allSatisfy { word in
            word.split(separator: "-").allSatisfy { part in
                part.count >= 2 && part.first!.isUppercase && part.dropFirst().allSatisfy(\.isLowercase)
            }
        }
    }

    /// Chinese: a common surname (one character, or two: 欧阳) and a given name of one or two, written
    /// together; Japanese: a common surname of one to three characters and a given name of one to
    /// three, together or apart.
    static func hanName(_ words: [String]) -> Bool {
        let text = words.joined()
        if words.count == 2 { return japaneseSurnames.contains(words[0]) && (1...3).contains(words[1].count) }
        guard words.count == 1 else { return false }
        if japaneseSurnames.contains(where: { $0.count >= 2 && text.hasPrefix($0) && (1...3).contains(text.count - $0.count) }) { return true }
        if let compound = chineseCompoundSurnames.first(where: { text.hasPrefix($0) }) { return (1...2).contains(text.count - compound.count) }
        return (2...3).contains(text.count) && chineseSurnames.contains(text.first!)
    }

    /// Korean: a common surname's syllable (or two: 남궁) and a given name of two, together or apart
    /// (three syllables in all, as most names have; two are as often words: 김치).
    static func hangulName(_ words: [String]) -> Bool {
        let text = words.joined()
        if words.count == 2 {
            return (koreanSurnames.contains(words[0].first!) && words[0].count == 1 || koreanCompoundSurnames.contains(words[0])) && (1...2).contains(words[1].count)
        }
        guard words.count == 1 else { return false }
        if koreanCompoundSurnames.contains(where: { text.hasPrefix($0) }) { return (3...4).contains(text.count) }
        return text.count == 3 && koreanSurnames.contains(text.first!)
    }

    static let slavicEndings = ["ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "ская", "цкий", "цкая", "енко", "чук", "юк", "ук", "вич", "ич", "овна", "евна", "ична", "ян", "дзе", "швили"]
    static let slavicGivenNames: Set<String> = [
        "иван", "мария", "сергей", "ольга", "дмитрий", "анна", "александр", "олександр", "елена", "наталья", "андрей", "алексей", "михаил",
        "татьяна", "екатерина", "владимир", "николай", "павел", "юлия", "ирина", "светлана", "максим", "артём", "артем", "никита",
        "анастасия", "дарья", "виктор", "евгений", "игорь", "олег", "роман", "юрий", "людмила", "галина", "вера", "надежда", "софия",
        "полина", "оксана", "тарас", "богдан", "петр", "пётр", "василий", "григорий", "борис", "георгий", "мирослав", "зоран", "милан",
    ]

    static func slavic(_ word: String) -> Bool {
        let lower = word.lowercased()
        return slavicGivenNames.contains(lower) || slavicEndings.contains { lower.count > $0.count + 1 && lower.hasSuffix($0) }
    }

    static let greekEndings = ["ος", "ός", "ης", "ής", "ας", "άς", "ου", "ού", "ίδης", "άκης", "όπουλος", "ίου", "άκη", "ίδου", "πούλου", "άτου"]

    static func greek(_ word: String) -> Bool {
        let lower = word.lowercased()
        return greekEndings.contains { lower.count > $0.count + 1 && lower.hasSuffix($0) }
    }

    /// An Arabic word without its article (`الزهراء` → `زهراء`).
    static func withoutArticle(_ word: String) -> String { word.hasPrefix("ال") && word.count > 4 ? String(word.dropFirst(2)) : word }

    static let chineseSurnames: Set<Character> = Set("""
        王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏\
        吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴武戴莫孔汤湯\
        常温溫康施牛樊葛邢齐齊乔喬伍庞龐颜顏倪庄莊聂聶章鲁魯岳翟殷詹申欧歐耿关關兰蘭焦俞左柳甘祝包宁寧尚符舒阮柯纪紀梅童凌毕畢季裴霍涂苗谷盛曲翁\
        冉骆駱蓝藍游辛靳管柴蒙鲍鮑华華喻祁蒲房滕屈饶饒牟艾尤穆卓缪繆简簡项項连連褚娄婁窦竇戚岑宫宮费費卜晏卫衛柏瞿桂佟臧邬鄔卞姬仇栾欒隋刁巫寇桑郎甄\
        仲虞敖巩鞏佘苑邝鄺向商赖賴萧覃邸闵閔麦麥庄裘解水龙屠阎閻
        """.filter { !$0.isWhitespace })
    static let chineseCompoundSurnames = ["欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫"]
    static let japaneseSurnames: Set<String> = [
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "渡邊", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上",
        "木村", "林", "斎藤", "斉藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川", "前田", "岡田",
        "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野",
        "三浦", "原田", "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田", "上田", "原", "柴田", "酒井", "工藤", "横山",
        "宮崎", "宮本", "内田", "高木", "安藤", "谷口", "大野", "丸山", "今井", "河野", "藤本", "村田", "武田", "上野", "杉山", "増田",
        "平野", "大塚", "千葉", "久保", "松井", "小島", "岩崎", "桜井", "野口", "松尾", "野村", "木下", "菊地", "佐野", "大西", "杉本", "新井",
    ]
    static let koreanSurnames: Set<Character> = Set("""
        김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄변채원방천공현함여염석추도소설선마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈
        """.filter { !$0.isWhitespace })
    static let koreanCompoundSurnames: Set<String> = ["남궁", "선우", "독고", "황보", "제갈", "사공", "서문"]
    static let arabicNames: Set<String> = [
        "محمد", "أحمد", "احمد", "علي", "حسن", "حسين", "عمر", "خالد", "يوسف", "إبراهيم", "ابراهيم", "عبدالله", "عبد", "مصطفى", "محمود", "سعيد",
        "سالم", "ناصر", "كريم", "عادل", "طارق", "وليد", "جمال", "سمير", "فيصل", "سلطان", "ماجد", "فهد", "راشد", "حمد", "زياد", "باسم", "هشام",
        "منصور", "مروان", "رامي", "سامي", "ياسر", "أيمن", "ايمن", "عماد", "نبيل", "مراد", "بلال", "أنس", "انس", "حمزة", "إسماعيل", "اسماعيل",
        "موسى", "عيسى", "داود", "سليمان", "فاطمة", "مريم", "عائشة", "زينب", "نور", "سارة", "ليلى", "هدى", "رانيا", "سلمى", "ياسمين", "أمل",
        "هند", "منى", "سعاد", "خديجة", "آمنة", "امنة", "رقية", "حنان", "دينا", "رنا", "لينا", "ريم", "نادية", "سميرة", "جميلة", "وفاء", "إيمان",
        "ايمان", "أسماء", "اسماء", "شيماء", "نورة", "لطيفة", "عثمان", "صالح", "عبدالرحمن", "عبدالعزيز",
    ]
    static let hebrewNames: Set<String> = [
        "דוד", "משה", "יוסף", "אברהם", "יצחק", "יעקב", "שמואל", "דניאל", "אליהו", "חיים", "מיכאל", "יונתן", "אריאל", "נועם", "איתי", "עומר",
        "רון", "גיא", "אורי", "שרה", "רחל", "לאה", "רבקה", "מרים", "נועה", "תמר", "יעל", "מיכל", "שירה", "אסתר", "חנה", "רות", "דנה", "מאיה",
        "כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "פרידמן", "שפירא", "אזולאי", "אוחיון", "גבאי",
    ]
}
