// The SQL lexer every dialect shares: one scanner that knows each dialect's quoting and comment
// rules. `Scanner` walks a text without allocating, for the statement splitter's single pass over
// whole files; `tokenize` collects tokens of one statement for the text-level helpers.

import type { SqlDialect } from '../../ir';

export type TokenKind =
  /** An unquoted word: keyword or identifier, as written. */
  | 'word'
  /** A quoted identifier: `"x"`, `` `x` ``, `[x]`. */
  | 'ident'
  /** A string literal: `'x'`, `E'x'`, MySQL `"x"`, a PostgreSQL `$tag$ ... $tag$` body. */
  | 'string'
  | 'number'
  /** Any other single character (`(`, `,`, `.`, `:`, `\`, ...). */
  | 'punct'
  /** The current statement delimiter (`;`, or what a MySQL `DELIMITER` line chose). */
  | 'delimiter'
  /** The opening `/*!40101` of a MySQL conditional comment, whose content is code. */
  | 'condOpen'
  /** The `*\/` closing a MySQL conditional comment. */
  | 'condClose';

export interface Token {
  kind: TokenKind;
  /** Offsets in the scanned text, `end` exclusive. */
  start: number;
  end: number;
  /** Words: the text; identifiers and strings: the unquoted, unescaped value. */
  value: string;
}

