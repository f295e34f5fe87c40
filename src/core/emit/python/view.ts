// The view model of the Python target: for each mapped class, in insertion order, what its factory
// declares and why. Built once from the schema, the analysis and the value plans; the renderers of
// factories.py, conftest.py, the smoke tests and the seed data only format it.

import type { Analysis } from '../../analysis/graph';
import type { ColumnPlan, TablePlan, ValuePlanResult } from '../../analysis/values';
import type { Column, EnumType, ForeignKey, Model, Relationship, Schema, Table } from '../../ir';
import { isPyIdentifier } from './code';
import { lookupTable } from '../../lookup';

export type FkStrategy =
  /** `customer = factory.SubFactory(CustomerFactory)` through the model's relationship. */
  | { kind: 'relationship'; relationship: string }
  /** No relationship: a parent built in `Params` and its key copied (`customer_id = ...`). */
  | { kind: 'key'; param: string; pairs: { attribute: string; refAttribute: string }[] }
  /** A nullable self-reference: None by default, a trait creates the parent. */
  | { kind: 'self'; relationship: string | null; trait: string; param: string; pairs: { attribute: string; refAttribute: string }[] }
  /** Breaks an FK cycle: None on creation; a post-generation hook links it afterwards. */
  | { kind: 'cycle-break'; relationship: string | null; hook: string; pairs: { attribute: string; refAttribute: string }[] }
  /** Cannot be filled: the parent has no factory (plain table) — the user must set it. */
  | { kind: 'unfillable'; reason: string };

export interface FkView {
  fk: ForeignKey;
  /** The parent's factory view (resolved once every view exists). */
  target: ModelView | null;
  targetModel: string | null;
  targetTable: string;
  nullable: boolean;
  strategy: FkStrategy;
  /** Trait that sets it to None, for nullable FKs created by default. */
  noneTrait: string | null;
}

export interface ColumnView {
  column: Column;
  attribute: string;
  plan: ColumnPlan;
}

export interface TraitView {
  name: string;
  /** attribute → Python expression */
  sets: [string, string][];
  doc: string;
}

export interface ManyToManyView {
  relationship: Relationship;
  target: ModelView | null;
}

export interface ModelView {
  model: Model;
  table: Table;
  factory: string;
  /** Factory class this one derives from (inheritance), or null for the base factory. */
  parentFactory: string | null;
  module: string;
  columns: ColumnView[];
  fks: FkView[];
  manyToMany: ManyToManyView[];
  traits: TraitView[];
  unknownChecks: string[];
  /** True when rows can be built without the database (every FK goes through a relationship). */
  buildable: boolean;
  /** Discriminator column the ORM fills (never given a value). */
  discriminator: string | null;
  /** The root model of its inheritance tree maps this table (count tests use roots). */
  isRoot: boolean;
}

export interface PythonView {
  models: ModelView[];
  enums: EnumType[];
  /** Enum class name → module, for imports. */
  enumModules: Map<string, string>;
}

const FACTORY_RESERVED = new Set([
  'Meta', 'Params', 'build', 'create', 'stub', 'build_batch', 'create_batch', 'stub_batch', 'generate',
  'generate_batch', 'simple_generate', 'reset_sequence', 'attributes', 'declarations',
]);

/** Orders the mapped classes: tables in insertion order; within a table, parents before subclasses. */
function orderedModels(schema: Schema, analysis: Analysis): Model[] {
  const byTable = new Map<string, Model[]>();
  for (const m of schema.models) {
    const list = byTable.get(m.table) ?? [];
    list.push(m);
    byTable.set(m.table, list);
  }
  const out: Model[] = [];
  const placed = new Set<string>();
  const depth = (m: Model): number => {
    let d = 0;
    let p = m.parent;
    while (p && d < 50) {
      d++;
      p = schema.models.find((x) => x.name === p)?.parent ?? null;
    }
    return d;
  };
  for (const t of analysis.order) {
    const list = [...(byTable.get(t) ?? [])].sort((a, b) => depth(a) - depth(b));
    for (const m of list) {
      if (!placed.has(m.name)) {
        placed.add(m.name);
        out.push(m);
      }
    }
  }
  return out;
}

