// "Generate Migration Tests" and "Generate Fixtures" on an Alembic project (a copy of
// test/cases/alembic-shop/input laid out under alembic-shop/ by test/e2e/vscode-extension.test.ts):
// from alembic.ini and from its versions/ folder, test_migrations.py is written byte for byte as the
// CLI of the same build writes it (run with the arguments the file's own header gives), the setting
// fixtureScaffold.generateMigrationTests=false keeps it out of "Generate Fixtures", and the explorer
// menu offers "Generate Fixtures…" on both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import { api, file, read, setting, workspace } from './helpers';

/** Lists a workspace folder ([] when it does not exist). */
function list(relative: string): string[] {
  return fs.existsSync(file(relative).fsPath) ? fs.readdirSync(file(relative).fsPath).sort() : [];
}

/**
 * What the CLI bundled with the extension under test writes for `generated` (a workspace file
 * written by the extension): the CLI runs, in a copy of `project`, with the arguments of the
 * file's "Regenerate with:" header, and the file at the same path is returned.
 */
function cliOutput(generated: string, project: string): string {
  const header = /^# Regenerate with: npx fixture-scaffold (.+)$/m.exec(read(generated));
  assert.ok(header, `${generated} has no "Regenerate with:" header`);
  const args = header[1].split(' ');
  const extension = vscode.extensions.getExtension('fixture-scaffold.fixture-scaffold');
  assert.ok(extension, 'the extension under test is loaded');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-cli-'));
  try {
    fs.cpSync(file(project).fsPath, path.join(copy, project), { recursive: true });
    const run = spawnSync(process.execPath, [path.join(extension.extensionPath, 'dist', 'cli.js'), ...args], { cwd: copy, encoding: 'utf8' });
    assert.equal(run.status, 0, `fixture-scaffold ${args.join(' ')} failed:\n${run.stderr}${run.stdout}`);
    return fs.readFileSync(path.join(copy, generated), 'utf8');
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

/** The `when` clause of our explorer context menu entry for `command`. */
function explorerWhen(command: string): string {
  const extension = vscode.extensions.getExtension('fixture-scaffold.fixture-scaffold');
  const entries = (extension?.packageJSON?.contributes?.menus?.['explorer/context'] ?? []) as { command: string; when: string }[];
  const entry = entries.find((e) => e.command === command);
  assert.ok(entry, `no explorer menu entry for ${command}`);
  return entry.when;
}

describe('Alembic projects', () => {
  before(async () => {
    await api();
    assert.ok(fs.existsSync(file('alembic-shop/alembic.ini').fsPath), `the test workspace has an Alembic project (${workspace().uri.fsPath})`);
  });
  after(async () => {
    await setting('generateMigrationTests', undefined);
    await setting('outputFolder', 'tests');
  });

  it('"Generate Migration Tests" on alembic.ini writes only test_migrations.py, as the CLI does', async () => {
    await setting('outputFolder', 'generated/alembic-ini');
    await vscode.commands.executeCommand('fixtureScaffold.generateMigrationTests', file('alembic-shop/alembic.ini'));
    assert.deepEqual(list('generated/alembic-ini'), ['test_migrations.py']);
    const written = read('generated/alembic-ini/test_migrations.py');
    assert.match(written, /^# Regenerate with: npx fixture-scaffold generate alembic-shop --out generated\/alembic-ini/m);
    assert.match(written, /1a2b3c4d5e6f/, 'the first revision is tested');
    assert.equal(written, cliOutput('generated/alembic-ini/test_migrations.py', 'alembic-shop'));
  });

  it('"Generate Migration Tests" on the versions/ folder writes the CLI\'s test_migrations.py', async () => {
    await setting('outputFolder', 'generated/alembic-versions');
    await vscode.commands.executeCommand('fixtureScaffold.generateMigrationTests', file('alembic-shop/alembic/versions'));
    assert.deepEqual(list('generated/alembic-versions'), ['test_migrations.py']);
    assert.match(read('generated/alembic-versions/test_migrations.py'), /^# Regenerate with: npx fixture-scaffold generate alembic-shop\/alembic\/versions --out /m);
    assert.equal(read('generated/alembic-versions/test_migrations.py'), cliOutput('generated/alembic-versions/test_migrations.py', 'alembic-shop'));
  });

  it('"Generate Fixtures" writes the migration tests too, unless generateMigrationTests is false', async () => {
    await setting('outputFolder', 'generated/alembic-all');
    await vscode.commands.executeCommand('fixtureScaffold.generate', file('alembic-shop/alembic.ini'));
    const all = list('generated/alembic-all');
    assert.ok(all.includes('test_migrations.py') && all.includes('conftest.py') && all.includes('factories.py'), `files: ${all.join(', ')}`);

    await setting('generateMigrationTests', false);
    await setting('outputFolder', 'generated/alembic-no-migrations');
    await vscode.commands.executeCommand('fixtureScaffold.generate', file('alembic-shop/alembic.ini'));
    const without = list('generated/alembic-no-migrations');
    assert.deepEqual(without, all.filter((f) => f !== 'test_migrations.py'));
  });

  it('the explorer menu offers Generate Fixtures on alembic.ini and on a versions/ folder', () => {
    const when = explorerWhen('fixtureScaffold.generate');
    // The clause's two Alembic alternatives, as VS Code's context keys see the two resources. VS Code
    // hands the manifest over normalized: values quoted, and in code-server `file` is `vscode-remote`.
    assert.match(when, /resourceFilename == '?alembic\.ini'?/);
    const folderPattern = /explorerResourceIsFolder && .*?resourceFilename =~ \/(.+?)\/(?:\)|$| )/.exec(when);
    assert.ok(folderPattern, `no folder pattern in ${when}`);
    assert.ok(new RegExp(folderPattern[1]).test('versions'), `versions/ matches ${folderPattern[1]}`);
    assert.ok(!new RegExp(folderPattern[1]).test('src'), `src/ does not match ${folderPattern[1]}`);
  });
});
