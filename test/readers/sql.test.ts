// The SQL DDL reader: the statement splitter and lexer on the quoting rules of each dialect,
// positions in files with multi-byte characters, the catalog's operations, and each dialect's
// reader through the public `readSchema` entry point.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readSchema } from '../../src/core/readers';
import { detectDialect } from '../../src/core/readers/sql';
import { splitStatements } from '../../src/core/readers/sql/split';
import { tokenize } from '../../src/core/readers/sql/lexer';
import { Catalog, type CatalogOp, type ColumnSpec, type ConstraintSpec } from '../../src/core/catalog';
import type { Column, ReadResult, Schema, SourceLocation, SqlDialect, Table } from '../../src/core/ir';

// ---- helpers ----

function statements(text: string, dialect: SqlDialect): string[] {
  return splitStatements(text, dialect).statements.map((s) => text.slice(s.start, s.end));
}

function read(files: Record<string, string>, dialect?: SqlDialect): Promise<ReadResult> {
  return readSchema(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { format: 'sql', dialect },
  );
}

function table(schema: Schema, name: string): Table {
  const t = schema.tables.find((x) => x.name === name);
  assert.ok(t, `table ${name} exists; have ${schema.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  assert.ok(c, `column ${t.name}.${name} exists; have ${t.columns.map((x) => x.name).join(', ')}`);
  return c;
}

function where(l: { line: number; column: number }): string {
  return `${l.line}:${l.column}`;
}

function problems(r: ReadResult): string[] {
  return r.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${where(d)} ${d.code}`);
}

// ---- splitter ----

test('split: semicolons inside quotes, comments and identifiers do not end a statement', () => {
  const sql = `CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine' /* ; */, y int); -- trailing; comment
SELECT E'back\\'slash;'; SELECT 1 /* nested /* ; */ still comment ; */;`;
  assert.deepEqual(statements(sql, 'postgresql'), [
    `CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine' /* ; */, y int)`,
    `SELECT E'back\\'slash;'`,
    'SELECT 1',
  ]);
});

test('split: PostgreSQL dollar quotes, BEGIN ATOMIC bodies, psql meta-commands and COPY data', () => {
  const sql = `\\set ON_ERROR_STOP on
CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
COPY t (a, b) FROM stdin;
1\tit's; data
2\t\\N
\\.
SELECT $$a;b$$, $1;
\\connect other
BEGIN;
COMMIT;`;
  const split = splitStatements(sql, 'postgresql');
  assert.deepEqual(
    split.statements.map((s) => sql.slice(s.start, s.end)),
    [
      'CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END',
      'COPY t (a, b) FROM stdin',
      'SELECT $$a;b$$, $1',
      'BEGIN',
      'COMMIT',
    ],
  );
  assert.deepEqual(
    split.skipped.map(([a, b]) => sql.slice(a, b)),
    ['\\set ON_ERROR_STOP on\n', "1\tit's; data\n2\t\\N\n\\.\n", '\\connect other\n'],
  );
});

test('split: MySQL DELIMITER, conditional comments, backslash escapes, # comments and trigger bodies', () => {
  const sql = `/*!40101 SET NAMES utf8 */;
INSERT INTO t VALUES ('it\\'s; "x"', "a;b"); # comment; here
DELIMITER ;;
CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN
  IF NEW.a IS NULL THEN SET NEW.a = ';'; END IF;
  CASE WHEN 1 THEN SET @x = 1; ELSE SET @x = 2; END CASE;
END ;;
DELIMITER $$
CREATE PROCEDURE p() BEGIN SELECT 1; END$$
DELIMITER ;
CREATE TABLE \`x;y\` (a int);`;
  const split = splitStatements(sql, 'mysql');
  assert.deepEqual(split.statements.map((s) => sql.slice(s.start, s.end)), [
    '/*!40101 SET NAMES utf8 */',
    `INSERT INTO t VALUES ('it\\'s; "x"', "a;b")`,
    `CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN
  IF NEW.a IS NULL THEN SET NEW.a = ';'; END IF;
  CASE WHEN 1 THEN SET @x = 1; ELSE SET @x = 2; END CASE;
END`,
    'CREATE PROCEDURE p() BEGIN SELECT 1; END',
    'CREATE TABLE `x;y` (a int)',
  ]);
  assert.deepEqual(split.statements[0].words, ['SET', 'NAMES', 'UTF8']);
  assert.equal(split.statements[0].markers.length, 2);
});