export function buildPythonView(schema: Schema, analysis: Analysis, values: ValuePlanResult, modules: Record<string, string>): PythonView {
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const models = orderedModels(schema, analysis).filter((m) => tables.has(m.table));
  const views = new Map<string, ModelView>();
  const modelByName = new Map(schema.models.map((m) => [m.name, m]));
  const rootOf = (m: Model): Model => {
    let cur = m;
    for (let i = 0; i < 50 && cur.parent && modelByName.has(cur.parent); i++) cur = modelByName.get(cur.parent)!;
    return cur;
  };
  const moduleOf = (file: string) => modules[file] ?? file.replace(/\.py$/, '').replace(/\//g, '.');
  // The model that owns each table (the root of its inheritance tree that maps it).
  const tableOwner = new Map<string, Model>();
  for (const m of models) if (!tableOwner.has(m.table)) tableOwner.set(m.table, m);

  const brokenFks = new Set<string>();
  for (const c of analysis.cycles) for (const b of c.breakAt) brokenFks.add(`${b.table}\u0000${b.columns.join(',')}`);

  for (const m of models) {
    const table = tables.get(m.table)!;
    const plan: TablePlan = values.tables[m.table];
    const parent = m.parent ? modelByName.get(m.parent) ?? null : null;
    const joinedParentTable = m.inheritance === 'joined' && parent ? parent.table : null;
    const root = rootOf(m);
    const discriminator = root.polymorphicOn;

    // Which columns this class's factory declares: a single-table subclass only its own; any other
    // class every column of its table except those its single-table subclasses declare.
    let owned: Column[];
    if (m.inheritance === 'single' && parent) {
      owned = table.columns.filter((c) => m.columns.includes(c.name));
    } else {
      const subclassColumns = new Set(
        schema.models
          .filter((x) => x.inheritance === 'single' && x.table === m.table && isDescendant(x, m, modelByName))
          .flatMap((x) => x.columns),
      );
      owned = table.columns.filter((c) => !subclassColumns.has(c.name));
    }
    const fkCols = new Set(table.foreignKeys.flatMap((f) => f.columns));
    const usedNames = new Set<string>([...table.columns.map((c) => c.attribute ?? c.name), ...m.relationships.map((r) => r.name)]);
    for (const anc of ancestors(m, modelByName)) for (const r of anc.relationships) usedNames.add(r.name);

    const columns: ColumnView[] = [];
    for (const c of owned) {
      if (fkCols.has(c.name)) continue;
      if (discriminator && c.name === discriminator) continue;
      const cp = plan.columns.find((p) => p.column.name === c.name)!;
      columns.push({ column: c, attribute: c.attribute ?? c.name, plan: cp });
    }

    const view: ModelView = {
      model: m,
      table,
      factory: `${m.name}Factory`,
      parentFactory: parent && views.has(parent.name) ? `${parent.name}Factory` : null,
      module: moduleOf(m.location.file),
      columns,
      fks: [],
      manyToMany: [],
      traits: [],
      unknownChecks: m.inheritance === 'single' && parent ? [] : plan.unknownChecks,
      buildable: true,
      discriminator,
      isRoot: root === m,
    };
    views.set(m.name, view);

    // Foreign keys owned by this class's columns.
    const ownedNames = new Set(owned.map((c) => c.name));
    for (const fk of table.foreignKeys) {
      if (!fk.columns.every((c) => ownedNames.has(c))) continue;
      if (joinedParentTable && fk.refTable === joinedParentTable && sameSet(fk.columns, table.primaryKey)) continue;
      const nullable = fk.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable ?? true);
      const target = tableOwner.get(fk.refTable) ?? null;
      const rel = findRelationship(m, fk, target, modelByName);
      const refTable = tables.get(fk.refTable);
      const pairs = fk.columns.map((c, i) => ({
        attribute: table.columns.find((x) => x.name === c)?.attribute ?? c,
        refAttribute: refTable?.columns.find((x) => x.name === fk.refColumns[i])?.attribute ?? fk.refColumns[i],
      }));
      const base = paramName(fk, rel);
      let strategy: FkStrategy;
      let noneTrait: string | null = null;
      if (!target) {
        strategy = { kind: 'unfillable', reason: `"${fk.refTable}" has no mapped class to build a parent from` };
      } else if (fk.refTable === m.table || (target && rootOf(target) === root && target.table === m.table)) {
        strategy = {
          kind: 'self',
          relationship: rel?.name ?? null,
          trait: uniqueName(`with_${base}`, usedNames),
          param: rel ? rel.name : uniqueName(base, usedNames),
          pairs,
        };
        if (!nullable) strategy = { kind: 'unfillable', reason: 'a NOT NULL self-reference has no first row; make it nullable or set it yourself' };
      } else if (brokenFks.has(`${table.name}\u0000${fk.columns.join(',')}`)) {
        strategy = { kind: 'cycle-break', relationship: rel?.name ?? null, hook: uniqueName(`with_${base}`, usedNames), pairs };
      } else if (rel) {
        strategy = { kind: 'relationship', relationship: rel.name };
        if (nullable) noneTrait = uniqueName(`no_${rel.name}`, usedNames);
      } else {
        strategy = { kind: 'key', param: uniqueName(base, usedNames), pairs };
        if (nullable) noneTrait = uniqueName(`no_${base}`, usedNames);
        view.buildable = false;
      }
      view.fks.push({ fk, target: null, targetModel: target?.name ?? null, targetTable: fk.refTable, nullable, strategy, noneTrait });
    }

    for (const r of m.relationships) {
      // A viewonly relationship is read-only: nothing to link through it.
      if (r.kind !== 'many-to-many' || r.viewonly) continue;
      view.manyToMany.push({ relationship: r, target: null });
    }
    view.traits = buildTraits(view, usedNames, schema.enums);
  }
  // Resolve parents and many-to-many targets now that every view exists.
  for (const v of views.values()) {
    for (const f of v.fks) f.target = f.targetModel ? views.get(f.targetModel) ?? null : null;
    for (const mm of v.manyToMany) mm.target = views.get(mm.relationship.target) ?? null;
  }

  const enumModules = new Map<string, string>();
  for (const e of schema.enums) if (e.className) enumModules.set(e.className, moduleOf(e.location.file));
  return { models: [...views.values()], enums: schema.enums, enumModules };
}

