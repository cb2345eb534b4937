import type { Decimal } from '../money/Decimal.js';
import { type Stage, STAGES } from '../model/stages.js';
import type { FlowAttributes, FlowGraph, FlowNodeAttributes, Provenance } from '../model/types.js';
import { CLASSIFICATION_KINDS } from './CLASSIFICATION_KINDS.js';
import { addToSlot, type Entry, Sum } from './Sum.js';
import { readUnits } from '../money/readUnits.js';

/** The total of some flows, with the rows behind it. */
export interface Total {
  amount: Decimal;
  flows: number;
  provenance: Provenance[];
}

/** What a node received and paid, in numbered slots (sparse arrays): no string key per flow. */
export interface NodeSums {
  inflow: Entry[];
  outflow: Entry[];
  /**
   * For a programme or an agency (see `forEachNodeSums`): what it paid out, paid or exercised, to anything that is not
   * a classification, per slot. Summed in the graph's order, not the node's; the two give the same totals unless the
   * rows behind them differ in a way whose order shows, and then `paymentsInNodeOrder` is set instead.
   */
  payments?: Sum[];
  paymentsInNodeOrder?: boolean;
}

/** A node's Sums for the public look-ups: numbered slots as in NodeSums. */
interface SlotSums {
  inflow: Sum[];
  outflow: Sum[];
}

/** The nodes reconciliation's checks look at, in the graph's order, with their sums (see `forEachNodeSums`). */
interface CheckedNodes {
  nodes: string[];
  attributes: FlowNodeAttributes[];
  sums: NodeSums[];
}

/** A stage's slot within a group of slots (a currency, or a currency and period): its place in STAGES. */
export const STAGE_SLOT = Object.fromEntries(STAGES.map((stage, slot) => [stage, slot])) as Record<Stage, number>;
/** Slots in a group: one per stage. A slot's group is `Math.floor(slot / SLOTS_PER_GROUP)`. */
export const SLOTS_PER_GROUP = STAGES.length;

// What the first pass of `forEachNodeSums` marks per node: the stages of its flows (one bit each, in slot order),
// whether it receives, whether it pays, and whether a check needs its sums.
const STAGE_BIT: Record<Stage, number> = {
  approved: 1,
  modified: 2,
  committed: 4,
  accrued: 8,
  exercised: 16,
  paid: 32,
};
const CUMULATIVE_BITS = 2 | 4 | 8 | 16 | 32;
const RECEIVES = 64;
const PAYS = 128;
const NEEDED = 256;
const PAYER = 512;

/**
 * What every node received and paid, per stage and currency and per stage, currency and period: `received`, `paid`,
 * `receivedIn` and `paidIn`, which rules of users' own read through `FlowIndex.totals()`, each kind made on first use
 * in one pass over the flows; and the checks' own sums per period, made only for the nodes a check can report on (see
 * `forEachNodeSums`). Sums are kept per node in slots numbered by stage, currency and period, so that a node's sums
 * are found with one look-up; adding a flow to one makes no object and builds no string, and amounts are added as
 * integers while that is exact.
 */
export class FlowTotals {
  private plain: Map<string, SlotSums> | undefined;
  private perPeriod: Map<string, SlotSums> | undefined;
  private readonly currencies = new Interner();
  private readonly periods = new Interner();
  /** The number of currencies, known once a pass has seen every flow: period slots are numbered with it. */
  private currencyCount = -1;
  private periodReader: PeriodReader | undefined;
  private checked: CheckedNodes | undefined;

  constructor(private readonly graph: FlowGraph) {}

  /** The sums per stage and currency, made on first use in one pass over the flows. */
  private plainSums(): Map<string, SlotSums> {
    if (this.plain) return this.plain;
    const byNode = new Map<string, SlotSums>();
    const currencies = this.currencies;
    let lastCurrency: string | undefined;
    let currency = 0;
    // graphology walks all its edges far faster than it walks each node's edges.
    this.graph.forEachEdge((_edge, flow) => {
      if (flow.currency !== lastCurrency) currency = currencies.index((lastCurrency = flow.currency));
      const slot = currency * SLOTS_PER_GROUP + STAGE_SLOT[flow.stage];
      const fits = readUnits(flow.amount);
      (sumsOf(byNode, flow.to).inflow[slot] ??= new Sum()).addRead(flow, fits);
      (sumsOf(byNode, flow.from).outflow[slot] ??= new Sum()).addRead(flow, fits);
    });
    this.currencyCount = currencies.size;
    return (this.plain = byNode);
  }

