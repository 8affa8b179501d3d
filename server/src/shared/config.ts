// The configuration file (.tally.jsonc, .tally.json, .tally.yaml, .tally.yml), read identically by `tally check`
// and the language server: discovery, parsing (with positions), validation against tally-config.schema.json and
// the checks the schema cannot make (template folders, template ids, globs that match nothing), and resolution
// for one file. The conventions are ESLint's flat config and markdownlint's file names:
// - the nearest configuration file wins, searched from the report's folder upward; files are not merged;
// - the search stops at the repository root (a folder holding `.git`), else at the file system's root;
// - in one folder, .tally.jsonc wins over .tally.json, .tally.yaml and .tally.yml (the others are reported);
// - paths and globs are relative to the configuration file's folder;
// - a configuration with any problem is not used: its files are checked with the defaults.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { parseTree, stripComments, getNodeValue, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { Finding, Severity } from '../engine/findings.js';
import type { BlankCells } from '../engine/blanks.js';
import { BUILTIN_TEMPLATES, type Template } from '../templates/index.js';
import { joined, msg, type MessageText } from '../engine/message.js';
import { loadTemplateFile } from './template-file.js';

/** In the order they win when a folder holds more than one. */
export const CONFIG_NAMES = ['.tally.jsonc', '.tally.json', '.tally.yaml', '.tally.yml'] as const;
/** The globs an editor watches: configuration files, and template files (which may be in a `templates` folder). */
export const CONFIG_GLOB = '**/.tally.{jsonc,json,yaml,yml}';
export const TEMPLATE_GLOB = '**/*.json';

export type CheckSetting = 'off' | Severity;
export type ConfigLocale = 'zh-CN' | 'zh-TW' | 'en';

export interface ConfigOverride {
  files: string | string[];
  template?: string;
  blankCells?: BlankCells;
  prose?: boolean;
  checks?: Record<string, CheckSetting>;
}

/** The file's content, once valid. */
export interface TallyConfig {
  templates?: string[];
  overrides?: ConfigOverride[];
  checks?: Record<string, CheckSetting>;
  blankCells?: BlankCells;
  prose?: boolean;
  locale?: ConfigLocale;
  /** Table formatting: the width of East Asian Ambiguous characters. */
  format?: { ambiguousWidth?: 1 | 2 };
  ignore?: string[];
}

/** A problem of a configuration file (or of a template file it names), located: 1-based line and column. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** The same place as 0-based positions, UTF-16 columns, for an editor. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: MessageText;
  /** A warning leaves the configuration in use (another configuration file beside it, which is not). */
  severity: 'error' | 'warning';
}

export interface LoadedConfig {
  file: string;
  /** The folder paths and globs are relative to. */
  dir: string;
  /** Undefined when the file has errors: its files are then checked with the defaults. */
  config?: TallyConfig;
  /** The team's templates from the `templates` folders. */
  templates: Template[];
  /** The `templates` folders, absolute, also when the file has errors: a change in them means reading it again. */
  templateFolders: string[];
  problems: ConfigProblem[];
}

/** What the configuration says for one file. */
export interface FileSettings {
  /** Matched by `ignore`: not checked at all. */
  ignored: boolean;
  template?: string;
  templates: Template[];
  blankCells?: BlankCells;
  prose?: boolean;
  checks: Record<string, CheckSetting>;
  locale?: ConfigLocale;
  /** Columns an East Asian Ambiguous character takes in aligned tables (`format.ambiguousWidth`). */
  ambiguousWidth?: 1 | 2;
}

export const NO_SETTINGS: FileSettings = { ignored: false, templates: [], checks: {} };

