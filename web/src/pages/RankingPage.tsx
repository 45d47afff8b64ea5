/**
 * The ranking of one period laid out like the board's notice: groups numbered I., II. with their
 * subtotal of articles, units ranked within each group, deducted scores marked and the cells
 * where a unit's self-score differs from the reviewed score highlighted.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { summaryLines } from '../../../src/domain/summary.js';
import { api } from '../api';
import { takeRanking } from '../api/handoff';
import type { Period, PeriodReport, ReportUnit, Revision } from '../api/types';
import { isStaff, useUser } from '../auth';
import { ErrorNotice, Loading, PageTitle, PeriodStatusTag } from '../components/common';
import { NewsButton } from '../components/NewsDialog';
import { formatDate, formatNumber, formatScore, formatWhen, periodLabel, romanNumeral } from '../format';
import { useLoad } from '../hooks';

type Row =
  | { kind: 'group'; key: string; numeral: string; name: string; articles: number }
  | { kind: 'unit'; key: string; unit: ReportUnit };

function rowsOf(report: PeriodReport): Row[] {
  return report.groups.flatMap((group, i): Row[] => [
    { kind: 'group', key: `g${i}`, numeral: `${romanNumeral(i + 1)}.`, name: group.name, articles: group.articles },
    ...group.units.map((unit): Row => ({ kind: 'unit', key: unit.id, unit })),
  ]);
}

const deductedPoints = (u: ReportUnit) => u.deductions.reduce((sum, d) => sum + d.points, 0);
const differs = (u: ReportUnit) => u.selfScore !== null && u.selfScore !== u.score;
/** Group rows span the name and the four category columns, like the notice's "I. Các Sở ..." line. */
const groupSpan = (span: number) => (row: Row) => ({ colSpan: row.kind === 'group' ? span : 1 });
const unitOnly = (render: (u: ReportUnit) => ReactNode) => (_: unknown, row: Row) =>
  row.kind === 'unit' ? render(row.unit) : null;

/**
 * The notice's columns. On a phone the four category columns give way to a line under the unit's
 * name, so that the articles and both scores stay on screen without scrolling.
 */
function columns(periodId: string, portalName: string, compact: boolean): TableColumnsType<Row> {
  const categoryColumns: TableColumnsType<Row> = [
    {
      title: 'Tổng số chuyên mục phải cập nhật',
      key: 'categories',
      align: 'center',
      width: 110,
      onCell: groupSpan(0),
      render: unitOnly((u) => formatNumber(u.categories)),
    },
    {
      title: 'Số lượng chuyên mục cập nhật trong tháng',
      children: [
        { title: 'Cập nhật đầy đủ', key: 'full', align: 'center', width: 96, onCell: groupSpan(0), render: unitOnly((u) => formatNumber(u.full)) },
        { title: 'Cập nhật không đầy đủ', key: 'partial', align: 'center', width: 96, onCell: groupSpan(0), render: unitOnly((u) => formatNumber(u.partial)) },
        { title: 'Không cập nhật', key: 'none', align: 'center', width: 96, onCell: groupSpan(0), render: unitOnly((u) => formatNumber(u.none)) },
      ],
    },
  ];
  return [
    {
      title: 'STT',
      key: 'rank',
      align: 'center',
      width: compact ? 40 : 56,
      render: (_, row) => (row.kind === 'group' ? row.numeral : row.unit.rank),
    },
    {
      title: 'Tên đơn vị',
      key: 'name',
      onCell: groupSpan(compact ? 1 : 5),
      render: (_, row) =>
        row.kind === 'group' ? (
          row.name
        ) : (
          <>
            <Link to={`/units/${row.unit.id}`}>{row.unit.name}</Link>
            {row.unit.reported === false && (
              <Tag color="red" data-testid="not-reported" style={{ marginInlineStart: 8 }}>
                Không gửi tự đánh giá
              </Tag>
            )}
            {compact && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                Chuyên mục: {row.unit.full}/{row.unit.categories} đầy đủ
                {row.unit.partial > 0 ? `, ${row.unit.partial} không đầy đủ` : ''}
                {row.unit.none > 0 ? `, ${row.unit.none} không cập nhật` : ''}
              </Typography.Text>
            )}
          </>
        ),
    },
    ...(compact ? [] : categoryColumns),
    {
      title: compact ? 'Tin, bài, video' : `Số lượng tin, bài, video cập nhật tháng ${periodLabel(periodId)}`,
      key: 'articles',
      align: 'center',
      width: compact ? 72 : 120,
      render: (_, row) => formatNumber(row.kind === 'group' ? row.articles : row.unit.articles),
    },
    {
      title: compact ? 'Tự chấm' : 'Các đơn vị tự đánh giá, chấm điểm',
      key: 'selfScore',
      align: 'center',
      width: compact ? 64 : 110,
      onCell: (row) => ({ className: row.kind === 'unit' && differs(row.unit) ? 'differs' : undefined }),
      render: unitOnly((u) => formatScore(u.selfScore)),
    },
    {
      title: compact ? 'Kết quả rà soát' : `Kết quả rà soát chấm điểm của ${portalName}`,
      key: 'score',
      align: 'center',
      width: compact ? 72 : 130,
      onCell: (row) => ({ className: row.kind === 'unit' && differs(row.unit) ? 'differs' : undefined }),
      render: unitOnly((u) =>
        u.deductions.length === 0 ? (
          formatNumber(u.score)
        ) : (
          // A link to the reasons written out under the table: reachable by Tab and by touch,
          // with the same reasons in a tooltip for the mouse and for the focus.
          <Tooltip title={u.deductions.map((d) => `−${formatNumber(d.points)}: ${d.reason}`).join('\n')} trigger={['hover', 'focus']}>
            <a
              className="deducted"
              data-testid={`deducted-${u.id}`}
              href={`#ly-do-tru-${u.id}`}
              aria-label={`${formatNumber(u.score)} điểm, bị trừ ${formatNumber(deductedPoints(u))}: xem lý do`}
            >
              {formatNumber(u.score)} <small>(−{formatNumber(deductedPoints(u))})</small>
            </a>
          </Tooltip>
        ),
      ),
    },
  ];
}

