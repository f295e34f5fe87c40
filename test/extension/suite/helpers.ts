// Helpers of the in-host tests: the extension's test API, the test workspace (laid out by
// test/e2e/vscode-extension.test.ts), and polling for what the extension does asynchronously.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FixtureScaffoldApi } from '../../../src/extension/extension';

/** The activated extension's API (activating it if needed). */
export async function api(): Promise<FixtureScaffoldApi> {
  const extension = vscode.extensions.getExtension<FixtureScaffoldApi>('fixture-scaffold.fixture-scaffold');
  if (!extension) throw new Error('the extension under test is not loaded');
  return extension.activate();
}

/** The test workspace folder. */
export function workspace(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder');
  return folder;
}

/** A URI in the test workspace. */
export function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspace().uri, relative);
}

/** Writes a workspace file on disk (creating its folder). */
export function write(relative: string, text: string): vscode.Uri {
  const uri = file(relative);
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, text);
  return uri;
}

/** Reads a workspace file from disk. */
export function read(relative: string): string {
  return fs.readFileSync(file(relative).fsPath, 'utf8');
}

/** Polls `probe` every 100 ms until it returns a value other than undefined (or fails after `ms`). */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The 0-based line of the first line of a document containing `text`. */
export function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split(/\r?\n/).findIndex((l) => l.includes(text));
  if (line === -1) throw new Error(`no line contains ${text}`);
  return line;
}

/** Titles of the code actions VS Code collects on a line (optionally of one kind only). */
export async function actionTitles(uri: vscode.Uri, line: number, kind?: vscode.CodeActionKind): Promise<string[]> {
  const actions = await actionsAt(uri, line, kind);
  return actions.map((a) => a.title);
}

/**
 * The code actions VS Code collects on a line, through the real provider pipeline: of `kind`, or
 * without source actions, as the lightbulb shows them.
 */
export async function actionsAt(uri: vscode.Uri, line: number, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  const range = new vscode.Range(line, 0, line, 0);
  const result = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind?.value);
  const actions = (result ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.CodeAction).command === 'object');
  return kind ? actions : actions.filter((a) => !a.kind || !vscode.CodeActionKind.Source.contains(a.kind));
}

/** Runs the command of a code action, as clicking it does. */
export async function runAction(action: vscode.CodeAction): Promise<void> {
  if (!action.command) throw new Error(`${action.title} has no command`);
  await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Our diagnostics on a file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Fixture Scaffold');
}

/** Sets a workspace setting and waits for it to be visible. */
export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('fixtureScaffold').update(key, value, vscode.ConfigurationTarget.Workspace);
}
