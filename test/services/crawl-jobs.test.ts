/**
 * Distributed crawl on pg-boss: workers in several processes take one job per unit;
 * a worker killed mid-crawl loses nothing (its jobs expire and run again) and no post is counted
 * twice; politeness per origin is held across processes through the database.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { Farm } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import * as crawlsRepo from '../../src/db/repositories/crawls.js';
import * as hostSlots from '../../src/db/repositories/host-slots.js';
import { failureText } from '../../src/domain/measured.js';
import { nameKey } from '../../src/domain/text.js';
import { measuredForPeriod, runCrawl } from '../../src/services/crawl.js';
import { CRAWL_QUEUE, enqueueCrawl, giveUpCrawlJob, jobFetcher, lastFailure, openCrawlQueue, processCrawlJob, startCrawlWorker, type CrawlJob } from '../../src/services/crawl-jobs.js';
import { writePeriodEvaluations } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { listUnits } from '../../src/services/registry.js';
import { importSources } from '../../src/services/sources.js';
import { dbTest, openTestDatabase, PG_AVAILABLE, PG_URL, type TestDatabase } from '../helpers/db.js';
import { cliActor } from '../../src/services/audit.js';

const BIN = new URL('../../bin/portal-scorecard', import.meta.url).pathname;
const farm = new Farm({ seed: 23, portals: 10, categories: 3, period: '2024-02', faults: false });
const PORTALS = [1, 2, 3, 4, 5, 6, 7, 8];
let server: FarmServer;

before(async () => {
  server = await startFarm(farm);
});
after(async () => {
  await server.close();
});

dbTest('request slots per origin are distinct and spaced, however many ask at once', async (db) => {
  const now = 1_700_000_000_000;
  const slots = await Promise.all(Array.from({ length: 20 }, () => hostSlots.reserve(db.db, 'http://p0001.farm.localhost', 100, now)));
  assert.deepEqual([...slots].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => now + i * 100));
  // A later request after a quiet spell starts at once.
  assert.equal(await hostSlots.reserve(db.db, 'http://p0001.farm.localhost', 100, now + 60_000), now + 60_000);
});

const portals = PORTALS.map((i) => farm.portal(i)!);

dbTest('a job that runs again reads only the categories still missing, and counts each post once', async (db) => {
  const provinceId = await seedSources(db);
  const unit = (await listUnits(db.db, provinceId)).find((u) => u.name === portals[0]!.unit)!;
  const run = await crawlsRepo.createRun(db.db, { provinceId, periodId: '2024-02', units: 1 });
  const job = { runId: run.id, provinceId, periodId: '2024-02', unitId: unit.id, total: 3 };
  const shared = jobFetcher(db.db, { contact: 'mailto:test@example.gov.vn', allowLoopback: true, fetch: { perHostDelayMs: 0, backoffMs: 10 } });
  try {
    assert.equal((await processCrawlJob(db.db, job, shared)).categories, 3);
    // As if the worker had died after storing two of the three categories.
    const [first] = await crawlsRepo.listResults(db.db, [run.id]);
    await db.db.deleteFrom('crawl_evidence').where('result_id', '=', first!.id).execute();
    await db.db.deleteFrom('crawl_results').where('id', '=', first!.id).execute();
    await db.db.updateTable('crawl_runs').set({ finished_at: null }).where('id', '=', run.id).execute();
    const before = server.requests();
    assert.equal((await processCrawlJob(db.db, job, shared)).categories, 1);
    assert.ok(server.requests() - before <= farm.minimumRequests(portals[0]!, portals[0]!.categories.find((c) => nameKey(c.name) === first!.category_key)!));
    assert.equal((await processCrawlJob(db.db, job, shared)).categories, 0);
  } finally {
    await shared.fetcher.close();
  }
  assert.equal(await crawlsRepo.countResults(db.db, run.id), 3);
  assert.ok((await crawlsRepo.getRun(db.db, run.id))?.finished_at);
  const measured = (await measuredForPeriod(db.db, provinceId, '2024-02', { withEvidence: true })).get(unit.id)!;
  for (const category of portals[0]!.categories) {
    const result = measured.categories.find((c) => nameKey(c.name) === nameKey(category.name))!;
    assert.equal(result.posts, farm.expectedPosts(portals[0]!, category));
    assert.equal(new Set(result.evidence.map((e) => e.url)).size, result.evidence.length);
  }
});
const skipWithoutPg = PG_AVAILABLE ? false : 'PostgreSQL not reachable: SKIPPED';

dbTest('a unit given up after its last attempt: its unread categories are stored unverified with why, the ones read keep their counts, and the run ends', async (db) => {
  const provinceId = await seedSources(db);
  const unit = (await listUnits(db.db, provinceId)).find((u) => u.name === portals[0]!.unit)!;
  const run = await crawlsRepo.createRun(db.db, { provinceId, periodId: '2024-02', units: 1 });
  const job: CrawlJob = { runId: run.id, provinceId, periodId: '2024-02', unitId: unit.id, total: 3 };
  const shared = jobFetcher(db.db, { contact: 'mailto:test@example.gov.vn', allowLoopback: true, fetch: { perHostDelayMs: 0, backoffMs: 10 } });
  try {
    await processCrawlJob(db.db, job, shared);
  } finally {
    await shared.fetcher.close();
  }
  // As if the job had stored one category and then failed every attempt; the unit has since been retired.
  const [first, ...rest] = await crawlsRepo.listResults(db.db, [run.id]);
  for (const r of rest) {
    await db.db.deleteFrom('crawl_evidence').where('result_id', '=', r.id).execute();
    await db.db.deleteFrom('crawl_results').where('id', '=', r.id).execute();
  }
  await db.db.updateTable('crawl_runs').set({ finished_at: null }).where('id', '=', run.id).execute();
  await db.db.updateTable('units').set({ retired_on: '2024-01-01' }).where('id', '=', unit.id).execute();

  const why = { attempts: 4, lastFailure: lastFailure({ value: { message: 'job failed by timeout in active state' } }) };
  assert.deepEqual(await giveUpCrawlJob(db.db, job, why), { unit: portals[0]!.unit, categories: 2 });
  assert.ok((await crawlsRepo.getRun(db.db, run.id))?.finished_at, 'the run ends with its last category, given up or read');
  // Given up twice (two workers took the dead job): nothing more is stored.
  assert.deepEqual(await giveUpCrawlJob(db.db, job, why), { unit: portals[0]!.unit, categories: 0 });
  assert.equal(await crawlsRepo.countResults(db.db, run.id), 3);

  const measured = (await measuredForPeriod(db.db, provinceId, '2024-02')).get(unit.id)!;
  assert.equal(measured.complete, false, 'a unit with unread categories is never shown as counted in full');
  assert.deepEqual(measured.categories.map((c) => c.name), portals[0]!.categories.map((c) => c.name), 'in the order of its sources');
  for (const c of measured.categories) {
    if (nameKey(c.name) === first!.category_key) {
      assert.equal(c.posts, farm.expectedPosts(portals[0]!, portals[0]!.categories.find((x) => nameKey(x.name) === first!.category_key)!));
      continue;
    }
    assert.equal(c.status, 'unverified');
    assert.equal(c.posts, null);
    assert.equal(c.error?.reason, 'internal');
    assert.equal(failureText(c.error!).split('; ')[0], 'Lỗi của hệ thống đọc, không phải của cổng: đã thử 4 lần mà chưa đọc được');
    assert.match(c.error!.message, /máy đọc không báo xong trong thời hạn/);
  }
});

dbTest('a unit read by a queued run still under way is never summed as an exact count, though each category read is', async (db) => {
  const provinceId = await seedSources(db);
  const unit = (await listUnits(db.db, provinceId)).find((u) => u.name === portals[0]!.unit)!;
  // Two units' worth of categories in the run: with one unit read, the run is still under way.
  const run = await crawlsRepo.createRun(db.db, { provinceId, periodId: '2024-02', units: 2 });
  const shared = jobFetcher(db.db, { contact: 'mailto:test@example.gov.vn', allowLoopback: true, fetch: { perHostDelayMs: 0, backoffMs: 10 } });
  try {
    await processCrawlJob(db.db, { runId: run.id, provinceId, periodId: '2024-02', unitId: unit.id, total: 6 }, shared);
  } finally {
    await shared.fetcher.close();
  }
  const during = (await measuredForPeriod(db.db, provinceId, '2024-02')).get(unit.id)!;
  assert.equal(during.complete, false);
  assert.ok(during.categories.every((c) => c.complete), 'each category read is whole');
  await crawlsRepo.markFinished(db.db, run.id);
  const after = (await measuredForPeriod(db.db, provinceId, '2024-02')).get(unit.id)!;
  assert.equal(after.complete, true);
  assert.equal(after.posts, during.posts);
});

test('why a job was given up reads pg-boss\'s record of its last attempt, in Vietnamese where pg-boss wrote it', () => {
  assert.equal(lastFailure({ message: 'lỗi khi đọc Tin A: mất kết nối' }), 'lỗi khi đọc Tin A: mất kết nối');
  assert.equal(lastFailure({ value: { message: 'job failed by timeout in active state' } }), 'máy đọc không báo xong trong thời hạn (có thể đã dừng giữa chừng)');
  for (const nothing of [null, undefined, {}, { message: '  ' }, 'x', { value: 3 }]) assert.equal(lastFailure(nothing), 'không rõ lỗi');
});

/** The farm's units registered with their sources. */
async function seedSources(database: TestDatabase): Promise<string> {
  const province = await resolveProvince(database.db);
  await writePeriodEvaluations(database.db, {
    provinceId: province.id,
    periodId: '2024-02',
    lines: portals.map((p, i) => ({ line: i + 2, group: 'Các Sở, ban, ngành tỉnh', unit: p.unit, required: 3, full: 3, partial: 0, none: 0, articles: 10, selfScore: 100, deductions: [] })),
  });
  await importSources(database.db, cliActor(province.id), { units: farm.sources(server.port, PORTALS).map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories })) });
  return province.id;
}

