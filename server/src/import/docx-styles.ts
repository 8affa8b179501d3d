// What word/styles.xml and word/numbering.xml tell the DOCX reader: which paragraphs are headings (outline levels,
// through basedOn chains), which are bold or centred by style, and the number a reader sees before an automatically
// numbered paragraph (一、 （一） 1. …), counted in document order as Word counts it.
import { xmlEvents } from './docx-xml.js';

export interface ParagraphStyle {
  id: string;
  name?: string;
  basedOn?: string;
  outlineLevel?: number;
  bold?: boolean;
  centred?: boolean;
  numId?: string;
  ilvl?: number;
}

export interface Styles {
  byId: Map<string, ParagraphStyle>;
  /** The paragraph style of a paragraph without w:pStyle. */
  defaultParagraph?: string;
}

/** Reads styles.xml; a missing or unreadable part gives no styles. */
export function readStyles(xml: string | undefined): Styles {
  const styles: Styles = { byId: new Map() };
  if (!xml) return styles;
  let style: ParagraphStyle | undefined;
  let where: 'pPr' | 'rPr' | 'numPr' | undefined;
  const path: string[] = [];
  xmlEvents(xml, {
    open(name, attr) {
      path.push(name);
      if (name === 'w:style') {
        style = { id: attr('w:styleId') ?? '' };
        if (attr('w:type') === 'paragraph' && attr('w:default') !== undefined && isOn(attr('w:default'))) styles.defaultParagraph = style.id;
        if (style.id) styles.byId.set(style.id, style);
        return;
      }
      if (!style) return;
      const parent = path[path.length - 2];
      if (parent === 'w:style') {
        if (name === 'w:name') style.name = attr('w:val');
        else if (name === 'w:basedOn') style.basedOn = attr('w:val');
        else if (name === 'w:pPr') where = 'pPr';
        else if (name === 'w:rPr') where = 'rPr';
      } else if (where === 'pPr' && parent === 'w:pPr') {
        if (name === 'w:outlineLvl') style.outlineLevel = int(attr('w:val'));
        else if (name === 'w:jc') style.centred = attr('w:val') === 'center';
        else if (name === 'w:numPr') where = 'numPr';
      } else if (where === 'numPr' && parent === 'w:numPr') {
        if (name === 'w:numId') style.numId = attr('w:val');
        else if (name === 'w:ilvl') style.ilvl = int(attr('w:val'));
      } else if (where === 'rPr' && parent === 'w:rPr' && name === 'w:b') {
        style.bold = isOn(attr('w:val'));
      }
    },
    close(name) {
      path.pop();
      if (name === 'w:style') style = undefined;
      else if (name === 'w:numPr') where = 'pPr';
      else if (name === 'w:pPr' || name === 'w:rPr') where = undefined;
    },
  }, SKIPPED_IN_PARTS);
  return styles;
}

/** Elements of styles and numbering whose content is not the part's current state (revisions). */
const SKIPPED_IN_PARTS = new Set(['w:pPrChange', 'w:rPrChange', 'w:numberingChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange']);

/** A style's property, looked up through its basedOn chain (cycles and runaway chains stop after 20 steps). */
export function styleProperty<K extends keyof ParagraphStyle>(styles: Styles, id: string | undefined, key: K): ParagraphStyle[K] | undefined {
  for (let i = 0, s = id ? styles.byId.get(id) : undefined; s && i < 20; i++, s = s.basedOn ? styles.byId.get(s.basedOn) : undefined) {
    if (s[key] !== undefined) return s[key];
  }
  return undefined;
}

/** The outline level (0 = Heading 1) a style gives, from w:outlineLvl or the built-in heading names (Word, WPS). */
export function styleOutlineLevel(styles: Styles, id: string | undefined): number | undefined {
  for (let i = 0, s = id ? styles.byId.get(id) : undefined; s && i < 20; i++, s = s.basedOn ? styles.byId.get(s.basedOn) : undefined) {
    if (s.outlineLevel !== undefined) return s.outlineLevel <= 8 ? s.outlineLevel : undefined;
    const m = /^(?:heading|标题|標題)\s*([1-9])$/i.exec((s.name ?? '').trim()) ?? /^(?:heading)([1-9])$/i.exec(s.id);
    if (m) return Number(m[1]) - 1;
  }
  return undefined;
}

