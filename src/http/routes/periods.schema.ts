import { z } from 'zod';
import {
  correctionInput,
  deadlineInput,
  importSummary,
  openPeriodInput,
  openProposal,
  period,
  periodDetail,
  periodRangeId,
  periodReport,
  periodWithWarnings,
  previewInput,
  publishInput,
  publishPreview,
  rangePublishInput,
  revision,
} from '../../contract/periods.js';
import { newsArticle, newsDocxInput } from '../../contract/news.js';
import { errorResponse, periodId, periodParams, protectedErrors } from './common.schema.js';

export const listPeriodsSchema = {
  tags: ['periods'],
  summary: 'Các kỳ đánh giá (người xem chỉ thấy kỳ đã công bố)',
  response: { 200: z.array(period), 401: errorResponse },
};

export const getPeriodSchema = {
  tags: ['periods'],
  summary: 'Một kỳ đánh giá, với hạn nộp đã qua chưa và liên hệ của Ban Biên tập',
  params: periodParams,
  response: { 200: periodDetail, ...protectedErrors },
};

export const openProposalSchema = {
  tags: ['periods'],
  summary: 'Hạn nộp đề xuất khi mở kỳ bây giờ: số ngày làm việc theo quy tắc, tính từ hôm nay',
  params: periodParams,
  response: { 200: openProposal, ...protectedErrors },
};

export const openPeriodSchema = {
  tags: ['periods'],
  summary: 'Mở kỳ: tạo bản nháp tự đánh giá cho mọi đơn vị đang hoạt động',
  body: openPeriodInput,
  response: { 201: periodWithWarnings.describe('warnings: hạn nộp đã qua…'), ...protectedErrors },
};

export const updatePeriodSchema = {
  tags: ['periods'],
  summary: 'Đổi hạn nộp tự đánh giá (null: ngày cuối kỳ)',
  params: periodParams,
  body: deadlineInput,
  response: { 200: periodWithWarnings, ...protectedErrors },
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
  body: publishInput.optional(),
  response: {
    200: period,
    ...protectedErrors,
    409: errorResponse.describe('units_not_reported: details.units = [{unitId, unitName}]; preview_stale; period_locked; conflict'),
  },
};

export const publishPreviewSchema = {
  tags: ['periods'],
  summary: 'Xem trước công bố: danh sách kiểm tra, bảng xếp hạng và công văn (PDF/DOCX/XLSX) đúng như sẽ công bố',
  params: periodParams,
  body: previewInput.optional(),
  response: { 200: publishPreview, ...protectedErrors },
};

export const correctionSchema = {
  tags: ['periods'],
  summary: 'Đính chính sau công bố: bản mới có lý do, bản cũ vẫn giữ',
  params: periodParams,
  body: correctionInput,
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
  response: { 200: periodReport, ...protectedErrors },
};

export const rankingSchema = {
  tags: ['periods'],
  summary: 'Bảng xếp hạng của kỳ (JSON như lệnh report)',
  params: periodParams,
  response: { 200: periodReport, ...protectedErrors },
};

export const latestRankingSchema = {
  tags: ['periods'],
  summary: 'Bảng xếp hạng của kỳ mới nhất (đã công bố, nếu chưa có thì kỳ đang rà soát, rồi kỳ đang mở)',
  response: { 200: periodReport, ...protectedErrors },
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
    200: importSummary,
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

const rangeParams = z.object({ range: periodRangeId });

export const publishRangeSchema = {
  tags: ['periods'],
  summary: 'Công bố một công văn cho nhiều tháng: mỗi tháng được công bố với cùng số và ngày',
  params: rangeParams,
  body: rangePublishInput.optional(),
  response: {
    200: z.array(period),
    ...protectedErrors,
    409: errorResponse.describe('units_not_reported; period_locked; conflict (một tháng đã công bố thì không tháng nào được công bố)'),
  },
};

export const rangeNoticeSchema = {
  tags: ['periods'],
  summary: 'Tải công văn nhiều tháng (docx, pdf, xlsx)',
  params: z.object({ range: periodRangeId, format: z.enum(['docx', 'pdf', 'xlsx']) }),
  produces: ['application/octet-stream'],
  response: { ...protectedErrors },
};

export const newsSchema = {
  tags: ['periods'],
  summary: 'Tin bài của tháng cho Cổng Thông tin điện tử tỉnh (như lệnh report --format news)',
  params: periodParams,
  response: { 200: newsArticle, ...protectedErrors },
};

export const newsDocxSchema = {
  tags: ['periods'],
  summary: 'Tin bài đã sửa trên trang, tải về dạng Word',
  params: periodParams,
  body: newsDocxInput,
  produces: ['application/octet-stream'],
  response: { ...protectedErrors },
};
