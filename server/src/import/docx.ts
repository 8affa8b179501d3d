// The Word reader: a .docx report → SourceDocument. It reads the OOXML parts directly (zip → XML events), so merged
// cells keep their layout (gridSpan, vMerge, gridBefore/gridAfter), automatic numbering shows the 一、（一）1. a
// reader sees, and tracked changes read as the published (accepted) text. Nothing in the file is executed or
// fetched: macros are never read and external relationships are never followed.
import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { READ_LIMITS, type ReadFailure, type ReadResult, type ReaderNote, type SourceBlock, type SourceCell, type SourceDocument } from './document.js';
import type { MessageText } from '../engine/message.js';
import { decodeXml, XmlRefused, xmlEvents } from './docx-xml.js';
import {
  int, isOn, isTitleStyle, NumberingCounter, readNumbering, readStyles, styleOutlineLevel, styleProperty, type Styles,
} from './docx-styles.js';
import { render } from '../messages/render.js';
import { msg } from '../engine/message.js';

/** Zip entries accepted: a Word document has a few dozen; tens of thousands only serve to exhaust memory. */
const MAX_ENTRIES = 10_000;
/** Tables nested deeper than this are read as the text of their cells. */
const MAX_TABLE_NESTING = 32;
/** A line longer than this is not taken for a heading. */
const HEADING_MAX_CHARS = 50;

/** No options yet: the reader reads the published text. */
export type DocxOptions = Record<string, never>;

export async function readDocx(bytes: Uint8Array, _options: DocxOptions = {}): Promise<ReadResult> {
  const refusal = refuseBeforeUnzip(bytes);
  if (refusal) return refusal;
  let zip: ZipParts;
  try {
    zip = await ZipParts.open(bytes);
  } catch (e) {
    return e instanceof ZipRefused ? { error: e.text } : fail(FAILURES.corrupt);
  }
  try {
    const main = (await mainPartName(zip)) ?? 'word/document.xml';
    if (!zip.has(main)) return fail(zip.has('mimetype') || zip.has('content.xml') ? FAILURES.odf : FAILURES.notWord);
    const rels = relationships(await zip.text(relsName(main)));
    const partOf = (type: string, fallback: string): string => {
      const target = rels.find((r) => r.type.endsWith(`/${type}`) && !r.external)?.target;
      return target ? resolvePart(main, target) : fallback;
    };
    const styles = readStyles(await zip.text(partOf('styles', 'word/styles.xml')));
    const numbering = readNumbering(await zip.text(partOf('numbering', 'word/numbering.xml')));
    const documentXml = (await zip.text(main))!;
    const title = readTitle(await zip.text('docProps/core.xml'));
    const doc = readBody(documentXml, styles, new NumberingCounter(numbering, styles));
    if (title) doc.title = title;
    return doc;
  } catch (e) {
    if (e instanceof ZipRefused) return { error: e.text };
    if (e instanceof XmlRefused) return fail(e.reason === 'doctype' ? FAILURES.doctype : FAILURES.malformedXml, e.message);
    // A reader refuses a file it cannot read; it never takes the whole check down with it.
    return fail(FAILURES.corrupt, e instanceof Error ? e.message : String(e));
  } finally {
    zip.close();
  }
}

// ---- refusals ----

const FAILURES = {
  empty: msg('docx.empty'),
  tooLarge: msg('docx.tooLarge', { arg: READ_LIMITS.inputBytes / 1024 / 1024 }),
  legacy: msg('docx.legacy'),
  encrypted: msg('docx.encrypted'),
  rtf: msg('docx.rtf'),
  markup: msg('docx.markup'),
  corrupt: msg('docx.corrupt'),
  notWord: msg('docx.notWord'),
  odf: msg('docx.odf'),
  tooManyEntries: msg('docx.tooManyEntries', { MAX_ENTRIES }),
  unpackedTooLarge: msg('docx.unpackedTooLarge', { arg: READ_LIMITS.unpackedBytes / 1024 / 1024 }),
  zipEncrypted: msg('docx.zipEncrypted'),
  doctype: msg('docx.doctype'),
  malformedXml: msg('docx.malformedXml'),
} satisfies Record<string, MessageText>;

