import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MonthResult, quarterSpan, rankSpan, yearSpan } from '../../src/domain/yearly.js';

describe('spans', () => {
  const quarters: [string, string[]][] = [
    ['2024-Q1', ['2024-01', '2024-02', '2024-03']],
    ['2024-Q2', ['2024-04', '2024-05', '2024-06']],
    ['2024-Q4', ['2024-10', '2024-11', '2024-12']],
  ];
  for (const [value, periods] of quarters) {
    it(`${value} holds ${periods.join(', ')}`, () => {
      assert.deepEqual(quarterSpan(value).periods, periods);
    });
  }

  for (const bad of ['2024-Q5', '2024-Q0', '2024Q1', '24-Q1', '2024-q1']) {
    it(`refuses "${bad}"`, () => assert.throws(() => quarterSpan(bad), RangeError));
  }

  it('a year holds its twelve periods', () => {
    const span = yearSpan(2024);
    assert.equal(span.periods.length, 12);
    assert.equal(span.periods[0], '2024-01');
    assert.equal(span.periods[11], '2024-12');
    assert.equal(span.quarter, null);
    assert.throws(() => yearSpan(24), RangeError);
  });
});

describe('ranking over a span', () => {
  const groups = [
    { id: 'huyen', name: 'UBND huyện, thị xã, thành phố', position: 2 },
    { id: 'so', name: 'Các Sở, ban, ngành tỉnh', position: 1 },
    { id: 'empty', name: 'UBND xã, phường', position: 3 },
  ];
  const units = [
    { id: 'tt', name: 'Thanh tra tỉnh', groupId: 'so', position: 1 },
    { id: 'khcn', name: 'Sở Khoa học và Công nghệ', groupId: 'so', position: 2 },
    { id: 'tc', name: 'Sở Tài chính', groupId: 'so', position: 3 },
    { id: 'yt', name: 'Sở Y tế', groupId: 'so', position: 4 },
    { id: 'new', name: 'Sở mới', groupId: 'so', position: 5 },
    { id: 'qv', name: 'Thị xã Quế Võ', groupId: 'huyen', position: 6 },
    { id: 'td', name: 'Huyện Tiên Du', groupId: 'huyen', position: 7 },
  ];
  const r = (unitId: string, periodId: string, score: number, articles: number): MonthResult => ({
    unitId,
    periodId,
    score,
    articles,
    deductedPoints: 100 - score,
  });
  const results = [
    r('tt', '2024-01', 100, 150), r('tt', '2024-02', 100, 160), r('tt', '2024-03', 98, 140),
    r('khcn', '2024-01', 100, 151), r('khcn', '2024-02', 100, 151), r('khcn', '2024-03', 100, 150),
    // Same average and articles as Sở Y tế: registry order decides.
    r('tc', '2024-01', 99, 100), r('tc', '2024-02', 99, 100),
    r('yt', '2024-02', 99, 100), r('yt', '2024-03', 99, 100),
    r('qv', '2024-01', 100, 127), r('qv', '2024-02', 100, 98),
    r('td', '2024-01', 100, 60), r('td', '2024-02', 98, 63), r('td', '2024-03', 97, 70),
    // Outside the quarter: ignored.
    r('td', '2024-04', 50, 500), r('new', '2023-12', 100, 10),
  ];

  it('ranks by average, then articles, then registry order, counting only months evaluated', () => {
    assert.deepEqual(rankSpan(quarterSpan('2024-Q1'), groups, units, results), [
      {
        name: 'Các Sở, ban, ngành tỉnh',
        units: [
          { rank: 1, id: 'khcn', name: 'Sở Khoa học và Công nghệ', months: 3, average: 100, deductedMonths: 0, articles: 452 },
          { rank: 2, id: 'tt', name: 'Thanh tra tỉnh', months: 3, average: 99.33, deductedMonths: 1, articles: 450 },
          { rank: 3, id: 'tc', name: 'Sở Tài chính', months: 2, average: 99, deductedMonths: 2, articles: 200 },
          { rank: 4, id: 'yt', name: 'Sở Y tế', months: 2, average: 99, deductedMonths: 2, articles: 200 },
        ],
      },
      {
        name: 'UBND huyện, thị xã, thành phố',
        units: [
          { rank: 1, id: 'qv', name: 'Thị xã Quế Võ', months: 2, average: 100, deductedMonths: 0, articles: 225 },
          { rank: 2, id: 'td', name: 'Huyện Tiên Du', months: 3, average: 98.33, deductedMonths: 2, articles: 193 },
        ],
      },
    ]);
  });

  it('averages to two decimals, rounding half up', () => {
    const ranked = rankSpan(yearSpan(2024), [groups[1]!], [units[0]!], [
      r('tt', '2024-01', 99.99, 1),
      r('tt', '2024-02', 99.98, 1),
    ]);
    assert.equal(ranked[0]!.units[0]!.average, 99.99);
    const third = rankSpan(yearSpan(2024), [groups[1]!], [units[0]!], [
      r('tt', '2024-01', 100, 1),
      r('tt', '2024-02', 100, 1),
      r('tt', '2024-03', 98, 1),
    ]);
    assert.equal(third[0]!.units[0]!.average, 99.33);
  });

  it('a year with no results gives no groups', () => {
    assert.deepEqual(rankSpan(yearSpan(2030), groups, units, results), []);
  });
});
