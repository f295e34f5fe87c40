// The bundled example is the README's first command: its committed output must be exactly what
// the current generator writes, and its generated tests must pass on a real PostgreSQL.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli } from './support/cli';
import { requireOrSkip } from './support/e2e';
import { postgresBinDir } from './support/postgres';
import { describePythonRun, pythonStackProblem, pythonStacks, runPytest } from './support/python';

const root = path.join(__dirname, '..');
const args = ['generate', 'examples/shop/app/models.py', '--out', 'examples/shop/tests'];

test('examples: the committed shop fixtures are what generate writes today', async () => {
  const run = await cli([...args, '--dry-run'], root);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 5, run.stdout);
  for (const l of lines) assert.match(l, /would be unchanged$/, `regenerate the example: ${args.join(' ')}`);
});

test('examples: the shop fixtures pass on PostgreSQL', async (t) => {
  if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', postgresBinDir() !== undefined)) return;
  const stack = pythonStacks().find((s) => s.name === 'modern');
  if (!requireOrSkip(t, 'the modern Python stack', stack !== undefined, pythonStackProblem('modern'))) return;
  const run = await runPytest(stack!, path.join(root, 'examples', 'shop', 'tests'), ['-q', '-p', 'no:asyncio']);
  assert.equal(run.code, 0, describePythonRun(run));
  assert.ok((run.summary?.passed ?? 0) > 10);
});
