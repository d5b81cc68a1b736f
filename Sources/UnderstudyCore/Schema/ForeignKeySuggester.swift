/// A likely foreign key, with how sure the suggester is and why.
public struct ForeignKeySuggestion: Sendable, Codable, Equatable {
    public var table: String
    public var column: String
    public var referencedTable: String
    public var referencedColumn: String
    public var confidence: Double
    /// The name rule that matched and the measured containment — never values.
    public var evidence: [String]

    public var from: String { "\(table)(\(column))" }
    public var to: String { "\(referencedTable)(\(referencedColumn))" }
}

/// Proposes foreign keys for databases that declare none: column names (`customer_id` →
/// `customers.id`, `CustomerId` → `Customer.CustomerId`, role words such as `ReportsTo` or
/// `SupportRepId` → an employee table) combined with value containment measured on samples (the
/// share of a column's distinct values found among the candidate parent's keys). Works on schema
/// metadata and two value queries the adapter answers; imports no driver.
public struct ForeignKeySuggester: Sendable {
    /// Distinct non-null values of a column, up to a limit.
    public typealias DistinctValues = (_ table: Table, _ column: String, _ limit: Int) async throws -> [Value]
    /// How many of `values` are present in `column` of `table`.
    public typealias Containment = (_ table: Table, _ column: String, _ values: [Value]) async throws -> Int

    public var sampleSize: Int

    public init(sampleSize: Int = 1_000) {
        self.sampleSize = sampleSize
    }

    static let idWords: Set<String> = ["id", "key", "code", "no", "num", "ref", "fk", "nr", "number"]
    static let roleWords = ["rep", "representative", "manager", "supervisor", "reportsto", "boss", "lead", "agent", "assignee", "assigned", "owner", "createdby", "updatedby", "approver", "reviewer", "employee", "staff", "salesperson", "mentor", "coach"]
    static let peopleTables: Set<String> = ["employee", "staff", "user", "person", "people", "member", "account", "agent"]

    static func singular(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ses") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    /// Name evidence that `column` of `child` references the key `key` of `parent`.
    static func nameScore(column: String, child: Table, key: String, parent: Table) -> (Double, String)? {
        let columnWords = SensitiveNames.words(column)
        let keyWords = SensitiveNames.words(key)
        let parentName = SensitiveNames.words(parent.name).map(singular).joined()
        var stemWords = columnWords
        while let last = stemWords.last, idWords.contains(last), stemWords.count > 1 { stemWords.removeLast() }
        let stem = stemWords.map(singular).joined()
        if columnWords.joined() == keyWords.joined(), !(keyWords.allSatisfy { idWords.contains($0) }) {
            return (0.9, "name: \(column) is the name of \(parent.name)'s key")
        }
        if stem == parentName, stemWords.count < columnWords.count || keyWords.allSatisfy({ idWords.contains($0) }) {
            return (0.85, "name: \(column) = \(parent.name) + \(key)")
        }
        if stem.count >= 3, stem.hasSuffix(parentName), parentName.count >= 3 {
            return (0.7, "name: \(column) ends with \(parent.name)")
        }
        if roleWords.contains(where: { stem.contains($0) }), peopleTables.contains(parentName) {
            return (0.75, "name: \(column) names a role held by \(parent.name)")
        }
        if let first = stemWords.first, first.count >= 3, parentName.hasPrefix(first), stemWords.count < columnWords.count || columnWords.count > 1 {
            return (0.55, "name: \(column) starts like \(parent.name)")
        }
        return nil
    }

    public func suggest(schema: DatabaseSchema, distinct: DistinctValues, containment: Containment) async throws -> [ForeignKeySuggestion] {
        // Parent candidates: single-column primary keys and unique keys.
        var keys: [(table: Table, column: Column)] = []
        for table in schema.tables {
            for key in table.uniqueKeys where key.count == 1 {
                if let column = table.column(named: key[0]) { keys.append((table, column)) }
            }
        }
        var suggestions: [ForeignKeySuggestion] = []
        for child in schema.tables {
            let declared = Set(child.foreignKeys.flatMap(\.columns))
            for column in child.storedColumns where !declared.contains(column.name) {
                if child.primaryKey == [column.name] { continue }
                var best: ForeignKeySuggestion?
                var values: [Value]?
                for (parent, key) in keys {
                    if parent.name == child.name, key.name == column.name { continue }
                    let textual = LogicalType.textual.union([.text])
                    let compatible = column.logicalType == key.logicalType || (textual.contains(column.logicalType) && textual.contains(key.logicalType))
                    guard compatible, let (score, rule) = Self.nameScore(column: column.name, child: child, key: key.name, parent: parent) else { continue }
                    if score <= (best?.confidence ?? 0) { continue }
                    if values == nil { values = try await distinct(child, column.name, sampleSize) }
                    let sample = values ?? []
                    let confidence: Double
                    var evidence = [rule]
                    if sample.isEmpty {
                        // No values to measure (an empty table): the name alone, discounted.
                        confidence = score * 0.6
                        evidence.append("values: none to measure (the column is empty), so the name alone")
                    } else {
                        let found = try await containment(parent, key.name, sample)
                        let share = Double(found) / Double(sample.count)
                        confidence = share >= 0.9 ? score * (0.5 + 0.5 * share) : score * share * 0.5
                        evidence.append("values: \(Int((share * 100).rounded()))% of \(sample.count) distinct values of \(child.name).\(column.name) are keys of \(parent.name)")
                    }
                    if confidence > (best?.confidence ?? 0) {
                        best = ForeignKeySuggestion(
                            table: child.name, column: column.name, referencedTable: parent.name, referencedColumn: key.name,
                            confidence: (confidence * 100).rounded() / 100, evidence: evidence)
                    }
                }
                if let best { suggestions.append(best) }
            }
        }
        return suggestions.sorted { ($0.confidence, $1.from) > ($1.confidence, $0.from) }
    }
}
