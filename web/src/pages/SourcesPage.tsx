/**
 * Portal sources and what the crawler read (issue 5), for the board's staff: each unit's portal and
 * per-category sources, replaced all or nothing from the JSON of `sources import` (problems in a
 * table), and a period's measured results with the evidence behind each count.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import { type Evidence, type MeasuredCategory, type MeasuredStatus, type SourceCategory, type SourcesFile, sourcesApi, type UnitSources } from '../api/sources';
import type { RowProblem } from '../api/types';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import { CATEGORY_STATUS, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

const MEASURED: Record<MeasuredStatus, { label: string; color: string }> = {
  ...CATEGORY_STATUS,
  unverified: { label: 'Chưa kiểm chứng được', color: 'default' },
};

const SOURCE_TYPES: Record<SourceCategory['source']['type'], string> = { rss: 'RSS', atom: 'Atom', sitemap: 'Sitemap', html: 'Trang HTML' };
const SELECTOR_KEYS = ['preset', 'item', 'link', 'title', 'date', 'next'] as const;

/** The stored sources in the import file's form, so what is edited round-trips through PUT. */
function asFile(units: UnitSources[]): SourcesFile {
  return { units: units.map(({ name, portal, categories }) => ({ name, portal, categories })) };
}

type Outcome = { kind: 'rejected'; message: string; problems: RowProblem[] } | { kind: 'failed'; message: string };

