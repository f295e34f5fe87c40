// The statement outline of a Python file, read with tree-sitter: module-level statements, classes
// (header, decorators, body statements) and decorated functions. Each simple statement's text is
// then read by `expr.ts`. tree-sitter is only asked for statement boundaries, so a file costs one
// parse plus a few wasm calls per statement.
//
// Syntax errors: tree-sitter recovers, but an unclosed bracket can swallow every class after it.
// So each error is reported once, the lines of the statement that holds it are blanked (replaced
// by spaces, keeping offsets and line numbers), and the file is parsed again, until it is clean.
//
// `textOutline` reads a plain file's statements from its text alone, with the same scanners that
// split class bodies; the reader uses it for large inputs while a worker thread parses them, and
// keeps it only when that parse has no error and finds the same module statements
// (`syntax-check.ts`).

import type { Node, Parser } from 'web-tree-sitter';
import type { Diagnostic } from '../../ir';
import { diagnosticAt, type DecodedFile } from '../../source';
import {
  assignmentTarget,
  classHeaderEnd,
  ExprError,
  parseClassHeader,
  parseAssignment,
  parseExpression,
  parseStatement,
  unclosedBracket,
  type Expr,
  type Keyword,
} from './expr';

export { pythonParser } from './parser';

/** A function defined in a class body (only decorated ones are kept: `@declared_attr`). */
export interface PyFunction {
  name: string;
  decorators: Expr[];
  /** The expression of the body's top-level `return`, or null when there is none or several paths. */
  returns: Expr | null;
  /** The `-> X` annotation, if any. */
  returnAnnotation: Expr | null;
  /** Offset of the `def` line's decorator or `def` keyword, and the end of the function. */
  start: number;
  end: number;
}

/**
 * A class definition. Its header is read up front; a plain class body (see `bodyStatements`) keeps
 * only its statements' start offsets and builds their `PyAssign`s on each `body` access, so a large
 * file's thousands of class-body statements are not kept alive for the whole read (each mapped
 * class's body is read once, when it is mapped).
 */
export class PyClass {
  /**
   * The class's attribute definitions once `models.ts` has read them (its cache: a field rather
   * than a WeakMap, whose entries cost every scavenge extra work).
   */
  definitions: readonly object[] | null = null;

  constructor(
    readonly name: string,
    /** Offset of the `class` keyword. */
    readonly start: number,
    readonly bases: Expr[],
    readonly keywords: Keyword[],
    /** `**kwargs` / `*args` in the class header. */
    readonly splat: Expr[],
    readonly decorators: Expr[],
    readonly file: PyFile,
    /** The statements read from the syntax tree, or null when the body is split from the text. */
    private stmts: PyStmt[] | null,
    /** Start offsets of a text-split body's statements (then `stmts` is null). */
    private readonly starts: number[] | null,
    /** The end of a text-split body (the next statement's start). */
    private readonly stop: number,
  ) {}

  /** The body's statements that the reader may care about (built afresh for a text-split body). */
  get body(): PyStmt[] {
    if (this.stmts) return this.stmts;
    const out: PyStmt[] = [];
    const starts = this.starts;
    if (!starts) return out;
    const text = this.file.text;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      const end = i + 1 < starts.length ? starts[i + 1] : this.stop;
      const word = leadingWord(text, start);
      if (word === 'class' || SKIPPED_WORDS.has(word)) continue;
      const target = assignmentTarget(text, start, end);
      if (target !== null) out.push(new PyAssign(target, start, end, this.file, null, this));
    }
    return out;
  }

  /** The first assignment to `target` in the body, found without building the others. */
  assignment(target: string): PyAssign | undefined {
    if (this.stmts) {
      for (const st of this.stmts) if (st.kind === 'assign' && st.target === target) return st;
      return undefined;
    }
    const starts = this.starts;
    if (!starts) return undefined;
    const text = this.file.text;
    for (let i = 0; i < starts.length; i++) {
      const start = starts[i];
      if (!text.startsWith(target, start) || isAsciiNameChar(text.charCodeAt(start + target.length))) continue;
      const end = i + 1 < starts.length ? starts[i + 1] : this.stop;
      if (assignmentTarget(text, start, end) === target) return new PyAssign(target, start, end, this.file, null, this);
    }
    return undefined;
  }

  /** Sets the statements of a body read from the syntax tree (they are built before the class). */
  setStatements(stmts: PyStmt[]): void {
    this.stmts = stmts;
    for (const st of stmts) if (st.kind === 'assign') st.cls = this;
  }
}

