// Value planning: for every column, decide what kind of value a factory or a seed row should put
// there so the row satisfies the schema (type, length, precision, enum, unique, CHECK) and looks
// real (an email looks like an email). Emitters turn plans into factory_boy or TypeScript code;
// `generate.ts` turns them into concrete seed values. One plan, so all outputs agree.

import type { Column, Diagnostic, Schema, Table } from '../ir';
import { analyzeCheck, type Bound, type CheckFacts, type ColumnComparison, type ColumnFacts, type Literal } from './checks';

/** What a text value should look like. Each has a Faker provider in Python and in TypeScript. */
export type Semantic =
  | 'email'
  | 'first_name'
  | 'last_name'
  | 'name'
  | 'username'
  | 'phone'
  | 'street'
  | 'city'
  | 'state'
  | 'postcode'
  | 'country'
  | 'country_code'
  | 'company'
  | 'url'
  | 'slug'
  | 'title'
  | 'product'
  | 'word'
  | 'text'
  | 'ipv4'
  | 'hex_color'
  | 'currency_code'
  | 'job'
  | 'password_hash'
  | 'code'
  | 'uuid'
  | 'file_name'
  | 'language_code'
  | 'timezone';

export type ValuePlan =
  /** Leave the column to the database or the ORM. */
  | { kind: 'omit'; reason: 'autoincrement' | 'default' | 'computed' | 'discriminator' | 'nullable' }
  /** Filled from a parent row (FK); emitters use the relationship / SubFactory. */
  | { kind: 'foreign-key' }
  | {
      kind: 'text';
      semantic: Semantic;
      /** Longest allowed value (column length and CHECK), or null. */
      maxLength: number | null;
      minLength: number;
      unique: boolean;
    }
  | { kind: 'integer'; min: number; max: number; unique: boolean }
  /** Decimal bounds as strings, exact to `scale` digits. */
  | { kind: 'decimal'; min: string; max: string; scale: number; unique: boolean }
  | { kind: 'float'; min: number; max: number }
  | { kind: 'boolean'; value: boolean }
  /** One of a fixed set (enum members, CHECK IN lists); `enumClass` for Python/Prisma enums. */
  | { kind: 'choice'; values: Literal[]; enumName: string | null; enumClass: string | null; unique: boolean }
  | {
      kind: 'date' | 'datetime';
      timezone: boolean;
      /** ISO dates bounding the value (inclusive). */
      min: string;
      max: string;
      /** Must be later than (or equal to) another column of the row: `due_on > loaned_on`. */
      after: { column: string; inclusive: boolean } | null;
      unique: boolean;
    }
  | { kind: 'time' }
  | { kind: 'interval' }
  | { kind: 'uuid' }
  | { kind: 'json' }
  | { kind: 'binary'; maxLength: number | null }
  | { kind: 'array'; item: ValuePlan }
  /** The column cannot be filled sensibly (unknown type, contradictory CHECK): leave it None. */
  | { kind: 'null' };

export interface ColumnPlan {
  column: Column;
  value: ValuePlan;
  /** NOT NULL without a default: a value must be given. */
  required: boolean;
  /** Human notes for a comment on the factory attribute (e.g. a CHECK that was not understood). */
  notes: string[];
}

export interface TablePlan {
  table: Table;
  columns: ColumnPlan[];
  /** CHECK constraints that could not be understood (shown in a comment and as a warning). */
  unknownChecks: string[];
}

export interface ValuePlanResult {
  tables: Record<string, TablePlan>;
  diagnostics: Diagnostic[];
}

/** The day generated dates are relative to. Fixed, so generation is deterministic. */
export const REFERENCE_DATE = '2025-06-01';

