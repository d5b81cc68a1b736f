import UnderstudyCore

/// The objects of a schema beyond tables, keys, indexes, sequences, enums, domains, functions,
/// triggers and views: what else `pg_dump --schema-only` shows of it. Each is read from the
/// catalog as the statement that recreates it, formatted by the server (`format('%I', …)`,
/// `pg_get_*def`) so that quoting is the server's own; objects that belong to an extension are
/// left to the extension.
extension PostgresIntrospector {
    /// `WHERE` clause keeping objects of `catalog` (`pg_proc`, `pg_type`, …) that no extension owns.
    static func notInExtension(_ catalog: String, _ alias: String) -> String {
        "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '\(catalog)'::regclass AND d.objid = \(alias).oid AND d.deptype = 'e')"
    }

    func objects(schema: String, prefix: String, qualifiers: Qualifiers) async throws -> [SchemaObject] {
        let s = literal(schema)
        var objects: [SchemaObject] = []
        func add(_ kind: SchemaObject.Kind, _ rows: [[String?]], table: Bool = false) {
            for row in rows {
                guard let name = row[0], let sql = row.last ?? nil else { continue }
                objects.append(SchemaObject(
                    kind: kind, name: prefix + name, table: table ? row[1].map { prefix + $0 } : nil, definitionSQL: Self.unqualified(sql, schema: qualifiers)))
            }
        }
        // Extensions installed in the schema: created (or moved) into the copy's schema first.
        add(.extension, try await session.rows("""
            SELECT e.extname, format('CREATE EXTENSION IF NOT EXISTS %I', e.extname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE n.nspname = \(s) ORDER BY e.extname
            """))
        add(.collation, try await session.rows("""
            SELECT c.collname, format('CREATE COLLATION %I (provider = %s, deterministic = %s, %s)', c.collname,
                     CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' ELSE 'libc' END,
                     CASE WHEN c.collisdeterministic THEN 'true' ELSE 'false' END,
                     CASE WHEN c.collprovider = 'i' THEN format('locale = %L', coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'))
                          ELSE format('lc_collate = %L, lc_ctype = %L', c.collcollate, c.collctype) END)
            FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_collation", "c")) ORDER BY c.oid
            """))
        add(.compositeType, try await session.rows("""
            SELECT t.typname, format('CREATE TYPE %I AS (%s)', t.typname,
                     (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))
                        || CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END, ', ' ORDER BY a.attnum)
                      FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid
            WHERE n.nspname = \(s) AND t.typtype = 'c' AND c.relkind = 'c' AND \(Self.notInExtension("pg_type", "t")) ORDER BY t.oid
            """))
        add(.rangeType, try await session.rows("""
            SELECT t.typname, format('CREATE TYPE %I AS RANGE (subtype = %s%s%s%s%s)', t.typname, format_type(r.rngsubtype, NULL),
                     CASE WHEN r.rngsubdiff <> 0 THEN ', subtype_diff = ' || r.rngsubdiff::regproc::text ELSE '' END,
                     CASE WHEN r.rngcanonical <> 0 THEN ', canonical = ' || r.rngcanonical::regproc::text ELSE '' END,
                     CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> (SELECT typcollation FROM pg_type WHERE oid = r.rngsubtype) THEN ', collation = ' || r.rngcollation::regcollation::text ELSE '' END,
                     format(', multirange_type_name = %I', mt.typname))
            FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type mt ON mt.oid = r.rngmultitypid
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_type", "t")) ORDER BY t.oid
            """))
        add(.aggregate, try await session.rows("""
            SELECT p.proname, format('CREATE AGGREGATE %I(%s) (SFUNC = %s, STYPE = %s%s%s%s%s%s%s%s%s)', p.proname, pg_get_function_arguments(p.oid),
                     a.aggtransfn::regproc::text, format_type(a.aggtranstype, NULL),
                     CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace ELSE '' END,
                     CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END,
                     CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END
                     -- (A final function's MODIFY where it is not the kind's default: READ_ONLY for a plain aggregate, READ_WRITE for an ordered-set one.)
                     || CASE WHEN a.aggfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END
                          THEN ', FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END ELSE '' END,
                     -- The moving-aggregate mode a window with a moving frame uses.
                     CASE WHEN a.aggmtransfn <> 0 THEN ', MSFUNC = ' || a.aggmtransfn::regproc::text || ', MINVFUNC = ' || a.aggminvtransfn::regproc::text
                          || ', MSTYPE = ' || format_type(a.aggmtranstype, NULL)
                          || CASE WHEN a.aggmtransspace <> 0 THEN ', MSSPACE = ' || a.aggmtransspace ELSE '' END
                          || CASE WHEN a.aggmfinalfn <> 0 THEN ', MFINALFUNC = ' || a.aggmfinalfn::regproc::text ELSE '' END
                          || CASE WHEN a.aggmfinalextra THEN ', MFINALFUNC_EXTRA' ELSE '' END
                          || CASE WHEN a.aggmfinalmodify <> CASE a.aggkind WHEN 'n' THEN 'r' ELSE 'w' END
                               THEN ', MFINALFUNC_MODIFY = ' || CASE a.aggmfinalmodify WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END ELSE '' END
                          || CASE WHEN a.aggminitval IS NOT NULL THEN ', MINITCOND = ' || quote_literal(a.aggminitval) ELSE '' END
                     ELSE '' END,
                     CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END,
                     CASE WHEN a.aggserialfn <> 0 THEN ', SERIALFUNC = ' || a.aggserialfn::regproc::text || ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text ELSE '' END,
                     CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END,
                     CASE WHEN a.aggsortop <> 0 THEN ', SORTOP = ' || a.aggsortop::regoperator::text ELSE '' END
                     || CASE p.proparallel WHEN 's' THEN ', PARALLEL = SAFE' WHEN 'r' THEN ', PARALLEL = RESTRICTED' ELSE '' END
                     || CASE WHEN a.aggkind = 'h' THEN ', HYPOTHETICAL' ELSE '' END)
            FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_proc", "p")) ORDER BY p.oid
            """))
        add(.operator, try await session.rows("""
            SELECT o.oprname, format('CREATE OPERATOR %s (FUNCTION = %s%s%s%s%s%s%s%s)', o.oprname, o.oprcode::regproc::text,
                     CASE WHEN o.oprleft <> 0 THEN ', LEFTARG = ' || format_type(o.oprleft, NULL) ELSE '' END,
                     CASE WHEN o.oprright <> 0 THEN ', RIGHTARG = ' || format_type(o.oprright, NULL) ELSE '' END,
                     CASE WHEN o.oprcom <> 0 THEN ', COMMUTATOR = OPERATOR(' || (SELECT oprname FROM pg_operator WHERE oid = o.oprcom) || ')' ELSE '' END,
                     CASE WHEN o.oprnegate <> 0 THEN ', NEGATOR = OPERATOR(' || (SELECT oprname FROM pg_operator WHERE oid = o.oprnegate) || ')' ELSE '' END,
                     CASE WHEN o.oprrest <> 0 THEN ', RESTRICT = ' || o.oprrest::regproc::text ELSE '' END,
                     CASE WHEN o.oprjoin <> 0 THEN ', JOIN = ' || o.oprjoin::regproc::text ELSE '' END,
                     CASE WHEN o.oprcanhash THEN ', HASHES' ELSE '' END || CASE WHEN o.oprcanmerge THEN ', MERGES' ELSE '' END)
            FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_operator", "o")) ORDER BY o.oid
            """))
        add(.cast, try await session.rows("""
            SELECT format('%s AS %s', c.castsource::regtype, c.casttarget::regtype), format('CREATE CAST (%s AS %s) %s%s', c.castsource::regtype, c.casttarget::regtype,
                     CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END,
                     CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END)
            FROM pg_cast c JOIN pg_namespace n ON n.nspname = \(s)
            WHERE c.oid >= 16384 AND \(Self.notInExtension("pg_cast", "c"))
              -- (A range type's cast to its multirange is the server's, made with the type.)
              AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_cast'::regclass AND i.objid = c.oid AND i.deptype = 'i') AND (
              EXISTS (SELECT 1 FROM pg_type t WHERE t.oid IN (c.castsource, c.casttarget) AND t.typnamespace = n.oid)
              OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.oid = c.castfunc AND p.pronamespace = n.oid))
            ORDER BY c.oid
            """))
        add(.conversion, try await session.rows("""
            SELECT c.conname, format('CREATE %sCONVERSION %I FOR %L TO %L FROM %s', CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END, c.conname,
                     pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding), c.conproc::regproc::text)
            FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_conversion", "c")) ORDER BY c.oid
            """))
        // A foreign table, as pg_dump writes it: its server, the table with its columns' options,
        // NOT NULL and defaults, then its comments, one statement per line (named, not created).
        let options = "(SELECT string_agg(format('%I %L', split_part(o, '=', 1), substr(o, strpos(o, '=') + 1)), ', ') FROM unnest(%OPTIONS%) o)"
        func withOptions(_ column: String) -> String {
            "CASE WHEN \(column) IS NOT NULL THEN ' OPTIONS (' || \(options.replacingOccurrences(of: "%OPTIONS%", with: column)) || ')' ELSE '' END"
        }
        add(.foreignTable, try await session.rows("""
            SELECT c.relname, format('CREATE SERVER %I%s%s FOREIGN DATA WRAPPER %I%s', s.srvname, coalesce(' TYPE ' || quote_literal(s.srvtype), ''),
                     coalesce(' VERSION ' || quote_literal(s.srvversion), ''), w.fdwname, \(withOptions("s.srvoptions")))
                   || format(E';\nCREATE FOREIGN TABLE %I (%s) SERVER %I%s', c.relname,
                     (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)) || \(withOptions("a.attfdwoptions"))
                        || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid), ''), ', ' ORDER BY a.attnum)
                      FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                     s.srvname, \(withOptions("ft.ftoptions")))
                   || coalesce((SELECT string_agg(CASE WHEN d.objsubid = 0 THEN format(E';\nCOMMENT ON FOREIGN TABLE %I IS %L', c.relname, d.description)
                                  ELSE format(E';\nCOMMENT ON COLUMN %I.%I IS %L', c.relname, a.attname, d.description) END, '' ORDER BY d.objsubid)
                                FROM pg_description d LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
                                WHERE d.classoid = 'pg_class'::regclass AND d.objoid = c.oid), '')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_foreign_table ft ON ft.ftrelid = c.oid
            JOIN pg_foreign_server s ON s.oid = ft.ftserver JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
            WHERE n.nspname = \(s) AND c.relkind = 'f' AND NOT c.relispartition AND \(Self.notInExtension("pg_class", "c")) ORDER BY c.relname
            """))
        // Operator families, each with its loose members (a cross-type operator, its support
        // function), then the classes, each naming its family: pg_dump's way, which recreates a
        // family of a class's own name too. An operator or function as `name(types)`; `FOR ORDER BY`
        // names its sort family.
        let member = """
            (SELECT string_agg(m, ', ' ORDER BY k, n, m) FROM (
               SELECT 0 AS k, o.amopstrategy AS n, format('OPERATOR %s %s%s', o.amopstrategy, o.amopopr::regoperator,
                        CASE WHEN o.amoppurpose = 'o' THEN format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname) ELSE '' END) AS m
               FROM pg_amop o LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
               JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = o.oid WHERE %WHERE%
               UNION ALL
               SELECT 1, p.amprocnum, format('FUNCTION %s (%s, %s) %s', p.amprocnum, format_type(p.amproclefttype, NULL), format_type(p.amprocrighttype, NULL), p.amproc::regprocedure)
               FROM pg_amproc p JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = p.oid WHERE %WHERE%) members)
            """
        add(.operatorFamily, try await session.rows("""
            SELECT f.opfname, format('CREATE OPERATOR FAMILY %I USING %I', f.opfname, am.amname)
                     || coalesce(format('; ALTER OPERATOR FAMILY %I USING %I ADD ', f.opfname, am.amname)
                     || \(member.replacingOccurrences(of: "%WHERE%", with: "d.refclassid = 'pg_opfamily'::regclass AND d.refobjid = f.oid")), '')
            FROM pg_opfamily f JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_opfamily", "f")) ORDER BY f.oid
            """))
        add(.operatorClass, try await session.rows("""
            SELECT c.opcname, format('CREATE OPERATOR CLASS %I%s FOR TYPE %s USING %I FAMILY %I.%I AS %s%s', c.opcname, CASE WHEN c.opcdefault THEN ' DEFAULT' ELSE '' END,
                     format_type(c.opcintype, NULL), am.amname, fn.nspname, f.opfname,
                     \(member.replacingOccurrences(of: "%WHERE%", with: "d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid")),
                     CASE WHEN c.opckeytype <> 0 THEN ', STORAGE ' || format_type(c.opckeytype, NULL) ELSE '' END)
            FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
            JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_opclass", "c")) ORDER BY c.oid
            """))
        // Full-text search: dictionaries on a template with their options (`stopwords = 'english'`),
        // then configurations: the parser, and each token type's dictionaries in order.
        add(.textSearchDictionary, try await session.rows("""
            SELECT td.dictname, format('CREATE TEXT SEARCH DICTIONARY %I (TEMPLATE = %I.%I%s)', td.dictname, tn.nspname, t.tmplname,
                     CASE WHEN td.dictinitoption IS NOT NULL THEN ', ' || td.dictinitoption ELSE '' END)
            FROM pg_ts_dict td JOIN pg_namespace n ON n.oid = td.dictnamespace JOIN pg_ts_template t ON t.oid = td.dicttemplate JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_ts_dict", "td")) ORDER BY td.oid
            """))
        add(.textSearchConfiguration, try await session.rows("""
            SELECT c.cfgname, format('CREATE TEXT SEARCH CONFIGURATION %I (PARSER = %I.%I)', c.cfgname, pn.nspname, p.prsname)
                     || coalesce((SELECT string_agg(format('; ALTER TEXT SEARCH CONFIGURATION %I ADD MAPPING FOR %s WITH %s', c.cfgname, tt.alias, m.dictionaries), '' ORDER BY m.maptokentype)
                        FROM (SELECT maptokentype, string_agg(format('%I.%I', dn.nspname, td.dictname), ', ' ORDER BY mapseqno) AS dictionaries
                              FROM pg_ts_config_map JOIN pg_ts_dict td ON td.oid = mapdict JOIN pg_namespace dn ON dn.oid = td.dictnamespace
                              WHERE mapcfg = c.oid GROUP BY maptokentype) m
                        JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype), '')
            FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace JOIN pg_ts_parser p ON p.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = p.prsnamespace
            WHERE n.nspname = \(s) AND \(Self.notInExtension("pg_ts_config", "c")) ORDER BY c.oid
            """))
        // A domain's check added NOT VALID (values stored before it may break it): added after the rows, NOT VALID again.
        add(.domainConstraint, try await session.rows("""
            SELECT t.typname || '.' || con.conname, format('ALTER DOMAIN %I ADD CONSTRAINT %I %s', t.typname, con.conname, pg_get_constraintdef(con.oid))
            FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = \(s) AND NOT con.convalidated AND \(Self.notInExtension("pg_type", "t")) ORDER BY t.typname, con.conname
            """))
        // A partition's own constraints and indexes (those not inherited from its parent).
        add(.partitionConstraint, try await session.rows("""
            SELECT con.conname, c.relname, format('ALTER TABLE %I ADD CONSTRAINT %I %s', c.relname, con.conname, pg_get_constraintdef(con.oid))
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND c.relispartition AND con.contype IN ('p', 'u', 'c', 'f', 'x') AND con.conparentid = 0 AND con.conislocal AND con.coninhcount = 0
            ORDER BY CASE con.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'c' THEN 2 WHEN 'x' THEN 3 ELSE 4 END, c.relname, con.conname
            """), table: true)
        add(.partitionIndex, try await session.rows("""
            SELECT ic.relname, c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND c.relispartition AND i.indisvalid AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY c.relname, ic.relname
            """), table: true)
        // A trigger of a partition alone (not one its parent's trigger made on it: those come with the parent's).
        add(.partitionTrigger, try await session.rows(Self.triggersQuery(schema: s, relation: """
            c.relispartition AND NOT EXISTS (SELECT 1 FROM pg_depend pd WHERE pd.classid = 'pg_trigger'::regclass AND pd.objid = t.oid AND pd.deptype IN ('P', 'S'))
            """)), table: true)
        add(.materializedViewIndex, try await session.rows("""
            SELECT ic.relname, c.relname, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND c.relkind = 'm' AND i.indisvalid ORDER BY c.relname, ic.relname
            """), table: true)
        add(.viewTrigger, try await session.rows(Self.triggersQuery(schema: s, relation: "c.relkind = 'v'")), table: true)
        add(.viewDefault, try await session.rows("""
            SELECT c.relname || '.' || a.attname, c.relname, format('ALTER VIEW %I ALTER COLUMN %I SET DEFAULT %s', c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid))
            FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE n.nspname = \(s) AND c.relkind = 'v' ORDER BY c.relname, a.attnum
            """), table: true)
        add(.rule, try await session.rows("""
            SELECT r.rulename, c.relname, pg_get_ruledef(r.oid) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND r.rulename <> '_RETURN' ORDER BY c.relname, r.rulename
            """), table: true)
        add(.rowSecurity, try await session.rows("""
            SELECT c.relname, c.relname, concat_ws('; ', CASE WHEN c.relrowsecurity THEN format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', c.relname) END,
                     CASE WHEN c.relforcerowsecurity THEN format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', c.relname) END)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) AND (c.relrowsecurity OR c.relforcerowsecurity) ORDER BY c.relname
            """), table: true)
        add(.policy, try await session.rows("""
            SELECT p.policyname, p.tablename, format('CREATE POLICY %I ON %I AS %s FOR %s TO %s%s%s', p.policyname, p.tablename, p.permissive, p.cmd,
                     (SELECT string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE quote_ident(r) END, ', ') FROM unnest(p.roles) r),
                     CASE WHEN p.qual IS NOT NULL THEN ' USING (' || p.qual || ')' ELSE '' END,
                     CASE WHEN p.with_check IS NOT NULL THEN ' WITH CHECK (' || p.with_check || ')' ELSE '' END)
            FROM pg_policies p WHERE p.schemaname = \(s) ORDER BY p.tablename, p.policyname
            """), table: true)
        // (Each part reads the schema's own relations only, not every column of the database.)
        add(.tableSettings, try await session.rows("""
            WITH own AS (SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s) AND c.relkind IN ('r', 'p'))
            SELECT c.relname, c.relname, string_agg(setting, '; ' ORDER BY ord, setting) FROM (
              SELECT a.attrelid AS rel, 0 AS ord, concat_ws('; ',
                CASE WHEN a.attstattarget >= 0 THEN format('ALTER TABLE ONLY %I ALTER COLUMN %I SET STATISTICS %s', c.relname, a.attname, a.attstattarget) END,
                CASE WHEN a.attstorage <> t.typstorage THEN format('ALTER TABLE ONLY %I ALTER COLUMN %I SET STORAGE %s', c.relname, a.attname,
                  CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END) END,
                CASE WHEN a.attcompression::text <> '' THEN format('ALTER TABLE ONLY %I ALTER COLUMN %I SET COMPRESSION %s', c.relname, a.attname,
                  CASE a.attcompression WHEN 'p' THEN 'pglz' ELSE 'lz4' END) END,
                CASE WHEN a.attoptions IS NOT NULL THEN format('ALTER TABLE ONLY %I ALTER COLUMN %I SET (%s)', c.relname, a.attname, array_to_string(a.attoptions, ', ')) END) AS setting
              FROM pg_attribute a JOIN own c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
              WHERE a.attnum > 0 AND NOT a.attisdropped AND (a.attstattarget >= 0 OR a.attstorage <> t.typstorage OR a.attcompression::text <> '' OR a.attoptions IS NOT NULL)
              UNION ALL
              SELECT c.oid, 1, CASE c.relreplident WHEN 'f' THEN format('ALTER TABLE ONLY %I REPLICA IDENTITY FULL', c.relname)
                  WHEN 'n' THEN format('ALTER TABLE ONLY %I REPLICA IDENTITY NOTHING', c.relname)
                  ELSE format('ALTER TABLE ONLY %I REPLICA IDENTITY USING INDEX %I', c.relname,
                    (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND i.indisreplident)) END
              FROM own JOIN pg_class c ON c.oid = own.oid WHERE c.relreplident IN ('f', 'n', 'i')
              UNION ALL
              -- A partition's default of its own (`PARTITION OF events (note DEFAULT 'kid')`), or none where its parent has one.
              SELECT a.attrelid, 0, CASE WHEN d.adbin IS NULL THEN format('ALTER TABLE ONLY %I ALTER COLUMN %I DROP DEFAULT', c.relname, a.attname)
                  ELSE format('ALTER TABLE ONLY %I ALTER COLUMN %I SET DEFAULT %s', c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)) END
              FROM own c JOIN pg_class pc ON pc.oid = c.oid AND pc.relispartition JOIN pg_inherits h ON h.inhrelid = c.oid
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
              JOIN pg_attribute pa ON pa.attrelid = h.inhparent AND pa.attname = a.attname
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
              WHERE pg_get_expr(d.adbin, d.adrelid) IS DISTINCT FROM pg_get_expr(pd.adbin, pd.adrelid)
              UNION ALL
              SELECT i.indrelid, 2, format('ALTER TABLE ONLY %I CLUSTER ON %I', c.relname, ic.relname)
              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN own c ON c.oid = i.indrelid WHERE i.indisclustered
            ) settings JOIN own c ON c.oid = settings.rel GROUP BY c.relname ORDER BY c.relname
            """), table: true)
        // Each with its statistics target (`ALTER STATISTICS … SET STATISTICS 500`): -1, or from
        // PostgreSQL 17 null, for the default. (No comment inside the query: its text reaches a
        // LATIN1 server, which refused the `…`.)
        add(.statistics, try await session.rows("""
            SELECT x.stxname, pg_get_statisticsobjdef(x.oid)
                     || CASE WHEN x.stxstattarget >= 0 THEN format('; ALTER STATISTICS %I.%I SET STATISTICS %s', n.nspname, x.stxname, x.stxstattarget) ELSE '' END
            FROM pg_statistic_ext x JOIN pg_namespace n ON n.oid = x.stxnamespace
            WHERE n.nspname = \(s) ORDER BY x.stxname
            """))
        // Publications of the schema's tables, of the whole schema, of every table: each created as
        // it is (`publish`, `publish_via_partition_root`), then its tables in this schema (`ONLY`:
        // a child of an inheritance is a member of its own).
        let version = session.connection.serverVersion
        let ofSchema = version >= 150_000
            ? "OR EXISTS (SELECT 1 FROM pg_publication_namespace pn JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid AND n.nspname = \(s))" : ""
        add(.publication, try await session.rows("""
            SELECT p.pubname, format('CREATE PUBLICATION %I%s WITH (publish = %L%s)', p.pubname, CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END,
                     concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                       CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END),
                     CASE WHEN p.pubviaroot THEN ', publish_via_partition_root = true' ELSE '' END)
            FROM pg_publication p
            WHERE p.puballtables OR EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                                            WHERE pr.prpubid = p.oid AND n.nspname = \(s)) \(ofSchema)
            ORDER BY p.pubname
            """))
        add(.publication, try await session.rows("""
            SELECT p.pubname, c.relname, format('ALTER PUBLICATION %I ADD TABLE ONLY %I', p.pubname, c.relname) || \(Self.publicationMemberDetails(version: version))
            FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(s) ORDER BY p.pubname, c.relname
            """), table: true)
        if version >= 150_000 {
            for row in try await session.rows("""
                SELECT p.pubname, format('ALTER PUBLICATION %I ADD TABLES IN SCHEMA ', p.pubname)
                FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid JOIN pg_namespace n ON n.oid = pn.pnnspid
                WHERE n.nspname = \(s) ORDER BY p.pubname
                """) {
                guard let name = row[0], let sql = row[1] else { continue }
                objects.append(SchemaObject(kind: .publication, name: prefix + name, definitionSQL: sql + SchemaObject.schemaPlaceholder))
            }
        }
        add(.comment, try await session.rows(Self.commentsQuery(schema: s)))
        add(.grant, try await session.rows(Self.grantsQuery(schema: s)))
        add(.schemaGrant, try await session.rows(Self.schemaGrantsQuery(schema: s)))
        return objects
    }

