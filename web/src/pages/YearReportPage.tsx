/**
 * The year's or a quarter's results for the emulation and awards file: per group, the units
 * ranked by average score, with a chart of the averages and the XLSX/DOCX files.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Grid, Segmented, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { scoringApi, type SpanReport } from '../api/scoring';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import type { ChartOption } from '../components/EChart';
import { formatNumber, periodLabel } from '../format';
import { useLoad } from '../hooks';

const EChart = lazy(() => import('../components/EChart'));

type SpanUnit = SpanReport['groups'][number]['units'][number];
const QUARTERS = ['Cả năm', 'Quý I', 'Quý II', 'Quý III', 'Quý IV'] as const;

function averagesChart(units: SpanUnit[], narrow: boolean): ChartOption {
  // Best first, read top-down as horizontal bars.
  const rows = [...units].reverse();
  const lowest = Math.min(...units.map((u) => u.average));
  // Averages sit near the scale's top: starting the axis a little below the lowest shows the gaps.
  const min = Math.max(0, Math.min(95, Math.floor(lowest) - 1));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? formatNumber(v) : String(v ?? '')) },
    grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
    yAxis: { type: 'category', data: rows.map((u) => u.name), axisLabel: { width: narrow ? 120 : 260, overflow: 'truncate' } },
    xAxis: { type: 'value', min, max: 100, minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [
      {
        name: 'Điểm bình quân',
        type: 'bar',
        data: rows.map((u) => u.average),
        itemStyle: { color: '#b71c1c' },
        label: { show: true, position: 'right', formatter: (p) => formatNumber(Number(p.value)) },
      },
    ],
  };
}

export default function YearReportPage() {
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.periods(), []);
  const narrow = Grid.useBreakpoint().md === false;
  // Without a chosen year, the year of the latest published notice: the one the board reports on.
  const latestYear = useMemo(() => {
    const published = (periods.data ?? []).filter((p) => p.status === 'published').map((p) => p.id).sort();
    return published.length > 0 ? Number(published[published.length - 1]!.slice(0, 4)) : dayjs().year();
  }, [periods.data]);
  const requested = params.get('year');
  const year = requested && /^\d{4}$/.test(requested) ? Number(requested) : latestYear;
  const quarter = Number(params.get('quarter') ?? '0');
  const span = quarter >= 1 && quarter <= 4 ? `${year}-Q${quarter}` : String(year);
  const report = useLoad(() => (periods.loading ? Promise.resolve(null) : scoringApi.spanReport(span)), [span, periods.loading]);
  const [chartGroup, setChartGroup] = useState(0);

  const choose = (next: { year?: number; quarter?: number }) =>
    setParams({ year: String(next.year ?? year), ...((next.quarter ?? quarter) > 0 ? { quarter: String(next.quarter ?? quarter) } : {}) });

  const title = quarter > 0 ? `${QUARTERS[quarter]} năm ${year}` : `Năm ${year}`;
  const groups = report.data?.groups ?? [];
  const shown = groups[chartGroup] ?? groups[0];

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {(['xlsx', 'docx'] as const).map((format) => (
              <Button key={format} icon={<DownloadOutlined />} href={scoringApi.spanFileUrl(span, format)} download>
                {format.toUpperCase()}
              </Button>
            ))}
          </Space>
        }
      >
        Tổng hợp năm, quý
      </PageTitle>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="year"
          value={dayjs(`${year}-01-01`)}
          allowClear={false}
          onChange={(value) => value && choose({ year: value.year() })}
          aria-label="Năm"
        />
        <Segmented
          value={quarter}
          onChange={(value) => choose({ quarter: Number(value) })}
          options={QUARTERS.map((label, i) => ({ label, value: i }))}
        />
      </Space>
      <ErrorNotice error={periods.error ?? report.error} onRetry={report.reload} />
      {report.loading || periods.loading ? (
        <Loading />
      ) : !report.data || report.data.periods.length === 0 ? (
        <Empty description={`${title}: chưa có kỳ nào đã công bố.`} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${title}: tính ${formatNumber(report.data.periods.length)} kỳ đã công bố (${report.data.periods.map(periodLabel).join(', ')}).`}
            description="Xếp theo điểm bình quân giảm dần, rồi tổng số tin, bài; mỗi đơn vị chỉ tính các tháng được chấm."
          />
          {groups.map((group, index) => (
            <Card key={group.name} size="small" title={`${index + 1}. ${group.name}`} style={{ marginBottom: 16 }}>
              <Table<SpanUnit>
                data-testid="span-table"
                size="small"
                rowKey="id"
                dataSource={group.units}
                pagination={false}
                columns={[
                  { title: 'Hạng', dataIndex: 'rank', width: narrow ? 52 : 64, align: 'center' },
                  { title: 'Tên đơn vị', dataIndex: 'name' },
                  // On a phone the two month counts give way to the average and the articles.
                  { title: 'Số tháng được chấm', dataIndex: 'months', width: 110, align: 'right', responsive: ['md'] },
                  { title: narrow ? 'Điểm BQ' : 'Điểm bình quân', dataIndex: 'average', width: narrow ? 72 : 110, align: 'right', render: (v: number) => <Typography.Text strong>{formatNumber(v)}</Typography.Text> },
                  { title: 'Số tháng bị trừ điểm', dataIndex: 'deductedMonths', width: 110, align: 'right', responsive: ['md'] },
                  { title: narrow ? 'Tin, bài' : 'Tổng số tin, bài, video', dataIndex: 'articles', width: narrow ? 72 : 130, align: 'right', render: (v: number) => formatNumber(v) },
                ]}
              />
            </Card>
          ))}
          {shown && (
            <Card
              size="small"
              title="Điểm bình quân"
              extra={
                groups.length > 1 && (
                  <Segmented
                    size="small"
                    value={chartGroup}
                    onChange={(v) => setChartGroup(Number(v))}
                    options={groups.map((g, i) => ({ label: narrow ? `Nhóm ${i + 1}` : g.name, value: i }))}
                  />
                )
              }
            >
              <Suspense fallback={<Loading />}>
                <EChart
                  option={averagesChart(shown.units, narrow)}
                  label={`Biểu đồ điểm bình quân, ${shown.name}; số liệu ở bảng của nhóm này phía trên.`}
                  height={Math.max(240, shown.units.length * 28 + 60)}
                  testId="span-chart"
                />
              </Suspense>
            </Card>
          )}
        </>
      )}
    </>
  );
}
