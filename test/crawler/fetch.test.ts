import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import { classifyAddress, isLocalhostName } from '../../src/crawler/address.js';
import { decodeBody, encodeWindows1258 } from '../../src/crawler/charset.js';
import { Fetcher, admittedOrigins, crawlerUserAgent, retryAfterMs, type CacheEntry, type FetcherOptions } from '../../src/crawler/fetch.js';
import { HostGate } from '../../src/crawler/gate.js';

test('address classes: loopback, private, link-local, mapped IPv6, public', () => {
  assert.equal(classifyAddress('127.0.0.1'), 'loopback');
  assert.equal(classifyAddress('127.31.4.5'), 'loopback');
  assert.equal(classifyAddress('::1'), 'loopback');
  assert.equal(classifyAddress('10.1.2.3'), 'private');
  assert.equal(classifyAddress('172.20.0.1'), 'private');
  assert.equal(classifyAddress('192.168.1.1'), 'private');
  assert.equal(classifyAddress('169.254.169.254'), 'private');
  assert.equal(classifyAddress('100.64.0.1'), 'private');
  assert.equal(classifyAddress('fe80::1'), 'private');
  assert.equal(classifyAddress('fd00::1'), 'private');
  assert.equal(classifyAddress('::ffff:10.0.0.1'), 'private');
  assert.equal(classifyAddress('::ffff:127.0.0.1'), 'loopback');
  assert.equal(classifyAddress('14.225.0.1'), 'public');
  assert.equal(classifyAddress('2001:4860::1'), 'public');
  assert.ok(isLocalhostName('p0001.farm.localhost'));
  assert.ok(!isLocalhostName('localhost.bacninh.gov.vn'));
});

test('special-purpose IPv6 and IPv4 ranges are never public, in every way they are written', () => {
  const cases: [string, string][] = [
    ['::', 'private'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:192.168.1.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    // IPv4-compatible (deprecated): the resolver writes them dotted, URLs in hexadecimal.
    ['::127.0.0.1', 'private'],
    ['::8.8.8.8', 'private'],
    ['::7f00:1', 'private'],
    ['fe80::1', 'private'],
    ['fe80::1%eth0', 'private'],
    ['febf::1', 'private'],
    ['fec0::1', 'private'],
    ['fc00::1', 'private'],
    ['fdff:ffff::1', 'private'],
    ['ff02::1', 'private'],
    ['64:ff9b::7f00:1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::1', 'private'],
    ['2001::1', 'private'],
    ['2001:db8::1', 'private'],
    ['2001:db8:ffff::1', 'private'],
    ['100::1', 'private'],
    ['2405:4800:102::1', 'public'],
    ['0.0.0.0', 'private'],
    ['255.255.255.255', 'private'],
    ['192.0.2.10', 'private'],
    ['198.18.0.1', 'private'],
    ['100.100.100.100', 'private'],
    ['14.225.0.1', 'public'],
  ];
  assert.deepEqual(cases.map(([address]) => [address, classifyAddress(address)]), cases);
});

test('a registered URL admits its own scheme, host and port; on the default port both http and https', () => {
  assert.deepEqual(admittedOrigins('https://Cong.BacNinh.gov.vn/tin-tuc'), ['http://cong.bacninh.gov.vn', 'https://cong.bacninh.gov.vn']);
  assert.deepEqual(admittedOrigins('http://cong.bacninh.gov.vn:8080/'), ['http://cong.bacninh.gov.vn:8080']);
  assert.deepEqual(admittedOrigins('http://[2405:4800::1]/'), ['http://[2405:4800::1]', 'https://[2405:4800::1]']);
  assert.deepEqual(admittedOrigins('ftp://cong.bacninh.gov.vn/'), []);

});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
  assert.equal(retryAfterMs('soon'), null);
  assert.equal(retryAfterMs(null), null);
});

