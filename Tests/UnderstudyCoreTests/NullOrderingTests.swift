import Testing
@testable import UnderstudyCore

/// SQLite sorts NULL as the smallest value, PostgreSQL as the largest: a view's `ORDER BY email
/// DESC` (a ranking's `row_number() OVER (…)`, a `LIMIT`) answered otherwise in the copy of the
/// other engine. Each ORDER BY item that says nothing of NULLs is given the order its engine meant.
@Suite("NULL order across engines")
struct NullOrderingTests {
    @Test("ORDER BY items outside literals get their engine's NULL order, written out; explicit ones, literals and quoted names stay", arguments: [
        // SQLite's (NULL smallest): ascending NULLS FIRST, descending NULLS LAST.
        ("SELECT id, row_number() OVER (ORDER BY email DESC) AS r FROM s ORDER BY id", true,
         "SELECT id, row_number() OVER (ORDER BY email DESC NULLS LAST) AS r FROM s ORDER BY id NULLS FIRST"),
        ("SELECT a FROM t ORDER BY a, b DESC LIMIT 3", true, "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT 3"),
        ("SELECT a FROM t order by lower(a) collate nocase asc, (b + 1) desc;", true, "SELECT a FROM t order by lower(a) collate nocase asc NULLS FIRST, (b + 1) desc NULLS LAST;"),
        ("SELECT sum(x) OVER (PARTITION BY g ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t", true,
         "SELECT sum(x) OVER (PARTITION BY g ORDER BY d NULLS FIRST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t"),
        ("SELECT a FROM t ORDER BY a NULLS LAST, b DESC NULLS FIRST", true, "SELECT a FROM t ORDER BY a NULLS LAST, b DESC NULLS FIRST"),
        ("SELECT 'order by x' AS s, \"order by\" FROM t", true, "SELECT 'order by x' AS s, \"order by\" FROM t"),
        ("SELECT a FROM t WHERE a = 'it''s' ORDER BY \"Desc\"", true, "SELECT a FROM t WHERE a = 'it''s' ORDER BY \"Desc\" NULLS FIRST"),
        // PostgreSQL's (NULL largest), as pg_get_viewdef writes a view: ascending NULLS LAST, descending NULLS FIRST.
        (" SELECT s.id\n   FROM s\n  ORDER BY s.email DESC, s.id;", false, " SELECT s.id\n   FROM s\n  ORDER BY s.email DESC NULLS FIRST, s.id NULLS LAST;"),
        ("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 DESC", false, "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 DESC NULLS FIRST"),
        ("SELECT a FROM t", false, "SELECT a FROM t"),
    ] as [(String, Bool, String)])
    func explicitNulls(sql: String, nullsSmallest: Bool, expected: String) {
        #expect(NullOrdering.explicit(sql, nullsSmallest: nullsSmallest) == expected)
    }
}
