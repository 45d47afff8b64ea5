/**
 * The month's workflow, pure: when a self-assessment may still be written, and which status a
 * period must be in for each step (open → review → published, then corrections).
 */
import type { PeriodStatus } from './period.js';

/** Self-assessments close at the given instant, else at the end of the period's last day (Vietnam time). */
export function selfAssessmentDeadline(period: { to: string; deadline: string | null }): string {
  return period.deadline ?? new Date(`${period.to}T23:59:59.999+07:00`).toISOString();
}

/** The instant a day ends in Vietnam: a deadline set to a day closes at its end. */
export function endOfDayInVietnam(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999+07:00`).toISOString();
}

export function isPastDeadline(deadline: string, now: Date): boolean {
  return now.getTime() > Date.parse(deadline);
}

export type WorkflowStep = 'self-assess' | 'start-review' | 'deduct' | 'publish' | 'correct';

/** The statuses each step accepts. */
const ALLOWED: Record<WorkflowStep, readonly PeriodStatus[]> = {
  'self-assess': ['open'],
  'start-review': ['open'],
  deduct: ['review'],
  publish: ['open', 'review'],
  correct: ['published'],
};

export function stepAllowed(step: WorkflowStep, status: PeriodStatus): boolean {
  return ALLOWED[step].includes(status);
}

/** Why a step is refused in a status, in Vietnamese, for the 409 answer. */
export function stepRefusal(step: WorkflowStep, status: PeriodStatus): string {
  if (status === 'published') return 'Kỳ đã công bố và bị khóa; thay đổi phải là một bản đính chính.';
  switch (step) {
    case 'self-assess':
      return 'Kỳ đã chuyển sang rà soát; không sửa hay nộp tự đánh giá được nữa.';
    case 'start-review':
      return 'Kỳ đã ở bước rà soát.';
    case 'deduct':
      return 'Kỳ còn đang mở cho đơn vị tự đánh giá; hãy chuyển sang rà soát trước khi trừ điểm.';
    case 'publish':
      return 'Kỳ không ở trạng thái có thể công bố.';
    case 'correct':
      return 'Chỉ đính chính được kỳ đã công bố; kỳ chưa công bố thì sửa trực tiếp.';
  }
}
