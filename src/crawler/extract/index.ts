/** One entry point from a source's type to its extractor. */
import { extractAtom, extractRss, extractSitemap } from './feeds.js';
import { extractHtmlListing, type HtmlSelectors } from './html.js';
import { PRESETS, type PresetName } from './presets.js';
import type { ListingPage } from './types.js';

/** Where a category's posts are listed; selectors (or a preset) only for HTML. */
export type SourceConfig =
  | { type: 'rss' | 'atom' | 'sitemap'; url: string }
  | ({ type: 'html'; url: string; preset?: PresetName } & Partial<HtmlSelectors>);

/** The selectors an HTML source uses: its own, over its preset's. */
export function htmlSelectors(source: Extract<SourceConfig, { type: 'html' }>): HtmlSelectors | null {
  const preset: Partial<HtmlSelectors> = source.preset ? PRESETS[source.preset] : {};
  const item = source.item ?? preset.item;
  if (!item) return null;
  const pick = (key: Exclude<keyof HtmlSelectors, 'item'>): string | undefined => source[key] ?? preset[key];
  return { item, link: pick('link'), title: pick('title'), date: pick('date'), next: pick('next') };
}

export function extractListing(source: SourceConfig, body: string, url: string): ListingPage {
  switch (source.type) {
    case 'rss':
      return extractRss(body, url);
    case 'atom':
      return extractAtom(body, url);
    case 'sitemap':
      return extractSitemap(body, url);
    case 'html': {
      const selectors = htmlSelectors(source);
      if (!selectors) throw new Error('An HTML source needs an item selector or a preset');
      return extractHtmlListing(body, url, selectors);
    }
  }
}
