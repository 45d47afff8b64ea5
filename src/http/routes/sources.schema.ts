import { z } from 'zod';
import { crawlResults, crossCheck, sourceTrial, sourceTrialRequest, sourcesImportSummary, sourcesList } from '../../contract/sources.js';
import { errorResponse, id, periodParams, protectedErrors } from './common.schema.js';

/** A unit editor may name only their own unit; staff may narrow to one. */
const unitQuery = z.object({ unitId: id.optional() });

export const listSourcesSchema = {
  tags: ['sources'],
  summary: 'Cổng và nguồn tin của từng chuyên mục bắt buộc, theo đơn vị (dạng tệp `sources import`)',
  querystring: unitQuery,
  response: {
    200: sourcesList,
    ...protectedErrors,
  },
};

export const putSourcesSchema = {
  tags: ['sources'],
  summary: 'Thay nguồn tin các đơn vị có trong tệp (Ban biên tập); một lỗi thì không ghi gì',
  // Checked by the import itself, so the problems come back as one 422 list with their paths.
  body: z.unknown().describe('{"units":[{"name","portal","categories":[{"name","min","source":{"type","url",…}}]}]}'),
  response: {
    200: sourcesImportSummary,
    ...protectedErrors,
    422: errorResponse.describe('import_invalid: details.problems = [{line, column, message}]'),
  },
};

export const crawlResultsSchema = {
  tags: ['sources'],
  summary: 'Kết quả đọc cổng của kỳ: mỗi chuyên mục một trạng thái, số tin, tin mới nhất, lỗi và bằng chứng',
  params: periodParams,
  querystring: unitQuery,
  response: {
    200: crawlResults,
    ...protectedErrors,
  },
};

export const crossCheckSchema = {
  tags: ['sources'],
  summary: 'Đối chiếu tự đánh giá với kết quả đọc cổng: chuyên mục chênh lệch và đề xuất trừ điểm kèm bằng chứng',
  params: periodParams,
  querystring: unitQuery,
  response: {
    200: crossCheck,
    ...protectedErrors,
  },
};

export const trySourceSchema = {
  tags: ['sources'],
  summary: 'Thử một nguồn (Ban biên tập): đọc danh sách và các trang sau, các mục và ngày, số tin trong kỳ, có đủ hay không và vì sao',
  body: sourceTrialRequest,
  response: {
    200: sourceTrial,
    ...protectedErrors,
  },
};
