/**
 * Reads the seed notice (02/BBT-CTTĐT, Bắc Ninh, 02/2024) so tests compare with the real document.
 */
import { readFileSync } from 'node:fs';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const SEED_TEXT_PATH = `${FIXTURES}seed-02-2024.txt`;
export const SEED_CSV_PATH = `${FIXTURES}2024-02.csv`;

export const seedText = () => readFileSync(SEED_TEXT_PATH, 'utf8');
export const seedCsv = () => readFileSync(SEED_CSV_PATH);

/** The seed's unit rows as arrays of cells (STT, name, required, full, partial, none, articles, self, reviewed). */
export function seedRows(): string[][] {
  return seedText()
    .split('\n')
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => line.split('\t').map((c) => c.trim()));
}

export const SEED_SUBTOTALS = ['1.389', '650'];
export const SEED_SUMMARY = [
  '- Xếp thứ tự theo số lượng tin, bài đã đăng.',
  '- Các đơn vị bị trừ điểm: Có 01 đơn vị (huyện Tiên Du).',
  '- Lý do bị trừ điểm là do một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn.',
];

/** The seed CSV as text lines (header first). */
export function seedCsvLines(): string[] {
  return seedCsv().toString('utf8').trimEnd().split('\n');
}
