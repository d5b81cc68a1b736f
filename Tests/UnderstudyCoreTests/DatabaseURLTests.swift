import Foundation
import Testing
@testable import UnderstudyCore

@Suite("Database URLs")
struct DatabaseURLTests {
    @Test("withoutSecrets leaves no password: in the user part, in sslpassword, in libpq's password parameter, or in a user part that removing one forms (a case the fuzzer found)")
    func withoutSecrets() {
        let cases: [(String, String?)] = [
            ("postgres://u:secret@db.example/app", "postgres://u@db.example/app"),
            ("postgres://u@db.example/app?sslmode=require&sslpassword=k&application_name=x", "postgres://u@db.example/app?sslmode=require&application_name=x"),
            ("postgresql://db.example/app?sslpassword=k", "postgresql://db.example/app"),
            ("postgres://db.example/app", nil),
            ("postgresql:///app?host=/run/postgresql&password=k&port=5433", "postgresql:///app?host=/run/postgresql&port=5433"),
            ("postgres://u@h/app?user=v&password=k", "postgres://u@h/app?user=v"),
            ("sqlite:///tmp/a.db", nil),
            // Removing `&sslpassword=/&` joins `u:p&` and `@h` into a user part with a password.
            ("postgres://u:p&sslpassword=/&@h", "postgres://u@h"),
        ]
        for (url, expected) in cases {
            let stripped = DatabaseURL.withoutSecrets(url)
            #expect(stripped == expected, "\(url)")
            if let stripped { #expect(DatabaseURL.withoutSecrets(stripped) == nil, "\(stripped) still holds a secret") }
        }
    }

    @Test("a SQLite path that begins with ~/ is in the home folder of whoever runs it, as a shell reads it (`sqlite:~/data/app.db` was read as a folder named ~ beside the workspace); ~ elsewhere, or ~user, is a name like any other")
    func homeFolder() throws {
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        for url in ["sqlite:~/data/app.db", "sqlite://~/data/app.db", "file:~/data/app.db"] {
            #expect(try DatabaseURL(url, role: "source", relativeTo: "/work") == .sqlite(path: URL(fileURLWithPath: home).appendingPathComponent("data/app.db").path), "\(url)")
        }
        #expect(try DatabaseURL("sqlite:data/~/app.db", role: "source", relativeTo: "/work") == .sqlite(path: "/work/data/~/app.db"))
        #expect(try DatabaseURL("sqlite:~other/app.db", role: "source", relativeTo: "/work") == .sqlite(path: "/work/~other/app.db"))
    }

    @Test("a SQLite URL's parameters are read, not dropped: `mode=ro` on a source is what a source always is; on a destination, and any other parameter (`cache=shared`, `journal_mode=wal`), is refused, naming it and the fix")
    func sqliteParameters() throws {
        #expect(try DatabaseURL("sqlite:app.db?mode=ro", role: "source", relativeTo: "/work") == .sqlite(path: "/work/app.db"))
        #expect(try DatabaseURL("sqlite:///data/app.db?mode=ro", role: "--source", relativeTo: "/work") == .sqlite(path: "/data/app.db"))
        #expect { try DatabaseURL("sqlite:dev.db?mode=ro", role: "destination", relativeTo: "/work") } throws: { error in
            "\(error)".contains("destination") && "\(error)".contains("mode=ro") && "\(error)".contains("written")
        }
        for (url, parameter) in [("sqlite:app.db?cache=shared", "cache"), ("sqlite:app.db?mode=ro&journal_mode=wal", "journal_mode"), ("sqlite:app.db?mode=rwc", "mode=rwc"), ("sqlite:app.db?", "?")] {
            #expect { try DatabaseURL(url, role: "source", relativeTo: "/work") } throws: { error in
                "\(error)".contains(parameter) && "\(error)".contains("sqlite:app.db")
            }
        }
    }

    @Test("a SQLite URL typed in one folder is rewritten for a file in another so that both name the same file: a relative path relative to the file's folder, its spaces encoded, its parameters kept; an absolute or ~/ path, a PostgreSQL URL and the same folder as they were", arguments: [
        ("sqlite://chinook.db", "/work", "/work/sub", "sqlite://../chinook.db"),
        ("sqlite:data/app.db?mode=ro", "/work", "/work/sub/deeper", "sqlite://../../data/app.db?mode=ro"),
        ("sqlite://my%20dir/app.db", "/work", "/work/sub", "sqlite://../my%20dir/app.db"),
        ("sqlite://app.db", "/work/sub", "/work", "sqlite://sub/app.db"),
        ("sqlite://app.db", "/work", "/other", "sqlite:///work/app.db"),
        ("sqlite:///abs/app.db", "/work", "/work/sub", "sqlite:///abs/app.db"),
        ("sqlite:~/app.db", "/work", "/work/sub", "sqlite:~/app.db"),
        ("sqlite://app.db", "/work", "/work", "sqlite://app.db"),
        ("postgres://u@h/db", "/work", "/work/sub", "postgres://u@h/db"),
    ])
    func rebasedPaths(text: String, typed: String, file: String, expected: String) throws {
        let rebased = DatabaseURL.rebased(text, from: typed, to: file)
        #expect(rebased == expected)
        // Both name the same database.
        #expect(try DatabaseURL(rebased, role: "source", relativeTo: file) == DatabaseURL(text, role: "source", relativeTo: typed))
    }
}