/** The parts of an assignment statement. */
export interface AssignParts {
  annotation: Expr | null;
  value: Expr | null;
}

const NOTHING: AssignParts = { annotation: null, value: null };

/**
 * An assignment `target [: annotation] [= value]`. Module-level ones are parsed once, up front;
 * class-body ones only keep their range and are parsed on each `read()`, so their expression trees
 * are short-lived (keeping every tree of a large file alive costs more in garbage collection than
 * parsing a statement twice).
 */
export class PyAssign {
  /** The statement kind (on the prototype: a large file has thousands of these). */
  get kind(): 'assign' {
    return 'assign';
  }

  constructor(
    readonly target: string,
    /** Offset of the target (the statement start). */
    readonly start: number,
    private readonly end: number,
    private readonly file: PyFile,
    private readonly parsed: AssignParts | null,
    /** The class whose body holds the statement; null at module level. */
    public cls: PyClass | null = null,
  ) {}

  /** The assigned name (as an attribute definition of `cls`). */
  get name(): string {
    return this.target;
  }

  /** Not a `@declared_attr` function (as an attribute definition). */
  get fn(): null {
    return null;
  }

  /** The annotation and value. A statement that cannot be read is reported once and reads as empty. */
  read(): AssignParts {
    if (this.parsed) return this.parsed;
    try {
      return parseAssignment(this.file.text, this.start, this.end);
    } catch (e) {
      unreadable(this.file, e);
      return NOTHING;
    }
  }
}

/** One statement of a module or class body that the reader may care about. */
export type PyStmt =
  | PyAssign
  | { kind: 'expr'; value: Expr; start: number }
  | { kind: 'function'; fn: PyFunction }
  | { kind: 'class'; cls: PyClass };

export interface PyFile {
  file: DecodedFile;
  /** The text the expressions' offsets refer to: the file's text with broken statements blanked. */
  text: string;
  body: PyStmt[];
  /** Syntax errors and statements this reader could not read. */
  diagnostics: Diagnostic[];
  /** Offsets already reported as unreadable (lazily read statements may be read several times). */
  reported: Set<number>;
}

/** Reports a statement the expression reader does not understand (once per position). */
function unreadable(file: PyFile, e: unknown): void {
  if (!(e instanceof ExprError)) throw e;
  if (file.reported.has(e.at)) return;
  file.reported.add(e.at);
  file.diagnostics.push(
    diagnosticAt(
      file.file,
      e.at,
      'warning',
      `could not read this statement (${e.message}); it was skipped — if it declares a column or table, simplify it`,
      'python/unreadable',
    ),
  );
}

/** How many broken statements a file may have before the rest of its errors are not recovered. */
const MAX_RECOVERIES = 50;

/**
 * Parses one file into its outline. Syntax errors become diagnostics (in `outline.diagnostics`,
 * which later lazy reads add to); the rest is still read. `textBodies: false` reads every class
 * body from the syntax tree (slower; tests compare both ways).
 */
export function outlineFile(parser: Parser, file: DecodedFile, options: { textBodies?: boolean } = {}): PyFile {
  const diagnostics: Diagnostic[] = [];
  let text = file.text;
  let tree = parser.parse(text);
  for (let round = 0; tree && tree.rootNode.hasError && round < MAX_RECOVERIES; round++) {
    const repair = describeFirstError(tree.rootNode, file, text);
    diagnostics.push(repair.diagnostic);
    if (repair.blankFrom >= repair.blankTo) break;
    text = blank(text, repair.blankFrom, repair.blankTo);
    tree.delete();
    tree = parser.parse(text);
  }
  const outline: PyFile = { file, text, body: [], diagnostics, reported: new Set() };
  if (!tree) return outline;
  const reader = new OutlineReader(outline, tree.rootNode.hasError, options.textBodies ?? true);
  try {
    outline.body = reader.block(tree.rootNode, 'module');
  } finally {
    tree.delete();
  }
  return outline;
}

