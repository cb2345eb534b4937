import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { rfcOf } from '../ingest/ocds/rfcOf.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import type { NodeKind } from '../model/kinds.js';
import { assertStage, type Stage } from '../model/stages.js';
import type { FlowGraph, FlowNodeAttributes } from '../model/types.js';
import { describeProvenance } from './describeProvenance.js';
import { fnv1a64 } from './fnv1a64.js';

export interface ToFtmEntitiesOptions {
  /** Write only the flows at these stages as payments (every node is written). Default: every stage. */
  stages?: Stage[];
  /** The start of every entity id, to keep one dataset's ids apart from another's in Aleph. Default `cauce`. */
  idPrefix?: string;
}

/** One Follow the Money entity: as FtM writes them, every property holds a list of strings. */
export interface FtmEntity {
  id: string;
  schema: 'PublicBody' | 'Company' | 'LegalEntity' | 'Payment';
  properties: Record<string, string[]>;
}

// Bodies of the state: the budget's own structure, and the trusts and treasuries it pays through.
const PUBLIC_KINDS: ReadonlySet<NodeKind> = new Set(['source', 'agency', 'unit', 'programme', 'budget_line', 'trust']);
// A Mexican RFC has 12 characters for a company (3 letters) and 13 for a person (4 letters).
const COMPANY_RFC_LENGTH = 12;

/**
 * The graph as Follow the Money entities, one JSON object per line, for Aleph (`ftm` tools, `alephclient
 * write-entities`). Each node is a `PublicBody` (source, agency, unit, programme, budget line, trust), a `Company`
 * (a recipient or intermediary whose tax id is a company's RFC: 12 characters) or a `LegalEntity` (anyone else, people
 * with a 13-character RFC among them), with `name`, `taxNumber`, `classification` (the cauce kind) and `country` `mx`
 * when the tax id is a valid RFC. Each flow is one `Payment` (none is merged: provenance stays per flow) with `payer`,
 * `beneficiary`, `amount` (the exact decimal string), `currency`, `date` (the flow's date, else its period when that is
 * a year or a month, which FtM dates allow), `purpose` (the reference: the contract or invoice paid), `description`
 * (the budget stage and period) and `recordId` (the source file and rows).
 *
 * Ids are deterministic: `<prefix>-<FNV-1a 64 hex of the node id>` for nodes and `<prefix>-pay-<hash>` for payments,
 * the hash taken over the flow's ends, stage, currency, date, period, reference and amount, and how many equal flows
 * came before it. The same graph gives the same ids, so loading it again updates entities instead of doubling them.
 *
 * @example
 * toFtmEntities(graph).split('\n')[0]
 * // '{"id":"cauce-07f3f8a657490ef1","schema":"PublicBody","properties":{"name":["Provisiones Salariales..."],...}}'
 */
export function toFtmEntities(graph: FlowGraph, options: ToFtmEntitiesOptions = {}): string {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const prefix = options.idPrefix ?? 'cauce';
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(prefix)) {
    throw new InvalidArgumentError('options.idPrefix', 'must be letters, digits, dots, dashes or underscores');
  }
  let stages: ReadonlySet<Stage> | undefined;
  if (options.stages !== undefined) {
    if (!Array.isArray(options.stages)) throw new InvalidArgumentError('options.stages', 'must be a list of stages');
    stages = new Set(options.stages.map((stage, at) => assertStage(stage, `options.stages[${at}]`)));
  }

  const lines: string[] = [];
  const entityIds = new Map<string, string>();
  const usedIds = new Set<string>();
  graph.forEachNode((id, node) => {
    let entityId = `${prefix}-${fnv1a64(id)}`;
    // Two node ids with one 64-bit hash are all but impossible; if it happens, the later one hashes again, salted.
    for (let salt = 2; usedIds.has(entityId); salt++) entityId = `${prefix}-${fnv1a64(`${id}\u0000${salt}`)}`;
    usedIds.add(entityId);
    entityIds.set(id, entityId);
    lines.push(JSON.stringify(nodeEntity(entityId, node)));
  });

  const seen = new Map<string, number>();
  graph.forEachEdge((_edge, flow) => {
    if (stages && !stages.has(flow.stage)) return;
    const amount = flow.amount.toFixed();
    const key = [flow.from, flow.to, flow.stage, flow.currency, flow.date, flow.period, flow.reference, amount]
      .map((part) => part ?? '')
      .join('\u0000');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const properties: Record<string, string[]> = {
      payer: [entityIds.get(flow.from)!],
      beneficiary: [entityIds.get(flow.to)!],
      amount: [amount],
      currency: [flow.currency],
    };
    const date = flow.date ?? (flow.period !== undefined && /^\d{4}(-\d{2})?$/.test(flow.period) ? flow.period : '');
    if (date !== '') properties.date = [date];
    if (flow.reference !== undefined) properties.purpose = [flow.reference];
    properties.description = [`stage: ${flow.stage}${flow.period !== undefined ? `; period: ${flow.period}` : ''}`];
    if (flow.provenance.length > 0) properties.recordId = [describeProvenance(flow.provenance)];
    let paymentId = `${prefix}-pay-${fnv1a64(`${key}\u0000${occurrence}`)}`;
    for (let salt = 2; usedIds.has(paymentId); salt++) {
      paymentId = `${prefix}-pay-${fnv1a64(`${key}\u0000${occurrence}\u0000${salt}`)}`;
    }
    usedIds.add(paymentId);
    const payment: FtmEntity = { id: paymentId, schema: 'Payment', properties };
    lines.push(JSON.stringify(payment));
  });
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function nodeEntity(id: string, node: FlowNodeAttributes): FtmEntity {
  const rfc = node.taxId === undefined ? undefined : rfcOf([node.taxId]);
  let schema: FtmEntity['schema'];
  if (PUBLIC_KINDS.has(node.kind)) schema = 'PublicBody';
  else if (rfc !== undefined && rfc.length === COMPANY_RFC_LENGTH) schema = 'Company';
  else schema = 'LegalEntity';
  const properties: Record<string, string[]> = { name: [node.name] };
  if (node.taxId !== undefined) properties.taxNumber = [node.taxId];
  if (rfc !== undefined) properties.country = ['mx'];
  properties.classification = [node.kind];
  return { id, schema, properties };
}
