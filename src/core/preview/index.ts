// The seed preview's view model: the rows the `seeded` fixture inserts (the same generator, plans
// and seed as `seed_data.py` and `verify`), as one table per seed group with display text for every
// cell and, for FK columns, the parent row the value comes from. Pure data: the editor renders it
// (`html.ts`) and posts nothing but this and the seed back and forth.

import type { Analysis } from '../analysis/graph';
import { planValues, type ValuePlan, type ValuePlanResult } from '../analysis/values';
import type { ForeignKey, Schema, Table } from '../ir';
import { generateSeedData, type SeedData, type SeedRef, type SeedRow, type SeedValue } from '../seed';

export interface PreviewOptions {
  /** Rows per table (`--seed-rows`). */
  rows: number;
  /** Seed of the generator (`--seed`). */
  seed: number;
  locale: string;
}

/** Where an FK cell points: the parent's table section and row. */
export interface PreviewTarget {
  /** Index of the parent's table in `SeedPreview.tables`. */
  table: number;
  /** 0-based row index in that table. */
  row: number;
  /** The element id of the parent row (`row-<table>-<row>`). */
  anchor: string;
}

export type PreviewCell =
  /** A value the fixture inserts. */
  | { kind: 'value'; text: string }
  /** SQL NULL, inserted explicitly. */
  | { kind: 'null'; text: 'NULL' }
  /** Left to the database or the ORM (autoincrement, default, computed, discriminator). */
  | { kind: 'generated'; text: string; title: string }
  /** Not a column of this row's class (a single-table sibling's column). */
  | { kind: 'absent'; text: '' }
  /**
   * An FK value: the parent's referenced value when the seed knows it, else the parent's row number.
   * `afterInsert`: set once every row exists (self-references and the FKs that break cycles).
   */
  | { kind: 'link'; text: string; title: string; target: PreviewTarget; afterInsert: boolean };

export interface PreviewColumn {
  name: string;
  /** The type as the schema spells it. */
  type: string;
  primaryKey: boolean;
  /** The referenced table, for FK columns. */
  references: string | null;
}

export interface PreviewRow {
  /** Element id: `row-<table>-<row>`. */
  anchor: string;
  /** `#1`, `#2`, ...: the row number FK cells use when the parent's key is assigned on insert. */
  label: string;
  cells: PreviewCell[];
}

export interface PreviewTable {
  /** Element id: `table-<index>`. */
  anchor: string;
  /** Model name, or the table name for tables without a class. */
  name: string;
  /** The tables this group writes, ancestors first (joined inheritance writes several). */
  tables: string[];
  columns: PreviewColumn[];
  rows: PreviewRow[];
}

export interface SeedPreview {
  seed: number;
  rowsPerTable: number;
  locale: string;
  tables: PreviewTable[];
  /** Tables the seed leaves empty (association tables without a class). */
  notSeeded: string[];
  /** Rows inserted in total. */
  totalRows: number;
}

/** Builds the preview of the rows the `seeded` fixture inserts for `schema`. */
export function buildSeedPreview(schema: Schema, analysis: Analysis, options: PreviewOptions, plans: ValuePlanResult = planValues(schema)): SeedPreview {
  const data = generateSeedData(schema, analysis, plans, { rows: options.rows, seed: options.seed, locale: options.locale });
  return previewOf(schema, plans, data, options.locale);
}

