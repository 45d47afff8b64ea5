/**
 * Portal sources and what the crawler read, for the board's staff: each unit's portal and
 * per-category sources, replaced all or nothing from the JSON of `sources import` (problems in a
 * table), and a period's measured results with the evidence behind each count.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import { type Evidence, type MeasuredCategory, type MeasuredStatus, type SourceCategory, type SourcesFile, type SourceTrial, sourcesApi, type UnitSources } from '../api/sources';
import type { RowProblem } from '../api/types';
import { ErrorNotice, PageLoading, PageTitle } from '../components/common';
import { CATEGORY_STATUS, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';
import { countText, failureText, PAGER_LABELS } from '../../../src/domain/measured.js';

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

interface TrialForm {
  type: SourceCategory['source']['type'];
  url: string;
  preset?: string;
  item?: string;
  date?: string;
  next?: string;
  pages?: string;
  emptyText?: string;
}

/** "Thử nguồn": one listing read now through the server (nothing stored), with what it found. */
function SourceTrialButton({ period }: { period: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [trial, setTrial] = useState<SourceTrial | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<TrialForm>();
  const run = async (values: TrialForm) => {
    setBusy(true);
    setTrial(null);
    setFailure(null);
    const source = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    try {
      setTrial(await sourcesApi.test({ source, period }));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>Thử nguồn</Button>
      <Modal title={`Thử nguồn — kỳ ${periodLabel(period)}`} open={open} onCancel={() => setOpen(false)} footer={null} width={900} destroyOnClose>
        <Form<TrialForm> form={form} layout="vertical" initialValues={{ type: 'html' }} onFinish={(v) => void run(v)}>
          <Space wrap align="start">
            <Form.Item label="Loại" name="type">
              <Select style={{ width: 130 }} options={Object.entries(SOURCE_TYPES).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="Địa chỉ danh sách" name="url" rules={[{ required: true, message: 'Cần địa chỉ trang danh sách' }]}>
              <Input style={{ width: 480 }} placeholder="https://…" />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item label="Nền tảng (preset)" name="preset">
              <Input style={{ width: 220 }} placeholder="vd. liferay-asset-publisher" />
            </Form.Item>
            <Form.Item label="Bộ chọn mục (item)" name="item">
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="Bộ chọn ngày (date)" name="date">
              <Input style={{ width: 180 }} placeholder="time[datetime]" />
            </Form.Item>
            <Form.Item label="Trang sau (next)" name="next">
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="Mẫu trang n (pages)" name="pages">
              <Input style={{ width: 160 }} placeholder="?page={n}" />
            </Form.Item>
            <Form.Item label="Chữ khi trống (emptyText)" name="emptyText">
              <Input style={{ width: 220 }} placeholder="Không có văn bản" />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            Đọc thử
          </Button>
        </Form>
        {failure && <Alert style={{ marginTop: 16 }} type="error" showIcon message={failure} />}
        {trial && (
          <div data-testid="source-trial" style={{ marginTop: 16 }}>
            {trial.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon message={w} style={{ marginBottom: 8 }} />
            ))}
            <Alert
              type={trial.error ? 'error' : trial.complete ? 'success' : 'warning'}
              showIcon
              message={`Kỳ ${periodLabel(trial.period)}: ${countText(trial.posts, trial.complete, formatNumber)} tin, bài — ${MEASURED[trial.status].label}`}
              description={`${trial.complete ? 'Số đếm đủ' : 'Chưa đủ'}: ${trial.why}`}
            />
            {trial.pages.map((p, i) => (
              <Card
                key={`${i}-${p.url}`}
                size="small"
                style={{ marginTop: 8 }}
                title={`Trang ${formatNumber(i + 1)}${p.pager ? ` (theo ${PAGER_LABELS[p.pager] ?? p.pager})` : ''}${p.total === null ? '' : ` — trang ghi tổng ${formatNumber(p.total)} mục`}`}
              >
                <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                  {p.url}
                </Typography.Text>
                <ol style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                  {p.items.map((item) => (
                    <li key={item.url}>
                      {item.inPeriod ? <Tag color="green">trong kỳ</Tag> : null}
                      <Typography.Text type="secondary">{item.dateText ?? 'không có ngày'}</Typography.Text> — {item.title || item.url}
                    </li>
                  ))}
                </ol>
              </Card>
            ))}
          </div>
        )}
      </Modal>
    </>
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
          expandable={{ columnTitle: <span className="sr-only">Chi tiết</span>, expandedRowRender: (u) => <SourceCategories categories={u.categories} /> }}
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

/** Why a count is exact, or only a lower bound, in the reader's words. */
const BASIS: Record<string, string> = {
  older_post_seen: 'Đã đọc tới tin cũ hơn kỳ: số đếm đủ',
  last_page: 'Đã đọc tới trang cuối: số đếm đủ',
  total_read: 'Đã đọc đủ tổng số mục trang công bố',
  all_documents: 'Đã đọc mọi sitemap',
  empty_sign: 'Trang ghi rõ danh sách trống',
  more_pages: 'Chưa đọc hết danh sách: đây là số tối thiểu',
  error: 'Không đọc được hết',
};

function CrawlResults({ period }: { period: string }) {
  const crawl = useLoad(() => sourcesApi.crawl(period), [period]);
  const rows: ResultRow[] = (crawl.data?.units ?? []).flatMap((u) => u.categories.map((c) => ({ ...c, key: `${u.unitId}/${c.name}`, unitName: u.unitName })));
  return (
    <Card size="small" title={`Kết quả đọc cổng kỳ ${periodLabel(period)}`}>
      <ErrorNotice error={crawl.error} onRetry={crawl.reload} />
      <Table<ResultRow>
        data-testid="crawl-results"
        data-table-label={`Kết quả đọc cổng kỳ ${periodLabel(period)}, cuộn ngang bằng phím mũi tên`}
        size="small"
        rowKey="key"
        loading={crawl.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1250 }}
        locale={{ emptyText: <Empty description="Kỳ này chưa đọc cổng của đơn vị nào (lệnh crawl)." /> }}
        expandable={{ columnTitle: <span className="sr-only">Bằng chứng</span>, expandedRowRender: (c) => <EvidenceList items={c.evidence} />, rowExpandable: (c) => c.status !== 'unverified' }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName', width: 200 },
          { title: 'Chuyên mục', dataIndex: 'name', width: 200 },
          { title: 'Trạng thái', dataIndex: 'status', width: 170, render: (s: MeasuredStatus) => <Tag color={MEASURED[s].color}>{MEASURED[s].label}</Tag> },
          {
            title: 'Số tin / tối thiểu',
            width: 150,
            align: 'right',
            // A lower bound is never shown as an exact figure: "≥ 7" when pages were left unread.
            render: (_, c) => (
              <span title={c.complete ? undefined : BASIS[c.basis ?? ''] ?? 'Chưa đọc hết danh sách: đây là số tối thiểu'}>
                {`${countText(c.posts, c.complete, formatNumber)} / ${formatNumber(c.min)}`}
              </span>
            ),
          },
          {
            title: 'Ghi chú',
            width: 220,
            render: (_, c) =>
              c.onlyOtherCategories ? (
                <Typography.Text type="warning">Mọi tin ở đây đều thuộc các chuyên mục khác (trang chuyên mục cha)</Typography.Text>
              ) : (
                (BASIS[c.basis ?? ''] ?? '—')
              ),
          },
          {
            title: 'Tin mới nhất',
            width: 170,
            render: (_, c) => (c.latestPostAt ? `${formatWhen(c.latestPostAt)} (${formatNumber(c.daysSinceLatest ?? 0)} ngày trước)` : '—'),
          },
          { title: 'Lỗi', width: 260, render: (_, c) => (c.error ? <Typography.Text type="danger">{failureText(c.error)}</Typography.Text> : '—') },
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
  if (periods.loading && !params.get('period')) return <PageLoading />;
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
        <SourceTrialButton period={period} />
      </Space>
      <CrawlResults period={period} />
    </>
  );
}
