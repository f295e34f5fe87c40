// Alembic end to end: `generate` on the alembic-shop project (7 revisions: tables, a nullable then
// NOT NULL column with a server default, an FK, a rename, a merge of two branches, op.execute data
// migrations) gives ruff-clean, deterministic files whose tests — factories on the migrated schema
// and test_migrations.py — pass on a real PostgreSQL on both Python stacks, alone and under
// pytest-xdist. Then the negative controls: a broken downgrade(), a downgrade missing its
// drop_constraint, and models that drift from the migrations each make the matching generated
// test fail with a message naming the revision.
import { after, before, describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir, startPostgres, type PgCluster } from '../support/postgres';
import { describePythonRun, pythonStackProblem, pythonStacks, runPytest, type PythonStack, type PythonStackName } from '../support/python';
import { formatFindings, ruffCheck, ruffFormat } from '../support/ruff';

const CASE = path.join(__dirname, '..', 'cases', 'alembic-shop', 'input');
const VERSIONS = path.join('alembic', 'versions');
const QUIET = ['-q', '-p', 'no:asyncio', '-W', 'ignore::DeprecationWarning'];

/** A copy of the alembic-shop project in a fresh folder, with `tests/` generated into it. */
async function project(edit?: (root: string) => void): Promise<{ root: string; tests: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-alembic-'));
  fs.cpSync(CASE, root, { recursive: true });
  edit?.(root);
  const run = await cli(['generate', '.', '--out', 'tests'], root);
  assert.equal(run.code, 0, `generate failed:\n${run.stderr}${run.stdout}`);
  return { root, tests: path.join(root, 'tests') };
}

function replaceIn(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} has ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.replace(from, to));
}

function revisionFile(root: string, id: string): string {
  const name = fs.readdirSync(path.join(root, VERSIONS)).find((f) => f.startsWith(id));
  assert.ok(name, `revision ${id} exists`);
  return path.join(root, VERSIONS, name);
}

