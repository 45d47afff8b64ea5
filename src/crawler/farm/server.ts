/**
 * The portal simulator's HTTP server: one listener on 127.0.0.1 answers for every portal, chosen by
 * the Host header (p0001.farm.localhost, …), so the crawler sees thousands of distinct hosts. With
 * `hostsPerServer` the same server also listens on one loopback address per simulated server
 * (127.1.0.1, …), where the farm's resolver sends those hosts. Answers take the configured latency.
 * Conditional GET is supported everywhere (ETag, Last-Modified); faulty portals misbehave on their
 * listing documents as their fault says.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { encodeWindows1258 } from '../charset.js';
import { hashSeed, portalIndex, random, type Farm, type FarmCategory, type FarmPortal } from './model.js';
import {
  renderAtom, renderHome, renderListing, renderListingJson, renderPost, renderRss, renderSitemap, renderSitemapIndex, viewState,
} from './pages.js';

export interface FarmServerOptions {
  port?: number;
  /** Time every answer takes, as a real portal's does (server work and the network's round trip). */
  latencyMs?: number;
  /** Up to this much more, drawn per answer. */
  jitterMs?: number;
  /** Share of answers (0..1) that take `slowResponseMs` more: a busy server now and then. */
  slowShare?: number;
  slowResponseMs?: number;
  /** How long the "slow" portal takes to answer. */
  slowMs?: number;
  /** Size of the "huge" portal's listing pages. */
  hugeBytes?: number;
}

export interface FarmServer {
  port: number;
  /** Requests answered: by all portals together, or by one host. */
  requests(host?: string): number;
  /** Most requests ever in progress at once on one server address (as the connection arrived). */
  peakInFlight(address: string): number;
  /** When each request reached a server address (epoch ms) and for which path, in order. */
  arrivals(address: string): readonly { at: number; path: string }[];
  close(): Promise<void>;
}

interface Doc {
  status: number;
  type: string;
  body: string;
  /** The newest post in the document, for Last-Modified. */
  modified: Date | null;
  /** A listing document (feed, sitemap, listing page): the ones faults apply to. */
  listing: boolean;
}

const HTML = 'text/html; charset=utf-8';
/** Host name under which the farm answers with its request count instead of a portal. */
export const STATS_HOST = 'stats.farm.localhost';
const XML = 'application/xml; charset=utf-8';

function notFound(): Doc {
  return { status: 404, type: HTML, body: '<!DOCTYPE html><title>404</title><h1>Không tìm thấy trang</h1>', modified: null, listing: false };
}

