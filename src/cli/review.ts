import type { Command } from 'commander';
import { periodLabel } from '../domain/period.js';
import { startReview } from '../services/review.js';
import { withContext } from './context.js';
import { printLines } from './output.js';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('Khóa tự đánh giá của kỳ và chuyển sang rà soát, chấm điểm (start the review)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đang mở')
    .action(async (options: { period: string }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const period = await startReview(handle.db, actor, options.period);
        printLines([`Kỳ ${periodLabel(period.id)} đã khóa tự đánh giá, chuyển sang rà soát.`]);
      });
    });
}
