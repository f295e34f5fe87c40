// `npm run bench [name...]`: runs the benchmarks and rewrites their sections of BENCHMARKS.md.
// Each benchmark reports ratios against a baseline measured in the same process and run.
import { benchInspect } from './inspect';
import { benchPython } from './python';
import { benchExtension } from './extension';
import { benchPrisma } from './prisma';
import { benchAlembic } from './alembic';
import { benchVerify } from './verify';
import { machine, renderTable, writeSection, type BenchTable } from './util';

const benches: Record<string, () => Promise<BenchTable | BenchTable[]>> = {
  inspect: () => benchInspect(),
  python: () => benchPython(),
  extension: () => benchExtension(),
  prisma: () => benchPrisma(),
  alembic: () => benchAlembic(),
  verify: () => benchVerify(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(benches);
  for (const name of names) {
    const bench = benches[name];
    if (!bench) {
      console.error(`unknown benchmark ${name}; known: ${Object.keys(benches).join(', ')}`);
      process.exitCode = 2;
      return;
    }
    const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`;
    console.error(`bench ${name}...`);
    const result = await bench();
    const tables = Array.isArray(result) ? result : [result];
    const body = [header, ...tables.map((t) => `**${t.title}**\n\n${renderTable(t)}`)].join('\n\n');
    console.log(body + '\n');
    writeSection(name, body);
  }
}

void main();
