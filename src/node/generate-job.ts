// One generation job as both shells run it: read the input from disk, derive what only the disk
// knows (module paths, alembic.ini, whether the output folder is a package), call the core.

import * as path from 'node:path';
import { analyze, readSchema, type Analysis, type Diagnostic, type Schema, type SchemaFormat, type SqlDialect } from '../core';
import { generatePython, type GenerateResult, type PythonGenerateOptions } from '../core/generate';
import { clientGenerator, generateVitest, generatorFile, prismaClientImport, type VitestEmitOptions } from '../core/emit/typescript';
import { alembicHistory, type AlembicHistory } from '../core/readers/alembic/history';
import { isAlembicIni } from '../core/readers/alembic';
import { collectInputs } from './inputs';
import { detectAsync, findAlembicIni, isPackage, pythonModule } from './python-project';

export interface GenerateJobOptions {
  /** The schema file or folder, as the user named it (relative to `cwd` or absolute). */
  input: string;
  /** Output folder, as the user named it; by default `test` for vitest and `tests` for pytest. */
  out?: string;
  /** What to generate; by default vitest for Prisma input and pytest for everything else. */
  target?: GenerateTarget;
  /** vitest: the module to import the Prisma Client from (default: from the schema's generator). */
  clientImport?: string;
  cwd: string;
  format?: SchemaFormat;
  dialect?: SqlDialect;
  modelsModule?: string;
  seedRows?: number;
  seed?: number;
  db?: 'postgresql' | 'sqlite';
  fakerLocale?: string;
  factoriesOnly?: boolean;
  /** Generate the AsyncSession variant; detected from the project's code when undefined. */
  async?: boolean;
  asyncDriver?: 'asyncpg' | 'psycopg';
  /** Use alembic.ini (when found above the models) to create the test schema. Default true. */
  useAlembic?: boolean;
  /** The command shown in headers; defaults to the equivalent CLI command. */
  command?: string;
}

export interface GenerateJobResult extends GenerateResult {
  schema: Schema;
  analysis: Analysis;
  outDir: string;
  /** Problems reading the input (missing path...): nothing was generated. */
  inputProblems: string[];
}

export type GenerateTarget = 'pytest' | 'vitest';

export interface PreparedJob {
  target: GenerateTarget;
  schema: Schema;
  analysis: Analysis;
  outDir: string;
  inputProblems: string[];
  diagnostics: Diagnostic[];
  /** Options for the Python emitters, or null when the input could not be read. */
  python: PythonGenerateOptions | null;
}

/** Reads the input and derives the emitter options; no generation yet. */
export async function prepareJob(o: GenerateJobOptions): Promise<PreparedJob> {
  const input = collectInputs(o.input, o.cwd);
  const read = await readSchema(input.files, { format: o.format, dialect: o.dialect });
  const target = o.target ?? (read.schema.format === 'prisma' ? 'vitest' : 'pytest');
  const outName = o.out ?? (target === 'vitest' ? 'test' : 'tests');
  const outDir = path.resolve(o.cwd, outName);
  const analysis = analyze(read.schema);
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...analysis.diagnostics];
  const base = { target, schema: read.schema, analysis, outDir, inputProblems: input.problems, diagnostics, python: null };
  if (input.files.length === 0) return { ...base, inputProblems: input.problems.length ? input.problems : [`${o.input}: no schema files`] };
  if (diagnostics.some((d) => d.severity === 'error')) return base;

  const modules: Record<string, string> = {};
  let importRoot: string | null = null;
  for (const f of input.files) {
    if (!f.path.endsWith('.py')) continue;
    const abs = path.resolve(o.cwd, f.path);
    const m = pythonModule(abs);
    modules[f.path] = o.modelsModule ?? m.module;
    importRoot ??= m.importRoot;
  }
  const source = o.input.split(path.sep).join('/');
  const out = outName.split(path.sep).join('/');
  const flags: string[] = [];
  if (o.modelsModule) flags.push(`--models-module ${o.modelsModule}`);
  if (o.seedRows !== undefined && o.seedRows !== 5) flags.push(`--seed-rows ${o.seedRows}`);
  if (o.db && o.db !== 'postgresql') flags.push(`--db ${o.db}`);
  if (o.seed !== undefined && o.seed !== 1234) flags.push(`--seed ${o.seed}`);
  if (o.fakerLocale && o.fakerLocale !== 'en_US') flags.push(`--locale ${o.fakerLocale}`);
  if (o.async === true) flags.push('--async');
  if (o.async === false) flags.push('--sync');
  const command = o.command ?? ['npx fixture-scaffold generate', source, '--out', out, ...flags].join(' ');
  const firstModels = input.files.find((f) => f.path.endsWith('.py'));
  const alembic =
    o.useAlembic !== false && firstModels ? findAlembicIni(path.dirname(path.resolve(o.cwd, firstModels.path)), o.cwd) : null;
  const rel = (p: string) => {
    const r = path.relative(outDir, p).split(path.sep).join('/');
    return r === '' ? '.' : r;
  };

  if (read.schema.format === 'alembic' && alembic) importRoot = path.dirname(alembic);
  const detected = importRoot ? detectAsync(importRoot, outDir) : { async: false, driver: 'asyncpg' as const };
  const python: PythonGenerateOptions = {
    modules,
    localPrefix: isPackage(outDir) ? '.' : '',
    // Mapped/DeclarativeBase models need SQLAlchemy 2.0; 1.x-style models and SQLModel run on both.
    sqlalchemy: read.schema.meta.sqlalchemyStyle === '2.0' && read.schema.format !== 'sqlmodel' ? '2.0' : '1.4',
    db: o.db ?? 'postgresql',
    seedRows: o.seedRows ?? 5,
    seed: o.seed ?? 1234,
    fakerLocale: o.fakerLocale ?? 'en_US',
    schemaSource: 'models',
    alembicIni: alembic ? rel(alembic) : null,
    importRoot: importRoot ? rel(importRoot) : null,
    source,
    command,
    async: o.async ?? detected.async,
    asyncDriver: o.asyncDriver ?? detected.driver,
    factoriesOnly: o.factoriesOnly,
    // Models input, or a versions folder without its alembic.ini: the whole project's history.
    alembicHistory:
      alembic && (read.schema.format !== 'alembic' || !input.files.some((f) => isAlembicIni(f.path))) ? await migrationHistory(alembic, o.cwd) : null,
  };
  return { ...base, python };
}

