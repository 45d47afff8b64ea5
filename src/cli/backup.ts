import type { Command } from 'commander';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { databaseTarget } from './context.js';
import { info, printError } from './output.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Sao lưu toàn bộ cơ sở dữ liệu (SQLite: online backup; PostgreSQL: pg_dump)')
    .requiredOption('--out <file>', 'tệp sao lưu')
    .option('--portable', 'dạng JSON dùng được cho cả SQLite và PostgreSQL')
    .action(async (options: { out: string; portable?: boolean }, command: Command) => {
      try {
        const format = await backupDatabase(databaseTarget(command), options.out, { portable: options.portable });
        info(`Đã sao lưu (${format}) vào ${options.out}`);
      } catch (error) {
        printError(error);
      }
    });
  program
    .command('restore')
    .description('Phục hồi cơ sở dữ liệu từ bản sao lưu (thay thế toàn bộ dữ liệu hiện có)')
    .argument('<file>', 'tệp sao lưu (SQLite, pg_dump hoặc JSON)')
    .action(async (file: string, _options: unknown, command: Command) => {
      try {
        const format = await restoreDatabase(databaseTarget(command), file);
        info(`Đã phục hồi từ ${file} (${format}).`);
      } catch (error) {
        printError(error);
      }
    });
}
