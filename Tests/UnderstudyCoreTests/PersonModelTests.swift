import Crypto
import Foundation
import Testing
@testable import UnderstudyCore

/// The person-name model: reproducible from its corpus, and finding the names the rules cannot.
@Suite("Person-name model")
struct PersonModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func found(_ text: String) -> [String] {
        let units = Array(text.utf16)
        return EntityRecognizer(kinds: [.person]).spans(in: text).map { String(decoding: units[$0.start..<$0.end], as: UTF16.self) }
    }

    @Test("the shipped weights are exactly what training on bench/text/train.jsonl gives (scripts/train-person-model)")
    func reproducible() throws {
        let corpus = try String(contentsOf: Self.root.appendingPathComponent("bench/text/train.jsonl"), encoding: .utf8)
        var examples: [PersonModelTrainer.Example] = []
        for line in corpus.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let spans = (object["spans"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "PERSON" }
            examples.append(PersonModelTrainer.example(text: object["text"] as? String ?? "", names: spans.map { ($0["start"] as? Int ?? 0, $0["end"] as? Int ?? 0) }))
        }
        let trained = PersonModelTrainer.train(examples, epochs: 8, seed: 20_261_130).model.serialized()
        let shipped = try Data(contentsOf: Self.root.appendingPathComponent("Sources/UnderstudyCore/Resources/Models/person.model"))
        #expect(SHA256.hash(data: trained).description == SHA256.hash(data: shipped).description,
                "retrain with scripts/train-person-model after changing the features, the word lists or the corpus")
        // And the package loads it.
        #expect(PersonModel.shared.serialized() == Array(shipped))
    }

    @Test("serialized weights read back to the same tags")
    func roundTrip() throws {
        let model = PersonModel.shared
        let again = try PersonModel(serialized: model.serialized())
        let scan = TextScan("Uyanser Ergül and Morayo Jaiyeola met Dana Okafor in Lagos.")
        #expect(again.names(in: scan).map(\.first) == model.names(in: scan).map(\.first))
        #expect(throws: PersonModel.Malformed.self) { try PersonModel(serialized: Array("UPM1".utf8) + [18, 0, 0, 0, 0, 0, 0, 0, 1]) }
    }

    @Test("names outside the census lists, with no title or introducing word", arguments: [
        ("Uyanser Ergül asked whether the refund went out.", ["Uyanser Ergül"]),
        ("Forwarded by Bhekani Phikela and Fionnuala Scalaidhe.", ["Bhekani Phikela", "Fionnuala Scalaidhe"]),
        ("Attendees: Morayo Jaiyeola, Sinikka Heikkilä, Tara Jurrijens.", ["Morayo Jaiyeola", "Sinikka Heikkilä", "Tara Jurrijens"]),
    ])
    func unlisted(text: String, names: [String]) {
        #expect(Self.found(text) == names)
    }

    @Test("capitalised words that are not names, and words joined to digits, are left alone", arguments: [
        "Emergency contact details were updated.", "Our store opens at 9:00 and closes at 17:30.", "Monthly Report: March Results",
        "IBAN DE89 3704 0044 0532 0130 01", "Thank You For Your Order", "Status Update - Outage Resolved",
    ])
    func notNames(text: String) {
        #expect(Self.found(text).isEmpty, "\(Self.found(text))")
    }
}
