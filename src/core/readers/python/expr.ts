// A small reader for the Python expressions that appear in model files: calls, attribute chains,
// subscripts, literals, containers, lambdas and operators. tree-sitter finds the statements and
// every syntax error; this module only turns the text of one statement that tree-sitter accepted
// into plain data. It exists for speed: crossing into the wasm parser once per syntax node costs
// about as much as the whole parse (measured on a 1,000-model file), while reading the statement
// text here costs a few milliseconds. Anything it does not model becomes an `other` node, and text
// it cannot read at all throws `ExprError`, which callers turn into a warning.

/** One node of a parsed expression. `s`/`e` are offsets into the text the parser was given. */
export type Expr =
  | { k: 'name'; id: string; s: number; e: number }
  | { k: 'attr'; obj: Expr; name: string; s: number; e: number }
  | { k: 'call'; fn: Expr; args: Expr[]; kw: Keyword[]; splat: Expr[]; s: number; e: number }
  | { k: 'sub'; obj: Expr; index: Expr[]; s: number; e: number }
  | { k: 'str'; v: string; f: boolean; s: number; e: number }
  | { k: 'num'; v: number; s: number; e: number }
  | { k: 'const'; v: boolean | null; s: number; e: number }
  | { k: 'list' | 'tuple' | 'set'; items: Expr[]; s: number; e: number }
  | { k: 'dict'; entries: { key: Expr; value: Expr }[]; s: number; e: number }
  | { k: 'lambda'; body: Expr; s: number; e: number }
  | { k: 'bin'; op: string; l: Expr; r: Expr; s: number; e: number }
  | { k: 'unary'; op: string; x: Expr; s: number; e: number }
  | { k: 'star'; x: Expr; s: number; e: number }
  | { k: 'other'; s: number; e: number };

/** A keyword argument `name=value`. */
export interface Keyword {
  name: string;
  value: Expr;
  s: number;
}

/** A simple statement: `a = b = value`, `a: T = value`, `a: T`, or a bare expression. */
export interface Statement {
  targets: Expr[];
  annotation: Expr | null;
  value: Expr | null;
}

/** Thrown for text this reader does not understand; `at` is an offset into the text. */
export class ExprError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

type TokenKind = 'name' | 'num' | 'str' | 'op' | 'eof';

