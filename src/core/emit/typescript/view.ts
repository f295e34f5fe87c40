// What the TypeScript emitters need to know about each Prisma model, decided once: the names the
// generated code uses, the fields of the model's create input that get generated values, and how
// each relation is filled (a nested `create` of a new parent, a parent the caller must pass, left
// empty, or a `connect` list for implicit many-to-many).

import type { Analysis } from '../../analysis/graph';
import type { ColumnPlan, TablePlan, ValuePlan, ValuePlanResult } from '../../analysis/values';
import type { Column, EnumType, ForeignKey, Model, Relationship, Schema, Table } from '../../ir';
import { compareText, isPlainIdentifier, lowerFirst, member, propertyKey, upperFirst } from './code';

/** A scalar or enum field of the model's create input that gets a generated value. */
export interface ScalarView {
  column: Column;
  /** The Prisma field name. */
  field: string;
  plan: ColumnPlan;
}

/**
 * How `build<Model>` fills a relation that holds a foreign key: `create` a new parent, `given` when
 * the caller must pass one (a required self-relation, or a parent that itself needs one), or
 * `optional`: left empty unless the caller passes a parent.
 */
export type ParentStrategy = 'create' | 'given' | 'optional';

/** A relation field whose model holds the foreign key (many-to-one or the owning one-to-one side). */
export interface ParentView {
  /** The relation field name. */
  field: string;
  /** The local variable `build<Model>` destructures the override into. */
  local: string;
  target: ModelView;
  strategy: ParentStrategy;
  /** Each foreign-key field of this model and the field of the parent it copies. */
  pairs: { field: string; parentField: string }[];
  /** The parent field whose presence tells a row apart from a nested input (`'id' in author`). */
  rowKey: string;
  /** The `WhereUniqueInput` that finds a parent row held in `receiver`. */
  where: (receiver: string) => string;
}

/** An implicit many-to-many relation field: filled with a `connect` list of existing rows. */
export interface ListView {
  field: string;
  local: string;
  target: ModelView;
  /** The opposite relation field on the target model. */
  backField: string;
  /** The join table (`_CategoryToPost`), the same for both sides of the relation. */
  secondary: string;
}

export interface ModelView {
  model: Model;
  table: Table;
  /** The model's type as the generated code names it (the model name, or an alias). */
  typeName: string;
  /** `db.<delegate>`: the model name with a lower-case first letter. */
  delegate: string;
  build: string;
  create: string;
  createList: string;
  overrides: string;
  scalars: ScalarView[];
  parents: ParentView[];
  lists: ListView[];
  /** Some relation must be passed by the caller: no row can be made from nothing. */
  needsParents: boolean;
  /** Why `needsParents`, for comments. */
  needsReason: string | null;
}

/** A Prisma enum as generated code names it. */
export interface EnumView {
  enum: EnumType;
  /** The enum object's name in generated code (the Prisma name, or an alias). */
  typeName: string;
  /** The Prisma member name of each database label. */
  memberOf: Map<string, string>;
}

export interface TsView {
  /** Every model, parents first (the analysis' insertion order). */
  models: ModelView[];
  enums: Map<string, EnumView>;
}

/**
 * Names the generated files use for themselves or take from JavaScript, which a model or enum
 * type must not shadow; a model named like one is imported under an alias (`DateRow`).
 */
const TAKEN_NAMES = new Set([
  'Array', 'BigInt', 'Boolean', 'Date', 'Error', 'JSON', 'Map', 'Math', 'Number', 'Object', 'Promise', 'Record',
  'Set', 'String', 'Symbol', 'Uint8Array', 'Partial', 'Omit', 'Prisma', 'PrismaClient', 'PrismaPg', 'SeedRows',
  'Rollback', 'WORKER', 'faker', 'process', 'test', 'describe', 'expect', 'base',
]);

/** Builds the view of every model of a Prisma schema, in the analysis' insertion order. */
export function buildTsView(schema: Schema, analysis: Analysis, plans: ValuePlanResult): TsView {
  const enums = enumViews(schema);
  const taken = new Set([...TAKEN_NAMES, ...[...enums.values()].map((e) => e.typeName)]);
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const position = new Map(analysis.order.map((name, i) => [name, i]));
  const models = schema.models
    .filter((m) => tables.has(m.table))
    .sort((a, b) => (position.get(a.table) ?? 0) - (position.get(b.table) ?? 0) || compareText(a.name, b.name))
    .map((m) => modelView(m, tables.get(m.table)!, plans.tables[m.table], taken));
  const byName = new Map(models.map((v) => [v.model.name, v]));
  for (const view of models) linkRelations(view, byName);
  decideStrategies(models);
  return { models, enums };
}

