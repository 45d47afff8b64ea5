/**
 * The official notice of a period: rendered as DOCX, PDF or XLSX from the stored data, numbered
 * in the province's yearly series; and earlier notices imported back as published periods.
 */
import { type Db, inTransaction } from '../db/connection.js';
import { renderNoticeDocx } from '../documents/docx.js';
import { buildNoticeModel, noticeFileBaseName, type NoticeModel } from '../documents/notice-model.js';
import { readNotice, settingsFromNotice } from '../documents/notice-reader.js';
import { type NoticeFormat as SourceFormat, noticeLines } from '../documents/notice-source.js';
import { renderNoticePdf } from '../documents/pdf.js';
import { renderNoticeXlsx } from '../documents/xlsx.js';
import { checkEvaluationRows } from '../domain/evaluation-rows.js';
import { periodBounds } from '../domain/period.js';
import { isPeriodRange } from '../domain/period-range.js';
import { formatNoticeNumber, parseNoticeNumber, settingsAreEmpty } from '../domain/province.js';
import { formatDate, nameKey, normalizeText, splitIsoDate, todayInVietnam } from '../domain/text.js';

import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { periodFigures, writePeriodEvaluations, type WriteSummary } from './import.js';
import { getPeriod, listPeriods } from './periods.js';
import { getProvince, saveSettings } from './provinces.js';
import { publishWithin } from './publishing.js';
import { getPeriodReport, getRangeReport } from './report.js';
import { assertStaff } from './access.js';

export type NoticeFormat = 'docx' | 'pdf' | 'xlsx';

export function isNoticeFormat(format: string): format is NoticeFormat {
  return format === 'docx' || format === 'pdf' || format === 'xlsx';
}

export interface RenderedNotice {
  fileName: string;
  contentType: string;
  content: Buffer;
}

const RENDERERS: Record<NoticeFormat, { contentType: string; render: (model: NoticeModel) => Promise<Buffer> }> = {
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderNoticeDocx },
  pdf: { contentType: 'application/pdf', render: renderNoticePdf },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: renderNoticeXlsx },
};

/**
 * The period's notice in one format. Number and date default to the ones the period was
 * published with, else the next number of the year's series and today (Asia/Ho_Chi_Minh).
 * Settings the board has not filled in yet leave their lines out (callers may warn).
 */
export async function renderPeriodNotice(
  db: Db,
  provinceId: string,
  periodId: string,
  format: NoticeFormat,
  options: { number?: string; date?: string } = {},
): Promise<RenderedNotice> {
  if (!isNoticeFormat(format)) throw errors.validation(`Định dạng "${String(format)}" không hỗ trợ; chọn docx, pdf hoặc xlsx.`);
  if (isPeriodRange(periodId)) return renderRangeNotice(db, provinceId, periodId, format, options);
  const [{ settings }, period, report] = await Promise.all([
    getProvince(db, provinceId),
    getPeriod(db, provinceId, periodId),
    getPeriodReport(db, provinceId, periodId),
  ]);
  const date = requireIsoDate(options.date ?? period.noticeDate ?? todayInVietnam());
  const number = options.number
    ? requireNoticeNumber(options.number)
    : (period.noticeNumber ?? (await nextNoticeNumber(db, provinceId, splitIsoDate(date)[0])));
  return renderNoticeFile(buildNoticeModel({ report, settings, number, date }), format);
}

/**
 * The notice covering several months. Its number and date default to the ones its months were
 * published with together (publishing a range gives every month the range's number), else the
 * next number of the year's series and today.
 */
async function renderRangeNotice(
  db: Db,
  provinceId: string,
  rangeText: string,
  format: NoticeFormat,
  options: { number?: string; date?: string },
): Promise<RenderedNotice> {
  const [{ settings }, report, periods] = await Promise.all([
    getProvince(db, provinceId),
    getRangeReport(db, provinceId, rangeText),
    listPeriods(db, provinceId),
  ]);
  const months = periods.filter((p) => report.range!.periods.includes(p.id));
  const shared = months.every((p) => p.noticeNumber && p.noticeNumber === months[0]!.noticeNumber && p.noticeDate === months[0]!.noticeDate)
    ? months[0]!
    : null;
  const date = requireIsoDate(options.date ?? shared?.noticeDate ?? todayInVietnam());
  const number = options.number
    ? requireNoticeNumber(options.number)
    : (shared?.noticeNumber ?? (await nextNoticeNumber(db, provinceId, splitIsoDate(date)[0])));
  return renderNoticeFile(buildNoticeModel({ report, settings, number, date }), format);
}

/** One file of a notice already built: the renderers only lay out the model they are given. */
export async function renderNoticeFile(model: NoticeModel, format: NoticeFormat): Promise<RenderedNotice> {
  const renderer = RENDERERS[format];
  return { fileName: `${noticeFileBaseName(model)}.${format}`, contentType: renderer.contentType, content: await renderer.render(model) };
}

