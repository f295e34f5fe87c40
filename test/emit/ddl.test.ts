// The PostgreSQL DDL emitter without a database: identifier quoting, CHECK translation per source
// dialect, defaults, type mapping, constraint names and the shape of the output. The e2e test
// (test/e2e/ddl-postgres.test.ts) proves the same schemas load into a real PostgreSQL.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emitPostgresDdl } from '../../src/core/emit/ddl';
import {
  quoteIdent,
  resolveDefault,
  translateCheck,
  type DefaultTarget,
  type ExpressionColumn,
  type ExpressionContext,
} from '../../src/core/emit/pg-expression';
import type { ColumnDefault, SqlDialect } from '../../src/core/ir';
import { col, cycleSchema, fk, id, mysqlSchema, namesSchema, schemaOf, shopSchema, socialSchema, sqliteSchema, table } from './schemas';

const columns: ExpressionColumn[] = [
  { name: 'qty', valueClass: 'number', enumLabels: null, fallback: false },
  { name: 'name', valueClass: 'text', enumLabels: null, fallback: false },
  { name: 'active', valueClass: 'boolean', enumLabels: null, fallback: false },
  { name: 'status', valueClass: 'enum', enumLabels: ['new', 'done'], fallback: false },
  { name: 'userId', valueClass: 'number', enumLabels: null, fallback: false },
  { name: 'starts', valueClass: 'temporal', enumLabels: null, fallback: false },
  { name: 'ends', valueClass: 'temporal', enumLabels: null, fallback: false },
  { name: 'geom', valueClass: 'text', enumLabels: null, fallback: true },
];

function ctx(dialect: SqlDialect | null): ExpressionContext {
  return { dialect, columns, enumTypes: new Map([['status_type', 'status_type']]) };
}

/** The translated expression, or `refused: <reason>`. */
function check(expression: string, dialect: SqlDialect | null): string {
  const t = translateCheck(expression, ctx(dialect));
  return t.ok ? t.sql : `refused: ${t.reason}`;
}

test('ddl: identifiers are quoted only when PostgreSQL would misread them', () => {
  const cases: [string, string][] = [
    ['users', 'users'],
    ['order_lines2', 'order_lines2'],
    ['_x$', '_x$'],
    ['Users', '"Users"'],
    ['user', '"user"'],
    ['order', '"order"'],
    ['time', '"time"'],
    ['first name', '"first name"'],
    ['2fa', '"2fa"'],
    ['a"b', '"a""b"'],
    ['café', '"café"'],
    ['$x', '"$x"'],
  ];
  for (const [name, quoted] of cases) assert.equal(quoteIdent(name), quoted, name);
});

test('ddl: PostgreSQL checks keep their text, whitespace and comments normalised', () => {
  assert.equal(check('qty  >\n 0 -- positive', 'postgresql'), 'qty > 0');
  assert.equal(check("status = ANY (ARRAY['new'::text, 'done'::text])", 'postgresql'), "status = ANY (ARRAY['new'::text, 'done'::text])");
  assert.equal(check("name ~* '^[a-z]+$' AND char_length(name) <= 20", 'postgresql'), "name ~* '^[a-z]+$' AND char_length(name) <= 20");
  assert.equal(check('"userId" > 0 AND ends > starts', 'postgresql'), '"userId" > 0 AND ends > starts');
  assert.equal(check("status <> 'done'::status_type", 'postgresql'), "status <> 'done'::status_type");
  assert.equal(check('CAST(qty AS numeric(10, 2)) > 0', 'postgresql'), 'CAST(qty AS numeric(10, 2)) > 0');
  assert.equal(check('qty IS DISTINCT FROM NULL', 'postgresql'), 'qty IS DISTINCT FROM NULL');
});

