import type { NodeKind } from '../../model/kinds.js';
import { columnKey } from '../mapping/columnKey.js';
import { FLOW_COLUMNS } from '../readFlowRow.js';
import type { NodeRef } from '../records.js';
import type { TableInterpreter } from '../TableInterpreter.js';
import type { TableHeader } from '../TableRow.js';
import { ByteTokens } from './ByteTokens.js';
import type { FlowAccumulator } from './FlowAccumulator.js';
import { IntTupleTable } from './IntTupleTable.js';
import type { RowShape } from './rowShape.js';

const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...FLOW_COLUMNS.required, ...FLOW_COLUMNS.optional]);

/** The cache of a mapped table's row shapes (see readRowShape), keyed by the numbers of the key columns' cells. */
export interface ShapePlan {
  interpreter: TableInterpreter;
  header: TableHeader;
  accumulator: FlowAccumulator;
  width: number;
  keyColumns: number[];
  amountColumns: number[];
  tokens: ByteTokens[];
  tuple: Int32Array;
  table: IntTupleTable;
  shapes: RowShape[];
  units: Float64Array;
  scales: Int32Array;
  sum: { units: number; scale: number };
  rows: number;
}

export interface FastPlan {
  accumulator: FlowAccumulator;
  width: number;
  from: number;
  to: number;
  amount: number;
  stage: number;
  date: number;
  currency: number;
  period: number;
  reference: number;
  fromKind: number;
  toKind: number;
  fromName: number;
  toName: number;
  fromTax: number;
  toTax: number;
  fromTokens: ByteTokens;
  toTokens: ByteTokens;
  pairs: ByteTokens;
  pairFrom: number[];
  pairTo: number[];
  pairContext: number[];
  pairGroup: number[];
  fromNode: number[];
  toNode: number[];
  stageTokens: ByteTokens;
  currencyTokens: ByteTokens;
  periodTokens: ByteTokens;
  dateTokens: ByteTokens;
  dateValue: number[];
  dayValue: Map<number, number>;
  fromKindTokens: ByteTokens;
  toKindTokens: ByteTokens;
  fromKindValue: Array<NodeKind | '' | null>;
  toKindValue: Array<NodeKind | '' | null>;
  contexts: Map<string, number>;
  lastContext: { stage: number; currency: number; period: number; context: number };
  /**
   * Per node and end: the cells of the first description seen there, and the description. Kept per end, because a
   * table may describe only one end (a to_name column and no from_name), and kind cells are numbered per end.
   */
  fromRefs: Array<{ kind: number; name: string; tax: string; ref: NodeRef }>;
  toRefs: Array<{ kind: number; name: string; tax: string; ref: NodeRef }>;
  sum: { units: number; scale: number };
}

/**
 * The fast reader's plan for a canonical flows table, or undefined when it does not fit: another kind of table, no
 * accumulator (another grain), or a column the format does not know (its cells become attributes, and such rows are
 * never added up).
 */
export function planFor(
  header: TableHeader,
  width: number,
  accumulator: FlowAccumulator | undefined,
  interpreter: TableInterpreter,
): FastPlan | undefined {
  if (interpreter.format !== 'flows' || interpreter.mapping !== undefined || accumulator === undefined)
    return undefined;
  const seen = new Set<string>();
  for (const name of header.names) {
    const key = columnKey(name);
    if (key === '' || !KNOWN_COLUMNS.has(key) || seen.has(key)) return undefined;
    seen.add(key);
  }
  const at = (column: string) => header.index.get(column) ?? -1;
  return {
    accumulator,
    width,
    from: at('from'),
    to: at('to'),
    amount: at('amount'),
    stage: at('stage'),
    date: at('date'),
    currency: at('currency'),
    period: at('period'),
    reference: at('reference'),
    fromKind: at('from_kind'),
    toKind: at('to_kind'),
    fromName: at('from_name'),
    toName: at('to_name'),
    fromTax: at('from_tax_id'),
    toTax: at('to_tax_id'),
    fromTokens: new ByteTokens(),
    toTokens: new ByteTokens(),
    pairs: new ByteTokens(),
    pairFrom: [],
    pairTo: [],
    pairContext: [],
    pairGroup: [],
    fromNode: [],
    toNode: [],
    stageTokens: new ByteTokens(),
    currencyTokens: new ByteTokens(),
    periodTokens: new ByteTokens(),
    dateTokens: new ByteTokens(),
    dateValue: [],
    dayValue: new Map(),
    fromKindTokens: new ByteTokens(),
    toKindTokens: new ByteTokens(),
    fromKindValue: [],
    toKindValue: [],
    contexts: new Map(),
    lastContext: { stage: -3, currency: -3, period: -3, context: -1 },
    fromRefs: [],
    toRefs: [],
    sum: { units: 0, scale: 0 },
  };
}

/** The shape cache for a mapped table whose interpreter says which columns decide its rows. */
export function shapePlanFor(
  header: TableHeader,
  width: number,
  accumulator: FlowAccumulator | undefined,
  interpreter: TableInterpreter,
): ShapePlan | undefined {
  const columns = interpreter.columns;
  if (accumulator === undefined || columns === undefined) return undefined;
  const at = (key: string) => header.index.get(key)!;
  const keyColumns = columns.keyColumns.map(at);
  const amountColumns = columns.amountColumns.map(at);
  if ([...keyColumns, ...amountColumns].some((column) => column === undefined)) return undefined;
  return {
    interpreter,
    header,
    accumulator,
    width,
    keyColumns,
    amountColumns,
    tokens: keyColumns.map(() => new ByteTokens()),
    tuple: new Int32Array(Math.max(1, keyColumns.length)),
    table: new IntTupleTable(Math.max(1, keyColumns.length)),
    shapes: [],
    units: new Float64Array(amountColumns.length),
    scales: new Int32Array(amountColumns.length),
    sum: { units: 0, scale: 0 },
    rows: 0,
  };
}
