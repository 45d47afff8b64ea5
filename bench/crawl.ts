/**
 * `npm run bench:crawl [-- --portals 130 --categories 22 --big-portals 5000 --big-categories 4
 * --concurrency 32 --repeat 2 --crawlee-big --delay-ms 1000 --latency-ms 150 --jitter-ms 50
 * --slow-share 0.02 --slow-ms 1500 --hosts-per-server 1 --big-hosts-per-server 4 --only small|big]`:
 * our crawler and a plain Crawlee CheerioCrawler over the same portal farm, with the same
 * concurrency and the same delay between requests to a host (Crawlee on the 5,000-portal farm only
 * with --crawlee-big: it takes several minutes there). The farm runs in its own process, answers
 * after the given latency and counts the requests it answers; each crawler runs in its own process
 * so that its peak memory is its own. Prints one JSON line per crawler and scenario; writes
 * bench/results/crawl.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Farm } from '../src/crawler/farm/model.js';
import { STATS_HOST } from '../src/crawler/farm/server.js';

const { values } = parseArgs({
  options: {
    portals: { type: 'string', default: '130' },
    categories: { type: 'string', default: '22' },
    'big-portals': { type: 'string', default: '5000' },
    'big-categories': { type: 'string', default: '4' },
    concurrency: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '0' },
    'jitter-ms': { type: 'string' },
    'slow-share': { type: 'string' },
    'slow-ms': { type: 'string' },
    'hosts-per-server': { type: 'string', default: '1' },
    'big-hosts-per-server': { type: 'string' },
    only: { type: 'string' },
    'crawlee-max-seconds': { type: 'string', default: '240' },
    /** V8 old-space cap for both crawler processes (MB): garbage is then collected before it piles up. */
    'max-old-space-mb': { type: 'string' },
    /** Further V8 flags for both crawler processes, space-separated (for example "--optimize-for-size"). */
    'v8-flags': { type: 'string' },
    repeat: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    period: { type: 'string', default: '2024-02' },
    'crawlee-big': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/crawl.md' },
  },
});

const TSX = ['--import', 'tsx'];
const delayMs = Number(values['delay-ms']);
const latencyMs = Number(values['latency-ms']);
// Under latency a request holds its connection for that long: the budget must cover the servers in flight.
const concurrencyValue = values.concurrency ?? (latencyMs > 0 || delayMs > 0 ? '256' : '32');
const jitter = values['jitter-ms'] ?? String(Math.round(latencyMs / 3));
const slowShare = values['slow-share'] ?? (latencyMs > 0 ? '0.02' : '0');
const slowMs = values['slow-ms'] ?? String(latencyMs * 10);
const bigHostsPerServer = values['big-hosts-per-server'] ?? (delayMs > 0 ? '4' : '1');

interface Farmed {
  port: number;
  stop: () => void;
}

/** Starts the farm CLI and waits for its port. */
function startFarmProcess(portals: number, categories: number, hostsPerServer: string): Promise<Farmed> {
  const child = spawn(process.execPath, [
    ...TSX, 'src/crawler/farm/cli.ts', '--portals', String(portals), '--categories', String(categories), '--seed', values.seed,
    '--period', values.period, '--latency-ms', String(latencyMs), '--jitter-ms', jitter, '--slow-share', slowShare, '--slow-ms', slowMs,
    '--hosts-per-server', hostsPerServer,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve({ port: Number(match[1]), stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`farm exited with ${code}`)));
  });
}

function farmRequests(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', headers: { host: STATS_HOST } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve((JSON.parse(body) as { requests: number }).requests));
    }).on('error', reject).end();
  });
}

interface Run {
  wallMs: number;
  posts: number;
  peakRssMb: number;
  /** Cut at --crawlee-max-seconds before it finished. */
  stopped?: boolean;
}

