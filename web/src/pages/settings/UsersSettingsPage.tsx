/** Accounts: who may sign in, with which role, and for unit editors which unit. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../api/client';
import type { ManagedUser, Role } from '../../api/types';
import { ErrorNotice, PageTitle } from '../../components/common';
import { ROLE_LABELS, compareNames } from '../../format';
import { useLoad } from '../../hooks';

interface UserForm {
  username?: string;
  displayName: string;
  email?: string;
  role: Role;
  unitId?: string | null;
  password?: string;
}

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export default function UsersSettingsPage() {
  const { message } = App.useApp();
  const users = useLoad(() => api.users(), []);
  const units = useLoad(() => api.units(), []);
  const [editing, setEditing] = useState<ManagedUser | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);

  const unitOptions = [...(units.data ?? [])]
    .filter((u) => !u.retiredOn)
    .sort((a, b) => compareNames(a.name, b.name))
    .map((u) => ({ value: u.id, label: u.name }));

  const open = (user: ManagedUser | 'new') => {
    setEditing(user);
    form.setFieldsValue(
      user === 'new'
        ? { username: '', displayName: '', email: '', role: 'unit-editor', unitId: null, password: '' }
        : { displayName: user.displayName, email: user.email ?? '', role: user.role, unitId: user.unitId, password: '' },
    );
  };

  const save = async (values: UserForm) => {
    setBusy(true);
    try {
      const unitId = values.role === 'unit-editor' ? (values.unitId ?? null) : null;
      if (editing === 'new') {
        await api.createUser({
          username: values.username?.trim() ?? '',
          password: values.password ?? '',
          displayName: values.displayName.trim(),
          email: values.email?.trim() || null,
          role: values.role,
          unitId,
        });
        message.success('Đã tạo tài khoản.');
      } else if (editing) {
        await api.updateUser(editing.id, {
          displayName: values.displayName.trim(),
          email: values.email?.trim() || null,
          role: values.role,
          unitId,
          ...(values.password ? { password: values.password } : {}),
        });
        message.success('Đã lưu tài khoản.');
      }
      setEditing(null);
      users.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const setActive = async (user: ManagedUser, active: boolean) => {
    try {
      await api.updateUser(user.id, { active });
      users.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<ManagedUser> = [
    { title: 'Tên đăng nhập', dataIndex: 'username' },
    { title: 'Họ và tên', dataIndex: 'displayName', sorter: (a, b) => compareNames(a.displayName, b.displayName) },
    { title: 'Vai trò', dataIndex: 'role', render: (r: Role) => <Tag>{ROLE_LABELS[r]}</Tag> },
    { title: 'Đơn vị', dataIndex: 'unitName', render: (n: string | null) => n ?? '—' },
    { title: 'Thư điện tử', dataIndex: 'email', render: (e: string | null) => e ?? '—' },
    {
      title: 'Hoạt động',
      dataIndex: 'active',
      render: (active: boolean, u) => <Switch size="small" checked={active} onChange={(v) => void setActive(u, v)} aria-label="Hoạt động" />,
    },
    { title: <span className="sr-only">Thao tác</span>, key: 'edit', render: (_, u) => <Button size="small" onClick={() => open(u)}>Sửa</Button> },
  ];

  return (
    <>
      <PageTitle extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>Thêm tài khoản</Button>}>
        Người dùng
      </PageTitle>
      <ErrorNotice error={users.error} onRetry={users.reload} />
      <Table<ManagedUser> rowKey="id" size="small" columns={columns} dataSource={users.data ?? []} loading={users.loading} pagination={false} scroll={{ x: 'max-content' }} />
      <Modal
        title={editing === 'new' ? 'Thêm tài khoản' : `Sửa tài khoản ${editing ? editing.username : ''}`}
        open={editing !== null}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={busy}
        forceRender
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <Form<UserForm> form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {editing === 'new' && (
            <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, whitespace: true, message: 'Nhập tên đăng nhập' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="displayName" label="Họ và tên" rules={[{ required: true, whitespace: true, message: 'Nhập họ và tên' }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="email"
            label="Thư điện tử (nhận nhắc hạn, kết quả)"
            rules={[{ type: 'email', message: 'Địa chỉ thư điện tử không hợp lệ' }]}
          >
            <Input type="email" autoComplete="off" maxLength={254} />
          </Form.Item>
          <Form.Item name="role" label="Vai trò" rules={[{ required: true }]}>
            <Select options={ROLE_OPTIONS} />
          </Form.Item>
          {role === 'unit-editor' && (
            <Form.Item name="unitId" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label={editing === 'new' ? 'Mật khẩu' : 'Mật khẩu mới (để trống: giữ nguyên)'}
            rules={editing === 'new' ? [{ required: true, min: 8, message: 'Ít nhất 8 ký tự' }] : [{ min: 8, message: 'Ít nhất 8 ký tự' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
