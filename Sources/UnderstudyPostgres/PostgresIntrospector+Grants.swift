import UnderstudyCore

extension PostgresIntrospector {
    /// `GRANT …` for the privileges others hold on the schema's tables, views, sequences, functions
    /// and types (the owner's own are implied), as `aclexplode` lists them, and `REVOKE …` for those
    /// an object's kind gives others by default that it lacks (`REVOKE EXECUTE ON FUNCTION … FROM
    /// PUBLIC`: a copy made without it left a `SECURITY DEFINER` function anyone's to call); named by
    /// object, privilege and grantee. Grants on the schema itself are in ``schemaGrantsQuery(schema:)``.
    static func grantsQuery(schema s: String) -> String {
        let grantee = "CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE quote_ident(grantee::regrole::text) END"
        let key = "name || ' ' || privilege_type || ' ' || CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END"
        return """
        WITH objects AS (
          SELECT format('%s %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname) AS target, c.relname AS name, c.relowner AS owner, c.relacl AS acl,
                 (CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char" AS kind
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s) AND (c.relkind IN ('r', 'p', 'v', 'm', 'S') OR c.relkind = 'f' AND c.relispartition) AND c.relacl IS NOT NULL
          UNION ALL
          SELECT format('%s %I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.proname, pg_get_function_identity_arguments(p.oid)), p.proname, p.proowner, p.proacl, 'f'
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(s) AND p.proacl IS NOT NULL AND p.prokind IN ('f', 'p')
          UNION ALL
          SELECT format('TYPE %I', t.typname), t.typname, t.typowner, t.typacl, 'T'
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = \(s) AND t.typacl IS NOT NULL
        ),
        acl AS (
          SELECT target, name, '' AS columns, owner, (aclexplode(acl)).* FROM objects
          UNION ALL
          SELECT format('TABLE %I', c.relname), c.relname || '.' || a.attname, format(' (%I)', a.attname), c.relowner, (aclexplode(a.attacl)).*
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = \(s) AND (c.relkind IN ('r', 'p', 'v', 'm') OR c.relkind = 'f' AND c.relispartition) AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
        ),
        revoked AS (
          SELECT o.target, o.name, d.privilege_type, d.grantee FROM objects o CROSS JOIN LATERAL aclexplode(acldefault(o.kind, o.owner)) d
          WHERE d.grantee <> o.owner AND NOT EXISTS (SELECT 1 FROM aclexplode(o.acl) a WHERE a.grantee = d.grantee AND a.privilege_type = d.privilege_type)
        )
        SELECT \(key),
               format('GRANT %s%s ON %s TO %s%s', privilege_type, columns, target, \(grantee), CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
        FROM acl WHERE grantee <> owner
        UNION ALL
        SELECT \(key) || ' revoked',
               format('REVOKE %s ON %s FROM %s', privilege_type, target, \(grantee))
        FROM revoked ORDER BY 1
        """
    }

    /// Privileges on the schema itself (`GRANT USAGE ON SCHEMA …`) and the default privileges of
    /// objects created in it later (`ALTER DEFAULT PRIVILEGES [FOR ROLE r] IN SCHEMA … GRANT …`), the
    /// schema named ``SchemaObject/schemaPlaceholder``: they are run when the copy takes the schema's
    /// name (the staging schema's would be lost at the swap).
    static func schemaGrantsQuery(schema s: String) -> String {
        let placeholder = literal(SchemaObject.schemaPlaceholder)
        return """
        WITH schema AS (SELECT oid, nspowner, nspacl FROM pg_namespace WHERE nspname = \(s)),
        own AS (SELECT (aclexplode(nspacl)).*, nspowner FROM schema),
        defaults AS (
          SELECT d.defaclrole, CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' END AS kind, (aclexplode(d.defaclacl)).*
          FROM pg_default_acl d JOIN schema ON schema.oid = d.defaclnamespace WHERE d.defaclobjtype IN ('r', 'S', 'f', 'T')
        )
        SELECT 'usage ' || privilege_type || ' ' || CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END,
               format('GRANT %s ON SCHEMA %s TO %s%s', privilege_type, \(placeholder), CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE quote_ident(grantee::regrole::text) END,
                      CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
        FROM own WHERE grantee <> nspowner
        UNION ALL
        SELECT 'default ' || defaclrole::regrole::text || ' ' || kind || ' ' || privilege_type || ' ' || CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END,
               format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %s GRANT %s ON %s TO %s%s', defaclrole::regrole::text, \(placeholder), privilege_type, kind,
                      CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE quote_ident(grantee::regrole::text) END, CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
        FROM defaults WHERE grantee <> defaclrole
        ORDER BY 1
        """
    }
}