const NAME_RE = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER_RE =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)[jJ]?/y;
const NAME_START_RE = /[\p{L}\p{Nl}_]/u;
const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
/** Code units that can be the second character of a multi-character operator (> = * / < .). */
function isSecondChar(c: number): boolean {
  return c === 62 || c === 61 || c === 42 || c === 47 || c === 60 || c === 46;
}
const TWO_CHAR_OPS = new Set(['->', ':=', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * Splits `text[start, end)` into tokens, skipping whitespace, comments and line continuations.
 * The current token lives in the lexer's fields (no object per token: a large file has hundreds
 * of thousands of them).
 */
class Lexer {
  kind: TokenKind = 'eof';
  /** Start and end offsets of the current token. */
  s = 0;
  e = 0;
  /** Operator or name text; for strings the decoded value. */
  v = '';
  /** The current string token is an f-string (its value is not static). */
  f = false;
  private pos: number;
  private text: string;
  private end: number;

  constructor(text: string, start: number, end: number) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  /** Starts over on `text[start, end)` (the statement parser reuses one lexer). */
  reset(text: string, start: number, end: number): void {
    this.text = text;
    this.pos = start;
    this.end = end;
    this.kind = 'eof';
    this.f = false;
  }

  /** Reads the next token into the fields. */
  next(): void {
    this.skipSpace();
    const { text } = this;
    const s = this.pos;
    const c = text.charCodeAt(s);
    if (s >= this.end || c === 59) {
      // A `;` ends a simple statement like the end of its text does.
      this.set('eof', s, s, '');
      return;
    }
    if (c === 34 || c === 39) return this.string(s, '');
    if (isNameStart(c)) return this.name(s);
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(s + 1)))) {
      // Fast path: a plain decimal integer (most numbers in model files) needs no regex.
      let i = s;
      while (isDigit(text.charCodeAt(i))) i++;
      if (!continuesNumber(text.charCodeAt(i)) && (c !== 48 || i === s + 1)) {
        this.pos = i;
        this.set('num', s, i, text.slice(s, i));
        return;
      }
      NUMBER_RE.lastIndex = s;
      const m = NUMBER_RE.exec(text);
      if (m) {
        this.pos = s + m[0].length;
        this.set('num', s, this.pos, m[0]);
        return;
      }
    }
    const len = operatorLength(text, s);
    this.pos = s + len;
    this.set('op', s, this.pos, len === 1 ? text[s] : text.slice(s, s + len));
  }

  private set(kind: TokenKind, s: number, e: number, v: string): void {
    this.kind = kind;
    this.s = s;
    this.e = e;
    this.v = v;
  }

  /** A name (ASCII fast path, Unicode identifiers by regex) or a prefixed string literal. */
  private name(s: number): void {
    const { text } = this;
    let i = s + 1;
    let hash = text.charCodeAt(s);
    for (;;) {
      const c = text.charCodeAt(i);
      if (isNameStart(c) || isDigit(c)) {
        hash = (hash * 31 + c) | 0;
        i++;
      } else break;
    }
    let word: string;
    if (text.charCodeAt(i) >= 128) {
      NAME_RE.lastIndex = s;
      const m = NAME_RE.exec(text);
      if (m) i = s + m[0].length;
      word = text.slice(s, i);
    } else word = internName(text, s, i, hash);
    const after = text.charCodeAt(i);
    if ((after === 34 || after === 39) && i - s <= 2 && STRING_PREFIX.test(word)) return this.string(s, word.toLowerCase());
    this.pos = i;
    this.set('name', s, i, word);
  }

  /** True when the current token is the operator `v` (a method, so callers re-read after `next()`). */
  isOp(v: string): boolean {
    return this.kind === 'op' && this.v === v;
  }

  /** True when the current token is a name. */
  isName(): boolean {
    return this.kind === 'name';
  }

  /** True when the next token is a lone `=`; reads nothing. */
  nextIsAssign(): boolean {
    const save = this.pos;
    this.skipSpace();
    const at = this.pos;
    this.pos = save;
    return at < this.end && this.text.charCodeAt(at) === 61 && this.text.charCodeAt(at + 1) !== 61;
  }

  private skipSpace(): void {
    const { text } = this;
    while (this.pos < this.end) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) this.pos++;
      else if (c === 92 && (text.charCodeAt(this.pos + 1) === 10 || text.charCodeAt(this.pos + 1) === 13)) this.pos += 2;
      else if (c === 35) {
        while (this.pos < this.end && text.charCodeAt(this.pos) !== 10) this.pos++;
      } else break;
    }
  }

  /** Reads a string literal starting at `s` (prefix included) and decodes its value. */
  private string(s: number, prefix: string): void {
    const { text } = this;
    let i = s + prefix.length;
    const q = text[i];
    const triple = text.startsWith(q + q + q, i);
    const close = triple ? q + q + q : q;
    i += close.length;
    const bodyStart = i;
    const raw = prefix.includes('r');
    const fstring = prefix.includes('f') || prefix.includes('t');
    let depth = 0;
    for (;;) {
      if (i >= this.end) throw new ExprError('unterminated string', s);
      const ch = text[i];
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (fstring && ch === '{') {
        if (text[i + 1] === '{' && depth === 0) i += 2;
        else {
          depth++;
          i++;
        }
        continue;
      }
      if (fstring && ch === '}' && depth > 0) {
        depth--;
        i++;
        continue;
      }
      if (depth > 0 && (ch === '"' || ch === "'")) {
        i = this.skipNested(i);
        continue;
      }
      if (ch === q && text.startsWith(close, i)) break;
      if (!triple && ch === '\n') throw new ExprError('unterminated string', s);
      i++;
    }
    const body = text.slice(bodyStart, i);
    this.pos = i + close.length;
    this.set('str', s, this.pos, raw ? body : decodeEscapes(body));
    this.f = fstring;
  }

  /** Skips a string nested inside an f-string replacement field; returns the offset after it. */
  private skipNested(i: number): number {
    const q = this.text[i];
    let j = i + 1;
    while (j < this.end && this.text[j] !== q) j += this.text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters that may continue a number literal after its leading digits (`.5`, `e3`, `_000`, `j`, `0x`). */
function continuesNumber(c: number): boolean {
  return c === 46 || c === 95 || c === 101 || c === 69 || c === 106 || c === 74 || c === 120 || c === 88 || c === 111 || c === 79 || c === 98 || c === 66;
}

/** ASCII letters and `_`; any non-ASCII code unit is checked by the Unicode regex instead. */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && NAME_START_RE.test(String.fromCharCode(c)));
}

/** Length of the operator at `s`: Python's two- and three-character operators, else 1. */
function operatorLength(text: string, s: number): number {
  const c = text.charCodeAt(s);
  const d = text.charCodeAt(s + 1);
  if (!isSecondChar(d)) return 1;
  if (THREE_CHAR_OPS.has(text.slice(s, s + 3))) return 3;
  return TWO_CHAR_OPS.has(String.fromCharCode(c, d)) ? 2 : 1;
}

/** Decodes the backslash escapes of a non-raw string body. */
function decodeEscapes(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(?:\r?\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|.)/gs, (m) => {
    const c = m[1];
    if (c === '\n' || c === '\r') return '';
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(m.slice(2), 16));
    if (c === 'N') return m;
    return ESCAPES[c] ?? (c === '\\' || c === "'" || c === '"' ? c : m);
  });
}

