// The Prisma test infrastructure itself, end to end: a hand-written schema (enum, relation,
// implicit many-to-many) and hand-written factories and vitest tests go into a scratch project,
// which is generated, given tables in a throwaway PostgreSQL, type-checked with `tsc --strict` and
// run with vitest. A negative control proves that a type error in the factories is reported.
//
// The fixture's TypeScript files end in `.ts.txt` so that the repository's own `tsc -p .` (which
// includes test/) does not try to compile code that imports a generated client and vitest.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir, startPostgres } from '../support/postgres';
import {
  createPrismaProject,
  createTables,
  PRISMA_SETUP_HINT,
  prepareSchemaFiles,
  prismaAvailable,
  prismaGenerate,
  runVitest,
  typecheck,
  type CommandResult,
} from '../support/prisma';

const FIXTURE = path.join(__dirname, 'fixtures', 'prisma-toolchain');

/** Reads a fixture file. */
function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURE, name), 'utf8');
}

/** Fails with everything the command printed unless it exited with 0. */
function assertSucceeded(result: CommandResult, what: string): void {
  assert.equal(result.code, 0, `${what} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
}

test('prepareSchemaFiles: a Prisma 6 style schema gets the Prisma 7 generator and loses its URLs', () => {
  const input = [
    'generator client {',
    '  provider        = "prisma-client-js"',
    '  previewFeatures = ["views"]',
    '}',
    '',
    'generator erd {',
    '  provider = "prisma-erd-generator" // not runnable offline',
    '}',
    '',
    'datasource db {',
    '  provider  = "postgresql"',
    '  url       = env("DATABASE_URL")',
    '  directUrl = env("DIRECT_URL")',
    '}',
    '',
    'model A {',
    '  id Int @id',
    '}',
    '',
  ].join('\n');
  const out = prepareSchemaFiles({ 'prisma/schema.prisma': input }, 'src/generated/prisma')['prisma/schema.prisma'];
  const lines = out.split('\n');
  assert.equal(lines.indexOf('model A {'), input.split('\n').indexOf('model A {'), 'line numbers are kept');
  assert.doesNotMatch(out, /prisma-client-js|prisma-erd-generator|url|directUrl/);
  assert.match(out, /datasource db \{\n {2}provider {2}= "postgresql"\n\n\n\}/);
  assert.ok(
    out.endsWith(
      [
        '}',
        '',
        'generator client {',
        '  provider = "prisma-client"',
        '  output   = "../src/generated/prisma"',
        '  previewFeatures = ["views"]',
        '}',
        '',
      ].join('\n'),
    ),
    out,
  );
});

test('prepareSchemaFiles: a multi-file schema gets one generator, beside its datasource', () => {
  const files = {
    'prisma/schema/models.prisma': 'model A {\n  id Int @id\n}\n',
    'prisma/schema/main.prisma': 'generator client {\n  provider = "prisma-client-js"\n}\ndatasource db {\n  provider = "postgresql"\n}\n',
  };
  const out = prepareSchemaFiles(files, 'src/generated/prisma');
  assert.equal(out['prisma/schema/models.prisma'], files['prisma/schema/models.prisma']);
  assert.equal((out['prisma/schema/main.prisma'].match(/generator/g) ?? []).length, 1);
  assert.match(out['prisma/schema/main.prisma'], /output {3}= "..\/..\/src\/generated\/prisma"/);
});

test('prepareSchemaFiles: a schema without a datasource gets a PostgreSQL one', () => {
  const out = prepareSchemaFiles({ 'prisma/schema.prisma': 'model A {\n  id Int @id\n}' }, 'src/generated/prisma');
  assert.match(out['prisma/schema.prisma'], /^model A \{\n {2}id Int @id\n\}\n\ndatasource db \{\n {2}provider = "postgresql"\n\}\n\ngenerator client \{/);
});

test('prisma toolchain: generate, create tables, tsc --strict and vitest against PostgreSQL', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t, 'The Prisma toolchain', prismaAvailable(), PRISMA_SETUP_HINT)) return;
  if (!requireOrSkip(t, 'PostgreSQL', postgresBinDir() !== undefined)) return;
  const pg = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-prisma-'));
  let done = false;
  try {
    await pg.createDatabase('app');
    const databaseUrl = pg.connectionString('app');
    const factories = fixture('factories.ts.txt');
    createPrismaProject(dir, {
      schemaFiles: { 'schema.prisma': fixture('schema.prisma') },
      files: {
        'src/factories.ts': factories,
        'tests/db.ts': fixture('db.ts.txt'),
        'tests/isolation.test.ts': fixture('isolation.test.ts.txt'),
      },
      databaseUrl,
    });

    const generate = await prismaGenerate(dir);
    assertSucceeded(generate, 'prisma generate');
    assert.ok(fs.existsSync(path.join(dir, 'src/generated/prisma/client.ts')), 'the client is generated where tsconfig expects it');

    const tables = await createTables(dir, databaseUrl);
    assertSucceeded(tables, 'create-tables');
    for (const ddl of ['CREATE TYPE "Role"', 'CREATE TABLE "User"', 'CREATE TABLE "_PostToTag"', 'FOREIGN KEY ("authorId") REFERENCES "User"("id")']) {
      assert.ok(tables.stdout.includes(ddl), `the DDL lacks ${ddl}:\n${tables.stdout}`);
    }
    const created = await pg.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'", 'app');
    assert.equal(created.trim(), 'Post,Tag,User,_PostToTag');

    const tsc = await typecheck(dir);
    assert.deepEqual(tsc.diagnostics, [], tsc.stdout);
    assertSucceeded(tsc, 'tsc');

    const vitest = await runVitest(dir);
    assertSucceeded(vitest, 'vitest');
    assert.deepEqual(vitest.summary, { passed: 8, failed: 0, skipped: 0, total: 8 }, vitest.stdout);
    assert.deepEqual(
      vitest.tests.slice(0, 4).map((x) => x.name),
      ['A then B > A', 'A then B > B', 'B then A > B', 'B then A > A'].map(
        (name) => `a row created in one test is gone in the next: ${name}`,
      ),
    );

    // Negative control: an enum value that does not exist must be a type error at its line.
    const good = 'role: Role.MEMBER,';
    assert.ok(factories.includes(good));
    fs.writeFileSync(path.join(dir, 'src/factories.ts'), factories.replace(good, "role: 'OWNER',"));
    const broken = await typecheck(dir);
    assert.notEqual(broken.code, 0);
    const line = factories.slice(0, factories.indexOf(good)).split('\n').length;
    assert.deepEqual(
      broken.diagnostics.map((d) => [d.file, d.line, d.code]),
      [['src/factories.ts', line, 'TS2322']],
      broken.stdout,
    );

    t.diagnostic(
      `postgres ${pg.startupMs} ms, generate ${generate.ms} ms, tables ${tables.ms} ms, ` +
        `tsc ${tsc.ms} ms, vitest ${vitest.ms} ms, tsc (negative) ${broken.ms} ms`,
    );
    done = true;
  } finally {
    pg.stop();
    if (done) fs.rmSync(dir, { recursive: true, force: true });
    else t.diagnostic(`scratch project kept for inspection: ${dir}`);
  }
});

test('prisma toolchain: a multi-file schema folder generates and gets its tables', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(t, 'The Prisma toolchain', prismaAvailable(), PRISMA_SETUP_HINT)) return;
  if (!requireOrSkip(t, 'PostgreSQL', postgresBinDir() !== undefined)) return;
  const pg = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-prisma-'));
  let done = false;
  try {
    await pg.createDatabase('app');
    const databaseUrl = pg.connectionString('app');
    createPrismaProject(dir, {
      schemaFiles: {
        'main.prisma': 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'users.prisma': 'model User {\n  id   Int   @id\n  orgs Org[]\n}\n',
        'orgs/org.prisma': 'model Org {\n  id    Int    @id\n  users User[]\n}\n',
      },
      databaseUrl,
    });
    assertSucceeded(await prismaGenerate(dir), 'prisma generate');
    assert.ok(fs.existsSync(path.join(dir, 'src/generated/prisma/client.ts')));
    assertSucceeded(await createTables(dir, databaseUrl), 'create-tables');
    const created = await pg.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'", 'app');
    assert.equal(created.trim(), 'Org,User,_OrgToUser');
    done = true;
  } finally {
    pg.stop();
    if (done) fs.rmSync(dir, { recursive: true, force: true });
    else t.diagnostic(`scratch project kept for inspection: ${dir}`);
  }
});
