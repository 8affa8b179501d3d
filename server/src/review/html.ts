// The review as HTML, one renderer for the editor's review panel (a webview, which adds its own script) and for
// `tally check --format html` (a self-contained page without any script). Reports are untrusted input: every text
// goes through `escape`; nothing is fetched from elsewhere (the page's CSS is inline, its CSP forbids the rest).
// Colours are VS Code's theme variables, with fallbacks for a browser.
import type { Severity } from '../engine/index.js';
import { label, msg, type Arg, type MessageText } from '../engine/message.js';
import { render, traditional, type Locale } from '../messages/render.js';
import type { Place, ReportReview, ReviewCell, ReviewComparison, ReviewGrid, ReviewSection } from './model.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

class Renderer {
  constructor(readonly locale: Locale) {}
  t(id: string, args?: Record<string, Arg>): string { return escape(render(msg(`review.${id}`, args), this.locale)); }
  text(value: MessageText): string { return escape(render(value, this.locale)); }
  /** Template wording (Traditional characters in zh-TW). */
  wording(value: string): string { return escape(this.locale === 'zh-TW' ? traditional(value) : value); }
  severity(severity: Severity): string { return escape(render(msg(`severity.${severity}`), this.locale)); }
}

/** The attributes of an item that leads to a place of the report (the panel's script reveals it). */
function place(at: Place): string {
  return `data-line="${at.line}" data-character="${at.character}"`;
}

