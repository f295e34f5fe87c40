// The boundary-case model: from a schema's constraints, the values a database must accept and the
// ones it must reject, per table. One model feeds the generated test_constraints.py (pytest), the
// Prisma constraints.test.ts (vitest) and `verify`, which checks every case in an embedded
// PostgreSQL, so all three promise the same thing.
//
// Every case writes into one valid row (or two, for a duplicate) that already exists: value cases
// change one column with an UPDATE, so the rest of the row stays valid and the one constraint
// under test is the only one that can fire. Cases are only generated where that is certain: a
// column a CHECK mentions that is not understood, or that a CHECK compares with another column,
// gets no value cases; keys that other rows reference are never changed.

import { analyzeCheck, type ColumnFacts, type Literal } from '../analysis/checks';
import { oneLine, planPostgres, type PgPlan, type PgTable, type PgType } from '../emit/pg-plan';
import type { Column, ForeignKey, Schema, Table } from '../ir';

/** The database the cases run on: SQLite enforces fewer promises (no lengths, no enum types). */
export type BoundaryDatabase = 'postgresql' | 'sqlite';

/** A value written into a column, in a form every renderer (SQL, Python, TypeScript) can spell. */
export type BoundaryValue =
  | { kind: 'null' }
  /** `repeat` copies of `text`: `'x' * 255` reads better than 255 x's. */
  | { kind: 'text'; text: string; repeat: number }
  | { kind: 'integer'; value: number }
  /** Exact decimal text, e.g. `-0.01`. */
  | { kind: 'decimal'; text: string }
  | { kind: 'float'; value: number }
  /** An ISO date, `2020-01-01`. */
  | { kind: 'date'; iso: string }
  /** An enum label (or a string that is deliberately not one). */
  | { kind: 'enum'; label: string };

/** The SQLSTATE each kind of rejection gives on PostgreSQL. */
export const SQLSTATE = {
  notNull: '23502',
  foreignKey: '23503',
  unique: '23505',
  check: '23514',
  tooLong: '22001',
  invalidText: '22P02',
} as const;

/** Which promise a case tests; renderers use it for test ids and grouping. */
export type BoundaryKind =
  | 'max-length'
  | 'min-length'
  | 'not-null'
  | 'check-min'
  | 'check-max'
  | 'check-in'
  | 'check-not'
  | 'enum';

/** One value written into one column of an existing valid row. */
export interface ValueCase {
  kind: BoundaryKind;
  column: string;
  value: BoundaryValue;
  /** The SQLSTATE the database must reject it with, or null when it must accept it. */
  sqlstate: string | null;
  /** One sentence: what is promised, for test ids and messages (`at most 120 characters`). */
  reason: string;
}

/** A second row takes the first row's values of these columns: the database must reject it. */
export interface UniqueCase {
  columns: string[];
  /** The constraint's name in the source, when it has one. */
  constraint: string | null;
  reason: string;
}

/** How to make up a key no parent row has: one past the largest, or the nil UUID. */
export type MissingKey = 'max-plus-one' | 'nil-uuid';

/** The FK columns are set to a key no parent row has: the database must reject it. */
export interface ForeignKeyCase {
  fk: ForeignKey;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** Per FK column, how the missing key is made up. */
  missing: MissingKey[];
  reason: string;
}

export interface TableBoundaries {
  table: Table;
  values: ValueCase[];
  uniques: UniqueCase[];
  foreignKeys: ForeignKeyCase[];
}

export interface BoundaryOptions {
  database: BoundaryDatabase;
}

/** A string no CHECK list or enum contains (made shorter when the column is short). */
const NOT_A_MEMBER = 'not-a-member';

const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * The boundary cases of every table, in schema order. Tables without cases are left out. Pure and
 * deterministic.
 */
