// The Alembic reader: the revision graph (merges, branch labels, depends_on, and the diagnostics for
// multiple heads, missing parents and cycles), each `op.*` operation replayed onto the IR,
// `op.execute` SQL, and format detection, through the public `readSchema` entry point.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { detectFormat, readSchema } from '../../src/core/readers';
import { alembicHistory } from '../../src/core/readers/alembic/history';
import { targetMetadataImport } from '../../src/core/readers/alembic/env';
import type { Column, Diagnostic, ReadResult, Schema, Table } from '../../src/core/ir';

// ---- helpers ----

interface Rev {
  id: string;
  down: string | null | string[];
  upgrade: string;
  extra?: string;
}

/** A revision file as `alembic revision` writes it (the upgrade body indented by the helper). */
function revision(r: Rev): string {
  const down = r.down === null ? 'None' : Array.isArray(r.down) ? `(${r.down.map((d) => `"${d}"`).join(', ')})` : `"${r.down}"`;
  const body = r.upgrade.trim().split('\n').map((l) => `    ${l}`).join('\n');
  return [
    `"""revision ${r.id}"""`,
    'import sqlalchemy as sa',
    'from alembic import op',
    'from sqlalchemy.dialects import postgresql',
    '',
    `revision = "${r.id}"`,
    `down_revision = ${down}`,
    r.extra ?? 'branch_labels = None\ndepends_on = None',
    '',
    '',
    'def upgrade() -> None:',
    body,
    '',
    '',
    'def downgrade() -> None:',
    '    pass',
    '',
  ].join('\n');
}

function read(revs: Rev[]): Promise<ReadResult> {
  return readSchema(
    revs.map((r) => ({ path: `versions/${r.id}_rev.py`, text: revision(r) })),
    { format: 'alembic' },
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

function errors(d: Diagnostic[]): Diagnostic[] {
  return d.filter((x) => x.severity === 'error' || x.severity === 'warning');
}

const USERS = `op.create_table(
    "users",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("email", sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint("id"),
)`;

// ---- the revision graph ----

test('alembic: a linear history replays in order, parents first, whatever the file order', async () => {
  const r = await read([
    { id: 'b2', down: 'a1', upgrade: 'op.add_column("users", sa.Column("name", sa.String(50), nullable=True))' },
    { id: 'a1', down: null, upgrade: USERS },
  ]);
  assert.deepEqual(errors(r.diagnostics), []);
  assert.equal(r.schema.format, 'alembic');
  assert.deepEqual(table(r.schema, 'users').columns.map((c) => c.name), ['id', 'email', 'name']);
  const h = alembicHistory(r.schema)!;
  assert.deepEqual(h.revisions.map((x) => x.id), ['a1', 'b2']);
  assert.deepEqual(h.heads, ['b2']);
  assert.deepEqual(h.revisions[1].effects.altered, ['users']);
  assert.deepEqual(h.revisions[1].before?.tables.map((t) => t.columns.map((c) => c.name)), [['id', 'email']]);
});

test('alembic: a merge revision takes a tuple of parents and leaves one head', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    { id: 'b1', down: 'a1', upgrade: 'op.add_column("users", sa.Column("x", sa.Integer()))' },
    { id: 'c1', down: 'a1', upgrade: 'op.add_column("users", sa.Column("y", sa.Integer()))' },
    { id: 'm1', down: ['b1', 'c1'], upgrade: 'pass' },
  ]);
  assert.deepEqual(errors(r.diagnostics), []);
  const h = alembicHistory(r.schema)!;
  assert.deepEqual(h.heads, ['m1']);
  assert.deepEqual(h.revisions.find((x) => x.id === 'm1')?.downRevisions, ['b1', 'c1']);
  assert.deepEqual(column(table(r.schema, 'users'), 'x').type, 'integer');
  assert.deepEqual(column(table(r.schema, 'users'), 'y').type, 'integer');
});

test('alembic: two heads are reported, at the revision lines of both', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    { id: 'b1', down: 'a1', upgrade: 'pass' },
    { id: 'c1', down: 'a1', upgrade: 'pass' },
  ]);
  const heads = r.diagnostics.filter((d) => /head/i.test(d.message));
  assert.ok(heads.length >= 1, JSON.stringify(r.diagnostics));
  assert.ok(heads.some((d) => /b1/.test(d.message) && /c1/.test(d.message)), heads.map((d) => d.message).join('\n'));
  assert.ok(heads.every((d) => /^versions\/[bc]1_rev\.py$/.test(d.file) && d.line === 6), JSON.stringify(heads));
  assert.deepEqual(alembicHistory(r.schema)!.heads, ['b1', 'c1']);
});

