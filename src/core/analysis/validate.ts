// Checks every format shares once a reader is done: each table is defined once, every foreign
// key points at a table and columns that exist. Problems become diagnostics at the FK's location.

import type { Diagnostic, Schema, Table } from '../ir';

/**
 * Drops tables defined twice (the first definition wins) and reports them, then reports foreign
 * keys whose target table or columns do not exist. Mutates `schema.tables` only to de-duplicate.
 */
export function validateSchema(schema: Schema): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byName = new Map<string, Table>();
  const kept: Table[] = [];
  for (const t of schema.tables) {
    const first = byName.get(t.name);
    if (first) {
      diagnostics.push({
        severity: 'error',
        message: `table "${t.name}" is defined twice (first at ${first.location.file}:${first.location.line}); rename or remove one definition — this one is ignored`,
        file: t.location.file,
        line: t.location.line,
        column: t.location.column,
        code: 'schema/duplicate-table',
      });
      continue;
    }
    byName.set(t.name, t);
    kept.push(t);
  }
  schema.tables = kept;

  for (const t of kept) {
    if (t.foreignKeys.length === 0) continue;
    const own = new Set(t.columns.map((c) => c.name));
    for (const fk of t.foreignKeys) {
      const at = { file: fk.location.file, line: fk.location.line, column: fk.location.column };
      for (const c of fk.columns) {
        if (!own.has(c)) {
          diagnostics.push({
            severity: 'error',
            message: `foreign key on "${t.name}" uses column "${c}", which "${t.name}" does not have`,
            ...at,
            code: 'fk/missing-column',
          });
        }
      }
      const target = byName.get(fk.refTable);
      if (!target) {
        const hint = suggest(fk.refTable, [...byName.keys()]);
        diagnostics.push({
          severity: 'error',
          message:
            `foreign key ${t.name}(${fk.columns.join(', ')}) references table "${fk.refTable}", which is not defined in the schema` +
            (hint ? `; did you mean "${hint}"?` : '; add that table or fix the reference'),
          ...at,
          code: 'fk/missing-table',
        });
        continue;
      }
      if (fk.refColumns.length !== fk.columns.length) {
        diagnostics.push({
          severity: 'error',
          message: `foreign key ${t.name}(${fk.columns.join(', ')}) has ${fk.columns.length} column(s) but references ${fk.refColumns.length} in "${fk.refTable}"`,
          ...at,
          code: 'fk/arity',
        });
        continue;
      }
      for (const c of fk.refColumns) {
        if (!target.columns.some((x) => x.name === c)) {
          const hint = suggest(c, [...new Set(target.columns.map((x) => x.name))]);
          diagnostics.push({
            severity: 'error',
            message:
              `foreign key ${t.name}(${fk.columns.join(', ')}) references column "${fk.refTable}.${c}", which does not exist` +
              (hint ? `; did you mean "${hint}"?` : ''),
            ...at,
            code: 'fk/missing-ref-column',
          });
        }
      }
    }
  }
  return diagnostics;
}

/** The closest candidate by edit distance, if it is close enough to be a plausible typo. */
export function suggest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
