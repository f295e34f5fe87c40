// Benchmark: our full `inspect` (read + parse + IR + analysis) against the raw parser alone on
// the same synthetic schema, for 10, 100 and 1,000 tables in every input format. Ratios, not
// absolute times, are what matter: both run in this process, one after the other, on one machine.

import { setTimeout as sleep } from 'node:timers/promises';
import { Language, Parser } from 'web-tree-sitter';
import { loadModule, parseSync } from 'libpg-query';
import initSqlJs from 'sql.js';
import { analyze, readSchema, inspectJson, type SchemaFormat, type SqlDialect } from '../../src/core';
import { wasmPath } from '../../src/core/wasm';
import { parallelReads, type ParseThread } from '../../src/core/readers/python';
import { syntaxWorker } from '../../src/core/readers/python/syntax-check';
import { median, type BenchTable } from './util';

export type Format = 'sqlalchemy' | 'sql-postgresql' | 'sql-mysql' | 'sql-sqlite' | 'prisma';
export const FORMATS: Format[] = ['sqlalchemy', 'sql-postgresql', 'sql-mysql', 'sql-sqlite', 'prisma'];

/** A schema of `n` tables: each has a few typed columns, a unique, a CHECK and FKs to earlier tables. */
export function syntheticSchema(format: Format, n: number): { file: string; text: string } {
  const parts: string[] = [];
  const parent = (i: number, k: number) => (i * 7 + k * 13) % i;
  if (format === 'sqlalchemy') {
    parts.push('from decimal import Decimal\nfrom typing import Optional\n');
    parts.push('from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String');
    parts.push('from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship\n\n');
    parts.push('class Base(DeclarativeBase):\n    pass\n\n');
    for (let i = 0; i < n; i++) {
      const lines = [
        `class Entity${i}(Base):`,
        `    __tablename__ = "entity_${i}"`,
        `    __table_args__ = (CheckConstraint("amount >= 0"),)\n`,
        '    id: Mapped[int] = mapped_column(primary_key=True)',
        '    code: Mapped[str] = mapped_column(String(20), unique=True)',
        '    name: Mapped[str] = mapped_column(String(100))',
        '    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))',
        '    note: Mapped[Optional[str]]',
      ];
      for (let k = 0; k < Math.min(2, i); k++) {
        const p = parent(i, k);
        lines.push(`    ref${k}_id: Mapped[int] = mapped_column(ForeignKey("entity_${p}.id"))`);
        lines.push(`    ref${k}: Mapped["Entity${p}"] = relationship(foreign_keys=[ref${k}_id])`);
      }
      parts.push(lines.join('\n') + '\n\n');
    }
    return { file: 'models.py', text: parts.join('\n') };
  }
  if (format === 'prisma') {
    parts.push('datasource db {\n  provider = "postgresql"\n}\n');
    const back = new Map<number, string[]>();
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < Math.min(2, i); k++) {
        const p = parent(i, k);
        const list = back.get(p) ?? [];
        list.push(`  entity${i}Ref${k} Entity${i}[] @relation("E${i}R${k}")`);
        back.set(p, list);
      }
    }
    for (let i = 0; i < n; i++) {
      const lines = [
        `model Entity${i} {`,
        '  id     Int     @id @default(autoincrement())',
        '  code   String  @unique @db.VarChar(20)',
        '  name   String  @db.VarChar(100)',
        '  amount Decimal @db.Decimal(10, 2)',
        '  note   String?',
      ];
      for (let k = 0; k < Math.min(2, i); k++) {
        const p = parent(i, k);
        lines.push(`  ref${k}Id Int`);
        lines.push(`  ref${k} Entity${p} @relation("E${i}R${k}", fields: [ref${k}Id], references: [id])`);
      }
      lines.push(...(back.get(i) ?? []));
      lines.push(`  @@map("entity_${i}")`, '}');
      parts.push(lines.join('\n') + '\n');
    }
    return { file: 'schema.prisma', text: parts.join('\n') };
  }
  const dialect = format.slice(4) as SqlDialect;
  const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : s);
  for (let i = 0; i < n; i++) {
    const id =
      dialect === 'postgresql' ? 'id serial PRIMARY KEY' : dialect === 'mysql' ? 'id int NOT NULL AUTO_INCREMENT PRIMARY KEY' : 'id INTEGER PRIMARY KEY AUTOINCREMENT';
    const cols = [
      `  ${id}`,
      `  ${q('code')} varchar(20) NOT NULL UNIQUE`,
      `  ${q('name')} varchar(100) NOT NULL`,
      `  amount decimal(10, 2) NOT NULL CHECK (amount >= 0)`,
      '  note text',
    ];
    for (let k = 0; k < Math.min(2, i); k++) {
      cols.push(`  ref${k}_id integer NOT NULL REFERENCES ${q(`entity_${parent(i, k)}`)} (id)`);
    }
    parts.push(`CREATE TABLE ${q(`entity_${i}`)} (\n${cols.join(',\n')}\n);\n`);
  }
  return { file: 'schema.sql', text: parts.join('\n') };
}

