/**
 * HTML listing pages read with CSS selectors: item, and within it link, title, date; next page on the
 * whole page. Only the selected elements are read, so dates in descriptions, comments, meta tags or
 * scripts never count as post dates.
 */
import { parseVnDate } from '../dates.js';
import { all, first, parseHtml, textOf, type Element } from './dom.js';
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

function hrefOf(el: Element): string | undefined {
  return el.attribs.href ?? first('a[href]', el)?.attribs.href;
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
  const base = resolveHref(first('base[href]', doc)?.attribs.href, pageUrl) ?? pageUrl;
  const items: ListingItem[] = [];
  for (const el of all(selectors.item, doc)) {
    const link = selectors.link ? first(selectors.link, el) : el.name === 'a' && el.attribs.href ? el : first('a[href]', el);
    const url = resolveHref(link ? hrefOf(link) : undefined, base);
    if (url === null) continue;
    const titleEl = selectors.title ? first(selectors.title, el) : link;
    const title = titleEl ? cleanText(textOf(titleEl)) || cleanText(titleEl.attribs.title ?? '') : '';
    const { date, text } = readDate(first(selectors.date ?? 'time[datetime]', el));
    items.push({ url, title, date, dateText: text });
  }
  const nextEl = first(selectors.next ?? 'link[rel~="next"], a[rel~="next"]', doc);
  const nextUrl = nextEl ? resolveHref(hrefOf(nextEl), base) : null;
  return { items, next: nextUrl !== null && nextUrl !== resolveHref(pageUrl, pageUrl) ? nextUrl : null, children: [] };
}
