/**
 * Distributed crawling on pg-boss: a crawl is cut into one job per unit (its
 * portal, every category); `worker` processes on any number of machines take them in batches and
 * hold per-server politeness together through the database. Each category's result is stored as it
 * ends, replacing any earlier one: a job that runs again (its worker died, or it failed and was
 * retried) reads only the categories still missing, and no post is counted twice. A job that fails
 * every attempt ends in a dead-letter queue, where the workers store its unread categories as
 * unverified, naming why, so that the run still ends (incomplete) and no unread unit passes for a
 * measured one; a nightly schedule crawls the current period. The embedded mode keeps crawling
 * in-process (src/services/crawl.ts).
 */
import PgBoss from 'pg-boss';
import { crawlPortal, internalFailure, type PortalSources, registeredOrigins } from '../crawler/crawl.js';
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

export const CRAWL_QUEUE = 'crawl-unit';
export const CRAWL_DEAD_QUEUE = 'crawl-unit-dead';
export const NIGHTLY_QUEUE = 'crawl-nightly';
/** 01:30 every night, Vietnam time: the current period is crawled while portals are quiet. */
export const NIGHTLY_CRON = '30 1 * * *';

/**
 * Units one worker holds at once unless told otherwise: more than a province has (Bắc Ninh lists
 * about 130), so a single worker keeps a whole province's portals in flight, as the in-process
 * crawl does, and reads as fast as politeness allows; a unit waiting on its server's delay costs no
 * connection (the fetcher's global budget is GLOBAL_CONNECTIONS). A smaller number leaves units to
 * other workers.
 */
export const WORKER_UNITS_AT_ONCE = 256;
/** The most a worker may be told to hold (`worker --concurrency`). */
export const MAX_UNITS_AT_ONCE = 5_000;

/** One unit's portal in a run: a job of a few dozen requests, so the queue's own cost is negligible. */
export interface CrawlJob {
  runId: string;
  provinceId: string;
  periodId: string;
  unitId: string;
  /** Category results in the run: the run is finished when this many are in. */
  total: number;
  /**
   * The unit's sources when the run was queued: the job reads (or gives up) exactly these, so the
   * run's results add up to `total` even if the sources are imported again meanwhile. Absent in jobs
   * queued by an earlier version, which read the sources as they are.
   */
  sources?: PortalSources;
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
  /** The queue's connections' name in pg_stat_activity (default portal-scorecard-queue). */
  applicationName?: string;
}

/** Starts pg-boss and makes sure the crawl queues exist. */
export async function openCrawlQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    monitorStateIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    application_name: options.applicationName ?? 'portal-scorecard-queue',
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

/** Records a run and sends one job per unit; returns the run, the jobs and the categories they cover. */
export async function enqueueCrawl(
  db: Db,
  boss: PgBoss,
  provinceId: string,
  options: { periodId: string; unitName?: string },
): Promise<{ runId: string; jobs: number; categories: number }> {
  const periodId = requirePeriodId(options.periodId);
  let portals = await portalSources(db, provinceId);
  if (options.unitName !== undefined) {
    const unit = (await RegistryMatcher.load(db, provinceId)).findUnit(options.unitName, todayInVietnam());
    if (!unit) throw errors.notFound(`đơn vị "${options.unitName}"`);
    portals = portals.filter((p) => p.unitId === unit.id);
  }
  if (portals.length === 0) throw errors.validation('Chưa có nguồn tin nào để đọc; hãy nhập bằng "sources import FILE".');
  const run = await crawlsRepo.createRun(db, { provinceId, periodId, units: portals.length });
  const categories = portals.reduce((n, p) => n + p.categories.length, 0);
  await boss.insert(
    portals.map((p) => ({
      name: CRAWL_QUEUE,
      data: { runId: run.id, provinceId, periodId, unitId: p.unitId, total: categories, sources: { unit: p.unit, portal: p.portal, categories: p.categories } } satisfies CrawlJob,
      // The same unit of the same run is never queued twice.
      singletonKey: `${run.id}:${p.unitId}`,
    })),
  );
  return { runId: run.id, jobs: portals.length, categories };
}

/** Politeness per server shared by every worker through the database. */
export function databaseHostSlots(db: Db): HostSlots {
  return { reserve: (server, delayMs) => hostSlotsRepo.reserve(db, server, delayMs, Date.now()) };
}

