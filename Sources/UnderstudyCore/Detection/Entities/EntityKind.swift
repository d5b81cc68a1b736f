/// What a span of free text is, named as Presidio names its entities.
public enum EntityKind: String, Sendable, Hashable, Codable, CaseIterable {
    case person = "PERSON"
    case streetAddress = "STREET_ADDRESS"
    case location = "LOCATION"
    case organization = "ORGANIZATION"
    case dateTime = "DATE_TIME"
    case phoneNumber = "PHONE_NUMBER"
    case email = "EMAIL_ADDRESS"
    case creditCard = "CREDIT_CARD"
    case iban = "IBAN_CODE"
    case ssn = "US_SSN"
    case ipAddress = "IP_ADDRESS"
    /// A network card's address (`00:1A:2B:3C:4D:5E`, `001a.2b3c.4d5e`): a device, so a person's.
    /// No kind of Presidio's.
    case macAddress = "MAC_ADDRESS"
    case url = "URL"
    case driverLicense = "US_DRIVER_LICENSE"
    case passport = "US_PASSPORT"
    /// A record's, an account's or a member's number after the words that name it (MRN, account,
    /// member ID, policy, NHS number): no kind of Presidio's.
    case idNumber = "ID_NUMBER"
    /// A password hash, an API key or a token pasted into text (`sk_live_…`, `$2b$12$…`, a JWT):
    /// no kind of Presidio's.
    case credential = "CREDENTIAL"
    /// A cryptocurrency wallet's address: Bitcoin's (checked by its checksum) and Ethereum's
    /// (Presidio's `CRYPTO`).
    case crypto = "CRYPTO"
    /// A workspace's own recognizer (`recognizers:`), reported under its name.
    case custom = "CUSTOM"

    /// The tag written in place of a span in `tag` mode: `[PERSON]`.
    public var tag: String { "[\(rawValue)]" }

    /// Accepts Presidio's names and a few shorter ones (`EMAIL`, `PHONE`, `CARD`, `SSN`, `IP`, `ADDRESS`, `DATE`, `ORG`).
    public init?(name: String) {
        let upper = name.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let kind = EntityKind(rawValue: upper) { self = kind; return }
        let aliases: [String: EntityKind] = [
            "EMAIL": .email, "PHONE": .phoneNumber, "CARD": .creditCard, "IBAN": .iban, "SSN": .ssn, "IP": .ipAddress, "MAC": .macAddress, "BITCOIN": .crypto, "WALLET": .crypto, "CRYPTO_ADDRESS": .crypto,
            "ADDRESS": .streetAddress, "DATE": .dateTime, "ORG": .organization, "NAME": .person, "DOMAIN": .url,
            "DRIVER_LICENSE": .driverLicense, "US_PASSPORT_NUMBER": .passport, "PASSPORT": .passport,
            "SECRET": .credential, "API_KEY": .credential, "TOKEN": .credential, "MRN": .idNumber, "ACCOUNT_NUMBER": .idNumber, "RECORD_NUMBER": .idNumber, "MEMBER_ID": .idNumber, "US_BANK_NUMBER": .idNumber,
        ]
        guard let kind = aliases[upper] else { return nil }
        self = kind
    }
}

/// One entity found in a text: its kind, where it is, how sure the recognizer is, and which one found it.
public struct EntitySpan: Sendable, Hashable, Codable {
    public var kind: EntityKind
    /// UTF-16 offsets, start inclusive, end exclusive (NSRange's units).
    public var start: Int
    public var end: Int
    /// In [0, 1].
    public var score: Double
    /// The recognizer's name: `email`, `person.gazetteer`, a custom recognizer's name.
    public var recognizer: String

    public init(kind: EntityKind, start: Int, end: Int, score: Double, recognizer: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.score = score
        self.recognizer = recognizer
    }

    public var length: Int { end - start }

    func overlaps(_ other: EntitySpan) -> Bool { start < other.end && other.start < end }
}