/** The configuration file that applies to the files of `dir`: the nearest one up to the repository root. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    let names: Set<string>;
    try { names = new Set(await fs.readdir(at)); } catch { names = new Set(); }
    const found = CONFIG_NAMES.find((n) => names.has(n));
    if (found) return path.join(at, found);
    if (names.has('.git') || path.dirname(at) === at) return undefined;
  }
}

/** Reads, validates and completes a configuration file. Never throws: every failure is a located problem. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const dir = path.dirname(file);
  const loaded: LoadedConfig = { file, dir, templates: [], templateFolders: [], problems: [] };
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    loaded.problems.push(problemAt(file, '', 0, 0, msg('config.unreadable', { code })));
    return loaded;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = /\.ya?ml$/i.test(file) ? yamlSource(file, text) : jsonSource(file, text);
  if (source.problems.length) {
    loaded.problems.push(...source.problems);
    return loaded;
  }
  const at = (p: Array<string | number>, key = false) => source.locate(p, key);
  const problem = (p: Array<string | number>, message: MessageText, key = false, severity: ConfigProblem['severity'] = 'error') => {
    const [start, end] = at(p, key);
    loaded.problems.push({ ...problemAt(file, text, start, end, message), severity });
  };

  const others = await otherConfigsBeside(file);
  for (const other of others) {
    problem([], msg('config.second-file', { file: path.basename(other) }), false, 'warning');
  }

  // ajv is loaded only when there is a configuration file to validate
  const validator = (await import('./config-validator.js')).configValidator();
  if (!validator(source.value)) {
    for (const e of relevantErrors(validator.errors ?? [])) {
      const p = pointer(e.instancePath);
      if (e.keyword === 'additionalProperties') {
        const name = String((e.params as { additionalProperty: string }).additionalProperty);
        problem([...p, name], p[p.length - 1] === 'checks'
          ? msg('config.unknown-code', { name })
          : msg('config.unknown-key', { name }), true);
      } else problem(p, schemaMessage(e));
    }
    return loaded;
  }
  const config = source.value as TallyConfig;

  for (const [i, folder] of (config.templates ?? []).entries()) {
    const full = path.resolve(dir, folder);
    loaded.templateFolders.push(full);
    let entries: string[];
    try {
      if (!(await fs.stat(full)).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
      entries = (await fs.readdir(full)).filter((n) => /\.json$/i.test(n)).sort();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problem(['templates', i], code === 'ENOENT'
        ? msg('config.folder-missing', { folder })
        : code === 'ENOTDIR' ? msg('config.not-a-folder', { folder })
        : msg('config.folder-unreadable', { folder, code: code ?? 'EIO' }));
      continue;
    }
    if (entries.length === 0) {
      problem(['templates', i], msg('config.folder-empty', { folder }));
    }
    for (const name of entries) {
      const templateFile = path.join(full, name);
      const result = await loadTemplateFile(templateFile);
      if ('template' in result) {
        if (BUILTIN_TEMPLATES.some((t) => t.id === result.template.id) || loaded.templates.some((t) => t.id === result.template.id)) {
          problem(['templates', i], msg('config.id-taken', { name, id: result.template.id }));
        } else loaded.templates.push(result.template);
        continue;
      }
      let templateText = '';
      try { templateText = await fs.readFile(templateFile, 'utf8'); } catch { /* the message says why */ }
      const offset = result.at ? offsetOf(templateText, result.at.line, result.at.column) : 0;
      loaded.problems.push(problemAt(templateFile, templateText, offset, offset, result.error));
    }
  }

  const known = new Set([...BUILTIN_TEMPLATES, ...loaded.templates].map((t) => t.id));
  const files = await filesUnder(dir);
  const checkGlob = (glob: string, p: Array<string | number>) => {
    if (!files.some(matcher(glob))) problem(p, msg('config.glob-matches-nothing', { glob }));
  };
  for (const [i, override] of (config.overrides ?? []).entries()) {
    if (typeof override.files === 'string') checkGlob(override.files, ['overrides', i, 'files']);
    else override.files.forEach((g, k) => checkGlob(g, ['overrides', i, 'files', k]));
    if (override.template !== undefined && !known.has(override.template)) {
      problem(['overrides', i, 'template'], msg('config.no-such-template', { id: override.template }));
    }
  }
  for (const [i, glob] of (config.ignore ?? []).entries()) checkGlob(glob, ['ignore', i]);

  if (!loaded.problems.some((p) => p.severity === 'error')) loaded.config = config;
  // In the order of the file (a template file's problems after the configuration's own).
  loaded.problems.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file === file ? -1 : b.file === file ? 1 : 0));
  return loaded;
}

