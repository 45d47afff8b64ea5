/**
 * The scoring rule sets by effective date: which is in force today, the built-in defaults marked
 * as awaiting the board's confirmation, and (for admins) a form to set a new rule set.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { type PaknOverdueMode, type RangeScoreMode, type RuleSet, type RuleValues, scoringApi } from '../api/scoring';
import { useUser } from '../auth';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import { formatDate, formatNumber } from '../format';
import { useLoad, useReturnFocus } from '../hooks';

const MODES: Record<PaknOverdueMode, string> = {
  partial_category: 'Có PAKN quá hạn: chuyên mục PAKN tính là cập nhật không đầy đủ',
  per_answer: 'Trừ điểm theo từng câu trả lời quá hạn',
};

const RANGE_MODES: Record<RangeScoreMode, string> = {
  average: 'Bình quân điểm các tháng',
  lowest: 'Điểm của tháng thấp nhất',
  summed: 'Thang điểm trừ tổng điểm bị trừ của các tháng',
};

const FIELDS: { key: keyof RuleValues; label: string; unit?: string }[] = [
  { key: 'scale', label: 'Thang điểm' },
  { key: 'partialCategoryPoints', label: 'Trừ mỗi chuyên mục cập nhật không đầy đủ', unit: 'điểm' },
  { key: 'missingCategoryPoints', label: 'Trừ mỗi chuyên mục không cập nhật', unit: 'điểm' },
  { key: 'paknOverdueMode', label: 'PAKN quá hạn' },
  { key: 'overdueAnswerPoints', label: 'Trừ mỗi câu trả lời PAKN quá hạn (khi trừ theo từng câu)', unit: 'điểm' },
  { key: 'paknCategory', label: 'Chuyên mục chứa PAKN' },
  { key: 'capPerUnitMonth', label: 'Trừ tối đa mỗi đơn vị mỗi tháng', unit: 'điểm' },
  { key: 'floor', label: 'Điểm thấp nhất' },
  { key: 'crawlTolerancePercent', label: 'Sai lệch cho phép khi đối chiếu số tin, bài', unit: '%' },
  { key: 'paknWorkingDays', label: 'Thời hạn trả lời PAKN', unit: 'ngày làm việc' },
  { key: 'appealWorkingDays', label: 'Thời hạn khiếu nại sau công bố', unit: 'ngày làm việc' },
  { key: 'rangeScore', label: 'Điểm của công văn nhiều tháng' },
];

function show(set: RuleSet, key: keyof RuleValues, unit?: string): string {
  const value = set[key];
  if (key === 'paknOverdueMode') return MODES[value as PaknOverdueMode];
  if (key === 'rangeScore') return RANGE_MODES[value as RangeScoreMode];
  if (value === null) return 'Không';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  return typeof value === 'number' ? `${formatNumber(value)}${unit ? ` ${unit}` : ''}` : value;
}

type FormValues = Omit<RuleValues, 'paknCategory'> & { effectiveFrom: Dayjs; note: string; paknCategory?: string };

function CreateRuleSetDialog({ base, onClose, onCreated }: { base: RuleSet; onClose: () => void; onCreated: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  useReturnFocus();
  const { message } = App.useApp();
  const submit = async (values: FormValues) => {
    setSaving(true);
    try {
      const { effectiveFrom, note, paknCategory, ...rest } = values;
      await scoringApi.createRuleSet({
        effectiveFrom: effectiveFrom.format('YYYY-MM-DD'),
        note,
        values: { ...rest, paknCategory: paknCategory?.trim() ? paknCategory.trim() : null },
      });
      message.success('Đã đặt bộ quy tắc mới.');
      onCreated();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  const number = (key: keyof RuleValues, label: string, props: { min?: number; step?: number; precision?: number } = {}) => (
    <Form.Item key={key} name={key} label={label} rules={[{ required: key !== 'capPerUnitMonth', message: 'Cần nhập.' }]}>
      <InputNumber min={props.min ?? 0} step={props.step ?? 0.5} precision={props.precision ?? 2} decimalSeparator="," style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal open title="Đặt bộ quy tắc mới" okText="Lưu" cancelText="Hủy" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} width={640}>
      <Typography.Paragraph type="secondary">
        Giá trị ban đầu lấy từ bộ quy tắc đang áp dụng. Bộ mới không được có hiệu lực trước ngày cuối của kỳ đã công bố.
      </Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        // The base's own date and note describe it, not the new set: those start empty.
        initialValues={{ ...base, effectiveFrom: undefined, paknCategory: base.paknCategory ?? '', note: '' }}
      >
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item name="effectiveFrom" label="Có hiệu lực từ ngày" rules={[{ required: true, message: 'Cần chọn ngày.' }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="Căn cứ (số, ngày văn bản của Ban Biên tập)" rules={[{ required: true, whitespace: true, message: 'Cần ghi căn cứ.' }]}>
          <Input maxLength={500} />
        </Form.Item>
        {number('scale', 'Thang điểm', { min: 1, step: 1, precision: 0 })}
        {number('partialCategoryPoints', 'Điểm trừ mỗi chuyên mục cập nhật không đầy đủ')}
        {number('missingCategoryPoints', 'Điểm trừ mỗi chuyên mục không cập nhật')}
        <Form.Item name="paknOverdueMode" label="Cách trừ điểm PAKN quá hạn">
          <Select options={Object.entries(MODES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {number('overdueAnswerPoints', 'Điểm trừ mỗi câu trả lời PAKN quá hạn')}
        <Form.Item name="paknCategory" label="Chuyên mục chứa PAKN (để trống nếu không có)">
          <Input maxLength={200} />
        </Form.Item>
        {number('capPerUnitMonth', 'Trừ tối đa mỗi đơn vị mỗi tháng (để trống: không giới hạn)')}
        {number('floor', 'Điểm thấp nhất')}
        {number('crawlTolerancePercent', 'Sai lệch cho phép khi đối chiếu số tin, bài (%)', { step: 1 })}
        {number('paknWorkingDays', 'Thời hạn trả lời PAKN (ngày làm việc)', { min: 1, step: 1, precision: 0 })}
        {number('appealWorkingDays', 'Thời hạn khiếu nại (ngày làm việc)', { step: 1, precision: 0 })}
        <Form.Item name="rangeScore" label="Điểm của công văn nhiều tháng">
          <Select options={Object.entries(RANGE_MODES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function RulesPage() {
  const user = useUser();
  const rules = useLoad(() => scoringApi.rules(), []);
  const [creating, setCreating] = useState(false);
  const inForce = rules.data?.ruleSets.find((s) => s.inForce);
  // Newest first: the board reads the current rules before their history.
  const sets = [...(rules.data?.ruleSets ?? [])].reverse();

  return (
    <>
      <PageTitle
        extra={
          user.role === 'admin' && inForce ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              Đặt bộ quy tắc mới
            </Button>
          ) : undefined
        }
      >
        Quy tắc chấm điểm
      </PageTitle>
      <ErrorNotice error={rules.error} onRetry={rules.reload} />
      {rules.loading ? (
        <Loading />
      ) : (
        sets.map((set) => (
          <Card
            key={set.id}
            size="small"
            data-testid="rule-set"
            style={{ marginBottom: 16 }}
            title={
              <Space wrap size={[8, 0]}>
                <span>{set.isDefault ? 'Quy tắc mặc định' : `Có hiệu lực từ ${formatDate(set.effectiveFrom)}`}</span>
                {set.inForce && <Tag color="green">Đang áp dụng</Tag>}
                {set.isDefault && <Tag color="orange">Chờ Ban Biên tập xác nhận</Tag>}
              </Space>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {set.isDefault
                ? 'Giá trị mặc định của hệ thống, áp dụng khi chưa có bộ quy tắc nào; Ban Biên tập cần xác nhận hoặc đặt bộ quy tắc mới.'
                : `Căn cứ: ${set.note}`}
            </Typography.Paragraph>
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 2 }}
              items={FIELDS.map((f) => ({ key: f.key, label: f.label, children: show(set, f.key, f.unit) }))}
            />
          </Card>
        ))
      )}
      {creating && inForce && (
        <CreateRuleSetDialog
          base={inForce}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            rules.reload();
          }}
        />
      )}
    </>
  );
}