test('alembic: a missing parent is reported at its down_revision line, and the rest still reads', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    { id: 'b1', down: 'zz', upgrade: 'op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True))' },
  ]);
  const missing = r.diagnostics.filter((d) => /zz/.test(d.message));
  assert.equal(missing.length, 1, JSON.stringify(r.diagnostics));
  assert.equal(missing[0].severity, 'error');
  assert.equal(missing[0].file, 'versions/b1_rev.py');
  assert.equal(missing[0].line, 7);
  assert.ok(r.schema.tables.some((t) => t.name === 'users'));
});

test('alembic: a cycle is reported with the revisions in it', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    { id: 'b1', down: 'c1', upgrade: 'pass' },
    { id: 'c1', down: 'b1', upgrade: 'pass' },
  ]);
  const cycle = r.diagnostics.filter((d) => /cycle/i.test(d.message));
  assert.ok(cycle.length >= 1, JSON.stringify(r.diagnostics));
  assert.ok(/b1/.test(cycle[0].message) && /c1/.test(cycle[0].message), cycle[0].message);
  assert.match(cycle[0].file, /versions\/[bc]1_rev\.py/);
  assert.ok(cycle[0].line > 0);
});

test('alembic: branch_labels and depends_on are read, and depends_on orders the replay', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    {
      id: 'b1',
      down: null,
      extra: 'branch_labels = ("billing",)\ndepends_on = "a1"',
      upgrade: 'op.create_table(\n    "invoices",\n    sa.Column("id", sa.Integer(), primary_key=True),\n    sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),\n)',
    },
  ]);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const h = alembicHistory(r.schema)!;
  const b1 = h.revisions.find((x) => x.id === 'b1')!;
  assert.deepEqual(b1.branchLabels, ['billing']);
  assert.deepEqual(b1.dependsOn, ['a1']);
  assert.deepEqual(h.revisions.map((x) => x.id), ['a1', 'b1']);
  assert.deepEqual(table(r.schema, 'invoices').foreignKeys.map((f) => f.refTable), ['users']);
});

// ---- operations ----

test('alembic: alter_column renames, changes nullability and type', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    {
      id: 'b1',
      down: 'a1',
      upgrade: [
        'op.alter_column("users", "email", new_column_name="mail")',
        'op.alter_column("users", "mail", nullable=True, type_=sa.String(length=320))',
      ].join('\n'),
    },
  ]);
  const users = table(r.schema, 'users');
  assert.deepEqual(users.columns.map((c) => c.name), ['id', 'mail']);
  assert.equal(column(users, 'mail').nullable, true);
  assert.equal(column(users, 'mail').maxLength, 320);
});

test('alembic: batch_alter_table blocks apply to their table', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    {
      id: 'b1',
      down: 'a1',
      upgrade: [
        'with op.batch_alter_table("users", schema=None) as batch_op:',
        '    batch_op.add_column(sa.Column("age", sa.Integer(), nullable=True))',
        '    batch_op.drop_column("email")',
        '    batch_op.create_unique_constraint("uq_users_age", ["age"])',
        '    batch_op.create_check_constraint("ck_users_age", "age >= 0")',
      ].join('\n'),
    },
  ]);
  const users = table(r.schema, 'users');
  assert.deepEqual(users.columns.map((c) => c.name), ['id', 'age']);
  assert.deepEqual(users.uniqueConstraints.map((u) => u.columns), [['age']]);
  assert.deepEqual(users.checks.map((c) => c.expression), ['age >= 0']);
});

test('alembic: create_foreign_key, create_unique_constraint, create_check_constraint and drop_constraint', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    {
      id: 'b1',
      down: 'a1',
      upgrade: [
        'op.create_table("posts", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("author_id", sa.Integer()), sa.Column("slug", sa.String(80)))',
        'op.create_foreign_key("fk_posts_author", "posts", "users", ["author_id"], ["id"])',
        'op.create_unique_constraint("uq_posts_slug", "posts", ["slug"])',
        'op.create_check_constraint("ck_posts_slug", "posts", "length(slug) > 2")',
        'op.create_unique_constraint("uq_users_email", "users", ["email"])',
      ].join('\n'),
    },
    {
      id: 'c1',
      down: 'b1',
      upgrade: ['op.drop_constraint("fk_posts_author", "posts", type_="foreignkey")', 'op.drop_constraint("uq_users_email", "users", type_="unique")'].join('\n'),
    },
  ]);
  assert.deepEqual(errors(r.diagnostics), []);
  const posts = table(r.schema, 'posts');
  assert.deepEqual(posts.foreignKeys, []);
  assert.deepEqual(posts.uniqueConstraints.map((u) => u.columns), [['slug']]);
  assert.deepEqual(posts.checks.map((c) => c.expression), ['length(slug) > 2']);
  assert.deepEqual(table(r.schema, 'users').uniqueConstraints, []);
});

