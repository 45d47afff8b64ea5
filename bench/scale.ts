/**
 * Scale benchmark, side by side in one run:
 * - self-assessment saves over HTTP at the deadline: 100 unit editors, each its own session and
 *   unit, saving again and again with the version it got back (throughput and p99), on SQLite
 *   and on PostgreSQL; the server runs in its own process;
 * - the distributed crawl: the portal farm (answers after --latency-ms, --delay-ms between requests
 *   to a host) crawled in process; through pg-boss by one worker process with the worker's default
 *   of units at once (WORKER_UNITS_AT_ONCE) (the comparison with the in-process crawl); then by 1, 2 and 4 worker
 *   processes with --worker-jobs units at once each, so that a worker's own capacity, not
 *   politeness, is what binds (the scaling). Each row gives wall time, pages per second and the
 *   politeness bound: the busiest server's requests one --delay-ms apart, which no crawler beats.
 * Run alone: node --import tsx bench/scale.ts [--duration 10] [--portals 64] [--categories 8]
 *   [--delay-ms 1000] [--latency-ms 150] [--worker-jobs 16] [--only saves|crawl]
 */
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool } from 'undici';
import { Farm } from '../src/crawler/farm/model.js';
import { startFarm } from '../src/crawler/farm/server.js';
import { type DatabaseHandle, openDatabase } from '../src/db/connection.js';
import * as crawlsRepo from '../src/db/repositories/crawls.js';
import { buildApp } from '../src/http/app.js';
import { cliActor } from '../src/services/audit.js';
import { runCrawl } from '../src/services/crawl.js';
import { enqueueCrawl, openCrawlQueue, WORKER_UNITS_AT_ONCE } from '../src/services/crawl-jobs.js';
import { writePeriodEvaluations } from '../src/services/import.js';
import { createProvince } from '../src/services/provinces.js';
import { listUnits } from '../src/services/registry.js';
import { openPeriod } from '../src/services/review.js';
import { importSources } from '../src/services/sources.js';
import { createUser } from '../src/services/users.js';

const readLoad = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const BIN = fileURLToPath(new URL('../bin/portal-scorecard', import.meta.url));
const PROVINCE = 'bench';
const PERIOD = '2026-12';
const EDITORS = 100;
const PASSWORD = 'bench-password';

export interface ScaleBenchOptions {
  duration: number;
  pgUrl: string;
  portals: number;
  categories: number;
  delayMs: number;
  latencyMs: number;
  /** Units each worker process crawls at once. */
  workerJobs: number;
  workers: number[];
  only?: 'saves' | 'crawl';
}

export interface SaveRow {
  database: string;
  /** How often each editor saves: null as fast as answers come back (closed loop, no pause), else every this many ms. */
  paceMs: number | null;
  savesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  conflicts: number;
  errors: number;
}

export interface CrawlRow {
  /** 0: in process (runCrawl), no queue. */
  workers: number;
  /** Units each worker holds at once (0 in process: every unit). */
  unitsPerWorker: number;
  jobs: number;
  seconds: number;
  pages: number;
  pagesPerSecond: number;
  /** Pages per second if every server were read exactly one delay apart from its first request to its last. */
  boundPagesPerSecond: number;
}

/** Time a worker process may take to start (tsx, four at once on two cores) before the run is given up. */
const WORKER_START_MS = 60_000;

/** Starts a worker process and resolves once it says it is ready (it then polls the queue). */
function startWorker(args: string[]): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => fail(new Error(`worker not ready after ${WORKER_START_MS} ms: ${said}`)), WORKER_START_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr!.setEncoding('utf8');
    // Read until ready (what it said goes into a failure's message); afterwards only drained.
    child.stderr!.on('data', (chunk: string) => {
      if (said.includes('Worker sẵn sàng')) return;
      said += chunk;
      if (said.includes('Worker sẵn sàng')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => fail(new Error(`worker exited with ${code}: ${said}`)));
  });
}

interface Editor {
  unitId: string;
  cookie: string;
  csrf: string;
}

