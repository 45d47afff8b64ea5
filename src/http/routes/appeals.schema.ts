import { z } from 'zod';
import { APPEAL_STATUSES } from '../../domain/appeals.js';
import { id, periodId, periodParams, protectedErrors, requiredText, text } from './common.schema.js';

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

export const listAppealsSchema = {
  tags: ['appeals'],
  summary: 'Khiếu nại (Ban biên tập: mọi đơn vị; biên tập viên: đơn vị mình)',
  querystring: z.object({ period: periodId.optional(), status: z.enum(APPEAL_STATUSES).optional() }),
  response: { 200: z.array(appeal), ...protectedErrors },
};

export const appealDeadlineSchema = {
  tags: ['appeals'],
  summary: 'Hạn khiếu nại kết quả của kỳ đã công bố (null: quy tắc không nhận khiếu nại)',
  params: periodParams,
  response: { 200: z.object({ period: z.string(), deadline: z.string().nullable() }), ...protectedErrors },
};

export const submitAppealSchema = {
  tags: ['appeals'],
  summary: 'Nộp khiếu nại một khoản trừ điểm của kỳ đã công bố, trong thời hạn',
  body: z.object({
    periodId,
    unitId: id,
    deduction: z.number().int().min(1).describe('Số thứ tự khoản trừ của đơn vị, từ 1'),
    reason: requiredText(2000),
    evidence: z.array(text(1000)).max(20),
  }),
  response: { 201: appeal, ...protectedErrors },
};

export const decideAppealSchema = {
  tags: ['appeals'],
  summary: 'Chấp nhận (đính chính kỳ, bản mới) hoặc không chấp nhận khiếu nại, kèm lý do',
  params: z.object({ appealId: id }),
  body: z.object({
    uphold: z.boolean(),
    reason: requiredText(2000),
    pointsAfter: z.number().min(0).max(100).multipleOf(0.01).optional().describe('Khi chấp nhận: điểm trừ còn lại (mặc định 0)'),
  }),
  response: { 200: appeal, ...protectedErrors },
};
