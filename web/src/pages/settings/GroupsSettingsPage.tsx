/** Unit groups (I., II. of the notice) and the categories each group's portals must update. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../api/client';
import type { Group, PeriodListOffer } from '../../api/types';
import { ErrorNotice, PageLoading, PageTitle } from '../../components/common';
import { formatNumber, periodLabel, romanNumeral } from '../../format';
import { useLoad } from '../../hooks';

/**
 * Open periods keep the list they opened with; after a change the board sees each one, and may
 * apply the new list to it while no unit of the group has entered anything.
 */
function PeriodLists({ groupId, offers, onChanged }: { groupId: string; offers: PeriodListOffer[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const apply = async (period: string) => {
    setBusy(period);
    try {
      await api.applyGroupListToPeriod(groupId, period);
      message.success(`Đã áp dụng danh sách mới cho kỳ ${periodLabel(period)}.`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
      onChanged();
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }} data-testid="period-lists">
      {offers.map((offer) => (
        <Alert
          key={offer.period}
          type={offer.canApply ? 'info' : 'warning'}
          showIcon
          title={offer.message}
          action={
            offer.canApply ? (
              <Button size="small" loading={busy === offer.period} onClick={() => void apply(offer.period)}>
                Áp dụng cho kỳ {periodLabel(offer.period)}
              </Button>
            ) : undefined
          }
        />
      ))}
    </Space>
  );
}

function GroupCard({ group, index, onSaved }: { group: Group; index: number; onSaved: () => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState(group.categories.map((c) => c.name).join('\n'));
  const [busy, setBusy] = useState(false);
  const offers = useLoad(() => api.groupPeriodLists(group.id), [group.id]);
  const names = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const changed = names.join('\n') !== group.categories.map((c) => c.name).join('\n');

  const save = async () => {
    setBusy(true);
    try {
      await api.updateGroup(group.id, { categories: names });
      message.success(`Đã lưu chuyên mục của nhóm ${group.name}; các kỳ mở từ nay dùng danh sách này.`);
      offers.reload();
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
          ` Nhóm này hiện chỉ có số chuyên mục (${formatNumber(group.requiredCount)}), chưa có danh sách theo tên: đơn vị tự đánh giá bằng số lượng và ghi minh chứng cho cả đơn vị. Nhập tên ${formatNumber(group.requiredCount)} chuyên mục một lần ở đây để đơn vị ghi minh chứng từng mục từ kỳ mở sau.`}
      </Typography.Paragraph>
      {(offers.data ?? []).length > 0 && <PeriodLists groupId={group.id} offers={offers.data ?? []} onChanged={offers.reload} />}
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

  if (loading && !data) return <PageLoading />;

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
