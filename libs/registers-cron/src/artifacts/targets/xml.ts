/** A minimal XML tree and serializer: element names are trusted, text and attributes are escaped. */
export interface XmlElement {
  name: string;
  attrs?: Record<string, string>;
  children?: XmlElement[];
  text?: string;
}

/** `<name attrs>text</name>`, `<name attrs>children</name>` or `<name attrs />`. */
export function el(
  name: string,
  content?: string | XmlElement[],
  attrs?: Record<string, string>,
): XmlElement {
  if (typeof content === 'string') return { name, attrs, text: content };
  return { name, attrs, children: content };
}

/** The text holds a character XML 1.0 does not allow at all, even escaped (most control characters, lone surrogates). */
export function hasInvalidXmlChars(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if (c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

function renderElement(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) {
    out.push(`${pad}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`);
  } else if (!node.children || node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs} />`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) renderElement(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** The document: an XML declaration, then the root element, indented by two spaces. */
export function renderXmlDocument(root: XmlElement, encoding: string): string {
  const out = [`<?xml version="1.0" encoding="${encoding}"?>`];
  renderElement(root, 0, out);
  return `${out.join('\r\n')}\r\n`;
}
