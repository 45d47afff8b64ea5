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
  /** The user row's updated_at when the session was read: any edit of the user changes it. */
  userVersion: string;
  /** When the session ends unless renewed (ms since the epoch). */
  expiresAt: number;
}

/**
 * A session an app instance took from its memory instead of the database: the use case confirms it
 * in its own first query (sessionsRepo.sessionStillValid), so a logout, a password or role change
 * or a deactivation on any instance is seen at once, at no extra round trip.
 */
export interface UnconfirmedSession {
  id: string;
  userVersion: string;
  /** The request's time, ISO: the session must not have expired by then. */
  now: string;
}

/** An actor whose session may still need confirming by the use case's first query. */
export type SessionActor = Actor & { unconfirmedSession?: UnconfirmedSession };

/**
 * Throws session_changed (a 401 if it escapes; the HTTP layer reads the session again and retries)
 * when the actor's session came from memory and the first query found it ended or its user edited.
 * `valid` is that query's sessionStillValid column; undefined when the query found no row to carry it.
 */
export function confirmSession(actor: SessionActor, valid: number | null | undefined): void {
  if (actor.unconfirmedSession && Number(valid) !== 1) throw errors.sessionChanged();
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: User;
  expiresAt: Date;
}

export async function login(db: Db, username: string, password: string, now = new Date()): Promise<LoginResult> {
  // A username is unique within a province only: every province's account of that name is tried,
  // each one's password checked (one dummy check when there is none), so the time taken does not
  // say which matched.
  const candidates = await usersRepo.listByUsernameKey(db, nameKey(username));
  const matched: UserRow[] = [];
  if (candidates.length === 0) await verifyPassword(password, await dummyHash);
  for (const candidate of candidates) {
    if ((await verifyPassword(password, candidate.password_hash)) && candidate.active === 1) matched.push(candidate);
  }
  if (matched.length > 1) {
    throw errors.unauthenticated('Tên đăng nhập và mật khẩu này dùng cho tài khoản ở nhiều tỉnh; hãy nhờ quản trị viên đổi mật khẩu của một tài khoản.');
  }
  const row = matched[0];
  if (!row) throw errors.unauthenticated('Tên đăng nhập hoặc mật khẩu không đúng.');
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

function sessionUser(row: UserRow, sessionId: string, csrfToken: string, expiresAt: number): SessionUser {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    provinceId: row.province_id,
    role: row.role as SessionUser['role'],
    unitId: row.unit_id,
    sessionId,
    csrfToken,
    userVersion: row.updated_at,
    expiresAt,
  };
}

/** Renewed only past half-life: one write every few hours rather than one per request. */
export const needsRenewal = (expiresAt: number, now: Date): boolean => expiresAt - now.getTime() < SESSION_TTL_MS / 2;

/** The session id (what the table stores) of a cookie's token. */
export const sessionIdOf = (token: string): string => hashToken(token);

/** The user behind a session token, or null when the session is unknown, expired or disabled. */
export async function authenticate(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  const id = sessionIdOf(token);
  const found = await sessionsRepo.getWithUser(db, id);
  if (!found) return null;
  const { session, user } = found;
  const expiresAt = Date.parse(session.expires_at);
  if (expiresAt <= now.getTime() || user.active !== 1) {
    await sessionsRepo.remove(db, id);
    return null;
  }
  if (needsRenewal(expiresAt, now)) {
    const renewed = now.getTime() + SESSION_TTL_MS;
    await sessionsRepo.extend(db, id, new Date(renewed).toISOString());
    return sessionUser(user, id, session.csrf_token, renewed);
  }
  return sessionUser(user, id, session.csrf_token, expiresAt);
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
 * Limits on failed sign-ins, all counted in the database (every app instance sees them):
 * - per address and account: `perAddressAccount` failures in the window, then that pair waits for
 *   the window's end (one machine guessing one password);
 * - per address: `perAddress` failures in the window over all accounts (one machine trying many
 *   names; set well above the first so an office behind one address does not lock itself out);
 * - per account, from any address: after `accountFree` failures each further attempt waits, the
 *   wait doubling up to `accountMaxDelayMs`. A back-off, not a lock: guessing from many addresses
 *   is slowed to a few tries a minute, and the real user waits at most that long.
 */
export interface LoginLimits {
  windowMs: number;
  perAddressAccount: number;
  perAddress: number;
  accountFree: number;
  accountBaseDelayMs: number;
  accountMaxDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60 * 1000,
  perAddressAccount: 10,
  perAddress: 50,
  accountFree: 10,
  accountBaseDelayMs: 1000,
  accountMaxDelayMs: 60_000,
};

const limitKeys = (address: string, account: string) => ({
  pair: `login|pair|${address}|${account}`,
  address: `login|address|${address}`,
  account: `login|account|${account}`,
  accountWait: `login|account-wait|${account}`,
});

/**
 * Signs in under the limits: refused with 429 (and how long to wait) before the password is even
 * checked when a limit holds; a failure is counted against the address, the pair and the account;
 * a success clears the account's and the pair's counters.
 */
export async function loginWithLimits(
  db: Db,
  input: { username: string; password: string; address: string },
  limits: LoginLimits,
  now = new Date(),
): Promise<LoginResult> {
  const keys = limitKeys(input.address, nameKey(input.username));
  const [pair, address, wait] = await Promise.all([
    rateLimitsRepo.peek(db, keys.pair, now),
    rateLimitsRepo.peek(db, keys.address, now),
    rateLimitsRepo.peek(db, keys.accountWait, now),
  ]);
  const until = [
    pair && pair.count >= limits.perAddressAccount ? pair.resetAt : null,
    address && address.count >= limits.perAddress ? address.resetAt : null,
    wait ? wait.resetAt : null,
  ].filter((t): t is string => t !== null);
  if (until.length > 0) {
    const latest = Math.max(...until.map((t) => Date.parse(t)));
    throw errors.rateLimited(Math.max(1, Math.ceil((latest - now.getTime()) / 1000)));
  }
  try {
    const result = await login(db, input.username, input.password, now);
    await db.transaction().execute(async (trx) => {
      for (const key of [keys.pair, keys.account, keys.accountWait]) await rateLimitsRepo.reset(trx, key);
    });
    return result;
  } catch (error) {
    await db.transaction().execute(async (trx) => {
      await rateLimitsRepo.removeExpired(trx, now);
      await rateLimitsRepo.hit(trx, keys.pair, now, limits.windowMs);
      await rateLimitsRepo.hit(trx, keys.address, now, limits.windowMs);
      const { count } = await rateLimitsRepo.hit(trx, keys.account, now, limits.windowMs);
      if (count >= limits.accountFree) {
        const delay = Math.min(limits.accountMaxDelayMs, limits.accountBaseDelayMs * 2 ** Math.min(30, count - limits.accountFree));
        await rateLimitsRepo.holdUntil(trx, keys.accountWait, new Date(now.getTime() + delay).toISOString());
      }
    });
    throw error;
  }
}
