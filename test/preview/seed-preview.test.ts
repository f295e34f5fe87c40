// The seed preview's view model and page: FK cells point at the parent row they take their key
// from, the rows are those of seed_data.py for the same seed, and nothing from the schema or the
// data reaches the page unescaped.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, readSchema, type Schema } from '../../src/core';
import { generatePython } from '../../src/core/generate';
import { buildSeedPreview, type PreviewCell, type SeedPreview } from '../../src/core/preview';
import { escapeHtml, renderPreviewHtml, type PreviewPage } from '../../src/core/preview/html';
import { caseSchemas } from '../e2e/case-schemas';

const SHOP = `
CREATE TABLE customers (
    id serial PRIMARY KEY,
    email varchar(120) NOT NULL UNIQUE,
    nickname varchar(40)
);
CREATE TABLE products (
    sku varchar(12) PRIMARY KEY,
    title varchar(80) NOT NULL
);
CREATE TABLE orders (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    product_sku varchar(12) NOT NULL REFERENCES products (sku),
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 9)
);
CREATE TABLE staff (
    id serial PRIMARY KEY,
    name varchar(60) NOT NULL,
    manager_id integer REFERENCES staff (id)
);
`;

const PAGE: PreviewPage = { cspSource: 'vscode-webview://test', nonce: 'TESTNONCE', styleUri: 'vscode-webview://test/media/preview.css', scriptUri: 'vscode-webview://test/media/preview.js', source: 'schema.sql', settingSeed: 1234 };

async function read(sql: string): Promise<Schema> {
  const r = await readSchema([{ path: 'schema.sql', text: sql }], { format: 'sql' });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  return r.schema;
}

async function preview(sql: string, rows = 4, seed = 1234): Promise<SeedPreview> {
  const schema = await read(sql);
  return buildSeedPreview(schema, analyze(schema), { rows, seed, locale: 'en_US' });
}

function table(p: SeedPreview, name: string) {
  const t = p.tables.find((x) => x.name === name);
  assert.ok(t, `no table ${name} in ${p.tables.map((x) => x.name).join(', ')}`);
  return t;
}

function column(p: SeedPreview, name: string, col: string): PreviewCell[] {
  const t = table(p, name);
  const i = t.columns.findIndex((c) => c.name === col);
  assert.ok(i >= 0, `no column ${name}.${col}`);
  return t.rows.map((r) => r.cells[i]);
}

test('preview: one table per model in insertion order, the configured number of rows each', async () => {
  const p = await preview(SHOP, 4);
  assert.deepEqual(p.tables.slice(0, 3).map((t) => t.name), ['customers', 'products', 'orders']);
  for (const t of p.tables) assert.equal(t.rows.length, 4, t.name);
  assert.equal(p.totalRows, 16);
  assert.deepEqual(table(p, 'orders').columns.map((c) => [c.name, c.primaryKey, c.references]), [
    ['id', true, null],
    ['customer_id', false, 'customers'],
    ['product_sku', false, 'products'],
    ['quantity', false, null],
  ]);
  assert.deepEqual(column(p, 'customers', 'id')[0], { kind: 'generated', text: 'auto', title: 'assigned by the database on insert' });
  const empty = await preview(SHOP, 0);
  assert.ok(empty.tables.every((t) => t.rows.length === 0));
});

test('preview: FK cells link to the parent row whose key they take', async () => {
  const p = await preview(SHOP, 4);
  const customers = table(p, 'customers');
  const products = table(p, 'products');
  const skuIndex = products.columns.findIndex((c) => c.name === 'sku');
  const anchors = new Map(p.tables.flatMap((t, ti) => t.rows.map((r, ri) => [r.anchor, { ti, ri }] as const)));
  for (const cell of column(p, 'orders', 'customer_id')) {
    assert.equal(cell.kind, 'link');
    if (cell.kind !== 'link') continue;
    assert.equal(p.tables[cell.target.table], customers);
    assert.deepEqual(anchors.get(cell.target.anchor), { ti: cell.target.table, ri: cell.target.row });
    // A serial key is assigned on insert: the cell names the parent row by its number.
    assert.equal(cell.text, customers.rows[cell.target.row].label);
    assert.match(cell.title, /assigned by the database/);
  }
  for (const cell of column(p, 'orders', 'product_sku')) {
    assert.equal(cell.kind, 'link');
    if (cell.kind !== 'link') continue;
    // A natural key is known: the cell shows the parent's value itself.
    const parentKey = products.rows[cell.target.row].cells[skuIndex];
    assert.equal(parentKey.kind, 'value');
    assert.equal(cell.text, parentKey.text);
  }
  // Different orders point at different customers (the seed spreads them).
  const targets = new Set(column(p, 'orders', 'customer_id').map((c) => (c.kind === 'link' ? c.target.row : -1)));
  assert.ok(targets.size > 1);
  // Self-references are set after every row exists, and say so.
  const managers = column(p, 'staff', 'manager_id');
  assert.equal(managers[0].kind, 'null');
  const later = managers.filter((c) => c.kind === 'link');
  assert.ok(later.length > 0);
  for (const c of later) if (c.kind === 'link') assert.equal(c.afterInsert, true);
});

test('preview: deterministic for a seed, different for another', async () => {
  const a = await preview(SHOP, 5, 77);
  const b = await preview(SHOP, 5, 77);
  assert.deepEqual(a, b);
  assert.equal(renderPreviewHtml(a, PAGE), renderPreviewHtml(b, PAGE));
  const c = await preview(SHOP, 5, 78);
  assert.equal(c.seed, 78);
  assert.notDeepEqual(column(a, 'customers', 'nickname'), column(c, 'customers', 'nickname'));
});

