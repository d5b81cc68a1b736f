import CSQLite; import UnderstudyCore; public enum P2 { public static func v() -> String { String(cString: sqlite3_libversion()) } }
