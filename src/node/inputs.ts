// Reading schema inputs from disk for the shells (CLI, extension). The core receives bytes only.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../core/ir';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.venv',
  'venv',
  'env',
  '.env',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  'dist',
  'build',
]);
const SCHEMA_EXTENSIONS = ['.py', '.sql', '.prisma', '.ini'];
/** Files larger than this are not schemas anyone writes by hand; they are reported and skipped. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface CollectedInput {
  files: SourceFile[];
  /** Absolute root the relative `SourceFile.path`s are resolved against. */
  root: string;
  problems: string[];
}

/**
 * Collects the schema files at `target` (a file or a folder, walked recursively in sorted order).
 * Paths in the result are relative to `cwd` with forward slashes, as diagnostics should show them.
 */
export function collectInputs(target: string, cwd: string): CollectedInput {
  const abs = path.resolve(cwd, target);
  const problems: string[] = [];
  const files: SourceFile[] = [];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { files, root: abs, problems: [`${target}: no such file or folder`] };
  }
  const add = (file: string, size: number) => {
    const rel = displayPath(file, cwd);
    if (size > MAX_FILE_BYTES) {
      problems.push(`${rel}: skipped, larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      return;
    }
    files.push({ path: rel, bytes: fs.readFileSync(file) });
  };
  if (stat.isFile() && path.basename(abs).toLowerCase() === 'alembic.ini') {
    // An alembic.ini stands for its project: the folder holding it, migrations included.
    return collectInputs(path.dirname(abs), cwd);
  }
  if (stat.isFile()) {
    add(abs, stat.size);
    return { files, root: path.dirname(abs), problems };
  }
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`${displayPath(dir, cwd)}: cannot read folder (${(e as Error).message})`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full);
      } else if (e.isFile() && SCHEMA_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) {
        add(full, fs.statSync(full).size);
      }
    }
  };
  walk(abs);
  return { files, root: abs, problems };
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  const shown = rel === '' ? path.basename(file) : rel.startsWith('..') && path.isAbsolute(file) ? file : rel;
  return shown.split(path.sep).join('/');
}