test('preview: the rows are the ones seed_data.py inserts for the same seed', async () => {
  const schema = await read(SHOP);
  const analysis = analyze(schema);
  const p = buildSeedPreview(schema, analysis, { rows: 3, seed: 99, locale: 'en_US' });
  const generated = generatePython(schema, analysis, { seedRows: 3, seed: 99 });
  const seedData = generated.files.find((f) => f.path === 'seed_data.py');
  assert.ok(seedData, 'seed_data.py is generated');
  const emails = column(p, 'customers', 'email').map((c) => c.text);
  assert.equal(new Set(emails).size, 3);
  for (const text of [...emails, ...column(p, 'products', 'title').map((c) => c.text)]) {
    assert.ok(seedData.contents.includes(JSON.stringify(text).slice(1, -1)), `seed_data.py has ${text}`);
  }
});

test('preview page: every value and name is escaped; one nonce script, no inline styles, strict CSP', async () => {
  const p = await preview(
    `CREATE TABLE "<b>odd</b>" (
       id serial PRIMARY KEY,
       "x<y" varchar(40) NOT NULL CHECK ("x<y" IN ('<script>alert(1)</script>', 'a&b "quoted" ''single''')),
       note text NOT NULL DEFAULT '<img src=x onerror=alert(2)>'
     );`,
    2,
  );
  const values = column(p, '<b>odd</b>', 'x<y').map((c) => c.text);
  assert.deepEqual(values, ['<script>alert(1)</script>', `a&b "quoted" 'single'`]);
  const html = renderPreviewHtml(p, { ...PAGE, source: 'schema<1>.sql' });
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('a&amp;b &quot;quoted&quot; &#39;single&#39;'));
  assert.ok(html.includes('&lt;b&gt;odd&lt;/b&gt;'));
  assert.ok(html.includes('x&lt;y'));
  assert.ok(html.includes('schema&lt;1&gt;.sql'));
  assert.ok(!html.includes('<b>odd'));
  assert.ok(!html.includes('<img'));
  assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="TESTNONCE" src="vscode-webview://test/media/preview.js">']);
  assert.ok(!/\sstyle=/.test(html), 'no inline style attributes (the CSP forbids them)');
  assert.ok(!/\son[a-z]+=/.test(html), 'no inline event handlers');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.equal(csp, "default-src &#39;none&#39;; style-src vscode-webview://test; img-src vscode-webview://test; font-src vscode-webview://test; script-src &#39;nonce-TESTNONCE&#39;");
  assert.ok(!/https?:\/\//.test(html), 'no external resources');
  assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
});

test('preview page: the seed shown, and a way back when it is not the fixture\'s', async () => {
  const p = await preview(SHOP, 2, 1234);
  const same = renderPreviewHtml(p, PAGE);
  assert.match(same, /id="seed" data-seed="1234">seed <strong>1234<\/strong><\/span>/);
  assert.match(same, /data-action="reseed"/);
  assert.doesNotMatch(same, /data-action="reset"/);
  const other = renderPreviewHtml(await preview(SHOP, 2, 5), PAGE);
  assert.match(other, /seed <strong>5<\/strong> <span class="note">\(the fixture uses 1234\)<\/span>/);
  assert.match(other, /data-action="reset"/);
  // Every FK link's target exists on the page.
  for (const [, target] of same.matchAll(/data-target="([^"]+)"/g)) assert.ok(same.includes(`id="${target}"`), target);
});

test('preview: every case schema gives a table per seed group, full rows, and links to rows that exist', async () => {
  const cases = await caseSchemas();
  assert.ok(cases.length > 20);
  let links = 0;
  let joined = 0;
  for (const { name, schema } of cases) {
    const analysis = analyze(schema);
    if ([...analysis.diagnostics].some((d) => d.severity === 'error')) continue;
    const p = buildSeedPreview(schema, analysis, { rows: 3, seed: 1234, locale: 'en_US' });
    const anchors = new Set(p.tables.flatMap((t) => t.rows.map((r) => r.anchor)));
    for (const t of p.tables) {
      // A group the seed cannot insert (a required FK to its own rows) is shown empty.
      assert.ok(t.rows.length === 3 || t.rows.length === 0, `${name}: ${t.name} has ${t.rows.length} rows`);
      for (const r of t.rows) {
        assert.equal(r.cells.length, t.columns.length, `${name}: ${t.name} ${r.label}`);
        for (const c of r.cells) {
          if (c.kind === 'link') {
            links++;
            assert.ok(anchors.has(c.target.anchor), `${name}: ${t.name} links to ${c.target.anchor}`);
            assert.ok(c.text !== '', `${name}: ${t.name} has an empty link`);
          }
        }
      }
    }
    for (const t of p.tables.filter((x) => x.tables.length > 1)) {
      // Joined inheritance: one row shows the columns of every table it writes, each once.
      joined++;
      const names = t.columns.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, `${name}: ${t.name}`);
      assert.equal(names.length, new Set(t.tables.flatMap((tn) => schema.tables.find((x) => x.name === tn)!.columns.map((c) => c.name))).size, `${name}: ${t.name}`);
    }
    const html = renderPreviewHtml(p, PAGE);
    for (const [, target] of html.matchAll(/data-target="([^"]+)"/g)) assert.ok(html.includes(`id="${target}"`), `${name}: ${target}`);
  }
  assert.ok(links > 50, `links: ${links}`);
  assert.ok(joined > 0, 'a joined-inheritance class is among the cases');
});
