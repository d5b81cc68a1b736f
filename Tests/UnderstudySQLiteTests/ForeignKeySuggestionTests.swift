import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

@Suite("Foreign-key suggestions", .serialized)
struct ForeignKeySuggestionTests {
    /// Chinook with every FOREIGN KEY clause removed (rows unchanged).
    static func chinookWithoutKeys(at path: String) throws {
        let original = try SQLiteConnection(path: Datasets.chinook, readOnly: true)
        let tables = try original.query("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        var sql = "BEGIN;\n"
        let foreignKey = try NSRegularExpression(pattern: #",\s*FOREIGN KEY[^,]*?REFERENCES[^,]*?ON UPDATE NO ACTION"#, options: [.caseInsensitive])
        for row in tables {
            let create = row[1].displayText
            sql += foreignKey.stringByReplacingMatches(in: create, range: NSRange(location: 0, length: (create as NSString).length), withTemplate: "") + ";\n"
        }
        try SQLiteFixture.create(path, sql + "COMMIT;")
        let copy = try SQLiteConnection(path: path, readOnly: false)
        try copy.execute("ATTACH DATABASE '\(Datasets.chinook)' AS original")
        for row in tables { try copy.execute("INSERT INTO main.\"\(row[0].displayText)\" SELECT * FROM original.\"\(row[0].displayText)\"") }
    }

    func suggestions(_ path: String) async throws -> [ForeignKeySuggestion] {
        let source = try SQLiteSource(path: path)
        let schema = try await source.introspect()
        return try await ForeignKeySuggester().suggest(
            schema: schema,
            distinct: { table, column, limit in try source.distinctValues(of: column, in: table, limit: limit) },
            containment: { table, column, values in try source.keys(of: table, columns: [column], matching: [column], values: values.map { [$0] }).count })
    }

    func measure(_ name: String, suggestions: [ForeignKeySuggestion], declared: Set<String>) -> (recall: Double, false: Int) {
        let top = Set(suggestions.filter { $0.confidence >= 0.5 }.map { "\($0.table)(\($0.column)) → \($0.referencedTable)" })
        let recovered = top.intersection(declared).count
        let falseOnes = top.subtracting(declared)
        print("fk suggest on \(name): \(recovered) of \(declared.count) declared keys recovered, \(falseOnes.count) false: \(falseOnes.sorted())")
        for missing in declared.subtracting(top).sorted() { print("  missed: \(missing)") }
        return (Double(recovered) / Double(declared.count), falseOnes.count)
    }

    @Test("with the declared keys removed, Chinook's and Northwind's keys come back as the top suggestions")
    func recovery() async throws {
        let folder = TemporaryFolder()
        let chinook = folder.file("chinook-nofk.db")
        try Self.chinookWithoutKeys(at: chinook)
        #expect(try await SQLiteSource(path: chinook).introspect().tables.allSatisfy { $0.foreignKeys.isEmpty })
        let chinookDeclared = Set(try await SQLiteSource(path: Datasets.chinook).introspect().tables.flatMap { t in
            t.foreignKeys.map { "\(t.name)(\($0.columns.joined(separator: ", "))) → \($0.referencedTable)" }
        })
        let northwind = folder.file("northwind-nofk.db")
        try Northwind.build(at: northwind, withForeignKeys: false)
        let northwindDeclared = try Northwind.declaredForeignKeys()

        let a = measure("Chinook", suggestions: try await suggestions(chinook), declared: chinookDeclared)
        let b = measure("Northwind", suggestions: try await suggestions(northwind), declared: northwindDeclared)
        #expect(chinookDeclared.count == 11 && northwindDeclared.count == 13)
        #expect(a.recall >= 0.9 && b.recall >= 0.9)
        #expect(a.false + b.false <= 3, "few false suggestions")
    }

    @Test("suggestions carry evidence, not values, and existing keys are not suggested again")
    func evidence() async throws {
        #expect(!(try await suggestions(Datasets.chinook)).contains { $0.table == "Album" && $0.column == "ArtistId" }, "declared keys are not suggested")
        let folder = TemporaryFolder()
        let chinook = folder.file("chinook-nofk.db")
        try Self.chinookWithoutKeys(at: chinook)
        let found = try await suggestions(chinook)
        let album = try #require(found.first { $0.table == "Album" && $0.column == "ArtistId" })
        #expect(album.evidence.count == 2 && album.evidence[1].contains("% of"))
        // Evidence names rules and shares; no sampled key value (e.g. an ArtistId) appears in it.
        for suggestion in found { #expect(suggestion.evidence.allSatisfy { !$0.contains(" 1,") && !$0.contains("@") }) }
    }
}