/** Binding power of binary operators; higher binds tighter. */
const BINARY: Record<string, number> = {
  or: 1, and: 2,
  '<': 4, '>': 4, '==': 4, '>=': 4, '<=': 4, '!=': 4, in: 4, is: 4, not: 4,
  '|': 5, '^': 6, '&': 7, '<<': 8, '>>': 8, '+': 9, '-': 9,
  '*': 10, '/': 10, '//': 10, '%': 10, '@': 10, '**': 12,
};
const WORD_OPERATORS = new Set(['or', 'and', 'in', 'is', 'not']);
/** First characters of the symbolic binary operators in `BINARY` (ASCII code → 1). */
const BINARY_START = new Uint8Array(128);
for (const op of Object.keys(BINARY)) if (!WORD_OPERATORS.has(op)) BINARY_START[op.charCodeAt(0)] = 1;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const NOT_AUGMENTED = new Set(['==', '<=', '>=', '!=']);
/** Names that start an expression rather than being one (`lambda: x` is a statement, not a target). */
const EXPRESSION_WORDS = new Set(['lambda', 'yield', 'await', 'not']);

/** Deeper nesting than this is refused (as unreadable) instead of overflowing the stack. */
const MAX_NESTING = 100;
/** Longer operator chains (`a | b | c ...`) are refused too: readers walk them recursively. */
const MAX_CHAIN = 500;

/**
 * Recently seen names by hash of their characters. Model files repeat a few hundred names
 * (`Mapped`, `mapped_column`, `String`, `nullable`, column names) thousands of times; reusing one
 * string per name instead of slicing a new one each time saves a tenth of what a read allocates,
 * and the column and attribute names kept in the IR share their strings.
 */
const NAMES: (string | undefined)[] = new Array(2048).fill(undefined);

/** `text.slice(s, e)`, reusing the string last seen with the same characters (`hash` of them). */
function internName(text: string, s: number, e: number, hash: number): string {
  const slot = (hash ^ (hash >>> 11)) & 2047;
  const known = NAMES[slot];
  if (known !== undefined && known.length === e - s && text.startsWith(known, s)) return known;
  const word = text.slice(s, e);
  NAMES[slot] = word;
  return word;
}

/** A recursive-descent/Pratt parser over one statement's tokens. */
class ExprParser {
  private readonly lx = new Lexer('', 0, 0);
  private text = '';
  private depth = 0;
  /**
   * Items of the lists being read (arguments, elements...), nested lists above their parents'.
   * Each finished list is copied out at its exact size: arrays grown by `push` reserve room for
   * 17 items, which on a large file is most of what the parser allocates.
   */
  private readonly scratch: unknown[] = [];
  private top = 0;

  /** Starts reading `text[start, end)` (one parser is reused for every statement). */
  reset(text: string, start: number, end: number): this {
    this.text = text;
    this.depth = 0;
    this.clearScratch(0);
    this.lx.reset(text, start, end);
    this.lx.next();
    return this;
  }

  private push(x: unknown): void {
    this.scratch[this.top++] = x;
  }

  /** The items pushed since `base`, as an exact-size array; drops them from the scratch stack. */
  private take<T>(base: number): T[] {
    const n = this.top - base;
    if (n === 0) return NO_ITEMS as T[];
    const out = this.scratch.slice(base, this.top) as T[];
    this.clearScratch(base);
    return out;
  }

  /** Forgets the scratch items above `base` (so the stack keeps no parsed tree alive). */
  private clearScratch(base: number): void {
    for (let i = base; i < this.top; i++) this.scratch[i] = undefined;
    this.top = base;
  }

  get atEnd(): boolean {
    return this.lx.kind === 'eof';
  }

  /** Parses `targets = value`, `target: annotation [= value]`, or an expression. */
  statement(): Statement {
    const first = this.exprList();
    if (this.isOp(':')) {
      this.lx.next();
      const annotation = this.expr();
      let value: Expr | null = null;
      if (this.isOp('=')) {
        this.lx.next();
        value = this.exprList();
      }
      this.expectEnd();
      return { targets: [first], annotation, value };
    }
    const base = this.top;
    let value = first;
    while (this.isOp('=')) {
      this.lx.next();
      this.push(value);
      value = this.exprList();
    }
    const lx = this.lx;
    if (lx.kind === 'op' && lx.v.length >= 2 && lx.v.endsWith('=') && !NOT_AUGMENTED.has(lx.v)) {
      // Augmented assignment (`x += 1`): nothing a schema reader needs.
      this.clearScratch(base);
      return { targets: [], annotation: null, value: null };
    }
    this.expectEnd();
    if (this.top === base) return { targets: [], annotation: null, value: first };
    return { targets: this.take<Expr>(base), annotation: null, value };
  }

