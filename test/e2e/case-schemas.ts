// The schema of every golden case under test/cases/, read the way `inspect` reads it (same input
// discovery as test/golden.test.ts, `--format`/`--dialect` from case.json), for tests that must
// hold for any input: the DDL loads, the models run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSchema, type ReadOptions } from '../../src/core/readers';
import type { Schema } from '../../src/core/ir';
import { collectInputs } from '../../src/node/inputs';

const CASES = path.join(__dirname, '..', 'cases');
const NOT_INPUT = new Set(['case.json', 'README.md', 'inspect.json', 'order.txt', 'diagnostics.txt']);

export interface CaseSchema {
  name: string;
  schema: Schema;
}

/** Reads every case's schema, in case-name order. */
export async function caseSchemas(): Promise<CaseSchema[]> {
  if (!fs.existsSync(CASES)) return [];
  const out: CaseSchema[] = [];
  for (const name of fs.readdirSync(CASES).sort()) {
    const dir = path.join(CASES, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const config = readConfig(dir);
    const input = config.input ?? defaultInput(dir);
    if (input === undefined) continue;
    const { files } = collectInputs(path.join(dir, input), dir);
    const { schema } = await readSchema(files, readOptions(config.args ?? []));
    out.push({ name, schema });
  }
  return out;
}

function readConfig(dir: string): { input?: string; args?: string[] } {
  const file = path.join(dir, 'case.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { input?: string; args?: string[] }) : {};
}

/** `input/`, else the case's one input file (undefined when that is ambiguous). */
function defaultInput(dir: string): string | undefined {
  if (fs.existsSync(path.join(dir, 'input'))) return 'input';
  const files = fs.readdirSync(dir).filter((f) => !NOT_INPUT.has(f) && fs.statSync(path.join(dir, f)).isFile());
  return files.length === 1 ? files[0] : undefined;
}

/** `--format x` / `--dialect y` from the case's CLI arguments. */
function readOptions(args: string[]): ReadOptions {
  const options: ReadOptions = {};
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i] === '--format') options.format = args[i + 1] as ReadOptions['format'];
    if (args[i] === '--dialect') options.dialect = args[i + 1] as ReadOptions['dialect'];
  }
  return options;
}
