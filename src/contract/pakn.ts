/** Citizens' feedback (PAKN), its overdue answers and the calendar of days off it is timed by. */
import { z } from 'zod';
import { HOLIDAY_NAMES, type HolidayKind } from '../domain/holidays.js';
import { PAKN_STATES } from '../domain/pakn.js';
import { requiredText } from './common.js';

export type { PaknState } from '../domain/pakn.js';

const HOLIDAY_KINDS = Object.keys(HOLIDAY_NAMES) as [HolidayKind, ...HolidayKind[]];

export const paknItem = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  dueDate: z.string(),
  answeredAt: z.string().nullable(),
  state: z.enum(PAKN_STATES),
});
export type PaknItem = z.infer<typeof paknItem>;

export const paknImportSummary = z.object({
  format: z.enum(['csv', 'xlsx']),
  records: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  computedDueDates: z.number().int(),
});
export type PaknImportSummary = z.infer<typeof paknImportSummary>;

export const overdueReport = z.object({
  period: z.object({ id: z.string(), from: z.string(), to: z.string() }),
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      records: z.array(
        z.object({
          id: z.string(),
          subject: z.string(),
          receivedAt: z.string(),
          dueDate: z.string(),
          answeredAt: z.string().nullable(),
          kind: z.enum(['answered_late', 'open_at_period_end']),
          workingDaysLate: z.number().int(),
        }),
      ),
    }),
  ),
});
export type OverdueReport = z.infer<typeof overdueReport>;

const dayKind = z.enum(['off', 'working']);
export const dayChange = z.object({ date: z.string(), kind: dayKind, note: z.string() });
export type DayChange = z.infer<typeof dayChange>;
export const dayChangeInput = z.object({ kind: dayKind, note: requiredText(500) });

export const yearCalendar = z.object({
  year: z.number().int(),
  holidays: z.array(z.object({ date: z.string(), kind: z.enum(HOLIDAY_KINDS), name: z.string(), makesUpFor: z.string().optional() })),
  changes: z.array(dayChange),
});
export type YearCalendar = z.infer<typeof yearCalendar>;

export const dueDatesMoved = z.object({ dueDatesMoved: z.number().int().describe('Số hạn trả lời PAKN đã tính lại') });
