/**
 * The parsed-document helpers the extractors share: htmlparser2 trees (through cheerio's loader),
 * selectors compiled once, and plain tree walks. Working on the nodes directly, without wrapping each
 * one in a Cheerio object, keeps extraction cheap enough for thousands of pages.
 */
import { load } from 'cheerio';
import { compile, selectAll, selectOne } from 'css-select';
import type { AnyNode, Document, Element } from 'domhandler';

export type { AnyNode, Document, Element };

/** htmlparser2 rather than parse5: several times faster, and forgiving enough for portal markup. */
export function parseHtml(html: string): Document {
  return load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: true } }).root()[0]!;
}

export function parseXml(xml: string): Document {
  return load(xml, { xml: { xmlMode: true, decodeEntities: true } }).root()[0]!;
}

type Query = (node: AnyNode) => boolean;
const compiled = new Map<string, Query>();

/** The same few selectors run on every page of a crawl, and compiling is most of a query's cost. */
function query(selector: string): Query {
  let q = compiled.get(selector);
  if (!q) {
    q = compile<AnyNode, Element>(selector);
    compiled.set(selector, q);
  }
  return q;
}

export function all(selector: string, within: AnyNode): Element[] {
  return selectAll<AnyNode, Element>(query(selector), within);
}

export function first(selector: string, within: AnyNode): Element | null {
  return selectOne<AnyNode, Element>(query(selector), within);
}

/** Text content, as the browser's textContent (comments excluded). */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

/** An element's name without namespace prefix, lower case: "news:publication_date" → "publication_date". */
export function localName(el: Element): string {
  const name = el.name.toLowerCase();
  return name.slice(name.indexOf(':') + 1);
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Elements under `root` with the local name, in document order. */
export function descendantsNamed(root: AnyNode, name: string): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = 'children' in root ? [...root.children].reverse() : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (localName(node) === name) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/** The first direct child with one of the local names, trying the names in order. */
export function childNamed(el: Element, ...names: string[]): Element | null {
  for (const name of names) {
    const found = el.children.find((c): c is Element => isElement(c) && localName(c) === name);
    if (found) return found;
  }
  return null;
}

export function childrenNamed(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => isElement(c) && localName(c) === name);
}

/** Whether a CSS selector compiles; sources are checked with it when imported. */
export function isValidSelector(selector: string): boolean {
  try {
    query(selector);
    return true;
  } catch {
    return false;
  }
}
