/**
 * The crawler against the portal simulator: a clean farm counted exactly with the fewest requests,
 * each fault ending in its own outcome, conditional GET on a second run.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { crawlPortals, registeredOrigins, type CategoryCrawl, type PortalCrawl, type PortalSources } from '../../src/crawler/crawl.js';
import { Farm, FAULTS, portalHost, type Fault } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import { Fetcher, crawlerUserAgent, type CacheEntry, type FetcherOptions } from '../../src/crawler/fetch.js';

function newFetcher(sources: PortalSources[], options: Partial<FetcherOptions> = {}): Fetcher {
  return new Fetcher({
    userAgent: crawlerUserAgent('mailto:test@example.vn'),
    allowedOrigins: registeredOrigins(sources),
    allowLoopback: true,
    perHostDelayMs: 0,
    timeoutMs: 1000,
    backoffMs: 10,
    maxBytes: 1024 * 1024,
    concurrency: 24,
    ...options,
  });
}

const postsByUnit = (results: Map<string, PortalCrawl>): [string, number][] =>
  [...results.values()].map((r): [string, number] => [r.unit, r.posts]).sort(([a], [b]) => (a < b ? -1 : 1));

async function crawl(fetcher: Fetcher, farm: Farm, sources: PortalSources[]): Promise<Map<string, PortalCrawl>> {
  const results = new Map<string, PortalCrawl>();
  await crawlPortals(fetcher, sources, farm.window, { onPortal: (r) => void results.set(r.unit, r) });
  return results;
}

/** Seed 7, six clean portals of 22 categories, period 2024-02. */
const clean = new Farm({ seed: 7, portals: 6, categories: 22, period: '2024-02', faults: false });
/** Every fault on its own portal (three categories each), then two clean portals. */
const faulty = new Farm({ seed: 3, portals: FAULTS.length + 2, categories: 3, period: '2024-02', faults: true });
let cleanServer: FarmServer;
let faultyServer: FarmServer;
let cleanSources: PortalSources[];
let cleanResults: Map<string, PortalCrawl>;
let cleanFetcher: Fetcher;
const cache = new Map<string, CacheEntry>();
let faultResults: Map<string, PortalCrawl>;
let faultFetcher: Fetcher;

before(async () => {
  cleanServer = await startFarm(clean);
  cleanSources = clean.sources(cleanServer.port);
  // A generous timeout: on a loaded machine a retry would add requests above the minimum.
  cleanFetcher = newFetcher(cleanSources, { cache, timeoutMs: 10_000 });
  cleanResults = await crawl(cleanFetcher, clean, cleanSources);
  faultyServer = await startFarm(faulty, { slowMs: 3500, hugeBytes: 2 * 1024 * 1024 });
  const sources = faulty.sources(faultyServer.port);
  // One retry is enough to show retrying, and keeps the slow portal's timeouts short.
  faultFetcher = newFetcher(sources, { retries: 1, timeoutMs: 1500 });
  faultResults = await crawl(faultFetcher, faulty, sources);
});

after(async () => {
  await cleanFetcher.close();
  await faultFetcher.close();
  await cleanServer.close();
  await faultyServer.close();
});

test('clean farm: every category counted exactly, with its evidence, for the period', () => {
  let categories = 0;
  for (let i = 1; i <= 6; i++) {
    const portal = clean.portal(i)!;
    const result = cleanResults.get(portal.unit)!;
    for (const fc of portal.categories) {
      const c = result.categories.find((x) => x.name === fc.name)!;
      const expected = clean.expectedPosts(portal, fc);
      assert.equal(c.posts, expected, `${portal.unit} / ${fc.name} (${fc.kind}, ${fc.dateForm})`);
      assert.equal(c.error, null);
      assert.equal(c.status, expected === 0 ? 'none' : expected < fc.min ? 'partial' : 'full');
      assert.equal(c.evidence.length, expected);
      assert.equal(new Set(c.evidence.map((e) => e.url)).size, expected);
      categories++;
    }
    assert.equal(result.posts, portal.categories.reduce((s, fc) => s + clean.expectedPosts(portal, fc), 0));
  }
  assert.equal(categories, 132);
  // Pinned, so that a change to the model or the crawler shows here.
  assert.equal([...cleanResults.values()].reduce((s, r) => s + r.posts, 0), 1205);
});

