// Prisma models as IR tables: scalar and enum fields become columns; `@id`/`@@id`, `@unique`/
// `@@unique` and `@@index` become keys and indexes. Relation fields are only collected here; the
// relation pass turns them into foreign keys once every model is known.

import type { Attribute, BlockAttribute, Field, Model } from '@mrleebo/prisma-ast';
import type { Column } from '../../ir';
import { makeModel, makeTable, qualifiedName } from '../../build';
import { argument, fieldAttribute, keyedArgument, nameList, printValue, stringValue } from './ast';
import { SCALAR_TYPES, scalarColumn, type BaseType } from './columns';
import { locate, report, type ModelInfo, type ReaderContext } from './context';
import { mappedName, schemaOf } from './names';
import type { ParsedBlock } from './parse';

/** Reads a model block into its table and model. */
export function readModel(ctx: ReaderContext, block: ParsedBlock, node: Model): ModelInfo {
  // The parser can leave holes in a damaged block's properties: skip them.
  const fields = node.properties.filter((p): p is Field => p?.type === 'field');
  const attributes = node.properties.filter((p): p is BlockAttribute => p?.type === 'attribute');
  const schema = schemaOf(attributes, ctx.dialect);
  const location = locate(block, node);
  const table = makeTable({
    name: qualifiedName(schema, mappedName(attributes, node.name)),
    schema,
    model: node.name,
    location,
  });
  const info: ModelInfo = {
    name: node.name,
    block,
    table,
    model: makeModel({ name: node.name, table: table.name, location }),
    columns: new Map(),
    relationFields: [],
  };
  for (const field of fields) readField(ctx, info, field);
  for (const attr of attributes) readBlockAttribute(ctx, info, attr);
  info.model.columns = table.columns.map((c) => c.name);
  return info;
}

/**
 * What a field's type names: a scalar or enum (a column), another model (a relation), or something
 * that is no column. Unknown types are reported here.
 */
function baseType(ctx: ReaderContext, info: ModelInfo, field: Field): BaseType | 'relation' | null {
  const list = field.array === true;
  if (typeof field.fieldType !== 'string') {
    const written = printValue(field.fieldType);
    if (field.fieldType.name === 'Unsupported') return { type: 'unknown', written, list };
    reportUnknownType(ctx, info, field, written);
    return null;
  }
  const name = field.fieldType;
  const written = list ? `${name}[]` : name;
  if (SCALAR_TYPES[name]) return { type: SCALAR_TYPES[name], written, list };
  const enumInfo = ctx.enums.get(name);
  if (enumInfo) return { type: 'enum', written, list, enumName: name, enumInfo };
  switch (ctx.declared.get(name) ?? ctx.broken.get(name)) {
    case 'model':
      return ctx.broken.has(name) ? null : 'relation';
    case 'type':
      // A MongoDB composite type: an embedded document.
      return { type: 'json', written, list };
    case 'enum':
      // The enum block did not parse (already reported): its values are unknown.
      return { type: 'enum', written, list, enumName: name, enumInfo: null };
    case 'view':
      report(ctx, info.block, field, 'info', `field "${field.name}" relates to view "${name}", which is not a table: no foreign key is read for it`, 'prisma/view-relation');
      return null;
    default:
      reportUnknownType(ctx, info, field, name);
      return null;
  }
}

/** Reports a field type that names nothing, at its `@relation` when it has one. */
function reportUnknownType(ctx: ReaderContext, info: ModelInfo, field: Field, written: string): void {
  const relation = fieldAttribute(field, 'relation');
  report(
    ctx,
    info.block,
    relation ?? field,
    'error',
    `field "${info.name}.${field.name}" has type "${written}", which is not a scalar type, enum or model of this schema; declare it or fix the type — the field is skipped`,
    'prisma/unknown-type',
  );
}

