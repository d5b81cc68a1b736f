import Foundation
import UnderstudyCore

/// `understudy evaluate`: the copy a workspace produced against its source — quality as SDMetrics
/// defines it (``QualityReport``), validity (every key unique, every foreign key valid) and privacy
/// (destination rows equal to a source row on every column that is not a key).
public struct Evaluation: Sendable, Codable {
    /// A column's distribution in the source and in the copy, for the page: the same bins (numbers
    /// and dates: 12 equal-width bins over both ranges) or the source's most frequent categories.
    public struct Distribution: Sendable, Codable {
        public var column: String
        public var labels: [String]
        public var source: [Double]
        public var copy: [Double]
    }

    public struct TableEvaluation: Sendable, Codable {
        public var name: String
        public var sourceRows: Int
        public var copyRows: Int
        /// The rows evaluated: every row up to ``Evaluation/sampleLimit``, else a random sample of about as many.
        public var sampled: Bool
        /// The sdtype each column was evaluated as (`id` and `other` are not scored).
        public var sdtypes: [String: QualityReport.SDType]
        public var quality: QualityReport
        public var duplicateKeys: Int
        public var orphans: Int
        /// Copy rows equal to a source row on every column that is not a key, and their share.
        public var exactCopies: Int
        public var exactCopyShare: Double
        /// The share of rows equal to a source row when each non-key column is drawn on its own from
        /// the source's values (up to ``chanceRows`` rows, a fixed seed): the exact copies that a
        /// table's few combinations give by chance, with no row remembered. A copy at or below it
        /// keeps no more of the source's rows than its columns' values alone imply.
        public var exactCopiesByChance: Double?
        public var distributions: [Distribution]
        /// The quasi-identifier columns the scanner marks (date of birth, city, postcode, gender,
        /// country, region) and the copy's k-anonymity over them: the fewest rows sharing one
        /// combination of their values (nil without such columns).
        public var quasiIdentifiers: [String]
        public var kAnonymity: Int?
        /// SDMetrics' BoundaryAdherence (numbers and dates of the copy within the source's range) and
        /// CategoryAdherence (categories of the copy that the source has), averaged over the columns.
        public var boundaryAdherence: Double?
        public var categoryAdherence: Double?
        /// SDMetrics' DCRBaselineProtection: the median distance of a copy row to its closest source
        /// row, against that of rows drawn at random within the source's ranges and categories
        /// (min(ratio, 1); 1 is as far from the source as random data). On at most
        /// ``dcrCopyRows`` copy rows and ``dcrSourceRows`` source rows, evenly spread.
        public var dcrBaselineProtection: Double?
        public var medianDCR: MedianDCR?

        public struct MedianDCR: Sendable, Codable {
            public var copy: Double
            public var randomBaseline: Double
            enum CodingKeys: String, CodingKey { case copy, randomBaseline = "random_baseline" }
        }

        enum CodingKeys: String, CodingKey {
            case name, sourceRows = "source_rows", copyRows = "copy_rows", sampled, sdtypes, quality, duplicateKeys = "duplicate_keys", orphans
            case exactCopies = "exact_copies", exactCopyShare = "exact_copy_share", exactCopiesByChance = "exact_copies_by_chance", distributions, quasiIdentifiers = "quasi_identifiers", kAnonymity = "k_anonymity"
            case boundaryAdherence = "boundary_adherence", categoryAdherence = "category_adherence", dcrBaselineProtection = "dcr_baseline_protection", medianDCR = "median_dcr"
        }
    }

    /// One foreign key between two evaluated tables: SDMetrics' CardinalityShapeSimilarity (the
    /// children-per-parent counts, zeros included, compared by KSComplement) and Intertable Trends
    /// (Column Pair Trends between the parent's and the child's columns, over the child joined to
    /// its parent).
    public struct RelationshipEvaluation: Sendable, Codable {
        public var parent: String
        public var child: String
        public var foreignKey: [String]
        public var cardinality: Double?
        public var pairs: [QualityReport.PairScore]
        public var intertableTrends: Double?
        enum CodingKeys: String, CodingKey { case parent, child, foreignKey = "foreign_key", cardinality, pairs, intertableTrends = "intertable_trends" }
    }

