import Foundation
import UnderstudyCore

/// Builds the demo source: an online marketplace with the shapes real schemas have — personal
/// data, free text with contact details, card numbers, a self-referencing table, a composite key,
/// a view, a trigger and a migrations table. Deterministic: the same file every time.
public enum MarketplaceDemo {
    public static let schemaSQL = """
        CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
        CREATE TABLE users (
          id INTEGER PRIMARY KEY,
          email TEXT NOT NULL UNIQUE,
          first_name TEXT NOT NULL,
          last_name TEXT NOT NULL,
          phone TEXT,
          birth_date DATE,
          status TEXT NOT NULL DEFAULT 'active',
          referred_by INTEGER REFERENCES users(id),
          created_at TIMESTAMP NOT NULL
        );
        CREATE TABLE addresses (
          id INTEGER PRIMARY KEY,
          user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          street TEXT NOT NULL,
          city TEXT NOT NULL,
          postal_code TEXT NOT NULL,
          country TEXT NOT NULL DEFAULT 'US',
          is_default BOOLEAN NOT NULL DEFAULT 0
        );
        CREATE TABLE categories (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          parent_id INTEGER REFERENCES categories(id)
        );
        CREATE TABLE items (
          id INTEGER PRIMARY KEY,
          seller_id INTEGER NOT NULL REFERENCES users(id),
          category_id INTEGER NOT NULL REFERENCES categories(id),
          title TEXT NOT NULL,
          price NUMERIC(10,2) NOT NULL CHECK (price >= 0),
          listed_at TIMESTAMP NOT NULL
        );
        CREATE INDEX items_seller ON items(seller_id);
        CREATE TABLE bids (
          id INTEGER PRIMARY KEY,
          item_id INTEGER NOT NULL REFERENCES items(id),
          bidder_id INTEGER NOT NULL REFERENCES users(id),
          amount REAL NOT NULL,
          placed_at TIMESTAMP NOT NULL
        );
        CREATE INDEX bids_item ON bids(item_id, placed_at);
        CREATE TRIGGER bids_not_negative BEFORE INSERT ON bids WHEN NEW.amount < 0
        BEGIN SELECT RAISE(ABORT, 'a bid cannot be negative'); END;
        CREATE TABLE orders (
          id INTEGER PRIMARY KEY,
          buyer_id INTEGER NOT NULL REFERENCES users(id),
          shipping_address_id INTEGER REFERENCES addresses(id),
          status TEXT NOT NULL,
          total NUMERIC(10,2) NOT NULL,
          ordered_at TIMESTAMP NOT NULL
        );
        CREATE INDEX orders_buyer ON orders(buyer_id);
        CREATE TABLE order_items (
          order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
          line_no INTEGER NOT NULL,
          item_id INTEGER NOT NULL REFERENCES items(id),
          quantity INTEGER NOT NULL,
          unit_price NUMERIC(10,2) NOT NULL,
          PRIMARY KEY (order_id, line_no)
        ) WITHOUT ROWID;
        CREATE TABLE payments (
          id INTEGER PRIMARY KEY,
          order_id INTEGER NOT NULL UNIQUE REFERENCES orders(id),
          card_number TEXT NOT NULL,
          card_holder TEXT NOT NULL,
          amount NUMERIC(10,2) NOT NULL,
          paid_at TIMESTAMP NOT NULL
        );
        CREATE TABLE support_tickets (
          id INTEGER PRIMARY KEY,
          user_id INTEGER NOT NULL REFERENCES users(id),
          order_id INTEGER REFERENCES orders(id),
          subject TEXT NOT NULL,
          body TEXT NOT NULL,
          status TEXT NOT NULL,
          opened_at TIMESTAMP NOT NULL
        );
        CREATE TABLE audit_events (
          id INTEGER PRIMARY KEY,
          user_id INTEGER,
          event TEXT NOT NULL,
          ip_address TEXT,
          at TIMESTAMP NOT NULL
        );
        CREATE VIEW order_totals AS
          SELECT o.id AS order_id, o.buyer_id, sum(oi.quantity * oi.unit_price) AS items_total
          FROM orders o JOIN order_items oi ON oi.order_id = o.id GROUP BY o.id;
        """

