// A real VS Code for end-to-end tests: code-server (VS Code 1.100.3 served to a browser, installed by
// test/support/setup/30-vscode.sh) driven by Debian's chromium through playwright-core. VS Code's
// own download hosts are unreachable here; /work/shared/notes/vscode-e2e.md explains the recipe.
//
// `launchVSCode` starts one private server (temporary user data, extensions and XDG folders, a free
// port) and one headless browser page, loads the extension under development from its folder, and
// returns a `VSCodeSession` whose helpers drive the UI the way a user would (command palette,
// explorer menus, tree views, code actions). Every helper waits with bounded timeouts, retries where
// the UI is known to be flaky, and on failure saves a screenshot whose path is in the error.
// `close()` always cleans up: browser, the server's whole process group, and temporary folders;
// sessions still open when the process exits or is interrupted are killed too.
//
// Measured on this 2-core machine: launch to a ready workbench about 5-10 s.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as util from 'node:util';
import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..', '..');

/** Folder that holds code-server's package.json and lockfile; the setup script installs it there. */
export const CODE_SERVER_DIR = path.join(ROOT, 'test', 'support', 'toolchains', 'code-server');
const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';

/** Where `screenshot(name)` writes `<name>.png` (git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test', 'e2e', 'screenshots');

/** How to install what `vscodeAvailable` found missing. */
export const VSCODE_HOW_TO_INSTALL = 'run `bash .ci/run`, or as root `bash test/support/setup/30-vscode.sh`';

const SERVER_START_TIMEOUT_MS = 60_000;
const WORKBENCH_READY_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 20_000;
const CLOSE_GRACE_MS = 3_000;
const MENU_ARMING_MS = 250;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings every session starts from: no welcome page, no trust prompt, no telemetry or updates. */
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
};

