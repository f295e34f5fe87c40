// Cancelling verify (the editor's Cancel button aborts this signal): no statement is sent after the
// abort, the embedded database is closed, and verify rejects with the abort. Against a real PGlite,
// with a run that is not cancelled as the control: it sends far more statements.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../src/core/analysis/graph';
import { readSchema } from '../../src/core/readers';
import { verifySchema, type StartedEngine } from '../../src/core/verify';
import { startPglite } from '../../src/core/verify/pglite';

const SHOP = path.join(__dirname, '..', 'cases', 'gen-sa2-shop', 'models.py');

/** A real PGlite that counts the statements it receives and whether it was closed. */
async function counted(onStatement: (n: number) => void): Promise<{ started: StartedEngine; stats: { statements: number; closed: boolean } }> {
  const real = await startPglite();
  const stats = { statements: 0, closed: false };
  const count = () => onStatement(++stats.statements);
  const started: StartedEngine = {
    ...real,
    engine: {
      exec: async (sql) => {
        count();
        await real.engine.exec(sql);
      },
      query: async (sql) => {
        count();
        return real.engine.query(sql);
      },
      close: async () => {
        stats.closed = true;
        await real.engine.close();
      },
    },
  };
  return { started, stats };
}

test('verify: an aborted run sends no further statement, closes the database and rejects', async () => {
  const { schema } = await readSchema([{ path: SHOP, bytes: fs.readFileSync(SHOP) }], {});
  const analysis = analyze(schema);

  const control = await counted(() => undefined);
  const full = await verifySchema(schema, analysis, { startEngine: async () => control.started });
  assert.equal(full.summary.violations, 0);
  assert.ok(control.stats.statements > 200, `a whole run sends many statements: ${control.stats.statements}`);

  const abort = new AbortController();
  const cancelled = await counted((n) => {
    if (n === 30) abort.abort();
  });
  await assert.rejects(verifySchema(schema, analysis, { startEngine: async () => cancelled.started, signal: abort.signal }), { name: 'AbortError' });
  assert.equal(cancelled.stats.statements, 30, 'nothing is sent after the abort');
  assert.ok(cancelled.stats.closed, 'the database is closed');
});

test('verify: a signal aborted before the start does not start the database', async () => {
  const { schema } = await readSchema([{ path: SHOP, bytes: fs.readFileSync(SHOP) }], {});
  let started = false;
  const startEngine = async () => {
    started = true;
    return startPglite();
  };
  await assert.rejects(verifySchema(schema, analyze(schema), { startEngine, signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(started, false);
});
