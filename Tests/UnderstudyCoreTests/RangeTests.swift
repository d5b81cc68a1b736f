import Testing
@testable import UnderstudyCore

/// PostgreSQL ranges in synthesis: read as their text spells them, kept apart where an exclusion
/// constraint says so (``RangeValue``, ``DisjointRanges``), and drawn as a lower bound and a width
/// (``RangeModel``).
@Suite("Ranges")
struct RangeTests {
    func random(_ label: String) -> KeyedRandom {
        KeyedHasher(key: .init(data: Array(label.utf8) + [UInt8](repeating: 3, count: 32))).stream([], label: 4)
    }

    func overlap(_ a: String, _ b: String) throws -> Bool {
        try #require(RangeValue(a)).overlaps(try #require(RangeValue(b)))
    }

    @Test("`&&` as PostgreSQL reads it: inclusive and exclusive ends, unbounded ends, quoted timestamps, numbers compared as numbers; empty and reversed ranges are none")
    func overlaps() throws {
        #expect(try overlap("[1,5)", "[4,9)"))
        #expect(try !overlap("[1,5)", "[5,9)"))
        #expect(try overlap("[1,5]", "[5,9)"))
        #expect(try !overlap("[1,5]", "(5,9)"))
        #expect(try overlap("(,3)", "[-10,-2)"))
        #expect(try overlap("[100,)", "[9,101)"), "100 after 9 as numbers, before it as text")
        #expect(try !overlap("[9,10)", "[100,200)"))
        #expect(try overlap("[\"2026-01-01 10:00:00\",\"2026-01-01 12:00:00\")", "[\"2026-01-01 11:59:59\",\"2026-01-02 00:00:00\")"))
        #expect(try !overlap("[\"2026-01-01 10:00:00\",\"2026-01-01 12:00:00\")", "[\"2026-01-01 12:00:00\",\"2026-01-02 00:00:00\")"))
        #expect(try overlap("[2026-01-01,infinity)", "[2030-05-05,2030-05-06)"))
        #expect(RangeValue("empty") == nil && RangeValue("[5,1)") == nil && RangeValue("[3,3)") == nil && RangeValue("hello") == nil)
        #expect(RangeValue("[3,3]") != nil)
    }

