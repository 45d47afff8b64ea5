import { z } from 'zod';
import { spanReport } from '../../contract/reports.js';
import { protectedErrors } from './common.schema.js';

const span = z.string().regex(/^\d{4}(-Q[1-4])?$/, 'Cần năm YYYY hoặc quý YYYY-Qn.');
const query = z.object({
  includeUnpublished: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Ban biên tập: tính cả các kỳ chưa công bố'),
});

export const spanReportSchema = {
  tags: ['reports'],
  summary: 'Tổng hợp năm (2024) hoặc quý (2024-Q1): điểm bình quân, tháng bị trừ điểm, tin bài, xếp hạng',
  params: z.object({ span }),
  querystring: query,
  response: { 200: spanReport, ...protectedErrors },
};

export const spanFileSchema = {
  tags: ['reports'],
  summary: 'Tải tổng hợp năm, quý dạng XLSX hoặc DOCX',
  params: z.object({ span, format: z.enum(['xlsx', 'docx']) }),
  querystring: query,
  produces: ['application/octet-stream'],
  response: { ...protectedErrors },
};
