/**
 * The working calendar of a year: public holidays computed from the solar and lunar calendars
 * (Tết Nguyên Đán, Giỗ Tổ Hùng Vương and the compensatory days), and the days off and make-up
 * working days the government announces, which admins enter. PAKN due dates count from these.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../api/client';
import { type DayChange, scoringApi, type YearCalendar } from '../api/scoring';
import { useUser } from '../auth';
import { ErrorNotice, Loading, PageTitle } from '../components/common';
import { formatDate } from '../format';
import { useLoad } from '../hooks';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const weekday = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

type Holiday = YearCalendar['holidays'][number];

function ChangeForm({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm<{ date: Dayjs; kind: DayChange['kind']; note: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ kind: 'off' }}
      style={{ rowGap: 8, marginBottom: 12 }}
      onFinish={(values) => {
        setSaving(true);
        scoringApi
          .setDayChange({ date: values.date.format('YYYY-MM-DD'), kind: values.kind, note: values.note })
          .then(({ dueDatesMoved }) => {
            message.success(`Đã ghi ngày ${values.date.format('DD/MM/YYYY')}; hạn trả lời PAKN tính lại: ${dueDatesMoved}.`);
            form.resetFields(['date', 'note']);
            onSaved();
          })
          .catch((error: unknown) => message.error(errorMessage(error)))
          .finally(() => setSaving(false));
      }}
    >
      <Form.Item name="date" rules={[{ required: true, message: 'Chọn ngày.' }]}>
        <DatePicker format="DD/MM/YYYY" placeholder="Ngày" aria-label="Ngày (dd/mm/yyyy)" />
      </Form.Item>
      <Form.Item name="kind">
        <Select
          aria-label="Loại ngày"
          style={{ width: 190 }}
          options={[
            { value: 'off', label: 'Nghỉ theo thông báo' },
            { value: 'working', label: 'Làm bù (đi làm)' },
          ]}
        />
      </Form.Item>
      <Form.Item name="note" rules={[{ required: true, whitespace: true, message: 'Ghi căn cứ.' }]} style={{ flex: '1 1 260px' }}>
        <Input placeholder="Căn cứ: số văn bản thông báo" aria-label="Căn cứ: số văn bản thông báo" maxLength={500} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          Thêm
        </Button>
      </Form.Item>
    </Form>
  );
}

export default function DaysOffPage() {
  const user = useUser();
  const admin = user.role === 'admin';
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const requested = params.get('year');
  const year = requested && /^\d{4}$/.test(requested) ? Number(requested) : dayjs().year();
  const calendar = useLoad(() => scoringApi.daysOff(year), [year]);

  const remove = (date: string) =>
    scoringApi
      .removeDayChange(date)
      .then(({ dueDatesMoved }) => {
        message.success(`Đã bỏ ngày ${formatDate(date)}; hạn trả lời PAKN tính lại: ${dueDatesMoved}.`);
        calendar.reload();
      })
      .catch((error: unknown) => message.error(errorMessage(error)));

  return (
    <>
      <PageTitle
        extra={
          <DatePicker picker="year" value={dayjs(`${year}-01-01`)} allowClear={false} onChange={(v) => v && setParams({ year: String(v.year()) })} aria-label="Năm" />
        }
      >
        Ngày nghỉ năm {year}
      </PageTitle>
      <ErrorNotice error={calendar.error} onRetry={calendar.reload} />
      {calendar.loading && !calendar.data ? (
        <Loading />
      ) : (
        <>
          <Card size="small" title="Nghỉ lễ, Tết theo Bộ luật Lao động" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              Tết Nguyên Đán và Giỗ Tổ Hùng Vương tính theo âm lịch; ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù vào ngày làm việc kế tiếp.
            </Typography.Paragraph>
            <Table<Holiday>
              data-testid="holidays"
              size="small"
              rowKey="date"
              dataSource={calendar.data?.holidays ?? []}
              pagination={false}
              columns={[
                { title: 'Ngày', dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
                { title: 'Thứ', dataIndex: 'date', key: 'weekday', width: 100, render: (d: string) => weekday(d) },
                {
                  title: 'Ngày lễ',
                  dataIndex: 'name',
                  render: (name: string, h) => (
                    <Space wrap size={4}>
                      {name}
                      {h.makesUpFor && <Typography.Text type="secondary">(cho ngày {formatDate(h.makesUpFor)})</Typography.Text>}
                      {(h.kind === 'tet' || h.kind === 'hung_kings') && <Tag color="gold">Âm lịch</Tag>}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title="Ngày nghỉ, làm bù theo thông báo của Chính phủ">
            {admin && <ChangeForm onSaved={calendar.reload} />}
            <Table<DayChange>
              data-testid="day-changes"
              size="small"
              rowKey="date"
              dataSource={calendar.data?.changes ?? []}
              pagination={false}
              locale={{ emptyText: 'Chưa có ngày nào được thông báo trong năm.' }}
              columns={[
                { title: 'Ngày', dataIndex: 'date', width: 110, render: (d: string) => formatDate(d) },
                { title: 'Thứ', dataIndex: 'date', key: 'weekday', width: 100, render: (d: string) => weekday(d) },
                { title: 'Loại', dataIndex: 'kind', width: 120, render: (k: DayChange['kind']) => (k === 'off' ? <Tag color="red">Nghỉ</Tag> : <Tag color="blue">Làm bù</Tag>) },
                { title: 'Căn cứ', dataIndex: 'note' },
                ...(admin
                  ? [
                      {
                        title: <span className="sr-only">Xóa</span>,
                        key: 'remove',
                        width: 56,
                        render: (_: unknown, c: DayChange) => (
                          <Popconfirm title={`Bỏ ngày ${formatDate(c.date)}?`} okText="Bỏ" cancelText="Không" onConfirm={() => remove(c.date)}>
                            <Button type="text" danger icon={<DeleteOutlined />} aria-label={`Bỏ ngày ${formatDate(c.date)}`} />
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