test('split: SQLite brackets, trigger bodies with CASE, and dot-commands', () => {
  const sql = `.headers on
CREATE TABLE [a;b] ("c;d" TEXT);
CREATE TRIGGER t AFTER INSERT ON x BEGIN
  UPDATE x SET y = CASE WHEN NEW.y = ';' THEN 1 ELSE 2 END;
  DELETE FROM z;
END;
SELECT 1`;
  assert.deepEqual(statements(sql, 'sqlite'), [
    'CREATE TABLE [a;b] ("c;d" TEXT)',
    `CREATE TRIGGER t AFTER INSERT ON x BEGIN
  UPDATE x SET y = CASE WHEN NEW.y = ';' THEN 1 ELSE 2 END;
  DELETE FROM z;
END`,
    'SELECT 1',
  ]);
});

test('split: an unterminated string or comment ends at the end of the file without hanging', () => {
  assert.deepEqual(statements("SELECT 1; SELECT 'open", 'postgresql'), ['SELECT 1', "SELECT 'open"]);
  assert.deepEqual(statements('SELECT 1; /* open', 'mysql'), ['SELECT 1']);
});

test('lexer: identifier and string values are unquoted and unescaped per dialect', () => {
  const values = (text: string, d: SqlDialect) => tokenize(text, d).map((t) => `${t.kind}:${t.value}`);
  assert.deepEqual(values(`"a""b" 'c''d' E'e\\'f' $t$g'h$t$`, 'postgresql'), ['ident:a"b', "string:c'd", "string:e'f", "string:g'h"]);
  assert.deepEqual(values("`a``b` 'c\\'d' \"e\\\"f\"", 'mysql'), ['ident:a`b', "string:c'd", 'string:e"f']);
  assert.deepEqual(values(`[a b] "c" 'd\\'`, 'sqlite'), ['ident:a b', 'ident:c', 'string:d\\']);
});

// ---- dialect detection ----

test('detectDialect: markers in DDL decide; backticks in comments, strings or COPY data do not', () => {
  assert.equal(detectDialect('CREATE TABLE `t` (id int);'), 'mysql');
  assert.equal(detectDialect('CREATE TABLE t (id int AUTO_INCREMENT);'), 'mysql');
  assert.equal(detectDialect('CREATE TABLE t (id int) ENGINE=InnoDB;'), 'mysql');
  assert.equal(detectDialect('/*!40101 SET NAMES utf8 */;'), 'mysql');
  assert.equal(detectDialect('CREATE TABLE [t] (id INTEGER);'), 'sqlite');
  assert.equal(detectDialect('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);'), 'sqlite');
  assert.equal(detectDialect('PRAGMA foreign_keys = ON;'), 'sqlite');
  assert.equal(detectDialect('CREATE TABLE t (a int) WITHOUT ROWID;'), 'sqlite');
  assert.equal(detectDialect("-- use `psql`\nCREATE TABLE t (a int[3], b text DEFAULT '`x`');\nCOPY t FROM stdin;\n`a`\n\\.\n"), 'postgresql');
  assert.equal(detectDialect('CREATE TABLE t (a int);'), 'postgresql');
});

// ---- positions ----

test('positions: columns and errors after multi-byte characters (fast path and per-statement path)', async () => {
  const good = `-- ☃ émoji 😀\nCREATE TABLE "ünï" ("ça" text, "😀x" int, ok int);\n`;
  const fast = await read({ 'a.sql': good }, 'postgresql');
  assert.deepEqual(problems(fast), []);
  const t = table(fast.schema, 'ünï');
  assert.equal(where(t.location), '2:1');
  assert.deepEqual(t.columns.map((c) => where(c.location)), ['2:21', '2:32', '2:43']);

  // A bad statement first forces the per-statement path; positions must not move.
  const slow = await read({ 'a.sql': `SELECT 'ø' FROM;\n${good}CREATE TABLE b (x int,, y int);\n` }, 'postgresql');
  assert.deepEqual(problems(slow), ['error 1:16 sql/syntax', 'error 4:23 sql/syntax']);
  assert.deepEqual(table(slow.schema, 'ünï').columns.map((c) => where(c.location)), ['3:21', '3:32', '3:43']);
});

