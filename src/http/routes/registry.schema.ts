import { z } from 'zod';
import { group, groupChange, historyEntry, newGroupInput, newUnitInput, periodListOffer, unit, unitChange } from '../../contract/registry.js';
import { errorResponse, id, periodId, protectedErrors } from './common.schema.js';

const unitParams = z.object({ unitId: id });
const groupParams = z.object({ groupId: id });

export const listUnitsSchema = {
  tags: ['registry'],
  summary: 'Danh mục đơn vị theo thứ tự, kèm nhóm',
  querystring: z.object({ groupId: id.optional() }),
  response: { 200: z.array(unit), 401: errorResponse },
};

export const getUnitSchema = { tags: ['registry'], summary: 'Một đơn vị', params: unitParams, response: { 200: unit, ...protectedErrors } };

export const historySchema = {
  tags: ['registry'],
  summary: 'Kết quả của đơn vị qua các kỳ',
  params: unitParams,
  response: {
    200: z.array(historyEntry),
    ...protectedErrors,
  },
};

export const createUnitSchema = {
  tags: ['registry'],
  summary: 'Thêm đơn vị vào cuối danh mục (quản trị)',
  body: newUnitInput,
  response: { 201: unit, ...protectedErrors },
};

export const updateUnitSchema = {
  tags: ['registry'],
  summary: 'Đổi tên (có ngày hiệu lực), thôi hoạt động, sáp nhập, đổi thứ tự hay nhóm (quản trị)',
  params: unitParams,
  body: unitChange,
  response: { 200: unit, ...protectedErrors },
};

export const listGroupsSchema = {
  tags: ['registry'],
  summary: 'Các nhóm đơn vị và chuyên mục phải cập nhật',
  response: { 200: z.array(group), 401: errorResponse },
};

export const createGroupSchema = {
  tags: ['registry'],
  summary: 'Thêm nhóm (quản trị)',
  body: newGroupInput,
  response: { 201: group, ...protectedErrors },
};

export const updateGroupSchema = {
  tags: ['registry'],
  summary: 'Sửa nhóm: tên, thứ tự, danh sách chuyên mục hoặc số chuyên mục (quản trị)',
  params: groupParams,
  body: groupChange,
  response: { 200: group, ...protectedErrors },
};

export const periodListsSchema = {
  tags: ['registry'],
  summary: 'Các kỳ đang mở có danh sách chuyên mục của nhóm khác danh sách hiện tại, và có áp dụng được không',
  params: groupParams,
  response: { 200: z.array(periodListOffer), ...protectedErrors },
};

export const applyPeriodListSchema = {
  tags: ['registry'],
  summary: 'Áp dụng danh sách chuyên mục hiện tại của nhóm cho một kỳ đang mở (chỉ khi chưa đơn vị nào nhập phiếu; quản trị)',
  params: z.object({ groupId: id, period: periodId }),
  response: { 200: periodListOffer, ...protectedErrors, 409: errorResponse.describe('conflict: đã có đơn vị nhập phiếu, hoặc kỳ không còn mở') },
};
