// The PDF reader: a text PDF printed from Word or WPS → the report's blocks. pdfjs-dist (Mozilla's reader) gives
// each page's text runs with their positions and the drawing operators; this module rebuilds lines, paragraphs,
// headings and ruled tables (merged cells from the missing rules) from those positions alone. Nothing in the file
// is executed or fetched: no eval, no system or web fonts, cMaps from the package. Pages are read one at a time
// and released, so a large file is read in bounded memory. A PDF without a text layer (a scan) is refused: OCR is
// out of scope.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { READ_LIMITS, type ReaderNote, type ReadFailure, type ReadResult, type SourceBlock, type SourceCell } from './document.js';
import { msg, type MessageText } from '../engine/message.js';
import { importModule } from '../shared/import-module.js';

export interface PdfOptions {
  /** Reading stops after this long (ms); default `PDF_LIMITS.timeMs`. */
  timeoutMs?: number;
  /** The reading thread's JavaScript heap (MB); default `PDF_LIMITS.heapMb`. */
  heapMb?: number;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
interface Loaded { pdfjs: Pdfjs; cMapUrl: string; standardFontDataUrl: string }
let loading: Promise<Loaded> | undefined;

/**
 * Where pdfjs-dist is: out/pdfjs/ beside the running bundle (scripts/bundle.mjs copies it there, and the .vsix
 * ships it), or beside out/ for the compiled modules in out/import/; else the package in node_modules.
 */
export function pdfjsRoot(): string {
  for (const dir of ['./pdfjs/', '../pdfjs/']) {
    const root = fileURLToPath(new URL(dir, import.meta.url));
    if (existsSync(path.join(root, 'legacy/build/pdf.mjs'))) return root;
  }
  return path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

/**
 * pdfjs-dist is loaded on first use by its file URL (it is kept out of the bundles: its legacy build imports its
 * worker by a path relative to itself and runs it in this thread). Its import prints warnings about canvas
 * polyfills with console.log — the language server's stdout may be the protocol stream, so they are silenced.
 * `readPdf` does this in a worker thread of its own; `readPdfInThread` in the calling thread.
 */
function loadPdfjs(): Promise<Loaded> {
  loading ??= (async () => {
    const root = pdfjsRoot();
    const file = (p: string) => pathToFileURL(path.join(root, p)).href;
    const log = console.log;
    console.log = () => {};
    // the legacy build's core-js polyfills replace some natives for the whole thread (a JavaScript Array push and
    // JSON.parse, a wrapped Function toString) and define `self`: put the natives back, as Node 20's are correct
    const natives = [[Array.prototype, 'push'], [JSON, 'parse'], [Function.prototype, 'toString']] as const;
    const saved = natives.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k)!);
    const hadSelf = 'self' in globalThis;
    let pdfjs: Pdfjs;
    try {
      pdfjs = await importModule<Pdfjs>(file('legacy/build/pdf.mjs'));
      await importModule(file('legacy/build/pdf.worker.mjs')); // the fake worker, loaded now to be restored after too
    } finally {
      console.log = log;
      natives.forEach(([o, k], i) => Object.defineProperty(o, k, saved[i]!));
      if (!hadSelf) delete (globalThis as { self?: unknown }).self;
    }
    pdfjs.GlobalWorkerOptions.workerSrc = file('legacy/build/pdf.worker.mjs');
    return { pdfjs, cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
  })();
  return loading;
}

// ---------------------------------------------------------------- geometry read from a page

/** A run of text: baseline `y` in PDF user space (y up), `size` its font size. */
interface Run { text: string; x: number; y: number; w: number; size: number; font: string }
interface HSeg { y: number; x0: number; x1: number }
interface VSeg { x: number; y0: number; y1: number }
interface Box { x0: number; y0: number; x1: number; y1: number }
type Matrix = [number, number, number, number, number, number];

const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A border thinner than this (points) is a rule; a wider filled box is shading. */
const RULE = 2.5;

/** The ruling lines (cell borders) and images of a page, from its operators, with the current matrix followed. */
function readDrawing(pdfjs: Pdfjs, fnArray: number[], argsArray: unknown[]): { h: HSeg[]; v: VSeg[]; images: Box[] } {
  const OPS = pdfjs.OPS;
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  const images: Box[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let pending: { points: [number, number][]; rect: boolean }[] = [];
  const addLine = (ax: number, ay: number, bx: number, by: number) => {
    if (Math.abs(ay - by) < 1 && Math.abs(ax - bx) > 2) h.push({ y: (ay + by) / 2, x0: Math.min(ax, bx), x1: Math.max(ax, bx) });
    else if (Math.abs(ax - bx) < 1 && Math.abs(ay - by) > 2) v.push({ x: (ax + bx) / 2, y0: Math.min(ay, by), y1: Math.max(ay, by) });
  };
  const commit = (filled: boolean, stroked: boolean) => {
    for (const p of pending) {
      const xs = p.points.map((q) => q[0]);
      const ys = p.points.map((q) => q[1]);
      const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
      const thin = Math.min(box.x1 - box.x0, box.y1 - box.y0) <= RULE;
      if (filled && thin && (p.rect || p.points.length >= 3)) {
        // Word: a border is a thin filled rectangle
        if (box.x1 - box.x0 >= box.y1 - box.y0) addLine(box.x0, (box.y0 + box.y1) / 2, box.x1, (box.y0 + box.y1) / 2);
        else addLine((box.x0 + box.x1) / 2, box.y0, (box.x0 + box.x1) / 2, box.y1);
      } else if (stroked) {
        const pts = p.rect ? [...p.points, p.points[0]!] : p.points;
        for (let i = 1; i < pts.length; i++) addLine(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]);
      }
    }
    pending = [];
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save: stack.push(ctm); break;
      case OPS.restore: ctm = stack.pop() ?? ctm; break;
      case OPS.transform: ctm = mul(args as Matrix, ctm); break;
      case OPS.paintFormXObjectBegin:
        stack.push(ctm);
        if (Array.isArray(args?.[0]) && args[0].length === 6) ctm = mul(args[0] as Matrix, ctm);
        break;
      case OPS.paintFormXObjectEnd: ctm = stack.pop() ?? ctm; break;
      case OPS.constructPath: {
        const ops = (args?.[0] ?? []) as number[];
        const coords = (args?.[1] ?? []) as number[];
        let k = 0;
        let current: [number, number][] | null = null;
        for (const op of ops) {
          if (op === OPS.rectangle) {
            const [x, y, w, hh] = coords.slice(k, k + 4) as [number, number, number, number];
            k += 4;
            pending.push({ rect: true, points: [apply(ctm, x, y), apply(ctm, x + w, y), apply(ctm, x + w, y + hh), apply(ctm, x, y + hh)] });
            current = null;
          } else if (op === OPS.moveTo) {
            current = [apply(ctm, coords[k]!, coords[k + 1]!)];
            pending.push({ rect: false, points: current });
            k += 2;
          } else if (op === OPS.lineTo) {
            const p = apply(ctm, coords[k]!, coords[k + 1]!);
            k += 2;
            if (current) current.push(p);
            else pending.push({ rect: false, points: (current = [p]) });
          } else if (op === OPS.curveTo) { k += 6; current = null; }
          else if (op === OPS.curveTo2 || op === OPS.curveTo3) { k += 4; current = null; }
          else if (op === OPS.closePath) { if (current && current.length > 1) current.push(current[0]!); }
        }
        break;
      }
      case OPS.stroke: case OPS.closeStroke: commit(false, true); break;
      case OPS.fill: case OPS.eoFill: commit(true, false); break;
      case OPS.fillStroke: case OPS.eoFillStroke: case OPS.closeFillStroke: case OPS.closeEOFillStroke: commit(true, true); break;
      case OPS.endPath: pending = []; break;
      case OPS.paintImageXObject: case OPS.paintInlineImageXObject: case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat: case OPS.paintImageMaskXObjectRepeat: case OPS.paintSolidColorImageMask: {
        const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
        images.push({ x0: Math.min(...corners.map((c) => c[0])), y0: Math.min(...corners.map((c) => c[1])), x1: Math.max(...corners.map((c) => c[0])), y1: Math.max(...corners.map((c) => c[1])) });
        break;
      }
    }
  }
  return { h, v, images };
}

