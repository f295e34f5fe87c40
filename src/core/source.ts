// Turning raw input into text with positions. The core never touches the disk: shells hand it
// `SourceFile`s and it decodes them here, once, so every reader sees the same text and lines.

import type { Diagnostic, SourceFile, SourceLocation } from './ir';

export interface DecodedFile {
  path: string;
  text: string;
  lines: LineIndex;
}

export interface DecodeResult {
  file: DecodedFile | null;
  diagnostics: Diagnostic[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes a file: UTF-8 (BOM stripped) when valid, otherwise Latin-1, which every byte sequence
 * is. A file with NUL bytes in its first 8 KiB is binary and is refused with an error diagnostic.
 */
export function decodeFile(source: SourceFile): DecodeResult {
  let text: string;
  const diagnostics: Diagnostic[] = [];
  if (source.text !== undefined) {
    text = source.text;
  } else {
    const bytes = source.bytes ?? new Uint8Array();
    const head = bytes.subarray(0, 8192);
    if (head.includes(0)) {
      return {
        file: null,
        diagnostics: [
          {
            severity: 'error',
            message: 'this is a binary file, not a schema; point fixture-scaffold at a text schema file',
            file: source.path,
            line: 1,
            column: 1,
            code: 'input/binary',
          },
        ],
      };
    }
    try {
      text = utf8.decode(bytes);
    } catch {
      text = latin1.decode(bytes);
      diagnostics.push({
        severity: 'info',
        message: 'file is not valid UTF-8; read it as Latin-1',
        file: source.path,
        line: 1,
        column: 1,
        code: 'input/latin1',
      });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { file: { path: source.path, text, lines: new LineIndex(text) }, diagnostics };
}

/** Maps string offsets (UTF-16 code units) and UTF-8 byte offsets to 1-based line/column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private byteStarts: number[] | null = null;
  /** The line index `position` found last: readers ask mostly in increasing order. */
  private last = 0;

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of a 0-based string offset. Offsets past the end clamp to the end. */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    const n = starts.length;
    let lo = this.last;
    // The line found last, or one of the next two, before a binary search of the whole file.
    if (starts[lo] <= o && (lo + 1 === n || starts[lo + 1] > o)) {
      // same line
    } else if (lo + 1 < n && starts[lo + 1] <= o && (lo + 2 === n || starts[lo + 2] > o)) lo += 1;
    else if (lo + 2 < n && starts[lo + 2] <= o && (lo + 3 === n || starts[lo + 3] > o)) lo += 2;
    else {
      lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
    }
    this.last = lo;
    return { line: lo + 1, column: o - starts[lo] + 1 };
  }

  /** 0-based string offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  /** Converts a UTF-8 byte offset within the text to a string offset. */
  byteToOffset(byteOffset: number): number {
    if (this.byteStarts === null) this.byteStarts = this.computeByteStarts();
    // Find the line containing the byte offset, then walk that line only.
    let lo = 0;
    let hi = this.byteStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.byteStarts[mid] <= byteOffset) lo = mid;
      else hi = mid - 1;
    }
    let bytes = this.byteStarts[lo];
    let i = this.starts[lo];
    while (i < this.text.length && bytes < byteOffset) {
      bytes += utf8Length(this.text.charCodeAt(i), this.text.charCodeAt(i + 1));
      i += isHighSurrogate(this.text.charCodeAt(i)) ? 2 : 1;
    }
    return i;
  }

  private computeByteStarts(): number[] {
    const out: number[] = [0];
    let bytes = 0;
    for (let i = 0; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      bytes += utf8Length(c, this.text.charCodeAt(i + 1));
      if (isHighSurrogate(c)) i++;
      if (c === 10) out.push(bytes);
    }
    return out;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function utf8Length(c: number, next: number): number {
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (isHighSurrogate(c) && next >= 0xdc00 && next <= 0xdfff) return 4;
  return 3;
}

export function locationAt(file: DecodedFile, offset: number): SourceLocation {
  const { line, column } = file.lines.position(offset);
  return { file: file.path, line, column };
}

export function diagnosticAt(
  file: DecodedFile,
  offset: number,
  severity: Diagnostic['severity'],
  message: string,
  code?: string,
): Diagnostic {
  const { line, column } = file.lines.position(offset);
  const d: Diagnostic = { severity, message, file: file.path, line, column };
  if (code) d.code = code;
  return d;
}
