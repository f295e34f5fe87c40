// Loads the DDL of hand-built schemas into a throwaway PostgreSQL cluster and checks, through the
// catalog, that every table, key, constraint and enum type the schema should have is there — and
// that what the emitter leaves out is exactly what PostgreSQL would have refused. Then SQL files
// go through the SQL reader and back out as DDL: a PostgreSQL file must come back identical
// (catalog for catalog, constraint names included), MySQL and SQLite files must load. Last, the
// same DDL loads into PGlite, the embedded PostgreSQL the `verify` command uses.
import { after, before, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import { emitPostgresDdl } from '../../src/core/emit/ddl';
import { quotedKeywords } from '../../src/core/emit/pg-expression';
import type { Schema } from '../../src/core/ir';
import { postgresBinDir, startPostgres, type PgCluster } from '../support/postgres';
import { requireOrSkip } from '../support/e2e';
import { readSchema } from '../../src/core/readers';
import { caseSchemas } from './case-schemas';
import { catalog } from './pg-catalog';
import {
  col,
  cycleSchema,
  fk,
  id,
  mysqlSchema,
  namesSchema,
  prismaSchema,
  schemaOf,
  shopSchema,
  socialSchema,
  sqliteSchema,
  table,
} from '../emit/schemas';

let pg: PgCluster | undefined;
let databases = 0;

before(async () => {
  if (postgresBinDir() !== undefined) pg = await startPostgres();
});

after(() => pg?.stop());

/** Creates a fresh database, loads the schema's DDL into it and returns the database name. */
async function load(t: TestContext, schema: Schema): Promise<string | undefined> {
  if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return undefined;
  const db = `ddl_${++databases}`;
  await pg!.createDatabase(db);
  await pg!.psql(emitPostgresDdl(schema), db);
  return db;
}

/** Rows of a query, each a `|`-separated line, sorted. */
async function rows(db: string, sql: string): Promise<string[]> {
  const out = await pg!.psql(sql, db);
  return out.split('\n').filter((l) => l.length > 0).sort();
}

/** `table: kinds` with one letter per constraint (p, u, c, f), sorted, for every user table. */
async function constraintKinds(db: string): Promise<string[]> {
  return rows(
    db,
    `SELECT c.conrelid::regclass::text || ': ' || string_agg(c.contype::text, '' ORDER BY c.contype::text)
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.conrelid <> 0
      GROUP BY c.conrelid`,
  );
}

async function enums(db: string): Promise<string[]> {
  return rows(
    db,
    `SELECT t.typnamespace::regnamespace::text || '.' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.oid`,
  );
}

test('ddl e2e: the PostgreSQL shop loads with every key, check, enum and default', async (t) => {
  const db = await load(t, shopSchema());
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), [
    'categories: fpu',
    'customers: cpu',
    'order_lines: cffp',
    'orders: ccfp',
    'product_categories: ffp',
    'products: cpu',
  ]);
  assert.deepEqual(await enums(db), ['public.order_status pending,paid,in-transit,Shipped']);
  assert.deepEqual(
    await rows(db, `SELECT table_name || '.' || column_name || ' ' || udt_name || ' ' || is_nullable || ' ' || is_identity || ' ' || coalesce(column_default, '-')
                      FROM information_schema.columns WHERE table_name IN ('orders', 'products')`),
    [
      "orders.customer_id int4 NO NO -",
      "orders.id int8 NO YES -",
      "orders.placed_on date NO NO CURRENT_DATE",
      "orders.shipped_at timestamp YES NO -",
      "orders.status order_status NO NO 'pending'::order_status",
      "orders.total numeric NO NO 0",
      "products.attributes jsonb NO NO '{}'::jsonb",
      "products.id uuid NO NO gen_random_uuid()",
      "products.ip inet YES NO -",
      "products.opens_at time YES NO -",
      "products.photo bytea YES NO -",
      "products.price numeric NO NO -",
      "products.ratio float8 YES NO -",
      "products.sku bpchar NO NO -",
      "products.tags _text NO NO '{}'::text[]",
      "products.ttl interval YES NO -",
    ],
  );
  // The checks are enforced as written.
  await pg!.psql("INSERT INTO customers (email) VALUES ('ann@example.org')", db);
  await assert.rejects(pg!.psql("INSERT INTO customers (email) VALUES ('no-at-sign')", db), /customers_email_has_at/);
  await assert.rejects(pg!.psql("INSERT INTO orders (customer_id, status) VALUES (1, 'Shipped')", db), /shipped_after/);
});

