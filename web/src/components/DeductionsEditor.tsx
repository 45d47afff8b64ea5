/** Itemised deductions of one unit: points and a reason per line, saved together. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Deduction } from '../api/types';
import { formatNumber } from '../format';

interface Props {
  initial: Deduction[];
  disabled?: boolean;
  busy?: boolean;
  saveLabel: string;
  /** Extra fields (a correction's reason) that must be filled before saving. */
  ready?: boolean;
  onSave: (deductions: Deduction[]) => void;
}

export function DeductionsEditor({ initial, disabled, busy, saveLabel, ready = true, onSave }: Props) {
  const [lines, setLines] = useState<{ points: number | null; reason: string }[]>(() => initial.map((d) => ({ ...d })));
  const complete = lines.every((l) => l.points !== null && l.points > 0 && l.reason.trim() !== '');
  const total = lines.reduce((sum, l) => sum + Math.round((l.points ?? 0) * 100), 0) / 100;

  const update = (index: number, change: Partial<(typeof lines)[number]>) =>
    setLines(lines.map((l, i) => (i === index ? { ...l, ...change } : l)));

  return (
    <div data-testid="deductions-editor">
      {lines.length === 0 && <Typography.Paragraph type="secondary">Không có điểm trừ.</Typography.Paragraph>}
      {lines.map((line, index) => (
        <Space.Compact key={index} style={{ display: 'flex', marginBottom: 8 }}>
          <InputNumber
            min={0.25}
            max={100}
            decimalSeparator=","
            value={line.points}
            disabled={disabled}
            placeholder="Điểm"
            style={{ width: 96 }}
            onChange={(v) => update(index, { points: v })}
            aria-label="Số điểm trừ"
          />
          <Input
            value={line.reason}
            disabled={disabled}
            placeholder="Lý do trừ điểm"
            onChange={(e) => update(index, { reason: e.target.value })}
            aria-label="Lý do trừ điểm"
          />
          <Button
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => setLines(lines.filter((_, i) => i !== index))}
            aria-label="Xóa dòng trừ điểm"
          />
        </Space.Compact>
      ))}
      <Space wrap>
        <Button icon={<PlusOutlined />} disabled={disabled} onClick={() => setLines([...lines, { points: null, reason: '' }])}>
          Thêm điểm trừ
        </Button>
        <Button
          type="primary"
          disabled={disabled || !complete || !ready}
          loading={busy}
          onClick={() => onSave(lines.map((l) => ({ points: l.points ?? 0, reason: l.reason.trim() })))}
        >
          {saveLabel}
        </Button>
        {lines.length > 0 && <Typography.Text type="secondary">Tổng trừ: {formatNumber(total)} điểm</Typography.Text>}
      </Space>
    </div>
  );
}
