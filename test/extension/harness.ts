// Node-side helpers for running the extension in a real VS Code: stage the built extension into a
// private folder (so a concurrent `npm run build` cannot pull dist/ away mid-run), bundle the
// in-host mocha suite, and create throwaway workspaces from the golden test cases.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where in-host code is bundled; under the repository so `require('mocha')` resolves. */
const OUT = path.join(ROOT, 'out');

/**
 * Files of the extension as the VSIX ships them (see .vscodeignore), plus the CLI bundle of the
 * same build, so tests compare the extension's output with the CLI built from the same sources.
 */
const STAGED = [
  'package.json',
  'media/icon.png',
  'media/preview.css',
  'media/preview.js',
  'dist/extension.js',
  'dist/python-syntax-worker.js',
  'dist/cli.js',
];
/** The files the bundles load at run time: the parsers' wasm, PGlite's wasm, file system and data-directory snapshot. */
const RUNTIME_FILE = /\.(wasm|data|tar\.gz)$/;

/**
 * Copies the built extension (package.json, dist/extension.js and its run-time files, media/) and
 * dist/cli.js into a temporary folder and returns it; `npm run build` (or `npm test`) must have run.
 * Retries once when a concurrent build replaces dist/ under it.
 */
export function stageExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-ext-'));
  for (let attempt = 1; ; attempt++) {
    try {
      const wasm = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => RUNTIME_FILE.test(f)).map((f) => `dist/${f}`);
      for (const file of [...STAGED, ...wasm]) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
      }
      return dir;
    } catch (error) {
      if (attempt >= 3) throw new Error(`cannot stage the extension (${String(error)}): run \`npm run build\` first`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
    }
  }
}

/** Runs the staged CLI bundle (`<staged>/dist/cli.js`) in `cwd`, failing on a non-zero exit. */
export function stagedCli(staged: string, args: string[], cwd: string): string {
  const run = spawnSync(process.execPath, [path.join(staged, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`fixture-scaffold ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run.stdout;
}

/**
 * Bundles in-host code, test/extension/<name>/index.ts and its *.spec.ts files (mocha and vscode
 * stay external), into out/extension-<name>/ and returns the entry file for `extensionTestsPath`.
 */
export async function buildHostSuite(name: 'suite' | 'multi-root' | 'bench' = 'suite'): Promise<string> {
  const source = path.join(ROOT, 'test', 'extension', name);
  const outdir = path.join(OUT, `extension-${name}`);
  const entries = fs.readdirSync(source).filter((f) => f === 'index.ts' || f.endsWith('.spec.ts'));
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((f) => path.join(source, f)),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(outdir, 'index.js');
}

/** A temporary workspace holding `files` (relative path → content); removed by the returned cleanup. */
export function makeWorkspace(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-ws-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The text of a file of a golden test case, e.g. `caseFile('gen-sa2-hr', 'models.py')`. */
export function caseFile(name: string, file: string): string {
  return fs.readFileSync(path.join(ROOT, 'test', 'cases', name, file), 'utf8');
}