    public static let dcrCopyRows = 1_000
    public static let dcrSourceRows = 5_000

    public var tables: [TableEvaluation]
    public var relationships: [RelationshipEvaluation] = []
    /// Source values of columns the scanner marks as direct identifiers (emails, phone numbers,
    /// national IDs, cards, IBANs, credentials, usernames, full names, street addresses, IP and MAC
    /// addresses; values of 4 characters or more) found as a cell anywhere in the copy, by
    /// `table.column`: what de-identification missed. Quasi-identifiers (first or last names alone,
    /// cities, postcodes, dates of birth) are left out: their values recur between people, so a fake
    /// one equal to a real one is no leak.
    public var leaks: [String: Int]
    public var leakedValues: Int
    /// Where each column's leaked values are (``leaks``): the copy's `table.column`s that hold one
    /// as a cell, by the source's `table.column` — a passthrough column of another table that
    /// happens to hold the same value (a firm's phone number that is a person's too) reads apart
    /// from a generator that let values through.
    public var leakLocations: [String: [String]] = [:]
    /// The same source values, and full names made of a source row's first and last name (in either
    /// order), found inside the text of the copy's other text and JSON columns (``TextLeakFinder``):
    /// the distinct values found, by `table.column` of the copy. A note that still names the
    /// customer whose row was masked.
    public var leaksInText: [String: Int] = [:]
    public var leakedInText: Int { leaksInText.values.reduce(0, +) }
    /// SDMetrics' multi-table quality report: Column Shapes over every scored column of every table,
    /// Column Pair Trends over every scored pair, Cardinality over the relationships, Intertable
    /// Trends over every scored parent–child pair, and the overall score their mean.
    public var columnShapes: Double?
    public var columnPairTrends: Double?
    public var cardinality: Double?
    public var intertableTrends: Double?
    public var overall: Double?
    public var validity: Double

    enum CodingKeys: String, CodingKey {
        case tables, relationships, leaks, leakedValues = "leaked_values", leakLocations = "leak_locations", leaksInText = "leaks_in_text", columnShapes = "column_shapes", columnPairTrends = "column_pair_trends"
        case cardinality, intertableTrends = "intertable_trends", overall, validity
    }

