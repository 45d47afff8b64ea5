/**
 * Demonstration accounts, one per role, created with known passwords when `npm start` runs in
 * demo mode so that anyone can try each role at once. Never used outside demo mode.
 */
import type { Db } from '../db/connection.js';
import * as unitsRepo from '../db/repositories/units.js';
import * as usersRepo from '../db/repositories/users.js';
import type { Role } from '../domain/access.js';
import { nameKey } from '../domain/text.js';
import { cliActor } from './audit.js';
import { assertDemoDatabase, loadDemo } from './demo.js';
import type { Province } from './provinces.js';
import { createUser } from './users.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  unitName: string | null;
}

const ACCOUNTS: { username: string; password: string; role: Role; displayName: string }[] = [
  { username: 'admin', password: 'demo-admin', role: 'admin', displayName: 'Quản trị hệ thống' },
  { username: 'reviewer', password: 'demo-reviewer', role: 'reviewer', displayName: 'Thư ký Ban biên tập' },
  { username: 'editor', password: 'demo-editor', role: 'unit-editor', displayName: 'Biên tập viên đơn vị' },
  { username: 'viewer', password: 'demo-viewer', role: 'viewer', displayName: 'Lãnh đạo tỉnh' },
];

/** Creates the missing demo accounts of a province; the unit editor edits the first unit of the registry. */
export async function ensureDemoUsers(db: Db, provinceId: string): Promise<DemoAccount[]> {
  await assertDemoDatabase(db);
  const [firstUnit] = await unitsRepo.list(db, provinceId);
  const accounts: DemoAccount[] = [];
  for (const account of ACCOUNTS) {
    const unit = account.role === 'unit-editor' ? (firstUnit ?? null) : null;
    if (account.role === 'unit-editor' && !unit) continue;
    const existing = await usersRepo.getByUsernameKey(db, provinceId, nameKey(account.username));
    if (!existing) {
      await createUser(db, cliActor(provinceId), { ...account, unitId: unit?.id ?? null });
    }
    accounts.push({ ...account, unitName: unit?.name ?? null });
  }
  return accounts;
}

/** `serve --demo`: the demo month and the demo accounts, only in a database the demo owns. */
export async function startDemo(db: Db): Promise<{ province: Province; loaded: string[]; accounts: DemoAccount[] }> {
  const { province, loaded } = await loadDemo(db);
  return { province, loaded, accounts: await ensureDemoUsers(db, province.id) };
}
