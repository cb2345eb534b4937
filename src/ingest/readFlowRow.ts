import { normalizeTaxId } from '../model/normalizeTaxId.js';
import type { FlowRecord, NodeRef } from './records.js';
import type { TableRow } from './TableRow.js';

export const FLOW_COLUMNS = {
  required: ['from', 'to', 'amount'],
  optional: [
    'stage',
    'date',
    'currency',
    'from_kind',
    'to_kind',
    'from_name',
    'to_name',
    'from_tax_id',
    'to_tax_id',
    'reference',
    'period',
  ],
} as const;

const KNOWN: ReadonlySet<string> = new Set([...FLOW_COLUMNS.required, ...FLOW_COLUMNS.optional]);

/** Reads one row of the canonical flows table; undefined when the row has issues (recorded on the row). */
export function readFlowRow(row: TableRow, defaultCurrency: string): FlowRecord | undefined {
  const from = row.required('from');
  const to = row.required('to');
  const currency = row.currency('currency', defaultCurrency);
  const amount = row.amount('amount', true, currency);
  const stage = row.stage('stage', 'paid');
  const date = row.date('date');
  const fromNode = nodeRef(row, 'from', from);
  const toNode = nodeRef(row, 'to', to);
  if (from !== undefined && from === to) row.fail('to', 'self_flow', `a flow from ${JSON.stringify(from)} to itself`);
  if (row.issues.length > 0 || !fromNode || !toNode || !amount || !stage || !currency) return undefined;

  const record: FlowRecord = { from: fromNode, to: toNode, amount, currency, stage, provenance: row.provenance };
  if (date !== undefined) record.date = date;
  const period = row.text('period');
  if (period !== '') record.period = period;
  const reference = row.text('reference');
  if (reference !== '') record.reference = reference;
  const extras = row.extras(KNOWN);
  if (extras) record.attributes = extras;
  return record;
}

function nodeRef(row: TableRow, end: 'from' | 'to', id: string | undefined): NodeRef | undefined {
  const kind = row.kind(`${end}_kind`);
  if (id === undefined) return undefined;
  const ref: NodeRef = { id };
  if (kind) ref.kind = kind;
  const name = row.text(`${end}_name`);
  if (name !== '') ref.name = name;
  const taxId = normalizeTaxId(row.text(`${end}_tax_id`));
  if (taxId !== '') ref.taxId = taxId;
  return ref;
}
