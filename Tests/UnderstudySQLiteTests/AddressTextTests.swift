import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// Street addresses written as Europe and Latin America write them, inside free text, measured on
/// the addresses of a database nobody here wrote: Northwind's 91 customers.
@Suite("Street addresses of other countries in free text")
struct AddressTextTests {
    @Test("Northwind's customer addresses in a sentence: the street and its number are replaced for nearly all (half kept a word of the street: \"12, rue des Bouchers\", \"Obere Str. 57\" read as a person, \"Via Monte Bianco 34\")")
    func northwindAddresses() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-addresses-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("northwind.db").path
        try Northwind.build(at: path)
        let rows = try SQLiteFixture.rows(path, "SELECT address, city FROM customers ORDER BY customer_id")
        #expect(rows.count == 91)
        let recognizer = EntityRecognizer()
        var clean = 0, asAddress = 0
        var kept: [String] = []
        for row in rows {
            let address = row[0].displayText, city = row[1].displayText
            let text = "Please ship the order to \(address), \(city) before Friday."
            let spans = recognizer.spans(in: text)
            let redacted = Redaction.apply(spans, to: text) { span, _ in Redaction.tag(for: span) }
            // Every word of the street of three letters or more, and its number, gone.
            let words = address.split(whereSeparator: { " ,/".contains($0) }).filter { $0.count >= 3 }
            if words.allSatisfy({ !redacted.contains($0) }) { clean += 1 } else { kept.append(redacted) }
            let start = text.utf16.count - "\(address), \(city) before Friday.".utf16.count
            if spans.contains(where: { $0.kind == .streetAddress && $0.start <= start + 2 && $0.end >= start + address.utf16.count - 2 }) { asAddress += 1 }
        }
        #expect(clean >= 82, "\(clean) of 91 with no word of the street left; kept:\n\(kept.joined(separator: "\n"))")
        #expect(asAddress >= 70, "\(asAddress) of 91 read as one street address")
    }

    @Test("each form, found whole as a street address", arguments: [
        ("Ship to Obere Str. 57, Berlin today", "Obere Str. 57, Berlin"),
        ("Ship to Taucherstraße 10, Cunewalde today", "Taucherstraße 10, Cunewalde"),
        ("Ship to Berguvsvägen 8, Luleå today", "Berguvsvägen 8, Luleå"),
        ("Ship to Berliner Platz 43, München today", "Berliner Platz 43, München"),
        ("Ship to 12, rue des Bouchers, Marseille today", "12, rue des Bouchers, Marseille"),
        ("Ship to 59 rue de l'Abbaye, Reims today", "59 rue de l'Abbaye, Reims"),
        ("Ship to Via Monte Bianco 34, Torino today", "Via Monte Bianco 34, Torino"),
        ("Ship to Avda. de la Constitución 2222, México D.F. today", "Avda. de la Constitución 2222"),
        ("Ship to C/ Araquil, 67, Madrid today", "C/ Araquil, 67, Madrid"),
        ("Ship to Rua Orós, 92, Sao Paulo today", "Rua Orós, 92"),
        ("Ship to Estrada da saúde n. 58, Lisboa today", "Estrada da saúde n. 58, Lisboa"),
        ("Ship to ul. Filtrowa 68, Warszawa today", "ul. Filtrowa 68, Warszawa"),
        ("Ship to Erling Skakkes gate 78, Stavern today", "Erling Skakkes gate 78"),
        // A postcode before the city: the city stayed ("Hauptstraße 5, 10115 Berlin").
        ("Kunde Hans Meier, Hauptstraße 5, 10115 Berlin", "Hauptstraße 5, 10115 Berlin"),
        ("Client: François Dupont, 5 rue de la Paix, 75002 Paris", "5 rue de la Paix, 75002 Paris"),
    ])
    func forms(text: String, address: String) {
        let units = Array(text.utf16)
        let found = EntityRecognizer().spans(in: text).filter { $0.kind == .streetAddress }.map { String(decoding: units[$0.start..<$0.end], as: UTF16.self) }
        #expect(found.contains { $0.hasPrefix(address) }, "\(text): \(found)")
    }

    @Test("look-alikes stay: a courier, a year after a word ending as a street does, a place to put things", arguments: [
        "Sent via DHL 2 days ago",
        "During 2020 the brigade grew",
        "Brigade 7 arrived late",
        "I'll place 3 orders tomorrow",
        "Route 66 is long",
        "Via 3 channels at once",
    ])
    func lookAlikes(text: String) {
        #expect(!EntityRecognizer().spans(in: text).contains { $0.kind == .streetAddress }, "\(text)")
    }
}
