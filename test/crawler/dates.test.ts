import assert from 'node:assert/strict';
import { test } from 'node:test';
import { daysBetween, parseVnDate, periodWindow, placeInPeriod, vnDay } from '../../src/crawler/dates.js';

/** Each date form portals print, and the instant it means (zone-less = Vietnam, UTC+7). */
const FORMS: [string, string | null, boolean][] = [
  ['27/02/2024', '2024-02-26T17:00:00.000Z', false],
  ['27/02/2024 08:30', '2024-02-27T01:30:00.000Z', true],
  ['08:30 27/02/2024', '2024-02-27T01:30:00.000Z', true],
  ['Thứ Ba, 27/02/2024', '2024-02-26T17:00:00.000Z', false],
  ['08:30 - Thứ Ba, 27/02/2024', '2024-02-27T01:30:00.000Z', true],
  ['Thứ ba, 27/02/2024 - 08:30', '2024-02-27T01:30:00.000Z', true],
  ['27-02-2024', '2024-02-26T17:00:00.000Z', false],
  ['27.02.2024', '2024-02-26T17:00:00.000Z', false],
  ['7/2/2024', '2024-02-06T17:00:00.000Z', false],
  ['Ngày 27 tháng 02 năm 2024', '2024-02-26T17:00:00.000Z', false],
  ['Bắc Ninh, ngày 7 tháng 2 năm 2024', '2024-02-06T17:00:00.000Z', false],
  ['NGÀY 27 THÁNG 02 NĂM 2024', '2024-02-26T17:00:00.000Z', false],
  ['Tue, 27 Feb 2024 08:30:00 +0700', '2024-02-27T01:30:00.000Z', true],
  ['Tue, 27 Feb 2024 01:30:00 GMT', '2024-02-27T01:30:00.000Z', true],
  ['27 Feb 2024 08:30 +0700', '2024-02-27T01:30:00.000Z', true],
  ['Mon, 26 Feb 24 20:30:00 EST', '2024-02-27T01:30:00.000Z', true],
  ['Tue, 27 Feb 2024 08:30:00', '2024-02-27T01:30:00.000Z', true],
  ['2024-02-27T08:30:00+07:00', '2024-02-27T01:30:00.000Z', true],
  ['2024-02-27T01:30:00Z', '2024-02-27T01:30:00.000Z', true],
  ['2024-02-27T01:30:00.123Z', '2024-02-27T01:30:00.000Z', true],
  ['2019-03-22T14:12:11+0700', '2019-03-22T07:12:11.000Z', true],
  ['2024-02-27T08:30:00', '2024-02-27T01:30:00.000Z', true],
  ['2024-02-27 08:30', '2024-02-27T01:30:00.000Z', true],
  ['2024-02-27', '2024-02-26T17:00:00.000Z', false],
  ['Cập nhật lúc 27/02/2024 lúc 08:30', '2024-02-27T01:30:00.000Z', true],
  // Not dates, or impossible ones.
  ['31/02/2024', null, false],
  ['12/CT-UBND', null, false],
  ['Số 1084/SGDĐT-GDTH', null, false],
  ['Tháng  10 :', null, false],
  ['2024-13-01', null, false],
  ['27/02/2024 25:00', '2024-02-26T17:00:00.000Z', false],
  ['', null, false],
];

for (const [text, expected, hasTime] of FORMS) {
  test(`parseVnDate(${JSON.stringify(text)})`, () => {
    const parsed = parseVnDate(text);
    assert.equal(parsed?.instant.toISOString() ?? null, expected);
    if (parsed) assert.equal(parsed.hasTime, hasTime);
  });
}

test('text in NFD (windows-1258 pages) reads like NFC', () => {
  assert.equal(parseVnDate('Ngày 27 tháng 02 năm 2024'.normalize('NFD'))?.instant.toISOString(), '2024-02-26T17:00:00.000Z');
});

test('vnDay puts an instant on its Vietnam calendar day', () => {
  assert.equal(vnDay(new Date('2021-09-05T23:28:00Z')), '2021-09-06');
  assert.equal(vnDay(new Date('2024-01-22T16:59:59Z')), '2024-01-22');
  assert.equal(vnDay(new Date('2024-01-22T17:00:00Z')), '2024-01-23');
  assert.equal(daysBetween(new Date('2024-02-20T10:00:00+07:00'), new Date('2024-02-27T01:00:00+07:00')), 7);
});

test('period 2024-02 runs 23/01/2024 00:00 to 22/02/2024 23:59:59 Vietnam time', () => {
  const w = periodWindow('2024-02');
  const at = (s: string) => placeInPeriod(parseVnDate(s)!.instant, w);
  assert.equal(at('22/01/2024 23:59'), 'before');
  assert.equal(at('23/01/2024'), 'within');
  assert.equal(at('23/01/2024 00:00'), 'within');
  assert.equal(at('2024-01-22T17:00:00Z'), 'within');
  assert.equal(at('2024-01-22T16:59:59Z'), 'before');
  assert.equal(at('22/02/2024 23:59'), 'within');
  assert.equal(at('Thu, 22 Feb 2024 16:59:59 GMT'), 'within');
  assert.equal(at('Thu, 22 Feb 2024 17:00:00 GMT'), 'after');
  assert.equal(at('23/02/2024'), 'after');
  // A cut-off day other than 22 comes from the period module.
  const w25 = periodWindow('2024-02', 25);
  assert.equal(placeInPeriod(parseVnDate('24/02/2024')!.instant, w25), 'within');
});
