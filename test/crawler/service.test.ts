/**
 * Sources import, crawl runs recorded in the database, the report's measured figures and the
 * cross-check, on SQLite and PostgreSQL, against the portal farm.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { statusFor } from '../../src/crawler/crawl.js';
import { Farm } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import { AppError } from '../../src/errors.js';
import { periodDataStamp } from '../../src/db/repositories/stamps.js';
import { crossCheck, measuredForPeriod, runCrawl } from '../../src/services/crawl.js';
import { writePeriodEvaluations } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { listGroups, listUnits } from '../../src/services/registry.js';
import { getPeriodReport } from '../../src/services/report.js';
import { importSources, portalSources } from '../../src/services/sources.js';
import { spawnCli } from '../helpers/cli.js';
import { dbTest, openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { cliActor } from '../../src/services/audit.js';

/** Portal 2 answers 500 to every listing, portal 3 fails each URL once (503), 14 and 15 are clean. */
const farm = new Farm({ seed: 11, portals: 15, categories: 3, period: '2024-02', faults: true });
const PORTALS = [2, 3, 14, 15];
const GROUP = 'Các Sở, ban, ngành tỉnh';
let server: FarmServer;
const dir = mkdtempSync(join(tmpdir(), 'ps-crawl-'));

before(async () => {
  server = await startFarm(farm);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function sourcesFile() {
  return { units: farm.sources(server.port, PORTALS).map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories })) };
}

const portal = (i: number) => farm.portal(i)!;
const expectedPosts = (i: number) => portal(i).categories.map((c) => farm.expectedPosts(portal(i), c));

/** Every unit says all three categories are full; Sở Y tế has no sources. Gia Bình reports 999 articles. */
async function seedPeriod(db: TestDatabase): Promise<string> {
  const province = await resolveProvince(db.db);
  const names = [...PORTALS.map((i) => portal(i).unit), 'Sở Y tế'];
  await writePeriodEvaluations(db.db, {
    provinceId: province.id,
    periodId: '2024-02',
    lines: names.map((unit, i) => ({
      line: i + 2,
      group: GROUP,
      unit,
      required: 3,
      full: 3,
      partial: 0,
      none: 0,
      articles: unit === 'UBND huyện Gia Bình' ? 999 : 10,
      selfScore: 100,
      deductions: [],
      categories: portal(14).categories.map((c) => ({ name: c.name, status: 'full' as const, evidenceUrl: null })),
    })),
  });
  return province.id;
}

const fetchOptions = { timeoutMs: 2000, backoffMs: 10, perHostDelayMs: 0 };

dbTest('sources import: units matched, a count-only group gets its list, the portal is stored', async (db) => {
  const provinceId = await seedPeriod(db);
  const summary = await importSources(db.db, cliActor(provinceId), sourcesFile());
  assert.deepEqual(summary, { units: 4, categories: 12, groupsListed: [GROUP] });
  const group = (await listGroups(db.db, provinceId)).find((g) => g.name === GROUP)!;
  assert.deepEqual(group.categories.map((c) => c.name), portal(14).categories.map((c) => c.name));
  const stored = await portalSources(db.db, provinceId);
  assert.deepEqual(stored.map((p) => p.unit), PORTALS.map((i) => portal(i).unit));
  assert.deepEqual(stored[2]!.categories, farm.sources(server.port, [14])[0]!.categories);
  const units = await listUnits(db.db, provinceId);
  assert.equal(units.find((u) => u.name === 'UBND huyện Gia Bình')!.portalUrl, `http://${portal(14).host}:${server.port}/`);
});

dbTest('sources import refuses unknown units, categories outside the group list, bad selectors; writes nothing', async (db) => {
  const provinceId = await seedPeriod(db);
  await importSources(db.db, cliActor(provinceId), sourcesFile());
  const file = sourcesFile();
  file.units[0]!.name = 'Sở Không Có';
  file.units[1]!.categories[0]!.name = 'Chuyên mục lạ';
  const html = file.units[2]!.categories.find((c) => c.source.type === 'html');
  assert.ok(html && html.source.type === 'html');
  html.source.item = 'div[[';
  file.units[3]!.categories[1]!.min = 0;
  const error = await importSources(db.db, cliActor(provinceId), file).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof AppError && error.code === 'import_invalid');
  const messages = (error.details as { problems: { column: string; message: string }[] }).problems.map((p) => `${p.column}: ${p.message}`);
  const htmlIndex = file.units[2]!.categories.indexOf(html);
  assert.deepEqual(messages.sort(), [
    `units[2].categories[${htmlIndex}].source.item: bộ chọn CSS không hợp lệ`,
    'units[3].categories[1].min: Too small: expected number to be >=1',
  ].sort());
  // Schema problems come first; with a valid file the registry's are named.
  const second = sourcesFile();
  second.units[0]!.name = 'Sở Không Có';
  second.units[1]!.categories[0]!.name = 'Chuyên mục lạ';
  const registryError = await importSources(db.db, cliActor(provinceId), second).then(() => null, (e: unknown) => e);
  assert.ok(registryError instanceof AppError);
  assert.deepEqual((registryError.details as { problems: { message: string }[] }).problems.map((p) => p.message), [
    'Không có đơn vị "Sở Không Có" trong danh mục.',
    `Chuyên mục "Chuyên mục lạ" không có trong danh sách của nhóm "${GROUP}".`,
  ]);
  assert.equal((await portalSources(db.db, provinceId)).length, 4);
});

