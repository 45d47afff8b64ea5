/**
 * `npm run bench`: every benchmark of the project in one run, printed as the Markdown the README's
 * Performance section quotes. The crawler's own comparison with Crawlee is `npm run bench:crawl`.
 * Options: --quick (smaller data and shorter runs, to check the benchmarks work), --only NAME[,NAME].
 */
import { formatBundleBench, runBundleBench } from './bundle.js';
import { formatCoreBench, NATIONAL, runCoreBench } from './core.js';
import { DOCUMENTS_DEFAULTS, formatDocumentsBench, runDocumentsBench } from './documents.js';
import { formatFirstPaintBench, runFirstPaintBench } from './first-paint.js';
import { formatHttpBench, runHttpBench } from './http.js';
import { formatScaleBench, runScaleBench } from './scale.js';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1]!.split(',')) : null;
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const wanted = (name: string) => only === null || only.has(name);

const sections: [string, string, () => Promise<string>][] = [
  ['core', 'Import and ranking report', async () => {
    const options = quick ? { ...NATIONAL, provinces: 2, months: 2, reportRuns: 50, pgUrl } : { ...NATIONAL, pgUrl };
    return formatCoreBench(await runCoreBench(options));
  }],
  ['documents', 'Notice documents', async () => {
    const options = quick ? { ...DOCUMENTS_DEFAULTS, runs: 3 } : DOCUMENTS_DEFAULTS;
    return formatDocumentsBench(await runDocumentsBench(options), options);
  }],
  ['http', 'Ranking API', async () => {
    const options = { duration: quick ? 2 : 10, connections: 100, pgUrl };
    return formatHttpBench(await runHttpBench(options), options);
  }],
  ['bundle', 'Web bundle', async () => formatBundleBench(await runBundleBench())],
  ['first-paint', 'First paint in Chromium', async () => formatFirstPaintBench(await runFirstPaintBench())],
  ['scale', 'Saves at the deadline and distributed crawl', async () => {
    const options = { duration: quick ? 2 : 10, portals: quick ? 4 : 64, categories: quick ? 3 : 8, delayMs: 1000, latencyMs: 150, workerJobs: 16, workers: [1, 2, 4], pgUrl };
    return formatScaleBench(await runScaleBench(options), options);
  }],
];

const started = new Date();
console.log(`# portal-scorecard benchmarks\n\n${started.toISOString()} · Node ${process.version} · ${quick ? 'quick run' : 'full run'}\n`);
for (const [name, title, run] of sections) {
  if (!wanted(name)) continue;
  const t0 = Date.now();
  console.log(`## ${title}\n\n${await run()}\n\n(${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
