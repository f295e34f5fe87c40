// Column types: SQLAlchemy type expressions (`String(50)`, `sa.Numeric(10, 2)`, `ARRAY(Integer)`,
// `Enum(Status, name="status")`) and Python annotations (`int`, `Decimal`, `Status`) mapped onto
// the IR's type vocabulary, with the parameters emitters need (length, precision, time zone, enum
// labels).

import type { ColumnType } from '../../ir';
import { kwarg, lastName, literal, parseExpression, stringValue, type Expr } from './expr';
import type { PyClass, PyFile } from './outline';
import { annotationKey, type BaseInfo, type Registry } from './registry';
import { lookupTable } from '../../lookup';

/** An enum column's database type, before it becomes an `EnumType`. */
export interface EnumUse {
  className: string | null;
  /** The database type name: `name=`, else the lowercased class name; null for an unnamed inline enum. */
  name: string | null;
  /** The labels the database stores, or null when they cannot be read statically. */
  labels: string[] | null;
  members: { name: string; value: string | number }[] | null;
  /** The enum class, or the `Enum(...)` call for inline labels. */
  file: PyFile;
  offset: number;
}

export interface TypeInfo {
  type: ColumnType;
  rawType: string;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
  timezone: boolean;
  itemType: ColumnType | null;
  enum: EnumUse | null;
}

type Params = 'plain' | 'length' | 'numeric' | 'zone' | 'array' | 'enum';

/** SQLAlchemy (and dialect) type names by their last dotted component. */
const SA_TYPES: Record<string, [ColumnType, Params]> = Object.create(null) as Record<string, [ColumnType, Params]>;
function define(type: ColumnType, params: Params, names: string): void {
  for (const n of names.split(' ')) SA_TYPES[n] = [type, params];
}
define('integer', 'plain', 'Integer INTEGER INT MEDIUMINT');
define('smallint', 'plain', 'SmallInteger SMALLINT TINYINT');
define('bigint', 'plain', 'BigInteger BIGINT');
define('string', 'length', 'String VARCHAR NVARCHAR Unicode CHAR NCHAR AutoString');
define('text', 'plain', 'Text TEXT UnicodeText CLOB NTEXT MEDIUMTEXT LONGTEXT TINYTEXT CITEXT');
define('boolean', 'plain', 'Boolean BOOLEAN');
define('numeric', 'numeric', 'Numeric NUMERIC DECIMAL MONEY');
define('float', 'plain', 'Float FLOAT REAL Double DOUBLE DOUBLE_PRECISION');
define('date', 'plain', 'Date DATE');
define('datetime', 'zone', 'DateTime DATETIME TIMESTAMP');
define('time', 'zone', 'Time TIME');
define('interval', 'plain', 'Interval INTERVAL');
define('uuid', 'plain', 'Uuid UUID');
define('json', 'plain', 'JSON JSONB');
define('binary', 'length', 'LargeBinary BYTEA BLOB BINARY VARBINARY LONGBLOB MEDIUMBLOB TINYBLOB');
define('array', 'array', 'ARRAY');
define('enum', 'enum', 'Enum ENUM');

/** Python annotation types (SQLAlchemy's default type map, plus what SQLModel and pydantic add). */
const PY_TYPES: Readonly<Record<string, ColumnType>> = lookupTable({
  int: 'integer',
  str: 'string',
  bool: 'boolean',
  float: 'float',
  Decimal: 'numeric',
  datetime: 'datetime',
  date: 'date',
  time: 'time',
  timedelta: 'interval',
  UUID: 'uuid',
  bytes: 'binary',
});
const SQLMODEL_STRINGS = new Set(['EmailStr', 'NameEmail', 'HttpUrl', 'AnyUrl', 'AnyHttpUrl', 'IPvAnyAddress', 'IPv4Address', 'IPv6Address', 'Path', 'constr']);

/** Method calls on a type instance that keep its type (`Integer().with_variant(BigInteger, "sqlite")`). */
const TYPE_METHODS = new Set(['with_variant', 'evaluates_none', 'copy', 'as_generic', 'adapt']);

export function emptyType(rawType: string): TypeInfo {
  return { type: 'unknown', rawType, maxLength: null, precision: null, scale: null, timezone: false, itemType: null, enum: null };
}

/** A type without parameters. */
function typed(rawType: string, type: ColumnType): TypeInfo {
  const info = emptyType(rawType);
  info.type = type;
  return info;
}