dbTest('crawl: exact counts, unverified with the error (never 0), results and evidence recorded', async (db) => {
  const provinceId = await seedPeriod(db);
  await importSources(db.db, cliActor(provinceId), sourcesFile());
  const progress: string[] = [];
  const summary = await runCrawl(db.db, provinceId, {
    periodId: '2024-02',
    allowLoopback: true,
    contact: 'mailto:test@example.vn',
    fetch: fetchOptions,
    onProgress: (e) => progress.push(`${e.unit} ${e.done}/${e.total}`),
  });
  assert.deepEqual(summary.units.map((u) => u.name), PORTALS.map((i) => portal(i).unit));
  const [failing, flaky, clean1, clean2] = summary.units;
  assert.deepEqual(failing!.categories.map((c) => [c.status, c.posts, c.error]), portal(2).categories.map(() => ['unverified', null, 'Cổng trả lời lỗi: HTTP 500']));
  assert.equal(failing!.posts, 0);
  for (const [unit, index] of [[flaky!, 3], [clean1!, 14], [clean2!, 15]] as const) {
    assert.deepEqual(unit.categories.map((c) => c.posts), expectedPosts(index));
    assert.deepEqual(unit.categories.map((c) => c.status), portal(index).categories.map((c, k) => statusFor(expectedPosts(index)[k]!, c.min)));
    assert.ok(unit.categories.every((c) => c.error === undefined));
  }
  assert.ok(progress.includes(`${portal(14).unit} 3/3`));

  const measured = await measuredForPeriod(db.db, provinceId, '2024-02');
  const units = await listUnits(db.db, provinceId);
  const giaBinh = measured.get(units.find((u) => u.name === 'UBND huyện Gia Bình')!.id)!;
  assert.equal(giaBinh.complete, true);
  assert.equal(giaBinh.posts, expectedPosts(14).reduce((a, b) => a + b, 0));
  for (const c of giaBinh.categories) {
    assert.equal(c.evidence.length, c.posts);
    assert.ok(c.evidence.every((e) => e.url.startsWith(`http://${portal(14).host}:`) && e.title.length > 0));
    assert.ok(c.daysSinceLatest !== null && c.daysSinceLatest >= 0);
  }
  const noiVu = measured.get(units.find((u) => u.name === portal(2).unit)!.id)!;
  assert.equal(noiVu.complete, false);
  assert.deepEqual(noiVu.categories.map((c) => c.error?.reason), ['http_error', 'http_error', 'http_error']);

  await assert.rejects(
    runCrawl(db.db, provinceId, { periodId: '2024-02', unitName: 'Sở Không Có', contact: 'x' }),
    /Không tìm thấy đơn vị "Sở Không Có"/,
  );
  // A second run (one unit) becomes that unit's latest; the others keep their first results.
  await runCrawl(db.db, provinceId, { periodId: '2024-02', unitName: portal(15).unit, allowLoopback: true, contact: 'x', fetch: fetchOptions });
  assert.equal((await measuredForPeriod(db.db, provinceId, '2024-02')).size, 4);
});

dbTest('a crawl stopped by an error ends its run: the period is not left being read, what it stored stays whole', async (db) => {
  const provinceId = await seedPeriod(db);
  await importSources(db.db, cliActor(provinceId), sourcesFile());
  await assert.rejects(
    runCrawl(db.db, provinceId, {
      periodId: '2024-02',
      allowLoopback: true,
      contact: 'x',
      fetch: fetchOptions,
      onProgress: (e) => {
        if (e.done > 0) throw new Error('máy đọc dừng giữa chừng');
      },
    }),
    /máy đọc dừng giữa chừng/,
  );
  const stamp = await periodDataStamp(db.db, provinceId, '2024-02');
  assert.equal(stamp?.volatile, false, 'the stopped run still counts as under way');
  // Whatever it stored is a whole unit, so a unit it read is exact unless a category of it is not.
  for (const unit of (await measuredForPeriod(db.db, provinceId, '2024-02')).values()) {
    assert.equal(unit.categories.length, 3);
    assert.equal(unit.complete, unit.categories.every((c) => c.complete));
  }
});

dbTest('crawl refuses loopback portals without --allow-loopback: every category unverified, address_refused', async (db) => {
  const provinceId = await seedPeriod(db);
  await importSources(db.db, cliActor(provinceId), sourcesFile());
  const before = server.requests(portal(14).host);
  const summary = await runCrawl(db.db, provinceId, { periodId: '2024-02', unitName: portal(14).unit, contact: 'x', fetch: fetchOptions });
  assert.deepEqual(summary.units[0]!.categories.map((c) => c.status), ['unverified', 'unverified', 'unverified']);
  assert.ok(summary.units[0]!.categories.every((c) => c.error?.startsWith('Địa chỉ trỏ vào mạng nội bộ, không được phép đọc: ')));
  assert.equal(server.requests(portal(14).host), before);
});

