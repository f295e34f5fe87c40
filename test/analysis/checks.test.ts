import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeCheck } from '../../src/core/analysis/checks';

test('checks: comparisons with constants, either side', () => {
  const f = analyzeCheck('price > 0 AND 100 >= quantity');
  assert.equal(f.understood, true);
  assert.deepEqual(f.columns.price.min, { value: 0, inclusive: false });
  assert.deepEqual(f.columns.quantity.max, { value: 100, inclusive: true });
});

test('checks: BETWEEN, IN, NOT IN, casts and quoting', () => {
  const f = analyzeCheck(`"rating" BETWEEN 1 AND 5 AND status IN ('draft', 'published') AND kind NOT IN ('x') AND score::numeric >= 0.5`);
  assert.equal(f.understood, true);
  assert.deepEqual(f.columns.rating, { min: { value: 1, inclusive: true }, max: { value: 5, inclusive: true } });
  assert.deepEqual(f.columns.status.oneOf, ['draft', 'published']);
  assert.deepEqual(f.columns.kind.notIn, ['x']);
  assert.deepEqual(f.columns.score.min, { value: 0.5, inclusive: true });
});

test('checks: length bounds, trim and empty-string tests', () => {
  const f = analyzeCheck("char_length(code) = 3 AND length(trim(name)) > 0 AND slug <> '' AND length(bio) <= 500");
  assert.equal(f.understood, true);
  assert.deepEqual(f.columns.code, { minLength: 3, maxLength: 3 });
  assert.equal(f.columns.name.minLength, 1);
  assert.equal(f.columns.slug.minLength, 1);
  assert.equal(f.columns.bio.maxLength, 500);
});

test('checks: comparisons between two columns', () => {
  const f = analyzeCheck('due_on > loaned_on');
  assert.deepEqual(f.comparisons, [{ left: 'due_on', op: '>', right: 'loaned_on' }]);
});

test('checks: IS NULL OR condition, and ORed equalities', () => {
  const a = analyzeCheck('discount IS NULL OR discount BETWEEN 0 AND 50');
  assert.equal(a.understood, true);
  assert.deepEqual(a.columns.discount.max, { value: 50, inclusive: true });
  const b = analyzeCheck("(size = 'S') OR (size = 'M') OR (size = 'L')");
  assert.deepEqual(b.columns.size.oneOf, ['S', 'M', 'L']);
});

test('checks: tighter bounds win when repeated', () => {
  const f = analyzeCheck('n > 1 AND n >= 5 AND n < 10 AND n <= 10');
  assert.deepEqual(f.columns.n.min, { value: 5, inclusive: true });
  assert.deepEqual(f.columns.n.max, { value: 10, inclusive: false });
});

test('checks: what is not understood is reported, never thrown', () => {
  for (const src of ["email ~ '^[^@]+@'", "name LIKE 'A%'", 'a + b > c', 'lower(email) = email', 'x > (', "'unterminated"]) {
    const f = analyzeCheck(src);
    assert.equal(f.understood, false, src);
    assert.ok(f.unknown.length > 0, src);
  }
});

test('checks: understood parts survive next to unknown ones', () => {
  const f = analyzeCheck("qty > 0 AND note ~ 'x'");
  assert.equal(f.understood, false);
  assert.deepEqual(f.columns.qty.min, { value: 0, inclusive: false });
});