    /// The workspace the demo runs, with comments that explain each choice.
    public static func workspace(source: String, destination: String, secretFile: String) -> String {
        """
        # The demo's workspace: what Understudy does to each table and column of the marketplace.
        # Edit it and run `understudy run` on it; docs/workspace.md explains every key.
        version: 1
        source: \(YAMLText.scalar(source))
        destination: \(YAMLText.scalar(destination))
        secret: \(YAMLText.scalar("file:" + secretFile))   # 32 random bytes, made by the demo; never commit it

        tables:
          schema_migrations: { mode: passthrough }   # copied as is
          audit_events: { mode: truncate }           # schema only: nobody needs these rows in dev

          users:
            columns:
              # The key itself is encrypted (still a positive 32-bit integer, reversible with the key); every
              # foreign key to users.id (addresses, items, bids, orders, tickets, users.referred_by)
              # follows automatically, so joins still work.
              id: { generator: fpe.integer }
              email: { generator: email, unique_by: id }   # unique column: collision-free by construction
              first_name: { generator: person.first-name }
              last_name: { generator: person.last-name }
              phone: { generator: phone, keep_prefix: 1 }
              birth_date: { generator: date.shift, days: 180 }
              status: { generator: categorical.shuffle }

          addresses:
            columns:
              street: { generator: address.street }
              city: { generator: address.city }
              postal_code: { generator: address.postal-code }

          bids:
            columns:
              amount: { generator: number.noise, relative: 0.05 }

          payments:
            columns:
              card_number: { generator: credit-card }  # Luhn-valid, same issuer, reversible
              card_holder: { generator: person.full-name }

          support_tickets:
            columns:
              body: { generator: text.redact }       # emails and phone numbers inside free text

        """
    }

