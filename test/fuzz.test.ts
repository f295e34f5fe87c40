// Property test: mutate the valid schemas of every format and prove the readers never throw and
// always return diagnostics with positions that exist in the input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, readSchema, type SourceFile } from '../src/core';

const casesDir = path.join(__dirname, 'cases');
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** One seed input per format: the first golden case of each kind with a single input file. */
function seeds(): { format: string; file: string; text: string }[] {
  const byExt = new Map<string, { format: string; file: string; text: string }[]>();
  if (!fs.existsSync(casesDir)) return [];
  for (const name of fs.readdirSync(casesDir).sort()) {
    const dir = path.join(casesDir, name);
    for (const f of fs.readdirSync(dir)) {
      const ext = path.extname(f);
      if (!['.py', '.sql', '.prisma'].includes(ext)) continue;
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      if (text.length < 50 || text.length > 20_000) continue;
      const list = byExt.get(ext) ?? [];
      list.push({ format: ext, file: f, text });
      byExt.set(ext, list);
    }
  }
  return [...byExt.values()].flatMap((list) => list.slice(0, 4));
}

const TOKENS = [
  '(', ')', '[', ']', '{', '}', '"', "'", '`', ',', ';', ':', '=', '\n', '    ', '\\', '$$', '--', '/*', '*/', '#',
  'class ', 'Column(', 'ForeignKey("', 'mapped_column(', 'relationship(', 'Mapped[', '__tablename__ = ',
  'CREATE TABLE ', 'REFERENCES ', 'PRIMARY KEY', 'ALTER TABLE ', 'CHECK (', 'NOT NULL', 'ENUM(',
  'model ', '@relation(', '@@id([', '@id', 'enum ', '\u00e9', '\u{1F600}', '\u0000',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.length);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.token + t.slice(at);
    else if (m.kind === 'truncate') t = t.slice(0, at);
    else t = t.slice(0, at) + t.slice(at, at + m.length) + t.slice(at);
  }
  return t;
}

const inputs = seeds();

test('fuzz: there are seed schemas for every format', () => {
  const formats = new Set(inputs.map((s) => s.format));
  for (const f of ['.py', '.sql', '.prisma']) assert.ok(formats.has(f), `no golden case with a ${f} file to fuzz`);
});

for (const seed of inputs) {
  test(`fuzz: mutated ${seed.file} (${seed.format}) never throws, positions are valid`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (ms) => {
        const text = mutate(seed.text, ms);
        const files: SourceFile[] = [{ path: `fuzz/${seed.file}`, bytes: Buffer.from(text, 'utf8') }];
        const read = await readSchema(files);
        const analysis = analyze(read.schema);
        const lineCount = text.split('\n').length;
        for (const d of [...read.diagnostics, ...analysis.diagnostics]) {
          assert.equal(d.file, `fuzz/${seed.file}`, `diagnostic names an unknown file: ${JSON.stringify(d)}`);
          assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `bad line: ${JSON.stringify(d)}`);
          assert.ok(Number.isInteger(d.column) && d.column >= 1, `bad column: ${JSON.stringify(d)}`);
          assert.ok(d.message.length > 0);
        }
        assert.equal(new Set(analysis.order).size, read.schema.tables.length);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 42) },
    );
  });
}