/**
 * The raw parser of each format, loaded once: parse the whole text, nothing else. For Prisma that
 * is @mrleebo/prisma-ast's `getSchema` (without locations), the library whose grammar and tree our
 * own Prisma parser follows (ARCHITECTURE.md says why the reader no longer calls it).
 */
async function rawParsers(): Promise<Record<Format, (text: string) => unknown>> {
  await Parser.init({ locateFile: (name: string) => wasmPath(name) });
  const python = new Parser();
  python.setLanguage(await Language.load(wasmPath('tree-sitter-python.wasm')));
  await loadModule();
  const SQL = await initSqlJs({ locateFile: (f: string) => wasmPath(f) });
  const { Parser: SqlParser } = require('node-sql-parser/build/mysql');
  const mysql = new SqlParser();
  const prisma = await import('@mrleebo/prisma-ast/dist/prisma-ast.esm.js' as string);
  return {
    sqlalchemy: (t) => python.parse(t)?.delete(),
    'sql-postgresql': (t) => parseSync(t),
    'sql-mysql': (t) => mysql.astify(t, { database: 'mysql' }),
    'sql-sqlite': (t) => {
      const db = new SQL.Database();
      db.exec(t);
      db.close();
    },
    prisma: (t) => prisma.getSchema(t),
  };
}

/** The pause before each timed run (see `timePair`). */
const SETTLE_MS = 10;

async function fullInspect(format: Format, file: string, text: string, pythonParseThread?: ParseThread): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  const fmt: SchemaFormat = format.startsWith('sql-') ? 'sql' : (format as SchemaFormat);
  const dialect = format.startsWith('sql-') ? (format.slice(4) as SqlDialect) : undefined;
  const read = await readSchema([{ path: file, bytes }], { format: fmt, dialect, pythonParseThread });
  const analysis = analyze(read.schema);
  JSON.stringify(inspectJson(read.schema, analysis, read.diagnostics));
}

/**
 * Median times of `a` and `b`, run alternately (a, b, a, b, ...) so that a change in the machine's
 * load during the measurement weighs on both alike. Each run starts after a short pause, so that
 * what the previous one left running in the background (V8's concurrent marking and sweeping, a
 * worker thread's clean-up) is not timed as part of the next.
 */
async function timePair(a: () => unknown, b: () => unknown, runs: number): Promise<[number, number]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    await sleep(SETTLE_MS);
    let t0 = performance.now();
    await a();
    as.push(performance.now() - t0);
    await sleep(SETTLE_MS);
    t0 = performance.now();
    await b();
    bs.push(performance.now() - t0);
  }
  return [median(as), median(bs)];
}

export async function benchInspect(sizes = [10, 100, 1000]): Promise<BenchTable> {
  const raw = await rawParsers();
  const rows: string[][] = [];
  for (const format of FORMATS) {
    for (const n of sizes) {
      const { file, text } = syntheticSchema(format, n);
      const runs = n >= 1000 ? 41 : n >= 100 ? 25 : 60;
      // Warm both paths (wasm init, JIT) before measuring.
      for (let i = 0; i < 2; i++) {
        raw[format](text);
        await fullInspect(format, file, text);
      }
      const parallelBefore = parallelReads.parallel;
      const [rawMs, fullMs] = await timePair(() => raw[format](text), () => fullInspect(format, file, text), runs);
      // A large Python input is read while a worker thread parses it (syntax-check.ts): say so,
      // and measure the same read on one thread too.
      const parallel = parallelReads.parallel > parallelBefore;
      const size = `${Math.round(text.length / 1024)} KiB`;
      rows.push([parallel ? `${format} (2 threads)` : format, String(n), size, rawMs.toFixed(1), fullMs.toFixed(1), (fullMs / rawMs).toFixed(2)]);
      if (parallel) {
        await fullInspect(format, file, text, 'never');
        const [raw1, one] = await timePair(() => raw[format](text), () => fullInspect(format, file, text, 'never'), runs);
        rows.push([`${format} (1 thread)`, String(n), size, raw1.toFixed(1), one.toFixed(1), (one / raw1).toFixed(2)]);
      }
    }
  }
  await syntaxWorker().stop();
  return {
    title: 'inspect: full read vs the raw parser',
    headers: ['format', 'tables', 'size', 'raw parse (ms)', 'full inspect (ms)', 'ratio'],
    rows,
  };
}