const INT_RANGES: Record<string, [number, number]> = {
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  bigint: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export function planValues(schema: Schema): ValuePlanResult {
  const tables: Record<string, TablePlan> = {};
  const diagnostics: Diagnostic[] = [];
  for (const t of schema.tables) {
    const plan = planTable(t, new Set(schema.tables.map((x) => x.name)));
    tables[t.name] = plan;
    for (const c of t.checks) {
      if (!plan.unknownChecks.includes(c.expression.trim())) continue;
      diagnostics.push({
        severity: 'warning',
        message: `CHECK (${c.expression.trim()}) on "${t.name}" is not understood by the value planner; generated values may violate it — set that column explicitly in the factory's user section`,
        file: c.location.file,
        line: c.location.line,
        column: c.location.column,
        code: 'values/unknown-check',
      });
    }
  }
  return { tables, diagnostics };
}

function planTable(t: Table, tableNames: Set<string>): TablePlan {
  // An FK to a table the schema lacks (already an error) has no parent row: its columns are
  // planned like any other, so the rest of the data can still be generated and verified.
  const fkColumns = new Set(t.foreignKeys.filter((f) => tableNames.has(f.refTable)).flatMap((f) => f.columns));
  const facts: Record<string, ColumnFacts> = {};
  const comparisons: ColumnComparison[] = [];
  const unknownChecks: string[] = [];
  const lower = new Map(t.columns.map((c) => [c.name.toLowerCase(), c.name]));
  for (const check of t.checks) {
    const f: CheckFacts = analyzeCheck(check.expression);
    if (!f.understood) unknownChecks.push(check.expression.trim());
    for (const [name, cf] of Object.entries(f.columns)) {
      const real = lower.get(name.toLowerCase()) ?? name;
      facts[real] = mergeFacts(facts[real], cf);
    }
    for (const cmp of f.comparisons) {
      comparisons.push({
        left: lower.get(cmp.left.toLowerCase()) ?? cmp.left,
        op: cmp.op,
        right: lower.get(cmp.right.toLowerCase()) ?? cmp.right,
      });
    }
  }
  // Unique sets: single-column unique constraints and composite ones without an FK or sequence column.
  const uniqueCols = new Set(t.columns.filter((c) => c.unique).map((c) => c.name));
  for (const u of t.uniqueConstraints) {
    if (u.columns.length === 1) uniqueCols.add(u.columns[0]);
  }
  for (const u of t.uniqueConstraints) {
    if (u.columns.length < 2) continue;
    // A fresh parent per row already makes a tuple with an FK unique, but tests often pass one
    // shared parent to many rows: a sequenced own column keeps the tuple unique then too.
    const pick = u.columns.find((c) => !fkColumns.has(c) && isSequenceable(t.columns.find((x) => x.name === c)));
    if (pick) uniqueCols.add(pick);
  }
  const pkNonAuto = t.primaryKey.filter((c) => !fkColumns.has(c) && !t.columns.find((x) => x.name === c)?.autoincrement);
  if (t.primaryKey.length > 0 && t.primaryKey.every((c) => !fkColumns.has(c))) {
    for (const c of pkNonAuto) uniqueCols.add(c);
  } else if (pkNonAuto.length > 0 && t.primaryKey.some((c) => fkColumns.has(c))) {
    // Composite key mixing an FK and a local part (order_id, line_no): the local part is a sequence.
    for (const c of pkNonAuto) uniqueCols.add(c);
  }

  // Columns compared to another column must both get values (the later one follows the earlier).
  const comparedRequired = new Set<string>();
  for (const cmp of comparisons) {
    comparedRequired.add(cmp.left);
    comparedRequired.add(cmp.right);
  }

  const columns = t.columns.map((c) => {
    const notes: string[] = [];
    const required = !c.nullable && !c.hasDefault && !c.autoincrement && !c.computed;
    const value = planColumn(t, c, {
      facts: facts[c.name] ?? {},
      unique: uniqueCols.has(c.name),
      isFk: fkColumns.has(c.name),
      comparisons: comparisons.filter((x) => x.left === c.name || x.right === c.name),
      forced: comparedRequired.has(c.name),
      hasUnknownCheck: unknownChecks.some((u) => mentions(u, c.name)),
      patterns: unknownChecks.flatMap((u) => regexPatterns(u, c.name)),
      notes,
    });
    return { column: c, value, required, notes };
  });
  return { table: t, columns, unknownChecks };
}

function mentions(expression: string, column: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])"?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^A-Za-z0-9_])`, 'i').test(expression);
}

function isSequenceable(c: Column | undefined): boolean {
  return !!c && ['integer', 'smallint', 'bigint', 'string', 'text', 'numeric'].includes(c.type);
}

