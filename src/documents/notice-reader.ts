/**
 * Reads an earlier notice back into data: its number, date, period, settings-like lines and the
 * table, turned into rows of the import columns so the core's checks and write path apply. Pure:
 * the caller turns a text file or a DOCX into lines first.
 */
import { sumPoints } from '../domain/evaluation.js';
import { type CellRow, parseCount, parseDecimal, type Problem } from '../domain/evaluation-rows.js';
import { columnOfHeader, IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import-columns.js';
import { isPeriodId, type PeriodBounds, periodId } from '../domain/period.js';
import { parseNoticeNumber, type ProvinceSettings, type Signer } from '../domain/province.js';
import { nameKey, nameMidSentence, normalizeText } from '../domain/text.js';
import { bareListItem } from './notice-model.js';

/** One line of the notice: a paragraph (one cell) or a table row (its cells). */
export interface NoticeLine {
  /** Line of a text file, or the ordinal of the paragraph or table row in a DOCX. */
  line: number;
  cells: string[];
}

export interface ReadNotice {
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  place: string;
  periodId: string;
  /** The range in brackets after "tháng 02/2024", when the notice gives one. */
  range: PeriodBounds | null;
  parentBody: string;
  issuingBody: string;
  recipients: string[];
  legalBasis: string[];
  portalShortName: string;
  scale: number;
  /** Rows in the import columns (header first), the notice's lines kept for messages. */
  rows: CellRow[];
  distribution: string[];
  signer: Signer;
}

export interface NoticeReading {
  notice: ReadNotice | null;
  /** What could not be read; any problem refuses the notice. */
  problems: Problem[];
  /** What looks odd but does not stop the import (a subtotal that does not add up). */
  warnings: string[];
}

type TableKey = ImportColumnKey | 'rank' | 'reviewed';

const NUMBER_LINE = /^Số\s*:\s*(\S.*)$/u;
const PLACE_DATE = /^(?:(.*?),\s*)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b/iu;
const PERIOD = /tháng\s+(\d{1,2})\s*\/\s*(\d{4})/iu;
const RANGE = /\(\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*[–—-]\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*\)/u;
const SCALE = /^Thang điểm\s*:\s*(\d+)/iu;
const SAME_REASON = /^-?\s*Lý do bị trừ điểm là do\s+(.+?)\.?$/iu;
const REASON_PER_UNIT = /^-?\s*Lý do bị trừ điểm\s*:\s*(.+?)\.?$/iu;
const ROMAN = /^[IVXLC]+\.?$/u;
const MARKER = /^\*?\[.*\]\*?$/u;
/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", also with the older tone placement "HOÀ". */
const NATION_LINE = /^CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$/u;

const isUpper = (text: string) => /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi');
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? iso(y, m, d) : null;
}

