import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { importPeriodFile } from '../services/import.js';
import { withContext } from './context.js';
import { info, printJson } from './output.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Nhập số liệu một kỳ từ tệp CSV hoặc XLSX (import one period from CSV or XLSX)')
    .argument('<file>', 'tệp CSV (UTF-8) hoặc XLSX')
    .requiredOption('--period <YYYY-MM>', 'kỳ đánh giá, ví dụ 2024-02')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { period: string; json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const content = await readFile(file);
        const summary = await importPeriodFile(handle.db, actor, { periodId: options.period, content, fileName: file });
        if (options.json) return printJson(summary);
        info(`Đã nhập kỳ ${summary.period}: ${summary.units} đơn vị (${summary.format.toUpperCase()}).`);
        if (summary.replaced > 0) info(`Thay thế ${summary.replaced} bản ghi cũ của kỳ này.`);
        if (summary.newGroups.length > 0) info(`Nhóm mới: ${summary.newGroups.join('; ')}`);
        if (summary.newUnits.length > 0) info(`Đơn vị mới (${summary.newUnits.length}): ${summary.newUnits.join('; ')}`);
        if (summary.warnings.length > 0) {
          info(`Lưu ý: ${summary.warnings.length} đơn vị có số chuyên mục mà theo quy tắc phải trừ điểm nhiều hơn tệp ghi (số liệu vẫn nhập đúng như tệp):`);
          for (const w of summary.warnings) info(`  - dòng ${w.line}: ${w.message}`);
        }
      });
    });
}
