import { z } from 'zod';
import { APPEAL_STATUSES } from '../../domain/appeals.js';
import { appeal, appealDeadline, appealDecisionInput, appealInput } from '../../contract/appeals.js';
import { id, periodId, periodParams, protectedErrors } from './common.schema.js';

export const listAppealsSchema = {
  tags: ['appeals'],
  summary: 'Khiếu nại (Ban biên tập: mọi đơn vị; biên tập viên: đơn vị mình)',
  querystring: z.object({ period: periodId.optional(), status: z.enum(APPEAL_STATUSES).optional() }),
  response: { 200: z.array(appeal), ...protectedErrors },
};

export const appealDeadlineSchema = {
  tags: ['appeals'],
  summary: 'Hạn khiếu nại kết quả của kỳ đã công bố (null: quy tắc không nhận khiếu nại)',
  params: periodParams,
  response: { 200: appealDeadline, ...protectedErrors },
};

export const submitAppealSchema = {
  tags: ['appeals'],
  summary: 'Nộp khiếu nại một khoản trừ điểm của kỳ đã công bố, trong thời hạn',
  body: appealInput,
  response: { 201: appeal, ...protectedErrors },
};

export const decideAppealSchema = {
  tags: ['appeals'],
  summary: 'Chấp nhận (đính chính kỳ, bản mới) hoặc không chấp nhận khiếu nại, kèm lý do',
  params: z.object({ appealId: id }),
  body: appealDecisionInput,
  response: { 200: appeal, ...protectedErrors },
};