/** What `loaded` says for `file` (a path anywhere: a file outside its folder gets nothing). Pure. */
export function resolveFile(loaded: LoadedConfig | undefined, file: string): FileSettings {
  const config = loaded?.config;
  if (!loaded || !config) return NO_SETTINGS;
  const relative = path.relative(loaded.dir, path.resolve(file)).split(path.sep).join('/');
  if (relative.startsWith('../') || path.isAbsolute(relative)) return NO_SETTINGS;
  const out: FileSettings = {
    ignored: (config.ignore ?? []).some((g) => matcher(g)(relative)),
    templates: loaded.templates,
    checks: { ...config.checks },
    ...(config.blankCells ? { blankCells: config.blankCells } : {}),
    ...(config.prose !== undefined ? { prose: config.prose } : {}),
    ...(config.locale ? { locale: config.locale } : {}),
    ...(config.format?.ambiguousWidth ? { ambiguousWidth: config.format.ambiguousWidth } : {}),
  };
  for (const override of config.overrides ?? []) {
    const globs = typeof override.files === 'string' ? [override.files] : override.files;
    if (!globs.some((g) => matcher(g)(relative))) continue;
    if (override.template !== undefined) out.template = override.template;
    if (override.blankCells !== undefined) out.blankCells = override.blankCells;
    if (override.prose !== undefined) out.prose = override.prose;
    Object.assign(out.checks, override.checks);
  }
  return out;
}

/** Findings as the `checks` key wants them: codes set "off" dropped, others at the severity set. Pure. */
export function applyChecks(findings: Finding[], checks: Record<string, CheckSetting>): Finding[] {
  if (Object.keys(checks).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = checks[f.code];
    if (setting === 'off') continue;
    out.push(setting && setting !== f.severity ? { ...f, severity: setting } : f);
  }
  return out;
}

/** The codes a `checks` setting turns off (their fixes are not applied either). */
export function offCodes(checks: Record<string, CheckSetting>): string[] {
  return Object.keys(checks).filter((code) => checks[code] === 'off');
}

/**
 * Configuration files by folder, loaded once each: the CLI makes one per run, the language server keeps one and
 * forgets what a changed configuration file touches.
 */
export class ConfigResolver {
  private readonly nearest = new Map<string, Promise<string | undefined>>();
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();

  /** The configuration file that applies to `file`, loaded; undefined when there is none. */
  configFor(file: string): Promise<LoadedConfig | undefined> {
    return this.configIn(path.dirname(path.resolve(file)));
  }

  /** The configuration file that applies to the files of `dir`, loaded. */
  async configIn(dir: string): Promise<LoadedConfig | undefined> {
    dir = path.resolve(dir);
    let found = this.nearest.get(dir);
    if (!found) this.nearest.set(dir, found = findConfigFile(dir));
    const configFile = await found;
    return configFile ? this.load(configFile) : undefined;
  }

  load(configFile: string): Promise<LoadedConfig> {
    let loaded = this.loaded.get(configFile);
    if (!loaded) this.loaded.set(configFile, loaded = loadConfig(configFile));
    return loaded;
  }

  async settingsFor(file: string): Promise<{ config?: LoadedConfig; settings: FileSettings }> {
    const config = await this.configFor(file);
    return { config, settings: resolveFile(config, file) };
  }

  /** Loaded so far. */
  async all(): Promise<LoadedConfig[]> {
    return Promise.all(this.loaded.values());
  }

  /** After a configuration file was created, changed or deleted (or a template file changed): read everything again. */
  clear(): void {
    this.nearest.clear();
    this.loaded.clear();
  }
}

const matchers = new Map<string, (p: string) => boolean>();

/** A glob relative to the configuration's folder; it matches a file, or a folder and so everything in it. */
function matcher(glob: string): (relativePath: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    const test = picomatch(glob.replace(/^\.\//, '').replace(/\/+$/, ''), { dot: true });
    m = (p: string) => {
      if (test(p)) return true;
      for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) if (test(p.slice(0, i))) return true;
      return false;
    };
    matchers.set(glob, m);
  }
  return m;
}

