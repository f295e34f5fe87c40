// Parsing Prisma schema text into blocks with @mrleebo/prisma-ast. That parser stops at the first
// syntax error and silently drops characters its lexer does not know, so this module cuts each file
// into top-level blocks first and parses them one by one: a broken block costs only itself and
// becomes an error diagnostic at the offending token. Before parsing, the text is adjusted where
// the library's grammar is stricter than Prisma's (`/* */` comments, trailing spaces after `{`),
// always without moving any token, so every parser offset stays an offset in the file once
// `ParsedBlock.base` is added.

import type { Block, Datasource, Enum, Generator, Model, Type, View } from '@mrleebo/prisma-ast';
import type { Diagnostic } from '../../ir';
import { diagnosticAt, type DecodedFile } from '../../source';

/** The block keywords of a Prisma schema. */
export type BlockKind = 'model' | 'view' | 'type' | 'enum' | 'datasource' | 'generator';

const BLOCK_KINDS: readonly string[] = ['model', 'view', 'type', 'enum', 'datasource', 'generator'];

/** A top-level block that parsed, with the offset of its chunk in the file. */
export interface ParsedBlock {
  node: Model | View | Type | Enum | Datasource | Generator;
  file: DecodedFile;
  /** Offset in `file.text` that the node's `location.startOffset` values are relative to. */
  base: number;
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

type ParseText = (text: string) => { list: Block[] };

let parserPromise: Promise<ParseText> | null = null;

/**
 * Loads the parser once. The ESM build is imported lazily: it is only needed for Prisma input,
 * and its CommonJS build cannot load chevrotain's ESM-only dependencies under tsx.
 */
function loadParser(): Promise<ParseText> {
  parserPromise ??= import('@mrleebo/prisma-ast/dist/prisma-ast.esm.js').then((ast) => {
    const parser = new ast.PrismaParser({ nodeLocationTracking: 'full' });
    const visitor = new (ast.VisitorClassFactory(parser))();
    return (text: string) => ast.getSchema(text, { parser, visitor });
  });
  return parserPromise;
}

/** A line that opens a top-level block: `model User {`, `enum Role {`, also misspelt keywords. */
const BLOCK_HEADER = /^[ \t]*([A-Za-z][\w-]*)[ \t]+([A-Za-z][\w-]*)[ \t]*\{/gm;

interface Chunk {
  start: number;
  end: number;
  /** The block keyword and name from the header line, or null for the text before the first block. */
  header: { kind: string; name: string; offset: number } | null;
}

/** Cuts a file at every block header line; strings and comments never span lines, so lines suffice. */
function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let previous: Chunk = { start: 0, end: text.length, header: null };
  for (const m of text.matchAll(BLOCK_HEADER)) {
    const offset = m.index + m[0].indexOf(m[1]);
    previous.end = m.index;
    chunks.push(previous);
    previous = { start: m.index, end: text.length, header: { kind: m[1], name: m[2], offset } };
  }
  chunks.push(previous);
  return chunks.filter((c) => c.header !== null || /\S/.test(text.slice(c.start, c.end).replace(/\/\/[^\n]*/g, '')));
}

/** One token of the Prisma lexer, mirrored so characters it would silently skip can be reported. */
const TOKEN = /\s+|\/\/[^\n]*|"(?:[^\\"\n\r]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z][\w-]*|@@|[@.?{}()[\],:=]/y;

/** Offsets of characters no Prisma token can start with (the library's lexer drops them unreported). */
function strayCharacters(text: string): number[] {
  const stray: number[] = [];
  let i = 0;
  let inRun = false;
  while (i < text.length) {
    TOKEN.lastIndex = i;
    if (TOKEN.test(text)) {
      i = TOKEN.lastIndex;
      inRun = false;
    } else {
      // A run of stray characters is reported once, at its first character.
      if (!inRun) stray.push(i);
      inRun = true;
      i++;
    }
  }
  return stray;
}

/**
 * Where a string literal or `//` comment starting at `i` ends, or `i` when none starts there.
 * An unterminated string ends with its line.
 */
function skipLiteral(text: string, i: number): number {
  if (text[i] === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, text.length);
  }
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  return i;
}

/** Replaces the code units at `offsets` with spaces. Every other offset stays where it was. */
function blankOut(text: string, offsets: Iterable<number>): string {
  const units = text.split('');
  for (const k of offsets) units[k] = ' ';
  return units.join('');
}

