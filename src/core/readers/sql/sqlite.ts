// SQLite DDL through the real SQLite (sql.js, compiled to wasm). The schema statements of all files
// run in one in-memory database, one at a time, so a failing statement becomes a diagnostic and the
// rest still apply. SQLite then reports the exact structure (`sqlite_master` and the table-valued
// pragmas), and the statement text supplies what SQLite does not report: CHECK expressions,
// DEFERRABLE, AUTOINCREMENT, and the position of every table and column in the files.

import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { ColumnDefault, Diagnostic, SourceLocation } from '../../ir';
import type { Catalog, ColumnSpec, ConstraintSpec } from '../../catalog';
import { diagnosticAt, locationAt, type DecodedFile } from '../../source';
import { wasmPath } from '../../wasm';
import { splitStatements, type SqlStatement } from './split';
import { StatementTokens } from './text';
import { sqliteType } from './types';

let sqlJs: Promise<SqlJsStatic> | null = null;

/** Loads SQLite's wasm module once per process. */
function engine(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ locateFile: () => wasmPath('sql-wasm.wasm') });
  return sqlJs;
}

/** What the files say about one table: where it is written and what only its text records. */
interface TableText {
  location: SourceLocation;
  /** Column positions by lower-cased name (from the CREATE TABLE and ADD COLUMN statements). */
  columns: Map<string, SourceLocation>;
  /** CHECK positions by expression text. */
  checks: Map<string, SourceLocation>;
  /** Foreign key positions by `fkKey` of their local columns. */
  foreignKeys: Map<string, SourceLocation>;
  /**
   * What the CREATE TABLE text says, and the text SQLite keeps for it in `sqlite_master`
   * (`CREATE TABLE ` and the statement from the table's name on): while the table's `sql` is
   * still that, it need not be read again.
   */
  created?: { sql: string; text: CreateText };
}

/** Facts read from a CREATE TABLE statement's text. */
interface CreateText {
  withoutRowid: boolean;
  /** Lower-cased names of columns declared AUTOINCREMENT. */
  autoincrement: Set<string>;
  checks: Array<{ name: string | null; expression: string; start: number }>;
  foreignKeys: Array<{ columns: string[]; deferrable: boolean; initiallyDeferred: boolean; start: number }>;
  columnStarts: Map<string, number>;
}

/** Reads the SQLite files (all into one database, in order) into the catalog. */
export async function readSqliteFiles(files: DecodedFile[], catalog: Catalog, diagnostics: Diagnostic[]): Promise<void> {
  const SQL = await engine();
  const statements = files.map((file) => ({ file, statements: splitStatements(file.text, 'sqlite').statements.filter((s) => isSchemaStatement(s.words)) }));
  const mark = diagnostics.length;
  // The statements run in one transaction that is never committed, with a page cache large
  // enough to hold the schema: nothing is written out, where committing each statement on its
  // own wrote every changed page to the in-memory file (most of the time this reader took).
  // Should SQLite ever roll that transaction back by itself, the statements run again one
  // committed statement at a time, as they always used to.
  for (const transaction of [true, false]) {
    diagnostics.length = mark;
    const db = new SQL.Database();
    try {
      if (transaction) db.run('PRAGMA cache_size = -65536; BEGIN');
      const texts = new Map<string, TableText>();
      const indexLocations = new Map<string, SourceLocation>();
      let intact = true;
      for (const { file, statements: list } of statements) {
        for (const s of list) {
          if (execute(db, file, s, diagnostics)) track(file, s, texts, indexLocations);
          else if (transaction && !inTransaction(db)) intact = false;
          if (!intact) break;
        }
        if (!intact) break;
      }
      if (!intact) continue;
      replay(db, catalog, texts, indexLocations, files[0]?.path ?? '');
      return;
    } finally {
      db.close();
    }
  }
}

/** Whether a transaction is still open: `BEGIN` fails inside one. */
function inTransaction(db: Database): boolean {
  try {
    db.run('BEGIN');
  } catch {
    return true;
  }
  return false;
}

