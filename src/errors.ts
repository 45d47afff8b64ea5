/**
 * One error vocabulary for every layer. Known failures carry a stable code, an HTTP status and a
 * message a Vietnamese civil servant can act on; details carry the specifics (row errors, fields).
 */

export type ErrorCode =
  | 'validation'
  | 'import_invalid'
  | 'not_found'
  | 'conflict'
  | 'period_locked'
  | 'stale_version'
  | 'unauthenticated'
  | 'session_changed'
  | 'forbidden'
  | 'rate_limited'
  | 'too_large'
  | 'fetch_refused'
  | 'units_not_reported'
  | 'preview_stale'
  | 'busy';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  import_invalid: 422,
  not_found: 404,
  conflict: 409,
  period_locked: 409,
  stale_version: 409,
  unauthenticated: 401,
  session_changed: 401,
  forbidden: 403,
  rate_limited: 429,
  too_large: 413,
  fetch_refused: 400,
  units_not_reported: 409,
  preview_stale: 409,
  busy: 503,
};

/** One problem found in an uploaded file, placed by line (CSV, header = 1) or row (XLSX) and column. */
export interface RowProblem {
  line: number;
  column: string | null;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }
}

export const errors = {
  validation: (message: string, details?: unknown) => new AppError('validation', message, details),
  importInvalid: (problems: RowProblem[]) =>
    new AppError('import_invalid', `Tệp có ${problems.length} lỗi; chưa ghi dữ liệu nào.`, { problems }),
  notFound: (what: string) => new AppError('not_found', `Không tìm thấy ${what}.`),
  conflict: (message: string) => new AppError('conflict', message),
  periodLocked: (period: string) =>
    new AppError('period_locked', `Kỳ ${period} đã công bố và bị khóa; thay đổi phải là một bản đính chính.`),
  staleVersion: () =>
    new AppError('stale_version', 'Dữ liệu đã được người khác thay đổi; hãy tải lại rồi sửa tiếp.'),
  unauthenticated: (message = 'Cần đăng nhập.') => new AppError('unauthenticated', message),
  /** A session held in an instance's memory was ended or its user edited since: read it again (401 if it escaped). */
  sessionChanged: () => new AppError('session_changed', 'Phiên đăng nhập đã thay đổi; hãy đăng nhập lại.'),
  forbidden: (message = 'Không có quyền thực hiện thao tác này.') => new AppError('forbidden', message),
  rateLimited: (retryAfterSeconds?: number) =>
    new AppError(
      'rate_limited',
      retryAfterSeconds === undefined ? 'Quá nhiều lần thử; hãy đợi rồi thử lại.' : `Quá nhiều lần thử; hãy đợi ${retryAfterSeconds} giây rồi thử lại.`,
      retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
    ),
  unitsNotReported: (units: { unitId: string; unitName: string }[]) =>
    new AppError(
      'units_not_reported',
      `Có ${units.length} đơn vị không gửi tự đánh giá và Ban Biên tập chưa ghi nhận kết quả: ${units.map((u) => u.unitName).join(', ')}. ` +
        'Hãy ghi nhận kết quả cho từng đơn vị, hoặc công bố theo quy tắc cho đơn vị không gửi tự đánh giá.',
      { units },
    ),
  previewStale: () => new AppError('preview_stale', 'Dữ liệu đã thay đổi sau khi xem trước; hãy xem trước lại rồi công bố.'),
  busy: () => new AppError('busy', 'Hệ thống đang bận ghi dữ liệu khác quá lâu; vui lòng thử lại sau ít phút.'),
  tooLarge: (what: string) => new AppError('too_large', `${what} vượt quá giới hạn cho phép.`),
};

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
