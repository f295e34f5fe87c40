// `verify`: proof, without a database server, that the generated data fits the schema. The
// schema's PostgreSQL DDL is loaded into an embedded PostgreSQL (PGlite), then
//   1. the seed rows, exactly as the `seeded` fixture inserts them (same generator, same seed),
//   2. a create_batch-like set: `batch` more rows per table from the same plans, so sequences run
//      past the seed rows and unique values are checked at volume,
//   3. the boundary cases of test_constraints.py / constraints.test.ts, each of which must be
//      accepted or rejected exactly as promised,
// and every violation becomes a diagnostic naming the table, column, constraint and value.
// Each pass runs in a transaction that is rolled back, so the passes never see each other's rows.

import { performance } from 'node:perf_hooks';
import type { Analysis } from '../analysis/graph';
import { planValues, type ValuePlanResult } from '../analysis/values';
import { emitPostgresDdl } from '../emit/ddl';
import { planPostgres, type PgPlan } from '../emit/pg-plan';
import type { Column, Diagnostic, Schema } from '../ir';
import { generateSeedData, type SeedOptions } from '../seed';
import { boundaryCases, countCases } from './boundaries';
import { columnKey, writeSeedData, type StoredRow } from './insert';
import { startPglite, type PgError, type SqlEngine, type StartedEngine } from './pglite';
import { runBoundaries } from './run-boundaries';
import { explain, readConstraints, violationDiagnostics, type CatalogConstraint, type Violation } from './violations';

export { boundaryCases, countCases, SQLSTATE, type BoundaryValue, type TableBoundaries, type ValueCase, type UniqueCase, type ForeignKeyCase } from './boundaries';
export type { SqlEngine, StartedEngine } from './pglite';

export interface VerifyOptions {
  /** Seed rows per table, as the `seeded` fixture inserts them (`--seed-rows`). */
  rows: number;
  /** Seed of the generator (`--seed`). */
  seed: number;
  locale: string;
  /** Rows per table of the create_batch-like pass (0 skips it). */
  batch: number;
  /** Run the boundary cases too. */
  boundaries: boolean;
  /** Test seam: the value planner. A test injects a wrong one to prove verify catches it. */
  planValues?: (schema: Schema) => ValuePlanResult;
  /** The database to run in; by default a fresh PGlite. */
  startEngine?: () => Promise<StartedEngine>;
  /**
   * Stops the run: no statement is sent once it is aborted (one already running finishes, PGlite
   * cannot interrupt it), the database is closed and verify rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = { rows: 5, seed: 1234, locale: 'en_US', batch: 50, boundaries: true };

export interface VerifyTimings {
  /** Import and start of the embedded database. */
  startMs: number;
  ddlMs: number;
  seedMs: number;
  batchMs: number;
  boundaryMs: number;
  totalMs: number;
  /** The database started from the shipped data-directory snapshot. */
  fromSnapshot: boolean;
}

export interface VerifySummary {
  tables: number;
  /** Rows the seed pass stored. */
  seedRows: number;
  /** Rows the batch pass stored. */
  batchRows: number;
  boundaryCases: number;
  /** Boundary cases not run because their table got no stored row. */
  boundaryCasesNotRun: number;
  /** Rows not attempted because a parent row they need failed. */
  skippedRows: number;
  violations: number;
}

export interface VerifyResult {
  /** Errors for violations and failed boundary cases; an error when the DDL does not load. */
  diagnostics: Diagnostic[];
  summary: VerifySummary;
  timings: VerifyTimings;
  /** The DDL that was loaded. */
  ddl: string;
}

