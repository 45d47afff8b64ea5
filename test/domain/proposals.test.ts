import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CategoryStatus, reviewedScore } from '../../src/domain/evaluation.js';
import { applyCap, type CategoryAssessment, proposeDeductions } from '../../src/domain/proposals.js';
import { DEFAULT_RULE_VALUES, type RuleValues } from '../../src/domain/rules.js';
import { summaryLines } from '../../src/domain/summary.js';

const portalName = 'Cổng TTĐT tỉnh';
const rules = (values: Partial<RuleValues> = {}): RuleValues => ({ ...DEFAULT_RULE_VALUES, ...values });

function categories(...rows: [string, CategoryStatus | null, CategoryStatus | null][]): CategoryAssessment[] {
  return rows.map(([name, self, measured], i) => ({ id: `c${i + 1}`, name, self, measured }));
}

describe('proposed deductions', () => {
  it('reproduces huyện Tiên Du in notice 02/2024 from its overdue PAKN answers', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 22, partial: 0, none: 0 } }, overduePakn: ['p1', 'p2'], portalName },
      rules(),
    );
    assert.deepEqual(result.proposals, [
      { points: 2, reason: 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn', origin: { kind: 'pakn', ids: ['p1', 'p2'] } },
    ]);
    assert.deepEqual(result.counts, { full: 21, partial: 1, none: 0 });
    assert.equal(reviewedScore(result.proposals), 98);
    assert.equal(
      summaryLines([{ name: 'Huyện Tiên Du', reasons: result.proposals.map((p) => p.reason) }])[2],
      '- Lý do bị trừ điểm là do một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn.',
    );
  });

  it('the board’s own counts already showing the partial category are not charged twice', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 21, partial: 1, none: 0 } }, overduePakn: ['p1'], portalName },
      rules(),
    );
    assert.deepEqual(result.proposals.map((p) => [p.points, p.reason]), [[2, 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn']]);
    assert.deepEqual(result.counts, { full: 21, partial: 1, none: 0 });
    const twoPartial = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 20, partial: 2, none: 0 } }, overduePakn: ['p1'], portalName },
      rules(),
    );
    assert.deepEqual(twoPartial.proposals.map((p) => [p.points, p.reason]), [
      [2, '01 chuyên mục cập nhật không đầy đủ'],
      [2, 'Một số câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn'],
    ]);
  });

  it('proposes nothing for a unit fully updated without overdue answers', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 19, partial: 0, none: 0 } }, overduePakn: [], portalName },
      rules(),
    );
    assert.deepEqual(result, { proposals: [], counts: { full: 19, partial: 0, none: 0 }, checks: [] });
  });

  it('itemises partial and missing categories, the worse of self-assessed and measured status winning', () => {
    const result = proposeDeductions(
      {
        categories: {
          kind: 'statuses',
          items: categories(
            ['Tin tức', 'full', 'full'],
            ['Văn bản', 'partial', null],
            ['Lịch công tác', 'full', 'partial'],
            ['Thủ tục hành chính', 'partial', 'none'],
            ['Chưa đánh giá', null, null],
          ),
        },
        overduePakn: [],
        portalName,
      },
      rules(),
    );
    assert.deepEqual(result.proposals, [
      {
        points: 4,
        reason: '02 chuyên mục cập nhật không đầy đủ',
        origin: { kind: 'categories', status: 'partial', ids: ['c2', 'c3'], sources: ['self', 'crawler'] },
      },
      {
        points: 5,
        reason: '01 chuyên mục không cập nhật',
        origin: { kind: 'categories', status: 'none', ids: ['c4'], sources: ['crawler'] },
      },
    ]);
    assert.deepEqual(result.counts, { full: 1, partial: 2, none: 1 });
  });

  it('takes counts alone as self-assessed', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 18, partial: 3, none: 1 } }, overduePakn: [], portalName },
      rules({ partialCategoryPoints: 1.5 }),
    );
    assert.deepEqual(
      result.proposals.map((p) => [p.points, p.reason, p.origin]),
      [
        [4.5, '03 chuyên mục cập nhật không đầy đủ', { kind: 'categories', status: 'partial', ids: [], sources: ['self'] }],
        [5, '01 chuyên mục không cập nhật', { kind: 'categories', status: 'none', ids: [], sources: ['self'] }],
      ],
    );
  });

  it('does not charge twice when the named PAKN category is already partial', () => {
    const items = categories(['Tin tức', 'full', null], ['Hỏi đáp - Phản ánh kiến nghị', 'partial', null]);
    const result = proposeDeductions(
      { categories: { kind: 'statuses', items }, overduePakn: ['p1'], portalName },
      rules({ paknCategory: 'hỏi đáp -  phản ánh kiến nghị' }),
    );
    assert.deepEqual(result.proposals.map((p) => [p.points, p.origin.kind]), [[2, 'pakn']]);
    assert.deepEqual(result.counts, { full: 1, partial: 1, none: 0 });
  });

  it('marks the named PAKN category partial when overdue answers exist', () => {
    const items = categories(['Tin tức', 'full', null], ['Hỏi đáp - Phản ánh kiến nghị', 'full', 'full']);
    const result = proposeDeductions(
      { categories: { kind: 'statuses', items }, overduePakn: ['p1'], portalName },
      rules({ paknCategory: 'Hỏi đáp - Phản ánh kiến nghị' }),
    );
    assert.deepEqual(result.proposals.map((p) => [p.points, p.origin.kind]), [[2, 'pakn']]);
    assert.deepEqual(result.counts, { full: 1, partial: 1, none: 0 });
  });

  it('a PAKN category not updated at all costs the missing-category points instead', () => {
    const items = categories(['Tin tức', 'full', null], ['Hỏi đáp', 'none', null]);
    const result = proposeDeductions(
      { categories: { kind: 'statuses', items }, overduePakn: ['p1'], portalName },
      rules({ paknCategory: 'Hỏi đáp' }),
    );
    assert.deepEqual(result.proposals.map((p) => [p.points, p.reason]), [[5, '01 chuyên mục không cập nhật']]);
    assert.deepEqual(result.counts, { full: 1, partial: 0, none: 1 });
  });

  it('charges each overdue answer in per-answer mode, leaving the categories as they are', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 22, partial: 0, none: 0 } }, overduePakn: ['p1', 'p2', 'p3'], portalName },
      rules({ paknOverdueMode: 'per_answer', overdueAnswerPoints: 0.5 }),
    );
    assert.deepEqual(result.proposals, [
      { points: 1.5, reason: '03 câu trả lời PAKN trên Cổng TTĐT tỉnh quá hạn', origin: { kind: 'pakn', ids: ['p1', 'p2', 'p3'] } },
    ]);
    assert.deepEqual(result.counts, { full: 22, partial: 0, none: 0 });
  });

  it('keeps the month’s total within the cap, lowering the last items and saying by how much', () => {
    const result = proposeDeductions(
      { categories: { kind: 'counts', counts: { full: 10, partial: 4, none: 2 } }, overduePakn: ['p1'], portalName },
      rules({ capPerUnitMonth: 12 }),
    );
    assert.deepEqual(
      result.proposals.map((p) => [p.points, p.uncappedPoints]),
      [
        [6, undefined],
        [6, 10],
        [0, 2],
      ],
    );
    assert.deepEqual(applyCap(result.proposals, null), result.proposals);
  });

  it('flags articles reported beyond the crawl tolerance, without deducting', () => {
    const input = { categories: { kind: 'counts' as const, counts: { full: 19, partial: 0, none: 0 } }, overduePakn: [], portalName };
    const over = proposeDeductions({ ...input, articles: { reported: 1389, counted: 1200 } }, rules());
    assert.deepEqual(over.proposals, []);
    assert.deepEqual(over.checks, ['Số tin, bài đơn vị báo cáo (1.389) vượt số đếm được trên cổng (1.200) quá 10%']);
    assert.deepEqual(proposeDeductions({ ...input, articles: { reported: 1389, counted: 1300 } }, rules()).checks, []);
    assert.deepEqual(proposeDeductions({ ...input, articles: { reported: 1389, counted: null } }, rules()).checks, []);
  });
});