/** Every deduction in words, one unit per entry, each the target of its score's link. */
function DeductionReasons({ report }: { report: PeriodReport }) {
  const units = report.groups.flatMap((g) => g.units).filter((u) => u.deductions.length > 0);
  if (units.length === 0) return null;
  return (
    <section aria-labelledby="ly-do-tru" style={{ marginTop: 16 }}>
      <Typography.Title level={2} id="ly-do-tru" style={{ fontSize: 18 }}>
        Lý do trừ điểm
      </Typography.Title>
      <ul data-testid="deduction-reasons" style={{ paddingInlineStart: 20 }}>
        {units.map((u) => (
          <li key={u.id} id={`ly-do-tru-${u.id}`} tabIndex={-1}>
            <strong>{u.name}</strong> (−{formatNumber(deductedPoints(u))}):{' '}
            {u.deductions.map((d) => `−${formatNumber(d.points)}: ${d.reason}`).join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

const FORMATS = ['docx', 'pdf', 'xlsx'] as const;

/** Every published version: the notice and its corrections, each with its files as published. */
function Revisions({ period, unitNames }: { period: Period; unitNames: Map<string, string> }) {
  const { data, error } = useLoad(() => api.revisions(period.id), [period.id, period.revision]);
  if (error) return <ErrorNotice error={error} />;
  if (!data || data.length < 2) return null;
  const columns: TableColumnsType<Revision> = [
    { title: 'Bản', dataIndex: 'revision', render: (r: number) => (r === 0 ? 'Bản công bố' : `Đính chính lần ${r}`) },
    { title: 'Số, ngày', key: 'notice', render: (_, r) => `${r.noticeNumber}, ${formatDate(r.noticeDate)}` },
    { title: 'Đơn vị', dataIndex: 'unitId', render: (id: string | null) => (id ? (unitNames.get(id) ?? id) : '—') },
    { title: 'Lý do', dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
    { title: 'Người ghi, lúc', key: 'by', render: (_, r) => `${r.createdBy}, ${formatWhen(r.createdAt)}` },
    {
      title: 'Tệp',
      key: 'files',
      render: (_, r) => (
        <Space size="small">
          {FORMATS.map((f) => (
            <a key={f} href={api.noticeUrl(period.id, f, r.revision)} download>
              {f.toUpperCase()}
            </a>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <Card size="small" title="Các bản đã công bố" style={{ marginTop: 16 }} data-testid="revisions">
      <Table<Revision>
        rowKey="revision"
        size="small"
        columns={columns}
        dataSource={[...data].sort((a, b) => b.revision - a.revision)}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

function Downloads({ period }: { period: Period }) {
  return (
    <Space wrap>
      {FORMATS.map((format) => (
        <Button key={format} icon={<DownloadOutlined />} href={api.noticeUrl(period.id, format)} download>
          Tải {format.toUpperCase()}
        </Button>
      ))}
    </Space>
  );
}

export default function RankingPage() {
  const { period: periodId = '' } = useParams();
  // Handed over by the menu's redirect when it came that way, so it is not asked for twice.
  const report = useLoad(() => takeRanking(periodId), [periodId]);
  const periods = useLoad(() => api.periods(), []);
  // The notice names the provincial portal as the settings say; the table keeps that wording.
  const province = useLoad(() => api.province(), []);
  const compact = Grid.useBreakpoint().md === false;
  const period = periods.data?.find((p) => p.id === periodId);

  const published = period?.status === 'published';
  const staff = isStaff(useUser().role);
  // The heading comes first, loaded or not, so the page is named and focused at once.
  const title = (
    <PageTitle
      extra={
        <Space wrap>
          {staff && report.data && <NewsButton periodId={periodId} />}
          {published && period && <Downloads period={period} />}
        </Space>
      }
      documentTitle={`Bảng xếp hạng tháng ${periodLabel(periodId)}`}>
      Kết quả chấm điểm tháng {periodLabel(periodId)} {period && <PeriodStatusTag status={period.status} />}
    </PageTitle>
  );
  if (report.loading) return <>{title}<Loading /></>;
  if (report.error || !report.data) return <>{title}<ErrorNotice error={report.error} onRetry={report.reload} /></>;
  const data = report.data;

  return (
    <>
      {title}
      {period && !published && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Kỳ này chưa công bố: bảng dưới đây là kết quả tạm tính, có thể còn thay đổi."
        />
      )}
      <Typography.Paragraph>
        Kết quả chấm điểm mức độ cập nhật thông tin trên các Cổng Thông tin điện tử tháng {periodLabel(periodId)} (
        {formatDate(data.period.from)} – {formatDate(data.period.to)})
        {period?.noticeNumber && (
          <>
            {' '}— Thông báo số {period.noticeNumber}
            {period.noticeDate ? ` ngày ${formatDate(period.noticeDate)}` : ''}
            {period.revision > 0 ? ` (đính chính lần ${period.revision})` : ''}
          </>
        )}
        :
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="summary">
        {summaryLines(data.deducted, {
          // The notice names the units that did not report; the page says the same.
          notReported: data.groups.flatMap((g) => g.units.filter((u) => u.reported === false).map((u) => u.name)),
        }).map((line) => (
          <span key={line} style={{ display: 'block' }}>
            {line}
          </span>
        ))}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        Thang điểm: 100 điểm. <span className="differs-legend">Ô nền vàng</span>: điểm tự chấm khác kết quả rà soát;{' '}
        <span className="deducted">chữ đỏ</span>: đơn vị bị trừ điểm; chọn điểm để đến lý do, ghi ở mục
        “Lý do trừ điểm” dưới bảng.
      </Typography.Paragraph>
      <Table<Row>
        className="ranking-table"
        data-testid="ranking-table"
        rowKey="key"
        columns={columns(periodId, province.data?.settings.portalShortName || 'Cổng TTĐT tỉnh', compact)}
        dataSource={rowsOf(data)}
        rowClassName={(row) => (row.kind === 'group' ? 'group-row' : '')}
        pagination={false}
        bordered
        size="small"
        scroll={compact ? undefined : { x: 960 }}
        // On a phone the narrow number columns keep their widths and the names take the rest.
        tableLayout={compact ? 'fixed' : undefined}
      />
      <DeductionReasons report={data} />
      {published && period && (
        <Revisions period={period} unitNames={new Map(data.groups.flatMap((g) => g.units.map((u) => [u.id, u.name])))} />
      )}
    </>
  );
}
