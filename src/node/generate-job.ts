// One generation job as both shells run it: read the input from disk, derive what only the disk
// knows (module paths, alembic.ini, whether the output folder is a package), call the core.

import * as path from 'node:path';
import { analyze, readSchema, type Analysis, type Diagnostic, type Schema, type SchemaFormat, type SqlDialect } from '../core';
import { generatePython, type GenerateResult, type PythonGenerateOptions } from '../core/generate';
import { collectInputs } from './inputs';
import { findAlembicIni, isPackage, pythonModule } from './python-project';

export interface GenerateJobOptions {
  /** The schema file or folder, as the user named it (relative to `cwd` or absolute). */
  input: string;
  /** Output folder, as the user named it. */
  out: string;
  cwd: string;
  format?: SchemaFormat;
  dialect?: SqlDialect;
  modelsModule?: string;
  seedRows?: number;
  seed?: number;
  db?: 'postgresql' | 'sqlite';
  fakerLocale?: string;
  factoriesOnly?: boolean;
  async?: boolean;
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

export interface PreparedJob {
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
  const outDir = path.resolve(o.cwd, o.out);
  const read = await readSchema(input.files, { format: o.format, dialect: o.dialect });
  const analysis = analyze(read.schema);
  const diagnostics: Diagnostic[] = [...read.diagnostics, ...analysis.diagnostics];
  const base = { schema: read.schema, analysis, outDir, inputProblems: input.problems, diagnostics, python: null };
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
  const out = o.out.split(path.sep).join('/');
  const flags: string[] = [];
  if (o.modelsModule) flags.push(`--models-module ${o.modelsModule}`);
  if (o.seedRows !== undefined && o.seedRows !== 5) flags.push(`--seed-rows ${o.seedRows}`);
  if (o.db && o.db !== 'postgresql') flags.push(`--db ${o.db}`);
  const command = o.command ?? ['npx fixture-scaffold generate', source, '--out', out, ...flags].join(' ');
  const firstModels = input.files.find((f) => f.path.endsWith('.py'));
  const alembic =
    o.useAlembic !== false && firstModels ? findAlembicIni(path.dirname(path.resolve(o.cwd, firstModels.path)), o.cwd) : null;
  const rel = (p: string) => {
    const r = path.relative(outDir, p).split(path.sep).join('/');
    return r === '' ? '.' : r;
  };

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
    async: o.async ?? false,
    factoriesOnly: o.factoriesOnly,
  };
  return { ...base, python };
}

export async function runGenerateJob(o: GenerateJobOptions): Promise<GenerateJobResult> {
  const job = await prepareJob(o);
  const { python, ...rest } = job;
  if (!python) return { ...rest, files: [] };
  const generated = generatePython(job.schema, job.analysis, python);
  return { ...rest, files: generated.files, diagnostics: [...job.diagnostics, ...generated.diagnostics] };
}