/** One report's review: its findings' counts, sections, tables, contradictions, comparisons and findings. */
export function renderReview(review: ReportReview, locale: Locale): string {
  const r = new Renderer(locale);
  const c = review.counts;
  const out: string[] = [];
  out.push(`<section class="report" data-path="${escape(review.path)}">`);
  out.push(`<h2 class="report-path">${escape(review.path)}</h2>`);
  if (review.title) out.push(`<p class="report-title">${escape(review.title)}</p>`);
  out.push(`<p class="state state-${review.state.state}">${escape(review.state.words[locale])}</p>`);
  out.push(`<p class="meta">${review.template ? r.t('template', { name: render(review.template.name, locale), id: review.template.id }) : r.t('no-template')}`
    + ` · <span class="counts ${c.error ? 'has-errors' : c.warning ? 'has-warnings' : 'clean'}">`
    + `${r.text(msg('summary.counts', { errors: c.error, warnings: c.warning, notes: c.information }))}</span></p>`);
  if (review.sections.length) {
    out.push(`<h3>${r.t('sections')}</h3>`, '<ul class="sections">');
    for (const s of review.sections) out.push(section(r, s));
    out.push('</ul>');
  }
  if (review.grids.length) {
    out.push(`<h3>${r.t('tables')}</h3>`);
    for (const g of review.grids) out.push(grid(r, g));
  }
  if (review.contradictions.length) {
    out.push(`<h3>${r.t('contradictions')}</h3>`, `<table class="contradictions"><thead><tr><th>${r.t('said')}</th><th>${r.t('table-figure')}</th><th>${r.t('why')}</th></tr></thead><tbody>`);
    for (const x of review.contradictions) {
      const figures = x.table.map((f) => `<span class="item figure" tabindex="0" role="link" ${place(f.at)}>${escape(f.text)} <span class="where">${r.t('line', { line: f.at.line + 1 })}</span></span>`).join(' ');
      out.push(`<tr class="fail"><td><span class="item" tabindex="0" role="link" ${place(x.at)}>${escape(x.said)} <span class="where">${r.t('line', { line: x.at.line + 1 })}</span></span></td><td>${figures}</td><td>${r.text(x.message)}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (review.comparisons.length) {
    out.push(`<h3>${r.t('across')}</h3>`);
    for (const x of review.comparisons) out.push(comparison(r, x));
  }
  out.push(`<h3>${r.t('findings')}</h3>`);
  if (review.findings.length === 0) out.push(`<p class="clean">${r.t('no-findings')}</p>`);
  else {
    out.push('<ol class="findings">');
    for (const f of review.findings) {
      out.push(`<li class="item sev-${f.severity}" tabindex="0" role="link" ${place(f.at)}><span class="where">${f.at.line + 1}:${f.at.character + 1}</span>`
        + ` <span class="sev">${r.severity(f.severity)}</span> <code>${escape(f.code)}</code> ${r.text(f.message)}</li>`);
    }
    out.push('</ol>');
  }
  out.push('</section>');
  return out.join('\n');
}

function section(r: Renderer, s: ReviewSection): string {
  const title = r.wording(s.title);
  const words = escape(s.state.words[r.locale]);
  const head = s.at
    ? `<li class="section state-${s.state.state}"><span class="item" tabindex="0" role="link" ${place(s.at)}>${title}</span> <span class="where">${r.t('line', { line: s.at.line + 1 })}</span> — <span class="words">${words}</span>`
    : `<li class="section state-${s.state.state} ${s.required ? 'missing' : 'absent'}">${title} — <span class="words">${words}</span>`;
  const c = s.counts;
  const problems = c && c.error + c.warning + c.information ? ` · ${r.text(msg('summary.counts', { errors: c.error, warnings: c.warning, notes: c.information }))}` : '';
  const tables = s.tables.map((t) => `<li class="table state-${t.state.state}">${t.at
    ? `<span class="item" tabindex="0" role="link" ${place(t.at)}>${r.wording(t.title)}</span>` : r.wording(t.title)} — <span class="words">${escape(t.state.words[r.locale])}</span></li>`);
  return `${head}${problems}${tables.length ? `<ul class="tables">${tables.join('')}</ul>` : ''}</li>`;
}

function grid(r: Renderer, g: ReviewGrid): string {
  const title = g.titles.length
    ? g.titles.map((t, i) => `${r.wording(t)}${g.states[i] ? ` — <span class="words state-${g.states[i].state}">${escape(g.states[i].words[r.locale])}</span>` : ''}`).join(' / ')
    : r.t('loose-table');
  const out = [`<figure class="grid${g.relations.failing ? ' fails' : ''}">`,
    `<figcaption class="item" tabindex="0" role="link" ${place(g.at)}>${title} <span class="where">${r.t('line', { line: g.at.line + 1 })}</span></figcaption>`,
    '<table>'];
  g.rows.forEach((row, y) => {
    out.push(`<tr>${row.map((cell, x) => gridCell(r, cell, y, x)).join('')}</tr>`);
  });
  out.push('</table>', '</figure>');
  return out.join('\n');
}

function gridCell(r: Renderer, cell: ReviewCell, y: number, x: number): string {
  const tag = cell.kind === 'header' ? 'th' : 'td';
  const classes = ['cell', cell.kind, ...(cell.failing ? ['fail'] : []), ...(cell.contradicted ? ['contradicted'] : [])].join(' ');
  const state = cell.failing ? ' aria-invalid="true"' : '';
  const notes = cell.notes.length
    ? `<span class="tip" role="tooltip">${cell.notes.map((n) => r.text(n)).join('<br>')}</span>` : '';
  const text = cell.kind === 'blank' ? '<span class="blank" aria-label="blank">□</span>' : escape(cell.text);
  // Only cells with something to say take the focus: the arrows move between them.
  const focus = cell.notes.length ? ' tabindex="0"' : '';
  return `<${tag} class="${classes}"${focus}${state} data-row="${y}" data-column="${x}" ${place(cell.at)}>${text}${notes}</${tag}>`;
}

function comparison(r: Renderer, x: ReviewComparison): string {
  const out = [`<figure class="across"><figcaption>${r.text(x.name)} — ${r.t('previous-file', { file: x.previous })}</figcaption>`, '<table>',
    `<thead><tr><th></th><th>${r.t('this-period', { name: label(x.currentName) })}</th>${x.terms.map((t) =>
      `<th>${t.previous ? r.t('previous-period', { name: label(t.name), minus: t.minus ? 'yes' : 'no' }) : r.t('this-period-change', { name: label(t.name), minus: t.minus ? 'yes' : 'no' })}</th>`).join('')}<th>${r.t('expected')}</th></tr></thead><tbody>`];
  for (const row of x.rows) {
    out.push(`<tr class="${row.holds ? 'holds' : 'fail'}"><th>${r.wording(row.along)}</th>`
      + `<td class="item${row.holds ? '' : ' fail'}" tabindex="0" role="link" ${place(row.current.at)}${row.holds ? '' : ' aria-invalid="true"'}>${escape(row.current.value)}</td>`
      + `${row.values.map((v) => `<td>${escape(v)}</td>`).join('')}<td>${escape(row.expected)} <span class="mark">${row.holds ? '✓' : '✗'}</span></td></tr>`);
  }
  out.push('</tbody></table></figure>');
  return out.join('\n');
}

/** The style of the panel and the page: the theme's colours in VS Code, their fallbacks in a browser. */
export const REVIEW_CSS = `
:root { color-scheme: light dark; }
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, #1f2328); background: var(--vscode-editor-background, #ffffff); margin: 0; padding: 0 16px 32px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
.meta, .report-title { margin: 0.2em 0; } .where { color: var(--vscode-descriptionForeground, #59636e); font-size: 0.9em; }
.counts.has-errors, .sev-error .sev, .state-fails > .words, .state-fails.state, .words.state-fails { color: var(--vscode-errorForeground, #cf222e); }
.counts.has-warnings, .sev-warning .sev { color: var(--vscode-editorWarning-foreground, #9a6700); }
.counts.clean, .state-holds > .words, .state-holds.state, .words.state-holds, .holds .mark { color: var(--vscode-testing-iconPassed, #1a7f37); }
.state-not-checked > .words, .state-not-checked.state, .words.state-not-checked { color: var(--vscode-descriptionForeground, #59636e); }
.state { font-weight: 600; } ul.tables { padding-left: 1.2em; }
.sev-information .sev { color: var(--vscode-editorInfo-foreground, #0969da); }
ul.sections, ol.findings { padding-left: 1.2em; } ol.findings li, ul.sections li { margin: 0.2em 0; }
.item { cursor: pointer; } .item:hover { text-decoration: underline; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: -1px; }
figure { margin: 0.6em 0 1.2em; } figcaption { font-weight: 600; margin-bottom: 0.3em; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--vscode-editorWidget-border, #d0d7de); padding: 2px 6px; vertical-align: top; position: relative; }
th { background: var(--vscode-editorWidget-background, #f6f8fa); font-weight: 600; }
td.number, td.blank { text-align: right; white-space: nowrap; }
.blank { color: var(--vscode-descriptionForeground, #8c959f); }
.cell.fail, td.fail { background: var(--vscode-inputValidation-errorBackground, #ffebe9); outline: 1px solid var(--vscode-inputValidation-errorBorder, #cf222e); outline-offset: -1px; }
.cell.contradicted { background: var(--vscode-inputValidation-warningBackground, #fff8c5); }
.cell[tabindex] { cursor: help; }
.tip { display: none; position: absolute; left: 0; top: 100%; z-index: 10; min-width: 24em; max-width: 48em; white-space: normal;
  text-align: left; font-weight: normal; padding: 4px 8px; color: var(--vscode-editorHoverWidget-foreground, #1f2328);
  background: var(--vscode-editorHoverWidget-background, #ffffff); border: 1px solid var(--vscode-editorHoverWidget-border, #d0d7de);
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.16); }
.cell:hover .tip, .cell:focus .tip { display: block; }
/* the last columns' notes open leftwards, inside the page */
.cell:nth-last-child(-n+3):not(:first-child) .tip { left: auto; right: 0; }
table.contradictions td { max-width: 40em; }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
`;

/** A whole page of reviews for a browser: inline CSS, no script, a policy that forbids fetching anything. */
export class ReviewPage {
  private readonly r: Renderer;
  private files = 0;
  constructor(readonly locale: Locale) { this.r = new Renderer(locale); }

  start(): string {
    const title = this.r.t('page-title');
    return `<!DOCTYPE html>\n<html lang="${this.locale}">\n<head>\n<meta charset="utf-8">\n`
      + `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`
      + `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${title}</title>\n<style>${REVIEW_CSS}</style>\n</head>\n<body>\n<main>\n<h1>${title}</h1>\n`;
  }

  file(review: ReportReview): string {
    this.files++;
    return renderReview(review, this.locale) + '\n';
  }

  /** The totals over the files, and the end of the page. */
  end(counts: Record<Severity, number>, unreadable = 0): string {
    const r = this.r;
    return `<footer><p>${r.t('files', { files: this.files })} · ${r.text(msg('summary.counts', { errors: counts.error, warnings: counts.warning, notes: counts.information }))}`
      + `${unreadable ? ` · ${r.text(msg('report.path-could-not-be-read', { unreadable }))}` : ''}</p></footer>\n</main>\n</body>\n</html>\n`;
  }
}
