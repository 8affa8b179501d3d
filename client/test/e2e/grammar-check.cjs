#!/usr/bin/env node
// Tokenizes a small report with VS Code's own TextMate engine (vscode-textmate + vscode-oniguruma from the
// code-server install) and VS Code's Markdown and YAML grammars, with Tally's grammars from syntaxes/, and checks
// the scopes of the highlights. Usage: node grammar-check.cjs CODE_SERVER_PACKAGE_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const vscodeDir = path.join(path.resolve(process.argv[2]), 'lib', 'vscode');
const req = (m) => require(require.resolve(m, { paths: [vscodeDir] }));
const tm = req('vscode-textmate');
const onig = req('vscode-oniguruma');
const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const files = {
  'text.html.markdown': path.join(vscodeDir, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json'),
};
for (const f of fs.readdirSync(path.join(vscodeDir, 'extensions/yaml/syntaxes'))) {
  const file = path.join(vscodeDir, 'extensions/yaml/syntaxes', f);
  files[JSON.parse(fs.readFileSync(file, 'utf8')).scopeName] = file;
}
const injections = {};
for (const g of pkg.contributes.grammars) {
  files[g.scopeName] = path.join(root, g.path);
  for (const target of g.injectTo ?? []) (injections[target] ??= []).push(g.scopeName);
}

(async () => {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma', { paths: [vscodeDir] })), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new onig.OnigScanner(s), createOnigString: (s) => new onig.OnigString(s) }),
    loadGrammar: async (scope) => files[scope] ? tm.parseRawGrammar(fs.readFileSync(files[scope], 'utf8'), files[scope]) : null,
    getInjections: (scope) => injections[scope],
  });
  const text = [
    '---', 'template: gov-annual-2021', 'year: 2022', 'organ: 某区人民政府', 'other: x', '---', '',
    '## 一、总体情况', '', '### （二）依申请公开', '', '## 概述', '',
    '| 项目 | 数量 | 总计 |', '|---|---|---|', '| 甲 | 1 | 1 |', '| 总计 | 1 | 1 |', '| 合計 | 1 | 1 |', '| 乙 | 2 | 2 |', '总计一段文字', '',
    '| | （七）总计 | 6 | 6 |', '',
    '```', '| 总计 | 1 |', '```', '',
  ];
  let failures = 0;
  for (const scopeName of ['text.html.markdown.tally', 'text.html.markdown']) {
    const grammar = await registry.loadGrammar(scopeName);
    assert.ok(grammar, `grammar ${scopeName}`);
    let stack = tm.INITIAL;
    const tokens = text.map((line) => {
      const r = grammar.tokenizeLine(line, stack);
      stack = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.join(' ') }));
    });
    const scopesOf = (line, piece) => tokens[line].filter((t) => t.text.includes(piece)).map((t) => t.scopes).join(' | ');
    const expect = (what, line, piece, re, yes = true) => {
      assert.ok(text[line].includes(piece), `test text: line ${line} has ${piece}`);
      const s = scopesOf(line, piece);
      const ok = re.test(s) === yes;
      if (!ok) failures++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${scopeName}: ${what}${ok ? '' : `  — got "${s}"`}`);
    };
    expect('front-matter key template', 1, 'template', /keyword\.other\.frontmatter\.tally/);
    expect('front-matter key year', 2, 'year', /keyword\.other\.frontmatter\.tally/);
    expect('front-matter key organ', 3, 'organ', /keyword\.other\.frontmatter\.tally/);
    expect('other front-matter key stays plain YAML', 4, 'other', /frontmatter\.tally/, false);
    expect('ordinal 一、 of a heading', 7, '一、', /constant\.numeric\.ordinal\.tally/);
    expect('heading text keeps its heading scope', 7, '总体情况', /markup\.heading\.markdown.*entity\.name\.section\.markdown/);
    expect('ordinal （二） of a heading', 9, '（二）', /constant\.numeric\.ordinal\.tally/);
    expect('heading without ordinal is a plain heading', 11, '概述', /markup\.heading/);
    // Total rows are the server's semantic tokens, in reports only: no grammar marks them in every Markdown file.
    for (const [line, piece] of [[16, '总计'], [17, '合計'], [21, '（七）总计']]) {
      expect(`no total scope from the grammar on ${piece}`, line, piece, /total\.tally/, false);
    }
  }
  console.log(failures ? `grammar: ${failures} failed` : 'grammar: all scopes as expected');
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
