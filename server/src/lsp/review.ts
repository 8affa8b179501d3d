// `tally/review`: the review of a report (server/src/review/) as HTML for the editor's review panel, which only shows
// it. The same renderer writes `tally check --format html`.
import nodePath from 'node:path';
import type { Analysis, Finding } from '../engine/index.js';
import { comparePeriods, displayPath } from '../engine/workspace/index.js';
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

export interface ReviewSubject {
  uri: string;
  version: number;
  /** The file's path (the checks across periods need one). */
  path?: string;
  analysis: Analysis;
  /** The findings the editor shows for it: its own and those across periods, the configuration applied. */
  findings: readonly Finding[];
}

export function review(subject: ReviewSubject, workspace: WorkspaceIndex, language: Language): ReviewResult {
  const { path, analysis } = subject;
  const previous = path ? workspace.neighbours(path).previous : undefined;
  const current = path && workspace.factsOf(path);
  const there = previous && workspace.factsOf(previous);
  const instances = current && there ? comparePeriods({ path: path!, facts: current }, { path: previous!, facts: there }) : [];
  const shown = path ? nodePath.basename(path) : subject.uri;
  const model = buildReview({ path: shown, analysis, findings: subject.findings,
    ...(instances.length ? { comparisons: { previous: displayPath(path!, previous!), instances } } : {}) });
  return { uri: subject.uri, version: subject.version, html: renderReview(model, language), css: REVIEW_CSS };
}
