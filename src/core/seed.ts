// Seed rows: concrete, realistic values for every table, generated deterministically from the value
// plans. The same rows are written into the generated `seed_data.py` (the `seeded` fixture), shown
// in the editor's seed preview, and inserted into an embedded PostgreSQL by `verify`.

import { Faker, base, de, en, en_GB, es, fr, it, ja, nl, pt_BR } from '@faker-js/faker';
import type { Analysis } from './analysis/graph';
import { REFERENCE_DATE, type ColumnPlan, type Semantic, type ValuePlan, type ValuePlanResult } from './analysis/values';
import type { Column, ForeignKey, Model, Schema, Table } from './ir';
import { fixedCodeLength } from './emit/python/declarations';

export type SeedValue =
  | { kind: 'null' }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'decimal'; text: string }
  | { kind: 'date'; iso: string }
  | { kind: 'datetime'; iso: string; timezone: boolean }
  | { kind: 'time'; text: string }
  | { kind: 'interval'; minutes: number }
  | { kind: 'uuid'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; hex: string }
  | { kind: 'array'; items: SeedValue[] }
  | { kind: 'enum'; label: string; enumName: string | null };

/** A parent row a seed row points at: the FK columns take that row's referenced columns. */
export interface SeedRef {
  fk: ForeignKey;
  /** The seed group (model) and row index of the parent. */
  group: string;
  row: number;
}

export interface SeedRow {
  values: Record<string, SeedValue>;
  refs: SeedRef[];
}

/** The rows of one mapped class (or one table when there is no class), in insertion order. */
export interface SeedGroup {
  /** Model name, or the table name for plain tables. */
  name: string;
  model: Model | null;
  /** Tables this group writes: its own and, for joined inheritance, its ancestors'. */
  tables: Table[];
  rows: SeedRow[];
}

/** An FK set after every row exists: self-references and the FKs that break cycles. */
export interface SeedLink {
  group: string;
  row: number;
  ref: SeedRef;
}

export interface SeedData {
  groups: SeedGroup[];
  links: SeedLink[];
  rowsPerTable: number;
  seed: number;
}

export interface SeedOptions {
  rows: number;
  seed: number;
  locale: string;
}

const LOCALES: Record<string, unknown[]> = {
  en_US: [en, base],
  en: [en, base],
  en_GB: [en_GB, en, base],
  de_DE: [de, en, base],
  de: [de, en, base],
  fr_FR: [fr, en, base],
  fr: [fr, en, base],
  es_ES: [es, en, base],
  es: [es, en, base],
  it_IT: [it, en, base],
  it: [it, en, base],
  nl_NL: [nl, en, base],
  nl: [nl, en, base],
  pt_BR: [pt_BR, en, base],
  ja_JP: [ja, en, base],
  ja: [ja, en, base],
};

export const SUPPORTED_LOCALES = Object.keys(LOCALES);

/** The groups to seed: every root or joined-inheritance class, and every table without a class. */
export function seedGroups(schema: Schema, analysis: Analysis, associations: Set<string>): { name: string; model: Model | null; tables: Table[] }[] {
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const byName = new Map(schema.models.map((m) => [m.name, m]));
  const out: { name: string; model: Model | null; tables: Table[] }[] = [];
  for (const t of analysis.order) {
    const models = schema.models.filter((m) => m.table === t && m.inheritance !== 'single');
    if (models.length === 0) {
      if (associations.has(t)) continue;
      out.push({ name: t, model: null, tables: [tables.get(t)!] });
      continue;
    }
    for (const m0 of models) {
      const m = insertableClass(schema, m0, tables.get(t)!);
      const chain: Table[] = [];
      let cur: Model | undefined = m;
      for (let i = 0; i < 50 && cur; i++) {
        const table = tables.get(cur.table);
        if (table && !chain.includes(table)) chain.unshift(table);
        cur = cur.parent ? byName.get(cur.parent) : undefined;
      }
      out.push({ name: m.name, model: m, tables: chain });
    }
  }
  return out;
}

