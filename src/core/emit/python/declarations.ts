// Value plans → factory_boy declarations. Every declaration works on factory_boy 2.11 and 3.x and
// on Faker 0.9 through 33: numbers and dates come from `factory.fuzzy` (seeded by factory_boy),
// text from long-standing Faker providers, unique values from sequences.

import type { EnumType } from '../../ir';
import type { Semantic, ValuePlan } from '../../analysis/values';
import { pyFloat, pyStr } from './code';

/** Module-level helpers a declaration may need; factories.py defines only the ones used. */
export type Helper = 'fake' | 'unique' | 'fit' | 'short_code' | 'key';

export interface Declaration {
  /** The Python expression, or null when the column is left to the database/ORM. */
  expr: string | null;
  /** Standard-library modules the expression uses. */
  stdlib: Set<string>;
  helpers: Set<Helper>;
  /** `factory.fuzzy` is used. */
  fuzzy: boolean;
  /** A Python enum class the expression names. */
  enumClass: string | null;
}

interface Provider {
  /** Python Faker method and arguments. */
  method: string;
  args?: string;
  /** The longest value it plausibly returns (en_US), to decide when to cut. */
  typical: number;
}

const PROVIDERS: Record<Exclude<Semantic, 'code'>, Provider> = {
  email: { method: 'email', typical: 40 },
  first_name: { method: 'first_name', typical: 15 },
  last_name: { method: 'last_name', typical: 15 },
  name: { method: 'name', typical: 40 },
  username: { method: 'user_name', typical: 25 },
  phone: { method: 'phone_number', typical: 25 },
  street: { method: 'street_address', typical: 45 },
  city: { method: 'city', typical: 30 },
  state: { method: 'state', typical: 20 },
  postcode: { method: 'postcode', typical: 10 },
  country: { method: 'country', typical: 60 },
  country_code: { method: 'country_code', typical: 2 },
  company: { method: 'company', typical: 45 },
  url: { method: 'url', typical: 50 },
  slug: { method: 'slug', typical: 60 },
  title: { method: 'sentence', args: 'nb_words=4', typical: 60 },
  product: { method: 'catch_phrase', typical: 80 },
  word: { method: 'word', typical: 15 },
  text: { method: 'text', args: 'max_nb_chars=200', typical: 200 },
  ipv4: { method: 'ipv4', typical: 15 },
  hex_color: { method: 'hex_color', typical: 7 },
  currency_code: { method: 'currency_code', typical: 3 },
  job: { method: 'job', typical: 80 },
  password_hash: { method: 'sha256', typical: 64 },
  uuid: { method: 'uuid4', typical: 36 },
  file_name: { method: 'file_name', typical: 30 },
  language_code: { method: 'language_code', typical: 5 },
  timezone: { method: 'timezone', typical: 40 },
};

function empty(): Declaration {
  return { expr: null, stdlib: new Set(), helpers: new Set(), fuzzy: false, enumClass: null };
}

function num(v: number): string {
  return Number.isInteger(v) ? String(v) : pyFloat(v);
}

function pyDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `datetime.date(${y}, ${m}, ${d})`;
}

function pyDateTime(iso: string, tz: boolean): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `datetime.datetime(${y}, ${m}, ${d}${tz ? ', tzinfo=datetime.timezone.utc' : ''})`;
}

export interface DeclarationContext {
  /** Python attribute of each column, for plans that refer to another column. */
  attributeOf: (column: string) => string;
  /** The enum type of the column, when it is an enum. */
  enumType: EnumType | null;
  /** Column name, for prefixes of generated codes. */
  columnName: string;
  fakerLocale: string;
}