  /** The sums per stage, currency and period (see `periodOf`), made on first use. */
  private periodSums(): Map<string, SlotSums> {
    if (this.perPeriod) return this.perPeriod;
    const currencies = this.currencies;
    let lastCurrency: string | undefined;
    let currency = 0;
    if (this.currencyCount < 0) {
      // Currencies first (a cheap pass), so that period slots can be numbered by their count.
      this.graph.forEachEdge((_edge, flow) => {
        if (flow.currency !== lastCurrency) currencies.index((lastCurrency = flow.currency));
      });
      this.currencyCount = currencies.size;
      lastCurrency = undefined;
    }
    const width = this.width();
    const byNode = new Map<string, SlotSums>();
    const periods = (this.periodReader ??= new PeriodReader(this.periods));
    this.graph.forEachEdge((_edge, flow) => {
      if (flow.currency !== lastCurrency) currency = currencies.index((lastCurrency = flow.currency));
      const slot = (periods.indexOf(flow) * width + currency) * SLOTS_PER_GROUP + STAGE_SLOT[flow.stage];
      const fits = readUnits(flow.amount);
      (sumsOf(byNode, flow.to).inflow[slot] ??= new Sum()).addRead(flow, fits);
      (sumsOf(byNode, flow.from).outflow[slot] ??= new Sum()).addRead(flow, fits);
    });
    return (this.perPeriod = byNode);
  }

  received(node: string, stage: Stage, currency: string): Total | undefined {
    const sums = this.plainSums().get(node);
    const slot = this.slotOf(stage, currency);
    return slot === undefined ? undefined : sums?.inflow[slot];
  }

  paid(node: string, stage: Stage, currency: string): Total | undefined {
    const sums = this.plainSums().get(node);
    const slot = this.slotOf(stage, currency);
    return slot === undefined ? undefined : sums?.outflow[slot];
  }

