/**
 * The official notice (công văn) as plain data, built once from the period report and the
 * province's settings. The DOCX, PDF and XLSX renderers only lay this out, so the three always say
 * the same thing.
 */
import { reportPeriodLabel } from '../domain/period-range.js';
import type { ProvinceSettings, Signer } from '../domain/province.js';
import { romanNumeral } from '../domain/roman.js';
import { summaryLines } from '../domain/summary.js';
import { formatNoticeDate, formatNumber, normalizeText } from '../domain/text.js';
import type { PeriodReport, ReportUnit } from '../domain/report.js';
import { introLine, notReportedNames, scaleLine, tableHeader } from './text-report.js';

export const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const RECIPIENTS_LABEL = 'Kính gửi:';
export const DISTRIBUTION_LABEL = 'Nơi nhận:';
const ARCHIVE_LINE = 'Lưu: VT';

export interface NoticeInput {
  report: PeriodReport;
  settings: ProvinceSettings;
  /** "02/BBT-CTTĐT". */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
}

export type ColumnAlign = 'left' | 'center';

export interface NoticeColumn {
  /** The column's full name, as a single-row header would print it. */
  title: string;
  align: ColumnAlign;
}

export interface NoticeHeaderCell {
  text: string;
  /** Index of the first column the cell covers. */
  column: number;
  colSpan: number;
  rowSpan: number;
}

export interface NoticeGroupRow {
  kind: 'group';
  /** "I.", "II." */
  label: string;
  name: string;
  articles: number;
  cells: string[];
}

/** A unit's row: its report figures (a row with deductions has its reviewed score marked) and the cells. */
export interface NoticeUnitRow
  extends Pick<ReportUnit, 'rank' | 'name' | 'categories' | 'full' | 'partial' | 'none' | 'articles' | 'selfScore' | 'score' | 'deductions'> {
  kind: 'unit';
  cells: string[];
}

export type NoticeRow = NoticeGroupRow | NoticeUnitRow;

export interface NoticeTable {
  columns: NoticeColumn[];
  /** Two rows: the middle three columns share "Số lượng chuyên mục cập nhật trong tháng" ("trong 02 tháng" for a range). */
  headerRows: NoticeHeaderCell[][];
  rows: NoticeRow[];
}

export interface NoticeModel {
  periodId: string;
  /** "02/BBT-CTTĐT". */
  number: string;
  date: string;
  header: {
    parentBody: string;
    issuingBody: string;
    /** "Số: 02/BBT-CTTĐT". */
    numberLine: string;
    subject: string;
    nation: string;
    motto: string;
    /** "Bắc Ninh, ngày 27 tháng 02 năm 2024". */
    placeDate: string;
  };
  /** "- Các Sở, ban, ngành tỉnh;" ... the last ending with "."; a single recipient has no dash. */
  recipients: string[];
  legalBasis: string[];
  intro: string;
  summary: string[];
  /** "Thang điểm: 100 điểm". */
  scale: string;
  table: NoticeTable;
  /** "- Như trên;" ... "- Lưu: VT.". */
  distribution: string[];
  signer: Signer;
}

export const SUBJECT_PREFIX =
  'V/v thông báo kết quả đánh giá, chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng';

/** Builds the notice. Pure: the same input always gives the same model. */
export function buildNoticeModel(input: NoticeInput): NoticeModel {
  const { report, settings } = input;
  const place = normalizeText(settings.place);
  const dateText = formatNoticeDate(input.date);
  return {
    periodId: report.period.id,
    number: input.number,
    date: input.date,
    header: {
      parentBody: upper(settings.parentBody),
      issuingBody: upper(settings.issuingBody),
      numberLine: `Số: ${input.number}`,
      subject: `${SUBJECT_PREFIX} ${reportPeriodLabel(report)}`,
      nation: NATION,
      motto: MOTTO,
      placeDate: place ? `${place}, ${dateText}` : capitalize(dateText),
    },
    recipients: listLines(settings.recipients, { dashWhenSingle: false }),
    legalBasis: settings.legalBasis.map(normalizeText).filter((l) => l !== ''),
    intro: introLine(report),
    summary: summaryLines(report.deducted, { orderLine: settings.rankingOrderLine, notReported: notReportedNames(report) }),
    scale: scaleLine(report),
    table: buildTable(report, settings.portalShortName),
    distribution: listLines(withArchiveLine(settings.distribution), { dashWhenSingle: true }),
    signer: {
      positionLines: settings.signer.positionLines.map(upper).filter((l) => l !== ''),
      titleLines: settings.signer.titleLines.map(upper).filter((l) => l !== ''),
      name: normalizeText(settings.signer.name),
    },
  };
}

