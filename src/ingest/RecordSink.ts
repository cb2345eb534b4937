import type { Balance } from '../model/types.js';
import type { AggregateGrain } from './AggregateGrain.js';
import type { DeclaredTotal, FlowRecord, WatchlistEntry } from './records.js';

/**
 * Where the rows of a table go once read. With a grain (see AggregateGrain), flows that share its key are added up as
 * they arrive, keeping the range and count of the rows behind them, so memory grows with distinct flows rather than
 * with rows.
 */
export class RecordSink {
  readonly flows: FlowRecord[] = [];
  readonly balances: Balance[] = [];
  readonly watchlist: WatchlistEntry[] = [];
  readonly declaredTotals: DeclaredTotal[] = [];
  private readonly byKey = new Map<string, FlowRecord>();

  constructor(private readonly grain: AggregateGrain | undefined) {}

  addFlow(flow: FlowRecord): void {
    // A row with columns of its own (attributes) is a flow of its own: adding it up would lose them.
    if (this.grain === undefined || flow.attributes !== undefined) {
      this.flows.push(flow);
      return;
    }
    const parts = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.period];
    if (this.grain === 'payments') parts.push(flow.date, flow.reference);
    const key = parts.join('\u0000');
    const existing = this.byKey.get(key);
    if (!existing) {
      const copy = { ...flow, provenance: { ...flow.provenance } };
      this.byKey.set(key, copy);
      this.flows.push(copy);
      return;
    }
    existing.amount = existing.amount.plus(flow.amount);
    // At the flows grain, a date or reference stays only while every row of the flow shares it.
    if (existing.date !== flow.date) delete existing.date;
    if (existing.reference !== flow.reference) delete existing.reference;
    const provenance = existing.provenance;
    provenance.firstRow = Math.min(provenance.firstRow, flow.provenance.firstRow);
    provenance.lastRow = Math.max(provenance.lastRow, flow.provenance.lastRow);
    provenance.rows += flow.provenance.rows;
  }
}