async function waitForRun(database: TestDatabase, runId: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (!(await crawlsRepo.getRun(database.db, runId).catch(() => undefined))?.finished_at) {
    assert.ok(Date.now() < deadline, 'the run did not finish');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Exactly one result per job, each with the farm's count and no URL twice. */
async function assertExactCounts(database: TestDatabase, provinceId: string, runId: string, jobs: number): Promise<void> {
  assert.equal(await crawlsRepo.countResults(database.db, runId), jobs);
  const measured = await measuredForPeriod(database.db, provinceId, '2024-02', { withEvidence: true });
  const units = await listUnits(database.db, provinceId);
  for (const portal of portals) {
    const unit = units.find((u) => u.name === portal.unit)!;
    const got = measured.get(unit.id)!;
    for (const category of portal.categories) {
      const result = got.categories.find((c) => nameKey(c.name) === nameKey(category.name))!;
      assert.equal(result.posts, farm.expectedPosts(portal, category), `${portal.unit} / ${category.name}${result.error ? `: ${result.error.reason}, ${result.error.message}` : ""}`);
      assert.equal(new Set(result.evidence.map((e) => e.url)).size, result.evidence.length);
    }
  }
}

async function dropQueue(queueSchema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists ${queueSchema} cascade`);
  await client.end();
}

const workerOptions = (onJob: () => void) => ({
  contact: 'mailto:test@example.gov.vn',
  allowLoopback: true,
  concurrency: 3,
  pollingIntervalSeconds: 0.5,
  fetch: { perHostDelayMs: 20, backoffMs: 10 },
  onJob,
});

test('workers share a crawl; a worker killed mid-crawl loses nothing and counts nothing twice', { skip: skipWithoutPg, timeout: 120_000 }, async () => {
  const { database, cleanup } = await openTestDatabase('postgres');
  const queueSchema = `q_${database.schema!}`;
  const bosses: Awaited<ReturnType<typeof openCrawlQueue>>[] = [];
  try {
    const provinceId = await seedSources(database);

    const queueOptions = { connectionString: PG_URL, schema: queueSchema, expireInSeconds: 8, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 };
    const boss = await openCrawlQueue(queueOptions);
    bosses.push(boss);
    const { runId, jobs, categories } = await enqueueCrawl(database.db, boss, provinceId, { periodId: '2024-02' });
    assert.deepEqual([jobs, categories], [PORTALS.length, PORTALS.length * 3]);

    // A worker in another process takes jobs and is killed (SIGKILL) after finishing two.
    const child = spawn(BIN, ['--db', database.url, 'worker', '--allow-loopback', '--queue-schema', queueSchema, '--expire-seconds', '8', '--maintenance-seconds', '1', '--concurrency', '4'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let doneByChild = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the worker process took no job in time')), 60_000);
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        doneByChild += chunk.split('\n').filter((l) => /^Kỳ 02\/2024, /.test(l)).length;
        if (doneByChild >= 2) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (doneByChild < 2) reject(new Error(`the worker process ended early (${code})`));
      });
    });
    assert.ok((await crawlsRepo.countResults(database.db, runId)) < categories, 'the killed worker should not have finished the run');

    // Two workers here finish the run, including the jobs the dead one held.
    const counts = [0, 0];
    const second = await openCrawlQueue(queueOptions);
    bosses.push(second);
    await startCrawlWorker(database.db, boss, workerOptions(() => void (counts[0]! += 1)));
    await startCrawlWorker(database.db, second, workerOptions(() => void (counts[1]! += 1)));
    await waitForRun(database, runId);
    assert.ok(counts[0]! + counts[1]! > 0, `the workers here should have worked: ${counts.join(', ')}`);
    await assertExactCounts(database, provinceId, runId, categories);
  } finally {
    for (const boss of bosses) await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await dropQueue(queueSchema);
    await cleanup();
  }
});

test('the database drops every connection during a distributed crawl: jobs run again, the run completes exactly', { skip: skipWithoutPg, timeout: 120_000 }, async () => {
  const { database, cleanup } = await openTestDatabase('postgres');
  const queueSchema = `q_${database.schema!}`;
  const killer = new pg.Client({ connectionString: PG_URL });
  await killer.connect();
  let boss: Awaited<ReturnType<typeof openCrawlQueue>> | undefined;
  try {
    const provinceId = await seedSources(database);
    // Its connections named after its own schema: the cut below must not reach another test's queue
    // (another file of this suite, or another copy of the suite running beside it).
    boss = await openCrawlQueue({ connectionString: PG_URL, schema: queueSchema, expireInSeconds: 8, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, applicationName: queueSchema });
    const { runId, categories } = await enqueueCrawl(database.db, boss, provinceId, { periodId: '2024-02' });
    let done = 0;
    await startCrawlWorker(database.db, boss, { ...workerOptions(() => void (done += 1)), concurrency: 2 });
    while (done < 2) await new Promise((r) => setTimeout(r, 20));
    // As a server restart does: every connection of the application and of its queue is cut.
    const killed = await killer.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and application_name in ($1, $2)`,
      [database.schema, queueSchema],
    );
    assert.ok(killed.rowCount! > 0);
    await waitForRun(database, runId);
    await assertExactCounts(database, provinceId, runId, categories);
  } finally {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await killer.end();
    await dropQueue(queueSchema);
    await cleanup();
  }
});

