import { z } from 'zod';
import { deductionsInput, selfAssessment, selfAssessmentInput } from '../../contract/evaluations.js';
import { periodParams, periodUnitParams, protectedErrors } from './common.schema.js';

export const getSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Tự đánh giá của một đơn vị trong kỳ',
  params: periodUnitParams,
  response: { 200: selfAssessment, ...protectedErrors },
};

export const saveSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Lưu tự đánh giá (409 stale_version nếu version đã cũ)',
  params: periodUnitParams,
  body: selfAssessmentInput,
  response: { 200: selfAssessment, ...protectedErrors },
};

export const submitSelfAssessmentSchema = {
  tags: ['self-assessment'],
  summary: 'Nộp tự đánh giá trước hạn',
  params: periodUnitParams,
  body: z.object({ version: z.number().int().min(1).optional() }).optional(),
  response: { 200: selfAssessment, ...protectedErrors },
};

export const listEvaluationsSchema = {
  tags: ['review'],
  summary: 'Mọi tự đánh giá của kỳ kèm minh chứng và điểm trừ (Ban biên tập; mọi người sau khi công bố)',
  params: periodParams,
  response: { 200: z.array(selfAssessment), ...protectedErrors },
};

export const setDeductionsSchema = {
  tags: ['review'],
  summary: 'Đặt các khoản trừ điểm của đơn vị (rà soát)',
  params: periodUnitParams,
  body: deductionsInput,
  response: { 200: selfAssessment, ...protectedErrors },
};
