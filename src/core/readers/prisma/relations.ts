// Prisma relations as foreign keys and relationships. Every relation has a field on each side,
// paired by the two models and the relation name. The side with `@relation(fields, references)`
// holds the foreign key; two list sides without fields are an implicit many-to-many, stored in a
// join table Prisma creates itself (`_CategoryToPost`, columns `A` and `B`).

import type { Attribute, Field, KeyValue } from '@mrleebo/prisma-ast';
import type { Column, Relationship, RelationshipKind, Table } from '../../ir';
import { makeColumn, makeForeignKey, makeTable, qualifiedName } from '../../build';
import { argument, fieldAttribute, isIdentifier, keyedArgument, nameList, stringValue } from './ast';
import { locate, report, type ModelInfo, type ReaderContext } from './context';

/** One relation field with its `@relation` arguments. */
interface Side {
  info: ModelInfo;
  field: Field;
  target: ModelInfo;
  relation: Attribute | undefined;
  /** The relation name (`@relation("Name")`), or null when none is given. */
  name: string | null;
  fields: KeyValue | undefined;
  references: KeyValue | undefined;
}

/** Prisma's referential actions in SQL spelling. */
const ACTIONS: Readonly<Record<string, string>> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/**
 * Reads every relation of the schema: adds foreign keys and relationships to the models and returns
 * the join tables of implicit many-to-many relations, in the order the relations are first written.
 */
export function readRelations(ctx: ReaderContext): Table[] {
  const joinTables: Table[] = [];
  for (const group of groupSides(ctx).values()) {
    if (group.length > 1 && group[0].info === group[0].target && group[0].name === null) {
      reportUnnamedSelfRelation(ctx, group);
    }
    if (group.length === 2) {
      const join = readPair(ctx, group[0], group[1]);
      if (join) joinTables.push(join);
      continue;
    }
    for (const side of group) {
      reportUnpaired(ctx, side, group.length);
      if (hasForeignKeyArguments(side) && !side.field.array) readOwner(ctx, side, null);
    }
  }
  // Relations are read pair by pair; each model lists its relationships in field order.
  // (A model many others refer to, like User, can have hundreds: look positions up, not indexOf.)
  for (const info of ctx.models.values()) {
    if (info.model.relationships.length < 2) continue;
    const order = new Map(info.relationFields.map((f, i) => [f.name, i]));
    const at = (name: string) => order.get(name) ?? -1;
    info.model.relationships.sort((x, y) => at(x.name) - at(y.name));
  }
  return joinTables;
}

/** Groups relation fields by the unordered pair of models and the relation name. */
function groupSides(ctx: ReaderContext): Map<string, Side[]> {
  const groups = new Map<string, Side[]>();
  for (const info of ctx.models.values()) {
    for (const field of info.relationFields) {
      const target = ctx.models.get(field.fieldType as string);
      if (!target) continue;
      const relation = fieldAttribute(field, 'relation');
      const name = relation ? stringValue(argument(relation, 'name')) : null;
      const side: Side = {
        info,
        field,
        target,
        relation,
        name,
        fields: relation && keyedArgument(relation, 'fields'),
        references: relation && keyedArgument(relation, 'references'),
      };
      const key = [info.name, target.name].sort().concat(name ?? '').join('\u0000');
      const group = groups.get(key);
      if (group) group.push(side);
      else groups.set(key, [side]);
    }
  }
  return groups;
}

/** True when the side's `@relation` gives `fields` or `references`: it means to hold the key. */
function hasForeignKeyArguments(side: Side): boolean {
  return side.fields !== undefined || side.references !== undefined;
}

/** A relation needs exactly two fields; one alone or three or more are errors in Prisma. */
function reportUnpaired(ctx: ReaderContext, side: Side, count: number): void {
  const named = side.name === null ? '' : ` named "${side.name}"`;
  const message =
    count === 1
      ? `relation field "${side.info.name}.${side.field.name}" has no opposite field on model "${side.target.name}"; add a field of type ${side.info.name} or ${side.info.name}[]${side.name === null ? '' : ` with @relation("${side.name}")`} there`
      : `ambiguous relation: ${count} fields relate "${side.info.name}" and "${side.target.name}"${named}; give each pair of fields its own @relation("Name")`;
  report(ctx, side.info.block, side.field, 'error', message, 'prisma/relation-pairing');
}

/**
 * Prisma cannot tell which fields of a self-relation belong together without a name, so it rejects
 * unnamed ones; they are still paired here as written.
 */
function reportUnnamedSelfRelation(ctx: ReaderContext, group: Side[]): void {
  const [first] = group;
  const fields = group.map((s) => `"${s.field.name}"`).join(', ');
  report(
    ctx,
    first.info.block,
    first.field,
    'error',
    `ambiguous self-relation: fields ${fields} of model "${first.info.name}" all refer to "${first.info.name}"; give the two fields of each relation the same @relation("Name")`,
    'prisma/relation-pairing',
  );
}