/** Whether this machine can run a real VS Code; if not, `why` names what is missing and where. */
export function vscodeAvailable(): { ok: boolean; why?: string } {
  const missing: string[] = [];
  if (!fs.existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${path.relative(ROOT, CODE_SERVER_ENTRY)})`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length === 0) return { ok: true };
  return { ok: false, why: `VS Code for end-to-end tests: ${missing.join(' and ')}` };
}

/** What to open in VS Code. Paths are absolute on this machine. */
export interface LaunchOptions {
  /** Folder opened as the workspace, or a `.code-workspace` file (a multi-root workspace). */
  workspace: string;
  /** Folder of the extension under development (holding its package.json). */
  extensionDevelopmentPath: string;
  /**
   * Module exporting `run(): Promise<void>`, run inside the extension host after startup (VS Code's
   * `--extensionTestsPath`); its outcome arrives in `VSCodeSession.testsExitCode`.
   */
  extensionTestsPath?: string;
  /** User settings merged over the harness defaults. */
  settings?: Record<string, unknown>;
}

/** A running VS Code and the helpers to drive it. */
export interface VSCodeSession {
  /** The browser page showing the workbench, for anything the helpers do not cover. */
  readonly page: Page;
  /** The workbench URL. */
  readonly url: string;
  /** Milliseconds from `launchVSCode` to a ready workbench. */
  readonly launchMs: number;
  /**
   * Log lines, in order, as they arrive: the extension host's console (`console.log` in the
   * extension); with `extensionTestsPath`, VS Code's whole log, which includes that console.
   */
  readonly hostLog: string[];
  /** code-server's own output, for diagnosing startup problems. */
  readonly serverLog: string[];
  /** The extension tests' exit code (0 = passed); only when `extensionTestsPath` was given. */
  readonly testsExitCode?: Promise<number>;
  /** Runs a command from the command palette by its full title, e.g. `Harness: Say Hello`. */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor tab. */
  openFile(name: string): Promise<void>;
  /** Right-clicks a file in the explorer and clicks the context-menu entry with that text. */
  explorerContextMenu(fileName: string, entryText: string): Promise<void>;
  /** Texts of the rows of the view with that title (expanding it first); [] when it stays empty. */
  treeViewRows(viewTitle: string): Promise<string[]>;
  /** Titles of the code actions offered on the first line containing `onLineText` in the open editor. */
  codeActions(onLineText: string): Promise<string[]>;
  /** Opens the code actions on the line containing `onLineText` and applies the one titled `title`. */
  applyCodeAction(title: string, onLineText: string): Promise<void>;
  /** Messages of the notification toasts currently shown. */
  notifications(): Promise<string[]>;
  /** Waits until a notification toast contains `text` and returns its full message. */
  waitForNotification(text: string): Promise<string>;
  /** Waits for a file (absolute, or relative to the workspace) to exist and returns its content. */
  waitForFile(file: string, timeoutMs?: number): Promise<string>;
  /** Saves a PNG of the page as test/e2e/screenshots/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser, kills the server's process group and deletes temporary folders. Idempotent. */
  close(): Promise<void>;
}

/** Sessions not closed yet, killed on process exit or interruption. */
const liveSessions = new Set<Session>();
let exitHooksInstalled = false;

/**
 * Starts code-server on a free port with the extension under development loaded, opens it in headless
 * chromium and waits until the workbench shows the workspace. Cleans up after itself if any of
 * that fails.
 */
export async function launchVSCode(options: LaunchOptions): Promise<VSCodeSession> {
  const available = vscodeAvailable();
  if (!available.ok) throw new Error(`${available.why} is missing: ${VSCODE_HOW_TO_INSTALL}`);
  const started = performance.now();
  const session = new Session(options);
  liveSessions.add(session);
  installExitHooks();
  try {
    await session.start(started);
  } catch (error) {
    const shot = await session.screenshotQuietly('launch-failure');
    await session.close();
    throw new Error(`${errorMessage(error)}${shot ? `\nscreenshot: ${shot}` : ''}\ncode-server output:\n${session.serverLog.slice(-30).join('\n')}`);
  }
  return session;
}

/** The one implementation of `VSCodeSession`. */
class Session implements VSCodeSession {
  readonly hostLog: string[] = [];
  readonly serverLog: string[] = [];
  readonly testsExitCode?: Promise<number>;
  url = '';
  launchMs = 0;
  private readonly tempDir: string;
  private server?: ChildProcess;
  private browser?: Browser;
  private pageOrUndefined?: Page;
  private resolveExit: (code: number) => void = () => undefined;
  private closed = false;

  constructor(private readonly options: LaunchOptions) {
    this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-scaffold-vscode-'));
    if (options.extensionTestsPath) {
      this.testsExitCode = new Promise<number>((resolve) => (this.resolveExit = resolve));
    }
  }

  get page(): Page {
    if (!this.pageOrUndefined) throw new Error('the VS Code page is not open');
    return this.pageOrUndefined;
  }

  /** Starts server and browser, then waits for the workbench. */
  async start(startedAt: number): Promise<void> {
    const port = await this.startServer();
    this.url = workbenchUrl(port, this.options);
    await this.openBrowser();
    await this.page.goto(this.url);
    await this.waitForWorkbench();
    this.launchMs = Math.round(performance.now() - startedAt);
  }

  /** Spawns code-server in its own process group and resolves with the port it listens on. */
  private startServer(): Promise<number> {
    const dirs = this.prepareDirs();
    const args = [
      CODE_SERVER_ENTRY,
      ...['--config', dirs.config, '--bind-addr', '127.0.0.1:0', '--auth', 'none'],
      ...['--user-data-dir', dirs.data, '--extensions-dir', dirs.extensions],
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      this.options.workspace,
    ];
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache };
    // Run from a VS Code terminal, code-server would otherwise hand the folder to that VS Code.
    delete env.VSCODE_IPC_HOOK_CLI;
    const server = spawn(process.execPath, args, { cwd: this.tempDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = server;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not report its port within ${SERVER_START_TIMEOUT_MS / 1000} s`)), SERVER_START_TIMEOUT_MS);
      const onLine = (line: string): void => {
        this.serverLog.push(line);
        const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      forEachLine(server.stdout, onLine);
      forEachLine(server.stderr, onLine);
      server.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      server.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (code ${code}, signal ${signal})`));
      });
    });
  }

  /** Creates the private folders and settings files the server uses; returns their paths. */
  private prepareDirs(): Record<'config' | 'data' | 'extensions' | 'xdgConfig' | 'xdgData' | 'xdgCache', string> {
    const dir = (name: string): string => {
      const full = path.join(this.tempDir, name);
      fs.mkdirSync(full, { recursive: true });
      return full;
    };
    const dirs = {
      config: path.join(this.tempDir, 'config.yaml'),
      data: dir('data'),
      extensions: dir('extensions'),
      xdgConfig: dir('xdg-config'),
      xdgData: dir('xdg-data'),
      xdgCache: dir('xdg-cache'),
    };
    fs.writeFileSync(dirs.config, 'auth: none\n');
    const settings = { ...BASE_SETTINGS, ...this.options.settings };
    fs.mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.data, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
    return dirs;
  }

  /** Launches headless chromium and opens a page that receives the extension host's log and exit. */
  private async openBrowser(): Promise<void> {
    this.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await this.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // With extensionTestsPath, VS Code hands the extension host's console to codeAutomationLog and
    // the tests' outcome to codeAutomationExit; otherwise the host's console reaches the page's.
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
      this.hostLog.push(`[${level}] ${util.format(...(Array.isArray(args) ? args : [args]))}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => this.resolveExit(code));
    page.on('console', (message) => {
      const line = extensionHostConsoleLine(message);
      if (line !== undefined) this.hostLog.push(line);
    });
    this.pageOrUndefined = page;
  }

  /** Waits for the workbench and, when the workspace has files, for the explorer to list them. */
  private async waitForWorkbench(): Promise<void> {
    const timeout = WORKBENCH_READY_TIMEOUT_MS;
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    if (isWorkspaceFile(this.options.workspace) || fs.readdirSync(this.options.workspace).length > 0) {
      await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
    }
  }

  async runCommand(title: string): Promise<void> {
    await this.step(`run command ${title}`, () =>
      retry(4, () => this.page.keyboard.press('Escape'), async () => {
        const input = await this.openQuickInput('F1');
        await input.fill(`>${title}`);
        const first = this.page.locator('.quick-input-widget .monaco-list-row').first();
        await expectText(first.locator('.label-name'), title, 5_000);
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      }),
    );
  }

  async openFile(name: string): Promise<void> {
    await this.step(`open ${name}`, () =>
      retry(3, () => this.page.keyboard.press('Escape'), async () => {
        const input = await this.openQuickInput('Control+P');
        await input.fill(name);
        const first = this.page.locator('.quick-input-widget .monaco-list-row').first();
        await expectText(first.locator('.label-name'), name, 5_000);
        await this.page.keyboard.press('Enter');
        const tab = this.page.locator('.tabs-container .tab.active .label-name', { hasText: name });
        await tab.waitFor({ state: 'visible' });
        await this.page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor({ state: 'visible' });
      }),
    );
  }

  async explorerContextMenu(fileName: string, entryText: string): Promise<void> {
    await this.step(`explorer menu ${entryText} on ${fileName}`, () =>
      retry(3, () => this.page.keyboard.press('Escape'), async () => {
        const row = this.page
          .locator('.explorer-folders-view .monaco-list-row')
          .filter({ has: this.page.locator('.label-name', { hasText: exactText(fileName) }) });
        await row.click({ button: 'right' });
        const entry = this.page.locator('.context-view .monaco-menu .action-item').filter({ hasText: exactText(entryText) }).first();
        await entry.waitFor({ state: 'visible', timeout: 5_000 });
        // A fresh menu ignores mouse-ups for its first 100 ms (against accidental clicks).
        await this.page.waitForTimeout(MENU_ARMING_MS);
        await entry.click({ timeout: 5_000 });
        await this.page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
      }),
    );
  }

  async treeViewRows(viewTitle: string): Promise<string[]> {
    return this.step(`read view ${viewTitle}`, async () => {
      const header = this.page.locator('.pane-header').filter({ has: this.page.locator('.title', { hasText: exactText(viewTitle) }) });
      await header.waitFor({ state: 'visible' });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const rows = this.page.locator('.pane').filter({ has: header }).locator('.pane-body .monaco-list-row');
      try {
        await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
      } catch {
        return [];
      }
      return (await rows.allTextContents()).map((text) => text.trim());
    });
  }

  async codeActions(onLineText: string): Promise<string[]> {
    return this.step(`list code actions on ${onLineText}`, async () => {
      const titles = await this.openCodeActions(onLineText);
      await this.page.keyboard.press('Escape');
      return titles;
    });
  }

  async applyCodeAction(title: string, onLineText: string): Promise<void> {
    await this.step(`apply code action ${title}`, async () => {
      const titles = await this.openCodeActions(onLineText);
      if (!titles.includes(title)) throw new Error(`no code action "${title}" on "${onLineText}"; offered: ${titles.join(', ')}`);
      // Clicking a row is intercepted by an overlay: move the keyboard focus onto it, then Enter.
      const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
      for (let moves = 0; moves <= titles.length; moves++) {
        if ((await actionTitle(focused)) === title) {
          await this.page.keyboard.press('Enter');
          await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
          return;
        }
        await this.page.keyboard.press('ArrowDown');
      }
      throw new Error(`could not focus the code action "${title}"`);
    });
  }

  /**
   * Puts the cursor on the line and opens the code action list (Ctrl+.). Right after a file opens
   * the list can come up empty once, so it retries a few times; resolves with the action titles.
   */
  private async openCodeActions(onLineText: string): Promise<string[]> {
    const line = this.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: onLineText }).first();
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const nothing = this.page.locator('.monaco-editor-overlaymessage');
    let titles: string[] = [];
    await retry(5, () => this.page.keyboard.press('Escape'), async (attempt) => {
      await line.click();
      await this.page.keyboard.press('End');
      await this.page.waitForTimeout(300 * attempt);
      await this.page.keyboard.press('Control+.');
      await rows.first().or(nothing.first()).waitFor({ state: 'visible', timeout: 5_000 });
      titles = await Promise.all((await rows.all()).map(actionTitle));
      if (titles.length === 0) throw new Error(`no code actions offered on "${onLineText}"`);
    });
    return titles;
  }

  async notifications(): Promise<string[]> {
    const messages = await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
    return messages.map((text) => text.trim());
  }

  async waitForNotification(text: string): Promise<string> {
    return this.step(`wait for notification ${text}`, async () => {
      const message = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
      await message.waitFor({ state: 'visible' });
      return ((await message.textContent()) ?? '').trim();
    });
  }

  async waitForFile(file: string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
    const base = isWorkspaceFile(this.options.workspace) ? path.dirname(this.options.workspace) : this.options.workspace;
    const full = path.resolve(base, file);
    return this.step(`wait for file ${file}`, async () => {
      const deadline = Date.now() + timeoutMs;
      // The file can appear before its content is written (code-server creates, then writes), so
      // wait until it is non-empty and unchanged over two polls; an empty file is returned only
      // once it has stayed empty for a second.
      let previous: string | undefined;
      let emptySince: number | undefined;
      for (;;) {
        const now = Date.now();
        if (fs.existsSync(full)) {
          const content = fs.readFileSync(full, 'utf8');
          if (content === '') {
            emptySince ??= now;
            if (now - emptySince >= 1_000) return content;
          } else {
            emptySince = undefined;
            if (content === previous) return content;
          }
          previous = content;
        } else if (now > deadline) {
          throw new Error(`${full} did not appear within ${timeoutMs / 1000} s`);
        }
        if (now > deadline && previous !== undefined) return previous;
        await delay(100);
      }
    });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await this.page.screenshot({ path: file, timeout: 10_000 });
    return file;
  }

  /** Like `screenshot`, but resolves to undefined instead of failing (for error paths). */
  async screenshotQuietly(name: string): Promise<string | undefined> {
    if (!this.pageOrUndefined || this.closed) return undefined;
    try {
      return await this.screenshot(name);
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    liveSessions.delete(this);
    try {
      await withTimeout(this.browser?.close() ?? Promise.resolve(), CLOSE_GRACE_MS);
    } catch {
      // The browser is killed with its parent pipe anyway; nothing else to do.
    }
    await this.stopServer();
    fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  /** Sends SIGTERM to the server's process group, then SIGKILL if it is still there after a grace period. */
  private async stopServer(): Promise<void> {
    const server = this.server;
    if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
    killGroup(server.pid, 'SIGTERM');
    try {
      await withTimeout(exited, CLOSE_GRACE_MS);
    } catch {
      // Still running: fall through to SIGKILL.
    }
    killGroup(server.pid, 'SIGKILL');
  }

  /** Synchronous last-resort cleanup for process exit: kills the server group, removes temp files. */
  killNow(): void {
    if (this.server?.pid) killGroup(this.server.pid, 'SIGKILL');
    fs.rmSync(this.tempDir, { recursive: true, force: true });
  }

  /** Opens the quick input with a key and resolves with its input box. */
  private async openQuickInput(key: string): Promise<Locator> {
    await this.page.keyboard.press(key);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5_000 });
    return input;
  }

  /** Runs one UI step; on failure, adds what was being done and a screenshot to the error. */
  private async step<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const shot = await this.screenshotQuietly(`failure-${what}`);
      throw new Error(`VS Code: could not ${what}: ${errorMessage(error)}${shot ? `\nscreenshot: ${shot}` : ''}`);
    }
  }
}