test('positions: COPY data with multi-byte characters is blanked without shifting later positions', async () => {
  const sql = `CREATE TABLE a (id int);\nCOPY a (id) FROM stdin;\n1\tcafé ☕ 😀\n\\.\nCREATE TABLE b (id int, name text);\n`;
  const r = await read({ 'a.sql': sql }, 'postgresql');
  assert.deepEqual(problems(r), []);
  assert.equal(where(column(table(r.schema, 'b'), 'name').location), '5:25');
});

test('a 2 MB dump with large COPY blocks reads every table with positions at its end', async () => {
  const parts: string[] = [];
  const row = `1\t${'données très longues ; '.repeat(20)}\n`;
  for (let i = 0; i < 60; i++) {
    parts.push(`CREATE TABLE t${i} (id int PRIMARY KEY, parent_id int REFERENCES t${Math.max(0, i - 1)});`);
    parts.push(`COPY t${i} (id, note) FROM stdin;\n${row.repeat(80)}\\.`);
  }
  parts.push('CREATE TABLE last_one (id int);');
  const sql = parts.join('\n') + '\n';
  assert.ok(Buffer.byteLength(sql) > 2_000_000, `${Buffer.byteLength(sql)} bytes`);
  const r = await read({ 'big.sql': sql });
  assert.deepEqual(problems(r), []);
  assert.equal(r.schema.dialect, 'postgresql');
  assert.equal(r.schema.tables.length, 61);
  assert.equal(table(r.schema, 'last_one').location.line, sql.split('\n').length - 1);
});

// ---- catalog ----

const at: SourceLocation = { file: 'm.py', line: 1, column: 1 };

function col(name: string, extra: Partial<ColumnSpec> = {}): ColumnSpec {
  return {
    name,
    type: { type: 'integer', rawType: 'int', maxLength: null, precision: null, scale: null, itemType: null, timezone: false, enumValues: null, named: null, serial: false },
    notNull: false,
    default: null,
    autoincrement: false,
    computed: false,
    comment: null,
    location: at,
    ...extra,
  };
}

function fk(columns: string[], refTable: string, refColumns: string[] = []): ConstraintSpec {
  return { kind: 'foreignKey', name: null, columns, refTable: { schema: null, name: refTable }, refColumns, onDelete: null, onUpdate: null, deferrable: false, initiallyDeferred: false, logical: false, location: at };
}

function catalog(ops: CatalogOp[], options: Partial<ConstructorParameters<typeof Catalog>[0]> = {}): Catalog {
  const c = new Catalog({ format: 'alembic', dialect: 'postgresql', defaultSchema: 'public', tableNamesIgnoreCase: false, columnNamesIgnoreCase: false, ...options });
  for (const op of ops) c.apply(op);
  return c;
}

const create = (name: string, columns: ColumnSpec[], constraints: ConstraintSpec[] = [], schema: string | null = null): CatalogOp => ({
  op: 'createTable',
  table: { schema, name },
  columns,
  constraints,
  ifNotExists: false,
  location: at,
});

test('catalog: renames follow references; drops take their constraints; FK targets default to the PK', () => {
  const c = catalog([
    create('users', [col('id'), col('email')], [{ kind: 'primaryKey', name: null, columns: ['id'], location: at }], 'public'),
    create('posts', [col('id'), col('author_id'), col('editor_id')], [fk(['author_id'], 'users'), fk(['editor_id'], 'users', ['id'])]),
    { op: 'renameTable', table: { schema: 'public', name: 'users' }, newName: 'accounts', location: at },
    { op: 'alterColumn', table: { schema: null, name: 'accounts' }, column: 'id', change: { rename: 'account_id' }, location: at },
    { op: 'addConstraint', table: { schema: null, name: 'accounts' }, constraint: { kind: 'unique', name: 'uq', columns: ['email'], location: at }, location: at },
    { op: 'dropColumn', table: { schema: null, name: 'posts' }, column: 'editor_id', ifExists: false, location: at },
  ]);
  const schema = c.build();
  assert.deepEqual(c.diagnostics, []);
  const accounts = table(schema, 'accounts');
  assert.deepEqual(accounts.primaryKey, ['account_id']);
  assert.equal(column(accounts, 'account_id').nullable, false);
  assert.equal(column(accounts, 'email').unique, true);
  const posts = table(schema, 'posts');
  assert.deepEqual(posts.foreignKeys.map((f) => `${f.columns} -> ${f.refTable}(${f.refColumns})`), ['author_id -> accounts(account_id)']);
});