/** Runs in the child: a server with one open period and EDITORS unit editors signed in. */
async function serveSaves(target: string, pgSchema?: string): Promise<{ url: string; editors: Editor[] }> {
  const handle = await openDatabase(target, pgSchema ? { pgSchema } : {});
  await createProvince(handle.db, { id: PROVINCE, name: 'Tỉnh thử' });
  await writePeriodEvaluations(handle.db, {
    provinceId: PROVINCE,
    periodId: '2026-11',
    lines: Array.from({ length: EDITORS }, (_, i) => ({ line: i + 2, group: 'UBND xã, phường', unit: `Xã số ${i + 1}`, required: 22, full: 22, partial: 0, none: 0, articles: 5, selfScore: 100, deductions: [] })),
  });
  await openPeriod(handle.db, cliActor(PROVINCE), { id: PERIOD, deadline: '2099-12-31T23:59:59+07:00' });
  const units = await listUnits(handle.db, PROVINCE);
  for (const [i, unit] of units.entries()) {
    await createUser(handle.db, cliActor(PROVINCE), { username: `editor${i}`, password: PASSWORD, role: 'unit-editor', unitId: unit.id });
  }
  const app = await buildApp({ db: handle, rateLimit: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const editors: Editor[] = [];
  for (const [i, unit] of units.entries()) {
    const response = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `editor${i}`, password: PASSWORD }),
    });
    const body = (await response.json()) as { csrfToken: string };
    editors.push({ unitId: unit.id, cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: body.csrfToken });
  }
  return { url: address, editors };
}

/**
 * Every editor saves again and again with the version it got back: as soon as the last save is
 * answered (paceMs null: a closed loop, whose latency is the number of editors over the
 * throughput), or once every paceMs, the editors spread evenly over that time. A paced save is timed
 * from when it was due, so a server falling behind shows as latency, not as fewer saves.
 */
async function driveSaves(url: string, editors: Editor[], seconds: number, paceMs: number | null): Promise<Omit<SaveRow, 'database'>> {
  const latencies: number[] = [];
  let conflicts = 0;
  let errors = 0;
  // undici's request, not fetch: fetch's web streams cost the client more CPU than the server spends
  // on a save, and on two shared cores that cost showed up as the server's latency. One kept-alive
  // connection per editor, as each editor's browser would hold.
  const pool = new Pool(url, { connections: editors.length, pipelining: 1 });
  const send = async (path: string, headers: Record<string, string>, body?: string) => {
    const response = await pool.request({ path, method: body === undefined ? 'GET' : 'PUT', headers, ...(body === undefined ? {} : { body }) });
    return { status: response.statusCode, body: (await response.body.json()) as { version?: number } };
  };
  const start = performance.now();
  const until = start + seconds * 1000;
  try {
    await Promise.all(
      editors.map(async (editor, i) => {
        const path = `/api/periods/${PERIOD}/units/${editor.unitId}/self-assessment`;
        const headers = { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/json' };
        let version = (await send(path, headers)).body.version!;
        let articles = i;
        let due = paceMs === null ? 0 : start + (i * paceMs) / editors.length;
        while ((paceMs === null ? performance.now() : due) < until) {
          if (paceMs !== null && due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
          articles += 1;
          const started = paceMs === null ? performance.now() : due;
          const response = await send(path, headers, JSON.stringify({ counts: { full: 21, partial: 1, none: 0 }, articles, selfScore: 98, version }));
          latencies.push(performance.now() - started);
          if (response.status === 200 && response.body.version !== undefined) version = response.body.version;
          else if (response.status === 409) conflicts += 1;
          else errors += 1;
          if (paceMs !== null) due += paceMs;
        }
      }),
    );
  } finally {
    await pool.close();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { paceMs, savesPerSecond: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), conflicts, errors };
}

/** A deadline crowd far beyond a real one: each of the editors saving once a second. */
const PACE_MS = 1000;

/** Seconds of saving, not counted, before each database's measured runs. */
const WARM_UP_S = 2;

async function measureSaves(label: string, target: string, seconds: number, pgSchema?: string): Promise<SaveRow[]> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve-saves'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ready = await new Promise<{ url: string; editors: Editor[] }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { url: string; editors: Editor[] }));
      child.once('exit', (code) => reject(new Error(`save server exited with ${code}`)));
      child.send({ target, pgSchema });
    });
    // Warm-up, as bench/http.ts gives autocannon: the first seconds of a new process are its JIT
    // compiling and each connection preparing its statements, and they held nearly every slow save
    // of a 10 s run. A server at the deadline has been up for days.
    await driveSaves(ready.url, ready.editors, WARM_UP_S, null);
    const flat = { database: label, ...(await driveSaves(ready.url, ready.editors, seconds, null)) };
    const paced = { database: label, ...(await driveSaves(ready.url, ready.editors, seconds, PACE_MS)) };
    return [flat, paced];
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill();
    await exited;
  }
}

