/**
 * The summary lines of the notice ("- Xếp thứ tự theo số lượng tin, bài đã đăng.", the deducted
 * units and why), shared by the text report and the DOCX/PDF notice.
 */
import { DEFAULT_RANKING_ORDER_LINE } from './province.js';
import type { DeductedUnit } from './ranking.js';
import { formatCount, lowerFirstWord, nameMidSentence } from './text.js';

const stripFinalStop = (text: string) => text.replace(/[.;]+$/u, '');

export interface SummaryOptions {
  /** The province's line on the table's order (settings); the seed's wording by default. */
  orderLine?: string;
  /** Names of the units that did not send their self-assessment, in the table's order. */
  notReported?: readonly string[];
}

export function summaryLines(deducted: readonly Pick<DeductedUnit, 'name' | 'reasons'>[], options: SummaryOptions = {}): string[] {
  const orderLine = stripFinalStop((options.orderLine ?? '').trim()) || DEFAULT_RANKING_ORDER_LINE;
  const lines = [`- ${orderLine}.`];
  const notReported = options.notReported ?? [];
  if (notReported.length > 0) {
    lines.push(`- Có ${formatCount(notReported.length)} đơn vị không gửi tự đánh giá (${notReported.map(nameMidSentence).join(', ')}).`);
  }
  if (deducted.length === 0) {
    lines.push('- Không có đơn vị nào bị trừ điểm.');
    return lines;
  }
  const names = deducted.map((unit) => nameMidSentence(unit.name));
  lines.push(`- Các đơn vị bị trừ điểm: Có ${formatCount(deducted.length)} đơn vị (${names.join(', ')}).`);
  const reasonsOf = (unit: Pick<DeductedUnit, 'reasons'>) => unique(unit.reasons.map((r) => lowerFirstWord(stripFinalStop(r))));
  const allReasons = deducted.map((unit) => reasonsOf(unit).join('; '));
  if (new Set(allReasons).size === 1) {
    lines.push(`- Lý do bị trừ điểm là do ${allReasons[0]}.`);
  } else {
    const perUnit = deducted.map((unit, i) => `${names[i]} do ${allReasons[i]}`);
    lines.push(`- Lý do bị trừ điểm: ${perUnit.join('; ')}.`);
  }
  return lines;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