export function boundaryCases(schema: Schema, options: BoundaryOptions, plan: PgPlan = planPostgres(schema)): TableBoundaries[] {
  const out: TableBoundaries[] = [];
  for (const pg of plan.tables) {
    const t = pg.table;
    const ctx = tableContext(schema, t, pg);
    const values = t.columns.flatMap((c) => columnCases(c, ctx, options));
    const uniques = uniqueCases(t, ctx);
    const foreignKeys = foreignKeyCases(t, ctx, plan);
    if (values.length + uniques.length + foreignKeys.length > 0) out.push({ table: t, values, uniques, foreignKeys });
  }
  return out;
}

/** What the cases of one table need to know about it. */
interface TableContext {
  table: Table;
  pg: PgTable;
  /** CHECK facts per column, merged over every understood CHECK. */
  facts: Map<string, ColumnFacts>;
  /** Columns a CHECK mentions that is not understood, or that a CHECK compares with another column. */
  unsure: Set<string>;
  /** Columns no value case may change: keys, FK columns, columns other tables reference. */
  fixed: Set<string>;
}

function tableContext(schema: Schema, t: Table, pg: PgTable): TableContext {
  const lower = new Map(t.columns.map((c) => [c.name.toLowerCase(), c.name]));
  const real = (name: string) => lower.get(name.toLowerCase()) ?? name;
  const facts = new Map<string, ColumnFacts>();
  const unsure = new Set<string>();
  for (const check of t.checks) {
    const f = analyzeCheck(check.expression);
    // A CHECK the DDL leaves out (PostgreSQL would refuse it) promises nothing either.
    const leftOut = pg.notes.some((n) => n.startsWith(`CHECK (${oneLine(check.expression)}) left out`));
    if (!f.understood || leftOut) {
      for (const c of t.columns) if (mentions(check.expression, c.name)) unsure.add(c.name);
      continue;
    }
    for (const cmp of f.comparisons) {
      unsure.add(real(cmp.left));
      unsure.add(real(cmp.right));
    }
    for (const [name, cf] of Object.entries(f.columns)) facts.set(real(name), merge(facts.get(real(name)), cf));
  }
  const fixed = new Set<string>([...t.primaryKey, ...t.foreignKeys.flatMap((f) => f.columns)]);
  for (const other of schema.tables) {
    for (const fk of other.foreignKeys) if (fk.refTable === t.name) fk.refColumns.forEach((c) => fixed.add(c));
  }
  return { table: t, pg, facts, unsure, fixed };
}

/** True when `expression` mentions the column as a word (quoted or not). */
function mentions(expression: string, column: string): boolean {
  const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])["\`\\[]?${escaped}["\`\\]]?($|[^A-Za-z0-9_])`, 'i').test(expression);
}

function merge(a: ColumnFacts | undefined, b: ColumnFacts): ColumnFacts {
  if (!a) return { ...b };
  const out: ColumnFacts = { ...a };
  if (b.min && (!out.min || compareBound(b.min.value, out.min.value) > 0)) out.min = b.min;
  if (b.max && (!out.max || compareBound(b.max.value, out.max.value) < 0)) out.max = b.max;
  if (b.oneOf) out.oneOf = out.oneOf ? out.oneOf.filter((v) => b.oneOf!.includes(v)) : b.oneOf;
  if (b.notIn) out.notIn = [...(out.notIn ?? []), ...b.notIn];
  if (b.minLength !== undefined) out.minLength = Math.max(out.minLength ?? 0, b.minLength);
  if (b.maxLength !== undefined) out.maxLength = Math.min(out.maxLength ?? Infinity, b.maxLength);
  if (b.notNull) out.notNull = true;
  return out;
}