test('ddl: checks using what PostgreSQL does not have, or this DDL does not define, are refused', () => {
  assert.match(check('my_func(qty) > 0', 'postgresql'), /refused: it calls my_func\(\)/);
  assert.match(check('qty > (SELECT 1)', 'postgresql'), /refused: .*SELECT/);
  assert.match(check('userid > 0', 'postgresql'), /refused: .*userid/);
  assert.match(check('other.qty > 0', 'postgresql'), /refused/);
  assert.match(check('geom IS NOT NULL', 'postgresql'), /refused: column "geom" has a type PostgreSQL does not know/);
  assert.match(check("qty > 'unterminated", 'postgresql'), /refused: it contains an unterminated string/);
  assert.match(check('(qty > 0', 'postgresql'), /refused: its parentheses do not match/);
  assert.match(check('qty > 0; DROP TABLE x', 'postgresql'), /refused/);
});

test('ddl: MySQL checks get their quoting, strings and case rewritten, or are refused', () => {
  assert.equal(check('(`qty` > 0)', 'mysql'), '(qty > 0)');
  assert.equal(check('`UserID` > 0', 'mysql'), '"userId" > 0');
  assert.equal(check('status IN ("new", "done")', 'mysql'), "status IN ('new', 'done')");
  assert.equal(check("name <> 'it\\'s'", 'mysql'), "name <> 'it''s'");
  assert.equal(check('ifnull(qty, 0) >= 0', 'mysql'), 'coalesce(qty, 0) >= 0');
  assert.match(check('active = 1 || qty > 0', 'mysql'), /refused: it uses the operator \|\|/);
  assert.match(check("name REGEXP '^a'", 'mysql'), /refused: it uses REGEXP/);
  assert.match(check('qty::int > 0', 'mysql'), /refused: it uses a `::` cast outside PostgreSQL/);
  assert.match(check('qty <=> 1', 'mysql'), /refused: it uses the operator <=>/);
});

test('ddl: SQLite checks: brackets, ==, and double-quoted strings that are not columns', () => {
  assert.equal(check('[qty] == 1', 'sqlite'), 'qty = 1');
  assert.equal(check('"name" <> "none"', 'sqlite'), "name <> 'none'");
  assert.match(check("name GLOB 'a*'", 'sqlite'), /refused: it uses GLOB/);
  assert.match(check("typeof(qty) = 'integer'", 'sqlite'), /refused: it calls typeof\(\)/);
});

test('ddl: checks from other databases are type-checked against the PostgreSQL columns', () => {
  const refused: [string, RegExp][] = [
    ['active IN (0, 1)', /"active" \(boolean\) with the number 0/],
    ['active = 1', /"active" \(boolean\) with the number 1/],
    ["qty > 'abc'", /"qty" \(a number\) with the string 'abc'/],
    ['name > 0', /"name" \(text\) with the number 0/],
    ["status IN ('new', 'gone')", /"status" \(enum\) with the string 'gone'/],
    ['qty BETWEEN 1 AND "x"', /refused/],
    ["qty LIKE '1%'", /LIKE on column "qty"/],
    ['length(qty) > 1', /length\(\) on column "qty"/],
    ['abs(name) > 1', /abs\(\) on column "name"/],
    ['qty AND active', /"qty" as a condition/],
    ['name = qty', /compares column "name" with column "qty"/],
  ];
  for (const [expression, reason] of refused) assert.match(check(expression, 'sqlite'), reason, expression);
  const kept = ["active IN ('t', 'f')", 'active', 'NOT active', "qty > '5'", 'qty BETWEEN -1 AND 10', "status IN ('new', 'done')", 'length(name) > 0', 'ends > starts', "starts > '2020-01-01'", 'coalesce(qty, 0) >= 0'];
  for (const expression of kept) assert.doesNotMatch(check(expression, 'sqlite'), /refused/, expression);
});

function target(valueClass: DefaultTarget['valueClass'], extra: Partial<DefaultTarget> = {}): DefaultTarget {
  return { name: 'c', valueClass, enumLabels: null, fallback: false, timezone: false, temporal: null, ...extra };
}

