// The SQL DDL reader. Each dialect's reader parses its files statement by statement with that
// database's own parser and replays the statements onto one shared `Catalog`, in file order, so
// a folder of .sql files is read as one schema (the second file may alter the first's tables).

import type { Diagnostic, ReadResult, SqlDialect } from '../../ir';
import { Catalog, type CatalogOptions } from '../../catalog';
import type { DecodedFile } from '../../source';
import { readMysqlFile } from './mysql';
import { postgresConstraintName, readPostgresFile } from './postgres';
import { readSqliteFiles } from './sqlite';
import { Scanner, tokenize, type Token } from './lexer';
import { splitStatements } from './split';

/** How each dialect names things: default schema, case rules, implicit constraint names. */
const DIALECTS: Record<SqlDialect, Omit<CatalogOptions, 'format' | 'dialect'>> = {
  postgresql: {
    defaultSchema: 'public',
    tableNamesIgnoreCase: false,
    columnNamesIgnoreCase: false,
    implicitConstraintName: postgresConstraintName,
  },
  mysql: { defaultSchema: null, tableNamesIgnoreCase: false, columnNamesIgnoreCase: true },
  sqlite: { defaultSchema: 'main', tableNamesIgnoreCase: true, columnNamesIgnoreCase: true },
};

/** Reads SQL DDL files (one schema, statements applied in file order). */
export async function readSql(files: DecodedFile[], options: { dialect: SqlDialect }): Promise<ReadResult> {
  const { dialect } = options;
  const catalog = new Catalog({ format: 'sql', dialect, ...DIALECTS[dialect] });
  const diagnostics: Diagnostic[] = [];
  if (dialect === 'sqlite') {
    await readSqliteFiles(files, catalog, diagnostics);
  } else {
    for (const file of files) {
      if (dialect === 'postgresql') await readPostgresFile(file, catalog, diagnostics);
      else readMysqlFile(file, catalog, diagnostics);
    }
  }
  const schema = catalog.build();
  schema.meta.files = files.map((f) => f.path);
  if (schema.tables.length === 0) diagnostics.push(...emptyInput(files, dialect));
  return { schema, diagnostics: [...diagnostics, ...catalog.diagnostics] };
}

/** Why a read found no tables: files without any statement, or statements but no CREATE TABLE. */
function emptyInput(files: DecodedFile[], dialect: SqlDialect): Diagnostic[] {
  const blank = files.filter((f) => new Scanner(f.text, dialect).next() === null);
  const at = (f: DecodedFile | undefined, message: string): Diagnostic => ({
    severity: 'warning',
    message,
    file: f?.path ?? '.',
    line: 1,
    column: 1,
    code: 'sql/empty',
  });
  if (blank.length > 0) return blank.map((f) => at(f, 'this SQL file is empty: it has no statements'));
  return [at(files[0], 'no CREATE TABLE statement was read from these SQL files, so the schema has no tables')];
}

/** How many DDL statements without a marker make a file PostgreSQL. */
const DETECTION_SAMPLE = 50;

/**
 * Guesses the dialect of DDL text; PostgreSQL unless MySQL or SQLite markers are found. Only the
 * tokens of DDL statements count, so a backtick in a comment, a string or COPY data does not.
 * MySQL: backticks, `AUTO_INCREMENT`, `ENGINE=`, `UNSIGNED`, `DELIMITER`, `/*!` comments.
 * SQLite: `AUTOINCREMENT`, `PRAGMA`, `WITHOUT ROWID`, `[bracketed]` names. The first
 * `DETECTION_SAMPLE` CREATE/ALTER statements decide, so large files are not scanned twice.
 */
export function detectDialect(text: string): SqlDialect {
  if (/\/\*!\d{5}/.test(text)) return 'mysql';
  let found: SqlDialect | null = null;
  let sampled = 0;
  splitStatements(text, 'postgresql', (s) => {
    const first = s.words[0];
    if (first === 'PRAGMA') found = 'sqlite';
    else if (first === 'DELIMITER') found = 'mysql';
    else if (first === 'CREATE' || first === 'ALTER') {
      found = markerIn(tokenize(text, 'postgresql', s.start, s.end));
      sampled++;
    }
    return found !== null || sampled >= DETECTION_SAMPLE;
  });
  return found ?? 'postgresql';
}

/** The dialect a DDL statement's tokens give away, if any. */
function markerIn(tokens: Token[]): SqlDialect | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if (t.value === '`') return 'mysql';
      if (t.value === '[' && tokens[i + 1]?.kind === 'word' && tokens[i + 2]?.value === ']' && !isTypeBefore(tokens, i)) return 'sqlite';
      continue;
    }
    if (t.kind !== 'word') continue;
    const word = t.value.toUpperCase();
    if (word === 'AUTO_INCREMENT' || word === 'UNSIGNED' || (word === 'ENGINE' && tokens[i + 1]?.value === '=')) return 'mysql';
    if (word === 'AUTOINCREMENT' || (word === 'WITHOUT' && tokens[i + 1]?.value.toUpperCase() === 'ROWID')) return 'sqlite';
  }
  return null;
}

/** PostgreSQL array bounds (`int[3]`) and subscripts follow a word or `]`, SQLite names do not. */
function isTypeBefore(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  return before !== undefined && before.end === tokens[i].start && (before.kind === 'word' || before.value === ']');
}
