import Testing
@testable import UnderstudyCore

/// Values of PostgreSQL types with a syntax of their own, synthesized by shape (``ShapeModel``).
@Suite("Shape models")
struct ShapeModelTests {
    func draws(_ values: [String], count: Int = 2_000) throws -> [String] {
        let model = try #require(ShapeModel(values: values.map(Value.text)))
        var random = KeyedHasher(key: .init(data: [UInt8](repeating: 5, count: 32))).stream([], label: 1)
        return (0..<count).map { _ in model.value(at: Double(random.next(upperBound: UInt64(1) << 53)) / Double(UInt64(1) << 53), &random).displayText }
    }

    @Test("addresses keep their fixed parts and each place's range; times keep their fields in range; bit strings their width")
    func places() throws {
        let ips = try draws((0..<500).map { "10.\($0 % 250).\($0 % 7).\($0 % 200)" })
        #expect(ips.allSatisfy { $0.hasPrefix("10.") }, "\(ips.filter { !$0.hasPrefix("10.") }.prefix(5))")
        #expect(ips.allSatisfy { $0.split(separator: ".").compactMap { Int($0) }.allSatisfy { $0 <= 249 } && $0.split(separator: ".").count == 4 })
        let times = try draws((0..<500).map { g in String(format: "%02d:%02d:%02d", 8 + g % 12, g % 60, (g * 7) % 60) })
        #expect(times.allSatisfy { t in let f = t.split(separator: ":").compactMap { Int($0) }; return f.count == 3 && f[0] >= 8 && f[0] <= 19 && f[1] <= 59 && f[2] <= 59 && t.count == 8 })
        let bits = try draws((0..<300).map { g in String(String(g % 256, radix: 2).reversed()).padding(toLength: 8, withPad: "0", startingAt: 0) })
        #expect(bits.allSatisfy { $0.count == 8 && $0.allSatisfy { "01".contains($0) } })
    }

    @Test("a range's bounds keep their order, numbers and timestamps alike")
    func ranges() throws {
        let numbers = try draws((1...400).map { "[\($0),\($0 + 1 + $0 % 50))" })
        #expect(numbers.allSatisfy { r in let f = r.dropFirst().dropLast().split(separator: ",").compactMap { Int($0) }; return f.count == 2 && f[0] <= f[1] })
        let stamps = try draws((1...400).map { g in "[\"2024-\(String(format: "%02d", 1 + g % 12))-10 0\(g % 10):00:00+00\",\"2025-\(String(format: "%02d", 1 + g % 12))-11 0\(g % 10):00:00+00\")" })
        #expect(stamps.allSatisfy { r in let halves = r.split(separator: ","); return halves.count == 2 && halves[0].dropFirst(2) <= halves[1].dropFirst(1) })
        // Days of every month, drawn apart from the month: no 30th of February (PostgreSQL refused it).
        let days = try draws((0..<600).map { g in "[\"2024-\(String(format: "%02d", 1 + g % 12))-\(String(format: "%02d", 1 + g % 31)) 10:00:00+00\",\"2025-01-01 00:00:00+00\")" })
        #expect(days.allSatisfy { !$0.contains("-02-30") && !$0.contains("-02-31") && !$0.contains("-04-31") }, "\(days.filter { $0.contains("-02-3") }.prefix(3))")
        // Both bounds in one month, a day or so apart: a lower 30 February made the 28th after the
        // bounds were ordered fell after an upper 29 February made the 28th at an earlier hour, and
        // PostgreSQL refused the range (`range lower bound must be less than or equal to range upper bound`).
        let close = try draws((0..<600).map { g in
            let month = String(format: "%02d", 1 + g % 12), day = 1 + (g * 7) % 30, hour = g % 24
            return "[\"2025-\(month)-\(String(format: "%02d", day)) \(String(format: "%02d", hour)):00:00\",\"2025-\(month)-\(String(format: "%02d", day + 1)) \(String(format: "%02d", (hour + 5) % 24)):00:00\")"
        }, count: 6_000)
        #expect(close.allSatisfy { RangeValue($0) != nil }, "\(close.filter { RangeValue($0) == nil }.prefix(3))")
    }

    @Test("a shape held by one value only is never written (it may spell out a person), and no model without a shared shape")
    func rareShapes() throws {
        let drawn = try draws((0..<200).map { "<a>\($0)</a>" } + ["<name>Ada Lovelace 1</name>"])
        #expect(!drawn.contains { $0.contains("Lovelace") })
        #expect(ShapeModel(values: ["<b>Ada</b>", "<c>Bo</c>"].map(Value.text)) == nil)
    }
}
