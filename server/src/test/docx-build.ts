// Builds .docx files for the Word reader's tests the way Word and WPS lay a report out: a zip of OOXML parts
// written here (no generator library, so every merge, numbering and revision is exactly as those programs write it),
// and reports made from the clean samples with the official template's merged tables.
import zlib from 'node:zlib';

// ---- zip ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  content?: string | Uint8Array;
  /** Already deflated data (with `declaredSize` it can lie about what it inflates to). */
  deflated?: Uint8Array;
  declaredSize?: number;
  /** Stored (method 0) instead of deflated. */
  stored?: boolean;
}

/** A zip archive of the entries, as every zip tool writes it (local headers, central directory, end record). */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = e.content === undefined ? Buffer.alloc(0) : Buffer.from(typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content);
    const method = e.stored ? 0 : 8;
    const data = e.deflated ? Buffer.from(e.deflated) : e.stored ? raw : zlib.deflateRawSync(raw);
    const size = e.declaredSize ?? raw.length;
    const crc = e.deflated ? 0 : crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Deflated data that inflates to `megabytes` MB of spaces, made without ever holding them: one deflated megabyte
 * ending in a full flush, repeated, then an empty final block. */
export function deflatedSpaces(megabytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(megabytes).fill(block), Buffer.from([0x03, 0x00])]);
}

// ---- OOXML parts ----

const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
};
const XMLNS = Object.entries(NS).map(([p, u]) => `xmlns:${p}="${u}"`).join(' ');
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function documentXml(body: string, sectPr = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'): string {
  return `${DECL}<w:document ${XMLNS} mc:Ignorable="w14"><w:body>${body}${sectPr}</w:body></w:document>`;
}

export interface DocxParts {
  document: string;
  styles?: string;
  numbering?: string;
  title?: string;
  /** Other parts, by name (headers, media). */
  extra?: Record<string, string | Uint8Array>;
  /** Relationships of the document part beyond styles and numbering. */
  rels?: string;
}