/**
 * Blanks `/* ... *\/` comments (Prisma accepts them; the library's lexer does not), keeping line
 * breaks so positions stay exact. An unterminated one is left for the syntax check to report.
 */
function blankBlockComments(text: string): string {
  const blanked: number[] = [];
  let i = 0;
  while (i < text.length) {
    const next = skipLiteral(text, i);
    if (next !== i) {
      i = next;
    } else if (text.startsWith('/*', i) && text.indexOf('*/', i + 2) !== -1) {
      const end = text.indexOf('*/', i + 2) + 2;
      for (let k = i; k < end; k++) if (text[k] !== '\n' && text[k] !== '\r') blanked.push(k);
      i = end;
    } else i++;
  }
  return blanked.length === 0 ? text : blankOut(text, blanked);
}

/**
 * Moves trailing spaces after the line break that follows them, keeping every offset but the line
 * break's. The library's whitespace token swallows `{   \n` whole, losing the line break its grammar
 * requires after `{`, so a model with trailing spaces on its first line would not parse.
 */
function moveTrailingSpaces(text: string): string {
  return text.replace(/[ \t\f\v]+(\r?\n)/g, (m: string, nl: string) => nl + ' '.repeat(m.length - nl.length));
}

/** Parses every block of one file; never throws. */
export async function parsePrismaFile(file: DecodedFile): Promise<ParsedFile> {
  const parse = await loadParser();
  const result: ParsedFile = { blocks: [], broken: [], empty: true, diagnostics: [] };
  const text = blankBlockComments(file.text);
  for (const chunk of splitChunks(text)) {
    result.empty = false;
    parseChunk(file, text.slice(chunk.start, chunk.end), chunk, parse, result);
  }
  return result;
}

/** Parses one chunk; its blocks or its first syntax error go to `out`. */
function parseChunk(file: DecodedFile, text: string, chunk: Chunk, parse: ParseText, out: ParsedFile): void {
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
  for (const offset of strayCharacters(text)) {
    out.diagnostics.push(
      diagnosticAt(
        file,
        chunk.start + offset,
        'error',
        `unexpected character ${JSON.stringify(text[offset])}: it is not Prisma schema syntax; remove it`,
        'prisma/syntax',
      ),
    );
  }
  const parsed = tryParse(parse, moveTrailingSpaces(text));
  if ('blocks' in parsed) {
    for (const node of parsed.blocks) {
      if (node.type !== 'comment' && node.type !== 'break') out.blocks.push({ node: withMembers(node), file, base: chunk.start });
    }
    return;
  }
  const token = (parsed.error as { token?: { image?: string; startOffset?: number } }).token;
  const at = Number.isFinite(token?.startOffset) ? chunk.start + (token?.startOffset as number) : chunk.end;
  const what = header ? `${header.kind} "${header.name}" is skipped` : 'this text is skipped';
  out.diagnostics.push(
    diagnosticAt(file, at, 'error', `Prisma syntax error: ${describeError(parsed.error, token?.image)}; ${what} until it is fixed`, 'prisma/syntax'),
  );
  if (header) out.broken.push({ kind: header.kind as BlockKind, name: header.name });
}

/** The library leaves the member list of an empty block (`model X {\n}`) undefined: make it empty. */
function withMembers(node: ParsedBlock['node']): ParsedBlock['node'] {
  if (node.type === 'enum') node.enumerators ??= [];
  else if (node.type === 'datasource' || node.type === 'generator') node.assignments ??= [];
  else node.properties ??= [];
  return node;
}

/** The parsed blocks, or the error the parser threw. */
function tryParse(parse: ParseText, text: string): { blocks: Block[] } | { error: unknown } {
  try {
    return { blocks: parse(text).list };
  } catch (error) {
    return { error };
  }
}

/** Rewrites a chevrotain error as one short sentence: what was found and, when known, what was expected. */
function describeError(e: unknown, image: string | undefined): string {
  const found = image === undefined || image === '' ? 'the end of the block' : image.trim() === '' ? 'a line break' : `"${image}"`;
  const message = e instanceof Error ? e.message : String(e);
  const expected = /^Expecting --> (.*?) <--/.exec(message);
  if (expected) return `expected ${expected[1] === 'LineBreak' ? 'a line break' : expected[1]} but found ${found}`;
  return `found ${found} where it does not belong`;
}
