// The registry of checks, in the order their findings read best.
import type { Check } from './check.js';
import { frontMatter } from './front-matter.js';
import { tooComplex } from './too-complex.js';
import { notAReport } from './not-a-report.js';
import { pastedReport } from './pasted-report.js';
import { outdatedFormat } from './outdated-format.js';
import { missingSection } from './missing-section.js';
import { sectionOrder } from './section-order.js';
import { duplicateSection } from './duplicate-section.js';
import { sectionTitle } from './section-title.js';
import { numbering } from './numbering.js';
import { missingTable } from './missing-table.js';
import { emptyTable } from './empty-table.js';
import { missingRow } from './missing-row.js';
import { unknownRow } from './unknown-row.js';
import { rowOrder } from './row-order.js';
import { missingColumn } from './missing-column.js';
import { rowShape } from './row-shape.js';
import { emptyCell } from './empty-cell.js';
import { notANumber } from './not-a-number.js';
import { relations } from './relations.js';
import { genericTotals } from './generic.js';
import { PROSE_CHECKS } from './prose.js';
import { DOCUMENT_CHECKS } from './document.js';

export const CHECKS: readonly Check[] = [
  tooComplex, frontMatter, notAReport, pastedReport, outdatedFormat, missingSection, sectionOrder, duplicateSection, sectionTitle, numbering,
  missingTable, emptyTable, missingRow, unknownRow, rowOrder, missingColumn, rowShape, emptyCell, notANumber,
  relations, genericTotals, ...DOCUMENT_CHECKS, ...PROSE_CHECKS,
];
