/**
 * Publishing from the command line, through the web's services: --dry-run prints the checklist and
 * writes the notice files exactly as publishing would fix them; without it the period is published.
 * A range (YYYY-MM..YYYY-MM) publishes all its months at once under one number and date, or none.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { periodLabel } from '../domain/period.js';
import { isPeriodRange } from '../domain/period-range.js';
import { errors } from '../errors.js';
import { formatDate } from '../domain/text.js';
import { previewPublish, publish, publishRange, type PublishInput } from '../services/publishing.js';
import { withContext } from './context.js';
import { info, printJson, printLines } from './output.js';

interface PublishOptions {
  period: string;
  number?: string;
  date?: string;
  notReported?: 'apply-rule';
  dryRun?: boolean;
  outDir: string;
  json?: boolean;
}

export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('Công bố kết quả kỳ: khóa kỳ, cấp số và ngày công văn, tạo DOCX/PDF/XLSX (--dry-run: chỉ xem trước)')
    .requiredOption('--period <YYYY-MM>', 'kỳ cần công bố; nhiều tháng trong một công văn: YYYY-MM..YYYY-MM (công bố tất cả hoặc không tháng nào)')
    .option('--number <số>', 'số công văn, ví dụ "03/BBT-CTTĐT" (mặc định: số kế tiếp trong năm)')
    .option('--date <YYYY-MM-DD>', 'ngày ban hành công văn (mặc định: hôm nay)')
    .addOption(
      new Option('--not-reported <cách>', 'đơn vị không gửi tự đánh giá: apply-rule = công bố theo quy tắc cho đơn vị không gửi').choices(['apply-rule']),
    )
    .option('--dry-run', 'không công bố: in danh sách kiểm tra và ghi các tệp công văn xem trước')
    .option('--out-dir <thư mục>', 'thư mục ghi tệp xem trước (--dry-run)', '.')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (options: PublishOptions, command: Command) => {
      await withContext(command, async ({ handle, actor }) => {
        const input: PublishInput = {
          ...(options.number !== undefined ? { number: options.number } : {}),
          ...(options.date !== undefined ? { date: options.date } : {}),
          ...(options.notReported ? { notReported: options.notReported } : {}),
        };
        if (isPeriodRange(options.period)) {
          if (options.dryRun) {
            throw errors.validation(`--dry-run xem trước từng tháng; xem công văn của ${options.period} bằng lệnh report --period ${options.period} --format docx --out <tệp>.`);
          }
          const periods = await publishRange(handle.db, actor, options.period, input);
          if (options.json) return printJson(periods);
          const first = periods[0]!;
          return printLines([
            `Đã công bố ${periods.length} tháng ${periods.map((p) => periodLabel(p.id)).join(', ')} trong một công văn số ${first.noticeNumber ?? ''} ngày ${first.noticeDate ? formatDate(first.noticeDate) : ''}.`,
          ]);
        }
        if (!options.dryRun) {
          const period = await publish(handle.db, actor, options.period, input);
          if (options.json) return printJson(period);
          return printLines([
            `Đã công bố kỳ ${periodLabel(period.id)}: công văn số ${period.noticeNumber ?? ''} ngày ${period.noticeDate ? formatDate(period.noticeDate) : ''}.`,
          ]);
        }
        const preview = await previewPublish(handle.db, actor, options.period, input);
        const dir = resolve(options.outDir);
        await mkdir(dir, { recursive: true });
        const written: string[] = [];
        for (const file of [preview.files.pdf, preview.files.docx, preview.files.xlsx]) {
          const path = join(dir, file.fileName);
          await writeFile(path, file.content);
          written.push(path);
        }
        const blocking = preview.checklist.items.some((i) => i.blocking);
        if (options.json) {
          return printJson({ period: preview.period, number: preview.number, date: preview.date, checklist: preview.checklist, files: written, wouldPublish: !blocking });
        }
        printLines([
          `Xem trước công bố kỳ ${periodLabel(preview.period)}: công văn số ${preview.number} ngày ${formatDate(preview.date)} (chưa công bố).`,
          ...preview.checklist.items.map((i) => `${i.ok ? '[x]' : i.blocking ? '[!]' : '[ ]'} ${i.message}`),
          blocking
            ? 'Chưa công bố được: xử lý mục [!] (hoặc thêm --not-reported apply-rule) rồi chạy lại.'
            : 'Công bố được: chạy lại lệnh không có --dry-run, với cùng số và ngày.',
        ]);
        for (const path of written) info(`Đã ghi ${path}`);
      });
    });
}
