import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { compareFar, floatShare } from '../floatShare.js';
import type { Decimal } from '../../money/Decimal.js';
import { isIsoDate } from '../../model/isIsoDate.js';
import { STAGES, type Stage } from '../../model/stages.js';
import { toDecimalArgument } from '../../model/toDecimalArgument.js';
import type { FlowGraph } from '../../model/types.js';
import { periodBounds } from '../../reconcile/periodBounds.js';
import type { AllotmentSides } from '../allotmentSides.js';
import { describeNode } from '../describeNode.js';
import type { IndexedFlow } from '../FlowIndex.js';
import type { FlowTable, NumberedColumn } from '../FlowTable.js';
import { GroupSums } from '../GroupSums.js';
import { makeFlag } from '../makeFlag.js';
import { money } from '../money.js';
import { percent } from '../percent.js';
import type { Scratch } from '../Scratch.js';
import type { Flag, FlagRule, Severity } from '../types.js';
import { stageName } from '../stageName.js';

export interface UnderspendOptions {
  /** The share of its allotment a node must have exercised by the end of a period; less is flagged. */
  share: string;
  /**
   * The day the data stand at (YYYY-MM-DD): a period that ends after it is still running and is not judged. null
   * takes every period in the data as closed, as in a Cuenta Pública.
   */
  asOf: string | null;
}

/**
 * `underspend`: a node exercised (or paid, where the data have no exercised stage) less than a share (80% by default)
 * of its allotment (modified, or approved where there is no modified figure) by the end of a period. Money approved
 * and not spent (subejercicio) is returned or moved elsewhere late in the year, out of sight.
 *
 * Looked at per node and currency. The allotment is what the node received, or, for a node that receives no approved
 * or modified money, what it passed down; the execution is what it paid out. When every allotment flow states its
 * period, each period is compared on its own: an execution flow belongs to the period it states, or to the allotment
 * period that contains its own period or its date; one that falls in no allotment period is not compared. When a
 * flow cannot be placed (no period, or one cauce cannot place on a calendar), the totals are compared instead, so
 * that no money is left out. A node, or a period, with an allotment but no execution figure at all is not flagged:
 * the data do not say what was spent. A period is judged once it has ended, if `asOf` says when the data stand. The
 * amount at stake is the unspent remainder.
 */
export const underspend: FlagRule<UnderspendOptions> = {
  id: 'underspend',
  title: { en: 'Spent little of its budget', es: 'Subejercicio del presupuesto' },
  severity: 'low',
  defaults: { share: '0.8', asOf: null },
  run({ graph, index }, options) {
    const threshold = toDecimalArgument(options.share, 'config.underspend.share');
    const asOf = options.asOf;
    if (asOf !== null && (typeof asOf !== 'string' || !isIsoDate(asOf))) {
      throw new InvalidArgumentError('config.underspend.asOf', 'expected a date written YYYY-MM-DD, or null');
    }
    const table = index.table();
    const sides = index.allotmentSides();
    const executions = executionsOf(table, sides, index.scratch);
    const calendar = new Calendar(table, sides, executions, index.scratch);
    const periodGroups = sides.groupPeriod.length;
    // Three sums per group: a side's period groups, and for a side compared whole because a payment of it could not
    // be placed in its periods, one more group numbered after all of them.
    const sums = new GroupSums((periodGroups + sides.count) * SLOTS, table, index.scratch);
    const share = floatShare(threshold);
    const flags: Flag[] = [];
    const found: Found = { graph, table, sides, executions, sums, threshold, asOf, severity: options.severity };
    for (let s = 0; s < sides.count; s++) {
      if (executions.start[s] === executions.start[s + 1]) continue;
      const split = sides.groupPeriod[sides.groupStart[s]!] !== -1;
      const byPeriod = split && calendar.place(s);
      const groups: Groups = byPeriod
        ? { first: sides.groupStart[s]!, end: sides.groupStart[s + 1]!, of: sides.groupOf, placed: calendar.placed }
        : whole(split ? periodGroups + s : sides.groupStart[s]!);
      for (let i = sides.start[s]!; i < sides.start[s + 1]!; i++) {
        const row = sides.rows[i]!;
        sums.add(allotmentGroup(groups, i) * SLOTS + (table.stage[row] === MODIFIED_STAGE ? MODIFIED : APPROVED), row);
      }
      for (let i = executions.start[s]!; i < executions.start[s + 1]!; i++) {
        const group = paymentGroup(groups, i);
        if (group !== NONE) sums.add(group * SLOTS + EXECUTED, executions.rows[i]!);
      }
      for (let group = groups.first; group < groups.end; group++) {
        if (!sums.has(group * SLOTS + EXECUTED)) continue;
        if (asOf !== null) {
          const end = byPeriod ? calendar.end(sides.groupPeriod[group]!) : calendar.endOfSide(s);
          if (end !== undefined && end > asOf) continue;
        }
        const slot = sums.has(group * SLOTS + MODIFIED) ? MODIFIED : APPROVED;
        if (below(sums, group, slot, share, threshold)) flags.push(underspendFlag(found, s, groups, group, slot));
      }
    }
    return flags;
  },
};