function readTree(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .sort()
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

/** The ids pytest reports as FAILED (its short summary, `-rf`). */
function failedIds(output: string): string[] {
  return [...output.matchAll(/^FAILED (\S+)/gm)].map((m) => m[1]).sort();
}

let cluster: PgCluster | undefined;

function stack(t: TestContext, name: PythonStackName): PythonStack | undefined {
  const found = pythonStacks().find((s) => s.name === name);
  return requireOrSkip(t, `the ${name} Python stack`, found !== undefined, pythonStackProblem(name)) ? found : undefined;
}

describe('alembic end to end', () => {
  before(async () => {
    if (postgresBinDir()) cluster = await startPostgres();
  });
  after(() => cluster?.stop());

  test('generate on an Alembic project: test_migrations.py and fixtures, ruff-clean and deterministic', async () => {
    const { root, tests } = await project();
    const files = readTree(tests);
    for (const name of ['models.py', 'factories.py', 'conftest.py', 'test_factories_smoke.py', 'test_migrations.py']) {
      assert.ok(files.has(name), `${name} was not generated`);
    }
    const migrations = files.get('test_migrations.py')!;
    for (const id of ['1a2b3c4d5e6f', '6f7a8b9c0d1e', '7a8b9c0d1e2f']) assert.ok(migrations.includes(`"${id}"`), `${id} is in REVISIONS`);
    assert.match(migrations, /from app\.models import Base/);
    assert.match(files.get('conftest.py')!, /command\.upgrade\(config, "head"\)/);
    for (const [name, text] of files) {
      if (!name.endsWith('.py')) continue;
      const findings = ruffCheck(text, name, { knownFirstParty: ['app'] });
      assert.equal(findings.length, 0, `ruff check ${name}:\n${formatFindings(findings)}`);
      assert.equal(ruffFormat(text), text, `ruff format would change ${name}`);
    }
    const other = await project();
    assert.deepEqual(readTree(other.tests), files, 'a fresh run produced different files');
    // The versions folder alone gives the same tests: the node layer reads the project's history.
    const versions = await cli(['generate', 'alembic/versions', '--out', 'tests_versions'], root);
    assert.equal(versions.code, 0, versions.stderr);
    const body = (text: string) => text.split('\n').slice(4).join('\n');
    assert.equal(body(fs.readFileSync(path.join(root, 'tests_versions', 'test_migrations.py'), 'utf8')), body(migrations));
    // Regeneration keeps what the user wrote in the data test's sections.
    const edited = migrations.replace(
      '    # region user code: checks after\n',
      '    # region user code: checks after\n    assert connection.execute(sa.text("SELECT 1")).scalar() == 1\n',
    );
    assert.notEqual(edited, migrations, 'test_migrations.py has a "checks after" section');
    fs.writeFileSync(path.join(tests, 'test_migrations.py'), edited);
    const again = await cli(['generate', '.', '--out', 'tests'], root);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /: created/);
    assert.equal(fs.readFileSync(path.join(tests, 'test_migrations.py'), 'utf8'), edited);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(other.root, { recursive: true, force: true });
  });

  for (const name of ['classic', 'modern'] as PythonStackName[]) {
    test(`alembic-shop: every generated test passes on PostgreSQL (${name} stack), alone and with -n 2`, async (t) => {
      if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
      const python = stack(t, name);
      if (!python) return;
      const { root, tests } = await project();
      // As a user runs it: the conftest starts its own PostgreSQL.
      const plain = await runPytest(python, tests, QUIET);
      assert.equal(plain.code, 0, `pytest failed\n${describePythonRun(plain)}`);
      const counts = plain.summary!;
      assert.equal(counts.skipped, 0);
      // 1 head, current revisions, base→head→base, 7 stairway, 7 no-trace, drift, 3 data: 21 tests.
      const ids = (await runPytest(python, tests, ['--collect-only', '-q', 'test_migrations.py'])).stdout.split('\n').filter((l) => l.includes('::'));
      assert.equal(ids.length, 21, ids.join('\n'));
      assert.ok(ids.some((l) => l.includes('test_data_survives[5e6f7a8b9c0d]')));
      assert.ok(ids.some((l) => l.includes('test_models_match_migrations')));

      const env = { TEST_DATABASE_URL: cluster!.url('postgres') };
      const parallel = await runPytest(python, tests, [...QUIET, '-n', '2'], env);
      assert.equal(parallel.code, 0, `-n 2 failed\n${describePythonRun(parallel)}`);
      assert.equal(parallel.summary?.passed, counts.passed);
      const leftovers = await cluster!.psql("SELECT datname FROM pg_database WHERE datname LIKE '%_test_%'");
      assert.equal(leftovers.trim(), '', 'test databases were left behind');
      fs.rmSync(root, { recursive: true, force: true });
    });
  }

  test('models with an alembic.ini above them: test_migrations.py reads the migrations and compares them with the models', async (t) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-alembic-models-'));
    fs.cpSync(CASE, root, { recursive: true });
    const run = await cli(['generate', 'app/models.py', '--out', 'tests'], root);
    assert.equal(run.code, 0, `generate failed:\n${run.stderr}${run.stdout}`);
    const tests = path.join(root, 'tests');
    const files = readTree(tests);
    assert.ok(!files.has('models.py'), 'the models exist: none are generated');
    const migrations = files.get('test_migrations.py');
    assert.ok(migrations, 'test_migrations.py was not generated');
    assert.match(migrations, /"5e6f7a8b9c0d", \("3c4d5e6f7a8b",\), "products become items"/);
    assert.match(migrations, /from app\.models import Base\n\n    return Base\.metadata/);
    assert.match(files.get('conftest.py')!, /ALEMBIC_INI = Path\(__file__\)\.parent \/ "\.\.\/alembic\.ini"/);
    const findings = ruffCheck(migrations, 'test_migrations.py', { knownFirstParty: ['app'] });
    assert.equal(findings.length, 0, formatFindings(findings));
    assert.equal(ruffFormat(migrations), migrations, 'ruff format would change test_migrations.py');
    if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
    const python = stack(t, 'modern');
    if (!python) return;
    const pytest = await runPytest(python, tests, [...QUIET, 'test_migrations.py'], { TEST_DATABASE_URL: cluster!.url('postgres') });
    assert.equal(pytest.code, 0, describePythonRun(pytest));
    assert.equal(pytest.summary?.passed, 21);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('env.py importing the models module (`import app.models as models`): the drift test uses the same metadata and passes', async (t) => {
    const { root, tests } = await project((root) => {
      const env = path.join(root, 'alembic', 'env.py');
      replaceIn(env, 'from app.models import Base\n', 'import app.models as models\n');
      replaceIn(env, 'target_metadata = Base.metadata', 'target_metadata = models.Base.metadata');
    });
    const migrations = fs.readFileSync(path.join(tests, 'test_migrations.py'), 'utf8');
    assert.match(migrations, /from app\.models import Base\n\n    return Base\.metadata/);
    if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
    const python = stack(t, 'modern');
    if (!python) return;
    const run = await runPytest(python, tests, [...QUIET, 'test_migrations.py', '-k', 'test_models_match_migrations'], { TEST_DATABASE_URL: cluster!.url('postgres') });
    assert.equal(run.code, 0, describePythonRun(run));
    assert.equal(run.summary?.passed, 1);
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('negative controls: a broken downgrade, a missing drop_constraint and drifting models fail, naming the revision', async (t) => {
    if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
    const python = stack(t, 'modern');
    if (!python) return;
    const env = { TEST_DATABASE_URL: cluster!.url('postgres') };
    const run = async (tests: string) => {
      const r = await runPytest(python, tests, [...QUIET, '-rf', 'test_migrations.py'], env);
      assert.equal(r.code, 1, `the generated tests should fail\n${describePythonRun(r)}`);
      return r.stdout;
    };

    // 1. downgrade() of 4d5e6f7a8b9c drops a column that does not exist.
    const broken = await project((root) =>
      replaceIn(revisionFile(root, '4d5e6f7a8b9c'), 'op.drop_column("customers", "loyalty_points")', 'op.drop_column("customers", "loyalty")'),
    );
    let out = await run(broken.tests);
    let failed = failedIds(out);
    assert.ok(failed.includes('test_migrations.py::test_stairway[4d5e6f7a8b9c]'), failed.join('\n'));
    assert.ok(failed.includes('test_migrations.py::test_upgrade_head_then_downgrade_base'), failed.join('\n'));
    assert.ok(!failed.includes('test_migrations.py::test_stairway[3c4d5e6f7a8b]'), 'revisions before it still pass');
    assert.match(out, /downgrade of 4d5e6f7a8b9c alone failed in revision 4d5e6f7a8b9c \(customer loyalty points\)/);
    assert.match(out, /downgrade base failed in revision 4d5e6f7a8b9c \(customer loyalty points\)/);

    // 2. downgrade() of 3c4d5e6f7a8b forgets to drop its foreign key.
    const trace = await project((root) =>
      replaceIn(revisionFile(root, '3c4d5e6f7a8b'), '    op.drop_constraint("fk_orders_customer_id_customers", "orders", type_="foreignkey")\n', ''),
    );
    out = await run(trace.tests);
    failed = failedIds(out);
    assert.ok(failed.includes('test_migrations.py::test_downgrade_leaves_no_trace[3c4d5e6f7a8b]'), failed.join('\n'));
    assert.ok(failed.includes('test_migrations.py::test_stairway[3c4d5e6f7a8b]'), failed.join('\n'));
    assert.ok(!failed.includes('test_migrations.py::test_downgrade_leaves_no_trace[2b3c4d5e6f7a]'), 'revisions before it still pass');
    assert.match(out, /the downgrade of revision 3c4d5e6f7a8b \(orders belong to customers\) left a trace:\nE\s+table orders: foreign keys were \[\], now \[.*fk_orders_customer_id_customers/);

    // 3. The models grow a column no migration adds.
    const drift = await project((root) =>
      replaceIn(path.join(root, 'app', 'models.py'), '    description = Column(Text)\n', '    description = Column(Text)\n    weight = Column(Integer)\n'),
    );
    out = await run(drift.tests);
    assert.deepEqual(failedIds(out), ['test_migrations.py::test_models_match_migrations']);
    assert.match(out, /the models differ from the schema the migrations leave at 7a8b9c0d1e2f/);
    assert.match(out, /add_column.*'items'.*weight/);

    for (const p of [broken, trace, drift]) fs.rmSync(p.root, { recursive: true, force: true });
  });
});
