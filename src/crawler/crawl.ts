/**
 * Counting what each unit published in a period: per category, read the source page by page, keep
 * the distinct posts (by canonical URL) dated within the period, and decide the status from the
 * category's minimum. A source that cannot be read makes the category "unverified" with its reason,
 * never "none": a crawler failure must not pass for a unit's silence.
 */
import type { CategoryStatus } from '../domain/evaluation.js';
import type { MeasuredStatus } from '../domain/measured.js';
import { placeInPeriod, type PeriodWindow } from './dates.js';
import { extractListing, htmlRules, type ListingRules, type SourceConfig } from './extract/index.js';
import type { ListingItem, ListingPage } from './extract/types.js';
import { canonicalUrl } from './extract/url.js';
import { admittedOrigins, type FetchFailure, type FetchResult, type FormPost } from './fetch.js';

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


/** Why a category is unverified (or, with enough posts already counted, why its count is a floor). */
export type CrawlFailure =
  | FetchFailure
  | 'no_items'
  | 'no_dates'
  | 'parse_error'
  | 'too_many_pages'
  | 'pager_repeats'
  | 'beyond_pages'
  | 'internal';

export interface CrawlError {
  reason: CrawlFailure;
  message: string;
  url: string;
}

/**
 * What makes a count exact, or why it is only a lower bound: an item older than the period was
 * seen, the listing provably ended (last page, the stated total read, every sitemap read), the page
 * shows the source's sign of an empty listing; or more pages could hold posts of the period.
 */
export type CompletenessBasis = 'older_post_seen' | 'last_page' | 'total_read' | 'all_documents' | 'empty_sign' | 'more_pages' | 'error';

/** How the pages after the first were reached. */
export type PagerKind = 'next' | 'postback' | 'pages' | 'endpoint' | 'sitemap';

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
   * Distinct posts dated within the period: exact when `complete`, else a lower bound ("≥ n"); null
   * when unverified, since an unread source has no count.
   */
  posts: number | null;
  /** Whether `posts` is the exact count; see `basis`. */
  complete: boolean;
  basis: CompletenessBasis;
  evidence: Evidence[];
  source: { type: SourceConfig['type']; url: string };
  /** Newest post date seen in the source, in or out of the period (ISO), for "days since last post". */
  latestPostAt: string | null;
  /** Documents read, and of those, answered 304 from the cache. */
  pages: number;
  notModified: number;
  /** Items listed on the pages read (distinct), and the total the listing states, when it does. */
  listed: number;
  total: number | null;
  /** The pagers followed, in the order first used. */
  pagers: PagerKind[];
  /** Items without a readable date: listed but not counted. */
  undated: number;
  /**
   * Every item this category lists is also listed by another category of the unit: a parent page
   * of boxes of sub-categories, not a listing of its own (set by crawlPortal).
   */
  onlyOtherCategories: boolean;
  /** Canonical URLs of every item listed, for the unit's one-count-per-post check; not stored. */
  listedUrls: string[];
  error: CrawlError | null;
  crawledAt: string;
}

export interface PortalCrawl {
  unit: string;
  portal: string;
  /**
   * Distinct posts of the period over the categories that could be counted: a post listed in two
   * categories counts once.
   */
  posts: number;
  /** Whether every category's count is exact. */
  complete: boolean;
  /** Posts counted by more than one category, per pair of categories. */
  overlaps: { categories: [string, string]; posts: number }[];
  categories: CategoryCrawl[];
  startedAt: string;
  finishedAt: string;
}

/** The one thing the crawl needs from the network layer (the Fetcher, or a stand-in in tests). */
export interface PageFetcher {
  fetch(url: string, post?: FormPost): Promise<FetchResult>;
}

/** One document as read: shown by `sources test` and the "Thử nguồn" button. */
export interface PageRead {
  url: string;
  /** How it was reached (null for the source's own URL). */
  pager: PagerKind | null;
  items: ListingItem[];
  total: number | null;
  emptySign: boolean;
}