async function dropSchemas(pgUrl: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
  await client.end();
}

/**
 * Crawls the farm's month in process (workers 0) or through the queue with `workers` worker
 * processes holding `unitsPerWorker` units at once each; the workers are up before the run starts.
 */
async function measureCrawl(options: ScaleBenchOptions, workers: number, unitsPerWorker: number): Promise<CrawlRow> {
  const schema = `bench_crawl_${randomBytes(4).toString('hex')}`;
  const queueSchema = `q_${schema}`;
  const farm = new Farm({ seed: 7, portals: options.portals, categories: options.categories, period: '2024-02', faults: false });
  const server = await startFarm(farm, { latencyMs: options.latencyMs, jitterMs: Math.round(options.latencyMs / 3), slowShare: options.latencyMs > 0 ? 0.02 : 0, slowResponseMs: options.latencyMs * 10 });
  let handle: DatabaseHandle | undefined;
  let children: ReturnType<typeof spawn>[] = [];
  try {
    handle = await openDatabase(options.pgUrl, { pgSchema: schema });
    await createProvince(handle.db, { id: PROVINCE, name: 'Tỉnh thử' });
    const indexes = Array.from({ length: options.portals }, (_, i) => i + 1);
    const sources = farm.sources(server.port, indexes);
    await writePeriodEvaluations(handle.db, {
      provinceId: PROVINCE,
      periodId: '2024-02',
      lines: sources.map((p, i) => ({ line: i + 2, group: 'Các Sở, ban, ngành tỉnh', unit: p.unit, required: options.categories, full: options.categories, partial: 0, none: 0, articles: 0, selfScore: 100, deductions: [] })),
    });
    await importSources(handle.db, cliActor(PROVINCE), { units: sources.map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories })) });
    // The fetcher's defaults otherwise (GLOBAL_CONNECTIONS), as the workers have them.
    const fetch = { perHostDelayMs: options.delayMs };
    let boss: Awaited<ReturnType<typeof openCrawlQueue>> | null = null;
    if (workers > 0) {
      boss = await openCrawlQueue({ connectionString: options.pgUrl, schema: queueSchema });
      const dbUrl = `${options.pgUrl}${options.pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const args = ['--db', dbUrl, 'worker', '--allow-loopback', '--queue-schema', queueSchema, '--concurrency', String(unitsPerWorker), '--delay-ms', String(options.delayMs)];
      children = await Promise.all(Array.from({ length: workers }, () => startWorker(args)));
    }
    const before = server.requests();
    const started = performance.now();
    let jobs = options.portals;
    if (boss === null) {
      await runCrawl(handle.db, PROVINCE, { periodId: '2024-02', allowLoopback: true, contact: 'mailto:bench@example.vn', fetch });
    } else {
      const queued = await enqueueCrawl(handle.db, boss, PROVINCE, { periodId: '2024-02' });
      jobs = queued.jobs;
      while (!(await crawlsRepo.getRun(handle.db, queued.runId))?.finished_at) await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    await boss?.stop({ graceful: false });
    const pages = server.requests() - before;
    // Each portal is its own server here: its requests, one delay apart, take (n - 1) delays and an answer.
    const busiest = Math.max(...sources.map((p) => server.requests(new URL(p.portal).hostname)));
    const boundSeconds = ((busiest - 1) * options.delayMs + options.latencyMs) / 1000;
    return {
      workers,
      unitsPerWorker,
      jobs,
      seconds: Math.round(seconds * 10) / 10,
      pages,
      pagesPerSecond: Math.round(pages / seconds),
      boundPagesPerSecond: Math.round(pages / boundSeconds),
    };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await handle?.close();
    await server.close();
    await dropSchemas(options.pgUrl, [schema, queueSchema]);
  }
}

export async function runScaleBench(options: ScaleBenchOptions): Promise<{ saves: SaveRow[]; crawl: CrawlRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-scale-'));
  const saves: SaveRow[] = [];
  if (options.only !== 'crawl') try {
    saves.push(...await measureSaves('SQLite', join(dir, 'saves.sqlite'), options.duration));
    const schema = `bench_saves_${randomBytes(4).toString('hex')}`;
    try {
      saves.push(...await measureSaves('PostgreSQL', options.pgUrl, options.duration, schema));
    } finally {
      await dropSchemas(options.pgUrl, [schema]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const crawl: CrawlRow[] = [];
  if (options.only !== 'saves') {
    const runs: [number, number][] = [[0, 0], [1, WORKER_UNITS_AT_ONCE], ...options.workers.map((w): [number, number] => [w, options.workerJobs])];
    for (const [workers, units] of runs) {
      const row = await measureCrawl(options, workers, units);
      process.stderr.write(`${JSON.stringify({ ...row, load: readLoad() })}\n`);
      crawl.push(row);
    }
  }
  return { saves, crawl };
}

export function formatScaleBench(result: { saves: SaveRow[]; crawl: CrawlRow[] }, options: ScaleBenchOptions): string {
  return [
    `Self-assessment saves over HTTP: ${EDITORS} unit editors at once, each saving again with the version it got back, ${options.duration} s per database and way of saving; server in its own process. "No pause": each editor saves again as soon as answered (a closed loop: latency is ${EDITORS} over the throughput). "Once a second": each editor saves every ${PACE_MS} ms, spread evenly, timed from when the save was due. Each database's server is warmed up first by ${WARM_UP_S} s of saves not counted; the client is undici's request, one connection per editor.`,
    '',
    '| database | each editor saves | saves/s | p50 | p99 | 409 conflicts | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...result.saves.map((r) => `| ${r.database} | ${r.paceMs === null ? 'with no pause' : `once every ${r.paceMs.toLocaleString('en-US')} ms`} | ${r.savesPerSecond.toLocaleString('en-US')} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.conflicts} | ${r.errors} |`),
    '',
    `Crawl of ${options.portals} farm portals × ${options.categories} categories (answers after ${options.latencyMs} ms + jitter, ${options.delayMs} ms between requests to a host, each portal its own server): in process (every portal in flight), then through pg-boss with one job per unit and per-server politeness held in PostgreSQL, by worker processes holding the given number of units at once each. The bound: pages per second if the busiest server were read one delay apart from its first request to its last.`,
    '',
    '| crawler | units per worker | jobs | wall time | pages fetched | pages/s | politeness bound |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.crawl.map((r) => `| ${r.workers === 0 ? 'in process' : `${r.workers} worker${r.workers > 1 ? 's' : ''}`} | ${r.workers === 0 ? 'all' : r.unitsPerWorker} | ${r.jobs.toLocaleString('en-US')} | ${r.seconds} s | ${r.pages.toLocaleString('en-US')} | ${r.pagesPerSecond.toLocaleString('en-US')} | ${r.boundPagesPerSecond.toLocaleString('en-US')} |`),
  ].join('\n');
}

if (process.argv.includes('--serve-saves')) {
  process.once('message', (m) => {
    const { target, pgSchema } = m as { target: string; pgSchema?: string };
    serveSaves(target, pgSchema).then(
      (ready) => process.send!(ready),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const only = process.argv[process.argv.indexOf('--only') + 1];
  const options: ScaleBenchOptions = {
    duration: arg('--duration', 10),
    portals: arg('--portals', 64),
    categories: arg('--categories', 8),
    delayMs: arg('--delay-ms', 1000),
    latencyMs: arg('--latency-ms', 150),
    workerJobs: arg('--worker-jobs', 16),
    ...(process.argv.includes('--only') && (only === 'saves' || only === 'crawl') ? { only } : {}),
    workers: [1, 2, 4],
    pgUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
  console.log(formatScaleBench(await runScaleBench(options), options));
}
