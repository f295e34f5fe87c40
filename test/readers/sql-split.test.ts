// The PostgreSQL statement splitter skips the plain part of a statement (past the leading words it
// classifies by) without tokenizing it (`Scanner.skipPlain`). This differential test holds that to
// the token-by-token split: the same statements (start, end, leading words, markers) and skipped
// client lines for every SQL file of the tests and examples, and for random edits of them that put
// quotes, prefixed strings, dollar quotes, comments, meta-commands and `$` in words everywhere.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { splitStatements } from '../../src/core/readers/sql/split';

const ROOT = path.join(__dirname, '..', '..');

function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') out.push(...sqlFiles(full));
    else if (e.name.endsWith('.sql')) out.push(full);
  }
  return out.sort();
}

function assertSameSplit(name: string, text: string): void {
  const fast = splitStatements(text, 'postgresql');
  const reference = splitStatements(text, 'postgresql', undefined, { skipPlain: false });
  assert.deepEqual(fast, reference, `${name}: the split with skipPlain differs from the token-by-token split`);
}

const texts = [...sqlFiles(path.join(ROOT, 'test', 'cases')), ...sqlFiles(path.join(ROOT, 'examples'))].map((f) => ({
  name: path.relative(ROOT, f),
  text: fs.readFileSync(f, 'latin1'),
}));

test('sql split: skipping plain text splits every SQL file like the token-by-token split', () => {
  assert.ok(texts.length >= 15, `found ${texts.length} SQL files`);
  let statements = 0;
  for (const { name, text } of texts) {
    assertSameSplit(name, text);
    statements += splitStatements(text, 'postgresql').statements.length;
  }
  assert.ok(statements > 150, `only ${statements} statements split`);
});

const SNIPPETS = [
  "'", "''", '"', ';', '$$', '$tag$', 'a$b', '$1', "E'\\''", "e'x'", "N'x'", "xE'a'", ' E', '--', '-- c\n', '/*', '*/', '/* /* */ */',
  '\n\\connect db\n', '\\', '\nCOPY t FROM stdin;\n1\n\\.\n', 'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;',
  'BEGIN', 'END;', '(', ')', '-', '/', '\r\n', '\t', '\f', 'x', ' ',
];

test('sql split: skipping plain text splits generated statements like the token-by-token split', () => {
  // Statements whose tails (past the six leading words the split keeps) are random snippets.
  const statement = fc
    .array(fc.constantFrom(...SNIPPETS, 'word', ' ', ',', '1'), { maxLength: 12 })
    .map((tail) => `CREATE TABLE t (a int, b ${tail.join('')});`);
  fc.assert(
    fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (statements) => assertSameSplit('generated', statements.join('\n'))),
    { numRuns: 3000, seed: 20261206 },
  );
});

test('sql split: skipping plain text splits random edits like the token-by-token split', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: texts.length - 1 }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...SNIPPETS)), { minLength: 1, maxLength: 5 }),
      (which, edits) => {
        let text = texts[which].text;
        for (const [at, snippet] of edits) {
          // After a space: between tokens, where a snippet changes what follows it.
          let i = Math.floor(at * text.length);
          i = text.indexOf(' ', i) + 1;
          text = text.slice(0, i) + snippet + text.slice(i);
        }
        assertSameSplit(`${texts[which].name} edited`, text);
      },
    ),
    { numRuns: 2000, seed: 20261206 },
  );
});