// ---------------------------------------------------------------- text joining

const WIDE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F“”‘’—…·]/u;

/** Joins two pieces of one line or of wrapped lines: Chinese needs no space; Latin words and figures keep one. */
function join(a: string, b: string, space: boolean): string {
  if (!a) return b;
  if (!b) return a;
  const last = a.at(-1)!;
  const first = b[0]!;
  if (!space || WIDE.test(last) || WIDE.test(first) || /\s/.test(last) || /\s/.test(first)) return a + b;
  return a + ' ' + b;
}

/** Spaces between Chinese characters are justification, not text. */
function tidy(s: string): string {
  return s.replace(/\s+/g, ' ').replace(JUSTIFY_SPACE, '').trim();
}
const JUSTIFY_SPACE = new RegExp(`(?<=${WIDE.source}) (?=\\S)|(?<=\\S) (?=${WIDE.source})`, 'gu');

interface Line { runs: Run[]; text: string; x0: number; x1: number; y: number; size: number; font: string; page: number }

/** Runs on one baseline (within a third of the font size) form a line, read left to right. */
function toLines(runs: Run[], page: number): Line[] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Run[][] = [];
  for (const r of sorted) {
    const g = groups.at(-1);
    if (g && Math.abs(g[0]!.y - r.y) <= Math.max(1, Math.min(g[0]!.size, r.size) * 0.35)) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => lineOf(g.sort((a, b) => a.x - b.x), page));
}

function lineOf(runs: Run[], page: number): Line {
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    text = join(text, r.text, r.x - end > r.size * 0.25);
    end = Math.max(end, r.x + r.w);
  }
  // the dominant run (most characters) gives the line its size and font
  const main = runs.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return { runs, text: tidy(text), x0: runs[0]!.x, x1: end, y: runs[0]!.y, size: main.size, font: main.font, page };
}

