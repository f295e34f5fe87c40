// Smoke test of the infrastructure that runs generated Python: a throwaway PostgreSQL starts, and on
// each Python stack (classic: Debian 12 packages; modern: SQLAlchemy 2 etc. from trixie) a small
// hand-written project (fixtures/python-stack: two models, factories, a SAVEPOINT conftest) passes
// under pytest, serially and with xdist's `-n 2`; ruff (wasm) tells clean Python from dirty.
// Missing prerequisites skip these tests locally and fail them in CI (REQUIRE_E2E=1).
import { after, before, describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir, startPostgres, type PgCluster, type PgDriver } from '../support/postgres';
import {
  describePythonRun,
  parsePytestSummary,
  pythonStackProblem,
  pythonStacks,
  runPytest,
  runPython,
  type PythonStack,
  type PythonStackName,
} from '../support/python';
import { formatFindings, ruffCheck, ruffFormat } from '../support/ruff';

const FIXTURE = path.join(__dirname, 'fixtures', 'python-stack');
const STACKS: PythonStackName[] = ['classic', 'modern'];
/** One test function plus a second one parametrized twice. */
const ALL_PASS = { passed: 3, failed: 0, errors: 0, skipped: 0 };

/** SQLAlchemy drivers besides psycopg2 that each stack must reach the cluster with. */
const EXTRA_DRIVERS: Record<PythonStackName, PgDriver[]> = {
  classic: ['asyncpg'],
  modern: ['psycopg', 'asyncpg'],
};

/** Connects through every URL in the JSON list `URLS`, asyncpg ones with an async engine. */
const CONNECT_SCRIPT = `
import asyncio, json, os
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import create_async_engine

async def ask_async(url):
    engine = create_async_engine(url)
    async with engine.connect() as connection:
        value = (await connection.execute(text("SELECT current_database()"))).scalar()
    await engine.dispose()
    return value

for url in json.loads(os.environ["URLS"]):
    if "+asyncpg" in url:
        print(asyncio.run(ask_async(url)))
    else:
        with create_engine(url).connect() as connection:
            print(connection.execute(text("SELECT current_database()")).scalar())
`;

describe('Python stacks against a throwaway PostgreSQL', () => {
  let pg: PgCluster | undefined;

  before(async () => {
    if (postgresBinDir() !== undefined) pg = await startPostgres();
  });
  after(() => pg?.stop());

  /** Returns the running cluster, or skips (fails in CI) the test when PostgreSQL is missing. */
  function clusterOrSkip(t: TestContext): PgCluster | undefined {
    const available = requireOrSkip(t, 'PostgreSQL (Debian package `postgresql`)', pg !== undefined);
    return available ? pg : undefined;
  }

  /** Returns the named stack, or skips (fails in CI) the test, saying why it is missing. */
  function stackOrSkip(t: TestContext, name: PythonStackName): PythonStack | undefined {
    const stack = pythonStacks().find((s) => s.name === name);
    const available = requireOrSkip(t, `the ${name} Python stack`, stack !== undefined, pythonStackProblem(name));
    return available ? stack : undefined;
  }

  test('PostgreSQL starts socket-only and answers', async (t) => {
    const cluster = clusterOrSkip(t);
    if (cluster === undefined) return;
    t.diagnostic(`cluster started in ${cluster.startupMs} ms at ${cluster.socketDir}`);
    assert.equal(await cluster.psql("SELECT 1 + 1, current_setting('listen_addresses')"), '2|\n');
  });

  for (const name of STACKS) {
    for (const [label, args] of [
      ['serial', ['-q']],
      ['xdist -n 2', ['-q', '-n', '2']],
    ] as const) {
      test(`${name} stack: the fixture project passes under pytest (${label})`, async (t) => {
        const cluster = clusterOrSkip(t);
        const stack = cluster && stackOrSkip(t, name);
        if (cluster === undefined || stack === undefined) return;
        const db = `smoke_${name}_${args.length > 1 ? 'xdist' : 'serial'}`;
        await cluster.createDatabase(db);
        const run = await runPytest(stack, FIXTURE, [...args], { TEST_DATABASE_URL: cluster.url(db) });
        t.diagnostic(`${JSON.stringify(stack.versions)}: pytest took ${run.durationMs} ms`);
        assert.equal(run.code, 0, describePythonRun(run));
        assert.deepEqual(run.summary, ALL_PASS, describePythonRun(run));
        const leftovers = await cluster.psql(`SELECT datname FROM pg_database WHERE datname LIKE '${db}_%'`);
        assert.equal(leftovers, '', 'the per-worker databases must be dropped at the end of the run');
        await cluster.dropDatabase(db);
      });
    }

    test(`${name} stack: SQLAlchemy reaches the cluster with ${EXTRA_DRIVERS[name].join(' and ')}`, async (t) => {
      const cluster = clusterOrSkip(t);
      const stack = cluster && stackOrSkip(t, name);
      if (cluster === undefined || stack === undefined) return;
      const urls = EXTRA_DRIVERS[name].map((driver) => cluster.url('postgres', driver));
      const run = await runPython(stack, ['-c', CONNECT_SCRIPT], FIXTURE, { URLS: JSON.stringify(urls) });
      assert.equal(run.code, 0, describePythonRun(run));
      assert.equal(run.stdout, 'postgres\n'.repeat(urls.length));
    });
  }
});

