// PostgreSQL DDL through libpg-query, the real PostgreSQL parser compiled to wasm. The file is split
// into statements, which are parsed in chunks of consecutive statements (the fast path); from a
// chunk that does not parse on, the rest is parsed whole, else statement by statement, so one bad
// statement becomes one diagnostic. Parse trees become catalog operations; the text supplies what
// the trees do not keep (the type as written, CHECK and default expressions).

import { loadModule, parseSync, type SqlError } from 'libpg-query';
import type {
  AlterEnumStmt,
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef,
  CommentStmt,
  Constraint,
  CreateDomainStmt,
  CreateEnumStmt,
  CreateStmt,
  DropStmt,
  IndexStmt,
  Node,
  RangeVar,
  RawStmt,
  RenameStmt,
  TypeName,
} from 'libpg-query';
import type { ColumnDefault, Diagnostic, SourceLocation } from '../../ir';
import type { Catalog, ColumnSpec, ConstraintSpec, ObjectRef, TypeSpec } from '../../catalog';
import { diagnosticAt, locationAt, type DecodedFile } from '../../source';
import { insideWord } from './lexer';
import { splitStatements, type SqlStatement } from './split';
import { StatementTokens, TextScan } from './text';
import { arrayOf, builtinType, namedType, unknownType } from './types';

let loaded: Promise<void> | null = null;

