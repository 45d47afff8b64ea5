import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { nameKey } from '../../domain/text.js';
import { currentUser, login, logout } from '../../services/auth.js';
import { actorOf, clearSessionCookies, type CookieSettings, setSessionCookies } from '../auth.js';
import type { RouteContext } from '../context.js';
import { presentSessionUser } from '../presenters.js';
import { loginSchema, logoutSchema, meSchema } from './auth.schema.js';

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle, cookies, loginLimit }) => {
  const cookieSettings: CookieSettings = cookies;
  app.post(
    '/api/auth/login',
    {
      schema: loginSchema,
      config: {
        public: true,
        // Counted per address and username after the body is read: a whole office behind one
        // address does not lock itself out at 8 a.m., and one account cannot be hammered.
        ...(loginLimit
          ? { rateLimit: { ...loginLimit, hook: 'preHandler' as const, keyGenerator: (req: FastifyRequest) => `${req.ip}|${loginKey(req.body)}` } }
          : {}),
      },
    },
    async (request, reply) => {
      const result = await login(handle.db, request.body.username, request.body.password).catch((error: unknown) => {
        request.log.warn({ username: request.body.username }, 'login refused');
        throw error;
      });
      setSessionCookies(reply, result, cookieSettings);
      request.log.info({ userId: result.user.id }, 'login');
      return { user: presentSessionUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: logoutSchema }, async (request, reply) => {
    await logout(handle.db, actorOf(request).sessionId);
    clearSessionCookies(reply, cookieSettings);
    return { ok: true as const };
  });

  app.get('/api/auth/me', { schema: meSchema }, async (request) => {
    const actor = actorOf(request);
    return { user: presentSessionUser(await currentUser(handle.db, actor)), csrfToken: actor.csrfToken };
  });
};

function loginKey(body: unknown): string {
  const username = (body as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? nameKey(username) : '';
}
