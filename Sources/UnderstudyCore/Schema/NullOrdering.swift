/// Where NULL sorts: SQLite takes it for the smallest value, PostgreSQL for the largest. A view's
/// `ORDER BY email DESC` — a ranking's `row_number() OVER (…)`, a `LIMIT` — answered otherwise in a
/// copy made in the other engine (the customer with no email ranked first instead of last). Each
/// ORDER BY item that says nothing of NULLs is given, written out, the order its engine meant.
public enum NullOrdering {
    /// `sql` with `NULLS FIRST` or `NULLS LAST` after each ORDER BY item outside literals and quoted
    /// names that has neither: as SQLite meant it (`nullsSmallest`: ascending first, descending
    /// last) or as PostgreSQL did (ascending last, descending first).
    public static func explicit(_ sql: String, nullsSmallest: Bool) -> String {
        let chars = Array(sql)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if let end = quotedEnd(chars, i) {
                out += chars[i..<end]
                i = end
            } else if isKeyword(chars, i, "ORDER"), let by = keyword(chars, after: i + 5, "BY") {
                out += chars[i..<by]
                i = clause(chars, from: by, into: &out, nullsSmallest: nullsSmallest)
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Words that end an ORDER BY list where they stand outside parentheses.
    static let endings = ["LIMIT", "OFFSET", "ROWS", "RANGE", "GROUPS", "FETCH", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "FOR"]

    /// Copies the ORDER BY list starting at `start` into `out`, each item's NULL order written out;
    /// the index where the list ends.
    static func clause(_ chars: [Character], from start: Int, into out: inout [Character], nullsSmallest: Bool) -> Int {
        var i = start, depth = 0, itemStart = start
        func finish(at end: Int) {
            var last = end
            while last > itemStart, chars[last - 1].isWhitespace { last -= 1 }
            out += chars[itemStart..<last]
            let item = String(chars[itemStart..<last]).uppercased()
            if last > itemStart, !item.contains("NULLS FIRST"), !item.contains("NULLS LAST") {
                let descending = item.hasSuffix("DESC") && (item.count == 4 || !isWordCharacter(Array(item)[item.count - 5]))
                out += " NULLS " + (nullsSmallest != descending ? "FIRST" : "LAST")
            }
            out += chars[last..<end]
        }
        while i < chars.count {
            if let end = quotedEnd(chars, i) {
                i = end
                continue
            }
            let c = chars[i]
            if c == "(" {
                depth += 1
            } else if c == ")" {
                if depth == 0 { finish(at: i); return i }
                depth -= 1
            } else if depth == 0 {
                if c == "," {
                    finish(at: i)
                    out.append(",")
                    i += 1
                    itemStart = i
                    continue
                }
                if c == ";" || endings.contains(where: { isKeyword(chars, i, $0) }) { finish(at: i); return i }
            }
            i += 1
        }
        finish(at: i)
        return i
    }

    /// The index after the quoted run opening at `i` (a literal, a name in double quotes, backticks
    /// or brackets; a doubled quote inside it is part of it), or nil.
    static func quotedEnd(_ chars: [Character], _ i: Int) -> Int? {
        let open = chars[i]
        guard let close: Character = open == "'" || open == "\"" || open == "`" ? open : open == "[" ? "]" : nil else { return nil }
        var j = i + 1
        while j < chars.count {
            if chars[j] == close {
                if close != "]", j + 1 < chars.count, chars[j + 1] == close { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return chars.count
    }

    /// A character of a name or keyword (letters, digits, `_`, `$`).
    public static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }

    /// Whether the word `word` (in any case) stands at `i`.
    static func isKeyword(_ chars: [Character], _ i: Int, _ word: String) -> Bool {
        let letters = Array(word)
        guard i + letters.count <= chars.count, i == 0 || !isWordCharacter(chars[i - 1]),
              i + letters.count == chars.count || !isWordCharacter(chars[i + letters.count]) else { return false }
        return zip(chars[i..<(i + letters.count)], letters).allSatisfy { $0.uppercased() == String($1) }
    }

    /// The index after `word`, following white space from `i`, or nil.
    static func keyword(_ chars: [Character], after i: Int, _ word: String) -> Int? {
        var j = i
        while j < chars.count, chars[j].isWhitespace { j += 1 }
        return j > i && isKeyword(chars, j, word) ? j + word.count : nil
    }
}