function route(farm: Farm, portal: FarmPortal, url: URL, base: string, form: URLSearchParams | null = null): Doc {
  const path = decodeURIComponent(url.pathname);
  let page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
  const byKind = (slug: string, kinds: readonly string[]): FarmCategory | undefined =>
    portal.categories.find((c) => c.slug === slug && kinds.includes(c.kind));
  if (path === '/' || path === '/index.html') {
    return { status: 200, type: HTML, body: renderHome(portal), modified: null, listing: false };
  }
  let m = /^\/rss\/([a-z0-9-]+)\.rss$/.exec(path);
  if (m) {
    const c = byKind(m[1]!, ['rss']);
    if (!c) return notFound();
    const posts = farm.posts(portal, c);
    return { status: 200, type: 'application/rss+xml; charset=utf-8', body: renderRss(portal, c, posts, base), modified: posts[0]?.at ?? null, listing: true };
  }
  m = /^\/atom\/([a-z0-9-]+)\.xml$/.exec(path);
  if (m) {
    const c = byKind(m[1]!, ['atom']);
    if (!c) return notFound();
    const posts = farm.posts(portal, c);
    return { status: 200, type: 'application/atom+xml; charset=utf-8', body: renderAtom(farm, portal, c, posts, base, page), modified: posts[0]?.at ?? null, listing: true };
  }
  m = /^\/sitemap\/([a-z0-9-]+?)(?:-(\d{4}-\d{2}))?\.xml$/.exec(path);
  if (m) {
    const c = byKind(m[1]!, ['sitemap']);
    if (!c) return notFound();
    const posts = farm.posts(portal, c);
    if (m[2] === undefined) {
      return { status: 200, type: XML, body: renderSitemapIndex(farm, c, posts, base), modified: posts[0]?.at ?? null, listing: true };
    }
    const month = farm.sitemapMonths(posts).find((x) => x.month === m![2]);
    if (!month) return notFound();
    return { status: 200, type: XML, body: renderSitemap(c, month.posts, base), modified: month.lastmod, listing: true };
  }
  m = /^\/([a-z0-9-]+)\/[a-z0-9-]+-(\d+)\.html$/.exec(path);
  if (m) {
    const c = portal.categories.find((x) => x.slug === m![1]);
    const post = c ? farm.posts(portal, c).find((p) => p.id === Number(m![2])) : undefined;
    if (!c || !post) return notFound();
    return { status: 200, type: HTML, body: renderPost(portal, c, post), modified: post.at, listing: false };
  }
  m = /^\/api\/([a-z0-9-]+)$/.exec(path);
  if (m) {
    const c = byKind(m[1]!, ['html-endpoint']);
    if (!c) return notFound();
    const posts = farm.posts(portal, c);
    return { status: 200, type: 'application/json; charset=utf-8', body: renderListingJson(farm, c, posts, base, page), modified: null, listing: true };
  }
  m = /^\/([a-z0-9-]+)\/?$/.exec(path);
  if (m) {
    const c = byKind(m[1]!, ['html-news', 'html-table', 'html-time', 'html-script', 'html-postback', 'html-endpoint']);
    if (!c) return notFound();
    if (form !== null) {
      // A postback names its page in __EVENTARGUMENT and must carry the state of the page it came from.
      const wanted = /^Page\$(\d+)$/.exec(form.get('__EVENTARGUMENT') ?? '');
      const from = wanted ? Number(wanted[1]) - 1 : 0;
      if (c.kind !== 'html-postback' || !wanted || form.get('__VIEWSTATE') !== viewState(c, from) || !form.get('__EVENTVALIDATION')) {
        return { status: 500, type: HTML, body: '<h1>Invalid postback or callback argument</h1>', modified: null, listing: false };
      }
      page = from + 1;
    }
    const posts = farm.posts(portal, c);
    const body = renderListing(farm, portal, c, posts, {
      base, page, malformed: portal.fault === 'malformed',
      charset: portal.fault === 'windows-1258'
        ? '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        : '<meta charset="utf-8">',
    });
    return { status: 200, type: HTML, body, modified: posts[0]?.at ?? null, listing: true };
  }
  return notFound();
}

function robotsTxt(portal: FarmPortal): { status: number; body: string } {
  if (portal.fault === 'robots-500') return { status: 500, body: 'Internal Server Error' };
  if (portal.fault === 'robots') {
    // Disallows this crawler by name while other robots may read everything.
    return { status: 200, body: 'User-agent: portal-scorecard\nDisallow: /\n\nUser-agent: *\nAllow: /\n' };
  }
  return { status: 200, body: 'User-agent: *\nDisallow: /admin/\nDisallow: /tim-kiem\n\nSitemap: /sitemap.xml\n' };
}

