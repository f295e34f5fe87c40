// Value plans → TypeScript expressions for factories.ts, the twin of the Python declarations:
// realistic text from @faker-js/faker (the same providers `fakeText` uses for seed rows), numbers
// and dates within the planned bounds, enum members by their Prisma names, and unique values made
// from a sequence tagged with the vitest worker, so they stay unique across a batch and across
// workers. Prisma schemas have no CHECK constraints, so a date never has to follow another column.

import type { Semantic, ValuePlan } from '../../analysis/values';
import { tsNumber, tsStr } from './code';
import type { EnumView } from './view';

/** Module-level helpers an expression may call; factories.ts defines only the ones used. */
export type Helper = 'unique' | 'fit' | 'shortCode' | 'uniqueInt';

export interface Expression {
  /** The TypeScript expression, or null when the field is left to the database or to Prisma. */
  code: string | null;
  helpers: Set<Helper>;
  /** Enum objects the expression names. */
  enums: Set<string>;
}

/** A faker call per text semantic, with the longest value it plausibly returns (en_US). */
const PROVIDERS: Readonly<Record<Exclude<Semantic, 'code'>, { call: string; typical: number }>> = {
  email: { call: "faker.internet.email({ provider: 'example.com' }).toLowerCase()", typical: 40 },
  first_name: { call: 'faker.person.firstName()', typical: 15 },
  last_name: { call: 'faker.person.lastName()', typical: 15 },
  name: { call: 'faker.person.fullName()', typical: 40 },
  username: { call: 'faker.internet.username()', typical: 25 },
  phone: { call: "faker.phone.number({ style: 'national' })", typical: 25 },
  street: { call: 'faker.location.streetAddress()', typical: 45 },
  city: { call: 'faker.location.city()', typical: 30 },
  state: { call: 'faker.location.state()', typical: 20 },
  postcode: { call: 'faker.location.zipCode()', typical: 10 },
  country: { call: 'faker.location.country()', typical: 60 },
  country_code: { call: "faker.location.countryCode('alpha-2')", typical: 2 },
  company: { call: 'faker.company.name()', typical: 45 },
  url: { call: 'faker.internet.url()', typical: 50 },
  slug: { call: 'faker.helpers.slugify(faker.word.words(3)).toLowerCase()', typical: 60 },
  title: { call: 'faker.book.title()', typical: 60 },
  product: { call: 'faker.commerce.productName()', typical: 40 },
  word: { call: 'faker.word.noun()', typical: 15 },
  text: { call: 'faker.lorem.paragraph()', typical: 400 },
  ipv4: { call: 'faker.internet.ipv4()', typical: 15 },
  hex_color: { call: "faker.color.rgb({ format: 'hex', casing: 'lower' })", typical: 7 },
  currency_code: { call: 'faker.finance.currencyCode()', typical: 3 },
  job: { call: 'faker.person.jobTitle()', typical: 45 },
  password_hash: { call: "faker.string.hexadecimal({ length: 64, prefix: '', casing: 'lower' })", typical: 64 },
  uuid: { call: 'faker.string.uuid()', typical: 36 },
  file_name: { call: 'faker.system.fileName()', typical: 30 },
  language_code: { call: 'faker.location.language().alpha2', typical: 2 },
  timezone: { call: 'faker.location.timeZone()', typical: 40 },
};

/** The expression for one field's value plan; `enumView` is the field's enum, when it has one. */
export function expressionFor(plan: ValuePlan, column: string, enumView: EnumView | null): Expression {
  const out: Expression = { code: null, helpers: new Set(), enums: new Set() };
  out.code = code(plan, column, enumView, out);
  return out;
}

/** The code of a plan; records helpers and enums used in `out`. */
function code(plan: ValuePlan, column: string, enumView: EnumView | null, out: Expression): string | null {
  switch (plan.kind) {
    case 'omit':
    case 'foreign-key':
    case 'null':
      return null;
    case 'boolean':
      return plan.value ? 'true' : 'false';
    case 'integer':
      if (plan.unique) {
        out.helpers.add('uniqueInt');
        return `uniqueInt(${tsNumber(plan.min)}, ${tsNumber(plan.max)})`;
      }
      return `faker.number.int({ min: ${tsNumber(plan.min)}, max: ${tsNumber(plan.max)} })`;
    case 'decimal':
      return decimal(plan, out);
    case 'float':
      return `faker.number.float({ min: ${tsNumber(plan.min)}, max: ${tsNumber(plan.max)}, fractionDigits: 4 })`;
    case 'choice':
      return choice(plan.values.map(String), enumView, out);
    case 'date':
    case 'datetime':
      return date(plan, out);
    case 'time':
      return "faker.date.between({ from: '2025-06-01T07:00:00Z', to: '2025-06-01T20:00:00Z' })";
    case 'interval':
      return "'PT15M'";
    case 'uuid':
      return 'faker.string.uuid()';
    case 'json':
      return '{}';
    case 'binary':
      return `Uint8Array.from(faker.helpers.multiple(() => faker.number.int(255), { count: ${Math.min(16, plan.maxLength ?? 16)} }))`;
    case 'array':
      return array(plan.item, column, enumView, out);
    case 'text':
      return text(plan, column, out);
  }
}