export function generateSeedData(
  schema: Schema,
  analysis: Analysis,
  plans: ValuePlanResult,
  options: SeedOptions,
): SeedData {
  const faker = new Faker({ locale: (LOCALES[options.locale] ?? LOCALES.en_US) as never });
  faker.seed(options.seed);
  faker.setDefaultRefDate(`${REFERENCE_DATE}T00:00:00Z`);
  const associations = new Set(analysis.associations.filter((a) => !schema.tables.find((t) => t.name === a.table)?.model).map((a) => a.table));
  const groupsSpec = seedGroups(schema, analysis, associations);
  const groupOfTable = new Map<string, string>();
  for (const g of groupsSpec) {
    const own = g.tables[g.tables.length - 1];
    if (!groupOfTable.has(own.name)) groupOfTable.set(own.name, g.name);
  }
  const tableNames = new Set(schema.tables.map((t) => t.name));
  const broken = new Set<string>();
  for (const c of analysis.cycles) for (const b of c.breakAt) broken.add(`${b.table}\u0000${b.columns.join(',')}`);

  const n = options.rows;
  const groups: SeedGroup[] = [];
  // Rows written to each table so far: unique values count across every group sharing a table.
  const written = new Map<string, number>();
  const links: SeedLink[] = [];
  const unseedable = unseedableGroups(groupsSpec, groupOfTable);
  for (const spec of groupsSpec) {
    const rows: SeedRow[] = [];
    if (unseedable.has(spec.name)) {
      groups.push({ name: spec.name, model: spec.model, tables: spec.tables, rows });
      continue;
    }
    const subclassColumns = singleTableSubclassColumns(schema, spec.model);
    for (let i = 0; i < n; i++) {
      const row: SeedRow = { values: {}, refs: [] };
      for (let ti = 0; ti < spec.tables.length; ti++) {
        const table = spec.tables[ti];
        const u = written.get(table.name) ?? 0;
        written.set(table.name, u + 1);
        const plan = plans.tables[table.name];
        const parentLink = ti > 0 ? spec.tables[ti - 1].name : null;
        const fkCols = new Set<string>();
        // Several FKs to the same parent (home/away team) point at different parent rows.
        const seenTargets = new Map<string, number>();
        for (const fk of table.foreignKeys) {
          const k = seenTargets.get(fk.refTable) ?? 0;
          seenTargets.set(fk.refTable, k + 1);
          // An FK to a table the schema lacks is planned as a plain column (see values.ts).
          if (tableNames.has(fk.refTable)) fk.columns.forEach((c) => fkCols.add(c));
          // The joined-inheritance key is set by the ORM.
          if (parentLink && fk.refTable === parentLink && fk.columns.every((c) => table.primaryKey.includes(c))) continue;
          const targetGroup = groupOfTable.get(fk.refTable);
          const nullable = fk.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable ?? true);
          if (!targetGroup || (unseedable.has(targetGroup) && nullable)) continue;
          const isSelf = fk.refTable === table.name || targetGroup === spec.name;
          if (isSelf) {
            // A tree (row i under row (i-1)/2), or a chain when the FK is unique (one-to-one).
            const parentRow = isUniqueKey(table, fk.columns) ? i - 1 : Math.floor((i - 1) / 2);
            if (i > 0 && nullable) links.push({ group: spec.name, row: i, ref: { fk, group: spec.name, row: parentRow } });
            continue;
          }
          if (broken.has(`${table.name}\u0000${fk.columns.join(',')}`)) {
            links.push({ group: spec.name, row: i, ref: { fk, group: targetGroup, row: (i + k) % n } });
            continue;
          }
          row.refs.push({ fk, group: targetGroup, row: (i + k) % n });
        }
        const ordered = orderForComparisons(plan.columns);
        for (const cp of ordered) {
          if (fkCols.has(cp.column.name) || subclassColumns.has(cp.column.name)) continue;
          if (isDiscriminator(schema, spec.model, cp.column)) continue;
          const v = seedValue(faker, table, cp, u, row.values);
          if (v !== undefined) row.values[cp.column.name] = v;
        }
      }
      rows.push(row);
    }
    groups.push({ name: spec.name, model: spec.model, tables: spec.tables, rows });
  }
  return { groups, links: inlineDeferredLinks(groups, links), rowsPerTable: n, seed: options.seed };
}

/**
 * Groups that get no seed rows: a NOT NULL, non-deferrable foreign key back to the group's own
 * table (the first row could only point at itself), and every group that requires a parent from
 * such a group. Their nullable children leave the key NULL.
 */