  /**
   * Parses `name = value`, `name: annotation [= value]` or a chain `name = other = value` whose
   * target is a plain name, as `statement()` would but without building the target (class-body
   * statements are read this way, one per attribute, and their targets are already known).
   * Returns null, having read only the first tokens, for any other statement.
   */
  assignment(): { annotation: Expr | null; value: Expr | null } | null {
    const lx = this.lx;
    if (lx.kind !== 'name' || EXPRESSION_WORDS.has(lx.v)) return null;
    lx.next();
    if (this.isOp(':')) {
      lx.next();
      const annotation = this.expr();
      let value: Expr | null = null;
      if (this.isOp('=')) {
        lx.next();
        value = this.exprList();
      }
      this.expectEnd();
      return { annotation, value };
    }
    if (!this.isOp('=')) return null;
    let value: Expr | null = null;
    while (this.isOp('=')) {
      lx.next();
      value = this.exprList();
    }
    // Augmented assignment (`x += 1`), as in `statement()`. (The cast undoes the narrowing above.)
    if ((lx.kind as TokenKind) === 'op' && lx.v.length >= 2 && lx.v.endsWith('=') && !NOT_AUGMENTED.has(lx.v)) return { annotation: null, value: null };
    this.expectEnd();
    return { annotation: null, value };
  }

  /** Parses a comma-separated expression list; more than one item makes a tuple. */
  exprList(): Expr {
    const s = this.lx.s;
    const first = this.starOrExpr();
    if (!this.isOp(',')) return first;
    const base = this.top;
    this.push(first);
    let e = first.e;
    while (this.isOp(',')) {
      this.lx.next();
      if (this.endsList()) break;
      const x = this.starOrExpr();
      this.push(x);
      e = x.e;
    }
    return { k: 'tuple', items: this.take<Expr>(base), s, e };
  }

  /** Parses one full expression, refusing absurd nesting. */
  expr(): Expr {
    if (++this.depth > MAX_NESTING) throw new ExprError('the expression is nested too deeply', this.lx.s);
    const x = this.fullExpr();
    this.depth--;
    return x;
  }

  /** Parses one full expression (lambda, conditional, walrus, operators). */
  private fullExpr(): Expr {
    const lx = this.lx;
    if (lx.kind === 'name' && lx.v === 'lambda') return this.lambda();
    if (lx.kind === 'name' && (lx.v === 'yield' || lx.v === 'await')) {
      const s = lx.s;
      const e = lx.e;
      lx.next();
      const x = this.endsList() ? null : this.expr();
      return { k: 'other', s, e: x ? x.e : e };
    }
    const left = this.binary(0);
    if (this.isOp(':=')) {
      lx.next();
      const value = this.expr();
      return { k: 'other', s: left.s, e: value.e };
    }
    if (this.isName('if')) {
      lx.next();
      this.binary(0);
      this.expectName('else');
      const other = this.expr();
      return { k: 'other', s: left.s, e: other.e };
    }
    return left;
  }

  private lambda(): Expr {
    const lx = this.lx;
    const s = lx.s;
    lx.next();
    let depth = 0;
    while (!(depth === 0 && this.isOp(':'))) {
      if (lx.kind === 'eof') throw new ExprError('lambda without ":"', s);
      if (lx.kind === 'op' && CLOSERS[lx.v]) depth++;
      else if (lx.kind === 'op' && (lx.v === ')' || lx.v === ']' || lx.v === '}')) depth--;
      lx.next();
    }
    lx.next();
    const body = this.expr();
    return { k: 'lambda', body, s, e: body.e };
  }

  /** Operator-precedence parsing of binary and unary operators above `minPower`. */
  private binary(minPower: number): Expr {
    const lx = this.lx;
    let left = this.unary();
    for (let chain = 0; ; chain++) {
      if (chain > MAX_CHAIN) throw new ExprError('the expression is too long', lx.s);
      if (lx.kind !== 'op' && lx.kind !== 'name') break;
      // Most tokens after an operand are `,` `)` `=` `]` `:`: ruled out without a table lookup.
      if (lx.kind === 'op' && !BINARY_START[lx.v.charCodeAt(0)]) break;
      let op = lx.v;
      const power = BINARY[op];
      if (power === undefined || power <= minPower) break;
      if ((lx.kind === 'name') !== WORD_OPERATORS.has(op)) break;
      lx.next();
      if (op === 'not') {
        this.expectName('in');
        op = 'not in';
      } else if (op === 'is' && this.isName('not')) {
        lx.next();
        op = 'is not';
      }
      const right = op === '**' ? this.binary(power - 1) : this.binary(power);
      left = { k: 'bin', op, l: left, r: right, s: left.s, e: right.e };
    }
    return left;
  }

