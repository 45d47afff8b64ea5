/**
 * HTML listing pages read with CSS selectors: item, and within it link, title, date; next page on the
 * whole page. Only the selected elements are read, so dates in descriptions, comments, meta tags or
 * scripts never count as post dates.
 */
import { load } from 'cheerio';
import { compile, selectAll, selectOne } from 'css-select';
import type { AnyNode, Document, Element } from 'domhandler';
import { parseVnDate } from '../dates.js';
import type { ListingItem, ListingPage } from './types.js';
import { cleanText, resolveHref } from './url.js';

export interface HtmlSelectors {
  item: string;
  /** Within the item; defaults to the item itself when it is a link, else its first a[href]. */
  link?: string;
  /** Within the item; defaults to the link's text. */
  title?: string;
  /** Within the item; defaults to a time[datetime] inside it. */
  date?: string;
  /** On the page; defaults to link[rel=next] or a[rel=next]. */
  next?: string;
}

/** htmlparser2 (through cheerio) rather than parse5: several times faster, forgiving enough for portals. */
export function parseHtml(html: string): Document {
  return load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: true } }).root()[0]!;
}

type Query = (node: AnyNode) => boolean;
const compiled = new Map<string, Query>();

/**
 * Selectors compiled once per process: the same few selectors run on every page of a crawl, and
 * compiling them is most of a query's cost.
 */
function query(selector: string): Query {
  let q = compiled.get(selector);
  if (!q) {
    q = compile<AnyNode, Element>(selector);
    compiled.set(selector, q);
  }
  return q;
}

/** Text content, as the browser's textContent (comments excluded). */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}

function hrefOf(el: Element): string | undefined {
  return el.attribs.href ?? selectOne<AnyNode, Element>(query('a[href]'), el)?.attribs.href;
}

/** A `time[datetime]` (or any element with `datetime` / `content`) is read by its attribute, else its text. */
function readDate(el: Element | null): { date: Date | null; text: string | null } {
  if (!el) return { date: null, text: null };
  for (const value of [el.attribs.datetime, el.attribs.content]) {
    const parsed = value ? parseVnDate(value) : null;
    if (value && parsed) return { date: parsed.instant, text: value };
  }
  const text = cleanText(textOf(el));
  return { date: text ? (parseVnDate(text)?.instant ?? null) : null, text: text || null };
}

export function extractHtmlListing(html: string, pageUrl: string, selectors: HtmlSelectors): ListingPage {
  const doc = parseHtml(html);
  const one = (selector: string, within: AnyNode): Element | null => selectOne<AnyNode, Element>(query(selector), within);
  const baseEl = one('base[href]', doc);
  const base = resolveHref(baseEl?.attribs.href, pageUrl) ?? pageUrl;
  const items: ListingItem[] = [];
  for (const el of selectAll<AnyNode, Element>(query(selectors.item), doc)) {
    const link = selectors.link ? one(selectors.link, el) : el.name === 'a' && el.attribs.href ? el : one('a[href]', el);
    const url = resolveHref(link ? hrefOf(link) : undefined, base);
    if (url === null) continue;
    const titleEl = selectors.title ? one(selectors.title, el) : link;
    const title = titleEl ? cleanText(textOf(titleEl)) || cleanText(titleEl.attribs.title ?? '') : '';
    const { date, text } = readDate(one(selectors.date ?? 'time[datetime]', el));
    items.push({ url, title, date, dateText: text });
  }
  const nextEl = one(selectors.next ?? 'link[rel~="next"], a[rel~="next"]', doc);
  const nextUrl = nextEl ? resolveHref(hrefOf(nextEl), base) : null;
  return { items, next: nextUrl !== null && nextUrl !== resolveHref(pageUrl, pageUrl) ? nextUrl : null, children: [] };
}
