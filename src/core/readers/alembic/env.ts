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
 * Where the name at the root of the `target_metadata` expression is imported from in env.py, so a
 * generated test can import the same metadata as `from <module> import <name>` and use
 * `expression`: `from app.models import Base` for `Base.metadata` (also `import … as`), and a module
 * import, `import app.models` for `app.models.Base.metadata` or `import app.models as models` for
 * `models.Base.metadata`, becomes `from app.models import Base`. Null for relative imports, names
 * defined in env.py itself, or anything else.
 */
export function targetMetadataImport(text: string, expression: string): { module: string; name: string; expression: string } | null {
  const root = /^[A-Za-z_]\w*/.exec(expression)?.[0];
  if (!root) return null;
  const viaModule = moduleImport(text, expression);
  if (viaModule) return viaModule;
  const re = /^from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]*(?:\(([^)]*)\)|([^\n]*))/gm;
  for (const m of text.matchAll(re)) {
    const names = (m[2] ?? m[3]).replace(/#[^\n]*/g, '');
    for (const part of names.split(',')) {
      const words = part.trim().split(/\s+/);
      if (words.length === 1 && words[0] === root) return { module: m[1], name: root, expression };
      if (words.length === 3 && words[1] === 'as' && words[2] === root) return { module: m[1], name: words[0], expression: `${words[0]}${expression.slice(root.length)}` };
    }
  }
  return null;
}

/** `import a.b [as m]` statements: the first attribute after the module becomes the imported name. */
function moduleImport(text: string, expression: string): { module: string; name: string; expression: string } | null {
  const re = /^import[ \t]+([^#\n]+?)[ \t]*(?:#.*)?$/gm;
  for (const m of text.matchAll(re)) {
    for (const part of m[1].split(',')) {
      const words = part.trim().split(/\s+/);
      const module = words[0];
      if (!/^[A-Za-z_][\w.]*$/.test(module)) continue;
      const alias = words.length === 3 && words[1] === 'as' ? words[2] : words.length === 1 ? module : null;
      if (alias === null || !expression.startsWith(`${alias}.`)) continue;
      const rest = expression.slice(alias.length + 1);
      const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
      if (name) return { module, name, expression: rest };
    }
  }
  return null;
}