/** CREATE/ALTER/DROP of tables and indexes; views, triggers, virtual tables, data are skipped. */
function isSchemaStatement(words: string[]): boolean {
  const [first, second, third] = words;
  if (first === 'CREATE') return second === 'TABLE' || second === 'INDEX' || (second === 'UNIQUE' && third === 'INDEX');
  if (first === 'ALTER') return second === 'TABLE';
  if (first === 'DROP') return second === 'TABLE' || second === 'INDEX';
  return false;
}

/** Runs one statement; SQLite's error becomes a diagnostic near the token it names. */
function execute(db: Database, file: DecodedFile, s: SqlStatement, diagnostics: Diagnostic[]): boolean {
  try {
    db.run(file.text.slice(s.start, s.end));
    return true;
  } catch (e) {
    const message = (e as Error).message;
    const code = /syntax error|incomplete input|unrecognized token/.test(message) ? 'sql/syntax' : 'sql/rejected';
    diagnostics.push(diagnosticAt(file, errorOffset(db, file, s, message), 'error', `SQLite: ${message}; this statement is skipped`, code));
    return false;
  }
}

/**
 * Where SQLite's `near "x": syntax error` happened. SQLite names the token but not its offset, so
 * each occurrence of it is tried: the first prefix of the statement ending at an occurrence that
 * fails to compile with the same message is the place (prepared only, never run).
 */
function errorOffset(db: Database, file: DecodedFile, s: SqlStatement, message: string): number {
  const near = /near "([^"]*)": syntax error/.exec(message)?.[1];
  if (near === undefined) return s.start;
  const occurrences = new StatementTokens(file.text, 'sqlite', s.start, s.end).tokens.filter((t) => file.text.slice(t.start, t.end) === near);
  for (const t of occurrences) {
    try {
      db.prepare(file.text.slice(s.start, t.end)).free();
    } catch (e) {
      if ((e as Error).message === message) return t.start;
    }
  }
  return occurrences[0]?.start ?? s.start;
}

/** Records where the tables, columns and indexes a statement created are written. */
function track(file: DecodedFile, s: SqlStatement, texts: Map<string, TableText>, indexLocations: Map<string, SourceLocation>): void {
  const t = new StatementTokens(file.text, 'sqlite', s.start, s.end);
  const nameAt = objectNameIndex(t);
  const name = t.tokens[nameAt]?.value.toLowerCase();
  if (name === undefined) return;
  const [verb, object] = s.words;
  const location = locationAt(file, s.start);
  if (verb === 'CREATE' && object === 'TABLE') {
    if (texts.has(name)) return;
    const created = readCreateText(t);
    const columns = new Map<string, SourceLocation>();
    for (const [column, start] of created.columnStarts) columns.set(column, locationAt(file, start));
    const checks = new Map<string, SourceLocation>();
    for (const c of created.checks) if (!checks.has(c.expression)) checks.set(c.expression, locationAt(file, c.start));
    const foreignKeys = new Map(created.foreignKeys.map((f) => [fkKey(f.columns), locationAt(file, f.start)]));
    const sql = `CREATE TABLE ${file.text.slice(t.tokens[nameAt].start, s.end)}`;
    texts.set(name, { location, columns, checks, foreignKeys, created: { sql, text: created } });
  } else if (verb === 'CREATE') {
    indexLocations.set(name, location);
  } else if (verb === 'DROP') {
    (object === 'TABLE' ? texts : indexLocations).delete(name);
  } else {
    const entry = texts.get(name);
    const renamed = entry ? trackAlter(file, t, nameAt, entry) : null;
    if (entry && renamed !== null) {
      texts.delete(name);
      texts.set(renamed.toLowerCase(), entry);
    }
  }
}

