// The extension in a real VS Code (code-server + chromium, test/support/vscode.ts), in two runs:
// - the in-host mocha suite (test/extension/suite), through extensionTestsPath: the providers' edge
//   cases through the real `vscode` API;
// - a user's session through the UI: the FK order view on a cycle schema, the code action on a class,
//   right-click "Generate Fixtures…" (files byte-identical to those of the CLI from the same build), the drift quick fix after
//   editing a model, and the refactor preview when files exist, from the command palette.
// Screenshots of each step go to test/e2e/screenshots/extension-*.png.
// Needs code-server and chromium: skipped without them, failed in CI (REQUIRE_E2E=1).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { requireOrSkip } from '../support/e2e';
import { launchVSCode, VSCODE_HOW_TO_INSTALL, vscodeAvailable, type VSCodeSession } from '../support/vscode';
import { buildHostSuite, caseFile, makeWorkspace, stageExtension, stagedCli } from '../extension/harness';

const HR = caseFile('gen-sa2-hr', 'models.py');
const GENERATED = ['conftest.py', 'factories.py', 'seed_data.py', 'test_factories_smoke.py'];
const SQL = [
  '-- Customers and their orders.',
  'CREATE TABLE customers (',
  '    id serial PRIMARY KEY,',
  '    email varchar(120) NOT NULL UNIQUE',
  ');',
  '',
  'CREATE TABLE orders (',
  '    id serial PRIMARY KEY,',
  '    customer_id integer NOT NULL REFERENCES customers (id),',
  '    total numeric(10, 2) NOT NULL',
  ');',
  '',
].join('\n');

/** Skips (or, in CI, fails) the test when this machine cannot run VS Code. */
function requireVSCode(t: TestContext): boolean {
  const available = vscodeAvailable();
  return requireOrSkip(t, available.why ?? 'VS Code', available.ok, VSCODE_HOW_TO_INSTALL);
}

/**
 * Stages the built extension and launches VS Code on `workspace`; both are cleaned up after the
 * test. Returns the session and a runner of the CLI bundle from the same build.
 */
async function launch(t: TestContext, workspace: string, extensionTestsPath?: string): Promise<{ vscode: VSCodeSession; cli: (args: string[], cwd: string) => string }> {
  const extension = stageExtension();
  t.after(() => fs.rmSync(extension, { recursive: true, force: true }));
  const session = await launchVSCode({ workspace, extensionDevelopmentPath: extension, extensionTestsPath });
  t.after(() => session.close());
  t.diagnostic(`VS Code ready in ${session.launchMs} ms`);
  return { vscode: session, cli: (args, cwd) => stagedCli(extension, args, cwd) };
}

test('extension host: the providers, commands and settings through the vscode API', { timeout: 300_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const suite = await buildHostSuite();
  const ws = makeWorkspace({
    'models.py': HR,
    'shop/models.py': caseFile('gen-sa2-shop', 'models.py'),
    'sql/schema.sql': SQL,
    'prisma/schema.prisma': caseFile('prisma-blog', 'schema.prisma'),
    'notes/helpers.py': 'class Helper:\n    def run(self):\n        return 1\n',
    '.vscode/settings.json': JSON.stringify({ 'fixtureScaffold.outputFolder': 'tests', 'fixtureScaffold.schemaPath': 'models.py', 'fixtureScaffold.modelsModule': 'models' }, null, 2),
  });
  t.after(ws.remove);
  const { vscode } = await launch(t, ws.dir, suite);
  const code = await vscode.testsExitCode;
  const log = vscode.hostLog.join('\n');
  assert.equal(code, 0, `in-host tests failed:\n${log}`);
  const passing = /(\d+) passing/.exec(log);
  t.diagnostic(`in-host: ${passing?.[0] ?? 'no summary'}`);
  assert.ok(passing && Number(passing[1]) >= 20, `expected the whole in-host suite to run:\n${log}`);
});

