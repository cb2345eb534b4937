import { assertFlowGraph } from '../model/assertFlowGraph.js';
import type { Balance, FlowGraph, GraphNote, Provenance } from '../model/types.js';
import type { GraphJson, GraphJsonBalance, GraphJsonDeclaredTotal, GraphJsonFlow, GraphJsonNode } from './GraphJson.js';

/**
 * The whole graph as a plain JSON value (see `GraphJson`, version 1): every node with its attributes and trust
 * balances, every flow with its exact amount as a string, the declared totals and the notes made while building it.
 * Nothing is lost: `fromGraphJson` rebuilds the same graph, so a graph can be saved, sent to a browser, and loaded.
 *
 * @example
 * const text = JSON.stringify(toGraphJson(graph));
 * fromGraphJson(text).size === graph.size // true
 */
export function toGraphJson(graph: FlowGraph): GraphJson {
  assertFlowGraph(graph);
  const nodes = graph.mapNodes((_id, node): GraphJsonNode => {
    return {
      id: node.id,
      kind: node.kind,
      kindInferred: node.kindInferred,
      name: node.name,
      ...(node.taxId !== undefined ? { taxId: node.taxId } : {}),
      attributes: { ...node.attributes },
      balances: node.balances.map(balanceJson),
    };
  });
  const flows = graph.mapEdges((_edge, flow): GraphJsonFlow => {
    return {
      from: flow.from,
      to: flow.to,
      amount: flow.amount.toFixed(),
      currency: flow.currency,
      stage: flow.stage,
      ...(flow.date !== undefined ? { date: flow.date } : {}),
      ...(flow.period !== undefined ? { period: flow.period } : {}),
      ...(flow.reference !== undefined ? { reference: flow.reference } : {}),
      provenance: flow.provenance.map(provenanceJson),
      ...(flow.attributes !== undefined ? { attributes: { ...flow.attributes } } : {}),
    };
  });
  const declaredTotals = graph.getAttribute('declaredTotals').map((total): GraphJsonDeclaredTotal => ({
    node: total.node,
    stage: total.stage,
    currency: total.currency,
    amount: total.amount.toFixed(),
    ...(total.period !== undefined ? { period: total.period } : {}),
    rule: total.rule,
    provenance: provenanceJson(total.provenance),
  }));
  const notes = graph.getAttribute('notes').map((note): GraphNote => ({
    code: note.code,
    node: note.node,
    kept: note.kept,
    ignored: note.ignored,
    ...(note.provenance !== undefined ? { provenance: provenanceJson(note.provenance) } : {}),
  }));
  return {
    format: 'cauce-graph',
    version: 1,
    defaultCurrency: graph.getAttribute('defaultCurrency'),
    nodes,
    flows,
    declaredTotals,
    notes,
  };
}

function balanceJson(balance: Balance): GraphJsonBalance {
  return {
    period: balance.period,
    opening: balance.opening.toFixed(),
    closing: balance.closing.toFixed(),
    ...(balance.income !== undefined ? { income: balance.income.toFixed() } : {}),
    ...(balance.yield !== undefined ? { yield: balance.yield.toFixed() } : {}),
    ...(balance.expenses !== undefined ? { expenses: balance.expenses.toFixed() } : {}),
    currency: balance.currency,
    provenance: provenanceJson(balance.provenance),
    ...(balance.attributes !== undefined ? { attributes: { ...balance.attributes } } : {}),
  };
}

// A copy, so that the JSON value shares nothing with the graph.
function provenanceJson({ file, firstRow, lastRow, rows }: Provenance): Provenance {
  return { file, firstRow, lastRow, rows };
}
