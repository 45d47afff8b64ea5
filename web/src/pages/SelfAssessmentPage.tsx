/**
 * A unit's self-assessment for one period: the status of each required category with an evidence
 * link, the count of articles and videos, and the self-score; saved as a draft, then submitted
 * before the deadline. A save that lost a race with another writer (409 stale_version) is
 * explained and offers to reload rather than overwrite.
 */
import { ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import { reviewApi } from '../api/review';
import type { CategoryCounts, CategoryEntry, CategoryStatus, SelfAssessment } from '../api/types';
import { useUser } from '../auth';
import { PageError, PageLoading, PageTitle, PeriodStatusTag } from '../components/common';
import { PublishedResult } from '../components/PublishedResult';
import { CATEGORY_STATUS, EVALUATION_STATE, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

const STATUS_OPTIONS = (['full', 'partial', 'none'] as const).map((value) => ({
  value,
  label: CATEGORY_STATUS[value].label,
}));

interface Draft {
  categories: CategoryEntry[];
  /** Used when the group's categories are known only by number (no named entries). */
  counts: CategoryCounts;
  /** The unit's evidence links, one a line, where categories are not named. */
  evidence: string;
  articles: number;
  selfScore: number | null;
  version: number;
}

const toDraft = (s: SelfAssessment): Draft => ({
  categories: s.categories.map((c) => ({ ...c })),
  counts: { full: s.full, partial: s.partial, none: s.none },
  evidence: s.evidenceUrls.join('\n'),
  articles: s.articles,
  selfScore: s.selfScore,
  version: s.version,
});

function countsOf(draft: Draft): CategoryCounts {
  if (draft.categories.length === 0) return draft.counts;
  const counts = { full: 0, partial: 0, none: 0 };
  for (const c of draft.categories) counts[c.status] += 1;
  return counts;
}

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const evidenceLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Problems to fix before sending, in the words of the form. */
function problemsOf(draft: Draft, required: number): string[] {
  const problems: string[] = [];
  const { full, partial, none } = draft.counts;
  if (draft.categories.length === 0 && full + partial + none !== required) {
    problems.push(`Số chuyên mục đầy đủ, không đầy đủ và không cập nhật phải cộng lại bằng ${required}.`);
  }
  if (draft.categories.length === 0) {
    if (evidenceLines(draft.evidence).length > 20) problems.push('Minh chứng của đơn vị: tối đa 20 đường dẫn.');
    for (const url of evidenceLines(draft.evidence)) {
      if (!isHttpUrl(url)) problems.push(`Minh chứng "${url}": đường dẫn phải bắt đầu bằng http:// hoặc https://.`);
    }
  }
  draft.categories.forEach((c, i) => {
    if (c.evidenceUrl && !isHttpUrl(c.evidenceUrl)) {
      problems.push(`Chuyên mục ${i + 1} (${c.name}): đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.`);
    }
  });
  if (draft.selfScore === null) problems.push('Chưa nhập điểm tự chấm.');
  return problems;
}

const isPast = (deadline: string) => Date.parse(deadline) < Date.now();

/** Who an editor asks when the form is closed to them: the board's contact from the settings, or the board. */
function askWhom(contact: string | null | undefined): string {
  return contact?.trim() ? contact.trim() : 'Ban Biên tập Cổng thông tin điện tử (thư ký Ban Biên tập)';
}

function readOnlyReason(status: string | undefined, state: SelfAssessment['state'], late: boolean, contact: string | null | undefined): string {
  if (status === 'published') return 'Kỳ đã công bố; phiếu chỉ còn để xem.';
  if (status === 'review') return `Kỳ đã chuyển sang rà soát; phiếu chỉ còn để xem. Cần bổ sung, hãy liên hệ ${askWhom(contact)}.`;
  if (state !== 'draft') return 'Phiếu đã nộp; không sửa được nữa.';
  if (late) {
    return `Phiếu không sửa được nữa. Nếu đơn vị chưa kịp nộp, hãy liên hệ ${askWhom(contact)} để được gia hạn; khi Ban Biên tập đổi hạn nộp, phiếu mở lại để sửa và nộp.`;
  }
  return 'Chỉ biên tập viên của đơn vị sửa được phiếu này.';
}

export default function SelfAssessmentPage() {
  const { period: periodId = '', unitId = '' } = useParams();
  const { message } = App.useApp();
  const user = useUser();
  const loaded = useLoad(() => api.selfAssessment(periodId, unitId), [periodId, unitId]);
  const periods = useLoad(() => api.periods(), []);
  // The board's contact, for an editor who finds the form closed.
  const periodDetail = useLoad(() => reviewApi.period(periodId).catch(() => null), [periodId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  // The messages sit above the form; on a phone the buttons are far below, so bring them into view.
  const notices = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stale || problems.length > 0) notices.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [stale, problems]);

  useEffect(() => {
    if (loaded.data) {
      setDraft(toDraft(loaded.data));
      setStale(null);
    }
  }, [loaded.data]);

  // Whether the form is editable depends on the period's status: wait for both.
  if ((loaded.loading && !draft) || (periods.loading && !periods.data)) return <PageLoading />;
  if (loaded.error || !loaded.data) return <PageError error={loaded.error} onRetry={loaded.reload} />;
  if (!draft) return <PageLoading />;

  const assessment = loaded.data;
  const period = periods.data?.find((p) => p.id === periodId);
  const late = isPast(assessment.deadline);
  // The server refuses the rest (403 another unit, 409 closed); the form only avoids the attempt.
  const own = user.role === 'unit-editor' && user.unitId === unitId;
  const editable = own && period?.status === 'open' && assessment.state === 'draft' && !late;
  const named = draft.categories.length > 0;
  const counts = countsOf(draft);

  const setCategory = (index: number, change: Partial<CategoryEntry>) =>
    setDraft({ ...draft, categories: draft.categories.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  /** Saves the draft; returns the saved version or null when the save failed. */
  const save = async (): Promise<SelfAssessment | null> => {
    const found = problemsOf(draft, assessment.required);
    setProblems(found);
    if (found.length > 0) return null;
    try {
      const saved = await api.saveSelfAssessment(periodId, unitId, {
        ...(named
          ? { categories: draft.categories.map((c) => ({ ...c, evidenceUrl: c.evidenceUrl?.trim() || null })) }
          : { counts: draft.counts, evidenceUrls: evidenceLines(draft.evidence) }),
        articles: draft.articles,
        selfScore: draft.selfScore,
        version: draft.version,
      });
      setDraft(toDraft(saved));
      return saved;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') setStale(err.message);
      else message.error(errorMessage(err));
      return null;
    }
  };

  const onSave = async () => {
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) message.success('Đã lưu bản nháp.');
  };

  const onSubmit = async () => {
    setBusy('submit');
    try {
      const saved = await save();
      if (!saved) return;
      await api.submitSelfAssessment(periodId, unitId, saved.version);
      message.success('Đã nộp phiếu tự đánh giá.');
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') setStale(err.message);
      else message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const state = EVALUATION_STATE[assessment.state];

  return (
    <>
      <PageTitle>
        Tự đánh giá tháng {periodLabel(periodId)}: {assessment.unitName}
      </PageTitle>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'group', label: 'Nhóm', children: assessment.groupName },
          { key: 'period', label: 'Kỳ', children: period ? <PeriodStatusTag status={period.status} /> : periodLabel(periodId) },
          { key: 'state', label: 'Tình trạng phiếu', children: <Tag color={state.color} data-testid="assessment-state">{state.label}</Tag> },
          { key: 'submitted', label: 'Nộp lúc', children: formatWhen(assessment.submittedAt) },
        ]}
      />
      <Alert
        type={late && assessment.state === 'draft' ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="deadline"
        title={
          late
            ? `Đã hết hạn nộp phiếu tự đánh giá (${formatWhen(assessment.deadline)}).`
            : `Hạn nộp phiếu tự đánh giá: ${formatWhen(assessment.deadline)}.`
        }
        description={editable ? undefined : readOnlyReason(period?.status, assessment.state, late, periodDetail.data?.contact)}
      />
      {period?.status === 'published' && (
        // After publishing, what the board decided comes first: the score, each deduction and its appeal.
        <Card size="small" title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>Kết quả Ban Biên tập công bố</Typography.Title>} style={{ marginBottom: 16 }}>
          <PublishedResult periodId={periodId} unitId={unitId} />
        </Card>
      )}
      <div ref={notices} style={{ scrollMarginTop: 80 }} />
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="stale-alert"
          title="Phiếu đã được thay đổi ở nơi khác (người khác hoặc một tab khác) sau khi bạn mở."
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                {stale} Tải lại sẽ bỏ những gì bạn vừa sửa trên trang này.
              </Typography.Paragraph>
              <Button icon={<ReloadOutlined />} onClick={loaded.reload}>
                Tải lại phiếu
              </Button>
            </>
          }
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Cần sửa trước khi lưu"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}

      <Card
        title={`Chuyên mục phải cập nhật (${formatNumber(assessment.required)})`}
        size="small"
        style={{ marginBottom: 16 }}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="green">Đầy đủ: {counts.full}</Tag>
          <Tag color="gold">Không đầy đủ: {counts.partial}</Tag>
          <Tag color="red">Không cập nhật: {counts.none}</Tag>
        </Space>
        {named ? (
          <ol style={{ margin: 0, paddingInlineStart: 24 }} data-testid="categories">
            {draft.categories.map((category, index) => (
              <li key={category.name} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Row gutter={[12, 8]} align="middle">
                  <Col xs={24} md={8}>
                    <Typography.Text strong>{category.name}</Typography.Text>
                  </Col>
                  {editable ? (
                    <>
                      <Col xs={24} md={8}>
                        <Radio.Group
                          size="small"
                          optionType="button"
                          buttonStyle="solid"
                          options={STATUS_OPTIONS}
                          value={category.status}
                          onChange={(e) => setCategory(index, { status: e.target.value as CategoryStatus })}
                          aria-label={`Tình trạng cập nhật: ${category.name}`}
                        />
                      </Col>
                      <Col xs={24} md={8}>
                        <Input
                          size="small"
                          type="url"
                          placeholder="Đường dẫn minh chứng (https://...)"
                          value={category.evidenceUrl ?? ''}
                          status={category.evidenceUrl && !isHttpUrl(category.evidenceUrl) ? 'error' : undefined}
                          onChange={(e) => setCategory(index, { evidenceUrl: e.target.value || null })}
                          aria-label={`Minh chứng: ${category.name}`}
                        />
                      </Col>
                    </>
                  ) : (
                    // Read only: the answer as a coloured tag and the evidence as a link, easier to read than disabled inputs.
                    <>
                      <Col xs={24} md={8}>
                        <Tag color={CATEGORY_STATUS[category.status].color}>{CATEGORY_STATUS[category.status].label}</Tag>
                      </Col>
                      <Col xs={24} md={8} style={{ minWidth: 0 }}>
                        {category.evidenceUrl ? (
                          <Typography.Link href={category.evidenceUrl} target="_blank" rel="noopener noreferrer" ellipsis>
                            {category.evidenceUrl}
                          </Typography.Link>
                        ) : (
                          <Typography.Text type="secondary">Không có minh chứng</Typography.Text>
                        )}
                      </Col>
                    </>
                  )}
                </Row>
              </li>
            ))}
          </ol>
        ) : (
          <Row gutter={[16, 8]} data-testid="category-counts">
            <Col span={24}>
              <Typography.Text type="secondary">
                Kỳ này nhóm của đơn vị chưa có danh sách chuyên mục theo tên: nhập số chuyên mục theo từng mức (cộng lại bằng{' '}
                {formatNumber(assessment.required)}) và ghi minh chứng cho cả đơn vị ở ô bên dưới.
              </Typography.Text>
            </Col>
            {(['full', 'partial', 'none'] as const).map((key) => (
              <Col xs={24} sm={8} key={key}>
                <Typography.Text>{CATEGORY_STATUS[key].label}</Typography.Text>
                <InputNumber
                  style={{ width: '100%' }}
                  min={0}
                  max={assessment.required}
                  precision={0}
                  value={draft.counts[key]}
                  disabled={!editable}
                  onChange={(v) => setDraft({ ...draft, counts: { ...draft.counts, [key]: v ?? 0 } })}
                  aria-label={`Số chuyên mục ${CATEGORY_STATUS[key].label.toLowerCase()}`}
                />
              </Col>
            ))}
            <Col span={24} data-testid="unit-evidence">
              <Typography.Text>Minh chứng của đơn vị (mỗi dòng một đường dẫn, tối đa 20)</Typography.Text>
              {editable ? (
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 8 }}
                  placeholder="https://..."
                  value={draft.evidence}
                  onChange={(e) => setDraft({ ...draft, evidence: e.target.value })}
                  aria-label="Minh chứng của đơn vị"
                />
              ) : evidenceLines(draft.evidence).length > 0 ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {evidenceLines(draft.evidence).map((url) => (
                    <li key={url}>
                      <Typography.Link href={url} target="_blank" rel="noopener noreferrer">
                        {url}
                      </Typography.Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <div>
                  <Typography.Text type="secondary">Không có minh chứng</Typography.Text>
                </div>
              )}
            </Col>
          </Row>
        )}
      </Card>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={[24, 16]}>
          <Col xs={24} sm={12} md={8}>
            <Typography.Text>Số lượng tin, bài, video cập nhật trong tháng</Typography.Text>
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              precision={0}
              value={draft.articles}
              disabled={!editable}
              onChange={(v) => setDraft({ ...draft, articles: v ?? 0 })}
              aria-label="Số lượng tin, bài, video"
              data-testid="articles"
            />
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Typography.Text>Điểm tự chấm (thang 100)</Typography.Text>
            <InputNumber
              style={{ width: '100%' }}
              min={0}
              max={100}
              decimalSeparator=","
              value={draft.selfScore}
              disabled={!editable}
              onChange={(v) => setDraft({ ...draft, selfScore: v })}
              aria-label="Điểm tự chấm"
              data-testid="self-score"
            />
          </Col>
          <Col xs={24} md={8}>
            <Statistic title="Chuyên mục cập nhật đầy đủ" value={`${counts.full}/${assessment.required}`} />
          </Col>
        </Row>
      </Card>

      {editable && (
        <Space wrap>
          {/* The button being used stays enabled (a loading button ignores clicks): a disabled
              one would drop the keyboard focus to the page's start while the draft saves. */}
          <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy === 'submit'} onClick={() => void onSave()}>
            Lưu nháp
          </Button>
          <Popconfirm
            title="Nộp phiếu tự đánh giá?"
            description="Sau khi nộp, Ban Biên tập sẽ rà soát phiếu này."
            okText="Nộp"
            cancelText="Hủy"
            onConfirm={() => void onSubmit()}
          >
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy === 'save'}>
              Nộp phiếu
            </Button>
          </Popconfirm>
        </Space>
      )}
    </>
  );
}