test('ddl e2e: FK cycles load (nullable and deferrable), with deferred checks at commit', async (t) => {
  const db = await load(t, cycleSchema());
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), ['a: fp', 'b: fp', 'departments: fp', 'employees: ffp']);
  const deferred = await rows(db, "SELECT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND condeferrable AND condeferred");
  assert.deepEqual(deferred, ['a', 'b']);
  // Both rows of the deferrable NOT NULL cycle go in one transaction, in either order.
  await pg!.psql('BEGIN; INSERT INTO a (id, b_id) VALUES (1, 1); INSERT INTO b (id, a_id) VALUES (1, 1); COMMIT;', db);
  await assert.rejects(pg!.psql('BEGIN; INSERT INTO a (id, b_id) VALUES (2, 99); COMMIT;', db), /violates foreign key/);
});

test('ddl e2e: schema-qualified, quoted mixed-case and reserved names, composite FK', async (t) => {
  const db = await load(t, namesSchema());
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), [
    '"OrderNotes": ccfp',
    '"user": p',
    'auth.sessions: fp',
    'auth.users: pu',
    'user_flags: fp',
  ]);
  assert.deepEqual(await enums(db), ['auth.role admin,member']);
  assert.deepEqual(
    await rows(db, `SELECT attname FROM pg_attribute WHERE attrelid = '"OrderNotes"'::regclass AND attnum > 0`),
    ['noteId', 'noteText', 'order', 'user'],
  );
  const fk = await rows(db, "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'user_flags'::regclass AND contype = 'f'");
  assert.deepEqual(fk, ['user_flags_owner FOREIGN KEY ("group", "select") REFERENCES "user"("group", "select")']);
});

test('ddl e2e: MySQL-flavoured tables load; what PostgreSQL would refuse is left out', async (t) => {
  const schema = mysqlSchema();
  const ddl = emitPostgresDdl(schema);
  const db = await load(t, schema);
  if (db === undefined) return;
  // Accounts: PK, the named unique, two of four checks; Invoices: PK, a unique whose name clashed
  // (MySQL names are per table, PostgreSQL index names per schema), one check, one of two FKs.
  assert.deepEqual(await constraintKinds(db), ['"Accounts": ccpu', '"Invoices": cfpu']);
  assert.deepEqual(await enums(db), ['public.Accounts_Kind free,pro,']);
  assert.match(ddl, /-- CHECK \(`IsActive` in \(0,1\)\) left out: it compares column "IsActive" \(boolean\) with the number 0/);
  assert.match(ddl, /-- CHECK \(`Email` REGEXP '\^\[\^@\]\+@'\) left out/);
  assert.match(ddl, /-- Foreign key Invoices \(AccountEmail\) -> Accounts \(Visits\) left out: .*not a primary key or unique constraint/);
  assert.deepEqual(
    await rows(db, `SELECT column_name || ' ' || udt_name || ' ' || coalesce(column_default, '-') FROM information_schema.columns WHERE table_name = 'Accounts'`),
    [
      'AccountId int4 -',
      'CreatedAt timestamp CURRENT_TIMESTAMP',
      'Email varchar -',
      'IsActive bool true',
      `Kind Accounts_Kind 'free'::"Accounts_Kind"`,
      'Location text -',
      'UpdatedAt timestamp -',
      'Visits int8 0',
    ],
  );
});

test('ddl e2e: SQLite-flavoured checks and defaults are translated or left out', async (t) => {
  const schema = sqliteSchema();
  const ddl = emitPostgresDdl(schema);
  const db = await load(t, schema);
  if (db === undefined) return;
  const checks = await rows(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0");
  assert.deepEqual(checks, ['CHECK (((stamp % 2) = 0))', 'CHECK ((length(title) > 0))', "CHECK ((title <> 'untitled'::text))"]);
  assert.match(ddl, /typeof\(\) .*|calls typeof\(\)/);
  assert.match(ddl, /created timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP/);
  assert.match(ddl, /stamp integer, -- DEFAULT left out: strftime\('%s','now'\) is not an expression PostgreSQL is known to accept/);
  assert.match(ddl, /done boolean NOT NULL DEFAULT false/);
});

test('ddl e2e: Prisma relationMode = "prisma" relations are not created', async (t) => {
  const schema = prismaSchema();
  const ddl = emitPostgresDdl(schema);
  const db = await load(t, schema);
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), ['"Post": p', '"User": pu']);
  assert.match(ddl, /-- Foreign key Post \(authorId\) -> User \(id\) left out: not enforced by the database/);
  assert.deepEqual(
    await rows(db, `SELECT column_name || ' ' || coalesce(column_default, '-') FROM information_schema.columns WHERE table_name = 'Post'`),
    ['authorId -', 'id -', "publishedAt CURRENT_TIMESTAMP", "slug -", "tags '{}'::character varying[]"],
  );
});

