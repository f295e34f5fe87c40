// Builds the shipped bundles, dist/cli.js and dist/extension.js, plus the Python reader's syntax
// worker both start (dist/python-syntax-worker.js), and copies the wasm files their parsers load
// beside them, so dist/ runs on its own with no node_modules.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');

const wasm = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-python.wasm': 'tree-sitter-python/tree-sitter-python.wasm',
  'libpg-query.wasm': 'libpg-query/wasm/libpg-query.wasm',
  'sql-wasm.wasm': 'sql.js/dist/sql-wasm.wasm',
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  minify: !watch,
  logLevel: 'warning',
  legalComments: 'none',
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks.
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [path.join(root, 'src/shims/import-meta-url.js')],
};

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
for (const [name, spec] of Object.entries(wasm)) {
  fs.copyFileSync(require.resolve(spec), path.join(dist, name));
}

await copyPglite();

const builds = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/core/readers/python/syntax-worker.ts'], outfile: 'dist/python-syntax-worker.js' },
];

/**
 * PGlite, the embedded PostgreSQL of `verify`: its wasm and file-system bundle beside the bundles,
 * plus a snapshot of a fresh data directory, so verify starts in ~1 s instead of running initdb.
 * The snapshot is made once per PGlite version (it takes a few seconds) and kept in .cache/.
 */
async function copyPglite() {
  const pgliteDir = path.dirname(require.resolve('@electric-sql/pglite'));
  for (const name of ['pglite.wasm', 'pglite.data', 'initdb.wasm']) fs.copyFileSync(path.join(pgliteDir, name), path.join(dist, name));
  const { version } = JSON.parse(fs.readFileSync(path.join(pgliteDir, '..', 'package.json'), 'utf8'));
  const cached = path.join(root, '.cache', 'pglite', `snapshot-${version}.tar.gz`);
  if (!fs.existsSync(cached)) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    const snapshot = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    await db.close();
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.writeFileSync(`${cached}.tmp`, snapshot);
    fs.renameSync(`${cached}.tmp`, cached);
  }
  fs.copyFileSync(cached, path.join(dist, 'pglite-snapshot.tar.gz'));
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}
