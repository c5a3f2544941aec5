// The app shell: providers (i18n, antd locale, auth), the router assembled from the modules'
// routes, the role guard on every route, and the login / 403 / 404 pages.
import { Suspense, useMemo, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import AppLayout from './AppLayout';
import { errorText } from './errors';
import { I18nProvider, useI18n } from './i18n';
import LoginPage from './LoginPage';
import { buildRegistry, RegistryContext, type AppModule, type RouteEntry } from './modules';
import { hasAnyRole } from './roles';
import { ForbiddenPage, FullPageSpin, NotFoundPage } from './StatusPages';

function RequireAuth({ children }: { children: ReactNode }) {
  const { status, me, signedOut, loadError, refresh } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'loading') {
    return <FullPageSpin />;
  }
  if (status === 'error') {
    return (
      <Result
        status="error"
        title={t('error.server.title')}
        subTitle={errorText(loadError, t('error.unexpected'))}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    const to = next === '/' || signedOut ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return <>{children}</>;
}

/** Renders the route's page only for the roles it allows; everyone else gets the 403 page. */
function RoleGate({ route }: { route: RouteEntry }) {
  const { me } = useAuth();
  if (!hasAnyRole(me?.roles, route.roles)) return <ForbiddenPage />;
  const Page = route.component;
  return <Page />;
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** A public page: no log-in, no staff layout. */
function PublicPage({ route }: { route: RouteEntry }) {
  const Page = route.component;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}

function AppRoutes({ routes }: { routes: RouteEntry[] }) {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {routes
        .filter((r) => r.public)
        .map((r) => (
          <Route key={r.path} path={r.path} element={<PublicPage route={r} />} />
        ))}
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {routes
          .filter((r) => !r.public)
          .map((r) => (
            <Route key={r.path} path={r.path} element={<RoleGate route={r} />} />
          ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export default function App({ modules }: { modules: readonly AppModule[] }) {
  const registry = useMemo(() => buildRegistry(modules), [modules]);
  return (
    <I18nProvider messages={registry.messages}>
      <Themed>
        <RegistryContext.Provider value={registry}>
          <BrowserRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
            <AuthProvider>
              <AppRoutes routes={registry.routes} />
            </AuthProvider>
          </BrowserRouter>
        </RegistryContext.Provider>
      </Themed>
    </I18nProvider>
  );
}

