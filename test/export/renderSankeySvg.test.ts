import { sankeyLinkHorizontal } from 'd3-sankey';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors/InvalidArgumentError.js';
import { renderSankeySvg, SANKEY_COLORS } from '../../src/export/renderSankeySvg.js';
import type { SankeyData } from '../../src/export/SankeyData.js';
import { toSankey } from '../../src/export/toSankey.js';
import { addFlow } from '../../src/model/addFlow.js';
import { addNode } from '../../src/model/addNode.js';
import { buildFlowGraph } from '../../src/model/buildFlowGraph.js';
import { createFlowGraph } from '../../src/model/createFlowGraph.js';
import { ingestFile } from '../../src/node/ingestFile.js';
import { DATA } from '../paths.js';
import { elementsNamed, parseXml, type XmlElement } from './parseXml.js';
import { problemsGraph } from './sankeySynthetic.js';

const SCRIPT = '<script>alert("x")</script>';
const QUOTES = `Tom & "Jerry" 's`;
const FORMULA = '=HYPERLINK("http://example.org","y")';

/** Three nodes whose names and ids are everything that breaks markup, paid 1,234.5 then split 1,000 and 234.5. */
function hostileData(): SankeyData {
  const graph = createFlowGraph();
  addNode(graph, { id: 'a"<b>&c', kind: 'agency', name: SCRIPT });
  addNode(graph, { id: "o'k", kind: 'programme', name: QUOTES });
  addNode(graph, { id: '=eq', kind: 'recipient', name: FORMULA });
  addNode(graph, { id: 'ctl', kind: 'recipient', name: 'bell\u0007 ring \uD800x' });
  addFlow(graph, { from: 'a"<b>&c', to: "o'k", amount: '1234.5', stage: 'approved' });
  addFlow(graph, { from: "o'k", to: '=eq', amount: '1000', stage: 'approved' });
  addFlow(graph, { from: "o'k", to: 'ctl', amount: '234.5', stage: 'approved' });
  return toSankey(graph);
}

const titleOf = (element: XmlElement) => elementsNamed(element, 'title')[0]?.text;

