import type { Command } from 'commander';
import { openDatabase } from '../db/connection.js';
import { renderTextReport } from '../documents/text-report.js';
import { loadDemo } from '../services/demo.js';
import { listPeriods } from '../services/periods.js';
import { getPeriodReport } from '../services/report.js';
import { demoDatabaseTarget } from './context.js';
import { info, printError, printText } from './output.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Nạp dữ liệu mẫu (tháng 02/2024 của Bắc Ninh) và in bảng xếp hạng (load the demo month)')
    .action(async (_options: unknown, command: Command) => {
      // Not withContext: resolving a province first would create an empty "default" one that
      // later commands would then pick instead of the demo province.
      const handle = await openDatabase(demoDatabaseTarget(command)).catch((error: unknown) => {
        printError(error);
        return null;
      });
      if (!handle) return;
      try {
        const { province, loaded } = await loadDemo(handle.db);
        info(`Cơ sở dữ liệu: ${handle.target}`);
        if (loaded.length > 0) info(`Đã nạp dữ liệu mẫu: ${loaded.join(', ')} (${province.name}).`);
        const [latest] = await listPeriods(handle.db, province.id);
        if (!latest) return;
        printText(renderTextReport(await getPeriodReport(handle.db, province.id, latest.id)));
      } catch (error) {
        printError(error);
      } finally {
        await handle.close();
      }
    });
}
