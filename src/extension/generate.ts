// Generating from the editor, the same job the CLI runs: resolve the input, ask only what cannot be
// inferred (the output folder, an ambiguous models module; both remembered in the workspace
// settings), read with progress and cancellation, then apply one WorkspaceEdit: new files are
// created, existing ones are updated behind the refactor preview, conflicts are never overwritten.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDiagnostic, sortDiagnostics } from '../core';
import { runGenerateJob, type GenerateJobResult } from '../node/generate-job';
import { planWrites } from '../node/write';
import { readSettings, remember, type Settings } from './config';
import { editForWrites, conflictReason, type PlannedEdit } from './edits';
import { Cancelled, checkCancelled, orCancel } from './errors';
import { commandInput, jobOptions, modelsModuleFor, scopeContains, scopeOf, wantedFile, type GenerateKind, type Scope } from './inputs';
import type { SchemaRepository } from './repository';

/** What the generation commands need from the extension. */
export interface Services {
  log: vscode.LogOutputChannel;
  repository: SchemaRepository;
}

/** What a generation did, for callers that continue (reveal a factory) and for tests. */
export interface GenerateOutcome {
  scope: Scope;
  outDir: string;
  edit: PlannedEdit;
}

const KIND_TITLES: Record<GenerateKind, string> = {
  all: 'fixtures',
  factories: 'factories',
  migrations: 'migration tests',
};

/**
 * Generates from `target` (a schema file or folder; the active schema editor or the workspace
 * schema when omitted). Resolves undefined when nothing was written.
 */
export async function generateFixtures(services: Services, target: vscode.Uri | undefined, kind: GenerateKind): Promise<GenerateOutcome | undefined> {
  const { log } = services;
  const input = commandInput(target ?? (await chooseInput(services)));
  const folder = vscode.workspace.getWorkspaceFolder(input);
  // Detected as the CLI detects it, so the files are the CLI's byte for byte.
  const scope = scopeOf(input.fsPath, folder?.uri.fsPath ?? path.dirname(input.fsPath), undefined);
  await saveDocumentsIn(scope);
  const settings = await askOutputFolder(folder, readSettings(input));
  const modelsModule = await askModelsModule(folder, scope, settings);
  const options = jobOptions(scope, settings, kind, modelsModule);
  log.info(`generate ${KIND_TITLES[kind]}: ${scope.input} -> ${settings.outputFolder} (in ${scope.cwd})`);
  let token: vscode.CancellationToken | undefined;
  const job = await withJobProgress(scope, kind, (progressToken) => {
    token = progressToken;
    return runGenerateJob(options).then((result) => {
      checkCancelled(token);
      return result;
    });
  });
  logJob(log, job);
  if (!reportProblems(job, scope)) {
    // Read it once more through the repository, which publishes the problems in the Problems panel.
    services.repository.invalidate(scope.absolute);
    await services.repository.readScope(scope).catch(() => undefined);
    return undefined;
  }
  const files = job.files.filter((f) => wantedFile(f.path, kind, settings));
  if (files.length === 0) {
    const why = kind === 'migrations' ? 'migration tests need an Alembic project (an alembic.ini with its versions/ folder) for this schema' : 'the job produced no files';
    void vscode.window.showInformationMessage(`Fixture Scaffold: no ${KIND_TITLES[kind]} to write: ${why}.`);
    return undefined;
  }
  const planned = planWrites(job.outDir, files, false);
  refuseUnsaved(planned.filter((p) => p.status === 'updated').map((p) => p.absolute));
  const shown = (p: { absolute: string }) => path.relative(scope.cwd, p.absolute).split(path.sep).join('/');
  const edit = await editForWrites(planned, shown);
  // A cancel that arrived while the edit was prepared still writes nothing.
  checkCancelled(token);
  if (edit.created.length + edit.updated.length > 0) {
    const applied = await vscode.workspace.applyEdit(edit.edit, { isRefactoring: true });
    if (!applied) throw new Cancelled();
    for (const p of edit.updated) await vscode.workspace.save(vscode.Uri.file(p.absolute));
  }
  for (const p of [...edit.created, ...edit.updated, ...edit.unchanged]) log.info(`${shown(p)}: ${p.status}`);
  for (const p of edit.conflicts) log.warn(`${shown(p)}: not written: ${conflictReason(p)}`);
  announce(edit, settings.outputFolder);
  if (folder) void services.repository.refreshDrift(folder);
  return { scope, outDir: job.outDir, edit };
}

