// `fixture-scaffold verify` as users run it: in-process through runCli, and from a copy of the
// built dist/ alone (no node_modules anywhere above it), which must find PGlite's wasm, its file
// system bundle and the data-directory snapshot beside the bundle.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');

const CLEAN_SQL = `CREATE TABLE authors (
    id serial PRIMARY KEY,
    email varchar(120) NOT NULL UNIQUE,
    name text NOT NULL
);
CREATE TABLE books (
    id serial PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id),
    title varchar(80) NOT NULL,
    pages integer NOT NULL CHECK (pages BETWEEN 1 AND 2000),
    UNIQUE (author_id, title)
);
`;

// No generated kind of value matches this pattern, so the generated code breaks the CHECK.
const BROKEN_SQL = `CREATE TABLE parcels (
    id serial PRIMARY KEY,
    tracking text NOT NULL CHECK (tracking ~ '^[0-9]{3}-[a-z]$')
);
`;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-verify-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('verify: a clean schema exits 0 with a summary', async () => {
  const dir = project({ 'schema.sql': CLEAN_SQL });
  const run = await cli(['verify', 'schema.sql', '--seed-rows', '3'], dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /verify: 2 tables, 6 seed rows, \d+ batch rows, \d+ boundary cases: no violations\./);
});

test('verify: a violation is a diagnostic naming table, column, constraint and value, and exits 1', async () => {
  const dir = project({ 'schema.sql': BROKEN_SQL });
  const run = await cli(['verify', 'schema.sql'], dir);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  const line = run.stdout.split('\n').find((l) => l.includes('error:'));
  assert.ok(line, run.stdout);
  assert.match(line, /^schema\.sql:3:\d+: error: "parcels"\.tracking = '[^']+': CHECK .*\(constraint "parcels_tracking_check"\) rejects it \[23514\]/);
  assert.match(run.stdout, /1 problem \(1 violation\)/);
});

test('verify --json: summary and diagnostics as data', async () => {
  const dir = project({ 'schema.sql': BROKEN_SQL });
  const run = await cli(['verify', 'schema.sql', '--json', '--seed', '7'], dir);
  assert.equal(run.code, 1);
  const out = JSON.parse(run.stdout) as { ok: boolean; summary: { violations: number; seedRows: number }; diagnostics: { code: string; message: string }[] };
  assert.equal(out.ok, false);
  assert.equal(out.summary.violations, 1);
  assert.equal(out.diagnostics.filter((d) => d.code === 'verify/violation').length, 1);
});

test('verify: usage errors exit 2', async () => {
  const dir = project({ 'schema.sql': CLEAN_SQL });
  assert.equal((await cli(['verify'], dir)).code, 2);
  assert.equal((await cli(['verify', 'schema.sql', '--seed-rows', '0'], dir)).code, 2);
});

test('verify: the built dist/ runs alone, from the shipped PGlite files and snapshot', () => {
  const dist = path.join(ROOT, 'dist');
  assert.ok(fs.existsSync(path.join(dist, 'cli.js')), 'run npm run build first');
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-dist-'));
  for (const f of fs.readdirSync(dist)) if (!f.endsWith('.map')) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
  for (let dir = copy; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    assert.ok(!fs.existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules exists: the copy would not be alone`);
  }
  const work = project({ 'schema.sql': CLEAN_SQL });
  const run = spawnSync(process.execPath, [path.join(copy, 'cli.js'), 'verify', 'schema.sql', '--json'], { cwd: work, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const out = JSON.parse(run.stdout) as { ok: boolean; summary: { tables: number; seedRows: number }; timings: { fromSnapshot: boolean } };
  assert.equal(out.ok, true);
  assert.equal(out.summary.tables, 2);
  assert.equal(out.summary.seedRows, 10);
  assert.equal(out.timings.fromSnapshot, true, 'the data-directory snapshot beside the bundle was not used');
});
