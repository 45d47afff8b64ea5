/**
 * `npm run bench:crawl [-- --portals 130 --categories 22 --big-portals 5000 --big-categories 4
 * --concurrency 32 --repeat 2 --crawlee-big]`: our crawler and a plain Crawlee CheerioCrawler over the same
 * portal farm, with the same concurrency (Crawlee on the 5,000-portal farm only with --crawlee-big:
 * it takes several minutes there). The farm runs in its own process and counts the requests
 * it answers; each crawler runs in its own process so that its peak memory is its own. Writes
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
    concurrency: { type: 'string', default: '32' },
    repeat: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    period: { type: 'string', default: '2024-02' },
    'crawlee-big': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/crawl.md' },
  },
});

const TSX = ['--import', 'tsx'];

interface Farmed {
  port: number;
  stop: () => void;
}

/** Starts the farm CLI and waits for its port. */
function startFarmProcess(portals: number, categories: number): Promise<Farmed> {
  const child = spawn(process.execPath, [...TSX, 'src/crawler/farm/cli.ts', '--portals', String(portals), '--categories', String(categories), '--seed', values.seed, '--period', values.period], { stdio: ['ignore', 'pipe', 'inherit'] });
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
}

/** Runs one crawler script as a child and reads its JSON line. */
function runCrawler(script: string, port: number, portals: number, categories: number): Promise<Run> {
  const args = [...TSX, script, '--port', String(port), '--portals', String(portals), '--categories', String(categories), '--seed', values.seed, '--period', values.period, '--concurrency', values.concurrency];
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
}

/**
 * Runs the crawlers in turn, `repeat` rounds: on a shared machine the load changes from minute to
 * minute, so alternating runs and keeping each crawler's best gives a fairer ratio.
 */
async function scenario(name: string, portals: number, categories: number, withCrawlee: boolean, repeat: number): Promise<Row[]> {
  const farm = await startFarmProcess(portals, categories);
  const { posts: expectedPosts, minimum } = expectations(portals, categories);
  const rows: Row[] = [];
  try {
    const crawlers: [string, string][] = [['portal-scorecard', 'bench/crawl-ours.ts']];
    if (withCrawlee) crawlers.push(['Crawlee CheerioCrawler', 'bench/crawl-crawlee.ts']);
    const rounds = Array.from({ length: repeat }, () => crawlers).flat();
    for (const [crawler, script] of rounds) {
      const before = await farmRequests(farm.port);
      const load = loadavg()[0]!;
      const run = await runCrawler(script, farm.port, portals, categories);
      const requests = (await farmRequests(farm.port)) - before;
      const row: Row = {
        scenario: name, crawler, wallS: run.wallMs / 1000, requests, minimum,
        pagesPerS: requests / (run.wallMs / 1000), peakRssMb: run.peakRssMb, posts: run.posts, expectedPosts, load,
      };
      process.stdout.write(`${JSON.stringify(row)}\n`);
      rows.push(row);
    }
  } finally {
    farm.stop();
  }
  return rows;
}

const concurrency = Number(values.concurrency);
const started = new Date();
const load = loadavg()[0]!.toFixed(1);
const rows = [
  ...(await scenario(`${values.portals} portals × ${values.categories} categories`, Number(values.portals), Number(values.categories), true, Number(values.repeat))),
  ...(await scenario(`${values['big-portals']} portals × ${values['big-categories']} categories`, Number(values['big-portals']), Number(values['big-categories']), values['crawlee-big'], 1)),
];

const fmt = (n: number, d = 1): string => n.toFixed(d);
const table = rows
  .map((r) => `| ${r.scenario} | ${r.crawler} | ${fmt(r.wallS)} | ${r.requests} | ${r.minimum} | ${fmt(r.requests / r.minimum, 3)} | ${fmt(r.pagesPerS, 0)} | ${fmt(r.peakRssMb, 0)} | ${r.posts} / ${r.expectedPosts} | ${fmt(r.load)} |`)
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

Measured ${started.toISOString()} with \`npm run bench:crawl\` on ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}),
Node ${process.version}; 1-minute load average at the start: ${load} (the machine is shared, so
timings vary between runs). Farm: seed ${values.seed}, period ${values.period}, every portal on its
own host name (pNNNN.farm.localhost) served by one farm process on 127.0.0.1. Both crawlers run with
concurrency ${concurrency}; ours also keeps at most 2 requests per host and reads robots.txt, as Crawlee
does with \`respectRobotsTxtFile\`. Requests are counted by the farm; the minimum is one robots.txt per
host plus, per category, the listing pages up to the first that reaches a post older than the period
(for sitemaps: the index and the months that can hold posts of the period). Peak memory is the
process's maximum resident set size.

| Scenario | Crawler | Wall (s) | Requests | Minimum | Requests / minimum | Pages/s | Peak RSS (MB) | Posts found / expected | Load at start |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${table}

${ratios.join('\n')}

Aims (issue 5): at least 1.5× Crawlee's pages per second, requests at most 1.05× the minimum, peak
memory under 300 MB at 5,000 portals.

Notes: the 5,000-portal farm has ${values['big-categories']} categories per portal so that the whole benchmark stays
within a few minutes on two cores (22 categories there is about 190,000 requests); our crawler hands
each portal's results over as the portal ends, so its memory does not grow with the number of
categories crawled. Crawlee runs on that farm with \`--crawlee-big\` (several minutes). Peak memory
includes the TypeScript loader (tsx), about 120 MB before the first request, for both crawlers.
`;
mkdirSync('bench/results', { recursive: true });
writeFileSync(values.out, md);
process.stdout.write(`\nWritten to ${values.out}\n`);