test('ddl e2e: self-referential many-to-many, one-to-one and a table without a primary key', async (t) => {
  const db = await load(t, socialSchema());
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), ['follows: ffp', 'messages: ffp', 'people: pu', 'profiles: fp']);
  assert.deepEqual(await rows(db, "SELECT count(*) FROM pg_class WHERE relname = 'event_log'"), ['1']);
});

test('ddl e2e: every identifier PostgreSQL would misread is quoted, and only those', async (t) => {
  const odd = ['Mixed', 'with space', 'quote"inside', 'dollar$', '1leading', 'ünïcode', 'select', 'user', 'time', 'json', 'position', 'plain_name'];
  const schema = schemaOf('sql', 'postgresql', [table('Odd Table', [id('ID'), ...odd.map((n) => col(n, 'text', { nullable: true }))])]);
  const ddl = emitPostgresDdl(schema);
  assert.match(ddl, /^ {2}plain_name text,?$/m);
  assert.match(ddl, /^ {2}"quote""inside" text,$/m);
  const db = await load(t, schema);
  if (db === undefined) return;
  const names = await rows(db, `SELECT attname FROM pg_attribute WHERE attrelid = '"Odd Table"'::regclass AND attnum > 0`);
  assert.deepEqual(names, ['ID', ...odd].sort());
});

test('ddl e2e: the quoted keyword list covers every keyword PostgreSQL reserves', async (t) => {
  if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;
  const words = await rows('postgres', "SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T', 'C')");
  assert.deepEqual(words.filter((w) => !quotedKeywords.has(w)), []);
});

test('ddl e2e: forward references and a table defined twice in hand-built IR still load', async (t) => {
  const schema = schemaOf('sql', 'postgresql', [
    table('child', [id(), col('parent_id', 'integer')], { foreignKeys: [fk(['parent_id'], 'parent')] }),
    table('parent', [id()]),
    table('parent', [id(), col('extra', 'text')]),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.match(ddl, /-- Note: table parent is defined twice: the second definition is left out\./);
  const db = await load(t, schema);
  if (db === undefined) return;
  assert.deepEqual(await constraintKinds(db), ['child: fp', 'parent: p']);
});

/** Reads SQL text with the project's SQL reader. */
async function read(file: string, text: string): Promise<Schema> {
  const { schema, diagnostics } = await readSchema([{ path: file, text }]);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), [], file);
  return schema;
}

const PG_SOURCE = `
CREATE SCHEMA billing;
CREATE TYPE mood AS ENUM ('happy', 'sad', 'it''s complicated');
CREATE TABLE customers (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "Email" varchar(255) NOT NULL UNIQUE,
    referrer_id integer REFERENCES customers(id),
    code char(4),
    UNIQUE (code, "Email")
);
CREATE TABLE orders (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    status mood DEFAULT 'happy'::mood NOT NULL,
    total numeric(12,2) DEFAULT 0 NOT NULL CHECK (total >= 0),
    note character varying(200),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    meta jsonb DEFAULT '{}'::jsonb,
    CONSTRAINT orders_note_len CHECK (char_length(note) <= 200)
);
CREATE TABLE billing.invoices (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    order_id bigint NOT NULL,
    amount numeric(12,2) NOT NULL,
    paid boolean DEFAULT false NOT NULL,
    CONSTRAINT amount_positive CHECK (amount > 0)
);
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders(id) DEFERRABLE INITIALLY DEFERRED;
CREATE TABLE order_tags (
    order_id bigint REFERENCES orders(id),
    tag text NOT NULL,
    PRIMARY KEY (order_id, tag)
);
`;

test('ddl e2e: a PostgreSQL file read by the SQL reader comes back as the same schema', async (t) => {
  if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;
  await pg!.createDatabase('original');
  await pg!.psql(PG_SOURCE, 'original');
  const db = await load(t, await read('schema.sql', PG_SOURCE));
  if (db === undefined) return;
  assert.deepEqual(await catalog(pg!, db, { withNames: true }), await catalog(pg!, 'original', { withNames: true }));
});

