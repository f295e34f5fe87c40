// SQLAlchemy declarative models (models.py) for schemas that have no Python classes of their own
// (SQL DDL, Alembic): one class per table, pure association tables as `Table(...)` objects used as
// `secondary=`, relationships with `back_populates` on both sides. The classes map the tables
// exactly as `emitPostgresDdl` creates them: both emitters share one PostgreSQL plan (pg-plan.ts),
// so types, enum types, constraint names, defaults and checks agree, and whatever the DDL leaves
// out the models leave out too, with the same reason in a comment.
//
// Two styles: `2.0` (DeclarativeBase, Mapped[...], mapped_column; needs SQLAlchemy >= 2.0) and
// `1.4` (declarative_base(), Column; runs on SQLAlchemy 1.4 and 2.0).
//
// Enums become `enum.Enum` classes whose values are the database labels, mapped with
// `values_callable` so SQLAlchemy stores the values, not the member names: labels that are not
// Python identifiers (`in-progress`, `Shipped`) still map exactly, and factories can pick members.

import type { Schema } from '../../ir';
import type { Analysis, Association } from '../../analysis/graph';
import { planPostgres, type PgColumn, type PgEnumType, type PgForeignKey, type PgPlan, type PgTable, type PgType } from '../pg-plan';
import type { PgDefault } from '../pg-expression';
import {
  PYTHON_KEYWORDS,
  RESERVED_ATTRIBUTES,
  UniqueNames,
  attributeName,
  className,
  enumClassName,
  enumMemberName,
  pascalCase,
  plural,
  snakeCase,
} from './naming';
import { Imports, atom, call, comment, dict, docstring, kw, layout, list, pyString, str, tuple, type Py } from './layout';

export type SqlAlchemyVersion = '1.4' | '2.0';

export interface ModelsOptions {
  /** First paragraph of the module docstring (what was generated from what). */
  header: string;
  /** Declarative style; `2.0` by default. */
  sqlalchemy?: SqlAlchemyVersion;
}

/** A mapped class. */
export interface ModelClass {
  name: string;
  table: PgTable;
  /** Column name → attribute name. */
  attributes: Map<string, string>;
  relationships: ModelRelationship[];
  /** For a table without a primary key: the columns the mapper identifies rows by, else null. */
  mapperKey: string[] | null;
}

export interface ModelRelationship {
  name: string;
  /** Target class name. */
  target: string;
  kind: 'many-to-one' | 'one-to-many' | 'one-to-one' | 'many-to-many';
  backPopulates: string;
  /** The foreign key behind a many-to-one / one-to-many / one-to-one relationship. */
  fk: PgForeignKey | null;
  /** Many-to-one: some FK column is nullable. */
  nullable: boolean;
  /** `foreign_keys=` (as `Class.attribute`), when several foreign keys join the two tables. */
  foreignKeys: string[] | null;
  /** `remote_side=` for the many-to-one side of a self reference. */
  remoteSide: string[] | null;
  /** The FK is the one the analysis breaks in a cycle: insert, then UPDATE. */
  postUpdate: boolean;
  secondary: AssociationTable | null;
  /** Self-referential many-to-many: `primaryjoin`/`secondaryjoin` expressions. */
  joins: { primary: string; secondary: string } | null;
}

/** A pure association table, emitted as a `Table(...)` object. */
export interface AssociationTable {
  table: PgTable;
  variable: string;
  left: PgForeignKey;
  right: PgForeignKey;
}

export interface EnumClass {
  type: PgEnumType;
  name: string;
  members: { name: string; value: string }[];
}

export interface ModelPlan {
  pg: PgPlan;
  enums: EnumClass[];
  associations: AssociationTable[];
  classes: ModelClass[];
}

/** Names every generated module may import or define at top level. */
const MODULE_NAMES = [
  'Base', 'Any', 'Optional', 'ARRAY', 'BIT', 'CHAR', 'CIDR', 'DATERANGE', 'INET', 'INT4RANGE',
  'INT8RANGE', 'JSONB', 'MACADDR', 'MONEY', 'NUMRANGE', 'TSRANGE', 'TSTZRANGE', 'TSVECTOR', 'UUID',
  'BigInteger', 'Boolean',
  'CheckConstraint', 'Column', 'Date', 'DateTime', 'DeclarativeBase', 'Enum', 'Float', 'ForeignKey',
  'ForeignKeyConstraint', 'Identity', 'Integer', 'Interval', 'LargeBinary', 'Mapped', 'Numeric',
  'SmallInteger', 'String', 'Table', 'Text', 'Time', 'UniqueConstraint', 'Uuid',
];
const LOWER_MODULE_NAMES = [
  'and_', 'datetime', 'decimal', 'enum', 'uuid', 'func', 'text', 'true', 'false', 'relationship',
  'mapped_column', 'declarative_base', 'configure_mappers',
];
const STDLIB = new Set(['datetime', 'decimal', 'enum', 'uuid', 'typing', '__future__']);

