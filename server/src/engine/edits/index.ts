// Edits an editor (or a script) can apply to a report: pure functions of plain data, no editor imports.
export { skeleton, figureStops, STUB, type SkeletonOptions } from './skeleton.js';
export { tableSkeleton, type TableSkeletonOptions } from './table-skeleton.js';
export { insertSectionEdit } from './insert-section.js';
export { insertRowEdit } from './insert-row.js';
export { padRowEdit } from './pad-row.js';
export { normaliseDigitsEdit } from './normalise-digits.js';
export { fixAll, type FixAllOptions, type FixAllResult } from './fix-all.js';
export { disableHereEdit, disableFileEdit } from './disable.js';
