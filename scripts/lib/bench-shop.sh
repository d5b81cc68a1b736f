# The benchmark shop shared by scripts/bench-postgres and scripts/bench-subset (sourced, not run).
# make_shop DB SCALE: creates database DB with customers (email, name, phone, SSN, address),
# products, orders and order_items, all with foreign keys. SCALE=1 is ~1.5 GB (1M customers,
# 5M orders, 10M order items, 100k products). Needs PSQL=(psql … connection options).
make_shop() {
  local db="$1" scale="$2" customers products orders
  customers=$(python3 -c "print(max(1000, int(1000000 * $scale)))")
  products=$(python3 -c "print(max(100, int(100000 * $scale)))")
  orders=$(python3 -c "print(max(5000, int(5000000 * $scale)))")
  echo "generating: $customers customers, $products products, $orders orders, $((orders * 2)) order items…" >&2
  "${PSQL[@]}" -c "CREATE DATABASE $db"
  "${PSQL[@]}" -v ON_ERROR_STOP=1 -d "$db" <<SQL
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, first_name text, last_name text, phone text, ssn text, address text, country char(2) NOT NULL);
CREATE TABLE products (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), ordered_at timestamp NOT NULL, total numeric(12,2));
CREATE TABLE order_items (order_id bigint NOT NULL REFERENCES orders(id), line_no integer NOT NULL, product_id integer NOT NULL REFERENCES products(id), quantity integer NOT NULL, price numeric(10,2), PRIMARY KEY (order_id, line_no));
INSERT INTO customers SELECT g, 'customer' || g || '@mail' || (g % 50) || '.com', (ARRAY['Ana','Bo','Chen','Dana','Eli'])[1 + g % 5], 'Lastname' || (g % 9973),
  format('+1 (%s) %s-%s', 200 + g % 700, 100 + g % 900, lpad((g % 10000)::text, 4, '0')), format('%s-%s-%s', lpad((1 + g % 899)::text, 3, '0'), lpad((1 + g % 99)::text, 2, '0'), lpad((1 + g % 9999)::text, 4, '0')),
  (g % 9999) || ' Main Street', (ARRAY['US','CA','GB','DE','FR','MX','JP','BR','IN','AU'])[1 + (g * 7) % 10] FROM generate_series(1::bigint, $customers) g;
INSERT INTO products SELECT g, 'Product ' || g, (g % 10000) / 100.0 + 1 FROM generate_series(1::bigint, $products) g;
INSERT INTO orders SELECT g, 1 + (g * 7919) % $customers, timestamp '2024-01-01' + g * interval '1 minute', (g % 100000) / 100.0 FROM generate_series(1::bigint, $orders) g;
INSERT INTO order_items SELECT o, l, 1 + (o * 31 + l) % $products, 1 + o % 5, (o % 1000) / 10.0 FROM generate_series(1::bigint, $orders) o, generate_series(1, 2) l;
ANALYZE;
SQL
}