// ---------------------------------------------------------------- tables from ruling lines

interface Cell { r: number; c: number; rowSpan: number; colSpan: number; text: string }
interface Grid { xs: number[]; ys: number[]; cells: Cell[]; rows: number; page: number; box: Box }

function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const g = out.at(-1);
    if (g && v - g.at(-1)! <= tol) g.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

const TOL = 2;

/** Groups of crossing rules, each with at least two rules each way: the page's ruled tables. */
function ruledTables(h: HSeg[], v: VSeg[], runs: Run[], page: number): { grids: Grid[]; used: Set<Run> } {
  const n = h.length + v.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < h.length; i++)
    for (let j = 0; j < v.length; j++) {
      const a = h[i]!, b = v[j]!;
      if (b.x >= a.x0 - TOL && b.x <= a.x1 + TOL && a.y >= b.y0 - TOL && a.y <= b.y1 + TOL) parent[find(i)] = find(h.length + j);
    }
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    if (i < h.length) g.h.push(h[i]!);
    else g.v.push(v[i - h.length]!);
    groups.set(find(i), g);
  }
  const grids: Grid[] = [];
  const used = new Set<Run>();
  for (const g of groups.values()) {
    const xs = cluster(g.v.map((s) => s.x), TOL);
    const ys = cluster(g.h.map((s) => s.y), TOL).reverse(); // top first
    if (xs.length < 2 || ys.length < 2) continue;
    const box = { x0: xs[0]!, x1: xs.at(-1)!, y0: ys.at(-1)!, y1: ys[0]! };
    // the rules on each column line and each row line, to ask whether a cell's side is drawn
    const onX = xs.map((x) => g.v.filter((s) => Math.abs(s.x - x) <= TOL));
    const onY = ys.map((y) => g.h.filter((s) => Math.abs(s.y - y) <= TOL));
    const hasV = (i: number, ya: number, yb: number) => { const m = (ya + yb) / 2; return onX[i]!.some((s) => s.y0 <= m && s.y1 >= m); };
    const hasH = (i: number, xa: number, xb: number) => { const m = (xa + xb) / 2; return onY[i]!.some((s) => s.x0 <= m && s.x1 >= m); };
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    if (rows * cols > READ_LIMITS.tableCells) continue;
    const owner: (Cell | undefined)[][] = Array.from({ length: rows }, () => Array<Cell | undefined>(cols));
    const cells: Cell[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        if (owner[r]![c]) continue;
        let colSpan = 1;
        while (c + colSpan < cols && !owner[r]![c + colSpan] && !hasV(c + colSpan, ys[r]!, ys[r + 1]!)) colSpan++;
        let rowSpan = 1;
        const open = (rr: number) => { for (let k = c; k < c + colSpan; k++) if (owner[rr]![k] || hasH(rr, xs[k]!, xs[k + 1]!)) return false; return true; };
        while (r + rowSpan < rows && open(r + rowSpan)) rowSpan++;
        const cell: Cell = { r, c, rowSpan: Math.min(rowSpan, READ_LIMITS.span), colSpan: Math.min(colSpan, READ_LIMITS.span), text: '' };
        cells.push(cell);
        for (let rr = r; rr < r + rowSpan; rr++) for (let k = c; k < c + colSpan; k++) owner[rr]![k] = cell;
      }
    // each run to the cell under it; a run printed across cells is cut at the column rules
    const inCell = new Map<Cell, Run[]>();
    for (const run of runs) {
      const mid = run.y + run.size * 0.3;
      if (mid < box.y0 - 1 || mid > box.y1 + 1 || run.x + run.w / 2 < box.x0 || run.x + run.w / 2 > box.x1) continue;
      used.add(run);
      const r = ys.findIndex((y, i) => i < rows && mid <= y + 1 && mid >= ys[i + 1]! - 1);
      if (r < 0) continue;
      for (const piece of splitAtColumns(run, xs)) {
        const cx = piece.x + piece.w / 2;
        const c = Math.max(0, Math.min(cols - 1, xs.findIndex((x, i) => i < cols && cx >= x && cx <= xs[i + 1]!)));
        const cell = owner[r]![c]!;
        (inCell.get(cell) ?? inCell.set(cell, []).get(cell)!).push(piece);
      }
    }
    for (const [cell, rs] of inCell) cell.text = toLines(rs, page).reduce((t, l) => join(t, l.text, true), '');
    grids.push({ xs, ys, cells, rows, page, box });
  }
  return { grids, used };
}

/** Cuts a run that crosses column rules into one run per column (characters taken as equally wide). */
function splitAtColumns(run: Run, xs: number[]): Run[] {
  const inner = xs.filter((x) => x > run.x + 1 && x < run.x + run.w - 1);
  if (!inner.length) return [run];
  const chars = [...run.text];
  const each = run.w / Math.max(1, chars.length);
  const out: Run[] = [];
  let start = 0;
  for (const x of [...inner, Infinity]) {
    let end = start;
    while (end < chars.length && run.x + (end + 0.5) * each < x) end++;
    const text = chars.slice(start, end).join('').trim();
    if (text) out.push({ ...run, text, x: run.x + start * each, w: (end - start) * each });
    start = end;
  }
  return out;
}

