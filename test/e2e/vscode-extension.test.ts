// The extension in a real VS Code (code-server + chromium, test/support/vscode.ts), in two runs:
// - the in-host mocha suite (test/extension/suite), through extensionTestsPath: the providers' edge
//   cases through the real `vscode` API;
// - a multi-root workspace (a .code-workspace with two folders, test/extension/multi-root): the
//   order view follows the active editor's folder, generate uses that folder's settings and tests/;
// - a user's session through the UI: the FK order view on a cycle schema, the code action on a class,
//   right-click "Generate Fixtures…" (files byte-identical to those of the CLI from the same build), the drift quick fix after
//   editing a model, and the refactor preview when files exist, from the command palette.
// - "Verify Fixtures" (PGlite inside the staged bundle) on a good and a broken schema, and the "Preview
//   Seed Data" webview: FK links, Reseed, light/dark/high-contrast themes.
// Screenshots of each step go to test/e2e/screenshots/extension-*.png; the seed preview's, shown in
// the README, to media/screenshots/seed-preview-*.png when UPDATE_SCREENSHOTS=1.
// Needs code-server and chromium: skipped without them, failed in CI (REQUIRE_E2E=1).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { test, type TestContext } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { requireOrSkip } from '../support/e2e';
import { launchVSCode, SCREENSHOT_DIR, VSCODE_HOW_TO_INSTALL, vscodeAvailable, type VSCodeSession } from '../support/vscode';
import { buildHostSuite, caseFile, makeWorkspace, ROOT, stageExtension, stagedCli } from '../extension/harness';
import { syntheticSchema } from '../bench/inspect';

const HR = caseFile('gen-sa2-hr', 'models.py');
/** Files every pytest generation writes (the CLI's output decides the full list: see `generatedFiles`). */
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

const BILLING_SQL = [
  'CREATE TABLE accounts (',
  '    id serial PRIMARY KEY,',
  '    name varchar(80) NOT NULL',
  ');',
  '',
  'CREATE TABLE invoices (',
  '    id serial PRIMARY KEY,',
  '    account_id integer NOT NULL REFERENCES accounts (id),',
  '    amount numeric(10, 2) NOT NULL',
  ');',
  '',
].join('\n');

/** Every file of a case's folder `from`, as workspace files under `to`. */
function caseFolder(name: string, from: string, to: string): Record<string, string> {
  const files: Record<string, string> = {};
  const root = path.join(ROOT, 'test', 'cases', name, from);
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    files[`${to}/${relative}`] = fs.readFileSync(path.join(root, relative), 'utf8');
  }
  return files;
}

/** Skips (or, in CI, fails) the test when this machine cannot run VS Code. */
function requireVSCode(t: TestContext): boolean {
  const available = vscodeAvailable();
  return requireOrSkip(t, available.why ?? 'VS Code', available.ok, VSCODE_HOW_TO_INSTALL);
}

/**
 * Stages the built extension and launches VS Code on `workspace`; both are cleaned up after the
 * test. Returns the session and a runner of the CLI bundle from the same build.
 */
