// The vitest target: a Prisma schema → factories.ts, seed-data.ts, schema-sql.ts, fixtures.ts and
// factories.smoke.test.ts. Pure: the caller writes the files (merging user sections).

import type { Analysis } from '../../analysis/graph';
import { planValues } from '../../analysis/values';
import type { GeneratedFile, GenerateResult } from '../../generate';
import type { Diagnostic, Schema } from '../../ir';
import { generateSeedData } from '../../seed';
import { emitFactories } from './factories';
import { emitFixtures } from './fixtures';
import { DEFAULT_VITEST_OPTIONS, type VitestEmitOptions } from './options';
import { emitSchemaSql } from './schema-sql';
import { emitSeedData } from './seed';
import { emitSmokeTests } from './smoke';
import { emitConstraintTests } from './constraints';
import { buildTsView } from './view';

export { DEFAULT_VITEST_OPTIONS, type VitestEmitOptions } from './options';
export { clientGenerator, generatorFile, prismaClientImport, type PrismaGenerator } from './client-import';

/** The files of the vitest target, in a stable order (constraints.test.ts only when there are cases). */
export const VITEST_FILES = ['factories.ts', 'seed-data.ts', 'schema-sql.ts', 'fixtures.ts', 'factories.smoke.test.ts', 'constraints.test.ts'] as const;

/**
 * TypeScript factories and vitest fixtures for a Prisma schema. Types come from the user's
 * generated Prisma Client, so only Prisma input can be generated for.
 */
export function generateVitest(schema: Schema, analysis: Analysis, partial: Partial<VitestEmitOptions>): GenerateResult {
  const options: VitestEmitOptions = { ...DEFAULT_VITEST_OPTIONS, ...partial };
  const problem = inputProblem(schema, options);
  if (problem) return { files: [], diagnostics: [problem] };
  const diagnostics: Diagnostic[] = [];
  if (schema.dialect !== null && schema.dialect !== 'postgresql') {
    diagnostics.push(
      at(
        schema,
        options,
        'warning',
        `the datasource provider is ${schema.dialect}, but fixtures.ts creates PostgreSQL databases through @prisma/adapter-pg; the factories work with any database, the fixtures need PostgreSQL (or your own version of them)`,
        'generate/vitest-provider',
      ),
    );
  }
  const plans = planValues(schema);
  diagnostics.push(...plans.diagnostics);
  const view = buildTsView(schema, analysis, plans);
  const seed = generateSeedData(schema, analysis, plans, { rows: options.seedRows, seed: options.seed, locale: options.fakerLocale });
  const files: GeneratedFile[] = [
    { path: 'factories.ts', contents: emitFactories(view, options) },
    { path: 'seed-data.ts', contents: emitSeedData(view, seed, options) },
    { path: 'schema-sql.ts', contents: emitSchemaSql(schema, analysis, options) },
    { path: 'fixtures.ts', contents: emitFixtures(options) },
    { path: 'factories.smoke.test.ts', contents: emitSmokeTests(view, options) },
  ];
  const constraints = emitConstraintTests(schema, analysis, view, options);
  if (constraints !== null) files.push({ path: 'constraints.test.ts', contents: constraints });
  return { files, diagnostics };
}

/** Why the schema cannot be generated for, or null: it must be Prisma and have models. */
function inputProblem(schema: Schema, options: VitestEmitOptions): Diagnostic | null {
  if (schema.format !== 'prisma') {
    return at(
      schema,
      options,
      'error',
      `the vitest target needs a Prisma schema (its types come from the generated Prisma Client), not ${schema.format} input; use --target pytest`,
      'generate/vitest-input',
    );
  }
  if (schema.models.length === 0) {
    return at(schema, options, 'error', 'no Prisma models to generate factories for: declare a model first', 'generate/no-models');
  }
  return null;
}

/** A diagnostic at the start of the schema's first file. */
function at(schema: Schema, options: VitestEmitOptions, severity: Diagnostic['severity'], message: string, code: string): Diagnostic {
  const file = schema.tables[0]?.location.file ?? options.source;
  return { severity, message, file, line: 1, column: 1, code };
}