/** Emits models.py for the schema. Deterministic. */
export function emitSqlAlchemyModels(schema: Schema, analysis: Analysis, options: ModelsOptions): string {
  return renderModels(planModels(schema, analysis), options.sqlalchemy ?? '2.0', options.header);
}

// ---------------------------------------------------------------------------------------------
// Plan: names and relationships

/**
 * Decides class, attribute, enum and relationship names. Exported so other Python emitters
 * (factories) refer to exactly what models.py defines.
 */
export function planModels(schema: Schema, analysis: Analysis): ModelPlan {
  const pg = planPostgres(schema, analysis);
  const associationFor = pickAssociations(pg, analysis.associations);
  const lowerNames = new UniqueNames([...LOWER_MODULE_NAMES, ...PYTHON_KEYWORDS, 'base']);
  const associations = [...associationFor.values()].map((a) => {
    const wanted = snakeCase(a.table.bareName) || 'association';
    const variable = lowerNames.take(/^[0-9]/.test(wanted) ? `table_${wanted}` : wanted);
    return { ...a, variable };
  });
  // A class attribute named like an association table would shadow it for `secondary=`.
  const reserved = [...RESERVED_ATTRIBUTES, ...associations.map((a) => a.variable)];
  const moduleNames = new UniqueNames([...MODULE_NAMES, ...PYTHON_KEYWORDS]);
  const classes: ModelClass[] = [];
  for (const t of pg.tables) {
    if (associationFor.has(t.table.name) || t.columns.length === 0) continue;
    classes.push({ name: takeClassName(moduleNames, t), table: t, attributes: attributeNames(t, reserved), relationships: [], mapperKey: mapperKey(t) });
  }
  const enums = enumClasses(pg, moduleNames);
  addRelationships(classes, associations, pg, analysis, reserved);
  return { pg, enums, associations, classes };
}

/**
 * The association tables that become `Table` objects: the analysis found them, both their foreign
 * keys load, both point at other tables that are classes, and nothing references them.
 */
function pickAssociations(pg: PgPlan, found: Association[]): Map<string, Omit<AssociationTable, 'variable'>> {
  const referenced = new Set(pg.foreignKeys.map((f) => f.target.table.name));
  const candidates = new Map<string, Omit<AssociationTable, 'variable'>>();
  for (const a of found) {
    const table = pg.tables.find((t) => t.table.name === a.table);
    const left = pg.plannedForeignKey.get(a.left);
    const right = pg.plannedForeignKey.get(a.right);
    if (!table || !left || !right || referenced.has(a.table)) continue;
    if (left.target === table || right.target === table) continue;
    candidates.set(a.table, { table, left, right });
  }
  // A table linked by an association must itself be a class.
  for (const [name, a] of [...candidates]) {
    if (candidates.has(a.left.target.table.name) || candidates.has(a.right.target.table.name)) candidates.delete(name);
  }
  return candidates;
}

/** A class name for a table, never clashing with another class or a module-level name. */
function takeClassName(names: UniqueNames, t: PgTable): string {
  const base = className(t.bareName);
  if (!names.has(base)) return names.take(base);
  if (t.schema !== null) {
    const qualified = `${pascalCase(t.schema)}${base}`;
    if (!names.has(qualified)) return names.take(qualified);
  }
  return names.take(names.has(`${base}Model`) ? base : `${base}Model`, '');
}

/** Attribute names for a table's columns, unique in the class and never a reserved name. */
function attributeNames(t: PgTable, reserved: string[]): Map<string, string> {
  const names = new UniqueNames(reserved);
  return new Map(t.columns.map((c) => [c.column.name, names.take(attributeName(c.column.name))]));
}

/**
 * For a table without a primary key, the columns the mapper identifies rows by: a unique NOT NULL
 * column set, else the NOT NULL columns, else every column; JSON and array values are left out
 * because identity keys must be hashable.
 */
function mapperKey(t: PgTable): string[] | null {
  if (t.primaryKey !== null) return null;
  const hashable = t.columns.filter((c) => c.type.kind !== 'jsonb' && c.type.kind !== 'array');
  const notNull = hashable.filter((c) => c.notNull).map((c) => c.column.name);
  const unique = t.uniques.find((u) => u.columns.every((c) => notNull.includes(c)));
  if (unique) return [...unique.columns];
  return notNull.length > 0 ? notNull : (hashable.length > 0 ? hashable : t.columns).map((c) => c.column.name);
}

