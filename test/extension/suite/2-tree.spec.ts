// The FK Dependency Order view's provider: the cycle schema in insertion order with the cycle's
// warning and proposed break, dependencies as children, rows that open the definition, and a
// refresh when the schema setting changes.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import type { OrderNode } from '../../../src/extension/order-tree';
import { api, eventually, file, setting } from './helpers';

/** The rows under `node` (the top level when omitted) as their tree items. */
async function rows(node?: OrderNode): Promise<{ node: OrderNode; item: vscode.TreeItem }[]> {
  const { orderTree } = await api();
  const nodes = await orderTree.getChildren(node);
  return nodes.map((n) => ({ node: n, item: orderTree.getTreeItem(n) }));
}

/** The id of a row's icon (`warning`, `table`...). */
function icon(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

describe('FK Dependency Order view', () => {
  before(async () => {
    await api();
  });
  after(async () => {
    await setting('schemaPath', 'models.py');
  });

  it('lists the cycle schema in insertion order, warning about the cycle and its break', async () => {
    const top = await rows();
    assert.deepEqual(top.map((r) => r.item.label), ['1. departments', '2. employees', '3. managers']);
    assert.deepEqual(top.map((r) => icon(r.item)), ['warning', 'warning', 'table']);
    assert.equal(top[0].item.description, 'Department · cycle, break: head_id set after insert');
    assert.equal(top[1].item.description, 'Employee · cycle with departments');
    assert.equal(top[2].item.description, 'Manager');
    assert.ok(top.every((r) => r.item.contextValue === 'fixtureScaffold.table'), 'rows carry the "Generate factory" menu');
  });

  it('expands a table to the tables it depends on, marking the dependency cut to break the cycle', async () => {
    const [departments, employees, managers] = await rows();
    const deps = await rows(departments.node);
    assert.deepEqual(deps.map((r) => [r.item.label, r.item.description, icon(r.item)]), [['employees', 'linked after insert (head_id)', 'debug-disconnect']]);
    assert.deepEqual((await rows(employees.node)).map((r) => r.item.label), ['departments']);
    assert.deepEqual((await rows(managers.node)).map((r) => r.item.label), ['employees']);
  });

  it('opens the model class when a row is clicked', async () => {
    const [departments] = await rows();
    const command = departments.item.command;
    assert.equal(command?.command, 'vscode.open');
    const [uri, options] = command!.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.equal(uri.fsPath, file('models.py').fsPath);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.lineAt(options.selection.start.line).text, /^class Department\(Base\):/);
  });

  it('shows another schema when fixtureScaffold.schemaPath changes', async () => {
    await setting('schemaPath', 'sql/schema.sql');
    const labels = await eventually('the SQL schema in the view', async () => {
      const now = (await rows()).map((r) => r.item.label);
      return now[0] === '1. customers' ? now : undefined;
    });
    assert.deepEqual(labels, ['1. customers', '2. orders']);
  });

  it('shows a large models file, read on two threads inside the extension host', async () => {
    // large/models.py holds 400 models (over 128 KiB): the reader splits it from the text while
    // the bundled syntax worker parses it (the e2e test checks that the worker started).
    await setting('schemaPath', 'large/models.py');
    const labels = await eventually('the large schema in the view', async () => {
      const now = (await rows()).map((r) => r.item.label);
      return now.length === 400 ? now : undefined;
    });
    assert.equal(labels[0], '1. entity_0');
    assert.ok(labels.every((l, i) => typeof l === 'string' && l.startsWith(`${i + 1}. entity_`)), 'every table listed in order');
  });
});
