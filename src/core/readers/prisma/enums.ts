// Prisma enums as IR enum types. `@map` on a member changes the label the database stores and
// `@@map` the type's database name; the Prisma names stay available as members and class name.

import type { BlockAttribute, Enum, Enumerator } from '@mrleebo/prisma-ast';
import type { SqlDialect } from '../../ir';
import { qualifiedName } from '../../build';
import { argument, stringValue } from './ast';
import { mappedName, schemaOf } from './names';
import { locate, type EnumInfo } from './context';
import type { ParsedBlock } from './parse';

/** Reads an enum block; member labels are the `@map` values where given. */
export function readEnum(block: ParsedBlock, node: Enum, dialect: SqlDialect): EnumInfo {
  const members = node.enumerators.filter((e): e is Enumerator => e.type === 'enumerator');
  const attributes = node.enumerators.filter((e): e is BlockAttribute => e.type === 'attribute');
  const labels = new Map<string, string>();
  for (const m of members) {
    const map = m.attributes?.find((a) => a.name === 'map' && a.group === undefined);
    labels.set(m.name, (map && stringValue(argument(map, 'name'))) || m.name);
  }
  return {
    labels,
    type: {
      name: qualifiedName(schemaOf(attributes, dialect), mappedName(attributes, node.name)),
      className: node.name,
      values: [...labels.values()],
      members: [...labels].map(([name, value]) => ({ name, value })),
      location: locate(block, node),
    },
  };
}