/** A complete .docx package around the parts. */
export function docx(parts: DocxParts): Buffer {
  const rels = [
    parts.styles ? '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : '',
    parts.numbering ? '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>' : '',
    parts.rels ?? '',
  ].join('');
  const entries: ZipEntry[] = [
    {
      name: '[Content_Types].xml',
      content: `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`
        + '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        + '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        + '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      content: `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    },
    { name: 'word/document.xml', content: parts.document },
    {
      name: 'word/_rels/document.xml.rels',
      content: `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
  ];
  if (parts.styles) entries.push({ name: 'word/styles.xml', content: parts.styles });
  if (parts.numbering) entries.push({ name: 'word/numbering.xml', content: parts.numbering });
  if (parts.title !== undefined) {
    entries.push({
      name: 'docProps/core.xml',
      content: `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(parts.title)}</dc:title><dc:creator>Administrator</dc:creator></cp:coreProperties>`,
    });
  }
  for (const [name, content] of Object.entries(parts.extra ?? {})) entries.push({ name, content });
  return zip(entries);
}

export function run(text: string, rPr = ''): string {
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

export function para(content: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
}

/** A cell of a table model: what the reader should give back. */
export interface ModelCell { text: string; rowSpan?: number; colSpan?: number }

export interface TableStyle {
  /** WPS writes w:val="continue" on vertical continuations; Word writes a bare <w:vMerge/>. */
  explicitContinue?: boolean;
  /** WPS writes an empty <w:tcPr/> on plain cells. */
  emptyTcPr?: boolean;
  /** The runs of a cell's text (tracked changes, say). */
  cellRuns?: (text: string) => string;
  /** Extra rows, as XML, after the model's rows (tracked deletions, say). */
  extraRows?: string;
}

/** The OOXML of a ruled table laid out as `rows` says: gridSpan for colSpan, vMerge restart/continue for rowSpan. */
export function tableXml(rows: ModelCell[][], style: TableStyle = {}): string {
  const columns = rows[0].reduce((n, c) => n + (c.colSpan ?? 1), 0);
  const width = Math.floor(8800 / columns);
  /** Vertical merges still open, by starting grid column: the last row they cover and their width. */
  const open = new Map<number, { last: number; span: number }>();
  const border = '<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>';
  let xml = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>${border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`;
  xml += `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
  const runs = style.cellRuns ?? ((t: string) => run(t));
  const tc = (text: string, span: number, vMerge: string): string => {
    const props = `${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${vMerge}`;
    const tcPr = props || !style.emptyTcPr ? `<w:tcPr><w:tcW w:w="${width * span}" w:type="dxa"/>${props}<w:vAlign w:val="center"/></w:tcPr>` : '<w:tcPr/>';
    const paragraphs = text.split('\n').map((line) => para(line ? runs(line) : '', '<w:jc w:val="center"/>')).join('');
    return `<w:tc>${tcPr}${paragraphs}</w:tc>`;
  };
  rows.forEach((row, r) => {
    xml += '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>';
    let col = 0;
    const continuations = (): void => {
      for (let m = open.get(col); m && m.last >= r; m = open.get(col)) {
        xml += tc('', m.span, style.explicitContinue ? '<w:vMerge w:val="continue"/>' : '<w:vMerge/>');
        col += m.span;
      }
    };
    for (const cell of row) {
      continuations();
      const span = cell.colSpan ?? 1;
      const restart = (cell.rowSpan ?? 1) > 1;
      if (restart) open.set(col, { last: r + cell.rowSpan! - 1, span });
      xml += tc(cell.text, span, restart ? '<w:vMerge w:val="restart"/>' : '');
      col += span;
    }
    continuations();
    xml += '</w:tr>';
  });
  return `${xml}${style.extraRows ?? ''}</w:tbl>`;
}

// ---- styles and numbering as Word and WPS write them ----

export interface Flavour {
  name: 'word' | 'wps';
  /** Style ids: Word uses Heading1, WPS numbers its styles. */
  heading1: string;
  heading2: string;
  title: string;
}

export const WORD: Flavour = { name: 'word', heading1: 'Heading1', heading2: 'Heading2', title: 'Title' };
export const WPS: Flavour = { name: 'wps', heading1: '2', heading2: '3', title: '4' };

export function stylesXml(f: Flavour, headingNumbering: boolean): string {
  const numPr = (ilvl: number): string => (headingNumbering ? `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr>` : '');
  const heading1Name = f.name === 'word' ? 'heading 1' : '标题 1';
  return `${DECL}<w:styles xmlns:w="${NS.w}">`
    + '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>'
    + `<w:style w:type="paragraph" w:default="1" w:styleId="${f.name === 'word' ? 'Normal' : '1'}"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>`
    + `<w:style w:type="paragraph" w:styleId="${f.heading1}"><w:name w:val="${heading1Name}"/><w:basedOn w:val="${f.name === 'word' ? 'Normal' : '1'}"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/>${numPr(0)}${f.name === 'word' ? '<w:outlineLvl w:val="0"/>' : ''}</w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:style>`
    // Heading 2 is based on Heading 1 and names no outline level of its own in the WPS flavour: found by its name.
    + `<w:style w:type="paragraph" w:styleId="${f.heading2}"><w:name w:val="${f.name === 'word' ? 'heading 2' : '标题 2'}"/><w:basedOn w:val="${f.name === 'word' ? 'Normal' : '1'}"/><w:qFormat/><w:pPr><w:keepNext/>${numPr(1)}${f.name === 'word' ? '<w:outlineLvl w:val="1"/>' : ''}</w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:b/></w:rPr></w:style>`
    + `<w:style w:type="paragraph" w:styleId="${f.title}"><w:name w:val="Title"/><w:basedOn w:val="${f.name === 'word' ? 'Normal' : '1'}"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr></w:style>`
    + '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
    + '</w:styles>';
}

/** One multi-level list: 一、 at level 0 and （一） at level 1 (chineseCounting), 1. at level 2. */
export function numberingXml(): string {
  const lvl = (ilvl: number, fmt: string, text: string): string => {
    // Word 2010+ wraps only formats without a plain equivalent (001, 002 …) in mc:AlternateContent.
    const numFmt = fmt === 'decimalZero3'
      ? '<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>'
      : `<w:numFmt w:val="${fmt}"/>`;
    return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/>${numFmt}<w:suff w:val="nothing"/><w:lvlText w:val="${esc(text)}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>`;
  };
  return `${DECL}<w:numbering xmlns:w="${NS.w}" xmlns:mc="${NS.mc}" xmlns:w14="${NS.w14}" mc:Ignorable="w14">`
    + `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}${lvl(2, 'decimal', '%3.')}${lvl(3, 'decimalZero3', '%4')}</w:abstractNum>`
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    + '</w:numbering>';
}

// ---- reports from the samples ----

export type Variant = 'word' | 'wps' | 'tracked' | 'image';

export interface BuiltReport {
  bytes: Buffer;
  /** The tables the reader should give back, in order. */
  tables: ModelCell[][][];
  /** The published text, for the figure multiset. */
  text: string;
}

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const SECTION = /^([一二三四五六七八九十]+)、/;
const SUB_PART = /^（([一二三四五六七八九十]+)）/;

function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** The 三 table as the official template lays it out: a 3-row header, three label columns merged vertically. */
export function mergedApplicationTable(md: string[][]): ModelCell[][] {
  const rows: ModelCell[][] = [
    [{ text: NOTE, rowSpan: 3, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((text) => ({ text })),
  ];
  const leaves: Array<{ path: string[]; numbers: string[] }> = [];
  let l1 = '';
  let l2 = '';
  if (md[0][0].startsWith('（本列数据')) {
    // The sample already in the merged layout (empty label cells continue the label above): read its label paths.
    let previous: string[] = [];
    for (const row of md.slice(3)) {
      const labels = row.slice(0, 3);
      const path = labels[0] ? labels.filter(Boolean) : labels[1] ? [previous[0], labels[1], labels[2]].filter(Boolean) : [previous[0], previous[1], labels[2]];
      leaves.push({ path, numbers: row.slice(3) });
      previous = path;
    }
  }
  for (const row of leaves.length > 0 ? [] : md.slice(1)) {
    const [label, ...numbers] = row;
    const group = numbers.every((n) => n === '');
    if (SECTION.test(label)) { l1 = label; l2 = ''; if (!group) leaves.push({ path: [label], numbers }); continue; }
    if (SUB_PART.test(label)) { l2 = label; if (!group) leaves.push({ path: [l1, label], numbers }); continue; }
    leaves.push({ path: [l1, l2, label], numbers });
  }
  leaves.forEach((leaf, i) => {
    const row: ModelCell[] = [];
    leaf.path.forEach((text, d) => {
      const prefix = leaf.path.slice(0, d + 1).join('/');
      const samePrefix = (j: number): boolean => j >= 0 && j < leaves.length && leaves[j].path.slice(0, d + 1).join('/') === prefix && leaves[j].path.length > d;
      if (samePrefix(i - 1)) return; // covered by the merge above
      let span = 1;
      while (samePrefix(i + span)) span++;
      const cell: ModelCell = { text };
      if (span > 1) cell.rowSpan = span;
      if (d === leaf.path.length - 1 && d < 2) cell.colSpan = 3 - d;
      row.push(cell);
    });
    for (const n of leaf.numbers) row.push({ text: n });
    rows.push(row);
  });
  return rows;
}

/** The 四 table as the template has it: one 15-column table with a 3-row header. */
function mergedReviewTable(numbers: string[]): ModelCell[][] {
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    [{ text: '行政复议', colSpan: 5 }, { text: '行政诉讼', colSpan: 10 }],
    [...heads.map((text) => ({ text, rowSpan: 2 })), { text: '未经复议直接起诉', colSpan: 5 }, { text: '复议后起诉', colSpan: 5 }],
    [...heads, ...heads].map((text) => ({ text })),
    numbers.map((text) => ({ text })),
  ];
}

const PICTURE = (cx: number, cy: number, descr: string): string =>
  `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="1" name="图片 1" descr="${esc(descr)}"/>`
  + `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>`
  + `<pic:blipFill><a:blip r:embed="rIdImage1"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

/** A .docx of a sample report (Markdown in the dialect), laid out as Word or WPS would. */
export function reportDocx(markdown: string, variant: Variant): BuiltReport {
  const flavour = variant === 'wps' ? WPS : WORD;
  const lines = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split('\n');
  const tables: ModelCell[][][] = [];
  const text: string[] = [];
  let body = '';
  let tracked = 0;
  const trackedRuns = (t: string): string => {
    // Every third figure was corrected with tracked changes: the old value deleted, the new one inserted.
    if (variant !== 'tracked' || !/^\d+$/.test(t) || tracked++ % 3 !== 0) return run(t);
    return `<w:del w:id="${tracked}" w:author="审核人" w:date="2023-01-10T09:00:00Z"><w:r><w:delText>9${t}9</w:delText></w:r></w:del>`
      + `<w:ins w:id="${tracked + 1000}" w:author="审核人" w:date="2023-01-10T09:00:00Z">${run(t)}</w:ins>`;
  };
  const tableStyle: TableStyle = {
    explicitContinue: variant === 'wps',
    emptyTcPr: variant === 'wps',
    cellRuns: trackedRuns,
  };
  let section = '';
  let reviewTables: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('|')) {
      const md: string[][] = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) if (!/^\|[\s|:-]+\|$/.test(lines[i])) md.push(cells(lines[i]));
      i--;
      if (section.startsWith('四')) {
        // Three 5-column tables in the sample, or already the one 15-column table.
        reviewTables.push(md[md.length - 1]);
        if (md[0].length < 15 && reviewTables.length < 3) continue;
        const model = mergedReviewTable(reviewTables.flat());
        reviewTables = [];
        tables.push(model);
        body += tableXml(model, tableStyle);
        text.push(model.flat().map((c) => c.text).join(' '));
        continue;
      }
      const application = md[0][1] === '自然人' || md[0][0].startsWith('（本列数据');
      const model: ModelCell[][] = application ? mergedApplicationTable(md) : md.map((r) => {
        // A block row of section 二's combined table (第二十条第（一）项) spans the table, as in the template.
        if (/^第二十条/.test(r[0]) && r.slice(1).every((c) => c === '')) return [{ text: r[0], colSpan: r.length }];
        return r.map((t) => ({ text: t }));
      });
      if (variant === 'image' && application) {
        // The table printed as a picture (pasted from a scan or a screenshot), as some bodies publish it.
        body += para(PICTURE(5760720, 7920000, '收到和处理政府信息公开申请情况表'), '<w:jc w:val="center"/>');
        continue;
      }
      text.push(model.flat().map((c) => c.text).join(' '));
      tables.push(model);
      const extraRows = variant === 'tracked' && application
        ? `<w:tr><w:trPr><w:del w:id="5000" w:author="审核人" w:date="2023-01-10T09:00:00Z"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>${para(run('五、删除的行'))}</w:tc>${`<w:tc>${para(run('777'))}</w:tc>`.repeat(7)}</w:tr>`
        : undefined;
      body += tableXml(model, { ...tableStyle, extraRows });
      continue;
    }
    if (line.startsWith('# ')) {
      const title = line.slice(2);
      text.push(title);
      body += flavour.name === 'word'
        ? para(run(title), `<w:pStyle w:val="${flavour.title}"/>`)
        : para(run(title, '<w:rFonts w:eastAsia="方正小标宋简体"/><w:b/><w:sz w:val="44"/>'), '<w:jc w:val="center"/><w:spacing w:line="560" w:lineRule="exact"/>');
      continue;
    }
    if (line.startsWith('## ')) {
      section = line.slice(3);
      text.push(section);
      const title = section.replace(SECTION, '');
      // Section ordinals come from automatic numbering: through the heading style in Word, directly in WPS.
      body += flavour.name === 'word'
        ? para(run(title), `<w:pStyle w:val="${flavour.heading1}"/>`)
        : para(run(title, '<w:rFonts w:eastAsia="黑体"/>'), `<w:pStyle w:val="${flavour.heading1}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>`);
      continue;
    }
    if (line.startsWith('### ')) {
      const heading = line.slice(4);
      if (section.startsWith('四')) continue; // 行政复议 / 行政诉讼…: heads of the one merged table
      text.push(heading);
      const numbered = SUB_PART.test(heading);
      if (flavour.name === 'word') {
        // A heading without an ordinal turns the style's numbering off (numId 0).
        body += numbered
          ? para(run(heading.replace(SUB_PART, '')), `<w:pStyle w:val="${flavour.heading2}"/>`)
          : para(run(heading), `<w:pStyle w:val="${flavour.heading2}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`);
      } else {
        // WPS: sub-parts typed by hand, bold, in the body style.
        body += para(run(heading, '<w:rFonts w:eastAsia="楷体_GB2312"/><w:b/>'), '<w:ind w:firstLine="640"/>');
      }
      continue;
    }
    if (line.trim() === '') continue;
    text.push(line);
    if (variant === 'tracked' && line.includes('全年新收政府信息公开申请')) {
      // A sentence rewritten with tracked changes, and a paragraph deleted whole.
      const [before, after] = line.split('全年新收政府信息公开申请');
      body += para(run(before)
        + '<w:del w:id="7001" w:author="审核人"><w:r><w:delText>全年共收到申请160件，</w:delText></w:r></w:del>'
        + `<w:ins w:id="7002" w:author="审核人">${run('全年新收政府信息公开申请')}</w:ins>` + run(after), '<w:ind w:firstLine="640"/>');
      body += `<w:p><w:pPr><w:rPr><w:del w:id="7003" w:author="审核人"/></w:rPr></w:pPr><w:del w:id="7004" w:author="审核人"><w:r><w:delText>此段已删除，含数字4321。</w:delText></w:r></w:del></w:p>`;
      continue;
    }
    body += para(run(line), '<w:ind w:firstLine="640"/><w:spacing w:line="560" w:lineRule="exact"/>');
  }
  const header = `${DECL}<w:hdr xmlns:w="${NS.w}">${para(run('青岚区人民政府 第 1 页'))}</w:hdr>`;
  const sectPr = '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/></w:sectPr>';
  const bytes = docx({
    document: documentXml(body, sectPr),
    styles: stylesXml(flavour, flavour.name === 'word'),
    numbering: numberingXml(),
    title: flavour.name === 'word' ? lines.find((l) => l.startsWith('# '))?.slice(2) : undefined,
    rels: '<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
      + (variant === 'image' ? '<Relationship Id="rIdImage1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>' : ''),
    extra: {
      'word/header1.xml': header,
      ...(variant === 'image' ? { 'word/media/image1.png': Buffer.from('89504e470d0a1a0a', 'hex') } : {}),
    },
  });
  return { bytes, tables, text: text.join('\n') };
}
