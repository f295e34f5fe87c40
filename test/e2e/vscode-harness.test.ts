// Proves the real-VS-Code harness (test/support/vscode.ts) end to end with a throwaway extension
// (test/e2e/vscode-fixture-ext): command palette, explorer context menu, tree view, code actions,
// notifications, screenshots, and an in-host mocha suite run through extensionTestsPath.
// Needs code-server and chromium (test/support/setup/30-vscode.sh): skipped locally without them,
// failed in CI (REQUIRE_E2E=1).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { test, type TestContext } from 'node:test';
import { requireOrSkip } from '../support/e2e';
import { launchVSCode, SCREENSHOT_DIR, VSCODE_HOW_TO_INSTALL, vscodeAvailable, type VSCodeSession } from '../support/vscode';

const FIXTURE_EXT = path.join(__dirname, 'vscode-fixture-ext');
const MODELS_PY = 'class Author:\n    name = "x"\n\n\nclass Book:\n    title = "y"\n';

/** Skips (or, in CI, fails) the test when this machine cannot run VS Code. */
function requireVSCode(t: TestContext): boolean {
  const available = vscodeAvailable();
  return requireOrSkip(t, available.why ?? 'VS Code', available.ok, VSCODE_HOW_TO_INSTALL);
}

/** Creates a throwaway workspace with a Python file and a README; removed when the test ends. */
function makeWorkspace(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-ws-'));
  fs.writeFileSync(path.join(dir, 'models.py'), MODELS_PY);
  fs.writeFileSync(path.join(dir, 'README.md'), '# harness workspace\n');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Launches VS Code and makes sure it is closed however the test ends. */
async function launch(t: TestContext, options: Parameters<typeof launchVSCode>[0]): Promise<VSCodeSession> {
  const session = await launchVSCode(options);
  t.after(() => session.close());
  t.diagnostic(`VS Code ready in ${session.launchMs} ms`);
  return session;
}

test('the harness drives a real VS Code through its UI', { timeout: 240_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const started = performance.now();
  const workspace = makeWorkspace(t);
  const vscode = await launch(t, { workspace, extensionDevelopmentPath: FIXTURE_EXT });
  await vscode.screenshot('harness-01-ready');

  await vscode.runCommand('Harness: Say Hello');
  assert.equal(await vscode.waitForFile('hello-from-harness.txt'), 'hello from the harness fixture\n');
  assert.match(await vscode.waitForNotification('Harness says hello'), /wrote hello-from-harness\.txt/);
  assert.ok((await vscode.notifications()).some((m) => m.startsWith('Harness says hello')));
  await vscode.screenshot('harness-02-command');

  await vscode.explorerContextMenu('models.py', 'Harness: Mark This File');
  assert.equal(await vscode.waitForFile('models.py.mark'), `marked ${path.join(workspace, 'models.py')}\n`);
  await vscode.screenshot('harness-03-explorer-menu');

  assert.deepEqual(await vscode.treeViewRows('Harness Tree'), ['Alpha item', 'Beta item']);
  await vscode.screenshot('harness-04-tree-view');

  await vscode.openFile('models.py');
  assert.deepEqual(await vscode.codeActions('class Book'), ['Harness action']);
  await vscode.applyCodeAction('Harness action', 'class Author');
  await waitFor(() => fs.readFileSync(path.join(workspace, 'models.py'), 'utf8').endsWith('# harness action applied\n'));
  assert.equal(fs.readFileSync(path.join(workspace, 'models.py'), 'utf8'), `${MODELS_PY}# harness action applied\n`);
  await vscode.screenshot('harness-05-code-action');

  assert.ok(vscode.hostLog.some((line) => line.includes('harness-fixture activated')), `host log:\n${vscode.hostLog.join('\n')}`);
  for (const name of ['harness-01-ready', 'harness-05-code-action']) {
    assert.ok(fs.statSync(path.join(SCREENSHOT_DIR, `${name}.png`)).size > 10_000, `${name}.png is a real screenshot`);
  }
  t.diagnostic(`whole UI scenario: ${Math.round(performance.now() - started)} ms`);
});

test('an in-host mocha suite runs through extensionTestsPath and reports its exit code', { timeout: 180_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const started = performance.now();
  const workspace = makeWorkspace(t);
  const vscode = await launch(t, {
    workspace,
    extensionDevelopmentPath: FIXTURE_EXT,
    extensionTestsPath: path.join(FIXTURE_EXT, 'test', 'suite.js'),
  });
  const code = await vscode.testsExitCode;
  assert.equal(code, 0, `in-host tests failed; host log:\n${vscode.hostLog.join('\n')}`);
  assert.ok(fs.existsSync(path.join(workspace, 'hello-from-harness.txt')));
  assert.ok(vscode.hostLog.some((line) => line.includes('in-host test: hello file verified')), `host log:\n${vscode.hostLog.join('\n')}`);
  assert.ok(vscode.hostLog.some((line) => /1 passing/.test(line)), `host log:\n${vscode.hostLog.join('\n')}`);
  t.diagnostic(`in-host scenario: ${Math.round(performance.now() - started)} ms`);
});

/** Polls `condition` every 100 ms for up to 10 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
