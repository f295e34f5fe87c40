// The Prisma schema lexer: one pass over the text into token kinds and offsets, kept in typed
// arrays (a 1,000-model schema has 130,000 tokens; objects for them cost more in garbage
// collection than the lexing itself). Token boundaries follow @mrleebo/prisma-ast's lexer (its
// string and number patterns are used as they are), with three differences that match Prisma:
//   - characters no token starts with are returned (`stray`) so they can be reported, where the
//     library's lexer drops them without a word;
//   - `/* */` comments are skipped (their line breaks still count);
//   - every line break is a LineBreak token, whatever whitespace precedes it (the library's
//     whitespace token swallows the line break after `{   `, which its grammar then misses).

/** Token kinds. */
export const enum Tok {
  LineBreak,
  DocComment,
  LineComment,
  At,
  AtAt,
  Dot,
  Question,
  LCurly,
  RCurly,
  LSquare,
  RSquare,
  LRound,
  RRound,
  Comma,
  Colon,
  Equals,
  True,
  False,
  Null,
  String,
  Number,
  Identifier,
  /** Past the last token of the range being parsed. */
  EOF,
}

/** The tokens of one file: token `k` is `kind[k]` at `text.slice(start[k], end[k])`. */
export interface Tokens {
  text: string;
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /** Offsets of runs of characters no Prisma token starts with, one per run (its first character). */
  stray: number[];
}

// The library's own patterns for the tokens whose shape is more than a character class.
const STRING = /"(:?[^\\"\n\r]|\\(:?[bfnrtv"\\/]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** Whitespace other than space, tab and line breaks (the rest of JavaScript's `\s`). */
const OTHER_SPACE = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Single-character tokens by character code. */
const PUNCTUATION: Readonly<Record<number, Tok>> = {
  46: Tok.Dot,
  63: Tok.Question,
  123: Tok.LCurly,
  125: Tok.RCurly,
  91: Tok.LSquare,
  93: Tok.RSquare,
  40: Tok.LRound,
  41: Tok.RRound,
  44: Tok.Comma,
  58: Tok.Colon,
  61: Tok.Equals,
};

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `text` into tokens. Never throws. */
export function lexPrisma(text: string): Tokens {
  const n = text.length;
  let capacity = (n >> 2) + 16;
  let kind = new Uint8Array(capacity);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let count = 0;
  const stray: number[] = [];
  const push = (k: Tok, from: number, to: number): void => {
    if (count === capacity) {
      capacity *= 2;
      const kinds = new Uint8Array(capacity);
      kinds.set(kind);
      kind = kinds;
      const starts = new Int32Array(capacity);
      starts.set(start);
      start = starts;
      const ends = new Int32Array(capacity);
      ends.set(end);
      end = ends;
    }
    kind[count] = k;
    start[count] = from;
    end[count] = to;
    count++;
  };
  // Whether the previous character was stray (a run is reported once).
  let inStrayRun = false;
  // A `"` that opens no valid string literal still hides `/*` up to the next `"` or the line's
  // end, as in Prisma: no block comment starts before this offset.
  let noCommentBefore = 0;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const from = i;
    let isStray = false;
    if (c === 32 || c === 9) {
      i++;
    } else if (c === 10) {
      push(Tok.LineBreak, i, ++i);
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) push(Tok.LineBreak, i, (i += 2));
      else i++;
    } else if (isLetter(c)) {
      i++;
      for (;;) {
        const d = text.charCodeAt(i);
        if (isLetter(d) || isDigit(d) || d === 95 || d === 45) i++;
        else break;
      }
      push(keyword(text, from, i), from, i);
    } else if (PUNCTUATION[c] !== undefined) {
      push(PUNCTUATION[c], i, ++i);
    } else if (c === 64) {
      if (text.charCodeAt(i + 1) === 64) push(Tok.AtAt, i, (i += 2));
      else push(Tok.At, i, ++i);
    } else if (c === 34) {
      STRING.lastIndex = i;
      if (STRING.test(text)) push(Tok.String, i, (i = STRING.lastIndex));
      else {
        noCommentBefore = literalEnd(text, i);
        isStray = true;
      }
    } else if (c === 45 || isDigit(c)) {
      NUMBER.lastIndex = i;
      if (NUMBER.test(text)) push(Tok.Number, i, (i = NUMBER.lastIndex));
      else isStray = true;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      // The library's comment patterns end before any line terminator.
      let to = i + 2;
      for (;;) {
        const d = text.charCodeAt(to);
        if (to >= n || d === 10 || d === 13 || d === 0x2028 || d === 0x2029) break;
        to++;
      }
      push(text.charCodeAt(i + 2) === 47 ? Tok.DocComment : Tok.LineComment, i, to);
      i = to;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 && i >= noCommentBefore && text.indexOf('*/', i + 2) !== -1) {
      const to = text.indexOf('*/', i + 2) + 2;
      for (let k = i; k < to; k++) {
        const d = text.charCodeAt(k);
        if (d === 10) push(Tok.LineBreak, k, k + 1);
        else if (d === 13 && text.charCodeAt(k + 1) === 10) push(Tok.LineBreak, k, ++k + 1);
      }
      i = to;
    } else if (OTHER_SPACE.test(text[i])) {
      i++;
    } else {
      isStray = true;
    }
    if (isStray) {
      if (!inStrayRun) stray.push(i);
      inStrayRun = true;
      i++;
    } else inStrayRun = false;
  }
  return { text, count, kind, start, end, stray };
}

/** `true`, `false` and `null` are tokens of their own; any other word is an Identifier. */
function keyword(text: string, from: number, to: number): Tok {
  const length = to - from;
  if (length === 4) {
    if (text.startsWith('true', from)) return Tok.True;
    if (text.startsWith('null', from)) return Tok.Null;
  } else if (length === 5 && text.startsWith('false', from)) return Tok.False;
  return Tok.Identifier;
}

/** Where Prisma's scan of a possibly unterminated string starting at `q` ends: its closing `"` or line end. */
function literalEnd(text: string, q: number): number {
  let j = q + 1;
  while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, text.length);
}
