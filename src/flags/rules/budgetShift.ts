import { Decimal } from '../../money/Decimal.js';
import { compareFar, floatShare } from '../floatShare.js';
import { STAGES } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowGraph } from '../../model/types.js';
import type { AllotmentSides } from '../allotmentSides.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import type { FlowTable } from '../FlowTable.js';
import { GroupSums } from '../GroupSums.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { percent } from '../percent.js';
import type { Flag, FlagRule, Severity } from '../types.js';

export interface BudgetShiftOptions {
  /** The share of the approved amount by which the modified one may differ, either way, before it is flagged. */
  share: string;
}

/**
 * `budget-shift`: a node's modified budget differs from its approved budget by more than a share of it (10% by
 * default), cut or increased. In Mexico the modified budget (modificado) is what the approved one (aprobado) became
 * after the year's transfers between programmes; large ones move money away from what Congress voted.
 *
 * Looked at per node and currency: what the node received at each stage, or, for a node that receives no approved or
 * modified money (the top of the data), what it passed down. When every approved and modified flow of the node in
 * that currency states its period, each period is compared on its own; otherwise the totals are, since a flow without
 * a period cannot be placed and leaving it out would hide money. A node with only one of the two stages is not
 * looked at. The amount at stake is the difference; an approved amount of zero makes any modified amount a shift, and
 * its share is written `Infinity`.
 */
export const budgetShift: FlagRule<BudgetShiftOptions> = {
  id: 'budget-shift',
  title: { en: 'Budget changed during the year', es: 'Presupuesto modificado durante el año' },
  severity: 'low',
  defaults: { share: '0.1' },
  run({ graph, index }, options) {
    const threshold = toDecimalArgument(options.share, 'config.budget-shift.share');
    const table = index.table();
    const sides = index.allotmentSides();
    const { rows, groupOf } = sides;
    // Two sums per period group, approved and modified, in the graph's order of the group's flows.
    const sums = new GroupSums(sides.groupPeriod.length * 2, table, index.scratch);
    for (let i = 0; i < rows.length; i++) {
      sums.add(groupOf[i]! * 2 + (table.stage[rows[i]!] === MODIFIED_STAGE ? MODIFIED : APPROVED), rows[i]!);
    }
    const share = floatShare(threshold);
    const flags: Flag[] = [];
    for (let s = 0; s < sides.count; s++) {
      for (let g = sides.groupStart[s]!; g < sides.groupStart[s + 1]!; g++) {
        if (!sums.has(g * 2 + APPROVED) || !sums.has(g * 2 + MODIFIED)) continue;
        if (!shifted(sums, g, share, threshold)) continue;
        const approved = sums.value(g * 2 + APPROVED);
        const modified = sums.value(g * 2 + MODIFIED);
        flags.push(shiftFlag(graph, table, sides, s, g, approved, modified, threshold, options.severity));
      }
    }
    return flags;
  },
};

const APPROVED = 0;
const MODIFIED = 1;
const MODIFIED_STAGE = STAGES.indexOf('modified');

/**
 * Whether the group's modified sum differs from its approved one by more than `threshold` of it, exactly: decided in
 * cents and floats where the two sides are far apart (a float's error is some 10^-16 of them), else by the Decimals,
 * without dividing, so that an approved amount of zero needs no special case.
 */
function shifted(sums: GroupSums, g: number, share: number | undefined, threshold: Decimal): boolean {
  const approved = sums.centsOf(g * 2 + APPROVED);
  const modified = sums.centsOf(g * 2 + MODIFIED);
  // NaN cents (a sum gone Decimal) fail every comparison and fall through to the Decimals.
  const far = share === undefined ? 0 : compareFar(Math.abs(modified - approved), Math.abs(approved) * share);
  if (far !== 0) return far > 0;
  const approvedSum = sums.value(g * 2 + APPROVED);
  const change = sums.value(g * 2 + MODIFIED).minus(approvedSum);
  return change.abs().greaterThan(approvedSum.abs().times(threshold));
}

function shiftFlag(
  graph: FlowGraph,
  table: FlowTable,
  sides: AllotmentSides,
  s: number,
  g: number,
  approved: Decimal,
  modified: Decimal,
  threshold: Decimal,
  severity: Severity,
): Flag {
  const node = table.nodes[sides.node[s]!]!;
  const currency = table.currencies[sides.currency[s]!]!;
  const periodNumber = sides.groupPeriod[g]!;
  const period = periodNumber === -1 ? '' : table.periods().names[periodNumber]!;
  const change = modified.minus(approved);
  const share = approved.isZero() ? new Decimal(Infinity) : change.abs().dividedBy(approved.abs());
  const cut = change.isNegative();
  const who = describeNode(graph, node);
  const [was, now, moved] = [approved, modified, change.abs()].map((value) => money(value, currency));
  const when = period === '' ? '' : ` for ${period}`;
  const cuando = period === '' ? '' : ` para ${period}`;
  const size = share.isFinite() ? ` (${percent(share)})` : '';
  // The group's approved flows, then its modified ones, each in the graph's order.
  const flows: IndexedFlow[] = [];
  for (const wanted of [false, true]) {
    for (let i = sides.start[s]!; i < sides.start[s + 1]!; i++) {
      const row = sides.rows[i]!;
      if (sides.groupOf[i] === g && (table.stage[row] === MODIFIED_STAGE) === wanted) {
        flows.push(table.indexed(row));
      }
    }
  }
  return makeFlag({
    rule: 'budget-shift',
    severity,
    nodes: [node],
    flows,
    amount: change.abs(),
    currency,
    message: {
      en: `${who}'s budget${when} was ${cut ? 'cut' : 'increased'} from ${was!.en} approved to ${now!.en} modified: ${moved!.en} ${cut ? 'less' : 'more'}${size}.`,
      es: `El presupuesto de ${who}${cuando} ${cut ? 'se redujo' : 'se amplió'} de ${was!.es} aprobado a ${now!.es} modificado: ${moved!.es} ${cut ? 'menos' : 'más'}${size}.`,
    },
    evidence: {
      approved: approved.toFixed(),
      modified: modified.toFixed(),
      change: change.toFixed(),
      direction: cut ? 'cut' : 'increase',
      share: share.toFixed(),
      threshold: threshold.toFixed(),
      period,
    },
  });
}