test('charset: header, meta, BOM, and undeclared windows-1258 are decoded to NFC', () => {
  const title = 'Thông báo kết quả tuyển dụng viên chức năm 2024 – Sở Nội vụ';
  const legacy = encodeWindows1258(title);
  // The code page stores "ế" as e-circumflex + combining acute, so the raw decode is not NFC.
  assert.notEqual(iconv.decode(legacy, 'windows-1258'), title);
  assert.equal(decodeBody(legacy, 'text/html; charset=windows-1258').text, title);
  const page = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><p>'), legacy]);
  assert.deepEqual(decodeBody(page, 'text/html'), { text: `<meta http-equiv="Content-Type" content="text/html; charset=windows-1258"><p>${title}`, charset: 'windows-1258' });
  assert.equal(decodeBody(legacy, null).charset, 'windows-1258');
  assert.equal(decodeBody(Buffer.from(`\ufeff${title}`, 'utf8'), 'text/html; charset=windows-1258').text, title);
  assert.equal(decodeBody(Buffer.from(title.normalize('NFD'), 'utf8'), null).text, title);
  const letters = 'aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ';
  const alphabet = letters + letters.toUpperCase();
  assert.equal(decodeBody(encodeWindows1258(alphabet), 'text/html; charset=windows-1258').text, alphabet);
});

test('HostGate: one at a time with the delay between starts', async () => {
  const gate = new HostGate(1, 40);
  const starts: number[] = [];
  await Promise.all([0, 1, 2].map(async () => {
    await gate.enter();
    gate.started();
    starts.push(Date.now());
    await new Promise((r) => setTimeout(r, 5));
    gate.leave();
  }));
  assert.ok(starts[1]! - starts[0]! >= 38 && starts[2]! - starts[1]! >= 38, `starts ${starts.join(',')}`);
});

