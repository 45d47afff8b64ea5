/** Every change of data: who, when, what before and after; filtered by entity, user and dates. */
import { Button, DatePicker, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import type { AuditEntry } from '../api/types';
import { ErrorNotice, PageTitle } from '../components/common';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';

const PAGE_SIZE = 50;

interface Filter {
  entity: string;
  userId: string | undefined;
  range: [Dayjs | null, Dayjs | null] | null;
}

function Change({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxWidth: 360, maxHeight: 160, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap' }}>
      {JSON.stringify(value, null, 1)}
    </pre>
  );
}

export default function AuditPage() {
  const [draft, setDraft] = useState<Filter>({ entity: '', userId: undefined, range: null });
  const [filter, setFilter] = useState<Filter>(draft);
  const [page, setPage] = useState(1);
  const users = useLoad(() => api.users(), []);
  const { data, error, loading, reload } = useLoad(
    () =>
      api.audit({
        entity: filter.entity.trim() || undefined,
        userId: filter.userId,
        from: filter.range?.[0]?.format('YYYY-MM-DD'),
        to: filter.range?.[1]?.format('YYYY-MM-DD'),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [filter, page],
  );

  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Thời điểm', dataIndex: 'at', render: formatDateTime, width: 150 },
    { title: 'Người thực hiện', key: 'user', render: (_, e) => e.username ?? e.userId ?? 'Hệ thống' },
    { title: 'Thao tác', dataIndex: 'action' },
    { title: 'Đối tượng', key: 'entity', render: (_, e) => `${e.entity}${e.entityId ? ` ${e.entityId}` : ''}` },
    { title: 'Trước', dataIndex: 'before', render: (v: unknown) => <Change value={v} /> },
    { title: 'Sau', dataIndex: 'after', render: (v: unknown) => <Change value={v} /> },
  ];

  return (
    <>
      <PageTitle>Nhật ký thay đổi</PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input placeholder="Đối tượng (vd: evaluation)" value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })} style={{ width: 200 }} />
        <Select
          allowClear
          placeholder="Người thực hiện"
          style={{ width: 200 }}
          value={draft.userId}
          onChange={(v) => setDraft({ ...draft, userId: v })}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
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
