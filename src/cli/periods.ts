import type { Command } from 'commander';
import { PERIOD_STATUS_LABELS, periodLabel } from '../domain/period.js';
import { formatDate, isoDateInVietnam } from '../domain/text.js';
import { endOfDayInVietnam } from '../domain/workflow.js';
import { errors } from '../errors.js';
import { listPeriods } from '../services/periods.js';
import { openPeriod } from '../services/review.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

/** A deadline given as a day (YYYY-MM-DD or dd/mm/yyyy) closes at its end, Vietnam time. */
export function parseDeadlineDay(value: string): string {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const day = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)) {
    throw errors.validation(`Hạn nộp "${value}" không hợp lệ; cần dạng dd/mm/yyyy hoặc YYYY-MM-DD.`);
  }
  return endOfDayInVietnam(day);
}

export function registerPeriods(program: Command): void {
  const periods = program
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

  periods
    .command('open')
    .description('Mở kỳ: tạo phiếu tự đánh giá (bản nháp) cho mọi đơn vị đang hoạt động')
    .argument('<YYYY-MM>', 'tháng của kỳ')
    .option('--deadline <ngày>', 'hạn nộp tự đánh giá, hết ngày này (dd/mm/yyyy); mặc định: số ngày làm việc theo quy tắc, tính từ hôm nay')
    .action(async (id: string, options: { deadline?: string }, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const deadline = options.deadline === undefined ? undefined : parseDeadlineDay(options.deadline);
        const period = await openPeriod(handle.db, actor, { id, ...(deadline ? { deadline } : {}) });
        printLines([`Đã mở kỳ ${periodLabel(period.id)}, hạn nộp tự đánh giá hết ngày ${formatDate(isoDateInVietnam(new Date(period.deadline)))}.`]);
        for (const warning of period.warnings) info(`Cảnh báo: ${warning}`);
      });
    });
}
