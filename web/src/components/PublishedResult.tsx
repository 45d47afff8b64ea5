/**
 * A unit's result as the board published it: the score and rank, each deduction with its reason,
 * and the appeal button beside each deduction while the appeal window is open. The editor sees it
 * on their self-assessment page and on the appeals page; the published ranking is the source, so
 * what they read is what the notice says.
 */
import { App, Button, Empty, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { scoringApi } from '../api/scoring';
import type { Deduction } from '../api/types';
import { formatDate, formatNumber, todayInVietnam } from '../format';
import { useLoad, useReturnFocus } from '../hooks';
import { ErrorNotice, Loading } from './common';

function AppealDialog({
  period,
  unitId,
  position,
  deduction,
  onClose,
  onDone,
}: {
  period: string;
  unitId: string;
  position: number;
  deduction: Deduction;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason: string; evidence: string }>();
  const [saving, setSaving] = useState(false);
  useReturnFocus();
  const { message } = App.useApp();
  const submit = ({ reason, evidence }: { reason: string; evidence?: string }) => {
    setSaving(true);
    const links = (evidence ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    scoringApi
      .submitAppeal({ periodId: period, unitId, deduction: position, reason, evidence: links })
      .then(() => {
        message.success('Đã gửi khiếu nại.');
        onDone();
      })
      .catch((error: unknown) => message.error(errorMessage(error)))
      .finally(() => setSaving(false));
  };
  return (
    <Modal open title="Khiếu nại khoản trừ điểm" okText="Gửi khiếu nại" cancelText="Hủy" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose}>
      <Typography.Paragraph>
        Khoản {position}: −{formatNumber(deduction.points)} điểm, {deduction.reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label="Lý do khiếu nại" rules={[{ required: true, whitespace: true, message: 'Cần nêu lý do.' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="evidence" label="Tài liệu, đường dẫn chứng minh (mỗi dòng một mục)">
          <Input.TextArea rows={3} placeholder="https://..." />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The published result of one unit in one published period. `onAppealed` lets a page that lists
 * appeals load them again after one is sent.
 */
export function PublishedResult({ periodId, unitId, onAppealed }: { periodId: string; unitId: string; onAppealed?: () => void }) {
  const ranking = useLoad(() => api.ranking(periodId), [periodId]);
  const deadline = useLoad(() => scoringApi.appealDeadline(periodId), [periodId]);
  const appeals = useLoad(() => scoringApi.appeals({ period: periodId }), [periodId]);
  const [appealing, setAppealing] = useState<{ position: number; deduction: Deduction } | null>(null);

  if (ranking.loading && !ranking.data) return <Loading />;
  if (ranking.error) return <ErrorNotice error={ranking.error} onRetry={ranking.reload} />;
  const row = ranking.data?.groups.flatMap((g) => g.units).find((u) => u.id === unitId);
  if (!row) return <Empty description="Chưa có kết quả đã công bố." />;

  // The server decides (409 after the deadline); this only spares a form that cannot be sent.
  const last = deadline.data?.deadline ?? null;
  const closed = deadline.data ? last === null || last < todayInVietnam() : true;
  const pending = new Set(
    (appeals.data ?? []).filter((a) => a.unitId === unitId && a.status === 'pending').map((a) => a.deduction.position),
  );

  return (
    <div data-testid="published-result">
      <Typography.Paragraph>
        Điểm Ban Biên tập công bố: <Typography.Text strong data-testid="published-score">{formatNumber(row.score)}</Typography.Text>
        , xếp thứ {formatNumber(row.rank)} trong nhóm.
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {last
          ? closed
            ? `Hạn khiếu nại: ${formatDate(last)} (đã hết).`
            : `Hạn khiếu nại: ${formatDate(last)}. Đơn vị có thể khiếu nại từng khoản trừ điểm dưới đây.`
          : deadline.data
            ? 'Quy tắc đang áp dụng không nhận khiếu nại.'
            : ''}
      </Typography.Paragraph>
      {row.deductions.length === 0 ? (
        <Typography.Text type="secondary">Không bị trừ điểm.</Typography.Text>
      ) : (
        <ol style={{ margin: 0, paddingInlineStart: 24 }} aria-label="Các khoản trừ điểm" data-testid="published-deductions">
          {row.deductions.map((d, i) => (
            <li key={i} style={{ marginBottom: 8 }}>
              <Space wrap>
                <Typography.Text>
                  −{formatNumber(d.points)} điểm: {d.reason}
                </Typography.Text>
                {pending.has(i + 1) ? (
                  <Tag color="blue">Đang khiếu nại</Tag>
                ) : closed ? null : (
                  <Button size="small" onClick={() => setAppealing({ position: i + 1, deduction: d })} aria-label={`Khiếu nại khoản ${i + 1}`}>
                    Khiếu nại
                  </Button>
                )}
              </Space>
            </li>
          ))}
        </ol>
      )}
      {appealing && (
        <AppealDialog
          period={periodId}
          unitId={unitId}
          position={appealing.position}
          deduction={appealing.deduction}
          onClose={() => setAppealing(null)}
          onDone={() => {
            setAppealing(null);
            appeals.reload();
            onAppealed?.();
          }}
        />
      )}
    </div>
  );
}
