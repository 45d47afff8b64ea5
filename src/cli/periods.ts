import type { Command } from 'commander';
import { PERIOD_STATUS_LABELS } from '../domain/period.js';
import { formatDate } from '../domain/text.js';
import { listPeriods } from '../services/periods.js';
import { withContext } from './context.js';
import { printJson, printLines } from './output.js';

export function registerPeriods(program: Command): void {
  program
    .command('periods')
    .description('Danh sách các kỳ đánh giá và trạng thái (list periods)')
    .option('--json', 'in dạng JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const periods = await listPeriods(handle.db, province.id);
        if (options.json) return printJson(periods);
        printLines(
          periods.map((p) =>
            [p.id, `${formatDate(p.from)} – ${formatDate(p.to)}`, PERIOD_STATUS_LABELS[p.status], p.noticeNumber ?? '']
              .join('\t')
              .trimEnd(),
          ),
        );
      });
    });
}
