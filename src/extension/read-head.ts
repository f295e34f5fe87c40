// Reading the start of a file without reading all of it: the cheap content checks only need the
// first kilobytes, and a workspace can hold large files.

import * as fs from 'node:fs';

/** The first `bytes` bytes of a file as UTF-8 text ('' when it cannot be read). */
export function readHead(file: string, bytes: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, bytes, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}
