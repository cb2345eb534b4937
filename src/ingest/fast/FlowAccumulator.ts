import type { Decimal } from '../../money/Decimal.js';
import { read, readUnits } from '../../money/readUnits.js';
import { addScaled, type ScaledAmount, scaledToDecimalValue } from '../../money/ScaledAmount.js';
import type { Stage } from '../../model/stages.js';
import type { FlowRecord, NodeRef } from '../records.js';

const EMPTY = 0;
// The scale of a flow whose sum has left the safe integers and goes on as a Decimal (in `big`).
const IN_DECIMAL = -1;
// A group's date or reference once its rows disagree on it.
const MIXED = -1;

/**
 * Adds up flows at the `flows` grain (same ends, stage, currency and period) in flat typed arrays, with amounts as
 * exact integer minor units: no object, string key or Decimal per row. A flow keeps a date or reference only while all
 * its rows share it; its node descriptions are those of its first row. Flows that must stay single (rows with columns
 * of their own) keep their place in the order of arrival.
 *
 * Ends, (stage, currency, period) contexts and dates are numbered through `node()`, `context()` and `dateNumber()`, so
 * that comparing them is comparing integers.
 */
export class FlowAccumulator {
  private readonly nodeIds = new Map<string, number>();
  private readonly nodes: string[] = [];
  private readonly contextIds = new Map<string, number>();
  private readonly contexts: Array<{ stage: Stage; currency: string; period: string | undefined }> = [];
  private readonly dateIds = new Map<string, number>();
  private readonly dates: string[] = [''];

  private count = 0;
  private capacity = 1024;
  private from = new Int32Array(this.capacity);
  private to = new Int32Array(this.capacity);
  private contextOf = new Int32Array(this.capacity);
  private units = new Float64Array(this.capacity);
  private scales = new Int8Array(this.capacity);
  private firstRow = new Int32Array(this.capacity);
  private lastRow = new Int32Array(this.capacity);
  private rows = new Int32Array(this.capacity);
  private date = new Int32Array(this.capacity);
  // The reference of a flow's rows while they share one; null once they differ. Not numbered: references are
  // often one per row, and a table of them would grow with rows.
  private references: Array<string | undefined | null> = [];
  private fromRef: NodeRef[] = [];
  private toRef: NodeRef[] = [];
  // Sums that left the safe integers, and flows kept single, by group.
  private readonly big = new Map<number, Decimal>();
  private readonly singles = new Map<number, FlowRecord>();

  private slots = new Int32Array(2048);
  private readonly sum: ScaledAmount = { units: 0, scale: 0 };

  constructor(private readonly file: string) {}

  /** The number of a node id, the same for every row that names it. */
  node(id: string): number {
    let index = this.nodeIds.get(id);
    if (index === undefined) {
      index = this.nodes.length;
      this.nodes.push(id);
      this.nodeIds.set(id, index);
    }
    return index;
  }

  /** The id of a numbered node. */
  nodeName(index: number): string {
    return this.nodes[index]!;
  }

  /** The number of a (stage, currency, period) context. */
  context(stage: Stage, currency: string, period: string | undefined): number {
    const key = `${stage}\u0000${currency}\u0000${period ?? '\u0001'}`;
    let index = this.contextIds.get(key);
    if (index === undefined) {
      index = this.contexts.length;
      this.contexts.push({ stage, currency, period });
      this.contextIds.set(key, index);
    }
    return index;
  }

  /** The number of a date (0 for none). */
  dateNumber(text: string | undefined): number {
    if (text === undefined) return EMPTY;
    let index = this.dateIds.get(text);
    if (index === undefined) {
      index = this.dates.length;
      this.dates.push(text);
      this.dateIds.set(text, index);
    }
    return index;
  }

