// The SQLAlchemy schema items that migrations pass to `op.*` calls — `sa.Column(...)`, types,
// `sa.PrimaryKeyConstraint`, `sa.ForeignKeyConstraint`, `sa.UniqueConstraint`, `sa.CheckConstraint`,
// `sa.Index`, server defaults — turned into catalog specs. Columns are read by the Python
// reader's own column builder, so a column means the same thing in a model and in a migration;
// only what differs in a migration is handled here (client-side defaults do not reach the
// database, an enum type is created with its table, names may be wrapped in `op.f(...)`).

import type { Column, ColumnDefault, Severity, SourceLocation, SqlDialect } from '../../ir';
import type { ColumnSpec, ConstraintSpec, ObjectRef, TypeSpec } from '../../catalog';
import { locationAt } from '../../source';
import { callName, isFalse, isTrue, kwarg, lastName, literal, stringValue, type Expr } from '../python/expr';
import type { Registry } from '../python/registry';
import { addColumnCall, buildColumn, newBag, type CallExpr } from '../python/columns';
import { saType, type EnumUse, type TypeInfo } from '../python/types';
import type { RevisionFile } from './revisions';

/** What reading an item needs to know about the revision it is in. */
export interface ItemContext {
  rev: RevisionFile;
  reg: Registry;
  dialect: SqlDialect;
  /** Follows a name bound earlier in the function (or the module) to its expression. */
  resolve(x: Expr): Expr;
  report(offset: number, severity: Severity, message: string, code: string): void;
}

/** A native database enum type a column needs: created with the table unless `create_type=False`. */
export interface EnumNeed {
  type: ObjectRef;
  values: string[];
  /** The table operation creates the type when it does not exist yet (SQLAlchemy's table events). */
  createsType: boolean;
  offset: number;
}

/** A column read from `sa.Column(...)`, with what it adds to its table. */
export interface ColumnItem {
  spec: ColumnSpec;
  constraints: ConstraintSpec[];
  /** `index=True`: an index SQLAlchemy names `ix_<table>_<column>` (unique with `unique=True`). */
  index: { unique: boolean } | null;
  primaryKey: boolean;
  autoincrementKw: boolean | null;
  enumNeed: EnumNeed | null;
}

/** Keywords of `sa.Column` that only the ORM uses: they never reach the database. */
const CLIENT_DEFAULTS = ['default', 'insert_default', 'default_factory', 'onupdate'];

export function location(ctx: ItemContext, offset: number): SourceLocation {
  return locationAt(ctx.rev.outline.file, offset);
}

/** Reads `sa.Column("name", type, *items, **kw)`; null (reported) when it has no name. */
export function columnItem(ctx: ItemContext, call: CallExpr): ColumnItem | null {
  const file = ctx.rev.outline;
  const bag = newBag(null, file, call.s, { nullability: 'column' });
  addColumnCall(bag, call, file, ctx.reg);
  if (bag.name === null && stringValue(bag.kw.get('name')?.x) === undefined) {
    ctx.report(call.s, 'warning', 'a Column in a migration needs its name as the first argument; it was ignored', 'alembic/not-static');
    return null;
  }
  for (const key of CLIENT_DEFAULTS) bag.kw.delete(key);
  const server = bag.kw.get('server_default');
  bag.kw.delete('server_default');
  if (bag.type) bag.type = { x: ctx.resolve(bag.type.x), file: bag.type.file };
  const draft = buildColumn(bag, ctx.reg, null);
  const c = draft.column;
  const enumNeed = bag.type ? enumNeedOf(ctx, bag.type.x, draft.enumUse) : null;
  const spec: ColumnSpec = {
    name: c.name,
    type: typeSpecOf(c, enumNeed),
    notNull: !c.nullable,
    default: server ? serverDefault(ctx, server.x) : null,
    autoincrement: c.autoincrement,
    computed: c.computed,
    comment: c.comment,
    location: c.location,
  };
  const constraints: ConstraintSpec[] = [];
  if (draft.unique && !draft.index) constraints.push({ kind: 'unique', name: null, columns: [c.name], location: c.location });
  for (const fk of draft.fks) {
    const ref = fk.refs[0];
    if (ref?.kind !== 'table') continue;
    constraints.push({
      kind: 'foreignKey',
      name: fk.name,
      columns: [c.name],
      refTable: objectRef(ref.table),
      refColumns: [ref.column],
      onDelete: upper(fk.onDelete),
      onUpdate: upper(fk.onUpdate),
      deferrable: fk.deferrable,
      initiallyDeferred: fk.initiallyDeferred,
      logical: false,
      location: fk.location,
    });
  }
  for (const check of draft.checks) constraints.push({ kind: 'check', name: check.name, expression: check.expression, location: check.location });
  return {
    spec,
    constraints,
    index: draft.index ? { unique: draft.unique } : null,
    primaryKey: c.primaryKey,
    autoincrementKw: draft.autoincrementKw,
    enumNeed,
  };
}

