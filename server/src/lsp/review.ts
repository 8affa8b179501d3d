// `tally/review`: the review of a report (server/src/review/) as HTML for the editor's review panel, which only shows
// it. The same renderer writes `tally check --format html`. A request like the others (features.ts): answered here
// from the document's analysis, or by the analysis worker for a large document; what the workspace knows (the
// findings across periods, the comparison with the report before) travels with it as plain data.
import nodePath from 'node:path';
import type { Analysis, Finding } from '../engine/index.js';
import { comparePeriods, displayPath, mergeFindings, type PeriodComparison } from '../engine/workspace/index.js';
import { applyChecks, type FileSettings } from '../shared/config.js';
import { buildReview } from '../review/model.js';
import { renderReview, REVIEW_CSS } from '../review/html.js';
import type { WorkspaceIndex } from './workspace.js';
import type { Language } from './settings.js';

export interface ReviewParams { uri: string }

export interface ReviewResult {
  uri: string;
  /** The document version the review was made from. */
  version: number;
  /** The review, escaped and without any script or inline style: the panel's policy forbids both. */
  html: string;
  /** The panel's style (theme variables), for the panel to put in its own page. */
  css: string;
}

/** What the workspace adds to a document's own analysis, as plain data (it crosses to the analysis worker). */
export interface ReviewRequest {
  uri: string;
  version: number;
  /** How the review names the report: its file name. */
  name: string;
  /** Its findings across periods, and the configuration's severities and codes turned off. */
  across: Finding[];
  checks: FileSettings['checks'];
  /** Its relations across periods against the report before, instance by instance. */
  comparisons?: { previous: string; instances: PeriodComparison[] };
}

export function reviewRequest(uri: string, version: number, path: string | undefined, workspace: WorkspaceIndex, checks: FileSettings['checks']): ReviewRequest {
  const previous = path ? workspace.neighbours(path).previous : undefined;
  const current = path && workspace.factsOf(path);
  const there = previous && workspace.factsOf(previous);
  const instances = current && there ? comparePeriods({ path: path!, facts: current }, { path: previous!, facts: there }) : [];
  return {
    uri, version, name: path ? nodePath.basename(path) : uri, across: path ? workspace.findingsFor(path) : [], checks,
    ...(instances.length ? { comparisons: { previous: displayPath(path!, previous!), instances } } : {}),
  };
}

/** The review of the analysed document: its findings as the editor shows them (those across periods merged, the configuration applied). */
export function review(analysis: Analysis, request: ReviewRequest, language: Language): ReviewResult {
  const { across } = request;
  const findings = applyChecks(mergeFindings(analysis.findings, across, across.length ? analysis.suppressions : undefined), request.checks);
  const model = buildReview({ path: request.name, analysis, findings, ...(request.comparisons ? { comparisons: request.comparisons } : {}) });
  return { uri: request.uri, version: request.version, html: renderReview(model, language), css: REVIEW_CSS };
}