    /// Each column's leaked values with the copy's columns that hold them: `suppliers.phone: 1 (as a cell of shippers.phone)`.
    public var leakSummary: String {
        leaks.sorted { $0.key < $1.key }.map { column, count in
            let places = leakLocations[column] ?? []
            return "\(column): \(count)" + (places.isEmpty ? "" : " (as a cell of \(places.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    static let quasiIdentifierKinds: Set<PersonalKind> = [.birthDate, .city, .postalCode, .gender, .country, .region]

    static let directIdentifiers = PersonalKind.directIdentifiers

    /// Rows read per table; larger tables are read whole and a random sample of about as many kept.
    public static let sampleLimit = 100_000

    /// A column's sdtype: keys are ids; numbers, dates and booleans by their type; text is a
    /// category when its values repeat (``QualityReport/isCategorical(_:)``), else `other`
    /// (names, emails, free text: not a distribution to compare).
    static func sdtype(_ column: Column, in table: Table, values: [Value]) -> QualityReport.SDType {
        if table.primaryKey.contains(column.name) || table.foreignKeys.contains(where: { $0.columns.contains(column.name) }) { return .id }
        switch column.logicalType {
        case .integer, .real, .decimal: return .numerical
        case .date, .timestamp: return .datetime
        case .boolean: return .boolean
        case .blob, .json: return .other
        default:
            return QualityReport.isCategorical(values) ? .categorical : .other
        }
    }

    static func data(_ values: [Value], as sdtype: QualityReport.SDType) -> QualityReport.ColumnData? {
        switch sdtype {
        case .numerical:
            return .continuous(values.map { value in
                switch value {
                case .integer(let i): Double(i)
                case .real(let d): d.isFinite ? d : nil
                case .text(let s): Double(s).flatMap { $0.isFinite ? $0 : nil }  // (numeric's 'NaN' and 'Infinity' are no points either)
                default: nil
                }
            })
        case .datetime:
            return .continuous(values.map { $0.isNull ? nil : Self.seconds($0.displayText) })
        case .categorical, .boolean:
            return .discrete(values.map { $0.isNull ? nil : $0.displayText })
        case .id, .other:
            return nil
        }
    }

    /// Seconds since 1970 of an ISO date or timestamp (`YYYY-MM-DD[ T]HH:MM[:SS]`; fractions and a
    /// zone ignored, as the comparison needs only an order), parsed without a formatter: it runs on
    /// every date of every row read.
    static func seconds(_ text: String) -> Double? {
        guard let date = CivilDate(prefixOf: text) else { return nil }
        var seconds = Double(date.days) * 86_400
        let time = Array(text.utf8.dropFirst(11).prefix(8))
        func pair(_ at: Int) -> Int? {
            guard at + 1 < time.count, (48...57).contains(time[at]), (48...57).contains(time[at + 1]) else { return nil }
            return Int(time[at] - 48) * 10 + Int(time[at + 1] - 48)
        }
        if let hours = pair(0), let minutes = pair(3) { seconds += Double(hours * 3_600 + minutes * 60 + (pair(6) ?? 0)) }
        return seconds
    }

    /// The values of `columns` in every row of `table` (not a sample), each row's as one digest of
    /// their texts; nil where one is NULL. For the key checks, which a sample would get wrong: a
    /// reference to a row left out of the parent's sample is no orphan. `read`: the table's stored
    /// columns when every row was read already (then nothing is read again).
    static func keyDigests(_ table: Table, _ columns: [String], read: [[Value]]?, from source: any SamplingSource) async throws -> [Int?] {
        func digest(_ values: some Sequence<Value>) -> Int? {
            var hasher = Hasher()
            for value in values {
                if value.isNull { return nil }
                hasher.combine(value.displayText)
            }
            return hasher.finalize()
        }
        if let read {
            let indexes = columns.map { name in table.storedColumns.firstIndex { $0.name == name }! }
            return (0..<(read.first?.count ?? 0)).map { row in digest(indexes.lazy.map { read[$0][row] }) }
        }
        let stored = columns.compactMap { table.column(named: $0) }
        var digests: [Int?] = []
        for try await batch in try await source.rows(of: table, columns: stored, batchSize: 10_000) {
            let indexes = columns.map { batch.columnIndex($0)! }
            for row in 0..<batch.count { digests.append(digest(indexes.lazy.map { batch.columns[$0][row] })) }
        }
        return digests
    }

    /// Rows drawn for ``TableEvaluation/exactCopiesByChance``.
    static let chanceRows = 10_000

    /// The share of `chanceRows` rows, each column drawn on its own from the source's values
    /// (`texts`, column by column; a fixed seed), that equal a source row (`sourceRows`).
    /// Full names from a row's first-name and last-name columns (where the scanner finds one of
    /// each), in either order, for ``TextLeakFinder``: `Ana` and `Lima` alone recur between people,
    /// `Ana Lima` in a note names the customer.
    static func addFullNames(of table: Table, _ real: [[Value]], _ findings: [ScanFinding], to finder: inout TextLeakFinder) {
        let firsts = findings.filter { $0.personal && $0.kind == .firstName }, lasts = findings.filter { $0.personal && $0.kind == .lastName }
        guard firsts.count == 1, lasts.count == 1,
              let f = table.storedColumns.firstIndex(where: { $0.name == firsts[0].column }),
              let l = table.storedColumns.firstIndex(where: { $0.name == lasts[0].column }) else { return }
        for row in real[f].indices where !real[f][row].isNull && !real[l][row].isNull {
            let first = real[f][row].displayText, last = real[l][row].displayText
            let number = finder.count
            finder.add("\(first) \(last)", as: number)
            finder.add("\(last) \(first)", as: number)
        }
    }

    static func exactCopiesByChance(_ texts: [[String]], sourceRows: Set<[String]>) -> Double? {
        let count = texts.first?.count ?? 0
        guard count > 0 else { return nil }
        var random = KeyedHasher(key: .init(data: [UInt8](repeating: 0x5C, count: 32))).stream([], label: 2)
        var hits = 0
        for _ in 0..<chanceRows where sourceRows.contains(texts.map { $0[random.below(count)] }) { hits += 1 }
        return Double(hits) / Double(chanceRows)
    }

    /// Every row of `table` (a random sample of about ``sampleLimit`` beyond it), column by column.
    static func read(_ table: Table, from source: any SamplingSource) async throws -> (columns: [[Value]], rows: Int, sampled: Bool) {
        let total = Int(try await source.rowCount(of: table))
        let stride = max(1, (total + sampleLimit - 1) / sampleLimit)
        var columns = [[Value]](repeating: [], count: table.storedColumns.count)
        var ordinal = 0
        // Each row kept with probability 1/stride, from a fixed seed (the same rows every time):
        // not every n-th row, which values that repeat with the row's place would bias.
        var sampler = KeyedHasher(key: .init(data: [UInt8](repeating: 0x5B, count: 32))).stream([], label: 1)
        for try await batch in try await source.rows(of: table, columns: table.storedColumns, batchSize: 5_000) {
            for row in 0..<batch.count {
                if stride == 1 || sampler.unit() * Double(stride) < 1 { for c in columns.indices { columns[c].append(batch.columns[c][row]) } }
                ordinal += 1
            }
        }
        return (columns, ordinal, stride > 1)
    }

    static func distribution(_ name: String, _ real: QualityReport.ColumnData, _ copy: QualityReport.ColumnData) -> Distribution? {
        switch (real, copy) {
        case (.continuous(let a), .continuous(let b)):
            let x = a.compactMap { $0 }, y = b.compactMap { $0 }
            guard let low = (x + y).min(), let high = (x + y).max(), !x.isEmpty, !y.isEmpty else { return nil }
            let bins = 12, width = max(high - low, 1e-9) / Double(bins)
            func histogram(_ values: [Double]) -> [Double] {
                var counts = [Double](repeating: 0, count: bins)
                for v in values { counts[min(bins - 1, Int((v - low) / width))] += 1 }
                return counts.map { $0 / Double(values.count) }
            }
            return Distribution(column: name, labels: (0..<bins).map { String(format: "%.4g", low + width * Double($0)) }, source: histogram(x), copy: histogram(y))
        case (.discrete(let a), .discrete(let b)):
            let x = a.compactMap { $0 }, y = b.compactMap { $0 }
            guard !x.isEmpty, !y.isEmpty else { return nil }
            var counts: [String: Int] = [:]
            for v in x { counts[v, default: 0] += 1 }
            let top = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map(\.key)
            func share(_ values: [String]) -> [Double] { top.map { label in Double(values.filter { $0 == label }.count) / Double(values.count) } }
            return Distribution(column: name, labels: top, source: share(x), copy: share(y))
        default:
            return nil
        }
    }

    /// The evaluation as one HTML page: the scores, and per column the source's and the copy's
    /// distributions side by side (inline SVG; no script, no external asset).
    public func html(title: String) -> String {
        let escape = { (text: String) in HTML.escape(text) }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func chart(_ d: Distribution) -> String {
            let largest = max(1e-9, (d.source + d.copy).max() ?? 1)
            let step = 280.0 / Double(max(1, d.labels.count))
            var bars = ""
            for i in d.labels.indices {
                let x = Double(i) * step
                let hs = d.source[i] / largest * 90, hc = d.copy[i] / largest * 90
                bars += "<rect x=\"\(x + 1)\" y=\"\(100 - hs)\" width=\"\(step / 2 - 1)\" height=\"\(hs)\" fill=\"#2456c9\"><title>\(escape(d.labels[i])) source \(String(format: "%.1f%%", d.source[i] * 100))</title></rect>"
                bars += "<rect x=\"\(x + step / 2)\" y=\"\(100 - hc)\" width=\"\(step / 2 - 1)\" height=\"\(hc)\" fill=\"#e07b39\"><title>\(escape(d.labels[i])) copy \(String(format: "%.1f%%", d.copy[i] * 100))</title></rect>"
            }
            return "<figure><figcaption>\(escape(d.column))</figcaption><svg viewBox=\"0 0 280 104\" width=\"280\" height=\"104\" role=\"img\" aria-label=\"\(escape(d.column)): source in blue, copy in orange\">\(bars)<line x1=\"0\" y1=\"100.5\" x2=\"280\" y2=\"100.5\" stroke=\"#999\"/></svg></figure>"
        }
        var body = "<h1>\(escape(title))</h1><p>Overall quality <b>\(percent(overall))</b> (column shapes \(percent(columnShapes)), column pair trends \(percent(columnPairTrends)), cardinality \(percent(cardinality)), intertable trends \(percent(intertableTrends))); validity \(percent(validity)); \(leakedValues) leaked value(s)\(leakedValues == 0 ? "" : " (\(escape(leakSummary)))")\(leakedInText == 0 ? "" : ", \(leakedInText) source value(s) inside free text (\(escape(leaksInText.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))))"). <span class=\"key\"><i class=\"s\"></i> source <i class=\"c\"></i> copy</span></p>"
        body += "<table><thead><tr><th>Table</th><th>Column shapes</th><th>Pair trends</th><th>Overall</th><th>Duplicate keys</th><th>Orphans</th><th>Boundary adherence</th><th>Category adherence</th><th>Exact copies</th><th>DCR baseline protection</th><th>k-anonymity</th></tr></thead><tbody>"
        for t in tables {
            let k = t.kAnonymity.map { "\($0) (\(escape(t.quasiIdentifiers.joined(separator: ", "))))" } ?? "–"
            body += "<tr><td>\(escape(t.name))\(t.sampled ? " (sampled)" : "")</td><td>\(percent(t.quality.columnShapes))</td><td>\(percent(t.quality.columnPairTrends))</td><td>\(percent(t.quality.overall))</td><td>\(t.duplicateKeys)</td><td>\(t.orphans)</td><td>\(percent(t.boundaryAdherence))</td><td>\(percent(t.categoryAdherence))</td><td>\(percent(t.exactCopyShare))\(t.exactCopiesByChance.map { " (\(percent($0)) by chance)" } ?? "")</td><td>\(percent(t.dcrBaselineProtection))</td><td>\(k)</td></tr>"
        }
        body += "</tbody></table>"
        if !relationships.isEmpty {
            body += "<h2>Relationships</h2><table><thead><tr><th>Parent → child</th><th>Foreign key</th><th>Cardinality</th><th>Intertable trends</th></tr></thead><tbody>"
            for r in relationships {
                body += "<tr><td>\(escape(r.parent)) → \(escape(r.child))</td><td>\(escape(r.foreignKey.joined(separator: ", ")))</td><td>\(percent(r.cardinality))</td><td>\(percent(r.intertableTrends))</td></tr>"
            }
            body += "</tbody></table>"
        }
        for t in tables where !t.distributions.isEmpty {
            body += "<h2>\(escape(t.name))</h2><div class=\"charts\">" + t.distributions.map(chart).joined() + "</div>"
        }
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title><style>
            body { font: 14px/1.5 system-ui, sans-serif; margin: 24px; color: #1c2430; } table { border-collapse: collapse; } td, th { border: 1px solid #d9dee5; padding: 4px 8px; text-align: left; }
            .charts { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; border: 1px solid #d9dee5; border-radius: 8px; padding: 6px; } figcaption { font-size: 12px; color: #5b6675; }
            .key i { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; } .key .s { background: #2456c9; } .key .c { background: #e07b39; }
            </style></head><body>\(body)</body></html>
            """
    }

    /// Evaluates the destination of `workspace` against its source.
    public static func evaluate(_ workspace: Workspace) async throws -> Evaluation {
        try await Databases.closing(try await Databases.openSource(of: workspace)) { source in
            let copy: any SamplingSource
            do {
                copy = try await Databases.openSource(workspace.destination, role: "destination", base: workspace.baseDirectory)
            } catch let error as AdapterError where error.code == .notFound {
                // (It said: no SQLite database at this path; check the source URL.)
                throw AdapterError(
                    code: .notFound, message: "the destination holds no copy to evaluate yet; run the workspace first (`understudy run`), then evaluate what it wrote",
                    place: error.place)
            }
            return try await Databases.closing(copy) { copy in try await evaluate(source: source, copy: copy, workspace: workspace) }
        }
    }

    static func evaluate(source: any SamplingSource, copy: any SamplingSource, workspace: Workspace) async throws -> Evaluation {
        let schema = try RunPlanner.applyingDeclaredKeys(workspace, to: try await source.introspect())
        let copied = try await copy.introspect()
        var tables: [TableEvaluation] = []
        var keys: [String: Set<Int>] = [:]  // digests of the copy's primary keys, for the foreign keys
        // The copy's tables read, with the text columns whose cells are searched for source values.
        var pending: [(Table, [[Value]], sampled: Bool, textColumns: [Int])] = []
        var personal: [String: Set<String>] = [:]  // table.column → its source values
        var inText = TextLeakFinder()  // the same values and full names, to be found inside text
        var loaded: [String: (table: Table, real: [[Value]], copy: [[Value]], realData: [String: QualityReport.ColumnData], copyData: [String: QualityReport.ColumnData])] = [:]
        for table in schema.tables {
            guard let copyTable = copied.table(named: table.name), workspace.settings(forTable: table.name)?.mode != .truncate else { continue }
            let (real, realRows, realSampled) = try await read(table, from: source)
            let (synthetic, copyRows, copySampled) = try await read(copyTable, from: copy)
            var sdtypes: [String: QualityReport.SDType] = [:]
            var realData: [String: QualityReport.ColumnData] = [:], copyData: [String: QualityReport.ColumnData] = [:]
            for (c, column) in table.storedColumns.enumerated() {
                let sdtype = sdtype(column, in: table, values: real[c])
                sdtypes[column.name] = sdtype
                guard let k = copyTable.storedColumns.firstIndex(where: { $0.name == column.name }),
                      let r = data(real[c], as: sdtype), let s = data(synthetic[k], as: sdtype) else { continue }
                realData[column.name] = r
                copyData[column.name] = s
            }
            let quality = QualityReport(real: realData, copy: copyData, order: table.storedColumns.map(\.name))
            let distributions = table.storedColumns.compactMap { column -> Distribution? in
                guard let r = realData[column.name], let c = copyData[column.name] else { return nil }
                return Self.distribution(column.name, r, c)
            }
            // The scanner's personal columns, on a sample of the rows read.
            let sample = RowBatch(columnNames: table.storedColumns.map(\.name), columns: real.map { Array($0.prefix(500)) }, firstOrdinal: 0)
            let findings = Scanner().scan(table: table, sample: sample)
            var identifiers = Set<String>()
            for finding in findings where finding.personal && Self.directIdentifiers.contains(finding.kind) {
                guard let c = table.storedColumns.firstIndex(where: { $0.name == finding.column }) else { continue }
                let values = Set(real[c].compactMap { $0.isNull ? nil : $0.displayText }.filter { $0.count >= 4 })
                personal["\(table.name).\(finding.column)"] = values
                identifiers.insert(finding.column)
                for value in values { inText.add(value, as: inText.count) }
            }
            Self.addFullNames(of: table, real, findings, to: &inText)
            let textColumns = copyTable.storedColumns.indices.filter { c in
                let column = copyTable.storedColumns[c]
                return [.text, .json].contains(column.logicalType) && !identifiers.contains(column.name) && sdtypes[column.name] != .id
            }
            // k-anonymity of the copy over the quasi-identifiers.
            let quasi = findings.filter { Self.quasiIdentifierKinds.contains($0.kind) && $0.confidence >= 0.5 }.map(\.column)
            let quasiIndexes = quasi.compactMap { name in copyTable.storedColumns.firstIndex { $0.name == name } }
            var groups: [[String]: Int] = [:]
            if !quasiIndexes.isEmpty {
                for row in 0..<(synthetic.first?.count ?? 0) { groups[quasiIndexes.map { synthetic[$0][row].displayText }, default: 0] += 1 }
            }
            // Validity: the copy's primary key, over every row (a sample would miss a duplicate).
            var duplicates = 0
            if !table.primaryKey.isEmpty, table.primaryKey.allSatisfy({ name in copyTable.column(named: name) != nil }) {
                var seen = Set<Int>()
                for digest in try await keyDigests(copyTable, table.primaryKey, read: copySampled ? nil : synthetic, from: copy) {
                    if let digest, !seen.insert(digest).inserted { duplicates += 1 }
                }
                keys[table.name] = seen
            }
            // Privacy: copy rows equal to a source row on every column that is not a key.
            let plain = table.storedColumns.indices.filter { sdtypes[table.storedColumns[$0].name] != .id }
            let copyPlain = plain.compactMap { c in copyTable.storedColumns.firstIndex { $0.name == table.storedColumns[c].name } }
            // The source's non-key columns as text, once: for its rows and for the rows chance draws.
            let sourceTexts = plain.map { c in real[c].map(\.displayText) }
            var sourceRows = Set<[String]>()
            for row in 0..<(real.first?.count ?? 0) { sourceRows.insert(sourceTexts.map { $0[row] }) }
            var exact = 0
            let copyCount = synthetic.first?.count ?? 0
            let comparable = !plain.isEmpty && copyPlain.count == plain.count
            if comparable {
                for row in 0..<copyCount where sourceRows.contains(copyPlain.map { synthetic[$0][row].displayText }) { exact += 1 }
            }
            let chance = comparable && copyCount > 0 ? Self.exactCopiesByChance(sourceTexts, sourceRows: sourceRows) : nil
            let adherence = Self.adherence(realData, copyData)
            let dcr = Self.dcrBaselineProtection(realData, copyData)
            tables.append(TableEvaluation(
                name: table.name, sourceRows: realRows, copyRows: copyRows, sampled: realSampled || copySampled, sdtypes: sdtypes, quality: quality,
                duplicateKeys: duplicates, orphans: 0, exactCopies: exact, exactCopyShare: copyCount == 0 ? 0 : Double(exact) / Double(copyCount), exactCopiesByChance: chance,
                distributions: distributions, quasiIdentifiers: quasi, kAnonymity: groups.values.min(),
                boundaryAdherence: adherence.boundary, categoryAdherence: adherence.category, dcrBaselineProtection: dcr?.score, medianDCR: dcr?.medians))
            // The copy's columns in the source's column order, for the relationships.
            let aligned = table.storedColumns.map { column in copyTable.storedColumns.firstIndex { $0.name == column.name }.map { synthetic[$0] } ?? [] }
            loaded[table.name] = (table, real, aligned, realData, copyData)
            pending.append((copyTable, synthetic, copySampled, textColumns))
        }
        // Validity: every foreign key of the copy points at a row of the copy, over every row.
        for (index, (table, read, sampled, _)) in pending.enumerated() {
            var orphans = 0
            for key in (schema.table(named: table.name)?.foreignKeys ?? []) {
                guard let parentKeys = keys[key.referencedTable], let parent = schema.table(named: key.referencedTable), parent.primaryKey == key.referencedColumns,
                      key.columns.allSatisfy({ name in table.column(named: name) != nil }) else { continue }
                for digest in try await keyDigests(table, key.columns, read: sampled ? nil : read, from: copy) {
                    if let digest, !parentKeys.contains(digest) { orphans += 1 }
                }
            }
            tables[index].orphans = orphans
        }
        // Leaks: a personal source value as a cell anywhere in the copy, and the copy's columns that hold it.
        var copyCells: [String: Set<String>] = [:]  // a cell's text → the copy's columns holding it
        for (table, columns, _, _) in pending {
            for (c, column) in columns.enumerated() {
                let name = "\(table.name).\(table.storedColumns[c].name)"
                for value in column where !value.isNull { copyCells[value.displayText, default: []].insert(name) }
            }
        }
        var leaks: [String: Int] = [:]
        var leakLocations: [String: [String]] = [:]
        var leakedCells = Set<String>()
        for (column, values) in personal {
            let found = values.filter { copyCells[$0] != nil }
            guard !found.isEmpty else { continue }
            leaks[column] = found.count
            leakLocations[column] = found.reduce(into: Set<String>()) { $0.formUnion(copyCells[$1] ?? []) }.sorted()
            leakedCells.formUnion(found)
        }
        var leaksInText: [String: Int] = [:]
        for (table, columns, _, textColumns) in pending where inText.count > 0 {
            for c in textColumns {
                var found = Set<Int>()
                // (A cell that is a leaked value whole is counted as a cell's leak above, not again here.)
                for value in columns[c] where !value.isNull && !leakedCells.contains(value.displayText) { found.formUnion(inText.find(in: value.displayText)) }
                if !found.isEmpty { leaksInText["\(table.name).\(table.storedColumns[c].name)"] = found.count }
            }
        }
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        func mean(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
        let valid = tables.filter { $0.duplicateKeys == 0 && $0.orphans == 0 }.count
        var relationships: [RelationshipEvaluation] = []
        for table in schema.tables {
            guard let child = loaded[table.name] else { continue }
            // A table referencing itself (a tree) is left out, as SDMetrics leaves it out.
            for key in table.foreignKeys where key.referencedTable != table.name {
                guard let parent = loaded[key.referencedTable] else { continue }
                var relationship = Self.relationship(parent: parent, child: child, key: key)
                // Children per parent of a sampled table would count the sample: counted over every
                // row instead (the key columns only).
                if let a = tables.first(where: { $0.name == table.name }), let b = tables.first(where: { $0.name == key.referencedTable }), a.sampled || b.sampled,
                   let parentTable = schema.table(named: key.referencedTable), let copyChild = copied.table(named: table.name), let copyParent = copied.table(named: key.referencedTable) {
                    let real = try await Self.childCounts(child: table, parent: parentTable, key: key, from: source)
                    let synthetic = try await Self.childCounts(child: copyChild, parent: copyParent, key: key, from: copy)
                    relationship.cardinality = QualityReport.ksComplement(real, synthetic)
                }
                relationships.append(relationship)
            }
        }
        let columnShapes = mean(tables.flatMap { $0.quality.columns.map(\.score) })
        let columnPairTrends = mean(tables.flatMap { $0.quality.pairs.map(\.score) })
        let cardinality = mean(relationships.map(\.cardinality))
        let intertableTrends = mean(relationships.flatMap { $0.pairs.map(\.score) })
        var evaluation = Evaluation(
            tables: tables, leaks: leaks, leakedValues: leaks.values.reduce(0, +), columnShapes: columnShapes, columnPairTrends: columnPairTrends,
            overall: mean([columnShapes, columnPairTrends, cardinality, intertableTrends]), validity: tables.isEmpty ? 1 : Double(valid) / Double(tables.count))
        evaluation.relationships = relationships
        evaluation.leaksInText = leaksInText
        evaluation.leakLocations = leakLocations
        evaluation.cardinality = cardinality
        evaluation.intertableTrends = intertableTrends
        return evaluation
    }
}
