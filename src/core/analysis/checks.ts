// Understanding CHECK constraints well enough to generate values that satisfy them.
//
// A small SQL expression parser covers the forms real schemas use: comparisons with constants,
// BETWEEN, IN (...), AND of those, length(col) bounds, `col <> ''`, comparisons between two
// columns (`due_on > loaned_on`), `col IS NULL OR <condition>`, and ORs of equalities on one column.
// Anything else is reported as not understood, so emitters can say so instead of guessing.

export type Literal = number | string | boolean;

export interface Bound {
  value: number | string;
  inclusive: boolean;
}

export interface ColumnFacts {
  min?: Bound;
  max?: Bound;
  /** Allowed values (IN list, or ORed equalities). */
  oneOf?: Literal[];
  /** Values it must not take (`<>`, NOT IN). */
  notIn?: Literal[];
  minLength?: number;
  maxLength?: number;
  notNull?: boolean;
}

export interface ColumnComparison {
  left: string;
  op: '<' | '<=' | '>' | '>=' | '<>';
  right: string;
}

export interface CheckFacts {
  /** Per column (by name as written in the expression, unquoted). */
  columns: Record<string, ColumnFacts>;
  comparisons: ColumnComparison[];
  /** False when some part of the expression was not understood. */
  understood: boolean;
  /** The parts that were not understood, as text, for comments and diagnostics. */
  unknown: string[];
}

type Token =
  | { t: 'num'; v: number; s: string }
  | { t: 'str'; v: string }
  | { t: 'id'; v: string; quoted: boolean }
  | { t: 'op'; v: string }
  | { t: 'eof' };

function tokenize(src: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]), s: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= src.length) return null;
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            v += "'";
            j += 2;
            continue;
          }
          break;
        }
        v += src[j++];
      }
      out.push({ t: 'str', v });
      i = j + 1;
      continue;
    }
    if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const j = src.indexOf(close, i + 1);
      if (j === -1) return null;
      out.push({ t: 'id', v: src.slice(i + 1, j), quoted: true });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0], quoted: false });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['<=', '>=', '<>', '!=', '::', '||', '=='].includes(two)) {
      out.push({ t: 'op', v: two === '!=' ? '<>' : two === '==' ? '=' : two });
      i += 2;
      continue;
    }
    if ('<>=(),.+-*/%~'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    return null;
  }
  out.push({ t: 'eof' });
  return out;
}

