// Benchmarks of the pytest target, measured with pytest itself on a real PostgreSQL:
// - per-test cost of the generated isolation (transaction + SAVEPOINT) against a bare
//   BEGIN/ROLLBACK and against drop_all/create_all per test, on the same 20-table schema;
// - the cost of the `seeded` fixture (20 tables x 5 rows);
// - `generate` wall time for a 300-model schema.
// Per-test costs are (pytest run with the fixture - pytest run of as many DB-free tests) / tests.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { startPostgres } from '../support/postgres';
import { pythonStacks, runPytest, describePythonRun } from '../support/python';
import { syntheticSchema } from './inspect';
import { median, type BenchTable } from './util';

const TESTS = 200;
const SLOW_TESTS = 40;

function testFile(name: string, fixture: string | null, count: number, body: string): string {
  const lines = [`import pytest`, `import sqlalchemy as sa`, ``];
  if (fixture) lines.push(fixture, '');
  lines.push(`@pytest.mark.parametrize("i", range(${count}))`, `def test_${name}(i${body ? ', db' : ''}):`, `    ${body || 'assert i >= 0'}`, '');
  return lines.join('\n');
}

export async function benchPython(): Promise<BenchTable[]> {
  const stack = pythonStacks().find((s) => s.name === 'modern');
  if (!stack) throw new Error('the modern Python stack is missing: run test/support/setup/20-python-modern.sh');
  const cluster = await startPostgres();
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-bench-'));
  try {
    fs.writeFileSync(path.join(project, 'models.py'), syntheticSchema('sqlalchemy', 20).text);
    const gen = await cli(['generate', 'models.py', '--out', 'tests'], project);
    if (gen.code !== 0) throw new Error(gen.stderr);
    const tests = path.join(project, 'tests');
    const select = 'db.execute(sa.text("SELECT 1"))';
    const files: Record<string, string> = {
      'test_a_nodb.py': testFile('nodb', null, TESTS, ''),
      'test_b_generated.py': testFile('generated', '@pytest.fixture\ndef db(db_session):\n    return db_session', TESTS, select),
      'test_c_bare.py': testFile(
        'bare',
        '@pytest.fixture\ndef db(engine):\n    with engine.connect() as connection:\n        transaction = connection.begin()\n        yield connection\n        transaction.rollback()',
        TESTS,
        select,
      ),
      'test_d_dropcreate.py': testFile(
        'dropcreate',
        '@pytest.fixture\ndef db(engine):\n    from models import Base\n\n    Base.metadata.drop_all(engine)\n    Base.metadata.create_all(engine)\n    with engine.connect() as connection:\n        yield connection',
        SLOW_TESTS,
        select,
      ),
      'test_e_seeded.py': testFile('seeded', '@pytest.fixture\ndef db(db_session, seeded):\n    return db_session', SLOW_TESTS, select),
      'test_f_seedless.py': testFile('seedless', '@pytest.fixture\ndef db(db_session):\n    return db_session', SLOW_TESTS, select),
    };
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(tests, f), text);
    const env = { TEST_DATABASE_URL: cluster.url('postgres') };
    const seconds = async (file: string): Promise<number> => {
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) {
        const run = await runPytest(stack, tests, ['-q', '-p', 'no:asyncio', file], env);
        if (run.code !== 0) throw new Error(describePythonRun(run));
        samples.push(run.durationMs);
      }
      return median(samples);
    };
    const nodb = await seconds('test_a_nodb.py');
    const perTest = async (file: string, n: number) => Math.max(0.001, ((await seconds(file)) - nodb) / n);
    const generated = await perTest('test_b_generated.py', TESTS);
    const bare = await perTest('test_c_bare.py', TESTS);
    const dropCreate = await perTest('test_d_dropcreate.py', SLOW_TESTS);
    const seeded = await perTest('test_e_seeded.py', SLOW_TESTS);
    const seedless = await perTest('test_f_seedless.py', SLOW_TESTS);

    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-bench-300-'));
    fs.writeFileSync(path.join(big, 'models.py'), syntheticSchema('sqlalchemy', 300).text);
    const genTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await cli(['generate', 'models.py', '--out', `tests${i}`], big);
      genTimes.push(performance.now() - t0);
      if (r.code !== 0) throw new Error(r.stderr);
    }
    fs.rmSync(big, { recursive: true, force: true });

    return [
      {
        title: 'pytest target: per-test cost of isolation (20-table schema, same PostgreSQL, one run)',
        headers: ['strategy', 'ms per test', 'vs bare BEGIN/ROLLBACK'],
        rows: [
          ['bare BEGIN; ROLLBACK (baseline)', bare.toFixed(2), '1.00×'],
          ['generated: transaction + SAVEPOINT session + factories bound', generated.toFixed(2), `${(generated / bare).toFixed(2)}×`],
          ['drop_all + create_all per test', dropCreate.toFixed(2), `${(dropCreate / bare).toFixed(1)}× (${(dropCreate / generated).toFixed(0)}× the generated isolation)`],
        ],
        notes: [
          `Per-test cost = (pytest wall time of N tests using the fixture − the same N tests without a database) / N; N = ${TESTS} (${SLOW_TESTS} for drop/create), median of 3 runs, python stack: SQLAlchemy ${stack.versions.sqlalchemy}, pytest ${stack.versions.pytest}. Targets: ≤ 2× bare, ≥ 20× faster than drop/create.`,
        ],
      },
      {
        title: 'pytest target: `seeded` fixture and generation time',
        headers: ['measure', 'result'],
        rows: [
          ['`seeded` (20 tables × 5 rows) per test, over db_session alone', `${(seeded - seedless).toFixed(1)} ms`],
          ['`generate` for a 300-model schema (wall, in-process, median of 5)', `${median(genTimes).toFixed(0)} ms`],
        ],
      },
    ];
  } finally {
    cluster.stop();
    fs.rmSync(project, { recursive: true, force: true });
  }
}