/** The factory_boy declaration for a column's value plan. */
export function declarationFor(plan: ValuePlan, ctx: DeclarationContext): Declaration {
  const d = empty();
  switch (plan.kind) {
    case 'omit':
    case 'foreign-key':
    case 'null':
      return d;
    case 'boolean':
      d.expr = plan.value ? 'True' : 'False';
      return d;
    case 'integer': {
      d.fuzzy = !plan.unique;
      if (plan.unique) {
        const span = plan.max - plan.min + 1;
        d.expr = span > 1e9 ? `factory.Sequence(lambda n: ${plan.min} + n)` : `factory.Sequence(lambda n: ${plan.min} + n % ${span})`;
        if (plan.min === 0 && span > 1e9) d.expr = 'factory.Sequence(lambda n: n)';
      } else d.expr = `factory.fuzzy.FuzzyInteger(${plan.min}, ${plan.max})`;
      return d;
    }
    case 'decimal': {
      if (plan.unique) {
        d.stdlib.add('decimal');
        d.expr = `factory.Sequence(lambda n: decimal.Decimal(${pyStr(plan.min)}) + n)`;
        return d;
      }
      d.fuzzy = true;
      d.expr = `factory.fuzzy.FuzzyDecimal(${trimNum(plan.min)}, ${trimNum(plan.max)}, precision=${plan.scale})`;
      return d;
    }
    case 'float':
      d.fuzzy = true;
      d.expr = `factory.fuzzy.FuzzyFloat(${num(plan.min)}, ${num(plan.max)})`;
      return d;
    case 'choice': {
      const e = ctx.enumType;
      if (e?.className && e.members) {
        d.enumClass = e.className;
        const members = plan.values
          .map((v) => e.members!.find((m) => m.name === v || String(m.value) === String(v)))
          .filter((m): m is NonNullable<typeof m> => !!m);
        d.expr =
          members.length === e.members.length
            ? `factory.Iterator(${e.className})`
            : `factory.Iterator([${members.map((m) => `${e.className}.${m.name}`).join(', ')}])`;
        return d;
      }
      d.expr = `factory.Iterator([${plan.values.map((v) => (typeof v === 'string' ? pyStr(v) : typeof v === 'number' ? num(v) : v ? 'True' : 'False')).join(', ')}])`;
      return d;
    }
    case 'date':
    case 'datetime': {
      d.stdlib.add('datetime');
      if (plan.after) {
        const other = ctx.attributeOf(plan.after.column);
        const unit = plan.kind === 'date' ? 'days' : 'hours';
        const step = plan.after.inclusive ? 'n % 28' : '1 + n % 28';
        d.expr = `factory.LazyAttributeSequence(lambda o, n: o.${other} + datetime.timedelta(${unit}=${step}))`;
        return d;
      }
      if (plan.unique) {
        const start = plan.kind === 'date' ? pyDate(plan.min) : pyDateTime(plan.min, plan.timezone);
        const unit = plan.kind === 'date' ? 'days' : 'minutes';
        d.expr = `factory.Sequence(lambda n: ${start} + datetime.timedelta(${unit}=n))`;
        return d;
      }
      d.fuzzy = true;
      if (plan.kind === 'date') d.expr = `factory.fuzzy.FuzzyDate(${pyDate(plan.min)}, ${pyDate(plan.max)})`;
      else if (plan.timezone) {
        d.expr = `factory.fuzzy.FuzzyDateTime(${pyDateTime(plan.min, true)}, ${pyDateTime(plan.max, true)})`;
      } else d.expr = `factory.fuzzy.FuzzyNaiveDateTime(${pyDateTime(plan.min, false)}, ${pyDateTime(plan.max, false)})`;
      return d;
    }
    case 'time':
      d.expr = 'factory.Faker("time_object")';
      return d;
    case 'interval':
      d.stdlib.add('datetime');
      d.expr = 'factory.Sequence(lambda n: datetime.timedelta(minutes=15 * (1 + n % 16)))';
      return d;
    case 'uuid':
      d.stdlib.add('uuid');
      d.expr = 'factory.LazyFunction(uuid.uuid4)';
      return d;
    case 'json':
      d.expr = 'factory.LazyFunction(dict)';
      return d;
    case 'binary': {
      d.stdlib.add('os');
      const n = Math.min(16, plan.maxLength ?? 16);
      d.expr = `factory.LazyFunction(lambda: os.urandom(${n}))`;
      return d;
    }
    case 'array': {
      const item = plan.item;
      if (item.kind === 'text') {
        d.helpers.add('fake');
        d.expr = 'factory.LazyFunction(lambda: fake.words(3))';
      } else if (item.kind === 'integer') d.expr = `factory.LazyFunction(lambda: [${item.min}, ${Math.min(item.max, item.min + 1)}])`;
      else d.expr = 'factory.LazyFunction(list)';
      return d;
    }
    case 'text':
      return textDeclaration(plan, ctx, d);
  }
}

