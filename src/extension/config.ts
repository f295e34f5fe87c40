// The extension's settings (`fixtureScaffold.*`), read through one typed object so no other module
// spells a setting's name, and the one place that writes remembered answers back.

import * as vscode from 'vscode';

/** The database kinds the generated conftest can provision. */
export type DatabaseKind = 'postgresql' | 'sqlite';

export interface Settings {
  /** Where generated files go, relative to the workspace folder. */
  outputFolder: string;
  /** Whether `outputFolder` was set by the user (else they are asked once). */
  outputFolderIsSet: boolean;
  /** Rows per table the `seeded` fixture inserts. */
  seedRows: number;
  /** Seed of the generated seed rows (`--seed`). */
  seed: number;
  database: DatabaseKind;
  fakerLocale: string;
  /** Whether "Generate Fixtures" also writes the migration tests (when there are migrations). */
  generateMigrationTests: boolean;
  /** The schema file or folder of this workspace, relative to the folder; '' to detect it. */
  schemaPath: string;
  /** The Python module the models are imported from, remembered when it was ambiguous; '' if not. */
  modelsModule: string;
}

const SECTION = 'fixtureScaffold';
/** The CLI's `--seed` default and range. */
export const DEFAULT_SEED = 1234;
export const MAX_SEED = 2 ** 31 - 1;

/** The settings that apply to `scope` (a workspace folder or file), with their defaults. */
export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const output = c.inspect<string>('outputFolder');
  const set = [output?.workspaceFolderValue, output?.workspaceValue, output?.globalValue].some((v) => typeof v === 'string' && v.trim() !== '');
  const seedRows = c.get<number>('seedRows', 5);
  const seed = c.get<number>('seed', DEFAULT_SEED);
  return {
    outputFolder: cleanFolder(c.get<string>('outputFolder', 'tests')) || 'tests',
    outputFolderIsSet: set,
    seedRows: Number.isInteger(seedRows) && seedRows >= 0 && seedRows <= 10_000 ? seedRows : 5,
    seed: Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : DEFAULT_SEED,
    database: c.get<string>('database') === 'sqlite' ? 'sqlite' : 'postgresql',
    fakerLocale: c.get<string>('fakerLocale', 'en_US').trim() || 'en_US',
    generateMigrationTests: c.get<boolean>('generateMigrationTests', true),
    schemaPath: cleanFolder(c.get<string>('schemaPath', '')),
    modelsModule: c.get<string>('modelsModule', '').trim(),
  };
}

/** Remembers an answer in the workspace settings of `folder` (`.vscode/settings.json`). */
export async function remember(folder: vscode.WorkspaceFolder, key: 'outputFolder' | 'modelsModule', value: string): Promise<void> {
  const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration(SECTION, folder.uri).update(key, value, target);
}

/** Whether a configuration change touches our settings. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}

/** A relative folder as typed by a user: forward slashes, no `./` or trailing slash. */
function cleanFolder(value: string | undefined): string {
  return (value ?? '').trim().replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
}