/** Reads the two sides of one relation; returns the join table of an implicit many-to-many. */
function readPair(ctx: ReaderContext, a: Side, b: Side): Table | null {
  const owners = [a, b].filter(hasForeignKeyArguments);
  if (owners.length === 0) {
    if (a.field.array && b.field.array) return readImplicitManyToMany(ctx, a, b);
    const single = a.field.array ? b : a;
    report(
      ctx,
      single.info.block,
      single.field,
      'error',
      `relation "${single.info.name}.${single.field.name}" does not say which side holds the foreign key; add @relation(fields: [...], references: [...]) to it — the relation is skipped`,
      'prisma/relation-fields',
    );
    return null;
  }
  const owner = owners[0];
  const back = owner === a ? b : a;
  if (owners.length === 2) {
    report(ctx, back.info.block, back.relation, 'error', `only one side of a relation may give fields and references; remove them from "${back.info.name}.${back.field.name}" — they are ignored`, 'prisma/relation-fields');
  }
  if (owner.field.array) {
    report(ctx, owner.info.block, owner.relation, 'error', `the list field "${owner.info.name}.${owner.field.name}" cannot hold the foreign key; move fields and references to "${back.info.name}.${back.field.name}" — the relation is skipped`, 'prisma/relation-fields');
    return null;
  }
  readOwner(ctx, owner, back);
  addRelationship(back, {
    kind: back.field.array ? 'one-to-many' : 'one-to-one',
    columns: [],
    secondary: null,
    backPopulates: owner.field.name,
  });
  return null;
}

/** The foreign key and relationship of the side that holds `fields`/`references`. */
function readOwner(ctx: ReaderContext, side: Side, back: Side | null): void {
  const columns = resolveNames(ctx, side, side.fields, side.info, 'fields');
  const refColumns = resolveNames(ctx, side, side.references, side.target, 'references');
  const ok = columns !== null && refColumns !== null && checkArity(ctx, side, columns, refColumns);
  const names = columns?.map((c) => c.name) ?? [];
  if (ok) {
    side.info.table.foreignKeys.push(
      makeForeignKey({
        name: side.relation ? stringValue(keyedArgument(side.relation, 'map')?.value) : null,
        columns: names,
        refTable: side.target.table.name,
        refColumns: refColumns.map((c) => c.name),
        onDelete: action(side, 'onDelete') ?? (columns.some((c) => !c.nullable) ? 'RESTRICT' : 'SET NULL'),
        onUpdate: action(side, 'onUpdate') ?? 'CASCADE',
        logical: ctx.logicalForeignKeys,
        location: locate(side.info.block, side.field),
      }),
    );
  }
  if (ok && !isUniqueSet(side.target.table, refColumns.map((c) => c.name))) {
    report(
      ctx,
      side.info.block,
      side.references,
      'error',
      `@relation references of "${side.info.name}.${side.field.name}" must be the id or a unique field set of model "${side.target.name}"; add @@unique([${refColumns.map((c) => c.attribute).join(', ')}]) there`,
      'prisma/relation-references',
    );
  }
  const unique = ok && isUniqueSet(side.info.table, names);
  const kind: RelationshipKind = (back ? !back.field.array : unique) ? 'one-to-one' : 'many-to-one';
  if (ok && kind === 'one-to-one' && !unique) {
    report(
      ctx,
      side.info.block,
      side.field,
      'error',
      `one-to-one relation "${side.info.name}.${side.field.name}" needs unique foreign key fields: add @unique to ${names.map((n) => `"${n}"`).join(', ')} (or @@unique), or make "${back?.info.name}.${back?.field.name}" a list`,
      'prisma/one-to-one-unique',
    );
  }
  addRelationship(side, { kind, columns: ok ? names : [], secondary: null, backPopulates: back?.field.name ?? null });
}

/**
 * The columns a `fields:`/`references:` list names on `model`, or null after reporting a missing
 * list or a name that is not a scalar field there.
 */
function resolveNames(ctx: ReaderContext, side: Side, arg: KeyValue | undefined, model: ModelInfo, key: string): Column[] | null {
  const names = arg ? nameList(arg.value) : null;
  if (names === null || names.length === 0) {
    const other = key === 'fields' ? 'references' : 'fields';
    report(ctx, side.info.block, arg ?? side.relation, 'error', `@relation on "${side.info.name}.${side.field.name}" gives ${other} but no ${key} list; give both, e.g. ${key}: [id] — the foreign key is skipped`, 'prisma/relation-fields');
    return null;
  }
  const columns: Column[] = [];
  for (const n of names) {
    const column = model.columns.get(n);
    if (!column) {
      report(
        ctx,
        side.info.block,
        arg,
        'error',
        `@relation ${key} names "${n}", which is not a scalar field of model "${model.name}"; add the field or fix the name — the foreign key is skipped`,
        'prisma/unknown-field',
      );
      return null;
    }
    columns.push(column);
  }
  return columns;
}

