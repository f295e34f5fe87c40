// Line breaking for the expressions the emitters write, the way prettier breaks them at 100
// columns: a call's arguments go one per line (or the call hugs a last object argument), an object
// or array goes one entry per line with trailing commas, and a conditional that does not fit moves
// below its property or assignment with `?` and `:` branches on lines of their own. The emitters
// build expressions as strings; this reads their brackets, strings and top-level operators back.

import { LINE_LENGTH } from './code';

/** A bracketed part of an expression: its offsets (brackets included) and bracket. */
interface Group {
  start: number;
  end: number;
  open: string;
}

const CLOSING: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/**
 * Calls `visit` for every character of `code` outside string and template literals, with the
 * bracket depth before it; returning true stops the walk.
 */
function walk(code: string, visit: (i: number, depth: number) => boolean | void): void {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(code, i);
      continue;
    }
    if (c === ')' || c === ']' || c === '}') depth--;
    if (visit(i, depth) === true) return;
    if (c === '(' || c === '[' || c === '{') depth++;
  }
}

/** The offset of the quote that closes the string literal opening at `start`. */
function endOfString(code: string, start: number): number {
  const quote = code[start];
  for (let i = start + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i;
  }
  return code.length;
}

/** The top-level bracketed groups of `code`, in order. */
function topGroups(code: string): Group[] {
  const groups: Group[] = [];
  let open = -1;
  walk(code, (i, depth) => {
    const c = code[i];
    if (depth === 0 && CLOSING[c] !== undefined) open = i;
    if (depth === 0 && open !== -1 && c === CLOSING[code[open]]) {
      groups.push({ start: open, end: i + 1, open: code[open] });
      open = -1;
    }
  });
  return groups;
}

/** Splits `code` at every top-level occurrence of `separator`. */
function splitTop(code: string, separator: string): string[] {
  const parts: string[] = [];
  let from = 0;
  walk(code, (i, depth) => {
    if (depth === 0 && code.startsWith(separator, i)) {
      parts.push(code.slice(from, i));
      from = i + separator.length;
    }
  });
  parts.push(code.slice(from));
  return parts;
}

/** `[test, whenTrue, whenFalse]` when `code` is a conditional expression at its top level. */
function splitConditional(code: string): [string, string, string] | null {
  const [test, ...rest] = splitTop(code, ' ? ');
  if (rest.length !== 1) return null;
  const branches = splitTop(rest[0], ' : ');
  return branches.length === 2 ? [test, branches[0], branches[1]] : null;
}

/** The items between a group's brackets, split at top-level commas. */
function items(code: string, group: Group): string[] {
  const inner = code.slice(group.start + 1, group.end - 1).trim();
  if (inner === '') return [];
  return splitTop(inner, ', ').map((s) => s.trim());
}

/**
 * Lays out one expression that starts at `column` on a line indented by `indent` and is followed
 * by `suffix` (which is not included in the result). Continuation lines carry their own indentation.
 */
export function layoutExpression(code: string, indent: string, column: number, suffix = ''): string {
  if (column + code.length + suffix.length <= LINE_LENGTH) return code;
  const conditional = splitConditional(code);
  if (conditional) {
    const [test, whenTrue, whenFalse] = conditional;
    const inner = `${indent}  `;
    // A branch continues two columns further in, after its `? ` or `: `.
    const branch = (text: string, more: string) => layoutExpression(text, `${inner}  `, inner.length + 2, more);
    return `${test}\n${inner}? ${branch(whenTrue, '')}\n${inner}: ${branch(whenFalse, suffix)}`;
  }
  const groups = breakableGroups(code);
  // Break the last group whose opening line fits, as prettier breaks the last call of a chain
  // unless its head is too long (`expect(...).toBe(2)` breaks the first call).
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g];
    if (column + group.start + 1 <= LINE_LENGTH || g === 0) return breakGroup(code, group, indent, column);
  }
  return code;
}

/** The top-level groups that may be broken: an index (`rows[0]`) is no array literal and never is. */
function breakableGroups(code: string): Group[] {
  return topGroups(code).filter((g) => g.open !== '[' || g.start === 0 || !/[\w$)\]]/.test(code[g.start - 1]));
}

/** An argument a call keeps on its own line while breaking inside it: an object or array literal. */
function huggable(argument: string): boolean {
  return (argument.startsWith('{') && argument.endsWith('}')) || (argument.startsWith('[') && argument.endsWith(']'));
}

/** `(row) => ({ ... })`: an arrow function returning an object literal, split before the object. */
const ARROW_TO_OBJECT = /^(\([^()]*\) => \()(\{.*\})\)$/s;