export interface CrawlOptions {
  /** Documents read per category at most (a guard against endless pagers). */
  maxPages?: number;
  /** Called with each document read, in order. */
  onPage?: (page: PageRead) => void;
  now?: () => Date;
}

const DEFAULT_MAX_PAGES = 50;
const DEFAULT_PORTAL_CONCURRENCY = 4096;

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
 * post here is older than the period (a listing newest first has nothing of the period further on) unless the list runs oldest first, nor when
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

/** One document to read: a page, a posted-back form, or the listing endpoint's page n. */
interface PageRequest {
  url: string;
  post?: FormPost;
  from: 'page' | 'endpoint';
  /** The page number, for numbered pagers. */
  n: number;
  pager: PagerKind | null;
}

function requestKey(r: PageRequest): string {
  return r.post ? `POST ${r.url} ${new URLSearchParams(r.post.form.filter(([k]) => k.startsWith('__EVENT')).map(([k, v]) => [k, v])).toString()}` : r.url;
}

/** Page n's address from a template such as "?page={n}", against the source URL. */
function numbered(template: string, n: number, base: string): string | null {
  try {
    return new URL(template.replaceAll('{n}', String(n)), base).href;
  } catch {
    return null;
  }
}

const describe: Record<Exclude<CrawlFailure, FetchFailure | 'internal' | 'parse_error'>, string> = {
  no_items: 'không có mục nào khớp bộ chọn: trang có thể không phải danh sách bài (trang chủ, trang bảo trì) hoặc bộ chọn đã lỗi thời',
  no_dates: 'không mục nào có ngày đọc được',
  too_many_pages: 'dừng sau số trang tối đa',
  pager_repeats: 'trang sau lặp lại các mục đã đọc: không biết danh sách còn tiếp hay không',
  beyond_pages: 'kỳ này nằm ngoài những trang đọc được: danh sách còn trang sau mà không đọc tới',
};

/**
 * A string that holds only its own characters. Text taken from a parsed page is often a slice of
 * the page's whole body, which V8 then keeps alive as long as the slice: one post's title would hold
 * its listing page (tens of KB) until the portal's results are handed over, for every page with a
 * post in the period, and thousands of portals are in flight at once under politeness.
 */
function ownCopy(text: string): string {
  // Concatenating then slicing flattens into a new string one character longer; the slice's parent
  // is that string, not the page.
  return (' ' + text).slice(1);
}