/** The view model of generated seed data. */
export function previewOf(schema: Schema, plans: ValuePlanResult, data: SeedData, locale: string): SeedPreview {
  const groupIndex = new Map(data.groups.map((g, i) => [g.name, i]));
  const afterInsert = new Map<string, SeedRef[]>();
  for (const link of data.links) {
    const key = `${link.group}\u0000${link.row}`;
    afterInsert.set(key, [...(afterInsert.get(key) ?? []), link.ref]);
  }
  const tables: PreviewTable[] = data.groups.map((group, gi) => {
    const columns: { table: Table; column: Table['columns'][number]; plan: ValuePlan | undefined }[] = [];
    const seen = new Set<string>();
    for (const table of group.tables) {
      const planned = new Map((plans.tables[table.name]?.columns ?? []).map((c) => [c.column.name, c.value]));
      for (const column of table.columns) {
        if (seen.has(column.name)) continue;
        seen.add(column.name);
        columns.push({ table, column, plan: planned.get(column.name) });
      }
    }
    const rows: PreviewRow[] = group.rows.map((row, ri) => {
      const refs = [...row.refs.map((ref) => ({ ref, later: false })), ...(afterInsert.get(`${group.name}\u0000${ri}`) ?? []).map((ref) => ({ ref, later: true }))];
      const cells = columns.map(({ table, column, plan }) => {
        const linked = refs.find((r) => r.ref.fk.columns.includes(column.name) && table.foreignKeys.includes(r.ref.fk));
        if (linked) return linkCell(data, groupIndex, linked.ref, column.name, linked.later);
        return valueCell(row, column.name, plan, table, group.tables);
      });
      return { anchor: rowAnchor(gi, ri), label: `#${ri + 1}`, cells };
    });
    return {
      anchor: `table-${gi}`,
      name: group.name,
      tables: group.tables.map((t) => t.name),
      columns: columns.map(({ table, column }) => ({
        name: column.name,
        type: column.rawType || column.type,
        primaryKey: column.primaryKey,
        references: table.foreignKeys.find((f: ForeignKey) => f.columns.includes(column.name))?.refTable ?? null,
      })),
      rows,
    };
  });
  const seeded = new Set(data.groups.flatMap((g) => g.tables.map((t) => t.name)));
  return {
    seed: data.seed,
    rowsPerTable: data.rowsPerTable,
    locale,
    tables,
    notSeeded: schema.tables.filter((t) => !seeded.has(t.name)).map((t) => t.name),
    totalRows: tables.reduce((n, t) => n + t.rows.length, 0),
  };
}

/** The element id of a row. */
export function rowAnchor(table: number, row: number): string {
  return `row-${table}-${row}`;
}

/** An FK cell: the parent's referenced value when known, else its row number. */
function linkCell(data: SeedData, groupIndex: Map<string, number>, ref: SeedRef, column: string, afterInsert: boolean): PreviewCell {
  const table = groupIndex.get(ref.group) ?? 0;
  const parent = data.groups[table]?.rows[ref.row];
  const refColumn = ref.fk.refColumns[ref.fk.columns.indexOf(column)] ?? ref.fk.refColumns[0];
  const known = parent?.values[refColumn];
  const label = `#${ref.row + 1}`;
  const text = known && known.kind !== 'null' ? seedValueText(known) : label;
  const where = `${ref.fk.refTable} row ${label}`;
  const how = known ? `${refColumn} of ${where}` : `${refColumn} of ${where}, assigned by the database on insert`;
  return { kind: 'link', text, title: afterInsert ? `${how}; set after every row is inserted` : how, target: { table, row: ref.row, anchor: rowAnchor(table, ref.row) }, afterInsert };
}

/** A non-FK cell: the seed value, or why the fixture leaves the column alone. */
function valueCell(row: SeedRow, column: string, plan: ValuePlan | undefined, table: Table, chain: Table[]): PreviewCell {
  const value = row.values[column];
  if (value) return value.kind === 'null' ? { kind: 'null', text: 'NULL' } : { kind: 'value', text: seedValueText(value) };
  if (plan?.kind === 'omit') {
    if (plan.reason === 'nullable') return { kind: 'null', text: 'NULL' };
    return { kind: 'generated', text: plan.reason === 'autoincrement' ? 'auto' : plan.reason, title: OMIT_TITLES[plan.reason] };
  }
  if (plan?.kind === 'foreign-key') {
    const inherited = chain.indexOf(table) > 0 && table.primaryKey.includes(column);
    if (inherited) return { kind: 'generated', text: 'parent key', title: `the key of this row in ${chain[0].name}, set by the ORM` };
    return { kind: 'null', text: 'NULL' };
  }
  if (plan) return { kind: 'generated', text: 'set by the ORM', title: 'the ORM sets this column (a discriminator or another class of a shared table)' };
  return { kind: 'absent', text: '' };
}

const OMIT_TITLES: Record<'autoincrement' | 'default' | 'computed' | 'discriminator', string> = {
  autoincrement: 'assigned by the database on insert',
  default: 'the column default applies',
  computed: 'computed by the database',
  discriminator: 'set by the ORM from the class',
};

/** A seed value as the preview shows it: close to how PostgreSQL prints it. */
export function seedValueText(value: SeedValue): string {
  switch (value.kind) {
    case 'null':
      return 'NULL';
    case 'literal':
      return String(value.value);
    case 'decimal':
    case 'time':
    case 'uuid':
      return value.text;
    case 'date':
    case 'datetime':
      return value.iso;
    case 'interval':
      return `${value.minutes} min`;
    case 'json':
      return JSON.stringify(value.value);
    case 'bytes':
      return `\\x${value.hex}`;
    case 'array':
      return `[${value.items.map(seedValueText).join(', ')}]`;
    case 'enum':
      return value.label;
  }
}