// A small server for what the farm does not show: headers sent, bodies without Content-Length.
let port = 0;
const seen: IncomingHttpHeaders[] = [];
const routes: Record<string, RequestListener> = {
  '/robots.txt': (_q, r) => r.writeHead(404).end(),
  '/page': (q, r) => {
    if (q.headers['if-none-match'] === '"v1"') return void r.writeHead(304, { etag: '"v1"' }).end();
    r.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' }).end('<p>Trang một</p>');
  },
  '/chunked-big': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 40; i++) r.write('x'.repeat(1024));
    r.end();
  },
  '/to-other-port': (_q, r) => r.writeHead(302, { location: `http://local.localhost:${otherPort}/page` }).end(),
  '/to-private': (_q, r) => r.writeHead(302, { location: 'http://10.0.0.7/' }).end(),
  '/to-unique-local': (_q, r) => r.writeHead(301, { location: `http://[fc00::1]:${port}/page` }).end(),
  '/to-nat64': (_q, r) => r.writeHead(307, { location: `http://[64:ff9b::7f00:1]:${port}/page` }).end(),
  '/to-compatible': (_q, r) => r.writeHead(302, { location: `http://[::127.0.0.1]:${port}/page` }).end(),
  '/hop': (q, r) => {
    const n = Number(new URL(q.url!, 'http://x').searchParams.get('n') ?? 0);
    r.writeHead(302, { location: `/hop?n=${n + 1}` }).end();
  },
};
const arrivals: { host: string; path: string; at: number }[] = [];
let flakyRobots = 0;
const server = createServer((q, r) => {
  seen.push(q.headers);
  const path = new URL(q.url!, 'http://x').pathname;
  arrivals.push({ host: q.headers.host ?? '', path, at: Date.now() });
  if (path === '/robots.txt' && q.headers.host?.startsWith('flaky.localhost')) {
    // Down for its first answer, as a portal is for a while.
    return void (flakyRobots++ === 0 ? r.writeHead(503).end() : r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n'));
  }
  if (path === '/robots.txt' && q.headers.host?.startsWith('polite.localhost')) {
    return void r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 0.3\n');
  }
  (routes[path] ?? ((_q, res) => res.writeHead(404).end()))(q, r);
});
// Another port of the same host, never registered: whatever reaches it is counted.
let otherPort = 0;
let otherHits = 0;
const other = createServer((_q, r) => {
  otherHits++;
  r.writeHead(200, { 'content-type': 'text/html' }).end('<p>Cổng khác</p>');
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherPort = (other.address() as AddressInfo).port;
});
after(() => {
  server.close();
  other.close();
});

/** What the tests register: the test server's names on its port, and literal addresses. */
const registered = () => [
  ...['local.localhost', 'polite.localhost', 'flaky.localhost', '127.0.0.1', '[fc00::1]', '[64:ff9b::7f00:1]', '[::127.0.0.1]', '[::1]', '[::ffff:127.0.0.1]'].map((h) => `http://${h}:${port}`),
  ...['10.0.0.7', '169.254.169.254', '[::]', '[fe80::1]', '[2001:db8::1]', '[2002:a00:1::1]'].map((h) => `http://${h}`),
];

function fetcher(options: Partial<FetcherOptions> = {}): Fetcher {
  return new Fetcher({
    userAgent: crawlerUserAgent('mailto:cong-ttdt@bacninh.gov.vn'),
    allowedOrigins: new Set(registered().flatMap(admittedOrigins)),
    allowLoopback: true,
    perHostDelayMs: 0,
    backoffMs: 5,
    ...options,
  });
}

test('named User-Agent with contact; conditional GET answers 304 from the cache', async () => {
  const cache = new Map<string, CacheEntry>();
  const f = fetcher({ cache });
  const url = `http://local.localhost:${port}/page`;
  const first = await f.fetch(url);
  const second = await f.fetch(url);
  await f.close();
  assert.ok(first.ok && second.ok);
  assert.deepEqual([first.notModified, second.notModified, second.body], [false, true, '<p>Trang một</p>']);
  assert.equal(f.stats.notModified, 1);
  const last = seen.at(-1)!;
  assert.equal(last['user-agent'], 'Mozilla/5.0 (compatible; portal-scorecard/0.1; +mailto:cong-ttdt@bacninh.gov.vn)');
  assert.equal(last['if-none-match'], '"v1"');
});

test('size cap holds for bodies without Content-Length', async () => {
  const f = fetcher({ maxBytes: 16 * 1024 });
  const r = await f.fetch(`http://local.localhost:${port}/chunked-big`);
  await f.close();
  assert.equal(r.ok ? 'ok' : r.failure, 'too_large');
});

test('redirects are bounded', async () => {
  const f = fetcher({ maxRedirects: 3 });
  const r = await f.fetch(`http://local.localhost:${port}/hop`);
  await f.close();
  assert.ok(!r.ok);
  assert.equal(r.failure, 'too_many_redirects');
  assert.match(r.message, /quá 3 lần chuyển hướng/);
});

test('SSRF: loopback refused without allowLoopback, private always, unregistered hosts never fetched', async () => {
  const strict = fetcher({ allowLoopback: false });
  const viaName = await strict.fetch(`http://local.localhost:${port}/page`);
  const viaLiteral = await strict.fetch(`http://127.0.0.1:${port}/page`);
  await strict.close();
  assert.deepEqual([viaName.ok || viaName.failure, viaLiteral.ok || viaLiteral.failure], ['address_refused', 'address_refused']);
  const loose = fetcher();
  const before = seen.length;
  const results = await Promise.all([
    loose.fetch('http://10.0.0.7/'),
    loose.fetch('http://169.254.169.254/latest/meta-data/'),
    loose.fetch('http://evil.example/'),
    loose.fetch('file:///etc/passwd'),
  ]);
  await loose.close();
  assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.failure)), ['address_refused', 'address_refused', 'host_not_allowed', 'invalid_url']);
  assert.equal(loose.stats.requests, 0);
  assert.equal(seen.length, before);
});

test('the allowlist matches the port: another port of a registered host is refused, directly or by redirect', async () => {
  const f = fetcher();
  const direct = await f.fetch(`http://local.localhost:${otherPort}/page`);
  const redirected = await f.fetch(`http://local.localhost:${port}/to-other-port`);
  const registeredPort = await f.fetch(`http://local.localhost:${port}/page`);
  await f.close();
  assert.deepEqual([direct.ok || direct.failure, redirected.ok || redirected.failure, registeredPort.ok], ['host_not_allowed', 'host_not_allowed', true]);
  assert.ok(!redirected.ok && redirected.message.includes(`:${otherPort}`), String(!redirected.ok && redirected.message));
  assert.equal(otherHits, 0);
});

test('redirects to a refused address are refused before any request reaches it', async () => {
  const f = fetcher();
  const paths = ['/to-private', '/to-unique-local', '/to-nat64', '/to-compatible'];
  const from = arrivals.length;
  const results = await Promise.all(paths.map((path) => f.fetch(`http://local.localhost:${port}${path}`)));
  await f.close();
  assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.failure)), paths.map(() => 'address_refused'));
  // The redirect targets were never asked for (the test server answers every address it listens on).
  assert.deepEqual(arrivals.slice(from).map((a) => a.path).filter((p) => p !== '/robots.txt').sort(), [...paths].sort());
});