function isDescendant(child: Model, ancestor: Model, byName: Map<string, Model>): boolean {
  let p = child.parent;
  for (let i = 0; i < 50 && p; i++) {
    if (p === ancestor.name) return true;
    p = byName.get(p)?.parent ?? null;
  }
  return false;
}

function ancestors(m: Model, byName: Map<string, Model>): Model[] {
  const out: Model[] = [];
  let p = m.parent;
  for (let i = 0; i < 50 && p && byName.has(p); i++) {
    const pm = byName.get(p)!;
    out.push(pm);
    p = pm.parent;
  }
  return out;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The many-to-one relationship on `m` (or an ancestor) that writes exactly this FK's columns. */
function findRelationship(m: Model, fk: ForeignKey, target: Model | null, byName: Map<string, Model>): Relationship | null {
  const candidates = [m, ...ancestors(m, byName)].flatMap((x) => x.relationships);
  const owning = candidates.filter((r) => (r.kind === 'many-to-one' || r.kind === 'one-to-one') && r.columns.length > 0);
  const exact = owning.find((r) => sameSet(r.columns, fk.columns));
  if (exact) return exact;
  if (!target) return null;
  // A relationship to the target without explicit columns, when it is the only FK to that table.
  return null;
}

/** The name of the parent handle for an FK: the relationship, else the column without `_id`. */
function paramName(fk: ForeignKey, rel: Relationship | null): string {
  if (rel) return rel.name;
  const col = fk.columns.length === 1 ? fk.columns[0] : fk.refTable.split('.').pop()!;
  const base = col.replace(/_?(id|fk|key|uuid)$/i, '');
  return toIdentifier(base.length > 0 ? base : `${col}_row`);
}

export function toIdentifier(s: string): string {
  let out = s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (out === '' || /^[0-9]/.test(out)) out = `v_${out}`;
  if (!isPyIdentifier(out)) out = `${out}_`;
  return out;
}

/** `name`, or `name_2`, `name_3`... so it clashes with nothing already used; records the choice. */
export function uniqueName(name: string, used: Set<string>): string {
  let candidate = toIdentifier(name);
  let i = 2;
  while (used.has(candidate) || FACTORY_RESERVED.has(candidate)) candidate = `${toIdentifier(name)}_${i++}`;
  used.add(candidate);
  return candidate;
}

const ANTONYMS: Readonly<Record<string, string>> = lookupTable({
  active: 'inactive',
  enabled: 'disabled',
  visible: 'hidden',
  published: 'unpublished',
  verified: 'unverified',
  confirmed: 'unconfirmed',
  approved: 'unapproved',
  available: 'unavailable',
  public: 'private',
  valid: 'invalid',
  in_stock: 'out_of_stock',
});

function buildTraits(view: ModelView, used: Set<string>, enums: EnumType[]): TraitView[] {
  const traits: TraitView[] = [];
  for (const cv of view.columns) {
    const plan = cv.plan.value;
    if (cv.column.type !== 'boolean') continue;
    const current = plan.kind === 'boolean' ? plan.value : false;
    const base = cv.attribute.replace(/^(is|has|can)_/, '');
    const name = current ? (ANTONYMS[base] ?? `not_${base}`) : base;
    traits.push({
      name: uniqueName(name, used),
      sets: [[cv.attribute, current ? 'False' : 'True']],
      doc: `${cv.attribute}=${current ? 'False' : 'True'}`,
    });
  }
  const enumColumns = view.columns.filter((c) => c.column.type === 'enum' && c.column.enumValues && c.column.enumValues.length > 0);
  for (const cv of enumColumns) {
    const e = enums.find((x) => x.name === cv.column.enumName) ?? null;
    for (const label of cv.column.enumValues!) {
      const member = e?.className ? e.members?.find((mm) => mm.name === label || String(mm.value) === label) ?? null : null;
      const value = member && e?.className ? `${e.className}.${member.name}` : JSON.stringify(label);
      const base = enumColumns.length === 1 ? label : `${cv.attribute}_${label}`;
      traits.push({ name: uniqueName(base, used), sets: [[cv.attribute, value]], doc: `${cv.attribute}=${value}` });
    }
  }
  for (const fv of view.fks) {
    if (fv.noneTrait) {
      const attr = fv.strategy.kind === 'relationship' ? fv.strategy.relationship : null;
      const sets: [string, string][] = attr
        ? [[attr, 'None']]
        : fv.strategy.kind === 'key'
          ? fv.strategy.pairs.map((p) => [p.attribute, 'None'] as [string, string])
          : [];
      traits.push({ name: fv.noneTrait, sets, doc: 'no parent' });
    }
  }
  return traits;
}
