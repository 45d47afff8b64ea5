import assert from 'node:assert/strict';
import { renderSpanText } from '../../src/documents/span-report-text.js';
import { importPeriodFile } from '../../src/services/import.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { getSpanReport, parseSpan } from '../../src/services/span-report.js';
import { dbTest } from '../helpers/db.js';
import { seedCsvLines } from '../helpers/seed.js';
import { publish } from '../../src/services/publishing.js';
import { cliActor } from '../../src/services/audit.js';

const GROUP_SO = 'Các Sở, ban, ngành tỉnh';
const GROUP_HUYEN = 'UBND huyện, thị xã, thành phố';

dbTest('the year and the quarter rank units by average over the published months they were evaluated in', async (db) => {
  const province = await resolveProvince(db.db);
  const header = seedCsvLines()[0]!;
  const row = (group: string, unit: string, required: number, partial: number, articles: number, points = '', reason = '') =>
    [`"${group}"`, unit, required, required - partial, partial, 0, articles, 100, points, reason].join(',');
  const load = async (periodId: string, rows: string[], published: boolean) => {
    const content = Buffer.from([header, ...rows].join('\n'), 'utf8');
    await importPeriodFile(db.db, cliActor(province.id), { periodId, content, fileName: `${periodId}.csv` });
    if (published) await publish(db.db, cliActor(province.id), periodId, { number: `${periodId.slice(5)}/BBT-CTTĐT`, date: `${periodId}-27` });
  };
  await load('2024-01', [
    row(GROUP_SO, 'Thanh tra tỉnh', 19, 0, 150),
    row(GROUP_SO, 'Sở Tài chính', 19, 0, 100),
    row(GROUP_HUYEN, 'Huyện Tiên Du', 22, 1, 60, '2', 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'),
  ], true);
  await load('2024-02', [
    row(GROUP_SO, 'Thanh tra tỉnh', 19, 1, 160, '2', '01 chuyên mục cập nhật không đầy đủ'),
    row(GROUP_SO, 'Sở Tài chính', 19, 0, 102),
    row(GROUP_SO, 'Sở Y tế', 19, 0, 69),
    row(GROUP_HUYEN, 'Huyện Tiên Du', 22, 0, 63),
    row(GROUP_HUYEN, 'Thị xã Quế Võ', 22, 0, 127),
  ], true);
  // Under review: left out unless asked for.
  await load('2024-03', [row(GROUP_SO, 'Thanh tra tỉnh', 19, 0, 1000, '50', 'Sai')], false);
  // Another quarter.
  await load('2024-04', [row(GROUP_SO, 'Sở Y tế', 19, 0, 10, '10', 'Sai')], true);

  const quarter = await getSpanReport(db.db, province.id, parseSpan({ quarter: '2024-Q1' }));
  const strip = (r: typeof quarter) => ({
    ...r,
    groups: r.groups.map((g) => ({ name: g.name, units: g.units.map(({ id: _id, ...u }) => u) })),
  });
  assert.deepEqual(strip(quarter), {
    year: 2024,
    quarter: '2024-Q1',
    periods: ['2024-01', '2024-02'],
    groups: [
      {
        name: GROUP_SO,
        units: [
          { rank: 1, name: 'Sở Tài chính', months: 2, average: 100, deductedMonths: 0, articles: 202 },
          { rank: 2, name: 'Sở Y tế', months: 1, average: 100, deductedMonths: 0, articles: 69 },
          { rank: 3, name: 'Thanh tra tỉnh', months: 2, average: 99, deductedMonths: 1, articles: 310 },
        ],
      },
      {
        name: GROUP_HUYEN,
        units: [
          { rank: 1, name: 'Thị xã Quế Võ', months: 1, average: 100, deductedMonths: 0, articles: 127 },
          { rank: 2, name: 'Huyện Tiên Du', months: 2, average: 99, deductedMonths: 1, articles: 123 },
        ],
      },
    ],
  });

  const withReview = await getSpanReport(db.db, province.id, parseSpan({ quarter: '2024-Q1' }), { includeUnpublished: true });
  assert.deepEqual(withReview.periods, ['2024-01', '2024-02', '2024-03']);
  assert.equal(withReview.groups[0]!.units.find((u) => u.name === 'Thanh tra tỉnh')!.average, 82.67);

  const year = await getSpanReport(db.db, province.id, parseSpan({ year: '2024' }));
  assert.deepEqual(Object.keys(year), ['year', 'periods', 'groups']);
  assert.deepEqual(year.periods, ['2024-01', '2024-02', '2024-04']);
  assert.deepEqual(year.groups[0]!.units.map((u) => [u.name, u.months, u.average]), [
    ['Sở Tài chính', 2, 100],
    ['Thanh tra tỉnh', 2, 99],
    ['Sở Y tế', 2, 95],
  ]);

  const text = renderSpanText(quarter);
  assert.match(text, /^Kết quả chấm điểm .* quý 1 năm 2024 \(các kỳ 01\/2024, 02\/2024\)$/m);
  assert.match(text, /^I\.\tCác Sở, ban, ngành tỉnh/m);
  assert.match(text, /^3\tThanh tra tỉnh\t2\t99\t1\t310$/m);
  assert.match(renderSpanText(await getSpanReport(db.db, province.id, parseSpan({ year: '2023' }))), /Chưa có kỳ nào đã công bố/);

  assert.throws(() => parseSpan({}), /năm \(YYYY\) hoặc quý/);
  assert.throws(() => parseSpan({ year: '2024', quarter: '2024-Q1' }), /năm \(YYYY\) hoặc quý/);
  assert.throws(() => parseSpan({ quarter: '2024-Q5' }), /Quý không hợp lệ/);
  assert.throws(() => parseSpan({ year: '24' }), /Năm không hợp lệ/);
});