export interface WorkerOptions {
  contact: string;
  allowLoopback?: boolean;
  /** Jobs (units) this worker crawls at once; their requests share one fetcher and its limits. */
  concurrency?: number;
  /** Jobs taken from the queue in one round trip, at most. */
  batchSize?: number;
  /** Wait before asking again when the queue was empty (never between jobs while there is work). */
  pollingIntervalSeconds?: number;
  fetch?: Partial<Omit<FetcherOptions, 'userAgent' | 'allowedOrigins' | 'allowLoopback' | 'hostSlots'>>;
  /** Called after each job, for logs and tests. */
  onJob?: (job: CrawlJob, outcome: { unit: string; categories: number; posts: number }) => void;
  /** Called after a given-up job's unread categories are stored, for logs and tests. */
  onGivenUp?: (job: CrawlJob, outcome: { unit: string; categories: number; lastFailure: string }) => void;
}

/** One fetcher per worker process: connections, robots.txt and politeness outlive a job. */
export interface JobFetcher {
  fetcher: Fetcher;
  /** Registered origins, grown job by job (the fetcher reads the same set). */
  origins: Set<string>;
}

export function jobFetcher(db: Db, options: WorkerOptions): JobFetcher {
  const origins = new Set<string>();
  const fetcher = new Fetcher({
    ...options.fetch,
    userAgent: crawlerUserAgent(options.contact),
    allowedOrigins: origins,
    allowLoopback: options.allowLoopback ?? false,
    hostSlots: databaseHostSlots(db),
  });
  return { fetcher, origins };
}

/**
 * Crawls the unit's categories not yet stored in the run, storing (replacing) each result as it
 * ends; finishes the run with the last one.
 */
export async function processCrawlJob(db: Db, job: CrawlJob, shared: JobFetcher): Promise<{ unit: string; categories: number; posts: number }> {
  const portal = await sourcesOf(db, job);
  if (!portal) throw new Error('đơn vị không còn nguồn tin nào (đã xoá nguồn hoặc đơn vị đã thôi hoạt động)');
  const { settings } = await getProvince(db, job.provinceId);
  const stored = new Set(await crawlsRepo.listResultKeys(db, job.runId, job.unitId));
  const position = new Map(portal.categories.map((c, i) => [c.name, i + 1]));
  const missing = { ...portal, categories: portal.categories.filter((c) => !stored.has(nameKey(c.name))) };
  for (const origin of registeredOrigins([portal])) shared.origins.add(origin);
  const saves: Promise<void>[] = [];
  let saveError: unknown;
  const internal: string[] = [];
  const result = await crawlPortal(shared.fetcher, missing, periodWindow(job.periodId, settings.cutOffDay), {
    onCategory: (_p, category) => {
      // A fault of ours (the database away while reserving a request slot…) says nothing about the
      // portal: not stored, so that the job's next attempt reads the category again.
      if (category.error?.reason === 'internal') {
        internal.push(`${category.name}: ${category.error.message}`);
        return;
      }
      saves.push(
        inTransaction(db, async (trx) => {
          await crawlsRepo.replaceResult(trx, job.runId, job.unitId, resultRow(category, position.get(category.name)!));
          await crawlsRepo.addRequests(trx, job.runId, category.pages);
        }).catch((error: unknown) => void (saveError ??= error)),
      );
    },
  });
  // Every save must land before the job is completed; a failed one fails the job (it runs again).
  await Promise.all(saves);
  if (saveError !== undefined) throw saveError;
  if (internal.length > 0) throw new Error(`lỗi khi đọc ${internal.join('; ')}`);
  // Whether a page lists only other categories' posts is known once all of the unit's categories
  // are read (crawlPortal sets it after the saves above): the flagged ones are stored again, as the
  // in-process crawl stores them. An attempt that read only the missing categories cannot tell,
  // since the listed URLs of those stored earlier are not kept.
  if (stored.size === 0) {
    const flagged = result.categories.filter((c) => c.onlyOtherCategories);
    if (flagged.length > 0) {
      await inTransaction(db, async (trx) => {
        for (const c of flagged) await crawlsRepo.replaceResult(trx, job.runId, job.unitId, resultRow(c, position.get(c.name)!));
      });
    }
  }
  await finishIfComplete(db, job);
  return { unit: portal.unit, categories: result.categories.length, posts: result.posts };
}

/** The unit's sources as queued, or as they are now for a job queued without them. */
async function sourcesOf(db: Db, job: CrawlJob): Promise<PortalSources | undefined> {
  if (job.sources !== undefined) return job.sources;
  const [portal] = await portalSources(db, job.provinceId, { unitId: job.unitId, includeRetired: true });
  return portal;
}

/** The run ends with its last category result, read or given up. */
async function finishIfComplete(db: Db, job: CrawlJob): Promise<void> {
  if ((await crawlsRepo.countResults(db, job.runId)) >= job.total) await crawlsRepo.markFinished(db, job.runId);
}

/** Dead jobs taken at once, and how often an idle worker looks for them: they are rare and quick. */
const DEAD_BATCH = 16;
const DEAD_POLLING_SECONDS = 2;