    /// Writes the demo source database at `path`, replacing any file there.
    public static func build(at path: String, scale: Int = 1) throws -> [String: Int] {
        for suffix in ["", "-journal", "-wal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let db = try SQLiteConnection(path: path, readOnly: false, create: true)
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
        try db.execute(schemaSQL)
        var random = KeyedRandom(seed: Array(repeating: 7, count: 32))
        var builder = Builder(db: db)
        let words = Dictionaries.shared
        let userCount = 10_000 * scale

        try builder.insert("schema_migrations", 2) { row in
            for (i, version) in ["20230104101500_create_users", "20230110093000_create_items", "20230301120000_add_bids", "20230815080000_support_tickets"].enumerated() {
                row([.text(version), .text("2023-0\(i + 1)-0\(i + 1) 09:00:00")])
            }
        }
        var emails = Set<String>()
        try builder.insert("users", 9) { row in
            for id in 1...userCount {
                let first = random.pick(words.firstNames), last = random.pick(words.lastNames)
                var email = "\(first).\(last)".lowercased() + "@" + ["gmail.com", "yahoo.com", "outlook.com", "fastmail.com", "proton.me"][random.below(5)]
                if !emails.insert(email).inserted { email = "\(first.lowercased())\(id)@" + "mail.com"; emails.insert(email) }
                let phone = random.below(3) == 0 ? Value.null : .text(phoneNumber(&random))
                let birth = random.below(10) == 0 ? Value.null : .text(date(&random, fromYear: 1950, years: 55))
                let status = ["active", "active", "active", "active", "suspended", "closed", "pending"][random.below(7)]
                let referrer: Value = id > 20 && random.below(4) == 0 ? .integer(Int64(1 + random.below(id - 1))) : .null
                row([.integer(Int64(id)), .text(email), .text(first), .text(last), phone, birth, .text(status), referrer,
                     .text(date(&random, fromYear: 2019, years: 5) + " " + time(&random))])
            }
        }
        let addressCount = userCount * 6 / 5
        try builder.insert("addresses", 7) { row in
            for id in 1...addressCount {
                let user = id <= userCount ? id : 1 + random.below(userCount)
                let street = "\(1 + random.below(9999)) \(random.pick(words.streetNames)) \(random.pick(Dictionaries.streetSuffixes))"
                let postal = String(format: "%05d", 1000 + random.below(98_000))
                row([.integer(Int64(id)), .integer(Int64(user)), .text(street), .text(random.pick(words.cities)), .text(postal), .text("US"), .integer(id <= userCount ? 1 : 0)])
            }
        }
        let categoryNames = ["Electronics", "Phones", "Laptops", "Cameras", "Home", "Kitchen", "Furniture", "Garden", "Fashion", "Shoes",
                             "Watches", "Jewelry", "Sports", "Cycling", "Camping", "Fitness", "Toys", "Board Games", "Books", "Comics",
                             "Music", "Vinyl", "Instruments", "Collectibles", "Coins", "Stamps", "Art", "Automotive", "Tools", "Pet Supplies"]
        try builder.insert("categories", 3) { row in
            for (i, name) in categoryNames.enumerated() {
                let parent: Value = i % 4 == 0 ? .null : .integer(Int64(i / 4 * 4 + 1))
                row([.integer(Int64(i + 1)), .text(name), parent])
            }
        }
        let itemCount = 8_000 * scale
        let adjectives = ["Vintage", "Brand-new", "Refurbished", "Handmade", "Rare", "Classic", "Compact", "Professional", "Signed", "Limited"]
        var prices: [Double] = [0]
        try builder.insert("items", 6) { row in
            for id in 1...itemCount {
                let category = 1 + random.below(categoryNames.count)
                let price = Double(100 + random.below(200_000)) / 100
                prices.append(price)
                row([.integer(Int64(id)), .integer(Int64(1 + random.below(userCount))), .integer(Int64(category)),
                     .text("\(adjectives[random.below(adjectives.count)]) \(categoryNames[category - 1].lowercased()) lot #\(id)"),
                     .real(price), .text(date(&random, fromYear: 2021, years: 3) + " " + time(&random))])
            }
        }
        try builder.insert("bids", 5) { row in
            for id in 1...(30_000 * scale) {
                let item = 1 + random.below(itemCount)
                row([.integer(Int64(id)), .integer(Int64(item)), .integer(Int64(1 + random.below(userCount))),
                     .real((prices[item] * (0.5 + random.unit())).rounded(toPlaces: 2)), .text(date(&random, fromYear: 2022, years: 2) + " " + time(&random))])
            }
        }
        let orderCount = 15_000 * scale
        var orderLines: [[(item: Int, quantity: Int)]] = [[]]
        try builder.insert("orders", 6) { row in
            for id in 1...orderCount {
                let buyer = 1 + random.below(userCount)
                let lines = (0..<(1 + random.below(4))).map { _ in (1 + random.below(itemCount), 1 + random.below(3)) }
                orderLines.append(lines)
                let total = lines.reduce(0.0) { $0 + prices[$1.0] * Double($1.1) }
                let address: Value = random.below(20) == 0 ? .null : .integer(Int64(buyer))
                row([.integer(Int64(id)), .integer(Int64(buyer)), address,
                     .text(["delivered", "delivered", "delivered", "shipped", "paid", "cancelled", "refunded"][random.below(7)]),
                     .real(total.rounded(toPlaces: 2)), .text(date(&random, fromYear: 2022, years: 2) + " " + time(&random))])
            }
        }
        try builder.insert("order_items", 5) { row in
            for order in 1...orderCount {
                for (line, entry) in orderLines[order].enumerated() {
                    row([.integer(Int64(order)), .integer(Int64(line + 1)), .integer(Int64(entry.item)), .integer(Int64(entry.quantity)), .real(prices[entry.item])])
                }
            }
        }
        try builder.insert("payments", 6) { row in
            for order in 1...orderCount {
                let holder = "\(random.pick(words.firstNames)) \(random.pick(words.lastNames))"
                let total = orderLines[order].reduce(0.0) { $0 + prices[$1.item] * Double($1.quantity) }
                row([.integer(Int64(order)), .integer(Int64(order)), .text(cardNumber(&random)), .text(holder),
                     .real(total.rounded(toPlaces: 2)), .text(date(&random, fromYear: 2022, years: 2) + " " + time(&random))])
            }
        }
        let subjects = ["Where is my order?", "Item not as described", "Refund request", "Cannot log in", "Change my address", "Seller not responding"]
        try builder.insert("support_tickets", 7) { row in
            for id in 1...(5_000 * scale) {
                let first = random.pick(words.firstNames), last = random.pick(words.lastNames)
                let email = "\(first.lowercased()).\(last.lowercased())@gmail.com"
                let phone = phoneNumber(&random)
                let order = random.below(3) == 0 ? Value.null : .integer(Int64(1 + random.below(orderCount)))
                let body = [
                    "Hi, this is \(first) \(last). Please call me back at \(phone) or email \(email) — thanks!",
                    "My order hasn't arrived. You can reach me on \(phone). \(first)",
                    "I changed my email to \(email), please update my account. Regards, \(first) \(last)",
                    "The item was broken on arrival. Photos sent from \(email). Call \(phone) after 5pm.",
                ][random.below(4)]
                row([.integer(Int64(id)), .integer(Int64(1 + random.below(userCount))), order, .text(subjects[random.below(subjects.count)]),
                     .text(body), .text(["open", "closed", "pending"][random.below(3)]), .text(date(&random, fromYear: 2022, years: 2) + " " + time(&random))])
            }
        }
        try builder.insert("audit_events", 5) { row in
            for id in 1...(10_000 * scale) {
                row([.integer(Int64(id)), .integer(Int64(1 + random.below(userCount))), .text(["login", "logout", "password_change", "view_item"][random.below(4)]),
                     .text("\(10 + random.below(200)).\(random.below(256)).\(random.below(256)).\(1 + random.below(254))"),
                     .text(date(&random, fromYear: 2023, years: 1) + " " + time(&random))])
            }
        }
        try db.execute("COMMIT")
        return builder.counts
    }

    struct Builder {
        let db: SQLiteConnection
        var counts: [String: Int] = [:]

        mutating func insert(_ table: String, _ width: Int, rows: (_ row: ([Value]) -> Void) throws -> Void) throws {
            let marks = Array(repeating: "?", count: width).joined(separator: ", ")
            let statement = try db.prepare("INSERT INTO \(table) VALUES (\(marks))")
            var count = 0
            var failure: Error?
            try rows { values in
                guard failure == nil else { return }
                for (i, v) in values.enumerated() { statement.bind(v, at: i) }
                do { _ = try statement.step() } catch { failure = error }
                statement.reset()
                count += 1
            }
            if let failure { throw failure }
            counts[table] = count
        }
    }

    static func phoneNumber(_ random: inout KeyedRandom) -> String {
        let area = 201 + random.below(780), exchange = 200 + random.below(799), line = random.below(10_000)
        return random.below(2) == 0
            ? String(format: "(%03d) %03d-%04d", area, exchange, line)
            : String(format: "+1 %03d %03d %04d", area, exchange, line)
    }

    static func cardNumber(_ random: inout KeyedRandom) -> String {
        var digits = [random.below(2) == 0 ? 4 : 5] + (0..<14).map { _ in random.below(10) }
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            let v = i % 2 == 0 ? d * 2 : d
            sum += v > 9 ? v - 9 : v
        }
        digits.append((10 - sum % 10) % 10)
        let text = digits.map(String.init).joined()
        return random.below(2) == 0 ? text : stride(from: 0, to: 16, by: 4).map { i in
            String(text[text.index(text.startIndex, offsetBy: i)..<text.index(text.startIndex, offsetBy: i + 4)])
        }.joined(separator: " ")
    }

    static func date(_ random: inout KeyedRandom, fromYear: Int, years: Int) -> String {
        String(format: "%04d-%02d-%02d", fromYear + random.below(years), 1 + random.below(12), 1 + random.below(28))
    }

    static func time(_ random: inout KeyedRandom) -> String {
        String(format: "%02d:%02d:%02d", random.below(24), random.below(60), random.below(60))
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = pow(10.0, Double(places))
        return (self * factor).rounded() / factor
    }
}
