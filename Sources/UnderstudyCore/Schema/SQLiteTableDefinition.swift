/// What a SQLite `CREATE TABLE` statement says that no PRAGMA tells: each column's collation,
/// generated expression and CHECKs, the table's own CHECKs and whether its foreign keys are
/// deferrable — read from its SQL by its tokens
/// (quotes of every kind, comments and parentheses respected), for a copy into another engine.
public struct SQLiteTableDefinition: Sendable, Equatable {
    public struct ColumnPart: Sendable, Equatable {
        public var name: String
        /// `NOCASE`, `RTRIM` or an application's own; nil for the default (`BINARY`).
        public var collation: String?
        /// The expression of a generated column, without its parentheses.
        public var generated: String?
        /// Each `CHECK (…)` of the column, with its parentheses.
        public var checks: [String] = []
    }

    public var columns: [ColumnPart] = []
    /// Each table `CHECK (…)`, with its parentheses.
    public var checks: [String] = []
    /// Each foreign key declared `DEFERRABLE` (of a column or of the table): its columns, the
    /// table it references and how it is deferred (SQLite defers only `DEFERRABLE INITIALLY
    /// DEFERRED`; `DEFERRABLE` alone is checked as an immediate key is).
    public var deferrableKeys: [DeferrableKey] = []

    /// Each key's conflict clause other than SQLite's default (`ABORT`), as `ON CONFLICT REPLACE of
    /// t.a` or `ON CONFLICT IGNORE of t UNIQUE (c, d)`: how SQLite resolves a row that breaks the key
    /// (it replaces the old row, or skips the new one), which no other engine's key does.
    public var conflictClauses: [String] = []

    public struct DeferrableKey: Sendable, Equatable {
        public var columns: [String]
        public var referencedTable: String
        public var deferral: ForeignKey.Deferral
    }

    /// How the key of `columns` to `table` is deferred, nil when it is not deferrable.
    public func deferral(columns: [String], referencedTable table: String) -> ForeignKey.Deferral? {
        deferrableKeys.first { key in
            key.referencedTable.lowercased() == table.lowercased() && key.columns.map { $0.lowercased() } == columns.map { $0.lowercased() }
        }?.deferral
    }

    public func column(named name: String) -> ColumnPart? {
        columns.first { $0.name.lowercased() == name.lowercased() }
    }

    struct Token {
        enum Kind { case word, quoted, string, punctuation }
        var kind: Kind
        var text: Substring
        var range: Range<String.Index>
    }

    /// Tokens of `sql`: words, quoted names (`"a"`, `[a]`, `` `a` ``), string literals and single
    /// punctuation marks; comments and blanks dropped. nil for an unterminated quote.
    static func tokens(_ sql: String) -> [Token]? {
        var tokens: [Token] = []
        var i = sql.startIndex
        while i < sql.endIndex {
            let c = sql[i]
            if c.isWhitespace { i = sql.index(after: i); continue }
            if c == "-", sql[i...].hasPrefix("--") {
                i = sql[i...].firstIndex(of: "\n") ?? sql.endIndex
                continue
            }
            if c == "/", sql[i...].hasPrefix("/*") {
                i = sql[sql.index(i, offsetBy: 2)...].range(of: "*/")?.upperBound ?? sql.endIndex
                continue
            }
            let closing: Character? = switch c {
            case "\"": "\""
            case "'": "'"
            case "`": "`"
            case "[": "]"
            default: nil
            }
            if let closing {
                var j = sql.index(after: i)
                while true {
                    guard j < sql.endIndex else { return nil }
                    if sql[j] == closing {
                        let next = sql.index(after: j)
                        // A doubled quote is the quote itself (not in `[…]`).
                        if closing != "]", next < sql.endIndex, sql[next] == closing { j = sql.index(after: next); continue }
                        j = next
                        break
                    }
                    j = sql.index(after: j)
                }
                tokens.append(Token(kind: c == "'" ? .string : .quoted, text: sql[i..<j], range: i..<j))
                i = j
                continue
            }
            if c.isLetter || c.isNumber || c == "_" || c == "$" || c == "." {
                var j = i
                while j < sql.endIndex, sql[j].isLetter || sql[j].isNumber || sql[j] == "_" || sql[j] == "$" || sql[j] == "." { j = sql.index(after: j) }
                tokens.append(Token(kind: .word, text: sql[i..<j], range: i..<j))
                i = j
                continue
            }
            let j = sql.index(after: i)
            tokens.append(Token(kind: .punctuation, text: sql[i..<j], range: i..<j))
            i = j
        }
        return tokens
    }

