import { z } from 'zod';
import { PERIOD_STATUSES } from '../../domain/period.js';
import { errorResponse, isoDate, periodId, periodParams, protectedErrors, requiredText, text, deductionInput, id } from './common.schema.js';

export const period = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(PERIOD_STATUSES),
  noticeNumber: z.string().nullable(),
  noticeDate: z.string().nullable(),
  publishedAt: z.string().nullable(),
  revision: z.number().int(),
  deadline: z.string().describe('Hạn nộp tự đánh giá (ISO)'),
});

const reportUnit = z.object({
  rank: z.number().int(),
  id: z.string(),
  name: z.string(),
  categories: z.number().int(),
  full: z.number().int(),
  partial: z.number().int(),
  none: z.number().int(),
  articles: z.number().int(),
  selfScore: z.number().nullable(),
  score: z.number(),
  deductions: z.array(z.object({ points: z.number(), reason: z.string() })),
});

export const report = z
  .object({
    period: z.object({ id: z.string(), from: z.string(), to: z.string(), status: z.string() }),
    groups: z.array(z.object({ name: z.string(), articles: z.number().int(), units: z.array(reportUnit) })),
    deducted: z.array(z.object({ name: z.string(), points: z.number(), reasons: z.array(z.string()) })),
  })
  .describe('Bảng xếp hạng: đúng JSON của lệnh report --format json (các trường thêm, như quy tắc chấm, đi kèm nguyên vẹn)');

const revision = z.object({
  revision: z.number().int(),
  reason: z.string().nullable(),
  unitId: z.string().nullable(),
  noticeNumber: z.string(),
  noticeDate: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const instant = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'Thời điểm không hợp lệ (ISO 8601).');

export const listPeriodsSchema = {
  tags: ['periods'],
  summary: 'Các kỳ đánh giá (người xem chỉ thấy kỳ đã công bố)',
  response: { 200: z.array(period), 401: errorResponse },
};

export const getPeriodSchema = {
  tags: ['periods'],
  summary: 'Một kỳ đánh giá',
  params: periodParams,
  response: { 200: period, ...protectedErrors },
};

export const openPeriodSchema = {
  tags: ['periods'],
  summary: 'Mở kỳ: tạo bản nháp tự đánh giá cho mọi đơn vị đang hoạt động',
  body: z.object({ id: periodId, deadline: instant.nullable().optional() }),
  response: { 201: period, ...protectedErrors },
};

export const updatePeriodSchema = {
  tags: ['periods'],
  summary: 'Đổi hạn nộp tự đánh giá (null: ngày cuối kỳ)',
  params: periodParams,
  body: z.object({ deadline: instant.nullable() }),
  response: { 200: period, ...protectedErrors },
};

export const startReviewSchema = {
  tags: ['periods'],
  summary: 'Khóa tự đánh giá, chuyển sang rà soát',
  params: periodParams,
  response: { 200: period, ...protectedErrors },
};

export const publishSchema = {
  tags: ['periods'],
  summary: 'Công bố: khóa kỳ, cấp số và ngày công văn, tạo DOCX/PDF/XLSX',
  params: periodParams,
  body: z.object({ number: text(50).optional(), date: isoDate.optional() }).optional(),
  response: { 200: period, ...protectedErrors },
};

export const correctionSchema = {
  tags: ['periods'],
  summary: 'Đính chính sau công bố: bản mới có lý do, bản cũ vẫn giữ',
  params: periodParams,
  body: z.object({ reason: requiredText(1000), unitId: id, deductions: z.array(deductionInput).max(50) }),
  response: { 201: period, ...protectedErrors },
};

export const revisionsSchema = {
  tags: ['periods'],
  summary: 'Các bản đã công bố của kỳ (bản 0 và các bản đính chính)',
  params: periodParams,
  response: { 200: z.array(revision), ...protectedErrors },
};

export const revisionReportSchema = {
  tags: ['periods'],
  summary: 'Bảng xếp hạng đúng như một bản đã công bố',
  params: z.object({ period: periodId, revision: z.coerce.number().int().min(0) }),
  response: { 200: report, ...protectedErrors },
};

export const rankingSchema = {
  tags: ['periods'],
  summary: 'Bảng xếp hạng của kỳ (JSON như lệnh report)',
  params: periodParams,
  response: { 200: report, ...protectedErrors },
};

export const noticeSchema = {
  tags: ['periods'],
  summary: 'Tải công văn của kỳ (docx, pdf, xlsx); ?revision=N cho bản cũ',
  params: z.object({ period: periodId, format: z.enum(['docx', 'pdf', 'xlsx']) }),
  querystring: z.object({ revision: z.coerce.number().int().min(0).optional() }),
  produces: ['application/octet-stream'],
  response: { ...protectedErrors },
};

export const importSchema = {
  tags: ['periods'],
  summary: 'Nhập số liệu kỳ từ tệp CSV/XLSX (multipart, trường "file"); có lỗi thì không ghi gì',
  params: periodParams,
  consumes: ['multipart/form-data'],
  response: {
    200: z.object({
      period: z.string(),
      format: z.string(),
      units: z.number().int(),
      newUnits: z.array(z.string()),
      newGroups: z.array(z.string()),
      replaced: z.number().int(),
    }),
    ...protectedErrors,
    413: errorResponse,
    422: errorResponse.describe('import_invalid: details.problems = [{line, column, message}]'),
  },
};

export const templateSchema = {
  tags: ['periods'],
  summary: 'Tệp mẫu nhập liệu (CSV hoặc XLSX) với đủ các cột',
  params: z.object({ format: z.enum(['csv', 'xlsx']) }),
  produces: ['application/octet-stream'],
  response: { 400: errorResponse, 401: errorResponse },
};
