// Column type names of the three SQL dialects, mapped onto the IR's type vocabulary.

import type { ColumnType, SqlDialect } from '../../ir';
import type { ObjectRef, TypeSpec } from '../../catalog';
import { lookupTable } from '../../lookup';

interface Mapped {
  type: ColumnType;
  timezone?: boolean;
  serial?: boolean;
  /** The first argument is a length (`varchar(120)`, `binary(16)`). */
  length?: boolean;
  /** The arguments are precision and scale (`numeric(10, 2)`). */
  precision?: boolean;
}

const S: Mapped = { type: 'string', length: true };

/** Built-in type names, lower case with single spaces, as users and parsers write them. */
const BUILTIN: Readonly<Record<string, Mapped>> = lookupTable({
  int: { type: 'integer' },
  integer: { type: 'integer' },
  int4: { type: 'integer' },
  mediumint: { type: 'integer' },
  year: { type: 'integer' },
  smallint: { type: 'smallint' },
  int2: { type: 'smallint' },
  tinyint: { type: 'smallint' },
  bigint: { type: 'bigint' },
  int8: { type: 'bigint' },
  'unsigned big int': { type: 'bigint' },
  serial: { type: 'integer', serial: true },
  serial4: { type: 'integer', serial: true },
  smallserial: { type: 'smallint', serial: true },
  serial2: { type: 'smallint', serial: true },
  bigserial: { type: 'bigint', serial: true },
  serial8: { type: 'bigint', serial: true },
  varchar: S,
  'character varying': S,
  'char varying': S,
  char: S,
  character: S,
  bpchar: S,
  nchar: S,
  nvarchar: S,
  'national character': S,
  'national char': S,
  'national character varying': S,
  'national char varying': S,
  'nchar varying': S,
  'varying character': S,
  'native character': S,
  varchar2: S,
  nvarchar2: S,
  text: { type: 'text' },
  tinytext: { type: 'text' },
  mediumtext: { type: 'text' },
  longtext: { type: 'text' },
  'long varchar': { type: 'text' },
  clob: { type: 'text' },
  ntext: { type: 'text' },
  citext: { type: 'text' },
  bool: { type: 'boolean' },
  boolean: { type: 'boolean' },
  numeric: { type: 'numeric', precision: true },
  decimal: { type: 'numeric', precision: true },
  dec: { type: 'numeric', precision: true },
  fixed: { type: 'numeric', precision: true },
  real: { type: 'float' },
  float: { type: 'float' },
  float4: { type: 'float' },
  float8: { type: 'float' },
  double: { type: 'float' },
  'double precision': { type: 'float' },
  date: { type: 'date' },
  timestamp: { type: 'datetime' },
  'timestamp without time zone': { type: 'datetime' },
  timestamptz: { type: 'datetime', timezone: true },
  'timestamp with time zone': { type: 'datetime', timezone: true },
  datetime: { type: 'datetime' },
  datetime2: { type: 'datetime' },
  smalldatetime: { type: 'datetime' },
  datetimeoffset: { type: 'datetime', timezone: true },
  time: { type: 'time' },
  'time without time zone': { type: 'time' },
  timetz: { type: 'time', timezone: true },
  'time with time zone': { type: 'time', timezone: true },
  interval: { type: 'interval' },
  uuid: { type: 'uuid' },
  uniqueidentifier: { type: 'uuid' },
  json: { type: 'json' },
  jsonb: { type: 'json' },
  bytea: { type: 'binary' },
  blob: { type: 'binary' },
  tinyblob: { type: 'binary' },
  mediumblob: { type: 'binary' },
  longblob: { type: 'binary' },
  binary: { type: 'binary', length: true },
  varbinary: { type: 'binary', length: true },
});

/** An unmapped type with nothing known about it yet. */
export function unknownType(rawType: string): TypeSpec {
  return {
    type: 'unknown',
    rawType,
    maxLength: null,
    precision: null,
    scale: null,
    itemType: null,
    timezone: false,
    enumValues: null,
    named: null,
    serial: false,
  };
}

/**
 * Maps a built-in type name (any case, words separated by single spaces) and its numeric
 * arguments; null when the name is not a built-in type.
 */
export function builtinType(name: string, args: number[], dialect: SqlDialect, rawType: string): TypeSpec | null {
  const key = name.toLowerCase();
  if (dialect === 'mysql' && ((key === 'tinyint' && args[0] === 1) || (key === 'bit' && (args[0] ?? 1) === 1))) {
    return { ...unknownType(rawType), type: 'boolean' };
  }
  const m = BUILTIN[key];
  if (!m) return null;
  const sized = args.length > 0;
  return {
    type: m.type,
    rawType,
    maxLength: m.length && sized ? args[0] : null,
    precision: m.precision && sized ? args[0] : null,
    scale: m.precision && sized ? (args[1] ?? 0) : null,
    itemType: null,
    timezone: m.timezone ?? false,
    enumValues: null,
    named: null,
    serial: m.serial ?? false,
  };
}

/** Turns a scalar type into an array of it. */
export function arrayOf(item: TypeSpec, rawType: string): TypeSpec {
  return { ...item, type: 'array', itemType: item.type, rawType };
}

/** A user-defined type (enum or domain) the catalog resolves; `fallback` if it does not exist. */
export function namedType(ref: ObjectRef, rawType: string, fallback: TypeSpec | null): TypeSpec {
  return { ...(fallback ?? unknownType(rawType)), rawType, named: ref };
}

const DECLARED = /^([A-Za-z_][\w]*(?:\s+[A-Za-z_][\w]*)*)\s*(?:\(\s*([^)]*)\))?/;

/**
 * Maps an SQLite declared type (`VARCHAR(120)`, `UNSIGNED BIG INT`, `DOUBLE PRECISION`, or any
 * words at all). Unknown names get SQLite's own affinity rules, so `MONEYINT` is an integer.
 */
export function sqliteType(declared: string): TypeSpec {
  const raw = declared.trim();
  const m = DECLARED.exec(raw);
  if (!m) return unknownType(raw);
  const name = m[1].replace(/\s+/g, ' ');
  const args = (m[2] ?? '')
    .split(',')
    .map((a) => Number.parseInt(a.trim(), 10))
    .filter((n) => Number.isFinite(n));
  return builtinType(name, args, 'sqlite', raw) ?? { ...unknownType(raw), type: sqliteAffinity(name.toUpperCase()) };
}

/** SQLite's type affinity rules (section 3.1 of its datatype documentation). */
function sqliteAffinity(name: string): ColumnType {
  if (name.includes('INT')) return 'integer';
  if (name.includes('CHAR') || name.includes('CLOB') || name.includes('TEXT')) return 'text';
  if (name.includes('BLOB')) return 'binary';
  if (name.includes('REAL') || name.includes('FLOA') || name.includes('DOUB')) return 'float';
  return 'numeric';
}
