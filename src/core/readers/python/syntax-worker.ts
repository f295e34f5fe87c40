// The syntax worker's thread: parses the Python files it is sent with tree-sitter and answers
// with what `syntax-check.ts` needs to confirm a text-split outline (syntax errors, module
// statement starts). Built as its own bundle (dist/python-syntax-worker.js).

import { parentPort } from 'node:worker_threads';
import { pythonParser, statementStarts } from './parser';

/** A request: parse `text`. */
export interface SyntaxRequest {
  id: number;
  text: string;
}

/** The answer: the parse's verdict, or why there is none. */
export type SyntaxReply =
  | { id: number; hasError: boolean; starts: Int32Array }
  | { id: number; failed: string };

const port = parentPort;
if (port) {
  port.on('message', async ({ id, text }: SyntaxRequest) => {
    let reply: SyntaxReply;
    try {
      const tree = (await pythonParser()).parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        reply = { id, ...statementStarts(tree) };
      } finally {
        tree.delete();
      }
    } catch (e) {
      reply = { id, failed: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, 'starts' in reply ? [reply.starts.buffer as ArrayBuffer] : []);
  });
}
