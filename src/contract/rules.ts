/** Scoring rule sets and the deductions proposed under them. */
import { z } from 'zod';
import { PAKN_OVERDUE_MODES, RANGE_SCORE_MODES } from '../domain/rules.js';
import { categoryCounts, deduction, isoDate, requiredText } from './common.js';

export type { PaknOverdueMode, RangeScoreMode, RuleValues } from '../domain/rules.js';

const points = z.number().min(0).max(1000).multipleOf(0.01);

export const ruleSet = z.object({
  id: z.string(),
  effectiveFrom: z.string(),
  note: z.string(),
  isDefault: z.boolean().describe('Quy tắc mặc định, chờ Ban Biên tập xác nhận'),
  inForce: z.boolean().describe('Đang áp dụng hôm nay'),
  scale: z.number(),
  partialCategoryPoints: z.number(),
  missingCategoryPoints: z.number(),
  paknOverdueMode: z.enum(PAKN_OVERDUE_MODES),
  overdueAnswerPoints: z.number(),
  paknCategory: z.string().nullable(),
  capPerUnitMonth: z.number().nullable(),
  floor: z.number(),
  crawlTolerancePercent: z.number(),
  paknWorkingDays: z.number().int(),
  appealWorkingDays: z.number().int(),
  rangeScore: z.enum(RANGE_SCORE_MODES),
  notReportedPoints: z.number().nullable().describe('Điểm trừ đơn vị không gửi tự đánh giá; null: mọi chuyên mục tính là không cập nhật'),
  useCrawlStatuses: z.boolean().describe('Tính trạng thái chuyên mục đo được khi quét cổng'),
  deadlineWorkingDays: z.number().int().describe('Số ngày làm việc từ khi mở kỳ đến hạn nộp đề xuất'),
});
export type RuleSet = z.infer<typeof ruleSet>;

export const ruleSets = z.object({ today: z.string(), ruleSets: z.array(ruleSet) });
export type RuleSets = z.infer<typeof ruleSets>;

export const ruleSetInput = z.object({
  effectiveFrom: isoDate,
  note: requiredText(500),
  values: z
    .object({
      scale: points.positive(),
      partialCategoryPoints: points,
      missingCategoryPoints: points,
      paknOverdueMode: z.enum(PAKN_OVERDUE_MODES),
      overdueAnswerPoints: points,
      paknCategory: z.string().max(200).nullable(),
      capPerUnitMonth: points.nullable(),
      floor: points,
      crawlTolerancePercent: points,
      paknWorkingDays: z.number().int().min(1).max(60),
      appealWorkingDays: z.number().int().min(0).max(60),
      rangeScore: z.enum(RANGE_SCORE_MODES),
      notReportedPoints: points.nullable(),
      useCrawlStatuses: z.boolean(),
      deadlineWorkingDays: z.number().int().min(1).max(60),
    })
    .partial()
    .strict(),
});
export type RuleSetInput = z.input<typeof ruleSetInput>;

/** Where a proposed deduction comes from: categories kept up partly or not at all, or PAKN overdue. */
export const proposalOrigin = z.union([
  z.object({ kind: z.literal('categories'), status: z.enum(['partial', 'none']), ids: z.array(z.string()), sources: z.array(z.enum(['self', 'crawler', 'reviewer'])) }),
  z.object({ kind: z.literal('pakn'), ids: z.array(z.string()) }),
]);

export const proposal = deduction.extend({ origin: proposalOrigin, uncappedPoints: z.number().optional() });
export type Proposal = z.infer<typeof proposal>;

export const unitProposals = z.object({
  unitId: z.string(),
  unitName: z.string(),
  deductions: z.array(deduction),
  counts: categoryCounts,
  proposedCounts: categoryCounts,
  proposals: z.array(proposal),
  checks: z.array(z.string()),
  reporting: z.enum(['reported', 'not-reported', 'finding']).describe('not-reported: không gửi tự đánh giá, không có đề xuất; finding: theo kết quả Ban Biên tập ghi nhận'),
});
export type UnitProposals = z.infer<typeof unitProposals>;

export const periodProposals = z.object({
  period: z.string(),
  ruleSet: z.object({ id: z.string(), effectiveFrom: z.string(), note: z.string(), isDefault: z.boolean() }),
  units: z.array(unitProposals),
});
export type PeriodProposals = z.infer<typeof periodProposals>;

export const proposalDecision = z.discriminatedUnion('action', [
  z.object({ proposal: z.number().int().min(1), action: z.enum(['accept', 'reject']) }),
  z.object({
    proposal: z.number().int().min(1),
    action: z.literal('edit'),
    points: z.number().positive().max(100).multipleOf(0.01),
    reason: requiredText(1000),
  }),
]);
export type ProposalDecision = z.input<typeof proposalDecision>;

export const decisionsInput = z.object({ decisions: z.array(proposalDecision).max(50) });
export const decidedDeductions = z.object({ deductions: z.array(deduction), score: z.number() });
export type DecidedDeductions = z.infer<typeof decidedDeductions>;
