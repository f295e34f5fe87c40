// Python source built structurally and laid out the way `ruff format` (line length 100) lays it
// out, so generated files pass `ruff format --check` and `ruff check` (E, F, I) untouched. Only
// the shapes the emitters produce are covered: statements whose right-hand side is a call, list,
// tuple or dict, split Black-style at the outermost brackets (a call's arguments on one indented
// line when they fit, else one item a line with a trailing comma; collection literals always one
// item a line), import blocks sorted like isort, string
// literals quoted like ruff, comments and docstrings wrapped.

/** A Python expression. */
export type Py =
  | { t: 'atom'; text: string }
  | { t: 'call'; callee: string; args: Py[] }
  | { t: 'seq'; open: '(' | '[' | '{'; items: Py[] }
  | { t: 'pair'; key: string; sep: '=' | ': '; value: Py };

export const LINE_LENGTH = 100;
const INDENT = '    ';

/** A name, number or any expression that is never split. */
export function atom(text: string): Py {
  return { t: 'atom', text };
}

/** A call `callee(args...)`. */
export function call(callee: string, ...args: Py[]): Py {
  return { t: 'call', callee, args };
}

/** A keyword argument `name=value`. */
export function kw(name: string, value: Py | string): Py {
  return { t: 'pair', key: name, sep: '=', value: typeof value === 'string' ? atom(value) : value };
}

/** A list `[...]`. */
export function list(items: Py[]): Py {
  return { t: 'seq', open: '[', items };
}

/** A tuple `(...)`; a one-item tuple gets its comma. */
export function tuple(items: Py[]): Py {
  return { t: 'seq', open: '(', items };
}

/** A dict `{key: value, ...}` with string keys. */
export function dict(entries: [string, Py][]): Py {
  return { t: 'seq', open: '{', items: entries.map(([k, v]) => ({ t: 'pair', key: pyString(k), sep: ': ', value: v })) };
}

/** A string literal as ruff writes it: double quotes unless the text has more `"` than `'`. */
export function str(value: string): Py {
  return atom(pyString(value));
}

/** Renders a string literal (see `str`). */
export function pyString(value: string): string {
  const doubles = [...value].filter((c) => c === '"').length;
  const singles = [...value].filter((c) => c === "'").length;
  const quote = doubles > singles ? "'" : '"';
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    if (c === '\\') out += '\\\\';
    else if (c === quote) out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code < 0xe000)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += c;
  }
  return `${quote}${out}${quote}`;
}

/** The expression on one line. */
export function flat(e: Py): string {
  switch (e.t) {
    case 'atom':
      return e.text;
    case 'call':
      return `${e.callee}(${e.args.map(flat).join(', ')})`;
    case 'pair':
      return `${e.key}${e.sep}${flat(e.value)}`;
    case 'seq': {
      const close = closing(e.open);
      const body = e.items.map(flat).join(', ');
      return e.open === '(' && e.items.length === 1 ? `(${body},)` : `${e.open}${body}${close}`;
    }
  }
}

function closing(open: '(' | '[' | '{'): string {
  return open === '(' ? ')' : open === '[' ? ']' : '}';
}

/**
 * Lays out `prefix + expression + suffix` at an indentation level (in steps of four spaces) and
 * returns the lines, indented. Lines that stay too long (a long string cannot be split) get a
 * `# noqa: E501`, which ruff's formatter leaves out of its width.
 */
export function layout(prefix: string, e: Py, suffix: string, level: number): string[] {
  return split(prefix, e, suffix, level).map((line) =>
    line.length > LINE_LENGTH ? `${line}  # noqa: E501` : line,
  );
}