/** Runs one crawler script as a child and reads its JSON line. */
function runCrawler(script: string, port: number, portals: number, categories: number, hostsPerServer: string): Promise<Run> {
  const args = [
    ...(values['max-old-space-mb'] ? [`--max-old-space-size=${values['max-old-space-mb']}`] : []),
    ...(values['v8-flags'] ? values['v8-flags'].split(/\s+/).filter(Boolean) : []),
    ...TSX, script, '--port', String(port), '--portals', String(portals), '--categories', String(categories), '--seed', values.seed,
    '--period', values.period, '--concurrency', concurrencyValue, '--delay-ms', String(delayMs), '--hosts-per-server', hostsPerServer,
    ...(script.includes('crawlee') ? ['--max-seconds', values['crawlee-max-seconds']] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Run);
    });
  });
}

/** What a correct crawler must find and the fewest requests it needs: one robots.txt per host, then the model's pages. */
function expectations(portals: number, categories: number): { posts: number; minimum: number } {
  const farm = new Farm({ seed: Number(values.seed), portals, categories, period: values.period, faults: false });
  let posts = 0;
  let minimum = 0;
  for (let i = 1; i <= portals; i++) {
    const portal = farm.portal(i)!;
    minimum += 1;
    for (const c of portal.categories) {
      posts += farm.expectedPosts(portal, c);
      minimum += farm.minimumRequests(portal, c);
    }
  }
  return { posts, minimum };
}

interface Row {
  scenario: string;
  crawler: string;
  wallS: number;
  requests: number;
  minimum: number;
  pagesPerS: number;
  peakRssMb: number;
  posts: number;
  expectedPosts: number;
  /** 1-minute load average when the run started (other work on a shared machine slows both). */
  load: number;
  /** /proc/loadavg's three averages at the end of the run. */
  loadEnd: string;
  delayMs: number;
  latencyMs: number;
  hostsPerServer: number;
  stopped: boolean;
}

/**
 * Runs the crawlers in turn, `repeat` rounds: on a shared machine the load changes from minute to
 * minute, so alternating runs and keeping each crawler's best gives a fairer ratio.
 */
async function scenario(name: string, portals: number, categories: number, withCrawlee: boolean, repeat: number, hostsPerServer: string): Promise<Row[]> {
  const farm = await startFarmProcess(portals, categories, hostsPerServer);
  const { posts: expectedPosts, minimum } = expectations(portals, categories);
  const rows: Row[] = [];
  try {
    const crawlers: [string, string][] = [['portal-scorecard', 'bench/crawl-ours.ts']];
    if (withCrawlee) crawlers.push(['Crawlee CheerioCrawler', 'bench/crawl-crawlee.ts']);
    const rounds = Array.from({ length: repeat }, () => crawlers).flat();
    for (const [crawler, script] of rounds) {
      const before = await farmRequests(farm.port);
      const load = loadavg()[0]!;
      const run = await runCrawler(script, farm.port, portals, categories, hostsPerServer);
      const requests = (await farmRequests(farm.port)) - before;
      const row: Row = {
        scenario: name, crawler, wallS: run.wallMs / 1000, requests, minimum,
        pagesPerS: requests / (run.wallMs / 1000), peakRssMb: run.peakRssMb, posts: run.posts, expectedPosts, load,
        loadEnd: loadavg().map((l) => l.toFixed(2)).join(' '), delayMs, latencyMs, hostsPerServer: Number(hostsPerServer),
        stopped: run.stopped === true,
      };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      rows.push(row);
    }
  } finally {
    farm.stop();
  }
  return rows;
}

const concurrency = Number(concurrencyValue);
const started = new Date();
const load = loadavg()[0]!.toFixed(1);
const politeness = delayMs > 0 || latencyMs > 0 ? `, ${delayMs} ms between requests to a server, ${latencyMs} ms latency` : '';
const rows = [
  ...(values.only === 'big' ? [] : await scenario(`${values.portals} portals × ${values.categories} categories${politeness}`, Number(values.portals), Number(values.categories), true, Number(values.repeat), values['hosts-per-server'])),
  ...(values.only === 'small' ? [] : await scenario(`${values['big-portals']} portals × ${values['big-categories']} categories${politeness}, ${bigHostsPerServer} hosts per server`, Number(values['big-portals']), Number(values['big-categories']), values['crawlee-big'], 1, bigHostsPerServer)),
];

