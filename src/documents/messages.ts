/**
 * The board's e-mail messages, in Vietnamese, as plain text and the same words as simple HTML.
 * Built from plain data only: the services decide who gets what and when.
 */
import { periodLabel } from '../domain/period.js';
import { formatCount, formatDate, formatNumber, isoDateInVietnam, nameMidSentence } from '../domain/text.js';

export interface Message {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph is a line of text; a list is several lines shown as bullets. */
type Block = { kind: 'p'; text: string } | { kind: 'list'; items: string[] };

const p = (text: string): Block => ({ kind: 'p', text });
const list = (items: string[]): Block => ({ kind: 'list', items });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const SIGNATURE = 'Thư này được gửi tự động từ hệ thống chấm điểm Cổng Thông tin điện tử; vui lòng không trả lời nếu không cần.';

function message(subject: string, blocks: Block[], board: string): Message {
  const all = [...blocks, p(board ? `${board}.` : ''), p(SIGNATURE)].filter((b) => b.kind === 'list' || b.text !== '');
  const text = all.map((b) => (b.kind === 'p' ? b.text : b.items.map((i) => `- ${i}`).join('\n'))).join('\n\n') + '\n';
  const html =
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>' +
    escapeHtml(subject) +
    '</title></head><body style="font-family: \'Times New Roman\', serif; font-size: 14pt">' +
    all
      .map((b) => (b.kind === 'p' ? `<p>${escapeHtml(b.text)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`))
      .join('') +
    '</body></html>';
  return { subject, text, html };
}

/** "08:00 ngày 22/02/2024" from an instant, in Vietnam time. */
export function formatInstantVietnam(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${get('hour')}:${get('minute')} ngày ${get('day')}/${get('month')}/${get('year')}`;
}

export interface ReminderInput {
  board: string;
  recipientName: string;
  unitName: string;
  periodId: string;
  /** Instant, ISO. */
  deadline: string;
  state: 'none' | 'draft';
}

export function reminderMessage(input: ReminderInput): Message {
  const month = periodLabel(input.periodId);
  const what =
    input.state === 'none'
      ? `${input.unitName} chưa có bản tự đánh giá, chấm điểm mức độ cập nhật thông tin tháng ${month}.`
      : `${input.unitName} đã lập nhưng chưa gửi bản tự đánh giá, chấm điểm mức độ cập nhật thông tin tháng ${month}.`;
  return message(
    `Nhắc gửi tự đánh giá tháng ${month}: hạn ${formatInstantVietnam(input.deadline)}`,
    [
      p(`Kính gửi ${input.recipientName},`),
      p(what),
      p(`Đề nghị đơn vị hoàn thành và gửi trước ${formatInstantVietnam(input.deadline)}; sau thời hạn này hệ thống không nhận bản tự đánh giá.`),
    ],
    input.board,
  );
}

export interface ResultInput {
  board: string;
  recipientName: string;
  unitName: string;
  groupName: string;
  periodId: string;
  noticeNumber: string;
  /** YYYY-MM-DD. */
  noticeDate: string;
  rank: number;
  unitsInGroup: number;
  score: number;
  scale: number;
  articles: number;
  deductions: { points: number; reason: string }[];
  /** Last day to appeal (YYYY-MM-DD); null when the rules take no appeals. */
  appealUntil: string | null;
  /** The correction this result follows, when it is not the first publication. */
  revision: number;
}

export function resultMessage(input: ResultInput): Message {
  const month = periodLabel(input.periodId);
  const corrected = input.revision > 0 ? ` (đính chính lần ${input.revision})` : '';
  const blocks: Block[] = [
    p(`Kính gửi ${input.recipientName},`),
    p(
      `Ban Biên tập đã công bố kết quả chấm điểm mức độ cập nhật thông tin tháng ${month} ` +
        `theo Thông báo số ${input.noticeNumber} ngày ${formatDate(input.noticeDate)}${corrected}.`,
    ),
    p(
      `Kết quả của ${nameMidSentence(input.unitName)}: ${formatNumber(input.score)}/${formatNumber(input.scale)} điểm, ` +
        `xếp thứ ${input.rank}/${input.unitsInGroup} trong khối ${nameMidSentence(input.groupName)}; ` +
        `${formatNumber(input.articles)} tin, bài, video cập nhật trong tháng.`,
    ),
  ];
  if (input.deductions.length === 0) {
    blocks.push(p('Đơn vị không bị trừ điểm.'));
  } else {
    blocks.push(p(`Đơn vị bị trừ ${formatCount(input.deductions.length)} khoản:`));
    blocks.push(list(input.deductions.map((d) => `${formatNumber(d.points)} điểm: ${d.reason}`)));
    blocks.push(
      p(
        input.appealUntil
          ? `Nếu không đồng ý với khoản trừ điểm, đơn vị có thể gửi khiếu nại kèm minh chứng trên hệ thống đến hết ngày ${formatDate(input.appealUntil)}.`
          : 'Theo quy tắc chấm điểm hiện hành, kết quả này không nhận khiếu nại.',
      ),
    );
  }
  return message(`Kết quả chấm điểm tháng ${month}: ${input.unitName} ${formatNumber(input.score)} điểm`, blocks, input.board);
}

export interface DigestInput {
  board: string;
  periodId: string;
  deadline: string;
  /** Units that have not submitted, with their state. */
  notReported: { unitName: string; state: 'none' | 'draft' }[];
  /** Categories whose latest post is older than the threshold. */
  stale: { unitName: string; category: string; daysSinceLatest: number | null; crawledAt: string }[];
  staleAfterDays: number;
  /** Units that had no crawl to read from: their categories are not known either way. */
  notCrawled: number;
}

export function digestMessage(input: DigestInput): Message {
  const month = periodLabel(input.periodId);
  const blocks: Block[] = [p(`Tình hình kỳ tháng ${month}, hạn tự đánh giá ${formatInstantVietnam(input.deadline)}.`)];
  if (input.notReported.length === 0) {
    blocks.push(p('Tất cả đơn vị đã gửi tự đánh giá.'));
  } else {
    blocks.push(p(`${formatCount(input.notReported.length)} đơn vị chưa gửi tự đánh giá:`));
    blocks.push(list(input.notReported.map((u) => `${u.unitName} (${u.state === 'none' ? 'chưa lập' : 'đã lập, chưa gửi'})`)));
  }
  if (input.stale.length === 0) {
    blocks.push(p(`Không có chuyên mục nào quá ${input.staleAfterDays} ngày không có tin, bài mới trong lần đọc cổng gần nhất.`));
  } else {
    blocks.push(p(`${formatCount(input.stale.length)} chuyên mục quá ${input.staleAfterDays} ngày không có tin, bài mới (theo lần đọc cổng gần nhất):`));
    blocks.push(
      list(
        input.stale.map(
          (s) =>
            `${s.unitName} – ${s.category}: ` +
            (s.daysSinceLatest === null ? 'không tìm thấy tin, bài nào' : `${formatNumber(s.daysSinceLatest)} ngày`) +
            ` (đọc ngày ${formatDate(isoDateInVietnam(new Date(s.crawledAt)))})`,
        ),
      ),
    );
  }
  if (input.notCrawled > 0) {
    blocks.push(p(`${formatCount(input.notCrawled)} đơn vị chưa được đọc cổng trong kỳ này: chưa biết chuyên mục nào lâu không cập nhật.`));
  }
  return message(`Tổng hợp kỳ tháng ${month}: ${formatCount(input.notReported.length)} đơn vị chưa gửi, ${formatCount(input.stale.length)} chuyên mục lâu không cập nhật`, blocks, input.board);
}
