// Generation: schema + analysis + options → the files of a target. Pure: the caller decides where
// and whether to write them (merging user sections with `mergeGenerated`).

import type { Analysis } from './analysis/graph';
import { planValues } from './analysis/values';
import type { Diagnostic, Schema } from './ir';
import { emitConftest } from './emit/python/conftest';
import { emitAsyncConftest } from './emit/python/conftest-async';
import { emitFactories } from './emit/python/factories';
import { DEFAULT_PYTHON_OPTIONS, type PythonEmitOptions } from './emit/python/options';
import { emitSeedData, seededManyToMany } from './emit/python/seed';
import { emitSmokeTests } from './emit/python/smoke';
import { emitConstraintTests } from './emit/python/constraints';
import { buildPythonView } from './emit/python/view';
import { generateSeedData } from './seed';
import { emitPostgresDdl } from './emit/ddl';
import { emitSqlAlchemyModels } from './emit/python/models';
import { MODELS_FILE, withGeneratedModels } from './emit/python/synthesize';
import { checksumLine, PYTHON, SQL, stampChecksum } from './emit/regions';
import { emitMigrationTests } from './emit/python/migrations';
import { alembicHistory, type AlembicHistory } from './readers/alembic/history';

export interface GeneratedFile {
  /** Path relative to the output folder, forward slashes. */
  path: string;
  contents: string;
}

export interface GenerateResult {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
}

export type PythonGenerateOptions = Partial<PythonEmitOptions> & {
  /** Generate only factories.py (the editor's "Generate Factories Only"). */
  factoriesOnly?: boolean;
  /**
   * The Alembic history of the project's alembic.ini, read by the shell: for models input (the
   * migrations of the alembic.ini above them), and for a versions folder given without its
   * alembic.ini (so env.py's `target_metadata` is known). Otherwise Alembic input carries its own
   * in `schema.meta.alembic`.
   */
  alembicHistory?: AlembicHistory | null;
};

/** factory_boy factories, conftest.py, smoke tests and seed data for SQLAlchemy/SQLModel models. */
export function generatePython(input: Schema, analysis: Analysis, partial: PythonGenerateOptions): GenerateResult {
  let options: PythonEmitOptions = { ...DEFAULT_PYTHON_OPTIONS, ...partial };
  const diagnostics: Diagnostic[] = [];
  const extra: GeneratedFile[] = [];
  let schema = input;
  if (schema.models.length === 0 && (schema.format === 'sql' || schema.format === 'alembic') && schema.tables.length > 0) {
    // No Python classes: generate models.py (and the DDL the conftest loads) from the tables.
    const generated = withGeneratedModels(schema, analysis);
    schema = generated.schema;
    const local: Record<string, string> = options.localPrefix === '.' ? { [MODELS_FILE]: '.models' } : {};
    options = {
      ...options,
      modules: { ...options.modules, ...local },
      schemaSource: options.db === 'postgresql' ? 'ddl' : 'models',
      // Alembic: alembic.ini's folder stays on sys.path, for the imports of its env.py.
      importRoot: input.format === 'alembic' && options.alembicIni ? options.importRoot : null,
    };
    extra.push({ path: 'models.py', contents: modelsFile(input, analysis, options) });
    if (options.db === 'postgresql') extra.push({ path: 'schema.sql', contents: schemaSqlFile(input, analysis, options) });
  }
  if (schema.models.length === 0) {
    diagnostics.push({
      severity: 'error',
      message: 'no mapped classes to generate factories for: the input has no SQLAlchemy/SQLModel models with a table',
      file: schema.meta.files?.[0] ?? options.source,
      line: 1,
      column: 1,
      code: 'generate/no-models',
    });
    return { files: [], diagnostics };
  }
  const plans = planValues(schema);
  diagnostics.push(...plans.diagnostics);
  const view = buildPythonView(schema, analysis, plans, options.modules);
  const files: GeneratedFile[] = [...extra, { path: 'factories.py', contents: emitFactories(view, options) }];
  if (partial.factoriesOnly) return { files, diagnostics };

  const seed = generateSeedData(schema, analysis, plans, { rows: options.seedRows, seed: options.seed, locale: options.fakerLocale });
  files.push({ path: 'seed_data.py', contents: emitSeedData(schema, view, seed, options) });
  const conftest = { schema, options, metadata: metadataImport(schema, options) };
  files.push({
    path: 'conftest.py',
    contents: options.async ? emitAsyncConftest(conftest, options.asyncDriver) : emitConftest(conftest),
  });
  files.push({ path: 'test_factories_smoke.py', contents: emitSmokeTests(view, options, seededManyToMany(schema, view, seed)) });
  const constraints = emitConstraintTests(schema, analysis, view, options);
  if (constraints !== null) files.push({ path: 'test_constraints.py', contents: constraints });
  const history = partial.alembicHistory ?? alembicHistory(input);
  if (history && history.revisions.length > 0 && options.alembicIni && options.db === 'postgresql') {
    const base = input.format === 'alembic' ? null : metadataImport(schema, options);
    const metadata = input.format === 'alembic' ? history.targetMetadataImport : base && { ...base, expression: `${base.name}.metadata` };
    files.push({ path: 'test_migrations.py', contents: emitMigrationTests({ history, options, metadata }) });
  }
  return { files, diagnostics };
}

function modelsFile(schema: Schema, analysis: Analysis, options: PythonEmitOptions): string {
  const text = emitSqlAlchemyModels(schema, analysis, {
    header: `SQLAlchemy models for the tables of ${options.source}, generated so the factories have classes to build.`,
    sqlalchemy: options.sqlalchemy,
  });
  const header = [
    `# Generated by Fixture Scaffold from ${options.source}: SQLAlchemy models.`,
    `# Regenerate with: ${options.command}`,
    '# Rewritten on every regeneration: change the schema, not this file.',
    checksumLine(PYTHON),
  ].join('\n');
  return stampChecksum(`${header}\n\n${text}`);
}

function schemaSqlFile(schema: Schema, analysis: Analysis, options: PythonEmitOptions): string {
  const header = [
    `-- Generated by Fixture Scaffold from ${options.source}: the schema the conftest creates.`,
    `-- Regenerate with: ${options.command}`,
    checksumLine(SQL),
  ].join('\n');
  return stampChecksum(`${header}\n${emitPostgresDdl(schema, analysis)}`);
}

/** Where the declarative base (whose metadata creates the tables) is imported from. */
function metadataImport(schema: Schema, options: PythonEmitOptions): { module: string; name: string } | null {
  if (schema.format === 'sqlmodel') return { module: 'sqlmodel', name: 'SQLModel' };
  const base = schema.meta.declarativeBase;
  if (!base) return null;
  const module = options.modules[base.file] ?? `${options.localPrefix}${base.file.replace(/\.py$/, '').replace(/\//g, '.')}`;
  return { module, name: base.name };
}
