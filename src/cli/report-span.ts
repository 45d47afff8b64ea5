/**
 * `report --year YYYY` and `report --quarter YYYY-Qn`: the year's or quarter's ranking, in the
 * same formats as the monthly report.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderSpanText } from '../documents/span-report-text.js';
import { getSpanReport, parseSpan } from '../services/span-report.js';
import { withContext } from './context.js';
import { info, printJson, printText } from './output.js';

export interface SpanReportOptions {
  year?: string;
  quarter?: string;
  includeUnpublished?: boolean;
  format: 'json' | 'txt';
  out?: string;
}

export async function runSpanReport(options: SpanReportOptions, command: Command): Promise<void> {
  await withContext(command, async ({ handle, province }) => {
    const span = parseSpan({ year: options.year, quarter: options.quarter });
    const report = await getSpanReport(handle.db, province.id, span, { includeUnpublished: options.includeUnpublished ?? false });
    const text = options.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderSpanText(report);
    if (options.out) {
      await writeFile(options.out, text, 'utf8');
      info(`Đã ghi ${options.out}`);
    } else if (options.format === 'json') {
      printJson(report);
    } else {
      printText(text);
    }
  });
}