  /**
   * What a node received or paid per stage, currency and period (see `periodOf`). Checks compare like with like: a
   * 2016 allotment with 2016 payments, not with the sum of every year.
   */
  receivedIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    const sums = this.periodSums().get(node);
    const slot = this.periodSlotOf(stage, currency, period);
    return slot === undefined ? undefined : sums?.inflow[slot];
  }

  paidIn(node: string, stage: Stage, currency: string, period: string): Total | undefined {
    const sums = this.periodSums().get(node);
    const slot = this.periodSlotOf(stage, currency, period);
    return slot === undefined ? undefined : sums?.outflow[slot];
  }

  /** The stages and currencies a node has flows at, in or out, as `stage\0currency` keys. */
  stagesOf(node: string): Set<string> {
    const sums = this.plainSums().get(node);
    const keys = new Set<string>();
    if (!sums) return keys;
    for (const side of [sums.inflow, sums.outflow]) {
      for (let slot = 0; slot < side.length; slot++) {
        if (side[slot])
          keys.add(
            STAGES[slot % SLOTS_PER_GROUP]! + '\u0000' + this.currencies.name(Math.floor(slot / SLOTS_PER_GROUP)),
          );
      }
    }
    return keys;
  }

  /** The stages, currencies and periods a node has flows at, as `[stage, currency, period]`. */
  periodsOf(node: string): Array<[Stage, string, string]> {
    const sums = this.periodSums().get(node);
    if (!sums) return [];
    const found: Array<[Stage, string, string]> = [];
    forEachSlot(sums, (slot) => {
      found.push([this.stageOf(slot), this.currencyOf(slot), this.periodOfSlot(slot)]);
    });
    return found;
  }

  /**
   * For reconciliation's checks: calls `visit` with each node, in the graph's order, that a check can report on, and
   * its sums per stage, currency and period, to walk slot by slot (see `forEachSlot`; read a slot's stage, currency
   * and period with `stageOf`, `currencyOf` and `periodOfSlot`). A node is passed over when it has no flows, or when
   * no check can report on it: it is neither a programme nor an agency, it only receives or only pays, and its flows
   * are at one budget stage at most besides approved (no two sides to conserve, no two stages to order). On a year
   * of payments that is nearly every node, and their sums are never made.
   */
  forEachNodeSums(visit: (node: string, attributes: FlowNodeAttributes, sums: NodeSums) => void): void {
    const { nodes, attributes, sums } = this.sumsForChecks();
    for (let at = 0; at < nodes.length; at++) visit(nodes[at]!, attributes[at]!, sums[at]!);
  }

  /** The nodes `forEachNodeSums` visits, in the graph's order, with their sums; made on first use. */
  private sumsForChecks(): CheckedNodes {
    if (this.checked) return this.checked;
    const graph = this.graph;
    const numbers = new Map<FlowNodeAttributes, number>();
    const marks = new Uint16Array(graph.order);
    const keys: string[] = [];
    const attributesOf: FlowNodeAttributes[] = [];
    let count = 0;
    graph.forEachNode((node, attributes) => {
      if (attributes.kind === 'programme' || attributes.kind === 'agency') marks[count] = NEEDED | PAYER;
      keys.push(node);
      attributesOf.push(attributes);
      numbers.set(attributes, count++);
    });
    // First pass: number currencies and periods in the order flows show them (the slots' order), and mark each node's
    // stages and sides; flows' ends are kept by number, so that the second pass looks nothing up.
    const currencies = this.currencies;
    const periods = (this.periodReader ??= new PeriodReader(this.periods));
    const fromOf = new Int32Array(graph.size);
    const toOf = new Int32Array(graph.size);
    let lastCurrency: string | undefined;
    let at = 0;
    graph.forEachEdge((_edge, flow, _source, _target, sourceAttributes, targetAttributes) => {
      if (flow.currency !== lastCurrency) currencies.index((lastCurrency = flow.currency));
      periods.indexOf(flow);
      const stage = STAGE_BIT[flow.stage];
      const from = (fromOf[at] = numbers.get(sourceAttributes)!);
      const to = (toOf[at++] = numbers.get(targetAttributes)!);
      marks[from] = marks[from]! | stage | PAYS;
      marks[to] = marks[to]! | stage | RECEIVES;
    });
    this.currencyCount = currencies.size;
    let needed = false;
    for (let node = 0; node < count; node++) {
      const mark = marks[node]!;
      const stages = mark & CUMULATIVE_BITS;
      if ((mark & RECEIVES && mark & PAYS) || (stages & (stages - 1)) !== 0) marks[node] = mark | NEEDED;
      if (marks[node]! & NEEDED) needed = true;
    }
    const checked: CheckedNodes = (this.checked = { nodes: [], attributes: [], sums: [] });
    if (!needed) return checked;
    const all: Array<NodeSums | undefined> = new Array<NodeSums | undefined>(count);
    // Second pass: the sums of the nodes marked, flow by flow in the graph's order (provenance merges in that order).
    const width = this.width();
    let currency = 0;
    lastCurrency = undefined;
    at = 0;
    graph.forEachEdge((_edge, flow) => {
      const from = fromOf[at]!;
      const to = toOf[at++]!;
      const toNeeded = (marks[to]! & NEEDED) !== 0;
      const fromNeeded = (marks[from]! & NEEDED) !== 0;
      if (!toNeeded && !fromNeeded) return;
      if (flow.currency !== lastCurrency) currency = currencies.index((lastCurrency = flow.currency));
      const slot = (periods.indexOf(flow) * width + currency) * SLOTS_PER_GROUP + STAGE_SLOT[flow.stage];
      const fits = readUnits(flow.amount);
      if (toNeeded) addToSlot((all[to] ??= { inflow: [], outflow: [] }).inflow, slot, flow, fits);
      if (!fromNeeded) return;
      const sums = (all[from] ??= { inflow: [], outflow: [] });
      addToSlot(sums.outflow, slot, flow, fits);
      const stage = flow.stage;
      if (!(marks[from]! & PAYER) || (stage !== 'paid' && stage !== 'exercised')) return;
      if (CLASSIFICATION_KINDS.has(attributesOf[to]!.kind)) return;
      const payment = ((sums.payments ??= [])[slot] ??= new Sum());
      payment.addRead(flow, fits);
      // One file, one plain entry per flow: the merged rows come out the same in any order.
      if (payment.provenance.length > 1 || !orderFree(flow.provenance)) sums.paymentsInNodeOrder = true;
    });
    for (let node = 0; node < count; node++) {
      const sums = all[node];
      if (sums === undefined) continue;
      checked.nodes.push(keys[node]!);
      checked.attributes.push(attributesOf[node]!);
      checked.sums.push(sums);
    }
    return checked;
  }

  /** The slot per period a flow adds to (see `forEachNodeSums`). */
  periodSlotOfFlow(flow: FlowAttributes): number {
    this.sumsForChecks();
    const currency = this.currencies.find(flow.currency)!;
    return (this.periodReader!.indexOf(flow) * this.width() + currency) * SLOTS_PER_GROUP + STAGE_SLOT[flow.stage];
  }

  /** The stage of a slot (plain or per period). */
  stageOf(slot: number): Stage {
    return STAGES[slot % SLOTS_PER_GROUP]!;
  }

  /** The currency of a slot per period. */
  currencyOf(slot: number): string {
    return this.currencies.name(Math.floor(slot / SLOTS_PER_GROUP) % this.width());
  }

  /** The period of a slot per period ('' for flows with none). */
  periodOfSlot(slot: number): string {
    return this.periods.name(Math.floor(Math.floor(slot / SLOTS_PER_GROUP) / this.width()));
  }

  /** Period slots are numbered period x currency x stage; the count of currencies is known before the pass. */
  private width(): number {
    return Math.max(1, this.currencyCount);
  }

  private slotOf(stage: Stage, currency: string): number | undefined {
    const index = this.currencies.find(currency);
    return index === undefined ? undefined : index * SLOTS_PER_GROUP + STAGE_SLOT[stage];
  }

  private periodSlotOf(stage: Stage, currency: string, period: string): number | undefined {
    const currencyIndex = this.currencies.find(currency);
    const periodIndex = this.periods.find(period);
    if (currencyIndex === undefined || periodIndex === undefined) return undefined;
    return (periodIndex * this.width() + currencyIndex) * SLOTS_PER_GROUP + STAGE_SLOT[stage];
  }
}

