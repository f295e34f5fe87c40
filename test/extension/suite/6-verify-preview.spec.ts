// "Verify Fixtures" and "Preview Seed Data" through the real vscode API: verify runs PGlite from
// the files beside the staged bundle and puts a violation on the schema line it comes from (and
// nothing on a good schema); the preview follows the settings and reseeds.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, read, setting, write } from './helpers';

const GOOD = [
  'CREATE TABLE authors (',
  '    id serial PRIMARY KEY,',
  '    email varchar(120) NOT NULL UNIQUE,',
  "    status varchar(10) NOT NULL CHECK (status IN ('active', '<script>x</script>'))",
  ');',
  'CREATE TABLE books (',
  '    id serial PRIMARY KEY,',
  '    author_id integer NOT NULL REFERENCES authors (id),',
  '    pages integer NOT NULL CHECK (pages BETWEEN 10 AND 900)',
  ');',
  '',
].join('\n');

/** A CHECK the value planner cannot read: the generated codes are not digits. */
const BROKEN = ['CREATE TABLE vouchers (', '    id serial PRIMARY KEY,', "    code varchar(10) NOT NULL CHECK (code ~ '^[0-9]+$')", ');', ''].join('\n');

function verifyProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => String(d.code ?? '').startsWith('verify/'));
}

describe('verify and seed preview', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    await setting('seedRows', undefined);
    await setting('seed', undefined);
  });

  it('Verify Fixtures: a good schema verifies clean in the embedded PostgreSQL', async () => {
    const uri = write('verify-good/schema.sql', GOOD);
    await vscode.commands.executeCommand('fixtureScaffold.verify', uri);
    const { verifyDiagnostics } = await api();
    assert.equal(verifyDiagnostics.lastRun?.input, 'verify-good/schema.sql');
    assert.equal(verifyDiagnostics.lastRun?.problems, 0);
    assert.equal(verifyDiagnostics.lastRun?.summary.seedRows, 10, 'five seed rows per table were inserted');
    assert.ok((verifyDiagnostics.lastRun?.summary.boundaryCases ?? 0) > 0);
    assert.equal(verifyDiagnostics.lastRun?.fromSnapshot, true, 'PostgreSQL started from the data-directory snapshot shipped beside the bundle');
    assert.deepEqual(verifyProblems(uri), []);
  });

  it('Verify Fixtures: a violated CHECK is a problem on its line; an edit clears it', async () => {
    const uri = write('verify-broken/schema.sql', BROKEN);
    await vscode.commands.executeCommand('fixtureScaffold.verify', uri);
    const { verifyDiagnostics } = await api();
    assert.equal(verifyDiagnostics.lastRun?.input, 'verify-broken/schema.sql');
    const problems = verifyProblems(uri);
    assert.equal(problems.length, 1, problems.map((d) => d.message).join('\n'));
    assert.equal(problems[0].range.start.line, 2);
    assert.equal(problems[0].severity, vscode.DiagnosticSeverity.Error);
    assert.equal(problems[0].source, 'Fixture Scaffold');
    assert.match(problems[0].message, /vouchers.*code.*vouchers_code_check/s);
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), '-- edited\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually('the stale verify problem to go', () => (verifyProblems(uri).length === 0 ? true : undefined));
    await document.save();
  });

  it('Preview Seed Data: the rows of the settings, FK links, reseed and back', async () => {
    const { seedPreview } = await api();
    await setting('seedRows', 3);
    await vscode.commands.executeCommand('fixtureScaffold.previewSeed', write('verify-good/schema.sql', GOOD));
    const first = seedPreview.current;
    assert.ok(first);
    assert.equal(first.seed, 1234);
    assert.deepEqual(first.tables.map((t) => [t.name, t.rows.length]), [['authors', 3], ['books', 3]]);
    const link = first.tables[1].rows[0].cells[1];
    assert.equal(link.kind, 'link');
    const html = seedPreview.webview?.html ?? '';
    assert.match(html, /data-seed="1234"/);
    assert.ok(html.includes('&lt;script&gt;x&lt;/script&gt;'), 'the CHECK value is shown escaped');

    await setting('seedRows', 2);
    await eventually('the preview to follow the setting', () => (seedPreview.current?.tables[0].rows.length === 2 ? true : undefined));

    const reseeded = seedPreview.reseed();
    assert.ok(reseeded && reseeded.seed !== 1234);
    assert.notDeepEqual(reseeded.tables[0].rows, seedPreview.resetSeed()?.tables[0].rows);
    assert.equal(seedPreview.current?.seed, 1234);

    await setting('seed', 42);
    await eventually('the preview to use the seed setting', () => (seedPreview.current?.seed === 42 ? true : undefined));
    // The same panel is reused for another schema.
    await vscode.commands.executeCommand('fixtureScaffold.previewSeed', write('verify-broken/schema.sql', BROKEN));
    assert.deepEqual(seedPreview.current?.tables.map((t) => t.name), ['vouchers']);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.equal(tabs.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the seed setting reaches the generated seed_data.py', async () => {
    await setting('outputFolder', 'generated/seeded');
    await setting('seedRows', undefined);
    await setting('seed', 42);
    await vscode.commands.executeCommand('fixtureScaffold.generate', write('verify-good/schema.sql', GOOD));
    assert.match(read('generated/seeded/seed_data.py'), /^# Regenerate with: npx fixture-scaffold generate verify-good\/schema\.sql --out generated\/seeded --seed 42$/m);
    await setting('outputFolder', 'tests');
  });
});
