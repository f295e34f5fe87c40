// A multi-root workspace (test/e2e/vscode-extension.test.ts opens `project.code-workspace` with the
// folders `hr`, a SQLAlchemy cycle schema, and `billing`, PostgreSQL DDL, each with its own
// .vscode/settings.json): the FK order view shows the schema of the folder the active editor is in
// and names that folder in its description, and generating on a file of the second folder writes
// into that folder's tests/ with that folder's settings, leaving the first folder alone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, before } from 'mocha';
import * as vscode from 'vscode';
import { api, eventually } from '../suite/helpers';

function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!found) throw new Error(`no workspace folder named ${name}: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return found;
}

const inFolder = (name: string, relative: string) => vscode.Uri.joinPath(folder(name).uri, relative);

/** The order view's top-level labels and description once they match `want`. */
async function shownOrder(what: string, want: (labels: string[]) => boolean): Promise<{ labels: string[]; description: string | undefined }> {
  const { orderTree, orderView } = await api();
  return eventually(what, async () => {
    const nodes = await orderTree.getChildren();
    const labels = nodes.map((n) => String(orderTree.getTreeItem(n).label));
    return want(labels) ? { labels, description: orderView.description } : undefined;
  });
}

describe('multi-root workspace', () => {
  before(async () => {
    await api();
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['hr', 'billing']);
  });

  it("the order view shows the active editor's folder's schema and names the folder", async () => {
    await vscode.window.showTextDocument(inFolder('billing', 'db/schema.sql'));
    const billing = await shownOrder('the billing schema', (l) => l.some((x) => x.includes('accounts')));
    assert.deepEqual(billing.labels, ['1. accounts', '2. invoices']);
    assert.equal(billing.description, 'billing: db/schema.sql');

    await vscode.window.showTextDocument(inFolder('hr', 'models.py'));
    const hr = await shownOrder('the hr schema', (l) => l.some((x) => x.includes('departments')));
    assert.deepEqual(hr.labels, ['1. departments', '2. employees', '3. managers']);
    assert.equal(hr.description, 'hr: models.py');

    // Back again: the view follows the editor, not only the first switch.
    await vscode.window.showTextDocument(inFolder('billing', 'db/schema.sql'));
    await shownOrder('the billing schema again', (l) => l.join(',') === '1. accounts,2. invoices');
  });

  it("generating on the second folder's schema writes into its own tests/", async () => {
    const hrTests = path.join(folder('hr').uri.fsPath, 'tests');
    const billingOut = path.join(folder('billing').uri.fsPath, 'spec');
    await vscode.commands.executeCommand('fixtureScaffold.generate', inFolder('billing', 'db/schema.sql'));
    const written = fs.readdirSync(billingOut).sort();
    for (const name of ['conftest.py', 'factories.py', 'models.py']) assert.ok(written.includes(name), `billing/spec: ${written.join(', ')}`);
    assert.match(fs.readFileSync(path.join(billingOut, 'factories.py'), 'utf8'), /class InvoiceFactory/);
    assert.match(fs.readFileSync(path.join(billingOut, 'seed_data.py'), 'utf8'), /^ROWS_PER_TABLE = 3$/m, "billing's own seedRows setting");
    assert.equal(fs.existsSync(hrTests), false, 'the first folder is left alone');
  });
});