/**
 * A unit of three listings: "Tin A" and "Tin B" each list their own posts; "Tin tức" lists one post of
 * each and nothing of its own, as a parent page of its sub-categories' boxes does.
 */
async function startBoxesSite(): Promise<{ url: string; close: () => Promise<void> }> {
  const post = (n: number, iso: string) => `<li><a class="title" href="/tin/${n}">Tin ${n}</a> <time datetime="${iso}">${iso.slice(0, 10)}</time></li>`;
  const page = (items: string[]) => `<!doctype html><html><body><ul class="list-post">${items.join('')}</ul></body></html>`;
  const pages: Record<string, string> = {
    '/tin-a': page([post(1, '2024-02-06T08:00:00+07:00'), post(2, '2024-02-05T08:00:00+07:00'), post(5, '2023-12-01T08:00:00+07:00')]),
    '/tin-b': page([post(3, '2024-02-07T08:00:00+07:00'), post(4, '2024-02-04T08:00:00+07:00'), post(6, '2023-12-02T08:00:00+07:00')]),
    '/tin-tuc': page([post(3, '2024-02-07T08:00:00+07:00'), post(1, '2024-02-06T08:00:00+07:00'), post(6, '2023-12-02T08:00:00+07:00')]),
  };
  const site: Server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => site.close(() => resolve())) };
}

