/**
 * The computed result for every rule path, through the services: units self-assess in an opened
 * period (or do not), PAKN records and the crawler's measurements are stored, and the result of
 * each unit under the rule set of its period is read back with its itemised reasons in the
 * notice's wording. One table of cases; each month has its own rule set.
 */
import assert from 'node:assert/strict';
import * as crawlsRepo from '../../src/db/repositories/crawls.js';
import type { CategoryStatus } from '../../src/domain/evaluation.js';
import type { RuleValues } from '../../src/domain/rules.js';
import { nameKey } from '../../src/domain/text.js';
import { cliActor, type Actor } from '../../src/services/audit.js';
import { importPeriodFile } from '../../src/services/import.js';
import { importPaknFile } from '../../src/services/pakn.js';
import { getPeriod } from '../../src/services/periods.js';
import { resolveProvince } from '../../src/services/provinces.js';
import { changeGroup, listGroups, listUnits } from '../../src/services/registry.js';
import { periodResults } from '../../src/services/results.js';
import { openPeriod } from '../../src/services/review.js';
import { createRuleSet } from '../../src/services/rules.js';
import { getSelfAssessment, saveSelfAssessment, submitSelfAssessment } from '../../src/services/self-assessment.js';
import { dbTest } from '../helpers/db.js';

const CATEGORIES = ['Tin tức, sự kiện', 'Văn bản chỉ đạo, điều hành', 'Hỏi đáp PAKN'];
const NOW = new Date('2024-03-01T09:00:00+07:00');
const FAR = '2999-01-01T00:00:00Z';

/** Each month's rule set: what differs from the defaults (partial 2, missing 5, scale 100). */
const MONTHS: Record<string, { effectiveFrom: string; values: Partial<RuleValues> }> = {
  '2024-03': { effectiveFrom: '2024-02-23', values: { paknCategory: 'Hỏi đáp PAKN', useCrawlStatuses: true } },
  '2024-04': { effectiveFrom: '2024-03-23', values: { useCrawlStatuses: false, notReportedPoints: 10, capPerUnitMonth: 6 } },
  '2024-05': { effectiveFrom: '2024-04-23', values: { capPerUnitMonth: null, notReportedPoints: null, floor: 92 } },
};

interface Case {
  path: string;
  period: string;
  unit: string;
  /** The unit's own statuses, in the list's order; null: the unit did not report. */
  self: CategoryStatus[] | null;
  /** The crawler's measured status per category, when it read the portal. */
  measured?: CategoryStatus[];
  /** The crawl stopped with pages unread: its counts are lower bounds ("≥ 2"), not established. */
  lowerBound?: boolean;
  /** PAKN answers overdue in the period. */
  overduePakn?: number;
  status: 'reported' | 'not-reported';
  deductions: { points: number; reason: string; origin: string; uncappedPoints?: number }[];
  score: number;
}

const F = 'full' as const;
const P = 'partial' as const;
const N = 'none' as const;

