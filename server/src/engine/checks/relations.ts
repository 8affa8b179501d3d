// total-mismatch, reconciliation and bound for the template's relations (R1–R3, R8, R9, R15, L1–L11).
// One wrong cell that breaks its row total and its column total is one finding at that cell, not two.
import { evaluateRelations, type RelationInstance, type Term } from '../relations.js';
import type { TableCell } from '../model/table.js';
import { formatDecimal, type Decimal } from '../numbers.js';
import { finding, type Check } from './check.js';
import type { Finding, RelatedInformation } from '../findings.js';
import type { LocalText } from '../../templates/index.js';
import { listed } from '../budget.js';

export const relations: Check = {
  codes: ['total-mismatch', 'reconciliation', 'bound'],
  run({ binding }) {
    const out: Finding[] = [];
    for (const table of binding.tables) {
      const instances = evaluateRelations(table).filter((i) => i.status === 'fail');
      const hard = instances.filter((i) => !i.relation.soft);
      const soft = instances.filter((i) => i.relation.soft);
      const explained = new Set<RelationInstance>();
      for (const fault of singleCellFaults(hard.filter((i) => !i.unknown))) {
        fault.instances.forEach((i) => explained.add(i));
        out.push(cellFault(fault));
      }
      for (const instance of hard) if (!explained.has(instance)) out.push(describe(instance));
      // A soft bound that fails only because a hard relation over the same cells fails says nothing new.
      const brokenCells = new Set(hard.flatMap((i) => i.terms.map((t) => t.cell)));
      for (const instance of soft) {
        if (instance.terms.some((t) => brokenCells.has(t.cell))) continue;
        out.push(describe(instance));
      }
    }
    return out;
  },
};

function cellName(instance: RelationInstance, term: Term): LocalText {
  if (instance.relation.each === 'row') {
    // The 四 table's one data row has no label: the column names the cell.
    if (!instance.along.label) return { zh: `“${term.label}”`, en: `"${term.label}"` };
    return { zh: `“${instance.along.label}”的“${term.label}”`, en: `"${instance.along.label}" / "${term.label}"` };
  }
  if (instance.table.spec.columns.length === 1) return { zh: `“${term.label}”`, en: `"${term.label}"` };
  return { zh: `“${term.label}”的“${instance.along.label}”`, en: `"${term.label}" / "${instance.along.label}"` };
}

/** "予以公开 3 + 部分公开 2"; long sums show their non-zero terms only (unknown blanks are left out). */
function formula(all: Term[]): LocalText {
  const terms = all.filter((t) => t.value);
  const shown = terms.length > 8 ? terms.filter((t) => !t.value!.eq(0)) : terms;
  const items = shown.map((t) => `${t.label} ${formatDecimal(t.value!)}`);
  const zh = listed(items, ' + ', 'zh') || '0';
  const en = listed(items, ' + ', 'en') || '0';
  const hidden = terms.length - shown.length;
  return hidden ? { zh: `${zh}，其余 ${hidden} 项为 0`, en: `${en}; the other ${hidden} are 0` } : { zh, en };
}

function related(instance: RelationInstance, skip?: TableCell): RelatedInformation[] {
  return instance.terms.filter((t) => t.cell && t.cell !== skip).map((t) => ({
    range: t.cell!.range,
    message: t.value
      ? { zh: `${cellName(instance, t).zh}：${formatDecimal(t.value)}${t.zero ? '（空白，按 0）' : ''}`, en: `${cellName(instance, t).en}: ${formatDecimal(t.value)}${t.zero ? ' (blank, read as 0)' : ''}` }
      : { zh: `${cellName(instance, t).zh}：空白`, en: `${cellName(instance, t).en}: blank` },
  }));
}