/** The next number of the province's series for a year: notices are numbered from 01 each year, in order of publication. */
export async function nextNoticeNumber(db: Db, provinceId: string, year: number): Promise<string> {
  const [{ settings }, periods] = await Promise.all([getProvince(db, provinceId), listPeriods(db, provinceId)]);
  const used = periods
    .filter((p) => p.noticeDate?.startsWith(`${year}-`) && p.noticeNumber)
    .map((p) => parseNoticeNumber(p.noticeNumber!)?.sequence ?? 0);
  return formatNoticeNumber(Math.max(0, ...used) + 1, settings.noticeSymbol);
}

function requireIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const valid = match && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid) throw errors.validation(`Ngày "${value}" không hợp lệ; cần dạng YYYY-MM-DD, ví dụ 2024-02-27.`);
  return value;
}

function requireNoticeNumber(value: string): string {
  const clean = normalizeText(value).replace(/\s*\/\s*/gu, '/');
  if (!parseNoticeNumber(clean)) throw errors.validation(`Số công văn "${value}" không có dạng "03/BBT-CTTĐT".`);
  return clean;
}

export interface NoticeImportSummary extends WriteSummary {
  format: SourceFormat;
  number: string;
  date: string;
  /** True when the province had no settings and took them from this notice. */
  settingsTaken: boolean;
  /** What looked odd but did not stop the import. */
  warnings: string[];
}

/**
 * Imports an earlier notice (plain text or DOCX) as a published period: its table becomes the
 * period's evaluations through the same write path as a file import, deductions are 100 minus the
 * reviewed score with the reason from the summary. A notice that cannot be read writes nothing.
 * By the board's staff; one audit entry holds each unit's figures before and after (and the
 * settings, when they were taken from the notice). Runs in the caller's transaction when given one.
 */
export async function importNotice(db: Db, actor: Actor, content: Buffer): Promise<NoticeImportSummary> {
  assertStaff(actor, 'Chỉ Ban biên tập được nhập công văn đã ban hành.');
  const { provinceId } = actor;
  const { format, lines } = await noticeLines(content);
  const reading = readNotice(lines);
  if (!reading.notice) throw errors.importInvalid(reading.problems);
  const notice = reading.notice;
  const checked = checkEvaluationRows(notice.rows);
  if (checked.problems.length > 0) throw errors.importInvalid(checked.problems);

  return inTransaction(db, async (trx) => {
    const province = await getProvince(trx, provinceId);
    const settingsTaken = settingsAreEmpty(province.settings);
    const settings = settingsTaken
      ? (await saveSettings(trx, provinceId, settingsFromNotice(notice, province.settings))).settings
      : province.settings;
    const warnings = [...reading.warnings];
    const bounds = periodBounds(notice.periodId, settings.cutOffDay);
    if (notice.range && (notice.range.from !== bounds.from || notice.range.to !== bounds.to)) {
      warnings.push(
        `Công văn ghi kỳ ${formatDate(notice.range.from)} – ${formatDate(notice.range.to)}, ` +
          `khác với kỳ theo ngày chốt ${settings.cutOffDay} của tỉnh (${formatDate(bounds.from)} – ${formatDate(bounds.to)}); ` +
          'kỳ được lưu theo ngày chốt của tỉnh.',
      );
    }
    const sameNumber = (await listPeriods(trx, provinceId)).find(
      (p) => p.id !== notice.periodId && p.noticeNumber === notice.number && p.noticeDate?.slice(0, 4) === notice.date.slice(0, 4),
    );
    if (sameNumber) warnings.push(`Số ${notice.number} đã dùng cho kỳ ${sameNumber.id} trong cùng năm.`);

    const before = await periodFigures(trx, provinceId, notice.periodId);
    const written = await writePeriodEvaluations(trx, { provinceId, periodId: notice.periodId, lines: checked.lines });
    // The order is checked on the report the publication builds: one report for the whole import.
    const { report } = await publishWithin(trx, actor, notice.periodId, { number: notice.number, date: notice.date, mail: false });
    for (const group of report.groups) {
      const printed = checked.lines.filter((l) => nameKey(l.group) === nameKey(group.name)).map((l) => nameKey(l.unit));
      const ranked = group.units.map((u) => nameKey(u.name));
      if (printed.join('\n') !== ranked.join('\n')) {
        warnings.push(`Nhóm "${group.name}": thứ tự trong công văn khác thứ tự xếp hạng tính lại (điểm, số tin bài, thứ tự đăng ký).`);
      }
    }
    await recordAudit(trx, actor, {
      entity: 'period',
      entityId: notice.periodId,
      action: 'import-notice',
      before: { units: before },
      after: {
        number: notice.number,
        date: notice.date,
        format,
        units: await periodFigures(trx, provinceId, notice.periodId),
        ...(settingsTaken ? { settings } : {}),
      },
    });
    return { ...written, format, number: notice.number, date: notice.date, settingsTaken, warnings };
  });
}
