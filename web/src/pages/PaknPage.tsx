/**
 * Citizens' feedback (PAKN): the records with their state, an all-or-nothing import for the
 * board's staff (row-level problems in a table), and the answers overdue in a period.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Card, DatePicker, Empty, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import { type PaknImportSummary, type PaknItem, type PaknState, scoringApi } from '../api/scoring';
import type { RowProblem } from '../api/types';
import { useUser } from '../auth';
import { ErrorNotice, Loading, PageLoading, PageTitle } from '../components/common';
import { compareNames, formatDate, formatDateTime, formatNumber, PAKN_STATE, periodLabel } from '../format';
import { useLoad } from '../hooks';

type Outcome = { kind: 'done'; summary: PaknImportSummary } | { kind: 'rejected'; message: string; problems: RowProblem[] } | { kind: 'failed'; message: string };

function PaknImport({ onImported }: { onImported: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      const summary = await scoringApi.importPakn(file);
      setOutcome({ kind: 'done', summary });
      message.success(`Đã nhập ${formatNumber(summary.records)} PAKN.`);
      onImported();
    } catch (err) {
      setOutcome(err instanceof ApiError && err.problems.length > 0 ? { kind: 'rejected', message: err.message, problems: err.problems } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="Nhập PAKN từ tệp" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        Tệp CSV (UTF-8) hoặc XLSX với các cột: Đơn vị, Ngày tiếp nhận, Nội dung, Hạn trả lời (để trống thì tính theo ngày làm việc), Ngày trả lời.
        Nếu tệp có lỗi thì không ghi gì cả.
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        // Not disabled while a file is read (that would drop the keyboard focus): a file chosen meanwhile is ignored.
        beforeUpload={(file) => {
          if (!busy) void upload(file);
          // Sent by the typed client (CSRF header, error shape), not by the component.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? 'Đang kiểm tra tệp…' : 'Kéo tệp vào đây hoặc bấm để chọn tệp'}</p>
      </Upload.Dragger>
      {outcome?.kind === 'done' && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={`Đã nhập ${formatNumber(outcome.summary.records)} PAKN: ${formatNumber(outcome.summary.inserted)} mới, ${formatNumber(outcome.summary.updated)} cập nhật; tính hạn cho ${formatNumber(outcome.summary.computedDueDates)}.`}
        />
      )}
      {outcome?.kind === 'failed' && <Alert style={{ marginTop: 12 }} type="error" showIcon title={outcome.message} />}
      {outcome?.kind === 'rejected' && (
        <>
          <Alert style={{ margin: '12px 0' }} type="error" showIcon title={outcome.message} description="Sửa các dòng dưới đây rồi tải lên lại." />
          <Table<RowProblem>
            data-testid="pakn-problems"
            size="small"
            rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.message}`}
            dataSource={outcome.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            tableLayout="fixed"
            columns={[
              { title: 'Dòng', dataIndex: 'line', width: 64, align: 'center' },
              { title: 'Cột', dataIndex: 'column', width: '28%', render: (c: string | null) => c ?? '—' },
              { title: 'Lỗi', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function Overdue({ period }: { period: string }) {
  const overdue = useLoad(() => scoringApi.overdue(period), [period]);
  const rows = (overdue.data?.units ?? []).flatMap((u) => u.records.map((r) => ({ ...r, unitName: u.name })));
  return (
    <Card size="small" title={`PAKN quá hạn trong kỳ ${periodLabel(period)}`} style={{ marginBottom: 16 }}>
      <ErrorNotice error={overdue.error} />
      {overdue.data && (
        <Typography.Paragraph type="secondary">
          Kỳ từ {formatDate(overdue.data.period.from)} đến {formatDate(overdue.data.period.to)}: trả lời sau hạn, hoặc đến cuối kỳ vẫn chưa trả lời.
        </Typography.Paragraph>
      )}
      <Table
        data-testid="pakn-overdue"
        size="small"
        rowKey="id"
        loading={overdue.loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        locale={{ emptyText: <Empty description="Không có câu trả lời nào quá hạn." /> }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName', width: 180 },
          { title: 'Nội dung', dataIndex: 'subject' },
          { title: 'Hạn trả lời', dataIndex: 'dueDate', width: 110, render: (d: string) => formatDate(d) },
          { title: 'Trả lời', dataIndex: 'answeredAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d) : <Tag color="red">Chưa trả lời</Tag>) },
          { title: 'Trễ (ngày làm việc)', dataIndex: 'workingDaysLate', width: 110, align: 'right' },
        ]}
      />
    </Card>
  );
}

export default function PaknPage() {
  const user = useUser();
  const staff = user.role === 'admin' || user.role === 'reviewer';
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.periods(), []);
  // The latest period by default: the month's cut-off day makes today's calendar month a poor guess.
  const latest = periods.data?.map((p) => p.id).sort().at(-1);
  const period = params.get('period') ?? latest ?? dayjs().format('YYYY-MM');
  const unitId = staff ? (params.get('unitId') ?? undefined) : undefined;
  const units = useLoad(() => (staff ? api.units() : Promise.resolve([])), [staff]);
  const items = useLoad(() => scoringApi.pakn({ unitId, period }), [unitId, period]);
  const set = (next: { period?: string; unitId?: string | null }) => {
    const values: Record<string, string> = { period: next.period ?? period };
    const unit = next.unitId === undefined ? unitId : next.unitId;
    if (unit) values.unitId = unit;
    setParams(values);
  };

  if (periods.loading && !params.get('period')) return <PageLoading />;
  return (
    <>
      <PageTitle>Phản ánh kiến nghị (PAKN)</PageTitle>
      {staff && <PaknImport onImported={items.reload} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          format="MM/YYYY"
          value={dayjs(`${period}-01`)}
          allowClear={false}
          onChange={(value) => value && set({ period: value.format('YYYY-MM') })}
          aria-label="Kỳ"
        />
        {staff && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Mọi đơn vị"
            style={{ minWidth: 260 }}
            value={unitId}
            onChange={(value?: string) => set({ unitId: value ?? null })}
            options={[...(units.data ?? [])].sort((a, b) => compareNames(a.name, b.name)).map((u) => ({ value: u.id, label: u.name }))}
            aria-label="Đơn vị"
          />
        )}
      </Space>
      <Overdue period={period} />
      <Card size="small" title={`PAKN tiếp nhận trong kỳ ${periodLabel(period)}`}>
        <ErrorNotice error={items.error} onRetry={items.reload} />
        {items.loading && !items.data ? (
          <Loading />
        ) : (
          <Table<PaknItem>
            data-testid="pakn-table"
            size="small"
            rowKey="id"
            dataSource={items.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description="Không có PAKN nào tiếp nhận trong kỳ." /> }}
            columns={[
              { title: 'Tiếp nhận', dataIndex: 'receivedAt', width: 150, render: (d: string) => formatDateTime(d) },
              { title: 'Đơn vị', dataIndex: 'unitName', width: 180 },
              { title: 'Nội dung', dataIndex: 'subject' },
              { title: 'Hạn trả lời', dataIndex: 'dueDate', width: 110, render: (d: string) => formatDate(d) },
              { title: 'Trả lời', dataIndex: 'answeredAt', width: 150, render: (d: string | null) => (d ? formatDateTime(d) : '—') },
              { title: 'Trạng thái', dataIndex: 'state', width: 170, render: (s: PaknState) => <Tag color={PAKN_STATE[s].color}>{PAKN_STATE[s].label}</Tag> },
            ]}
          />
        )}
      </Card>
    </>
  );
}
