// Finding the wasm files the parsers need. In the esbuild bundle they sit beside the bundle
// (`dist/`); when running from source (tests, tsx) they are found in node_modules.

import * as fs from 'node:fs';
import * as path from 'node:path';

const bundled: Record<string, string> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python.wasm': 'tree-sitter-python/tree-sitter-python.wasm',
  'libpg-query.wasm': 'libpg-query/wasm/libpg-query.wasm',
  'sql-wasm.wasm': 'sql.js/dist/sql-wasm.wasm',
};

/** Absolute path of a wasm asset by its file name (see `bundled` for the known names). */
export function wasmPath(name: string): string {
  const beside = path.join(__dirname, name);
  if (fs.existsSync(beside)) return beside;
  const spec = bundled[name];
  if (!spec) throw new Error(`unknown wasm asset ${name}`);
  return require.resolve(spec);
}