const CASES: Case[] = [
  { path: 'every category full', period: '2024-03', unit: 'Sở Tư pháp', self: [F, F, F], status: 'reported', deductions: [], score: 100 },
  {
    path: 'partial',
    period: '2024-03',
    unit: 'Thanh tra tỉnh',
    self: [F, P, F],
    status: 'reported',
    deductions: [{ points: 2, reason: '01 chuyên mục cập nhật không đầy đủ', origin: 'categories:partial:self' }],
    score: 98,
  },
  {
    path: 'none',
    period: '2024-03',
    unit: 'Sở Y tế',
    self: [N, F, N],
    status: 'reported',
    deductions: [{ points: 10, reason: '02 chuyên mục không cập nhật', origin: 'categories:none:self' }],
    score: 90,
  },
  {
    path: 'PAKN overdue (partial_category: the PAKN category turns partial)',
    period: '2024-03',
    unit: 'Huyện Tiên Du',
    self: [F, F, F],
    overduePakn: 2,
    status: 'reported',
    deductions: [{ points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn', origin: 'pakn' }],
    score: 98,
  },
  {
    path: 'crawl-measured (rule set counts the crawler)',
    period: '2024-03',
    unit: 'Sở Tài chính',
    self: [F, F, F],
    measured: [F, P, F],
    status: 'reported',
    deductions: [{ points: 2, reason: '01 chuyên mục cập nhật không đầy đủ', origin: 'categories:partial:crawler' }],
    score: 98,
  },
  {
    path: 'crawl lower bound (more pages unread): establishes nothing below the minimum, no deduction',
    period: '2024-03',
    unit: 'Sở Xây dựng',
    self: [F, F, F],
    measured: [F, P, N],
    lowerBound: true,
    status: 'reported',
    deductions: [],
    score: 100,
  },
  {
    path: 'not reported, default treatment (every required category not updated)',
    period: '2024-03',
    unit: 'Sở Nội vụ',
    self: null,
    status: 'not-reported',
    deductions: [{ points: 15, reason: 'Không gửi tự đánh giá (03 chuyên mục tính là không cập nhật)', origin: 'not-reported' }],
    score: 85,
  },
  {
    path: 'crawl-measured ignored when the rule set does not count the crawler',
    period: '2024-04',
    unit: 'Sở Tài chính',
    self: [F, F, F],
    measured: [F, P, F],
    status: 'reported',
    deductions: [],
    score: 100,
  },
  {
    path: 'not reported, notReportedPoints, within the monthly cap',
    period: '2024-04',
    unit: 'Sở Nội vụ',
    self: null,
    status: 'not-reported',
    deductions: [{ points: 6, reason: 'Không gửi tự đánh giá', origin: 'not-reported', uncappedPoints: 10 }],
    score: 94,
  },
  {
    path: 'cap: the last deductions lowered to the monthly cap',
    period: '2024-04',
    unit: 'Sở Y tế',
    self: [N, P, F],
    status: 'reported',
    deductions: [
      { points: 2, reason: '01 chuyên mục cập nhật không đầy đủ', origin: 'categories:partial:self' },
      { points: 4, reason: '01 chuyên mục không cập nhật', origin: 'categories:none:self', uncappedPoints: 5 },
    ],
    score: 94,
  },
  {
    path: 'floor: the score never goes below the rule set\'s floor',
    period: '2024-05',
    unit: 'Sở Y tế',
    self: [N, N, P],
    status: 'reported',
    deductions: [
      { points: 2, reason: '01 chuyên mục cập nhật không đầy đủ', origin: 'categories:partial:self' },
      { points: 10, reason: '02 chuyên mục không cập nhật', origin: 'categories:none:self' },
    ],
    score: 92,
  },
];

function registryFile(): Buffer {
  const units = [...new Set(CASES.map((c) => c.unit))];
  const header = 'Nhóm,Tên đơn vị,Tổng số chuyên mục phải cập nhật,Cập nhật đầy đủ,Cập nhật không đầy đủ,Không cập nhật,"Số lượng tin, bài, video","Tự đánh giá, chấm điểm"';
  return Buffer.from([header, ...units.map((u) => `"Các Sở, ban, ngành",${u},3,3,0,0,10,100`)].join('\n'));
}

function originOf(origin: { kind: string; status?: string; sources?: string[] }): string {
  return origin.kind === 'categories' ? `categories:${origin.status}:${[...(origin.sources ?? [])].sort().join('+')}` : origin.kind;
}

dbTest('the computed result on every rule path: partial, none, PAKN, crawl-measured, not reported, cap, floor', async (db) => {
  const province = await resolveProvince(db.db);
  const admin = cliActor(province.id);
  await importPeriodFile(db.db, admin, { periodId: '2024-02', content: registryFile(), fileName: 'registry.csv' });
  const [group] = await listGroups(db.db, province.id);
  await changeGroup(db.db, admin, group!.id, { categories: CATEGORIES });
  for (const [, month] of Object.entries(MONTHS)) {
    await createRuleSet(db.db, admin, { effectiveFrom: month.effectiveFrom, note: `Quy tắc từ ${month.effectiveFrom}`, values: month.values });
  }
  const units = new Map((await listUnits(db.db, province.id)).map((u) => [u.name, u.id]));
  // Two overdue answers of Huyện Tiên Du in 03/2024: one never answered, one answered late.
  await importPaknFile(db.db, admin, {
    content: Buffer.from(
      'Đơn vị,Ngày tiếp nhận,Nội dung,Hạn trả lời,Ngày trả lời\n' +
        'Huyện Tiên Du,26/02/2024,Hỏi về đất đai,05/03/2024,\n' +
        'Huyện Tiên Du,26/02/2024,Hỏi về giấy phép xây dựng,05/03/2024,12/03/2024\n',
    ),
    fileName: 'pakn.csv',
  });

  for (const periodId of Object.keys(MONTHS)) {
    await openPeriod(db.db, admin, { id: periodId, deadline: FAR }, NOW);
    for (const c of CASES.filter((x) => x.period === periodId)) {
      const unitId = units.get(c.unit)!;
      if (c.self) {
        const editor: Actor = { userId: null, username: `bt-${unitId}`, provinceId: province.id, role: 'unit-editor', unitId };
        const form = await getSelfAssessment(db.db, editor, periodId, unitId);
        const categories = CATEGORIES.map((name, i) => ({ name, status: c.self![i]!, evidenceUrl: `https://donvi.example.vn/${i + 1}` }));
        const saved = await saveSelfAssessment(db.db, editor, periodId, unitId, { categories, articles: 12, selfScore: 100, version: form.version }, NOW);
        await submitSelfAssessment(db.db, editor, periodId, unitId, { version: saved.version }, NOW);
      }
      if (c.measured) {
        const run = await crawlsRepo.createRun(db.db, { provinceId: province.id, periodId, units: 1 });
        await crawlsRepo.insertUnitResults(
          db.db,
          run.id,
          unitId,
          c.measured.map((status, i) => ({
            position: i + 1,
            category_name: CATEGORIES[i]!,
            category_key: nameKey(CATEGORIES[i]!),
            source_type: 'rss',
            source_url: `https://donvi.example.vn/${i + 1}.rss`,
            min_posts: 4,
            status,
            posts: status === 'full' ? 8 : status === 'partial' ? 2 : 0,
            latest_post_at: null,
            pages: 1,
            error_reason: null,
            error_message: null,
            error_url: null,
            crawled_at: '2024-03-20T01:00:00.000Z',
            complete: c.lowerBound && status !== 'full' ? 0 : 1,
            complete_basis: c.lowerBound && status !== 'full' ? 'more_pages' : 'older_post_seen',
            listed: null,
            listed_total: null,
            pagers: null,
            only_other_categories: 0,
            evidence: [],
          })),
        );
        await crawlsRepo.finishRun(db.db, run.id, 0);
      }
    }
  }

  const failures: string[] = [];
  for (const periodId of Object.keys(MONTHS)) {
    const { units: results } = await periodResults(db.db, province.id, await getPeriod(db.db, province.id, periodId));
    for (const c of CASES.filter((x) => x.period === periodId)) {
      const found = results.find((r) => r.evaluation.unit_name === c.unit)!.result;
      const actual = {
        status: found.status,
        score: found.score,
        deductions: found.deductions.map((d) => ({
          points: d.points,
          reason: d.reason,
          origin: originOf(d.origin),
          ...(d.uncappedPoints !== undefined ? { uncappedPoints: d.uncappedPoints } : {}),
        })),
      };
      try {
        assert.deepEqual(actual, { status: c.status, score: c.score, deductions: c.deductions });
      } catch {
        failures.push(`${c.period} ${c.path} (${c.unit}): ${JSON.stringify(actual)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});
