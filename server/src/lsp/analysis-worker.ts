// The language server's analysis worker (out/analysis-worker.js): runs the engine off the main thread for the
// workspace scan (a closed file → its WorkspaceFacts) and for large open documents (kept here with their own
// IncrementalAnalyzer; findings, facts and request answers go back as plain data). See background.ts.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { analyze, IncrementalAnalyzer, type Analysis, type AnalyzeOptions } from '../engine/index.js';
import { collectFacts } from '../engine/workspace/index.js';
import { FEATURES, type FeatureContext, type FeatureName } from './features.js';
import { reportLine } from '../messages/status-text.js';
import type { DocumentOutcome, FileOutcome, WorkerReply, WorkerRequest } from './background.js';

interface Held { analyzer: IncrementalAnalyzer; version: number; text: string; options: AnalyzeOptions; analysis?: Analysis; failure?: unknown }
const held = new Map<string, Held>();

/** A reports' workspace, not any Markdown: a file that names no report near its start is not analysed. */
const LOOKS_LIKE_REPORT = /政府信息公开|年度报告|template:/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The analysis of a file on disk; null when it does not look like a report. */
async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<Analysis | null> {
  const text = decoder.decode(await readFile(path)).replace(/^\ufeff/, '');
  // A quick pass over the built-in formats' words; a team's templates may name anything, so with them every file is read.
  if (!options.templates?.length && !LOOKS_LIKE_REPORT.test(text.slice(0, 4000))) return null;
  return analyze(text, options);
}

async function factsOf(path: string, options: AnalyzeOptions = {}) {
  const analysis = await analyzeFile(path, options);
  // As for an open document: a file bound to no template takes no part in the checks across periods.
  return analysis === null || analysis.template === null ? null : collectFacts(analysis);
}

/** A closed file's findings and facts (Check Workspace, and a file changed on disk). */
async function checkFile(path: string, options: AnalyzeOptions = {}): Promise<FileOutcome | null> {
  const analysis = await analyzeFile(path, options);
  if (analysis === null) return null;
  return {
    template: analysis.template, claimsReport: analysis.binding.claimsReport, findings: analysis.findings,
    ...(analysis.template === null ? {} : { facts: collectFacts(analysis) }),
  };
}

/** The held document at `version`, taking `text` when the worker has not seen that version yet. */
function document(uri: string, version: number, text: string | undefined, options: AnalyzeOptions = {}): Held {
  let entry = held.get(uri);
  if (!entry || entry.version !== version) {
    if (text === undefined) throw new Error(`analysis worker: version ${version} of ${uri} was never sent`);
    entry = { analyzer: entry?.analyzer ?? new IncrementalAnalyzer(), version, text, options };
    held.set(uri, entry);
  } else if (JSON.stringify(entry.options) !== JSON.stringify(options)) {
    // The settings changed: the same text, analysed again with them.
    entry.options = options;
    entry.analysis = undefined;
    entry.failure = undefined;
  }
  return entry;
}

function analysisOf(entry: Held): Analysis {
  if (!entry.analysis && !entry.failure) {
    try {
      entry.analysis = entry.analyzer.analyze(entry.text, entry.options);
    } catch (e) {
      // The analyzer may be left half-updated: the next version starts afresh; this one fails at once.
      entry.analyzer = new IncrementalAnalyzer();
      entry.failure = e;
    }
  }
  if (!entry.analysis) throw entry.failure;
  return entry.analysis;
}

function outcome(analysis: Analysis): DocumentOutcome {
  return { template: analysis.template, claimsReport: analysis.binding.claimsReport, findings: analysis.findings, facts: collectFacts(analysis), status: reportLine(analysis) };
}

async function run(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'facts':
      return factsOf(request.path, request.options);
    case 'check':
      return checkFile(request.path, request.options);
    case 'analyze': {
      const entry = document(request.uri, request.version, request.text, request.options);
      return outcome(analysisOf(entry));
    }
    case 'request': {
      const entry = document(request.uri, request.version, request.text, request.options);
      const feature = FEATURES[request.feature as FeatureName] as (s: unknown, p: unknown, c: FeatureContext) => unknown;
      return feature({ text: entry.text, analysis: () => analysisOf(entry) }, request.params, request.context);
    }
    case 'forget':
      held.delete(request.uri);
      return null;
  }
}

parentPort!.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: await run(request) };
  } catch (e) {
    reply = { id: request.id, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  parentPort!.postMessage(reply);
});