test('clean farm: the farm covers every date form, source kind, overlap and period-edge posts', () => {
  const portals = [1, 2, 3, 4, 5, 6].map((i) => clean.portal(i)!);
  const forms = new Set(portals.flatMap((p) => p.categories.filter((c) => c.kind === 'html-news' || c.kind === 'html-table').map((c) => c.dateForm)));
  assert.equal(forms.size, 9);
  const kinds = new Set(portals.flatMap((p) => p.categories.map((c) => c.kind)));
  assert.equal(kinds.size, 6);
  assert.ok(portals.some((p) => p.categories.some((c) => c.overlap && clean.minimumRequests(p, c) > 1)));
  const { start, end } = clean.window;
  const edges = portals.flatMap((p) => p.categories.flatMap((c) => clean.posts(p, c))).filter((post) => post.at.getTime() === start.getTime() || post.at.getTime() === end.getTime() + 1);
  assert.ok(edges.length >= 2);
});

test('clean farm: requests are exactly the minimum (pages, sitemap months, one robots.txt per host)', () => {
  let minimum = 0;
  for (let i = 1; i <= 6; i++) {
    const portal = clean.portal(i)!;
    minimum += 1;
    for (const fc of portal.categories) {
      const c = cleanResults.get(portal.unit)!.categories.find((x) => x.name === fc.name)!;
      assert.equal(c.pages, clean.minimumRequests(portal, fc), `${portal.unit} / ${fc.name} (${fc.kind})`);
      minimum += c.pages;
    }
  }
  assert.equal(cleanFetcher.stats.requests, minimum);
  assert.equal(cleanServer.requests(), minimum);
});

test('clean farm: a second run revalidates with ETag and gets 304s, same counts', async () => {
  const fetcher = newFetcher(cleanSources, { cache, timeoutMs: 10_000 });
  const again = await crawl(fetcher, clean, cleanSources);
  await fetcher.close();
  const pages = [...again.values()].flatMap((r) => r.categories).reduce((s, c) => s + c.pages, 0);
  assert.equal(fetcher.stats.notModified, pages);
  assert.deepEqual(postsByUnit(again), postsByUnit(cleanResults));
});

test('clean farm: with room for two hosts only, idle hosts are forgotten and the counts stay exact', async () => {
  const fetcher = newFetcher(cleanSources, { maxHosts: 2, timeoutMs: 10_000 });
  const results = new Map<string, PortalCrawl>();
  await crawlPortals(fetcher, cleanSources, clean.window, { portalConcurrency: 1, onPortal: (r) => void results.set(r.unit, r) });
  await fetcher.close();
  assert.deepEqual(postsByUnit(results), postsByUnit(cleanResults));
  // One robots.txt per host still: a portal's host is in use for the whole of its crawl.
  assert.equal(fetcher.stats.robotsRequests, 6);
});

function faultCategories(fault: Fault): { categories: CategoryCrawl[]; expected: number[]; host: string } {
  const index = FAULTS.indexOf(fault) + 1;
  const portal = faulty.portal(index)!;
  assert.equal(portal.fault, fault);
  const categories = faultResults.get(portal.unit)!.categories;
  return { categories, expected: portal.categories.map((c) => faulty.expectedPosts(portal, c)), host: portalHost(index) };
}

function assertUnverified(fault: Fault, reason: string): CategoryCrawl[] {
  const { categories } = faultCategories(fault);
  for (const c of categories) {
    assert.equal(c.status, 'unverified', `${fault}: ${c.name}`);
    assert.equal(c.posts, null);
    assert.equal(c.error?.reason, reason, `${fault}: ${c.error?.message}`);
  }
  return categories;
}

function assertExact(fault: Fault): void {
  const { categories, expected } = faultCategories(fault);
  assert.deepEqual(categories.map((c) => c.posts), expected, fault);
  assert.ok(categories.every((c) => c.error === null));
}

test('fault slow: timeouts, retried, then unverified', () => {
  assertUnverified('slow', 'timeout');
});

test('fault error500: retried with backoff, then unverified with the status', () => {
  const [c] = assertUnverified('error500', 'http_error');
  assert.equal(c!.error!.message, 'HTTP 500');
});

test('fault flaky (503 once): the retry counts it', () => assertExact('flaky'));

