// One column, from any of the ways Python model files declare it: `Column(...)`,
// `mapped_column(...)` (with or without a `Mapped[...]` annotation, incl. `Annotated` aliases), a
// bare `Mapped[...]` annotation, and SQLModel's `Field(...)`/`sa_column=`. Each form is first
// gathered into a `ColumnBag` (name, type, schema items, keywords, annotation), then one builder
// applies SQLAlchemy's rules to the bag.

import type { CheckConstraint, Column, ColumnDefault, SourceLocation } from '../../ir';
import { locationAt } from '../../source';
import { callName, dotted, isFalse, isTrue, kwarg, lastName, literal, stringValue, type Expr, type Keyword } from './expr';
import type { PyFile } from './outline';
import type { BaseInfo, Registry } from './registry';
import { annotationType, emptyType, saType, type AnnotationInfo, type EnumUse, type TypeInfo } from './types';

/** An expression together with the file its offsets refer to. */
export interface Arg {
  x: Expr;
  file: PyFile;
}

export type CallExpr = Extract<Expr, { k: 'call' }>;

/** Everything said about one column, gathered from its declaration before any rule is applied. */
export interface ColumnBag {
  attr: string | null;
  name: string | null;
  type: Arg | null;
  /** `ForeignKey`, `CheckConstraint`, `Identity`, `Sequence`, `Computed`, `FetchedValue`... */
  items: Arg[];
  kw: Keywords;
  annotation: AnnotationInfo | null;
  /** `column`: nullable unless primary key (Column, un-annotated mapped_column); `annotation`: Optional decides. */
  nullability: 'column' | 'annotation';
  sqlmodel: boolean;
  file: PyFile;
  start: number;
}

/** A column-to-column reference in a foreign key, resolved once every table is known. */
export type ColumnRef =
  | { kind: 'table'; table: string; column: string }
  | { kind: 'model'; model: string; attr: string }
  | { kind: 'tablevar'; variable: string; column: string };

/** A foreign key whose target is not resolved yet. */
export interface FkDraft {
  columns: string[];
  refs: ColumnRef[];
  name: string | null;
  onDelete: string | null;
  onUpdate: string | null;
  deferrable: boolean;
  initiallyDeferred: boolean;
  useAlter: boolean;
  location: SourceLocation;
}

/** A built column plus what it adds to its table. */
export interface ColumnDraft {
  column: Column;
  fks: FkDraft[];
  checks: CheckConstraint[];
  unique: boolean;
  index: boolean;
  /** `autoincrement=` as given: true, false, or null (not given / "auto"). */
  autoincrementKw: boolean | null;
  /** No type was written: SQLAlchemy copies it from the referenced column. */
  typeFromFk: boolean;
  enumUse: EnumUse | null;
  /** Where the column is declared (a mixin's column points into the mixin's file). */
  file: PyFile;
  start: number;
}

const SCHEMA_ITEMS = new Set(['ForeignKey', 'Sequence', 'Identity', 'Computed', 'CheckConstraint', 'FetchedValue', 'DefaultClause']);
const DEFAULT_KEYS = ['default', 'insert_default', 'default_factory', 'server_default'];
const INTEGER_TYPES = new Set(['integer', 'smallint', 'bigint']);
const ANSI_NO_PARENS = new Set(['current_timestamp', 'current_date', 'current_time', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'user']);

/** The call when `x` declares a column: `Column(...)`, `mapped_column(...)` (any module prefix). */
export function columnCall(x: Expr | null | undefined): CallExpr | null {
  const n = callName(x);
  return (n === 'Column' || n === 'mapped_column') && x?.k === 'call' ? x : null;
}

/** Shared empty item list of a new bag (replaced on the first `addItem`). */
const NO_ARGS: Arg[] = [];
/** Keyword arguments given together (one call's, or a dict's entries), with their file. */
interface KeywordSource {
  kw: Keyword[];
  file: PyFile;
}

/** The shared empty keyword list of a new `Keywords` (never mutated). */
const NO_KEYWORD_LIST: Keyword[] = [];
/** Marks a deleted keyword (an expression no parse produces). */
const DELETED: Expr = { k: 'other', s: -1, e: -1 };

/**
 * The keyword arguments gathered into a bag, in the order given: a later one overrides an earlier
 * one of the same name, as in a `Map` (whose `get`/`delete` this mirrors). The calls' own keyword
 * lists are kept instead of being copied into a map with an entry object per keyword: a column
 * has a few keywords and about a dozen lookups, and the map was a large share of what reading a
 * column allocated.
 */