/** True when `fields` and `references` have the same length; otherwise reports it. */
function checkArity(ctx: ReaderContext, side: Side, columns: Column[], refColumns: Column[]): boolean {
  if (columns.length === refColumns.length) return true;
  report(
    ctx,
    side.info.block,
    side.relation,
    'error',
    `@relation on "${side.info.name}.${side.field.name}" has ${columns.length} field(s) but ${refColumns.length} reference(s); give one reference per field — the foreign key is skipped`,
    'prisma/relation-arity',
  );
  return false;
}

/**
 * `onDelete`/`onUpdate` as SQL (`SET NULL`), or null when not given; the caller then applies
 * Prisma's defaults: on delete RESTRICT when a key field is required, else SET NULL; on update CASCADE.
 */
function action(side: Side, key: 'onDelete' | 'onUpdate'): string | null {
  const v = side.relation ? keyedArgument(side.relation, key)?.value : undefined;
  return isIdentifier(v) ? (ACTIONS[v] ?? v) : null;
}

/** True when the columns are exactly the primary key or a unique constraint, in any order. */
function isUniqueSet(table: Table, columns: string[]): boolean {
  const same = (other: string[]) => other.length === columns.length && other.every((c) => columns.includes(c));
  return same(table.primaryKey) || table.uniqueConstraints.some((u) => same(u.columns));
}

/** Adds the relationship of one side's field to its model. */
function addRelationship(side: Side, fields: Pick<Relationship, 'kind' | 'columns' | 'secondary' | 'backPopulates'>): void {
  side.info.model.relationships.push({
    name: side.field.name,
    target: side.target.name,
    ...fields,
    backref: null,
    nullable: side.field.optional === true,
    relationName: side.name,
    location: locate(side.info.block, side.field),
  });
}

/**
 * The join table Prisma creates for an implicit many-to-many: `_` + the relation name (by default
 * the two model names in alphabetical order joined by `To`), in the schema of the first model.
 * Column `A` references the first model's id and `B` the second's; both are NOT NULL, with an
 * index on `B` and uniqueness on (A, B) — a primary key on PostgreSQL since Prisma 6, a unique
 * index elsewhere. Both foreign keys cascade on delete and update.
 */
function readImplicitManyToMany(ctx: ReaderContext, a: Side, b: Side): Table | null {
  const [first, second] = a.info.name <= b.info.name ? [a, b] : [b, a];
  const firstId = singleId(ctx, first, second.info);
  // A self-relation has one model: its missing id is reported once.
  const secondId = second.info === first.info ? firstId : singleId(ctx, second, first.info);
  if (!firstId || !secondId) return null;
  const name = `_${a.name ?? `${first.info.name}To${second.info.name}`}`;
  const schema = first.info.table.schema;
  const location = locate(a.info.block, a.field);
  const table = makeTable({ name: qualifiedName(schema, name), schema, location });
  table.columns = [joinColumn('A', firstId, location), joinColumn('B', secondId, location)];
  if (ctx.dialect === 'postgresql' && ctx.provider !== 'cockroachdb') {
    table.primaryKey = ['A', 'B'];
    for (const c of table.columns) c.primaryKey = true;
  } else {
    table.uniqueConstraints.push({ name: `${name}_AB_unique`, columns: ['A', 'B'], location });
  }
  table.indexes.push({ name: `${name}_B_index`, columns: ['B'], unique: false, location });
  for (const [column, side] of [['A', first], ['B', second]] as const) {
    table.foreignKeys.push(
      makeForeignKey({
        name: `${name}_${column}_fkey`,
        columns: [column],
        refTable: side.info.table.name,
        refColumns: [column === 'A' ? firstId.name : secondId.name],
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
        logical: ctx.logicalForeignKeys,
        location,
      }),
    );
  }
  for (const [side, other] of [[a, b], [b, a]]) {
    addRelationship(side, { kind: 'many-to-many', columns: [], secondary: table.name, backPopulates: other.field.name });
  }
  return table;
}

/** The one id column of a side's model, or null after reporting that implicit m-n needs one. */
function singleId(ctx: ReaderContext, side: Side, other: ModelInfo): Column | null {
  const pk = side.info.table.primaryKey;
  const column = pk.length === 1 ? side.info.table.columns.find((c) => c.name === pk[0]) : undefined;
  if (column) return column;
  report(
    ctx,
    side.info.block,
    side.field,
    'error',
    `implicit many-to-many between "${side.info.name}" and "${other.name}" needs a single-field @id on model "${side.info.name}"; add one, or model the join table explicitly — the relation is skipped`,
    'prisma/m2m-id',
  );
  return null;
}

/** A join table column with the type of the id it references. */
function joinColumn(name: string, id: Column, location: Table['location']): Column {
  return makeColumn({
    name,
    location,
    type: id.type,
    rawType: id.rawType,
    nullable: false,
    maxLength: id.maxLength,
    precision: id.precision,
    scale: id.scale,
    enumName: id.enumName,
    enumValues: id.enumValues,
    timezone: id.timezone,
  });
}