/** Adds a scalar or enum field as a column (with `@id`/`@unique`), or collects a relation field. */
function readField(ctx: ReaderContext, info: ModelInfo, field: Field): void {
  const base = baseType(ctx, info, field);
  if (base === 'relation') {
    info.relationFields.push(field);
    return;
  }
  if (base === null) return;
  const column = scalarColumn(info.block, field, base, ctx.dialect);
  info.columns.set(field.name, column);
  info.table.columns.push(column);
  const id = fieldAttribute(field, 'id');
  if (id) setPrimaryKey(ctx, info, [column], id);
  const unique = fieldAttribute(field, 'unique');
  if (unique) {
    column.unique = true;
    info.table.uniqueConstraints.push({
      name: mapArgument(unique),
      columns: [column.name],
      location: locate(info.block, unique),
    });
  }
}

/** The database name given with `map: "..."`, or null. */
function mapArgument(attr: BlockAttribute | Attribute): string | null {
  const map = keyedArgument(attr, 'map');
  return map ? stringValue(map.value) : null;
}

/** Makes `columns` the primary key; a second `@id`/`@@id` is reported and ignored. */
function setPrimaryKey(ctx: ReaderContext, info: ModelInfo, columns: Column[], attr: Attribute | BlockAttribute): void {
  if (info.table.primaryKey.length > 0) {
    report(ctx, info.block, attr, 'error', `model "${info.name}" already has an id; a model has one @id or one @@id — this one is ignored`, 'prisma/duplicate-id');
    return;
  }
  info.table.primaryKey = columns.map((c) => c.name);
  for (const c of columns) c.primaryKey = true;
  const name = mapArgument(attr);
  if (name !== null) info.table.primaryKeyName = name;
}

/** Reads `@@id`, `@@unique`, `@@index` and `@@fulltext`; `@@map`/`@@schema` were read with the table. */
function readBlockAttribute(ctx: ReaderContext, info: ModelInfo, attr: BlockAttribute): void {
  if (attr.group !== undefined || !['id', 'unique', 'index', 'fulltext'].includes(attr.name)) return;
  const columns = resolveFieldList(ctx, info, attr);
  if (columns === null) return;
  const location = locate(info.block, attr);
  const name = mapArgument(attr);
  // `name: "x"` renames the compound input Prisma Client generates (`where: { x: { a, b } }`).
  const clientNameArg = keyedArgument(attr, 'name');
  const clientName = clientNameArg ? stringValue(clientNameArg.value) : null;
  if (attr.name === 'id') {
    const had = info.table.primaryKey.length > 0;
    setPrimaryKey(ctx, info, columns, attr);
    if (!had && clientName !== null) info.table.primaryKeyClientName = clientName;
  } else if (attr.name === 'unique') {
    if (columns.length === 1) columns[0].unique = true;
    const unique = { name, columns: columns.map((c) => c.name), location };
    info.table.uniqueConstraints.push(clientName === null ? unique : { ...unique, clientName });
  } else {
    info.table.indexes.push({ name, columns: columns.map((c) => c.name), unique: false, location });
  }
}

/** The columns a block attribute's field list names, or null after reporting a name that is no scalar field. */
function resolveFieldList(ctx: ReaderContext, info: ModelInfo, attr: BlockAttribute): Column[] | null {
  const names = nameList(argument(attr, 'fields'));
  if (names === null || names.length === 0) {
    report(ctx, info.block, attr, 'error', `@@${attr.name} needs a list of fields, e.g. @@${attr.name}([a, b]) — it is ignored`, 'prisma/attribute');
    return null;
  }
  const columns: Column[] = [];
  for (const n of names) {
    const column = info.columns.get(n);
    if (!column) {
      report(
        ctx,
        info.block,
        attr,
        'error',
        `@@${attr.name} names "${n}", which is not a scalar field of model "${info.name}"; fix the name — the attribute is ignored`,
        'prisma/unknown-field',
      );
      return null;
    }
    columns.push(column);
  }
  return columns;
}
