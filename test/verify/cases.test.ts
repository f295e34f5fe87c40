// Every case schema of the test suite verifies clean: its generated seed rows, create_batch-like
// batches and boundary cases all go into PostgreSQL (PGlite) without a violation. And a negative
// control: a deliberately wrong value planner is caught, with the table, column, constraint and
// value named. One embedded database serves every case (each case's schemas are dropped after it).
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/graph';
import { planValues } from '../../src/core/analysis/values';
import { readSchema } from '../../src/core/readers';
import { verifySchema, type StartedEngine } from '../../src/core/verify';
import { startPglite } from '../../src/core/verify/pglite';
import { caseSchemas } from '../e2e/case-schemas';

let shared: StartedEngine;

before(async () => {
  shared = await startPglite();
});

after(async () => {
  await shared.engine.close();
});

/** The shared database for one verify run; closing it drops every schema the run created. */
async function borrow(): Promise<StartedEngine> {
  const engine = shared.engine;
  return {
    startMs: 0,
    fromSnapshot: shared.fromSnapshot,
    engine: {
      exec: (sql) => engine.exec(sql),
      query: (sql) => engine.query(sql),
      close: async () => {
        const schemas = await engine.query<{ name: string }>(
          `SELECT nspname AS name FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
        );
        for (const s of schemas) await engine.exec(`DROP SCHEMA "${s.name.replace(/"/g, '""')}" CASCADE`);
        await engine.exec('CREATE SCHEMA public');
      },
    },
  };
}

test('verify: every case schema verifies clean', async (t) => {
  const cases = await caseSchemas();
  const filter = process.env.CASE_FILTER;
  const selected = cases.filter((c) => !filter || c.name.startsWith(filter));
  assert.ok(selected.length > (filter ? 0 : 40), `only ${selected.length} case schemas found`);
  for (const { name, schema } of selected) {
    await t.test(name, async () => {
      const result = await verifySchema(schema, analyze(schema), { startEngine: borrow });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => `${d.file}:${d.line}: ${d.message}`),
        [],
        `${name} does not verify clean`,
      );
      assert.equal(result.summary.violations, 0);
      if (schema.tables.length > 0) assert.ok(result.summary.seedRows > 0, `${name}: no seed row was stored`);
    });
  }
});

const SHOP = `CREATE TABLE customers (
    id serial PRIMARY KEY,
    email varchar(40) NOT NULL UNIQUE
);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    quantity integer NOT NULL CONSTRAINT quantity_positive CHECK (quantity > 0)
);
`;

async function shop() {
  const { schema } = await readSchema([{ path: 'shop.sql', text: SHOP }], {});
  return { schema, analysis: analyze(schema) };
}

test('verify: the shop schema verifies clean with the real planner (the control of the control)', async () => {
  const { schema, analysis } = await shop();
  const result = await verifySchema(schema, analysis, { startEngine: borrow });
  assert.equal(result.summary.violations, 0, result.diagnostics.map((d) => d.message).join('\n'));
  assert.ok(result.summary.seedRows >= 10);
});

test('verify: a planner that breaks a CHECK is caught, naming table, column, constraint and value', async () => {
  const { schema, analysis } = await shop();
  const wrong = (s: typeof schema) => {
    const plans = planValues(s);
    for (const c of plans.tables.orders.columns) if (c.column.name === 'quantity') c.value = { kind: 'integer', min: -5, max: -5, unique: false };
    return plans;
  };
  const result = await verifySchema(schema, analysis, { startEngine: borrow, planValues: wrong });
  const errors = result.diagnostics.filter((d) => d.code === 'verify/violation');
  assert.equal(errors.length, 1, result.diagnostics.map((d) => d.message).join('\n'));
  assert.equal(result.summary.violations, 1);
  assert.equal(errors[0].file, 'shop.sql');
  assert.equal(errors[0].line, 8);
  assert.match(errors[0].message, /^"orders"\.quantity = -5: CHECK \(\(quantity > 0\)\) \(constraint "quantity_positive"\) rejects it \[23514\]/);
});

test('verify: a planner that breaks a length and a unique key is caught', async () => {
  const { schema, analysis } = await shop();
  const wrong = (s: typeof schema) => {
    const plans = planValues(s);
    for (const c of plans.tables.customers.columns) {
      if (c.column.name === 'email') c.value = { kind: 'choice', values: ['x'.repeat(41), 'same@example.com'], enumName: null, enumClass: null, unique: false };
    }
    return plans;
  };
  const result = await verifySchema(schema, analysis, { startEngine: borrow, planValues: wrong, batch: 0 });
  const messages = result.diagnostics.filter((d) => d.code === 'verify/violation').map((d) => d.message);
  assert.equal(messages.length, 2, messages.join('\n'));
  assert.ok(messages.some((m) => /^"customers"\.email = 'x{41}': value too long for type character varying\(40\) \[22001\]/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^"customers"\.email = 'same@example\.com': UNIQUE constraint "customers_email_key" .* rejects \(email\) = \(same@example\.com\)/.test(m)), messages.join('\n'));
});
