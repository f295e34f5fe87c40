// Property test for the Python reader only: every sa-*/sqlmodel-* golden input, edited at random
// (deleted ranges, inserted Python fragments, duplicated lines, truncation), must still read
// without throwing, with every diagnostic pointing at a line of the edited text. Deterministic:
// FUZZ_SEED and FUZZ_RUNS change the seed and the number of runs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, readSchema } from '../../src/core';

const casesDir = path.join(__dirname, '..', 'cases');
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

/** Every `.py` file of the Python reader's golden cases (non-empty ones). */
function seeds(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (e.name.endsWith('.py') && fs.statSync(full).size > 0) out.push({ name: prefix + e.name, text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const c of fs.readdirSync(casesDir).sort()) {
    if (c.startsWith('sa-') || c.startsWith('sqlmodel-')) walk(path.join(casesDir, c), `${c}/`);
  }
  return out;
}

const FRAGMENTS = [
  '(', ')', '[', ']', '{', '}', '"', "'", '"""', ',', ':', '=', '\n', '    ', '\\\n', '#', '@', '*', '**kw', 'lambda: ',
  'class X(Base):\n', 'Column(', 'ForeignKey("', 'mapped_column(', 'relationship(', 'Mapped[', 'Optional[', ' | None',
  '__tablename__ = ', '__table_args__ = (', '__abstract__ = True\n', 'backref("x")', 'secondary=', 'remote_side=[id]',
  'Enum(', 'f"{x}"', 'type(', '\u00e9', '\u{1F600}', '\t',
];

type Edit = { at: number; kind: 'delete' | 'insert' | 'truncate' | 'duplicate'; size: number; fragment: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('delete' as const, 'insert' as const, 'truncate' as const, 'duplicate' as const),
  size: fc.integer({ min: 1, max: 120 }),
  fragment: fc.constantFrom(...FRAGMENTS),
});

function apply(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.size);
    else if (e.kind === 'insert') t = t.slice(0, at) + e.fragment + t.slice(at);
    else if (e.kind === 'truncate') t = t.slice(0, at);
    else t = t.slice(0, at) + t.slice(at, at + e.size) + t.slice(at);
  }
  return t;
}

const inputs = seeds();

test('python robustness: there are seeds', () => {
  assert.ok(inputs.length >= 12, `expected the sa-*/sqlmodel-* cases, found ${inputs.length} files`);
});

for (const seed of inputs) {
  test(`python robustness: edited ${seed.name} never throws`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        const text = apply(seed.text, edits);
        const read = await readSchema([{ path: 'm.py', text }], { format: 'sqlalchemy' });
        analyze(read.schema);
        const lines = text.split('\n').length;
        for (const d of read.diagnostics) {
          assert.equal(d.file, 'm.py');
          assert.ok(d.line >= 1 && d.line <= lines && d.column >= 1, `bad position: ${JSON.stringify(d)}`);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 7) },
    );
  });
}
