// The extension's entry point. It only wires: the log, the schema repository, the diagnostics it
// publishes, the code action provider, the FK order view and the commands (registered in one loop,
// each wrapped in the one error helper). Nothing here reads a schema; the repository does, lazily.

import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { stopReaderThreads } from '../core';
import { FixtureCodeActions } from './code-actions';
import { commands } from './commands';
import { affectsSettings } from './config';
import { publishDiagnostics } from './diagnostics';
import { reportErrors } from './errors';
import { onDidStartGeneration, type GenerationStarted } from './generate';
import { trackModelFiles } from './model-files';
import { OrderTreeProvider } from './order-tree';
import { SchemaRepository, type Snapshot } from './repository';
import { SeedPreviewPanel } from './seed-preview';
import { VerifyDiagnostics } from './verify';

/** When this module started loading, to report the whole activation cost. */
const loadStarted = performance.now();

/** The documents code actions are offered in (saved files only: generation imports the models). */
const SCHEMA_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'python' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'file', language: 'prisma' },
  { scheme: 'file', pattern: '**/*.{sql,prisma}' },
];

/** What `activate` returns: for the extension-host tests and the benchmark, not a stable API. */
export interface FixtureScaffoldApi {
  /** Milliseconds from loading this module to the end of `activate`. */
  activationMs: number;
  repository: SchemaRepository;
  orderTree: OrderTreeProvider;
  /** The FK order view itself (its description names the schema shown). */
  orderView: vscode.TreeView<unknown>;
  codeActions: FixtureCodeActions;
  seedPreview: SeedPreviewPanel;
  verifyDiagnostics: VerifyDiagnostics;
  /** Fires when a generation's progress indicator opens; its `cancel` is the Cancel button's. */
  onDidStartGeneration: vscode.Event<GenerationStarted>;
}

export function activate(context: vscode.ExtensionContext): FixtureScaffoldApi {
  const log = vscode.window.createOutputChannel('Fixture Scaffold', { log: true });
  const repository = new SchemaRepository(log);
  const orderTree = new OrderTreeProvider(repository);
  const codeActions = new FixtureCodeActions(repository);
  const verifyDiagnostics = new VerifyDiagnostics();
  const seedPreview = new SeedPreviewPanel({ log, repository }, context.extensionUri);
  const view = vscode.window.createTreeView('fixtureScaffold.order', { treeDataProvider: orderTree, showCollapseAll: true });
  orderTree.onDidLoad = (snapshot) => describeView(view, snapshot);
  context.subscriptions.push(
    log,
    repository,
    repository.listen(),
    orderTree,
    view,
    verifyDiagnostics,
    seedPreview,
    publishDiagnostics(repository),
    trackModelFiles(log),
    vscode.languages.registerCodeActionsProvider(SCHEMA_DOCUMENTS, codeActions, FixtureCodeActions.metadata),
    repository.onDidChangeWorkspace(() => orderTree.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => orderTree.followActiveEditor()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => orderTree.refresh()),
    repository.onDidChangeSnapshot((snapshot) => {
      if (orderTree.current?.scope.key === snapshot.scope.key) orderTree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) repository.resetScopes();
    }),
  );
  for (const command of commands({ log, repository, orderTree, verifyDiagnostics, seedPreview })) {
    context.subscriptions.push(vscode.commands.registerCommand(command.id, (...args: unknown[]) => reportErrors(log, command.title, () => command.run(...args))));
  }
  repository.warm(vscode.workspace.textDocuments);
  const activationMs = performance.now() - loadStarted;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, repository, orderTree, orderView: view, codeActions, seedPreview, verifyDiagnostics, onDidStartGeneration };
}

/** Gives back the readers' worker thread (the Python syntax worker) when VS Code unloads the extension. */
export function deactivate(): Promise<void> {
  return stopReaderThreads();
}

/** Shows which schema the order view displays, and whether reading it found errors. */
function describeView(view: vscode.TreeView<unknown>, snapshot: Snapshot | null): void {
  // In a multi-root workspace the description says whose schema it is: `backend: models.py`.
  const folder = snapshot && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(snapshot.scope.absolute)) : undefined;
  view.description = snapshot ? (folder ? `${folder.name}: ${snapshot.scope.input}` : snapshot.scope.input) : undefined;
  const errors = snapshot ? snapshot.diagnostics.filter((d) => d.severity === 'error').length : 0;
  view.message = errors > 0 ? `${errors} problem${errors === 1 ? '' : 's'} reading the schema: see the Problems panel.` : undefined;
}
