import { z } from 'zod';
import { loginBody, session } from '../../contract/users.js';
import { errorResponse } from './common.schema.js';

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