/** Verifies the generated data of a schema in an embedded PostgreSQL. */
export async function verifySchema(schema: Schema, analysis: Analysis, partial: Partial<VerifyOptions> = {}): Promise<VerifyResult> {
  const options: VerifyOptions = { ...DEFAULT_VERIFY_OPTIONS, ...partial };
  const began = performance.now();
  const plans = (options.planValues ?? planValues)(schema);
  const pgPlan = planPostgres(schema, analysis);
  const ddl = emitPostgresDdl(schema, analysis);
  const summary: VerifySummary = { tables: pgPlan.tables.length, seedRows: 0, batchRows: 0, boundaryCases: 0, boundaryCasesNotRun: 0, skippedRows: 0, violations: 0 };
  const timings: VerifyTimings = { startMs: 0, ddlMs: 0, seedMs: 0, batchMs: 0, boundaryMs: 0, totalMs: 0, fromSnapshot: false };
  options.signal?.throwIfAborted();
  const started = await (options.startEngine ?? startPglite)();
  timings.startMs = started.startMs;
  timings.fromSnapshot = started.fromSnapshot;
  const engine = options.signal ? abortable(started.engine, options.signal) : started.engine;
  const diagnostics: Diagnostic[] = [];
  try {
    let t = performance.now();
    try {
      await engine.exec(ddl);
    } catch (error) {
      options.signal?.throwIfAborted();
      diagnostics.push(ddlError(schema, error as PgError));
      return { diagnostics, summary, timings: { ...timings, totalMs: performance.now() - began }, ddl };
    }
    const constraints = await readConstraints(engine);
    timings.ddlMs = performance.now() - t;
    const violations: Violation[] = [];
    const userColumns = new Set<string>();
    for (const t of schema.tables) {
      for (const cp of plans.tables[t.name]?.columns ?? []) {
        if (cp.value.kind !== 'null' || !cp.required) continue;
        userColumns.add(columnKey(t.name, cp.column.name));
        diagnostics.push(userColumnWarning(t.name, cp.column, cp.notes));
      }
    }
    const seedOptions = (rows: number): SeedOptions => ({ rows, seed: options.seed, locale: options.locale });

    t = performance.now();
    const seed = await pass(engine, schema, pgPlan, constraints, violations, 'seed', userColumns, generateSeedData(schema, analysis, plans, seedOptions(options.rows)), async (rows) => {
      if (!options.boundaries) return;
      const b = performance.now();
      const cases = boundaryCases(schema, { database: 'postgresql' }, pgPlan);
      const run = await runBoundaries(engine, cases, rows);
      summary.boundaryCases = countCases(cases);
      summary.boundaryCasesNotRun = run.notRun;
      diagnostics.push(...run.diagnostics);
      timings.boundaryMs = performance.now() - b;
    });
    summary.seedRows = seed.inserted;
    summary.skippedRows += seed.skipped;
    timings.seedMs = performance.now() - t - timings.boundaryMs;

    if (options.batch > 0) {
      t = performance.now();
      const data = generateSeedData(schema, analysis, plans, seedOptions(options.rows + options.batch));
      const batch = await pass(engine, schema, pgPlan, constraints, violations, 'batch', userColumns, data, async () => undefined);
      summary.batchRows = batch.inserted;
      summary.skippedRows += batch.skipped;
      timings.batchMs = performance.now() - t;
    }
    const found = violationDiagnostics(violations);
    summary.violations = found.length;
    diagnostics.unshift(...found);
  } finally {
    await started.engine.close();
  }
  timings.totalMs = performance.now() - began;
  return { diagnostics, summary, timings, ddl };
}

/**
 * The engine, refusing every statement once `signal` is aborted. Verify's error handling always
 * talks to the database again (ROLLBACK TO SAVEPOINT…), so the abort surfaces from any depth.
 */
function abortable(engine: SqlEngine, signal: AbortSignal): SqlEngine {
  return {
    exec: async (sql) => {
      signal.throwIfAborted();
      await engine.exec(sql);
    },
    query: async (sql) => {
      signal.throwIfAborted();
      return engine.query(sql);
    },
    close: () => engine.close(),
  };
}

/**
 * One pass: a transaction that inserts a seed data set, explains its failures, checks the
 * deferred constraints, runs `then` on the stored rows, and is rolled back.
 */
async function pass(
  engine: SqlEngine,
  schema: Schema,
  plan: PgPlan,
  constraints: CatalogConstraint[],
  violations: Violation[],
  name: string,
  userColumns: Set<string>,
  data: ReturnType<typeof generateSeedData>,
  then: (rows: Map<string, StoredRow[]>) => Promise<void>,
): Promise<{ inserted: number; skipped: number }> {
  await engine.exec('BEGIN');
  try {
    const written = await writeSeedData(engine, schema, plan, data, name, userColumns);
    for (const f of written.failures) violations.push(await explain(f, constraints, engine));
    violations.push(...(await deferredViolations(engine, plan, constraints, name)));
    await then(written.rows);
    return { inserted: written.inserted, skipped: written.skipped };
  } finally {
    await engine.exec('ROLLBACK');
  }
}

/** Deferred foreign keys are checked at commit: make them immediate to check them now. */
async function deferredViolations(engine: SqlEngine, plan: PgPlan, constraints: CatalogConstraint[], name: string): Promise<Violation[]> {
  if (!plan.foreignKeys.some((f) => f.fk.deferrable)) return [];
  await engine.exec('SAVEPOINT deferred');
  try {
    await engine.exec('SET CONSTRAINTS ALL IMMEDIATE');
    await engine.exec('RELEASE SAVEPOINT deferred');
    return [];
  } catch (error) {
    await engine.exec('ROLLBACK TO SAVEPOINT deferred');
    const e = error as PgError;
    const table = plan.tables.find((t) => t.table.name === e.table || t.bareName === e.table) ?? plan.tables[0];
    return [await explain({ pass: name, group: table.table.name, row: 0, table, values: new Map(), sql: '', error: e, link: true }, constraints, engine)];
  }
}

/** A NOT NULL column no value is generated for: the user must set it, so verify cannot check it. */
function userColumnWarning(table: string, column: Column, notes: string[]): Diagnostic {
  const why = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return {
    severity: 'warning',
    message: `"${table}".${column.name} is NOT NULL but no value is generated for it${why}: verify used a stand-in of its type, so its value is not verified. Set it in the factory's user-code region.`,
    file: column.location?.file ?? 'schema',
    line: column.location?.line ?? 1,
    column: column.location?.column ?? 1,
    code: 'verify/user-value',
  };
}

function ddlError(schema: Schema, e: PgError): Diagnostic {
  const first = schema.tables[0]?.location ?? { file: schema.meta.files?.[0] ?? 'schema', line: 1, column: 1 };
  return {
    severity: 'error',
    message: `the PostgreSQL DDL generated from this schema does not load: ${e.message} [${e.code ?? 'unknown'}]. Please report it with this schema.`,
    file: first.file,
    line: first.line,
    column: first.column,
    code: 'verify/ddl',
  };
}