/** The input when no file was named: the active schema document, the workspace schema, or a pick. */
export async function chooseInput(services: Services, openLabel = 'Generate Fixtures'): Promise<vscode.Uri> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && services.repository.isSchemaDocument(active)) return active.uri;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const scope = await services.repository.workspaceScope(folder);
    if (scope) return vscode.Uri.file(scope.absolute);
  }
  const picked = await vscode.window.showOpenDialog({
    title: `Fixture Scaffold: choose the schema (${openLabel})`,
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel,
    filters: { Schemas: ['py', 'sql', 'prisma', 'ini'] },
  });
  return orCancel(picked?.[0]);
}

/** Saves the unsaved editors of the input, so the job (which reads the disk) sees what the user sees. */
async function saveDocumentsIn(scope: Scope): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'file' && scopeContains(scope, document.uri.fsPath)) await document.save();
  }
}

/** The settings, with the output folder asked for (and remembered) the first time. */
async function askOutputFolder(folder: vscode.WorkspaceFolder | undefined, settings: Settings): Promise<Settings> {
  if (settings.outputFolderIsSet || !folder) return settings;
  const root = folder.uri.fsPath;
  const existing = ['tests', 'test', 'spec'].filter((d) => d !== 'tests' && fs.existsSync(path.join(root, d)));
  const other = 'Other folder…';
  const items: vscode.QuickPickItem[] = [
    { label: 'tests', description: fs.existsSync(path.join(root, 'tests')) ? 'default, exists' : 'default' },
    ...existing.map((d) => ({ label: d, description: 'exists' })),
    { label: other, description: 'type a folder relative to the workspace' },
  ];
  const picked = orCancel(
    await vscode.window.showQuickPick(items, {
      title: 'Fixture Scaffold: output folder',
      placeHolder: 'Where should the generated test files go? (remembered in this workspace\'s settings)',
      ignoreFocusOut: true,
    }),
  );
  const chosen =
    picked.label === other
      ? orCancel(
          await vscode.window.showInputBox({
            title: 'Fixture Scaffold: output folder',
            prompt: 'A folder relative to the workspace folder',
            value: 'tests',
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() === '' || path.isAbsolute(v) || v.split(/[\\/]/).includes('..') ? 'Enter a folder inside the workspace, e.g. tests' : undefined),
          }),
        )
      : picked.label;
  await remember(folder, 'outputFolder', chosen.trim());
  return readSettings(folder.uri);
}

/** The `--models-module` to use, asking (and remembering) when the import path is ambiguous. */
async function askModelsModule(folder: vscode.WorkspaceFolder | undefined, scope: Scope, settings: Settings): Promise<string | undefined> {
  const { module, choices } = modelsModuleFor(scope, settings.modelsModule);
  if (choices.length === 0 || !folder) return module;
  const picked = orCancel(
    await vscode.window.showQuickPick(
      choices.map((c, i) => ({ label: c, description: i === 0 ? `its folder is on sys.path (${path.dirname(scope.input)})` : 'a namespace package from the workspace root' })),
      { title: 'Fixture Scaffold: how do your tests import the models?', placeHolder: 'Python module of the models (remembered)', ignoreFocusOut: true },
    ),
  );
  await remember(folder, 'modelsModule', picked.label);
  return picked.label === choices[0] ? undefined : picked.label;
}

