/// A foreign key from columns of one table to columns of another (or the same) table.
public struct ForeignKey: Sendable, Hashable, Codable {
    public var columns: [String]
    public var referencedTable: String
    public var referencedColumns: [String]
    public var onUpdate: String
    public var onDelete: String
    /// Declared in the workspace rather than in the database.
    public var isVirtual: Bool
    /// Added `NOT VALID` in the source (PostgreSQL) and never validated: it holds for rows written
    /// since, and the rows from before may reference nothing. The copy keeps it so, and verification
    /// does not count its orphans (they are the source's).
    public var isNotValid: Bool?
    /// PostgreSQL: the schema of the referenced table when the run does not copy it (`public.profiles`
    /// → `auth.users` in a copy of `public`): the key then points at the destination's own table of
    /// that name, and ``referencedTable`` is `schema.table`, which names no table of the model — not
    /// the copied table of the same name (`public.users`).
    public var referencedSchema: String?
    /// The constraint's name in the database (`exclude_objects: ["foreign key profiles.profiles_id_fkey"]`).
    public var constraintName: String?
    /// `DEFERRABLE`: checked when the transaction commits (`INITIALLY DEFERRED`), or when each
    /// statement ends unless the transaction defers it (`INITIALLY IMMEDIATE`; SQLite then checks it
    /// as it does an immediate key). Nil for a key that is not deferrable.
    public var deferral: Deferral?

    public enum Deferral: String, Sendable, Hashable, Codable {
        case immediate, deferred

        /// The clause both engines read.
        public var sql: String { self == .deferred ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE" }
    }

    /// ` ON UPDATE … ON DELETE …[ DEFERRABLE INITIALLY …]`: what a key does, as both engines write it.
    public var actions: String { " ON UPDATE \(onUpdate) ON DELETE \(onDelete)" + (deferral.map { " " + $0.sql } ?? "") }

    /// `FOREIGN KEY (…) REFERENCES t (…) ON UPDATE … ON DELETE …[ DEFERRABLE INITIALLY …]`, in
    /// `quoted` names: a key built from the model, for an engine other than its source's.
    public func definition(quoted: (String) -> String) -> String {
        "FOREIGN KEY (\(columns.map(quoted).joined(separator: ", "))) REFERENCES \(quoted(referencedTable)) (\(referencedColumns.map(quoted).joined(separator: ", ")))" + actions
    }

    public init(
        columns: [String], referencedTable: String, referencedColumns: [String],
        onUpdate: String = "NO ACTION", onDelete: String = "NO ACTION", isVirtual: Bool = false
    ) {
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onUpdate = onUpdate
        self.onDelete = onDelete
        self.isVirtual = isVirtual
    }

    /// `orders(customer_id) → customers(id)`, for messages.
    public func describe(from table: String) -> String {
        "\(table)(\(columns.joined(separator: ", "))) → \(referencedTable)(\(referencedColumns.joined(separator: ", ")))"
    }
}

extension DatabaseSchema {
    /// Declared foreign keys no engine can check: to a table the database has not, or to columns
    /// that are neither the referenced table's primary key nor unique. SQLite keeps them (it checks
    /// keys only when asked, and then fails: `foreign key mismatch`); PostgreSQL refuses them. Each
    /// with its description (`a(gone_id) → gone(id)`) and why. Keys of PostgreSQL sources (which
    /// the server checked) and keys into schemas the run does not copy are none of these.
    public func foreignKeysNoneCanCheck() -> [(table: String, key: ForeignKey, description: String)] {
        guard engine != .postgres else { return [] }
        var found: [(String, ForeignKey, String)] = []
        for table in tables {
            for key in table.foreignKeys where !key.isVirtual {
                let described = key.describe(from: table.name)
                guard let parent = self.table(named: key.referencedTable) else {
                    found.append((table.name, key, "\(described): the database has no table \(key.referencedTable)"))
                    continue
                }
                let wanted = Set(key.referencedColumns.map { $0.lowercased() })
                let unique = [parent.primaryKey] + parent.indexes.filter { $0.isUnique && $0.predicate == nil }.map(\.columns)
                if !unique.contains(where: { Set($0.map { $0.lowercased() }) == wanted && $0.count == wanted.count }) {
                    found.append((table.name, key, "\(described): \(key.referencedTable)(\(key.referencedColumns.joined(separator: ", "))) is neither its primary key nor unique"))
                }
            }
        }
        return found
    }
}