export function readNotice(input: readonly NoticeLine[]): NoticeReading {
  const lines = input.map((l) => ({ line: l.line, cells: l.cells.map(normalizeText) }));
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const problem = (line: number, message: string, column: string | null = null) => problems.push({ line, column, message });

  const headerAt = lines.findIndex((l) => l.cells.length >= 5 && l.cells.some((c) => columnOfHeader(c) === 'unit'));
  const before = headerAt < 0 ? lines : lines.slice(0, headerAt);
  const texts = before.filter((l) => l.cells.length === 1).map((l) => ({ line: l.line, text: l.cells[0]! }));

  // Number, place and date, period.
  const numberLine = texts.map((t) => NUMBER_LINE.exec(t.text)).find((m) => m);
  const number = numberLine ? numberLine[1]!.replace(/\s*\/\s*/gu, '/') : '';
  if (!numberLine) problem(0, 'Không thấy số công văn (dòng "Số: 02/BBT-CTTĐT").');
  else if (!parseNoticeNumber(number)) problem(0, `Số công văn "${number}" không có dạng "02/BBT-CTTĐT".`);

  const dateMatch = texts.map((t) => ({ t, m: PLACE_DATE.exec(t.text) })).find((x) => x.m);
  let date = '';
  if (!dateMatch) problem(0, 'Không thấy ngày ban hành (dòng "Bắc Ninh, ngày 27 tháng 02 năm 2024").');
  else {
    const [, , d, m, y] = dateMatch.m!;
    date = validDate(Number(y), Number(m), Number(d)) ?? '';
    if (!date) problem(dateMatch.t.line, `Ngày ban hành không hợp lệ: "${dateMatch.t.text}".`);
  }
  const place = normalizeText(dateMatch?.m?.[1] ?? '');

  const withRange = texts.map((t) => ({ t, p: PERIOD.exec(t.text), r: RANGE.exec(t.text) })).find((x) => x.p && x.r);
  const withPeriod = withRange ?? texts.map((t) => ({ t, p: PERIOD.exec(t.text), r: null })).find((x) => x.p);
  let period = '';
  if (!withPeriod) problem(0, 'Không thấy kỳ đánh giá ("tháng 02/2024").');
  else {
    period = periodId(Number(withPeriod.p![2]), Number(withPeriod.p![1]));
    if (!isPeriodId(period)) problem(withPeriod.t.line, `Kỳ "${withPeriod.p![0]}" không hợp lệ.`);
  }
  let range: PeriodBounds | null = null;
  if (withRange?.r) {
    const [, d1, m1, y1, d2, m2, y2] = withRange.r.map(Number) as number[];
    const from = validDate(y1!, m1!, d1!);
    const to = validDate(y2!, m2!, d2!);
    if (!from || !to || from > to) problem(withRange.t.line, `Khoảng thời gian "${withRange.r[0]}" không hợp lệ.`);
    else range = { from, to };
  }

  // The issuing bodies are the upper-case lines above "Kính gửi", the national title aside.
  const recipientsAt = texts.findIndex((t) => /^Kính gửi\b/iu.test(t.text));
  const top = (recipientsAt < 0 ? texts : texts.slice(0, recipientsAt)).filter(
    (t) => isUpper(t.text) && !NATION_LINE.test(t.text) && !NUMBER_LINE.test(t.text),
  );
  const issuingBody = top.length >= 2 ? top[1]!.text : (top[0]?.text ?? '');
  const parentBody = top.length >= 2 ? top[0]!.text : '';

  const recipients: string[] = [];
  if (recipientsAt >= 0) {
    const first = texts[recipientsAt]!.text.replace(/^Kính gửi\s*:?\s*/iu, '');
    if (first) recipients.push(bareListItem(first));
    for (const t of texts.slice(recipientsAt + 1)) {
      if (!t.text.startsWith('-') || /^-\s*(Xếp thứ tự|Các đơn vị bị trừ|Lý do bị trừ|Không có đơn vị)/iu.test(t.text)) break;
      recipients.push(bareListItem(t.text));
    }
  }
  // Not \b: JavaScript's word boundary does not know "ứ" is a letter.
  const legalBasis = texts.filter((t) => /^Căn cứ(?:\s|:|$)/iu.test(t.text)).map((t) => t.text);
  const scaleMatch = texts.map((t) => SCALE.exec(t.text)).find((m) => m);
  const scale = scaleMatch ? Number(scaleMatch[1]) : 100;

  const table = headerAt < 0 ? null : readTable(lines, headerAt, problem);
  if (headerAt < 0) problem(0, 'Không thấy bảng kết quả (dòng tiêu đề có cột "Tên đơn vị").');

  const reasons = readReasons(texts.map((t) => t.text));
  const rows: CellRow[] = [{ line: lines[headerAt]?.line ?? 0, cells: IMPORT_COLUMNS.map((c) => c.header) }];
  for (const group of table?.groups ?? []) {
    const sum = group.units.reduce((total, u) => total + (parseCount(u.cells.articles) ?? 0), 0);
    if (group.subtotal !== null && group.subtotal !== sum) {
      warnings.push(`Nhóm "${group.name}": tổng số tin, bài ghi ${group.subtotal}, cộng các đơn vị được ${sum}.`);
    }
    for (const unit of group.units) {
      const reviewed = parseDecimal(unit.cells.reviewed);
      if (reviewed === null) {
        problem(unit.line, `Kết quả rà soát "${unit.cells.reviewed}" không phải là số.`, 'Kết quả rà soát');
        continue;
      }
      const points = sumPoints([scale, -reviewed]);
      if (points < 0) problem(unit.line, `Kết quả rà soát ${unit.cells.reviewed} lớn hơn thang điểm ${scale}.`, 'Kết quả rà soát');
      const reason = points > 0 ? (reasons.common ?? reasons.byUnit.get(nameKey(nameMidSentence(unit.cells.unit))) ?? '') : '';
      if (points > 0 && !reason) {
        problem(unit.line, `${unit.cells.unit} bị trừ ${points} điểm nhưng công văn không ghi lý do ("- Lý do bị trừ điểm là do ...").`);
      }
      rows.push({
        line: unit.line,
        cells: IMPORT_COLUMNS.map((c) => {
          if (c.key === 'group') return group.name;
          if (c.key === 'points') return points > 0 ? String(points) : '';
          if (c.key === 'reason') return reason;
          return unit.cells[c.key];
        }),
      });
    }
  }

  const closing = readClosing(table ? lines.slice(table.end) : []);
  if (problems.length > 0) return { notice: null, problems, warnings };
  return {
    notice: {
      number,
      date,
      place,
      periodId: period,
      range,
      parentBody,
      issuingBody,
      recipients,
      legalBasis,
      portalShortName: table?.portalShortName ?? '',
      scale,
      rows,
      distribution: closing.distribution,
      signer: closing.signer,
    },
    problems,
    warnings,
  };
}

