/**
 * The crawler's only way onto the network: polite (per-server concurrency and delay, robots.txt,
 * Retry-After), bounded (timeouts, retries, size cap, redirect bound) and fenced (registered hosts
 * only, no private or loopback addresses unless allowed). Every call ends in a FetchResult, never a throw.
 */
import { isIP } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';
import { Client, Pool, request, type Dispatcher } from 'undici';
import robotsParserModule from 'robots-parser';
import type { LookupFunction } from 'node:net';
import { ADDRESS_KIND_LABELS, addressAllowed, AddressRefusedError, classifyAddress, guardedLookup, isLocalhostName } from './address.js';
import { decodeBody } from './charset.js';
import { HostGate, Semaphore } from './gate.js';

/** Why a URL could not be read: a closed set, each shown to the reviewer as the category's error. */
export const FETCH_FAILURES = [
  'invalid_url',
  'host_not_allowed',
  'address_refused',
  'dns_failed',
  'robots_disallowed',
  'robots_unreachable',
  'timeout',
  'network',
  'http_error',
  'rate_limited',
  'too_large',
  'too_many_redirects',
] as const;
export type FetchFailure = (typeof FETCH_FAILURES)[number];

export type FetchResult =
  | {
      ok: true;
      /** The URL that answered, after redirects. */
      url: string;
      status: number;
      contentType: string | null;
      body: string;
      /** The server answered 304 and the body came from the cache. */
      notModified: boolean;
    }
  | { ok: false; url: string; failure: FetchFailure; message: string; status?: number };

/** What conditional GET needs to remember about a URL. */
export interface CacheEntry {
  etag: string | null;
  lastModified: string | null;
  contentType: string | null;
  body: string;
}

/** Where validators are kept between runs; a Map works, and the caller may persist it. */
export interface HttpCache {
  get(url: string): CacheEntry | undefined;
  set(url: string, entry: CacheEntry): void;
}

/**
 * Requests in flight at once over all servers unless told otherwise. Under politeness a request
 * holds its connection for the server's answer (hundreds of ms on a real portal) and each server
 * gets one request a second at most, so a small budget, not politeness, bounds a crawl of many
 * portals: with answers taking about 200 ms, 16 connections read at most about 80 pages a second
 * however many portals wait (measured: 66 on 128 farm portals whose bound is 97); 256 keep a
 * province's portals, and the national pass's, at their politeness bound. Sockets wait in the per-server
 * queues, not here, so a large budget costs nothing while servers are idle.
 */
export const GLOBAL_CONNECTIONS = 256;

export interface FetcherOptions {
  /** Sent on every request; see crawlerUserAgent. */
  userAgent: string;
  /**
   * Origins (scheme, host and port, as URL.origin writes them) that may be fetched: those registered
   * for units, see admittedOrigins. Another port or scheme of a registered host is refused.
   */
  allowedOrigins: ReadonlySet<string>;
  /** Allow loopback addresses (the portal simulator, tests). Private ranges stay refused. */
  allowLoopback?: boolean;
  /** Requests in flight at once, over all servers: the global connection budget (GLOBAL_CONNECTIONS). */
  concurrency?: number;
  /** Requests in flight at once to one server (see `politeness`). */
  perHostConcurrency?: number;
  /** Least time between two request starts to one server; robots.txt Crawl-delay can raise it. */
  perHostDelayMs?: number;
  /**
   * What one politeness budget (delay and concurrency) covers: "server" (default) shares it between
   * the host names that resolve to the same address, as the sub-sites of one provincial platform
   * often do; "host" gives every host name its own.
   */
  politeness?: Politeness;
  /**
   * Where host names point, instead of the system resolver (the portal simulator gives its own so
   * that its host names land on several loopback addresses). The address checks still apply.
   */
  resolve?: Resolver;
  /** Time for one attempt, headers and body together. */
  timeoutMs?: number;
  /** Extra attempts after a 5xx, a timeout, a network error or a 429. */
  retries?: number;
  /** First backoff; doubled on each further attempt. */
  backoffMs?: number;
  /** Largest body accepted, after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** A Retry-After longer than this ends the attempt as rate_limited instead of waiting. */
  maxRetryAfterMs?: number;
  /** Upper bound for a robots.txt Crawl-delay. */
  maxCrawlDelayMs?: number;
  /**
   * How long a robots.txt read is kept before it is read again (RFC 9309 §2.4: at most a day), and
   * how long one that could not be read is: a worker lives for weeks, and must neither follow last
   * month's rules nor keep reporting a portal's passing outage.
   */
  robotsFreshMs?: number;
  robotsRetryMs?: number;
  /**
   * Hosts whose connections, robots.txt and politeness state are kept; the least recently used idle
   * host beyond this is forgotten (a crawl of thousands of portals needs few at a time).
   */
  maxHosts?: number;
  cache?: HttpCache;
  /**
   * Politeness shared with other processes (distributed workers): before each request the fetcher
   * reserves a start time for the origin and waits until then, on top of its own per-host gate.
   */
  hostSlots?: HostSlots;
}

