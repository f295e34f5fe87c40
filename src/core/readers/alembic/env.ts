// env.py, read only for `target_metadata`: whether the project has models that autogenerate (and
// the generated drift test) compares the migrations with. Nothing in env.py is executed.

import type { Parser } from 'web-tree-sitter';
import type { DecodedFile } from '../../source';
import { outlineFile } from '../python/outline';

/**
 * The expression env.py assigns to `target_metadata` (`Base.metadata`), or null when it is `None`,
 * missing, or a module-level assignment of it cannot be found.
 */
export function targetMetadata(parser: Parser, env: DecodedFile): string | null {
  const outline = outlineFile(parser, env);
  let found: string | null = null;
  for (const st of outline.body) {
    if (st.kind !== 'assign' || st.target !== 'target_metadata') continue;
    const value = st.read().value;
    found = value === null || (value.k === 'const' && value.v === null) ? null : outline.text.slice(value.s, value.e);
  }
  return found;
}

/**
 * Where the name at the root of the `target_metadata` expression is imported from in env.py
 * (`from app.models import Base` for `Base.metadata`), so a generated test can import the same
 * metadata; null for relative imports, names defined in env.py itself, or anything else.
 */
export function targetMetadataImport(text: string, expression: string): { module: string; name: string; expression: string } | null {
  const root = /^[A-Za-z_]\w*/.exec(expression)?.[0];
  if (!root) return null;
  const re = /^from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]+\(?([^)#\n]*(?:\n[^)#\n]*)*?)\)?[ \t]*(?:#.*)?$/gm;
  for (const m of text.matchAll(re)) {
    for (const part of m[2].split(',')) {
      const words = part.trim().split(/\s+/);
      if (words.length === 1 && words[0] === root) return { module: m[1], name: root, expression };
      if (words.length === 3 && words[1] === 'as' && words[2] === root) return { module: m[1], name: words[0], expression: `${words[0]}${expression.slice(root.length)}` };
    }
  }
  return null;
}
