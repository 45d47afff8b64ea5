/**
 * Authentication for /api: the session cookie is resolved once per request, unauthenticated calls
 * get 401, and state-changing calls must echo the CSRF token (double submit) or get 403.
 *
 * Each app instance keeps the sessions it read for a short while. Only routes marked
 * `confirmsSession` use that memory, and their use case confirms the session in its own first query
 * (the ranking's report fingerprint, a save's first read), so a logout or a password change on any
 * instance is refused at once by every other, without a round trip of its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/connection.js';
import { authenticate, needsRenewal, sessionIdOf, type SessionActor, type SessionUser } from '../services/auth.js';
import { errors, isAppError } from '../errors.js';

export const SESSION_COOKIE = 'ps_session';
export const CSRF_COOKIE = 'ps_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, set for every non-public /api route. */
    actor: (SessionUser & SessionActor) | null;
    /** Reads the session from the database again (see withConfirmedSession). */
    rereadSession: (() => Promise<SessionUser>) | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (login, OpenAPI). */
    public?: boolean;
    /** The route's use case confirms a remembered session in its first query (confirmSession). */
    confirmsSession?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How long an instance trusts its memory of a session before reading it again in full. */
export const SESSION_CACHE_TTL_MS = 30_000;
const SESSION_CACHE_MAX = 10_000;

/** Sessions read by this app instance, by session id, with when they were read. */
class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; readAt: number }>();

  get(id: string, now: Date): SessionUser | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (now.getTime() - entry.readAt > SESSION_CACHE_TTL_MS || now.getTime() >= entry.user.expiresAt || needsRenewal(entry.user.expiresAt, now)) {
      this.entries.delete(id);
      return null;
    }
    return entry.user;
  }

  set(user: SessionUser, now: Date): void {
    this.entries.delete(user.sessionId);
    if (this.entries.size >= SESSION_CACHE_MAX) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(user.sessionId, { user, readAt: now.getTime() });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}

export function registerAuthentication(app: FastifyInstance, handle: DatabaseHandle): void {
  const cache = new SessionCache();
  const read = async (token: string): Promise<SessionUser> => {
    const now = new Date();
    const actor = await authenticate(handle.db, token, now);
    if (!actor) {
      cache.delete(sessionIdOf(token));
      throw errors.unauthenticated();
    }
    cache.set(actor, now);
    return actor;
  };
  const checkCsrf = (request: FastifyRequest, actor: SessionUser) => {
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== actor.csrfToken) {
      throw errors.forbidden('Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang.');
    }
  };
  app.decorateRequest('actor', null);
  app.decorateRequest('rereadSession', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // Only API routes are guarded: the front end's files are public, and unknown /api paths (no
    // route, or the static files' catch-all) answer 404 whether one is signed in or not.
    if (!request.routeOptions.url?.startsWith('/api/') || request.routeOptions.config.public) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) throw errors.unauthenticated();
    const now = new Date();
    const remembered = request.routeOptions.config.confirmsSession ? cache.get(sessionIdOf(token), now) : null;
    const actor = remembered
      ? { ...remembered, unconfirmedSession: { id: remembered.sessionId, userVersion: remembered.userVersion, now: now.toISOString() } }
      : await read(token);
    checkCsrf(request, actor);
    request.actor = actor;
    request.rereadSession = async () => {
      const fresh = await read(token);
      checkCsrf(request, fresh);
      request.actor = fresh;
      return fresh;
    };
  });
}

/**
 * Runs a `confirmsSession` route's use case; when it finds the remembered session ended or its user
 * edited, reads the session again (401 if it is gone) and runs the use case once more with it.
 */
export async function withConfirmedSession<T>(request: FastifyRequest, run: (actor: SessionUser & SessionActor) => Promise<T>): Promise<T> {
  try {
    return await run(actorOf(request));
  } catch (error) {
    if (!isAppError(error) || error.code !== 'session_changed' || !request.rereadSession) throw error;
    return run(await request.rereadSession());
  }
}

/** The signed-in user of a protected route (the hook guarantees one). */
export function actorOf(request: FastifyRequest): SessionUser & SessionActor {
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