/**
 * Why a job was given up, from what pg-boss kept of its last attempt: the message the worker failed
 * it with, or the expiry of a job whose worker stopped answering.
 */
export function lastFailure(output: unknown): string {
  const message = (o: unknown): unknown => (o && typeof o === 'object' && 'message' in o ? o.message : undefined);
  const value = output && typeof output === 'object' && 'value' in output ? output.value : undefined;
  const text = message(output) ?? message(value);
  if (text === 'job failed by timeout in active state') return 'máy đọc không báo xong trong thời hạn (có thể đã dừng giữa chừng)';
  return typeof text === 'string' && text.trim() !== '' ? text : 'không rõ lỗi';
}

/**
 * A unit whose job was given up: each of its categories not yet stored in the run is stored as
 * unverified, with why, so that the report says "chưa kiểm chứng" for it rather than leave it out
 * (a unit with some categories missing would otherwise show the others' posts as its whole count),
 * and the run ends. Categories read before the job was given up keep their results.
 */
export async function giveUpCrawlJob(db: Db, job: CrawlJob, why: { attempts: number; lastFailure: string }): Promise<{ unit: string; categories: number }> {
  const portal = await sourcesOf(db, job);
  const categories = portal?.categories ?? [];
  const at = new Date();
  // Shown after the reason's label ("Lỗi của hệ thống đọc, không phải của cổng: …").
  const reason = new Error(`đã thử ${why.attempts} lần mà chưa đọc được; số tin chưa được kiểm chứng, hãy cho đọc lại. Lỗi lần cuối: ${why.lastFailure}`);
  const unread = await inTransaction(db, async (trx) => {
    const stored = new Set(await crawlsRepo.listResultKeys(trx, job.runId, job.unitId));
    const missing = categories.map((c, i) => ({ c, position: i + 1 })).filter(({ c }) => !stored.has(nameKey(c.name)));
    for (const { c, position } of missing) await crawlsRepo.replaceResult(trx, job.runId, job.unitId, resultRow(internalFailure(c, reason, at), position));
    return missing.length;
  });
  await finishIfComplete(db, job);
  // A job queued without its sources, whose unit has none left, has no categories to name: the log still shows which unit it was.
  return { unit: portal?.unit ?? `(mã ${job.unitId})`, categories: unread };
}

/**
 * Takes crawl jobs until stopped: as many as there are free slots, in one fetch, with no pause
 * while the queue has work. Each job is completed or failed on its own (pg-boss retries a failed
 * one, then dead-letters it).
 */
export async function startCrawlWorker(db: Db, boss: PgBoss, options: WorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const concurrency = Math.max(1, options.concurrency ?? WORKER_UNITS_AT_ONCE);
  const batchSize = Math.max(1, options.batchSize ?? concurrency);
  const idleMs = (options.pollingIntervalSeconds ?? 0.5) * 1000;
  const shared = jobFetcher(db, options);
  const running = new Set<Promise<void>>();
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const run = async (job: PgBoss.Job<CrawlJob>): Promise<void> => {
    try {
      const outcome = await processCrawlJob(db, job.data, shared);
      await boss.complete(CRAWL_QUEUE, job.id);
      options.onJob?.(job.data, outcome);
    } catch (error) {
      await boss.fail(CRAWL_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    }
  };

  // Given-up jobs are handled by pg-boss's own polling: there are few, and any worker may store them.
  await boss.work<CrawlJob>(
    CRAWL_DEAD_QUEUE,
    { batchSize: DEAD_BATCH, includeMetadata: true, pollingIntervalSeconds: DEAD_POLLING_SECONDS },
    async (jobs) => {
      for (const job of jobs) {
        const failure = lastFailure(job.output);
        const outcome = await giveUpCrawlJob(db, job.data, { attempts: job.retryLimit + 1, lastFailure: failure });
        options.onGivenUp?.(job.data, { ...outcome, lastFailure: failure });
      }
    },
  );

  const loop = (async () => {
    while (!stopping) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await Promise.race(running);
        continue;
      }
      let jobs: PgBoss.Job<CrawlJob>[] = [];
      try {
        jobs = await boss.fetch<CrawlJob>(CRAWL_QUEUE, { batchSize: Math.min(free, batchSize) });
      } catch {
        // The database is away (a restart): try again after a pause; expired jobs come back.
      }
      for (const job of jobs) {
        const task = run(job).finally(() => {
          running.delete(task);
          wake?.();
        });
        running.add(task);
      }
      // An empty queue (or a failed fetch) waits; a job ending wakes the loop to fetch its successor.
      if (jobs.length === 0) await sleep(idleMs);
    }
  })();

  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await boss.offWork(CRAWL_DEAD_QUEUE).catch(() => undefined);
      await loop;
      await Promise.allSettled([...running]);
      await shared.fetcher.close();
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