/** Expression tree: only what value generation can use; anything else is `opaque`. */
type Node =
  | { k: 'col'; name: string }
  | { k: 'lit'; v: Literal | null }
  | { k: 'len'; col: string }
  | { k: 'cmp'; op: string; l: Node; r: Node }
  | { k: 'between'; e: Node; lo: Node; hi: Node; not: boolean }
  | { k: 'in'; e: Node; list: Node[]; not: boolean }
  | { k: 'isnull'; e: Node; not: boolean }
  | { k: 'and'; items: Node[] }
  | { k: 'or'; items: Node[] }
  | { k: 'not'; e: Node }
  | { k: 'opaque'; text: string };

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private isKw(word: string, at = 0): boolean {
    const t = this.toks[this.i + at];
    return t?.t === 'id' && !t.quoted && t.v.toUpperCase() === word;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === op;
  }
  private expect(op: string): void {
    if (!this.isOp(op)) throw new Error(`expected ${op}`);
    this.i++;
  }

  parse(): Node {
    const e = this.or();
    if (this.peek().t !== 'eof') throw new Error('trailing input');
    return e;
  }

  private or(): Node {
    const items = [this.and()];
    while (this.isKw('OR')) {
      this.i++;
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { k: 'or', items };
  }

  private and(): Node {
    const items = [this.conjunct()];
    while (this.isKw('AND')) {
      this.i++;
      items.push(this.conjunct());
    }
    return items.length === 1 ? items[0] : { k: 'and', items };
  }

  /** One AND operand; if it cannot be parsed, skip to the next top-level AND and keep its text. */
  private conjunct(): Node {
    const start = this.i;
    try {
      return this.not();
    } catch {
      this.i = start;
      let depth = 0;
      while (this.peek().t !== 'eof') {
        if (this.isOp('(')) depth++;
        else if (this.isOp(')')) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (this.isKw('AND') || this.isKw('OR'))) break;
        this.i++;
      }
      if (this.i === start) throw new Error('empty operand');
      return { k: 'opaque', text: this.textOf(start, this.i) };
    }
  }

  private not(): Node {
    if (this.isKw('NOT')) {
      this.i++;
      return { k: 'not', e: this.not() };
    }
    return this.predicate();
  }

  private predicate(): Node {
    const left = this.operand();
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '>', '>=', '=', '<>'].includes(t.v)) {
      this.i++;
      return { k: 'cmp', op: t.v, l: left, r: this.operand() };
    }
    let negated = false;
    if (this.isKw('NOT') && (this.isKw('BETWEEN', 1) || this.isKw('IN', 1) || this.isKw('LIKE', 1))) {
      negated = true;
      this.i++;
    }
    if (this.isKw('BETWEEN')) {
      this.i++;
      if (this.isKw('SYMMETRIC')) throw new Error('symmetric');
      const lo = this.operand();
      if (!this.isKw('AND')) throw new Error('expected AND');
      this.i++;
      const hi = this.operand();
      return { k: 'between', e: left, lo, hi, not: negated };
    }
    if (this.isKw('IN')) {
      this.i++;
      this.expect('(');
      const list = [this.operand()];
      while (this.isOp(',')) {
        this.i++;
        list.push(this.operand());
      }
      this.expect(')');
      return { k: 'in', e: left, list, not: negated };
    }
    if (this.isKw('IS')) {
      this.i++;
      let not = false;
      if (this.isKw('NOT')) {
        not = true;
        this.i++;
      }
      if (!this.isKw('NULL')) throw new Error('IS what?');
      this.i++;
      return { k: 'isnull', e: left, not };
    }
    if (this.isKw('ISNULL') || this.isKw('NOTNULL')) {
      const not = this.isKw('NOTNULL');
      this.i++;
      return { k: 'isnull', e: left, not };
    }
    if (this.isKw('LIKE') || this.isKw('ILIKE') || this.isKw('SIMILAR') || this.isOp('~')) {
      throw new Error('pattern');
    }
    return left;
  }

  /** An operand: a literal, a column, length(col), a parenthesised expression; casts are dropped. */
  private operand(): Node {
    let node = this.atom();
    for (;;) {
      if (this.isOp('::')) {
        this.i++;
        this.typeName();
        continue;
      }
      const t = this.peek();
      if (t.t === 'op' && ['+', '-', '*', '/', '%', '||'].includes(t.v)) {
        // Arithmetic: keep the text, it is not a simple bound.
        const start = this.i - 1;
        this.i++;
        this.atom();
        node = { k: 'opaque', text: this.textOf(start, this.i) };
        continue;
      }
      return node;
    }
  }

  private typeName(): void {
    const t = this.next();
    if (t.t !== 'id') throw new Error('type');
    while (this.peek().t === 'id' && ['VARYING', 'PRECISION', 'ZONE', 'WITH', 'WITHOUT', 'TIME'].includes((this.peek() as { v: string }).v.toUpperCase())) this.i++;
    if (this.isOp('(')) {
      while (!this.isOp(')') && this.peek().t !== 'eof') this.i++;
      this.expect(')');
    }
  }

  private textOf(from: number, to: number): string {
    return this.toks
      .slice(Math.max(0, from), to)
      .map((t) => (t.t === 'str' ? `'${t.v}'` : t.t === 'num' ? t.s : t.t === 'eof' ? '' : t.v))
      .join(' ');
  }

  private atom(): Node {
    const t = this.next();
    if (t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'op' && t.v === '-') {
      const n = this.next();
      if (n.t !== 'num') throw new Error('unary minus');
      return { k: 'lit', v: -n.v };
    }
    if (t.t === 'op' && t.v === '(') {
      const e = this.or();
      this.expect(')');
      return e;
    }
    if (t.t !== 'id') throw new Error(`unexpected ${this.src}`);
    const upper = t.v.toUpperCase();
    if (!t.quoted && (upper === 'TRUE' || upper === 'FALSE')) return { k: 'lit', v: upper === 'TRUE' };
    if (!t.quoted && upper === 'NULL') return { k: 'lit', v: null };
    if (this.isOp('(')) {
      this.i++;
      const fn = upper;
      const args: Node[] = [];
      if (!this.isOp(')')) {
        args.push(this.or());
        while (this.isOp(',')) {
          this.i++;
          args.push(this.or());
        }
      }
      this.expect(')');
      if (['LENGTH', 'CHAR_LENGTH', 'CHARACTER_LENGTH', 'LEN'].includes(fn) && args.length === 1) {
        const inner = args[0];
        if (inner.k === 'col') return { k: 'len', col: inner.name };
      }
      return { k: 'opaque', text: `${t.v}(...)` };
    }
    // Qualified column (table.col): keep the last part.
    let name = t.v;
    while (this.isOp('.')) {
      this.i++;
      const n = this.next();
      if (n.t !== 'id') throw new Error('qualified name');
      name = n.v;
    }
    return { k: 'col', name };
  }
}

