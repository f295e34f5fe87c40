// The line diff behind the refactor preview's hunks: applying the hunks to the old lines gives the
// new ones, hunks are ordered and disjoint, and unchanged runs are never part of a hunk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lineHunks, type Hunk } from '../../src/extension/line-diff';

/** The old lines with the hunks applied (from the last, so earlier indices stay valid). */
function apply(before: string[], hunks: Hunk[]): string[] {
  const out = [...before];
  for (const h of [...hunks].reverse()) out.splice(h.start, h.end - h.start, ...h.lines);
  return out;
}

test('hunks turn the old lines into the new ones, with nothing unchanged inside them', () => {
  const line = fc.constantFrom('a', 'b', 'c', 'class X:', '', '    pass');
  fc.assert(
    fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (before, after) => {
      const hunks = lineHunks(before, after);
      assert.deepEqual(apply(before, hunks), after);
      for (let i = 1; i < hunks.length; i++) assert.ok(hunks[i].start > hunks[i - 1].end, 'hunks are separated by unchanged lines');
      for (const h of hunks) assert.ok(h.end > h.start || h.lines.length > 0, 'no empty hunk');
    }),
    { numRuns: 500 },
  );
});

test('a one-line change in a long file is one small hunk', () => {
  const before = Array.from({ length: 2000 }, (_, i) => `line ${i}`);
  const after = [...before];
  after[1200] = 'changed';
  after.splice(10, 0, 'inserted');
  assert.deepEqual(lineHunks(before, after), [
    { start: 10, end: 10, lines: ['inserted'] },
    { start: 1200, end: 1201, lines: ['changed'] },
  ]);
});

test('identical files have no hunks; an emptied file is one', () => {
  assert.deepEqual(lineHunks(['a', ''], ['a', '']), []);
  assert.deepEqual(lineHunks(['a', 'b'], ['']), [{ start: 0, end: 2, lines: [''] }]);
});