export class Keywords {
  /** The first list given, with its file (most bags get one: the column call's). */
  private list: Keyword[] = NO_KEYWORD_LIST;
  private file: PyFile | null = null;
  /** Lists given after the first, in order. */
  private more: KeywordSource[] | null = null;

  /** Adds keyword arguments; they override earlier ones of the same name. */
  add(kw: Keyword[], file: PyFile): void {
    if (kw.length === 0) return;
    if (this.file === null) {
      this.list = kw;
      this.file = file;
    } else (this.more ??= []).push({ kw, file });
  }

  /** The value of the keyword `name` (the last one given). */
  value(name: string): Expr | undefined {
    const more = this.more;
    if (more) {
      for (let i = more.length - 1; i >= 0; i--) {
        const x = lastValue(more[i].kw, name);
        if (x) return x === DELETED ? undefined : x;
      }
    }
    const x = lastValue(this.list, name);
    return x === DELETED ? undefined : x;
  }

  /** The keyword `name` with its file. */
  get(name: string): Arg | undefined {
    const more = this.more;
    if (more) {
      for (let i = more.length - 1; i >= 0; i--) {
        const x = lastValue(more[i].kw, name);
        if (x) return x === DELETED ? undefined : { x, file: more[i].file };
      }
    }
    const x = lastValue(this.list, name);
    return x && x !== DELETED ? { x, file: this.file as PyFile } : undefined;
  }

  /** Forgets the keyword `name`; true when it was given. */
  delete(name: string): boolean {
    if (this.value(name) === undefined) return false;
    this.add([{ name, value: DELETED, s: -1 }], this.file as PyFile);
    return true;
  }
}

/** The value of the last keyword `name` in a list. */
function lastValue(kw: Keyword[], name: string): Expr | undefined {
  for (let j = kw.length - 1; j >= 0; j--) if (kw[j].name === name) return kw[j].value;
  return undefined;
}

/** Adds a schema item to a bag. */
export function addItem(bag: ColumnBag, item: Arg): void {
  if (bag.items === NO_ARGS) bag.items = [item];
  else bag.items.push(item);
}

/** A new bag for a column declared at `start`. */
export function newBag(
  attr: string | null,
  file: PyFile,
  start: number,
  options: { annotation?: AnnotationInfo | null; nullability: ColumnBag['nullability']; sqlmodel?: boolean },
): ColumnBag {
  return {
    attr,
    name: null,
    type: null,
    items: NO_ARGS,
    kw: new Keywords(),
    annotation: options.annotation ?? null,
    nullability: options.nullability,
    sqlmodel: options.sqlmodel ?? false,
    file,
    start,
  };
}

/**
 * Adds the arguments of a `Column(...)`/`mapped_column(...)` call: an optional leading name
 * string, the type (the first positional argument that is not a schema item), schema items and
 * keywords. Later calls override earlier ones (an attribute's own call over its `Annotated` alias).
 */
export function addColumnCall(bag: ColumnBag, call: CallExpr, file: PyFile, reg: Registry): void {
  let typeSeen = false;
  for (let i = 0; i < call.args.length; i++) {
    const a = call.args[i];
    const n = lastName(a.k === 'call' ? a.fn : a);
    if (i === 0 && a.k === 'str' && !a.f) bag.name = a.v;
    else if (n !== null && SCHEMA_ITEMS.has(n)) addItem(bag, { x: a, file });
    else if (!typeSeen) {
      typeSeen = true;
      bag.type = { x: a, file };
    }
  }
  bag.kw.add(call.kw, file);
  const typeKw = bag.kw.get('type_');
  if (typeKw) bag.type = typeKw;
  reportSplat(call, file, reg);
}

/** Warns that `**kwargs`/`*args` in a call were not read. */
export function reportSplat(call: CallExpr, file: PyFile, reg: Registry): void {
  for (const s of call.splat) {
    reg.report(file, s.s, 'warning', `arguments passed through ${reg.raw(s, file)} cannot be read statically and were ignored — write them out if they define the schema`, 'python/splat');
  }
}

/** A keyword's expression in a bag. */
function kwOf(bag: ColumnBag, name: string): Expr | undefined {
  return bag.kw.value(name);
}

