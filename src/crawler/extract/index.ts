/** One entry point from a source's type to its extractor. */
import { parseVnDate } from '../dates.js';
import { extractAtom, extractRss, extractSitemap } from './feeds.js';
import { extractHtmlListing, type HtmlSelectors, type PageRules } from './html.js';
import { PRESETS, type PresetName } from './presets.js';
import type { ListingItem, ListingPage } from './types.js';
import { cleanText, resolveHref } from './url.js';

/** Where the items of a JSON listing endpoint are, as dotted paths ("data.items", "url"). */
export interface JsonFields {
  items: string;
  url: string;
  title?: string;
  date: string;
  /** The listing's total, from the top of the answer. */
  total?: string;
}

/** Pages the HTML does not link: numbered URLs, or the endpoint the page's script reads. */
export interface PagerRules {
  /**
   * Page n's address when the pager is drawn by script or absent: "?page={n}", Liferay's
   * "?_101_cur={n}&_101_delta=20"; resolved against the source URL; read from n = 2 on.
   */
  pages?: string;
  /**
   * The listing endpoint the page's script calls for page n (JSON when `json` is given, else an HTML
   * fragment read with the same selectors); read from n = 2 on, or from 1 when the page itself lists
   * nothing.
   */
  endpoint?: string;
  json?: JsonFields;
}

/** Everything an HTML source may set, itself or through its preset. */
export type ListingRules = HtmlSelectors & PageRules & PagerRules;

/** Where a category's posts are listed; selectors (or a preset) only for HTML. */
export type SourceConfig =
  | { type: 'rss' | 'atom' | 'sitemap'; url: string }
  | ({ type: 'html'; url: string; preset?: PresetName } & Partial<ListingRules>);

export type HtmlSource = Extract<SourceConfig, { type: 'html' }>;

const RULE_KEYS = ['item', 'link', 'title', 'date', 'next', 'total', 'empty', 'emptyText', 'pages', 'endpoint', 'json'] as const;

/** The rules an HTML source uses: its own keys over its preset's; null without an item selector. */
export function htmlRules(source: HtmlSource): ListingRules | null {
  const preset: Partial<ListingRules> = source.preset ? PRESETS[source.preset] : {};
  const merged: Partial<ListingRules> = {};
  for (const key of RULE_KEYS) {
    const value = source[key] ?? preset[key];
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged.item ? (merged as ListingRules) : null;
}

/** The selectors an HTML source uses (its own over its preset's). */
export function htmlSelectors(source: HtmlSource): HtmlSelectors | null {
  const rules = htmlRules(source);
  if (!rules) return null;
  return { item: rules.item, link: rules.link, title: rules.title, date: rules.date, next: rules.next };
}

function atPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.').filter((p) => p !== '')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function jsonDate(value: unknown): { date: Date | null; text: string | null } {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds or milliseconds, told apart by size (seconds reach 1e12 only in the year 33658).
    const date = new Date(value < 1e12 ? value * 1000 : value);
    return { date: Number.isNaN(date.getTime()) ? null : date, text: String(value) };
  }
  if (typeof value !== 'string') return { date: null, text: null };
  return { date: parseVnDate(value)?.instant ?? null, text: value };
}

/** A JSON listing endpoint's answer: its items and the total it states. */
export function extractJsonListing(body: string, url: string, fields: JsonFields): ListingPage {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new Error('điểm cuối danh sách không trả về JSON hợp lệ');
  }
  const list = atPath(data, fields.items);
  if (!Array.isArray(list)) throw new Error(`không có mảng "${fields.items}" trong JSON của điểm cuối danh sách`);
  const items: ListingItem[] = [];
  for (const entry of list) {
    const href = atPath(entry, fields.url);
    const link = typeof href === 'string' ? resolveHref(href, url) : null;
    if (link === null) continue;
    const title = fields.title ? atPath(entry, fields.title) : undefined;
    const { date, text } = jsonDate(atPath(entry, fields.date));
    items.push({ url: link, title: typeof title === 'string' ? cleanText(title) : '', date, dateText: text });
  }
  const totalValue = fields.total ? atPath(data, fields.total) : undefined;
  const total = typeof totalValue === 'number' && Number.isSafeInteger(totalValue) && totalValue >= 0 ? totalValue : null;
  return { items, next: null, children: [], postback: null, total, emptySign: total === 0 };
}

/** One fetched document of a source: `endpoint` when it is the listing endpoint's answer. */
export function extractListing(source: SourceConfig, body: string, url: string, from: 'page' | 'endpoint' = 'page'): ListingPage {
  switch (source.type) {
    case 'rss':
      return extractRss(body, url);
    case 'atom':
      return extractAtom(body, url);
    case 'sitemap':
      return extractSitemap(body, url);
    case 'html': {
      const rules = htmlRules(source);
      if (!rules) throw new Error('nguồn HTML cần bộ chọn item hoặc preset');
      if (from === 'endpoint' && rules.json) return extractJsonListing(body, url, rules.json);
      return extractHtmlListing(body, url, rules, rules);
    }
  }
}