    @Test("the ranges let in never overlap, and a range is refused exactly when it overlaps one of them: 6,000 random ranges against a search of all")
    func disjointRanges() throws {
        var r = random("disjoint")
        var held = DisjointRanges()
        var all: [RangeValue] = []
        var refused = 0
        for i in 0..<6_000 {
            // Integers in a few hundred thousand, some of them points, some unbounded, both kinds of ends.
            let low = Int(r.next(upperBound: UInt64(300_000))), width = Int(r.next(upperBound: UInt64(i % 7 == 0 ? 2_000 : 40)))
            let open = r.next(upperBound: UInt64(200)) == 0
            let text = open ? "(,\(low))" : "\(r.next(upperBound: UInt64(2)) == 0 ? "[" : "(")\(low),\(low + width + 1)\(r.next(upperBound: UInt64(2)) == 0 ? "]" : ")")"
            guard let range = RangeValue(text) else { continue }
            let expected = !all.contains { $0.overlaps(range) }
            #expect(held.admits(range) == expected, "\(text)")
            if expected { held.insert(range); all.append(range) } else { refused += 1 }
        }
        #expect(all.count > 1_000 && refused > 1_000, "both answers met often: \(all.count) let in, \(refused) refused")
        // A point where one range ends (inclusive) and the next starts (exclusive): it overlaps the first.
        var points = DisjointRanges()
        for text in ["[1,3]", "(3,5]"] { points.insert(try #require(RangeValue(text))) }
        #expect(!points.admits(RangeValue("[3,3]")!) && points.admits(RangeValue("(5,6)")!))
    }

    @Test("an exclusion constraint's definition: its elements and operators, and its WHERE condition without DEFERRABLE")
    func exclusionDefinition() throws {
        let read = try #require(Index.exclusion("EXCLUDE USING gist (room WITH =, during WITH &&) WHERE ((NOT cancelled)) DEFERRABLE INITIALLY DEFERRED"))
        #expect(read.elements.map(\.expression) == ["room", "during"] && read.elements.map(\.operator) == ["=", "&&"])
        #expect(read.predicate == "((NOT cancelled))")
        let expression = try #require(Index.exclusion("EXCLUDE USING btree (customer_id WITH =, ((lower(during))::date) WITH =)"))
        #expect(expression.elements.map(\.expression) == ["customer_id", "((lower(during))::date)"] && expression.predicate == nil)
        #expect(Index.exclusion("CHECK (a > 0)") == nil)
    }

    func draws(_ values: [String], count: Int = 4_000) throws -> (RangeModel, [String]) {
        let model = RangeModel(try #require(RangeModel.Read(values.map(Value.text))))
        var r = random("draws")
        return (model, (0..<count).map { _ in model.value(at: Normal.uniform(&r), &r).displayText })
    }

    @Test("a range is drawn as a lower bound and a width: widths keep their distribution (KS below 0.05), bounds their order and layout, discrete ranges their canonical ends, empties and unbounded ends their shares")
    func model() throws {
        // Bookings of 1 to 47 hours over a year, some of them without an end, some empty.
        var source: [String] = []
        var widths: [Double] = []
        for g in 0..<3_000 {
            if g % 50 == 0 { source.append("empty"); continue }
            let start = 1_767_225_600.0 + Double(g % 365) * 86_400 + Double(g % 24) * 3_600
            let hours = Double(1 + (g * 7) % 47)
            let layout = TemporalLayout(hasTime: true)
            if g % 20 == 1 { source.append("[\"\(layout.text(start))\",)"); continue }
            widths.append(hours * 3_600)
            source.append("[\"\(layout.text(start))\",\"\(layout.text(start + hours * 3_600))\")")
        }
        let (_, drawn) = try draws(source)
        var drawnWidths: [Double] = []
        var empties = 0, open = 0
        for text in drawn {
            if text == "empty" { empties += 1; continue }
            let parts = try #require(RangeValue.parts(text), "\(text)")
            #expect(parts.quoted && parts.lowerInclusive && !parts.upperInclusive, "\(text)")
            guard let upper = parts.upper else { open += 1; continue }
            let lower = try #require(parts.lower)
            let a = try #require(TemporalLayout.parse(lower)), b = try #require(TemporalLayout.parse(upper))
            #expect(a.layout == TemporalLayout(hasTime: true) && b.seconds > a.seconds, "\(text)")
            drawnWidths.append(b.seconds - a.seconds)
        }
        let ks = 1 - (QualityReport.ksComplement(widths, drawnWidths) ?? 0)
        #expect(ks < 0.05, "KS distance of the widths \(ks)")
        #expect(abs(Double(empties) / 4_000 - 0.02) < 0.01 && abs(Double(open) / 4_000 - 0.05) < 0.015, "\(empties) empty, \(open) without an end")
        // int4range and daterange as PostgreSQL writes them: `[a,b)`, never empty by accident.
        let (integers, ints) = try draws((0..<500).map { "[\($0 * 10),\($0 * 10 + 1 + $0 % 9))" })
        #expect(integers.codec == .integer)
        #expect(ints.allSatisfy { text in
            guard let parts = RangeValue.parts(text), let a = parts.lower.flatMap({ Int($0) }), let b = parts.upper.flatMap({ Int($0) }) else { return false }
            return text.hasPrefix("[") && text.hasSuffix(")") && b - a >= 1 && b - a <= 9
        }, "\(ints.prefix(5))")
        let (_, dates) = try draws((0..<500).map { g in "[2026-01-\(String(format: "%02d", 1 + g % 28)),2026-02-\(String(format: "%02d", 1 + g % 28)))" })
        #expect(dates.allSatisfy { $0.count == 23 && RangeValue($0) != nil }, "\(dates.prefix(3))")
        // Decimals keep their places; a column of words in brackets is no range of numbers.
        let (decimals, _) = try draws((0..<300).map { "[\(Double($0) / 4),\(Double($0) / 4 + 2.5)]" })
        #expect(decimals.codec == .decimalText(decimals: 2))
        #expect(RangeModel.Read(["[a,b)", "[c,d)", "[e,f)"].map(Value.text)) == nil)
    }

    @Test("under differential privacy: the shares are one histogram and the bounds and widths two private numbers (the weight the fit plans), widths kept at a large budget, no NULL in a NOT NULL column, no source value held")
    func privateModel() throws {
        let source = (0..<4_000).map { g -> Value in
            let start = 1_767_225_600.0 + Double(g % 365) * 86_400
            let layout = TemporalLayout(hasTime: true)
            return .text("[\"\(layout.text(start))\",\"\(layout.text(start + Double(1 + g % 47) * 3_600))\")")
        }
        var noise = MeasurementNoise(rho: 50, planned: 1 + 2 * (3 + Double(MarginalFitting.zoomRounds)), thresholdDelta: 1e-9)
        var r = random("private")
        let read = try #require(RangeModel.Read(source))
        let model = try #require(RangeModel(private: read, nullable: false, noise: &noise, random: &r))
        #expect(noise.spent == noise.planned)
        #expect(model.seen.isEmpty && model.nullShare == 0)
        let drawn = (0..<4_000).map { _ in model.value(at: Normal.uniform(&r), &r).displayText }
        let widths = drawn.compactMap { text -> Double? in
            guard let parts = RangeValue.parts(text), let upper = parts.upper.flatMap({ TemporalLayout.parse($0) }), let lower = parts.lower.flatMap({ TemporalLayout.parse($0) }) else { return nil }
            return upper.seconds - lower.seconds
        }
        #expect(widths.count == drawn.count, "every draw a range with both ends: \(drawn.prefix(3))")
        let real = (0..<4_000).map { Double(1 + $0 % 47) * 3_600 }
        let ks = 1 - (QualityReport.ksComplement(real, widths) ?? 0)
        #expect(ks < 0.1, "KS distance of the widths \(ks)")
    }
}
