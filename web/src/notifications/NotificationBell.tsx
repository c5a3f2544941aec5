// The header's bell: the unread count, asked for every minute while the tab is visible, on every
// page change and when this tab changed the inbox — one small query (a page of one unread notice).
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../shell';
import { INBOX_CHANGED, notificationsApi } from './api';

const POLL_MS = 60_000;

export default function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState<number | null>(null);

  const refresh = useCallback((signal?: AbortSignal) => {
    // The count is a hint: a failed poll keeps the last figure and the next one tries again.
    notificationsApi.list({ unread: true, pageSize: 1 }, signal).then((p) => setUnread(p.unread), () => undefined);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    refresh(ctrl.signal);
    return () => ctrl.abort();
  }, [refresh, pathname]);

  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const timer = window.setInterval(tick, POLL_MS);
    const changed = () => refresh();
    window.addEventListener(INBOX_CHANGED, changed);
    document.addEventListener('visibilitychange', tick);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, changed);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [refresh]);

  return (
    <Button
      type="text"
      onClick={() => navigate('/notifications')}
      aria-label={t('notifications.bell', { n: unread ?? 0 })}
      data-testid="notification-bell"
      data-unread={unread ?? ''}
      icon={
        <Badge count={unread ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
}