async function launch(
  t: TestContext,
  workspace: string,
  extensionTestsPath?: string,
  /** Changes the staged extension before VS Code loads it. */
  prepare?: (extension: string) => void,
): Promise<{ vscode: VSCodeSession; cli: (args: string[], cwd: string) => string }> {
  const extension = stageExtension();
  t.after(() => fs.rmSync(extension, { recursive: true, force: true }));
  prepare?.(extension);
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
    'large/models.py': syntheticSchema('sqlalchemy', 400).text,
    ...caseFolder('alembic-shop', 'input', 'alembic-shop'),
    '.vscode/settings.json': JSON.stringify({ 'fixtureScaffold.outputFolder': 'tests', 'fixtureScaffold.schemaPath': 'models.py', 'fixtureScaffold.modelsModule': 'models' }, null, 2),
  });
  t.after(ws.remove);
  // The staged syntax worker leaves a mark when the extension host starts it (for large/models.py).
  const marker = path.join(ws.dir, '..', `${path.basename(ws.dir)}-worker-started`);
  t.after(() => fs.rmSync(marker, { force: true }));
  const { vscode } = await launch(t, ws.dir, suite, (extension) => {
    const worker = path.join(extension, 'dist', 'python-syntax-worker.js');
    fs.renameSync(worker, path.join(extension, 'dist', 'bundled-worker.js'));
    fs.writeFileSync(worker, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'yes');\nrequire('./bundled-worker.js');\n`);
  });
  const code = await vscode.testsExitCode;
  const log = vscode.hostLog.join('\n');
  assert.equal(code, 0, `in-host tests failed:\n${log}`);
  assert.ok(fs.existsSync(marker), 'the extension host did not start the bundled syntax worker');
  const passing = /(\d+) passing/.exec(log);
  t.diagnostic(`in-host: ${passing?.[0] ?? 'no summary'}`);
  assert.ok(passing && Number(passing[1]) >= 20, `expected the whole in-host suite to run:\n${log}`);
  for (const suite of ['verify and seed preview', 'Alembic projects']) assert.ok(log.includes(suite), `the in-host suite "${suite}" ran:\n${log}`);
});

test('multi-root workspace: the order view follows the active folder; generate writes into that folder', { timeout: 300_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const suite = await buildHostSuite('multi-root');
  const ws = makeWorkspace({
    'project.code-workspace': JSON.stringify({ folders: [{ path: 'hr' }, { path: 'billing' }], settings: {} }, null, 2),
    'hr/models.py': HR,
    'hr/.vscode/settings.json': JSON.stringify({ 'fixtureScaffold.schemaPath': 'models.py', 'fixtureScaffold.outputFolder': 'tests', 'fixtureScaffold.modelsModule': 'models' }),
    'billing/db/schema.sql': BILLING_SQL,
    'billing/.vscode/settings.json': JSON.stringify({ 'fixtureScaffold.schemaPath': 'db/schema.sql', 'fixtureScaffold.outputFolder': 'spec', 'fixtureScaffold.seedRows': 3 }),
  });
  t.after(ws.remove);
  const { vscode } = await launch(t, path.join(ws.dir, 'project.code-workspace'), suite);
  const code = await vscode.testsExitCode;
  const log = vscode.hostLog.join('\n');
  assert.equal(code, 0, `in-host multi-root tests failed:\n${log}`);
  const passing = /(\d+) passing/.exec(log);
  assert.ok(passing && Number(passing[1]) === 2, `expected both multi-root tests to run:\n${log}`);
  assert.ok(fs.existsSync(path.join(ws.dir, 'billing', 'spec', 'factories.py')), 'generated into billing/spec');
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
  const created = await vscode.waitForNotification('1 file already up to date in tests/');
  await vscode.screenshot('extension-05-explorer-generated');
  cli(['generate', 'models.py', '--out', 'tests'], reference.dir);
  const files = generatedFiles(reference.dir);
  assertSameFiles(ws.dir, reference.dir, files);
  assert.match(created, new RegExp(`created ${files.length - 1} files, 1 file already up to date in tests/`));

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
  assertSameFiles(ws.dir, reference.dir, generatedFiles(reference.dir));
  assert.ok(fs.readFileSync(path.join(ws.dir, 'tests', 'factories.py'), 'utf8').includes(userCode));
  t.diagnostic(`whole UI scenario: ${Math.round(performance.now() - started)} ms`);
});

const SHOP_SQL = [
  '-- A small shop: the seed preview and verify run on it.',
  'CREATE TABLE customers (',
  '    id serial PRIMARY KEY,',
  '    email varchar(120) NOT NULL UNIQUE,',
  '    full_name varchar(80) NOT NULL,',
  "    tier varchar(12) NOT NULL CHECK (tier IN ('standard', 'gold', '<b>vip</b>')),",
  '    joined_on date NOT NULL',
  ');',
  '',
  'CREATE TABLE products (',
  '    sku varchar(12) PRIMARY KEY,',
  '    title varchar(80) NOT NULL,',
  '    price numeric(8, 2) NOT NULL CHECK (price > 0)',
  ');',
  '',
  'CREATE TABLE orders (',
  '    id serial PRIMARY KEY,',
  '    customer_id integer NOT NULL REFERENCES customers (id),',
  '    product_sku varchar(12) NOT NULL REFERENCES products (sku),',
  '    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 20),',
  '    placed_at timestamptz NOT NULL',
  ');',
  '',
].join('\n');
/** The planner cannot read a regular expression: the generated codes break this CHECK. */
const BROKEN_SQL = ['CREATE TABLE vouchers (', '    id serial PRIMARY KEY,', "    code varchar(10) NOT NULL CHECK (code ~ '^[0-9]+$')", ');', ''].join('\n');
// The README's screenshots are rewritten only on request (UPDATE_SCREENSHOTS=1): every run would
// otherwise change them by a few pixels (the workspace's random name). Else they go with the rest.
const README_SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'media', 'screenshots') : SCREENSHOT_DIR;

test('UI: Verify Fixtures on a good and a broken schema; the seed preview in dark, light and high-contrast themes', { timeout: 300_000 }, async (t) => {
  if (!requireVSCode(t)) return;
  const ws = makeWorkspace({ 'schema.sql': SHOP_SQL, 'broken/vouchers.sql': BROKEN_SQL });
  t.after(ws.remove);
  const { vscode } = await launch(t, ws.dir);
  const page = vscode.page;

  // Verify on the good schema: the embedded PostgreSQL accepts every generated row.
  await vscode.openFile('schema.sql');
  await clearNotifications(vscode);
  await vscode.runCommand('Fixture Scaffold: Verify Fixtures');
  await waitForToast(page, 'verified, no problems');
  await vscode.screenshot('extension-10-verify-clean');

  // On the broken one: one problem, on the CHECK's line, in the Problems panel.
  await vscode.openFile('vouchers.sql');
  await clearNotifications(vscode);
  await vscode.runCommand('Fixture Scaffold: Verify Fixtures');
  const warning = await waitForToast(page, 'found verifying the generated data');
  assert.match(warning, /1 problem found/);
  await vscode.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'vouchers_code_check' });
  await problem.first().waitFor();
  assert.equal(await problem.count(), 1);
  assert.match((await problem.first().textContent()) ?? '', /\[Ln 3, Col 5\]/);
  await vscode.screenshot('extension-11-verify-problem');
  await vscode.runCommand('View: Hide Panel');

  // The preview: one table per model, five rows each (the default setting), seed 1234.
  await vscode.openFile('schema.sql');
  await vscode.runCommand('Fixture Scaffold: Preview Seed Data');
  const view = webviewFrame(page);
  await view.locator('section.model').first().waitFor();
  assert.deepEqual(await view.locator('section.model h2').evaluateAll((hs) => hs.map((h) => (h.firstChild?.textContent ?? '').trim())), ['customers', 'products', 'orders']);
  for (const rows of await view.locator('section.model tbody').evaluateAll((bodies) => bodies.map((b) => b.querySelectorAll('tr').length))) assert.equal(rows, 5);
  assert.equal((await view.locator('#seed strong').textContent())?.trim(), '1234');
  assert.ok((await view.locator('td', { hasText: '<b>vip</b>' }).count()) > 0, 'the CHECK value <b>vip</b> is in a cell');
  assert.equal(await view.locator('b').count(), 0, 'a value with markup is shown as text');
  await vscode.runCommand('View: Toggle Primary Side Bar Visibility');

  // An FK value jumps to the parent row and highlights it.
  const link = view.locator('#table-2 td.fk a').first();
  const target = await link.getAttribute('data-target');
  assert.match(target ?? '', /^row-0-\d$/);
  await link.click();
  await view.locator(`tr.highlight#${target}`).waitFor();
  assert.equal(await view.locator('tr.highlight').count(), 1);
  await clearNotifications(vscode);
  await setColorTheme(vscode, 'Light Modern');
  await page.locator('.monaco-workbench.vs').waitFor();
  await readmeScreenshot(page, 'seed-preview-light');
  await setColorTheme(vscode, 'Dark Modern');
  await page.locator('.monaco-workbench.vs-dark').waitFor();
  await readmeScreenshot(page, 'seed-preview-dark');

  // Reseed: a new seed, other values, the way back to the fixture's seed offered.
  const before = await cellTexts(view);
  await view.locator('button[data-action="reseed"]').click();
  await view.locator('#seed strong').filter({ hasNotText: /^1234$/ }).waitFor();
  const seed = (await view.locator('#seed strong').textContent())?.trim();
  assert.match(seed ?? '', /^\d+$/);
  assert.notEqual(seed, '1234');
  const after = await cellTexts(view);
  assert.equal(after.length, before.length, 'the same tables and rows');
  assert.notDeepEqual(after, before);
  await view.locator('button[data-action="reset"]').waitFor();
  await vscode.screenshot('extension-12-seed-preview-reseeded');
  await view.locator('button[data-action="reset"]').click();
  await view.locator('#seed strong', { hasText: /^1234$/ }).waitFor();
  assert.deepEqual(await cellTexts(view), before);

  await clearNotifications(vscode);
  await setColorTheme(vscode, 'Dark High Contrast');
  await page.locator('.monaco-workbench.hc-black').waitFor();
  await readmeScreenshot(page, 'seed-preview-high-contrast');
});

