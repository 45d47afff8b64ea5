/**
 * Users of a province: the board's admins and reviewers, unit editors bound to one unit, and
 * viewers. Passwords are kept as scrypt hashes only.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../db/connection.js';
import * as sessionsRepo from '../db/repositories/sessions.js';
import * as unitsRepo from '../db/repositories/units.js';
import * as usersRepo from '../db/repositories/users.js';
import type { UserRow } from '../db/schema.js';
import type { ManagedUser } from '../contract/users.js';
import { isRole, type Role } from '../domain/access.js';
import { nameKey, normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';
import { assertAdmin as assertAdminOf } from './access.js';
import { type Actor, type CliUser, recordAudit } from './audit.js';
import { getProvince } from './provinces.js';
import { refuseRace } from './races.js';

/** A user as the administrator manages them, with whether they may sign in and where their e-mail goes. */
export type User = ManagedUser;

/** Managing users (reading the list, adding, changing) is the administrator's, on the web and on the command line alike. */
const assertAdmin = (actor: Actor) => assertAdminOf(actor, 'Chỉ quản trị viên được xem và sửa người dùng.');

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 64 };

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** "scrypt$N$r$p$salt$hash": the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

/** Longest address RFC 5321 allows on the wire. */
const EMAIL_MAX = 254;

/**
 * A user's e-mail address, NFC and trimmed, or null for none. Checked strictly enough that the
 * SMTP envelope cannot be abused (no spaces, no line breaks, one @, a dotted domain).
 */
export function cleanEmail(value: string | null | undefined): string | null {
  const email = normalizeText(value ?? '');
  if (!email) return null;
  if (email.length > EMAIL_MAX || !/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/u.test(email)) {
    throw errors.validation(`Địa chỉ thư điện tử "${email.slice(0, 80)}" không hợp lệ.`);
  }
  return email;
}

export function validatePassword(password: string): void {
  if (password.length < 8) throw errors.validation('Mật khẩu cần ít nhất 8 ký tự.');
}

export async function presentUser(db: Db, row: UserRow): Promise<User> {
  const [province, unit] = await Promise.all([
    getProvince(db, row.province_id),
    row.unit_id ? unitsRepo.get(db, row.province_id, row.unit_id) : Promise.resolve(undefined),
  ]);
  return present(row, province.name, unit?.name ?? null);
}

function present(row: UserRow, provinceName: string, unitName: string | null): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitId: row.unit_id,
    unitName,
    provinceId: row.province_id,
    provinceName,
    active: row.active === 1,
    email: row.email,
  };
}

/** The audit view of a user: never the hash. */
function auditView(row: UserRow) {
  return { username: row.username, displayName: row.display_name, role: row.role, unitId: row.unit_id, active: row.active === 1, email: row.email };
}

async function checkRoleAndUnit(db: Db, provinceId: string, role: string, unitId: string | null): Promise<Role> {
  if (!isRole(role)) throw errors.validation(`Vai trò "${role}" không hợp lệ.`);
  if (role === 'unit-editor') {
    if (!unitId) throw errors.validation('Biên tập viên đơn vị phải gắn với một đơn vị.');
    if (!(await unitsRepo.get(db, provinceId, unitId))) throw errors.notFound('đơn vị');
  } else if (unitId) {
    throw errors.validation('Chỉ biên tập viên đơn vị mới gắn với một đơn vị.');
  }
  return role;
}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  displayName?: string;
  unitId?: string | null;
  /** Empty or absent: no e-mail. */
  email?: string | null;
}

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<User> {
  assertAdmin(actor);
  const username = normalizeText(input.username);
  if (!/^[\p{L}\p{N}._-]{2,64}$/u.test(username)) {
    throw errors.validation('Tên đăng nhập gồm 2–64 chữ, số, dấu chấm, gạch ngang hoặc gạch dưới.');
  }
  validatePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const row = await refuseRace(
    () =>
      db.transaction().execute(async (trx) => {
        const unitId = input.unitId ?? null;
        const role = await checkRoleAndUnit(trx, actor.provinceId, input.role, unitId);
        if (await usersRepo.getByUsernameKey(trx, actor.provinceId, nameKey(username))) throw errors.conflict(`Tên đăng nhập "${username}" đã có.`);
        const created = await usersRepo.create(trx, {
          provinceId: actor.provinceId,
          username,
          usernameKey: nameKey(username),
          displayName: normalizeText(input.displayName ?? '') || username,
          passwordHash,
          role,
          unitId,
          email: cleanEmail(input.email),
        });
        await recordAudit(trx, actor, { entity: 'user', entityId: created.id, action: 'create', after: auditView(created) });
        return created;
      }),
    `Tên đăng nhập "${username}" đã có.`,
  );
  return presentUser(db, row);
}

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  assertAdmin(actor);
  const { provinceId } = actor;
  const [rows, province, units] = await Promise.all([usersRepo.list(db, provinceId), getProvince(db, provinceId), unitsRepo.list(db, provinceId)]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((r) => present(r, province.name, r.unit_id ? (unitName.get(r.unit_id) ?? null) : null));
}

