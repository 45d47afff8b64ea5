/**
 * Provinces (tenants) and their settings.
 */
import type { Db } from '../db/connection.js';
import * as provinces from '../db/repositories/provinces.js';
import type { ProvinceRow } from '../db/schema.js';
import { completeSettings, type ProvinceSettings } from '../domain/province.js';
import { normalizeText } from '../domain/text.js';
import { errors } from '../errors.js';

export interface Province {
  id: string;
  name: string;
  settings: ProvinceSettings;
}

export const DEFAULT_PROVINCE_ID = 'default';

function present(row: ProvinceRow): Province {
  return { id: row.id, name: row.name, settings: completeSettings(JSON.parse(row.settings) as Partial<ProvinceSettings>) };
}

export async function getProvince(db: Db, id: string): Promise<Province> {
  const row = await provinces.get(db, id);
  if (!row) throw errors.notFound(`tỉnh "${id}"`);
  return present(row);
}

export async function listProvinces(db: Db): Promise<Province[]> {
  return (await provinces.list(db)).map(present);
}

/**
 * The province a command acts on: the one named (created on first use), else the first one,
 * else a new "default" province whose settings the first imported notice or the board fills in.
 */
export async function resolveProvince(db: Db, id?: string): Promise<Province> {
  if (id) {
    const row = await provinces.get(db, id);
    if (row) return present(row);
    return createProvince(db, { id, name: id });
  }
  const [first] = await provinces.list(db);
  if (first) return present(first);
  return createProvince(db, { id: DEFAULT_PROVINCE_ID, name: '' });
}

export async function createProvince(
  db: Db,
  input: { id: string; name: string; settings?: Partial<ProvinceSettings> },
): Promise<Province> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(input.id)) {
    throw errors.validation(`Mã tỉnh "${input.id}" chỉ gồm chữ thường không dấu, số và dấu gạch ngang.`);
  }
  const settings = completeSettings(input.settings);
  await provinces.create(db, { id: input.id, name: normalizeText(input.name), settings: JSON.stringify(settings) });
  return { id: input.id, name: normalizeText(input.name), settings };
}

/**
 * Replaces the settings with a complete, normalised copy, inside the caller's audited transaction
 * (changing the settings, or importing a notice into a province that has none).
 */
export async function saveSettings(db: Db, id: string, settings: ProvinceSettings, name?: string): Promise<Province> {
  const clean = normalizeSettings(settings);
  await provinces.update(db, id, { settings: JSON.stringify(clean), ...(name !== undefined ? { name: normalizeText(name) } : {}) });
  return getProvince(db, id);
}

function normalizeSettings(settings: ProvinceSettings): ProvinceSettings {
  const lines = (values: string[]) => values.map(normalizeText).filter((v) => v !== '');
  return {
    ...settings,
    parentBody: normalizeText(settings.parentBody),
    issuingBody: normalizeText(settings.issuingBody),
    place: normalizeText(settings.place),
    noticeSymbol: normalizeText(settings.noticeSymbol),
    portalShortName: normalizeText(settings.portalShortName),
    recipients: lines(settings.recipients),
    distribution: lines(settings.distribution),
    legalBasis: lines(settings.legalBasis),
    signer: {
      positionLines: lines(settings.signer.positionLines),
      titleLines: lines(settings.signer.titleLines),
      name: normalizeText(settings.signer.name),
    },
  };
}
