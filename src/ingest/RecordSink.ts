import type { Balance } from '../model/types.js';
import type { AggregateGrain } from './AggregateGrain.js';
import { FlowAccumulator } from './fast/FlowAccumulator.js';
import type { DeclaredTotal, FlowRecord, WatchlistEntry } from './records.js';

/**
 * Where the rows of a table go once read. With a grain (see AggregateGrain), flows that share its key are added up as
 * they arrive, keeping the range and count of the rows behind them, so memory grows with distinct flows rather than
 * with rows.
 */
export class RecordSink {
  readonly balances: Balance[] = [];
  readonly watchlist: WatchlistEntry[] = [];
  readonly declaredTotals: DeclaredTotal[] = [];
  private readonly listed: FlowRecord[] = [];
  private readonly byKey = new Map<string, FlowRecord>();
  /** At the `flows` grain, the flat accumulator that adds rows up (the fast reader feeds it directly too). */
  readonly accumulator: FlowAccumulator | undefined;

  constructor(
    private readonly grain: AggregateGrain | undefined,
    file = 'input',
  ) {
    if (grain === 'flows') this.accumulator = new FlowAccumulator(file);
  }

  /** The flows read, in the order their first rows arrived. */
  get flows(): FlowRecord[] {
    return this.accumulator ? this.accumulator.flows() : this.listed;
  }

  addFlow(flow: FlowRecord): void {
    // A row with columns of its own (attributes) is a flow of its own: adding it up would lose them.
    if (this.grain === undefined || flow.attributes !== undefined) {
      if (this.accumulator) this.accumulator.single(flow);
      else this.listed.push(flow);
      return;
    }
    if (this.accumulator) {
      this.accumulator.addRecord(flow);
      return;
    }
    const key = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.period, flow.date, flow.reference].join(
      '\u0000',
    );
    const existing = this.byKey.get(key);
    if (!existing) {
      const copy = { ...flow, provenance: { ...flow.provenance } };
      this.byKey.set(key, copy);
      this.listed.push(copy);
      return;
    }
    existing.amount = existing.amount.plus(flow.amount);
    const provenance = existing.provenance;
    provenance.firstRow = Math.min(provenance.firstRow, flow.provenance.firstRow);
    provenance.lastRow = Math.max(provenance.lastRow, flow.provenance.lastRow);
    provenance.rows += flow.provenance.rows;
  }
}