interface TableUnit {
  line: number;
  cells: Record<ImportColumnKey | 'reviewed', string>;
}

interface TableGroup {
  name: string;
  subtotal: number | null;
  units: TableUnit[];
}

function readTable(
  lines: readonly NoticeLine[],
  headerAt: number,
  problem: (line: number, message: string, column?: string | null) => void,
): { groups: TableGroup[]; end: number; portalShortName: string } {
  const first = lines[headerAt]!;
  let names = [...first.cells];
  let at = headerAt + 1;
  // A second header row splits "Số lượng chuyên mục cập nhật trong tháng" into its three columns.
  const next = lines[at];
  if (next && next.cells.length >= 5 && !/^\d+$|^[IVXLC]+\.?$/u.test(next.cells[0] ?? '') && next.cells.some((c) => columnOfHeader(c))) {
    names = names.map((name, i) => next.cells[i] || name);
    at += 1;
  }
  const indexOf = new Map<TableKey, number>();
  names.forEach((name, i) => {
    const key: TableKey | null = /^STT$/iu.test(name) ? 'rank' : /rà soát|kết quả/iu.test(name) ? 'reviewed' : columnOfHeader(name);
    if (key && !indexOf.has(key)) indexOf.set(key, i);
  });
  const needed: [TableKey, string][] = [
    ['unit', 'Tên đơn vị'],
    ['required', 'Tổng số chuyên mục phải cập nhật'],
    ['full', 'Cập nhật đầy đủ'],
    ['partial', 'Cập nhật không đầy đủ'],
    ['none', 'Không cập nhật'],
    ['articles', 'Số lượng tin, bài, video'],
    ['selfScore', 'Các đơn vị tự đánh giá, chấm điểm'],
    ['reviewed', 'Kết quả rà soát chấm điểm'],
  ];
  for (const [key, label] of needed) if (!indexOf.has(key)) problem(first.line, `Bảng thiếu cột "${label}".`, label);
  const reviewedName = names[indexOf.get('reviewed') ?? -1] ?? '';
  const portalShortName = /\bcủa\s+(.+)$/u.exec(reviewedName)?.[1] ?? '';

  const cell = (l: NoticeLine, key: TableKey) => l.cells[indexOf.get(key) ?? -1] ?? '';
  const groups: TableGroup[] = [];
  for (; at < lines.length; at += 1) {
    const l = lines[at]!;
    const filled = l.cells.filter((c) => c !== '');
    if (filled.length === 0) continue;
    if (l.cells.length === 1) break;
    const rank = l.cells[indexOf.get('rank') ?? 0] ?? '';
    const name = cell(l, 'unit');
    if (new Set(filled).size === 1 && !/^\d+$/u.test(filled[0]!)) {
      // A group row merged across the table ("I. Các Sở, ban, ngành tỉnh" in one cell).
      groups.push({ name: filled[0]!.replace(/^[IVXLC]+\.\s*/u, ''), subtotal: null, units: [] });
    } else if (/^\d+$/u.test(rank) && name) {
      const group = groups.at(-1);
      if (!group) {
        problem(l.line, `Đơn vị "${name}" đứng trước dòng nhóm ("I. Các Sở, ban, ngành tỉnh").`);
        continue;
      }
      const keys = ['unit', 'required', 'full', 'partial', 'none', 'articles', 'selfScore', 'reviewed'] as const;
      const values = Object.fromEntries(keys.map((k) => [k, cell(l, k)])) as Record<(typeof keys)[number], string>;
      group.units.push({ line: l.line, cells: { group: group.name, points: '', reason: '', ...values } });
    } else if ((rank === '' || ROMAN.test(rank)) && name) {
      const subtotal = cell(l, 'articles');
      groups.push({ name, subtotal: subtotal ? parseCount(subtotal) : null, units: [] });
    } else {
      problem(l.line, `Không đọc được hàng của bảng: "${filled.join(' | ')}".`);
    }
  }
  if (groups.every((g) => g.units.length === 0)) problem(first.line, 'Bảng không có đơn vị nào.');
  return { groups, end: at, portalShortName };
}