function unseedableGroups(specs: { name: string; tables: Table[] }[], groupOfTable: Map<string, string>): Set<string> {
  const out = new Set<string>();
  const required = (t: Table, fk: ForeignKey) => fk.columns.some((c) => t.columns.find((x) => x.name === c)?.nullable === false);
  for (const spec of specs) {
    for (const t of spec.tables) {
      if (t.foreignKeys.some((fk) => required(t, fk) && !fk.deferrable && (fk.refTable === t.name || (groupOfTable.get(fk.refTable) === spec.name && !spec.tables.some((x) => x.name === fk.refTable))))) out.add(spec.name);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const spec of specs) {
      if (out.has(spec.name)) continue;
      const needs = spec.tables.some((t) => t.foreignKeys.some((fk) => required(t, fk) && out.has(groupOfTable.get(fk.refTable) ?? '')));
      if (needs) {
        out.add(spec.name);
        changed = true;
      }
    }
  }
  return out;
}

/** True when `columns` are exactly a unique key of `table` (a column's UNIQUE or a constraint). */
function isUniqueKey(table: Table, columns: string[]): boolean {
  if (columns.length === 1 && table.columns.find((c) => c.name === columns[0])?.unique) return true;
  return table.uniqueConstraints.some((u) => u.columns.length === columns.length && u.columns.every((c) => columns.includes(c)));
}

/**
 * A NOT NULL foreign key that breaks a cycle (it must be DEFERRABLE, else no order exists) cannot
 * be set after insert: the row would be inserted with NULL first. When the parent row's key is a
 * seeded value (not generated by the database), the key is written into the row itself; the
 * deferred constraint is checked once the parent exists, in the same transaction.
 */
function inlineDeferredLinks(groups: SeedGroup[], links: SeedLink[]): SeedLink[] {
  const byName = new Map(groups.map((g) => [g.name, g]));
  return links.filter((link) => {
    const group = byName.get(link.group)!;
    const table = group.tables.find((t) => t.foreignKeys.includes(link.ref.fk));
    const required = link.ref.fk.columns.some((c) => table?.columns.find((x) => x.name === c)?.nullable === false);
    if (!table || !required || !link.ref.fk.deferrable) return true;
    const parent = byName.get(link.ref.group)?.rows[link.ref.row];
    const keys = link.ref.fk.refColumns.map((c) => parent?.values[c]);
    if (keys.some((k) => k === undefined || k.kind === 'null')) return true;
    link.ref.fk.columns.forEach((c, k) => (group.rows[link.row].values[c] = keys[k]!));
    return false;
  });
}

/**
 * The class whose rows can be inserted into a single-table hierarchy: `model` itself, unless a
 * single-table subclass declares a NOT NULL column without a default (`seats: Mapped[int]` on
 * `Bus(Vehicle)`), which a `Vehicle` row cannot fill; then the first subclass, in source order,
 * whose rows fill every such column. When no class can, `model` is kept (verify reports it).
 */
function insertableClass(schema: Schema, model: Model, table: Table): Model {
  const required = (m: Model) => {
    const lacking = singleTableSubclassColumns(schema, m);
    return table.columns.some((c) => lacking.has(c.name) && !c.nullable && !c.hasDefault && !c.autoincrement && !c.computed);
  };
  if (!required(model)) return model;
  const descendants = schema.models.filter((m) => m.inheritance === 'single' && m.table === table.name && descendsFrom(schema, m, model));
  return descendants.find((m) => !required(m)) ?? model;
}

function descendsFrom(schema: Schema, m: Model, ancestor: Model): boolean {
  for (let cur: Model | undefined = m, i = 0; cur && i < 50; i++) {
    if (cur.parent === ancestor.name) return true;
    cur = cur.parent ? schema.models.find((x) => x.name === cur!.parent) : undefined;
  }
  return false;
}

/**
 * Columns that `model`'s rows lack: those declared by single-table subclasses that are neither
 * `model` nor one of its ancestors (they live in a shared table but belong to another class).
 */
function singleTableSubclassColumns(schema: Schema, model: Model | null): Set<string> {
  const out = new Set<string>();
  if (!model) return out;
  const lineage = new Set<string>();
  for (let cur: Model | undefined = model, i = 0; cur && i < 50; i++) {
    lineage.add(cur.name);
    cur = cur.parent ? schema.models.find((x) => x.name === cur!.parent) : undefined;
  }
  for (const m of schema.models) {
    if (m.inheritance === 'single' && !lineage.has(m.name)) m.columns.forEach((c) => out.add(c));
  }
  return out;
}