/** A keyword's value in a bag when it is a number literal. */
function numberKw(bag: ColumnBag, name: string): number | null {
  const v = literal(kwOf(bag, name));
  return typeof v === 'number' ? v : null;
}

/** Builds the column of a bag and what it adds to its table. */
export function buildColumn(bag: ColumnBag, reg: Registry, base: BaseInfo | null): ColumnDraft {
  const name = bag.name ?? stringValue(kwOf(bag, 'name')) ?? bag.attr ?? '';
  const location = locationAt(bag.file.file, bag.start);
  const primaryKey = isTrue(kwOf(bag, 'primary_key'));
  const fks = foreignKeysOf(bag, name, location, reg);
  const { info, typeFromFk } = columnType(bag, reg, base, fks.length > 0);
  // Every field written out, in the order `makeColumn` produces them (its object spreads are
  // the costliest line of a large read); the type checker keeps the list complete.
  const column: Column = {
    attribute: bag.attr,
    type: info.type,
    rawType: info.rawType,
    nullable: nullability(bag, primaryKey),
    primaryKey,
    unique: false,
    maxLength: info.maxLength,
    precision: info.precision,
    scale: info.scale,
    enumName: info.enum?.name ?? null,
    enumValues: info.enum?.labels ?? null,
    itemType: info.itemType,
    timezone: info.timezone,
    hasDefault: false,
    default: null,
    autoincrement: false,
    computed: false,
    comment: stringValue(kwOf(bag, 'comment')) ?? null,
    name,
    location,
  };
  applyDefaults(column, bag, reg);
  const auto = kwOf(bag, 'autoincrement');
  return {
    column,
    fks,
    checks: checksOf(bag, reg),
    unique: isTrue(kwOf(bag, 'unique')),
    index: isTrue(kwOf(bag, 'index')),
    autoincrementKw: isTrue(auto) ? true : isFalse(auto) ? false : null,
    typeFromFk,
    enumUse: info.enum,
    file: bag.file,
    start: bag.start,
  };
}

/**
 * The column's type: an explicit type or SQLModel's `sa_type`; else, for a column with a foreign
 * key, the referenced column's (SQLAlchemy ignores the annotation then; SQLModel does not); else
 * the annotation's.
 */
function columnType(bag: ColumnBag, reg: Registry, base: BaseInfo | null, hasFk: boolean): { info: TypeInfo; typeFromFk: boolean } {
  const explicit = bag.type ?? bag.kw.get('sa_type') ?? null;
  let info: TypeInfo | null = null;
  if (explicit) info = saType(explicit.x, explicit.file, reg);
  else if (hasFk && !bag.sqlmodel) return { info: emptyType(''), typeFromFk: true };
  else if (bag.annotation?.inner) {
    info = annotationType(bag.annotation, base, reg, bag.sqlmodel);
    if (!info && !hasFk) reportAnnotation(bag.annotation, reg);
  }
  if (!info) return { info: emptyType(''), typeFromFk: hasFk };
  if (bag.sqlmodel) applySqlModelLimits(info, bag);
  return { info, typeFromFk: false };
}

/** Explains why an annotation gave no column type. */
function reportAnnotation(ann: AnnotationInfo, reg: Registry): void {
  const inner = ann.inner as Expr;
  const raw = reg.raw(inner, ann.file);
  const head = lastName(inner.k === 'sub' ? inner.obj : inner);
  if (head !== null && ['dict', 'Dict', 'list', 'List', 'Any', 'set', 'tuple'].includes(head)) {
    reg.report(ann.file, inner.s, 'warning', `"${raw}" has no column type by default; read as 'unknown' — add it to the base's type_annotation_map or pass a type (e.g. JSON) to mapped_column()`, 'python/annotation-type');
  } else {
    reg.report(ann.file, inner.s, 'info', `annotation "${raw}" is not a type this reader maps to a column type; read as 'unknown' — fixtures will need an explicit value for it`, 'python/unknown-type');
  }
}

/** SQLModel's `max_length`, `max_digits` and `decimal_places`. */
function applySqlModelLimits(info: TypeInfo, bag: ColumnBag): void {
  if (info.type === 'string') info.maxLength = numberKw(bag, 'max_length') ?? info.maxLength;
  if (info.type === 'numeric') {
    info.precision = numberKw(bag, 'max_digits') ?? info.precision;
    info.scale = numberKw(bag, 'decimal_places') ?? info.scale;
  }
}

