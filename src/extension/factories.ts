// Working on one factory of the generated factories file: bring it up to date with its model (the
// drift quick fix, "Add `Order` to tests/factories.py"), generate the file for a model, reveal a
// factory, and the "Check Fixtures Are Up To Date" report.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixFactoryDrift } from '../core/drift-fix';
import { prepareJob } from '../node/generate-job';
import { readSettings } from './config';
import { minimalReplacement } from './edits';
import { generateFixtures, type Services } from './generate';
import { jobOptions, modelsModuleFor, scopeContains } from './inputs';
import { factoriesPath } from './repository';

/**
 * Updates (or adds) just `factory` in the folder's factories file so it matches the schema as
 * saved, keeping its user code and every other factory as it is.
 */
export async function fixFactory(services: Services, folderUri: vscode.Uri, factory: string): Promise<void> {
  const folder = requireFolder(folderUri);
  const scope = await services.repository.workspaceScope(folder);
  if (!scope) throw new Error(`no schema found for ${folder.name}; set fixtureScaffold.schemaPath`);
  for (const d of vscode.workspace.textDocuments) if (d.isDirty && scopeContains(scope, d.uri.fsPath)) await d.save();
  const settings = readSettings(folder.uri);
  const job = await prepareJob(jobOptions(scope, settings, 'factories', modelsModuleFor(scope, settings.modelsModule).module));
  if (!job.python) {
    const error = job.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`the schema cannot be read${error ? `: ${error.file}:${error.line}: ${error.message}` : ''}`);
  }
  const document = await vscode.workspace.openTextDocument(factoriesPath(folder));
  if (document.isDirty) throw new Error(`${path.basename(document.fileName)} has unsaved changes; save or revert it, then apply the fix again`);
  const fix = fixFactoryDrift(job.schema, job.analysis, document.getText(), job.python, factory);
  if (!fix) {
    void vscode.window.showInformationMessage(`Fixture Scaffold: \`${factory}\` is already up to date.`);
  } else {
    const change = minimalReplacement(document, fix.text);
    if (change) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, change.range, change.text, { label: `${fix.item.kind === 'missing-factory' ? 'Add' : 'Update'} ${factory}`, needsConfirmation: false });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${path.basename(document.fileName)}`);
      await document.save();
    }
    services.log.info(`${settings.outputFolder}/factories.py: ${fix.item.kind === 'missing-factory' ? 'added' : 'updated'} ${factory}`);
  }
  await revealFactory(document.uri, factory);
  await services.repository.refreshDrift(folder);
}

/**
 * "Generate factory for `Order`": when the folder's factories file was generated from this schema,
 * add or update just that factory; otherwise generate the factories file (factory_boy needs the
 * factories of the parents too). Then show the factory.
 */
export async function generateFactoryFor(services: Services, schemaFile: vscode.Uri, model: string): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(schemaFile);
  const factories = folder ? factoriesPath(folder) : null;
  const scope = folder && factories && fs.existsSync(factories) ? await services.repository.workspaceScope(folder) : null;
  if (folder && scope && scopeContains(scope, schemaFile.fsPath)) {
    const drift = await services.repository.refreshDrift(folder);
    const item = drift?.byModel.get(model);
    if (item && item.kind !== 'orphan-factory') return fixFactory(services, folder.uri, item.factory);
    await revealFactory(vscode.Uri.file(factories!), `${model}Factory`);
    return;
  }
  const outcome = await generateFixtures(services, schemaFile, 'factories');
  if (outcome) await revealFactory(vscode.Uri.file(path.join(outcome.outDir, 'factories.py')), `${model}Factory`);
}

/** Opens the factories file at `class <factory>(` (at the top when it has none). */
export async function revealFactory(factories: vscode.Uri, factory: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(factories);
  const lines = document.getText().split(/\r?\n/);
  const line = Math.max(0, lines.findIndex((l) => l.startsWith(`class ${factory}(`)));
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
}

/** "Check Fixtures Are Up To Date": checks every folder with a generated factories file and reports. */
export async function checkFixtures(services: Services): Promise<void> {
  const findings: string[] = [];
  let checked = 0;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const state = await services.repository.refreshDrift(folder);
    if (!state) continue;
    checked++;
    if (state.problems.length > 0) findings.push(`${state.factoriesLabel}: cannot be checked: ${state.problems.join('; ')}`);
    else if (state.items.length > 0) findings.push(`${state.factoriesLabel}: ${state.items.length} factor${state.items.length === 1 ? 'y is' : 'ies are'} out of date`);
    for (const item of state.items) services.log.warn(`${state.factoriesLabel}: ${item.message}`);
  }
  if (checked === 0) {
    void vscode.window.showInformationMessage('Fixture Scaffold: no generated factories file found; run "Generate Fixtures" first (or set fixtureScaffold.outputFolder).');
  } else if (findings.length === 0) {
    void vscode.window.showInformationMessage('Fixture Scaffold: the fixtures are up to date with the schema.');
  } else {
    const message = `Fixture Scaffold: ${findings.join('; ')}. Each has a quick fix in the Problems panel.`;
    void vscode.window.showWarningMessage(message, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }
}

/** The workspace folder of a URI, or an error saying the command needs one. */
function requireFolder(uri: vscode.Uri): vscode.WorkspaceFolder {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) throw new Error('open the folder that holds the schema as a workspace first');
  return folder;
}
