/** The registry: units in their order and groups with the categories they must keep up. */
import { z } from 'zod';
import { isHttpUrl, NAME_MAX, URL_MAX } from '../domain/limits.js';
import { PERIOD_STATUSES } from '../domain/period.js';
import { id, isoDate, requiredText } from './common.js';

export const unit = z.object({
  id: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  position: z.number().int(),
  portalUrl: z.string().nullable(),
  retiredOn: z.string().nullable(),
  mergedInto: z.string().nullable(),
});
export type Unit = z.infer<typeof unit>;

export const group = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number().int(),
  requiredCount: z.number().int(),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Group = z.infer<typeof group>;

export const historyEntry = z.object({
  period: z.string(),
  status: z.enum(PERIOD_STATUSES),
  score: z.number(),
  selfScore: z.number().nullable(),
  articles: z.number().int(),
  full: z.number().int(),
  partial: z.number().int(),
  none: z.number().int(),
  /** Rank within the group; null when the unit was not ranked that month. */
  rank: z.number().int().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

const portalUrl = z.string().trim().max(URL_MAX).refine(isHttpUrl, 'Địa chỉ cổng phải bắt đầu bằng http:// hoặc https://.').nullable();

export const newUnitInput = z.object({ name: requiredText(NAME_MAX), groupId: id, portalUrl: portalUrl.optional() });
export type NewUnitInput = z.input<typeof newUnitInput>;

/** One change to a unit; the server applies whichever parts are present. */
export const unitChange = z.object({
  rename: z.object({ name: requiredText(NAME_MAX), effectiveOn: isoDate }).optional(),
  retire: z.object({ effectiveOn: isoDate }).optional(),
  merge: z.object({ intoUnitId: id, effectiveOn: isoDate }).optional(),
  position: z.number().int().min(1).optional(),
  groupId: id.optional(),
  portalUrl: portalUrl.optional(),
});
export type UnitChange = z.input<typeof unitChange>;

const categoryNames = z.array(requiredText(500)).max(200);

export const newGroupInput = z.object({
  name: requiredText(NAME_MAX),
  requiredCount: z.number().int().min(1).max(200).optional(),
  categories: categoryNames.optional(),
});
export type NewGroupInput = z.input<typeof newGroupInput>;

export const groupChange = z.object({
  name: requiredText(NAME_MAX).optional(),
  position: z.number().int().min(1).optional(),
  categories: categoryNames.optional(),
  requiredCount: z.number().int().min(1).max(200).optional(),
});
export type GroupChange = z.input<typeof groupChange>;

/** An open period whose list of categories for a group is not the group's list now. */
export const periodListOffer = z.object({
  period: z.string(),
  periodCategories: z.array(z.string()).describe('Danh sách của kỳ (các đơn vị đang đánh giá theo danh sách này)'),
  groupCategories: z.array(z.string()).describe('Danh sách của nhóm bây giờ (áp dụng cho các kỳ mở sau)'),
  units: z.number().int(),
  saved: z.array(z.string()).describe('Đơn vị của nhóm đã nhập phiếu'),
  canApply: z.boolean().describe('true khi chưa đơn vị nào của nhóm nhập phiếu'),
  message: z.string(),
});
export type PeriodListOffer = z.infer<typeof periodListOffer>;
