import type { Balance } from '../model/types.js';
import type { DeclaredTotal, FlowRecord, WatchlistEntry } from './records.js';

/**
 * Where the rows of a table go once read. With `aggregate`, flows that share their ends, stage, currency, date, period
 * and reference are added up as they arrive, keeping the range and count of the rows behind them, so memory grows
 * with distinct flows rather than with rows.
 */
export class RecordSink {
  readonly flows: FlowRecord[] = [];
  readonly balances: Balance[] = [];
  readonly watchlist: WatchlistEntry[] = [];
  readonly declaredTotals: DeclaredTotal[] = [];
  private readonly byKey = new Map<string, FlowRecord>();

  constructor(private readonly aggregate: boolean) {}

  addFlow(flow: FlowRecord): void {
    if (!this.aggregate || flow.attributes !== undefined) {
      this.flows.push(flow);
      return;
    }
    const key = [flow.from.id, flow.to.id, flow.stage, flow.currency, flow.date, flow.period, flow.reference].join(
      '\u0000',
    );
    const existing = this.byKey.get(key);
    if (!existing) {
      const copy = { ...flow, provenance: { ...flow.provenance } };
      this.byKey.set(key, copy);
      this.flows.push(copy);
      return;
    }
    existing.amount = existing.amount.plus(flow.amount);
    const provenance = existing.provenance;
    provenance.firstRow = Math.min(provenance.firstRow, flow.provenance.firstRow);
    provenance.lastRow = Math.max(provenance.lastRow, flow.provenance.lastRow);
    provenance.rows += flow.provenance.rows;
  }
}
