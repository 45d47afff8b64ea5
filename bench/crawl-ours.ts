/**
 * Our crawler over the farm for `npm run bench:crawl`, as its own process so that its peak memory
 * is its own. Results are summed as each portal ends and not kept, as the crawl service does.
 * Prints one JSON line.
 */
import { parseArgs } from 'node:util';
import { crawlPortals, registeredHosts } from '../src/crawler/crawl.js';
import { Farm } from '../src/crawler/farm/model.js';
import { Fetcher, crawlerUserAgent } from '../src/crawler/fetch.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, portals: { type: 'string' }, categories: { type: 'string' },
    seed: { type: 'string' }, period: { type: 'string' }, concurrency: { type: 'string' },
  },
});
const farm = new Farm({ seed: Number(values.seed), portals: Number(values.portals), categories: Number(values.categories), period: values.period!, faults: false });
const sources = farm.sources(Number(values.port));
const concurrency = Number(values.concurrency);
const fetcher = new Fetcher({
  userAgent: crawlerUserAgent('mailto:bench@example.vn'),
  allowedHosts: registeredHosts(sources),
  allowLoopback: true,
  concurrency,
  perHostConcurrency: 2,
  perHostDelayMs: 0,
});
let posts = 0;
let categories = 0;
let unverified = 0;
const started = performance.now();
await crawlPortals(fetcher, sources, farm.window, {
  // Enough portals at once to fill the global limit at two requests per host, and no more.
  portalConcurrency: Math.ceil(concurrency / 2),
  onPortal: (r) => {
    posts += r.posts;
    categories += r.categories.length;
    unverified += r.categories.filter((c) => c.status === 'unverified').length;
  },
});
const wallMs = performance.now() - started;
await fetcher.close();
process.stdout.write(`${JSON.stringify({ wallMs, requests: fetcher.stats.requests, posts, categories, unverified, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