/** Files below a configuration's folder (relative, with `/`), to tell a glob that matches nothing; bounded. */
const FILES_LIMIT = 50_000;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string, prefix: string): Promise<void> => {
    let entries;
    try { entries = await fs.readdir(at, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (out.length >= FILES_LIMIT) return;
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const rel = prefix + e.name;
      if (e.isDirectory()) await walk(path.join(at, e.name), rel + '/');
      else out.push(rel);
    }
  };
  await walk(dir, '');
  return out;
}

async function otherConfigsBeside(file: string): Promise<string[]> {
  let names: string[];
  try { names = await fs.readdir(path.dirname(file)); } catch { return []; }
  return CONFIG_NAMES.filter((n) => n !== path.basename(file) && names.includes(n)).map((n) => path.join(path.dirname(file), n));
}

interface Source {
  value: unknown;
  problems: ConfigProblem[];
  /** Offsets of the value at a path (or of its key), else of the nearest parent found. */
  locate(p: Array<string | number>, key: boolean): [number, number];
}

function jsonSource(file: string, text: string): Source {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  // A file of only white space and comments holds no setting: the defaults, as an empty YAML file.
  if (stripComments(text).trim() === '') return { value: {}, problems: [], locate: () => [0, 0] };
  const problems = errors.map((e) => problemAt(file, text, e.offset, e.offset + e.length, parseMessage(printParseErrorCode(e.error))));
  if (!root && problems.length === 0) problems.push(problemAt(file, text, 0, 0, msg('config.empty')));
  return {
    value: root ? getNodeValue(root) : undefined,
    problems,
    locate(p, key) {
      let node: JsonNode | undefined = root;
      let keyNode: JsonNode | undefined;
      for (const segment of p) {
        if (!node) break;
        let child: JsonNode | undefined;
        if (node.type === 'object' && typeof segment === 'string') {
          const property = node.children?.find((c) => c.children?.[0]?.value === segment);
          keyNode = property?.children?.[0];
          child = property?.children?.[1];
        } else if (node.type === 'array' && typeof segment === 'number') {
          keyNode = undefined;
          child = node.children?.[segment];
        }
        if (!child) { keyNode = undefined; break; }
        node = child;
      }
      const target = (key ? keyNode : undefined) ?? node;
      return target ? [target.offset, target.offset + target.length] : [0, 0];
    },
  };
}

function yamlSource(file: string, text: string): Source {
  const doc = parseDocument(text, { uniqueKeys: true });
  const problems = doc.errors.map((e) => problemAt(file, text, e.pos[0], e.pos[1], parseMessage(e.code)));
  return {
    value: problems.length ? undefined : (doc.toJS() ?? {}),
    problems,
    locate(p, key) {
      let node: unknown = doc.contents;
      let keyNode: YamlNode | undefined;
      for (const segment of p) {
        let child: unknown;
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
          keyNode = pair?.key as YamlNode | undefined;
          child = pair?.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          keyNode = undefined;
          child = node.items[segment];
        }
        if (!child) { keyNode = undefined; break; }
        node = child;
      }
      const target = ((key ? keyNode : undefined) ?? node) as YamlNode | null;
      return target?.range ? [target.range[0], target.range[1]] : [0, 0];
    },
  };
}

function parseMessage(code: string): MessageText {
  return msg('config.unparsable', { code });
}

/** One error per place: a failed `type` says enough without its siblings. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const typed = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (typed.has(e.instancePath) && e.keyword !== 'type') return false;
    const key = `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointer(instancePath: string): Array<string | number> {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}


function schemaMessage(e: ErrorObject): MessageText {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '(root)';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      const types = ([] as string[]).concat(params.type as string | string[]);
      return msg('config.wrong-type', { where, types: joined(types.map((t) => msg('config.type', { type: t })), msg('config.or')) });
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return msg('config.enum', { where, allowed });
    }
    case 'required':
      return msg('config.required', { where, key: String(params.missingProperty) });
    case 'minLength': case 'minItems':
      return msg('config.not-empty', { where });
    default:
      return msg('config.schema-other', { where, detail: e.message ?? e.keyword });
  }
}

function problemAt(file: string, text: string, start: number, end: number, message: MessageText): ConfigProblem {
  const from = position(text, start);
  const to = position(text, Math.max(start, end));
  return { file, line: from.line + 1, column: from.character + 1, range: { start: from, end: to }, message, severity: 'error' };
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}
