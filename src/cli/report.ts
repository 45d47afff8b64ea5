import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { renderTextReport } from '../documents/text-report.js';
import { isPeriodRange } from '../domain/period-range.js';
import { settingsAreEmpty } from '../domain/province.js';
import { errors } from '../errors.js';
import { isNoticeFormat, renderPeriodNotice } from '../services/notice.js';
import { getNewsArticle, newsDocxFromText, newsText } from '../services/news.js';
import { getPeriodReport, getRangeReport } from '../services/report.js';
import { withContext } from './context.js';
import { info, printError, printJson, printText } from './output.js';
import { runSpanReport, type SpanReportOptions } from './report-span.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Bảng xếp hạng một kỳ, một năm hoặc một quý; công văn thông báo DOCX/PDF/XLSX của một kỳ (ranking report, official notice)')
    .option('--period <YYYY-MM>', 'kỳ đánh giá; nhiều tháng trong một công văn: YYYY-MM..YYYY-MM, ví dụ 2023-01..2023-02')
    .option('--year <YYYY>', 'cả năm: điểm bình quân, số tháng bị trừ điểm, tổng tin bài (thi đua, khen thưởng)')
    .option('--quarter <YYYY-Qn>', 'một quý, ví dụ 2024-Q1')
    .option('--include-unpublished', 'năm/quý: tính cả các kỳ chưa công bố')
    .addOption(new Option('--format <format>', 'định dạng').choices(['json', 'txt', 'docx', 'pdf', 'xlsx', 'news']).default('txt'))
    .option('--out <file>', 'ghi ra tệp thay vì màn hình (bắt buộc với docx, pdf, xlsx; news: tệp .docx là Word, khác là văn bản)')
    .option('--number <số>', 'công văn: số, ví dụ "03/BBT-CTTĐT" (mặc định: số đã công bố, hoặc số kế tiếp trong năm)')
    .option('--date <YYYY-MM-DD>', 'công văn: ngày ban hành (mặc định: ngày đã công bố, hoặc hôm nay)')
    .action(async (options: SpanReportOptions & { period?: string; number?: string; date?: string }, command: Command) => {
      if (options.year !== undefined || options.quarter !== undefined) return runSpanReport(options, command);
      const period = options.period;
      if (period === undefined) return printError(errors.validation('Cần --period YYYY-MM, --year YYYY hoặc --quarter YYYY-Qn.'));
      await withContext(command, async ({ handle, province }) => {
        const format = options.format;
        if (isNoticeFormat(format)) {
          if (!options.out) throw errors.validation(`Định dạng ${format} cần --out <tệp>.`);
          if (settingsAreEmpty(province.settings)) {
            info('Lưu ý: tỉnh chưa có cơ quan ban hành, nơi nhận, người ký; nhập bằng lệnh "settings" hoặc "import-notice".');
          }
          const notice = await renderPeriodNotice(handle.db, province.id, period, format, { number: options.number, date: options.date });
          await writeFile(options.out, notice.content);
          return info(`Đã ghi ${options.out}`);
        }
        if (options.number || options.date) throw errors.validation('--number và --date chỉ dùng với công văn docx, pdf, xlsx.');
        const range = isPeriodRange(period);
        if (format === 'news') {
          if (range) throw errors.validation('Tin bài cho Cổng tỉnh viết cho từng tháng; chọn --period YYYY-MM.');
          const text = newsText(await getNewsArticle(handle.db, province.id, period));
          if (!options.out) return printText(text);
          await writeFile(options.out, options.out.toLowerCase().endsWith('.docx') ? await newsDocxFromText(text) : text);
          return info(`Đã ghi ${options.out}`);
        }
        const report = range ? await getRangeReport(handle.db, province.id, period) : await getPeriodReport(handle.db, province.id, period);
        const text =
          options.format === 'json'
            ? JSON.stringify(report, null, 2) + '\n'
            : renderTextReport(report, { portalShortName: province.settings.portalShortName, orderLine: province.settings.rankingOrderLine });
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