/** The migration history of the alembic.ini above models input, for test_migrations.py. */
async function migrationHistory(ini: string, cwd: string): Promise<AlembicHistory | null> {
  const files = collectInputs(path.dirname(ini), cwd).files.filter((f) => f.path.endsWith('.py') || f.path.endsWith('alembic.ini'));
  const read = await readSchema(files, { format: 'alembic' });
  return alembicHistory(read.schema);
}

export async function runGenerateJob(o: GenerateJobOptions): Promise<GenerateJobResult> {
  const job = await prepareJob(o);
  const { python, ...rest } = job;
  if (!python) return { ...rest, files: [] };
  if (job.target === 'vitest') {
    const generated = generateVitest(job.schema, job.analysis, vitestOptions(o, job));
    return { ...rest, files: generated.files, diagnostics: [...job.diagnostics, ...generated.diagnostics] };
  }
  const generated = generatePython(job.schema, job.analysis, python);
  return { ...rest, files: generated.files, diagnostics: [...job.diagnostics, ...generated.diagnostics] };
}

/**
 * Options of the vitest target: the Prisma Client import from the schema's generator (its `output`
 * is relative to the file declaring it), and the command that regenerates the files.
 */
function vitestOptions(o: GenerateJobOptions, job: PreparedJob): Partial<VitestEmitOptions> {
  const source = o.input.split(path.sep).join('/');
  const out = path.relative(o.cwd, job.outDir).split(path.sep).join('/') || '.';
  const generator = clientGenerator(job.schema);
  let output: string | null = null;
  if (generator?.output) {
    const files = collectInputs(o.input, o.cwd).files;
    const file = generatorFile(files, generator.name) ?? files[0]?.path ?? o.input;
    const absolute = path.resolve(o.cwd, path.dirname(file), generator.output);
    output = path.relative(job.outDir, absolute).split(path.sep).join('/');
  }
  const flags: string[] = [];
  if (o.clientImport) flags.push(`--client-import ${o.clientImport}`);
  if (o.seedRows !== undefined && o.seedRows !== 5) flags.push(`--seed-rows ${o.seedRows}`);
  if (o.seed !== undefined && o.seed !== 1234) flags.push(`--seed ${o.seed}`);
  if (o.fakerLocale && o.fakerLocale !== 'en_US') flags.push(`--locale ${o.fakerLocale}`);
  return {
    clientImport: o.clientImport ?? prismaClientImport(generator, output),
    seedRows: o.seedRows ?? 5,
    seed: o.seed ?? 1234,
    fakerLocale: o.fakerLocale ?? 'en_US',
    source,
    command: o.command ?? ['npx fixture-scaffold generate', source, '--out', out, ...flags].join(' '),
  };
}
