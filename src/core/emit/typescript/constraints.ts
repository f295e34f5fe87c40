// constraints.test.ts: boundary-value tests for the Prisma/vitest target, from the same model as
// test_constraints.py and `verify` (verify/boundaries.ts). Each case changes one row made by the
// model's factory with a raw UPDATE inside a SAVEPOINT that is always rolled back, so a rejected
// write leaves the test's transaction usable; the database must accept it, or reject it with the
// promised SQLSTATE (found in the Prisma Client error's driver details). The SQL is exactly what
// `verify` runs in its embedded PostgreSQL.

import type { Schema } from '../../ir';
import { boundaryCases, type TableBoundaries } from '../../verify/boundaries';
import { boundaryLiteral } from '../../verify/sql-values';
import { quoteIdent } from '../pg-expression';
import { planPostgres } from '../pg-plan';
import { stampChecksum, TYPESCRIPT, userSection } from '../regions';
import type { Analysis } from '../../analysis/graph';
import { EDIT_IN_REGIONS, header, joinBlocks, lineComment, TsImports, tsStr } from './code';
import type { VitestEmitOptions } from './options';
import type { ModelView, TsView } from './view';

/** The file, or null when no model that can be created from nothing has a case. */
export function emitConstraintTests(schema: Schema, analysis: Analysis, view: TsView, options: VitestEmitOptions): string | null {
  const tables = boundaryCases(schema, { database: 'postgresql' }, planPostgres(schema, analysis));
  const targets: { t: TableBoundaries; m: ModelView; constant: string }[] = [];
  const taken = new Set<string>();
  for (const t of tables) {
    const m = view.models.find((x) => x.table.name === t.table.name);
    if (!m || m.needsParents || t.table.primaryKey.length === 0) continue;
    let constant = m.model.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    while (taken.has(constant)) constant = `${constant}_`;
    taken.add(constant);
    targets.push({ t, m, constant });
  }
  const valueRows: string[] = [];
  const uniqueRows: string[] = [];
  const fkRows: string[] = [];
  for (const { t, m, constant } of targets) {
    const name = m.model.name;
    for (const c of t.values) {
      const verdict = c.sqlstate === null ? 'accepted' : `rejected (${c.sqlstate})`;
      const set = assignment(quoteIdent(c.column), c.value);
      const title = `${name}.${c.column} ${c.kind} ${describe(c.value)} ${verdict}`;
      valueRows.push(row([tsStr(title), constant, set, c.sqlstate === null ? 'null' : tsStr(c.sqlstate)]));
    }
    for (const u of t.uniques) {
      const list = u.columns.map(quoteIdent).join(', ');
      uniqueRows.push(row([tsStr(`${name}: ${u.reason}`), constant, tsStr(list)]));
    }
    for (const f of t.foreignKeys) {
      const sets = f.columns.map((c, k) => `${quoteIdent(c)} = ${missingKey(f.missing[k], f.refColumns[k], f.refTable)}`);
      fkRows.push(row([tsStr(`${name}: ${f.reason}`), constant, joinedString(sets, ', ')]));
    }
  }
  if (valueRows.length + uniqueRows.length + fkRows.length === 0) return null;

  const imports = new TsImports().value('vitest', 'describe', 'expect').value('./fixtures', 'test').type(options.clientImport, 'Prisma');
  imports.value('./factories', ...targets.map((x) => x.m.create));
  const blocks: string[] = [];
  blocks.push(`type Db = Prisma.TransactionClient;

/** A model whose rows the cases change: its factory, its table and key columns as SQL. */
interface Target {
  create: (db: Db) => PromiseLike<object>;
  table: string;
  /** Per key column: its SQL name and its field on the created row. */
  key: [string, string][];
}`);
  for (const { t, m, constant } of targets) {
    const key = t.table.primaryKey.map((c) => `[${tsStr(quoteIdent(c))}, ${tsStr(m.table.columns.find((x) => x.name === c)?.attribute ?? c)}]`);
    blocks.push(`const ${constant}: Target = {
  create: ${m.create},
  table: ${tsStr(sqlName(t.table.name))},
  key: [${key.join(', ')}],
};`);
  }
  blocks.push(`/** \`WHERE\` of one row: its key values as SQL literals. */
function where(target: Target, row: object): string {
  const values = row as Record<string, unknown>;
  return target.key
    .map(([column, field]) => \`\${column} = '\${String(values[field]).replace(/'/g, "''")}'\`)
    .join(' AND ');
}

/** Runs one statement in a SAVEPOINT that is always rolled back; returns its error, or null. */
async function attempt(db: Db, sql: string): Promise<unknown> {
  await db.$executeRawUnsafe('SAVEPOINT boundary_case');
  try {
    await db.$executeRawUnsafe(sql);
    return null;
  } catch (error) {
    return error ?? new Error('rejected');
  } finally {
    await db.$executeRawUnsafe('ROLLBACK TO SAVEPOINT boundary_case');
  }
}

/** Every string inside an error (message, code, driver details), to find the SQLSTATE in. */
function errorText(error: unknown, depth = 0): string {
  if (typeof error === 'string') return error;
  if (error === null || typeof error !== 'object' || depth > 5) return '';
  return Object.getOwnPropertyNames(error)
    .map((name) => errorText((error as Record<string, unknown>)[name], depth + 1))
    .join(' ');
}

/** Expects the change to be accepted (\`sqlstate\` null) or rejected with that SQLSTATE. */
async function expectOutcome(db: Db, sql: string, sqlstate: string | null): Promise<void> {
  const error = await attempt(db, sql);
  if (sqlstate === null) expect(error).toBeNull();
  else {
    expect(error, 'the database accepted it').not.toBeNull();
    expect(errorText(error)).toContain(sqlstate);
  }
}`);
  if (valueRows.length > 0) {
    blocks.push(`/** Name, target, assignment, and the SQLSTATE that rejects it (null: accepted). */
const VALUE_CASES: [string, Target, string, string | null][] = [
${valueRows.join('\n')}
];`);
    blocks.push(`describe('values are accepted or rejected as the schema promises', () => {
  for (const [name, target, set, sqlstate] of VALUE_CASES) {
    test(name, async ({ db }) => {
      const row = await target.create(db);
      const sql = \`UPDATE \${target.table} SET \${set} WHERE \${where(target, row)}\`;
      await expectOutcome(db, sql, sqlstate);
    });
  }
});`);
  }
  if (uniqueRows.length > 0) {
    blocks.push(`/** Name, target and the unique columns a second row copies from the first. */
const UNIQUE_CASES: [string, Target, string][] = [
${uniqueRows.join('\n')}
];`);
    blocks.push(`describe('a unique key rejects a duplicate', () => {
  for (const [name, target, columns] of UNIQUE_CASES) {
    test(name, async ({ db }) => {
      const first = await target.create(db);
      const second = await target.create(db);
      const copy = \`(SELECT \${columns} FROM \${target.table} WHERE \${where(target, first)})\`;
      const key = where(target, second);
      const sql = \`UPDATE \${target.table} SET (\${columns}) = \${copy} WHERE \${key}\`;
      await expectOutcome(db, sql, '23505');
    });
  }
});`);
  }
  if (fkRows.length > 0) {
    blocks.push(`/** Name, target and the assignment of a key no parent row has. */
const FOREIGN_KEY_CASES: [string, Target, string][] = [
${fkRows.join('\n')}
];`);
    blocks.push(`describe('a foreign key rejects a missing parent', () => {
  for (const [name, target, set] of FOREIGN_KEY_CASES) {
    test(name, async ({ db }) => {
      const row = await target.create(db);
      const sql = \`UPDATE \${target.table} SET \${set} WHERE \${where(target, row)}\`;
      await expectOutcome(db, sql, '23503');
    });
  }
});`);
  }
  blocks.push(userSection(TYPESCRIPT, 'tests', 'Your own tests.'));
  return stampChecksum(
    joinBlocks([
      header(options, 'boundary-value tests from the constraints', EDIT_IN_REGIONS),
      lineComment(
        'The database accepts and rejects exactly what the schema promises: each case changes one row ' +
          "made by the model's factory inside a SAVEPOINT that is always rolled back, so a rejected " +
          "write leaves the test's transaction usable.",
      ),
      imports.render(),
      ...blocks,
    ]),
  );
}

