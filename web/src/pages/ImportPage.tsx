/**
 * Importing a month from a CSV or XLSX file. The server checks every row first: when any row has
 * a problem nothing is written, and the problems are listed here by line and column.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Card, DatePicker, Descriptions, Space, Table, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ApiError, errorMessage } from '../api/client';
import type { ImportSummary, RowProblem } from '../api/types';
import { PageTitle } from '../components/common';
import { formatNumber, periodLabel } from '../format';

type Outcome =
  | { kind: 'done'; file: string; summary: ImportSummary }
  | { kind: 'rejected'; file: string; message: string; problems: RowProblem[] }
  | { kind: 'failed'; file: string; message: string };

export default function ImportPage() {
  const [params, setParams] = useSearchParams();
  const { message } = App.useApp();
  const requested = params.get('period');
  const month: Dayjs = requested && /^\d{4}-\d{2}$/.test(requested) ? dayjs(`${requested}-01`) : dayjs().startOf('month');
  const periodId = month.format('YYYY-MM');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setOutcome(null);
    try {
      const summary = await api.importFile(periodId, file);
      setOutcome({ kind: 'done', file: file.name, summary });
      message.success(`Đã nhập ${formatNumber(summary.units)} đơn vị vào kỳ ${periodLabel(periodId)}.`);
    } catch (err) {
      if (err instanceof ApiError && err.problems.length > 0) {
        setOutcome({ kind: 'rejected', file: file.name, message: err.message, problems: err.problems });
      } else {
        setOutcome({ kind: 'failed', file: file.name, message: errorMessage(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>Nhập dữ liệu tháng</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>Kỳ nhận dữ liệu:</Typography.Text>
            <DatePicker
              picker="month"
              format="MM/YYYY"
              value={month}
              allowClear={false}
              onChange={(value) => value && setParams({ period: value.format('YYYY-MM') })}
              aria-label="Kỳ nhận dữ liệu"
            />
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            Tệp CSV (UTF-8) hoặc XLSX theo mẫu: Nhóm, Tên đơn vị, Tổng số chuyên mục phải cập nhật, Cập nhật đầy đủ, Cập nhật
            không đầy đủ, Không cập nhật, Số lượng tin, bài, video, Tự đánh giá, chấm điểm, Điểm trừ, Lý do trừ điểm. Dữ liệu
            cũ của kỳ sẽ được thay bằng dữ liệu trong tệp; nếu tệp có lỗi thì không ghi gì cả. Tệp mẫu:{' '}
            <a href={api.importTemplateUrl('xlsx')} download>
              XLSX
            </a>
            ,{' '}
            <a href={api.importTemplateUrl('csv')} download>
              CSV
            </a>
            .
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            // Not disabled while a file is read (that would drop the keyboard focus): a file chosen meanwhile is ignored.
            beforeUpload={(file) => {
              if (!busy) void upload(file);
              // The upload is sent by the typed client (CSRF header, error shape), not by the component.
              return false;
            }}
            data-testid="import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{busy ? 'Đang kiểm tra tệp…' : 'Kéo tệp vào đây hoặc bấm để chọn tệp'}</p>
            <p className="ant-upload-hint">Kỳ {periodLabel(periodId)}</p>
          </Upload.Dragger>
        </Space>
      </Card>

      {outcome?.kind === 'done' && (
        <Alert
          type="success"
          showIcon
          title={`Đã nhập tệp ${outcome.file}`}
          description={
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'units', label: 'Số đơn vị', children: formatNumber(outcome.summary.units) },
                { key: 'replaced', label: 'Thay dữ liệu cũ', children: formatNumber(outcome.summary.replaced) },
                { key: 'newUnits', label: 'Đơn vị mới', children: outcome.summary.newUnits.join('; ') || '—' },
                { key: 'newGroups', label: 'Nhóm mới', children: outcome.summary.newGroups.join('; ') || '—' },
                { key: 'link', label: 'Xem', children: <Link to={`/periods/${outcome.summary.period}/ranking`}>Bảng xếp hạng</Link> },
              ]}
            />
          }
        />
      )}
      {outcome?.kind === 'done' && outcome.summary.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-warnings"
          title={`${formatNumber(outcome.summary.warnings.length)} đơn vị có số chuyên mục mà theo quy tắc phải trừ điểm nhiều hơn tệp ghi. Số liệu đã nhập đúng như tệp; Ban Biên tập xem lại các đơn vị này.`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {outcome.summary.warnings.map((w) => (
                <li key={w.line}>
                  Dòng {w.line}: {w.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {outcome?.kind === 'failed' && <Alert type="error" showIcon title={`Không nhập được tệp ${outcome.file}`} description={outcome.message} />}
      {outcome?.kind === 'rejected' && (
        <Card size="small">
          <Alert type="error" showIcon title={outcome.message} description={`Tệp ${outcome.file}: sửa các dòng dưới đây rồi tải lên lại.`} style={{ marginBottom: 12 }} />
          <Table<RowProblem>
            data-testid="import-problems"
            size="small"
            rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.message}`}
            dataSource={outcome.problems}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            tableLayout="fixed"
            columns={[
              { title: 'Dòng', dataIndex: 'line', width: 64, align: 'center' },
              { title: 'Cột', dataIndex: 'column', width: '32%', render: (c: string | null) => c ?? '—' },
              { title: 'Lỗi', dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
    </>
  );
}
