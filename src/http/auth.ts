/**
 * Authentication for /api: the session cookie is resolved once per request, unauthenticated calls
 * get 401, and state-changing calls must echo the CSRF token (double submit) or get 403.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/connection.js';
import { authenticate, type SessionUser } from '../services/auth.js';
import { errors } from '../errors.js';

export const SESSION_COOKIE = 'ps_session';
export const CSRF_COOKIE = 'ps_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set for every non-public /api route. */
    actor: SessionUser | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (login, OpenAPI). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthentication(app: FastifyInstance, handle: DatabaseHandle): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Only API routes are guarded: the front end's files are public, and unknown /api paths (no
    // route, or the static files' catch-all) answer 404 whether one is signed in or not.
    if (!request.routeOptions.url?.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const actor = token ? await authenticate(handle.db, token) : null;
    if (!actor) throw errors.unauthenticated();
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) {
      throw errors.forbidden('Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang.');
    }
    request.actor = actor;
  });
}

/** The signed-in user of a protected route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): SessionUser {
  if (!request.actor) throw errors.unauthenticated();
  return request.actor;
}

export interface CookieSettings {
  secure: boolean;
}

export function setSessionCookies(
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: Date },
  settings: CookieSettings,
): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: settings.secure, expires: session.expiresAt };
  void reply.setCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  // Readable by the page's script, which echoes it in the x-csrf-token header.
  void reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, settings: CookieSettings): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'lax', secure: settings.secure, httpOnly: true });
  void reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure: settings.secure });
}