/**
 * Over the middle three columns: a month's notice keeps the board's words; a range's counts are not
 * one month's, so the header names how many months they cover.
 */
function categoriesHeader(report: PeriodReport): string {
  if (!report.range) return 'Số lượng chuyên mục cập nhật trong tháng';
  return `Số lượng chuyên mục cập nhật trong ${String(report.range.periods.length).padStart(2, '0')} tháng`;
}

function buildTable(report: PeriodReport, portalShortName: string): NoticeTable {
  const titles = tableHeader(report, portalShortName || undefined);
  const columns: NoticeColumn[] = titles.map((title, i) => ({ title, align: i === 1 ? 'left' : 'center' }));
  const span = (column: number, text: string): NoticeHeaderCell => ({ text, column, colSpan: 1, rowSpan: 2 });
  const headerRows: NoticeHeaderCell[][] = [
    [
      span(0, titles[0]!),
      span(1, titles[1]!),
      span(2, titles[2]!),
      { text: categoriesHeader(report), column: 3, colSpan: 3, rowSpan: 1 },
      span(6, titles[6]!),
      span(7, titles[7]!),
      span(8, titles[8]!),
    ],
    [3, 4, 5].map((column) => ({ text: titles[column]!, column, colSpan: 1, rowSpan: 1 })),
  ];
  const rows: NoticeRow[] = [];
  report.groups.forEach((group, index) => {
    const label = `${romanNumeral(index + 1)}.`;
    rows.push({
      kind: 'group',
      label,
      name: group.name,
      articles: group.articles,
      cells: [label, group.name, '', '', '', '', formatNumber(group.articles), '', ''],
    });
    for (const unit of group.units) {
      rows.push({
        kind: 'unit',
        rank: unit.rank,
        name: unit.name,
        categories: unit.categories,
        full: unit.full,
        partial: unit.partial,
        none: unit.none,
        articles: unit.articles,
        selfScore: unit.selfScore,
        score: unit.score,
        deductions: unit.deductions,
        cells: [
          String(unit.rank),
          unit.name,
          formatNumber(unit.categories),
          formatNumber(unit.full),
          formatNumber(unit.partial),
          formatNumber(unit.none),
          formatNumber(unit.articles),
          unit.selfScore === null ? '' : formatNumber(unit.selfScore),
          formatNumber(unit.score),
        ],
      });
    }
  });
  return { columns, headerRows, rows };
}

/** A list item as stored ("- Như trên;", "Như trên") reduced to its words. */
export function bareListItem(line: string): string {
  return normalizeText(line).replace(/^[-–•+]\s*/u, '').replace(/[;.,]+$/u, '').trim();
}

/**
 * Decree 30 lists: each line starts with "-" and ends with ";", the last with ".". A single
 * "Kính gửi" recipient stands on the label's line without a dash.
 */
export function listLines(items: readonly string[], options: { dashWhenSingle: boolean }): string[] {
  const bare = items.map(bareListItem).filter((item) => item !== '');
  if (bare.length === 1 && !options.dashWhenSingle) return [`${bare[0]}.`];
  return bare.map((item, i) => `- ${item}${i === bare.length - 1 ? '.' : ';'}`);
}

/** The "Nơi nhận" list always ends with the archive line ("Lưu: VT."). */
function withArchiveLine(items: readonly string[]): string[] {
  const bare = items.map(bareListItem).filter((item) => item !== '');
  return bare.some((item) => /^Lưu\b/u.test(item)) ? bare : [...bare, ARCHIVE_LINE];
}

function upper(text: string): string {
  return normalizeText(text).toLocaleUpperCase('vi');
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** A file name without diacritics: "cong-van-02-BBT-CTTD-2024-02". */
export function noticeFileBaseName(model: Pick<NoticeModel, 'number' | 'periodId'>): string {
  const ascii = model.number
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `thong-bao-${model.periodId.replace('..', '-')}${ascii ? `-so-${ascii}` : ''}`;
}
