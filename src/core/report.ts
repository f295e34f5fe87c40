// Text and JSON renderings of a read schema and its analysis, shared by the CLI and the editor.

import type { Analysis } from './analysis/graph';
import type { Column, Diagnostic, ForeignKey, Schema, Table } from './ir';

export interface InspectJson {
  format: string;
  dialect: string | null;
  tables: unknown[];
  order: string[];
  cycles: { tables: string[]; breakAt: { table: string; columns: string[] }[] }[];
  diagnostics: Diagnostic[];
}

/** The `inspect --json` document. Field order is fixed so output is byte-stable. */
export function inspectJson(schema: Schema, analysis: Analysis, diagnostics: Diagnostic[]): InspectJson {
  return {
    format: schema.format,
    dialect: schema.dialect,
    tables: schema.tables.map(tableJson),
    order: analysis.order,
    cycles: analysis.cycles.map((c) => ({
      tables: c.tables,
      breakAt: c.breakAt.map((b) => ({ table: b.table, columns: b.columns })),
      ...(c.breakable ? {} : { breakable: false }),
    })),
    diagnostics,
  };
}

// The optional keys are added after the fixed ones, in a fixed order, as plain assignments: no
// object spreads, which cost a temporary object and a copy per column on large schemas.

function tableJson(t: Table): unknown {
  return {
    name: t.name,
    model: t.model,
    columns: t.columns.map(columnJson),
    primaryKey: t.primaryKey,
    uniqueConstraints: t.uniqueConstraints.map((u) => u.columns),
    foreignKeys: t.foreignKeys.map(foreignKeyJson),
    checks: t.checks.map((c) => c.expression),
    location: { file: t.location.file, line: t.location.line },
  };
}

function columnJson(c: Column): unknown {
  const out: Record<string, unknown> = {
    name: c.name,
    type: c.type,
    nullable: c.nullable,
    primaryKey: c.primaryKey,
    unique: c.unique,
    maxLength: c.maxLength,
    enumValues: c.enumValues,
    hasDefault: c.hasDefault,
  };
  if (c.attribute !== null && c.attribute !== c.name) out.attribute = c.attribute;
  if (c.precision !== null) {
    out.precision = c.precision;
    out.scale = c.scale;
  }
  if (c.autoincrement) out.autoincrement = true;
  if (c.type === 'array') out.itemType = c.itemType;
  if (c.timezone) out.timezone = true;
  return out;
}

function foreignKeyJson(f: ForeignKey): unknown {
  const out: Record<string, unknown> = { columns: f.columns, refTable: f.refTable, refColumns: f.refColumns };
  if (f.deferrable) out.deferrable = true;
  if (f.logical) out.logical = true;
  return out;
}

/** The human-readable `order` report. */
export function orderText(schema: Schema, analysis: Analysis): string {
  const lines: string[] = [];
  const n = analysis.order.length;
  lines.push(`Insertion order (${n} table${n === 1 ? '' : 's'}, parents first):`);
  const width = String(n).length;
  const nameWidth = Math.min(40, Math.max(0, ...analysis.order.map((t) => t.length)));
  const broken = new Set<string>();
  for (const c of analysis.cycles) for (const b of c.breakAt) broken.add(`${b.table}\u0000${b.refTable}`);
  analysis.order.forEach((table, i) => {
    const deps = (analysis.dependencies[table] ?? []).filter((d) => !broken.has(`${table}\u0000${d}`));
    const linkedLater = (analysis.dependencies[table] ?? []).filter((d) => broken.has(`${table}\u0000${d}`));
    let line = `  ${String(i + 1).padStart(width)}. ${table}`;
    const notes: string[] = [];
    if (deps.length > 0) notes.push(`after ${deps.join(', ')}`);
    if (linkedLater.length > 0) notes.push(`links ${linkedLater.join(', ')} later`);
    if (notes.length > 0) line = line.padEnd(width + 4 + nameWidth + 2) + notes.join('; ');
    lines.push(line.trimEnd());
  });
  if (analysis.cycles.length > 0) {
    lines.push('', `Cycles (${analysis.cycles.length}):`);
    for (const c of analysis.cycles) {
      lines.push(`  ${c.tables.join(' <-> ')}${c.breakable ? '' : '  (no insert order exists)'}`);
      for (const b of c.breakAt) {
        const cols = b.columns.join(', ');
        lines.push(
          b.strategy === 'nullable'
            ? `    break ${b.table}(${cols}) -> ${b.refTable}: insert ${b.table} with ${cols} NULL, set it once ${b.refTable} exists`
            : `    break ${b.table}(${cols}) -> ${b.refTable}: the constraint is DEFERRABLE; insert both in one transaction with SET CONSTRAINTS ALL DEFERRED`,
        );
      }
    }
  }
  if (analysis.selfReferences.length > 0) {
    lines.push('', `Self-references (${analysis.selfReferences.length}):`);
    for (const s of analysis.selfReferences) {
      lines.push(
        `  ${s.table}(${s.fk.columns.join(', ')}) -> ${s.table}${s.nullable ? ' (nullable: roots have none)' : ' (NOT NULL)'}`,
      );
    }
  }
  if (analysis.associations.length > 0) {
    lines.push('', `Many-to-many association tables (${analysis.associations.length}):`);
    for (const a of analysis.associations) {
      lines.push(`  ${a.table}: ${a.left.refTable} <-> ${a.right.refTable}`);
    }
  }
  void schema;
  return lines.join('\n') + '\n';
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** Diagnostics sorted by file, position, then severity, so output is stable across readers. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  const sev = { error: 0, warning: 1, info: 2 } as const;
  return [...ds].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      sev[a.severity] - sev[b.severity] ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