test('alembic: rename_table keeps the columns, and later operations use the new name', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    { id: 'b1', down: 'a1', upgrade: 'op.rename_table("users", "accounts")\nop.drop_column("accounts", "email")' },
  ]);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['accounts']);
  assert.deepEqual(table(r.schema, 'accounts').columns.map((c) => c.name), ['id']);
  const b1 = alembicHistory(r.schema)!.revisions[1];
  assert.deepEqual(b1.effects.renamed, { users: 'accounts' });
  assert.deepEqual(b1.effects.altered, ['users']);
});

test('alembic: drop_table and drop_column remove what they name', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: `${USERS}\nop.create_table("tmp", sa.Column("id", sa.Integer(), primary_key=True))` },
    { id: 'b1', down: 'a1', upgrade: 'op.drop_table("tmp")\nop.drop_column("users", "email")' },
  ]);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['users']);
  assert.deepEqual(table(r.schema, 'users').columns.map((c) => c.name), ['id']);
  assert.deepEqual(alembicHistory(r.schema)!.revisions[1].effects.dropped, ['tmp']);
});

test('alembic: sa.Enum and postgresql.ENUM columns carry their values', async () => {
  const r = await read([
    {
      id: 'a1',
      down: null,
      upgrade: [
        'op.create_table(',
        '    "tickets",',
        '    sa.Column("id", sa.Integer(), primary_key=True),',
        '    sa.Column("state", sa.Enum("open", "closed", name="ticket_state"), nullable=False),',
        '    sa.Column("prio", postgresql.ENUM("low", "high", name="ticket_prio"), nullable=True),',
        ')',
      ].join('\n'),
    },
  ]);
  const t = table(r.schema, 'tickets');
  assert.deepEqual(column(t, 'state').enumValues, ['open', 'closed']);
  assert.deepEqual(column(t, 'prio').enumValues, ['low', 'high']);
  assert.equal(column(t, 'state').type, 'enum');
});

test('alembic: op.execute DDL is replayed with the SQL reader; data changes are info diagnostics', async () => {
  const r = await read([
    { id: 'a1', down: null, upgrade: USERS },
    {
      id: 'b1',
      down: 'a1',
      upgrade: [
        'op.execute("ALTER TABLE users ADD COLUMN nick varchar(40)")',
        'op.execute("UPDATE users SET nick = email")',
        'op.execute(sa.text("CREATE TABLE audit (id serial PRIMARY KEY, note text NOT NULL)"))',
      ].join('\n'),
    },
  ]);
  assert.equal(column(table(r.schema, 'users'), 'nick').maxLength, 40);
  assert.deepEqual(table(r.schema, 'audit').columns.map((c) => c.name), ['id', 'note']);
  const info = r.diagnostics.filter((d) => d.severity === 'info');
  assert.equal(info.length, 1, JSON.stringify(r.diagnostics));
  assert.match(info[0].message, /UPDATE/);
  assert.equal(info[0].file, 'versions/b1_rev.py');
  assert.equal(info[0].line, 14);
});

test('alembic: a syntax error in one revision is a diagnostic, never a throw', async () => {
  const r = await readSchema(
    [
      { path: 'versions/a1_rev.py', text: revision({ id: 'a1', down: null, upgrade: USERS }) },
      { path: 'versions/b1_rev.py', text: revision({ id: 'b1', down: 'a1', upgrade: 'op.add_column("users", sa.Column("x", sa.Integer()' }) },
    ],
    { format: 'alembic' },
  );
  assert.ok(r.diagnostics.some((d) => d.file === 'versions/b1_rev.py' && d.severity !== 'info'), JSON.stringify(r.diagnostics));
  assert.ok(r.schema.tables.some((t) => t.name === 'users'));
});

// ---- detection ----

