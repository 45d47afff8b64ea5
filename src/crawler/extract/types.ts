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

/**
 * An ASP.NET WebForms pager link (`javascript:__doPostBack('target','argument')`): the next page is
 * the page's form posted back with the event fields set.
 */
export interface PostbackRequest {
  url: string;
  /** Every field of the form, in order, __EVENTTARGET and __EVENTARGUMENT set for the pager link. */
  form: [string, string][];
}

export interface ListingPage {
  items: ListingItem[];
  /** The pager's next page (HTML, Atom rel="next"). */
  next: string | null;
  /** Sitemaps listed by a sitemap index. */
  children: ChildDocument[];
  /** The next page when the pager posts the form back instead of linking. */
  postback?: PostbackRequest | null;
  /** The listing's total number of items, when the page states it (a pager built by script). */
  total?: number | null;
  /** The page shows the source's sign of an empty listing ("Không có văn bản", a total of 0). */
  emptySign?: boolean;
}
