// Parsing Prisma schema text into blocks. Each file is lexed once (`lexer.ts`, which also finds
// characters no token starts with) and its tokens are cut into top-level blocks, which are parsed
// one by one (`parser.ts`, which stops at the first syntax error): a broken block costs only itself
// and becomes an error diagnostic at the offending token. Every node's `location.startOffset` is
// an offset in the file.

import type { Datasource, Enum, Generator, Model, Type, View } from '@mrleebo/prisma-ast';
import type { Diagnostic } from '../../ir';
import { diagnosticAt, type DecodedFile } from '../../source';
import { lexPrisma, Tok, type Tokens } from './lexer';
import { parseBlocks, type PrismaSyntaxError } from './parser';

/** The block keywords of a Prisma schema. */
export type BlockKind = 'model' | 'view' | 'type' | 'enum' | 'datasource' | 'generator';

const BLOCK_KINDS: readonly string[] = ['model', 'view', 'type', 'enum', 'datasource', 'generator'];

/** A top-level block that parsed; its nodes' `location.startOffset` values are offsets in `file.text`. */
export interface ParsedBlock {
  node: Model | View | Type | Enum | Datasource | Generator;
  file: DecodedFile;
}

/** A block that did not parse; its name is still known so references to it are not reported again. */
export interface BrokenBlock {
  kind: BlockKind;
  name: string;
}

export interface ParsedFile {
  blocks: ParsedBlock[];
  broken: BrokenBlock[];
  /** True when the file holds nothing but whitespace and comments. */
  empty: boolean;
  diagnostics: Diagnostic[];
}

/** A top-level block's tokens `[from, to)` and the file text `[start, end)` they lie in. */
interface Chunk {
  from: number;
  to: number;
  start: number;
  end: number;
  /** The block keyword and name, or null for the tokens before the first block. */
  header: { kind: string; name: string; offset: number } | null;
}

/** Token kinds a block keyword or name may have (`true` is a keyword token). */
function isWord(k: Tok): boolean {
  return k === Tok.Identifier || k === Tok.True || k === Tok.False || k === Tok.Null;
}

/**
 * Cuts a file's tokens at every block header, `model User {` and misspelt keywords alike: two words
 * and `{`, first on their line. Strings and comments never span lines, so no header is inside one.
 */
function splitChunks(tokens: Tokens): Chunk[] {
  const { text, kind, start, count, stray } = tokens;
  const chunks: Chunk[] = [];
  let previous: Chunk = { from: 0, to: count, start: 0, end: text.length, header: null };
  for (let k = 0; k + 2 < count; k++) {
    if (!isWord(kind[k]) || !isWord(kind[k + 1]) || kind[k + 2] !== Tok.LCurly || (k > 0 && kind[k - 1] !== Tok.LineBreak)) continue;
    const lineStart = text.lastIndexOf('\n', start[k] - 1) + 1;
    previous.to = k;
    previous.end = lineStart;
    chunks.push(previous);
    const word = (j: number) => text.slice(start[j], tokens.end[j]);
    previous = { from: k, to: count, start: lineStart, end: text.length, header: { kind: word(k), name: word(k + 1), offset: start[k] } };
  }
  chunks.push(previous);
  const first = chunks[0];
  if (first.header === null) {
    // The text before the first block counts only if it holds more than comments.
    let content = stray.length > 0 && stray[0] < first.end;
    for (let k = first.from; k < first.to && !content; k++) {
      content = kind[k] !== Tok.LineBreak && kind[k] !== Tok.LineComment && kind[k] !== Tok.DocComment;
    }
    if (!content) chunks.shift();
  }
  return chunks;
}

/** Parses every block of one file; never throws. */
export function parsePrismaFile(file: DecodedFile): ParsedFile {
  const result: ParsedFile = { blocks: [], broken: [], empty: true, diagnostics: [] };
  const tokens = lexPrisma(file.text);
  const { stray } = tokens;
  let s = 0;
  for (const chunk of splitChunks(tokens)) {
    result.empty = false;
    const strayFrom = s;
    while (s < stray.length && stray[s] < chunk.end) s++;
    parseChunk(file, tokens, chunk, stray.slice(strayFrom, s), result);
  }
  return result;
}

/** Parses one chunk; its blocks or its first syntax error go to `out`. */
function parseChunk(file: DecodedFile, tokens: Tokens, chunk: Chunk, stray: number[], out: ParsedFile): void {
  const { header } = chunk;
  if (header && !BLOCK_KINDS.includes(header.kind)) {
    out.diagnostics.push(
      diagnosticAt(
        file,
        header.offset,
        'error',
        `unknown block "${header.kind} ${header.name}": Prisma blocks are model, enum, view, type, datasource and generator; fix the keyword — this block is skipped`,
        'prisma/syntax',
      ),
    );
    return;
  }
  for (const offset of stray) {
    out.diagnostics.push(
      diagnosticAt(
        file,
        offset,
        'error',
        `unexpected character ${JSON.stringify(file.text[offset])}: it is not Prisma schema syntax; remove it`,
        'prisma/syntax',
      ),
    );
  }
  const parsed = parseBlocks(tokens, chunk.from, chunk.to);
  if ('blocks' in parsed) {
    for (const node of parsed.blocks) {
      if (node.type !== 'comment' && node.type !== 'break') out.blocks.push({ node: withMembers(node), file });
    }
    return;
  }
  const { error } = parsed;
  const at = Number.isFinite(error.offset) ? error.offset : chunk.end;
  const what = header ? `${header.kind} "${header.name}" is skipped` : 'this text is skipped';
  out.diagnostics.push(diagnosticAt(file, at, 'error', `Prisma syntax error: ${describeError(error)}; ${what} until it is fixed`, 'prisma/syntax'));
  if (header) out.broken.push({ kind: header.kind as BlockKind, name: header.name });
}

/** The library leaves the member list of an empty block (`model X {\n}`) undefined: make it empty. */
function withMembers(node: ParsedBlock['node']): ParsedBlock['node'] {
  if (node.type === 'enum') node.enumerators ??= [];
  else if (node.type === 'datasource' || node.type === 'generator') node.assignments ??= [];
  else node.properties ??= [];
  return node;
}

/** One short sentence: what was found and, when a single token was expected, which. */
export function describeError(error: PrismaSyntaxError): string {
  const found = error.found === '' ? 'the end of the block' : error.found.trim() === '' ? 'a line break' : `"${error.found}"`;
  if (error.expected) return `expected ${error.expected === 'LineBreak' ? 'a line break' : error.expected} but found ${found}`;
  return `found ${found} where it does not belong`;
}
