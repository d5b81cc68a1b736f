import Foundation
@testable import UnderstudySQLite

/// Loads Northwind (a PostgreSQL dump in shared/datasets) into a SQLite file, so that the
/// SQLite-side features (scanner, foreign-key suggestions) are measured on a second database
/// nobody here wrote. Primary keys and, unless `withForeignKeys` is false, foreign keys become
/// table constraints; the rows go in unchanged.
enum Northwind {
    static var path: String {
        ProcessInfo.processInfo.environment["UNDERSTUDY_DATASETS"].map { $0 + "/northwind-postgres.sql" }
            ?? Datasets.root.deletingLastPathComponent().appendingPathComponent("shared/datasets/northwind-postgres.sql").path
    }

    /// The 13 declared foreign keys as `child(col) → parent(col)`.
    static func declaredForeignKeys() throws -> Set<String> {
        let (_, _, foreignKeys, _) = try parse()
        return Set(foreignKeys.map { "\($0.table)(\($0.columns)) → \($0.parent)" })
    }

    static func build(at destination: String, withForeignKeys: Bool = true) throws {
        let (creates, primaryKeys, foreignKeys, inserts) = try parse()
        var sql = "PRAGMA journal_mode = OFF; BEGIN;\n"
        for (table, body) in creates {
            var lines = body
            if let pk = primaryKeys[table] { lines.append("PRIMARY KEY (\(pk))") }
            if withForeignKeys {
                for fk in foreignKeys where fk.table == table {
                    let parentKey = primaryKeys[fk.parent] ?? ""
                    lines.append("FOREIGN KEY (\(fk.columns)) REFERENCES \(fk.parent) (\(parentKey))")
                }
            }
            sql += "CREATE TABLE \(table) (\n  " + lines.joined(separator: ",\n  ") + "\n);\n"
        }
        sql += inserts.joined(separator: "\n") + "\nCOMMIT;"
        try? FileManager.default.removeItem(atPath: destination)
        try SQLiteFixture.create(destination, sql)
    }

    typealias Parsed = (creates: [(String, [String])], primaryKeys: [String: String], foreignKeys: [(table: String, columns: String, parent: String)], inserts: [String])

    static func parse() throws -> Parsed {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var creates: [(String, [String])] = []
        var primaryKeys: [String: String] = [:]
        var foreignKeys: [(table: String, columns: String, parent: String)] = []
        var inserts: [String] = []
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if line.hasPrefix("INSERT INTO") {
                inserts.append(line)
            } else if line.hasPrefix("CREATE TABLE") {
                let name = line.dropFirst("CREATE TABLE ".count).split(separator: " ").first.map(String.init) ?? ""
                var body: [String] = []
                while let column = lines.popFirst(), !column.hasPrefix(")") {
                    body.append(column.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ",")))
                }
                creates.append((name, body))
            } else if line.hasPrefix("ALTER TABLE ONLY"), let next = lines.popFirst() {
                let table = String(line.dropFirst("ALTER TABLE ONLY ".count)).trimmingCharacters(in: .whitespaces)
                if let range = next.range(of: "PRIMARY KEY (") {
                    primaryKeys[table] = String(next[range.upperBound...].prefix { $0 != ")" })
                } else if let range = next.range(of: "FOREIGN KEY ("), let references = next.range(of: "REFERENCES ") {
                    let columns = String(next[range.upperBound...].prefix { $0 != ")" })
                    let parent = String(next[references.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "(" })
                    foreignKeys.append((table, columns, parent))
                }
            }
        }
        return (creates, primaryKeys, foreignKeys, inserts)
    }
}
