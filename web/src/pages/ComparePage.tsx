/** The units of one group side by side for one period: articles as bars, reviewed and self-scores as lines. */
import { Card, Empty, Grid, Select, Space, Table } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api } from '../api';
import type { ReportGroup } from '../api/types';
import { ErrorNotice, Loading, PageLoading, PageTitle } from '../components/common';
import type { ChartOption } from '../components/EChart';
import { formatNumber, formatScore, periodLabel } from '../format';
import { useLoad } from '../hooks';

const EChart = lazy(() => import('../components/EChart'));

function groupChart(group: ReportGroup, narrow: boolean): ChartOption {
  // Ranked order, best first, reads top-down as horizontal bars on every screen.
  const units = [...group.units].reverse();
  const names = units.map((u) => u.name);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')) },
    legend: { data: ['Tin, bài, video', 'Điểm rà soát', 'Điểm tự chấm'], top: 0 },
    grid: { left: 8, right: 24, top: 72, bottom: 24, containLabel: true },
    yAxis: { type: 'category', data: names, axisLabel: { width: narrow ? 120 : 260, overflow: 'truncate' } },
    // Articles on the bottom axis, scores (0–100) on the top one; the legend says which is which.
    xAxis: [
      { type: 'value', position: 'bottom', axisLabel: { formatter: (v: number) => formatNumber(v) } },
      { type: 'value', position: 'top', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        name: 'Tin, bài, video',
        type: 'bar',
        xAxisIndex: 0,
        data: units.map((u) => u.articles),
        itemStyle: { color: '#91caff' },
        label: { show: true, position: 'right', formatter: (p) => formatNumber(Number(p.value)) },
      },
      // Scores are marks, not a line: the units are not a sequence.
      { name: 'Điểm rà soát', type: 'line', xAxisIndex: 1, data: units.map((u) => u.score), lineStyle: { width: 0 }, showAllSymbol: true, symbolSize: 9, itemStyle: { color: '#b71c1c' } },
      { name: 'Điểm tự chấm', type: 'line', xAxisIndex: 1, data: units.map((u) => u.selfScore), lineStyle: { width: 0 }, showAllSymbol: true, symbol: 'diamond', symbolSize: 9, itemStyle: { color: '#faad14' } },
    ],
  };
}

export default function ComparePage() {
  const periods = useLoad(() => api.periods(), []);
  const sorted = useMemo(() => [...(periods.data ?? [])].sort((a, b) => b.id.localeCompare(a.id)), [periods.data]);
  const [chosenPeriod, setChosenPeriod] = useState<string | null>(null);
  const periodId = chosenPeriod ?? sorted.find((p) => p.status === 'published')?.id ?? sorted[0]?.id ?? null;
  const report = useLoad(() => (periodId ? api.ranking(periodId) : Promise.resolve(null)), [periodId]);
  const [groupIndex, setGroupIndex] = useState(0);
  const group = report.data?.groups[groupIndex] ?? report.data?.groups[0];
  const narrow = Grid.useBreakpoint().md === false;

  if (periods.loading) return <PageLoading />;

  return (
    <>
      <PageTitle>So sánh các đơn vị trong nhóm</PageTitle>
      <ErrorNotice error={periods.error ?? report.error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={periodId}
          onChange={(v) => setChosenPeriod(v)}
          style={{ width: 170 }}
          options={sorted.map((p) => ({ value: p.id, label: `Tháng ${periodLabel(p.id)}` }))}
          aria-label="Kỳ"
        />
        <Select
          value={groupIndex}
          onChange={setGroupIndex}
          style={{ minWidth: 260 }}
          options={(report.data?.groups ?? []).map((g, i) => ({ value: i, label: g.name }))}
          aria-label="Nhóm"
        />
      </Space>
      <Card size="small" title={group ? `${group.name}: tổng ${formatNumber(group.articles)} tin, bài, video` : undefined}>
        {report.loading ? (
          <Loading />
        ) : !group || group.units.length === 0 ? (
          <Empty description="Không có dữ liệu." />
        ) : (
          <Suspense fallback={<Loading />}>
            <EChart
              option={groupChart(group, narrow)}
              label={`Biểu đồ so sánh ${group.name} tháng ${periodLabel(periodId ?? '')}: số tin, bài, video, điểm rà soát và điểm tự chấm của từng đơn vị; số liệu ở bảng ngay dưới.`}
              height={Math.max(320, group.units.length * 30 + 100)}
              testId="compare-chart"
            />
          </Suspense>
        )}
      </Card>
      {/* The chart's figures as text: what a screen reader reads and what one copies. */}
      {group && group.units.length > 0 && !report.loading && (
        <Card size="small" title="Số liệu của biểu đồ" style={{ marginTop: 16 }}>
          <Table
            data-testid="compare-table"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={group.units}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: 'Hạng', dataIndex: 'rank', width: 64, align: 'center' },
              { title: 'Tên đơn vị', dataIndex: 'name' },
              { title: 'Tin, bài, video', dataIndex: 'articles', align: 'right', render: (v: number) => formatNumber(v) },
              { title: 'Điểm rà soát', dataIndex: 'score', align: 'right', render: (v: number) => formatNumber(v) },
              { title: 'Điểm tự chấm', dataIndex: 'selfScore', align: 'right', render: (v: number | null) => formatScore(v) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
