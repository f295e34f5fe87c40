// The generate commands with their arguments and settings: files land in the configured folder
// with the configured options, "factories only" writes one file, a file that is not ours is never
// overwritten, migration tests need migrations, and an update waits in the refactor preview.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import { api, file, read, setting, write } from './helpers';

/** Lists a workspace folder ([] when it does not exist). */
function list(relative: string): string[] {
  return fs.existsSync(file(relative).fsPath) ? fs.readdirSync(file(relative).fsPath).sort() : [];
}

/** Runs a command and presses a refactor preview button until the command is done. */
async function runThroughPreview(button: 'refactorPreview.apply' | 'refactorPreview.discard', command: string, ...args: unknown[]): Promise<void> {
  let done = false;
  const running = vscode.commands.executeCommand(command, ...args).then(() => (done = true));
  const deadline = Date.now() + 20_000;
  while (!done) {
    if (Date.now() > deadline) throw new Error(`${command} did not finish through the refactor preview`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await vscode.commands.executeCommand(button).then(undefined, () => undefined);
  }
  await running;
}

describe('generate commands', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    for (const key of ['outputFolder', 'seedRows', 'database']) await setting(key, undefined);
    await setting('outputFolder', 'tests');
  });

  it('writes every file into the configured folder with the configured options', async () => {
    await setting('outputFolder', 'generated/py');
    await setting('seedRows', 3);
    await setting('database', 'sqlite');
    await vscode.commands.executeCommand('fixtureScaffold.generate', file('shop/models.py'));
    assert.deepEqual(list('generated/py'), ['conftest.py', 'factories.py', 'seed_data.py', 'test_constraints.py', 'test_factories_smoke.py']);
    assert.match(read('generated/py/conftest.py'), /^# Regenerate with: npx fixture-scaffold generate shop\/models\.py --out generated\/py --seed-rows 3 --db sqlite$/m);
  });

  it('"Generate Factories Only" writes only factories.py', async () => {
    await setting('outputFolder', 'generated/factories-only');
    await vscode.commands.executeCommand('fixtureScaffold.generateFactories', file('shop/models.py'));
    assert.deepEqual(list('generated/factories-only'), ['factories.py']);
  });

  it('never overwrites a file it did not generate', async () => {
    await setting('outputFolder', 'generated/mine');
    const mine = '# my own conftest\n';
    write('generated/mine/conftest.py', mine);
    await vscode.commands.executeCommand('fixtureScaffold.generate', file('shop/models.py'));
    assert.equal(read('generated/mine/conftest.py'), mine);
    assert.deepEqual(list('generated/mine'), ['conftest.py', 'factories.py', 'seed_data.py', 'test_constraints.py', 'test_factories_smoke.py']);
  });

  it('"Generate Migration Tests" writes nothing without an Alembic project', async () => {
    await setting('outputFolder', 'generated/migrations');
    await vscode.commands.executeCommand('fixtureScaffold.generateMigrationTests', file('shop/models.py'));
    assert.deepEqual(list('generated/migrations'), []);
  });

  it('an update waits in the refactor preview: discarded, nothing changes', async () => {
    await setting('outputFolder', 'generated/py');
    const before = read('generated/py/seed_data.py');
    await setting('seedRows', 4);
    await runThroughPreview('refactorPreview.discard', 'fixtureScaffold.generate', file('shop/models.py'));
    assert.equal(read('generated/py/seed_data.py'), before);
  });
});
