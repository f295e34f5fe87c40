// The vitest target, end to end: for every case whose case.json says `{"generate": {"target":
// "vitest"}}`, put the schema into a scratch Prisma 7 project, run `fixture-scaffold generate`,
// prove generation is deterministic, run `prisma generate`, type-check everything with
// `tsc --strict`, and run the generated smoke tests with vitest against a real PostgreSQL: as
// generated, then with a second test file on two workers in shuffled order. On the blog case,
// negative controls (a factory missing a required field, a factory breaking a column length)
// must fail, and a regeneration after a schema change must keep the user sections, which here
// replace the fixtures' DDL with the DDL of Prisma's own schema engine.
import { after, before, describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { userSections } from '../../src/core/emit/regions';
import { cli } from '../support/cli';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir, startPostgres, type PgCluster } from '../support/postgres';
import {
  createPrismaProject,
  createTables,
  PRISMA_SETUP_HINT,
  prismaAvailable,
  prismaGenerate,
  runVitest,
  typecheck,
  type CommandResult,
  type PrismaProject,
  type VitestResult,
} from '../support/prisma';

const casesDir = path.join(__dirname, '..', 'cases');
/** The files the vitest target writes into `--out` (by default `test/`). */
const GENERATED = ['constraints.test.ts', 'factories.smoke.test.ts', 'factories.ts', 'fixtures.ts', 'schema-sql.ts', 'seed-data.ts'];

interface VitestCase {
  name: string;
  /** The case's schema: one file, or a folder of `.prisma` files. */
  input: string;
}

/** The cases generated for vitest, in name order. */
function loadCases(): VitestCase[] {
  const out: VitestCase[] = [];
  for (const name of fs.readdirSync(casesDir).sort()) {
    const cfgPath = path.join(casesDir, name, 'case.json');
    if (!fs.existsSync(cfgPath)) continue;
    const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
    if (cfg.generate?.target !== 'vitest') continue;
    const dir = path.join(casesDir, name);
    const input = fs.existsSync(path.join(dir, 'input')) ? path.join(dir, 'input') : path.join(dir, 'schema.prisma');
    out.push({ name, input });
  }
  return out;
}

/** The schema files of a case, keyed by path inside the schema folder (or `schema.prisma`). */
function schemaFiles(c: VitestCase): Record<string, string> {
  if (!fs.statSync(c.input).isDirectory()) return { 'schema.prisma': fs.readFileSync(c.input, 'utf8') };
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(c.input, { recursive: true }).map(String).sort()) {
    if (name.endsWith('.prisma')) files[name.split(path.sep).join('/')] = fs.readFileSync(path.join(c.input, name), 'utf8');
  }
  return files;
}

/** A scratch Prisma 7 project holding the schema (generator and datasource rewritten for Prisma 7). */
function scratchProject(files: Record<string, string>, databaseUrl: string): PrismaProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-vitest-'));
  return createPrismaProject(dir, { schemaFiles: files, databaseUrl });
}