const enum Ch {
  Tab = 9,
  Newline = 10,
  Return = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Quote = 39,
  Star = 42,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === Ch.Underscore || c >= 128;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Dollar;
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/**
 * A forward-only scanner. `next()` skips whitespace and comments, then reads one token and leaves
 * its kind in the return value and its extent in `start`/`end`; it returns null at the end.
 */
export class Scanner {
  pos: number;
  start = 0;
  end = 0;
  /** The statement delimiter; MySQL `DELIMITER` lines change it. */
  delimiter = ';';
  /** Inside a MySQL `/*!` conditional comment, whose `*\/` is then a `condClose` token. */
  private inConditional = false;

  constructor(
    readonly text: string,
    readonly dialect: SqlDialect,
    from = 0,
    public limit = text.length,
  ) {
    this.pos = from;
  }

  /**
   * Starts over on `text[from, to)`, as a new scanner would (the delimiter stays): readers that
   * scan many short pieces of one file reuse one scanner rather than make one per piece.
   */
  reset(from: number, to: number): this {
    this.pos = from;
    this.limit = to;
    this.start = 0;
    this.end = 0;
    this.inConditional = false;
    return this;
  }

  /** Reads the next token, or returns null at the end of the text. */
  next(): TokenKind | null {
    this.skipTrivia();
    const { text } = this;
    const p = this.pos;
    if (p >= this.limit) return null;
    this.start = p;
    const c = text.charCodeAt(p);
    if (c === this.delimiter.charCodeAt(0) && text.startsWith(this.delimiter, p)) {
      return this.finish(p + this.delimiter.length, 'delimiter');
    }
    if (this.inConditional && c === Ch.Star && text.charCodeAt(p + 1) === Ch.Slash) {
      this.inConditional = false;
      return this.finish(p + 2, 'condClose');
    }
    if (c === Ch.Slash && text.charCodeAt(p + 1) === Ch.Star && text.charCodeAt(p + 2) === Ch.Bang) {
      // Only reached for MySQL: `skipTrivia` treats `/*!` as a plain comment elsewhere.
      let q = p + 3;
      while (q < this.limit && isDigit(text.charCodeAt(q))) q++;
      this.inConditional = true;
      return this.finish(q, 'condOpen');
    }
    if (c === Ch.Quote) return this.finish(this.quotedEnd(p, Ch.Quote, this.dialect === 'mysql'), 'string');
    if (c === Ch.DoubleQuote) {
      const mysql = this.dialect === 'mysql';
      return this.finish(this.quotedEnd(p, Ch.DoubleQuote, mysql), mysql ? 'string' : 'ident');
    }
    if (c === Ch.Backtick && this.dialect !== 'postgresql') return this.finish(this.quotedEnd(p, Ch.Backtick, false), 'ident');
    if (c === Ch.OpenBracket && this.dialect === 'sqlite') {
      const close = text.indexOf(']', p + 1);
      return this.finish(close === -1 || close >= this.limit ? this.limit : close + 1, 'ident');
    }
    if (c === Ch.Dollar && this.dialect === 'postgresql') {
      const end = this.dollarQuoteEnd(p);
      if (end !== -1) return this.finish(end, 'string');
    }
    if (isDigit(c) || (c === Ch.Dot && isDigit(text.charCodeAt(p + 1)))) return this.finish(this.numberEnd(p), 'number');
    if (isWordStart(c)) return this.word(p);
    return this.finish(p + 1, 'punct');
  }

  /**
   * PostgreSQL only: skips from `pos` over plain text — words, numbers, punctuation, whitespace —
   * up to the next character that may start a quote, a comment, a dollar quote, a psql
   * meta-command or the delimiter, and returns the end of the last non-space character skipped
   * (-1 when there is none). `next()` then reads on from there. The splitter calls this for the
   * part of a statement whose words it no longer needs: one loop per character instead of one
   * token per word.
   *
   * It stops at the start of the run of word characters that holds the stop character, if any,
   * so `next()` reads that run as it would have: `a$b` is a word, `1$x$` a number and a dollar
   * quote, `E'\''` an escape string.
   */
  skipPlain(): number {
    const { text, limit } = this;
    let p = this.pos;
    let last = -1;
    // Where the current run of word characters (letters, digits, `_`, `$`) starts. When `next()`
    // reads on from there, the tokens it reads end at or after `last`.
    let run = -1;
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c === Ch.Space || c === Ch.Newline || c === Ch.Tab || c === Ch.Return || c === 12 || c === 11) {
        run = -1;
        p++;
        continue;
      }
      if (c === Ch.Quote || c === Ch.DoubleQuote || c === Ch.Minus || c === Ch.Slash || c === Ch.Backslash || c === 59 || c === Ch.Dollar) {
        if (run !== -1) p = run;
        break;
      }
      if (!isWordPart(c)) run = -1;
      else if (run === -1) run = p;
      last = ++p;
    }
    this.pos = p;
    return last;
  }

  private finish(end: number, kind: TokenKind): TokenKind {
    this.end = Math.min(end, this.limit);
    this.pos = this.end;
    return kind;
  }

  /** Reads a word, or a prefixed string (`E'..'`, `N'..'`, `B'..'`, `X'..'`) that starts like one. */
  private word(p: number): TokenKind {
    const { text } = this;
    const first = this.delimiter.charCodeAt(0);
    let q = p + 1;
    while (q < this.limit) {
      const c = text.charCodeAt(q);
      if (!isWordPart(c) || (c === first && text.startsWith(this.delimiter, q))) break;
      q++;
    }
    if (q === p + 1 && text.charCodeAt(q) === Ch.Quote) {
      const prefix = text.charCodeAt(p) | 0x20;
      // e/n/b/x: escape, national, bit and hex strings.
      if (prefix === 101 || prefix === 110 || prefix === 98 || prefix === 120) {
        const backslashes = prefix === 101 || this.dialect === 'mysql';
        return this.finish(this.quotedEnd(q, Ch.Quote, backslashes), 'string');
      }
    }
    return this.finish(q, 'word');
  }

  /** End (exclusive) of a quoted run opened at `p`; a doubled quote is an escaped one. */
  private quotedEnd(p: number, quote: number, backslashes: boolean): number {
    const { text } = this;
    let q = p + 1;
    while (q < this.limit) {
      const c = text.charCodeAt(q);
      if (backslashes && c === Ch.Backslash) {
        q += 2;
        continue;
      }
      if (c === quote) {
        if (text.charCodeAt(q + 1) === quote) {
          q += 2;
          continue;
        }
        return q + 1;
      }
      q++;
    }
    return this.limit;
  }

  /** End of a `$tag$ ... $tag$` string starting at `p`, or -1 when `p` opens no dollar quote. */
  private dollarQuoteEnd(p: number): number {
    const { text } = this;
    let q = p + 1;
    if (q < this.limit && (isDigit(text.charCodeAt(q)) || !(text.charCodeAt(q) === Ch.Dollar || isWordStart(text.charCodeAt(q))))) {
      return -1;
    }
    while (q < this.limit && text.charCodeAt(q) !== Ch.Dollar) {
      const c = text.charCodeAt(q);
      if (!isWordStart(c) && !isDigit(c)) return -1;
      q++;
    }
    if (q >= this.limit) return -1;
    const tag = text.slice(p, q + 1);
    const close = text.indexOf(tag, q + 1);
    return close === -1 || close + tag.length > this.limit ? this.limit : close + tag.length;
  }

  private numberEnd(p: number): number {
    const { text } = this;
    let q = p;
    while (q < this.limit && (isDigit(text.charCodeAt(q)) || text.charCodeAt(q) === Ch.Dot)) q++;
    const e = text.charCodeAt(q) | 0x20;
    if (e === 101) {
      let r = q + 1;
      const sign = text.charCodeAt(r);
      if (sign === 43 || sign === Ch.Minus) r++;
      if (isDigit(text.charCodeAt(r))) {
        q = r;
        while (q < this.limit && isDigit(text.charCodeAt(q))) q++;
      }
    }
    return q;
  }

  /** Skips whitespace and comments (`--`, `/* *\/` nested in PostgreSQL, MySQL `#`). */
  private skipTrivia(): void {
    const { text } = this;
    let p = this.pos;
    while (p < this.limit) {
      const c = text.charCodeAt(p);
      if (c === Ch.Space || c === Ch.Newline || c === Ch.Tab || c === Ch.Return || c === 12 || c === 11) {
        p++;
      } else if (c === Ch.Minus && text.charCodeAt(p + 1) === Ch.Minus) {
        p = this.lineEnd(p);
      } else if (c === Ch.Hash && this.dialect === 'mysql') {
        p = this.lineEnd(p);
      } else if (c === Ch.Slash && text.charCodeAt(p + 1) === Ch.Star) {
        if (this.dialect === 'mysql' && text.charCodeAt(p + 2) === Ch.Bang) break;
        p = this.blockCommentEnd(p);
      } else break;
    }
    this.pos = p;
  }

  private lineEnd(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl === -1 || nl > this.limit ? this.limit : nl + 1;
  }

  private blockCommentEnd(p: number): number {
    const { text } = this;
    if (this.dialect !== 'postgresql') {
      const close = text.indexOf('*/', p + 2);
      return close === -1 || close + 2 > this.limit ? this.limit : close + 2;
    }
    let depth = 0;
    let q = p;
    while (q < this.limit) {
      const c = text.charCodeAt(q);
      if (c === Ch.Slash && text.charCodeAt(q + 1) === Ch.Star) {
        depth++;
        q += 2;
      } else if (c === Ch.Star && text.charCodeAt(q + 1) === Ch.Slash) {
        depth--;
        q += 2;
        if (depth === 0) return q;
      } else q++;
    }
    return this.limit;
  }
}

