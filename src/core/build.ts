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

export function makeTable(fields: Pick<Table, 'name' | 'location'> & Partial<Table>): Table {
  return {
    schema: null,
    model: null,
    columns: [],
    primaryKey: [],
    uniqueConstraints: [],
    foreignKeys: [],
    checks: [],
    indexes: [],
    comment: null,
    ...fields,
  };
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
    parent: null,
    inheritance: null,
    polymorphicOn: null,
    polymorphicIdentity: null,
    columns: [],
    relationships: [],
    ...fields,
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
