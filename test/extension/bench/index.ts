// In-host part of the extension benchmark (test/bench/extension.ts), run through
// `extensionTestsPath`: activation cost, code-action latency on a 5,000-line models file (warm
// cache, the provider called directly and through VS Code), and the FK order view's refresh for
// 1,000 tables. Prints one `BENCH_RESULT <json>` line the launcher reads from the host log.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { FixtureScaffoldApi } from '../../../src/extension/extension';

/** Calls per latency measurement. */
const CALLS = 200;

/** Runs the measurements and prints them; rejects if anything fails. */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<FixtureScaffoldApi>('fixture-scaffold.fixture-scaffold');
  if (!extension) throw new Error('the extension under test is not loaded');
  const api = await extension.activate();
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const result = {
    activationMs: api.activationMs,
    codeActions: await codeActionLatency(api, vscode.Uri.joinPath(folder, 'models.py')),
    tree: await treeRefresh(api),
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

/** Latency of the code-action provider on class lines of a large models file, cache warm. */
async function codeActionLatency(api: FixtureScaffoldApi, uri: vscode.Uri) {
  const document = await vscode.workspace.openTextDocument(uri);
  const coldStarted = performance.now();
  const snapshot = await api.repository.snapshotForDocument(document);
  const coldReadMs = performance.now() - coldStarted;
  if (!snapshot) throw new Error('the benchmark models file was not read as a schema');
  const classLines = document.getText().split('\n').flatMap((l, i) => (l.startsWith('class ') && l.endsWith('(Base):') ? [i] : []));
  const context: vscode.CodeActionContext = { diagnostics: [], only: undefined, triggerKind: vscode.CodeActionTriggerKind.Invoke };
  const direct: number[] = [];
  const lines = Array.from({ length: CALLS }, (_, i) => classLines[(i * 7919) % classLines.length]);
  for (const line of lines) {
    const range = new vscode.Range(line, 0, line, 0);
    const started = performance.now();
    const actions = await api.codeActions.provideCodeActions(document, range, context);
    direct.push(performance.now() - started);
    if (actions.length === 0) throw new Error(`no code action on line ${line + 1}`);
  }
  const viaVSCode: number[] = [];
  for (const line of lines.slice(0, 50)) {
    const started = performance.now();
    await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(line, 0, line, 0));
    viaVSCode.push(performance.now() - started);
  }
  return { lines: document.lineCount, models: snapshot.schema.models.length, coldReadMs, direct, viaVSCode };
}

/** Time to refresh the order view on a 1,000-table schema: first read, then with the read cached. */
async function treeRefresh(api: FixtureScaffoldApi) {
  await vscode.workspace.getConfiguration('fixtureScaffold').update('schemaPath', 'schema1000.sql', vscode.ConfigurationTarget.Workspace);
  const rows = async () => {
    api.orderTree.refresh();
    const nodes = await api.orderTree.getChildren();
    for (const node of nodes) api.orderTree.getTreeItem(node);
    return nodes.length;
  };
  api.repository.resetScopes();
  const started = performance.now();
  const tables = await rows();
  const firstMs = performance.now() - started;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await rows();
    warm.push(performance.now() - t);
  }
  return { tables, firstMs, warm };
}
