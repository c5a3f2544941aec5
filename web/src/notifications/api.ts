// The in-app inbox (消息) as the web app uses it; the shapes are the server's contract
// (src/notifications/contract.ts: types only).
import { api } from '../shell';
import type { InboxItem, InboxPage } from '../../../src/notifications/contract';

export type { InboxItem, InboxPage };

/** Told on the window when the inbox changed here, so the bell need not wait for its next poll. */
export const INBOX_CHANGED = 'qinqing:inbox-changed';
export const announceInboxChange = () => window.dispatchEvent(new Event(INBOX_CHANGED));

export const notificationsApi = {
  list: (q: { unread?: boolean; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api.get<InboxPage>('/api/notifications', { unread: q.unread ? true : undefined, page: q.page, pageSize: q.pageSize }, { signal }),
  markRead: (id: number) => api.post<InboxItem>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<unknown>('/api/notifications/read-all'),
};
