/** The board's review of a period: each unit's computed result, the reviewer's changes, accepting proposals. */
import { z } from 'zod';
import { CATEGORY_STATUSES, EVALUATION_STATES } from '../domain/evaluation.js';
import { categoryCounts, id, requiredText } from './common.js';
import { proposalOrigin } from './rules.js';

const reportingStatus = z.enum(['reported', 'not-reported', 'finding']);

/** Where a deduction of the result comes from: the rules (categories, PAKN, not reporting) or the reviewer. */
export const resultOrigin = z.union([
  proposalOrigin,
  z.object({ kind: z.literal('not-reported') }),
  z.object({ kind: z.literal('reviewer') }),
]);

export const resultDeduction = z.object({
  key: z.string().describe('Khóa để đổi khoản trừ này: categories:partial, categories:none, pakn, not-reported'),
  points: z.number(),
  reason: z.string().describe('Lời văn trong thông báo'),
  origin: resultOrigin,
  originLabel: z.string().describe('Nguồn của khoản trừ, bằng lời'),
  uncappedPoints: z.number().optional(),
  changed: z.object({ computedPoints: z.number(), computedReason: z.string(), why: z.string() }).optional(),
});
export type ResultDeductionView = z.infer<typeof resultDeduction>;

export const reviewUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  groupName: z.string(),
  state: z.enum(EVALUATION_STATES),
  version: z.number().int(),
  status: reportingStatus,
  statusLabel: z.string().describe('Đã gửi tự đánh giá / Không gửi tự đánh giá / ...'),
  confirmed: z.boolean().describe('Ban Biên tập đã xác nhận kết quả: điểm trừ đã lưu là kết quả'),
  required: z.number().int(),
  articles: z.number().int(),
  selfScore: z.number().nullable(),
  submittedAt: z.string().nullable(),
  counts: categoryCounts.describe('Số chuyên mục tính điểm'),
  countsChange: categoryCounts.extend({ reason: z.string() }).nullable(),
  categories: z.array(
    z.object({
      position: z.number().int(),
      name: z.string(),
      self: z.enum(CATEGORY_STATUSES).nullable(),
      measured: z.enum(CATEGORY_STATUSES).nullable(),
      reviewed: z.enum(CATEGORY_STATUSES).nullable(),
      reviewReason: z.string().nullable(),
      status: z.enum(CATEGORY_STATUSES),
      evidenceUrl: z.string().nullable(),
    }),
  ),
  finding: z.object({ reason: z.string() }).nullable(),
  computed: z.array(resultDeduction).describe('Theo quy tắc (có thay đổi của người rà soát)'),
  deductions: z.array(resultDeduction).describe('Kết quả: đã xác nhận thì là điểm trừ đã lưu, chưa thì như tính'),
  score: z.number(),
  checks: z.array(z.string()),
});
export type ReviewUnit = z.infer<typeof reviewUnit>;

export const periodReview = z.object({
  period: z.string(),
  status: z.string(),
  ruleSet: z.object({ id: z.string(), effectiveFrom: z.string(), note: z.string(), isDefault: z.boolean() }),
  units: z.array(reviewUnit),
});
export type PeriodReview = z.infer<typeof periodReview>;

const count = z.number().int().min(0).max(1000);

/** The reviewer's change to one unit, with the reason the evidence gives (stored and audited). */
export const reviewChangeInput = z.object({
  version: z.number().int().min(1),
  why: requiredText(1000).describe('Lý do thay đổi (bắt buộc)'),
  categories: z.array(z.object({ position: z.number().int().min(1), status: z.enum(CATEGORY_STATUSES) })).max(200).optional(),
  counts: z.object({ full: count, partial: count, none: count }).nullable().optional().describe('null: bỏ thay đổi số chuyên mục'),
  deductions: z
    .array(z.object({ key: z.string().max(50), points: z.number().min(0).max(100).multipleOf(0.01), reason: requiredText(1000) }))
    .max(10)
    .optional()
    .describe('0 điểm: bỏ khoản trừ'),
});
export type ReviewChangeInput = z.input<typeof reviewChangeInput>;

/** The board's own finding for a unit that did not report. */
export const findingInput = z.object({
  version: z.number().int().min(1),
  why: requiredText(1000).describe('Căn cứ của Ban Biên tập (bắt buộc)'),
  categories: z.array(z.object({ position: z.number().int().min(1), status: z.enum(CATEGORY_STATUSES) })).max(200).optional(),
  counts: z.object({ full: count, partial: count, none: count }).optional(),
});
export type FindingInput = z.input<typeof findingInput>;

/** Withdrawing the board's finding: the unit is "không gửi tự đánh giá" again. */
export const withdrawFindingInput = z.object({
  version: z.number().int().min(1),
  why: requiredText(1000).describe('Lý do rút kết luận (bắt buộc)'),
});
export type WithdrawFindingInput = z.input<typeof withdrawFindingInput>;

export const acceptAllInput = z.object({ except: z.array(id).max(1000).default([]).describe('Đơn vị không chấp nhận đề xuất') });
export type AcceptAllInput = z.input<typeof acceptAllInput>;

const unitRef = z.object({ unitId: z.string(), unitName: z.string() });
export const acceptAllResult = z.object({
  accepted: z.array(unitRef),
  excepted: z.array(unitRef),
  notReported: z.array(unitRef).describe('Không gửi tự đánh giá, chưa có kết luận: không có đề xuất để chấp nhận'),
  alreadyConfirmed: z.array(unitRef),
});
export type AcceptAllResult = z.infer<typeof acceptAllResult>;