/** The DDL text of a default, `none`, or `left out: <reason>`. */
function def(value: ColumnDefault | string, t: DefaultTarget, dialect: SqlDialect | null = 'mysql'): string {
  const d = typeof value === 'string' ? ({ kind: 'sql', expression: value } as const) : value;
  const r = resolveDefault(d, t, { dialect, columns: [], enumTypes: new Map() });
  return r === null ? 'none' : r.ok ? r.value.sql : `left out: ${r.reason}`;
}

test('ddl: defaults spelled any dialect\'s way become PostgreSQL, fitted to the column type', () => {
  const datetime = target('temporal', { temporal: 'datetime' });
  const date = target('temporal', { temporal: 'date' });
  const time = target('temporal', { temporal: 'time' });
  for (const now of ['now()', 'CURRENT_TIMESTAMP', 'current_timestamp()', "(datetime('now'))", 'getdate()', 'CURRENT_TIMESTAMP(6)', 'localtimestamp']) {
    assert.equal(def(now, datetime, 'sqlite'), 'CURRENT_TIMESTAMP', now);
  }
  assert.equal(def('now()', date), 'CURRENT_DATE');
  assert.equal(def('now()', time), 'LOCALTIME');
  assert.equal(def("date('now')", date, 'sqlite'), 'CURRENT_DATE');
  assert.equal(def('curtime()', target('temporal', { temporal: 'time', timezone: true })), 'CURRENT_TIME');
  assert.equal(def("timezone('utc'::text, now())", datetime, 'postgresql'), "timezone('utc'::text, now())");
  for (const uuid of ['gen_random_uuid()', 'uuid_generate_v4()', '(uuid())']) assert.equal(def(uuid, target('uuid')), 'gen_random_uuid()');
  assert.match(def('now()', target('number')), /left out: a current timestamp default does not fit a a number column|left out/);
  assert.match(def('uuid()', target('number')), /left out/);
});

test('ddl: literal defaults are checked and rewritten for the column type', () => {
  assert.equal(def("b'1'", target('boolean')), 'true');
  assert.equal(def('0', target('boolean'), 'sqlite'), 'false');
  assert.equal(def({ kind: 'literal', value: 'yes' }, target('boolean')), 'true');
  assert.match(def('2', target('boolean')), /left out: the default 2 is not a boolean/);
  assert.equal(def("'0'", target('number')), '0');
  assert.equal(def('-1.5', target('number')), '-1.5');
  assert.match(def("''", target('number')), /left out: .* is not a number/);
  assert.equal(def('12', target('text')), "'12'");
  assert.equal(def("'it''s'", target('text'), 'postgresql'), "'it''s'");
  assert.equal(def("'it\\'s'", target('text'), 'mysql'), "'it''s'");
  assert.equal(def('"quoted"', target('text'), 'mysql'), "'quoted'");
  assert.equal(def("'new'::character varying", target('enum', { enumLabels: ['new'] }), 'postgresql'), "'new'");
  assert.match(def("'old'", target('enum', { enumLabels: ['new'] })), /not one of the enum labels/);
  assert.match(def("'0000-00-00 00:00:00'", target('temporal', { temporal: 'datetime' })), /not a valid datetime/);
  assert.equal(def("'2024-02-29 10:00:00'", target('temporal', { temporal: 'datetime' })), "'2024-02-29 10:00:00'");
  assert.equal(def("'{}'::jsonb", target('json'), 'postgresql'), "'{}'");
  assert.match(def("'{oops'", target('json')), /not JSON/);
  assert.equal(def("'{}'::text[]", target('array'), 'postgresql'), "'{}'");
  assert.equal(def('NULL', target('text')), 'none');
  assert.equal(def('NULL::character varying', target('text'), 'postgresql'), 'none');
  assert.equal(def({ kind: 'literal', value: 'POINT(1 2)' }, target('text', { fallback: true })), "'POINT(1 2)'");
  assert.match(def('ST_GeomFromText(1)', target('text', { fallback: true }), 'postgresql'), /left out/);
});