/** One `enum.Enum` class per enum type: the type's own name, or `<Class><Column>` when unnamed. */
function enumClasses(pg: PgPlan, names: UniqueNames): EnumClass[] {
  return pg.enums.map((type) => {
    let wanted = enumClassName(type.sourceName ?? type.name);
    if (type.sourceName === null) {
      const owner = pg.tables.find((t) => t.columns.some((c) => enumOf(c.type) === type));
      const column = owner?.columns.find((c) => enumOf(c.type) === type);
      if (owner && column) wanted = `${className(owner.bareName)}${pascalCase(column.column.name)}`;
    }
    const name = names.has(wanted) ? names.take(`${wanted}Enum`, '') : names.take(wanted);
    const members = new UniqueNames(['MRO']);
    return { type, name, members: type.labels.map((value) => ({ name: members.take(enumMemberName(value)), value })) };
  });
}

/** The enum type of an enum or enum-array column. */
function enumOf(t: PgType): PgEnumType | null {
  if (t.kind === 'enum') return t.type;
  if (t.kind === 'array') return enumOf(t.item);
  return null;
}

/** Strips an `_id`-like suffix from an attribute name (`customer_id` → `customer`), or null. */
function stripId(attr: string): string | null {
  const m = /^(.+?)_(id|uuid|fk|key|ref)$/.exec(attr);
  return m ? m[1] : null;
}

/** The names a class has used so far; relationship names avoid them with `_rel`, then a number. */
function takeRelationshipName(used: UniqueNames, wanted: string): string {
  const base = PYTHON_KEYWORDS.has(wanted) || RESERVED_ATTRIBUTES.has(wanted) ? `${wanted}_` : wanted;
  return used.has(base) ? used.take(`${base}_rel`) : used.take(base);
}

/** Adds many-to-one/one-to-many/one-to-one relationships for each FK, then many-to-many ones. */
function addRelationships(classes: ModelClass[], associations: AssociationTable[], pg: PgPlan, analysis: Analysis, reserved: string[]): void {
  const classOf = new Map(classes.map((c) => [c.table.table.name, c]));
  const used = new Map(classes.map((c) => [c, new UniqueNames([...c.attributes.values(), ...reserved])]));
  const links: { child: ModelClass; parent: ModelClass; fk: PgForeignKey }[] = [];
  for (const child of classes) {
    for (const fk of child.table.table.foreignKeys) {
      const planned = pg.plannedForeignKey.get(fk);
      const parent = planned && classOf.get(fk.refTable);
      if (planned && parent) links.push({ child, parent, fk: planned });
    }
  }
  const pairKey = (a: ModelClass, b: ModelClass) => [a.name, b.name].sort().join('\u0000');
  const pairCount = new Map<string, number>();
  const sameDirection = new Map<string, number>();
  for (const l of links) {
    pairCount.set(pairKey(l.child, l.parent), (pairCount.get(pairKey(l.child, l.parent)) ?? 0) + 1);
    const dir = `${l.child.name}\u0000${l.parent.name}`;
    sameDirection.set(dir, (sameDirection.get(dir) ?? 0) + 1);
  }
  const broken = new Set(
    analysis.cycles.flatMap((c) => c.breakAt.filter((b) => b.strategy === 'nullable').map((b) => `${b.table}\u0000${b.refTable}\u0000${b.columns.join('\u0000')}`)),
  );
  const manyToOne = links.map((l) => {
    const attrs = l.fk.fk.columns.map((c) => l.child.attributes.get(c)!);
    const self = l.child === l.parent;
    const several = (sameDirection.get(`${l.child.name}\u0000${l.parent.name}`) ?? 0) > 1;
    const stripped = attrs.length === 1 ? stripId(attrs[0]) : null;
    const parentSnake = snakeCase(l.parent.name);
    const wanted = stripped ?? (several || self ? `${attrs.join('_')}_${parentSnake}` : parentSnake);
    return { link: l, name: takeRelationshipName(used.get(l.child)!, wanted), self, several };
  });
  const reverses: { name: string; oneToOne: boolean }[] = [];
  for (const m of manyToOne) {
    const { child, parent, fk } = m.link;
    const oneToOne = isKey(child.table, fk.fk.columns);
    const childSnake = snakeCase(child.name);
    const reverse = oneToOne ? childSnake : plural(childSnake);
    let wanted = reverse;
    if (m.self && m.name === 'parent') wanted = oneToOne ? 'child' : 'children';
    else if (m.self && m.name.startsWith('parent_')) wanted = `child_${oneToOne ? m.name.slice(7) : plural(m.name.slice(7))}`;
    else if (m.self || m.several) wanted = `${m.name}_${reverse}`;
    const reverseName = takeRelationshipName(used.get(parent)!, wanted);
    const ambiguous = (pairCount.get(pairKey(child, parent)) ?? 0) > 1;
    const foreignKeys = ambiguous ? fk.fk.columns.map((c) => `${child.name}.${child.attributes.get(c)}`) : null;
    const postUpdate = broken.has(`${child.table.table.name}\u0000${parent.table.table.name}\u0000${fk.fk.columns.join('\u0000')}`);
    const nullable = fk.fk.columns.some((c) => !child.table.columns.find((pc) => pc.column.name === c)!.notNull);
    const common = { fk, foreignKeys, postUpdate, secondary: null, joins: null };
    child.relationships.push({
      ...common,
      name: m.name,
      target: parent.name,
      kind: 'many-to-one',
      backPopulates: reverseName,
      nullable,
      remoteSide: m.self ? fk.fk.refColumns.map((c) => `${parent.name}.${parent.attributes.get(c)}`) : null,
    });
    reverses.push({ name: reverseName, oneToOne });
  }
  manyToOne.forEach((m, i) => {
    const { child, parent, fk } = m.link;
    const mine = child.relationships.find((r) => r.fk === fk && r.kind === 'many-to-one')!;
    parent.relationships.push({
      ...mine,
      name: mine.backPopulates,
      target: child.name,
      kind: reverses[i].oneToOne ? 'one-to-one' : 'one-to-many',
      backPopulates: mine.name,
      nullable: true,
      remoteSide: null,
    });
  });
  addManyToMany(classOf, used, associations);
}