// ---------------------------------------------------------------- tables from text positions (no rules)

interface Piece { text: string; x0: number; x1: number }
const FIGURE_PIECE = /^[-+]?[0-9０-９][0-9０-９,，.．]*%?$/;

/** A line's pieces: runs closer than most of a character are one piece (one cell's text). */
function piecesOf(l: Line): Piece[] {
  const out: Piece[] = [];
  for (const r of l.runs) {
    const p = out.at(-1);
    if (p && r.x - p.x1 < r.size * 0.8) { p.text = join(p.text, r.text, r.x - p.x1 > r.size * 0.25); p.x1 = r.x + r.w; }
    else out.push({ text: r.text, x0: r.x, x1: r.x + r.w });
  }
  return out.map((p) => ({ ...p, text: tidy(p.text) })).filter((p) => p.text);
}

/**
 * Tables printed without rules: lines with two or more figures standing in columns are rows; the lines around
 * them that are as close as a table's lines are its header (column titles, joined per column) and the wrapped
 * parts of its labels (joined to the nearest row when a line's distance away, else rows of their own).
 */
function positionedTables(lines: Line[]): { start: number; end: number; rows: SourceCell[][] }[] {
  const pieces = lines.map(piecesOf);
  const close = (a: number, b: number, k: number) => lines[a]!.page === lines[b]!.page && lines[a]!.y - lines[b]!.y <= lines[b]!.size * k;
  // Two-column tables (行政许可 … 5862): a label and one figure standing apart, under a line of two column titles
  // whose second stands over the figures; each such line is a row like a line of two or more figures.
  const pair = new Set<number>();
  const isPair = (i: number) => pieces[i]!.length === 2 && FIGURE_PIECE.test(pieces[i]![1]!.text) && !FIGURE_PIECE.test(pieces[i]![0]!.text);
  for (let i = 1; i < lines.length; i++) {
    const title = pieces[i - 1]!;
    if (!isPair(i) || title.length !== 2 || title.some((q) => FIGURE_PIECE.test(q.text)) || !close(i - 1, i, 2.4)) continue;
    const over = (k: number) => pieces[k]![1]!.x0 < title[1]!.x1 && pieces[k]![1]!.x1 > title[1]!.x0 && pieces[k]![0]!.x0 < title[1]!.x0;
    for (let k = i; k < lines.length && isPair(k) && over(k) && close(k - 1, k, 2.4); k++) pair.add(k);
  }
  const isRow = (i: number) => pair.has(i) || (pieces[i]!.length >= 3 && pieces[i]!.filter((q) => FIGURE_PIECE.test(q.text)).length >= 2);
  const prose = (i: number) => /[。；]/.test(lines[i]!.text) && pieces[i]!.length === 1;
  const found: { start: number; end: number; rows: SourceCell[][] }[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isRow(i)) { i++; continue; }
    // the rows with figures, and up to three lines between two of them
    let end = i;
    for (let k = i + 1; k < lines.length && k <= end + 4; k++) {
      if (!close(k - 1, k, 2.4) || prose(k) || lines[k]!.size > lines[i]!.size * 1.1) break; // a heading ends it
      if (isRow(k)) end = k;
    }
    // one row of figures is a table when a line of as many column titles stands just above it (the 四 table)
    const titled = i > 0 && close(i - 1, i, 2.4) && pieces[i - 1]!.length === pieces[i]!.length && !pieces[i - 1]!.some((q) => FIGURE_PIECE.test(q.text));
    if (end === i && !titled) { i++; continue; }
    let start = i;
    while (start > 0 && i - start < 6 && close(start - 1, start, 2.4) && !prose(start - 1) && lines[start - 1]!.size <= lines[i]!.size * 1.05 && !found.some((f) => f.end === start - 1)) start--;
    while (end + 1 < lines.length && close(end, end + 1, 1.4) && !prose(end + 1) && !isRow(end + 1) && lines[end + 1]!.size <= lines[i]!.size * 1.05) end++;
    // columns from the rows with figures
    const spans = pieces.slice(i, end + 1).filter((_, k) => isRow(i + k)).flat().map((p) => [p.x0, p.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
    const columns: [number, number][] = [];
    for (const sp of spans) { const c = columns.at(-1); if (c && sp[0] <= c[1] + 2) c[1] = Math.max(c[1], sp[1]); else columns.push([...sp]); }
    const columnOf = (p: Piece) => {
      const mid = (p.x0 + p.x1) / 2;
      let best = 0;
      columns.forEach((c, k) => { if (Math.abs((c[0] + c[1]) / 2 - mid) < Math.abs((columns[best]![0] + columns[best]![1]) / 2 - mid)) best = k; if (mid >= c[0] && mid <= c[1]) best = k; });
      return best;
    };
    const anchors: number[] = [];
    for (let k = start; k <= end; k++) if (isRow(k)) anchors.push(k);
    // each line to a row: a row's own line, a wrapped part near it, the header above, or a row of its own
    const rows = new Map<number, string[][]>(); // key: first line of the row
    const header: string[][] = columns.map(() => []);
    for (let k = start; k <= end; k++) {
      const nearest = anchors.reduce((a, b) => (Math.abs(lines[b]!.y - lines[k]!.y) < Math.abs(lines[a]!.y - lines[k]!.y) ? b : a));
      const near = isRow(k) || Math.abs(lines[nearest]!.y - lines[k]!.y) <= lines[k]!.size * 1.4;
      const target = k < anchors[0]! && !(near && pieces[k]!.every((p) => columnOf(p) === 0)) ? header : rows.get(near ? nearest : k) ?? rows.set(near ? nearest : k, columns.map(() => [])).get(near ? nearest : k)!;
      for (const p of pieces[k]!) target[columnOf(p)]!.push(p.text);
    }
    const cells = (texts: string[][]): SourceCell[] => texts.map((t) => ({ text: tidy(t.reduce((a, b) => join(a, b, true), '')) }));
    const out: SourceCell[][] = [];
    if (header.some((t) => t.length)) out.push(cells(header));
    for (const key of [...rows.keys()].sort((a, b) => a - b)) out.push(cells(rows.get(key)!));
    found.push({ start, end, rows: out });
    i = end + 1;
  }
  return found;
}

// ---------------------------------------------------------------- the document

interface PageItem { top: number; line?: Line; grid?: Grid; image?: Box; loose?: SourceCell[][] }
interface PageRead { page: number; items: PageItem[]; chars: number }

const fail = (message: MessageText): ReadFailure => ({ error: message });

// ---------------------------------------------------------------- the reading thread

/**
 * What a reading may take. Reading runs in a worker thread (pdf-worker.js) with this heap: pdfjs's legacy build
 * patches globals (Array.prototype.push, JSON.parse, Function.prototype.toString, self, polyfills) in the thread
 * that loads it, and a large file must not block the language server. Past either limit the thread is stopped.
 */
export const PDF_LIMITS = { timeMs: 120_000, heapMb: 768, idleMs: 15_000 };

const WORKER_FILE = new URL('./pdf-worker.js', import.meta.url);

interface Job { bytes: Uint8Array; timeoutMs: number; heapMb: number; resolve: (r: ReadResult) => void }
const queue: Job[] = [];
let thread: { worker: Worker; heapMb: number; idle?: NodeJS.Timeout } | undefined;
let busy = false;

/**
 * Reads a text PDF into the report's blocks in a worker thread, one file at a time; refuses encrypted, corrupt and
 * scanned (text-less) files, and files that take longer than the time limit or more memory than the heap. The
 * thread stays for `PDF_LIMITS.idleMs` after its last file (pdfjs loaded once for a folder) and never keeps the
 * process alive.
 */
export function readPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ReadResult> {
  const refused = refusal(bytes);
  if (refused) return Promise.resolve(refused);
  return new Promise((resolve) => {
    queue.push({ bytes, resolve, timeoutMs: options.timeoutMs ?? PDF_LIMITS.timeMs, heapMb: options.heapMb ?? PDF_LIMITS.heapMb });
    next();
  });
}

function stop(): void {
  if (!thread) return;
  clearTimeout(thread.idle);
  void thread.worker.terminate();
  thread = undefined;
}

function next(): void {
  if (busy) return;
  const job = queue.shift();
  if (!job) {
    if (thread) thread.idle = setTimeout(stop, PDF_LIMITS.idleMs).unref();
    return;
  }
  busy = true;
  if (thread && thread.heapMb !== job.heapMb) stop();
  if (!thread) {
    // none of the process's Node options (--input-type, --inspect…) apply to the thread
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: job.heapMb }, execArgv: [] });
    thread = { worker, heapMb: job.heapMb };
  }
  clearTimeout(thread.idle);
  const { worker } = thread;
  worker.ref();
  let done = false;
  const finish = (result: ReadResult, broken: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    if (broken) { if (thread?.worker === worker) thread = undefined; void worker.terminate(); }
    else worker.unref();
    busy = false;
    job.resolve(result);
    next();
  };
  const timer = setTimeout(() => finish(fail(msg('pdf.too-slow', { seconds: job.timeoutMs / 1000 })), true), job.timeoutMs);
  const onMessage = (result: ReadResult) => finish(result, false);
  const onError = (e: Error & { code?: string }) => finish(e.code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? fail(msg('pdf.too-much-memory', { mb: job.heapMb }))
    : fail(msg('pdf.failed', { detail: e.message })), true);
  const onExit = (code: number) => finish(fail(msg('pdf.thread-exited', { code })), true);
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  const copy = job.bytes.slice(); // handed over to the thread
  worker.postMessage(copy, [copy.buffer]);
}

