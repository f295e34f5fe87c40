// Scratch Prisma 7 projects for end-to-end tests: write a schema plus TypeScript files into a
// folder, generate the Prisma client, create the tables in a real PostgreSQL, type-check with
// `tsc --strict` and run vitest. Everything runs offline with the pinned toolchain that
// test/support/setup/40-prisma.sh installs into test/support/toolchains/prisma (see
// /work/shared/notes/prisma-offline.md for the recipe and its traps).
//
// Each step is a child process and returns what it printed; none of them throws because the code
// under test is wrong, so a test can assert on failures (a type error, a failing vitest test).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** The toolchain folder: package.json, package-lock.json, create-tables.mjs and node_modules. */
export const PRISMA_TOOLCHAIN_DIR = path.join(__dirname, 'toolchains', 'prisma');

const NODE_MODULES = path.join(PRISMA_TOOLCHAIN_DIR, 'node_modules');
const SCHEMA_ENGINE_STUB = path.join(NODE_MODULES, '.fixture-scaffold', 'schema-engine-stub');
const PRISMA_CLI = path.join(NODE_MODULES, 'prisma', 'build', 'index.js');
const TSC = path.join(NODE_MODULES, 'typescript', 'bin', 'tsc');
const VITEST = path.join(NODE_MODULES, 'vitest', 'vitest.mjs');
const CREATE_TABLES = path.join(PRISMA_TOOLCHAIN_DIR, 'create-tables.mjs');

/** Where the scratch project keeps its schema, relative to the project folder. */
const SINGLE_SCHEMA = 'prisma/schema.prisma';
const SCHEMA_FOLDER = 'prisma/schema';
/** Where the generated client goes, relative to the project folder. */
const CLIENT_DIR = 'src/generated/prisma';
/** The vitest JSON report, relative to the project folder. */
const VITEST_REPORT = '.vitest-report.json';
/** A URL for projects that never touch a database (type-checking only). */
const UNUSED_URL = 'postgresql://postgres@localhost/unused';

/** How to install what `prismaAvailable` checks, for `requireOrSkip` messages. */
export const PRISMA_SETUP_HINT = 'run `bash test/support/setup/40-prisma.sh`';

/** Tells whether the toolchain (prisma, tsc, vitest and the schema-engine stub) is installed. */
export function prismaAvailable(): boolean {
  return [PRISMA_CLI, TSC, VITEST, SCHEMA_ENGINE_STUB].every((file) => fs.existsSync(file));
}

/** What to put in a scratch project. */
export interface PrismaProjectOptions {
  /**
   * The Prisma schema: one entry for a single `schema.prisma`, several for a multi-file schema
   * folder (keys are file names relative to that folder). Generator and datasource blocks are
   * rewritten for Prisma 7 (see `prepareSchemaFiles`).
   */
  schemaFiles: Record<string, string>;
  /** Further files, keyed by path relative to the project (e.g. `src/factories.ts`). */
  files?: Record<string, string>;
  /** The database the project's `prisma.config.ts` and vitest tests use (`DATABASE_URL`). */
  databaseUrl?: string;
}

/** A scratch project written by `createPrismaProject`. */
export interface PrismaProject {
  dir: string;
  /** The schema file or folder that `prisma.config.ts` names, relative to `dir`. */
  schemaPath: string;
  databaseUrl: string;
}

/** What a child process did. */
export interface CommandResult {
  /** Exit code; a process killed by a signal or the timeout counts as 1. */
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock milliseconds. */
  ms: number;
}

/** One diagnostic of `tsc`. `file` is relative to the project and empty for global errors. */
export interface TsDiagnostic {
  file: string;
  line: number;
  column: number;
  /** E.g. `TS2322`. */
  code: string;
  message: string;
}

/** The outcome of `typecheck`. */
export interface TypecheckResult extends CommandResult {
  diagnostics: TsDiagnostic[];
}

/** One test in vitest's JSON report. */
export interface VitestTest {
  /** Describe titles and the test title, joined with ' > '. */
  name: string;
  file: string;
  status: 'passed' | 'failed' | 'skipped' | 'pending' | 'todo' | 'disabled';
  failureMessages: string[];
}

