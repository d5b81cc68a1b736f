import Foundation

/// Street addresses written in scripts the street rules (house numbers, English and European street
/// words) do not read, by each one's own shape: Russian and Ukrainian after a street's word and a
/// capitalised name, with the house, block and flat (`г. Москва, ул. Ленина, д. 5, кв. 12`); Chinese
/// from its province, city or district to the number on the road (`北京市朝阳区建国路88号`); Japanese
/// from the prefecture or city to the block numbers (`東京都新宿区西新宿2-8-1`); Korean from its city
/// or district to the number on the road (`서울특별시 강남구 테헤란로 123`); Arabic and Hebrew after a
/// street's word, with the number and the city after a comma (`شارع الملك فهد 12، الرياض`). Each
/// stayed in the clear (the street of a Russian one was taken for a person's surname).
struct ScriptAddressRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.streetAddress]

    /// (Han characters that open no address: small words, pronouns and verbs of living and sending.)
    private static let han = #"[\p{Han}--[的在住是我你他她们到寄送从於于和与與及请請为為把被将將给給向已地址]]"#
    static let patterns: [NSRegularExpression] = [
        // Russian, Ukrainian: a postcode, a town after its kind (г., с., пос., клх, смт…), a street after its kind and a
        // name of up to four words (`50 лет ВЛКСМ`, `Льва Толстого`), a house (`д. 7/4`, `буд. 8`, or a number) and its
        // block or flat, then a town and a postcode after commas.
        #"(?<!\p{L})(?:[0-9]{5,6},\s*)?(?:(?:г|город|с|село|п|пос|д|к|х|клх|ст|ст-ца|рп|пгт|смт|м)\.?\s+\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?,\s*)?(?:ул\.|улица|ш\.|шоссе|бул\.|бульвар|б-р|наб\.|набережная|алл\.|аллея|пер\.|переулок|пр-т|просп\.|проспект|пл\.|площадь|туп\.|тупик|проезд|вул\.|вулиця|сквер|узвіз|набережна|провулок|площа|шосе|алея|мкр\.?|микрорайон)\s*(?:[0-9]+-?\p{Ll}{0,2}\s+)?[\p{Lu}0-9][\p{L}0-9.-]*(?:\s+(?:[\p{Lu}0-9][\p{L}0-9.-]*|лет|им\.|имени|імені)){0,3}(?:,?\s*(?:д\.|дом|буд\.)\s*[0-9]+\p{L}?(?:/[0-9]+)?|\s+[0-9]+\p{L}?(?:/[0-9]+)?)?(?:,?\s*(?:корп\.|корпус|к\.|стр\.|строение|кв\.|квартира|офис|оф\.)\s*[0-9]+)*(?:,\s*\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?(?=,\s*[0-9]{5,6}))?(?:,\s*[0-9]{5,6}(?![0-9]))?"#,
        // Greek: a street and its number, then the postcode (`ΤΚ 68387`, `411 44`) and the town.
        #"\p{Lu}[\p{Greek}&&\p{L}]+(?:\s+\p{Lu}[\p{Greek}&&\p{L}]+){0,2}\s+[0-9]+(?:-[0-9]+)?,\s*(?:ΤΚ\s*)?[0-9]{3}\s?[0-9]{2}\s+\p{Lu}[\p{Greek}&&\p{L}]+"#,
        // Chinese: province, city, district to the number on the road (a section, `之5`, the floor and room after it, a
        // building `R座`), a postcode before or after.
        "(?:[0-9]{3,6}\\s*)?(?:\(han){2,6}(?:省|自治区|自治區))?(?:\(han){1,6}[市县縣])?(?:\(han){1,6}(?:区|區|县|縣|旗|镇|鎮))?\(han){1,10}(?:路|街|大道|大街|巷|胡同|弄|道)(?:[0-9０-９]+段)?(?:[0-9０-９]+[号號](?:之[0-9]+)?(?:[0-9０-９A-Za-z-]+(?:号楼|號樓|栋|棟|幢|单元|單元|楼|樓|层|層|室|[号號]))*|[A-Za-z]座)(?:\\s*[0-9]{6}(?![0-9]))?",
        // Japanese: prefecture, city, town to the block numbers, and a building's name and room after them.
        #"(?:〒?[0-9]{3}-[0-9]{4}\s*)?(?:東京都|北海道|京都府|大阪府|\p{Han}{2,3}県)?\p{Han}{1,5}[市区町村郡](?:[\p{Han}\p{Katakana}ー]{1,6}?[区町村])?[\p{Han}\p{Katakana}ー]{0,8}?[0-9０-９一二三四五六七八九十]+(?:丁目|[-－ー−‐])[0-9０-９]+(?:番地?|[-－ー−‐])?(?:[0-9０-９]+号?)?(?:\s*[\p{Katakana}ー\p{Han}]+[0-9０-９]+(?![0-9]))?"#,
        // Korean: a city or district of two syllables or more before its suffix (not `다시`), the road and its number,
        // a building's number and a neighbourhood in brackets after it.
        #"(?:\p{Hangul}{2,8}(?:특별시|광역시|특별자치시|특별자치도|도)\s+)?(?:\p{Hangul}{2,5}(?:시|군|구)\s+)+[\p{Hangul}0-9]{1,12}(?:로|길|거리|가)\s*(?:지하)?[0-9]+(?:-[0-9]+)?(?:\s*,?\s*[0-9]+동)?(?:\s*[0-9]+호)?(?:\s*\([\p{Hangul}0-9]+\))?"#,
        // Arabic.
        #"(?:[0-9٠-٩]+\s+)?(?:شارع|طريق|حي)\s+[\p{Arabic}&&\p{L}]+(?:\s+[\p{Arabic}&&\p{L}]+){0,3}?\s*[0-9٠-٩]+(?:\s*[،,]\s*[\p{Arabic}&&\p{L}]+(?:\s+[\p{Arabic}&&\p{L}]+)?)?"#,
        // Hebrew: after a street's word, or a street, its number, a town and Israel's seven-digit postcode.
        #"(?:רחוב|רח['׳]|שדרות|שד['׳]|דרך)\s*[\p{Hebrew}"'׳״]+(?:\s+[\p{Hebrew}"'׳״]+){0,2}?\s+[0-9]+(?:\s*,\s*\p{Hebrew}+(?:[\s-]\p{Hebrew}+)?)?(?:,\s*[0-9]{7})?"#,
        #"[\p{Hebrew}"'׳״]+(?:\s+[\p{Hebrew}"'׳״]+){0,2}\s+[0-9]+,\s*\p{Hebrew}+(?:[\s-]\p{Hebrew}+){0,2},\s*[0-9]{7}(?![0-9])"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// Whether a value (a column's) is an address of these shapes: one match over all of it but
    /// marks and spaces at its ends (`г. Москва, ул. Ленина, д. 5, кв. 12`, `北京市朝阳区建国路88号`).
    static func isAddress(_ value: String) -> Bool {
        guard value.unicodeScalars.contains(where: { $0.value >= 0x0370 }) else { return false }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        let length = text.utf16.count
        guard length >= 4 else { return false }
        return patterns.contains { pattern in
            pattern.matches(in: text, range: NSRange(location: 0, length: length)).contains { $0.range.length * 10 >= length * 8 }
        }
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.hasOtherScripts else { return }
        let range = NSRange(location: 0, length: scan.units.count)
        for pattern in Self.patterns {
            for match in pattern.matches(in: scan.text, range: range) where match.range.length >= 4 {
                spans.append(EntitySpan(kind: .streetAddress, start: match.range.location, end: match.range.location + match.range.length, score: 0.93, recognizer: "address.script"))
            }
        }
    }
}