function trimNum(s: string): string {
  const n = Number(s);
  return Number.isInteger(n) ? String(n) : s.replace(/0+$/, '').replace(/\.$/, '.0');
}

/** A short prefix for generated codes, from the column name: `sku` → `SKU`, `order_number` → `ON`. */
function codePrefix(column: string): string {
  const parts = column.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (parts.length === 1) return parts[0].slice(0, 3).toUpperCase();
  return parts
    .map((p) => p[0])
    .join('')
    .slice(0, 3)
    .toUpperCase();
}

/**
 * The length of a generated code when a prefixed sequence (`SKU-17`) cannot fit the column: short
 * columns, or a minimum length (a CHECK such as `char_length(isbn) = 13`). Null when it can.
 */
export function fixedCodeLength(min: number, max: number | null): number | null {
  if (max !== null && max < 10) return Math.max(min, max);
  if (min > 1) return max === null ? Math.max(min, 8) : Math.min(max, Math.max(min, 8));
  return null;
}

function textDeclaration(plan: Extract<ValuePlan, { kind: 'text' }>, ctx: DeclarationContext, d: Declaration): Declaration {
  const max = plan.maxLength;
  const min = plan.minLength;
  if (plan.semantic === 'code' || (plan.unique && max !== null && max < 12) || (plan.unique && min > 1)) {
    const length = fixedCodeLength(min, max);
    if (length !== null) {
      d.helpers.add('short_code');
      d.expr = `factory.Sequence(lambda n: _short_code(n, ${length}))`;
      return d;
    }
    d.helpers.add('unique');
    d.expr = `factory.Sequence(lambda n: _unique(${pyStr(codePrefix(ctx.columnName))}, n${max !== null ? `, ${max}` : ''}))`;
    return d;
  }
  const p = PROVIDERS[plan.semantic];
  let args = p.args ?? '';
  if (plan.semantic === 'text' && max !== null && max < 200) {
    args = max >= 5 ? `max_nb_chars=${max}` : '';
  }
  const call = `fake.${p.method}(${args})`;
  if (plan.unique) {
    d.helpers.add('unique');
    d.helpers.add('fake');
    d.expr = `factory.Sequence(lambda n: _unique(${call}, n${max !== null ? `, ${max}` : ''}))`;
    return d;
  }
  const fits = (max === null || max >= p.typical) && min <= 1;
  if (fits || (plan.semantic === 'text' && max !== null && max >= 5 && min <= 1)) {
    const locale = ctx.fakerLocale !== 'en_US' ? `locale=${pyStr(ctx.fakerLocale)}` : '';
    const all = [pyStr(p.method), args, locale].filter(Boolean).join(', ');
    d.expr = `factory.Faker(${all})`;
    return d;
  }
  d.helpers.add('fake');
  if (min <= 1 && max !== null) {
    d.expr = `factory.LazyFunction(lambda: ${call}[:${max}])`;
    return d;
  }
  d.helpers.add('fit');
  d.expr = `factory.LazyFunction(lambda: _fit(${call}, ${min}, ${max ?? 'None'}))`;
  return d;
}
