/**
 * A small, strict XML 1.0 reader for tests. No XML parser is among the project's packages, and none is added for a
 * test, so this one checks what matters for a file another program opens: every character is one XML 1.0 allows;
 * tags nest and close in order under one root; attribute values are quoted, hold no `<`, and are not repeated; `&`
 * appears only as a predefined entity or a character reference to an allowed character; `]]>` never appears in text.
 * It does not read DTDs, CDATA sections or processing instructions other than the XML declaration; none are
 * expected, so meeting one is an error too. Attribute values are returned decoded and normalised as XML says (a
 * literal tab or line break becomes a space; one written as a character reference stays).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, decoded, with the text between its children joined. */
  text: string;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export function parseXml(source: string): XmlElement {
  // With the u flag a lone surrogate is a code point of its own, outside every range below.
  const bad = /[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(source);
  if (bad)
    throw new XmlError(`character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index} is not allowed in XML 1.0`);
  let at = 0;
  const fail = (message: string): never => {
    throw new XmlError(`${message} at ${at}: ${JSON.stringify(source.slice(at, at + 30))}`);
  };
  const skipSpace = () => {
    while (at < source.length && /[ \t\r\n]/.test(source[at]!)) at++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (!source.startsWith('<!--', at)) return;
      const end = source.indexOf('-->', at + 4);
      if (end === -1) fail('unclosed comment');
      at = end + 3;
    }
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const match = NAME.exec(source);
    if (!match) return fail('expected a name');
    at += match[0].length;
    return match[0];
  };
  // Decodes the references in a run of text or an attribute value; `start` is where the run begins, for messages.
  const decode = (raw: string, start: number): string =>
    raw.replace(/&([^;&]*)(;?)/g, (_match, body: string, semicolon: string, offset: number) => {
      at = start + offset;
      if (semicolon === '') return fail('& that starts no reference');
      if (Object.hasOwn(PREDEFINED, body)) return PREDEFINED[body]!;
      if (/^#[0-9]+$/.test(body) || /^#x[0-9a-fA-F]+$/.test(body)) {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (!isXmlChar(code)) fail(`reference to a character XML 1.0 forbids (&${body};)`);
        return String.fromCodePoint(code);
      }
      return fail(`unknown entity &${body};`);
    });

  if (source.startsWith('<?xml', at)) {
    const end = source.indexOf('?>', at);
    if (end === -1) fail('unclosed XML declaration');
    at = end + 2;
  }
  skipMisc();
  if (source[at] !== '<') fail('expected the root element');

  const element = (): XmlElement => {
    at++; // <
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = at;
      skipSpace();
      if (source.startsWith('/>', at)) {
        at += 2;
        return node;
      }
      if (source[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('expected a space before an attribute');
      const attribute = name();
      skipSpace();
      if (source[at] !== '=') fail('expected =');
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") return fail('expected a quoted value');
      at++;
      const end = source.indexOf(quote, at);
      if (end === -1) fail('unclosed attribute value');
      const raw = source.slice(at, end);
      if (raw.includes('<')) fail('< inside an attribute value');
      // Attribute-value normalisation: a literal tab or line break is read as a space.
      const value = decode(raw.replace(/\r\n|[\t\r\n]/g, ' '), at);
      at = end + 1;
      if (Object.hasOwn(node.attributes, attribute)) fail(`attribute ${attribute} repeated`);
      Object.defineProperty(node.attributes, attribute, { value, enumerable: true });
    }
    for (;;) {
      if (at >= source.length) fail(`<${node.name}> never closed`);
      if (source.startsWith('</', at)) {
        at += 2;
        const closing = name();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        if (source[at] !== '>') fail('expected >');
        at++;
        return node;
      }
      if (source.startsWith('<!--', at)) {
        skipMisc();
        continue;
      }
      if (source.startsWith('<!', at) || source.startsWith('<?', at)) fail('unexpected markup');
      if (source[at] === '<') {
        node.children.push(element());
        continue;
      }
      const end = source.indexOf('<', at);
      const raw = source.slice(at, end === -1 ? source.length : end);
      if (raw.includes(']]>')) fail(']]> in text');
      const start = at;
      node.text += decode(raw, start);
      at = start + raw.length;
    }
  };

  const root = element();
  skipMisc();
  if (at !== source.length) fail('content after the root element');
  return root;
}

/** Every element under `root` (itself included) with this name, in document order. */
export function elementsNamed(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    if (node.name === name) found.push(node);
    node.children.forEach(visit);
  };
  visit(root);
  return found;
}