describe('ruff (wasm)', () => {
  test('the fixture project is lint-clean and already ruff-formatted', () => {
    for (const file of fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.py')).sort()) {
      const source = fs.readFileSync(path.join(FIXTURE, file), 'utf8');
      const findings = ruffCheck(source, file, { knownFirstParty: ['factories', 'models'] });
      assert.deepEqual(findings, [], formatFindings(findings));
      assert.equal(ruffFormat(source), source, `${file} is not ruff-formatted`);
    }
  });

  test('a dirty snippet reports an unused import (F401) and unsorted imports (I001)', () => {
    const source = 'import sys\nimport os\n\nprint(os.sep)\n';
    const findings = ruffCheck(source, 'dirty.py');
    assert.deepEqual(
      findings.map((f) => `${f.line}:${f.column} ${f.code}`),
      ['1:1 I001', '1:8 F401'],
      formatFindings(findings),
    );
    assert.match(findings[1].message, /`sys` imported but unused/);
  });

  test('the formatter applies the project style (double quotes, line length 100)', () => {
    const longCall = `value = compute(${Array.from({ length: 12 }, (_, i) => `argument_${i}`).join(', ')})\n`;
    assert.equal(ruffFormat("x = {'a':1}\n"), 'x = {"a": 1}\n');
    assert.ok(ruffFormat(longCall).split('\n').every((line) => line.length <= 100));
    assert.notEqual(ruffFormat(longCall), longCall, 'a 170-character line must be wrapped');
  });
});

describe('pytest summary parsing', () => {
  const cases: [string, ReturnType<typeof parsePytestSummary>][] = [
    ['...  [100%]\n3 passed, 1 warning in 0.11s\n', { passed: 3, failed: 0, errors: 0, skipped: 0 }],
    [
      '== 1 failed, 2 passed, 1 skipped, 2 errors in 61.02s (0:01:01) ==\n',
      { passed: 2, failed: 1, errors: 2, skipped: 1 },
    ],
    ['1 error in 0.30s', { passed: 0, failed: 0, errors: 1, skipped: 0 }],
    ['===== no tests ran in 0.01s =====', { passed: 0, failed: 0, errors: 0, skipped: 0 }],
    ['ImportError while loading conftest\nE   ModuleNotFoundError: No module named x\n', null],
  ];
  for (const [output, expected] of cases) {
    test(`parses ${JSON.stringify(output.trim().split('\n').pop())}`, () => {
      assert.deepEqual(parsePytestSummary(output), expected);
    });
  }
});
