/**
 * HTTP benchmark: autocannon against GET /api/periods/:period/ranking of a 130-unit
 * month, signed in, at 100 connections, without and with a browser's Accept-Encoding; in the same run, two bare Fastify routes with the same JSON
 * from memory: one serialising the object on each request (the comparison issue 15 set), one
 * sending bytes encoded once (what Fastify can do at best here, as the API sends its cached report).
 * Aim: at least 50% of the bare route's throughput, p99 under 50 ms.
 * Run alone: node --import tsx bench/http.ts [--duration 10] [--no-pg]
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { request } from 'undici';
import { type DatabaseHandle, openDatabase } from '../src/db/connection.js';
import { buildApp } from '../src/http/app.js';
import { cliActor } from '../src/services/audit.js';
import { writePeriodEvaluations } from '../src/services/import.js';
import { createProvince } from '../src/services/provinces.js';
import { getPeriodReport } from '../src/services/report.js';
import { createUser } from '../src/services/users.js';
import { NATIONAL, provinceMonth } from './core.js';
import { publish } from '../src/services/publishing.js';

export interface HttpBenchOptions {
  /** Seconds per measurement (after a short warm-up). */
  duration: number;
  connections: number;
  /** PostgreSQL to measure too; undefined for SQLite only. */
  pgUrl?: string;
}

/** What `npm run bench` uses: 100 concurrent connections (the load the ranking API is sized for), 10 s per target. */
export const HTTP_BENCH_DEFAULTS: HttpBenchOptions = {
  duration: 10,
  connections: 100,
  pgUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};

