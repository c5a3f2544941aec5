import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { NotificationDispatcher } from '../../src/notifications/dispatcher.js';
import { inAppSender } from '../../src/notifications/senders/inApp.js';

/** The home page's worklists, the notification bell and its page, and what each role's menu offers. */
describe('worklists and notifications in Chromium', () => {
  let f: BrowserFixture;
  const cookies: Record<string, string> = {};
  const api = async (role: string, method: string, url: string, body?: unknown) => {
    const res = await f.app.inject({ method: method as never, url, headers: { cookie: cookies[role], ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body ? JSON.stringify(body) : undefined });
    expect(res.statusCode, `${role} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const complaint = (title: string) => ({
    channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理。`, address: '驻马店市驿城区人民街道', regionCode: '411702',
    requester: { kind: 'person', name: '王女士', phone: '13900001111' },
  });
  let dispatchedId = 0;

  beforeAll(async () => {
    f = await startBrowserFixture();
    for (const role of ['agent', 'dispatcher', 'handler']) {
      const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: role, password: 'demo-2026' }) });
      cookies[role] = `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
    }
    for (const title of ['路灯不亮', '井盖缺失', '占道经营']) await api('agent', 'POST', '/api/cases', complaint(title));
    const c = await api('agent', 'POST', '/api/cases', complaint('超市卖过期面包'));
    dispatchedId = c.id;
    const seen = await api('dispatcher', 'GET', `/api/cases/${c.id}`);
    await api('dispatcher', 'POST', `/api/cases/${c.id}/dispatch`, { version: seen.version, leadOfficeId: f.demo.offices['zmd-dept-0'] });
    await new NotificationDispatcher(f.database.db, { senders: [inAppSender(f.database.db)] }).runOnce();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  /** The count a worklist entry shows, once loaded. */
  const countOf = async (key: string) => {
    const tile = f.page.locator(`[data-testid="worklist-${key}"]:not([data-count=""])`);
    await tile.waitFor();
    return Number(await tile.getAttribute('data-count'));
  };
  /** Opens a worklist entry and reads the list's total under its table. */
  const openAndReadTotal = async (key: string) => {
    await f.page.getByTestId(`worklist-${key}`).click();
    await f.page.getByTestId('cases-table').waitFor();
    const total = f.page.locator('.ant-pagination-total-text');
    await total.waitFor();
    return (await total.textContent())!;
  };

  it('shows the dispatcher the cases to dispatch, and the count is the total of the list it opens', async () => {
    await f.login('dispatcher');
    const toDispatch = await countOf('cases-toDispatch');
    const { total } = await api('dispatcher', 'GET', '/api/cases?status=accepted&pageSize=1');
    expect(toDispatch).toBe(total);
    expect(toDispatch).toBeGreaterThanOrEqual(3);
    expect(await openAndReadTotal('cases-toDispatch')).toBe(`共 ${toDispatch} 件`);
    expect(new URL(f.page.url()).search).toBe('?status=accepted');
    await f.page.goto(`${f.url}/`);
    expect(await countOf('cases-extensions')).toBe(0);
    expect(await f.page.getByTestId('worklist-cases-toSign').count()).toBe(0);
  });

  it('shows the handler the case to sign, tells them through the bell, and the notice opens the case', async () => {
    const { page } = f;
    await f.login('handler');
    const toSign = await countOf('cases-toSign');
    expect(toSign).toBe((await api('handler', 'GET', '/api/cases?status=dispatched&pageSize=1')).total);
    expect(toSign).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('worklist-cases-toDispatch').count()).toBe(0);

    const inbox = await api('handler', 'GET', '/api/notifications?unread=true&pageSize=100');
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    const bell = page.locator(`[data-testid="notification-bell"][data-unread="${inbox.unread}"]`);
    await bell.waitFor();
    await bell.click();
    await page.getByTestId('notifications-list').waitFor();
    const notice = inbox.items.find((n: { subject: { type: string; id: number } | null }) => n.subject?.type === 'case' && n.subject.id === dispatchedId);
    expect(notice).toBeTruthy();
    expect(await page.getByTestId(`notification-${notice.id}`).getAttribute('data-read')).toBe('false');
    await page.getByTestId(`notification-open-${notice.id}`).click();
    await page.waitForURL(`**/cases/${dispatchedId}`);
    await page.locator(`[data-testid="notification-bell"][data-unread="${inbox.unread - 1}"]`).waitFor();
    expect((await api('handler', 'GET', '/api/notifications?unread=true')).unread).toBe(inbox.unread - 1);

    await page.getByTestId('notification-bell').click();
    await page.locator(`[data-testid="notification-${notice.id}"][data-read="true"]`).waitFor();
    await page.getByTestId('notifications-unread-only').click();
    await page.locator(`[data-testid="notification-${notice.id}"]`).waitFor({ state: 'detached' });
    if (inbox.unread > 1) {
      await page.getByTestId('notifications-read-all').click();
      await page.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
    }
    expect((await api('handler', 'GET', '/api/notifications?unread=true')).unread).toBe(0);
  });

  it('offers an enterprise user no working calendar and no staff worklist', async () => {
    const { page } = f;
    await f.login('enterprise');
    await page.getByTestId('home-welcome').waitFor();
    await page.getByTestId('notification-bell').waitFor();
    expect(await page.getByTestId('menu-calendar').count()).toBe(0);
    expect(await page.getByTestId('home-worklist').count()).toBe(0);
    await page.goto(`${f.url}/admin/calendar`);
    await page.getByTestId('forbidden').waitFor();
  });

  it('lets the system administrator read the dashboard but no case, as the README says', async () => {
    const { page } = f;
    await f.login('admin');
    await page.getByTestId('menu-calendar').waitFor();
    expect(await page.getByTestId('menu-cases').count()).toBe(0);
    expect(await page.getByTestId('home-worklist').count()).toBe(0);
    await page.getByTestId('menu-eval-dashboard').click();
    await page.getByTestId('eval-headlines').waitFor();
    await page.goto(`${f.url}/cases`);
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`${f.url}/cases/${dispatchedId}`);
    await page.getByTestId('forbidden').waitFor();
  });
});