test('through the queue, a page listing only other categories\' posts is flagged and the unit counts each post once, as in process', { skip: skipWithoutPg, timeout: 120_000 }, async () => {
  const { database, cleanup } = await openTestDatabase('postgres');
  const queueSchema = `q_${database.schema!}`;
  const site = await startBoxesSite();
  let boss: Awaited<ReturnType<typeof openCrawlQueue>> | undefined;
  let worker: { stop: () => Promise<void> } | undefined;
  try {
    const province = await resolveProvince(database.db);
    const unitName = 'Trường Tiểu học Hộp Tin';
    await writePeriodEvaluations(database.db, {
      provinceId: province.id,
      periodId: '2024-02',
      lines: [{ line: 2, group: 'Các Sở, ban, ngành tỉnh', unit: unitName, required: 3, full: 3, partial: 0, none: 0, articles: 4, selfScore: 100, deductions: [] }],
    });
    const source = (path: string) => ({ type: 'html' as const, url: `${site.url}${path}`, item: 'ul.list-post > li', link: 'a.title' });
    await importSources(database.db, cliActor(province.id), {
      units: [{
        name: unitName,
        portal: `${site.url}/`,
        categories: [
          { name: 'Tin tức', min: 1, source: source('/tin-tuc') },
          { name: 'Tin A', min: 1, source: source('/tin-a') },
          { name: 'Tin B', min: 1, source: source('/tin-b') },
        ],
      }],
    });
    const unit = (await listUnits(database.db, province.id)).find((u) => u.name === unitName)!;
    const stored = async () => {
      const m = (await measuredForPeriod(database.db, province.id, '2024-02')).get(unit.id)!;
      return { posts: m.posts, overlaps: m.overlaps, categories: m.categories.map((c) => [c.name, c.posts, c.complete, c.onlyOtherCategories]) };
    };

    await runCrawl(database.db, province.id, { periodId: '2024-02', contact: 'mailto:test@example.gov.vn', allowLoopback: true, fetch: { perHostDelayMs: 0 } });
    const inProcess = await stored();
    assert.deepEqual(inProcess, {
      posts: 4,
      overlaps: [{ categories: ['Tin tức', 'Tin A'], posts: 1 }, { categories: ['Tin tức', 'Tin B'], posts: 1 }],
      categories: [['Tin tức', 2, true, true], ['Tin A', 2, true, false], ['Tin B', 2, true, false]],
    });

    boss = await openCrawlQueue({ connectionString: PG_URL, schema: queueSchema, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1 });
    const { runId } = await enqueueCrawl(database.db, boss, province.id, { periodId: '2024-02' });
    worker = await startCrawlWorker(database.db, boss, { ...workerOptions(() => undefined), fetch: { perHostDelayMs: 0, backoffMs: 10 } });
    await waitForRun(database, runId);
    // The newest run is the queue's: what it stored is what the in-process crawl stored.
    assert.equal((await crawlsRepo.listResults(database.db, [runId])).length, 3);
    assert.deepEqual(await stored(), inProcess);
  } finally {
    await worker?.stop().catch(() => undefined);
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await dropQueue(queueSchema);
    await site.close();
    await cleanup();
  }
});

