// Creates the tables of a Prisma schema in an existing, empty PostgreSQL database, offline.
//
//   node create-tables.mjs <schema file or folder> <connection string>
//
// `prisma db push` and `prisma migrate` need the native schema engine, which cannot be downloaded
// here, and `prisma migrate diff --from-empty --to-schema … --script` prints nothing. The wasm build
// of the schema engine (@prisma/schema-engine-wasm) computes the same DDL when it is connected to
// the database through the pg driver adapter. This script diffs "empty" against the schema, applies
// the script in one implicit transaction and prints it on stdout. On failure it prints the reason on
// stderr and exits with 1.
//
// It lives in the toolchain folder so that its imports resolve to the pinned packages there.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

const require = createRequire(import.meta.url);

/**
 * Loads the schema engine's wasm module by hand. Its entry point imports the `.wasm` file as an ES
 * module, which Node 20 only allows behind `--experimental-wasm-modules`.
 */
async function loadSchemaEngine() {
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = fs.readFileSync(bindingsPath.replace(/\.js$/, '.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings.SchemaEngine;
}

/** Reads the schema: one `.prisma` file, or every `.prisma` file under a folder, in name order. */
function readSchemaFiles(schemaPath) {
  if (!fs.statSync(schemaPath).isDirectory()) {
    return [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }];
  }
  return fs
    .readdirSync(schemaPath, { recursive: true })
    .map((name) => path.join(schemaPath, String(name)))
    .filter((file) => file.endsWith('.prisma') && fs.statSync(file).isFile())
    .sort()
    .map((file) => ({ path: file, content: fs.readFileSync(file, 'utf8') }));
}

/** Asks the engine for the SQL script that turns an empty database into the schema. */
async function diffFromEmpty(SchemaEngine, files, adapterFactory) {
  const datamodels = files.map((f) => [f.path, f.content]);
  const engine = await SchemaEngine.new({ datamodels }, () => {}, adapterFactory);
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/**
 * Formats whatever the engine or the driver threw (wasm errors are not always `Error`s). The
 * message is enough: the engine's stack is a list of wasm function numbers.
 */
function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error, null, 2);
}

/** Runs the script: diff, apply, print. The pool is always closed so the process can exit. */
async function main(argv) {
  if (argv.length !== 2) {
    throw new Error('usage: node create-tables.mjs <schema file or folder> <connection string>');
  }
  const [schemaPath, connectionString] = argv;
  const files = readSchemaFiles(schemaPath);
  if (files.length === 0) throw new Error(`no .prisma files under ${schemaPath}`);
  const SchemaEngine = await loadSchemaEngine();
  const pool = new pg.Pool({ connectionString, max: 2 });
  try {
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
    const ddl = await diffFromEmpty(SchemaEngine, files, adapterFactory);
    if (ddl.trim() === '') throw new Error('the schema engine returned an empty script for this schema');
    await pool.query(ddl);
    process.stdout.write(ddl);
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`create-tables: ${describe(error)}\n`);
  process.exitCode = 1;
});
