import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// Hand-made labels: which columns hold personal data. Address parts (street, city, postal code) of
/// people and of contacts count; country and state/region alone do not; company names, job titles,
/// hire dates and product data do not. Track.Composer lists real people's names, so it counts; so do
/// Northwind's company names and ship names, some of which are their contact's full name
/// (`Antonio Moreno Taquería`: a firm named after its owner).
enum Labels {
    static let chinook: Set<String> = [
        "Customer.FirstName", "Customer.LastName", "Customer.Address", "Customer.City", "Customer.PostalCode", "Customer.Phone",
        "Customer.Fax", "Customer.Email", "Employee.LastName", "Employee.FirstName", "Employee.BirthDate", "Employee.Address",
        "Employee.City", "Employee.PostalCode", "Employee.Phone", "Employee.Fax", "Employee.Email", "Invoice.BillingAddress",
        "Invoice.BillingCity", "Invoice.BillingPostalCode", "Track.Composer",
    ]
    static let northwind: Set<String> = [
        "customers.contact_name", "customers.address", "customers.city", "customers.postal_code", "customers.phone", "customers.fax",
        "employees.last_name", "employees.first_name", "employees.birth_date", "employees.address", "employees.city",
        "employees.postal_code", "employees.home_phone", "employees.photo", "employees.notes", "suppliers.contact_name",
        "suppliers.address", "suppliers.city", "suppliers.postal_code", "suppliers.phone", "suppliers.fax", "orders.ship_address",
        "orders.ship_city", "orders.ship_postal_code", "customers.company_name", "orders.ship_name",
    ]
    static let demo: Set<String> = [
        "users.email", "users.first_name", "users.last_name", "users.phone", "users.birth_date", "addresses.street", "addresses.city",
        "addresses.postal_code", "payments.card_number", "payments.card_holder", "support_tickets.body", "audit_events.ip_address",
    ]
}

@Suite("Sensitivity scanner", .serialized)
struct ScannerTests {
    func scan(_ path: String) async throws -> [ScanFinding] {
        let source = try SQLiteSource(path: path)
        return try await Scanner().scan(schema: try await source.introspect()) { try source.sample(of: $0, size: 1_000) }
    }

