import Foundation

/// The values of a column that the scanner judges to identify people, replaced by the scanner's
/// generator for the kind, each value by the same fake in every row. Of a category (people's names,
/// emails, phone numbers: an agent who answers many tickets) the category keeps its shares. Of a
/// column of mostly distinct values (``textKinds``: a surname, an email, a phone number, a postcode a row) the
/// fakes are what the rows draw from: learnt by a chain of characters, a few surnames came back as
/// near-copies of themselves (Northwind's nine employees as `Dodswort`, `Callaha`, `Fullahana`),
/// emails with two `@` or none, phone numbers of no phone's shape. The judgement is the column's,
/// from its name and values together: read one by one, short labels without a sentence around them
/// are guesses (`Bossa Nova`, `Los Angeles` read as people).
struct ColumnFakes {
    private let generator: any Generator
    private let arrays: Bool
    /// The kinds a category's labels are faked for: those that name one person, and a surname (a
    /// family's members share one: as labels, each family's surname was written back). A first name
    /// or a town shared by many rows is no one's.
    static let categoryKinds = PersonalKind.directIdentifiers.union([.lastName])
    /// The kinds a column of mostly distinct values is faked for: those, a first or last name (one a
    /// row, a chain wrote them back nearly whole) and a postcode (of the source's shapes: the chain
    /// joined a ZIP code and a Canadian one into `98052L5`).
    static let textKinds = PersonalKind.directIdentifiers.union([.firstName, .lastName, .postalCode])

    /// The scanner's verdict on the column (of an array's elements), from its name and a sample of
    /// its values.
    static func verdict(table: Table, column: Column, values: [Value]) -> ScanFinding? {
        let arrays = column.declaredType.hasSuffix("[]")
        let scanned = arrays ? Scanner.element(of: column) : column
        let sample = Array((arrays ? Scanner.elements(of: values) : values.filter { !$0.isNull }).prefix(2_000))
        return Scanner().scan(column: scanned, table: table, values: sample, name: ColumnNameRules.match(column: column.name, table: table.name))
    }

    init?(key: MasterKey, table: Table, column: Column, verdict finding: ScanFinding?, kinds: Set<PersonalKind>, purpose: String) {
        guard let finding, finding.personal, kinds.contains(finding.kind) else { return nil }
        self.init(key: key, table: table, column: column, generator: finding.generator, purpose: purpose)
    }

    /// Fakes of firms' names (`company-name`) for a column whose name says it holds them
    /// (``holdsFirms(_:in:)``). Learnt by a chain of words, such a column recombined the source's
    /// names, and the people a sole trader's firm is named after with them (`Antonio Moreno Taquería`).
    init?(firmsOf column: Column, in table: Table, key: MasterKey) {
        guard Self.holdsFirms(column, in: table) else { return nil }
        self.init(key: key, table: table, column: column, generator: "company-name", purpose: "synthesize")
    }

    private init?(key: MasterKey, table: Table, column: Column, generator name: String, purpose: String) {
        arrays = column.declaredType.hasSuffix("[]")
        let scanned = arrays ? Scanner.element(of: column) : column
        guard GeneratorRegistry.standard.definition(named: name)?.acceptedTypes.contains(scanned.logicalType) == true,
              let generator = Self.generator(named: name, key: key, purpose: purpose, domain: "\(table.name).\(column.name)", column: scanned)
        else { return nil }
        self.generator = generator
        generatorName = name
    }

    /// The standard generator `name` with its default parameters, consistent, keyed for `purpose`.
    static func generator(named name: String, key: MasterKey, purpose: String, domain: String, column: Column) -> (any Generator)? {
        guard let definition = GeneratorRegistry.standard.definition(named: name),
              let parameters = try? definition.resolve([:], at: "synthesis", in: nil)
        else { return nil }
        return try? definition.make(GeneratorSetup(
            parameters: parameters, key: key, generator: purpose + "." + name, domain: domain, consistent: true, column: column))
    }

    /// Column names (lower case, letters and digits only) that say the column holds firms' names.
    static let firmColumns: Set<String> = [
        "company", "companyname", "organization", "organisation", "organizationname", "organisationname", "orgname",
        "employer", "employername", "businessname", "firm", "firmname", "vendorname", "suppliername", "shippername",
    ]

    static let firmTables: Set<String> = ["shipper", "supplier", "vendor", "company", "companie", "organization", "organisation", "carrier", "partner", "bank"]