/** A title style (Word's "Title", shown as 标题 in Chinese Word). */
export function isTitleStyle(styles: Styles, id: string | undefined): boolean {
  for (let i = 0, s = id ? styles.byId.get(id) : undefined; s && i < 20; i++, s = s.basedOn ? styles.byId.get(s.basedOn) : undefined) {
    if (/^(?:title|标题|標題)$/i.test((s.name ?? '').trim()) || s.id === 'Title') return true;
  }
  return false;
}

// ---- numbering ----

interface Level {
  start: number;
  format: string;
  text?: string;
  legal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  style?: string;
  /** The format came from a custom w:format understood here: the plain fallback does not replace it. */
  custom?: boolean;
}

interface Num {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Level>;
}

export interface Numbering {
  abstracts: Map<string, Map<number, Level>>;
  /** abstractNum ids that only point at a numbering style (w:numStyleLink). */
  styleLinks: Map<string, string>;
  nums: Map<string, Num>;
}

export function readNumbering(xml: string | undefined): Numbering {
  const numbering: Numbering = { abstracts: new Map(), styleLinks: new Map(), nums: new Map() };
  if (!xml) return numbering;
  let levels: Map<number, Level> | undefined;
  let level: Level | undefined;
  let num: Num | undefined;
  let overrideLevel: number | undefined;
  xmlEvents(xml, {
    open(name, attr) {
      switch (name) {
        case 'w:abstractNum':
          levels = new Map();
          numbering.abstracts.set(attr('w:abstractNumId') ?? '', levels);
          break;
        case 'w:numStyleLink': {
          const id = [...numbering.abstracts].find(([, l]) => l === levels)?.[0];
          const val = attr('w:val');
          if (id !== undefined && val) numbering.styleLinks.set(id, val);
          break;
        }
        case 'w:lvl': {
          level = { start: 1, format: 'decimal', legal: false, suffix: 'tab' };
          const ilvl = int(attr('w:ilvl')) ?? 0;
          if (num && overrideLevel !== undefined) num.levelOverrides.set(overrideLevel, level);
          else levels?.set(ilvl, level);
          break;
        }
        case 'w:start': if (level) level.start = int(attr('w:val')) ?? 1; break;
        case 'w:numFmt': {
          // Word 2010+ writes a custom format (001, 002 …) in mc:Choice and a plain one in mc:Fallback: the custom one
          // is kept when understood here, else the plain one.
          const val = attr('w:val');
          if (!level || !val) break;
          if (val === 'custom') {
            const format = customFormat(attr('w:format'));
            if (format) { level.format = format; level.custom = true; }
          } else if (!level.custom) level.format = val;
          break;
        }
        case 'w:lvlText': if (level) level.text = attr('w:val') ?? ''; break;
        case 'w:isLgl': if (level) level.legal = isOn(attr('w:val')); break;
        case 'w:suff': if (level) level.suffix = (attr('w:val') as Level['suffix']) ?? 'tab'; break;
        case 'w:pStyle': if (level) level.style = attr('w:val'); break;
        case 'w:num':
          num = { abstractId: '', startOverrides: new Map(), levelOverrides: new Map() };
          numbering.nums.set(attr('w:numId') ?? '', num);
          break;
        case 'w:abstractNumId': if (num) num.abstractId = attr('w:val') ?? ''; break;
        case 'w:lvlOverride': overrideLevel = int(attr('w:ilvl')) ?? 0; break;
        case 'w:startOverride': if (num && overrideLevel !== undefined) num.startOverrides.set(overrideLevel, int(attr('w:val')) ?? 1); break;
      }
    },
    close(name) {
      if (name === 'w:abstractNum') levels = undefined;
      else if (name === 'w:lvl') level = undefined;
      else if (name === 'w:num') num = undefined;
      else if (name === 'w:lvlOverride') overrideLevel = undefined;
    },
  }, SKIPPED_IN_PARTS);
  return numbering;
}

/** A custom w:format ("001, 002, 003, ...") as a format of formatNumber, or undefined when not understood. */
function customFormat(format: string | undefined): string | undefined {
  const zeros = /^(0+)1\b/.exec(format ?? '');
  if (zeros) return `zeroPadded${zeros[1].length + 1}`;
  if (/^一/.test(format ?? '')) return 'chineseCounting';
  return undefined;
}

/** Counts numbered paragraphs in document order and renders the label each one shows. */
export class NumberingCounter {
  private counts = new Map<string, number[]>();
  constructor(private numbering: Numbering, private styles: Styles) {}

