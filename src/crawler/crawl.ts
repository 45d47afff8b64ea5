/**
 * Counting what each unit published in a period: per category, read the source page by page, keep
 * the distinct posts (by canonical URL) dated within the period, and decide the status from the
 * category's minimum. A source that cannot be read makes the category "unverified" with its reason,
 * never "none": a crawler failure must not pass for a unit's silence.
 */
import type { CategoryStatus } from '../domain/evaluation.js';
import { placeInPeriod, type PeriodWindow } from './dates.js';
import { extractListing, type SourceConfig } from './extract/index.js';
import type { ListingItem, ListingPage } from './extract/types.js';
import { canonicalUrl } from './extract/url.js';
import type { FetchFailure, FetchResult } from './fetch.js';

export type { SourceConfig } from './extract/index.js';

export interface CategorySource {
  name: string;
  /** Posts in the period needed for "full"; fewer is "partial", none is "none". */
  min: number;
  source: SourceConfig;
}

export interface PortalSources {
  unit: string;
  portal: string;
  categories: CategorySource[];
}

/** The measured status: the evaluation's three, or "unverified" when the source could not be read. */
export type MeasuredStatus = CategoryStatus | 'unverified';

/** Why a category is unverified (or, with enough posts already counted, why its count is a floor). */
export type CrawlFailure =
  | FetchFailure
  | 'no_items'
  | 'no_dates'
  | 'parse_error'
  | 'too_many_pages'
  | 'internal';

export interface CrawlError {
  reason: CrawlFailure;
  message: string;
  url: string;
}

export interface Evidence {
  url: string;
  title: string;
  /** ISO 8601 instant. */
  date: string;
  /** The date as the page printed it. */
  dateText: string | null;
  /** The listing page, feed or sitemap it was read from. */
  foundOn: string;
}

export interface CategoryCrawl {
  name: string;
  min: number;
  status: MeasuredStatus;
  /**
   * Distinct posts dated within the period (a floor when `error` is set and status is full); null
   * when unverified, since an unread source has no count.
   */
  posts: number | null;
  evidence: Evidence[];
  source: { type: SourceConfig['type']; url: string };
  /** Newest post date seen in the source, in or out of the period (ISO), for "days since last post". */
  latestPostAt: string | null;
  /** Documents read, and of those, answered 304 from the cache. */
  pages: number;
  notModified: number;
  /** Items without a readable date: listed but not counted. */
  undated: number;
  error: CrawlError | null;
  crawledAt: string;
}

export interface PortalCrawl {
  unit: string;
  portal: string;
  /** Posts of the categories that could be counted (unverified ones add nothing). */
  posts: number;
  categories: CategoryCrawl[];
  startedAt: string;
  finishedAt: string;
}

/** The one thing the crawl needs from the network layer (the Fetcher, or a stand-in in tests). */
export interface PageFetcher {
  fetch(url: string): Promise<FetchResult>;
}

export interface CrawlOptions {
  /** Documents read per category at most (a guard against endless pagers). */
  maxPages?: number;
  now?: () => Date;
}

const DEFAULT_MAX_PAGES = 50;

/** Dates on one page: newest first ("desc"), oldest first ("asc"), all equal ("flat") or neither. */
export function pageOrder(dates: readonly Date[]): 'desc' | 'asc' | 'flat' | 'mixed' {
  let down = false;
  let up = false;
  for (let i = 1; i < dates.length; i++) {
    const d = dates[i]!.getTime() - dates[i - 1]!.getTime();
    if (d < 0) down = true;
    if (d > 0) up = true;
  }
  if (down && up) return 'mixed';
  return down ? 'desc' : up ? 'asc' : 'flat';
}

/**
 * Whether the pages after this one can still hold posts of the period. They cannot when every dated
 * post here is older than the period (the rule) unless the list runs oldest first, nor when
 * the list runs newest first and already reached a post older than the period.
 */
export function morePagesNeeded(items: readonly ListingItem[], window: PeriodWindow): boolean {
  const dates = items.flatMap((i) => (i.date ? [i.date] : []));
  if (items.length === 0) return false;
  if (dates.length === 0) return true;
  const order = pageOrder(dates);
  const before = (d: Date): boolean => placeInPeriod(d, window) === 'before';
  if (order !== 'asc' && dates.every(before)) return false;
  if (order === 'desc' && before(dates[dates.length - 1]!)) return false;
  return true;
}

export function statusFor(posts: number, min: number): CategoryStatus {
  if (posts === 0) return 'none';
  return posts < min ? 'partial' : 'full';
}

