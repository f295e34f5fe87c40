// `op.execute("...")` SQL, read by the SQL reader of the migration's dialect. The SQL is laid out
// at its place in the migration file (everything else blanked), so the statements, the tables they
// create and every diagnostic carry positions in the migration file. Statements that do not
// change tables or types (data migrations, functions, grants) are reported as not replayed.

import type { Diagnostic, SqlDialect } from '../../ir';
import type { Catalog } from '../../catalog';
import { diagnosticAt, LineIndex, type DecodedFile } from '../../source';
import type { Expr } from '../python/expr';
import { readPostgresFile } from '../sql/postgres';
import { readMysqlFile } from '../sql/mysql';
import { splitStatements } from '../sql/split';

export interface SqlTarget {
  catalog: Catalog;
  diagnostics: Diagnostic[];
}

/** `CREATE`/`ALTER`/`DROP` objects the SQL readers turn into schema; `COMMENT ON` too. */
const SCHEMA_OBJECTS = new Set(['TABLE', 'INDEX', 'TYPE', 'DOMAIN']);
const DATA_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'SELECT', 'WITH', 'COPY', 'TRUNCATE', 'MERGE', 'VALUES']);

/** Reads the SQL of a string literal in `file` into the catalog. */
export async function executeSql(target: SqlTarget, file: DecodedFile, literal: Extract<Expr, { k: 'str' }>, dialect: SqlDialect): Promise<void> {
  const sqlFile = inPlace(file, literal);
  if (dialect === 'sqlite') {
    target.diagnostics.push(diagnosticAt(file, literal.s, 'info', 'SQL run by op.execute on SQLite is not replayed; the schema read here may miss what it creates', 'alembic/not-replayed'));
    return;
  }
  const other = otherStatements(sqlFile.text, dialect);
  for (const s of other) {
    const what = DATA_WORDS.has(s.word) ? `this ${s.word} changes data, not the schema` : `${s.words} is not a table, index or type definition`;
    target.diagnostics.push(diagnosticAt(file, s.start, 'info', `op.execute: ${what}; it is not replayed`, 'alembic/not-replayed'));
  }
  if (dialect === 'postgresql') await readPostgresFile(sqlFile, target.catalog, target.diagnostics);
  else readMysqlFile(sqlFile, target.catalog, target.diagnostics);
}

/**
 * A file holding only the literal's SQL, at the literal's offset in `file`. When the literal has
 * escapes (its value differs from its source), the value starts at the literal's body and later
 * lines may be off by the escapes.
 */
function inPlace(file: DecodedFile, literal: Extract<Expr, { k: 'str' }>): DecodedFile {
  const source = file.text.slice(literal.s, literal.e);
  const quote = /^[A-Za-z]*("""|'''|"|')/.exec(source);
  const bodyStart = literal.s + (quote ? quote[0].length : 0);
  const text = file.text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + literal.v;
  return { path: file.path, text, lines: new LineIndex(text) };
}

/** Statements of the SQL that are not schema definitions: their first word(s) and offset. */
function otherStatements(text: string, dialect: SqlDialect): { start: number; word: string; words: string }[] {
  const out: { start: number; word: string; words: string }[] = [];
  for (const s of splitStatements(text, dialect).statements) {
    const words = s.words.filter((w) => !['OR', 'REPLACE', 'UNIQUE', 'TEMP', 'TEMPORARY', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'IF', 'NOT', 'EXISTS'].includes(w));
    const [verb, object] = words;
    const schema = (verb === 'CREATE' || verb === 'ALTER' || verb === 'DROP') && SCHEMA_OBJECTS.has(object ?? '');
    if (schema || (verb === 'COMMENT' && object === 'ON')) continue;
    out.push({ start: s.start, word: verb ?? '', words: s.words.slice(0, 2).join(' ') });
  }
  return out;
}
