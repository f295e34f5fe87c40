// Drift between the generated factories file and the models: a new NOT NULL column and a new model
// each give a diagnostic on the model line (and on the factory), whose quick fix updates just that
// factory; the diagnostics go away once fixed.
import assert from 'node:assert/strict';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';
import { actionsAt, api, eventually, file, lineOf, ours, read, runAction, setting, write } from './helpers';

const KIND_LINE = '    kind: Mapped[str] = mapped_column(String(20))\n';

/** Writes models.py on disk and waits until its open editor shows the new text. */
async function rewriteModels(text: string): Promise<vscode.TextDocument> {
  const uri = write('models.py', text);
  const document = await vscode.workspace.openTextDocument(uri);
  await eventually('the editor to reload models.py', () => (document.getText() === text ? true : undefined));
  return document;
}

/** Our drift diagnostics on a file. */
function drift(uri: vscode.Uri): vscode.Diagnostic[] {
  return ours(uri).filter((d) => typeof d.code === 'string' && d.code.startsWith('drift/'));
}

describe('drift diagnostics and their quick fixes', () => {
  let original = '';
  before(async () => {
    await api();
    await setting('outputFolder', 'tests');
    original = read('models.py');
    await vscode.commands.executeCommand('fixtureScaffold.generateFactories', file('models.py'));
    assert.match(read('tests/factories.py'), /class EmployeeFactory\(/);
  });
  after(() => {
    write('models.py', original);
  });

  it('a new NOT NULL column: a warning on the model and on the factory, fixed by the quick fix', async () => {
    const document = await rewriteModels(original.replace(KIND_LINE, `${KIND_LINE}    badge: Mapped[str] = mapped_column(String(12))\n`));
    const models = document.uri;
    const employee = lineOf(document, 'class Employee(Base)');
    const [onModel] = await eventually('a drift warning on class Employee', () => {
      const found = drift(models).filter((d) => d.range.start.line === employee);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(onModel.code, 'drift/stale-factory');
    assert.match(onModel.message, /`EmployeeFactory` in tests\/factories\.py is out of date with `Employee`: `badge` is new in the model \(String\(12\), NOT NULL\)/);
    const factories = file('tests/factories.py');
    const onFactory = drift(factories);
    assert.equal(onFactory.length, 1);
    const factoriesDocument = await vscode.workspace.openTextDocument(factories);
    assert.equal(onFactory[0].range.start.line, lineOf(factoriesDocument, 'class EmployeeFactory('));

    const fixes = (await actionsAt(models, employee)).filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(fixes.map((a) => a.title), ['Update `EmployeeFactory` in tests/factories.py']);
    await runAction(fixes[0]);
    assert.match(read('tests/factories.py'), /^ {4}badge = /m);
    await eventually('the drift warnings to go away', () => (drift(models).length === 0 && drift(factories).length === 0 ? true : undefined));
  });

  it('a new model: "Add `Room` to tests/factories.py" on its class line', async () => {
    const room = 'class Room(Base):\n    __tablename__ = "rooms"\n\n    id: Mapped[int] = mapped_column(primary_key=True)\n    label: Mapped[str] = mapped_column(String(30))\n\n\nclass Contractor(Employee):';
    const document = await rewriteModels(read('models.py').replace('class Contractor(Employee):', room));
    const models = document.uri;
    const line = lineOf(document, 'class Room(Base)');
    await eventually('a missing-factory warning on class Room', () => (drift(models).some((d) => d.range.start.line === line && d.code === 'drift/missing-factory') ? true : undefined));
    const actions = await actionsAt(models, line);
    assert.deepEqual(actions.map((a) => a.title), ['Add `Room` to tests/factories.py', 'Generate factories for all models in this file']);
    await runAction(actions[0]);
    assert.match(read('tests/factories.py'), /^class RoomFactory\(BaseFactory\):$/m);
    assert.match(read('tests/factories.py'), /^from models import .*\bRoom\b/m);
    await eventually('the drift warning to go away', () => (drift(models).length === 0 ? true : undefined));
  });

  it('"Check Fixtures Are Up To Date" runs without a prompt blocking it', async () => {
    await vscode.commands.executeCommand('fixtureScaffold.check');
  });
});
