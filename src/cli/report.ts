import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { renderTextReport } from '../documents/text-report.js';
import { getPeriodReport } from '../services/report.js';
import { withContext } from './context.js';
import { info, printJson, printText } from './output.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Bảng xếp hạng một kỳ (ranking report of one period)')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'txt']).default('txt'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình')
    .action(async (options: { period: string; format: 'json' | 'txt'; out?: string }, command: Command) => {
      await withContext(command, async ({ handle, province }) => {
        const report = await getPeriodReport(handle.db, province.id, options.period);
        const text =
          options.format === 'json'
            ? JSON.stringify(report, null, 2) + '\n'
            : renderTextReport(report, { portalShortName: province.settings.portalShortName });
        if (options.out) {
          await writeFile(options.out, text, 'utf8');
          info(`Đã ghi ${options.out}`);
        } else if (options.format === 'json') {
          printJson(report);
        } else {
          printText(text);
        }
      });
    });
}