test('ddl: client-side, sequence and unknown defaults give no DEFAULT', () => {
  assert.equal(def({ kind: 'python', expression: 'datetime.utcnow' }, target('temporal')), 'none');
  assert.equal(def({ kind: 'prisma', expression: 'cuid()' }, target('text')), 'none');
  assert.equal(def({ kind: 'prisma', expression: 'autoincrement()' }, target('number')), 'none');
  assert.equal(def({ kind: 'prisma', expression: 'now()' }, target('temporal', { temporal: 'datetime' })), 'CURRENT_TIMESTAMP');
  assert.equal(def({ kind: 'prisma', expression: 'dbgenerated("gen_random_uuid()")' }, target('uuid')), 'gen_random_uuid()');
  assert.equal(def({ kind: 'prisma', expression: 'ADMIN' }, target('enum', { enumLabels: ['ADMIN'] })), "'ADMIN'");
  assert.equal(def({ kind: 'prisma', expression: '"hi"' }, target('text')), "'hi'");
  assert.match(def("nextval('users_id_seq'::regclass)", target('number'), 'postgresql'), /sequence this DDL does not create/);
  assert.match(def('my_default()', target('text'), 'postgresql'), /left out: it calls my_default\(\)/);
  assert.match(def("strftime('%s','now')", target('number'), 'sqlite'), /not an expression PostgreSQL is known to accept/);
});

