import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import type { DeclaredTotal } from '../ingest/records.js';
import { Decimal } from '../money/Decimal.js';
import { createFlowGraph } from '../model/createFlowGraph.js';
import { isIsoDate } from '../model/isIsoDate.js';
import { isNodeKind, NODE_KINDS } from '../model/kinds.js';
import { setOwn } from '../model/setOwn.js';
import { isStage, STAGES, type Stage } from '../model/stages.js';
import type { Balance, FlowAttributes, FlowGraph, FlowNodeAttributes, GraphNote, Provenance } from '../model/types.js';

type JsonObject = Record<string, unknown>;

const NOTE_CODES: ReadonlySet<string> = new Set(['conflicting_kind', 'conflicting_name', 'conflicting_tax_id']);
const EXACT_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Rebuilds a flow graph from what `toGraphJson` wrote: the JSON value, or its text. The input is checked throughout,
 * because it may have been edited by hand or come from elsewhere: anything wrong throws an `InvalidArgumentError`
 * whose `argument` is the path to the bad value (`json.flows[12].amount`). Amounts must be exact decimal strings;
 * a JSON number is refused, as it may already have lost digits. Fields version 1 does not know are ignored.
 *
 * @example
 * const graph = fromGraphJson(await (await fetch('presupuesto.json')).text());
 * graph.getNodeAttribute('ramo:23', 'kind') // 'agency'
 */
export function fromGraphJson(json: unknown): FlowGraph {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InvalidArgumentError('json', `is not JSON: ${(error as Error).message}`);
    }
  }
  const root = object(value, 'json');
  if (root.format !== 'cauce-graph') {
    throw new InvalidArgumentError('json.format', `expected "cauce-graph", got ${describe(root.format)}`);
  }
  if (root.version !== 1) {
    throw new InvalidArgumentError('json.version', `version ${describe(root.version)} is not one cauce reads (1)`);
  }
  const graph = createFlowGraph({ defaultCurrency: currency(root.defaultCurrency, 'json.defaultCurrency') });

  list(root.nodes, 'json.nodes').forEach((item, at) => {
    const path = `json.nodes[${at}]`;
    const node = object(item, path);
    const id = nonEmpty(node.id, `${path}.id`);
    if (graph.hasNode(id)) throw new InvalidArgumentError(`${path}.id`, `a node ${JSON.stringify(id)} came before`);
    if (!isNodeKind(node.kind)) {
      throw new InvalidArgumentError(
        `${path}.kind`,
        `unknown kind ${describe(node.kind)}; use ${NODE_KINDS.join(', ')}`,
      );
    }
    const attributes: FlowNodeAttributes = {
      id,
      kind: node.kind,
      kindInferred: node.kindInferred === undefined ? false : boolean(node.kindInferred, `${path}.kindInferred`),
      name: text(node.name, `${path}.name`),
      attributes: node.attributes === undefined ? {} : strings(node.attributes, `${path}.attributes`),
      balances: [],
    };
    if (node.taxId !== undefined) attributes.taxId = text(node.taxId, `${path}.taxId`);
    if (node.balances !== undefined) {
      attributes.balances = list(node.balances, `${path}.balances`).map((entry, index) =>
        balance(entry, id, `${path}.balances[${index}]`),
      );
    }
    graph.addNode(id, attributes);
  });

  list(root.flows, 'json.flows').forEach((item, at) => {
    const path = `json.flows[${at}]`;
    const flow = object(item, path);
    const from = endpoint(graph, flow.from, `${path}.from`);
    const to = endpoint(graph, flow.to, `${path}.to`);
    const attributes: FlowAttributes = {
      from,
      to,
      amount: amount(flow.amount, `${path}.amount`),
      currency: currency(flow.currency, `${path}.currency`),
      stage: stage(flow.stage, `${path}.stage`),
      provenance:
        flow.provenance === undefined
          ? []
          : list(flow.provenance, `${path}.provenance`).map((entry, index) =>
              provenance(entry, `${path}.provenance[${index}]`),
            ),
    };
    if (flow.date !== undefined) {
      const date = text(flow.date, `${path}.date`);
      if (!isIsoDate(date)) throw new InvalidArgumentError(`${path}.date`, `${JSON.stringify(date)} is not YYYY-MM-DD`);
      attributes.date = date;
    }
    if (flow.period !== undefined) attributes.period = text(flow.period, `${path}.period`);
    if (flow.reference !== undefined) attributes.reference = text(flow.reference, `${path}.reference`);
    if (flow.attributes !== undefined) attributes.attributes = strings(flow.attributes, `${path}.attributes`);
    graph.addEdge(from, to, attributes);
  });

  const declared = graph.getAttribute('declaredTotals');
  if (root.declaredTotals !== undefined) {
    list(root.declaredTotals, 'json.declaredTotals').forEach((item, at) => {
      declared.push(declaredTotal(item, `json.declaredTotals[${at}]`));
    });
  }
  const notes = graph.getAttribute('notes');
  if (root.notes !== undefined) {
    list(root.notes, 'json.notes').forEach((item, at) => notes.push(note(item, `json.notes[${at}]`)));
  }
  return graph;
}

