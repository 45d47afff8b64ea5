/**
 * The shell around every signed-in page: a side menu on a laptop, a drawer behind a button on a
 * phone, the user's name and role, and logout. Menu items follow the user's role.
 */
import {
  AuditOutlined,
  MailOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  FundOutlined,
  GlobalOutlined,
  ScheduleOutlined,
  EditOutlined,
  LogoutOutlined,
  MenuOutlined,
  ApartmentOutlined,
  SettingOutlined,
  TrophyOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { User } from '../api/types';
import { useAuth, useUser } from '../auth';
import { ROLE_LABELS } from '../format';
import { prefetchAfterSignIn, prefetchRankingMenu } from '../routes';
import { BRAND_RED } from '../theme';
import { useFocusableScrollers } from './scrollers';

type MenuItem = Required<MenuProps>['items'][number];

function menuItems(user: User): MenuItem[] {
  const items: MenuItem[] = [
    { key: '/periods', icon: <CalendarOutlined />, label: 'Kỳ đánh giá' },
    { key: '/ranking', icon: <TrophyOutlined />, label: 'Bảng xếp hạng', onMouseEnter: prefetchRankingMenu },
  ];
  if (user.role === 'unit-editor' && user.unitId) {
    items.push(
      { key: '/self-assessment', icon: <EditOutlined />, label: 'Tự đánh giá' },
      { key: `/units/${user.unitId}`, icon: <ApartmentOutlined />, label: 'Đơn vị của tôi' },
    );
  }
  if (user.role === 'admin' || user.role === 'reviewer') {
    items.push(
      { key: '/review', icon: <CheckSquareOutlined />, label: 'Rà soát, chấm điểm' },
      { key: '/import', icon: <UploadOutlined />, label: 'Nhập dữ liệu' },
    );
  }
  items.push(
    { key: '/units', icon: <ApartmentOutlined />, label: 'Đơn vị' },
    { key: '/compare', icon: <BarChartOutlined />, label: 'So sánh trong nhóm' },
  );
  if (user.role === 'admin' || user.role === 'reviewer') items.push({ key: '/proposals', icon: <CheckSquareOutlined />, label: 'Đề xuất trừ điểm' });
  if (user.role === 'admin' || user.role === 'reviewer') items.push({ key: '/sources', icon: <GlobalOutlined />, label: 'Nguồn tin & đọc cổng' });
  if (user.role !== 'viewer') {
    items.push({ key: '/pakn', icon: <CommentOutlined />, label: 'PAKN' }, { key: '/appeals', icon: <AuditOutlined />, label: 'Khiếu nại' });
  }
  items.push(
    { key: '/year-report', icon: <FundOutlined />, label: 'Tổng hợp năm / quý' },
    { key: '/rules', icon: <SettingOutlined />, label: 'Quy tắc chấm điểm' },
    { key: '/days-off', icon: <ScheduleOutlined />, label: 'Ngày nghỉ' },
  );
  if (user.role === 'admin') {
    items.push(
      {
        key: 'settings',
        icon: <SettingOutlined />,
        label: 'Cài đặt',
        children: [
          { key: '/settings/province', label: 'Thông tin tỉnh' },
          { key: '/settings/groups', label: 'Nhóm và chuyên mục' },
          { key: '/settings/units', label: 'Đơn vị và thứ tự' },
          { key: '/settings/users', label: 'Người dùng' },
        ],
      },
      { key: '/audit', icon: <AuditOutlined />, label: 'Nhật ký thay đổi' },
      { key: '/mail-log', icon: <MailOutlined />, label: 'Nhật ký thư điện tử' },
    );
  }
  return items;
}

/** Role and unit under the user's name, without repeating a role that is also the account's name. */
function roleAndUnit(user: User): string {
  const parts: string[] = [];
  if (ROLE_LABELS[user.role].toLocaleLowerCase('vi') !== user.displayName.toLocaleLowerCase('vi')) parts.push(ROLE_LABELS[user.role]);
  if (user.unitName) parts.push(user.unitName);
  return parts.join(' · ');
}

/** The menu key that matches the current address best (the longest prefix). */
function selectedKey(items: MenuItem[], pathname: string): string[] {
  const keys: string[] = [];
  const walk = (list: MenuItem[]) => {
    for (const item of list) {
      if (!item || !('key' in item)) continue;
      keys.push(String(item.key));
      if ('children' in item && item.children) walk(item.children);
    }
  };
  walk(items);
  // A period's pages belong to the menu entry of what they show, not to the period list.
  for (const page of ['/review', '/self-assessment', '/ranking']) {
    if (pathname.startsWith('/periods/') && pathname.endsWith(page) && keys.includes(page)) return [page];
  }
  const match = keys.filter((k) => k.startsWith('/') && (pathname === k || pathname.startsWith(k + '/')));
  match.sort((a, b) => b.length - a.length);
  return match.length > 0 ? [match[0]!] : [];
}

export function AppLayout({ children }: { children: ReactNode }) {
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement the breakpoint is unknown; the window width decides then.
  const desktop = screens.lg ?? window.innerWidth >= 992;
  const [drawerOpen, setDrawerOpen] = useState(false);
  // The pages one opens next (the ranking above all) are fetched while this one is read.
  useEffect(prefetchAfterSignIn, []);
  const content = useRef<HTMLElement>(null);
  useFocusableScrollers(content);

  const items = menuItems(user);
  const selected = selectedKey(items, location.pathname);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      defaultOpenKeys={location.pathname.startsWith('/settings') ? ['settings'] : []}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const nav = <nav aria-label="Menu chính">{menu}</nav>;

  const title = (
    <Typography.Text strong style={{ fontSize: desktop ? 16 : 14, color: BRAND_RED }} ellipsis>
      Chấm điểm Cổng TTĐT — {user.provinceName}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua menu, đến nội dung chính
      </a>
      <Layout.Header
        style={{
          background: '#fff',
          padding: desktop ? '0 24px' : '0 12px',
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {!desktop && (
          <Button type="text" icon={<MenuOutlined />} aria-label="Mở menu" onClick={() => setDrawerOpen(true)} />
        )}
        <div style={{ flex: 1, minWidth: 0, display: 'flex' }}>{title}</div>
        <Space size="small">
          {desktop && (
            <Typography.Text type="secondary" data-testid="current-user">
              {[user.displayName, roleAndUnit(user)].filter(Boolean).join(' · ')}
            </Typography.Text>
          )}
          <Button
            icon={<LogoutOutlined />}
            onClick={() => {
              void logout().then(() => navigate('/login'));
            }}
          >
            {desktop ? 'Đăng xuất' : null}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        {desktop ? (
          <Layout.Sider width={232} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            {nav}
          </Layout.Sider>
        ) : (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={272}
            title={
              <div>
                <div>{user.displayName}</div>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {roleAndUnit(user)}
                </Typography.Text>
              </div>
            }
            styles={{ body: { padding: 0 } }}
          >
            {nav}
          </Drawer>
        )}
        <Layout.Content ref={content} id="noi-dung" tabIndex={-1} style={{ padding: desktop ? 24 : 12, minWidth: 0, outline: 'none' }}>
          {children}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