/** A decimal as a string, exact to the column's scale (Prisma accepts strings for Decimal). */
function decimal(plan: Extract<ValuePlan, { kind: 'decimal' }>, out: Expression): string {
  const min = Number(plan.min);
  const max = Number(plan.max);
  if (plan.unique && Math.ceil(min) <= Math.floor(max)) {
    out.helpers.add('uniqueInt');
    return `uniqueInt(${Math.ceil(min)}, ${Math.floor(max)}).toFixed(${plan.scale})`;
  }
  // Fewer fraction digits than the scale allows read better and always fit.
  const digits = Math.min(plan.scale, 4);
  return `faker.finance.amount({ min: ${tsNumber(min)}, max: ${tsNumber(max)}, dec: ${digits} })`;
}

/** One of the allowed values; enum members by name (`Role.ADMIN`), every member with `Object.values`. */
function choice(values: string[], enumView: EnumView | null, out: Expression): string {
  if (!enumView) return `faker.helpers.arrayElement([${values.map(tsStr).join(', ')}])`;
  out.enums.add(enumView.typeName);
  const members = values.map((v) => enumView.memberOf.get(v)).filter((m): m is string => m !== undefined);
  if (members.length === enumView.memberOf.size) return `faker.helpers.arrayElement(Object.values(${enumView.typeName}))`;
  return `faker.helpers.arrayElement([${members.map((m) => enumMember(enumView.typeName, m)).join(', ')}])`;
}

/** `Role.ADMIN`, or `Role['some-name']` for a member name that is no identifier. */
export function enumMember(enumName: string, memberName: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(memberName) ? `${enumName}.${memberName}` : `${enumName}[${tsStr(memberName)}]`;
}

/** A date within the planned bounds; unique dates step by a minute (a day for dates) per value. */
function date(plan: Extract<ValuePlan, { kind: 'date' | 'datetime' }>, out: Expression): string {
  const from = `${plan.min}T00:00:00Z`;
  if (plan.unique) {
    out.helpers.add('uniqueInt');
    // Whole days for a date, minutes for a timestamp, over a range no worker runs out of.
    const [span, step] = plan.kind === 'date' ? ['36_500', '86_400_000'] : ['10_000_000', '60_000'];
    return `new Date(Date.parse(${tsStr(from)}) + uniqueInt(0, ${span}) * ${step})`;
  }
  const to = plan.kind === 'date' ? `${plan.max}T00:00:00Z` : `${plan.max}T23:59:59Z`;
  // A date column keeps only the day of the value (in UTC).
  return `faker.date.between({ from: ${tsStr(from)}, to: ${tsStr(to)} })`;
}

/** A short list for a scalar list field. */
function array(item: ValuePlan, column: string, enumView: EnumView | null, out: Expression): string {
  if (item.kind === 'text') return "faker.word.words(3).split(' ')";
  if (item.kind === 'integer') return `[${tsNumber(item.min)}, ${tsNumber(Math.min(item.max, item.min + 1))}]`;
  if (item.kind === 'choice') return `[${code(item, column, enumView, out)}]`;
  const one = code(item, column, enumView, out);
  return one === null ? '[]' : `[${one}]`;
}

/** A short prefix for generated codes, from the column name: `sku` → `SKU`, `order_number` → `ON`. */
function codePrefix(column: string): string {
  const parts = column
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (parts.length <= 1) return (parts[0] ?? 'C').slice(0, 3).toUpperCase();
  return parts
    .map((p) => p[0])
    .join('')
    .slice(0, 3)
    .toUpperCase();
}

/** Realistic text within the planned lengths; unique text carries the worker and a sequence number. */
function text(plan: Extract<ValuePlan, { kind: 'text' }>, column: string, out: Expression): string {
  const max = plan.maxLength;
  const min = plan.minLength;
  const maxArg = max === null ? '' : `, ${max}`;
  if (plan.semantic === 'code' || (plan.unique && max !== null && max < 12)) {
    if (max !== null && max < 10) {
      out.helpers.add('shortCode');
      return `shortCode(${Math.max(min, max)})`;
    }
    out.helpers.add('unique');
    return `unique(${tsStr(codePrefix(column))}${maxArg})`;
  }
  const provider = PROVIDERS[plan.semantic];
  if (plan.unique) {
    out.helpers.add('unique');
    return `unique(${provider.call}${maxArg})`;
  }
  if ((max === null || max >= provider.typical) && min <= 1) return provider.call;
  out.helpers.add('fit');
  return `fit(${provider.call}, ${min}, ${max === null ? 'null' : max})`;
}