    /// A SQLite `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON [schema.]table (…) [WHERE …]` as
    /// PostgreSQL's: the index `name` on `relation` (both written as PostgreSQL names them), with
    /// the statement's columns, expressions and condition in the standard's quotes. Nil when `sql`
    /// is no such statement.
    public static func postgresIndex(_ sql: String, name: String, on relation: String) -> String? {
        guard let tokens = tokens(sql) else { return nil }
        let words = tokens.map { $0.kind == .word ? $0.text.uppercased() : "" }
        guard words.first == "CREATE", words.contains("INDEX"), let on = words.firstIndex(of: "ON"),
              let open = tokens[on...].firstIndex(where: { $0.kind == .punctuation && $0.text == "(" }), open - on <= 3 else { return nil }
        let unique = words[..<on].contains("UNIQUE")
        return "CREATE \(unique ? "UNIQUE " : "")INDEX \(name) ON \(relation) " + postgresQuoting(String(sql[tokens[open].range.lowerBound...]))
    }

    /// `sql` with SQLite's other quotes of names — `[Order Details]`, `` `Unit Price` `` — written as
    /// the standard's (`"Order Details"`), which PostgreSQL reads: a CHECK, default, generated column
    /// or view of a SQLite schema named so (as Northwind's are) was left out of a PostgreSQL copy.
    /// Everything else as written; `sql` itself when it cannot be read.
    public static func postgresQuoting(_ sql: String) -> String {
        guard let tokens = tokens(sql) else { return sql }
        var out = ""
        var last = sql.startIndex
        for token in tokens where token.kind == .quoted && (token.text.first == "[" || token.text.first == "`") {
            out += sql[last..<token.range.lowerBound]
            out += "\"" + unquoted(token).replacingOccurrences(of: "\"", with: "\"\"") + "\""
            last = token.range.upperBound
        }
        return out + sql[last...]
    }

    /// A name as written, without its quotes.
    static func unquoted(_ token: Token) -> String {
        guard token.kind == .quoted, token.text.count >= 2 else { return String(token.text) }
        let inner = token.text.dropFirst().dropLast()
        switch token.text.first {
        case "\"": return inner.replacingOccurrences(of: "\"\"", with: "\"")
        case "`": return inner.replacingOccurrences(of: "``", with: "`")
        default: return String(inner)
        }
    }

