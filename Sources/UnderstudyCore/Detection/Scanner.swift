import Foundation

/// One column the scanner thinks holds personal data (or a quasi-identifier), with the evidence.
public struct ScanFinding: Sendable, Codable, Equatable {
    public var table: String
    public var column: String
    public var kind: PersonalKind
    /// How sure the scanner is, in [0, 1]; ≥ 0.5 counts as personal.
    public var confidence: Double
    /// The suggested generator and its parameters.
    public var generator: String
    public var parameters: [String: String]
    /// Which rules fired and what share of the sample matched — never sampled values.
    public var evidence: [String]
    /// Counted as personal data: a personal kind at confidence ≥ 0.5.
    public var personal: Bool
    /// The consistency domain suggested for the column when another column holds the same values
    /// (``Scanner/sharingDomains(_:schema:sampled:matching:)``); nil for the default, `table.column`.
    public var domain: String? = nil
    /// `null` where the suggested generator reads all but a few of the sampled values and the
    /// column may be NULL: those are written NULL (`on_invalid: null`) instead of stopping the run.
    public var onInvalid: InvalidValues? = nil
}

/// The sensitivity scanner: combines column-name rules (several languages) with value detectors
/// run on a sample of each column.
///
/// Sampling is the adapter's: SQLite takes every k-th row by rowid (k = rows / sample size), so the
/// sample spreads over the whole table, is the same on every run, and costs one pass without sorting.
public struct Scanner: Sendable {
    /// The digits every sampled phone number begins with, to keep: a country code after `+` that
    /// all share (``countryCodeLength(_:)``), or China's mobile prefix (11
    /// digits, `1[3-9]`, three kept). Nil where they differ (several countries; area codes).
    /// The length of the country calling code a number's digits begin with (ITU-T E.164: 1 and 7
    /// alone; these two-digit ones; the rest three).
    static func countryCodeLength(_ digits: String) -> Int {
        guard let first = digits.first else { return 0 }
        if first == "1" || first == "7" { return 1 }
        let two: Set<String> = [
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53",
            "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94",
            "95", "98",
        ]
        return two.contains(String(digits.prefix(2))) ? 2 : min(3, digits.count)
    }

    static func sharedPhonePrefix(_ values: [Value]) -> Int? {
        let texts = values.map(\.displayText)
        guard texts.count >= 10 else { return nil }
        let digits = texts.map(PhoneGenerator.digits(of:))
        if texts.allSatisfy({ $0.trimmingEnds(\.isWhitespace).hasPrefix("+") }) {
            let codes = Set(digits.map { String($0.prefix(countryCodeLength($0))) })
            return codes.count == 1 ? codes.first!.count : nil
        }
        let mobile = digits.allSatisfy { d in
            d.count == 11 && d.hasPrefix("1") && ("3"..."9").contains(String(d.dropFirst().prefix(1)))
        }
        return mobile ? 3 : nil
    }

    public static let personalThreshold = 0.5

    public init() {}

    /// Scans every table, asking `sample` for each table's sampled rows.
    public func scan(schema: DatabaseSchema, sample: (Table) async throws -> RowBatch) async throws -> [ScanFinding] {
        try await scan(schema: schema, sample: sample) { _, _, _ in }
    }

    /// Scans every table; `sampled` sees each table's rows and findings, in the schema's order.
    /// Tables are sampled one after another (the source's connection) and judged on every core, a
    /// few at a time: at most ``judgedAtOnce`` samples are held, however many tables (one core
    /// judged them all: `init` of 200 tables of 12 columns took 30 s).
    func scan(schema: DatabaseSchema, sample: (Table) async throws -> RowBatch, sampled: (Table, RowBatch, [ScanFinding]) -> Void) async throws -> [ScanFinding] {
        var findings: [ScanFinding] = []
        var names = PeopleNames()
        let tables = schema.tables
        var done: [Int: (rows: RowBatch, found: [ScanFinding])] = [:]
        var next = 0
        func emit() {
            while let (rows, found) = done.removeValue(forKey: next) {
                sampled(tables[next], rows, found)
                findings += found
                names.read(tables[next], rows, found)
                next += 1
            }
        }
        try await withThrowingTaskGroup(of: (Int, RowBatch, [ScanFinding]).self) { group in
            var running = 0
            for (index, table) in tables.enumerated() {
                let rows = try await sample(table)
                if running >= Self.judgedAtOnce, let (i, r, f) = try await group.next() {
                    done[i] = (r, f)
                    running -= 1
                    emit()
                }
                group.addTask { [self] in
                    (index, rows, Self.keepingChecks(Self.readingValues(scan(table: table, sample: rows), table: table, sample: rows), table: table, schema: schema, sample: rows))
                }
                running += 1
            }
            for try await (i, r, f) in group {
                done[i] = (r, f)
                emit()
            }
        }
        // A column that holds people's names replaces what it was found to be without them (a URL).
        let holders = names.holders()
        let held = Set(holders.map { "\($0.table).\($0.column)" })
        return findings.filter { $0.personal || !held.contains("\($0.table).\($0.column)") } + holders
    }

    /// Tables judged at once: the cores, and one more sampled while they work.
    static let judgedAtOnce = ProcessInfo.processInfo.activeProcessorCount + 1

    /// The full names of each table's people (a full-name column, or a first and a last name) and the
    /// text columns no finding covers, as sampled, to find the columns that hold their row's person's
    /// name in some values — a firm named after its owner (`Antonio Moreno Taquería`), an order's
    /// ship name that repeats it, a greeting — which no test of a whole column finds (two values of
    /// ninety). Their finding is free text (`text.redact`, linked to the name where `init` can link
    /// it), with the count of such values as evidence.
    struct PeopleNames {
        var byTable: [String: TextLeakFinder] = [:]
        var columns: [(table: Table, column: String, values: [String])] = []
        /// What the evidence of such a column says, after the count (the workspace's comment repeats it).
        static let evidence = "sampled values hold the full name of a person named in"
        /// Characters of text kept for the columns (bounded for schemas of thousands of tables).
        var kept = 0
        static let keptLimit = 20_000_000

