/**
 * The month's news item for the provincial portal, in the style the board's portal publishes
 * ("Gần 3.000 tin, bài, video cập nhật trên Cổng Thông tin điện tử các Sở, ngành và cấp huyện
 * trong tháng 01 - 02/2023"): a headline with the rounded total, per group how many units reached
 * the full score ("21/21"), the deducted units and why, the totals per group. Built from the period
 * report only, so it says nothing the notice does not.
 */
import { periodLabel } from './period.js';
import type { PeriodReport } from './report.js';
import { formatCount, formatDate, formatNumber, lowerFirstWord, nameMidSentence } from './text.js';

export interface NewsArticle {
  headline: string;
  paragraphs: string[];
}

/**
 * "Hơn 2.000" for 2.039, "Gần 3.000" for 2.957, "3.000" for 3.000: the total rounded to the nearest
 * thousand (hundred below 1.000; exact below 100), with the word that keeps it true.
 */
export function roundedTotal(total: number): string {
  if (total < 100) return formatNumber(total);
  const step = total < 1000 ? 100 : 1000;
  const rounded = Math.round(total / step) * step;
  if (rounded === total) return formatNumber(total);
  return `${rounded > total ? 'Gần' : 'Hơn'} ${formatNumber(rounded)}`;
}

const stripFinalStop = (text: string) => text.replace(/[.;]+$/u, '');

export interface NewsOptions {
  /** "02/BBT-CTTĐT"; the article cites it when the notice is numbered. */
  noticeNumber?: string | null;
  /** YYYY-MM-DD. */
  noticeDate?: string | null;
  /** "Ban Biên tập Cổng Thông tin điện tử tỉnh". */
  board?: string;
  /** The month label when the report covers several months ("01 và tháng 02/2023"). */
  monthLabel?: string;
}

export function newsArticle(report: PeriodReport, options: NewsOptions = {}): NewsArticle {
  const month = options.monthLabel ?? periodLabel(report.period.id);
  const total = report.groups.reduce((sum, g) => sum + g.articles, 0);
  const scale = report.rules.scale;
  const audience = report.groups.map((g) => lowerFirstWord(g.name)).join(' và ');
  const headline = `${roundedTotal(total)} tin, bài, video cập nhật trên Cổng Thông tin điện tử ${audience} trong tháng ${month}`;
  const board = options.board ?? 'Ban Biên tập Cổng Thông tin điện tử tỉnh';
  const notice = options.noticeNumber
    ? `Theo Thông báo số ${options.noticeNumber}${options.noticeDate ? ` ngày ${formatDate(options.noticeDate)}` : ''} của ${board}`
    : `Theo kết quả chấm điểm của ${board}`;
  const paragraphs = [
    `${notice}, trong tháng ${month} (từ ngày ${formatDate(report.period.from)} đến ngày ${formatDate(report.period.to)}), ` +
      `Cổng Thông tin điện tử ${audience} đã cập nhật tổng cộng ${formatNumber(total)} tin, bài, video.`,
  ];
  for (const group of report.groups) {
    const full = group.units.filter((u) => u.score >= scale).length;
    const top = [...group.units].sort((a, b) => b.articles - a.articles)[0];
    const parts = [
      `Khối ${lowerFirstWord(group.name)}: ${formatCount(full)}/${formatCount(group.units.length)} đơn vị đạt ${formatNumber(scale)} điểm`,
      `tổng số ${formatNumber(group.articles)} tin, bài, video`,
    ];
    if (top && top.articles > 0) parts.push(`${nameMidSentence(top.name)} cập nhật nhiều nhất với ${formatNumber(top.articles)} tin, bài, video`);
    paragraphs.push(`${parts.join('; ')}.`);
    for (const unit of group.units.filter((u) => u.score < scale)) {
      const lost = unit.deductions.reduce((sum, d) => sum + d.points, 0);
      const reasons = [...new Set(unit.deductions.map((d) => lowerFirstWord(stripFinalStop(d.reason))))];
      paragraphs.push(
        `Riêng ${nameMidSentence(unit.name)} đạt ${formatNumber(unit.score)} điểm` +
          (lost > 0 ? `, bị trừ ${formatNumber(lost)} điểm` : '') +
          (reasons.length > 0 ? ` do ${reasons.join('; ')}.` : '.'),
      );
    }
  }
  if (report.groups.every((g) => g.units.every((u) => u.score >= scale))) {
    paragraphs.push(`Tất cả các đơn vị đều đạt ${formatNumber(scale)} điểm.`);
  }
  paragraphs.push('Xếp thứ tự theo số lượng tin, bài đã đăng; chi tiết kết quả từng đơn vị tại thông báo kèm theo.');
  return { headline, paragraphs };
}

/** The article as plain text: headline, a blank line, one paragraph a line. */
export function newsText(article: NewsArticle): string {
  return [article.headline, '', ...article.paragraphs].join('\n') + '\n';
}

/** Reads back an edited text (first line the headline); empty lines between paragraphs are dropped. */
export function parseNewsText(text: string): NewsArticle {
  const lines = text.normalize('NFC').split(/\r?\n/).map((l) => l.trim());
  const firstAt = lines.findIndex((l) => l !== '');
  const headline = firstAt >= 0 ? lines[firstAt]! : '';
  return { headline, paragraphs: lines.slice(firstAt + 1).filter((l) => l !== '') };
}
