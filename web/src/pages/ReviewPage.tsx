/**
 * The reviewer's page for one period: each unit's result computed from the evidence (its own
 * statuses, the crawler's, overdue PAKN answers, or the rule for a unit that did not report),
 * every deduction with where it comes from. The reviewer changes a status or a deduction where
 * the evidence says otherwise (with the reason), records the board's finding for a unit that did
 * not report, accepts every unit's proposals at once with exceptions, and publishes. After
 * publishing, a change is a correction with a reason: a new revision, never an overwrite.
 */
import { CheckCircleOutlined, LinkOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  Collapse,
  DatePicker,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { reviewApi } from '../api/review';
import type { CategoryCounts, CategoryStatus, Deduction, Period, ReviewUnit } from '../api/types';
import { DeductionsEditor } from '../components/DeductionsEditor';
import { PageError, PageLoading, PageTitle, PeriodStatusTag } from '../components/common';
import { CATEGORY_STATUS, formatDate, formatNumber, formatScore, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

const PublishDialog = lazy(() => import('../components/PublishDialog'));

const REPORTING: Record<ReviewUnit['status'], { label: string; color: string }> = {
  reported: { label: 'Đã gửi tự đánh giá', color: 'green' },
  'not-reported': { label: 'Không gửi tự đánh giá', color: 'red' },
  finding: { label: 'Ban Biên tập đã ghi nhận', color: 'orange' },
};

const STATUS_OPTIONS = (Object.keys(CATEGORY_STATUS) as CategoryStatus[]).map((s) => ({ value: s, label: CATEGORY_STATUS[s].label }));

function StatusTag({ status }: { status: CategoryStatus | null }) {
  if (status === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={CATEGORY_STATUS[status].color}>{CATEGORY_STATUS[status].label}</Tag>;
}

/** What the header line says of a unit: never a bare "→ kết quả 100" for a unit that did not report. */
function summaryOf(u: ReviewUnit, open: boolean): string {
  const score = formatNumber(u.score);
  switch (u.status) {
    case 'reported':
      return `${u.selfScore === null ? 'chưa tự chấm' : `tự chấm ${formatNumber(u.selfScore)}`} → kết quả ${score}`;
    case 'not-reported':
      // While the period is open the unit may still send it.
      return open ? `chưa gửi tự đánh giá (nếu không gửi: theo quy tắc ${score})` : `không gửi tự đánh giá → theo quy tắc ${score}`;
    case 'finding':
      return `không gửi tự đánh giá, theo kết quả Ban Biên tập ghi nhận → ${score}`;
  }
}

/** The unit's result: each deduction with where it comes from, and the reviewer's change if any. */
function Result({ unit }: { unit: ReviewUnit }) {
  return (
    <div data-testid="unit-result">
      {unit.deductions.length === 0 ? (
        <Typography.Paragraph>Không có điểm trừ.</Typography.Paragraph>
      ) : (
        <ul style={{ paddingInlineStart: 20, margin: '0 0 8px' }}>
          {unit.deductions.map((d) => (
            <li key={`${d.key}-${d.reason}`}>
              <Typography.Text strong>−{formatNumber(d.points)}</Typography.Text> {d.reason} <Tag>{d.originLabel}</Tag>
              {d.uncappedPoints !== undefined && <Tag color="orange">trước giới hạn: {formatNumber(d.uncappedPoints)}</Tag>}
              {d.changed && (
                <Typography.Text type="secondary">
                  (theo quy tắc: −{formatNumber(d.changed.computedPoints)} “{d.changed.computedReason}”; đổi vì: {d.changed.why})
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      )}
      <Typography.Paragraph>
        {unit.status === 'not-reported' ? 'Nếu áp dụng quy tắc khi công bố: ' : 'Kết quả: '}
        <Typography.Text strong data-testid="unit-score">
          {formatNumber(unit.score)} điểm
        </Typography.Text>
        {unit.confirmed ? ' (đã xác nhận)' : ' (tính theo quy tắc, chưa xác nhận)'}
      </Typography.Paragraph>
      {unit.checks.map((c) => (
        <Typography.Paragraph key={c} type="warning" style={{ margin: 0 }}>
          Kiểm tra: {c}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

/** The reviewer's changes to one unit in review, or the board's finding for a unit that did not report. */
function ChangeForm({ period, unit, onChanged, onCancel }: { period: Period; unit: ReviewUnit; onChanged: () => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const finding = unit.status === 'not-reported';
  const start = (c: ReviewUnit['categories'][number]): CategoryStatus => c.reviewed ?? (unit.status === 'reported' ? (c.self ?? 'none') : 'none');
  const [statuses, setStatuses] = useState<Record<number, CategoryStatus>>(() => Object.fromEntries(unit.categories.map((c) => [c.position, start(c)])));
  const startCounts: CategoryCounts = unit.countsChange ?? (finding ? { full: 0, partial: 0, none: unit.required } : unit.counts);
  const [counts, setCounts] = useState<CategoryCounts>(startCounts);
  const [deductions, setDeductions] = useState(() => Object.fromEntries(unit.computed.map((d) => [d.key, { points: d.points, reason: d.reason }])));
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);

  const changedStatuses = unit.categories.filter((c) => statuses[c.position] !== start(c)).map((c) => ({ position: c.position, status: statuses[c.position]! }));
  const countsChanged = unit.categories.length === 0 && (counts.full !== startCounts.full || counts.partial !== startCounts.partial || counts.none !== startCounts.none);
  const changedDeductions = finding
    ? []
    : unit.computed
        .filter((d) => deductions[d.key] && (deductions[d.key]!.points !== d.points || deductions[d.key]!.reason.trim() !== d.reason))
        .map((d) => ({ key: d.key, points: deductions[d.key]!.points, reason: deductions[d.key]!.reason }));
  const anything = finding || changedStatuses.length > 0 || countsChanged || changedDeductions.length > 0;
  const sum = counts.full + counts.partial + counts.none;

  const save = async () => {
    setBusy(true);
    try {
      const body = { version: unit.version, why };
      const saved = finding
        ? await reviewApi.recordFinding(period.id, unit.unitId, {
            ...body,
            ...(unit.categories.length > 0 ? { categories: unit.categories.map((c) => ({ position: c.position, status: statuses[c.position]! })) } : { counts }),
          })
        : await reviewApi.changeReview(period.id, unit.unitId, {
            ...body,
            ...(changedStatuses.length > 0 ? { categories: changedStatuses } : {}),
            ...(countsChanged ? { counts } : {}),
            ...(changedDeductions.length > 0 ? { deductions: changedDeductions } : {}),
          });
      message.success(`${unit.unitName}: ${formatNumber(saved.score)} điểm.`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={finding ? `Ghi nhận kết quả cho ${unit.unitName}` : `Đổi theo minh chứng cho ${unit.unitName}`} data-testid="change-form">
      <Typography.Paragraph type="secondary">
        {finding
          ? 'Ghi trạng thái từng chuyên mục Ban Biên tập kiểm tra được trên cổng của đơn vị; chuyên mục không ghi tính là không cập nhật.'
          : 'Đổi trạng thái chuyên mục hoặc khoản trừ khi minh chứng cho thấy khác; kết quả và thông báo tính lại theo quy tắc.'}
      </Typography.Paragraph>
      {unit.categories.length > 0 ? (
        <Table
          size="small"
          rowKey="position"
          pagination={false}
          dataSource={unit.categories}
          columns={[
            { title: 'Chuyên mục', dataIndex: 'name' },
            ...(finding ? [] : [{ title: 'Tự đánh giá', dataIndex: 'self', render: (s: CategoryStatus | null) => <StatusTag status={s} /> }]),
            {
              title: finding ? 'Ban Biên tập ghi nhận' : 'Tính điểm',
              key: 'status',
              render: (_: unknown, c: ReviewUnit['categories'][number]) => (
                <Select
                  size="small"
                  style={{ minWidth: 150 }}
                  value={statuses[c.position]}
                  options={STATUS_OPTIONS}
                  onChange={(v: CategoryStatus) => setStatuses((all) => ({ ...all, [c.position]: v }))}
                  aria-label={`Trạng thái chuyên mục ${c.name}`}
                />
              ),
            },
          ]}
        />
      ) : (
        <Space wrap>
          {(['full', 'partial', 'none'] as const).map((k) => (
            <label key={k}>
              {CATEGORY_STATUS[k].label}:{' '}
              <InputNumber
                size="small"
                min={0}
                max={unit.required}
                precision={0}
                value={counts[k]}
                onChange={(v) => setCounts((c) => ({ ...c, [k]: v ?? 0 }))}
                aria-label={`Số chuyên mục ${CATEGORY_STATUS[k].label.toLocaleLowerCase('vi')}`}
              />
            </label>
          ))}
          {sum !== unit.required && <Typography.Text type="danger">Tổng phải bằng {formatNumber(unit.required)}.</Typography.Text>}
        </Space>
      )}
      {!finding && unit.computed.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>Khoản trừ theo quy tắc</Typography.Text> <Typography.Text type="secondary">(0 điểm: không trừ)</Typography.Text>
          {unit.computed.map((d) => (
            <Space.Compact key={d.key} style={{ display: 'flex', marginTop: 6 }}>
              <InputNumber
                min={0}
                max={100}
                step={0.5}
                precision={2}
                decimalSeparator=","
                value={deductions[d.key]?.points}
                onChange={(v) => setDeductions((all) => ({ ...all, [d.key]: { ...all[d.key]!, points: v ?? 0 } }))}
                aria-label={`Điểm trừ: ${d.originLabel}`}
                style={{ width: 110 }}
              />
              <Input
                value={deductions[d.key]?.reason}
                onChange={(e) => setDeductions((all) => ({ ...all, [d.key]: { ...all[d.key]!, reason: e.target.value } }))}
                aria-label={`Lời văn trong thông báo: ${d.originLabel}`}
              />
            </Space.Compact>
          ))}
        </div>
      )}
      <Input.TextArea
        rows={2}
        style={{ marginTop: 12 }}
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        placeholder={finding ? 'Căn cứ của Ban Biên tập (bắt buộc)' : 'Lý do thay đổi, theo minh chứng (bắt buộc)'}
        aria-label={finding ? 'Căn cứ của Ban Biên tập' : 'Lý do thay đổi'}
      />
      <Space style={{ marginTop: 8 }}>
        <Button
          type="primary"
          loading={busy}
          disabled={!anything || why.trim() === '' || (unit.categories.length === 0 && sum !== unit.required)}
          onClick={() => void save()}
        >
          {finding ? 'Ghi nhận kết quả' : 'Lưu thay đổi'}
        </Button>
        <Button onClick={onCancel}>Hủy</Button>
      </Space>
    </section>
  );
}

function Evidence({ unit }: { unit: ReviewUnit }) {
  if (unit.categories.length === 0) {
    return (
      <Space wrap>
        <Typography.Text>Chuyên mục ({formatNumber(unit.required)}):</Typography.Text>
        <Tag color={CATEGORY_STATUS.full.color}>Đầy đủ: {unit.counts.full}</Tag>
        <Tag color={CATEGORY_STATUS.partial.color}>Không đầy đủ: {unit.counts.partial}</Tag>
        <Tag color={CATEGORY_STATUS.none.color}>Không cập nhật: {unit.counts.none}</Tag>
        {unit.countsChange && <Typography.Text type="secondary">(Ban Biên tập đổi: {unit.countsChange.reason})</Typography.Text>}
      </Space>
    );
  }
  const measured = unit.categories.some((c) => c.measured !== null);
  return (
    <Table
      size="small"
      rowKey="position"
      pagination={false}
      dataSource={unit.categories}
      columns={[
        { title: 'Chuyên mục', dataIndex: 'name' },
        { title: 'Tự đánh giá', dataIndex: 'self', render: (s: CategoryStatus | null) => <StatusTag status={s} /> },
        ...(measured ? [{ title: 'Máy đo', dataIndex: 'measured', render: (s: CategoryStatus | null) => <StatusTag status={s} /> }] : []),
        {
          title: 'Tính điểm',
          key: 'status',
          render: (_: unknown, c: ReviewUnit['categories'][number]) => (
            <>
              <StatusTag status={c.status} />
              {c.reviewReason && <Typography.Text type="secondary">Ban Biên tập đổi: {c.reviewReason}</Typography.Text>}
            </>
          ),
        },
        {
          title: 'Minh chứng',
          dataIndex: 'evidenceUrl',
          render: (url: string | null) =>
            url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                <LinkOutlined /> Mở
              </a>
            ) : (
              <Typography.Text type="secondary">Không có</Typography.Text>
            ),
        },
      ]}
    />
  );
}

/**
 * Withdrawing the board's finding (recorded for the wrong unit, or on evidence that did not hold):
 * the unit is "không gửi tự đánh giá" again, with the reason in the audit log.
 */
function WithdrawFinding({ period, unit, onChanged }: { period: Period; unit: ReviewUnit; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [why, setWhy] = useState('');
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    setBusy(true);
    try {
      await reviewApi.withdrawFinding(period.id, unit.unitId, { version: unit.version, why });
      message.success(`Đã rút kết luận cho ${unit.unitName}: đơn vị trở lại “không gửi tự đánh giá”.`);
      setOpen(false);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <Button style={{ marginInlineStart: 8 }} onClick={() => setOpen(true)}>
        Rút kết luận…
      </Button>
    );
  }
  return (
    <section aria-label={`Rút kết luận của Ban Biên tập cho ${unit.unitName}`} data-testid="withdraw-finding" style={{ marginTop: 12 }}>
      <Typography.Paragraph type="secondary">
        Đơn vị sẽ trở lại “không gửi tự đánh giá”: trạng thái chuyên mục Ban Biên tập đã ghi bị bỏ; khi công bố cần kết luận mới hoặc áp dụng cách xử lý của quy tắc.
      </Typography.Paragraph>
      <Input.TextArea
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        maxLength={1000}
        autoSize={{ minRows: 2 }}
        placeholder="Lý do rút kết luận (bắt buộc)"
        aria-label="Lý do rút kết luận"
      />
      <Space style={{ marginTop: 8 }}>
        <Button danger type="primary" loading={busy} disabled={!why.trim()} onClick={() => void withdraw()}>
          Rút kết luận
        </Button>
        <Button onClick={() => setOpen(false)}>Hủy</Button>
      </Space>
    </section>
  );
}

function UnitReview({ period, unit, onChanged }: { period: Period; unit: ReviewUnit; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [correctionReason, setCorrectionReason] = useState('');
  const published = period.status === 'published';
  const inReview = period.status === 'review';

  const correct = async (deductions: Deduction[]) => {
    setBusy(true);
    try {
      await api.correct(period.id, { reason: correctionReason.trim(), unitId: unit.unitId, deductions });
      message.success('Đã ghi bản đính chính.');
      setCorrectionReason('');
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={14}>
        {unit.status === 'reported' ? (
          <Typography.Paragraph>
            Nộp lúc: {formatWhen(unit.submittedAt)} · Tin, bài, video: <b>{formatNumber(unit.articles)}</b> · Tự chấm:{' '}
            <b>{formatScore(unit.selfScore)}</b>
          </Typography.Paragraph>
        ) : (
          <Alert
            type={unit.status === 'finding' ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            title={unit.status === 'finding' ? 'Không gửi tự đánh giá; tính theo kết quả Ban Biên tập ghi nhận.' : 'Không gửi tự đánh giá.'}
            description={
              unit.finding
                ? `Căn cứ: ${unit.finding.reason}`
                : unit.status === 'not-reported'
                  ? 'Ban Biên tập ghi nhận kết quả kiểm tra cổng của đơn vị, hoặc khi công bố áp dụng cách xử lý của quy tắc (khoản trừ bên cạnh).'
                  : undefined
            }
          />
        )}
        {editing ? (
          <ChangeForm
            period={period}
            unit={unit}
            onCancel={() => setEditing(false)}
            onChanged={() => {
              setEditing(false);
              onChanged();
            }}
          />
        ) : (
          <Evidence unit={unit} />
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {published ? 'Kết quả đã công bố' : 'Kết quả tính theo quy tắc'}
        </Typography.Title>
        <Result unit={unit} />
        {period.status === 'open' && (
          <Typography.Paragraph type="secondary">
            Kỳ còn đang mở cho đơn vị tự đánh giá; bấm “Kết thúc tự đánh giá” để bắt đầu rà soát.
          </Typography.Paragraph>
        )}
        {inReview && !editing && (
          <Button onClick={() => setEditing(true)}>
            {unit.status === 'not-reported' ? 'Ghi nhận kết quả của Ban Biên tập…' : 'Đổi theo minh chứng…'}
          </Button>
        )}
        {inReview && !editing && unit.status === 'finding' && unit.finding && <WithdrawFinding period={period} unit={unit} onChanged={onChanged} />}
        {published && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
              Đính chính điểm trừ
            </Typography.Title>
            <Input.TextArea
              rows={2}
              value={correctionReason}
              placeholder="Lý do đính chính (bắt buộc)"
              onChange={(e) => setCorrectionReason(e.target.value)}
              style={{ marginBottom: 8 }}
              aria-label="Lý do đính chính"
            />
            <DeductionsEditor
              // A new list from the server starts a fresh editor.
              key={`${unit.version}-${period.revision}`}
              initial={unit.deductions.map((d) => ({ points: d.points, reason: d.reason }))}
              busy={busy}
              ready={correctionReason.trim() !== ''}
              saveLabel="Ghi đính chính"
              onSave={(d) => void correct(d)}
            />
          </>
        )}
      </Col>
    </Row>
  );
}

/**
 * Accepting every unit's proposals at once; the units listed as exceptions keep their review open.
 * onDone gets the summary of what was done, which the page keeps in view: a bulk action's count is
 * what the secretary checks before publishing, and a passing message of a few seconds is easily missed.
 */
function AcceptAllDialog({ period, units, onClose, onDone }: { period: Period; units: ReviewUnit[]; onClose: () => void; onDone: (summary: string) => void }) {
  const { message } = App.useApp();
  const [except, setExcept] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const open = units.filter((u) => !u.confirmed && u.status !== 'not-reported');
  const notReported = units.filter((u) => u.status === 'not-reported').length;
  const accept = async () => {
    setBusy(true);
    try {
      const done = await reviewApi.acceptAll(period.id, { except });
      const parts = [`Đã chấp nhận đề xuất của ${formatNumber(done.accepted.length)} đơn vị`];
      if (done.excepted.length > 0) parts.push(`${formatNumber(done.excepted.length)} đơn vị ngoại lệ để xem riêng`);
      if (done.notReported.length > 0) parts.push(`${formatNumber(done.notReported.length)} đơn vị không gửi tự đánh giá chờ kết luận hoặc áp dụng quy tắc khi công bố`);
      onDone(`${parts.join('; ')}.`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="Chấp nhận mọi đề xuất trừ điểm"
      onCancel={onClose}
      okText={`Chấp nhận ${formatNumber(open.length - except.length)} đơn vị`}
      cancelText="Hủy"
      okButtonProps={{ loading: busy, disabled: open.length - except.length === 0 }}
      onOk={() => void accept()}
    >
      <Typography.Paragraph>
        Kết quả tính theo quy tắc (kể cả các thay đổi đã ghi) của {formatNumber(open.length)} đơn vị chưa xác nhận sẽ được xác nhận trong một lần.
        {notReported > 0 && ` ${formatNumber(notReported)} đơn vị không gửi tự đánh giá không có đề xuất: ghi nhận kết quả cho đơn vị hoặc áp dụng quy tắc khi công bố.`}
      </Typography.Paragraph>
      <label htmlFor="accept-all-except">Đơn vị ngoại lệ (không chấp nhận lần này)</label>
      <Select
        id="accept-all-except"
        mode="multiple"
        allowClear
        style={{ width: '100%', marginTop: 4 }}
        placeholder="Không có ngoại lệ"
        value={except}
        onChange={setExcept}
        optionFilterProp="label"
        options={open.map((u) => ({ value: u.unitId, label: u.unitName }))}
      />
    </Modal>
  );
}

export default function ReviewPage() {
  const { period: periodId = '' } = useParams();
  const { message, modal } = App.useApp();
  const review = useLoad(() => reviewApi.review(periodId), [periodId]);
  const periods = useLoad(() => api.periods(), [periodId]);
  const [group, setGroup] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [accepting, setAccepting] = useState(false);
  // Kept on the page (not only a passing message) until a later deadline is picked: a past one locks every editor out.
  const [deadlineWarnings, setDeadlineWarnings] = useState<string[]>([]);
  const [acceptedSummary, setAcceptedSummary] = useState<string | null>(null);
  const period = periods.data?.find((p) => p.id === periodId);
  const units = review.data?.units;

  const groups = useMemo(() => [...new Set((units ?? []).map((u) => u.groupName))], [units]);
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('vi');
    return (units ?? [])
      .filter((u) => !group || u.groupName === group)
      .filter((u) => !needle || u.unitName.toLocaleLowerCase('vi').includes(needle))
      .filter((u) => !onlyDiffering || u.status !== 'reported' || (u.selfScore !== null && u.selfScore !== u.score));
    // The server sends the registry order, the order the notice's ties keep.
  }, [units, group, search, onlyDiffering]);

  if (review.loading && !review.data) return <PageLoading />;
  if (review.error || !units) return <PageError error={review.error} onRetry={review.reload} />;

  const reloadAll = () => {
    review.reload();
    periods.reload();
  };
  const reported = units.filter((u) => u.status === 'reported').length;
  const notReported = units.filter((u) => u.status === 'not-reported').length;

  /** A new deadline closes at the end of the chosen day, Vietnam time. */
  const changeDeadline = (day: Dayjs | null) => {
    if (!day) return;
    const deadline = new Date(`${day.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString();
    api.setDeadline(periodId, deadline).then(
      (changed) => {
        message.success(`Hạn nộp mới: ${formatWhen(changed.deadline)}.`);
        for (const warning of changed.warnings) message.warning(warning);
        setDeadlineWarnings(changed.warnings);
        periods.reload();
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  };

  const startReview = () =>
    modal.confirm({
      title: 'Kết thúc nhận tự đánh giá?',
      content: 'Các đơn vị sẽ không sửa được phiếu nữa; Ban Biên tập bắt đầu rà soát.',
      okText: 'Bắt đầu rà soát',
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          await api.startReview(periodId);
          message.success('Đã chuyển kỳ sang rà soát.');
          reloadAll();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  return (
    <>
      <PageTitle
        extra={
          period && (
            <Space wrap>
              {period.status === 'open' && <Button onClick={startReview}>Kết thúc tự đánh giá</Button>}
              {period.status === 'review' && <Button onClick={() => setAccepting(true)}>Chấp nhận mọi đề xuất…</Button>}
              {period.status !== 'published' && (
                <Button type="primary" danger icon={<CheckCircleOutlined />} onClick={() => setPublishing(true)}>
                  Công bố kết quả
                </Button>
              )}
              {period.status !== 'published' && <Link to={`/proposals?period=${periodId}`}>Đề xuất trừ điểm</Link>}
              <Link to={`/periods/${periodId}/ranking`}>Xem bảng xếp hạng</Link>
            </Space>
          )
        }
      >
        Rà soát tháng {periodLabel(periodId)} {period && <PeriodStatusTag status={period.status} />}
      </PageTitle>
      {period?.status === 'published' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`Kỳ đã công bố (thông báo số ${period.noticeNumber ?? '—'}${period.revision > 0 ? `, đính chính ${period.revision} lần` : ''}). Thay đổi điểm trừ sẽ thành bản đính chính có lý do.`}
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text data-testid="reporting-count">
          Đã gửi tự đánh giá: <b>{formatNumber(reported)}</b>/{formatNumber(units.length)} đơn vị
          {notReported > 0 && (
            <>
              {' '}
              · Không gửi tự đánh giá: <b>{formatNumber(notReported)}</b>
            </>
          )}
          .
        </Typography.Text>
        {period && period.status === 'open' && (
          <>
            <Typography.Text>Hạn nộp: {formatWhen(period.deadline)}</Typography.Text>
            <DatePicker size="small" format="DD/MM/YYYY" placeholder="Đổi hạn nộp" onChange={changeDeadline} aria-label="Đổi hạn nộp" />
          </>
        )}
      </Space>
      {period?.status === 'open' &&
        deadlineWarnings.map((warning) => (
          <Alert
            key={warning}
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="deadline-warning"
            title={warning}
          />
        ))}
      {period?.status === 'review' && acceptedSummary && (
        <Alert
          type="success"
          showIcon
          closable={{ 'aria-label': 'Đóng' }}
          onClose={() => setAcceptedSummary(null)}
          style={{ marginBottom: 12 }}
          data-testid="accept-all-summary"
          title={acceptedSummary}
        />
      )}
      {review.data && (
        <Typography.Paragraph type="secondary">
          {review.data.ruleSet.isDefault
            ? 'Kết quả tính theo quy tắc mặc định (chờ Ban Biên tập xác nhận).'
            : `Kết quả tính theo bộ quy tắc có hiệu lực từ ${formatDate(review.data.ruleSet.effectiveFrom)}: ${review.data.ruleSet.note}.`}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label="Lọc theo nhóm đơn vị"
          placeholder="Tất cả các nhóm"
          style={{ minWidth: 220 }}
          value={group}
          onChange={(v) => setGroup(v ?? null)}
          options={groups.map((g) => ({ value: g, label: g }))}
        />
        <Input.Search placeholder="Tìm đơn vị" aria-label="Tìm đơn vị" allowClear value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />
        <Checkbox checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.target.checked)}>
          Chỉ đơn vị có điểm tự chấm khác kết quả hoặc không gửi tự đánh giá
        </Checkbox>
      </Space>
      {period && (
        <Collapse
          data-testid="review-list"
          destroyOnHidden
          items={shown.map((u) => {
            const reporting = period.status === 'open' && u.status === 'not-reported' ? { label: 'Chưa gửi tự đánh giá', color: 'gold' } : REPORTING[u.status];
            const differs = u.status !== 'reported' || (u.selfScore !== null && u.selfScore !== u.score);
            return {
              key: u.unitId,
              label: (
                <Space wrap size={[8, 0]}>
                  <Typography.Text strong>{u.unitName}</Typography.Text>
                  <Tag color={reporting.color}>{reporting.label}</Tag>
                  {u.confirmed && <Tag color="blue">Đã xác nhận</Tag>}
                  <Typography.Text type={differs ? 'danger' : 'secondary'} data-testid="unit-summary">
                    {summaryOf(u, period.status === 'open')}
                  </Typography.Text>
                  {u.deductions.length > 0 && <Tag color="red">trừ {u.deductions.length} mục</Tag>}
                </Space>
              ),
              children: <UnitReview key={u.version} period={period} unit={u} onChanged={reloadAll} />,
            };
          })}
        />
      )}
      {period && accepting && (
        <AcceptAllDialog
          period={period}
          units={units}
          onClose={() => setAccepting(false)}
          onDone={(summary) => {
            setAccepting(false);
            setAcceptedSummary(summary);
            reloadAll();
          }}
        />
      )}
      {period && publishing && (
        <Suspense fallback={null}>
          <PublishDialog
            period={period}
            onClose={() => setPublishing(false)}
            onDone={() => {
              setPublishing(false);
              reloadAll();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