export async function crawlCategory(
  fetcher: PageFetcher,
  category: CategorySource,
  window: PeriodWindow,
  options: CrawlOptions = {},
): Promise<CategoryCrawl> {
  const now = options.now ?? (() => new Date());
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const source = category.source;
  const rules = source.type === 'html' ? htmlRules(source) : null;
  const found = new Map<string, Evidence>();
  const listedUrls = new Set<string>();
  const queue: PageRequest[] = [{ url: source.url, from: 'page', n: 1, pager: null }];
  const visited = new Set<string>();
  const pagers: PagerKind[] = [];
  let latest: Date | null = null;
  let pages = 0;
  let notModified = 0;
  let childSitemaps = 0;
  let undated = 0;
  let total: number | null = null;
  let emptySign = false;
  let olderSeen = false;
  /** The listing showed its end: a last page, a numbered page past the end, the stated total read. */
  let ended: CompletenessBasis | null = null;
  let error: CrawlError | null = null;

  while (queue.length > 0) {
    const request = queue.shift()!;
    const key = requestKey(request);
    if (visited.has(key)) {
      // A pager pointing back to a page already read has nothing further.
      ended ??= 'last_page';
      continue;
    }
    if (pages >= maxPages) {
      error = { reason: 'too_many_pages', message: `${describe.too_many_pages} (${maxPages})`, url: request.url };
      break;
    }
    visited.add(key);
    const result = await fetcher.fetch(request.url, request.post);
    if (!result.ok) {
      error = { reason: result.failure, message: result.message, url: result.url };
      break;
    }
    pages++;
    if (request.pager && !pagers.includes(request.pager)) pagers.push(request.pager);
    if (result.notModified) notModified++;
    let page: ListingPage;
    try {
      page = extractListing(source, result.body, result.url, request.from);
    } catch (e) {
      error = { reason: 'parse_error', message: e instanceof Error ? e.message : String(e), url: result.url };
      break;
    }
    total ??= page.total ?? null;
    options.onPage?.({ url: result.url, pager: request.pager, items: page.items, total: page.total ?? null, emptySign: page.emptySign ?? false });
    if (request.n === 1 && request.from === 'page' && page.emptySign) emptySign = true;
    childSitemaps += page.children.length;
    let fresh = 0;
    for (const item of page.items) {
      const key = canonicalUrl(item.url);
      if (!listedUrls.has(key)) fresh++;
      listedUrls.add(key);
      if (!item.date) {
        undated++;
        continue;
      }
      if (!latest || item.date > latest) latest = item.date;
      if (placeInPeriod(item.date, window) !== 'within') continue;
      if (!found.has(key)) {
        found.set(key, {
          url: key,
          title: ownCopy(item.title),
          date: item.date.toISOString(),
          dateText: item.dateText === null ? null : ownCopy(item.dateText),
          foundOn: result.url,
        });
      }
    }
    // A child sitemap last changed before the period cannot list a post published in it.
    for (const child of page.children) {
      if (!child.lastmod || placeInPeriod(child.lastmod, window) !== 'before') {
        queue.push({ url: child.url, from: 'page', n: 1, pager: 'sitemap' });
      }
    }
    if (request.n > 1 && page.items.length > 0 && fresh === 0) {
      // A numbered page past the end often repeats the last (or the first) page.
      error = { reason: 'pager_repeats', message: describe.pager_repeats, url: result.url };
      break;
    }
    if (page.items.length === 0) {
      // A numbered page (or endpoint page) with nothing on it is past the listing's end.
      if (request.n > 1) ended ??= 'last_page';
      if (request.n === 1 && request.from === 'page' && rules?.endpoint && !emptySign) {
        const url = numbered(rules.endpoint, 1, source.url);
        if (url) queue.push({ url, from: 'endpoint', n: 1, pager: 'endpoint' });
      }
      continue;
    }
    if (!morePagesNeeded(page.items, window)) {
      olderSeen = true;
      continue;
    }
    if (total !== null && listedUrls.size >= total) {
      ended ??= 'total_read';
      continue;
    }
    const nextRequest = following(page, request, rules, source.url);
    if (nextRequest) queue.push(nextRequest);
    else if (source.type === 'html' ? total === null : source.type === 'atom' && pagers.includes('next')) ended ??= 'last_page';
  }

  const posts = found.size;
  const listed = listedUrls.size;
  let basis: CompletenessBasis;
  if (error) basis = 'error';
  else if (listed === 0 && childSitemaps === 0 && emptySign) basis = 'empty_sign';
  else if (olderSeen) basis = 'older_post_seen';
  else if (source.type === 'sitemap') basis = 'all_documents';
  else basis = ended ?? 'more_pages';

  if (!error && listed === 0 && childSitemaps === 0 && !emptySign) {
    error = { reason: 'no_items', message: describe.no_items, url: source.url };
  } else if (!error && listed > 0 && listed === undated) {
    error = { reason: 'no_dates', message: `${describe.no_dates} (${listed} mục)`, url: source.url };
  } else if (!error && basis === 'more_pages' && posts === 0) {
    error = { reason: 'beyond_pages', message: describe.beyond_pages, url: source.url };
  }
  const complete = error === null && basis !== 'more_pages';
  // With the minimum already reached, a later failure cannot change the status; a lower bound
  // below the minimum is shown as "≥ n" and never compared as if exact (see `complete`).
  const status: MeasuredStatus = error && posts < category.min ? 'unverified' : statusFor(posts, category.min);
  return {
    name: category.name,
    min: category.min,
    status,
    posts: status === 'unverified' ? null : posts,
    complete,
    basis: error ? 'error' : basis,
    evidence: [...found.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)),
    source: { type: source.type, url: source.url },
    latestPostAt: latest ? latest.toISOString() : null,
    pages,
    notModified,
    listed,
    total,
    pagers,
    undated,
    onlyOtherCategories: false,
    listedUrls: [...listedUrls],
    error,
    crawledAt: now().toISOString(),
  };
}

