/**
 * RSS 2.0 / RSS 1.0, Atom and sitemaps (urlset and sitemap index). Elements are matched by local name,
 * so namespace prefixes (dc:, news:, atom:) do not matter.
 */
import { parseVnDate } from '../dates.js';
import { childNamed, childrenNamed, descendantsNamed, parseXml, textOf, type Element } from './dom.js';
import type { ChildDocument, ListingItem, ListingPage } from './types.js';
import { cleanText, resolveHref } from './url.js';

function childText(el: Element, ...names: string[]): string | null {
  const found = childNamed(el, ...names);
  const text = found ? cleanText(textOf(found)) : '';
  return text === '' ? null : text;
}

function dated(text: string | null): Date | null {
  return text ? (parseVnDate(text)?.instant ?? null) : null;
}

/** RSS 2.0 and RSS 1.0 (RDF) items: link (or a permalink guid), title, pubDate or dc:date. */
export function extractRss(xml: string, feedUrl: string): ListingPage {
  const doc = parseXml(xml);
  const items: ListingItem[] = [];
  for (const item of descendantsNamed(doc, 'item')) {
    const guid = childNamed(item, 'guid');
    const permanent = guid && (guid.attribs.isPermaLink ?? guid.attribs.ispermalink) !== 'false';
    const url = resolveHref(childText(item, 'link') ?? item.attribs['rdf:about'] ?? (permanent ? cleanText(textOf(guid)) : null), feedUrl);
    if (url === null) continue;
    const dateText = childText(item, 'pubdate', 'date', 'published', 'issued');
    items.push({ url, title: childText(item, 'title') ?? '', date: dated(dateText), dateText });
  }
  return { items, next: null, children: [] };
}

function atomLink(el: Element, rel: string, base: string): string | null {
  const match = childrenNamed(el, 'link').find((l) => (l.attribs.rel ?? 'alternate') === rel);
  return match ? resolveHref(match.attribs.href, base) : null;
}

/** Atom entries: the alternate link, title, published (else updated); rel="next" pages (RFC 5005). */
export function extractAtom(xml: string, feedUrl: string): ListingPage {
  const doc = parseXml(xml);
  const feed = descendantsNamed(doc, 'feed')[0];
  const base = resolveHref(feed?.attribs['xml:base'], feedUrl) ?? feedUrl;
  const items: ListingItem[] = [];
  for (const entry of descendantsNamed(doc, 'entry')) {
    const url = atomLink(entry, 'alternate', base);
    if (url === null) continue;
    const dateText = childText(entry, 'published', 'updated');
    items.push({ url, title: childText(entry, 'title') ?? '', date: dated(dateText), dateText });
  }
  return { items, next: feed ? atomLink(feed, 'next', base) : null, children: [] };
}

/**
 * Sitemaps: each <url> is a post, dated by news:publication_date when given (lastmod is the last
 * change, not the publication); a <sitemapindex> yields its child sitemaps with their lastmod.
 */
export function extractSitemap(xml: string, sitemapUrl: string): ListingPage {
  const doc = parseXml(xml);
  const items: ListingItem[] = [];
  for (const entry of descendantsNamed(doc, 'url')) {
    const url = resolveHref(childText(entry, 'loc'), sitemapUrl);
    if (url === null) continue;
    const news = childNamed(entry, 'news');
    const published = news ? childText(news, 'publication_date') : null;
    const dateText = published ?? childText(entry, 'lastmod');
    items.push({ url, title: news ? (childText(news, 'title') ?? '') : '', date: dated(dateText), dateText });
  }
  const children: ChildDocument[] = [];
  for (const sitemap of descendantsNamed(doc, 'sitemap')) {
    const url = resolveHref(childText(sitemap, 'loc'), sitemapUrl);
    if (url !== null) children.push({ url, lastmod: dated(childText(sitemap, 'lastmod')) });
  }
  return { items, next: null, children };
}
