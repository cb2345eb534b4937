import { Decimal } from '../../money/Decimal.js';
import { RecordSink } from '../RecordSink.js';
import type { NodeRef } from '../records.js';
import type { TableInterpreter } from '../TableInterpreter.js';
import type { TableRow } from '../TableRow.js';
import type { FlowAccumulator } from './FlowAccumulator.js';

/** One flow a row gives: its ends and context numbered in the accumulator, and which amount column it carries. */
export interface ShapeFlow {
  amount: number;
  from: number;
  to: number;
  context: number;
  date: number;
  fromRef: NodeRef;
  toRef: NodeRef;
  reference: string | undefined;
  /** The accumulator's flow, once a row has made it. */
  group: number;
}

/**
 * What the full reader makes of a row, amounts aside: the flows it gives, a skip rule it falls under, or `general`
 * when the row must be read the full way each time (it has issues, or declares a total).
 */
export type RowShape =
  | { kind: 'general' }
  | { kind: 'skip'; rule: string }
  | { kind: 'flows'; flows: ShapeFlow[]; normalizations: Array<[string, number]> };

/**
 * Reads a row through the interpreter with a placeholder in each amount column (1, 2, 3 ...), so that each flow it
 * gives says which column its amount comes from. The interpreter's normalisation counts are left as they were; the
 * counts this row would add are returned, to be added for every row of the same shape.
 */
export function readRowShape(
  interpreter: TableInterpreter,
  row: TableRow,
  amountColumns: number,
  powerOfTen: number,
  accumulator: FlowAccumulator,
): RowShape {
  const sink = new RecordSink(undefined);
  const counts = interpreter.normalizations;
  const before = counts ? { ...counts } : undefined;
  const skipped = interpreter.read(row, sink);
  const normalizations: Array<[string, number]> = [];
  if (counts && before) {
    for (const [rule, count] of Object.entries(counts)) {
      const added = count - (before[rule] ?? 0);
      if (added > 0) normalizations.push([rule, added]);
    }
    for (const rule of Object.keys(counts)) delete counts[rule];
    Object.assign(counts, before);
  }
  if (row.issues.length > 0) return { kind: 'general' };
  if (skipped !== undefined) return { kind: 'skip', rule: skipped };
  if (sink.declaredTotals.length > 0 || sink.balances.length > 0 || sink.watchlist.length > 0)
    return { kind: 'general' };
  const placeholders = Array.from({ length: amountColumns }, (_, at) =>
    new Decimal(at + 1).times(new Decimal(10).pow(powerOfTen)),
  );
  const flows: ShapeFlow[] = [];
  for (const flow of sink.flows) {
    const amount = placeholders.findIndex((placeholder) => placeholder.equals(flow.amount));
    if (amount === -1 || flow.attributes !== undefined) return { kind: 'general' };
    flows.push({
      amount,
      from: accumulator.node(flow.from.id),
      to: accumulator.node(flow.to.id),
      context: accumulator.context(flow.stage, flow.currency, flow.period),
      date: accumulator.dateNumber(flow.date),
      fromRef: flow.from,
      toRef: flow.to,
      reference: flow.reference,
      group: -1,
    });
  }
  return { kind: 'flows', flows, normalizations };
}

/** The fields of a row with each amount column's cell replaced by its placeholder. */
export function withPlaceholders(fields: string[], amountColumns: number[]): string[] {
  const copy = fields.slice();
  amountColumns.forEach((column, at) => {
    copy[column] = String(at + 1);
  });
  return copy;
}
