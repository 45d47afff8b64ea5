/**
 * The notice's body as plain text: intro, summary lines, scale, then the table with one
 * tab-separated line a unit and group lines "I.", "II." carrying their subtotals.
 */
import { rangeScoreLine, reportPeriodLabel } from '../domain/period-range.js';
import { romanNumeral } from '../domain/roman.js';
import { summaryLines } from '../domain/summary.js';
import { formatDate, formatNumber } from '../domain/text.js';
import type { PeriodReport } from '../domain/report.js';

export const TABLE_HEADER = [
  'STT',
  'Tên đơn vị',
  'Tổng số chuyên mục phải cập nhật',
  'Cập nhật đầy đủ',
  'Cập nhật không đầy đủ',
  'Không cập nhật',
  'Số lượng tin, bài, video cập nhật tháng {period}',
  'Các đơn vị tự đánh giá, chấm điểm',
  'Kết quả rà soát chấm điểm của {portal}',
];

export interface TextReportOptions {
  /** How the notice names the provincial portal ("Cổng TTĐT tỉnh"). */
  portalShortName?: string;
  /** Name of the board in the intro line; omitted when empty. */
  issuingBoard?: string;
  /** The province's line on the table's order (settings). */
  orderLine?: string;
}

/** The units that did not report, in the table's order (older reports carry no flag: all reported). */
export function notReportedNames(report: PeriodReport): string[] {
  return report.groups.flatMap((g) => g.units.filter((u) => u.reported === false).map((u) => u.name));
}

export function introLine(report: PeriodReport, issuingBoard = 'Ban Biên tập Cổng Thông tin điện tử tỉnh'): string {
  const { from, to } = report.period;
  return (
    `${issuingBoard} thông báo kết quả chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử ` +
    `tháng ${reportPeriodLabel(report)} (${formatDate(from)} – ${formatDate(to)}) như sau:`
  );
}

/**
 * "Thang điểm: 100 điểm"; when the board has confirmed a rule set, the line also says which one
 * the period was scored with, so the notice states its basis.
 */
export function scaleLine(report: PeriodReport): string {
  const { rules } = report;
  const basis = rules.isDefault ? '' : ` (theo ${rules.note}, áp dụng từ ${formatDate(rules.effectiveFrom)})`;
  const range = rangeScoreLine(report);
  return `Thang điểm: ${formatNumber(rules.scale)} điểm${basis}${range ? `; ${range}` : ''}`;
}

export function tableHeader(report: PeriodReport, portalShortName = 'Cổng TTĐT tỉnh'): string[] {
  return TABLE_HEADER.map((h) => h.replace('{period}', reportPeriodLabel(report)).replace('{portal}', portalShortName));
}

const score = (value: number | null) => (value === null ? '' : formatNumber(value));

export function renderTextReport(report: PeriodReport, options: TextReportOptions = {}): string {
  const lines: string[] = [];
  lines.push(introLine(report, options.issuingBoard || undefined), '');
  lines.push(...summaryLines(report.deducted, { ...(options.orderLine ? { orderLine: options.orderLine } : {}), notReported: notReportedNames(report) }), '');
  lines.push(scaleLine(report), '');
  lines.push(tableHeader(report, options.portalShortName).join('\t'));
  report.groups.forEach((group, index) => {
    lines.push([`${romanNumeral(index + 1)}.`, group.name, '', '', '', '', formatNumber(group.articles), '', ''].join('\t'));
    for (const unit of group.units) {
      lines.push(
        [
          String(unit.rank),
          unit.name,
          formatNumber(unit.categories),
          formatNumber(unit.full),
          formatNumber(unit.partial),
          formatNumber(unit.none),
          formatNumber(unit.articles),
          score(unit.selfScore),
          score(unit.score),
        ].join('\t'),
      );
    }
  });
  return lines.join('\n') + '\n';
}