/** Breaks one group of `code` over several lines. */
function breakGroup(code: string, group: Group, indent: string, column: number): string {
  const head = code.slice(0, group.start);
  const tail = code.slice(group.end);
  const list = items(code, group);
  const inner = `${indent}  `;
  if (list.length === 0) return code;
  const last = list[list.length - 1];
  if (group.open === '(') {
    // A call hugs its last argument when that is an object or array literal, or an arrow function
    // returning an object: `f(a, {` ... `})`, `map((row) => ({` ... `}))`.
    const before = list.slice(0, -1).map((x) => `${x}, `).join('');
    const arrow = ARROW_TO_OBJECT.exec(last);
    const [opening, literal, closing] = arrow ? [arrow[1], arrow[2], ')'] : ['', last, ''];
    const literalColumn = column + head.length + 1 + before.length + opening.length;
    if (huggable(literal) && literalColumn + 1 <= LINE_LENGTH) {
      const literalGroup = { start: 0, end: literal.length, open: literal[0] };
      return `${head}(${before}${opening}${breakGroup(literal, literalGroup, indent, literalColumn)}${closing})${tail}`;
    }
  }
  const lines = list.map((item) => {
    if (group.open === '{') return layoutProperty(inner, item, ',');
    return `${inner}${layoutExpression(item, inner, inner.length, ',')},`;
  });
  return `${head}${group.open}\n${lines.join('\n')}\n${indent}${CLOSING[group.open]}${tail}`;
}

/** The offset of the `: ` after an object entry's key, or -1 for a spread or shorthand entry. */
function keyEnd(entry: string): number {
  if (entry.startsWith('...')) return -1;
  const key = /^([A-Za-z_$][A-Za-z0-9_$]*|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\??: /.exec(entry);
  return key ? key[0].length - 2 : -1;
}

/**
 * One `key: value` entry of an object literal (with its indentation and `suffix`, usually `,`). A
 * conditional value that does not fit goes on the next lines, indented, as prettier does.
 */
export function layoutProperty(indent: string, entry: string, suffix: string): string {
  const one = `${indent}${entry}${suffix}`;
  if (one.length <= LINE_LENGTH) return one;
  const colon = keyEnd(entry);
  if (colon === -1) return `${indent}${layoutExpression(entry, indent, indent.length, suffix)}${suffix}`;
  return `${indent}${entry.slice(0, colon)}:${valueAfter(entry.slice(colon + 2), indent, indent.length + colon + 1, suffix)}`;
}

/** `target = value;` with its indentation, broken like a property when too long. */
export function layoutAssignment(indent: string, target: string, value: string, suffix = ';'): string {
  const one = `${indent}${target} = ${value}${suffix}`;
  if (one.length <= LINE_LENGTH) return one;
  return `${indent}${target} =${valueAfter(value, indent, indent.length + target.length + 2, suffix)}`;
}

/**
 * A value after `key:` or `target =` (whose text ends at `column`). It moves to the next line,
 * indented, when it is a conditional whose test is an operation (`'id' in x ? ...`), or when its
 * first line would still be too long (nothing in it breaks early enough); otherwise it stays on the
 * line and breaks inside.
 */
function valueAfter(value: string, indent: string, column: number, suffix: string): string {
  const inner = `${indent}  `;
  const below = () => `\n${inner}${layoutExpression(value, inner, inner.length, suffix)}${suffix}`;
  const conditional = splitConditional(value);
  if (conditional && splitTop(conditional[0], ' ').length > 1) return below();
  const same = layoutExpression(value, indent, column + 1, suffix);
  const firstLine = same.split('\n')[0];
  if (column + 1 + firstLine.length + (same.includes('\n') ? 0 : suffix.length) > LINE_LENGTH) return below();
  return ` ${same}${suffix}`;
}

/** A statement (an expression followed by `;`) with its indentation. */
export function layoutStatement(indent: string, expression: string): string {
  return `${indent}${layoutExpression(expression, indent, indent.length, ';')};`;
}

/**
 * An object literal starting at `column` of a line indented by `indent`: on one line when it fits
 * (`{ a: 1, b: 2 }`), else one entry per line with trailing commas, each entry broken as needed.
 * Entries are `key: value` strings, `...spread`s, or `//` comment lines (kept on lines of their own).
 */
export function objectLiteral(entries: string[], indent: string, column: number): string {
  if (entries.length === 0) return '{}';
  const one = `{ ${entries.join(', ')} }`;
  if (column + one.length <= LINE_LENGTH && !entries.some((e) => e.startsWith('//'))) return one;
  const inner = `${indent}  `;
  const lines = entries.map((e) => (e.startsWith('//') ? `${inner}${e}` : layoutProperty(inner, e, ',')));
  return `{\n${lines.join('\n')}\n${indent}}`;
}
