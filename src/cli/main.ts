// The `fixture-scaffold` command line. A thin shell: parse arguments, read files, call the core,
// print. `runCli` is exported so tests drive exactly what users run, in-process.

import * as path from 'node:path';
import {
  analyze,
  formatDiagnostic,
  inspectJson,
  orderText,
  readSchema,
  sortDiagnostics,
  type SchemaFormat,
  type SqlDialect,
} from '../core';
import { collectInputs, displayPath } from '../node/inputs';
import { prepareJob, runGenerateJob } from '../node/generate-job';
import { checkDrift } from '../core/drift';
import * as fs from 'node:fs';
import { applyWrites, planWrites } from '../node/write';
import { verifySchema, type VerifyResult } from '../core/verify';

export interface CliIo {
  argv: string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const VERSION = '0.1.0';

const USAGE = `Usage: fixture-scaffold <command> [options]

Commands:
  inspect <file-or-folder>   Print the schema as read: tables, columns, keys, FK order, diagnostics
      --json                   machine-readable output
      --format <f>             sqlalchemy | sqlmodel | sql | prisma | alembic (detected when omitted)
      --dialect <d>            postgresql | mysql | sqlite (SQL input; detected when omitted)
  order <file-or-folder>     Print the insertion order, cycles and how they are broken
  generate <file-or-folder>  Write factories, conftest.py, seed data and smoke tests
      --target <t>             pytest | vitest (default: vitest for Prisma input, else pytest)
      --out <dir>              output folder (default: test for vitest, tests for pytest)
      --client-import <m>      vitest: import Prisma Client from this module (default: from the
                               schema's generator output, else @prisma/client)
      --models-module <m>      import the models from this module (default: from the file's package)
      --seed-rows <n>          rows per table in the \`seeded\` fixture (default: 5)
      --seed <n>               seed of the generated seed rows (default: 1234)
      --db <d>                 postgresql | sqlite: the test database (default: postgresql)
      --locale <l>             Faker locale (default: en_US)
      --factories-only         write only factories.py
      --no-alembic             ignore an alembic.ini: no migrations in conftest.py, no test_migrations.py
      --async | --sync         AsyncSession fixtures (default: detected from the project's code)
      --async-driver <d>       asyncpg | psycopg (default: detected, else asyncpg)
      --dry-run                print what would change, write nothing
      --force                  overwrite files edited outside their user sections (keeps a .bak)
  verify <file-or-folder>    Insert the generated data into an embedded PostgreSQL (PGlite): the
                             seed rows, create_batch-like batches and the boundary cases; exit 1
                             on any violation (FK, unique, CHECK, NOT NULL, length, enum)
      --seed-rows <n>          rows per table, as the \`seeded\` fixture inserts them (default: 5)
      --seed <n>               seed of the generated rows (default: 1234)
      --locale <l>             Faker locale (default: en_US)
      --json                   machine-readable output
  check <file-or-folder>     Exit 1 when the factories no longer match the schema (for CI)
      --factories <file>       the generated factories.py (default: tests/factories.py)

Options:
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 ok, 1 the schema has errors, 2 usage error.
`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['target', 'client-import', 'format', 'dialect', 'out', 'models-module', 'seed-rows', 'seed', 'db', 'locale', 'factories', 'async-driver']);
const BOOLEAN_FLAGS = new Set(['json', 'help', 'version', 'factories-only', 'dry-run', 'force', 'no-alembic', 'async', 'sync']);

function parseArgs(argv: string[]): Parsed {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') flags.set('help', true);
    else if (a === '-v') flags.set('version', true);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (VALUE_FLAGS.has(name)) {
        const value = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else if (BOOLEAN_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option --${name}`);
      }
    } else positional.push(a);
  }
  return { command: positional.shift() ?? '', positional, flags };
}

function oneOf<T extends string>(flags: Parsed['flags'], name: string, allowed: readonly T[]): T | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new UsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  }
  return v as T;
}

export async function runCli(io: CliIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(io.argv);
    if (parsed.flags.has('version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (parsed.flags.has('help') || parsed.command === '' || parsed.command === 'help') {
      io.stdout(USAGE);
      return parsed.command === '' && !parsed.flags.has('help') ? 2 : 0;
    }
    switch (parsed.command) {
      case 'inspect':
      case 'order':
        return await inspectOrOrder(parsed, io);
      case 'generate':
        return await generate(parsed, io);
      case 'check':
        return await check(parsed, io);
      case 'verify':
        return await verify(parsed, io);
      default:
        throw new UsageError(`unknown command "${parsed.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`fixture-scaffold: ${e.message}\nRun "fixture-scaffold --help" for usage.\n`);
      return 2;
    }
    throw e;
  }
}

