import { z } from 'zod';
import { ROLES } from '../../domain/access.js';
import { errorResponse, id, protectedErrors, text } from './common.schema.js';

const lines = z.array(text(500)).max(100);

/** Settings as sent by the admin: every text normalised on the way in. */
export const settingsInput = z.object({
  parentBody: text(300),
  issuingBody: text(300),
  place: text(100),
  noticeSymbol: text(50),
  portalShortName: text(100),
  recipients: lines,
  distribution: lines,
  signer: z.object({ positionLines: lines, titleLines: lines, name: text(200) }),
  legalBasis: lines,
  cutOffDay: z.number().int().min(1).max(31),
});

// Responses carry no transforms: the serializer encodes with the schema, and a transform has no way back.
const textLines = z.array(z.string());
export const settings = z.object({
  parentBody: z.string(),
  issuingBody: z.string(),
  place: z.string(),
  noticeSymbol: z.string(),
  portalShortName: z.string(),
  recipients: textLines,
  distribution: textLines,
  signer: z.object({ positionLines: textLines, titleLines: textLines, name: z.string() }),
  legalBasis: textLines,
  cutOffDay: z.number().int(),
});

export const province = z.object({ id: z.string(), name: z.string(), settings });

export const getSettingsSchema = {
  tags: ['settings'],
  summary: 'Cấu hình của tỉnh (cơ quan ban hành, nơi nhận, người ký, ngày chốt kỳ)',
  response: { 200: province, 401: errorResponse },
};

export const putSettingsSchema = {
  tags: ['settings'],
  summary: 'Sửa cấu hình của tỉnh (quản trị)',
  body: z.object({ name: text(200).optional(), settings: settingsInput }),
  response: { 200: province, ...protectedErrors },
};

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  provinceId: z.string(),
  provinceName: z.string(),
  active: z.boolean(),
});

export const listUsersSchema = {
  tags: ['users'],
  summary: 'Người dùng của tỉnh (quản trị)',
  response: { 200: z.array(userView), ...protectedErrors },
};

export const createUserSchema = {
  tags: ['users'],
  summary: 'Thêm người dùng (quản trị)',
  body: z.object({
    username: z.string().min(2).max(64),
    password: z.string().min(8).max(200),
    role: z.enum(ROLES),
    displayName: text(200).optional(),
    unitId: id.nullable().optional(),
  }),
  response: { 201: userView, ...protectedErrors },
};

export const updateUserSchema = {
  tags: ['users'],
  summary: 'Sửa người dùng: tên, vai trò, đơn vị, mật khẩu, khóa (quản trị)',
  params: z.object({ userId: id }),
  body: z.object({
    displayName: text(200).optional(),
    role: z.enum(ROLES).optional(),
    unitId: id.nullable().optional(),
    password: z.string().min(8).max(200).optional(),
    active: z.boolean().optional(),
  }),
  response: { 200: userView, ...protectedErrors },
};

const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const auditSchema = {
  tags: ['audit'],
  summary: 'Nhật ký thay đổi: ai, lúc nào, trước và sau (quản trị)',
  querystring: z.object({
    entity: z.string().max(50).optional(),
    entityId: z.string().max(200).optional(),
    userId: z.string().max(100).optional(),
    from: z.string().max(40).optional().describe('từ thời điểm/ngày (ISO), gồm cả mốc'),
    to: z.string().max(40).optional().describe('đến thời điểm/ngày (ISO), gồm cả ngày đó'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  response: { 200: z.object({ total: z.number().int(), entries: z.array(auditEntry) }), ...protectedErrors },
};
