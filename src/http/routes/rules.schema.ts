import { z } from 'zod';
import { decidedDeductions, decisionsInput, periodProposals, ruleSet, ruleSetInput, ruleSets } from '../../contract/rules.js';
import { errorResponse, periodParams, periodUnitParams, protectedErrors } from './common.schema.js';

export const listRulesSchema = {
  tags: ['rules'],
  summary: 'Các bộ quy tắc chấm điểm (bộ mặc định đầu tiên), bộ đang áp dụng hôm nay',
  response: { 200: ruleSets, 401: errorResponse },
};

export const createRuleSetSchema = {
  tags: ['rules'],
  summary: 'Đặt bộ quy tắc mới có hiệu lực từ một ngày (quản trị); giá trị không nêu giữ như bộ trước',
  body: ruleSetInput,
  response: { 201: ruleSet, ...protectedErrors },
};

export const proposalsSchema = {
  tags: ['proposals'],
  summary: 'Đề xuất trừ điểm của kỳ theo quy tắc áp dụng (từ chuyên mục và PAKN quá hạn), cho Ban biên tập',
  params: periodParams,
  response: {
    200: periodProposals,
    ...protectedErrors,
  },
};

export const decideProposalsSchema = {
  tags: ['proposals'],
  summary: 'Chấp nhận, sửa hoặc bỏ từng đề xuất trừ điểm của một đơn vị; khoản trừ giữ liên kết tới đề xuất',
  params: periodUnitParams,
  body: decisionsInput,
  response: { 200: decidedDeductions, ...protectedErrors },
};