function describe(instance: RelationInstance): Finding {
  if (instance.unknown) return describeInfeasible(instance);
  const left = instance.terms.filter((t) => t.side === 'left');
  const right = instance.terms.filter((t) => t.side === 'right');
  const L = instance.left!;
  const R = instance.right!;
  const anchor = left[0].cell!;
  const rel = instance.relation;
  if (rel.kind === 'sum') {
    const name = cellName(instance, left[0]);
    const f = formula(right);
    return finding('total-mismatch', anchor.range, {
      zh: `${name.zh}应为 ${formatDecimal(R)}（= ${f.zh}），表中为 ${formatDecimal(L)}（${rel.id}）`,
      en: `${name.en} should be ${formatDecimal(R)} (= ${f.en}), found ${formatDecimal(L)} (${rel.id})`,
    }, {
      related: related(instance, anchor),
      fixes: [
        { title: { zh: `改为 ${formatDecimal(R)}`, en: `Change to ${formatDecimal(R)}` }, safe: true,
          edits: [{ range: anchor.range, newText: formatDecimal(R) }] },
        // Or one of the parts is the wrong figure: each part that could be, with the value that balances the sum.
        ...right.map((t) => ({ term: t, value: t.value!.plus(L.minus(R)) })).filter((c) => c.value.gte(0)).slice(0, 8)
          .map(({ term, value }) => {
            const name = cellName(instance, term);
            return { title: { zh: `或将${name.zh}改为 ${formatDecimal(value)}`, en: `Or change ${name.en} to ${formatDecimal(value)}` }, safe: false,
              edits: [{ range: term.cell!.range, newText: formatDecimal(value) }] };
          }),
      ],
    });
  }
  if (rel.kind === 'balance') {
    const lf = formula(left);
    const rf = formula(right);
    const where = instance.table.spec.columns.length > 1 && rel.each === 'column'
      ? { zh: `（“${instance.along.label}”列）`, en: ` in column "${instance.along.label}"` } : { zh: '', en: '' };
    return finding('reconciliation', anchor.range, {
      zh: `勾稽关系不平衡${where.zh}：${lf.zh} = ${formatDecimal(L)}，而 ${rf.zh} = ${formatDecimal(R)}，相差 ${formatDecimal(L.minus(R).abs())}（${rel.id}）`,
      en: `The reconciliation fails${where.en}: ${lf.en} = ${formatDecimal(L)}, but ${rf.en} = ${formatDecimal(R)}; off by ${formatDecimal(L.minus(R).abs())} (${rel.id})`,
    }, { related: related(instance, anchor) });
  }
  const lname = left.map((t) => cellName(instance, t));
  const rname = right.map((t) => cellName(instance, t));
  const join = (names: LocalText[], lang: 'zh' | 'en') => names.map((n) => n[lang]).join(lang === 'zh' ? '与' : ' + ');
  return finding('bound', anchor.range, {
    zh: `${join(lname, 'zh')}（${formatDecimal(L)}）大于${join(rname, 'zh')}${right.length > 1 ? '之和' : ''}（${formatDecimal(R)}），通常不应如此（${rel.id}）`,
    en: `${join(lname, 'en')} (${formatDecimal(L)}) exceeds ${join(rname, 'en')} (${formatDecimal(R)}), which is normally impossible (${rel.id})`,
  }, { related: related(instance, anchor) });
}

/**
 * A relation that fails whatever its blanks hold: the written figures of the side with blanks already exceed the
 * other side (blanks are at least 0, so they only add). One finding, naming the blank cells.
 */
function describeInfeasible(instance: RelationInstance): Finding {
  const rel = instance.relation;
  const unknown = instance.unknown!;
  const openSide = unknown[0].side;
  const open = instance.terms.filter((t) => t.side === openSide);
  const closed = instance.terms.filter((t) => t.side !== openSide);
  const K = formatDecimal(openSide === 'left' ? instance.left! : instance.right!);
  const C = formatDecimal(openSide === 'left' ? instance.right! : instance.left!);
  const of = formula(open);
  const cf = formula(closed);
  const blanks = unknown.map((t) => cellName(instance, t));
  const names = { zh: listed(blanks.map((n) => n.zh), '、', 'zh'), en: listed(blanks.map((n) => n.en), ', ', 'en') };
  const anchor = instance.terms.find((t) => t.side === 'left' && t.cell)!.cell!;
  const code = rel.kind === 'sum' ? 'total-mismatch' : rel.kind === 'balance' ? 'reconciliation' : 'bound';
  const blankText = {
    zh: `空白的${names.zh}（未知，至少为 0）只会使差距更大，无论填什么都不成立（${rel.id}）`,
    en: `the blank ${names.en} (unknown, at least 0) can only widen the gap, so no figure there makes it hold (${rel.id})`,
  };
  if (rel.kind === 'sum' && openSide === 'right') {
    const total = cellName(instance, closed[0]);
    return finding(code, anchor.range, {
      zh: `${total.zh}为 ${C}，而已填的各项之和已达 ${K}（${of.zh}）；${blankText.zh}`,
      en: `${total.en} is ${C}, but the parts written already add up to ${K} (${of.en}); ${blankText.en}`,
    }, { related: related(instance, anchor) });
  }
  const where = instance.table.spec.columns.length > 1 && rel.each === 'column'
    ? { zh: `（“${instance.along.label}”列）`, en: ` in column "${instance.along.label}"` }
    : rel.each === 'row' ? { zh: `（“${instance.along.label}”行）`, en: ` in row "${instance.along.label}"` } : { zh: '', en: '' };
  const title = rel.kind === 'balance' ? { zh: '勾稽关系不平衡', en: 'The reconciliation fails' } : { zh: '关系不成立', en: 'The relation fails' };
  return finding(code, anchor.range, {
    zh: `${title.zh}${where.zh}：已填的 ${of.zh} = ${K}，已大于另一边 ${cf.zh} = ${C}；${blankText.zh}`,
    en: `${title.en}${where.en}: the figures written, ${of.en} = ${K}, already exceed the other side, ${cf.en} = ${C}; ${blankText.en}`,
  }, { related: related(instance, anchor) });
}