/** Parses `length(trim(x))` inputs by rewriting trim/btrim/lower/upper calls around a column. */
function simplify(src: string): string {
  let out = src;
  for (let i = 0; i < 3; i++) {
    out = out.replace(/\b(?:btrim|trim|lower|upper)\s*\(\s*("?[A-Za-z_][A-Za-z0-9_$]*"?)\s*\)/gi, '$1');
  }
  return out;
}

const FLIP: Record<string, ColumnComparison['op'] | '='> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };

/** Parses one CHECK expression into per-column facts. Never throws. */
export function analyzeCheck(expression: string): CheckFacts {
  const facts: CheckFacts = { columns: {}, comparisons: [], understood: true, unknown: [] };
  const toks = tokenize(simplify(expression));
  let tree: Node;
  try {
    if (!toks) throw new Error('tokens');
    tree = new Parser(toks, expression).parse();
  } catch {
    facts.understood = false;
    facts.unknown.push(expression.trim());
    return facts;
  }
  collect(tree, facts, expression);
  return facts;
}

function col(facts: CheckFacts, name: string): ColumnFacts {
  return (facts.columns[name] ??= {});
}

function tighterMin(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  if (b.value > a.value) return b;
  if (b.value === a.value && !b.inclusive) return b;
  return a;
}

function tighterMax(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  if (b.value < a.value) return b;
  if (b.value === a.value && !b.inclusive) return b;
  return a;
}

function litValue(n: Node): Literal | null | undefined {
  return n.k === 'lit' ? n.v : undefined;
}