export interface HttpBenchRow {
  target: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export interface HttpBenchResult {
  units: number;
  bodyBytes: number;
  rows: HttpBenchRow[];
}

const PROVINCE = 'bench';
const PERIOD = '2024-01';
const PASSWORD = 'bench-password';

async function seed(handle: DatabaseHandle): Promise<void> {
  await createProvince(handle.db, {
    id: PROVINCE,
    name: 'Tỉnh thử',
    settings: { issuingBody: 'BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH', place: 'Thử', recipients: ['Các đơn vị'] },
  });
  await writePeriodEvaluations(handle.db, { provinceId: PROVINCE, periodId: PERIOD, lines: provinceMonth(NATIONAL, 0, 1) });
  await publish(handle.db, cliActor(PROVINCE), PERIOD, { number: '01/BBT-CTTĐT', date: '2024-01-25' });
  await createUser(handle.db, cliActor(PROVINCE), { username: 'bench-viewer', password: PASSWORD, role: 'viewer' });
}

/** What Chromium sends with every request; the web app's reads of the ranking go out with it. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** The encoding the server answers in to these headers, checked before a row claims it. */
async function answeredEncoding(url: string, headers: Record<string, string>): Promise<string> {
  const response = await request(url, { headers });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  return String(response.headers['content-encoding'] ?? 'identity');
}

async function measure(target: string, url: string, options: HttpBenchOptions, headers: Record<string, string> = {}): Promise<HttpBenchRow> {
  await autocannon({ url, connections: options.connections, duration: 2, headers });
  const r = await autocannon({ url, connections: options.connections, duration: options.duration, headers });
  return { target, requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/** The same route asked as the web app asks it, with the browser's Accept-Encoding. */
async function measureAsBrowser(target: string, ready: ServeReady, options: HttpBenchOptions): Promise<HttpBenchRow> {
  const headers = { cookie: ready.cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING };
  const encoding = await answeredEncoding(ready.url, headers);
  return measure(`${target}, as a browser asks (answered in ${encoding})`, ready.url, options, headers);
}

/** What the parent asks of the server process, and what it answers once listening. */
type ServeRequest = { kind: 'api'; target: string; pgSchema?: string } | { kind: 'bare' | 'bare-bytes'; json: string };
interface ServeReady {
  url: string;
  cookie: string;
  json: string;
}

/**
 * Runs in the child process: the server under test gets its own event loop and core, so that
 * autocannon (in the parent) does not compete with it for one thread.
 */
async function serve(request: ServeRequest): Promise<ServeReady> {
  if (request.kind !== 'api') {
    // The same JSON from memory: as a plain object Fastify serialises on each request, or as bytes.
    const report: unknown = JSON.parse(request.json);
    const bytes = Buffer.from(request.json);
    const bare = Fastify();
    bare.get('/ranking', request.kind === 'bare' ? async () => report : async (_, reply) => reply.type('application/json; charset=utf-8').send(bytes));
    const address = await bare.listen({ port: 0, host: '127.0.0.1' });
    return { url: `${address}/ranking`, cookie: '', json: request.json };
  }
  const handle = await openDatabase(request.target, request.pgSchema ? { pgSchema: request.pgSchema } : {});
  await seed(handle);
  const app = await buildApp({ db: handle, rateLimit: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-viewer', password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const url = `${address}/api/periods/${PERIOD}/ranking`;
  const json = await (await fetch(url, { headers: { cookie } })).text();
  return { url, cookie, json };
}

async function inChild<T>(request: ServeRequest, body: (ready: ServeReady) => Promise<T>): Promise<T> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ready = await new Promise<ServeReady>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ServeReady));
      child.once('exit', (code) => reject(new Error(`benchmark server exited with code ${code}`)));
      child.send(request);
    });
    return await body(ready);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill();
    await exited;
  }
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ps-bench-http-'));
  const rows: HttpBenchRow[] = [];
  let json = '';
  try {
    await inChild({ kind: 'api', target: join(dir, 'bench.sqlite') }, async (ready) => {
      json = ready.json;
      rows.push(await measure('API ranking, SQLite', ready.url, options, { cookie: ready.cookie }));
      rows.push(await measureAsBrowser('API ranking, SQLite', ready, options));
    });
    if (options.pgUrl) {
      const schema = `bench_http_${randomBytes(4).toString('hex')}`;
      try {
        await inChild({ kind: 'api', target: options.pgUrl, pgSchema: schema }, async (ready) => {
          rows.push(await measure('API ranking, PostgreSQL', ready.url, options, { cookie: ready.cookie }));
          rows.push(await measureAsBrowser('API ranking, PostgreSQL', ready, options));
        });
      } finally {
        const client = new pg.Client({ connectionString: options.pgUrl });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      }
    }
    await inChild({ kind: 'bare', json }, async (ready) => {
      rows.push(await measure('bare Fastify, same JSON from memory', ready.url, options));
    });
    await inChild({ kind: 'bare-bytes', json }, async (ready) => {
      rows.push(await measure('bare Fastify, same JSON as bytes encoded once', ready.url, options));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { units: NATIONAL.units, bodyBytes: Buffer.byteLength(json), rows };
}

export function formatHttpBench(result: HttpBenchResult, options: HttpBenchOptions): string {
  const bare = result.rows.find((r) => r.target.startsWith('bare Fastify, same JSON from memory'))!;
  const bytes = result.rows.find((r) => r.target.startsWith('bare Fastify, same JSON as bytes'))!;
  const lines = [
    `GET /api/periods/:period/ranking of a ${result.units}-unit month (${(result.bodyBytes / 1024).toFixed(1)} KB of JSON), signed in as a viewer, ` +
      `${options.connections} connections, ${options.duration} s per target after a 2 s warm-up; each server in its own process, autocannon in another, on one machine.`,
    '',
    '| target | requests/s | p50 | p99 | vs bare | vs bare bytes | non-2xx / errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.rows.map(
      (r) =>
        `| ${r.target} | ${Math.round(r.requestsPerSecond).toLocaleString('en-US')} | ${r.p50Ms} ms | ${r.p99Ms} ms | ` +
        `${((r.requestsPerSecond / bare.requestsPerSecond) * 100).toFixed(0)}% | ${((r.requestsPerSecond / bytes.requestsPerSecond) * 100).toFixed(0)}% | ${r.non2xx} / ${r.errors} |`,
    ),
    '',
    `Aim: at least 50% of the bare route's throughput and p99 under 50 ms — ` +
      result.rows
        .filter((r) => r !== bare && r !== bytes)
        .map(
          (r) =>
            `${r.target}: throughput ${r.requestsPerSecond >= 0.5 * bare.requestsPerSecond ? 'met' : 'MISSED'}, ` +
            `p99 ${r.p99Ms < 50 ? 'met' : 'MISSED'}`,
        )
        .join('; ') +
      ` (the bare routes' own p99: ${bare.p99Ms} and ${bytes.p99Ms} ms).`,
  ];
  return lines.join('\n');
}

if (process.argv.includes('--serve')) {
  process.once('message', (request) => {
    serve(request as ServeRequest).then(
      (ready) => process.send!(ready),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--duration');
  const { pgUrl, ...defaults } = HTTP_BENCH_DEFAULTS;
  const options: HttpBenchOptions = {
    ...defaults,
    ...(at > 0 ? { duration: Number(process.argv[at + 1]) } : {}),
    ...(process.argv.includes('--no-pg') || !pgUrl ? {} : { pgUrl }),
  };
  console.log(formatHttpBench(await runHttpBench(options), options));
}
