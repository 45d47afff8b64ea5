import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { isPostgresUrl, openDatabase } from '../db/connection.js';
import { errors } from '../errors.js';
import { openCrawlQueue, startCrawlWorker, startNightlyCrawl } from '../services/crawl-jobs.js';
import { smtpTransport } from '../services/mail.js';
import { startMailSchedule } from '../services/mail-jobs.js';
import { databaseTarget } from './context.js';
import { info, printError } from './output.js';
import { addPolitenessOptions, politenessOptions, type PolitenessFlags } from './politeness.js';

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
    .option('--concurrency <n>', 'số đơn vị (việc) đọc cùng lúc', '64')
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
        const handle = await openDatabase(target);
        const boss = await openCrawlQueue({
          connectionString: target,
          schema: options.queueSchema,
          expireInSeconds: Number(options.expireSeconds),
          maintenanceIntervalSeconds: Number(options.maintenanceSeconds),
        });
        const worker = await startCrawlWorker(handle.db, boss, {
          contact: loadConfig().CRAWLER_CONTACT,
          allowLoopback: options.allowLoopback ?? false,
          concurrency: Number(options.concurrency),
          fetch,
          onJob: (job, outcome) => info(`${job.periodId} ${job.unitId}: ${outcome.categories} chuyên mục, ${outcome.posts} tin`),
        });
        if (options.schedule) await startNightlyCrawl(handle.db, boss);
        const smtpUrl = loadConfig().SMTP_URL;
        const mail = options.schedule && smtpUrl ? smtpTransport(smtpUrl) : null;
        if (mail) await startMailSchedule(handle.db, boss, mail);
        info(`Worker sẵn sàng (${options.concurrency} việc cùng lúc${options.schedule ? ', có lịch hằng đêm' : ''}${mail ? ', gửi thư điện tử' : ''}).`);
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