function fail(text: MessageText, detail?: string): ReadFailure {
  return { error: detail ? msg('docx.with-detail', { text, detail }) : text };
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Files refused from their first bytes: empty, too large, legacy or encrypted (both OLE2 containers), RTF, HTML. */
function refuseBeforeUnzip(bytes: Uint8Array): ReadFailure | undefined {
  if (bytes.length === 0) return fail(FAILURES.empty);
  if (bytes.length > READ_LIMITS.inputBytes) return fail(FAILURES.tooLarge);
  if (OLE2_MAGIC.every((b, i) => bytes[i] === b)) {
    // An encrypted .docx is an OLE2 container holding the streams EncryptionInfo and EncryptedPackage; their names
    // are stored in UTF-16LE in the container's directory.
    return fail(containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo') ? FAILURES.encrypted : FAILURES.legacy);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return undefined;
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('{\\rtf')) return fail(FAILURES.rtf);
  if (head.startsWith('<') || head.startsWith('mime-version')) return fail(FAILURES.markup);
  return fail(FAILURES.corrupt);
}

function containsUtf16(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'utf16le'));
}

// ---- the zip container ----

class ZipRefused extends Error {
  constructor(readonly text: MessageText) {
    super(render(text, 'en'));
  }
}

/** The parts of a zip, inflated on demand within READ_LIMITS.unpackedBytes in all (zip bombs). */
class ZipParts {
  private unpacked = 0;
  private constructor(private zip: yauzl.ZipFile, private entries: Map<string, yauzl.Entry>) {}

  static async open(bytes: Uint8Array): Promise<ZipParts> {
    const zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      autoClose: false,
      // An entry whose data inflates beyond its declared size is an error as soon as it does.
      validateEntrySizes: true,
    });
    if (zip.entryCount > MAX_ENTRIES) {
      zip.close();
      throw new ZipRefused(FAILURES.tooManyEntries);
    }
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) {
      // Part names are case-insensitive in OPC; a backslash is a common mistake of zip tools on Windows.
      entries.set(normalisePart(entry.fileName), entry);
    }
    return new ZipParts(zip, entries);
  }

  has(name: string): boolean {
    return this.entries.has(normalisePart(name));
  }

  /** A part's text, or undefined when there is no such part. */
  async text(name: string): Promise<string | undefined> {
    const entry = this.entries.get(normalisePart(name));
    if (!entry) return undefined;
    if (entry.isEncrypted()) throw new ZipRefused(FAILURES.zipEncrypted);
    const remaining = READ_LIMITS.unpackedBytes - this.unpacked;
    // The declared size is checked first to refuse an honest bomb at once, but not trusted: the running count
    // below stops a lying one while it inflates.
    if (entry.uncompressedSize > remaining) throw new ZipRefused(FAILURES.unpackedTooLarge);
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw new ZipRefused(FAILURES.corrupt);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > remaining) {
          stream.destroy();
          throw new ZipRefused(FAILURES.unpackedTooLarge);
        }
        chunks.push(chunk);
      }
    } catch (e) {
      stream.destroy();
      if (e instanceof ZipRefused) throw e;
      // yauzl's "too many bytes in the stream": the entry inflates beyond what its header declares.
      throw new ZipRefused(/too many bytes/i.test(String((e as Error).message)) ? FAILURES.unpackedTooLarge : FAILURES.corrupt);
    }
    this.unpacked += size;
    return decodeXml(Buffer.concat(chunks, size));
  }

  close(): void {
    this.zip.close();
  }
}

