// The Python stacks that end-to-end tests run generated code on, both on Debian's /usr/bin/python3
// (the `python3` first on PATH may be another build that cannot see Debian's packages):
// - classic: Debian 12's own packages (SQLAlchemy 1.4, factory_boy 2.11, Faker 0.9, pytest 7),
//   installed by test/support/setup/10-debian-packages.sh;
// - modern: SQLAlchemy 2.0, factory_boy 3.3, Faker 33, pytest 8 unpacked from Debian trixie into
//   .cache/python-modern/site-packages by test/support/setup/20-python-modern.sh, put first on
//   PYTHONPATH so that they, and their pytest plugins, win over bookworm's copies.
//   A developer with pip can instead point FIXTURE_SCAFFOLD_MODERN_PYTHON at a venv's python
//   (`pip install sqlalchemy factory-boy faker alembic pytest pytest-xdist psycopg2-binary`).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export type PythonStackName = 'classic' | 'modern';

export interface PythonStack {
  name: PythonStackName;
  /** The interpreter to run. */
  python: string;
  /** The complete environment to run it with. */
  env: NodeJS.ProcessEnv;
  /** Versions read by importing each module: sqlalchemy, factory, faker, alembic, pytest, xdist. */
  versions: Record<string, string>;
}

/** Counts from pytest's closing summary line. */
export interface PytestCounts {
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

/** What a Python process did. */
export interface PythonRun {
  code: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface PytestRun extends PythonRun {
  /** The closing line's counts, or null when pytest printed none (it crashed or was killed). */
  summary: PytestCounts | null;
}

const ROOT = path.resolve(__dirname, '..', '..');
const DEBIAN_PYTHON = '/usr/bin/python3';
/** Where setup/20-python-modern.sh unpacks the modern stack. */
export const MODERN_SITE_PACKAGES = path.join(ROOT, '.cache', 'python-modern', 'site-packages');
/** Bytecode goes here rather than beside the sources, so fixture folders stay clean. */
const PYCACHE = path.join(ROOT, '.cache', 'pycache');

/** Environment variables of the caller's shell that would change what Python or pytest load. */
const SCRUBBED = [
  'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONSAFEPATH', 'PYTHONWARNINGS',
  'PYTHONDONTWRITEBYTECODE', 'VIRTUAL_ENV', 'PYTEST_ADDOPTS', 'PYTEST_PLUGINS',
  'PYTEST_DISABLE_PLUGIN_AUTOLOAD', 'PYTEST_XDIST_WORKER', 'PYTEST_XDIST_WORKER_COUNT',
  'TEST_DATABASE_URL',
];

/**
 * Prints `{"versions": {module: version}, "files": {module: path}}` for the stack's modules; exits
 * non-zero naming the first import that fails.
 */
const VERSION_PROBE = `
import importlib, json, sys
modules = ["sqlalchemy", "factory", "faker", "alembic", "pytest", "xdist"]
versions, files = {}, {}
for name in modules:
    try:
        module = importlib.import_module(name)
    except Exception as error:
        sys.exit(f"cannot import {name}: {error}")
    versions[name] = str(getattr(module, "__version__", None) or getattr(module, "VERSION", "?"))
    files[name] = module.__file__
print(json.dumps({"versions": versions, "files": files}))
`;

interface ProbeOutput {
  versions: Record<string, string>;
  files: Record<string, string>;
}

/** A probed stack, or why it is not usable. */
interface Probe {
  stack?: PythonStack;
  problem?: string;
  /** Where each probed module was imported from. */
  files?: Record<string, string>;
}

let probed: Map<PythonStackName, Probe> | undefined;

/** Returns the stacks that are installed and import cleanly, classic first. Probed once per process. */
export function pythonStacks(): PythonStack[] {
  return [...probeAll().values()].flatMap((p) => (p.stack ? [p.stack] : []));
}

/**
 * Explains why a stack is not available and how to install it (for a skip or failure message),
 * or returns undefined when it is available.
 */
export function pythonStackProblem(name: PythonStackName): string | undefined {
  return probeAll().get(name)?.problem;
}

/** Probes both stacks on the first call and caches the answer. */
function probeAll(): Map<PythonStackName, Probe> {
  probed ??= new Map([
    ['classic', probe('classic', DEBIAN_PYTHON, baseEnv())],
    ['modern', probeModern()],
  ]);
  return probed;
}

/**
 * Probes the modern stack: the interpreter named by FIXTURE_SCAFFOLD_MODERN_PYTHON (e.g. a pip
 * venv's python) when set, else Debian's with the trixie folder, from which every module must come.
 */
function probeModern(): Probe {
  const venvPython = process.env.FIXTURE_SCAFFOLD_MODERN_PYTHON;
  const result = venvPython ? probe('modern', venvPython, baseEnv()) : probeUnpackedModern();
  const sqlalchemy = result.stack?.versions.sqlalchemy;
  if (sqlalchemy !== undefined && !sqlalchemy.startsWith('2.')) {
    const hint = installHint('20-python-modern.sh');
    return { problem: `the modern stack imports SQLAlchemy ${sqlalchemy}, not 2.x; ${hint}` };
  }
  return result;
}

/** Probes the stack that setup/20-python-modern.sh unpacked. */
function probeUnpackedModern(): Probe {
  if (!fs.existsSync(MODERN_SITE_PACKAGES)) {
    return { problem: `${MODERN_SITE_PACKAGES} does not exist; ${installHint('20-python-modern.sh')}` };
  }
  const result = probe('modern', DEBIAN_PYTHON, { ...baseEnv(), PYTHONPATH: MODERN_SITE_PACKAGES });
  const inside = (file: string) => file.startsWith(MODERN_SITE_PACKAGES + path.sep);
  const stray = Object.entries(result.files ?? {}).find(([, file]) => !inside(file));
  if (stray !== undefined) {
    return { problem: `${stray[0]} is imported from ${stray[1]}; ${installHint('20-python-modern.sh')}` };
  }
  return result;
}

/** Says which setup scripts install what is missing. */
function installHint(...scripts: string[]): string {
  const commands = scripts.map((script) => `\`bash test/support/setup/${script}\``).join(' and ');
  return `run ${commands} as root (or \`bash .ci/run\`)`;
}

/** Imports the stack's modules with the given interpreter and environment; reads versions and files. */
function probe(name: PythonStackName, python: string, env: NodeJS.ProcessEnv): Probe {
  const scripts = name === 'classic' ? ['10-debian-packages.sh'] : ['10-debian-packages.sh', '20-python-modern.sh'];
  if (!fs.existsSync(python)) return { problem: `${python} does not exist; ${installHint(...scripts)}` };
  const run = spawnSync(python, ['-s', '-c', VERSION_PROBE], { env, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) {
    const why = (run.stderr || run.error?.message || '').trim().split('\n').pop();
    return { problem: `${why}; ${installHint(...scripts)}` };
  }
  const { versions, files } = JSON.parse(run.stdout) as ProbeOutput;
  return { stack: { name, python, env, versions }, files };
}

/** The caller's environment without Python/pytest settings, with user site-packages disabled. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of SCRUBBED) delete env[key];
  env.PYTHONNOUSERSITE = '1';
  env.PYTHONPYCACHEPREFIX = PYCACHE;
  return env;
}

/**
 * Runs the stack's interpreter with `args` in `cwd` (user site-packages off); `extraEnv` is added
 * to the stack's environment. Never rejects: a crash or a timeout shows as a non-zero code.
 */
export function runPython(
  stack: PythonStack,
  args: string[],
  cwd: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<PythonRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(stack.python, ['-s', ...args], {
      cwd,
      env: { ...stack.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10 * 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => (stderr += `\n${error.message}`));
    child.on('close', (code, signal) => {
      const durationMs = Math.round(performance.now() - started);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, durationMs });
    });
  });
}

/**
 * Runs `python -m pytest <args>` in `dir` on a stack, without pytest's cache folder and without
 * colour, and parses the closing summary line. `extraEnv` is added to the stack's environment
 * (e.g. `TEST_DATABASE_URL`).
 */
export async function runPytest(
  stack: PythonStack,
  dir: string,
  args: string[] = [],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<PytestRun> {
  const run = await runPython(stack, ['-m', 'pytest', '-p', 'no:cacheprovider', '--color=no', ...args], dir, extraEnv);
  return { ...run, summary: parsePytestSummary(run.stdout) };
}

/**
 * Parses pytest's closing line, with or without `-q` and its `=` rulers, e.g.
 * `3 passed, 1 skipped, 2 warnings in 0.52s` or `== 1 failed, 1 error in 1.02s (0:00:01) ==`.
 */
export function parsePytestSummary(output: string): PytestCounts | null {
  const lines = output.trimEnd().split('\n').reverse();
  const line = lines.find((l) => /^=*\s*(\d+ \w+|no tests ran)(, \d+ \w+)* in [\d.]+s\b/.test(l.trim()));
  if (line === undefined) return null;
  const counts: PytestCounts = { passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const [, n, word] of line.matchAll(/(\d+) (\w+)/g)) {
    const key = word === 'error' ? 'errors' : word;
    if (key === 'passed' || key === 'failed' || key === 'errors' || key === 'skipped') counts[key] = Number(n);
  }
  return counts;
}

/** Formats a run for an assertion message: exit code, then the end of both output streams. */
export function describePythonRun(run: PythonRun): string {
  const tail = (text: string) => text.split('\n').slice(-60).join('\n');
  return [
    `python exited ${run.code}`,
    '--- stdout (end) ---',
    tail(run.stdout),
    '--- stderr (end) ---',
    tail(run.stderr),
  ].join('\n');
}