/** The page after this one: a link, a form posted back, a numbered page or the endpoint's next page. */
function following(page: ListingPage, request: PageRequest, rules: ListingRules | null, sourceUrl: string): PageRequest | null {
  const n = request.n + 1;
  if (request.from === 'page' && page.next !== null) return { url: page.next, from: 'page', n, pager: 'next' };
  if (request.from === 'page' && page.postback) return { url: page.postback.url, post: { form: page.postback.form }, from: 'page', n, pager: 'postback' };
  if (!rules) return null;
  if (rules.endpoint && (request.from === 'endpoint' || !rules.pages)) {
    const url = numbered(rules.endpoint, n, sourceUrl);
    return url ? { url, from: 'endpoint', n, pager: 'endpoint' } : null;
  }
  if (rules.pages) {
    const url = numbered(rules.pages, n, sourceUrl);
    return url ? { url, from: 'page', n, pager: 'pages' } : null;
  }
  return null;
}

/** A category left unread by a fault of ours, not of the portal: unverified, with the fault as its reason. */
export function internalFailure(category: CategorySource, error: unknown, at: Date): CategoryCrawl {
  return {
    name: category.name,
    min: category.min,
    status: 'unverified',
    posts: null,
    complete: false,
    basis: 'error',
    evidence: [],
    source: { type: category.source.type, url: category.source.url },
    latestPostAt: null,
    pages: 0,
    notModified: 0,
    listed: 0,
    total: null,
    pagers: [],
    undated: 0,
    onlyOtherCategories: false,
    listedUrls: [],
    error: { reason: 'internal', message: error instanceof Error ? error.message : String(error), url: category.source.url },
    crawledAt: at.toISOString(),
  };
}

export interface PortalCrawlOptions extends CrawlOptions {
  /** Called as each category ends (progress bars). */
  onCategory?: (portal: PortalSources, result: CategoryCrawl) => void;
  /**
   * Categories of one portal read at once. The fetcher's per-server gate lets only a request or two
   * through at a time anyway, so a few suffice to keep it busy; more only hold memory while waiting.
   */
  categoryConcurrency?: number;
}

/** Runs `task` over `items` with at most `limit` at once; results keep the items' order. A failure stops it (below). */
async function inOrder<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await task(items[i]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // After a failure no item is started, and the ones under way finish before the failure is
  // reported: a caller that ends its run then writes nothing after it.
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

/** All categories of one portal, a few at a time (the fetcher's per-server gate keeps it polite). */
export async function crawlPortal(
  fetcher: PageFetcher,
  portal: PortalSources,
  window: PeriodWindow,
  options: PortalCrawlOptions = {},
): Promise<PortalCrawl> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const categories = await inOrder(portal.categories, options.categoryConcurrency ?? 4, async (category) => {
    let result: CategoryCrawl;
    try {
      result = await crawlCategory(fetcher, category, window, options);
    } catch (error) {
      result = internalFailure(category, error, now());
    }
    options.onCategory?.(portal, result);
    return result;
  });
  const { posts, overlaps } = countOncePerPost(categories);
  return {
    unit: portal.unit,
    portal: portal.portal,
    posts,
    complete: categories.every((c) => c.complete),
    overlaps,
    categories,
    startedAt,
    finishedAt: now().toISOString(),
  };
}

/**
 * One count per post in a unit: the posts of the counted categories by canonical URL, each once;
 * the posts two categories share; and each category whose listed items are all listed by other
 * categories too (a parent page showing its sub-categories' boxes) is flagged.
 */