function isDiscriminator(schema: Schema, model: Model | null, c: Column): boolean {
  if (!model) return false;
  let cur: Model | undefined = model;
  for (let i = 0; i < 50 && cur; i++) {
    if (cur.polymorphicOn === c.name) return true;
    cur = cur.parent ? schema.models.find((m) => m.name === cur!.parent) : undefined;
  }
  return false;
}

/** Columns that must follow another column (`due_on > loaned_on`) come after it. */
function orderForComparisons(columns: ColumnPlan[]): ColumnPlan[] {
  const first = columns.filter((c) => !(c.value.kind === 'date' || c.value.kind === 'datetime') || !c.value.after);
  const later = columns.filter((c) => (c.value.kind === 'date' || c.value.kind === 'datetime') && c.value.after);
  return [...first, ...later];
}

const TAG = (i: number) => `-s${i}`;

function seedValue(faker: Faker, table: Table, cp: ColumnPlan, i: number, current: Record<string, SeedValue>): SeedValue | undefined {
  const plan = cp.value;
  switch (plan.kind) {
    case 'omit':
    case 'foreign-key':
      return undefined;
    case 'null':
      return { kind: 'null' };
    default:
      return valueFor(faker, table, cp.column, plan, i, current);
  }
}

function valueFor(faker: Faker, table: Table, column: Column, plan: ValuePlan, i: number, current: Record<string, SeedValue>): SeedValue {
  switch (plan.kind) {
    case 'boolean':
      return { kind: 'literal', value: i % 3 === 2 ? !plan.value : plan.value };
    case 'integer': {
      if (plan.unique) {
        const span = plan.max - plan.min;
        return { kind: 'literal', value: span > 2_000_000 ? plan.min + 1_000_000 + i : plan.max - i };
      }
      return { kind: 'literal', value: faker.number.int({ min: plan.min, max: plan.max }) };
    }
    case 'decimal': {
      const min = Number(plan.min);
      const max = Number(plan.max);
      if (plan.unique) return { kind: 'decimal', text: (Math.max(min, max - i)).toFixed(plan.scale) };
      const v = faker.number.float({ min, max, fractionDigits: plan.scale });
      return { kind: 'decimal', text: Math.min(max, Math.max(min, v)).toFixed(plan.scale) };
    }
    case 'float':
      return { kind: 'literal', value: faker.number.float({ min: plan.min, max: plan.max, fractionDigits: 4 }) };
    case 'choice': {
      const v = plan.values[i % plan.values.length];
      if (column.type === 'enum') return { kind: 'enum', label: String(v), enumName: column.enumName };
      return { kind: 'literal', value: v };
    }
    case 'date':
    case 'datetime': {
      let d: Date;
      const other = plan.after ? current[plan.after.column] : undefined;
      if (plan.after && other && (other.kind === 'date' || other.kind === 'datetime')) {
        d = new Date(other.kind === 'date' ? `${other.iso}T00:00:00Z` : other.iso);
        const step = (plan.after.inclusive ? 0 : 1) + faker.number.int({ min: 0, max: 27 });
        if (plan.kind === 'date') d.setUTCDate(d.getUTCDate() + step);
        else d.setUTCHours(d.getUTCHours() + step);
      } else if (plan.unique) {
        d = new Date(`${plan.max}T00:00:00Z`);
        if (plan.kind === 'date') d.setUTCDate(d.getUTCDate() - i);
        else d.setUTCMinutes(d.getUTCMinutes() - 1 - i);
      } else {
        d = faker.date.between({ from: `${plan.min}T00:00:00Z`, to: `${plan.max}T23:59:59Z` });
      }
      if (plan.kind === 'date') return { kind: 'date', iso: d.toISOString().slice(0, 10) };
      d.setUTCMilliseconds(0);
      return { kind: 'datetime', iso: d.toISOString().replace('.000Z', 'Z'), timezone: plan.timezone };
    }
    case 'time': {
      const h = faker.number.int({ min: 7, max: 20 });
      const m = faker.helpers.arrayElement([0, 15, 30, 45]);
      return { kind: 'time', text: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00` };
    }
    case 'interval':
      return { kind: 'interval', minutes: 15 * (1 + (i % 16)) };
    case 'uuid':
      return { kind: 'uuid', text: faker.string.uuid() };
    case 'json':
      return { kind: 'json', value: {} };
    case 'binary':
      return { kind: 'bytes', hex: faker.string.hexadecimal({ length: 2 * Math.min(16, plan.maxLength ?? 16), prefix: '', casing: 'lower' }) };
    case 'array': {
      if (plan.item.kind === 'text') return { kind: 'array', items: faker.word.words(3).split(' ').map((w) => ({ kind: 'literal', value: w })) };
      if (plan.item.kind === 'integer') return { kind: 'array', items: [{ kind: 'literal', value: plan.item.min }] };
      return { kind: 'array', items: [] };
    }
    case 'text':
      return { kind: 'literal', value: seedText(faker, table, column, plan, i) };
    default:
      return { kind: 'null' };
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Realistic text for a semantic (the TypeScript twin of the Python providers). */
export function fakeText(faker: Faker, semantic: Semantic): string {
  switch (semantic) {
    case 'email':
      return faker.internet.email({ provider: 'example.com' }).toLowerCase();
    case 'first_name':
      return faker.person.firstName();
    case 'last_name':
      return faker.person.lastName();
    case 'name':
      return faker.person.fullName();
    case 'username':
      return faker.internet.username();
    case 'phone':
      return faker.phone.number({ style: 'national' });
    case 'street':
      return faker.location.streetAddress();
    case 'city':
      return faker.location.city();
    case 'state':
      return faker.location.state();
    case 'postcode':
      return faker.location.zipCode();
    case 'country':
      return faker.location.country();
    case 'country_code':
      return faker.location.countryCode('alpha-2');
    case 'company':
      return faker.company.name();
    case 'url':
      return faker.internet.url();
    case 'slug':
      return faker.helpers.slugify(faker.word.words(3)).toLowerCase();
    case 'title':
      return capitalize(faker.word.words(4));
    case 'product':
      return faker.commerce.productName();
    case 'word':
      return capitalize(faker.word.noun());
    case 'text':
      // Short enough to keep a generated seed row within the line length.
      return `${capitalize(faker.word.words({ count: { min: 4, max: 8 } }))}.`.slice(0, 60);
    case 'ipv4':
      return faker.internet.ipv4();
    case 'hex_color':
      return faker.color.rgb({ format: 'hex', casing: 'lower' });
    case 'currency_code':
      return faker.finance.currencyCode();
    case 'job':
      return faker.person.jobTitle();
    case 'password_hash':
      return faker.string.hexadecimal({ length: 64, prefix: '', casing: 'lower' });
    case 'uuid':
      return faker.string.uuid();
    case 'file_name':
      return faker.system.fileName();
    case 'language_code':
      return faker.location.language().alpha2;
    case 'timezone':
      return faker.location.timeZone();
    case 'code':
      return faker.string.alphanumeric({ length: 8, casing: 'upper' });
  }
}

function seedText(faker: Faker, table: Table, column: Column, plan: Extract<ValuePlan, { kind: 'text' }>, i: number): string {
  void table;
  const max = plan.maxLength;
  const min = plan.minLength;
  if (plan.semantic === 'code' || (plan.unique && max !== null && max < 12) || (plan.unique && min > 1)) {
    const length = fixedCodeLength(min, max);
    // Seed codes count down from the largest code, factories count up from zero: they never meet.
    if (length !== null) return shortCode(36 ** Math.min(length, 10) - 1 - i, length);
    const prefix = column.name.replace(/[^A-Za-z0-9]+/g, '').slice(0, 3).toUpperCase() || 'C';
    return fit(`${prefix}${TAG(i)}`, min, max);
  }
  let v = fakeText(faker, plan.semantic);
  if (plan.unique) {
    const tag = TAG(i);
    let [local, domain] = v.includes('@') ? [v.slice(0, v.indexOf('@')), v.slice(v.indexOf('@'))] : [v, ''];
    if (max !== null && tag.length + domain.length >= max) domain = '';
    if (max !== null) local = local.slice(0, Math.max(0, max - tag.length - domain.length));
    v = `${local}${tag}${domain}`;
  }
  return fit(v, min, max);
}

function fit(v: string, min: number, max: number | null): string {
  let out = max !== null ? v.slice(0, max) : v;
  if (out.length < min) out = out.padEnd(min, 'x');
  return out;
}

function shortCode(n: number, length: number): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let code = '';
  let x = Math.max(0, n);
  for (let k = 0; k < length; k++) {
    code = alphabet[x % 36] + code;
    x = Math.floor(x / 36);
  }
  return code;
}
