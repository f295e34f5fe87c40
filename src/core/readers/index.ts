// Reader dispatch: detect the input format, decode the files, run the one reader, validate the
// references every format shares. Never throws on user input.

import type { Diagnostic, ReadResult, SchemaFormat, SourceFile, SqlDialect } from '../ir';
import { emptySchema } from '../build';
import { decodeFile, type DecodedFile } from '../source';
import { validateSchema } from '../analysis/validate';
import { readPython, type ParseThread } from './python';
import { syntaxWorker } from './python/syntax-check';
import { readSql, detectDialect } from './sql';
import { readPrisma } from './prisma';
import { isAlembicIni, looksLikeRevision, readAlembic } from './alembic';

export interface ReadOptions {
  format?: SchemaFormat;
  dialect?: SqlDialect;
  /** Where the Python reader parses (default `auto`: on a worker thread for large inputs). */
  pythonParseThread?: ParseThread;
}

/**
 * Stops the threads readers keep for later reads (the Python syntax worker); the next read starts
 * them again. An idle worker stops by itself and never keeps a process alive, so only long-lived
 * hosts that want their threads back now (the extension, on deactivation) call this.
 */
export function stopReaderThreads(): Promise<void> {
  return syntaxWorker().stop();
}

/** The file extensions each format reads. Shells use this to collect a folder's files. */
export const formatExtensions: Record<SchemaFormat, string[]> = {
  sqlalchemy: ['.py'],
  sqlmodel: ['.py'],
  sql: ['.sql'],
  prisma: ['.prisma'],
  alembic: ['.py', '.ini'],
};

/** Guesses the format from file names and contents; null when nothing looks like a schema. */
export function detectFormat(files: SourceFile[]): SchemaFormat | null {
  const ext = (p: string) => p.slice(p.lastIndexOf('.')).toLowerCase();
  const counts = { py: 0, sql: 0, prisma: 0 };
  for (const f of files) {
    const e = ext(f.path);
    if (e === '.py') counts.py++;
    else if (e === '.sql') counts.sql++;
    else if (e === '.prisma') counts.prisma++;
  }
  if (counts.prisma > 0) return 'prisma';
  if (files.some((f) => isAlembicIni(f.path))) return 'alembic';
  if (counts.py > 0) {
    const text = files
      .filter((f) => ext(f.path) === '.py')
      .map((f) => f.text ?? (f.bytes ? Buffer.from(f.bytes).toString('latin1') : ''));
    // A versions folder (or a revision file): Alembic revisions, and no models beside them.
    const models = /\b(?:__tablename__|DeclarativeBase|declarative_base)\b|\bSQLModel\b/;
    if (text.some(looksLikeRevision) && !text.some((t) => !looksLikeRevision(t) && models.test(t))) return 'alembic';
    if (text.some((t) => /\bfrom\s+sqlmodel\b|\bimport\s+sqlmodel\b/.test(t))) return 'sqlmodel';
    return 'sqlalchemy';
  }
  if (counts.sql > 0) return 'sql';
  return null;
}

export async function readSchema(files: SourceFile[], options: ReadOptions = {}): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const format = options.format ?? detectFormat(files);
  if (format === null) {
    const where = files[0]?.path ?? '.';
    diagnostics.push({
      severity: 'error',
      message:
        'no schema found: expected SQLAlchemy/SQLModel models (.py), SQL DDL (.sql) or a Prisma schema (.prisma); pass --format to choose',
      file: where,
      line: 1,
      column: 1,
      code: 'input/no-schema',
    });
    return { schema: emptySchema('sql'), diagnostics };
  }
  const wanted = formatExtensions[format];
  const decoded: DecodedFile[] = [];
  for (const f of files) {
    if (!wanted.some((e) => f.path.toLowerCase().endsWith(e))) continue;
    const r = decodeFile(f);
    diagnostics.push(...r.diagnostics);
    if (r.file) decoded.push(r.file);
  }
  let result: ReadResult;
  switch (format) {
    case 'sqlalchemy':
    case 'sqlmodel':
      result = await readPython(decoded, { format, parseThread: options.pythonParseThread });
      break;
    case 'sql': {
      const dialect = options.dialect ?? detectDialect(decoded.map((f) => f.text).join('\n'));
      result = await readSql(decoded, { dialect });
      break;
    }
    case 'prisma':
      result = await readPrisma(decoded);
      break;
    case 'alembic':
      result = await readAlembic(decoded, { dialect: options.dialect });
      break;
  }
  diagnostics.push(...result.diagnostics);
  diagnostics.push(...validateSchema(result.schema));
  // A reader left with no readable file (all refused as binary, say) reports against '.': name
  // the first file given instead, so every diagnostic points at an input.
  const first = files[0]?.path;
  if (first !== undefined) for (const d of diagnostics) if (d.file === '.') d.file = first;
  return { schema: result.schema, diagnostics };
}