/** Reserves request start times per server across processes; see src/services/crawl-jobs.ts. */
export interface HostSlots {
  /** Returns the instant (epoch ms) at which a request to `server` may start, `delayMs` after the previous one. */
  reserve(server: string, delayMs: number): Promise<number>;
}

export type Politeness = 'server' | 'host';
export const POLITENESS: readonly Politeness[] = ['server', 'host'];

export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** A form posted back instead of a GET (ASP.NET WebForms pagers): fields in order, URL-encoded. */
export interface FormPost {
  form: readonly (readonly [string, string])[];
}

/** Counters for the benchmark and the run log. */
export interface FetchStats {
  requests: number;
  robotsRequests: number;
  retries: number;
  notModified: number;
  bytes: number;
}

/** The product token robots.txt groups are matched against. */
export const ROBOTS_TOKEN = 'portal-scorecard';

/**
 * The origins a registered URL lets the crawler fetch: its own scheme, host and port; on the default
 * port also the same host over the other of http and https, since portals move between the two by
 * redirect. A port the registration does not name is never admitted.
 */
export function admittedOrigins(url: string): string[] {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return [];
  if (parsed.port !== '') return [parsed.origin];
  return [`http://${parsed.host}`, `https://${parsed.host}`];
}

/** A User-Agent webmasters can recognise and allow-list, with a way to reach the operator. */
export function crawlerUserAgent(contact: string, version = '0.1'): string {
  return `Mozilla/5.0 (compatible; ${ROBOTS_TOKEN}/${version}; +${contact})`;
}

// robots-parser is CommonJS (`module.exports = fn`) but its types declare a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ETIMEDOUT']);

type Attempt =
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer | null }
  | { kind: 'failure'; failure: FetchFailure; message: string; retryable: boolean };

/** One politeness budget: a server address, or a host name with politeness "host". */
interface ServerState {
  key: string;
  gate: HostGate;
  /** Origins kept that point here: a server still referenced is never forgotten. */
  hosts: number;
}

/** Where an origin's host name points, found once; a failure ends every fetch of the origin. */
type Resolution =
  | { ok: true; server: ServerState; addresses: ResolvedAddress[] }
  | { ok: false; failure: FetchFailure; message: string };

/** What the fetcher keeps per origin (scheme, host and port). */
interface HostState {
  origin: string;
  hostname: string;
  resolution: Promise<Resolution> | null;
  /** Set once resolved; connections go to the addresses that were checked, never a second answer. */
  server: ServerState | null;
  pool: Dispatcher | null;
  robots: Promise<Robots> | null;
  /** When `robots` is to be read again (Infinity while it is being read). */
  robotsUntil: number;
  /** Fetches using this origin now: a host in use is never forgotten. */
  users: number;
}

interface Robots {
  allowed(url: string): boolean | null;
  /** Set when robots.txt could not be read and, per RFC 9309 §2.3.1.4, nothing may be fetched. */
  unreachable: { failure: FetchFailure; message: string } | null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

export class Fetcher {
  readonly stats: FetchStats = { requests: 0, robotsRequests: 0, retries: 0, notModified: 0, bytes: 0 };
  private readonly global: Semaphore;
  /** Per-origin state in least-recently-used order (a Map iterates in insertion order). */
  private readonly hosts = new Map<string, HostState>();
  /** Politeness budgets by server address (or host name). */
  private readonly servers = new Map<string, ServerState>();
  private readonly lookup: LookupFunction;
  private readonly o: Required<Omit<FetcherOptions, 'cache' | 'hostSlots' | 'resolve'>> & {
    cache: HttpCache | null;
    hostSlots?: HostSlots;
    resolve?: Resolver;
  };