/** Each enum by database name, with the name its object gets in generated code. */
function enumViews(schema: Schema): Map<string, EnumView> {
  const out = new Map<string, EnumView>();
  for (const e of schema.enums) {
    const name = e.className ?? e.name;
    const memberOf = new Map((e.members ?? e.values.map((v) => ({ name: v, value: v }))).map((m) => [String(m.value), m.name]));
    out.set(e.name, { enum: e, typeName: TAKEN_NAMES.has(name) ? `${name}Enum` : name, memberOf });
  }
  return out;
}

/** The names and scalar fields of one model; relations are linked once every model has a view. */
function modelView(model: Model, table: Table, plan: TablePlan, taken: Set<string>): ModelView {
  const foreignKeyColumns = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const name = upperFirst(model.name);
  const sequenced = sequencedInKeys(table, plan, foreignKeyColumns);
  const scalars: ScalarView[] = [];
  for (const column of table.columns) {
    if (foreignKeyColumns.has(column.name)) continue;
    const columnPlan = plan.columns.find((cp) => cp.column === column);
    if (!columnPlan) continue;
    const value = sequenced.has(column.name) ? withSequence(columnPlan.value) : columnPlan.value;
    scalars.push({ column, field: column.attribute ?? column.name, plan: { ...columnPlan, value } });
  }
  return {
    model,
    table,
    typeName: taken.has(model.name) ? `${model.name}Row` : model.name,
    delegate: lowerFirst(model.name),
    build: `build${name}`,
    create: `create${name}`,
    createList: `create${name}List`,
    overrides: `${name}Overrides`,
    scalars,
    parents: [],
    lists: [],
    needsParents: false,
    needsReason: null,
  };
}

/** Plan kinds that can count up a sequence. */
const SEQUENCEABLE = new Set(['integer', 'text', 'decimal', 'date', 'datetime']);

/** The plan with a sequence making each value unique, for the kinds that can count up. */
function withSequence(plan: ValuePlan): ValuePlan {
  switch (plan.kind) {
    case 'integer':
    case 'text':
    case 'decimal':
    case 'date':
    case 'datetime':
      return { ...plan, unique: true };
    default:
      return plan;
  }
}

/**
 * Columns that must be unique although the value plans do not say so: in a composite key or unique
 * constraint that mixes foreign keys with columns of the model's own (`@@unique([accountId, email])`),
 * the plans rely on a new parent per row, but callers of `create<Model>List` often pass one shared
 * parent. The first own column that can count up then takes a sequence, unless one already does.
 */
function sequencedInKeys(table: Table, plan: TablePlan, foreignKeyColumns: Set<string>): Set<string> {
  const out = new Set<string>();
  const planOf = (column: string) => plan.columns.find((cp) => cp.column.name === column)?.value;
  const keys = [table.primaryKey, ...table.uniqueConstraints.map((u) => u.columns)].filter((k) => k.length > 1);
  for (const key of keys) {
    const own = key.filter((c) => !foreignKeyColumns.has(c));
    if (own.length === 0 || own.length === key.length) continue;
    if (own.some((c) => out.has(c) || (planOf(c) as { unique?: boolean } | undefined)?.unique === true)) continue;
    const pick = own.find((c) => SEQUENCEABLE.has(planOf(c)?.kind ?? ''));
    if (pick !== undefined) out.add(pick);
  }
  return out;
}

