/**
 * The province settings the board edits once (who issues the notice, where, to whom, who signs):
 * the whole form (web), one field at a time or a whole JSON file (CLI). All three go through
 * `updateSettings`: administrators only, one transaction, audited.
 */
import { z } from 'zod';
import { type Db, inTransaction } from '../db/connection.js';
import { isAdmin } from '../domain/access.js';
import { completeSettings, type ProvinceSettings } from '../domain/province.js';
import { errors } from '../errors.js';
import { type Actor, recordAudit } from './audit.js';
import { getProvince, type Province, saveSettings } from './provinces.js';
import { invalidateProvinceReports } from './ranking.js';

/** The settings as a client sends them: the e-mail fields may be left out (kept as they are). */
export type MailSettingsOptional = Omit<ProvinceSettings, MailField> & Partial<Pick<ProvinceSettings, MailField>>;
type MailField = 'mailFrom' | 'mailReplyTo' | 'reminderDaysBefore' | 'staleAfterDays' | 'rankingOrderLine' | 'contact';

/** Replaces the province's settings (and its name, when given), with the entry before and after. */
export async function updateSettings(
  db: Db,
  actor: Actor,
  input: { name?: string; settings: MailSettingsOptional },
): Promise<Province> {
  if (!isAdmin(actor)) throw errors.forbidden('Chỉ quản trị viên được sửa cấu hình.');
  if (!Number.isInteger(input.settings.cutOffDay) || input.settings.cutOffDay < 1 || input.settings.cutOffDay > 31) {
    throw errors.validation('Ngày chốt kỳ phải từ 1 đến 31.');
  }
  return inTransaction(db, async (trx) => {
    const before = await getProvince(trx, actor.provinceId);
    const given = Object.fromEntries(Object.entries(input.settings).filter(([, v]) => v !== undefined)) as Partial<ProvinceSettings>;
    const settings: ProvinceSettings = { ...before.settings, ...given };
    settings.mailFrom = checkMailbox(settings.mailFrom, 'Người gửi thư điện tử');
    settings.mailReplyTo = checkMailbox(settings.mailReplyTo, 'Địa chỉ nhận thư trả lời');
    const after = await saveSettings(trx, actor.provinceId, settings, input.name);
    // The cut-off day decides a period's last day, hence the rule set its report is scored with.
    await invalidateProvinceReports(trx, actor.provinceId);
    await recordAudit(trx, actor, { entity: 'settings', entityId: actor.provinceId, action: 'update', before, after });
    return after;
  });
}

type FieldKind = 'text' | 'list' | 'day' | 'days' | 'mailbox';

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
  mailFrom: { kind: 'mailbox', label: 'Người gửi thư điện tử' },
  mailReplyTo: { kind: 'mailbox', label: 'Địa chỉ nhận thư trả lời' },
  reminderDaysBefore: { kind: 'days', label: 'Nhắc trước hạn (ngày)' },
  staleAfterDays: { kind: 'days', label: 'Chuyên mục lâu không cập nhật (ngày)' },
  rankingOrderLine: { kind: 'text', label: 'Dòng nêu cách xếp thứ tự trong công văn' },
  contact: { kind: 'text', label: 'Liên hệ của Ban Biên tập (khi quá hạn nộp)' },
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
    case 'reminderDaysBefore':
    case 'staleAfterDays':
      return [String(settings[field])];
    default:
      return [settings[field]];
  }
}

/** Sets one field: a text field takes one value, a list field its lines in order. */
export async function setSettingsField(db: Db, actor: Actor, field: string, values: string[]): Promise<Province> {
  if (!isSettingsField(field)) {
    throw errors.validation(`Không có mục "${field}". Các mục: ${Object.keys(SETTINGS_FIELDS).join(', ')}.`);
  }
  const { kind } = SETTINGS_FIELDS[field];
  if (kind !== 'list' && values.length !== 1) throw errors.validation(`Mục "${field}" nhận đúng một giá trị.`);
  const { settings } = await getProvince(db, actor.provinceId);
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
    case 'reminderDaysBefore':
    case 'staleAfterDays':
      next[field] = parseDays(value, SETTINGS_FIELDS[field].label);
      break;
    case 'mailFrom':
    case 'mailReplyTo':
      next[field] = checkMailbox(value, SETTINGS_FIELDS[field].label);
      break;
    default:
      next[field] = value;
  }
  return updateSettings(db, actor, { settings: next });
}

function parseCutOffDay(text: string): number {
  const day = Number(text);
  if (!Number.isInteger(day) || day < 1 || day > 31) throw errors.validation(`Ngày chốt kỳ phải là số nguyên 1–31, không phải "${text}".`);
  return day;
}

function parseDays(text: string, label: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 0 || days > 365) throw errors.validation(`${label} phải là số nguyên 0–365, không phải "${text}".`);
  return days;
}

/** "bbt@bacninh.gov.vn" or "Ban Biên tập <bbt@bacninh.gov.vn>"; empty clears it. */
const MAILBOX = /^(?:[^<>\r\n@]{0,120}<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/u;

export function checkMailbox(text: string, label: string): string {
  const value = text.normalize('NFC').trim();
  if (value !== '' && (value.length > 254 || !MAILBOX.test(value))) {
    throw errors.validation(`${label}: "${value.slice(0, 80)}" không phải địa chỉ thư điện tử, ví dụ "Ban Biên tập <bbt@tinh.gov.vn>".`);
  }
  return value;
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
    mailFrom: z.string().max(254).refine((v) => v === '' || MAILBOX.test(v.trim()), 'không phải địa chỉ thư điện tử'),
    mailReplyTo: z.string().max(254).refine((v) => v === '' || MAILBOX.test(v.trim()), 'không phải địa chỉ thư điện tử'),
    reminderDaysBefore: z.number().int().min(0).max(365),
    staleAfterDays: z.number().int().min(0).max(365),
    rankingOrderLine: z.string().min(1),
    contact: z.string(),
  })
  .strict()
  .partial();

/** Replaces the fields a JSON document gives (for example one exported by `settings --format json`). */
export async function importSettings(db: Db, actor: Actor, document: unknown): Promise<Province> {
  const parsed = settingsSchema.safeParse(document);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc)'}: ${i.message}`).join('; ');
    throw errors.validation(`Tệp cấu hình không hợp lệ: ${problems}`);
  }
  const { settings } = await getProvince(db, actor.provinceId);
  const merged = completeSettings({ ...settings, ...parsed.data, signer: { ...settings.signer, ...parsed.data.signer } });
  return updateSettings(db, actor, { settings: merged });
}
