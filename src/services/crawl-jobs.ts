/**
 * Distributed crawling on pg-boss (issue 7): a crawl is cut into one job per unit and category;
 * `worker` processes on any number of machines take them, holding per-origin politeness together
 * through the database. A job that runs again (its worker died, or it failed and was retried)
 * replaces its category's result, so no post is counted twice. Failed jobs end in a dead-letter
 * queue; a nightly schedule crawls the current period. The embedded mode keeps crawling in-process
 * (src/services/crawl.ts).
 */
import PgBoss from 'pg-boss';
import { crawlCategory, registeredHosts } from '../crawler/crawl.js';
import { periodWindow } from '../crawler/dates.js';
import { crawlerUserAgent, Fetcher, type FetcherOptions, type HostSlots } from '../crawler/fetch.js';
import { type Db, inTransaction } from '../db/connection.js';
import * as crawlsRepo from '../db/repositories/crawls.js';
import * as hostSlotsRepo from '../db/repositories/host-slots.js';
import { periodOfDate } from '../domain/period.js';
import { nameKey, todayInVietnam } from '../domain/text.js';
import { errors } from '../errors.js';
import { resultRow } from './crawl.js';
import { requirePeriodId } from './periods.js';
import { getProvince, listProvinces } from './provinces.js';
import { RegistryMatcher } from './registry.js';
import { portalSources } from './sources.js';

export const CRAWL_QUEUE = 'crawl-category';
export const CRAWL_DEAD_QUEUE = 'crawl-category-dead';
export const NIGHTLY_QUEUE = 'crawl-nightly';
/** 01:30 every night, Vietnam time: the current period is crawled while portals are quiet. */
export const NIGHTLY_CRON = '30 1 * * *';

export interface CrawlJob {
  runId: string;
  provinceId: string;
  periodId: string;
  unitId: string;
  categoryKey: string;
  /** Jobs in the run: the run is finished when this many results are in. */
  total: number;
}

export interface QueueOptions {
  /** postgres:// URL of the database the queue lives in (the application's). */
  connectionString: string;
  /** pg-boss's own schema. */
  schema?: string;
  /** Attempts after the first, with exponential backoff from retryDelaySeconds. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** An active job not completed by then (its worker died) is failed and retried. */
  expireInSeconds?: number;
  /** How often pg-boss looks for expired jobs and runs schedules. */
  maintenanceIntervalSeconds?: number;
}

/** Starts pg-boss and makes sure the crawl queues exist. */
export async function openCrawlQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    application_name: 'portal-scorecard-queue',
  });
  // pg-boss reports connection losses here and keeps going; the process must not die of them.
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(CRAWL_DEAD_QUEUE);
  await boss.createQueue(CRAWL_QUEUE, {
    name: CRAWL_QUEUE,
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelaySeconds ?? 30,
    retryBackoff: true,
    expireInSeconds: options.expireInSeconds ?? 15 * 60,
    deadLetter: CRAWL_DEAD_QUEUE,
  });
  await boss.createQueue(NIGHTLY_QUEUE);
  return boss;
}

/** Records a run and sends one job per unit and category; returns the run and the number of jobs. */
export async function enqueueCrawl(
  db: Db,
  boss: PgBoss,
  provinceId: string,
  options: { periodId: string; unitName?: string },
): Promise<{ runId: string; jobs: number }> {
  const periodId = requirePeriodId(options.periodId);
  let portals = await portalSources(db, provinceId);
  if (options.unitName !== undefined) {
    const unit = (await RegistryMatcher.load(db, provinceId)).findUnit(options.unitName, todayInVietnam());
    if (!unit) throw errors.notFound(`đơn vị "${options.unitName}"`);
    portals = portals.filter((p) => p.unitId === unit.id);
  }
  if (portals.length === 0) throw errors.validation('Chưa có nguồn tin nào để đọc; hãy nhập bằng "sources import FILE".');
  const run = await crawlsRepo.createRun(db, { provinceId, periodId, units: portals.length });
  const jobs = portals.flatMap((p) =>
    p.categories.map((c) => ({ runId: run.id, provinceId, periodId, unitId: p.unitId, categoryKey: nameKey(c.name) })),
  );
  await boss.insert(
    jobs.map((data) => ({
      name: CRAWL_QUEUE,
      data: { ...data, total: jobs.length } satisfies CrawlJob,
      // The same category of the same run is never queued twice.
      singletonKey: `${data.runId}:${data.unitId}:${data.categoryKey}`,
    })),
  );
  return { runId: run.id, jobs: jobs.length };
}

