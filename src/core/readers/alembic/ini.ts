// alembic.ini, read the way Alembic's configparser reads it, for the three things the reader needs:
// where the migration scripts are (`script_location`, `version_locations`), and which database
// they target (`sqlalchemy.url`, for the dialect). `%(here)s` is the folder of the ini file.
// Paths are the core's: relative to the shell's working folder, with forward slashes.

import type { Diagnostic, SqlDialect } from '../../ir';
import { diagnosticAt, type DecodedFile } from '../../source';

/** What an alembic.ini says about its migrations. */
export interface AlembicIni {
  /** The ini file's path, as given. */
  path: string;
  /** The folder holding the migration environment (env.py, versions/), resolved; null when unset. */
  scriptLocation: string | null;
  /** The folders holding revision files, resolved: `version_locations`, else `<script_location>/versions`. */
  versionLocations: string[];
  /** The dialect of `sqlalchemy.url`, or null when the URL is missing or names no known database. */
  dialect: SqlDialect | null;
}

/** Reads the `[alembic]` section of an alembic.ini. Never throws. */
export function readAlembicIni(file: DecodedFile): { ini: AlembicIni; diagnostics: Diagnostic[] } {
  const here = dirname(file.path);
  const section = iniSection(file.text, 'alembic');
  const value = (key: string) => {
    const v = section.get(key);
    return v === undefined ? null : interpolate(v.value, HERE, section);
  };
  const diagnostics: Diagnostic[] = [];
  const location = value('script_location');
  const scriptLocation = location === null ? null : resolveLocation(location, here);
  if (location === null) {
    const at = section.get('script_location')?.offset ?? 0;
    diagnostics.push(
      diagnosticAt(file, at, 'warning', 'alembic.ini has no script_location in its [alembic] section; add `script_location = alembic` (the folder holding env.py and versions/)', 'alembic/ini'),
    );
  }
  const listed = value('version_locations');
  const versionLocations =
    listed !== null && listed.trim() !== ''
      ? listed.split(/[\s,;:]+/).filter((p) => p !== '').map((p) => resolveLocation(p, here))
      : scriptLocation !== null
        ? [joinPath(scriptLocation, 'versions')]
        : [];
  return { ini: { path: file.path, scriptLocation, versionLocations, dialect: dialectOf(value('sqlalchemy.url')) }, diagnostics };
}

/** The dialect a SQLAlchemy URL names (`postgresql+psycopg2://...`, `sqlite:///app.db`). */
function dialectOf(url: string | null): SqlDialect | null {
  const m = url === null ? null : /^\s*([a-z][a-z0-9]*)(?:\+[\w.]+)?:\/\//i.exec(url);
  if (!m) return null;
  const name = m[1].toLowerCase();
  if (name === 'postgresql' || name === 'postgres') return 'postgresql';
  if (name === 'mysql' || name === 'mariadb') return 'mysql';
  if (name === 'sqlite') return 'sqlite';
  return null;
}

interface IniValue {
  value: string;
  /** Offset of the key in the file, for diagnostics. */
  offset: number;
}

/**
 * One section of an INI file as Python's configparser reads it: `key = value` or `key: value`,
 * keys lower-cased, indented lines continuing the previous value, `#`/`;` comment lines skipped.
 */
function iniSection(text: string, wanted: string): Map<string, IniValue> {
  const out = new Map<string, IniValue>();
  let inside = false;
  let last: IniValue | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      inside = header[1].trim() === wanted;
      last = null;
      continue;
    }
    if (!inside) continue;
    if (/^\s/.test(line) && last) {
      last.value += `\n${trimmed}`;
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!pair) continue;
    last = { value: pair[2], offset: start + line.indexOf(pair[1]) };
    out.set(pair[1].toLowerCase(), last);
  }
  return out;
}

/** Replaces `%(here)s` and `%(key)s` references to the same section, and `%%`, as configparser does. */
function interpolate(value: string, here: string, section: Map<string, IniValue>, depth = 0): string {
  return value.replace(/%\((\w+)\)s|%%/g, (m, key: string | undefined) => {
    if (m === '%%') return '%';
    if (key === 'here') return here;
    const other = section.get(key!.toLowerCase());
    return other && depth < 8 ? interpolate(other.value, here, section, depth + 1) : '';
  });
}

/** Stands for `%(here)s` until a location is resolved against the ini's folder. */
const HERE = '\u0000here';

/**
 * A script or version location relative to the ini's folder (where Alembic is normally run from).
 * A package resource `package:path` is looked up as the folder `package/path` beside the ini.
 */
function resolveLocation(location: string, here: string): string {
  const trimmed = location.trim();
  if (trimmed.includes(HERE)) return normalizePath(trimmed.split(HERE).join(here));
  const resource = /^([A-Za-z_][\w.]*):(.*)$/.exec(trimmed);
  const plain = resource ? joinPath(resource[1].replace(/\./g, '/'), resource[2]) : trimmed;
  return plain.startsWith('/') ? normalizePath(plain) : joinPath(here, plain);
}

/** The folder part of a forward-slash path (`.` for a bare name). */
export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

/** Joins and normalises forward-slash paths (`a/./b/../c` → `a/c`). */
export function joinPath(...parts: string[]): string {
  return normalizePath(parts.filter((p) => p !== '').join('/'));
}

/** Removes `.` and `name/..` segments and doubled slashes; keeps leading `..` segments. */
export function normalizePath(p: string): string {
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg !== '..' || !absolute) out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined === '' ? '.' : joined;
}

/** Whether `file` lies inside `folder` (both normalised forward-slash paths). */
export function isInside(file: string, folder: string): boolean {
  const f = normalizePath(file);
  const d = normalizePath(folder);
  return d === '.' ? !f.startsWith('../') && !f.startsWith('/') : f.startsWith(`${d}/`);
}