/** Reads a SQLAlchemy type expression. Unknown types are reported and read as `unknown`. */
export function saType(x: Expr, file: PyFile, reg: Registry): TypeInfo {
  const raw = reg.raw(x, file);
  const call = x.k === 'call' ? x : null;
  const head = call ? call.fn : x;
  const n = lastName(head);
  if (call && head.k === 'attr' && n !== null && TYPE_METHODS.has(n)) return { ...saType(head.obj, file, reg), rawType: raw };
  const known = n !== null ? SA_TYPES[n] : undefined;
  if (known) return withParams(known[0], known[1], call, raw, file, reg);
  const cls = reg.classNamed(n);
  if (cls && reg.roleOf(cls).kind === 'type') return { ...customType(cls, reg), rawType: raw };
  if (cls && reg.roleOf(cls).kind === 'enum') return { ...enumFromClass(cls, call, reg), rawType: raw };
  if (call && n !== null && /^[a-z_]/.test(n)) {
    reg.report(file, x.s, 'warning', `the column type is computed by calling ${n}(...), which cannot be read statically; read as 'unknown' — use a SQLAlchemy type directly or a TypeDecorator class`, 'python/computed-type');
  } else {
    reg.report(file, x.s, 'info', `column type "${raw}" is not a SQLAlchemy type this reader knows; read as 'unknown' — fixtures will need an explicit value for it`, 'python/unknown-type');
  }
  return emptyType(raw);
}

/** Fills the parameters of a known type from its call arguments. */
function withParams(
  type: ColumnType,
  params: Params,
  call: Extract<Expr, { k: 'call' }> | null,
  raw: string,
  file: PyFile,
  reg: Registry,
): TypeInfo {
  const info = emptyType(raw);
  info.type = type;
  if (!call) return info;
  switch (params) {
    case 'length': {
      const n = argValue(call, 0, 'length');
      info.maxLength = typeof n === 'number' ? n : null;
      break;
    }
    case 'numeric': {
      const p = argValue(call, 0, 'precision');
      const s = argValue(call, 1, 'scale');
      info.precision = typeof p === 'number' ? p : null;
      info.scale = typeof s === 'number' ? s : info.precision !== null ? 0 : null;
      break;
    }
    case 'zone':
      info.timezone = argValue(call, 0, 'timezone') === true;
      break;
    case 'array':
      if (call.args[0] || kwarg(call, 'item_type')) info.itemType = saType(kwarg(call, 'item_type') ?? call.args[0], file, reg).type;
      break;
    case 'enum':
      return { ...info, ...enumFromCall(call, file, reg), rawType: raw };
    case 'plain':
      break;
  }
  return info;
}

/** A literal argument given by keyword or at a position. */
function argValue(call: Extract<Expr, { k: 'call' }>, i: number, name: string): ReturnType<typeof literal> {
  return literal(kwarg(call, name) ?? call.args[i]);
}

/** Type classes being resolved, so a class whose `impl` names itself ends instead of recursing. */
const resolving = new Set<PyClass>();

/** A `TypeDecorator` subclass reads as its `impl`; a subclass of a known type as that type. */
function customType(cls: PyClass, reg: Registry): TypeInfo {
  if (resolving.has(cls)) return emptyType(cls.name);
  resolving.add(cls);
  try {
    return customTypeOf(cls, reg);
  } finally {
    resolving.delete(cls);
  }
}

function customTypeOf(cls: PyClass, reg: Registry): TypeInfo {
  for (const st of cls.body) {
    const value = st.kind === 'assign' && st.target === 'impl' ? st.read().value : null;
    if (value) return saType(value, cls.file, reg);
  }
  for (const b of cls.bases) {
    const n = lastName(b);
    if (n !== null && SA_TYPES[n]) return saType(b, cls.file, reg);
    const parent = reg.classNamed(n);
    if (parent && parent !== cls && reg.roleOf(parent).kind === 'type') return customType(parent, reg);
  }
  reg.report(cls.file, cls.start, 'info', `type class ${cls.name} has no "impl = <SQLAlchemy type>"; columns using it are read as 'unknown'`, 'python/unknown-type');
  return emptyType(cls.name);
}

