/**
 * HTML listing pages read with CSS selectors: item, and within it link, title, date; next page on the
 * whole page. Only the selected elements are read, so dates in descriptions, comments, meta tags or
 * scripts never count as post dates. A page may also state the listing's total (a pager drawn by
 * script from `totalItems`) and show a sign that the listing is empty.
 */
import { parseVnDate } from '../dates.js';
import { all, first, parseHtml, textOf, type AnyNode, type Document, type Element } from './dom.js';
import type { ListingItem, ListingPage, PostbackRequest } from './types.js';
import { cleanText, resolveHref } from './url.js';

export interface HtmlSelectors {
  item: string;
  /** Within the item; defaults to the item itself when it is a link, else its first a[href]. */
  link?: string;
  /** Within the item; defaults to the link's text. */
  title?: string;
  /** Within the item; defaults to a time[datetime] inside it. */
  date?: string;
  /**
   * On the page; defaults to link[rel=next] or a[rel=next]. A `javascript:__doPostBack(…)` link is
   * followed by posting the page's form back (ASP.NET WebForms).
   */
  next?: string;
}

/**
 * Where a page states the listing's total: a regular expression over the raw page (scripts
 * included) whose first group is the number, or whose first group is a base64 JSON blob holding it
 * under `key` (the *.bacninh.edu.vn platform passes its pager settings as `decode64('…')`).
 */
export type TotalRule = string | { pattern: string; decode?: 'base64-json'; key?: string };

/** What a page says about the listing as a whole, beside its items. */
export interface PageRules {
  total?: TotalRule;
  /** A CSS selector found only on an empty listing. */
  empty?: string;
  /** Text shown only on an empty listing, e.g. "Không có văn bản". */
  emptyText?: string;
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

const POSTBACK = /^\s*javascript:\s*__doPostBack\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)/i;

/** The form a WebForms page posts back: the one holding __VIEWSTATE, with every named field. */
function postbackOf(doc: Document, link: Element, base: string): PostbackRequest | null {
  const match = POSTBACK.exec(link.attribs.href ?? '');
  if (!match) return null;
  const form = all('form', doc).find((f) => first('input[name="__VIEWSTATE"]', f) !== null);
  if (!form) return null;
  const url = resolveHref(form.attribs.action ?? '', base) ?? base;
  const fields: [string, string][] = [];
  for (const input of all('input[name]', form)) {
    const type = (input.attribs.type ?? 'text').toLowerCase();
    // Buttons and unchecked boxes are not sent by a browser either.
    if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && input.attribs.checked === undefined) continue;
    const name = input.attribs.name!;
    if (name === '__EVENTTARGET' || name === '__EVENTARGUMENT') continue;
    fields.push([name, input.attribs.value ?? '']);
  }
  fields.unshift(['__EVENTTARGET', match[1]!], ['__EVENTARGUMENT', match[2]!]);
  return { url, form: fields };
}

/** Text a reader sees: scripts and styles left out (their strings are not on the page). */
function visibleText(node: AnyNode): string {
  if (node.type === 'script' || node.type === 'style' || node.type === 'comment') return '';
  if (node.type === 'text') return node.data;
  if ('children' in node) return node.children.map(visibleText).join(' ');
  return '';
}

/** The listing's total as the page states it, or null. */
export function readTotal(html: string, rule: TotalRule): number | null {
  const { pattern, decode, key } = typeof rule === 'string' ? { pattern: rule, decode: undefined, key: undefined } : rule;
  const match = new RegExp(pattern, 'u').exec(html);
  const captured = match?.[1];
  if (captured === undefined) return null;
  let value: unknown = captured;
  if (decode === 'base64-json') {
    try {
      const data = JSON.parse(Buffer.from(captured, 'base64').toString('utf8')) as Record<string, unknown>;
      value = key ? data[key] : undefined;
    } catch {
      return null;
    }
  }
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function extractHtmlListing(html: string, pageUrl: string, selectors: HtmlSelectors, rules: PageRules = {}): ListingPage {
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
  const postback = nextEl && nextUrl === null ? postbackOf(doc, nextEl.attribs.href ? nextEl : (first('a[href]', nextEl) ?? nextEl), base) : null;
  const total = rules.total ? readTotal(html, rules.total) : null;
  const emptySign =
    (rules.empty !== undefined && first(rules.empty, doc) !== null) ||
    (rules.emptyText !== undefined && cleanText(visibleText(doc)).toLowerCase().includes(cleanText(rules.emptyText).toLowerCase())) ||
    total === 0;
  return {
    items,
    next: nextUrl !== null && nextUrl !== resolveHref(pageUrl, pageUrl) ? nextUrl : null,
    children: [],
    postback,
    total,
    emptySign,
  };
}
