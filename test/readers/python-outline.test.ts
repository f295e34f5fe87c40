// The Python outline reads plain class bodies from the text (a small scanner, fast) and everything
// else from the syntax tree. This differential test holds the two to the same result: for every
// Python file of the test cases, and for random edits of them (tabs, semicolons, decorators,
// f-strings, comments, line continuations, CRLF, stray quotes and brackets), the outline with text
// bodies equals the outline read from the tree alone: same classes, statements, targets and parsed
// annotation/value expressions, same diagnostics.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeFile } from '../../src/core/source';
import { outlineFile, pythonParser, textOutline, type PyFile, type PyStmt } from '../../src/core/readers/python/outline';
import { statementStarts } from '../../src/core/readers/python/parser';

const CASES = path.join(__dirname, '..', 'cases');

function pythonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...pythonFiles(full));
    else if (e.name.endsWith('.py')) out.push(full);
  }
  return out.sort();
}

/** A comparable picture of an outline: statements with their parsed parts, recursively. */
function picture(outline: PyFile): unknown {
  const stmt = (s: PyStmt): unknown => {
    switch (s.kind) {
      case 'assign':
        return { assign: s.target, start: s.start, parts: s.read() };
      case 'expr':
        return { expr: s.value, start: s.start };
      case 'function':
        return { function: s.fn.name, decorators: s.fn.decorators };
      case 'class':
        return { class: s.cls.name, start: s.cls.start, bases: s.cls.bases, keywords: s.cls.keywords, decorators: s.cls.decorators, body: s.cls.body.map(stmt) };
    }
  };
  const body = outline.body.map(stmt);
  return { body, diagnostics: outline.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).sort() };
}

/**
 * Compares the three ways to outline `text`: text-split class bodies, the tree alone, and (when it
 * applies) the whole file from the text, accepted only where the reader accepts it: the parse has
 * no syntax error and finds the same module statements. Returns whether the text-only read applied.
 */
async function assertSame(name: string, text: string): Promise<boolean> {
  const parser = await pythonParser();
  const file = decodeFile({ path: name, text }).file!;
  const fast = picture(outlineFile(parser, file));
  const tree = picture(outlineFile(parser, file, { textBodies: false }));
  assert.deepEqual(fast, tree, `${name}: text bodies and tree bodies differ`);
  const textOnly = textOutline(file);
  if (!textOnly) return false;
  const parsed = parser.parse(file.text)!;
  const check = statementStarts(parsed);
  parsed.delete();
  if (check.hasError || check.starts.join() !== textOnly.starts.join()) return false;
  assert.deepEqual(picture(textOnly.outline), tree, `${name}: the text-only outline and the tree outline differ`);
  return true;
}

const files = pythonFiles(CASES);

test('python outline: text-split class bodies equal tree bodies on every case file', async () => {
  assert.ok(files.length > 40, `found ${files.length} case files`);
  let textOnly = 0;
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    if (await assertSame(f, text)) textOnly++;
    await assertSame(`${f} (CRLF)`, text.replace(/\n/g, '\r\n'));
  }
  // Most case files are plain enough to be read from their text alone (the rest use decorators,
  // tabs, `;` or syntax errors on purpose).
  assert.ok(textOnly > files.length / 2, `${textOnly} of ${files.length} case files read from the text alone`);
});

test('python outline: text-split class bodies equal tree bodies on random edits', async () => {
  const texts = files.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => /^class /m.test(t));
  const snippets = ['\t', ';', '@decorator\n', 'f"{x}"', '# c\n', '\\\n', '\r\n', '\r', '"', "'", '"""', '(', ')', '[', ']', '\n', '    ', 'x = 1\n', '    y: int = 2\n', 'class Z:\n    pass\n', 'else:\n', '  '];
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: texts.length - 1 }),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...snippets), fc.boolean()), { minLength: 1, maxLength: 4 }),
      async (which, edits) => {
        let text = texts[which];
        for (const [at, snippet, lineStart] of edits) {
          // Half the edits land at the start of a line, where indentation and statements begin.
          let i = Math.floor(at * text.length);
          if (lineStart) i = text.lastIndexOf('\n', i - 1) + 1;
          text = text.slice(0, i) + snippet + text.slice(i);
        }
        await assertSame(`case ${which} edited`, text);
      },
    ),
    { numRuns: 400, seed: 20261205 },
  );
});
