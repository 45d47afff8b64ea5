/**
 * The unit registry: the order units keep in the notice when ties occur, new units, and the
 * changes that take effect on a date (rename, retirement, merger) so old notices stay true.
 */
import { ArrowDownOutlined, ArrowUpOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Dropdown, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../api/client';
import type { Unit } from '../../api/types';
import { ErrorNotice, PageTitle } from '../../components/common';
import { compareNames, formatDate } from '../../format';
import { useLoad } from '../../hooks';

type Action = { kind: 'create' } | { kind: 'rename' | 'retire' | 'merge'; unit: Unit };

interface ActionForm {
  name?: string;
  groupId?: string;
  portalUrl?: string;
  intoUnitId?: string;
  effectiveOn?: Dayjs;
}

const TITLES: Record<Action['kind'], string> = {
  create: 'Thêm đơn vị',
  rename: 'Đổi tên đơn vị',
  retire: 'Cho đơn vị thôi hoạt động',
  merge: 'Sáp nhập đơn vị',
};

export default function UnitsSettingsPage() {
  const { message } = App.useApp();
  const units = useLoad(() => api.units(), []);
  const groups = useLoad(() => api.groups(), []);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ActionForm>();

  const active = [...(units.data ?? [])].filter((u) => !u.retiredOn).sort((a, b) => a.position - b.position);
  const retired = [...(units.data ?? [])].filter((u) => u.retiredOn).sort((a, b) => compareNames(a.name, b.name));

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      setAction(null);
      form.resetFields();
      units.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (values: ActionForm) => {
    if (!action) return;
    const effectiveOn = values.effectiveOn?.format('YYYY-MM-DD') ?? '';
    switch (action.kind) {
      case 'create':
        return run(
          () => api.createUnit({ name: values.name?.trim() ?? '', groupId: values.groupId ?? '', portalUrl: values.portalUrl?.trim() || null }),
          'Đã thêm đơn vị.',
        );
      case 'rename':
        return run(() => api.updateUnit(action.unit.id, { rename: { name: values.name?.trim() ?? '', effectiveOn } }), 'Đã đổi tên.');
      case 'retire':
        return run(() => api.updateUnit(action.unit.id, { retire: { effectiveOn } }), 'Đơn vị đã thôi hoạt động.');
      case 'merge':
        return run(() => api.updateUnit(action.unit.id, { merge: { intoUnitId: values.intoUnitId ?? '', effectiveOn } }), 'Đã sáp nhập.');
    }
  };

  const move = (unit: Unit, position: number) =>
    run(() => api.updateUnit(unit.id, { position }), `Đã chuyển ${unit.name} tới vị trí ${position}.`);

  const columns: TableColumnsType<Unit> = [
    { title: 'Thứ tự', dataIndex: 'position', width: 64, align: 'center' },
    { title: 'Tên đơn vị', dataIndex: 'name' },
    { title: 'Nhóm', dataIndex: 'groupName', responsive: ['md'] },
    {
      title: 'Thao tác',
      key: 'actions',
      render: (_, unit, index) =>
        unit.retiredOn ? (
          <Tag>{unit.mergedInto ? 'Đã sáp nhập' : 'Thôi hoạt động'} từ {formatDate(unit.retiredOn)}</Tag>
        ) : (
          <Space size="small">
            <Button size="small" icon={<ArrowUpOutlined />} aria-label="Lên" disabled={index === 0 || busy} onClick={() => void move(unit, active[index - 1]!.position)} />
            <Button size="small" icon={<ArrowDownOutlined />} aria-label="Xuống" disabled={index === active.length - 1 || busy} onClick={() => void move(unit, active[index + 1]!.position)} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'rename', label: 'Đổi tên' },
                  { key: 'merge', label: 'Sáp nhập vào đơn vị khác' },
                  { key: 'retire', label: 'Thôi hoạt động', danger: true },
                ],
                onClick: ({ key }) => setAction({ kind: key as 'rename' | 'merge' | 'retire', unit }),
              }}
            >
              <Button size="small" icon={<MoreOutlined />} aria-label={`Thao tác khác: ${unit.name}`} />
            </Dropdown>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAction({ kind: 'create' })}>Thêm đơn vị</Button>}>
        Đơn vị và thứ tự
      </PageTitle>
      <ErrorNotice error={units.error ?? groups.error} onRetry={units.reload} />
      <Table<Unit>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...active, ...retired]}
        loading={units.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        title={action ? `${TITLES[action.kind]}${action.kind !== 'create' ? `: ${action.unit.name}` : ''}` : ''}
        open={action !== null}
        okText="Ghi"
        cancelText="Hủy"
        confirmLoading={busy}
        destroyOnHidden
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
      >
        <Form<ActionForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          {(action?.kind === 'create' || action?.kind === 'rename') && (
            <Form.Item name="name" label="Tên đơn vị" rules={[{ required: true, whitespace: true, message: 'Nhập tên' }]}>
              <Input />
            </Form.Item>
          )}
          {action?.kind === 'create' && (
            <>
              <Form.Item name="groupId" label="Nhóm" rules={[{ required: true, message: 'Chọn nhóm' }]}>
                <Select options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
              <Form.Item name="portalUrl" label="Địa chỉ cổng thông tin" rules={[{ type: 'url', message: 'Địa chỉ không hợp lệ' }]}>
                <Input placeholder="https://" />
              </Form.Item>
            </>
          )}
          {action?.kind === 'merge' && (
            <Form.Item name="intoUnitId" label="Sáp nhập vào" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={active.filter((u) => u.id !== action.unit.id).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
          {action && action.kind !== 'create' && (
            <Form.Item name="effectiveOn" label="Có hiệu lực từ ngày" rules={[{ required: true, message: 'Chọn ngày' }]}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
