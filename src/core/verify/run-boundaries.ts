// Running the boundary cases in the embedded database, on rows the seed pass stored: each case
// changes one stored row inside a SAVEPOINT that is always rolled back, and the database's answer
// (accepted, or rejected with a SQLSTATE) must be the one the case promises. A mismatch means
// the generated test_constraints.py / constraints.test.ts would fail on this schema.

import type { Diagnostic } from '../ir';
import { quoteIdent } from '../emit/pg-expression';
import type { BoundaryValue, ForeignKeyCase, TableBoundaries, UniqueCase, ValueCase } from './boundaries';
import type { StoredRow } from './insert';
import type { PgError, SqlEngine } from './pglite';
import { boundaryLiteral } from './sql-values';

export interface BoundaryRun {
  /** Cases run (each accept or reject counts once). */
  run: number;
  /** Cases not run: their table has no stored row (or only one, for a duplicate). */
  notRun: number;
  diagnostics: Diagnostic[];
}

/** Runs every case against the stored rows. */
export async function runBoundaries(engine: SqlEngine, tables: TableBoundaries[], rows: Map<string, StoredRow[]>): Promise<BoundaryRun> {
  const result: BoundaryRun = { run: 0, notRun: 0, diagnostics: [] };
  for (const t of tables) {
    const stored = rows.get(t.table.name) ?? [];
    const first = stored[0];
    const second = stored[1];
    for (const c of t.values) {
      if (!first) {
        result.notRun++;
        continue;
      }
      const set = `${quoteIdent(c.column)} = ${boundaryLiteral(c.value)}`;
      await check(engine, result, t, `UPDATE ${first.table.ref} SET ${set} WHERE ctid = '${first.ctid}'`, c.sqlstate, describeValue(t, c));
    }
    for (const u of t.uniques) {
      if (!first || !second) {
        result.notRun++;
        continue;
      }
      const list = u.columns.map(quoteIdent).join(', ');
      const sql = `UPDATE ${second.table.ref} SET (${list}) = (SELECT ${list} FROM ${first.table.ref} WHERE ctid = '${first.ctid}') WHERE ctid = '${second.ctid}'`;
      await check(engine, result, t, sql, '23505', describeUnique(t, u));
    }
    for (const f of t.foreignKeys) {
      if (!first) {
        result.notRun++;
        continue;
      }
      const sets = f.columns.map((c, k) => `${quoteIdent(c)} = ${missingKey(f, k)}`).join(', ');
      await check(engine, result, t, `UPDATE ${first.table.ref} SET ${sets} WHERE ctid = '${first.ctid}'`, '23503', describeForeignKey(t, f));
    }
  }
  return result;
}

/** A key no row of the parent table has. */
function missingKey(f: ForeignKeyCase, k: number): string {
  if (f.missing[k] === 'nil-uuid') return `'00000000-0000-0000-0000-000000000000'`;
  const target = f.fk.refTable.split('.').map(quoteIdent).join('.');
  return `(SELECT coalesce(max(${quoteIdent(f.refColumns[k])}), 0) + 1 FROM ${target})`;
}

/** Runs one case in a SAVEPOINT (always rolled back) and records a mismatch. */
async function check(engine: SqlEngine, result: BoundaryRun, t: TableBoundaries, sql: string, expected: string | null, what: string): Promise<void> {
  result.run++;
  let actual: string | null = null;
  let message = '';
  await engine.exec('SAVEPOINT boundary');
  try {
    await engine.query(sql);
  } catch (error) {
    actual = (error as PgError).code ?? 'unknown';
    message = (error as PgError).message;
  }
  await engine.exec('ROLLBACK TO SAVEPOINT boundary');
  if (actual === expected) return;
  const got = actual === null ? 'PostgreSQL accepted it' : `PostgreSQL rejected it with ${actual} (${message})`;
  const want = expected === null ? 'to be accepted' : `to be rejected with ${expected}`;
  const l = t.table.location;
  result.diagnostics.push({
    severity: 'error',
    message: `boundary case ${what}: expected ${want}, but ${got}. The generated constraint tests would fail here: please report it with this schema.`,
    file: l.file,
    line: l.line,
    column: l.column,
    code: 'verify/boundary',
  });
}

function describeValue(t: TableBoundaries, c: ValueCase): string {
  return `"${t.table.name}".${c.column} = ${shortValue(c.value)} (${c.reason})`;
}

function describeUnique(t: TableBoundaries, u: UniqueCase): string {
  return `"${t.table.name}" duplicate (${u.columns.join(', ')}) (${u.reason})`;
}

function describeForeignKey(t: TableBoundaries, f: ForeignKeyCase): string {
  return `"${t.table.name}" (${f.columns.join(', ')}) without a parent (${f.reason})`;
}

/** A case value as a message shows it: `'x' * 121` rather than 121 x's. */
export function shortValue(v: BoundaryValue): string {
  if (v.kind === 'text' && v.repeat > 1) return `'${v.text}' * ${v.repeat}`;
  return boundaryLiteral(v);
}