/** The refusals that need no PDF reader: too large, not a PDF. */
function refusal(bytes: Uint8Array): ReadFailure | undefined {
  if (bytes.length > READ_LIMITS.inputBytes)
    return fail(msg('pdf.too-large', { mb: (bytes.length / 1048576).toFixed(1), limit: READ_LIMITS.inputBytes / 1048576 }));
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return fail(msg('pdf.not-pdf'));
  return undefined;
}

/**
 * Reads a text PDF into the report's blocks in this thread; refuses encrypted, corrupt and scanned (text-less)
 * files. pdfjs changes this thread's globals when it loads: callers use `readPdf` (pdf-worker.ts runs this).
 */
export async function readPdfInThread(bytes: Uint8Array): Promise<ReadResult> {
  const refused = refusal(bytes);
  if (refused) return refused;
  const { pdfjs, cMapUrl, standardFontDataUrl } = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes.slice(), // pdfjs may take the buffer over
    cMapUrl, cMapPacked: true, standardFontDataUrl,
    isEvalSupported: false, useSystemFonts: false, disableFontFace: true, useWorkerFetch: false,
    isOffscreenCanvasSupported: false, stopAtErrors: false, verbosity: 0,
    maxImageSize: 16_000_000,
  });
  let doc: Awaited<typeof task.promise> | undefined;
  try {
    try {
      doc = await task.promise;
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'PasswordException')
        return fail(msg('pdf.encrypted'));
      return fail(msg('pdf.damaged', { detail: (e as Error).message }));
    }
    const pages: PageRead[] = [];
    const notes: ReaderNote[] = [];
    let broken = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      let page;
      try {
        page = await doc.getPage(p);
        pages.push(await readPage(pdfjs, page, p));
      } catch {
        broken++;
        pages.push({ page: p, items: [], chars: -1 });
      } finally {
        page?.cleanup();
      }
    }
    const chars = pages.reduce((n, pg) => n + Math.max(0, pg.chars), 0);
    if (broken === doc.numPages)
      return fail(msg('pdf.no-page'));
    if (chars === 0)
      return fail(msg('pdf.no-text'));
    return { format: 'pdf', ...assemble(pages, notes), notes };
  } finally {
    await doc?.destroy().catch(() => {});
    if (!doc) await task.destroy().catch(() => {});
  }
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs['getDocument']>['promise']>['getPage']>>;