/** ALTER TABLE: records a new column's position or a column rename; returns a table's new name. */
function trackAlter(file: DecodedFile, t: StatementTokens, nameAt: number, entry: TableText): string | null {
  let i = nameAt + 1;
  if (t.isWord(i, 'RENAME') && t.isWord(i + 1, 'TO')) return t.tokens[i + 2]?.value ?? null;
  if (t.isWord(i, 'ADD')) {
    i += t.isWord(i + 1, 'COLUMN') ? 2 : 1;
    const column = t.tokens[i];
    if (column) entry.columns.set(column.value.toLowerCase(), locationAt(file, column.start));
  } else if (t.isWord(i, 'RENAME')) {
    i += t.isWord(i + 1, 'COLUMN') ? 2 : 1;
    const from = t.tokens[i]?.value.toLowerCase();
    const to = t.tokens[i + 2]?.value.toLowerCase();
    const at = from === undefined ? undefined : entry.columns.get(from);
    if (at && to !== undefined) entry.columns.set(to, at);
  }
  return null;
}

/** Index of the name token after `CREATE [UNIQUE] TABLE|INDEX [IF [NOT] EXISTS] [schema.]`. */
function objectNameIndex(t: StatementTokens): number {
  let i = 0;
  while (i < t.tokens.length && t.tokens[i].kind === 'word' && !t.isWord(i, 'TABLE') && !t.isWord(i, 'INDEX')) i++;
  i++;
  if (t.isWord(i, 'IF')) i += t.isWord(i + 1, 'NOT') ? 3 : 2;
  if (t.isPunct(i + 1, '.')) i += 2;
  return i;
}

/** Reads what only the text of a CREATE TABLE statement says. */
function readCreateText(t: StatementTokens): CreateText {
  const out: CreateText = { withoutRowid: false, autoincrement: new Set(), checks: [], foreignKeys: [], columnStarts: new Map() };
  const open = t.firstParen();
  if (open === -1) return out;
  const close = t.closing(open);
  out.withoutRowid = t.findWord('WITHOUT', close + 1, t.tokens.length - 1) !== -1;
  for (const [first, last] of t.elements(open)) {
    const tableLevel = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'].some((w) => t.isWord(first, w));
    const column = tableLevel ? null : t.tokens[first].value;
    if (column !== null) {
      out.columnStarts.set(column.toLowerCase(), t.tokens[first].start);
      if (t.findWord('AUTOINCREMENT', first, last) !== -1) out.autoincrement.add(column.toLowerCase());
    }
    readConstraints(t, tableLevel ? first : first + 1, last, column, out);
  }
  return out;
}

/** The CHECK and REFERENCES clauses of one element (a column or a table constraint). */
function readConstraints(t: StatementTokens, from: number, last: number, column: string | null, out: CreateText): void {
  let name: string | null = null;
  for (let i = from; i <= last; i++) {
    if (t.isPunct(i, '(')) i = t.closing(i);
    else if (t.isWord(i, 'CONSTRAINT')) name = t.tokens[i + 1]?.value ?? null;
    else if (t.isWord(i, 'CHECK')) {
      const expression = t.checkAt(i);
      if (expression !== null) out.checks.push({ name, expression, start: t.tokens[i].start });
      name = null;
    } else if (t.isWord(i, 'REFERENCES')) {
      out.foreignKeys.push({ columns: column !== null ? [column] : foreignKeyColumns(t, from, i), ...deferral(t, i, last), start: t.tokens[column !== null ? i : from].start });
      name = null;
    }
  }
}

/** The local columns of a table-level `FOREIGN KEY (a, b) REFERENCES`. */
function foreignKeyColumns(t: StatementTokens, from: number, references: number): string[] {
  const open = t.firstParen(from);
  if (open === -1 || open > references) return [];
  return t.elements(open).map(([a]) => t.tokens[a].value);
}

