// Which schema input a file belongs to, and how a generation job for it is configured: the glue
// between editor URIs and the `input`/`cwd`/options of the node layer shared with the CLI.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SchemaFormat } from '../core';
import { schemaFileKind } from '../core/sniff';
import type { GenerateJobOptions } from '../node/generate-job';
import { pythonModule } from '../node/python-project';
import type { Settings } from './config';

/** A schema input as the node layer takes it: a file or folder relative to a working folder. */
export interface Scope {
  /** Stable identity of the scope (working folder + input + format). */
  key: string;
  /** The working folder: the workspace folder holding the input, else the input's own folder. */
  cwd: string;
  /** The input relative to `cwd` with forward slashes ('.' for `cwd` itself). */
  input: string;
  /** Absolute path of the input. */
  absolute: string;
  /** The format to read, when the file kind fixes it (SQL, Prisma); undefined to detect. */
  format?: SchemaFormat;
}

/** What a generation writes: everything, the factories only, or the migration tests only. */
export type GenerateKind = 'all' | 'factories' | 'migrations';

/** The working folder of a file: its workspace folder, or the folder it is in. */
export function workingFolder(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  return folder ? folder.uri.fsPath : path.dirname(file);
}

/** The scope of one file or folder, read as `format` (by default the one its file kind fixes). */
export function scopeOf(absolute: string, cwd: string = workingFolder(absolute), format: SchemaFormat | undefined = fixedFormat(absolute)): Scope {
  const rel = path.relative(cwd, absolute).split(path.sep).join('/');
  const input = rel === '' ? '.' : rel;
  return { key: `${cwd}\u0000${input}\u0000${format ?? ''}`, cwd, input, absolute, format };
}

/**
 * The input a clicked resource stands for: an `alembic.ini` means its Alembic project, the folder
 * holding it (the readers take the project from its folder or its versions/ folder, as their
 * diagnostic on a lone alembic.ini says); anything else itself.
 */
export function commandInput(uri: vscode.Uri): vscode.Uri {
  return uri.scheme === 'file' && path.basename(uri.fsPath) === 'alembic.ini' ? vscode.Uri.file(path.dirname(uri.fsPath)) : uri;
}

/** SQL and Prisma files are read as such; Python files (SQLAlchemy or SQLModel) are detected. */
function fixedFormat(file: string): SchemaFormat | undefined {
  const kind = schemaFileKind(file);
  return kind === 'sql' ? 'sql' : kind === 'prisma' ? 'prisma' : undefined;
}

/**
 * The scope a schema document is read in when no workspace schema contains it: SQL and Prisma
 * files that share their folder with others of their kind are read with them (a schema split over
 * files); anything else alone. Python files that only make sense with their package are widened
 * later, once reading them alone found no models (see `SchemaRepository`).
 */
export function documentScope(file: string): Scope {
  const kind = schemaFileKind(file);
  if (kind === 'sql' || kind === 'prisma') {
    const dir = path.dirname(file);
    const siblings = safeReaddir(dir).filter((n) => schemaFileKind(n) === kind);
    if (siblings.length > 1) return scopeOf(dir, workingFolder(file), kind);
  }
  return scopeOf(file);
}

/** Whether `file` is the input of `scope` or inside its folder. */
export function scopeContains(scope: Scope, file: string): boolean {
  const rel = path.relative(scope.absolute, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The options of a generation job for `scope`, as the CLI would get them from the settings. */
export function jobOptions(scope: Scope, settings: Settings, kind: GenerateKind, modelsModule?: string): GenerateJobOptions {
  return {
    input: scope.input,
    out: settings.outputFolder,
    cwd: scope.cwd,
    format: scope.format,
    modelsModule,
    seedRows: settings.seedRows,
    seed: settings.seed,
    db: settings.database,
    fakerLocale: settings.fakerLocale,
    factoriesOnly: kind === 'factories',
  };
}

/** Whether a generated file belongs in a generation of `kind` (migration tests are optional). */
export function wantedFile(file: string, kind: GenerateKind, settings: Settings): boolean {
  const migrations = /(^|\/)test_migrations?[^/]*\.py$/.test(file);
  if (kind === 'migrations') return migrations;
  if (kind === 'factories') return /(^|\/)factories\.(py|ts)$/.test(file);
  return !migrations || settings.generateMigrationTests;
}

/**
 * The module paths the models of `file` could be imported by, when that is ambiguous: a models
 * file in a folder without `__init__.py`, below the working folder, is either a top-level module
 * (its folder on `sys.path`; what the CLI assumes, so listed first) or part of a namespace package
 * rooted at the working folder. Returns [] when there is only one answer.
 */
export function moduleChoices(file: string, cwd: string): string[] {
  if (!file.endsWith('.py')) return [];
  const derived = pythonModule(file);
  const dir = path.dirname(file);
  if (derived.importRoot !== dir || path.resolve(dir) === path.resolve(cwd)) return [];
  const rel = path.relative(cwd, file).replace(/\.py$/, '').split(path.sep);
  if (rel[0] === '..' || !rel.every((p) => /^[A-Za-z_]\w*$/.test(p))) return [];
  return [derived.module, rel.join('.')];
}

/** The remembered module, when it fits `file` (one of its choices). */
export function rememberedModule(choices: string[], remembered: string): string | undefined {
  return remembered !== '' && choices.includes(remembered) ? remembered : undefined;
}

/** Names in a folder, or [] when it cannot be read. */
function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * The `--models-module` a job for `scope` runs with: the remembered answer when the import path is
 * ambiguous and it fits, else undefined (the node layer derives it as the CLI does). `choices` is
 * non-empty when the user should be asked.
 */
export function modelsModuleFor(scope: Scope, remembered: string): { module?: string; choices: string[] } {
  const choices = moduleChoices(scope.absolute, scope.cwd);
  if (choices.length === 0) return { choices };
  const module = rememberedModule(choices, remembered);
  if (module === undefined) return { choices };
  return { module: module === choices[0] ? undefined : module, choices: [] };
}
