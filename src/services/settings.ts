/**
 * The province settings the board edits once (who issues the notice, where, to whom, who signs):
 * one field at a time, or a whole JSON file.
 */
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { completeSettings, type ProvinceSettings } from '../domain/province.js';
import { errors } from '../errors.js';
import { getProvince, type Province, saveSettings } from './provinces.js';

type FieldKind = 'text' | 'list' | 'day';

/** Every editable field, by the name the CLI and the API use. */
export const SETTINGS_FIELDS = {
  parentBody: { kind: 'text', label: 'Cơ quan chủ quản' },
  issuingBody: { kind: 'text', label: 'Cơ quan ban hành' },
  place: { kind: 'text', label: 'Địa danh' },
  noticeSymbol: { kind: 'text', label: 'Ký hiệu công văn' },
  portalShortName: { kind: 'text', label: 'Tên ngắn của Cổng tỉnh' },
  recipients: { kind: 'list', label: 'Kính gửi' },
  distribution: { kind: 'list', label: 'Nơi nhận' },
  legalBasis: { kind: 'list', label: 'Căn cứ' },
  'signer.positionLines': { kind: 'list', label: 'Quyền hạn, chức vụ người ký' },
  'signer.titleLines': { kind: 'list', label: 'Chức vụ dưới chữ ký' },
  'signer.name': { kind: 'text', label: 'Người ký' },
  cutOffDay: { kind: 'day', label: 'Ngày chốt kỳ' },
} as const satisfies Record<string, { kind: FieldKind; label: string }>;

export type SettingsField = keyof typeof SETTINGS_FIELDS;

export function isSettingsField(name: string): name is SettingsField {
  return Object.hasOwn(SETTINGS_FIELDS, name);
}

/** A field's value, as text lines. */
export function fieldValue(settings: ProvinceSettings, field: SettingsField): string[] {
  switch (field) {
    case 'signer.positionLines':
      return settings.signer.positionLines;
    case 'signer.titleLines':
      return settings.signer.titleLines;
    case 'signer.name':
      return [settings.signer.name];
    case 'recipients':
    case 'distribution':
    case 'legalBasis':
      return settings[field];
    case 'cutOffDay':
      return [String(settings.cutOffDay)];
    default:
      return [settings[field]];
  }
}

/** Sets one field: a text field takes one value, a list field its lines in order. */
export async function setSettingsField(db: Db, provinceId: string, field: string, values: string[]): Promise<Province> {
  if (!isSettingsField(field)) {
    throw errors.validation(`Không có mục "${field}". Các mục: ${Object.keys(SETTINGS_FIELDS).join(', ')}.`);
  }
  const { kind } = SETTINGS_FIELDS[field];
  if (kind !== 'list' && values.length !== 1) throw errors.validation(`Mục "${field}" nhận đúng một giá trị.`);
  const { settings } = await getProvince(db, provinceId);
  const value = values[0] ?? '';
  const next: ProvinceSettings = { ...settings, signer: { ...settings.signer } };
  switch (field) {
    case 'signer.positionLines':
    case 'signer.titleLines':
      next.signer[field === 'signer.positionLines' ? 'positionLines' : 'titleLines'] = values;
      break;
    case 'signer.name':
      next.signer.name = value;
      break;
    case 'recipients':
    case 'distribution':
    case 'legalBasis':
      next[field] = values;
      break;
    case 'cutOffDay':
      next.cutOffDay = parseCutOffDay(value);
      break;
    default:
      next[field] = value;
  }
  return saveSettings(db, provinceId, next);
}

function parseCutOffDay(text: string): number {
  const day = Number(text);
  if (!Number.isInteger(day) || day < 1 || day > 31) throw errors.validation(`Ngày chốt kỳ phải là số nguyên 1–31, không phải "${text}".`);
  return day;
}

const lines = z.array(z.string());
const settingsSchema = z
  .object({
    parentBody: z.string(),
    issuingBody: z.string(),
    place: z.string(),
    noticeSymbol: z.string().min(1),
    portalShortName: z.string(),
    recipients: lines,
    distribution: lines,
    legalBasis: lines,
    signer: z.object({ positionLines: lines, titleLines: lines, name: z.string() }).strict().partial(),
    cutOffDay: z.number().int().min(1).max(31),
  })
  .strict()
  .partial();

/** Replaces the fields a JSON document gives (for example one exported by `settings --format json`). */
export async function importSettings(db: Db, provinceId: string, document: unknown): Promise<Province> {
  const parsed = settingsSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ');
    throw errors.validation(`Tệp cấu hình không hợp lệ: ${problems}`);
  }
  const { settings } = await getProvince(db, provinceId);
  const merged = completeSettings({ ...settings, ...parsed.data, signer: { ...settings.signer, ...parsed.data.signer } });
  return saveSettings(db, provinceId, merged);
}
