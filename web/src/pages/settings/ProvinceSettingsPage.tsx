/** The province's settings: who issues the notice, where, to whom, who signs, the cut-off day. */
import { App, Button, Card, Col, Form, Input, InputNumber, Row } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../api/client';
import type { ProvinceSettings } from '../../api/types';
import { ErrorNotice, PageLoading, PageTitle } from '../../components/common';
import { useLoad } from '../../hooks';

/** The form edits lists as text, one entry per line. */
interface SettingsForm {
  parentBody: string;
  issuingBody: string;
  place: string;
  noticeSymbol: string;
  portalShortName: string;
  recipients: string;
  distribution: string;
  legalBasis: string;
  signerPositionLines: string;
  signerTitleLines: string;
  signerName: string;
  cutOffDay: number;
  mailFrom: string;
  mailReplyTo: string;
  reminderDaysBefore: number;
  staleAfterDays: number;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

const toForm = (s: ProvinceSettings): SettingsForm => ({
  parentBody: s.parentBody,
  issuingBody: s.issuingBody,
  place: s.place,
  noticeSymbol: s.noticeSymbol,
  portalShortName: s.portalShortName,
  recipients: s.recipients.join('\n'),
  distribution: s.distribution.join('\n'),
  legalBasis: s.legalBasis.join('\n'),
  signerPositionLines: s.signer.positionLines.join('\n'),
  signerTitleLines: s.signer.titleLines.join('\n'),
  signerName: s.signer.name,
  cutOffDay: s.cutOffDay,
  mailFrom: s.mailFrom,
  mailReplyTo: s.mailReplyTo,
  reminderDaysBefore: s.reminderDaysBefore,
  staleAfterDays: s.staleAfterDays,
});

// The order line and the contact keep their stored values until this form edits them (the server keeps what is not sent).
const fromForm = (f: SettingsForm): Omit<ProvinceSettings, 'rankingOrderLine' | 'contact'> => ({
  parentBody: f.parentBody.trim(),
  issuingBody: f.issuingBody.trim(),
  place: f.place.trim(),
  noticeSymbol: f.noticeSymbol.trim(),
  portalShortName: f.portalShortName.trim(),
  recipients: lines(f.recipients),
  distribution: lines(f.distribution),
  legalBasis: lines(f.legalBasis),
  signer: { positionLines: lines(f.signerPositionLines), titleLines: lines(f.signerTitleLines), name: f.signerName.trim() },
  cutOffDay: f.cutOffDay,
  mailFrom: f.mailFrom.trim(),
  mailReplyTo: f.mailReplyTo.trim(),
  reminderDaysBefore: f.reminderDaysBefore,
  staleAfterDays: f.staleAfterDays,
});

const required = [{ required: true, message: 'Không được để trống' }];

export default function ProvinceSettingsPage() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => api.province(), []);
  const [form] = Form.useForm<SettingsForm>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data.settings));
  }, [data, form]);

  if (loading && !data) return <PageLoading />;

  const save = async (values: SettingsForm) => {
    setBusy(true);
    try {
      form.setFieldsValue(toForm((await api.saveSettings(fromForm(values))).settings));
      message.success('Đã lưu thông tin tỉnh.');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>Thông tin tỉnh{data ? `: ${data.name}` : ''}</PageTitle>
      <ErrorNotice error={error} onRetry={reload} />
      <Form<SettingsForm> form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Card size="small" title="Cơ quan ban hành" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="parentBody" label="Cơ quan chủ quản (chữ in hoa)" rules={required}>
                <Input placeholder="UBND TỈNH BẮC NINH" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="issuingBody" label="Cơ quan ban hành (chữ in hoa)" rules={required}>
                <Input placeholder="BAN BIÊN TẬP CÔNG THÔNG TIN TỈNH" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label="Địa danh" rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="noticeSymbol" label="Ký hiệu thông báo" rules={required}>
                <Input placeholder="BBT-CTTĐT" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="cutOffDay" label="Ngày chốt kỳ hằng tháng" rules={required}>
                <InputNumber min={1} max={28} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="portalShortName" label="Tên gọi Cổng TTĐT tỉnh trong bảng" rules={required}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="Nơi gửi, nơi nhận, căn cứ (mỗi dòng một mục)" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="recipients" label="Kính gửi">
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="distribution" label="Nơi nhận">
                <Input.TextArea autoSize={{ minRows: 4 }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="legalBasis" label="Căn cứ">
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="Thư điện tử: nhắc hạn, kết quả, tổng hợp" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="mailFrom" label="Người gửi (để trống: không gửi thư)">
                <Input placeholder="Ban Biên tập <bbt@tinh.gov.vn>" maxLength={254} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="mailReplyTo" label="Địa chỉ nhận thư trả lời">
                <Input placeholder="thuky@tinh.gov.vn" maxLength={254} />
              </Form.Item>
            </Col>
            <Col xs={12} md={12}>
              <Form.Item name="reminderDaysBefore" label="Nhắc đơn vị chưa gửi trước hạn (ngày)">
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={12}>
              <Form.Item name="staleAfterDays" label="Chuyên mục lâu không cập nhật sau (ngày)">
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="Người ký" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="signerPositionLines" label="Chức danh ký (mỗi dòng một dòng)">
                <Input.TextArea autoSize={{ minRows: 2 }} placeholder="TRƯỞNG BAN" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerTitleLines" label="Chức vụ dưới chữ ký">
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signerName" label="Họ và tên" rules={required}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy}>
          Lưu
        </Button>
      </Form>
    </>
  );
}
