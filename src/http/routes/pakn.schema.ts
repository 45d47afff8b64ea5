import { z } from 'zod';
import { dayChangeInput, dueDatesMoved, overdueReport, paknImportSummary, paknItem, yearCalendar } from '../../contract/pakn.js';
import { errorResponse, id, isoDate, periodId, protectedErrors } from './common.schema.js';

export const listPaknSchema = {
  tags: ['pakn'],
  summary: 'Phản ánh kiến nghị (PAKN) và trạng thái hiện tại; biên tập viên đơn vị chỉ thấy của đơn vị mình',
  querystring: z.object({ unitId: id.optional(), period: periodId.optional().describe('Tiếp nhận trong kỳ này') }),
  response: {
    200: z.array(paknItem),
    ...protectedErrors,
  },
};

export const importPaknSchema = {
  tags: ['pakn'],
  summary: 'Nhập PAKN từ CSV/XLSX (multipart, trường "file"; cột Đơn vị, Ngày tiếp nhận, Nội dung, Hạn trả lời, Ngày trả lời); có lỗi thì không ghi gì',
  consumes: ['multipart/form-data'],
  response: {
    200: paknImportSummary,
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
    200: overdueReport,
    ...protectedErrors,
  },
};

export const yearCalendarSchema = {
  tags: ['days-off'],
  summary: 'Ngày nghỉ lễ, Tết của một năm (tính theo âm lịch) và các ngày nghỉ, làm bù đã thông báo',
  querystring: z.object({ year: z.coerce.number().int().min(1900).max(9999) }),
  response: {
    200: yearCalendar,
    ...protectedErrors,
  },
};

const dateParams = z.object({ date: isoDate });

export const putDayChangeSchema = {
  tags: ['days-off'],
  summary: 'Thêm hoặc sửa ngày nghỉ, ngày làm bù do Chính phủ thông báo (quản trị)',
  params: dateParams,
  body: dayChangeInput,
  response: { 200: dueDatesMoved, ...protectedErrors },
};

export const deleteDayChangeSchema = {
  tags: ['days-off'],
  summary: 'Bỏ một ngày nghỉ, làm bù đã nhập (quản trị)',
  params: dateParams,
  response: { 200: dueDatesMoved, ...protectedErrors },
};
