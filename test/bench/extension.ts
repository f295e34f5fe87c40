// Benchmark of the VS Code extension, in a real VS Code (code-server + chromium): activation time,
// code-action latency on a 5,000-line models file (p50/p95 over 200 calls, warm cache; target p95
// < 10 ms), the FK order view's refresh for 1,000 tables, and the VSIX size. The measurements inside
// the extension host are test/extension/bench/index.ts; this side stages, launches and reports.
// Needs `npm run build` first, and code-server + chromium (test/support/setup/30-vscode.sh).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildHostSuite, makeWorkspace, ROOT, stageExtension } from '../extension/harness';
import { launchVSCode, vscodeAvailable } from '../support/vscode';
import { syntheticSchema } from './inspect';
import { median, percentile, type BenchTable } from './util';

/** What the in-host part prints. */
interface HostResult {
  activationMs: number;
  codeActions: { lines: number; models: number; coldReadMs: number; direct: number[]; viaVSCode: number[] };
  tree: { tables: number; firstMs: number; warm: number[] };
}

/** Runs the benchmark and returns its tables for BENCHMARKS.md. */
export async function benchExtension(): Promise<BenchTable[]> {
  const available = vscodeAvailable();
  if (!available.ok) throw new Error(`${available.why} is missing`);
  const host = await measureInHost();
  const vsix = packageSize();
  const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);
  const ca = host.codeActions;
  return [
    {
      title: 'VS Code extension',
      headers: ['measure', 'value', 'notes'],
      rows: [
        ['activation', `${ms(host.activationMs)} ms`, 'loading dist/extension.js to the end of `activate()`; nothing is read until a schema is shown'],
        [`code actions, provider (p50 / p95 of ${ca.direct.length})`, `${ms(median(ca.direct))} / ${ms(percentile(ca.direct, 95))} ms`, `class lines of a ${ca.lines}-line models file (${ca.models} models), warm cache; target p95 < 10 ms`],
        [`code actions, through VS Code (p50 / p95 of ${ca.viaVSCode.length})`, `${ms(median(ca.viaVSCode))} / ${ms(percentile(ca.viaVSCode, 95))} ms`, '`vscode.executeCodeActionProvider`: adds the round trip through the workbench'],
        ['first read of that file', `${ms(ca.coldReadMs)} ms`, 'once per document version, in the background (on open, or after a 300 ms pause in typing), not on the lightbulb path'],
        [`FK order view, ${host.tree.tables} tables, first refresh`, `${ms(host.tree.firstMs)} ms`, 'reading and analysing the SQL schema, then the rows'],
        [`FK order view, ${host.tree.tables} tables, refresh (median of ${host.tree.warm.length})`, `${ms(median(host.tree.warm))} ms`, 'schema cached: building the rows'],
        ['VSIX size', `${(vsix.bytes / 1024 / 1024).toFixed(2)} MiB`, `${vsix.files} files: the bundles, the parsers' wasm, PGlite (wasm, data, data-dir snapshot; about 9.5 MiB of it, for Verify), webview media, icon, manifest`],
      ],
    },
  ];
}

/** Launches VS Code on a workspace with the large files and runs the in-host measurements. */
async function measureInHost(): Promise<HostResult> {
  const ws = makeWorkspace({ 'models.py': largeModels(5000), 'schema1000.sql': syntheticSchema('sql-postgresql', 1000).text });
  const extension = stageExtension();
  const suite = await buildHostSuite('bench');
  const session = await launchVSCode({ workspace: ws.dir, extensionDevelopmentPath: extension, extensionTestsPath: suite });
  try {
    const code = await session.testsExitCode;
    const line = session.hostLog.find((l) => l.includes('BENCH_RESULT '));
    if (code !== 0 || !line) throw new Error(`the in-host benchmark failed:\n${session.hostLog.slice(-40).join('\n')}`);
    return JSON.parse(line.slice(line.indexOf('BENCH_RESULT ') + 'BENCH_RESULT '.length)) as HostResult;
  } finally {
    await session.close();
    ws.remove();
    fs.rmSync(extension, { recursive: true, force: true });
  }
}

/** A synthetic SQLAlchemy models file of at least `lines` lines. */
function largeModels(lines: number): string {
  let n = Math.ceil(lines / 15);
  for (;;) {
    const { text } = syntheticSchema('sqlalchemy', n);
    if (text.split('\n').length >= lines) return text;
    n += 10;
  }
}

/** Packages the VSIX into a temporary folder (`vsce package`, as `npm run package` does) and measures it. */
function packageSize(): { bytes: number; files: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-vsix-'));
  try {
    const out = path.join(dir, 'extension.vsix');
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`vsce package failed:\n${run.stdout}\n${run.stderr}`);
    const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    return { bytes: fs.statSync(out).size, files: listed.stdout.split('\n').filter((l) => l.trim() !== '').length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
