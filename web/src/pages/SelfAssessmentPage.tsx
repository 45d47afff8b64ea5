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
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import type { CategoryEntry, CategoryStatus, SelfAssessment } from '../api/types';
import { ErrorNotice, Loading, PageTitle, PeriodStatusTag } from '../components/common';
import { CATEGORY_STATUS, EVALUATION_STATE, formatNumber, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

const STATUS_OPTIONS = (['full', 'partial', 'none'] as const).map((value) => ({
  value,
  label: CATEGORY_STATUS[value].label,
}));

interface Draft {
  categories: CategoryEntry[];
  articles: number;
  selfScore: number | null;
  version: number;
}

const toDraft = (s: SelfAssessment): Draft => ({
  categories: s.categories.map((c) => ({ ...c })),
  articles: s.articles,
  selfScore: s.selfScore,
  version: s.version,
});

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Problems to fix before sending, in the words of the form. */
function problemsOf(draft: Draft): string[] {
  const problems: string[] = [];
  draft.categories.forEach((c, i) => {
    if (c.evidenceUrl && !isHttpUrl(c.evidenceUrl)) {
      problems.push(`Chuyên mục ${i + 1} (${c.name}): đường dẫn minh chứng phải bắt đầu bằng http:// hoặc https://.`);
    }
  });
  if (draft.selfScore === null) problems.push('Chưa nhập điểm tự chấm.');
  return problems;
}

function isPast(deadline: string | null): boolean {
  if (!deadline) return false;
  // A bare date is open until the end of that day in Vietnam.
  const end = /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? new Date(`${deadline}T23:59:59+07:00`) : new Date(deadline);
  return end.getTime() < Date.now();
}

export default function SelfAssessmentPage() {
  const { period: periodId = '', unitId = '' } = useParams();
  const { message } = App.useApp();
  const loaded = useLoad(() => api.selfAssessment(periodId, unitId), [periodId, unitId]);
  const periods = useLoad(() => api.periods(), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);

  useEffect(() => {
    if (loaded.data) {
      setDraft(toDraft(loaded.data));
      setStale(null);
    }
  }, [loaded.data]);

  if (loaded.loading && !draft) return <Loading />;
  if (loaded.error || !loaded.data) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (!draft) return <Loading />;

  const assessment = loaded.data;
  const period = periods.data?.find((p) => p.id === periodId);
  const editable = period?.status === 'open' && assessment.state !== 'reviewed';
  const counts = { full: 0, partial: 0, none: 0 };
  for (const c of draft.categories) counts[c.status] += 1;

  const setCategory = (index: number, change: Partial<CategoryEntry>) =>
    setDraft({ ...draft, categories: draft.categories.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  /** Saves the draft; returns the saved version or null when the save failed. */
  const save = async (): Promise<SelfAssessment | null> => {
    const found = problemsOf(draft);
    setProblems(found);
    if (found.length > 0) return null;
    try {
      const saved = await api.saveSelfAssessment(periodId, unitId, {
        categories: draft.categories.map((c) => ({ ...c, evidenceUrl: c.evidenceUrl?.trim() || null })),
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
      if (!(await save())) return;
      await api.submitSelfAssessment(periodId, unitId);
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
  const late = isPast(assessment.deadline);

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
      {assessment.deadline && (
        <Alert
          type={late ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={
            late
              ? `Đã quá hạn nộp (${formatWhen(assessment.deadline)}).`
              : `Hạn nộp phiếu tự đánh giá: ${formatWhen(assessment.deadline)}.`
          }
        />
      )}
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            period?.status === 'published'
              ? 'Kỳ đã công bố; phiếu chỉ còn để xem.'
              : 'Kỳ không còn nhận tự đánh giá; phiếu chỉ còn để xem.'
          }
        />
      )}
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="stale-alert"
          title="Phiếu đã được thay đổi ở nơi khác (người khác hoặc một tab khác) sau khi bạn mở."
          description={`${stale} Tải lại sẽ bỏ những gì bạn vừa sửa trên trang này.`}
          action={
            <Button icon={<ReloadOutlined />} onClick={loaded.reload}>
              Tải lại phiếu
            </Button>
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

      <Card title={`Chuyên mục phải cập nhật (${formatNumber(draft.categories.length)})`} size="small" style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color="green">Đầy đủ: {counts.full}</Tag>
          <Tag color="gold">Không đầy đủ: {counts.partial}</Tag>
          <Tag color="red">Không cập nhật: {counts.none}</Tag>
        </Space>
        <ol style={{ margin: 0, paddingInlineStart: 24 }} data-testid="categories">
          {draft.categories.map((category, index) => (
            <li key={category.name} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Row gutter={[12, 8]} align="middle">
                <Col xs={24} md={8}>
                  <Typography.Text strong>{category.name}</Typography.Text>
                </Col>
                <Col xs={24} md={8}>
                  <Radio.Group
                    size="small"
                    optionType="button"
                    buttonStyle="solid"
                    options={STATUS_OPTIONS}
                    value={category.status}
                    disabled={!editable}
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
                    disabled={!editable}
                    status={category.evidenceUrl && !isHttpUrl(category.evidenceUrl) ? 'error' : undefined}
                    onChange={(e) => setCategory(index, { evidenceUrl: e.target.value || null })}
                    aria-label={`Minh chứng: ${category.name}`}
                  />
                </Col>
              </Row>
            </li>
          ))}
        </ol>
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
              step={0.5}
              precision={2}
              value={draft.selfScore}
              disabled={!editable}
              onChange={(v) => setDraft({ ...draft, selfScore: v })}
              aria-label="Điểm tự chấm"
              data-testid="self-score"
            />
          </Col>
          <Col xs={24} md={8}>
            <Statistic title="Chuyên mục cập nhật đầy đủ" value={`${counts.full}/${draft.categories.length}`} />
          </Col>
        </Row>
      </Card>

      {editable && (
        <Space wrap>
          <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy !== null} onClick={() => void onSave()}>
            Lưu nháp
          </Button>
          <Popconfirm
            title="Nộp phiếu tự đánh giá?"
            description="Sau khi nộp, Ban Biên tập sẽ rà soát phiếu này."
            okText="Nộp"
            cancelText="Hủy"
            onConfirm={() => void onSubmit()}
          >
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy !== null}>
              {assessment.state === 'submitted' ? 'Nộp lại' : 'Nộp phiếu'}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </>
  );
}
