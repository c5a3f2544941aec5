import { Suspense, useMemo, useState } from 'react';
import { Alert, Button, Dropdown, Grid, Layout, Menu, Space, Spin, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe, useAuth } from './auth';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { activeMenuKey, useRegistry, visibleMenu, type MenuEntry } from './modules';
import { hasAnyRole } from './roles';

const { Header, Sider, Content } = Layout;

function PageFallback() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export default function AppLayout() {
  const { t } = useI18n();
  const me = useMe();
  const { logout } = useAuth();
  const { menu, menuGroups, header } = useRegistry();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);

  const entries = useMemo(() => visibleMenu(menu, me.roles), [menu, me.roles]);

  const items = useMemo<MenuProps['items']>(() => {
    const toItem = (e: MenuEntry) => ({
      key: e.key,
      icon: e.icon,
      label: <span data-testid={`menu-${e.key}`}>{t(e.labelKey)}</span>,
    });
    const top = entries.filter((e) => !e.group || !menuGroups.some((g) => g.key === e.group));
    const out: NonNullable<MenuProps['items']> = top.map(toItem);
    for (const g of menuGroups) {
      const children = entries.filter((e) => e.group === g.key);
      if (children.length === 0) continue;
      out.push({ key: `group:${g.key}`, icon: g.icon, label: t(g.labelKey), children: children.map(toItem) });
    }
    return out;
  }, [entries, menuGroups, t]);

  const selected = activeMenuKey(entries, location.pathname);
  const openGroups = menuGroups.filter((g) => entries.some((e) => e.group === g.key)).map((g) => `group:${g.key}`);

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    const e = entries.find((x) => x.key === key);
    if (e) navigate(e.path);
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('header.changePassword')}</span> },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') setPwdOpen(true);
      if (key === 'logout') void logout();
    },
  };

  const officeLabel = me.office ? me.office.name : t('header.noOffice');
  // On a phone (the enterprise portal at 390 px) the menu folds away entirely and the header keeps only its buttons.
  const narrow = Grid.useBreakpoint().md === false;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The menu scrolls on its own beside the page, above the collapse trigger, however many modules it lists. */}
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={220} collapsedWidth={narrow ? 0 : 80} theme="dark" style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#fff',
            fontSize: collapsed ? 18 : 20,
            fontWeight: 600,
            letterSpacing: 2,
            cursor: 'pointer',
          }}
          onClick={() => navigate('/')}
          role="link"
          aria-label={t('menu.home')}
        >
          {collapsed ? t('app.name').slice(0, 1) : t('app.name')}
        </div>
        <nav aria-label="main" style={{ overflowY: 'auto', maxHeight: 'calc(100vh - 56px - 48px)' }}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            defaultOpenKeys={openGroups}
            onClick={onMenuClick}
            data-testid="side-menu"
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {narrow ? (
            // On a phone the name takes the room the buttons leave and wraps onto a second line (an
            // enterprise's name is long) rather than running under the page.
            <Typography.Text
              strong
              title={me.name}
              data-testid="header-user"
              style={{
                flex: 1, minWidth: 0, marginRight: 8, lineHeight: 1.3, overflowWrap: 'anywhere',
                display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden',
              }}
            >
              {me.name}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary" ellipsis>
              {t('app.subtitle')}
            </Typography.Text>
          )}
          <Space size="small" wrap={false}>
            {!narrow && (
              <span data-testid="header-user">
                <Typography.Text strong>{me.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="header-office">
                  {officeLabel}
                </Typography.Text>
              </span>
            )}
            <Suspense fallback={null}>
              {header.filter((w) => hasAnyRole(me.roles, w.roles)).map((w) => <w.component key={w.key} />)}
            </Suspense>
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']}>
              <Button type="text" icon={<UserOutlined />} aria-label={t('header.userMenu')} data-testid="user-menu">
                <DownOutlined />
              </Button>
            </Dropdown>
            <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} aria-label={t('header.logout')} data-testid="logout">
              {narrow ? null : t('header.logout')}
            </Button>
          </Space>
        </Header>
        {me.demo && <Alert type="warning" banner message={t('demo.banner')} data-testid="demo-banner" />}
        <Content style={{ margin: narrow ? 8 : 16 }}>
          <main>
            <Suspense fallback={<PageFallback />}>
              <Outlet />
            </Suspense>
          </main>
        </Content>
      </Layout>
      <ChangePasswordDialog
        open={pwdOpen || me.mustChangePassword}
        forced={me.mustChangePassword}
        onClose={() => setPwdOpen(false)}
      />
    </Layout>
  );
}