async function readPage(pdfjs: Pdfjs, page: PdfPage, p: number): Promise<PageRead> {
  const content = await page.getTextContent();
  const runs: Run[] = [];
  let chars = 0;
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const t = item.transform as number[];
    const size = Math.hypot(t[2]!, t[3]!) || item.height;
    chars += item.str.length;
    if (Math.abs(t[1]!) > 0.01 * size || Math.abs(t[2]!) > 0.01 * size) continue; // rotated text: a stamp or a margin note
    runs.push({ text: item.str, x: t[4]!, y: t[5]!, w: item.width, size, font: item.fontName });
  }
  if (!runs.length) return { page: p, items: [], chars };
  // the drawing operators cost more than the text (every glyph crosses the in-process worker's message port):
  // read them only where text stands in columns, as table cells do, or beside a possible picture
  const columned = toLines(runs, p).filter((l) => l.runs.some((r, i) => i > 0 && r.x - (l.runs[i - 1]!.x + l.runs[i - 1]!.w) > r.size * 1.5)).length;
  const drawing = columned >= 2 || runs.length < 8
    ? await page.getOperatorList().then((ops) => readDrawing(pdfjs, ops.fnArray, ops.argsArray))
    : { h: [], v: [], images: [] };
  const { grids, used } = ruledTables(drawing.h, drawing.v, runs, p);
  const items: PageItem[] = grids.map((g) => ({ top: g.box.y1, grid: g }));
  const lines = toLines(runs.filter((r) => !used.has(r)), p).filter((l) => l.text);
  // tables printed without rules: rows of figures standing in columns
  const loose = positionedTables(lines);
  const inLoose = new Set(loose.flatMap((t) => lines.slice(t.start, t.end + 1)));
  for (const t of loose) items.push({ top: lines[t.start]!.y + lines[t.start]!.size, loose: t.rows });
  for (const line of lines) if (!inLoose.has(line)) items.push({ top: line.y + line.size, line });
  // a large picture among the text may be a table printed as an image
  for (const im of drawing.images) if ((im.x1 - im.x0) * (im.y1 - im.y0) > 150 * 100) items.push({ top: im.y1, image: im });
  items.sort((a, b) => b.top - a.top);
  return { page: p, items, chars };
}

// ---------------------------------------------------------------- pages → blocks

const PAGE_NUMBER = /^(?:[-—–－~]\s*)?[0-9０-９]+(?:\s*[-—–－~])?$|^第\s*[0-9０-９]+\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]+\s*页)?$|^[0-9]+\s*\/\s*[0-9]+$|^page\s*[0-9]+(?:\s*of\s*[0-9]+)?$/i;
const SECTION = /^[一二三四五六七八九十]+、/;
const SUBPART = /^[（(][一二三四五六七八九十]+[）)]/;