/** A farm-seeded PostgreSQL database, its own queue and a crawl queued in it; a worker started by `body` is stopped after. */
async function withQueuedCrawl(
  queueOptions: Partial<Parameters<typeof openCrawlQueue>[0]>,
  body: (q: {
    database: TestDatabase;
    provinceId: string;
    boss: Awaited<ReturnType<typeof openCrawlQueue>>;
    runId: string;
    categories: number;
    startWorker: (options: Parameters<typeof startCrawlWorker>[2]) => Promise<void>;
  }) => Promise<void>,
): Promise<void> {
  const { database, cleanup } = await openTestDatabase('postgres');
  const queueSchema = `q_${database.schema!}`;
  let boss: Awaited<ReturnType<typeof openCrawlQueue>> | undefined;
  let worker: { stop: () => Promise<void> } | undefined;
  try {
    const provinceId = await seedSources(database);
    boss = await openCrawlQueue({ connectionString: PG_URL, schema: queueSchema, maintenanceIntervalSeconds: 1, ...queueOptions });
    const { runId, categories } = await enqueueCrawl(database.db, boss, provinceId, { periodId: '2024-02' });
    const queue = boss;
    await body({ database, provinceId, boss: queue, runId, categories, startWorker: async (options) => void (worker = await startCrawlWorker(database.db, queue, options)) });
  } finally {
    await worker?.stop().catch(() => undefined);
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await dropQueue(queueSchema);
    await cleanup();
  }
}

