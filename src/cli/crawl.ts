import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { CATEGORY_STATUS_LABELS } from '../domain/evaluation.js';
import { countText } from '../domain/measured.js';
import { periodLabel } from '../domain/period.js';
import { formatNumber } from '../domain/text.js';
import { errors } from '../errors.js';
import { crossCheck, type CrawlSummary, runCrawl } from '../services/crawl.js';
import { enqueueCrawl, openCrawlQueue } from '../services/crawl-jobs.js';
import { databaseTarget, withContext } from './context.js';
import { info, printJson, printLines } from './output.js';
import { addPolitenessOptions, politenessOptions, type PolitenessFlags } from './politeness.js';
import { queueUrl } from './worker.js';

const STATUS_LABELS = { ...CATEGORY_STATUS_LABELS, unverified: 'chưa kiểm chứng' } as const;

/** One bar per unit on a terminal (on stderr, so that stdout keeps only the result). */
function progressBars(): { onProgress: (e: { unit: string; done: number; total: number }) => void; stop: () => void } | null {
  if (!process.stderr.isTTY) return null;
  const multi = new MultiBar(
    { stream: process.stderr, format: ' {bar} {value}/{total} {unit}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  return {
    onProgress: ({ unit, done, total }) => {
      const bar = bars.get(unit);
      if (bar) bar.update(done, { unit });
      else bars.set(unit, multi.create(total, done, { unit }));
    },
    stop: () => multi.stop(),
  };
}

function summaryLines(summary: CrawlSummary): string[] {
  return summary.units.flatMap((u) => [
    // Lower bounds read "≥ 7": never printed as if exact.
    `${u.name}: ${countText(u.posts, u.complete, formatNumber)} tin, bài trong kỳ ${periodLabel(summary.period)}`,
    ...u.categories.map(
      (c) =>
        `   ${c.name}: ${countText(c.posts, c.complete, formatNumber)} (${STATUS_LABELS[c.status]})` +
        `${c.onlyOtherCategories ? ' — mọi tin đều thuộc chuyên mục khác' : ''}${c.error ? ` — ${c.error}` : ''}`,
    ),
    ...u.overlaps.map((o) => `   ${formatNumber(o.posts)} tin có ở cả "${o.categories[0]}" và "${o.categories[1]}" (chỉ đếm một lần)`),
  ]);
}

interface CrawlFlags extends PolitenessFlags {
  period: string;
  unit?: string;
  json?: boolean;
  allowLoopback?: boolean;
  queue?: boolean;
  queueSchema: string;
}

export function registerCrawl(program: Command): void {
  const crawl = program
    .command('crawl')
    .description('Đọc cổng của các đơn vị và đếm tin, bài từng chuyên mục trong kỳ (crawl the units\' portals)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .option('--unit <name>', 'chỉ một đơn vị')
    .option('--json', 'in tóm tắt dạng JSON')
    .option('--allow-loopback', 'cho phép đọc địa chỉ loopback (cổng giả lập khi thử nghiệm)')
    .option('--queue', 'gửi vào hàng đợi cho các tiến trình "worker" thay vì đọc ngay (PostgreSQL)')
    .option('--queue-schema <name>', 'schema của pg-boss', 'pgboss');
  addPolitenessOptions(crawl)
    .action(async (options: CrawlFlags, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const fetch = politenessOptions(options);
        if (options.queue && (options.delayMs !== undefined || options.perServer !== undefined || options.politeness !== 'server')) {
          // Queued crawls are read by the workers, under the workers' own flags: silently ignoring these would mislead.
          throw errors.validation('--politeness, --delay-ms và --per-server không áp dụng cho --queue: hãy đặt chúng cho tiến trình "worker".');
        }
        if (options.queue) {
          const boss = await openCrawlQueue({ connectionString: queueUrl(databaseTarget(command)), schema: options.queueSchema });
          try {
            const queued = await enqueueCrawl(handle.db, boss, province.id, { periodId: options.period, unitName: options.unit });
            if (options.json) return printJson(queued);
            info(`Đã gửi ${queued.jobs} việc vào hàng đợi (lượt đọc ${queued.runId}).`);
          } finally {
            await boss.stop({ graceful: false });
          }
          return;
        }
        const bars = progressBars();
        let summary: CrawlSummary;
        try {
          summary = await runCrawl(handle.db, province.id, {
            periodId: options.period,
            unitName: options.unit,
            allowLoopback: options.allowLoopback ?? false,
            contact: loadConfig().CRAWLER_CONTACT,
            fetch,
            onProgress: bars?.onProgress,
          });
        } finally {
          bars?.stop();
        }
        if (options.json) return printJson(summary);
        printLines(summaryLines(summary));
      });
    });

  // --period and --json belong to `crawl` itself, which reads them wherever they are written.
  crawl
    .command('check')
    .description('Đối chiếu tự đánh giá với kết quả đọc cổng: đề xuất trừ điểm kèm bằng chứng (crawl check --period YYYY-MM [--json])')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ period: string; json?: boolean }>();
      await withContext(command, async ({ handle, actor }) => {
        const result = await crossCheck(handle.db, actor, options.period);
        if (options.json) return printJson(result);
        const { units } = result;
        if (units.length === 0) return printLines(['Tự đánh giá khớp với kết quả đọc cổng.']);
        printLines(
          units.flatMap((u) => [
            u.unitName,
            ...u.proposals.flatMap((p, i) => [
              `${i + 1}.\t-${formatNumber(p.points)}\t${p.reason}`,
              ...p.evidence.flatMap((e) => [
                `\t${e.category}: ${e.posts ?? '—'} tin, bài (tối thiểu ${e.min})`,
                ...e.items.map((item) => `\t\t${item.date.slice(0, 10)} ${item.title} <${item.url}>`),
              ]),
            ]),
            ...u.checks.map((c) => `\tKiểm tra\t${c}`),
          ]),
        );
      });
    });
}
