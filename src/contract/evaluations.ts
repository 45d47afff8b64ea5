/** A unit's self-assessment for a period, and what the board sets on it in review. */
import { z } from 'zod';
import { isHttpUrl } from '../domain/limits.js';
import { CATEGORY_STATUSES, EVALUATION_STATES } from '../domain/evaluation.js';
import { deduction, deductionInput, requiredText } from './common.js';

export type { CategoryStatus, EvaluationState } from '../domain/evaluation.js';

const evidenceUrl = z
  .string()
  .trim()
  .max(2000)
  .transform((v) => (v === '' ? null : v))
  .refine((v) => v === null || (/^https?:\/\/\S+$/i.test(v) && isHttpUrl(v)), 'Đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.')
  .nullable();

export const categoryEntry = z.object({ name: z.string(), status: z.enum(CATEGORY_STATUSES), evidenceUrl: z.string().nullable() });
export type CategoryEntry = z.infer<typeof categoryEntry>;

/**
 * A unit's evaluation for a period. Groups whose categories are named carry one entry per
 * category; groups known only by their number of categories carry counts and no entries.
 */
export const selfAssessment = z.object({
  unitId: z.string(),
  unitName: z.string(),
  groupName: z.string(),
  period: z.string(),
  state: z.enum(EVALUATION_STATES),
  categories: z.array(categoryEntry),
  evidenceUrls: z.array(z.string()).describe('Minh chứng của cả đơn vị (nhóm chưa có danh sách chuyên mục theo tên)'),
  required: z.number().int(),
  full: z.number().int(),
  partial: z.number().int(),
  none: z.number().int(),
  articles: z.number().int(),
  selfScore: z.number().nullable(),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  deadline: z.string().describe('Hạn nộp tự đánh giá (ISO)'),
  deductions: z.array(deduction),
  score: z.number(),
});
export type SelfAssessment = z.infer<typeof selfAssessment>;
/** What a reviewer sees of one unit: the self-assessment with its evidence and deductions. */
export type Evaluation = SelfAssessment;

const count = z.number().int().min(0).max(1_000_000);

export const selfAssessmentInput = z.object({
  /** One entry per named category of the group. */
  categories: z
    .array(z.object({ name: requiredText(500), status: z.enum(CATEGORY_STATUSES), evidenceUrl: evidenceUrl.optional().default(null) }))
    .max(200)
    .optional(),
  /** For groups known only by their number of categories. */
  counts: z.object({ full: count, partial: count, none: count }).optional(),
  /** Evidence links for the unit as a whole, where the group's categories are not named; absent: unchanged. */
  evidenceUrls: z
    .array(evidenceUrl)
    .max(20)
    .transform((urls) => urls.filter((u): u is string => u !== null))
    .optional(),
  articles: count,
  selfScore: z.number().min(0).max(100).multipleOf(0.01).nullable(),
  version: z.number().int().min(1),
});
export type SelfAssessmentInput = z.input<typeof selfAssessmentInput>;

export const deductionsInput = z.object({ deductions: z.array(deductionInput).max(50), version: z.number().int().min(1) });
export type DeductionsInput = z.input<typeof deductionsInput>;
