/**
 * Checks the rows of a PAKN file (Đơn vị, Ngày tiếp nhận, Nội dung, Hạn trả lời, Ngày trả lời),
 * all at once, before anything is written; every problem carries its line and column. Times in
 * files are Vietnam wall-clock times.
 */
import type { CellRow, Problem } from './evaluation-rows.js';
import { NAME_MAX, TEXT_MAX } from './limits.js';
import { nameKey } from './text.js';

export const PAKN_COLUMNS = [
  { key: 'unit', header: 'Đơn vị', aliases: ['Tên đơn vị', 'Đơn vị xử lý'], required: true },
  { key: 'received', header: 'Ngày tiếp nhận', aliases: ['Ngày nhận', 'Thời gian tiếp nhận'], required: true },
  { key: 'subject', header: 'Nội dung', aliases: ['Tiêu đề', 'Nội dung PAKN'], required: true },
  { key: 'due', header: 'Hạn trả lời', aliases: ['Hạn xử lý'], required: false },
  { key: 'answered', header: 'Ngày trả lời', aliases: ['Thời gian trả lời'], required: false },
] as const;

export type PaknColumnKey = (typeof PAKN_COLUMNS)[number]['key'];

export interface PaknLine {
  line: number;
  unit: string;
  receivedAt: Date;
  /** Day of receipt in Vietnam, YYYY-MM-DD. */
  receivedDate: string;
  subject: string;
  /** From the file; null when the due date is to be computed. */
  dueDate: string | null;
  answeredAt: Date | null;
}

/** A date and optional time as written in a file, read as Vietnam time. */
export interface WallClock {
  date: string;
  time: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function validTime(h: number, min: number, s: number): string | null {
  return h < 24 && min < 60 && s < 60 ? `${pad(h)}:${pad(min)}:${pad(s)}` : null;
}

/**
 * Reads "05/02/2024", "05/02/2024 10:30", "10:30 05/02/2024", "2024-02-05", "2024-02-05 10:30:00"
 * or "2024-02-05T10:30:00.000Z" (how spreadsheet date cells arrive: their wall-clock time in UTC
 * form). Returns null for anything else, or for a day that does not exist.
 */
export function parseWallClock(text: string): WallClock | null {
  const time = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?`;
  const vn = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${time})?$`).exec(text);
  const vnTimeFirst = new RegExp(String.raw`^${time}\s+(\d{1,2})/(\d{1,2})/(\d{4})$`).exec(text);
  const iso = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[T\s]${time})?Z?$`).exec(text);
  let parts: (string | undefined)[];
  if (vn) parts = [vn[3], vn[2], vn[1], vn[4], vn[5], vn[6]];
  else if (vnTimeFirst) parts = [vnTimeFirst[6], vnTimeFirst[5], vnTimeFirst[4], vnTimeFirst[1], vnTimeFirst[2], vnTimeFirst[3]];
  else if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]];
  else return null;
  const [y, m, d, h, min, s] = parts.map((p) => (p === undefined ? undefined : Number(p)));
  const date = validDate(y!, m!, d!);
  if (!date) return null;
  if (h === undefined) return { date, time: null };
  const clock = validTime(h, min!, s ?? 0);
  return clock ? { date, time: clock } : null;
}

/** The instant of a Vietnam wall-clock time; a date alone is its midnight. */
export function instantOf(value: WallClock): Date {
  return new Date(`${value.date}T${value.time ?? '00:00:00'}+07:00`);
}

export function columnOfPaknHeader(text: string): PaknColumnKey | null {
  const key = nameKey(text);
  for (const column of PAKN_COLUMNS) {
    for (const name of [column.header, ...column.aliases]) {
      const candidate = nameKey(name);
      // A header may add a hint: "Hạn trả lời (dd/mm/yyyy)".
      if (key === candidate || key.startsWith(`${candidate} (`)) return column.key;
    }
  }
  return null;
}

const header = (key: PaknColumnKey) => PAKN_COLUMNS.find((c) => c.key === key)!.header;

export function checkPaknRows(rows: readonly CellRow[]): { lines: PaknLine[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const [head, ...body] = rows;
  if (!head) return { lines: [], problems: [{ line: 1, column: null, message: 'Tệp rỗng: không có dòng tiêu đề.' }] };
  const indexOf = new Map<PaknColumnKey, number>();
  head.cells.forEach((cell, index) => {
    const key = columnOfPaknHeader(cell);
    if (!key) return;
    if (indexOf.has(key)) problems.push({ line: head.line, column: cell, message: `Cột "${header(key)}" xuất hiện hai lần.` });
    else indexOf.set(key, index);
  });
  for (const column of PAKN_COLUMNS) {
    if (column.required && !indexOf.has(column.key)) {
      problems.push({ line: head.line, column: column.header, message: `Thiếu cột "${column.header}".` });
    }
  }
  if (problems.length > 0) return { lines: [], problems };
  if (body.length === 0) {
    return { lines: [], problems: [{ line: head.line, column: null, message: 'Tệp chỉ có dòng tiêu đề, không có phản ánh kiến nghị nào.' }] };
  }

  const lines: PaknLine[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    const before = problems.length;
    const cell = (key: PaknColumnKey) => {
      const index = indexOf.get(key);
      return index === undefined ? '' : (row.cells[index] ?? '');
    };
    const report = (key: PaknColumnKey, message: string) => problems.push({ line: row.line, column: header(key), message });
    const when = (key: PaknColumnKey, required: boolean): WallClock | null | undefined => {
      const text = cell(key);
      if (text === '') {
        if (required) report(key, 'Thiếu giá trị.');
        return required ? undefined : null;
      }
      const value = parseWallClock(text);
      if (!value) report(key, `"${text}" không phải ngày hợp lệ (dd/mm/yyyy, có thể kèm giờ hh:mm).`);
      return value ?? undefined;
    };

    const unit = cell('unit');
    const subject = cell('subject');
    if (!unit) report('unit', 'Thiếu tên đơn vị.');
    if (!subject) report('subject', 'Thiếu nội dung.');
    if (unit.length > NAME_MAX) report('unit', `Tên đơn vị dài ${unit.length} ký tự, quá giới hạn ${NAME_MAX} ký tự.`);
    if (subject.length > TEXT_MAX) report('subject', `Nội dung dài ${subject.length} ký tự, quá giới hạn ${TEXT_MAX} ký tự.`);
    const received = when('received', true);
    const due = when('due', false);
    const answered = when('answered', false);
    if (received && due && due.date < received.date) {
      report('due', `Hạn trả lời (${due.date}) trước ngày tiếp nhận (${received.date}).`);
    }
    if (received && answered && instantOf(answered) < instantOf(received)) {
      report('answered', 'Ngày trả lời trước ngày tiếp nhận.');
    }
    if (unit && subject && received) {
      const key = `${nameKey(unit)}|${instantOf(received).toISOString()}|${nameKey(subject)}`;
      const first = seen.get(key);
      if (first !== undefined) report('subject', `Trùng với dòng ${first} (cùng đơn vị, thời điểm tiếp nhận và nội dung).`);
      else seen.set(key, row.line);
    }
    if (problems.length === before && received && due !== undefined && answered !== undefined) {
      lines.push({
        line: row.line,
        unit,
        receivedAt: instantOf(received),
        receivedDate: received.date,
        subject,
        dueDate: due?.date ?? null,
        answeredAt: answered ? instantOf(answered) : null,
      });
    }
  }
  return { lines, problems };
}