/**
 * All tokens of `text[from, to)` with their values. Conditional-comment markers are left out.
 * `until`, when given, sees the tokens after each one is added and ends the list by returning true.
 */
export function tokenize(text: string, dialect: SqlDialect, from = 0, to = text.length, until?: (tokens: Token[]) => boolean): Token[] {
  const scanner = new Scanner(text, dialect, from, to);
  const tokens: Token[] = [];
  for (let kind = scanner.next(); kind !== null; kind = scanner.next()) {
    if (kind === 'condOpen' || kind === 'condClose') continue;
    const { start, end } = scanner;
    tokens.push({ kind, start, end, value: tokenValue(text.slice(start, end), kind, dialect) });
    if (until?.(tokens)) break;
  }
  return tokens;
}

/** Whether `at` falls inside a word (a word character on both sides), so no token starts there. */
export function insideWord(text: string, at: number): boolean {
  return at > 0 && at < text.length && isWordPart(text.charCodeAt(at - 1)) && isWordPart(text.charCodeAt(at));
}

/** The value of a token's text: identifiers and strings unquoted and unescaped. */
function tokenValue(raw: string, kind: TokenKind, dialect: SqlDialect): string {
  if (kind === 'ident') {
    if (raw.charCodeAt(0) === Ch.OpenBracket) return raw.slice(1, raw.endsWith(']') ? -1 : undefined);
    return unquote(raw, false);
  }
  if (kind !== 'string') return raw;
  if (raw.charCodeAt(0) === Ch.Dollar) {
    const tagEnd = raw.indexOf('$', 1) + 1;
    return raw.slice(tagEnd, raw.length - tagEnd);
  }
  const first = raw.charCodeAt(0);
  if (first === Ch.Quote || first === Ch.DoubleQuote) return unquote(raw, dialect === 'mysql');
  // A prefixed string: E'..' takes backslash escapes, as MySQL strings always do.
  return unquote(raw.slice(1), (first | 0x20) === 101 || dialect === 'mysql');
}

/** Strips the quotes of a quoted run and undoes doubled quotes (and backslash escapes if asked). */
function unquote(raw: string, backslashes: boolean): string {
  const quote = raw.charCodeAt(0);
  const end = raw.length > 1 && raw.charCodeAt(raw.length - 1) === quote ? raw.length - 1 : raw.length;
  let out = '';
  let from = 1;
  for (let i = 1; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === quote && raw.charCodeAt(i + 1) === quote) {
      out += raw.slice(from, i + 1);
      i++;
      from = i + 1;
    } else if (backslashes && c === Ch.Backslash && i + 1 < end) {
      const next = raw[i + 1];
      out += raw.slice(from, i) + (BACKSLASH_ESCAPES[next] ?? next);
      i++;
      from = i + 1;
    }
  }
  return out + raw.slice(from, end);
}

const BACKSLASH_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', 0: '\0', b: '\b', Z: '\x1a' };
