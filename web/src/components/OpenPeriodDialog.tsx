/**
 * The dialog that opens a new period, with its month and the self-assessment deadline. The server
 * proposes a deadline a set number of working days from today (a rule-set value), so that a past
 * month does not open already closed; a chosen day already past is named before opening. Loaded
 * only when a reviewer opens it, so the period list itself does not carry the date pickers.
 */
import { Alert, App, DatePicker, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { reviewApi } from '../api/review';
import { formatNumber, formatWhen, periodLabel, todayInVietnam } from '../format';
import { useAction, useReturnFocus } from '../hooks';

export default function OpenPeriodDialog({ proposed, onClose, onOpened }: { proposed: Dayjs; onClose: () => void; onOpened: () => void }) {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(proposed);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [workingDays, setWorkingDays] = useState<number | null>(null);
  const [touched, setTouched] = useState(false);
  const { busy, run } = useAction();
  useReturnFocus();
  const periodId = month.format('YYYY-MM');

  // The server's proposal for the chosen month, until the reviewer picks a day of their own.
  useEffect(() => {
    let current = true;
    reviewApi.openProposal(periodId).then(
      (p) => {
        if (!current) return;
        setWorkingDays(p.workingDays);
        if (!touched) setDeadline(dayjs(p.deadline));
      },
      // Without a proposal the reviewer still picks a day; the server checks it when opening.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [periodId]);

  const past = deadline !== null && deadline.format('YYYY-MM-DD') < todayInVietnam();

  const open = () =>
    run(async () => {
      // A chosen day closes at its end, Vietnam time, wherever the browser is.
      // Nothing picked and nothing proposed: the server applies its proposal; a cleared picker means the period's last day.
      const closes = deadline ? new Date(`${deadline.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString() : touched ? null : undefined;
      const period = await api.openPeriod(periodId, closes);
      message.success(`Đã mở kỳ ${periodLabel(period.id)}, hạn nộp tự đánh giá ${formatWhen(period.deadline)}.`);
      for (const warning of period.warnings) message.warning(warning);
      onOpened();
    });

  return (
    <Modal title="Mở kỳ đánh giá mới" open okText="Mở kỳ" cancelText="Hủy" confirmLoading={busy} onOk={() => void open()} onCancel={onClose}>
      <p>Mở kỳ sẽ tạo phiếu tự đánh giá (bản nháp) cho mọi đơn vị đang hoạt động.</p>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          Tháng:{' '}
          <DatePicker picker="month" format="MM/YYYY" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} aria-label="Tháng" />
        </label>
        <label>
          Hạn nộp tự đánh giá:{' '}
          <DatePicker
            format="DD/MM/YYYY"
            value={deadline}
            onChange={(v) => {
              setTouched(true);
              setDeadline(v);
            }}
            placeholder="Cuối ngày kết thúc kỳ"
            aria-label="Hạn nộp tự đánh giá"
          />
        </label>
        {workingDays !== null && (
          <Typography.Text type="secondary" data-testid="deadline-proposal">
            Đề xuất theo quy tắc: {formatNumber(workingDays)} ngày làm việc kể từ hôm nay.
          </Typography.Text>
        )}
        {past && (
          <Alert
            type="warning"
            showIcon
            data-testid="deadline-past"
            title={`Hạn ${deadline.format('DD/MM/YYYY')} đã qua: các đơn vị sẽ không nộp được phiếu tự đánh giá. Hãy chọn một ngày từ hôm nay trở đi.`}
          />
        )}
      </Space>
    </Modal>
  );
}
