import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  flag,
  ingestCsv,
  reconcile,
  renderReport,
  renderSankeySvg,
  toFlowsCsv,
  toFtmEntities,
  toGexf,
  toSankey,
} from '../../src/index.js';
import { REPORT_SCRIPT } from '../../src/export/reportScript.js';
import { elementsNamed, parseXml, type XmlElement } from '../export/parseXml.js';

/** Text that is markup, a script URL or a spreadsheet formula, planted as ids, names, references and a file name. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://x")',
  '+1',
  '-1+1',
  '@SUM(A1)',
];
const FILE = '<script>alert(1)</script>.csv';
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
const CSV =
  'from,to,amount,from_name,to_name,reference,nota\n' +
  PAYLOADS.map(
    (payload, at) =>
      `${quote(payload)},${quote(`to${payload}`)},${at + 1},${quote(payload)},${quote(`N${payload}`)},${quote(payload)},${quote(payload)}`,
  ).join('\n') +
  '\n';

const planted = () => {
  const result = ingestCsv(CSV, { file: FILE });
  return { result, graph: buildFlowGraph(result) };
};

/** Every text an XML tree holds, in attributes and in elements. */
const textsOf = (node: XmlElement): string[] => [
  node.text,
  ...Object.values(node.attributes),
  ...node.children.flatMap(textsOf),
];

describe('hostile text through every exporter', () => {
  it('the planted table is read whole', () => {
    const { result, graph } = planted();
    expect(result.report).toMatchObject({ rowsRead: 7, accepted: 7, rejected: 0, skipped: 0 });
    expect(graph.order).toBe(14);
  });

  it('toFlowsCsv neutralises every formula in text columns with a leading apostrophe and keeps amounts plain', () => {
    const { graph } = planted();
    const back = ingestCsv(toFlowsCsv(graph));
    expect(back.report).toMatchObject({ rowsRead: 7, accepted: 7, rejected: 0 });
    for (const flow of back.flows) {
      const texts = [
        flow.from.id,
        flow.from.name,
        flow.to.name,
        flow.reference,
        ...Object.values(flow.attributes ?? {}),
      ];
      for (const text of texts) expect(text ?? '', text).not.toMatch(/^[=+\-@]/);
    }
    // The formula payloads come back with their apostrophe; the others exactly as written.
    expect(back.flows.map((flow) => flow.from.id)).toEqual(
      PAYLOADS.map((payload) => (/^[=+\-@]/.test(payload) ? `'${payload}` : payload)),
    );
    expect(back.flows.map((flow) => flow.amount.toFixed())).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(back.flows.map((flow) => flow.attributes?.nota)).toEqual(
      PAYLOADS.map((payload) => (/^[=+\-@]/.test(payload) ? `'${payload}` : payload)),
    );
  });

  it('toGexf is well-formed XML whose ids and labels read back exactly as planted', () => {
    const { graph } = planted();
    const root = parseXml(toGexf(graph));
    const nodes = elementsNamed(root, 'node');
    expect(nodes.map((node) => node.attributes.id).sort()).toEqual(graph.nodes().sort());
    expect(new Set(nodes.map((node) => node.attributes.label))).toEqual(
      new Set(PAYLOADS.flatMap((payload) => [payload, `N${payload}`])),
    );
    expect(elementsNamed(root, 'script')).toHaveLength(0);
    expect(elementsNamed(root, 'img')).toHaveLength(0);
  });

  it('renderSankeySvg is well-formed XML with no script, no image and no event attribute', () => {
    const { graph } = planted();
    const root = parseXml(renderSankeySvg(toSankey(graph, { lang: 'en' }), { lang: 'en' }));
    expect(elementsNamed(root, 'script')).toHaveLength(0);
    expect(elementsNamed(root, 'img')).toHaveLength(0);
    const all = elementsNamed(root, 'svg').flatMap(function every(node): (typeof root)[] {
      return [node, ...node.children.flatMap(every)];
    });
    for (const element of all) {
      for (const [name, value] of Object.entries(element.attributes)) {
        expect(name).not.toMatch(/^on/i);
        if (/href$/i.test(name)) expect(value).not.toMatch(/^\s*javascript:/i);
      }
    }
    // The planted text is there, as text.
    expect(textsOf(root).some((text) => text.includes('<script>alert(1)</script>'))).toBe(true);
  });

  it('renderReport runs only its own script: one script element, no event attribute, no javascript: link', () => {
    const { result, graph } = planted();
    const sankey = toSankey(graph, { lang: 'en' });
    const html = renderReport({
      lang: 'en',
      title: PAYLOADS[0],
      graph,
      reports: [result.report],
      reconcile: reconcile(graph),
      flags: flag(graph),
      sankey,
      svg: renderSankeySvg(sankey, { lang: 'en' }),
    });
    // Escaped text holds no `<`, so every start tag matched here is real markup; its attributes are read one by one.
    const tags = [
      ...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g),
    ];
    expect(tags.length).toBeGreaterThan(10);
    expect(tags.filter((tag) => tag[1]!.toLowerCase() === 'script')).toHaveLength(1);
    expect(tags.filter((tag) => tag[1]!.toLowerCase() === 'img')).toHaveLength(0);
    for (const tag of tags) {
      for (const attribute of tag[2]!.matchAll(/\s+([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
        const name = attribute[1]!.toLowerCase();
        const value = attribute[2] ?? attribute[3] ?? attribute[4] ?? '';
        expect(name, `${tag[1]} ${name}`).not.toMatch(/^on/);
        if (name === 'href' || name === 'src' || name === 'xlink:href') expect(value).not.toMatch(/^\s*javascript:/i);
      }
    }
    // Every `<` in the page starts a tag matched above, a closing tag, or the doctype: none is left over from data.
    const lessThans = html.split('<').length - 1;
    const closing = [...html.matchAll(/<\/[a-zA-Z][\w-]*\s*>/g)].length;
    expect(lessThans).toBe(tags.length + closing + 1);
    expect(/<script>([\s\S]*?)<\/script>/.exec(html)![1]).toBe(REPORT_SCRIPT);
  });

  it('toFtmEntities writes one valid JSON object a line, with the planted names intact', () => {
    const { graph } = planted();
    const text = toFtmEntities(graph);
    expect(text.endsWith('\n')).toBe(true);
    const entities = text
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as { schema: string; properties: Record<string, string[]> });
    const names = entities.filter((entity) => entity.schema !== 'Payment').flatMap((entity) => entity.properties.name);
    expect(new Set(names)).toEqual(new Set(PAYLOADS.flatMap((payload) => [payload, `N${payload}`])));
    expect(entities.filter((entity) => entity.schema === 'Payment')).toHaveLength(7);
  });
});