/** The reason for every deducted unit, or one reason per unit ("huyện Tiên Du do ..."). */
function readReasons(texts: readonly string[]): { common: string | null; byUnit: Map<string, string> } {
  const byUnit = new Map<string, string>();
  for (const text of texts) {
    const same = SAME_REASON.exec(text);
    if (same) return { common: asReason(same[1]!), byUnit };
    const perUnit = REASON_PER_UNIT.exec(text);
    if (perUnit) {
      for (const part of perUnit[1]!.split(/;\s*/u)) {
        const match = /^(.+?)\s+do\s+(.+)$/u.exec(part);
        if (match) byUnit.set(nameKey(match[1]!), asReason(match[2]!));
      }
    }
  }
  return { common: null, byUnit };
}

/** "một số câu trả lời ... quá hạn." → "Một số câu trả lời ... quá hạn", as a reason is stored. */
function asReason(text: string): string {
  const clean = normalizeText(text).replace(/[.;]+$/u, '');
  return clean.charAt(0).toLocaleUpperCase('vi') + clean.slice(1);
}

/** "Nơi nhận" list and the signer block after the table. */
function readClosing(lines: readonly NoticeLine[]): { distribution: string[]; signer: Signer } {
  const texts = lines.map((l) => l.cells.filter((c) => c !== '').join(' '));
  const start = texts.findIndex((t) => /^Nơi nhận\b/iu.test(t));
  const distribution: string[] = [];
  const signer: Signer = { positionLines: [], titleLines: [], name: '' };
  if (start < 0) return { distribution, signer };
  let i = start + 1;
  const inline = texts[start]!.replace(/^Nơi nhận\s*:?\s*/iu, '');
  if (inline.startsWith('-')) distribution.push(bareListItem(inline));
  for (; i < texts.length; i += 1) {
    const t = texts[i]!;
    if (t === '') continue;
    if (!t.startsWith('-')) break;
    distribution.push(bareListItem(t));
  }
  // Position lines run until the room left for the signature; upper-case lines after it are the
  // signer's own title, the last line in ordinary case is the name.
  let positionsDone = false;
  for (; i < texts.length; i += 1) {
    const t = texts[i]!;
    if (t === '' || MARKER.test(t)) {
      if (signer.positionLines.length > 0) positionsDone = true;
      continue;
    }
    if (isUpper(t)) (positionsDone ? signer.titleLines : signer.positionLines).push(t);
    else signer.name = t;
  }
  return { distribution, signer };
}

/** Settings taken from a notice, for a province that has none yet. */
export function settingsFromNotice(notice: ReadNotice, base: ProvinceSettings): ProvinceSettings {
  const symbol = parseNoticeNumber(notice.number)?.symbol;
  return {
    ...base,
    parentBody: notice.parentBody || base.parentBody,
    issuingBody: notice.issuingBody || base.issuingBody,
    place: notice.place || base.place,
    noticeSymbol: symbol ?? base.noticeSymbol,
    portalShortName: notice.portalShortName || base.portalShortName,
    recipients: notice.recipients.length > 0 ? notice.recipients : base.recipients,
    distribution: notice.distribution.length > 0 ? notice.distribution : base.distribution,
    signer: notice.signer.name || notice.signer.positionLines.length > 0 ? notice.signer : base.signer,
    legalBasis: notice.legalBasis.length > 0 ? notice.legalBasis : base.legalBasis,
    // The range's last day is the board's cut-off day ("23/01 – 22/02": 22).
    cutOffDay: notice.range ? Number(notice.range.to.slice(8)) : base.cutOffDay,
  };
}
