/**
 * One unit month by month: reviewed score and articles per period (chart and table), and the
 * status of each of its categories in a chosen period.
 */
import { Card, Descriptions, Empty, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { HistoryEntry } from '../api/types';
import { ErrorNotice, Loading, PageLoading, PageTitle, PeriodStatusTag } from '../components/common';
import type { ChartOption } from '../components/EChart';
import { CATEGORY_STATUS, formatDate, formatNumber, formatScore, periodLabel } from '../format';
import { useLoad } from '../hooks';

const EChart = lazy(() => import('../components/EChart'));

function historyChart(history: HistoryEntry[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')) },
    legend: { data: ['Điểm rà soát', 'Tin, bài, video'], bottom: 0 },
    grid: { left: 48, right: 56, top: 32, bottom: 48 },
    xAxis: { type: 'category', data: history.map((h) => periodLabel(h.period)) },
    yAxis: [
      { type: 'value', name: 'Điểm', min: 0, max: 100 },
      { type: 'value', name: 'Tin, bài', axisLabel: { formatter: (v: number) => formatNumber(v) } },
    ],
    series: [
      { name: 'Tin, bài, video', type: 'bar', yAxisIndex: 1, data: history.map((h) => h.articles), itemStyle: { color: '#91caff' } },
      { name: 'Điểm rà soát', type: 'line', yAxisIndex: 0, data: history.map((h) => h.score), itemStyle: { color: '#b71c1c' } },
    ],
  };
}

function CategoryStatuses({ periodId, unitId }: { periodId: string; unitId: string }) {
  const { data, error, loading } = useLoad(() => api.selfAssessment(periodId, unitId), [periodId, unitId]);
  if (loading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} />;
  if (data.categories.length === 0) {
    return (
      <Space wrap>
        <Typography.Text>Nhóm chỉ tính số chuyên mục ({formatNumber(data.required)}):</Typography.Text>
        <Tag color={CATEGORY_STATUS.full.color}>Đầy đủ: {data.full}</Tag>
        <Tag color={CATEGORY_STATUS.partial.color}>Không đầy đủ: {data.partial}</Tag>
        <Tag color={CATEGORY_STATUS.none.color}>Không cập nhật: {data.none}</Tag>
      </Space>
    );
  }
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={data.categories}
      columns={[
        { title: 'STT', key: 'i', width: 56, render: (_, __, i) => i + 1 },
        { title: 'Chuyên mục', dataIndex: 'name' },
        {
          title: 'Tình trạng cập nhật',
          dataIndex: 'status',
          render: (s: keyof typeof CATEGORY_STATUS) => <Tag color={CATEGORY_STATUS[s].color}>{CATEGORY_STATUS[s].label}</Tag>,
        },
        {
          title: 'Minh chứng',
          dataIndex: 'evidenceUrl',
          render: (url: string | null) =>
            url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

export default function UnitPage() {
  const { unitId = '' } = useParams();
  const history = useLoad(() => api.unitHistory(unitId), [unitId]);
  const units = useLoad(() => api.units(), []);
  const unit = units.data?.find((u) => u.id === unitId);
  const rows = useMemo(() => [...(history.data ?? [])].sort((a, b) => a.period.localeCompare(b.period)), [history.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const periodForCategories = chosen ?? rows.at(-1)?.period ?? null;

  const columns: TableColumnsType<HistoryEntry> = [
    {
      title: 'Kỳ',
      dataIndex: 'period',
      render: (p: string, h) => (
        <Space size={4}>
          <Link to={`/periods/${p}/ranking`}>{periodLabel(p)}</Link>
          {h.status !== 'published' && <PeriodStatusTag status={h.status} />}
        </Space>
      ),
    },
    { title: 'Hạng trong nhóm', dataIndex: 'rank', align: 'center', render: (r: number | null) => r ?? '—' },
    { title: 'Tin, bài, video', dataIndex: 'articles', align: 'right', render: formatNumber },
    { title: 'Đầy đủ', dataIndex: 'full', align: 'center' },
    { title: 'Không đầy đủ', dataIndex: 'partial', align: 'center' },
    { title: 'Không cập nhật', dataIndex: 'none', align: 'center' },
    { title: 'Tự chấm', dataIndex: 'selfScore', align: 'center', render: formatScore },
    {
      title: 'Kết quả rà soát',
      dataIndex: 'score',
      align: 'center',
      render: (score: number, h) => (
        <Typography.Text type={h.selfScore !== null && h.selfScore !== score ? 'danger' : undefined}>{formatNumber(score)}</Typography.Text>
      ),
    },
  ];

  if (history.loading && !history.data) return <PageLoading />;

  return (
    <>
      <PageTitle>{unit?.name ?? 'Đơn vị'}</PageTitle>
      <ErrorNotice error={history.error} onRetry={history.reload} />
      {unit && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'group', label: 'Nhóm', children: unit.groupName },
            {
              key: 'portal',
              label: 'Cổng thông tin',
              children: unit.portalUrl ? (
                <a href={unit.portalUrl} target="_blank" rel="noopener noreferrer">
                  {unit.portalUrl}
                </a>
              ) : (
                '—'
              ),
            },
            ...(unit.retiredOn ? [{ key: 'retired', label: 'Thôi hoạt động từ', children: formatDate(unit.retiredOn) }] : []),
          ]}
        />
      )}
      <Card title="Điểm và số tin, bài theo tháng" size="small" style={{ marginBottom: 16 }}>
        {rows.length === 0 ? (
          <Empty description="Chưa có kết quả tháng nào." />
        ) : (
          <Suspense fallback={<Loading />}>
            <EChart
              option={historyChart(rows)}
              label={`Biểu đồ điểm rà soát và số tin, bài, video của ${unit?.name ?? 'đơn vị'} qua ${formatNumber(rows.length)} tháng; số liệu ở bảng ngay dưới.`}
              testId="history-chart"
            />
          </Suspense>
        )}
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<HistoryEntry>
          rowKey="period"
          size="small"
          columns={columns}
          dataSource={[...rows].reverse()}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {periodForCategories && (
        <Card
          size="small"
          title="Tình trạng cập nhật từng chuyên mục"
          extra={
            <Select
              value={periodForCategories}
              onChange={setChosen}
              style={{ width: 120 }}
              options={rows.map((h) => ({ value: h.period, label: periodLabel(h.period) }))}
              aria-label="Chọn kỳ"
            />
          }
        >
          <CategoryStatuses periodId={periodForCategories} unitId={unitId} />
        </Card>
      )}
    </>
  );
}
