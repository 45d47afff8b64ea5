/** Small pieces every page uses: the error box, status tags, the page title. */
import { Alert, Button, Result, Spin, Tag, Typography } from 'antd';
import { useRef, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import type { PeriodStatus } from '../api/types';
import { PERIOD_STATUS } from '../format';
import { usePageHeading } from '../page-heading';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>Thử lại</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function PeriodStatusTag({ status }: { status: PeriodStatus }) {
  const { label, color } = PERIOD_STATUS[status];
  return <Tag color={color}>{label}</Tag>;
}

/**
 * The page's one h1: names the window (`documentTitle`, or the heading's text without its tags)
 * and takes the focus after a navigation.
 */
export function PageTitle({ children, extra, documentTitle }: { children: ReactNode; extra?: ReactNode; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageHeading(ref, documentTitle);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
      <Typography.Title level={1} ref={ref} tabIndex={-1} data-page-heading className="page-title" style={{ flex: '1 1 240px', margin: 0, fontSize: 24, lineHeight: 1.35 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}

/** A page that is an answer rather than content (403, 404, a page that failed), with its h1. */
export function StatusPage({ status, title, subTitle, extra }: { status: '403' | '404' | 'warning'; title: string; subTitle?: ReactNode; extra?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  usePageHeading(ref);
  return (
    <Result
      status={status}
      title={
        <h1 ref={ref} tabIndex={-1} data-page-heading className="status-title">
          {title}
        </h1>
      }
      subTitle={subTitle}
      extra={extra}
    />
  );
}

/**
 * A whole page whose data could not be read (refused, missing, the server unreachable): the
 * server's reason under the page's one h1, and a way to try again.
 */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = error instanceof ApiError ? error.status : 0;
  const status = code === 403 ? '403' : code === 404 ? '404' : 'warning';
  const title = code === 403 ? 'Không có quyền xem trang này' : code === 404 ? 'Không tìm thấy' : 'Không tải được trang này';
  return (
    <StatusPage
      status={status}
      title={title}
      subTitle={errorMessage(error)}
      extra={onRetry ? <Button onClick={onRetry}>Thử lại</Button> : undefined}
    />
  );
}

/** A spinner inside a page that already shows its heading. */
export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/**
 * A whole page still loading (its code or its data): the page's one h1 says so to a screen reader
 * until the page's own heading replaces it. It neither takes the focus nor names the window, so the
 * page's heading still does both when it comes.
 */
export function PageLoading() {
  return (
    <div aria-busy="true" style={{ padding: 48, textAlign: 'center' }}>
      <h1 className="sr-only">Đang tải trang…</h1>
      <Spin size="large" />
    </div>
  );
}
