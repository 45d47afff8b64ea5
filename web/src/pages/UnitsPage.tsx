/** The registry of units by group, each linking to its month-by-month page. */
import { Input, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { Unit } from '../api/types';
import { ErrorNotice, PageTitle } from '../components/common';
import { compareNames, formatDate } from '../format';
import { useLoad } from '../hooks';

export default function UnitsPage() {
  const { data, error, loading, reload } = useLoad(() => api.units(), []);
  const [search, setSearch] = useState('');

  const groups = useMemo(() => {
    const byGroup = new Map<string, Unit[]>();
    for (const unit of data ?? []) byGroup.set(unit.groupName, [...(byGroup.get(unit.groupName) ?? []), unit]);
    return byGroup;
  }, [data]);

  const needle = search.trim().toLocaleLowerCase('vi');
  const rows = (data ?? [])
    .filter((u) => !needle || u.name.toLocaleLowerCase('vi').includes(needle))
    .sort((a, b) => a.position - b.position);

  const columns: TableColumnsType<Unit> = [
    { title: 'Tên đơn vị', dataIndex: 'name', sorter: (a, b) => compareNames(a.name, b.name), render: (name: string, u) => <Link to={`/units/${u.id}`}>{name}</Link> },
    {
      title: 'Nhóm',
      dataIndex: 'groupName',
      filters: [...groups.keys()].map((g) => ({ text: g, value: g })),
      onFilter: (value, u) => u.groupName === value,
    },
    {
      title: 'Cổng thông tin',
      dataIndex: 'portalUrl',
      render: (url: string | null) => (url ? <a href={url} target="_blank" rel="noopener noreferrer">{url}</a> : '—'),
    },
    {
      title: 'Tình trạng',
      key: 'state',
      render: (_, u) =>
        u.retiredOn ? <Tag>{u.mergedInto ? 'Đã sáp nhập' : 'Thôi hoạt động'} từ {formatDate(u.retiredOn)}</Tag> : <Tag color="green">Đang hoạt động</Tag>,
    },
  ];

  return (
    <>
      <PageTitle extra={<Input.Search placeholder="Tìm đơn vị" aria-label="Tìm đơn vị" allowClear value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} />}>
        Đơn vị
      </PageTitle>
      <ErrorNotice error={error} onRetry={reload} />
      <Table<Unit>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        size="middle"
      />
    </>
  );
}
