// Which Python files hold models, for the "Generate Fixtures…" menus: their `when` clauses test
// `resourcePath in fixtureScaffold.modelFiles`. Found once in the background after activation with
// the cheap content check (no parsing), then kept up to date as files are saved, created, deleted.

import * as vscode from 'vscode';
import { looksLikeSchema } from '../core/sniff';
import { readHead } from './read-head';

/** The context key the menus test. */
export const MODEL_FILES_KEY = 'fixtureScaffold.modelFiles';

const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,.env,__pycache__,.tox,.nox,site-packages,dist,build}/**';
/** At most this many Python files are looked at, and this much of each. */
const SCAN_LIMIT = 5000;
const SCAN_BYTES = 128 * 1024;

/** Keeps the `fixtureScaffold.modelFiles` context key up to date. */
export function trackModelFiles(log: vscode.LogOutputChannel): vscode.Disposable {
  const files = new Set<string>();
  let publish: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(publish);
    publish = setTimeout(() => void vscode.commands.executeCommand('setContext', MODEL_FILES_KEY, [...files].sort()), 50);
  };
  const update = (path: string, text: string) => {
    const had = files.has(path);
    const has = looksLikeSchema(path, text);
    if (has) files.add(path);
    else files.delete(path);
    if (had !== has) schedule();
  };
  void scan(files, log).then(schedule);
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
  const fromDisk = (uri: vscode.Uri) => update(uri.fsPath, readHead(uri.fsPath, SCAN_BYTES));
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(fromDisk),
    watcher.onDidChange(fromDisk),
    watcher.onDidDelete((uri) => {
      if (files.delete(uri.fsPath)) schedule();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme === 'file' && d.languageId === 'python') update(d.uri.fsPath, d.getText());
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.uri.scheme === 'file' && d.fileName.endsWith('.py')) update(d.uri.fsPath, d.getText());
    }),
    { dispose: () => clearTimeout(publish) },
  );
}

/** Looks at the workspace's Python files once. */
async function scan(files: Set<string>, log: vscode.LogOutputChannel): Promise<void> {
  const started = Date.now();
  const uris = await vscode.workspace.findFiles('**/*.py', EXCLUDE, SCAN_LIMIT);
  for (const uri of uris) if (looksLikeSchema(uri.fsPath, readHead(uri.fsPath, SCAN_BYTES))) files.add(uri.fsPath);
  log.debug(`found ${files.size} Python model file(s) among ${uris.length} in ${Date.now() - started} ms`);
}
