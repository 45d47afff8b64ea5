import { acceptAllInput, acceptAllResult, findingInput, periodReview, reviewChangeInput, reviewUnit, withdrawFindingInput } from '../../contract/review.js';
import { periodParams, periodUnitParams, protectedErrors } from './common.schema.js';

export const periodReviewSchema = {
  tags: ['review'],
  summary: 'Kết quả tính theo quy tắc của mọi đơn vị trong kỳ: tình trạng báo cáo, từng khoản trừ với nguồn và lý do, điểm',
  params: periodParams,
  response: { 200: periodReview, ...protectedErrors },
};

export const changeReviewSchema = {
  tags: ['review'],
  summary: 'Đổi trạng thái chuyên mục (hoặc số chuyên mục) hay một khoản trừ theo minh chứng, có lý do (409 stale_version nếu version cũ)',
  params: periodUnitParams,
  body: reviewChangeInput,
  response: { 200: reviewUnit, ...protectedErrors },
};

export const findingSchema = {
  tags: ['review'],
  summary: 'Ghi nhận kết quả của Ban Biên tập cho đơn vị không gửi tự đánh giá',
  params: periodUnitParams,
  body: findingInput,
  response: { 200: reviewUnit, ...protectedErrors },
};

export const withdrawFindingSchema = {
  tags: ['review'],
  summary: 'Rút kết luận của Ban Biên tập: đơn vị trở lại "không gửi tự đánh giá" (có lý do; 409 nếu chưa có kết luận hoặc version cũ)',
  params: periodUnitParams,
  body: withdrawFindingInput,
  response: { 200: reviewUnit, ...protectedErrors },
};

export const acceptAllSchema = {
  tags: ['review'],
  summary: 'Chấp nhận mọi đề xuất trừ điểm trong một lần, trừ các đơn vị ngoại lệ',
  params: periodParams,
  body: acceptAllInput,
  response: { 200: acceptAllResult, ...protectedErrors },
};