/**
 * Calls `visit` with each slot a node has a sum in, received or paid, in the order the checks report them: the
 * slots it received in, in order, then those it only paid in, in order.
 */
export function forEachSlot(sums: { inflow: unknown[]; outflow: unknown[] }, visit: (slot: number) => void): void {
  const { inflow, outflow } = sums;
  for (let slot = 0; slot < inflow.length; slot++) if (inflow[slot] !== undefined) visit(slot);
  for (let slot = 0; slot < outflow.length; slot++) {
    if (outflow[slot] !== undefined && inflow[slot] === undefined) visit(slot);
  }
}

function sumsOf(byNode: Map<string, SlotSums>, node: string): SlotSums {
  let sums = byNode.get(node);
  if (!sums) byNode.set(node, (sums = { inflow: [], outflow: [] }));
  return sums;
}

/**
 * True when a flow's rows merge into a total the same whatever the order of the flows: at most one entry, with the
 * four fields of a Provenance in their usual order and whole numbers of rows.
 */
function orderFree(provenance: Provenance[]): boolean {
  if (provenance.length === 0) return true;
  if (provenance.length > 1) return false;
  const item = provenance[0]!;
  let at = 0;
  for (const key in item) if (key !== PROVENANCE_KEYS[at++]) return false;
  return (
    at === 4 &&
    Number.isSafeInteger(item.firstRow) &&
    Number.isSafeInteger(item.lastRow) &&
    Number.isSafeInteger(item.rows)
  );
}

const PROVENANCE_KEYS = ['file', 'firstRow', 'lastRow', 'rows'];

/** Numbers the distinct strings it is shown, in order. */
class Interner {
  private readonly indexes = new Map<string, number>();
  private readonly names: string[] = [];

  index(value: string): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.names.length;
      this.indexes.set(value, index);
      this.names.push(value);
    }
    return index;
  }

  get size(): number {
    return this.names.length;
  }

  find(value: string): number | undefined {
    return this.indexes.get(value);
  }

  name(index: number): string {
    return this.names[index]!;
  }
}

/**
 * Numbers flows' periods (see `periodOf`) without cutting a string per flow: a date's year is read from its digits
 * and looked up by number; the year's text is made once.
 */
class PeriodReader {
  private readonly byYear = new Int32Array(10000).fill(-1);
  private none = -1;

  constructor(private readonly periods: Interner) {}

  indexOf(flow: FlowAttributes): number {
    const period = flow.period;
    if (period !== undefined && period !== null) return this.periods.index(period);
    const date = flow.date;
    if (date === undefined || date === null) return this.none >= 0 ? this.none : (this.none = this.periods.index(''));
    const year = yearOf(date);
    if (year < 0) return this.periods.index(date.slice(0, 4));
    let index = this.byYear[year]!;
    if (index < 0) this.byYear[year] = index = this.periods.index(date.slice(0, 4));
    return index;
  }
}

/** The number its first four characters write when they are all digits, else -1. */
function yearOf(date: string): number {
  if (date.length < 4) return -1;
  let year = 0;
  for (let at = 0; at < 4; at++) {
    const digit = date.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    year = year * 10 + digit;
  }
  return year;
}

/** The first of some stages at which `find` gives a total: the stage to use when the data lack the preferred one. */
export function firstStage(
  stages: Stage[],
  find: (stage: Stage) => Total | undefined,
): { stage: Stage; total: Total } | undefined {
  for (const stage of stages) {
    const total = find(stage);
    if (total) return { stage, total };
  }
  return undefined;
}

/** The period a flow belongs to: the one it states, else the year of its date, else '' (no period). */
export function periodOf(flow: FlowAttributes): string {
  return flow.period ?? flow.date?.slice(0, 4) ?? '';
}