  private unary(): Expr {
    const lx = this.lx;
    const s = lx.s;
    if (lx.kind === 'name' && lx.v === 'not') {
      lx.next();
      const x = this.binary(3);
      return { k: 'unary', op: 'not', x, s, e: x.e };
    }
    if (lx.kind === 'op' && (lx.v === '-' || lx.v === '+' || lx.v === '~')) {
      const op = lx.v;
      lx.next();
      const x = this.binary(11);
      return { k: 'unary', op, x, s, e: x.e };
    }
    return this.primary();
  }

  /** An atom followed by `.name`, `(...)` and `[...]` trailers. */
  private primary(): Expr {
    const lx = this.lx;
    let x = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        lx.next();
        if (lx.kind !== 'name') throw this.unexpected('a name');
        x = { k: 'attr', obj: x, name: lx.v, s: x.s, e: lx.e };
        lx.next();
      } else if (this.isOp('(')) {
        x = this.call(x);
      } else if (this.isOp('[')) {
        lx.next();
        const index = this.subscriptItems();
        const e = this.expectOp(']');
        x = { k: 'sub', obj: x, index, s: x.s, e };
      } else return x;
    }
  }

  private atom(): Expr {
    const lx = this.lx;
    const { s, e, v } = lx;
    switch (lx.kind) {
      case 'name':
        lx.next();
        if (v === 'True' || v === 'False') return { k: 'const', v: v === 'True', s, e };
        if (v === 'None') return { k: 'const', v: null, s, e };
        return { k: 'name', id: v, s, e };
      case 'num':
        lx.next();
        return { k: 'num', v: parseNumber(v), s, e };
      case 'str':
        return this.strings();
      case 'op':
        if (v === '(') return this.paren();
        if (v === '[') return this.bracket();
        if (v === '{') return this.brace();
        if (v === '...') {
          lx.next();
          return { k: 'other', s, e };
        }
        break;
      case 'eof':
        break;
    }
    throw new ExprError(lx.kind === 'eof' ? 'unexpected end of statement' : `unexpected "${v}"`, s);
  }

  /** Adjacent string literals concatenate. */
  private strings(): Expr {
    const lx = this.lx;
    const s = lx.s;
    let v = '';
    let f = false;
    let e = s;
    while (lx.kind === 'str') {
      v += lx.v;
      f ||= lx.f;
      e = lx.e;
      lx.next();
    }
    return { k: 'str', v, f, s, e };
  }

  private paren(): Expr {
    const lx = this.lx;
    const s = lx.s;
    lx.next();
    if (this.isOp(')')) {
      const e = lx.e;
      lx.next();
      return { k: 'tuple', items: [], s, e };
    }
    const first = this.starOrExpr();
    if (this.isName('for')) return this.skipComprehension('(', s);
    if (this.isOp(')')) {
      lx.next();
      return first;
    }
    const base = this.top;
    this.push(first);
    while (this.isOp(',')) {
      lx.next();
      if (this.isOp(')')) break;
      this.push(this.starOrExpr());
    }
    const e = this.expectOp(')');
    return { k: 'tuple', items: this.take<Expr>(base), s, e };
  }

  private bracket(): Expr {
    const lx = this.lx;
    const s = lx.s;
    lx.next();
    const base = this.top;
    while (!this.isOp(']')) {
      this.push(this.starOrExpr());
      if (this.top === base + 1 && this.isName('for')) {
        this.clearScratch(base);
        return this.skipComprehension('[', s);
      }
      if (!this.isOp(',')) break;
      lx.next();
    }
    const e = this.expectOp(']');
    return { k: 'list', items: this.take<Expr>(base), s, e };
  }

  private brace(): Expr {
    const lx = this.lx;
    const s = lx.s;
    lx.next();
    // Entries and set items share the scratch stack; an item is marked by its wrapper.
    const base = this.top;
    let entries = 0;
    let items = 0;
    while (!this.isOp('}')) {
      if (this.isOp('**')) {
        const star = lx.s;
        lx.next();
        const x = this.binary(0);
        this.push({ key: { k: 'star', x, s: star, e: x.e }, value: x });
        entries++;
      } else {
        const key = this.starOrExpr();
        if (this.isName('for')) {
          this.clearScratch(base);
          return this.skipComprehension('{', s);
        }
        if (this.isOp(':')) {
          lx.next();
          const value = this.expr();
          if (this.isName('for')) {
            this.clearScratch(base);
            return this.skipComprehension('{', s);
          }
          this.push({ key, value });
          entries++;
        } else {
          this.push(new SetItem(key));
          items++;
        }
      }
      if (!this.isOp(',')) break;
      lx.next();
    }
    const e = this.expectOp('}');
    const all = this.take<{ key: Expr; value: Expr } | SetItem>(base);
    if (items > 0 && entries === 0) return { k: 'set', items: all.map((i) => (i as SetItem).x), s, e };
    if (items === 0) return { k: 'dict', entries: all as { key: Expr; value: Expr }[], s, e };
    return { k: 'dict', entries: all.filter((i): i is { key: Expr; value: Expr } => !(i instanceof SetItem)), s, e };
  }

  /** Skips the rest of a comprehension up to the bracket that closes `open` (at offset `s`). */
  private skipComprehension(open: string, s: number): Expr {
    const lx = this.lx;
    const want = CLOSERS[open];
    let depth = 0;
    for (;;) {
      if (lx.kind === 'eof') throw new ExprError(`"${open}" is never closed`, s);
      if (lx.kind === 'op' && CLOSERS[lx.v]) depth++;
      else if (lx.kind === 'op' && (lx.v === ')' || lx.v === ']' || lx.v === '}')) {
        if (depth === 0) {
          if (lx.v !== want) throw new ExprError(`unexpected "${lx.v}"`, lx.s);
          const e = lx.e;
          lx.next();
          return { k: 'other', s, e };
        }
        depth--;
      }
      lx.next();
    }
  }

  private call(fn: Expr): Expr {
    const lx = this.lx;
    lx.next();
    // Positional arguments, keywords and splats share the scratch stack; each kind is counted.
    const base = this.top;
    let nArgs = 0;
    let nKw = 0;
    let nSplat = 0;
    while (!this.isOp(')')) {
      const s = lx.s;
      if (lx.kind === 'op' && (lx.v === '*' || lx.v === '**')) {
        lx.next();
        const x = this.expr();
        this.push(new SplatItem({ k: 'star', x, s, e: x.e }));
        nSplat++;
      } else if (lx.kind === 'name' && lx.nextIsAssign()) {
        const name = lx.v;
        lx.next();
        lx.next();
        this.push({ name, value: this.expr(), s });
        nKw++;
      } else {
        const x = this.expr();
        if (this.isName('for')) {
          const comprehension = this.skipComprehension('(', x.s);
          this.push(comprehension);
          return this.finishCall(fn, base, nArgs + 1, nKw, nSplat, comprehension.e);
        }
        this.push(x);
        nArgs++;
      }
      if (!this.isOp(',')) break;
      lx.next();
    }
    return this.finishCall(fn, base, nArgs, nKw, nSplat, this.expectOp(')'));
  }

  /** The call: its scratch items (in source order) split into exact-size argument lists. */
  private finishCall(fn: Expr, base: number, nArgs: number, nKw: number, nSplat: number, e: number): Expr {
    if (nKw === 0 && nSplat === 0) return { k: 'call', fn, args: this.take<Expr>(base), kw: NO_ITEMS, splat: NO_EXPRS, s: fn.s, e };
    if (nArgs === 0 && nSplat === 0) return { k: 'call', fn, args: NO_EXPRS, kw: this.take<Keyword>(base), splat: NO_EXPRS, s: fn.s, e };
    const args: Expr[] = nArgs === 0 ? NO_EXPRS : new Array(nArgs);
    const kw: Keyword[] = nKw === 0 ? (NO_ITEMS as Keyword[]) : new Array(nKw);
    const splat: Expr[] = nSplat === 0 ? NO_EXPRS : new Array(nSplat);
    let a = 0;
    let k = 0;
    let p = 0;
    for (let i = base; i < this.top; i++) {
      const item = this.scratch[i];
      if (item instanceof SplatItem) splat[p++] = item.x;
      else if ((item as Expr).k === undefined) kw[k++] = item as Keyword;
      else args[a++] = item as Expr;
    }
    this.clearScratch(base);
    return { k: 'call', fn, args, kw, splat, s: fn.s, e };
  }

  /** Subscript items; slices become `other`. */
  private subscriptItems(): Expr[] {
    const lx = this.lx;
    const base = this.top;
    while (!this.isOp(']')) {
      const s = lx.s;
      let x: Expr | null = this.isOp(':') ? null : this.starOrExpr();
      if (this.isOp(':')) {
        while (this.isOp(':')) {
          lx.next();
          if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) this.expr();
        }
        x = { k: 'other', s, e: lx.s };
      }
      this.push(x);
      if (!this.isOp(',')) break;
      lx.next();
    }
    return this.take<Expr>(base);
  }

  private starOrExpr(): Expr {
    const lx = this.lx;
    if (lx.kind === 'op' && (lx.v === '*' || lx.v === '**')) {
      const s = lx.s;
      lx.next();
      const x = this.binary(0);
      return { k: 'star', x, s, e: x.e };
    }
    return this.expr();
  }

  private endsList(): boolean {
    const lx = this.lx;
    return lx.kind === 'eof' || (lx.kind === 'op' && (lx.v === '=' || lx.v === ')' || lx.v === ']' || lx.v === '}' || lx.v === ':'));
  }

  private isOp(v: string): boolean {
    return this.lx.kind === 'op' && this.lx.v === v;
  }

  private isName(v: string): boolean {
    return this.lx.kind === 'name' && this.lx.v === v;
  }

  /** Consumes the operator `v` and returns its end offset. */
  private expectOp(v: string): number {
    if (!this.isOp(v)) throw this.unexpected(`"${v}"`);
    const e = this.lx.e;
    this.lx.next();
    return e;
  }

  private expectName(v: string): void {
    if (!this.isName(v)) throw this.unexpected(`"${v}"`);
    this.lx.next();
  }

  private expectEnd(): void {
    if (this.lx.kind !== 'eof') throw this.unexpected('the end of the statement');
  }

  private unexpected(wanted: string): ExprError {
    const lx = this.lx;
    return new ExprError(`expected ${wanted}, found ${lx.kind === 'eof' ? 'the end' : `"${this.text.slice(lx.s, lx.e)}"`}`, lx.s);
  }
}