async function inspectOrOrder(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.positional.length !== 1) {
    throw new UsageError(`${parsed.command} takes exactly one <file-or-folder>`);
  }
  const format = oneOf<SchemaFormat>(parsed.flags, 'format', ['sqlalchemy', 'sqlmodel', 'sql', 'prisma', 'alembic']);
  const dialect = oneOf<SqlDialect>(parsed.flags, 'dialect', ['postgresql', 'mysql', 'sqlite']);
  const input = collectInputs(parsed.positional[0], io.cwd);
  if (input.problems.length > 0 && input.files.length === 0) {
    for (const p of input.problems) io.stderr(`fixture-scaffold: ${p}\n`);
    return 2;
  }
  for (const p of input.problems) io.stderr(`fixture-scaffold: warning: ${p}\n`);
  const read = await readSchema(input.files, { format, dialect });
  const analysis = analyze(read.schema);
  const diagnostics = sortDiagnostics([...read.diagnostics, ...analysis.diagnostics]);
  if (parsed.command === 'inspect' && parsed.flags.has('json')) {
    io.stdout(JSON.stringify(inspectJson(read.schema, analysis, diagnostics), null, 2) + '\n');
  } else {
    for (const d of diagnostics) io.stderr(formatDiagnostic(d) + '\n');
    io.stdout(parsed.command === 'order' ? orderText(read.schema, analysis) : inspectText(read.schema));
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function intFlag(flags: Parsed['flags'], name: string, min: number, max: number): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

async function generate(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.positional.length !== 1) throw new UsageError('generate takes exactly one <file-or-folder>');
  const out = parsed.flags.get('out');
  const modelsModule = parsed.flags.get('models-module');
  if (typeof modelsModule === 'string' && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(modelsModule)) {
    throw new UsageError('--models-module must be a dotted Python module path, e.g. app.models');
  }
  const clientImport = parsed.flags.get('client-import');
  const job = await runGenerateJob({
    input: parsed.positional[0],
    out: typeof out === 'string' ? out : undefined,
    target: oneOf(parsed.flags, 'target', ['pytest', 'vitest'] as const),
    clientImport: typeof clientImport === 'string' ? clientImport : undefined,
    cwd: io.cwd,
    format: oneOf<SchemaFormat>(parsed.flags, 'format', ['sqlalchemy', 'sqlmodel', 'sql', 'prisma', 'alembic']),
    dialect: oneOf<SqlDialect>(parsed.flags, 'dialect', ['postgresql', 'mysql', 'sqlite']),
    modelsModule: typeof modelsModule === 'string' ? modelsModule : undefined,
    seedRows: intFlag(parsed.flags, 'seed-rows', 0, 10000),
    seed: intFlag(parsed.flags, 'seed', 0, 2 ** 31 - 1),
    db: oneOf(parsed.flags, 'db', ['postgresql', 'sqlite'] as const),
    fakerLocale: typeof parsed.flags.get('locale') === 'string' ? (parsed.flags.get('locale') as string) : undefined,
    factoriesOnly: parsed.flags.has('factories-only'),
    useAlembic: !parsed.flags.has('no-alembic'),
    async: parsed.flags.has('async') ? true : parsed.flags.has('sync') ? false : undefined,
    asyncDriver: oneOf(parsed.flags, 'async-driver', ['asyncpg', 'psycopg'] as const),
  });
  for (const p of job.inputProblems) io.stderr(`fixture-scaffold: ${p}\n`);
  if (job.inputProblems.length > 0 && job.files.length === 0 && job.diagnostics.length === 0) return 2;
  const diagnostics = sortDiagnostics(job.diagnostics);
  for (const d of diagnostics) io.stderr(formatDiagnostic(d) + '\n');
  if (diagnostics.some((d) => d.severity === 'error') || job.files.length === 0) {
    io.stderr('fixture-scaffold: nothing written; fix the errors above and run generate again.\n');
    return 1;
  }
  const planned = planWrites(job.outDir, job.files, parsed.flags.has('force'));
  const dry = parsed.flags.has('dry-run');
  const reports = dry ? planned : applyWrites(job.outDir, planned);
  const shown = (p: string) => displayPath(path.join(job.outDir, p), io.cwd);
  let conflicts = 0;
  for (const r of reports) {
    const verb = dry ? `would be ${r.status}` : r.status;
    if (r.status === 'conflict') {
      conflicts++;
      io.stderr(
        `${shown(r.path)}: not written: ` +
          (r.conflict === 'not-generated'
            ? 'this file was not generated by fixture-scaffold; move it away or pass --force (a .bak copy is kept)\n'
            : 'it was edited outside its "user code" regions; move those edits into a region, or pass --force (a .bak copy is kept)\n'),
      );
      continue;
    }
    io.stdout(`${shown(r.path)}: ${verb}${r.backup ? ` (previous version saved as ${shown(r.backup)})` : ''}\n`);
    for (const o of r.orphaned ?? []) io.stdout(`  user code of "${o}" has no place any more: kept, commented out, at the end of the file\n`);
  }
  return conflicts > 0 ? 1 : 0;
}

