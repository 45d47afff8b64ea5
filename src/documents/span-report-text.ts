/**
 * The year's or quarter's ranking as plain text: a title line, then one tab-separated line a
 * unit (rank, name, months evaluated, average score, months with deductions, articles) under
 * group lines "I.", "II.".
 */
import { periodLabel } from '../domain/period.js';
import { romanNumeral } from '../domain/roman.js';
import { formatNumber } from '../domain/text.js';
import type { SpanReport } from '../domain/yearly.js';

export const SPAN_TABLE_HEADER = ['STT', 'Tên đơn vị', 'Số tháng được chấm', 'Điểm bình quân', 'Số tháng bị trừ điểm', 'Tổng số tin, bài, video'];

export function spanTitle(report: SpanReport): string {
  const what = report.quarter ? `quý ${report.quarter.slice(-1)} năm ${report.year}` : `năm ${report.year}`;
  const months = report.periods.length > 0 ? ` (các kỳ ${report.periods.map(periodLabel).join(', ')})` : '';
  return `Kết quả chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử ${what}${months}`;
}

export function renderSpanText(report: SpanReport): string {
  const lines = [spanTitle(report), ''];
  if (report.groups.length === 0) {
    lines.push('Chưa có kỳ nào đã công bố trong khoảng thời gian này.');
    return lines.join('\n') + '\n';
  }
  lines.push(SPAN_TABLE_HEADER.join('\t'));
  report.groups.forEach((group, index) => {
    lines.push([`${romanNumeral(index + 1)}.`, group.name, '', '', '', ''].join('\t'));
    for (const unit of group.units) {
      lines.push(
        [
          String(unit.rank),
          unit.name,
          String(unit.months),
          formatNumber(unit.average),
          String(unit.deductedMonths),
          formatNumber(unit.articles),
        ].join('\t'),
      );
    }
  });
  return lines.join('\n') + '\n';
}
