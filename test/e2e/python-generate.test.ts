// The Python target, end to end: for every case with a `generate` section in its case.json, copy
// the input into a scratch project, run `fixture-scaffold generate`, lint and format-check the
// output with ruff, prove generation is deterministic, then run the generated tests with pytest on
// a real PostgreSQL, on each Python stack the case names: as generated (the conftest starts its own
// throwaway cluster), in reversed order, and under pytest-xdist with two workers.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { requireOrSkip } from '../support/e2e';
import { startPostgres, postgresBinDir, type PgCluster } from '../support/postgres';
import { describePythonRun, pythonStackProblem, pythonStacks, runPytest, type PythonStack, type PythonStackName } from '../support/python';
import { formatFindings, ruffCheck, ruffFormat } from '../support/ruff';

const casesDir = path.join(__dirname, '..', 'cases');

interface GenerateCase {
  name: string;
  dir: string;
  input: string;
  args: string[];
  stacks: PythonStackName[];
  /** case.json `generate.async`: whether the conftest must come out async (detected or --async). */
  async: boolean;
}

function loadCases(): GenerateCase[] {
  const out: GenerateCase[] = [];
  for (const name of fs.readdirSync(casesDir).sort()) {
    const cfgPath = path.join(casesDir, name, 'case.json');
    if (!fs.existsSync(cfgPath)) continue;
    const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
    if (!cfg.generate || cfg.generate.target === 'vitest') continue;
    const dir = path.join(casesDir, name);
    const input = cfg.input ?? (fs.existsSync(path.join(dir, 'input')) ? 'input' : fs.readdirSync(dir).find((f) => /\.(py|sql)$/.test(f))!);
    out.push({ name, dir, input, args: cfg.generate.args ?? [], stacks: cfg.generate.stacks ?? ['modern'], async: cfg.generate.async ?? false });
  }
  return out;
}

/**
 * Copies the case input into a fresh project folder, keeping its relative layout. An input inside
 * a folder (`input/app/models.py`) brings the whole folder: the project around the models (an
 * `db.py` with `create_async_engine`, say) is what generation detects things from.
 */
