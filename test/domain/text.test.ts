import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compareNames,
  formatCount,
  formatDate,
  formatNoticeDate,
  formatNumber,
  lowerFirstWord,
  nameKey,
  nameMidSentence,
  normalizeText,
} from '../../src/domain/text.js';

test('normalizeText: NFC, trimmed, inner white space collapsed', () => {
  const cases: [string, string][] = [
    ['Huyện Tiên Du'.normalize('NFD'), 'Huyện Tiên Du'],
    ['  Sở  Y   tế ', 'Sở Y tế'],
    ['Sở\u00a0Tài\tchính', 'Sở Tài chính'],
    ['\ufeffThanh tra tỉnh', 'Thanh tra tỉnh'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(normalizeText(input), expected);
    assert.equal(normalizeText(input).normalize('NFC'), normalizeText(input));
  }
});

test('nameKey matches NFD, spacing and case variants', () => {
  assert.equal(nameKey('Sở Văn hóa,  Thể thao và Du lịch'.normalize('NFD')), nameKey('sở văn hóa, thể thao và du lịch'));
  assert.notEqual(nameKey('Sở Y tế'), nameKey('Sở Tư pháp'));
});

test('formatNumber groups with dots and uses a decimal comma', () => {
  const cases: [number, string][] = [[1389, '1.389'], [650, '650'], [1234567, '1.234.567'], [99.5, '99,5'], [0, '0']];
  for (const [n, text] of cases) assert.equal(formatNumber(n), text);
});

test('formatCount pads to two digits', () => {
  assert.equal(formatCount(1), '01');
  assert.equal(formatCount(4), '04');
  assert.equal(formatCount(12), '12');
});

test('formatDate is dd/mm/yyyy', () => {
  assert.equal(formatDate('2024-01-23'), '23/01/2024');
  assert.equal(formatDate('2024-12-05'), '05/12/2024');
});

test('formatNoticeDate follows Decree 30: days under 10 and months 1-2 take a zero', () => {
  const cases: [string, string][] = [
    ['2024-02-27', 'ngày 27 tháng 02 năm 2024'],
    ['2024-04-05', 'ngày 05 tháng 4 năm 2024'],
    ['2024-01-09', 'ngày 09 tháng 01 năm 2024'],
    ['2024-12-31', 'ngày 31 tháng 12 năm 2024'],
    ['2024-03-10', 'ngày 10 tháng 3 năm 2024'],
    ['2024-10-01', 'ngày 01 tháng 10 năm 2024'],
  ];
  for (const [iso, text] of cases) assert.equal(formatNoticeDate(iso), text);
});

test('nameMidSentence lowers local type words only', () => {
  const cases: [string, string][] = [
    ['Huyện Tiên Du', 'huyện Tiên Du'],
    ['Thành phố Bắc Ninh', 'thành phố Bắc Ninh'],
    ['Thị xã Quế Võ', 'thị xã Quế Võ'],
    ['Xã Đông Phong', 'xã Đông Phong'],
    ['Phường Đình Bảng', 'phường Đình Bảng'],
    ['Thị trấn Chờ', 'thị trấn Chờ'],
    ['Sở Y tế', 'Sở Y tế'],
    ['Ban Quản lý An toàn thực phẩm tỉnh', 'Ban Quản lý An toàn thực phẩm tỉnh'],
    ['Thanh tra tỉnh', 'Thanh tra tỉnh'],
    ['Xây dựng', 'Xây dựng'],
  ];
  for (const [name, expected] of cases) assert.equal(nameMidSentence(name), expected);
});

test('lowerFirstWord keeps acronyms', () => {
  assert.equal(lowerFirstWord('Một số câu trả lời PAKN quá hạn'), 'một số câu trả lời PAKN quá hạn');
  assert.equal(lowerFirstWord('PAKN quá hạn'), 'PAKN quá hạn');
});

test('compareNames sorts the Vietnamese way', () => {
  const names = ['Đông Anh', 'Dương Kinh', 'Ân Thi', 'An Lão', 'Bắc Ninh', 'Ba Vì'];
  assert.deepEqual([...names].sort(compareNames), ['An Lão', 'Ân Thi', 'Ba Vì', 'Bắc Ninh', 'Dương Kinh', 'Đông Anh']);
});
