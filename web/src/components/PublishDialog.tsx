/**
 * Publishing with a preview. The dialog asks the server for the exact notice it would publish (PDF
 * shown in the page, DOCX to download) with the number and date, and the checklist of what is
 * still missing; publishing sends the preview's fingerprint, so the server fixes exactly what was
 * shown or refuses. Units that never reported stop the publication (409 units_not_reported) until
 * the reviewer goes back to record the board's finding or applies the rule set's treatment.
 */
import { CheckCircleOutlined, DownloadOutlined, ExclamationCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Space, Spin, Typography, type CheckboxRef } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { reviewApi, type UnitRef } from '../api/review';
import type { Period, PublishPreview } from '../api/types';
import { formatDate, formatNumber, periodLabel } from '../format';
import { useReturnFocus } from '../hooks';

function blobOf(base64: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** Object URLs for the preview's files, revoked when the preview changes or the dialog closes. */
function usePreviewUrls(preview: PublishPreview | null): Record<'pdf' | 'docx' | 'xlsx', string> | null {
  const urls = useMemo(() => {
    if (!preview) return null;
    const url = (f: PublishPreview['files']['pdf']) => URL.createObjectURL(blobOf(f.base64, f.contentType));
    return { pdf: url(preview.files.pdf), docx: url(preview.files.docx), xlsx: url(preview.files.xlsx) };
  }, [preview]);
  useEffect(() => () => {
    if (urls) for (const url of Object.values(urls)) URL.revokeObjectURL(url);
  }, [urls]);
  return urls;
}

function UnitList({ units, testId }: { units: UnitRef[]; testId: string }) {
  return (
    <ol data-testid={testId} style={{ margin: '4px 0 0', paddingInlineStart: 24, maxHeight: 160, overflowY: 'auto' }}>
      {units.map((u) => (
        <li key={u.unitId}>{u.unitName}</li>
      ))}
    </ol>
  );
}

/** The PDF frame's height, in CSS pixels. */
const PREVIEW_HEIGHT = 560;

interface Values {
  number: string;
  date: Dayjs | null;
}

export default function PublishDialog({ period, onClose, onDone }: { period: Period; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [applyRule, setApplyRule] = useState(false);
  // The preview shown and the treatment of units that did not report it was made with: publishing
  // sends both together, so it fixes exactly what was shown.
  const [preview, setPreview] = useState<{ data: PublishPreview; applyRule: boolean } | null>(null);
  // Only the answer to the latest request may land: an earlier, slower one must not overwrite it
  // or end the loading state while the latest is still on its way.
  const latest = useRef(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<UnitRef[] | null>(null);
  const [publishing, setPublishing] = useState(false);
  // The rule's checkbox, where the focus goes when the refusal's own button applies the rule: the
  // refusal disappears with that button, and the focus would otherwise fall to the page's body.
  const ruleBox = useRef<CheckboxRef>(null);
  const urls = usePreviewUrls(preview?.data ?? null);
  useReturnFocus();
  // The number and date as typed, kept in state and set in the same update as a new preview: with
  // Form.useWatch they caught up one render later, and that render flashed the "changed" warning.
  const [typed, setTyped] = useState<{ number: string; date: string }>({ number: '', date: '' });

  const load = async (withRule: boolean) => {
    const request = ++latest.current;
    const values = form.getFieldsValue();
    setLoading(true);
    setError(null);
    try {
      const next = await reviewApi.preview(period.id, {
        ...(values.number?.trim() ? { number: values.number.trim() } : {}),
        ...(values.date ? { date: values.date.format('YYYY-MM-DD') } : {}),
        ...(withRule ? { notReported: 'apply-rule' as const } : {}),
      });
      if (request !== latest.current) return;
      setPreview({ data: next, applyRule: withRule });
      // The server fills in the next number and today's date; the form shows what will be published.
      form.setFieldsValue({ number: next.number, date: dayjs(next.date) });
      setTyped({ number: next.number, date: next.date });
    } catch (err) {
      if (request !== latest.current) return;
      setPreview(null);
      setError(err);
    } finally {
      if (request === latest.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(false);
    // The first preview only; later ones follow the reviewer's changes.
  }, []);

  // Publishing fixes what was previewed: a number or date changed since needs a new preview.
  const previewed =
    preview !== null &&
    preview.applyRule === applyRule &&
    typed.number.trim() === preview.data.number &&
    typed.date === preview.data.date;

  const changeRule = (checked: boolean) => {
    setApplyRule(checked);
    setRefused(null);
    void load(checked);
  };

  const publish = async () => {
    if (!preview) return;
    const { data: shown, applyRule: withRule } = preview;
    setPublishing(true);
    try {
      const done = await reviewApi.publish(period.id, {
        number: shown.number,
        date: shown.date,
        fingerprint: shown.fingerprint,
        ...(withRule ? { notReported: 'apply-rule' as const } : {}),
      });
      message.success(`Đã công bố kết quả tháng ${periodLabel(period.id)}: thông báo số ${done.noticeNumber ?? shown.number}.`);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'units_not_reported') {
        const details = err.details as { units?: UnitRef[] } | null;
        setRefused(details?.units ?? shown.checklist.notReported);
      } else if (err instanceof ApiError && err.code === 'preview_stale') {
        message.warning(`${err.message} Đã tải lại bản xem trước; hãy kiểm tra rồi công bố lại.`);
        void load(withRule);
      } else {
        message.error(errorMessage(err));
      }
    } finally {
      setPublishing(false);
    }
  };

  const checklist = preview?.data.checklist;
  const notReported = checklist?.notReported ?? [];

  return (
    <Modal
      open
      width={1100}
      title={`Công bố kết quả tháng ${periodLabel(period.id)}`}
      onCancel={onClose}
      footer={
        <Space wrap>
          <Button onClick={onClose}>Hủy</Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load(applyRule)} loading={loading} disabled={previewed && !error}>
            Cập nhật bản xem trước
          </Button>
          {/* The spinner only for an answer slower than a blink: antd's icon, shown and hidden again within
              one frame, stayed in the button unseen, and a screen reader then read it as "loading Công bố".
              Disabled meanwhile: a loading button ignores clicks, one waiting out the delay would not. */}
          <Button type="primary" danger loading={publishing ? { delay: 200 } : false} disabled={!previewed || loading || publishing} onClick={() => void publish()}>
            Công bố
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        Dưới đây là đúng thông báo sẽ được công bố. Công bố sẽ khóa kỳ; sau đó mọi thay đổi phải là bản đính chính có lý do.
      </Typography.Paragraph>
      <Form
        form={form}
        name="publish"
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onValuesChange={(_, all: Values) => setTyped({ number: all.number ?? '', date: all.date ? all.date.format('YYYY-MM-DD') : '' })}
      >
        <Form.Item name="number" label="Số thông báo">
          <Input style={{ width: 200 }} placeholder="Số tiếp theo" />
        </Form.Item>
        <Form.Item name="date" label="Ngày thông báo">
          <DatePicker format="DD/MM/YYYY" placeholder="Hôm nay" />
        </Form.Item>
      </Form>
      <Row gutter={[16, 12]}>
        <Col xs={24} lg={10}>
          {preview && !previewed && !loading && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="Số hoặc ngày đã đổi: bấm “Cập nhật bản xem trước” rồi mới công bố được." />
          )}
          {refused && (
            <Alert
              type="error"
              showIcon
              data-testid="not-reported-refusal"
              style={{ marginBottom: 12 }}
              title={`Chưa công bố được: ${formatNumber(refused.length)} đơn vị không gửi tự đánh giá và chưa có kết luận của Ban Biên tập.`}
              description={
                <>
                  <UnitList units={refused} testId="not-reported-units" />
                  <Space wrap style={{ marginTop: 8 }}>
                    <Button
                      type="primary"
                      onClick={() => {
                        ruleBox.current?.focus();
                        changeRule(true);
                      }}
                    >
                      Áp dụng cách xử lý của quy tắc cho các đơn vị này
                    </Button>
                    <Button onClick={onClose}>Quay lại rà soát</Button>
                  </Space>
                </>
              }
            />
          )}
          {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorMessage(error)} /> : null}
          <Spin spinning={loading}>
            {checklist && (
              <section aria-labelledby="publish-checklist" data-testid="publish-checklist" style={{ marginBottom: 12 }}>
                <Typography.Title level={2} id="publish-checklist" style={{ fontSize: 16 }}>
                  Kiểm tra trước khi công bố
                </Typography.Title>
                <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {checklist.items.map((item) => (
                    <li key={item.key} style={{ marginBottom: 4 }}>
                      {item.ok ? (
                        <CheckCircleOutlined style={{ color: '#389e0d' }} aria-hidden />
                      ) : (
                        <ExclamationCircleOutlined style={{ color: item.blocking ? '#cf1322' : '#d48806' }} aria-hidden />
                      )}{' '}
                      <Typography.Text strong>{item.ok ? 'Đạt' : item.blocking ? 'Chặn công bố' : 'Lưu ý'}:</Typography.Text> {item.message}
                      {item.key === 'not-reported' && notReported.length > 0 && <UnitList units={notReported} testId="checklist-not-reported" />}
                      {item.key === 'undecided' && checklist.undecided.length > 0 && <UnitList units={checklist.undecided} testId="checklist-undecided" />}
                    </li>
                  ))}
                </ul>
                {notReported.length > 0 && (
                  <Checkbox ref={ruleBox} checked={applyRule} onChange={(e) => changeRule(e.target.checked)} style={{ marginTop: 8 }}>
                    Áp dụng cách xử lý của quy tắc cho {formatNumber(notReported.length)} đơn vị không gửi tự đánh giá
                  </Checkbox>
                )}
              </section>
            )}
          </Spin>
        </Col>
        <Col xs={24} lg={14}>
          {/* The preview's place is kept from the start, so that its arrival moves nothing (the footer's buttons included). */}
          <Spin spinning={loading}>
            <div style={{ minHeight: PREVIEW_HEIGHT + 96 }}>
              {preview && urls && (
                <section aria-labelledby="publish-preview">
                  <Space wrap style={{ marginBottom: 8 }}>
                    <Typography.Title level={2} id="publish-preview" style={{ fontSize: 16, margin: 0 }}>
                      Bản xem trước: thông báo số {preview.data.number}, ngày {formatDate(preview.data.date)}
                    </Typography.Title>
                    <a href={urls.docx} download={preview.data.files.docx.fileName}>
                      <DownloadOutlined /> Tải DOCX xem trước
                    </a>
                    <a href={urls.pdf} download={preview.data.files.pdf.fileName}>
                      <DownloadOutlined /> Tải PDF xem trước
                    </a>
                  </Space>
                  <iframe
                    title="Bản xem trước thông báo (PDF)"
                    src={urls.pdf}
                    data-testid="notice-preview"
                    style={{ width: '100%', height: PREVIEW_HEIGHT, border: '1px solid #d9d9d9' }}
                  />
                </section>
              )}
            </div>
          </Spin>
        </Col>
      </Row>
    </Modal>
  );
}
