import Testing
@testable import UnderstudyCore

@Suite("Known values inside free text")
struct TextLeakFinderTests {
    func finder(_ values: [String]) -> TextLeakFinder {
        var finder = TextLeakFinder()
        for (number, value) in values.enumerated() { finder.add(value, as: number) }
        return finder
    }

    @Test("names, emails and addresses by their words, in any case and next to any mark; never inside a longer word")
    func words() {
        let finder = finder(["Ana Lima", "ana.lima@example.com", "12 Rue de la Paix", "Jean-Luc Picard"])
        #expect(finder.find(in: "Customer ANA LIMA called; reply to <ana.lima@example.com>.") == [0, 1])
        #expect(finder.find(in: "Ship to 12, rue de la Paix (2nd floor)") == [2])
        #expect(finder.find(in: "Spoke with jean-luc picard") == [3])
        #expect(finder.find(in: "Ana Limassol, Anaïs Lima, Lima Ana") == [], "other words, other order")
        #expect(finder.find(in: "Ana\nLima") == [0], "across a line")
    }

    @Test("numbers however their groups are written; not inside a longer number")
    func numbers() {
        let finder = finder(["555-010-2233", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "078-05-1120"])
        #expect(finder.find(in: "call (555) 010 2233 or +1 555.010.2233") == [0])
        #expect(finder.find(in: "card 4111111111111111 on file") == [1])
        #expect(finder.find(in: "IBAN de89370400440532013000, SSN 078 05 1120") == [2, 3])
        #expect(finder.find(in: "ref 95550102233 and 555, 010, 2233 and 555-010-22334") == [], "part of a longer number, or a list")
    }

    @Test("a value too short or too common a shape to mean one person is not looked for")
    func shortValues() {
        var finder = TextLeakFinder()
        let added = [finder.add("Li", as: 0), finder.add("admin", as: 1), finder.add("jdoe1984", as: 2), finder.add("Schwarzenegger", as: 3)]
        #expect(added == [false, false, true, true], "two letters; one word of five")
        #expect(finder.find(in: "admin jdoe1984 li Schwarzenegger") == [2, 3])
        var one = TextLeakFinder()
        one.add("Ana Lima", as: 0)
        one.add("Lima, Ana", as: 0)
        #expect(one.count == 1 && one.find(in: "Lima Ana and Ana Lima") == [0])
    }
}
