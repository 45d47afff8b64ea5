/** Unit groups (I., II. of the notice) and the categories each group's portals must update. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../api/client';
import type { Group } from '../../api/types';
import { ErrorNotice, Loading, PageTitle } from '../../components/common';
import { formatNumber, romanNumeral } from '../../format';
import { useLoad } from '../../hooks';

function GroupCard({ group, index, onSaved }: { group: Group; index: number; onSaved: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(group.categories.map((c) => c.name).join('\n'));
  const [busy, setBusy] = useState(false);
  const names = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const changed = names.join('\n') !== group.categories.map((c) => c.name).join('\n');

  const save = async () => {
    setBusy(true);
    try {
      await api.updateGroup(group.id, { categories: names });
      message.success(`Đã lưu chuyên mục của nhóm ${group.name}.`);
      onSaved();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={`${romanNumeral(index + 1)}. ${group.name}`}
      extra={<Typography.Text type="secondary">{formatNumber(names.length || group.requiredCount)} chuyên mục</Typography.Text>}
    >
      <Typography.Paragraph type="secondary">
        Mỗi dòng một chuyên mục phải cập nhật, theo thứ tự.
        {group.categories.length === 0 &&
          ` Nhóm này hiện chỉ có số chuyên mục (${formatNumber(group.requiredCount)}), chưa có danh sách theo tên: đơn vị tự đánh giá bằng số lượng, không có minh chứng từng mục.`}
      </Typography.Paragraph>
      <Input.TextArea
        autoSize={{ minRows: 6, maxRows: 24 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-label={`Chuyên mục của ${group.name}`}
        style={{ marginBottom: 8 }}
      />
      <Button type="primary" disabled={!changed} loading={busy} onClick={() => void save()}>
        Lưu chuyên mục
      </Button>
    </Card>
  );
}

export default function GroupsSettingsPage() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad(() => api.groups(), []);
  const [newName, setNewName] = useState<string | null>(null);

  if (loading && !data) return <Loading />;

  const create = async () => {
    if (!newName?.trim()) return;
    try {
      await api.createGroup({ name: newName.trim() });
      message.success('Đã thêm nhóm.');
      setNewName(null);
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const groups = [...(data ?? [])].sort((a, b) => a.position - b.position);
  return (
    <>
      <PageTitle extra={<Button icon={<PlusOutlined />} onClick={() => setNewName('')}>Thêm nhóm</Button>}>
        Nhóm đơn vị và chuyên mục
      </PageTitle>
      <ErrorNotice error={error} onRetry={reload} />
      <Row gutter={[16, 16]}>
        {groups.map((g, i) => (
          <Col xs={24} lg={12} key={`${g.id}-${g.categories.length}`}>
            <GroupCard group={g} index={i} onSaved={reload} />
          </Col>
        ))}
      </Row>
      <Modal
        title="Thêm nhóm đơn vị"
        open={newName !== null}
        okText="Thêm"
        cancelText="Hủy"
        okButtonProps={{ disabled: !newName?.trim() }}
        onOk={() => void create()}
        onCancel={() => setNewName(null)}
      >
        <Input value={newName ?? ''} onChange={(e) => setNewName(e.target.value)} placeholder="Tên nhóm" />
      </Modal>
    </>
  );
}
