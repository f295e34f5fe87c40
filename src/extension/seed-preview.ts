// "Preview Seed Data": one webview panel, reused, showing the rows the `seeded` fixture inserts for
// a schema (the core's view model, rendered by the core's escaping renderer). The page is static
// HTML under a strict CSP; its one script (media/preview.js) only scrolls to FK targets and asks
// for a new seed. The panel follows the schema: an edit or a settings change re-renders it.

import { randomBytes, randomInt } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildSeedPreview, type SeedPreview } from '../core/preview';
import { renderPreviewHtml } from '../core/preview/html';
import { affectsSettings, MAX_SEED, readSettings } from './config';
import { reportErrors } from './errors';
import type { Services } from './generate';
import type { Snapshot } from './repository';
import { readCommandInput } from './schema-input';

/** Messages the page posts. */
type PageMessage = { type: 'reseed' } | { type: 'reset' };

export class SeedPreviewPanel implements vscode.Disposable {
  static readonly viewType = 'fixtureScaffold.seedPreview';
  private panel: vscode.WebviewPanel | undefined;
  private snapshot: Snapshot | undefined;
  /** The seed shown; undefined: the settings' seed. */
  private seed: number | undefined;
  /** What the panel shows now (for tests and the e2e checks). */
  current: SeedPreview | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly services: Services,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions = [
      services.repository.onDidChangeSnapshot((snapshot) => {
        // A schema with errors keeps the last good rows on screen.
        if (this.panel && this.snapshot?.scope.key === snapshot.scope.key && !snapshot.diagnostics.some((d) => d.severity === 'error')) this.render(snapshot);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (this.panel && this.snapshot && affectsSettings(event)) this.render(this.snapshot);
      }),
    ];
  }

  /** Shows the preview of `target` (or the command's usual input) with the settings' seed. */
  async show(target: vscode.Uri | undefined): Promise<SeedPreview | undefined> {
    const snapshot = await readCommandInput(this.services, target, 'Preview Seed Data');
    if (!snapshot) return undefined;
    this.seed = undefined;
    const panel = this.ensurePanel();
    this.render(snapshot);
    panel.reveal(undefined, false);
    return this.current;
  }

  /** Shows the same schema with a new seed (or `seed`); returns the new preview. */
  reseed(seed?: number): SeedPreview | undefined {
    if (!this.snapshot) return undefined;
    const shown = this.current?.seed;
    let next = seed ?? randomInt(1, MAX_SEED);
    while (seed === undefined && next === shown) next = randomInt(1, MAX_SEED);
    this.seed = next;
    this.render(this.snapshot);
    return this.current;
  }

  /** Back to the seed of the settings (the one the fixture uses). */
  resetSeed(): SeedPreview | undefined {
    if (!this.snapshot) return undefined;
    this.seed = undefined;
    this.render(this.snapshot);
    return this.current;
  }

  /** The panel's webview, for tests. */
  get webview(): vscode.Webview | undefined {
    return this.panel?.webview;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(SeedPreviewPanel.viewType, 'Seed Data Preview', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [media],
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    panel.webview.onDidReceiveMessage((message: PageMessage) =>
      reportErrors(this.services.log, 'Preview Seed Data', async () => {
        if (message?.type === 'reseed') this.reseed();
        else if (message?.type === 'reset') this.resetSeed();
      }),
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.snapshot = undefined;
      this.current = undefined;
    });
    this.panel = panel;
    return panel;
  }

  private render(snapshot: Snapshot): void {
    const panel = this.panel;
    if (!panel) return;
    this.snapshot = snapshot;
    const settings = readSettings(vscode.Uri.file(snapshot.scope.absolute));
    const seed = this.seed ?? settings.seed;
    const preview = buildSeedPreview(snapshot.schema, snapshot.analysis, { rows: settings.seedRows, seed, locale: settings.fakerLocale });
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    panel.title = `Seed Data: ${path.basename(snapshot.scope.absolute)}`;
    panel.webview.html = renderPreviewHtml(preview, {
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
      source: snapshot.scope.input,
      settingSeed: settings.seed,
    });
    this.current = preview;
    this.services.log.info(`seed preview of ${snapshot.scope.input}: seed ${seed}, ${preview.rowsPerTable} rows per table, ${preview.tables.length} tables`);
  }
}