test('ddl: tables come parents first, every foreign key after every table', () => {
  const ddl = emitPostgresDdl(shopSchema());
  const creates = [...ddl.matchAll(/^CREATE TABLE (\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(creates, ['customers', 'orders', 'products', 'order_lines', 'categories', 'product_categories']);
  const lastCreate = ddl.lastIndexOf('CREATE TABLE');
  const firstAlter = ddl.indexOf('ALTER TABLE');
  assert.ok(firstAlter > lastCreate);
  assert.equal([...ddl.matchAll(/^ALTER TABLE .* FOREIGN KEY/gm)].length, 6);
  assert.ok(ddl.indexOf('CREATE TYPE order_status') < ddl.indexOf('CREATE TABLE'));
  assert.match(ddl, /^-- PostgreSQL 15\+ DDL generated by Fixture Scaffold from a sql schema \(postgresql\):\n-- 6 tables, 6 foreign keys\./);
});

test('ddl: the output is deterministic and ends with one newline', () => {
  for (const make of [shopSchema, cycleSchema, namesSchema, mysqlSchema, sqliteSchema, socialSchema]) {
    const a = emitPostgresDdl(make());
    assert.equal(a, emitPostgresDdl(make()));
    assert.ok(a.endsWith('\n') && !a.endsWith('\n\n'));
  }
});

test('ddl: columns: identity, NOT NULL, types, unsigned widening, unknown types as text', () => {
  const ddl = emitPostgresDdl(mysqlSchema());
  assert.match(ddl, /^ {2}"AccountId" integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,$/m);
  assert.match(ddl, /^ {2}"Visits" bigint NOT NULL DEFAULT 0,$/m);
  assert.match(ddl, /^ {2}"Location" text, -- type point has no PostgreSQL equivalent here: created as text$/m);
  const types = schemaOf('sql', 'postgresql', [
    table('t', [
      id('id', 'smallint'),
      col('a', 'string', { maxLength: 0 }),
      col('b', 'string', { maxLength: 20_000_000 }),
      col('c', 'numeric', { precision: 5 }),
      col('d', 'numeric', { precision: 5, scale: 9 }),
      col('e', 'numeric', { precision: 2000, scale: 2 }),
      col('f', 'datetime', { timezone: true }),
      col('g', 'time', { timezone: true }),
      col('h', 'array', { itemType: 'datetime' }),
      col('i', 'smallint', { rawType: 'smallint unsigned' }),
      col('j', 'string', { rawType: 'character varying(3)', maxLength: 3 }),
      col('k', 'string', { rawType: 'nchar(2)', maxLength: 2 }),
      col('l', 'integer', { computed: true }),
      col('m', 'text', { autoincrement: true }),
      col('n', 'unknown', { rawType: 'tsvector' }),
      col('o', 'unknown', { rawType: 'geometry(Point, 4326)' }),
    ]),
  ]);
  const lines = emitPostgresDdl(types).split('\n').filter((l) => l.startsWith('  '));
  assert.deepEqual(lines, [
    '  id smallint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,',
    '  a varchar NOT NULL,',
    '  b varchar NOT NULL,',
    '  c numeric(5) NOT NULL,',
    '  d numeric(5) NOT NULL,',
    '  e numeric NOT NULL,',
    '  f timestamptz NOT NULL,',
    '  g timetz NOT NULL,',
    '  h timestamp[] NOT NULL,',
    '  i integer NOT NULL,',
    '  j varchar(3) NOT NULL,',
    '  k char(2) NOT NULL,',
    '  l integer, -- generated column: its expression is not known, created as a plain column',
    '  m text NOT NULL, -- autoincrement on a text column has no PostgreSQL identity: no default',
    '  n tsvector NOT NULL,',
    '  o text NOT NULL -- type geometry(Point, 4326) has no PostgreSQL equivalent here: created as text',
  ]);
});

test('ddl: enum types: one per name, unnamed ones per column, never clashing with a table', () => {
  const labels = { enumValues: ['a', 'b'] };
  const schema = schemaOf('sql', 'mysql', [
    table('jobs', [id(), col('state', 'enum', labels), col('kind', 'enum', { enumName: 'kind', ...labels })]),
    table('jobs_state', [id(), col('kind', 'enum', { enumName: 'kind', ...labels })]),
    table('bad', [id(), col('dup', 'enum', { enumValues: ['x', 'x'] }), col('long', 'enum', { enumValues: ['y'.repeat(64)] })]),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.deepEqual([...ddl.matchAll(/^CREATE TYPE (\S+)/gm)].map((m) => m[1]), ['jobs_state_enum', 'kind']);
  assert.match(ddl, /^ {2}state jobs_state_enum NOT NULL,$/m);
  assert.match(ddl, /^ {2}dup varchar\(1\) NOT NULL, -- its enum labels are not valid PostgreSQL labels/m);
  assert.match(ddl, /CHECK \(dup IN \('x', 'x'\)\)/);
});

test('ddl: a named primary key keeps its name; a second relation of that name or a generated-looking one does not', () => {
  const schema = schemaOf('prisma', null, [
    table('country', [col('code', 'string', { primaryKey: true })], { primaryKeyName: 'country_code_pk' }),
    table('region', [id()], { primaryKeyName: 'country_code_pk' }),
    table('city', [id()], { primaryKeyName: 'city_pkey' }),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.match(ddl, /CREATE TABLE country \(\n {2}code varchar NOT NULL,\n {2}CONSTRAINT country_code_pk PRIMARY KEY \(code\)\n\);/);
  assert.equal([...ddl.matchAll(/country_code_pk/g)].length, 1, 'an index name is unique in its schema');
  assert.match(ddl, /^ {2}id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY$/m);
  assert.doesNotMatch(ddl, /city_pkey/);
});

test('ddl: constraint names PostgreSQL would refuse or regenerate are dropped', () => {
  const schema = schemaOf('sql', 'mysql', [
    table('a', [id(), col('x', 'integer'), col('y', 'integer')], {
      unique: [{ name: 'x_key', columns: ['x'] }, { name: 'b', columns: ['y'] }],
      check: [{ name: 'positive', expression: 'x > 0' }, { name: 'positive', expression: 'y > 0' }, { name: 'a_x_check', expression: 'x < 100' }],
    }),
    table('b', [id(), col('x', 'integer')], {
      unique: [{ name: 'x_key', columns: ['x'] }],
      foreignKeys: [fk(['x'], 'a', ['x'], { name: 'b_x_fkey' }), fk(['id'], 'a', ['id'], { name: 'to_a' })],
    }),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.match(ddl, /CONSTRAINT x_key UNIQUE \(x\)/);
  assert.match(ddl, /^ {2}y integer NOT NULL UNIQUE,$/m);
  assert.match(ddl, /^ {2}x integer NOT NULL UNIQUE$/m);
  assert.equal([...ddl.matchAll(/CONSTRAINT positive/g)].length, 1);
  assert.doesNotMatch(ddl, /a_x_check|b_x_fkey/);
  assert.match(ddl, /ALTER TABLE b ADD CONSTRAINT to_a FOREIGN KEY \(id\) REFERENCES a \(id\);/);
  assert.match(ddl, /ALTER TABLE b ADD FOREIGN KEY \(x\) REFERENCES a \(x\);/);
});

test('ddl: foreign keys PostgreSQL would refuse are left out with the reason', () => {
  const schema = schemaOf('sql', 'sqlite', [
    table('p', [id(), col('code', 'text'), col('n', 'integer')], { unique: [['code']] }),
    table('c', [id(), col('p_code', 'integer'), col('p_n', 'integer'), col('gone', 'integer'), col('pair', 'integer')], {
      foreignKeys: [
        fk(['p_code'], 'p', ['code']),
        fk(['p_n'], 'p', ['n']),
        fk(['gone'], 'missing'),
        fk(['pair'], 'p', ['id', 'n']),
        fk(['id'], 'p', ['id'], { onDelete: 'cascade', onUpdate: 'bogus', deferrable: true }),
      ],
    }),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.match(ddl, /-- Foreign key c \(p_code\) -> p \(code\) left out: p_code \(integer\) and p\.code \(text\) have incompatible types\./);
  assert.match(ddl, /-- Foreign key c \(p_n\) -> p \(n\) left out: p\(n\) is not a primary key or unique constraint, which PostgreSQL requires\./);
  assert.match(ddl, /-- Foreign key c \(gone\) -> missing \(id\) left out: table missing is not in the schema\./);
  assert.match(ddl, /-- Foreign key c \(pair\) -> p \(id, n\) left out: its column lists do not match\./);
  assert.match(ddl, /ALTER TABLE c ADD FOREIGN KEY \(id\) REFERENCES p \(id\) ON DELETE CASCADE DEFERRABLE;/);
  assert.match(ddl, /-- 2 tables, 1 foreign key\./);
});

test('ddl: schemas are created once, public never', () => {
  const schema = schemaOf('sql', 'postgresql', [
    table('a', [id()], { schema: 'app' }),
    table('b', [id()], { schema: 'app' }),
    table('c', [id()], { schema: 'public' }),
    table('d', [id(), col('e', 'enum', { enumName: 'other.kind', enumValues: ['x'] })]),
  ]);
  const ddl = emitPostgresDdl(schema);
  assert.deepEqual([...ddl.matchAll(/^CREATE SCHEMA IF NOT EXISTS (\S+);/gm)].map((m) => m[1]), ['app', 'other']);
  assert.match(ddl, /CREATE TABLE public\.c \(/);
  assert.match(ddl, /CREATE TYPE other\.kind AS ENUM \('x'\);/);
  assert.match(ddl, /^ {2}e other\.kind NOT NULL$/m);
});

test('ddl: an empty schema is just the header', () => {
  assert.equal(
    emitPostgresDdl(schemaOf('sql', null, [])),
    [
      '-- PostgreSQL 15+ DDL generated by Fixture Scaffold from a sql schema:',
      '-- 0 tables, 0 foreign keys.',
      '-- Tables are created parents first; foreign keys are added at the end, so forward references',
      '-- and cycles load. Anything PostgreSQL would refuse is left out with a comment saying why.',
      '',
    ].join('\n'),
  );
});
