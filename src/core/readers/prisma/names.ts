// Database names of Prisma blocks and fields: `@@map` renames a model or enum, `@map` a field,
// `@@schema` places a block in a database schema (Prisma's multiSchema).

import type { BlockAttribute, Field } from '@mrleebo/prisma-ast';
import type { SqlDialect } from '../../ir';
import { argument, fieldAttribute, stringValue } from './ast';

/**
 * The database schema a block lives in: `@@schema("auth")`, or null for the default schema
 * (none given, or `public` on PostgreSQL).
 */
export function schemaOf(attributes: BlockAttribute[], dialect: SqlDialect): string | null {
  const attr = attributes.find((a) => a.name === 'schema' && a.group === undefined);
  const schema = attr ? stringValue(argument(attr, 'name')) : null;
  return schema && !(dialect === 'postgresql' && schema === 'public') ? schema : null;
}

/** The database name a block maps to: `@@map("name")`, or the Prisma name. */
export function mappedName(attributes: BlockAttribute[], prismaName: string): string {
  const attr = attributes.find((a) => a.name === 'map' && a.group === undefined);
  return (attr && stringValue(argument(attr, 'name'))) || prismaName;
}

/** The database column name: `@map("name")` or the field name. */
export function columnName(field: Field): string {
  const map = fieldAttribute(field, 'map');
  return (map && stringValue(argument(map, 'name'))) || field.name;
}