/** Thrown by a text-split read for a construct only the syntax tree can tell apart. */
const NEEDS_TREE = new Error('needs the syntax tree');

/**
 * The outline of a file read from its text alone, without tree-sitter, or null when the file has
 * a construct the text scanners leave to the tree (see `moduleStatements` and `bodyStatements`).
 * Only right for valid Python: the caller confirms with a parse that the file has no syntax
 * error and that the parse finds the same module statements (`statementStarts` in parser.ts).
 */
export function textOutline(file: DecodedFile): { outline: PyFile; starts: number[] } | null {
  const starts = moduleStatements(file.text);
  if (!starts) return null;
  const outline: PyFile = { file, text: file.text, body: [], diagnostics: [], reported: new Set() };
  try {
    outline.body = new OutlineReader(outline, false, true).textModule(starts);
  } catch (e) {
    if (e === NEEDS_TREE) return null;
    throw e;
  }
  return { outline, starts };
}

/** Replaces `text[from, to)` by spaces, keeping line breaks, so offsets and lines stay valid. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ') + text.slice(to);
}

/** The first ERROR or MISSING node below `node`, in document order. */
function firstErrorNode(node: Node): Node | null {
  for (const child of node.children) {
    if (child.isMissing || child.type === 'ERROR') return child;
    if (child.hasError) {
      const inner = firstErrorNode(child);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * Explains the first syntax error and picks the lines to blank: those of the statement holding it,
 * up to the next line indented no deeper than that statement's first line.
 */
function describeFirstError(
  root: Node,
  file: DecodedFile,
  text: string,
): { diagnostic: Diagnostic; blankFrom: number; blankTo: number } {
  const error = firstErrorNode(root) ?? root;
  let statement: Node = error;
  while (statement.parent && statement.parent.type !== 'module' && statement.parent.type !== 'block') {
    statement = statement.parent;
  }
  const firstLine = file.lines.position(statement.startIndex).line;
  const from = file.lines.lineStart(firstLine);
  const to = statementEnd(text, file, firstLine);
  const lastLine = file.lines.position(Math.max(from, to - 1)).line;
  const unclosed = unclosedBracket(text, from, to);
  let at = error.startIndex;
  let what: string;
  if (unclosed) {
    at = unclosed.at;
    what = `"${unclosed.bracket}" is never closed`;
  } else if (error.isMissing) {
    what = `missing "${error.type}"`;
  } else {
    const snippet = text.slice(error.startIndex, error.endIndex).split('\n')[0].trim().slice(0, 40);
    what = snippet ? `invalid syntax near "${snippet}"` : 'invalid syntax';
  }
  const lines = firstLine === lastLine ? `line ${firstLine}` : `lines ${firstLine}-${lastLine}`;
  const diagnostic = diagnosticAt(
    file,
    at,
    'error',
    `Python syntax error: ${what}; ${lines} skipped (the rest of the file was read) — fix the syntax and run again`,
    'python/syntax',
  );
  return { diagnostic, blankFrom: from, blankTo: to };
}

/** Offset of the first line after `line` that holds code indented no deeper than `line`. */
function statementEnd(text: string, file: DecodedFile, line: number): number {
  const indent = indentation(text, file.lines.lineStart(line));
  for (let l = line + 1; l <= file.lines.lineCount; l++) {
    const start = file.lines.lineStart(l);
    const own = indentation(text, start);
    const c = text[start + own];
    if (c === undefined || c === '\n' || c === '\r' || c === '#') continue;
    if (own <= indent) return start;
  }
  return text.length;
}

/** The run of ASCII letters at `start` (the statement's keyword, if it has one). */
function leadingWord(text: string, start: number): string {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) i++;
    else break;
  }
  return text.slice(start, i);
}

function indentation(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}

/** Clauses that continue a compound statement at its own indentation (`else:` after `if ...:`). */
const CLAUSE_WORDS = new Set(['else', 'elif', 'except', 'finally']);

/**
 * The statement starts of a class body, read from the text: the body follows a header colon
 * ending at `from` and runs to `stop` (the next statement's start), and its statements are the
 * logical lines indented like its first one, except clauses (`else:`) continuing the one before.
 * Returns null — the caller then asks the syntax tree — for anything but a plain block of
 * space-indented lines: a body on the header's line, tabs or form feeds in indentation, a
 * decorator, `;`, an f-string, a lone carriage return, a line indented less than the body.
 * Only used on a tree without syntax errors, so the text is valid Python.
 */
function bodyStatements(text: string, from: number, stop: number): number[] | null {
  let i = from;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) === 35) i = commentEnd(text, i, stop);
  if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
  if (i >= stop) return null;
  if (text.charCodeAt(i) !== 10) return oneLineBody(text, i, stop);
  const starts = blockStarts(text, i + 1, stop, 'class');
  // An exact-size copy: the class keeps it for the whole read (see `exact` in build.ts).
  return starts && starts.length > 0 ? starts.slice() : null;
}