export async function getUser(db: Db, provinceId: string, id: string): Promise<User> {
  const row = await usersRepo.get(db, provinceId, id);
  if (!row) throw errors.notFound('người dùng');
  return presentUser(db, row);
}

export interface UserChanges {
  displayName?: string;
  role?: string;
  unitId?: string | null;
  password?: string;
  active?: boolean;
  /** Empty or null removes the address. */
  email?: string | null;
}

/** Changes a user; a new password, a new role or deactivation ends the user's sessions. */
export async function updateUser(db: Db, actor: Actor, id: string, changes: UserChanges): Promise<User> {
  assertAdmin(actor);
  if (changes.password !== undefined) validatePassword(changes.password);
  const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;
  const row = await db.transaction().execute(async (trx) => {
    const before = await usersRepo.get(trx, actor.provinceId, id);
    if (!before) throw errors.notFound('người dùng');
    const role = changes.role ?? before.role;
    const unitId = changes.unitId !== undefined ? changes.unitId : role === 'unit-editor' ? before.unit_id : null;
    await checkRoleAndUnit(trx, actor.provinceId, role, unitId);
    if (id === actor.userId && (role !== before.role || changes.active === false)) {
      throw errors.conflict('Không thể tự đổi vai trò hay khóa tài khoản của chính mình.');
    }
    await usersRepo.update(trx, id, {
      ...(changes.displayName !== undefined ? { display_name: normalizeText(changes.displayName) || before.username } : {}),
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      ...(changes.active !== undefined ? { active: changes.active ? 1 : 0 } : {}),
      ...(changes.email !== undefined ? { email: cleanEmail(changes.email) } : {}),
      role,
      unit_id: unitId,
    });
    const after = (await usersRepo.get(trx, actor.provinceId, id))!;
    if (passwordHash !== undefined || role !== before.role || after.active === 0 || unitId !== before.unit_id) {
      await sessionsRepo.removeForUser(trx, id);
    }
    await recordAudit(trx, actor, {
      entity: 'user',
      entityId: id,
      action: passwordHash !== undefined ? 'update+password' : 'update',
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
  return presentUser(db, row);
}

/** Finds a unit of the province by its name (for the CLI's --unit NAME). */
export async function findUnitIdByName(db: Db, provinceId: string, name: string): Promise<string> {
  const key = nameKey(name);
  const units = await unitsRepo.list(db, provinceId);
  const unit = units.find((u) => u.name_key === key);
  if (!unit) throw errors.notFound(`đơn vị "${normalizeText(name)}"`);
  return unit.id;
}

/** The user `--as USER` names: an active user of this province, or a refusal that says which. */
export async function findActingUser(db: Db, provinceId: string, username: string): Promise<CliUser> {
  const row = await usersRepo.getByUsernameKey(db, provinceId, nameKey(username));
  if (!row) throw errors.notFound(`người dùng "${normalizeText(username)}" trong tỉnh này`);
  if (!row.active) throw errors.forbidden(`Người dùng "${row.username}" đã bị khóa.`);
  if (!isRole(row.role)) throw errors.validation(`Vai trò không hợp lệ của người dùng "${row.username}".`);
  return { id: row.id, username: row.username, role: row.role, unitId: row.unit_id };
}
