// Small building blocks for emitting Python that ruff would leave untouched: string literals,
// isort-ordered imports, and line wrapping of calls at 100 columns.

export const LINE_LENGTH = 100;

/** A Python string literal the way ruff formats it: double quotes unless that needs more escapes. */
export function pyStr(s: string): string {
  const useSingle = s.includes('"') && !s.includes("'");
  const q = useSingle ? "'" : '"';
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += `\\${q}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

/** A Python literal for a JSON-like value. */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return pyStr(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>);
  return `{${entries.map(([k, x]) => `${pyStr(k)}: ${pyLiteral(x)}`).join(', ')}}`;
}

export function pyFloat(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
);

export function isPyKeyword(s: string): boolean {
  return PY_KEYWORDS.has(s);
}

export function isPyIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !PY_KEYWORDS.has(s);
}

type Section = 'future' | 'stdlib' | 'thirdparty' | 'firstparty' | 'local';
const SECTION_ORDER: Section[] = ['future', 'stdlib', 'thirdparty', 'firstparty', 'local'];

const STDLIB = new Set([
  'abc', 'asyncio', 'atexit', 'collections', 'contextlib', 'dataclasses', 'datetime', 'decimal', 'enum', 'functools',
  'getpass', 'itertools', 'json', 'logging', 'os', 'pathlib', 'pwd', 'random', 're', 'shutil', 'signal', 'socket',
  'subprocess', 'sys', 'tempfile', 'time', 'typing', 'uuid', 'warnings', 'collections.abc', 'importlib',
]);

/**
 * Collects imports and renders them in isort order (ruff's `I` rules with default settings):
 * sections future, stdlib, third-party, first-party, local; in each, `import x` lines first, then
 * `from x import ...`, modules compared case-insensitively, names ordered constants, classes, others.
 */
export class Imports {
  private readonly straight = new Map<string, Section>();
  private readonly from = new Map<string, { section: Section; names: Set<string> }>();

  constructor(private readonly firstParty: Set<string> = new Set()) {}

  private sectionOf(module: string): Section {
    if (module === '__future__') return 'future';
    if (module.startsWith('.')) return 'local';
    const top = module.split('.')[0];
    if (STDLIB.has(module) || STDLIB.has(top)) return 'stdlib';
    if (this.firstParty.has(top)) return 'firstparty';
    return 'thirdparty';
  }

  import(module: string): this {
    this.straight.set(module, this.sectionOf(module));
    return this;
  }

  fromImport(module: string, ...names: string[]): this {
    const entry = this.from.get(module) ?? { section: this.sectionOf(module), names: new Set<string>() };
    for (const n of names) entry.names.add(n);
    this.from.set(module, entry);
    return this;
  }

  /** A new collection holding the imports of both. */
  merge(other: Imports): Imports {
    const out = new Imports(this.firstParty);
    for (const src of [this, other]) {
      for (const [m, section] of src.straight) out.straight.set(m, section);
      for (const [m, e] of src.from) {
        const entry = out.from.get(m) ?? { section: e.section, names: new Set<string>() };
        e.names.forEach((n) => entry.names.add(n));
        out.from.set(m, entry);
      }
    }
    return out;
  }

  render(): string {
    const blocks: string[] = [];
    for (const section of SECTION_ORDER) {
      const lines: string[] = [];
      const straight = [...this.straight].filter(([, s]) => s === section).map(([m]) => m);
      straight.sort(compareModules);
      for (const m of straight) lines.push(`import ${m}`);
      const froms = [...this.from].filter(([, e]) => e.section === section);
      froms.sort(([a], [b]) => compareModules(a, b));
      for (const [m, e] of froms) lines.push(renderFrom(m, [...e.names].sort(compareNames)));
      if (lines.length > 0) blocks.push(lines.join('\n'));
    }
    return blocks.join('\n\n');
  }
}

function compareModules(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function nameKind(n: string): number {
  if (n.length > 1 && n === n.toUpperCase() && /[A-Z]/.test(n)) return 0;
  if (/^[A-Z]/.test(n)) return 1;
  return 2;
}

function compareNames(a: string, b: string): number {
  return nameKind(a) - nameKind(b) || compareModules(a, b);
}

function renderFrom(module: string, names: string[]): string {
  const one = `from ${module} import ${names.join(', ')}`;
  if (one.length <= LINE_LENGTH) return one;
  return `from ${module} import (\n${names.map((n) => `    ${n},`).join('\n')}\n)`;
}

/**
 * Renders `head(arg, arg, ...)` the way ruff would: on one line when it fits at `indent`; else the
 * arguments together on one indented line when that fits; else one argument per line with a
 * trailing comma. `head` is everything before the parenthesis (e.g. `    name = factory.Faker`).
 */
export function call(head: string, args: string[], indent: string, suffix = ''): string {
  const one = `${head}(${args.join(', ')})${suffix}`;
  const multiline = args.some((a) => a.includes('\n'));
  if (indent.length + one.length <= LINE_LENGTH && !multiline) return one;
  const inner = indent + '    ';
  const joined = args.join(', ');
  if (!multiline && inner.length + joined.length <= LINE_LENGTH) {
    return `${head}(\n${inner}${joined}\n${indent})${suffix}`;
  }
  return `${head}(\n${args.map((a) => `${inner}${a.replace(/\n/g, `\n${inner}`)},`).join('\n')}\n${indent})${suffix}`;
}

/** Indents every non-empty line of `text` by `prefix`. */
export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? prefix + l : l))
    .join('\n');
}
