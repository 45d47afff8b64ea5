/**
 * The farm's pagers that real platforms build without links: a pager drawn by script from a stated
 * totalItems (pages by number), an ASP.NET postback pager (the form posted back), and a JSON listing
 * endpoint the page's script calls. Every count exact and complete, with the fewest documents.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { crawlPortals, registeredOrigins, type PortalCrawl, type PortalSources } from '../../src/crawler/crawl.js';
import { Farm, SCRIPT_PAGER_KINDS } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import { Fetcher, crawlerUserAgent } from '../../src/crawler/fetch.js';

const farm = new Farm({ seed: 5, portals: 6, categories: 22, period: '2024-02', faults: false, scriptPagers: true });
let server: FarmServer;
let fetcher: Fetcher;
const results = new Map<string, PortalCrawl>();

before(async () => {
  server = await startFarm(farm);
  const sources: PortalSources[] = farm.sources(server.port);
  fetcher = new Fetcher({
    userAgent: crawlerUserAgent('mailto:test@example.vn'),
    allowedOrigins: registeredOrigins(sources),
    allowLoopback: true,
    perHostDelayMs: 0,
    timeoutMs: 10_000,
    concurrency: 24,
  });
  await crawlPortals(fetcher, sources, farm.window, { onPortal: (r) => void results.set(r.unit, r) });
});

after(async () => {
  await fetcher.close();
  await server.close();
});

test('script-built, postback and endpoint pagers: exact, complete, the fewest documents', () => {
  const seen = new Map<string, number>();
  for (let i = 1; i <= 6; i++) {
    const portal = farm.portal(i)!;
    const result = results.get(portal.unit)!;
    for (const fc of portal.categories) {
      const c = result.categories.find((x) => x.name === fc.name)!;
      const label = `${portal.unit} / ${fc.name} (${fc.kind})`;
      assert.equal(c.error, null, `${label}: ${c.error?.message}`);
      assert.equal(c.posts, farm.expectedPosts(portal, fc), label);
      assert.equal(c.complete, true, `${label}: ${c.basis}`);
      assert.equal(c.pages, farm.minimumRequests(portal, fc), label);
      if (SCRIPT_PAGER_KINDS.includes(fc.kind)) {
        seen.set(fc.kind, (seen.get(fc.kind) ?? 0) + 1);
        const expected = fc.kind === 'html-script' ? 'pages' : fc.kind === 'html-postback' ? 'postback' : 'endpoint';
        if (c.pages > 1) assert.deepEqual(c.pagers, [expected], label);
      }
    }
  }
  // Every kind met, and each followed past page 1 somewhere.
  assert.deepEqual([...seen.keys()].sort(), [...SCRIPT_PAGER_KINDS].sort());
  const followed = new Set([...results.values()].flatMap((r) => r.categories.flatMap((c) => c.pagers)));
  for (const kind of ['pages', 'postback', 'endpoint']) assert.ok(followed.has(kind as never), `${kind} followed`);
});

test('a postback without the page\'s state is refused by the farm, as ASP.NET refuses it', async () => {
  const portal = farm.portal(1)!;
  const c = portal.categories.find((x) => x.kind === 'html-postback') ?? farm.portal(2)!.categories.find((x) => x.kind === 'html-postback')!;
  const owner = portal.categories.includes(c) ? portal : farm.portal(2)!;
  const url = `${farm.baseUrl(owner, server.port)}/${c.slug}`;
  const answer = await fetcher.fetch(url, { form: [['__EVENTTARGET', 'ctl00$Main$pager'], ['__EVENTARGUMENT', 'Page$2'], ['__VIEWSTATE', 'forged']] });
  assert.deepEqual([answer.ok, answer.ok ? null : answer.failure], [false, 'http_error']);
});