/** `"column" = value` as a TypeScript expression: long repeated text through `.repeat()`. */
function assignment(column: string, v: Parameters<typeof boundaryLiteral>[0]): string {
  if (v.kind === 'text' && v.repeat > 1 && !/[`$\\']/.test(v.text + column)) return `\`${column} = '\${${tsStr(v.text)}.repeat(${v.repeat})}'\``;
  return tsStr(`${column} = ${boundaryLiteral(v)}`);
}

/** A case value for a test name (shortened). */
function describe(v: Parameters<typeof boundaryLiteral>[0]): string {
  if (v.kind === 'text' && v.repeat > 1) return `${v.repeat} × '${v.text}'`;
  const text = boundaryLiteral(v);
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
}

/**
 * `parts` joined by `separator` as one string literal, or, when that would not fit on an item line
 * of a case table, as a concatenation with a part on each line.
 */
function joinedString(parts: string[], separator: string): string {
  const whole = tsStr(parts.join(separator));
  if (`    ${whole},`.length <= 100 || parts.length < 2) return whole;
  return parts.map((p, k) => tsStr(k < parts.length - 1 ? `${p}${separator}` : p)).join(' +\n      ');
}

/** One array row of a case table: on one line when it fits, else one item a line (prettier). */
function row(items: string[]): string {
  const one = `  [${items.join(', ')}],`;
  return one.length <= 100 ? one : ['  [', ...items.map((i) => `    ${i},`), '  ],'].join('\n');
}

function missingKey(kind: string, refColumn: string, refTable: string): string {
  if (kind === 'nil-uuid') return `'00000000-0000-0000-0000-000000000000'`;
  return `(SELECT coalesce(max(${quoteIdent(refColumn)}), 0) + 1 FROM ${sqlName(refTable)})`;
}

function sqlName(table: string): string {
  return table.split('.').map(quoteIdent).join('.');
}
