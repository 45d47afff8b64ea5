/**
 * Appeals (khiếu nại) against a published deduction. A unit's editor appeals a deduction of their
 * own result within the window the rules allow; the board's reviewer upholds (a corrected
 * revision of the period, its notice issued again) or rejects, with a reason.
 */
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { type Appeal, type AppealStatus, scoringApi } from '../api/scoring';
import { useUser } from '../auth';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import { PublishedResult } from '../components/PublishedResult';
import { APPEAL_STATUS, formatDateTime, formatNumber, periodLabel } from '../format';
import { useLoad, useReturnFocus } from '../hooks';

function DecideDialog({ appeal, onClose, onDone }: { appeal: Appeal; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ uphold: boolean; reason: string; pointsAfter?: number }>();
  const uphold = Form.useWatch('uphold', form);
  const [saving, setSaving] = useState(false);
  useReturnFocus();
  const { message } = App.useApp();
  const submit = (values: { uphold: boolean; reason: string; pointsAfter?: number | null }) => {
    setSaving(true);
    scoringApi
      .decideAppeal(appeal.id, {
        uphold: values.uphold,
        reason: values.reason,
        ...(values.uphold && typeof values.pointsAfter === 'number' ? { pointsAfter: values.pointsAfter } : {}),
      })
      .then((decided) => {
        message.success(decided.status === 'upheld' ? `Đã chấp nhận; kỳ ${periodLabel(decided.periodId)} được đính chính (lần ${decided.correctionRevision}).` : 'Đã không chấp nhận khiếu nại.');
        onDone();
      })
      .catch((error: unknown) => message.error(errorMessage(error)))
      .finally(() => setSaving(false));
  };
  return (
    <Modal open title={`Xem xét khiếu nại của ${appeal.unitName}`} okText="Lưu" cancelText="Hủy" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose}>
      <Typography.Paragraph>
        Kỳ {periodLabel(appeal.periodId)}, khoản {appeal.deduction.position}: −{formatNumber(appeal.deduction.points)} điểm, {appeal.deduction.reason}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">Lý do của đơn vị: {appeal.reason}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ uphold: true }} onFinish={submit}>
        <Form.Item name="uphold">
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: 'Chấp nhận (đính chính kỳ)' },
              { value: false, label: 'Không chấp nhận' },
            ]}
          />
        </Form.Item>
        {uphold && (
          <Form.Item name="pointsAfter" label="Điểm trừ còn lại (để trống: bỏ khoản trừ)">
            <InputNumber min={0} max={appeal.deduction.points} step={0.5} precision={2} decimalSeparator="," />
          </Form.Item>
        )}
        <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do.' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The editor's own result in a published period, each deduction with its appeal button. */
function OwnResult({ unitId, onSubmitted }: { unitId: string; onSubmitted: () => void }) {
  const [params, setParams] = useSearchParams();
  const periods = useLoad(() => api.periods(), []);
  const published = useMemo(() => (periods.data ?? []).filter((p) => p.status === 'published').sort((a, b) => b.id.localeCompare(a.id)), [periods.data]);
  const period = params.get('period') ?? published[0]?.id ?? null;

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title="Kết quả của đơn vị"
      extra={
        <Select
          value={period}
          onChange={(v: string) => setParams({ period: v })}
          style={{ width: 170 }}
          options={published.map((p) => ({ value: p.id, label: `Tháng ${periodLabel(p.id)}` }))}
          aria-label="Kỳ"
        />
      }
    >
      <ErrorNotice error={periods.error} onRetry={periods.reload} />
      {periods.loading ? (
        <Loading />
      ) : !period ? (
        <Empty description="Chưa có kết quả đã công bố." />
      ) : (
        <PublishedResult key={period} periodId={period} unitId={unitId} onAppealed={onSubmitted} />
      )}
    </Card>
  );
}

export default function AppealsPage() {
  const user = useUser();
  const staff = user.role === 'admin' || user.role === 'reviewer';
  const [status, setStatus] = useState<AppealStatus | undefined>(staff ? 'pending' : undefined);
  const appeals = useLoad(() => scoringApi.appeals(status ? { status } : {}), [status]);
  const [deciding, setDeciding] = useState<Appeal | null>(null);

  return (
    <>
      <PageTitle>Khiếu nại kết quả</PageTitle>
      {user.role === 'unit-editor' && user.unitId && <OwnResult unitId={user.unitId} onSubmitted={appeals.reload} />}
      <Card
        size="small"
        title="Các khiếu nại"
        extra={
          <Select
            allowClear
            placeholder="Mọi trạng thái"
            value={status}
            onChange={(v?: AppealStatus) => setStatus(v)}
            style={{ width: 170 }}
            options={Object.entries(APPEAL_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            aria-label="Trạng thái"
          />
        }
      >
        <ErrorNotice error={appeals.error} onRetry={appeals.reload} />
        <Table<Appeal>
          data-testid="appeals"
          size="small"
          rowKey="id"
          loading={appeals.loading}
          dataSource={appeals.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: 'Chưa có khiếu nại nào.' }}
          columns={[
            { title: 'Kỳ', dataIndex: 'periodId', width: 80, render: (p: string) => periodLabel(p) },
            { title: 'Đơn vị', dataIndex: 'unitName', width: 170 },
            { title: 'Khoản trừ', key: 'deduction', render: (_, a) => `−${formatNumber(a.deduction.points)}: ${a.deduction.reason}` },
            {
              title: 'Lý do, chứng cứ',
              key: 'reason',
              render: (_, a) => (
                <>
                  <div>{a.reason}</div>
                  {a.evidence.map((e) => (
                    <div key={e}>
                      {/^https?:\/\//.test(e) ? (
                        <a href={e} target="_blank" rel="noreferrer">
                          {e}
                        </a>
                      ) : (
                        e
                      )}
                    </div>
                  ))}
                </>
              ),
            },
            { title: 'Gửi lúc', dataIndex: 'submittedAt', width: 140, render: (d: string) => formatDateTime(d) },
            {
              title: 'Trạng thái',
              key: 'status',
              width: 200,
              render: (_, a) =>
                a.status === 'pending' && staff ? (
                  <Button size="small" type="primary" onClick={() => setDeciding(a)}>
                    Xem xét
                  </Button>
                ) : (
                  <>
                    <Tag color={APPEAL_STATUS[a.status].color}>{APPEAL_STATUS[a.status].label}</Tag>
                    {a.decision && <div>{a.decision}</div>}
                    {a.correctionRevision !== null && <Typography.Text type="secondary">Đính chính lần {a.correctionRevision}</Typography.Text>}
                  </>
                ),
            },
          ]}
        />
      </Card>
      {deciding && (
        <DecideDialog
          appeal={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            appeals.reload();
          }}
        />
      )}
    </>
  );
}
