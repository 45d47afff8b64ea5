import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { periodBounds } from '../../src/domain/period.js';
import {
  articlesWithinTolerance,
  DEFAULT_RULE_SET,
  DEFAULT_RULE_VALUES,
  type RuleSet,
  type RuleValues,
  ruleProblems,
  ruleSetInForce,
  scoreUnderRules,
} from '../../src/domain/rules.js';

const set = (id: string, effectiveFrom: string, values: Partial<RuleValues> = {}): RuleSet => ({
  ...DEFAULT_RULE_VALUES,
  ...values,
  id,
  effectiveFrom,
  note: `Quyết định ${id}`,
  isDefault: false,
});

describe('rule sets in force', () => {
  const sets = [set('qd-2024', '2024-01-01'), set('qd-2024-03', '2024-02-23', { partialCategoryPoints: 3 })];
  const cases: { period: string; expected: string }[] = [
    { period: '2023-12', expected: 'default' },
    // 01/2024 runs 23/12/2023–22/01/2024: the set taking effect on 01/01 applies, judged by the last day.
    { period: '2024-01', expected: 'qd-2024' },
    // 02/2024 ends on 22/02; a set effective the next day does not reach back.
    { period: '2024-02', expected: 'qd-2024' },
    { period: '2024-03', expected: 'qd-2024-03' },
    { period: '2025-06', expected: 'qd-2024-03' },
  ];
  for (const c of cases) {
    it(`period ${c.period} is scored with ${c.expected}`, () => {
      assert.equal(ruleSetInForce(sets, periodBounds(c.period).to).id, c.expected);
    });
  }

  it('falls back to the defaults, which are marked as unconfirmed', () => {
    const rules = ruleSetInForce([], '2024-02-22');
    assert.equal(rules, DEFAULT_RULE_SET);
    assert.equal(rules.isDefault, true);
    assert.match(rules.note, /chờ Ban Biên tập xác nhận/);
  });

  it('does not depend on the order the sets are listed in', () => {
    assert.equal(ruleSetInForce([...sets].reverse(), '2024-03-22').id, 'qd-2024-03');
  });
});

describe('rule values', () => {
  it('the defaults reproduce notice 02/2024: one partial category costs 2 of 100 points', () => {
    assert.equal(DEFAULT_RULE_VALUES.scale, 100);
    assert.equal(DEFAULT_RULE_VALUES.partialCategoryPoints, 2);
    assert.equal(DEFAULT_RULE_VALUES.paknOverdueMode, 'partial_category');
    assert.deepEqual(ruleProblems(DEFAULT_RULE_VALUES), []);
  });

  const bad: { name: string; values: Partial<RuleValues>; fields: string[] }[] = [
    { name: 'negative points', values: { partialCategoryPoints: -1 }, fields: ['partialCategoryPoints'] },
    { name: 'three decimals', values: { missingCategoryPoints: 1.125 }, fields: ['missingCategoryPoints'] },
    { name: 'a zero scale', values: { scale: 0 }, fields: ['scale', 'floor'] },
    { name: 'a floor at the scale', values: { floor: 100 }, fields: ['floor'] },
    { name: 'a negative cap', values: { capPerUnitMonth: -5 }, fields: ['capPerUnitMonth'] },
    { name: 'zero PAKN working days', values: { paknWorkingDays: 0 }, fields: ['paknWorkingDays'] },
    { name: 'fractional appeal days', values: { appealWorkingDays: 2.5 }, fields: ['appealWorkingDays'] },
    { name: 'NaN tolerance', values: { crawlTolerancePercent: Number.NaN }, fields: ['crawlTolerancePercent'] },
  ];
  for (const c of bad) {
    it(`refuses ${c.name}`, () => {
      assert.deepEqual(ruleProblems({ ...DEFAULT_RULE_VALUES, ...c.values }).map((p) => p.field), c.fields);
    });
  }

  it('refuses an unknown PAKN mode', () => {
    const values = { ...DEFAULT_RULE_VALUES, paknOverdueMode: 'monthly' } as unknown as RuleValues;
    assert.deepEqual(ruleProblems(values).map((p) => p.field), ['paknOverdueMode']);
  });
});

describe('scores under rules', () => {
  const d = (...points: number[]) => points.map((p) => ({ points: p, reason: 'x' }));
  const cases: { name: string; values: Partial<RuleValues>; deductions: number[]; score: number }[] = [
    { name: 'no deduction', values: {}, deductions: [], score: 100 },
    { name: 'the seed: 2 points', values: {}, deductions: [2], score: 98 },
    { name: 'decimals stay exact', values: {}, deductions: [0.1, 0.2], score: 99.7 },
    { name: 'never below the floor', values: {}, deductions: [60, 60], score: 0 },
    { name: 'a floor of 50', values: { floor: 50 }, deductions: [60], score: 50 },
    { name: 'the monthly cap', values: { capPerUnitMonth: 10 }, deductions: [6, 6], score: 90 },
    { name: 'a scale of 50', values: { scale: 50 }, deductions: [2], score: 48 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(scoreUnderRules(d(...c.deductions), { ...DEFAULT_RULE_VALUES, ...c.values }), c.score));
  }

  it('articles reported within the crawl tolerance', () => {
    assert.equal(articlesWithinTolerance(110, 100, DEFAULT_RULE_VALUES), true);
    assert.equal(articlesWithinTolerance(111, 100, DEFAULT_RULE_VALUES), false);
    assert.equal(articlesWithinTolerance(50, 100, DEFAULT_RULE_VALUES), true);
    assert.equal(articlesWithinTolerance(1, 0, DEFAULT_RULE_VALUES), false);
    assert.equal(articlesWithinTolerance(100, 100, { ...DEFAULT_RULE_VALUES, crawlTolerancePercent: 0 }), true);
  });
});
