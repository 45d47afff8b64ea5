/** Appeals against a published deduction, and their decisions. */
import { z } from 'zod';
import { APPEAL_STATUSES } from '../domain/appeals.js';
import { id, periodId, requiredText, text } from './common.js';

export type { AppealStatus } from '../domain/appeals.js';

export const appeal = z.object({
  id: z.string(),
  periodId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  revision: z.number().int().describe('Bản công bố bị khiếu nại'),
  deduction: z.object({ position: z.number().int(), points: z.number(), reason: z.string() }),
  reason: z.string(),
  evidence: z.array(z.string()),
  status: z.enum(APPEAL_STATUSES),
  submittedAt: z.string(),
  submittedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decision: z.string().nullable(),
  pointsAfter: z.number().nullable(),
  correctionRevision: z.number().int().nullable().describe('Bản đính chính tạo ra khi chấp nhận'),
});
export type Appeal = z.infer<typeof appeal>;

export const appealDeadline = z.object({ period: z.string(), deadline: z.string().nullable() });
export type AppealDeadline = z.infer<typeof appealDeadline>;

export const appealInput = z.object({
  periodId,
  unitId: id,
  deduction: z.number().int().min(1).describe('Số thứ tự khoản trừ của đơn vị, từ 1'),
  reason: requiredText(2000),
  evidence: z.array(text(1000)).max(20),
});
export type AppealInput = z.input<typeof appealInput>;

export const appealDecisionInput = z.object({
  uphold: z.boolean(),
  reason: requiredText(2000),
  pointsAfter: z.number().min(0).max(100).multipleOf(0.01).optional().describe('Khi chấp nhận: điểm trừ còn lại (mặc định 0)'),
});
export type AppealDecisionInput = z.input<typeof appealDecisionInput>;
