import Foundation
import NIOCore
import Testing
@testable import UnderstudyCore
@testable import UnderstudyPostgres

/// The binary writers against the server's own input functions: each value is written once as
/// text (the server parses it) and once through ``PostgresBinary`` (the server's receive function
/// reads it); the two tables must hold the same values.
@Suite("PostgreSQL binary writers", .serialized)
struct BinaryWriterTests {
    static let columns: [(name: String, type: String, values: [String?])] = [
        ("span", "interval", [
            "1 year 2 mons 3 days 04:05:06.789", "-1 days +02:00:00", "00:00:00", "-3 mons", "1 day -02:00:00.000001", "90 minutes", "1.5 weeks",
            "@ 3 days ago", "2 hours 30 minutes", "P1Y2M3DT4H5M6.5S", "PT36H", "1.5 years", "0.5 mons", "10", "1 century 2 decades", "178000000 years", nil,
        ]),
        ("ip", "inet", ["10.0.0.1", "192.168.1.5/24", "::1", "2001:db8::ff00:42:8329/64", "0.0.0.0/0", "::ffff:1.2.3.4", nil, "255.255.255.255", "fe80::1", "1.2.3.4/32", "::", "10.0.0.0/8", "127.0.0.1", "2001:db8::/32", "8.8.8.8", "9.9.9.9/31", "1.1.1.1"]),
        ("net", "cidr", ["10.0.0.0/8", "192.168.1.0/24", "2001:db8::/32", "0.0.0.0/0", "::/0", "1.2.3.4/32", nil, "172.16.0.0/12", "10.1.0.0/16", "::1/128", "128.0.0.0/1", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8"]),
        ("mac", "macaddr", ["08:00:2b:01:02:03", "08-00-2b-01-02-03", "08002b:010203", "0800.2b01.0203", "08002b010203", "ff:ff:ff:ff:ff:ff", nil, "00:00:00:00:00:00", "0a:0b:0c:0d:0e:0f", "AA:BB:CC:DD:EE:FF", "01:02:03:04:05:06", "01:02:03:04:05:06", "01:02:03:04:05:06", "01:02:03:04:05:06", "01:02:03:04:05:06", "01:02:03:04:05:06", "01:02:03:04:05:06"]),
        ("mac8", "macaddr8", ["08:00:2b:01:02:03:04:05", "08:00:2b:01:02:03", nil, "0800:2b01:0203:0405", "ff:ff:ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00:00:00", "0a0b0c0d0e0f1011", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08", "01:02:03:04:05:06:07:08"]),
        ("ints", "integer[]", ["{1,NULL,-1}", "{}", "{{1,2},{3,4}}", "[0:2]={7,8,9}", "{ 5 , 6 }", nil, "{2147483647,-2147483648}", "{{{1}},{{2}}}", "{NULL}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}"]),
        ("texts", "text[]", [#"{"a\tb","line\nbreak","back\\slash",NULL,"ünï","NULL","\"q\""}"#, "{plain,words}", "{\"\"}", "{\"a,b\",\"{c}\"}", nil, "{{a,b},{c,d}}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}"]),
        ("codes", "character varying(5)[]", ["{ab,cde}", "{}", nil, "{\"a b\"}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}", "{x}"]),
        ("amounts", "numeric(10,2)[]", ["{1.5,-2.25,NaN}", "{0}", nil, "{1e3}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}", "{1}"]),
        ("flags", "boolean[]", ["{t,f,NULL}", "{true,false}", nil, "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}", "{t}"]),
        ("stamps", "timestamp with time zone[]", [#"{"2024-03-01 13:45:00+00","2000-01-01 00:00:00+05",infinity}"#, "{\"0044-03-15 00:00:00+00 BC\"}", nil, "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}"]),
        ("blobs", "bytea[]", [#"{"\\x0102ff","\\x"}"#, nil, "{NULL}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}"]),
        ("spans", "interval[]", [#"{"1 day","-02:00:00"}"#, nil, "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}"]),
        ("ids", "uuid[]", ["{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", nil, "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}", "{}"]),
    ]

    @Test("intervals, network types and arrays written in binary are the values the server reads from their text")
    func sameAsText() async throws {
        let database = try TestServer.createDatabase("binwriters")
        let definition = Self.columns.map { "\(quoted($0.name)) \($0.type)" }.joined(separator: ", ")
        try TestServer.sql(database, "CREATE TABLE as_text (id integer, \(definition)); CREATE TABLE as_binary (id integer, \(definition))")
        let rowCount = Self.columns[0].values.count
        #expect(Self.columns.allSatisfy { $0.values.count == rowCount })
        // Text: the server's input functions.
        var text = ByteBuffer()
        for row in 0..<rowCount {
            text.writeString(String(row))
            for column in Self.columns {
                text.writeString("\t")
                PostgresValues.copyField(column.values[row].map(Value.text) ?? .null, into: &text, boolean: false)
            }
            text.writeString("\n")
        }
        let session = try await PostgresSession(url: PostgresURL(try TestServer.url(database: database), role: "test"), role: "test")
        try await session.copy(into: "as_text", columns: ["id"] + Self.columns.map(\.name), binary: false, freeze: false, data: text)
        // Binary: ours.
        var buffer = ByteBuffer()
        PostgresBinary.writeHeader(into: &buffer)
        for row in 0..<rowCount {
            buffer.writeInteger(Int16(1 + Self.columns.count))
            try PostgresBinary.writeField(.integer(Int64(row)), kind: .int4, into: &buffer)
            for column in Self.columns {
                let kind = try #require(PostgresBinary.kind(of: column.type), "\(column.type)")
                try PostgresBinary.writeField(column.values[row].map(Value.text) ?? .null, kind: kind, into: &buffer)
            }
        }
        PostgresBinary.writeTrailer(into: &buffer)
        try await session.copy(into: "as_binary", columns: ["id"] + Self.columns.map(\.name), binary: true, freeze: false, data: buffer)
        await session.close()
        for column in Self.columns {
            let query = "SELECT string_agg(coalesce(\(quoted(column.name))::text, '∅') || '|' || coalesce(array_dims(\(column.type.hasSuffix("[]") ? quoted(column.name) : "NULL::int[]")), ''), ' ; ' ORDER BY id) FROM "
            #expect(try TestServer.sql(database, query + "as_binary") == (try TestServer.sql(database, query + "as_text")), "\(column.name) \(column.type)")
        }
        let whole = "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM %@ t"
        #expect(try TestServer.sql(database, whole.replacingOccurrences(of: "%@", with: "as_binary")) == (try TestServer.sql(database, whole.replacingOccurrences(of: "%@", with: "as_text"))))
    }

    @Test("values the writers cannot read are refused with what they expected, never with the value", arguments: [
        ("interval", "1-2"), ("interval", "3 fortnights"), ("interval", "P1X"), ("inet", "10.0.0.300"), ("cidr", "10.0.0.1/8"), ("macaddr", "08:00:2b:01:02"),
        ("integer[]", "{1,2"), ("integer[]", "{{1,2},{3}}"), ("text[]", "{\"open}"), ("integer[]", "{1,}"),
    ])
    func refused(type: String, text: String) throws {
        var buffer = ByteBuffer()
        let kind = try #require(PostgresBinary.kind(of: type))
        #expect { try PostgresBinary.writeField(.text(text), kind: kind, into: &buffer) } throws: { error in
            let message = (error as? PostgresBinary.EncodingError)?.message ?? ""
            return message.hasPrefix("a ") && !message.contains(text)
        }
    }

    @Test("an integer past its column's width says the width's range and the fix where a generator wrote it (it said only that the value did not fit: number.noise on a sentinel of 2147483647 stopped the run with nothing to do)")
    func integerWidth() throws {
        var buffer = ByteBuffer()
        for (kind, value, range) in [(PostgresBinary.Kind.int4, Int64(3_000_000_000), "-2147483648 … 2147483647"), (.int2, 40_000, "-32768 … 32767")] {
            #expect { try PostgresBinary.writeField(.integer(value), kind: kind, into: &buffer) } throws: { error in
                let message = (error as? PostgresBinary.EncodingError)?.message ?? ""
                return message.contains(range) && message.contains("number.noise's `min:` and `max:`") && !message.contains(String(value))
            }
        }
        try PostgresBinary.writeField(.integer(2_147_483_647), kind: .int4, into: &buffer)
    }

    @Test("a run that generates intervals, network values and arrays writes the table in binary: the other columns travel undecoded, the drawn values are the column's own")
    func run() async throws {
        let source = try TestServer.createDatabase("binrun")
        try TestServer.sql(source, """
            CREATE TABLE t (id integer PRIMARY KEY, note text, span interval, ip inet, mac macaddr, tags text[], grid integer[]);
            INSERT INTO t SELECT g, 'n' || g, g * interval '1 day 2 hours 3.5 seconds', ('10.0.' || (g % 7) || '.1/24')::inet, ('08:00:2b:01:02:0' || (g % 9))::macaddr,
              ARRAY['a b', 'c"' || (g % 5), NULL], ARRAY[[g % 3, 2], [3, NULL]] FROM generate_series(1, 200) g;
            INSERT INTO t (id, note) VALUES (0, 'empty');
            """)
        let target = try TestServer.createDatabase("binruncopy")
        let shuffle = "{ generator: categorical.shuffle }"
        let report = try await copy(yaml(try TestServer.url(database: source), try TestServer.url(database: target),
            "  t:\n    columns:\n      span: \(shuffle)\n      ip: \(shuffle)\n      mac: \(shuffle)\n      tags: \(shuffle)\n      grid: \(shuffle)"))
        #expect(report.tables.first?.undecodedColumns == ["id", "note"])
        for column in ["span", "ip", "mac", "tags", "grid"] {
            let values = "SELECT string_agg(DISTINCT \(column)::text, ' ; ') FROM t"
            let drawn = Set(try TestServer.sql(target, values).components(separatedBy: " ; "))
            #expect(drawn.isSubset(of: Set(try TestServer.sql(source, values).components(separatedBy: " ; "))), "\(column)")
            #expect(drawn.count > 1, "\(column)")
        }
        #expect(try TestServer.sql(target, "SELECT count(*) FROM t WHERE id = 0 AND span IS NULL AND ip IS NULL AND tags IS NULL AND grid IS NULL") == "1")
    }

    @Test("element types without a fixed type id (enums, domains, composites) keep arrays on the text path")
    func userTypes() {
        #expect(PostgresBinary.kind(of: "mood[]") == nil)
        #expect(PostgresBinary.kind(of: "point[]") == nil)
        #expect(PostgresBinary.kind(of: "timestamp(3) without time zone[]") == .array(.timestamp, element: 1114))
        #expect(PostgresBinary.kind(of: "character(4)[]") == .array(.text, element: 1042))
    }
}

/// Subset keys travel as bound parameters: never in the statement text the server logs and would
/// quote on an error.
@Suite("PostgreSQL subset keys", .serialized)
struct SubsetKeyTests {
    @Test("a sampled subset of hostile text keys selects exactly its rows, and no key appears in a statement the server logged")
    func boundKeys() async throws {
        let source = try TestServer.createDatabase("keysrc")
        let codes = ["O'Hara", "a\"b", "{c}", "d,e", "back\\slash", "NULL", " spaced ", "ünï", "zz-plain", "x)y", "$1", "tab\there"]
        let values = codes.map { "('" + $0.replacingOccurrences(of: "'", with: "''") + "', 'name')" }.joined(separator: ", ")
        try TestServer.sql(source, """
            CREATE TABLE people (code text PRIMARY KEY, name text);
            CREATE TABLE visits (id integer PRIMARY KEY, code text NOT NULL REFERENCES people(code), at date);
            INSERT INTO people VALUES \(values);
            INSERT INTO visits SELECT g, (SELECT code FROM people ORDER BY code OFFSET g % \(codes.count) LIMIT 1), date '2024-01-01' + g FROM generate_series(1, 120) g;
            ALTER DATABASE \(source) SET log_statement = 'all';
            """)
        let log = try #require(try TestServer.base().socketDirectory) + "/server.log"
        let start = (try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0
        let target = try TestServer.createDatabase("keydst")
        let report = try await copy(yaml(try TestServer.url(database: source), try TestServer.url(database: target), "  people:\n    columns:\n      name: person.full-name")
            + "subset:\n  targets:\n    - table: people\n      limit: 5\n")
        // Statements as the server logged them during the run (parameter values are logged apart, as DETAIL lines).
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: log))
        try handle.seek(toOffset: UInt64(start))
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let statements = text.split(separator: "\n").filter { $0.contains("LOG:  statement:") || $0.contains("LOG:  execute") }
        #expect(report.verification?.foreignKeyViolations == [])
        // The five people the sample took, and every visit of theirs.
        let kept = String(try TestServer.sql(target, "SELECT '[' || string_agg(code, '|' ORDER BY code) || ']' FROM people").dropFirst().dropLast())
        #expect(try TestServer.sql(target, "SELECT count(*) FROM people") == "5")
        let inList = kept.split(separator: "|").map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
        #expect(try TestServer.sql(target, "SELECT count(*) FROM visits") == (try TestServer.sql(source, "SELECT count(*) FROM visits WHERE code IN (\(inList))")))
        #expect(statements.contains { $0.contains("people") }, "the run's statements were logged")
        // (`NULL` and `$1` are words of SQL itself.)
        for code in kept.split(separator: "|") where !["NULL", "$1"].contains(code) {
            #expect(!statements.contains { $0.contains(code) }, "\(code)")
        }
        try TestServer.sql(source, "ALTER DATABASE \(source) RESET log_statement")
    }

    @Test("a COPY error names the line and column that failed, never the value", arguments: [
        (#"COPY t, line 10002, column v: "oops, line 3, column x: secret""#, "line 10002 of the batch, column v"),
        ("COPY people, line 7", "line 7 of the batch"),
        // A server that speaks another language (lc_messages) words the context its way.
        ("COPY t, Zeile 3, Spalte n: »n/a«", "line 3 of the batch, column n"),
        ("COPY t, ligne 3, colonne n : « n/a »", "line 3 of the batch, column n"),
        ("COPY t, línea 3, columna n: «n/a»", "line 3 of the batch, column n"),
        ("COPY t, строка 12, столбец first name: \"x\"", "line 12 of the batch, column first name"),
        ("SQL statement \"SELECT 1\"", nil),
    ])
    func copyPlace(context: String, expected: String?) {
        #expect(PostgresSession.copyPlace(context) == expected)
    }

    @Test("a read a hot standby cancels (recovery conflict) names the table and the settings that fix it; other failures get no hint")
    func standbyHint() {
        let hint = PostgresSession.readHint("canceling statement due to conflict with recovery", subject: "table big")
        #expect(hint?.contains("table big") == true && hint?.contains("hot_standby_feedback") == true)
        #expect(PostgresSession.readHint("could not read block 7", subject: "table big") == nil)
        // In another language, by SQLSTATE: a read-only snapshot of a source fails to serialize only by a recovery conflict.
        #expect(PostgresSession.readHint("storniere Anfrage wegen Konflikt mit der Wiederherstellung (SQLSTATE 40001)", subject: "table big")?.contains("hot_standby_feedback") == true)
        #expect(PostgresSession.readHint("storniere Anfrage wegen Zeitüberschreitung einer Sperre (SQLSTATE 55P03)", subject: "table big")?.contains("lock_timeout") == true)
        #expect(PostgresSession.permissionHint("CREATE SCHEMA kann nicht in einer Read-Only-Transaktion ausgeführt werden (SQLSTATE 25006)", role: "destination") == PostgresSession.readOnlyDestination)
        #expect(PostgresSession.diskFullHint("konnte Datei nicht erweitern: Auf dem Gerät ist kein Speicherplatz mehr verfügbar (SQLSTATE 53100)", role: "destination")?.contains("disk is full") == true)
        #expect(PostgresSession.permissionHint("keine Berechtigung für Tabelle secret (SQLSTATE 42501)", role: "source")?.contains("GRANT SELECT") == true)
    }

    @Test("a value PostgreSQL refuses in a COPY is named by its row and column with what to do; a SQLite source is said to hold any value in any column")
    func loadHint() {
        let hint = CopyWriter.loadHint("invalid input syntax for type bigint: …; line 3 of the batch, column i", table: "mixed", firstRow: 2_000, from: .sqlite)
        #expect(hint?.hasPrefix("row 2003 of table mixed: the value of column i does not fit") == true && hint?.contains("SQLite column holds any value") == true, "\(hint ?? "")")
        #expect(CopyWriter.loadHint("duplicate key value violates unique constraint", table: "t", firstRow: 0, from: .sqlite) == nil)
        // A date PostgreSQL cannot read: the generator that converts it is named.
        let date = CopyWriter.loadHint("date/time field value out of range: …; line 1 of the batch, column at", table: "visits", firstRow: 0, from: .sqlite)
        #expect(date?.contains("`date.iso`") == true && hint?.contains("date.iso") == false, "\(date ?? "")")
        // A NUL in a SQLite text value: the row, and what to do (the message named neither the row nor a fix).
        let nul = CopyWriter.loadHint("invalid byte sequence for encoding \"UTF8\": 0x00; line 4 of the batch", table: "notes", firstRow: 10, from: .sqlite)
        #expect(nul?.hasPrefix("row 14 of table notes holds a NUL character") == true && nul?.contains("generator") == true, "\(nul ?? "")")
        // The column too, read from the batch's own line (the server names the line only): the rows
        // as the COPY's text holds them, the NUL in the second column of the fourth line.
        var batch = ByteBuffer()
        batch.writeString("1\ta\tx\n2\tb\tx\n3\tc\tx\n4\tb\u{0}d\tx\n")
        #expect(CopyWriter.nulColumn(in: batch, line: 4, columns: ["id", "body", "tag"]) == "body")
        #expect(CopyWriter.nulColumn(in: batch, line: 2, columns: ["id", "body", "tag"]) == nil)
        let named = CopyWriter.loadHint("invalid byte sequence for encoding \"UTF8\": 0x00; line 4 of the batch", table: "notes", firstRow: 10, from: .sqlite, nulColumn: "body")
        #expect(named?.hasPrefix("row 14 of table notes: column body holds a NUL character") == true && named?.contains("on_invalid: null") == true, "\(named ?? "")")
        // Longer than a SQLite VARCHAR(5) says (SQLite does not hold it to that): the row, the column and
        // what to do (the message said only `cannot load rows 1…4 of table t (COPY)`).
        let long = CopyWriter.loadHint("value too long for type character varying(5); line 2 of the batch, column note", table: "t", firstRow: 0, from: .sqlite)
        #expect(long?.hasPrefix("row 2 of table t: the value of column note is longer than its type, character varying(5), allows") == true
                && long?.contains("does not hold a column to its declared length") == true && long?.contains("generator") == true, "\(long ?? "")")
        // Larger than a SQLite DECIMAL(5,2) says: the row, the column and what to do (it said only `cannot load rows 1…2 of table t (COPY)`).
        // A server that speaks another language: the same hints, by the message's SQLSTATE (they were lost).
        let german = CopyWriter.loadHint("ungültige Eingabesyntax für Typ bigint: … (SQLSTATE 22P02); line 3 of the batch, column i", table: "mixed", firstRow: 2_000, from: .sqlite)
        #expect(german?.hasPrefix("row 2003 of table mixed: the value of column i does not fit") == true, "\(german ?? "")")
        let germanDate = CopyWriter.loadHint("Datum/Zeit-Feldwert ist außerhalb des gültigen Bereichs: … (SQLSTATE 22008); line 1 of the batch, column at", table: "visits", firstRow: 0, from: .sqlite)
        #expect(germanDate?.contains("`date.iso`") == true, "\(germanDate ?? "")")
        let germanLong = CopyWriter.loadHint("Wert zu lang für Typ character varying(5) (SQLSTATE 22001); line 2 of the batch, column note", table: "t", firstRow: 0, from: .sqlite)
        #expect(germanLong?.hasPrefix("row 2 of table t: the value of column note is longer than its type") == true, "\(germanLong ?? "")")
        let large = CopyWriter.loadHint("numeric field overflow; line 2 of the batch, column price", table: "t", firstRow: 0, from: .sqlite)
        #expect(large?.hasPrefix("row 2 of table t: the value of column price is larger than its type's precision allows") == true
                && large?.contains("does not hold a column to its declared precision") == true && large?.contains("generator") == true, "\(large ?? "")")
    }

    @Test("decimal places: those a number's text writes, trailing zeros and exponents counted")
    func decimalPlaces() {
        #expect(["3.14159", "1.005", "12", "1.500", "-0.25", "1e-07", "1.5E+3", "2.5e1", "abc", ""].map { CopyWriter.decimalPlaces(Substring($0)) } == [5, 3, 0, 1, 2, 7, 0, 0, nil, nil])
        #expect(["numeric(5,2)", "DECIMAL(10, 4)", "NUMERIC", "decimal(7)", "text", "numeric(5,-2)"].map(CopyWriter.declaredScale) == [2, 4, nil, 0, nil, nil])
    }
}
