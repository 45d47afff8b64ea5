import { z } from 'zod';
import { PAKN_OVERDUE_MODES } from '../../domain/rules.js';
import { errorResponse, isoDate, periodParams, periodUnitParams, protectedErrors, requiredText } from './common.schema.js';

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
});

export const listRulesSchema = {
  tags: ['rules'],
  summary: 'Các bộ quy tắc chấm điểm (bộ mặc định đầu tiên), bộ đang áp dụng hôm nay',
  response: { 200: z.object({ today: z.string(), ruleSets: z.array(ruleSet) }), 401: errorResponse },
};

export const createRuleSetSchema = {
  tags: ['rules'],
  summary: 'Đặt bộ quy tắc mới có hiệu lực từ một ngày (quản trị); giá trị không nêu giữ như bộ trước',
  body: z.object({
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
      })
      .partial()
      .strict(),
  }),
  response: { 201: ruleSet, ...protectedErrors },
};

const origin = z.union([
  z.object({ kind: z.literal('categories'), status: z.enum(['partial', 'none']), ids: z.array(z.string()), sources: z.array(z.enum(['self', 'crawler'])) }),
  z.object({ kind: z.literal('pakn'), ids: z.array(z.string()) }),
]);

const counts = z.object({ full: z.number().int(), partial: z.number().int(), none: z.number().int() });
const deduction = z.object({ points: z.number(), reason: z.string() });

export const proposalsSchema = {
  tags: ['proposals'],
  summary: 'Đề xuất trừ điểm của kỳ theo quy tắc áp dụng (từ chuyên mục và PAKN quá hạn), cho Ban biên tập',
  params: periodParams,
  response: {
    200: z.object({
      period: z.string(),
      ruleSet: z.object({ id: z.string(), effectiveFrom: z.string(), note: z.string(), isDefault: z.boolean() }),
      units: z.array(
        z.object({
          unitId: z.string(),
          unitName: z.string(),
          deductions: z.array(deduction),
          counts,
          proposedCounts: counts,
          proposals: z.array(deduction.extend({ origin, uncappedPoints: z.number().optional() })),
          checks: z.array(z.string()),
        }),
      ),
    }),
    ...protectedErrors,
  },
};

const decision = z.discriminatedUnion('action', [
  z.object({ proposal: z.number().int().min(1), action: z.enum(['accept', 'reject']) }),
  z.object({
    proposal: z.number().int().min(1),
    action: z.literal('edit'),
    points: z.number().positive().max(100).multipleOf(0.01),
    reason: requiredText(1000),
  }),
]);

export const decideProposalsSchema = {
  tags: ['proposals'],
  summary: 'Chấp nhận, sửa hoặc bỏ từng đề xuất trừ điểm của một đơn vị; khoản trừ giữ liên kết tới đề xuất',
  params: periodUnitParams,
  body: z.object({ decisions: z.array(decision).max(50) }),
  response: { 200: z.object({ deductions: z.array(deduction), score: z.number() }), ...protectedErrors },
};
