// The app shell: providers (i18n, antd locale, auth), the router assembled from the modules'
// routes, the role guard on every route, and the login / 403 / 404 pages. What only some pages
// show (the staff layout, the log-in form, the status pages) loads with them, so that a citizen's
// first visit to a public page fetches none of it.
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { I18nProvider, useI18n } from './i18n';
import { buildRegistry, RegistryContext, type AppModule, type RouteEntry } from './modules';
import { hasAnyRole } from './roles';
import { FullPageSpin } from './FullPageSpin';

const AppLayout = lazy(() => import('./AppLayout'));
const LoginPage = lazy(() => import('./LoginPage'));
const ForbiddenPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.NotFoundPage })));
const SessionErrorPage = lazy(() => import('./StatusPages').then((m) => ({ default: m.SessionErrorPage })));

function RequireAuth({ children }: { children: ReactNode }) {
  const { status, me, signedOut } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return <FullPageSpin />;
  }
  if (status === 'error') {
    return <SessionErrorPage />;
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
  return <Page />;
}

function AppRoutes({ routes }: { routes: RouteEntry[] }) {
  return (
    // Until a page's code (and the staff layout's) has loaded; inside the layout, its own
    // fallback keeps the menu on screen while a page loads.
    <Suspense fallback={<FullPageSpin />}>
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
    </Suspense>
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

