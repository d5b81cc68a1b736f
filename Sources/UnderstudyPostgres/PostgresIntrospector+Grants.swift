extension PostgresIntrospector {
    /// `GRANT …` for the privileges others hold on the schema's tables, views, sequences, functions
    /// and types (the owner's own are implied), as `aclexplode` lists them; named by object,
    /// privilege and grantee. Grants on the schema itself are not among them yet: they would be
    /// run on the staging schema's name before the swap.
    static func grantsQuery(schema s: String) -> String {
        """
        WITH acl AS (
          SELECT format('%s %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, c.relname) AS target, c.relname AS name, c.relowner AS owner, (aclexplode(c.relacl)).*
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relacl IS NOT NULL
          UNION ALL
          SELECT format('%s %I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.proname, pg_get_function_identity_arguments(p.oid)), p.proname, p.proowner, (aclexplode(p.proacl)).*
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = \(s) AND p.proacl IS NOT NULL AND p.prokind IN ('f', 'p')
          UNION ALL
          SELECT format('TYPE %I', t.typname), t.typname, t.typowner, (aclexplode(t.typacl)).*
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = \(s) AND t.typacl IS NOT NULL
        )
        SELECT name || ' ' || privilege_type || ' ' || CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE grantee::regrole::text END,
               format('GRANT %s ON %s TO %s%s', privilege_type, target, CASE WHEN grantee = 0 THEN 'PUBLIC' ELSE quote_ident(grantee::regrole::text) END,
                      CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
        FROM acl WHERE grantee <> owner ORDER BY 1
        """
    }
}
