/** Small pieces every page uses: the error box, status tags, the page title. */
import { Alert, Button, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import type { PeriodStatus } from '../api/types';
import { PERIOD_STATUS } from '../format';

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

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
      <Typography.Title level={3} className="page-title" style={{ flex: '1 1 240px', margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}