/** `Enum(Status, ...)`, `Enum("a", "b", name="mood")`, `postgresql.ENUM(...)`. */
function enumFromCall(call: Extract<Expr, { k: 'call' }>, file: PyFile, reg: Registry): TypeInfo {
  const first = call.args[0];
  const cls = first ? reg.classOf(first) : undefined;
  if (cls && reg.roleOf(cls).kind === 'enum') return enumFromClass(cls, call, reg);
  const info = emptyType('');
  info.type = 'enum';
  const labels: string[] = [];
  let readable = call.splat.length === 0;
  for (const a of call.args) {
    const v = stringValue(a);
    if (v === undefined) readable = false;
    else labels.push(v);
  }
  if (!readable) {
    const what = first && (first.k === 'name' || first.k === 'attr') ? `enum class ${reg.raw(first, file)} is not defined in the given files` : 'the enum labels are not string literals';
    reg.report(file, call.s, 'warning', `${what}; its labels cannot be read, so the column's values are unknown — pass the files that define it`, 'python/enum-labels');
  }
  const name = stringValue(kwarg(call, 'name')) ?? null;
  info.enum = { className: null, name, labels: readable ? labels : null, members: null, file, offset: call.s };
  return info;
}

/** An enum column over a Python enum class: labels are member names unless `values_callable` is given. */
function enumFromClass(cls: PyClass, call: Extract<Expr, { k: 'call' }> | null, reg: Registry): TypeInfo {
  const role = reg.roleOf(cls);
  const members = enumMembers(cls, role.kind === 'enum' ? role.flavor : 'plain', reg);
  const byValue = call !== null && kwarg(call, 'values_callable') !== undefined;
  const info = emptyType(cls.name);
  info.type = 'enum';
  info.enum = {
    className: cls.name,
    name: (call && stringValue(kwarg(call, 'name'))) ?? cls.name.toLowerCase(),
    labels: members.map((m) => (byValue ? String(m.value) : m.name)),
    members,
    file: cls.file,
    offset: cls.start,
  };
  return info;
}

const memberCache = new WeakMap<PyClass, { name: string; value: string | number }[]>();

/** The members of an enum class in declaration order, with `auto()` values filled in. */
export function enumMembers(cls: PyClass, flavor: 'str' | 'int' | 'flag' | 'plain', reg: Registry): { name: string; value: string | number }[] {
  const cached = memberCache.get(cls);
  if (cached) return cached;
  const out: { name: string; value: string | number }[] = [];
  let lastInt = 0;
  for (const st of cls.body) {
    if (st.kind !== 'assign' || st.target.startsWith('_')) continue;
    const parts = st.read();
    const x = parts.value;
    if (!x || parts.annotation) continue;
    let value: string | number;
    const lit = literal(x);
    if (x.k === 'call' && lastName(x.fn) === 'auto') {
      if (flavor === 'str') value = st.target.toLowerCase();
      else value = flavor === 'flag' ? (lastInt > 0 ? lastInt * 2 : 1) : lastInt + 1;
    } else if (typeof lit === 'string' || typeof lit === 'number') value = lit;
    else value = reg.raw(x, cls.file);
    if (typeof value === 'number') lastInt = value;
    out.push({ name: st.target, value });
  }
  memberCache.set(cls, out);
  return out;
}

/** What an annotation says about a column once `Optional`/`| None` and aliases are peeled off. */
export interface AnnotationInfo {
  /** The inner type expression (`str` in `Mapped[Optional[str]]`), or null when absent. */
  inner: Expr | null;
  optional: boolean;
  /** `mapped_column(...)` calls found in `Annotated[...]` aliases, outermost last. */
  columnDefaults: Extract<Expr, { k: 'call' }>[];
  /** The file the inner expression's offsets refer to (an alias may live in another file). */
  file: PyFile;
  /** The annotation as given, and its file (`annotationForms` peels it again). */
  outer: Expr;
  outerFile: PyFile;
}

const NO_CALLS: Extract<Expr, { k: 'call' }>[] = [];

/** Peels `Optional[X]`, `Union[X, None]`, `X | None`, string annotations and `Annotated` aliases. */
export function unwrapAnnotation(x: Expr, file: PyFile, reg: Registry): AnnotationInfo {
  // Most annotations peel to nothing (`int`): their lists stay small or shared.
  const info: AnnotationInfo = { inner: x, optional: false, columnDefaults: NO_CALLS, file, outer: x, outerFile: file };
  let cur = x;
  for (let guard = 0; guard < 16; guard++) {
    const next = peel(cur, info, reg);
    if (next === cur) break;
    cur = next;
  }
  info.inner = cur;
  return info;
}

/**
 * Every form an annotation took while being peeled, outermost first: each may be a key of a
 * `type_annotation_map`. Only bases with such a map need them, so they are found again here
 * (peeling is deterministic) instead of being listed for every annotation.
 */