    /// What follows `ALTER PUBLICATION … ADD TABLE ONLY t` for a member `pr` of `pg_publication_rel`:
    /// its column list and row filter (PostgreSQL 15's), as SQL text.
    static func publicationMemberDetails(version: Int) -> String {
        guard version >= 150_000 else { return "''" }
        return """
            CASE WHEN pr.prattrs IS NOT NULL THEN ' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = pr.prrelid AND a.attnum = ANY(pr.prattrs)) || ')' ELSE '' END
            || CASE WHEN pr.prqual IS NOT NULL THEN ' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')' ELSE '' END
            """
    }

    /// `COMMENT ON …` for every commented object of the schema, formatted by the server.
    private static func commentsQuery(schema s: String) -> String {
        """
        SELECT c.relname || coalesce('.' || a.attname, ''), CASE WHEN d.objsubid > 0 THEN format('COMMENT ON COLUMN %I.%I IS %L', c.relname, a.attname, d.description)
                 ELSE format('COMMENT ON %s %I IS %L', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                   WHEN 'i' THEN 'INDEX' WHEN 'I' THEN 'INDEX' ELSE 'TABLE' END, c.relname, d.description) END
        FROM pg_description d JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
        WHERE n.nspname = \(s) AND c.relkind <> 'c' AND NOT (c.relkind = 'f' AND NOT c.relispartition) AND \(notInExtension("pg_class", "c"))
        UNION ALL
        SELECT t.typname, format('COMMENT ON %s %I IS %L', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, t.typname, d.description)
        FROM pg_description d JOIN pg_type t ON d.classoid = 'pg_type'::regclass AND d.objoid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = \(s) AND \(notInExtension("pg_type", "t"))
        UNION ALL
        SELECT p.proname, format('COMMENT ON %s %I(%s) IS %L', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                 p.proname, pg_get_function_identity_arguments(p.oid), d.description)
        FROM pg_description d JOIN pg_proc p ON d.classoid = 'pg_proc'::regclass AND d.objoid = p.oid JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = \(s) AND \(notInExtension("pg_proc", "p"))
        UNION ALL
        SELECT con.conname, format('COMMENT ON CONSTRAINT %I ON %s%I IS %L', con.conname, CASE WHEN con.contypid <> 0 THEN 'DOMAIN ' ELSE '' END,
                 coalesce(c.relname, t.typname), d.description)
        FROM pg_description d JOIN pg_constraint con ON d.classoid = 'pg_constraint'::regclass AND d.objoid = con.oid JOIN pg_namespace n ON n.oid = con.connamespace
        LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid
        WHERE n.nspname = \(s)
        UNION ALL
        SELECT tg.tgname, format('COMMENT ON TRIGGER %I ON %I IS %L', tg.tgname, c.relname, d.description)
        FROM pg_description d JOIN pg_trigger tg ON d.classoid = 'pg_trigger'::regclass AND d.objoid = tg.oid JOIN pg_class c ON c.oid = tg.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s)
        UNION ALL
        SELECT pol.polname, format('COMMENT ON POLICY %I ON %I IS %L', pol.polname, c.relname, d.description)
        FROM pg_description d JOIN pg_policy pol ON d.classoid = 'pg_policy'::regclass AND d.objoid = pol.oid JOIN pg_class c ON c.oid = pol.polrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s)
        UNION ALL
        SELECT r.rulename, format('COMMENT ON RULE %I ON %I IS %L', r.rulename, c.relname, d.description)
        FROM pg_description d JOIN pg_rewrite r ON d.classoid = 'pg_rewrite'::regclass AND d.objoid = r.oid JOIN pg_class c ON c.oid = r.ev_class
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(s)
        UNION ALL
        SELECT x.stxname, format('COMMENT ON STATISTICS %I IS %L', x.stxname, d.description)
        FROM pg_description d JOIN pg_statistic_ext x ON d.classoid = 'pg_statistic_ext'::regclass AND d.objoid = x.oid JOIN pg_namespace n ON n.oid = x.stxnamespace
        WHERE n.nspname = \(s)
        UNION ALL
        SELECT x.dictname, format('COMMENT ON TEXT SEARCH DICTIONARY %I IS %L', x.dictname, d.description)
        FROM pg_description d JOIN pg_ts_dict x ON d.classoid = 'pg_ts_dict'::regclass AND d.objoid = x.oid JOIN pg_namespace n ON n.oid = x.dictnamespace
        WHERE n.nspname = \(s)
        UNION ALL
        SELECT x.cfgname, format('COMMENT ON TEXT SEARCH CONFIGURATION %I IS %L', x.cfgname, d.description)
        FROM pg_description d JOIN pg_ts_config x ON d.classoid = 'pg_ts_config'::regclass AND d.objoid = x.oid JOIN pg_namespace n ON n.oid = x.cfgnamespace
        WHERE n.nspname = \(s)
        UNION ALL
        SELECT co.collname, format('COMMENT ON COLLATION %I IS %L', co.collname, d.description)
        FROM pg_description d JOIN pg_collation co ON d.classoid = 'pg_collation'::regclass AND d.objoid = co.oid JOIN pg_namespace n ON n.oid = co.collnamespace
        WHERE n.nspname = \(s)
        ORDER BY 1, 2
        """
    }
}