/** True for a multi-root workspace file rather than a folder. */
function isWorkspaceFile(workspace: string): boolean {
  return workspace.endsWith('.code-workspace');
}

/** Builds the workbench URL that opens the workspace with the extension (and tests) loaded from disk. */
function workbenchUrl(port: number, options: LaunchOptions): string {
  const remote = (file: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(file)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const opened = isWorkspaceFile(options.workspace) ? 'workspace' : 'folder';
  const query = new URLSearchParams({ [opened]: path.resolve(options.workspace), payload: JSON.stringify(payload) });
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

/**
 * Turns a browser console message forwarded from the extension host (VS Code prints those as
 * `%c[Extension Host] %c<text>` with CSS arguments) into a plain line; undefined for other messages.
 */
function extensionHostConsoleLine(message: ConsoleMessage): string | undefined {
  const text = message.text();
  if (!text.includes('[Extension Host]')) return undefined;
  const plain = text.replace(/%c/g, '').replace(/\s*color:[^%]*$/, '');
  return `[${message.type()}] ${plain.replace(/^\s*\[Extension Host\]\s*/, '')}`;
}

/** Text of an action-widget row (its title, without keybinding or description). */
async function actionTitle(row: Locator): Promise<string> {
  const title = row.locator('.title');
  return ((await title.count()) > 0 ? await title.first().textContent() : await row.textContent())?.trim() ?? '';
}

/** A regular expression that matches exactly `text` (trimmed), for Playwright's `hasText`. */
function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Waits until the element's text equals `expected`. */
async function expectText(locator: Locator, expected: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: string | null = null;
  while (Date.now() < deadline) {
    seen = (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : null;
    if (seen === expected) return;
    await delay(100);
  }
  throw new Error(`expected "${expected}", saw ${seen === null ? 'nothing' : `"${seen}"`}`);
}

/** Runs `attempt` up to `times` times, calling `reset` between attempts; rethrows the last error. */
async function retry(times: number, reset: () => Promise<void>, attempt: (n: number) => Promise<void>): Promise<void> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= times) throw error;
      await reset();
      await delay(250 * n);
    }
  }
}

/** Calls `onLine` for each complete line a stream produces. */
function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let pending = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
}

/** Signals a whole process group, ignoring a group that is already gone. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Kills every open session when the process exits or is interrupted, so no server outlives a test run. */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = (): void => {
    for (const session of liveSessions) session.killNow();
    liveSessions.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

/** Rejects when `promise` has not settled within `ms`. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms` milliseconds. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The message of anything thrown. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
