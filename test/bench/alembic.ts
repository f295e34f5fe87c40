// Benchmark of the generated migration tests: the stairway of test_migrations.py (every revision
// upgraded, downgraded alone and upgraded again) for a generated 40-revision history, against the
// plain `alembic upgrade head && alembic downgrade base` CLI on the same PostgreSQL server, both
// measured as wall time of the whole command (process start included), medians of RUNS runs.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cli } from '../support/cli';
import { startPostgres, type PgCluster } from '../support/postgres';
import { describePythonRun, pythonStacks, runPytest, runPython, type PythonStack } from '../support/python';
import { median, type BenchTable } from './util';

const REVISIONS = 40;
const RUNS = 3;

const ENV_PY = `from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
target_metadata = None

connectable = engine_from_config(
    config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
`;

/** Revision `i` of the synthetic history: tables, columns, indexes and unique constraints in turn. */
function revision(i: number): string {
  const id = `r${String(i).padStart(3, '0')}`;
  const down = i === 0 ? 'None' : `"r${String(i - 1).padStart(3, '0')}"`;
  const table = `t${Math.floor(i / 4)}`;
  let up: string;
  let back: string;
  switch (i % 4) {
    case 0: {
      const ref = i >= 4 ? `, sa.Column("parent_id", sa.Integer(), sa.ForeignKey("t${Math.floor(i / 4) - 1}.id"))` : '';
      up = `op.create_table("${table}", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("label", sa.String(50), nullable=False)${ref})`;
      back = `op.drop_table("${table}")`;
      break;
    }
    case 1:
      up = `op.add_column("${table}", sa.Column("extra", sa.Integer(), nullable=True))`;
      back = `op.drop_column("${table}", "extra")`;
      break;
    case 2:
      up = `op.create_index("ix_${table}_label", "${table}", ["label"])`;
      back = `op.drop_index("ix_${table}_label", table_name="${table}")`;
      break;
    default:
      up = `op.create_unique_constraint("uq_${table}_extra", "${table}", ["extra"])`;
      back = `op.drop_constraint("uq_${table}_extra", "${table}", type_="unique")`;
  }
  return [
    `"""step ${i}"""`,
    'import sqlalchemy as sa',
    'from alembic import op',
    '',
    `revision = "${id}"`,
    `down_revision = ${down}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade():',
    `    ${up}`,
    '',
    '',
    'def downgrade():',
    `    ${back}`,
    '',
  ].join('\n');
}

function writeProject(root: string, url: string): void {
  fs.mkdirSync(path.join(root, 'migrations', 'versions'), { recursive: true });
  fs.writeFileSync(path.join(root, 'alembic.ini'), `[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = ${url.replace(/%/g, '%%')}\n`);
  fs.writeFileSync(path.join(root, 'migrations', 'env.py'), ENV_PY);
  for (let i = 0; i < REVISIONS; i++) fs.writeFileSync(path.join(root, 'migrations', 'versions', `r${String(i).padStart(3, '0')}_step.py`), revision(i));
}

async function timeCli(stack: PythonStack, root: string): Promise<number> {
  const started = performance.now();
  for (const args of [['upgrade', 'head'], ['downgrade', 'base']]) {
    const run = await runPython(stack, ['-m', 'alembic', '-c', 'alembic.ini', ...args], root);
    if (run.code !== 0) throw new Error(`alembic ${args.join(' ')} failed\n${describePythonRun(run)}`);
  }
  return performance.now() - started;
}

/** Wall time of the pytest command, and the time pytest reports for the stairway tests themselves. */
async function timeStairway(stack: PythonStack, tests: string, cluster: PgCluster): Promise<{ wall: number; tests: number }> {
  const started = performance.now();
  const args = ['-q', '-p', 'no:asyncio', 'test_migrations.py', '-k', 'stairway', '--durations=0', '--durations-min=0'];
  const run = await runPytest(stack, tests, args, { TEST_DATABASE_URL: cluster.url('bench') });
  const wall = performance.now() - started;
  if (run.code !== 0 || run.summary?.passed !== REVISIONS) throw new Error(`stairway failed\n${describePythonRun(run)}`);
  // Setup (the session's databases), call and teardown of every test_stairway[...].
  const durations = [...run.stdout.matchAll(/^([\d.]+)s (?:setup|call|teardown)\s+\S*test_stairway\[/gm)].map((m) => Number(m[1]) * 1000);
  return { wall, tests: durations.reduce((a, b) => a + b, 0) };
}

export async function benchAlembic(): Promise<BenchTable> {
  const cluster = await startPostgres();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-bench-alembic-'));
  const rows: string[][] = [];
  try {
    await cluster.createDatabase('bench');
    writeProject(root, cluster.url('bench'));
    const gen = await cli(['generate', '.', '--out', 'tests'], root);
    if (gen.code !== 0) throw new Error(gen.stderr + gen.stdout);
    const tests = path.join(root, 'tests');
    for (const stack of pythonStacks()) {
      const raw: number[] = [];
      const wall: number[] = [];
      const own: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        raw.push(await timeCli(stack, root));
        const t = await timeStairway(stack, tests, cluster);
        wall.push(t.wall);
        own.push(t.tests);
      }
      const r = median(raw);
      const w = median(wall);
      const o = median(own);
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      rows.push([stack.name, s(r), `${s(w)} (${(w / r).toFixed(2)}×)`, `${s(o)} (${(o / r).toFixed(2)}×)`]);
    }
  } finally {
    cluster.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  return {
    title: `Stairway of a ${REVISIONS}-revision history vs the raw Alembic CLI (median of ${RUNS})`,
    headers: ['Python stack', '`alembic upgrade head && alembic downgrade base`', '`pytest -k stairway`, whole command (ratio)', 'the stairway tests themselves (ratio)'],
    rows,
    notes: [
      `Both on the same PostgreSQL server (a throwaway cluster on tmpfs), wall time of whole commands: two alembic processes vs one pytest process (${REVISIONS} parametrized tests). The last column is what pytest reports (\`--durations\`) for the stairway tests' setup, call and teardown: the whole command adds pytest's start and conftest.py's imports (factory_boy, Faker).`,
      `The stairway runs 3 migrations per revision (upgrade, downgrade that revision alone, upgrade again: ${3 * REVISIONS} in all) where the CLI runs 2 (${2 * REVISIONS}), plus a template and a walk database; it runs them all in one env.py run (as one \`alembic upgrade\` does), so it pays for loading the revisions and connecting once, where one alembic command per step (120 \`command.upgrade/downgrade\` calls) measured 5.8× here.`,
      'The walk is shared by the parametrized tests of one session (and xdist worker); a database per revision would replay the history from base for each one (quadratic).',
    ],
  };
}