export function countOncePerPost(categories: CategoryCrawl[]): { posts: number; overlaps: PortalCrawl['overlaps'] } {
  const counted = categories.filter((c) => c.posts !== null);
  const distinct = new Set(counted.flatMap((c) => c.evidence.map((e) => e.url)));
  const overlaps: PortalCrawl['overlaps'] = [];
  for (let i = 0; i < counted.length; i++) {
    const mine = new Set(counted[i]!.evidence.map((e) => e.url));
    for (let j = i + 1; j < counted.length; j++) {
      const shared = counted[j]!.evidence.filter((e) => mine.has(e.url)).length;
      if (shared > 0) overlaps.push({ categories: [counted[i]!.name, counted[j]!.name], posts: shared });
    }
  }
  // A child whose posts all show in its parent is normal; a page whose posts are spread over other
  // categories, none of which holds them all, is a page of their boxes.
  const lists = categories.map((c) => new Set(c.listedUrls));
  categories.forEach((c, i) => {
    const others = lists.filter((_, j) => j !== i);
    const everyElsewhere = c.listedUrls.length > 0 && c.listedUrls.every((u) => others.some((o) => o.has(u)));
    const oneHoldsAll = others.some((o) => c.listedUrls.every((u) => o.has(u)));
    c.onlyOtherCategories = everyElsewhere && !oneHoldsAll;
  });
  return { posts: distinct.size, overlaps };
}

export interface CrawlAllOptions extends PortalCrawlOptions {
  /**
   * Portals crawled at once; their requests still pass the fetcher's global and per-server limits.
   * Under politeness (a second between requests to a server) throughput comes from many servers
   * at once, so the default admits thousands: a waiting portal costs a few closures, not a slot.
   */
  portalConcurrency?: number;
  /** Receives each portal's result as it ends, so thousands need not be held in memory. */
  onPortal: (result: PortalCrawl) => void | Promise<void>;
  /**
   * The politeness budget (server) each portal's requests fall under (Fetcher.serverKeyOf of its
   * address). Given, portals sharing a server are read one after the other, servers side by side
   * (`portalConcurrency` of them at once): the server's delay sets the pace either way, so the pass
   * takes as long, but a portal's results are held for its own reading only instead of for the
   * whole of its server's, and each is handed over as soon as it can be.
   */
  serverOf?: (portal: PortalSources) => Promise<string>;
}

/** Crawls many portals; each one's result is handed over as it ends, whatever happens to the others. */
export async function crawlPortals(
  fetcher: PageFetcher,
  portals: readonly PortalSources[],
  window: PeriodWindow,
  options: CrawlAllOptions,
): Promise<void> {
  const limit = options.portalConcurrency ?? DEFAULT_PORTAL_CONCURRENCY;
  const one = async (portal: PortalSources): Promise<void> => {
    await options.onPortal(await crawlPortal(fetcher, portal, window, options));
  };
  if (!options.serverOf) {
    await inOrder(portals, limit, one);
    return;
  }
  const keys = await Promise.all(portals.map((p) => options.serverOf!(p)));
  const byServer = new Map<string, PortalSources[]>();
  portals.forEach((portal, i) => {
    const lane = byServer.get(keys[i]!);
    if (lane) lane.push(portal);
    else byServer.set(keys[i]!, [portal]);
  });
  await inOrder([...byServer.values()], limit, async (lane) => {
    for (const portal of lane) await one(portal);
  });
}

/** Origins a set of sources may fetch from: the portals' and their sources' (see admittedOrigins). */
export function registeredOrigins(portals: readonly PortalSources[]): Set<string> {
  const origins = new Set<string>();
  const add = (url: string): void => {
    try {
      for (const origin of admittedOrigins(url)) origins.add(origin);
    } catch {
      // An invalid URL registers nothing; the fetch of it reports invalid_url.
    }
  };
  for (const p of portals) {
    add(p.portal);
    for (const c of p.categories) add(c.source.url);
  }
  return origins;
}
