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
  'created_at',
  'updated_at',
] as const;

export async function getByUsernameKey(db: Db, usernameKey: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(columns).where('username_key', '=', usernameKey).executeTakeFirst();
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
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export async function update(
  db: Db,
  id: string,
  changes: Partial<Pick<UserRow, 'display_name' | 'password_hash' | 'role' | 'unit_id' | 'active'>>,
): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}
