/**
 * Every change of data: who, when, what before and after; filtered by kind of record, user and
 * dates. A row names the fields that changed; expanding it shows both versions in full.
 */
import { Button, Col, DatePicker, Row, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import type { AuditEntry } from '../api/types';
import { ErrorNotice, PageTitle } from '../components/common';
import { formatDateTime, formatWhen } from '../format';
import { useLoad } from '../hooks';

const PAGE_SIZE = 50;

/** The kinds of record the server audits, by the names it stores. */
const ENTITIES: Record<string, string> = {
  period: 'Kỳ đánh giá',
  'self-assessment': 'Tự đánh giá',
  deductions: 'Điểm trừ',
  appeal: 'Khiếu nại',
  'rule-set': 'Quy tắc chấm điểm',
  'day-off': 'Ngày nghỉ, làm bù',
  pakn: 'PAKN',
  unit: 'Đơn vị',
  group: 'Nhóm, chuyên mục',
  settings: 'Thông tin tỉnh',
  user: 'Người dùng',
};

interface Filter {
  entity: string | undefined;
  userId: string | undefined;
  range: [Dayjs | null, Dayjs | null] | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A field's value in a few characters: dates and instants as the app shows them, nothing as a dash. */
const short = (v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(v)) return formatWhen(v);
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** "status: open → review" for each top-level field that differs; creations and deletions in a word. */
function changes(entry: AuditEntry): string[] {
  const { before, after } = entry;
  if (before === null || before === undefined) return ['tạo mới'];
  if (after === null || after === undefined) return ['xóa'];
  if (!isRecord(before) || !isRecord(after)) return [`${short(before)} → ${short(after)}`];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const scalar = (v: unknown) => v === null || typeof v !== 'object';
      return scalar(before[k]) && scalar(after[k]) ? `${k}: ${short(before[k])} → ${short(after[k])}` : `${k}: đã đổi`;
    });
}

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}
      </pre>
    </>
  );
}

export default function AuditPage() {
  const [draft, setDraft] = useState<Filter>({ entity: undefined, userId: undefined, range: null });
  const [filter, setFilter] = useState<Filter>(draft);
  const [page, setPage] = useState(1);
  const users = useLoad(() => api.users(), []);
  const { data, error, loading, reload } = useLoad(
    () =>
      api.audit({
        entity: filter.entity,
        userId: filter.userId,
        from: filter.range?.[0]?.format('YYYY-MM-DD'),
        to: filter.range?.[1]?.format('YYYY-MM-DD'),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [filter, page],
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Thời điểm', dataIndex: 'at', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span> },
    { title: 'Người thực hiện', dataIndex: 'username' },
    { title: 'Thao tác', dataIndex: 'action' },
    {
      title: 'Đối tượng',
      key: 'entity',
      render: (_, e) => (
        <>
          {ENTITIES[e.entity] ?? e.entity}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: e.entityId }}>
            {e.entityId}
          </Typography.Text>
        </>
      ),
    },
    {
      title: 'Thay đổi',
      key: 'changes',
      render: (_, e) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {changes(e).map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ),
    },
  ];

  return (
    <>
      <PageTitle>Nhật ký thay đổi</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="Mọi loại dữ liệu"
          style={{ width: 200 }}
          value={draft.entity}
          onChange={(v) => setDraft({ ...draft, entity: v })}
          options={Object.entries(ENTITIES).map(([value, label]) => ({ value, label }))}
          aria-label="Loại dữ liệu"
        />
        <Select
          allowClear
          placeholder="Mọi người dùng"
          style={{ width: 220 }}
          value={draft.userId}
          onChange={(v) => setDraft({ ...draft, userId: v })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          aria-label="Người thực hiện"
        />
        <DatePicker.RangePicker format="DD/MM/YYYY" value={draft.range} onChange={(range) => setDraft({ ...draft, range })} />
        <Button
          type="primary"
          onClick={() => {
            setPage(1);
            setFilter(draft);
          }}
        >
          Lọc
        </Button>
      </Space>
      <ErrorNotice error={error} onRetry={reload} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.entries ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Json title="Trước" value={e.before} />
              </Col>
              <Col xs={24} md={12}>
                <Json title="Sau" value={e.after} />
              </Col>
            </Row>
          ),
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </>
  );
}