  constructor(options: FetcherOptions) {
    this.o = {
      allowLoopback: false,
      concurrency: GLOBAL_CONNECTIONS,
      perHostConcurrency: 2,
      perHostDelayMs: 250,
      politeness: 'server',
      timeoutMs: 15_000,
      retries: 2,
      backoffMs: 500,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      maxRetryAfterMs: 60_000,
      maxCrawlDelayMs: 10_000,
      robotsFreshMs: 24 * 60 * 60_000,
      robotsRetryMs: 5 * 60_000,
      maxHosts: 256,
      ...options,
      cache: options.cache ?? null,
    };
    this.global = new Semaphore(this.o.concurrency);
    this.lookup = guardedLookup(this.o.allowLoopback);
  }

  async close(): Promise<void> {
    const pools = [...this.hosts.values()].flatMap((h) => (h.pool ? [h.pool.close()] : []));
    this.hosts.clear();
    this.servers.clear();
    await Promise.all(pools);
  }

  /** The origin's state, marked as in use until `users` is decremented. */
  private acquire(origin: string): HostState {
    let state = this.hosts.get(origin);
    if (state) {
      this.hosts.delete(origin);
    } else {
      state = { origin, hostname: new URL(origin).hostname.toLowerCase(), resolution: null, server: null, pool: null, robots: null, robotsUntil: 0, users: 0 };
    }
    this.hosts.set(origin, state);
    state.users++;
    if (this.hosts.size > this.o.maxHosts) {
      for (const [key, idle] of this.hosts) {
        if (this.hosts.size <= this.o.maxHosts) break;
        if (idle.users > 0) continue;
        this.hosts.delete(key);
        void idle.pool?.close();
        if (idle.server) this.forgetServer(idle.server);
      }
    }
    return state;
  }

  /** Drops a server no origin points to once its delay has run out (so forgetting it is still polite). */
  private forgetServer(server: ServerState): void {
    server.hosts--;
    if (server.hosts <= 0 && server.gate.idle(Date.now())) this.servers.delete(server.key);
  }

  /** The delay held between requests to one server (or host, with politeness "host"). */
  get delayMs(): number {
    return this.o.perHostDelayMs;
  }

  /**
   * The politeness budget a URL's host falls under (its server's address, or its name), without
   * keeping anything: for callers that order their work by server. A name that does not resolve is
   * its own budget (its fetches will fail and say why).
   */
  async serverKeyOf(url: string): Promise<string> {
    let hostname: string;
    try {
      hostname = new URL(url).hostname.toLowerCase();
    } catch {
      return url;
    }
    if (this.o.politeness === 'host' || (this.o.resolve === undefined && isLocalhostName(hostname))) return hostname;
    const answer = await this.addressesOf(hostname);
    return answer.ok ? [...answer.addresses].map((a) => a.address).sort()[0]! : hostname;
  }

  /** Resolves the origin's host once: its politeness budget and the addresses its connections use. */
  private resolveHost(host: HostState): Promise<Resolution> {
    host.resolution ??= this.addressesOf(host.hostname).then((answer): Resolution => {
      // A failed lookup is not kept: DNS fails for a while, and a worker lives for weeks.
      if (!answer.ok) {
        host.resolution = null;
        return answer;
      }
      const addresses = answer.addresses;
      // Names under .localhost never reach DNS (RFC 6761): they say nothing about which server answers.
      const byName = this.o.politeness === 'host' || (this.o.resolve === undefined && isLocalhostName(host.hostname));
      const key = byName ? host.hostname : [...addresses].map((a) => a.address).sort()[0]!;
      let server = this.servers.get(key);
      if (!server) {
        server = { key, gate: new HostGate(this.o.perHostConcurrency, this.o.perHostDelayMs), hosts: 0 };
        this.servers.set(key, server);
      }
      server.hosts++;
      host.server = server;
      // The connection goes to the addresses just checked: a second DNS answer cannot differ.
      const pinned: LookupFunction = (_name, options, callback) => {
        if ((options as { all?: boolean }).all === true) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      };
      // One request at a time needs one connection: a Client, without the pool's 2,048-slot queue
      // (16 KB per host, which thousands of hosts in flight would feel).
      const connection = { keepAliveTimeout: 4_000, connect: { lookup: pinned } };
      host.pool = this.o.perHostConcurrency === 1
        ? new Client(host.origin, connection)
        : new Pool(host.origin, { ...connection, connections: this.o.perHostConcurrency });
      return { ok: true, server, addresses };
    });
    return host.resolution;
  }

