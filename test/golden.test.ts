// Golden cases: every folder under test/cases/ holds an input schema and the expected output of
// the CLI for it. `UPDATE_GOLDEN=1 npm test` rewrites the expected files; review the diff before
// committing. An expected file that no command produces any more fails the run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from './support/cli';

const casesDir = path.join(__dirname, 'cases');
const update = process.env.UPDATE_GOLDEN === '1';

interface CaseConfig {
  /** Path of the schema file or folder inside the case folder. Default: `input/` or the lone file. */
  input?: string;
  /** Extra arguments for `inspect`/`order` (e.g. `--dialect mysql`). */
  args?: string[];
}

const CONTROL = new Set(['case.json', 'README.md']);

function loadCase(dir: string): { config: CaseConfig; input: string } {
  const cfgPath = path.join(dir, 'case.json');
  const config: CaseConfig = fs.existsSync(cfgPath) ? JSON.parse(fs.readFileSync(cfgPath, 'utf8')) : {};
  if (config.input) return { config, input: config.input };
  if (fs.existsSync(path.join(dir, 'input'))) return { config, input: 'input' };
  const candidates = fs
    .readdirSync(dir)
    .filter((f) => !CONTROL.has(f) && !EXPECTED.has(f) && fs.statSync(path.join(dir, f)).isFile());
  assert.equal(candidates.length, 1, `${dir}: name the input in case.json or keep one input file`);
  return { config, input: candidates[0] };
}

const EXPECTED = new Set(['inspect.json', 'order.txt', 'diagnostics.txt']);

function checkExpected(dir: string, name: string, actual: string | null, failures: string[]): void {
  const file = path.join(dir, name);
  const exists = fs.existsSync(file);
  if (update) {
    if (actual === null) {
      if (exists) fs.rmSync(file);
    } else fs.writeFileSync(file, actual);
    return;
  }
  if (actual === null) {
    if (exists) failures.push(`${name}: orphaned expected file (the command prints nothing for it); delete it`);
    return;
  }
  if (!exists) {
    failures.push(`${name}: missing expected file; run UPDATE_GOLDEN=1 npm test and review it`);
    return;
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected !== actual) {
    failures.push(`${name} differs:\n${diff(expected, actual)}`);
  }
}

function diff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < 40; i++) {
    if (a[i] !== b[i]) {
      if (a[i] !== undefined) out.push(`  line ${i + 1} - ${a[i]}`);
      if (b[i] !== undefined) out.push(`  line ${i + 1} + ${b[i]}`);
    }
  }
  return out.join('\n');
}

const cases = fs.existsSync(casesDir)
  ? fs
      .readdirSync(casesDir)
      .filter((d) => fs.statSync(path.join(casesDir, d)).isDirectory())
      // CASE_FILTER=<prefix> limits the run (and UPDATE_GOLDEN) to matching cases.
      .filter((d) => !process.env.CASE_FILTER || d.startsWith(process.env.CASE_FILTER))
      .sort()
  : [];

for (const name of cases) {
  test(`golden: ${name}`, async () => {
    const dir = path.join(casesDir, name);
    const { config, input } = loadCase(dir);
    const args = config.args ?? [];
    const failures: string[] = [];

    const inspected = await cli(['inspect', input, '--json', ...args], dir);
    assert.ok(inspected.code === 0 || inspected.code === 1, `inspect exited ${inspected.code}: ${inspected.stderr}`);
    const json = JSON.parse(inspected.stdout);
    const hasErrors = json.diagnostics.some((d: { severity: string }) => d.severity === 'error');
    assert.equal(inspected.code, hasErrors ? 1 : 0, 'exit code must be 1 exactly when there are error diagnostics');
    checkExpected(dir, 'inspect.json', inspected.stdout, failures);

    const ordered = await cli(['order', input, ...args], dir);
    assert.equal(ordered.code, inspected.code, 'order and inspect must agree on the exit code');
    checkExpected(dir, 'order.txt', ordered.stdout, failures);
    checkExpected(dir, 'diagnostics.txt', ordered.stderr === '' ? null : ordered.stderr, failures);

    // Every table appears in the order exactly once.
    const tableNames = json.tables.map((t: { name: string }) => t.name).sort();
    assert.deepEqual([...json.order].sort(), tableNames, 'order lists every table exactly once');

    for (const f of fs.readdirSync(dir)) {
      const full = path.join(dir, f);
      if (CONTROL.has(f) || EXPECTED.has(f) || f === input || input.startsWith(f + '/')) continue;
      if (fs.statSync(full).isFile()) failures.push(`${f}: orphaned file in the case folder`);
    }
    assert.equal(failures.length, 0, `${name}:\n${failures.join('\n')}`);
  });
}

test('golden: there are cases', () => {
  assert.ok(cases.length > 0);
});
