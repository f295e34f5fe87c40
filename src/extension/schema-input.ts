// The schema a Verify or Preview command works on, resolved as "Generate Fixtures" resolves it (the
// clicked file, else the active schema editor, else the workspace schema, else a pick) and read
// through the repository, so open editors count with their unsaved text and the readers'
// problems land in the Problems panel.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { sortDiagnostics } from '../core';
import { chooseInput, type Services } from './generate';
import { commandInput, scopeOf } from './inputs';
import type { Snapshot } from './repository';

/**
 * The snapshot of the command's input, or undefined (after telling the user why) when the schema
 * cannot be used: it could not be read, or it has errors.
 */
export async function readCommandInput(services: Services, target: vscode.Uri | undefined, action: string): Promise<Snapshot | undefined> {
  const input = commandInput(target ?? (await chooseInput(services, action)));
  const folder = vscode.workspace.getWorkspaceFolder(input);
  const scope = scopeOf(input.fsPath, folder?.uri.fsPath ?? path.dirname(input.fsPath), undefined);
  services.repository.invalidate(scope.absolute);
  const snapshot = await services.repository.readScope(scope);
  const errors = sortDiagnostics(snapshot.diagnostics).filter((d) => d.severity === 'error');
  if (snapshot.problems.length === 0 && errors.length === 0 && snapshot.schema.tables.length > 0) return snapshot;
  const first = errors[0] ? `${errors[0].file}:${errors[0].line}: ${errors[0].message}` : snapshot.problems[0] ?? 'no tables found';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  services.log.warn(`${action}: ${scope.input}: ${first}${more}`);
  void vscode.window.showErrorMessage(`Fixture Scaffold: cannot ${action.toLowerCase()} ${scope.input}: ${first}${more}`, 'Show Problems').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return undefined;
}
