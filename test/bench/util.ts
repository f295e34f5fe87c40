// Shared helpers of the benchmarks: medians, percentiles, machine description, and rewriting one
// marked section of BENCHMARKS.md without touching the others.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface BenchTable {
  title: string;
  headers: string[];
  rows: string[][];
  notes?: string[];
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${os.loadavg()[0].toFixed(1)} at the start`;
}

export function renderTable(t: BenchTable): string {
  const lines = [`| ${t.headers.join(' | ')} |`, `|${t.headers.map(() => '---').join('|')}|`];
  for (const r of t.rows) lines.push(`| ${r.join(' | ')} |`);
  if (t.notes) lines.push('', ...t.notes);
  return lines.join('\n');
}

/** Replaces the text between `<!-- bench:<id> -->` and `<!-- /bench:<id> -->` in BENCHMARKS.md. */
export function writeSection(id: string, body: string): void {
  const file = path.join(__dirname, '..', '..', 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const open = `<!-- bench:${id} -->`;
  const close = `<!-- /bench:${id} -->`;
  const block = `${open}\n${body.trim()}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next = start !== -1 && end !== -1 ? text.slice(0, start) + block + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}
