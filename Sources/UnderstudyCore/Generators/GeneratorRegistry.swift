/// The named generators: one list that feeds workspace validation, the CLI, the UI's forms and
/// the generated reference. Adding a generator is one file declaring a ``GeneratorDefinition``
/// and one line here.
public struct GeneratorRegistry: Sendable {
    public let definitions: [GeneratorDefinition]

    public init(_ definitions: [GeneratorDefinition]) {
        self.definitions = definitions.sorted { $0.name < $1.name }
    }

    public static let standard: GeneratorRegistry = GeneratorRegistry([
        PassthroughGenerator.definition,
        NullGenerator.definition,
        ConstantGenerator.definition,
        HashGenerator.definition,
        PersonNameGenerator.firstName,
        PersonNameGenerator.lastName,
        PersonNameGenerator.fullName,
        EmailGenerator.definition,
        PhoneGenerator.definition,
        StreetAddressGenerator.definition,
        CityGenerator.definition,
        PostalCodeGenerator.definition,
        DateShiftGenerator.definition,
        NumberNoiseGenerator.definition,
        CategoricalShuffleGenerator.definition,
        TextScrambleGenerator.definition,
        // Column-level synthesis
        CategoricalGenerator.definition,
        ContinuousGenerator.definition,
        // Format-preserving encryption (reversible with the key)
        FPEDigitsGenerator.definition,
        FPEAlphanumericGenerator.definition,
        FPEIntegerGenerator.definition,
        FPEUUIDGenerator.definition,
        // Valid identifiers
        CreditCardGenerator.definition,
        SSNGenerator.definition,
        IBANGenerator.definition,
        IPAddressGenerator.definition,
        MACAddressGenerator.definition,
        CryptoAddressGenerator.definition,
        URLGenerator.definition,
        UUIDGenerator.definition,
        UsernameGenerator.definition,
        CompanyNameGenerator.definition,
        // Dates and numbers
        DateBirthGenerator.definition,
        DateTruncateGenerator.definition,
        DateISOGenerator.definition,
        TimestampJitterGenerator.definition,
        NumberRoundGenerator.definition,
        NumberBucketGenerator.definition,
        // Structured and free text
        JSONPathsGenerator.definition,
        RegexGenerator.definition,
        TextRedactGenerator.definition,
        DocumentPlaceholderGenerator.definition,
        ConditionalGenerator.definition,
        ArrayGenerator.definition,
        CompositeGenerator.definition,
    ])

    public var names: [String] { definitions.map(\.name) }

    public func definition(named name: String) -> GeneratorDefinition? {
        definitions.first { $0.name == name }
    }
}
