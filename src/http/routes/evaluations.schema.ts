import { z } from 'zod';
import { CATEGORY_STATUSES } from '../../domain/evaluation.js';
import { deductionInput, periodParams, periodUnitParams, protectedErrors, requiredText } from './common.schema.js';

const evidenceUrl = z
  .string()
  .trim()
  .max(2000)
  .transform((v) => (v === '' ? null : v))
  .refine((v) => v === null || /^https?:\/\/\S+$/i.test(v), 'Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.')
  .nullable();

export const selfAssessment = z.object({
  unitId: z.string(),
  unitName: z.string(),
  groupName: z.string(),
  period: z.string(),
  state: z.enum(['draft', 'submitted', 'reviewed']),
  categories: z.array(z.object({ name: z.string(), status: z.enum(CATEGORY_STATUSES), evidenceUrl: z.string().nullable() })),
  required: z.number().int(),
  full: z.number().int(),
  partial: z.number().int(),
  none: z.number().int(),
  articles: z.number().int(),
  selfScore: z.number().nullable(),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  deadline: z.string(),
  deductions: z.array(z.object({ points: z.number(), reason: z.string() })),
  score: z.number(),
});

export const getSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Tự đánh giá của một đơn vị trong kỳ',
  params: periodUnitParams,
  response: { 200: selfAssessment, ...protectedErrors },
};

const count = z.number().int().min(0).max(1_000_000);

export const saveSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Lưu tự đánh giá (409 stale_version nếu version đã cũ)',
  params: periodUnitParams,
  body: z.object({
    categories: z
      .array(z.object({ name: requiredText(500), status: z.enum(CATEGORY_STATUSES), evidenceUrl: evidenceUrl.optional().default(null) }))
      .max(200)
      .optional(),
    counts: z.object({ full: count, partial: count, none: count }).optional(),
    articles: count,
    selfScore: z.number().min(0).max(100).multipleOf(0.01).nullable(),
    version: z.number().int().min(1),
  }),
  response: { 200: selfAssessment, ...protectedErrors },
};

export const submitSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Nộp tự đánh giá trước hạn',
  params: periodUnitParams,
  body: z.object({ version: z.number().int().min(1).optional() }).optional(),
  response: { 200: selfAssessment, ...protectedErrors },
};

export const listEvaluationsSchema = {
  tags: ['review'],
  summary: 'Mọi tự đánh giá của kỳ kèm minh chứng và điểm trừ (Ban biên tập; mọi người sau khi công bố)',
  params: periodParams,
  response: { 200: z.array(selfAssessment), ...protectedErrors },
};

export const setDeductionsSchema = {
  tags: ['review'],
  summary: 'Đặt các khoản trừ điểm của đơn vị (rà soát)',
  params: periodUnitParams,
  body: z.object({ deductions: z.array(deductionInput).max(50), version: z.number().int().min(1) }),
  response: { 200: selfAssessment, ...protectedErrors },
};
