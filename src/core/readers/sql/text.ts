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

/** Token marks of `TextScan.checkAt`: a `(`, a `)`, the word `CHECK`, anything else. */
const enum Mark {
  Open,
  Close,
  Check,
  Other,
}

/**
 * Reads pieces of one file's statements straight from its text, for readers that find where a
 * piece starts in a parse tree: what `StatementTokens` would give, without collecting the tokens
 * of the whole statement. One scanner and one small buffer serve every call, so a column costs
 * no allocation beyond the strings it keeps. Not for MySQL text with conditional comments, whose
 * markers these scans do not skip.
 */
export class TextScan {
  private readonly scanner: Scanner;
  /** The piece found by the last `typeAt`: `text.slice(start, end)`, empty when they are equal. */
  start = 0;
  end = 0;
  // The tokens `checkAt` reads: their extents and marks, in arrays reused from call to call (only
  // the first `count` entries are this call's; emptying them would free their storage).
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly marks: Mark[] = [];
  private count = 0;

  constructor(
    readonly text: string,
    readonly dialect: SqlDialect,
  ) {
    this.scanner = new Scanner(text, dialect);
  }

  /** Where the first token in `[from, to)` starts; `from` if there is none. */
  firstToken(from: number, to: number): number {
    const scanner = this.scanner.reset(from, to);
    return scanner.next() === null ? from : scanner.start;
  }

  /**
   * `new StatementTokens(text, dialect, from, to).typeText(0, ...)`: the type as written from the
   * first token at or after `from` (a token start, such as a parser's location of the type) to the
   * first constraint word, `,` or unbalanced `)` at depth 0, within `[from, to)`. Leaves its
   * extent in `start` and `end` rather than slicing it: a reader that has seen the same type text
   * before needs no new string.
   */
  typeAt(from: number, to: number): void {
    const { text, scanner } = this;
    scanner.reset(from, to);
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
      } else if (depth === 0 && kind === 'word' && first !== -1 && this.startsConstraint(start, end)) {
        break;
      }
      if (first === -1) first = start;
      last = end;
    }
    this.start = first === -1 ? from : first;
    this.end = first === -1 ? from : last;
  }

  /** `StatementTokens.startsConstraint` for the word `text[start, end)` just read by the scanner. */
  private startsConstraint(start: number, end: number): boolean {
    if (end - start > LONGEST_CONSTRAINT_WORD) return false;
    const { text } = this;
    // Upper-casing non-ASCII text may change its length (`ß` is `SS`): such words take the slow way.
    const upper = isAscii(text, start, end) ? null : text.slice(start, end).toUpperCase();
    if (upper === null ? sameWord(text, start, end, 'CHARACTER') : upper === 'CHARACTER') {
      const next = new Scanner(text, this.dialect, this.scanner.pos, this.scanner.limit);
      return next.next() === 'word' && sameWord(text, next.start, next.end, 'SET');
    }
    if (upper !== null) return CONSTRAINT_WORDS.has(upper);
    for (const word of CONSTRAINT_WORDS_BY_LENGTH[end - start]) if (sameWord(text, start, end, word)) return true;
    return false;
  }

  /**
   * `StatementTokens.checkAt` for a CHECK constraint written at `from` (`CHECK` itself or the
   * `CONSTRAINT name` before it): the expression of the `CHECK` among the first four tokens, read
   * up to the parenthesis closing it, as the statement's own tokens would give it; null if none.
   */
  checkAt(from: number, to: number): string | null {
    const { text, scanner, starts, ends, marks } = this;
    scanner.reset(from, to);
    this.count = 0;
    // Read as `StatementTokens` with `checkClauseRead` would: up to four tokens looking for
    // `CHECK`, then the parenthesized expression after it.
    let check = -1;
    let depth = 0;
    for (let kind = scanner.next(); kind !== null; kind = scanner.next()) {
      if (kind === 'condOpen' || kind === 'condClose') continue;
      const { start, end } = scanner;
      const c = text.charCodeAt(start);
      const mark =
        kind === 'punct' && c === 40 ? Mark.Open : kind === 'punct' && c === 41 ? Mark.Close : kind === 'word' && sameWord(text, start, end, 'CHECK') ? Mark.Check : Mark.Other;
      const i = this.count++;
      marks[i] = mark;
      starts[i] = start;
      ends[i] = end;
      if (check === -1) {
        if (mark === Mark.Check) check = i;
        else if (i >= 3) break;
        continue;
      }
      if (i === check + 1 && mark !== Mark.Open) break;
      if (mark === Mark.Open) depth++;
      else if (mark === Mark.Close) depth--;
      if (depth === 0) break;
    }
    if (check === -1 || !this.isOpen(check + 1)) return null;
    let open = check + 1;
    let close = this.closing(open);
    // Extra parentheses around the whole expression, as dumps write them, go too.
    while (this.isOpen(open + 1) && this.closing(open + 1) === close - 1) {
      open++;
      close--;
    }
    return close <= open + 1 ? '' : text.slice(starts[open + 1], ends[close - 1]);
  }

  private isOpen(i: number): boolean {
    return i < this.count && this.marks[i] === Mark.Open;
  }

  /** `StatementTokens.closing` over the tokens `checkAt` read. */
  private closing(open: number): number {
    const { marks, count } = this;
    let depth = 0;
    for (let i = open; i < count; i++) {
      if (marks[i] === Mark.Open) depth++;
      else if (marks[i] === Mark.Close && --depth === 0) return i;
    }
    return count - 1;
  }
}

/** `CONSTRAINT_WORDS` by length, for matching a word in the text without slicing it. */
const CONSTRAINT_WORDS_BY_LENGTH: string[][] = Array.from({ length: LONGEST_CONSTRAINT_WORD + 1 }, (_, n) => [...CONSTRAINT_WORDS].filter((w) => w.length === n));

/**
 * Whether `text[start, end)` is the word `word` (upper case) in any case: as `StatementTokens.isWord`
 * says, same length and same when upper-cased, without making the upper-cased string unless the
 * text has non-ASCII letters.
 */
function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 128) return text.slice(start, end).toUpperCase() === word;
    if (c >= 97 && c <= 122) c -= 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}