    /// Reads `sql`, a `CREATE TABLE name (…) [options]`; nil when it is not one (`CREATE TABLE … AS
    /// SELECT`, a virtual table) or cannot be read.
    public init?(sql: String) {
        guard let tokens = Self.tokens(sql), let open = tokens.firstIndex(where: { $0.text == "(" }),
              tokens[..<open].contains(where: { $0.text.uppercased() == "TABLE" }) else { return nil }
        // The body's items, split at its top-level commas.
        var items: [[Token]] = [[]]
        var depth = 0
        var end: Int?
        for index in tokens.indices.dropFirst(open + 1) {
            let token = tokens[index]
            if token.kind == .punctuation, token.text == "(" { depth += 1 }
            if token.kind == .punctuation, token.text == ")" {
                if depth == 0 { end = index; break }
                depth -= 1
            }
            if depth == 0, token.kind == .punctuation, token.text == "," { items.append([]); continue }
            items[items.count - 1].append(token)
        }
        guard end != nil else { return nil }

        /// The parenthesised group starting at `start` (a `(`): its text with the parentheses, and
        /// the index after it.
        func group(_ item: [Token], at start: Int) -> (text: String, next: Int)? {
            guard start < item.count, item[start].text == "(" else { return nil }
            var depth = 0
            for index in start..<item.count {
                if item[index].kind == .punctuation, item[index].text == "(" { depth += 1 }
                if item[index].kind == .punctuation, item[index].text == ")" {
                    depth -= 1
                    if depth == 0 { return (String(sql[item[start].range.lowerBound..<item[index].range.upperBound]), index + 1) }
                }
            }
            return nil
        }

        /// The names inside the group at `start` (a key's columns).
        func names(_ item: [Token], at start: Int) -> [String] {
            guard let found = group(item, at: start) else { return [] }
            return item[(start + 1)..<(found.next - 1)].filter { $0.kind == .word || $0.kind == .quoted }.map(Self.unquoted)
        }

        /// The deferrable keys of an item: each `REFERENCES t` followed, before the next, by
        /// `DEFERRABLE` (not `NOT DEFERRABLE`).
        func deferrable(_ item: [Token], columns local: [String]) {
            let words = item.map { $0.kind == .word ? $0.text.uppercased() : "" }
            for r in words.indices where words[r] == "REFERENCES" && r + 1 < item.count {
                var columns = local
                if columns.isEmpty, let key = words[..<r].lastIndex(of: "KEY"), key + 1 < item.count { columns = names(item, at: key + 1) }
                let end = words[(r + 1)...].firstIndex(of: "REFERENCES") ?? item.count
                guard let d = words[(r + 1)..<end].firstIndex(of: "DEFERRABLE"), words[d - 1] != "NOT", !columns.isEmpty else { continue }
                let deferred = d + 2 < end && words[d + 1] == "INITIALLY" && words[d + 2] == "DEFERRED"
                deferrableKeys.append(DeferrableKey(columns: columns, referencedTable: Self.unquoted(item[r + 1]), deferral: deferred ? .deferred : .immediate))
            }
        }

        let tableName = tokens[..<open].last.map(Self.unquoted) ?? ""
        /// The item's conflict clauses other than the default, each with what it is of (`of`, or the item's text up to it).
        func conflicts(_ item: [Token], of owner: String?) {
            let words = item.map { $0.kind == .word ? $0.text.uppercased() : "" }
            for o in words.indices where words[o] == "ON" && o + 2 < item.count && words[o + 1] == "CONFLICT" && ["REPLACE", "IGNORE", "FAIL", "ROLLBACK"].contains(words[o + 2]) {
                let what = owner ?? "\(tableName) " + String(sql[item[0].range.lowerBound..<item[o - 1].range.upperBound])
                conflictClauses.append("ON CONFLICT \(words[o + 2]) of \(what)")
            }
        }

        for item in items where !item.isEmpty {
            let first = item[0].kind == .word ? item[0].text.uppercased() : ""
            if ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains(first) {
                deferrable(item, columns: [])
                conflicts(item, of: nil)
                var index = 0
                while index < item.count {
                    if item[index].kind == .word, item[index].text.uppercased() == "CHECK", let found = group(item, at: index + 1) {
                        checks.append(found.text)
                        index = found.next
                    } else {
                        index += 1
                    }
                }
                continue
            }
            var column = ColumnPart(name: Self.unquoted(item[0]))
            deferrable(item, columns: [column.name])
            conflicts(item, of: "\(tableName).\(column.name)")
            var index = 1
            while index < item.count {
                let word = item[index].kind == .word ? item[index].text.uppercased() : ""
                if word == "COLLATE", index + 1 < item.count {
                    let name = Self.unquoted(item[index + 1])
                    column.collation = name.uppercased() == "BINARY" ? nil : name
                    index += 2
                } else if word == "CHECK", let found = group(item, at: index + 1) {
                    column.checks.append(found.text)
                    index = found.next
                } else if word == "AS", let found = group(item, at: index + 1) {
                    column.generated = String(found.text.dropFirst().dropLast())
                    index = found.next
                } else if item[index].text == "(", let found = group(item, at: index) {
                    index = found.next  // a type's size, a DEFAULT (…), a key's columns
                } else {
                    index += 1
                }
            }
            columns.append(column)
        }
    }
}
