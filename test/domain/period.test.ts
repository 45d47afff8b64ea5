import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isPeriodId,
  latestPeriodOf,
  nextPeriodId,
  periodBounds,
  periodInstants,
  periodLabel,
  periodOfDate,
  parsePeriodId,
  RANKING_PREFERENCE,
} from '../../src/domain/period.js';

test('period bounds with the default cut-off day 22', () => {
  const cases: [string, string, string][] = [
    ['2024-02', '2024-01-23', '2024-02-22'],
    ['2024-01', '2023-12-23', '2024-01-22'],
    ['2024-03', '2024-02-23', '2024-03-22'],
    ['2024-12', '2024-11-23', '2024-12-22'],
  ];
  for (const [id, from, to] of cases) assert.deepEqual(periodBounds(id), { from, to });
});

test('period bounds with other cut-off days, clamped to the month', () => {
  assert.deepEqual(periodBounds('2024-03', 31), { from: '2024-03-01', to: '2024-03-31' });
  assert.deepEqual(periodBounds('2024-02', 31), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(periodBounds('2023-03', 30), { from: '2023-03-01', to: '2023-03-30' });
  assert.deepEqual(periodBounds('2024-03', 15), { from: '2024-02-16', to: '2024-03-15' });
  assert.throws(() => periodBounds('2024-03', 0));
});

test('period instants are whole days in Vietnam time', () => {
  const { start, end } = periodInstants('2024-02');
  assert.equal(start.toISOString(), '2024-01-22T17:00:00.000Z');
  assert.equal(end.toISOString(), '2024-02-22T16:59:59.999Z');
});

test('period ids are validated', () => {
  for (const good of ['2024-01', '2024-12', '1999-09']) assert.ok(isPeriodId(good));
  for (const bad of ['2024-13', '2024-00', '2024-1', '24-01', '2024/01', '']) assert.ok(!isPeriodId(bad));
  assert.throws(() => parsePeriodId('2024-13'), /YYYY-MM/);
});

test('periodOfDate, label and next', () => {
  assert.equal(periodOfDate('2024-01-22'), '2024-01');
  assert.equal(periodOfDate('2024-01-23'), '2024-02');
  assert.equal(periodOfDate('2023-12-25'), '2024-01');
  assert.equal(periodLabel('2024-02'), '02/2024');
  assert.equal(nextPeriodId('2024-12'), '2025-01');
});

test('the period a menu entry means: the latest in the first wanted status that has one', () => {
  const periods = [
    { id: '2024-01', status: 'published' },
    { id: '2024-03', status: 'open' },
    { id: '2024-02', status: 'published' },
    { id: '2023-12', status: 'review' },
  ] as const;
  assert.equal(latestPeriodOf(periods, RANKING_PREFERENCE)?.id, '2024-02');
  assert.equal(latestPeriodOf(periods, ['review', 'open'])?.id, '2023-12');
  assert.equal(latestPeriodOf(periods.filter((p) => p.status !== 'published'), RANKING_PREFERENCE)?.id, '2023-12');
  assert.equal(latestPeriodOf([{ id: '2024-03', status: 'open' }], ['published']), undefined);
});
