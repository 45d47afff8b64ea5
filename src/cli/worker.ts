import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { isPostgresUrl, openDatabase } from '../db/connection.js';
import { errors } from '../errors.js';
import { openCrawlQueue, startCrawlWorker, startNightlyCrawl } from '../services/crawl-jobs.js';
import { databaseTarget } from './context.js';
import { info, printError } from './output.js';

interface WorkerOptions {
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
  program
    .command('worker')
    .description('Chạy tiến trình đọc cổng lấy việc từ hàng đợi pg-boss (distributed crawl worker; PostgreSQL)')
    .option('--concurrency <n>', 'số việc xử lý cùng lúc', '8')
    .option('--allow-loopback', 'cho phép đọc địa chỉ loopback (cổng giả lập)')
    .option('--schedule', 'đăng ký lịch đọc cổng hằng đêm (01:30) cho kỳ hiện tại')
    .option('--queue-schema <name>', 'schema của pg-boss', 'pgboss')
    .option('--expire-seconds <n>', 'việc quá thời gian này (tiến trình chết) được làm lại', '900')
    .option('--maintenance-seconds <n>', 'chu kỳ kiểm tra việc quá hạn', '30')
    .action(async (options: WorkerOptions, command: Command) => {
      try {
        const target = queueUrl(databaseTarget(command));
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
          onJob: (job, outcome) => info(`${job.periodId} ${job.unitId} ${job.categoryKey}: ${outcome.status} (${outcome.posts ?? '—'})`),
        });
        if (options.schedule) await startNightlyCrawl(handle.db, boss);
        info(`Worker sẵn sàng (${options.concurrency} việc cùng lúc${options.schedule ? ', có lịch hằng đêm' : ''}).`);
        const stop = async () => {
          await worker.stop();
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