/** Runs `fixture-scaffold generate <schema>` in the project with the defaults (vitest into test/). */
async function generate(project: PrismaProject): Promise<string> {
  const run = await cli(['generate', project.schemaPath], project.dir);
  assert.equal(run.code, 0, `generate failed:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** The generated files, by name. */
function readGenerated(project: PrismaProject): Map<string, string> {
  return new Map(GENERATED.map((name) => [name, fs.readFileSync(path.join(project.dir, 'test', name), 'utf8')]));
}

/** Fails with everything the command printed unless it exited with 0. */
function assertSucceeded(result: CommandResult, what: string): void {
  assert.equal(result.code, 0, `${what} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
}

/** Asserts that vitest ran tests and all of them passed. */
function assertAllPassed(run: VitestResult, what: string): void {
  const failed = run.tests.filter((x) => x.status !== 'passed').map((x) => `${x.name}: ${x.failureMessages.join('\n')}`);
  assert.deepEqual(failed, [], `${what}:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
  assertSucceeded(run, what);
  assert.ok(run.summary.total > 0, `${what}: no tests ran`);
}

/** Replaces the body of the user section `name` in `text`, keeping its markers and indentation. */
function fillRegion(text: string, name: string, body: string[]): string {
  const pattern = new RegExp(`^( *)// #region user code: ${name}\\n[\\s\\S]*?^ *// #endregion user code: ${name}$`, 'm');
  assert.match(text, pattern, `no user section ${name}`);
  return text.replace(pattern, (_all, indent: string) =>
    [`${indent}// #region user code: ${name}`, ...body.map((l) => `${indent}${l}`), `${indent}// #endregion user code: ${name}`].join('\n'),
  );
}

/** Removes a scratch project unless the test failed (then it is kept and named). */
function cleanUp(t: TestContext, project: PrismaProject, done: boolean): void {
  if (done) fs.rmSync(project.dir, { recursive: true, force: true });
  else t.diagnostic(`scratch project kept for inspection: ${project.dir}`);
}

const cases = loadCases();
let cluster: PgCluster | undefined;
let databases = 0;

/** A new empty database on the cluster and its connection string. */
async function newDatabase(): Promise<string> {
  const name = `app${++databases}`;
  await cluster!.createDatabase(name);
  return cluster!.connectionString(name);
}

/** True when the toolchain and PostgreSQL are there; otherwise skips (or fails with REQUIRE_E2E=1). */
function prerequisites(t: TestContext): boolean {
  if (!requireOrSkip(t, 'The Prisma toolchain', prismaAvailable(), PRISMA_SETUP_HINT)) return false;
  return requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined);
}

describe('vitest target end to end', () => {
  before(async () => {
    if (postgresBinDir()) cluster = await startPostgres();
  });
  after(() => cluster?.stop());

  test('there are at least 5 Prisma generation cases', () => {
    assert.ok(cases.length >= 5, `only ${cases.length} cases generate for vitest`);
  });

  for (const c of cases) {
    test(`generate ${c.name}: deterministic, tsc --strict, vitest on PostgreSQL`, { timeout: 900_000 }, async (t) => {
      if (!prerequisites(t)) return;
      const project = scratchProject(schemaFiles(c), await newDatabase());
      let done = false;
      try {
        await generate(project);
        const files = readGenerated(project);
        for (const [name, text] of files) {
          const long = text.split('\n').filter((l, i) => l.length > 100 && i > 0);
          assert.deepEqual(long, [], `${name} has lines longer than 100 columns`);
        }

        // Deterministic: a second run changes nothing, and a fresh project gets identical bytes.
        const again = await generate(project);
        assert.equal((again.match(/: unchanged/g) ?? []).length, GENERATED.length, again);
        const other = scratchProject(schemaFiles(c), project.databaseUrl);
        await generate(other);
        assert.deepEqual(readGenerated(other), files, 'a fresh run produced different files');
        fs.rmSync(other.dir, { recursive: true, force: true });

        const client = await prismaGenerate(project.dir);
        assertSucceeded(client, 'prisma generate');
        const tsc = await typecheck(project.dir);
        assert.deepEqual(tsc.diagnostics, [], tsc.stdout);

        const first = await runVitest(project.dir);
        assertAllPassed(first, 'vitest');
        const names = first.tests.map((x) => x.name);
        assert.ok(names.some((n) => n.startsWith('values are accepted or rejected as the schema promises > ')), 'no constraint tests ran');
        for (const name of ['isolation: A then B > B', 'isolation: B then A > A', 'nothing the tests wrote was committed']) {
          assert.ok(names.includes(name), `no test "${name}" in ${names.join(', ')}`);
        }

        // Two test files on two workers, each with a database of its own, tests in shuffled order.
        const smoke = path.join(project.dir, 'test', 'factories.smoke.test.ts');
        fs.copyFileSync(smoke, path.join(project.dir, 'test', 'factories.smoke-copy.test.ts'));
        const parallel = await runVitest(project.dir, ['--maxWorkers=2', '--sequence.shuffle', '--sequence.seed=20261121', 'test/factories.smoke']);
        assertAllPassed(parallel, 'vitest on two workers, shuffled');
        const smokeTests = first.tests.filter((x) => x.file.endsWith('factories.smoke.test.ts')).length;
        assert.ok(smokeTests > 0 && smokeTests < first.summary.total, 'the first run had no smoke or no constraint tests');
        assert.equal(parallel.summary.total, 2 * smokeTests);

        t.diagnostic(
          `${c.name}: prisma generate ${client.ms} ms, tsc ${tsc.ms} ms, vitest ${first.ms} ms ` +
            `(${first.summary.passed} tests), two workers shuffled ${parallel.ms} ms`,
        );
        done = true;
      } finally {
        cleanUp(t, project, done);
      }
    });
  }

  test('negative controls: a factory missing a required field or breaking a length fails', { timeout: 900_000 }, async (t) => {
    if (!prerequisites(t)) return;
    const blog = cases.find((x) => x.name === 'gen-prisma-blog');
    assert.ok(blog, 'the gen-prisma-blog case is missing');
    const project = scratchProject(schemaFiles(blog), await newDatabase());
    let done = false;
    try {
      await generate(project);
      assertSucceeded(await prismaGenerate(project.dir), 'prisma generate');
      const file = path.join(project.dir, 'test', 'factories.ts');
      const factories = fs.readFileSync(file, 'utf8');

      // Without its required `body`, a post's data is no Prisma.PostCreateInput: tsc says so.
      const body = '    body: faker.lorem.paragraph(),\n';
      const buildPost = factories.indexOf('export function buildPost(');
      const at = factories.indexOf(body, buildPost);
      assert.ok(buildPost !== -1 && at !== -1, 'buildPost has no generated body');
      fs.writeFileSync(file, factories.slice(0, at) + factories.slice(at + body.length));
      const tsc = await typecheck(project.dir);
      const line = factories.slice(0, factories.indexOf('  const data: Prisma.PostCreateInput', buildPost)).split('\n').length;
      assert.deepEqual(
        tsc.diagnostics.map((d) => [d.file, d.line, d.code]),
        [['test/factories.ts', line, 'TS2741']],
        tsc.stdout,
      );
      assert.match(tsc.diagnostics[0].message, /Property 'body' is missing/);

      // A title longer than VARCHAR(200) type-checks, but PostgreSQL refuses the row.
      const title = '    title: faker.book.title(),\n';
      assert.ok(factories.indexOf(title, buildPost) !== -1, 'buildPost has no generated title');
      const broken = factories.slice(0, buildPost) + factories.slice(buildPost).replace(title, '    title: faker.string.alpha(201),\n');
      fs.writeFileSync(file, broken);
      assert.deepEqual((await typecheck(project.dir)).diagnostics, []);
      const run = await runVitest(project.dir);
      assert.notEqual(run.code, 0, 'vitest passed with a title that is too long');
      const failed = run.tests.filter((x) => x.status === 'failed').map((x) => x.name);
      for (const name of ['each factory inserts a valid row > Post', 'lists of 50 keep unique values unique > Post', 'each factory inserts a valid row > Comment']) {
        assert.ok(failed.includes(name), `"${name}" did not fail; failed: ${failed.join(', ')}`);
      }
      assert.ok(!failed.includes('each factory inserts a valid row > User'), 'an unrelated factory failed');
      const message = run.tests.find((x) => x.name === 'each factory inserts a valid row > Post')!.failureMessages.join('\n');
      assert.match(message, /too long/i);
      done = true;
    } finally {
      cleanUp(t, project, done);
    }
  });

  test('regeneration after a schema change keeps user sections; tests pass on Prisma-made tables', { timeout: 900_000 }, async (t) => {
    if (!prerequisites(t)) return;
    const blog = cases.find((x) => x.name === 'gen-prisma-blog');
    assert.ok(blog, 'the gen-prisma-blog case is missing');
    const files = schemaFiles(blog);
    const project = scratchProject(files, await newDatabase());
    let done = false;
    try {
      await generate(project);
      const testDir = path.join(project.dir, 'test');
      const edit = (name: string, change: (text: string) => string) => {
        const file = path.join(testDir, name);
        fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
      };
      // User code in every kind of section: a changed default, an import, a schema from Prisma's
      // own schema engine instead of the generated DDL, and a test of the user's own.
      const buildUser = ["data.bio = 'Written in a user section.';"];
      const imports = ["import { PRISMA_DDL } from './prisma-ddl';"];
      const applySchema = [
        '// The tables exactly as Prisma creates them (prisma-ddl.ts comes from its schema engine).',
        'for (const statement of PRISMA_DDL.split(/;\\s*\\n/)) {',
        "  if (statement.replace(/--.*$/gm, '').trim() !== '') await prisma.$executeRawUnsafe(statement);",
        '}',
      ];
      const tests = [
        "test('the user section of buildUser sets the bio', async ({ db }) => {",
        "  expect((await createUser(db)).bio).toBe('Written in a user section.');",
        '});',
      ];
      edit('factories.ts', (text) => fillRegion(text, 'buildUser', buildUser));
      edit('fixtures.ts', (text) => fillRegion(fillRegion(text, 'imports', imports), 'applySchema', applySchema));
      edit('factories.smoke.test.ts', (text) => fillRegion(text, 'tests', tests));

      // The schema changes: a new column and a new model.
      const schema = path.join(project.dir, project.schemaPath);
      const changed = fs
        .readFileSync(schema, 'utf8')
        .replace('  bio         String?\n', '  bio         String?\n  nickname    String?   @db.VarChar(20)\n')
        .concat('\nmodel Badge {\n  id    Int    @id @default(autoincrement())\n  label String @unique @db.VarChar(30)\n}\n');
      assert.match(changed, /nickname/);
      fs.writeFileSync(schema, changed);
      const regenerated = await generate(project);
      for (const name of ['factories.ts', 'seed-data.ts', 'schema-sql.ts', 'factories.smoke.test.ts']) {
        assert.match(regenerated, new RegExp(`test/${name.replace(/\./g, '\\.')}: updated`), regenerated);
      }
      const factories = fs.readFileSync(path.join(testDir, 'factories.ts'), 'utf8');
      assert.match(factories, /nickname: /);
      assert.match(factories, /export function buildBadge\(/);
      assert.deepEqual(userSections(factories).get('buildUser'), buildUser.map((l) => `  ${l}`));
      const fixtures = fs.readFileSync(path.join(testDir, 'fixtures.ts'), 'utf8');
      assert.deepEqual(userSections(fixtures).get('imports'), imports);
      assert.deepEqual(userSections(fixtures).get('applySchema'), applySchema.map((l) => `  ${l}`));
      const smoke = fs.readFileSync(path.join(testDir, 'factories.smoke.test.ts'), 'utf8');
      assert.deepEqual(userSections(smoke).get('tests'), tests);
      assert.match(smoke, /test\('Badge'/);

      // Prisma's schema engine makes the DDL of the changed schema (in a database of its own).
      assertSucceeded(await prismaGenerate(project.dir), 'prisma generate');
      const engine = await createTables(project.dir, await newDatabase());
      assertSucceeded(engine, 'create-tables');
      fs.writeFileSync(
        path.join(testDir, 'prisma-ddl.ts'),
        `// The DDL of Prisma's schema engine for this schema.\nexport const PRISMA_DDL = ${JSON.stringify(engine.stdout)};\n`,
      );
      const tsc = await typecheck(project.dir);
      assert.deepEqual(tsc.diagnostics, [], tsc.stdout);
      const run = await runVitest(project.dir);
      assertAllPassed(run, 'vitest after regeneration, on the schema engine tables');
      assert.ok(run.tests.some((x) => x.name === 'the user section of buildUser sets the bio'));
      done = true;
    } finally {
      cleanUp(t, project, done);
    }
  });
});
