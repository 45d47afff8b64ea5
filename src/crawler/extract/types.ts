/** What every extractor returns for one fetched document. Pure data: no network here. */

export interface ListingItem {
  /** Absolute URL, resolved against the page and without fragment. */
  url: string;
  title: string;
  /** The post date; null when the item shows none that can be read. */
  date: Date | null;
  /** The text or attribute the date was read from, kept as evidence. */
  dateText: string | null;
}

/** A sitemap named by a sitemap index, with its lastmod. */
export interface ChildDocument {
  url: string;
  lastmod: Date | null;
}

export interface ListingPage {
  items: ListingItem[];
  /** The pager's next page (HTML, Atom rel="next"). */
  next: string | null;
  /** Sitemaps listed by a sitemap index. */
  children: ChildDocument[];
}
