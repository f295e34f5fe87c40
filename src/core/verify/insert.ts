// Writing seed rows into the embedded database the way the `seeded` fixture does: groups in
// foreign-key order, each row's tables parent first (joined inheritance), FK columns taken from
// the parent rows the database actually stored (their keys may be generated), and the links that
// close cycles and self-references set by an UPDATE once every row exists. Every statement runs
// in its own SAVEPOINT, so one bad row is reported and the rest still go in.

import type { Model, Schema, Table } from '../ir';
import type { PgColumn, PgPlan, PgTable } from '../emit/pg-plan';
import { quoteIdent } from '../emit/pg-expression';
import type { SeedData, SeedGroup, SeedRef } from '../seed';
import type { PgError, SqlEngine } from './pglite';
import { seedLiteral } from './sql-values';

/** A row the database stored: where it is and the key values other rows need from it. */
export interface StoredRow {
  table: PgTable;
  /** `ctid` of the current row version (refreshed after every UPDATE). */
  ctid: string;
  /** Text values of the columns other rows reference (and the primary key), by column name. */
  keys: Record<string, string | null>;
}

/** What a failed statement tried to write, for the report. */
export interface FailedWrite {
  /** `seed` (the `seeded` fixture's rows) or `batch` (the create_batch-like extra rows). */
  pass: string;
  group: string;
  row: number;
  table: PgTable;
  /** Column name → SQL literal it was given. */
  values: Map<string, string>;
  /** The SQL that failed. */
  sql: string;
  error: PgError;
  /** True for the UPDATE that links a row after insert (cycles, self-references). */
  link: boolean;
}

export interface WriteResult {
  /** Stored rows per table name, in insertion order. */
  rows: Map<string, StoredRow[]>;
  failures: FailedWrite[];
  /** Rows not attempted because a parent row they need was not stored. */
  skipped: number;
  inserted: number;
}

/**
 * Inserts one seed data set (inside the caller's transaction) and sets its links. `userColumns`
 * (keys from `columnKey`) are NOT NULL columns the generator leaves to the user (an unknown type):
 * they get a stand-in of their type, and verify warns that their value is not verified.
 */
export async function writeSeedData(engine: SqlEngine, schema: Schema, plan: PgPlan, data: SeedData, pass: string, userColumns: Set<string> = new Set()): Promise<WriteResult> {
  const writer = new SeedWriter(engine, schema, plan, pass, userColumns);
  for (const group of data.groups) {
    for (let i = 0; i < group.rows.length; i++) await writer.insertRow(group, i);
  }
  for (const link of data.links) await writer.link(data.groups.find((g) => g.name === link.group)!, link.row, link.ref);
  return writer.result();
}

class SeedWriter {
  private readonly stored = new Map<string, StoredRow>();
  private readonly byTable = new Map<string, StoredRow[]>();
  private readonly failures: FailedWrite[] = [];
  private readonly pgTables: Map<string, PgTable>;
  /** Per table, the columns other rows take values from (referenced columns and the key). */
  private readonly keyColumns = new Map<string, string[]>();
  private skipped = 0;
  private inserted = 0;
  private savepoints = 0;

  constructor(
    private readonly engine: SqlEngine,
    private readonly schema: Schema,
    plan: PgPlan,
    private readonly pass: string,
    private readonly userColumns: Set<string>,
  ) {
    this.pgTables = new Map(plan.tables.map((t) => [t.table.name, t]));
    for (const t of plan.tables) {
      const wanted = new Set(t.primaryKey?.columns ?? []);
      for (const other of schema.tables) for (const fk of other.foreignKeys) if (fk.refTable === t.table.name) fk.refColumns.forEach((c) => wanted.add(c));
      this.keyColumns.set(t.table.name, t.columns.map((c) => c.column.name).filter((c) => wanted.has(c)));
    }
  }

  result(): WriteResult {
    return { rows: this.byTable, failures: this.failures, skipped: this.skipped, inserted: this.inserted };
  }