function compareBound(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Value cases

function columnCases(c: Column, ctx: TableContext, options: BoundaryOptions): ValueCase[] {
  const pgColumn = ctx.pg.columns.find((p) => p.column === c);
  if (!pgColumn || c.computed) return [];
  const out: ValueCase[] = [];
  if (!c.nullable && !c.primaryKey && !ctx.table.primaryKey.includes(c.name)) {
    out.push({ kind: 'not-null', column: c.name, value: { kind: 'null' }, sqlstate: SQLSTATE.notNull, reason: 'NOT NULL' });
  }
  if (ctx.fixed.has(c.name) || ctx.unsure.has(c.name)) return out;
  const facts = ctx.facts.get(c.name) ?? {};
  const type = pgColumn.type;
  if (facts.oneOf && facts.oneOf.length > 0) return [...out, ...inListCases(c, type, facts.oneOf)];
  if (type.kind === 'enum') return options.database === 'postgresql' ? [...out, ...enumCases(c, type.type.labels)] : out;
  if (type.kind === 'varchar' || type.kind === 'char' || type.kind === 'text') {
    out.push(...lengthCases(c, type, facts, options));
    out.push(...notInCases(c, facts, 'text'));
  } else if (type.kind === 'smallint' || type.kind === 'integer' || type.kind === 'bigint') {
    out.push(...integerBoundCases(c, type.kind, facts));
    out.push(...notInCases(c, facts, 'integer'));
  } else if (type.kind === 'numeric') {
    out.push(...decimalBoundCases(c, type, facts));
  } else if (type.kind === 'double') {
    out.push(...floatBoundCases(c, facts));
  } else if (type.kind === 'date' && options.database === 'postgresql') {
    out.push(...dateBoundCases(c, facts));
  }
  return out;
}

/** `status IN ('a', 'b')`: a member is accepted, anything else rejected by the CHECK. */
function inListCases(c: Column, type: PgType, members: Literal[]): ValueCase[] {
  const list = members.map(String).join(', ');
  if (type.kind === 'smallint' || type.kind === 'integer' || type.kind === 'bigint') {
    const numbers = members.filter((m): m is number => typeof m === 'number' && Number.isInteger(m));
    if (numbers.length !== members.length) return [];
    const outside = Math.max(...numbers) + 1;
    if (!fitsInteger(BigInt(outside), type.kind)) return [];
    return [
      { kind: 'check-in', column: c.name, value: { kind: 'integer', value: numbers[0] }, sqlstate: null, reason: `one of ${list}` },
      { kind: 'check-in', column: c.name, value: { kind: 'integer', value: outside }, sqlstate: SQLSTATE.check, reason: `one of ${list}` },
    ];
  }
  const max = textLimit(type);
  if (max === undefined) return [];
  const strings = members.filter((m): m is string => typeof m === 'string');
  if (strings.length !== members.length) return [];
  const outside = notAMember(strings, max);
  const first = strings[0];
  if (outside === null || (max !== null && first.length > max)) return [];
  return [
    { kind: 'check-in', column: c.name, value: text(first), sqlstate: null, reason: `one of ${list}` },
    { kind: 'check-in', column: c.name, value: text(outside), sqlstate: SQLSTATE.check, reason: `one of ${list}` },
  ];
}

/** The length limit of a text type (null: none), or undefined for a type that is not text. */
function textLimit(type: PgType): number | null | undefined {
  if (type.kind === 'varchar' || type.kind === 'char') return type.length;
  return type.kind === 'text' ? null : undefined;
}

/** An enum column: its first label is accepted, any other string is not a value of the type. */
function enumCases(c: Column, labels: string[]): ValueCase[] {
  if (labels.length === 0) return [];
  const outside = notAMember(labels, null);
  if (outside === null) return [];
  return [
    { kind: 'enum', column: c.name, value: { kind: 'enum', label: labels[0] }, sqlstate: null, reason: `a label of the enum` },
    { kind: 'enum', column: c.name, value: { kind: 'enum', label: outside }, sqlstate: SQLSTATE.invalidText, reason: `a label of the enum` },
  ];
}

/** Strings tried, in order, as a value no list contains: readable first, then single characters. */
const OUTSIDERS = [NOT_A_MEMBER, '~', '#', '?', '!', 'Z', 'Q', ...'0123456789'];

/** A non-empty string that is not in `members` and fits `max` characters, or null. */
function notAMember(members: string[], max: number | null): string | null {
  const taken = new Set(members);
  for (const candidate of OUTSIDERS) {
    const value = max === null ? candidate : candidate.slice(0, max);
    if (value.length > 0 && !taken.has(value)) return value;
  }
  return null;
}

/** `x` repeated: the longest value accepted, one more rejected; the shortest, one fewer rejected. */
function lengthCases(c: Column, type: PgType, facts: ColumnFacts, options: BoundaryOptions): ValueCase[] {
  const out: ValueCase[] = [];
  const typeMax = textLimit(type) ?? null;
  const checkMax = facts.maxLength !== undefined && Number.isFinite(facts.maxLength) ? facts.maxLength : null;
  const minLength = facts.minLength ?? 0;
  const enforcedTypeMax = options.database === 'postgresql' ? typeMax : null;
  const candidates = [enforcedTypeMax, checkMax].filter((x): x is number => x !== null);
  const excluded = new Set((facts.notIn ?? []).map(String));
  if (candidates.length > 0) {
    const max = Math.min(...candidates);
    // The type refuses a too-long value before any CHECK is evaluated.
    const byType = enforcedTypeMax !== null && enforcedTypeMax === max;
    const reason = byType ? `at most ${max} characters (${type.kind}(${max}))` : `at most ${max} characters (CHECK)`;
    if (max >= Math.max(1, minLength) && !excluded.has('x'.repeat(max))) {
      out.push({ kind: 'max-length', column: c.name, value: xs(max), sqlstate: null, reason });
      out.push({ kind: 'max-length', column: c.name, value: xs(max + 1), sqlstate: byType ? SQLSTATE.tooLong : SQLSTATE.check, reason });
    }
  }
  if (minLength > 0) {
    const max = candidates.length > 0 ? Math.min(...candidates) : Infinity;
    const reason = `at least ${minLength} character${minLength === 1 ? '' : 's'} (CHECK)`;
    if (minLength <= max && !excluded.has('x'.repeat(minLength)) && !excluded.has('x'.repeat(minLength - 1))) {
      out.push({ kind: 'min-length', column: c.name, value: xs(minLength), sqlstate: null, reason });
      out.push({ kind: 'min-length', column: c.name, value: xs(minLength - 1), sqlstate: SQLSTATE.check, reason });
    }
  }
  return out;
}

/** `code <> 'none'`: the excluded values are rejected by the CHECK. */
function notInCases(c: Column, facts: ColumnFacts, family: 'text' | 'integer'): ValueCase[] {
  const out: ValueCase[] = [];
  for (const v of facts.notIn ?? []) {
    if (family === 'text' && typeof v === 'string' && v.length > 0 && (facts.minLength ?? 0) <= v.length) {
      out.push({ kind: 'check-not', column: c.name, value: text(v), sqlstate: SQLSTATE.check, reason: `never '${v}'` });
    }
    if (family === 'integer' && typeof v === 'number' && Number.isInteger(v) && inBounds(v, facts)) {
      out.push({ kind: 'check-not', column: c.name, value: { kind: 'integer', value: v }, sqlstate: SQLSTATE.check, reason: `never ${v}` });
    }
  }
  return out;
}

/** True when `v` satisfies the column's numeric bounds (so only the `<>` can reject it). */
function inBounds(v: number, facts: ColumnFacts): boolean {
  const lo = facts.min && typeof facts.min.value === 'number' ? (facts.min.inclusive ? v >= facts.min.value : v > facts.min.value) : true;
  const hi = facts.max && typeof facts.max.value === 'number' ? (facts.max.inclusive ? v <= facts.max.value : v < facts.max.value) : true;
  return lo && hi;
}

function fitsInteger(v: bigint, kind: string): boolean {
  const [lo, hi] = INTEGER_RANGES[kind] ?? INTEGER_RANGES.integer;
  return v >= lo && v <= hi && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
}

/** Integer CHECK bounds: the bound itself (or the next integer) accepted, one step beyond rejected. */
function integerBoundCases(c: Column, kind: string, facts: ColumnFacts): ValueCase[] {
  return scaledBoundCases(c, facts, 0, (v) => (fitsInteger(v, kind) ? { kind: 'integer', value: Number(v) } : null));
}

/** Decimal CHECK bounds, at the column's scale (values are rounded to it before the CHECK). */
function decimalBoundCases(c: Column, type: Extract<PgType, { kind: 'numeric' }>, facts: ColumnFacts): ValueCase[] {
  const scale = type.precision === null ? 2 : (type.scale ?? 0);
  const limit = type.precision === null ? null : 10n ** BigInt(type.precision);
  return scaledBoundCases(c, facts, scale, (v) => (limit !== null && (v >= limit || -v >= limit) ? null : { kind: 'decimal', text: decimalText(v, scale) }));
}

/** Float CHECK bounds, a thousandth inside and outside (exact enough for double precision). */
function floatBoundCases(c: Column, facts: ColumnFacts): ValueCase[] {
  return scaledBoundCases(c, facts, 3, (v) => ({ kind: 'float', value: Number(decimalText(v, 3)) }));
}

/**
 * Bound cases on a grid of 10^-scale: for `col >= b` the smallest grid value at or above `b` is
 * accepted and the one below it rejected; `>`, `<=`, `<` likewise. `make` turns a grid value
 * (scaled to an integer) into a case value, or null when the type cannot hold it.
 */
function scaledBoundCases(c: Column, facts: ColumnFacts, scale: number, make: (scaled: bigint) => BoundaryValue | null): ValueCase[] {
  const out: ValueCase[] = [];
  const add = (kind: 'check-min' | 'check-max', inside: bigint, outside: bigint, reason: string) => {
    const a = make(inside);
    const b = make(outside);
    if (a === null || b === null || !insideBoth(inside, facts, scale)) return;
    out.push({ kind, column: c.name, value: a, sqlstate: null, reason });
    out.push({ kind, column: c.name, value: b, sqlstate: SQLSTATE.check, reason });
  };
  if (facts.min && typeof facts.min.value === 'number') {
    const b = facts.min.value;
    const inside = facts.min.inclusive ? ceilScaled(b, scale) : floorScaled(b, scale) + 1n;
    add('check-min', inside, inside - 1n, `${facts.min.inclusive ? '>=' : '>'} ${b}`);
  }
  if (facts.max && typeof facts.max.value === 'number') {
    const b = facts.max.value;
    const inside = facts.max.inclusive ? floorScaled(b, scale) : ceilScaled(b, scale) - 1n;
    add('check-max', inside, inside + 1n, `${facts.max.inclusive ? '<=' : '<'} ${b}`);
  }
  return out;
}

/** True when a grid value satisfies both bounds (a contradictory CHECK gives no cases). */
function insideBoth(v: bigint, facts: ColumnFacts, scale: number): boolean {
  const x = Number(decimalText(v, scale));
  return inBounds(x, facts);
}

/** The decimal text of a bound, exact, without float noise. */
function boundText(b: number): string {
  const s = String(b);
  if (!/e/i.test(s)) return s;
  return b.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** `b` scaled by 10^scale, rounded down to an integer, exactly. */
function floorScaled(b: number, scale: number): bigint {
  const [int, frac = ''] = boundText(Math.abs(b)).split('.');
  const digits = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  const rest = frac.slice(scale).replace(/0+$/, '');
  if (b >= 0) return digits;
  return rest.length > 0 ? -digits - 1n : -digits;
}

/** `b` scaled by 10^scale, rounded up to an integer, exactly. */
function ceilScaled(b: number, scale: number): bigint {
  return -floorScaled(-b, scale);
}

/** A scaled integer as decimal text with `scale` digits after the point. */
function decimalText(v: bigint, scale: number): string {
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Date CHECK bounds: the bound day (or the next) accepted, the day beyond rejected. */
function dateBoundCases(c: Column, facts: ColumnFacts): ValueCase[] {
  const out: ValueCase[] = [];
  const day = (iso: string, delta: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + delta);
    return d.toISOString().slice(0, 10);
  };
  const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
  if (facts.min && isDate(facts.min.value)) {
    const inside = facts.min.inclusive ? facts.min.value : day(facts.min.value, 1);
    out.push({ kind: 'check-min', column: c.name, value: { kind: 'date', iso: inside }, sqlstate: null, reason: `on or after ${inside}` });
    out.push({ kind: 'check-min', column: c.name, value: { kind: 'date', iso: day(inside, -1) }, sqlstate: SQLSTATE.check, reason: `on or after ${inside}` });
  }
  if (facts.max && isDate(facts.max.value)) {
    const inside = facts.max.inclusive ? facts.max.value : day(facts.max.value, -1);
    out.push({ kind: 'check-max', column: c.name, value: { kind: 'date', iso: inside }, sqlstate: null, reason: `on or before ${inside}` });
    out.push({ kind: 'check-max', column: c.name, value: { kind: 'date', iso: day(inside, 1) }, sqlstate: SQLSTATE.check, reason: `on or before ${inside}` });
  }
  if (out.length === 4 && out[0].value.kind === 'date' && out[2].value.kind === 'date' && out[0].value.iso > out[2].value.iso) return [];
  return out;
}

function text(value: string): BoundaryValue {
  return { kind: 'text', text: value, repeat: 1 };
}

function xs(n: number): BoundaryValue {
  return { kind: 'text', text: 'x', repeat: n };
}

// ---------------------------------------------------------------------------------------------
// Unique and foreign-key cases

/**
 * Unique constraints whose columns always hold a value (NOT NULL, or filled by every generated
 * row), so a copied row is a real duplicate; the primary key is left out.
 */
function uniqueCases(t: Table, ctx: TableContext): UniqueCase[] {
  const out: UniqueCase[] = [];
  for (const u of ctx.pg.uniques) {
    const columns = u.columns.map((name) => t.columns.find((c) => c.name === name));
    if (columns.some((c) => c === undefined || c.nullable || c.computed)) continue;
    const source = t.uniqueConstraints.find((x) => sameSet(x.columns, u.columns));
    const reason = u.columns.length === 1 ? `${u.columns[0]} is unique` : `(${u.columns.join(', ')}) is unique`;
    out.push({ columns: [...u.columns], constraint: source?.name ?? null, reason });
  }
  return out;
}

/**
 * Enforced, immediately checked foreign keys outside the primary key whose referenced columns are
 * integers or UUIDs (a missing key can then always be made up).
 */
function foreignKeyCases(t: Table, ctx: TableContext, plan: PgPlan): ForeignKeyCase[] {
  const out: ForeignKeyCase[] = [];
  for (const fk of t.foreignKeys) {
    const planned = plan.plannedForeignKey.get(fk);
    if (!planned || fk.initiallyDeferred || fk.columns.some((c) => t.primaryKey.includes(c))) continue;
    const missing: MissingKey[] = [];
    for (const name of fk.refColumns) {
      const type = planned.target.columns.find((c) => c.column.name === name)?.type;
      if (type?.kind === 'smallint' || type?.kind === 'integer' || type?.kind === 'bigint') missing.push('max-plus-one');
      else if (type?.kind === 'uuid') missing.push('nil-uuid');
      else break;
    }
    if (missing.length !== fk.refColumns.length) continue;
    if (fk.columns.some((c) => ctx.unsure.has(c) || ctx.facts.has(c))) continue;
    const reason = `${fk.columns.join(', ')} must match a row of ${fk.refTable}`;
    out.push({ fk, columns: [...fk.columns], refTable: fk.refTable, refColumns: [...fk.refColumns], missing, reason });
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The number of cases (each accept or reject counts once), for summaries. */
export function countCases(tables: TableBoundaries[]): number {
  return tables.reduce((n, t) => n + t.values.length + t.uniques.length + t.foreignKeys.length, 0);
}