/** `DEFERRABLE INITIALLY DEFERRED` after a REFERENCES clause. */
function deferral(t: StatementTokens, from: number, last: number): { deferrable: boolean; initiallyDeferred: boolean } {
  for (let i = from; i <= last; i++) {
    if (t.isWord(i, 'DEFERRABLE') && !t.isWord(i - 1, 'NOT')) {
      return { deferrable: true, initiallyDeferred: t.isWord(i + 1, 'INITIALLY') && t.isWord(i + 2, 'DEFERRED') };
    }
  }
  return { deferrable: false, initiallyDeferred: false };
}

type Row = Record<string, SqlValue>;

function rows(db: Database, sql: string): Row[] {
  const out: Row[] = [];
  for (const { columns, values: list } of db.exec(sql)) {
    for (const values of list) {
      const row: Row = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
      out.push(row);
    }
  }
  return out;
}

/** Groups rows by a text key, keeping first-seen order of the groups; `order` sorts each group. */
function groupBy(list: Row[], key: string, order?: (a: Row, b: Row) => number): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of list) {
    const k = String(r[key]);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  if (order) for (const group of out.values()) group.sort(order);
  return out;
}

/** Turns the database's final structure into catalog operations, one table at a time. */
function replay(db: Database, catalog: Catalog, texts: Map<string, TableText>, indexLocations: Map<string, SourceLocation>, firstFile: string): void {
  const tables = rows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
  // Sorting happens per table in JS: ORDER BY over these joins costs SQLite a temporary b-tree.
  const byNumbers = (...keys: string[]) => (a: Row, b: Row) => {
    for (const k of keys) {
      const d = k.startsWith('-') ? Number(b[k.slice(1)]) - Number(a[k.slice(1)]) : Number(a[k]) - Number(b[k]);
      if (d !== 0) return d;
    }
    return 0;
  };
  const columns = groupBy(rows(db, "SELECT m.name AS tbl, p.* FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table'"), 'tbl', byNumbers('cid'));
  // Foreign keys: SQLite numbers them last-declared first.
  const fks = groupBy(rows(db, "SELECT m.name AS tbl, p.* FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'"), 'tbl', byNumbers('-id', 'seq'));
  // Indexes: SQLite numbers them last-created first.
  const indexes = groupBy(
    rows(db, "SELECT m.name AS tbl, il.name AS idx, il.\"unique\" AS uniq, il.origin, il.seq, ii.seqno, ii.name AS col FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii WHERE m.type = 'table'"),
    'tbl',
    byNumbers('-seq', 'seqno'),
  );
  const indexSql = new Map(rows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index'").map((r) => [String(r.name), String(r.sql ?? '')]));
  for (const table of tables) {
    const name = String(table.name);
    const text: TableText = texts.get(name.toLowerCase()) ?? { location: { file: firstFile, line: 1, column: 1 }, columns: new Map(), checks: new Map(), foreignKeys: new Map() };
    const sql = String(table.sql);
    const created = text.created?.sql === sql ? text.created.text : readCreateText(new StatementTokens(sql, 'sqlite', 0, sql.length));
    const own = columns.get(name) ?? [];
    const primaryKeyColumns = own.filter((c) => Number(c.pk) > 0).length;
    const specs = own.map((c) => columnSpec(c, created, primaryKeyColumns, text));
    const constraints: ConstraintSpec[] = [...keyConstraints(own, indexes.get(name) ?? [], text), ...foreignKeys(fks.get(name) ?? [], created, text)];
    for (const c of created.checks) {
      constraints.push({ kind: 'check', name: c.name, expression: c.expression, location: text.checks.get(c.expression) ?? text.location });
    }
    catalog.apply({ op: 'createTable', table: { schema: null, name }, columns: specs, constraints, ifNotExists: false, location: text.location });
    for (const [index, parts] of groupBy((indexes.get(name) ?? []).filter((r) => r.origin === 'c'), 'idx')) {
      const expressions = indexExpressions(indexSql.get(index) ?? '');
      catalog.apply({
        op: 'createIndex',
        table: { schema: null, name },
        name: index,
        columns: parts.map((p, k) => (p.col === null ? (expressions[k] ?? '(expression)') : String(p.col))),
        expressions: parts.map((p) => p.col === null),
        unique: parts[0].uniq === 1,
        ifNotExists: false,
        location: indexLocations.get(index.toLowerCase()) ?? text.location,
      });
    }
  }
}

/** A column from `pragma_table_xinfo`, with what its CREATE text adds. */
function columnSpec(c: Row, created: CreateText, primaryKeyColumns: number, text: TableText): ColumnSpec {
  const name = String(c.name);
  const declared = String(c.type ?? '');
  const rowidAlias = !created.withoutRowid && primaryKeyColumns === 1 && Number(c.pk) === 1 && declared.toUpperCase() === 'INTEGER';
  const dflt = c.dflt_value === null ? null : String(c.dflt_value);
  return {
    name,
    type: sqliteType(declared),
    notNull: Number(c.notnull) === 1,
    default: dflt === null ? null : defaultOf(dflt),
    autoincrement: rowidAlias || created.autoincrement.has(name.toLowerCase()),
    computed: Number(c.hidden) >= 2,
    comment: null,
    location: text.columns.get(name.toLowerCase()) ?? text.location,
  };
}

/** A default as SQLite reports it (the expression text as written). */
function defaultOf(text: string): ColumnDefault | null {
  const t = new StatementTokens(text, 'sqlite', 0, text.length);
  return t.defaultOf(0, t.tokens.length);
}

/** The primary key (pragma `pk` order) and the UNIQUE constraints (indexes of origin `u`). */
function keyConstraints(columns: Row[], indexes: Row[], text: TableText): ConstraintSpec[] {
  const out: ConstraintSpec[] = [];
  const pk = columns.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk));
  if (pk.length > 0) out.push({ kind: 'primaryKey', name: null, columns: pk.map((c) => String(c.name)), location: text.location });
  const unique = groupBy(indexes.filter((r) => r.origin === 'u'), 'idx');
  for (const parts of unique.values()) {
    const columnNames = parts.map((p) => String(p.col));
    const at = text.columns.get(columnNames[0].toLowerCase()) ?? text.location;
    out.push({ kind: 'unique', name: null, columns: columnNames, location: columnNames.length === 1 ? at : text.location });
  }
  return out;
}