/** A type expression (`sa.String(50)`, `postgresql.ENUM(...)`, a variable holding one) as a TypeSpec. */
export function typeItem(ctx: ItemContext, x: Expr): { spec: TypeSpec; enumNeed: EnumNeed | null } {
  const resolved = ctx.resolve(x);
  const info: TypeInfo = saType(resolved, ctx.rev.outline, ctx.reg);
  const enumNeed = enumNeedOf(ctx, resolved, info.enum);
  const column = {
    type: info.type,
    rawType: info.rawType,
    maxLength: info.maxLength,
    precision: info.precision,
    scale: info.scale,
    itemType: info.itemType,
    timezone: info.timezone,
    enumValues: info.enum?.labels ?? null,
  };
  return { spec: typeSpecOf(column, enumNeed), enumNeed };
}

/** The TypeSpec of a column read by the Python reader; a native enum names its database type. */
function typeSpecOf(
  c: Pick<Column, 'type' | 'rawType' | 'maxLength' | 'precision' | 'scale' | 'itemType' | 'timezone' | 'enumValues'>,
  enumNeed: EnumNeed | null,
): TypeSpec {
  return {
    type: c.type,
    rawType: c.rawType,
    maxLength: c.maxLength,
    precision: c.precision,
    scale: c.scale,
    itemType: c.itemType,
    timezone: c.timezone,
    enumValues: c.enumValues,
    named: enumNeed ? enumNeed.type : null,
    serial: false,
  };
}

/**
 * The database enum type behind an `Enum(...)`/`ENUM(...)` type, on PostgreSQL only (elsewhere an
 * enum is a column type or a VARCHAR): `native_enum=False` makes a VARCHAR; `postgresql.ENUM(...,
 * create_type=False)` uses a type created elsewhere.
 */
function enumNeedOf(ctx: ItemContext, x: Expr, use: EnumUse | null): EnumNeed | null {
  if (ctx.dialect !== 'postgresql' || use === null || use.name === null) return null;
  const call = enumCall(x);
  if (call && isFalse(kwarg(call, 'native_enum'))) return null;
  const schema = call ? (stringValue(kwarg(call, 'schema')) ?? null) : null;
  const createsType = !(call && lastName(call.fn) === 'ENUM' && isFalse(kwarg(call, 'create_type')));
  return { type: { schema, name: use.name }, values: use.labels ?? [], createsType, offset: call?.s ?? x.s };
}

/** The `Enum(...)`/`ENUM(...)` call of a type expression (inside `ARRAY(...)` too), if any. */
export function enumCall(x: Expr): CallExpr | null {
  if (x.k !== 'call') return null;
  const n = lastName(x.fn);
  if (n === 'Enum' || n === 'ENUM') return x;
  if (n === 'ARRAY' && x.args[0]) return enumCall(x.args[0]);
  return null;
}

/**
 * A server default: `"draft"` (a literal string), `sa.text("0")`, `sa.text("now()")`,
 * `sa.func.now()`, `sa.true()`. Literals stay literals, so they read like `DEFAULT 'draft'` in SQL.
 */