/** Tells whether the columns are the table's primary key or a unique constraint (a one-to-one FK). */
function isKey(t: PgTable, columns: string[]): boolean {
  const key = [...columns].sort().join('\u0000');
  return [t.primaryKey, ...t.uniques].some((k) => k !== null && [...k.columns].sort().join('\u0000') === key);
}

/** Many-to-many relationships through association tables, both sides. */
function addManyToMany(classOf: Map<string, ModelClass>, used: Map<ModelClass, UniqueNames>, associations: AssociationTable[]): void {
  const pairs = new Map<string, number>();
  const pairOf = (a: AssociationTable) => [a.left.target.table.name, a.right.target.table.name].sort().join('\u0000');
  for (const a of associations) pairs.set(pairOf(a), (pairs.get(pairOf(a)) ?? 0) + 1);
  for (const a of associations) {
    const left = classOf.get(a.left.target.table.name)!;
    const right = classOf.get(a.right.target.table.name)!;
    const prefix = (pairs.get(pairOf(a)) ?? 0) > 1 ? `${a.variable}_` : '';
    const common = { kind: 'many-to-many' as const, fk: null, nullable: true, foreignKeys: null, remoteSide: null, postUpdate: false, secondary: a };
    if (left === right) {
      const side = (fk: PgForeignKey) => {
        const col = a.table.columns.find((c) => c.column.name === fk.fk.columns[0])!;
        return stripId(attributeName(col.column.name)) ?? attributeName(col.column.name);
      };
      const forward = takeRelationshipName(used.get(left)!, `${prefix}${side(a.right)}_${plural(snakeCase(left.name))}`);
      const backward = takeRelationshipName(used.get(left)!, `${prefix}${side(a.left)}_${plural(snakeCase(left.name))}`);
      const join = (fk: PgForeignKey) => joinCondition(left, a, fk);
      left.relationships.push(
        { ...common, name: forward, target: left.name, backPopulates: backward, joins: { primary: join(a.left), secondary: join(a.right) } },
        { ...common, name: backward, target: left.name, backPopulates: forward, joins: { primary: join(a.right), secondary: join(a.left) } },
      );
      continue;
    }
    const onLeft = takeRelationshipName(used.get(left)!, `${prefix}${plural(snakeCase(right.name))}`);
    const onRight = takeRelationshipName(used.get(right)!, `${prefix}${plural(snakeCase(left.name))}`);
    left.relationships.push({ ...common, name: onLeft, target: right.name, backPopulates: onRight, joins: null });
    right.relationships.push({ ...common, name: onRight, target: left.name, backPopulates: onLeft, joins: null });
  }
}