  /** The label of the next paragraph of list `numId` at level `ilvl` ('' for bullets, unknown lists, numId 0). */
  next(numId: string, ilvl: number): string {
    const num = this.numbering.nums.get(numId);
    if (!num) return '';
    const levels = this.levels(num.abstractId);
    if (!levels) return '';
    const levelOf = (i: number): Level | undefined => num.levelOverrides.get(i) ?? levels.get(i);
    const level = levelOf(ilvl);
    if (!level) return '';
    const startOf = (i: number): number => num.startOverrides.get(i) ?? levelOf(i)?.start ?? 1;
    // Lists that share an abstract numbering continue one another in Word, unless one restarts with an override.
    const key = num.startOverrides.size > 0 || num.levelOverrides.size > 0 ? `n${numId}` : `a${num.abstractId}`;
    let counts = this.counts.get(key);
    if (!counts) this.counts.set(key, (counts = []));
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl] + 1;
    counts.length = ilvl + 1;
    if (level.format === 'bullet' || level.text === undefined) return '';
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const format = level.legal && i < ilvl ? 'decimal' : (levelOf(i)?.format ?? 'decimal');
      return formatNumber(counts![i] ?? startOf(i), format);
    });
    if (!label) return '';
    const needsSpace = level.suffix !== 'nothing' && /[\p{L}\p{N}]$/u.test(label);
    return needsSpace ? label + ' ' : label;
  }

  private levels(abstractId: string): Map<number, Level> | undefined {
    const link = this.numbering.styleLinks.get(abstractId);
    if (link) {
      const numId = styleProperty(this.styles, link, 'numId');
      const target = numId ? this.numbering.nums.get(numId)?.abstractId : undefined;
      if (target !== undefined && target !== abstractId) return this.numbering.abstracts.get(target);
    }
    return this.numbering.abstracts.get(abstractId);
  }
}

const DIGITS = '〇一二三四五六七八九';
const LEGAL_SIMPLIFIED = '零壹贰叁肆伍陆柒捌玖';
const LEGAL_TRADITIONAL = '零壹貳參肆伍陸柒捌玖';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PARENTHESISED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const FULL_STOP = '⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** A list number as Word renders it in the given w:numFmt. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting': case 'chineseCountingThousand': case 'japaneseCounting': case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand': case 'koreanCounting':
      return chineseCounting(n, DIGITS.replace('〇', '零'), ['', '十', '百', '千'], true);
    case 'chineseLegalSimplified': return chineseCounting(n, LEGAL_SIMPLIFIED, ['', '拾', '佰', '仟'], false);
    case 'ideographLegalTraditional': case 'japaneseLegal': return chineseCounting(n, LEGAL_TRADITIONAL, ['', '拾', '佰', '仟'], false);
    case 'ideographDigital': case 'taiwaneseDigital': case 'japaneseDigitalTenThousand':
      return String(n).replace(/\d/g, (d) => DIGITS[Number(d)]);
    case 'ideographTraditional': return n >= 1 ? HEAVENLY_STEMS[(n - 1) % 10] : String(n);
    case 'ideographZodiac': return n >= 1 ? EARTHLY_BRANCHES[(n - 1) % 12] : String(n);
    case 'decimalEnclosedCircle': case 'decimalEnclosedCircleChinese': case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20 ? CIRCLED[n - 1] : String(n);
    case 'decimalEnclosedParen': return n >= 1 && n <= 20 ? PARENTHESISED[n - 1] : `(${n})`;
    case 'decimalEnclosedFullstop': return n >= 1 && n <= 20 ? FULL_STOP[n - 1] : `${n}.`;
    case 'decimalFullWidth': case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero': return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'upperLetter': case 'lowerLetter': {
      if (n < 1) return String(n);
      const letter = String.fromCharCode(65 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'none': return '';
    default: {
      const padded = /^zeroPadded(\d)$/.exec(format);
      return padded ? String(n).padStart(Number(padded[1]), '0') : String(n);
    }
  }
}

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (with `shortTen`, 10–19 drop the leading 一). */
function chineseCounting(n: number, digits: string, units: string[], shortTen: boolean): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n === 0) return digits[0];
  const parts = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  parts.forEach((d, i) => {
    const unit = units[parts.length - 1 - i];
    if (d === 0) { zero = out !== ''; return; }
    if (zero) out += digits[0];
    zero = false;
    out += (shortTen && d === 1 && unit === units[1] && out === '' ? '' : digits[d]) + unit;
  });
  return out;
}

function roman(n: number): string {
  if (n < 1 || n > 3999) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

export function int(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}

/** OOXML on/off values: absent val means on. */
export function isOn(value: string | undefined): boolean {
  return value === undefined || value === '1' || value === 'true' || value === 'on';
}

