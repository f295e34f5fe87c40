// Facts about a Python project that only the disk knows: module paths of model files (from the
// `__init__.py` files around them) and an alembic.ini above them.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** `app/models/user.py` → `app.models.user`, with the folder that must be on sys.path for it. */
export function pythonModule(file: string): { module: string; importRoot: string } {
  const abs = path.resolve(file);
  const parts = [path.basename(abs, '.py')];
  let dir = path.dirname(abs);
  while (fs.existsSync(path.join(dir, '__init__.py'))) {
    parts.unshift(path.basename(dir));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return { module: parts.join('.'), importRoot: dir };
}

/** The nearest alembic.ini in `start` or a folder above it, up to (and including) `stop`. */
export function findAlembicIni(start: string, stop: string): string | null {
  let dir = path.resolve(start);
  const end = path.resolve(stop);
  for (let i = 0; i < 20; i++) {
    const candidate = path.join(dir, 'alembic.ini');
    if (fs.existsSync(candidate)) return candidate;
    if (dir === end || dir === path.dirname(dir)) break;
    dir = path.dirname(dir);
  }
  return null;
}

/** Whether a folder is a Python package (has `__init__.py`). */
export function isPackage(dir: string): boolean {
  return fs.existsSync(path.join(dir, '__init__.py'));
}

const ASYNC_MARKERS = /\b(create_async_engine|AsyncSession|async_sessionmaker|AsyncEngine)\b/;

/**
 * Whether the project's code uses SQLAlchemy's asyncio extension, and with which driver: looks at
 * the Python files under `root` (skipping `exclude`, virtualenvs and caches; at most 2,000 files).
 */
export function detectAsync(root: string, exclude: string): { async: boolean; driver: 'asyncpg' | 'psycopg' } {
  let uses = false;
  let driver: 'asyncpg' | 'psycopg' = 'asyncpg';
  let sawAsyncpg = false;
  let sawPsycopg = false;
  let budget = 2000;
  const skip = new Set(['node_modules', '.git', '.venv', 'venv', '__pycache__', 'site-packages', '.tox', 'dist', 'build']);
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (budget <= 0) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skip.has(e.name) && !e.name.startsWith('.') && path.resolve(full) !== path.resolve(exclude)) walk(full);
      } else if (e.name.endsWith('.py') || e.name === 'alembic.ini' || e.name.endsWith('.toml') || e.name.endsWith('.txt')) {
        budget--;
        let text: string;
        try {
          text = fs.readFileSync(full, 'utf8');
        } catch {
          continue;
        }
        if (e.name.endsWith('.py') && ASYNC_MARKERS.test(text)) uses = true;
        if (/\basyncpg\b/.test(text)) sawAsyncpg = true;
        if (/\+psycopg\b|\bpsycopg\[|\bimport psycopg\b(?!2)/.test(text)) sawPsycopg = true;
      }
    }
  };
  walk(root);
  if (sawPsycopg && !sawAsyncpg) driver = 'psycopg';
  return { async: uses, driver };
}
