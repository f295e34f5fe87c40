// Differential test of the Prisma reader's own lexer and parser (src/core/readers/prisma/lexer.ts,
// parser.ts) against @mrleebo/prisma-ast, the library whose grammar and syntax tree they follow:
//   1. every valid schema of the test cases and examples gives the same blocks as the library's
//      getSchema (its own lexer and parser), locations included;
//   2. on those schemas and thousands of random token-level edits of them, each block's tokens
//      fed to both parsers give the same tree, or fail at the same token with the same message.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { decodeFile, type DecodedFile } from '../../src/core/source';
import { lexPrisma, Tok, type Tokens } from '../../src/core/readers/prisma/lexer';
import { parseBlocks } from '../../src/core/readers/prisma/parser';
import { describeError, parsePrismaFile } from '../../src/core/readers/prisma/parse';

const root = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Every .prisma file of the test cases and examples. */
function schemaFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.name.endsWith('.prisma')) out.push({ name: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(root, 'test', 'cases'));
  walk(path.join(root, 'examples'));
  return out;
}

type Library = typeof import('@mrleebo/prisma-ast');

/** The library with a parser that records locations, and a way to feed it our tokens. */
async function library() {
  const ast = (await import('@mrleebo/prisma-ast/dist/prisma-ast.esm.js')) as Library;
  const parser = new ast.PrismaParser({ nodeLocationTracking: 'full' });
  const visitor = new (ast.VisitorClassFactory(parser))();
  const types = (parser as unknown as { tokensMap: Record<string, { tokenTypeIdx: number }> }).tokensMap;
  const NAMES: Record<Tok, string> = {
    [Tok.LineBreak]: 'LineBreak',
    [Tok.DocComment]: 'DocComment',
    [Tok.LineComment]: 'LineComment',
    [Tok.At]: 'FieldAttribute',
    [Tok.AtAt]: 'BlockAttribute',
    [Tok.Dot]: 'Dot',
    [Tok.Question]: 'QuestionMark',
    [Tok.LCurly]: 'LCurly',
    [Tok.RCurly]: 'RCurly',
    [Tok.LSquare]: 'LSquare',
    [Tok.RSquare]: 'RSquare',
    [Tok.LRound]: 'LRound',
    [Tok.RRound]: 'RRound',
    [Tok.Comma]: 'Comma',
    [Tok.Colon]: 'Colon',
    [Tok.Equals]: 'Equals',
    [Tok.True]: 'True',
    [Tok.False]: 'False',
    [Tok.Null]: 'Null',
    [Tok.String]: 'StringLiteral',
    [Tok.Number]: 'NumberLiteral',
    [Tok.Identifier]: 'Identifier',
    [Tok.EOF]: 'EOF',
  };
  /** The library's parse of `tokens[from, to)`: its tree, or its first error as our reader words it. */
  const parseTokens = (tokens: Tokens, from: number, to: number): unknown => {
    const input = [];
    for (let k = from; k < to; k++) {
      const type = types[NAMES[tokens.kind[k] as Tok]];
      input.push({ image: tokens.text.slice(tokens.start[k], tokens.end[k]), startOffset: tokens.start[k], endOffset: tokens.end[k] - 1, tokenType: type, tokenTypeIdx: type.tokenTypeIdx });
    }
    parser.input = input as never;
    const cst = parser.schema();
    if (parser.errors.length > 0) {
      const e = parser.errors[0] as { message: string; token: { image: string; startOffset: number } };
      const expected = /^Expecting --> (.*?) <--/.exec(e.message);
      return { error: { offset: e.token.startOffset, message: describeError({ offset: e.token.startOffset, found: e.token.image ?? '', expected: expected ? expected[1] : null }) } };
    }
    try {
      return { blocks: normalize((visitor.visit(cst) as { list: unknown[] }).list) };
    } catch {
      // The library's visitor throws on a block keyword it does not know; our parser fails there.
      return { error: 'unknown block' };
    }
  };
  return { ast, parser, visitor, parseTokens };
}

/**
 * A tree as plain data: locations reduced to offsets (the library adds lines and columns when its
 * own lexer made the tokens), undefined members dropped (the library's `name = value` in a model).
 */
function normalize(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key === 'location' && v) return { startOffset: v.startOffset, endOffset: v.endOffset };
      if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null);
      return v;
    }),
  );
}

