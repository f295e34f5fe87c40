// Generation: schema + analysis + options → the files of a target. Pure: the caller decides where
// and whether to write them (merging user sections with `mergeGenerated`).

import type { Analysis } from './analysis/graph';
import { planValues } from './analysis/values';
import type { Diagnostic, Schema } from './ir';
import { emitConftest } from './emit/python/conftest';
import { emitAsyncConftest } from './emit/python/conftest-async';
import { emitFactories } from './emit/python/factories';
import { DEFAULT_PYTHON_OPTIONS, type PythonEmitOptions } from './emit/python/options';
import { emitSeedData } from './emit/python/seed';
import { emitSmokeTests } from './emit/python/smoke';
import { buildPythonView } from './emit/python/view';
import { generateSeedData } from './seed';

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
};

/** factory_boy factories, conftest.py, smoke tests and seed data for SQLAlchemy/SQLModel models. */
export function generatePython(schema: Schema, analysis: Analysis, partial: PythonGenerateOptions): GenerateResult {
  const options: PythonEmitOptions = { ...DEFAULT_PYTHON_OPTIONS, ...partial };
  const diagnostics: Diagnostic[] = [];
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
  const files: GeneratedFile[] = [{ path: 'factories.py', contents: emitFactories(view, options) }];
  if (partial.factoriesOnly) return { files, diagnostics };

  const seed = generateSeedData(schema, analysis, plans, { rows: options.seedRows, seed: options.seed, locale: options.fakerLocale });
  files.push({ path: 'seed_data.py', contents: emitSeedData(schema, view, seed, options) });
  const conftest = { schema, options, metadata: metadataImport(schema, options) };
  files.push({
    path: 'conftest.py',
    contents: options.async ? emitAsyncConftest(conftest, options.asyncDriver) : emitConftest(conftest),
  });
  files.push({ path: 'test_factories_smoke.py', contents: emitSmokeTests(view, options) });
  return { files, diagnostics };
}

/** Where the declarative base (whose metadata creates the tables) is imported from. */
function metadataImport(schema: Schema, options: PythonEmitOptions): { module: string; name: string } | null {
  if (schema.format === 'sqlmodel') return { module: 'sqlmodel', name: 'SQLModel' };
  const base = schema.meta.declarativeBase;
  if (!base) return null;
  const module = options.modules[base.file] ?? base.file.replace(/\.py$/, '').replace(/\//g, '.');
  return { module, name: base.name };
}
