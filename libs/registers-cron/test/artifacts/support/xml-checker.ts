/**
 * A small well-formedness checker for XML 1.0 documents, written for the tests: one prolog,
 * one root element, matching tags, quoted unique attributes, valid references, no stray `<`
 * or `&`. Returns the element tree.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*/;

function decode(text: string, where: string): string {
  return text.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare & in ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ref in named) return named[ref];
    const num = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(ref);
    if (!num) throw new Error(`unknown reference ${whole} in ${where}`);
    return String.fromCodePoint(num[1] ? parseInt(num[1], 16) : Number(num[2]));
  });
}

export function parseXml(doc: string): { declaration: string; root: XmlNode } {
  let i = 0;
  const decl = /^<\?xml version="1\.0"(?: encoding="([A-Za-z0-9-]+)")?\?>/.exec(doc);
  if (!decl) throw new Error('the document does not start with an XML declaration');
  i = decl[0].length;
  const skipMisc = (): void => {
    for (;;) {
      const ws = /^\s*/.exec(doc.slice(i))![0];
      i += ws.length;
      if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i + 4);
        if (end < 0 || doc.slice(i + 4, end).includes('--')) throw new Error('bad comment');
        i = end + 3;
      } else return;
    }
  };
  const parseElement = (): XmlNode => {
    if (doc[i] !== '<') throw new Error(`expected an element at ${i}`);
    i += 1;
    const name = NAME.exec(doc.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const node: XmlNode = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(doc.slice(i))![0];
      i += ws.length;
      if (doc.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (doc[i] === '>') {
        i += 1;
        break;
      }
      if (!ws) throw new Error(`attributes of <${name}> need blanks between them`);
      const attr = /^([A-Za-z_][A-Za-z0-9_.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(doc.slice(i));
      if (!attr) throw new Error(`bad attribute in <${name}> at ${i}`);
      if (attr[1] in node.attrs) throw new Error(`attribute ${attr[1]} twice in <${name}>`);
      node.attrs[attr[1]] = decode(attr[3] ?? attr[4], `<${name}>`);
      i += attr[0].length;
    }
    for (;;) {
      const next = doc.indexOf('<', i);
      if (next < 0) throw new Error(`<${name}> is not closed`);
      const text = doc.slice(i, next);
      if (text.includes('>') && text.includes(']]>')) throw new Error(']]> in text');
      node.text += decode(text, `<${name}>`);
      i = next;
      if (doc.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][A-Za-z0-9_.:-]*)\s*>/.exec(doc.slice(i));
        if (!close || close[1] !== name) throw new Error(`</${close?.[1]}> closes <${name}>`);
        i += close[0].length;
        return node;
      }
      if (doc.startsWith('<!--', i)) {
        skipMisc();
        continue;
      }
      node.children.push(parseElement());
    }
  };
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (i !== doc.length) throw new Error(`content after the root element at ${i}`);
  return { declaration: decl[0], root };
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`<${node.name}> has ${found.length} <${name}>`);
  return found[0];
}

export const names = (node: XmlNode): string[] => node.children.map((c) => c.name);
