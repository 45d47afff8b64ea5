/**
 * `crawl --politeness/--delay-ms/--per-server`: the command line sets how hard one server is pressed,
 * seen from the server's side (when each request arrived, how many were in progress at once).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Farm } from '../../src/crawler/farm/model.js';
import { startFarm, type FarmServer } from '../../src/crawler/farm/server.js';
import { formatNumber } from '../../src/domain/text.js';
import { cliActor } from '../../src/services/audit.js';
import { writePeriodEvaluations } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { importSources } from '../../src/services/sources.js';
import { spawnCli } from '../helpers/cli.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';

const farm = new Farm({ seed: 11, portals: 2, categories: 3, period: '2024-02', faults: false });
const portal = farm.portal(1)!;
let server: FarmServer;
let db: TestDatabase;
let cleanup: () => Promise<void>;

before(async () => {
  // Every answer takes 80 ms, so that two requests allowed at once really overlap.
  server = await startFarm(farm, { latencyMs: 80 });
  ({ database: db, cleanup } = await openTestDatabase('sqlite'));
  const province = await resolveProvince(db.db);
  await writePeriodEvaluations(db.db, {
    provinceId: province.id,
    periodId: '2024-02',
    lines: [{
      line: 2, group: 'Các Sở, ban, ngành tỉnh', unit: portal.unit, required: 3, full: 3, partial: 0, none: 0, articles: 10, selfScore: 100,
      deductions: [], categories: portal.categories.map((c) => ({ name: c.name, status: 'full' as const, evidenceUrl: null })),
    }],
  });
  const sources = farm.sources(server.port, [1]).map((p) => ({ name: p.unit, portal: p.portal, categories: p.categories }));
  await importSources(db.db, cliActor(province.id), { units: sources });
});
after(async () => {
  await server.close();
  await cleanup();
});

/** Spawned, not run in-process: the farm answers from this process while the command runs. */
const cli = (args: string[]) => spawnCli(['--db', db.url, ...args]);
const crawl = (...flags: string[]) => cli(['crawl', '--period', '2024-02', '--json', '--allow-loopback', ...flags]);
const ADDRESS = '127.0.0.1';

function exactCounts(stdout: string): void {
  const summary = JSON.parse(stdout) as { units: { categories: { name: string; posts: number; complete: boolean }[] }[] };
  assert.deepEqual(
    summary.units[0]!.categories.map((c) => [c.name, c.posts, c.complete]),
    portal.categories.map((c) => [c.name, farm.expectedPosts(portal, c), true]),
  );
}

test('crawl --per-server 1: one request at a time to the server, the counts still exact', async () => {
  const run = await crawl('--per-server', '1', '--delay-ms', '0');
  assert.equal(run.code, 0, run.stderr);
  exactCounts(run.stdout);
  assert.equal(server.peakInFlight(ADDRESS), 1);
  // The default allows two at once: the same crawl then overlaps its 80 ms answers.
  const parallel = await crawl('--per-server', '4', '--delay-ms', '0');
  assert.equal(parallel.code, 0, parallel.stderr);
  assert.ok(server.peakInFlight(ADDRESS) > 1, `peak ${server.peakInFlight(ADDRESS)}`);
});

test('crawl --delay-ms: requests to one server start at least that far apart', async () => {
  const from = server.arrivals(ADDRESS).length;
  const run = await crawl('--delay-ms', '500', '--politeness', 'host');
  assert.equal(run.code, 0, run.stderr);
  exactCounts(run.stdout);
  const listing = server.arrivals(ADDRESS).slice(from).filter((a) => a.path !== '/robots.txt');
  assert.ok(listing.length >= 3, `${listing.length} requests`);
  // Measured at the server: the first request's connection may take a little longer to arrive, so
  // the span is checked with that allowance rather than every gap to the millisecond.
  const span = listing.at(-1)!.at - listing[0]!.at;
  assert.ok(span >= (listing.length - 1) * 500 - 150, `${listing.length} requests over ${span} ms`);
});

test('crawl without --json prints the summary as the board writes it: the period as 02/2024, exact counts without "≥"', async () => {
  const run = await cli(['crawl', '--period', '2024-02', '--allow-loopback', '--delay-ms', '0']);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  const unitLine = lines.find((l) => l.startsWith(`${portal.unit}: `));
  assert.match(unitLine ?? '', /^[^:]+: \d[\d.]* tin, bài trong kỳ 02\/2024$/, run.stdout);
  for (const c of portal.categories) {
    assert.ok(lines.some((l) => l.startsWith(`   ${c.name}: ${formatNumber(farm.expectedPosts(portal, c))} (`)), run.stdout);
  }
  assert.doesNotMatch(run.stdout, /2024-02|≥/);
});

test('crawl politeness flags: wrong values are refused, naming the flag and what it takes; --help lists them', async () => {
  const wrongMode = await crawl('--politeness', 'ip');
  assert.equal(wrongMode.code, 1);
  assert.match(wrongMode.stderr, /--politeness nhận "server" .* hoặc "host"/);
  const wrongDelay = await crawl('--delay-ms', '-5');
  assert.equal(wrongDelay.code, 1);
  assert.match(wrongDelay.stderr, /--delay-ms phải là số mili giây từ 0 đến 600000/);
  const wrongPerServer = await crawl('--per-server', '0');
  assert.equal(wrongPerServer.code, 1);
  assert.match(wrongPerServer.stderr, /--per-server phải là số yêu cầu từ 1 đến 16/);
  // Queued crawls are read by the workers: the flags belong to "worker", and are not silently dropped.
  const queued = await crawl('--queue', '--delay-ms', '1000');
  assert.equal(queued.code, 1);
  assert.match(queued.stderr, /không áp dụng cho --queue: hãy đặt chúng cho tiến trình "worker"/);
  const help = await cli(['crawl', '--help']);
  for (const flag of ['--politeness <server|host>', '--delay-ms <n>', '--per-server <n>']) assert.ok(help.stdout.includes(flag), flag);
});

test('worker flags: units at once and the queue timings are whole numbers within bounds, refused before any connection', async () => {
  // Nothing listens on port 9: a flag checked after connecting would show up as a connection error.
  const worker = (...flags: string[]) => spawnCli(['--db', 'postgres://postgres@127.0.0.1:9/none', 'worker', ...flags]);
  for (const [flags, message] of [
    [['--concurrency', 'abc'], /--concurrency phải là số đơn vị từ 1 đến 5000/],
    [['--concurrency', '0'], /--concurrency phải là số đơn vị từ 1 đến 5000/],
    [['--concurrency', '5001'], /--concurrency phải là số đơn vị từ 1 đến 5000/],
    [['--expire-seconds', '1.5'], /--expire-seconds phải là số giây từ 5 đến 86400/],
    [['--maintenance-seconds', ''], /--maintenance-seconds phải là số giây từ 1 đến 3600/],
  ] as const) {
    const run = await worker(...flags);
    assert.equal(run.code, 1, flags.join(' '));
    assert.match(run.stderr, message, flags.join(' '));
  }
  const help = await cli(['worker', '--help']);
  assert.match(help.stdout, /--concurrency <n>\s+số đơn vị \(việc\) đọc cùng lúc \(1–5000\)\s+\(default:\s+"256"\)/);
});