/** What a flag is made from, beside the group that fired. */
interface Found {
  graph: FlowGraph;
  table: FlowTable;
  sides: AllotmentSides;
  executions: Executions;
  sums: GroupSums;
  threshold: Decimal;
  asOf: string | null;
  severity: Severity;
}

/** The flag of one group of side `s`, whose allotment at `slot` it executed too little of. */
function underspendFlag(found: Found, s: number, groups: Groups, group: number, slot: number): Flag {
  const { graph, table, sides, executions, sums, threshold, asOf } = found;
  // The group's allotment flows at the stage compared, then its payments, each in the graph's order.
  const allotments: IndexedFlow[] = [];
  for (let i = sides.start[s]!; i < sides.start[s + 1]!; i++) {
    const row = sides.rows[i]!;
    if (allotmentGroup(groups, i) === group && (table.stage[row] === MODIFIED_STAGE) === (slot === MODIFIED)) {
      allotments.push(table.indexed(row));
    }
  }
  const spent: IndexedFlow[] = [];
  for (let i = executions.start[s]!; i < executions.start[s + 1]!; i++) {
    const row = executions.rows[i]!;
    if (paymentGroup(groups, i) === group) spent.push(table.indexed(row));
  }
  const node = table.nodes[sides.node[s]!]!;
  const currency = table.currencies[sides.currency[s]!]!;
  const period = groups.of === undefined ? '' : table.periods().names[sides.groupPeriod[group]!]!;
  const allotted = sums.value(group * SLOTS + slot);
  const executed = sums.value(group * SLOTS + EXECUTED);
  const allottedStage: Stage = slot === MODIFIED ? 'modified' : 'approved';
  const executedStage = spent[0]!.flow.stage;
  const unspent = allotted.minus(executed);
  const share = executed.dividedBy(allotted);
  const who = describeNode(graph, node);
  const [used, budget, left] = [executed, allotted, unspent].map((value) => money(value, currency));
  const when = period === '' ? '' : ` for ${period}`;
  const cuando = period === '' ? '' : ` para ${period}`;
  return makeFlag({
    rule: 'underspend',
    severity: found.severity,
    nodes: [node],
    flows: [...allotments, ...spent],
    amount: unspent,
    currency,
    message: {
      en: `${who} ${executedStage === 'paid' ? 'paid' : 'exercised'} ${used!.en} of its ${allottedStage} budget of ${budget!.en}${when} (${percent(share)}, below ${percent(threshold)}): ${left!.en} unspent.`,
      es: `${who} ${executedStage === 'paid' ? 'pagó' : 'ejerció'} ${used!.es} de su presupuesto ${stageName(allottedStage).es} de ${budget!.es}${cuando} (${percent(share)}, menos del ${percent(threshold)}): ${left!.es} sin ejercer.`,
    },
    evidence: {
      allotted: allotted.toFixed(),
      allottedStage,
      executed: executed.toFixed(),
      executedStage,
      unspent: unspent.toFixed(),
      share: share.toFixed(),
      threshold: threshold.toFixed(),
      period,
      asOf: asOf ?? '',
    },
  });
}

// The sums of a group, in numbered slots: its allotment at modified and at approved, and its execution.
const MODIFIED = 0;
const APPROVED = 1;
const EXECUTED = 2;
const SLOTS = 3;

const MODIFIED_STAGE = STAGES.indexOf('modified');
const EXERCISED_STAGE = STAGES.indexOf('exercised');
const PAID_STAGE = STAGES.indexOf('paid');

/** A payment that falls in none of the side's allotment periods (money of a period with no allotment). */
const NONE = -1;
/** A payment that cannot be placed at all: its side is then compared whole. */
const UNPLACEABLE = -2;

/**
 * The groups a side is compared in: its period groups, each allotment flow in its own and each payment where the
 * calendar placed it; or one group of everything (`of` and `placed` undefined).
 */
