import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatDate } from '../domain/text.js';
import { importNotice } from '../services/notice.js';
import { withContext } from './context.js';
import { info, printJson } from './output.js';

export function registerNotice(program: Command): void {
  program
    .command('import-notice')
    .description('Nhập một công văn thông báo đã ban hành (văn bản hoặc DOCX) thành kỳ đã công bố (import an earlier notice)')
    .argument('<file>', 'công văn: tệp văn bản (bảng cách nhau bằng tab) hoặc DOCX')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const summary = await importNotice(handle.db, actor, await readFile(file));
        if (options.json) return printJson(summary);
        info(`Đã nhập công văn số ${summary.number} ngày ${formatDate(summary.date)}: kỳ ${summary.period}, ${summary.units} đơn vị, đã công bố.`);
        if (summary.replaced > 0) info(`Thay thế ${summary.replaced} bản ghi cũ của kỳ này.`);
        if (summary.settingsTaken) info('Tỉnh chưa có cấu hình: đã lấy cơ quan ban hành, nơi nhận, người ký từ công văn (xem lệnh "settings").');
        if (summary.newGroups.length > 0) info(`Nhóm mới: ${summary.newGroups.join('; ')}`);
        if (summary.newUnits.length > 0) info(`Đơn vị mới (${summary.newUnits.length}): ${summary.newUnits.join('; ')}`);
        for (const warning of summary.warnings) info(`Lưu ý: ${warning}`);
      });
    });
}
