// The seed preview as one HTML document for a webview. Every text that comes from the schema or
// the generated data is escaped here, in one function; the page has no inline style or script: a
// strict Content-Security-Policy allows only the stylesheet and the nonce'd script of the editor's
// media folder. Colours come from the editor theme (CSS variables), so the page has none of its own.

import type { PreviewCell, SeedPreview } from './index';

/** What the webview host provides: resource URIs, the CSP source of the webview and a nonce. */
export interface PreviewPage {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce for the script tag. */
  nonce: string;
  styleUri: string;
  scriptUri: string;
  /** The schema input the rows are for, as the user named it. */
  source: string;
  /** The seed the settings give (the fixture's); the page says when the shown seed differs. */
  settingSeed: number;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The whole document. */
export function renderPreviewHtml(preview: SeedPreview, page: PreviewPage): string {
  const e = escapeHtml;
  const csp = [`default-src 'none'`, `style-src ${page.cspSource}`, `img-src ${page.cspSource}`, `font-src ${page.cspSource}`, `script-src 'nonce-${page.nonce}'`].join('; ');
  const differs = preview.seed !== page.settingSeed;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<link rel="stylesheet" href="${e(page.styleUri)}">`,
    `<title>Seed Data Preview</title>`,
    '</head>',
    '<body>',
    '<header class="toolbar">',
    '<div class="summary">',
    `<h1>Seed data of <span class="source">${e(page.source)}</span></h1>`,
    `<p class="facts"><span class="fact" id="seed" data-seed="${preview.seed}">seed <strong>${preview.seed}</strong>${differs ? ` <span class="note">(the fixture uses ${page.settingSeed})</span>` : ''}</span>` +
      `<span class="fact" id="rows-per-table">${count(preview.rowsPerTable, 'row')} per table</span>` +
      `<span class="fact">${count(preview.tables.length, 'table')}, ${count(preview.totalRows, 'row')}</span>` +
      `<span class="fact">locale ${e(preview.locale)}</span></p>`,
    '</div>',
    '<div class="actions">',
    differs ? `<button type="button" class="secondary" data-action="reset" title="Show the rows of the seed in the settings">Fixture's seed</button>` : '',
    `<button type="button" data-action="reseed" title="Generate the rows again from a new seed">Reseed</button>`,
    '</div>',
    '</header>',
    renderIndex(preview),
    '<main>',
    ...(preview.tables.length === 0 ? ['<p class="empty">This schema has no tables to seed.</p>'] : preview.tables.map((t) => renderTable(t, preview.rowsPerTable))),
    preview.notSeeded.length > 0 ? `<p class="note">Not seeded (association tables, filled through their relationships): ${preview.notSeeded.map((n) => `<code>${e(n)}</code>`).join(', ')}.</p>` : '',
    '</main>',
    `<script nonce="${e(page.nonce)}" src="${e(page.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Links to each table, in insertion order. */
function renderIndex(preview: SeedPreview): string {
  if (preview.tables.length < 2) return '';
  const items = preview.tables.map((t, i) => `<li><a href="#${t.anchor}" data-target="${t.anchor}"><span class="order">${i + 1}.</span> ${escapeHtml(t.name)}</a></li>`);
  return `<nav class="index" aria-label="Tables in insertion order"><ol>${items.join('')}</ol></nav>`;
}

function renderTable(table: SeedPreview['tables'][number], rowsPerTable: number): string {
  const e = escapeHtml;
  const written = table.tables.length > 1 || table.tables[0] !== table.name ? ` <span class="tables">${table.tables.map((t) => e(t)).join(' + ')}</span>` : '';
  const head = table.columns.map((c) => {
    const marks = `${c.primaryKey ? '<span class="mark pk" title="primary key">PK</span>' : ''}${c.references ? `<span class="mark fk" title="references ${e(c.references)}">FK</span>` : ''}`;
    return `<th scope="col"><span class="column">${e(c.name)}</span>${marks}<span class="type">${e(c.type)}</span></th>`;
  });
  const rows = table.rows.map(
    (r) => `<tr id="${r.anchor}" tabindex="-1"><th scope="row" class="rownum">${r.label}</th>${r.cells.map(renderCell).join('')}</tr>`,
  );
  const body = table.rows.length === 0 ? `<tr><td class="empty" colspan="${table.columns.length + 1}">${emptyReason(rowsPerTable)}</td></tr>` : rows.join('\n');
  return [
    `<section class="model" id="${table.anchor}">`,
    `<h2>${e(table.name)}${written} <span class="count">${count(table.rows.length, 'row')}</span></h2>`,
    '<div class="scroll">',
    `<table><thead><tr><th scope="col" class="rownum">#</th>${head.join('')}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table>`,
    '</div>',
    '</section>',
  ].join('\n');
}

function renderCell(cell: PreviewCell): string {
  const e = escapeHtml;
  switch (cell.kind) {
    case 'value':
      return `<td title="${e(cell.text)}">${e(cell.text)}</td>`;
    case 'null':
      return '<td class="null">NULL</td>';
    case 'generated':
      return `<td class="generated" title="${e(cell.title)}">${e(cell.text)}</td>`;
    case 'absent':
      return '<td class="absent"></td>';
    case 'link':
      return (
        `<td class="fk${cell.afterInsert ? ' later' : ''}"><a href="#${cell.target.anchor}" data-target="${cell.target.anchor}" title="${e(cell.title)}">${e(cell.text)}</a>` +
        `${cell.afterInsert ? '<span class="later-mark" title="set after insert">↻</span>' : ''}</td>`
      );
  }
}

/** Why a table shows no rows. */
function emptyReason(rowsPerTable: number): string {
  if (rowsPerTable === 0) return 'No rows: the rows-per-table setting is 0.';
  return 'No rows: the <code>seeded</code> fixture leaves this table empty (its rows need a row of their own table first).';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
