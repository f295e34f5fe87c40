// Fixing one drift item in a factories file, so the result is what regenerating would give for
// that factory while every other factory stays as it is. `checkDrift` gives the item's line edits;
// this adds what they leave out: the imports the updated factory needs (taken from the freshly
// generated file, never dropping a name the old file still imports) and a new checksum, without
// which the next regeneration would take the fixed file for one edited by hand.

import type { Analysis } from './analysis/graph';
import { checkDrift, type DriftItem, type LineEdit } from './drift';
import { stampChecksum, userSections } from './emit/regions';
import { generatePython, type PythonGenerateOptions } from './generate';
import type { Schema } from './ir';

const USER_REGION = /^\s*# ?region user code: (.+?)[ \t]*$/;
const CHECKSUM_LINE = /^(#|\/\/) fixture-scaffold checksum: [0-9a-f]{16}[ \t]*$/m;

/** The factories file with the drift of `factory` fixed, or null when that factory has no drift. */
export interface DriftFix {
  item: DriftItem;
  /** The whole new text of the factories file. */
  text: string;
}

/**
 * Checks `existing` against the schema and fixes the item of `factory` (e.g. `OrderFactory`), or
 * returns null when that factory is up to date (or the file cannot be checked).
 */
export function fixFactoryDrift(
  schema: Schema,
  analysis: Analysis,
  existing: string,
  options: PythonGenerateOptions,
  factory: string,
): DriftFix | null {
  const item = checkDrift(schema, analysis, existing, options).items.find((i) => i.factory === factory);
  if (!item || item.edits.length === 0) return null;
  const fresh = generatePython(schema, analysis, { ...options, factoriesOnly: true }).files.find((f) => f.path === 'factories.py');
  if (!fresh) return null;
  return { item, text: applyDriftItem(existing, item, fresh.contents) };
}

/** Applies `item`'s edits to `existing`, brings its imports up to date from `fresh`, re-stamps it. */
export function applyDriftItem(existing: string, item: DriftItem, fresh: string): string {
  const crlf = existing.includes('\r\n');
  const edited = applyLineEdits(existing.replace(/\r\n/g, '\n'), item.edits);
  const text = restamp(withFreshPreamble(edited, fresh));
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

/**
 * Applies whole-line edits (1-based, inclusive; `end < start` inserts before line `start`), all
 * relative to the original text, as `checkDrift` produces them.
 */
export function applyLineEdits(text: string, edits: LineEdit[]): string {
  const lines = text.split('\n');
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of ordered) {
    const body = e.end < e.start && e.text.endsWith('\n') ? e.text.slice(0, -1) : e.text;
    const count = e.end < e.start ? 0 : e.end - e.start + 1;
    lines.splice(e.start - 1, count, ...body.split('\n'));
  }
  return lines.join('\n');
}

/**
 * `text` with its preamble (header, docstring, imports and helpers: everything above the first
 * class) replaced by the fresh one, keeping the bodies of the old user sections, plus an import for
 * every name the old preamble imported that the fresh one no longer does, so a factory left
 * untouched never loses a name it uses.
 */
function withFreshPreamble(text: string, fresh: string): string {
  const lines = text.split('\n');
  const freshLines = fresh.split('\n');
  const end = preambleEnd(lines);
  const freshEnd = preambleEnd(freshLines);
  if (end === -1 || freshEnd === -1) return text;
  const preamble = withUserCode(freshLines.slice(0, freshEnd), userSections(lines.slice(0, end).join('\n')));
  const kept = importedNames(lines.slice(0, end));
  const fresher = importedNames(preamble);
  const extra: string[] = [];
  for (const [module, names] of kept.names) {
    const missing = [...names].filter((n) => !fresher.names.get(module)?.has(n)).sort();
    if (missing.length === 0) continue;
    extra.push(...(module === '' ? missing.map((m) => `import ${m}`) : [`from ${module} import ${missing.join(', ')}`]));
  }
  preamble.splice(fresher.lastLine + 1, 0, ...extra);
  return [...preamble, ...lines.slice(end)].join('\n');
}

/** Index of the first line of the first class (with the comment lines just above it), or -1. */
function preambleEnd(lines: string[]): number {
  let end = lines.findIndex((l) => /^class \w+/.test(l));
  while (end > 0 && lines[end - 1].startsWith('#')) end--;
  return end;
}

/** `lines` with the body of each user section replaced by the one in `sections`, when it has one. */
function withUserCode(lines: string[], sections: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    const open = USER_REGION.exec(lines[i]);
    const body = open ? sections.get(open[1]) : undefined;
    if (!body) continue;
    out.push(...body);
    while (i + 1 < lines.length && !/^\s*# ?endregion user code:/.test(lines[i + 1])) i++;
  }
  return out;
}

/** Names imported by `from m import ...` (by module) and `import m` (module ''), and the last import's line. */
function importedNames(lines: string[]): { names: Map<string, Set<string>>; lastLine: number } {
  const names = new Map<string, Set<string>>();
  const add = (module: string, list: string) => {
    const set = names.get(module) ?? new Set<string>();
    for (const n of list.replace(/[()]/g, '').split(',')) if (n.trim() !== '') set.add(n.trim().replace(/\s+/g, ' '));
    names.set(module, set);
  };
  let lastLine = -1;
  for (let i = 0; i < lines.length; i++) {
    const from = /^from\s+(\S+)\s+import\s+(.*)$/.exec(withoutComment(lines[i]));
    const plain = /^import\s+(.+)$/.exec(withoutComment(lines[i]));
    if (from) {
      let list = from[2];
      while (list.includes('(') && !list.includes(')') && i + 1 < lines.length) list += ` ${withoutComment(lines[++i])}`;
      add(from[1], list);
      lastLine = i;
    } else if (plain) {
      add('', plain[1]);
      lastLine = i;
    }
  }
  return { names, lastLine };
}

/** A line of Python without its trailing comment (import lines hold no `#` in strings). */
function withoutComment(line: string): string {
  const hash = line.indexOf('#');
  return hash === -1 ? line : line.slice(0, hash).trimEnd();
}

/** `text` with its checksum recomputed, so it reads as generated again. */
function restamp(text: string): string {
  if (!CHECKSUM_LINE.test(text)) return text;
  return stampChecksum(text.replace(CHECKSUM_LINE, (_line, prefix: string) => `${prefix} fixture-scaffold checksum: {{checksum}}`));
}