test('UI: order view, code action, right-click generate, drift quick fix, refactor preview', { timeout: 300_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const started = performance.now();
  const ws = makeWorkspace({ 'models.py': HR });
  t.after(ws.remove);
  const reference = makeWorkspace({ 'models.py': HR });
  t.after(reference.remove);
  const { vscode, cli } = await launch(t, ws.dir);
  const page = vscode.page;

  // The FK order view lists the cycle schema in insertion order, the cycle's tables with a warning;
  // a row expands to what the table depends on, and clicking it opens the model's class.
  const rows = await vscode.treeViewRows('FK Dependency Order');
  assert.deepEqual(await viewLabels(page, 'FK Dependency Order'), ['1. departments', '2. employees', '3. managers']);
  assert.match(rows[0], /cycle, break: head_id set after insert/);
  assert.equal(await page.locator('.pane-body .monaco-list-row .codicon-warning').count(), 2);
  const departments = page.locator('.pane-body .monaco-list-row', { hasText: '1. departments' });
  await departments.click();
  await page.locator('.tabs-container .tab.active .label-name', { hasText: 'models.py' }).waitFor();
  await departments.locator('.monaco-tl-twistie').click();
  await page.locator('.pane-body .monaco-list-row', { hasText: 'linked after insert (head_id)' }).waitFor();
  await widenSideBar(page, 560);
  const folders = page.locator('.pane-header', { hasText: path.basename(ws.dir) });
  await folders.click();
  await page.locator('.pane-body .monaco-list-row', { hasText: '3. managers' }).locator('.monaco-tl-twistie').click();
  await vscode.screenshot('extension-01-order-view');
  await folders.click();

  // The lightbulb on a class: "Generate factory for `Department`" asks for the output folder once.
  await vscode.openFile('models.py');
  assert.deepEqual(await vscode.codeActions('class Department(Base)'), ['Generate factory for `Department`', 'Generate factories for all models in this file']);
  await vscode.applyCodeAction('Generate factory for `Department`', 'class Department(Base)');
  await quickPick(page, 'tests');
  await vscode.screenshot('extension-02-output-folder-question');
  await page.keyboard.press('Enter');
  await vscode.waitForFile('tests/factories.py');
  await page.locator('.tabs-container .tab.active .label-name', { hasText: 'factories.py' }).waitFor();
  await vscode.screenshot('extension-03-factory-generated');
  cli(['generate', 'models.py', '--out', 'tests', '--factories-only'], reference.dir);
  assertSameFiles(ws.dir, reference.dir, ['factories.py']);
  assert.equal(JSON.parse(fs.readFileSync(path.join(ws.dir, '.vscode', 'settings.json'), 'utf8'))['fixtureScaffold.outputFolder'], 'tests');

  // Right-click the models file: Generate Fixtures… writes the rest, byte for byte what the CLI writes.
  await clearNotifications(vscode);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'models.py' }).click({ button: 'right' });
  await page.locator('.context-view .monaco-menu .action-item', { hasText: 'Generate Fixtures…' }).waitFor();
  await vscode.screenshot('extension-04-explorer-menu');
  await page.keyboard.press('Escape');
  await vscode.explorerContextMenu('models.py', 'Generate Fixtures…');
  await vscode.waitForNotification('created 3 files, 1 file already up to date in tests/');
  await vscode.screenshot('extension-05-explorer-generated');
  cli(['generate', 'models.py', '--out', 'tests'], reference.dir);
  assertSameFiles(ws.dir, reference.dir, GENERATED);

  // Edit a model in the editor and save: drift on the class line, fixed by its quick fix.
  const badge = 'badge: Mapped[str] = mapped_column(String(12))';
  await vscode.openFile('models.py');
  await typeAfterLine(page, ws.dir, 'models.py', 'kind: Mapped[str] = mapped_column(String(20))', badge);
  assert.ok(fs.readFileSync(path.join(ws.dir, 'models.py'), 'utf8').includes(`\n    ${badge}\n`), 'the typed line is saved');
  assert.deepEqual(await vscode.codeActions('class Employee(Base)'), ['Update `EmployeeFactory` in tests/factories.py', 'Generate factories for all models in this file']);
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget .monaco-list-row.action').first().waitFor();
  await vscode.screenshot('extension-06-drift-quick-fix');
  await page.keyboard.press('Escape');
  await vscode.applyCodeAction('Update `EmployeeFactory` in tests/factories.py', 'class Employee(Base)');
  await waitUntil('factories.py to set badge', () => /^ {4}badge = /m.test(fs.readFileSync(path.join(ws.dir, 'tests', 'factories.py'), 'utf8')));
  await vscode.screenshot('extension-07-drift-fixed');
  fs.copyFileSync(path.join(ws.dir, 'models.py'), path.join(reference.dir, 'models.py'));
  cli(['generate', 'models.py', '--out', 'tests', '--factories-only'], reference.dir);
  assertSameFiles(ws.dir, reference.dir, ['factories.py']);

  // Command palette with existing files: the refactor preview shows the updates; applied, the files
  // are the CLI's again, with the user code in a user section kept.
  const userCode = 'import random  # my helper';
  for (const dir of [ws.dir, reference.dir]) addUserImport(path.join(dir, 'tests', 'factories.py'), userCode);
  await vscode.openFile('models.py');
  await clearNotifications(vscode);
  await vscode.runCommand('Fixture Scaffold: Generate Fixtures…');
  const preview = page.locator('.bulk-edit-panel');
  await preview.waitFor({ state: 'visible' });
  await vscode.screenshot('extension-08-refactor-preview');
  await confirmPreview(page, vscode);
  await vscode.waitForNotification('updated');
  await waitUntil('seed_data.py to be saved with the new column', () => fs.readFileSync(path.join(ws.dir, 'tests', 'seed_data.py'), 'utf8').includes('badge='));
  await vscode.screenshot('extension-09-preview-applied');
  cli(['generate', 'models.py', '--out', 'tests'], reference.dir);
  assertSameFiles(ws.dir, reference.dir, GENERATED);
  assert.ok(fs.readFileSync(path.join(ws.dir, 'tests', 'factories.py'), 'utf8').includes(userCode));
  t.diagnostic(`whole UI scenario: ${Math.round(performance.now() - started)} ms`);
});