export function serverDefault(ctx: ItemContext, x: Expr): ColumnDefault | null {
  const v = ctx.resolve(x);
  if (v.k === 'const' && v.v === null) return null;
  const s = stringValue(v);
  if (s !== undefined) return { kind: 'literal', value: s };
  if (v.k === 'call') {
    const n = lastName(v.fn) ?? '';
    const sql = stringValue(v.args[0]);
    if ((n === 'text' || n === 'literal_column') && sql !== undefined) return sqlDefault(sql);
    if (n === 'true' || n === 'false') return { kind: 'literal', value: n === 'true' };
    if (/(^|\.)func\.\w+$/.test(rawOf(ctx, v.fn))) return { kind: 'sql', expression: rawOf(ctx, v).replace(/^.*?func\./, '') };
  }
  const lit = literal(v);
  if (lit !== undefined && lit !== null) return { kind: 'literal', value: lit };
  return { kind: 'sql', expression: rawOf(ctx, v) };
}

/** SQL default text: a quoted string, number or boolean is a literal; anything else an expression. */
function sqlDefault(sql: string): ColumnDefault {
  const t = sql.trim();
  const quoted = /^'((?:[^']|'')*)'(?:::[\w ]+)?$/.exec(t);
  if (quoted) return { kind: 'literal', value: quoted[1].replace(/''/g, "'") };
  if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return { kind: 'literal', value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { kind: 'literal', value: t.toLowerCase() === 'true' };
  return { kind: 'sql', expression: t };
}

/** Reads a table-level item of `op.create_table`; null (reported) for anything it does not know. */
export function tableItem(ctx: ItemContext, x: Expr): { constraint: ConstraintSpec } | { index: { name: string | null; columns: string[]; expressions: boolean[]; unique: boolean } } | null {
  const call = x.k === 'call' ? x : null;
  const n = callName(call);
  const at = location(ctx, x.s);
  const name = call ? nameOf(ctx, kwarg(call, 'name')) : null;
  switch (n) {
    case 'PrimaryKeyConstraint':
      return { constraint: { kind: 'primaryKey', name, columns: columnNames(ctx, call!.args), location: at } };
    case 'UniqueConstraint':
      return { constraint: { kind: 'unique', name, columns: columnNames(ctx, call!.args), location: at } };
    case 'CheckConstraint': {
      const expression = sqlTextOf(ctx, call!.args[0] ?? kwarg(call!, 'sqltext'));
      return expression === null ? null : { constraint: { kind: 'check', name, expression, location: at } };
    }
    case 'ForeignKeyConstraint':
      return foreignKeyItem(ctx, call!, at, name);
    case 'Index': {
      const columns = indexColumns(ctx, call!.args.slice(1));
      return { index: { name: nameOf(ctx, call!.args[0]), ...columns, unique: isTrue(kwarg(call!, 'unique')) } };
    }
    default:
      ctx.report(x.s, 'info', `${rawOf(ctx, x).slice(0, 60)} is not a column or constraint the migration reader knows; it is not replayed`, 'alembic/unsupported');
      return null;
  }
}

/** `sa.ForeignKeyConstraint(["a"], ["table.b"], ...)`. */
function foreignKeyItem(ctx: ItemContext, call: CallExpr, at: SourceLocation, name: string | null): { constraint: ConstraintSpec } | null {
  const columns = stringList(ctx, call.args[0] ?? kwarg(call, 'columns'));
  const targets = stringList(ctx, call.args[1] ?? kwarg(call, 'refcolumns'));
  if (columns === null || targets === null || targets.length === 0) {
    ctx.report(call.s, 'warning', 'ForeignKeyConstraint needs its columns and targets as lists of strings ("table.column") to be read; it was ignored', 'alembic/not-static');
    return null;
  }
  const refs = targets.map((t) => {
    const dot = t.lastIndexOf('.');
    return { table: t.slice(0, Math.max(0, dot)), column: t.slice(dot + 1) };
  });
  return { constraint: foreignKeySpec(ctx, call, name, columns, objectRef(refs[0].table), refs.map((r) => r.column), at) };
}

