/**
 * The month's news item for the provincial portal, written by the server from the results (the
 * same article as `report --format news`), edited here by the board and downloaded as text or as
 * Word: what the box says when the button is pressed is what the file says.
 */
import { DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import { errorMessage } from '../api/client';
import { periodLabel } from '../format';
import { useLoad } from '../hooks';
import { ErrorNotice, Loading } from './common';

/** Hands a file to the browser's download, then lets its URL go. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by the next tick; keep it a little longer all the same.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function NewsButton({ periodId }: { periodId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FileTextOutlined />} onClick={() => setOpen(true)}>
        Tin bài cho Cổng tỉnh
      </Button>
      {open && <NewsDialog periodId={periodId} onClose={() => setOpen(false)} />}
    </>
  );
}

function NewsDialog({ periodId, onClose }: { periodId: string; onClose: () => void }) {
  const news = useLoad(() => api.news(periodId), [periodId]);
  // The board's edit, once it starts; until then the article as written.
  const [edited, setEdited] = useState<string | null>(null);
  const text = edited ?? news.data?.text ?? null;
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const downloadDocx = async () => {
    if (text === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      save(await api.newsDocx(periodId, { text }), `tin-bai-${periodId}.docx`);
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  const downloadText = () => {
    if (text !== null) save(new Blob([text], { type: 'text/plain;charset=utf-8' }), `tin-bai-${periodId}.txt`);
  };

  return (
    <Modal
      open
      title={`Tin bài tháng ${periodLabel(periodId)} cho Cổng Thông tin điện tử tỉnh`}
      width={820}
      onCancel={onClose}
      footer={
        <Space wrap>
          <Button onClick={onClose}>Đóng</Button>
          <Button icon={<DownloadOutlined />} disabled={text === null} onClick={downloadText}>
            Tải văn bản (.txt)
          </Button>
          <Button type="primary" icon={<DownloadOutlined />} disabled={text === null} loading={saving} onClick={() => void downloadDocx()}>
            Tải Word (.docx)
          </Button>
        </Space>
      }
    >
      {news.error ? (
        <ErrorNotice error={news.error} onRetry={news.reload} />
      ) : text === null ? (
        <Loading />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            Bài viết từ kết quả của tháng. Sửa trực tiếp trong ô dưới đây (dòng đầu là tiêu đề, mỗi đoạn một dòng); tệp tải về
            là đúng nội dung đã sửa.
          </Typography.Paragraph>
          <Input.TextArea
            aria-label="Nội dung tin bài"
            data-testid="news-text"
            value={text}
            onChange={(event) => setEdited(event.target.value)}
            autoSize={{ minRows: 12, maxRows: 24 }}
          />
          {saveError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={saveError} />}
        </>
      )}
    </Modal>
  );
}