async function check(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.positional.length !== 1) throw new UsageError('check takes exactly one <file-or-folder>');
  const factoriesFlag = parsed.flags.get('factories');
  const factoriesPath = path.resolve(io.cwd, typeof factoriesFlag === 'string' ? factoriesFlag : 'tests/factories.py');
  if (!fs.existsSync(factoriesPath)) {
    io.stderr(`fixture-scaffold: ${displayPath(factoriesPath, io.cwd)}: no such file; run generate first or pass --factories\n`);
    return 2;
  }
  const job = await prepareJob({
    input: parsed.positional[0],
    out: path.dirname(factoriesPath),
    cwd: io.cwd,
    format: oneOf<SchemaFormat>(parsed.flags, 'format', ['sqlalchemy', 'sqlmodel', 'sql', 'prisma', 'alembic']),
    dialect: oneOf<SqlDialect>(parsed.flags, 'dialect', ['postgresql', 'mysql', 'sqlite']),
    modelsModule: typeof parsed.flags.get('models-module') === 'string' ? (parsed.flags.get('models-module') as string) : undefined,
    fakerLocale: typeof parsed.flags.get('locale') === 'string' ? (parsed.flags.get('locale') as string) : undefined,
  });
  for (const p of job.inputProblems) io.stderr(`fixture-scaffold: ${p}\n`);
  for (const d of sortDiagnostics(job.diagnostics)) io.stderr(formatDiagnostic(d) + '\n');
  if (!job.python) return job.inputProblems.length > 0 ? 2 : 1;
  const drift = checkDrift(job.schema, job.analysis, fs.readFileSync(factoriesPath, 'utf8'), job.python);
  const shown = displayPath(factoriesPath, io.cwd);
  for (const p of drift.problems) io.stderr(`${shown}:1:1: error: ${p}\n`);
  for (const item of drift.items) {
    const line = item.factoryLines?.start ?? 1;
    io.stdout(`${shown}:${line}:1: warning: ${item.message}\n`);
    if (item.modelLocation) {
      const l = item.modelLocation;
      io.stdout(`${l.file}:${l.line}:${l.column}: info: model \`${item.model}\` is defined here\n`);
    }
  }
  if (drift.problems.length > 0) return 1;
  if (drift.items.length === 0) {
    io.stdout(`${shown}: up to date with the schema\n`);
    return 0;
  }
  io.stdout(`${drift.items.length} factor${drift.items.length === 1 ? 'y is' : 'ies are'} out of date: run fixture-scaffold generate to update them (user code is kept)\n`);
  return 1;
}

