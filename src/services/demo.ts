/**
 * The demonstration data shipped in demo/: Bắc Ninh's settings and the seed month 02/2024,
 * loaded once into an empty database as a published period.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/connection.js';
import type { ProvinceSettings } from '../domain/province.js';
import { importPeriodFile } from './import.js';
import { getPeriod, publishPeriod } from './periods.js';
import { createProvince, getProvince, listProvinces, type Province } from './provinces.js';

interface DemoManifest {
  id: string;
  name: string;
  settings: ProvinceSettings;
  periods: { id: string; file: string; noticeNumber: string; noticeDate: string }[];
}

export const DEMO_DIR = new URL('../../demo/', import.meta.url).pathname;

/** Loads the demo province and its months when they are not there yet; returns the province. */
export async function loadDemo(db: Db, dir: string = DEMO_DIR): Promise<{ province: Province; loaded: string[] }> {
  const manifest = JSON.parse(await readFile(join(dir, 'province.json'), 'utf8')) as DemoManifest;
  const exists = (await listProvinces(db)).some((p) => p.id === manifest.id);
  if (!exists) await createProvince(db, { id: manifest.id, name: manifest.name, settings: manifest.settings });
  const loaded: string[] = [];
  for (const period of manifest.periods) {
    const present = await getPeriod(db, manifest.id, period.id).catch(() => null);
    if (present) continue;
    const content = await readFile(join(dir, period.file));
    await importPeriodFile(db, { provinceId: manifest.id, periodId: period.id, content, fileName: period.file });
    await publishPeriod(db, manifest.id, period.id, { number: period.noticeNumber, date: period.noticeDate });
    loaded.push(period.id);
  }
  return { province: await getProvince(db, manifest.id), loaded };
}