test('catalog: operations on missing things are diagnostics, never exceptions', () => {
  const c = catalog([
    create('t', [col('a'), col('a')]),
    { op: 'addColumn', table: { schema: null, name: 'nope' }, column: col('x'), constraints: [], ifNotExists: false, location: at },
    { op: 'dropColumn', table: { schema: null, name: 't' }, column: 'zz', ifExists: false, location: at },
    { op: 'dropColumn', table: { schema: null, name: 't' }, column: 'zz', ifExists: true, location: at },
    { op: 'dropTable', table: { schema: null, name: 'nope' }, ifExists: true, location: at },
    { op: 'dropConstraint', table: { schema: null, name: 't' }, name: 'nope', kind: null, ifExists: false, location: at },
    { op: 'addConstraint', table: { schema: null, name: 't' }, constraint: { kind: 'unique', name: null, columns: ['b'], location: at }, location: at },
    { op: 'alterEnum', type: { schema: null, name: 'mood' }, change: { add: 'x', before: null, after: null, ifNotExists: false }, location: at },
    { op: 'createIndex', table: { schema: null, name: 't' }, name: 'ix', columns: ['q'], expressions: [false], unique: true, ifNotExists: false, location: at },
  ]);
  assert.deepEqual(
    c.diagnostics.map((d) => `${d.severity} ${d.code}`),
    [
      'error schema/duplicate-column',
      'error schema/unknown-table',
      'error schema/unknown-column',
      'warning schema/unknown-constraint',
      'error schema/unknown-column',
      'error schema/unknown-type',
      'error schema/unknown-column',
    ],
  );
  assert.deepEqual(table(c.build(), 't').columns.map((x) => x.name), ['a']);
});

test('catalog: enums, domains and checks resolve in build(), after every ALTER TYPE', () => {
  const named = (name: string) => ({ ...col('x').type, type: 'unknown' as const, rawType: name, named: { schema: null, name } });
  const c = catalog([
    create('t', [col('m', { type: named('mood') }), col('p', { type: named('pos') }), col('kind', { type: { ...col('x').type, type: 'string', rawType: 'varchar' } })], [
      { kind: 'check', name: null, expression: "kind IN ('a', 'b''c')", location: at },
    ]),
    { op: 'createEnum', type: { schema: 'public', name: 'mood' }, values: ['ok'], location: at },
    { op: 'alterEnum', type: { schema: null, name: 'mood' }, change: { add: 'sad', before: 'ok', after: null, ifNotExists: false }, location: at },
    { op: 'alterEnum', type: { schema: null, name: 'mood' }, change: { add: 'glad', before: null, after: 'ok', ifNotExists: false }, location: at },
    { op: 'createDomain', type: { schema: null, name: 'pos' }, base: col('x').type, notNull: true, default: { kind: 'literal', value: '1' }, checks: ['VALUE > 0'], location: at },
  ]);
  const t = table(c.build(), 't');
  assert.deepEqual(c.diagnostics, []);
  assert.deepEqual([column(t, 'm').type, column(t, 'm').enumName, column(t, 'm').enumValues], ['enum', 'mood', ['sad', 'ok', 'glad']]);
  const p = column(t, 'p');
  assert.deepEqual([p.type, p.nullable, p.default], ['integer', false, { kind: 'literal', value: 1 }]);
  assert.deepEqual(t.checks.map((x) => x.expression), ['p > 0', "kind IN ('a', 'b''c')"]);
  assert.deepEqual(column(t, 'kind').enumValues, ['a', "b'c"]);
});

