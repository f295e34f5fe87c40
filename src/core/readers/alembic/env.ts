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
