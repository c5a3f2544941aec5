/**
 * For tests only: reads an XML document with a strict, well-formedness-checking parser (saxes,
 * which exceljs already brings in) into a small tree, so tests can assert on decoded text.
 */
import { SaxesParser } from 'saxes';

export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

export function readXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', text: '', children: [] };
  const stack: XmlNode[] = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (root.children.length !== 1) throw new Error(`expected one root element, got ${root.children.length}`);
  return root.children[0];
}

/** The children of a node as records of their text (one level), e.g. each `<request>` of `<service_requests>`. */
export function records(node: XmlNode): Record<string, string>[] {
  return node.children.map((item) => Object.fromEntries(item.children.map((c) => [c.name, c.text])));
}