  /** The host's addresses through the configured resolver, refused when the address policy says so. */
  private addressesOf(hostname: string): Promise<{ ok: true; addresses: ResolvedAddress[] } | { ok: false; failure: FetchFailure; message: string }> {
    const refused = (error: unknown): { ok: false; failure: FetchFailure; message: string } => {
      const code = errorCode(error);
      if (code === 'ERR_ADDRESS_REFUSED') return { ok: false, failure: 'address_refused', message: (error as Error).message };
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return { ok: false, failure: 'dns_failed', message: `${hostname}: ${code}` };
      return { ok: false, failure: 'dns_failed', message: `${hostname}: ${error instanceof Error ? error.message : String(error)}` };
    };
    const literal = hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) return Promise.resolve({ ok: true, addresses: [{ address: literal, family: isIP(literal) }] });
    if (this.o.resolve) {
      return this.o.resolve(hostname).then(
        (addresses) => {
          if (addresses.length === 0) return refused(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }));
          for (const a of addresses) {
            const kind = classifyAddress(a.address);
            if (!addressAllowed(kind, this.o.allowLoopback)) return refused(new AddressRefusedError(hostname, a.address, kind));
          }
          return { ok: true, addresses };
        },
        refused,
      );
    }
    return new Promise((resolve) => {
      this.lookup(hostname, { all: true }, (error, addresses) => {
        if (error) resolve(refused(error));
        else resolve({ ok: true, addresses: addresses as unknown as ResolvedAddress[] });
      });
    });
  }

  /**
   * GETs a URL (or POSTs a form back to it), following redirects within the rules; robots.txt is
   * consulted for every hop. A redirect after a post is fetched with GET, as browsers do.
   */
  async fetch(url: string, post?: FormPost): Promise<FetchResult> {
    const seen = new Set<string>();
    let current = url;
    let form = post ? new URLSearchParams(post.form.map(([k, v]) => [k, v])).toString() : null;
    for (let hop = 0; ; hop++) {
      const refused = this.refuse(current);
      if (refused) return refused;
      const target = new URL(current);
      current = target.href;
      seen.add(current);
      // A post's answer depends on its form: never answered from, nor stored in, the GET cache.
      const cached = form === null ? this.o.cache?.get(current) : undefined;
      const host = this.acquire(target.origin);
      let attempt: Attempt;
      try {
        const resolution = await this.resolveHost(host);
        if (!resolution.ok) return { ok: false, url: current, failure: resolution.failure, message: resolution.message };
        const robots = await this.robotsOf(target, host);
        if (robots.unreachable !== null) return { ok: false, url: current, ...robots.unreachable };
        if (robots.allowed(current) === false) {
          return { ok: false, url: current, failure: 'robots_disallowed', message: `robots.txt không cho phép đọc ${current}` };
        }
        attempt = await this.attempt(host, current, cached, form);
      } finally {
        host.users--;
      }
      if (attempt.kind === 'failure') return { ok: false, url: current, failure: attempt.failure, message: attempt.message };
      const { status, headers } = attempt;
      if (REDIRECT_STATUS.has(status)) {
        const location = header(headers, 'location');
        if (location === null) {
          return { ok: false, url: current, failure: 'http_error', status, message: `HTTP ${status} mà không có địa chỉ chuyển tới (Location)` };
        }
        const next = new URL(location, current);
        next.hash = '';
        if (seen.has(next.href) || hop + 1 > this.o.maxRedirects) {
          const why = seen.has(next.href) ? 'chuyển hướng lặp vòng' : `quá ${this.o.maxRedirects} lần chuyển hướng`;
          return { ok: false, url, failure: 'too_many_redirects', message: `${why} tại ${next.href}` };
        }
        current = next.href;
        form = null;
        continue;
      }
      if (status === 304 && cached) {
        this.stats.notModified++;
        return { ok: true, url: current, status, contentType: cached.contentType, body: cached.body, notModified: true };
      }
      if (status === 429) {
        return { ok: false, url: current, failure: 'rate_limited', status, message: 'HTTP 429: máy chủ yêu cầu đọc chậm lại' };
      }
      if (status < 200 || status > 299) {
        return { ok: false, url: current, failure: 'http_error', status, message: `HTTP ${status}` };
      }
      const contentType = header(headers, 'content-type');
      const body = decodeBody(attempt.bytes ?? Buffer.alloc(0), contentType).text;
      const etag = header(headers, 'etag');
      const lastModified = header(headers, 'last-modified');
      if (this.o.cache && post === undefined && (etag !== null || lastModified !== null)) {
        this.o.cache.set(current, { etag, lastModified, contentType, body });
      }
      return { ok: true, url: current, status, contentType, body, notModified: false };
    }
  }

  /** Checks that happen before any traffic: scheme, registered host, IP literal ranges. */
  private refuse(url: string): FetchResult | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, url, failure: 'invalid_url', message: `không phải địa chỉ web: ${url}` };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return { ok: false, url, failure: 'invalid_url', message: `chỉ đọc địa chỉ http và https: ${url}` };
    }
    if (!this.o.allowedOrigins.has(parsed.origin)) {
      return { ok: false, url, failure: 'host_not_allowed', message: `${parsed.origin} không thuộc cổng nào đã đăng ký` };
    }
    // Literal addresses never pass through the lookup, so they are checked here.
    const literal = parsed.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const kind = classifyAddress(literal);
      if (!addressAllowed(kind, this.o.allowLoopback)) {
        return { ok: false, url, failure: 'address_refused', message: `${literal} là địa chỉ ${ADDRESS_KIND_LABELS[kind]}` };
      }
    }
    return null;
  }

  /** The origin's robots.txt, read once and kept for robotsFreshMs (robotsRetryMs when it could not be read). */
  private robotsOf(site: URL, host: HostState): Promise<Robots> {
    if (host.robots !== null && Date.now() < host.robotsUntil) return host.robots;
    const loading = this.loadRobots(site, host);
    host.robots = loading;
    host.robotsUntil = Infinity;
    void loading.then(
      (robots) => {
        if (host.robots === loading) host.robotsUntil = Date.now() + (robots.unreachable === null ? this.o.robotsFreshMs : this.o.robotsRetryMs);
      },
      // A fault of ours (the database away while reserving the request's slot) says nothing about
      // the portal: forgotten at once, or every later job of this worker on the portal would fail.
      () => {
        if (host.robots === loading) host.robots = null;
      },
    );
    return loading;
  }

  /**
   * RFC 9309: 2xx is parsed, 4xx allows everything, 5xx or no answer disallows everything (the
   * portal's pages are then reported with the reason robots.txt could not be read).
   */
  private async loadRobots(site: URL, host: HostState): Promise<Robots> {
    const robotsUrl = `${site.origin}/robots.txt`;
    let current = robotsUrl;
    for (let hop = 0; hop <= this.o.maxRedirects; hop++) {
      this.stats.robotsRequests++;
      // A redirect to another origin is read through that origin's connections.
      const target = new URL(current);
      const via = target.origin === site.origin ? host : this.acquire(target.origin);
      let attempt: Attempt;
      try {
        const resolution = await this.resolveHost(via);
        attempt = resolution.ok
          ? await this.attempt(via, current, undefined)
          : { kind: 'failure', failure: resolution.failure, message: resolution.message, retryable: false };
      } finally {
        if (via !== host) via.users--;
      }
      if (attempt.kind === 'failure') {
        return { allowed: () => false, unreachable: { failure: attempt.failure, message: `robots.txt: ${attempt.message}` } };
      }
      const { status, headers } = attempt;
      const location = header(headers, 'location');
      if (REDIRECT_STATUS.has(status) && location !== null) {
        current = new URL(location, current).href;
        if (this.refuse(current)) break;
        continue;
      }
      if (status >= 200 && status <= 299) {
        const text = decodeBody(attempt.bytes ?? Buffer.alloc(0), header(headers, 'content-type')).text;
        const parsed = robotsParser(robotsUrl, text);
        const delay = parsed.getCrawlDelay(ROBOTS_TOKEN);
        if (delay !== undefined && delay > 0) {
          // One host's Crawl-delay holds for its whole server: the other names reach the same machine.
          const gate = host.server!.gate;
          gate.delayMs = Math.max(gate.delayMs, Math.min(delay * 1000, this.o.maxCrawlDelayMs));
        }
        return { allowed: (u) => parsed.isAllowed(u, ROBOTS_TOKEN) ?? null, unreachable: null };
      }
      if (status >= 400 && status <= 499 && status !== 429) return { allowed: () => true, unreachable: null };
      return {
        allowed: () => false,
        unreachable: { failure: 'robots_unreachable', message: `robots.txt trả lời HTTP ${status}` },
      };
    }
    // Too many redirects or off the registered hosts: "unavailable" in RFC 9309 §2.3.1.2, so allowed.
    return { allowed: () => true, unreachable: null };
  }

  /** One URL with retries: backoff on 5xx, timeouts and network errors; Retry-After on 429. */
  private async attempt(host: HostState, url: string, cached: CacheEntry | undefined, form: string | null = null): Promise<Attempt> {
    const server = host.server!;
    const { gate } = server;
    let last: Attempt | null = null;
    for (let i = 0; i <= this.o.retries; i++) {
      if (i > 0) this.stats.retries++;
      // Politeness first, then a connection slot: a server's delay never holds a global slot idle.
      await gate.enter();
      let result: Attempt;
      try {
        try {
          if (this.o.hostSlots) {
            const startAt = await this.o.hostSlots.reserve(server.key, gate.delayMs);
            if (startAt > Date.now()) await sleep(startAt - Date.now());
          }
          await this.global.acquire();
        } finally {
          gate.started();
        }
        try {
          result = await this.once(host.pool!, url, cached, form);
        } finally {
          this.global.release();
        }
      } finally {
        gate.leave();
      }
      last = result;
      if (i === this.o.retries) break;
      if (result.kind === 'failure') {
        if (!result.retryable) return result;
        await sleep(this.o.backoffMs * 2 ** i);
        continue;
      }
      if (result.status === 429) {
        const wait = retryAfterMs(header(result.headers, 'retry-after')) ?? this.o.backoffMs * 2 ** i;
        if (wait > this.o.maxRetryAfterMs) return result;
        gate.pauseUntil(Date.now() + wait);
        continue;
      }
      if (!RETRYABLE_STATUS.has(result.status)) return result;
      await sleep(this.o.backoffMs * 2 ** i);
    }
    return last!;
  }

  /** A single request; the body is read (and capped) only for 2xx answers. */
  private async once(pool: Dispatcher, url: string, cached: CacheEntry | undefined, form: string | null): Promise<Attempt> {
    this.stats.requests++;
    const headers: Record<string, string> = {
      'user-agent': this.o.userAgent,
      accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5',
      'accept-language': 'vi,en;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    if (form !== null) headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    const signal = AbortSignal.timeout(this.o.timeoutMs);
    try {
      const response = await request(url, { method: form === null ? 'GET' : 'POST', headers, body: form ?? undefined, dispatcher: pool, signal });
      const { statusCode, headers: responseHeaders, body } = response;
      if (statusCode < 200 || statusCode > 299) {
        await body.dump();
        return { kind: 'response', status: statusCode, headers: responseHeaders, bytes: null };
      }
      const declared = Number(header(responseHeaders, 'content-length') ?? NaN);
      if (declared > this.o.maxBytes) {
        body.destroy();
        return { kind: 'failure', failure: 'too_large', message: `${declared} byte, vượt giới hạn ${this.o.maxBytes} byte`, retryable: false };
      }
      const bytes = await this.readCapped(body, header(responseHeaders, 'content-encoding'));
      if (bytes === null) {
        return { kind: 'failure', failure: 'too_large', message: `nội dung vượt giới hạn ${this.o.maxBytes} byte`, retryable: false };
      }
      this.stats.bytes += bytes.length;
      return { kind: 'response', status: statusCode, headers: responseHeaders, bytes };
    } catch (error) {
      if (signal.aborted) {
        return { kind: 'failure', failure: 'timeout', message: `không nhận đủ câu trả lời trong ${this.o.timeoutMs} ms`, retryable: true };
      }
      const code = errorCode(error);
      if (code === 'ERR_ADDRESS_REFUSED') {
        return { kind: 'failure', failure: 'address_refused', message: (error as Error).message, retryable: false };
      }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return { kind: 'failure', failure: 'dns_failed', message: `${new URL(url).hostname}: ${code}`, retryable: code === 'EAI_AGAIN' };
      }
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'failure', failure: 'network', message: code ? `${code}: ${message}` : message, retryable: code !== undefined && RETRYABLE_CODES.has(code) };
    }
  }

  /** Reads the body through its Content-Encoding, stopping at maxBytes (null when over). */
  private async readCapped(body: Readable, encoding: string | null): Promise<Buffer | null> {
    const decoders: Record<string, () => NodeJS.ReadWriteStream> = {
      gzip: createGunzip,
      'x-gzip': createGunzip,
      deflate: createInflate,
      br: createBrotliDecompress,
    };
    const make = encoding ? decoders[encoding.trim().toLowerCase()] : undefined;
    const stream: Readable = make ? (body.pipe(make()) as unknown as Readable) : body;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > this.o.maxBytes) {
        body.destroy();
        stream.destroy();
        return null;
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks, size);
  }
}
