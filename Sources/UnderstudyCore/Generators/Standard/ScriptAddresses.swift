/// Fake street addresses in the script and shape of the address they replace: `г. Москва, ул.
/// Ленина, д. 5, кв. 12` gets a Russian address with a house and a flat, `北京市朝阳区建国路88号` a
/// Chinese one, `東京都新宿区西新宿2-8-1` a Japanese one — not `4821 Maple Avenue`, which no form,
/// sort or label of a Russian, Chinese or Japanese application meets in production.
enum ScriptAddresses {
    /// A fake address in the script of `original`, or nil where it is written in Latin letters
    /// (or a script without one here).
    static func address(like original: String, _ random: inout KeyedRandom) -> String? {
        guard let first = original.unicodeScalars.first(where: { $0.properties.isAlphabetic }), !first.isASCII else { return nil }
        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + random.below(range.count) }
        switch EntityRecognizer.script(UInt16(truncatingIfNeeded: first.value)) {
        case .cyrillic:
            var parts: [String] = []
            if original.contains("г.") || original.contains("город") { parts.append("г. " + random.pick(russianCities)) }
            parts.append("ул. " + random.pick(russianStreets))
            parts.append("д. \(number(1...120))")
            if original.contains("кв.") || original.contains("квартира") { parts.append("кв. \(number(1...300))") }
            return parts.joined(separator: ", ")
        case .cjk:
            let japanese = original.unicodeScalars.contains { NamesInOtherScripts.isKana($0) } || ["東京都", "北海道", "京都府", "大阪府", "県", "丁目"].contains { original.contains($0) }
                || original.range(of: "[0-9０-９]+[-－ー−‐][0-9０-９]+", options: .regularExpression) != nil
            if japanese { return random.pick(japaneseAreas) + "\(number(1...9))-\(number(1...30))-\(number(1...20))" }
            var address = random.pick(chineseCities) + "市" + random.pick(chineseDistricts) + "区" + random.pick(chineseRoads) + "路\(number(1...399))号"
            if original.hasSuffix("室") { address += "\(number(101...2999))室" }
            return address
        case .hangul:
            var address = random.pick(koreanRoads) + " \(number(1...500))"
            if original.hasSuffix("호") { address += " \(number(101...1999))호" }
            return address
        case .arabic:
            return "شارع " + random.pick(arabicStreets) + " \(number(1...200))" + (original.contains("،") || original.contains(",") ? "، " + random.pick(arabicCities) : "")
        case .hebrew:
            return "רחוב " + random.pick(hebrewStreets) + " \(number(1...200))" + (original.contains(",") ? ", " + random.pick(hebrewCities) : "")
        default:
            return nil
        }
    }

    static let russianCities = ["Москва", "Казань", "Новосибирск", "Екатеринбург", "Самара", "Омск", "Пермь", "Воронеж", "Тула", "Ярославль"]
    static let russianStreets = [
        "Гагарина", "Садовая", "Лесная", "Центральная", "Школьная", "Молодёжная", "Набережная", "Полевая", "Новая", "Заречная", "Мира",
        "Советская", "Победы", "Строителей", "Солнечная", "Зелёная", "Луговая", "Парковая", "Речная", "Вокзальная",
    ]
    static let chineseCities = ["北京", "上海", "广州", "深圳", "成都", "杭州", "南京", "武汉", "西安", "重庆"]
    static let chineseDistricts = ["朝阳", "海淀", "浦东新", "天河", "南山", "武侯", "西湖", "鼓楼", "雁塔", "渝中"]
    static let chineseRoads = ["建国", "人民", "解放", "中山", "和平", "长江", "黄河", "新华", "胜利", "光明"]
    static let japaneseAreas = [
        "東京都新宿区西新宿", "東京都渋谷区神南", "大阪府大阪市北区梅田", "神奈川県横浜市中区山下町", "愛知県名古屋市中村区名駅", "福岡県福岡市博多区博多駅前",
        "北海道札幌市中央区北一条西", "京都府京都市下京区烏丸通", "宮城県仙台市青葉区一番町", "広島県広島市中区紙屋町",
    ]
    static let koreanRoads = [
        "서울특별시 강남구 테헤란로", "서울특별시 종로구 세종대로", "부산광역시 해운대구 해운대로", "인천광역시 남동구 인하로", "대구광역시 수성구 달구벌대로",
        "대전광역시 서구 둔산로", "광주광역시 북구 무등로", "경기도 성남시 분당구 판교로",
    ]
    static let arabicStreets = ["الملك فهد", "الجامعة", "النيل", "الحرية", "الاستقلال", "السلام", "الملك عبدالله", "التحرير"]
    static let arabicCities = ["الرياض", "جدة", "القاهرة", "عمان", "دبي", "الدوحة", "الكويت", "تونس"]
    static let hebrewStreets = ["הרצל", "ויצמן", "בן גוריון", "רוטשילד", "ז'בוטינסקי", "העצמאות", "הנביאים", "יפו"]
    static let hebrewCities = ["תל אביב", "ירושלים", "חיפה", "באר שבע", "נתניה", "רמת גן"]
}