interface CellFault { cell: TableCell; name: LocalText; value: Decimal; corrected: Decimal; instances: RelationInstance[] }

/**
 * Cells shared by several failing relations where one corrected value satisfies them all:
 * the likeliest single fault, reported once.
 */
function singleCellFaults(failing: RelationInstance[]): CellFault[] {
  const byCell = new Map<TableCell, Array<{ instance: RelationInstance; term: Term; corrected: Decimal }>>();
  for (const instance of failing) {
    const delta = instance.left!.minus(instance.right!);
    for (const term of instance.terms) {
      const corrected = term.side === 'left' ? term.value!.minus(delta) : term.value!.plus(delta);
      const list = byCell.get(term.cell!) ?? [];
      list.push({ instance, term, corrected });
      byCell.set(term.cell!, list);
    }
  }
  const candidates: CellFault[] = [];
  for (const [cell, list] of byCell) {
    if (list.length < 2) continue;
    const groups = new Map<string, typeof list>();
    for (const entry of list) {
      const key = entry.corrected.toFixed();
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const best = [...groups.values()].sort((a, b) => b.length - a.length)[0];
    if (best.length < 2 || best[0].corrected.lt(0)) continue;
    candidates.push({ cell, name: cellName(best[0].instance, best[0].term), value: best[0].term.value!,
      corrected: best[0].corrected, instances: best.map((e) => e.instance) });
  }
  candidates.sort((a, b) => b.instances.length - a.instances.length);
  const used = new Set<RelationInstance>();
  return candidates.filter((c) => {
    if (c.instances.some((i) => used.has(i))) return false;
    c.instances.forEach((i) => used.add(i));
    return true;
  });
}

function cellFault(fault: CellFault): Finding {
  const what = fault.instances.map((i) => summary(i));
  const code = fault.instances.some((i) => i.relation.kind === 'sum') ? 'total-mismatch' : 'reconciliation';
  const v = formatDecimal(fault.corrected);
  return finding(code, fault.cell.range, {
    zh: `${fault.name.zh}为 ${formatDecimal(fault.value)}，与 ${what.length} 处关系都不符（${what.map((w) => w.zh).join('；')}）；若改为 ${v}，全部成立`,
    en: `${fault.name.en} is ${formatDecimal(fault.value)}, which breaks ${what.length} relations (${what.map((w) => w.en).join('; ')}); ${v} would satisfy them all`,
  }, {
    related: fault.instances.flatMap((i) => related(i, fault.cell)).filter((r, k, all) =>
      all.findIndex((o) => o.range.start.line === r.range.start.line && o.range.start.character === r.range.start.character) === k),
    // One value that satisfies every relation the cell breaks: a candidate for fix-all, which still verifies it.
    fixes: [{ title: { zh: `改为 ${v}`, en: `Change to ${v}` }, safe: true, edits: [{ range: fault.cell.range, newText: v }] }],
  });
}

function summary(instance: RelationInstance): LocalText {
  const left = instance.terms.filter((t) => t.side === 'left');
  const L = formatDecimal(instance.left!);
  const R = formatDecimal(instance.right!);
  if (instance.relation.kind === 'sum') {
    const name = cellName(instance, left[0]);
    return { zh: `${name.zh} ${L} ≠ 各项之和 ${R}`, en: `${name.en} ${L} ≠ sum of parts ${R}` };
  }
  return { zh: `勾稽关系 ${L} ≠ ${R}（${instance.along.label}）`, en: `reconciliation ${L} ≠ ${R} (${instance.along.label})` };
}