  /** Inserts every table of one row of a group, parent table first; stops at the first failure. */
  async insertRow(group: SeedGroup, i: number): Promise<void> {
    const row = group.rows[i];
    for (let ti = 0; ti < group.tables.length; ti++) {
      const table = this.pgTables.get(group.tables[ti].name);
      if (!table) return;
      const values = new Map<string, string>();
      for (const c of table.columns) {
        const v = row.values[c.column.name];
        if (v !== undefined) values.set(c.column.name, seedLiteral(v));
      }
      for (const c of table.columns) {
        const seed = `${this.pass}:${group.name}:${i}:${c.column.name}`;
        const userFilled = this.userColumns.has(columnKey(table.table.name, c.column.name)) && (values.get(c.column.name) ?? 'NULL') === 'NULL';
        const standIn = userFilled ? typedStandIn(c, seed) : values.has(c.column.name) ? null : clientDefaultStandIn(c, seed);
        if (standIn !== null) values.set(c.column.name, standIn);
      }
      const discriminator = discriminatorValue(this.schema, group.model, table.table);
      if (discriminator) values.set(discriminator.column, discriminator.literal);
      const parentTable = ti > 0 ? group.tables[ti - 1] : null;
      const inheritance = parentTable ? table.table.foreignKeys.find((f) => f.refTable === parentTable.name && f.columns.every((c) => table.table.primaryKey.includes(c))) : undefined;
      const refs: { columns: string[]; refColumns: string[]; parent: StoredRow | undefined }[] = [];
      if (inheritance) refs.push({ columns: inheritance.columns, refColumns: inheritance.refColumns, parent: this.stored.get(key(group.name, i, parentTable!.name)) });
      for (const ref of row.refs) {
        if (!table.table.foreignKeys.includes(ref.fk)) continue;
        refs.push({ columns: ref.fk.columns, refColumns: ref.fk.refColumns, parent: this.stored.get(key(ref.group, ref.row, ref.fk.refTable)) });
      }
      if (refs.some((r) => r.parent === undefined)) {
        this.skipped++;
        return;
      }
      for (const r of refs) r.columns.forEach((c, k) => values.set(c, textLiteral(r.parent!.keys[r.refColumns[k]])));
      const stored = await this.insert(table, values, group, i);
      if (!stored) return;
      this.stored.set(key(group.name, i, table.table.name), stored);
      const list = this.byTable.get(table.table.name) ?? [];
      list.push(stored);
      this.byTable.set(table.table.name, list);
    }
  }

  /** Sets a link (cycle-breaking FK or self-reference) on a stored row. */
  async link(group: SeedGroup, i: number, ref: SeedRef): Promise<void> {
    const owner = group.tables.find((t) => t.foreignKeys.includes(ref.fk));
    const child = owner ? this.stored.get(key(group.name, i, owner.name)) : undefined;
    const parent = this.stored.get(key(ref.group, ref.row, ref.fk.refTable));
    if (!child || !parent) {
      this.skipped++;
      return;
    }
    const values = new Map(ref.fk.columns.map((c, k) => [c, textLiteral(parent.keys[ref.fk.refColumns[k]])] as [string, string]));
    const sets = [...values].map(([c, v]) => `${quoteIdent(c)} = ${v}`).join(', ');
    const sql = `UPDATE ${child.table.ref} SET ${sets} WHERE ctid = ${textLiteral(child.ctid)} RETURNING ctid::text AS ctid`;
    const rows = await this.attempt(sql, child.table, values, group, i, true);
    if (rows && rows[0]) child.ctid = rows[0].ctid as string;
  }

  private async insert(table: PgTable, values: Map<string, string>, group: SeedGroup, i: number): Promise<StoredRow | null> {
    const columns = [...values.keys()];
    const target = columns.length === 0 ? 'DEFAULT VALUES' : `(${columns.map(quoteIdent).join(', ')}) VALUES (${[...values.values()].join(', ')})`;
    const keys = this.keyColumns.get(table.table.name) ?? [];
    const returning = ['ctid::text AS ctid', ...keys.map((c, k) => `${quoteIdent(c)}::text AS k${k}`)].join(', ');
    const sql = `INSERT INTO ${table.ref} ${target} RETURNING ${returning}`;
    const rows = await this.attempt(sql, table, values, group, i, false);
    if (!rows || !rows[0]) return null;
    this.inserted++;
    const stored: StoredRow = { table, ctid: rows[0].ctid as string, keys: {} };
    keys.forEach((c, k) => (stored.keys[c] = (rows[0][`k${k}`] as string | null) ?? null));
    return stored;
  }

