import { z } from 'zod';
import { auditPage, auditQuery } from '../../contract/audit.js';
import { mailLogPage, mailLogQuery } from '../../contract/mail.js';
import { province, provinceInput } from '../../contract/province.js';
import { managedUser, newUserInput, userChangeInput } from '../../contract/users.js';
import { errorResponse, id, protectedErrors } from './common.schema.js';

export const getSettingsSchema = {
  tags: ['settings'],
  summary: 'Cấu hình của tỉnh (cơ quan ban hành, nơi nhận, người ký, ngày chốt kỳ)',
  response: { 200: province, 401: errorResponse },
};

export const putSettingsSchema = {
  tags: ['settings'],
  summary: 'Sửa cấu hình của tỉnh (quản trị)',
  body: provinceInput,
  response: { 200: province, ...protectedErrors },
};

export const listUsersSchema = {
  tags: ['users'],
  summary: 'Người dùng của tỉnh (quản trị)',
  response: { 200: z.array(managedUser), ...protectedErrors },
};

export const createUserSchema = {
  tags: ['users'],
  summary: 'Thêm người dùng (quản trị)',
  body: newUserInput,
  response: { 201: managedUser, ...protectedErrors },
};

export const updateUserSchema = {
  tags: ['users'],
  summary: 'Sửa người dùng: tên, vai trò, đơn vị, mật khẩu, khóa (quản trị)',
  params: z.object({ userId: id }),
  body: userChangeInput,
  response: { 200: managedUser, ...protectedErrors },
};

export const auditSchema = {
  tags: ['audit'],
  summary: 'Nhật ký thay đổi: ai, lúc nào, trước và sau (quản trị)',
  querystring: auditQuery,
  response: { 200: auditPage, ...protectedErrors },
};

export const mailLogSchema = {
  tags: ['mail'],
  summary: 'Nhật ký thư điện tử: người nhận, tiêu đề, thời điểm, kết quả (quản trị)',
  querystring: mailLogQuery,
  response: { 200: mailLogPage, ...protectedErrors },
};