describe('renderSankeySvg', () => {
  it('renderSankeySvg escapes every name and id: <script>, quotes, & and a leading = read back as written', () => {
    const svg = renderSankeySvg(hostileData());
    expect(svg).not.toContain('<script');
    expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const root = parseXml(svg);
    const nodes = elementsNamed(root, 'rect').filter((rect) => rect.attributes['data-id'] !== undefined);
    expect(nodes.map((rect) => rect.attributes['data-id'])).toEqual(['a"<b>&c', "o'k", '=eq', 'ctl']);
    // Tooltips: the name and the exact amount, every digit.
    expect(nodes.map(titleOf)).toEqual([
      `${SCRIPT}\n$1,234.50`,
      `${QUOTES}\n$1,234.50`,
      `${FORMULA}\n$1,000.00`,
      // The bell is dropped (XML forbids it), the lone surrogate half becomes U+FFFD.
      'bell ring \uFFFDx\n$234.50',
    ]);
    const links = elementsNamed(root, 'path');
    expect(
      links.map((path) => [path.attributes['data-source'], path.attributes['data-target'], titleOf(path)]),
    ).toEqual([
      ['a"<b>&c', "o'k", `${SCRIPT} → ${QUOTES}\n$1,234.50\n1 flujo`],
      ["o'k", '=eq', `${QUOTES} → ${FORMULA}\n$1,000.00\n1 flujo`],
      ["o'k", 'ctl', `${QUOTES} → bell ring \uFFFDx\n$234.50\n1 flujo`],
    ]);
    const labels = elementsNamed(root, 'text').map((text) => text.text);
    expect(labels).toEqual(
      expect.arrayContaining([
        `${SCRIPT} $1.2 mil`,
        `${QUOTES} $1.2 mil`,
        // Cut to the room beside the last column, the amount kept whole.
        '=HYPERLINK("http://… $1 mil',
        'bell ring \uFFFDx $235',
      ]),
    );
  });

  it('renderSankeySvg writes a standalone SVG: namespace, size, viewBox, a title, one bar per node and one band per link', () => {
    const data = toSankey(problemsGraph(), { lang: 'en' });
    const svg = renderSankeySvg(data, { lang: 'en', width: 800, height: 500 });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      width: '800',
      height: '500',
      viewBox: '0 0 800 500',
    });
    // The document's title, and the same as the visible heading: the stage and the money entering (100).
    expect(root.children[0]).toMatchObject({ name: 'title', text: 'Approved spending (MXN): $100' });
    const bars = elementsNamed(root, 'rect').filter((rect) => rect.attributes['data-id'] !== undefined);
    expect(bars).toHaveLength(7);
    expect(elementsNamed(root, 'path')).toHaveLength(7);
    const fill = (id: string) => bars.find((bar) => bar.attributes['data-id'] === id)!.attributes.fill;
    expect([fill('H'), fill('cauce:retained'), fill('cauce:unexplained')]).toEqual([
      SANKEY_COLORS.recipient,
      SANKEY_COLORS.retained,
      SANKEY_COLORS.unexplained,
    ]);
    // The money that appears from nowhere: its band's tooltip says how much, and that it adds up no flow.
    const unexplained = elementsNamed(root, 'path').find(
      (path) => path.attributes['data-source'] === 'cauce:unexplained',
    );
    expect(titleOf(unexplained!)).toBe('Unexplained source → Recipient F\n$20.00');
  });

  it('renderSankeySvg draws each band with the curve d3-sankey’s sankeyLinkHorizontal draws, rounded to 0.01 px', () => {
    const svg = renderSankeySvg(toSankey(problemsGraph()));
    for (const path of elementsNamed(parseXml(svg), 'path')) {
      const d = path.attributes.d!;
      const [x0, y0, , , , , x1, y1] = d.slice(1).split(/[C,]/).map(Number) as number[];
      const expected = sankeyLinkHorizontal()({ source: { x1: x0 }, target: { x0: x1 }, y0, y1 } as never)!;
      const numbers = (text: string) => text.slice(1).split(/[C,]/).map(Number);
      numbers(d).forEach((value, at) => expect(value).toBeCloseTo(numbers(expected)[at]!, 1));
    }
  });

  it('renderSankeySvg takes colours per kind over its palette and refuses a kind that does not exist', () => {
    const svg = renderSankeySvg(hostileData(), { colors: { programme: '#123456', recipient: 'url("x")' } });
    const fills = elementsNamed(parseXml(svg), 'rect')
      .filter((rect) => rect.attributes['data-id'] !== undefined)
      .map((rect) => rect.attributes.fill);
    expect(fills).toEqual([SANKEY_COLORS.agency, '#123456', 'url("x")', 'url("x")']);
    expect(() => renderSankeySvg(hostileData(), { colors: { planet: '#000' } as never })).toThrow(InvalidArgumentError);
    expect(() => renderSankeySvg(hostileData(), { lang: 'fr' as never })).toThrow(InvalidArgumentError);
  });

  it('renderSankeySvg of data with no flows says so, in a well-formed SVG', () => {
    const empty: SankeyData = { stage: 'paid', currency: 'GBP', total: '0', nodes: [], links: [], notes: [] };
    const root = parseXml(renderSankeySvg(empty, { lang: 'en' }));
    expect(elementsNamed(root, 'text').map((text) => text.text)).toEqual([
      'Paid spending (GBP): £0',
      'No flows to draw',
    ]);
  });

  it('renderSankeySvg draws Ramo 23’s 1,446 nodes unfolded as well-formed SVG, labelling only where labels fit', async () => {
    const data = toSankey(buildFlowGraph([await ingestFile(DATA('ramo23-2016-flows.csv.gz'))]));
    const root = parseXml(renderSankeySvg(data));
    expect(elementsNamed(root, 'rect').filter((rect) => rect.attributes['data-id'] !== undefined)).toHaveLength(1446);
    expect(elementsNamed(root, 'path')).toHaveLength(1552);
    // The title and the legend, then labels at least a line apart within each column: far fewer than the nodes.
    const labels = elementsNamed(root, 'text').filter((text) => text.attributes.dy === '0.35em');
    expect(labels.length).toBeGreaterThan(11);
    expect(labels.length).toBeLessThan(200);
    // Cut to the room between two columns, the amount kept whole.
    expect(labels.map((text) => text.text)).toContain('Provisiones Sa… $54.6 mil millones');
  }, 60_000);
});
