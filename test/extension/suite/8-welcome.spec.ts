// The FK Dependency Order view's welcome content: when no workspace schema is found the provider
// returns no rows and sets the context key `fixtureScaffold.noSchema`, which package.json's
// viewsWelcome waits for; its "Generate Fixtures…" button runs fixtureScaffold.generate without an
// argument, which generates from the active schema editor. The context key's value cannot be read
// through the `vscode` API, so the tests read the provider's mirror of it (`noSchema`); the button is
// run as its command link runs it, not clicked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually, file, setting } from './helpers';

/** The labels of the view's top-level rows, once `ready` accepts them. */
async function labelsWhen(what: string, ready: (labels: string[], noSchema: boolean) => boolean): Promise<string[]> {
  const { orderTree } = await api();
  return eventually(what, async () => {
    const labels = (await orderTree.getChildren()).map((n) => String(orderTree.getTreeItem(n).label));
    return ready(labels, orderTree.noSchema) ? labels : undefined;
  });
}

describe('FK Dependency Order welcome view', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setting('schemaPath', 'models.py');
    await setting('outputFolder', 'tests');
  });

  it('is shown by the context key fixtureScaffold.noSchema and offers the Generate command', async () => {
    const extension = vscode.extensions.getExtension('fixture-scaffold.fixture-scaffold');
    const welcome = (extension?.packageJSON.contributes.viewsWelcome ?? []) as { view: string; when?: string; contents: string }[];
    const order = welcome.filter((w) => w.view === 'fixtureScaffold.order');
    assert.equal(order.length, 1);
    assert.equal(order[0].when, 'fixtureScaffold.noSchema');
    assert.match(order[0].contents, /\[Generate Fixtures…\]\(command:fixtureScaffold\.generate\)/);
  });

  it('no schema found: no rows and the context key set; a schema again: rows and the key cleared', async () => {
    await setting('schemaPath', 'missing/models.py');
    assert.deepEqual(await labelsWhen('an empty view', (labels, noSchema) => labels.length === 0 && noSchema), []);
    await setting('schemaPath', 'models.py');
    const labels = await labelsWhen('the schema back in the view', (l, noSchema) => l.length > 0 && !noSchema);
    assert.equal(labels[0], '1. departments');
  });

  it('its Generate button generates from the active schema editor when the workspace has none', async () => {
    await setting('schemaPath', 'missing/models.py');
    await labelsWhen('an empty view', (labels, noSchema) => labels.length === 0 && noSchema);
    await setting('outputFolder', 'generated/welcome');
    await vscode.window.showTextDocument(file('sql/schema.sql'));
    await vscode.commands.executeCommand('fixtureScaffold.generate');
    const written = fs.readdirSync(file('generated/welcome').fsPath);
    assert.ok(written.includes('factories.py'), `files written: ${written.join(', ')}`);
    assert.match(fs.readFileSync(file('generated/welcome/factories.py').fsPath, 'utf8'), /npx fixture-scaffold generate sql\/schema\.sql/);
  });
});