function annotationForms(ann: AnnotationInfo, reg: Registry): Expr[] {
  const scratch: AnnotationInfo = { inner: ann.outer, optional: false, columnDefaults: NO_CALLS, file: ann.outerFile, outer: ann.outer, outerFile: ann.outerFile };
  const forms = [ann.outer];
  let cur = ann.outer;
  for (let guard = 0; guard < 16; guard++) {
    if (guard > 0) forms.push(cur);
    const next = peel(cur, scratch, reg);
    if (next === cur) break;
    cur = next;
  }
  return forms;
}

/** One unwrapping step; returns the same expression when there is nothing left to peel. */
function peel(x: Expr, info: AnnotationInfo, reg: Registry): Expr {
  if (x.k === 'str') return reparse(x, info.file) ?? x;
  if (x.k === 'bin' && x.op === '|') {
    const l = isNone(x.l);
    const r = isNone(x.r);
    if (l || r) {
      info.optional = true;
      return l ? x.r : x.l;
    }
    return x;
  }
  if (x.k === 'sub') {
    const head = lastName(x.obj);
    if (head === 'Optional' && x.index.length === 1) {
      info.optional = true;
      return x.index[0];
    }
    if (head === 'Union') {
      const rest = x.index.filter((i) => !isNone(i));
      if (rest.length < x.index.length) info.optional = true;
      return rest.length === 1 ? rest[0] : x;
    }
    if (head === 'Annotated' && x.index.length > 0) {
      for (const extra of x.index.slice(1)) if (extra.k === 'call') info.columnDefaults = [extra, ...info.columnDefaults];
      return x.index[0];
    }
    return x;
  }
  if (x.k === 'name') {
    const alias = reg.valueNamed(x.id);
    if (alias && alias.value.k === 'sub' && ['Annotated', 'Optional', 'Union'].includes(lastName(alias.value.obj) ?? '')) {
      info.file = alias.file;
      return alias.value;
    }
  }
  return x;
}

function isNone(x: Expr): boolean {
  return x.k === 'const' && x.v === null;
}

/** Parses the content of a string annotation (`"User | None"`) in place, when it is a plain literal. */
export function reparse(x: Extract<Expr, { k: 'str' }>, file: PyFile): Expr | null {
  const raw = file.text.slice(x.s, x.e);
  const q = raw[0];
  if ((q !== '"' && q !== "'") || raw !== q + x.v + q) return null;
  try {
    return parseExpression(file.text, x.s + 1, x.e - 1);
  } catch {
    return null;
  }
}

/**
 * The type of an annotation's inner type: the base's `type_annotation_map` first, then Python's
 * standard types, enum classes and `Literal[...]`. Returns null when the annotation names no type
 * this reader knows (the caller reports it).
 */
export function annotationType(
  ann: AnnotationInfo,
  base: BaseInfo | null,
  reg: Registry,
  sqlmodel: boolean,
): TypeInfo | null {
  const inner = ann.inner;
  if (!inner) return null;
  if (base && base.typeMap.size > 0) {
    for (const form of annotationForms(ann, reg)) {
      const key = annotationKey(form);
      const mapped = key === null ? undefined : base.typeMap.get(key);
      if (mapped) return saType(mapped.x, mapped.file, reg);
    }
  }
  const raw = ann.file.text.slice(inner.s, inner.e);
  if (inner.k === 'sub' && lastName(inner.obj) === 'Literal') {
    const labels = inner.index.map((i) => stringValue(i));
    if (labels.every((l) => l !== undefined)) {
      const info = emptyType(raw);
      info.type = 'enum';
      info.enum = { className: null, name: null, labels: labels as string[], members: null, file: ann.file, offset: inner.s };
      return info;
    }
    return null;
  }
  const n = lastName(inner.k === 'call' ? inner.fn : inner);
  if (n === null) return null;
  const cls = reg.classNamed(n);
  if (cls && reg.roleOf(cls).kind === 'enum') return { ...enumFromClass(cls, null, reg), rawType: raw };
  const py = PY_TYPES[n];
  if (py) return typed(raw, py);
  if (sqlmodel && SQLMODEL_STRINGS.has(n)) return typed(raw, 'string');
  if (sqlmodel && (n === 'condecimal' || n === 'conint') && inner.k === 'call') {
    return sqlmodelConstrained(n, inner, raw);
  }
  return null;
}

function sqlmodelConstrained(n: string, call: Extract<Expr, { k: 'call' }>, raw: string): TypeInfo {
  const info = emptyType(raw);
  if (n === 'conint') return { ...info, type: 'integer' };
  const p = literal(kwarg(call, 'max_digits'));
  const s = literal(kwarg(call, 'decimal_places'));
  return { ...info, type: 'numeric', precision: typeof p === 'number' ? p : null, scale: typeof s === 'number' ? s : null };
}
