// schema-sql.ts: the PostgreSQL DDL of the schema as a list of statements, which the fixtures run
// in each worker's fresh database. A module rather than a .sql file, so the fixtures need no file
// system access or path resolution, and the statements run one by one through Prisma's raw queries
// (which take one statement at a time).

import type { Analysis } from '../../analysis/graph';
import type { Schema } from '../../ir';
import { splitStatements } from '../../readers/sql/split';
import { emitPostgresDdl } from '../ddl';
import { stampChecksum } from '../regions';
import { docComment, header, joinBlocks, tsTemplate } from './code';
import type { VitestEmitOptions } from './options';

/** The generated schema-sql.ts. */
export function emitSchemaSql(schema: Schema, analysis: Analysis, options: VitestEmitOptions): string {
  const ddl = emitPostgresDdl(schema, analysis);
  const { statements } = splitStatements(ddl, 'postgresql');
  const comments: string[] = [];
  let from = 0;
  for (const s of [...statements, { start: ddl.length, end: ddl.length }]) {
    for (const line of ddl.slice(from, s.start).split('\n')) {
      const comment = /^\s*--\s?(.*)$/.exec(line);
      if (comment) comments.push(`// ${comment[1]}`);
    }
    from = s.end;
  }
  const items = statements.map((s) => `  ${tsTemplate(wrapStatement(ddl.slice(s.start, s.end)))},`);
  const blocks = [
    header(options, 'the PostgreSQL schema the fixtures create', 'Rewritten on every regeneration.'),
    comments.join('\n'),
    [
      docComment(
        `The statements that create the tables of ${options.source} in an empty PostgreSQL database, in order: types, tables, then foreign keys.`,
      ),
      'export const SCHEMA_STATEMENTS: readonly string[] = [',
      ...items,
      '];',
    ].join('\n'),
  ];
  return stampChecksum(joinBlocks(blocks));
}

/**
 * Breaks lines of a statement that would pass 100 columns inside the file (a long `ALTER TABLE ...
 * ADD FOREIGN KEY`) before `REFERENCES` and `ON DELETE`; SQL does not mind where lines break.
 */
function wrapStatement(sql: string): string {
  return sql
    .split('\n')
    .map((line) => (line.length <= 96 ? line : line.replace(/ (REFERENCES|ON DELETE) /g, '\n  $1 ')))
    .join('\n');
}
