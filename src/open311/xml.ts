/**
 * A tiny XML writer for the Open311 documents (pure). Values are scalars, nested records, or
 * lists whose items all take one element name (`<services><service>…</service></services>`).
 * Text is escaped, and characters XML 1.0 cannot carry at all (most control characters, lone
 * surrogates) are dropped, so the output is always well-formed whatever a citizen typed.
 */

export type XmlScalar = string | number | boolean | null | undefined;
export type XmlValue = XmlScalar | XmlList | XmlRecord;
export interface XmlRecord {
  readonly [name: string]: XmlValue;
}

/** A list of items, each written as `<itemName>`. */
export class XmlList {
  constructor(readonly itemName: string, readonly items: readonly XmlValue[]) {
    assertName(itemName);
  }
}

export const xmlList = (itemName: string, items: readonly XmlValue[]) => new XmlList(itemName, items);

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function assertName(name: string): void {
  // Element names come from this code, never from input; a bad one is a programming error.
  if (!NAME.test(name) || /^xml/i.test(name)) throw new Error(`Not a usable XML element name: ${JSON.stringify(name)}`);
}

// Everything outside XML 1.0's Char production: C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content or a quoted attribute value. CR is written as a reference so parsers keep it. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}

function scalarText(value: string | number | boolean): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return escapeXml(String(value));
}

function writeElement(name: string, value: XmlValue, out: string[]): void {
  assertName(name);
  if (value === null || value === undefined) {
    out.push(`<${name}/>`);
  } else if (value instanceof XmlList) {
    if (value.items.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const item of value.items) writeElement(value.itemName, item, out);
    out.push(`</${name}>`);
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const [child, v] of entries) writeElement(child, v, out);
    out.push(`</${name}>`);
  } else {
    const text = scalarText(value);
    out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
  }
}

/** A whole document: the XML declaration (UTF-8, as Open311 requires) and one root element. */
export function xmlDocument(rootName: string, value: XmlValue): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  writeElement(rootName, value, out);
  out.push('\n');
  return out.join('');
}
