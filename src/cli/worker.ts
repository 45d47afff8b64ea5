import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { isPostgresUrl, openDatabase } from '../db/connection.js';
import { errors } from '../errors.js';
import { periodLabel } from '../domain/period.js';
import { MAX_UNITS_AT_ONCE, openCrawlQueue, startCrawlWorker, startNightlyCrawl, WORKER_UNITS_AT_ONCE } from '../services/crawl-jobs.js';
import { smtpTransport } from '../services/mail.js';
import { startMailSchedule } from '../services/mail-jobs.js';
import { databaseTarget } from './context.js';
import { info, printError } from './output.js';
import { addPolitenessOptions, politenessOptions, type PolitenessFlags, wholeFlag } from './politeness.js';

interface WorkerOptions extends PolitenessFlags {
  concurrency: string;
  allowLoopback?: boolean;
  schedule?: boolean;
  queueSchema: string;
  expireSeconds: string;
  maintenanceSeconds: string;
}

/** The queue lives in PostgreSQL: the embedded database crawls in-process (`crawl`). */
export function queueUrl(target: string): string {
  if (!isPostgresUrl(target)) throw errors.validation('Hàng đợi cần PostgreSQL (DATABASE_URL=postgres://…); với SQLite hãy dùng "crawl".');
  return target;
}

export function registerWorker(program: Command): void {
  const worker = program
    .command('worker')
    .description('Chạy tiến trình đọc cổng lấy việc từ hàng đợi pg-boss (distributed crawl worker; PostgreSQL)')
    .option('--concurrency <n>', `số đơn vị (việc) đọc cùng lúc (1–${MAX_UNITS_AT_ONCE})`, String(WORKER_UNITS_AT_ONCE))
    .option('--allow-loopback', 'cho phép đọc địa chỉ loopback (cổng giả lập)');
  addPolitenessOptions(worker)
    .option('--schedule', 'đăng ký lịch đọc cổng hằng đêm (01:30) cho kỳ hiện tại; có SMTP_URL: nhắc hạn lúc 08:00 và gửi thư mỗi phút')
    .option('--queue-schema <name>', 'schema của pg-boss', 'pgboss')
    .option('--expire-seconds <n>', 'việc quá thời gian này (tiến trình chết) được làm lại', '900')
    .option('--maintenance-seconds <n>', 'chu kỳ kiểm tra việc quá hạn', '30')
    .action(async (options: WorkerOptions, command: Command) => {
      try {
        const target = queueUrl(databaseTarget(command));
        const fetch = politenessOptions(options);
        const concurrency = wholeFlag(options.concurrency, '--concurrency', 1, MAX_UNITS_AT_ONCE, 'số đơn vị')!;
        const expireSeconds = wholeFlag(options.expireSeconds, '--expire-seconds', 5, 86_400, 'số giây')!;
        const maintenanceSeconds = wholeFlag(options.maintenanceSeconds, '--maintenance-seconds', 1, 3_600, 'số giây')!;
        const handle = await openDatabase(target);
        const boss = await openCrawlQueue({
          connectionString: target,
          schema: options.queueSchema,
          expireInSeconds: expireSeconds,
          maintenanceIntervalSeconds: maintenanceSeconds,
        });
        const worker = await startCrawlWorker(handle.db, boss, {
          contact: loadConfig().CRAWLER_CONTACT,
          allowLoopback: options.allowLoopback ?? false,
          concurrency,
          fetch,
          onJob: (job, outcome) => info(`Kỳ ${periodLabel(job.periodId)}, ${outcome.unit}: ${outcome.categories} chuyên mục, ${outcome.posts} tin`),
          onGivenUp: (job, outcome) =>
            info(`Kỳ ${periodLabel(job.periodId)}, ${outcome.unit}: bỏ việc sau lần thử cuối, ${outcome.categories} chuyên mục ghi "chưa kiểm chứng" (${outcome.lastFailure})`),
        });
        if (options.schedule) await startNightlyCrawl(handle.db, boss);
        const smtpUrl = loadConfig().SMTP_URL;
        const mail = options.schedule && smtpUrl ? smtpTransport(smtpUrl) : null;
        if (mail) await startMailSchedule(handle.db, boss, mail);
        info(`Worker sẵn sàng (${concurrency} việc cùng lúc${options.schedule ? ', có lịch hằng đêm' : ''}${mail ? ', gửi thư điện tử' : ''}).`);
        const stop = async () => {
          await worker.stop();
          mail?.close();
          await boss.stop({ graceful: true });
          await handle.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (error) {
        printError(error);
      }
    });
}
