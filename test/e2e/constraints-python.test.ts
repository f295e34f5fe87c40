// Negative control of the generated test_constraints.py: it must be able to fail. The shop models
// are generated for, then the database is made to break the schema's promises (a longer column,
// a dropped CHECK) by editing the models the conftest creates the tables from; the boundary tests
// of exactly those promises must then fail, and the others still pass. (Every generation case runs
// its test_constraints.py green in test/e2e/python-generate.test.ts.)
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';
import { requireOrSkip } from '../support/e2e';
import { postgresBinDir } from '../support/postgres';
import { describePythonRun, pythonStackProblem, pythonStacks, runPytest } from '../support/python';

const shop = path.join(__dirname, '..', 'cases', 'gen-sa2-shop', 'models.py');

test('test_constraints.py fails when the database stops enforcing a promised constraint', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t, 'PostgreSQL (initdb/pg_ctl)', postgresBinDir() !== undefined)) return;
  const stack = pythonStacks().find((s) => s.name === 'modern');
  if (!requireOrSkip(t, 'the modern Python stack', stack !== undefined, pythonStackProblem('modern'))) return;
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-constraints-'));
  try {
    fs.copyFileSync(shop, path.join(project, 'models.py'));
    const generated = await cli(['generate', 'models.py', '--out', 'tests'], project);
    assert.equal(generated.code, 0, generated.stderr);
    const tests = path.join(project, 'tests');
    const select = ['-q', '-p', 'no:asyncio', 'test_constraints.py', '-k', 'first_name or quantity'];

    const honest = await runPytest(stack!, tests, select);
    assert.equal(honest.code, 0, describePythonRun(honest));
    assert.ok((honest.summary?.passed ?? 0) >= 6, describePythonRun(honest));

    // The database now accepts a longer first name and any quantity.
    const models = fs.readFileSync(path.join(project, 'models.py'), 'utf8');
    const broken = models
      .replace('first_name: Mapped[str] = mapped_column(String(60))', 'first_name: Mapped[str] = mapped_column(String(200))')
      .replace('CheckConstraint("quantity BETWEEN 1 AND 100"),', '');
    assert.notEqual(broken, models);
    fs.writeFileSync(path.join(project, 'models.py'), broken);

    const run = await runPytest(stack!, tests, select);
    assert.equal(run.code, 1, describePythonRun(run));
    for (const id of ['customers.first_name-max-length-61-rejected', 'order_lines.quantity-check-min-0-rejected', 'order_lines.quantity-check-max-101-rejected']) {
      assert.match(run.stdout, new RegExp(`FAILED test_constraints\\.py::test_value_is_accepted_or_rejected\\[${id.replace(/[.+]/g, '\\$&')}\\]`), describePythonRun(run));
    }
    assert.equal(run.summary?.failed, 3, describePythonRun(run));
    assert.match(run.stdout, /DID NOT RAISE/);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});
