// Facts that only the statement text has: a CHECK expression as written, a default expression, the
// type as the user spelled it, the extent of each element of a CREATE TABLE. Every dialect's
// reader reads them the same way from the shared lexer's tokens.

import type { ColumnDefault, SqlDialect } from '../../ir';
import { Scanner, tokenize, type Token } from './lexer';

/** Words that end a column's type or default and start its next constraint, in any dialect. */
const CONSTRAINT_WORDS = new Set([
  'CONSTRAINT',
  'NOT',
  'NULL',
  'PRIMARY',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'REFERENCES',
  'GENERATED',
  'COLLATE',
  'AS',
  'AUTO_INCREMENT',
  'AUTOINCREMENT',
  'COMMENT',
  'ON',
  'DEFERRABLE',
  'INITIALLY',
  'COLUMN_FORMAT',
  'STORAGE',
  'COMPRESSION',
  'VISIBLE',
  'INVISIBLE',
  'CHARSET',
  'KEY',
  'AFTER',
  'FIRST',
]);

const LONGEST_CONSTRAINT_WORD = Math.max(...[...CONSTRAINT_WORDS].map((w) => w.length));

/** The tokens of one statement, with the lookups the readers need. */
export class StatementTokens {
  readonly tokens: Token[];

  /** The tokens of `text[from, to)`, or their first ones up to where `until` says (see `tokenize`). */
  constructor(
    readonly text: string,
    dialect: SqlDialect,
    from: number,
    to: number,
    until?: (tokens: Token[]) => boolean,
  ) {
    this.tokens = tokenize(text, dialect, from, to, until);
  }

  /** Index of the first token starting at or after `offset` (tokens.length if none). */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Whether token `i` is the unquoted word `word` (upper case). */
  isWord(i: number, word: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === 'word' && t.value.length === word.length && t.value.toUpperCase() === word;
  }

  isPunct(i: number, ch: string): boolean {
    const t = this.tokens[i];
    return t !== undefined && t.kind === 'punct' && t.value === ch;
  }