/** The labels (without descriptions) of the rows of a view. */
async function viewLabels(page: Page, title: string): Promise<string[]> {
  const pane = page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: title }) });
  return (await pane.locator('.pane-body .monaco-list-row .label-name').allTextContents()).map((s) => s.trim());
}

/** Drags the side bar's edge so it is `width` pixels wide (roomier screenshots). */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** Waits for a QuickPick whose first row is `first`. */
async function quickPick(page: Page, first: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row').first();
  await row.waitFor({ state: 'visible' });
  assert.equal((await row.locator('.label-name').textContent())?.trim(), first);
}

/** Dismisses every notification, so the next wait sees only new ones. */
async function clearNotifications(vscode: VSCodeSession): Promise<void> {
  await vscode.runCommand('Notifications: Clear All Notifications');
}

/** Goes to the line containing `after` (Ctrl+G), opens a line below it, types `text` and saves. */
async function typeAfterLine(page: Page, dir: string, file: string, after: string, text: string): Promise<void> {
  const line = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(after)) + 1;
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+S');
  await waitUntil(`${file} to be saved`, () => fs.readFileSync(path.join(dir, file), 'utf8').includes(text));
}

/** Adds a line to the imports user section of a generated factories file. */
function addUserImport(file: string, line: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const marker = '# region user code: imports\n';
  assert.ok(text.includes(marker));
  fs.writeFileSync(file, text.replace(marker, `${marker}${line}\n`));
}

/** Ticks every file in the refactor preview (updates start unticked: the user confirms) and applies. */
async function confirmPreview(page: Page, vscode: VSCodeSession): Promise<void> {
  const files = page.locator('.bulk-edit-panel .monaco-list-row[aria-level="1"] input.edit-checkbox');
  await files.first().waitFor();
  for (const box of await files.all()) {
    await box.check();
    assert.ok(await box.isChecked());
  }
  const unticked = await page.locator('.bulk-edit-panel input.edit-checkbox').evaluateAll((boxes) => boxes.filter((b) => !(b as unknown as { checked: boolean }).checked).length);
  assert.equal(unticked, 0, 'every change is ticked');
  await vscode.screenshot('extension-08b-refactor-preview-ticked');
  await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Apply' }).click();
  await page.locator('.bulk-edit-panel').waitFor({ state: 'hidden' });
}

/** Asserts that the generated files of two workspaces are byte-identical. */
function assertSameFiles(actual: string, expected: string, files: string[]): void {
  for (const f of files) {
    const a = fs.readFileSync(path.join(actual, 'tests', f), 'utf8');
    const e = fs.readFileSync(path.join(expected, 'tests', f), 'utf8');
    assert.ok(a === e, `tests/${f} differs from the CLI's:\n${firstDifference(a, e)}`);
  }
}

/** The first differing line of two texts, for failure messages. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  return `line ${i + 1}:\n  extension: ${x[i]}\n  cli:       ${y[i]}`;
}

/** Polls `condition` every 100 ms for up to 20 s. */
async function waitUntil(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