/**
 * The starts of the statements of a block whose lines begin at `i` and run to `stop`: the logical
 * lines at the block's indentation (column 0 for a module, the first line's for a class body)
 * except clauses (`else:`) continuing the one before. Null for what is left to the syntax tree
 * (see `bodyStatements`).
 */
function blockStarts(text: string, i: number, stop: number, block: 'module' | 'class'): number[] | null {
  const starts: number[] = [];
  let indent = block === 'module' ? 0 : -1;
  // The previous logical line's indentation and whether it ended with `:` (a class header did).
  let previous = block === 'module' ? 0 : -1;
  let opensBlock = block === 'class';
  while (i < stop) {
    let p = i;
    while (text.charCodeAt(p) === 32) p++;
    if (p >= stop) break;
    const c = text.charCodeAt(p);
    if (c === 10) {
      i = p + 1;
      continue;
    }
    if (c === 13 || c === 35) {
      const end = c === 35 ? commentEnd(text, p, stop) : p;
      if (end >= stop) break;
      if (text.charCodeAt(end) === 13) {
        if (text.charCodeAt(end + 1) !== 10) return null;
        i = end + 2;
      } else i = end + 1;
      continue;
    }
    if (c === 9 || c === 12) return null;
    const own = p - i;
    if (indent < 0) indent = own;
    if (own < indent || (block === 'class' && own === 0)) return null;
    // Indentation grows only after a line ending with `:`; anything else is not valid Python,
    // which tree-sitter may still accept: leave it to the tree.
    if (own > previous && !opensBlock) return null;
    if (own === indent) {
      if (c === 64) return null;
      if (!CLAUSE_WORDS.has(leadingWord(text, p))) starts.push(p);
    }
    i = logicalLineEnd(text, p, stop);
    if (i < 0) return null;
    previous = own;
    opensBlock = lastLineOpensBlock;
  }
  return starts;
}

/**
 * A body on the header's line (`class Base(DeclarativeBase): pass`): its one statement, when
 * only blank lines and comments follow it up to `stop`.
 */
function oneLineBody(text: string, at: number, stop: number): number[] | null {
  const end = logicalLineEnd(text, at, stop);
  if (end < 0 || lastLineOpensBlock) return null;
  for (let i = end; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) i = commentEnd(text, i, stop);
    else if (c !== 32 && c !== 10 && !(c === 13 && text.charCodeAt(i + 1) === 10)) return null;
  }
  return [at];
}

/**
 * The statement starts of a whole module read from its text, like `bodyStatements` for a class
 * body: logical lines at column 0 (except clauses), deeper lines only after one ending with `:`.
 * Null for what it leaves to the syntax tree: decorators, tabs or form feeds in indentation, `;`,
 * f-strings, a lone carriage return, an indented first line.
 */
export function moduleStatements(text: string): number[] | null {
  return blockStarts(text, 0, text.length, 'module');
}

/** The offset of the line break (or `stop`) ending the comment at `i`. */
function commentEnd(text: string, i: number, stop: number): number {
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    i++;
  }
  return i;
}

/** Whether the logical line `logicalLineEnd` last scanned ends with `:` (outside brackets). */
let lastLineOpensBlock = false;

/**
 * The offset after the line break ending the logical line that starts at `start` (brackets,
 * strings and backslash continuations span lines), `stop` if none comes first, or -1 for text
 * `bodyStatements` leaves to the syntax tree.
 */
