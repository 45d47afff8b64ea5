import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { currentUser, login, loginWithLimits, logout } from '../../services/auth.js';
import { actorOf, clearSessionCookies, type CookieSettings, setSessionCookies } from '../auth.js';
import type { RouteContext } from '../context.js';
import { presentSessionUser } from '../presenters.js';
import { loginSchema, logoutSchema, meSchema } from './auth.schema.js';

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { handle, cookies, loginLimits }) => {
  const cookieSettings: CookieSettings = cookies;
  app.post(
    '/api/auth/login',
    {
      schema: loginSchema,
      config: { public: true },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // request.ip honours only the configured number of trusted proxy hops.
      const attempt = loginLimits
        ? loginWithLimits(handle.db, { username, password, address: request.ip }, loginLimits)
        : login(handle.db, username, password);
      const result = await attempt.catch((error: unknown) => {
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
