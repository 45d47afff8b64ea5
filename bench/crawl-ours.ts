/**
 * Our crawler over the farm for `npm run bench:crawl`, as its own process so that its peak memory
 * is its own. Results are summed as each portal ends and not kept, as the crawl service does.
 * Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { crawlPortals, type PortalSources, registeredOrigins } from '../src/crawler/crawl.js';
import { Farm } from '../src/crawler/farm/model.js';
import { Fetcher, crawlerUserAgent } from '../src/crawler/fetch.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, portals: { type: 'string' }, categories: { type: 'string' },
    seed: { type: 'string' }, period: { type: 'string' }, concurrency: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' }, 'hosts-per-server': { type: 'string', default: '1' },
  },
});
const farm = new Farm({
  seed: Number(values.seed), portals: Number(values.portals), categories: Number(values.categories), period: values.period!,
  faults: false, hostsPerServer: Number(values['hosts-per-server']),
});
const delayMs = Number(values['delay-ms']);
const sources = farm.sources(Number(values.port));
const concurrency = Number(values.concurrency);
const fetcher = new Fetcher({
  userAgent: crawlerUserAgent('mailto:bench@example.vn'),
  allowedOrigins: registeredOrigins(sources),
  allowLoopback: true,
  concurrency,
  // With a delay between requests to a server at least as long as an answer takes, a second
  // request in flight could never start anyway: one connection per host.
  perHostConcurrency: delayMs > 0 ? 1 : 2,
  perHostDelayMs: delayMs,
  // The farm's DNS: hosts on one simulated server share its politeness budget.
  resolve: farm.resolve,
  // Every host stays in flight until its portal ends: keep their connections.
  maxHosts: Number(values.portals),
});
let posts = 0;
let categories = 0;
let unverified = 0;
// Sampled each second: the heap the results and queues take, apart from what the process holds for
// itself (code, the loader, freed pages not yet returned), which the peak RSS also counts.
let peakHeapMb = 0;
let portalsDone = 0;
const samples: { s: number; heapMb: number; rssMb: number; portalsDone: number }[] = [];
const sampler = setInterval(() => {
  const { heapUsed, rss } = process.memoryUsage();
  peakHeapMb = Math.max(peakHeapMb, heapUsed / 1048576);
  samples.push({ s: Math.round((performance.now() - started) / 1000), heapMb: Math.round(heapUsed / 1048576), rssMb: Math.round(rss / 1048576), portalsDone });
}, 1000);
const started = performance.now();
await crawlPortals(fetcher, sources, farm.window, {
  // Without a delay, enough portals at once to fill the global limit at two requests per host; with
  // one, a server gives a request a second at most, so every portal is admitted (the default).
  ...(delayMs === 0 ? { portalConcurrency: Math.ceil(concurrency / 2) } : {}),
  // Under a delay, a server's portals one after the other (the crawl service does the same).
  ...(delayMs > 0 ? { serverOf: (p: PortalSources) => fetcher.serverKeyOf(p.portal) } : {}),
  onPortal: (r) => {
    portalsDone += 1;
    posts += r.posts;
    categories += r.categories.length;
    unverified += r.categories.filter((c) => c.status === 'unverified').length;
  },
});
const wallMs = performance.now() - started;
clearInterval(sampler);
await fetcher.close();
if (process.env.CRAWL_MEMORY_SAMPLES) process.stderr.write(`${JSON.stringify(samples.filter((_, i) => i % 10 === 0))}\n`);
process.stdout.write(`${JSON.stringify({ wallMs, requests: fetcher.stats.requests, posts, categories, unverified, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb })}\n`);