async function verify(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.positional.length !== 1) throw new UsageError('verify takes exactly one <file-or-folder>');
  const format = oneOf<SchemaFormat>(parsed.flags, 'format', ['sqlalchemy', 'sqlmodel', 'sql', 'prisma', 'alembic']);
  const dialect = oneOf<SqlDialect>(parsed.flags, 'dialect', ['postgresql', 'mysql', 'sqlite']);
  const rows = intFlag(parsed.flags, 'seed-rows', 1, 10000);
  const seed = intFlag(parsed.flags, 'seed', 0, 2 ** 31 - 1);
  const locale = parsed.flags.get('locale');
  const input = collectInputs(parsed.positional[0], io.cwd);
  if (input.problems.length > 0 && input.files.length === 0) {
    for (const p of input.problems) io.stderr(`fixture-scaffold: ${p}\n`);
    return 2;
  }
  for (const p of input.problems) io.stderr(`fixture-scaffold: warning: ${p}\n`);
  const read = await readSchema(input.files, { format, dialect });
  const analysis = analyze(read.schema);
  const schemaDiagnostics = sortDiagnostics([...read.diagnostics, ...analysis.diagnostics]);
  const result = await verifySchema(read.schema, analysis, {
    ...(rows !== undefined ? { rows } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(typeof locale === 'string' ? { locale } : {}),
  });
  const diagnostics = sortDiagnostics(result.diagnostics);
  const schemaErrors = schemaDiagnostics.some((d) => d.severity === 'error');
  const failed = schemaErrors || diagnostics.some((d) => d.severity === 'error');
  if (parsed.flags.has('json')) {
    io.stdout(JSON.stringify({ ok: !failed, summary: result.summary, timings: result.timings, schemaDiagnostics, diagnostics }, null, 2) + '\n');
    return failed ? 1 : 0;
  }
  for (const d of schemaDiagnostics) io.stderr(formatDiagnostic(d) + '\n');
  for (const d of diagnostics) io.stdout(formatDiagnostic(d) + '\n');
  io.stdout(verifySummaryText(result) + '\n');
  if (schemaErrors) io.stderr('fixture-scaffold: the schema has errors (above); the data was verified for the rest of it.\n');
  return failed ? 1 : 0;
}

function verifySummaryText(r: VerifyResult): string {
  const s = r.summary;
  const problems = r.diagnostics.filter((d) => d.severity === 'error').length;
  const parts = [`${s.seedRows} seed rows`, `${s.batchRows} batch rows`, `${s.boundaryCases} boundary cases`];
  if (s.skippedRows > 0) parts.push(`${s.skippedRows} rows skipped (a parent row failed)`);
  if (s.boundaryCasesNotRun > 0) parts.push(`${s.boundaryCasesNotRun} boundary cases not run (no stored row)`);
  const took = `PGlite started in ${(r.timings.startMs / 1000).toFixed(1)} s${r.timings.fromSnapshot ? '' : ' (no snapshot: ran initdb)'}, total ${(r.timings.totalMs / 1000).toFixed(1)} s`;
  const verdict = problems === 0 ? 'no violations' : `${problems} problem${problems === 1 ? '' : 's'} (${s.violations} violation${s.violations === 1 ? '' : 's'})`;
  return `verify: ${s.tables} table${s.tables === 1 ? '' : 's'}, ${parts.join(', ')}: ${verdict}. ${took}.`;
}

function inspectText(schema: import('../core').Schema): string {
  const lines: string[] = [];
  lines.push(`${schema.format}${schema.dialect ? ` (${schema.dialect})` : ''}: ${schema.tables.length} tables`);
  for (const t of schema.tables) {
    lines.push('', `${t.name}${t.model ? ` (${t.model})` : ''}  ${t.location.file}:${t.location.line}`);
    for (const c of t.columns) {
      const bits = [c.type + (c.maxLength !== null ? `(${c.maxLength})` : '')];
      if (c.primaryKey) bits.push('PK');
      if (!c.nullable) bits.push('NOT NULL');
      if (c.unique) bits.push('UNIQUE');
      if (c.hasDefault) bits.push('DEFAULT');
      if (c.enumValues) bits.push(`{${c.enumValues.join(', ')}}`);
      lines.push(`  ${c.name.padEnd(24)} ${bits.join(' ')}`);
    }
    for (const f of t.foreignKeys) {
      lines.push(`  FK (${f.columns.join(', ')}) -> ${f.refTable}(${f.refColumns.join(', ')})`);
    }
    for (const u of t.uniqueConstraints.filter((u) => u.columns.length > 1)) {
      lines.push(`  UNIQUE (${u.columns.join(', ')})`);
    }
    for (const c of t.checks) lines.push(`  CHECK (${c.expression})`);
  }
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  runCli({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`fixture-scaffold: internal error: ${(e as Error)?.stack ?? e}\nPlease report this with the schema that caused it.\n`);
      process.exitCode = 70;
    },
  );
}