function ours(tokens: Tokens, from: number, to: number): unknown {
  const r = parseBlocks(tokens, from, to);
  if ('blocks' in r) return { blocks: normalize(r.blocks) };
  return { error: { offset: r.error.offset, message: describeError(r.error) } };
}

function decoded(name: string, text: string): DecodedFile {
  const { file } = decodeFile({ path: name, text });
  assert.ok(file);
  return file;
}

/** Top-level block boundaries: each `model X {` line starts one (what the reader cuts at). */
function blockRanges(tokens: Tokens): [number, number][] {
  const cuts = [0];
  for (let k = 1; k + 2 < tokens.count; k++) {
    if (tokens.kind[k - 1] === Tok.LineBreak && tokens.kind[k] === Tok.Identifier && tokens.kind[k + 1] === Tok.Identifier && tokens.kind[k + 2] === Tok.LCurly) cuts.push(k);
  }
  cuts.push(tokens.count);
  return cuts.slice(1).map((to, i) => [cuts[i], to]);
}

const files = schemaFiles();

test('prisma parser: there are schemas to compare', () => {
  assert.ok(files.length >= 15, `found ${files.length} .prisma files`);
});

test('prisma parser: valid schemas give the library getSchema blocks, locations included', async () => {
  const { ast, parser, visitor } = await library();
  let compared = 0;
  for (const { name, text } of files) {
    let theirs: unknown[];
    try {
      theirs = ast.getSchema(text, { parser, visitor }).list;
    } catch {
      continue; // Broken on purpose, or uses what the library's lexer does not know (`/* */`).
    }
    const parsed = parsePrismaFile(decoded(name, text));
    assert.deepEqual(parsed.diagnostics, [], name);
    const expected = normalize(theirs.filter((b) => (b as { type: string }).type !== 'comment' && (b as { type: string }).type !== 'break'));
    assert.deepEqual(normalize(parsed.blocks.map((b) => b.node)), expected, name);
    compared++;
  }
  assert.ok(compared >= 12, `only ${compared} schemas parsed with the library`);
});

/** Token-level edits: delete, duplicate or insert a token's text at a token boundary. */
const INSERTS = ['{', '}', '(', ')', '[', ']', ',', ':', '=', '?', '.', '@', '@@', '\n', '\n\n', 'x', 'Int', '"s"', '1', 'true', '// c', '@id', '@relation(', 'model M {', 'enum E {', 'x = 1', 'db.VarChar(3)', 'now()'];

type Edit = { kind: 'delete' | 'duplicate'; at: number } | { kind: 'insert'; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
);

function applyEdits(text: string, edits: Edit[]): string {
  let t = text;
  for (const e of edits) {
    const tokens = lexPrisma(t);
    if (tokens.count === 0) break;
    const k = e.at % tokens.count;
    const [s, end] = [tokens.start[k], tokens.end[k]];
    if (e.kind === 'delete') t = t.slice(0, s) + t.slice(end);
    else if (e.kind === 'duplicate') t = t.slice(0, end) + ' ' + t.slice(s, end) + t.slice(end);
    else if (e.kind === 'insert') t = t.slice(0, s) + e.text + ' ' + t.slice(s);
  }
  return t;
}

test('prisma parser: every block and random edits of it parse or fail as in the library', async () => {
  const lib = await library();
  const seeds = files.filter((f) => f.text.length < 20_000);
  for (const { name, text } of seeds) {
    const tokens = lexPrisma(text);
    for (const [from, to] of blockRanges(tokens)) {
      assert.deepEqual(ours(tokens, from, to), lib.parseTokens(tokens, from, to), `${name} tokens ${from}-${to}`);
    }
  }
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 4 }), (seed, edits) => {
      const tokens = lexPrisma(applyEdits(seed.text, edits));
      for (const [from, to] of blockRanges(tokens)) {
        const theirs = lib.parseTokens(tokens, from, to);
        const mine = ours(tokens, from, to);
        if (theirs === undefined || (typeof (theirs as { error?: unknown }).error === 'string' && 'error' in (mine as object))) continue;
        assert.deepEqual(mine, theirs, `${seed.name} edited ${JSON.stringify(edits)}, tokens ${from}-${to}`);
      }
    }),
    { numRuns: RUNS * 10, seed: 20261205 },
  );
});
