/**
 * Appeals against a published deduction: a unit may appeal within a number of working days after
 * the notice's date; the reviewer upholds (the deduction is removed or lowered, as a correction)
 * or rejects it, each time with a reason.
 */
import type { Deduction } from './evaluation.js';
import { addWorkingDays, type WorkCalendar } from './working-days.js';

export const APPEAL_STATUSES = ['pending', 'upheld', 'rejected'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  pending: 'Chờ xem xét',
  upheld: 'Chấp nhận',
  rejected: 'Không chấp nhận',
};

/** Last day to appeal: that many working days after the notice's date; null when appeals are not taken (0 days). */
export function appealDeadline(noticeDate: string, workingDays: number, calendar: WorkCalendar): string | null {
  return workingDays < 1 ? null : addWorkingDays(calendar, noticeDate, workingDays);
}

/**
 * A unit's deductions once an appeal against the one at `position` (1-based) is upheld: removed
 * when `pointsAfter` is 0, else lowered to it. Throws when the points would not go down.
 */
export function deductionsAfterAppeal(deductions: readonly Deduction[], position: number, pointsAfter: number): Deduction[] {
  const target = deductions[position - 1];
  if (!target) throw new RangeError(`Không có khoản trừ thứ ${position}`);
  if (!(pointsAfter >= 0) || pointsAfter >= target.points) {
    throw new RangeError(`Điểm trừ sau khiếu nại phải từ 0 đến dưới ${target.points}`);
  }
  return deductions.flatMap((d, i) => (i !== position - 1 ? [d] : pointsAfter === 0 ? [] : [{ ...d, points: pointsAfter }]));
}
