/**
 * The demonstration data shipped in demo/: Bắc Ninh's settings and the seed month 02/2024,
 * loaded once into an empty database as a published period.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Db, inTransaction } from '../db/connection.js';
import * as demoProvinces from '../db/repositories/demo-provinces.js';
import type { ProvinceSettings } from '../domain/province.js';
import { errors } from '../errors.js';
import { importPeriodFile } from './import.js';
import { cliActor } from './audit.js';
import { getPeriod } from './periods.js';
import { publish } from './publishing.js';
import { createProvince, getProvince, listProvinces, type Province } from './provinces.js';

interface DemoManifest {
  id: string;
  name: string;
  settings: ProvinceSettings;
  periods: { id: string; file: string; noticeNumber: string; noticeDate: string }[];
}

export const DEMO_DIR = new URL('../../demo/', import.meta.url).pathname;

/**
 * Refuses a database holding any province the demonstration did not create itself: the demo's
 * months would be published into it and its known-password accounts would log in to it.
 */
export async function assertDemoDatabase(db: Db): Promise<void> {
  const demo = new Set(await demoProvinces.list(db));
  const real = (await listProvinces(db)).filter((p) => !demo.has(p.id));
  if (real.length > 0) {
    throw errors.conflict(
      `Cơ sở dữ liệu này đã có dữ liệu thật (${real.map((p) => `tỉnh ${p.name}`).join(', ')}): bản thử không nạp dữ liệu mẫu ` +
        'và không tạo tài khoản thử trong đó. Hãy chạy bản thử với cơ sở dữ liệu riêng (mặc định ./data/demo.sqlite), ' +
        'hoặc chạy "serve" không có --demo.',
    );
  }
}

/** Loads the demo province and its months when they are not there yet; returns the province. */
export async function loadDemo(db: Db, dir: string = DEMO_DIR): Promise<{ province: Province; loaded: string[] }> {
  const manifest = JSON.parse(await readFile(join(dir, 'province.json'), 'utf8')) as DemoManifest;
  await assertDemoDatabase(db);
  const exists = (await listProvinces(db)).some((p) => p.id === manifest.id);
  if (!exists) {
    await inTransaction(db, async (trx) => {
      await createProvince(trx, { id: manifest.id, name: manifest.name, settings: manifest.settings });
      await demoProvinces.mark(trx, manifest.id);
    });
  }
  const loaded: string[] = [];
  for (const period of manifest.periods) {
    const present = await getPeriod(db, manifest.id, period.id).catch(() => null);
    if (present) continue;
    const content = await readFile(join(dir, period.file));
    await importPeriodFile(db, cliActor(manifest.id), { periodId: period.id, content, fileName: period.file });
    await publish(db, cliActor(manifest.id), period.id, { number: period.noticeNumber, date: period.noticeDate });
    loaded.push(period.id);
  }
  return { province: await getProvince(db, manifest.id), loaded };
}
