/// Column-name rules in several languages: a name's words (from snake_case, camelCase or kebab-case)
/// → the kind of data it suggests and how sure the name alone makes us.
enum ColumnNameRules {
    struct Match {
        var kind: PersonalKind
        var strength: Double
        var rule: String
    }

    static let personTables: Set<String> = [
        "customer", "user", "employee", "contact", "person", "people", "member", "account", "patient", "client", "student",
        "author", "owner", "staff", "driver", "seller", "buyer", "subscriber", "applicant", "candidate", "guest", "passenger",
    ]

    static func match(column: String, table: String) -> Match? {
        let words = SensitiveNames.words(column)
        let set = Set(words)
        let joined = words.joined()
        func has(_ options: [String]) -> Bool { options.contains { set.contains($0) } }
        func contains(_ options: [String]) -> Bool { options.contains { joined.contains($0) } }
        let tableWords = SensitiveNames.words(table).map { $0.hasSuffix("s") ? String($0.dropLast()) : $0 }
        let personTable = tableWords.contains { personTables.contains($0) }

        // A record's number names its person (an MRN, a member, account, policy or insurance
        // number). An `…_id` of them is a key to another table (member_id, account_id), but an
        // insurer's or a health service's, which no table of the database holds.
        let numberWords: Set<String> = ["number", "no", "num", "nr", "mbi"]
        let subjects: Set<String> = ["account", "acct", "policy", "member", "membership", "nhs", "medicare", "medicaid", "insurance", "subscriber",
                                     "beneficiary", "claim", "patient", "employee", "student", "enrollee", "chart", "record", "healthplan"]
        if has(["mrn"]) || joined == "acct" || contains(["medicalrecord", "acctno", "acctnum", "accountno", "policyno", "memberno", "nhsno", "claimno"])
            || !set.isDisjoint(with: subjects) && !set.isDisjoint(with: numberWords)
            || set.contains("id") && has(["insurance", "medicare", "medicaid", "nhs", "healthplan"])
            // A vehicle's, which names its keeper.
            || has(["vin", "vrn"]) || contains(["licenseplate", "licenceplate", "numberplate", "platenumber", "plateno", "registrationnumber", "registrationno", "regno", "regnumber"]) {
            return Match(kind: .recordNumber, strength: 0.75, rule: "name: record number")
        }
        // A key that opens something (secret_key, api_key, private_key, access_key) is a credential,
        // not a key of rows (customer_key, sort_key).
        if set.contains("key"), has(["secret", "api", "private", "access", "signing", "encryption", "license", "licence", "client", "master"]) {
            return Match(kind: .credential, strength: 0.8, rule: "name: credential")
        }
        if set.contains("id") || set.contains("key") || joined.hasSuffix("id") && joined.count > 2 && !contains(["paid", "valid", "said"]) {
            // Identifiers are keys, except the few that are national identifiers.
            if contains(["ssn", "nationalid", "taxid", "passport", "socialsecurity"]) { return Match(kind: .nationalID, strength: 0.8, rule: "name: national id") }
            return nil
        }
        if has(["email", "mail", "correo", "courriel", "emailaddress"]) || contains(["email", "e_mail"]) { return Match(kind: .email, strength: 0.8, rule: "name: email") }
        if has(["phone", "mobile", "cell", "fax", "tel", "telephone", "telefon", "telefono", "teléfono", "celular", "handy", "msisdn"]) || contains(["phone"]) {
            return Match(kind: .phone, strength: 0.8, rule: "name: phone")
        }
        if has(["ssn", "nin", "nino", "sin", "nif", "dni", "cpf", "bsn", "pesel", "passport", "tin"]) || contains(["socialsecurity", "nationalid", "taxnumber"]) {
            return Match(kind: .nationalID, strength: 0.8, rule: "name: national id")
        }
        if (has(["card", "cc", "pan"]) && has(["number", "num", "no", "pan"])) || contains(["cardnumber", "creditcard", "ccnumber"]) { return Match(kind: .card, strength: 0.8, rule: "name: card number") }
        if has(["iban"]) { return Match(kind: .iban, strength: 0.85, rule: "name: iban") }
        if has(["password", "passwd", "pwd", "pw", "passphrase", "secret", "token", "apikey"]) && !has(["type", "count", "expires", "at"]) { return Match(kind: .credential, strength: 0.8, rule: "name: credential") }
        if has(["dob", "birthday", "birthdate", "geburtsdatum"]) || (has(["birth", "born"]) && !has(["place", "country", "city"])) || contains(["dateofbirth", "fechanacimiento", "nacimiento"]) {
            return Match(kind: .birthDate, strength: 0.85, rule: "name: birth date")
        }
        if contains(["firstname", "givenname", "forename", "vorname", "prenom", "prénom"]) || joined == "fname" || (has(["first", "given"]) && has(["name"])) {
            return Match(kind: .firstName, strength: 0.8, rule: "name: first name")
        }
        if contains(["lastname", "surname", "familyname", "nachname", "apellido"]) || joined == "lname" || (has(["last", "family"]) && has(["name"])) {
            return Match(kind: .lastName, strength: 0.8, rule: "name: surname")
        }
        if contains(["fullname", "contactname", "customername", "cardholder", "holdername", "accountholder", "recipientname", "patientname", "employeename"])
            || (words == ["name"] && personTable) || (has(["contact", "holder", "recipient"]) && has(["name"])) {
            return Match(kind: .personName, strength: 0.75, rule: "name: person's name")
        }
        if has(["username", "login", "handle", "nickname", "screenname"]) || contains(["username", "loginname"]) { return Match(kind: .username, strength: 0.75, rule: "name: user name") }
        // A person's web address (a profile, a home page); a firm's is demoted with its table's other contact details.
        if has(["website", "homepage", "webpage", "blog", "linkedin", "twitter", "facebook", "instagram", "github"]) || has(["url", "web"]) && personTable {
            return Match(kind: .url, strength: 0.75, rule: "name: web address")
        }
        if has(["address", "street", "addr", "address1", "address2", "direccion", "dirección", "adresse", "endereco", "indirizzo", "strasse"]) || joined.hasPrefix("addressline") {
            if has(["ip", "mac", "email", "web"]) { return nil }
            return Match(kind: .streetAddress, strength: 0.75, rule: "name: address")
        }
        if has(["city", "town", "ciudad", "ville", "stadt", "cidade", "citta", "municipality"]) { return Match(kind: .city, strength: 0.75, rule: "name: city") }
        if has(["zip", "zipcode", "postcode", "postal", "plz", "postleitzahl", "cp"]) || contains(["postalcode", "zipcode", "codigopostal"]) {
            return Match(kind: .postalCode, strength: 0.75, rule: "name: postal code")
        }
        if has(["lat", "latitude", "lng", "lon", "long", "longitude", "geo", "coordinates", "geolocation"]) && !has(["length", "term"]) {
            return Match(kind: .geo, strength: 0.7, rule: "name: coordinate")
        }
        if has(["ip", "ipaddress", "ipaddr"]) || contains(["ipaddress", "remoteaddr", "clientip"]) { return Match(kind: .ip, strength: 0.8, rule: "name: ip address") }
        if has(["mac"]) && has(["address", "addr"]) || joined == "macaddress" { return Match(kind: .mac, strength: 0.8, rule: "name: mac address") }
        // (A coin's word and an address's or a wallet's: `btc_wallet`, `eth_address`; not `wallet_name`, `btc_balance`.)
        if has(["btc", "bitcoin", "eth", "ethereum", "crypto", "xbt"]) && has(["address", "addr", "wallet"]) || contains(["walletaddress"]) {
            return Match(kind: .cryptoAddress, strength: 0.75, rule: "name: crypto address")
        }
        if has(["gender", "sex", "geschlecht", "sexo"]) { return Match(kind: .gender, strength: 0.75, rule: "name: gender") }
        if has(["photo", "picture", "avatar", "portrait", "selfie", "headshot"]) && !has(["path", "url", "count"]) {
            return Match(kind: .photo, strength: personTable ? 0.75 : 0.35, rule: "name: photo")
        }
        if has(["notes", "note", "comment", "comments", "remarks", "body", "message", "bio", "biography"]) { return Match(kind: .freeText, strength: 0.5, rule: "name: free text") }
        if has(["country", "nationality", "pais", "país", "pays", "land"]) { return Match(kind: .country, strength: 0.6, rule: "name: country") }
        if has(["state", "region", "province", "county", "provincia"]) && !has(["status"]) { return Match(kind: .region, strength: 0.4, rule: "name: region") }
        return nil
    }
}
