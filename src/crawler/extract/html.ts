/**
 * HTML listing pages read with CSS selectors: item, and within it link, title, date; next page on the
 * whole page. Only the selected elements are read, so dates in descriptions, comments, meta tags or
 * scripts never count as post dates.
 */
import { load, type CheerioAPI } from 'cheerio';
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

/** htmlparser2 rather than parse5: several times faster, and forgiving enough for portal markup. */
export function loadHtml(html: string): CheerioAPI {
  return load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseAttributeNames: true } });
}

type Selection = ReturnType<CheerioAPI>;

function hrefOf(el: Selection): string | undefined {
  return el.attr('href') ?? el.find('a[href]').first().attr('href');
}

/** A `time[datetime]` (or any element with `datetime` / `content`) is read by its attribute, else its text. */
function readDate(el: Selection): { date: Date | null; text: string | null } {
  if (el.length === 0) return { date: null, text: null };
  for (const attr of ['datetime', 'content']) {
    const value = el.attr(attr);
    const parsed = value ? parseVnDate(value) : null;
    if (value && parsed) return { date: parsed.instant, text: value };
  }
  const text = cleanText(el.text());
  return { date: text ? (parseVnDate(text)?.instant ?? null) : null, text: text || null };
}

function pageBase($: CheerioAPI, pageUrl: string): string {
  return resolveHref($('base[href]').first().attr('href'), pageUrl) ?? pageUrl;
}

export function extractHtmlListing(html: string, pageUrl: string, selectors: HtmlSelectors): ListingPage {
  const $ = loadHtml(html);
  const base = pageBase($, pageUrl);
  const items: ListingItem[] = [];
  $(selectors.item).each((_, node) => {
    const item = $(node);
    const link = selectors.link ? item.find(selectors.link).first() : item.is('a[href]') ? item : item.find('a[href]').first();
    const url = resolveHref(link.length > 0 ? hrefOf(link) : undefined, base);
    if (url === null) return;
    const titleEl = selectors.title ? item.find(selectors.title).first() : link;
    const title = cleanText(titleEl.text()) || cleanText(titleEl.attr('title') ?? '');
    const dateEl = selectors.date ? item.find(selectors.date).first() : item.find('time[datetime]').first();
    const { date, text } = readDate(dateEl);
    items.push({ url, title, date, dateText: text });
  });
  const nextEl = selectors.next ? $(selectors.next).first() : $('link[rel~="next"], a[rel~="next"]').first();
  const nextUrl = nextEl.length > 0 ? resolveHref(hrefOf(nextEl), base) : null;
  return { items, next: nextUrl !== null && nextUrl !== resolveHref(pageUrl, pageUrl) ? nextUrl : null, children: [] };
}
