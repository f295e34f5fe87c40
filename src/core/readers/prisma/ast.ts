// Small readers over @mrleebo/prisma-ast nodes. The library keeps every value as its source text
// (`"users"` with quotes, `12`, `true`, `Cascade`), so these helpers tell literals from identifiers
// and find attribute arguments by name or position.

import type { Attribute, BlockAttribute, Field, Func, KeyValue, RelationArray, Value } from '@mrleebo/prisma-ast';

/** An attribute argument as the library returns it: a positional value or a `key: value` pair. */
type Argument = Value | KeyValue | Func;

/** True for a `key: value` argument. */
export function isKeyValue(v: unknown): v is KeyValue {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'keyValue';
}

/** True for a function call value: `now()`, `uuid(7)`, `title(sort: Desc)`. */
export function isFunc(v: unknown): v is Func {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'function';
}

/** True for a list value: `[a, b]`. */
export function isArray(v: unknown): v is RelationArray {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'array';
}

/** The unescaped text of a string literal, or null when the value is not one. */
export function stringValue(v: unknown): string | null {
  if (typeof v !== 'string' || !v.startsWith('"')) return null;
  try {
    return JSON.parse(v) as string;
  } catch {
    return v.slice(1, -1);
  }
}

/** True for a bare identifier (`Cascade`, `id`, `ADMIN`), false for literals and structures. */
export function isIdentifier(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z][\w-]*$/.test(v) && v !== 'true' && v !== 'false' && v !== 'null';
}

/** A number literal's value, or null. */
export function numberValue(v: unknown): number | null {
  return typeof v === 'string' && /^-?\d/.test(v) ? Number(v) : null;
}

/** The attribute's arguments, each unwrapped from its `attributeArgument` node. */
function argumentsOf(attr: Attribute | BlockAttribute): Argument[] {
  return (attr.args ?? []).map((a) => a.value);
}

/** The `key: value` argument named `key`, or undefined. */
export function keyedArgument(attr: Attribute | BlockAttribute, key: string): KeyValue | undefined {
  return argumentsOf(attr).find((a): a is KeyValue => isKeyValue(a) && a.key === key);
}

/**
 * An argument given either by name (`name: "x"`) or as the `index`-th positional argument, the two
 * spellings Prisma accepts for the first argument of most attributes (`@@map("x")`, `@@id(fields: [a])`).
 */
export function argument(attr: Attribute | BlockAttribute, key: string, index = 0): Value | Func | undefined {
  const named = keyedArgument(attr, key);
  if (named) return named.value;
  return argumentsOf(attr).filter((a) => !isKeyValue(a))[index] as Value | Func | undefined;
}

/**
 * The field names of a list argument (`[a, b]`, `[title(sort: Desc)]`), or null when the value is
 * not a list of names.
 */
export function nameList(v: unknown): string[] | null {
  if (!isArray(v)) return null;
  const names: string[] = [];
  for (const item of v.args ?? []) {
    if (isIdentifier(item)) names.push(item);
    else if (isFunc(item)) names.push(item.name);
    else return null;
  }
  return names;
}

/** The field attribute `@name` (no group) of a field, or undefined. */
export function fieldAttribute(field: Field, name: string): Attribute | undefined {
  return field.attributes?.find((a) => a.name === name && a.group === undefined);
}

/** Prints a value back as Prisma source: `uuid(7)`, `[]`, `"x"`, `sort: Desc`. */
export function printValue(v: unknown): string {
  if (isKeyValue(v)) return `${v.key}: ${printValue(v.value)}`;
  if (isFunc(v)) return `${v.name}(${(v.params ?? []).map(printValue).join(', ')})`;
  if (isArray(v)) return `[${(v.args ?? []).map(printValue).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(printValue).join(', ')}]`;
  if (typeof v === 'object' && v !== null && 'properties' in v) {
    return `{ ${(v as { properties: KeyValue[] }).properties.map(printValue).join(', ')} }`;
  }
  return String(v);
}

/** Prints a field attribute as written: `@db.VarChar(120)`, `@default(now())`. */
export function printAttribute(attr: Attribute): string {
  const name = attr.group ? `${attr.group}.${attr.name}` : attr.name;
  return attr.args === undefined ? `@${name}` : `@${name}(${argumentsOf(attr).map(printValue).join(', ')})`;
}
