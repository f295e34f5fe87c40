// From a database error to what the user needs: which table, column and constraint, which
// generated value broke it, and where that column is written in the schema. PostgreSQL names the
// column of a NOT NULL violation and the constraint of a CHECK, unique or FK violation; for a
// value the column type cannot hold (too long, not an enum label) it names neither, so the
// culprit is found by writing the row's values one column at a time.

import type { Diagnostic, SourceLocation } from '../ir';
import { quoteIdent } from '../emit/pg-expression';
import type { PgTable } from '../emit/pg-plan';
import type { FailedWrite } from './insert';
import type { PgError, SqlEngine } from './pglite';
import { shownValue } from './sql-values';

/** A constraint as the database holds it: its kind, columns and definition. */
export interface CatalogConstraint {
  table: string;
  name: string;
  kind: string;
  columns: string[];
  definition: string;
}

/** One violation, located and explained. */
export interface Violation {
  /** Stable key: violations with the same key are one problem seen in several rows. */
  key: string;
  table: PgTable;
  column: string | null;
  constraint: string | null;
  value: string | null;
  code: string;
  message: string;
  location: SourceLocation;
}

/** Reads every constraint of the user tables (run once after the DDL loads). */
export async function readConstraints(engine: SqlEngine): Promise<CatalogConstraint[]> {
  return engine.query<CatalogConstraint>(`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.contype::text AS kind,
           coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), '{}') AS columns,
           pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND c.conrelid <> 0
     ORDER BY 1, 2`);
}

/** Explains a failed write. `probe` is the engine, for finding the column a data error is about. */
export async function explain(failure: FailedWrite, constraints: CatalogConstraint[], engine: SqlEngine): Promise<Violation> {
  const e = failure.error;
  const code = e.code ?? 'unknown';
  const table = failure.table;
  let column: string | null = e.column ?? null;
  const constraint: string | null = e.constraint ?? null;
  let what: string;
  const known = constraint ? constraints.find((c) => c.name === constraint && c.table === table.ref) : undefined;
  switch (code) {
    case '23502':
      what = `column "${column}" is NULL but NOT NULL`;
      break;
    case '23505':
    case '23503': {
      const detail = parseKeyDetail(e.detail);
      column = detail?.columns[0] ?? known?.columns[0] ?? null;
      const kind = code === '23505' ? 'UNIQUE' : 'FOREIGN KEY';
      what = `${kind} constraint "${constraint}"${known ? ` (${known.definition})` : ''} rejects ${detail ? `(${detail.columns.join(', ')}) = (${detail.values})` : 'the row'}${e.detail ? `: ${e.detail}` : ''}`;
      break;
    }
    case '23514':
      column = known?.columns[0] ?? null;
      what = `${known?.definition ?? 'CHECK'} (constraint "${constraint}") rejects it`;
      break;
    default:
      column = column ?? (await culprit(failure, engine));
      what = e.message;
  }
  const value = column !== null ? (failure.values.get(column) ?? null) : null;
  const columns = code === '23514' && known ? known.columns : column ? [column] : [];
  const shown = columns.map((c) => `${c} = ${shownValue(failure.values.get(c) ?? 'NULL')}`).join(', ');
  const where = `${failure.link ? 'linking ' : ''}${failure.pass} row ${failure.row + 1} of ${failure.group}`;
  const columnPart = columns.length > 0 ? `"${table.table.name}".${shown}: ` : `"${table.table.name}": `;
  const message = `${columnPart}${what} [${code}] (${where}). The generated value breaks the schema: set this column in the factory's user-code region, or report it with this schema.`;
  const location = (column && table.table.columns.find((c) => c.name === column)?.location) || table.table.location;
  return { key: [table.table.name, column ?? '', constraint ?? '', code].join('\u0000'), table, column, constraint, value, code, message, location };
}

/** `Key (a, b)=(1, x) already exists.` → the columns and the value text. */
function parseKeyDetail(detail: string | undefined): { columns: string[]; values: string } | null {
  const m = detail ? /^Key \((.+?)\)=\((.*)\) (already exists|is not present)/.exec(detail) : null;
  if (!m) return null;
  return { columns: m[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')), values: m[2] };
}

/**
 * The column whose value the type refuses: the first whose value, written alone, fails with the
 * same SQLSTATE (type conversions run before any constraint, so the other columns do not matter).
 */
async function culprit(failure: FailedWrite, engine: SqlEngine): Promise<string | null> {
  if (failure.link) return [...failure.values.keys()][0] ?? null;
  for (const [column, literal] of failure.values) {
    await engine.exec('SAVEPOINT probe');
    try {
      await engine.query(`INSERT INTO ${failure.table.ref} (${quoteIdent(column)}) VALUES (${literal})`);
    } catch (error) {
      if ((error as PgError).code === failure.error.code) {
        await engine.exec('ROLLBACK TO SAVEPOINT probe');
        return column;
      }
    }
    await engine.exec('ROLLBACK TO SAVEPOINT probe');
  }
  return null;
}

/**
 * One diagnostic per distinct problem (same table, column, constraint and SQLSTATE), saying how
 * many generated rows had it.
 */
export function violationDiagnostics(violations: Violation[]): Diagnostic[] {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) groups.set(v.key, [...(groups.get(v.key) ?? []), v]);
  return [...groups.values()].map((list) => {
    const first = list[0];
    const more = list.length > 1 ? ` ${list.length - 1} more generated row${list.length === 2 ? '' : 's'} had the same problem.` : '';
    return {
      severity: 'error' as const,
      message: `${first.message}${more}`,
      file: first.location.file,
      line: first.location.line,
      column: first.location.column,
      code: 'verify/violation',
    };
  });
}
