import type { Db } from '../connection.js';
import type { UserRow } from '../schema.js';
import { newId, nowIso } from '../ids.js';

const columns = [
  'id',
  'province_id',
  'username',
  'username_key',
  'display_name',
  'password_hash',
  'role',
  'unit_id',
  'active',
  'email',
  'created_at',
  'updated_at',
] as const;

/** A province's user by normalised username (unique within a province). */
export async function getByUsernameKey(db: Db, provinceId: string, usernameKey: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(columns).where('province_id', '=', provinceId).where('username_key', '=', usernameKey).executeTakeFirst();
}

/** Every province's user of that normalised username: sign-in names no province. */
export async function listByUsernameKey(db: Db, usernameKey: string): Promise<UserRow[]> {
  return db.selectFrom('users').select(columns).where('username_key', '=', usernameKey).orderBy('id').execute();
}

export async function get(db: Db, provinceId: string, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(columns).where('province_id', '=', provinceId).where('id', '=', id).executeTakeFirst();
}

export async function list(db: Db, provinceId: string): Promise<UserRow[]> {
  return db.selectFrom('users').select(columns).where('province_id', '=', provinceId).orderBy('username_key').execute();
}

export async function create(
  db: Db,
  user: {
    provinceId: string;
    username: string;
    usernameKey: string;
    displayName: string;
    passwordHash: string;
    role: string;
    unitId: string | null;
    email?: string | null;
  },
): Promise<UserRow> {
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    province_id: user.provinceId,
    username: user.username,
    username_key: user.usernameKey,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    role: user.role,
    unit_id: user.unitId,
    active: 1,
    email: user.email ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function update(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'password_hash' | 'role' | 'unit_id' | 'active' | 'email'>>,
): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Active users of the province who gave an e-mail address: the people messages can reach. */
export async function listReachable(db: Db, provinceId: string): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .select(columns)
    .where('province_id', '=', provinceId)
    .where('active', '=', 1)
    .where('email', 'is not', null)
    .orderBy('username_key')
    .execute();
}