/** `Class.attr == table.c["col"]` for each column of an association FK (`and_` when several). */
function joinCondition(target: ModelClass, a: AssociationTable, fk: PgForeignKey): string {
  const parts = fk.fk.columns.map(
    (c, i) => `${target.name}.${target.attributes.get(fk.fk.refColumns[i])} == ${a.variable}.c[${pyString(c)}]`,
  );
  return parts.length === 1 ? parts[0] : `and_(${parts.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** What rendering needs besides the plan: the style and the imports gathered so far. */
interface Out {
  version: SqlAlchemyVersion;
  imports: Imports;
}

function renderModels(plan: ModelPlan, version: SqlAlchemyVersion, header: string): string {
  const out: Out = { version, imports: new Imports() };
  const blocks: string[] = [];
  if (plan.enums.length > 0) blocks.push(enumValuesHelper(out), ...plan.enums.map((e) => enumClass(out, e)));
  blocks.push(baseClass(out));
  blocks.push(...plan.associations.map((a) => associationTable(out, plan, a)));
  blocks.push(...plan.classes.map((c) => modelClass(out, plan, c)));
  const doc = docstring([
    header,
    version === '2.0'
      ? 'Declarative models in SQLAlchemy 2.0 style (Mapped, mapped_column): requires SQLAlchemy 2.0 or later.'
      : 'Declarative models in classic style (declarative_base, Column): works with SQLAlchemy 1.4 and 2.0.',
    'One class per table; pure association tables are Table objects used as secondary=. Types, ' +
      'server defaults, identity columns and CHECK constraints are written for PostgreSQL, as in ' +
      'the generated DDL; what PostgreSQL would refuse is left out with a comment.',
    ...plan.pg.notes.map((n) => `Note: ${n}.`),
  ]);
  const head = [doc, out.imports.render(STDLIB)].join('\n\n');
  // isort wants two blank lines after the imports before a class or def, one before a statement.
  const gap = /^(class|def) /.test(blocks[0]) ? '\n\n\n' : '\n\n';
  return `${head}${gap}${blocks.join('\n\n\n')}\n`;
}

/** `from sqlalchemy import name` (or another module) and the name to use. */
function use(out: Out, name: string, module = 'sqlalchemy'): string {
  out.imports.from(module, name);
  return name;
}

function enumValuesHelper(out: Out): string {
  out.imports.module('enum');
  return [
    'def _enum_values(enum_class: type[enum.Enum]) -> list[str]:',
    '    """Makes SQLAlchemy store each member\'s value (the database label) rather than its name."""',
    '    return [member.value for member in enum_class]',
  ].join('\n');
}

function enumClass(out: Out, e: EnumClass): string {
  out.imports.module('enum');
  const body = e.members.length === 0 ? ['    pass'] : e.members.flatMap((m) => layout(`${m.name} = `, str(m.value), '', 1));
  return [`class ${e.name}(enum.Enum):`, ...body].join('\n');
}

function baseClass(out: Out): string {
  if (out.version === '1.4') return `Base = ${use(out, 'declarative_base', 'sqlalchemy.orm')}()`;
  return [`class Base(${use(out, 'DeclarativeBase', 'sqlalchemy.orm')}):`, '    pass'].join('\n');
}

/** A pure association table: `name = Table("name", Base.metadata, Column(...), ...)`. */
function associationTable(out: Out, plan: ModelPlan, a: AssociationTable): string {
  const t = a.table;
  const singleFks = singleColumnFks(plan, t);
  const columns = t.columns.map((c) => {
    const parts = columnParts(out, plan, t, c, singleFks.get(c.column.name) ?? [], true);
    return call(use(out, 'Column'), str(c.column.name), ...parts);
  });
  const args = [str(t.bareName), atom('Base.metadata'), ...columns, ...tableConstraints(out, plan, t)];
  if (t.schema !== null) args.push(kw('schema', str(t.schema)));
  const notes = [...t.columns.flatMap((c) => c.notes.map((n) => `${c.column.name}: ${n}`)), ...t.notes, ...skippedFkNotes(plan, t)];
  return [...notes.flatMap((n) => comment(n, 0)), ...layout(`${a.variable} = `, call(use(out, 'Table'), ...args), '', 0)].join('\n');
}

/** A mapped class. */
function modelClass(out: Out, plan: ModelPlan, c: ModelClass): string {
  const t = c.table;
  const lines = [`class ${c.name}(Base):`, ...layout('__tablename__ = ', str(t.bareName), '', 1)];
  const args = tableConstraints(out, plan, t);
  if (args.length > 0 || t.schema !== null) {
    const schemaArg = t.schema === null ? [] : [dict([['schema', str(t.schema)]])];
    const value = args.length === 0 ? schemaArg[0] : tuple([...args, ...schemaArg]);
    lines.push(...layout('__table_args__ = ', value, '', 1));
  }
  const body: string[] = [];
  for (const n of [...t.notes, ...skippedFkNotes(plan, t)]) body.push(...comment(n, 1));
  const singleFks = singleColumnFks(plan, t);
  for (const col of t.columns) body.push(...columnAttribute(out, plan, c, col, singleFks.get(col.column.name) ?? []));
  for (const r of c.relationships) body.push(...relationshipAttribute(out, r));
  if (c.mapperKey !== null && c.mapperKey.length > 0) {
    body.push(...comment(`The table has no primary key: the mapper identifies rows by ${c.mapperKey.join(', ')}.`, 1));
    const key = list(c.mapperKey.map((k) => atom(c.attributes.get(k)!)));
    body.push(...layout('__mapper_args__ = ', dict([['primary_key', key]]), '', 1));
  }
  if (body.length > 0) lines.push('', ...body);
  return lines.join('\n');
}

/** Comments for the table's foreign keys the plan left out. */
function skippedFkNotes(plan: ModelPlan, t: PgTable): string[] {
  return plan.pg.skippedForeignKeys
    .filter((s) => s.table === t)
    .map((s) => `Foreign key (${s.fk.columns.join(', ')}) -> ${s.fk.refTable} (${s.fk.refColumns.join(', ')}) left out: ${s.reason}.`);
}

/** Single-column foreign keys by column, in the table's FK order. */
function singleColumnFks(plan: ModelPlan, t: PgTable): Map<string, PgForeignKey[]> {
  const map = new Map<string, PgForeignKey[]>();
  for (const fk of t.table.foreignKeys) {
    const planned = plan.pg.plannedForeignKey.get(fk);
    if (!planned || fk.columns.length !== 1) continue;
    map.set(fk.columns[0], [...(map.get(fk.columns[0]) ?? []), planned]);
  }
  return map;
}

/** `__table_args__` / `Table(...)` constraints: composite or named uniques, checks, composite FKs. */
function tableConstraints(out: Out, plan: ModelPlan, t: PgTable): Py[] {
  const args: Py[] = [];
  const named = (name: string | null) => (name === null ? [] : [kw('name', str(name))]);
  for (const u of t.uniques) {
    if (u.name === null && u.columns.length === 1) continue;
    args.push(call(use(out, 'UniqueConstraint'), ...u.columns.map(str), ...named(u.name)));
  }
  for (const ch of t.checks) args.push(call(use(out, 'CheckConstraint'), str(escapeColons(ch.sql)), ...named(ch.name)));
  for (const fk of t.table.foreignKeys) {
    const planned = plan.pg.plannedForeignKey.get(fk);
    if (!planned || fk.columns.length === 1) continue;
    args.push(
      call(
        use(out, 'ForeignKeyConstraint'),
        list(fk.columns.map(str)),
        list(fk.refColumns.map((c) => str(targetRef(planned.target, c)))),
        ...foreignKeyOptions(plan, planned),
      ),
    );
  }
  return args;
}

/** `schema.table.column` as SQLAlchemy's ForeignKey wants it. */
function targetRef(target: PgTable, column: string): string {
  return `${target.schema === null ? '' : `${target.schema}.`}${target.bareName}.${column}`;
}

/** Keyword arguments of ForeignKey / ForeignKeyConstraint. */
function foreignKeyOptions(plan: ModelPlan, f: PgForeignKey): Py[] {
  const options: Py[] = [];
  const alter = brokenInCycle(plan, f);
  // drop_all cannot drop an unnamed use_alter constraint: name it as PostgreSQL would.
  const name = f.name ?? (alter ? `${f.table.bareName}_${f.fk.columns.join('_')}_fkey` : null);
  if (name !== null) options.push(kw('name', str(name)));
  if (f.onDelete !== null) options.push(kw('ondelete', str(f.onDelete)));
  if (f.onUpdate !== null) options.push(kw('onupdate', str(f.onUpdate)));
  if (f.fk.deferrable) options.push(kw('deferrable', 'True'));
  if (f.fk.deferrable && f.fk.initiallyDeferred) options.push(kw('initially', str('DEFERRED')));
  if (alter) options.push(kw('use_alter', 'True'));
  return options;
}

/** The analysis breaks this FK to order a cycle. */
function brokenInCycle(plan: ModelPlan, f: PgForeignKey): boolean {
  return plan.pg.analysis.cycles.some((c) =>
    c.breakAt.some((b) => b.table === f.table.table.name && b.refTable === f.fk.refTable && b.columns.join('\u0000') === f.fk.columns.join('\u0000')),
  );
}

/** A column attribute: `name: Mapped[T] = mapped_column(...)` or `name = Column(...)`. */
function columnAttribute(out: Out, plan: ModelPlan, c: ModelClass, col: PgColumn, fks: PgForeignKey[]): string[] {
  const attr = c.attributes.get(col.column.name)!;
  const lines = col.notes.flatMap((n) => comment(n, 1));
  const parts = columnParts(out, plan, c.table, col, fks, out.version === '1.4');
  const named = attr === col.column.name ? [] : [str(col.column.name)];
  if (out.version === '1.4') return [...lines, ...layout(`${attr} = `, call(use(out, 'Column'), ...named, ...parts), '', 1)];
  const optional = !col.notNull && !isPrimaryKey(c.table, col);
  const type = pythonType(out, plan, col.type);
  const annotation = `${use(out, 'Mapped', 'sqlalchemy.orm')}[${optional ? `${use(out, 'Optional', 'typing')}[${type}]` : type}]`;
  return [...lines, ...layout(`${attr}: ${annotation} = `, call(use(out, 'mapped_column', 'sqlalchemy.orm'), ...named, ...parts), '', 1)];
}

function isPrimaryKey(t: PgTable, col: PgColumn): boolean {
  return t.primaryKey?.columns.includes(col.column.name) ?? false;
}

/**
 * The arguments of `mapped_column`/`Column` after the name: type, foreign keys, identity, then
 * `primary_key`, `nullable` (classic style only: 2.0 reads it from the annotation), `unique`,
 * `server_default`.
 */
function columnParts(out: Out, plan: ModelPlan, t: PgTable, col: PgColumn, fks: PgForeignKey[], explicitNullable: boolean): Py[] {
  const parts: Py[] = [typeExpression(out, plan, col)];
  for (const f of fks) parts.push(call(use(out, 'ForeignKey'), str(targetRef(f.target, f.fk.refColumns[0])), ...foreignKeyOptions(plan, f)));
  if (col.identity) parts.push(call(use(out, 'Identity')));
  const pk = isPrimaryKey(t, col);
  if (pk) parts.push(kw('primary_key', 'True'));
  if (explicitNullable && col.notNull && !pk) parts.push(kw('nullable', 'False'));
  if (t.uniques.some((u) => u.name === null && u.columns.length === 1 && u.columns[0] === col.column.name)) parts.push(kw('unique', 'True'));
  if (col.default !== null) parts.push(kw('server_default', serverDefault(out, col.default)));
  return parts;
}

/** A server default, dialect-neutral where SQLAlchemy has a construct for it. */
function serverDefault(out: Out, d: PgDefault): Py {
  switch (d.kind) {
    case 'literal':
      if (typeof d.value === 'boolean') return call(use(out, d.value ? 'true' : 'false'));
      if (typeof d.value === 'number') return call(use(out, 'text'), str(d.sql));
      return str(d.value);
    case 'current_timestamp':
    case 'current_date':
    case 'current_time':
    case 'localtime':
      return call(`${use(out, 'func')}.${d.kind}`);
    case 'uuid':
    case 'expression':
      return call(use(out, 'text'), str(escapeColons(d.sql)));
  }
}

/** `text()` reads `:name` as a bind parameter; a backslash keeps such a colon literal. */
function escapeColons(sql: string): string {
  return sql.replace(/(?<![:\w\\]):(?=\w)/g, '\\:');
}

/** The SQLAlchemy type of a column. */
function typeExpression(out: Out, plan: ModelPlan, col: PgColumn): Py {
  return saType(out, plan, col.type);
}

/** A type as SQLAlchemy writes it; JSON is always JSONB, like the DDL. */
function saType(out: Out, plan: ModelPlan, t: PgType): Py {
  const sized = (name: string, ...args: (number | null)[]) => {
    const given = args.filter((a): a is number => a !== null);
    return given.length === 0 ? atom(use(out, name)) : call(use(out, name), ...given.map((a) => atom(String(a))));
  };
  switch (t.kind) {
    case 'smallint':
      return atom(use(out, 'SmallInteger'));
    case 'integer':
      return atom(use(out, 'Integer'));
    case 'bigint':
      return atom(use(out, 'BigInteger'));
    case 'varchar':
      return sized('String', t.length);
    case 'char':
      return sized('CHAR', t.length);
    case 'text':
    case 'fallback':
      return atom(use(out, 'Text'));
    case 'builtin':
      return builtinType(out, t.name);
    case 'boolean':
      return atom(use(out, 'Boolean'));
    case 'numeric':
      return sized('Numeric', t.precision, t.precision === null ? null : t.scale);
    case 'double':
      return atom(use(out, 'Float'));
    case 'date':
      return atom(use(out, 'Date'));
    case 'timestamp':
      return t.timezone ? call(use(out, 'DateTime'), kw('timezone', 'True')) : atom(use(out, 'DateTime'));
    case 'time':
      return t.timezone ? call(use(out, 'Time'), kw('timezone', 'True')) : atom(use(out, 'Time'));
    case 'interval':
      return atom(use(out, 'Interval'));
    case 'uuid':
      return out.version === '2.0' ? atom(use(out, 'Uuid')) : call(use(out, 'UUID', 'sqlalchemy.dialects.postgresql'), kw('as_uuid', 'True'));
    case 'jsonb':
      return atom(use(out, 'JSONB', 'sqlalchemy.dialects.postgresql'));
    case 'bytea':
      return atom(use(out, 'LargeBinary'));
    case 'array':
      return call(use(out, 'ARRAY'), saType(out, plan, t.item));
    case 'enum': {
      const e = plan.enums.find((x) => x.type === t.type)!;
      const args: Py[] = [atom(e.name), kw('name', str(t.type.name))];
      if (t.type.schema !== null) args.push(kw('schema', str(t.type.schema)));
      args.push(kw('values_callable', '_enum_values'));
      return call(use(out, 'Enum'), ...args);
    }
  }
}

/** A PostgreSQL built-in type kept from the source (see BUILTIN_TYPES) from SQLAlchemy's PostgreSQL dialect. */
function builtinType(out: Out, name: string): Py {
  const pg = (n: string) => use(out, n, 'sqlalchemy.dialects.postgresql');
  const bits = /^(bit|bit varying|varbit) ?(?:\((\d+)\))?$/.exec(name);
  if (bits) {
    const args: Py[] = bits[2] === undefined ? [] : [atom(bits[2])];
    if (bits[1] !== 'bit') args.push(kw('varying', 'True'));
    return args.length === 0 ? atom(pg('BIT')) : call(pg('BIT'), ...args);
  }
  return atom(pg(name.toUpperCase()));
}

/** The Python type inside `Mapped[...]`. */
function pythonType(out: Out, plan: ModelPlan, t: PgType): string {
  const mod = (m: string, name: string) => {
    out.imports.module(m);
    return `${m}.${name}`;
  };
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'int';
    case 'varchar':
    case 'char':
    case 'text':
    case 'fallback':
      return 'str';
    case 'builtin':
      return /range$/.test(t.name) ? use(out, 'Any', 'typing') : 'str';
    case 'boolean':
      return 'bool';
    case 'numeric':
      return mod('decimal', 'Decimal');
    case 'double':
      return 'float';
    case 'date':
      return mod('datetime', 'date');
    case 'timestamp':
      return mod('datetime', 'datetime');
    case 'time':
      return mod('datetime', 'time');
    case 'interval':
      return mod('datetime', 'timedelta');
    case 'uuid':
      return mod('uuid', 'UUID');
    case 'jsonb':
      return use(out, 'Any', 'typing');
    case 'bytea':
      return 'bytes';
    case 'array':
      return `list[${pythonType(out, plan, t.item)}]`;
    case 'enum':
      return plan.enums.find((x) => x.type === t.type)!.name;
  }
}

/** A relationship attribute. */
function relationshipAttribute(out: Out, r: ModelRelationship): string[] {
  const args: Py[] = [];
  if (out.version === '1.4') args.push(str(r.target));
  if (r.secondary !== null) args.push(kw('secondary', r.secondary.variable));
  args.push(kw('back_populates', str(r.backPopulates)));
  const refs = (names: string[]) => str(names.length === 1 ? names[0] : `[${names.join(', ')}]`);
  if (r.foreignKeys !== null) args.push(kw('foreign_keys', refs(r.foreignKeys)));
  if (r.remoteSide !== null) args.push(kw('remote_side', refs(r.remoteSide)));
  if (r.joins !== null) {
    if (r.joins.primary.startsWith('and_(') || r.joins.secondary.startsWith('and_(')) use(out, 'and_');
    args.push(kw('primaryjoin', `lambda: ${r.joins.primary}`), kw('secondaryjoin', `lambda: ${r.joins.secondary}`));
  }
  if (r.postUpdate) args.push(kw('post_update', 'True'));
  if (out.version === '1.4' && r.kind === 'one-to-one') args.push(kw('uselist', 'False'));
  const rel = call(use(out, 'relationship', 'sqlalchemy.orm'), ...args);
  if (out.version === '1.4') return layout(`${r.name} = `, rel, '', 1);
  const target = `"${r.target}"`;
  const annotation =
    r.kind === 'one-to-many' || r.kind === 'many-to-many'
      ? `list[${target}]`
      : r.kind === 'one-to-one' || r.nullable
        ? `${use(out, 'Optional', 'typing')}[${target}]`
        : target;
  return layout(`${r.name}: ${use(out, 'Mapped', 'sqlalchemy.orm')}[${annotation}] = `, rel, '', 1);
}