/** The outcome of `runVitest`. `tests` is empty when vitest crashed before writing its report. */
export interface VitestResult extends CommandResult {
  summary: { passed: number; failed: number; skipped: number; total: number };
  tests: VitestTest[];
}

/**
 * Writes a scratch project into `dir` (created if needed): package.json (`"type": "module"`), a
 * strict tsconfig.json for the generated client (`moduleResolution: "bundler"`,
 * `allowImportingTsExtensions`, `noEmit`), prisma.config.ts and vitest.config.ts holding the
 * database URL, the schema under prisma/, the extra files, and a `node_modules` symlink to the
 * toolchain's. Extra files win over the generated ones of the same name (e.g. a tsconfig.json).
 */
export function createPrismaProject(dir: string, options: PrismaProjectOptions): PrismaProject {
  const databaseUrl = options.databaseUrl ?? UNUSED_URL;
  const schemaNames = Object.keys(options.schemaFiles);
  if (schemaNames.length === 0) throw new Error('createPrismaProject: schemaFiles is empty');
  const single = schemaNames.length === 1;
  const schemaPath = single ? SINGLE_SCHEMA : SCHEMA_FOLDER;
  const schemaFiles = Object.fromEntries(
    Object.entries(options.schemaFiles).map(([name, text]) => [single ? SINGLE_SCHEMA : `${SCHEMA_FOLDER}/${name}`, text]),
  );
  const files: Record<string, string> = {
    'package.json': json({ name: 'prisma-scratch', private: true, type: 'module' }),
    'tsconfig.json': tsconfig(),
    'prisma.config.ts': prismaConfig(schemaPath, databaseUrl),
    'vitest.config.ts': vitestConfig(databaseUrl),
    ...prepareSchemaFiles(schemaFiles, CLIENT_DIR),
    ...options.files,
  };
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeInside(dir, name, text);
  const link = path.join(dir, 'node_modules');
  if (!fs.existsSync(link)) fs.symlinkSync(NODE_MODULES, link, 'dir');
  return { dir, schemaPath, databaseUrl };
}

/** Runs `prisma generate` in the project, offline. */
export function prismaGenerate(dir: string): Promise<CommandResult> {
  return run(process.execPath, [PRISMA_CLI, 'generate'], dir, 120_000);
}

/**
 * Creates the schema's tables (enums, uniques, implicit many-to-many join tables, foreign keys) in
 * the empty database at `databaseUrl`, with the DDL that the wasm schema engine diffs from an
 * empty schema. On success stdout is the applied DDL.
 */
export function createTables(dir: string, databaseUrl: string): Promise<CommandResult> {
  const schema = fs.existsSync(path.join(dir, SINGLE_SCHEMA)) ? SINGLE_SCHEMA : SCHEMA_FOLDER;
  return run(process.execPath, [CREATE_TABLES, path.join(dir, schema), databaseUrl], dir, 120_000);
}

/** Runs `tsc --noEmit -p .` in the project and parses its diagnostics. */
export async function typecheck(dir: string): Promise<TypecheckResult> {
  const result = await run(process.execPath, [TSC, '--noEmit', '-p', '.', '--pretty', 'false'], dir, 300_000);
  return { ...result, diagnostics: parseTscOutput(result.stdout) };
}

/**
 * Runs `vitest run` in the project with extra `args` (e.g. a file filter), printing a verbose
 * report on stdout and reading the JSON report for the summary and per-test results.
 */
