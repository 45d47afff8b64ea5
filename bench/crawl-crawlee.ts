/**
 * The comparison for `npm run bench:crawl`: a plain Crawlee CheerioCrawler counting the same farm's
 * posts with the same concurrency, run as its own process so its memory is measured alone.
 * Prints one JSON line: wall time, requests, posts, peak RSS.
 */
import { createRequire } from 'node:module';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { parseArgs } from 'node:util';
import { CheerioCrawler, Configuration, log, LogLevel } from '@crawlee/cheerio';
import { load } from 'cheerio';
import { parseVnDate, placeInPeriod } from '../src/crawler/dates.js';
import { Farm } from '../src/crawler/farm/model.js';
import type { SourceConfig } from '../src/crawler/crawl.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' }, portals: { type: 'string' }, categories: { type: 'string' },
    seed: { type: 'string' }, period: { type: 'string' }, concurrency: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' }, 'hosts-per-server': { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '0' },
  },
});
const farm = new Farm({
  seed: Number(values.seed), portals: Number(values.portals), categories: Number(values.categories), period: values.period!,
  faults: false, hostsPerServer: Number(values['hosts-per-server']),
});
const window = farm.window;
log.setLevel(LogLevel.OFF);

type Callback = (e: NodeJS.ErrnoException | null, a: string | LookupAddress[], f?: number) => void;
type Dns = (hostname: string, options: LookupOptions | Callback, callback?: Callback) => void;
/**
 * The farm's *.localhost names resolve to loopback (RFC 6761), as our fetcher answers them. Crawlee
 * fetches robots.txt and pages through several clients, so the process-wide lookup is patched.
 */
const dns = createRequire(import.meta.url)('node:dns') as { lookup: Dns };
const systemLookup = dns.lookup;
dns.lookup = (hostname, options, callback) => {
  const cb = (typeof options === 'function' ? options : callback)!;
  const opts = typeof options === 'function' ? {} : options;
  if (!hostname.endsWith('.localhost')) return systemLookup(hostname, options, callback);
  // The farm's DNS, as ours is given it: hosts of one simulated server on its loopback address.
  farm.resolve(hostname).then(
    (addresses) => (opts.all ? cb(null, addresses) : cb(null, addresses[0]!.address, 4)),
    (error: NodeJS.ErrnoException) => cb(error, ''),
  );
};

let posts = 0;
let requests = 0;
const maxSeconds = Number(values['max-seconds']);
if (maxSeconds > 0) {
  // Crawlee's sameDomainDelaySecs puts a delayed request back and idles; under a 1 s delay it can
  // take far longer than the farm needs, so the run is cut here and reported as stopped.
  setTimeout(() => {
    process.stdout.write(`${JSON.stringify({ wallMs: performance.now() - started, requests, posts, peakRssMb: process.resourceUsage().maxRSS / 1024, stopped: true })}\n`);
    process.exit(0);
  }, maxSeconds * 1000).unref();
}
/** Posts already counted, by category and URL: overlapping pages repeat a post. */
const seen = new Set<string>();
const started = performance.now();
const crawler = new CheerioCrawler(
  {
    maxConcurrency: Number(values.concurrency),
    minConcurrency: Number(values.concurrency),
    maxRequestRetries: 2,
    // Crawlee's politeness is per host name; it has no notion of a server behind several names.
    sameDomainDelaySecs: Number(values['delay-ms']) / 1000,
    requestHandlerTimeoutSecs: 30,
    useSessionPool: false,
    respectRobotsTxtFile: true,
    additionalMimeTypes: ['application/rss+xml', 'application/atom+xml'],
    preNavigationHooks: [
      (_ctx, gotOptions) => {
        requests++;
        gotOptions.dnsLookup = dns.lookup as never;
      },
    ],
    async requestHandler({ $: parsed, body, request, addRequests }) {
      const source = request.userData.source as SourceConfig;
      // Crawlee parses only text/html and application/xml; RSS and Atom types are handed over as bodies.
      // (Crawlee bundles an older cheerio; the two APIs agree on what is used here.)
      const $ = typeof parsed === 'function' ? parsed : (load(body.toString(), { xml: true }) as unknown as typeof parsed);
      const dates: Date[] = [];
      const base = request.loadedUrl ?? request.url;
      const count = (href: string | undefined, text: string | undefined): void => {
        const d = text ? parseVnDate(text)?.instant : undefined;
        if (!d || !href) return;
        dates.push(d);
        const url = new URL(href, base);
        url.hash = '';
        const key = `${request.userData.category as string} ${url.href}`;
        if (placeInPeriod(d, window) === 'within' && !seen.has(key)) {
          seen.add(key);
          posts++;
        }
      };
      let next: string | undefined;
      if (source.type === 'html') {
        $(source.item!).each((_, el) => {
          const dateEl = source.date ? $(el).find(source.date).first() : $(el).find('time[datetime]').first();
          count($(el).find(source.link ?? 'a[href]').first().attr('href'), dateEl.attr('datetime') ?? dateEl.text());
        });
        next = $(source.next ?? 'a[rel=next]').first().attr('href');
      } else if (source.type === 'rss') {
        $('item').each((_, el) => count($(el).find('link').text(), $(el).find('pubDate').text()));
      } else if (source.type === 'atom') {
        $('entry').each((_, el) => count($(el).find('link[rel=alternate]').attr('href'), $(el).find('published').text()));
        next = $('feed > link[rel=next]').attr('href');
      } else {
        const children = $('sitemap').toArray().map((el) => ({ loc: $(el).find('loc').text(), lastmod: parseVnDate($(el).find('lastmod').text())?.instant }));
        const wanted = children.filter((c) => !c.lastmod || placeInPeriod(c.lastmod, window) !== 'before');
        await addRequests(wanted.map((c) => ({ url: c.loc, userData: request.userData })));
        $('url').each((_, el) => count($(el).find('loc').text(), $(el).find('news\\:publication_date').text()));
      }
      // Same rule as ours: stop once a newest-first page reaches a post older than the period.
      const older = dates.some((d) => placeInPeriod(d, window) === 'before');
      if (next && !older) await addRequests([{ url: new URL(next, base).href, userData: request.userData }]);
    },
  },
  new Configuration({ persistStorage: false }),
);

const start = farm.sources(Number(values.port)).flatMap((p) => p.categories.map((c) => ({ url: c.source.url, uniqueKey: `${c.source.url}#${p.unit}`, userData: { source: c.source, category: `${p.unit}/${c.name}` } })));
await crawler.run(start);
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ wallMs, requests, posts, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