const fmt = (n: number, d = 1): string => n.toFixed(d);
const table = rows
  .map((r) => `| ${r.scenario} | ${r.crawler} | ${fmt(r.wallS)} | ${r.requests} | ${r.minimum} | ${fmt(r.requests / r.minimum, 3)} | ${fmt(r.pagesPerS, 0)} | ${fmt(r.peakRssMb, 0)} | ${r.posts} / ${r.expectedPosts}${r.stopped ? ' (stopped)' : ''} | ${fmt(r.load)} / ${r.loadEnd} |`)
  .join('\n');
const best = (scenarioName: string, ours: boolean): Row | undefined =>
  rows
    .filter((r) => r.scenario === scenarioName && (r.crawler === 'portal-scorecard') === ours)
    .sort((a, b) => b.pagesPerS - a.pagesPerS)[0];
const ratios = [...new Set(rows.map((r) => r.scenario))].flatMap((s) => {
  const ours = best(s, true);
  const crawlee = best(s, false);
  return ours && crawlee
    ? [`- ${s}, best run of each: ${fmt(ours.pagesPerS / crawlee.pagesPerS, 2)}× Crawlee's pages per second (${fmt(ours.pagesPerS, 0)} against ${fmt(crawlee.pagesPerS, 0)}), ${fmt(crawlee.peakRssMb / ours.peakRssMb, 1)}× less peak memory.`]
    : [];
});
const md = `# Crawl benchmark

Measured ${started.toISOString()} with \`npm run bench:crawl -- ${process.argv.slice(2).join(' ')}\` on ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}),
Node ${process.version}; 1-minute load average at the start: ${load} (the machine is shared, so
timings vary between runs). Farm: seed ${values.seed}, period ${values.period}, every portal on its
own host name (pNNNN.farm.localhost) served by one farm process; with several hosts per server, those
hosts resolve (through the farm's resolver) to one loopback address per server (127.1.0.1, …).
Answers take ${latencyMs} ms plus up to ${jitter} ms of jitter, and ${slowShare} of them ${slowMs} ms more.
Both crawlers run with concurrency ${concurrency} and ${delayMs} ms between requests: ours per server
address (hosts sharing an address share the budget), Crawlee per host name (\`sameDomainDelaySecs\`, it
has no notion of a server). Ours also keeps at most 2 requests per server (1 under a delay) and reads robots.txt, as
Crawlee does with \`respectRobotsTxtFile\`. Requests are counted by the farm; the minimum is one robots.txt per
host plus, per category, the listing pages up to the first that reaches a post older than the period
(for sitemaps: the index and the months that can hold posts of the period). Peak memory is the
process's maximum resident set size.

| Scenario | Crawler | Wall (s) | Requests | Minimum | Requests / minimum | Pages/s | Peak RSS (MB) | Posts found / expected | Load at start / at end (1, 5, 15 min) |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table}

${ratios.join('\n')}

Aims: at least 1.5× Crawlee's pages per second, requests at most 1.05× the minimum, peak
memory under 300 MB at 5,000 portals with no delay between requests (under politeness every portal
is in flight at once and V8, left uncapped, lets the heap grow past that). Under politeness: 5,000 portals × 22 categories,
1 s between requests to a server and 150 ms latency, in under 10 minutes and 400 MB, requests at the
minimum. A run marked "stopped" was cut after ${values['crawlee-max-seconds']} s (\`--crawlee-max-seconds\`): Crawlee's
\`sameDomainDelaySecs\` puts each delayed request back in the queue and idles, so its pages per second
are those it read until then.

Notes: the 5,000-portal farm has ${values['big-categories']} categories per portal so that the whole benchmark stays
within a few minutes on two cores (22 categories there is about 190,000 requests); our crawler hands
each portal's results over as the portal ends, so its memory does not grow with the number of
categories crawled. Crawlee runs on that farm with \`--crawlee-big\` (several minutes). Peak memory
includes the TypeScript loader (tsx), about 120 MB before the first request, for both crawlers.
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(values.out, md);
process.stdout.write(`\nWritten to ${values.out}\n`);