/** Explicit `nullable=` wins; a primary key is never null; otherwise the bag's rule decides. */
function nullability(bag: ColumnBag, primaryKey: boolean): boolean {
  if (primaryKey) return false;
  const explicit = literal(kwOf(bag, 'nullable'));
  if (typeof explicit === 'boolean') return explicit;
  if (bag.nullability === 'annotation' && bag.annotation) return bag.annotation.optional;
  return true;
}

/** `default=`, `insert_default=`, `default_factory=`, `server_default=`, `Identity()`, `Sequence()`, `Computed()`. */
function applyDefaults(column: Column, bag: ColumnBag, reg: Registry): void {
  for (const key of DEFAULT_KEYS) {
    const arg = bag.kw.get(key);
    if (!arg) continue;
    const d = key === 'server_default' ? { kind: 'sql' as const, expression: sqlExpression(arg.x, arg.file, reg) } : clientDefault(arg.x, arg.file, reg, bag.sqlmodel, key === 'default_factory');
    if (d) setDefault(column, d);
  }
  for (const item of bag.items) {
    const n = callName(item.x) ?? lastName(item.x);
    if (n === 'Identity') {
      column.autoincrement = true;
      setDefault(column, null);
    } else if (n === 'Sequence' && item.x.k === 'call') {
      column.autoincrement = true;
      const seq = stringValue(item.x.args[0]);
      setDefault(column, seq ? { kind: 'sql', expression: `nextval('${seq}')` } : null);
    } else if (n === 'Computed') {
      column.computed = true;
      setDefault(column, null);
    } else if (n === 'FetchedValue' || n === 'DefaultClause') {
      setDefault(column, { kind: 'sql', expression: reg.raw(item.x, item.file) });
    }
  }
}

/** Marks a column as defaulted; the first concrete default found is kept. */
function setDefault(column: Column, d: ColumnDefault | null): void {
  column.hasDefault = true;
  if (d && column.default === null) column.default = d;
}

/**
 * A client-side default: a literal (`0`, `"draft"`, `True`) or a Python callable/expression. In
 * SQLAlchemy `default=None` means no default; in SQLModel `= None` is a real default of NULL.
 */
function clientDefault(x: Expr, file: PyFile, reg: Registry, sqlmodel: boolean, factory: boolean): ColumnDefault | null {
  if (x.k === 'other' && reg.raw(x, file) === '...') return null;
  if (lastName(x) === 'PydanticUndefined') return null;
  const v = literal(x);
  if (v === null && !sqlmodel) return null;
  if (v !== undefined && !factory) return { kind: 'literal', value: v };
  return { kind: 'python', expression: reg.raw(x, file) };
}

/** Renders a server-side default as SQL: `text("now()")`, `func.now()`, `"0"` → `'0'`. */
function sqlExpression(x: Expr, file: PyFile, reg: Registry): string {
  if (x.k === 'str' && !x.f) return `'${x.v.replace(/'/g, "''")}'`;
  if (x.k === 'call') {
    const fn = dotted(x.fn) ?? '';
    const n = lastName(x.fn) ?? '';
    if (n === 'text' || n === 'literal_column') return stringValue(x.args[0]) ?? reg.raw(x, file);
    if (/(^|\.)func\./.test(fn)) {
      if (x.args.length === 0 && ANSI_NO_PARENS.has(n.toLowerCase())) return n.toUpperCase();
      return `${n}(${x.args.map((a) => sqlExpression(a, file, reg)).join(', ')})`;
    }
    if (n === 'null' || n === 'true' || n === 'false') return n.toUpperCase();
    if (n === 'literal') return sqlExpression(x.args[0] ?? x, file, reg);
  }
  const v = literal(x);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return reg.raw(x, file);
}

/** `ForeignKey(...)` items and SQLModel's `foreign_key="team.id"`. */
function foreignKeysOf(bag: ColumnBag, name: string, location: SourceLocation, reg: Registry): FkDraft[] {
  const sqlmodelFk = bag.kw.get('foreign_key');
  if (bag.items.length === 0 && !sqlmodelFk) return NO_FKS;
  const out: FkDraft[] = [];
  for (const item of bag.items) {
    const x = item.x;
    if (x.k !== 'call' || lastName(x.fn) !== 'ForeignKey') continue;
    const ref = columnRef(x.args[0], item.file, reg);
    if (ref) out.push(fkDraft(x, [name], [ref], locationAt(item.file.file, x.s)));
  }
  if (sqlmodelFk) {
    const ref = columnRef(sqlmodelFk.x, sqlmodelFk.file, reg);
    if (ref) {
      const fk = fkDraft(null, [name], [ref], location);
      fk.onDelete = stringValue(kwOf(bag, 'ondelete')) ?? null;
      out.push(fk);
    }
  }
  return out;
}