test('jobs that fail their last attempt are given up by the workers: the run ends, their units unverified with why, the others exact', { skip: skipWithoutPg, timeout: 120_000 }, async () => {
  // No retry: the first failure is the last attempt.
  await withQueuedCrawl({ retryLimit: 0 }, async ({ database, provinceId, boss, runId, categories, startWorker }) => {
    // A worker takes two jobs and fails them, as one does when it cannot store its results.
    const taken = await boss.fetch<CrawlJob>(CRAWL_QUEUE, { batchSize: 2 });
    assert.equal(taken.length, 2);
    for (const job of taken) await boss.fail(CRAWL_QUEUE, job.id, { message: 'lỗi khi đọc Tin tức: mất kết nối tới cơ sở dữ liệu' });
    const givenUp: string[] = [];
    await startWorker({ ...workerOptions(() => undefined), onGivenUp: (job) => void givenUp.push(job.unitId) });
    await waitForRun(database, runId);
    assert.deepEqual(givenUp.sort(), taken.map((j) => j.data.unitId).sort());
    assert.equal(await crawlsRepo.countResults(database.db, runId), categories);

    const measured = await measuredForPeriod(database.db, provinceId, '2024-02');
    const units = await listUnits(database.db, provinceId);
    for (const portal of portals) {
      const unit = units.find((u) => u.name === portal.unit)!;
      const got = measured.get(unit.id)!;
      if (givenUp.includes(unit.id)) {
        assert.equal(got.complete, false);
        for (const c of got.categories) {
          assert.equal(c.posts, null, `${portal.unit} / ${c.name}`);
          assert.match(c.error!.message, /^đã thử 1 lần mà chưa đọc được.*Lỗi lần cuối: lỗi khi đọc Tin tức: mất kết nối tới cơ sở dữ liệu$/);
        }
      } else {
        for (const category of portal.categories) {
          assert.equal(got.categories.find((c) => nameKey(c.name) === nameKey(category.name))!.posts, farm.expectedPosts(portal, category), `${portal.unit} / ${category.name}`);
        }
      }
    }
  });
});

test('sources imported again while a crawl is queued: each job reads the sources it was queued with, and the run ends exactly', { skip: skipWithoutPg, timeout: 120_000 }, async () => {
  await withQueuedCrawl({ retryDelaySeconds: 1 }, async ({ database, provinceId, runId, categories, startWorker }) => {
    // The first unit's sources are imported again with one category fewer before any worker runs.
    const [first] = farm.sources(server.port, PORTALS);
    await importSources(database.db, cliActor(provinceId), { units: [{ name: first!.unit, portal: first!.portal, categories: first!.categories.slice(0, 2) }] });
    await startWorker(workerOptions(() => undefined));
    await waitForRun(database, runId);
    await assertExactCounts(database, provinceId, runId, categories);
  });
});
