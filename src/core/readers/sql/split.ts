// Splitting a SQL file into statements, in one pass of the shared scanner, so each statement can
// be parsed on its own and one bad statement costs only itself. Client-side lines that are not
// SQL (psql meta-commands, COPY data blocks, MySQL DELIMITER lines) are left out of every statement.

import type { SqlDialect } from '../../ir';
import { Scanner, type TokenKind } from './lexer';

export interface SqlStatement {
  /** Offset of the statement's first token; comments before it are not part of it. */
  start: number;
  /** Offset just past its last token, before the delimiter. */
  end: number;
  /** Its first few unquoted words, upper-cased (`CREATE`, `UNIQUE`, `INDEX`, ...), to classify it. */
  words: string[];
  /** MySQL conditional-comment markers (`/*!40101`, `*\/`) inside it, to blank before parsing. */
  markers: Array<[number, number]>;
}

export interface SplitResult {
  statements: SqlStatement[];
  /** Ranges that are not SQL at all: psql meta-command lines, COPY data, DELIMITER lines. */
  skipped: Array<[number, number]>;
}

/** How many leading words a statement keeps for classification. */
const LEADING_WORDS = 6;
/** Statements whose bodies may hold `;` between `BEGIN` and `END`. */
const BLOCK_OBJECTS = new Set(['TRIGGER', 'FUNCTION', 'PROCEDURE', 'EVENT']);
/** Words after `END` that close a compound statement opened without `BEGIN`/`CASE` (MySQL). */
const END_SUFFIXES = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT']);

/** The statement being read: its extent so far and the state of a `BEGIN ... END` body. */
class Pending {
  start = -1;
  end = -1;
  words: string[] = [];
  markers: Array<[number, number]> = [];
  block = false;
  depth = 0;
  afterEnd = false;

  get empty(): boolean {
    return this.start === -1;
  }

  /** Whether `word` still has a use for the next word: past the leading words only bodies do. */
  get wantsWords(): boolean {
    return this.block || this.words.length < LEADING_WORDS;
  }

  /** Records a word token: leading words classify the statement, BEGIN/CASE/END nest bodies. */
  word(text: string): void {
    if (this.words.length < LEADING_WORDS) {
      const upper = text.toUpperCase();
      this.words.push(upper);
      if (this.words[0] === 'CREATE' && BLOCK_OBJECTS.has(upper)) this.block = true;
    }
    if (!this.block || text.length > 5) return;
    const upper = text.toUpperCase();
    if (this.afterEnd) {
      this.afterEnd = false;
      if (END_SUFFIXES.has(upper)) this.depth++;
      if (upper === 'CASE' || END_SUFFIXES.has(upper)) return;
    }
    if (upper === 'BEGIN' || upper === 'CASE') this.depth++;
    else if (upper === 'END' && this.depth > 0) {
      this.depth--;
      this.afterEnd = true;
    }
  }
}

/**
 * Splits `text` into statements. Quotes, comments, dollar quotes, `BEGIN ... END` bodies of
 * triggers and routines, MySQL `DELIMITER` changes and conditional comments are respected.
 * `enough`, when given, sees each statement as it is found and stops the split by returning true.
 */
export function splitStatements(
  text: string,
  dialect: SqlDialect,
  enough?: (s: SqlStatement) => boolean,
  /** Skip PostgreSQL text the split does not need token by token (false: the tests' reference). */
  options: { skipPlain?: boolean } = {},
): SplitResult {
  const skipPlain = dialect === 'postgresql' && (options.skipPlain ?? true);
  const scanner = new Scanner(text, dialect);
  const statements: SqlStatement[] = [];
  const skipped: Array<[number, number]> = [];
  let pending = new Pending();
  let done = false;

  const close = () => {
    if (!pending.empty) {
      const s: SqlStatement = { start: pending.start, end: pending.end, words: pending.words, markers: pending.markers };
      statements.push(s);
      done = enough?.(s) ?? false;
    }
    pending = new Pending();
  };

  for (let kind = scanner.next(); kind !== null && !done; kind = scanner.next()) {
    const { start, end } = scanner;
    if (kind === 'delimiter' && pending.depth === 0) {
      const copyData = pending.words[0] === 'COPY' && /\bfrom\s+stdin\b/i.test(text.slice(pending.start, pending.end));
      close();
      if (copyData) skipCopyData(scanner, end, skipped);
      continue;
    }
    if (isClientLine(text, dialect, kind, start, end, pending)) {
      const lineEnd = endOfLine(text, start);
      if (dialect === 'mysql') scanner.delimiter = text.slice(start + 'DELIMITER'.length, lineEnd).trim().split(/\s+/)[0] || ';';
      skipped.push([start, lineEnd]);
      scanner.pos = lineEnd;
      continue;
    }
    if (kind === 'condOpen' || kind === 'condClose') {
      pending.markers.push([start, end]);
    } else if (kind === 'word' && pending.wantsWords) {
      pending.word(text.slice(start, end));
    }
    if (pending.empty) pending.start = start;
    pending.end = end;
    // Past its leading words, a statement that is no routine body only needs its delimiter.
    if (skipPlain && !pending.wantsWords) {
      const last = scanner.skipPlain();
      if (last !== -1) pending.end = last;
    }
  }
  if (!done) close();
  return { statements, skipped };
}

/**
 * A line for the client program, not the server: a psql meta-command (`\connect`), an sqlite3
 * dot-command (`.mode`) or a MySQL `DELIMITER` line. Each starts its own line.
 */
function isClientLine(text: string, dialect: SqlDialect, kind: TokenKind, start: number, end: number, pending: Pending): boolean {
  const c = text[start];
  const client =
    (dialect === 'postgresql' && kind === 'punct' && c === '\\') ||
    (dialect === 'sqlite' && kind === 'punct' && c === '.' && pending.empty) ||
    (dialect === 'mysql' && kind === 'word' && pending.empty && text.slice(start, end).toUpperCase() === 'DELIMITER');
  return client && startsLine(text, start);
}

/** Whether only spaces or tabs stand between `at` and the start of its line. */
function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function endOfLine(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

/** Skips the data of `COPY ... FROM stdin;`: the lines after it up to and including `\.`. */
function skipCopyData(scanner: Scanner, delimiterEnd: number, skipped: Array<[number, number]>): void {
  const { text } = scanner;
  const from = endOfLine(text, delimiterEnd);
  let end = text.length;
  for (let at = text.indexOf('\\.', from); at !== -1; at = text.indexOf('\\.', at + 2)) {
    const after = text.charCodeAt(at + 2);
    if ((at === from || text.charCodeAt(at - 1) === 10) && (Number.isNaN(after) || after === 10 || after === 13)) {
      end = endOfLine(text, at);
      break;
    }
  }
  skipped.push([from, end]);
  scanner.pos = end;
}