const MYSQL_SOURCE = `
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS \`accounts\`;
CREATE TABLE \`accounts\` (
  \`id\` int unsigned NOT NULL AUTO_INCREMENT,
  \`email\` varchar(120) NOT NULL,
  \`is_active\` tinyint(1) NOT NULL DEFAULT '1',
  \`plan\` enum('free','pro','') NOT NULL DEFAULT 'free',
  \`visits\` int unsigned NOT NULL DEFAULT '0',
  \`created_at\` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  \`legacy_at\` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  \`flags\` bit(1) NOT NULL DEFAULT b'0',
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`email\` (\`email\`),
  CONSTRAINT \`visits_ok\` CHECK ((\`visits\` >= 0)),
  CONSTRAINT \`active_bool\` CHECK ((\`is_active\` in (0,1)))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE \`invoices\` (
  \`id\` bigint NOT NULL AUTO_INCREMENT,
  \`account_id\` int unsigned NOT NULL,
  \`amount\` decimal(12,2) NOT NULL DEFAULT '0.00',
  \`email\` varchar(120) DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`email\` (\`email\`),
  CONSTRAINT \`invoices_ibfk_1\` FOREIGN KEY (\`account_id\`) REFERENCES \`accounts\` (\`id\`) ON DELETE CASCADE
) ENGINE=InnoDB;
`;

const SQLITE_SOURCE = `
CREATE TABLE [notes] (
  [id] INTEGER PRIMARY KEY AUTOINCREMENT,
  [title] TEXT NOT NULL CHECK (length([title]) > 0),
  [done] BOOLEAN NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  [created] DATETIME NOT NULL DEFAULT (datetime('now')),
  [stamp] INTEGER DEFAULT (strftime('%s','now')) CHECK (typeof(stamp) = 'integer'),
  [folder_id] INTEGER REFERENCES folders(id) ON DELETE SET NULL
);
CREATE TABLE folders (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE, parent_id INTEGER REFERENCES folders(id));
CREATE TRIGGER notes_touch AFTER UPDATE ON notes BEGIN UPDATE notes SET created = datetime('now') WHERE id = NEW.id; END;
`;

test('ddl e2e: MySQL and SQLite files read by the SQL reader load into PostgreSQL', async (t) => {
  const mysql = await load(t, await read('dump.sql', MYSQL_SOURCE));
  if (mysql === undefined) return;
  assert.deepEqual(await constraintKinds(mysql), ['accounts: cpu', 'invoices: fpu']);
  assert.deepEqual(
    await rows(mysql, `SELECT column_name || ' ' || udt_name || ' ' || coalesce(column_default, '-') FROM information_schema.columns WHERE table_name = 'accounts'`),
    ['created_at timestamp CURRENT_TIMESTAMP', 'email varchar -', 'flags bool false', 'id int8 -', 'is_active bool true', 'legacy_at timestamp -', "plan accounts_plan 'free'::accounts_plan", 'visits int8 0'],
  );
  const sqlite = await load(t, await read('app.sqlite.sql', SQLITE_SOURCE));
  if (sqlite === undefined) return;
  assert.deepEqual(await constraintKinds(sqlite), ['folders: fpu', 'notes: cfp']);
});

test('ddl e2e: every test schema loads into PGlite (PostgreSQL in wasm, used by verify)', async () => {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  try {
    for (const make of [shopSchema, cycleSchema, namesSchema, mysqlSchema, sqliteSchema, prismaSchema, socialSchema]) {
      await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS auth CASCADE;');
      await db.exec(emitPostgresDdl(make()));
    }
    const words = await db.query<{ word: string }>("SELECT word FROM pg_get_keywords() WHERE catcode IN ('R', 'T', 'C')");
    assert.deepEqual(words.rows.map((r) => r.word).filter((w) => !quotedKeywords.has(w)), []);
  } finally {
    await db.close();
  }
});

test('ddl e2e: the DDL of every golden case loads, whatever its format, dialect or errors', async (t) => {
  if (!requireOrSkip(t, 'PostgreSQL', pg !== undefined)) return;
  const failures: string[] = [];
  for (const { name, schema } of await caseSchemas()) {
    const db = `case_${++databases}`;
    await pg!.createDatabase(db);
    try {
      await pg!.psql(emitPostgresDdl(schema), db);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
});