function mergeFacts(a: ColumnFacts | undefined, b: ColumnFacts): ColumnFacts {
  if (!a) return { ...b };
  const out: ColumnFacts = { ...a };
  if (b.min && (!out.min || b.min.value > out.min.value)) out.min = b.min;
  if (b.max && (!out.max || b.max.value < out.max.value)) out.max = b.max;
  if (b.oneOf) out.oneOf = out.oneOf ? out.oneOf.filter((v) => b.oneOf!.includes(v)) : b.oneOf;
  if (b.notIn) out.notIn = [...(out.notIn ?? []), ...b.notIn];
  if (b.minLength !== undefined) out.minLength = Math.max(out.minLength ?? 0, b.minLength);
  if (b.maxLength !== undefined) out.maxLength = Math.min(out.maxLength ?? Infinity, b.maxLength);
  if (b.notNull) out.notNull = true;
  return out;
}

/** The patterns of `column ~ 'pattern'` (and `~*`) in a CHECK, as written. */
function regexPatterns(expression: string, column: string): string[] {
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?:^|[^A-Za-z0-9_])"?${name}"?\\)?(?:::[A-Za-z ]+)?\\s*~\\*?\\s*'((?:[^']|'')*)'`, 'gi');
  return [...expression.matchAll(re)].map((m) => m[1].replace(/''/g, "'"));
}

