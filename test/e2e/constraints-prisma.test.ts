// Negative control of the generated constraints.test.ts (Prisma/vitest target): it must be able to
// fail. The blog schema is generated for, then the tables the fixtures create are made to break one
// promise (a longer username column, edited in schema-sql.ts); exactly the boundary test of that
// promise must fail. (Every Prisma generation case runs constraints.test.ts green in
// test/e2e/prisma-generate.test.ts.)
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir, startPostgres, type PgCluster } from '../support/postgres';
import { createPrismaProject, PRISMA_SETUP_HINT, prismaAvailable, prismaGenerate, runVitest } from '../support/prisma';

const blog = path.join(__dirname, '..', 'cases', 'gen-prisma-blog', 'schema.prisma');
let cluster: PgCluster | undefined;

before(async () => {
  if (postgresBinDir() && prismaAvailable()) cluster = await startPostgres();
});
after(() => cluster?.stop());

test('constraints.test.ts fails when the database stops enforcing a promised length', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(t, 'The Prisma toolchain', prismaAvailable(), PRISMA_SETUP_HINT)) return;
  if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
  await cluster!.createDatabase('blog');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-constraints-prisma-'));
  try {
    const project = createPrismaProject(dir, { schemaFiles: { 'schema.prisma': fs.readFileSync(blog, 'utf8') }, databaseUrl: cluster!.connectionString('blog') });
    const generated = await cli(['generate', project.schemaPath], project.dir);
    assert.equal(generated.code, 0, generated.stderr);
    const ddl = path.join(project.dir, 'test', 'schema-sql.ts');
    const text = fs.readFileSync(ddl, 'utf8');
    const widened = text.replace('username varchar(30) NOT NULL UNIQUE', 'username varchar(300) NOT NULL UNIQUE');
    assert.notEqual(widened, text, 'the username column was not found in schema-sql.ts');
    fs.writeFileSync(ddl, widened);
    const client = await prismaGenerate(project.dir);
    assert.equal(client.code, 0, client.stderr);

    const run = await runVitest(project.dir, ['test/constraints.test.ts']);
    const failed = run.tests.filter((x) => x.status === 'failed').map((x) => x.name);
    assert.deepEqual(failed, ["values are accepted or rejected as the schema promises > User.username max-length 31 × 'x' rejected (22001)"], run.stdout.slice(-3000));
    assert.match(run.tests.find((x) => x.status === 'failed')!.failureMessages.join('\n'), /the database accepted it/);
    assert.ok(run.tests.filter((x) => x.status === 'passed').length > 20, run.stdout.slice(-3000));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