/** Foreign keys from `pragma_foreign_key_list`, in declaration order, with DEFERRABLE from text. */
function foreignKeys(list: Row[], created: CreateText, text: TableText): ConstraintSpec[] {
  const out: ConstraintSpec[] = [];
  for (const parts of groupBy(list, 'id').values()) {
    const columns = parts.map((p) => String(p.from));
    const written = created.foreignKeys.find((f) => fkKey(f.columns) === fkKey(columns));
    const action = (v: SqlValue) => (v === null || v === 'NO ACTION' ? null : String(v));
    out.push({
      kind: 'foreignKey',
      name: null,
      columns,
      refTable: { schema: null, name: String(parts[0].table) },
      refColumns: parts.every((p) => p.to !== null) ? parts.map((p) => String(p.to)) : [],
      onDelete: action(parts[0].on_delete),
      onUpdate: action(parts[0].on_update),
      deferrable: written?.deferrable ?? false,
      initiallyDeferred: written?.initiallyDeferred ?? false,
      logical: false,
      location: text.foreignKeys.get(fkKey(columns)) ?? text.columns.get(columns[0].toLowerCase()) ?? text.location,
    });
  }
  return out;
}

/** A foreign key's local columns as a lookup key (SQLite names ignore case). */
function fkKey(columns: string[]): string {
  return columns.join('\u0000').toLowerCase();
}

/** The element texts of `CREATE INDEX ... ON t (a, lower(b))`, for expression elements. */
function indexExpressions(sql: string): string[] {
  const t = new StatementTokens(sql, 'sqlite', 0, sql.length);
  const on = t.findWord('ON', 0, t.tokens.length - 1);
  const open = on === -1 ? -1 : t.firstParen(on);
  return open === -1 ? [] : t.elements(open).map(([a, b]) => t.slice(a, b));
}