test('catalog: a second CREATE TABLE is kept for validation; IF NOT EXISTS is silent; names may ignore case', () => {
  const c = catalog([create('t', [col('a')]), create('t', [col('b')]), { ...create('t', [col('c')]), ifNotExists: true } as CatalogOp]);
  assert.deepEqual(c.build().tables.map((t) => t.columns.map((x) => x.name).join()), ['a', 'b']);
  const ci = catalog([create('Users', [col('ID')], [{ kind: 'primaryKey', name: null, columns: ['id'], location: at }]), create('posts', [col('uid')], [fk(['UID'], 'users')])], {
    tableNamesIgnoreCase: true,
    columnNamesIgnoreCase: true,
  });
  const posts = table(ci.build(), 'posts');
  assert.deepEqual(ci.diagnostics, []);
  assert.deepEqual([posts.foreignKeys[0].columns, posts.foreignKeys[0].refTable, posts.foreignKeys[0].refColumns], [['uid'], 'Users', ['ID']]);
});

// ---- PostgreSQL ----

test('postgresql: serial, identity, nextval and generated columns; literal and expression defaults', async () => {
  const r = await read({
    'a.sql': `CREATE TABLE t (
      a serial, b bigint GENERATED BY DEFAULT AS IDENTITY, c int DEFAULT nextval('t_c_seq'::regclass),
      d numeric GENERATED ALWAYS AS (a * 2) STORED, e text DEFAULT 'x'::text, f int DEFAULT -5,
      g boolean DEFAULT false, h timestamptz DEFAULT now(), i text DEFAULT NULL, j jsonb DEFAULT '{}'::jsonb
    );`,
  });
  const t = table(r.schema, 't');
  const summary = (name: string) => {
    const c = column(t, name);
    return [c.autoincrement, c.computed, c.hasDefault, c.default];
  };
  assert.deepEqual(summary('a'), [true, false, true, null]);
  assert.deepEqual(summary('b'), [true, false, true, null]);
  assert.deepEqual(summary('c'), [true, false, true, { kind: 'sql', expression: "nextval('t_c_seq'::regclass)" }]);
  assert.deepEqual(summary('d'), [false, true, true, null]);
  assert.deepEqual(summary('e'), [false, false, true, { kind: 'literal', value: 'x' }]);
  assert.deepEqual(summary('f'), [false, false, true, { kind: 'literal', value: -5 }]);
  assert.deepEqual(summary('g'), [false, false, true, { kind: 'literal', value: false }]);
  assert.deepEqual(summary('h'), [false, false, true, { kind: 'sql', expression: 'now()' }]);
  assert.deepEqual(summary('i'), [false, false, false, null]);
  assert.deepEqual(summary('j'), [false, false, true, { kind: 'literal', value: '{}' }]);
});

test('postgresql: an FK to a table in another file of the folder, added by ALTER TABLE', async () => {
  const r = await read({
    'a/1.sql': 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int, a_id int);',
    'a/2.sql': 'ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a;',
  });
  assert.deepEqual(problems(r), []);
  const f = table(r.schema, 'b').foreignKeys[0];
  assert.deepEqual([f.name, f.refTable, f.refColumns, f.location.file, where(f.location)], ['b_a', 'a', ['id'], 'a/2.sql', '1:19']);
  assert.deepEqual(r.schema.meta.files, ['a/1.sql', 'a/2.sql']);
});

test('postgresql: views, functions, sequences, grants, extensions and transactions are skipped quietly', async () => {
  const r = await read({
    'a.sql': `BEGIN; CREATE EXTENSION IF NOT EXISTS citext; CREATE SEQUENCE s; CREATE TABLE t (id int DEFAULT nextval('s'), e citext);
CREATE VIEW v AS SELECT * FROM t; CREATE MATERIALIZED VIEW mv AS SELECT 1; GRANT SELECT ON t TO bob; ALTER TABLE t OWNER TO bob;
CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS $$ DELETE FROM t; $$; INSERT INTO t VALUES (1); COMMIT;`,
  });
  assert.deepEqual(problems(r), []);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['t']);
  assert.equal(column(table(r.schema, 't'), 'e').type, 'text');
});

