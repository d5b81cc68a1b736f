-- A schema with every object kind issue 12 names, for the fidelity tests: a passthrough copy must
-- reproduce what `pg_dump --schema-only` shows of it (ownership and privileges aside).
SET check_function_bodies = false;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
-- Extensions that own a domain (lo), a view and a function (pg_buffercache), and types (ltree): the
-- extension makes them; copied as the schema's own as well, they failed the copy (`type "lo" already exists`).
CREATE EXTENSION IF NOT EXISTS lo WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_buffercache WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public;
CREATE COLLATION public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
-- Full-text search of its own: a dictionary, and a configuration using it that a generated column and an index read.
CREATE TEXT SEARCH DICTIONARY public.simple_en (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION public.shop_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION public.shop_en ALTER MAPPING FOR asciiword WITH public.simple_en, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION public.shop_en IS 'product search';
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN public.email AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');
CREATE TYPE public.money_amount AS (currency char(3), cents bigint);
CREATE TYPE public.price_range AS RANGE (subtype = numeric);
COMMENT ON TYPE public.mood IS 'how a customer felt';

CREATE FUNCTION public.concat_sep(acc text, next text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN acc IS NULL THEN next ELSE acc || ', ' || next END
$$;
CREATE AGGREGATE public.group_concat(text) (SFUNC = public.concat_sep, STYPE = text);
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END
$$;
CREATE PROCEDURE public.archive_before(cutoff date) LANGUAGE sql AS $$
  DELETE FROM public.orders WHERE ordered_on < cutoff
$$;
CREATE FUNCTION public.cents_eq(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT a.currency = b.currency AND a.cents = b.cents
$$;
CREATE OPERATOR public.=== (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.cents_eq);
COMMENT ON FUNCTION public.touch() IS 'keeps updated_at current';
-- A cast of the schema's own type (pg_dump shows casts only in a whole dump; the application uses it).
CREATE FUNCTION public.mood_rank(public.mood) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT array_position(enum_range(NULL::public.mood), $1) $$;
CREATE CAST (public.mood AS integer) WITH FUNCTION public.mood_rank(public.mood) AS ASSIGNMENT;
-- Casts to and from text of the schema's own types, for display: `value::text` is no longer the
-- value's text (a copy that read it so wrote 'EUR 12.50' where '(EUR,1250)' belongs).
CREATE FUNCTION public.amount_label(public.money_amount) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.currency || ' ' || ($1.cents / 100.0)::text $$;
CREATE CAST (public.money_amount AS text) WITH FUNCTION public.amount_label(public.money_amount);
CREATE FUNCTION public.amount_parse(text) RETURNS public.money_amount LANGUAGE sql IMMUTABLE AS $$ SELECT ROW(split_part($1, ' ', 1), (split_part($1, ' ', 2)::numeric * 100)::bigint)::public.money_amount $$;
CREATE CAST (text AS public.money_amount) WITH FUNCTION public.amount_parse(text);
CREATE FUNCTION public.mood_label(public.mood) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'feeling ' || $1::name $$;
CREATE CAST (public.mood AS text) WITH FUNCTION public.mood_label(public.mood);

CREATE SEQUENCE public.invoice_numbers START 1000 INCREMENT 7;
SELECT setval('public.invoice_numbers', 1042);

CREATE TABLE public.customers (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL COLLATE public.ci,
  email public.email UNIQUE,
  mood public.mood DEFAULT 'ok',
  balance public.money_amount,
  budget public.price_range,
  tenant text NOT NULL DEFAULT current_user,
  updated_at timestamptz,
  CONSTRAINT name_not_blank CHECK (name <> '')
);
COMMENT ON TABLE public.customers IS 'people who buy';
COMMENT ON COLUMN public.customers.email IS 'where receipts go';
CREATE INDEX customers_name_trgm ON public.customers USING gin (name gin_trgm_ops);
CREATE INDEX customers_lower_email ON public.customers (lower(email)) WHERE email IS NOT NULL;
CREATE STATISTICS public.customers_mood_tenant (dependencies) ON mood, tenant FROM public.customers;
ALTER STATISTICS public.customers_mood_tenant SET STATISTICS 500;
CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
-- Triggers switched off, or on for replication only: they stay so.
CREATE TRIGGER customers_touch_later BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
ALTER TABLE public.customers DISABLE TRIGGER customers_touch_later;
CREATE TRIGGER customers_touch_replica BEFORE INSERT ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
ALTER TABLE public.customers ENABLE REPLICA TRIGGER customers_touch_replica;
ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON public.customers USING (tenant = current_user);

CREATE TABLE public.orders (
  id bigserial,
  customer_id integer NOT NULL REFERENCES public.customers (id),
  ordered_on date NOT NULL,
  region text NOT NULL,
  invoice integer DEFAULT nextval('public.invoice_numbers'),
  total numeric(12, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);
CREATE TABLE public.orders_2023 PARTITION OF public.orders FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE public.orders_2024 PARTITION OF public.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
  PARTITION BY RANGE (ordered_on);
CREATE TABLE public.orders_2024_h1 PARTITION OF public.orders_2024 FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE public.orders_2024_rest PARTITION OF public.orders_2024 (region DEFAULT 'eu') DEFAULT;
CREATE TABLE public.regions (code text PRIMARY KEY) PARTITION BY LIST (code);
CREATE TABLE public.regions_eu PARTITION OF public.regions FOR VALUES IN ('eu');
CREATE TABLE public.regions_other PARTITION OF public.regions FOR VALUES IN ('us', 'apac');
CREATE TABLE public.orders_later PARTITION OF public.orders DEFAULT;
CREATE INDEX orders_region ON public.orders (region);
ALTER TABLE public.orders_2023 ADD CONSTRAINT orders_2023_positive CHECK (total >= 0);
CREATE INDEX orders_2023_total ON public.orders_2023 (total);
ALTER TABLE public.orders_2023 CLUSTER ON orders_2023_total;
-- A trigger of one partition alone.
CREATE TRIGGER orders_2023_closed BEFORE UPDATE ON public.orders_2023 FOR EACH ROW EXECUTE FUNCTION public.touch();
COMMENT ON TABLE public.orders_2023 IS 'closed year';

CREATE TABLE public.order_notes (
  id integer PRIMARY KEY,
  order_id bigint NOT NULL,
  ordered_on date NOT NULL,
  body text,
  FOREIGN KEY (order_id, ordered_on) REFERENCES public.orders (id, ordered_on)
);
-- Exclusion constraints: a customer's bookings that are not cancelled never overlap (gist, with
-- btree_gist's = on integers), and one booking per customer starts on a day (btree, an expression).
CREATE TABLE public.bookings (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES public.customers (id),
  during tsrange NOT NULL,
  cancelled boolean NOT NULL DEFAULT false,
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (customer_id WITH =, during WITH &&) WHERE (NOT cancelled)
);
ALTER TABLE public.bookings ADD CONSTRAINT bookings_one_start_a_day EXCLUDE USING btree (customer_id WITH =, ((lower(during))::date) WITH =);
-- Inheritance other than partitions: a parent holds its own rows (read ONLY), a child its own with
-- the parent's columns and CHECK; a second level below it.
CREATE TABLE public.places (id integer PRIMARY KEY, name text NOT NULL, CONSTRAINT name_given CHECK (name <> ''));
CREATE TABLE public.warehouses (docks integer NOT NULL DEFAULT 1, CONSTRAINT some_docks CHECK (docks > 0)) INHERITS (public.places);
CREATE TABLE public.cold_stores (celsius numeric(4, 1)) INHERITS (public.warehouses);
ALTER TABLE public.warehouses ALTER COLUMN name SET DEFAULT 'unnamed';
ALTER TABLE public.cold_stores ALTER COLUMN docks SET DEFAULT 4;
-- Foreign keys to unique indexes (not constraints), one of them of the table itself; ON DELETE SET
-- NULL of some columns, a deferred key.
CREATE TABLE public.accounts (id integer NOT NULL, code text NOT NULL, parent_code text);
CREATE UNIQUE INDEX accounts_code ON public.accounts (code);
CREATE UNIQUE INDEX accounts_id ON public.accounts (id);
ALTER TABLE public.accounts ADD CONSTRAINT accounts_parent FOREIGN KEY (parent_code) REFERENCES public.accounts (code) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE public.postings (id integer PRIMARY KEY, account_id integer, amount numeric(10, 2),
  FOREIGN KEY (account_id) REFERENCES public.accounts (id) ON DELETE SET NULL (account_id));
-- A typed table.
CREATE TABLE public.balances OF public.money_amount (currency WITH OPTIONS NOT NULL DEFAULT 'EUR', PRIMARY KEY (currency));
-- An identity column with options of its own.
CREATE TABLE public.tickets (id bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 500 INCREMENT BY 10) PRIMARY KEY, subject text,
  search tsvector GENERATED ALWAYS AS (to_tsvector('public.shop_en'::regconfig, coalesce(subject, ''))) STORED);
CREATE INDEX tickets_subject ON public.tickets USING gin (to_tsvector('public.shop_en'::regconfig, subject));
-- How tables are stored: unlogged with storage parameters; a column's statistics target, storage,
-- compression and options; replica identity; a clustered index.
CREATE UNLOGGED TABLE public.scratch (id integer PRIMARY KEY, payload text) WITH (fillfactor = 70, autovacuum_enabled = false);
ALTER TABLE public.scratch ALTER COLUMN payload SET STATISTICS 500;
ALTER TABLE public.scratch ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE public.scratch ALTER COLUMN payload SET COMPRESSION pglz;
ALTER TABLE public.scratch ALTER COLUMN payload SET (n_distinct = 100);
ALTER TABLE public.scratch REPLICA IDENTITY USING INDEX scratch_pkey;
ALTER TABLE public.customers REPLICA IDENTITY FULL;
CREATE TABLE public.events (id integer NOT NULL, kind text NOT NULL) PARTITION BY HASH (id);
CREATE TABLE public.events_0 PARTITION OF public.events FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.events_1 PARTITION OF public.events FOR VALUES WITH (MODULUS 2, REMAINDER 1);
ALTER TABLE public.events_0 ADD PRIMARY KEY (id);
ALTER TABLE public.events_1 ADD PRIMARY KEY (id);

-- An operator class of the schema's own type (a btree index orders balances by it), in a family of
-- its own name with a loose cross-type member; a family of another name that a second class joins.
CREATE FUNCTION public.amount_cmp(a public.money_amount, b public.money_amount) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a.cents < b.cents THEN -1 WHEN a.cents > b.cents THEN 1 ELSE 0 END $$;
CREATE FUNCTION public.amount_cents_cmp(a public.money_amount, b bigint) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a.cents < b THEN -1 WHEN a.cents > b THEN 1 ELSE 0 END $$;
CREATE FUNCTION public.amount_lt(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents < b.cents $$;
CREATE FUNCTION public.amount_le(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents <= b.cents $$;
CREATE FUNCTION public.amount_eq(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents = b.cents $$;
CREATE FUNCTION public.amount_ge(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents >= b.cents $$;
CREATE FUNCTION public.amount_gt(a public.money_amount, b public.money_amount) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents > b.cents $$;
CREATE FUNCTION public.amount_cents_lt(a public.money_amount, b bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a.cents < b $$;
CREATE FUNCTION public.amount_hash(a public.money_amount) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT hashint8(a.cents) $$;
CREATE OPERATOR public.<# (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.amount_lt);
CREATE OPERATOR public.<=# (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.amount_le);
CREATE OPERATOR public.=# (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.amount_eq, HASHES);
CREATE OPERATOR public.>=# (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.amount_ge);
CREATE OPERATOR public.># (LEFTARG = public.money_amount, RIGHTARG = public.money_amount, FUNCTION = public.amount_gt);
CREATE OPERATOR public.<# (LEFTARG = public.money_amount, RIGHTARG = bigint, FUNCTION = public.amount_cents_lt);
CREATE OPERATOR CLASS public.amount_ops FOR TYPE public.money_amount USING btree AS
  OPERATOR 1 public.<#, OPERATOR 2 public.<=#, OPERATOR 3 public.=#, OPERATOR 4 public.>=#, OPERATOR 5 public.>#,
  FUNCTION 1 public.amount_cmp(public.money_amount, public.money_amount);
ALTER OPERATOR FAMILY public.amount_ops USING btree ADD OPERATOR 1 public.<# (public.money_amount, bigint),
  FUNCTION 1 (public.money_amount, bigint) public.amount_cents_cmp(public.money_amount, bigint);
CREATE OPERATOR FAMILY public.amount_hashing USING hash;
CREATE OPERATOR CLASS public.amount_hash_ops DEFAULT FOR TYPE public.money_amount USING hash FAMILY public.amount_hashing AS
  OPERATOR 1 public.=#, FUNCTION 1 public.amount_hash(public.money_amount);
CREATE TABLE public.wallets (id integer PRIMARY KEY, balance public.money_amount NOT NULL);
CREATE INDEX wallets_balance ON public.wallets (balance public.amount_ops);
CREATE INDEX wallets_balance_hash ON public.wallets USING hash (balance);
-- A check calling a function of the table's row type; a default calling a function whose
-- SQL-standard body reads a table.
CREATE FUNCTION public.wallet_ok(w public.wallets) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT (w.balance).cents >= 0 $$;
ALTER TABLE public.wallets ADD CONSTRAINT wallet_ok CHECK (public.wallet_ok(wallets.*));
CREATE TABLE public.invoice_counter (id integer PRIMARY KEY, last_code integer NOT NULL);
INSERT INTO public.invoice_counter VALUES (1, 7000);
CREATE FUNCTION public.next_invoice_code() RETURNS integer LANGUAGE sql VOLATILE
BEGIN ATOMIC
  SELECT last_code + 1 FROM public.invoice_counter WHERE id = 1;
END;
CREATE TABLE public.invoices (id integer PRIMARY KEY, code integer NOT NULL DEFAULT public.next_invoice_code());
INSERT INTO public.invoices (id) VALUES (1), (2);
-- A column whose default draws from one sequence while another is OWNED BY it, and a sequence that
-- counts down and cycles: each keeps its own position (the owned one was set past the column's values).
CREATE SEQUENCE public.countdown START 5 INCREMENT -1 MINVALUE 1 MAXVALUE 5 CYCLE;
CREATE TABLE public.ticks (id integer PRIMARY KEY, tick integer NOT NULL DEFAULT nextval('public.countdown'));
CREATE SEQUENCE public.spare_ticks OWNED BY public.ticks.tick;
INSERT INTO public.ticks (id) SELECT g FROM generate_series(1, 3) g;
-- A deferred constraint trigger.
CREATE FUNCTION public.tick_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.tick > 5 THEN RAISE EXCEPTION 'tick'; END IF; RETURN NULL; END $$;
CREATE CONSTRAINT TRIGGER ticks_guard AFTER INSERT OR UPDATE ON public.ticks DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.tick_guard();
-- Constraints added NOT VALID over rows that break them (the application's legacy rows): a check, and
-- a foreign key whose orphans the source keeps.
CREATE DOMAIN public.line_weight AS numeric(8, 2);
CREATE TABLE public.legacy_lines (id integer PRIMARY KEY, qty integer, parent_id integer, weight public.line_weight);
INSERT INTO public.legacy_lines VALUES (1, 5, NULL, 2.5), (2, -3, 1, -1), (3, 0, 99, NULL);
ALTER TABLE public.legacy_lines ADD CONSTRAINT legacy_qty_positive CHECK (qty > 0) NOT VALID;
ALTER TABLE public.legacy_lines ADD CONSTRAINT legacy_parent FOREIGN KEY (parent_id) REFERENCES public.legacy_lines (id) NOT VALID;
-- A domain's check added NOT VALID over a value stored before it.
ALTER DOMAIN public.line_weight ADD CONSTRAINT line_weight_positive CHECK (VALUE >= 0) NOT VALID;
-- A function of a SQL-standard body (bound when it is created) that reads a table and a view, and a
-- view that calls it.
-- Functions of a table's row type (an index calls one), one returning a table's rows, one a view's.
CREATE FUNCTION public.customer_label(c public.customers) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT c.name || ' <' || coalesce(c.email, '') || '>' $$;
CREATE INDEX customers_label ON public.customers (public.customer_label(customers.*));
CREATE FUNCTION public.orders_since(day date) RETURNS SETOF public.orders LANGUAGE sql STABLE AS $$ SELECT * FROM public.orders WHERE ordered_on >= day $$;
CREATE FUNCTION public.orders_of(customer integer) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM public.orders o WHERE o.customer_id = customer;
END;

-- A view defined before the view it uses is created (dependency order), a rule, a materialized view with an index.
CREATE VIEW public.customer_summary AS
  SELECT c.id, c.name, public.group_concat(o.region) AS regions, count(o.id) AS orders
  FROM public.customers c LEFT JOIN public.orders o ON o.customer_id = c.id GROUP BY c.id, c.name;
CREATE VIEW public.happy_customers AS SELECT id, name FROM public.customer_summary WHERE orders > 1;
COMMENT ON VIEW public.happy_customers IS 'repeat buyers';
-- Views with options: a security barrier, a check option, security_invoker.
CREATE VIEW public.big_orders WITH (security_barrier = true) AS SELECT id, ordered_on, total FROM public.orders WHERE total > 100 WITH CASCADED CHECK OPTION;
CREATE VIEW public.my_customers WITH (security_invoker = true) AS SELECT id, name FROM public.customers;
CREATE RULE notes_no_delete AS ON DELETE TO public.order_notes DO INSTEAD NOTHING;
-- A view the application writes through: an INSTEAD OF trigger, a default for a column of the view.
CREATE FUNCTION public.my_customers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO public.customers (name) VALUES (NEW.name) RETURNING id INTO NEW.id; RETURN NEW; END
$$;
CREATE TRIGGER my_customers_insert INSTEAD OF INSERT ON public.my_customers FOR EACH ROW EXECUTE FUNCTION public.my_customers_insert();
ALTER VIEW public.my_customers ALTER COLUMN name SET DEFAULT 'walk-in';
CREATE FUNCTION public.happy_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM public.happy_customers;
END;
CREATE FUNCTION public.top_customers() RETURNS SETOF public.customer_summary LANGUAGE sql STABLE AS $$ SELECT * FROM public.customer_summary ORDER BY orders DESC, id LIMIT 3 $$;
CREATE VIEW public.customer_activity AS SELECT c.id, public.orders_of(c.id) AS orders, public.happy_count() AS happy FROM public.customers c;
CREATE MATERIALIZED VIEW public.sales_by_region AS
  SELECT region, count(*) AS orders, sum(total) AS total FROM public.orders GROUP BY region;
CREATE UNIQUE INDEX sales_by_region_key ON public.sales_by_region (region);
-- A materialized view the application fills itself (REFRESH on a schedule): not populated.
CREATE MATERIALIZED VIEW public.nightly_totals AS SELECT ordered_on, sum(total) AS total FROM public.orders GROUP BY ordered_on WITH NO DATA;

DO $$ BEGIN CREATE ROLE understudy_fixture_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT SELECT ON public.customers, public.customer_summary TO understudy_fixture_reader;
GRANT EXECUTE ON FUNCTION public.concat_sep(text, text) TO understudy_fixture_reader;
GRANT UPDATE (name, mood) ON public.customers TO understudy_fixture_reader;
-- Privileges taken from PUBLIC, which has them by default: to call a function, to use a type or a domain.
REVOKE EXECUTE ON FUNCTION public.next_invoice_code() FROM PUBLIC;
REVOKE USAGE ON TYPE public.price_range FROM PUBLIC;
REVOKE USAGE ON DOMAIN public.line_weight FROM PUBLIC;
INSERT INTO public.customers (name, email, mood, balance, budget, tenant)
  SELECT 'Customer ' || g, 'c' || g || '@shop.example', (ARRAY['sad','ok','happy'])[1 + g % 3]::public.mood,
         ROW('EUR', g * 100)::public.money_amount, public.price_range(g, g + 10), 'tenant' || (g % 2)
  FROM generate_series(1, 60) g;
INSERT INTO public.regions VALUES ('eu'), ('us'), ('apac');
INSERT INTO public.orders (customer_id, ordered_on, region, total)
  SELECT 1 + g % 60, date '2023-01-01' + (g % 900), (ARRAY['eu','us','apac'])[1 + g % 3], g % 500
  FROM generate_series(1, 1200) g;
INSERT INTO public.order_notes SELECT g, o.id, o.ordered_on, 'note ' || g FROM generate_series(1, 100) g JOIN public.orders o ON o.id = g;
INSERT INTO public.bookings SELECT g, 1 + g % 60, tsrange(timestamp '2024-01-01' + ((g / 60) * 3 || ' days')::interval,
    timestamp '2024-01-01' + ((g / 60) * 3 || ' days')::interval + ((1 + g % 47) || ' hours')::interval), g % 11 = 0
  FROM generate_series(1, 1500) g;
INSERT INTO public.places SELECT g, 'place ' || g FROM generate_series(1, 20) g;
INSERT INTO public.warehouses SELECT g, 'warehouse ' || g, 1 + g % 4 FROM generate_series(21, 30) g;
INSERT INTO public.cold_stores SELECT g, 'cold store ' || g, 2, -18.5 FROM generate_series(31, 33) g;
INSERT INTO public.accounts VALUES (1, 'ROOT', NULL), (2, 'SALES', 'ROOT'), (3, 'COSTS', 'ROOT');
INSERT INTO public.postings SELECT g, 1 + g % 3, g * 1.5 FROM generate_series(1, 30) g;
INSERT INTO public.balances VALUES ('EUR', 100), ('USD', 5);
INSERT INTO public.wallets SELECT g, ROW('EUR', g * 7 % 40)::public.money_amount FROM generate_series(1, 40) g;
INSERT INTO public.tickets (subject) SELECT 'ticket ' || g FROM generate_series(1, 5) g;
INSERT INTO public.scratch SELECT g, repeat('x', g) FROM generate_series(1, 50) g;
INSERT INTO public.events SELECT g, 'k' || (g % 5) FROM generate_series(1, 300) g;
REFRESH MATERIALIZED VIEW public.sales_by_region;
-- Privileges on the schema itself, and default privileges of objects created in it later.
GRANT USAGE, CREATE ON SCHEMA public TO understudy_fixture_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO understudy_fixture_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO understudy_fixture_reader;
-- Publications (a change-data-capture feed): of some tables, with a column list and a row filter;
-- of the whole schema; of every table of the database.
CREATE PUBLICATION orders_feed FOR TABLE public.orders, public.customers (id, name, email) WHERE (id > 0), public.places
  WITH (publish = 'insert, update', publish_via_partition_root = true);
CREATE PUBLICATION "Schema Feed" FOR TABLES IN SCHEMA public WITH (publish = 'insert');
CREATE PUBLICATION every_table FOR ALL TABLES;