export async function startFarm(farm: Farm, options: FarmServerOptions = {}): Promise<FarmServer> {
  const slowMs = options.slowMs ?? 3000;
  const hugeBytes = options.hugeBytes ?? 6 * 1024 * 1024;
  let requests = 0;
  const byHost = new Map<string, number>();
  // URLs already answered once, for the faults that fail only the first time.
  const firstTime = new Set<string>();
  let port = 0;

  const latencyMs = options.latencyMs ?? 0;
  const jitterMs = options.jitterMs ?? 0;
  const slowShare = options.slowShare ?? 0;
  const slowResponseMs = options.slowResponseMs ?? 0;
  const draw = random(hashSeed(farm.options.seed, 'latency'));
  const delayed = latencyMs > 0 || jitterMs > 0 || slowShare > 0;
  /** Every answer, counter included, waits as a real server would make it wait. */
  const inFlight = new Map<string, { now: number; peak: number }>();
  const arrived = new Map<string, { at: number; path: string }[]>();
  const handleLater = (req: IncomingMessage, res: ServerResponse): void => {
    const address = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
    const times = arrived.get(address) ?? [];
    arrived.set(address, times);
    times.push({ at: Date.now(), path: (req.url ?? '').split('?')[0]! });
    const load = inFlight.get(address) ?? { now: 0, peak: 0 };
    inFlight.set(address, load);
    load.now++;
    load.peak = Math.max(load.peak, load.now);
    res.once('close', () => load.now--);
    if (!delayed) return handle(req, res);
    const wait = latencyMs + draw() * jitterMs + (draw() < slowShare ? slowResponseMs : 0);
    setTimeout(() => handle(req, res), wait);
  };

  /** Posted forms, read before the request is handled (WebForms postbacks). */
  const forms = new WeakMap<IncomingMessage, URLSearchParams>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (res.destroyed) return;
    if (req.method === 'POST' && !forms.has(req)) {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1_000_000) req.destroy();
        else chunks.push(chunk);
      });
      req.on('end', () => {
        forms.set(req, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        handle(req, res);
      });
      return;
    }
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (hostname === STATS_HOST) {
      // The farm's own counter (not counting these asks), for benchmarks that drive it from another process.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requests }));
      return;
    }
    requests++;
    byHost.set(hostname, (byHost.get(hostname) ?? 0) + 1);
    const index = portalIndex(hostname);
    const portal = index === null ? null : farm.portal(index);
    if (!portal) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown portal');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${hostname}`);
    if (url.pathname === '/robots.txt') {
      const robots = robotsTxt(portal);
      res.writeHead(robots.status, { 'content-type': 'text/plain; charset=utf-8' }).end(robots.body);
      return;
    }
    const base = `http://${portal.host}:${port}`;
    const doc = route(farm, portal, url, base, forms.get(req) ?? null);
    const key = `${hostname}${req.url ?? ''}`;
    const first = !firstTime.has(key);
    firstTime.add(key);
    if (doc.listing) {
      switch (portal.fault) {
        case 'error500':
          res.writeHead(500, { 'content-type': HTML }).end('<h1>500 Internal Server Error</h1>');
          return;
        case 'flaky':
          if (first) {
            res.writeHead(503, { 'content-type': HTML }).end('<h1>Service Unavailable</h1>');
            return;
          }
          break;
        case 'rate-limit':
          if (first) {
            res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' }).end('Too Many Requests');
            return;
          }
          break;
        case 'rate-limit-hard':
          res.writeHead(429, { 'retry-after': '3600', 'content-type': 'text/plain' }).end('Too Many Requests');
          return;
        case 'redirect-loop': {
          const target = url.searchParams.has('vong') ? url.pathname : `${url.pathname}?vong=1`;
          res.writeHead(302, { location: target }).end();
          return;
        }
        case 'offsite-redirect':
          res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
          return;
        case 'slow':
          setTimeout(() => send(req, res, doc, portal), slowMs).unref();
          return;
        case 'huge':
          doc.body = doc.body.replace('</body>', `<!-- ${'x'.repeat(hugeBytes)} --></body>`);
          break;
        default:
          break;
      }
    }
    send(req, res, doc, portal);
  };

  const server = createServer({ keepAliveTimeout: 30_000 }, handleLater);
  server.maxHeadersCount = 100;
  const extra: NetServer[] = [];
  const addresses = farm.serverAddresses();
  // The simulated servers share the main listener's port; a port taken on one of their addresses
  // by something else means trying another.
  for (let tries = 0; ; tries++) {
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(tries === 0 ? (options.port ?? 0) : 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    }));
    port = (server.address() as AddressInfo).port;
    try {
      for (const address of addresses) {
        const listener = createNetServer((socket) => server.emit('connection', socket));
        await new Promise<void>((resolve, reject) => listener.once('error', reject).listen(port, address, () => resolve()));
        extra.push(listener);
      }
      break;
    } catch (error) {
      for (const l of extra.splice(0)) l.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (tries >= 5 || options.port) throw error;
    }
  }
  return {
    port,
    requests: (host) => (host === undefined ? requests : (byHost.get(host) ?? 0)),
    peakInFlight: (address) => inFlight.get(address)?.peak ?? 0,
    arrivals: (address) => arrived.get(address) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const l of extra) l.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(req: IncomingMessage, res: ServerResponse, doc: Doc, portal: FarmPortal): void {
  if (res.destroyed) return;
  const etag = `W/"${createHash('md5').update(doc.body).digest('base64url')}"`;
  const headers: Record<string, string> = { 'content-type': doc.type, etag };
  if (doc.modified) headers['last-modified'] = doc.modified.toUTCString();
  if (doc.status === 200 && req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  let body: Buffer;
  if (portal.fault === 'windows-1258' && doc.type === HTML) {
    // The header names no charset: the crawler must find it in the page's <meta>.
    headers['content-type'] = 'text/html';
    body = encodeWindows1258(doc.body);
  } else {
    body = Buffer.from(doc.body, 'utf8');
  }
  if (portal.fault === 'gzip' && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(doc.status, headers).end(body);
}