test('fault redirect-loop: stopped, unverified', () => {
  const [c] = assertUnverified('redirect-loop', 'too_many_redirects');
  assert.match(c!.error!.message, /chuyển hướng lặp vòng/);
});

test('fault offsite-redirect to 169.254.169.254: refused as an unregistered host', () => {
  assertUnverified('offsite-redirect', 'host_not_allowed');
});

test('fault malformed HTML: unclosed elements and unquoted attributes, still counted exactly', async () => {
  assertExact('malformed');
  const portal = faulty.portal(FAULTS.indexOf('malformed') + 1)!;
  const fetcher = newFetcher(faulty.sources(faultyServer.port, [portal.index]));
  const page = await fetcher.fetch(`http://${portal.host}:${faultyServer.port}/${portal.categories[0]!.slug}`);
  await fetcher.close();
  assert.ok(page.ok);
  assert.ok(page.body.includes('<div class=news-item>') && !page.body.includes('</body>'));
  assert.ok(page.body.split('<div').length > page.body.split('</div>').length + 2);
});

test('fault windows-1258 (declared only in <meta>): counted, titles identical to the UTF-8 ones', () => {
  assertExact('windows-1258');
  const portal = faulty.portal(FAULTS.indexOf('windows-1258') + 1)!;
  const html = portal.categories.findIndex((c) => c.kind.startsWith('html'));
  assert.ok(html >= 0, 'the windows-1258 portal has an HTML category');
  const fc = portal.categories[html]!;
  const titles = faulty.posts(portal, fc).filter((p) => p.at >= faulty.window.start && p.at <= faulty.window.end).map((p) => p.title).sort();
  const got = faultResults.get(portal.unit)!.categories[html]!.evidence.map((e) => e.title).sort();
  assert.deepEqual(got, titles);
  assert.ok(got.some((t) => /[ạ-ỹ]/.test(t)));
});

test('fault huge: HTML pages over the size cap are unverified, feeds of the same portal still count', () => {
  const portal = faulty.portal(FAULTS.indexOf('huge') + 1)!;
  const { categories, expected } = faultCategories('huge');
  portal.categories.forEach((fc, i) => {
    if (fc.kind.startsWith('html')) assert.equal(categories[i]!.error?.reason, 'too_large');
    else assert.equal(categories[i]!.posts, expected[i]);
  });
});

test('fault robots (this crawler disallowed by name): nothing but robots.txt fetched', () => {
  const { host } = faultCategories('robots');
  assertUnverified('robots', 'robots_disallowed');
  assert.equal(faultyServer.requests(host), 1);
});

test('fault robots-500: robots.txt retried once, then unreachable means no crawl (RFC 9309)', () => {
  const { host } = faultCategories('robots-500');
  assertUnverified('robots-500', 'robots_unreachable');
  assert.equal(faultyServer.requests(host), 2);
});

test('fault rate-limit (429, Retry-After: 1): waited, then counted', () => {
  assertExact('rate-limit');
  const result = faultResults.get(faulty.portal(FAULTS.indexOf('rate-limit') + 1)!.unit)!;
  assert.ok(Date.parse(result.finishedAt) - Date.parse(result.startedAt) >= 1000);
});

test('fault rate-limit-hard (Retry-After: 3600): not waited for, unverified', () => {
  const { host } = faultCategories('rate-limit-hard');
  assertUnverified('rate-limit-hard', 'rate_limited');
  // robots.txt and one request per category; waiting and retrying would have made it 1 + 3 × 2.
  const requests = faultyServer.requests(host);
  assert.ok(requests >= 1 + 3 && requests < 1 + 3 * 2, `${requests} requests`);
});

test('fault gzip: compressed answers decoded', () => assertExact('gzip'));

test('one portal failing loses nothing of the others: the clean portals of the faulty farm are exact', () => {
  for (const index of [FAULTS.length + 1, FAULTS.length + 2]) {
    const portal = faulty.portal(index)!;
    assert.equal(portal.fault, null);
    assert.deepEqual(
      faultResults.get(portal.unit)!.categories.map((c) => c.posts),
      portal.categories.map((c) => faulty.expectedPosts(portal, c)),
    );
  }
  assert.equal(faultResults.size, FAULTS.length + 2);
});
