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