        mutating func read(_ table: Table, _ rows: RowBatch, _ found: [ScanFinding]) {
            func texts(_ column: String) -> [String] {
                rows.columnIndex(column).map { rows.columns[$0].compactMap { if case .text(let text) = $0 { text } else { nil } } } ?? []
            }
            var finder = TextLeakFinder()
            let personal = found.filter(\.personal)
            // (Names of two words or more: a word alone is found in too many texts.)
            func add(_ name: String) { if name.split(separator: " ").count >= 2 { finder.add(name, as: finder.count) } }
            for full in personal where full.kind == .personName { texts(full.column).forEach(add) }
            if let first = personal.first(where: { $0.kind == .firstName }), let last = personal.first(where: { $0.kind == .lastName }),
               let f = rows.columnIndex(first.column), let l = rows.columnIndex(last.column) {
                for (a, b) in zip(rows.columns[f], rows.columns[l]) {
                    if case .text(let given) = a, case .text(let family) = b { add("\(given) \(family)") }
                }
            }
            if finder.count > 0 { byTable[table.name] = finder }
            // Each row's own names, as words (`davolio`), for the columns made of them.
            let nameColumns = personal.filter { [.personName, .firstName, .lastName].contains($0.kind) }.compactMap { rows.columnIndex($0.column) }
            let rowNames: [[String]] = nameColumns.isEmpty ? [] : (0..<rows.count).map { r in
                nameColumns.flatMap { c -> [String] in
                    guard case .text(let name) = rows.columns[c][r] else { return [] }
                    return name.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 3 }
                }
            }
            let keys = Set(table.primaryKey + table.foreignKeys.flatMap(\.columns)).union(table.uniquelyIndexedColumns)
            // (Columns found to be something that is no one's, a URL, too: a photo's path made of the name.)
            for column in table.storedColumns where column.logicalType == .text && column.syntax == nil && !keys.contains(column.name) && !found.contains(where: { $0.column == column.name && $0.personal }) {
                if let c = rows.columnIndex(column.name), !rowNames.isEmpty {
                    var holding = 0, read = 0
                    for (r, value) in rows.columns[c].enumerated() {
                        guard case .text(let text) = value, !rowNames[r].isEmpty else { continue }
                        read += 1
                        let lower = text.lowercased()
                        if rowNames[r].contains(where: { Self.holdsWord($0, in: lower) }) { holding += 1 }
                    }
                    if holding >= 3, 2 * holding >= read { ownNames["\(table.name).\(column.name)"] = (holding, read) }
                }
                let values = texts(column.name)
                let size = values.reduce(0) { $0 + $1.utf8.count }
                guard !values.isEmpty, kept + size <= Self.keptLimit else {
                    // (Past the limit its values are not kept for the full names, but what it was found to hold stays.)
                    if ownNames["\(table.name).\(column.name)"] != nil { columns.append((table, column.name, [])) }
                    continue
                }
                kept += size
                columns.append((table, column.name, values))
            }
        }

        /// Columns most of whose values hold their own row's person's name, a word of it in any case
        /// (a photo's path `…/davolio.bmp` beside Davolio, a login made of it): how many of how many
        /// sampled values, by `table.column`.
        var ownNames: [String: (holding: Int, of: Int)] = [:]
        static let ownEvidence = "sampled values hold their own row's person's name (a path, a file or a login made of it)"

        /// Whether `lower` (a text in lower case) holds `word` (lower case), not inside a longer word.
        static func holdsWord(_ word: String, in lower: String) -> Bool {
            var from = lower.startIndex
            while let found = lower.range(of: word, range: from..<lower.endIndex) {
                let before = found.lowerBound == lower.startIndex ? nil : lower[lower.index(before: found.lowerBound)]
                let after = found.upperBound == lower.endIndex ? nil : lower[found.upperBound]
                if before?.isLetter != true, after?.isLetter != true { return true }
                from = found.upperBound
            }
            return false
        }

