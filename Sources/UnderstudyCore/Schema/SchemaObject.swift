/// An object of a PostgreSQL schema copied as its definition: what `pg_dump --schema-only` shows
/// beyond tables, keys, indexes, sequences, enums, domains, functions, triggers and views.
public struct SchemaObject: Sendable, Hashable, Codable {
    /// What the object is; its ``Phase`` follows from it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case `extension`, collation, compositeType = "composite type", rangeType = "range type", aggregate, `operator`
        /// Full-text search of the schema's own: dictionaries (on the server's templates) and
        /// configurations (a parser's token types mapped to dictionaries), which generated columns,
        /// indexes and defaults name (`to_tsvector('shop_en', …)`).
        case textSearchDictionary = "text search dictionary", textSearchConfiguration = "text search configuration"
        /// A cast from or to a type of the schema, or by one of its functions (`CREATE CAST (mood AS
        /// integer) WITH FUNCTION mood_rank(mood)`): it belongs to the database, and is dropped
        /// with the type or function it uses.
        case cast
        /// Index support of the schema's own: an operator family (with the members it holds beyond
        /// its classes: cross-type operators and their functions), and an operator class in it that
        /// lets an index order, hash or search a type (`CREATE INDEX … (balance amount_ops)`).
        case operatorFamily = "operator family", operatorClass = "operator class"
        /// An encoding conversion of the schema's own (`CREATE CONVERSION latin_in FOR 'LATIN1' TO
        /// 'UTF8' FROM iso8859_1_to_utf8`), which `convert()` and a client encoding may use.
        case conversion
        /// A foreign table: its rows are another system's (a file, another server), so the copy
        /// does not create it — a copy that read them would reach that system from every
        /// developer's machine. Its `CREATE SERVER`, `CREATE FOREIGN TABLE` and comments, one
        /// statement per line, are named in the run's findings (`UND-W014`) for whoever wants it.
        case foreignTable = "foreign table"
        case partitionConstraint = "partition constraint", partitionIndex = "partition index", partitionTrigger = "partition trigger"
        /// A domain's check added `NOT VALID` (values stored before it may break it), named
        /// `domain.constraint`: added after the rows, `NOT VALID` again (`CREATE DOMAIN` takes none).
        case domainConstraint = "domain constraint"
        case materializedViewIndex = "materialized view index", rule, rowSecurity = "row security", policy, statistics, comment
        /// What makes a view writable by an application: an `INSTEAD OF` trigger on it, a default
        /// for one of its columns (`ALTER VIEW … ALTER COLUMN … SET DEFAULT`).
        case viewTrigger = "view trigger", viewDefault = "view default"
        /// How a table's columns are stored and analyzed (statistics target, storage, compression,
        /// options), its replica identity and clustered index: `ALTER TABLE ONLY …` statements.
        case tableSettings = "table settings"
        /// SQLite: a full-text index over another table's rows (`CREATE VIRTUAL TABLE t USING
        /// fts5(…, content='notes')`), created and rebuilt after the rows; or over none (`content=''`).
        case textIndex = "full-text index"
        /// SQLite: a setting the database file keeps (`PRAGMA user_version = 42`, `application_id`,
        /// `page_size`, `auto_vacuum`, `encoding`, WAL mode), as the statement that sets it.
        case setting
        /// A privilege granted on an object of the schema (copied only with `copy_privileges: true`).
        case grant
        /// The schema's own comment (its text in `definitionSQL`): set on the destination schema when it is swapped in.
        case schemaComment = "schema comment"
        /// A privilege on the schema itself, or a default privilege for objects created in it later
        /// (copied only with `copy_privileges: true`): `definitionSQL` names the schema
        /// ``schemaPlaceholder``, replaced by the destination schema's name when it is swapped in.
        case schemaGrant = "schema grant"
        /// A publication (a change-data-capture feed) of the schema's tables: its `CREATE
        /// PUBLICATION` (`table` nil), or one table of it (`table` set: `ALTER PUBLICATION … ADD
        /// TABLE ONLY …`, with its column list and row filter), or the whole schema (`ADD TABLES IN
        /// SCHEMA` ``schemaPlaceholder``). Publications are the database's: made in the swap, on the
        /// tables under their final names, where the destination has none of that name.
        case publication

        /// When the object is created in a run.
        public var phase: Phase {
            switch self {
            case .extension, .collation, .compositeType, .rangeType, .aggregate, .operator, .textSearchDictionary, .textSearchConfiguration, .cast,
                 .operatorFamily, .operatorClass, .conversion: .beforeTables
            case .schemaComment, .schemaGrant, .publication: .atSwap
            case .foreignTable: .named
            default: .afterViews
            }
        }
    }

    /// Before the tables (what their columns and defaults use), after the rows, keys and views, or
    /// when the copy's schema takes the source schema's name; or never, named in the run's
    /// findings with the statements that create it instead (`named`).
    public enum Phase: Sendable, Hashable, Codable {
        case beforeTables, afterViews, atSwap, named
    }

    public var kind: Kind
    /// The object's name (`schema.name` when several schemas are copied).
    public var name: String
    /// The table it belongs to, when it belongs to one (a policy, a rule, a partition's index).
    public var table: String?
    public var definitionSQL: String
    /// What it needs created before it, as PostgreSQL records it (``View/functionKey(_:)``,
    /// ``View/typeKey(_:)``, ``View/relationKey(_:)``, or another object's ``label``): a cast's
    /// function and types, an aggregate's state function, an operator class's operators. Nil where
    /// nothing is recorded (SQLite, objects of no recorded dependency).
    public var dependsOn: [String]?

    public init(kind: Kind, name: String, table: String? = nil, definitionSQL: String) {
        self.kind = kind
        self.name = name
        self.table = table
        self.definitionSQL = definitionSQL
    }

    /// Stands for the destination schema's (quoted) name in a ``Kind/schemaGrant``'s statement.
    public static let schemaPlaceholder = "\u{1}schema\u{1}"

    /// Whether the object is a privilege (copied only with `copy_privileges: true`).
    public var isPrivilege: Bool { kind == .grant || kind == .schemaGrant }

    /// How ``dependsOn`` and ``View/dependsOn`` name it, for the kinds others can need: an
    /// aggregate as a function (``View/functionKey(_:)``), a composite or range type as a type
    /// (``View/typeKey(_:)``), an operator, cast, conversion, operator class or family or text
    /// search object by its ``label``; nil for the rest.
    public var key: String? { Self.key(kind, name) }

    /// The ``key`` of an object of `kind` named `name`.
    public static func key(_ kind: Kind, _ name: String) -> String? {
        switch kind {
        case .aggregate: View.functionKey(name)
        case .compositeType, .rangeType: View.typeKey(name)
        case .operator, .cast, .conversion, .operatorClass, .operatorFamily, .textSearchDictionary, .textSearchConfiguration: "\(kind.rawValue) \(name)"
        default: nil
        }
    }

    /// `aggregate public.group_concat`: how a person and `exclude_objects` name it.
    public var label: String { "\(kind.rawValue) \(name)" }
}