  /** Runs one statement in a SAVEPOINT; records a failure and returns null when it fails. */
  private async attempt(sql: string, table: PgTable, values: Map<string, string>, group: SeedGroup, i: number, link: boolean): Promise<Record<string, unknown>[] | null> {
    const name = `w${++this.savepoints}`;
    await this.engine.exec(`SAVEPOINT ${name}`);
    try {
      const rows = await this.engine.query<Record<string, unknown>>(sql);
      await this.engine.exec(`RELEASE SAVEPOINT ${name}`);
      return rows;
    } catch (error) {
      await this.engine.exec(`ROLLBACK TO SAVEPOINT ${name}`);
      this.failures.push({ pass: this.pass, group: group.name, row: i, table, values, sql, error: error as PgError, link });
      return null;
    }
  }
}

/** The key of a column in `userColumns`. */
export function columnKey(table: string, column: string): string {
  return `${table}\u0000${column}`;
}

function key(group: string, row: number, table: string): string {
  return `${group}\u0000${row}\u0000${table}`;
}

/** A stored text value back as a literal (NULL stays NULL). */
function textLiteral(v: string | null | undefined): string {
  return v === null || v === undefined ? 'NULL' : `'${v.replace(/'/g, "''")}'`;
}

/**
 * A stand-in for a default the client computes (a Python `default=uuid.uuid4`, Prisma's
 * `@default(cuid())`): the ORM fills such a column on insert, the database has no default for it,
 * so verify fills it with a value of the right type, made from `seed` so it is unique and
 * deterministic. Null when the column has no such default.
 */
function clientDefaultStandIn(c: PgColumn, seed: string): string | null {
  const col = c.column;
  if (!col.hasDefault || col.autoincrement || col.computed || c.identity || c.default !== null) return null;
  // A nullable column's client default may well be None (`Optional[int] = None`): NULL is what
  // the schema promises to accept, and a made-up key would point at no parent row.
  if (col.nullable) return null;
  return typedStandIn(c, seed);
}

/** A value of the column's type made from `seed` (unique and deterministic), or null. */
export function typedStandIn(c: PgColumn, seed: string): string | null {
  const md5 = `md5(${textLiteral(seed)})`;
  switch (c.type.kind) {
    case 'uuid':
      return `${md5}::uuid`;
    case 'timestamp':
      return 'now()';
    case 'date':
      return 'current_date';
    case 'time':
      return c.type.timezone ? 'current_time' : 'localtime';
    case 'jsonb':
      return `'{}'`;
    case 'boolean':
      return 'FALSE';
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'numeric':
    case 'double':
      return '0';
    case 'varchar':
    case 'char':
      return c.type.length === null ? md5 : `left(${md5}, ${c.type.length})`;
    case 'text':
    case 'fallback':
      return md5;
    case 'enum':
      return c.type.type.labels.length > 0 ? textLiteral(c.type.type.labels[0]) : null;
    case 'array':
      return `'{}'`;
    case 'interval':
      return `'0'`;
    case 'bytea':
      return `'\\x'`;
    default:
      return null;
  }
}

/**
 * The discriminator of a class in an inheritance tree, which the ORM sets on every row it inserts
 * (`type = 'manager'`): the seed rows leave it to the ORM, so verify sets it the same way.
 */
function discriminatorValue(schema: Schema, model: Model | null, table: Table): { column: string; literal: string } | null {
  if (!model) return null;
  let root: Model = model;
  for (let i = 0; i < 50 && root.parent; i++) {
    const parent = schema.models.find((m) => m.name === root.parent);
    if (!parent) break;
    root = parent;
  }
  const column = root.polymorphicOn;
  if (!column || !table.columns.some((c) => c.name === column) || root.table !== table.name) return null;
  return model.polymorphicIdentity === null ? null : { column, literal: textLiteral(model.polymorphicIdentity) };
}
