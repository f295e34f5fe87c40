// The embedded PostgreSQL `verify` runs in: PGlite (PostgreSQL compiled to wasm), imported only
// when verify runs, and started from a data-directory snapshot made at build time, which skips
// initdb (~1 s instead of 3-10 s). Its files sit beside the bundle in dist/; running from source
// they are found in node_modules, and the snapshot in dist/ once `npm run build` has made it.
// Without a snapshot PGlite starts the slow way, with initdb.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PGliteOptions } from '@electric-sql/pglite';

type PGliteWasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;

/** The SQL interface verify needs: run statements, read rows. */
export interface SqlEngine {
  /** Runs one or more statements; rejects with the database's error. */
  exec(sql: string): Promise<void>;
  /** Runs one statement and returns its rows. */
  query<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/** The error fields PostgreSQL reports (PGlite's DatabaseError has them all). */
export interface PgError {
  message: string;
  code?: string;
  detail?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/** Files PGlite loads, by the names esbuild.mjs copies them under. */
export const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'] as const;
/** The gzipped data directory esbuild.mjs makes with `dumpDataDir` after a fresh initdb. */
export const PGLITE_SNAPSHOT = 'pglite-snapshot.tar.gz';

export interface StartedEngine {
  engine: SqlEngine;
  /** Milliseconds from the import to a ready database. */
  startMs: number;
  /** Whether it started from the shipped snapshot (else it ran initdb). */
  fromSnapshot: boolean;
}

/** Starts a private, in-memory PostgreSQL. */
export async function startPglite(): Promise<StartedEngine> {
  const started = performance.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const snapshot = findAsset(PGLITE_SNAPSHOT);
  const db = await PGlite.create({
    pgliteWasmModule: await compileWasm(fs.readFileSync(requireAsset('pglite.wasm'))),
    fsBundle: new Blob([fs.readFileSync(requireAsset('pglite.data'))]),
    ...(snapshot ? { loadDataDir: new Blob([fs.readFileSync(snapshot)], { type: 'application/x-gzip' }) } : {}),
  });
  const engine: SqlEngine = {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string) => (await db.query<T>(sql)).rows,
    close: () => db.close(),
  };
  return { engine, startMs: performance.now() - started, fromSnapshot: snapshot !== undefined };
}

/** The wasm module, compiled from its bytes (the `WebAssembly` global, which Node always has). */
async function compileWasm(bytes: Uint8Array): Promise<PGliteWasmModule> {
  const wasm = (globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<PGliteWasmModule> } }).WebAssembly;
  return wasm.compile(bytes);
}

/** Where an asset is: beside the bundle, else in PGlite's package, else (snapshot) in dist/. */
function findAsset(name: string): string | undefined {
  const places = [path.join(__dirname, name)];
  try {
    places.push(path.join(path.dirname(require.resolve('@electric-sql/pglite')), name));
  } catch {
    // Bundled without node_modules: only the copy beside the bundle counts.
  }
  places.push(path.resolve(__dirname, '..', '..', '..', 'dist', name));
  return places.find((p) => fs.existsSync(p));
}

function requireAsset(name: string): string {
  const found = findAsset(name);
  if (!found) throw new Error(`PGlite file ${name} is missing: it belongs beside the bundle (run npm run build)`);
  return found;
}
