/**
 * Sign-in and sessions. Sessions live in the database so that any app instance behind a load
 * balancer can serve any request; the cookie carries a random token and the table only its hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import * as rateLimitsRepo from '../db/repositories/rate-limits.js';
import * as sessionsRepo from '../db/repositories/sessions.js';
import * as usersRepo from '../db/repositories/users.js';
import type { UserRow } from '../db/schema.js';
import { nameKey } from '../domain/text.js';
import { errors } from '../errors.js';
import type { Actor } from './audit.js';
import { hashPassword, presentUser, type User, verifyPassword } from './users.js';

/** Sessions last this long without use; each use within the second half renews them. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

// Compared against when the username is unknown, so that timing does not reveal which names exist.
const dummyHash = hashPassword('không có người dùng này');

export interface SessionUser extends Actor {
  userId: string;
  displayName: string;
  sessionId: string;
  csrfToken: string;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: User;
  expiresAt: Date;
}

export async function login(db: Db, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const row = await usersRepo.getByUsernameKey(db, nameKey(username));
  const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash));
  if (!row || !ok || row.active !== 1) {
    throw errors.unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await sessionsRepo.removeExpired(db, now.toISOString());
  await sessionsRepo.create(db, {
    id: hashToken(token),
    user_id: row.id,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { token, csrfToken, user: await presentUser(db, row), expiresAt };
}

function sessionUser(row: UserRow, sessionId: string, csrfToken: string): SessionUser {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    provinceId: row.province_id,
    role: row.role as SessionUser['role'],
    unitId: row.unit_id,
    sessionId,
    csrfToken,
  };
}

/** The user behind a session token, or null when the session is unknown, expired or disabled. */
export async function authenticate(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  const id = hashToken(token);
  const found = await sessionsRepo.getWithUser(db, id);
  if (!found) return null;
  const { session, user } = found;
  const expiresAt = Date.parse(session.expires_at);
  if (expiresAt <= now.getTime() || user.active !== 1) {
    await sessionsRepo.remove(db, id);
    return null;
  }
  // Renew only past half-life: one write every few hours rather than one per request.
  if (expiresAt - now.getTime() < SESSION_TTL_MS / 2) {
    await sessionsRepo.extend(db, id, new Date(now.getTime() + SESSION_TTL_MS).toISOString());
  }
  return sessionUser(user, id, session.csrf_token);
}

export async function logout(db: Db, sessionId: string): Promise<void> {
  await sessionsRepo.remove(db, sessionId);
}

export async function currentUser(db: Db, actor: SessionUser): Promise<User> {
  const row = await usersRepo.get(db, actor.provinceId, actor.userId);
  if (!row) throw errors.unauthenticated();
  return presentUser(db, row);
}

/**
 * Counts an attempt under a key in a fixed window that starts with the first attempt; kept in the
 * database so every app instance counts the same attempts.
 */
export async function countAttempt(db: Db, key: string, windowMs: number, now = new Date()): Promise<{ count: number; ttlMs: number }> {
  const { count, resetAt } = await db.transaction().execute(async (trx) => {
    await rateLimitsRepo.removeExpired(trx, now);
    return rateLimitsRepo.hit(trx, key, now, windowMs);
  });
  return { count, ttlMs: Math.max(0, Date.parse(resetAt) - now.getTime()) };
}
