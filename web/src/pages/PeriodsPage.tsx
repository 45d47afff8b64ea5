/** The list of periods with their status; staff open a new period or start its review here. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Grid, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { errorMessage } from '../api/client';
import type { Period } from '../api/types';
import { isStaff, useUser } from '../auth';
import { ErrorNotice, PageTitle, PeriodStatusTag } from '../components/common';
import { formatDate, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

/** The month after the latest period, or the current month when there is none. */
function nextMonth(periods: Period[]): Dayjs {
  const latest = [...periods].sort((a, b) => b.id.localeCompare(a.id))[0];
  return latest ? dayjs(`${latest.id}-01`).add(1, 'month') : dayjs().startOf('month');
}

export default function PeriodsPage() {
  const user = useUser();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => api.periods(), []);
  const [opening, setOpening] = useState<Dayjs | null>(null);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const staff = isStaff(user.role);
  const wide = Grid.useBreakpoint().md !== false;
  const periods = [...(data ?? [])].sort((a, b) => b.id.localeCompare(a.id));

  const openPeriod = async () => {
    if (!opening) return;
    setBusy(true);
    try {
      // A chosen day closes at its end, Vietnam time, wherever the browser is.
      const closes = deadline ? new Date(`${deadline.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString() : null;
      const period = await api.openPeriod(opening.format('YYYY-MM'), closes);
      message.success(`Đã mở kỳ ${periodLabel(period.id)}.`);
      setOpening(null);
      setDeadline(null);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

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
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(nextMonth(periods))}>
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
      <Modal
        title="Mở kỳ đánh giá mới"
        open={opening !== null}
        okText="Mở kỳ"
        cancelText="Hủy"
        confirmLoading={busy}
        onOk={() => void openPeriod()}
        onCancel={() => setOpening(null)}
      >
        <p>Mở kỳ sẽ tạo phiếu tự đánh giá (bản nháp) cho mọi đơn vị đang hoạt động.</p>
        <Space orientation="vertical">
          <label>
            Tháng:{' '}
            <DatePicker picker="month" format="MM/YYYY" value={opening} onChange={setOpening} allowClear={false} aria-label="Tháng" />
          </label>
          <label>
            Hạn nộp tự đánh giá:{' '}
            <DatePicker
              format="DD/MM/YYYY"
              value={deadline}
              onChange={setDeadline}
              placeholder="Cuối ngày kết thúc kỳ"
              aria-label="Hạn nộp tự đánh giá"
            />
          </label>
        </Space>
      </Modal>
    </>
  );
}
