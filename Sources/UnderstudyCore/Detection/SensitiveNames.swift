/// Name rules that guess, from a column's name alone, whether it holds personal data and which
/// generator suits it. Used by `init` and for the report's warnings; the value-sampling scanner
/// builds on it.
public enum SensitiveNames {
    public struct Suggestion: Sendable, Equatable {
        /// What the column seems to hold, in words ("an email address").
        public var kind: String
        public var generator: String
        public var parameters: [String: ParameterValue]
    }

    /// Tables whose bare `name` column is a person's name.
    static let personTables: Set<String> = [
        "customer", "user", "employee", "contact", "person", "people", "member", "account", "patient", "client",
        "student", "author", "artist", "owner", "staff", "driver", "seller", "buyer", "subscriber", "applicant",
    ]

    /// Splits `BillingPostalCode`, `billing_postal_code` and `billing-postal-code` into lowercase words.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for ch in name {
            if ch == "_" || ch == "-" || ch == " " || ch == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if ch.isUppercase, let p = previous, p.isLowercase || p.isNumber {
                if !current.isEmpty { words.append(current) }
                current = String(ch)
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// A suggestion for `column` of `table`, or nil when its name does not look personal.
    public static func suggestion(for column: Column, in table: Table, registry: GeneratorRegistry = .standard) -> Suggestion? {
        let w = words(column.name)
        let joined = w.joined()
        let set = Set(w)
        func has(_ options: String...) -> Bool { options.contains { set.contains($0) } }
        let tableWords = words(table.name).map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 }

        var result: Suggestion?
        if has("email", "mail", "correo", "courriel") || joined.contains("email") {
            result = .init(kind: "an email address", generator: "email", parameters: [:])
        } else if has("phone", "mobile", "cell", "fax", "tel", "telephone", "telefono", "msisdn") || joined.contains("phone") {
            result = .init(kind: "a phone number", generator: "phone", parameters: [:])
        } else if has("ssn", "nin", "sin", "nino", "passport") || joined.contains("socialsecurity") || joined.contains("nationalid") || joined.contains("taxid") {
            result = .init(kind: "a national identifier", generator: "hash", parameters: ["format": .string("token")])
        } else if (has("card", "cc", "pan") && has("number", "num", "no", "pan")) || joined.contains("cardnumber") || joined == "pan" {
            result = .init(kind: "a card number", generator: "hash", parameters: ["format": .string("token")])
        } else if has("password", "passwd", "pwd") || (has("secret", "token") && !has("id")) {
            result = .init(kind: "a credential", generator: "hash", parameters: [:])
        } else if has("dob", "birthday", "birthdate") || (has("birth") && has("date", "day", "dt")) || joined.contains("dateofbirth") {
            result = .init(kind: "a birth date", generator: "date.shift", parameters: ["days": .integer(180)])
        } else if joined.contains("firstname") || joined.contains("givenname") || joined.contains("forename") || joined == "fname" || (has("first", "given") && has("name")) {
            result = .init(kind: "a first name", generator: "person.first-name", parameters: [:])
        } else if joined.contains("lastname") || joined.contains("surname") || joined.contains("familyname") || joined == "lname" || (has("last", "family") && has("name")) {
            result = .init(kind: "a surname", generator: "person.last-name", parameters: [:])
        } else if joined.contains("fullname") || joined == "contactname" || joined == "customername" || joined == "username" && false
            || (w == ["name"] && tableWords.contains { personTables.contains($0) }) {
            result = .init(kind: "a person's name", generator: "person.full-name", parameters: [:])
        } else if has("address", "street", "addr", "address1", "address2", "direccion", "adresse") || joined.hasPrefix("addressline") {
            result = .init(kind: "a street address", generator: "address.street", parameters: [:])
        } else if has("city", "town", "ciudad", "ville") {
            result = .init(kind: "a city", generator: "address.city", parameters: [:])
        } else if has("zip", "zipcode", "postcode", "postal", "plz") || joined.contains("postalcode") {
            result = .init(kind: "a postal code", generator: "address.postal-code", parameters: [:])
        } else if has("notes", "note", "comment", "comments", "remarks", "body", "message") {
            result = .init(kind: "free text", generator: "text.scramble", parameters: [:])
        }
        guard var suggestion = result, let definition = registry.definition(named: suggestion.generator) else { return nil }
        guard definition.acceptedTypes.contains(column.logicalType) else { return nil }
        let isUnique = table.uniqueKeys.contains { $0.contains(column.name) }
        if isUnique, !definition.isUniqueSafe(with: GeneratorParameters(suggestion.parameters)) {
            guard column.logicalType == .text || column.logicalType == .integer else { return nil }
            suggestion.generator = "hash"
            suggestion.parameters = [:]
        }
        return suggestion
    }
}
