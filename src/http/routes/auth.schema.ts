import { z } from 'zod';
import { ROLES } from '../../domain/access.js';
import { errorResponse } from './common.schema.js';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  provinceId: z.string(),
  provinceName: z.string(),
});

export const session = z.object({ user, csrfToken: z.string() });

export const loginSchema = {
  tags: ['auth'],
  summary: 'Đăng nhập (đặt cookie phiên ps_session và ps_csrf)',
  body: loginBody,
  response: { 200: session, 400: errorResponse, 401: errorResponse, 429: errorResponse },
};

export const logoutSchema = {
  tags: ['auth'],
  summary: 'Đăng xuất',
  response: { 200: z.object({ ok: z.literal(true) }), 401: errorResponse, 403: errorResponse },
};

export const meSchema = {
  tags: ['auth'],
  summary: 'Người dùng đang đăng nhập',
  response: { 200: session, 401: errorResponse },
};
