/**
 * RSS 2.0 / RSS 1.0, Atom and sitemaps (urlset and sitemap index). Elements are matched by local name,
 * so namespace prefixes (dc:, news:, atom:) do not matter.
 */
import { load, type CheerioAPI } from 'cheerio';
import { parseVnDate } from '../dates.js';
import type { ChildDocument, ListingItem, ListingPage } from './types.js';
import { cleanText, resolveHref } from './url.js';

type Selection = ReturnType<CheerioAPI>;

function localName(el: Selection): string {
  const name = (el.prop('tagName') ?? '').toLowerCase();
  return name.slice(name.indexOf(':') + 1);
}

/** Direct children of `el` with one of the local names, in the order of `names`. */
function child($: CheerioAPI, el: Selection, ...names: string[]): Selection | null {
  const children = el.children().toArray().map((c) => $(c));
  for (const name of names) {
    const found = children.find((c) => localName(c) === name);
    if (found) return found;
  }
  return null;
}

function childText($: CheerioAPI, el: Selection, ...names: string[]): string | null {
  const found = child($, el, ...names);
  const text = found ? cleanText(found.text()) : '';
  return text === '' ? null : text;
}

function elements($: CheerioAPI, name: string): Selection[] {
  return $('*')
    .toArray()
    .map((e) => $(e))
    .filter((e) => localName(e) === name);
}

function loadXml(xml: string): CheerioAPI {
  return load(xml, { xml: { xmlMode: true, decodeEntities: true } });
}

function dated(text: string | null): Date | null {
  return text ? (parseVnDate(text)?.instant ?? null) : null;
}

/** RSS 2.0 and RSS 1.0 (RDF) items: link (or a permalink guid), title, pubDate or dc:date. */
export function extractRss(xml: string, feedUrl: string): ListingPage {
  const $ = loadXml(xml);
  const items: ListingItem[] = [];
  for (const item of elements($, 'item')) {
    const guid = child($, item, 'guid');
    const permalink = guid && guid.attr('ispermalink') !== 'false' && guid.attr('isPermaLink') !== 'false' ? cleanText(guid.text()) : null;
    const url = resolveHref(childText($, item, 'link') ?? item.attr('rdf:about') ?? permalink, feedUrl);
    if (url === null) continue;
    const dateText = childText($, item, 'pubdate', 'date', 'published', 'issued');
    items.push({ url, title: childText($, item, 'title') ?? '', date: dated(dateText), dateText });
  }
  return { items, next: null, children: [] };
}

function atomLink($: CheerioAPI, el: Selection, rel: string, base: string): string | null {
  const links = el.children().toArray().map((c) => $(c)).filter((c) => localName(c) === 'link');
  const match = links.find((l) => (l.attr('rel') ?? 'alternate') === rel);
  return match ? resolveHref(match.attr('href'), base) : null;
}

/** Atom entries: the alternate link, title, published (else updated); rel="next" pages (RFC 5005). */
export function extractAtom(xml: string, feedUrl: string): ListingPage {
  const $ = loadXml(xml);
  const feed = elements($, 'feed')[0];
  const base = resolveHref(feed?.attr('xml:base'), feedUrl) ?? feedUrl;
  const items: ListingItem[] = [];
  for (const entry of elements($, 'entry')) {
    const url = atomLink($, entry, 'alternate', base);
    if (url === null) continue;
    const dateText = childText($, entry, 'published', 'updated');
    items.push({ url, title: childText($, entry, 'title') ?? '', date: dated(dateText), dateText });
  }
  const next = feed ? atomLink($, feed, 'next', base) : null;
  return { items, next, children: [] };
}

/**
 * Sitemaps: each <url> is a post, dated by news:publication_date when given (lastmod is the last
 * change, not the publication); a <sitemapindex> yields its child sitemaps with their lastmod.
 */
export function extractSitemap(xml: string, sitemapUrl: string): ListingPage {
  const $ = loadXml(xml);
  const items: ListingItem[] = [];
  for (const entry of elements($, 'url')) {
    const url = resolveHref(childText($, entry, 'loc'), sitemapUrl);
    if (url === null) continue;
    const news = child($, entry, 'news');
    const published = news ? childText($, news, 'publication_date') : null;
    const dateText = published ?? childText($, entry, 'lastmod');
    const title = news ? (childText($, news, 'title') ?? '') : '';
    items.push({ url, title, date: dated(dateText), dateText });
  }
  const children: ChildDocument[] = [];
  for (const sitemap of elements($, 'sitemap')) {
    const url = resolveHref(childText($, sitemap, 'loc'), sitemapUrl);
    if (url !== null) children.push({ url, lastmod: dated(childText($, sitemap, 'lastmod')) });
  }
  return { items, next: null, children };
}
