// The frame of the public pages: no staff menu, the portal's name, language switch, and links
// between the public pages and to the staff sign-in. The links are the log-in page's public
// links (every module's `loginLinks`), so a module adding a public page appears here as well.
import type { ReactNode } from 'react';
import { Layout, Space, Typography } from 'antd';
import { Link, NavLink } from 'react-router-dom';
import { LanguageSwitch, useI18n } from '../shell';
import { useRegistry } from '../shell/modules';

export function PublicLayout({ children, width = 760 }: { children: ReactNode; /** Widest the content gets (tables need more than forms). */ width?: number }) {
  const { t } = useI18n();
  const { loginLinks } = useRegistry();
  const nav = ({ isActive }: { isActive: boolean }) => ({ fontWeight: isActive ? 600 : 400 });
  return (
    <Layout style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e8f0fe 0%, #f5f7fa 50%)' }}>
      <Layout.Header
        style={{
          background: '#fff', display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: 16, rowGap: 4,
          height: 'auto', minHeight: 64, lineHeight: '32px', padding: '12px 16px', borderBottom: '1px solid #eee',
        }}
      >
        <Space size="middle" wrap={false}>
          <Typography.Text strong style={{ color: '#b71c1c', fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('public.portal')}</Typography.Text>
        </Space>
        <Space size="middle" wrap>
          <nav aria-label={t('public.portal')}>
            <Space size="middle" wrap>
              {loginLinks.map((l) => (
                <NavLink key={l.key} to={l.path} style={nav} data-testid={`public-nav-${l.key.replace(/^public-/, '')}`}>
                  {t(l.labelKey)}
                </NavLink>
              ))}
            </Space>
          </nav>
          <LanguageSwitch />
          <Link to="/login">{t('public.staffLogin')}</Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        <main style={{ maxWidth: width, margin: '0 auto' }}>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