/** Fills the view's parents (relations holding a foreign key) and implicit many-to-many lists. */
function linkRelations(view: ModelView, byName: Map<string, ModelView>): void {
  const locals = new Set(['data', 'fields', 'overrides', 'row', 'rows', 'index', 'count', 'db']);
  const local = (field: string) => (isPlainIdentifier(field) && !locals.has(field) && !TAKEN_NAMES.has(field) ? field : `${field}Input`);
  for (const rel of view.model.relationships) {
    const target = byName.get(rel.target);
    if (!target) continue;
    if (rel.kind === 'many-to-many' && rel.secondary !== null && rel.backPopulates !== null) {
      view.lists.push({ field: rel.name, local: local(rel.name), target, backField: rel.backPopulates, secondary: rel.secondary });
      continue;
    }
    if (rel.columns.length === 0) continue;
    const fk = view.table.foreignKeys.find((f) => sameColumns(f.columns, rel.columns));
    if (!fk) continue;
    view.parents.push(parentView(view, rel, fk, target, local(rel.name)));
  }
}

/** A relation that holds a foreign key, with the `connect` input that finds a given parent row. */
function parentView(view: ModelView, rel: Relationship, fk: ForeignKey, target: ModelView, local: string): ParentView {
  const fieldOf = (table: Table, column: string) => table.columns.find((c) => c.name === column)?.attribute ?? column;
  const pairs = fk.columns.map((c, i) => ({ field: fieldOf(view.table, c), parentField: fieldOf(target.table, fk.refColumns[i]) }));
  // Prisma names a compound unique input by the key's `name:`, else after its fields in the
  // constraint's order: `id_slug`.
  const unique = uniqueKey(target.table, fk.refColumns);
  const key = unique.columns.map((c) => fieldOf(target.table, c));
  const inputName = unique.clientName ?? key.join('_');
  const where =
    key.length === 1
      ? (receiver: string) => `{ ${propertyKey(key[0])}: ${member(receiver, key[0])} }`
      : (receiver: string) => `{ ${propertyKey(inputName)}: { ${key.map((f) => `${propertyKey(f)}: ${member(receiver, f)}`).join(', ')} } }`;
  return {
    field: rel.name,
    local,
    target,
    strategy: rel.nullable ? 'optional' : 'create',
    pairs,
    rowKey: key[0],
    where,
  };
}

/**
 * The primary key or unique constraint the referenced columns form: its columns in the key's order,
 * and the Prisma Client name given with `name:`, if any.
 */
function uniqueKey(table: Table, columns: string[]): { columns: string[]; clientName: string | undefined } {
  if (sameColumns(table.primaryKey, columns)) return { columns: table.primaryKey, clientName: table.primaryKeyClientName };
  const unique = table.uniqueConstraints.find((u) => sameColumns(u.columns, columns));
  return unique ? { columns: unique.columns, clientName: unique.clientName } : { columns, clientName: undefined };
}

/**
 * The implicit many-to-many relations the seed links, each once: from the first model (in view
 * order) holding it, when neither side needs parents passed in (both sides have seed rows).
 */
export function seededLists(view: TsView): { owner: ModelView; list: ListView }[] {
  const out: { owner: ModelView; list: ListView }[] = [];
  const seen = new Set<string>();
  for (const owner of view.models) {
    for (const list of owner.lists) {
      if (seen.has(list.secondary) || owner.needsParents || list.target.needsParents) continue;
      seen.add(list.secondary);
      out.push({ owner, list });
    }
  }
  return out;
}

/** True when both lists hold the same columns, in any order. */
function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}

/**
 * Decides which required parents the caller must pass. A required relation in a cycle of required
 * relations (in practice a required self-relation) cannot be created from nothing; nor can one to
 * a model that needs a parent passed in itself.
 */
function decideStrategies(models: ModelView[]): void {
  for (const view of models) {
    for (const parent of view.parents) {
      if (parent.strategy === 'create' && reachesByCreate(parent.target, view)) {
        parent.strategy = 'given';
        view.needsParents = true;
        view.needsReason = `${view.model.name}.${parent.field} is a required relation back to ${view.model.name}`;
      }
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const view of models) {
      for (const parent of view.parents) {
        if (parent.strategy !== 'create' || !parent.target.needsParents) continue;
        parent.strategy = 'given';
        view.needsParents = true;
        view.needsReason = `its required parent ${parent.target.model.name} needs a parent passed in`;
        changed = true;
      }
    }
  }
}

/** True when building `from` creates (through required relations) a `to`. */
function reachesByCreate(from: ModelView, to: ModelView): boolean {
  const seen = new Set<ModelView>();
  const pending = [from];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const p of current.parents) if (p.strategy === 'create') pending.push(p.target);
  }
  return false;
}