/** Shared empty result for the many columns without a foreign key (never mutated). */
const NO_FKS: FkDraft[] = [];

/** A FK draft with the options of a `ForeignKey(...)`/`ForeignKeyConstraint(...)` call, if any. */
export function fkDraft(call: CallExpr | null, columns: string[], refs: ColumnRef[], location: SourceLocation): FkDraft {
  const initially = call ? stringValue(kwarg(call, 'initially')) : undefined;
  return {
    columns,
    refs,
    name: (call && stringValue(kwarg(call, 'name'))) ?? null,
    onDelete: (call && stringValue(kwarg(call, 'ondelete'))) ?? null,
    onUpdate: (call && stringValue(kwarg(call, 'onupdate'))) ?? null,
    deferrable: call !== null && isTrue(kwarg(call, 'deferrable')),
    initiallyDeferred: initially !== undefined && initially.toUpperCase() === 'DEFERRED',
    useAlter: call !== null && isTrue(kwarg(call, 'use_alter')),
    location,
  };
}

/**
 * A FK target: `"table.col"`, `"schema.table.col"`, `Model.attr`, `table_var.c.col`. Anything
 * else is reported and yields null.
 */
export function columnRef(x: Expr | undefined, file: PyFile, reg: Registry): ColumnRef | null {
  if (x?.k === 'str' && !x.f) {
    const dot = x.v.lastIndexOf('.');
    if (dot > 0 && dot < x.v.length - 1) return { kind: 'table', table: x.v.slice(0, dot), column: x.v.slice(dot + 1) };
    reg.report(file, x.s, 'warning', `foreign key target "${x.v}" is not "table.column"; the foreign key was ignored — write it as "table.column"`, 'python/fk-target');
    return null;
  }
  if (x?.k === 'attr') {
    if (x.obj.k === 'attr' && (x.obj.name === 'c' || x.obj.name === 'columns')) {
      const variable = lastName(x.obj.obj);
      if (variable !== null) return { kind: 'tablevar', variable, column: x.name };
    }
    const model = lastName(x.obj);
    if (model !== null) return { kind: 'model', model, attr: x.name };
  }
  if (x) {
    reg.report(file, x.s, 'warning', `foreign key target ${reg.raw(x, file)} cannot be read statically; the foreign key was ignored — write it as "table.column" or Model.attribute`, 'python/fk-target');
  }
  return null;
}

/** Column-level `CheckConstraint("...")` items. */
function checksOf(bag: ColumnBag, reg: Registry): CheckConstraint[] {
  if (bag.items.length === 0) return NO_CHECKS;
  const out: CheckConstraint[] = [];
  for (const item of bag.items) {
    if (item.x.k === 'call' && lastName(item.x.fn) === 'CheckConstraint') out.push(checkConstraint(item.x, item.file, reg));
  }
  return out;
}

/** Shared empty result for the many columns without schema items (never mutated). */
const NO_CHECKS: CheckConstraint[] = [];

/** A `CheckConstraint(sqltext, name=...)`. */
export function checkConstraint(call: CallExpr, file: PyFile, reg: Registry): CheckConstraint {
  const arg = call.args[0] ?? kwarg(call, 'sqltext');
  return {
    name: stringValue(kwarg(call, 'name')) ?? null,
    expression: arg ? sqlText(arg, file, reg) : '',
    location: locationAt(file.file, call.s),
  };
}

/** SQL given as a string or `text("...")`. */
function sqlText(x: Expr, file: PyFile, reg: Registry): string {
  const s = stringValue(x);
  if (s !== undefined) return s;
  if (x.k === 'call' && lastName(x.fn) === 'text') return stringValue(x.args[0]) ?? reg.raw(x, file);
  return reg.raw(x, file);
}

/** True for integer-family column types (the ones SQLAlchemy auto-increments). */
export function isIntegerType(column: Column): boolean {
  return INTEGER_TYPES.has(column.type);
}
