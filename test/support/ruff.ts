// Ruff (the Python linter and formatter) compiled to wasm, for asserting that generated Python is
// clean and formatted the way users' own ruff would format it. Runs offline, in-process.
//
// The configuration matches the style the Python emitters follow:
// - lint rules E (pycodestyle errors), F (pyflakes: unused imports, undefined names, ...) and
//   I (isort: one sorted import block, standard library / third party / first party sections);
// - line length 100, for both the E501 check and the formatter;
// - everything else is ruff's default, so the formatter is ruff's (Black-compatible) default style:
//   double quotes, 4-space indents, magic trailing commas.
// In wasm ruff cannot look at the file system, so it cannot tell first-party packages (the user's
// models package) from third-party ones: name them with `knownFirstParty`.
import type * as RuffWasm from '@astral-sh/ruff-wasm-nodejs';

/** The ruff settings every check and format uses (ruff.toml keys). */
export const RUFF_SETTINGS = {
  'line-length': 100,
  lint: { select: ['E', 'F', 'I'] },
} as const;

/** One lint finding, with 1-based line and column (UTF-16 code units). */
export interface RuffFinding {
  file: string;
  line: number;
  column: number;
  /** Rule code such as `F401`, or `invalid-syntax`. */
  code: string;
  message: string;
}

export interface RuffCheckOptions {
  /** Top-level package names isort must treat as first-party (e.g. `app` for `app.models`). */
  knownFirstParty?: string[];
}

let ruffModule: typeof RuffWasm | undefined;
const workspaces = new Map<string, RuffWasm.Workspace>();

/** Loads the wasm module on first use and keeps one workspace per distinct configuration. */
function workspace(knownFirstParty: readonly string[] = []): RuffWasm.Workspace {
  ruffModule ??= require('@astral-sh/ruff-wasm-nodejs') as typeof RuffWasm;
  const key = [...knownFirstParty].sort().join(',');
  let ws = workspaces.get(key);
  if (ws === undefined) {
    const settings = {
      ...RUFF_SETTINGS,
      lint: { ...RUFF_SETTINGS.lint, isort: { 'known-first-party': [...knownFirstParty].sort() } },
    };
    ws = new ruffModule.Workspace(settings, ruffModule.PositionEncoding.Utf16);
    workspaces.set(key, ws);
  }
  return ws;
}

/**
 * Lints Python source with the project's ruff settings. `filename` only labels the findings.
 * Findings come sorted by position, then code; syntax errors come as `invalid-syntax`.
 */
export function ruffCheck(source: string, filename: string, options: RuffCheckOptions = {}): RuffFinding[] {
  const diagnostics = workspace(options.knownFirstParty).check(source) as RuffWasm.Diagnostic[];
  return diagnostics
    .map((d) => ({
      file: filename,
      line: d.start_location.row,
      column: d.start_location.column,
      code: d.code ?? 'unknown',
      message: d.message,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** Formats Python source as `ruff format` would with the project's settings; throws on a syntax error. */
export function ruffFormat(source: string): string {
  return workspace().format(source);
}

/** Renders findings one a line, `file:line:column: CODE message`, for assertion messages. */
export function formatFindings(findings: RuffFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.code} ${f.message}`).join('\n');
}