function normalisePart(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

interface Relationship { type: string; target: string; external: boolean }

function relationships(xml: string | undefined): Relationship[] {
  const rels: Relationship[] = [];
  if (!xml) return rels;
  xmlEvents(xml, {
    open(name, attr) {
      if (name !== 'rel:Relationship' && name !== 'Relationship') return;
      rels.push({ type: attr('Type') ?? '', target: attr('Target') ?? '', external: attr('TargetMode') === 'External' });
    },
  });
  return rels;
}

/** The main document part named by the package relationships (word/document.xml in every Word and WPS file). */
async function mainPartName(zip: ZipParts): Promise<string | undefined> {
  const rels = relationships(await zip.text('_rels/.rels'));
  const main = rels.find((r) => r.type.endsWith('/officeDocument') && !r.external);
  return main ? resolvePart('', main.target) : undefined;
}

function relsName(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the part that names it. */
function resolvePart(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function readTitle(xml: string | undefined): string | undefined {
  if (!xml) return undefined;
  let inTitle = false;
  let title = '';
  try {
    xmlEvents(xml, {
      open(name) { inTitle = name === 'dc:title'; },
      close() { inTitle = false; },
      text(t) { if (inTitle) title += t; },
    });
  } catch {
    return undefined; // the core properties are optional: damaged ones are ignored
  }
  return title.trim() || undefined;
}

// ---- the body ----

/** Blocks being collected: the body, a table cell or a text box. */
interface Container { kind: 'body' | 'cell' | 'box'; blocks: SourceBlock[] }

interface Paragraph {
  parts: string[];
  style?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  centred?: boolean;
  /** The paragraph mark is a tracked deletion: the text joins the next paragraph. */
  markDeleted: boolean;
  chars: number;
  boldChars: number;
  /** Blocks that follow the paragraph: its pictures and text boxes. */
  after: SourceBlock[];
  container: Container;
}

interface Run { bold?: boolean; style?: string; hidden: boolean }

interface Cell {
  container: Container;
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
}

interface Row { cells: Cell[]; gridBefore: number; gridAfter: number; deleted: boolean }

interface Table { rows: Row[]; parent: Container }

interface Field { instruction: string; result: boolean }

interface Drawing { width?: number; height?: number; description?: string; kind?: 'image' | 'object'; textBox: boolean }

/** Frames of the element stack, each closed by its own element. */
type Frame =
  | { kind: 'p'; p: Paragraph }
  | { kind: 'pPr' | 'rPr' | 'numPr' | 'tcPr' | 'trPr' | 'r' | 't' | 'instr' | 'other' | 'sdtPr' | 'flat' | 'fldSimple' }
  | { kind: 'tbl'; table: Table }
  | { kind: 'tr'; row: Row }
  | { kind: 'tc'; cell: Cell }
  | { kind: 'txbx'; box: Container; host?: Paragraph }
  | { kind: 'alt'; chosen: boolean }
  | { kind: 'drawing'; drawing: Drawing }
  | { kind: 'sdt'; toc: boolean; placeholder: boolean };

/** Elements whose content is not the published text. */
const SKIPPED = new Set([
  // Tracked deletions and moves away: the published text is the one with every change accepted.
  'w:del', 'w:moveFrom', 'w:delText', 'w:delInstrText',
  // Former properties of tracked formatting changes.
  'w:pPrChange', 'w:rPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:sectPrChange', 'w:numberingChange', 'w:tblGridChange',
  // Section properties name the headers and footers, which are not body text.
  'w:sectPr', 'w:tblPr', 'w:tblGrid', 'w:sdtEndPr',
  // Footnote and comment marks carry no text here; the notes themselves live in other parts.
  'w:footnoteReference', 'w:endnoteReference', 'w:commentReference',
  // The phonetic guide above ruby text.
  'w:rt',
]);

const SYMBOLS: Record<string, string> = {
  F0B4: '×', F0B1: '±', F0A3: '≤', F0B3: '≥', F02D: '−', F0B8: '÷', F0D6: '√', F0B0: '°', F0B7: '•',
  F0A8: '□', F06F: '□', F0FE: '☑', F0FD: '☒', F0FC: '✓', F0FB: '✗', F0A1: '○', F06C: '●', F0D8: '➢',
};

function readBody(xml: string, styles: Styles, numbering: NumberingCounter): SourceDocument {
  const body: Container = { kind: 'body', blocks: [] };
  const notes = new Map<SourceBlock, MessageText[]>();
  const frames: Frame[] = [];
  const paragraphs: Paragraph[] = [];
  const fields: Field[] = [];
  const containers: Container[] = [body];
  const drawings: Drawing[] = [];
  let tableDepth = 0;
  let flattenedTables = false;
  let run: Run | undefined;
  let carried = ''; // text of a paragraph whose mark was deleted, joining the next one
  let firstHeadingSeen = false;

  const container = (): Container => containers[containers.length - 1];
  const top = (): Frame | undefined => frames[frames.length - 1];
  const paragraph = (): Paragraph | undefined => paragraphs[paragraphs.length - 1];
  /** Inside a field's instruction, or a table of contents' result, text is not published body text. */
  const fieldHides = (): boolean => fields.some((f) => !f.result || /^\s*TOC\b/i.test(f.instruction));
  const emit = (text: string): void => {
    const p = paragraph();
    if (!p || !run || run.hidden || fieldHides()) return;
    p.parts.push(text);
    const visible = text.replace(/\s/g, '').length;
    p.chars += visible;
    if (run.bold ?? styleBold(styles, run.style) ?? styleProperty(styles, p.style ?? styles.defaultParagraph, 'bold')) p.boldChars += visible;
  };
  const push = (frame: Frame): void => { frames.push(frame); };

  xmlEvents(xml, {
    open(name, attr) {
      const parent = top();
      if (parent?.kind === 'alt') {
        // Markup compatibility: read the first choice (Word's own markup) and skip the fallback that repeats it.
        if (name === 'mc:Choice' && !parent.chosen) { parent.chosen = true; push({ kind: 'other' }); return; }
        if (name === 'mc:Fallback' && !parent.chosen) { parent.chosen = true; push({ kind: 'other' }); return; }
        return false;
      }
      if (parent?.kind === 'pPr') {
        const p = paragraph();
        if (p) {
          if (name === 'w:pStyle') p.style = attr('w:val');
          else if (name === 'w:outlineLvl') p.outlineLevel = int(attr('w:val'));
          else if (name === 'w:jc') p.centred = attr('w:val') === 'center';
          else if (name === 'w:numPr') { push({ kind: 'numPr' }); return; }
          else if (name === 'w:rPr') { push({ kind: 'rPr' }); return; }
        }
        return false;
      }
      if (parent?.kind === 'numPr') {
        const p = paragraph();
        if (p && name === 'w:numId') p.numId = attr('w:val');
        else if (p && name === 'w:ilvl') p.ilvl = int(attr('w:val'));
        return false;
      }
      if (parent?.kind === 'rPr') {
        // Run properties, or the paragraph mark's properties inside w:pPr.
        if (run && frames[frames.length - 2]?.kind === 'r') {
          if (name === 'w:b') run.bold = isOn(attr('w:val'));
          else if (name === 'w:rStyle') run.style = attr('w:val');
          else if (name === 'w:vanish' || name === 'w:specVanish') run.hidden = isOn(attr('w:val'));
        } else if (name === 'w:del') {
          const p = paragraph();
          if (p) p.markDeleted = true;
        }
        return false;
      }
      if (parent?.kind === 'tcPr') {
        const cell = (frames[frames.length - 2] as Extract<Frame, { kind: 'tc' }> | undefined)?.cell;
        if (cell) {
          if (name === 'w:gridSpan') cell.gridSpan = clampSpan(int(attr('w:val')) ?? 1);
          // A w:vMerge without a value continues the merge above (WPS writes w:val="continue" explicitly).
          else if (name === 'w:vMerge') cell.vMerge = attr('w:val') === 'restart' ? 'restart' : 'continue';
          else if (name === 'w:hMerge') cell.hMerge = attr('w:val') === 'restart' ? 'restart' : 'continue';
        }
        return false;
      }
      if (parent?.kind === 'trPr') {
        const row = (frames[frames.length - 2] as Extract<Frame, { kind: 'tr' }> | undefined)?.row;
        if (row) {
          if (name === 'w:gridBefore') row.gridBefore = clampSpan(int(attr('w:val')) ?? 0, 0);
          else if (name === 'w:gridAfter') row.gridAfter = clampSpan(int(attr('w:val')) ?? 0, 0);
          else if (name === 'w:del') row.deleted = true; // a tracked deletion of the whole row
        }
        return false;
      }
      if (parent?.kind === 'sdtPr') {
        const sdt = frames[frames.length - 2] as Extract<Frame, { kind: 'sdt' }> | undefined;
        if (sdt && name === 'w:showingPlcHdr') sdt.placeholder = true;
        if (sdt && name === 'w:docPartGallery' && /table of contents/i.test(attr('w:val') ?? '')) sdt.toc = true;
        push({ kind: 'other' });
        return;
      }
      if (SKIPPED.has(name)) return false;
      const drawing = drawings[drawings.length - 1];

      switch (name) {
        case 'mc:AlternateContent': push({ kind: 'alt', chosen: false }); return;
        case 'w:p': {
          const p: Paragraph = { parts: [], markDeleted: false, chars: 0, boldChars: 0, after: [], container: container() };
          if (carried) { p.parts.push(carried); carried = ''; }
          paragraphs.push(p);
          push({ kind: 'p', p });
          return;
        }
        case 'w:pPr': push({ kind: 'pPr' }); return;
        case 'w:r': run = { hidden: false }; push({ kind: 'r' }); return;
        case 'w:rPr': push({ kind: 'rPr' }); return;
        case 'w:t': push({ kind: 't' }); return;
        case 'w:instrText': push({ kind: 'instr' }); return;
        case 'w:tab': case 'w:ptab': emit(' '); break;
        case 'w:br': case 'w:cr': emit('\n'); break;
        case 'w:noBreakHyphen': emit('-'); break;
        case 'w:softHyphen': break;
        case 'w:sym': emit(symbol(attr('w:char'), attr('w:font'))); break;
        case 'w:fldChar': {
          const type = attr('w:fldCharType');
          if (type === 'begin') fields.push({ instruction: '', result: false });
          else if (type === 'separate') { const f = fields[fields.length - 1]; if (f) f.result = true; }
          else if (type === 'end') fields.pop();
          break;
        }
        case 'w:fldSimple': {
          // A simple field: its runs are the result; its instruction is an attribute.
          const instruction = attr('w:instr') ?? '';
          fields.push({ instruction, result: true });
          push({ kind: 'fldSimple' });
          return;
        }
        case 'w:sdt': push({ kind: 'sdt', toc: false, placeholder: false }); return;
        case 'w:sdtPr': push({ kind: 'sdtPr' }); return;
        case 'w:sdtContent': {
          const sdt = parent?.kind === 'sdt' ? parent : undefined;
          // A table of contents repeats the headings; placeholder text ("单击此处输入文字") is not content.
          if (sdt && (sdt.toc || sdt.placeholder)) return false;
          push({ kind: 'other' });
          return;
        }
        case 'w:tbl': {
          if (tableDepth >= MAX_TABLE_NESTING) { flattenedTables = true; push({ kind: 'flat' }); return; }
          tableDepth++;
          push({ kind: 'tbl', table: { rows: [], parent: container() } });
          return;
        }
        case 'w:tr': {
          if (parent?.kind !== 'tbl') { push({ kind: 'flat' }); return; }
          const row: Row = { cells: [], gridBefore: 0, gridAfter: 0, deleted: false };
          parent.table.rows.push(row);
          push({ kind: 'tr', row });
          return;
        }
        case 'w:trPr': push({ kind: parent?.kind === 'tr' ? 'trPr' : 'other' }); return;
        case 'w:tc': {
          if (parent?.kind !== 'tr') { push({ kind: 'flat' }); return; }
          const cell: Cell = { container: { kind: 'cell', blocks: [] }, gridSpan: 1 };
          parent.row.cells.push(cell);
          containers.push(cell.container);
          push({ kind: 'tc', cell });
          return;
        }
        case 'w:tcPr': push({ kind: parent?.kind === 'tc' ? 'tcPr' : 'other' }); return;
        case 'w:txbxContent': {
          const box: Container = { kind: 'box', blocks: [] };
          if (drawing) drawing.textBox = true;
          containers.push(box);
          push({ kind: 'txbx', box, host: paragraph() });
          return;
        }
        case 'w:drawing': case 'w:pict': {
          const d: Drawing = { textBox: false };
          drawings.push(d);
          push({ kind: 'drawing', drawing: d });
          return;
        }
        case 'w:object': {
          // An embedded object (an Excel sheet pasted as a table, say): its preview is a picture of it.
          const p = paragraph();
          if (p) p.after.push({ kind: 'unreadable', what: 'object', description: '嵌入对象' });
          return false;
        }
        case 'w:altChunk': {
          container().blocks.push({ kind: 'unreadable', what: 'object', description: 'altChunk' });
          return false;
        }
        case 'wp:extent':
          if (drawing) { drawing.width = int(attr('cx')); drawing.height = int(attr('cy')); }
          break;
        case 'wp:docPr':
          if (drawing) drawing.description = attr('descr') || attr('title') || undefined;
          break;
        case 'a:graphicData': {
          const uri = attr('uri') ?? '';
          if (drawing && !drawing.kind) {
            if (uri.endsWith('/picture')) drawing.kind = 'image';
            else if (/\/(chart|diagram|chartex)$/.test(uri)) drawing.kind = 'object';
          }
          break;
        }
        case 'v:shape': {
          if (drawing) {
            const style = attr('style') ?? '';
            drawing.width = vmlLength(/(?:^|;)\s*width:\s*([\d.]+)(pt|in|cm|mm|px)?/.exec(style)) ?? drawing.width;
            drawing.height = vmlLength(/(?:^|;)\s*height:\s*([\d.]+)(pt|in|cm|mm|px)?/.exec(style)) ?? drawing.height;
            drawing.description ??= attr('alt') || undefined;
          }
          break;
        }
        case 'v:imagedata': case 'pic:pic': if (drawing) drawing.kind ??= 'image'; break;
      }
      push({ kind: 'other' });
    },

    close() {
      const frame = frames.pop();
      if (!frame) return;
      switch (frame.kind) {
        case 'p': {
          paragraphs.pop();
          closeParagraph(frame.p);
          break;
        }
        case 'r': run = undefined; break;
        case 'tc': {
          containers.pop();
          break;
        }
        case 'tbl': {
          tableDepth--;
          closeTable(frame.table);
          break;
        }
        case 'txbx': {
          containers.pop();
          if (frame.host) frame.host.after.push(...frame.box.blocks);
          else container().blocks.push(...frame.box.blocks);
          break;
        }
        case 'drawing': {
          const d = frame.drawing;
          drawings.pop();
          if (d.textBox || !d.kind || isSmall(d)) break;
          const block: SourceBlock = { kind: 'unreadable', what: d.kind, ...(d.description ? { description: d.description } : {}) };
          const p = paragraph();
          if (p) p.after.push(block); else container().blocks.push(block);
          break;
        }
        case 'fldSimple': fields.pop(); break;
      }
    },

    text(t) {
      const f = top();
      if (f?.kind === 't') emit(t);
      else if (f?.kind === 'instr') {
        const field = fields[fields.length - 1];
        if (field && !field.result) field.instruction += t;
      }
    },
  });

  function closeParagraph(p: Paragraph): void {
    let text = p.parts.join('').replace(/^[ \t\n]+|[ \t\n]+$/g, '');
    const numId = p.numId ?? styleProperty(styles, p.style ?? styles.defaultParagraph, 'numId');
    if (p.markDeleted && p.after.length === 0) {
      // Accepting the deletion of a paragraph mark joins this paragraph to the next.
      carried = text;
      return;
    }
    if (numId && numId !== '0' && text) {
      const ilvl = p.ilvl ?? styleProperty(styles, p.style ?? styles.defaultParagraph, 'ilvl') ?? 0;
      text = numbering.next(numId, ilvl) + text;
    }
    const target = p.container;
    if (text) {
      const heading = target.kind === 'cell' ? undefined : headingOf(p, text);
      if (heading) target.blocks.push(heading);
      else target.blocks.push({ kind: 'paragraph', text });
    }
    target.blocks.push(...p.after);
  }

  function headingOf(p: Paragraph, text: string): SourceBlock | undefined {
    const style = p.style ?? styles.defaultParagraph;
    const title = isTitleStyle(styles, style);
    const level = p.outlineLevel !== undefined && p.outlineLevel <= 8 ? p.outlineLevel : styleOutlineLevel(styles, style);
    const short = text.length <= HEADING_MAX_CHARS && !text.includes('\n') && !/[。；;]$/.test(text);
    const centred = p.centred ?? styleProperty(styles, style, 'centred') ?? false;
    const bold = p.chars > 0 && p.boldChars === p.chars;
    const styled = (title || level !== undefined) && text.length <= HEADING_MAX_CHARS * 3;
    if (!styled && !(short && (bold || centred))) return undefined;
    // The first heading, in a title style or centred, is the report's title.
    const isTitle = title || (!firstHeadingSeen && centred);
    firstHeadingSeen = true;
    return isTitle ? { kind: 'heading', text, depth: 1 } : { kind: 'heading', text };
  }

  function closeTable(table: Table): void {
    const rows = table.rows.filter((r) => !r.deleted && r.cells.length > 0);
    const target = table.parent;
    const cellCount = rows.reduce((n, r) => n + r.cells.length, 0);
    if (cellCount === 0) return;
    // A one-cell table is a frame around content (often the whole report, or a picture of a table): its content
    // is read as if it stood outside.
    if (cellCount === 1) {
      target.blocks.push(...rows[0].cells[0].container.blocks);
      return;
    }
    const block = layoutTable(rows);
    target.blocks.push(block.table);
    if (block.images > 0 || block.truncated) {
      const list = notes.get(block.table) ?? [];
      if (block.images > 0) {
        list.push(msg('docx.picture-s-in-the-table', { images: block.images }));
      }
      if (block.truncated) {
        list.push(msg('docx.the-table-has-more-than', { tableCells: READ_LIMITS.tableCells }));
      }
      notes.set(block.table, list);
    }
  }

  // Body paragraphs may have been left open by a truncated file; sax has already reported that as malformed.
  const blocks = body.blocks;
  const readerNotes: ReaderNote[] = [];
  blocks.forEach((b, i) => {
    for (const message of notes.get(b) ?? []) readerNotes.push({ block: i, message });
  });
  if (flattenedTables) {
    readerNotes.push({
      message: msg('docx.tables-are-nested-more-than', { MAX_TABLE_NESTING }),
    });
  }
  return { format: 'docx', blocks, notes: readerNotes };
}

/** Lays the rows out on the grid: vMerge continuations become the rowSpan of the cell that restarts the merge. */
function layoutTable(rows: Row[]): { table: Extract<SourceBlock, { kind: 'table' }>; images: number; truncated: boolean } {
  const out: SourceCell[][] = [];
  /** For each grid column, the cell whose vertical merge the row above left open there. */
  let open = new Map<number, SourceCell>();
  let images = 0;
  let cells = 0;
  let truncated = false;
  for (const row of rows) {
    const line: SourceCell[] = [];
    /** The merges this row continues or starts: a merge not continued in the very next row is closed. */
    const next = new Map<number, SourceCell>();
    let col = 0;
    if (row.gridBefore > 0) {
      line.push(spanned('', 1, row.gridBefore));
      col = row.gridBefore;
    }
    for (const cell of row.cells) {
      const span = cell.gridSpan;
      if (cell.hMerge === 'continue' && line.length > 0) {
        // Legacy horizontal merge (Word 97 tables): the cell widens the one before it.
        const prev = line[line.length - 1];
        prev.colSpan = clampSpan((prev.colSpan ?? 1) + span);
        col += span;
        continue;
      }
      const above = open.get(col);
      if (cell.vMerge === 'continue' && above && (above.colSpan ?? 1) === span) {
        above.rowSpan = clampSpan((above.rowSpan ?? 1) + 1);
        next.set(col, above);
        col += span;
        continue;
      }
      images += cell.container.blocks.filter((b) => b.kind === 'unreadable').length;
      const sourceCell = spanned(cellText(cell.container.blocks), 1, span);
      line.push(sourceCell);
      // A continuation with nothing above it starts a merge of its own, as Word shows it.
      if (cell.vMerge) next.set(col, sourceCell);
      col += span;
    }
    open = next;
    if (row.gridAfter > 0) line.push(spanned('', 1, row.gridAfter));
    cells += col + row.gridAfter;
    if (cells > READ_LIMITS.tableCells) { truncated = true; break; }
    out.push(line);
  }
  return { table: { kind: 'table', rows: out }, images, truncated };
}

function spanned(text: string, rowSpan: number, colSpan: number): SourceCell {
  const cell: SourceCell = { text };
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  if (colSpan > 1) cell.colSpan = colSpan;
  return cell;
}

/** A cell's text: its paragraphs joined with '\n'; a table nested in it as lines of its cells' text. */
function cellText(blocks: SourceBlock[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'heading') lines.push(b.text);
    else if (b.kind === 'table') for (const row of b.rows) lines.push(row.map((c) => c.text.replace(/\n/g, ' ')).filter(Boolean).join(' '));
  }
  return lines.filter((l) => l !== '').join('\n');
}

function clampSpan(n: number, min = 1): number {
  return Math.max(min, Math.min(n, READ_LIMITS.span));
}

function styleBold(styles: Styles, id: string | undefined): boolean | undefined {
  return id ? styleProperty(styles, id, 'bold') : undefined;
}

function symbol(char: string | undefined, font: string | undefined): string {
  if (!char) return '';
  const code = Number.parseInt(char, 16);
  if (!Number.isFinite(code)) return '';
  const known = SYMBOLS[char.toUpperCase()];
  if (known) return known;
  // Symbol fonts put their characters at F000–F0FF; their ASCII range keeps digits and punctuation.
  if (code >= 0xf020 && code <= 0xf07e && !/wingdings|webdings/i.test(font ?? '')) {
    const ascii = String.fromCharCode(code - 0xf000);
    return /[0-9\s!-/:-@[-`{-~]/.test(ascii) ? ascii : '';
  }
  if (code >= 0xf000 && code <= 0xf0ff) return '';
  return String.fromCodePoint(code);
}

/** A VML length in EMU (914400 per inch). */
function vmlLength(m: RegExpExecArray | null): number | undefined {
  if (!m) return undefined;
  const n = Number(m[1]);
  const perUnit: Record<string, number> = { pt: 12700, in: 914400, cm: 360000, mm: 36000, px: 9525 };
  return Math.round(n * (perUnit[m[2] ?? 'px'] ?? 9525));
}

/** Pictures under a centimetre in either direction are icons or rules, not a table printed as an image. */
function isSmall(d: Drawing): boolean {
  const CM = 360000;
  return (d.width !== undefined && d.width < CM) || (d.height !== undefined && d.height < CM);
}
