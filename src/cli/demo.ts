import type { Command } from 'commander';
import { renderTextReport } from '../documents/text-report.js';
import { loadDemo } from '../services/demo.js';
import { listPeriods } from '../services/periods.js';
import { getPeriodReport } from '../services/report.js';
import { withContext } from './context.js';
import { info, printText } from './output.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Nạp dữ liệu mẫu (tháng 02/2024 của Bắc Ninh) và in bảng xếp hạng (load the demo month)')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async ({ handle }) => {
        const { province, loaded } = await loadDemo(handle.db);
        info(`Cơ sở dữ liệu: ${handle.target}`);
        if (loaded.length > 0) info(`Đã nạp dữ liệu mẫu: ${loaded.join(', ')} (${province.name}).`);
        const [latest] = await listPeriods(handle.db, province.id);
        if (!latest) return;
        const report = await getPeriodReport(handle.db, province.id, latest.id);
        printText(renderTextReport(report, { portalShortName: province.settings.portalShortName }));
      });
    });
}