test('alembic: detection — alembic.ini or a versions folder is Alembic; models beside revisions are not', () => {
  const rev = revision({ id: 'a1', down: null, upgrade: USERS });
  const model = 'from sqlalchemy.orm import DeclarativeBase\nclass Base(DeclarativeBase):\n    pass\nclass U(Base):\n    __tablename__ = "u"\n';
  assert.equal(detectFormat([{ path: 'alembic.ini', text: '[alembic]\n' }, { path: 'alembic/versions/a1.py', text: rev }]), 'alembic');
  assert.equal(detectFormat([{ path: 'versions/a1.py', text: rev }]), 'alembic');
  assert.equal(detectFormat([{ path: 'models.py', text: model }]), 'sqlalchemy');
  assert.equal(detectFormat([{ path: 'models.py', text: model }, { path: 'versions/a1.py', text: rev }]), 'sqlalchemy');
});

// ---- robustness ----

const SHOP = path.join(__dirname, '..', 'cases', 'alembic-shop', 'input');

function shopFiles(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(py|ini)$/.test(e.name)) out.push({ path: path.relative(SHOP, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(SHOP);
  return out;
}

const TOKENS = ['(', ')', '[', ']', '"', "'", ',', '=', '\n', '    ', '\\', '#', 'op.', 'sa.Column(', 'op.execute("', 'down_revision = ', '("a", "b")', 'with op.batch_alter_table("x") as b:\n', 'None', '\u{1F600}'];

test('alembic: mutated revision files never make the reader throw, and diagnostics point into the input', async () => {
  const files = shopFiles();
  const revisions = files.map((f, i) => ({ f, i })).filter(({ f }) => f.path.includes('versions/') || f.path.endsWith('.ini'));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...revisions.map((r) => r.i)),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 }), fc.constantFrom(...TOKENS)), { minLength: 1, maxLength: 4 }),
      async (index, edits) => {
        let text = files[index].text;
        for (const [at, cut, token] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + token + text.slice(p + cut);
        }
        const input = files.map((f, i) => (i === index ? { path: f.path, text } : f));
        const r = await readSchema(input, { format: 'alembic' });
        for (const d of r.diagnostics) {
          const file = input.find((f) => f.path === d.file);
          assert.ok(file, `diagnostic names an unknown file: ${JSON.stringify(d)}`);
          assert.ok(d.line >= 1 && d.line <= file.text.split('\n').length, `line out of range: ${JSON.stringify(d)}`);
          assert.ok(d.column >= 1, `column out of range: ${JSON.stringify(d)}`);
        }
      },
    ),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 120), seed: 6 },
  );
});

test('alembic: the CLI takes alembic.ini itself as the project it configures', async () => {
  const { collectInputs } = await import('../../src/node/inputs');
  const root = path.join(__dirname, '..', 'cases', 'alembic-shop', 'input');
  const viaIni = collectInputs('alembic.ini', root);
  const viaFolder = collectInputs('.', root);
  assert.deepEqual(viaIni.problems, []);
  assert.deepEqual(
    viaIni.files.map((f) => f.path),
    viaFolder.files.map((f) => f.path),
  );
  assert.ok(viaIni.files.some((f) => f.path.endsWith('7a8b9c0d1e2f_order_lines.py')));
  const read = await readSchema(viaIni.files);
  assert.equal(read.schema.format, 'alembic');
  assert.deepEqual(read.schema.tables.map((t) => t.name).sort(), ['customers', 'items', 'order_lines', 'orders']);
});

test('alembic: env.py target_metadata is traced to an import a generated test can repeat', () => {
  const cases: [string, string, ReturnType<typeof targetMetadataImport>][] = [
    ['from app.models import Base\n', 'Base.metadata', { module: 'app.models', name: 'Base', expression: 'Base.metadata' }],
    ['from app.models import (\n    User,\n    Base as ModelBase,\n)\n', 'ModelBase.metadata', { module: 'app.models', name: 'Base', expression: 'Base.metadata' }],
    ['from app.db import metadata  # the MetaData\n', 'metadata', { module: 'app.db', name: 'metadata', expression: 'metadata' }],
    ['import app.models\n', 'app.models.Base.metadata', { module: 'app.models', name: 'Base', expression: 'Base.metadata' }],
    ['import os, app.models as models\n', 'models.Base.metadata', { module: 'app.models', name: 'Base', expression: 'Base.metadata' }],
    ['import app\n', 'app.models.Base.metadata', { module: 'app', name: 'models', expression: 'models.Base.metadata' }],
    ['from .models import Base\n', 'Base.metadata', null],
    ['Base = declarative_base()\n', 'Base.metadata', null],
    ['import app.models as models\n', 'app.models.Base.metadata', null],
  ];
  for (const [env, expression, want] of cases) assert.deepEqual(targetMetadataImport(env, expression), want, `${JSON.stringify(env)} ${expression}`);
});