function split(prefix: string, e: Py, suffix: string, level: number): string[] {
  const pad = INDENT.repeat(level);
  const oneLine = `${pad}${prefix}${flat(e)}${suffix}`;
  if (oneLine.length <= LINE_LENGTH) return [oneLine];
  if (e.t === 'pair') return split(`${prefix}${e.key}${e.sep}`, e.value, suffix, level);
  if (e.t === 'atom') return [oneLine];
  const items = e.t === 'call' ? e.args : e.items;
  if (items.length === 0) return [oneLine];
  const open = e.t === 'call' ? `${e.callee}(` : e.open;
  const close = e.t === 'call' ? ')' : closing(e.open);
  const head = `${pad}${prefix}${open}`;
  const tail = `${pad}${close}${suffix}`;
  const tupleOfOne = e.t === 'seq' && e.open === '(' && items.length === 1;
  if (items.length === 1 && !tupleOfOne) return [head, ...split('', items[0], '', level + 1), tail];
  // Like Black, a split collection literal (not a call) with commas gets one item a line.
  const body = `${INDENT.repeat(level + 1)}${items.map(flat).join(', ')}`;
  if (body.length <= LINE_LENGTH && e.t === 'call') return [head, body, tail];
  return [head, ...items.flatMap((item) => split('', item, ',', level + 1)), tail];
}

/** `# ` comment lines wrapped to the line length at an indentation level. */
export function comment(text: string, level: number): string[] {
  const pad = `${INDENT.repeat(level)}# `;
  return wrap(text, LINE_LENGTH - pad.length).map((l) => `${pad}${l}`.trimEnd());
}

/** Wraps text at spaces; a word longer than the width gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A module docstring from paragraphs, wrapped; backslashes and triple quotes are neutralised. */
export function docstring(paragraphs: string[]): string {
  const safe = (p: string) => p.replace(/\\/g, '/').replace(/"""/g, "'''");
  const body = paragraphs.map((p) => wrap(safe(p), LINE_LENGTH).join('\n'));
  const [first, ...rest] = body;
  return rest.length === 0 ? `"""${first}"""` : `"""${first}\n\n${rest.join('\n\n')}\n"""`;
}

/**
 * The imports of a module, rendered as ruff's isort (defaults) sorts them: standard library, then
 * third party; in each, `import x` lines before `from x import ...` lines; modules alphabetically;
 * imported names constants first, then classes, then functions and variables.
 */
export class Imports {
  private readonly modules = new Set<string>();
  private readonly names = new Map<string, Set<string>>();

  /** `import module`. */
  module(name: string): this {
    this.modules.add(name);
    return this;
  }

  /** `from module import name`. */
  from(module: string, name: string): this {
    let set = this.names.get(module);
    if (!set) this.names.set(module, (set = new Set()));
    set.add(name);
    return this;
  }

  render(stdlib: ReadonlySet<string>): string {
    const top = (m: string) => m.split('.')[0];
    const section = (std: boolean) => {
      const straight = [...this.modules].filter((m) => stdlib.has(top(m)) === std).sort(byModule).map((m) => `import ${m}`);
      const froms = [...this.names.keys()]
        .filter((m) => stdlib.has(top(m)) === std)
        .sort(byModule)
        .flatMap((m) => fromImport(m, [...this.names.get(m)!].sort(byMember)));
      return [...straight, ...froms].join('\n');
    };
    return [section(true), section(false)].filter((s) => s.length > 0).join('\n\n');
  }
}

/** `from module import a, b` on one line when it fits, else one name a line in parentheses. */
function fromImport(module: string, names: string[]): string[] {
  const line = `from ${module} import ${names.join(', ')}`;
  if (line.length <= LINE_LENGTH) return [line];
  return [`from ${module} import (`, ...names.map((n) => `${INDENT}${n},`), ')'];
}

function byModule(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

/** isort's `order-by-type`: CONSTANTS, then Classes, then everything else; then by name. */
function byMember(a: string, b: string): number {
  const kind = (n: string) => (n.length > 1 && n === n.toUpperCase() ? 0 : n[0] === n[0].toUpperCase() && n[0] !== '_' ? 1 : 2);
  return kind(a) - kind(b) || (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0);
}
