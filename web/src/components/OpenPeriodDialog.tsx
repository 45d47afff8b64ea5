/**
 * The dialog that opens a new period, with its month and the self-assessment deadline. Loaded
 * only when a reviewer opens it, so the period list itself does not carry the date pickers.
 */
import { App, DatePicker, Modal, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { periodLabel } from '../format';

export default function OpenPeriodDialog({ proposed, onClose, onOpened }: { proposed: Dayjs; onClose: () => void; onOpened: () => void }) {
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(proposed);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setBusy(true);
    try {
      // A chosen day closes at its end, Vietnam time, wherever the browser is.
      const closes = deadline ? new Date(`${deadline.format('YYYY-MM-DD')}T23:59:59+07:00`).toISOString() : null;
      const period = await api.openPeriod(month.format('YYYY-MM'), closes);
      message.success(`Đã mở kỳ ${periodLabel(period.id)}.`);
      onOpened();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Mở kỳ đánh giá mới"
      open
      okText="Mở kỳ"
      cancelText="Hủy"
      confirmLoading={busy}
      onOk={() => void open()}
      onCancel={onClose}
    >
      <p>Mở kỳ sẽ tạo phiếu tự đánh giá (bản nháp) cho mọi đơn vị đang hoạt động.</p>
      <Space orientation="vertical">
        <label>
          Tháng:{' '}
          <DatePicker picker="month" format="MM/YYYY" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} aria-label="Tháng" />
        </label>
        <label>
          Hạn nộp tự đánh giá:{' '}
          <DatePicker format="DD/MM/YYYY" value={deadline} onChange={setDeadline} placeholder="Cuối ngày kết thúc kỳ" aria-label="Hạn nộp tự đánh giá" />
        </label>
      </Space>
    </Modal>
  );
}
