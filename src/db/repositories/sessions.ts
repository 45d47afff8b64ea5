import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type { SessionRow, UserRow } from '../schema.js';

export async function create(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session and its user in one query: it runs on every authenticated request. */
export async function getWithUser(
  db: Db,
  id: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as s_id',
      's.user_id as s_user_id',
      's.csrf_token as s_csrf_token',
      's.created_at as s_created_at',
      's.expires_at as s_expires_at',
      'u.id',
      'u.province_id',
      'u.username',
      'u.username_key',
      'u.display_name',
      'u.password_hash',
      'u.role',
      'u.unit_id',
      'u.active',
      'u.email',
      'u.created_at',
      'u.updated_at',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { s_id, s_user_id, s_csrf_token, s_created_at, s_expires_at, ...user } = row;
  return {
    session: { id: s_id, user_id: s_user_id, csrf_token: s_csrf_token, created_at: s_created_at, expires_at: s_expires_at },
    user,
  };
}

export async function extend(db: Db, id: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function remove(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function removeForUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function removeExpired(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

/**
 * A column any query can select to confirm, in its own round trip, that a session an app instance
 * holds in memory is still good: 1 while the session is unexpired and its user active and unchanged
 * since `userVersion` (the user's updated_at), null once it was ended anywhere (logout, a password
 * or role change, deactivation) or the user was edited.
 */
export function sessionStillValid(id: string, userVersion: string, now: string) {
  return sql<number | null>`(select 1 from sessions s inner join users u on u.id = s.user_id
    where s.id = ${id} and s.expires_at > ${now} and u.active = 1 and u.updated_at = ${userVersion})`;
}
