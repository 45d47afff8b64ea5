/**
 * Every change of data as a secretary reads it: who (the command line's actor too), when (Vietnam
 * time), what in words, the unit, group or period by name and each changed field before → after.
 * Filtered by kind of record, unit, user, period and dates. The server writes the words.
 */
import { Button, DatePicker, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { AUDIT_ENTITY_LABELS } from '../../../src/domain/audit.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import type { AuditEntry } from '../api/types';
import { ErrorNotice, PageTitle } from '../components/common';
import { periodLabel } from '../format';
import { useLoad } from '../hooks';

const PAGE_SIZE = 50;

interface Filter {
  entity: string | undefined;
  userId: string | undefined;
  unitId: string | undefined;
  periodId: string | undefined;
  range: [Dayjs | null, Dayjs | null] | null;
}

const NO_FILTER: Filter = { entity: undefined, userId: undefined, unitId: undefined, periodId: undefined, range: null };

/** Each changed field on its own line: "Người ký › Tên: Nguyễn Văn A → Nguyễn Văn B". */
function Changes({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0) return <Typography.Text type="secondary">Không có thay đổi</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {entry.changes.map((c, i) => (
        <li key={i}>
          <Typography.Text strong>{c.field}</Typography.Text>: {c.before === '—' ? '' : <Typography.Text delete>{c.before}</Typography.Text>}
          {c.before === '—' ? '' : ' → '}
          {c.after === '—' ? <Typography.Text type="secondary">(bỏ)</Typography.Text> : c.after}
        </li>
      ))}
    </ul>
  );
}

export default function AuditPage() {
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(draft);
  const [page, setPage] = useState(1);
  const users = useLoad(() => api.users(), []);
  const units = useLoad(() => api.units(), []);
  const periods = useLoad(() => api.periods(), []);
  const { data, error, loading, reload } = useLoad(
    () =>
      api.audit({
        entity: filter.entity,
        userId: filter.userId,
        unitId: filter.unitId,
        periodId: filter.periodId,
        from: filter.range?.[0]?.format('YYYY-MM-DD'),
        to: filter.range?.[1]?.format('YYYY-MM-DD'),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [filter, page],
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Thời điểm', dataIndex: 'atText', render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{at}</span> },
    { title: 'Người thực hiện', dataIndex: 'actor' },
    { title: 'Thao tác', dataIndex: 'actionLabel' },
    {
      title: 'Đối tượng',
      key: 'entity',
      render: (_, e) => (
        <>
          {e.entityLabel}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {e.subject}
          </Typography.Text>
        </>
      ),
    },
    { title: 'Thay đổi (trước → sau)', key: 'changes', render: (_, e) => <Changes entry={e} /> },
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
          options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          aria-label="Loại dữ liệu"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="Mọi đơn vị"
          style={{ width: 240 }}
          value={draft.unitId}
          onChange={(v) => setDraft({ ...draft, unitId: v })}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          aria-label="Đơn vị"
        />
        <Select
          allowClear
          placeholder="Mọi kỳ"
          style={{ width: 140 }}
          value={draft.periodId}
          onChange={(v) => setDraft({ ...draft, periodId: v })}
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: `Kỳ ${periodLabel(p.id)}` }))}
          aria-label="Kỳ"
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
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </>
  );
}