  /** Index of the `)` closing the `(` at `open`, or the last index if it is never closed. */
  closing(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      if (this.isPunct(i, '(')) depth++;
      else if (this.isPunct(i, ')') && --depth === 0) return i;
    }
    return this.tokens.length - 1;
  }

  /** Source text from token `from` through token `to` (inclusive), as written. */
  slice(from: number, to: number): string {
    if (to < from) return '';
    return this.text.slice(this.tokens[from].start, this.tokens[to].end);
  }

  /**
   * The expression of `CHECK (...)` with `CHECK` at token `i`, or null if none follows. Extra
   * parentheses around the whole expression, as dumps write them (`CHECK ((qty > 0))`), go too.
   */
  checkAt(i: number): string | null {
    if (!this.isPunct(i + 1, '(')) return null;
    let open = i + 1;
    let close = this.closing(open);
    while (this.isPunct(open + 1, '(') && this.closing(open + 1) === close - 1) {
      open++;
      close--;
    }
    return close <= open + 1 ? '' : this.slice(open + 1, close - 1);
  }

  /**
   * Index just past a column element's piece starting at `from`: the next constraint word, or the
   * element's end (`to`), whichever comes first at parenthesis depth 0.
   */
  pieceEnd(from: number, to: number, firstMayStop: boolean): number {
    let depth = 0;
    for (let i = from; i < to; i++) {
      const t = this.tokens[i];
      if (t.kind === 'punct') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth--;
        if (depth < 0 || (depth === 0 && t.value === ',')) return i;
      } else if (depth === 0 && t.kind === 'word' && (i > from || firstMayStop) && this.startsConstraint(i)) {
        return i;
      }
    }
    return to;
  }

  private startsConstraint(i: number): boolean {
    const { value } = this.tokens[i];
    if (value.length > LONGEST_CONSTRAINT_WORD) return false;
    const word = value.toUpperCase();
    if (word === 'CHARACTER') return this.isWord(i + 1, 'SET');
    return CONSTRAINT_WORDS.has(word);
  }

  /** The type as written, starting at token `from` and ending before the first constraint. */
  typeText(from: number, to: number): string {
    return this.slice(from, this.pieceEnd(from, to, false) - 1);
  }

  /** The default whose `DEFAULT` keyword is token `i`; null for `DEFAULT NULL` or nothing. */
  defaultAt(i: number, to: number): ColumnDefault | null {
    const end = this.pieceEnd(i + 1, to, false);
    return end > i + 1 ? this.defaultOf(i + 1, end) : null;
  }

  /** Reads tokens `[from, to)` as a default: a literal when it is one, else an SQL expression. */
  defaultOf(from: number, to: number): ColumnDefault | null {
    let a = from;
    let b = to;
    while (this.isPunct(a, '(') && this.closing(a) === b - 1) {
      a++;
      b--;
    }
    if (b <= a) return null;
    if (b === a + 1 && this.isWord(a, 'NULL')) return null;
    const literal = this.literal(a, b);
    if (literal !== undefined) return { kind: 'literal', value: literal };
    return { kind: 'sql', expression: this.slice(a, b - 1) };
  }

  /** A literal (string, signed number, boolean), optionally cast (`'x'::text`), else undefined. */
  private literal(a: number, b: number): string | number | boolean | undefined {
    let i = a;
    let sign = 1;
    if ((this.isPunct(i, '-') || this.isPunct(i, '+')) && this.tokens[i + 1]?.kind === 'number') {
      sign = this.tokens[i].value === '-' ? -1 : 1;
      i++;
    }
    const t = this.tokens[i];
    let value: string | number | boolean;
    if (t.kind === 'string') value = t.value;
    else if (t.kind === 'number') value = sign * Number(t.value);
    else if (this.isWord(i, 'TRUE') || this.isWord(i, 'FALSE')) value = this.isWord(i, 'TRUE');
    else return undefined;
    return i + 1 === b || this.isCast(i + 1, b) ? value : undefined;
  }

  /** Whether tokens `[from, to)` are only `::type` casts. */
  private isCast(from: number, to: number): boolean {
    if (!(this.isPunct(from, ':') && this.isPunct(from + 1, ':'))) return false;
    for (let i = from + 2; i < to; i++) {
      const t = this.tokens[i];
      const typeish = t.kind === 'word' || t.kind === 'ident' || t.kind === 'number' || (t.kind === 'punct' && '():[],.'.includes(t.value));
      if (!typeish) return false;
    }
    return true;
  }

  /**
   * Splits the parenthesized list opening at `open` (a CREATE TABLE body) into its elements:
   * `[first, last]` token index pairs, split at commas of depth 1.
   */
  elements(open: number): Array<[number, number]> {
    const close = this.closing(open);
    const out: Array<[number, number]> = [];
    let depth = 0;
    let from = open + 1;
    for (let i = open + 1; i < close; i++) {
      if (this.isPunct(i, '(')) depth++;
      else if (this.isPunct(i, ')')) depth--;
      else if (depth === 0 && this.isPunct(i, ',')) {
        out.push([from, i - 1]);
        from = i + 1;
      }
    }
    if (from <= close - 1) out.push([from, close - 1]);
    return out;
  }

  /** Index of the first `(` at depth 0, e.g. the one opening a CREATE TABLE body; -1 if none. */
  firstParen(from = 0): number {
    for (let i = from; i < this.tokens.length; i++) if (this.isPunct(i, '(')) return i;
    return -1;
  }

  /** Index of the first word `word` within `[from, to]` at depth 0, or -1. */
  findWord(word: string, from: number, to: number): number {
    let depth = 0;
    for (let i = from; i <= to && i < this.tokens.length; i++) {
      if (this.isPunct(i, '(')) depth++;
      else if (this.isPunct(i, ')')) depth--;
      else if (depth === 0 && this.isWord(i, word)) return i;
    }
    return -1;
  }
}

/**
 * `new StatementTokens(text, dialect, from, to).typeText(0, ...)` without collecting tokens: the
 * type as written from the first token at or after `from` (a token start, such as a parser's
 * location of the type) to the first constraint word, `,` or unbalanced `)` at depth 0, within
 * `[from, to)`. One scan of the type's own tokens, for readers that find the type's start in a
 * parse tree. Not for MySQL text with conditional comments, whose markers the scan does not skip.
 */
export function typeTextAt(text: string, dialect: SqlDialect, from: number, to: number): string {
  const scanner = new Scanner(text, dialect, from, to);
  let first = -1;
  let last = -1;
  let depth = 0;
  for (let kind = scanner.next(); kind !== null; kind = scanner.next()) {
    if (kind === 'condOpen' || kind === 'condClose') continue;
    const { start, end } = scanner;
    if (kind === 'punct') {
      const c = text.charCodeAt(start);
      if (c === 40) depth++;
      else if (c === 41) depth--;
      if (depth < 0 || (depth === 0 && c === 44)) break;
    } else if (depth === 0 && kind === 'word' && first !== -1 && startsConstraintAt(text, dialect, start, end, scanner)) {
      break;
    }
    if (first === -1) first = start;
    last = end;
  }
  return first === -1 ? '' : text.slice(first, last);
}

/** `StatementTokens.startsConstraint` for the word `text[start, end)` just read by `scanner`. */
function startsConstraintAt(text: string, dialect: SqlDialect, start: number, end: number, scanner: Scanner): boolean {
  if (end - start > LONGEST_CONSTRAINT_WORD) return false;
  const word = text.slice(start, end).toUpperCase();
  if (word === 'CHARACTER') {
    const next = new Scanner(text, dialect, scanner.pos, scanner.limit);
    return next.next() === 'word' && next.end - next.start === 3 && text.slice(next.start, next.end).toUpperCase() === 'SET';
  }
  return CONSTRAINT_WORDS.has(word);
}
