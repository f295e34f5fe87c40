// Constructors for IR records with every field filled, so readers only state what they know.

import type {
  Column,
  ForeignKey,
  Model,
  Schema,
  SchemaFormat,
  SourceLocation,
  SqlDialect,
  Table,
} from './ir';

export function makeColumn(
  fields: Pick<Column, 'name' | 'location'> & Partial<Column>,
): Column {
  return {
    attribute: null,
    type: 'unknown',
    rawType: '',
    nullable: true,
    primaryKey: false,
    unique: false,
    maxLength: null,
    precision: null,
    scale: null,
    enumName: null,
    enumValues: null,
    itemType: null,
    timezone: false,
    hasDefault: false,
    default: null,
    autoincrement: false,
    computed: false,
    comment: null,
    ...fields,
  };
}

// `makeTable` and `makeModel` write their fields out rather than spreading `fields` over defaults:
// readers call them once per table of large schemas, where the spread was the costliest line. The
// key order is the one the spread gave (defaults first, then the rest), so output is unchanged.

export function makeTable(fields: Pick<Table, 'name' | 'location'> & Partial<Table>): Table {
  const table: Table = {
    schema: fields.schema ?? null,
    model: fields.model ?? null,
    columns: fields.columns ?? [],
    primaryKey: fields.primaryKey ?? [],
    uniqueConstraints: fields.uniqueConstraints ?? [],
    foreignKeys: fields.foreignKeys ?? [],
    checks: fields.checks ?? [],
    indexes: fields.indexes ?? [],
    comment: fields.comment ?? null,
    name: fields.name,
    location: fields.location,
  };
  if (fields.primaryKeyName !== undefined) table.primaryKeyName = fields.primaryKeyName;
  if (fields.primaryKeyClientName !== undefined) table.primaryKeyClientName = fields.primaryKeyClientName;
  return table;
}

export function makeForeignKey(
  fields: Pick<ForeignKey, 'columns' | 'refTable' | 'refColumns' | 'location'> & Partial<ForeignKey>,
): ForeignKey {
  return {
    name: null,
    onDelete: null,
    onUpdate: null,
    deferrable: false,
    initiallyDeferred: false,
    useAlter: false,
    logical: false,
    ...fields,
  };
}

export function makeModel(fields: Pick<Model, 'name' | 'table' | 'location'> & Partial<Model>): Model {
  return {
    parent: fields.parent ?? null,
    inheritance: fields.inheritance ?? null,
    polymorphicOn: fields.polymorphicOn ?? null,
    polymorphicIdentity: fields.polymorphicIdentity ?? null,
    columns: fields.columns ?? [],
    relationships: fields.relationships ?? [],
    name: fields.name,
    table: fields.table,
    location: fields.location,
  };
}

export function emptySchema(format: SchemaFormat, dialect: SqlDialect | null = null): Schema {
  return { format, dialect, tables: [], models: [], enums: [], meta: {} };
}

/** The key a table is referenced by: `name`, or `schema.name` outside the default schema. */
export function qualifiedName(schema: string | null, name: string): string {
  return schema ? `${schema}.${name}` : name;
}

export function nowhere(file: string): SourceLocation {
  return { file, line: 1, column: 1 };
}

/**
 * A copy of `items` at its exact size. An array grown by `push` from empty reserves 17 slots, and
 * the IR's lists (columns, checks, foreign keys, a model's relationships...) live as long as the
 * schema: at 1,000 SQLAlchemy models their spare slots were a fifth of the IR, copied by every
 * scavenge.
 */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}