function logicalLineEnd(text: string, start: number, stop: number): number {
  let depth = 0;
  let i = start;
  lastLineOpensBlock = false;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13 && c !== 32 && c !== 9 && c !== 35 && c !== 92) lastLineOpensBlock = c === 58 && depth === 0;
    if (c === 10) {
      if (depth === 0) return i + 1;
      i++;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) !== 10) return -1;
      i++;
    } else if (c === 35) {
      i = commentEnd(text, i, stop);
    } else if (c === 92) {
      const d = text.charCodeAt(i + 1);
      if (d === 10) i += 2;
      else if (d === 13 && text.charCodeAt(i + 2) === 10) i += 3;
      else return -1;
    } else if (c === 34 || c === 39) {
      i = stringEnd(text, i, stop);
      if (i < 0) return -1;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
      else if (c === 59) return -1;
      i++;
    }
  }
  return stop;
}

/** The offset after the string literal whose opening quote is at `q`, or -1 (f-strings, unterminated). */
function stringEnd(text: string, q: number, stop: number): number {
  // A prefix is the name token right before the quote; an f- or t-string may nest quotes.
  let j = q;
  while (j > 0 && isAsciiNameChar(text.charCodeAt(j - 1))) j--;
  if (q - j <= 2) {
    for (let k = j; k < q; k++) {
      const c = text.charCodeAt(k) | 32;
      if (c === 102 || c === 116) return -1;
    }
  }
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  let i = q + (triple ? 3 : 1);
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) return i + (triple ? 3 : 1);
    else if (!triple && (c === 10 || c === 13)) return -1;
    else i++;
  }
  return -1;
}

function isAsciiNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Statements that start with one of these words are compound or non-assignment statements the
 * reader skips. (Soft keywords such as `match` and `type` can be attribute names, so they are not
 * listed: `assignmentTarget` tells those apart.)
 */
const SKIPPED_WORDS = new Set([
  'def', 'async', 'if', 'for', 'while', 'with', 'try', 'import', 'from', 'return', 'pass', 'del',
  'global', 'nonlocal', 'assert', 'raise', 'break', 'continue', 'print',
]);

/**
 * Walks statement lists. The module's children come from one `namedChildren` call, a plain class
 * body's statements from its text (`bodyStatements`; other bodies from the tree); a statement's
 * kind is read from its first characters and its text runs to the next statement's start, so the
 * walk needs no wasm call per statement (those calls cost as much as the whole parse).
 */
class OutlineReader {
  constructor(
    private readonly outline: PyFile,
    /** The tree still has errors (too many to recover): skip statements that contain one. */
    private readonly skipBroken: boolean,
    /** Split plain class bodies from the text (false: always ask the tree; the test oracle). */
    private readonly textBodies: boolean,
  ) {}

