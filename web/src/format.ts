/**
 * Display conventions of the app, shared with the notice: numbers "1.389", dates dd/mm/yyyy,
 * periods "02/2024", names sorted the Vietnamese way. The pure domain modules are the source.
 */
import { ROLE_LABELS } from '../../src/domain/access.js';
import { APPEAL_STATUS_LABELS } from '../../src/domain/appeals.js';
import { CATEGORY_STATUS_SHORT_LABELS, EVALUATION_STATE_LABELS } from '../../src/domain/evaluation.js';
import { PAKN_STATE_LABELS } from '../../src/domain/pakn.js';
import { PERIOD_STATUS_LABELS } from '../../src/domain/period.js';
import { romanNumeral } from '../../src/domain/roman.js';
import { compareNames, formatDate, formatNumber, todayInVietnam } from '../../src/domain/text.js';
import type { AppealStatus, CategoryStatus, EvaluationState, PaknState, PeriodStatus } from './api/types';

export { compareNames, formatDate, formatNumber, ROLE_LABELS, romanNumeral, todayInVietnam };

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An ISO instant as "27/02/2024 09:30", in Vietnam's time zone whatever the browser's. */
export function formatDateTime(iso: string): string {
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** A date or an instant, whichever the server sent, as dd/mm/yyyy (with the time for instants). */
export function formatWhen(value: string | null | undefined): string {
  if (!value) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : formatDateTime(value);
}

/** "2024-02" → "02/2024". */
export function periodLabel(id: string): string {
  const [year, month] = id.split('-');
  return `${month}/${year}`;
}

/** A score or points, or a dash when there is none. */
export function formatScore(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatNumber(value);
}

// The labels are the domain's (the same words the notice, the CLI and the audit log use); only the colours are the page's.
export const PERIOD_STATUS: Record<PeriodStatus, { label: string; color: string }> = {
  open: { label: PERIOD_STATUS_LABELS.open, color: 'blue' },
  review: { label: PERIOD_STATUS_LABELS.review, color: 'orange' },
  published: { label: PERIOD_STATUS_LABELS.published, color: 'green' },
};

export const CATEGORY_STATUS: Record<CategoryStatus, { label: string; color: string }> = {
  full: { label: CATEGORY_STATUS_SHORT_LABELS.full, color: 'green' },
  partial: { label: CATEGORY_STATUS_SHORT_LABELS.partial, color: 'gold' },
  none: { label: CATEGORY_STATUS_SHORT_LABELS.none, color: 'red' },
};

export const EVALUATION_STATE: Record<EvaluationState, { label: string; color: string }> = {
  draft: { label: EVALUATION_STATE_LABELS.draft, color: 'default' },
  submitted: { label: EVALUATION_STATE_LABELS.submitted, color: 'blue' },
  reviewed: { label: EVALUATION_STATE_LABELS.reviewed, color: 'green' },
};

export const APPEAL_STATUS: Record<AppealStatus, { label: string; color: string }> = {
  pending: { label: APPEAL_STATUS_LABELS.pending, color: 'blue' },
  upheld: { label: APPEAL_STATUS_LABELS.upheld, color: 'green' },
  rejected: { label: APPEAL_STATUS_LABELS.rejected, color: 'red' },
};

export const PAKN_STATE: Record<PaknState, { label: string; color: string }> = {
  open: { label: PAKN_STATE_LABELS.open, color: 'blue' },
  overdue: { label: PAKN_STATE_LABELS.overdue, color: 'red' },
  answered: { label: PAKN_STATE_LABELS.answered, color: 'green' },
  answered_late: { label: PAKN_STATE_LABELS.answered_late, color: 'orange' },
};
