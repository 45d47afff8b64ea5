/**
 * The one way the front end talks to the server: same-origin fetch with the session cookie, the
 * double-submit CSRF header on state-changing calls, and every failure turned into an ApiError
 * carrying the server's Vietnamese message.
 */
import type { ApiErrorBody, RowProblem } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Row-level problems of a rejected import (details.problems), empty for other errors. */
  get problems(): RowProblem[] {
    const details = this.details as { problems?: unknown } | null | undefined;
    return Array.isArray(details?.problems) ? (details.problems as RowProblem[]) : [];
  }
}

/** Messages for failures that carry no server message (network down, proxy error pages). */
const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Dữ liệu gửi lên không hợp lệ.',
  401: 'Phiên làm việc đã hết; hãy đăng nhập lại.',
  403: 'Không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu.',
  409: 'Dữ liệu đã thay đổi hoặc đang bị khóa.',
  413: 'Tệp quá lớn.',
  422: 'Tệp có lỗi; chưa ghi dữ liệu nào.',
  429: 'Quá nhiều yêu cầu; hãy đợi rồi thử lại.',
};

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the session turns out to be gone, so the app can show the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function csrfFromCookie(): string | null {
  const match = /(?:^|;\s*)ps_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Login and the session probe report 401 to their caller instead of signing the user out. */
  quietUnauthenticated?: boolean;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A file the server makes from what is sent (a POST answering with a document), as a Blob. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options, '*/*')).blob();
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!SAFE_METHODS.has(method)) {
    // The cookie is the fresher source after another tab signed in again.
    const token = csrfFromCookie() ?? csrfToken;
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được tới máy chủ; hãy kiểm tra mạng rồi thử lại.', null);
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  if (error.status === 401 && !options.quietUnauthenticated) onUnauthenticated?.();
  throw error;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = FALLBACK_MESSAGES[response.status] ?? `Máy chủ gặp lỗi (${response.status}); hãy thử lại sau.`;
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.message === 'string') {
      return new ApiError(response.status, body.error.code ?? 'unknown', body.error.message, body.error.details);
    }
  } catch {
    // Not JSON (a proxy's HTML error page): the status is all we know.
  }
  return new ApiError(response.status, 'unknown', fallback, null);
}

/** A readable message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Đã xảy ra lỗi không xác định.';
}
