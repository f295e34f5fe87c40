// One Alembic revision file, read statically: its identifiers (`revision`, `down_revision`,
// `branch_labels`, `depends_on`), its message (the module docstring's first line) and the
// statements of `upgrade()` and of the module's other functions (helpers `upgrade()` may call).
// tree-sitter gives the statement boundaries; `expr.ts` reads each statement's text later.

import type { Parser, Node } from 'web-tree-sitter';
import type { Diagnostic } from '../../ir';
import { diagnosticAt, type DecodedFile } from '../../source';
import type { Expr } from '../python/expr';
import { outlineFile, type PyFile } from '../python/outline';
import { lookupTable } from '../../lookup';

/** A statement of a function body, as far as replaying migrations needs to know it. */
export type BodyStmt =
  /** An expression or assignment statement: `text[start, end)` is read by `parseStatement`. */
  | { kind: 'simple'; start: number; end: number }
  /** `with a as x, b:` — each item's expression range and alias, then the block. */
  | { kind: 'with'; start: number; items: WithItem[]; body: BodyStmt[] }
  /** `try:` — its main block is replayed as if it ran without error. */
  | { kind: 'try'; start: number; body: BodyStmt[] }
  /** A compound statement that is not replayed (`if`, `for`, `while`, `match`, nested `def`). */
  | { kind: 'skipped'; start: number; what: string; callsOp: boolean };

export interface WithItem {
  start: number;
  end: number;
  alias: string | null;
}

/** A module-level function. */
export interface PyFunctionBody {
  name: string;
  start: number;
  body: BodyStmt[];
}

/** A revision file whose identifiers could be read. */
export interface RevisionFile {
  id: string;
  downRevisions: string[];
  branchLabels: string[];
  dependsOn: string[];
  /** The first line of the module docstring (what `alembic revision -m` wrote), if any. */
  message: string | null;
  outline: PyFile;
  /** Offsets of the `revision` and `down_revision` assignments, for diagnostics. */
  idOffset: number;
  downOffset: number;
  dependsOffset: number;
  /** Module-level functions by name: `upgrade`, `downgrade`, helpers. */
  functions: Map<string, PyFunctionBody>;
}

/**
 * Reads a Python file of a versions folder. Returns null (without diagnostics) for a file that is
 * not a revision (no `revision = ...`), such as a package `__init__.py` or a helper module.
 */
export function readRevisionFile(parser: Parser, file: DecodedFile, diagnostics: Diagnostic[]): RevisionFile | null {
  const outline = outlineFile(parser, file);
  const values = new Map<string, { value: Expr | null; start: number }>();
  let message: string | null = null;
  for (const [i, st] of outline.body.entries()) {
    if (i === 0 && st.kind === 'expr' && st.value.k === 'str') message = firstLine(st.value.v);
    if (st.kind === 'assign' && IDENTIFIERS.has(st.target) && !values.has(st.target)) values.set(st.target, { value: st.read().value, start: st.start });
  }
  const revision = values.get('revision');
  if (!revision) return null;
  diagnostics.push(...outline.diagnostics);
  const id = revision.value?.k === 'str' && !revision.value.f ? revision.value.v : null;
  if (id === null || id === '') {
    diagnostics.push(diagnosticAt(file, revision.start, 'error', 'the revision id must be a string literal (`revision = "1a2b3c4d5e6f"`); this revision is left out', 'alembic/revision-id'));
    return null;
  }
  const down = values.get('down_revision');
  if (!down) {
    diagnostics.push(diagnosticAt(file, revision.start, 'error', `revision "${id}" has no down_revision; add \`down_revision = None\` for a first revision, or the id of its parent`, 'alembic/down-revision'));
  }
  const read = (name: string) => {
    const v = values.get(name);
    return v ? identifiers(v.value, file, name, diagnostics) : [];
  };
  return {
    id,
    downRevisions: read('down_revision'),
    branchLabels: read('branch_labels'),
    dependsOn: read('depends_on'),
    message,
    outline,
    idOffset: revision.start,
    downOffset: down?.start ?? revision.start,
    dependsOffset: values.get('depends_on')?.start ?? revision.start,
    functions: moduleFunctions(parser, outline),
  };
}