function assemble(pages: PageRead[], notes: ReaderNote[]): { blocks: SourceBlock[] } {
  // running headers and footers: page numbers at a page's edge, and lines repeated at the edge of many pages
  const edgeKey = (l: Line) => l.text.replace(/[0-9０-９]+/g, '#');
  const edges = new Map<string, number>();
  const edgeLines = (pg: PageRead) => {
    const lines = pg.items.filter((it) => it.line);
    const out: PageItem[] = [];
    if (lines.length) out.push(lines[0]!, lines.at(-1)!);
    if (lines.length > 2) out.push(lines[1]!, lines.at(-2)!);
    return [...new Set(out)];
  };
  for (const pg of pages) for (const key of new Set(edgeLines(pg).map((it) => edgeKey(it.line!)))) edges.set(key, (edges.get(key) ?? 0) + 1);
  const textPages = pages.filter((pg) => pg.items.length).length;
  const repeated = (l: Line) => textPages >= 2 && (edges.get(edgeKey(l)) ?? 0) >= Math.max(2, Math.ceil(textPages / 2));
  for (const pg of pages) {
    const lines = pg.items.filter((it) => it.line);
    const drop = new Set<PageItem>();
    const first = lines[0], last = lines.at(-1);
    for (const it of edgeLines(pg)) if (repeated(it.line!)) drop.add(it);
    for (const it of [first, last]) if (it && PAGE_NUMBER.test(it.line!.text)) drop.add(it);
    pg.items = pg.items.filter((it) => !drop.has(it));
  }

  // the body text's measures: its size, font, left edge and right edge
  const body = pages.flatMap((pg) => pg.items.flatMap((it) => (it.line ? [it.line] : [])));
  const mode = <T>(values: T[], weight: (v: T) => number, key: (v: T) => string | number) => {
    const m = new Map<string | number, { v: T; n: number }>();
    for (const v of values) { const k = key(v); const e = m.get(k) ?? { v, n: 0 }; e.n += weight(v); m.set(k, e); }
    return [...m.values()].sort((a, b) => b.n - a.n)[0]?.v;
  };
  const size = mode(body, (l) => l.text.length, (l) => Math.round(l.size * 2) / 2)?.size ?? 12;
  const font = mode(body, (l) => l.text.length, (l) => l.font)?.font ?? '';
  const bodyLines = body.filter((l) => Math.abs(l.size - size) < size * 0.1);
  const left = mode(bodyLines, () => 1, (l) => Math.round(l.x0))?.x0 ?? 0;
  const rights = bodyLines.map((l) => l.x1).sort((a, b) => a - b);
  const right = rights[Math.floor(rights.length * 0.9)] ?? 0;
  const centre = (left + right) / 2;
  const centred = (l: Line) => l.x0 > left + l.size && Math.abs((l.x0 + l.x1) / 2 - centre) < l.size;
  const full = (l: Line) => l.x1 >= right - l.size * 1.5;
  const indented = (l: Line) => l.x0 > left + l.size * 0.8;
  const distinct = (l: Line) => l.font !== font || l.size > size * 1.1;

  const blocks: SourceBlock[] = [];
  let para: Line[] = [];
  const flush = () => {
    if (!para.length) return;
    const text = tidy(para.reduce((t, l) => join(t, l.text, true), ''));
    const one = para.length === 1 ? para[0]! : undefined;
    const place = { page: para[0]!.page };
    const short = text.length <= 40 && !/[。；;，,：:]$/.test(text);
    const title = !blocks.length && para.every((l) => centred(l) || l.size > size * 1.15) && para[0]!.size > size * 1.1;
    if (title) blocks.push({ kind: 'heading', text, depth: 1, place });
    else if (SECTION.test(text) && short && para.length <= 2) blocks.push({ kind: 'heading', text, depth: 2, place });
    else if (SUBPART.test(text) && short && text.length <= 30 && !text.includes('。')) blocks.push({ kind: 'heading', text, depth: 3, place });
    else if (one && short && text.length <= 30 && (distinct(one) || centred(one))) blocks.push({ kind: 'heading', text, place });
    else blocks.push({ kind: 'paragraph', text, place });
    para = [];
  };
  const tables: Joined[] = [];
  let prev: Line | undefined;
  for (const pg of pages) {
    if (pg.chars === -1) {
      notes.push({ block: blocks.length, message: msg('pdf.page-unopened', { page: pg.page }) });
      continue;
    }
    if (pg.items.every((it) => it.image)) { // nothing but pictures, once the page number is gone: a scanned page
      flush();
      blocks.push({ kind: 'unreadable', what: 'image', description: `page ${pg.page}`, place: { page: pg.page } });
      notes.push({ block: blocks.length - 1, message: msg('pdf.page-no-text', { page: pg.page }) });
      prev = undefined;
      continue;
    }
    for (const [k, it] of pg.items.entries()) {
      if (it.grid) {
        flush();
        prev = undefined;
        const lt = tables.at(-1);
        // a table continued from the previous page: the first thing on this page, the same column rules
        if (k === 0 && lt && lt.block === blocks.length - 1 && lt.page === pg.page - 1 && sameEdges(lt.xs, it.grid.xs)) {
          joinTables(lt, it.grid);
          continue;
        }
        tables.push({ xs: it.grid.xs, page: pg.page, cells: [...it.grid.cells], block: blocks.length });
        blocks.push({ kind: 'table', rows: [], place: { page: pg.page } });
        continue;
      }
      if (it.loose) {
        flush();
        prev = undefined;
        const last = blocks.at(-1);
        // continued from the previous page: as many columns, the first thing on this page; a repeated header dropped
        if (k === 0 && last?.kind === 'table' && last.place?.page === pg.page - 1 && !tables.some((t) => t.block === blocks.length - 1) &&
          last.rows[0]?.length === it.loose[0]?.length) {
          const same = (a: SourceCell[], b: SourceCell[]) => a.map((c) => c.text).join('|') === b.map((c) => c.text).join('|');
          last.rows.push(...it.loose.slice(same(it.loose[0]!, last.rows[0]!) ? 1 : 0));
          continue;
        }
        blocks.push({ kind: 'table', rows: it.loose, place: { page: pg.page } });
        continue;
      }
      if (it.image) {
        flush();
        prev = undefined;
        blocks.push({ kind: 'unreadable', what: 'image', description: `page ${pg.page}`, place: { page: pg.page } });
        notes.push({ block: blocks.length - 1, message: msg('pdf.page-picture', { page: pg.page }) });
        continue;
      }
      const l = it.line!;
      const alike = prev && Math.abs(l.size - prev.size) < prev.size * 0.1 && l.font === prev.font;
      const near = prev && (l.page === prev.page ? prev.y - l.y < Math.max(prev.size, l.size) * 2.4 : true);
      // body text runs on while a line is full; a large title runs on over its centred lines
      const continues = prev && para.length && alike && near &&
        ((full(prev) && !indented(l) && !centred(l)) || (l.page === prev.page && l.size > size * 1.15 && prev.y - l.y < l.size * 2));
      if (!continues) flush();
      para.push(l);
      prev = l;
    }
  }
  flush();
  for (const t of tables) {
    const rows = Math.max(0, ...t.cells.map((c) => c.r + c.rowSpan));
    const out: SourceCell[][] = Array.from({ length: rows }, () => []);
    for (const c of [...t.cells].sort((a, b) => a.r - b.r || a.c - b.c)) {
      const cell: SourceCell = { text: c.text };
      if (c.rowSpan > 1) cell.rowSpan = c.rowSpan;
      if (c.colSpan > 1) cell.colSpan = c.colSpan;
      out[c.r]!.push(cell);
    }
    (blocks[t.block] as { rows: SourceCell[][] }).rows = out;
  }
  return { blocks };
}

