/**
 * Portal sources and the crawl through the API: the sources file replaced and read back, all or nothing; the crawl's
 * measured results with their evidence; the cross-check; and who may see them.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { Farm } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import { runCrawl } from '../../src/services/crawl.js';
import { dbTest } from '../helpers/db.js';
import { seedUsers, signIn, startApp } from '../helpers/http.js';

/** Portal 2 answers 500 to every listing; 14 and 15 are clean. */
const farm = new Farm({ seed: 11, portals: 15, categories: 3, period: '2024-02', faults: true });
const PORTALS = [2, 14, 15];
/** The demo registry's names for the farm's portals; the editor edits Sở Y tế. */
const UNIT: Record<number, string> = { 2: 'Sở Nội vụ', 14: 'Sở Y tế', 15: 'Sở Tư pháp' };
let server: FarmServer;

before(async () => {
  server = await startFarm(farm);
});
after(async () => {
  await server.close();
});

function sourcesFile() {
  return { units: farm.sources(server.port, PORTALS).map((p, i) => ({ name: UNIT[PORTALS[i]!]!, portal: p.portal, categories: p.categories })) };
}
const portal = (i: number) => farm.portal(i)!;

interface SourcesBody {
  units: { unitId: string; name: string; portal: string; categories: { name: string; min: number; source: { type: string; url: string } }[] }[];
}
interface CrawlBody {
  units: {
    unitId: string;
    unitName: string;
    categories: { name: string; status: string; posts: number | null; daysSinceLatest: number | null; error: { reason: string } | null; evidence: { url: string; title: string }[] }[];
  }[];
}

dbTest('sources: PUT all or nothing (422 with problems), GET reads them back; crawl results with evidence; roles', async (db) => {
  const { units, province } = await seedUsers(db);
  const app = await startApp(db);
  try {
    const [admin, reviewer, editor, viewer] = await Promise.all([signIn(app, 'admin'), signIn(app, 'reviewer'), signIn(app, 'editor'), signIn(app, 'viewer')]);

    const bad = sourcesFile();
    bad.units[1]!.categories[0]!.name = 'Chuyên mục lạ';
    bad.units[2]!.categories[0]!.min = 0;
    const refused = await reviewer.request({ method: 'PUT', url: '/api/sources', payload: bad });
    assert.equal(refused.statusCode, 422, refused.body);
    const problems = (refused.json() as { error: { details: { problems: { column: string }[] } } }).error.details.problems;
    assert.ok(problems.some((p) => p.column === 'units[2].categories[0].min'), refused.body);
    assert.deepEqual((await reviewer.request({ method: 'GET', url: '/api/sources' })).json(), { units: [] });

    const put = await reviewer.request({ method: 'PUT', url: '/api/sources', payload: sourcesFile() });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual([put.json().units, put.json().categories], [3, 9]);
    const listed = (await admin.request({ method: 'GET', url: '/api/sources' })).json() as SourcesBody;
    // Listed in registry order, not the file's.
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    assert.deepEqual(
      listed.units.map(({ name, portal: address, categories }) => ({ name, portal: address, categories })).sort(byName),
      sourcesFile().units.sort(byName),
    );

    // Roles: viewers never; editors only their own unit; PUT is the board's.
    const own = units.find((u) => u.name === 'Sở Y tế')!.id;
    const other = listed.units.find((u) => u.unitId !== own)!.unitId;
    assert.equal((await viewer.request({ method: 'GET', url: '/api/sources' })).statusCode, 403);
    assert.equal((await viewer.request({ method: 'GET', url: '/api/periods/2024-02/crawl' })).statusCode, 403);
    assert.equal((await viewer.request({ method: 'GET', url: '/api/periods/2024-02/cross-check' })).statusCode, 403);
    assert.equal((await editor.request({ method: 'GET', url: `/api/sources?unitId=${other}` })).statusCode, 403);
    assert.equal((await editor.request({ method: 'GET', url: `/api/periods/2024-02/crawl?unitId=${other}` })).statusCode, 403);
    assert.deepEqual(((await editor.request({ method: 'GET', url: '/api/sources' })).json() as SourcesBody).units.map((u) => u.name), ['Sở Y tế']);
    assert.equal((await editor.request({ method: 'PUT', url: '/api/sources', payload: sourcesFile() })).statusCode, 403);

    await runCrawl(db.db, province.id, {
      periodId: '2024-02',
      allowLoopback: true,
      contact: 'mailto:test@example.vn',
      fetch: { timeoutMs: 2000, backoffMs: 10, perHostDelayMs: 0 },
    });
    const crawl = await reviewer.request({ method: 'GET', url: '/api/periods/2024-02/crawl' });
    assert.equal(crawl.statusCode, 200, crawl.body);
    const body = crawl.json() as CrawlBody;
    assert.deepEqual(body.units.map((u) => u.unitName).sort(), PORTALS.map((i) => UNIT[i]!).sort());
    for (const index of [14, 15]) {
      const p = portal(index);
      const unit = body.units.find((u) => u.unitName === UNIT[index])!;
      assert.deepEqual(unit.categories.map((c) => c.posts), p.categories.map((c) => farm.expectedPosts(p, c)));
      for (const c of unit.categories) {
        assert.equal(c.evidence.length, c.posts);
        assert.ok(c.evidence.every((e) => e.url.startsWith(`http://${p.host}:`) && e.title.length > 0));
        assert.equal(c.error, null);
      }
    }
    const failing = body.units.find((u) => u.unitName === UNIT[2])!;
    assert.deepEqual(failing.categories.map((c) => [c.status, c.posts, c.error?.reason]), portal(2).categories.map(() => ['unverified', null, 'http_error']));

    const editorCrawl = (await editor.request({ method: 'GET', url: '/api/periods/2024-02/crawl' })).json() as CrawlBody;
    assert.deepEqual(editorCrawl.units.map((u) => u.unitName), ['Sở Y tế']);
    const checks = await reviewer.request({ method: 'GET', url: '/api/periods/2024-02/cross-check' });
    assert.equal(checks.statusCode, 200, checks.body);
    // The demo month has no per-category statuses, so the cross-check is on the articles: Sở Y tế reported 69.
    const counted = portal(14).categories.reduce((n, c) => n + farm.expectedPosts(portal(14), c), 0);
    const cross = checks.json() as { units: { unitName: string; articles: { reported: number; counted: number | null; withinTolerance: boolean | null }; checks: string[] }[] };
    // The unit whose portal answered 500 is listed too, accused of nothing, with why its articles were not compared.
    const crossOf = (name: string) => cross.units.find((u) => u.unitName === name)!;
    assert.deepEqual(cross.units.map((u) => [u.unitName, u.articles]).sort(), [
      [UNIT[2], { reported: 24, counted: null, withinTolerance: null }],
      ['Sở Y tế', { reported: 69, counted, withinTolerance: false }],
    ].sort());
    assert.match(crossOf('Sở Y tế').checks.join('\n'), new RegExp(`\\(69\\).*\\(${counted}\\)`));
    assert.deepEqual(crossOf(UNIT[2]!).checks, [
      `Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chưa đọc được ${portal(2).categories.map((c) => `${c.name} (Cổng trả lời lỗi: HTTP 500)`).join('; ')}.`,
    ]);
    assert.equal((await reviewer.request({ method: 'GET', url: '/api/periods/2099-01/cross-check' })).statusCode, 404);
  } finally {
    await app.close();
  }
});
