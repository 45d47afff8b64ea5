/**
 * Politeness per server and the farm's real-server behaviour: hosts
 * that resolve to one address share one budget, answers take time, and the counts stay exact.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crawlPortals, registeredOrigins, type PortalCrawl } from '../../src/crawler/crawl.js';
import { Farm, serverAddress } from '../../src/crawler/farm/model.js';
import { startFarm } from '../../src/crawler/farm/server.js';
import { Fetcher, crawlerUserAgent, type FetcherOptions } from '../../src/crawler/fetch.js';

/** Six portals, three host names per server address: two servers. */
const farm = new Farm({ seed: 11, portals: 6, categories: 4, period: '2024-02', faults: false, hostsPerServer: 3 });

async function crawlFarm(
  options: Partial<FetcherOptions>,
  lanes = false,
): Promise<{ results: PortalCrawl[]; elapsed: number; requests: number; peaks: number[] }> {
  const server = await startFarm(farm, { latencyMs: 15, jitterMs: 10, slowShare: 0.1, slowResponseMs: 60 });
  const sources = farm.sources(server.port);
  const fetcher = new Fetcher({
    userAgent: crawlerUserAgent('mailto:test@example.vn'),
    allowedOrigins: registeredOrigins(sources),
    allowLoopback: true,
    timeoutMs: 10_000,
    backoffMs: 10,
    resolve: farm.resolve,
    ...options,
  });
  const results: PortalCrawl[] = [];
  const started = Date.now();
  try {
    await crawlPortals(fetcher, sources, farm.window, {
      onPortal: (r) => void results.push(r),
      ...(lanes ? { serverOf: (p: { portal: string }) => fetcher.serverKeyOf(p.portal) } : {}),
    });
  } finally {
    await fetcher.close();
    await server.close();
  }
  return {
    results,
    elapsed: Date.now() - started,
    requests: server.requests(),
    peaks: [serverAddress(1), serverAddress(2)].map((a) => server.peakInFlight(a)),
  };
}

function assertExact(results: PortalCrawl[]): number {
  let minimum = 0;
  assert.equal(results.length, 6);
  for (const r of results) {
    const portal = farm.portal(farm.sources(0).findIndex((p) => p.unit === r.unit) + 1)!;
    minimum += 1;
    for (const fc of portal.categories) {
      const c = r.categories.find((x) => x.name === fc.name)!;
      assert.equal(c.posts, farm.expectedPosts(portal, fc), `${r.unit} / ${fc.name}`);
      assert.equal(c.pages, farm.minimumRequests(portal, fc));
      minimum += c.pages;
    }
  }
  return minimum;
}

test('farm resolver: three host names per server address, each server on its own loopback address', async () => {
  assert.deepEqual(farm.serverAddresses(), ['127.1.0.1', '127.1.0.2']);
  const answers = await Promise.all([1, 3, 4, 6].map(async (i) => (await farm.resolve(`p000${i}.farm.localhost`))[0]!.address));
  assert.deepEqual(answers, ['127.1.0.1', '127.1.0.1', '127.1.0.2', '127.1.0.2']);
  await assert.rejects(farm.resolve('p0007.farm.localhost'));
});

test('politeness per server: hosts on one address share the delay and the concurrency; counts exact under latency', async () => {
  const delay = 40;
  const run = await crawlFarm({ perHostConcurrency: 1, perHostDelayMs: delay, politeness: 'server' });
  const minimum = assertExact(run.results);
  assert.equal(run.requests, minimum);
  // One request at a time per server address, whichever of its three host names it was for.
  assert.deepEqual(run.peaks, [1, 1]);
  // And the delay runs between all of a server's requests: the busier server alone needs this long.
  const perServer = [0, 1].map((s) => run.results
    .filter((r) => Math.ceil((farm.sources(0).findIndex((p) => p.unit === r.unit) + 1) / 3) === s + 1)
    .reduce((n, r) => n + 1 + r.categories.reduce((m, c) => m + c.pages, 0), 0));
  assert.ok(run.elapsed >= (Math.max(...perServer) - 1) * delay, `${run.elapsed} ms for ${Math.max(...perServer)} requests`);
});

test('politeness per host (configured): same exact counts, each host name its own budget', async () => {
  const run = await crawlFarm({ perHostConcurrency: 1, perHostDelayMs: 0, politeness: 'host' });
  assert.equal(run.requests, assertExact(run.results));
});

test('a resolver answer outside the allowed addresses is refused before any request', async () => {
  const fetcher = new Fetcher({
    userAgent: crawlerUserAgent('mailto:test@example.vn'),
    allowedOrigins: new Set(['http://cong.example.vn']),
    allowLoopback: true,
    resolve: () => Promise.resolve([{ address: '10.1.2.3', family: 4 }]),
  });
  const result = await fetcher.fetch('http://cong.example.vn/');
  await fetcher.close();
  assert.equal(result.ok ? 'ok' : result.failure, 'address_refused');
  assert.equal(fetcher.stats.requests + fetcher.stats.robotsRequests, 0);
});

test('by server: the portals of one server are read one after the other, servers side by side, counts exact', async () => {
  const { results, requests } = await crawlFarm({ perHostConcurrency: 1, perHostDelayMs: 5 }, true);
  assert.equal(requests, assertExact(results));
  // Portals 1–3 share the first server and 4–6 the second: each server's portals end in their order,
  // and a portal ends before the next of its server starts, so each one's window stands alone.
  const ended = results.map((r) => farm.sources(0).findIndex((p) => p.unit === r.unit) + 1);
  assert.deepEqual(ended.filter((i) => i <= 3), [1, 2, 3]);
  assert.deepEqual(ended.filter((i) => i > 3), [4, 5, 6]);
  for (const server of [[0, 1, 2], [3, 4, 5]]) {
    const spans = server.map((i) => results.find((r) => r.unit === farm.sources(0)[i]!.unit)!);
    for (let k = 1; k < spans.length; k++) assert.ok(spans[k]!.startedAt >= spans[k - 1]!.finishedAt, `${spans[k]!.unit} started after ${spans[k - 1]!.unit} ended`);
  }
});