/** Saves a screenshot for the README (media/screenshots/<name>.png) once the theme has settled. */
async function readmeScreenshot(page: Page, name: string): Promise<void> {
  // The webview takes the new theme's colours a moment after the workbench.
  await page.waitForTimeout(800);
  fs.mkdirSync(README_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(README_SHOTS, `${name}.png`) });
}

/** The content frame of the (one) webview on the page. */
function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** The text of every data cell of the preview, in page order. */
async function cellTexts(view: FrameLocator): Promise<string[]> {
  return view.locator('section.model tbody td').allTextContents();
}

/** Waits up to 60 s (verify starts a database) for a notification toast containing `text`. */
async function waitForToast(page: Page, text: string): Promise<string> {
  const message = page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  await message.waitFor({ state: 'visible', timeout: 60_000 });
  return ((await message.textContent()) ?? '').trim();
}

/** Picks a colour theme through "Preferences: Color Theme". */
async function setColorTheme(vscode: VSCodeSession, theme: string): Promise<void> {
  const page = vscode.page;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.fill('>Preferences: Color Theme');
  // Clicked, not Enter: "Browse Color Themes in Marketplace" can come first.
  await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: /^Preferences: Color Theme$/ }) }).first().click();
  await page.locator('.quick-input-widget .monaco-list-row .label-name', { hasText: 'Dark Modern' }).first().waitFor();
  await input.fill(theme);
  await page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${theme}$`) }) }).first().click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

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
  // The tree only renders the rows in view: with one file's changes expanded, the next files' rows
  // may not exist yet. Collapsed, every file is a rendered row (its checkbox ticks all its changes).
  const expanded = page.locator('.bulk-edit-panel .monaco-list-row[aria-level="1"][aria-expanded="true"]');
  for (let i = 0; i < 20 && (await expanded.count()) > 0; i++) await expanded.first().locator('.monaco-tl-twistie').click();
  assert.equal(await expanded.count(), 0, 'every file of the refactor preview is collapsed');
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

/** The files the CLI generated into `<dir>/tests`, which include at least GENERATED. */
function generatedFiles(dir: string): string[] {
  const files = fs.readdirSync(path.join(dir, 'tests')).filter((f) => f.endsWith('.py')).sort();
  for (const f of GENERATED) assert.ok(files.includes(f), `the CLI generated tests/${f}`);
  return files;
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

