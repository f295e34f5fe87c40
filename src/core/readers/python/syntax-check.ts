// Parsing on a second thread. A large Python schema is read from its text on the reader's thread
// (`textOutline`) while a worker thread parses it with tree-sitter; the parse then confirms the
// text read (no syntax error, the same module statements) or the reader starts over from the
// tree. On two cores the read costs about the parse instead of the parse plus the read.
//
// The worker is started on first use, kept while it has work or was used in the last
// `IDLE_MS`, and never keeps the process alive on its own. Any failure (no worker script, the
// worker dying) answers null, and the reader parses on its own thread as before.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StatementStarts } from './parser';
import type { SyntaxReply, SyntaxRequest } from './syntax-worker';

/**
 * tsx's require hook, which runs the TypeScript worker entry from source. A variable, so that
 * esbuild does not pull tsx into the bundles (they start the bundled worker instead).
 */
const TSX_REQUIRE_HOOK = 'tsx/cjs';

/** An idle worker is stopped after this long (a later read starts a new one). */
const IDLE_MS = 30_000;

/** A parse run on the worker thread. */
export class SyntaxWorker {
  private worker: Worker | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, (r: StatementStarts | null) => void>();
  private idle: NodeJS.Timeout | null = null;

  /** `script` runs the worker: the bundled JS file, or (from source) the TypeScript one. */
  constructor(private readonly script: string | null) {}

  /** Whether the worker can be asked: it has a script and has not failed. */
  get available(): boolean {
    return this.script !== null && !this.failed;
  }

  /** Parses `text` on the worker: its verdict, or null when the worker cannot answer. */
  check(text: string): Promise<StatementStarts | null> {
    const worker = this.start();
    if (!worker) return Promise.resolve(null);
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    this.clearIdle();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, text } satisfies SyntaxRequest);
    });
  }

  /** Stops the worker now (tests; an idle worker stops by itself). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.clearIdle();
    this.settleAll();
    if (worker) await worker.terminate();
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (this.failed || !this.script) return null;
    let worker: Worker;
    try {
      worker = this.script.endsWith('.ts')
        ? // From source (tests): load the TypeScript entry through tsx's require hook.
          new Worker(`require(${JSON.stringify(require.resolve(TSX_REQUIRE_HOOK))}); require(${JSON.stringify(this.script)});`, {
            eval: true,
          })
        : new Worker(this.script);
    } catch {
      this.failed = true;
      return null;
    }
    worker.unref();
    worker.on('message', (reply: SyntaxReply) => this.answer(reply));
    const fail = () => {
      if (this.worker !== worker) return;
      this.failed = true;
      this.worker = null;
      this.clearIdle();
      this.settleAll();
    };
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', fail);
    this.worker = worker;
    return worker;
  }

  private answer(reply: SyntaxReply): void {
    const resolve = this.pending.get(reply.id);
    if (!resolve) return;
    this.pending.delete(reply.id);
    resolve('failed' in reply ? null : { hasError: reply.hasError, starts: reply.starts });
    if (this.pending.size === 0 && this.worker) {
      this.worker.unref();
      this.idle = setTimeout(() => void this.stop(), IDLE_MS);
      this.idle.unref();
    }
  }

  private settleAll(): void {
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
  }

  private clearIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
  }
}

/**
 * The worker script: `python-syntax-worker.js` beside the bundle (dist/), else the TypeScript
 * source when running from source with tsx installed; null when neither is there.
 */
function workerScript(): string | null {
  const bundled = path.join(__dirname, 'python-syntax-worker.js');
  if (fs.existsSync(bundled)) return bundled;
  const source = path.join(__dirname, 'syntax-worker.ts');
  if (!fs.existsSync(source)) return null;
  try {
    require.resolve(TSX_REQUIRE_HOOK);
    return source;
  } catch {
    return null;
  }
}

let shared: SyntaxWorker | null = null;

/** The process's syntax worker. */
export function syntaxWorker(): SyntaxWorker {
  shared ??= new SyntaxWorker(workerScript());
  return shared;
}
