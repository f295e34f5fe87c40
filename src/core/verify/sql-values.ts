// Seed and boundary values as PostgreSQL literals. A value goes in as an untyped string literal
// (`'2025-06-01'`) wherever a driver would send a string, so PostgreSQL converts it to the
// column's type exactly as it does for a bound parameter; numbers and booleans go in bare, as
// drivers send them, so a number written into a boolean column fails here as it would there.

import { quoteLiteral } from '../emit/pg-expression';
import type { SeedValue } from '../seed';
import type { BoundaryValue } from './boundaries';

/** A seed value as a SQL expression. */
export function seedLiteral(v: SeedValue): string {
  switch (v.kind) {
    case 'null':
      return 'NULL';
    case 'literal':
      if (typeof v.value === 'boolean') return v.value ? 'TRUE' : 'FALSE';
      if (typeof v.value === 'number') return numberLiteral(v.value);
      return quoteLiteral(v.value);
    case 'decimal':
      return quoteLiteral(v.text);
    case 'date':
      return quoteLiteral(v.iso);
    case 'datetime':
      return quoteLiteral(v.timezone ? v.iso : v.iso.replace(/Z$/, ''));
    case 'time':
      return quoteLiteral(v.text);
    case 'interval':
      return quoteLiteral(`${v.minutes} minutes`);
    case 'uuid':
      return quoteLiteral(v.text);
    case 'json':
      return quoteLiteral(JSON.stringify(v.value));
    case 'bytes':
      return quoteLiteral(`\\x${v.hex}`);
    case 'array':
      return quoteLiteral(`{${v.items.map(arrayItem).join(',')}}`);
    case 'enum':
      return quoteLiteral(v.label);
  }
}

/** A number as SQL: integers as they are, fractions without exponent notation. */
function numberLiteral(n: number): string {
  if (!Number.isFinite(n)) return quoteLiteral(String(n));
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** One element of an array literal (`{a,"b c"}`): quoted, with `"` and `\` escaped. */
function arrayItem(v: SeedValue): string {
  if (v.kind === 'null') return 'NULL';
  if (v.kind === 'array') return `{${v.items.map(arrayItem).join(',')}}`;
  const inner = seedLiteral(v);
  const text = inner.startsWith("'") ? inner.slice(1, -1).replace(/''/g, "'") : inner;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A boundary value as a SQL expression. */
export function boundaryLiteral(v: BoundaryValue): string {
  switch (v.kind) {
    case 'null':
      return 'NULL';
    case 'text':
      return quoteLiteral(v.text.repeat(v.repeat));
    case 'integer':
      return String(v.value);
    case 'decimal':
      return quoteLiteral(v.text);
    case 'float':
      return numberLiteral(v.value);
    case 'date':
      return quoteLiteral(v.iso);
    case 'enum':
      return quoteLiteral(v.label);
  }
}

/** A value as a message shows it: strings quoted and shortened, others as SQL writes them. */
export function shownValue(sql: string): string {
  return sql.length > 60 ? `${sql.slice(0, 57)}...` : sql;
}