/** A table as read so far: its column rules, its last page, its cells. */
interface Joined { xs: number[]; page: number; cells: Cell[]; block: number }

/** A table continued on the next page has the same outer edges (its inner rules may differ where cells merge). */
const sameEdges = (a: number[], b: number[]) => Math.abs(a[0]! - b[0]!) <= TOL * 2 && Math.abs(a.at(-1)! - b.at(-1)!) <= TOL * 2;

/** Moves cells onto a finer set of column rules. */
function regrid(cells: Cell[], from: number[], to: number[]): Cell[] {
  const at = (x: number) => to.findIndex((y) => Math.abs(x - y) <= TOL * 2);
  return cells.map((c) => { const c0 = at(from[c.c]!); return { ...c, c: c0, colSpan: at(from[c.c + c.colSpan]!) - c0 }; });
}

/** Appends a table's next page: repeated header rows dropped, merged cells cut by the page break made whole. */
function joinTables(t: Joined, next: Grid) {
  const xs = cluster([...t.xs, ...next.xs], TOL * 2);
  t.cells = regrid(t.cells, t.xs, xs);
  const cells = regrid(next.cells, next.xs, xs);
  t.xs = xs;
  t.page = next.page;
  const offset = Math.max(0, ...t.cells.map((c) => c.r + c.rowSpan));
  const rowText = (list: Cell[], r: number) => list.filter((c) => c.r === r).sort((a, b) => a.c - b.c).map((c) => `${c.c}:${c.colSpan}:${c.text}`).join('|');
  let skip = 0;
  while (skip < next.rows && rowText(cells, skip) === rowText(t.cells, skip) && !cells.some((c) => c.r === skip && /[0-9]/.test(c.text))) skip++;
  for (const c of cells) {
    if (c.r < skip) continue;
    const r = c.r - skip;
    if (r === 0 && !c.text) {
      const above = t.cells.find((a) => a.c === c.c && a.colSpan === c.colSpan && a.r + a.rowSpan === offset);
      if (above && above.text && (above.rowSpan > 1 || c.rowSpan > 1)) { above.rowSpan += c.rowSpan; continue; }
    }
    t.cells.push({ ...c, r: r + offset });
  }
}