/** A generation's progress indicator as it opens: what it shows, and a cancel as its Cancel button does. */
export interface GenerationStarted {
  title: string;
  location: vscode.ProgressLocation;
  cancellable: boolean;
  /** Cancels the generation, as the notification's Cancel button does. */
  cancel: () => void;
}

/**
 * Fires when a generation's progress indicator opens. The seam the extension-host tests cancel
 * through (a notification's Cancel button cannot be clicked from the `vscode` API).
 */
const generationStarted = new vscode.EventEmitter<GenerationStarted>();
export const onDidStartGeneration = generationStarted.event;

/** Runs the job under a progress indicator: a cancellable notification for folders, the status bar for files. */
async function withJobProgress(scope: Scope, kind: GenerateKind, job: (token: vscode.CancellationToken) => Promise<GenerateJobResult>): Promise<GenerateJobResult> {
  const isFolder = fs.statSync(scope.absolute).isDirectory();
  const location = isFolder ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
  const title = `Fixture Scaffold: generating ${KIND_TITLES[kind]} from ${scope.input}`;
  return vscode.window.withProgress({ location, title, cancellable: isFolder }, async (_progress, uiToken) => {
    // One token for the job: cancelled by the notification's Cancel button or through the seam.
    const source = new vscode.CancellationTokenSource();
    const linked = uiToken.onCancellationRequested(() => source.cancel());
    try {
      const running = job(source.token);
      generationStarted.fire({ title, location, cancellable: isFolder, cancel: () => source.cancel() });
      return await running;
    } finally {
      linked.dispose();
    }
  });
}

/** Logs what was read and the diagnostics. */
function logJob(log: vscode.LogOutputChannel, job: GenerateJobResult): void {
  const { schema } = job;
  log.info(`read ${schema.meta.files?.length ?? schema.tables.length} file(s) as ${schema.format}: ${schema.tables.length} tables, ${schema.models.length} models`);
  for (const p of job.inputProblems) log.warn(p);
  for (const d of sortDiagnostics(job.diagnostics)) log[d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warn' : 'info'](formatDiagnostic(d));
}

/** Shows why nothing can be generated; true when the job can go on. */
function reportProblems(job: GenerateJobResult, scope: Scope): boolean {
  const errors = sortDiagnostics(job.diagnostics).filter((d) => d.severity === 'error');
  if (errors.length === 0 && (job.files.length > 0 || job.inputProblems.length === 0)) return true;
  const first = errors[0] ? `${errors[0].file}:${errors[0].line}: ${errors[0].message}` : job.inputProblems.join('; ');
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  void vscode.window.showErrorMessage(`Fixture Scaffold: nothing generated from ${scope.input}: ${first}${more}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return false;
}

/** Refuses to replace files with unsaved changes (the merge read them from disk). */
function refuseUnsaved(files: string[]): void {
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && files.includes(d.uri.fsPath));
  if (dirty.length > 0) {
    throw new Error(`${dirty.map((d) => path.basename(d.fileName)).join(', ')} has unsaved changes; save or revert it, then generate again`);
  }
}

/** Tells the user what changed, and why any file was left alone. */
function announce(edit: PlannedEdit, outputFolder: string): void {
  const parts: string[] = [];
  if (edit.created.length > 0) parts.push(`created ${count(edit.created.length, 'file')}`);
  if (edit.updated.length > 0) parts.push(`updated ${count(edit.updated.length, 'file')}`);
  if (edit.unchanged.length > 0) parts.push(`${count(edit.unchanged.length, 'file')} already up to date`);
  if (parts.length > 0) void vscode.window.showInformationMessage(`Fixture Scaffold: ${parts.join(', ')} in ${outputFolder}/.`);
  for (const p of edit.conflicts) void vscode.window.showWarningMessage(`Fixture Scaffold: ${outputFolder}/${p.path} not written: ${conflictReason(p)}.`);
}

/** `n things`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
