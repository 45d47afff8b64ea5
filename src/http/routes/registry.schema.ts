import { z } from 'zod';
import { errorResponse, id, isoDate, protectedErrors, requiredText } from './common.schema.js';

export const unit = z.object({
  id: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  position: z.number().int(),
  portalUrl: z.string().nullable(),
  retiredOn: z.string().nullable(),
  mergedInto: z.string().nullable(),
});

export const group = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  requiredCount: z.number().int(),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
});

const unitParams = z.object({ unitId: id });
const groupParams = z.object({ groupId: id });
const portalUrl = z.string().trim().url('Địa chỉ cổng không hợp lệ.').max(500).nullable();

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
    200: z.array(
      z.object({
        period: z.string(),
        status: z.string(),
        score: z.number(),
        selfScore: z.number().nullable(),
        articles: z.number().int(),
        full: z.number().int(),
        partial: z.number().int(),
        none: z.number().int(),
        rank: z.number().int().nullable(),
      }),
    ),
    ...protectedErrors,
  },
};

export const createUnitSchema = {
  tags: ['registry'],
  summary: 'Thêm đơn vị vào cuối danh mục (quản trị)',
  body: z.object({ name: requiredText(300), groupId: id, portalUrl: portalUrl.optional() }),
  response: { 201: unit, ...protectedErrors },
};

export const updateUnitSchema = {
  tags: ['registry'],
  summary: 'Đổi tên (có ngày hiệu lực), thôi hoạt động, sáp nhập, đổi thứ tự hay nhóm (quản trị)',
  params: unitParams,
  body: z.object({
    rename: z.object({ name: requiredText(300), effectiveOn: isoDate }).optional(),
    retire: z.object({ effectiveOn: isoDate }).optional(),
    merge: z.object({ intoUnitId: id, effectiveOn: isoDate }).optional(),
    position: z.number().int().min(1).optional(),
    groupId: id.optional(),
    portalUrl: portalUrl.optional(),
  }),
  response: { 200: unit, ...protectedErrors },
};

export const listGroupsSchema = {
  tags: ['registry'],
  summary: 'Các nhóm đơn vị và chuyên mục phải cập nhật',
  response: { 200: z.array(group), 401: errorResponse },
};

const categoryNames = z.array(requiredText(500)).max(200);

export const createGroupSchema = {
  tags: ['registry'],
  summary: 'Thêm nhóm (quản trị)',
  body: z.object({ name: requiredText(300), requiredCount: z.number().int().min(1).max(200).optional(), categories: categoryNames.optional() }),
  response: { 201: group, ...protectedErrors },
};

export const updateGroupSchema = {
  tags: ['registry'],
  summary: 'Sửa nhóm: tên, thứ tự, danh sách chuyên mục hoặc số chuyên mục (quản trị)',
  params: groupParams,
  body: z.object({
    name: requiredText(300).optional(),
    position: z.number().int().min(1).optional(),
    categories: categoryNames.optional(),
    requiredCount: z.number().int().min(1).max(200).optional(),
  }),
  response: { 200: group, ...protectedErrors },
};