dbTest('the JSON report gains measured figures for crawled units only; the cross-check proposes with evidence', async (db) => {
  const provinceId = await seedPeriod(db);
  await importSources(db.db, cliActor(provinceId), sourcesFile());
  await runCrawl(db.db, provinceId, { periodId: '2024-02', allowLoopback: true, contact: 'x', fetch: fetchOptions });
  const report = await getPeriodReport(db.db, provinceId, '2024-02');
  const units = report.groups.flatMap((g) => g.units);
  const giaBinh = units.find((u) => u.name === 'UBND huyện Gia Bình')!;
  assert.deepEqual(giaBinh.measured?.categories.map((c) => c.posts), expectedPosts(14));
  assert.equal(giaBinh.articles, 999);
  assert.equal(units.find((u) => u.name === 'Sở Y tế')!.measured, undefined);
  assert.ok(!('measured' in units.find((u) => u.name === 'Sở Y tế')!));

  const checks = (await crossCheck(db.db, cliActor(provinceId), '2024-02')).units;
  // In registry order, as the notice lists units.
  const listed = new Set(checks.map((c) => c.unitName));
  assert.deepEqual(checks.map((c) => c.unitName), (await listUnits(db.db, provinceId)).map((u) => u.name).filter((name) => listed.has(name)));
  assert.ok(checks.length >= 3);
  const byName = new Map(checks.map((c) => [c.unitName, c]));
  for (const index of [3, 14, 15]) {
    const p = portal(index);
    const worse = p.categories
      .map((c, k) => ({ name: c.name, status: statusFor(expectedPosts(index)[k]!, c.min), posts: expectedPosts(index)[k]! }))
      .filter((c) => c.status !== 'full');
    const unit = byName.get(p.unit);
    if (worse.length === 0 && index !== 14) {
      assert.equal(unit, undefined);
      continue;
    }
    assert.deepEqual(unit!.findings.map((f) => [f.category, f.self, f.measured, f.posts, f.evidence.length]), worse.map((c) => [c.name, 'full', c.status, c.posts, c.posts]));
    const partial = worse.filter((c) => c.status === 'partial').length;
    const none = worse.filter((c) => c.status === 'none').length;
    // Default rules: 2 points per partial category, 5 per category not updated.
    assert.deepEqual(
      unit!.proposals.map((x) => [x.points, x.origin.kind === 'categories' ? x.origin.sources : null]),
      [...(partial > 0 ? [[2 * partial, ['crawler']]] : []), ...(none > 0 ? [[5 * none, ['crawler']]] : [])],
    );
    assert.equal(unit!.proposals.flatMap((x) => x.evidence).length, worse.length);
  }
  const giaBinhCheck = byName.get('UBND huyện Gia Bình')!;
  assert.deepEqual(giaBinhCheck.articles, { reported: 999, counted: expectedPosts(14).reduce((a, b) => a + b, 0), withinTolerance: false });
  assert.match(giaBinhCheck.checks[0]!, /^Số tin, bài đơn vị báo cáo \(999\) vượt số đếm được trên cổng/);
  // The unit whose portal could not be read is accused of nothing, and listed with why its articles were not compared.
  const unread = byName.get(portal(2).unit)!;
  assert.deepEqual([unread.findings, unread.proposals, unread.articles.counted], [[], [], null]);
  assert.match(unread.checks.join('\n'), /^Chưa đối chiếu được số tin, bài đơn vị báo cáo với số đếm trên cổng: chưa đọc được .*HTTP 500/);
});

// One database is enough for the command line: it is a thin client of the services tested above.
test('CLI: sources import, then crawl --json prints the summary', async () => {
  const { database: db, cleanup } = await openTestDatabase('sqlite');
  try {
    await seedPeriod(db);
    const file = join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify(sourcesFile()));
    const run = (args: string[]) => spawnCli(['--db', db.url, ...args]);
    const imported = await run(['sources', 'import', file]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stderr, /4 đơn vị, 12 chuyên mục/);
    const crawled = await run(['crawl', '--period', '2024-02', '--unit', portal(15).unit, '--json', '--allow-loopback']);
    assert.equal(crawled.code, 0, crawled.stderr);
    const summary = JSON.parse(crawled.stdout) as {
      units: { name: string; posts: number; complete: boolean; categories: { name: string; posts: number; status: string; complete: boolean }[] }[];
    };
    assert.deepEqual(summary.units.map((u) => [u.name, u.posts, u.complete]), [[portal(15).unit, expectedPosts(15).reduce((a, b) => a + b, 0), true]]);
    assert.deepEqual(Object.keys(summary.units[0]!.categories[0]!), ['name', 'posts', 'status', 'complete', 'basis']);
    // The farm's listings are read to their end or past the period: every count is exact.
    assert.ok(summary.units[0]!.categories.every((c) => c.complete));
  } finally {
    await cleanup();
  }
});
