// Small building blocks for emitting TypeScript the way prettier would format it with the settings
// most projects use (2 spaces, single quotes, semicolons, trailing commas, 100 columns): string
// literals, imports, doc comments, object literals and signatures that wrap when they are too long.

import { checksumLine, TYPESCRIPT } from '../regions';

export const LINE_LENGTH = 100;

/** A TypeScript string literal: single quotes unless the text holds more single than double quotes. */
export function tsStr(s: string): string {
  const singles = (s.match(/'/g) ?? []).length;
  const doubles = (s.match(/"/g) ?? []).length;
  const q = singles > doubles ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return q + out + q;
}

/** A template literal holding `s` verbatim (backslashes, backticks and `${` escaped). */
export function tsTemplate(s: string): string {
  return `\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/** A number literal; integers beyond 2^53 are not expected here. */
export function tsNumber(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await as any boolean constructor ' +
    'declare get module require number set string symbol type from of undefined'
  ).split(' '),
);

/** True when `s` can be a local variable name (not a reserved or contextual keyword). */
export function isPlainIdentifier(s: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s) && !RESERVED_WORDS.has(s);
}

/** An object literal key: the name itself when it is an identifier, else a string literal. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : tsStr(name);
}

/** `receiver.name`, or `receiver['name']` when the name is no identifier. */
export function member(receiver: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${receiver}.${name}` : `${receiver}[${tsStr(name)}]`;
}

/** `OrderLine` → `orderLine`: Prisma's delegate naming (only the first character changes). */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `orderLine` → `OrderLine`. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `head(a, b) tail` on one line when it fits at `indent`, else one parameter per line with a
 * trailing comma, as prettier breaks function signatures and calls.
 */
export function parameterList(indent: string, head: string, params: string[], tail: string): string {
  const one = `${indent}${head}(${params.join(', ')})${tail}`;
  if ((one.length <= LINE_LENGTH && !one.includes('\n')) || params.length === 0) return one;
  return `${indent}${head}(\n${params.map((p) => `${indent}  ${p},`).join('\n')}\n${indent})${tail}`;
}

/** A `/** ... *\/` doc comment, on one line when it fits, else wrapped at word boundaries. */
export function docComment(text: string, indent = ''): string {
  const one = `${indent}/** ${text} */`;
  if (one.length <= LINE_LENGTH) return one;
  const lines = wrapWords(text, LINE_LENGTH - indent.length - 3);
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join('\n');
}

/** Line comments (`// ...`) wrapped at word boundaries. */
export function lineComment(text: string, indent = ''): string {
  return wrapWords(text, LINE_LENGTH - indent.length - 3)
    .map((l) => `${indent}// ${l}`)
    .join('\n');
}

/** Splits text into lines of at most `width` characters (a longer word gets a line of its own). */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** One module's imported names: values and type-only names, rendered as separate statements. */
interface ModuleImports {
  values: Set<string>;
  types: Set<string>;
}

/**
 * Collects imports and renders them deterministically: packages before relative paths, each group
 * in alphabetical order, names sorted, `import type` for names used only as types.
 */
export class TsImports {
  private readonly modules = new Map<string, ModuleImports>();

  /** Imports `names` (`Role` or `faker` or `fakerDE as faker`) as values. */
  value(module: string, ...names: string[]): this {
    const entry = this.entry(module);
    for (const n of names) entry.values.add(n);
    return this;
  }

  /** Imports `names` for use in types only. */
  type(module: string, ...names: string[]): this {
    const entry = this.entry(module);
    for (const n of names) entry.types.add(n);
    return this;
  }

  private entry(module: string): ModuleImports {
    let entry = this.modules.get(module);
    if (!entry) {
      entry = { values: new Set(), types: new Set() };
      this.modules.set(module, entry);
    }
    return entry;
  }

  render(): string {
    const order = [...this.modules.keys()].sort((a, b) => {
      const ra = a.startsWith('.') ? 1 : 0;
      const rb = b.startsWith('.') ? 1 : 0;
      return ra - rb || compareText(a, b);
    });
    const lines: string[] = [];
    for (const module of order) {
      const entry = this.modules.get(module)!;
      // A name imported as a value is usable as a type too.
      const types = [...entry.types].filter((t) => !entry.values.has(t));
      if (entry.values.size > 0) lines.push(importLine('import', [...entry.values], module));
      if (types.length > 0) lines.push(importLine('import type', types, module));
    }
    return lines.join('\n');
  }
}

/** Compares by code points, so the order never depends on the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `import { a, b } from 'm';`, wrapped one name per line when too long. */
function importLine(keyword: string, names: string[], module: string): string {
  const sorted = [...names].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  const one = `${keyword} { ${sorted.join(', ')} } from ${tsStr(module)};`;
  if (one.length <= LINE_LENGTH) return one;
  return `${keyword} {\n${sorted.map((n) => `  ${n},`).join('\n')}\n} from ${tsStr(module)};`;
}

/** Joins top-level blocks with one blank line between them and a final newline. */
export function joinBlocks(blocks: string[]): string {
  return `${blocks.filter((b) => b.length > 0).join('\n\n')}\n`;
}

/** Where a generated file comes from and how to regenerate it; the checksum is stamped later. */
export interface HeaderSource {
  /** The schema as the user named it. */
  source: string;
  /** The command that regenerates the files. */
  command: string;
}

/** The header of every generated file: what it is, how to regenerate it, its checksum line. */
export function header(source: HeaderSource, what: string, editing: string): string {
  return [
    `// Generated by Fixture Scaffold from ${source.source}: ${what}.`,
    `// Regenerate with: ${source.command}`,
    `// ${editing}`,
    checksumLine(TYPESCRIPT),
  ].join('\n');
}

/** The usual third header line: edits belong in the user-code regions. */
export const EDIT_IN_REGIONS = 'Edit only inside the "user code" regions; everything else is rewritten on regeneration.';