/** Loads the parser's wasm module once per process. */
function ready(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/**
 * How much text one parser call takes: consecutive statements are parsed together up to this many
 * characters. One call per statement costs a call each; one call for a whole large file builds its
 * whole parse tree at once, which then lives through the walk and costs the garbage collector more
 * than the walk itself. Chunks of this size die young.
 */
const CHUNK = 8192;

/**
 * Reads one PostgreSQL file into the catalog. Its statements are parsed in chunks (see `CHUNK`);
 * from the first chunk that does not parse on, the rest of the file is parsed in one call, as a
 * file without errors would be, and if that fails too, statement by statement, so one bad
 * statement becomes one diagnostic and the others are still read.
 */
export async function readPostgresFile(file: DecodedFile, catalog: Catalog, diagnostics: Diagnostic[]): Promise<void> {
  await ready();
  // psql meta-commands and COPY data are not SQL: the split leaves them out and the parser gets
  // them blanked.
  const { statements, skipped } = splitStatements(file.text, 'postgresql');
  const reader = new PgFile(file, catalog, diagnostics, skipped);
  let a = 0;
  while (a < statements.length) {
    let b = a;
    while (b + 1 < statements.length && statements[b + 1].end - statements[a].start <= CHUNK) b++;
    if (!reader.parse(statements[a].start, statements[b].end)) break;
    a = b + 1;
  }
  if (a === statements.length || reader.parse(statements[a].start, file.text.length)) return;
  for (let k = a; k < statements.length; k++) reader.statement(statements[k]);
}

/** One file being read: its text, where its results go, and what its statements share. */
class PgFile {
  readonly bytes: FileBytes;
  /** Column types by their text as written (see `PgStatement.type`). */
  readonly types = new TypesByText();
  /** Reads types, CHECK expressions and statement starts from the text (see `TextScan`). */
  readonly scan: TextScan;

  constructor(
    readonly file: DecodedFile,
    readonly catalog: Catalog,
    readonly diagnostics: Diagnostic[],
    private readonly skipped: Array<[number, number]>,
  ) {
    this.bytes = new FileBytes(file);
    this.scan = new TextScan(file.text, 'postgresql');
  }

  /** Parses `text[from, to)` in one call and applies its statements; false if it does not parse. */
  parse(from: number, to: number): boolean {
    const { text } = this.file;
    const inside: Array<[number, number]> = [];
    for (const [x, y] of this.skipped) if (x < to && y > from) inside.push([Math.max(x, from) - from, Math.min(y, to) - from]);
    let stmts: RawStmt[];
    try {
      stmts = parseSync(withoutRanges(text.slice(from, to), inside)).stmts ?? [];
    } catch {
      return false;
    }
    this.apply(stmts, this.bytes.byteAt(from), to);
    return true;
  }

  /** Parses one statement on its own; its syntax error becomes a diagnostic. */
  statement(s: SqlStatement): void {
    let stmts: RawStmt[];
    try {
      stmts = parseSync(this.file.text.slice(s.start, s.end)).stmts ?? [];
    } catch (e) {
      this.diagnostics.push(syntaxError(this.file, s, e as SqlError));
      return;
    }
    this.apply(stmts, this.bytes.byteAt(s.start), s.end);
  }

  /** Applies parsed statements; `base` is the byte offset of the parsed text, `to` where it ends. */
  private apply(stmts: RawStmt[], base: number, to: number): void {
    for (const raw of stmts) {
      const location = base + (raw.stmt_location ?? 0);
      const start = this.bytes.offset(location);
      const end = raw.stmt_len ? this.bytes.offset(location + raw.stmt_len) : to;
      new PgStatement(this, base, start, end).apply(raw.stmt);
    }
  }
}

/**
 * The text with the given ranges blanked: every character becomes as many spaces as it has UTF-8
 * bytes (newlines stay), so the parser's byte offsets still point into the original file.
 */
function withoutRanges(text: string, ranges: Array<[number, number]>): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (const [a, b] of ranges) {
    parts.push(text.slice(from, a), text.slice(a, b).replace(/[^\n]+/g, (run) => ' '.repeat(Buffer.byteLength(run))));
    from = b;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * Column types by their text as written. A lookup takes the text's extent in the file and slices
 * nothing, so the many columns typed alike cost no string each: the key is a hash of the text,
 * and the few types sharing a hash are told apart by comparing their text in place.
 */
class TypesByText {
  private readonly buckets = new Map<number, Array<{ text: string; spec: TypeSpec }>>();

  get(text: string, start: number, end: number): TypeSpec | undefined {
    const bucket = this.buckets.get(hashOf(text, start, end));
    if (bucket) for (const e of bucket) if (e.text.length === end - start && text.startsWith(e.text, start)) return e.spec;
    return undefined;
  }

  set(rawType: string, spec: TypeSpec): void {
    const h = hashOf(rawType, 0, rawType.length);
    const bucket = this.buckets.get(h);
    if (bucket) bucket.push({ text: rawType, spec });
    else this.buckets.set(h, [{ text: rawType, spec }]);
  }
}

/** A hash of `text[start, end)`, kept within V8's small integers so a map lookup allocates nothing. */
function hashOf(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) & 0x3fffffff;
  return h;
}

/** Converts between the parser's UTF-8 byte offsets and the string offsets of one file. */
class FileBytes {
  private readonly ascii: boolean;
  private counted = 0;
  private bytes = 0;

  constructor(private readonly file: DecodedFile) {
    this.ascii = !/[^\x00-\x7f]/.test(file.text);
  }

  /** The string offset of a byte offset (the same number in an ASCII file). */
  offset(byte: number): number {
    return this.ascii ? byte : this.file.lines.byteToOffset(byte);
  }

  /** The byte offset of a string offset; calls must come in increasing order (linear overall). */
  byteAt(offset: number): number {
    if (this.ascii) return offset;
    this.bytes += Buffer.byteLength(this.file.text.slice(this.counted, offset));
    this.counted = offset;
    return this.bytes;
  }
}

/** The parser's error at its position; its cursor counts characters (code points) from 0. */
function syntaxError(file: DecodedFile, s: SqlStatement, e: SqlError): Diagnostic {
  const cursor = e.sqlDetails?.cursorPosition;
  let offset = s.start;
  if (cursor !== undefined && cursor >= 0) {
    // Count `cursor` code points (one or two UTF-16 units each) into the statement.
    const head = [...file.text.slice(s.start, Math.min(s.end, s.start + cursor * 2))].slice(0, cursor);
    offset = s.start + head.join('').length;
  }
  return diagnosticAt(file, offset, 'error', `PostgreSQL syntax error: ${e.message}; this statement is skipped`, 'sql/syntax');
}

const FK_ACTIONS: Record<string, string | null> = {
  a: null,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** The PostgreSQL name of an unnamed constraint, so `DROP CONSTRAINT users_pkey` finds it. */
export function postgresConstraintName(table: string, c: ConstraintSpec): string | null {
  switch (c.kind) {
    case 'primaryKey':
      return `${table}_pkey`;
    case 'unique':
      return `${table}_${c.columns.join('_')}_key`;
    case 'foreignKey':
      return `${table}_${c.columns.join('_')}_fkey`;
    case 'check':
      return null;
  }
}

/** One parsed statement: turns its tree into catalog operations, with positions in the file. */
class PgStatement {
  private tokenCache: StatementTokens | null = null;
  private firstToken: number | null = null;
  private readonly file: DecodedFile;
  private readonly bytes: FileBytes;
  private readonly catalog: Catalog;
  private readonly diagnostics: Diagnostic[];
  private readonly types: TypesByText;
  private readonly scan: TextScan;

  constructor(
    reader: PgFile,
    /** Byte offset of the parsed text within the file. */
    private readonly base: number,
    /** The statement's extent in the file (string offsets). */
    private readonly start: number,
    private readonly end: number,
  ) {
    this.file = reader.file;
    this.bytes = reader.bytes;
    this.catalog = reader.catalog;
    this.diagnostics = reader.diagnostics;
    this.types = reader.types;
    this.scan = reader.scan;
  }

  apply(node: Node | undefined): void {
    if (!node) return;
    if ('CreateStmt' in node) this.createTable(node.CreateStmt);
    else if ('AlterTableStmt' in node) this.alterTable(node.AlterTableStmt);
    else if ('RenameStmt' in node) this.rename(node.RenameStmt);
    else if ('IndexStmt' in node) this.createIndex(node.IndexStmt);
    else if ('DropStmt' in node) this.drop(node.DropStmt);
    else if ('CreateEnumStmt' in node) this.createEnum(node.CreateEnumStmt);
    else if ('AlterEnumStmt' in node) this.alterEnum(node.AlterEnumStmt);
    else if ('CreateDomainStmt' in node) this.createDomain(node.CreateDomainStmt);
    else if ('CommentStmt' in node) this.comment(node.CommentStmt);
    else if ('CreateTableAsStmt' in node && node.CreateTableAsStmt.objtype === 'OBJECT_TABLE') {
      this.diagnostics.push(
        diagnosticAt(this.file, this.statementStart(), 'warning', 'CREATE TABLE ... AS takes its columns from a query, which is not read; this table is left out — declare it with CREATE TABLE to include it', 'sql/unsupported'),
      );
    }
  }

  // ---- positions and text ----

  private get tokens(): StatementTokens {
    this.tokenCache ??= new StatementTokens(this.file.text, 'postgresql', this.start, this.end);
    return this.tokenCache;
  }

  /** String offset in the file of a parser location (a byte offset in the parsed text). */
  private offset(location: number | undefined): number {
    if (location === undefined || location < 0) return this.statementStart();
    return this.bytes.offset(this.base + location);
  }

  private at(location: number | undefined): SourceLocation {
    return locationAt(this.file, this.offset(location));
  }

  /** Where the statement's first token is (the parser's extent may begin with comments). */
  private statementStart(): number {
    this.firstToken ??= this.scan.firstToken(this.start, this.end);
    return this.firstToken;
  }

  private statementLocation(): SourceLocation {
    return locationAt(this.file, this.statementStart());
  }

  /** Index of the token at a parser location, or of the word `word` a few tokens after it. */
  private tokenAt(location: number | undefined, word: string): number {
    return wordNear(this.tokens, this.tokens.indexAt(this.offset(location)), word);
  }

  /** The type as written from a location that is no token start, from the statement's tokens. */
  private typeTextInTokens(at: number): string {
    const t = this.tokens;
    const first = t.indexAt(at);
    return first < t.tokens.length ? t.typeText(first, t.tokens.length) : '';
  }

  /** Whether scanning from `at` reads the statement's own tokens: a parser location always is. */
  private isTokenStart(at: number): boolean {
    return at >= this.start && at <= this.end && !insideWord(this.file.text, at);
  }

  /**
   * The expression of the CHECK whose constraint is at a parser location (`CHECK` itself or the
   * `CONSTRAINT name` before it). Only the tokens from there to the parenthesis closing the
   * expression are read, as `tokenAt` and `checkAt` would read them in the whole statement's.
   */
  private checkExpression(location: number | undefined): string | null {
    const at = this.offset(location);
    if (this.isTokenStart(at)) return this.scan.checkAt(at, this.end);
    const t = this.tokens;
    const i = wordNear(t, t.indexAt(at), 'CHECK');
    return i === -1 ? null : t.checkAt(i);
  }

  // ---- tables ----

  private createTable(stmt: CreateStmt): void {
    if (!stmt.relation || stmt.partbound) return;
    const columns: ColumnSpec[] = [];
    const constraints: ConstraintSpec[] = [];
    for (const elt of stmt.tableElts ?? []) {
      if ('ColumnDef' in elt) {
        columns.push(this.column(elt.ColumnDef, constraints));
      } else if ('Constraint' in elt) {
        const c = this.tableConstraint(elt.Constraint);
        if (c) constraints.push(c);
      } else if ('TableLikeClause' in elt) {
        this.diagnostics.push(
          diagnosticAt(this.file, this.statementStart(), 'warning', 'CREATE TABLE (LIKE ...) is not read: the copied columns are missing from this table; list them explicitly', 'sql/unsupported'),
        );
      }
    }
    this.catalog.apply({
      op: 'createTable',
      table: rangeVarRef(stmt.relation),
      columns,
      constraints,
      ifNotExists: stmt.if_not_exists ?? false,
      location: this.statementLocation(),
    });
  }

  /** A column; the constraints written on it are added to `constraints`. */
  private column(def: ColumnDef, constraints: ConstraintSpec[]): ColumnSpec {
    const name = def.colname ?? '';
    const column: ColumnSpec = {
      name,
      type: this.type(def.typeName),
      notNull: false,
      default: null,
      autoincrement: false,
      computed: false,
      comment: null,
      location: this.at(def.location),
    };
    const own = constraints.length;
    // `[name]`, made once for the column's constraints that need it (they never change it).
    let columns: string[] | null = null;
    for (const node of def.constraints ?? []) {
      if (!('Constraint' in node)) continue;
      const c = node.Constraint;
      switch (c.contype) {
        case 'CONSTR_NOTNULL':
          column.notNull = true;
          break;
        case 'CONSTR_NULL':
          column.notNull = false;
          break;
        case 'CONSTR_DEFAULT': {
          const d = this.defaultAt(c.location);
          column.default = d;
          if (isSequenceDefault(d)) column.autoincrement = true;
          break;
        }
        case 'CONSTR_IDENTITY':
          column.autoincrement = true;
          break;
        case 'CONSTR_GENERATED':
          column.computed = true;
          break;
        case 'CONSTR_ATTR_DEFERRABLE':
        case 'CONSTR_ATTR_NOT_DEFERRABLE':
        case 'CONSTR_ATTR_DEFERRED':
        case 'CONSTR_ATTR_IMMEDIATE':
          if (constraints.length > own) setDeferral(constraints[constraints.length - 1], c.contype);
          break;
        default: {
          const spec = this.constraint(c, (columns ??= [name]));
          if (spec) constraints.push(spec);
        }
      }
    }
    return column;
  }

  private tableConstraint(c: Constraint): ConstraintSpec | null {
    return this.constraint(c, strings(c.keys ?? c.fk_attrs));
  }

  /** A PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint over `columns`; null for others. */
  private constraint(c: Constraint, columns: string[]): ConstraintSpec | null {
    const name = c.conname ?? null;
    const location = this.at(c.location);
    switch (c.contype) {
      case 'CONSTR_PRIMARY':
        return c.indexname ? null : { kind: 'primaryKey', name, columns, location };
      case 'CONSTR_UNIQUE':
        return c.indexname ? null : { kind: 'unique', name, columns, location };
      case 'CONSTR_FOREIGN':
        if (!c.pktable) return null;
        return {
          kind: 'foreignKey',
          name,
          columns: c.fk_attrs ? strings(c.fk_attrs) : columns,
          refTable: rangeVarRef(c.pktable),
          refColumns: strings(c.pk_attrs),
          onDelete: FK_ACTIONS[c.fk_del_action ?? 'a'] ?? null,
          onUpdate: FK_ACTIONS[c.fk_upd_action ?? 'a'] ?? null,
          deferrable: c.deferrable ?? false,
          initiallyDeferred: c.initdeferred ?? false,
          logical: false,
          location,
        };
      case 'CONSTR_CHECK': {
        const expression = this.checkExpression(c.location);
        return expression === null ? null : { kind: 'check', name, expression, location };
      }
      default:
        return null;
    }
  }

  /** The default whose `DEFAULT` keyword is at a parser location. */
  private defaultAt(location: number | undefined): ColumnDefault | null {
    const i = this.tokenAt(location, 'DEFAULT');
    return i === -1 ? null : this.tokens.defaultAt(i, this.tokens.tokens.length);
  }

  /** A column type from the parse tree, with the type text as written. */
  private type(typeName: TypeName | undefined): TypeSpec {
    if (!typeName) return unknownType('');
    const at = this.offset(typeName.location);
    // Scanned from the location, not looked up in the statement's tokens, so a plain CREATE TABLE
    // is never tokenized.
    if (!this.isTokenStart(at)) return this.typeOf(typeName, this.typeTextInTokens(at));
    const { scan } = this;
    scan.typeAt(at, this.end);
    // The same type text always parses to the same type, and type specs are never changed once
    // made: columns typed alike share one.
    const known = this.types.get(this.file.text, scan.start, scan.end);
    if (known) return known;
    const rawType = this.file.text.slice(scan.start, scan.end);
    const spec = this.typeOf(typeName, rawType);
    this.types.set(rawType, spec);
    return spec;
  }

  private typeOf(typeName: TypeName, rawType: string): TypeSpec {
    const names = typeName.names ?? [];
    const base = names.length > 0 ? stringOf(names[names.length - 1]) : '';
    const schema = names.length > 1 ? stringOf(names[0]) : null;
    const args: number[] = [];
    for (const n of typeName.typmods ?? []) if ('A_Const' in n && n.A_Const.ival) args.push(n.A_Const.ival.ival ?? 0);
    const builtin = base === 'interval' ? builtinType(base, [], 'postgresql', rawType) : builtinType(base, args, 'postgresql', rawType);
    const scalar =
      schema === 'pg_catalog' || (schema === null && builtin !== null)
        ? (builtin ?? unknownType(rawType))
        : namedType({ schema, name: base }, rawType, builtin);
    return typeName.arrayBounds && typeName.arrayBounds.length > 0 ? arrayOf(scalar, rawType) : scalar;
  }

  // ---- ALTER TABLE ----

  private alterTable(stmt: AlterTableStmt): void {
    if (!stmt.relation || stmt.objtype !== 'OBJECT_TABLE') return;
    const table = rangeVarRef(stmt.relation);
    if (stmt.missing_ok && !this.catalog.hasTable(table)) return;
    for (const node of stmt.cmds ?? []) {
      if ('AlterTableCmd' in node) this.alterTableCmd(table, node.AlterTableCmd);
    }
  }

  private alterTableCmd(table: ObjectRef, cmd: AlterTableCmd): void {
    const location = this.statementLocation();
    const column = cmd.name ?? '';
    const def = cmd.def;
    switch (cmd.subtype) {
      case 'AT_AddColumn':
        if (def && 'ColumnDef' in def) {
          const constraints: ConstraintSpec[] = [];
          const spec = this.column(def.ColumnDef, constraints);
          this.catalog.apply({ op: 'addColumn', table, column: spec, constraints, ifNotExists: cmd.missing_ok ?? false, location: spec.location });
        }
        return;
      case 'AT_DropColumn':
        return this.catalog.apply({ op: 'dropColumn', table, column, ifExists: cmd.missing_ok ?? false, location });
      case 'AT_AlterColumnType':
        if (def && 'ColumnDef' in def) {
          this.catalog.apply({ op: 'alterColumn', table, column, change: { type: this.type(def.ColumnDef.typeName) }, location });
        }
        return;
      case 'AT_SetNotNull':
        return this.catalog.apply({ op: 'alterColumn', table, column, change: { notNull: true }, location });
      case 'AT_DropNotNull':
        return this.catalog.apply({ op: 'alterColumn', table, column, change: { notNull: false }, location });
      case 'AT_ColumnDefault': {
        const d = def ? this.defaultBefore(def) : null;
        const change = isSequenceDefault(d) ? { default: d, autoincrement: true } : { default: d };
        return this.catalog.apply({ op: 'alterColumn', table, column, change, location });
      }
      case 'AT_AddIdentity':
        return this.catalog.apply({ op: 'alterColumn', table, column, change: { autoincrement: true }, location });
      case 'AT_DropIdentity':
        return this.catalog.apply({ op: 'alterColumn', table, column, change: { autoincrement: false }, location });
      case 'AT_AddConstraint':
        if (def && 'Constraint' in def) {
          const c = this.tableConstraint(def.Constraint);
          if (c) this.catalog.apply({ op: 'addConstraint', table, constraint: c, location: c.location });
        }
        return;
      case 'AT_DropConstraint':
        return this.catalog.apply({ op: 'dropConstraint', table, name: column, kind: null, ifExists: cmd.missing_ok ?? false, location });
      default:
        return;
    }
  }

  /** The default of `SET DEFAULT expr`: the expression after the last `DEFAULT` before it. */
  private defaultBefore(expr: Node): ColumnDefault | null {
    const t = this.tokens;
    const from = t.indexAt(this.offset(findLocation(expr)));
    for (let i = Math.min(from, t.tokens.length) - 1; i >= 0; i--) {
      if (t.isWord(i, 'DEFAULT')) return t.defaultAt(i, t.tokens.length);
    }
    return null;
  }

  private rename(stmt: RenameStmt): void {
    if (!stmt.relation || !stmt.newname) return;
    const table = rangeVarRef(stmt.relation);
    const location = this.statementLocation();
    if (stmt.missing_ok && !this.catalog.hasTable(table)) return;
    switch (stmt.renameType) {
      case 'OBJECT_TABLE':
        return this.catalog.apply({ op: 'renameTable', table, newName: stmt.newname, location });
      case 'OBJECT_COLUMN':
        return this.catalog.apply({ op: 'alterColumn', table, column: stmt.subname ?? '', change: { rename: stmt.newname }, location });
      case 'OBJECT_TABCONSTRAINT':
        return this.catalog.apply({ op: 'renameConstraint', table, name: stmt.subname ?? '', newName: stmt.newname, location });
      default:
        return;
    }
  }

  // ---- indexes ----

  private createIndex(stmt: IndexStmt): void {
    if (!stmt.relation) return;
    const t = this.tokens;
    const open = t.firstParen(t.indexAt(this.offset(stmt.relation.location)));
    const elements = open === -1 ? [] : t.elements(open);
    const columns: string[] = [];
    const expressions: boolean[] = [];
    (stmt.indexParams ?? []).forEach((node, k) => {
      if (!('IndexElem' in node)) return;
      const elem = node.IndexElem;
      const range = elements[k];
      if (elem.name !== undefined) {
        columns.push(elem.name);
        expressions.push(false);
      } else {
        columns.push(range ? withoutOrdering(t, range) : '?');
        expressions.push(true);
      }
    });
    this.catalog.apply({
      op: 'createIndex',
      table: rangeVarRef(stmt.relation),
      name: stmt.idxname ?? null,
      columns,
      expressions,
      unique: stmt.unique ?? false,
      ifNotExists: stmt.if_not_exists ?? false,
      location: this.statementLocation(),
    });
  }

  private drop(stmt: DropStmt): void {
    const ifExists = stmt.missing_ok ?? false;
    const location = this.statementLocation();
    for (const object of stmt.objects ?? []) {
      const names = 'List' in object ? strings(object.List.items) : 'TypeName' in object ? strings(object.TypeName.names) : [];
      const ref = objectRef(names);
      if (!ref) continue;
      switch (stmt.removeType) {
        case 'OBJECT_TABLE':
          this.catalog.apply({ op: 'dropTable', table: ref, ifExists, location });
          break;
        case 'OBJECT_INDEX':
          this.catalog.apply({ op: 'dropIndex', table: null, index: ref, ifExists, location });
          break;
        case 'OBJECT_TYPE':
        case 'OBJECT_DOMAIN':
          this.catalog.apply({ op: 'dropType', type: ref, ifExists, location });
          break;
      }
    }
  }

  // ---- types ----

  private createEnum(stmt: CreateEnumStmt): void {
    const ref = objectRef(strings(stmt.typeName));
    if (ref) this.catalog.apply({ op: 'createEnum', type: ref, values: strings(stmt.vals), location: this.statementLocation() });
  }

  private alterEnum(stmt: AlterEnumStmt): void {
    const ref = objectRef(strings(stmt.typeName));
    if (!ref || stmt.newVal === undefined) return;
    const location = this.statementLocation();
    if (stmt.oldVal !== undefined) {
      this.catalog.apply({ op: 'alterEnum', type: ref, change: { rename: stmt.oldVal, to: stmt.newVal }, location });
      return;
    }
    const neighbour = stmt.newValNeighbor ?? null;
    const after = stmt.newValIsAfter ?? false;
    this.catalog.apply({
      op: 'alterEnum',
      type: ref,
      change: { add: stmt.newVal, before: after ? null : neighbour, after: after ? neighbour : null, ifNotExists: stmt.skipIfNewValExists ?? false },
      location,
    });
  }

  private createDomain(stmt: CreateDomainStmt): void {
    const ref = objectRef(strings(stmt.domainname));
    if (!ref) return;
    let notNull = false;
    let dflt: ColumnDefault | null = null;
    const checks: string[] = [];
    for (const node of stmt.constraints ?? []) {
      if (!('Constraint' in node)) continue;
      const c = node.Constraint;
      if (c.contype === 'CONSTR_NOTNULL') notNull = true;
      else if (c.contype === 'CONSTR_DEFAULT') dflt = this.defaultAt(c.location);
      else if (c.contype === 'CONSTR_CHECK') {
        const spec = this.constraint(c, []);
        if (spec?.kind === 'check') checks.push(spec.expression);
      }
    }
    this.catalog.apply({ op: 'createDomain', type: ref, base: this.type(stmt.typeName), notNull, default: dflt, checks, location: this.statementLocation() });
  }

  private comment(stmt: CommentStmt): void {
    if (!stmt.object || !('List' in stmt.object)) return;
    const names = strings(stmt.object.List.items);
    const location = this.statementLocation();
    const text = stmt.comment ?? null;
    if (stmt.objtype === 'OBJECT_TABLE') {
      const table = objectRef(names);
      if (table) this.catalog.apply({ op: 'comment', table, column: null, text, location });
    } else if (stmt.objtype === 'OBJECT_COLUMN' && names.length >= 2) {
      const table = objectRef(names.slice(0, -1));
      if (table) this.catalog.apply({ op: 'comment', table, column: names[names.length - 1], text, location });
    }
  }
}

/** The string values of a list of `String` nodes. */
function strings(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map(stringOf);
}

function stringOf(n: Node): string {
  return 'String' in n ? (n.String.sval ?? '') : '';
}

/** Index of the word `word` among the four tokens from `i`, or -1. */
function wordNear(t: StatementTokens, i: number, word: string): number {
  for (let k = i; k < Math.min(i + 4, t.tokens.length); k++) if (t.isWord(k, word)) return k;
  return -1;
}

function rangeVarRef(r: RangeVar): ObjectRef {
  return { schema: r.schemaname ?? null, name: r.relname ?? '' };
}

/** `[name]`, `[schema, name]` or `[catalog, schema, name]` as a reference. */
function objectRef(names: string[]): ObjectRef | null {
  if (names.length === 0) return null;
  return { schema: names.length > 1 ? names[names.length - 2] : null, name: names[names.length - 1] };
}

/** The smallest `location` anywhere in a parse subtree (where its text starts). */
function findLocation(node: unknown): number | undefined {
  let best: number | undefined;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'location' && typeof x === 'number' && x >= 0) best = best === undefined ? x : Math.min(best, x);
        else visit(x);
      }
    }
  };
  visit(node);
  return best;
}

/** `nextval('seq')`: the pg_dump spelling of a serial column. */
function isSequenceDefault(d: ColumnDefault | null): boolean {
  return d !== null && d.kind === 'sql' && /^nextval\s*\(/i.test(d.expression);
}

function setDeferral(c: ConstraintSpec | undefined, contype: string): void {
  if (c?.kind !== 'foreignKey') return;
  if (contype === 'CONSTR_ATTR_DEFERRABLE') c.deferrable = true;
  else if (contype === 'CONSTR_ATTR_NOT_DEFERRABLE') c.deferrable = false;
  else if (contype === 'CONSTR_ATTR_DEFERRED') c.initiallyDeferred = true;
  else c.initiallyDeferred = false;
}

/** An index element's text without a trailing `ASC`/`DESC`/`NULLS FIRST|LAST`. */
function withoutOrdering(t: StatementTokens, [from, to]: [number, number]): string {
  let end = to;
  if (t.isWord(end, 'FIRST') || t.isWord(end, 'LAST')) end -= 2;
  if (t.isWord(end, 'ASC') || t.isWord(end, 'DESC')) end -= 1;
  return t.slice(from, end);
}
