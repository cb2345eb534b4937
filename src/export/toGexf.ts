import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { assertFlowGraph } from '../model/assertFlowGraph.js';
import { assertStage, type Stage } from '../model/stages.js';
import type { FlowAttributes, FlowGraph } from '../model/types.js';
import { describeProvenance } from './describeProvenance.js';
import { escapeXml } from './escapeXml.js';

export interface ToGexfOptions {
  /** Write only the flows at this stage (and every node). Default: every flow. */
  stage?: Stage;
  /** The text of the file's `<meta><description>`. */
  description?: string;
}

interface Column {
  id: string;
  title: string;
  type: 'string' | 'boolean' | 'bigdecimal';
}

const NODE_COLUMNS: Column[] = [
  { id: 'kind', title: 'kind', type: 'string' },
  { id: 'kindInferred', title: 'kindInferred', type: 'boolean' },
  { id: 'taxId', title: 'taxId', type: 'string' },
];

const EDGE_COLUMNS: Column[] = [
  { id: 'stage', title: 'stage', type: 'string' },
  { id: 'currency', title: 'currency', type: 'string' },
  // bigdecimal (new in GEXF 1.3) carries the amount exactly; the edge weight is only a float.
  { id: 'amount', title: 'amount', type: 'bigdecimal' },
  { id: 'date', title: 'date', type: 'string' },
  { id: 'period', title: 'period', type: 'string' },
  { id: 'reference', title: 'reference', type: 'string' },
  { id: 'provenance', title: 'provenance', type: 'string' },
];

/**
 * The graph as GEXF 1.3, the XML that Gephi opens. Every node becomes a `<node>` with its name as label and its kind,
 * tax id and classification attributes as attribute values. Every flow stays its own `<edge>` (GEXF allows parallel
 * edges with distinct ids): `weight` is the amount as a float for layouts and sizes, the exact amount travels beside
 * it as a `bigdecimal` attribute, with the stage, currency, date, period, reference, provenance and the flow's own
 * attributes. The edge `kind` is the stage, so Gephi keeps an allotment and its payment between the same two nodes
 * apart; parallel flows of one stage are merged by Gephi's import setting (it sums weights by default), not by cauce.
 *
 * All text is escaped for XML 1.0: `& < > " '` as entities, tabs and line breaks as character references, and the
 * characters XML 1.0 forbids (most control characters) replaced by U+FFFD. Labels have their whitespace folded, as
 * GEXF's label type asks.
 *
 * @example
 * await writeFile('ramo23.gexf', toGexf(graph, { stage: 'approved' }));
 */
export function toGexf(graph: FlowGraph, options: ToGexfOptions = {}): string {
  assertFlowGraph(graph);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'expected an object');
  const stage = options.stage === undefined ? undefined : assertStage(options.stage, 'options.stage');
  if (options.description !== undefined && typeof options.description !== 'string') {
    throw new InvalidArgumentError('options.description', 'must be a string');
  }

  const nodeColumns = [...NODE_COLUMNS];
  const nodeAttributeIds = new Map<string, string>();
  graph.forEachNode((_id, node) => {
    for (const name of Object.keys(node.attributes)) {
      if (nodeAttributeIds.has(name)) continue;
      const id = `n${nodeAttributeIds.size}`;
      nodeAttributeIds.set(name, id);
      nodeColumns.push({ id, title: name, type: 'string' });
    }
  });
  const keep = (flow: FlowAttributes) => stage === undefined || flow.stage === stage;
  const edgeColumns = [...EDGE_COLUMNS];
  const edgeAttributeIds = new Map<string, string>();
  let edgeCount = 0;
  graph.forEachEdge((_edge, flow) => {
    if (!keep(flow)) return;
    edgeCount++;
    for (const name of Object.keys(flow.attributes ?? {})) {
      if (edgeAttributeIds.has(name)) continue;
      const id = `e${edgeAttributeIds.size}`;
      edgeAttributeIds.set(name, id);
      edgeColumns.push({ id, title: name, type: 'string' });
    }
  });

  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    '  <meta>',
    '    <creator>cauce</creator>',
  ];
  if (options.description !== undefined) lines.push(`    <description>${escapeXml(options.description)}</description>`);
  lines.push('  </meta>', '  <graph defaultedgetype="directed">');
  for (const [kind, columns] of [
    ['node', nodeColumns],
    ['edge', edgeColumns],
  ] as const) {
    lines.push(`    <attributes class="${kind}">`);
    for (const { id, title, type } of columns) {
      lines.push(`      <attribute id="${escapeXml(id)}" title="${escapeXml(title)}" type="${type}"/>`);
    }
    lines.push('    </attributes>');
  }

  lines.push(`    <nodes count="${graph.order}">`);
  graph.forEachNode((id, node) => {
    const values: Array<[string, string]> = [
      ['kind', node.kind],
      ['kindInferred', String(node.kindInferred)],
    ];
    if (node.taxId !== undefined) values.push(['taxId', node.taxId]);
    for (const [name, value] of Object.entries(node.attributes)) values.push([nodeAttributeIds.get(name)!, value]);
    lines.push(`      <node id="${escapeXml(id)}" label="${escapeXml(token(node.name))}">`);
    pushValues(lines, values);
    lines.push('      </node>');
  });
  lines.push('    </nodes>');

  lines.push(`    <edges count="${edgeCount}">`);
  let count = 0;
  graph.forEachEdge((_edge, flow, source, target) => {
    if (!keep(flow)) return;
    const values: Array<[string, string]> = [
      ['stage', flow.stage],
      ['currency', flow.currency],
      ['amount', flow.amount.toFixed()],
    ];
    if (flow.date !== undefined) values.push(['date', flow.date]);
    if (flow.period !== undefined) values.push(['period', flow.period]);
    if (flow.reference !== undefined) values.push(['reference', flow.reference]);
    if (flow.provenance.length > 0) values.push(['provenance', describeProvenance(flow.provenance)]);
    for (const [name, value] of Object.entries(flow.attributes ?? {})) {
      values.push([edgeAttributeIds.get(name)!, value]);
    }
    lines.push(
      `      <edge id="${count++}" source="${escapeXml(source)}" target="${escapeXml(target)}"` +
        ` kind="${flow.stage}" weight="${flow.amount.toNumber()}">`,
    );
    pushValues(lines, values);
    lines.push('      </edge>');
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

function pushValues(lines: string[], values: Array<[string, string]>): void {
  lines.push('        <attvalues>');
  for (const [id, value] of values) {
    lines.push(`          <attvalue for="${escapeXml(id)}" value="${escapeXml(value)}"/>`);
  }
  lines.push('        </attvalues>');
}

// GEXF types labels as xsd:token: no line breaks or tabs, no leading, trailing or doubled spaces.
function token(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