interface Groups {
  first: number;
  end: number;
  of: Int32Array | undefined;
  placed: Int32Array | undefined;
}

/** One group of everything a side has. */
function whole(group: number): Groups {
  return { first: group, end: group + 1, of: undefined, placed: undefined };
}

/** The group of the side's `i`th allotment flow (a position in `sides.rows`). */
function allotmentGroup(groups: Groups, i: number): number {
  return groups.of === undefined ? groups.first : groups.of[i]!;
}

/** The group of the side's `i`th payment (a position in `executions.rows`), or NONE. */
function paymentGroup(groups: Groups, i: number): number {
  return groups.placed === undefined ? groups.first : groups.placed[i]!;
}

/** Payment rows per side, as `sides` holds allotment rows: side `s` has `rows[start[s]]` up to `rows[start[s + 1]]`. */
interface Executions {
  start: Int32Array;
  rows: Int32Array;
}

/**
 * Every side's execution flows, in the graph's order: what its node paid out in its currency at exercised, or at paid
 * where it exercised nothing in that currency.
 */
function executionsOf(table: FlowTable, sides: AllotmentSides, scratch: Scratch): Executions {
  const { stage } = table;
  const { sideOf } = sides;
  const { fromPair } = table.pairs();
  const exercised = scratch.int32(sides.count);
  const paid = scratch.int32(sides.count);
  for (let row = 0; row < table.size; row++) {
    const rowStage = stage[row]!;
    if (rowStage !== EXERCISED_STAGE && rowStage !== PAID_STAGE) continue;
    const s = sideOf[fromPair[row]!]!;
    if (s === -1) continue;
    if (rowStage === EXERCISED_STAGE) exercised[s]!++;
    else paid[s]!++;
  }
  const start = scratch.int32(sides.count + 1);
  for (let s = 0; s < sides.count; s++) start[s + 1] = start[s]! + (exercised[s]! > 0 ? exercised[s]! : paid[s]!);
  const next = scratch.int32(sides.count);
  next.set(start.subarray(0, sides.count));
  const rows = scratch.int32(start[sides.count]!);
  for (let row = 0; row < table.size; row++) {
    const rowStage = stage[row]!;
    if (rowStage !== EXERCISED_STAGE && rowStage !== PAID_STAGE) continue;
    const s = sideOf[fromPair[row]!]!;
    if (s === -1 || rowStage !== (exercised[s]! > 0 ? EXERCISED_STAGE : PAID_STAGE)) continue;
    rows[next[s]!++] = row;
  }
  return { start, rows };
}

/**
 * Places payments in the allotment periods of their side, and says when periods end. A period's days are read once
 * (periodBounds parses its text), and a payment's place is worked out once per side for each period or date that is
 * not one of the side's own: most payments state one of them.
 */
class Calendar {
  /** Where `place` put each payment (a group, or NONE), by its position in `executions.rows`. */
  readonly placed: Int32Array;
  private readonly periods: NumberedColumn;
  private readonly bounds: Array<{ first: string; last: string } | undefined>;
  private readonly read: Uint8Array;
  /** The group of each of the side's periods while `place` runs; -1 for every other period. */
  private readonly groupOfPeriod: Int32Array;
  /** Places worked out for the side being placed (`side + 1` in `seen`), by period and by date. */
  private readonly byPeriod: Int32Array;
  private readonly periodSeen: Int32Array;
  private byDate: Int32Array | undefined;
  private dateSeen: Int32Array | undefined;

  constructor(
    private readonly table: FlowTable,
    private readonly sides: AllotmentSides,
    private readonly executions: Executions,
    scratch: Scratch,
  ) {
    this.placed = scratch.int32(executions.rows.length);
    this.periods = table.periods();
    const periodCount = this.periods.names.length;
    this.bounds = new Array(periodCount);
    this.read = new Uint8Array(periodCount);
    this.groupOfPeriod = new Int32Array(periodCount).fill(-1);
    this.byPeriod = new Int32Array(periodCount);
    this.periodSeen = new Int32Array(periodCount);
  }

  /** A period's first and last day; undefined when it cannot be placed on a calendar. */
  boundsOf(period: number): { first: string; last: string } | undefined {
    if (this.read[period] === 0) {
      this.read[period] = 1;
      this.bounds[period] = periodBounds(this.periods.names[period]!);
    }
    return this.bounds[period];
  }

  /** The last day of a period; undefined when it cannot be placed on a calendar. */
  end(period: number): string | undefined {
    return this.boundsOf(period)?.last;
  }

