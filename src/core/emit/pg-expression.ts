// SQL expressions made safe for PostgreSQL: identifier quoting, CHECK expressions and column
// defaults written for any source dialect (PostgreSQL, MySQL, SQLite, or SQL text inside
// SQLAlchemy models), translated when the translation is certain and refused, with a reason,
// otherwise. The emitters never write SQL that PostgreSQL would reject: what cannot be carried
// over becomes a comment.
//
// An expression is screened token by token: every word must be a column of the table, a keyword,
// a known built-in function or a type name, so user-defined functions, subqueries and
// dialect-only syntax (`GLOB`, `REGEXP`, backslash escapes, `datetime('now')`) never get through.
// For non-PostgreSQL sources, comparisons between a column and a literal are also type-checked
// against the PostgreSQL column type, since `active IN (0, 1)` on a boolean column, valid in
// SQLite, is an error in PostgreSQL.

import type { ColumnDefault, SqlDialect } from '../ir';
import { lookupTable } from '../lookup';

/** What an expression needs to know about a column once it lives in PostgreSQL. */
export interface ExpressionColumn {
  /** The column name as stored (case kept). */
  name: string;
  valueClass: ValueClass;
  /** For enum columns: the labels the type accepts. */
  enumLabels: string[] | null;
  /** The source type had no PostgreSQL equivalent and the column became `text`. */
  fallback: boolean;
}

/** The families of PostgreSQL types that decide which literals and operators apply. */
export type ValueClass =
  | 'boolean'
  | 'number'
  | 'text'
  | 'enum'
  | 'temporal'
  | 'interval'
  | 'uuid'
  | 'json'
  | 'array'
  | 'binary'
  | 'other';

export interface ExpressionContext {
  /** The dialect the expression was written in; null for SQLAlchemy/Prisma sources. */
  dialect: SqlDialect | null;
  /** The columns the expression may use (none for defaults). */
  columns: ExpressionColumn[];
  /** Enum type names as the source wrote them (lower-cased) → the PostgreSQL type reference. */
  enumTypes: Map<string, string>;
}

/** An expression PostgreSQL accepts, or the reason it was left out. */
export type Translation = { ok: true; sql: string } | { ok: false; reason: string };

/**
 * A default PostgreSQL accepts. `sql` is the DDL text; `kind` lets other emitters pick a
 * dialect-neutral spelling (SQLAlchemy `func.current_timestamp()`, a quoted string...).
 */
export type PgDefault =
  | { kind: 'literal'; value: string | number | boolean; sql: string }
  | { kind: 'current_timestamp' | 'current_date' | 'current_time' | 'localtime' | 'uuid'; sql: string }
  | { kind: 'expression'; sql: string };

export type DefaultResolution = { ok: true; value: PgDefault } | { ok: false; reason: string };

// PostgreSQL keywords that cannot be used as plain identifiers everywhere: reserved (R),
// type/function names (T) and column names (C), as `pg_get_keywords()` lists them in
// PostgreSQL 15, plus the ones PostgreSQL 16 and 17 added. Quoting a word in this list is always
// correct, so the list errs on the side of quoting.
const PG_KEYWORDS = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between bigint binary bit ' +
    'boolean both case cast char character check coalesce collate collation column concurrently ' +
    'constraint create cross current_catalog current_date current_role current_schema current_time ' +
    'current_timestamp current_user dec decimal default deferrable desc distinct do else end except ' +
    'exists extract false fetch float for foreign freeze from full grant greatest group grouping ' +
    'having ilike in initially inner inout int integer intersect interval into is isnull join json ' +
    'json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar ' +
    'json_serialize json_table json_value lateral leading least left like limit localtime ' +
    'localtimestamp merge_action national natural nchar none normalize not notnull null nullif ' +
    'numeric offset on only or order out outer overlaps overlay placing position precision primary ' +
    'real references returning right row select session_user setof similar smallint some substring ' +
    'symmetric system_user table tablesample then time timestamp to trailing treat trim true union ' +
    'unique user using values varchar variadic verbose when where window with xmlattributes ' +
    'xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'
  ).split(' '),
);

/** Every keyword this module quotes (exported for the test that compares it with PostgreSQL's). */
export const quotedKeywords: ReadonlySet<string> = PG_KEYWORDS;

/**
 * Quotes a PostgreSQL identifier only when needed: upper-case letters, characters other than
 * lower-case letters, digits, `_` and `$`, a leading digit or `$`, or a keyword.
 */