  /** The flow of these ends and context, or -1 when no row has made it yet. */
  find(from: number, to: number, context: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash(from, to, context) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const group = entry - 1;
      if (this.from[group] === from && this.to[group] === to && this.contextOf[group] === context) return group;
    }
  }

  /** Starts a flow with its first row. `units` at `scale` is its amount (see ScaledAmount). */
  create(
    from: number,
    to: number,
    context: number,
    fromRef: NodeRef,
    toRef: NodeRef,
    row: number,
    date: number,
    reference: string | undefined,
  ): number {
    const group = this.append();
    this.from[group] = from;
    this.to[group] = to;
    this.contextOf[group] = context;
    this.firstRow[group] = row;
    this.lastRow[group] = row;
    this.rows[group] = 0;
    this.units[group] = 0;
    this.scales[group] = 0;
    this.date[group] = date;
    this.references[group] = reference;
    this.fromRef[group] = fromRef;
    this.toRef[group] = toRef;
    if ((this.count + 1) * 2 > this.slots.length) this.rehash();
    else this.place(group);
    return group;
  }

  /** The reference a flow's rows share so far: a string, undefined for none, null once they differ. */
  referenceOf(group: number): string | undefined | null {
    return this.references[group];
  }

  /** Notes that a row of the flow has another reference than its first rows. */
  referenceDiffers(group: number): void {
    this.references[group] = null;
  }

  /** Adds one more row to a flow: its amount, row number and date. The caller compares its reference. */
  add(group: number, units: number, scale: number, row: number, date: number): void {
    this.rows[group]!++;
    if (row < this.firstRow[group]!) this.firstRow[group] = row;
    if (row > this.lastRow[group]!) this.lastRow[group] = row;
    if (this.date[group] !== date) this.date[group] = MIXED;
    const sumScale = this.scales[group]!;
    if (sumScale === scale) {
      // The common case, one scale throughout: a float sum of two safe integers is exact unless it leaves them.
      const result = this.units[group]! + units;
      if (result <= Number.MAX_SAFE_INTEGER && result >= -Number.MAX_SAFE_INTEGER) {
        this.units[group] = result;
        return;
      }
    }
    if (sumScale === IN_DECIMAL) {
      this.big.set(group, this.big.get(group)!.plus(scaledToDecimalValue(units, scale)));
      return;
    }
    const sum = this.sum;
    sum.units = this.units[group]!;
    sum.scale = sumScale;
    if (addScaled(sum, units, scale)) {
      this.units[group] = sum.units;
      this.scales[group] = sum.scale;
    } else {
      this.big.set(group, scaledToDecimalValue(sum.units, sum.scale).plus(scaledToDecimalValue(units, scale)));
      this.scales[group] = IN_DECIMAL;
    }
  }

  /** Adds a flow read the general way (its amount a Decimal). */
  addRecord(flow: FlowRecord): void {
    const from = this.node(flow.from.id);
    const to = this.node(flow.to.id);
    const context = this.context(flow.stage, flow.currency, flow.period);
    const row = flow.provenance.firstRow;
    const date = this.dateNumber(flow.date);
    let group = this.find(from, to, context);
    if (group === -1) group = this.create(from, to, context, flow.from, flow.to, row, date, flow.reference);
    else if (this.references[group] !== flow.reference) this.references[group] = null;
    const scaled = decimalToScaled(flow.amount);
    if (scaled !== undefined) this.add(group, scaled.units, scaled.scale, row, date);
    else {
      this.add(group, 0, 0, row, date);
      this.big.set(group, this.amountOf(group).plus(flow.amount));
      this.scales[group] = IN_DECIMAL;
    }
    // A record may stand for several rows already (a source that added up before).
    const extra = flow.provenance.rows - 1;
    if (extra > 0) this.rows[group]! += extra;
    if (flow.provenance.lastRow > this.lastRow[group]!) this.lastRow[group] = flow.provenance.lastRow;
  }

  /** Keeps a flow as it is, in its place among the others. */
  single(flow: FlowRecord): void {
    this.singles.set(this.append(), flow);
  }

  get size(): number {
    return this.count;
  }

  /** The flows, in the order their first rows arrived. */
  flows(): FlowRecord[] {
    const flows: FlowRecord[] = new Array(this.count);
    for (let group = 0; group < this.count; group++) {
      const single = this.singles.get(group);
      if (single !== undefined) {
        flows[group] = single;
        continue;
      }
      const context = this.contexts[this.contextOf[group]!]!;
      const flow: FlowRecord = {
        from: this.fromRef[group]!,
        to: this.toRef[group]!,
        amount: this.amountOf(group),
        currency: context.currency,
        stage: context.stage,
        provenance: {
          file: this.file,
          firstRow: this.firstRow[group]!,
          lastRow: this.lastRow[group]!,
          rows: this.rows[group]!,
        },
      };
      const date = this.date[group]!;
      if (date > EMPTY) flow.date = this.dates[date]!;
      if (context.period !== undefined) flow.period = context.period;
      const reference = this.references[group];
      if (typeof reference === 'string') flow.reference = reference;
      flows[group] = flow;
    }
    return flows;
  }

  private amountOf(group: number): Decimal {
    const scale = this.scales[group]!;
    return scale === IN_DECIMAL ? this.big.get(group)! : scaledToDecimalValue(this.units[group]!, scale);
  }

  private append(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <T extends Int32Array | Float64Array | Int8Array>(array: T): T => {
      const wider = new (array.constructor as new (length: number) => T)(this.capacity);
      wider.set(array);
      return wider;
    };
    this.from = widen(this.from);
    this.to = widen(this.to);
    this.contextOf = widen(this.contextOf);
    this.units = widen(this.units);
    this.scales = widen(this.scales);
    this.firstRow = widen(this.firstRow);
    this.lastRow = widen(this.lastRow);
    this.rows = widen(this.rows);
    this.date = widen(this.date);
  }

  private place(group: number): void {
    const mask = this.slots.length - 1;
    let slot = hash(this.from[group]!, this.to[group]!, this.contextOf[group]!) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = group + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let group = 0; group < this.count; group++) if (!this.singles.has(group)) this.place(group);
  }
}

function hash(from: number, to: number, context: number): number {
  let h = Math.imul(from, 0x9e3779b1) ^ Math.imul(to + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(context, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}

/** A Decimal as integer units at its scale, when both fit (see ScaledAmount). */
function decimalToScaled(amount: Decimal): ScaledAmount | undefined {
  return readUnits(amount) ? { units: read.units, scale: read.scale } : undefined;
}