const PLAIN_INT_RE = /^(?:0|[1-9]\d*)$/;

/** Shared empty list for calls without `*args`/`**kwargs` (never mutated). */
const NO_EXPRS: Expr[] = [];
/** Shared empty list of any kind (parsed lists are never mutated). */
const NO_ITEMS: never[] = [];

/** A set item (`{a, b}`) among dict entries on the scratch stack. */
class SetItem {
  constructor(readonly x: Expr) {}
}

/** A `*args`/`**kwargs` argument among a call's arguments on the scratch stack. */
class SplatItem {
  constructor(readonly x: Expr) {}
}

function parseNumber(raw: string): number {
  if (PLAIN_INT_RE.test(raw)) return Number.parseFloat(raw);
  const clean = raw.replace(/_/g, '');
  if (/^0[xXoObB]/.test(clean)) return Number(clean);
  return Number.parseFloat(clean);
}

/** The one statement parser: parsing is synchronous and never nested, so it is reused. */
const PARSER = new ExprParser();

/** The lexer `assignmentTarget` reuses. */
const TARGET_LEXER = new Lexer('', 0, 0);

/** Parses the simple statement `text[start, end)`. Throws `ExprError` on text it cannot read. */
export function parseStatement(text: string, start: number, end: number): Statement {
  return PARSER.reset(text, start, end).statement();
}