const IDENTIFIERS = new Set(['revision', 'down_revision', 'branch_labels', 'depends_on']);

/** A docstring's first non-empty line, trimmed. */
function firstLine(doc: string): string | null {
  const line = doc
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line ?? null;
}

/** `None`, `"a"`, `("a", "b")`, `["a"]` → the strings; anything else is reported and reads as none. */
function identifiers(x: Expr | null, file: DecodedFile, name: string, diagnostics: Diagnostic[]): string[] {
  if (x === null || (x.k === 'const' && x.v === null)) return [];
  const items = x.k === 'tuple' || x.k === 'list' || x.k === 'set' ? x.items : [x];
  const out: string[] = [];
  for (const item of items) {
    if (item.k === 'str' && !item.f) out.push(item.v);
    else {
      diagnostics.push(diagnosticAt(file, item.s, 'warning', `${name} must be None, a string or a tuple of strings to be read; this entry is ignored`, 'alembic/revision-id'));
    }
  }
  return out;
}

/** The module-level function definitions of a file, with their statements. */
function moduleFunctions(parser: Parser, outline: PyFile): Map<string, PyFunctionBody> {
  const out = new Map<string, PyFunctionBody>();
  // The outline's text has broken statements blanked, so this parse has no errors left to report.
  const tree = parser.parse(outline.text);
  if (!tree) return out;
  try {
    for (const node of tree.rootNode.namedChildren) {
      const def = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (def?.type !== 'function_definition' || def.hasError) continue;
      const name = def.childForFieldName('name');
      const body = def.childForFieldName('body');
      if (!name || !body) continue;
      const text = outline.text.slice(name.startIndex, name.endIndex);
      if (!out.has(text)) out.set(text, { name: text, start: def.startIndex, body: block(body, outline.text) });
    }
  } finally {
    tree.delete();
  }
  return out;
}

/** The statements of a block. */
function block(node: Node, text: string): BodyStmt[] {
  const out: BodyStmt[] = [];
  for (const child of node.namedChildren) {
    if (child.hasError) continue;
    const st = statement(child, text);
    if (st) out.push(st);
  }
  return out;
}

const COMPOUND_NAMES: Readonly<Record<string, string>> = lookupTable({
  if_statement: 'if',
  for_statement: 'for',
  while_statement: 'while',
  match_statement: 'match',
  function_definition: 'def',
  class_definition: 'class',
  decorated_definition: 'def',
});

function statement(node: Node, text: string): BodyStmt | null {
  switch (node.type) {
    case 'expression_statement':
      return { kind: 'simple', start: node.startIndex, end: node.endIndex };
    case 'with_statement':
      return withStatement(node, text);
    case 'try_statement': {
      const body = node.childForFieldName('body');
      return { kind: 'try', start: node.startIndex, body: body ? block(body, text) : [] };
    }
    default: {
      const what = COMPOUND_NAMES[node.type];
      if (!what) return null;
      const callsOp = /\bop\s*\.|\bbatch_op\s*\./.test(text.slice(node.startIndex, node.endIndex));
      return { kind: 'skipped', start: node.startIndex, what, callsOp };
    }
  }
}

function withStatement(node: Node, text: string): BodyStmt {
  const items: WithItem[] = [];
  let body: BodyStmt[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'with_clause') {
      for (const item of child.namedChildren) {
        if (item.type !== 'with_item') continue;
        const value = item.firstNamedChild;
        if (!value) continue;
        if (value.type === 'as_pattern') {
          const expr = value.firstNamedChild;
          const alias = value.childForFieldName('alias') ?? value.namedChildren.find((c) => c.type === 'as_pattern_target') ?? null;
          if (expr) items.push({ start: expr.startIndex, end: expr.endIndex, alias: alias ? text.slice(alias.startIndex, alias.endIndex).trim() : null });
        } else items.push({ start: value.startIndex, end: value.endIndex, alias: null });
      }
    } else if (child.type === 'block') body = block(child, text);
  }
  return { kind: 'with', start: node.startIndex, items, body };
}
