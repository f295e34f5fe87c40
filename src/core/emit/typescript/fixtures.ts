// fixtures.ts: the vitest `test.extend` fixture set, the conftest of the TypeScript world. One
// PrismaClient per worker on a database of its own (so workers never block each other), each test
// inside an interactive transaction that is always rolled back, and the seed rows on request.

import { regionLines, stampChecksum, TYPESCRIPT, userSection } from '../regions';
import { EDIT_IN_REGIONS, header, joinBlocks, TsImports } from './code';
import type { VitestEmitOptions } from './options';

/** The generated fixtures.ts. */
export function emitFixtures(options: VitestEmitOptions): string {
  const imports = new TsImports()
    .value('@prisma/adapter-pg', 'PrismaPg')
    .value('vitest', 'test as base')
    .value(options.clientImport, 'PrismaClient')
    .type(options.clientImport, 'Prisma')
    .value('./factories', 'seedFaker', 'WORKER')
    .value('./schema-sql', 'SCHEMA_STATEMENTS')
    .value('./seed-data', 'seedDatabase')
    .type('./seed-data', 'SeedRows');
  const blocks = [
    header(options, 'vitest fixtures', EDIT_IN_REGIONS),
    [
      "// Vitest fixtures for tests against PostgreSQL; use them with `import { test } from './fixtures'`.",
      '// - `prisma`: one PrismaClient per vitest worker, on a database of its own',
      '//   (`<database>_test_w<worker>`) on the server of TEST_DATABASE_URL (else DATABASE_URL), whose',
      '//   user needs CREATEDB. The tables come from schema-sql.ts; the database is dropped at the end.',
      '// - `db`: the client of one test, inside an interactive transaction rolled back at the end, so no',
      '//   test sees the rows of another. A nested `db.$transaction(...)` becomes a savepoint.',
      '// - `seeded`: SEED_ROWS_PER_MODEL realistic rows per model (seed-data.ts), inserted in the',
      "//   test's transaction.",
    ].join('\n'),
    imports.render(),
    userSection(TYPESCRIPT, 'imports', 'Your own imports.'),
    `/** The seed of faker at the start of every test, so generated values repeat from run to run. */
export const FAKER_SEED = ${options.seed};`,
    `/** The fixtures a test can ask for. */
export interface Fixtures {
  /** The worker's own client, outside any test's transaction: what it writes is committed. */
  prisma: PrismaClient;
  /** The test's client: everything it writes is rolled back when the test ends. */
  db: Prisma.TransactionClient;
  /** The seed rows, by model name, inserted through \`db\`. */
  seeded: SeedRows;
}`,
    `/** Thrown at the end of every test to roll its transaction back; nothing else is swallowed. */
class Rollback extends Error {}`,
    `/** The URL of the server database that the worker databases are created next to. */
function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL URL whose user may ' +
        'CREATE DATABASE, e.g. postgresql://postgres@localhost:5432/postgres: ' +
        'each vitest worker creates its own database there.',
    );
  }
  return url;
}`,
    `/** The parts of a connection URL around its database name. */
function splitUrl(url: string): { server: string; database: string; rest: string } {
  const match = /^([^:]+:\\/\\/[^/?#]*)(?:\\/([^?#]*))?(.*)$/.exec(url);
  if (match === null) throw new Error(\`Not a PostgreSQL connection URL: \${url}\`);
  return {
    server: match[1],
    database: decodeURIComponent(match[2] ?? '') || 'postgres',
    rest: match[3],
  };
}`,
    applySchema(),
    `export const test = base.extend<Fixtures>({
  prisma: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from it.
    async ({}, use) => {
      const { server, database, rest } = splitUrl(serverUrl());
      const name = \`\${database}_test_w\${WORKER}\`.slice(0, 63);
      const quoted = \`"\${name.replace(/"/g, '""')}"\`;
      const admin = new PrismaClient({ adapter: new PrismaPg({ connectionString: serverUrl() }) });
      await admin.$executeRawUnsafe(\`DROP DATABASE IF EXISTS \${quoted} WITH (FORCE)\`);
      await admin.$executeRawUnsafe(\`CREATE DATABASE \${quoted}\`);
      const connectionString = \`\${server}/\${encodeURIComponent(name)}\${rest}\`;
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
      try {
        await applySchema(prisma);
        await use(prisma);
      } finally {
        await prisma.$disconnect();
        await admin.$executeRawUnsafe(\`DROP DATABASE IF EXISTS \${quoted} WITH (FORCE)\`);
        await admin.$disconnect();
      }
    },
    { scope: 'worker' },
  ],
  db: async ({ prisma }, use) => {
    seedFaker(FAKER_SEED);
    try {
      await prisma.$transaction(
        async (tx) => {
          await use(tx);
          throw new Rollback();
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
  },
  seeded: async ({ db }, use) => {
    await use(await seedDatabase(db));
  },
});`,
    userSection(TYPESCRIPT, 'fixtures', 'Your own fixtures, e.g. export const appTest = test.extend({ ... }).'),
  ];
  return stampChecksum(joinBlocks(blocks));
}

/**
 * `applySchema`, whose body is a user section holding the generated loop: replace it to create the
 * schema another way, and regeneration keeps your version.
 */
function applySchema(): string {
  const [open, close] = regionLines(TYPESCRIPT, 'applySchema', '  ');
  return [
    "/** Creates the tables in the worker's new, empty database. */",
    'async function applySchema(prisma: PrismaClient): Promise<void> {',
    open,
    "  // Replace this loop to create the schema another way (e.g. with your migrations' SQL).",
    '  for (const statement of SCHEMA_STATEMENTS) await prisma.$executeRawUnsafe(statement);',
    close,
    '}',
  ].join('\n');
}