        /// The findings of the columns whose values hold a full name of their own table's people or of
        /// a table one of their foreign keys leads to.
        func holders() -> [ScanFinding] {
            guard !byTable.isEmpty || !ownNames.isEmpty else { return [] }
            var findings: [ScanFinding] = []
            for (table, column, values) in columns {
                var evidence: [String] = []
                let sources = ([table.name] + table.foreignKeys.map(\.referencedTable)).compactMap { name in byTable[name].map { (name, $0) } }
                var holding = 0
                var whose = Set<String>()
                for value in values where !sources.isEmpty {
                    guard let (name, _) = sources.first(where: { !$0.1.find(in: value).isEmpty }) else { continue }
                    holding += 1
                    whose.insert(name)
                }
                if holding > 0 {
                    let tables = whose.sorted().map { $0 == table.name ? "this table" : $0 }.joined(separator: " or ")
                    evidence.append("values: \(holding) of \(values.count) \(Self.evidence) \(tables) (a firm named after its owner, a greeting)")
                }
                if let own = ownNames["\(table.name).\(column)"] { evidence.append("values: \(own.holding) of \(own.of) \(Self.ownEvidence)") }
                guard !evidence.isEmpty else { continue }
                findings.append(ScanFinding(
                    // (Only the surest findings beside the linked names: most of such a column's values are a
                    // firm's or a thing's name, which the recognisers would read as people, "Alfreds Futterkiste".)
                    table: table.name, column: column, kind: .freeText, confidence: 0.9, generator: "text.redact", parameters: ["min_confidence": "0.9"],
                    evidence: evidence, personal: true))
            }
            return findings
        }
    }

    /// How many distinct values of `values` the column holds (a batched lookup in the source).
    public typealias Matching = (_ table: Table, _ column: String, _ values: [Value]) async throws -> Int

    /// Scans every table as ``scan(schema:sample:)`` does, then gives columns that hold the same
    /// values one consistency domain (``sharingDomains(_:schema:sampled:matching:)``).
    public func scan(schema: DatabaseSchema, sample: (Table) async throws -> RowBatch, matching: Matching) async throws -> [ScanFinding] {
        var sampled: [String: Sampled] = [:]
        let writer = WorkspaceWriter()
        let findings = try await scan(schema: schema, sample: sample) { table, rows, found in
            // The distinct sampled values of each column that may share a domain.
            for finding in found {
                guard let generator = Self.sharedGenerator(finding, table: table, writer: writer), let c = rows.columnIndex(finding.column) else { continue }
                var seen = Set<Value>()
                sampled[Self.place(finding)] = Sampled(generator: generator, values: rows.columns[c].filter { !$0.isNull && seen.insert($0).inserted })
            }
        }
        return try await Self.sharingDomains(findings, schema: schema, sampled: sampled, matching: matching)
    }

    /// A column that may share a domain: the generator the workspace will write for it, and its
    /// distinct sampled values.
    struct Sampled {
        var generator: String
        var values: [Value]
    }

    static func place(_ finding: ScanFinding) -> String { "\(finding.table).\(finding.column)" }

    /// The generator, as the workspace will write it (a unique column's may be replaced by a
    /// unique-safe one), of a finding's column that may share a domain: personal, not a key, given a
    /// consistent generator of values (not free text, whose entities have domains of their own, nor
    /// an array); nil otherwise.
    static func sharedGenerator(_ finding: ScanFinding, table: Table, writer: WorkspaceWriter) -> String? {
        guard finding.personal, let column = table.column(named: finding.column), !table.primaryKey.contains(finding.column),
              !table.foreignKeys.contains(where: { $0.columns.contains(finding.column) }),
              let definition = writer.registry.definition(named: finding.generator), definition.consistentByDefault,
              !finding.generator.hasPrefix("text."), finding.generator != "array", finding.generator != "composite" else { return nil }
        return writer.safeGenerator(finding.generator, parameters: finding.parameters, column: column, table: table)
    }

    /// Columns that hold the same values — an invoice's billing address and its customer's address,
    /// an order's contact email and the customer's — get one consistency domain, so that equal
    /// values get equal fakes and the copy still joins on them (by default each column is a domain of
    /// its own, `table.column`). Two columns of the same suggested generator share when half the
    /// distinct sampled values of one are values of the other: first among the two samples (in any
    /// letter case), then, where the samples miss each other (tables larger than their samples), by
    /// looking up one column's sampled values (200 at most) in the other column, a column whose sample
    /// is nearly all distinct (a key-like one: a lookup returns a row or so per value). A group of such columns
    /// takes the domain of its first column in the schema's order; each finding says which columns it
    /// shares with and how much (counts, never values).
    static func sharingDomains(_ findings: [ScanFinding], schema: DatabaseSchema, sampled: [String: Sampled], matching: Matching) async throws -> [ScanFinding] {
        let candidates = findings.indices.filter { sampled[place(findings[$0])].map { $0.values.count >= 3 } ?? false }
        guard candidates.count >= 2 else { return findings }
        func values(_ i: Int) -> [Value] { sampled[place(findings[i])]!.values }
        /// A column whose lookups return a row or so per value: unique, or a sample nearly all distinct.
        func keyLike(_ i: Int) -> Bool {
            guard let table = schema.table(named: findings[i].table) else { return false }
            let v = values(i)
            return table.uniquelyIndexedColumns.contains(findings[i].column) || Double(Set(v).count) >= 0.9 * Double(v.count) && v.count >= 20
        }
        var parent = Array(findings.indices)
        func root(_ i: Int) -> Int { var i = i; while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }; return i }
        var evidence: [Int: [String]] = [:]
        var lookups = 0
        let groups = Dictionary(grouping: candidates) { sampled[place(findings[$0])]!.generator }
        // Each column's values as its generator compares them, made once (made again for every pair,
        // they were a third of `init` on a schema of 200 tables).
        var comparedSets: [Int: Set<String>] = [:]
        func compared(_ i: Int) -> Set<String> {
            if let known = comparedSets[i] { return known }
            let generator = sampled[place(findings[i])]!.generator
            let made = Set(values(i).map { Self.compared($0, generator: generator) })
            comparedSets[i] = made
            return made
        }
        // Bounded for schemas of thousands of tables: the first 50 columns of a generator are
        // compared pairwise, and 500 lookups at most are asked of the source.
        for (_, members) in groups.sorted(by: { $0.key < $1.key }) where members.count >= 2 {
            for (x, a) in members.prefix(50).enumerated() {
                for b in members.prefix(50).dropFirst(x + 1) {
                    let va = values(a), vb = values(b)
                    // (In any case: a copy in lower case kept for search holds the same names.)
                    let sa = compared(a), sb = compared(b)
                    var share = Double(sa.intersection(sb).count) / Double(min(sa.count, sb.count))
                    var measured = "of their samples"
                    if share < 0.5, lookups < 500 {
                        // Look one side's values up in a key-like column of the other.
                        let pair: (look: [Value], in: Int)? = keyLike(b) ? (va, b) : keyLike(a) ? (vb, a) : nil
                        if let pair, let table = schema.table(named: findings[pair.in].table) {
                            let asked = Array(pair.look.prefix(200))
                            lookups += 1
                            let found = try await matching(table, findings[pair.in].column, asked)
                            let lookedShare = Double(found) / Double(asked.count)
                            if lookedShare > share { share = lookedShare; measured = "looked up in \(place(findings[pair.in]))" }
                        }
                    }
                    guard share >= 0.5 else { continue }
                    parent[root(b)] = root(a)
                    let percent = Int((share * 100).rounded())
                    evidence[a, default: []].append("shares: \(percent)% of the sampled values with \(place(findings[b])) (\(measured))")
                    evidence[b, default: []].append("shares: \(percent)% of the sampled values with \(place(findings[a])) (\(measured))")
                }
            }
        }
        var result = findings
        let members = Dictionary(grouping: candidates.filter { evidence[$0] != nil }, by: root)
        for (_, group) in members where group.count >= 2 {
            let first = group.min()!
            for i in group {
                result[i].domain = place(findings[first])
                result[i].evidence += evidence[i] ?? []
                result[i].evidence.append("domain: \(place(findings[first])) for \(group.map { place(findings[$0]) }.joined(separator: ", ")), so equal values get equal fakes and the copy joins on them")
            }
        }
        return result
    }

    /// A sampled value as its generator tells values apart in a domain: in lower case and without the
    /// spaces around it, and a phone number by its digits alone (`+1 (555) 010-4477` and
    /// `+15550104477` get one fake), so that columns of the same values written differently share.
    static func compared(_ value: Value, generator: String) -> String {
        let text = value.displayText.trimmingEnds(\.isWhitespace).lowercased()
        return generator == "phone" || generator.hasPrefix("phone,") ? String(text.unicodeScalars.filter { $0.properties.numericType == .decimal }.map(Character.init)) : text
    }

    /// A key for trying generators on sampled values, never the workspace's: what they write is
    /// looked at and dropped.
    static func throwawayKey() -> MasterKey? { try? MasterKey(material: (0..<32).map { _ in UInt8.random(in: 0...255) }) }

    /// The findings with suggestions that read every sampled value: a generator suggested by the
    /// column's name or most of its values that stops on some of them (number.noise on
    /// `40.71234,-74.00123`, a MAC address generator on `10.0.1.5:8080`, date.birth on an integer
    /// column of seconds) is replaced by format-preserving encryption of letters and digits (of the
    /// integer, in an integer column), or `null` where the column may be empty,
    /// the finding saying why (`init` wrote a workspace whose run stopped at row 1).
    static func readingValues(_ findings: [ScanFinding], table: Table, sample: RowBatch) -> [ScanFinding] {
        guard let key = throwawayKey() else { return findings }
        return findings.map { finding in
            guard !["passthrough", "null"].contains(finding.generator), let column = table.column(named: finding.column),
                  let index = sample.columnIndex(finding.column) else { return finding }
            let values = Array(sample.columns[index].lazy.filter { !$0.isNull }.prefix(500))
            var finding = finding
            // Birth dates kept as Unix times in an integer column: date.birth in their unit, told by
            // the largest (milliseconds pass 10^11 outside 1966–1973; seconds not before year 5138).
            if finding.generator == "date.birth", finding.parameters["unix"] == nil {
                let stamps = values.compactMap { value -> Int64? in
                    guard case .integer(let n) = value, WrittenDate.number(n) == nil else { return nil }
                    return n
                }
                if !stamps.isEmpty, stamps.count * 2 >= values.count {
                    finding.parameters["unix"] = stamps.contains { $0.magnitude >= 100_000_000_000 } ? "milliseconds" : "seconds"
                    finding.evidence.append("values: Unix times in \(finding.parameters["unix"]!)")
                }
            }
            // Phone numbers that all share their country code (`+44 …`) keep it, and China's mobile
            // numbers their network's three digits: with random ones the copy's numbers fail the
            // validation production's do (a UK number became +71…).
            if finding.generator == "phone", finding.parameters["keep_prefix"] == nil, let keep = Self.sharedPhonePrefix(values) {
                finding.parameters["keep_prefix"] = String(keep)
                finding.evidence.append("values: every sampled number begins with the same \(keep == 3 && !values.contains { $0.displayText.hasPrefix("+") } ? "mobile network prefix" : "country code"), kept")
            }
            /// How a generator fares on the sampled values.
            enum Trial {
                /// It cannot be made here (it needs the run's statistics or other columns).
                case untried
                case readsAll
                /// The first value's message, and how many it stops on (1 unless `counting`).
                case stops(message: String, count: Int)
            }
            func trial(_ generator: String, _ parameters: [String: ParameterValue], counting: Bool = false) -> Trial {
                guard let made = CheckTrial.made(generator, parameters, for: column, of: table, registry: .standard, key: key),
                      let definition = GeneratorRegistry.standard.definition(named: generator) else { return .untried }
                let storage = StorageFit(accepted: definition.acceptedTypes)
                var first: String?, count = 0
                // (Blank text, which a run leaves as it was, is no value it cannot read.)
                for value in values where !value.isBlankText {
                    // (Digits of another script reach the generator as a run gives them: ASCII.)
                    let input = storage.input(value).0
                    do { _ = try made.generate(ScriptDigits.asASCII(input)?.value ?? input, row: RowPosition(ordinal: 0)) } catch {
                        if first == nil { first = error.message }
                        count += 1
                        if !counting { break }
                    }
                }
                return first.map { .stops(message: $0, count: count) } ?? .readsAll
            }
            guard case .stops(let message, let count) = trial(finding.generator, finding.parameters.mapValues(WorkspaceWriter.typedParameter), counting: true) else { return finding }
            var read = finding
            // A few values of another kind among many it reads (`unknown` among birth dates): the
            // generator stays, and those are written NULL, where the column may hold NULL.
            if column.isNullable, values.count >= 50, count * 50 <= values.count {
                read.onInvalid = .null
                read.evidence.append("values: \(finding.generator) cannot read \(count) of \(values.count) sampled values (\(message)); they are written NULL (on_invalid: null)")
                return read
            }
            let fallbacks = ["fpe.alphanumeric", "fpe.integer"] + (column.isNullable ? ["null"] : [])
            if let fallback = fallbacks.first(where: { if case .readsAll = trial($0, [:]) { true } else { false } }) {
                (read.generator, read.parameters) = (fallback, [:])
                read.evidence.append("values: \(finding.generator) cannot read every sampled value (\(message)); " + (fallback == "null" ? "nor can fpe.alphanumeric or fpe.integer: the column is written NULL" : "\(fallback) reads them"))
            } else {
                (read.generator, read.parameters) = ("passthrough", [:])
                read.evidence.append("values: \(finding.generator) cannot read every sampled value (\(message)); choose a generator that does")
            }
            return read
        }
    }

    /// The findings with suggestions that the column's own CHECK constraints (the table's, its
    /// domain's) accept: what a suggested generator writes for the sampled values is evaluated
    /// against each CHECK that reads the column, alone or with others of the sampled rows (``CheckExpression``). Where it breaks one —
    /// a phone domain `CHECK (VALUE ~ '^\+1-\d{3}-\d{3}-\d{4}$')`, whose country code the phone
    /// generator replaced — the same generator keeping more leading digits is tried, an email's
    /// generator writing the values' own domain (`CHECK (email LIKE '%@acme.com')`), then
    /// format-preserving encryption of the digits, then of letters and digits (``CheckTrial``); a column none of
    /// them fits passes through, its finding saying why (`init` wrote a generator the destination then
    /// refused, and the run failed).
    static func keepingChecks(_ findings: [ScanFinding], table: Table, schema: DatabaseSchema, sample: RowBatch) -> [ScanFinding] {
        let names = table.storedColumns.map(\.name)
        let checks = TableFitter.checkBodies(table, schema: schema)
            .compactMap { body in (try? CheckExpression.parse(body, columns: names)).map { (expression: $0, text: body) } }
        guard !checks.isEmpty, let key = throwawayKey() else { return findings }
        return findings.map { finding in
            guard let c = names.firstIndex(of: finding.column), let column = table.column(named: finding.column), let index = sample.columnIndex(finding.column) else { return finding }
            // The checks that read the column, alone or with others (`hire_date >= date(birth_date,
            // '+18 years')`), on the sampled rows: the other columns as the source holds them.
            let own = checks.filter { $0.expression.columns.contains(c) }
            guard !own.isEmpty else { return finding }
            let places = names.indices.compactMap { i in sample.columnIndex(names[i]).map { (table: i, sample: $0) } }
            let rows = (0..<sample.count).filter { !sample.columns[index][$0].isNull }.prefix(200).map { r in
                var row = [Value](repeating: .null, count: names.count)
                for place in places { row[place.table] = sample.columns[place.sample][r] }
                return row
            }
            let trial = CheckTrial(table: table, column: column, index: c, rows: rows, checks: own.map(\.expression), registry: .standard, key: key)
            let parameters = finding.parameters.mapValues(WorkspaceWriter.typedParameter)
            // (A suggestion that cannot be tried here is left as it is.)
            guard case .breaks(let k) = trial.verdict(finding.generator, parameters) else { return finding }
            let broken = own[k].text
            var kept = finding
            if let fit = trial.keeping(finding.generator, parameters) {
                (kept.generator, kept.parameters) = (fit.generator, fit.parameters.mapValues(\.description))
                kept.evidence.append("check: \(finding.generator) breaks \(broken); \(CheckTrial.described(fit.generator, fit.parameters)) keeps it")
            } else {
                (kept.generator, kept.parameters) = ("passthrough", [:])
                kept.evidence.append("check: no suggested generator keeps \(broken); choose one that does")
            }
            return kept
        }
    }

    /// Words of a column's name that say it names a thing, not a person.
    static let thingWords: Set<String> = [
        "product", "products", "category", "categories", "item", "items", "brand", "model", "company", "companies", "org", "organization",
        "organisation", "shop", "store", "project", "team", "file", "filename", "host", "hostname", "server", "database", "table", "course",
        "event", "plan", "tag", "department", "dept", "group", "role", "region", "territory", "supplier", "vendor", "shipper", "carrier", "bank",
        "branch", "warehouse", "service", "menu", "dish", "track", "album", "playlist", "genre", "media", "book", "movie", "film", "song",
        "game", "app", "device", "feature", "color", "colour", "currency", "language", "school", "university", "hotel", "venue", "room",
        "building", "airport", "station", "campaign", "sku", "package", "module", "component", "domain", "queue", "topic", "channel",
    ]

    static let organisationTables: Set<String> = ["shipper", "supplier", "vendor", "company", "organization", "organisation", "bank", "store", "branch", "warehouse", "carrier", "partner", "office"]

    /// The kinds that say a table describes a person (its name, a user name, a birth date).
    static let personKinds: Set<PersonalKind> = [.firstName, .lastName, .personName, .username, .birthDate]
    /// The kinds of contact details, which are an organisation's in a table that describes one.
    static let contactKinds: Set<PersonalKind> = [.phone, .email, .streetAddress, .city, .postalCode, .url]

    /// Whether `table` describes an organisation: its name says so (`shippers`, `bank_branches`) or
    /// a column names a company, and no column is a person's (`namesPerson`: a supplier's contact).
    static func describesOrganisation(_ table: Table, namesPerson: Bool) -> Bool {
        guard !namesPerson else { return false }
        let tableWords = SensitiveNames.words(table.name).map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 }
        return tableWords.contains { organisationTables.contains($0) } || table.columns.contains { SensitiveNames.words($0.name).contains("company") }
    }

    public func scan(table: Table, sample: RowBatch) -> [ScanFinding] {
        var findings: [ScanFinding] = []
        let keyColumns = Set(table.foreignKeys.flatMap(\.columns) + (table.primaryKey.count == 1 ? table.primaryKey : []))
        for column in table.storedColumns {
            let values = sample.columnIndex(column.name).map { sample.columns[$0].filter { !$0.isNull } } ?? []
            let name = ColumnNameRules.match(column: column.name, table: table.name)
            if keyColumns.contains(column.name), name?.kind != .nationalID { continue }
            guard let finding = scan(column: column, table: table, values: values, name: name) else { continue }
            findings.append(finding)
        }
        // Contact details of an organisation (a shipper's phone, a bank's address) are not personal
        // data: a table that names a company and no person gets them as quasi-identifiers only.
        let organisation = Self.describesOrganisation(table, namesPerson: findings.contains { Self.personKinds.contains($0.kind) && $0.confidence >= Self.personalThreshold })
        if organisation {
            for i in findings.indices where Self.contactKinds.contains(findings[i].kind) {
                findings[i].confidence = min(findings[i].confidence, 0.45)
                findings[i].personal = false
                findings[i].evidence.append("table: describes an organisation (a company column or name, no person), so its contact details are not personal data")
            }
        }
        return findings
    }

    func scan(column: Column, table: Table, values: [Value], name: ColumnNameRules.Match?) -> ScanFinding? {
        // A PostgreSQL array is judged by its elements, and gets its generator through `array`
        // (an email generator given `{a@x.example,b@y.example}` wrote one address, and the copy
        // refused it: `a value is not an array`).
        if column.declaredType.hasSuffix("[]") {
            guard var finding = scan(column: Self.element(of: column), table: table, values: Self.elements(of: values), name: name) else { return nil }
            finding.column = column.name
            // (No element generator fits the element's type: the array as a whole gets what it got.)
            if ["passthrough", "null"].contains(finding.generator) { return finding }
            // (An element generator's own parameters are left to their defaults, but a composite's
            // fields: `of` names it.)
            finding.parameters = ["of": finding.generator == "composite"
                ? ParameterValue.mapping(["generator": .string("composite"), "fields": WorkspaceWriter.typedParameter(finding.parameters["fields"] ?? "{}")]).yaml
                : finding.generator]
            finding.generator = "array"
            return finding
        }
        if column.syntax == "composite", let fields = column.fields { return scan(composite: column, fields: fields, table: table, values: values) }
        var evidence: [String] = []
        if let name { evidence.append(name.rule) }
        let value = valueVerdict(column: column, values: values, name: name)
        if let value { evidence.append(value.evidence) }
        var kind: PersonalKind
        var confidence: Double
        switch (name, value) {
        case (nil, nil):
            return nil
        case (let n?, nil):
            (kind, confidence) = (n.kind, n.strength)
            // A name rule whose values clearly say otherwise (a "notes" column of short codes) is weakened.
            if !values.isEmpty, [.freeText, .photo].contains(n.kind) == false, n.kind != .birthDate, n.kind != .credential,
               n.kind != .geo, n.kind != .region, n.kind != .country, column.logicalType == .text || column.logicalType == .integer {
                confidence -= 0.15
            }
        case (nil, let v?):
            (kind, confidence) = (v.kind, v.confidence)
        case (let n?, let v?):
            if n.kind == v.kind || Self.compatible(n.kind, v.kind) {
                (kind, confidence) = (n.kind, min(0.99, max(n.strength, v.confidence) + 0.15))
            } else if [.country, .region, .city].contains(n.kind), [.city, .firstName, .lastName, .personName].contains(v.kind) {
                // Place and name dictionaries overlap (Canada, Jordan, Georgia; Kirkland, Redmond,
                // Tacoma are surnames too): the column's name decides (Northwind's employees.city
                // was suggested a surname generator).
                (kind, confidence) = (n.kind, n.strength)
            } else if v.confidence >= 0.8 {
                (kind, confidence) = (v.kind, v.confidence)
            } else {
                (kind, confidence) = (n.kind, n.strength)
            }
        }
        var suggestion = kind.suggestion(for: column.logicalType)
        // (Images written as text — a signature pad's data URLs — are what its values showed, not its name.)
        if kind == .photo, column.logicalType == .text, value?.kind == .photo { suggestion = ("document.placeholder", [:]) }
        // Dates written day first (14/06/1987) are read so only where the generator is told: a
        // value no month-first reading takes (25/12/1987) says the column is written so.
        if suggestion.generator.hasPrefix("date.") || suggestion.generator == "timestamp.jitter", Self.writesDayFirst(values) { suggestion.parameters["day_first"] = .boolean(true) }
        let accepted = GeneratorRegistry.standard.definition(named: suggestion.generator)?.acceptedTypes.contains(column.logicalType) ?? false
        if !accepted { suggestion = ("null", [:]) }
        // A type with a syntax of its own (an enum of names, `bit varying`) holds no value of a text
        // generator: the run would refuse the workspace `init` wrote.
        if !SyntaxFit.fits(suggestion.generator, GeneratorParameters(suggestion.parameters), column: column) {
            evidence.append("type: \(column.declaredType) has a syntax of its own, which \(suggestion.generator) does not write; generators that fit it: \(SyntaxFit.fitting(column).joined(separator: ", "))")
            suggestion = ("passthrough", [:])
        }
        return ScanFinding(
            table: table.name, column: column.name, kind: kind, confidence: (confidence * 100).rounded() / 100,
            generator: suggestion.generator, parameters: suggestion.parameters.mapValues(\.description),
            evidence: evidence, personal: kind.isPersonal && confidence >= Self.personalThreshold)
    }

    /// A column of a composite type, judged field by field as columns of their own (by the field's
    /// name and its sampled values): personal where a field is, with `composite` and a generator for
    /// each personal field (a composite of addresses was copied as it was).
    func scan(composite column: Column, fields: [Column], table: Table, values: [Value]) -> ScanFinding? {
        var fieldValues = Array(repeating: [Value](), count: fields.count)
        for case .text(let text) in values.prefix(5_000) {
            guard let items = PostgresRecordLiteral.parse(text), items.count == fields.count else { continue }
            for (index, item) in items.enumerated() {
                if let item { fieldValues[index].append(PostgresArrayLiteral.typed(item, as: fields[index].logicalType)) }
            }
        }
        let found = fields.indices.compactMap { index in
            scan(column: fields[index], table: table, values: fieldValues[index], name: ColumnNameRules.match(column: fields[index].name, table: table.name))
        }
        guard let strongest = found.max(by: { $0.confidence < $1.confidence }) else { return nil }
        let replaced = found.filter { $0.personal && !["passthrough", "null"].contains($0.generator) }
        var finding = strongest
        finding.column = column.name
        finding.evidence = found.map { "field \($0.column): " + $0.evidence.joined(separator: "; ") }
        guard !replaced.isEmpty else {
            (finding.generator, finding.parameters) = ("passthrough", [:])
            return finding
        }
        let specs = replaced.map { field -> (String, ParameterValue) in
            let parameters = field.parameters.mapValues(WorkspaceWriter.typedParameter)
            return (field.column, parameters.isEmpty ? .string(field.generator) : .mapping(parameters.merging(["generator": .string(field.generator)]) { $1 }))
        }
        (finding.generator, finding.parameters) = ("composite", ["fields": ParameterValue.mapping(Dictionary(uniqueKeysWithValues: specs)).yaml])
        finding.personal = true
        return finding
    }

    /// Whether text dates of the sample with the year last are written day first: one is that can
    /// only be read so (`25/12/1987`), and none that can only be read month first (`12/25/1987`).
    static func writesDayFirst(_ values: [Value]) -> Bool {
        var dayFirst = false
        for value in values {
            guard case .text(let text) = value, let written = WrittenDate(text, dayFirst: false), written.separator != UInt8(ascii: "."), written.order != .ymd else { continue }
            if written.order == .dmy { dayFirst = true } else if written.date.day > 12 { return false }
        }
        return dayFirst
    }

    /// An array column's element, as a column of its own (`text[]` → `text`).
    static func element(of column: Column) -> Column {
        var element = column
        element.declaredType = String(column.declaredType.dropLast(2))
        element.syntax = column.syntax.map { String($0.dropLast(2)) }
        if let syntax = element.syntax, let type = SyntaxFit.plainElement(syntax) { (element.logicalType, element.syntax) = (type, nil) }
        return element
    }

    /// The elements of a sample of array literals (at most 5,000), NULL elements left out.
    static func elements(of values: [Value]) -> [Value] {
        var elements: [Value] = []
        for case .text(let text) in values {
            for case let item? in PostgresArrayLiteral.parse(text) ?? [] { elements.append(.text(item)) }
            if elements.count >= 5_000 { break }
        }
        return elements
    }

    static func compatible(_ a: PersonalKind, _ b: PersonalKind) -> Bool {
        let names: Set<PersonalKind> = [.firstName, .lastName, .personName]
        // (A record's number may have a phone's or a national identifier's digits: its name says which.)
        return names.contains(a) && names.contains(b) || (a == .phone && b == .phone) || a == .recordNumber && [.phone, .nationalID].contains(b)
    }

    struct ValueVerdict {
        var kind: PersonalKind
        var confidence: Double
        var evidence: String
    }

    /// A verdict on values of which `formats` says which are documents, images, archives or text
    /// (nil where none is): a photo where every one found is an image.
    func documents(_ formats: [DocumentFormat?], _ verdict: (PersonalKind, Double, String, Bool) -> ValueVerdict?, written: String) -> ValueVerdict? {
        var counts: [DocumentFormat: Int] = [:]
        for case let format? in formats { counts[format, default: 0] += 1 }
        let found = counts.values.reduce(0, +)
        guard found > 0 else { return nil }
        let kinds = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.label) \($0.value)" }
        let images = counts.keys.allSatisfy(\.isImage)
        let what = (images ? "images" : "documents, images, archives or text") + written + " (\(kinds.joined(separator: ", ")))"
        return verdict(images ? .photo : .document, Double(found) / Double(formats.count), what, true)
    }

    /// The kind most of the sample matches, if any.
    func valueVerdict(column: Column, values: [Value], name: ColumnNameRules.Match?) -> ValueVerdict? {
        guard !values.isEmpty else { return nil }
        // Digits of another script read as ASCII digits (a card number written `٤١١١ …`).
        let values = values.map { ScriptDigits.asASCII($0)?.value ?? $0 }
        let n = Double(values.count)
        func share(_ test: (String) -> Bool) -> Double { Double(values.filter { test($0.displayText) }.count) / n }
        func verdict(_ kind: PersonalKind, _ s: Double, _ what: String, strong: Bool) -> ValueVerdict? {
            let c: Double
            if strong {
                c = s >= 0.8 ? 0.95 : s >= 0.5 ? 0.8 : s >= 0.2 ? 0.55 : 0
            } else {
                c = s >= 0.6 ? 0.85 : s >= 0.35 ? 0.7 : s >= 0.2 ? 0.5 : 0
            }
            guard c > 0 else { return nil }
            return ValueVerdict(kind: kind, confidence: c, evidence: "values: \(Int((s * 100).rounded()))% of \(values.count) sampled values look like \(what)")
        }
        // A type with a syntax of its own holds what its syntax says: addresses in `inet` and
        // `macaddr8` (an EUI-64 address is no IPv6 address), nothing personal in `bit varying`
        // or `interval` (eleven binary digits are no phone number).
        if let syntax = column.syntax, !["tsvector", "hstore", "xml"].contains(syntax) {
            switch syntax {
            case "inet", "cidr": return verdict(.ip, share { ValueDetectors.isIP(String($0.prefix { $0 != "/" })) }, "IP addresses", strong: true)
            case "macaddr", "macaddr8": return verdict(.mac, share(ValueDetectors.isMAC), "MAC addresses", strong: true)
            default: return nil
            }
        }
        switch column.logicalType {
        case .decimal where values.filter({ Double($0.displayText) != nil }).count * 2 >= values.count:
            // Numbers (`NaN` among them, which the dictionary read as the first name Nan): cards only.
            let card = share(ValueDetectors.isCard)
            return card >= 0.8 ? verdict(.card, card, "card numbers (Luhn)", strong: true) : nil
        case .text, .uuid, .json, .decimal:
            break
        case .integer:
            let card = share(ValueDetectors.isCard)
            if card >= 0.8 { return verdict(.card, card, "card numbers (Luhn)", strong: true) }
            if name?.kind == .phone || name?.kind == .nationalID { return nil }
            return nil
        case .blob:
            // Documents, images, archives and text kept as bytes, known by their formats.
            return documents(values.map { value -> DocumentFormat? in
                switch value {
                case .blob(let bytes): DocumentFormat.of(bytes)
                case .text(let text): DocumentFormat.of(Array(text.utf8))
                default: nil
                }
            }, verdict, written: "")
        case .real:
            if name?.kind == .geo {
                let inRange = share { Double($0).map { abs($0) <= 180 } ?? false }
                return verdict(.geo, inRange, "coordinates", strong: true)
            }
            return nil
        default:
            return nil
        }
        // A PostgreSQL full-text search vector holds the words of the text it was made from (read in
        // their order); an hstore, keys and values; an xml document, its text apart from the markup;
        // a JSON document, its string values: all are read as free text, however short.
        let form = TextRedactGenerator.Form(column)
        // Documents and images written as text: data URLs (a signature pad's), base64 alone.
        if form == .text, let found = documents(values.map { EncodedDocument($0.displayText)?.format }, verdict, written: " written as data URLs or base64"),
           found.confidence >= 0.8 {
            return found
        }
        let wordsOfText = form != .text
        let texts = values.map { form.words($0.displayText) }
        let averageLength = Double(texts.reduce(0) { $0 + $1.count }) / n
        var candidates: [ValueVerdict] = []
        let strongTests: [(PersonalKind, (String) -> Bool, String)] = [
            (.email, ValueDetectors.isEmail, "email addresses"), (.card, ValueDetectors.isCard, "card numbers (Luhn)"),
            (.iban, ValueDetectors.isIBAN, "IBANs (mod 97)"), (.ip, ValueDetectors.isIP, "IP addresses"),
            (.mac, ValueDetectors.isMAC, "MAC addresses"), (.url, ValueDetectors.isURL, "URLs"), (.nationalID, ValueDetectors.isSSN, "US SSNs"),
            (.phone, ValueDetectors.isPhone, "phone numbers"), (.credential, ValueDetectors.isSecret, "password hashes, API keys or tokens"),
            (.cryptoAddress, { CryptoAddress($0) != nil }, "cryptocurrency addresses (checksums)"),
        ]
        for (kind, test, what) in strongTests {
            guard var v = verdict(kind, share(test), what, strong: true) else { continue }
            // A URL is personal only where the column's name says so (a profile page), not by its shape.
            if kind == .url { v.confidence = min(v.confidence, 0.45) }
            candidates.append(v)
        }
        if averageLength < 40, !wordsOfText {
            // A column whose name says what it names (`ProductName`, `category_title`, `company_name`)
            // names a thing, however many of its values a dictionary of names holds (Chai, Chang).
            let namesAThing = name == nil && !Set(SensitiveNames.words(column.name).map { $0.lowercased() }).isDisjoint(with: Self.thingWords)
            // Short notes: a value that is a sentence around a person, an address or a contact detail
            // ("Met with John Smith at 12 Main Street") is free text, and is no address or name as a
            // whole (the street test took such notes for addresses, and `address.street` replaced
            // each whole note with an address).
            let recognizer = EntityRecognizer(minimumScore: 0.6)
            let around = namesAThing ? [] : texts.filter { ValueDetectors.isSentenceAround($0, recognizer: recognizer) }
            // Without a name that says so, a third of the sample (titles of works name people too).
            if Double(around.count) / n >= (name?.kind == .freeText ? 0.1 : 0.3) {
                candidates.append(ValueVerdict(
                    kind: .freeText, confidence: min(0.95, 0.6 + Double(around.count) / n / 2),
                    evidence: "values: \(Int((Double(around.count) / n * 100).rounded()))% of \(texts.count) sampled values are short texts that mention a person, an address or a contact detail"))
            }
            // Names of files that hold a person's name (`passport_scan_mary_johnson.jpg`), whatever
            // the column's name says (a `file_name` column names a thing, and its people stayed).
            // (Only texts with an extension's dot are read again.)
            let files = texts.filter { text in
                text.contains(".") && recognizer.spans(in: text).contains { $0.recognizer == "person.file-name" }
            }.count
            if Double(files) / n >= 0.1 {
                candidates.append(ValueVerdict(
                    kind: .freeText, confidence: min(0.95, 0.6 + Double(files) / n / 2),
                    evidence: "values: \(Int((Double(files) / n * 100).rounded()))% of \(texts.count) sampled values are names of files that hold a person's name"))
            }
            let sentences = Set(around)
            func whole(_ test: @escaping (String) -> Bool) -> (String) -> Bool {
                sentences.isEmpty ? test : { !sentences.contains($0) && test($0) }
            }
            let dictionaryTests: [(PersonalKind, (String) -> Bool, String)] = [
                (.personName, whole { ValueDetectors.isPersonName($0) || NamesInOtherScripts.isPersonName($0) },
                 "person names (dictionary first name and surname, or names in Cyrillic, Greek, Chinese, Japanese, Korean, Arabic or Hebrew script)"),
                (.firstName, ValueDetectors.isFirstName, "first names (census dictionary)"),
                (.lastName, ValueDetectors.isLastName, "surnames (census dictionary)"),
                (.city, ValueDetectors.isCity, "city names (GeoNames)"),
                (.country, ValueDetectors.isCountry, "countries"),
                (.streetAddress, whole { ValueDetectors.isStreetAddress($0, loose: name?.kind == .streetAddress) }, "street addresses"),
            ]
            for (kind, test, what) in dictionaryTests {
                if var v = verdict(kind, share(test), what, strong: false) {
                    // Alone, a place name is weak evidence (sales territories, shipping hubs, product origins).
                    if kind == .city, name?.kind != .city { v.confidence = min(v.confidence, 0.45) }
                    if namesAThing, [.firstName, .lastName, .personName].contains(kind) {
                        v.confidence = min(v.confidence, 0.45)
                        v.evidence += "; the column's name says it names a thing"
                    }
                    candidates.append(v)
                }
            }
            if name?.kind == .postalCode, let v = verdict(.postalCode, share(ValueDetectors.isPostalCode), "postal codes", strong: true) { candidates.append(v) }
            let distinct = Set(texts.map { $0.lowercased() })
            if distinct.count <= 6, share(ValueDetectors.isGender) >= 0.95, name?.kind == .gender || distinct.isSubset(of: ["m", "f", "male", "female"]) {
                candidates.append(ValueVerdict(kind: .gender, confidence: 0.8, evidence: "values: the sample holds only gender codes"))
            }
        } else {
            // Free text: which kinds of personal data the texts mention, and how often (never the values).
            let recognizer = EntityRecognizer(minimumScore: 0.6)
            var textsWith: [EntityKind: Int] = [:]
            var mentioning = 0
            for text in texts {
                let kinds = Set(recognizer.spans(in: text).map(\.kind)).subtracting([.dateTime])
                if !kinds.isEmpty { mentioning += 1 }
                for kind in kinds { textsWith[kind, default: 0] += 1 }
            }
            let mentions = texts.isEmpty ? 0 : Double(mentioning) / Double(texts.count)
            if mentions >= 0.1 {
                // Email messages kept whole (a help desk's raw articles), and those with attachments:
                // said in the evidence, so a reviewer knows what text.redact reads and replaces there.
                // (Read again only here, for a column of free text.)
                let messages = form == .text ? values.compactMap { TextParts(mime: $0.displayText) } : []
                let breakdown = textsWith.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
                    .map { "\($0.key.rawValue) \(Int((Double($0.value) / Double(texts.count) * 100).rounded()))%" }.joined(separator: ", ")
                candidates.append(ValueVerdict(
                    kind: .freeText, confidence: min(0.95, 0.6 + mentions / 2),
                    evidence: "values: \(Int((mentions * 100).rounded()))% of \(texts.count) sampled texts mention personal data (\(breakdown))"
                        + (messages.isEmpty ? "" : "; \(messages.count) are email messages, read decoded, \(messages.filter(\.hasStandIns).count) with attachments (written as stand-ins of their formats)")))
            }
        }
        return candidates.max { $0.confidence < $1.confidence }
    }
}
