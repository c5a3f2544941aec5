// The frame of the public pages: no staff menu, the portal's name, language switch, and links
// between the public pages and to the staff sign-in.
import type { ReactNode } from 'react';
import { Layout, Space, Typography } from 'antd';
import { Link, NavLink } from 'react-router-dom';
import { LanguageSwitch, useI18n } from '../shell';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const nav = ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 600 : 400 });
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e8f0fe 0%, #f5f7fa 50%)' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 16px', borderBottom: '1px solid #eee' }}>
        <Space size="middle" wrap={false}>
          <Typography.Text strong style={{ color: '#b71c1c', fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('public.portal')}</Typography.Text>
        </Space>
        <Space size="middle" wrap={false}>
          <nav aria-label={t('public.portal')}>
            <Space size="middle">
              <NavLink to="/public/appeal" style={nav} data-testid="public-nav-appeal">
                {t('public.link.appeal')}
              </NavLink>
              <NavLink to="/public/track" style={nav} data-testid="public-nav-track">
                {t('public.link.track')}
              </NavLink>
            </Space>
          </nav>
          <LanguageSwitch />
          <Link to="/login">{t('public.staffLogin')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <main style={{ maxWidth: 760, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
