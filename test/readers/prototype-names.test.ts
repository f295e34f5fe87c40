// Names that are also members of Object.prototype (`constructor`, `toString`, `__proto__`,
// `hasOwnProperty`) are ordinary names in a schema: as type names they read as unknown types with a
// diagnostic, as table, column and operation names they are just names, and generation writes
// normal code for them. (They used to hit lookup tables' prototypes: a column type of
// `undefined`, or a function's source text as a class name.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSchema, type ColumnType, type ReadResult } from '../../src/core';
import { cli } from '../support/cli';

const TYPES = new Set<ColumnType>(['integer', 'smallint', 'bigint', 'string', 'text', 'boolean', 'numeric', 'float', 'date', 'datetime', 'time', 'interval', 'uuid', 'json', 'binary', 'enum', 'array', 'unknown']);

function assertSaneTypes(r: ReadResult): void {
  assert.ok(r.schema.tables.length > 0, 'tables were read');
  for (const t of r.schema.tables) {
    for (const c of t.columns) assert.ok(TYPES.has(c.type), `${t.name}.${c.name}: type ${String(c.type)}`);
  }
}

test('prototype names: SQL type names are unknown types, table and column names are names', async () => {
  const ddl = 'CREATE TABLE constructor (id int PRIMARY KEY, "toString" constructor, "__proto__" hasownproperty, valueof boolean);\n';
  for (const dialect of ['postgresql', 'sqlite'] as const) {
    const r = await readSchema([{ path: 'schema.sql', text: ddl }], { format: 'sql', dialect });
    assertSaneTypes(r);
    assert.deepEqual(r.schema.tables.map((t) => t.name), ['constructor']);
    if (dialect === 'postgresql') assert.deepEqual(r.schema.tables[0].columns.map((c) => c.type), ['integer', 'unknown', 'unknown', 'boolean']);
  }
});

test('prototype names: SQLAlchemy annotations and column types named like Object members', async () => {
  const models = [
    'from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column',
    '',
    'class Base(DeclarativeBase):',
    '    pass',
    '',
    'class Constructor(Base):',
    '    __tablename__ = "constructor"',
    '    id: Mapped[int] = mapped_column(primary_key=True)',
    '    a: Mapped[constructor]',
    '    b: Mapped[str] = mapped_column(toString)',
    '',
  ].join('\n');
  const r = await readSchema([{ path: 'models.py', text: models }], {});
  assertSaneTypes(r);
  assert.deepEqual(r.schema.tables[0].columns.map((c) => c.type), ['integer', 'unknown', 'unknown']);
  assert.ok(r.diagnostics.some((d) => d.message.includes('"constructor"') && d.line === 9), JSON.stringify(r.diagnostics));
});

test('prototype names: an Alembic op named like an Object member is an unknown operation, not a call into Object', async () => {
  const revision = [
    '"""start"""',
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    'revision = "a1"',
    'down_revision = None',
    '',
    'def upgrade():',
    '    op.create_table("constructor", sa.Column("id", sa.Integer, primary_key=True))',
    '    op.constructor("x")',
    '    op.create_check_constraint("c", "constructor", "id > 0", type_="toString")',
    '',
    'def downgrade():',
    '    op.drop_table("constructor")',
    '',
  ].join('\n');
  const r = await readSchema([{ path: 'alembic/versions/a1_start.py', text: revision }], { format: 'alembic' });
  assertSaneTypes(r);
  assert.deepEqual(r.schema.tables.map((t) => t.name), ['constructor']);
});

test('prototype names: generate writes ordinary names for a table and a boolean column called like Object members', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-proto-'));
  fs.writeFileSync(path.join(dir, 'schema.sql'), 'CREATE TABLE constructor (id serial PRIMARY KEY, "toString" boolean NOT NULL, valueof varchar(20) NOT NULL);\n');
  const run = await cli(['generate', 'schema.sql', '--out', 'tests'], dir);
  assert.equal(run.code, 0, run.stderr);
  const models = fs.readFileSync(path.join(dir, 'tests', 'models.py'), 'utf8');
  const factories = fs.readFileSync(path.join(dir, 'tests', 'factories.py'), 'utf8');
  assert.match(models, /^class Constructor\(Base\):$/m);
  assert.match(factories, /^class ConstructorFactory\(/m);
  for (const text of [models, factories]) assert.doesNotMatch(text, /function|\[native code\]/);
  fs.rmSync(dir, { recursive: true, force: true });
});