function balance(value: unknown, node: string, path: string): Balance {
  const entry = object(value, path);
  const out: Balance = {
    node,
    period: text(entry.period, `${path}.period`),
    opening: amount(entry.opening, `${path}.opening`),
    closing: amount(entry.closing, `${path}.closing`),
    currency: currency(entry.currency, `${path}.currency`),
    provenance: provenance(entry.provenance, `${path}.provenance`),
  };
  for (const field of ['income', 'yield', 'expenses'] as const) {
    if (entry[field] !== undefined) out[field] = amount(entry[field], `${path}.${field}`);
  }
  if (entry.attributes !== undefined) out.attributes = strings(entry.attributes, `${path}.attributes`);
  return out;
}

function declaredTotal(value: unknown, path: string): DeclaredTotal {
  const entry = object(value, path);
  const out: DeclaredTotal = {
    node: nonEmpty(entry.node, `${path}.node`),
    stage: stage(entry.stage, `${path}.stage`),
    currency: currency(entry.currency, `${path}.currency`),
    amount: amount(entry.amount, `${path}.amount`),
    rule: text(entry.rule, `${path}.rule`),
    provenance: provenance(entry.provenance, `${path}.provenance`),
  };
  if (entry.period !== undefined) out.period = text(entry.period, `${path}.period`);
  return out;
}

function note(value: unknown, path: string): GraphNote {
  const entry = object(value, path);
  if (typeof entry.code !== 'string' || !NOTE_CODES.has(entry.code)) {
    throw new InvalidArgumentError(`${path}.code`, `unknown note code ${describe(entry.code)}`);
  }
  const out: GraphNote = {
    code: entry.code as GraphNote['code'],
    node: text(entry.node, `${path}.node`),
    kept: text(entry.kept, `${path}.kept`),
    ignored: text(entry.ignored, `${path}.ignored`),
  };
  if (entry.provenance !== undefined) out.provenance = provenance(entry.provenance, `${path}.provenance`);
  return out;
}

function provenance(value: unknown, path: string): Provenance {
  const entry = object(value, path);
  const count = (field: 'firstRow' | 'lastRow' | 'rows') => {
    const number = entry[field];
    if (!Number.isSafeInteger(number) || (number as number) < 0) {
      throw new InvalidArgumentError(
        `${path}.${field}`,
        `expected a whole number of at least 0, got ${describe(number)}`,
      );
    }
    return number as number;
  };
  return {
    file: text(entry.file, `${path}.file`),
    firstRow: count('firstRow'),
    lastRow: count('lastRow'),
    rows: count('rows'),
  };
}

function endpoint(graph: FlowGraph, value: unknown, path: string): string {
  const id = nonEmpty(value, path);
  if (!graph.hasNode(id)) throw new InvalidArgumentError(path, `no node ${JSON.stringify(id)} in json.nodes`);
  return id;
}

function amount(value: unknown, path: string): Decimal {
  if (typeof value !== 'string' || !EXACT_DECIMAL.test(value)) {
    throw new InvalidArgumentError(path, `expected an exact decimal string like "1234.56", got ${describe(value)}`);
  }
  return new Decimal(value);
}

function stage(value: unknown, path: string): Stage {
  if (!isStage(value))
    throw new InvalidArgumentError(path, `unknown stage ${describe(value)}; use ${STAGES.join(', ')}`);
  return value;
}

function currency(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    throw new InvalidArgumentError(path, `expected an ISO 4217 code like MXN, got ${describe(value)}`);
  }
  return value;
}

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(path, `expected an array, got ${describe(value)}`);
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new InvalidArgumentError(path, `expected a string, got ${describe(value)}`);
  return value;
}

function nonEmpty(value: unknown, path: string): string {
  const id = text(value, path);
  if (id === '') throw new InvalidArgumentError(path, 'must not be empty');
  return id;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean')
    throw new InvalidArgumentError(path, `expected true or false, got ${describe(value)}`);
  return value;
}

function strings(value: unknown, path: string): Record<string, string> {
  const entry = object(value, path);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(entry)) {
    // setOwn: a key such as `__proto__` stays a key instead of replacing the record's prototype.
    setOwn(out, key, text(item, `${path}.${key}`));
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  }
  return 'an object';
}