export function quoteIdent(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && !PG_KEYWORDS.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string as a standard PostgreSQL literal (backslashes are literal characters). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'op' | 'open' | 'close' | 'comma';

interface Token {
  kind: TokenKind;
  /** Words and operators: the text; identifiers and strings: the unquoted value. */
  text: string;
  start: number;
  end: number;
  /** For identifiers: the quote character used. */
  quote?: '"' | '`' | '[';
}

/** Multi-character operators, longest first so `<=>` is not read as `<=` then `>`. */
const OPERATORS = ['!~*', '<=>', '::', '<>', '!=', '<=', '>=', '||', '~*', '!~', '@>', '<@', '&&', '=='];

/** Splits an expression into tokens, or says why it cannot. Comments are dropped. */
function tokenize(src: string, dialect: SqlDialect | null): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (src.startsWith('--', i)) {
      const end = src.indexOf('\n', i);
      i = end === -1 ? src.length : end + 1;
    } else if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end === -1) return 'an unterminated comment';
      i = end + 2;
    } else if (c === "'" || (/[eEnN]/.test(c) && src[i + 1] === "'")) {
      const prefix = c === "'" ? '' : c.toLowerCase();
      const read = readString(src, i + prefix.length, dialect === 'mysql' || prefix === 'e');
      if (typeof read === 'string') return read;
      tokens.push({ kind: 'string', text: read.value, start: i, end: read.end });
      i = read.end;
    } else if (c === '"' || c === '`' || (c === '[' && dialect === 'sqlite')) {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length) return 'an unterminated quoted name';
        if (src[j] === close) {
          if (close !== ']' && src[j + 1] === close) {
            value += close;
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      tokens.push({ kind: 'ident', text: value, start: i, end: j + 1, quote: c });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?\.?)/.exec(src.slice(i))!;
      if (/^0[xX]/.test(m[0])) return `the hexadecimal number ${m[0]}`;
      tokens.push({ kind: 'number', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'word', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', text: c, start: i, end: i + 1 });
      i++;
    } else {
      const op = OPERATORS.find((o) => src.startsWith(o, i)) ?? c;
      if (!/^[-+*/%=<>!~@&|^:.\]\[#?;$]+$/.test(op)) return `the character ${JSON.stringify(c)}`;
      tokens.push({ kind: 'op', text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  return tokens;
}

/** Reads a single-quoted string starting at `at`; `backslash` enables backslash escapes. */
function readString(src: string, at: number, backslash: boolean): { value: string; end: number } | string {
  let j = at + 1;
  let value = '';
  for (;;) {
    if (j >= src.length) return 'an unterminated string';
    const ch = src[j];
    if (backslash && ch === '\\' && j + 1 < src.length) {
      const next = src[j + 1];
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };
      value += escapes[next] ?? next;
      j += 2;
      continue;
    }
    if (ch === "'") {
      if (src[j + 1] === "'") {
        value += "'";
        j += 2;
        continue;
      }
      return { value, end: j + 1 };
    }
    value += ch;
    j++;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Words that are always keywords in an expression, whatever the columns are called. */
const HARD_KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'between', 'like', 'escape', 'case',
  'when', 'then', 'else', 'end', 'cast', 'as', 'distinct', 'from', 'for', 'current_date',
  'current_timestamp', 'current_time', 'localtime', 'localtimestamp', 'unknown',
]);
/** Further keywords only PostgreSQL has. */
const PG_ONLY_KEYWORDS = new Set(['ilike', 'similar', 'to', 'any', 'all', 'some', 'array', 'isnull', 'notnull', 'symmetric', 'at', 'overlaps']);
/** Words that are keywords only when no column has that name. */
const SOFT_KEYWORDS = new Set([
  'interval', 'date', 'time', 'timestamp', 'zone', 'with', 'without', 'year', 'month', 'day', 'hour',
  'minute', 'second', 'epoch', 'dow', 'doy', 'week', 'quarter', 'century', 'decade', 'isodow',
  'isoyear', 'millennium', 'microseconds', 'milliseconds', 'timezone', 'leading', 'trailing', 'both',
]);

/** Built-in functions every source dialect and PostgreSQL share (name → PostgreSQL name). */
const PORTABLE_FUNCTIONS: Record<string, string> = Object.fromEntries(
  [
    'abs', 'ceil', 'ceiling', 'floor', 'round', 'mod', 'sign', 'power', 'sqrt', 'length', 'char_length',
    'character_length', 'octet_length', 'lower', 'upper', 'trim', 'ltrim', 'rtrim', 'substr',
    'substring', 'replace', 'coalesce', 'nullif', 'greatest', 'least', 'concat', 'left', 'right',
    'extract', 'position', 'now',
  ].map((f) => [f, f]),
);
/** Dialect spellings with an exact PostgreSQL equivalent. */
const TRANSLATED_FUNCTIONS: Readonly<Record<string, string>> = lookupTable({ ifnull: 'coalesce' });
/** PostgreSQL built-ins accepted when the source is PostgreSQL. */
const PG_FUNCTIONS = new Set([
  'btrim', 'lpad', 'rpad', 'initcap', 'reverse', 'translate', 'split_part', 'strpos', 'starts_with',
  'md5', 'ascii', 'chr', 'regexp_replace', 'regexp_match', 'regexp_like', 'array_length',
  'array_position', 'cardinality', 'array_upper', 'array_lower', 'jsonb_typeof', 'json_typeof',
  'jsonb_array_length', 'json_array_length', 'jsonb_exists', 'num_nonnulls', 'num_nulls',
  'date_part', 'date_trunc', 'age', 'to_char', 'to_date', 'to_timestamp', 'make_date',
  'make_interval', 'isfinite', 'timezone', 'clock_timestamp', 'statement_timestamp',
  'transaction_timestamp', 'gen_random_uuid', 'trunc', 'div', 'exp', 'ln', 'log', 'lower_inc',
  'upper_inc', 'isempty',
]);
/** Functions that need a text argument, and ones that need a number (for type checks). */
const TEXT_FUNCTIONS = new Set([
  'length', 'char_length', 'character_length', 'octet_length', 'lower', 'upper', 'trim', 'ltrim',
  'rtrim', 'substr', 'substring', 'replace', 'left', 'right', 'btrim', 'lpad', 'rpad', 'initcap',
]);
const NUMBER_FUNCTIONS = new Set(['abs', 'ceil', 'ceiling', 'floor', 'round', 'mod', 'sign', 'power', 'sqrt']);

/** Type names a cast may use, lower case; multi-word names are matched word by word. */
const CAST_TYPES = new Set([
  'integer', 'int', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'numeric', 'decimal', 'real',
  'float', 'float4', 'float8', 'double precision', 'text', 'varchar', 'character varying',
  'character', 'char', 'boolean', 'bool', 'date', 'time', 'timestamp', 'timestamptz', 'timetz',
  'interval', 'uuid', 'json', 'jsonb', 'bytea', 'time with time zone', 'time without time zone',
  'timestamp with time zone', 'timestamp without time zone', 'bpchar', 'name',
]);

const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const BOOLEAN_STRINGS = new Set(['t', 'f', 'true', 'false', 'y', 'n', 'yes', 'no', 'on', 'off', '1', '0']);
const UUID_PATTERN = /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
const NUMBER_PATTERN = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

// ---------------------------------------------------------------------------------------------
// CHECK expressions

/**
 * Translates a CHECK expression for PostgreSQL. PostgreSQL sources keep their text (whitespace
 * and comments normalised); other dialects get their quoting and strings rewritten, and are
 * refused when they use anything PostgreSQL would reject or read differently.
 */
export function translateCheck(expression: string, ctx: ExpressionContext): Translation {
  return translateExpression(expression, ctx, true);
}

/** One translated token: its PostgreSQL text and what the type checks need to know about it. */
interface Piece {
  sql: string;
  token: Token;
  column?: ExpressionColumn;
  literal?: 'string' | 'number' | 'boolean';
  /** The literal's value (strings unquoted). */
  value?: string;
  /** A function name (its `(` opens an argument list, not a group). */
  fn?: boolean;
}

/** Screens and rewrites an expression; `typeCheck` adds the column/literal type rules. */
function translateExpression(expression: string, ctx: ExpressionContext, typeCheck: boolean): Translation {
  const tokens = tokenize(expression, ctx.dialect);
  if (typeof tokens === 'string') return { ok: false, reason: `it contains ${tokens}` };
  if (tokens.length === 0) return { ok: false, reason: 'it is empty' };
  const pieces: Piece[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'open') depth++;
    if (t.kind === 'close' && --depth < 0) return { ok: false, reason: 'its parentheses do not match' };
    if (t.kind === 'op' && t.text === '::') {
      const cast = readCastType(tokens, i + 1, ctx);
      if (typeof cast === 'string') return { ok: false, reason: cast };
      if (ctx.dialect !== 'postgresql') return { ok: false, reason: 'it uses a `::` cast outside PostgreSQL' };
      pieces.push({ sql: `::${cast.sql}`, token: { ...t, end: tokens[cast.next - 1].end } });
      i = cast.next - 1;
      continue;
    }
    const piece = translateToken(tokens, i, ctx);
    if (typeof piece === 'string') return { ok: false, reason: piece };
    if (piece.castType) {
      const cast = readCastType(tokens, i + 1, ctx);
      if (typeof cast === 'string') return { ok: false, reason: cast };
      pieces.push(piece.piece, { sql: ` ${cast.sql}`, token: { ...t, start: tokens[i + 1].start, end: tokens[cast.next - 1].end } });
      i = cast.next - 1;
      continue;
    }
    pieces.push(piece.piece);
  }
  if (depth !== 0) return { ok: false, reason: 'its parentheses do not match' };
  const fallback = pieces.find((p) => p.column?.fallback);
  if (fallback) {
    return { ok: false, reason: `column "${fallback.column!.name}" has a type PostgreSQL does not know, created as text` };
  }
  if (typeCheck && ctx.dialect !== 'postgresql') {
    const problem = typeProblem(pieces);
    if (problem) return { ok: false, reason: problem };
  }
  return { ok: true, sql: joinPieces(pieces, expression) };
}

/** Rebuilds the text: pieces keep their order and a single space wherever the source had a gap. */
function joinPieces(pieces: Piece[], source: string): string {
  let out = '';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (i > 0 && p.token.start > pieces[i - 1].token.end && !p.sql.startsWith(' ')) {
      const gap = source.slice(pieces[i - 1].token.end, p.token.start);
      if (gap.length > 0) out += ' ';
    }
    out += p.sql;
  }
  return out.trim();
}

/** Translates the token at `i`; `castType` says the next tokens are a type name (`AS type`). */
function translateToken(tokens: Token[], i: number, ctx: ExpressionContext): { piece: Piece; castType?: boolean } | string {
  const t = tokens[i];
  const pg = ctx.dialect === 'postgresql';
  switch (t.kind) {
    case 'open':
    case 'close':
    case 'comma':
      return { piece: { sql: t.text, token: t } };
    case 'number':
      return { piece: { sql: t.text, token: t, literal: 'number', value: t.text } };
    case 'string':
      return { piece: { sql: quoteLiteral(t.text), token: t, literal: 'string', value: t.text } };
    case 'op':
      return translateOperator(t, pg, ctx.dialect);
    case 'ident':
      return translateQuoted(t, ctx);
    case 'word':
      return translateWord(tokens, i, ctx);
  }
}

/** Keeps operators PostgreSQL reads the same way; `==` becomes `=`. */
function translateOperator(t: Token, pg: boolean, dialect: SqlDialect | null): { piece: Piece } | string {
  const common = new Set(['=', '<>', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);
  if (common.has(t.text)) return { piece: { sql: t.text, token: t } };
  if (t.text === '==' && dialect === 'sqlite') return { piece: { sql: '=', token: t } };
  if (t.text === '||' && dialect !== 'mysql') return { piece: { sql: t.text, token: t } };
  if (pg && ['~', '~*', '!~', '!~*', '[', ']', '@>', '<@', '&&', '^'].includes(t.text)) return { piece: { sql: t.text, token: t } };
  return `it uses the operator ${t.text}, which PostgreSQL does not read the same way`;
}

/** A quoted name: a column, or (MySQL, SQLite) a double-quoted string. */
function translateQuoted(t: Token, ctx: ExpressionContext): { piece: Piece } | string {
  const asString = (): { piece: Piece } => ({ piece: { sql: quoteLiteral(t.text), token: t, literal: 'string', value: t.text } });
  if (t.quote === '"' && ctx.dialect === 'mysql') return asString();
  const exact = ctx.dialect === 'postgresql' || ctx.dialect === null;
  const column = findColumn(ctx, t.text, !exact);
  if (column) return { piece: { sql: quoteIdent(column.name), token: t, column } };
  if (t.quote === '"' && ctx.dialect === 'sqlite') return asString();
  return `it uses "${t.text}", which is not a column of this table`;
}

/** A bare word: function, keyword, type-introducing keyword or column. */
function translateWord(tokens: Token[], i: number, ctx: ExpressionContext): { piece: Piece; castType?: boolean } | string {
  const t = tokens[i];
  const lower = t.text.toLowerCase();
  const pg = ctx.dialect === 'postgresql';
  const next = tokens[i + 1];
  if (next?.kind === 'open' && !HARD_KEYWORDS.has(lower) && !(pg && PG_ONLY_KEYWORDS.has(lower))) {
    const name = functionName(lower, pg);
    if (name === null) return `it calls ${t.text}(), which PostgreSQL does not have or this DDL does not define`;
    return { piece: { sql: name === lower ? t.text : name, token: t, fn: true } };
  }
  if (lower === 'true' || lower === 'false') {
    return { piece: { sql: lower, token: t, literal: 'boolean', value: lower } };
  }
  if (HARD_KEYWORDS.has(lower) || (pg && PG_ONLY_KEYWORDS.has(lower))) {
    return { piece: { sql: t.text, token: t }, castType: lower === 'as' };
  }
  const column = findColumn(ctx, pg ? lower : t.text, !pg);
  if (column) {
    if (tokens[i + 1]?.text === '.') return 'it uses a qualified column name';
    return { piece: { sql: quoteIdent(column.name), token: t, column } };
  }
  if (SOFT_KEYWORDS.has(lower)) return { piece: { sql: t.text, token: t } };
  return `it uses ${t.text}, which is neither a column of this table nor SQL PostgreSQL shares`;
}

/** The PostgreSQL name of a function the source calls, or null when it is not allowed. */
function functionName(lower: string, pg: boolean): string | null {
  if (PORTABLE_FUNCTIONS[lower]) return PORTABLE_FUNCTIONS[lower];
  if (!pg && TRANSLATED_FUNCTIONS[lower]) return TRANSLATED_FUNCTIONS[lower];
  if (pg && PG_FUNCTIONS.has(lower)) return lower;
  return null;
}

/** Finds a column by name: exactly, then (for case-insensitive dialects) ignoring case. */
function findColumn(ctx: ExpressionContext, name: string, ignoreCase: boolean): ExpressionColumn | undefined {
  const exact = ctx.columns.find((c) => c.name === name);
  if (exact || !ignoreCase) return exact;
  const matches = ctx.columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Reads a type name after `::` or `AS`: known built-in names (multi-word ones included), an
 * enum type of the schema, an optional `(n[, m])` and `[]` suffixes.
 */
function readCastType(tokens: Token[], at: number, ctx: ExpressionContext): { sql: string; next: number } | string {
  let i = at;
  const first = tokens[i];
  if (!first || (first.kind !== 'word' && first.kind !== 'ident')) return 'it casts to something that is not a type name';
  let sql: string;
  const enumRef = enumReference(tokens, i, ctx);
  if (enumRef) {
    sql = enumRef.sql;
    i = enumRef.next;
  } else {
    if (first.kind !== 'word') return `it casts to the unknown type "${first.text}"`;
    const words = [first.text.toLowerCase()];
    i++;
    while (tokens[i]?.kind === 'word' && CAST_TYPES.has([...words, tokens[i].text.toLowerCase()].join(' '))) {
      words.push(tokens[i].text.toLowerCase());
      i++;
    }
    // `time with time zone` needs three more words than `time`.
    const rest = tokens.slice(i, i + 3).map((t) => t.text.toLowerCase()).join(' ');
    if ((words.join(' ') === 'time' || words.join(' ') === 'timestamp') && /^(with|without) time zone$/.test(rest)) {
      words.push(...rest.split(' '));
      i += 3;
    }
    const name = words.join(' ');
    if (!CAST_TYPES.has(name)) return `it casts to the type ${name}, which is not portable to PostgreSQL`;
    sql = name;
  }
  if (tokens[i]?.kind === 'open') {
    const args: string[] = [];
    i++;
    while (tokens[i]?.kind === 'number' || tokens[i]?.kind === 'comma') args.push(tokens[i++].text);
    if (tokens[i]?.kind !== 'close') return 'it casts to a type with unexpected arguments';
    i++;
    sql += `(${args.join('').replace(/,/g, ', ')})`;
  }
  while (ctx.dialect === 'postgresql' && tokens[i]?.text === '[' && tokens[i + 1]?.text === ']') {
    sql += '[]';
    i += 2;
  }
  return { sql, next: i };
}

/** An enum type name (optionally schema-qualified) at `i`, rendered as the emitted type. */
function enumReference(tokens: Token[], i: number, ctx: ExpressionContext): { sql: string; next: number } | undefined {
  const part = (t: Token | undefined) =>
    t && (t.kind === 'ident' ? t.text : t.kind === 'word' ? t.text.toLowerCase() : undefined);
  const one = part(tokens[i]);
  if (one === undefined) return undefined;
  const two = tokens[i + 1]?.text === '.' ? part(tokens[i + 2]) : undefined;
  const key = (two === undefined ? one : `${one}.${two}`).toLowerCase();
  const sql = ctx.enumTypes.get(key) ?? (one.toLowerCase() === 'public' && two ? ctx.enumTypes.get(two.toLowerCase()) : undefined);
  if (sql === undefined) return undefined;
  return { sql, next: two === undefined ? i + 1 : i + 3 };
}

// ---------------------------------------------------------------------------------------------
// Type rules for expressions written for another database

/**
 * Finds a comparison PostgreSQL would reject because the column's type and the literal's (or the
 * other column's) do not meet: `active = 1` on a boolean, `zip > 0` on text, `'x'` for an enum
 * that has no such label, `length(n)` on a number, a non-boolean column used as a condition.
 */
function typeProblem(pieces: Piece[]): string | undefined {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (!p.column) continue;
    const col = p.column;
    const prev = pieces[i - 1];
    const next = pieces[i + 1];
    const word = (x: Piece | undefined) => x?.token.kind === 'word' ? x.token.text.toLowerCase() : x?.token.text;
    // Compared with a literal or another column, on either side.
    if (next && COMPARISONS.has(next.sql)) {
      const problem = comparisonProblem(col, operand(pieces, i + 2));
      if (problem) return problem;
    }
    if (prev && COMPARISONS.has(prev.sql)) {
      const problem = comparisonProblem(col, pieces[i - 2]);
      if (problem) return problem;
    }
    // IN (...), BETWEEN ... AND ..., LIKE.
    let k = i + 1;
    if (word(pieces[k]) === 'not') k++;
    const op = word(pieces[k]);
    if (op === 'in' && pieces[k + 1]?.token.kind === 'open') {
      for (let j = k + 2; j < pieces.length && pieces[j].token.kind !== 'close'; j++) {
        if (pieces[j].token.kind === 'comma') continue;
        const problem = comparisonProblem(col, operand(pieces, j));
        if (problem) return problem;
      }
    }
    if (op === 'between') {
      for (const j of [k + 1, k + 3]) {
        const problem = comparisonProblem(col, operand(pieces, j));
        if (problem) return problem;
      }
    }
    if (op === 'like' && col.valueClass !== 'text') {
      return `it uses LIKE on column "${col.name}", which is not text in PostgreSQL`;
    }
    // A function argument.
    const fn = pieces[i - 2];
    if (prev?.token.kind === 'open' && fn?.fn) {
      const name = fn.token.text.toLowerCase();
      if (TEXT_FUNCTIONS.has(name) && col.valueClass !== 'text') {
        return `it calls ${name}() on column "${col.name}", which is not text in PostgreSQL`;
      }
      if (NUMBER_FUNCTIONS.has(name) && col.valueClass !== 'number') {
        return `it calls ${name}() on column "${col.name}", which is not a number in PostgreSQL`;
      }
    }
    // Used as a condition on its own.
    const group = prev?.token.kind === 'open' && !pieces[i - 2]?.fn && word(pieces[i - 2]) !== 'in';
    const opens = (x: Piece | undefined) => !x || group || ['and', 'or', 'not'].includes(word(x) ?? '');
    const closes = (x: Piece | undefined) => !x || x.token.kind === 'close' || ['and', 'or'].includes(word(x) ?? '');
    if (opens(prev) && closes(next) && col.valueClass !== 'boolean') {
      return `it uses column "${col.name}" as a condition, but it is not boolean in PostgreSQL`;
    }
  }
  return undefined;
}

/** The operand starting at `j`, folding a leading minus sign into a number literal. */
function operand(pieces: Piece[], j: number): Piece | undefined {
  const p = pieces[j];
  if (p && (p.sql === '-' || p.sql === '+') && pieces[j + 1]?.literal === 'number') {
    return { ...pieces[j + 1], value: `${p.sql}${pieces[j + 1].value}` };
  }
  return p;
}

/** Why a column cannot be compared with this operand in PostgreSQL, if it cannot. */
function comparisonProblem(col: ExpressionColumn, other: Piece | undefined): string | undefined {
  if (!other) return undefined;
  if (other.column) {
    const a = col.valueClass;
    const b = other.column.valueClass;
    const fits = a === b || a === 'other' || b === 'other';
    return fits ? undefined : `it compares column "${col.name}" with column "${other.column.name}", whose PostgreSQL types differ`;
  }
  if (!other.literal) return undefined;
  const ok = literalFits(col, other.literal, other.value ?? '');
  return ok ? undefined : `it compares column "${col.name}" (${describeClass(col)}) with ${describeLiteral(other)}`;
}

/** Tells whether a literal of this kind and value is valid for the column's PostgreSQL type. */
function literalFits(col: ExpressionColumn, kind: 'string' | 'number' | 'boolean', value: string): boolean {
  switch (col.valueClass) {
    case 'boolean':
      return kind === 'boolean' || (kind === 'string' && BOOLEAN_STRINGS.has(value.trim().toLowerCase()));
    case 'number':
      return kind === 'number' || (kind === 'string' && NUMBER_PATTERN.test(value));
    case 'text':
      return kind === 'string';
    case 'enum':
      return kind === 'string' && (col.enumLabels?.includes(value) ?? false);
    case 'uuid':
      return kind === 'string' && UUID_PATTERN.test(value);
    case 'temporal':
    case 'interval':
    case 'json':
    case 'array':
    case 'binary':
      return kind === 'string';
    case 'other':
      return true;
  }
}

function describeClass(col: ExpressionColumn): string {
  return col.valueClass === 'number' ? 'a number' : col.valueClass === 'other' ? 'another type' : col.valueClass;
}

function describeLiteral(p: Piece): string {
  return p.literal === 'string' ? `the string ${quoteLiteral(p.value ?? '')}` : `the ${p.literal} ${p.value}`;
}

// ---------------------------------------------------------------------------------------------
// Defaults

/** What a default must fit: the column's PostgreSQL type family and facts. */
export interface DefaultTarget extends ExpressionColumn {
  /** For datetime/time columns: with time zone. */
  timezone: boolean;
  /** For temporal columns: which one. */
  temporal: 'date' | 'datetime' | 'time' | null;
}

const NOW_FORMS = new Set([
  'now()', 'current_timestamp', 'current_timestamp()', 'localtimestamp', 'localtimestamp()',
  'getdate()', 'sysdate()', 'sysdatetime()', "datetime('now')", "datetime('now','localtime')",
  'transaction_timestamp()', 'statement_timestamp()', 'clock_timestamp()', 'utc_timestamp()',
  'utc_timestamp', 'func.now()', 'current_timestamp(0)', 'current_timestamp(3)', 'current_timestamp(6)',
  'now(6)', 'now(3)', "timezone('utc',now())", "timezone('utc'::text,now())", "(now()attimezone'utc')",
  "now()attimezone'utc'",
]);
const DATE_FORMS = new Set(['current_date', 'current_date()', 'curdate()', "date('now')", 'func.current_date()']);
const TIME_FORMS = new Set(['current_time', 'current_time()', 'curtime()', "time('now')", 'localtime', 'localtime()']);
const UUID_FORMS = new Set(['gen_random_uuid()', 'uuid_generate_v4()', 'uuid()', 'newid()', 'random_uuid()', 'uuid_generate_v1()']);

/**
 * Resolves a column default for PostgreSQL. Returns null when there is no database default to
 * write (none, or one the client computes: Python callables, Prisma `uuid()`/`cuid()`), a
 * `PgDefault` when PostgreSQL accepts it for this column type, or the reason it was left out.
 */
export function resolveDefault(def: ColumnDefault | null, target: DefaultTarget, ctx: ExpressionContext): DefaultResolution | null {
  if (def === null) return null;
  switch (def.kind) {
    case 'python':
      return null;
    case 'literal':
      return def.value === null ? null : literalDefault(def.value, target);
    case 'prisma':
      return prismaDefault(def.expression, target, ctx);
    case 'sql':
      return sqlDefault(def.expression, target, ctx);
  }
}

/** Prisma's `@default(...)`: `now()`, `dbgenerated("...")`, literals and enum values. */
function prismaDefault(expression: string, target: DefaultTarget, ctx: ExpressionContext): DefaultResolution | null {
  const e = expression.trim();
  if (/^(autoincrement|uuid|cuid|nanoid|ulid|sequence)\s*\(.*\)$/s.test(e)) return null;
  if (/^now\s*\(\s*\)$/.test(e)) return functionDefault('current_timestamp', target);
  const generated = /^dbgenerated\s*\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')?\s*\)$/s.exec(e);
  if (generated) {
    const inner = (generated[1] ?? generated[2] ?? '').replace(/\\(.)/g, '$1');
    return inner === '' ? null : sqlDefault(inner, target, { ...ctx, dialect: 'postgresql' });
  }
  if (/^"(?:[^"\\]|\\.)*"$/.test(e)) return literalDefault(JSON.parse(e) as string, target);
  if (/^\[\s*\]$/.test(e)) return literalDefault('{}', target);
  if (/^(true|false)$/.test(e)) return literalDefault(e === 'true', target);
  if (NUMBER_PATTERN.test(e)) return literalDefault(Number(e), target);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(e)) return literalDefault(e, target);
  return { ok: false, reason: `the Prisma default ${e} has no PostgreSQL equivalent here` };
}

/** A server-side SQL default: a literal, a known function spelled any dialect's way, or (from PostgreSQL) a screened expression. */
function sqlDefault(expression: string, target: DefaultTarget, ctx: ExpressionContext): DefaultResolution | null {
  const e = stripParens(expression.trim());
  const literal = parseLiteral(e, ctx.dialect);
  if (literal === null) return null;
  if (literal !== undefined) return literalDefault(literal, target);
  const compact = e.toLowerCase().replace(/\s+/g, '');
  if (NOW_FORMS.has(compact)) {
    if (ctx.dialect === 'postgresql' && compact !== 'now()' && compact !== 'current_timestamp' && !target.fallback) {
      return expressionDefault(e, ctx);
    }
    return functionDefault('current_timestamp', target);
  }
  if (DATE_FORMS.has(compact)) return functionDefault('current_date', target);
  if (TIME_FORMS.has(compact)) return functionDefault(target.timezone ? 'current_time' : 'localtime', target);
  if (UUID_FORMS.has(compact)) return functionDefault('uuid', target);
  if (/^nextval\(/.test(compact)) {
    return { ok: false, reason: `${e} uses a sequence this DDL does not create` };
  }
  if (ctx.dialect === 'postgresql' && !target.fallback) return expressionDefault(e, ctx);
  return { ok: false, reason: `${e} is not an expression PostgreSQL is known to accept` };
}

/** A PostgreSQL-source expression default that passed the screen, or why it did not. */
function expressionDefault(e: string, ctx: ExpressionContext): DefaultResolution {
  const t = translateExpression(e, { ...ctx, columns: [] }, false);
  if (!t.ok) return { ok: false, reason: `${e} was left out: ${t.reason}` };
  return { ok: true, value: { kind: 'expression', sql: t.sql } };
}

/** Removes parentheses that wrap the whole expression. */
function stripParens(e: string): string {
  let s = e;
  while (s.startsWith('(') && s.endsWith(')') && wrapsWhole(s)) s = s.slice(1, -1).trim();
  return s;
}

/** Tells whether the first parenthesis of `s` closes at its last character. */
function wrapsWhole(s: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === s.length - 1;
  }
  return false;
}

/**
 * Reads a literal default: a number, a string or NULL (a trailing `::type` cast is dropped: the
 * column's type decides), TRUE/FALSE, or a MySQL bit literal `b'0'`. Undefined when it is not one;
 * null for NULL.
 */
function parseLiteral(e: string, dialect: SqlDialect | null): string | number | boolean | null | undefined {
  if (NUMBER_PATTERN.test(e)) return Number(e);
  if (/^(true|false)$/i.test(e)) return e.toLowerCase() === 'true';
  const bits = /^[bB]'([01]+)'$/.exec(e);
  if (bits) return Number.parseInt(bits[1], 2);
  const tokens = tokenize(e, dialect);
  if (typeof tokens === 'string' || tokens.length === 0) return undefined;
  const negative = tokens[0].text === '-' && tokens[1]?.kind === 'number';
  const head = tokens[negative ? 1 : 0];
  const rest = tokens.slice(negative ? 2 : 1);
  // Anything after the literal must be a cast: `::` followed by type-name tokens.
  const castOnly =
    rest.length === 0 ||
    (rest[0].text === '::' &&
      rest.every((t) => t.kind !== 'string' && (t.kind !== 'op' || ['::', '.', '[', ']'].includes(t.text))));
  if (!castOnly) return undefined;
  if (head.kind === 'number') return Number(`${negative ? '-' : ''}${head.text}`);
  if (head.kind === 'string') return head.text;
  if (head.kind === 'ident' && head.quote === '"' && dialect === 'mysql') return head.text;
  if (head.kind === 'word' && head.text.toLowerCase() === 'null') return null;
  return undefined;
}

/** A literal default checked against the column's PostgreSQL type. */
function literalDefault(value: string | number | boolean, target: DefaultTarget): DefaultResolution {
  const refuse = (why: string): DefaultResolution => ({ ok: false, reason: `the default ${JSON.stringify(value)} ${why}` });
  const literal = (v: string | number | boolean, sql: string): DefaultResolution => ({ ok: true, value: { kind: 'literal', value: v, sql } });
  const str = String(value);
  if (target.fallback) return literal(str, quoteLiteral(str));
  switch (target.valueClass) {
    case 'boolean': {
      const b = typeof value === 'boolean' ? value : BOOLEAN_STRINGS.has(str.trim().toLowerCase()) ? ['t', 'true', 'y', 'yes', 'on', '1'].includes(str.trim().toLowerCase()) : undefined;
      return b === undefined ? refuse('is not a boolean') : literal(b, b ? 'true' : 'false');
    }
    case 'number': {
      if (typeof value === 'boolean') return literal(value ? 1 : 0, value ? '1' : '0');
      if (typeof value === 'number') return Number.isFinite(value) ? literal(value, String(value)) : refuse('is not a finite number');
      return NUMBER_PATTERN.test(value) ? literal(Number(value), value.trim()) : refuse('is not a number');
    }
    case 'enum':
      return target.enumLabels?.includes(str) ? literal(str, quoteLiteral(str)) : refuse('is not one of the enum labels');
    case 'uuid':
      return UUID_PATTERN.test(str) ? literal(str, quoteLiteral(str)) : refuse('is not a UUID');
    case 'temporal':
      return temporalFits(str, target.temporal) ? literal(str, quoteLiteral(str)) : refuse(`is not a valid ${target.temporal ?? 'date/time'} for PostgreSQL`);
    case 'json':
      return isJson(str) ? literal(str, quoteLiteral(str)) : refuse('is not JSON');
    case 'array':
      return /^\{.*\}$/s.test(str) ? literal(str, quoteLiteral(str)) : refuse('is not an array literal');
    case 'binary':
      return refuse('is a binary value this tool does not carry over');
    case 'interval':
      return typeof value === 'string' ? literal(str, quoteLiteral(str)) : refuse('is not an interval');
    case 'text':
    case 'other':
      return literal(str, quoteLiteral(str));
  }
}

/** Tells whether a string parses as JSON. */
function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** Accepts ISO dates, date-times and times with real month/day/hour numbers (no MySQL zero dates). */
function temporalFits(s: string, temporal: DefaultTarget['temporal']): boolean {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/;
  const time = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?$/;
  const validDate = (m: RegExpExecArray | null) =>
    m !== null && Number(m[1]) > 0 && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31;
  const validTime = (m: RegExpExecArray | null) => m !== null && Number(m[1]) <= 24 && Number(m[2]) < 60 && Number(m[3] ?? 0) < 60;
  if (temporal === 'date') return validDate(date.exec(s));
  if (temporal === 'time') return validTime(time.exec(s));
  const [d, t] = s.split(/[ T]/, 2);
  return validDate(date.exec(d)) && (t === undefined || validTime(time.exec(t)));
}

/** A well-known function default, if the column's type can hold its value. */
function functionDefault(kind: 'current_timestamp' | 'current_date' | 'current_time' | 'localtime' | 'uuid', target: DefaultTarget): DefaultResolution {
  const text = target.valueClass === 'text' || target.fallback;
  const fits: Record<typeof kind, boolean> = {
    current_timestamp: target.valueClass === 'temporal' || text,
    current_date: target.temporal === 'date' || target.temporal === 'datetime' || text,
    current_time: target.temporal === 'time' || text,
    localtime: target.temporal === 'time' || text,
    uuid: target.valueClass === 'uuid' || text,
  };
  if (!fits[kind]) return { ok: false, reason: `a ${kind.replace('_', ' ')} default does not fit a column of type ${describeClass(target)}` };
  // The current time on a date or time column is written as that column's own kind.
  if (kind === 'current_timestamp' && target.temporal === 'date') kind = 'current_date';
  if (kind === 'current_timestamp' && target.temporal === 'time') kind = target.timezone ? 'current_time' : 'localtime';
  const sql: Record<typeof kind, string> = {
    current_timestamp: 'CURRENT_TIMESTAMP',
    current_date: 'CURRENT_DATE',
    current_time: 'CURRENT_TIME',
    localtime: 'LOCALTIME',
    uuid: 'gen_random_uuid()',
  };
  return { ok: true, value: { kind, sql: sql[kind] } };
}
