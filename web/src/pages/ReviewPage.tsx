/**
 * The reviewer's page for one period: each unit's self-assessment beside its evidence links, the
 * itemised deductions, and the steps of the month (close self-assessment, publish). After
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
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { errorMessage } from '../api/client';
import type { Deduction, Evaluation, Period } from '../api/types';
import { DeductionsEditor } from '../components/DeductionsEditor';
import { ErrorNotice, Loading, PageTitle, PeriodStatusTag } from '../components/common';
import { CATEGORY_STATUS, EVALUATION_STATE, formatNumber, formatScore, formatWhen, periodLabel } from '../format';
import { useLoad } from '../hooks';

function Evidence({ evaluation }: { evaluation: Evaluation }) {
  return (
    <Table
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={evaluation.categories}
      columns={[
        { title: 'Chuyên mục', dataIndex: 'name' },
        {
          title: 'Tự đánh giá',
          dataIndex: 'status',
          render: (status: keyof typeof CATEGORY_STATUS) => (
            <Tag color={CATEGORY_STATUS[status].color}>{CATEGORY_STATUS[status].label}</Tag>
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

function UnitReview({ period, evaluation, onChanged }: { period: Period; evaluation: Evaluation; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [correctionReason, setCorrectionReason] = useState('');
  const published = period.status === 'published';
  // Deductions are set during the review; after publishing they change only by a correction.
  const open = period.status === 'open';

  const save = async (deductions: Deduction[]) => {
    setBusy(true);
    try {
      if (published) {
        await api.correct(period.id, { reason: correctionReason.trim(), unitId: evaluation.unitId, deductions });
        message.success('Đã ghi bản đính chính.');
        setCorrectionReason('');
      } else {
        await api.saveDeductions(period.id, evaluation.unitId, { deductions, version: evaluation.version });
        message.success(`Đã lưu điểm trừ của ${evaluation.unitName}.`);
      }
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
        <Typography.Paragraph>
          Nộp lúc: {formatWhen(evaluation.submittedAt)} · Tin, bài, video: <b>{formatNumber(evaluation.articles)}</b> · Tự
          chấm: <b>{formatScore(evaluation.selfScore)}</b>
        </Typography.Paragraph>
        {evaluation.categories.length > 0 ? (
          <Evidence evaluation={evaluation} />
        ) : (
          <Space wrap>
            <Typography.Text>Chuyên mục ({formatNumber(evaluation.required)}):</Typography.Text>
            <Tag color={CATEGORY_STATUS.full.color}>Đầy đủ: {evaluation.full}</Tag>
            <Tag color={CATEGORY_STATUS.partial.color}>Không đầy đủ: {evaluation.partial}</Tag>
            <Tag color={CATEGORY_STATUS.none.color}>Không cập nhật: {evaluation.none}</Tag>
            <Typography.Text type="secondary">(nhóm chưa có danh sách chuyên mục theo tên, không có minh chứng từng mục)</Typography.Text>
          </Space>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Typography.Title level={5}>{published ? 'Đính chính điểm trừ' : 'Điểm trừ'}</Typography.Title>
        {open && (
          <Typography.Paragraph type="secondary">
            Kỳ còn đang mở cho đơn vị tự đánh giá; bấm “Kết thúc tự đánh giá” để bắt đầu rà soát và trừ điểm.
          </Typography.Paragraph>
        )}
        {published && (
          <Input.TextArea
            rows={2}
            value={correctionReason}
            placeholder="Lý do đính chính (bắt buộc)"
            onChange={(e) => setCorrectionReason(e.target.value)}
            style={{ marginBottom: 8 }}
            aria-label="Lý do đính chính"
          />
        )}
        <DeductionsEditor
          // A new list from the server starts a fresh editor.
          key={`${evaluation.version}-${period.revision}`}
          initial={evaluation.deductions}
          disabled={open}
          busy={busy}
          ready={!published || correctionReason.trim() !== ''}
          saveLabel={published ? 'Ghi đính chính' : 'Lưu điểm trừ'}
          onSave={(d) => void save(d)}
        />
      </Col>
    </Row>
  );
}

function PublishDialog({ period, open, onClose, onDone }: { period: Period; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ number?: string; date?: Dayjs }>();

  const publish = async () => {
    const values = form.getFieldsValue();
    setBusy(true);
    try {
      const done = await api.publish(period.id, {
        ...(values.number?.trim() ? { number: values.number.trim() } : {}),
        ...(values.date ? { date: values.date.format('YYYY-MM-DD') } : {}),
      });
      message.success(`Đã công bố kỳ ${periodLabel(period.id)}: thông báo số ${done.noticeNumber ?? ''}.`);
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Công bố kết quả tháng ${periodLabel(period.id)}?`}
      open={open}
      okText="Công bố"
      cancelText="Hủy"
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      onOk={() => void publish()}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        Công bố sẽ khóa kỳ, cấp số và ngày cho thông báo, tạo các tệp DOCX/PDF/XLSX và cho các đơn vị xem kết quả. Sau
        đó mọi thay đổi phải là bản đính chính.
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="number" label="Số thông báo (để trống: cấp số tiếp theo)">
          <Input placeholder="VD: 03/BBT-CTTĐT" />
        </Form.Item>
        <Form.Item name="date" label="Ngày thông báo (để trống: hôm nay)">
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ReviewPage() {
  const { period: periodId = '' } = useParams();
  const { message, modal } = App.useApp();
  const evaluations = useLoad(() => api.evaluations(periodId), [periodId]);
  const periods = useLoad(() => api.periods(), [periodId]);
  const [group, setGroup] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [onlyDiffering, setOnlyDiffering] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const period = periods.data?.find((p) => p.id === periodId);

  const groups = useMemo(
    () => [...new Set((evaluations.data ?? []).map((e) => e.groupName))],
    [evaluations.data],
  );
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('vi');
    return (evaluations.data ?? [])
      .filter((e) => !group || e.groupName === group)
      .filter((e) => !needle || e.unitName.toLocaleLowerCase('vi').includes(needle))
      .filter((e) => !onlyDiffering || (e.selfScore !== null && e.selfScore !== e.score));
    // The server sends the registry order, the order the notice's ties keep.
  }, [evaluations.data, group, search, onlyDiffering]);

  if (evaluations.loading && !evaluations.data) return <Loading />;
  if (evaluations.error || !evaluations.data) return <ErrorNotice error={evaluations.error} onRetry={evaluations.reload} />;

  const reloadAll = () => {
    evaluations.reload();
    periods.reload();
  };
  const submitted = evaluations.data.filter((e) => e.state !== 'draft').length;

  /** A new deadline closes at the end of the chosen day, Vietnam time. */
  const changeDeadline = (day: Dayjs | null) => {
    if (!day) return;
    const deadline = new Date(`${day.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString();
    api.setDeadline(periodId, deadline).then(
      (changed) => {
        message.success(`Hạn nộp mới: ${formatWhen(changed.deadline)}.`);
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
        <Typography.Text>
          Đã nộp: <b>{formatNumber(submitted)}</b>/{formatNumber(evaluations.data.length)} đơn vị.
        </Typography.Text>
        {period && period.status === 'open' && (
          <>
            <Typography.Text>Hạn nộp: {formatWhen(period.deadline)}</Typography.Text>
            <DatePicker size="small" format="DD/MM/YYYY" placeholder="Đổi hạn nộp" onChange={changeDeadline} aria-label="Đổi hạn nộp" />
          </>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="Tất cả các nhóm"
          style={{ minWidth: 220 }}
          value={group}
          onChange={(v) => setGroup(v ?? null)}
          options={groups.map((g) => ({ value: g, label: g }))}
        />
        <Input.Search placeholder="Tìm đơn vị" allowClear value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} />
        <Checkbox checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.target.checked)}>
          Chỉ đơn vị có điểm tự chấm khác kết quả
        </Checkbox>
      </Space>
      {period && (
        <Collapse
          data-testid="review-list"
          destroyOnHidden
          items={shown.map((e) => {
            const state = EVALUATION_STATE[e.state];
            const differs = e.selfScore !== null && e.selfScore !== e.score;
            return {
              key: e.unitId,
              label: (
                <Space wrap size={[8, 0]}>
                  <Typography.Text strong>{e.unitName}</Typography.Text>
                  <Tag color={state.color}>{state.label}</Tag>
                  <Typography.Text type="secondary">
                    {e.selfScore === null ? 'chưa tự chấm' : `tự chấm ${formatNumber(e.selfScore)}`} → kết quả{' '}
                    <Typography.Text type={differs ? 'danger' : undefined} strong={differs}>
                      {formatNumber(e.score)}
                    </Typography.Text>
                  </Typography.Text>
                  {e.deductions.length > 0 && <Tag color="red">trừ {e.deductions.length} mục</Tag>}
                </Space>
              ),
              children: <UnitReview period={period} evaluation={e} onChanged={reloadAll} />,
            };
          })}
        />
      )}
      {period && (
        <PublishDialog
          period={period}
          open={publishing}
          onClose={() => setPublishing(false)}
          onDone={() => {
            setPublishing(false);
            reloadAll();
          }}
        />
      )}
    </>
  );
}
