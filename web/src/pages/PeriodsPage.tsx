/** The list of periods with their status; staff open a new period or start its review here. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Grid, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Period } from '../api/types';
import { isStaff, useUser } from '../auth';
import { ErrorNotice, PageTitle, PeriodStatusTag } from '../components/common';
import { formatDate, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

const OpenPeriodDialog = lazy(() => import('../components/OpenPeriodDialog'));

/** The month after the latest period, or the current month when there is none. */
function nextMonth(periods: Period[]): Dayjs {
  const latest = [...periods].sort((a, b) => b.id.localeCompare(a.id))[0];
  return latest ? dayjs(`${latest.id}-01`).add(1, 'month') : dayjs().startOf('month');
}

export default function PeriodsPage() {
  const user = useUser();
  const { data, error, loading, reload } = useLoad(() => api.periods(), []);
  const [opening, setOpening] = useState<Dayjs | null>(null);
  const staff = isStaff(user.role);
  const wide = Grid.useBreakpoint().md !== false;
  const periods = [...(data ?? [])].sort((a, b) => b.id.localeCompare(a.id));

  const columns: TableColumnsType<Period> = [
    // On a phone the table keeps the period, its status and the actions; the dates go under the name.
    {
      title: 'Kỳ',
      dataIndex: 'id',
      render: (id: string, p) => (
        <>
          <Link to={`/periods/${id}/ranking`}>Tháng {periodLabel(id)}</Link>
          {!wide && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatDate(p.from)} – {formatDate(p.to)}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: 'Từ ngày', dataIndex: 'from', render: formatDate, responsive: ['md'] },
    { title: 'Đến ngày', dataIndex: 'to', render: formatDate, responsive: ['md'] },
    { title: 'Trạng thái', dataIndex: 'status', render: (_: unknown, p) => <PeriodStatusTag status={p.status} /> },
    {
      title: 'Hạn tự đánh giá',
      dataIndex: 'deadline',
      responsive: ['md'],
      render: (v: string, p) => (p.status === 'open' ? formatWhen(v) : '—'),
    },
    { title: 'Số thông báo', dataIndex: 'noticeNumber', render: (v: string | null) => v ?? '—', responsive: ['lg'] },
    { title: 'Ngày thông báo', dataIndex: 'noticeDate', render: (v: string | null) => (v ? formatDate(v) : '—'), responsive: ['lg'] },
    {
      title: 'Đính chính',
      dataIndex: 'revision',
      align: 'center',
      responsive: ['lg'],
      render: (v: number) => (v > 0 ? `${formatNumber(v)} lần` : '—'),
    },
    {
      title: 'Thao tác',
      key: 'actions',
      render: (_: unknown, p) => (
        <Space wrap size="small">
          <Link to={`/periods/${p.id}/ranking`}>Xếp hạng</Link>
          {user.role === 'unit-editor' && user.unitId && (
            <Link to={`/periods/${p.id}/units/${user.unitId}/self-assessment`}>Tự đánh giá</Link>
          )}
          {staff && <Link to={`/periods/${p.id}/review`}>Rà soát</Link>}
          {staff && p.status !== 'published' && <Link to={`/import?period=${p.id}`}>Nhập dữ liệu</Link>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          staff && (
            // The month it proposes follows the latest period: until the list has come, it would
            // propose the current month instead, and a quick click would open that one.
            <Button type="primary" icon={<PlusOutlined />} disabled={data === undefined} onClick={() => setOpening(nextMonth(periods))}>
              Mở kỳ mới
            </Button>
          )
        }
      >
        Kỳ đánh giá
      </PageTitle>
      <ErrorNotice error={error} onRetry={reload} />
      <Table<Period>
        rowKey="id"
        columns={columns}
        dataSource={periods}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        size="middle"
      />
      {opening && (
        <Suspense fallback={null}>
          <OpenPeriodDialog
            proposed={opening}
            onClose={() => setOpening(null)}
            onOpened={() => {
              setOpening(null);
              reload();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