export function scratchProject(c: GenerateCase): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fixture-scaffold-${c.name}-`));
  const top = c.input.split('/')[0];
  fs.cpSync(path.join(c.dir, top), path.join(root, top), { recursive: true });
  return root;
}

/**
 * Top-level packages and modules of the project, which ruff must treat as first-party: packages
 * (folders with `__init__.py`) whose parent is not a package, and modules beside them.
 */
function firstParty(project: string): string[] {
  const out = new Set<string>();
  const walk = (dir: string, inPackage: boolean) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'tests' && dir === project) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        const isPkg = fs.existsSync(path.join(full, '__init__.py'));
        if (isPkg && !inPackage) out.add(e.name);
        walk(full, isPkg);
      } else if (!inPackage && e.name.endsWith('.py')) out.add(e.name.slice(0, -3));
    }
  };
  walk(project, false);
  return [...out].filter((f) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(f));
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) files.set(f, fs.readFileSync(full, 'utf8'));
  }
  return files;
}

/** The test node ids pytest would run, in its own order. */
async function collect(stack: PythonStack, testsDir: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const run = await runPytest(stack, testsDir, ['--collect-only', '-q'], env);
  assert.equal(run.code, 0, describePythonRun(run));
  return run.stdout.split('\n').filter((l) => l.includes('::'));
}

// CASE_FILTER=<substring> runs only matching cases (while working on one).
const cases = loadCases().filter((c) => !process.env.CASE_FILTER || c.name.includes(process.env.CASE_FILTER));
let cluster: PgCluster | undefined;

describe('python target end to end', () => {
  before(async () => {
    if (postgresBinDir()) cluster = await startPostgres();
  });
  after(() => cluster?.stop());

  test('there are at least 10 generation cases', { skip: !!process.env.CASE_FILTER }, () => {
    assert.ok(cases.length >= 10, `only ${cases.length} cases have a generate section`);
  });

  for (const c of cases) {
    test(`generate ${c.name}: ruff-clean, deterministic, passes on PostgreSQL`, async (t) => {
      const project = scratchProject(c);
      const args = ['generate', c.input, '--out', 'tests', ...c.args];
      const first = await cli(args, project);
      assert.equal(first.code, 0, `generate failed:\n${first.stderr}${first.stdout}`);
      const testsDir = path.join(project, 'tests');
      const files = readTree(testsDir);
      for (const name of ['factories.py', 'conftest.py', 'test_factories_smoke.py', 'seed_data.py']) {
        assert.ok(files.has(name), `${name} was not generated`);
      }

      // Ruff: no lint findings, and already formatted.
      const known = firstParty(project);
      for (const [name, text] of files) {
        if (!name.endsWith('.py')) continue;
        const findings = ruffCheck(text, name, { knownFirstParty: known });
        assert.equal(findings.length, 0, `ruff check ${name}:\n${formatFindings(findings)}`);
        assert.equal(ruffFormat(text), text, `ruff format would change ${name}`);
      }

      // Deterministic: a second run changes nothing, and a fresh project gets identical bytes.
      const again = await cli(args, project);
      assert.equal(again.code, 0);
      assert.match(again.stdout, /unchanged/);
      assert.doesNotMatch(again.stdout, /: (updated|created)/);
      const other = scratchProject(c);
      assert.equal((await cli(args, other)).code, 0);
      assert.deepEqual(readTree(path.join(other, 'tests')), files, 'a fresh run produced different files');
      fs.rmSync(other, { recursive: true, force: true });

      if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', cluster !== undefined)) return;
      for (const name of c.stacks) {
        const stack = pythonStacks().find((s) => s.name === name);
        if (!requireOrSkip(t, `the ${name} Python stack`, stack !== undefined, pythonStackProblem(name))) return;
        // pytest-asyncio stays loaded for async fixtures; it only adds noise to sync ones.
        const isAsync = files.get('conftest.py')!.includes('import pytest_asyncio');
        assert.equal(isAsync, c.async, `${name}: the conftest should be ${c.async ? 'async' : 'sync'}`);
        const quiet = ['-q', ...(isAsync ? [] : ['-p', 'no:asyncio']), '-W', 'ignore::DeprecationWarning'];

        // 1. As a user runs it: no TEST_DATABASE_URL, the conftest starts its own PostgreSQL.
        const plain = await runPytest(stack!, testsDir, quiet);
        assert.equal(plain.code, 0, `${name}: pytest failed\n${describePythonRun(plain)}`);
        const expected = plain.summary!;
        assert.ok(expected.passed >= 8, `${name}: only ${expected.passed} tests passed`);
        assert.equal(expected.skipped, 0, `${name}: tests were skipped`);

        // 2. Reversed order, against a shared server through TEST_DATABASE_URL.
        const env = { TEST_DATABASE_URL: cluster!.url('postgres') };
        const ids = await collect(stack!, testsDir, env);
        assert.equal(ids.length, expected.passed);
        const reversed = await runPytest(stack!, testsDir, [...quiet, ...[...ids].reverse()], env);
        assert.equal(reversed.code, 0, `${name}: reversed order failed\n${describePythonRun(reversed)}`);
        assert.deepEqual(reversed.summary, expected);

        // 3. Two xdist workers, each with its own database.
        const parallel = await runPytest(stack!, testsDir, [...quiet, '-n', '2'], env);
        assert.equal(parallel.code, 0, `${name}: -n 2 failed\n${describePythonRun(parallel)}`);
        assert.equal(parallel.summary?.passed, expected.passed);
        const leftovers = await cluster!.psql("SELECT datname FROM pg_database WHERE datname LIKE '%_test_%'");
        assert.equal(leftovers.trim(), '', 'per-worker databases were left behind');
      }
      fs.rmSync(project, { recursive: true, force: true });
    });
  }
});