    @Test("person names in other scripts are names, under a column name that says nothing: Russian (given name and surname, a patronymic), Greek, Chinese, Japanese and Korean (a common surname and a given name), Arabic and Hebrew (a common given name among two to four words), and a column of them mixed with Latin names; Russian and Chinese product and place names, Arabic phrases are not (every such column was copied as it was)")
    func namesInOtherScripts() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("intl.db")
        let columns: [(String, [String])] = [
            ("kunde", ["Иван Петров", "Мария Иванова", "Сергей Смирнов", "Ольга Кузнецова", "Дмитрий Попов", "Анна Сергеевна Волкова", "Олександр Шевченко"]),
            ("pelatis", ["Γιώργος Παπαδόπουλος", "Μαρία Νικολάου", "Νίκος Γεωργίου", "Ελένη Κωνσταντίνου", "Δημήτρης Ιωάννου"]),
            ("kehu", ["王小明", "李娜", "张伟", "刘洋", "陈静", "欧阳娜娜", "黄晓明"]),
            ("kokyaku", ["山田太郎", "佐藤 花子", "鈴木一郎", "高橋 美咲", "田中健太", "佐藤 さくら"]),
            ("gogaek", ["김민준", "이서연", "박지훈", "최수아", "정 우진"]),
            ("ameel", ["محمد علي", "فاطمة الزهراء", "أحمد حسن", "عمر خالد", "مريم يوسف"]),
            ("lakoach", ["דוד כהן", "שרה לוי", "משה מזרחי", "יעל פרץ", "יוסף ביטון"]),
            ("contact", ["José García", "Иван Петров", "王小明", "محمد علي", "Anna Schmidt", "김민준"]),
            ("tovar", ["Красная шапка", "Нижний Новгород", "Чай зелёный", "Молоко", "Санкт-Петербург"]),
            ("chanpin", ["绿茶", "白茶饮料", "苹果", "北京", "上海市"]),
            ("ibara", ["مرحبا بكم", "شكرا جزيلا", "القاهرة", "كتاب جديد", "مع السلامة"]),
        ]
        let create = "CREATE TABLE people (id INTEGER PRIMARY KEY, " + columns.map { "\($0.0) TEXT" }.joined(separator: ", ") + ");"
        var inserts = ""
        for i in 0..<60 {
            let values = columns.map { "'" + $0.1[i % $0.1.count] + "'" }.joined(separator: ", ")
            inserts += "INSERT INTO people VALUES (\(i + 1), \(values));"
        }
        try SQLiteFixture.create(path, create + inserts)
        let findings = try await scan(path)
        for column in ["kunde", "pelatis", "kehu", "kokyaku", "gogaek", "ameel", "lakoach", "contact"] {
            let finding = findings.first { $0.column == column }
            #expect(finding?.kind == .personName && finding?.generator == "person.full-name" && (finding?.confidence ?? 0) >= 0.5, "\(column): \(String(describing: finding))")
        }
        // A given name in kana after a surname (the column above holds it among others, so it is asked alone).
        #expect(NamesInOtherScripts.isPersonName("佐藤 さくら") && !NamesInOtherScripts.isPersonName("東京 タワー"))
        for column in ["tovar", "chanpin", "ibara"] {
            #expect(findings.first { $0.column == column && $0.personal } == nil, "\(column): \(findings.filter { $0.column == column })")
        }
    }

    @Test("email addresses with letters beyond ASCII (internationalised: `иван@пример.рф`, `müller@straße.de`, `王小明@例子.中国`) are emails, under a column name that says nothing (the column was copied as it was)")
    func internationalisedEmails() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("idn.db")
        let addresses = ["иван@пример.рф", "müller@straße.de", "王小明@例子.中国", "δοκιμή@παράδειγμα.δοκιμή", "josé@exámple.com", "olga.smirnova@почта.рф"]
        let inserts = (0..<60).map { "INSERT INTO people VALUES (\($0 + 1), '\(addresses[$0 % addresses.count])');" }.joined()
        try SQLiteFixture.create(path, "CREATE TABLE people (id INTEGER PRIMARY KEY, kontakt TEXT);" + inserts)
        let finding = try await scan(path).first { $0.column == "kontakt" }
        #expect(finding?.kind == .email && finding?.generator == "email", "\(String(describing: finding))")
    }

    @Test("street addresses in Russian, Chinese, Japanese and Korean are street addresses, under column names that say nothing (each column was copied as it was)")
    func addressesInOtherScripts() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("addresses.db")
        let columns: [(String, [String])] = [
            ("adres", ["г. Москва, ул. Ленина, д. 5, кв. 12", "ул. Тверская, д. 7, кв. 3", "г. Казань, пр-т Победы, д. 20, кв. 41"]),
            ("dizhi", ["北京市朝阳区建国路88号", "上海市浦东新区世纪大道100号", "广州市天河区体育西路12号"]),
            ("jusho", ["東京都新宿区西新宿2-8-1", "大阪府大阪市北区梅田3-1-3", "神奈川県横浜市中区山下町1-2"]),
            ("juso", ["서울특별시 강남구 테헤란로 123", "부산광역시 해운대구 해운대로 45", "서울특별시 종로구 세종대로 209"]),
        ]
        let create = "CREATE TABLE places (id INTEGER PRIMARY KEY, " + columns.map { "\($0.0) TEXT" }.joined(separator: ", ") + ");"
        let inserts = (0..<60).map { i in "INSERT INTO places VALUES (\(i + 1), " + columns.map { "'" + $0.1[i % $0.1.count] + "'" }.joined(separator: ", ") + ");" }.joined()
        try SQLiteFixture.create(path, create + inserts)
        let findings = try await scan(path)
        for (column, _) in columns {
            let finding = findings.first { $0.column == column }
            #expect(finding?.kind == .streetAddress && finding?.generator == "address.street", "\(column): \(String(describing: finding))")
        }
    }

    @Test("phone numbers that share their country code (or China's mobile prefixes) keep it: init suggests `keep_prefix` (a column of +44 numbers got random country codes, and China's mobile numbers prefixes no network has)")
    func phonePrefixes() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("phones.db")
        var inserts = ""
        for i in 0..<60 {
            let uk = "+44 20 \(7000 + i * 37) \(1000 + i * 91)"
            let cn = "1\([3, 5, 8, 9][i % 4])\(String(format: "%09d", 100_000_000 + i * 7_654_321))"
            let mixed = ["+1 415 555 \(1000 + i)", "+44 20 7946 \(1000 + i)", "+49 30 901820\(i % 10)", "+33 1 42 68 \(10 + i % 80) 00"][i % 4]
            let us = "(\(201 + i * 7)) 555-\(1000 + i)"
            inserts += "INSERT INTO contacts VALUES (\(i + 1), '\(uk)', '\(cn)', '\(mixed)', '\(us)');"
        }
        try SQLiteFixture.create(path, "CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone_uk TEXT, mobile_cn TEXT, phone_any TEXT, phone_us TEXT);" + inserts)
        let findings = try await scan(path)
        func keep(_ column: String) -> String? { findings.first { $0.column == column && $0.generator == "phone" }?.parameters["keep_prefix"] }
        #expect(findings.first { $0.column == "phone_uk" }?.generator == "phone")
        #expect(keep("phone_uk") == "2")
        #expect(keep("mobile_cn") == "3")
        #expect(keep("phone_any") == nil)
        #expect(keep("phone_us") == nil)
    }

    @Test("precision ≥ 0.9 and recall ≥ 0.95 on personal columns of Chinook, Northwind and the demo")
    func evaluation() async throws {
        let folder = TemporaryFolder()
        let northwind = folder.file("northwind.db")
        try Northwind.build(at: northwind)
        let demo = folder.file("demo.db")
        _ = try MarketplaceDemo.build(at: demo)
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var report: [String] = []
        for (path, labels) in [(Datasets.chinook, Labels.chinook), (northwind, Labels.northwind), (demo, Labels.demo)] {
            let findings = try await scan(path)
            let predicted = Set(findings.filter(\.personal).map { "\($0.table).\($0.column)" })
            for f in findings where f.personal && !labels.contains("\(f.table).\(f.column)") {
                print("  \(f.table).\(f.column): \(f.kind.rawValue) \(f.confidence) \(f.evidence)")
            }
            truePositives += predicted.intersection(labels).count
            falsePositives += predicted.subtracting(labels).count
            falseNegatives += labels.subtracting(predicted).count
            report += predicted.subtracting(labels).sorted().map { "false positive: \($0)" } + labels.subtracting(predicted).sorted().map { "missed: \($0)" }
        }
        let precision = Double(truePositives) / Double(truePositives + falsePositives)
        let recall = Double(truePositives) / Double(truePositives + falseNegatives)
        print("scanner evaluation: \(truePositives + falseNegatives) personal columns, precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall))")
        for line in report { print("  \(line)") }
        #expect(precision >= 0.9, "\(report)")
        #expect(recall >= 0.95, "\(report)")
    }

    @Test("a column whose name says it names a thing (ProductName of Chai and Chang) is no person's name; a city column of places that are surnames too (Kirkland, Redmond: Northwind's employees) is a city (they were a first name and a surname)")
    func namesOfThingsAndPlaces() {
        let table = Table(name: "Products", columns: [
            Column(name: "ProductName", declaredType: "nvarchar(40)", logicalType: .text, isNullable: false),
            Column(name: "city", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "Contact", declaredType: "text", logicalType: .text, isNullable: true),
        ])
        let cities = ["Seattle", "Tacoma", "Kirkland", "Redmond", "London", "London", "London", "Seattle", "London"]
        let people = ["Maria Anders", "Ana Trujillo", "Antonio Moreno", "Thomas Hardy", "Christina Berglund", "Hanna Moos", "Frédérique Citeaux", "Martín Sommer", "Laurence Lebihan"]
        let rows = 9
        let batch = RowBatch(columnNames: ["ProductName", "city", "Contact"], columns: [
            (0..<rows).map { .text(["Chai", "Chang", "Maria", "Jack", "Chai", "Chang", "Chai", "Chang", "Anna"][$0]) },
            (0..<rows).map { .text(cities[$0]) }, (0..<rows).map { .text(people[$0]) },
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        let product = findings.first { $0.column == "ProductName" }
        #expect(product == nil || product?.personal == false, "\(String(describing: product))")
        let city = findings.first { $0.column == "city" }
        #expect(city?.kind == .city && city?.generator == "address.city", "\(String(describing: city))")
        // A column named for nothing in particular, of people's names, is still a person's name.
        #expect(findings.first { $0.column == "Contact" }?.personal == true)
    }

    @Test("short notes that mention a street or a person are free text, not an address or a name: the value is a sentence around it (`Met with John Smith at 12 Main Street` got address.street, which put an address in place of the whole note); a column of addresses, or of names with a title, is still one")
    func shortNotesAroundEntities() {
        let table = Table(name: "visits", columns: [
            Column(name: "body", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "summary", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "location", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "attendee", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "col_a", declaredType: "text", logicalType: .text, isNullable: true),
        ])
        let streets = ["12 Main Street", "4 Elm Road", "77 Oak Avenue", "9 High Street", "310 Park Lane"]
        let people = ["John Smith", "Maria Garcia", "Linda Brown", "Peter Miller", "Susan Davis"]
        let rows = 40
        let notes: [Value] = (0..<rows).map { .text(["Met with \(people[$0 % 5]) at \(streets[$0 % 5])", "Delivered to \(streets[$0 % 5])", "Parcel left at \(streets[$0 % 5])"][$0 % 3]) }
        let batch = RowBatch(columnNames: ["body", "summary", "location", "attendee", "col_a"], columns: [
            notes,
            (0..<rows).map { .text(["Called \(people[$0 % 5]) back", "Sent to \(people[$0 % 5])", "No answer", "Left a message"][$0 % 4]) },
            (0..<rows).map { .text(streets[$0 % 5]) },
            (0..<rows).map { .text("Dr. \(people[$0 % 5])") },
            notes,
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        // (A column named for nothing in particular needs a third of its sample such notes; "body" and "summary" a tenth.)
        for column in ["body", "summary", "col_a"] {
            let finding = findings.first { $0.column == column }
            #expect(finding?.kind == .freeText && finding?.generator == "text.redact", "\(column): \(String(describing: finding))")
        }
        #expect(findings.first { $0.column == "location" }?.kind == .streetAddress)
        #expect(findings.first { $0.column == "attendee" }?.kind == .personName)
    }

    @Test("a person's web address is personal, by its column's name or by values without a scheme (`www.ana-lima.com`: it was copied unchanged); a supplier's home page is not")
    func webAddresses() {
        let names = ["website", "linkedin_url", "blog"]
        let people = Table(name: "customers", columns: names.map { Column(name: $0, declaredType: "text", logicalType: .text, isNullable: true) })
        let batch = RowBatch(columnNames: names, columns: [
            (0..<60).map { .text("www.person\($0).example.com") },
            (0..<60).map { .text("linkedin.com/in/person-\($0)") },
            (0..<60).map { .text("https://blog.example.org/u/\($0)") },
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: people, sample: batch)
        for name in names {
            let finding = findings.first { $0.column == name }
            #expect(finding?.kind == .url && finding?.personal == true, "\(name): \(String(describing: finding))")
        }
        let suppliers = Table(name: "suppliers", columns: [Column(name: "company_name", declaredType: "text", logicalType: .text, isNullable: true), Column(name: "homepage", declaredType: "text", logicalType: .text, isNullable: true)])
        let pages = RowBatch(columnNames: ["company_name", "homepage"], columns: [(0..<60).map { .text("Firm \($0) Ltd") }, (0..<60).map { .text("www.firm\($0).example.com") }], firstOrdinal: 0)
        #expect(Scanner().scan(table: suppliers, sample: pages).first { $0.column == "homepage" }?.personal != true)
    }

    @Test("credentials are found by their values — password hashes of crypt, Django and LDAP ($2b$, $6$, $argon2id$, pbkdf2_sha256$, {SSHA}), API keys of known issuers (sk_live_, ghp_, AKIA, xoxb-), JWTs — and by names that end in key (secret_key, api_key, private_key were taken for identifiers) or say pw; they were copied unchanged. Content hashes, codes and keys of rows are not")
    func credentials() {
        func b64(_ n: Int, _ seed: Int) -> String {
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./")
            return String((0..<n).map { alphabet[($0 * 31 + seed * 17 + $0 * $0) % alphabet.count] })
        }
        let columns: [(String, (Int) -> String)] = [
            ("hash_col", { "$2b$12$" + b64(53, $0) }), ("shadow", { "$6$" + b64(16, $0) + "$" + b64(86, $0 + 1) }),
            ("argon", { "$argon2id$v=19$m=65536,t=3,p=4$" + b64(22, $0) + "$" + b64(43, $0) }), ("django", { "pbkdf2_sha256$600000$" + b64(22, $0) + "$" + b64(44, $0) }),
            ("ldap", { "{SSHA}" + b64(32, $0) }), ("stripe", { "sk_live_" + b64(24, $0).replacingOccurrences(of: ".", with: "a").replacingOccurrences(of: "/", with: "b") }),
            ("gh", { "ghp_" + b64(36, $0).replacingOccurrences(of: ".", with: "c").replacingOccurrences(of: "/", with: "d") }),
            ("aws", { "AKIA" + String(b64(40, $0).uppercased().filter { $0.isLetter || $0.isNumber }.prefix(16)) }),
            ("slack", { "xoxb-\(1000 + $0)-\(2000 + $0)-" + b64(24, $0).replacingOccurrences(of: ".", with: "e").replacingOccurrences(of: "/", with: "f") }),
            ("session", { "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyXyRb\($0)In0." + b64(43, $0).replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "/", with: "-") }),
            ("secret_key", { "v\($0)" }), ("api_key", { "k\($0)" }), ("pw", { "p\($0)" }),
            ("checksum", { String(repeating: String(format: "%02x", $0 % 256), count: 32) }), ("sku", { "SKU-\($0)" }),
        ]
        let table = Table(name: "accounts", columns: columns.map { Column(name: $0.0, declaredType: "text", logicalType: .text, isNullable: true) })
        let batch = RowBatch(columnNames: columns.map(\.0), columns: columns.map { column in (0..<60).map { .text(column.1($0)) } }, firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        for name in columns.map(\.0) where !["checksum", "sku"].contains(name) {
            let finding = findings.first { $0.column == name }
            #expect(finding?.kind == .credential && finding?.personal == true, "\(name): \(String(describing: finding))")
        }
        for name in ["checksum", "sku"] { #expect(findings.first { $0.column == name }?.personal != true, "\(name)") }
        // A key of rows stays a key.
        #expect(ColumnNameRules.match(column: "customer_key", table: "t") == nil && ColumnNameRules.match(column: "sort_key", table: "t") == nil)
    }

    @Test("values in other writings keep their kind: SSNs spaced (123 45 6789 was a phone number), MAC addresses in dotted groups of four; an IPv4 address with its port is an IP address (it was a MAC address: twelve hex digits and separators)")
    func otherWritings() {
        let names = ["c1", "c2", "c3"]
        let table = Table(name: "hosts", columns: names.map { Column(name: $0, declaredType: "text", logicalType: .text, isNullable: true) })
        let batch = RowBatch(columnNames: names, columns: [
            (0..<60).map { .text("\(219 + $0) \(10 + $0) \(4000 + $0 * 7)") },
            (0..<60).map { .text(String(format: "0011.22%02d.4455", $0)) },
            (0..<60).map { .text("10.\($0).\(100 + $0).\(20 + $0):8080") },
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        #expect(findings.first { $0.column == "c1" }?.kind == .nationalID, "\(findings)")
        #expect(findings.first { $0.column == "c2" }?.kind == .mac, "\(findings)")
        #expect(findings.first { $0.column == "c3" }?.kind == .ip, "\(findings)")
    }

    @Test("a column of wallet addresses is a crypto address by its checksums, whatever its name, and init suggests crypto-address (it was copied as it was); a column named for a wallet too; hashes and codes of the same lengths are not")
    func cryptoAddressColumns() throws {
        let names = ["payout", "btc_wallet", "commit", "code"]
        let table = Table(name: "accounts", columns: names.map { Column(name: $0, declaredType: "text", logicalType: .text, isNullable: true) })
        var random = KeyedHasher(key: .init(data: [UInt8](repeating: 3, count: 32))).stream([], label: 1)
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(random.below(256)) } }
        let batch = RowBatch(columnNames: names, columns: [
            (0..<60).map { i in .text(i % 3 == 0 ? CryptoAddress.base58(version: 0, payload: bytes(20)).text : i % 3 == 1
                ? CryptoAddress.segwit(hrp: "bc", version: 0, program: bytes(20), upper: false).text : CryptoAddress.ethereum(digits: bytes(40).map { $0 % 16 }, upper: false).text) },
            (0..<60).map { _ in .text(CryptoAddress.base58(version: 5, payload: bytes(20)).text) },
            (0..<60).map { _ in .text(bytes(20).map { String(format: "%02x", $0) }.joined()) },
            (0..<60).map { _ in .text(String(bytes(34).map { Character(Unicode.Scalar(UInt8(65 + $0 % 26))) })) },
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        for column in ["payout", "btc_wallet"] {
            let finding = try #require(findings.first { $0.column == column }, "\(findings)")
            #expect(finding.kind == .cryptoAddress && finding.generator == "crypto-address", "\(finding)")
        }
        #expect(!findings.contains { ($0.column == "commit" || $0.column == "code") && $0.kind == .cryptoAddress }, "\(findings)")
    }

    @Test("columns of record numbers — an MRN, a member, account, policy, NHS or insurance number, a vehicle's VIN or registration — are personal, faked in their shape (they were copied unchanged, or given a phone generator where the digits looked like one); keys named alike (member_id referencing members) and things that are no numbers (medicare_eligible, acct_type) are not")
    func recordNumberColumns() {
        let names = ["mrn", "medical_record_number", "member_number", "accountNumber", "account_no", "policy_no", "nhs_number", "insurance_id", "acct", "employee_number",
                     "vin", "license_plate", "registration_number", "plate_no",
                     "member_id", "medicare_eligible", "acct_type", "account_id"]
        let table = Table(name: "patients", columns: names.map { Column(name: $0, declaredType: "text", logicalType: .text, isNullable: true) })
        let rows = 60
        let batch = RowBatch(columnNames: names, columns: names.map { name in
            (0..<rows).map { row -> Value in
                switch name {
                case "medicare_eligible": return .text(row % 2 == 0 ? "yes" : "no")
                case "acct_type": return .text(["checking", "savings"][row % 2])
                case "member_id", "account_id": return .text(String(row + 1))
                case "policy_no": return .text("HX-\(2000 + row)-\(7000 + row * 3)")
                case "nhs_number": return .text("943 476 \(1000 + row * 7)")
                case "insurance_id": return .text("XJ\(4_400_000 + row * 13)")
                default: return .text(String(4_120_000_000 + row * 7_919))
                }
            }
        }, firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        for name in names.prefix(14) {
            let finding = findings.first { $0.column == name }
            #expect(finding?.kind == .recordNumber && finding?.generator == "fpe.alphanumeric" && finding?.personal == true, "\(name): \(String(describing: finding))")
        }
        for name in names.suffix(4) { #expect(findings.first { $0.column == name }?.kind != .recordNumber, "\(name)") }
    }

    @Test("names written in one case or surname first are names: a lower-case copy for search (`name_lower`: james smith), a directory's `SMITH,JAMES` and `Smith, James` (the first was no finding at all, the second 21%); two-word things in lower case are not")
    func namesInOtherStyles() {
        let table = Table(name: "customer", columns: [
            Column(name: "name_lower", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "search_key", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "sort_name", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "label", declaredType: "text", logicalType: .text, isNullable: true),
        ])
        let first = ["james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "susan"]
        let last = ["smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "wilson", "anderson"]
        let rows = 40
        func name(_ i: Int) -> (String, String) { (first[i % 10], last[(i * 7 + 3) % 10]) }
        let batch = RowBatch(columnNames: ["name_lower", "search_key", "sort_name", "label"], columns: [
            (0..<rows).map { let (f, l) = name($0); return .text("\(f) \(l)") },
            (0..<rows).map { let (f, l) = name($0); return .text("\(l.uppercased()),\(f.uppercased())") },
            (0..<rows).map { let (f, l) = name($0); return .text("\(l.capitalized), \(f.capitalized)") },
            (0..<rows).map { .text(["free shipping", "gift card", "new arrival", "best seller", "on sale"][$0 % 5]) },
        ], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        for column in ["name_lower", "search_key", "sort_name"] {
            let finding = findings.first { $0.column == column }
            #expect(finding?.kind == .personName && finding?.personal == true, "\(column): \(String(describing: finding))")
        }
        #expect(findings.first { $0.column == "label" }?.personal != true)
    }

    @Test("columns of bytes holding documents, images, archives or text, and columns of text holding documents or images as data URLs or base64, are personal whatever their names, and init suggests document.placeholder (they were never scanned, or read as text, and copied as they were); bytes no person reads (digests, keys) and tokens in base64 are not; the names of files that hold a person's name are free text")
    func documentsInBytes() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("files.db")
        func hex(_ bytes: [UInt8]) -> String { "X'" + bytes.map { String(format: "%02x", $0) }.joined() + "'" }
        let pdf = hex(Array("%PDF-1.4\nBT (Mary Johnson) Tj ET\n%%EOF".utf8)), docx = hex(DocumentStandIn.zip([("word/document.xml", "<w:t>Mary</w:t>")]))
        let png = hex(DocumentStandIn.png)
        let values = (0..<20).map { i in
            "(\(i), \(i % 2 == 0 ? pdf : docx), \(png), \(hex((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ i &* 11 | 0x80) })))"
        }
        try SQLiteFixture.create(path, "CREATE TABLE items (id INTEGER PRIMARY KEY, content BLOB, thumb BLOB, digest BLOB); INSERT INTO items VALUES \(values.joined(separator: ", "));")
        let findings = try await scan(path)
        let content = try #require(findings.first { $0.column == "content" })
        #expect(content.kind == .document && content.personal && content.generator == "document.placeholder", "\(content)")
        #expect(content.evidence.contains { $0.contains("PDF 10") && $0.contains("Word document 10") }, "\(content.evidence)")
        let thumb = try #require(findings.first { $0.column == "thumb" })
        #expect(thumb.kind == .photo && thumb.personal && thumb.generator == "document.placeholder", "\(thumb)")
        #expect(!findings.contains { $0.column == "digest" }, "\(findings)")
        // Written as text: a signature pad's data URLs, scans in base64; tokens in base64 are none of them.
        let text = folder.file("text.db")
        let rows = (0..<20).map { i in
            let signature = "data:image/png;base64," + Data(DocumentStandIn.png).base64EncodedString()
            let scan = Data(Array("%PDF-1.4\nBT (Consent \(i) of Mary Johnson) Tj ET\n%%EOF".utf8)).base64EncodedString()
            let token = Data((0..<24).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ i &* 7 | 0x80) }).base64EncodedString()
            return "(\(i), '\(signature)', '\(scan)', '\(token)')"
        }
        try SQLiteFixture.create(text, "CREATE TABLE consents (id INTEGER PRIMARY KEY, signature TEXT, scan TEXT, token TEXT); INSERT INTO consents VALUES \(rows.joined(separator: ", "));")
        let written = try await scan(text)
        let signature = try #require(written.first { $0.column == "signature" })
        #expect(signature.kind == .photo && signature.personal && signature.generator == "document.placeholder", "\(signature)")
        let scanned = try #require(written.first { $0.column == "scan" })
        #expect(scanned.kind == .document && scanned.generator == "document.placeholder" && scanned.evidence.contains { $0.contains("base64") && $0.contains("PDF 20") }, "\(scanned)")
        #expect(written.first { $0.column == "token" }?.generator != "document.placeholder", "\(written)")
        // The files' names beside them name the people too (a `file_name` column names a thing: it was copied as it was).
        let names = folder.file("names.db")
        let files = (0..<20).map { i in
            "(\(i), '\(i % 2 == 0 ? "referral_mary_johnson_\(i).pdf" : "IMG_2024010\(i % 10)_1234.jpg")', '\(i % 2 == 0 ? "john-smith-resume-\(i).pdf" : "year-end-\(i).pdf")')"
        }
        try SQLiteFixture.create(names, "CREATE TABLE uploads (id INTEGER PRIMARY KEY, file_name TEXT, upload TEXT); INSERT INTO uploads VALUES \(files.joined(separator: ", "));")
        let uploads = try await scan(names)
        for column in ["file_name", "upload"] {
            let named = try #require(uploads.first { $0.column == column })
            #expect(named.kind == .freeText && named.personal && named.generator == "text.redact" && named.evidence.contains { $0.contains("names of files") }, "\(named)")
        }
    }

    @Test("findings carry kind, confidence, generator and evidence, never sampled values")
    func findings() async throws {
        let findings = try await scan(Datasets.chinook)
        let email = try #require(findings.first { $0.table == "Customer" && $0.column == "Email" })
        #expect(email.kind == .email && email.confidence >= 0.9 && email.generator == "email")
        #expect(email.evidence.contains { $0.contains("% of") && $0.contains("email addresses") })
        let encoded = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!encoded.contains("luisg@embraer.com.br") && !encoded.contains("Gonçalves"))
        #expect(!findings.contains { $0.column == "CustomerId" || $0.column == "TrackId" }, "keys are not findings")
    }
}