export async function runVitest(dir: string, args: string[] = []): Promise<VitestResult> {
  const report = path.join(dir, VITEST_REPORT);
  fs.rmSync(report, { force: true });
  const result = await run(
    process.execPath,
    [VITEST, 'run', '--reporter=verbose', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`, ...args],
    dir,
    300_000,
  );
  const tests = fs.existsSync(report) ? parseVitestReport(fs.readFileSync(report, 'utf8'), dir) : [];
  return { ...result, tests, summary: summarize(tests) };
}

/**
 * Rewrites the generator and datasource blocks of a user's schema into what Prisma 7 needs here:
 * every `generator` block goes (user schemas carry `prisma-client-js`, and other generators could
 * not run offline), and one `generator client` with `provider = "prisma-client"` and an `output`
 * pointing at `clientDir` is appended to the file holding the datasource (keeping the first
 * `previewFeatures` seen). `url`, `directUrl` and `shadowDatabaseUrl` leave the datasource (Prisma 7
 * takes the URL from prisma.config.ts); a schema without a datasource gets a PostgreSQL one.
 * Removed blocks and lines become blank lines, so Prisma's line numbers still match the input.
 * Keys are file paths relative to the project; `clientDir` is relative to the project too.
 */
export function prepareSchemaFiles(files: Record<string, string>, clientDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  let previewFeatures: string | undefined;
  let datasourceFile: string | undefined;
  for (const [name, text] of Object.entries(files)) {
    let result = text;
    for (const block of findBlocks(text, 'generator').reverse()) {
      previewFeatures ??= /^\s*previewFeatures\s*=\s*(\[[^\]]*\])/m.exec(block.text)?.[1];
      result = result.slice(0, block.start) + blankLines(block.text) + result.slice(block.end);
    }
    for (const block of findBlocks(result, 'datasource').reverse()) {
      datasourceFile ??= name;
      const body = block.text.replace(/^[ \t]*(url|directUrl|shadowDatabaseUrl)[ \t]*=.*$/gm, '');
      result = result.slice(0, block.start) + body + result.slice(block.end);
    }
    out[name] = result;
  }
  const target = datasourceFile ?? Object.keys(files)[0];
  const output = path.posix.relative(path.posix.dirname(target), clientDir);
  const generator = [
    'generator client {',
    '  provider = "prisma-client"',
    `  output   = ${JSON.stringify(output)}`,
    ...(previewFeatures === undefined ? [] : [`  previewFeatures = ${previewFeatures}`]),
    '}',
  ];
  const datasource = datasourceFile === undefined ? ['datasource db {', '  provider = "postgresql"', '}', ''] : [];
  out[target] = `${out[target].replace(/\n*$/, '\n')}\n${[...datasource, ...generator].join('\n')}\n`;
  return out;
}

/** A top-level block of a Prisma schema: its offsets and text from the keyword to the closing brace. */
interface SchemaBlock {
  start: number;
  end: number;
  text: string;
}

/**
 * Finds the `keyword name { … }` blocks that start a line. The closing brace is found by counting
 * braces outside strings and `//` comments, which is enough for config blocks.
 */
function findBlocks(text: string, keyword: 'generator' | 'datasource'): SchemaBlock[] {
  const blocks: SchemaBlock[] = [];
  const header = new RegExp(`^[ \\t]*${keyword}[ \\t]+\\w+[ \\t]*\\{`, 'gm');
  for (let match = header.exec(text); match !== null; match = header.exec(text)) {
    const end = closingBrace(text, match.index + match[0].length);
    blocks.push({ start: match.index, end, text: text.slice(match.index, end) });
    header.lastIndex = end;
  }
  return blocks;
}

/** Returns the offset just past the brace that closes the block opened right before `from`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = skipString(text, i);
    else if (c === '/' && text[i + 1] === '/') i = lineEnd(text, i) - 1;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Returns the offset of the quote that closes the string opening at `start`. */
function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"' || text[i] === '\n') return i;
  }
  return text.length;
}

/** Returns the offset of the line break ending the line at `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Returns as many line breaks as `text` holds, so removing it keeps later line numbers. */
function blankLines(text: string): string {
  return '\n'.repeat(text.split('\n').length - 1);
}

/**
 * The project's tsconfig.json: strict, bundler resolution, `.ts` imports, nothing emitted, and
 * `isolatedModules` because vitest compiles each file on its own. Pass a `tsconfig.json` in
 * `files` to try another configuration.
 */
function tsconfig(): string {
  const compilerOptions = {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    types: ['node'],
    strict: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
  };
  return json({ compilerOptions, include: ['**/*.ts'], exclude: ['node_modules'] });
}

/** The project's prisma.config.ts; `DATABASE_URL` in the environment wins over the given URL. */
function prismaConfig(schemaPath: string, databaseUrl: string): string {
  return [
    "import { defineConfig } from 'prisma/config';",
    '',
    'export default defineConfig({',
    `  schema: ${JSON.stringify(schemaPath)},`,
    `  datasource: { url: process.env.DATABASE_URL ?? ${JSON.stringify(databaseUrl)} },`,
    '});',
    '',
  ].join('\n');
}

/**
 * The project's vitest.config.ts: tests get `DATABASE_URL`, and vite's cache stays in the project
 * (by default it would go to node_modules/.vite, which is the shared toolchain's). The first test of
 * each file also pays for its worker's database (create + schema): on a loaded CI machine that
 * alone can pass vitest's default 5 s timeout, so tests get 60 s (this is no speed assertion).
 */
function vitestConfig(databaseUrl: string): string {
  return [
    "import { defineConfig } from 'vitest/config';",
    '',
    'export default defineConfig({',
    "  cacheDir: '.vite',",
    `  test: { env: { DATABASE_URL: ${JSON.stringify(databaseUrl)} }, testTimeout: 60_000, hookTimeout: 60_000 },`,
    '});',
    '',
  ].join('\n');
}

/** Formats JSON the way the files are written: two-space indent and a final newline. */
function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes `name` (a relative path that must stay inside `dir`), creating its folders. */
function writeInside(dir: string, name: string, text: string): void {
  const file = path.resolve(dir, name);
  if (path.relative(dir, file).startsWith('..') || path.isAbsolute(name)) {
    throw new Error(`createPrismaProject: ${JSON.stringify(name)} is not a path inside the project`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * Parses `tsc --pretty false` output: `file(line,col): error TS1234: message`, with indented
 * continuation lines appended to the message, and `error TS1234: message` for global errors.
 */
export function parseTscOutput(output: string): TsDiagnostic[] {
  const diagnostics: TsDiagnostic[] = [];
  for (const line of output.split('\n')) {
    const located = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    const global = /^error (TS\d+): (.*)$/.exec(line);
    if (located) {
      const [, file, l, c, code, message] = located;
      diagnostics.push({ file: file.replace(/\\/g, '/'), line: Number(l), column: Number(c), code, message });
    } else if (global) {
      diagnostics.push({ file: '', line: 0, column: 0, code: global[1], message: global[2] });
    } else if (/^\s/.test(line) && diagnostics.length > 0) {
      diagnostics[diagnostics.length - 1].message += `\n${line.trim()}`;
    }
  }
  return diagnostics;
}

/** The parts of vitest's (Jest-compatible) JSON report that `runVitest` reads. */
interface VitestJsonReport {
  testResults?: {
    name: string;
    assertionResults?: {
      ancestorTitles?: string[];
      title: string;
      status: VitestTest['status'];
      failureMessages?: string[];
    }[];
  }[];
}

/** Reads the tests out of vitest's JSON report; file names become relative to the project. */
function parseVitestReport(text: string, dir: string): VitestTest[] {
  const report = JSON.parse(text) as VitestJsonReport;
  return (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? []).map((t) => ({
      name: [...(t.ancestorTitles ?? []), t.title].join(' > '),
      file: path.relative(dir, file.name),
      status: t.status,
      failureMessages: t.failureMessages ?? [],
    })),
  );
}

/** Counts the tests by outcome; pending, todo and disabled tests count as skipped. */
function summarize(tests: VitestTest[]): VitestResult['summary'] {
  const passed = tests.filter((t) => t.status === 'passed').length;
  const failed = tests.filter((t) => t.status === 'failed').length;
  return { passed, failed, skipped: tests.length - passed - failed, total: tests.length };
}

/**
 * Runs a command in `cwd` with the offline Prisma environment and no colours. `NODE_TEST_CONTEXT`
 * is removed: a child Node that inherits it from `node --test` reports to the parent's test runner
 * instead of running normally.
 */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: SCHEMA_ENGINE_STUB,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  delete env.NODE_TEST_CONTEXT;
  delete env.DATABASE_URL;
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        const timedOut = error?.killed ? `\n(killed after ${timeoutMs} ms)` : '';
        resolve({ code, stdout, stderr: stderr + timedOut, ms: Math.round(performance.now() - started) });
      },
    );
  });
}
