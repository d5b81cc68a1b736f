/// What kind of personal (or quasi-identifying) data a column holds, and the generator that suits it.
public enum PersonalKind: String, Sendable, Codable, CaseIterable {
    case email, phone
    case nationalID = "national-id"
    /// A medical record, account, member, policy or insurance number: it names one person in a
    /// system of records.
    case recordNumber = "record-number"
    case card, iban, credential
    case birthDate = "birth-date"
    case firstName = "first-name"
    case lastName = "last-name"
    case personName = "person-name"
    case username
    case streetAddress = "street-address"
    case city
    case postalCode = "postal-code"
    case geo, ip
    case mac = "mac-address"
    /// A cryptocurrency wallet's address (``CryptoAddress``).
    case cryptoAddress = "crypto-address"
    case url, gender
    case freeText = "free-text"
    case photo
    /// Documents, archives or text kept as bytes (an attachment, a scan, a letter).
    case document
    /// Quasi-identifiers that are reported but are not personal on their own.
    case country, region

    /// The kinds that name one person: their values recur between people only by chance (not a
    /// first or last name alone, a town, a postcode or a birth date, the quasi-identifiers).
    public static let directIdentifiers: Set<PersonalKind> = [
        .email, .phone, .nationalID, .recordNumber, .card, .iban, .credential, .username, .personName, .streetAddress, .ip, .mac, .cryptoAddress,
    ]

    /// Counted as personal data (country and region are only quasi-identifiers).
    public var isPersonal: Bool { self != .country && self != .region }

    /// Words for messages: "an email address".
    public var phrase: String {
        switch self {
        case .email: "an email address"
        case .phone: "a phone number"
        case .nationalID: "a national identifier"
        case .recordNumber: "a record or account number"
        case .card: "a card number"
        case .iban: "a bank account (IBAN)"
        case .credential: "a credential"
        case .birthDate: "a birth date"
        case .firstName: "a first name"
        case .lastName: "a surname"
        case .personName: "a person's name"
        case .username: "a user name"
        case .streetAddress: "a street address"
        case .city: "a city"
        case .postalCode: "a postal code"
        case .geo: "a geographic coordinate"
        case .ip: "an IP address"
        case .mac: "a MAC address"
        case .cryptoAddress: "a cryptocurrency wallet's address"
        case .url: "a URL"
        case .gender: "a gender"
        case .freeText: "free text with personal details"
        case .photo: "a photo"
        case .document: "a document"
        case .country: "a country"
        case .region: "a region or state"
        }
    }

    /// The generator suggested for a column of this kind and type.
    public func suggestion(for type: LogicalType) -> (generator: String, parameters: [String: ParameterValue]) {
        switch self {
        case .email: ("email", [:])
        case .phone: type == .integer ? ("fpe.integer", [:]) : ("phone", [:])
        case .nationalID: type == .integer ? ("ssn", [:]) : ("fpe.alphanumeric", [:])
        case .recordNumber: type == .integer ? ("fpe.integer", [:]) : ("fpe.alphanumeric", [:])
        case .card: ("credit-card", [:])
        case .iban: ("iban", [:])
        case .credential: ("hash", [:])
        case .birthDate: ("date.birth", [:])
        case .firstName: ("person.first-name", [:])
        case .lastName: ("person.last-name", [:])
        case .personName: ("person.full-name", [:])
        case .username: ("username", [:])
        case .streetAddress: ("address.street", [:])
        case .city: ("address.city", [:])
        case .postalCode: ("address.postal-code", [:])
        case .geo: ("number.noise", ["absolute": .number(0.01)])
        case .ip: ("ip-address", ["keep_prefix_bits": .integer(0)])
        case .mac: ("mac-address", [:])
        case .cryptoAddress: ("crypto-address", [:])
        case .url: ("url", [:])
        case .gender: ("categorical.shuffle", [:])
        case .freeText: ("text.redact", [:])
        case .photo: type == .blob ? ("document.placeholder", [:]) : ("null", [:])
        case .document: type == .blob || type == .text ? ("document.placeholder", [:]) : ("null", [:])
        case .country, .region: ("passthrough", [:])
        }
    }
}