function SourcesEditor({ initial, onSaved }: { initial: SourcesFile; onSaved: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(() => JSON.stringify(initial, null, 2));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const save = async () => {
    setOutcome(null);
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch (err) {
      setOutcome({ kind: 'failed', message: `JSON không hợp lệ: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    setBusy(true);
    try {
      const summary = await sourcesApi.replace(file);
      message.success(`Đã lưu nguồn tin của ${formatNumber(summary.units)} đơn vị, ${formatNumber(summary.categories)} chuyên mục.`);
      onSaved();
    } catch (err) {
      setOutcome(err instanceof ApiError && err.problems.length > 0 ? { kind: 'rejected', message: err.message, problems: err.problems } : { kind: 'failed', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="sources-editor">
      <Typography.Paragraph type="secondary">
        Cùng định dạng với lệnh <Typography.Text code>sources import</Typography.Text>. Mỗi đơn vị có trong tệp được thay toàn bộ nguồn tin; nếu có lỗi thì không ghi gì cả.
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Upload
          accept=".json,application/json"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            // Loaded into the editor to be checked and saved, never sent as it is.
            void file.text().then(setText);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>Nạp tệp JSON</Button>
        </Upload>
        <Button type="primary" loading={busy} onClick={() => void save()}>
          Lưu nguồn tin
        </Button>
      </Space>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 10, maxRows: 30 }} spellCheck={false} style={{ fontFamily: 'monospace' }} aria-label="Nguồn tin (JSON)" />
      {outcome?.kind === 'failed' && <Alert style={{ marginTop: 12 }} type="error" showIcon title={outcome.message} />}
      {outcome?.kind === 'rejected' && (
        <>
          <Alert style={{ margin: '12px 0' }} type="error" showIcon title={outcome.message} description="Sửa các chỗ dưới đây rồi lưu lại." />
          <Table<RowProblem>
            data-testid="sources-problems"
            size="small"
            rowKey={(p) => `${p.column ?? ''}-${p.message}`}
            dataSource={outcome.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: 'Vị trí', dataIndex: 'column', width: '35%', render: (c: string | null) => c ?? '—' },
              { title: 'Lỗi', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </div>
  );
}

function SourceCategories({ categories }: { categories: SourceCategory[] }) {
  return (
    <Table<SourceCategory>
      size="small"
      rowKey="name"
      dataSource={categories}
      pagination={false}
      columns={[
        { title: 'Chuyên mục', dataIndex: 'name', width: 220 },
        { title: 'Tối thiểu', dataIndex: 'min', width: 90, align: 'right' },
        { title: 'Loại', width: 110, render: (_, c) => <Tag>{SOURCE_TYPES[c.source.type]}</Tag> },
        {
          title: 'Nguồn',
          render: (_, c) => (
            <>
              <Typography.Link href={c.source.url} target="_blank" rel="noreferrer">
                {c.source.url}
              </Typography.Link>
              {SELECTOR_KEYS.filter((k) => c.source[k] !== undefined).map((k) => (
                <div key={k}>
                  <Typography.Text type="secondary">{k}: </Typography.Text>
                  <Typography.Text code>{c.source[k]}</Typography.Text>
                </div>
              ))}
            </>
          ),
        },
      ]}
    />
  );
}

function Sources() {
  const sources = useLoad(() => sourcesApi.list(), []);
  const [editing, setEditing] = useState(false);
  const units = sources.data?.units ?? [];
  return (
    <Card
      size="small"
      title="Nguồn tin của các đơn vị"
      style={{ marginBottom: 16 }}
      extra={
        sources.data && (
          <Button onClick={() => setEditing((v) => !v)}>{editing ? 'Đóng trình sửa' : 'Sửa / nạp tệp JSON'}</Button>
        )
      }
    >
      <ErrorNotice error={sources.error} onRetry={sources.reload} />
      {editing && sources.data && (
        <SourcesEditor
          initial={asFile(units)}
          onSaved={() => {
            setEditing(false);
            sources.reload();
          }}
        />
      )}
      {!editing && (
        <Table<UnitSources>
          data-testid="sources-table"
          size="small"
          rowKey="unitId"
          loading={sources.loading}
          dataSource={units}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="Chưa có nguồn tin nào; hãy nạp tệp JSON." /> }}
          expandable={{ expandedRowRender: (u) => <SourceCategories categories={u.categories} /> }}
          columns={[
            { title: 'Đơn vị', dataIndex: 'name' },
            {
              title: 'Cổng thông tin',
              dataIndex: 'portal',
              render: (url: string) => (
                <Typography.Link href={url} target="_blank" rel="noreferrer">
                  {url}
                </Typography.Link>
              ),
            },
            { title: 'Số chuyên mục', width: 120, align: 'right', render: (_, u) => formatNumber(u.categories.length) },
          ]}
        />
      )}
    </Card>
  );
}

type ResultRow = MeasuredCategory & { key: string; unitName: string };

function EvidenceList({ items }: { items: Evidence[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">Không có tin nào trong kỳ.</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingLeft: 20 }}>
      {items.map((e) => (
        <li key={e.url}>
          <Typography.Link href={e.url} target="_blank" rel="noreferrer">
            {e.title}
          </Typography.Link>{' '}
          <Typography.Text type="secondary">({e.dateText ?? formatWhen(e.date)})</Typography.Text>
        </li>
      ))}
    </ol>
  );
}

function CrawlResults({ period }: { period: string }) {
  const crawl = useLoad(() => sourcesApi.crawl(period), [period]);
  const rows: ResultRow[] = (crawl.data?.units ?? []).flatMap((u) => u.categories.map((c) => ({ ...c, key: `${u.unitId}/${c.name}`, unitName: u.unitName })));
  return (
    <Card size="small" title={`Kết quả đọc cổng kỳ ${periodLabel(period)}`}>
      <ErrorNotice error={crawl.error} onRetry={crawl.reload} />
      <Table<ResultRow>
        data-testid="crawl-results"
        size="small"
        rowKey="key"
        loading={crawl.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1250 }}
        locale={{ emptyText: <Empty description="Kỳ này chưa đọc cổng của đơn vị nào (lệnh crawl)." /> }}
        expandable={{ expandedRowRender: (c) => <EvidenceList items={c.evidence} />, rowExpandable: (c) => c.status !== 'unverified' }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName', width: 200 },
          { title: 'Chuyên mục', dataIndex: 'name', width: 200 },
          { title: 'Trạng thái', dataIndex: 'status', width: 170, render: (s: MeasuredStatus) => <Tag color={MEASURED[s].color}>{MEASURED[s].label}</Tag> },
          { title: 'Số tin / tối thiểu', width: 120, align: 'right', render: (_, c) => `${c.posts === null ? '—' : formatNumber(c.posts)} / ${formatNumber(c.min)}` },
          {
            title: 'Tin mới nhất',
            width: 170,
            render: (_, c) => (c.latestPostAt ? `${formatWhen(c.latestPostAt)} (${formatNumber(c.daysSinceLatest ?? 0)} ngày trước)` : '—'),
          },
          { title: 'Lỗi', width: 260, render: (_, c) => (c.error ? <Typography.Text type="danger">{`${c.error.reason}: ${c.error.message}`}</Typography.Text> : '—') },
          { title: 'Đọc lúc', dataIndex: 'crawledAt', width: 150, render: (d: string) => formatWhen(d) },
        ]}
      />
    </Card>
  );
}

export default function SourcesPage() {
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.periods(), []);
  // The latest period by default, as on the PAKN page.
  const latest = periods.data?.map((p) => p.id).sort().at(-1);
  const period = params.get('period') ?? latest ?? dayjs().format('YYYY-MM');
  if (periods.loading && !params.get('period')) return <Loading />;
  return (
    <>
      <PageTitle>Nguồn tin &amp; kết quả đọc cổng</PageTitle>
      <Sources />
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker
          picker="month"
          format="MM/YYYY"
          value={dayjs(`${period}-01`)}
          allowClear={false}
          onChange={(value) => value && setParams({ period: value.format('YYYY-MM') })}
          aria-label="Kỳ"
        />
      </Space>
      <CrawlResults period={period} />
    </>
  );
}
