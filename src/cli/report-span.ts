/**
 * `report --year YYYY` and `report --quarter YYYY-Qn`: the year's or quarter's ranking, as JSON,
 * text, XLSX or DOCX.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderSpanDocx, renderSpanXlsx } from '../documents/span-report-files.js';
import { renderSpanText } from '../documents/span-report-text.js';
import { errors } from '../errors.js';
import { getSpanReport, parseSpan } from '../services/span-report.js';
import { withContext } from './context.js';
import { info, printJson, printText } from './output.js';

export interface SpanReportOptions {
  year?: string;
  quarter?: string;
  includeUnpublished?: boolean;
  format: string;
  out?: string;
}

export async function runSpanReport(options: SpanReportOptions, command: Command): Promise<void> {
  await withContext(command, async ({ handle, province }) => {
    const span = parseSpan({ year: options.year, quarter: options.quarter });
    const { format, out } = options;
    if (format !== 'json' && format !== 'txt' && format !== 'xlsx' && format !== 'docx') {
      throw errors.validation(`Báo cáo năm, quý có các định dạng json, txt, xlsx, docx; không có ${format}.`);
    }
    if ((format === 'xlsx' || format === 'docx') && !out) throw errors.validation(`Định dạng ${format} cần --out <tệp>.`);
    const report = await getSpanReport(handle.db, province.id, span, { includeUnpublished: options.includeUnpublished ?? false });
    const content =
      format === 'json'
        ? JSON.stringify(report, null, 2) + '\n'
        : format === 'txt'
          ? renderSpanText(report)
          : format === 'xlsx'
            ? await renderSpanXlsx(report)
            : await renderSpanDocx(report);
    if (out) {
      await writeFile(out, content);
      info(`Đã ghi ${out}`);
    } else if (format === 'json') {
      printJson(report);
    } else {
      printText(String(content));
    }
  });
}
