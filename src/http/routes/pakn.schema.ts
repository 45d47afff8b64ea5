import { z } from 'zod';
import { HOLIDAY_NAMES, type HolidayKind } from '../../domain/holidays.js';
import { PAKN_STATES } from '../../domain/pakn.js';
import { errorResponse, id, isoDate, periodId, protectedErrors, requiredText } from './common.schema.js';

const HOLIDAY_KINDS = Object.keys(HOLIDAY_NAMES) as [HolidayKind, ...HolidayKind[]];

export const listPaknSchema = {
  tags: ['pakn'],
  summary: 'Phản ánh kiến nghị (PAKN) và trạng thái hiện tại; biên tập viên đơn vị chỉ thấy của đơn vị mình',
  querystring: z.object({ unitId: id.optional(), period: periodId.optional().describe('Tiếp nhận trong kỳ này') }),
  response: {
    200: z.array(
      z.object({
        id: z.string(),
        unitId: z.string(),
        unitName: z.string(),
        subject: z.string(),
        receivedAt: z.string(),
        dueDate: z.string(),
        answeredAt: z.string().nullable(),
        state: z.enum(PAKN_STATES),
      }),
    ),
    ...protectedErrors,
  },
};

export const importPaknSchema = {
  tags: ['pakn'],
  summary: 'Nhập PAKN từ CSV/XLSX (multipart, trường "file"; cột Đơn vị, Ngày tiếp nhận, Nội dung, Hạn trả lời, Ngày trả lời); có lỗi thì không ghi gì',
  consumes: ['multipart/form-data'],
  response: {
    200: z.object({
      format: z.enum(['csv', 'xlsx']),
      records: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      computedDueDates: z.number().int(),
    }),
    ...protectedErrors,
    413: errorResponse,
    422: errorResponse.describe('import_invalid: details.problems = [{line, column, message}]'),
  },
};

export const overdueSchema = {
  tags: ['pakn'],
  summary: 'Các câu trả lời PAKN quá hạn trong một kỳ, theo đơn vị',
  querystring: z.object({ period: periodId }),
  response: {
    200: z.object({
      period: z.object({ id: z.string(), from: z.string(), to: z.string() }),
      units: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          records: z.array(
            z.object({
              id: z.string(),
              subject: z.string(),
              receivedAt: z.string(),
              dueDate: z.string(),
              answeredAt: z.string().nullable(),
              kind: z.enum(['answered_late', 'open_at_period_end']),
              workingDaysLate: z.number().int(),
            }),
          ),
        }),
      ),
    }),
    ...protectedErrors,
  },
};

const dayChange = z.object({ date: z.string(), kind: z.enum(['off', 'working']), note: z.string() });

export const yearCalendarSchema = {
  tags: ['days-off'],
  summary: 'Ngày nghỉ lễ, Tết của một năm (tính theo âm lịch) và các ngày nghỉ, làm bù đã thông báo',
  querystring: z.object({ year: z.coerce.number().int().min(1900).max(9999) }),
  response: {
    200: z.object({
      year: z.number().int(),
      holidays: z.array(z.object({ date: z.string(), kind: z.enum(HOLIDAY_KINDS), name: z.string(), makesUpFor: z.string().optional() })),
      changes: z.array(dayChange),
    }),
    ...protectedErrors,
  },
};

const dateParams = z.object({ date: isoDate });
const moved = z.object({ dueDatesMoved: z.number().int().describe('Số hạn trả lời PAKN đã tính lại') });

export const putDayChangeSchema = {
  tags: ['days-off'],
  summary: 'Thêm hoặc sửa ngày nghỉ, ngày làm bù do Chính phủ thông báo (quản trị)',
  params: dateParams,
  body: z.object({ kind: z.enum(['off', 'working']), note: requiredText(500) }),
  response: { 200: moved, ...protectedErrors },
};

export const deleteDayChangeSchema = {
  tags: ['days-off'],
  summary: 'Bỏ một ngày nghỉ, làm bù đã nhập (quản trị)',
  params: dateParams,
  response: { 200: moved, ...protectedErrors },
};