test('IPv6 literals in URLs: loopback only when allowed, special-purpose ranges never, no request sent', async () => {
  const strict = fetcher({ allowLoopback: false });
  const loopbacks = await Promise.all([`http://[::1]:${port}/page`, `http://[::ffff:127.0.0.1]:${port}/page`].map((u) => strict.fetch(u)));
  await strict.close();
  assert.deepEqual(loopbacks.map((r) => (r.ok ? 'ok' : r.failure)), ['address_refused', 'address_refused']);
  const loose = fetcher();
  const urls = ['http://[::]/', 'http://[fe80::1]/', `http://[fc00::1]:${port}/`, `http://[64:ff9b::7f00:1]:${port}/`, 'http://[2001:db8::1]/', 'http://[2002:a00:1::1]/', `http://[::127.0.0.1]:${port}/`];
  const results = await Promise.all(urls.map((u) => loose.fetch(u)));
  await loose.close();
  assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.failure)), urls.map(() => 'address_refused'));
  assert.equal(loose.stats.requests + loose.stats.robotsRequests + strict.stats.requests + strict.stats.robotsRequests, 0);
});

test('resolver answers in special-purpose IPv6 ranges are refused before any request', async () => {
  for (const address of ['::ffff:10.0.0.1', '::ffff:7f00:1', '::127.0.0.1', '64:ff9b::a00:1', 'fd00::1', 'fec0::1', '2002:a00:1::1', '::']) {
    const f = new Fetcher({
      userAgent: crawlerUserAgent('mailto:test@example.vn'),
      allowedOrigins: new Set(['http://cong.example.vn']),
      resolve: () => Promise.resolve([{ address, family: 6 }]),
    });
    const result = await f.fetch('http://cong.example.vn/');
    await f.close();
    assert.equal(result.ok ? 'ok' : result.failure, 'address_refused', address);
    assert.equal(f.stats.requests + f.stats.robotsRequests, 0);
  }
});

test('robots.txt Crawl-delay spaces the requests to that host', async () => {
  const f = fetcher({ perHostConcurrency: 2 });
  const url = `http://polite.localhost:${port}/page`;
  const results = await Promise.all([f.fetch(url), f.fetch(url), f.fetch(url)]);
  await f.close();
  assert.ok(results.every((r) => r.ok));
  const starts = arrivals.filter((a) => a.host.startsWith('polite.localhost') && a.path === '/page').map((a) => a.at);
  assert.equal(starts.length, 3);
  assert.ok(starts[1]! - starts[0]! >= 280 && starts[2]! - starts[1]! >= 280, `arrivals ${starts.join(',')}`);
});

test('a worker\'s fetcher does not keep a fault of its own, nor a portal\'s passing outage, for its whole life', async () => {
  // The database away while the request slot for robots.txt is reserved: that request fails, the next reads robots.txt again.
  let faults = 1;
  const slots = fetcher({
    hostSlots: {
      reserve: async () => {
        if (faults-- > 0) throw new Error('mất kết nối tới cơ sở dữ liệu');
        return Date.now();
      },
    },
  });
  const page = `http://local.localhost:${port}/page`;
  await assert.rejects(slots.fetch(page), /mất kết nối tới cơ sở dữ liệu/);
  const after = await slots.fetch(page);
  await slots.close();
  assert.ok(after.ok, JSON.stringify(after));

  // robots.txt answering 503 holds every page back for robotsRetryMs, then is read again.
  const f = fetcher({ robotsRetryMs: 200, retries: 0 });
  const url = `http://flaky.localhost:${port}/page`;
  const down = await f.fetch(url);
  assert.ok(!down.ok && down.failure === 'robots_unreachable', JSON.stringify(down));
  const stillDown = await f.fetch(url);
  assert.ok(!stillDown.ok && stillDown.failure === 'robots_unreachable', 'kept while fresh: no robots.txt request per page');
  await new Promise((resolve) => setTimeout(resolve, 250));
  const up = await f.fetch(url);
  const privatePage = await f.fetch(`http://flaky.localhost:${port}/private`);
  await f.close();
  assert.ok(up.ok, JSON.stringify(up));
  assert.ok(!privatePage.ok && privatePage.failure === 'robots_disallowed');
  assert.equal(flakyRobots, 2);
});
