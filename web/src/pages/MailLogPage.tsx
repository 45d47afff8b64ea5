/**
 * Every e-mail the application queued (reminders, results, the board's digest): to whom, what,
 * when, and how it went, with the server's answer when it failed.
 */
import { Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import type { MailLogEntry } from '../api/types';
import { ErrorNotice, PageTitle } from '../components/common';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';

const PAGE_SIZE = 50;

const STATUS: Record<MailLogEntry['status'], { label: string; color: string }> = {
  pending: { label: 'Chờ gửi', color: 'gold' },
  sending: { label: 'Đang gửi', color: 'blue' },
  sent: { label: 'Đã gửi', color: 'green' },
  failed: { label: 'Không gửi được', color: 'red' },
};

/** What a reason key means, in words. */
function kind(reason: string): string {
  const [type, period] = reason.split(':');
  const month = period ? `${period.slice(5, 7)}/${period.slice(0, 4)}` : '';
  if (type === 'reminder') return `Nhắc hạn tự đánh giá tháng ${month}`;
  if (type === 'result') return `Kết quả tháng ${month}`;
  if (type === 'digest') return `Tổng hợp cho Ban biên tập tháng ${month}`;
  return 'Thư khác';
}

export default function MailLogPage() {
  const [status, setStatus] = useState<MailLogEntry['status'] | undefined>(undefined);
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useLoad(
    () => api.mailLog({ status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    [status, page],
  );

  const columns: TableColumnsType<MailLogEntry> = [
    {
      title: 'Thời điểm',
      key: 'when',
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.sentAt ?? e.updatedAt)}</span>,
    },
    { title: 'Người nhận', dataIndex: 'recipient' },
    {
      title: 'Tiêu đề',
      key: 'subject',
      render: (_, e) => (
        <>
          {e.subject}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {kind(e.reason)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: 'Kết quả',
      key: 'status',
      render: (_, e) => (
        <>
          <Tag color={STATUS[e.status].color}>{STATUS[e.status].label}</Tag>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {e.attempts} lần gửi
          </Typography.Text>
          {e.lastError && (
            <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
              Máy chủ thư trả lời: {e.lastError}
            </Typography.Text>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageTitle>Nhật ký thư điện tử</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="Mọi kết quả"
          style={{ width: 200 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(STATUS).map(([value, s]) => ({ value, label: s.label }))}
          aria-label="Lọc theo kết quả gửi"
        />
      </Space>
      <ErrorNotice error={error} onRetry={reload} />
      <Table<MailLogEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.entries ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </>
  );
}