test('postgresql: CREATE TABLE AS and LIKE are reported, not guessed', async () => {
  const r = await read({ 'a.sql': 'CREATE TABLE a (id int);\nCREATE TABLE b AS SELECT * FROM a;\nCREATE TABLE c (LIKE a);' });
  assert.deepEqual(problems(r), ['warning 2:1 sql/unsupported', 'warning 3:1 sql/unsupported']);
});

// ---- MySQL ----

test('mysql: a syntax error names the word and its position; the other statements still count', async () => {
  const r = await read({ 'a.sql': 'CREATE TABLE `a` (id int);\nCREATE TABLE `b` (\n  id int,,\n  x int\n);\nCREATE TABLE `c` (id int);' });
  assert.deepEqual(problems(r), ['error 3:10 sql/syntax']);
  assert.match(r.diagnostics[0].message, /at ","/);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['a', 'c']);
});

test('mysql: USE makes names qualified with that database plain; ALTER COLUMN SET/DROP DEFAULT is read', async () => {
  const r = await read({
    'a.sql': "USE `shop`;\nCREATE TABLE `shop`.`a` (id int PRIMARY KEY, n int DEFAULT 3, m int);\nCREATE TABLE other.b (a_id int REFERENCES shop.a (id));\nALTER TABLE a ALTER COLUMN n DROP DEFAULT, ALTER m SET DEFAULT 7;",
  });
  assert.deepEqual(problems(r), []);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['a', 'other.b']);
  const a = table(r.schema, 'a');
  assert.deepEqual([column(a, 'n').default, column(a, 'm').default], [null, { kind: 'literal', value: 7 }]);
  assert.equal(table(r.schema, 'other.b').foreignKeys[0].logical, true);
});

// ---- SQLite ----

test('sqlite: the error position is found even when the token SQLite names occurs earlier', async () => {
  const r = await read({ 'a.sql': 'CREATE TABLE [a] (x, y,, z);\nCREATE TABLE [b] (id INTEGER PRIMARY KEY);' });
  assert.deepEqual(problems(r), ['error 1:24 sql/syntax']);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['b']);
});

test('sqlite: only an INTEGER primary key of a rowid table is generated by the database', async () => {
  const r = await read({
    'a.sql': `CREATE TABLE [a] (id INTEGER PRIMARY KEY);
CREATE TABLE [b] (id INT PRIMARY KEY);
CREATE TABLE [c] (id INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE [d] (id INTEGER, PRIMARY KEY (id));
CREATE TABLE [e] (x INTEGER, y INTEGER, PRIMARY KEY (x, y));`,
  });
  assert.deepEqual(
    r.schema.tables.map((t) => `${t.name}:${t.columns.filter((c) => c.autoincrement).map((c) => c.name)}`),
    ['a:id', 'b:', 'c:', 'd:id', 'e:'],
  );
});

test('sql: a named primary key keeps its name (PostgreSQL, ALTER TABLE too); MySQL always names it PRIMARY', async () => {
  const ddl = [
    'CREATE TABLE a (id int, CONSTRAINT a_id_pk PRIMARY KEY (id));',
    'CREATE TABLE b (id int CONSTRAINT b_named PRIMARY KEY);',
    'CREATE TABLE c (id int PRIMARY KEY);',
    'CREATE TABLE d (id int NOT NULL);',
    'ALTER TABLE d ADD CONSTRAINT d_pk PRIMARY KEY (id);',
  ].join('\n');
  const pg = await read({ 'schema.sql': ddl }, 'postgresql');
  assert.deepEqual(pg.schema.tables.map((t) => [t.name, t.primaryKeyName ?? null]), [['a', 'a_id_pk'], ['b', 'b_named'], ['c', null], ['d', 'd_pk']]);
  assert.equal('primaryKeyName' in table(pg.schema, 'c'), false);
  const mysql = await read({ 'schema.sql': ddl.split('\n').slice(0, 1).join('\n') }, 'mysql');
  assert.equal(table(mysql.schema, 'a').primaryKeyName, undefined);
});
