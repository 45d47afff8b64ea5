/**
 * Checks the rows of a period's import file, all at once, before anything is written: every
 * problem comes back with its line and column so the board can fix the file in one pass.
 */
import { type CategoryStatus, countsAddUp, type Deduction, DEFAULT_SCALE, type EvaluationCounts, hasAtMostTwoDecimals } from './evaluation.js';
import { columnOfHeader, IMPORT_COLUMNS, type ImportColumnKey } from './import-columns.js';
import { lengthProblem, NAME_MAX, TEXT_MAX } from './limits.js';
import { formatNumber, nameKey } from './text.js';

export interface CellRow {
  line: number;
  cells: string[];
}

export interface Problem {
  line: number;
  column: string | null;
  message: string;
}

/** One unit's evaluation as a file or a form gives it, before it is matched to the registry. */
export interface EvaluationLine extends EvaluationCounts {
  /** Where it came from (file line or row), for messages. */
  line: number;
  group: string;
  unit: string;
  deductions: Deduction[];
  /** Per-category statuses, when known; counts alone otherwise. */
  categories?: { name: string; status: CategoryStatus; evidenceUrl: string | null }[];
}

const header = (key: ImportColumnKey) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;

/** Whole non-negative numbers; Vietnamese grouping ("1.389") is accepted. */
export function parseCount(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  return null;
}

/** Scores and points: "98", "97,5" or "97.5", at most two decimals. */
export function parseDecimal(text: string): number | null {
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

export function checkEvaluationRows(rows: readonly CellRow[]): { lines: EvaluationLine[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const [head, ...body] = rows;
  if (!head) return { lines: [], problems: [{ line: 1, column: null, message: 'Tệp rỗng: không có dòng tiêu đề.' }] };

  const indexOf = new Map<ImportColumnKey, number>();
  head.cells.forEach((cell, index) => {
    const key = columnOfHeader(cell);
    if (!key) return;
    if (indexOf.has(key)) {
      problems.push({ line: head.line, column: cell, message: `Cột "${header(key)}" xuất hiện hai lần.` });
    } else {
      indexOf.set(key, index);
    }
  });
  for (const column of IMPORT_COLUMNS) {
    if (column.required && !indexOf.has(column.key)) {
      problems.push({ line: head.line, column: column.header, message: `Thiếu cột "${column.header}".` });
    }
  }
  if (problems.length > 0) return { lines: [], problems };
  if (body.length === 0) {
    return { lines: [], problems: [{ line: head.line, column: null, message: 'Tệp chỉ có dòng tiêu đề, không có đơn vị nào.' }] };
  }

  const lines: EvaluationLine[] = [];
  const seenUnits = new Map<string, number>();
  for (const row of body) {
    const before = problems.length;
    const cell = (key: ImportColumnKey) => {
      const index = indexOf.get(key);
      return index === undefined ? '' : (row.cells[index] ?? '');
    };
    const report = (key: ImportColumnKey, message: string) =>
      problems.push({ line: row.line, column: header(key), message });

    const group = cell('group');
    const unit = cell('unit');
    if (!group) report('group', 'Thiếu tên nhóm.');
    if (!unit) report('unit', 'Thiếu tên đơn vị.');
    if (unit.length > NAME_MAX) report('unit', `Tên đơn vị dài ${formatNumber(unit.length)} ký tự, quá giới hạn ${NAME_MAX} ký tự.`);
    if (group.length > NAME_MAX) report('group', `Tên nhóm dài ${formatNumber(group.length)} ký tự, quá giới hạn ${NAME_MAX} ký tự.`);
    if (unit) {
      const key = nameKey(unit);
      const firstLine = seenUnits.get(key);
      if (firstLine !== undefined) report('unit', `Đơn vị "${unit}" đã có ở dòng ${firstLine}.`);
      else seenUnits.set(key, row.line);
    }

    const count = (key: ImportColumnKey): number | null => {
      const text = cell(key);
      const value = text === '' ? null : parseCount(text);
      if (text === '') report(key, 'Thiếu giá trị.');
      else if (value === null) report(key, `"${text}" không phải số nguyên không âm.`);
      return value;
    };
    const required = count('required');
    const full = count('full');
    const partial = count('partial');
    const none = count('none');
    const articles = count('articles');
    if (required !== null && full !== null && partial !== null && none !== null) {
      if (required === 0) report('required', 'Tổng số chuyên mục phải cập nhật phải lớn hơn 0.');
      else if (!countsAddUp({ full, partial, none }, required)) {
        report(
          'required',
          `Đầy đủ (${full}) + không đầy đủ (${partial}) + không cập nhật (${none}) = ${full + partial + none}, ` +
            `khác tổng số chuyên mục phải cập nhật (${required}).`,
        );
      }
    }

    /** A score or points in 0..scale; '' is null (allowed only where optional). */
    const score = (key: ImportColumnKey, optional: boolean): number | null | undefined => {
      const text = cell(key);
      if (text === '') {
        if (!optional) report(key, 'Thiếu giá trị.');
        return optional ? null : undefined;
      }
      const value = parseDecimal(text);
      if (value === null) report(key, `"${text}" không phải là số.`);
      else if (value < 0 || value > DEFAULT_SCALE) report(key, `${formatNumber(value)} nằm ngoài khoảng 0–${DEFAULT_SCALE}.`);
      else if (!hasAtMostTwoDecimals(value)) report(key, `${text}: tối đa hai chữ số thập phân.`);
      else return value;
      return undefined;
    };
    const selfScore = score('selfScore', false);
    const points = score('points', true);
    const reason = cell('reason');
    const reasonTooLong = lengthProblem(reason, TEXT_MAX, 'Lý do trừ điểm');
    if (reasonTooLong) report('reason', reasonTooLong);
    if (points && !reason) report('reason', `Có điểm trừ (${formatNumber(points)}) nhưng thiếu lý do trừ điểm.`);
    if ((points === null || points === 0) && reason) {
      report('points', 'Có lý do trừ điểm nhưng điểm trừ bằng 0 hoặc để trống.');
    }

    if (
      problems.length === before &&
      required !== null && full !== null && partial !== null && none !== null && articles !== null &&
      typeof selfScore === 'number'
    ) {
      lines.push({
        line: row.line,
        group,
        unit,
        required,
        full,
        partial,
        none,
        articles,
        selfScore,
        deductions: points ? [{ points, reason }] : [],
      });
    }
  }
  return { lines, problems };
}