/** Politeness per origin shared by every worker through the database. */
export function databaseHostSlots(db: Db): HostSlots {
  return { reserve: (origin, delayMs) => hostSlotsRepo.reserve(db, origin, delayMs, Date.now()) };
}

export interface WorkerOptions {
  contact: string;
  allowLoopback?: boolean;
  /** Jobs this worker handles at once. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  fetch?: Partial<Omit<FetcherOptions, 'userAgent' | 'allowedHosts' | 'allowLoopback' | 'hostSlots'>>;
  /** Called after each job, for logs and tests. */
  onJob?: (job: CrawlJob, outcome: { status: string; posts: number | null }) => void;
}

/** Crawls one category of one unit and stores (replaces) its result; finishes the run with the last one. */
export async function processCrawlJob(db: Db, job: CrawlJob, options: WorkerOptions): Promise<{ status: string; posts: number | null }> {
  const [portal] = await portalSources(db, job.provinceId, { unitId: job.unitId });
  const category = portal?.categories.find((c) => nameKey(c.name) === job.categoryKey);
  if (!portal || !category) throw new Error(`No source for unit ${job.unitId}, category ${job.categoryKey}`);
  const { settings } = await getProvince(db, job.provinceId);
  const fetcher = new Fetcher({
    ...options.fetch,
    userAgent: crawlerUserAgent(options.contact),
    allowedHosts: registeredHosts([portal]),
    allowLoopback: options.allowLoopback ?? false,
    hostSlots: databaseHostSlots(db),
  });
  try {
    const result = await crawlCategory(fetcher, category, periodWindow(job.periodId, settings.cutOffDay));
    const position = portal.categories.indexOf(category) + 1;
    await inTransaction(db, async (trx) => {
      await crawlsRepo.replaceResult(trx, job.runId, job.unitId, resultRow(result, position));
      await crawlsRepo.addRequests(trx, job.runId, fetcher.stats.requests);
    });
    if ((await crawlsRepo.countResults(db, job.runId)) >= job.total) await crawlsRepo.markFinished(db, job.runId);
    return { status: result.status, posts: result.posts };
  } finally {
    await fetcher.close();
  }
}

/** Takes crawl jobs until stopped; a failed job is retried by pg-boss, then dead-lettered. */
export async function startCrawlWorker(db: Db, boss: PgBoss, options: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  // One pg-boss worker per slot: each takes one job at a time, so a slow portal holds one slot.
  const ids: string[] = [];
  for (let i = 0; i < concurrency; i += 1) {
    ids.push(
      await boss.work<CrawlJob>(CRAWL_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        if (!job) return;
        const outcome = await processCrawlJob(db, job.data, options);
        options.onJob?.(job.data, outcome);
      }),
    );
  }
  return {
    stop: async () => {
      for (const id of ids) await boss.offWork({ id });
    },
  };
}

/** Registers the nightly crawl of the current period and handles it by enqueuing every province. */
export async function startNightlyCrawl(db: Db, boss: PgBoss): Promise<void> {
  await boss.schedule(NIGHTLY_QUEUE, NIGHTLY_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(NIGHTLY_QUEUE, async () => {
    await enqueueCurrentPeriod(db, boss);
  });
}

/** Enqueues the crawl of the current period for every province that has sources. */
export async function enqueueCurrentPeriod(db: Db, boss: PgBoss, today = todayInVietnam()): Promise<{ provinceId: string; periodId: string; jobs: number }[]> {
  const queued: { provinceId: string; periodId: string; jobs: number }[] = [];
  for (const province of await listProvinces(db)) {
    if ((await portalSources(db, province.id)).length === 0) continue;
    const periodId = periodOfDate(today, province.settings.cutOffDay);
    const { jobs } = await enqueueCrawl(db, boss, province.id, { periodId });
    queued.push({ provinceId: province.id, periodId, jobs });
  }
  return queued;
}
