// Benchmark of the vitest target: `generate` for a synthetic 100-model Prisma schema (the core alone,
// and the CLI command writing the files), the per-test cost of the generated rollback fixture
// against a per-test TRUNCATE of every table on the same database, and the time to seed 20 models ×
// 5 rows. The fixture measurements run in vitest against a throwaway PostgreSQL, in a scratch
// project with the 20-model schema: each test records when it starts, so the time between two
// starts is one whole test (fixture set-up, body, tear-down, vitest's own work).
// Needs the Prisma toolchain (test/support/setup/40-prisma.sh) and PostgreSQL.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze, readSchema } from '../../src/core';
import { generateVitest } from '../../src/core/emit/typescript';
import { cli } from '../support/cli';
import { postgresBinDir, startPostgres } from '../support/postgres';
import { createPrismaProject, PRISMA_SETUP_HINT, prismaAvailable, prismaGenerate, runVitest } from '../support/prisma';
import { syntheticSchema } from './inspect';
import { median, type BenchTable } from './util';

/** Tests per isolation variant; the first few (worker start, JIT) are left out of the medians. */
const TESTS = 200;
const WARM_UP = 10;
/** Seeding runs (each in its own rolled-back test). */
const SEEDS = 40;

/** Runs the benchmark and returns its tables for BENCHMARKS.md. */
export async function benchPrisma(): Promise<BenchTable[]> {
  if (!prismaAvailable()) throw new Error(`the Prisma toolchain is missing: ${PRISMA_SETUP_HINT}`);
  if (postgresBinDir() === undefined) throw new Error('PostgreSQL is missing: run test/support/setup/10-debian-packages.sh');
  const generate = await measureGenerate(100);
  const fixtures = await measureFixtures(20);
  return [generate, fixtures];
}

