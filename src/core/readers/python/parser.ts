// The tree-sitter Python parser, loaded once per thread (the reader's thread and the syntax
// worker each load their own: a parser and its trees cannot cross threads).

import { Language, Parser, type Tree } from 'web-tree-sitter';
import { wasmPath } from '../../wasm';

let loading: Promise<Parser> | null = null;

/** The shared parser, initialised once per thread. */
export function pythonParser(): Promise<Parser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: (name: string) => wasmPath(name) });
    const language = await Language.load(wasmPath('tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}

/** Whether a file parses without syntax errors, and where its module-level statements start. */
export interface StatementStarts {
  hasError: boolean;
  starts: Int32Array;
}

/**
 * What a text-split outline (`textOutline` in outline.ts) is checked against: the tree's syntax
 * errors and module statement starts (comments and other extras left out).
 */
export function statementStarts(tree: Tree): StatementStarts {
  const root = tree.rootNode;
  const children = root.namedChildren;
  const starts = new Int32Array(children.length);
  let n = 0;
  for (const child of children) if (!child.isExtra) starts[n++] = child.startIndex;
  return { hasError: root.hasError, starts: starts.slice(0, n) };
}