/** A typical value of each semantic, tried against a CHECK's regular expression. */
const SEMANTIC_SAMPLES: [Semantic, string][] = [
  ['email', 'ada.lovelace@example.com'],
  ['url', 'https://www.example.com/about'],
  ['slug', 'alpha-beta-gamma'],
  ['code', 'AB12CD34'],
  ['postcode', '12345'],
  ['country_code', 'DE'],
  ['currency_code', 'EUR'],
  ['ipv4', '192.168.10.1'],
  ['hex_color', '#a1b2c3'],
  ['uuid', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
  ['word', 'Alpha'],
];

/**
 * The semantic whose values match every pattern (`contact ~ '^[^@]+@[^@]+$'` → email): the
 * column's own if it matches, else the first that does, else the column's own (with a note).
 */
function semanticForPatterns(own: Semantic, patterns: string[], notes: string[]): Semantic {
  const compiled: RegExp[] = [];
  for (const p of patterns) {
    try {
      compiled.push(new RegExp(p));
    } catch {
      notes.push(`the pattern '${p}' is not understood; the generated value may not match it`);
      return own;
    }
  }
  const fits = (sample: string) => compiled.every((r) => r.test(sample));
  const ownSample = SEMANTIC_SAMPLES.find(([s]) => s === own)?.[1];
  if (ownSample !== undefined && fits(ownSample)) return own;
  const found = SEMANTIC_SAMPLES.find(([, sample]) => fits(sample));
  if (found) return found[0];
  notes.push(`no generated kind of value matches ${patterns.map((p) => `'${p}'`).join(' and ')}; set this column in the user section`);
  return own;
}

interface PlanContext {
  /** Regular expressions the value must match (from CHECKs). */
  patterns: string[];
  facts: ColumnFacts;
  unique: boolean;
  isFk: boolean;
  comparisons: ColumnComparison[];
  forced: boolean;
  hasUnknownCheck: boolean;
  notes: string[];
}

function planColumn(t: Table, c: Column, ctx: PlanContext): ValuePlan {
  if (c.computed) return { kind: 'omit', reason: 'computed' };
  if (c.autoincrement) return { kind: 'omit', reason: 'autoincrement' };
  if (ctx.isFk) return { kind: 'foreign-key' };
  if (c.hasDefault && !ctx.forced) return { kind: 'omit', reason: 'default' };
  if (ctx.hasUnknownCheck) {
    if (c.nullable) {
      ctx.notes.push('left empty: a CHECK on this column is not understood (NULL always passes a CHECK)');
      return { kind: 'null' };
    }
    ctx.notes.push('a CHECK on this column is not understood; the generated value may violate it');
  }
  const f = ctx.facts;
  if (f.oneOf && f.oneOf.length > 0) {
    return { kind: 'choice', values: f.oneOf, enumName: null, enumClass: null, unique: ctx.unique };
  }
  switch (c.type) {
    case 'enum': {
      const values = (c.enumValues ?? []).filter((v) => !(f.notIn ?? []).includes(v));
      if (values.length === 0) return { kind: 'null' };
      return { kind: 'choice', values, enumName: c.enumName, enumClass: null, unique: ctx.unique };
    }
    case 'boolean':
      return { kind: 'boolean', value: booleanDefault(c.name) };
    case 'integer':
    case 'smallint':
    case 'bigint':
      return planInteger(c, ctx);
    case 'numeric':
      return planDecimal(c, ctx);
    case 'float':
      return planFloat(c, ctx);
    case 'string':
    case 'text':
      return planText(t, c, ctx);
    case 'date':
    case 'datetime':
      return planDate(c, ctx);
    case 'time':
      return { kind: 'time' };
    case 'interval':
      return { kind: 'interval' };
    case 'uuid':
      return { kind: 'uuid' };
    case 'json':
      return { kind: 'json' };
    case 'binary':
      return { kind: 'binary', maxLength: c.maxLength };
    case 'array': {
      const item = planColumn(t, { ...c, type: c.itemType ?? 'text', maxLength: null }, { ...ctx, unique: false, facts: {}, comparisons: [], patterns: [], notes: [] });
      return { kind: 'array', item };
    }
    default:
      if (!c.nullable) ctx.notes.push(`type ${c.rawType || 'unknown'} is not known; set this column in the user section`);
      return { kind: 'null' };
  }
}

function booleanDefault(name: string): boolean {
  const n = name.toLowerCase().replace(/^(is|has|can)_/, '');
  return /^(active|enabled|visible|published|available|verified|confirmed|approved|valid|public|in_stock)$/.test(n);
}

function boundNumber(b: Bound | undefined): number | null {
  if (!b) return null;
  const v = typeof b.value === 'number' ? b.value : Number(b.value);
  return Number.isFinite(v) ? v : null;
}

function planInteger(c: Column, ctx: PlanContext): ValuePlan {
  const [typeMin, typeMax] = INT_RANGES[c.type] ?? INT_RANGES.integer;
  let [lo, hi] = integerHint(c.name);
  const fmin = boundNumber(ctx.facts.min);
  const fmax = boundNumber(ctx.facts.max);
  let min = typeMin;
  let max = typeMax;
  if (fmin !== null) min = Math.max(min, ctx.facts.min!.inclusive ? Math.ceil(fmin) : Math.floor(fmin) + 1);
  if (fmax !== null) max = Math.min(max, ctx.facts.max!.inclusive ? Math.floor(fmax) : Math.ceil(fmax) - 1);
  if (ctx.unique) {
    // Sequences count up from the smallest allowed positive value and wrap within the range.
    const start = Math.max(min, 1);
    return { kind: 'integer', min: start <= max ? start : min, max, unique: true };
  }
  lo = Math.max(lo, min);
  hi = Math.min(hi, max);
  if (lo > hi) {
    lo = min;
    hi = Math.min(max, min + 1000);
  }
  if (lo > hi) {
    ctx.notes.push('the CHECK bounds leave no valid value');
    return { kind: 'null' };
  }
  return { kind: 'integer', min: lo, max: hi, unique: false };
}

/** A plausible range for an integer column from its name. */
function integerHint(name: string): [number, number] {
  const n = name.toLowerCase();
  if (/(^|_)(age)$/.test(n)) return [18, 90];
  if (/(^|_)(year)$/.test(n)) return [1990, 2025];
  if (/(^|_)(rating|stars|score)$/.test(n)) return [1, 5];
  if (/(^|_)(quantity|qty|count|number_of|seats|capacity|stock)/.test(n)) return [1, 100];
  if (/(^|_)(position|rank|sort_order|ordinal|priority|level|sequence|seq|line_no|line_number)$/.test(n)) return [1, 20];
  if (/(^|_)(minutes|duration|pages|page_count)$/.test(n)) return [1, 500];
  if (/(price|amount|cost|total|balance|salary|fee|cents)/.test(n)) return [100, 100000];
  return [1, 1000];
}

/** Largest absolute value a NUMERIC(p, s) holds, as a number (for bounds). */
function numericLimit(precision: number | null, scale: number | null): number {
  if (precision === null) return 1e9;
  const s = scale ?? 0;
  return Math.pow(10, precision - s) - Math.pow(10, -s);
}

function planDecimal(c: Column, ctx: PlanContext): ValuePlan {
  const scale = c.scale ?? (c.precision !== null ? 0 : 2);
  const limit = numericLimit(c.precision, c.scale);
  const step = Math.pow(10, -scale);
  const money = /(price|amount|cost|total|balance|salary|fee|rate|tax|discount)/i.test(c.name);
  let lo = money ? 1 : 0;
  let hi = Math.min(limit, money ? 999.99 : 1000);
  const fmin = boundNumber(ctx.facts.min);
  const fmax = boundNumber(ctx.facts.max);
  if (fmin !== null) lo = Math.max(lo, ctx.facts.min!.inclusive ? fmin : fmin + step);
  if (fmax !== null) hi = Math.min(hi, ctx.facts.max!.inclusive ? fmax : fmax - step);
  if (fmin !== null && fmin >= hi) hi = Math.min(limit, fmin + 1000);
  if (fmax !== null && fmax <= lo) lo = Math.max(-limit, fmax - 1000);
  if (lo > hi) {
    ctx.notes.push('the CHECK bounds and precision leave no valid value');
    return { kind: 'null' };
  }
  return { kind: 'decimal', min: roundTo(lo, scale, 'up'), max: roundTo(hi, scale, 'down'), scale, unique: ctx.unique };
}

function roundTo(v: number, scale: number, dir: 'up' | 'down'): string {
  const f = Math.pow(10, scale);
  const r = dir === 'up' ? Math.ceil(v * f - 1e-9) / f : Math.floor(v * f + 1e-9) / f;
  return r.toFixed(scale);
}

function planFloat(c: Column, ctx: PlanContext): ValuePlan {
  const n = c.name.toLowerCase();
  let lo = 0;
  let hi = 1000;
  if (/(^|_)(lat|latitude)$/.test(n)) [lo, hi] = [-90, 90];
  else if (/(^|_)(lng|lon|long|longitude)$/.test(n)) [lo, hi] = [-180, 180];
  else if (/(ratio|percent|fraction|probability)/.test(n)) [lo, hi] = [0, 1];
  const fmin = boundNumber(ctx.facts.min);
  const fmax = boundNumber(ctx.facts.max);
  if (fmin !== null) lo = Math.max(lo, fmin + (ctx.facts.min!.inclusive ? 0 : 0.001));
  if (fmax !== null) hi = Math.min(hi, fmax - (ctx.facts.max!.inclusive ? 0 : 0.001));
  if (lo > hi) {
    lo = fmin ?? hi - 1000;
    hi = fmax ?? lo + 1000;
  }
  return { kind: 'float', min: lo, max: hi };
}

function planText(t: Table, c: Column, ctx: PlanContext): ValuePlan {
  const maxes = [c.maxLength, ctx.facts.maxLength].filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  const maxLength = maxes.length > 0 ? Math.min(...maxes) : null;
  const minLength = Math.max(ctx.facts.minLength ?? 0, 1);
  if (maxLength !== null && maxLength < minLength) {
    ctx.notes.push('the length limits leave no valid value');
    return { kind: 'null' };
  }
  const semantic = textSemantic(t, c, maxLength);
  return { kind: 'text', semantic: ctx.patterns.length > 0 ? semanticForPatterns(semantic, ctx.patterns, ctx.notes) : semantic, maxLength, minLength, unique: ctx.unique };
}

const PERSON_TABLES = /(user|customer|person|people|employee|member|author|contact|student|patient|client|account|staff|profile|owner|player|teacher|reader|borrower|guest|attendee|subscriber)/i;
const ORG_TABLES = /(compan|organi[sz]ation|org$|orgs|vendor|supplier|tenant|team|department|publisher|brand|manufacturer|store|shop|school|bank)/i;
const PRODUCT_TABLES = /(product|item|sku|article|book|course|menu|dish|service|plan|package)/i;

/** Picks what a text column should look like from its name, its table and its length. */
export function textSemantic(t: Table, c: Column, maxLength: number | null): Semantic {
  const n = c.name.toLowerCase();
  const table = t.name.toLowerCase();
  const has = (re: RegExp) => re.test(n);
  if (has(/e?mail/)) return 'email';
  if (has(/^(first_?name|given_?name|forename)$/)) return 'first_name';
  if (has(/^(last_?name|surname|family_?name)$/)) return 'last_name';
  if (has(/^(user_?name|login|handle|nick_?name|screen_?name)$/)) return 'username';
  if (has(/(phone|mobile|telephone|fax)/)) return 'phone';
  if (has(/(^|_)(street|address|address_?line_?\d?|addr)($|_)/)) return 'street';
  if (has(/^(city|town|locality)$/)) return 'city';
  if (has(/^(state|province|region|county)$/)) return 'state';
  if (has(/(zip|postal_?code|post_?code)/)) return 'postcode';
  if (has(/country/)) return maxLength !== null && maxLength <= 3 ? 'country_code' : has(/code/) ? 'country_code' : 'country';
  if (has(/currency/)) return 'currency_code';
  if (has(/(^|_)(lang|language|locale)($|_)/)) return 'language_code';
  if (has(/(^|_)(tz|timezone|time_zone)$/)) return 'timezone';
  if (has(/(url|website|homepage|link|href|uri)/)) return 'url';
  if (has(/slug/)) return 'slug';
  if (has(/(^|_)(ip|ip_?address|ipv4)$/)) return 'ipv4';
  if (has(/(colou?r)/)) return 'hex_color';
  if (has(/(password|passwd|pass_hash|hash|digest|token|secret|api_?key|checksum)/)) return 'password_hash';
  if (has(/(uuid|guid)/)) return 'uuid';
  if (has(/(file_?name|filename|path)$/)) return 'file_name';
  if (has(/^(sku|code|reference|ref|isbn|barcode|serial|number|.*_code|.*_number|.*_ref)$/)) return 'code';
  if (has(/(company|organi[sz]ation|employer|vendor|supplier|brand)/)) return 'company';
  if (has(/(job|occupation|position_title|role_title)/)) return 'job';
  if (has(/^(title|headline|subject|caption|heading)$/)) return 'title';
  if (has(/(description|body|content|text|bio|summary|notes?|comment|message|remarks|details|about|excerpt|instructions)/)) return 'text';
  if (has(/^(full_?name|display_?name|contact_?name|author_?name|customer_?name|person_?name)$/)) return 'name';
  if (has(/^(name|label)$/)) {
    if (PERSON_TABLES.test(table)) return 'name';
    if (ORG_TABLES.test(table)) return 'company';
    if (PRODUCT_TABLES.test(table)) return 'product';
    return 'word';
  }
  if (has(/name$/)) return 'name';
  if (c.type === 'text') return 'text';
  if (maxLength !== null && maxLength <= 12) return 'code';
  return 'word';
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function planDate(c: Column, ctx: PlanContext): ValuePlan {
  const n = c.name.toLowerCase();
  const ref = new Date(`${REFERENCE_DATE}T00:00:00Z`);
  let min = new Date(ref);
  let max = new Date(ref);
  if (/(birth|dob|born)/.test(n)) {
    min = new Date('1950-01-01T00:00:00Z');
    max = new Date('2005-12-31T00:00:00Z');
  } else if (/(expir|due|until|deadline|ends?_|end_?date|valid_to)/.test(n)) {
    max.setUTCFullYear(max.getUTCFullYear() + 1);
  } else {
    min.setUTCFullYear(min.getUTCFullYear() - 2);
  }
  const bound = (b: Bound | undefined): Date | null => {
    if (!b || typeof b.value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(b.value)) return null;
    const d = new Date(`${b.value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const fmin = bound(ctx.facts.min);
  const fmax = bound(ctx.facts.max);
  if (fmin) {
    if (!ctx.facts.min!.inclusive) fmin.setUTCDate(fmin.getUTCDate() + 1);
    if (fmin > min) min = fmin;
    if (min > max) max = new Date(min.getTime() + 365 * 86400000);
  }
  if (fmax) {
    if (!ctx.facts.max!.inclusive) fmax.setUTCDate(fmax.getUTCDate() - 1);
    if (fmax < max) max = fmax;
    if (min > max) min = new Date(max.getTime() - 365 * 86400000);
  }
  // `due_on > loaned_on`: this column follows the other one.
  let after: { column: string; inclusive: boolean } | null = null;
  for (const cmp of ctx.comparisons) {
    if (cmp.left === c.name && (cmp.op === '>' || cmp.op === '>=')) after = { column: cmp.right, inclusive: cmp.op === '>=' };
    if (cmp.right === c.name && (cmp.op === '<' || cmp.op === '<=')) after = { column: cmp.left, inclusive: cmp.op === '<=' };
  }
  return {
    kind: c.type === 'date' ? 'date' : 'datetime',
    timezone: c.timezone,
    min: isoDay(min),
    max: isoDay(max),
    after,
    unique: ctx.unique,
  };
}