/** Milliseconds of `fn`, median of `runs` after one warm-up run. */
async function time(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** `generate` for an `n`-model schema: the pure core, and the CLI command writing into a folder. */
async function measureGenerate(n: number): Promise<BenchTable> {
  const { file, text } = syntheticSchema('prisma', n);
  const core = await time(async () => {
    const read = await readSchema([{ path: file, text }], { format: 'prisma' });
    return generateVitest(read.schema, analyze(read.schema), {});
  }, 15);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prisma-generate-'));
  try {
    fs.writeFileSync(path.join(dir, file), text);
    const run = () => fs.rmSync(path.join(dir, 'test'), { recursive: true, force: true });
    const command = await time(async () => {
      run();
      const result = await cli(['generate', file], dir);
      if (result.code !== 0) throw new Error(`generate failed: ${result.stderr}`);
    }, 9);
    const bytes = fs.readdirSync(path.join(dir, 'test')).reduce((sum, f) => sum + fs.statSync(path.join(dir, 'test', f)).size, 0);
    return {
      title: 'vitest target: generate',
      headers: ['schema', 'step', 'median (ms)', 'notes'],
      rows: [
        [`${n} Prisma models`, 'read + analyze + generateVitest', core.toFixed(0), 'in process, no file system'],
        [`${n} Prisma models`, '`fixture-scaffold generate schema.prisma`', command.toFixed(0), `the CLI into an empty test/: ${Math.round(bytes / 1024)} KiB in 5 files`],
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The vitest files that record when each test starts (and how long seeding takes). */
function benchFiles(): Record<string, string> {
  const record = (variant: string) => `import { afterAll } from 'vitest';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export const starts: number[] = [];
export const seeds: number[] = [];
afterAll(() => {
  fs.writeFileSync('bench-${variant}.json', JSON.stringify({ starts, seeds }));
});
`;
  const loop = (fixtures: string, client: string) => `for (let i = 0; i < ${TESTS}; i++) {
  test(\`insert \${i}\`, async ({ ${fixtures} }) => {
    starts.push(performance.now());
    await createEntity0(${client});
  });
}
`;
  const header = "import { createEntity0 } from './factories';\nimport { seedDatabase } from './seed-data';\n";
  return {
    'test/bench-none.test.ts': `${record('none')}${header}import { test } from './fixtures';\n\n${loop('prisma', 'prisma')}`,
    'test/bench-rollback.test.ts': `${record('rollback')}${header}import { test } from './fixtures';\n\n${loop('db', 'db')}
for (let i = 0; i < ${SEEDS}; i++) {
  test(\`seed \${i}\`, async ({ db }) => {
    const start = performance.now();
    await seedDatabase(db);
    seeds.push(performance.now() - start);
  });
}
`,
    'test/bench-truncate.test.ts': `${record('truncate')}${header}import { test as base } from './fixtures';

/** Commits through the worker's client, then empties every table after the test. */
const test = base.extend<{ clean: true }>({
  clean: async ({ prisma }, use) => {
    await use(true);
    const tables = await prisma.$queryRaw<{ name: string }[]>\`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public'\`;
    await prisma.$executeRawUnsafe(\`TRUNCATE \${tables.map((t) => t.name).join(', ')} CASCADE\`);
  },
});

${loop('prisma, clean', 'prisma')}`,
  };
}

/** The per-test cost of each isolation variant and the seeding time, on an `n`-model schema. */
async function measureFixtures(n: number): Promise<BenchTable> {
  const pg = await startPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-prisma-fixtures-'));
  try {
    await pg.createDatabase('bench');
    const { text } = syntheticSchema('prisma', n);
    const project = createPrismaProject(dir, { schemaFiles: { 'schema.prisma': text }, files: benchFiles(), databaseUrl: pg.connectionString('bench') });
    const generated = await cli(['generate', project.schemaPath], dir);
    if (generated.code !== 0) throw new Error(`generate failed: ${generated.stderr}`);
    const client = await prismaGenerate(dir);
    if (client.code !== 0) throw new Error(`prisma generate failed: ${client.stderr}`);
    const run = await runVitest(dir, ['--maxWorkers=1', '--no-file-parallelism', 'test/bench-']);
    if (run.code !== 0) throw new Error(`the benchmark tests failed:\n${run.stdout.slice(-3000)}`);
    const read = (variant: string) => JSON.parse(fs.readFileSync(path.join(dir, `bench-${variant}.json`), 'utf8')) as { starts: number[]; seeds: number[] };
    const perTest = (starts: number[]) => median(starts.slice(WARM_UP + 1).map((s, i) => s - starts[WARM_UP + i]));
    const none = perTest(read('none').starts);
    const rollback = perTest(read('rollback').starts);
    const truncate = perTest(read('truncate').starts);
    const seeds = read('rollback').seeds;
    const ms = (x: number) => x.toFixed(2);
    return {
      title: `vitest target: test isolation and seeding (${n}-model schema, PostgreSQL 15 on tmpfs)`,
      headers: ['measure', 'median per test (ms)', 'vs no isolation (ms)', 'notes'],
      rows: [
        ['no isolation', ms(none), '–', 'one `createEntity0` through the worker client, which commits each insert; rows pile up'],
        ['rollback fixture (`db`)', ms(rollback), ms(rollback - none), 'the generated fixture: an interactive transaction rolled back after each test'],
        ['TRUNCATE after each test', ms(truncate), ms(truncate - none), `commits, then \`TRUNCATE\` of all ${n} tables \`CASCADE\``],
        [`seed ${n} models × 5 rows`, ms(median(seeds)), '–', `\`seedDatabase(db)\` inside a test, ${seeds.length} runs: one \`createManyAndReturn\` per model`],
      ],
      notes: [
        `${TESTS} tests per variant in one vitest worker; the first ${WARM_UP} are left out (database creation, warm-up).`,
        'Each test does the same insert; the rollback fixture can cost less than no isolation because nothing it writes is ever committed.',
        `Rollback vs TRUNCATE: ${ms(truncate - rollback)} ms saved per test.`,
      ],
    };
  } finally {
    pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