export async function crawlCategory(
  fetcher: PageFetcher,
  category: CategorySource,
  window: PeriodWindow,
  options: CrawlOptions = {},
): Promise<CategoryCrawl> {
  const now = options.now ?? (() => new Date());
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const found = new Map<string, Evidence>();
  const queue: string[] = [category.source.url];
  const visited = new Set<string>();
  let latest: Date | null = null;
  let pages = 0;
  let notModified = 0;
  let listed = 0;
  let childSitemaps = 0;
  let undated = 0;
  let error: CrawlError | null = null;

  while (queue.length > 0) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    if (pages >= maxPages) {
      error = { reason: 'too_many_pages', message: `stopped after ${maxPages} pages`, url };
      break;
    }
    visited.add(url);
    const result = await fetcher.fetch(url);
    if (!result.ok) {
      error = { reason: result.failure, message: result.message, url: result.url };
      break;
    }
    pages++;
    if (result.notModified) notModified++;
    let page: ListingPage;
    try {
      page = extractListing(category.source, result.body, result.url);
    } catch (e) {
      error = { reason: 'parse_error', message: e instanceof Error ? e.message : String(e), url: result.url };
      break;
    }
    listed += page.items.length;
    childSitemaps += page.children.length;
    for (const item of page.items) {
      if (!item.date) {
        undated++;
        continue;
      }
      if (!latest || item.date > latest) latest = item.date;
      if (placeInPeriod(item.date, window) !== 'within') continue;
      const key = canonicalUrl(item.url);
      if (!found.has(key)) {
        found.set(key, {
          url: key,
          title: item.title,
          date: item.date.toISOString(),
          dateText: item.dateText,
          foundOn: result.url,
        });
      }
    }
    // A child sitemap last changed before the period cannot list a post published in it.
    for (const child of page.children) {
      if (!child.lastmod || placeInPeriod(child.lastmod, window) !== 'before') queue.push(child.url);
    }
    if (page.next !== null && morePagesNeeded(page.items, window)) queue.push(page.next);
  }

  const posts = found.size;
  if (!error && listed === 0 && childSitemaps === 0) {
    error = { reason: 'no_items', message: 'the source lists no posts (selectors may no longer match)', url: category.source.url };
  } else if (!error && listed > 0 && listed === undated) {
    error = { reason: 'no_dates', message: `none of the ${listed} posts has a readable date`, url: category.source.url };
  }
  // With the minimum already reached, a later failure cannot change the status.
  const status: MeasuredStatus = error && posts < category.min ? 'unverified' : statusFor(posts, category.min);
  return {
    name: category.name,
    min: category.min,
    status,
    posts: status === 'unverified' ? null : posts,
    evidence: [...found.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)),
    source: { type: category.source.type, url: category.source.url },
    latestPostAt: latest ? latest.toISOString() : null,
    pages,
    notModified,
    undated,
    error,
    crawledAt: now().toISOString(),
  };
}

function internalFailure(category: CategorySource, error: unknown, at: Date): CategoryCrawl {
  return {
    name: category.name,
    min: category.min,
    status: 'unverified',
    posts: null,
    evidence: [],
    source: { type: category.source.type, url: category.source.url },
    latestPostAt: null,
    pages: 0,
    notModified: 0,
    undated: 0,
    error: { reason: 'internal', message: error instanceof Error ? error.message : String(error), url: category.source.url },
    crawledAt: at.toISOString(),
  };
}

export interface PortalCrawlOptions extends CrawlOptions {
  /** Called as each category ends (progress bars). */
  onCategory?: (portal: PortalSources, result: CategoryCrawl) => void;
}

/** All categories of one portal, concurrently (the fetcher's per-host gate keeps it polite). */
export async function crawlPortal(
  fetcher: PageFetcher,
  portal: PortalSources,
  window: PeriodWindow,
  options: PortalCrawlOptions = {},
): Promise<PortalCrawl> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const categories = await Promise.all(
    portal.categories.map(async (category) => {
      let result: CategoryCrawl;
      try {
        result = await crawlCategory(fetcher, category, window, options);
      } catch (error) {
        result = internalFailure(category, error, now());
      }
      options.onCategory?.(portal, result);
      return result;
    }),
  );
  return {
    unit: portal.unit,
    portal: portal.portal,
    posts: categories.reduce((sum, c) => sum + (c.posts ?? 0), 0),
    categories,
    startedAt,
    finishedAt: now().toISOString(),
  };
}

export interface CrawlAllOptions extends PortalCrawlOptions {
  /** Portals crawled at once; their requests still pass the fetcher's global and per-host limits. */
  portalConcurrency?: number;
  /** Receives each portal's result as it ends, so thousands need not be held in memory. */
  onPortal: (result: PortalCrawl) => void | Promise<void>;
}

/** Crawls many portals; each one's result is handed over as it ends, whatever happens to the others. */
export async function crawlPortals(
  fetcher: PageFetcher,
  portals: readonly PortalSources[],
  window: PeriodWindow,
  options: CrawlAllOptions,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < portals.length) {
      const portal = portals[next++]!;
      await options.onPortal(await crawlPortal(fetcher, portal, window, options));
    }
  };
  const workers = Math.max(1, Math.min(options.portalConcurrency ?? 32, portals.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Host names a set of sources may fetch from: the portals' and their sources' hosts. */
export function registeredHosts(portals: readonly PortalSources[]): Set<string> {
  const hosts = new Set<string>();
  const add = (url: string): void => {
    try {
      hosts.add(new URL(url).hostname.toLowerCase());
    } catch {
      // An invalid URL registers nothing; the fetch of it reports invalid_url.
    }
  };
  for (const p of portals) {
    add(p.portal);
    for (const c of p.categories) add(c.source.url);
  }
  return hosts;
}