/**
 * Parses the assignment `text[start, end)` whose target is a plain name (see `assignmentTarget`)
 * into its annotation and value, like `parseStatement`. Throws `ExprError` on text it cannot read.
 */
export function parseAssignment(text: string, start: number, end: number): { annotation: Expr | null; value: Expr | null } {
  const parts = PARSER.reset(text, start, end).assignment();
  if (parts) return parts;
  const st = PARSER.reset(text, start, end).statement();
  return { annotation: st.annotation, value: st.value };
}

/**
 * The target of an assignment statement `name = ...` / `name: T ...` without reading the rest,
 * or null for any other statement (docstrings, calls, tuple targets, augmented assignments).
 */
export function assignmentTarget(text: string, start: number, end: number): string | null {
  const lexer = TARGET_LEXER;
  lexer.reset(text, start, end);
  lexer.next();
  if (!lexer.isName()) return null;
  const name = lexer.v;
  lexer.next();
  return lexer.isOp('=') || lexer.isOp(':') ? name : null;
}

/** Parses one expression `text[start, end)`. Throws `ExprError` on text it cannot read. */
export function parseExpression(text: string, start = 0, end = text.length): Expr {
  const p = PARSER.reset(text, start, end);
  const x = p.exprList();
  if (!p.atEnd) throw new ExprError('unexpected text after the expression', x.e);
  return x;
}

/**
 * Parses a class header `class Name[T](bases, kw=...)` (up to its colon) and returns the name,
 * the positional bases and the keywords. Throws `ExprError` on text it cannot read.
 */
export function parseClassHeader(
  text: string,
  start: number,
  end: number,
): { name: string; bases: Expr[]; keywords: Keyword[]; splat: Expr[] } {
  const lexer = new Lexer(text, start, end);
  lexer.next();
  if (lexer.v !== 'class') throw new ExprError('expected "class"', lexer.s);
  lexer.next();
  if (!lexer.isName()) throw new ExprError('expected a class name', lexer.s);
  const name = lexer.v;
  const nameStart = lexer.s;
  lexer.next();
  if (lexer.isOp('[')) skipBrackets(lexer);
  if (lexer.isOp('(')) {
    const call = parseExpression(text, nameStart, closingOffset(text, lexer.s, end));
    if (call.k === 'call') return { name, bases: call.args, keywords: call.kw, splat: call.splat };
  }
  return { name, bases: [], keywords: [], splat: [] };
}