  /**
   * The last day of the latest of a side's periods, as a side compared whole is judged; undefined when a flow states
   * no period or one cannot be placed on a calendar.
   */
  endOfSide(s: number): string | undefined {
    let end: string | undefined;
    for (let g = this.sides.groupStart[s]!; g < this.sides.groupStart[s + 1]!; g++) {
      const period = this.sides.groupPeriod[g]!;
      const last = period === -1 ? undefined : this.end(period);
      if (last === undefined) return undefined;
      if (end === undefined || last > end) end = last;
    }
    return end;
  }

  /**
   * Places each payment of side `s` (one placed by period) in `placed`: in the period it states, or else in the
   * period that contains its own period or its date. False when one cannot be placed: the side is compared whole.
   */
  place(s: number): boolean {
    const { sides, executions } = this;
    const firstGroup = sides.groupStart[s]!;
    const endGroup = sides.groupStart[s + 1]!;
    for (let g = firstGroup; g < endGroup; g++) this.groupOfPeriod[sides.groupPeriod[g]!] = g;
    const stamp = s + 1;
    let placeable = true;
    for (let i = executions.start[s]!; i < executions.start[s + 1]! && placeable; i++) {
      const row = executions.rows[i]!;
      const period = this.periods.codes[row]!;
      let group: number;
      if (period !== -1) {
        group = this.groupOfPeriod[period]!;
        if (group === -1) {
          if (this.periodSeen[period] !== stamp) {
            this.periodSeen[period] = stamp;
            const bounds = this.boundsOf(period);
            this.byPeriod[period] = bounds === undefined ? UNPLACEABLE : this.within(bounds.first, bounds.last, s);
          }
          group = this.byPeriod[period]!;
        }
      } else {
        const dates = this.table.dates();
        const date = dates.codes[row]!;
        if (date === -1) group = UNPLACEABLE;
        else {
          this.byDate ??= new Int32Array(dates.names.length);
          this.dateSeen ??= new Int32Array(dates.names.length);
          if (this.dateSeen[date] !== stamp) {
            this.dateSeen[date] = stamp;
            this.byDate[date] = this.within(dates.names[date]!, dates.names[date]!, s);
          }
          group = this.byDate[date]!;
        }
      }
      if (group === UNPLACEABLE) placeable = false;
      else this.placed[i] = group;
    }
    for (let g = firstGroup; g < endGroup; g++) this.groupOfPeriod[sides.groupPeriod[g]!] = -1;
    return placeable;
  }

  /** The side's period group that holds the days `first` to `last`; NONE when none does, UNPLACEABLE when unclear. */
  private within(first: string, last: string, s: number): number {
    let inside = NONE;
    let overlaps = false;
    let unplaceable = false;
    for (let g = this.sides.groupStart[s]!; g < this.sides.groupStart[s + 1]!; g++) {
      const bounds = this.boundsOf(this.sides.groupPeriod[g]!);
      if (bounds === undefined) {
        unplaceable = true;
      } else if (bounds.first <= first && last <= bounds.last) {
        // Overlapping allotment periods (a year and its quarters) make the place ambiguous.
        if (inside !== NONE) return UNPLACEABLE;
        inside = g;
      } else if (bounds.first <= last && first <= bounds.last) {
        overlaps = true;
      }
    }
    if (inside !== NONE) return overlaps ? UNPLACEABLE : inside;
    // A flow that straddles allotment periods (a yearly payment against quarterly allotments) cannot be split; one
    // outside every period that can be placed might lie in one that cannot.
    return overlaps || unplaceable ? UNPLACEABLE : NONE;
  }
}

/**
 * Whether the group executed less than `threshold` of its allotment, which must be above zero, exactly: decided in
 * cents and floats where the two sides are far apart (a float's error is some 10^-16 of them), else by the Decimals,
 * compared without dividing: executed / allotted < share.
 */
function below(sums: GroupSums, group: number, slot: number, share: number | undefined, threshold: Decimal): boolean {
  const allotted = sums.centsOf(group * SLOTS + slot);
  const executed = sums.centsOf(group * SLOTS + EXECUTED);
  // A zero or negative allotment leaves no share to measure.
  if (allotted === allotted ? allotted <= 0 : !sums.value(group * SLOTS + slot).greaterThan(0)) return false;
  // NaN cents (a sum gone Decimal) fail every comparison and fall through to the Decimals.
  const far = share === undefined ? 0 : compareFar(executed, allotted * share);
  if (far !== 0) return far < 0;
  return sums.value(group * SLOTS + EXECUTED).lessThan(sums.value(group * SLOTS + slot).times(threshold));
}
