// Scalar and enum fields of a Prisma model as IR columns: the Prisma type refined by its `@db.*`
// native type, nullability, `@map`, `@default` and `@updatedAt`.

import type { Attribute, Field } from '@mrleebo/prisma-ast';
import type { Column, ColumnDefault, ColumnType, SqlDialect } from '../../ir';
import { makeColumn } from '../../build';
import { argument, fieldAttribute, isArray, isFunc, isIdentifier, numberValue, printAttribute, printValue, stringValue } from './ast';
import { locate, type EnumInfo } from './context';
import { columnName } from './names';
import type { ParsedBlock } from './parse';

/** Prisma's scalar types and the IR type each maps to before native types refine it. */
export const SCALAR_TYPES: Readonly<Record<string, ColumnType>> = {
  String: 'string',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'float',
  Decimal: 'numeric',
  DateTime: 'datetime',
  Json: 'json',
  Bytes: 'binary',
};

/** What a field's type resolves to before attributes are read. */
export interface BaseType {
  type: ColumnType;
  /** The type as written, without `?`: `String`, `Role[]`, `Unsupported("circle")`. */
  written: string;
  list: boolean;
  /** Set when the field's type is an enum (a broken enum block gives no values). */
  enumName?: string;
  enumInfo?: EnumInfo | null;
}

interface TypeFacts {
  type: ColumnType;
  maxLength: number | null;
  precision: number | null;
  scale: number | null;
  timezone: boolean;
}

const TEXT_TYPES = new Set(['text', 'tinytext', 'mediumtext', 'longtext', 'citext', 'xml', 'ntext']);
const LENGTH_TYPES = new Set(['varchar', 'char', 'nvarchar', 'nchar']);
const UUID_TYPES = new Set(['uuid', 'uniqueidentifier']);
const SMALL_INT_TYPES = new Set(['smallint', 'tinyint', 'unsignedsmallint', 'unsignedtinyint']);
const DECIMAL_TYPES = new Set(['decimal', 'numeric']);

/** Prisma's column for a `Decimal` without a native type on PostgreSQL and MySQL: `DECIMAL(65,30)`. */
const PRISMA_DECIMAL = { precision: 65, scale: 30 };
/** Prisma's column for a `String` without a native type on MySQL: `VARCHAR(191)`. */
const MYSQL_STRING_LENGTH = 191;

/**
 * Refines a Prisma type with its native type attribute (`@db.VarChar(120)`, `@db.Timestamptz(6)`).
 * A native type only narrows what the Prisma type already says, so `Boolean @db.TinyInt(1)` stays a
 * boolean. Without one, the column Prisma creates by default for the dialect is described.
 */
function refineType(base: ColumnType, native: Attribute | undefined, dialect: SqlDialect): TypeFacts {
  const facts: TypeFacts = { type: base, maxLength: null, precision: null, scale: null, timezone: false };
  if (native === undefined) {
    if (base === 'numeric' && dialect !== 'sqlite') Object.assign(facts, PRISMA_DECIMAL);
    if (base === 'string' && dialect === 'mysql') facts.maxLength = MYSQL_STRING_LENGTH;
    return facts;
  }
  const name = native.name.toLowerCase();
  const args = (native.args ?? []).map((a) => numberValue(a.value));
  if (base === 'string') {
    if (TEXT_TYPES.has(name)) facts.type = 'text';
    else if (UUID_TYPES.has(name)) facts.type = 'uuid';
    else if (LENGTH_TYPES.has(name)) facts.maxLength = args[0] ?? null;
  } else if (base === 'integer' && SMALL_INT_TYPES.has(name)) {
    facts.type = 'smallint';
  } else if (base === 'numeric' && DECIMAL_TYPES.has(name) && args[0] != null) {
    facts.precision = args[0];
    facts.scale = args[1] ?? 0;
  } else if (base === 'datetime') {
    if (name === 'timestamptz' || name === 'datetimeoffset') facts.timezone = true;
    else if (name === 'date') facts.type = 'date';
    else if (name === 'time' || name === 'timetz') {
      facts.type = 'time';
      facts.timezone = name === 'timetz';
    }
  }
  return facts;
}

interface DefaultFacts {
  hasDefault: boolean;
  default: ColumnDefault | null;
  autoincrement: boolean;
}

/**
 * Reads `@default(...)`. `autoincrement()`/`sequence()` make the database number the column;
 * `dbgenerated("expr")` is SQL the database evaluates; other functions (`now()`, `uuid()`,
 * `cuid()`) stay Prisma expressions; literals become values, an enum member its database label.
 */
function readDefault(attr: Attribute | undefined, enumInfo: EnumInfo | null | undefined): DefaultFacts {
  if (attr === undefined) return { hasDefault: false, default: null, autoincrement: false };
  const v = argument(attr, 'value');
  const facts: DefaultFacts = { hasDefault: true, default: null, autoincrement: false };
  if (isFunc(v)) {
    if (v.name === 'autoincrement' || v.name === 'sequence') facts.autoincrement = true;
    else if (v.name === 'dbgenerated') {
      const expression = stringValue(v.params?.[0]);
      if (expression) facts.default = { kind: 'sql', expression };
    } else facts.default = { kind: 'prisma', expression: printValue(v) };
  } else if (isArray(v) || Array.isArray(v)) {
    facts.default = { kind: 'prisma', expression: printValue(v) };
  } else if (typeof v === 'string') {
    facts.default = { kind: 'literal', value: literalValue(v, enumInfo) };
  }
  return facts;
}

/** A literal default's value: string, number, boolean, or an enum member's database label. */
function literalValue(v: string, enumInfo: EnumInfo | null | undefined): string | number | boolean {
  const s = stringValue(v);
  if (s !== null) return s;
  if (v === 'true' || v === 'false') return v === 'true';
  const n = numberValue(v);
  // Integers too large for a double keep their digits as written.
  if (n !== null) return Number.isSafeInteger(n) || !/^-?\d+$/.test(v) ? n : v;
  if (isIdentifier(v)) return enumInfo?.labels.get(v) ?? v;
  return v;
}

/** Builds the column of a scalar or enum field. Keys and uniqueness are set by the model pass. */
export function scalarColumn(block: ParsedBlock, field: Field, base: BaseType, dialect: SqlDialect): Column {
  const native = field.attributes?.find((a) => a.group === 'db');
  const facts = refineType(base.type, native, dialect);
  const def = readDefault(fieldAttribute(field, 'default'), base.enumInfo);
  const generatesUuid = def.default?.kind === 'prisma' && /^uuid\(/.test(def.default.expression);
  if (facts.type === 'string' && generatesUuid) facts.type = 'uuid';
  const enumFacts =
    base.enumName === undefined
      ? {}
      : { enumName: base.enumInfo?.type.name ?? base.enumName, enumValues: base.enumInfo?.type.values ?? null };
  return makeColumn({
    name: columnName(field),
    attribute: field.name,
    location: locate(block, field),
    rawType: native ? `${base.written} ${printAttribute(native)}` : base.written,
    // Prisma creates scalar list columns without NOT NULL (`String[]` is `text[]`, NULL allowed).
    nullable: field.optional === true || base.list,
    ...facts,
    type: base.list ? 'array' : facts.type,
    itemType: base.list ? facts.type : null,
    ...enumFacts,
    ...def,
    hasDefault: def.hasDefault || fieldAttribute(field, 'updatedAt') !== undefined,
  });
}