/** A foreign key spec with the options of a `ForeignKeyConstraint`/`create_foreign_key` call. */
export function foreignKeySpec(ctx: ItemContext, call: CallExpr, name: string | null, columns: string[], refTable: ObjectRef, refColumns: string[], at: SourceLocation): ConstraintSpec {
  const option = (key: string) => upper(stringValue(kwarg(call, key) && ctx.resolve(kwarg(call, key)!)) ?? null);
  return {
    kind: 'foreignKey',
    name,
    columns,
    refTable,
    refColumns,
    onDelete: option('ondelete'),
    onUpdate: option('onupdate'),
    deferrable: isTrue(kwarg(call, 'deferrable')),
    initiallyDeferred: option('initially') === 'DEFERRED',
    logical: false,
    location: at,
  };
}

/** A constraint or index name: a string, `op.f("...")`, `conv("...")`, a variable, or None. */
export function nameOf(ctx: ItemContext, x: Expr | undefined): string | null {
  if (!x) return null;
  const v = ctx.resolve(x);
  const s = stringValue(v);
  if (s !== undefined) return s;
  if (v.k === 'call' && (lastName(v.fn) === 'f' || lastName(v.fn) === 'conv') && v.args[0]) return nameOf(ctx, v.args[0]);
  if (!(v.k === 'const' && v.v === null)) {
    ctx.report(v.s, 'warning', `the name ${rawOf(ctx, v).slice(0, 60)} cannot be read statically; the object is treated as unnamed`, 'alembic/not-static');
  }
  return null;
}

/** A list of string literals (`["a", "b"]`, `("a",)`, a single `"a"`), or null when it is not one. */
export function stringList(ctx: ItemContext, x: Expr | undefined): string[] | null {
  if (!x) return null;
  const v = ctx.resolve(x);
  const items = v.k === 'list' || v.k === 'tuple' ? v.items : [v];
  const out: string[] = [];
  for (const i of items) {
    const s = stringValue(ctx.resolve(i));
    if (s === undefined) return null;
    out.push(s);
  }
  return out;
}

/** Column names of a constraint: strings, or column expressions whose last name is the column. */
function columnNames(ctx: ItemContext, args: Expr[]): string[] {
  return args.map((a) => stringValue(ctx.resolve(a)) ?? lastName(a) ?? rawOf(ctx, a));
}

/** Index elements: column names, or `sa.text("lower(email)")` expressions. */
export function indexColumns(ctx: ItemContext, args: Expr[]): { columns: string[]; expressions: boolean[] } {
  const columns: string[] = [];
  const expressions: boolean[] = [];
  const items = args.length === 1 && (args[0].k === 'list' || args[0].k === 'tuple') ? args[0].items : args;
  for (const a of items) {
    const v = ctx.resolve(a);
    const s = stringValue(v);
    if (s !== undefined) {
      columns.push(s);
      expressions.push(false);
    } else if (v.k === 'call' && (lastName(v.fn) === 'text' || lastName(v.fn) === 'literal_column') && stringValue(v.args[0]) !== undefined) {
      columns.push(stringValue(v.args[0])!);
      expressions.push(true);
    } else {
      columns.push(rawOf(ctx, v));
      expressions.push(true);
    }
  }
  return { columns, expressions };
}

/** SQL given as a string, `sa.text("...")`, or (kept as written) an expression. */
export function sqlTextOf(ctx: ItemContext, x: Expr | undefined): string | null {
  if (!x) return null;
  const v = ctx.resolve(x);
  const s = stringValue(v);
  if (s !== undefined) return s;
  if (v.k === 'call' && lastName(v.fn) === 'text' && stringValue(v.args[0]) !== undefined) return stringValue(v.args[0])!;
  return rawOf(ctx, v);
}

/** `"table"` or `"schema.table"` as a reference. */
export function objectRef(name: string): ObjectRef {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? { schema: null, name } : { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}

function upper(s: string | null): string | null {
  return s === null ? null : s.toUpperCase();
}

/** The source text of an expression. */
export function rawOf(ctx: ItemContext, x: Expr): string {
  return ctx.rev.outline.text.slice(x.s, x.e);
}
