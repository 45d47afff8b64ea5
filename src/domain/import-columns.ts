/**
 * The columns of a period's import file, as the board's spreadsheets name them. Files may order
 * them freely; they are found by header.
 */
import { nameKey } from './text.js';

export const IMPORT_COLUMNS = [
  { key: 'group', header: 'Nhóm', required: true },
  { key: 'unit', header: 'Tên đơn vị', required: true },
  { key: 'required', header: 'Tổng số chuyên mục phải cập nhật', required: true },
  { key: 'full', header: 'Cập nhật đầy đủ', required: true },
  { key: 'partial', header: 'Cập nhật không đầy đủ', required: true },
  { key: 'none', header: 'Không cập nhật', required: true },
  { key: 'articles', header: 'Số lượng tin, bài, video', required: true },
  { key: 'selfScore', header: 'Tự đánh giá, chấm điểm', required: true },
  { key: 'points', header: 'Điểm trừ', required: false },
  { key: 'reason', header: 'Lý do trừ điểm', required: false },
] as const;

export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

/**
 * Finds the column a header names. Headers copied from the notice carry a month
 * ("Số lượng tin, bài, video cập nhật tháng 02/2024", "Các đơn vị tự đánh giá, chấm điểm"),
 * so a header matches when it equals the column's name or contains it as whole words.
 */
export function columnOfHeader(header: string): ImportColumnKey | null {
  const key = nameKey(header);
  if (!key) return null;
  const exact = IMPORT_COLUMNS.find((c) => nameKey(c.header) === key);
  if (exact) return exact.key;
  // Longest names first so "cập nhật không đầy đủ" is not taken for "cập nhật đầy đủ".
  const byLength = [...IMPORT_COLUMNS].sort((a, b) => b.header.length - a.header.length);
  for (const column of byLength) {
    const name = nameKey(column.header);
    if (name.length >= 8 && containsWords(key, name)) return column.key;
  }
  return null;
}

function containsWords(text: string, words: string): boolean {
  const at = text.indexOf(words);
  if (at < 0) return false;
  const before = at === 0 ? ' ' : text.charAt(at - 1);
  const after = text.charAt(at + words.length) || ' ';
  return /[\s(]/u.test(before) && /[\s),.:]/u.test(after);
}
