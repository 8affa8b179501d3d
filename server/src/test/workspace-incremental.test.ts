// The language server's workspace index is incremental (lsp/workspace.ts): an update re-checks only the files
// whose pair it can have changed. Property: after every random update — figures, paragraphs, body names
// (including one body's several names and ambiguous short names), periods, deletions — every file's findings
// across years equal a full `checkWorkspace` over all the facts, and the files it says changed are exactly
// those whose findings did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, type Finding } from '../engine/index.js';
import { checkWorkspace, collectFacts, neighbours, type WorkspaceFacts } from '../engine/workspace/index.js';
import { WorkspaceIndex } from '../lsp/workspace.js';
import { sample } from './support.js';

const base21 = collectFacts(analyze(sample('pair-2021.md')));
const base22 = collectFacts(analyze(sample('pair-2022.md')));

const ORGANS = [
  '白沙县人民政府', '澄川市白沙县人民政府', '某省澄川市白沙县人民政府',
  '鼓楼区人民政府', '南京市鼓楼区人民政府', '福州市鼓楼区人民政府',
  '云溪区人民政府', '临江市云溪区人民政府', '临江市人民政府', '临江市人民政府办公室', '某某局', '',
];

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

type Rng = ReturnType<typeof random>;

function randomFacts(rng: Rng): WorkspaceFacts {
  const base = rng.next() < 0.5 ? base21 : base22;
  const cells = Object.fromEntries(Object.entries(base.cells).map(([k, c]) => [k, rng.next() < 0.15 ? { ...c, value: String(rng.int(0, 9)) } : c]));
  const paragraphs = base.paragraphs.filter(() => rng.next() < 0.6).map((p) => (rng.next() < 0.3 ? { ...p, hash: `h${rng.int(0, 5)}` } : p));
  const organ = rng.next() < 0.05 ? undefined : rng.pick(ORGANS);
  const year = rng.next() < 0.05 ? undefined : rng.int(2019, 2023);
  const facts: WorkspaceFacts = { ...base, cells, paragraphs, organ, year };
  delete facts.period;
  if (year !== undefined && rng.next() < 0.1) facts.period = { unit: rng.pick(['year', 'quarter'] as const), number: rng.int(2019, 2023) };
  return facts;
}

const key = (f: Finding) => JSON.stringify(f);

test('incremental workspace index: findings equal a full recomputation after every update', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const rng = random(seed);
    const index = new WorkspaceIndex();
    const all = new Map<string, WorkspaceFacts>();
    const paths = Array.from({ length: rng.int(2, 14) }, (_, i) => `/ws/${rng.pick(['a', 'b', 'c'])}/r${i}.md`);
    let full = new Map<string, Finding[]>();
    for (let step = 0; step < 60; step++) {
      const path = rng.pick(paths);
      let facts: WorkspaceFacts | undefined;
      const r = rng.next();
      if (r < 0.12) facts = undefined;
      else if (r < 0.4 || !all.has(path)) facts = randomFacts(rng);
      else {
        // A keystroke-sized change: one figure or one paragraph, body and period kept.
        const old = all.get(path)!;
        const cells = { ...old.cells };
        const ks = Object.keys(cells);
        if (ks.length && rng.next() < 0.5) { const k = rng.pick(ks); cells[k] = { ...cells[k], value: String(rng.int(0, 9)) }; }
        const paragraphs = rng.next() < 0.5 ? old.paragraphs.slice(1) : [...old.paragraphs, { hash: `h${rng.int(0, 5)}`, range: old.titleRange }];
        facts = { ...old, cells, paragraphs };
      }
      if (facts) all.set(path, facts); else all.delete(path);
      const changed = new Set(index.update(path, facts));
      const reports = [...all].map(([p, f]) => ({ path: p, facts: f }));
      const expected = checkWorkspace(reports);
      for (const p of new Set([...paths])) {
        const got = index.findingsFor(p).map(key);
        const want = (expected.get(p) ?? []).map(key);
        assert.deepEqual(got, want, `seed ${seed} step ${step}: ${p}`);
        const did = JSON.stringify(full.get(p) ?? []) !== JSON.stringify(expected.get(p) ?? []);
        assert.equal(changed.has(p), did, `seed ${seed} step ${step}: ${p} reported ${changed.has(p) ? '' : 'un'}changed`);
        if (all.has(p)) assert.deepEqual(index.neighbours(p), neighbours(reports, p), `seed ${seed} step ${step}: neighbours of ${p}`);
      }
      full = expected;
    }
  }
});

test('incremental workspace index: a scan then updates equal a full recomputation', async () => {
  const rng = random(99);
  const disk = new Map(Array.from({ length: 30 }, (_, i) => [`/ws/r${i}.md`, randomFacts(rng)]));
  const index = new WorkspaceIndex();
  // scan() reads through collectFiles; here the facts are given by updates, then compared.
  for (const [p, f] of disk) index.update(p, f);
  for (let step = 0; step < 50; step++) {
    const p = `/ws/r${rng.int(0, 29)}.md`;
    const f = rng.next() < 0.1 ? undefined : randomFacts(rng);
    if (f) disk.set(p, f); else disk.delete(p);
    index.update(p, f);
  }
  const expected = checkWorkspace([...disk].map(([path, facts]) => ({ path, facts })));
  for (let i = 0; i < 30; i++) {
    const p = `/ws/r${i}.md`;
    assert.deepEqual(index.findingsFor(p).map(key), (expected.get(p) ?? []).map(key), p);
  }
  assert.ok([...expected.values()].some((f) => f.length > 0), 'the workspace has findings across years to compare');
});
