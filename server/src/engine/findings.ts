// Findings are domain values: a stable code, a severity, a range and the facts for the message.
// They become LSP diagnostics, CLI lines or SARIF results only at the edge.
import type { Range } from './source.js';
import type { LocalText } from '../templates/index.js';

export type Severity = 'error' | 'warning' | 'information';

export interface CodeInfo {
  severity: Severity;
  title: LocalText;
}

/** Every code the engine reports, with its default severity and a one-line description. */
export const CODES = {
  'front-matter': { severity: 'error', title: { zh: '文件头（front matter）无法读取或取值无效', en: 'Front matter cannot be read or has an invalid value' } },
  'not-a-report': { severity: 'warning', title: { zh: '文档不含年度报告的任何部分', en: 'The document has none of the sections of an annual report' } },
  'outdated-format': { severity: 'warning', title: { zh: '报告使用了该年度已废止的格式', en: 'The report uses a format that was superseded for its year' } },
  'missing-section': { severity: 'error', title: { zh: '缺少模板规定的部分', en: 'A section the template requires is missing' } },
  'section-order': { severity: 'warning', title: { zh: '部分顺序与模板不符', en: 'Sections are out of the template order' } },
  'duplicate-section': { severity: 'error', title: { zh: '同一部分出现多次', en: 'A section appears more than once' } },
  'section-title': { severity: 'information', title: { zh: '部分标题与模板用语不同', en: 'A section title differs from the template wording' } },
  numbering: { severity: 'warning', title: { zh: '序号跳号或重复', en: 'Numbering has a gap or a repeat' } },
  'missing-table': { severity: 'error', title: { zh: '缺少模板规定的表格', en: 'A table the template requires is missing' } },
  'empty-table': { severity: 'error', title: { zh: '表格没有任何数字', en: 'A table has no numbers at all' } },
  'missing-row': { severity: 'error', title: { zh: '表格缺少模板规定的行', en: 'A table lacks a row the template requires' } },
  'unknown-row': { severity: 'warning', title: { zh: '表格中有模板之外的行', en: 'A table has a row outside the template' } },
  'row-order': { severity: 'warning', title: { zh: '行的顺序与模板不符', en: 'Rows are out of the template order' } },
  'missing-column': { severity: 'error', title: { zh: '表格缺少模板规定的列', en: 'A table lacks a column the template requires' } },
  'row-shape': { severity: 'error', title: { zh: '行的单元格数与表头不一致', en: 'A row has more or fewer cells than the header' } },
  'empty-cell': { severity: 'warning', title: { zh: '应填数字的单元格为空', en: 'A cell that needs a number is blank' } },
  'blank-as-zero': { severity: 'information', title: { zh: '此表以空白代替 0', en: 'A table leaves 0 blank' } },
  'not-a-number': { severity: 'error', title: { zh: '单元格不是有效数字', en: 'A cell is not a valid number' } },
  unit: { severity: 'warning', title: { zh: '单元格中的数字带有单位', en: 'A figure in a cell is written with a unit' } },
  'total-mismatch': { severity: 'error', title: { zh: '合计与各项之和不符', en: 'A total differs from the sum of its parts' } },
  reconciliation: { severity: 'error', title: { zh: '勾稽关系不平衡', en: 'The reconciliation does not balance' } },
  bound: { severity: 'warning', title: { zh: '数字超出合理范围', en: 'A figure exceeds what it is bounded by' } },
  'prose-mismatch': { severity: 'error', title: { zh: '正文数字与表格不符', en: 'A figure in the text differs from the table' } },
  'breakdown-sum': { severity: 'error', title: { zh: '正文分项之和与总数不符', en: 'A breakdown in the text does not add up to its whole' } },
  percentage: { severity: 'warning', title: { zh: '百分比与分项、总数不符', en: 'A percentage differs from part ÷ whole' } },
  'year-mismatch': { severity: 'error', title: { zh: '标题、文件头与统计期限的年度不一致', en: 'The title, front matter and statistics period disagree on the year' } },
  'part-count': { severity: 'warning', title: { zh: '引言所说的部分与正文不符', en: 'The introduction names other parts than the document has' } },
  'claim-contradiction': { severity: 'warning', title: { zh: '正文说法与表格数字矛盾', en: 'A statement in the text contradicts the table' } },
  'carry-over': { severity: 'error', title: { zh: '上年结转与上年报告的结转下年度不符', en: 'Carried in differs from last year\'s carried forward' } },
  'in-force-count': { severity: 'warning', title: { zh: '现行有效件数与上年及本年增减不符', en: 'Documents in force differ from last year plus issued minus repealed' } },
  'project-count': { severity: 'error', title: { zh: '上一年项目数量与上年报告不符', en: 'Last year\'s project count differs from last year\'s report' } },
  import: { severity: 'warning', title: { zh: '导入时无法完整读取的内容（表格、图片、连在一起的数字）', en: 'Content import could not fully read (tables, images, figures run together)' } },
  'copied-text': { severity: 'information', title: { zh: '段落与上年报告完全相同', en: 'A paragraph is identical to last year\'s report' } },
  'too-complex': { severity: 'error', title: { zh: '内容嵌套过深，未作检查', en: 'Content nests too deep to be checked' } },
  'unused-suppression': { severity: 'information', title: { zh: '禁用注释没有屏蔽任何问题', en: 'A disable comment silences no finding' } },
  'unknown-code': { severity: 'warning', title: { zh: '禁用注释中有未知的检查项', en: 'A disable comment names a check Tally does not have' } },
  internal: { severity: 'error', title: { zh: '内部错误，文档未能完整检查', en: 'An internal error kept the document from being fully checked' } },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export type Args = Record<string, string | number>;

export interface RelatedInformation {
  range: Range;
  message: LocalText;
  /** The file the range is in, when another than the finding's (a path or URI, as the caller named it). */
  uri?: string;
}

/** A text edit: replace `range` with `newText`. */
export interface Edit { range: Range; newText: string }

export interface Fix {
  title: LocalText;
  edits: Edit[];
  /**
   * A candidate for fix-all (`fixAll`, source.fixAll, `--fix`): a mechanical fix the check would apply without
   * review. fixAll still applies it only when re-analysing the whole edited report finds strictly fewer findings
   * and none new; otherwise it stays a quick fix the user chooses. A fix not marked safe is never applied unasked.
   */
  safe: boolean;
}

export interface Finding {
  code: Code;
  severity: Severity;
  range: Range;
  message: LocalText;
  related?: RelatedInformation[];
  fixes?: Fix[];
  /** What the finding is about, for fixes an editor computes from the current text (insert a section …). */
  subject?: Subject;
}

export interface Subject {
  section?: string; table?: string; row?: string; line?: number;
  /** A report pasted from a web page, not in the dialect: the editor offers to convert it in place. */
  pasted?: boolean;
}

export const ALL_CODES = Object.keys(CODES) as Code[];
