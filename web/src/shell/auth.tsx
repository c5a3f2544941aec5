// Who is signed in. Loads GET /api/me once, keeps it in context, and signs the user out
// locally whenever any API call answers 401 (the guard then sends them to the login page).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, isApiError, setUnauthorizedHandler } from './api';
import type { Me } from './types';

type Status = 'loading' | 'ready' | 'error';

interface AuthValue {
  status: Status;
  me: Me | null;
  /** Set when the session ended under the user's feet (a 401 after being signed in). */
  sessionExpired: boolean;
  /** Set after the user signed out on purpose: the login page then starts fresh (no "next"). */
  signedOut: boolean;
  /** Error from the initial /api/me probe when it was not a 401 (server down, 5xx). */
  loadError: unknown;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Who is signed in, or null: the session probe answers 200 either way (no 401 in a visitor's console). */
export function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  return api.get<{ me: Me | null }>('/api/session', undefined, { signal, noAuthRedirect: true }).then((r) => r.me);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const meRef = useRef<Me | null>(null);
  meRef.current = me;

  const refresh = useCallback(async () => {
    try {
      const m = await fetchMe();
      setMe(m);
      setLoadError(undefined);
      setStatus('ready');
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setMe(null);
        setStatus('ready');
      } else {
        setLoadError(e);
        setStatus('error');
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (meRef.current) setSessionExpired(true);
      setMe(null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<{ user: Me }>('/api/auth/login', { username, password }, { noAuthRedirect: true });
    setSessionExpired(false);
    setSignedOut(false);
    setMe(res.user);
    setStatus('ready');
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', undefined, { noAuthRedirect: true });
    } catch {
      /* signing out locally is what matters */
    }
    setSessionExpired(false);
    setSignedOut(true);
    setMe(null);
  }, []);

  const changePassword = useCallback(
    async (currentPassword: string, newPassword: string) => {
      await api.post<void>('/api/me/password', { currentPassword, newPassword });
      await refresh();
    },
    [refresh],
  );

  const value = useMemo(
    () => ({ status, me, sessionExpired, signedOut, loadError, login, logout, refresh, changePassword }),
    [status, me, sessionExpired, signedOut, loadError, login, logout, refresh, changePassword],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth must be used inside <AuthProvider>');
  return v;
}

/** The signed-in user; only for components rendered behind the auth guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside the signed-in area');
  return me;
}

/** A safe in-app path to return to after login (no protocol-relative or external URLs). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