function collect(n: Node, facts: CheckFacts, text: string): void {
  const fail = (part: string) => {
    facts.understood = false;
    facts.unknown.push(part);
  };
  switch (n.k) {
    case 'and':
      for (const item of n.items) collect(item, facts, item.k === 'opaque' ? item.text : text);
      return;
    case 'cmp': {
      let { l, r, op } = n;
      if (l.k === 'lit' && (r.k === 'col' || r.k === 'len')) {
        [l, r] = [r, l];
        op = FLIP[op];
      }
      const v = litValue(r);
      if (l.k === 'col' && r.k === 'col') {
        if (op === '=') return fail(text.trim());
        facts.comparisons.push({ left: l.name, op: op as ColumnComparison['op'], right: r.name });
        return;
      }
      if ((l.k !== 'col' && l.k !== 'len') || v === undefined || v === null || typeof v === 'boolean') {
        if (l.k === 'col' && typeof v === 'boolean' && op === '=') {
          col(facts, l.name).oneOf = [v];
          return;
        }
        return fail(text.trim());
      }
      if (l.k === 'len') {
        if (typeof v !== 'number') return fail(text.trim());
        const c = col(facts, l.col);
        if (op === '>') c.minLength = Math.max(c.minLength ?? 0, Math.floor(v) + 1);
        else if (op === '>=') c.minLength = Math.max(c.minLength ?? 0, Math.ceil(v));
        else if (op === '<') c.maxLength = Math.min(c.maxLength ?? Infinity, Math.ceil(v) - 1);
        else if (op === '<=') c.maxLength = Math.min(c.maxLength ?? Infinity, Math.floor(v));
        else if (op === '=') {
          c.minLength = v;
          c.maxLength = v;
        } else return fail(text.trim());
        return;
      }
      const c = col(facts, l.name);
      if (op === '>') c.min = tighterMin(c.min, { value: v, inclusive: false });
      else if (op === '>=') c.min = tighterMin(c.min, { value: v, inclusive: true });
      else if (op === '<') c.max = tighterMax(c.max, { value: v, inclusive: false });
      else if (op === '<=') c.max = tighterMax(c.max, { value: v, inclusive: true });
      else if (op === '=') c.oneOf = [v];
      else if (op === '<>') {
        if (v === '') c.minLength = Math.max(c.minLength ?? 0, 1);
        else c.notIn = [...(c.notIn ?? []), v];
      }
      return;
    }
    case 'between': {
      const lo = litValue(n.lo);
      const hi = litValue(n.hi);
      if (n.not || n.e.k !== 'col' || lo == null || hi == null || typeof lo === 'boolean' || typeof hi === 'boolean') {
        if (!n.not && n.e.k === 'len' && typeof lo === 'number' && typeof hi === 'number') {
          const c = col(facts, n.e.col);
          c.minLength = Math.max(c.minLength ?? 0, lo);
          c.maxLength = Math.min(c.maxLength ?? Infinity, hi);
          return;
        }
        return fail(text.trim());
      }
      const c = col(facts, n.e.name);
      c.min = tighterMin(c.min, { value: lo, inclusive: true });
      c.max = tighterMax(c.max, { value: hi, inclusive: true });
      return;
    }
    case 'in': {
      if (n.e.k !== 'col') return fail(text.trim());
      const values = n.list.map(litValue);
      if (values.some((v) => v === undefined || v === null)) return fail(text.trim());
      const c = col(facts, n.e.name);
      if (n.not) c.notIn = [...(c.notIn ?? []), ...(values as Literal[])];
      else c.oneOf = c.oneOf ? c.oneOf.filter((x) => values.includes(x)) : (values as Literal[]);
      return;
    }
    case 'isnull':
      if (n.e.k === 'col' && n.not) {
        col(facts, n.e.name).notNull = true;
        return;
      }
      return fail(text.trim());
    case 'or': {
      // `x IS NULL OR <cond>`: generated values are not null, so <cond> must hold.
      const nonNull = n.items.filter((i) => !(i.k === 'isnull' && !i.not));
      if (nonNull.length === 1 && nonNull.length < n.items.length) {
        collect(nonNull[0], facts, text);
        return;
      }
      // `s = 'a' OR s = 'b'`: an IN list.
      const eqs = n.items.every(
        (i) => i.k === 'cmp' && i.op === '=' && i.l.k === 'col' && litValue(i.r) != null,
      );
      if (eqs) {
        const names = new Set(n.items.map((i) => ((i as { l: { name: string } }).l.name)));
        if (names.size === 1) {
          const [name] = names;
          col(facts, name).oneOf = n.items.map((i) => litValue((i as { r: Node }).r) as Literal);
          return;
        }
      }
      return fail(text.trim());
    }
    case 'not':
      if (n.e.k === 'in' || n.e.k === 'between') {
        collect({ ...n.e, not: !n.e.not }, facts, text);
        return;
      }
      return fail(text.trim());
    case 'lit':
      if (n.v === true) return;
      return fail(text.trim());
    default:
      return fail(text.trim());
  }
}
