/**
 * Citizens' feedback (PAKN, phản ánh kiến nghị) received on the provincial portal and the answers
 * units owe. The due date counts working days from the day of receipt; a record is overdue when
 * answered after its due date, or still unanswered past its due date when a period closes.
 */
import type { PeriodBounds } from './period.js';
import { isoDateInVietnam } from './text.js';
import { addWorkingDays, type WorkCalendar, workingDaysBetween } from './working-days.js';

export interface PaknRecord {
  id: string;
  unitId: string;
  receivedAt: Date;
  subject: string;
  /** Last day to answer, YYYY-MM-DD; an answer any time that day (Vietnam time) is on time. */
  dueDate: string;
  answeredAt: Date | null;
}

export const PAKN_STATES = ['open', 'overdue', 'answered', 'answered_late'] as const;
export type PaknState = (typeof PAKN_STATES)[number];

export const PAKN_STATE_LABELS: Record<PaknState, string> = {
  open: 'Đang xử lý',
  overdue: 'Quá hạn, chưa trả lời',
  answered: 'Đã trả lời đúng hạn',
  answered_late: 'Đã trả lời quá hạn',
};

/** The due date of feedback received at an instant: that many working days after the day of receipt. */
export function paknDueDate(receivedAt: Date, workingDays: number, calendar: WorkCalendar): string {
  return addWorkingDays(calendar, isoDateInVietnam(receivedAt), workingDays);
}

/** A record's state as seen at an instant. */
export function paknState(record: PaknRecord, asOf: Date): PaknState {
  if (record.answeredAt && record.answeredAt <= asOf) {
    return isoDateInVietnam(record.answeredAt) > record.dueDate ? 'answered_late' : 'answered';
  }
  return isoDateInVietnam(asOf) > record.dueDate ? 'overdue' : 'open';
}

export type OverdueKind = 'answered_late' | 'open_at_period_end';

export interface OverduePakn {
  record: PaknRecord;
  kind: OverdueKind;
  /** Working days past the due date: to the answer, or to the period's last day. */
  workingDaysLate: number;
}

/**
 * The records that count as overdue in a period: answered during it after their due date, or
 * unanswered at its end with the due date already past. A record left unanswered counts in each
 * period that closes while it is overdue, since each month's notice judges that month's state.
 */
export function overdueInPeriod(
  records: readonly PaknRecord[],
  bounds: PeriodBounds,
  calendar: WorkCalendar,
): OverduePakn[] {
  const out: OverduePakn[] = [];
  for (const record of records) {
    const answered = record.answeredAt ? isoDateInVietnam(record.answeredAt) : null;
    if (answered !== null && answered >= bounds.from && answered <= bounds.to) {
      if (answered > record.dueDate) {
        out.push({ record, kind: 'answered_late', workingDaysLate: workingDaysBetween(calendar, record.dueDate, answered) });
      }
    } else if ((answered === null || answered > bounds.to) && record.dueDate < bounds.to) {
      // The due date never precedes receipt (checked on import), so the record existed by then.
      out.push({
        record,
        kind: 'open_at_period_end',
        workingDaysLate: workingDaysBetween(calendar, record.dueDate, bounds.to),
      });
    }
  }
  return out;
}