  /** Reads the statements directly inside a module or class body node. */
  block(node: Node, where: 'module' | 'class'): PyStmt[] {
    const out: PyStmt[] = [];
    const children = node.namedChildren;
    const end = node.endIndex;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      const stop = i + 1 < children.length ? children[i + 1].startIndex : end;
      if (this.skipBroken && child.hasError) continue;
      this.statement(child, child.startIndex, stop, where, out);
    }
    return out;
  }

  /**
   * Reads a module split from its text (`moduleStatements`): the statements start at `starts`.
   * Throws `NEEDS_TREE` for anything only the syntax tree can tell (a decorated definition, a
   * class body that is not a plain block).
   */
  textModule(starts: number[]): PyStmt[] {
    const out: PyStmt[] = [];
    const end = this.outline.text.length;
    for (let i = 0; i < starts.length; i++) {
      this.statement(null, starts[i], i + 1 < starts.length ? starts[i + 1] : end, 'module', out);
    }
    return out;
  }

  /** Reads one statement; `node` is null when the module was split from the text. */
  private statement(node: Node | null, start: number, stop: number, where: 'module' | 'class', out: PyStmt[]): void {
    const text = this.outline.text;
    const c = text.charCodeAt(start);
    if (c === 35) return;
    if (c === 64) {
      if (!node) throw NEEDS_TREE;
      this.decorated(node, stop, where, out);
      return;
    }
    const word = leadingWord(text, start);
    if (word === 'class') {
      if (where === 'class') return;
      const cls = this.classDefinition(node, start, [], stop);
      if (cls) out.push({ kind: 'class', cls });
    } else if (!SKIPPED_WORDS.has(word)) {
      if (where === 'module') this.simpleStatement(start, stop, out);
      else this.classStatement(start, stop, out);
    }
  }

  /** A module-level statement, read now: assignments and bare expressions (`Index(...)`). */
  private simpleStatement(start: number, end: number, out: PyStmt[]): void {
    let st;
    try {
      st = parseStatement(this.outline.text, start, end);
    } catch (e) {
      unreadable(this.outline, e);
      return;
    }
    if (st.value && st.targets.length === 0 && !st.annotation) {
      out.push({ kind: 'expr', value: st.value, start });
      return;
    }
    const parts = { annotation: st.annotation, value: st.value };
    for (const t of st.targets) {
      if (t.k === 'name') out.push(new PyAssign(t.id, t.s, end, this.outline, parts));
    }
  }

  /** A class-body statement: only `name = ...` / `name: T ...` matter; they are read later. */
  private classStatement(start: number, end: number, out: PyStmt[]): void {
    const target = assignmentTarget(this.outline.text, start, end);
    if (target !== null) out.push(new PyAssign(target, start, end, this.outline, null));
  }

  private decorated(node: Node, stop: number, where: 'module' | 'class', out: PyStmt[]): void {
    const decorators: Expr[] = [];
    let definition: Node | null = null;
    for (const child of node.namedChildren) {
      if (child.type === 'decorator') {
        const x = this.expression(child.startIndex + 1, child.endIndex);
        if (x) decorators.push(x);
      } else if (child.type === 'class_definition' || child.type === 'function_definition') {
        definition = child;
      }
    }
    if (definition?.type === 'class_definition') {
      const cls = this.classDefinition(definition, definition.startIndex, decorators, stop);
      if (cls) out.push({ kind: 'class', cls });
    } else if (definition && where === 'class') {
      out.push({ kind: 'function', fn: this.functionDefinition(definition, decorators, definition.startIndex) });
    }
  }

  /**
   * A class definition whose text runs to `stop` (the next statement's start). Its body's
   * statements are found in the text when the body is a plain indented block (`bodyStatements`),
   * else from the syntax tree (`node`; null when the module was split from the text).
   */
  private classDefinition(node: Node | null, start: number, decorators: Expr[], stop: number): PyClass | null {
    const text = this.outline.text;
    const colon = this.skipBroken || !this.textBodies ? -1 : classHeaderEnd(text, start, stop);
    const starts = colon < 0 ? null : bodyStatements(text, colon, stop);
    if (!starts && !node) throw NEEDS_TREE;
    const body = starts ? null : node!.childForFieldName('body');
    let header;
    try {
      header = parseClassHeader(text, start, starts ? colon : body ? body.startIndex : node!.endIndex);
    } catch (e) {
      unreadable(this.outline, e);
      return null;
    }
    const cls = new PyClass(header.name, start, header.bases, header.keywords, header.splat, decorators, this.outline, null, starts, stop);
    if (!starts && body) cls.setStatements(this.block(body, 'class'));
    return cls;
  }

  private functionDefinition(node: Node, decorators: Expr[], start: number): PyFunction {
    const name = node.childForFieldName('name');
    const returnType = node.childForFieldName('return_type');
    const body = node.childForFieldName('body');
    let returns: Expr | null = null;
    let returnCount = 0;
    for (const st of body?.namedChildren ?? []) {
      if (st.type !== 'return_statement') continue;
      returnCount++;
      const value = st.firstNamedChild;
      if (value) returns = this.expression(value.startIndex, value.endIndex);
    }
    return {
      name: name ? this.outline.text.slice(name.startIndex, name.endIndex) : '',
      decorators,
      returns: returnCount === 1 ? returns : null,
      returnAnnotation: returnType ? this.expression(returnType.startIndex, returnType.endIndex) : null,
      start,
      end: node.endIndex,
    };
  }

  private expression(start: number, end: number): Expr | null {
    try {
      return parseExpression(this.outline.text, start, end);
    } catch (e) {
      unreadable(this.outline, e);
      return null;
    }
  }
}