/**
 * Offset just after the colon that ends the class header `class Name[T](...):` at `start`, or -1
 * when the header cannot be followed to its colon.
 */
export function classHeaderEnd(text: string, start: number, end: number): number {
  const lexer = TARGET_LEXER;
  lexer.reset(text, start, end);
  try {
    lexer.next();
    if (!lexer.isName() || lexer.v !== 'class') return -1;
    lexer.next();
    if (!lexer.isName()) return -1;
    lexer.next();
    if (lexer.isOp('[')) skipBrackets(lexer);
    if (lexer.isOp('(')) skipBrackets(lexer);
    return lexer.isOp(':') ? lexer.e : -1;
  } catch (e) {
    if (e instanceof ExprError) return -1;
    throw e;
  }
}

/** Skips past the bracket that closes the current `[`, leaving the lexer on the token after it. */
function skipBrackets(lexer: Lexer): void {
  let depth = 0;
  for (;;) {
    if (lexer.kind === 'eof') return;
    if (lexer.kind === 'op' && CLOSERS[lexer.v]) depth++;
    else if (lexer.kind === 'op' && (lexer.v === ')' || lexer.v === ']' || lexer.v === '}') && --depth === 0) {
      lexer.next();
      return;
    }
    lexer.next();
  }
}

/** Offset just past the bracket that closes the one at `open`. */
function closingOffset(text: string, open: number, end: number): number {
  const lexer = new Lexer(text, open + 1, end);
  let depth = 1;
  for (;;) {
    lexer.next();
    if (lexer.kind === 'eof') return end;
    if (lexer.kind === 'op' && CLOSERS[lexer.v]) depth++;
    else if (lexer.kind === 'op' && (lexer.v === ')' || lexer.v === ']' || lexer.v === '}') && --depth === 0) return lexer.e;
  }
}

/**
 * The first bracket in `text[start, end)` that is never closed, if any: used to explain a syntax
 * error tree-sitter reports at the start of a statement.
 */
export function unclosedBracket(text: string, start: number, end: number): { at: number; bracket: string } | null {
  const lexer = new Lexer(text, start, end);
  const stack: { at: number; bracket: string }[] = [];
  for (;;) {
    try {
      lexer.next();
    } catch {
      return null;
    }
    if (lexer.kind === 'eof') break;
    if (lexer.kind !== 'op') continue;
    if (CLOSERS[lexer.v]) stack.push({ at: lexer.s, bracket: lexer.v });
    else if (lexer.v === ')' || lexer.v === ']' || lexer.v === '}') stack.pop();
  }
  return stack.length > 0 ? stack[0] : null;
}

// ----- Helpers for reading parsed expressions -------------------------------------------------

/** The dotted name of a name/attribute chain (`sa.orm.Mapped`), or null for anything else. */
export function dotted(x: Expr): string | null {
  let name = '';
  let cur = x;
  while (cur.k === 'attr') {
    name = `.${cur.name}${name}`;
    cur = cur.obj;
  }
  return cur.k === 'name' ? cur.id + name : null;
}

/** The last component of a name/attribute chain (`sa.Integer` → `Integer`), or null. */
export function lastName(x: Expr): string | null {
  if (x.k === 'name') return x.id;
  if (x.k === 'attr') return x.name;
  return null;
}

/** The callee's last name of a call (`sa.Column(...)` → `Column`), or null if `x` is not a call. */
export function callName(x: Expr | null | undefined): string | null {
  return x && x.k === 'call' ? lastName(x.fn) : null;
}

/** The keyword argument `name` of a call, if given. */
export function kwarg(call: Extract<Expr, { k: 'call' }>, name: string): Expr | undefined {
  for (const k of call.kw) if (k.name === name) return k.value;
  return undefined;
}

/** A literal's value: strings (not f-strings), numbers (incl. negative), booleans and None. */
export function literal(x: Expr | undefined): string | number | boolean | null | undefined {
  if (!x) return undefined;
  if (x.k === 'str') return x.f ? undefined : x.v;
  if (x.k === 'num' || x.k === 'const') return x.v;
  if (x.k === 'unary' && x.op === '-' && x.x.k === 'num') return -x.x.v;
  return undefined;
}

/** The string value of a plain string literal, else undefined. */
export function stringValue(x: Expr | undefined): string | undefined {
  return x && x.k === 'str' && !x.f ? x.v : undefined;
}

/** True for the literal `True`. */
export function isTrue(x: Expr | undefined): boolean {
  return x !== undefined && x.k === 'const' && x.v === true;
}

/** True for the literal `False`. */
export function isFalse(x: Expr | undefined): boolean {
  return x !== undefined && x.k === 'const' && x.v === false;
}