    /// Whether the column's name says it holds firms' names: `company_name`, `CompanyName`,
    /// `employer`, or `name` in a table of suppliers, shippers, vendors, carriers, partners, banks
    /// (not of stores, branches or offices: one firm's places).
    static func holdsFirms(_ column: Column, in table: Table) -> Bool {
        guard LogicalType.textual.contains(column.logicalType) else { return false }
        func letters(_ text: String) -> String { String(text.lowercased().unicodeScalars.filter(CharacterSet.alphanumerics.contains).map(Character.init)) }
        let name = letters(column.name)
        if firmColumns.contains(name) { return true }
        guard name == "name" else { return false }
        let tableName = letters(table.name)
        let singular = tableName.hasSuffix("s") ? String(tableName.dropLast()) : tableName
        return firmTables.contains(tableName) || firmTables.contains(singular)
    }

    /// The generator that writes the fakes (the scanner's suggestion for what the column holds).
    let generatorName: String

    /// `values` with each label replaced by its fake (an array literal's elements each); a label
    /// the generator cannot read is kept (a category's label), or left out where `unreadLeftOut`
    /// (the values rows draw from: a source value is never one).
    func callAsFunction(_ values: [Value], unreadLeftOut: Bool = false) -> [Value] {
        var labels: [String: Value?] = [:]
        labels.reserveCapacity(values.count)
        func fake(_ text: String, _ ordinal: Int) -> String? {
            guard let value = try? generator.generate(.text(text), row: RowPosition(ordinal: Int64(ordinal))), !value.isNull else {
                return unreadLeftOut ? nil : text
            }
            return value.displayText
        }
        return values.enumerated().compactMap { ordinal, value in
            guard case .text(let text) = value else { return value }
            if let known = labels[text] { return known }
            let replaced: Value?
            if arrays, let items = PostgresArrayLiteral.parse(text) {
                replaced = .text(PostgresArrayLiteral.write(items.map { $0.map { fake($0, ordinal) ?? "" } }))
            } else {
                replaced = fake(text, ordinal).map(Value.text)
            }
            labels[text] = replaced
            return replaced
        }
    }
}

/// Under differential privacy, a column whose name says it holds people's first names, surnames,
/// full names, emails, streets, towns, phone numbers or postcodes, or firms' names, is written as fakes that read no row: each drawn from an input that
/// is no one's (``value(_:)``). Learnt by the private chain of words, such a column was syllables
/// (`por an lo di mi sa`) — the threshold that hides a single row leaves no name standing — and the
/// column's measurements took budget from the others. Only its NULL share, where it may hold NULLs,
/// is measured (one noisy histogram of two counts).
struct InventedValues: Sendable {
    /// What a column holds, by its name.
    enum Kind: Sendable, Equatable {
        case person(PersonalKind)
        /// Firms' names (``ColumnFakes/holdsFirms(_:in:)``).
        case firm

        /// Words for messages: "an email address".
        var phrase: String {
            switch self {
            case .person(let kind): kind.phrase
            case .firm: "firms' names"
            }
        }
    }

    let generator: any Generator
    let kind: Kind
    let generatorName: String

    /// What the column's name says it holds (the schema is public: no value is read), of the kinds
    /// that have fakes of their own.
    static func kind(of column: Column, in table: Table) -> Kind? {
        guard LogicalType.textual.contains(column.logicalType), !column.declaredType.hasSuffix("[]") else { return nil }
        if let match = ColumnNameRules.match(column: column.name, table: table.name),
           [.firstName, .lastName, .personName, .email, .streetAddress, .city, .phone, .postalCode].contains(match.kind) {
            return .person(match.kind)
        }
        return ColumnFakes.holdsFirms(column, in: table) ? .firm : nil
    }

    init?(key: MasterKey, table: Table, column: Column, kind: Kind) {
        let name: String
        switch kind {
        case .person(let personal): name = personal.suggestion(for: column.logicalType).generator
        case .firm: name = "company-name"
        }
        guard let generator = ColumnFakes.generator(named: name, key: key, purpose: "synthesize-private", domain: "\(table.name).\(column.name)", column: column)
        else { return nil }
        self.generator = generator
        self.kind = kind
        generatorName = name
    }

    /// The fake for an input made of `draw`, in the form the generator reads for the kind.
    func value(_ draw: UInt64) -> Value {
        let n = draw % 1_000_000_000
        let input: String
        switch kind {
        case .person(.email): input = "row\(n)@example.com"
        case .person(.streetAddress): input = "\(1 + n % 9_999) Row Street"
        case .person(.personName): input = "Row\(n) Person"
        // A phone number and a postcode keep the layout of their input: one no source value gave
        // (the layouts the source's values share are data).
        case .person(.phone): input = "+1 (\(200 + n % 800)) \(200 + n / 800 % 800)-\(String(format: "%04d", Int(n / 640_000 % 10_000)))"
        case .person(.postalCode): input = String(format: "%05d", Int(n % 100_000))
        // (Of digits alone: a name built whole from surnames, street names and trade words; `Row123
        // Trading` kept `Row123`.)
        case .firm: input = String(n)
        default: input = "Row\(n)"
        }
        return (try? generator.generate(.text(input), row: RowPosition(ordinal: 0))) ?? .null
    }
}
