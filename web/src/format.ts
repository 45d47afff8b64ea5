/**
 * Display conventions of the app, shared with the notice: numbers "1.389", dates dd/mm/yyyy,
 * periods "02/2024", names sorted the Vietnamese way. The pure domain modules are the source.
 */
import { romanNumeral } from '../../src/domain/roman.js';
import { compareNames, formatDate, formatNumber } from '../../src/domain/text.js';
import type { CategoryStatus, EvaluationState, PeriodStatus, Role } from './api/types';

export { compareNames, formatDate, formatNumber, romanNumeral };

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

export const PERIOD_STATUS: Record<PeriodStatus, { label: string; color: string }> = {
  open: { label: 'Đang mở', color: 'blue' },
  review: { label: 'Đang rà soát', color: 'orange' },
  published: { label: 'Đã công bố', color: 'green' },
};

export const CATEGORY_STATUS: Record<CategoryStatus, { label: string; color: string }> = {
  full: { label: 'Đầy đủ', color: 'green' },
  partial: { label: 'Không đầy đủ', color: 'gold' },
  none: { label: 'Không cập nhật', color: 'red' },
};

export const EVALUATION_STATE: Record<EvaluationState, { label: string; color: string }> = {
  draft: { label: 'Chưa nộp', color: 'default' },
  submitted: { label: 'Đã nộp', color: 'blue' },
  reviewed: { label: 'Đã rà soát', color: 'green' },
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  reviewer: 'Thư ký Ban Biên tập',
  'unit-editor': 'Biên tập viên đơn vị',
  viewer: 'Lãnh đạo (xem)',
};
